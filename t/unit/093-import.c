/*
 * 093-import: the import templates checked (lib/import). A table of rows,
 * one field at a time valid and invalid, for each of the three sheets;
 * the header found under title rows, in any order, a column missing or
 * named twice; example and blank rows skipped; the errors kept up to
 * their cap and all counted; the checks across the sheets (codes and
 * numbers twice, an unknown customer or document, lines of a receipt,
 * lines that do not add up) with what an earlier import knows.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "import.h"
#include "tap.h"

#define COLS	16
#define ROWS	400

/* A sheet from text: rows by '\n', cells by '\t'. */
struct tsheet {
	struct dz_sheet	 s;
	char		*buf;
	const char	*cell[ROWS * COLS];
};

static void
tsheet(struct tsheet *t, const char *text)
{
	char	*p, *line, *c;
	size_t	 nr = 0, nc = 0, k, r, i;

	memset(t, 0, sizeof(*t));
	t->buf = strdup(text);
	for (i = 0; i < ROWS * COLS; i++)
		t->cell[i] = "";
	for (p = t->buf; (line = strsep(&p, "\n")) != NULL && nr < ROWS; nr++)
		for (k = 0; (c = strsep(&line, "\t")) != NULL && k < COLS; k++) {
			t->cell[nr * COLS + k] = c;
			if (k + 1 > nc)
				nc = k + 1;
		}
	for (r = 0; r < nr; r++)
		for (k = 0; k < nc; k++)
			t->cell[r * nc + k] = t->cell[r * COLS + k];
	t->s.nrows = nr;
	t->s.ncols = nc;
	t->s.cell = t->cell;
}

static void
tsheet_free(struct tsheet *t)
{
	free(t->buf);
}

/* f read from one sheet of text. */
static void
read_text(struct dz_imp_file *f, enum dz_imp_sheet k, const char *text)
{
	struct tsheet	*t = malloc(sizeof(*t));

	tsheet(t, text);
	if (dz_imp_read(&t->s, k, f) != DZ_OK)
		diag("dz_imp_read: not DZ_OK");
	tsheet_free(t);
	free(t);
}

static const char *const header[DZ_IMP__SHEETS] = {
	[DZ_IMP_CUSTOMERS] = "客户编号\t客户名称\t联系人\t电话\t期初余额\t期初日期",
	[DZ_IMP_DOCUMENTS] = "日期\t类型\t单据编号\t客户编号\t金额\t摘要\t版本",
	[DZ_IMP_LINES] = "单据编号\t商品编号\t商品名称\t单位\t数量\t单价\t金额",
};

/* One row under the template's header: what it reads as ("ok" and the
 * record shown) or its first refusal ("column why"). */
