/*
 * unit-sqlrw: T-SQL -> SQLite rewriting, batch splitting and SELECT-list
 * typing, table-driven.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../lib/tap.h"
#include "sqlrw.h"

static const struct {
	const char	*in;
	const char	*out;
} rewrites[] = {
	{ "select top 10 Name from Btype order by typeId",
	  "select  Name from Btype order by typeId LIMIT 10" },
	{ "select top (5) * from dbo.Btype",
	  "select  * from Btype LIMIT 5" },
	{ "select * from (select top 2 x from t) a",
	  "select * from (select  x from t LIMIT 2) a" },
	{ "select isnull(a, 0), len(b) from [dbo].[Btype]",
	  "select IFNULL(a, 0), LENGTH(b) from \"Btype\"" },
	{ "select dbname from master.dbo.GraspcwZt",
	  "select dbname from GraspcwZt" },
	{ "select x from V3993..Dlyndx n where n.Date = N'2024-01-01'",
	  "select x from Dlyndx n where n.Date = '2024-01-01'" },
	{ "select convert(varchar(10), d, 23) from t",
	  "select substr(( d),1,10) from t" },
	{ "select convert(int, '5')", "select CAST(( '5') AS INTEGER)" },
	{ "select cast(d as datetime)", "select CAST(d  AS TEXT)" },
	{ "select getdate()",
	  "select strftime('%Y-%m-%d %H:%M:%f','now','localtime')" },
	{ "select N'a' + N'b'", "select 'a' || 'b'" },
	{ "select 1 + 2", "select 1 + 2" },
	{ "select * from Btype with (nolock) where a = @p1",
	  "select * from Btype  where a = @p1" },
	{ "select @@spid, @@max_precision, @@trancount", "select 53, 38, 0" },
	{ "select SERVERPROPERTY('Collation')", "select 'Chinese_PRC_CI_AS'" },
	{ "select db_name()", "select 'V3993'" },
	{ "select 'it''s [not] dbo.x'", "select 'it''s [not] dbo.x'" },
};

static const char *
decl(void *arg, const char *col)
{
	(void)arg;
	if (strcasecmp(col, "Total") == 0)
		return "MONEY";
	if (strcasecmp(col, "ARTotal") == 0)
		return "NUMERIC(18,4)";
	if (strcasecmp(col, "sonnum") == 0)
		return "SMALLINT";
	return NULL;
}

int
main(void)
{
	struct sqlrw_ctx	 ctx;
	struct sqlrw_stmt	*v;
	struct sqlrw_col	 c[8];
	size_t			 i, n;
	char			*out;

	memset(&ctx, 0, sizeof(ctx));
	ctx.spid = 53;
	ctx.banner = "Microsoft SQL Server";
	ctx.version = "15.0.2000.5";
	ctx.db = "V3993";
	ctx.user = "sa";
	for (i = 0; i < sizeof(rewrites) / sizeof(rewrites[0]); i++) {
		out = sqlrw_rewrite(&ctx, rewrites[i].in);
		is_str(out, rewrites[i].out, "rewrite: %s", rewrites[i].in);
		free(out);
	}

	if (sqlrw_split("SELECT @@MAX_PRECISION\r\nSET TRANSACTION ISOLATION "
	    "LEVEL READ COMMITTED\r\nSET IMPLICIT_TRANSACTIONS OFF\r\n"
	    "SET QUOTED_IDENTIFIER ON\r\nSET TEXTSIZE 2147483647", &v, &n) == 0) {
		is_int((long long)n, 5, "jTDS start-up batch: 5 statements");
		if (n == 5) {
			is_int(v[0].kind, SQLRW_QUERY, "... a query first");
			is_int(v[4].kind, SQLRW_SET, "... then SETs");
			is_str(v[4].arg, "TEXTSIZE", "... SET option");
		}
		sqlrw_free(v, n);
	}
	if (sqlrw_split("set nocount on; select 1 ; update t\nset a = 1\n"
	    "IF @@TRANCOUNT > 0 COMMIT TRAN\nuse [V3993]", &v, &n) == 0) {
		is_int((long long)n, 5, "';' and line-separated statements");
		if (n == 5) {
			is_str(v[0].arg2, "on", "SET NOCOUNT value");
			is_str(v[2].text, "update t\nset a = 1",
			    "UPDATE ... SET stays one statement");
			is_int(v[3].kind, SQLRW_NOOP, "IF @@TRANCOUNT is a no-op");
			is_str(v[4].arg, "V3993", "USE [db]");
		}
		sqlrw_free(v, n);
	}

	n = (size_t)sqlrw_describe("select count(*), sum(Total) t, sum(ARTotal),"
	    " sum(sonnum) s, -sum(Total), 'abc', N'xy', Total, x.Total y,"
	    " 1.50 from Dlyndx x", c, 8, decl, NULL);
	is_int((long long)n, 8, "describe: 8 items (max)");
	ok(c[0].known && c[0].t.kind == COL_INT && c[0].t.size == 4 &&
	    c[0].noname, "COUNT(*): INT, no name");
	ok(c[1].known && c[1].t.kind == COL_MONEY && !c[1].noname,
	    "SUM(money): MONEY, aliased");
	ok(c[2].known && c[2].t.kind == COL_NUM && c[2].t.prec == 38 &&
	    c[2].t.scale == 4, "SUM(numeric(18,4)): NUMERIC(38,4)");
	ok(c[3].known && c[3].t.kind == COL_INT && c[3].t.size == 4,
	    "SUM(smallint): INT");
	ok(c[4].known && c[4].t.kind == COL_MONEY, "-SUM(money): MONEY");
	ok(c[5].known && c[5].t.kind == COL_VARCHAR && c[5].t.size == 3,
	    "'abc': VARCHAR(3)");
	ok(c[6].known && c[6].t.kind == COL_NVARCHAR && c[6].t.size == 4,
	    "N'xy': NVARCHAR(2)");
	ok(!c[7].noname, "a plain column keeps its name");
	n = (size_t)sqlrw_describe("select sum(Total) over (partition by b "
	    "order by d) running from Dlyndx", c, 8, decl, NULL);
	ok(n == 1 && c[0].known && c[0].t.kind == COL_MONEY && !c[0].noname,
	    "SUM(money) OVER (...): MONEY");
	return done_testing();
}
