#!/bin/bash
# dz-history's actions over HTTP, the vendor's six cases (DESIGN §4):
# 未确认 / 符合 / 不符合 × 已收金额 = 0 / > 0, each built through the UI
# (收款, 符合确认, 不符合确认). For every case and every action: allowed →
# 303, the state in MariaDB changed as it should and one audit row;
# not allowed → 409 and nothing changed (status, received, version, answers,
# audit rows). The card and the page show exactly the matrix's buttons. A
# stale form is 409 with the current state; 收款 refuses bad amounts; a
# staff description with markup is shown as text in 反馈内容; 删除 takes the
# statement out of the list, its page and its link answer 410.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need

st_admin
st_user c "ac$U" clerk "$DZ_TEST_ERP_DSN"
clerk=ac$U
from=2026-10-01 to=2026-10-31
# a customer the other tests leave alone (the last one with documents in
# October), so that its history holds only this test's statements
cu=$(sqlite3 "$DZ_TEST_ERP_SQLITE" "SELECT btypeid FROM Dlyndx WHERE draft = 2 AND RedOld = 'F'
	AND VchType IN (11, 45, 4) AND Date BETWEEN '$from' AND '$to' ORDER BY btypeid DESC LIMIT 1")
docs=$(st_docs "$cu" "$from" "$to" | head -2 | tr '\n' ' ')
[ -n "$docs" ] || bail "no documents for $cu in $from..$to"

# The matrix, as the vendor's manual lists it (action codes, sorted).
declare -A MATRIX=(
	[pending:0]="agree delete dispute feedback receive share"
	[pending:1]="agree delete dispute feedback share"
	[agreed:0]="cancel delete feedback receive share"
	[agreed:1]="cancel delete feedback share"
	[disputed:0]="cancel delete feedback receive share"
	[disputed:1]="cancel delete feedback share"
)
CASES="pending:0 pending:1 agreed:0 agreed:1 disputed:0 disputed:1"

# mkcase STATUS:PAID -> $SID, a statement in that case, built through the UI
mkcase() {
	local st=${1%:*} paid=${1#*:}
	# shellcheck disable=SC2086
	gen c "$cu" "$from" "$to" 1 $docs
	[ "$STATUS" = 303 ] || bail "cannot generate ($STATUS)"
	if [ "$paid" = 1 ]; then
		act c "$SID" receive amount=1,234.50 date=2026-11-20 note=转账
		[ "$STATUS" = 303 ] || bail "收款 while building $1: $STATUS"
	fi
	case $st in
	agreed) act c "$SID" agree "description=客户电话确认" ;;
	disputed) act c "$SID" dispute "description=客户说少了 2 箱" ;;
	esac
	[ "$st" = pending ] || [ "$STATUS" = 303 ] || bail "$st while building $1: $STATUS"
	is "$(sql "SELECT CONCAT(status, ':', received > 0) FROM statements WHERE id = $SID")" "$1" \
		"case $1 built through the UI (statement $SID)"
}

# each field of st_state: status|received|version|deleted|answers|audit|links
field_of() { echo "$1" | cut -d'|' -f"$2"; }

# --- the buttons of the card and of the page, per case ------------------------------
for k in $CASES; do
	mkcase "$k"
	get c "/statements?customer=$cu"
	card "$SID" >"$BODY.card"
	is "$(grep -o "href=\"/statements/$SID/[a-z]*\"" "$BODY.card" | sed 's,.*/,,; s,",,' | sort -u | tr '\n' ' ' | sed 's/ $//')" \
		"${MATRIX[$k]}" "$k: the card's buttons are the matrix's"
	like "$(cat "$BODY.card")" "st-${k%:*}\"" "$k: the card shows the status"
	get c "/statements/$SID"
	is "$(buttons "$SID")" "${MATRIX[$k]}" "$k: the statement page's buttons are the matrix's"
	# The forms: GET of an allowed action 200, of another 409.
	for a in receive agree dispute cancel delete; do
		get c "/statements/$SID/$a"
		if [[ " ${MATRIX[$k]} " == *" $a "* ]]; then
			is "$STATUS" 200 "$k: GET $a (allowed): 200"
		else
			is "$STATUS" 409 "$k: GET $a (not allowed): 409"
		fi
	done
	for a in share feedback; do
		get c "/statements/$SID/$a"
		is "$STATUS" 200 "$k: GET $a: 200"
	done
