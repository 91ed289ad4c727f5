/*
 * 570-drift: a statement's frozen documents against the ERP's now
 * (lib/drift). The statement is built the way dz-generate builds one
 * (dz_stmt_build over the ERP's rows); then the ERP's rows are changed one
 * way at a time and each change must come back with its kind and its
 * before / after, the ERP version's fingerprint differing from the
 * statement's; unchanged rows give no change and the very same
 * fingerprint. A property test does the same over random statements.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "drift.h"
#include "money.h"
#include "stmt.h"
#include "tap.h"

#define FROM	"2026-03-01"
#define TO	"2026-03-31"

/* The ERP's documents when the statement was made. */
static const struct dz_stmt_src_doc docs0[] = {
	{ 1001, 11, "2026-03-02", "XS-001", "三月订货", 150000 },
	{ 1002, 11, "2026-03-05", "XS-002", "", 20050 },
	{ 1003, 4, "2026-03-10", "SK-001", "货款", 100000 },
	{ 1004, 45, "2026-03-12", "XT-001", "退货", 5000 },
	{ 1005, 11, "2026-03-20", "XS-003", "补货", 33300 },
};
static const struct dz_stmt_src_line lines0[] = {
	{ 1001, 1, "P01", "笔记本", "台", 20000, 5000000, 100000 },
	{ 1001, 2, "P02", "鼠标", "个", 100000, 50000, 50000 },
	{ 1002, 1, "P03", "键盘", "把", 10000, 2005000, 20050 },
	{ 1004, 1, "P02", "鼠标", "个", 10000, 50000, 5000 },
	{ 1005, 1, "P04", "耳机", "副", 30000, 1110000, 33300 },
};
#define NDOCS	DZ_NELEM(docs0)
#define NLINES	DZ_NELEM(lines0)

struct erp {
	struct dz_drift_doc	d[32];
	size_t			nd;
	struct dz_stmt_src_line	l[64];
	size_t			nl;
};

static void
erp_init(struct erp *e)
{
	size_t	i;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < NDOCS; i++)
		e->d[e->nd++] = (struct dz_drift_doc){ docs0[i].vchcode, docs0[i].vchtype,
		    docs0[i].date, docs0[i].number, docs0[i].summary, docs0[i].total, 1, 0 };
	for (i = 0; i < NLINES; i++)
		e->l[e->nl++] = lines0[i];
}

static struct dz_drift_doc *
doc(struct erp *e, int64_t vch)
{
	size_t	i;

	for (i = 0; i < e->nd; i++)
		if (e->d[i].vchcode == vch)
			return &e->d[i];
	return NULL;
}

/* The statement: every document, with the opening balance. */
static struct dz_stmt_built	 built;
static char			 fp0[DZ_STMT_FP_HEXLEN + 1];

static void
make_statement(void)
{
	struct dz_stmt_source	src;
	int64_t			chosen[NDOCS], missing = 0;
	size_t			i;

	memset(&src, 0, sizeof(src));
	src.account_set_id = 7;
	src.customer_id = "0000100001";
	src.customer_code = "01001";
	src.customer_name = "联想（北京）有限公司";
	src.period_from = FROM;
	src.period_to = TO;
	src.with_opening = 1;
	src.opening = 12345;
	src.docs = docs0;
	src.ndocs = NDOCS;
	src.lines = lines0;
	src.nlines = NLINES;
	for (i = 0; i < NDOCS; i++)
		chosen[i] = docs0[i].vchcode;
	ok(dz_stmt_build(&src, chosen, NDOCS, &built, &missing) == DZ_OK, "the statement is built");
	ok(dz_stmt_fingerprint_hex(&built.sn, fp0) == DZ_OK, "and fingerprinted");
}

static enum dz_err
compare(struct erp *e, struct dz_drift_result *r)
{
	struct dz_drift_now	now = { e->d, e->nd, e->l, e->nl };

	return dz_drift_compare(&built.sn, &now, dz_drift_types(&built.sn), r);
}

