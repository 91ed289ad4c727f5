#!/bin/bash
# t/bench/confirm.sh: GET /c/<token> (the customer's page: link lookup,
# opening counted, statement with 4 documents and their goods, rendered)
# beside the bare FastCGI hello-world (/bench/hello), both behind the same
# nginx, in one run. wrk, 1 thread, DZ_BENCH_CONNECTIONS (32) connections,
# DZ_BENCH_SECONDS (10) each. Prints req/s, p99 and the ratio. Budget
# (DESIGN §8): >= 50 % of the hello-world and p99 <= 20 ms. Exit 1 when
# outside it.
#   sudo deploy/test start && . run/test/env && t/bench/confirm.sh
# The statement and its link are made in the test stack's database.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "${DZ_TEST_HTTP:-}" ] && [ -f "$here/run/test/env" ]; then
	. "$here/run/test/env"
fi
base=${DZ_BENCH_BASE:-${DZ_TEST_HTTP:-}}
[ -n "$base" ] || { echo "confirm.sh: no test stack (sudo deploy/test start)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "confirm.sh: wrk not installed (apt-get install wrk)" >&2; exit 2; }
secs=${DZ_BENCH_SECONDS:-10}
conns=${DZ_BENCH_CONNECTIONS:-32}

# A statement and a live link (the http tests' fixture).
set +u
. "$here/t/lib/http.sh"
dz_init
. "$here/t/http/confirm.inc.sh"
set -u
sid=$(cf_stmt "压测客户") || { echo "confirm.sh: cannot create a statement" >&2; exit 2; }
tok=$(cf_link "$sid") || { echo "confirm.sh: cannot create a link" >&2; exit 2; }

# bench NAME PATH: sets RPS, P99 (ms), BAD (non-2xx/3xx answers)
bench() {
	local out code
	code=$(curl -k -s -o /dev/null -w '%{http_code}' "$base$2")
	[ "$code" = 200 ] || { echo "confirm.sh: $1 answers $code, not 200" >&2; exit 1; }
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
	printf '%-16s %10.0f req/s   p99 %7s ms   non-2xx %s\n' "$1" "$RPS" "$P99" "$BAD"
}

echo "wrk -t1 -c$conns -d${secs}s against $base ($(nproc) cores)"
bench hello-world /bench/hello
h_rps=$RPS
# (the name, not the path: the token stays out of the output)
bench "GET /c/<token>" "/c/$tok"
c_rps=$RPS c_p99=$P99 c_bad=$BAD
ratio=$(awk -v a="$c_rps" -v b="$h_rps" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }')
opens=$(sql "SELECT open_count FROM share_links WHERE token_hash = UNHEX('$(cf_hash "$tok")')")
verdict=ok
awk -v r="$ratio" 'BEGIN { exit !(r >= 50) }' || verdict="BELOW BUDGET"
awk -v p="$c_p99" 'BEGIN { exit !(p <= 20) }' || verdict="$verdict, p99 over 20 ms"
[ "$c_bad" = 0 ] || verdict="$verdict, $c_bad error answers"
echo "openings counted: $opens"
echo "ratio: GET /c/<token> = $ratio % of the hello-world (budget >= 50 %), p99 $c_p99 ms (budget <= 20 ms): $verdict"
[ "$verdict" = ok ]
