/*
 * monthrun.c: dz-admin month-run, the worker of 月结's bulk runs.
 *
 *   dz-admin month-run                     work every run that waits, then exit
 *   dz-admin month-run --run ID            work run ID only (dz-month starts this)
 *   dz-admin month-run --schedule [--date YYYY-MM-DD]
 *                                          first queue the runs the 对账日 of
 *                                          every scheduled account set cut on
 *                                          that day (yesterday by default: the
 *                                          timer runs in the morning after)
 *   --delay-ms N                           wait N ms after each customer (tests:
 *                                          a run slow enough to kill half-way)
 *   --die-after-store N                    exit at once after storing the Nth
 *                                          statement, before its link and its
 *                                          item are (tests: the crash window)
 *
 * A run is claimed under a lease (store_bulk.h) renewed at each customer,
 * longer than any one step's ERP time:
 * this process killed (kill -9, a reboot) leaves the run to the next
 * worker once the lease has run out, which goes on with the customers
 * still pending. For each customer: the period's statement if one is
 * there already (kept), else every posted document of the period (every
 * type, 应收款增加 and 减少 too: its closing is the ledger's) with the
 * opening balance (chained, lib/make) stored with the customer and
 * period's key (a second worker's copy is refused by the store, and the
 * one there is taken), then a share link if the statement has none live.
 * The customers are listed once per run, from the ERP's period report of
 * every customer (dz_erp_period_all): those with a document in the period
 * or a balance at its end (dz_month_eligible), narrowed by the run's
 * filter (code or name) or, for a scheduled run, to those whose 对账日 it
 * is. A failure of one customer's (not found, too many documents) is that
 * customer's, named on the run's page; so is a statement whose closing is
 * not the ledger's (the ERP keeps what no document type says). A failure
 * of the ERP or the store stops the worker with the reason on the page,
 * and the run waits a minute for the next one; a customer whose tries end
 * so DZ_BULK_ATTEMPTS_MAX times fails with its last reason (a failure of
 * the whole ERP, no login or no connection, is no try of a customer's).
 * Runs are made as their creator, who must still be a clerk of the set.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dz.h"
#include "clock.h"
#include "conf.h"
#include "crypt.h"
#include "db.h"
#include "erp.h"
#include "lang.h"
#include "make.h"
#include "month.h"
#include "monthrun.h"
#include "money.h"
#include "store.h"
#include "store_account.h"
#include "store_bulk.h"
#include "utf8.h"

/* Everything one worker holds. */
struct worker {
	struct dz_db		*db;
	const struct dz_conf	*conf;
	struct dz_erp		*erp;
	struct dz_keyring	 keys;
	char			 name[96];
	int			 lease;		/* s: longer than the longest ERP call */
	long			 delay_ms;
	long			 die_after;	/* tests: exit after storing this many */
	long			 stored;
};

/* The customer's own failing: the next customer may well succeed. */
static int
customer_error(enum dz_err rc)
{
	return rc == DZ_ERR_NOTFOUND || rc == DZ_ERR_TOOBIG || rc == DZ_ERR_INVAL;
}

/* A failure of the whole target or the store: no customer could go on,
 * and no customer's try is counted against it. */
static int
target_error(enum dz_err rc)
{
	return rc == DZ_ERR_ERP_CONNECT || rc == DZ_ERR_ERP_LOGIN || rc == DZ_ERR_ERP_NODB ||
	    rc == DZ_ERR_BUSY || rc == DZ_ERR_DB || rc == DZ_ERR_CRYPT || rc == DZ_ERR_NOMEM;
}

/* Does the customer's code or name hold the filter text? */
static int
matches(const char *filter, const struct dz_erp_period *p)
{
	return filter[0] == '\0' || strstr(p->code, filter) != NULL ||
	    strstr(p->name, filter) != NULL;
}

static int
rday_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dz_rday *)a)->customer_id,
	    ((const struct dz_rday *)b)->customer_id);
}

/* The 对账日 (day, months) of a customer: its own (own sorted by id), or
 * the set's. */
static void
schedule_of(const struct dz_rday *own, size_t nown, const struct dz_rday_set *set,
    const char *customer_id, long long *day, long long *months)
{
	struct dz_rday	 key;
	const struct dz_rday *o;

	*day = set->day;
	*months = set->months;
	dz_copy(key.customer_id, sizeof(key.customer_id), customer_id);
	if (nown > 0 && (o = bsearch(&key, own, nown, sizeof(*own), rday_cmp)) != NULL) {
		*day = o->day;
		*months = o->months;
	}
}

