#!/bin/bash
# t/bench/query.sh: the 往来对账 page for one customer with ~10,000 documents
# in range (DESIGN §8: page ready in <= 0.5 s). The setup (t/bench/
# query.inc.sh): a `bench` database from erpsim-gen (its biggest customer
# has 11,068 posted documents; the range holds the first 9,698, under the
# page's cap), its own erpsim on 127.0.0.1:${BENCH_ERP_PORT:-14356}, a
# clerk pointed at it through 用户管理. Times the page N times with curl.
# Needs a running stack: sudo deploy/test start; . run/test/env
#   BENCH_N=5 (runs)  BENCH_DOCS=10000  BENCH_DB=run/bench/erp.db
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/t/lib/http.sh"
dz_init
. "$ROOT/t/bench/query.inc.sh"
N=${BENCH_N:-5}
bq_start
bq_range_all "${BENCH_DOCS:-10000}"
url=$(bq_url)
echo "# customer $cust: $n documents from $from to $to"
for i in $(seq "$N"); do
	curl -k -s -b "$(jar c)" -o "$T/page" -w '%{http_code} %{time_total} %{size_download}\n' "$url"
done | while read -r code t size; do
	docs=$(grep -c 'name="doc"' "$T/page" || true)
	echo "status $code  time ${t}s  page $((size / 1024)) KB  documents shown $docs"
done
