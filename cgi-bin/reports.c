/*
 * dz-reports: 报表, what a finance manager reads first.
 *
 *   GET /reports            结算概览: from, to (the statements made in that
 *                           period), days (未确认 past this many days is the
 *                           unanswered exposure; default 7)
 *   GET /reports/aging      账龄分析 from the ERP: asof (default today),
 *                           buckets ("30,60,90,180"), sort (code, total,
 *                           oldest), all (show customers without a balance)
 *
 * The overview's figures are MariaDB's counts over the account set's own
 * statements (lib/store_report.c); the aging report is every customer's
 * ERP balance on the date laid by balance-forward FIFO over its debits
 * (lib/erp dz_erp_aging, lib/aging), so each row's buckets sum to that
 * customer's balance and the totals row to the sum of balances. Charts are
 * SVG drawn by the templates from figures computed here (bar lengths as
 * whole numbers), each beside the table it pictures: no script, nothing
 * that is only a picture.
 *
 * Each ERP report has twins with the same query string: .xlsx (typed
 * cells, lib/xlsx) and .pdf (A4 landscape, lib/pdf), written by the same
 * code as rows of one table (struct table).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ClearSilver.h"

#include "dz.h"
#include "aging.h"
#include "app.h"
#include "clock.h"
#include "erp.h"
#include "form.h"
#include "lang.h"
#include "log.h"
#include "money.h"
#include "pdf.h"
#include "store.h"
#include "store_account.h"
#include "view.h"
#include "xlsx.h"

#define STALE_DAYS_DEFAULT	7
#define CHART_W			600	/* SVG user units */

static enum dz_err	overview(struct dz_req *);
static enum dz_err	aging(struct dz_req *);
static enum dz_err	customers(struct dz_req *);
static enum dz_err	monthly(struct dz_req *);
static enum dz_err	habits(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET, "/reports", overview, DZ_ROLE_VIEWER, 0 },
	{ DZ_GET, "/reports/aging", aging, DZ_ROLE_VIEWER, 0 },
	{ DZ_GET, "/reports/customers", customers, DZ_ROLE_VIEWER, 0 },
	{ DZ_GET, "/reports/customer", monthly, DZ_ROLE_VIEWER, 0 },
	{ DZ_GET, "/reports/habits", habits, DZ_ROLE_VIEWER, 0 },
	/* the same as workbooks (lib/xlsx), with the same query string */
	{ DZ_GET, "/reports/aging.xlsx", aging, DZ_ROLE_VIEWER, 0 },
	{ DZ_GET, "/reports/customers.xlsx", customers, DZ_ROLE_VIEWER, 0 },
	{ DZ_GET, "/reports/customer.xlsx", monthly, DZ_ROLE_VIEWER, 0 },
	{ DZ_GET, "/reports/habits.xlsx", habits, DZ_ROLE_VIEWER, 0 },
	/* and as PDFs to print (lib/pdf, drawn in a child process) */
	{ DZ_GET, "/reports/aging.pdf", aging, DZ_ROLE_VIEWER, 0 },
	{ DZ_GET, "/reports/customers.pdf", customers, DZ_ROLE_VIEWER, 0 },
	{ DZ_GET, "/reports/customer.pdf", monthly, DZ_ROLE_VIEWER, 0 },
	{ DZ_GET, "/reports/habits.pdf", habits, DZ_ROLE_VIEWER, 0 },
};

#define XLSX_TYPE	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