/* The run's customers, from the ERP, written once. */
static enum dz_err
list_customers(struct worker *w, const struct dz_bulk_run *run,
    const struct dz_erp_target *t, char *why, size_t whysz)
{
	struct dz_erp_period	*rows = NULL;
	struct dz_bulk_cust	*c = NULL;
	struct dz_rday		*own = NULL;
	struct dz_rday_set	 set;
	size_t			 n = 0, nown = 0, k = 0, i;
	long long		 day, months;
	enum dz_err		 rc;

	/* each of its queries has the query timeout; the lease covers all */
	dz_erp_deadline(w->erp, 0);
	if ((rc = dz_erp_period_all(w->erp, t, run->from, run->to, &rows, &n)) != DZ_OK) {
		snprintf(why, whysz, "%s", dz_erp_why(w->erp));
		return rc;
	}
	if (strcmp(run->origin, "schedule") == 0) {
		if ((rc = dz_rday_set_get(w->db, run->account_set_id, &set)) != DZ_OK ||
		    (rc = dz_rday_list(w->db, run->account_set_id, &own, &nown)) != DZ_OK)
			goto out;
		qsort(own, nown, sizeof(*own), rday_cmp);
	}
	if ((c = calloc(n + 1, sizeof(*c))) == NULL) {
		rc = DZ_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!dz_month_eligible(&rows[i].t) || !matches(run->filter, &rows[i]))
			continue;
		if (strcmp(run->origin, "schedule") == 0) {
			schedule_of(own, nown, &set, rows[i].id, &day, &months);
			if (day != run->sched_day || months != run->sched_months)
				continue;
		}
		if (k == DZ_BULK_CUSTOMERS_MAX) {
			snprintf(why, whysz, LANG_month_too_many, DZ_BULK_CUSTOMERS_MAX);
			rc = DZ_ERR_TOOBIG;
			goto out;
		}
		c[k++] = (struct dz_bulk_cust){ rows[i].id, rows[i].code, rows[i].name,
		    rows[i].t.closing };
	}
	rc = dz_bulk_put_items(w->db, run->id, w->name, w->lease, c, k);
out:
	free(c);
	free(own);
	free(rows);
	return rc;
}

/* A live link for statement sid, made if it has none and is 未确认. */
static enum dz_err
ensure_link(struct worker *w, long long sid, const struct dz_actor *who)
{
	struct dz_store_stmt	 s;
	struct dz_store_link	 l;
	enum dz_err		 rc;

	rc = dz_store_link_live(w->db, &w->keys, sid, &l);
	dz_wipe(l.token, sizeof(l.token));
	if (rc != DZ_ERR_NOTFOUND)
		return rc;
	if ((rc = dz_store_get(w->db, sid, 0, &s)) != DZ_OK)
		return rc == DZ_ERR_NOTFOUND ? DZ_OK : rc;
	if (s.status != DZ_STMT_PENDING)
		return DZ_OK;	/* answered or deleted: no new link */
	rc = dz_store_link_new(w->db, &w->keys, &s, w->conf->share_expiry_days, who, &l);
	dz_wipe(l.token, sizeof(l.token));
	return rc;
}

/* The statement of the period there already: made by this run (an
 * attempt that stopped before its item was done) or before it (kept). */
static enum dz_err
existing(struct worker *w, const struct dz_bulk_run *run, const struct dz_bulk_item *it,
    enum dz_bulk_outcome *how, long long *sid)
{
	long long	by = 0;
	enum dz_err	rc;

	if ((rc = dz_store_by_key(w->db, run->account_set_id, it->customer_id, run->from,
	    run->to, sid, &by)) == DZ_OK) {
		*how = by == run->id ? DZ_BULK_MADE : DZ_BULK_KEPT;
		return DZ_OK;
	}
	if (rc != DZ_ERR_NOTFOUND)
		return rc;
	if ((rc = dz_store_same_period(w->db, run->account_set_id, it->customer_id,
	    run->from, run->to, sid)) == DZ_OK)
		*how = DZ_BULK_KEPT;
	return rc;
}

/*
 * One customer: DZ_OK with *how and *sid (FAILED with why: the customer's
 * own failing), or the ERP's or store's error (why said; the worker stops).
 */
