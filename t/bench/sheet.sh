#!/bin/sh
# t/bench/sheet.sh: lib/sheet reading uploads of the largest kind it
# takes, best of three reads each, beside the budget (DESIGN §8, issue 14:
# a 5 MB XLSX in <= 1 s with <= 20 MB resident). Two ledgers of
# DZ_SHEET_ROWS_MAX (50,000) rows of six columns made by libxlsxwriter
# (t/bench/sheet -w): one with short notes (about 2 MB with shared
# strings), and one whose notes are long and distinct (-b), grown until
# the file is close under DZ_SHEET_FILE_MAX (5 MB) within the row limit.
# Each read is its own process, so each peak resident size is its file's.
# Not part of make check; after make:
#   t/bench/sheet.sh
set -e
b=$(dirname "$0")/sheet
[ -x "$b" ] || { echo "build first: make t/bench/sheet" >&2; exit 1; }
f=$(mktemp "${TMPDIR:-/tmp}/dz-sheet.XXXXXX")
g=$(mktemp "${TMPDIR:-/tmp}/dz-sheet-5m.XXXXXX")
trap 'rm -f "$f" "$g"' EXIT
rc=0
echo "# 50,000 rows, short notes"
"$b" -w "$f" -n 50000
"$b" -r 3 "$f" || rc=1
echo "# 50,000 rows, long distinct notes, close under 5 MB"
"$b" -w "$g" -n 50000 -b
"$b" -r 3 "$g" || rc=1
exit $rc