/* One change of kind k on vch, the fingerprint moved; r kept for more. */
static const struct dz_drift_change *
one(struct erp *e, enum dz_drift_kind k, int64_t vch, const char *what,
    struct dz_drift_result *r)
{
	if (!ok(compare(e, r) == DZ_OK, "%s: compared", what))
		return NULL;
	ok(r->nchanges == 1 && r->changes[0].kind == k && r->changes[0].vchcode == vch &&
	    r->count[k] == 1, "%s: one change, %s of %lld (%zu changes, first %s)", what,
	    dz_drift_kind_code(k), (long long)vch, r->nchanges,
	    r->nchanges > 0 ? dz_drift_kind_code(r->changes[0].kind) : "-");
	ok(strcmp(r->fingerprint, fp0) != 0, "%s: the ERP's fingerprint differs", what);
	return r->nchanges == 1 ? &r->changes[0] : NULL;
}

static void
kinds(void)
{
	struct dz_drift_result		 r;
	const struct dz_drift_change	*c;
	struct erp			 e;
	enum dz_drift_kind		 k;
	size_t				 i;

	/* the same rows */
	erp_init(&e);
	ok(compare(&e, &r) == DZ_OK && r.nchanges == 0, "the same rows: no change");
	is_str(r.fingerprint, fp0, "the same rows: the statement's own fingerprint");
	ok(memcmp(&r.totals, &built.sn.totals, sizeof(r.totals)) == 0, "... and its totals");
	dz_drift_result_free(&r);
	/* in another order */
	{
		struct dz_drift_doc	t = e.d[0];

		e.d[0] = e.d[4];
		e.d[4] = t;
		e.l[0] = lines0[4];
		e.l[4] = lines0[0];
	}
	ok(compare(&e, &r) == DZ_OK && r.nchanges == 0 && strcmp(r.fingerprint, fp0) == 0,
	    "the same rows in another order: no change, the same fingerprint");
	dz_drift_result_free(&r);

	/* 红冲 */
	erp_init(&e);
	doc(&e, 1002)->voided = 1;
	if ((c = one(&e, DZ_DRIFT_RED, 1002, "红冲", &r)) != NULL) {
		is_str(c->before, "200.50", "红冲: before, the amount");
		is_str(c->after, "已红冲", "红冲: after");
		ok(c->has_before && c->before_fen == 20050 && !c->has_after, "红冲: amounts");
		is_str(c->number, "XS-002", "红冲: the number");
	}
	is_int(r.totals.count, 4, "红冲: the ERP's version has one document fewer");
	is_int(r.totals.closing, built.sn.totals.closing - 20050, "... and owes 200.50 less");
	dz_drift_result_free(&r);

	/* 金额变更 */
	erp_init(&e);
	doc(&e, 1001)->total = 150100;
	if ((c = one(&e, DZ_DRIFT_AMOUNT, 1001, "金额变更", &r)) != NULL) {
		is_str(c->before, "1,500.00", "金额变更: before");
		is_str(c->after, "1,501.00", "金额变更: after");
		ok(c->before_fen == 150000 && c->after_fen == 150100, "金额变更: amounts");
	}
	is_int(r.totals.closing, built.sn.totals.closing + 100, "金额变更: the ERP's closing");
	dz_drift_result_free(&r);
	/* a receipt's amount, signed */
	erp_init(&e);
	doc(&e, 1003)->total = 90000;
	if ((c = one(&e, DZ_DRIFT_AMOUNT, 1003, "收款金额变更", &r)) != NULL)
		ok(c->before_fen == -100000 && c->after_fen == -90000, "收款金额变更: signed");
	dz_drift_result_free(&r);

	/* 明细变更 */
	erp_init(&e);
	e.l[1].qty = 110000;
	if ((c = one(&e, DZ_DRIFT_LINES, 1001, "明细变更", &r)) != NULL) {
		ok(strstr(c->before, "P02 鼠标 10个") != NULL, "明细变更: the line before (%s)",
		    c->before);
		ok(strstr(c->after, "P02 鼠标 11个") != NULL, "明细变更: the line after (%s)",
		    c->after);
	}
	dz_drift_result_free(&r);
	/* a line gone */
	erp_init(&e);
	e.l[1] = e.l[--e.nl];
	if ((c = one(&e, DZ_DRIFT_LINES, 1001, "明细少一行", &r)) != NULL)
		ok(c->before[0] != '\0' && c->after[0] == '\0', "明细少一行: before only");
	dz_drift_result_free(&r);

	/* 反过账 */
	erp_init(&e);
	doc(&e, 1003)->posted = 0;
	if ((c = one(&e, DZ_DRIFT_DRAFT, 1003, "反过账", &r)) != NULL)
		is_str(c->after, "已反过账（草稿）", "反过账: after");
	dz_drift_result_free(&r);

	/* 已删除 */
	erp_init(&e);
	e.d[4] = e.d[--e.nd];	/* 1005 */
	if ((c = one(&e, DZ_DRIFT_DELETED, 1005, "已删除", &r)) != NULL)
		ok(strcmp(c->before, "333.00") == 0 && c->after[0] == '\0', "已删除: before only");
	dz_drift_result_free(&r);

	/* 日期变更, out of the period and within it */
	erp_init(&e);
	doc(&e, 1004)->date = "2026-04-02";
	if ((c = one(&e, DZ_DRIFT_DATE, 1004, "移出期间", &r)) != NULL) {
		is_str(c->before, "2026-03-12", "移出期间: before");
		is_str(c->after, "2026-04-02（已移出对账期间）", "移出期间: after");
	}
	is_int(r.totals.count, 4, "移出期间: not in the ERP's version");
	dz_drift_result_free(&r);
	erp_init(&e);
	doc(&e, 1004)->date = "2026-03-13";
	if ((c = one(&e, DZ_DRIFT_DATE, 1004, "期间内改日期", &r)) != NULL)
		is_str(c->after, "2026-03-13", "期间内改日期: after");
	is_int(r.totals.count, 5, "期间内改日期: still in the ERP's version");
	dz_drift_result_free(&r);

	/* 期间内新单据 */
	erp_init(&e);
	e.d[e.nd++] = (struct dz_drift_doc){ 1010, 4, "2026-03-30", "SK-002", "", 5000, 1, 0 };
	if ((c = one(&e, DZ_DRIFT_NEW, 1010, "新单据", &r)) != NULL) {
		is_str(c->after, "收款 -50.00", "新单据: after");
		ok(!c->has_before && c->has_after && c->after_fen == -5000, "新单据: amounts");
	}
	is_int(r.totals.count, 6, "新单据: in the ERP's version");
	dz_drift_result_free(&r);
	/* not new: older than the statement's documents (left out by choice), a
	 * draft, a voided one, out of the period, of a type not asked for */
	erp_init(&e);
	e.d[e.nd++] = (struct dz_drift_doc){ 999, 11, "2026-03-03", "XS-000", "", 5000, 1, 0 };
	e.d[e.nd++] = (struct dz_drift_doc){ 1011, 11, "2026-03-03", "XS-9", "", 5000, 0, 0 };
	e.d[e.nd++] = (struct dz_drift_doc){ 1012, 11, "2026-03-03", "XS-9", "", 5000, 1, 1 };
	e.d[e.nd++] = (struct dz_drift_doc){ 1013, 11, "2026-04-03", "XS-9", "", 5000, 1, 0 };
	e.d[e.nd++] = (struct dz_drift_doc){ 1014, 116, "2026-03-03", "YS-9", "", 5000, 1, 0 };
	ok(compare(&e, &r) == DZ_OK && r.nchanges == 0 && strcmp(r.fingerprint, fp0) == 0,
	    "no new document: one left out by choice, a draft, a voided, out of the period, "
	    "of another type (%zu changes)", r.nchanges);
	dz_drift_result_free(&r);

	/* 单据信息变更 */
	erp_init(&e);
	doc(&e, 1005)->summary = "补货（改）";
	if ((c = one(&e, DZ_DRIFT_HEADER, 1005, "摘要变更", &r)) != NULL)
		is_str(c->after, "XS-003 补货（改）", "摘要变更: after");
	dz_drift_result_free(&r);

	/* everything at once: sorted by document */
	erp_init(&e);
	doc(&e, 1001)->total = 1;
	doc(&e, 1002)->voided = 1;
	doc(&e, 1003)->posted = 0;
	doc(&e, 1004)->date = "2025-01-01";
	e.d[4] = e.d[--e.nd];
	e.d[e.nd++] = (struct dz_drift_doc){ 1020, 11, "2026-03-31", "XS-9", "", 5000, 1, 0 };
	ok(compare(&e, &r) == DZ_OK && r.nchanges == 6, "six changes at once (%zu)", r.nchanges);
	for (i = 1; i < r.nchanges; i++)
		if (r.changes[i].vchcode < r.changes[i - 1].vchcode)
			break;
	ok(i == r.nchanges, "... by document");
	dz_drift_result_free(&r);

	/* two rows of one document: refused */
	erp_init(&e);
	e.d[e.nd++] = e.d[0];
	ok(compare(&e, &r) == DZ_ERR_INVAL, "two ERP rows with one vchcode: DZ_ERR_INVAL");
	dz_drift_result_free(&r);

	/* the vocabulary */
	for (i = 0; i < DZ_DRIFT__MAX; i++)
		if (dz_drift_kind_from_code(dz_drift_kind_code((enum dz_drift_kind)i), &k) != DZ_OK ||
		    k != (enum dz_drift_kind)i || dz_drift_kind_name(k)[0] == '\0')
			break;
	ok(i == DZ_DRIFT__MAX, "each kind's code reads back, each has a name");
	ok(dz_drift_kind_from_code("nope", &k) == DZ_ERR_INVAL && dz_drift_kind_code(DZ_DRIFT__MAX)[0] == '\0',
	    "bad kinds refused");
}

