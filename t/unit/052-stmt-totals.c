/*
 * 052-stmt-totals: document types, signed amounts and statement totals in
 * fen, including every way a sum can leave DECIMAL(18,2)'s range; and
 * which closing balances owe nothing (收款 asks once more on those).
 */
#include "config.h"

#include <string.h>

#include "dz.h"
#include "money.h"
#include "stmt.h"
#include "tap.h"

static const struct {
	int		 vchtype;
	enum dz_doc_type type;
	int		 sign;
	const char	*name, *tag, *code;
} types[] = {
	{ 11, DZ_DOC_SALE, +1, "销售出库单", "出库", "sale" },
	{ 45, DZ_DOC_RETURN, -1, "销售退货单", "退货", "return" },
	{ 4, DZ_DOC_RECEIPT, -1, "收款单", "收款", "receipt" },
	{ 116, DZ_DOC_AR_INC, +1, "应收款增加", "应收增", "ar_inc" },
	{ 115, DZ_DOC_AR_DEC, -1, "应收款减少", "应收减", "ar_dec" },
};

static void
test_types(void)
{
	enum dz_doc_type	 t;
	int64_t			 v;
	size_t			 i;
	static const int	 others[] = { 0, 6, 34, 66, 142, 110011, -11 };

	for (i = 0; i < DZ_NELEM(types); i++) {
		ok(dz_stmt_doc_from_vchtype(types[i].vchtype, &t) == DZ_OK &&
		    t == types[i].type, "VchType %d", types[i].vchtype);
		is_int(dz_stmt_doc_vchtype(types[i].type), types[i].vchtype, "  and back");
		is_str(dz_stmt_doc_name(types[i].type), types[i].name, "  name");
		is_str(dz_stmt_doc_tag(types[i].type), types[i].tag, "  tag");
		ok(dz_stmt_doc_from_code(types[i].code, &t) == DZ_OK &&
		    t == types[i].type, "  code %s", types[i].code);
		is_int(dz_stmt_doc_sign(types[i].type), types[i].sign, "  sign");
		ok(dz_stmt_doc_signed(types[i].type, 12345, &v) == DZ_OK &&
		    v == types[i].sign * 12345, "  signed amount of 123.45");
	}
	for (i = 0; i < DZ_NELEM(others); i++)
		is_int(dz_stmt_doc_from_vchtype(others[i], &t), DZ_ERR_INVAL,
		    "VchType %d is not a statement document", others[i]);
	is_int(dz_stmt_doc_from_code("Sale", &t), DZ_ERR_INVAL, "codes are exact");
	is_int(dz_stmt_doc_vchtype(DZ_DOC__MAX), -1, "bad type: no VchType");
	is_int(dz_stmt_doc_sign(DZ_DOC__MAX), 0, "bad type: no sign");
	is_int(dz_stmt_doc_signed(DZ_DOC__MAX, 1, &v), DZ_ERR_INVAL, "bad type: no amount");
	is_int(dz_stmt_doc_signed(DZ_DOC_SALE, DZ_MONEY_MAX + 1, &v), DZ_ERR_INVAL,
	    "ERP total over DECIMAL(18,2)");
	is_int(dz_stmt_doc_signed(DZ_DOC_RETURN, INT64_MIN, &v), DZ_ERR_INVAL,
	    "INT64_MIN cannot be negated");
	ok(dz_stmt_doc_signed(DZ_DOC_RECEIPT, -DZ_MONEY_MAX, &v) == DZ_OK &&
	    v == DZ_MONEY_MAX, "a negative ERP total flips too");
}

/* The 联想 example: opening 1,000.00; two sales, a return, a receipt. */
static void
test_sum(void)
{
	struct dz_stmt_totals	 t;

	is_int(dz_stmt_totals_init(&t, 100000), DZ_OK, "opening 1,000.00");
	is_int(t.closing, 100000, "closing starts at the opening");
	dz_stmt_totals_add(&t, DZ_DOC_SALE, 560050);
	dz_stmt_totals_add(&t, DZ_DOC_SALE, 1);
	dz_stmt_totals_add(&t, DZ_DOC_RETURN, -20000);
	dz_stmt_totals_add(&t, DZ_DOC_RECEIPT, -300000);
	dz_stmt_totals_add(&t, DZ_DOC_AR_INC, 700);
	is_int(dz_stmt_totals_add(&t, DZ_DOC_AR_DEC, -200), DZ_OK, "six documents added");
	is_int(t.opening, 100000, "opening");
	is_int(t.sales, 560051, "sales");
	is_int(t.returns, -20000, "returns (signed)");
	is_int(t.receipts, -300000, "receipts (signed)");
	is_int(t.other, 500, "other");
	is_int(t.closing, 340551, "closing = 1000 + 5600.51 - 200 - 3000 + 5");
	is_int(t.count, 6, "count");
	is_int(t.closing, t.opening + t.sales + t.returns + t.receipts + t.other,
	    "closing is the sum of the buckets");
	is_int(dz_stmt_totals_add(&t, DZ_DOC__MAX, 1), DZ_ERR_INVAL, "bad type");
	is_int(t.count, 6, "  not counted");
}

