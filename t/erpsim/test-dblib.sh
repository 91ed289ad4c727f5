#!/bin/sh
# db-lib (dbclient) against erpsim: rows equal SQLite's own, bound RPC
# parameters, SQL Server types, errors, attention, --delay-ms and
# --hang-after-login.
. "${srcdir:-.}/t/erpsim/testlib.sh"
need sqlite3
PORT=14332
make_db
make_freetds_conf
start_erpsim $PORT || exit 1

# The same rows through erpsim (db-lib types) and through sqlite3 itself.
dbc -V 7.4 sql "select typeId, FullName, Name, ARTotal, APTotal, deleted, leveal,
	sonnum, rate, CreateTime, big from Btype order by typeId" >"$TMP/got" 2>/dev/null
sq "select typeId, FullName, Name,
	case when ARTotal is null then '' else printf('%.4f', ARTotal) end,
	case when APTotal is null then '' else printf('%.4f', APTotal) end,
	deleted, leveal, sonnum, rate, CreateTime, big from Btype order by typeId" >"$TMP/want"
same "$TMP/got" "$TMP/want" "Btype: every type's rows equal SQLite's (TDS 7.4)"
dbc -V 7.1 sql "select Vchcode, Date, Number, VchType, btypeid, Total, summary,
	Comment, draft, RedWord from Dlyndx order by Vchcode" >"$TMP/got" 2>/dev/null
sq "select Vchcode, Date, Number, VchType, btypeid, printf('%.4f', Total),
	summary, Comment, draft, RedWord from Dlyndx order by Vchcode" >"$TMP/want"
same "$TMP/got" "$TMP/want" "Dlyndx rows equal SQLite's (TDS 7.1)"

# sp_executesql by name (dbrpcinit) with bound parameters
dbc rpc "select n.Number, n.Total, s.Qty, s.tax_total from Dlyndx n join DlySale s
	on s.Vchcode = n.Vchcode where n.btypeid = @b and n.Date between @d1 and @d2
	order by n.Vchcode" "@b varchar(25), @d1 varchar(10), @d2 varchar(10)" \
	s:0000100001 s:2024-01-01 s:2024-02-28 >"$TMP/got" 2>/dev/null
sq "select n.Number, printf('%.4f', n.Total), printf('%.4f', s.Qty),
	printf('%.4f', s.tax_total) from Dlyndx n join DlySale s
	on s.Vchcode = n.Vchcode where n.btypeid = '0000100001' and n.Date
	between '2024-01-01' and '2024-02-28' order by n.Vchcode" >"$TMP/want"
same "$TMP/got" "$TMP/want" "RPC sp_executesql with varchar parameters"
test -s "$TMP/want"
ok $? "... and that query has rows"
dbc rpc "select count(*) from Dlyndx where VchType = @t and Total > @m and Date >= @d" \
	"@t int, @m money, @d datetime" i:11 m:70.5 d:2024-01-01 >"$TMP/got" 2>/dev/null
sq "select count(*) from Dlyndx where VchType = 11 and Total > 70.5 and
	Date >= '2024-01-01'" >"$TMP/want"
same "$TMP/got" "$TMP/want" "RPC with int, money and datetime parameters"
got=$(dbc rpc "select FullName from Btype where Name = @n" "@n nvarchar(30)" \
	s:西湖茶叶 2>/dev/null)
is "$got" "杭州西湖茶叶贸易公司" "RPC with a Chinese nvarchar parameter"
got=$(dbc rpc "select count(*) from Btype where Person is null and @x is null" \
	"@x int" n: 2>/dev/null)
is "$got" "$(sq "select count(*) from Btype where Person is null")" "RPC with a NULL parameter"

# result types as SQL Server sends them (db-lib type numbers)
dbc types "select typeId, Name, leveal, sonnum, big, deleted, rate, APTotal,
	ARTotal, CreateTime, count(*) c, sum(APTotal) m, sum(ARTotal) d,
	sum(sonnum) i from Btype group by typeId" >"$TMP/got" 2>/dev/null
