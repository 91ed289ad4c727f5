#!/bin/bash
# dz-generate, POST /statements/new, against erpsim: a clerk ticks the
# documents of 往来对账 and gets a statement whose stored snapshot and page
# equal erpsim-oracle (documents and signed amounts in order, opening,
# per-type totals, closing, goods lines); without the opening balance the
# opening is 0 and the closing the sum; every refusal (no documents, another
# customer's, unknown, draft, voided or out-of-period documents, duplicates,
# bad dates) is a 400 that names the problem and stores nothing; no csrf is
# 403, a viewer 403; another account set sees 404.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need

# this test's clerk's statements, documents and lines (other tests may run
# at the same time)
nstmts() {
	sql "SELECT CONCAT(COUNT(*), '/', (SELECT COUNT(*) FROM statement_docs d JOIN statements s ON s.id = d.statement_id
		WHERE s.created_by = $clerk_id), '/', (SELECT COUNT(*) FROM statement_lines l JOIN statements s
		ON s.id = l.statement_id WHERE s.created_by = $clerk_id)) FROM statements WHERE created_by = $clerk_id"
}

st_admin
st_user c "gc$U" clerk "$DZ_TEST_ERP_DSN"
clerk_id=$uid
DB=$DZ_TEST_ERP_SQLITE

