/*
 * dz-query: 往来对账, the clerk's ERP query screen.
 *
 *   GET /query                       customer picker: q (search), page
 *   GET /query?customer=ID&...       that customer's posted documents:
 *                                    from, to (YYYY-MM-DD), types (repeated:
 *                                    sale, return, receipt, ar_inc, ar_dec), go;
 *                                    every document and the opening ticked
 *   POST /query                      the same page with the ticks posted
 *                                    (doc repeated, opening): 预览's way back
 *                                    to change them (csrf checked by the loop)
 *   GET /query/doc/VCH?customer=ID&date=D
 *                                    one document's goods (the number links
 *                                    here; static/js/query.js opens it in place)
 *
 * Every ERP value comes through lib/erp (profiles, bound parameters,
 * timeouts); the account set is always the signed-in user's own, so a
 * customer id only ever names a customer of that set. The result reads
 * like a bank statement: opening balance, documents by date with the
 * running balance of the ticked rows, totals of the ticked rows per type,
 * closing balance: what 生成对账单 stores. Its tick boxes post to
 * /statements/new (dz-generate) with csrf, customer, from, to, types, doc
 * (repeated vchcode) and opening; 预览 posts the same to
 * /statements/preview. The whole range is one page, capped at
 * QUERY_DOCS_MAX documents, so a selection never has to survive paging;
 * rows are light (goods are a link) and come in chunks the browser skips
 * while off screen. Without JavaScript the figures are those of the ticks
 * the page was drawn with (预览 shows them for new ticks); with it, they
 * follow the ticks. Search as you type fetches this same page; without
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
#define QUERY_CHUNK		50	/* document rows per table (statement()) */

static enum dz_err	query(struct dz_req *);
static enum dz_err	goods(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET, "/query", query, DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/query", query, DZ_ROLE_CLERK, 0 },
	{ DZ_GET, "/query/doc/%d", goods, DZ_ROLE_CLERK, 0 },
};

enum qkey { Q_Q, Q_PAGE, Q_CUSTOMER, Q_FROM, Q_TO, Q_TYPES, Q_GO, Q_DOC, Q_OPENING,
	Q__MAX };
