/*
 * 054-stmt-build: a statement built from the ERP's documents and a
 * person's choice (dz_stmt_choose, dz_stmt_build). The figures are worked
 * out by hand from the fixture below, not taken from the code: which
 * documents, in which order, with which signs, lines and totals, and every
 * way a choice is refused.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "money.h"
#include "stmt.h"
#include "tap.h"

/* The period's documents as the ERP returns them: by date, not vchcode. */
static const struct dz_stmt_src_doc docs[] = {
	{ 1003, 11, "2026-03-02", "XS-001", "三月订货", 560050 },	/* 销售出库 */
	{ 1001, 45, "2026-03-05", "XT-001", "退货", 20000 },		/* 销售退货 */
	{ 1005, 4, "2026-03-10", "SK-001", "", 300000 },		/* 收款 */
	{ 1002, 11, "2026-03-15", "XS-002", "补一分", 1 },
	{ 1004, 116, "2026-03-20", "YS-001", "运费", 700 },		/* 应收款增加 */
	{ 1006, 115, "2026-03-25", "YS-002", "折让", 200 },		/* 应收款减少 */
	{ 1008, 6, "2026-03-26", "CG-001", "进货", 999 },		/* not ours */
	{ 1009, 11, "2026-03-27", "XS-003", "大单", DZ_MONEY_MAX },
};
/* Their goods, in no order; 1007 is a document outside the period. */
static const struct dz_stmt_src_line lines[] = {
	{ 1003, 2, "P002", "鼠标", "个", 100000, 250000, 25000 },
	{ 1002, 1, "P009", "垫片", "片", 10000, 100, 1 },
	{ 1007, 1, "P001", "笔记本", "台", 10000, 45000000, 450000 },
	{ 1001, 1, "P002", "鼠标", "个", 80000, 250000, 20000 },
	{ 1003, 1, "P001", "笔记本", "台", 10000, 53505000, 535050 },
};

static struct dz_stmt_source
source(int with_opening, int64_t opening)
{
	struct dz_stmt_source	s;

	memset(&s, 0, sizeof(s));
	s.account_set_id = 7;
	s.customer_id = "0000100001";
	s.customer_code = "01001";
	s.customer_name = "联想（北京）有限公司";
	s.period_from = "2026-03-01";
	s.period_to = "2026-03-31";
	s.with_opening = with_opening;
	s.opening = opening;
	s.docs = docs;
	s.ndocs = DZ_NELEM(docs);
	s.lines = lines;
	s.nlines = DZ_NELEM(lines);
	return s;
}

static const struct {
	const char	*what;
	int		 with_opening;
	int64_t		 opening;
	int64_t		 chosen[8];	/* sorted; 0 ends */
	enum dz_err	 rc;
	int64_t		 missing;
	/* with DZ_OK: */
	int64_t		 t_opening, sales, returns, receipts, other, closing;
	uint32_t	 count;
	int64_t		 order[8];	/* vchcodes in the statement's order */
	int64_t		 amount[8];	/* their signed amounts */
	size_t		 nlines[8];
} cases[] = {
	{ "all six, opening 1,000.00", 1, 100000,
	  { 1001, 1002, 1003, 1004, 1005, 1006 }, DZ_OK, 0,
	  100000, 560051, -20000, -300000, 500, 340551, 6,
	  { 1003, 1001, 1005, 1002, 1004, 1006 },
	  { 560050, -20000, -300000, 1, 700, -200 },
	  { 2, 1, 0, 1, 0, 0 } },
	{ "two sales, no opening (the ERP's opening is not counted)", 0, 100000,
	  { 1002, 1003 }, DZ_OK, 0,
	  0, 560051, 0, 0, 0, 560051, 2,
	  { 1003, 1002 }, { 560050, 1 }, { 2, 1 } },
	{ "a receipt alone: the debt goes negative", 1, 5000,
	  { 1005 }, DZ_OK, 0,
	  5000, 0, 0, -300000, 0, -295000, 1,
	  { 1005 }, { -300000 }, { 0 } },
	{ "a chosen document the ERP does not have", 1, 0,
	  { 1001, 9999 }, DZ_ERR_NOTFOUND, 9999 ,
	  0, 0, 0, 0, 0, 0, 0, { 0 }, { 0 }, { 0 } },
	{ "the first missing one is named", 1, 0,
	  { 998, 999, 1001 }, DZ_ERR_NOTFOUND, 998 ,
	  0, 0, 0, 0, 0, 0, 0, { 0 }, { 0 }, { 0 } },
	{ "a document of another type (VchType 6)", 1, 0,
	  { 1003, 1008 }, DZ_ERR_INVAL, 0 ,
	  0, 0, 0, 0, 0, 0, 0, { 0 }, { 0 }, { 0 } },
	{ "sales past DECIMAL(18,2)", 0, 0,
	  { 1003, 1009 }, DZ_ERR_TOOBIG, 0 ,
	  0, 0, 0, 0, 0, 0, 0, { 0 }, { 0 }, { 0 } },
	{ "an opening past DECIMAL(18,2)", 1, DZ_MONEY_MAX + 1,
	  { 1003 }, DZ_ERR_INVAL, 0 ,
	  0, 0, 0, 0, 0, 0, 0, { 0 }, { 0 }, { 0 } },
};

