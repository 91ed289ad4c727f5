#!/bin/sh
# MariaDB killed (kill -9) under load (issue 11, fault suite): 30
# customers answer their statements while the store dies and comes back
# 3 s later; each keeps pressing 符合 (reloading the page first) until the
# answer is taken, as a person would. Wanted: 503 (the branded page) while
# it is down, never a 5xx of nginx; every answer recorded exactly once
# (none lost, none doubled); the programs keep running (same masters and
# workers); pages
# served again within 5 s of MariaDB's return. Prints the counts.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
. "$(dirname "$0")/../http/confirm.inc.sh"
dz_init
program_running dz-confirm || skip_all "dz-confirm not running"
[ -x "${DZ_TEST_DB:-}" ] || skip_all "DZ_TEST_DB unset"
N=30
trap '"$DZ_TEST_DB" start >/dev/null 2>&1; rm -rf "$T"' EXIT

sids=() toks=()
for i in $(seq $N); do
	sid=$(cf_stmt "断库客户$i") && tok=$(cf_link "$sid") || bail "fixture $i"
	sids+=("$sid") toks+=("$tok")
done
diag "$N statements with links"
# the programs' masters and their workers
pids() { awk 1 "$DZ_TEST_RUN"/pid/dz-*.pid "$DZ_TEST_RUN"/pid/workers/dz-*.pid 2>/dev/null |
	tr ' ' '\n' | grep . | sort | tr '\n' ' '; }
pids0=$(pids)

# one customer: GET, then POST 符合, again until it is taken (60 s at most)
customer() {	# customer I
	local i=$1 url=/c/${toks[$1]} end=$(( $(date +%s) + 60 )) t
	BODY=$T/body.$i HDRS=$T/hdrs.$i
	# they come while the store is down (from 0.3 s to 3.3 s) and after
	sleep "$((RANDOM % 4)).$((RANDOM % 10))"
	while [ "$(date +%s)" -lt "$end" ]; do
		get "c$i" "$url"
		echo "GET $STATUS $(grep -c 'dz.css' "$BODY")" >>"$T/log.$i"
		if [ "$STATUS" = 200 ] && t=$(csrf) && [ -n "$t" ]; then
			post "c$i" "$url" decision=agreed "description=断库测试 $i" "csrf=$t"
			echo "POST $STATUS $(grep -c 'dz.css' "$BODY")" >>"$T/log.$i"
			case $STATUS in
			200|303) echo taken >>"$T/log.$i"; return 0 ;;
			esac
		fi
		sleep 0.3
	done
	echo gaveup >>"$T/log.$i"
}
cpids=
for i in $(seq 0 $((N - 1))); do customer "$i" & cpids="$cpids $!"; done
sleep 0.3
read -r dbpid <"$DZ_TEST_RUN/db.pid"
ok "MariaDB killed (kill -9 $dbpid)" kill -9 "$dbpid"
sleep 3
ok "MariaDB started again" "$DZ_TEST_DB" start
t0=$(date +%s.%N)
for _ in $(seq 100); do
	get probe "/c/${toks[0]}"
	[ "$STATUS" = 200 ] && break
	sleep 0.05
done
rec=$(echo "$(date +%s.%N) - $t0" | bc)
wait $cpids

codes=$(cat "$T"/log.* | grep -E '^(GET|POST) ' | cut -d' ' -f1,2 | sort | uniq -c | tr -s ' ' | tr '\n' ',')
diag "statuses: $codes; served again $rec s after MariaDB's return"
is "$(grep -l '^taken' "$T"/log.* | wc -l)" $N "every customer's answer was taken"
is "$(cat "$T"/log.* | grep -E '^(GET|POST) ' | awk '$2 >= 500 && $2 != 503' | wc -l)" 0 \
	"no 5xx but 503"
is "$(cat "$T"/log.* | grep -E '^(GET|POST) 503 0' | wc -l)" 0 "every 503 is the branded page"
bad=0
for i in $(seq 0 $((N - 1))); do
	n=$(cf_feedback "${sids[$i]}")
	st=$(cf_status "${sids[$i]}")
	[ "$n" = 1 ] && [ "$st" = agreed ] || { bad=$((bad + 1)); diag "statement ${sids[$i]}: $n answers, $st"; }
done
is "$bad" 0 "each statement has its answer exactly once (none lost, none doubled)"
is "$(pids)" "$pids0" "no program restarted"
alive=0 all=0
for p in $pids0; do all=$((all + 1)); kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
is "$alive" "$all" "and every process is alive"
ok "served again within 5 s of MariaDB's return (${rec}s)" awk -v s="$rec" 'BEGIN { exit !(s < 5) }'
done_testing
