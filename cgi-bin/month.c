/*
 * dz-month: 批量生成, month-end for every customer at once, and 对账日.
 *
 *   GET  /month                  the newest runs and the form of a new one
 *   POST /month/new              from, to, filter: queue a run and start
 *                                its worker (Month.Worker: dz-admin
 *                                month-run --run N, detached); the same
 *                                period still running is that run's page
 *   GET  /month/%d               a run's progress (refreshes itself while
 *                                it runs: a meta refresh, no script), its
 *                                failures named, its customers
 *   POST /month/%d/cancel        取消: the worker stops at its next customer
 *   GET  /month/%d/links.xlsx    customer, 欠款金额 and live link of each
 *   GET  /month/%d/qr.pdf        the QR codes to print (lib/pdf, a child)
 *   GET  /month/followup         待跟进: statements 未确认 past the first
 *                                rung of Remind.Ladder (never opened, or
 *                                not answered), 不符合, with a 账目核对
 *                                difference or ERP drift, oldest first, each with its
 *                                age, the rung it reached and 欠款金额
 *   GET  /month/days             对账日: the account set's default, whether
 *                                runs are scheduled, the customers' own
 *   POST /month/days             day, months, scheduled
 *   POST /month/days/customer    code, day, months: a customer's own
 *   POST /month/days/remove      customer (id): back to the default
 *   POST /statements/%d/drift    检查ERP变动 (the statement page's button):
 *                                the ERP read again and what changed since
 *                                the statement was made kept (lib/store_drift);
 *                                back to the page; ERP down: 503, nothing kept
 *
 * The work is not done here: a run is a row that dz-admin month-run works
 * (tools/monthrun.c), so a page never waits on 800 customers and a killed
 * worker loses nothing. The links and the QR sheet are for clerks only:
 * each link opens a customer's statement without signing in.
 */
#include "config.h"

#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
#include "month.h"
#include "pdf.h"
#include "store.h"
#include "store_account.h"
#include "store_bulk.h"
#include "store_drift.h"
#include "view.h"
#include "xlsx.h"

