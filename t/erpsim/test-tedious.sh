#!/bin/sh
# t/erpsim/test-tedious.sh: erpsim answers tedious (npm, pure JavaScript, no
# FreeTDS code) correctly. Starts erpsim on 127.0.0.1:14341 over a generated
# demo database; expected values come from SQLite and erpsim-oracle.
# tedious is installed by: (cd t/erpsim/clients && npm ci)
src=${srcdir:-.}
erpsim=./t/erpsim/erpsim
gen=./t/erpsim/erpsim-gen
oracle=./t/erpsim/erpsim-oracle
clients=$src/t/erpsim/clients
port=14341
for p in "$erpsim" "$gen" "$oracle"; do
	if [ ! -x "$p" ]; then
		echo "1..0 # SKIP $p not built"
		exit 0
	fi
done
if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node not installed"
	exit 0
fi
if [ ! -d "$clients/node_modules/tedious" ]; then
	echo "1..0 # SKIP tedious not installed (cd t/erpsim/clients && npm ci)"
	exit 0
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "1..0 # SKIP sqlite3 shell not installed"
	exit 0
fi
. "$src/t/erpsim/clients/lib.sh"
erpsim_setup tedious || exit 1

# expected values, as JSON, from SQLite and the oracle
{
	printf '{\n "btype_count": %s,\n' "$(sqlite3 "$db" "SELECT COUNT(*) FROM Btype")"
	printf ' "lenovo": {"typeId": "%s", "FullName": "%s", "ARTotal_fen": "%s"},\n' \
	    "$lenovo" "$(sqlite3 "$db" "SELECT FullName FROM Btype WHERE typeId='$lenovo'")" \
	    "$($oracle --db "$db" --list-customers | awk -F'\t' -v t="$lenovo" '$2 == t { print $5 }')"
	printf ' "customers": [%s],\n' "$(sqlite3 "$db" "SELECT '\"' || typeId || '\"' FROM Btype
	    WHERE sonnum = 0 AND deleted = 0 ORDER BY UserCode, typeId" | paste -sd, -)"
	printf ' "from": "%s", "to": "%s",\n' "$from" "$to"
	printf ' "savedate_1": "%s",\n' "$(sqlite3 "$db" "SELECT SaveDate FROM Dlyndx WHERE Vchcode = 1")"
	printf ' "opening": "%s",\n' "$(awk -F'\t' '$1 == "opening" { print $2 }' "$tmp/oracle")"
	printf ' "docs": [%s],\n' "$(awk -F'\t' '$1 == "doc" { printf "%s\"%s\\t%s\\t%s\\t%s\\t%s\\t%s\"", \
	    (n++ ? "," : ""), $2, $3, $4, $5, $6, $7 }' "$tmp/oracle")"
	printf ' "line_doc": "%s",\n' "$line_doc"
	printf ' "lines": [%s]\n}\n' "$(awk -F'\t' -v d="$line_doc" '$1 == "line" && $2 == d {
	    printf "%s\"%s\\t%s\\t%s\\t%s\\t%s\"", (n++ ? "," : ""), $3, $4, $5, $7, $8 }' "$tmp/oracle")"
} >"$tmp/expect.json"

# the oracle for every customer over two ranges, for the profile queries over TDS
sqlite3 "$db" "SELECT typeId FROM Btype WHERE sonnum = 0 AND deleted = 0 AND isclient = 1
    ORDER BY UserCode" >"$tmp/customers"
for range in "2026-10-01 2026-10-31" "2025-01-01 2026-06-30"; do
	set -- $range
	while read -r c; do
		printf 'case\t%s\t%s\t%s\n' "$c" "$1" "$2"
		$oracle --db "$db" --customer "$c" --from "$1" --to "$2" || exit 1
	done <"$tmp/customers"
done >"$tmp/cases"

ERPSIM_PORT=$port ERPSIM_USER=$user ERPSIM_PASSWORD=$password \
ERPSIM_DATABASE=V3993 ERPSIM_PROFILE=$src/conf/erp/grasp.hdf \
ERPSIM_PROFILES="$src/conf/erp/grasp.hdf $src/conf/erp/huihuang.hdf" \
ORACLE_CASES=$tmp/cases \
EXPECT_JSON=$tmp/expect.json NODE_PATH=$clients/node_modules \
    node "$clients/tedious-test.js"
rc=$?
erpsim_log_tail
exit $rc
