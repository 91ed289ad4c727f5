/*
 * lib/ledger: the customer's ledger. Amounts and dates as bookkeepers
 * write them (and refusals); the header guessed on exports shaped like
 * 金蝶's, 用友's, 管家婆's and an English one, under a title row; rows read
 * with 借方/贷方 and with one 金额 column (negated too), opening and totals
 * rows, the last 余额 as the closing; the map's string and back, and
 * hostile strings refused. Sheets are built here by hand.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "clock.h"
#include "ledger.h"
#include "tap.h"

/* A sheet of nr rows of nc cells from a flat array. */
static struct dz_sheet
sheet(const char *const *cells, size_t nr, size_t nc)
{
	struct dz_sheet	s;

	memset(&s, 0, sizeof(s));
	s.kind = DZ_SHEET_CSV;
	s.encoding = "UTF-8";
	s.nrows = nr;
	s.ncols = nc;
	s.cell = cells;
	return s;
}

static void
amounts(void)
{
	static const struct {
		const char	*s;
		int		 ok;
		int64_t		 fen;
	} t[] = {
		{ "1234.50", 1, 123450 }, { "1,234.50", 1, 123450 }, { "-1234.5", 1, -123450 },
		{ "(1,234.50)", 1, -123450 }, { "¥1,234.50", 1, 123450 }, { "￥1,234.50", 1, 123450 },
		{ "-¥12.00", 1, -1200 }, { "¥-12", 1, -1200 }, { "1234.50元", 1, 123450 },
		{ "１２３４．５０", 1, 123450 }, { " 1 234.50 ", 1, 123450 }, { "+7", 1, 700 },
		{ "0.005", 1, 1 }, { "0.004", 1, 0 }, { "-0.005", 1, -1 },
		{ "1234.5000000001", 1, 123450 }, { "99.999", 1, 10000 }, { "0", 1, 0 },
		{ ".5", 1, 50 }, { "5.", 1, 500 },
		{ "", 0, 0 }, { "-", 0, 0 }, { "abc", 0, 0 }, { "12a", 0, 0 }, { "1.2.3", 0, 0 },
		{ ",123", 0, 0 }, { "(-5)", 0, 0 }, { "--5", 0, 0 }, { "1e5", 0, 0 },
		{ "99999999999999999999", 0, 0 }, { "1,000,000,000,000,000.00", 0, 0 },
	};
	int64_t	v;
	size_t	i;

	for (i = 0; i < DZ_NELEM(t); i++) {
		enum dz_err rc = dz_ledger_amount(t[i].s, &v);

		if (t[i].ok)
			ok(rc == DZ_OK && v == t[i].fen, "amount \"%s\" = %lld fen (got %lld)",
			    t[i].s, (long long)t[i].fen, (long long)v);
		else
			ok(rc == DZ_ERR_INVAL, "amount \"%s\" refused", t[i].s);
	}
	ok(dz_ledger_amount(NULL, &v) == DZ_ERR_INVAL, "amount NULL refused");
}

static void
days(void)
{
	static const struct {
		const char	*s, *want;
	} t[] = {
		{ "2026-10-05", "2026-10-05" }, { "2026/10/5", "2026-10-05" },
		{ "2026.10.05", "2026-10-05" }, { "2026年10月5日", "2026-10-05" },
		{ "2026年10月05", "2026-10-05" }, { "20261005", "2026-10-05" },
		{ "2026-10-05 00:00:00", "2026-10-05" }, { "2026-10-05T08:30", "2026-10-05" },
		{ " 2024-02-29", "2024-02-29" }, { "２０２６－１０－０５", "2026-10-05" },
		{ "1970-01-01", "1970-01-01" }, { "2999-12-31", "2999-12-31" },
		/* before 1970 a day number would be negative: no date (match's -1) */
		{ "1969-12-31", NULL }, { "1900-01-01", NULL },
		{ "2026-02-29", NULL }, { "2026-13-01", NULL }, { "2026-00-10", NULL },
		{ "2026-10-32", NULL }, { "1899-12-31", NULL }, { "3000-01-01", NULL },
		{ "2026-10", NULL }, { "2026/10-05", NULL }, { "10/05/2026", NULL },
		{ "", NULL }, { "abc", NULL }, { "2026-10-05x", NULL }, { "202610051", NULL },
		{ "2026年10月", NULL },
	};
	size_t	i;

	for (i = 0; i < DZ_NELEM(t); i++) {
		long	got = dz_ledger_day(t[i].s);

		if (t[i].want != NULL)
			is_int(got, dz_date_day(t[i].want), "day \"%s\" = %s", t[i].s, t[i].want);
		else
			is_int(got, -1, "day \"%s\" refused", t[i].s);
	}
	is_int(dz_ledger_day(NULL), -1, "day NULL refused");
}