done

# --- every action in every case ------------------------------------------------------
for k in $CASES; do
	for a in receive agree dispute cancel delete; do
		mkcase "$k"
		sid=$SID
		if [ "$a" = delete ]; then
			# a live link, to see it revoked
			get c "/statements/$sid/share"
			post c "/statements/$sid/share" "csrf=$(csrf)"
			get c "/statements/$sid/share"
			url=$(grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
			link=/c/${url##*/c/}
			get P "$link"
			[ "$STATUS" = 200 ] || diag "the new link answers $STATUS"
		fi
		b=$(st_state "$sid")
		extra=()
		case $a in
		receive) extra=(amount=88.80 date=2026-11-21 "note=现金") ;;
		agree) extra=("description=核对无误") ;;
		dispute) extra=("description=金额不对") ;;
		esac
		act c "$sid" "$a" "${extra[@]}"
		s=$(st_state "$sid")
		if [[ " ${MATRIX[$k]} " != *" $a "* ]]; then
			is "$STATUS" 409 "$k: $a not allowed: 409"
			is "$s" "$b" "$k: $a: nothing changed"
			like "$(body)" 'role="alert"' "$k: $a: the 409 page says why"
			continue
		fi
		is "$STATUS" 303 "$k: $a allowed: 303"
		is "$(field_of "$s" 3)" "$(( $(field_of "$b" 3) + 1 ))" "$k: $a: version + 1"
		is "$(field_of "$s" 6)" "$(( $(field_of "$b" 6) + 1 ))" "$k: $a: one audit row"
		is "$(sql "SELECT CONCAT(action, '|', username) FROM audit_log WHERE object = 'statement:$sid' ORDER BY id DESC LIMIT 1")" \
			"$a|$clerk" "$k: $a: audited as $a by the clerk"
		case $a in
		receive)
			is "$(sql "SELECT CONCAT_WS('|', status, received, received_date, received_note) FROM statements WHERE id = $sid")" \
				"${k%:*}|88.80|2026-11-21|现金" "$k: 收款: received, date and note stored, status kept"
			is "$(location)" "/statements/$sid?done=receive" "$k: 收款: back to the statement" ;;
		agree|dispute)
			want=agreed
			[ "$a" = dispute ] && want=disputed
			is "$(field_of "$s" 1)|$(field_of "$s" 2)" "$want|$(field_of "$b" 2)" "$k: $a: status $want, received kept"
			is "$(field_of "$s" 5)" "$(( $(field_of "$b" 5) + 1 ))" "$k: $a: one answer recorded"
			is "$(sql "SELECT CONCAT_WS('|', decision, source, username, ip) FROM feedback WHERE statement_id = $sid ORDER BY id DESC LIMIT 1")" \
				"$want|staff|$clerk|127.0.0.1" "$k: $a: the answer is the clerk's, with the address"
			ok "$k: $a: answered_at set" test "$(sql "SELECT answered_at IS NOT NULL FROM statements WHERE id = $sid")" = 1 ;;
		cancel)
			is "$(field_of "$s" 1)|$(field_of "$s" 2)|$(field_of "$s" 5)" "pending|$(field_of "$b" 2)|$(field_of "$b" 5)" \
				"$k: 取消确认: back to 未确认, received and answers kept"
			is "$(sql "SELECT answered_at IS NULL FROM statements WHERE id = $sid")" 1 "$k: 取消确认: answered_at cleared" ;;
		delete)
			is "$(field_of "$s" 4)|$(field_of "$s" 7)" "1|0" "$k: 删除: soft-deleted, links revoked"
			is "$(location)" "/statements?deleted=1" "$k: 删除: back to the list"
			get c "/statements?deleted=1"
			like "$(body)" 'role="status">对账单已删除，分享链接已失效。' "$k: 删除: the list says what was done"
			ok "$k: 删除: the rows are kept for audit" test "$(sql "SELECT COUNT(*) FROM statement_docs WHERE statement_id = $sid")" -gt 0
			get c "/statements?customer=$cu"
			ok "$k: 删除: gone from the list" test -z "$(grep "id=\"stmt-$sid\"" "$BODY")"
			get c "/statements/$sid"
			is "$STATUS" 410 "$k: 删除: its page is 410"
			get P "$link"
			is "$STATUS" 410 "$k: 删除: its link is 410"
			unlike "$(body)" '联想|¥' "$k: 删除: the 410 link page shows no statement data"
			b=$(st_state "$sid")
			for a2 in receive agree dispute cancel delete; do
				act c "$sid" "$a2" amount=1 "description=x"
				is "$STATUS" 410 "$k: after 删除, $a2: 410"
			done
			get c "/statements/$sid/share"
			is "$STATUS" 410 "$k: after 删除, GET share: 410"
			post c "/statements/$sid/share" "csrf=$(csrf)"
			is "$STATUS" 410 "$k: after 删除, a new link: 410"
			post c "/statements/$sid/revoke" "csrf=$(csrf)"
			is "$STATUS" 410 "$k: after 删除, 撤销链接: 410"
			get c "/statements/$sid/feedback"
			is "$STATUS" 410 "$k: after 删除, 反馈内容: 410 like its page"
			is "$(st_state "$sid")" "$b" "$k: after 删除, nothing changed by those" ;;
		esac
	done
