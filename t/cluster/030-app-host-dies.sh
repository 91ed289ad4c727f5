#!/bin/bash
# An app host dies under load: wrk on the customer page and on the history
# page through nginx (both hosts), and every process of app host 2 killed
# (-9) in the middle. nginx moves the requests to host 1 (a GET whose host
# went away while it waited is sent to the other; a POST only if it never
# reached a program); only requests in flight may fail. Answers posted
# meanwhile are each recorded once or not at all: nginx never replays one
# (a replay would be refused 409). Host 2 started again takes requests
# again after fail_timeout.
here=$(dirname "$0")
. "$here/../lib/http.sh"
. "$here/cluster.inc.sh"
. "$here/../http/confirm.inc.sh"
command -v wrk >/dev/null || bail "no wrk (apt-get install wrk)"
dur=${DZ_CLUSTER_LOAD_S:-20}
conns=8

pw=Good-Pass-$U
mkuser "hk$U" admin "$pw" || bail "cannot create an admin"
login h "hk$U" "$pw"
[ "$STATUS" = 303 ] || bail "cannot sign in ($STATUS)"
ck=$(cookie_header h)
sid=$(cf_stmt) || bail "no statement"
tok=$(cf_link "$sid") || bail "no link"
get x "/c/$tok"
is "$STATUS" 200 "the customer page opens"
get h /statements
is "$STATUS" 200 "the history page opens"

# answers to post while the host dies: a statement and a link each, the page open
n_ans=30
for i in $(seq $n_ans); do
	s=$(cf_stmt) && k=$(cf_link "$s") || bail "no statement $i"
	echo "$s $k" >>"$T/answers"
	get "A$i" "/c/$k"
	csrf >"$T/csrf.$i"
done

l0=$(log_lines)
wrk_run "$dur" $conns "$DZ_TEST_BASE/c/$tok" >"$T/wrk.c" 2>&1 &
w1=$!
wrk_run "$dur" $conns "$DZ_TEST_BASE/statements" "$ck" >"$T/wrk.h" 2>&1 &
w2=$!
sleep 4
# the answers: one every 150 ms from a second before the kill to 3 s after
(
	i=0
	while read -r s k; do
		i=$((i + 1))
		curl -k -s --max-time 30 -o /dev/null -w "$s %{http_code}\n" -b "$(jar "A$i")" \
			-H "Origin: $DZ_TEST_BASE" --data-urlencode decision=agreed \
			--data-urlencode "description=主机故障中 $i" --data-urlencode "csrf=$(cat "$T/csrf.$i")" \
			"$DZ_TEST_BASE/c/$k" >>"$T/answer-codes" &
		sleep 0.15
	done <"$T/answers"
	wait
) &
w3=$!
sleep 1
cluster app-kill 2
tk=$(ms)
lk=$(log_lines)
diag "app host 2 killed (every process in its namespace, -9)"
sleep 6
lr=$(log_lines)
cluster app-start 2
diag "app host 2 started again $(( ($(ms) - tk) / 1000 )) s later"
wait $w1 $w2 $w3
le=$(log_lines)

for w in c h; do
	what=customer
	[ $w = h ] && what=history
	r=$(wrk_reqs "$T/wrk.$w")
	b=$(wrk_bad "$T/wrk.$w")
	diag "$what page: $r requests in ${dur}s, $b failed (non-2xx/3xx or socket errors)"
	ok "the $what page under load: requests were served ($r)" test "${r:-0}" -gt 100
	ok "... only requests in flight when the host died may fail ($b of $r, at most $conns)" test "$b" -le $conns
done
log_since "$l0" | head -n $((le - l0)) >"$T/window"
moved=$(grep -c 'up=10\.77\.1\.1[12]:[0-9]*, 10\.77\.1\.1[12]' "$T/window" || true)
during=$(tail -n +"$((lk - l0 + 1))" "$T/window" | head -n $((lr - lk)))
on2=$(grep -c 'up=10\.77\.1\.12:[0-9]* [0-9]*$' <<<"$during" || true)
five=$(awk '$0 ~ /" 5[0-9][0-9] / { n++ } END { print n + 0 }' "$T/window")
diag "access log: $((le - l0)) requests, $moved moved to the other host after theirs failed, $five answered 5xx"
diag "while host 2 was dead: $(wc -l <<<"$during") requests, $on2 answered by host 2 alone"
is "$on2" 0 "while host 2 was down, no request was answered by it"
ok "requests moved from the dead host to the live one" test "$moved" -gt 0
ok "... at most the requests in flight got a 5xx ($five)" test "$five" -le $((2 * conns))

# the answers: each recorded once, or not at all; never replayed
codes=$(cut -d' ' -f2 "$T/answer-codes" | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')
diag "answers posted during the kill: $codes"
is "$(wc -l <"$T/answer-codes")" $n_ans "every answer had its reply"
is "$(grep -c ' 409$' "$T/answer-codes" || true)" 0 "no answer was refused as already answered (no POST replayed)"
bad=0 rec=0
while read -r s code; do
	f=$(sql "SELECT COUNT(*) FROM feedback WHERE statement_id = $s")
	[ "$f" -gt 1 ] && bad=$((bad + 1))
	[ "$code" = 303 ] && [ "$f" != 1 ] && bad=$((bad + 1))
	rec=$((rec + f))
done <"$T/answer-codes"
is "$bad" 0 "each answer is recorded once if it was answered 303, never twice"
diag "$rec of $n_ans answers recorded"
ok "... and most were ($rec)" test "$rec" -ge $((n_ans - conns))

# host 2 back in the upstream after fail_timeout (10 s)
sleep 10
l1=$(log_lines)
for i in $(seq 40); do get x "/c/$tok"; done
back=$(log_since "$l1" | grep -c 'up=10\.77\.1\.12:' || true)
ok "host 2 takes requests again once started ($back of 40)" test "$back" -gt 0
done_testing
