/*
 * dz-generate: turn the ticked documents into a statement.
 *
 *   POST /statements/new       customer, from, to, types (repeated), doc
 *                              (repeated vchcode), opening (1 = with the
 *                              opening balance)
 *   POST /statements/preview   the same form (往来对账's 预览 button): the
 *                              figures /statements/new would store, stored
 *                              nowhere, with a 生成对账单 button carrying
 *                              the same choice and a way back to the ticks
 *
 * Nothing the browser sends is trusted but the choice: every document is
 * read again from the ERP (posted only, voided pairs left out), must
 * belong to the customer and the period, and its amount and goods come
 * from the ERP. lib/stmt builds the statement (dz_stmt_build: signs,
 * totals, goods); lib/store keeps it in one transaction. Both routes are
 * one path up to the built statement (made(): validate the form, read the
 * ERP, build), so 预览's figures are the statement's; then generate stores
 * and redirects, preview draws templates/generate/preview.cs. Both are
 * POST, so the loop checks csrf and Origin before either runs.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "app.h"
#include "conf.h"
#include "erp.h"
#include "form.h"
#include "lang.h"
#include "make.h"
#include "stmt.h"
#include "store.h"
#include "store_account.h"
#include "view.h"

static enum dz_err	generate(struct dz_req *);
static enum dz_err	preview(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_POST, "/statements/new", generate, DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/preview", preview, DZ_ROLE_CLERK, 0 },
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
	dz_set(r->hdf, "Page.Title", LANG_generate_title);
	dz_set(r->hdf, "Page.Tab", "query");
	dz_set_int(r->hdf, "Error.Status", 400);
	dz_set(r->hdf, "Error.Text", LANG_generate_title);
	dz_set(r->hdf, "Error.Detail", why);
	return dz_render(r, 400, "error.cs");
}

/* One request's statement, made but not stored (made_free frees it). */
struct made {
	struct dz_value		 v[G__MAX];
	int			 have_v;
	struct dz_erp_target	 target;
	struct dz_make		 e;		/* the ERP's rows, e.b the statement */
	int64_t			*chosen;
	size_t			 nchosen;
	int			 complete;	/* every document of every type, with the opening */
	char			 company[201];
};

static void
made_free(struct made *m)
{
	dz_erp_dsn_wipe(&m->target.dsn);
	dz_make_free(&m->e);
	free(m->chosen);
	if (m->have_v)
		dz_form_values_free(m->v, G__MAX);
}

/*
 * The statement the form asks for: the choice checked, the ERP read
 * again, dz_stmt_build. DZ_OK with m->b built; or a page already sent
 * (a refusal the clerk can act on, the 400 of a bad field: r->responded),
 * or an error for the loop's error page.
 */
