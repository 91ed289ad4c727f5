#!/bin/sh
# Requests nginx has (nearly) given up on are not worked (issue 11, case
# 1): every dz-history worker is stopped (SIGSTOP, as a worker stuck on a
# dependency) while 4 clerks ask for 对账单历史; when the workers go on,
# requests that waited longer than App.QueueSeconds are answered 503 at
# once (the branded page, nothing done for them) and logged as dropped,
# and a fresh request right after is served normally.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-history || skip_all "dz-history not running"
QS=$(sed -n 's/^ *App.QueueSeconds *= *//p' "$DZ_CONF")
[ -n "$QS" ] && [ "$QS" -gt 0 ] && [ "$QS" -lt 25 ] ||
	bail "App.QueueSeconds must be 1-24 in the test stack (is '${QS}')"
pw=Good-Pass-$U
ok "a clerk" mkuser "tq$U" clerk "$pw"
login a "tq$U" "$pw"
get a /statements
is "$STATUS" 200 "对账单历史 before"
workers=$(workers dz-history | xargs)
[ -n "$workers" ] || bail "no dz-history workers listed"
log=$DZ_TEST_LOGDIR/dz-history.log
lines0=$(wc -l <"$log")
trap 'kill -CONT $workers 2>/dev/null; rm -rf "$T"' EXIT
kill -STOP $workers
for i in 1 2 3 4; do
	curl -k -s -b "$(jar a)" -o "$T/q.$i.html" -w '%{http_code} %{time_total}\n' \
		--max-time 40 "$DZ_TEST_BASE/statements?customer=q$i" >"$T/q.$i" &
done
sleep $((QS + 1))
t0=$(date +%s.%N)
kill -CONT $workers
wait
t1=$(date +%s.%N)
diag "after $((QS + 1)) s stopped: $(cat "$T"/q.[0-9] | tr '\n' ';') answered $(echo "$t1 - $t0" | bc) s after the workers went on"
is "$(cut -d' ' -f1 "$T"/q.[0-9] | sort -u | tr -d '\n')" 503 "the 4 stale requests: 503"
ok "at once (within 1 s of the workers going on)" \
	awk -v s="$(echo "$t1 - $t0" | bc)" 'BEGIN { exit !(s < 1) }'
ok "each the branded page" sh -c "! grep -L 'dz.css' '$T'/q.*.html | grep -q ."
ok "saying the server was busy" grep -q '服务器正忙' "$T/q.1.html"
dropped=$(tail -n +"$((lines0 + 1))" "$log" | grep -c 'queue: dropped a request' || true)
ok "logged as dropped ($dropped lines; repeats are counted)" test "$dropped" -ge 1
get a /statements
is "$STATUS" 200 "a fresh request is served"
done_testing