static void
test_overflow(void)
{
	struct dz_stmt_totals	 t, before;

	is_int(dz_stmt_totals_init(&t, DZ_MONEY_MAX + 1), DZ_ERR_INVAL,
	    "opening over DECIMAL(18,2)");
	ok(t.opening == 0 && t.closing == 0 && t.count == 0, "  totals zeroed");
	is_int(dz_stmt_totals_init(&t, -DZ_MONEY_MAX), DZ_OK, "opening at the minimum");

	dz_stmt_totals_init(&t, DZ_MONEY_MAX);
	before = t;
	is_int(dz_stmt_totals_add(&t, DZ_DOC_SALE, 1), DZ_ERR_TOOBIG,
	    "closing over the maximum");
	ok(memcmp(&t, &before, sizeof(t)) == 0, "  totals unchanged");
	is_int(dz_stmt_totals_add(&t, DZ_DOC_RECEIPT, -1), DZ_OK, "going down is fine");

	dz_stmt_totals_init(&t, -DZ_MONEY_MAX);
	is_int(dz_stmt_totals_add(&t, DZ_DOC_SALE, DZ_MONEY_MAX), DZ_OK,
	    "sales at the maximum, closing 0");
	before = t;
	is_int(dz_stmt_totals_add(&t, DZ_DOC_SALE, 1), DZ_ERR_TOOBIG,
	    "the sales bucket over the maximum though closing fits");
	ok(memcmp(&t, &before, sizeof(t)) == 0, "  totals unchanged");

	dz_stmt_totals_init(&t, 0);
	is_int(dz_stmt_totals_add(&t, DZ_DOC_SALE, INT64_MAX), DZ_ERR_TOOBIG,
	    "INT64_MAX refused");
	is_int(dz_stmt_totals_add(&t, DZ_DOC_RETURN, INT64_MIN), DZ_ERR_TOOBIG,
	    "INT64_MIN refused");
	is_int(dz_stmt_totals_add(&t, DZ_DOC_RETURN, -DZ_MONEY_MAX), DZ_OK,
	    "returns at the minimum");
	is_int(dz_stmt_totals_add(&t, DZ_DOC_RETURN, -1), DZ_ERR_TOOBIG,
	    "returns under the minimum");
	is_int(t.count, 1, "only the good one counted");

	dz_stmt_totals_init(&t, 0);
	t.count = UINT32_MAX;
	is_int(dz_stmt_totals_add(&t, DZ_DOC_SALE, 1), DZ_ERR_TOOBIG, "count overflow");
	is_int(t.sales, 0, "  nothing added");
}

/* 欠款金额 > 0 is owed; 0 or a prepaid (negative) balance is not. */
static void
test_nothing_owed(void)
{
	static const struct {
		int64_t	 opening, receipt;	/* fen; the receipt is counted negative */
		int	 nothing;
	} cases[] = {
		{ 100000, 0, 0 },		/* 1,000.00 owed */
		{ 1, 0, 0 },			/* 0.01 owed */
		{ 0, 0, 1 },			/* settled */
		{ 100000, 100000, 1 },		/* paid exactly */
		{ 0, 958257, 1 },		/* -9,582.57: prepaid */
		{ -1, 0, 1 },			/* an opening balance already prepaid */
		{ 100000, 99999, 0 },		/* 0.01 still owed */
		{ DZ_MONEY_MAX, 0, 0 },
		{ -DZ_MONEY_MAX, 0, 1 },
	};
	struct dz_stmt_totals	 t;
	size_t			 i;

	for (i = 0; i < DZ_NELEM(cases); i++) {
		ok(dz_stmt_totals_init(&t, cases[i].opening) == DZ_OK &&
		    (cases[i].receipt == 0 || dz_stmt_totals_add(&t, DZ_DOC_RECEIPT,
		    -cases[i].receipt) == DZ_OK), "nothing owed, case %zu: totals", i);
		is_int(dz_stmt_nothing_owed(&t), cases[i].nothing,
		    "closing %lld fen: %s", (long long)t.closing,
		    cases[i].nothing ? "nothing owed" : "owed");
	}
}

int
main(void)
{
	test_types();
	test_sum();
	test_overflow();
	test_nothing_owed();
	return done_testing();
}