static void
guesses(void)
{
	struct dz_ledger_map	m;
	struct dz_sheet		s;
	/* 金蝶: a title, a blank row, then the header */
	static const char *const kd[] = {
		"往来明细账（某某商贸有限公司）", "", "", "", "", "", "",
		"", "", "", "", "", "", "",
		"日期", "凭证字号", "摘要", "借方", "贷方", "方向", "余额",
		"2026-10-01", "", "期初余额", "", "", "贷", "1,000.00",
		"2026-10-05", "记-12", "采购 XS-2026-0001", "", "5,000.00", "贷", "6,000.00",
		"2026-10-20", "记-30", "付款", "3,000.00", "", "贷", "3,000.00",
		"", "", "本月合计", "3,000.00", "5,000.00", "贷", "3,000.00",
	};
	/* 用友: 月 and 日 apart (no date column) */
	static const char *const yy[] = {
		"月", "日", "凭证号数", "摘要", "借方", "贷方", "方向", "余额",
	};
	/* 管家婆 */
	static const char *const gj[] = {
		"日期", "单据编号", "单据类型", "摘要", "应付增加", "应付减少", "余额",
	};
	/* WPS-ish with units and full-width brackets */
	static const char *const wps[] = {
		"序号", "业务日期", "单号", "备注", "金额（元）",
	};
	static const char *const en[] = {
		"Date", "Ref", "Memo", "Amount", "Balance",
	};
	static const char *const none[] = {
		"a", "b", "c", "1", "2", "3",
	};
	static const char *const noamount[] = {
		"日期", "摘要", "客户",
	};

	s = sheet(kd, 7, 7);
	ok(dz_ledger_guess(&s, &m) == DZ_OK, "金蝶: guessed");
	is_int(m.header, 2, "金蝶: the header under the title and a blank row");
	ok(m.col[DZ_LCOL_DATE] == 0 && m.col[DZ_LCOL_REF] == 1 && m.col[DZ_LCOL_MEMO] == 2 &&
	    m.col[DZ_LCOL_DEBIT] == 3 && m.col[DZ_LCOL_CREDIT] == 4 && m.col[DZ_LCOL_BALANCE] == 6 &&
	    m.col[DZ_LCOL_AMOUNT] == -1, "金蝶: 日期 凭证字号 摘要 借方 贷方 余额");
	ok(dz_ledger_map_ok(&m, 7), "金蝶: a usable map");

	s = sheet(yy, 1, 8);
	ok(dz_ledger_guess(&s, &m) == DZ_OK, "用友: guessed");
	is_int(m.col[DZ_LCOL_DATE], -1, "用友: no date column (月, 日 apart)");
	ok(!dz_ledger_map_ok(&m, 8), "用友: not usable until a date column is chosen");

	s = sheet(gj, 1, 7);
	ok(dz_ledger_guess(&s, &m) == DZ_OK, "管家婆: guessed");
	ok(m.col[DZ_LCOL_REF] == 1 && m.col[DZ_LCOL_CREDIT] == 4 && m.col[DZ_LCOL_DEBIT] == 5 &&
	    m.col[DZ_LCOL_BALANCE] == 6, "管家婆: 单据编号, 应付增加 = credit, 应付减少 = debit, 余额");

	s = sheet(wps, 1, 5);
	ok(dz_ledger_guess(&s, &m) == DZ_OK, "WPS: guessed");
	ok(m.col[DZ_LCOL_DATE] == 1 && m.col[DZ_LCOL_REF] == 2 && m.col[DZ_LCOL_MEMO] == 3 &&
	    m.col[DZ_LCOL_AMOUNT] == 4, "WPS: 业务日期 单号 备注 金额（元）");

	s = sheet(en, 1, 5);
	ok(dz_ledger_guess(&s, &m) == DZ_OK && m.col[DZ_LCOL_DATE] == 0 &&
	    m.col[DZ_LCOL_AMOUNT] == 3 && m.col[DZ_LCOL_BALANCE] == 4, "English headers");

	s = sheet(none, 2, 3);
	ok(dz_ledger_guess(&s, &m) == DZ_ERR_NOTFOUND && m.header == -1, "no header: NOTFOUND");
	s = sheet(noamount, 1, 3);
	ok(dz_ledger_guess(&s, &m) == DZ_ERR_NOTFOUND && m.header == 0,
	    "a header without an amount: NOTFOUND, the map as far as it got");
}

