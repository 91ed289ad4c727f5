#!/bin/bash
# 批量生成 (dz-month, dz-admin month-run) on an account set of its own (a
# simulator on a copy of the demo data): a run for October makes exactly
# one statement and one live link per customer the oracle says has a
# movement in the period or a balance at its end, each statement equal to
# the oracle's (opening, every document, closing); its links workbook and
# QR sheet name every one; the same period again makes none; a worker
# killed half-way (kill -9) is taken over once its lease has run out
# (time moved in the store, not slept) and finishes with no customer made
# twice, and a second worker meanwhile takes nothing; 取消 stops a run and
# the next run of the period makes only the rest; November opens from
# October's 符合 closing (chained), and after the ERP changed October the
# ERP's opening shows beside it with the difference, the card marked; the
# 对账日 schedule queues its cut once and lists only the customers it
# cuts; a viewer may look but not start, download or cancel; another
# account set sees 404; bad dates are 400 and make nothing.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
. "$here/../lib/erpsim.sh"
st_need
program_running dz-month || skip_all "dz-month not running"
[ -x "$ERPSIM" ] || skip_all "erpsim not built"
st_openpyxl
st_poppler
trap 'for p in $pids; do kill "$p" 2>/dev/null; done' EXIT

# this test's own ERP: a copy of the demo data on its own port
PORT=${DZ_TEST_PORT_MONTH:-$(( ${DZ_TEST_ERP_PORT:-14330} + 550 ))}
cp "$DZ_TEST_ERP_SQLITE" "$T/erp.db"
chmod 0644 "$T/erp.db"
chmod 0755 "$T"
DB=$T/erp.db
# a database name of this run's own: its account set is new each run
DBNAME=M$U
sqlite3 "$DB" "UPDATE erpsim_meta SET value = '$DBNAME' WHERE name = 'database'"
DZ_TEST_ERP_SQLITE=$DB ok "a simulator of our own on $PORT" sim "$PORT"
DSN="server=127.0.0.1,$PORT; uid=sa; pwd=simpw; database=$DBNAME; encrypt=off"

st_admin
st_user c "mc$U" clerk "$DSN"
clerk=$uid
SET=$(sql "SELECT account_set_id FROM users WHERE id = $clerk")
st_user v "mv$U" viewer "$DSN"
st_user o "mo$U" clerk "$DZ_TEST_ERP_DSN"

