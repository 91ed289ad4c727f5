#!/bin/bash
# 导出 Excel / 导出 CSV (GET /statements/export.xlsx, export.csv): every
# statement the history's filters match, not one page. Statements are
# generated through the UI, moved into an account set of their own (as
# 320 does) and joined there by 1,500 copies made with SQL, so the export
# crosses the store's batches (1,000 a query). For no filter and for each
# filter (customer, status, period, date created, two at once) the rows of
# the workbook and of the CSV equal SQL's COUNT of the same condition, and
# their 欠款金额 add up to SQL's SUM. The workbook: sheet 对账单历史, the
# header frozen, A4, amounts as '#,##0.00' numbers, dates as date cells,
# no formula even for a customer named '=cmd|...'. The CSV: the BOM
# first, that name as "'=cmd|...", Chinese names as in the store. A bad
# filter is the list's 400 page; the list links both exports with its
# filters; a viewer may export; a clerk of another account set exports
# none of these rows; with MariaDB stopped each export is the 503 page.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need
st_openpyxl
READ="$PY $here/xlsx-read.py"

st_admin
st_user g "eg$U" clerk "$DZ_TEST_ERP_DSN"
DB=$DZ_TEST_ERP_SQLITE
custs=$(sqlite3 "$DB" "SELECT btypeid FROM Dlyndx WHERE draft = 2 AND RedOld = 'F' AND VchType IN (11, 45, 4)
	AND Date BETWEEN '2026-08-01' AND '2026-10-31' GROUP BY btypeid
	HAVING COUNT(DISTINCT substr(Date, 1, 7)) = 3 ORDER BY btypeid LIMIT 3")
[ "$(echo "$custs" | wc -l)" = 3 ] || bail "the demo data has no three customers with documents each month"
ids=()
for m in 08 09 10; do
	for cu in $custs; do
		to=$(date -d "2026-$m-01 +1 month -1 day" +%Y-%m-%d)
		sid=$(st_new g "$cu" "2026-$m-01" "$to") || bail "cannot generate $cu 2026-$m"
		ids+=("$sid")
	done
done
is "${#ids[@]}" 9 "9 statements generated through the UI"
set=$(sql "INSERT INTO account_sets (identity, company_name, erp_kind) VALUES ('test-export-$U', '导出测试商贸', 'grasp');
	SELECT LAST_INSERT_ID()")
i=0
for sid in "${ids[@]}"; do
	sql "UPDATE statements SET account_set_id = $set, created_at = '2026-11-01 09:00:00' + INTERVAL $i DAY
		WHERE id = $sid" >/dev/null
	i=$((i + 1))
done
# 1,500 copies of the first, made in October, some agreed; one named as a formula.
first=${ids[0]}
sql "INSERT INTO statements (account_set_id, customer_id, customer_code, customer_name, company_name,
	period_from, period_to, opening, sales, returns, receipts, closing, doc_count, fingerprint,
	status, received, created_by, created_at)
	SELECT account_set_id, customer_id, customer_code, customer_name, company_name, period_from,
	period_to, opening, sales, returns, receipts, closing + seq / 100, doc_count, fingerprint,
	IF(seq % 7 = 0, 'agreed', 'pending'), IF(seq % 5 = 0, 10, 0), created_by,
	'2026-10-01 08:00:00' + INTERVAL seq MINUTE
	FROM statements, seq_1_to_1500 WHERE id = $first" >/dev/null
sql "UPDATE statements SET customer_name = '=cmd|\" /C calc\"!A0' WHERE id = ${ids[1]}" >/dev/null
sql "UPDATE statements SET status = 'disputed', answered_at = '2026-11-03 10:20:00' WHERE id = ${ids[2]}" >/dev/null
total=$(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $set AND deleted_at IS NULL")
is "$total" 1509 "1,509 statements in the account set"

mkuser "ec$U" clerk "Good-Pass-$U" || bail "cannot make a clerk"
mkuser "ev$U" viewer "Good-Pass-$U" || bail "cannot make a viewer"
sql "UPDATE users SET account_set_id = $set, must_change_password = 0 WHERE username IN ('ec$U', 'ev$U')" >/dev/null
login c "ec$U" "Good-Pass-$U"
login v "ev$U" "Good-Pass-$U"

# xlsx_rows FILE: the dump's data rows as "id<TAB>closing-fen", and the checks
xlsx_dump() { $READ "$1" >"$T/dump" 2>"$T/err" || { diag "$(cat "$T/err")"; return 1; }; }
xlsx_ids() {
	awk -F '\t' '$1 == "cell" && $2 > 1 && $3 == 1 { print $5 }' "$T/dump" | sed 's/\.0$//'
}
xlsx_fen() {
	awk -F '\t' '$1 == "cell" && $2 > 1 && $3 == 6 { print $5 }' "$T/dump" |
		"$PY" -c 'import sys; print(round(sum(float(x) for x in sys.stdin) * 100))'
}
csv_rows() {	# csv_rows FILE: data rows (after the header)
	"$PY" -c 'import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    print(sum(1 for _ in csv.reader(f)) - 1)' "$1"
}

# check NAME QUERY WHERE: both exports against SQL's COUNT and SUM
check() {
	local name=$1 q=$2 where=$3 n s
	n=$(sql "SELECT COUNT(*) FROM statements s WHERE s.account_set_id = $set AND s.deleted_at IS NULL AND $where")
	s=$(sql "SELECT COALESCE(CAST(ROUND(SUM(closing) * 100) AS SIGNED), 0) FROM statements s
		WHERE s.account_set_id = $set AND s.deleted_at IS NULL AND $where")
	get c "/statements/export.xlsx?$q"
	is "$STATUS" 200 "$name: export.xlsx 200"
	cp "$BODY" "$T/list.xlsx"
	xlsx_dump "$T/list.xlsx"
	is "$(xlsx_ids | wc -l)" "$n" "$name: the workbook has the $n rows SQL counts"
	is "$(xlsx_fen)" "$s" "$name: its 欠款金额 add up to SQL's sum ($s fen)"
	get c "/statements/export.csv?$q"
	is "$STATUS" 200 "$name: export.csv 200"
	cp "$BODY" "$T/list.csv"
	is "$(csv_rows "$T/list.csv")" "$n" "$name: the CSV has the $n rows too"
}

check "no filter" "" "1"
# the whole export in one go: more than one batch, every id once, newest first
is "$(xlsx_ids | sort -u | wc -l)" 1509 "every statement once (1,509 distinct ids, across two batches)"
is "$(xlsx_ids | head -1)" "$(sql "SELECT MAX(id) FROM statements WHERE account_set_id = $set")" "newest first"
is "$(awk -F '\t' '$1 == "sheet" { print $2 }' "$T/dump")" "对账单历史" "sheet 对账单历史"
is "$(awk -F '\t' '$1 == "freeze" { print $2 }' "$T/dump")" "A2" "header row frozen"
is "$(awk -F '\t' '$1 == "paper" { print $2 }' "$T/dump")" 9 "A4"
is "$(awk -F '\t' '$1 == "formulas" { print $2 }' "$T/dump")" 0 "no formula"
is "$(awk -F '\t' '$1 == "cell" && $2 > 1 && ($3 == 6 || $3 == 7) { print $4 " " $6 }' "$T/dump" | sort -u | xargs)" \
	"n #,##0.00;[Red]-#,##0.00" "欠款金额 and 已收金额 are numbers in #,##0.00"
is "$(awk -F '\t' '$1 == "cell" && $2 > 1 && ($3 == 4 || $3 == 5) { print $4 " " $6 }' "$T/dump" | sort -u | xargs)" \
	"d yyyy-mm-dd" "the periods are date cells"
is "$(awk -F '\t' '$1 == "cell" && $2 > 1 && $3 == 10 { print $4 " " $6 }' "$T/dump" | sort -u | xargs)" \
	"d yyyy-mm-dd hh:mm" "the times made are date-time cells"
grep -qP '^cell\t\d+\t3\ts\t=cmd\|" /C calc"!A0\t' "$T/dump"
is "$?" 0 "the customer named '=cmd|...' is text in the workbook"
grep -qP '^cell\t\d+\t12\td\t2026-11-03 10:20:00\t' "$T/dump"
is "$?" 0 "答复时间 of the disputed one as a date-time"
is "$(hdr Content-Disposition)" \
	"attachment; filename=\"duizhang-statements.csv\"; filename*=UTF-8''%E5%AF%B9%E8%B4%A6%E5%8D%95%E5%8E%86%E5%8F%B2.csv" \
	"the CSV is named 对账单历史.csv (RFC 5987)"
is "$(head -c 3 "$T/list.csv" | od -An -tx1 | xargs)" "ef bb bf" "the CSV starts with the BOM"
like "$(sed -n 1p "$T/list.csv")" '"编号","客户编号","客户",' "the CSV's header row in Chinese"
grep -qF "\"'=cmd|\"\" /C calc\"\"!A0\"" "$T/list.csv"
is "$?" 0 "the '=cmd|...' name comes out as \"'=cmd|...\" in the CSV"
names=$("$PY" -c 'import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))[1:]
print("\n".join(sorted(set(r[2] for r in rows if not r[2].startswith("\x27")))))' "$T/list.csv")
want=$(sql "SELECT DISTINCT customer_name FROM statements WHERE account_set_id = $set AND customer_name NOT LIKE '=%'
	ORDER BY customer_name" | LC_ALL=C sort)
is "$(echo "$names" | LC_ALL=C sort)" "$want" "the Chinese customer names round-trip through the CSV"
is "$(echo "$want" | "$PY" -c 'import sys; print(any("\u4e00" <= ch <= "\u9fff" for ch in sys.stdin.read()))')" True \
	"(they are Chinese)"
get c "/statements/export.xlsx"
like "$(hdr Content-Disposition)" "filename\*=UTF-8''%E5%AF%B9%E8%B4%A6%E5%8D%95%E5%8E%86%E5%8F%B2\.xlsx" \
	"the workbook is named 对账单历史.xlsx"

# The filters, each as the list takes it.
code=$(sql "SELECT customer_code FROM statements WHERE id = ${ids[4]}")
cid=$(sql "SELECT customer_id FROM statements WHERE id = ${ids[4]}")
check "customer=$code" "customer=$code" "(s.customer_id = '$code' OR s.customer_code = '$code' OR s.customer_name LIKE '%$code%')"
check "status=agreed" "status=agreed" "s.status = 'agreed'"
check "status=disputed" "status=disputed" "s.status = 'disputed'"
check "period from 2026-09-15" "from=2026-09-15" "s.period_to >= '2026-09-15'"
check "period to 2026-08-31" "to=2026-08-31" "s.period_from <= '2026-08-31'"
check "created 2026-11-02..2026-11-04" "created_from=2026-11-02&created_to=2026-11-04" \
	"s.created_at >= '2026-11-02' AND s.created_at < '2026-11-05'"
check "customer and status" "customer=$cid&status=pending" \
	"(s.customer_id = '$cid' OR s.customer_code = '$cid' OR s.customer_name LIKE '%$cid%') AND s.status = 'pending'"

# A bad filter: the list's own 400 page.
get c "/statements?status=bogus"
ls=$STATUS
grep -o 'status' "$BODY" >/dev/null
get c "/statements/export.xlsx?status=bogus"
is "$STATUS" "$ls" "export.xlsx?status=bogus: $ls, as the list"
like "$(body)" 'status' "... naming the field"
unlike "$(head -c 2 "$BODY")" "PK" "... and no workbook"
get c "/statements/export.csv?created_from=2026-13-45"
is "$STATUS" 400 "export.csv with a bad date: 400"
unlike "$(head -c 3 "$BODY" | od -An -tx1 | xargs)" "ef bb bf" "... and no CSV"

# The list links both, with its filters.
get c "/statements?status=agreed&from=2026-08-15"
like "$(body)" 'href="/statements/export\.xlsx\?customer=&amp;status=agreed&amp;from=2026-08-15&amp;to=&amp;created_from=&amp;created_to=">导出 Excel<' \
	"the list links 导出 Excel with its filters"
like "$(body)" 'href="/statements/export\.csv\?customer=&amp;status=agreed&amp;from=2026-08-15&amp;' \
	"... and 导出 CSV"

# Who may: a viewer yes; a clerk of another account set sees none of these.
get v "/statements/export.csv"
is "$STATUS" 200 "a viewer exports"
cp "$BODY" "$T/viewer.csv"
is "$(csv_rows "$T/viewer.csv")" 1509 "... all 1,509"
other=$(sql "INSERT INTO account_sets (identity, company_name, erp_kind) VALUES ('test-export-o-$U', '别家', 'grasp');
	SELECT LAST_INSERT_ID()")
mkuser "eo$U" clerk "Good-Pass-$U" || bail "cannot make another clerk"
sql "UPDATE users SET account_set_id = $other, must_change_password = 0 WHERE username = 'eo$U'" >/dev/null
login o "eo$U" "Good-Pass-$U"
get o "/statements/export.xlsx"
is "$STATUS" 200 "another set's clerk: export.xlsx 200"
cp "$BODY" "$T/other.xlsx"
xlsx_dump "$T/other.xlsx"
is "$(xlsx_ids | wc -l)" 0 "... with none of these statements"
get o "/statements/export.csv?customer=$cid"
is "$(csv_rows "$BODY")" 0 "... nor in the CSV, even asked by customer"
get nobody "/statements/export.csv"
is "$STATUS" 303 "no session: to the sign-in"

# The store gone: the usual 503 page, no file.
if [ -n "${DZ_TEST_DB:-}" ]; then
	trap '"$DZ_TEST_DB" start >/dev/null 2>&1; rm -rf "$T"' EXIT
	ok "MariaDB stopped" "$DZ_TEST_DB" stop
	for p in /statements/export.xlsx /statements/export.csv "/statements/${ids[0]}/xlsx"; do
		get c "$p"
		is "$STATUS" 503 "$p while MariaDB is down: 503"
		like "$(hdr Content-Type)" '^text/html' "... the site's page, not a file"
	done
	ok "MariaDB started again" "$DZ_TEST_DB" start
	for _ in $(seq 50); do
		get c /statements/export.csv
		[ "$STATUS" = 200 ] && break
		sleep 0.2
	done
	is "$STATUS" 200 "export.csv works again once it is back"
fi

done_testing
