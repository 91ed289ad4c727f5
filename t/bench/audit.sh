#!/bin/bash
# t/bench/audit.sh: 操作记录 (GET /admin/audit) beside the bare FastCGI
# hello-world, with the store's audit trail as it is and then with 100,000
# more rows (budget, as DESIGN §8 asks of the pages with a big store: the
# big one within 2x the cost of the small one, i.e. >= 50 % of its
# throughput), filtered by an action too; and one CSV export of 10,000
# rows (budget: <= 1 s). The page reads the newest 50 by the primary key
# (or an index ending in it) and counts matches only up to 1,000.
#   sudo deploy/test start && t/bench/audit.sh && sudo deploy/test stop
set -euo pipefail
. "$(dirname "$0")/wrk.sh"
. "$here/t/lib/http.sh"
dz_init >/dev/null

u=bench$U
mkuser "$u" admin "Bench-Pass-2026" || exit 1
login_ready b "$u" "Bench-Pass-2026" || { echo "audit.sh: cannot sign in" >&2; exit 1; }
hdr=(-H "Cookie: __Host-dz=$(cookie b __Host-dz)")
echo "wrk -t1 -c$conns -d${secs}s against $base ($(nproc) cores)"
bench hello-world /bench/hello
h_rps=$RPS
n0=$(sql "SELECT COUNT(*) FROM audit_log")
bench "audit ($n0 rows)" /admin/audit "${hdr[@]}"
small=$RPS
sql "INSERT INTO audit_log (at, user_id, username, action, object, detail, ip)
	SELECT NOW() - INTERVAL seq SECOND, 1, CONCAT('bu', seq MOD 10),
	ELT(1 + seq MOD 5, 'login', 'stmt_create', 'share', 'receive', 'logout'),
	CONCAT('statement:', seq MOD 5000), CONCAT('bench row ', seq), '127.0.0.1'
	FROM seq_1_to_100000"
n1=$(sql "SELECT COUNT(*) FROM audit_log")
bench "audit ($n1 rows)" /admin/audit "${hdr[@]}"
big=$RPS big_bad=$BAD
bench "audit, one action" "/admin/audit?action=receive" "${hdr[@]}"
act=$RPS
ratio "$big" "$small"
verdict=ok
awk -v r="$RATIO" 'BEGIN { exit !(r >= 50) }' || verdict="BELOW BUDGET"
[ "$big_bad" = 0 ] || verdict="$verdict, $big_bad error answers"
echo "ratio: with $n1 rows = $RATIO % of the page at $n0 rows (budget >= 50 %): $verdict"
ratio "$act" "$small"
echo "ratio: filtered by one action = $RATIO % of the page at $n0 rows (budget >= 50 %)"
ratio "$big" "$h_rps"
echo "beside the hello-world: $RATIO %"
t=$(curl -k -s -o "$T/csv" -w '%{time_total}' "${hdr[@]}" "$base/admin/audit.csv?user=bu3")
lines=$(($(wc -l <"$T/csv") - 1))
v=ok
awk -v t="$t" 'BEGIN { exit !(t <= 1.0) }' || v="OVER BUDGET"
echo "CSV export: $lines rows, $(wc -c <"$T/csv") bytes in $t s (budget <= 1 s): $v"
sql "DELETE FROM audit_log WHERE detail LIKE 'bench row %'" >/dev/null