static enum dz_err
one_customer(struct worker *w, const struct dz_bulk_run *run,
    const struct dz_erp_target *t, const char *company, const struct dz_bulk_item *it,
    const struct dz_actor *who, enum dz_bulk_outcome *how, long long *sid,
    char *why, size_t whysz)
{
	struct dz_make		 m;
	struct dz_store_origin	 o;
	char			 a[DZ_MONEY_BUFSZ], b[DZ_MONEY_BUFSZ];
	int64_t			 missing = 0, ledger;
	enum dz_err		 rc;

	*sid = 0;
	*how = DZ_BULK_MADE;
	if ((rc = existing(w, run, it, how, sid)) == DZ_OK)
		return ensure_link(w, *sid, who);
	if (rc != DZ_ERR_NOTFOUND)
		return rc;

	rc = dz_make_read(w->db, w->erp, t, run->account_set_id, it->customer_id,
	    run->from, run->to, DZ_DOC_ALL, 1, w->conf->erp_query_timeout, &m);
	if (rc == DZ_OK)
		rc = dz_make_build(&m, run->account_set_id, run->from, run->to, 1, NULL, 0,
		    &missing);
	if (rc != DZ_OK) {
		if (customer_error(rc)) {
			*how = DZ_BULK_FAILED;
			snprintf(why, whysz, "%s", rc == DZ_ERR_NOTFOUND ?
			    LANG_month_no_customer : rc == DZ_ERR_TOOBIG ?
			    LANG_month_too_big : LANG_month_bad_data);
			rc = DZ_OK;
		} else
			snprintf(why, whysz, "%s", dz_erp_why(w->erp));
		dz_make_free(&m);
		return rc;
	}
	/* its closing on the ERP's own opening is the ledger's, or the ledger
	 * holds what no document of a type says: no statement then */
	ledger = m.b.sn.totals.closing - m.opening + m.erp_opening;
	if (it->has_erp_closing && ledger != it->erp_closing) {
		*how = DZ_BULK_FAILED;
		snprintf(why, whysz, LANG_month_closing_differs,
		    dz_money_format(ledger, a, sizeof(a)),
		    dz_money_format(it->erp_closing, b, sizeof(b)));
		dz_make_free(&m);
		return DZ_OK;
	}
	memset(&o, 0, sizeof(o));
	o.run_id = run->id;
	o.keyed = 1;
	o.chain_from = m.chain_from;
	o.erp_opening = m.erp_opening;
	o.complete = 1;
	rc = dz_store_create_ex(w->db, &m.b.sn, company, who, &o, sid);
	dz_make_free(&m);
	if (rc == DZ_ERR_CONFLICT) {
		/* another worker made it meanwhile: take that one */
		if ((rc = existing(w, run, it, how, sid)) != DZ_OK)
			return rc == DZ_ERR_NOTFOUND ? DZ_ERR_CONFLICT : rc;
	} else if (rc != DZ_OK)
		return rc;
	else if (w->die_after > 0 && ++w->stored == w->die_after)
		_exit(3);	/* tests: the crash between the statement and its link */
	return ensure_link(w, *sid, who);
}