static void
reads(void)
{
	struct dz_ledger_map	m;
	struct dz_ledger	l;
	struct dz_sheet		s;
	static const char *const kd[] = {
		"日期", "凭证字号", "摘要", "借方", "贷方", "余额",
		"2026-10-01", "", "期初余额", "", "", "1,000.00",
		"2026-10-05", "记-12", "采购 XS-2026-0001", "", "5,000.00", "6,000.00",
		"2026/10/20", "记-30", "付款", "3,000.00", "", "3,000.00",
		"昨天", "记-31", "退货", "200.00", "", "2,800.00",
		"2026-10-21", "记-32", "备注行", "", "", "",
		"2026-10-22", "记-33", "坏数", "abc", "", "",
		"", "", "本月合计", "3,200.00", "5,000.00", "2,800.00",
	};
	static const char *const one[] = {
		"日期", "单号", "金额",
		"2026-10-05", "A1", "5000",
		"2026-10-06", "A2", "-3000",
		"2026-10-07", "A3", "0",
		"合计", "", "2000",
	};

	s = sheet(kd, 8, 6);
	ok(dz_ledger_guess(&s, &m) == DZ_OK, "借贷: guessed");
	ok(dz_ledger_read(&s, &m, &l) == DZ_OK, "借贷: read");
	is_int(l.nrows, 3, "借贷: three movements (opening, a blank row, a bad row and the totals left out)");
	is_int(l.row[0].amount, 500000, "贷方 5,000.00: + in our sign (a purchase from us)");
	is_int(l.row[1].amount, -300000, "借方 3,000.00: - (a payment)");
	is_int(l.row[2].amount, -20000, "借方 200.00: -");
	is_int(l.row[0].day, dz_date_day("2026-10-05"), "the first row's date");
	is_int(l.row[1].day, dz_date_day("2026-10-20"), "2026/10/20 read");
	is_int(l.row[2].day, -1, "昨天: no date, the row kept");
	is_str(l.row[0].ref, "记-12", "the reference");
	is_str(l.row[0].memo, "采购 XS-2026-0001", "the memo");
	is_int(l.sheet_row[0], 2, "its row in the sheet");
	ok(l.has_opening && l.opening == 100000, "期初余额 1,000.00 from its balance");
	ok(l.has_closing && l.closing == 280000, "the last 余额: 2,800.00");
	is_int(l.bad_date, 1, "one date not read");
	is_int(l.bad_amount, 1, "one amount not read");
	is_int(l.skipped, 4, "skipped: the opening, the blank, the bad and the totals rows");
	dz_ledger_free(&l);

	s = sheet(one, 5, 3);
	ok(dz_ledger_guess(&s, &m) == DZ_OK && m.col[DZ_LCOL_AMOUNT] == 2, "金额: guessed");
	ok(dz_ledger_read(&s, &m, &l) == DZ_OK && l.nrows == 2, "金额: two rows (0 and 合计 left out)");
	ok(l.nrows == 2 && l.row[0].amount == 500000 && l.row[1].amount == -300000, "金额 as written");
	ok(!l.has_closing && !l.has_opening, "no 余额 column: no closing");
	dz_ledger_free(&l);
	m.negate = 1;
	ok(dz_ledger_read(&s, &m, &l) == DZ_OK && l.nrows == 2 && l.row[0].amount == -500000 &&
	    l.row[1].amount == 300000, "金额 negated");
	dz_ledger_free(&l);

	m.col[DZ_LCOL_DATE] = 9;
	ok(dz_ledger_read(&s, &m, &l) == DZ_ERR_INVAL, "a map outside the sheet is refused");
	dz_ledger_free(&l);
}