static enum dz_err	index_page(struct dz_req *);
static enum dz_err	run_new(struct dz_req *);
static enum dz_err	run_page(struct dz_req *);
static enum dz_err	run_cancel(struct dz_req *);
static enum dz_err	run_links(struct dz_req *);
static enum dz_err	run_qr(struct dz_req *);
static enum dz_err	followup(struct dz_req *);
static enum dz_err	drift_check(struct dz_req *);
static enum dz_err	days_page(struct dz_req *);
static enum dz_err	days_set(struct dz_req *);
static enum dz_err	days_customer(struct dz_req *);
static enum dz_err	days_remove(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET,  "/month",			index_page,	DZ_ROLE_VIEWER, 0 },
	{ DZ_POST, "/month/new",		run_new,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/month/followup",		followup,	DZ_ROLE_VIEWER, 0 },
	{ DZ_GET,  "/month/days",		days_page,	DZ_ROLE_VIEWER, 0 },
	{ DZ_POST, "/month/days",		days_set,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/month/days/customer",	days_customer,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/month/days/remove",	days_remove,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/month/%d",			run_page,	DZ_ROLE_VIEWER, 0 },
	{ DZ_POST, "/month/%d/cancel",		run_cancel,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/month/%d/links.xlsx",	run_links,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/month/%d/qr.pdf",		run_qr,		DZ_ROLE_CLERK, 0 },
	/* the statement page's 检查ERP变动 (nginx sends it here) */
	{ DZ_POST, "/statements/%d/drift",	drift_check,	DZ_ROLE_CLERK, 0 },
};

#define XLSX_TYPE	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define RUNS_SHOWN	30	/* runs on /month */
#define ITEMS_SHOWN	200	/* customers on a run's page */
#define REFRESH_S	3
#define PERIOD_DAYS_MAX	366
#define QR_PART		1000	/* customers in one QR sheet (a PDF within DZ_PDF_SECONDS) */

enum nkey { N_FROM, N_TO, N_FILTER, N__MAX };
static const struct dz_field nfields[N__MAX] = {
	[N_FROM] = { "from", DZ_F_DATE, 1, 0, 0, NULL, 0 },
	[N_TO] = { "to", DZ_F_DATE, 1, 0, 0, NULL, 0 },
	[N_FILTER] = { "filter", DZ_F_LINE, 0, 0, 63, NULL, 0 },
};

enum dkey { D_DAY, D_MONTHS, D_SCHEDULED, D__MAX };
static const struct dz_field dfields[D__MAX] = {
	[D_DAY] = { "day", DZ_F_INT, 1, 0, DZ_RDAY_MAX, NULL, 0 },
	[D_MONTHS] = { "months", DZ_F_INT, 1, 1, 12, NULL, 0 },
	[D_SCHEDULED] = { "scheduled", DZ_F_BOOL, 0, 0, 1, NULL, 0 },
};

enum ckey { C_CODE, C_DAY, C_MONTHS, C__MAX };
static const struct dz_field cfields[C__MAX] = {
	[C_CODE] = { "code", DZ_F_LINE, 1, 1, 63, NULL, 0 },
	[C_DAY] = { "day", DZ_F_INT, 1, 0, DZ_RDAY_MAX, NULL, 0 },
	[C_MONTHS] = { "months", DZ_F_INT, 1, 1, 12, NULL, 0 },
};

/* /month/N/qr.pdf?part=K: the K-th QR_PART customers */
enum qkey { Q_PART, Q__MAX };
static const struct dz_field qfields[Q__MAX] = {
	[Q_PART] = { "part", DZ_F_INT, 0, 1, DZ_BULK_CUSTOMERS_MAX / QR_PART, NULL, 0 },
};

/* a run's page: ?active=1 after a new run met this one still running */
enum akey { A_ACTIVE, A__MAX };
static const struct dz_field afields[A__MAX] = {
	[A_ACTIVE] = { "active", DZ_F_BOOL, 0, 0, 1, NULL, 0 },
};

/* /month/days?saved=1 after a change */
enum skey { S_SAVED, S__MAX };
static const struct dz_field sfields[S__MAX] = {
	[S_SAVED] = { "saved", DZ_F_BOOL, 0, 0, 1, NULL, 0 },
};

enum rkey { R_CUSTOMER, R__MAX };
static const struct dz_field rfields[R__MAX] = {
	[R_CUSTOMER] = { "customer", DZ_F_LINE, 1, 1, 63, NULL, 0 },
};

static const struct dz_viewmap run_view[] = {
	DZ_VIEW("Id", struct dz_bulk_run, id, DZ_V_INT),
	DZ_VIEW("From", struct dz_bulk_run, from, DZ_V_STR),
	DZ_VIEW("To", struct dz_bulk_run, to, DZ_V_STR),
	DZ_VIEW("Filter", struct dz_bulk_run, filter, DZ_V_STR),
	DZ_VIEW("Origin", struct dz_bulk_run, origin, DZ_V_STR),
	DZ_VIEW("State", struct dz_bulk_run, state, DZ_V_STR),
	DZ_VIEW("Listed", struct dz_bulk_run, listed, DZ_V_BOOL),
	DZ_VIEW("Total", struct dz_bulk_run, total, DZ_V_INT),
	DZ_VIEW("Made", struct dz_bulk_run, made, DZ_V_INT),
	DZ_VIEW("Kept", struct dz_bulk_run, kept, DZ_V_INT),
	DZ_VIEW("Failed", struct dz_bulk_run, failed, DZ_V_INT),
	DZ_VIEW("By", struct dz_bulk_run, username, DZ_V_STR),
	DZ_VIEW("CreatedAt", struct dz_bulk_run, created_at, DZ_V_STR),
	DZ_VIEW("StartedAt", struct dz_bulk_run, started_at, DZ_V_STR),
	DZ_VIEW("FinishedAt", struct dz_bulk_run, finished_at, DZ_V_STR),
	DZ_VIEW("Error", struct dz_bulk_run, error, DZ_V_STR),
};

static const struct dz_viewmap item_view[] = {
	DZ_VIEW("Seq", struct dz_bulk_item, seq, DZ_V_INT),
	DZ_VIEW("Code", struct dz_bulk_item, customer_code, DZ_V_STR),
	DZ_VIEW("Name", struct dz_bulk_item, customer_name, DZ_V_STR),
	DZ_VIEW("State", struct dz_bulk_item, state, DZ_V_STR),
	DZ_VIEW("Stmt", struct dz_bulk_item, statement_id, DZ_V_INT),
	DZ_VIEW("Error", struct dz_bulk_item, error, DZ_V_STR),
	DZ_VIEW("Closing", struct dz_bulk_item, closing, DZ_V_MONEY),
	DZ_VIEW("Status", struct dz_bulk_item, status, DZ_V_STR),
	DZ_VIEW("Deleted", struct dz_bulk_item, deleted, DZ_V_BOOL),
};

static const struct dz_viewmap rday_view[] = {
	DZ_VIEW("Id", struct dz_rday, customer_id, DZ_V_STR),
	DZ_VIEW("Code", struct dz_rday, customer_code, DZ_V_STR),
	DZ_VIEW("Name", struct dz_rday, customer_name, DZ_V_STR),
	DZ_VIEW("Day", struct dz_rday, day, DZ_V_INT),
	DZ_VIEW("Months", struct dz_rday, months, DZ_V_INT),
};

static void
tab(struct dz_req *r, const char *title)
{
	dz_set(r->hdf, "Page.Title", title);
	dz_set(r->hdf, "Page.Tab", "month");
}

static void
actor(const struct dz_req *r, struct dz_actor *who)
{
	memset(who, 0, sizeof(*who));
	who->user_id = r->sess.user_id;
	who->username = r->sess.username;
	who->ip = r->remote_addr;
	who->user_agent = r->user_agent;
}

/*
 * Start the run's worker, detached (a grandchild of this worker, in a
 * session of its own, with no descriptor of ours but stderr, the log):
 * dz-admin -c CONF month-run --run id. If it cannot start, the run waits
 * for the timer's worker: the page says 排队中 either way.
 */
static void
start_worker(const struct dz_req *r, long long id)
{
	const struct dz_conf	*c = r->app->conf;
	char			 ids[24];
	sigset_t		 all;
	pid_t			 pid;
	int			 fd, st;

	if (c->month_worker[0] == '\0')
		return;
	snprintf(ids, sizeof(ids), "%lld", id);
	if ((pid = fork()) == -1) {
		dz_log_warn("month: cannot start the worker of run %lld: %s", id,
		    strerror(errno));
		return;
	}
	if (pid == 0) {
		setsid();
		if (fork() != 0)
			_exit(0);
		sigemptyset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		signal(SIGPIPE, SIG_DFL);
		if ((fd = open("/dev/null", O_RDWR)) != -1) {
			dup2(fd, 0);
			dup2(fd, 1);
		}
		closefrom(3);
		execl(c->month_worker, c->month_worker, "-c", c->path, "month-run", "--run",
		    ids, (char *)NULL);
		dprintf(2, "dz-month: cannot start %s for run %s: %s\n", c->month_worker,
		    ids, strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
		continue;
}

/* The form of a new run, its defaults the month before today. */
static void
new_form(struct dz_req *r, const char *from, const char *to, const char *filter)
{
	char	lf[DZ_DATE_LEN + 1], lt[DZ_DATE_LEN + 1], today[DZ_DATE_LEN + 1];

	dz_today(today);
	if (dz_date_last_month(today, lf, lt) != 0)
		lf[0] = lt[0] = '\0';
	dz_set(r->hdf, "New.from", from != NULL ? from : lf);
	dz_set(r->hdf, "New.to", to != NULL ? to : lt);
	dz_set(r->hdf, "New.filter", filter != NULL ? filter : "");
}

static enum dz_err
runs_into(struct dz_req *r)
{
	struct dz_bulk_run	*runs = NULL;
	size_t			 n = 0, i;
	enum dz_err		 rc;

	if (r->sess.account_set_id == 0)
		return DZ_OK;
	if ((rc = dz_bulk_list(r->app->db, r->sess.account_set_id, RUNS_SHOWN, &runs,
	    &n)) != DZ_OK)
		return rc;
	for (i = 0; i < n; i++)
		dz_set_struct(dz_row(r->hdf, "Runs", i), &runs[i], run_view,
		    DZ_NELEM(run_view));
	free(runs);
	return DZ_OK;
}

static enum dz_err
index_page(struct dz_req *r)
{
	enum dz_err	rc;

	tab(r, LANG_month_title);
	new_form(r, NULL, NULL, NULL);
	if ((rc = runs_into(r)) != DZ_OK)
		return rc;
	return dz_render(r, 200, "month/index.cs");
}

/* The index again with the form as sent and what is wrong with it. */
static enum dz_err
new_refused(struct dz_req *r, const struct dz_value *v, int status, const char *why)
{
	enum dz_err	rc;

	tab(r, LANG_month_title);
	new_form(r, v[N_FROM].s, v[N_TO].s, v[N_FILTER].present ? v[N_FILTER].s : "");
	dz_set(r->hdf, "Form.Err.to", why);
	if ((rc = runs_into(r)) != DZ_OK)
		return rc;
	return dz_render(r, status, "month/index.cs");
}

static enum dz_err
run_new(struct dz_req *r)
{
	struct dz_value		 v[N__MAX];
	struct dz_form_error	 fe;
	struct dz_actor		 who;
	char			 loc[64];
	long long		 id = 0;
	long			 span;
	enum dz_err		 rc;

	if ((rc = dz_req_form(r, nfields, N__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, N__MAX);
		return dz_bad_field(r, &fe);
	}
	if (r->sess.account_set_id == 0) {
		rc = DZ_ERR_FORBIDDEN;
		goto out;
	}
	span = dz_date_day(v[N_TO].s) - dz_date_day(v[N_FROM].s);
	if (span < 0) {
		rc = new_refused(r, v, 400, LANG_month_to_before_from);
		goto out;
	}
	if (span >= PERIOD_DAYS_MAX) {
		rc = new_refused(r, v, 400, LANG_month_too_long);
		goto out;
	}
	actor(r, &who);
	rc = dz_bulk_create(r->app->db, r->sess.account_set_id, v[N_FROM].s, v[N_TO].s,
	    v[N_FILTER].present ? v[N_FILTER].s : "", 0, 0, 0, &who, &id);
	if (rc == DZ_OK)
		start_worker(r, id);
	if (rc == DZ_ERR_THROTTLED) {
		rc = new_refused(r, v, 409, LANG_month_busy);
		goto out;
	}
	if (rc == DZ_OK || rc == DZ_ERR_CONFLICT) {
		snprintf(loc, sizeof(loc), "/month/%lld%s", id,
		    rc == DZ_ERR_CONFLICT ? "?active=1" : "");
		rc = dz_redirect(r, loc);
	}
out:
	dz_form_values_free(v, N__MAX);
	return rc;
}

/* The run of the path, of the user's account set (else 404). */
static enum dz_err
load(struct dz_req *r, struct dz_bulk_run *run)
{
	enum dz_err	rc;

	if (r->sess.account_set_id == 0)
		return DZ_ERR_NOTFOUND;
	if ((rc = dz_bulk_get(r->app->db, r->id[0], r->sess.account_set_id, run)) ==
	    DZ_ERR_NOTFOUND)
		dz_log_warn("authz: bulk run %lld is not in account set %lld of user %lld",
		    r->id[0], r->sess.account_set_id, r->sess.user_id);
	return rc;
}

static int
active(const struct dz_bulk_run *run)
{
	return strcmp(run->state, "queued") == 0 || strcmp(run->state, "running") == 0;
}

static enum dz_err
run_page(struct dz_req *r)
{
	struct dz_bulk_run	 run;
	struct dz_bulk_item	*items = NULL;
	struct dz_value		 v[A__MAX];
	struct dz_form_error	 fe;
	struct _hdf		*h = NULL;
	char			 buf[128];
	size_t			 n = 0, i;
	long long		 done;
	int			 was_active;
	enum dz_err		 rc;

	if ((rc = dz_req_form(r, afields, A__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, A__MAX);
		return dz_bad_field(r, &fe);
	}
	was_active = v[A_ACTIVE].present && v[A_ACTIVE].i;
	dz_form_values_free(v, A__MAX);
	if ((rc = load(r, &run)) != DZ_OK)
		return rc;
	tab(r, LANG_month_run);
	if (hdf_get_node(r->hdf, "Run", &h) != STATUS_OK || h == NULL)
		return DZ_ERR_NOMEM;
	dz_set_struct(h, &run, run_view, DZ_NELEM(run_view));
	if (was_active)
		dz_set_int(r->hdf, "Run.WasActive", 1);
	done = run.made + run.kept + run.failed;
	dz_set_int(r->hdf, "Run.Done", done);
	dz_set_int(r->hdf, "Run.Percent", run.total > 0 ? done * 100 / run.total : 0);
	dz_set_int(r->hdf, "Run.Active", active(&run));
	if (active(&run))
		dz_set_int(r->hdf, "Page.Refresh", REFRESH_S);
	new_form(r, run.from, run.to, run.filter);
	/* the failures, all of them that fit, then the customers */
	if ((rc = dz_bulk_items(r->app->db, run.id, "failed", 0, ITEMS_SHOWN, &items,
	    &n)) != DZ_OK)
		return rc;
	for (i = 0; i < n; i++)
		dz_set_struct(dz_row(r->hdf, "Failures", i), &items[i], item_view,
		    DZ_NELEM(item_view));
	free(items);
	items = NULL;
	if ((rc = dz_bulk_items(r->app->db, run.id, NULL, 0, ITEMS_SHOWN, &items,
	    &n)) != DZ_OK)
		return rc;
	for (i = 0; i < n; i++)
		dz_set_struct(dz_row(r->hdf, "Items", i), &items[i], item_view,
		    DZ_NELEM(item_view));
	free(items);
	if ((long long)n < run.total) {
		snprintf(buf, sizeof(buf), LANG_month_shown_first, ITEMS_SHOWN);
		dz_set(r->hdf, "Run.ShownFirst", buf);
	}
	/* the QR sheet in parts of QR_PART customers */
	if (run.total > QR_PART) {
		for (i = 0; (long long)i * QR_PART < run.total; i++)
			dz_set_idx_int(r->hdf, "Run.Parts", i, "N", (long long)i + 1);
		snprintf(buf, sizeof(buf), LANG_month_qr_parts, QR_PART);
		dz_set(r->hdf, "Run.PartsNote", buf);
	}
	return dz_render(r, 200, "month/run.cs");
}

static enum dz_err
run_cancel(struct dz_req *r)
{
	struct dz_bulk_run	 run;
	struct dz_actor		 who;
	char			 loc[64];
	enum dz_err		 rc;

	if ((rc = load(r, &run)) != DZ_OK)
		return rc;
	actor(r, &who);
	rc = dz_bulk_cancel(r->app->db, run.id, r->sess.account_set_id, &who);
	if (rc != DZ_OK && rc != DZ_ERR_CONFLICT)
		return rc;
	/* over already: the page shows how it ended */
	snprintf(loc, sizeof(loc), "/month/%lld", run.id);
	return dz_redirect(r, loc);
}

/*
 * Each customer of the run with a statement, in order, and its live link
 * ("" for none: answered, deleted or revoked since), to fn. Read in pages
 * of the run's items.
 */
typedef enum dz_err (*each_fn)(void *, const struct dz_bulk_item *, const char *url);

static enum dz_err
each_link(struct dz_req *r, const struct dz_bulk_run *run, long long after,
    long long last, each_fn fn, void *arg)
{
	struct dz_bulk_item	*items = NULL;
	struct dz_store_link	 l;
	char			 url[512];
	size_t			 n, i;
	enum dz_err		 rc;

	if (r->app->keys == NULL)
		return DZ_ERR_CRYPT;
	do {
		if ((rc = dz_bulk_items(r->app->db, run->id, NULL, after, 500, &items,
		    &n)) != DZ_OK)
			return rc;
		for (i = 0; i < n && rc == DZ_OK; i++) {
			after = items[i].seq;
			if (after > last) {
				n = 0;	/* past the part: the end */
				break;
			}
			if (items[i].statement_id <= 0 || items[i].deleted)
				continue;
			url[0] = '\0';
			rc = dz_store_link_live(r->app->db, r->app->keys,
			    items[i].statement_id, &l);
			if (rc == DZ_OK) {
				if (dz_app_share_url(r->app, l.token, url, sizeof(url)) != 0)
					rc = DZ_ERR_INVAL;
				dz_wipe(l.token, sizeof(l.token));
			} else if (rc == DZ_ERR_NOTFOUND)
				rc = DZ_OK;
			if (rc == DZ_OK)
				rc = fn(arg, &items[i], url);
			dz_wipe(url, sizeof(url));
		}
		free(items);
		items = NULL;
	} while (rc == DZ_OK && n == 500);
	return rc;
}

static const struct dz_xlsx_col link_cols[] = {
	{ LANG_month_col_code, DZ_XLSX_TEXT, 14 },
	{ LANG_month_col_name, DZ_XLSX_TEXT, 36 },
	{ LANG_month_col_closing, DZ_XLSX_MONEY, 14 },
	{ LANG_month_col_state, DZ_XLSX_TEXT, 12 },
	{ LANG_month_col_statement, DZ_XLSX_INT, 10 },
	{ LANG_month_col_link, DZ_XLSX_TEXT, 70 },
};

static const char *
item_state(const char *s)
{
	return strcmp(s, "made") == 0 ? LANG_month_item_made :
	    strcmp(s, "kept") == 0 ? LANG_month_item_kept : s;
}

static enum dz_err
link_row(void *arg, const struct dz_bulk_item *it, const char *url)
{
	struct dz_xlsx_cell	c[DZ_NELEM(link_cols)];

	memset(c, 0, sizeof(c));
	c[0].s = it->customer_code;
	c[1].s = it->customer_name;
	c[2].v = it->closing;
	c[3].s = item_state(it->state);
	c[4].v = it->statement_id;
	c[5].s = url[0] != '\0' ? url : LANG_month_no_link;
	return dz_xlsx_table_row(arg, c, 0);
}

static enum dz_err
run_links(struct dz_req *r)
{
	struct dz_bulk_run	 run;
	struct dz_xlsx_table	*x = NULL;
	char			 title[300], ascii[64], utf8[128];
	size_t			 size;
	int			 fd;
	enum dz_err		 rc;

	if ((rc = load(r, &run)) != DZ_OK)
		return rc;
	if (r->app->conf->public_base[0] == '\0')
		return dz_app_no_public_base(r);
	snprintf(title, sizeof(title), "%s  %s - %s  %s", LANG_month_links_title, run.from,
	    run.to, r->sess.company);
	if ((rc = dz_xlsx_table_open(NULL, LANG_month_links_name, title, link_cols,
	    DZ_NELEM(link_cols), &x)) != DZ_OK)
		return rc;
	if ((rc = each_link(r, &run, 0, LLONG_MAX, link_row, x)) != DZ_OK) {
		dz_xlsx_table_free(x);
		return rc;
	}
	if ((rc = dz_xlsx_table_close(x, &fd, &size)) != DZ_OK)
		return rc;
	snprintf(ascii, sizeof(ascii), "duizhang-links-%lld.xlsx", run.id);
	snprintf(utf8, sizeof(utf8), "%s-%s-%s.xlsx", LANG_month_links_name, run.from, run.to);
	if ((rc = dz_attachment(r, ascii, utf8)) == DZ_OK)
		rc = dz_send_fd(r, XLSX_TYPE, fd, size);
	close(fd);
	return rc;
}

/* The sheet's cells: copies, as each_link's strings are its own. */
struct sheet {
	struct dz_pdf_qr_item	*items;
	char			*text;		/* every cell's strings, one after another */
	size_t			 n, cap, used, textcap;
};

static enum dz_err
sheet_add(void *arg, const struct dz_bulk_item *it, const char *url)
{
	struct sheet	*s = arg;
	char		 amount[DZ_MONEY_BUFSZ];
	size_t		 need;
	void		*p;

	if (s->n == s->cap) {
		if ((p = realloc(s->items, (s->cap * 2 + 64) * sizeof(*s->items))) == NULL)
			return DZ_ERR_NOMEM;
		s->items = p;
		s->cap = s->cap * 2 + 64;
	}
	dz_money_format(it->closing, amount, sizeof(amount));
	need = strlen(it->customer_name) + strlen(it->customer_code) + strlen(amount) +
	    strlen(url) + 4;
	if (s->used + need > s->textcap) {
		/* offsets, not pointers, until the text stops moving */
		if ((p = realloc(s->text, s->textcap * 2 + need + 4096)) == NULL)
			return DZ_ERR_NOMEM;
		s->text = p;
		s->textcap = s->textcap * 2 + need + 4096;
	}
	s->items[s->n].name = (const char *)(uintptr_t)s->used;
	s->used += (size_t)sprintf(s->text + s->used, "%s", it->customer_name) + 1;
	s->items[s->n].code = (const char *)(uintptr_t)s->used;
	s->used += (size_t)sprintf(s->text + s->used, "%s", it->customer_code) + 1;
	s->items[s->n].amount = (const char *)(uintptr_t)s->used;
	s->used += (size_t)sprintf(s->text + s->used, "%s", amount) + 1;
	s->items[s->n].url = (const char *)(uintptr_t)s->used;
	s->used += (size_t)sprintf(s->text + s->used, "%s", url) + 1;
	s->n++;
	return DZ_OK;
}

static enum dz_err
run_qr(struct dz_req *r)
{
	struct dz_bulk_run	 run;
	struct dz_pdf_qrsheet	 q;
	struct dz_value		 v[Q__MAX];
	struct dz_form_error	 fe;
	struct sheet		 s;
	unsigned char		*pdf = NULL;
	char			 title[200], sub[200], name[160], part[64] = "";
	size_t			 len = 0, i;
	long long		 k = 1;
	enum dz_err		 rc;

	if ((rc = dz_req_form(r, qfields, Q__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, Q__MAX);
		return dz_bad_field(r, &fe);
	}
	if (v[Q_PART].present)
		k = v[Q_PART].i;
	dz_form_values_free(v, Q__MAX);
	if ((rc = load(r, &run)) != DZ_OK)
		return rc;
	if (r->app->conf->public_base[0] == '\0')
		return dz_app_no_public_base(r);
	memset(&s, 0, sizeof(s));
	if ((rc = each_link(r, &run, (k - 1) * QR_PART, k * QR_PART, sheet_add, &s)) !=
	    DZ_OK)
		goto out;
	if (s.n == 0) {
		rc = DZ_ERR_NOTFOUND;
		goto out;
	}
	for (i = 0; i < s.n; i++) {
		s.items[i].name = s.text + (uintptr_t)s.items[i].name;
		s.items[i].code = s.text + (uintptr_t)s.items[i].code;
		s.items[i].amount = s.text + (uintptr_t)s.items[i].amount;
		s.items[i].url = s.text + (uintptr_t)s.items[i].url;
	}
	if (run.total > QR_PART)
		snprintf(part, sizeof(part), LANG_month_qr_part, (int)k);
	snprintf(title, sizeof(title), LANG_qrsheet_title, run.to);
	if (part[0] != '\0' && strlen(title) + strlen(part) + 2 < sizeof(title))
		strcat(strcat(title, " "), part);
	snprintf(sub, sizeof(sub), LANG_qrsheet_sub, run.from, run.to, s.n);
	memset(&q, 0, sizeof(q));
	q.company = r->sess.company;
	q.title = title;
	q.sub = sub;
	q.items = s.items;
	q.n = s.n;
	if ((rc = dz_pdf_qrsheet_apart(&q, "qr sheet", &pdf, &len)) != DZ_OK)
		goto out;
	snprintf(name, sizeof(name), "%s-%s-%s%s%s.pdf", LANG_qrsheet_file, run.from, run.to,
	    part[0] != '\0' ? "-" : "", part);
	rc = dz_send_blob(r, "application/pdf", name, pdf, len);
out:
	if (s.text != NULL)
		dz_wipe(s.text, s.textcap);
	free(s.text);
	free(s.items);
	free(pdf);
	return rc;
}

/* ---------------------------------------------------------------------
 * 检查ERP变动 (issue 15: drift), the statement page's button: here, beside
 * the ERP gateway dz-month has anyway (dz-history never reads the ERP).
 */

/* The statement of the path, of the user's account set; deleted: 410. */
static enum dz_err
stmt_load(struct dz_req *r, struct dz_store_stmt *s)
{
	enum dz_err	rc;

	if (r->sess.account_set_id == 0)
		return DZ_ERR_NOTFOUND;
	if ((rc = dz_store_get(r->app->db, r->id[0], r->sess.account_set_id, s)) ==
	    DZ_ERR_NOTFOUND)
		dz_log_warn("authz: statement %lld is not in account set %lld of user %lld",
		    r->id[0], r->sess.account_set_id, r->sess.user_id);
	if (rc == DZ_OK && s->status == DZ_STMT_DELETED)
		return DZ_ERR_GONE;
	return rc;
}

static enum dz_err
drift_check(struct dz_req *r)
{
	struct dz_store_stmt	 s;
	struct dz_erp_target	 target;
	struct dz_actor		 who;
	char			 loc[64], detail[512];
	long long		 cid = 0;
	enum dz_err		 rc;

	if ((rc = stmt_load(r, &s)) != DZ_OK)
		return rc;
	actor(r, &who);
	if (r->app->keys == NULL || r->app->erp == NULL)
		return DZ_ERR_CRYPT;
	memset(&target, 0, sizeof(target));
	rc = dz_store_account_target(r->app->db, r->app->keys, r->sess.account_set_id,
	    NULL, 0, &target);
	if (rc == DZ_ERR_NOTFOUND)
		return DZ_ERR_FORBIDDEN;
	if (rc != DZ_OK)
		return rc;
	dz_erp_deadline(r->app->erp, r->app->conf->erp_query_timeout);
	rc = dz_drift_check(r->app->db, r->app->erp, &target, &s, &who, &cid, NULL);
	dz_erp_deadline(r->app->erp, 0);
	dz_erp_dsn_wipe(&target.dsn);
	switch (rc) {
	case DZ_OK:
		break;
	case DZ_ERR_ERP_CONNECT:
	case DZ_ERR_ERP_TIMEOUT:
	case DZ_ERR_ERP_LOGIN:
	case DZ_ERR_ERP_NODB:
	case DZ_ERR_ERP:
		snprintf(detail, sizeof(detail), "%s%s%s", LANG_drift_erp_down,
		    *dz_erp_why(r->app->erp) != '\0' ? " " : "", dz_erp_why(r->app->erp));
		dz_log_warn("drift: statement %lld: ERP %s: %s", s.id, dz_strerror(rc),
		    dz_erp_why(r->app->erp));
		return dz_error_page(r, rc, detail);
	default:
		return rc;
	}
	snprintf(loc, sizeof(loc), "/statements/%lld?done=drift#drift", s.id);
	return dz_redirect(r, loc);
}

/* ---------------------------------------------------------------------
 * 待跟进.
 */

static const struct dz_viewmap follow_view[] = {
	DZ_VIEW("Id", struct dz_followup, id, DZ_V_INT),
	DZ_VIEW("Code", struct dz_followup, customer_code, DZ_V_STR),
	DZ_VIEW("Name", struct dz_followup, customer_name, DZ_V_STR),
	DZ_VIEW("From", struct dz_followup, from, DZ_V_STR),
	DZ_VIEW("To", struct dz_followup, to, DZ_V_STR),
	DZ_VIEW("Status", struct dz_followup, status, DZ_V_STR),
	DZ_VIEW("Closing", struct dz_followup, closing, DZ_V_MONEY),
	DZ_VIEW("Age", struct dz_followup, age, DZ_V_INT),
};

/* Why a statement waits, most pressing first. */
static const char *
why_waits(const struct dz_followup *f)
{
	if (strcmp(f->status, "disputed") == 0)
		return "disputed";
	if (f->drift)
		return "drift";
	if (strcmp(f->recon, "diff") == 0)
		return "recon";
	if (f->links == 0)
		return "unshared";
	return f->opened > 0 ? "unanswered" : "unopened";
}

static enum dz_err
followup(struct dz_req *r)
{
	const struct dz_conf	*c = r->app->conf;
	struct dz_followup	*f = NULL;
	struct _hdf		*h;
	char			 buf[32];
	size_t			 n = 0, i;
	enum dz_err		 rc;

	tab(r, LANG_month_followup);
	for (i = 0; i < c->remind_rungs; i++) {
		snprintf(buf, sizeof(buf), "Ladder.%zu", i);
		dz_set_int(r->hdf, buf, c->remind_ladder[i]);
	}
	if (r->sess.account_set_id == 0)
		return dz_render(r, 200, "month/followup.cs");
	if ((rc = dz_store_followup(r->app->db, r->sess.account_set_id,
	    c->remind_ladder[0], DZ_FOLLOWUP_MAX, &f, &n)) != DZ_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((h = dz_row(r->hdf, "Follow", i)) == NULL)
			break;
		dz_set_struct(h, &f[i], follow_view, DZ_NELEM(follow_view));
		dz_set(h, "Why", why_waits(&f[i]));
		dz_set_int(h, "Rung", dz_month_rung(c->remind_ladder, c->remind_rungs,
		    (long)f[i].age));
	}
	dz_set_int(r->hdf, "FollowCount", (long long)n);
	free(f);
	return dz_render(r, 200, "month/followup.cs");
}

/* ---------------------------------------------------------------------
 * 对账日.
 */

static enum dz_err
days_draw(struct dz_req *r, int status, const char *err)
{
	static const char *const months[] = { "1", "2", "3", "6", "12" };
	struct dz_rday_set	 set;
	struct dz_rday		*own = NULL;
	char			 name[32];
	size_t			 n = 0, i;
	enum dz_err		 rc;

	tab(r, LANG_month_days);
	for (i = 0; i < DZ_NELEM(months); i++) {
		snprintf(name, sizeof(name), "Vocab.months.%zu", i);
		dz_set(r->hdf, name, months[i]);
	}
	if (err != NULL)
		dz_set(r->hdf, "Form.Err.days", err);
	if (r->sess.account_set_id == 0)
		return dz_render(r, status, "month/days.cs");
	if ((rc = dz_rday_set_get(r->app->db, r->sess.account_set_id, &set)) != DZ_OK ||
	    (rc = dz_rday_list(r->app->db, r->sess.account_set_id, &own, &n)) != DZ_OK)
		return rc;
	dz_set_int(r->hdf, "Days.Day", set.day);
	dz_set_int(r->hdf, "Days.Months", set.months);
	dz_set_int(r->hdf, "Days.Scheduled", set.by > 0);
	for (i = 0; i < n; i++)
		dz_set_struct(dz_row(r->hdf, "Own", i), &own[i], rday_view,
		    DZ_NELEM(rday_view));
	free(own);
	return dz_render(r, status, "month/days.cs");
}

static enum dz_err
days_page(struct dz_req *r)
{
	struct dz_value		v[S__MAX];
	struct dz_form_error	fe;
	enum dz_err		rc;

	if ((rc = dz_req_form(r, sfields, S__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, S__MAX);
		return dz_bad_field(r, &fe);
	}
	if (v[S_SAVED].present && v[S_SAVED].i)
		dz_set_int(r->hdf, "Days.Saved", 1);
	dz_form_values_free(v, S__MAX);
	return days_draw(r, 200, NULL);
}

static enum dz_err
days_set(struct dz_req *r)
{
	struct dz_value		 v[D__MAX];
	struct dz_form_error	 fe;
	struct dz_rday_set	 set;
	struct dz_actor		 who;
	enum dz_err		 rc;

	if ((rc = dz_req_form(r, dfields, D__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, D__MAX);
		return dz_bad_field(r, &fe);
	}
	if (r->sess.account_set_id == 0) {
		rc = DZ_ERR_FORBIDDEN;
		goto out;
	}
	if (!dz_month_months_ok(v[D_MONTHS].i)) {
		rc = days_draw(r, 400, LANG_month_bad_months);
		goto out;
	}
	if ((rc = dz_rday_set_get(r->app->db, r->sess.account_set_id, &set)) != DZ_OK)
		goto out;
	set.day = v[D_DAY].i;
	set.months = v[D_MONTHS].i;
	/* on: keep who turned it on (the runs' creator); off: nobody */
	if (!(v[D_SCHEDULED].present && v[D_SCHEDULED].i))
		set.by = 0;
	else if (set.by == 0)
		set.by = r->sess.user_id;
	actor(r, &who);
	if ((rc = dz_rday_set_put(r->app->db, r->sess.account_set_id, &set, &who)) == DZ_OK)
		rc = dz_redirect(r, "/month/days?saved=1");
out:
	dz_form_values_free(v, D__MAX);
	return rc;
}

/* The customer of code in the account set's ERP (exactly that code). */
static enum dz_err
customer_by_code(struct dz_req *r, const char *code, struct dz_erp_customer *out)
{
	struct dz_erp_target	 t;
	struct dz_erp_customer	*list = NULL;
	char			 company[201];
	size_t			 n = 0, i;
	enum dz_err		 rc;

	if (r->app->keys == NULL || r->app->erp == NULL)
		return DZ_ERR_CRYPT;
	memset(&t, 0, sizeof(t));
	if ((rc = dz_store_account_target(r->app->db, r->app->keys, r->sess.account_set_id,
	    company, sizeof(company), &t)) != DZ_OK)
		return rc == DZ_ERR_NOTFOUND ? DZ_ERR_FORBIDDEN : rc;
	dz_erp_deadline(r->app->erp, r->app->conf->erp_query_timeout);
	rc = dz_erp_customers_at(r->app->erp, &t, code, 0, 50, &list, &n);
	dz_erp_dsn_wipe(&t.dsn);
	if (rc != DZ_OK)
		return rc;
	rc = DZ_ERR_NOTFOUND;
	for (i = 0; i < n; i++)
		if (strcmp(list[i].code, code) == 0) {
			*out = list[i];
			rc = DZ_OK;
			break;
		}
	free(list);
	return rc;
}

static enum dz_err
days_customer(struct dz_req *r)
{
	struct dz_value		 v[C__MAX];
	struct dz_form_error	 fe;
	struct dz_erp_customer	 c;
	struct dz_rday		 d;
	struct dz_actor		 who;
	enum dz_err		 rc;

	if ((rc = dz_req_form(r, cfields, C__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, C__MAX);
		return dz_bad_field(r, &fe);
	}
	if (r->sess.account_set_id == 0) {
		rc = DZ_ERR_FORBIDDEN;
		goto out;
	}
	if (!dz_month_months_ok(v[C_MONTHS].i)) {
		rc = days_draw(r, 400, LANG_month_bad_months);
		goto out;
	}
	if ((rc = customer_by_code(r, v[C_CODE].s, &c)) == DZ_ERR_NOTFOUND) {
		rc = days_draw(r, 400, LANG_month_no_such_customer);
		goto out;
	}
	if (rc != DZ_OK)
		goto out;
	memset(&d, 0, sizeof(d));
	dz_copy(d.customer_id, sizeof(d.customer_id), c.id);
	dz_copy(d.customer_code, sizeof(d.customer_code), c.code);
	dz_copy(d.customer_name, sizeof(d.customer_name), c.name);
	d.day = v[C_DAY].i;
	d.months = v[C_MONTHS].i;
	actor(r, &who);
	if ((rc = dz_rday_put(r->app->db, r->sess.account_set_id, &d, &who)) == DZ_OK)
		rc = dz_redirect(r, "/month/days?saved=1");
out:
	dz_form_values_free(v, C__MAX);
	return rc;
}

static enum dz_err
days_remove(struct dz_req *r)
{
	struct dz_value		 v[R__MAX];
	struct dz_form_error	 fe;
	struct dz_actor		 who;
	enum dz_err		 rc;

	if ((rc = dz_req_form(r, rfields, R__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, R__MAX);
		return dz_bad_field(r, &fe);
	}
	actor(r, &who);
	if (r->sess.account_set_id == 0)
		rc = DZ_ERR_FORBIDDEN;
	else if ((rc = dz_rday_delete(r->app->db, r->sess.account_set_id, v[R_CUSTOMER].s,
	    &who)) == DZ_OK || rc == DZ_ERR_NOTFOUND)
		rc = dz_redirect(r, "/month/days?saved=1");
	dz_form_values_free(v, R__MAX);
	return rc;
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-month", routes, DZ_NELEM(routes),
	    DZ_APP_KEYS | DZ_APP_LINKS, &dz_erp_hooks);
}
