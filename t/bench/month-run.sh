#!/bin/bash
# t/bench/month-run.sh: a bulk run (批量生成) of 1,000 customers against its
# budget (DESIGN §8: <= 60 s). The ERP simulator's `bench` preset made here
# with --customers 1000 (erpsim-gen, a minute or so), served by a simulator
# of its own; a clerk of that account set starts the run for one month
# through dz-month (POST /month/new, as a person would), and the time is
# from the POST until the run's row says done: the customers listed from
# the ERP, then for each one its documents, opening balance and goods read,
# the statement built and stored, a share link made. Prints the time, the
# customers made, the documents stored and the ratio to the budget.
# Not part of `make check`; run by hand against the test stack:
#   sudo deploy/test start && t/bench/month-run.sh && sudo deploy/test stop
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/t/lib/http.sh"
dz_init >/dev/null
. "$here/t/lib/erpsim.sh"
trap 'for p in $pids; do kill "$p" 2>/dev/null || true; done' EXIT
PORT=${DZ_BENCH_ERP_PORT:-14378}
CUSTOMERS=${DZ_BENCH_CUSTOMERS:-1010}	# leaves: about 1,000 (the rest are categories)
FROM=${DZ_BENCH_FROM:-2026-10-01}
TO=${DZ_BENCH_TO:-2026-10-31}

db=$T/bench.db
gen=$here/t/erpsim/erpsim-gen
[ -x "$gen" ] || { echo "build first: make t/erpsim/erpsim-gen" >&2; exit 1; }
s=$(date +%s)
"$gen" --preset bench --seed 11 --customers "$CUSTOMERS" --today 2026-11-22 --out "$db" >"$T/gen.log" 2>&1
chmod 0755 "$T"; chmod 0644 "$db"
docs=$(sqlite3 "$db" "SELECT COUNT(*) FROM Dlyndx WHERE Date BETWEEN '$FROM' AND '$TO'")
custs=$(sqlite3 "$db" "SELECT COUNT(*) FROM Btype WHERE sonnum = 0 AND deleted = 0")
echo "bench preset: $custs customers, $docs documents in $FROM..$TO (made in $(( $(date +%s) - s )) s)"
name=$(sqlite3 "$db" "SELECT value FROM erpsim_meta WHERE name = 'database'")
DZ_TEST_ERP_SQLITE=$db sim "$PORT" || { echo "month-run.sh: the simulator did not start" >&2; exit 1; }
mkuser "ma$U" admin "Bench-Pass-2026" || exit 1
login_ready a "ma$U" "Bench-Pass-2026" || exit 1
mkclerk "mc$U" "server=127.0.0.1,$PORT; uid=sa; pwd=simpw; database=$name; encrypt=off" ||
	{ echo "month-run.sh: cannot make the clerk" >&2; exit 1; }
c=mc$U
get "$c" /month
t0=$(date +%s.%N)
post "$c" /month/new "from=$FROM" "to=$TO" filter= "csrf=$(csrf "$c")"
[ "$STATUS" = 303 ] || { echo "month-run.sh: POST /month/new answered $STATUS" >&2; exit 1; }
run=$(location | sed -E 's,^/month/([0-9]+).*,\1,')
for _ in $(seq 1200); do
	st=$(sql "SELECT state FROM bulk_runs WHERE id = $run")
	case $st in done|failed|cancelled) break ;; esac
	sleep 0.25
done
t1=$(date +%s.%N)
read -r total made failed <<<"$(sql "SELECT total, made, failed FROM bulk_runs WHERE id = $run" | tr '\t' ' ')"
stored=$(sql "SELECT COALESCE(SUM(doc_count), 0) FROM statements WHERE bulk_run_id = $run")
[ "$st" = done ] || { echo "month-run.sh: the run ended $st: $(sql "SELECT error FROM bulk_runs WHERE id = $run")" >&2; exit 1; }
[ "$made" = "$total" ] || { echo "month-run.sh: $made of $total made ($failed failed)" >&2; exit 1; }
awk -v t0="$t0" -v t1="$t1" -v n="$made" -v d="$stored" 'BEGIN {
	t = t1 - t0
	printf "bulk run of %d customers (%d documents stored, a link each): %.1f s, %.1f ms a customer (budget <= 60 s, ratio %.2f): %s\n",
	    n, d, t, t * 1000 / n, t / 60, t <= 60 ? "ok" : "OVER BUDGET" }'