/* ---- property: random statements ------------------------------------ */

static unsigned long long seed = 0x5eed5eedULL;

static unsigned int
rnd(unsigned int n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned int)((seed >> 33) % n);
}

static const int vtypes[] = { 11, 45, 4, 116, 115 };
static char dates[32][11];

static void
property(void)
{
	struct dz_stmt_src_doc	 sd[24];
	struct dz_stmt_src_line	 sl[64];
	struct dz_stmt_source	 src;
	struct dz_stmt_built	 b;
	struct dz_drift_result	 r;
	struct dz_drift_now	 now;
	struct dz_drift_doc	 nd[32];
	int64_t			 chosen[24], missing, vch;
	char			 fp[DZ_STMT_FP_HEXLEN + 1];
	size_t			 it, i, n, nl, nc, nn, same = 0, found = 0, runs = 500;
	enum dz_drift_kind	 want;

	for (i = 0; i < 31; i++)
		snprintf(dates[i], sizeof(dates[i]), "2026-05-%02zu", i + 1);
	for (it = 0; it < runs; it++) {
		n = 1 + rnd(20);
		nl = 0;
		vch = 100;
		for (i = 0; i < n; i++) {
			int vt = vtypes[rnd(5)];

			vch += 1 + rnd(3);
			sd[i] = (struct dz_stmt_src_doc){ vch, vt,
			    dates[rnd(31)], rnd(2) ? "N1" : "N2", "", 1 + rnd(100000) };
			if ((vt == 11 || vt == 45) && nl < 60) {
				unsigned int k, m = rnd(3);

				for (k = 0; k < m; k++)
					sl[nl++] = (struct dz_stmt_src_line){ sd[i].vchcode, k + 1,
					    "P", "产品", "个", 10000 * (1 + rnd(9)), 1000 * (1 + rnd(99)),
					    1 + rnd(9999) };
			}
		}
		/* the statement takes some of them, always the last one */
		nc = 0;
		for (i = 0; i < n; i++)
			if (i == n - 1 || rnd(3) != 0)
				chosen[nc++] = sd[i].vchcode;
		memset(&src, 0, sizeof(src));
		src.account_set_id = 1;
		src.customer_id = "c";
		src.customer_code = "c";
		src.customer_name = "客户";
		src.period_from = "2026-05-01";
		src.period_to = "2026-05-31";
		src.with_opening = (int)rnd(2);
		src.opening = (int64_t)rnd(100000) - 50000;
		src.docs = sd;
		src.ndocs = n;
		src.lines = sl;
		src.nlines = nl;
		if (dz_stmt_build(&src, chosen, nc, &b, &missing) != DZ_OK ||
		    dz_stmt_fingerprint_hex(&b.sn, fp) != DZ_OK) {
			dz_stmt_built_free(&b);
			break;
		}
		for (i = 0; i < n; i++)
			nd[i] = (struct dz_drift_doc){ sd[i].vchcode, sd[i].vchtype, sd[i].date,
			    sd[i].number, sd[i].summary, sd[i].total, 1, 0 };
		now = (struct dz_drift_now){ nd, n, sl, nl };
		if (dz_drift_compare(&b.sn, &now, dz_drift_types(&b.sn), &r) == DZ_OK &&
		    r.nchanges == 0 && strcmp(r.fingerprint, fp) == 0)
			same++;
		dz_drift_result_free(&r);

		/* one change to a chosen document (or a new one) */
		nn = n;
		{
			int64_t	v = chosen[rnd((unsigned int)nc)];

			for (i = 0; i < n && sd[i].vchcode != v; i++)
				;
		}
		switch (rnd(7)) {
		case 0: want = DZ_DRIFT_RED; nd[i].voided = 1; break;
		case 1: want = DZ_DRIFT_AMOUNT; nd[i].total += 1; break;
		case 2: want = DZ_DRIFT_DRAFT; nd[i].posted = 0; break;
		case 3: want = DZ_DRIFT_DELETED; nd[i] = nd[--nn]; break;
		case 4: want = DZ_DRIFT_DATE; nd[i].date = "2026-06-01"; break;
		case 5: want = DZ_DRIFT_HEADER;
			nd[i].number = strcmp(nd[i].number, "N1") == 0 ? "N2" : "N1"; break;
		default:
			want = DZ_DRIFT_NEW;
			nd[nn++] = (struct dz_drift_doc){ 10000, 4, "2026-05-15", "NEW", "", 100, 1, 0 };
			break;
		}
		now = (struct dz_drift_now){ nd, nn, sl, nl };
		if (dz_drift_compare(&b.sn, &now, dz_drift_types(&b.sn), &r) == DZ_OK &&
		    r.count[want] == 1 && r.nchanges == 1 && strcmp(r.fingerprint, fp) != 0)
			found++;
		else
			diag("run %zu: %s on %lld: %zu changes", it, dz_drift_kind_code(want),
			    (long long)sd[i].vchcode, r.nchanges);
		dz_drift_result_free(&r);
		dz_stmt_built_free(&b);
	}
	is_int((long long)same, (long long)runs,
	    "property: unchanged rows give no change and the statement's fingerprint");
	is_int((long long)found, (long long)runs,
	    "property: one change gives that one change and another fingerprint");
}

int
main(void)
{
	make_statement();
	kinds();
	property();
	dz_stmt_built_free(&built);
	return done_testing();
}
