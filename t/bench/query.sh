#!/bin/bash
# t/bench/query.sh: the 往来对账 page for one customer with ~10,000 documents
# in range (DESIGN §8: page ready in <= 0.5 s). Makes a `bench` database
# with erpsim-gen (its big customer has 12,000 documents, 10,600 shown),
# runs its own erpsim on 127.0.0.1:${BENCH_ERP_PORT:-14356}, points a clerk
# at it through 用户管理, and times the page N times with curl.
# Needs a running stack: sudo deploy/test start; . run/test/env
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/t/lib/http.sh"
dz_init
PORT=${BENCH_ERP_PORT:-14356}
N=${BENCH_N:-5}
DB=${BENCH_DB:-${TMPDIR:-/tmp}/dz-bench-erp.db}
[ -s "$DB" ] || "$ROOT/t/erpsim/erpsim-gen" --preset bench --seed 1 --out "$DB" >&2
"$ROOT/t/erpsim/erpsim" --db "$DB" --port "$PORT" --user sa --password benchpw >/dev/null 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null; rm -rf "$T"' EXIT
sleep 1
name=$(sqlite3 "$DB" 'SELECT dbname FROM GraspcwZt LIMIT 1')
W="draft = 2 AND RedOld = 'F' AND VchType IN (11, 45, 4)"
read -r cust from < <(sqlite3 -separator ' ' "$DB" "SELECT btypeid, MIN(Date) FROM Dlyndx WHERE $W GROUP BY btypeid ORDER BY COUNT(*) DESC LIMIT 1")
# the range that holds (about) the first 10,000 of its documents, under the cap
to=$(sqlite3 "$DB" "SELECT Date FROM Dlyndx WHERE $W AND btypeid = '$cust' ORDER BY Date LIMIT 1 OFFSET ${BENCH_DOCS:-10000}")
to=$(date -d "$to -1 day" +%Y-%m-%d)
n=$(sqlite3 "$DB" "SELECT COUNT(*) FROM Dlyndx WHERE $W AND btypeid = '$cust' AND Date BETWEEN '$from' AND '$to'")
pw=Bench-Pass-$U
mkuser "ba$U" admin "$pw"
login a "ba$U" "$pw"
get a /admin/users/new
post a /admin/users/new "username=bc$U" erp_kind=grasp role=clerk \
	"dsn=server=127.0.0.1,$PORT; uid=sa; pwd=benchpw; database=$name" password= status=active "csrf=$(csrf)"
sql "UPDATE users SET must_change_password = 0 WHERE username = 'bc$U'" >/dev/null
login c "bc$U" 123456
url="$DZ_TEST_BASE/query?customer=$cust&from=$from&to=$to&types=sale&types=return&types=receipt&go=1"
echo "# customer $cust: $n documents from $from to $to"
for i in $(seq "$N"); do
	curl -k -s -b "$(jar c)" -o "$T/page" -w '%{http_code} %{time_total} %{size_download}\n' "$url"
done | while read -r code t size; do
	docs=$(grep -c 'name="doc"' "$T/page" || true)
	echo "status $code  time ${t}s  page $((size / 1024)) KB  documents shown $docs"
done
