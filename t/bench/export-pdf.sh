#!/bin/bash
# t/bench/export-pdf.sh: GET /statements/N/pdf of a statement of 1,000
# documents with their goods lines (DESIGN §8 / issue 13: <= 1 s; the
# dz-history worker back under 15 MB after). The statement is made by
# t/bench/generate.sh (the `bench` ERP, 1,000 documents ticked, one run);
# a clerk of its account set then downloads its PDF BENCH_N times. curl's
# time_total is the figure; then each dz-history worker's VmRSS, which must
# be back under 15 MB (the PDF is drawn in a child process that takes
# pango's, cairo's and fontconfig's memory with it). Beside it, lib/pdf
# alone on a made-up statement of as many documents (t/bench/pdf-draw), the
# drawing's own share. Not part of make check.
# Needs a running stack: sudo deploy/test start; . run/test/env
#   BENCH_N=5 (runs)  BENCH_SID= (an existing statement: no generate.sh)
#   and generate.sh's BENCH_DOCS, BENCH_DB, BENCH_ERP_PORT
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/t/lib/http.sh"
dz_init
N=${BENCH_N:-5}
BUDGET=1
RSS_BUDGET_KB=15360

sid=${BENCH_SID:-}
if [ -z "$sid" ]; then
	BENCH_N=1 bash "$ROOT/t/bench/generate.sh" >"$T/gen" || { cat "$T/gen" >&2; exit 1; }
	sed 's/^/# generate.sh: /' "$T/gen"
	sid=$(sed -n 's/^run 1: .* statement \([0-9][0-9]*\) .*/\1/p' "$T/gen")
	[ -n "$sid" ] || { echo "generate.sh stored no statement" >&2; exit 1; }
fi
set_id=$(sql "SELECT account_set_id FROM statements WHERE id = $sid")
ndocs=$(sql "SELECT COUNT(*) FROM statement_docs WHERE statement_id = $sid")
nlines=$(sql "SELECT COUNT(*) FROM statement_lines WHERE statement_id = $sid")
[ -n "$set_id" ] || { echo "no statement $sid" >&2; exit 1; }

# A clerk of the statement's account set.
pw=Bench-Pass-$U
mkuser "pb$U" clerk "$pw"
sql "UPDATE users SET account_set_id = $set_id WHERE username = 'pb$U'" >/dev/null
login_ready c "pb$U" "$pw" || { echo "the clerk cannot sign in ($STATUS)" >&2; exit 1; }

# rss: each dz-history worker's resident KB (not the master's: lib/super)
rss() {
	local p
	for p in $(workers dz-history); do
		awk '/^VmRSS:/ { printf "%d ", $2 }' "/proc/$p/status"
	done
}
before=$(rss)
echo "# statement $sid: $ndocs documents, $nlines goods lines; dz-history workers before: ${before}KB"
for i in $(seq "$N"); do
	curl -k -s -b "$(jar c)" -o "$T/s.pdf" -w '%{http_code} %{time_total} %{size_download}\n' \
		"$DZ_TEST_BASE/statements/$sid/pdf" >"$T/w"
	read -r code t size <"$T/w"
	pages=$(pdfinfo "$T/s.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	echo "run $i: status $code  time ${t}s  $((size / 1024)) KB, ${pages:-no} pages"
	[ "$code" = 200 ] && [ -n "$pages" ] || { echo "not a PDF" >&2; exit 1; }
	echo "$t" >>"$T/times"
done
after=$(rss)
sort -n "$T/times" >"$T/sorted"
med=$(awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}' "$T/sorted")
min=$(head -1 "$T/sorted")
max=$(tail -1 "$T/sorted")
ratio=$(awk -v m="$med" -v b="$BUDGET" 'BEGIN {printf "%.0f", 100 * m / b}')
verdict=$(awk -v m="$med" -v b="$BUDGET" 'BEGIN {print (m <= b) ? "within" : "OVER"}')
echo "PDF of $ndocs documents: min ${min}s  median ${med}s  max ${max}s = $ratio % of the budget (<= ${BUDGET}s: $verdict)"
mem=within
for kb in $after; do
	[ "$kb" -le $RSS_BUDGET_KB ] || mem=OVER
done
echo "dz-history resident KB per worker: before ${before}after ${after}(budget <= 15 MB: $mem)"

# lib/pdf alone: as many documents, three lines each, in this process.
if [ -x "$ROOT/t/bench/pdf-draw" ]; then
	"$ROOT/t/bench/pdf-draw" -n "$ndocs" -l 3 -r 3 -o "$T/draw.pdf" | sed 's/^/# pdf-draw: /'
fi
