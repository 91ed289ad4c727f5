#!/bin/bash
# t/bench/reports.sh: 报表 against their budgets (DESIGN §8).
#  1. 结算概览 (GET /reports) over 100,000 statements of one account set,
#     with share links on a tenth (budget <= 0.3 s), timed by curl, best of 3.
#  2. 账龄分析 of every customer on the ERP simulator's `bench` preset (about
#     1 M documents, 2,000 customers; made here with erpsim-gen, a minute or
#     two), through a simulator of its own (budget <= 5 s, its workbook too);
#     付款习惯 and 对账报表 for a year on it beside, without budgets of their
#     own; 对账报表 as a PDF of all 2,000 customers, whose drawing (the PDF's
#     time less the page's, both reading the same figures from the ERP) has
#     the statement PDF's budget of 1,000 documents (<= 1 s).
# Not part of `make check` (the million rows take minutes to make); run by
# hand against the test stack:
#   sudo deploy/test start && t/bench/reports.sh && sudo deploy/test stop
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/t/lib/http.sh"
dz_init >/dev/null
. "$here/t/lib/erpsim.sh"
trap 'for p in $pids; do kill "$p" 2>/dev/null || true; done' EXIT
base=$DZ_TEST_BASE
PORT=${DZ_BENCH_ERP_PORT:-14377}

# best SECONDS-OF-3 PATH: the fastest of three timed GETs (after one warm-up)
best() {
	local p=$1 t b=""
	curl -k -s -o /dev/null "${hdr[@]}" "$base$p"
	for _ in 1 2 3; do
		t=$(curl -k -s -o "$T/page" -w '%{http_code} %{time_total}' "${hdr[@]}" "$base$p")
		[ "${t%% *}" = 200 ] || { echo "reports.sh: $p answered ${t%% *}" >&2; exit 1; }
		t=${t#* }
		if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN { exit !(a < b) }'; then b=$t; fi
	done
	echo "$b"
}
verdict() { awk -v t="$1" -v b="$2" 'BEGIN { printf "%s s (budget <= %s s, ratio %.2f): %s\n", t, b, t / b, t <= b ? "ok" : "OVER BUDGET" }'; }

# --- 1. the overview over 100,000 statements -----------------------------------------
u=rb$U
mkuser "$u" viewer "Bench-Pass-2026" || exit 1
set_id=$(sql "INSERT INTO account_sets (identity, company_name, erp_kind)
	VALUES ('bench:$U/reports', '报表压测商贸', 'grasp'); SELECT LAST_INSERT_ID();")
uid=$(sql "SELECT id FROM users WHERE username = '$u'")
sql "UPDATE users SET account_set_id = $set_id WHERE id = $uid"
sql "INSERT INTO statements (account_set_id, customer_id, customer_code, customer_name,
	company_name, period_from, period_to, opening, sales, returns, receipts, closing,
	doc_count, fingerprint, created_by, created_at, status, received, answered_at)
	SELECT $set_id, CONCAT('C', seq MOD 2000), CONCAT('K', seq MOD 2000),
	CONCAT('压测客户', seq MOD 2000), '报表压测商贸', '2026-01-01', '2026-01-31',
	100.00, 5000.00, -100.00, -3000.00, 2000.00 + seq MOD 97, 20, REPEAT('f', 64), $uid,
	'2026-01-01' + INTERVAL (seq MOD 330) DAY + INTERVAL (seq MOD 86400) SECOND,
	ELT(1 + seq MOD 4, 'pending', 'agreed', 'disputed', 'agreed'),
	IF(seq MOD 5 = 0, 500.00, 0),
	IF(seq MOD 4 = 0, NULL, '2026-01-01' + INTERVAL (seq MOD 330) DAY + INTERVAL 2 DAY)
	FROM seq_1_to_100000"
sql "INSERT INTO share_links (statement_id, token_hash, nonce, key_id, created_by, created_at,
	expires_at, first_opened_at)
	SELECT s.id, UNHEX(SHA2(CONCAT('bench', s.id), 256)), UNHEX(SHA2(CONCAT('n', s.id), 256)), 1,
	$uid, s.created_at, s.created_at + INTERVAL 30 DAY, IF(s.id MOD 2 = 0, s.created_at + INTERVAL 1 HOUR, NULL)
	FROM statements s WHERE s.account_set_id = $set_id AND s.id MOD 10 = 0"
