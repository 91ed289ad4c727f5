#!/bin/sh
# tsql (freetds-bin) against erpsim: TDS 7.1-7.4, Chinese text as UTF-8,
# errors with SQL Server's numbers, packets split at a small packet size.
. "${srcdir:-.}/t/erpsim/testlib.sh"
need tsql sqlite3
PORT=14331
make_db
make_freetds_conf
LC_ALL=C.UTF-8
export LC_ALL
start_erpsim $PORT --log "$TMP/erpsim.log" || exit 1

# tq VERSION SQL...: run SQL through tsql, print result lines only
tq() {
	v=$1
	shift
	printf '%s\ngo\n' "$@" | TDSVER=$v tsql -H 127.0.0.1 -p $PORT \
	    -U "$ES_USER" -P "$ES_PASS" -o fhq 2>"$TMP/tsql.err"
}

for v in 7.1 7.2 7.3 7.4; do
	out=$(printf 'select 1\ngo\n' | TDSVER=$v tsql -H 127.0.0.1 -p $PORT \
	    -U "$ES_USER" -P "$ES_PASS" -o v 2>&1)
	echo "$out" | grep -q "using TDS version $v"
	ok $? "tsql negotiates TDS $v"
	got=$(tq $v "select UserCode, FullName, Name from Btype order by typeId")
	want=$(sq "select UserCode, FullName, Name from Btype order by typeId" |
	    tr '|' '\t')
	is "$got" "$want" "TDS $v: varchar (CP936) and nvarchar rows equal SQLite's"
done

got=$(tq 7.4 "select FullName from Btype where UserCode = 'K001'")
is "$got" "上海螺丝钉五金有限公司" "Chinese varchar arrives as UTF-8"
got=$(tq 7.4 "select Name from Btype where typeId = N'0000100003'")
is "$got" "Müller" "non-Chinese nvarchar arrives intact"
got=$(tq 7.3 "select N'对账' + N'助手'")
is "$got" "对账助手" "N'' literals and + concatenation"
got=$(tq 7.4 "select top 2 [UserCode] from [dbo].[Btype] where isnull(Person, '') <> '' order by typeId desc")
is "$got" "$(printf 'K002\nK001')" "TOP, ISNULL, [brackets], dbo. prefix"
got=$(tq 7.4 "select convert(varchar(10), CreateTime, 23) from Btype where UserCode = 'K001'")
is "$got" "2024-03-01" "CONVERT(varchar(10), x, 23)"
got=$(tq 7.4 "select dbname, fullname from master.dbo.GraspcwZt")
is "$got" "$(printf 'V3993\t上海测试商贸有限公司')" "master.dbo.GraspcwZt"
got=$(tq 7.4 "select APTotal, ARTotal from Btype where UserCode = 'K002'")
is "$got" "$(printf -- '-12.5000\t-250.5000')" "money and numeric at their scale"
got=$(tq 7.4 "select count(*), sum(Total) from Dlyndx where draft = 2")
is "$got" "$(printf '4\t1889.5500')" "COUNT and SUM of money"
got=$(tq 7.4 "select 1 a; select 2 b" | tr '\n' ' ')
is "$got" "1 2 " "a batch with two result sets"
got=$(tq 7.4 "SET NOCOUNT ON
SET TEXTSIZE 2147483647
select @@max_precision")
is "$got" "38" "SET statements split by newlines, @@MAX_PRECISION"
got=$(tq 7.4 "select @@version")
case "$got" in "Microsoft SQL Server 2019"*) r=0 ;; *) r=1 ;; esac
ok $r "@@VERSION looks like SQL Server's"
got=$(tq 7.4 "select SERVERPROPERTY('Collation'), db_name()")
is "$got" "$(printf 'Chinese_PRC_CI_AS\tV3993')" "SERVERPROPERTY and DB_NAME()"

tq 7.4 "select * from NoSuchTable" >/dev/null
grep -q "Msg 208" "$TMP/tsql.err"
ok $? "unknown table: error 208"
grep -q "Invalid object name 'NoSuchTable'" "$TMP/tsql.err"
ok $? "208 says SQL Server's text"
tq 7.4 "select from where" >/dev/null
grep -q "Msg 102" "$TMP/tsql.err"
ok $? "syntax error: error 102"
got=$(tq 7.4 "select 7")
is "$got" "7" "the connection works after errors"

printf 'select 1\ngo\n' | TDSVER=7.4 tsql -H 127.0.0.1 -p $PORT -U "$ES_USER" \
    -P wrong >"$TMP/out" 2>&1
grep -q "Msg 18456" "$TMP/out"
ok $? "wrong password: error 18456"
printf 'select 1\ngo\n' | TDSVER=7.4 tsql -H 127.0.0.1 -p $PORT -U "$ES_USER" \
    -P "$ES_PASS" -D NoSuchDb >"$TMP/out" 2>&1
grep -q "Msg 4060" "$TMP/out"
ok $? "unknown database: error 4060"

# An 8 KB request (3 packets) and a 2,000-row reply (~40 packets of 4096).
sql="WITH c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000)
SELECT x, '一二三四五六七八九十一二三四五六七八九十' FROM c -- $(printf '%04000d' 0)"
got=$(printf '%s\ngo\n' "$sql" | TDSVER=7.4 tsql -H 127.0.0.1 -p $PORT \
    -U "$ES_USER" -P "$ES_PASS" -o fhq 2>/dev/null | awk -F'\t' \
    '$2 == "一二三四五六七八九十一二三四五六七八九十" { n++; s += $1 }
    END { print n, s }')
is "$got" "2000 2001000" "8 KB request and 2,000-row reply split into packets"
grep -q "tds=74 pkt=4096: ok" "$TMP/erpsim.log"
ok $? "the log shows the negotiated version and packet size"

grep -q "select FullName from Btype where UserCode = 'K001'" "$TMP/erpsim.log"
ok $? "--log records queries"
grep -q "$ES_PASS" "$TMP/erpsim.log"
ok $((! $?)) "--log never records the password"

stop_erpsim
start_erpsim $PORT --tds-max 7.2 || exit 1
out=$(printf 'select @@version\ngo\n' | TDSVER=7.4 tsql -H 127.0.0.1 -p $PORT \
    -U "$ES_USER" -P "$ES_PASS" -o v 2>&1)
echo "$out" | grep -q "using TDS version 7.2"
ok $? "--tds-max 7.2: a 7.4 client is answered at 7.2"
echo "$out" | grep -q "SQL Server 2005"
ok $? "--tds-max 7.2 presents SQL Server 2005"
done_testing
