#!/bin/bash
# §8 check 6: 200 requests a minute with random tokens from one address.
# Asserted, against the limits the stack's nginx site was rendered with
# (read from it: deploy/test keeps the per-address /c/ limit for
# 127.0.1.0/24, made small: rate R a minute, burst B):
#  - the first B+1 requests reach dz-confirm (410, unknown link); nginx
#    answers 429 from then on, within 3 requests past the burst;
#  - over the minute dz-confirm receives at most B + 1 + R x minutes (+1)
#    of them (counted in the access log: the answers that were not nginx's
#    429), and at least half the refill (the limit slows, it does not shut);
#  - every refusal is logged: one "limit_req REJECTED" line per 429 in the
#    refusals' log (log/limit.log), with the address and the redacted path;
#  - no token of the run in any log; only 410 and 429 answered.
# About 65 seconds: 25 requests at once, then 175 spread over the minute.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"
LIMIT_LOG=$DZ_TEST_LOGDIR/limit.log
site=$DZ_TEST_RUN/nginx

R=$(sed -n 's/.*limit_req_zone \$dz_cap_key zone=dz_cap:[0-9a-z]* rate=\([0-9]*\)r\/m;.*/\1/p' "$site/duizhang.conf")
B=$(sed -n 's/.*limit_req zone=dz_cap burst=\([0-9]*\) nodelay;.*/\1/p' "$site/duizhang-app.conf" | head -1)
[ -n "$R" ] && [ -n "$B" ] || bail "cannot read the /c/ per-address limit from $site"
diag "the per-address limit on /c/: $R a minute, burst $B"
ok "a limit small enough to prove within 200 requests" test $((B + 1 + R)) -lt 150

# an address of the limited range that no earlier test of the run used
# (250, just before, takes two at random: one of theirs here would start
# with its bucket part full)
for _ in $(seq 50); do
	A=127.0.1.$((RANDOM % 250 + 2))
	grep -q "^$A " "$DZ_TEST_ACCESS_LOG" 2>/dev/null || break
done
# the logs' lines before the run, for this address
acc0=$(grep -c "^$A " "$DZ_TEST_ACCESS_LOG")
lim0=$(grep -c "^$A .* limit_req REJECTED " "$LIMIT_LOG" 2>/dev/null)
: "${lim0:=0}"

statuses=() toks=()
start=$(date +%s.%N)
for i in $(seq 200); do
	if [ "$i" -gt 25 ]; then
		# 175 requests spread over the rest of the minute
		due=$(echo "$start + 2 + ($i - 25) * 58 / 175" | bc -l)
		wait=$(echo "$due - $(date +%s.%N)" | bc -l)
		case $wait in -*|0) ;; *) sleep "$wait" ;; esac
	fi
	tok=$(cf_token)
	toks+=("$tok")
	SRC=$A get W "/c/$tok"
	statuses+=("$STATUS")
done
elapsed=$(echo "$(date +%s.%N) - $start" | bc -l)
diag "200 requests from $A in $(printf '%.1f' "$elapsed") s"
ok "the 200 requests took about a minute" test "$(printf '%.0f' "$elapsed")" -ge 58 -a "$(printf '%.0f' "$elapsed")" -le 75

first=0 n429=0 n410=0 other=
for i in "${!statuses[@]}"; do
	case ${statuses[$i]} in
	429) n429=$((n429 + 1)); [ "$first" != 0 ] || first=$((i + 1)) ;;
	410) n410=$((n410 + 1)) ;;
	*) other="$other ${statuses[$i]}" ;;
	esac
done
diag "410 (dz-confirm) x $n410, 429 (nginx) x $n429, first 429 at request $first"
is "$other" "" "only 410 and 429"
ok "the burst is let through: no 429 before request $((B + 2))" test "$first" -ge $((B + 2))
ok "429 right after the burst (request $first, at most $((B + 4)))" test "$first" -le $((B + 4))

sleep 1
acc=$(grep "^$A " "$DZ_TEST_ACCESS_LOG" | tail -n +$((acc0 + 1)))
is "$(echo "$acc" | grep -c .)" 200 "the access log has the 200 requests"
app=$(echo "$acc" | grep -c -v '" 429 ')
max=$(echo "$B + 1 + $R * $elapsed / 60 + 1" | bc -l | cut -d. -f1)
min=$(echo "$B + $R * $elapsed / 60 / 2" | bc -l | cut -d. -f1)
ok "dz-confirm received $app, at most burst + rate x time ($max)" test "$app" -le "$max"
ok "... and at least $min (the limit refills; it does not shut the address out)" test "$app" -ge "$min"
is "$app" "$n410" "... the ones answered 410"

lim=$(grep "^$A .* limit_req REJECTED " "$LIMIT_LOG" | tail -n +$((lim0 + 1)))
is "$(echo "$lim" | grep -c .)" "$n429" "one refusal line per 429 in log/limit.log"
is "$(echo "$lim" | grep -c -v '"GET /c/\[redacted\]" 429 ')" 0 "... each with the redacted path and 429"
printf '%s\n' "${toks[@]}" >"$T/toks"
ok "no token of the run in any log" test -z "$(grep -r -l -F -f "$T/toks" "$DZ_TEST_LOGDIR" 2>/dev/null)"

done_testing
