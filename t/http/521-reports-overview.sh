#!/bin/bash
# 结算概览 (dz-reports /reports) against SQL counted here: statements of an
# account set of this test's own, made through the UI, spread over three
# months, then shared, opened, answered and paid through the UI; every
# figure of the page (made, shared, opened, answered, 符合, 不符合, 未确认,
# rate, 已收, 欠款, unanswered exposure) equals the store counted with
# SQL, for the whole period and for one month; the months table and the
# disputes table agree; another account set's statements never count; a
# bad period is a 400 that says why; a viewer may read it.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need
program_running dz-reports || skip_all "dz-reports not running"

st_admin
st_user g "og$U" clerk "$DZ_TEST_ERP_DSN"
DB=$DZ_TEST_ERP_SQLITE
custs=$(sqlite3 "$DB" "SELECT btypeid FROM Dlyndx WHERE draft = 2 AND RedOld = 'F' AND VchType IN (11, 45, 4)
	AND Date BETWEEN '2026-07-01' AND '2026-09-30' GROUP BY btypeid
	HAVING COUNT(DISTINCT substr(Date, 1, 7)) = 3 ORDER BY btypeid LIMIT 3")
[ "$(echo "$custs" | wc -l)" = 3 ] || bail "no three customers with documents in July to September"
ids=()
for m in 07 08 09; do
	for cu in $custs; do
		to=$(date -d "2026-$m-01 +1 month -1 day" +%Y-%m-%d)
		sid=$(st_new g "$cu" "2026-$m-01" "$to") || bail "cannot generate $cu 2026-$m"
		ids+=("$sid")
	done
done
is "${#ids[@]}" 9 "9 statements generated through the UI"

set=$(sql "INSERT INTO account_sets (identity, company_name, erp_kind) VALUES ('test-reports-$U', '报表测试商贸', 'grasp');
	SELECT LAST_INSERT_ID()")
# made on 2026-08-10 .. 2026-10-20: three months of three statements
i=0
for sid in "${ids[@]}"; do
	sql "UPDATE statements SET account_set_id = $set,
		created_at = '2026-08-10 10:00:00' + INTERVAL ($i DIV 3) MONTH + INTERVAL ($i MOD 3) DAY
		WHERE id = $sid" >/dev/null
	i=$((i + 1))
done
for u in "oc$U:clerk" "ov$U:viewer"; do
	mkuser "${u%:*}" "${u#*:}" "Good-Pass-$U" || bail "cannot make ${u%:*}"
	sql "UPDATE users SET account_set_id = $set, must_change_password = 0 WHERE username = '${u%:*}'" >/dev/null
done
login c "oc$U" "Good-Pass-$U"
login v "ov$U" "Good-Pass-$U"
is "$STATUS" 303 "the viewer signs in"

# through the UI: share three, the customer opens two and answers one
# 不符合; staff answer two 符合 and one 不符合; one 收款
for n in 0 1 2; do
	get c "/statements/${ids[$n]}/share"
	post c "/statements/${ids[$n]}/share" "csrf=$(csrf)"
done
for n in 0 1; do
	get c "/statements/${ids[$n]}/share"
	url=$(grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
	SRC=127.0.9.$n get P "/c/${url##*/c/}"
	is "$STATUS" 200 "the customer opens the link of ${ids[$n]}"
done
post P "/c/${url##*/c/}" decision=disputed "description=少了一箱" "csrf=$(csrf)"
is "$STATUS" 303 "the customer answers 不符合"
act c "${ids[3]}" agree "description=对"
act c "${ids[4]}" agree "description=对"
act c "${ids[6]}" dispute "description=单价不对"
act c "${ids[5]}" receive amount=1000.00 date=2026-10-01 note=test
is "$(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $set AND status <> 'pending'")" 4 "four answered"
# the share happened today; the answer times are now: fix the answer to
# five hours after the first share for the turnaround
sql "UPDATE statements s SET answered_at = (SELECT MIN(created_at) FROM share_links l WHERE l.statement_id = s.id) + INTERVAL 5 HOUR
	WHERE s.id = ${ids[1]}" >/dev/null

# fig KEY: the figure of the overview's row KEY (its text, tags dropped)
fig() { grep -o "data-k=\"$1\">[^<]*" "$BODY" | head -1 | sed 's/.*>//'; }
# count SQL-CONDITION [FROM TO]: statements of the set made in the period
count() {
	sql "SELECT COUNT(*) FROM statements s WHERE account_set_id = $set AND deleted_at IS NULL
		AND created_at >= '${2:-2026-08-01}' AND created_at < '${3:-2026-10-31}' + INTERVAL 1 DAY AND ($1)"
}
money_sum() {
	sql "SELECT FORMAT(COALESCE(SUM($1), 0), 2) FROM statements s WHERE account_set_id = $set AND deleted_at IS NULL
		AND created_at >= '${3:-2026-08-01}' AND created_at < '${4:-2026-10-31}' + INTERVAL 1 DAY AND (${2:-1})"
}

get v "/reports?from=2026-08-01&to=2026-10-31&days=7"
is "$STATUS" 200 "a viewer: GET /reports: 200"
is "$(fig made)" "$(count 1)" "生成 = SQL ($(count 1))"
is "$(fig shared)" "$(count 'EXISTS (SELECT 1 FROM share_links l WHERE l.statement_id = s.id)')" "已分享 = SQL"
is "$(fig opened)" "$(count 'EXISTS (SELECT 1 FROM share_links l WHERE l.statement_id = s.id AND l.first_opened_at IS NOT NULL)')" "客户已打开 = SQL"
like "$(fig answered)" "^$(count "status <> 'pending'")" "已回复 = SQL"
is "$(fig agreed)" "$(count "status = 'agreed'")" "符合 = SQL"
is "$(fig disputed)" "$(count "status = 'disputed'")" "不符合 = SQL"
is "$(fig pending)" "$(count "status = 'pending'")" "未确认 = SQL"
is "$(fig rate)" "44.4%" "确认率 4 / 9 = 44.4%"
is "$(fig received)" "¥$(money_sum received)" "已收金额 = SQL"
is "$(fig closing)" "¥$(money_sum closing)" "欠款金额 = SQL"
is "$(fig stale)" "$(count "status = 'pending' AND created_at < NOW() - INTERVAL 7 DAY")" "未确认 for more than 7 days = SQL"
like "$(grep -o 'data-k="exposure">.*' "$BODY" | head -1)" "¥$(money_sum closing "status = 'pending' AND created_at < NOW() - INTERVAL 7 DAY")" \
	"their 欠款 = SQL"
is "$(fig median)" "5.0 小时" "分享到回复 median: the one timed answer, 5.0 hours"
ok "an SVG chart beside the figures, no script" grep -q '<svg viewBox="0 0 600 56"' "$BODY"
unlike "$(body)" '<script' "no script on the page"

# the months
months=$(tr -d '\n' <"$BODY" | grep -o '<table class="grid" id="months">.*' | sed 's,</table>.*,,' |
	grep -o '<tr><td>[0-9-]*</td><td class="num">[0-9]*</td><td class="num">[0-9]*</td>' |
	sed 's,<[^>]*>, ,g' | tr -s ' ' | sed 's/^ //; s/ $//')
want=$(sql "SELECT CONCAT_WS(' ', m, n, a) FROM (SELECT DATE_FORMAT(created_at, '%Y-%m') AS m, COUNT(*) AS n,
	SUM(status <> 'pending') AS a FROM statements WHERE account_set_id = $set GROUP BY m) t ORDER BY m")
is "$months" "$want" "按月: made and answered per month = SQL"
# disputes by customer
is "$(grep -c 'status=disputed' "$BODY")" "$(sql "SELECT COUNT(DISTINCT customer_id) FROM statements WHERE account_set_id = $set AND status = 'disputed'")" \
	"不符合的客户: one row per customer with a dispute"

# disputes FROM TO: the 不符合 table of the page got with that period
# as "code 不符合 生成" lines, and the same from the statements (want_*)
disputes() {
	tr -d '\n' <"$BODY" | grep -o '<table class="grid" id="disputes">.*' | sed 's,</table>.*,,' |
		grep -o '<span class="muted">[^<]*</span></td><td class="num">[0-9]*</td><td class="num">[0-9]*</td>' |
		sed 's,<[^>]*>, ,g' | tr -s ' ' | sed 's/^ //; s/ $//'
}
want_disputes() {
	sql "SELECT CONCAT_WS(' ', code, d, n) FROM (SELECT MAX(customer_code) AS code,
		SUM(status = 'disputed') AS d, COUNT(*) AS n FROM statements WHERE account_set_id = $set
		AND deleted_at IS NULL AND created_at >= '$1' AND created_at < '$2' + INTERVAL 1 DAY
		GROUP BY customer_id HAVING d > 0) t ORDER BY d DESC, code"
}
# the whole months (Aug-Oct), one month (Oct), this year (read from the
# year's rollup rows), days at both ends (Aug 11 - Oct 10)
for p in "2026-08-01 2026-10-31" "2026-10-01 2026-10-31" "2026-01-01 $(date +%F)" "2026-08-11 2026-10-10"; do
	set -- $p
	get v "/reports?from=$1&to=$2"
	want=$(want_disputes "$1" "$2")
	[ -n "$want" ] || bail "no 不符合 from $1 to $2 to compare"
	is "$(disputes)" "$want" "不符合的客户 from $1 to $2: code, 不符合, 生成 = SQL"
done

# one month only
get v "/reports?from=2026-09-01&to=2026-09-30"
is "$(fig made)" "$(count 1 2026-09-01 2026-09-30)" "September: 生成 = SQL (3)"
is "$(fig agreed)" "$(count "status = 'agreed'" 2026-09-01 2026-09-30)" "September: 符合 = SQL"

# the clerk of the simulator's set sees its own set, never this one's
cu=$(head -1 <<<"$custs")
st_new g "$cu" 2026-07-01 2026-07-31 >/dev/null || bail "cannot generate one more"
gset=$(sql "SELECT account_set_id FROM users WHERE username = 'og$U'")
day=$(sql "SELECT DATE(MAX(created_at)) FROM statements WHERE account_set_id = $gset")
get g "/reports?from=$day&to=$day"
is "$(fig made)" "$(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $gset AND deleted_at IS NULL
	AND created_at >= '$day' AND created_at < '$day' + INTERVAL 1 DAY")" "another set's clerk: its own statements only"
sql "UPDATE statements SET created_at = '$day 12:00:00' WHERE account_set_id = $set AND id = ${ids[0]}" >/dev/null
get g "/reports?from=$day&to=$day"
is "$(fig made)" "$(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $gset AND deleted_at IS NULL
	AND created_at >= '$day' AND created_at < '$day' + INTERVAL 1 DAY")" "... even with one of this set's made that day"

# the rollups follow what staff do: a statement deleted, an answer taken
# back (the 不符合 of October's): the figures, the months and the
# 不符合 table again = SQL
act c "${ids[3]}" delete note=重复
is "$STATUS" 303 "a statement deleted"
act c "${ids[6]}" cancel
is "$STATUS" 303 "October's 不符合 taken back"
get v "/reports?from=2026-08-01&to=2026-10-31&days=7"
is "$(fig made)|$(fig agreed)|$(fig disputed)|$(fig pending)" \
	"$(count 1)|$(count "status = 'agreed'")|$(count "status = 'disputed'")|$(count "status = 'pending'")" \
	"after: 生成, 符合, 不符合, 未确认 = SQL"
is "$(fig closing)" "¥$(money_sum closing)" "after: 欠款金额 = SQL"
for p in "2026-08-01 2026-10-31" "2026-01-01 $(date +%F)"; do
	set -- $p
	get v "/reports?from=$1&to=$2"
	is "$(disputes)" "$(want_disputes "$1" "$2")" "after: 不符合的客户 from $1 to $2 = SQL"
done
months=$(tr -d '\n' <"$BODY" | grep -o '<table class="grid" id="months">.*' | sed 's,</table>.*,,' |
	grep -o '<tr><td>[0-9-]*</td><td class="num">[0-9]*</td><td class="num">[0-9]*</td>' |
	sed 's,<[^>]*>, ,g' | tr -s ' ' | sed 's/^ //; s/ $//')
is "$months" "$(sql "SELECT CONCAT_WS(' ', m, n, a) FROM (SELECT DATE_FORMAT(created_at, '%Y-%m') AS m,
	COUNT(*) AS n, SUM(status <> 'pending') AS a FROM statements WHERE account_set_id = $set
	AND deleted_at IS NULL GROUP BY m) t ORDER BY m")" "after: 按月 = SQL"

# bad input
get v "/reports?from=2026-10-01&to=2026-09-01"
is "$STATUS" 400 "from after to: 400"
like "$(body)" '不能早于|早于' "the page says why"
get v "/reports?from=2026-02-30"
is "$STATUS" 400 "a bad date: 400"
get v "/reports?days=0"
is "$STATUS" 400 "days=0: 400"
get P /reports
like "$STATUS" '^(303|401|403)$' "nobody signed in: no report ($STATUS)"
done_testing
