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
 * from the ERP. lib/stmt builds the statement (dz_stmt_build: signs,
 * totals, goods); lib/store keeps it in one transaction. So this is:
 * validate the form, read the ERP, build, store, redirect.
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
#include "stmt.h"
#include "store.h"
#include "store_account.h"
#include "view.h"

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
	dz_set(r->hdf, "Page.Title", LANG_generate_title);
	dz_set(r->hdf, "Page.Tab", "query");
	dz_set_int(r->hdf, "Error.Status", 400);
	dz_set(r->hdf, "Error.Text", LANG_generate_title);
	dz_set(r->hdf, "Error.Detail", why);
	return dz_render(r, 400, "error.cs");
}

/* What the ERP has, and the same rows as lib/stmt reads them. */
struct erp {
	struct dz_erp_customer	 cust;
	int64_t			 opening;
	struct dz_erp_doc	*docs;
	size_t			 ndocs;
	struct dz_erp_line	*lines;
	size_t			 nlines;
	struct dz_stmt_src_doc	*sdocs;
	struct dz_stmt_src_line	*slines;
};

static void
erp_free(struct erp *e)
{
	free(e->docs);
	free(e->lines);
	free(e->sdocs);
	free(e->slines);
}

/* The rows as lib/stmt's source: pointers into the ERP's. */
static enum dz_err
erp_source(struct erp *e)
{
	size_t	i;

	if ((e->sdocs = calloc(e->ndocs + 1, sizeof(*e->sdocs))) == NULL ||
	    (e->slines = calloc(e->nlines + 1, sizeof(*e->slines))) == NULL)
		return DZ_ERR_NOMEM;
	for (i = 0; i < e->ndocs; i++)
		e->sdocs[i] = (struct dz_stmt_src_doc){ e->docs[i].vchcode,
		    e->docs[i].vchtype, e->docs[i].date, e->docs[i].number,
		    e->docs[i].summary, e->docs[i].total };
	for (i = 0; i < e->nlines; i++)
		e->slines[i] = (struct dz_stmt_src_line){ e->lines[i].vchcode,
		    e->lines[i].seq, e->lines[i].product_code, e->lines[i].product_name,
		    e->lines[i].unit, e->lines[i].qty, e->lines[i].price,
		    e->lines[i].amount };
	return DZ_OK;
}

/*
 * Everything the statement is made of, read again from the ERP under one
 * deadline: the customer (DZ_ERR_NOTFOUND), the period's posted documents
 * of the types the query showed, the opening balance if asked, the goods.
 */
static enum dz_err
erp_fetch(struct dz_req *r, const struct dz_erp_target *target,
    const struct dz_value *v, struct erp *e)
{
	unsigned int	 types = DZ_DOC_DEFAULT;
	size_t		 i;
	enum dz_err	 rc;

	dz_erp_deadline(r->app->erp, r->app->conf->erp_query_timeout);
	if ((rc = dz_erp_customer(r->app->erp, target, v[G_CUST].s, &e->cust)) != DZ_OK)
		return rc;
	if (v[G_TYPES].present) {
		types = 0;
		for (i = 0; i < (v[G_TYPES].nall > 0 ? v[G_TYPES].nall : 1); i++)
			types |= DZ_DOC_BIT(v[G_TYPES].nall > 0 ? v[G_TYPES].all[i].i :
			    v[G_TYPES].i);
	}
	if ((rc = dz_erp_documents(r->app->erp, target, e->cust.id, v[G_FROM].s,
	    v[G_TO].s, types, &e->docs, &e->ndocs)) != DZ_OK)
		return rc;
	if (v[G_OPENING].present && v[G_OPENING].i &&
	    (rc = dz_erp_opening(r->app->erp, target, e->cust.id, v[G_FROM].s,
	    &e->opening)) != DZ_OK)
		return rc;
	if ((rc = dz_erp_lines(r->app->erp, target, e->cust.id, v[G_FROM].s,
	    v[G_TO].s, &e->lines, &e->nlines)) != DZ_OK)
		return rc;
	return erp_source(e);
}

