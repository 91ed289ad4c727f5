/*
 * dz-query: 往来对账, the clerk's ERP query screen.
 *
 *   GET /query                       customer picker: q (search), page
 *   GET /query?customer=ID&...       that customer's posted documents:
 *                                    from, to (YYYY-MM-DD), types (repeated:
 *                                    sale, return, receipt, ar_inc, ar_dec), go
 *
 * Every ERP value comes through lib/erp (profiles, bound parameters,
 * timeouts); the account set is always the signed-in user's own, so a
 * customer id only ever names a customer of that set. The result reads
 * like a bank statement: opening balance, documents by date with a running
 * balance, totals per type, closing balance. Its tick boxes post to
 * /statements/new (dz-generate) with csrf, customer, from, to, types, doc
 * (repeated vchcode) and opening. The whole range is one page, capped at
 * QUERY_DOCS_MAX documents, so a selection never has to survive paging.
 * Search as you type (static/js/query.js) fetches this same page; without
 * JavaScript the search box is an ordinary GET form.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ClearSilver.h"

#include "dz.h"
#include "app.h"
#include "clock.h"
#include "conf.h"
#include "erp.h"
#include "form.h"
#include "lang.h"
#include "log.h"
#include "money.h"
#include "stmt.h"
#include "store_account.h"
#include "view.h"

#define QUERY_DOCS_MAX		10000	/* documents on one page */
#define QUERY_CUST_PAGE		20	/* customers per picker page */

static enum dz_err	query(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET, "/query", query, DZ_ROLE_CLERK, 0 },
};

