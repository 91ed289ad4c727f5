#!/bin/sh
# erpsim under valgrind for a short tsql, db-lib and ct-lib session (queries,
# RPCs, prepared statements, errors, a cancel, a failed login): no memory
# errors and no definite or indirect leaks.
. "${srcdir:-.}/t/erpsim/testlib.sh"
need valgrind sqlite3 tsql
PORT=14335
make_db
make_freetds_conf
ES_WRAP="valgrind --quiet --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite,indirect --log-file=$TMP/valgrind.log"
start_erpsim $PORT --log "$TMP/erpsim.log" || exit 1
grep -q memcheck "/proc/$ES_PID/comm" 2>/dev/null
ok $? "erpsim runs under valgrind's memcheck"

got=$(printf 'select FullName from Btype where UserCode = N%s\ngo\nselect * from nope\ngo\n' \
    "'K001'" | TDSVER=7.3 tsql -H 127.0.0.1 -p $PORT -U "$ES_USER" \
    -P "$ES_PASS" -o fhq 2>/dev/null)
is "$got" "上海螺丝钉五金有限公司" "tsql session under valgrind"
dbc sql "select * from Btype; select count(*), sum(Total) from Dlyndx" >/dev/null 2>&1
ok $? "db-lib batch under valgrind"
got=$(dbc rpc "select count(*) from Dlyndx where VchType = @t and Date >= @d" \
    "@t int, @d datetime" i:11 d:2024-01-01 2>/dev/null)
is "$got" "$(sq "select count(*) from Dlyndx where VchType = 11 and Date >= '2024-01-01'")" \
    "db-lib RPC under valgrind"
got=$(ctc dynamic "select Number from Dlyndx where Vchcode = ?" i:3 2>/dev/null)
is "$got" "XS-2024-0002" "ct-lib prepared statement under valgrind"
dbc cancel "WITH c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000)
	SELECT count(*) FROM c" 500 >"$TMP/got" 2>/dev/null
grep -q "^42$" "$TMP/got"
ok $? "cancel under valgrind"
"$ES_DIR/dbclient" -p "$PORT" -U "$ES_USER" -P wrong sql "select 1" >/dev/null 2>&1
ok $((! $?)) "failed login under valgrind"
stop_erpsim
is "$ES_STATUS" "0" "valgrind reports no errors and no leaks (exit status)"
if [ "$ES_STATUS" != 0 ]; then
	sed 's/^/# /' "$TMP/valgrind.log" | head -40
fi
done_testing