static enum dz_err
made(struct dz_req *r, struct made *m)
{
	struct dz_form_error	 fe;
	const struct dz_value	*v = m->v;
	char			 why[300];
	int64_t			 bad = 0;
	unsigned int		 types = 0;
	size_t			 i;
	int			 opening;
	enum dz_err		 rc;

	if ((rc = dz_req_form(r, gfields, G__MAX, m->v, &fe)) != DZ_OK)
		return dz_bad_field(r, &fe);
	m->have_v = 1;

	/* The choice, before anything is asked of the ERP. */
	if (strcmp(v[G_FROM].s, v[G_TO].s) > 0)
		return refuse(r, LANG_generate_to_before_from);
	m->nchosen = v[G_DOC].present ? (v[G_DOC].nall > 0 ? v[G_DOC].nall : 1) : 0;
	if (m->nchosen > 0 && (m->chosen = calloc(m->nchosen, sizeof(*m->chosen))) == NULL)
		return DZ_ERR_NOMEM;
	for (i = 0; i < m->nchosen; i++)
		m->chosen[i] = v[G_DOC].nall > 0 ? v[G_DOC].all[i].i : v[G_DOC].i;
	switch (dz_stmt_choose(m->chosen, m->nchosen, &bad)) {
	case DZ_OK:
		break;
	case DZ_ERR_TOOBIG:
		snprintf(why, sizeof(why), LANG_generate_too_many, DZ_STMT_DOCS_MAX);
		return refuse(r, why);
	case DZ_ERR_CONFLICT:
		snprintf(why, sizeof(why), LANG_generate_duplicate, (long long)bad);
		return refuse(r, why);
	default:
		return refuse(r, LANG_generate_none);
	}

	/* What it is made of: the ERP, read again. */
	if (r->app->keys == NULL || r->app->erp == NULL)
		return DZ_ERR_CRYPT;
	rc = dz_store_account_target(r->app->db, r->app->keys, r->sess.account_set_id,
	    m->company, sizeof(m->company), &m->target);
	if (rc == DZ_ERR_NOTFOUND)
		return DZ_ERR_FORBIDDEN;
	if (rc != DZ_OK)
		return rc;
	if (v[G_TYPES].present) {
		for (i = 0; i < (v[G_TYPES].nall > 0 ? v[G_TYPES].nall : 1); i++)
			types |= DZ_DOC_BIT(v[G_TYPES].nall > 0 ? v[G_TYPES].all[i].i :
			    v[G_TYPES].i);
	}
	opening = v[G_OPENING].present && v[G_OPENING].i;
	if ((rc = dz_make_read(r->app->db, r->app->erp, &m->target,
	    r->sess.account_set_id, v[G_CUST].s, v[G_FROM].s, v[G_TO].s, types, opening,
	    r->app->conf->erp_query_timeout, &m->e)) == DZ_ERR_NOTFOUND)
		return refuse(r, LANG_generate_no_customer);
	if (rc != DZ_OK)
		return rc;

	m->complete = opening && (types != 0 ? types : DZ_DOC_DEFAULT) == DZ_DOC_ALL &&
	    m->nchosen == m->e.ndocs;

	/* The statement: lib/stmt's. */
	if ((rc = dz_make_build(&m->e, r->sess.account_set_id, v[G_FROM].s, v[G_TO].s,
	    opening, m->chosen, m->nchosen, &bad)) == DZ_ERR_NOTFOUND) {
		snprintf(why, sizeof(why), LANG_generate_not_posted, (long long)bad,
		    v[G_FROM].s, v[G_TO].s);
		return refuse(r, why);
	}
	return rc;
}

static enum dz_err
generate(struct dz_req *r)
{
	struct made		 m;
	struct dz_actor		 who;
	struct dz_store_origin	 o;
	char			 loc[64];
	long long		 id;
	enum dz_err		 rc;

	memset(&m, 0, sizeof(m));
	if ((rc = made(r, &m)) != DZ_OK || r->responded)
		goto out;
	memset(&who, 0, sizeof(who));
	who.user_id = r->sess.user_id;
	who.username = r->sess.username;
	who.ip = r->remote_addr;
	who.user_agent = r->user_agent;
	memset(&o, 0, sizeof(o));
	o.chain_from = m.e.chain_from;
	o.erp_opening = m.e.erp_opening;
	o.complete = m.complete;
	if ((rc = dz_store_create_ex(r->app->db, &m.e.b.sn, m.company, &who, &o,
	    &id)) != DZ_OK)
		goto out;
	snprintf(loc, sizeof(loc), "/statements/%lld?done=create", id);
	rc = dz_redirect(r, loc);
out:
	made_free(&m);
	return rc;
}

/*
 * 预览: the built statement's figures (Sum.*), the choice again as the
 * hidden fields of the form under them (Pick.*), and the period's
 * documents left out (Out.*), so the clerk sees what the ticks leave out.
 */
