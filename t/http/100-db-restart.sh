#!/bin/sh
# MariaDB restarted under the running programs: 503 while it is down (with
# Retry-After and a support id that leads to the log lines), then served
# again without restarting the programs (same pids). The outage is readable
# in the programs' log: its repeated error is counted, not written once a
# request, and each process says once that it reconnected.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
[ -x "${DZ_TEST_DB:-}" ] || skip_all "DZ_TEST_DB unset"

pw=Good-Pass-$U
user=tdb$U
ok "user $user" mkuser "$user" clerk "$pw"
login a "$user" "$pw"
is "$STATUS" 303 "signed in"
get a /
is "$STATUS" 200 "home page"
# every program's master and workers (lib/super would replace a worker
# that died, so the workers' pids are what proves no restart)
allpids() {
	local p
	for p in dz-login dz-users dz-query dz-generate dz-history dz-confirm dz-reports; do
		program_running "$p" || continue
		master "$p"
		workers "$p"
	done | sort | tr '\n' ' '
}
pids0=$(allpids)

trap '"$DZ_TEST_DB" start >/dev/null 2>&1; rm -rf "$T"' EXIT
log=$DZ_TEST_LOGDIR/dz-login.log
lines0=$(wc -l <"$log")
ok "MariaDB stopped" "$DZ_TEST_DB" stop
support() { sed -n 's/.*class="muted support">[^<]*<code>\([0-9a-f]*\)<\/code>.*/\1/p' "$BODY"; }
for i in 1 2 3 4; do	# both processes of each program
	get a /
	is "$STATUS" 503 "GET / while MariaDB is down: 503 ($i)"
	[ "$i" = 1 ] && sid1=$(support)
done
ok "the 503 page is in the site layout" grep -qi '<link[^>]*stylesheet' "$BODY"
sec_headers "503 page"
is "$(hdr Retry-After)" 10 "the 503 says when to come back (Retry-After)"
sid=$(support)
like "$sid" '^[0-9a-f]{12}$' "the 503 page shows a support id ($sid)"
sleep 1	# nginx writes its access line after the answer
ok "the support id is in nginx's access log line of that 503" \
	grep -q "\" 503 .* id=$sid" "$DZ_TEST_ACCESS_LOG"
# the program writes the first of a run of the same error (the rest are
# counted), so the first 503's id is there
ok "the first 503's id is in the program's log line of its error" \
	grep -q "\[$sid1\] db: connect" "$log"
for i in $(seq 40); do get a /; done
is "$STATUS" 503 "40 more requests while it is down: still 503"
connects=$(tail -n +"$((lines0 + 1))" "$log" | grep -c 'db: connect:' || true)
ok "the outage's error is logged a few times, not once a request ($connects lines for 44 requests)" \
	test "$connects" -le 6
login b "$user" "$pw"
is "$STATUS" 503 "sign-in while MariaDB is down: 503"

ok "MariaDB started" "$DZ_TEST_DB" start
for i in 1 2 3 4; do
	get a /
	is "$STATUS" 200 "GET / after the restart: 200 ($i)"
done
rec=$(tail -n +"$((lines0 + 1))" "$log" | grep 'db: reconnected after' | sed 's/.*\[\([0-9]*\)\].*/\1/' | sort | uniq -c)
diag "reconnected lines (count pid): $(echo $rec)"
ok "each process that was down says it reconnected, once" \
	sh -c "[ -n '$rec' ] && ! echo '$rec' | awk '\$1 != 1 { bad = 1 } END { exit !bad }'"

login b "$user" "$pw"
is "$STATUS" 303 "sign-in after the restart: 303"
pids1=$(allpids)
is "$pids1" "$pids0" "the programs were not restarted"
ok "each program a master and its workers ($(echo $pids0 | wc -w) processes)" \
	test "$(echo $pids0 | wc -w)" -ge 6
alive=1
for p in $pids1; do kill -0 "$p" 2>/dev/null || alive=0; done
is "$alive" 1 "and they are all alive"

done_testing
