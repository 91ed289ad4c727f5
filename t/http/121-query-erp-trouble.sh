#!/bin/sh
# ERP trouble on the query screen: a stopped ERP is a clear page in < 1 s;
# one that hangs after login is a clear page within the timeout + 1 s and no
# program exits; 20 users on ERP pages of a slow ERP leave the pages that
# need no ERP fast. Uses its own simulators on 127.0.0.1:14351-14353.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-query || skip_all "dz-query not running"
[ -n "${DZ_TEST_ERP_SQLITE:-}" ] || skip_all "no ERP simulator"
. "$(dirname "$0")/../lib/erpsim.sh"
[ -x "$ERPSIM" ] || skip_all "erpsim not built"
DEAD=${DZ_TEST_PORT_DEAD:-14351}
HANG=${DZ_TEST_PORT_HANG:-14352}
SLOW=${DZ_TEST_PORT_SLOW:-14353}
QT=$(sed -n 's/^ *ERP.QueryTimeout *= *//p' "$DZ_CONF")
LT=$(sed -n 's/^ *ERP.LoginTimeout *= *//p' "$DZ_CONF")
QT=${QT:-15} LT=${LT:-5}
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT
db=$DZ_TEST_ERP_NAME
ok "a hanging simulator on $HANG" sim "$HANG" --hang-after-login
ok "a slow simulator on $SLOW" sim "$SLOW" --delay-ms 1500

pw=Good-Pass-$U
adm=ta$U
ok "admin $adm" mkuser "$adm" admin "$pw"
login a "$adm" "$pw"
clerk_on() {	# clerk_on NAME PORT (not signed in)
	get a /admin/users/new
	post a /admin/users/new "username=$1" erp_kind=grasp role=clerk \
		"dsn=server=127.0.0.1,$2; uid=sa; pwd=simpw; database=$db; encrypt=off" password= status=active "csrf=$(csrf)"
	[ "$STATUS" = 303 ]
}
ok "clerk on a stopped ERP" clerk_on "td$U" "$DEAD"
ok "clerk on a hanging ERP" clerk_on "th$U" "$HANG"
ok "clerk on a slow ERP" clerk_on "ts$U" "$SLOW"
sql "UPDATE users SET must_change_password = 0 WHERE username IN ('td$U', 'th$U', 'ts$U')" >/dev/null
login d "td$U" 123456
login h "th$U" 123456
login s "ts$U" 123456

t0=$(date +%s.%N)
get d /query
t1=$(date +%s.%N)
is "$STATUS" 503 "stopped ERP: 503"
ok "... says 连接失败 and refused" grep -q 'ERP 连接失败' "$BODY"
ok "... names the reason (拒绝连接)" grep -q '拒绝连接' "$BODY"
ok "... in < 1 s ($(echo "$t1 - $t0" | bc) s)" test "$(echo "$t1 - $t0 < 1" | bc)" = 1

before=$(workers dz-query | xargs)
t0=$(date +%s.%N)
get h /query
t1=$(date +%s.%N)
is "$STATUS" 503 "hanging ERP: 503"
ok "... says 超时" grep -q 'ERP 响应超时' "$BODY"
el=$(echo "$t1 - $t0" | bc)
ok "... within the query timeout + 1 s ($el s, timeout $QT s)" test "$(echo "$el < $QT + 1" | bc)" = 1
is "$(workers dz-query | xargs)" "$before" "no dz-query worker restarted (the master lists the same ones)"
alive=0
for p in $before; do kill -0 "$p" 2>/dev/null && alive=$((alive + 1)); done
ok "every dz-query worker is alive, 2 or more (not only its pid file): $alive" \
	test "$alive" = "$(echo "$before" | wc -w)" -a "$alive" -ge 2
ok "dz-query still serving" program_running dz-query
get d /query
is "$STATUS" 503 "the next page answers again (503 for the stopped ERP)"

# 20 users on the slow ERP; meanwhile the sign-in page (no ERP) stays fast.
cpids=
for i in $(seq 20); do
	curl -k -s -o /dev/null -b "$(jar s)" --max-time 60 -w '%{http_code}\n' \
		"$DZ_TEST_BASE/query?q=$i" >"$T/slow.$i" &
	cpids="$cpids $!"
done
sleep 0.5
worst=0
for i in $(seq 10); do
	t=$(curl -k -s -o /dev/null -w '%{time_total}' "$DZ_TEST_BASE/login")
	worst=$(echo "if ($t > $worst) $t else $worst" | bc)
	sleep 0.1
done
wait $cpids	# not the simulators
# structural, not a timing budget: a page that queued behind the slow ERP's
# pages would take their seconds; a loaded machine may take a few hundred ms
ok "the sign-in page does not wait for the 20 ERP pages (worst ${worst} s < 1.5 s)" \
	test "$(echo "$worst < 1.5" | bc)" = 1
codes=$(sort "$T"/slow.* | uniq -c | tr -s ' ' | tr '\n' ';')
ok "the 20 ERP pages all answer, 200 or a clear 503 ($codes)" \
	test -z "$(cat "$T"/slow.* | grep -v -E '^(200|503)$')"
done_testing
