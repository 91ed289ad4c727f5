#!/bin/sh
# A table locked longer than every timeout (DESIGN §7; issue 11, case 3):
# 10 clerks open 对账单历史 (each a page no worker keeps) while another session holds a WRITE lock on
# statements for up to 40 s. Each must get the branded 503 (not nginx's
# 504), within a few seconds (the lock wait, DB.LockWaitTimeout, not twice
# DB.ReadTimeout: a timed-out read is not retried), the server must not
# keep their abandoned queries, and once the lock is gone the page is
# served again within 5 s. Prints the statuses and latencies.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
[ -x "${DZ_TEST_SQL:-}" ] || skip_all "DZ_TEST_SQL unset"
program_running dz-history || skip_all "dz-history not running"

pw=Good-Pass-$U
user=tlk$U
ok "user $user" mkuser "$user" clerk "$pw"
login a "$user" "$pw"
is "$STATUS" 303 "signed in"
get a /statements
is "$STATUS" 200 "对账单历史 before the lock"

# The lock, held by a client of its own (ends by itself after 40 s).
"$DZ_TEST_SQL" "LOCK TABLES statements WRITE; SELECT SLEEP(40); UNLOCK TABLES" \
	>/dev/null 2>&1 &
locker=$!
trap 'kill $locker 2>/dev/null; wait $locker 2>/dev/null; rm -rf "$T"' EXIT
for i in $(seq 50); do
	[ "$("$DZ_TEST_SQL" "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(40)%'")" = 1 ] && break
	sleep 0.1
done

t0=$(date +%s.%N)
for i in $(seq 10); do
	curl -k -s -b "$(jar a)" -o "$T/lock.$i.html" -w '%{http_code} %{time_total}\n' \
		--max-time 60 "$DZ_TEST_BASE/statements?customer=lock$i" >"$T/lock.$i.out" &
done
wait_curls() { local p; for p in $(jobs -p); do [ "$p" = "$locker" ] || wait "$p"; done; }
wait_curls
t1=$(date +%s.%N)
codes=$(cut -d' ' -f1 "$T"/lock.*.out | sort | uniq -c | tr -s ' ' | tr '\n' ',')
slowest=$(cut -d' ' -f2 "$T"/lock.*.out | sort -n | tail -1)
diag "10 requests under the lock: statuses $codes slowest ${slowest}s, all done in $(echo "$t1 - $t0" | bc) s"
is "$(grep -c '^503 ' "$T"/lock.*.out | awk -F: '{ s += $2 } END { print s }')" 10 \
	"all 10 get 503"
ok "each 503 is our branded page (not nginx's)" \
	sh -c "! grep -L 'dz.css' '$T'/lock.*.html | grep -q ."
ok "the slowest answered within 8 s (${slowest}s)" \
	awk -v s="$slowest" 'BEGIN { exit !(s < 8) }'
ok "the locker still holds the lock" kill -0 $locker
waiting=$("$DZ_TEST_SQL" "SELECT COUNT(*) FROM information_schema.processlist WHERE user = 'duizhang' AND command = 'Query' AND time >= 0 AND state LIKE '%lock%'")
is "$waiting" 0 "no abandoned query of the programs still waits on the lock"

kill $locker 2>/dev/null
wait $locker 2>/dev/null
"$DZ_TEST_SQL" "SELECT id FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(40)%'" |
	while read -r id; do "$DZ_TEST_SQL" "KILL $id" >/dev/null 2>&1; done
t0=$(date +%s.%N)
for i in $(seq 50); do
	get a /statements
	[ "$STATUS" = 200 ] && break
	sleep 0.1
done
is "$STATUS" 200 "对账单历史 again after the lock"
rec=$(echo "$(date +%s.%N) - $t0" | bc)
ok "recovered within 5 s (${rec}s)" awk -v s="$rec" 'BEGIN { exit !(s < 5) }'

done_testing