# oracle_row CUSTOMER FROM TO: "opening closing ndocs moved" (fen; moved is
# 1 when any type's total is not 0)
oracle_row() {
	"$ORACLE" --db "$DB" --customer "$1" --from "$2" --to "$3" --types 11,45,4,116,115 |
		awk -F '\t' '$1 == "opening" { o = $2 } $1 == "closing" { c = $2 }
			$1 == "doc" { n++ } $1 == "total" && $4 != 0 { m = 1 }
			END { print o + 0, c + 0, n + 0, m + 0 }'
}
# eligible FROM TO: the customers a run takes, sorted
eligible() {
	local cu row
	for cu in $("$ORACLE" --db "$DB" --list-customers | cut -f2); do
		read -r _ cl nd mv <<<"$(oracle_row "$cu" "$1" "$2")"
		if [ "$nd" != 0 ] || [ "$mv" != 0 ] || [ "$cl" != 0 ]; then echo "$cu"; fi
	done | sort
}
# wait_run ID: until the run is over (at most 60 s); prints its state
wait_run() {
	local st
	for _ in $(seq 120); do
		st=$(sql "SELECT state FROM bulk_runs WHERE id = $1")
		case $st in done|cancelled|failed) echo "$st"; return 0 ;; esac
		sleep 0.5
	done
	echo "$st"
}
# pc B FORMPAGE PATH FIELDS...: POST with the form token of B's FORMPAGE
pc() {
	local b=$1 page=$2 path=$3
	shift 3
	get "$b" "$page"
	post "$b" "$path" "$@" "csrf=$(csrf)"
}
# worker ARGS...: dz-admin month-run as the programs' user (as systemd runs it)
worker() { runuser -u "$DZ_TEST_PROG_USER" -- "$DZ_TEST_ADMIN" month-run "$@"; }
run_stmts() { sql "SELECT customer_id FROM statements WHERE bulk_run_id = $1 ORDER BY customer_id"; }
set_stmts() { sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $SET AND deleted_at IS NULL"; }
new_run() {	# new_run FROM TO [FILTER]: the run's id (303 to /month/ID)
	pc c /month /month/new "from=$1" "to=$2" "filter=${3:-}"
	[ "$STATUS" = 303 ] || { echo "0"; return 1; }
	location | sed -E 's,^/month/([0-9]+).*,\1,'
}

# --- the page and bad input ------------------------------------------------------
get c /month
is "$STATUS" 200 "GET /month: 200"
like "$(body)" 'action="/month/new"' "the form of a new run"
before=$(set_stmts)
pc c /month /month/new from=2026-10-31 to=2026-10-01
is "$STATUS" 400 "the end before the start: 400"
pc c /month /month/new from=2026-10-01 to=2026-13-01
is "$STATUS" 400 "a date that is none: 400"
pc c /month /month/new from=2025-01-01 to=2026-10-31
is "$STATUS" 400 "a period longer than a year: 400"
post c /month/new from=2026-10-01 to=2026-10-31
is "$STATUS" 403 "no form token: 403"
pc v /month /month/new from=2026-10-01 to=2026-10-31
is "$STATUS" 403 "a viewer cannot start a run: 403"
is "$(sql "SELECT COUNT(*) FROM bulk_runs WHERE account_set_id = $SET")" 0 "none of them made a run"
is "$(set_stmts)" "$before" "nor a statement"

# --- October: one statement per eligible customer ---------------------------------
want=$(eligible 2026-10-01 2026-10-31)
nwant=$(wc -l <<<"$want")
ok "the oracle has customers for October ($nwant)" test "$nwant" -gt 3
R1=$(new_run 2026-10-01 2026-10-31)
ok "POST /month/new: 303 to the run's page ($R1)" test "$R1" -gt 0
get c "/month/$R1"
is "$STATUS" 200 "the run's page: 200"
is "$(wait_run "$R1")" done "the run (started by dz-month itself) is done"
is "$(run_stmts "$R1")" "$want" "a statement for exactly the customers with a movement or a balance"
is "$(sql "SELECT CONCAT(total, '/', made, '/', kept, '/', failed) FROM bulk_runs WHERE id = $R1")" \
	"$nwant/$nwant/0/0" "total = made = $nwant, none kept or failed"
is "$(sql "SELECT COUNT(*) - COUNT(DISTINCT customer_id) FROM statements WHERE bulk_run_id = $R1")" 0 \
	"no customer twice"
is "$(sql "SELECT COUNT(*) FROM share_links l JOIN statements s ON s.id = l.statement_id
	WHERE s.bulk_run_id = $R1 AND l.revoked_at IS NULL")" "$nwant" "one live link each"
bad=0
for cu in $want; do
	read -r op cl nd _ <<<"$(oracle_row "$cu" 2026-10-01 2026-10-31)"
	got=$(sql "SELECT CONCAT(CAST(ROUND(opening * 100) AS SIGNED), ' ', CAST(ROUND(closing * 100) AS SIGNED),
		' ', doc_count, ' ', with_opening) FROM statements WHERE bulk_run_id = $R1 AND customer_id = '$cu'")
	[ "$got" = "$op $cl $nd 1" ] || { bad=$((bad + 1)); diag "$cu: stored $got, oracle $op $cl $nd 1"; }
done
is "$bad" 0 "each statement's opening, closing and documents are the oracle's"
cu1=$(head -1 <<<"$want")
s1=$(sql "SELECT id FROM statements WHERE bulk_run_id = $R1 AND customer_id = '$cu1'")
is "$(sql "SELECT GROUP_CONCAT(vchcode ORDER BY vchcode) FROM statement_docs WHERE statement_id = $s1")" \
	"$("$ORACLE" --db "$DB" --customer "$cu1" --from 2026-10-01 --to 2026-10-31 --types 11,45,4,116,115 |
		awk -F '\t' '$1 == "doc" { print $2 }' | sort -n | paste -sd,)" \
	"$cu1's documents are every posted one of the period, 应收款 too"
