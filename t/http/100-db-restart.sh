#!/bin/sh
# MariaDB restarted under the running programs: 503 while it is down, then
# served again without restarting the programs (same pids).
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
pids0=$(awk 1 "$DZ_TEST_RUN"/pid/dz-*.pid 2>/dev/null | sort | tr '\n' ' ')

trap '"$DZ_TEST_DB" start >/dev/null 2>&1; rm -rf "$T"' EXIT
ok "MariaDB stopped" "$DZ_TEST_DB" stop
for i in 1 2 3 4; do	# both processes of each program
	get a /
	is "$STATUS" 503 "GET / while MariaDB is down: 503 ($i)"
done
ok "the 503 page is in the site layout" grep -qi '<link[^>]*stylesheet' "$BODY"
sec_headers "503 page"
login b "$user" "$pw"
is "$STATUS" 503 "sign-in while MariaDB is down: 503"

ok "MariaDB started" "$DZ_TEST_DB" start
for i in 1 2 3 4; do
	get a /
	is "$STATUS" 200 "GET / after the restart: 200 ($i)"
done
login b "$user" "$pw"
is "$STATUS" 303 "sign-in after the restart: 303"
pids1=$(awk 1 "$DZ_TEST_RUN"/pid/dz-*.pid 2>/dev/null | sort | tr '\n' ' ')
is "$pids1" "$pids0" "the programs were not restarted"
alive=1
for p in $pids1; do kill -0 "$p" 2>/dev/null || alive=0; done
is "$alive" 1 "and they are all alive"

done_testing
