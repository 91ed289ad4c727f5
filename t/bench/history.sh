#!/bin/bash
# t/bench/history.sh: the staff history page with 50 statements beside the
# bare FastCGI hello-world behind the same nginx (budget: >= 30 %), then the
# resident memory of the dz-history workers after 10,000 more requests
# (budget: <= 10 MB, not growing). Every request reads the session row;
# with the stack's Cache.ChangeFile the workers keep the drawn page and
# the session's user between changes (for at most Cache.RecheckMs). Makes its own clerk, account set and 50
# statements in the test stack's store.
#   sudo deploy/test start && t/bench/history.sh && sudo deploy/test stop
set -euo pipefail
. "$(dirname "$0")/wrk.sh"
. "$here/t/lib/http.sh"
dz_init >/dev/null

u=bench$U
mkuser "$u" clerk "Bench-Pass-2026" || exit 1
set_id=$(sql "INSERT INTO account_sets (identity, company_name, erp_kind)
	VALUES ('bench:$U/history', '压测商贸', 'grasp'); SELECT LAST_INSERT_ID();")
uid=$(sql "SELECT id FROM users WHERE username = '$u'")
sql "UPDATE users SET account_set_id = $set_id WHERE id = $uid"
for i in $(seq 1 50); do
	printf "INSERT INTO statements (account_set_id, customer_id, customer_code,
	    customer_name, company_name, period_from, period_to, opening, sales,
	    returns, receipts, closing, doc_count, fingerprint, created_by)
	    VALUES (%d, 'C%03d', 'K%03d', '压测客户%d有限公司', '压测商贸', '2026-10-01',
	    '2026-10-31', 1000.00, 52345.60, -1200.00, -30000.00, 22145.60, 37,
	    REPEAT('f', 64), %d);\n" "$set_id" "$i" "$i" "$i" "$uid"
done | sql
login_ready b "$u" "Bench-Pass-2026" || { echo "history.sh: cannot sign in" >&2; exit 1; }
sid=$(cookie b __Host-dz)
hdr=(-H "Cookie: __Host-dz=$sid")
n=$(curl -k -s "${hdr[@]}" "$base/statements?page=1" | grep -c 'class="scard"' || true)
echo "history page shows $n cards (20 a page, newest first)"

echo "wrk -t1 -c$conns -d${secs}s against $base ($(nproc) cores)"
bench hello-world /bench/hello
h_rps=$RPS
bench "GET /statements" /statements "${hdr[@]}"
s_rps=$RPS s_bad=$BAD
ratio "$s_rps" "$h_rps"
verdict=ok
awk -v r="$RATIO" 'BEGIN { exit !(r >= 30) }' || verdict="BELOW BUDGET"
[ "$s_bad" = 0 ] || verdict="$verdict, $s_bad error answers"
echo "ratio: GET /statements = $RATIO % of the hello-world (budget >= 30 %): $verdict"

# Memory: resident size of each worker now and after 10,000 more requests.
rss() {
	local p
	for p in $(workers dz-history); do	# not the master (lib/super)
		awk '/^VmRSS:/ { printf "%d ", $2 }' "/proc/$p/status"
	done
}
before=$(rss)
out=$(wrk -t1 -c4 -d15s "${hdr[@]}" "$base/statements")
reqs=$(awk '/requests in/ { print $1 }' <<<"$out")
after=$(rss)
[ "${reqs:-0}" -ge 10000 ] || echo "history.sh: only $reqs requests in 15 s (wanted 10,000)" >&2
echo "requests served meanwhile: $reqs"
echo "dz-history resident KB per worker: before $before, after them: $after"
mem=ok
for kb in $after; do
	[ "$kb" -le 10240 ] || mem="OVER 10 MB"
done
set -- $before
for kb in $after; do
	b=${1:-0}
	shift || true
	[ "$kb" -le $((b + 512)) ] || mem="$mem, grew by $((kb - b)) KB"
done
echo "memory: $mem (budget <= 10 MB, not growing)"
sql "UPDATE users SET status = 'disabled' WHERE id = $uid"
[ "$verdict" = ok ] && [ "$mem" = ok ]