static const struct {
	enum dz_imp_sheet	 k;
	const char		*row, *want;
} rows[] = {
	/* customers */
	{ DZ_IMP_CUSTOMERS, "C001\t华联超市\t王经理\t13800000000\t1,234.50\t2026-01-01",
	  "ok C001|华联超市|王经理|13800000000|123450|2026-01-01" },
	{ DZ_IMP_CUSTOMERS, " C002 \t　东方批发　\t\t\t\t", "ok C002|东方批发|||0|" },
	{ DZ_IMP_CUSTOMERS, "C003\t预付客户\t\t\t-500\t2026/1/1", "ok C003|预付客户|||-50000|2026-01-01" },
	{ DZ_IMP_CUSTOMERS, "C004\t全角\t\t\t¥１２３．４５\t2026年1月1日",
	  "ok C004|全角|||12345|2026-01-01" },
	{ DZ_IMP_CUSTOMERS, "\t无编号\t\t\t\t", "客户编号 empty" },
	{ DZ_IMP_CUSTOMERS, "C005\t\t\t\t\t", "客户名称 empty" },
	{ DZ_IMP_CUSTOMERS, "C0000000001C0000000001C0000000001C0000000001C0000000001C00000000012"
	  "\t长编号\t\t\t\t", "客户编号 too_long" },
	{ DZ_IMP_CUSTOMERS, "C006\t名\x01称\t\t\t\t", "客户名称 bad_text" },
	{ DZ_IMP_CUSTOMERS, "C007\t名称\t\t\xff\xfe\t\t", "电话 bad_text" },
	{ DZ_IMP_CUSTOMERS, "C008\t名称\t\t0123456789012345678901234567890123\t\t",
	  "电话 too_long" },
	{ DZ_IMP_CUSTOMERS, "C009\t名称\t\t\t一百元\t", "期初余额 bad_amount" },
	{ DZ_IMP_CUSTOMERS, "C010\t名称\t\t\t12.3.4\t", "期初余额 bad_amount" },
	{ DZ_IMP_CUSTOMERS, "C011\t名称\t\t\t100\t2026-02-30", "期初日期 bad_date" },
	{ DZ_IMP_CUSTOMERS, "C012\t名称\t\t\t100\t明天", "期初日期 bad_date" },
	/* documents */
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-001\tC001\t1,234.50\t十月货",
	  "ok 2026-10-05|0|XS-001|C001|123450|十月货" },
	{ DZ_IMP_DOCUMENTS, "2026/10/5\t销售出库单\tXS-002\tC001\t100\t",
	  "ok 2026-10-05|0|XS-002|C001|10000|" },
	{ DZ_IMP_DOCUMENTS, "2026年10月5日\t退货\tTH-001\tC001\t¥50.00\t",
	  "ok 2026-10-05|1|TH-001|C001|5000|" },
	{ DZ_IMP_DOCUMENTS, "20261005\t收款单\tSK-001\tC001\t300元\t", "ok 2026-10-05|2|SK-001|C001|30000|" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t应收增加\tZJ-001\tC001\t1\t", "ok 2026-10-05|3|ZJ-001|C001|100|" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t应收减少\tJS-001\tC001\t0.01\t", "ok 2026-10-05|4|JS-001|C001|1|" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05 00:00:00\tSALE\tXS-003\tC001\t1\t",
	  "ok 2026-10-05|0|XS-003|C001|100|" },
	{ DZ_IMP_DOCUMENTS, "\t出库\tXS-004\tC001\t1\t", "日期 empty" },
	{ DZ_IMP_DOCUMENTS, "2026-02-30\t出库\tXS-004\tC001\t1\t", "日期 bad_date" },
	{ DZ_IMP_DOCUMENTS, "2026-13-01\t出库\tXS-004\tC001\t1\t", "日期 bad_date" },
	{ DZ_IMP_DOCUMENTS, "1969-12-31\t出库\tXS-004\tC001\t1\t", "日期 bad_date" },
	{ DZ_IMP_DOCUMENTS, "3000-01-01\t出库\tXS-004\tC001\t1\t", "日期 bad_date" },
	{ DZ_IMP_DOCUMENTS, "十月五日\t出库\tXS-004\tC001\t1\t", "日期 bad_date" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t调拨\tXS-004\tC001\t1\t", "类型 bad_type" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t\tXS-004\tC001\t1\t", "类型 empty" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\t\tC001\t1\t", "单据编号 empty" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-0000000001-0000000001-0000000001-0000000001-"
	  "0000000001-0000000001\tC001\t1\t", "单据编号 too_long" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS\x7f""004\tC001\t1\t", "单据编号 bad_text" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\t\t1\t", "客户编号 empty" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\tC001\t\t", "金额 empty" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\tC001\t一千\t", "金额 bad_amount" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\tC001\t1.234\t", "金额 bad_amount" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\tC001\t0\t", "金额 not_positive" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t收款\tSK-004\tC001\t-300\t", "金额 not_positive" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\tC001\t1\t"
	  "很长的摘要很长的摘要很长的摘要很长的摘要很长的摘要很长的摘要很长的摘要很长的摘要很长的摘要"
	  "很长的摘要很长的摘要很长的摘要很长的摘要很长的摘要很长的摘要很长的摘要很长的摘要很长的摘要",
	  "摘要 too_long" },
	/* the sender's version (documents; optional) */
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\tC001\t1\t\t3", "ok 2026-10-05|0|XS-004|C001|100|" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\tC001\t1\t\t0", "版本 bad_version" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\tC001\t1\t\t1.5", "版本 bad_version" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\tC001\t1\t\t第二版", "版本 bad_version" },
	{ DZ_IMP_DOCUMENTS, "2026-10-05\t出库\tXS-004\tC001\t1\t\t2147483648", "版本 bad_version" },
	/* goods lines */
	{ DZ_IMP_LINES, "XS-001\tP01\t螺丝\t盒\t10\t12.50\t125.00",
	  "ok XS-001|P01|螺丝|盒|100000|125000|12500" },
	{ DZ_IMP_LINES, "XS-001\t\t螺母\t\t1,200.5\t\t600.25", "ok XS-001||螺母||12005000|-1|60025" },
	{ DZ_IMP_LINES, "XS-001\t\t垫片\t\t3\t3.333\t9.99", "ok XS-001||垫片||30000|33330|999" },
	{ DZ_IMP_LINES, "XS-001\t\t赠品\t\t1\t0\t0", "ok XS-001||赠品||10000|0|0" },
	{ DZ_IMP_LINES, "\t\t螺丝\t\t1\t1\t1", "单据编号 empty" },
	{ DZ_IMP_LINES, "XS-001\t\t\t\t1\t1\t1", "商品名称 empty" },
	{ DZ_IMP_LINES, "XS-001\tP0000000001P0000000001P0000000001P0000000001P0000000001P000000000123"
	  "\t螺丝\t\t1\t1\t1", "商品编号 too_long" },
	{ DZ_IMP_LINES, "XS-001\t\t螺丝\t一盒子一盒子一盒子一盒子一盒子\t1\t1\t1", "单位 too_long" },
	{ DZ_IMP_LINES, "XS-001\t\t螺丝\t\t\t1\t1", "数量 empty" },
	{ DZ_IMP_LINES, "XS-001\t\t螺丝\t\t十个\t1\t1", "数量 bad_qty" },
	{ DZ_IMP_LINES, "XS-001\t\t螺丝\t\t1.23456\t1\t1", "数量 bad_qty" },
	{ DZ_IMP_LINES, "XS-001\t\t螺丝\t\t-1\t1\t1", "数量 negative" },
	{ DZ_IMP_LINES, "XS-001\t\t螺丝\t\t1\t一元\t1", "单价 bad_price" },
	{ DZ_IMP_LINES, "XS-001\t\t螺丝\t\t1\t-1\t1", "单价 negative" },
	{ DZ_IMP_LINES, "XS-001\t\t螺丝\t\t1\t1\t", "金额 empty" },
	{ DZ_IMP_LINES, "XS-001\t\t螺丝\t\t1\t1\t壹元", "金额 bad_amount" },
	{ DZ_IMP_LINES, "XS-001\t\t螺丝\t\t1\t1\t-1", "金额 negative" },
	{ DZ_IMP_LINES, "XS-001\tP01\t螺丝\t盒\t10\t12.50\t125.02", "金额 line_math" },
	{ DZ_IMP_LINES, "XS-001\tP01\t螺丝\t盒\t10\t12.50\t124.98", "金额 line_math" },
	{ DZ_IMP_LINES, "XS-001\tP01\t螺丝\t盒\t10\t12.50\t125.01", "ok XS-001|P01|螺丝|盒|100000|125000|12501" },
};

