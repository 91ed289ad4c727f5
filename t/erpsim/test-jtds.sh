#!/bin/sh
# t/erpsim/test-jtds.sh: erpsim answers jTDS (Debian libjtds-java, pure Java,
# TDS 7.1, no FreeTDS code) correctly. Starts erpsim on 127.0.0.1:14342 over
# a generated demo database; expected values come from SQLite and the oracle.
src=${srcdir:-.}
erpsim=./t/erpsim/erpsim
gen=./t/erpsim/erpsim-gen
oracle=./t/erpsim/erpsim-oracle
jar=${JTDS_JAR:-/usr/share/java/jtds.jar}
port=14342
for p in "$erpsim" "$gen" "$oracle"; do
	if [ ! -x "$p" ]; then
		echo "1..0 # SKIP $p not built"
		exit 0
	fi
done
for c in java javac sqlite3; do
	if ! command -v $c >/dev/null 2>&1; then
		echo "1..0 # SKIP $c not installed"
		exit 0
	fi
done
if [ ! -r "$jar" ]; then
	echo "1..0 # SKIP $jar missing (apt-get install libjtds-java)"
	exit 0
fi
. "$src/t/erpsim/clients/lib.sh"
erpsim_setup jtds || exit 1

if ! javac -encoding UTF-8 -nowarn -cp "$jar" -d "$tmp" \
    "$src/t/erpsim/clients/JtdsTest.java" >"$tmp/javac.log" 2>&1; then
	echo "Bail out! javac: $(head -5 "$tmp/javac.log")"
	exit 1
fi
{
	echo "port=$port"
	echo "user=$user"
	echo "password=$password"
	echo "database=V3993"
	echo "lenovo=$lenovo"
	echo "fullname=$(sqlite3 "$db" "SELECT FullName FROM Btype WHERE typeId='$lenovo'")"
	echo "artotal_fen=$($oracle --db "$db" --list-customers | awk -F'\t' -v t="$lenovo" '$2 == t { print $5 }')"
	echo "btype_count=$(sqlite3 "$db" "SELECT COUNT(*) FROM Btype")"
	echo "from=$from"
	echo "to=$to"
	echo "line_doc=$line_doc"
} >"$tmp/expect.properties"

java -Dfile.encoding=UTF-8 -cp "$jar:$tmp" JtdsTest "$tmp/expect.properties" \
    "$tmp/oracle" "$src/conf/erp/grasp.hdf"
rc=$?
erpsim_log_tail
exit $rc