cut -d: -f1,2 "$TMP/got" | tr '\n' ' ' >"$TMP/types"
is "$(cat "$TMP/types")" "typeId:47 Name:47 leveal:52 sonnum:56 big:127 deleted:50 rate:62 APTotal:60 ARTotal:108 CreateTime:61 c:56 m:60 d:108 i:56 " \
	"types: varchar, nvarchar, smallint, int, bigint, bit, float, money, numeric, datetime, COUNT, SUM"
got=$(dbc sql "select count(*) from Btype; select max(Date) from Dlyndx" 2>/dev/null |
	tr '\n' ' ')
is "$got" "$(sq "select count(*) from Btype; select max(Date) from Dlyndx" | tr '\n' ' ')" \
	"a batch with two result sets"

# errors
dbc sql "select * from Nope" >/dev/null 2>"$TMP/err"
grep -q "^Msg 208: Invalid object name 'Nope'." "$TMP/err"
ok $? "error 208 for an unknown table"
dbc sql "selec 1" >/dev/null 2>"$TMP/err"
grep -q "^Msg 102:" "$TMP/err"
ok $? "error 102 for a syntax error"
dbc sql "exec sp_who" >/dev/null 2>"$TMP/err"
grep -q "^Msg 2812: Could not find stored procedure 'sp_who'." "$TMP/err"
ok $? "EXEC of a procedure: error 2812"
"$ES_DIR/dbclient" -p "$PORT" -U "$ES_USER" -P nope sql "select 1" >/dev/null 2>"$TMP/err"
grep -q "^Msg 18456: Login failed for user 'sa'." "$TMP/err"
ok $? "wrong password: 18456"
dbc -D Other sql "select 1" >/dev/null 2>"$TMP/err"
grep -q "^Msg 4060:" "$TMP/err"
ok $? "unknown database: 4060"

# attention: dbcancel() during a long recursive query; connection reusable
long="WITH c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500000000)
	SELECT count(*) FROM c"
start=$(date +%s)
dbc cancel "$long" 300 >"$TMP/got" 2>/dev/null
r=$?
end=$(date +%s)
ok $r "dbcancel() of a long query returns"
grep -q "^42$" "$TMP/got"
ok $? "the connection answers the next query after the cancel"
ok $(( end - start > 5 )) "the cancel took $((end - start)) s (< 5 s)"
dbc cancel "select 1" 300 >"$TMP/got" 2>/dev/null
grep -q "^42$" "$TMP/got"
ok $? "a late attention (query already done) is acknowledged too"

# --delay-ms: every answer is late; a cancel during the delay is quick
start_erpsim $PORT --delay-ms 1500 || exit 1
t0=$(date +%s%N)
got=$(dbc sql "select 5" 2>/dev/null)
t1=$(date +%s%N)
is "$got" "5" "--delay-ms still answers"
ok $(( (t1 - t0) / 1000000 < 1500 )) "--delay-ms 1500 delayed the answer $(( (t1 - t0) / 1000000 )) ms"
dbc cancel "select 1" 200 >"$TMP/got" 2>/dev/null
grep -q "^cancelled in [0-9]* ms" "$TMP/got" &&
    [ "$(sed -n 's/^cancelled in \([0-9]*\) ms/\1/p' "$TMP/got")" -lt 1000 ]
ok $? "attention during --delay-ms is answered at once"

# --hang-after-login: logs in, never answers
start_erpsim $PORT --hang-after-login || exit 1
timeout 3 "$ES_DIR/dbclient" -p "$PORT" -U "$ES_USER" -P "$ES_PASS" sql "select 1" >/dev/null 2>&1
is "$?" "124" "--hang-after-login: the query never returns (killed after 3 s)"
done_testing