get c "/month/$R1"
like "$(body)" 'data-state="done"' "the page says done"
unlike "$(body)" 'http-equiv="refresh"' "and no longer refreshes itself"
like "$(body)" "href=\"/statements/$s1\"" "its customers link their statements"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'bulk:$R1' AND action IN ('bulk_create', 'bulk_done')")" 2 \
	"audit: the run's start and end"

# the links workbook and the QR sheet
get c "/month/$R1/links.xlsx"
is "$STATUS" 200 "links.xlsx: 200"
cp "$BODY" "$T/links.xlsx"
"$PY" "$here/xlsx-read.py" "$T/links.xlsx" >"$T/links.txt"
like "$(grep -c $'\tc\t\|^cell\t' "$T/links.txt")" '^[0-9]+$' "the workbook reads back"
nlinks=$(grep -cE $'^cell\t[0-9]+\t6\ts\thttps://' "$T/links.txt")
is "$nlinks" "$nwant" "a link for every customer of the run"
like "$(grep -E $'^cell\t1\t1\t' "$T/links.txt")" "$(sed -n 's/.*= //p' <<<"$(grep -m1 'links_title' "$here/../../conf/lang/zh_CN.hdf")" | cut -c1-6)" \
	"the file says it holds live links"
tok=$(grep -E $'^cell\t4\t6\ts\t' "$T/links.txt" | cut -f5 | sed -E 's,.*/c/,,')
get x "/c/$tok"
is "$STATUS" 200 "a link of the workbook opens its statement"
get c "/month/$R1/qr.pdf"
is "$STATUS" 200 "qr.pdf: 200"
like "$(hdr Content-Type)" '^application/pdf' "a PDF"
cp "$BODY" "$T/qr.pdf"
pdftotext "$T/qr.pdf" "$T/qr.txt"
miss=0
for cu in $want; do
	code=$(sql "SELECT customer_code FROM statements WHERE bulk_run_id = $R1 AND customer_id = '$cu'")
	grep -q -- "$code" "$T/qr.txt" || miss=$((miss + 1))
done
is "$miss" 0 "the QR sheet names every customer"
for p in "/month/$R1/links.xlsx" "/month/$R1/qr.pdf"; do
	get v "$p"
	is "$STATUS" 403 "a viewer may not download $p: 403"
done
get v "/month/$R1"
is "$STATUS" 200 "a viewer may look at the run"
get o "/month/$R1"
is "$STATUS" 404 "another account set: the run is 404"
get o "/month/$R1/links.xlsx"
is "$STATUS" 404 "another account set: its links are 404"

# --- the same period again makes nothing -----------------------------------------
n=$(set_stmts)
R2=$(new_run 2026-10-01 2026-10-31)
is "$(wait_run "$R2")" done "a second run of October is done"
is "$(sql "SELECT CONCAT(made, '/', kept) FROM bulk_runs WHERE id = $R2")" "0/$nwant" "it made none and kept all"
is "$(set_stmts)" "$n" "no statement more"

# --- killed half-way -----------------------------------------------------------------
wantS=$(eligible 2026-09-01 2026-09-30)
nS=$(wc -l <<<"$wantS")
sql "INSERT INTO bulk_runs (account_set_id, period_from, period_to, created_by)
	VALUES ($SET, '2026-09-01', '2026-09-30', $clerk)" >/dev/null
R3=$(sql "SELECT MAX(id) FROM bulk_runs WHERE account_set_id = $SET")
worker --run "$R3" --delay-ms 250 >"$T/w1.log" 2>&1 &
w1=$!
for _ in $(seq 100); do
	[ "$(sql "SELECT made FROM bulk_runs WHERE id = $R3")" -ge 3 ] 2>/dev/null && break
	sleep 0.1
