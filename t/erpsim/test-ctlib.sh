#!/bin/sh
# ct-lib (ctclient) against erpsim: ct_param with a language command (sent as
# sp_executesql with CHAR parameters in the server's code page), ct_dynamic
# (sp_prepare, sp_execute by name, sp_unprepare) and ct_cancel.
. "${srcdir:-.}/t/erpsim/testlib.sh"
need sqlite3
PORT=14336
make_db
make_freetds_conf
start_erpsim $PORT --log "$TMP/erpsim.log" || exit 1

for v in 7.1 7.4; do
	TDSVER=$v ctc param "select typeId, FullName, Name, ARTotal, APTotal, CreateTime
		from Btype where leveal = ? and FullName like ? order by typeId" \
		i:2 s:%公司 >"$TMP/got" 2>"$TMP/err"
	ok $? "TDS $v: ct_param command succeeds"
	sq "select typeId, FullName, Name, printf('%.4f', ARTotal), printf('%.4f', APTotal),
		CreateTime from Btype where leveal = 2 and FullName like '%公司'
		order by typeId" >"$TMP/want"
	same "$TMP/got" "$TMP/want" "TDS $v: ct_param rows (int and Chinese CHAR parameters) equal SQLite's"
done
grep -q "rpc: sp_executesql(id 10) \[=select typeId" "$TMP/erpsim.log"
ok $? "ct_param arrived as an RPC by procedure id"

TDSVER=7.4 ctc dynamic "select Number, Total from Dlyndx where btypeid = ? and draft = ?
	order by Vchcode" s:0000100002 i:2 >"$TMP/got" 2>"$TMP/err"
ok $? "ct_dynamic prepare / execute / deallocate succeed"
sq "select Number, printf('%.4f', Total) from Dlyndx where btypeid = '0000100002'
	and draft = 2 order by Vchcode" >"$TMP/want"
same "$TMP/got" "$TMP/want" "ct_dynamic rows equal SQLite's"
grep -q "rpc: sp_execute: select Number" "$TMP/erpsim.log" &&
    grep -q "rpc: sp_prepare(id 11)" "$TMP/erpsim.log"
ok $? "ct_dynamic: sp_prepare by id, then sp_execute by name"

long="WITH c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000)
	SELECT count(*) FROM c"
start=$(date +%s)
TDSVER=7.4 ctc cancel "$long" 300 >"$TMP/got" 2>"$TMP/err"
r=$?
end=$(date +%s)
ok $r "ct_cancel of a long query succeeds"
is "$(cat "$TMP/got")" "$(printf 'cancelled\n42')" "the connection answers after ct_cancel"
ok $(( end - start > 5 )) "ct_cancel took $((end - start)) s (< 5 s)"
done_testing