done

# --- a stale form ---------------------------------------------------------------------
mkcase pending:0
sid=$SID
old=$(st_version "$sid")
act c "$sid" receive amount=500 date=2026-11-21
is "$STATUS" 303 "收款 on a fresh statement: 303"
b=$(st_state "$sid")
act c "$sid" agree "version=$old" "description=旧页面"
is "$STATUS" 409 "符合确认 from a page drawn before the 收款 (version $old): 409"
is "$(st_state "$sid")" "$b" "... nothing changed"
like "$(body)" '对账单已被修改' "... says the statement changed"
like "$(body)" '已收金额 <span class="money">¥500.00' "... and shows the current state (已收 500.00)"
is "$(buttons "$sid")" "${MATRIX[pending:1]}" "... with the current buttons"
act c "$sid" receive "version=$old" amount=600
is "$STATUS" 409 "a second 收款 from the old page: 409"
is "$(sql "SELECT received FROM statements WHERE id = $sid")" 500.00 "... the first amount stays"
act c "$sid" agree "version=$((old + 1))" "description=新页面"
is "$STATUS" 303 "符合确认 from the current page: 303"
act c "$sid" cancel "version=$((old + 1))"
is "$STATUS" 409 "取消确认 from the page before 符合确认: 409"
is "$(sql "SELECT status FROM statements WHERE id = $sid")" agreed "... still 符合"

# --- concurrent clicks: one wins ----------------------------------------------------------
mkcase pending:0
sid=$SID
b=$(st_state "$sid")
get c "/statements/$sid/agree"
tok=$(csrf)
v=$(field version)
for i in $(seq 10); do
	a=agree
	[ $((i % 2)) = 0 ] && a=dispute
	curl -k -s -o /dev/null -w '%{http_code}\n' -b "$(jar c)" -H "Origin: $DZ_TEST_BASE" \
		--data-urlencode "csrf=$tok" --data-urlencode "version=$v" --data-urlencode "description=并发 $i" \
		"$DZ_TEST_BASE/statements/$sid/$a" >"$T/race.$i" &
done
wait
is "$(cat "$T"/race.* | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}')" "1×303 9×409 " \
	"10 simultaneous 符合/不符合确认 on one version: one 303, nine 409"