done
# the pid of dz-admin itself (the wrapper may run it as a child)
kill -9 $w1 $(pgrep -f "month-run --run $R3 " ) 2>/dev/null
wait $w1 2>/dev/null
made=$(sql "SELECT made FROM bulk_runs WHERE id = $R3")
ok "killed with $made of $nS made" test "$made" -ge 3 -a "$made" -lt "$nS"
is "$(sql "SELECT state FROM bulk_runs WHERE id = $R3")" running "the run is left running (its lease holds)"
worker --run "$R3" >"$T/w2.log" 2>&1
is "$(sql "SELECT made FROM bulk_runs WHERE id = $R3")" "$made" "while the lease holds, a second worker takes nothing"
sql "UPDATE bulk_runs SET lease_until = NOW() - INTERVAL 1 SECOND WHERE id = $R3" >/dev/null
worker --run "$R3" >"$T/w3.log" 2>&1
is "$?" 0 "once the lease ran out, the next worker takes the run over"
is "$(sql "SELECT state FROM bulk_runs WHERE id = $R3")" done "and finishes it"
is "$(run_stmts "$R3")" "$wantS" "every customer of September, once"
is "$(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $SET AND period_from = '2026-09-01'
	AND deleted_at IS NULL")" "$nS" "no statement twice"
is "$(sql "SELECT CONCAT(made, '/', failed) FROM bulk_runs WHERE id = $R3")" "$nS/0" "its counts add up"

# --- 取消 --------------------------------------------------------------------------------
wantA=$(eligible 2026-08-01 2026-08-31)
nA=$(wc -l <<<"$wantA")
sql "INSERT INTO bulk_runs (account_set_id, period_from, period_to, created_by)
	VALUES ($SET, '2026-08-01', '2026-08-31', $clerk)" >/dev/null
R4=$(sql "SELECT MAX(id) FROM bulk_runs WHERE account_set_id = $SET")
worker --run "$R4" --delay-ms 250 >"$T/w4.log" 2>&1 &
w4=$!
for _ in $(seq 100); do
	[ "$(sql "SELECT made FROM bulk_runs WHERE id = $R4")" -ge 2 ] 2>/dev/null && break
	sleep 0.1
done
get c "/month/$R4"
like "$(body)" 'http-equiv="refresh"' "a running run's page refreshes itself"
post c "/month/$R4/cancel" "csrf=$(csrf)"
is "$STATUS" 303 "取消: 303"
wait $w4
is "$(sql "SELECT state FROM bulk_runs WHERE id = $R4")" cancelled "the run is cancelled"
m4=$(sql "SELECT made FROM bulk_runs WHERE id = $R4")
ok "it stopped with $m4 of $nA made" test "$m4" -lt "$nA"
pc v "/month/$R4" "/month/$R4/cancel"
is "$STATUS" 403 "a viewer cannot cancel: 403"
R5=$(new_run 2026-08-01 2026-08-31)
is "$(wait_run "$R5")" done "the next run of August is done"
is "$(sql "SELECT CONCAT(made, '/', kept) FROM bulk_runs WHERE id = $R5")" "$((nA - m4))/$m4" \
	"it made only the rest"
is "$(sql "SELECT COUNT(DISTINCT customer_id), COUNT(*) FROM statements WHERE account_set_id = $SET
	AND period_from = '2026-08-01' AND deleted_at IS NULL" | tr '\t' ' ')" "$nA $nA" "August: each customer once"

# --- chained openings -------------------------------------------------------------------
cl1=$(sql "SELECT CAST(ROUND(closing * 100) AS SIGNED) FROM statements WHERE id = $s1")
v1=$(sql "SELECT version FROM statements WHERE id = $s1")
pc c "/statements/$s1/agree" "/statements/$s1/agree" "version=$v1"
is "$STATUS" 303 "October's statement of $cu1 is 符合"
R6=$(new_run 2026-11-01 2026-11-30)
is "$(wait_run "$R6")" done "November's run is done"
s6=$(sql "SELECT id FROM statements WHERE bulk_run_id = $R6 AND customer_id = '$cu1'")
is "$(sql "SELECT CONCAT(chain_from_id, ' ', CAST(ROUND(opening * 100) AS SIGNED)) FROM statements WHERE id = $s6")" \
	"$s1 $cl1" "November opens from October's 符合 closing"