login_ready b "$u" "Bench-Pass-2026" || { echo "reports.sh: cannot sign in" >&2; exit 1; }
hdr=(-H "Cookie: __Host-dz=$(cookie b __Host-dz)")
n=$(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $set_id")
t=$(best "/reports?from=2026-01-01&to=2026-12-31")
made=$(grep -o 'data-k="made">[0-9]*' "$T/page" | grep -o '[0-9]*$')
[ "$made" = "$n" ] || { echo "reports.sh: the overview counts $made, the store $n" >&2; exit 1; }
echo "结算概览 over $n statements: $(verdict "$t" 0.3)"

# --- 2. aging on the bench preset ------------------------------------------------------
db=$T/bench.db
gen=$here/t/erpsim/erpsim-gen
[ -x "$gen" ] || { echo "build first: make t/erpsim/erpsim-gen" >&2; exit 1; }
s=$(date +%s)
"$gen" --preset bench --seed 7 --today 2026-11-22 --out "$db" >"$T/gen.log" 2>&1
docs=$(sqlite3 "$db" "SELECT COUNT(*) FROM Dlyndx")
custs=$(sqlite3 "$db" "SELECT COUNT(*) FROM Btype WHERE sonnum = 0 AND deleted = 0")
echo "bench preset: $docs documents, $custs customers (made in $(( $(date +%s) - s )) s)"
name=$(sqlite3 "$db" "SELECT value FROM erpsim_meta WHERE name = 'database'")
DZ_TEST_ERP_SQLITE=$db sim "$PORT" || { echo "reports.sh: the simulator did not start" >&2; exit 1; }
mkuser "ra$U" admin "Bench-Pass-2026" || exit 1
login_ready a "ra$U" "Bench-Pass-2026" || exit 1
mkclerk "rc$U" "server=127.0.0.1,$PORT; uid=sa; pwd=simpw; database=$name; encrypt=off" ||
	{ echo "reports.sh: cannot make the clerk" >&2; exit 1; }
hdr=(-H "Cookie: __Host-dz=$(cookie "rc$U" __Host-dz)")
t=$(best "/reports/aging?asof=2026-11-22")
rows=$(grep -c '<tr data-id=' "$T/page" || true)
echo "账龄分析 of every customer ($rows with a balance): $(verdict "$t" 5)"
t=$(best "/reports/habits?from=2026-01-01&to=2026-10-31")
echo "付款习惯 for 10 months: $t s"
tp=$(best "/reports/customers?from=2026-01-01&to=2026-10-31&all=1")
echo "对账报表 of every customer for 10 months: $tp s"
t=$(best "/reports/customers.pdf?from=2026-01-01&to=2026-10-31&all=1")
pages=$(pdfinfo "$T/page" 2>/dev/null | awk '/^Pages:/ { print $2 }')
echo "对账报表 as a PDF, every customer ($custs rows, ${pages:-?} pages): $t s; drawing it, beyond the page's own reading of the ERP: $(verdict "$(awk -v a="$t" -v b="$tp" 'BEGIN { printf "%.3f", a - b }')" 1)"
t=$(best "/reports/aging.xlsx?asof=2026-11-22&all=1")
echo "账龄分析 as a workbook, every customer: $(verdict "$t" 5)"
sql "DELETE FROM share_links WHERE statement_id IN (SELECT id FROM statements WHERE account_set_id = $set_id)" >/dev/null
sql "DELETE FROM statements WHERE account_set_id = $set_id" >/dev/null
