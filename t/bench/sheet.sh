#!/bin/sh
# t/bench/sheet.sh: lib/sheet reading an upload of the largest kind it
# takes, a ledger of DZ_SHEET_ROWS_MAX (50,000) rows of six columns made
# by libxlsxwriter (t/bench/sheet -w), best of three reads, beside the
# budget (DESIGN §8, issue 14: a 5 MB XLSX in <= 1 s with <= 20 MB
# resident; 50,000 rows come to about 2 MB with shared strings, the row
# limit stops a larger one first). Not part of make check; after make:
#   t/bench/sheet.sh
set -e
b=$(dirname "$0")/sheet
[ -x "$b" ] || { echo "build first: make t/bench/sheet" >&2; exit 1; }
f=$(mktemp "${TMPDIR:-/tmp}/dz-sheet.XXXXXX")
trap 'rm -f "$f"' EXIT
"$b" -w "$f" -n 50000
"$b" -r 3 "$f"