read -r opN _ <<<"$(oracle_row "$cu1" 2026-11-01 2026-11-30)"
is "$opN" "$cl1" "which is the ERP's opening too"
get c "/statements/$s6"
like "$(body)" "id=\"chain\"" "the statement page names the statement it opens from"
unlike "$(body)" 'id="chain-diff"' "no difference shown"
# the ERP changes October under the confirmed statement
vch=$(sqlite3 "$DB" "SELECT Vchcode FROM Dlyndx WHERE btypeid = '$cu1' AND VchType = 11 AND draft = 2
	AND RedOld = 'F' AND Date BETWEEN '2026-10-01' AND '2026-10-31' ORDER BY Vchcode LIMIT 1")
sqlite3 "$DB" "UPDATE Dlyndx SET Total = Total + 1 WHERE Vchcode = $vch"
read -r opN2 _ <<<"$(oracle_row "$cu1" 2026-11-01 2026-11-30)"
is "$opN2" "$((cl1 + 100))" "the ERP's November opening moved by 1.00"
v6=$(sql "SELECT version FROM statements WHERE id = $s6")
pc c "/statements/$s6/delete" "/statements/$s6/delete" "version=$v6"
is "$STATUS" 303 "November's statement of $cu1 deleted"
R7=$(new_run 2026-11-01 2026-11-30)
is "$(wait_run "$R7")" done "November again"
is "$(sql "SELECT CONCAT(made, '/', kept) FROM bulk_runs WHERE id = $R7")" "1/$(($(sql "SELECT total FROM bulk_runs WHERE id = $R7") - 1))" \
	"it made only the deleted one again"
s7=$(sql "SELECT id FROM statements WHERE bulk_run_id = $R7 AND customer_id = '$cu1'")
is "$(sql "SELECT CONCAT(chain_from_id, ' ', CAST(ROUND(opening * 100) AS SIGNED), ' ',
	CAST(ROUND(erp_opening * 100) AS SIGNED)) FROM statements WHERE id = $s7")" "$s1 $cl1 $((cl1 + 100))" \
	"it still opens from the confirmed closing, the ERP's opening kept beside it"
get c "/statements/$s7"
like "$(body)" 'id="chain-diff"' "the statement page shows the difference"
like "$(body)" 'data-k="chain-diff">-1.00<' "of -1.00"
get c "/statements?customer=$(sql "SELECT customer_code FROM statements WHERE id = $s7")"
like "$(body)" "href=\"/statements/$s7#chain-diff\"" "the card is marked 期初不符"

# --- 对账日 ---------------------------------------------------------------------------------
get c /month/days
is "$STATUS" 200 "GET /month/days: 200"
pc c /month/days /month/days day=0 months=1 scheduled=1
is "$STATUS" 303 "the account set's 对账日: 月末, one month, scheduled"
is "$(sql "SELECT CONCAT(recon_day, '/', recon_months, '/', recon_schedule_by) FROM account_sets WHERE id = $SET")" \
	"0/1/$clerk" "stored, scheduled as the clerk"
pc c /month/days /month/days day=29 months=1
is "$STATUS" 400 "a 29th: 400"
pc c /month/days /month/days day=5 months=4
is "$STATUS" 400 "four months: 400"
code2=$(sql "SELECT customer_code FROM statements WHERE bulk_run_id = $R1 ORDER BY customer_id LIMIT 1 OFFSET 1")
cu2=$(sql "SELECT customer_id FROM statements WHERE bulk_run_id = $R1 ORDER BY customer_id LIMIT 1 OFFSET 1")
pc c /month/days /month/days/customer "code=$code2" day=20 months=1
is "$STATUS" 303 "$code2's own 对账日: the 20th"
pc c /month/days /month/days/customer code=NO-SUCH day=20 months=1
is "$STATUS" 400 "an unknown customer code: 400"
worker --schedule --date 2026-10-20 >"$T/s1.log" 2>&1
RS=$(sql "SELECT id FROM bulk_runs WHERE account_set_id = $SET AND origin = 'schedule' AND period_to = '2026-10-20'")
ok "the 20th cuts $code2's period: a run ($RS)" test -n "$RS"
is "$(sql "SELECT CONCAT(period_from, '..', period_to, ' ', state) FROM bulk_runs WHERE id = ${RS:-0}")" \
	"2026-09-21..2026-10-20 done" "for 09-21..10-20, done"
is "$(sql "SELECT GROUP_CONCAT(customer_id) FROM bulk_items WHERE run_id = ${RS:-0}")" "$cu2" \
	"it took only the customer whose 对账日 it is"
worker --schedule --date 2026-10-31 >"$T/s2.log" 2>&1
RE=$(sql "SELECT id FROM bulk_runs WHERE account_set_id = $SET AND origin = 'schedule' AND period_to = '2026-10-31'")
is "$(sql "SELECT CONCAT(total, '/', made, '/', kept) FROM bulk_runs WHERE id = ${RE:-0}")" \
	"$((nwant - 1))/0/$((nwant - 1))" "the month's end cuts everyone else's October: all there already"
worker --schedule --date 2026-10-31 >"$T/s3.log" 2>&1
is "$(sql "SELECT COUNT(*) FROM bulk_runs WHERE account_set_id = $SET AND origin = 'schedule'")" 2 \
	"asked again, the schedule queues nothing more"
worker --schedule --date 2026-10-30 >"$T/s4.log" 2>&1
is "$(sql "SELECT COUNT(*) FROM bulk_runs WHERE account_set_id = $SET AND origin = 'schedule'")" 2 \
	"a day that is no 对账日 queues nothing"
pc c /month/days /month/days/remove "customer=$cu2"
is "$STATUS" 303 "$code2 back to the default"
is "$(sql "SELECT COUNT(*) FROM recon_days WHERE account_set_id = $SET")" 0 "its own 对账日 is gone"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'recon_day' AND object = 'account_set:$SET'")" 3 \
	"audit: each change of 对账日"

# --- 待跟进 (time moved in the store) ---------------------------------------------------------
get c /month/followup
is "$STATUS" 200 "GET /month/followup: 200"
unlike "$(body)" 'id="follow-' "statements made today wait for nobody yet"
read -r fa fb fc <<<"$(sql "SELECT id FROM statements WHERE bulk_run_id = $R3 ORDER BY id LIMIT 3" | paste -sd' ')"
sql "UPDATE statements SET created_at = NOW() - INTERVAL 8 DAY WHERE id = $fa" >/dev/null
sql "UPDATE statements SET created_at = NOW() - INTERVAL 2 DAY WHERE id = $fb" >/dev/null
sql "UPDATE statements SET created_at = NOW() - INTERVAL 16 DAY WHERE id = $fc" >/dev/null
sql "UPDATE share_links SET first_opened_at = NOW() - INTERVAL 15 DAY, open_count = 1 WHERE statement_id = $fc" >/dev/null
vd=$(sql "SELECT version FROM statements WHERE id = $s1")
pc c "/statements/$s1/cancel" "/statements/$s1/cancel" "version=$vd"
vd=$(sql "SELECT version FROM statements WHERE id = $s1")
pc c "/statements/$s1/dispute" "/statements/$s1/dispute" "version=$vd" "description=数量不对"
is "$(sql "SELECT status FROM statements WHERE id = $s1")" disputed "October's statement of $cu1 is now 不符合"
get c /month/followup
like "$(body)" "id=\"follow-$fa\" data-why=\"unopened\" data-rung=\"7\"" "8 days unopened: listed, past the 7-day rung"
unlike "$(body)" "id=\"follow-$fb\"" "2 days: not yet"
like "$(body)" "id=\"follow-$fc\" data-why=\"unanswered\" data-rung=\"15\"" "16 days, opened, not answered: past the 15-day rung"
like "$(body)" "id=\"follow-$s1\" data-why=\"disputed\"" "不符合: listed"
get o /month/followup
unlike "$(body)" "id=\"follow-$fa\"" "another account set does not see them"

done_testing
