#!/bin/bash
# t/bench/confirm.sh: GET /c/<token> (the customer's page: link lookup,
# opening counted, statement with 4 documents and their goods, rendered)
# beside the bare FastCGI hello-world (/bench/hello), both behind the same
# nginx, in one run. With the stack's Cache.ChangeFile the workers keep
# the link and the page (rechecked in the store every Cache.RecheckMs);
# run the stack without it to measure a store query per opening. wrk, 1 thread, DZ_BENCH_CONNECTIONS (32) connections,
# DZ_BENCH_SECONDS (10) each. Prints req/s, p99 and the ratio. Budget
# (DESIGN §8): >= 50 % of the hello-world and p99 <= 20 ms. Exit 1 when
# outside it.
#   sudo deploy/test start && . run/test/env && t/bench/confirm.sh
# The statement and its link are made in the test stack's database.
set -euo pipefail
. "$(dirname "$0")/wrk.sh"

# A statement and a live link (the http tests' fixture).
set +u
. "$here/t/lib/http.sh"
dz_init
. "$here/t/http/confirm.inc.sh"
set -u
sid=$(cf_stmt "压测客户") || { echo "confirm.sh: cannot create a statement" >&2; exit 2; }
tok=$(cf_link "$sid") || { echo "confirm.sh: cannot create a link" >&2; exit 2; }

echo "wrk -t1 -c$conns -d${secs}s against $base ($(nproc) cores)"
bench hello-world /bench/hello
h_rps=$RPS
# (the name, not the path: the token stays out of the output)
bench "GET /c/<token>" "/c/$tok"
c_rps=$RPS c_p99=$P99 c_bad=$BAD
ratio "$c_rps" "$h_rps"
ratio=$RATIO
opens=$(sql "SELECT open_count FROM share_links WHERE token_hash = UNHEX('$(cf_hash "$tok")')")
verdict=ok
awk -v r="$ratio" 'BEGIN { exit !(r >= 50) }' || verdict="BELOW BUDGET"
awk -v p="$c_p99" 'BEGIN { exit !(p <= 20) }' || verdict="$verdict, p99 over 20 ms"
[ "$c_bad" = 0 ] || verdict="$verdict, $c_bad error answers"
echo "openings counted: $opens"
echo "ratio: GET /c/<token> = $ratio % of the hello-world (budget >= 50 %), p99 $c_p99 ms (budget <= 20 ms): $verdict"
[ "$verdict" = ok ]
