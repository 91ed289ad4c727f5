# shellcheck shell=bash
# t/lib/erpsim.sh: ERP simulators a test starts for itself (sourced after
# http.sh and dz_init). ERPSIM is the simulator (t/erpsim/erpsim);
# simulators are killed by the caller's trap through $pids.
ERPSIM=${DZ_TEST_ERPSIM:-$(dirname "$0")/../erpsim/erpsim}
pids=${pids:-}

# sim PORT ARGS...: a simulator on the test database (user sa, password
# simpw) on 127.0.0.1:PORT with ARGS (--silent, --hang-after-login,
# --delay-ms N); waits until it accepts. Its pid in $T/sim.PORT.pid.
sim() {
	local port=$1
	shift
	"$ERPSIM" --db "$DZ_TEST_ERP_SQLITE" --port "$port" --user sa --password simpw "$@" \
		>>"$T/sim.$port.log" 2>&1 &
	echo $! >"$T/sim.$port.pid"
	pids="$pids $!"
	for _ in $(seq 50); do
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# unsim PORT: stop that simulator
unsim() { kill "$(cat "$T/sim.$1.pid")" 2>/dev/null; sleep 0.2; }

# mkclerk NAME DSN: a clerk on that data address, made through 用户管理 by
# the admin signed in as browser "a", past the forced change and signed in
# as browser NAME (password 123456)
mkclerk() {
	get a /admin/users/new
	post a /admin/users/new "username=$1" erp_kind=grasp role=clerk "dsn=$2" \
		password= status=active "csrf=$(csrf)"
	[ "$STATUS" = 303 ] || return 1
	sql "UPDATE users SET must_change_password = 0 WHERE username = '$1'" >/dev/null
	login "$1" "$1" 123456
	[ "$STATUS" = 303 ]
}