static void
pause_ms(long ms)
{
	struct timespec	ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

/* Work a claimed run until it is over, cancelled, lost or failing. */
static int
work(struct worker *w, long long id)
{
	struct dz_bulk_run	 run;
	struct dz_erp_target	 t;
	struct dz_bulk_item	*items = NULL;
	struct dz_actor		 who;
	enum dz_bulk_outcome	 how;
	char			 company[201], why[500];
	long long		 after = 0, sid;
	size_t			 n, i;
	int			 ret = 1, ok;
	enum dz_err		 rc = DZ_OK;

	memset(&t, 0, sizeof(t));
	why[0] = '\0';
	if (dz_bulk_get(w->db, id, 0, &run) != DZ_OK)
		return 1;
	memset(&who, 0, sizeof(who));
	who.user_id = run.created_by;
	who.username = run.username;
	who.ip = "";
	/* the statements are made as the run's creator: still a clerk here? */
	if ((ok = run.created_by > 0 ? dz_bulk_user_ok(w->db, run.created_by,
	    run.account_set_id) : 0) == 0) {
		dz_bulk_finish(w->db, id, w->name, "failed", LANG_month_no_user);
		return 1;
	}
	if (ok < 0) {
		rc = DZ_ERR_DB;
		goto stop;
	}
	if ((rc = dz_store_account_target(w->db, &w->keys, run.account_set_id, company,
	    sizeof(company), &t)) != DZ_OK) {
		snprintf(why, sizeof(why), "%s", LANG_month_no_erp);
		goto stop;
	}
	if (!run.listed && (rc = list_customers(w, &run, &t, why, sizeof(why))) != DZ_OK) {
		if (rc == DZ_ERR_TOOBIG) {
			dz_bulk_finish(w->db, id, w->name, "failed", why);
			goto out;
		}
		if (rc == DZ_ERR_GONE) {
			ret = 0;	/* another worker holds it now */
			goto out;
		}
		goto stop;
	}
	for (;;) {
		free(items);
		items = NULL;
		if ((rc = dz_bulk_pending(w->db, id, after, 64, &items, &n)) != DZ_OK)
			goto stop;
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			/* cancelled, or no longer ours: stop here */
			if ((rc = dz_bulk_renew(w->db, id, w->name, w->lease)) != DZ_OK) {
				ret = rc == DZ_ERR_GONE ? 0 : 1;
				goto out;
			}
			after = items[i].seq;
			why[0] = '\0';
			if (items[i].attempts >= DZ_BULK_ATTEMPTS_MAX) {
				/* tried enough: failed with its last reason */
				rc = dz_bulk_item_done(w->db, id, items[i].seq, DZ_BULK_FAILED, 0,
				    items[i].error);
				if (rc != DZ_OK)
					goto stop;
				continue;
			}
			rc = one_customer(w, &run, &t, company, &items[i], &who, &how, &sid,
			    why, sizeof(why));
			if (rc != DZ_OK) {
				if (why[0] == '\0')
					snprintf(why, sizeof(why), "%s", LANG_month_interrupted);
				if (!target_error(rc))
					dz_bulk_attempt(w->db, id, items[i].seq, why);
				goto stop;
			}
			if ((rc = dz_bulk_item_done(w->db, id, items[i].seq, how, sid,
			    how == DZ_BULK_FAILED ? why : "")) != DZ_OK)
				goto stop;
			pause_ms(w->delay_ms);
		}
	}
	ret = dz_bulk_finish(w->db, id, w->name, "done", "") == DZ_OK ? 0 : 1;
	goto out;
stop:
	if (why[0] == '\0')
		snprintf(why, sizeof(why), "%s", rc == DZ_ERR_DB ? LANG_month_store_down :
		    LANG_month_interrupted);
	fprintf(stderr, "dz-admin: run %lld stops: %s\n", id, why);
	dz_bulk_stop(w->db, id, w->name, why);
out:
	free(items);
	dz_erp_dsn_wipe(&t.dsn);
	return ret;
}

#define SCHEDULE_DAYS	7	/* a cut missed while the host was down, up to a week */
#define CUTS_MAX	((DZ_RDAY_MAX + 1) * 5)	/* every (day, months) there is */

/* Queue the runs the 对账日 of every scheduled account set cut on date and
 * the days before it (a cut is queued once: asking again makes nothing). */
static int
schedule(struct worker *w, const char *date)
{
	struct dz_rday_set	*sets = NULL;
	struct dz_rday		*own = NULL;
	struct dz_actor		 who;
	char			 day[11], from[11], to[11];
	long long		 cuts[CUTS_MAX][2], id;
	size_t			 nsets = 0, nown = 0, i, j, k, ncuts;
	int			 back, ret = 0;
	enum dz_err		 rc;

	if (dz_rday_scheduled(w->db, &sets, &nsets) != DZ_OK)
		return 1;
	for (i = 0; i < nsets; i++) {
		/* the set's own 对账日 and each one its customers have */
		free(own);
		own = NULL;
		if (dz_rday_list(w->db, sets[i].id, &own, &nown) != DZ_OK) {
			ret = 1;
			continue;
		}
		ncuts = 0;
		cuts[ncuts][0] = sets[i].day;
		cuts[ncuts++][1] = sets[i].months;
		for (j = 0; j < nown; j++) {
			for (k = 0; k < ncuts; k++)
				if (cuts[k][0] == own[j].day && cuts[k][1] == own[j].months)
					break;
			if (k == ncuts && ncuts < CUTS_MAX) {
				cuts[ncuts][0] = own[j].day;
				cuts[ncuts++][1] = own[j].months;
			}
		}
		memset(&who, 0, sizeof(who));
		who.user_id = sets[i].by;
		who.username = "dz-admin";
		who.ip = "";
		for (back = SCHEDULE_DAYS - 1; back >= 0; back--) {
			if (dz_date_add_days(date, -back, day) != 0)
				continue;
			for (k = 0; k < ncuts; k++) {
				if (dz_month_cut(day, (int)cuts[k][0], (int)cuts[k][1], from,
				    to) != 1)
					continue;
				rc = dz_bulk_create(w->db, sets[i].id, from, to, "", 1,
				    (int)cuts[k][0], (int)cuts[k][1], &who, &id);
				if (rc == DZ_OK)
					printf("account set %lld: queued run %lld for %s..%s\n",
					    sets[i].id, id, from, to);
				else if (rc != DZ_ERR_CONFLICT)
					ret = 1;
			}
		}
	}
	free(own);
	free(sets);
	return ret;
}