enum qkey { Q_Q, Q_PAGE, Q_CUSTOMER, Q_FROM, Q_TO, Q_TYPES, Q_GO, Q__MAX };
static const struct dz_field qfields[Q__MAX] = {
	[Q_Q] = { "q", DZ_F_LINE, 0, 0, 50, NULL, 0 },
	[Q_PAGE] = { "page", DZ_F_INT, 0, 0, 100000, NULL, 0 },
	[Q_CUSTOMER] = { "customer", DZ_F_LINE, 0, 1, 50, NULL, 0 },
	[Q_FROM] = { "from", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[Q_TO] = { "to", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[Q_TYPES] = { "types", DZ_F_ENUM, 0, 0, 0, dz_stmt_doc_codes, 1 },
	[Q_GO] = { "go", DZ_F_BOOL, 0, 0, 1, NULL, 0 },
};

/* ---------------------------------------------------------------------
 * Helpers.
 */

/* The default period: the whole last calendar month. */
static void
last_month(char from[16], char to[16])
{
	char	today[DZ_DATE_LEN + 1];

	dz_today(today);
	dz_date_last_month(today, from, to);
}

/* HDF child name for an index (names from our constants and numbers only). */
static HDF *
child(HDF *parent, size_t i)
{
	HDF	*h = NULL;
	NEOERR	*err;
	char	 name[24];

	snprintf(name, sizeof(name), "%zu", i);
	if ((err = hdf_get_node(parent, name, &h)) != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		return NULL;
	}
	return h;
}

static HDF *
node(HDF *parent, const char *name)
{
	HDF	*h = NULL;
	NEOERR	*err;

	if ((err = hdf_get_node(parent, name, &h)) != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		return NULL;
	}
	return h;
}

static void
put(HDF *h, const char *name, const char *value)
{
	NEOERR	*err;

	if (h != NULL && (err = hdf_set_value(h, name, value)) != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
	}
}

static void
put_money(HDF *h, const char *name, int64_t fen)
{
	char	buf[DZ_MONEY_BUFSZ];

	put(h, name, dz_money_format(fen, buf, sizeof(buf)));
}

/*
 * The signed-in user's account set: its ERP target (the caller wipes its
 * data address). DZ_ERR_FORBIDDEN when the user has none.
 */
static enum dz_err
account_set(struct dz_req *r, struct dz_erp_target *target)
{
	enum dz_err	rc;

	rc = dz_store_account_target(r->app->db, r->app->keys, r->sess.account_set_id,
	    NULL, 0, target);
	return rc == DZ_ERR_NOTFOUND ? DZ_ERR_FORBIDDEN : rc;
}

/* ERP trouble: a 503 page that says what failed and what to do. */
static enum dz_err
erp_failed(struct dz_req *r, enum dz_err rc)
{
	char	detail[512];

	if (rc == DZ_ERR_NOTFOUND)
		return dz_error_page(r, rc, LANG_query_erp_no_customer);
	snprintf(detail, sizeof(detail), LANG_query_erp_failed, *dz_erp_why(r->app->erp) != '\0' ?
	    dz_erp_why(r->app->erp) : dz_strerror(rc),
	    rc == DZ_ERR_ERP_LOGIN || rc == DZ_ERR_ERP_NODB ?
	    LANG_query_erp_check_dsn :
	    LANG_query_erp_retry);
	dz_log_warn("query: ERP %s: %s", dz_strerror(rc), dz_erp_why(r->app->erp));
	return dz_error_page(r, rc, detail);
}

/* ---------------------------------------------------------------------
 * The customer picker.
 */

static enum dz_err
picker(struct dz_req *r, const struct dz_erp_target *target,
    const char *q, long page)
{
	struct dz_erp_customer	*c = NULL;
	HDF			*list, *h;
	size_t			 n, i;
	enum dz_err		 rc;

	rc = dz_erp_customers_at(r->app->erp, target, q,
	    page * QUERY_CUST_PAGE, QUERY_CUST_PAGE + 1, &c, &n);
	if (rc != DZ_OK)
		return erp_failed(r, rc);
	list = node(r->hdf, "Customers");
	for (i = 0; i < n && i < QUERY_CUST_PAGE; i++) {
		if ((h = child(list, i)) == NULL)
			break;
		put(h, "Id", c[i].id);
		put(h, "Code", c[i].code);
		put(h, "Name", c[i].name);
		put(h, "Short", c[i].short_name);
		put_money(h, "Receivable", c[i].receivable);
	}
	dz_set_int(r->hdf, "Picker.Count", (long long)(n < QUERY_CUST_PAGE ? n : QUERY_CUST_PAGE));
	dz_set_int(r->hdf, "Picker.Page", page);
	if (page > 0)
		dz_set_int(r->hdf, "Picker.Prev", page - 1);
	if (n > QUERY_CUST_PAGE)
		dz_set_int(r->hdf, "Picker.Next", page + 1);
	free(c);
	return dz_render(r, 200, "query/index.cs");
}

/* ---------------------------------------------------------------------
 * The statement view.
 */

struct vidx {
	int64_t	 vch;
	size_t	 i;
};

static int
vidx_cmp(const void *a, const void *b)
{
	const struct vidx *x = a, *y = b;

	return x->vch < y->vch ? -1 : x->vch > y->vch;
}

/* Put each document's goods under Docs.<i>.Lines. */
static enum dz_err
attach_lines(HDF *docs_h, HDF **doc_h, const struct dz_erp_doc *docs, size_t ndocs,
    const struct dz_erp_line *lines, size_t nlines)
{
	struct vidx	*ix, key, *hit;
	size_t		*count;
	HDF		*lh, *h;
	char		 buf[48];
	size_t		 i;

	if ((ix = calloc(ndocs + 1, sizeof(*ix))) == NULL ||
	    (count = calloc(ndocs + 1, sizeof(*count))) == NULL) {
		free(ix);
		return DZ_ERR_NOMEM;
	}
	for (i = 0; i < ndocs; i++)
		ix[i] = (struct vidx){ docs[i].vchcode, i };
	qsort(ix, ndocs, sizeof(*ix), vidx_cmp);
	for (i = 0; i < nlines; i++) {
		key.vch = lines[i].vchcode;
		hit = bsearch(&key, ix, ndocs, sizeof(*ix), vidx_cmp);
		if (hit == NULL || doc_h[hit->i] == NULL)
			continue;	/* a return when only sales are shown */
		if ((lh = node(doc_h[hit->i], "Lines")) == NULL ||
		    (h = child(lh, count[hit->i]++)) == NULL)
			continue;
		put(h, "Code", lines[i].product_code);
		put(h, "Name", lines[i].product_name);
		put(h, "Unit", lines[i].unit);
		put(h, "Qty", dz_money_format_scaled(lines[i].qty, 4, 0, buf, sizeof(buf)));
		put(h, "Price", dz_money_format_scaled(lines[i].price, 4, 2, buf,
		    sizeof(buf)));
		put_money(h, "Amount", lines[i].amount);
	}
	free(ix);
	free(count);
	(void)docs_h;
	return DZ_OK;
}

static enum dz_err
statement(struct dz_req *r, const struct dz_erp_target *target,
    const char *customer, const char *from, const char *to, unsigned int types)
{
	struct dz_erp_customer	 cust;
	struct dz_erp_doc	*docs = NULL;
	struct dz_erp_line	*lines = NULL;
	struct dz_stmt_totals	 tot;
	HDF			*docs_h, **doc_h = NULL, *h;
	int64_t			 opening, amount;
	size_t			 ndocs = 0, nlines = 0, i;
	size_t			 per[DZ_GRP__MAX];
	enum dz_doc_type	 t;
	enum dz_err		 rc;

	memset(per, 0, sizeof(per));
	if ((rc = dz_erp_customer(r->app->erp, target, customer, &cust)) != DZ_OK)
		return erp_failed(r, rc);
	dz_set(r->hdf, "Cust.Id", cust.id);
	dz_set(r->hdf, "Cust.Code", cust.code);
	dz_set(r->hdf, "Cust.Name", cust.name);
	dz_set(r->hdf, "Cust.Short", cust.short_name);
	dz_set_money(r->hdf, "Cust.Receivable", cust.receivable);

	if ((rc = dz_erp_opening(r->app->erp, target, cust.id, from, &opening)) != DZ_OK ||
	    (rc = dz_erp_documents(r->app->erp, target, cust.id, from, to, types,
	    &docs, &ndocs)) != DZ_OK) {
		rc = erp_failed(r, rc);
		goto out;
	}
	if (ndocs > QUERY_DOCS_MAX) {
		dz_set_int(r->hdf, "Result.TooMany", (long long)ndocs);
		dz_set_int(r->hdf, "Result.Max", QUERY_DOCS_MAX);
		rc = dz_render(r, 200, "query/index.cs");
		goto out;
	}
	if ((types & DZ_DOC_WITH_LINES) != 0 && ndocs > 0 &&
	    (rc = dz_erp_lines(r->app->erp, target, cust.id, from, to, &lines,
	    &nlines)) != DZ_OK) {
		rc = erp_failed(r, rc);
		goto out;
	}

	if ((rc = dz_stmt_totals_init(&tot, opening)) != DZ_OK)
		goto out;
	dz_set_money(r->hdf, "Result.Opening", opening);
	if ((doc_h = calloc(ndocs + 1, sizeof(*doc_h))) == NULL) {
		rc = DZ_ERR_NOMEM;
		goto out;
	}
	docs_h = node(r->hdf, "Docs");
	for (i = 0; i < ndocs; i++) {
		if (dz_stmt_doc_from_vchtype(docs[i].vchtype, &t) != DZ_OK ||
		    dz_stmt_doc_signed(t, docs[i].total, &amount) != DZ_OK ||
		    dz_stmt_totals_add(&tot, t, amount) != DZ_OK) {
			dz_log_err("query: document %lld: amount out of range",
			    (long long)docs[i].vchcode);
			rc = DZ_ERR_ERP;
			goto out;
		}
		per[dz_stmt_doc_group(t)]++;
		if ((h = doc_h[i] = child(docs_h, i)) == NULL)
			continue;
		{
			char	vch[24];

			snprintf(vch, sizeof(vch), "%lld", (long long)docs[i].vchcode);
			put(h, "Vch", vch);
		}
		put(h, "Date", docs[i].date);
		put(h, "Type", dz_stmt_doc_code(t));
		put(h, "Tag", dz_stmt_doc_tag(t));
		put(h, "TypeName", dz_stmt_doc_name(t));
		put(h, "Number", docs[i].number);
		put(h, "Summary", docs[i].summary);
		put_money(h, "Amount", amount);
		put_money(h, "Balance", tot.closing);
		if (amount < 0)
			put(h, "Neg", "1");
	}
	if ((rc = attach_lines(docs_h, doc_h, docs, ndocs, lines, nlines)) != DZ_OK)
		goto out;
	dz_set_int(r->hdf, "Result.Shown", 1);
	dz_set_int(r->hdf, "Result.Count", (long long)ndocs);
	dz_set_money(r->hdf, "Result.Sales", tot.sales);
	dz_set_money(r->hdf, "Result.Returns", tot.returns);
	dz_set_money(r->hdf, "Result.Receipts", tot.receipts);
	dz_set_money(r->hdf, "Result.Other", tot.other);
	dz_set_money(r->hdf, "Result.Closing", tot.closing);
	for (i = 0; i < DZ_GRP__MAX; i++) {
		char	name[32];

		snprintf(name, sizeof(name), "Result.N.%s",
		    dz_stmt_group_code((enum dz_doc_group)i));
		dz_set_int(r->hdf, name, (long long)per[i]);
	}
	rc = dz_render(r, 200, "query/index.cs");
out:
	free(doc_h);
	free(docs);
	free(lines);
	return rc;
}

/* ---------------------------------------------------------------------
 * The page.
 */

static enum dz_err
query(struct dz_req *r)
{
	struct dz_value		 v[Q__MAX];
	struct dz_form_error	 fe;
	struct dz_erp_target	 target;
	char			 from[16], to[16];
	unsigned int		 types = 0;
	size_t			 i;
	int			 bad = 0;
	enum dz_err		 rc;

	memset(&target, 0, sizeof(target));
	dz_set(r->hdf, "Page.Title", LANG_query_title);
	dz_set(r->hdf, "Page.Tab", "query");
	dz_set(r->hdf, "Page.Script", "query.js");
	if ((rc = dz_req_form(r, qfields, Q__MAX, v, &fe)) != DZ_OK)
		return dz_bad_field(r, &fe);

	/* The filters, with their defaults, back into the form. */
	last_month(from, to);
	if (v[Q_FROM].present)
		snprintf(from, sizeof(from), "%s", v[Q_FROM].s);
	if (v[Q_TO].present)
		snprintf(to, sizeof(to), "%s", v[Q_TO].s);
	for (i = 0; i < v[Q_TYPES].nall; i++)
		types |= DZ_DOC_BIT(v[Q_TYPES].all[i].i);
	if (types == 0 && !v[Q_GO].i)
		types = DZ_DOC_DEFAULT;
	dz_set(r->hdf, "Query.From", from);
	dz_set(r->hdf, "Query.To", to);
	for (i = 0; i < DZ_DOC__MAX; i++)
		if (types & DZ_DOC_BIT(i)) {
			char	name[32];

			snprintf(name, sizeof(name), "Query.Types.%s",
			    dz_stmt_doc_code((enum dz_doc_type)i));
			dz_set_int(r->hdf, name, 1);
		}
	if (v[Q_Q].present)
		dz_set(r->hdf, "Query.Q", v[Q_Q].s);
	if (v[Q_CUSTOMER].present)
		dz_set(r->hdf, "Query.Customer", v[Q_CUSTOMER].s);

	if (strcmp(from, to) > 0) {
		dz_set(r->hdf, "Form.Err.to", LANG_form_to_before_from);
		bad = 1;
	}
	if (types == 0) {
		dz_set(r->hdf, "Form.Err.types", LANG_query_need_type);
		bad = 1;
	}
	if (bad && v[Q_CUSTOMER].present) {
		/* The filter form again, with the error next to its field. */
		dz_set(r->hdf, "Cust.Id", v[Q_CUSTOMER].s);
		rc = dz_render(r, 400, "query/index.cs");
		goto out;
	}

	if ((rc = account_set(r, &target)) != DZ_OK) {
		rc = rc == DZ_ERR_FORBIDDEN ? dz_error_page(r, rc,
		    LANG_home_noacct) : rc;
		goto out;
	}
	/* One budget for every ERP call of this page. */
	dz_erp_deadline(r->app->erp, r->app->conf->erp_query_timeout +
	    r->app->conf->erp_login_timeout);
	if (!v[Q_CUSTOMER].present)
		rc = picker(r, &target, v[Q_Q].present ? v[Q_Q].s : "",
		    v[Q_PAGE].present ? (long)v[Q_PAGE].i : 0);
	else
		rc = statement(r, &target, v[Q_CUSTOMER].s, from, to, types);
	dz_erp_deadline(r->app->erp, 0);
out:
	dz_erp_dsn_wipe(&target.dsn);
	dz_form_values_free(v, Q__MAX);
	return rc;
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-query", routes, DZ_NELEM(routes),
	    DZ_APP_KEYS, &dz_erp_hooks);
}
