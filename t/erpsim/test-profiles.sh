#!/bin/sh
# t/erpsim/test-profiles.sh: the ERP profiles' SQL (conf/erp/*.hdf), run on a
# generated demo database after erpsim's T-SQL -> SQLite rewrite, gives what
# the oracle gives. TAP (printed by t/erpsim/oracle-profiles).
gen=./t/erpsim/erpsim-gen
run=./t/erpsim/oracle-profiles
src=${srcdir:-.}
for p in "$gen" "$run"; do
	if [ ! -x "$p" ]; then
		echo "1..0 # SKIP $p not built"
		exit 0
	fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/erpsim-prof.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
if ! $gen --preset demo --seed 11 --today 2026-11-22 --out "$tmp/demo.db" 2>"$tmp/log"; then
	echo "Bail out! erpsim-gen failed: $(cat "$tmp/log")"
	exit 1
fi
exec $run --db "$tmp/demo.db" "$src/conf/erp/grasp.hdf" "$src/conf/erp/huihuang.hdf"
