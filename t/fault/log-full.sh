#!/bin/sh
# Logs on a full disk (issue 11, fault suite): dz-history started with its
# log (stderr) on /dev/full, in place of the stack's (its socket path, so
# nginx reaches it), keeps serving while every line it logs fails: pages,
# a 404, the store stopped (503, the lines it would log) and back (200).
# The stack's own dz-history is put back at the end.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-history || skip_all "dz-history not running"
[ -x "${DZ_TEST_DB:-}" ] || skip_all "DZ_TEST_DB unset"
sock=$DZ_TEST_RUN/sock/dz-history.sock
bin=$DZ_TEST_PREFIX/libexec/duizhang/dz-history
pw=Good-Pass-$U
ok "a clerk" mkuser "tf$U" clerk "$pw"
login a "tf$U" "$pw"
restore() {
	[ -s "$T/full.pid" ] && kill $(cat "$T/full.pid") 2>/dev/null
	sleep 0.3
	[ -S "$sock.aside" ] && mv -f "$sock.aside" "$sock"
	"$DZ_TEST_DB" start >/dev/null 2>&1
	rm -rf "$T"
}
trap restore EXIT
mv "$sock" "$sock.aside"
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DZ_CONF="$DZ_CONF" \
	FREETDSCONF="$FREETDSCONF" \
	spawn-fcgi -s "$sock" -M 0660 -U "$DZ_TEST_PROG_USER" -G www-data \
	-u "$DZ_TEST_PROG_USER" -g "$DZ_TEST_PROG_USER" -F 1 -P "$T/full.pid" \
	-- /bin/sh -c 'exec "$0" 2>/dev/full' "$bin" </dev/null >"$T/spawn.log" 2>&1
ok "dz-history started with its log on /dev/full" test -S "$sock"
sleep 0.5
get a /statements
is "$STATUS" 200 "对账单历史 served"
get a /statements/999999999
is "$STATUS" 404 "an unknown statement: 404"
ok "MariaDB stopped" "$DZ_TEST_DB" stop
for i in 1 2 3 4 5 6; do get a "/statements?customer=full$i"; done
is "$STATUS" 503 "the store down: 503 (and error lines it cannot write)"
ok "the 503 page is the branded one" grep -q 'dz.css' "$BODY"
ok "MariaDB started" "$DZ_TEST_DB" start
for i in $(seq 50); do get a /statements; [ "$STATUS" = 200 ] && break; sleep 0.1; done
is "$STATUS" 200 "served again after the store is back"
alive=0 all=0
for p in $(cat "$T/full.pid"); do all=$((all + 1)); kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
ok "its processes are all alive ($alive of $all)" test "$all" -ge 1 -a "$alive" = "$all"
done_testing