int
dz_month_run_main(struct dz_db *db, const struct dz_conf *conf, int argc, char **argv)
{
	struct worker	 w;
	char		 dir[300], date[11], today[11], f[11], t[11];
	const char	*sched_date = NULL;
	long long	 want = 0, id;
	int		 sched = 0, ret = 0, i, worked = 0;

	memset(&w, 0, sizeof(w));
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--run") == 0 && i + 1 < argc && atoll(argv[i + 1]) > 0)
			want = atoll(argv[++i]);
		else if (strcmp(argv[i], "--schedule") == 0)
			sched = 1;
		else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc)
			sched_date = argv[++i];
		else if (strcmp(argv[i], "--delay-ms") == 0 && i + 1 < argc)
			w.delay_ms = atol(argv[++i]);
		else if (strcmp(argv[i], "--die-after-store") == 0 && i + 1 < argc)
			w.die_after = atol(argv[++i]);
		else {
			fprintf(stderr, "usage: dz-admin month-run [--run ID] [--schedule "
			    "[--date YYYY-MM-DD]] [--delay-ms N] [--die-after-store N]\n");
			return 2;
		}
	}
	w.db = db;
	w.conf = conf;
	/* a lease longer than any one step's ERP time: a login and the
	 * listing's queries, or one customer's four */
	w.lease = conf->erp_login_timeout + 4 * conf->erp_query_timeout + 10;
	if (w.lease < DZ_BULK_LEASE_S)
		w.lease = DZ_BULK_LEASE_S;
	if (gethostname(dir, 64) != 0)
		snprintf(dir, sizeof(dir), "host");
	dir[63] = '\0';
	snprintf(w.name, sizeof(w.name), "%.63s:%ld", dir, (long)getpid());

	if (sched) {
		if (conf->time_zone[0] != '\0' && dz_clock_zone(conf->time_zone) != DZ_OK)
			return 1;
		dz_today(today);
		if (sched_date == NULL) {
			if (dz_date_add_days(today, -1, date) != 0)
				return 1;
			sched_date = date;
		} else if (dz_month_cut(sched_date, 0, 1, f, t) < 0) {
			fprintf(stderr, "dz-admin: --date %s is not a date\n", sched_date);
			return 2;
		}
		if (schedule(&w, sched_date) != 0)
			ret = 1;
	}
	if (dz_crypt_key_load(conf->key_file, &w.keys) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot load the key file %s\n", conf->key_file);
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/erp", conf->data_dir);
	if (dz_erp_init(&w.erp, dir, conf->erp_login_timeout, conf->erp_query_timeout) !=
	    DZ_OK) {
		dz_crypt_key_clear(&w.keys);
		return 1;
	}
	dz_erp_guard(w.erp, conf->erp_state_dir, conf->erp_max_per_target, conf->erp_break_s);
	dz_erp_store(w.erp, db);
	while (dz_bulk_claim(db, w.name, want, w.lease, &id) == DZ_OK) {
		worked++;
		if (work(&w, id) != 0)
			ret = 1;
		if (want != 0)
			break;
	}
	if (want != 0 && worked == 0)
		printf("run %lld: nothing to do (over, or another worker holds it)\n", want);
	dz_erp_free(w.erp);
	dz_crypt_key_clear(&w.keys);
	return ret;
}
