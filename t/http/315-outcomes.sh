#!/bin/bash
# What an action ends with, and a balance that is not a debt (issue 10,
# items 2 and 3), over HTTP on the real stack:
#  - every action's redirect lands on a page that names what was done
#    (已记录收款 ¥X, 已记为符合, 已记为不符合, 已取消确认…, 分享, 撤销链接),
#    never the generic 操作已完成;
#  - 取消确认 offers 撤销: it restores the status and the answer time the
#    cancel cleared, keeps the customer's answer in feedback, is audited
#    once; a second undo, an undo after 收款 or after the customer answered
#    again is 409 and changes nothing;
#  - 收款 on a statement that leaves nothing owed (closing <= 0) asks once
#    more: without "仍要记录" it is 400 and records nothing, with it once;
#  - a negative closing is worded 预收金额 (staff) / 贵方预付余额 (customer)
#    without a minus sign on the card, the statement, the customer's page and
#    每天发送的记录; a positive one stays 欠款金额.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need

st_admin
st_user c "oc$U" clerk "$DZ_TEST_ERP_DSN"
clerk=oc$U
st_user v "ov$U" viewer "$DZ_TEST_ERP_DSN"
from=2026-09-01 to=2026-09-30
# a customer with both receipts and sales in September (not 310's or 320's:
# those take October and the first customers)
cu=$(sqlite3 "$DZ_TEST_ERP_SQLITE" "SELECT btypeid FROM Dlyndx WHERE draft = 2 AND RedOld = 'F'
	AND Date BETWEEN '$from' AND '$to' GROUP BY btypeid
	HAVING SUM(VchType = 4) > 0 AND SUM(VchType = 11) > 0 ORDER BY btypeid DESC LIMIT 1 OFFSET 1")
[ -n "$cu" ] || bail "no customer with receipts and sales in $from..$to"
"$ORACLE" --db "$DZ_TEST_ERP_SQLITE" --customer "$cu" --from "$from" --to "$to" >"$T/oracle"
receipts=$(awk -F '\t' '$1 == "doc" && $4 == 4 { print $2 }' "$T/oracle" | tr '\n' ' ')
sales=$(awk -F '\t' '$1 == "doc" && $4 == 11 { print $2 }' "$T/oracle" | head -2 | tr '\n' ' ')
# what the receipts alone add up to (fen, negative), as the oracle counts them
rsum=$(awk -F '\t' '$1 == "doc" && $4 == 4 { s += $7 } END { print s + 0 }' "$T/oracle")
[ "$rsum" -lt 0 ] || bail "the receipts of $cu do not add up below zero ($rsum)"
# prepaid: the receipts as the pages print them, without the sign (money, t/lib/http.sh)
prepaid=$(money "${rsum#-}")

# each field of st_state: status|received|version|deleted|answers|audit|links
field_of() { echo "$1" | cut -d'|' -f"$2"; }
last_audit() { sql "SELECT action FROM audit_log WHERE object = 'statement:$1' ORDER BY id DESC LIMIT 1"; }
# the one-line confirmation of the page (role="status"), tags stripped
said() { grep -o 'role="status">.*' "$BODY" | head -1 | sed -E 's/^role="status">//; s/<[^>]*>//g; s/[[:space:]]+$//'; }
# a statement owing money (two sales, no opening), or prepaid (receipts only)
owing() {
	# shellcheck disable=SC2086
	gen c "$cu" "$from" "$to" 0 $sales
	[ "$STATUS" = 303 ] && [ -n "$SID" ] || bail "cannot generate ($STATUS)"
}
prepaid_stmt() {
	# shellcheck disable=SC2086
	gen c "$cu" "$from" "$to" 0 $receipts
	[ "$STATUS" = 303 ] && [ -n "$SID" ] || bail "cannot generate ($STATUS)"
}
# share SID: a live link made through 分享; sets LINK (/c/<token>)
share() {
	get c "/statements/$1/share"
	post c "/statements/$1/share" "csrf=$(csrf)"
	[ "$STATUS" = 303 ] || bail "分享: $STATUS"
	SHARED=$(location)
	get c "/statements/$1/share"
	LINK=$(grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
	LINK=/c/${LINK##*/c/}
}
# answer LINK DECISION DESC: the customer's answer on the phone page
answer() {
	get P "$1"
	post P "$1" "csrf=$(csrf)" "decision=$2" "description=$3"
}

# --- each action says what it did ----------------------------------------------
owing
sid=$SID
act c "$sid" receive amount=1,234.50 date=2026-10-08 note=转账
is "$STATUS|$(location)" "303|/statements/$sid?done=receive" "收款: 303 back to the statement"
get c "$(location)"
is "$(said)" "已记录收款 ¥1,234.50" "收款: the page says 已记录收款 and the amount"
act c "$sid" agree "description=电话确认"
get c "$(location)"
is "$(said)" "已记为符合，对账单状态为“符合”。" "符合确认: the page says 已记为符合"
act c "$sid" cancel
is "$STATUS|$(location)" "303|/statements/$sid?done=cancel" "取消确认: 303 back to the statement"
get c "$(location)"
like "$(said)" "^已取消确认，对账单回到“未确认”，客户可以重新答复。" "取消确认: the page says what it did"
act c "$sid" dispute "description=少了 2 箱"
get c "$(location)"
is "$(said)" "已记为不符合，原因已记入反馈内容。" "不符合确认: the page says 已记为不符合"
share "$sid"
is "$SHARED" "/statements/$sid/share?made=1" "分享: 303 back to the share page"
get c "$SHARED"
is "$(said)" "已生成新的分享链接，之前的链接随之失效。把二维码或链接发给客户。" "分享: the page says a new link was made"
get c "/statements/$sid/share"
is "$(said)" "" "... only right after making it"
post c "/statements/$sid/revoke" "csrf=$(csrf)"
get c "$(location)"
is "$(said)" "已撤销分享链接，客户再打开会看到“链接已失效”。" "撤销链接: the page says so"
for d in bogus 1 "<b>x</b>"; do
	get c "/statements/$sid?done=$(printf %s "$d" | sed 's/</%3C/g; s/>/%3E/g')"
	is "$(said)" "" "?done=$d: no sentence (only our own codes)"
done
unlike "$(body)" "操作已完成" "the generic 操作已完成 is gone"

# --- 取消确认 and its undo ---------------------------------------------------------
owing
sid=$SID
share "$sid"
answer "$LINK" agreed "核对无误，谢谢"
is "$(sql "SELECT status FROM statements WHERE id = $sid")" agreed "the customer answers 符合 on the phone"
answered=$(sql "SELECT answered_at FROM statements WHERE id = $sid")
b=$(st_state "$sid")
act c "$sid" cancel
s=$(st_state "$sid")
is "$(field_of "$s" 1)|$(field_of "$s" 5)" "pending|$(field_of "$b" 5)" "取消确认: 未确认, the customer's answer kept"
get c "$(location)"
like "$(body)" "<form method=\"post\" action=\"/statements/$sid/uncancel\"" "取消确认's page offers 撤销"
is "$(field version)" "$(st_version "$sid")" "... on the version the cancel left"
tok=$(csrf) v=$(field version)
get c "/statements/$sid"
unlike "$(body)" "/uncancel\"" "the plain statement page has no 撤销 button"
get v "/statements/$sid?done=cancel"
is "$STATUS" 200 "a viewer's statement page: 200"
unlike "$(body)" "/uncancel\"" "... never with 撤销 (a viewer may not act)"
post v "/statements/$sid/uncancel" "csrf=$(csrf)" "version=$v"
is "$STATUS" 403 "撤销 by a viewer: 403"
is "$(st_state "$sid")" "$s" "... nothing changed"
post c "/statements/$sid/uncancel" "version=$v"
is "$STATUS" 403 "撤销 without the csrf token: 403"
is "$(st_state "$sid")" "$s" "... nothing changed"
b=$s
post c "/statements/$sid/uncancel" "csrf=$tok" "version=$v"
is "$STATUS|$(location)" "303|/statements/$sid?done=uncancel" "撤销: 303 back to the statement"
s=$(st_state "$sid")
is "$(field_of "$s" 1)|$(field_of "$s" 2)|$(field_of "$s" 5)" "agreed|$(field_of "$b" 2)|$(field_of "$b" 5)" \
	"撤销: 符合 again, received and answers as they were"
is "$(sql "SELECT answered_at FROM statements WHERE id = $sid")" "$answered" "撤销: the answer time restored"
is "$(sql "SELECT CONCAT_WS('|', decision, source, description) FROM feedback WHERE statement_id = $sid ORDER BY id DESC LIMIT 1")" \
	"agreed|customer|核对无误，谢谢" "the customer's answer is still in feedback"
is "$(field_of "$s" 3)|$(field_of "$s" 6)" "$(( $(field_of "$b" 3) + 1 ))|$(( $(field_of "$b" 6) + 1 ))" \
	"撤销: version + 1, one audit row"
is "$(sql "SELECT CONCAT_WS('|', action, username, detail) FROM audit_log WHERE object = 'statement:$sid' ORDER BY id DESC LIMIT 1")" \
	"uncancel|$clerk|pending -> agreed" "... audited as uncancel by the clerk"
get c "$(location)"
is "$(said)" "已撤销取消确认，对账单恢复为 符合" "撤销: the page says the status is back"
like "$(body)" "撤销取消确认 <span class=\"muted\">pending -&gt; agreed" "... and its history lists it"
like "$(body)" 'tag st-agreed">符合' "... the statement shows 符合"
get P "$LINK"
like "$(body)" '已答复：<strong>符合' "the customer's page shows the answer again"
b=$s
post c "/statements/$sid/uncancel" "csrf=$tok" "version=$v"
is "$STATUS" 409 "a second 撤销 (the same form): 409"
like "$(body)" '无法撤销' "... the page says it cannot be undone"
post c "/statements/$sid/uncancel" "csrf=$tok" "version=$(st_version "$sid")"
is "$STATUS" 409 "撤销 on the current version, with no cancel to undo: 409"
is "$(st_state "$sid")" "$b" "... nothing changed by either"
# an undo after 收款
act c "$sid" cancel
get c "$(location)"
v=$(field version)
act c "$sid" receive amount=10 date=2026-10-09
is "$STATUS" 303 "收款 after the cancel: 303"
b=$(st_state "$sid")
get c "/statements/$sid"
post c "/statements/$sid/uncancel" "csrf=$(csrf)" "version=$v"
is "$STATUS" 409 "撤销 from the cancel's page after a 收款: 409"
post c "/statements/$sid/uncancel" "csrf=$(csrf)" "version=$(st_version "$sid")"
is "$STATUS" 409 "... and on the version after the 收款: 409"
is "$(st_state "$sid")" "$b" "... nothing changed (still 未确认, 10.00 received)"
get c "/statements/$sid?done=cancel"
unlike "$(body)" "/uncancel\"" "... and the cancel's page no longer offers 撤销"
# an undo after the customer answered again
owing
sid=$SID
act c "$sid" dispute "description=单价不对"
act c "$sid" cancel
get c "$(location)"
v=$(field version)
share "$sid"
answer "$LINK" agreed "重新核对，符合"
is "$(sql "SELECT status FROM statements WHERE id = $sid")" agreed "after the cancel the customer answers 符合"
b=$(st_state "$sid")
get c "/statements/$sid"
post c "/statements/$sid/uncancel" "csrf=$(csrf)" "version=$v"
is "$STATUS" 409 "撤销 after the customer's new answer: 409"
is "$(st_state "$sid")" "$b" "... the customer's 符合 stays"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$sid' AND action = 'uncancel'")" 0 \
	"... and no undo was recorded"

# --- 收款 with nothing owed asks once more --------------------------------------
prepaid_stmt
sid=$SID
is "$(sql "SELECT CAST(ROUND(closing * 100) AS SIGNED) FROM statements WHERE id = $sid")" "$rsum" \
	"receipts alone: the closing balance is negative ($rsum fen)"
get c "/statements/$sid/receive"
is "$STATUS" 200 "收款's form: 200"
like "$(body)" "没有欠款：预收金额 <span class=\"money prepaid\">¥$prepaid</span>" "... says nothing is owed (预收金额 ¥$prepaid)"
like "$(body)" '<input type="checkbox" name="anyway" value="1"> 仍要记录这笔收款' "... and asks 仍要记录"
b=$(st_state "$sid")
act c "$sid" receive amount=200 date=2026-10-10 note=多付
is "$STATUS" 400 "收款 without 仍要记录: 400"
like "$(body)" '这张对账单没有欠款。确实要记录收款' "... the form asks again"
is "$(field amount)|$(field date)|$(field note)" "200|2026-10-10|多付" "... keeping what was typed"
like "$(body)" 'name="anyway"' "... with the box to tick"
is "$(st_state "$sid")" "$b" "... nothing recorded"
act c "$sid" receive amount=200 date=2026-10-10 note=多付 anyway=1
is "$STATUS" 303 "收款 with 仍要记录: 303"
s=$(st_state "$sid")
is "$(field_of "$s" 2)|$(field_of "$s" 6)" "200.00|$(( $(field_of "$b" 6) + 1 ))" "... recorded once (200.00, one audit row)"
act c "$sid" receive amount=200 anyway=1 "version=$(field_of "$b" 3)"
is "$STATUS" 409 "the same form again: 409"
is "$(st_state "$sid")" "$s" "... nothing more recorded"
# a statement that owes asks nothing
owing
sid=$SID
get c "/statements/$sid/receive"
unlike "$(body)" 'name="anyway"|没有欠款' "收款's form on a statement that owes: no question"
act c "$sid" receive amount=300
is "$STATUS" 303 "... 收款 without the box: 303"

# --- a negative closing, worded as what it is ----------------------------------
prepaid_stmt
neg=$SID
owing
pos=$SID
get c "/statements?customer=$cu&from=$from&to=$to"
card "$neg" >"$T/card"
like "$(cat "$T/card")" "预收金额</span> <span class=\"money debt prepaid\">¥$prepaid<" "card: 预收金额 ¥$prepaid, styled prepaid"
unlike "$(cat "$T/card")" '欠款金额|¥-' "card: not 欠款金额, no minus sign"
card "$pos" >"$T/card"
like "$(cat "$T/card")" '欠款金额</span> <span class="money debt">¥[1-9]' "a card that owes: 欠款金额, not prepaid"
get c "/statements/$neg"
like "$(body)" "预收金额 <span class=\"money debt prepaid\">¥$prepaid<" "statement: 预收金额 ¥$prepaid in the head"
like "$(body)" "<td colspan=\"4\">预收金额</td><td class=\"num money debt prepaid\">¥$prepaid<" "statement: and in the totals"
unlike "$(body)" '¥-|欠款金额|期末欠款' "statement: no minus after ¥, no 欠款"
for p in feedback receive; do
	get c "/statements/$neg/$p"
	like "$(body)" "预收金额 <span class=\"money debt prepaid\">¥$prepaid<" "/$p: 预收金额 in the head"
done
share "$neg"
get c "/statements/$neg/share"
like "$(body)" "预收金额 <span class=\"money debt prepaid\">¥$prepaid<" "/share: 预收金额 in the head"
get P "$LINK"
is "$STATUS" 200 "the customer's page: 200"
like "$(body)" "<p class=\"debt-label\">贵方预付余额</p>" "customer: 贵方预付余额 in the head"
like "$(body)" "class=\"debt money prepaid\">¥$prepaid<" "customer: ¥$prepaid large, styled prepaid"
like "$(body)" "<dt class=\"debt\">贵方预付余额</dt><dd class=\"money debt prepaid\">$prepaid<" "customer: and in the sums"
like "$(body)" '贵方付款多于应付款' "customer: one line says what it means"
unlike "$(body)" '¥-|欠款金额' "customer: no minus after ¥, no 欠款金额"
get c "/statements/sends"
grep -A6 "href=\"/statements/$neg\"" "$BODY" >"$T/send"
like "$(cat "$T/send")" "<td class=\"num money prepaid\">预收金额 ¥$prepaid<" "每天发送的记录: 预收金额 ¥$prepaid"
done_testing