# check_stmt SID ORACLE-FILE OPENING(0|1) WHAT: the stored statement and its
# page equal the oracle's report for the documents in ORACLE-FILE
check_stmt() {
	local sid=$1 o=$2 op=$3 w=$4 open want
	open=$(awk -F '\t' '$1 == "opening" {print $2}' "$o")
	[ "$op" = 1 ] || open=0
	sum=$(awk -F '\t' '$1 == "doc" {s += $7} END {print s + 0}' "$o")
	is "$(sql "SELECT doc_count FROM statements WHERE id = $sid")" \
		"$(grep -c '^doc' "$o")" "$w: document count"
	want=$(awk -F '\t' '$1 == "doc" {print $2, $7}' "$o")
	is "$(sql "SELECT CONCAT(vchcode, ' ', CAST(ROUND(amount * 100) AS SIGNED)) FROM statement_docs
		WHERE statement_id = $sid ORDER BY date, number, vchcode")" "$want" \
		"$w: each document and its signed amount, in order"
	is "$(sql "SELECT with_opening FROM statements WHERE id = $sid")" "$op" "$w: with_opening = $op"
	is "$(fen opening "$sid")" "$open" "$w: opening"
	is "$(fen closing "$sid")" "$((open + sum))" "$w: closing = opening + Σ"
	for t in 11:sales 45:returns 4:receipts; do
		is "$(fen "${t#*:}" "$sid")" \
			"$(awk -F '\t' -v v="${t%:*}" '$1 == "doc" && $4 == v {s += $7} END {print s + 0}' "$o")" \
			"$w: ${t#*:}"
	done
	is "$(sql "SELECT COUNT(*) FROM statement_lines WHERE statement_id = $sid")" \
		"$(grep -c '^line' "$o")" "$w: goods lines count"
	is "$(sql "SELECT CONCAT(vchcode, ' ', product_code, ' ', CAST(ROUND(amount * 100) AS SIGNED), ' ',
		CAST(ROUND(price * 100) AS SIGNED)) FROM statement_lines WHERE statement_id = $sid ORDER BY vchcode, seq")" \
		"$(awk -F '\t' '$1 == "line" {print $2, $3, $8, $7}' "$o" | sort -s -n -k1,1)" \
		"$w: goods lines: product, amount and price, in order"
	is "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$sid' AND action = 'stmt_create'")" 1 \
		"$w: one audit row"
	get c "/statements/$sid"
	is "$STATUS" 200 "$w: the statement page: 200"
	# a negative closing is money held for the customer (templates/balance.cs)
	cl=$((open + sum))
	if [ "$cl" -lt 0 ]; then
		like "$(grep -o '预收金额 <span class="money debt prepaid">¥[^<]*' "$BODY" | head -1)" "¥$(money "${cl#-}")\$" \
			"$w: page shows 预收金额 (closing $cl fen), no minus"
	else
		like "$(grep -o '欠款金额 <span class="money debt">¥[^<]*' "$BODY" | head -1)" "¥$(money "$cl")\$" "$w: page shows 欠款金额"
	fi
	is "$(grep -o '<td class="num money">[-0-9,.]*<' "$BODY" | wc -l)" "$(( $(grep -c '^doc' "$o") + $(grep -c '^line' "$o") + 3 ))" \
		"$w: page shows every document and goods line (and three totals)"
	if [ "$op" = 1 ]; then
		ok "$w: page shows the opening row" grep -q "期初余额</td><td class=\"num money\">¥$(money "$open")<" "$BODY"
	else
		ok "$w: page has no opening row" test -z "$(grep '期初余额</td>' "$BODY")"
	fi
}

# --- whole statements, with the opening balance, against the oracle ----------
lm_from=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m-%d)
lm_to=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m-%d)
lenovo=$(sqlite3 "$DB" "SELECT value FROM erpsim_meta WHERE name = 'customer_lenovo'")
lenovo=${lenovo:-0000100001}
# a customer with returns in the first half of the year
other=$(sqlite3 "$DB" "SELECT btypeid FROM Dlyndx WHERE draft = 2 AND RedOld = 'F' AND VchType = 45
	AND Date BETWEEN '2026-01-01' AND '2026-06-30' AND btypeid <> '$lenovo'
	GROUP BY btypeid ORDER BY COUNT(*) DESC, btypeid LIMIT 1")
for c in "$lenovo:$lm_from:$lm_to" "$other:2026-01-01:2026-06-30"; do
	IFS=: read -r cu from to <<<"$c"
	"$ORACLE" --db "$DB" --customer "$cu" --from "$from" --to "$to" >"$T/oracle"
	# shellcheck disable=SC2046
	gen c "$cu" "$from" "$to" 1 $(st_docs "$cu" "$from" "$to")
	is "$STATUS" 303 "$cu $from..$to, all ticked, opening: 303"
	like "$(location)" '^/statements/[0-9]+' "... to /statements/<id>"
	[ -n "$SID" ] || continue
	is "$(sql "SELECT CONCAT(customer_id, ' ', period_from, ' ', period_to, ' ', created_by, ' ', status, ' ', received)
		FROM statements WHERE id = $SID")" "$cu $from $to $clerk_id pending 0.00" "$cu: customer, period, clerk, 未确认, 已收 0"
	is "$(sql "SELECT customer_name FROM statements WHERE id = $SID")" \
		"$(awk -F '\t' '$1 == "customer" {print $4}' "$T/oracle")" "$cu: the customer's Chinese name from the ERP"
	check_stmt "$SID" "$T/oracle" 1 "$cu $from..$to"
done
ok "the second range has returns" grep -q "$(printf '^doc\t[0-9]*\t[-0-9]*\t45\t')" "$T/oracle"

# --- some ticked, without the opening balance ---------------------------------
cu=$lenovo from=2026-01-01 to=2026-11-22
"$ORACLE" --db "$DB" --customer "$cu" --from "$from" --to "$to" >"$T/all"
# every other document (and its lines)
awk -F '\t' '$1 == "doc" { n++; take = n % 2 } $1 == "doc" || $1 == "line" { if (take) print }' "$T/all" >"$T/some"
grep -v '^doc\|^line' "$T/all" >>"$T/some"
# shellcheck disable=SC2046
gen c "$cu" "$from" "$to" 0 $(awk -F '\t' '$1 == "doc" {print $2}' "$T/some" | sort -n)
is "$STATUS" 303 "half the documents ticked, no opening: 303"
[ -n "$SID" ] && check_stmt "$SID" "$T/some" 0 "half, no opening"
ok "the half has fewer documents than the range ($(grep -c '^doc' "$T/some") < $(grep -c '^doc' "$T/all"))" \
	test "$(grep -c '^doc' "$T/some")" -lt "$(grep -c '^doc' "$T/all")"

# --- refusals: 400, nothing stored ---------------------------------------------
from=2025-01-01 to=2026-11-22
mine=$(st_docs "$cu" "$from" "$to" | head -3 | tr '\n' ' ')
first=${mine%% *}
foreign=$(sqlite3 "$DB" "SELECT Vchcode FROM Dlyndx WHERE draft = 2 AND RedOld = 'F' AND VchType IN (11, 45, 4)
	AND btypeid <> '$cu' AND Date BETWEEN '$from' AND '$to' LIMIT 1")
draft=$(sqlite3 "$DB" "SELECT Vchcode FROM Dlyndx WHERE draft <> 2 AND btypeid = '$cu' AND Date BETWEEN '$from' AND '$to' LIMIT 1")
[ -n "$draft" ] || draft=$(sqlite3 "$DB" "SELECT Vchcode FROM Dlyndx WHERE draft <> 2 AND Date BETWEEN '$from' AND '$to' LIMIT 1")
voided=$(sqlite3 "$DB" "SELECT Vchcode FROM Dlyndx WHERE draft = 2 AND RedOld = 'T' AND btypeid = '$cu' AND Date BETWEEN '$from' AND '$to' LIMIT 1")
# The demo data begins in 2025: a period from mid-2026 has documents before it.
efrom=2026-06-01
emine=$(st_docs "$cu" "$efrom" "$to" | head -3 | tr '\n' ' ')
early=$(sqlite3 "$DB" "SELECT Vchcode FROM Dlyndx WHERE draft = 2 AND RedOld = 'F' AND VchType IN (11, 45, 4)
	AND btypeid = '$cu' AND Date < '$efrom' LIMIT 1")
missing=$(( $(sqlite3 "$DB" "SELECT MAX(Vchcode) FROM Dlyndx") + 1000 ))
before=$(nstmts)
refused() {	# refused WHAT ERE-IN-PAGE
	is "$STATUS" 400 "$1: 400"
	like "$(body)" "$2" "$1: the page says why"
	is "$(nstmts)" "$before" "$1: nothing stored"
}
# shellcheck disable=SC2086
gen c "$cu" "$from" "$to" 1
refused "no documents" '没有勾选单据'
for x in "another customer's document:$foreign" "an unknown vchcode:$missing" "a draft:$draft" \
	"a voided document:$voided"; do
	w=${x%:*} v=${x##*:}
	# The demo data is generated the same every time: each case is there.
	ok "the demo data has $w" test -n "$v"
	[ -n "$v" ] || continue
	# shellcheck disable=SC2086
	gen c "$cu" "$from" "$to" 1 $mine "$v"
	refused "$w ($v) among good ones" "内部号 $v）"
done
ok "the demo data has a document before $efrom" test -n "$early"
ok "... and documents from $efrom on" test -n "$emine"
# shellcheck disable=SC2086
gen c "$cu" "$efrom" "$to" 1 $emine "$early"
refused "a document before the period ($early) among good ones" "内部号 $early）"
# shellcheck disable=SC2086
gen c "$cu" "$from" "$to" 1 $mine "$first"
refused "a document twice ($first)" "重复.*$first"
# shellcheck disable=SC2086
gen c "$cu" "$to" "$from" 1 $mine
refused "from after to" '结束日期早于开始日期'
# shellcheck disable=SC2086
gen c "$cu" 2026-02-30 "$to" 1 $mine
is "$STATUS" 400 "a bad date (2026-02-30): 400"
is "$(nstmts)" "$before" "... nothing stored"
# shellcheck disable=SC2086
gen c "$cu" 20250101 "$to" 1 $mine
is "$STATUS" 400 "a bad date (20250101): 400"
gen c "$cu" "$from" "$to" 1 abc
is "$STATUS" 400 "a vchcode that is not a number: 400"
gen c ZZ9999999999 "$from" "$to" 1 "$first"
is "$STATUS" 400 "a customer the ERP does not have: 400"
like "$(body)" '找不到这个客户' "... says so"
is "$(nstmts)" "$before" "... nothing stored"
# no csrf, a foreign origin
post c /statements/new "customer=$cu" "from=$from" "to=$to" opening=1 "doc=$first"
is "$STATUS" 403 "no csrf token: 403"
get c /query
ORIGIN=https://evil.example post c /statements/new "csrf=$(csrf)" "customer=$cu" "from=$from" "to=$to" "doc=$first"
is "$STATUS" 403 "a foreign Origin: 403"
req c GET "/statements/new?customer=$cu&from=$from&to=$to&doc=$first"
ok "GET /statements/new makes nothing ($STATUS)" test "$STATUS" != 303 -a "$STATUS" != 200
is "$(nstmts)" "$before" "nothing stored by these"

# --- roles and account sets ---------------------------------------------------------
st_user v "gv$U" viewer "$DZ_TEST_ERP_DSN"
gen v "$cu" "$from" "$to" 1 "$first"
is "$STATUS" 403 "a viewer cannot generate: 403"
is "$(sql "SELECT COUNT(*) FROM statements WHERE created_by = $uid")" 0 "... nothing stored"
gen c "$cu" "$from" "$to" 1 "$first"
is "$STATUS" 303 "the clerk's one-document statement: 303"
sid=$SID
get v "/statements/$sid"
is "$STATUS" 200 "a viewer of the same account set sees it"
other_dsn=${DZ_TEST_ERP_DSN/database=$DZ_TEST_ERP_NAME/database=V3994}
st_user o "go$U" clerk "$other_dsn"
isnt "$(sql "SELECT account_set_id FROM users WHERE id = $uid")" \
	"$(sql "SELECT account_set_id FROM users WHERE id = $clerk_id")" "a clerk of another account set (V3994)"
get o "/statements/$sid"
is "$STATUS" 404 "another account set: the statement is 404"
unlike "$(body)" "$(sql "SELECT customer_name FROM statements WHERE id = $sid")" "... and its page names no customer"
for a in feedback share receive delete qr.svg; do
	get o "/statements/$sid/$a"
	is "$STATUS" 404 "another account set: GET $a is 404"
done
get o /statements
ok "another account set: not in its history" test -z "$(grep "id=\"stmt-$sid\"" "$BODY")"
done_testing