static char	 got[512];

static const char *
show(const struct dz_imp_file *f, enum dz_imp_sheet k)
{
	if (f->nerr > 0) {
		snprintf(got, sizeof(got), "%s %s",
		    f->err[0].col < DZ_ICOL__MAX ? dz_imp_col_name(f->err[0].col) : "-",
		    dz_imp_why_code(f->err[0].why));
	} else if (k == DZ_IMP_CUSTOMERS && f->ncust == 1) {
		const struct dz_imp_customer *c = &f->cust[0];

		snprintf(got, sizeof(got), "ok %s|%s|%s|%s|%lld|%s", c->code, c->name, c->contact,
		    c->phone, (long long)c->opening, c->opening_date);
	} else if (k == DZ_IMP_DOCUMENTS && f->ndoc == 1) {
		const struct dz_imp_doc *d = &f->doc[0];

		snprintf(got, sizeof(got), "ok %s|%d|%s|%s|%lld|%s", d->date, (int)d->type,
		    d->number, d->customer_code, (long long)d->total, d->summary);
	} else if (k == DZ_IMP_LINES && f->nline == 1) {
		const struct dz_imp_line *l = &f->line[0];

		snprintf(got, sizeof(got), "ok %s|%s|%s|%s|%lld|%lld|%lld", l->number,
		    l->product_code, l->product_name, l->unit, (long long)l->qty,
		    (long long)l->price, (long long)l->amount);
	} else
		snprintf(got, sizeof(got), "no record, no error (%zu %zu %zu)", f->ncust,
		    f->ndoc, f->nline);
	return got;
}

