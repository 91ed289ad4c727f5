#!/bin/bash
# 下载 Excel (GET /statements/N/xlsx): a statement generated through the UI,
# read back with openpyxl (t/http/xlsx-read.py), equals the statement in
# the store: the customer, every document's number, date (a date cell)
# and amount (a number cell, '#,##0.00', equal to the store's in fen), the
# goods lines, the running balance ending on the closing balance, the
# closing balance worded as the page words it (欠款金额, or 预收金额 and the
# amount unsigned), the answer and the fingerprint. No cell is a formula,
# even for a summary, product and customer name starting with '=' (put
# there with SQL). The sheet is 对账单, its header row frozen and
# repeated, printed A4 fitted to the width. The file is named in Chinese
# (RFC 5987 filename*). A viewer of the account set may download it; a
# clerk of another account set gets 404, as on the statement's page; a
# deleted statement 410; no session goes to the sign-in.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need
st_openpyxl
READ="$PY $here/xlsx-read.py"

st_admin
st_user g "xg$U" clerk "$DZ_TEST_ERP_DSN"
cu=$(st_lenovo)
sid=$(st_new g "$cu" 2026-09-01 2026-10-31) || bail "cannot generate a statement"
ndocs=$(sql "SELECT COUNT(*) FROM statement_docs WHERE statement_id = $sid")
nlines=$(sql "SELECT COUNT(*) FROM statement_lines WHERE statement_id = $sid")
[ "$ndocs" -gt 2 ] && [ "$nlines" -gt 0 ] || bail "the statement has $ndocs documents, $nlines lines"

# Text that a spreadsheet would take for a formula, in three places (put
# back at the end: the statement shares the account set of other tests,
# whose 'dz-admin verify' would find it tampered with).
dv=$(sql "SELECT vchcode FROM statement_docs WHERE statement_id = $sid ORDER BY date, number LIMIT 1")
read -r lv lseq <<<"$(sql "SELECT vchcode, seq FROM statement_lines WHERE statement_id = $sid ORDER BY vchcode, seq LIMIT 1")"
hd=$(sql "SELECT HEX(summary) FROM statement_docs WHERE statement_id = $sid AND vchcode = $dv")
hl=$(sql "SELECT HEX(product_name) FROM statement_lines WHERE statement_id = $sid AND vchcode = $lv AND seq = $lseq")
hn=$(sql "SELECT HEX(customer_name) FROM statements WHERE id = $sid")
closing0=$(sql "SELECT closing FROM statements WHERE id = $sid")
putback() {
	sql "UPDATE statements SET closing = $closing0 WHERE id = $sid" >/dev/null
	sql "UPDATE statement_docs SET summary = UNHEX('$hd') WHERE statement_id = $sid AND vchcode = $dv" >/dev/null
	sql "UPDATE statement_lines SET product_name = UNHEX('$hl')
		WHERE statement_id = $sid AND vchcode = $lv AND seq = $lseq" >/dev/null
	sql "UPDATE statements SET customer_name = UNHEX('$hn') WHERE id = $sid" >/dev/null
}
sql "UPDATE statement_docs SET summary = '=1+1' WHERE statement_id = $sid AND vchcode = $dv" >/dev/null
sql "UPDATE statement_lines SET product_name = '=SUM(A1:A9)' WHERE statement_id = $sid
	AND vchcode = $lv AND seq = $lseq" >/dev/null
sql "UPDATE statements SET customer_name = '=HYPERLINK(\"http://x.invalid\",\"a\")' WHERE id = $sid" >/dev/null

get g "/statements/$sid/xlsx"
is "$STATUS" 200 "GET /statements/$sid/xlsx: 200"
like "$(hdr Content-Type)" '^application/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet' \
	"an XLSX content type"
like "$(hdr Content-Disposition)" "attachment; filename=\"duizhang-statement-$sid\.xlsx\"; filename\*=UTF-8''%E5%AF%B9%E8%B4%A6%E5%8D%95-$sid\.xlsx" \
	"named 对账单-$sid.xlsx (RFC 5987), with a plain fallback"