static size_t
nchosen(const int64_t *c)
{
	size_t	n = 0;

	while (n < 8 && c[n] != 0)
		n++;
	return n;
}

static void
test_case(size_t k)
{
	struct dz_stmt_source	 src = source(cases[k].with_opening, cases[k].opening);
	struct dz_stmt_built	 b;
	const struct dz_stmt_totals *t = &b.sn.totals;
	const char		*w = cases[k].what;
	int64_t			 missing = 0;
	size_t			 i;
	enum dz_err		 rc;

	rc = dz_stmt_build(&src, cases[k].chosen, nchosen(cases[k].chosen), &b, &missing);
	is_int(rc, cases[k].rc, "%s: result", w);
	if (cases[k].rc == DZ_ERR_NOTFOUND)
		is_int(missing, cases[k].missing, "%s: names %lld", w,
		    (long long)cases[k].missing);
	if (rc != DZ_OK || cases[k].rc != DZ_OK) {
		dz_stmt_built_free(&b);
		return;
	}
	is_int(t->opening, cases[k].t_opening, "%s: opening", w);
	is_int(t->sales, cases[k].sales, "%s: sales", w);
	is_int(t->returns, cases[k].returns, "%s: returns", w);
	is_int(t->receipts, cases[k].receipts, "%s: receipts", w);
	is_int(t->other, cases[k].other, "%s: other", w);
	is_int(t->closing, cases[k].closing, "%s: closing (欠款金额)", w);
	is_int(t->count, cases[k].count, "%s: count", w);
	is_int(b.sn.ndocs, cases[k].count, "%s: documents", w);
	for (i = 0; i < b.sn.ndocs && i < 8; i++) {
		is_int(b.sn.docs[i].vchcode, cases[k].order[i], "%s: document %zu", w, i);
		is_int(b.sn.docs[i].amount, cases[k].amount[i], "  its signed amount");
		is_int(b.sn.docs[i].nlines, cases[k].nlines[i], "  its lines");
	}
	is_int(b.sn.with_opening, cases[k].with_opening, "%s: with_opening", w);
	is_int(b.sn.account_set_id, 7, "%s: account set", w);
	is_str(b.sn.customer_name, "联想（北京）有限公司", "%s: customer", w);
	is_str(b.sn.period_to, "2026-03-31", "%s: period", w);
	dz_stmt_built_free(&b);
}

