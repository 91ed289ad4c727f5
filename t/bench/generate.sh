#!/bin/bash
# t/bench/generate.sh: POST /statements/new for a statement of 1,000
# documents with their goods lines (DESIGN §8 / issue 5: budget <= 0.3 s).
# Uses a `bench` ERP (erpsim-gen --preset bench, ~20 s and ~650 MB, kept in
# run/bench/erp.db), its own erpsim on 127.0.0.1:${BENCH_ERP_PORT:-24356}, a
# clerk pointed at it through 用户管理; the big customer's documents from the
# start of its big month, the first 1,000 ticked. Each run stores a new
# statement; curl's time_total is the figure. Not part of make check.
# Needs a running stack: sudo deploy/test start; . run/test/env
#   BENCH_N=5 (runs)  BENCH_DOCS=1000  BENCH_DB=run/bench/erp.db  BENCH_TO=
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/t/lib/http.sh"
dz_init
PORT=${BENCH_ERP_PORT:-24356}
N=${BENCH_N:-5}
NDOCS=${BENCH_DOCS:-1000}
BUDGET=0.3
DB=${BENCH_DB:-$ROOT/run/bench/erp.db}
mkdir -p "$(dirname "$DB")"
if [ ! -s "$DB" ]; then
	echo "# erpsim-gen --preset bench (about 20 s) -> $DB" >&2
	"$ROOT/t/erpsim/erpsim-gen" --preset bench --seed 1 --out "$DB" >&2
fi
"$ROOT/t/erpsim/erpsim" --db "$DB" --port "$PORT" --user sa --password benchpw >"$T/erpsim.log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null; rm -rf "$T"' EXIT
for _ in $(seq 50); do
	(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
	sleep 0.1
done

name=$(sqlite3 "$DB" 'SELECT dbname FROM GraspcwZt LIMIT 1')
cust=$(sqlite3 "$DB" "SELECT value FROM erpsim_meta WHERE name = 'big_customer'")
month=$(sqlite3 "$DB" "SELECT value FROM erpsim_meta WHERE name = 'big_month'")
from=$month-01
W="draft = 2 AND RedOld = 'F' AND VchType IN (11, 45, 4)"
# to: the day of the NDOCS-th document from the start of the month
to=$(sqlite3 "$DB" "SELECT Date FROM Dlyndx WHERE $W AND btypeid = '$cust' AND Date >= '$from'
	ORDER BY Date, Number, Vchcode LIMIT 1 OFFSET $((NDOCS - 1))")
to=${BENCH_TO:-${to:0:10}}	# BENCH_TO=2026-10-31: 1,000 ticked of the whole month
"$ROOT/t/erpsim/erpsim-oracle" --db "$DB" --customer "$cust" --from "$from" --to "$to" >"$T/oracle"
inrange=$(grep -c '^doc' "$T/oracle")
awk -F '\t' '$1 == "doc" {print $2}' "$T/oracle" | head -"$NDOCS" >"$T/docs"
ticked=$(wc -l <"$T/docs")
want=$(awk -F '\t' -v n="$NDOCS" '$1 == "opening" {o = $2} $1 == "doc" && ++k <= n {s += $7} END {print o + s}' "$T/oracle")
lines=$(awk -F '\t' 'NR == FNR {t[$1] = 1; next} $1 == "line" && ($2 in t) {n++} END {print n + 0}' "$T/docs" "$T/oracle")

pw=Bench-Pass-$U
mkuser "ga$U" admin "$pw"
login a "ga$U" "$pw"
get a /admin/users/new
post a /admin/users/new "username=gb$U" erp_kind=grasp role=clerk \
	"dsn=server=127.0.0.1,$PORT; uid=sa; pwd=benchpw; database=$name; encrypt=off" password= status=active "csrf=$(csrf)"
[ "$STATUS" = 303 ] || { echo "cannot create the clerk ($STATUS)" >&2; exit 1; }
sql "UPDATE users SET must_change_password = 0 WHERE username = 'gb$U'" >/dev/null
login c "gb$U" 123456
get c "/query?customer=$cust&from=$from&to=$to&types=sale&types=return&types=receipt&go=1"
[ "$STATUS" = 200 ] || { echo "the query page answers $STATUS" >&2; exit 1; }
tok=$(csrf)
{
	printf 'csrf=%s&customer=%s&from=%s&to=%s&types=sale&types=return&types=receipt&opening=1' \
		"$tok" "$cust" "$from" "$to"
	sed 's/^/\&doc=/' "$T/docs" | tr -d '\n'
} >"$T/form"

echo "# customer $cust, $from..$to: $inrange documents in range, $ticked ticked, $lines goods lines; form $(($(wc -c <"$T/form") / 1024)) KB"
for i in $(seq "$N"); do
	curl -k -s -b "$(jar c)" -o /dev/null -D "$T/h" -H "Origin: $DZ_TEST_BASE" \
		-H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$T/form" \
		-w '%{http_code} %{time_total}\n' "$DZ_TEST_BASE/statements/new" >"$T/w"
	read -r code t <"$T/w"
	sid=$(tr -d '\r' <"$T/h" | sed -n 's,^[Ll]ocation: .*/statements/\([0-9]*\).*,\1,p')
	got=$( [ -n "$sid" ] && sql "SELECT CONCAT(doc_count, ' docs, ', (SELECT COUNT(*) FROM statement_lines WHERE statement_id = $sid),
		' lines, closing ', IF(CAST(ROUND(closing * 100) AS SIGNED) = $want, '= oracle', 'DIFFERS from the oracle'))
		FROM statements WHERE id = $sid")
	echo "run $i: status $code  time ${t}s  statement ${sid:-none} (${got:-nothing stored})"
	echo "$t" >>"$T/times"
done
sort -n "$T/times" >"$T/sorted"
med=$(awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}' "$T/sorted")
max=$(tail -1 "$T/sorted")
min=$(head -1 "$T/sorted")
verdict=$(awk -v m="$med" -v b="$BUDGET" 'BEGIN {print (m <= b) ? "within" : "OVER"}')
echo "generate $ticked documents: min ${min}s  median ${med}s  max ${max}s  (budget <= ${BUDGET}s: $verdict)"
