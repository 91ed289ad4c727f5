#!/bin/bash
# 对账单历史 (dz-history /statements): the filters (customer by name, code
# or id; status; period; date created), newest first, paging that keeps
# the filters (24 statements); 每天发送的记录 lists each share with who sent
# it, opened or not, answered or not, after the customer opens and answers;
# a viewer sees the history and 反馈内容 but no action buttons, and gets 403
# on every action.
#
# The statements are generated through the UI (a clerk on the simulator's
# account set); then, so that the lists hold exactly this run's statements,
# they are moved with SQL into an account set of their own, whose clerk and
# viewer do the rest, and their created_at is spread over 24 days.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need

st_admin
st_user g "hg$U" clerk "$DZ_TEST_ERP_DSN"
DB=$DZ_TEST_ERP_SQLITE
# three customers with documents in each month from March to October
custs=$(sqlite3 "$DB" "SELECT btypeid FROM Dlyndx WHERE draft = 2 AND RedOld = 'F' AND VchType IN (11, 45, 4)
	AND Date BETWEEN '2026-03-01' AND '2026-10-31' GROUP BY btypeid
	HAVING COUNT(DISTINCT substr(Date, 1, 7)) = 8 ORDER BY btypeid LIMIT 3")
[ "$(echo "$custs" | wc -l)" = 3 ] || bail "the demo data has no three customers with documents every month"
months="03 04 05 06 07 08 09 10"
ids=()
declare -A CUST MONTH
for m in $months; do
	for cu in $custs; do
		to=$(date -d "2026-$m-01 +1 month -1 day" +%Y-%m-%d)
		sid=$(st_new g "$cu" "2026-$m-01" "$to") || bail "cannot generate $cu 2026-$m"
		ids+=("$sid")
		CUST[$sid]=$cu
		MONTH[$sid]=$m
	done
done
is "${#ids[@]}" 24 "24 statements generated through the UI"

# Their own account set, clerk and viewer; created_at one day apart (the
# first made is the oldest).
set=$(sql "INSERT INTO account_sets (identity, company_name, erp_kind) VALUES ('test-history-$U', '历史测试商贸', 'grasp');
	SELECT LAST_INSERT_ID()")
i=0
for sid in "${ids[@]}"; do
	sql "UPDATE statements SET account_set_id = $set, created_at = '2026-10-20 09:00:00' + INTERVAL $i DAY
		WHERE id = $sid" >/dev/null
	i=$((i + 1))
done
for u in "hc$U:clerk" "hv$U:viewer"; do
	mkuser "${u%:*}" "${u#*:}" "Good-Pass-$U" || bail "cannot make ${u%:*}"
	sql "UPDATE users SET account_set_id = $set, must_change_password = 0 WHERE username = '${u%:*}'" >/dev/null
done
login c "hc$U" "Good-Pass-$U"
is "$STATUS" 303 "the history clerk signs in"
login v "hv$U" "Good-Pass-$U"
is "$STATUS" 303 "the viewer signs in"

# Statuses through the UI: three 符合, two 不符合, the rest 未确认 (19).
for n in 1 4 7; do act c "${ids[$n]}" agree "description=对"; done
for n in 2 5; do act c "${ids[$n]}" dispute "description=不对"; done
is "$(sql "SELECT GROUP_CONCAT(status ORDER BY id SEPARATOR ' ') FROM statements WHERE account_set_id = $set AND status <> 'pending'")" \
	"agreed disputed agreed disputed agreed" "statuses set through the UI"

# shown: the statement ids of the cards in the last page, in order
shown() { grep -o 'id="stmt-[0-9]*"' "$BODY" | grep -o '[0-9]*' | tr '\n' ' ' | sed 's/ $//'; }
# want SQL-CONDITION [LIMIT OFFSET]: this set's ids meeting it, newest first
want() {
	sql "SELECT id FROM statements WHERE account_set_id = $set AND deleted_at IS NULL AND ($1)
		ORDER BY created_at DESC, id DESC LIMIT ${2:-20} OFFSET ${3:-0}" | tr '\n' ' ' | sed 's/ $//'
}
rev=$(for ((i = ${#ids[@]} - 1; i >= 0; i--)); do printf '%s ' "${ids[$i]}"; done)

# --- no filter: newest first, 20 a page ---------------------------------------------
get c /statements
is "$STATUS" 200 "GET /statements: 200"
is "$(shown)" "$(echo "$rev" | cut -d' ' -f1-20)" "page 1: the 20 newest, newest first"
like "$(body)" '第 1 / 2 页，共 24 张' "says page 1 of 2, 24 statements"
ok "a next-page link" grep -q 'href="/statements?page=2&amp;' "$BODY"
ok "no previous-page link" test -z "$(grep 'href="/statements?page=0' "$BODY")"
get c "/statements?page=2"
is "$(shown)" "$(echo "$rev" | cut -d' ' -f21-24)" "page 2: the 4 oldest"
ok "page 2 links back to page 1" grep -q 'href="/statements?page=1&amp;' "$BODY"
get c "/statements?page=3"
is "$STATUS|$(shown)" "200|" "past the last page: 200, no cards"
# the card: period on top, status, 已收金额, count bottom-left, 欠款金额 bottom-right
sid=${ids[23]}
get c /statements
card "$sid" >"$T/card"
is "$(sed -n 's/.*<div class="period"><a href="[^"]*">\([^<]*\)<.*/\1/p' "$T/card")" \
	"$(sql "SELECT CONCAT(period_from, ' 至 ', period_to) FROM statements WHERE id = $sid")" "card: the period on top"
like "$(cat "$T/card")" 'st-pending">未确认' "card: the status"
like "$(cat "$T/card")" '已收金额</span> <span class="money">¥0.00' "card: 已收金额"
like "$(cat "$T/card")" "<span class=\"count\">$(sql "SELECT doc_count FROM statements WHERE id = $sid") " "card: the document count (bottom-left)"
closing=$(sql "SELECT FORMAT(closing, 2) FROM statements WHERE id = $sid")
like "$(cat "$T/card")" "money debt\">¥$closing<" "card: 欠款金额 (bottom-right)"

# --- filters ------------------------------------------------------------------------------
cu=$(echo "$custs" | head -1)
code=$(sql "SELECT customer_code FROM statements WHERE id = ${ids[0]}")
name=$(sql "SELECT customer_name FROM statements WHERE id = ${ids[0]}")
frag=${name:2:4}
enc() { printf %s "$1" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g'; }
get c "/statements?customer=$cu"
is "$(shown)" "$(want "customer_id = '$cu'")" "customer by id ($cu): its 8, newest first"
is "$(shown | wc -w)" 8 "... 8 of them"
get c "/statements?customer=$code"
is "$(shown)" "$(want "customer_id = '$cu'")" "customer by code ($code)"
get c "/statements?customer=$(enc "$frag")"
is "$(shown)" "$(want "customer_name LIKE '%$frag%'")" "customer by part of the name ($frag)"
ok "... which is this customer's" test "$(shown | wc -w)" -ge 8
get c "/statements?customer=%25"
is "$(shown)" "" "customer '%' is a literal: nothing"
get c "/statements?status=agreed"
is "$(shown)" "${ids[7]} ${ids[4]} ${ids[1]}" "status 符合: the three, newest first"
get c "/statements?status=disputed"
is "$(shown)" "${ids[5]} ${ids[2]}" "status 不符合: the two"
get c "/statements?from=2026-05-01&to=2026-06-30"
is "$(shown)" "$(want "period_from <= '2026-06-30' AND period_to >= '2026-05-01'")" "period May–June: the statements overlapping it"
is "$(shown | wc -w)" 6 "... 6 of them"
get c "/statements?from=2026-10-15"
is "$(shown | wc -w)" 3 "period from 2026-10-15: October's 3"
get c "/statements?created_from=2026-10-25&created_to=2026-10-27"
is "$(shown)" "${ids[7]} ${ids[6]} ${ids[5]}" "created 2026-10-25..27: three, newest first"
get c "/statements?created_to=2026-10-20"
is "$(shown)" "${ids[0]}" "created up to 2026-10-20 (whole day): the first"
get c "/statements?customer=$cu&status=pending&from=2026-04-01&to=2026-09-30"
is "$(shown)" "$(want "customer_id = '$cu' AND status = 'pending' AND period_from <= '2026-09-30' AND period_to >= '2026-04-01'")" \
	"customer + status + period together"
ok "the form keeps the filters" grep -q "name=\"customer\" value=\"$cu\"" "$BODY"
ok "... the status" grep -q 'value="pending" selected' "$BODY"
ok "... the period" grep -q 'name="from" value="2026-04-01"' "$BODY"
for q in status=bogus from=2026-02-30 to=20261001 created_from=x page=0 page=-1 page=abc; do
	get c "/statements?$q"
	is "$STATUS" 400 "bad filter $q: 400"
done

# --- paging keeps the filters (21 未确认) -------------------------------------------------
get c "/statements?status=pending&created_from=2026-10-01"
is "$(shown)" "$(want "status = 'pending'")" "未确认: page 1, newest first"
like "$(body)" '共 19 张' "19 未确认"
act c "${ids[8]}" receive amount=10
for n in 1 4; do act c "${ids[$n]}" cancel; done
get c "/statements?status=pending&created_from=2026-10-01"
like "$(body)" '第 1 / 2 页，共 21 张' "after two 取消确认: 21 未确认, two pages"
next=$(grep -o 'href="/statements?page=2[^"]*"' "$BODY" | head -1 | sed 's/^href="//; s/"$//; s/&amp;/\&/g')
like "$next" 'status=pending' "the next link keeps the status"
like "$next" 'created_from=2026-10-01' "... and the date created"
get c "$next"
is "$STATUS" 200 "page 2 with the filters: 200"
is "$(shown)" "$(want "status = 'pending'" 20 20)" "page 2: the 21st 未确认 only"
is "$(shown)" "${ids[0]}" "... the oldest"
ok "page 2's previous link keeps the filters" grep -q 'href="/statements?page=1&amp;customer=&amp;status=pending&amp;' "$BODY"

# --- 每天发送的记录 ---------------------------------------------------------------------------
s1=${ids[23]} s2=${ids[22]}
for s in "$s1" "$s2"; do
	get c "/statements/$s/share"
	post c "/statements/$s/share" "csrf=$(csrf)"
	is "$STATUS" 303 "分享 $s: 303"
done
get c "/statements/$s1/share"
url=$(grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
link=/c/${url##*/c/}
like "$link" '^/c/[A-Za-z0-9_-]{43}$' "the link of $s1"
# the app's day (its connection keeps China time), as the share row has it
today=$(sql "SELECT DATE(created_at) FROM share_links WHERE statement_id = $s1")
get c "/statements/sends?from=$today&to=$today"
is "$STATUS" 200 "每天发送的记录 for today: 200"
is "$(grep -o 'href="/statements/[0-9]*"' "$BODY" | grep -o '[0-9]*' | tr '\n' ' ' | sed 's/ $//')" "$s2 $s1" \
	"both shares listed, newest first"
like "$(body)" "<h2>$today <span class=\"muted\">2 次" "under today's date: 2 sends"
row() { tr -d '\n' <"$BODY" | grep -o "<tr>[[:space:]]*<td>[^<]*</td>[[:space:]]*<td>[^<]*</td>[[:space:]]*<td><a href=\"/statements/$1\">.*" | sed 's,</tr>.*,,'; }
like "$(row "$s1")" "<td>hc$U</td>" "sent by the clerk"
like "$(row "$s1")" '未打开' "$s1: not opened yet"
like "$(row "$s1")" '未回复' "$s1: not answered yet"
SRC=127.0.0.31 get P "$link"
is "$STATUS" 200 "the customer opens the link"
# From another address (a phone on another network): another opening; a
# reload from the same address within seconds would be the same one.
SRC=127.0.0.32 get P "$link"
post P "$link" decision=disputed "description=少了一箱" "csrf=$(csrf)"
is "$STATUS" 303 "... and answers 不符合"
get c "/statements/sends?from=$today&to=$today"
like "$(row "$s1")" '已打开 2 次' "$s1: opened 2 times"
like "$(row "$s1")" '已回复' "$s1: answered"
like "$(row "$s1")" 'st-disputed">不符合' "$s1: 不符合"
like "$(row "$s2")" '未打开' "$s2: still not opened"
like "$(row "$s2")" '未回复' "$s2: still not answered"
get c /statements/sends
is "$STATUS" 200 "每天发送的记录, default range: 200"
ok "... includes today's sends" grep -q "href=\"/statements/$s1\"" "$BODY"
get c "/statements/sends?from=2020-01-01&to=2020-01-31"
ok "another period: none of them" test -z "$(grep "href=\"/statements/$s1\"" "$BODY")"
get c "/statements/sends?from=$today&to=2020-01-01"
is "$STATUS" 400 "sends: from after to: 400"
get c "/statements/sends?from=2026-13-01"
is "$STATUS" 400 "sends: a bad date: 400"
get c "/statements/$s1/feedback"
like "$(body)" '少了一箱' "反馈内容 shows the customer's answer"
like "$(body)" '客户' "... as the customer's"

# --- the viewer -----------------------------------------------------------------------------
get v /statements
is "$STATUS" 200 "viewer: the history, 200"
is "$(shown)" "$(want 1)" "viewer: the same cards"
for s in "$s1" "${ids[7]}" "${ids[8]}"; do
	card "$s" >"$T/card"
	is "$(grep -o "href=\"/statements/$s/[a-z]*\"" "$T/card" | sed 's,.*/,,; s,",,' | tr '\n' ' ' | sed 's/ $//')" feedback \
		"viewer: card $s has only 反馈内容"
done
get v "/statements/$s1"
is "$STATUS" 200 "viewer: the statement page, 200"
is "$(buttons "$s1")" "" "viewer: no action buttons on the page"
like "$(body)" '少了一箱' "viewer: the page shows the answers"
get v "/statements/$s1/feedback"
is "$STATUS" 200 "viewer: 反馈内容, 200"
like "$(body)" '少了一箱' "viewer: 反馈内容 shows the answer"
get v "/statements/sends?from=$today&to=$today"
is "$STATUS" 200 "viewer: 每天发送的记录, 200"
sid=${ids[10]}
b=$(st_state "$sid")
for a in receive agree dispute cancel delete share qr.svg qr.png; do
	get v "/statements/$sid/$a"
	is "$STATUS" 403 "viewer: GET $a: 403"
done
get v /statements
tok=$(csrf)
for a in receive agree dispute cancel delete share revoke; do
	post v "/statements/$sid/$a" "csrf=$tok" "version=$(st_version "$sid")" amount=1 "description=x"
	is "$STATUS" 403 "viewer: POST $a: 403"
done
is "$(st_state "$sid")" "$b" "viewer: nothing changed"
done_testing
