/*
 * dz-generate: turn the ticked documents into a statement.
 *
 *   POST /statements/new   customer, from, to, types (repeated), doc
 *                          (repeated vchcode), opening (1 = with the
 *                          opening balance)
 *
 * Nothing the browser sends is trusted but the choice: every document is
 * read again from the ERP (posted only, voided pairs left out), must
 * belong to the customer and the period, and its amount and goods come
 * from the ERP. The snapshot is stored in one transaction (lib/store).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "app.h"
#include "conf.h"
#include "db.h"
#include "erp.h"
#include "form.h"
#include "stmt.h"
#include "store.h"
#include "view.h"

#define DOCS_MAX	20000

static enum dz_err	generate(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_POST, "/statements/new", generate, DZ_ROLE_CLERK, 0 },
};

enum gkey { G_CUST, G_FROM, G_TO, G_TYPES, G_DOC, G_OPENING, G__MAX };
static const struct dz_field gfields[G__MAX] = {
	[G_CUST] = { "customer", DZ_F_LINE, 1, 1, 63, NULL, 0 },
	[G_FROM] = { "from", DZ_F_DATE, 1, 0, 0, NULL, 0 },
	[G_TO] = { "to", DZ_F_DATE, 1, 0, 0, NULL, 0 },
	[G_TYPES] = { "types", DZ_F_ENUM, 0, 0, 0, dz_stmt_doc_codes, 1 },
	[G_DOC] = { "doc", DZ_F_INT, 0, 1, 999999999999999LL, NULL, 1 },
	[G_OPENING] = { "opening", DZ_F_BOOL, 0, 0, 1, NULL, 0 },
};

/* A refusal the clerk can act on: 400 with the reason, nothing stored. */
static enum dz_err
refuse(struct dz_req *r, const char *why)
{
	dz_set(r->hdf, "Page.Title", "无法生成对账单");
	dz_set(r->hdf, "Page.Tab", "query");
	dz_set_int(r->hdf, "Error.Status", 400);
	dz_set(r->hdf, "Error.Text", "无法生成对账单");
	dz_set(r->hdf, "Error.Detail", why);
	return dz_render(r, 400, "error.cs");
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* Index of vchcode in the ERP's documents (sorted copy), or -1. */
static long
find_doc(const long long *sorted, const size_t *order, size_t n, long long vch)
{
	size_t	lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sorted[mid] < vch)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && sorted[lo] == vch ? (long)order[lo] : -1;
}

struct pick {
	struct dz_erp_doc	*all;		/* the ERP's documents in range */
	size_t			 nall;
	struct dz_erp_line	*lines;
	size_t			 nlines;
	struct dz_stmt_doc	*docs;		/* the chosen ones, in ERP order */
	struct dz_stmt_line	*slines;
	long long		*vch;		/* sorted vchcodes of all[] */
	size_t			*order;
};

static void
pick_free(struct pick *p)
{
	free(p->all);
	free(p->lines);
	free(p->docs);
	free(p->slines);
	free(p->vch);
	free(p->order);
}

