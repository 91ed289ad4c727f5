#!/bin/bash
# A store node dies: node 1 (app host 1's own) killed -9 while clerks sign
# in through nginx (each sign-in a write: a session row) and wrk reads the
# customer page. The two nodes left are a majority and go on taking
# writes; app host 1's connections move to node 2 (DB.Host's next). Node 1
# started again rejoins by IST (incremental state transfer from a
# donor's write-set cache) with every row written while it was down, and
# serves.
here=$(dirname "$0")
. "$here/../lib/http.sh"
. "$here/cluster.inc.sh"
. "$here/../http/confirm.inc.sh"

pw=Good-Pass-$U
mkuser "nd$U" clerk "$pw" || bail "cannot create a clerk"
sql "UPDATE users SET must_change_password = 0 WHERE username = 'nd$U'" >/dev/null
sid=$(cf_stmt) || bail "no statement"
tok=$(cf_link "$sid") || bail "no link"
get x "/c/$tok"
is "$STATUS" 200 "the customer page opens"

dur=24
wrk_run "$dur" 4 "$DZ_TEST_BASE/c/$tok" >"$T/wrk" 2>&1 &
wk=$!
# the writer: a sign-in every 100 ms, "ms status" a line
(
	end=$(( $(ms) + dur * 1000 - 2000 ))
	i=0
	while [ "$(ms)" -lt "$end" ]; do
		i=$((i + 1))
		forget w
		get w /login
		t=$(csrf)
		post w /login "username=nd$U" "password=$pw" "csrf=$t"
		echo "$(ms) $STATUS" >>"$T/writes"
		sleep 0.1
	done
) &
wr=$!
sleep 5
cluster kill 1
tk=$(ms)
diag "store node 1 killed (-9)"
sleep 9
size=$(wsrep 2 wsrep_cluster_size)
is "$size" 2 "the two nodes left are the cluster (size $size)"
is "$(wsrep 2 wsrep_cluster_status)" Primary "... a primary component: they take writes"
cluster start 1
ts=$(ms)
diag "store node 1 started again $(( (ts - tk) / 1000 )) s after it died"
wait $wr $wk

ok_writes=$(awk '$2 == 303' "$T/writes" | wc -l)
bad_writes=$(awk '$2 != 303' "$T/writes" | wc -l)
after=$(awk -v t="$tk" '$1 > t && $2 == 303 { print $1; exit }' "$T/writes")
gap=$(awk 'BEGIN { last = 0; g = 0 } $2 == 303 { if (last && $1 - last > g) g = $1 - last; last = $1 } END { print g }' "$T/writes")
diag "sign-ins: $ok_writes recorded, $bad_writes failed; the longest time without one: $gap ms"
ok "writes go on after the node died (the first $(( ${after:-0} - tk )) ms after)" test -n "$after"
ok "... within seconds: never more than 8 s without a write ($gap ms)" test "$gap" -le 8000
ok "... at most the one in flight on the dead node's connection failed ($bad_writes)" test "$bad_writes" -le 2
r=$(wrk_reqs "$T/wrk")
b=$(wrk_bad "$T/wrk")
diag "customer page meanwhile: $r requests, $b failed"
ok "the customer page went on being served ($b of $r failed)" test "$b" -le 4

cl_whole 120
tap_ok $? "node 1 rejoined: three nodes Synced"
ist=$(grep -c 'IST received\|Receiving IST' "$DZ_CLUSTER_RUN/node1/error.log" || true)
sst=$(grep -c 'SST succeeded\|SST received' "$DZ_CLUSTER_RUN/node1/error.log" || true)
diag "node 1's log: $ist IST line(s), $sst SST line(s) (one SST at the first join)"
ok "... by IST (incremental, from the donor's write-set cache)" test "$ist" -gt 0
n1=$(node_sql 1 "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'nd$U'")
n2=$(node_sql 2 "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'nd$U'")
is "$n1" "$n2" "node 1 has every session written while it was down ($n2)"
on 1 get x "/c/$tok"
is "$STATUS" 200 "app host 1 serves"
node_sql 1 "SELECT 1" >/dev/null
tap_ok $? "node 1 answers its clients"
done_testing