static enum dz_err
generate(struct dz_req *r)
{
	struct dz_value		 v[G__MAX];
	struct dz_form_error	 fe;
	struct dz_erp_target	 target;
	struct dz_stmt_source	 src;
	struct dz_stmt_built	 b;
	struct dz_actor		 who;
	struct erp		 e;
	char			 company[201], why[300], loc[64];
	int64_t			*chosen = NULL, bad = 0;
	long long		 id;
	size_t			 nchosen, i;
	enum dz_err		 rc;

	memset(&e, 0, sizeof(e));
	memset(&b, 0, sizeof(b));
	memset(&target, 0, sizeof(target));
	if ((rc = dz_req_form(r, gfields, G__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, G__MAX);
		return dz_bad_field(r, &fe);
	}

	/* The choice, before anything is asked of the ERP. */
	if (strcmp(v[G_FROM].s, v[G_TO].s) > 0) {
		rc = refuse(r, LANG_generate_to_before_from);
		goto out;
	}
	nchosen = v[G_DOC].present ? (v[G_DOC].nall > 0 ? v[G_DOC].nall : 1) : 0;
	if (nchosen > 0 && (chosen = calloc(nchosen, sizeof(*chosen))) == NULL) {
		rc = DZ_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < nchosen; i++)
		chosen[i] = v[G_DOC].nall > 0 ? v[G_DOC].all[i].i : v[G_DOC].i;
	switch (dz_stmt_choose(chosen, nchosen, &bad)) {
	case DZ_OK:
		break;
	case DZ_ERR_TOOBIG:
		snprintf(why, sizeof(why), LANG_generate_too_many, DZ_STMT_DOCS_MAX);
		rc = refuse(r, why);
		goto out;
	case DZ_ERR_CONFLICT:
		snprintf(why, sizeof(why), LANG_generate_duplicate, (long long)bad);
		rc = refuse(r, why);
		goto out;
	default:
		rc = refuse(r, LANG_generate_none);
		goto out;
	}

	/* What it is made of: the ERP, read again. */
	if (r->app->keys == NULL || r->app->erp == NULL) {
		rc = DZ_ERR_CRYPT;
		goto out;
	}
	rc = dz_store_account_target(r->app->db, r->app->keys, r->sess.account_set_id,
	    company, sizeof(company), &target);
	if (rc == DZ_ERR_NOTFOUND)
		rc = DZ_ERR_FORBIDDEN;
	if (rc != DZ_OK)
		goto out;
	if ((rc = erp_fetch(r, &target, v, &e)) == DZ_ERR_NOTFOUND) {
		rc = refuse(r, LANG_generate_no_customer);
		goto out;
	}
	if (rc != DZ_OK)
		goto out;

	/* The statement: lib/stmt's. */
	memset(&src, 0, sizeof(src));
	src.account_set_id = r->sess.account_set_id;
	src.customer_id = e.cust.id;
	src.customer_code = e.cust.code;
	src.customer_name = e.cust.name;
	src.period_from = v[G_FROM].s;
	src.period_to = v[G_TO].s;
	src.with_opening = v[G_OPENING].present && v[G_OPENING].i;
	src.opening = e.opening;
	src.docs = e.sdocs;
	src.ndocs = e.ndocs;
	src.lines = e.slines;
	src.nlines = e.nlines;
	if ((rc = dz_stmt_build(&src, chosen, nchosen, &b, &bad)) == DZ_ERR_NOTFOUND) {
		snprintf(why, sizeof(why), LANG_generate_not_posted, (long long)bad,
		    v[G_FROM].s, v[G_TO].s);
		rc = refuse(r, why);
		goto out;
	}
	if (rc != DZ_OK)
		goto out;

	memset(&who, 0, sizeof(who));
	who.user_id = r->sess.user_id;
	who.username = r->sess.username;
	who.ip = r->remote_addr;
	who.user_agent = r->user_agent;
	if ((rc = dz_store_create(r->app->db, &b.sn, company, &who, &id)) != DZ_OK)
		goto out;
	snprintf(loc, sizeof(loc), "/statements/%lld?done=create", id);
	rc = dz_redirect(r, loc);
out:
	dz_erp_dsn_wipe(&target.dsn);
	dz_stmt_built_free(&b);
	erp_free(&e);
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
