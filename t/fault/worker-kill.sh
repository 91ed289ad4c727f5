#!/bin/sh
# A worker killed in the middle of a request (issue 11, fault suite): a
# clerk's 往来对账 waits on a slow ERP (3 s a query); its dz-query worker
# is killed (kill -9) while it waits. Wanted: that request alone fails, with
# the site's page (nginx's 502 drawn as static/down.html); another clerk's
# pages, before, during and after, are all 200; the master has a new
# worker within 1 s; the clerk's next try is served.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-query || skip_all "dz-query not running"
[ -n "${DZ_TEST_ERP_SQLITE:-}" ] || skip_all "no ERP simulator"
. "$(dirname "$0")/../lib/erpsim.sh"
[ -x "$ERPSIM" ] || bail "erpsim not built"
command -v ss >/dev/null || bail "ss (iproute2) is missing"
PORT=14365
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT
ok "a slow simulator on $PORT (3 s a query)" sim "$PORT" --delay-ms 3000

pw=Good-Pass-$U
ok "admin" mkuser "wa$U" admin "$pw"
login a "wa$U" "$pw"
ok "a clerk on the slow ERP" mkclerk "wk$U" "server=127.0.0.1,$PORT; uid=sa; pwd=simpw; database=$DZ_TEST_ERP_NAME; encrypt=off"
ok "a clerk on the healthy ERP" mkclerk "wb$U" "$DZ_TEST_ERP_DSN"
w0=$(workers dz-query | sort | xargs)
ok "dz-query has its workers ($w0)" test -n "$w0"

curl -k -s -b "$(jar "wk$U")" -o "$T/slow.html" -w '%{http_code} %{time_total}\n' \
	--max-time 40 "$DZ_TEST_BASE/query?q=kill" >"$T/slow" &
slowpid=$!
(
	for i in $(seq 20); do
		curl -k -s -b "$(jar "wb$U")" -o /dev/null -w '%{http_code}\n' --max-time 20 \
			"$DZ_TEST_BASE/query?q=$i"
		sleep 0.15
	done
) >"$T/other" &
otherpid=$!
victim=
for _ in $(seq 40); do
	victim=$(ss -tnpH state established "( dport = :$PORT )" 2>/dev/null |
		grep -o 'dz-query",pid=[0-9]*' | head -1 | grep -o '[0-9]*$')
	[ -n "$victim" ] && break
	sleep 0.1
done
ok "the worker waiting on the slow ERP is found (pid $victim)" test -n "$victim"
t0=$(date +%s.%N)
ok "killed (kill -9)" kill -9 "$victim"
new=
for _ in $(seq 40); do
	new=$(workers dz-query | sort | xargs)
	[ "$(echo "$new" | wc -w)" = "$(echo "$w0" | wc -w)" ] && ! echo " $new " | grep -q " $victim " && break
	sleep 0.05
done
back=$(echo "$(date +%s.%N) - $t0" | bc)
ok "a new worker in its place within 1 s (${back}s: $new)" \
	awk -v s="$back" 'BEGIN { exit !(s < 1) }'
wait $slowpid $otherpid
read -r code secs <"$T/slow"
diag "the killed request: $code after ${secs}s; the other clerk's: $(sort "$T/other" | uniq -c | xargs)"
is "$code" 502 "the killed request fails (502)"
ok "with the site's page" grep -q '服务暂时不可用' "$T/slow.html"
is "$(grep -vc '^200$' "$T/other")" 0 "the other clerk's 20 pages are all 200"
get "wk$U" "/query?q=again"
is "$STATUS" 200 "the clerk's next try is served"
done_testing