static void
maps(void)
{
	struct dz_ledger_map	m, back;
	char			buf[128];
	size_t			i;
	static const char *const bad[] = {
		"", "h=", "h=x", "date=1", "h=1;date=1;date=2", "h=1;nope=2", "h=1;date=-2",
		"h=1;date=64", "h=1;neg=2", "h=99999999", "h=1;;date=1", "h=1;date=1;",
		"h=1;date=1x", "h=-2", "h=1;h=2", "h=1 ;date=0",
	};

	memset(&m, 0, sizeof(m));
	m.header = 3;
	for (i = 0; i < DZ_LCOL__MAX; i++)
		m.col[i] = -1;
	m.col[DZ_LCOL_DATE] = 0;
	m.col[DZ_LCOL_REF] = 1;
	m.col[DZ_LCOL_DEBIT] = 4;
	m.col[DZ_LCOL_CREDIT] = 5;
	m.col[DZ_LCOL_BALANCE] = 6;
	ok(dz_ledger_map_format(&m, buf, sizeof(buf)) == DZ_OK, "map formatted");
	is_str(buf, "h=3;date=0;ref=1;debit=4;credit=5;bal=6;neg=0", "the map's string");
	ok(dz_ledger_map_parse(buf, &back) == DZ_OK, "parsed back");
	ok(memcmp(back.col, m.col, sizeof(m.col)) == 0 && back.header == 3 && back.negate == 0,
	    "the same map");
	ok(dz_ledger_map_format(&m, buf, 10) == DZ_ERR_INVAL, "a buffer too small is refused");
	ok(dz_ledger_map_parse("h=-1;date=0;amount=2;neg=1", &back) == DZ_OK && back.header == -1 &&
	    back.negate == 1 && back.col[DZ_LCOL_AMOUNT] == 2, "no header, negated");
	for (i = 0; i < DZ_NELEM(bad); i++)
		ok(dz_ledger_map_parse(bad[i], &back) == DZ_ERR_INVAL && back.header == -1,
		    "map \"%s\" refused", bad[i]);
	ok(dz_ledger_map_parse(NULL, &back) == DZ_ERR_INVAL, "map NULL refused");
	back.col[DZ_LCOL_DATE] = 0;
	back.col[DZ_LCOL_AMOUNT] = 1;
	back.col[DZ_LCOL_DEBIT] = 2;
	back.header = 0;
	ok(!dz_ledger_map_ok(&back, 3), "金额 and 借方 both: not usable");
	back.col[DZ_LCOL_DEBIT] = 1;
	back.col[DZ_LCOL_AMOUNT] = -1;
	back.col[DZ_LCOL_REF] = 1;
	ok(!dz_ledger_map_ok(&back, 3), "a column named twice: not usable");
}

int
main(void)
{
	amounts();
	days();
	guesses();
	reads();
	maps();
	return done_testing();
}