static int
cmp_line(const void *a, const void *b)
{
	const struct dz_erp_line *x = a, *y = b;

	if (x->vchcode != y->vchcode)
		return x->vchcode < y->vchcode ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* First line of a document in lines sorted by vchcode. */
static size_t
first_line(const struct dz_erp_line *lines, size_t n, long long vch)
{
	size_t	lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (lines[mid].vchcode < vch)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct pick	*sort_ctx;

static int
cmp_idx(const void *a, const void *b)
{
	long long x = sort_ctx->all[*(const size_t *)a].vchcode;
	long long y = sort_ctx->all[*(const size_t *)b].vchcode;

	return x < y ? -1 : x > y;
}

static enum dz_err
generate(struct dz_req *r)
{
	struct dz_value		 v[G__MAX];
	struct dz_form_error	 fe;
	struct dz_erp_dsn	 dsn;
	struct dz_erp_customer	 cust;
	struct dz_stmt_snapshot	 sn;
	struct dz_actor		 who;
	struct pick		 p;
	char			 kind[40], company[201], why[300], loc[64];
	long long		*chosen = NULL, id;
	unsigned char		*take = NULL;
	size_t			 nchosen, i, k, nl;
	int64_t			 opening = 0, amount;
	unsigned int		 mask = DZ_DOC_DEFAULT;
	enum dz_doc_type	 t;
	enum dz_err		 rc;

	memset(&p, 0, sizeof(p));
	memset(&dsn, 0, sizeof(dsn));
	memset(&sn, 0, sizeof(sn));
	if ((rc = dz_req_form(r, gfields, G__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, G__MAX);
		return dz_bad_field(r, &fe);
	}
	if (strcmp(v[G_FROM].s, v[G_TO].s) > 0) {
		rc = refuse(r, "结束日期早于开始日期。");
		goto out;
	}
	nchosen = v[G_DOC].present ? (v[G_DOC].nall > 0 ? v[G_DOC].nall : 1) : 0;
	if (nchosen == 0) {
		rc = refuse(r, "没有勾选单据。请在往来对账中勾选要放进对账单的单据。");
		goto out;
	}
	if (nchosen > DOCS_MAX) {
		rc = refuse(r, "一张对账单最多 20000 笔单据，请缩小日期范围。");
		goto out;
	}
	if ((chosen = calloc(nchosen, sizeof(*chosen))) == NULL) {
		rc = DZ_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < nchosen; i++)
		chosen[i] = v[G_DOC].nall > 0 ? v[G_DOC].all[i].i : v[G_DOC].i;
	qsort(chosen, nchosen, sizeof(*chosen), cmp_ll);
	for (i = 1; i < nchosen; i++)
		if (chosen[i] == chosen[i - 1]) {
			snprintf(why, sizeof(why), "单据重复提交（内部号 %lld）。请重新查询后再勾选。",
			    chosen[i]);
			rc = refuse(r, why);
			goto out;
		}

	if (r->app->keys == NULL || r->app->erp == NULL) {
		rc = DZ_ERR_CRYPT;
		goto out;
	}
	rc = dz_erp_account(r->app->db, r->app->keys, r->sess.account_set_id, &dsn,
	    kind, sizeof(kind), company, sizeof(company));
	if (rc == DZ_ERR_NOTFOUND)
		rc = DZ_ERR_FORBIDDEN;
	if (rc != DZ_OK)
		goto out;
	/* Every ERP query of this request shares one deadline. */
	dz_erp_deadline(r->app->erp, r->app->conf->erp_query_timeout);
	rc = dz_erp_customer(r->app->erp, &dsn, kind, v[G_CUST].s, &cust);
	if (rc == DZ_ERR_NOTFOUND) {
		rc = refuse(r, "ERP 中找不到这个客户。");
		goto out;
	}
	if (rc != DZ_OK)
		goto out;
	/* Only documents of the types the query showed may be chosen. */
	if (v[G_TYPES].present) {
		mask = 0;
		for (i = 0; i < (v[G_TYPES].nall > 0 ? v[G_TYPES].nall : 1); i++)
			mask |= DZ_DOC_BIT(v[G_TYPES].nall > 0 ? v[G_TYPES].all[i].i :
			    v[G_TYPES].i);
	}
	rc = dz_erp_documents(r->app->erp, &dsn, kind, cust.id, v[G_FROM].s, v[G_TO].s,
	    mask, &p.all, &p.nall);
	if (rc != DZ_OK)
		goto out;

	/* Which of the ERP's documents were chosen. */
	if ((p.vch = calloc(p.nall + 1, sizeof(*p.vch))) == NULL ||
	    (p.order = calloc(p.nall + 1, sizeof(*p.order))) == NULL ||
	    (take = calloc(p.nall + 1, 1)) == NULL ||
	    (p.docs = calloc(nchosen, sizeof(*p.docs))) == NULL) {
		rc = DZ_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < p.nall; i++)
		p.order[i] = i;
	sort_ctx = &p;
	qsort(p.order, p.nall, sizeof(*p.order), cmp_idx);
	for (i = 0; i < p.nall; i++)
		p.vch[i] = p.all[p.order[i]].vchcode;
	for (i = 0; i < nchosen; i++) {
		long at = find_doc(p.vch, p.order, p.nall, chosen[i]);

		if (at < 0) {
			snprintf(why, sizeof(why), "单据（内部号 %lld）不是该客户在 %s 至 %s 的"
			    "已过账单据：可能已被红冲、删除或属于其他客户。请重新查询后再生成。",
			    chosen[i], v[G_FROM].s, v[G_TO].s);
			rc = refuse(r, why);
			goto out;
		}
		take[at] = 1;
	}

	if (v[G_OPENING].present && v[G_OPENING].i &&
	    (rc = dz_erp_opening(r->app->erp, &dsn, kind, cust.id, v[G_FROM].s,
	    &opening)) != DZ_OK)
		goto out;
	if ((rc = dz_erp_lines(r->app->erp, &dsn, kind, cust.id, v[G_FROM].s,
	    v[G_TO].s, &p.lines, &p.nlines)) != DZ_OK)
		goto out;
	if ((p.slines = calloc(p.nlines + 1, sizeof(*p.slines))) == NULL) {
		rc = DZ_ERR_NOMEM;
		goto out;
	}
	qsort(p.lines, p.nlines, sizeof(*p.lines), cmp_line);

	if ((rc = dz_stmt_totals_init(&sn.totals, opening)) != DZ_OK)
		goto out;
	for (i = 0, k = 0, nl = 0; i < p.nall; i++) {
		struct dz_stmt_doc	*d;
		size_t			 l;

		if (!take[i])
			continue;
		if ((rc = dz_stmt_doc_from_vchtype(p.all[i].vchtype, &t)) != DZ_OK ||
		    (rc = dz_stmt_doc_signed(t, p.all[i].total, &amount)) != DZ_OK ||
		    (rc = dz_stmt_totals_add(&sn.totals, t, amount)) != DZ_OK)
			goto out;
		d = &p.docs[k++];
		d->vchcode = p.all[i].vchcode;
		d->type = t;
		d->number = p.all[i].number;
		d->date = p.all[i].date;
		d->summary = p.all[i].summary;
		d->amount = amount;
		d->lines = &p.slines[nl];
		for (l = first_line(p.lines, p.nlines, d->vchcode);
		    l < p.nlines && p.lines[l].vchcode == d->vchcode; l++) {
			struct dz_stmt_line *sl;

			sl = &p.slines[nl++];
			sl->seq = p.lines[l].seq;
			sl->product_code = p.lines[l].product_code;
			sl->product_name = p.lines[l].product_name;
			sl->unit = p.lines[l].unit;
			sl->qty = p.lines[l].qty;
			sl->price = p.lines[l].price;
			sl->amount = p.lines[l].amount;
			d->nlines++;
		}
	}
	sn.account_set_id = r->sess.account_set_id;
	sn.customer_id = cust.id;
	sn.customer_code = cust.code;
	sn.customer_name = cust.name;
	sn.period_from = v[G_FROM].s;
	sn.period_to = v[G_TO].s;
	sn.with_opening = v[G_OPENING].present && v[G_OPENING].i;
	sn.docs = p.docs;
	sn.ndocs = k;

	memset(&who, 0, sizeof(who));
	who.user_id = r->sess.user_id;
	who.username = r->sess.username;
	who.ip = r->remote_addr;
	who.user_agent = r->user_agent;
	if ((rc = dz_store_create(r->app->db, &sn, company, &who, &id)) != DZ_OK)
		goto out;
	snprintf(loc, sizeof(loc), "/statements/%lld?done=create", id);
	rc = dz_redirect(r, loc);
out:
	dz_erp_dsn_wipe(&dsn);
	pick_free(&p);
	free(take);
	free(chosen);
	dz_form_values_free(v, G__MAX);
	return rc;
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-generate", routes, DZ_NELEM(routes),
	    DZ_APP_KEYS, &dz_erp_hooks);
}