s=$(st_state "$sid")
is "$(field_of "$s" 3)|$(field_of "$s" 5)|$(field_of "$s" 6)" \
	"$(( $(field_of "$b" 3) + 1 ))|1|$(( $(field_of "$b" 6) + 1 ))" "... one version step, one answer, one audit row"

# --- 收款's amount -----------------------------------------------------------------------
mkcase pending:0
sid=$SID
b=$(st_state "$sid")
for amt in "" abc 0 -5 0.001 12.345 "1,23" 1e3 99999999999999999999 "  "; do
	act c "$sid" receive "amount=$amt" date=2026-11-21
	is "$STATUS" 400 "收款 amount '$amt': 400"
done
act c "$sid" receive amount=100 date=2026-02-30
is "$STATUS" 400 "收款 date 2026-02-30: 400"
act c "$sid" receive amount=100 "note=$(printf 'x%.0s' $(seq 201))"
is "$STATUS" 400 "收款 note of 201 characters: 400"
is "$(st_state "$sid")" "$b" "nothing changed by the refused 收款"
act c "$sid" receive "amount=¥1,234.56"
is "$STATUS" 303 "收款 ¥1,234.56 (no date): 303"
is "$(sql "SELECT CONCAT(received, '|', received_date IS NULL) FROM statements WHERE id = $sid")" "1234.56|1" "stored 1234.56, no date"

# --- 不符合确认's description; markup shown as text -----------------------------------
mkcase pending:0
sid=$SID
b=$(st_state "$sid")
act c "$sid" dispute "description="
is "$STATUS" 400 "不符合确认 without a description: 400"
act c "$sid" dispute "description=$(printf '长%.0s' $(seq 501))"
is "$STATUS" 400 "不符合确认 with 501 characters: 400"
is "$(st_state "$sid")" "$b" "nothing changed"
desc='<script>alert("x")</script> & <b>少了</b> <img src=x onerror=alert(1)>'
act c "$sid" dispute "description=$desc" -- -A 'Mozilla/5.0 <b>agent</b>'
is "$STATUS" 303 "不符合确认 with markup in the description: 303"
is "$(sql "SELECT description FROM feedback WHERE statement_id = $sid")" "$desc" "stored as typed"
for p in feedback ""; do
	get c "/statements/$sid${p:+/$p}"
	is "$STATUS" 200 "GET /statements/$sid${p:+/$p}: 200"
	like "$(body)" '&lt;script&gt;alert\(&quot;x&quot;\)&lt;/script&gt; &amp; &lt;b&gt;少了&lt;/b&gt; &lt;img src=x onerror=alert\(1\)&gt;' \
		"${p:-statement page}: the description as text"
	unlike "$(body)" '<script>alert|<img src=x|<b>少了|<b>agent' "${p:-statement page}: no markup from it"
	like "$(body)" "员工 $clerk|$clerk" "${p:-statement page}: says which staff member"
	like "$(body)" '127\.0\.0\.1' "${p:-statement page}: and from which address"
done
like "$(body)" '&lt;b&gt;agent&lt;/b&gt;' "the device (user agent) is shown as text"

# --- an action needs the csrf token, POST and a clerk ----------------------------------
b=$(st_state "$sid")
post c "/statements/$sid/cancel" "version=$(st_version "$sid")"
is "$STATUS" 403 "取消确认 without the csrf token: 403"
get c "/statements/$sid"
ORIGIN=https://evil.example post c "/statements/$sid/cancel" "csrf=$(csrf)" "version=$(st_version "$sid")"
is "$STATUS" 403 "取消确认 from a foreign Origin: 403"
is "$(st_state "$sid")" "$b" "nothing changed"
get c "/statements/999999999"
is "$STATUS" 404 "an unknown statement: 404"
act c 999999999 cancel version=1
is "$STATUS" 404 "an action on an unknown statement: 404"
done_testing