/* The first case's statement, written out by hand: the same fingerprint. */
static void
test_same_as_by_hand(void)
{
	static const struct dz_stmt_line l1003[] = {
		{ 1, "P001", "笔记本", "台", 10000, 53505000, 535050 },
		{ 2, "P002", "鼠标", "个", 100000, 250000, 25000 },
	};
	static const struct dz_stmt_line l1001[] = {
		{ 1, "P002", "鼠标", "个", 80000, 250000, 20000 },
	};
	static const struct dz_stmt_line l1002[] = {
		{ 1, "P009", "垫片", "片", 10000, 100, 1 },
	};
	static const struct dz_stmt_doc d[] = {
		{ 1003, DZ_DOC_SALE, "XS-001", "2026-03-02", "三月订货", 560050, l1003, 2 },
		{ 1001, DZ_DOC_RETURN, "XT-001", "2026-03-05", "退货", -20000, l1001, 1 },
		{ 1005, DZ_DOC_RECEIPT, "SK-001", "2026-03-10", "", -300000, NULL, 0 },
		{ 1002, DZ_DOC_SALE, "XS-002", "2026-03-15", "补一分", 1, l1002, 1 },
		{ 1004, DZ_DOC_AR_INC, "YS-001", "2026-03-20", "运费", 700, NULL, 0 },
		{ 1006, DZ_DOC_AR_DEC, "YS-002", "2026-03-25", "折让", -200, NULL, 0 },
	};
	struct dz_stmt_snapshot	 s;
	struct dz_stmt_source	 src = source(1, 100000);
	struct dz_stmt_built	 b;
	char			 want[DZ_STMT_FP_HEXLEN + 1], got[DZ_STMT_FP_HEXLEN + 1];
	int64_t			 chosen[] = { 1001, 1002, 1003, 1004, 1005, 1006 }, missing;

	memset(&s, 0, sizeof(s));
	s.account_set_id = 7;
	s.customer_id = "0000100001";
	s.customer_code = "01001";
	s.customer_name = "联想（北京）有限公司";
	s.period_from = "2026-03-01";
	s.period_to = "2026-03-31";
	s.totals = (struct dz_stmt_totals){ 100000, 560051, -20000, -300000, 500, 340551, 6 };
	s.docs = d;
	s.ndocs = DZ_NELEM(d);
	s.with_opening = 1;
	is_int(dz_stmt_fingerprint_hex(&s, want), DZ_OK, "by hand: fingerprint");
	is_int(dz_stmt_build(&src, chosen, DZ_NELEM(chosen), &b, &missing), DZ_OK,
	    "built: the same six");
	is_int(dz_stmt_fingerprint_hex(&b.sn, got), DZ_OK, "built: fingerprint");
	is_str(got, want, "built and by hand are one statement (lines, signs, totals)");
	is_str(b.sn.docs[0].lines[0].product_name, "笔记本", "1003's lines by seq: 1 first");
	is_str(b.sn.docs[0].lines[1].product_name, "鼠标", "  then 2");
	dz_stmt_built_free(&b);
}

static void
test_choose(void)
{
	int64_t		 c1[] = { 1005, 1001, 1003 }, c2[] = { 7, 3, 7 }, dup = 0;
	int64_t		*many;
	size_t		 i;

	is_int(dz_stmt_choose(c1, 3, &dup), DZ_OK, "choose three");
	ok(c1[0] == 1001 && c1[1] == 1003 && c1[2] == 1005, "  sorted ascending");
	is_int(dz_stmt_choose(c2, 3, &dup), DZ_ERR_CONFLICT, "one chosen twice");
	is_int(dup, 7, "  names it");
	is_int(dz_stmt_choose(c1, 0, &dup), DZ_ERR_INVAL, "none chosen");
	if ((many = calloc(DZ_STMT_DOCS_MAX + 1, sizeof(*many))) == NULL)
		return;
	for (i = 0; i <= DZ_STMT_DOCS_MAX; i++)
		many[i] = (int64_t)(DZ_STMT_DOCS_MAX - i);
	is_int(dz_stmt_choose(many, DZ_STMT_DOCS_MAX + 1, &dup), DZ_ERR_TOOBIG,
	    "more than DZ_STMT_DOCS_MAX");
	is_int(dz_stmt_choose(many, DZ_STMT_DOCS_MAX, &dup), DZ_OK, "exactly the most");
	free(many);
}

int
main(void)
{
	size_t	k;

	test_choose();
	for (k = 0; k < DZ_NELEM(cases); k++)
		test_case(k);
	test_same_as_by_hand();
	return done_testing();
}
