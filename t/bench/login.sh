#!/bin/bash
# t/bench/login.sh: GET /login beside the bare FastCGI hello-world
# (/bench/hello), both behind the same nginx, in one run. wrk, 1 thread,
# 32 connections, DZ_BENCH_SECONDS (10) each. Prints req/s, p99 and the
# ratio; the budget (DESIGN §8) is >= 50 % of the hello-world. Exit 1 when
# below it.
#   sudo deploy/test start && . run/test/env && t/bench/login.sh
#   sudo deploy/test stop
# DZ_BENCH_BASE picks the listener (default $DZ_TEST_HTTP, plain HTTP, so
# both sides pay the same and TLS does not dominate).
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${DZ_TEST_HTTP:-}" ] && [ -f "$here/run/test/env" ]; then
	. "$here/run/test/env"
fi
base=${DZ_BENCH_BASE:-${DZ_TEST_HTTP:-}}
[ -n "$base" ] || { echo "login.sh: no test stack (sudo deploy/test start)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "login.sh: wrk not installed (apt-get install wrk)" >&2; exit 2; }
secs=${DZ_BENCH_SECONDS:-10}
conns=${DZ_BENCH_CONNECTIONS:-32}

# bench NAME PATH: sets RPS, P99 (ms), BAD (non-2xx/3xx answers)
bench() {
	local out code
	code=$(curl -k -s -o /dev/null -w '%{http_code}' "$base$2")
	[ "$code" = 200 ] || { echo "login.sh: $2 answers $code, not 200" >&2; exit 1; }
	wrk -t1 -c"$conns" -d2s "$base$2" >/dev/null	# warm up
	out=$(wrk -t1 -c"$conns" -d"${secs}s" --latency "$base$2")
	RPS=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
	P99=$(awk '$1 == "99%" { v = $2
		if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v) }
		else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
		printf "%.2f", v }' <<<"$out")
	BAD=$(awk '/Non-2xx or 3xx responses:/ { print $4 }' <<<"$out")
	BAD=${BAD:-0}
	printf '%-14s %10.0f req/s   p99 %7s ms   non-2xx %s\n' "$1" "$RPS" "$P99" "$BAD"
}

echo "wrk -t1 -c$conns -d${secs}s against $base ($(nproc) cores)"
bench hello-world /bench/hello
h_rps=$RPS
bench "GET /login" /login
l_rps=$RPS l_bad=$BAD
ratio=$(awk -v a="$l_rps" -v b="$h_rps" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')
verdict=ok
awk -v r="$ratio" 'BEGIN { exit !(r >= 50) }' || verdict="BELOW BUDGET"
[ "$l_bad" = 0 ] || verdict="$verdict, $l_bad error answers"
echo "ratio: GET /login = $ratio % of the hello-world (budget >= 50 %): $verdict"
[ "$verdict" = ok ]