static enum dz_err
preview(struct dz_req *r)
{
	struct made			 m;
	const struct dz_stmt_totals	*t;
	struct _hdf			*h;
	char				 name[48], vch[24];
	size_t				 per[DZ_GRP__MAX], i, n, nout = 0;
	enum dz_doc_type		 ty;
	int64_t				 amount;
	enum dz_err			 rc;

	memset(&m, 0, sizeof(m));
	memset(per, 0, sizeof(per));
	dz_set(r->hdf, "Page.Title", LANG_preview_title);
	dz_set(r->hdf, "Page.Tab", "query");
	if ((rc = made(r, &m)) != DZ_OK || r->responded)
		goto out;
	t = &m.e.b.sn.totals;
	dz_set(r->hdf, "Cust.Id", m.e.cust.id);
	dz_set(r->hdf, "Cust.Code", m.e.cust.code);
	dz_set(r->hdf, "Cust.Name", m.e.cust.name);
	dz_set(r->hdf, "Pick.From", m.v[G_FROM].s);
	dz_set(r->hdf, "Pick.To", m.v[G_TO].s);
	n = m.v[G_TYPES].present ? (m.v[G_TYPES].nall > 0 ? m.v[G_TYPES].nall : 1) : 0;
	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "Pick.Types.%s", dz_stmt_doc_code(
		    (enum dz_doc_type)(m.v[G_TYPES].nall > 0 ? m.v[G_TYPES].all[i].i :
		    m.v[G_TYPES].i)));
		dz_set_int(r->hdf, name, 1);
	}
	if (m.e.b.sn.with_opening)
		dz_set_int(r->hdf, "Pick.Opening", 1);
	for (i = 0; i < m.e.b.sn.ndocs; i++) {
		snprintf(vch, sizeof(vch), "%lld", (long long)m.e.b.sn.docs[i].vchcode);
		dz_set_idx(r->hdf, "Pick.Docs", i, "Vch", vch);
		per[dz_stmt_doc_group(m.e.b.sn.docs[i].type)]++;
	}
	dz_set_int(r->hdf, "Sum.Count", (long long)t->count);
	dz_set_int(r->hdf, "Sum.Of", (long long)m.e.ndocs);
	dz_set_money(r->hdf, "Sum.Opening", t->opening);
	dz_set_money(r->hdf, "Sum.Sales", t->sales);
	dz_set_money(r->hdf, "Sum.Returns", t->returns);
	dz_set_money(r->hdf, "Sum.Receipts", t->receipts);
	dz_set_money(r->hdf, "Sum.Other", t->other);
	dz_set_money(r->hdf, "Sum.Closing", t->closing);
	if (m.e.chain_from > 0) {
		dz_set_int(r->hdf, "Sum.ChainFrom", m.e.chain_from);
		dz_set_money(r->hdf, "Sum.ErpOpening", m.e.erp_opening);
		dz_set_money(r->hdf, "Sum.ChainDiff", m.e.opening - m.e.erp_opening);
		dz_set_int(r->hdf, "Sum.ChainDiffers", m.e.chain_diff);
	}
	for (i = 0; i < DZ_GRP__MAX; i++) {
		snprintf(name, sizeof(name), "Sum.N.%s",
		    dz_stmt_group_code((enum dz_doc_group)i));
		dz_set_int(r->hdf, name, (long long)per[i]);
	}
	/* The period's documents the choice leaves out (m.chosen is sorted). */
	for (i = 0; i < m.e.ndocs; i++) {
		if (bsearch(&m.e.docs[i].vchcode, m.chosen, m.nchosen, sizeof(*m.chosen),
		    dz_stmt_vch_cmp) != NULL ||
		    dz_stmt_doc_from_vchtype(m.e.docs[i].vchtype, &ty) != DZ_OK ||
		    dz_stmt_doc_signed(ty, m.e.docs[i].total, &amount) != DZ_OK ||
		    (h = dz_row(r->hdf, "Out", nout++)) == NULL)
			continue;
		dz_set(h, "Date", m.e.docs[i].date);
		dz_set(h, "Group", dz_stmt_group_code(dz_stmt_doc_group(ty)));
		dz_set(h, "Tag", dz_stmt_doc_tag(ty));
		dz_set(h, "Number", m.e.docs[i].number);
		dz_set(h, "Summary", m.e.docs[i].summary);
		dz_set_money(h, "Amount", amount);
	}
	rc = dz_render(r, 200, "generate/preview.cs");
out:
	made_free(&m);
	return rc;
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-generate", routes, DZ_NELEM(routes),
	    DZ_APP_KEYS, &dz_erp_hooks);
}
