#!/bin/bash
# A partition leaves one store node alone: node 2's replication link cut,
# its clients still reach it. Nodes 1 and 3 are the majority and take
# writes; node 2, alone, refuses every statement (no split brain: nothing
# it holds can be read as current, nothing can be written to it). Its app
# host, host 2, moves to another node of its list and serves what the
# majority has; restarted on node 2 alone, it answers 503, never the stale
# page. Mended, node 2 rejoins with what was written meanwhile.
here=$(dirname "$0")
. "$here/../lib/http.sh"
. "$here/cluster.inc.sh"
. "$here/../http/confirm.inc.sh"
trap 'cluster mend 2; cluster app-pin 2; rm -rf "$T"' EXIT

# look H: what app host H shows of the link: fresh (answered), stale (the
# form still open), 503, or another status
look() {
	on "$1" get "x$1" "/c/$tok"
	if [ "$STATUS" = 200 ] && grep -q '已答复' "$BODY"; then echo fresh
	elif [ "$STATUS" = 200 ] && grep -q 'name="decision"' "$BODY"; then echo stale
	else echo "$STATUS"
	fi
}
tally() { sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }'; }

sid=$(cf_stmt) || bail "no statement"
tok=$(cf_link "$sid") || bail "no link"
is "$(look 2)" stale "before: host 2 shows the form (not yet answered)"

cluster cut 2
tc=$(ms)
for i in $(seq 150); do
	[ "$(wsrep 2 wsrep_cluster_status)" != Primary ] && [ "$(wsrep 1 wsrep_cluster_size)" = 2 ] && break
	sleep 0.2
done
diag "node 2 cut off; it left the primary component after $(( $(ms) - tc )) ms"
isnt "$(wsrep 2 wsrep_cluster_status)" Primary "node 2 alone is not primary"
is "$(wsrep 1 wsrep_cluster_status)/$(wsrep 1 wsrep_cluster_size)" Primary/2 "nodes 1 and 3 are the primary component"
err=$(node_sql 2 "UPDATE statements SET note = 'split' WHERE id = $sid" 2>&1 >/dev/null)
like "$err" "1047|WSREP has not yet prepared node" "node 2 refuses a write (1047)"
err=$(node_sql 2 "SELECT status FROM statements WHERE id = $sid" 2>&1 >/dev/null)
like "$err" "1047|WSREP has not yet prepared node" "... and a read: it cannot know what is current"

# the customer answers through host 2 (its page read on host 1, so host
# 2's workers are still on node 2): its node refuses, the connection
# moves, the answer is recorded on the majority
on 1 get C "/c/$tok"
t=$(csrf)
ORIGIN=$DZ_CLUSTER_BASE2 on 2 post C "/c/$tok" decision=agreed "description=分区时答复" "csrf=$t"
is "$STATUS" 303 "the answer posted to host 2 is recorded (on the majority, through node 1)"
is "$(node_sql 1 "SELECT COUNT(*) FROM feedback WHERE statement_id = $sid")" 1 "... once"

# host 2: its node refuses; it moves to the next of its list
for i in $(seq 20); do look 2; done >"$T/host2"
diag "host 2 (its list: node 2, 1, 3), 20 looks: $(tally <"$T/host2")"
is "$(grep -c '^stale$' "$T/host2" || true)" 0 "host 2 never shows the stale page"
ok "... it serves the answer from the majority (moved to node 1)" grep -q '^fresh$' "$T/host2"
ok "... its log says it moved" grep -q 'refuses to serve\|connected to 10.77.1.1:3306' "$DZ_CLUSTER_RUN/app2/log/dz-confirm.log"

# host 2 on node 2 alone: 503, not stale
cluster app-pin 2 2
for i in $(seq 10); do look 2; done >"$T/pinned"
diag "host 2 on node 2 alone, 10 looks: $(tally <"$T/pinned")"
is "$(grep -c '^503$' "$T/pinned")" 10 "host 2 with only the lone node answers 503, every time"
for i in $(seq 20); do look 0; done >"$T/both"
diag "through nginx (host 1 and host 2 on the lone node), 20 looks: $(tally <"$T/both")"
is "$(grep -c '^stale$' "$T/both" || true)" 0 "a customer is never shown the stale page"

cluster mend 2
cl_whole 120
tap_ok $? "mended, node 2 rejoins: three nodes Synced"
is "$(node_sql 2 "SELECT status FROM statements WHERE id = $sid")" agreed "node 2 has the answer recorded while it was alone"
for i in $(seq 50); do [ "$(look 2)" = fresh ] && break; sleep 0.1; done
is "$(look 2)" fresh "host 2, still on node 2 alone, serves the current page"
cluster app-pin 2
is "$(look 2)" fresh "host 2 on its list again"
done_testing