enum pkey { P_FROM, P_TO, P_ALL, P__MAX };
static const struct dz_field pfields[P__MAX] = {
	[P_FROM] = { "from", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[P_TO] = { "to", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[P_ALL] = { "all", DZ_F_BOOL, 0, 0, 1, NULL, 0 },
};

enum mkey { M_CUSTOMER, M_YEAR, M__MAX };
static const struct dz_field mfields[M__MAX] = {
	[M_CUSTOMER] = { "customer", DZ_F_LINE, 1, 1, 50, NULL, 0 },
	[M_YEAR] = { "year", DZ_F_INT, 0, 1900, 2999, NULL, 0 },
};

enum okey { O_FROM, O_TO, O_DAYS, O__MAX };
static const struct dz_field ofields[O__MAX] = {
	[O_FROM] = { "from", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[O_TO] = { "to", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[O_DAYS] = { "days", DZ_F_INT, 0, 1, 3650, NULL, 0 },
};

static const char *const sort_codes[] = { "code", "total", "oldest", NULL };
enum { SORT_CODE, SORT_TOTAL, SORT_OLDEST };

enum akey { A_ASOF, A_BUCKETS, A_SORT, A_ALL, A__MAX };
static const struct dz_field afields[A__MAX] = {
	[A_ASOF] = { "asof", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[A_BUCKETS] = { "buckets", DZ_F_LINE, 0, 0, 64, NULL, 0 },
	[A_SORT] = { "sort", DZ_F_ENUM, 0, 0, 0, sort_codes, 0 },
	[A_ALL] = { "all", DZ_F_BOOL, 0, 0, 1, NULL, 0 },
};

static void
tab(struct dz_req *r, const char *title, const char *sub)
{
	dz_set(r->hdf, "Page.Title", title);
	dz_set(r->hdf, "Page.Tab", "reports");
	dz_set(r->hdf, "Page.Sub", sub);
}

/* The file asked for: the route's .xlsx or .pdf twin, or the page. */
enum out { OUT_PAGE, OUT_XLSX, OUT_PDF };
static enum out
out_of(const struct dz_req *r)
{
	const char	*dot = strrchr(r->route->pattern, '.');

	return dot == NULL ? OUT_PAGE : strcmp(dot, ".xlsx") == 0 ? OUT_XLSX : OUT_PDF;
}

static int
as_file(const struct dz_req *r)
{
	return out_of(r) != OUT_PAGE;
}

/*
 * A report as a file: a workbook written row by row (lib/xlsx, typed
 * cells), or a PDF whose cells are kept as the page's text until the end
 * (lib/pdf draws a table it has whole, to count its pages).
 */
struct table {
	enum out		 out;
	struct dz_xlsx_table	*x;
	const struct dz_xlsx_col *cols;
	struct dz_pdf_col	 pcol[DZ_PDF_COLS_MAX];
	size_t			 ncols;
	char			**cell;		/* the PDF's: nrows * ncols */
	unsigned char		*bold;
	size_t			 nrows, cap;
	char			 title[512], sub[256];
};

/*
 * Open t for the file r asks for: a sheet named sheet, titled line (what,
 * for when) and the user's company, with ncols columns.
 */
static enum dz_err
table_open(struct dz_req *r, struct table *t, const char *sheet, const char *line,
    const struct dz_xlsx_col *cols, size_t ncols)
{
	char	title[768], now[DZ_MINUTE_LEN + 1];
	size_t	i;

	memset(t, 0, sizeof(*t));
	t->out = out_of(r);
	t->cols = cols;
	t->ncols = ncols;
	if (t->out == OUT_XLSX) {
		snprintf(title, sizeof(title), "%s  %s", line, r->sess.company);
		return dz_xlsx_table_open(NULL, sheet, title, cols, ncols, &t->x);
	}
	if (ncols > DZ_PDF_COLS_MAX)
		return DZ_ERR_INVAL;
	for (i = 0; i < ncols; i++)
		t->pcol[i] = (struct dz_pdf_col){ cols[i].label, cols[i].width,
		    cols[i].kind != DZ_XLSX_TEXT };
	snprintf(t->title, sizeof(t->title), "%s", line);
	dz_now_minute(now);
	snprintf(t->sub, sizeof(t->sub), LANG_reports_pdf_made, now, r->sess.username);
	return DZ_OK;
}

/* One row of ncols cells; bold for a totals row. */
static enum dz_err
table_row(struct table *t, const struct dz_xlsx_cell *c, int bold)
{
	char		 buf[DZ_MONEY_BUFSZ + 24], **nc;
	unsigned char	*nb;
	const char	*s;
	size_t		 i, cap;

	if (t->out == OUT_XLSX)
		return dz_xlsx_table_row(t->x, c, bold);
	if (t->nrows == t->cap) {
		cap = t->cap > 0 ? t->cap * 2 : 64;
		if ((nc = reallocarray(t->cell, cap * t->ncols, sizeof(*nc))) == NULL)
			return DZ_ERR_NOMEM;
		t->cell = nc;
		if ((nb = realloc(t->bold, cap)) == NULL)
			return DZ_ERR_NOMEM;
		t->bold = nb;
		t->cap = cap;
	}
	for (i = 0; i < t->ncols; i++) {
		switch (t->cols[i].kind) {
		case DZ_XLSX_MONEY:
			s = dz_money_format(c[i].v, buf, sizeof(buf));
			break;
		case DZ_XLSX_INT:
			if ((s = c[i].s) == NULL) {
				snprintf(buf, sizeof(buf), "%lld", (long long)c[i].v);
				s = buf;
			}
			break;
		default:
			s = c[i].s;
			break;
		}
		if ((t->cell[t->nrows * t->ncols + i] = strdup(s != NULL ? s : "")) == NULL) {
			while (i-- > 0)
				free(t->cell[t->nrows * t->ncols + i]);
			return DZ_ERR_NOMEM;
		}
	}
	t->bold[t->nrows++] = bold != 0;
	return DZ_OK;
}

static void
table_free(struct table *t)
{
	size_t	i;

	if (t->x != NULL)
		dz_xlsx_table_free(t->x);
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->bold);
	memset(t, 0, sizeof(*t));
}

/*
 * Finish a table whose rows were written with result rc: send it named
 * ascii / utf8 (utf8 a printf format of the arguments; each without the
 * extension, which the file's kind adds), or drop it.
 */
static enum dz_err
table_send(struct dz_req *r, struct table *t, enum dz_err rc, const char *ascii,
    const char *utf8, ...)
{
	struct dz_pdf_table	 pt;
	unsigned char		*doc = NULL;
	const char		*ext = t->out == OUT_XLSX ? ".xlsx" : ".pdf";
	char			 name[256], aname[64];
	va_list			 ap;
	size_t			 size, len = 0;
	int			 fd;

	if (rc != DZ_OK) {
		table_free(t);
		return rc;
	}
	va_start(ap, utf8);
	vsnprintf(name, sizeof(name) - 8, utf8, ap);
	va_end(ap);
	strcat(name, ext);
	snprintf(aname, sizeof(aname), "%s%s", ascii, ext);
	if (t->out == OUT_XLSX) {
		rc = dz_xlsx_table_close(t->x, &fd, &size);
		t->x = NULL;
		if (rc != DZ_OK)
			return rc;
		if ((rc = dz_attachment(r, aname, name)) == DZ_OK)
			rc = dz_send_fd(r, XLSX_TYPE, fd, size);
		close(fd);
		return rc;
	}
	memset(&pt, 0, sizeof(pt));
	pt.company = r->sess.company;
	pt.title = t->title;
	pt.sub = t->sub;
	pt.cols = t->pcol;
	pt.ncols = t->ncols;
	pt.cell = (const char *const *)t->cell;
	pt.bold = t->bold;
	pt.nrows = t->nrows;
	pt.landscape = t->ncols > 6;
	rc = dz_pdf_apart(NULL, &pt, ascii, &doc, &len);
	table_free(t);
	if (rc == DZ_OK && (rc = dz_attachment(r, aname, name)) == DZ_OK &&
	    (rc = dz_send_start(r, "application/pdf", (long long)len)) == DZ_OK)
		rc = dz_send_more(r, doc, len);
	free(doc);
	return rc;
}

/* A share in tenths of a percent, "83.3"; "" when the whole is 0. */
static void
set_rate(struct _hdf *h, const char *name, long long part, long long whole)
{
	char	buf[24];

	if (whole <= 0) {
		dz_set(h, name, "");
		return;
	}
	snprintf(buf, sizeof(buf), "%lld.%lld", part * 1000 / whole / 10,
	    part * 1000 / whole % 10);
	dz_set(h, name, buf);
}

/* A bar's length out of CHART_W for v of max (0 stays 0, a little shows). */
static long long
bar(long long v, long long max)
{
	long long	w;

	if (v <= 0 || max <= 0)
		return 0;
	w = v * (CHART_W - 160) / max;
	return w < 2 ? 2 : w;
}

/* The period presets: 本月, 上月, 本季度, 本年, as of today. */
static void
presets(struct _hdf *hdf, const char *today)
{
	char	from[24], to[11];
	int	y, m, d, qm;

	if (dz_date_parse(today, &y, &m, &d) != 0 || y < 1900 || y > 2999 || m < 1 || m > 12)
		return;
	snprintf(from, sizeof(from), "%04d-%02d-01", y, m);
	dz_set(hdf, "Preset.month.from", from);
	dz_set(hdf, "Preset.month.to", today);
	if (dz_date_last_month(today, from, to) == 0) {
		dz_set(hdf, "Preset.last.from", from);
		dz_set(hdf, "Preset.last.to", to);
	}
	qm = (m - 1) / 3 * 3 + 1;
	snprintf(from, sizeof(from), "%04d-%02d-01", y, qm);
	dz_set(hdf, "Preset.quarter.from", from);
	dz_set(hdf, "Preset.quarter.to", today);
	snprintf(from, sizeof(from), "%04d-01-01", y);
	dz_set(hdf, "Preset.year.from", from);
	dz_set(hdf, "Preset.year.to", today);
}

/* ---------------------------------------------------------------------
 * 结算概览.
 */

static enum dz_err
overview(struct dz_req *r)
{
	struct dz_value			 v[O__MAX];
	struct dz_form_error		 fe;
	struct dz_store_overview	 o;
	struct dz_store_disputes	 dl;
	struct dz_store_months		 ml;
	struct _hdf			*row;
	char				 from[11], to[11], today[11], buf[64];
	long long			 days, max = 0, hours;
	int64_t				 mmax = 0;
	size_t				 i;
	enum dz_err			 rc;

	tab(r, LANG_reports_overview, "overview");
	if ((rc = dz_req_form(r, ofields, O__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, O__MAX);
		return dz_bad_field(r, &fe);
	}
	dz_today(today);
	presets(r->hdf, today);
	/* Default: this year up to today. */
	snprintf(from, sizeof(from), "%s", v[O_FROM].present ? v[O_FROM].s : "");
	snprintf(to, sizeof(to), "%s", v[O_TO].present ? v[O_TO].s : today);
	if (from[0] == '\0')
		snprintf(from, sizeof(from), "%.4s-01-01", today);
	days = v[O_DAYS].present ? v[O_DAYS].i : STALE_DAYS_DEFAULT;
	dz_form_values_free(v, O__MAX);
	dz_set(r->hdf, "Filter.from", from);
	dz_set(r->hdf, "Filter.to", to);
	dz_set_int(r->hdf, "Filter.days", days);
	snprintf(buf, sizeof(buf), LANG_reports_exposure_note, (int)days);
	dz_set(r->hdf, "Report.ExposureNote", buf);
	if (strcmp(from, to) > 0) {
		dz_set(r->hdf, "Form.Err.to", LANG_form_to_before_from);
		return dz_render(r, 400, "reports/overview.cs");
	}
	if (r->sess.account_set_id == 0)
		return dz_render(r, 200, "reports/overview.cs");

	if ((rc = dz_store_overview(r->app->db, r->sess.account_set_id, from, to,
	    (int)days, &o, &ml)) != DZ_OK)
		return rc;
	dz_set_int(r->hdf, "Report.Made", o.made);
	dz_set_int(r->hdf, "Report.Shared", o.shared);
	dz_set_int(r->hdf, "Report.Opened", o.opened);
	dz_set_int(r->hdf, "Report.Answered", o.answered);
	dz_set_int(r->hdf, "Report.Agreed", o.agreed);
	dz_set_int(r->hdf, "Report.Disputed", o.disputed);
	dz_set_int(r->hdf, "Report.Pending", o.made - o.answered);
	set_rate(r->hdf, "Report.Rate", o.answered, o.made);
	set_rate(r->hdf, "Report.AgreedRate", o.agreed, o.answered);
	dz_set_money(r->hdf, "Report.Received", o.received);
	dz_set_money(r->hdf, "Report.Closing", o.closing);
	dz_set_int(r->hdf, "Report.Stale", o.stale);
	dz_set_money(r->hdf, "Report.StaleClosing", o.stale_closing);
	dz_set_int(r->hdf, "Report.Timed", o.timed);
	if (o.median_seconds >= 0) {
		/* hours with one decimal */
		hours = (o.median_seconds * 10 + 1800) / 3600;
		snprintf(buf, sizeof(buf), "%lld.%lld", hours / 10, hours % 10);
		dz_set(r->hdf, "Report.MedianHours", buf);
	}
	/* the money chart: 已收 and 欠款 side by side */
	mmax = o.received > o.closing ? o.received : o.closing;
	dz_set_int(r->hdf, "Chart.Received", bar(o.received, mmax));
	dz_set_int(r->hdf, "Chart.Closing", bar(o.closing, mmax));

	if ((rc = dz_store_disputes(r->app->db, r->sess.account_set_id, from, to,
	    &dl)) != DZ_OK) {
		dz_store_months_free(&ml);
		return rc;
	}
	for (i = 0; i < dl.n; i++) {
		row = dz_row(r->hdf, "Disputes", i);
		dz_set(row, "Code", dl.v[i].code);
		dz_set(row, "Name", dl.v[i].name);
		dz_set_int(row, "Disputed", dl.v[i].disputed);
		dz_set_int(row, "Made", dl.v[i].made);
		dz_set_money(row, "Closing", dl.v[i].closing);
	}
	dz_store_disputes_free(&dl);

	for (i = 0; i < ml.n; i++)
		if (ml.v[i].made > max)
			max = ml.v[i].made;
	for (i = 0; i < ml.n; i++) {
		const struct dz_store_month *m = &ml.v[i];

		row = dz_row(r->hdf, "Months", i);
		dz_set(row, "Month", m->month);
		dz_set_int(row, "Made", m->made);
		dz_set_int(row, "Answered", m->answered);
		dz_set_int(row, "Agreed", m->agreed);
		dz_set_int(row, "Disputed", m->disputed);
		set_rate(row, "Rate", m->answered, m->made);
		dz_set_money(row, "Closing", m->closing);
		dz_set_money(row, "Received", m->received);
		/* chart rows: one band of 22 units a month */
		dz_set_int(row, "Y", (long long)i * 22);
		dz_set_int(row, "BarMade", bar(m->made, max));
		dz_set_int(row, "BarAnswered", bar(m->answered, max));
	}
	dz_set_int(r->hdf, "Chart.Height", (long long)ml.n * 22 + 4);
	dz_store_months_free(&ml);
	return dz_render(r, 200, "reports/overview.cs");
}

/* ---------------------------------------------------------------------
 * 账龄分析.
 */

static int sort_by;

static int
aged_cmp(const void *a, const void *b)
{
	const struct dz_erp_aged *x = a, *y = b;

	if (sort_by == SORT_TOTAL && x->aging.balance != y->aging.balance)
		return x->aging.balance > y->aging.balance ? -1 : 1;
	if (sort_by == SORT_OLDEST && x->aging.oldest != y->aging.oldest)
		return x->aging.oldest > y->aging.oldest ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* Bucket i's heading: 30 天以内, 31–60 天, ..., 180 天以上. */
static void
bucket_name(const struct dz_aging_buckets *b, size_t i, char *buf, size_t sz)
{
	if (i == 0)
		snprintf(buf, sz, LANG_reports_bucket_upto, b->limit[0]);
	else if (i < b->n)
		snprintf(buf, sz, LANG_reports_bucket_range, b->limit[i - 1] + 1, b->limit[i]);
	else
		snprintf(buf, sz, LANG_reports_bucket_over, b->limit[b->n - 1]);
}

static void
bucket_names(struct _hdf *hdf, const struct dz_aging_buckets *b)
{
	char	buf[64];
	size_t	i;

	for (i = 0; i <= b->n; i++) {
		bucket_name(b, i, buf, sizeof(buf));
		dz_set_idx(hdf, "Buckets", i, "Name", buf);
	}
}

static enum dz_err
erp_failed(struct dz_req *r, enum dz_err rc)
{
	char	detail[512];

	snprintf(detail, sizeof(detail), LANG_reports_erp_failed,
	    *dz_erp_why(r->app->erp) != '\0' ? dz_erp_why(r->app->erp) : dz_strerror(rc),
	    rc == DZ_ERR_ERP_LOGIN || rc == DZ_ERR_ERP_NODB ?
	    LANG_query_erp_check_dsn : LANG_query_erp_retry);
	dz_log_warn("reports: ERP %s: %s", dz_strerror(rc), dz_erp_why(r->app->erp));
	return dz_error_page(r, rc, detail);
}

/* 账龄分析 as a file: the page's table, its totals row last. */
static enum dz_err
aging_file(struct dz_req *r, const char *asof, const struct dz_aging_buckets *b,
    const struct dz_erp_aged *c, size_t n, int all)
{
	struct dz_xlsx_col	 cols[DZ_AGING_BUCKETS_MAX + 4];
	struct dz_xlsx_cell	 cell[DZ_AGING_BUCKETS_MAX + 4];
	struct table		 t;
	char			 names[DZ_AGING_BUCKETS_MAX][64], title[512];
	char			 oldest[24];
	int64_t			 tot[DZ_AGING_BUCKETS_MAX], total = 0;
	size_t			 i, k, nc;
	enum dz_err		 rc;

	cols[0] = (struct dz_xlsx_col){ LANG_reports_code, DZ_XLSX_TEXT, 12 };
	cols[1] = (struct dz_xlsx_col){ LANG_reports_customer, DZ_XLSX_TEXT, 30 };
	cols[2] = (struct dz_xlsx_col){ LANG_reports_total, DZ_XLSX_MONEY, 14 };
	for (k = 0; k <= b->n; k++) {
		bucket_name(b, k, names[k], sizeof(names[k]));
		cols[3 + k] = (struct dz_xlsx_col){ names[k], DZ_XLSX_MONEY, 14 };
	}
	nc = 3 + b->n + 1;
	cols[nc++] = (struct dz_xlsx_col){ LANG_reports_oldest, DZ_XLSX_INT, 10 };
	snprintf(title, sizeof(title), LANG_reports_xlsx_aging, asof);
	if ((rc = table_open(r, &t, LANG_reports_aging, title, cols, nc)) != DZ_OK)
		return rc;
	memset(tot, 0, sizeof(tot));
	for (i = 0; i < n && rc == DZ_OK; i++) {
		const struct dz_aging *a = &c[i].aging;

		for (k = 0; k <= b->n; k++)
			tot[k] += a->bucket[k];
		total += a->balance;
		if (!all && a->balance == 0)
			continue;
		cell[0] = (struct dz_xlsx_cell){ c[i].code, 0 };
		cell[1] = (struct dz_xlsx_cell){ c[i].name, 0 };
		cell[2] = (struct dz_xlsx_cell){ NULL, a->balance };
		for (k = 0; k <= b->n; k++)
			cell[3 + k] = (struct dz_xlsx_cell){ NULL, a->bucket[k] };
		if (a->uncovered)
			snprintf(oldest, sizeof(oldest), "> %d", b->limit[b->n - 1]);
		cell[3 + b->n + 1] = a->uncovered ? (struct dz_xlsx_cell){ oldest, 0 } :
		    a->oldest >= 0 ? (struct dz_xlsx_cell){ NULL, a->oldest } :
		    (struct dz_xlsx_cell){ "", 0 };
		rc = table_row(&t, cell, 0);
	}
	if (rc == DZ_OK) {
		cell[0] = (struct dz_xlsx_cell){ "", 0 };
		cell[1] = (struct dz_xlsx_cell){ LANG_reports_all_customers, 0 };
		cell[2] = (struct dz_xlsx_cell){ NULL, total };
		for (k = 0; k <= b->n; k++)
			cell[3 + k] = (struct dz_xlsx_cell){ NULL, tot[k] };
		cell[3 + b->n + 1] = (struct dz_xlsx_cell){ "", 0 };
		rc = table_row(&t, cell, 1);
	}
	return table_send(r, &t, rc, "aging", "%s-%s", LANG_reports_aging, asof);
}

static enum dz_err
aging(struct dz_req *r)
{
	struct dz_value		 v[A__MAX];
	struct dz_form_error	 fe;
	struct dz_aging_buckets	 b;
	struct dz_erp_target	 target;
	struct dz_erp_aged	*c = NULL;
	struct _hdf		*row;
	char			 asof[11], spec[65], buf[64];
	int64_t			 tot[DZ_AGING_BUCKETS_MAX], total = 0, max = 0;
	size_t			 n = 0, i, k, shown = 0;
	int			 all, bad_buckets = 0;
	enum dz_err		 rc;

	tab(r, LANG_reports_aging, "aging");
	if ((rc = dz_req_form(r, afields, A__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, A__MAX);
		return dz_bad_field(r, &fe);
	}
	if (v[A_ASOF].present)
		snprintf(asof, sizeof(asof), "%s", v[A_ASOF].s);
	else
		dz_today(asof);
	snprintf(spec, sizeof(spec), "%s", v[A_BUCKETS].present ? v[A_BUCKETS].s :
	    DZ_AGING_DEFAULT);
	sort_by = v[A_SORT].present ? (int)v[A_SORT].i : SORT_CODE;
	all = v[A_ALL].present && v[A_ALL].i != 0;
	dz_form_values_free(v, A__MAX);
	if (dz_aging_buckets_parse(spec, &b) != DZ_OK)
		bad_buckets = 1;
	dz_set(r->hdf, "Filter.asof", asof);
	dz_set(r->hdf, "Filter.buckets", bad_buckets ? spec :
	    dz_aging_buckets_format(&b, buf, sizeof(buf)));
	dz_set(r->hdf, "Filter.sort", sort_codes[sort_by]);
	dz_set_int(r->hdf, "Filter.all", all);
	if (bad_buckets) {
		dz_set(r->hdf, "Form.Err.buckets", LANG_reports_buckets_bad);
		return dz_render(r, 400, "reports/aging.cs");
	}
	bucket_names(r->hdf, &b);
	dz_set_int(r->hdf, "Filter.last", b.limit[b.n - 1]);
	if (r->sess.account_set_id == 0)
		return dz_render(r, 200, "reports/aging.cs");

	rc = dz_store_account_target(r->app->db, r->app->keys, r->sess.account_set_id,
	    NULL, 0, &target);
	if (rc != DZ_OK)
		return rc == DZ_ERR_NOTFOUND ? DZ_ERR_FORBIDDEN : rc;
	rc = dz_erp_aging(r->app->erp, &target, asof, &b, &c, &n);
	dz_erp_dsn_wipe(&target.dsn);
	if (rc != DZ_OK)
		return erp_failed(r, rc);
	qsort(c, n, sizeof(*c), aged_cmp);
	if (as_file(r)) {
		rc = aging_file(r, asof, &b, c, n, all);
		free(c);
		return rc;
	}

	memset(tot, 0, sizeof(tot));
	for (i = 0; i < n; i++) {
		for (k = 0; k <= b.n; k++) {
			tot[k] += c[i].aging.bucket[k];
			if (c[i].aging.bucket[k] > max)
				max = c[i].aging.bucket[k];
		}
		total += c[i].aging.balance;
	}
	for (i = 0; i < n; i++) {
		const struct dz_aging *a = &c[i].aging;

		if (!all && a->balance == 0)
			continue;
		row = dz_row(r->hdf, "Customers", shown++);
		dz_set(row, "Id", c[i].id);
		dz_set(row, "Code", c[i].code);
		dz_set(row, "Name", c[i].name);
		dz_set_money(row, "Total", a->balance);
		if (a->oldest >= 0)
			dz_set_int(row, "Oldest", a->oldest);
		dz_set_int(row, "Uncovered", a->uncovered);
		for (k = 0; k <= b.n; k++)
			dz_set_idx_money(row, "B", k, "V", a->bucket[k]);
	}
	dz_set_int(r->hdf, "Report.Customers", (long long)n);
	dz_set_int(r->hdf, "Report.Shown", (long long)shown);
	dz_set_money(r->hdf, "Report.Total", total);
	max = 0;
	for (k = 0; k <= b.n; k++)
		if (tot[k] > max)
			max = tot[k];
	for (k = 0; k <= b.n; k++) {
		dz_set_idx_money(r->hdf, "Buckets", k, "Total", tot[k]);
		dz_set_idx_int(r->hdf, "Buckets", k, "Bar", bar(tot[k], max));
		dz_set_idx_int(r->hdf, "Buckets", k, "Y", (long long)k * 26);
		set_rate(dz_row(r->hdf, "Buckets", k), "Share", tot[k] > 0 ? tot[k] : 0,
		    total > 0 ? total : 0);
	}
	dz_set_int(r->hdf, "Chart.Height", (long long)(b.n + 1) * 26 + 4);
	free(c);
	return dz_render(r, 200, "reports/aging.cs");
}

/* ---------------------------------------------------------------------
 * 对账报表: every customer for a period; one customer month by month.
 */

/*
 * The period form of 对账报表 and 付款习惯 (from, to, all) into the
 * page's Filter.*, with the presets; the default is last month (month-end
 * statements cover it) or, with year, this year up to today. DZ_OK when
 * the report is to be drawn; otherwise *done holds what was answered: a
 * bad field's page, or the page with "from after to" (400).
 */
static int
read_period(struct dz_req *r, int year, const char *page, char from[24], char to[11],
    int *all, enum dz_err *done)
{
	struct dz_value		v[P__MAX];
	struct dz_form_error	fe;
	char			today[11], y[5];

	if (dz_req_form(r, pfields, P__MAX, v, &fe) != DZ_OK) {
		dz_form_values_free(v, P__MAX);
		*done = dz_bad_field(r, &fe);
		return -1;
	}
	dz_today(today);
	presets(r->hdf, today);
	from[0] = to[0] = '\0';
	if (year) {
		snprintf(from, 24, "%.4s-01-01", today);
		snprintf(to, 11, "%s", today);
	} else
		(void)dz_date_last_month(today, from, to);
	if (v[P_FROM].present)
		snprintf(from, 24, "%s", v[P_FROM].s);
	if (v[P_TO].present)
		snprintf(to, 11, "%s", v[P_TO].s);
	*all = v[P_ALL].present && v[P_ALL].i != 0;
	dz_form_values_free(v, P__MAX);
	dz_set(r->hdf, "Filter.from", from);
	dz_set(r->hdf, "Filter.to", to);
	dz_set_int(r->hdf, "Filter.all", *all);
	snprintf(y, sizeof(y), "%.4s", to);
	dz_set(r->hdf, "Filter.year", y);
	if (strcmp(from, to) > 0) {
		dz_set(r->hdf, "Form.Err.to", LANG_form_to_before_from);
		*done = dz_render(r, 400, page);
		return -1;
	}
	return 0;
}

/* The signed-in user's ERP target; the caller wipes it. */
static enum dz_err
target_of(struct dz_req *r, struct dz_erp_target *target)
{
	enum dz_err	rc;

	rc = dz_store_account_target(r->app->db, r->app->keys, r->sess.account_set_id,
	    NULL, 0, target);
	return rc == DZ_ERR_NOTFOUND ? DZ_ERR_FORBIDDEN : rc;
}

static void
set_totals(struct _hdf *row, const struct dz_stmt_totals *t)
{
	dz_set_money(row, "Opening", t->opening);
	dz_set_money(row, "Sales", t->sales);
	dz_set_money(row, "Returns", t->returns);
	dz_set_money(row, "Receipts", t->receipts);
	dz_set_money(row, "Other", t->other);
	dz_set_money(row, "Closing", t->closing);
}

/* The newest statement of states[] (one customer's run) for the page. */
static void
set_state(struct _hdf *row, const struct dz_store_state *st)
{
	if (st == NULL)
		return;
	dz_set_int(row, "StmtId", st->id);
	dz_set(row, "StmtStatus", dz_stmt_status_code(st->status));
	dz_set(row, "StmtStatusName", dz_stmt_status_name(st->status));
	dz_set(row, "StmtFrom", st->from);
	dz_set(row, "StmtTo", st->to);
}

/* The totals columns of the ledger reports, after the first ones. */
static const struct dz_xlsx_col ledger_cols[] = {
	{ LANG_reports_opening, DZ_XLSX_MONEY, 14 },
	{ LANG_reports_sales, DZ_XLSX_MONEY, 14 },
	{ LANG_reports_returns, DZ_XLSX_MONEY, 14 },
	{ LANG_reports_receipts, DZ_XLSX_MONEY, 14 },
	{ LANG_reports_other, DZ_XLSX_MONEY, 14 },
	{ LANG_reports_period_closing, DZ_XLSX_MONEY, 14 },
};

static void
ledger_cells(struct dz_xlsx_cell *c, const struct dz_stmt_totals *t)
{
	c[0] = (struct dz_xlsx_cell){ NULL, t->opening };
	c[1] = (struct dz_xlsx_cell){ NULL, t->sales };
	c[2] = (struct dz_xlsx_cell){ NULL, t->returns };
	c[3] = (struct dz_xlsx_cell){ NULL, t->receipts };
	c[4] = (struct dz_xlsx_cell){ NULL, t->other };
	c[5] = (struct dz_xlsx_cell){ NULL, t->closing };
}

/* A statement's state for a cell: 符合 #12, or 未生成. */
static const char *
state_text(const struct dz_store_state *st, char *buf, size_t sz)
{
	if (st == NULL)
		return LANG_reports_no_statement;
	snprintf(buf, sz, "%s #%lld", dz_stmt_status_name(st->status), st->id);
	return buf;
}

static const struct dz_store_state *
state_of(const struct dz_store_states *st, const char *id)
{
	size_t	k;

	for (k = 0; k < st->n; k++)
		if (strcmp(st->v[k].customer_id, id) == 0)
			return &st->v[k];
	return NULL;
}

static enum dz_err
customers_file(struct dz_req *r, const char *from, const char *to,
    const struct dz_erp_period *p, size_t n, const struct dz_store_states *st, int all)
{
	struct dz_xlsx_col	 cols[9];
	struct dz_xlsx_cell	 c[9];
	struct table		 t;
	struct dz_stmt_totals	 sum;
	char			 title[512], buf[64];
	size_t			 i;
	enum dz_err		 rc = DZ_OK;

	cols[0] = (struct dz_xlsx_col){ LANG_reports_code, DZ_XLSX_TEXT, 12 };
	cols[1] = (struct dz_xlsx_col){ LANG_reports_customer, DZ_XLSX_TEXT, 30 };
	memcpy(&cols[2], ledger_cols, sizeof(ledger_cols));
	cols[8] = (struct dz_xlsx_col){ LANG_reports_statement, DZ_XLSX_TEXT, 14 };
	snprintf(title, sizeof(title), LANG_reports_xlsx_customers, from, to);
	if ((rc = table_open(r, &t, LANG_reports_customers, title, cols, 9)) != DZ_OK)
		return rc;
	memset(&sum, 0, sizeof(sum));
	for (i = 0; i < n && rc == DZ_OK; i++) {
		const struct dz_stmt_totals *x = &p[i].t;

		sum.opening += x->opening;
		sum.sales += x->sales;
		sum.returns += x->returns;
		sum.receipts += x->receipts;
		sum.other += x->other;
		sum.closing += x->closing;
		if (!all && x->opening == 0 && x->closing == 0 && x->sales == 0 &&
		    x->returns == 0 && x->receipts == 0 && x->other == 0)
			continue;
		c[0] = (struct dz_xlsx_cell){ p[i].code, 0 };
		c[1] = (struct dz_xlsx_cell){ p[i].name, 0 };
		ledger_cells(&c[2], x);
		c[8] = (struct dz_xlsx_cell){ state_text(state_of(st, p[i].id), buf, sizeof(buf)), 0 };
		rc = table_row(&t, c, 0);
	}
	if (rc == DZ_OK) {
		c[0] = (struct dz_xlsx_cell){ "", 0 };
		c[1] = (struct dz_xlsx_cell){ LANG_reports_all_customers, 0 };
		ledger_cells(&c[2], &sum);
		c[8] = (struct dz_xlsx_cell){ "", 0 };
		rc = table_row(&t, c, 1);
	}
	return table_send(r, &t, rc, "customers", "%s-%s-%s", LANG_reports_customers, from, to);
}

static enum dz_err
customers(struct dz_req *r)
{
	struct dz_erp_target	 target;
	struct dz_erp_period	*p = NULL;
	struct dz_store_states	 st;
	struct dz_stmt_totals	 sum;
	struct _hdf		*row;
	char			 from[24], to[11];
	size_t			 n = 0, i, shown = 0;
	int			 all;
	enum dz_err		 rc;

	tab(r, LANG_reports_customers, "customers");
	if (read_period(r, 0, "reports/customers.cs", from, to, &all, &rc) != 0)
		return rc;
	if (r->sess.account_set_id == 0)
		return dz_render(r, 200, "reports/customers.cs");
	if ((rc = target_of(r, &target)) != DZ_OK)
		return rc;
	rc = dz_erp_period_all(r->app->erp, &target, from, to, &p, &n);
	dz_erp_dsn_wipe(&target.dsn);
	if (rc != DZ_OK)
		return erp_failed(r, rc);
	if ((rc = dz_store_states(r->app->db, r->sess.account_set_id, from, to, NULL,
	    &st)) != DZ_OK) {
		free(p);
		return rc;
	}
	if (as_file(r)) {
		rc = customers_file(r, from, to, p, n, &st, all);
		dz_store_states_free(&st);
		free(p);
		return rc;
	}
	memset(&sum, 0, sizeof(sum));
	for (i = 0; i < n; i++) {
		const struct dz_stmt_totals *t = &p[i].t;
		const struct dz_store_state *s = NULL;

		sum.opening += t->opening;
		sum.sales += t->sales;
		sum.returns += t->returns;
		sum.receipts += t->receipts;
		sum.other += t->other;
		sum.closing += t->closing;
		if (!all && t->opening == 0 && t->closing == 0 && t->sales == 0 &&
		    t->returns == 0 && t->receipts == 0 && t->other == 0)
			continue;
		s = state_of(&st, p[i].id);
		row = dz_row(r->hdf, "Customers", shown++);
		dz_set(row, "Id", p[i].id);
		dz_set(row, "Code", p[i].code);
		dz_set(row, "Name", p[i].name);
		set_totals(row, t);
		set_state(row, s);
	}
	dz_set_int(r->hdf, "Report.Customers", (long long)n);
	dz_set_int(r->hdf, "Report.Shown", (long long)shown);
	set_totals(dz_row(r->hdf, "Report", 0), &sum);
	dz_store_states_free(&st);
	free(p);
	return dz_render(r, 200, "reports/customers.cs");
}

static enum dz_err
monthly(struct dz_req *r)
{
	struct dz_value		 v[M__MAX];
	struct dz_form_error	 fe;
	struct dz_erp_target	 target;
	struct dz_erp_customer	 cust;
	struct dz_erp_doc	*d = NULL;
	struct dz_store_states	 st;
	struct dz_stmt_totals	 t;
	struct _hdf		*row;
	char			 id[51], from[32], to[32], today[11], mfrom[32], mto[32], mon[8];
	char			 title[1024], buf[64];
	struct dz_xlsx_col	 cols[9];
	struct dz_xlsx_cell	 c[9];
	struct table		 xt;
	int			 file = as_file(r);
	enum dz_doc_type	 type;
	int64_t			 opening, amount;
	long long		 year;
	size_t			 n = 0, i = 0, k;
	int			 m, last = 12, y = 0, mm, dd;
	enum dz_err		 rc;

	tab(r, LANG_reports_monthly, "customers");
	if ((rc = dz_req_form(r, mfields, M__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, M__MAX);
		return dz_bad_field(r, &fe);
	}
	dz_today(today);
	snprintf(id, sizeof(id), "%s", v[M_CUSTOMER].s);
	year = v[M_YEAR].present ? v[M_YEAR].i : atoi(today);
	dz_form_values_free(v, M__MAX);
	if (dz_date_parse(today, &y, &mm, &dd) == 0 && year == y)
		last = mm;
	else if (year > y)
		last = 0;
	snprintf(from, sizeof(from), "%04lld-01-01", year);
	snprintf(to, sizeof(to), "%04lld-12-31", year);
	dz_set_int(r->hdf, "Filter.year", year);
	dz_set_int(r->hdf, "Filter.prev", year - 1);
	dz_set_int(r->hdf, "Filter.next", year + 1);
	dz_set(r->hdf, "Filter.customer", id);
	if (r->sess.account_set_id == 0)
		return dz_render(r, 200, "reports/monthly.cs");
	if ((rc = target_of(r, &target)) != DZ_OK)
		return rc;
	if ((rc = dz_erp_customer(r->app->erp, &target, id, &cust)) == DZ_OK &&
	    (rc = dz_erp_opening(r->app->erp, &target, id, from, &opening)) == DZ_OK)
		rc = dz_erp_documents(r->app->erp, &target, id, from, to,
		    DZ_DOC_BIT(DZ_DOC__MAX) - 1, &d, &n);
	dz_erp_dsn_wipe(&target.dsn);
	if (rc == DZ_ERR_NOTFOUND)
		return dz_error_page(r, rc, LANG_query_erp_no_customer);
	if (rc != DZ_OK)
		return erp_failed(r, rc);
	dz_set(r->hdf, "Customer.Code", cust.code);
	dz_set(r->hdf, "Customer.Name", cust.name);
	if ((rc = dz_store_states(r->app->db, r->sess.account_set_id, from, to, id,
	    &st)) != DZ_OK) {
		free(d);
		return rc;
	}
	if (file) {
		cols[0] = (struct dz_xlsx_col){ LANG_reports_month, DZ_XLSX_TEXT, 10 };
		memcpy(&cols[1], ledger_cols, sizeof(ledger_cols));
		cols[7] = (struct dz_xlsx_col){ LANG_reports_docs, DZ_XLSX_INT, 8 };
		cols[8] = (struct dz_xlsx_col){ LANG_reports_statement, DZ_XLSX_TEXT, 14 };
		snprintf(title, sizeof(title), LANG_reports_xlsx_monthly, year, cust.name,
		    cust.code);
		if ((rc = table_open(r, &xt, LANG_reports_monthly, title, cols, 9)) != DZ_OK) {
			free(d);
			dz_store_states_free(&st);
			return rc;
		}
	}
	/* documents come by date: each month takes its own, the next
	 * month opens with this one's closing */
	for (m = 1; m <= last; m++) {
		const struct dz_store_state *s = NULL;

		snprintf(mfrom, sizeof(mfrom), "%04lld-%02d-01", year, m);
		snprintf(mto, sizeof(mto), "%04lld-%02d-31", year, m);
		(void)dz_stmt_totals_init(&t, opening);
		for (; i < n && strncmp(d[i].date, mfrom, 7) == 0; i++) {
			if (dz_stmt_doc_from_vchtype(d[i].vchtype, &type) != DZ_OK ||
			    dz_stmt_doc_signed(type, d[i].total, &amount) != DZ_OK ||
			    dz_stmt_totals_add(&t, type, amount) != DZ_OK) {
				if (file)
					table_free(&xt);
				free(d);
				dz_store_states_free(&st);
				return dz_error_page(r, DZ_ERR_ERP, LANG_erp_bad_data);
			}
		}
		memcpy(mon, mfrom, 7);
		mon[7] = '\0';
		/* the newest statement whose period meets this month */
		snprintf(mto, sizeof(mto), "%04lld-%02d-31", year, m);
		for (k = 0; k < st.n && s == NULL; k++)
			if (strcmp(st.v[k].from, mto) <= 0 && strcmp(st.v[k].to, mfrom) >= 0)
				s = &st.v[k];
		opening = t.closing;
		if (file) {
			c[0] = (struct dz_xlsx_cell){ mon, 0 };
			ledger_cells(&c[1], &t);
			c[7] = (struct dz_xlsx_cell){ NULL, t.count };
			c[8] = (struct dz_xlsx_cell){ state_text(s, buf, sizeof(buf)), 0 };
			if ((rc = table_row(&xt, c, 0)) != DZ_OK)
				break;
			continue;
		}
		row = dz_row(r->hdf, "Months", (size_t)m - 1);
		dz_set(row, "Month", mon);
		dz_set_int(row, "Count", t.count);
		set_totals(row, &t);
		set_state(row, s);
	}
	free(d);
	dz_store_states_free(&st);
	if (file)
		return table_send(r, &xt, rc, "monthly", "%s-%s-%lld", LANG_reports_monthly,
		    cust.code, year);
	return dz_render(r, 200, "reports/monthly.cs");
}

/* ---------------------------------------------------------------------
 * 付款习惯: days to pay, DSO, answers, by customer.
 */

static int
answered_cmp(const void *key, const void *elt)
{
	return strcmp(key, ((const struct dz_store_answered *)elt)->customer_id);
}

static enum dz_err
habits_file(struct dz_req *r, const char *from, const char *to,
    const struct dz_erp_habit *h, size_t n, const struct dz_store_answereds *an, int all)
{
	static const struct dz_xlsx_col cols[] = {
		{ LANG_reports_code, DZ_XLSX_TEXT, 12 },
		{ LANG_reports_customer, DZ_XLSX_TEXT, 30 },
		{ LANG_reports_opening, DZ_XLSX_MONEY, 14 },
		{ LANG_reports_sales, DZ_XLSX_MONEY, 14 },
		{ LANG_reports_paid, DZ_XLSX_MONEY, 14 },
		{ LANG_reports_days_to_pay, DZ_XLSX_INT, 10 },
		{ LANG_reports_period_closing, DZ_XLSX_MONEY, 14 },
		{ LANG_reports_dso, DZ_XLSX_TEXT, 10 },
		{ LANG_reports_stmts, DZ_XLSX_INT, 8 },
		{ LANG_reports_answered_rate, DZ_XLSX_TEXT, 10 },
		{ LANG_reports_disputed_rate, DZ_XLSX_TEXT, 10 },
	};
	struct dz_xlsx_cell	 c[DZ_NELEM(cols)];
	struct table		 t;
	const struct dz_store_answered *a;
	char			 title[512], dso[24], ar[24], dr[24];
	size_t			 i;
	enum dz_err		 rc = DZ_OK;

	snprintf(title, sizeof(title), LANG_reports_xlsx_habits, from, to);
	if ((rc = table_open(r, &t, LANG_reports_habits, title, cols, DZ_NELEM(cols))) != DZ_OK)
		return rc;
	for (i = 0; i < n && rc == DZ_OK; i++) {
		if (!all && h[i].sales == 0 && h[i].closing == 0 && h[i].opening == 0)
			continue;
		a = bsearch(h[i].id, an->v, an->n, sizeof(*an->v), answered_cmp);
		dso[0] = ar[0] = dr[0] = '\0';
		if (h[i].dso_tenths >= 0)
			snprintf(dso, sizeof(dso), "%ld.%ld", h[i].dso_tenths / 10,
			    h[i].dso_tenths % 10);
		if (a != NULL && a->made > 0) {
			snprintf(ar, sizeof(ar), "%lld.%lld%%", a->answered * 1000 / a->made / 10,
			    a->answered * 1000 / a->made % 10);
			snprintf(dr, sizeof(dr), "%lld.%lld%%", a->disputed * 1000 / a->made / 10,
			    a->disputed * 1000 / a->made % 10);
		}
		c[0] = (struct dz_xlsx_cell){ h[i].code, 0 };
		c[1] = (struct dz_xlsx_cell){ h[i].name, 0 };
		c[2] = (struct dz_xlsx_cell){ NULL, h[i].opening };
		c[3] = (struct dz_xlsx_cell){ NULL, h[i].sales };
		c[4] = (struct dz_xlsx_cell){ NULL, h[i].paid };
		c[5] = h[i].paid > 0 ? (struct dz_xlsx_cell){ NULL, h[i].days } :
		    (struct dz_xlsx_cell){ "", 0 };
		c[6] = (struct dz_xlsx_cell){ NULL, h[i].closing };
		c[7] = (struct dz_xlsx_cell){ dso, 0 };
		c[8] = a != NULL ? (struct dz_xlsx_cell){ NULL, a->made } : (struct dz_xlsx_cell){ "", 0 };
		c[9] = (struct dz_xlsx_cell){ ar, 0 };
		c[10] = (struct dz_xlsx_cell){ dr, 0 };
		rc = table_row(&t, c, 0);
	}
	return table_send(r, &t, rc, "habits", "%s-%s-%s", LANG_reports_habits, from, to);
}

static enum dz_err
habits(struct dz_req *r)
{
	struct dz_erp_target		 target;
	struct dz_erp_habit		*h = NULL;
	struct dz_store_answereds	 an;
	struct dz_store_answered	*a;
	struct _hdf			*row;
	char				 from[24], to[11], buf[24];
	size_t				 n = 0, i, shown = 0;
	int				 all;
	enum dz_err			 rc;

	tab(r, LANG_reports_habits, "habits");
	if (read_period(r, 1, "reports/habits.cs", from, to, &all, &rc) != 0)
		return rc;
	if (r->sess.account_set_id == 0)
		return dz_render(r, 200, "reports/habits.cs");
	if ((rc = target_of(r, &target)) != DZ_OK)
		return rc;
	rc = dz_erp_habits(r->app->erp, &target, from, to, &h, &n);
	dz_erp_dsn_wipe(&target.dsn);
	if (rc != DZ_OK)
		return erp_failed(r, rc);
	if ((rc = dz_store_answered(r->app->db, r->sess.account_set_id, from, to,
	    &an)) != DZ_OK) {
		free(h);
		return rc;
	}
	if (as_file(r)) {
		rc = habits_file(r, from, to, h, n, &an, all);
		dz_store_answereds_free(&an);
		free(h);
		return rc;
	}
	for (i = 0; i < n; i++) {
		if (!all && h[i].sales == 0 && h[i].closing == 0 && h[i].opening == 0)
			continue;
		row = dz_row(r->hdf, "Customers", shown++);
		dz_set(row, "Id", h[i].id);
		dz_set(row, "Code", h[i].code);
		dz_set(row, "Name", h[i].name);
		dz_set_money(row, "Opening", h[i].opening);
		dz_set_money(row, "Closing", h[i].closing);
		dz_set_money(row, "Sales", h[i].sales);
		dz_set_money(row, "Paid", h[i].paid);
		if (h[i].paid > 0)
			dz_set_int(row, "Days", h[i].days);
		if (h[i].dso_tenths >= 0) {
			snprintf(buf, sizeof(buf), "%ld.%ld", h[i].dso_tenths / 10,
			    h[i].dso_tenths % 10);
			dz_set(row, "Dso", buf);
		}
		a = bsearch(h[i].id, an.v, an.n, sizeof(*an.v), answered_cmp);
		if (a != NULL) {
			dz_set_int(row, "Made", a->made);
			set_rate(row, "Answered", a->answered, a->made);
			set_rate(row, "Disputed", a->disputed, a->made);
		}
	}
	dz_set_int(r->hdf, "Report.Customers", (long long)n);
	dz_set_int(r->hdf, "Report.Shown", (long long)shown);
	dz_store_answereds_free(&an);
	free(h);
	return dz_render(r, 200, "reports/habits.cs");
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-reports", routes, DZ_NELEM(routes),
	    DZ_APP_KEYS, &dz_erp_hooks);
}
