#!/bin/sh
# erpsim-rows.sh: rows per second streamed by erpsim to a db-lib client for a
# 100,000-row query, beside SQLite's own rate for the same query.
# Run from the build directory after `make`: sh t/bench/erpsim-rows.sh [ROWS]
ROWS=${1:-100000}
PORT=${ERPSIM_BENCH_PORT:-14338}
B=./t/bench/erpsim-rows
E=./t/erpsim/erpsim
for p in "$B" "$E"; do
	[ -x "$p" ] || { echo "build first: make $p" >&2; exit 1; }
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/erpsim-bench.XXXXXX")
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$TMP"' EXIT INT TERM
sqlite3 "$TMP/b.db" <<SQL
CREATE TABLE erpsim_meta(name TEXT PRIMARY KEY, value TEXT);
INSERT INTO erpsim_meta VALUES ('database', 'BENCH');
CREATE TABLE Dlyndx(Vchcode INT PRIMARY KEY, Date VARCHAR(10), Number VARCHAR(50),
	VchType INT, btypeid VARCHAR(25), Total MONEY, summary VARCHAR(256), draft INT);
WITH c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < $ROWS)
INSERT INTO Dlyndx SELECT x, date('2024-01-01', '+' || (x % 700) || ' days'),
	'XS-' || x, CASE x % 3 WHEN 0 THEN 11 WHEN 1 THEN 45 ELSE 4 END,
	'00001' || printf('%05d', x % 997), round((x % 10000) * 1.37, 2),
	'销售单 螺丝钉 第' || x || '号', 2 FROM c;
SQL
Q="SELECT Vchcode, Date, Number, VchType, btypeid, Total, summary, draft FROM Dlyndx"
"$E" --db "$TMP/b.db" --port $PORT --user bench --password bench 2>"$TMP/err" &
PID=$!
i=0
until grep -q serving "$TMP/err"; do
	i=$((i + 1)); [ $i -gt 100 ] && { cat "$TMP/err"; exit 1; }; sleep 0.1
done
set -- $("$B" sqlite "$TMP/b.db" "$Q" 2>/dev/null)
srows=$1 srate=$3
set -- $(FREETDSCONF=/dev/null TDSVER=7.4 "$B" tds $PORT bench bench "$Q" 2>/dev/null)
trows=$1 tsecs=$2 trate=$3
echo "query: $Q"
echo "sqlite3 (C API, same query): $srows rows, $srate rows/s"
echo "erpsim -> db-lib (TDS 7.4):  $trows rows in $tsecs s, $trate rows/s"
awk -v a="$trate" -v b="$srate" 'BEGIN { printf "ratio erpsim/sqlite: %.3f (SQLite is %.1fx faster)\n", a / b, b / a }'
[ "$srows" = "$ROWS" ] && [ "$trows" = "$ROWS" ]
