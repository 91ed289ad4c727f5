#!/bin/sh
# §8 check 22: the programs' FastCGI sockets. Each is a Unix socket, mode
# 0660, the programs' user's and nginx's group's, in a folder others may
# not enter; an unrelated Unix user (nobody) gets EACCES on connect. No
# program of the app (nor this stack's MariaDB) listens on TCP: only nginx
# does. The CVE-2025-23016 record (t/fault/fcgi-crafted, "halffix") sent
# as www-data (nginx's user) to dz-login: with bookworm's libfcgi the
# worker aborts, its master has a new one within 5 s and the other worker
# keeps serving; libfcgi0ldbl is at least 2.4.2-2+deb12u1 (the version is
# printed).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-login || skip_all "dz-login not running"
SEND=$(dirname "$0")/../fault/fcgi-crafted
[ -x "$SEND" ] || bail "t/fault/fcgi-crafted not built (make check TESTS=)"
command -v socat >/dev/null || bail "socat is missing (deploy/packages-test)"
command -v ss >/dev/null || bail "ss (iproute2) is missing"
id www-data >/dev/null 2>&1 || bail "no www-data user"
SOCK=$DZ_TEST_RUN/sock

is "$(stat -c '%U:%G %a' "$SOCK")" "root:www-data 750" "the socket folder: root:www-data 0750"
for s in "$SOCK"/dz-*.sock; do
	n=$(basename "$s")
	is "$(stat -c '%F %U:%G %a' "$s")" "socket $DZ_TEST_PROG_USER:www-data 660" "$n: a socket, $DZ_TEST_PROG_USER:www-data 0660"
	out=$(runuser -u nobody -- socat -u /dev/null "UNIX-CONNECT:$s" 2>&1)
	like "$out" 'Permission denied' "$n: nobody gets EACCES on connect"
done
out=$(runuser -u www-data -- socat -u /dev/null "UNIX-CONNECT:$SOCK/dz-login.sock" 2>&1)
unlike "$out" 'Permission denied' "www-data (nginx) may connect"

# No TCP listener of the app's programs.
ss -ltnpH >"$T/ss"
unlike "$(cat "$T/ss")" '"dz-[a-z]+"' "ss -ltnp: no dz-* program listens on TCP"
dbpid=$(cat "$DZ_TEST_RUN/db.pid" 2>/dev/null)
ok "this stack's MariaDB ($dbpid) listens on no TCP port" sh -c "! grep -q 'pid=$dbpid,' '$T/ss'"
like "$(cat "$T/ss")" "\"nginx\",pid=$(cat "$DZ_TEST_RUN/nginx.pid")," "nginx is the stack's TCP listener"

# The package
v=$(dpkg-query -W -f '${Version}' libfcgi0ldbl 2>/dev/null)
diag "libfcgi0ldbl $v"
ok "libfcgi0ldbl $v >= 2.4.2-2+deb12u1" dpkg --compare-versions "$v" ge 2.4.2-2+deb12u1

# The crafted record, as www-data
m0=$(master dz-login)
w0=$(workers dz-login | sort | xargs)
ok "dz-login: a master ($m0) and its workers ($w0)" test -n "$m0" -a "$(echo "$w0" | wc -w)" -ge 2
cp "$SEND" "$T/fcgi-crafted"
chmod 0755 "$T" "$T/fcgi-crafted"
l0=$(wc -l <"$DZ_TEST_LOGDIR/dz-login.log")
t0=$(date +%s.%N)
runuser -u www-data -- "$T/fcgi-crafted" -k halffix -n 1 -w 3000 "$SOCK/dz-login.sock" >"$T/sent" 2>&1
diag "$(tail -1 "$T/sent")"
get x /login
is "$STATUS" 200 "the sign-in page is served right after the record"
w1=
for _ in $(seq 50); do
	w1=$(workers dz-login | sort | xargs)
	[ "$(echo "$w1" | wc -w)" -ge 2 ] && [ "$w1" != "$w0" ] && break
	sleep 0.1
done
back=$(echo "$(date +%s.%N) - $t0" | bc)
if grep -q 'killed by signal' <(tail -n +"$((l0 + 1))" "$DZ_TEST_LOGDIR/dz-login.log"); then
	ok "the worker that read it aborted, and a new one is in its place within 5 s (${back}s: $w0 -> $w1)" \
		awk -v s="$back" -v a="$w0" -v b="$w1" 'BEGIN { exit !(s < 5 && a != b) }'
	like "$(tail -n +"$((l0 + 1))" "$DZ_TEST_LOGDIR/dz-login.log")" 'killed by signal 6' "it died of the abort (SIGABRT), as bookworm's half fix does"
else
	diag "this libfcgi refused the record without an abort (the full fix)"
	is "$w1" "$w0" "no worker died"
fi
is "$(master dz-login)" "$m0" "the same master"
for i in 1 2 3 4 5; do
	get x /login
	is "$STATUS" 200 "the sign-in page after the record ($i)"
done

done_testing