is "$(head -c 2 "$BODY")" "PK" "the body is a zip (an XLSX)"
cp "$BODY" "$T/stmt.xlsx"
$READ "$T/stmt.xlsx" >"$T/dump" 2>"$T/err"
is "$?" 0 "openpyxl reads it"
[ -s "$T/err" ] && diag "$(cat "$T/err")"
val() { awk -F '\t' -v k="$1" '$1 == k { print $2; exit }' "$T/dump"; }
# cellv R C: the value of a cell; cellt R C: its type and number format
cellv() { awk -F '\t' -v r="$1" -v c="$2" '$1 == "cell" && $2 == r && $3 == c { print $5; exit }' "$T/dump"; }
cellt() { awk -F '\t' -v r="$1" -v c="$2" '$1 == "cell" && $2 == r && $3 == c { print $4 " " $6; exit }' "$T/dump"; }

is "$(val sheet)" "对账单" "one sheet, named 对账单"
is "$(val formulas)" 0 "no cell is a formula"
is "$(val freeze)" "A8" "the header row (row 7) is frozen"
is "$(val repeat)" '$7:$7' "the header row is repeated on every printed page"
is "$(val paper)" 9 "paper size A4 (9)"
is "$(awk -F '\t' '$1 == "fit" { print $2, $3, $4 }' "$T/dump")" "True 1 0" \
	"printed one page wide"

# The head: company, title, customer, period.
company=$(sql "SELECT company_name FROM statements WHERE id = $sid")
is "$(cellv 1 1)" "$company" "A1: the company"
is "$(cellv 2 1)" "对账单" "A2: 对账单"
is "$(cellv 3 2)" "$(sql "SELECT customer_code FROM statements WHERE id = $sid")" "B3: the customer's code"
is "$(cellv 3 3)" '=HYPERLINK("http://x.invalid","a")' "C3: the customer's name, '=' and all, as it is"
is "$(cellt 3 3)" "s General" "C3 is text"
is "$(cellv 4 2) $(cellt 4 2)" "2026-09-01 00:00:00 d yyyy-mm-dd" "B4: the period's start, a date cell"
is "$(cellv 4 4) $(cellt 4 4)" "2026-10-31 00:00:00 d yyyy-mm-dd" "D4: the period's end, a date cell"

