# shellcheck shell=bash
# t/cluster/cluster.inc.sh: what the cluster scenarios share (sourced
# after t/lib/http.sh). The cluster is deploy/cluster's, up; its env file
# (run/cluster/env) says where: DZ_TEST_BASE is nginx over both app hosts,
# DZ_CLUSTER_BASE1 and 2 each host alone, DZ_TEST_SQL store node 1
# (DZ_NODE=N another). Sourcing it starts the scenario (dz_init) and waits
# for the cluster to be whole; the scenarios leave it whole when they end.
[ -n "${DZ_CLUSTER_RUN:-}" ] || { echo "Bail out! DZ_CLUSTER_RUN unset (sudo deploy/cluster up; . run/cluster/env)"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "Bail out! the scenarios kill parts of the cluster: run as root"; exit 1; }

cluster() { "$DZ_CLUSTER" "$@" >>"$DZ_CLUSTER_RUN/log/cluster-actions.log" 2>&1; }

# on H CMD...: CMD (get, post, login, ...) against app host H alone
on() {
	local h=$1 base
	shift
	case $h in
	1) base=$DZ_CLUSTER_BASE1 ;;
	2) base=$DZ_CLUSTER_BASE2 ;;
	*) base=$DZ_TEST_BASE ;;
	esac
	DZ_TEST_BASE=$base "$@"
}

# node_sql N SQL: SQL on store node N as root (its error on stderr)
node_sql() { local n=$1; shift; DZ_NODE=$n "$DZ_TEST_SQL" "$@"; }
wsrep() { node_sql "$1" "SHOW STATUS LIKE '$2'" 2>/dev/null | cut -f2; }

# cl_whole [S]: up to S seconds (60) until all three nodes are Synced in
# one primary component of 3; 0 when they are
cl_whole() {
	local i n good
	for i in $(seq $((${1:-60} * 5))); do
		good=0
		for n in 1 2 3; do
			[ "$(wsrep "$n" wsrep_local_state_comment)" = Synced ] &&
				[ "$(wsrep "$n" wsrep_cluster_size)" = 3 ] && good=$((good + 1))
		done
		[ "$good" = 3 ] && return 0
		sleep 0.2
	done
	return 1
}

# ms: milliseconds since the epoch
ms() { date +%s%3N; }

# cpu_ticks NS...: the CPU time (clock ticks) of every process in the
# namespaces named (app hosts dza1 dza2, nodes dzg1..3), or of nginx with "nginx"
cpu_ticks() {
	local n p sum=0 t pids
	for n in "$@"; do
		if [ "$n" = nginx ]; then
			pids=$(pgrep -f "nginx.*$DZ_CLUSTER_RUN/nginx/nginx.conf" || true)
			pids="$pids $(pgrep -P "$(cat "$DZ_CLUSTER_RUN/nginx.pid" 2>/dev/null || echo 0)" || true)"
		else
			pids=$(ip netns pids "$n" 2>/dev/null || true)
		fi
		for p in $pids; do
			t=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)
			sum=$((sum + t))
		done
	done
	echo "$sum"
}

# wrk_run SECONDS CONNS URL [COOKIE] > report: wrk with its own summary
wrk_run() {
	local d=$1 c=$2 url=$3 ck=${4:-}
	if [ -n "$ck" ]; then
		wrk -t 2 -c "$c" -d "${d}s" --timeout 10s -H "Cookie: $ck" "$url"
	else
		wrk -t 2 -c "$c" -d "${d}s" --timeout 10s "$url"
	fi
}
# wrk_reqs REPORT: requests done; wrk_bad REPORT: non-2xx/3xx plus socket errors
wrk_reqs() { awk '/requests in/ { print $1 }' "$1"; }
wrk_bad() {
	awk '/Non-2xx or 3xx responses/ { n += $NF }
		/Socket errors/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 }
		END { print n + 0 }' "$1"
}
wrk_rps() { awk '/Requests\/sec/ { printf "%.0f\n", $2 }' "$1"; }

# log_since LINE: the access log's lines after line number LINE
log_lines() { wc -l <"$DZ_TEST_ACCESS_LOG"; }
log_since() { tail -n +"$(($1 + 1))" "$DZ_TEST_ACCESS_LOG"; }

dz_init
cl_whole 60 || bail "the cluster is not whole"