static const struct dz_field qfields[Q__MAX] = {
	[Q_Q] = { "q", DZ_F_LINE, 0, 0, 50, NULL, 0 },
	[Q_PAGE] = { "page", DZ_F_INT, 0, 0, 100000, NULL, 0 },
	[Q_CUSTOMER] = { "customer", DZ_F_LINE, 0, 1, 50, NULL, 0 },
	[Q_FROM] = { "from", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[Q_TO] = { "to", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[Q_TYPES] = { "types", DZ_F_ENUM, 0, 0, 0, dz_stmt_doc_codes, 1 },
	[Q_GO] = { "go", DZ_F_BOOL, 0, 0, 1, NULL, 0 },
	/* POST only: the ticks to show (预览's 返回修改勾选) */
	[Q_DOC] = { "doc", DZ_F_INT, 0, 1, 999999999999999LL, NULL, 1 },
	[Q_OPENING] = { "opening", DZ_F_BOOL, 0, 0, 1, NULL, 0 },
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

/* Is vch among the chosen (sorted ascending)? */
static int
chosen_has(const int64_t *chosen, size_t n, int64_t vch)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (chosen[mid] == vch)
			return 1;
		if (chosen[mid] < vch)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int
i64_cmp(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/*
 * The ticks of the page. A GET shows every document and the opening
 * balance ticked; a POST (预览's 返回修改勾选) shows them as posted: the
 * doc values (sorted into *chosen, malloc'd, caller frees) and opening.
 * *all is 1 when every document is ticked.
 */
struct ticks {
	int		 all;
	int		 opening;
	int64_t		*chosen;
	size_t		 n;
};

static enum dz_err
ticks_read(struct dz_req *r, const struct dz_value *doc, const struct dz_value *opening,
    struct ticks *t)
{
	size_t	i;

	memset(t, 0, sizeof(*t));
	if (r->method != DZ_POST) {
		t->all = t->opening = 1;
		return DZ_OK;
	}
	t->opening = opening->present && opening->i;
	t->n = doc->present ? (doc->nall > 0 ? doc->nall : 1) : 0;
	if ((t->chosen = calloc(t->n + 1, sizeof(*t->chosen))) == NULL)
		return DZ_ERR_NOMEM;
	for (i = 0; i < t->n; i++)
		t->chosen[i] = doc->nall > 0 ? doc->all[i].i : doc->i;
	qsort(t->chosen, t->n, sizeof(*t->chosen), i64_cmp);
	return DZ_OK;
}

static int
ticked(const struct ticks *t, int64_t vch)
{
	return t->all || chosen_has(t->chosen, t->n, vch);
}

/*
 * One document's row: Docs.<chunk>.<j>. The rows come in chunks of
 * QUERY_CHUNK, each its own table in the template, so that the browser
 * lays out and paints only the chunks on screen (content-visibility in
 * static/css/dz.css): a page of 10,000 documents is interactive in under
 * a second (t/bench/browser-query.sh). Balance is the running balance of
 * the ticked rows; an unticked row has none (Off).
 */
static void
doc_row(HDF *h, const struct dz_erp_doc *d, enum dz_doc_type t, int64_t amount,
    int on, int64_t balance)
{
	char	vch[24];

	snprintf(vch, sizeof(vch), "%lld", (long long)d->vchcode);
	put(h, "Vch", vch);
	put(h, "Date", d->date);
	put(h, "Group", dz_stmt_group_code(dz_stmt_doc_group(t)));
	put(h, "Tag", dz_stmt_doc_tag(t));
	put(h, "Number", d->number);
	put(h, "Summary", d->summary);
	put_money(h, "Amount", amount);
	if (on)
		put_money(h, "Balance", balance);
	else
		put(h, "Off", "1");
	if ((DZ_DOC_BIT(t) & DZ_DOC_WITH_LINES) != 0)
		put(h, "Goods", "1");
}

static enum dz_err
statement(struct dz_req *r, const struct dz_erp_target *target,
    const char *customer, const char *from, const char *to, unsigned int types,
    const struct ticks *tk)
{
	struct dz_erp_customer	 cust;
	struct dz_erp_doc	*docs = NULL;
	struct dz_stmt_totals	 tot;
	HDF			*docs_h, *chunk = NULL, *h;
	int64_t			 opening, amount;
	size_t			 ndocs = 0, picked = 0, i;
	size_t			 per[DZ_GRP__MAX], seen[DZ_GRP__MAX];
	enum dz_doc_type	 t;
	enum dz_err		 rc;
	int			 on;

	memset(per, 0, sizeof(per));
	memset(seen, 0, sizeof(seen));
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

	/* The totals are those of the ticked rows: what 生成对账单 stores. */
	if ((rc = dz_stmt_totals_init(&tot, tk->opening ? opening : 0)) != DZ_OK)
		goto out;
	dz_set_money(r->hdf, "Result.Opening", opening);
	dz_set_money(r->hdf, "Result.OpeningCounted", tk->opening ? opening : 0);
	if (tk->opening)
		dz_set_int(r->hdf, "Result.OpeningOn", 1);
	docs_h = node(r->hdf, "Docs");
	for (i = 0; i < ndocs; i++) {
		if (dz_stmt_doc_from_vchtype(docs[i].vchtype, &t) != DZ_OK ||
		    dz_stmt_doc_signed(t, docs[i].total, &amount) != DZ_OK) {
			dz_log_err("query: document %lld: amount out of range",
			    (long long)docs[i].vchcode);
			rc = DZ_ERR_ERP;
			goto out;
		}
		seen[dz_stmt_doc_group(t)]++;
		if ((on = ticked(tk, docs[i].vchcode))) {
			if (dz_stmt_totals_add(&tot, t, amount) != DZ_OK) {
				dz_log_err("query: document %lld: totals out of range",
				    (long long)docs[i].vchcode);
				rc = DZ_ERR_ERP;
				goto out;
			}
			per[dz_stmt_doc_group(t)]++;
			picked++;
		}
		if (i % QUERY_CHUNK == 0)
			chunk = child(docs_h, i / QUERY_CHUNK);
		if (chunk != NULL && (h = child(chunk, i % QUERY_CHUNK)) != NULL)
			doc_row(h, &docs[i], t, amount, on, tot.closing);
	}
	dz_set_int(r->hdf, "Result.Shown", 1);
	dz_set_int(r->hdf, "Result.Count", (long long)ndocs);
	dz_set_int(r->hdf, "Result.Picked", (long long)picked);
	dz_set_money(r->hdf, "Result.Sales", tot.sales);
	dz_set_money(r->hdf, "Result.Returns", tot.returns);
	dz_set_money(r->hdf, "Result.Receipts", tot.receipts);
	dz_set_money(r->hdf, "Result.Other", tot.other);
	dz_set_money(r->hdf, "Result.Closing", tot.closing);
	for (i = 0; i < DZ_GRP__MAX; i++) {
		char	name[32];
		const char *g = dz_stmt_group_code((enum dz_doc_group)i);

		snprintf(name, sizeof(name), "Result.N.%s", g);
		dz_set_int(r->hdf, name, (long long)per[i]);
		snprintf(name, sizeof(name), "Result.Seen.%s", g);
		dz_set_int(r->hdf, name, (long long)seen[i]);
	}
	rc = dz_render(r, 200, "query/index.cs");
out:
	free(docs);
	return rc;
}

/* ---------------------------------------------------------------------
 * One document's goods: GET /query/doc/<vchcode>?customer=ID&date=D.
 */

enum dkey { D_CUSTOMER, D_DATE, D__MAX };
static const struct dz_field dfields[D__MAX] = {
	[D_CUSTOMER] = { "customer", DZ_F_LINE, 1, 1, 50, NULL, 0 },
	[D_DATE] = { "date", DZ_F_DATE, 1, 0, 0, NULL, 0 },
};

/*
 * The document as the ERP has it on its date: its row among the
 * customer's posted documents of that day, and its goods among that
 * day's lines. Anything else (another customer's, voided, moved to
 * another day, no such number) is 404: a link only ever shows what the
 * ERP says of this customer.
 */
static enum dz_err
goods_page(struct dz_req *r, const struct dz_erp_target *target,
    const char *customer, const char *date, int64_t vch)
{
	struct dz_erp_customer	 cust;
	struct dz_erp_doc	*docs = NULL, *d = NULL;
	struct dz_erp_line	*lines = NULL;
	HDF			*lh, *h;
	char			 buf[48];
	int64_t			 amount;
	size_t			 ndocs = 0, nlines = 0, i, k = 0;
	enum dz_doc_type	 t;
	enum dz_err		 rc;

	if ((rc = dz_erp_customer(r->app->erp, target, customer, &cust)) != DZ_OK)
		return erp_failed(r, rc);
	dz_set(r->hdf, "Cust.Id", cust.id);
	dz_set(r->hdf, "Cust.Code", cust.code);
	dz_set(r->hdf, "Cust.Name", cust.name);
	if ((rc = dz_erp_documents(r->app->erp, target, cust.id, date, date,
	    DZ_DOC_BIT(DZ_DOC__MAX) - 1, &docs, &ndocs)) != DZ_OK) {
		rc = erp_failed(r, rc);
		goto out;
	}
	for (i = 0; i < ndocs && d == NULL; i++)
		if (docs[i].vchcode == vch)
			d = &docs[i];
	if (d == NULL || dz_stmt_doc_from_vchtype(d->vchtype, &t) != DZ_OK ||
	    dz_stmt_doc_signed(t, d->total, &amount) != DZ_OK) {
		rc = dz_error_page(r, DZ_ERR_NOTFOUND, LANG_query_doc_gone);
		goto out;
	}
	dz_set(r->hdf, "Doc.Date", d->date);
	dz_set(r->hdf, "Doc.Group", dz_stmt_group_code(dz_stmt_doc_group(t)));
	dz_set(r->hdf, "Doc.Tag", dz_stmt_doc_tag(t));
	dz_set(r->hdf, "Doc.TypeName", dz_stmt_doc_name(t));
	dz_set(r->hdf, "Doc.Number", d->number);
	dz_set(r->hdf, "Doc.Summary", d->summary);
	dz_set_money(r->hdf, "Doc.Amount", amount);
	if ((DZ_DOC_BIT(t) & DZ_DOC_WITH_LINES) != 0 &&
	    (rc = dz_erp_lines(r->app->erp, target, cust.id, date, date, &lines,
	    &nlines)) != DZ_OK) {
		rc = erp_failed(r, rc);
		goto out;
	}
	lh = node(r->hdf, "Lines");
	for (i = 0; i < nlines; i++) {
		if (lines[i].vchcode != vch || (h = child(lh, k++)) == NULL)
			continue;
		put(h, "Code", lines[i].product_code);
		put(h, "Name", lines[i].product_name);
		put(h, "Unit", lines[i].unit);
		put(h, "Qty", dz_money_format_scaled(lines[i].qty, 4, 0, buf, sizeof(buf)));
		put(h, "Price", dz_money_format_scaled(lines[i].price, 4, 2, buf,
		    sizeof(buf)));
		put_money(h, "Amount", lines[i].amount);
	}
	rc = dz_render(r, 200, "query/doc.cs");
out:
	free(docs);
	free(lines);
	return rc;
}

static enum dz_err
goods(struct dz_req *r)
{
	struct dz_value		 v[D__MAX];
	struct dz_form_error	 fe;
	struct dz_erp_target	 target;
	enum dz_err		 rc;

	memset(&target, 0, sizeof(target));
	dz_set(r->hdf, "Page.Title", LANG_query_doc_title);
	dz_set(r->hdf, "Page.Tab", "query");
	if ((rc = dz_req_form(r, dfields, D__MAX, v, &fe)) != DZ_OK)
		return dz_bad_field(r, &fe);
	if ((rc = account_set(r, &target)) != DZ_OK) {
		rc = rc == DZ_ERR_FORBIDDEN ? dz_error_page(r, rc,
		    LANG_home_noacct) : rc;
		goto out;
	}
	dz_erp_deadline(r->app->erp, r->app->conf->erp_query_timeout +
	    r->app->conf->erp_login_timeout);
	rc = goods_page(r, &target, v[D_CUSTOMER].s, v[D_DATE].s, r->id[0]);
	dz_erp_deadline(r->app->erp, 0);
out:
	dz_erp_dsn_wipe(&target.dsn);
	dz_form_values_free(v, D__MAX);
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
	struct ticks		 tk;
	char			 from[16], to[16];
	unsigned int		 types = 0;
	size_t			 i;
	int			 bad = 0;
	enum dz_err		 rc;

	memset(&target, 0, sizeof(target));
	memset(&tk, 0, sizeof(tk));
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

	if ((rc = ticks_read(r, &v[Q_DOC], &v[Q_OPENING], &tk)) != DZ_OK)
		goto out;
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
		rc = statement(r, &target, v[Q_CUSTOMER].s, from, to, types, &tk);
	dz_erp_deadline(r->app->erp, 0);
out:
	free(tk.chosen);
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