# Documents: rows with a text in column C (number) below the header.
awk -F '\t' '$1 == "cell" && $2 > 7 && $3 == 3 && $4 == "s" { print $2 "\t" $5 }' "$T/dump" >"$T/docrows"
want=$(sql "SELECT CONCAT(number, ' ', date, ' ', CAST(ROUND(amount * 100) AS SIGNED))
	FROM statement_docs WHERE statement_id = $sid ORDER BY date, number")
got=$(while IFS=$'\t' read -r row num; do
	d=$(cellv "$row" 1)
	a=$(cellv "$row" 5)
	echo "$num ${d%% *} $("$PY" -c "print(round(float('$a') * 100))")"
done <"$T/docrows")
is "$got" "$want" "every document: number, date and amount (fen) as in the store, in the page's order"
is "$(wc -l <"$T/docrows")" "$ndocs" "$ndocs document rows"
types=$(while IFS=$'\t' read -r row num; do cellt "$row" 1; cellt "$row" 5; done <"$T/docrows" | sort -u | xargs)
is "$types" "d yyyy-mm-dd n #,##0.00;[Red]-#,##0.00" "document dates are date cells, amounts number cells in #,##0.00"
first=$(head -1 "$T/docrows" | cut -f1)
is "$(cellv "$first" 4) $(cellt "$first" 4)" "=1+1 s General" "a summary '=1+1' is the text =1+1"

# Goods: rows with a product name (column H) and their amounts (column L).
gl=$(awk -F '\t' '$1 == "cell" && $2 > 7 && $3 == 8 { print $2 }' "$T/dump")
is "$(echo "$gl" | grep -c .)" "$nlines" "$nlines goods lines"
lsum=$(for row in $gl; do cellv "$row" 12; done | "$PY" -c 'import sys; print(round(sum(float(x) for x in sys.stdin) * 100))')
is "$lsum" "$(sql "SELECT CAST(ROUND(SUM(amount) * 100) AS SIGNED) FROM statement_lines WHERE statement_id = $sid")" \
	"the goods' amounts add up to the store's"
grep -qP '^cell\t\d+\t8\ts\t=SUM\(A1:A9\)\t' "$T/dump"
is "$?" 0 "a product named '=SUM(A1:A9)' is text"

# The running balance (column F) ends on the closing balance.
last=$(tail -1 "$T/docrows" | cut -f1)
closing=$(fen closing "$sid")
is "$("$PY" -c "print(round(float('$(cellv "$last" 6)') * 100))")" "$closing" \
	"the last document's balance is the closing balance ($closing fen)"

# Totals and the closing balance as the page words it.
owed_row() { awk -F '\t' -v l="$1" '$1 == "cell" && $3 == 4 && $5 == l { print $2; exit }' "$T/dump"; }
r=$(owed_row "欠款金额")
is "$("$PY" -c "print(round(float('$(cellv "$r" 5)') * 100))")" "$closing" "欠款金额 equals the store's closing balance"
r=$(owed_row "销售出库")
is "$("$PY" -c "print(round(float('$(cellv "$r" 5)') * 100))")" "$(fen sales "$sid")" "销售出库 total as stored"
r=$(owed_row "收款")
is "$("$PY" -c "print(round(float('$(cellv "$r" 5)') * 100))")" "$(fen receipts "$sid")" "收款 total as stored"
fp=$(sql "SELECT fingerprint FROM statements WHERE id = $sid")
grep -qP "^cell\t\d+\t2\ts\t$fp\t" "$T/dump"
is "$?" 0 "the fingerprint is there"
grep -qP '^cell\t\d+\t2\ts\t还没有答复\t' "$T/dump"
is "$?" 0 "no answer yet: 还没有答复"

# An answer, and a closing balance the customer overpaid (预收金额, unsigned).
act g "$sid" agree description=此笔款我会下周付到贵公司账户 >/dev/null
is "$STATUS" 303 "符合确认 recorded"
sql "UPDATE statements SET closing = -1234.5 WHERE id = $sid" >/dev/null
get g "/statements/$sid/xlsx"
cp "$BODY" "$T/stmt2.xlsx"
$READ "$T/stmt2.xlsx" >"$T/dump"
r=$(owed_row "预收金额")
isnt "$r" "" "a negative closing balance is worded 预收金额"
is "$(cellv "$r" 5)" "1234.5" "... with the amount unsigned"
is "$(owed_row "欠款金额")" "" "... and no 欠款金额"
grep -qP '^cell\t\d+\t2\ts\t符合\t' "$T/dump"
is "$?" 0 "the answer 符合 is there"
grep -qP '^cell\t\d+\t4\ts\t此笔款我会下周付到贵公司账户\t' "$T/dump"
is "$?" 0 "with its description"

# The statement page links to it.
get g "/statements/$sid"
like "$(body)" "href=\"/statements/$sid/xlsx\">下载 Excel<" "the statement page links 下载 Excel"

# Who may: a viewer of the set yes; a clerk of another set 404; nobody: sign in.
set=$(sql "SELECT account_set_id FROM statements WHERE id = $sid")
mkuser "xv$U" viewer "Good-Pass-$U" || bail "cannot make a viewer"
sql "UPDATE users SET account_set_id = $set, must_change_password = 0 WHERE username = 'xv$U'" >/dev/null
login v "xv$U" "Good-Pass-$U"
get v "/statements/$sid/xlsx"
is "$STATUS" 200 "a viewer of the account set downloads it"
other=$(sql "INSERT INTO account_sets (identity, company_name, erp_kind) VALUES ('test-xlsx-$U', '别家', 'grasp');
	SELECT LAST_INSERT_ID()")
mkuser "xo$U" clerk "Good-Pass-$U" || bail "cannot make another clerk"
sql "UPDATE users SET account_set_id = $other, must_change_password = 0 WHERE username = 'xo$U'" >/dev/null
login o "xo$U" "Good-Pass-$U"
get o "/statements/$sid/xlsx"
is "$STATUS" 404 "a clerk of another account set: 404"
unlike "$(head -c 2 "$BODY")" "PK" "... and no workbook"
get o "/statements/$sid"
is "$STATUS" 404 "... as on the statement's page"
get nobody "/statements/$sid/xlsx"
is "$STATUS" 303 "no session: to the sign-in"
get g "/statements/999999999/xlsx"
is "$STATUS" 404 "no such statement: 404"
act g "$sid" delete >/dev/null
get g "/statements/$sid/xlsx"
is "$STATUS" 410 "a deleted statement: 410"
ls "${TMPDIR:-/tmp}"/dz-xlsx-* >/dev/null 2>&1
isnt "$?" 0 "no temporary workbook is left behind"

putback
set=$(sql "SELECT account_set_id FROM statements WHERE id = $sid")
is "$("$DZ_TEST_ADMIN" verify --account-set "$set" 2>&1 | grep -c "^statement $sid:")" 0 \
	"the statement is put back as it was made: dz-admin verify finds nothing wrong with it"

done_testing
