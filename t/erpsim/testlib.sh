# testlib.sh: sourced by erpsim's shell tests. TAP helpers, a throw-away
# SQLite file built from test-fixture.sql, and an erpsim on a given port.
ES_DIR=${ES_DIR:-./t/erpsim}
ES_SRC=${srcdir:-.}/t/erpsim
ES_USER=sa
ES_PASS='S3cret!'
TMP=$(mktemp -d "${TMPDIR:-/tmp}/erpsim-test.XXXXXX")
ES_PID=
tap_n=0
tap_fail=0

cleanup() {
	stop_erpsim
	rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

# ok STATUS DESCRIPTION
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_fail=$((tap_fail + 1))
	fi
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '# got:  %s\n# want: %s\n' "$1" "$2" | head -20
	fi
}

# same FILE_GOT FILE_WANT DESCRIPTION
same() {
	if cmp -s "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		diff "$2" "$1" | head -20 | sed 's/^/# /'
	fi
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_fail" -eq 0 ]
}

need() {
	for c in "$@"; do
		if ! command -v "$c" >/dev/null 2>&1; then
			echo "1..0 # SKIP $c not installed"
			exit 0
		fi
	done
}

make_db() {
	rm -f "$TMP/t.db"
	sqlite3 "$TMP/t.db" < "$ES_SRC/test-fixture.sql"
}

# sq SQL: the fixture's own answer, in sqlite3's list mode
sq() {
	sqlite3 -batch "$TMP/t.db" "$1"
}

# start_erpsim PORT [OPTIONS...]: waits until it listens; if PORT is taken,
# tries the others of erpsim's test range 14330-14339. Sets $PORT.
start_erpsim() {
	want=$1
	shift
	stop_erpsim
	for try in $want 14330 14331 14332 14333 14334 14335 14336 14337 14338 14339; do
		if start_on "$try" "$@"; then
			PORT=$try
			return 0
		fi
		grep -q "Address already in use" "$TMP/erpsim.err" || break
	done
	echo "# erpsim did not start:"
	sed 's/^/# /' "$TMP/erpsim.err"
	return 1
}

start_on() {
	port=$1
	shift
	: > "$TMP/erpsim.err"
	${ES_WRAP:-} "$ES_DIR/erpsim" --db "$TMP/t.db" --port "$port" \
	    --user "$ES_USER" --password "$ES_PASS" "$@" 2>"$TMP/erpsim.err" &
	ES_PID=$!
	i=0
	while ! grep -q serving "$TMP/erpsim.err" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 300 ] || ! kill -0 "$ES_PID" 2>/dev/null; then
			wait "$ES_PID" 2>/dev/null
			ES_PID=
			return 1
		fi
		sleep 0.1
	done
}

# db-lib and ct-lib test clients on the running erpsim
dbc() {
	"$ES_DIR/dbclient" -p "$PORT" -U "$ES_USER" -P "$ES_PASS" "$@"
}

ctc() {
	"$ES_DIR/ctclient" -p "$PORT" -U "$ES_USER" -P "$ES_PASS" "$@"
}

# stop_erpsim: SIGTERM and wait; $ES_STATUS holds its exit status
stop_erpsim() {
	ES_STATUS=
	if [ -n "$ES_PID" ]; then
		kill "$ES_PID" 2>/dev/null
		wait "$ES_PID"
		ES_STATUS=$?
		ES_PID=
	fi
}

# A freetds.conf for the tests: UTF-8 client charset, encryption off.
make_freetds_conf() {
	cat > "$TMP/freetds.conf" <<CONF
[global]
	client charset = UTF-8
	encryption = off
	${1:-}
CONF
	FREETDSCONF="$TMP/freetds.conf"
	export FREETDSCONF
}