/* What an earlier import of the account set knows. */
static int
known_customer(void *arg, const char *code)
{
	(void)arg;
	return strcmp(code, "OLD1") == 0;
}

/* Does f hold an error of why at row (and ref)? */
static int
has(const struct dz_imp_file *f, enum dz_imp_why why, size_t row, size_t ref)
{
	size_t	i;

	for (i = 0; i < f->nerr; i++)
		if (f->err[i].why == why && f->err[i].row == row && f->err[i].ref == ref)
			return 1;
	return 0;
}

int
main(void)
{
	struct dz_imp_file	 f;
	struct dz_imp_known	 kn = { known_customer, NULL };
	char			 text[65536], *p;
	size_t			 i, n;
	const enum dz_imp_col	*cols;

	/* the table */
	for (i = 0; i < DZ_NELEM(rows); i++) {
		snprintf(text, sizeof(text), "%s\n%s", header[rows[i].k], rows[i].row);
		memset(&f, 0, sizeof(f));
		read_text(&f, rows[i].k, text);
		is_str(show(&f, rows[i].k), rows[i].want, "row %zu: %s", i, rows[i].want);
		if (f.nerr > 0)
			ok(f.err[0].row == 2 && f.errors == f.nerr && f.ncust + f.ndoc + f.nline == 0,
			    "row %zu: refused at row 2, no record", i);
		dz_imp_free(&f);
	}

	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_DOCUMENTS, "日期\t类型\t单据编号\t客户编号\t金额\t版本\n"
	    "2026-10-05\t出库\tA\tC\t1\t7\n2026-10-05\t出库\tB\tC\t1\t");
	ok(f.ndoc == 2 && f.doc[0].version == 7 && f.doc[1].version == 0,
	    "版本 7 kept; none given: 0");
	dz_imp_free(&f);

	/* a cell shown in an error: bytes that are not UTF-8 and controls as ? */
	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_DOCUMENTS, "日期\t类型\t单据编号\t客户编号\t金额\n"
	    "\xff\x01" "2026年\t出库\tXS-1\tC1\t1");
	ok(f.nerr == 1 && strcmp(f.err[0].value, "??2026年") == 0,
	    "a date of a byte that is not UTF-8 and a control: shown as ??2026年");
	dz_imp_free(&f);

	/* which template a sheet is, by its header */
	{
		static const struct {
			const char		*text;
			enum dz_imp_sheet	 want;
		} g[] = {
			{ "客户编号\t客户名称\t期初余额", DZ_IMP_CUSTOMERS },
			{ "标题\n日期\t类型\t单据编号\t客户编号\t金额", DZ_IMP_DOCUMENTS },
			{ "单据编号\t商品名称\t数量\t单价\t金额", DZ_IMP_LINES },
			{ "客户编号\t说明", DZ_IMP__SHEETS },
			{ "a\tb\tc", DZ_IMP__SHEETS },
		};
		struct tsheet	*t = malloc(sizeof(*t));

		for (i = 0; i < DZ_NELEM(g); i++) {
			tsheet(t, g[i].text);
			is_int(dz_imp_guess(&t->s), g[i].want, "guess %zu: %d", i, (int)g[i].want);
			tsheet_free(t);
		}
		free(t);
	}

	/* every column of a template has a name and a reason code is known */
	for (i = 0; i < DZ_IMP__SHEETS; i++) {
		size_t j;

		cols = dz_imp_columns((enum dz_imp_sheet)i, &n);
		for (j = 0; j < n && dz_imp_col_name(cols[j])[0] != '\0'; j++)
			;
		ok(n > 0 && j == n, "sheet %zu: %zu columns, each named", i, n);
	}
	for (i = 0; i < DZ_IMPW__MAX && dz_imp_why_code((enum dz_imp_why)i)[0] != '\0'; i++)
		;
	is_int((long long)i, DZ_IMPW__MAX, "every reason has a code");

	/* the header under two title rows, its columns in another order and
	 * one that is not ours; the example row and a blank row skipped */
	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_DOCUMENTS,
	    "单据导入模板\n\n"
	    "金额（元）\t客户编号\t备注说明\t单据编号\t类型\t日期\n"
	    "示例：100.00\tC001\t\tXS-0001\t出库\t2026-10-01\n"
	    "\t\t\t\t\t\n"
	    "200\tC001\t随便\tXS-1\t出库\t2026-10-02");
	if (f.nerr > 0 || f.ndoc != 1 || f.skipped != 2)
		diag("nerr %zu (%s row %zu) ndoc %zu skipped %zu", f.nerr,
		    f.nerr > 0 ? dz_imp_why_code(f.err[0].why) : "", f.nerr > 0 ? f.err[0].row : 0,
		    f.ndoc, f.skipped);
	ok(f.nerr == 0 && f.ndoc == 1 && f.skipped == 2 && f.doc[0].total == 20000 &&
	    f.doc[0].row == 6 && strcmp(f.doc[0].summary, "") == 0,
	    "header at row 3 in any order: one document at row 6, two rows skipped");
	dz_imp_free(&f);

	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_DOCUMENTS, "a\tb\nc\td\n2026-10-01\t出库\n");
	ok(f.nerr == 1 && f.err[0].why == DZ_IMPW_NO_HEADER && f.err[0].row == 0 && f.ndoc == 0,
	    "no header: refused as a whole");
	dz_imp_free(&f);

	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_DOCUMENTS, "1\n2\n3\n4\n5\n日期\t类型\t单据编号\t客户编号\t金额\n");
	ok(f.nerr == 1 && f.err[0].why == DZ_IMPW_NO_HEADER, "a header below row 5 is not looked for");
	dz_imp_free(&f);

	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_DOCUMENTS, "日期\t类型\t单据编号\t摘要\n2026-10-01\t出库\tXS-1\t\n");
	ok(f.nerr == 2 && f.err[0].why == DZ_IMPW_NO_COLUMN && f.err[1].why == DZ_IMPW_NO_COLUMN &&
	    f.err[0].col == DZ_ICOL_CUSTOMER && f.err[1].col == DZ_ICOL_AMOUNT && f.ndoc == 0,
	    "客户编号 and 金额 missing: both said, no row read");
	dz_imp_free(&f);

	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_DOCUMENTS, "日期\t类型\t单据编号\t客户编号\t金额\t单号\n");
	ok(f.nerr == 1 && f.err[0].why == DZ_IMPW_DUP_COLUMN && f.err[0].col == DZ_ICOL_NUMBER,
	    "单据编号 and 单号: a column named twice");
	dz_imp_free(&f);

	/* every bad row counted, 200 kept, the good ones read */
	p = text;
	p += snprintf(p, sizeof(text), "%s\n", header[DZ_IMP_DOCUMENTS]);
	for (i = 0; i < 300; i++)
		p += snprintf(p, sizeof(text) - (size_t)(p - text), "2026-10-%02zu\t出库\tN%zu\tC1\t%s\n",
		    i % 28 + 1, i, i % 3 == 0 ? "1" : "x");
	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_DOCUMENTS, text);
	ok(f.errors == 200 && f.nerr == 200 && f.ndoc == 100, "300 rows: 200 refused, 100 read");
	dz_imp_free(&f);
	p = text;
	p += snprintf(p, sizeof(text), "%s\n", header[DZ_IMP_DOCUMENTS]);
	for (i = 0; i < 330; i++)
		p += snprintf(p, sizeof(text) - (size_t)(p - text), "2026-10-01\t出库\tN%zu\tC1\tx\n", i);
	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_DOCUMENTS, text);
	ok(f.errors == 330 && f.nerr == DZ_IMP_ERRORS_MAX && f.err[199].row == 201,
	    "330 refusals: the first 200 kept, all counted");
	dz_imp_free(&f);

	/* across the sheets */
	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_CUSTOMERS, "客户编号\t客户名称\n"
	    "C1\t甲\n"		/* row 2 */
	    "C2\t乙\n"		/* row 3 */
	    "C1\t甲又一次\n");	/* row 4 */
	read_text(&f, DZ_IMP_DOCUMENTS, "日期\t类型\t单据编号\t客户编号\t金额\n"
	    "2026-10-01\t出库\tXS-1\tC1\t100\n"	/* row 2 */
	    "2026-10-02\t出库\tXS-2\tC2\t50\n"		/* row 3 */
	    "2026-10-03\t收款\tSK-1\tC1\t30\n"		/* row 4 */
	    "2026-10-04\t出库\tXS-1\tC2\t10\n"		/* row 5 */
	    "2026-10-05\t出库\tXS-3\tC9\t10\n"		/* row 6 */
	    "2026-10-06\t出库\tXS-4\tOLD1\t10\n");	/* row 7 */
	read_text(&f, DZ_IMP_LINES, "单据编号\t商品名称\t数量\t金额\n"
	    "XS-2\t螺丝\t2\t20\n"		/* row 2 */
	    "XS-2\t螺母\t3\t30\n"		/* row 3 */
	    "XS-3\t垫片\t1\t9\n"		/* row 4 */
	    "SK-1\t螺丝\t1\t30\n"		/* row 5 */
	    "XS-9\t螺丝\t1\t1\n"		/* row 6 */
	    "XS-4\t螺丝\t1\t10\n");		/* row 7 */
	ok(f.nerr == 0 && f.ncust == 3 && f.ndoc == 6 && f.nline == 6, "three sheets read clean");
	if (dz_imp_check(&f, &kn) != DZ_OK)
		diag("dz_imp_check: not DZ_OK");
	ok(has(&f, DZ_IMPW_DUP_CODE, 4, 2), "C1 twice: row 4 names row 2");
	ok(has(&f, DZ_IMPW_DUP_NUMBER, 5, 2), "XS-1 twice: row 5 names row 2");
	ok(has(&f, DZ_IMPW_UNKNOWN_CUSTOMER, 6, 0) && strcmp(f.err[2].value, "C9") == 0,
	    "C9: 未知客户编号, the code shown");
	ok(!has(&f, DZ_IMPW_UNKNOWN_CUSTOMER, 7, 0), "OLD1: known from an earlier import");
	ok(has(&f, DZ_IMPW_NOT_GOODS, 5, 4), "lines of the receipt SK-1: refused, naming its row");
	ok(has(&f, DZ_IMPW_UNKNOWN_DOC, 6, 0), "XS-9: not a document of the file");
	ok(!has(&f, DZ_IMPW_UNKNOWN_DOC, 7, 0) && f.doc[5].nlines == 1,
	    "XS-4 (of OLD1, a known customer): its line taken");
	ok(has(&f, DZ_IMPW_LINES_TOTAL, 0, 6), "XS-3: lines 9.00 against 10.00, naming row 6");
	ok(!has(&f, DZ_IMPW_LINES_TOTAL, 0, 3) && f.doc[1].nlines == 2 &&
	    f.doc[1].lines_total == 5000 && f.line[0].seq == 1 && f.line[1].seq == 2,
	    "XS-2: two lines, numbered 1 and 2, adding up to 50.00");
	is_int((long long)f.errors, 6, "six refusals across the sheets, no more");
	{
		char	w[256];

		dz_imp_error_text(&f.err[0], w, sizeof(w));
		ok(strstr(w, "第 2 行") != NULL, "dup code in words: %s", w);
		dz_imp_error_text(&f.err[2], w, sizeof(w));
		ok(strstr(w, "C9") != NULL && strstr(w, "未知客户编号") != NULL,
		    "unknown customer in words: %s", w);
	}
	dz_imp_free(&f);

	/* nothing known: OLD1 is refused too; lines alone find no document */
	memset(&f, 0, sizeof(f));
	read_text(&f, DZ_IMP_DOCUMENTS, "日期\t类型\t单据编号\t客户编号\t金额\n"
	    "2026-10-06\t出库\tXS-4\tOLD1\t10\n");
	read_text(&f, DZ_IMP_LINES, "单据编号\t商品名称\t数量\t金额\nOLD-XS\t螺丝\t1\t1\n");
	dz_imp_check(&f, NULL);
	ok(has(&f, DZ_IMPW_UNKNOWN_CUSTOMER, 2, 0) && has(&f, DZ_IMPW_UNKNOWN_DOC, 2, 0) &&
	    f.errors == 2, "known NULL: an earlier import's codes are unknown");
	dz_imp_free(&f);
	return done_testing();
}
