# t/bench/wrk.sh: sourced by the benchmarks. Finds the test stack, and
# bench NAME PATH [wrk args...] runs wrk (1 thread, $conns connections,
# $secs seconds after a 2 s warm-up) and sets RPS, P99 (ms) and BAD
# (answers that were not 2xx/3xx). ratio A B sets RATIO = 100 * A / B.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ -z "${DZ_TEST_HTTP:-}" ] && [ -f "$here/run/test/env" ]; then
	. "$here/run/test/env"
fi
base=${DZ_BENCH_BASE:-${DZ_TEST_HTTP:-}}
[ -n "$base" ] || { echo "$0: no test stack (sudo deploy/test start)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "$0: wrk not installed (apt-get install wrk)" >&2; exit 2; }
secs=${DZ_BENCH_SECONDS:-10}
conns=${DZ_BENCH_CONNECTIONS:-32}

bench() {
	local name=$1 path=$2 out code
	shift 2
	code=$(curl -k -s -o /dev/null -w '%{http_code}' "$@" "$base$path")
	# (the name, not the path, in messages: a path may hold a token)
	[ "$code" = 200 ] || { echo "$0: $name answers $code, not 200" >&2; exit 1; }
	wrk -t1 -c"$conns" -d2s "$@" "$base$path" >/dev/null	# warm up
	out=$(wrk -t1 -c"$conns" -d"${secs}s" --latency "$@" "$base$path")
	RPS=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
	P99=$(awk '$1 == "99%" { v = $2
		if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v) }
		else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
		printf "%.2f", v }' <<<"$out")
	BAD=$(awk '/Non-2xx or 3xx responses:/ { print $4 }' <<<"$out")
	BAD=${BAD:-0}
	printf '%-22s %10.0f req/s   p99 %7s ms   non-2xx %s\n' "$name" "$RPS" "$P99" "$BAD"
}

ratio() {
	RATIO=$(awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')
}
