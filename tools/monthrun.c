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
 *
 * A run is claimed under a lease (store_bulk.h) renewed at each customer:
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
 * customer's, named on the run's page; a failure of the ERP or the store
 * stops the worker with the reason on the page, and the run waits for the
 * next one.
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
	int			 have_keys;
	char			 name[96];
	long			 delay_ms;
};

static int
customer_error(enum dz_err rc)
{
	return rc == DZ_ERR_NOTFOUND || rc == DZ_ERR_TOOBIG || rc == DZ_ERR_INVAL;
}

/* Does the customer's code or name hold the filter text? */
static int
matches(const char *filter, const struct dz_erp_period *p)
{
	return filter[0] == '\0' || strstr(p->code, filter) != NULL ||
	    strstr(p->name, filter) != NULL;
}

/* The 对账日 (day, months) of a customer: its own, or the set's. */
static void
schedule_of(const struct dz_rday *own, size_t nown, const struct dz_rday_set *set,
    const char *customer_id, long long *day, long long *months)
{
	size_t	i;

	*day = set->day;
	*months = set->months;
	for (i = 0; i < nown; i++)
		if (strcmp(own[i].customer_id, customer_id) == 0) {
			*day = own[i].day;
			*months = own[i].months;
			return;
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

	dz_erp_deadline(w->erp, 0);
	if ((rc = dz_erp_period_all(w->erp, t, run->from, run->to, &rows, &n)) != DZ_OK) {
		snprintf(why, whysz, "%s", dz_erp_why(w->erp));
		return rc;
	}
	if (strcmp(run->origin, "schedule") == 0 &&
	    ((rc = dz_rday_set_get(w->db, run->account_set_id, &set)) != DZ_OK ||
	    (rc = dz_rday_list(w->db, run->account_set_id, &own, &nown)) != DZ_OK))
		goto out;
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
		c[k++] = (struct dz_bulk_cust){ rows[i].id, rows[i].code, rows[i].name };
	}
	rc = dz_bulk_put_items(w->db, run->id, c, k);
out:
	free(c);
	free(own);
	free(rows);
	return rc;
}

/* A live link for statement sid, made if it has none. */
static enum dz_err
ensure_link(struct worker *w, long long sid, const struct dz_actor *who)
{
	struct dz_store_stmt	 s;
	struct dz_store_link	 l;
	enum dz_err		 rc;

	if ((rc = dz_store_link_live(w->db, &w->keys, sid, &l)) != DZ_ERR_NOTFOUND)
		return rc;
	if ((rc = dz_store_get(w->db, sid, 0, &s)) != DZ_OK)
		return rc;
	if (s.status != DZ_STMT_PENDING)
		return DZ_OK;	/* answered or deleted: no new link */
	return dz_store_link_new(w->db, &w->keys, &s, w->conf->share_expiry_days, who, &l);
}

/*
 * One customer: DZ_OK with *how and *sid, or a customer's failure (*how
 * FAILED, why), or the ERP's or store's error (the worker stops).
 */
static enum dz_err
one_customer(struct worker *w, const struct dz_bulk_run *run,
    const struct dz_erp_target *t, const char *company, const struct dz_bulk_item *it,
    const struct dz_actor *who, enum dz_bulk_outcome *how, long long *sid,
    char *why, size_t whysz)
{
	struct dz_make		 m;
	struct dz_store_origin	 o;
	long long		 id = 0, by = 0;
	int64_t			 missing = 0;
	enum dz_err		 rc;

	*sid = 0;
	*how = DZ_BULK_MADE;
	/* a statement of the period there already: ours (an attempt of this
	 * run that stopped before its item was done) or not */
	if ((rc = dz_store_by_key(w->db, run->account_set_id, it->customer_id, run->from,
	    run->to, &id, &by)) == DZ_OK) {
		*how = by == run->id ? DZ_BULK_MADE : DZ_BULK_KEPT;
		*sid = id;
		return *how == DZ_BULK_MADE ? ensure_link(w, id, who) : DZ_OK;
	}
	if (rc != DZ_ERR_NOTFOUND)
		return rc;
	if ((rc = dz_store_same_period(w->db, run->account_set_id, it->customer_id,
	    run->from, run->to, &id)) == DZ_OK) {
		*how = DZ_BULK_KEPT;
		*sid = id;
		return DZ_OK;
	}
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
	memset(&o, 0, sizeof(o));
	o.run_id = run->id;
	o.keyed = 1;
	o.chain_from = m.chain_from;
	o.erp_opening = m.erp_opening;
	rc = dz_store_create_ex(w->db, &m.b.sn, company, who, &o, &id);
	dz_make_free(&m);
	if (rc == DZ_ERR_CONFLICT) {
		/* another worker made it meanwhile: take that one */
		if ((rc = dz_store_by_key(w->db, run->account_set_id, it->customer_id,
		    run->from, run->to, &id, &by)) != DZ_OK)
			return rc;
		*how = by == run->id ? DZ_BULK_MADE : DZ_BULK_KEPT;
	} else if (rc != DZ_OK)
		return rc;
	*sid = id;
	return *how == DZ_BULK_MADE ? ensure_link(w, id, who) : DZ_OK;
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
	int			 ret = 1;
	enum dz_err		 rc;

	memset(&t, 0, sizeof(t));
	why[0] = '\0';
	if (dz_bulk_get(w->db, id, 0, &run) != DZ_OK)
		return 1;
	memset(&who, 0, sizeof(who));
	who.user_id = run.created_by;
	who.username = run.username;
	who.ip = "";
	if (run.created_by <= 0) {
		dz_bulk_finish(w->db, id, w->name, "failed", LANG_month_no_user);
		return 1;
	}
	if ((rc = dz_store_account_target(w->db, &w->keys, run.account_set_id, company,
	    sizeof(company), &t)) != DZ_OK) {
		snprintf(why, sizeof(why), "%s", LANG_month_no_erp);
		goto stop;
	}
	if (!run.listed && (rc = list_customers(w, &run, &t, why, sizeof(why))) != DZ_OK) {
		if (rc == DZ_ERR_TOOBIG) {
			dz_bulk_finish(w->db, id, w->name, "failed", why);
			ret = 1;
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
			if ((rc = dz_bulk_renew(w->db, id, w->name, DZ_BULK_LEASE_S)) != DZ_OK) {
				ret = rc == DZ_ERR_GONE ? 0 : 1;
				goto out;
			}
			why[0] = '\0';
			rc = one_customer(w, &run, &t, company, &items[i], &who, &how, &sid,
			    why, sizeof(why));
			if (rc != DZ_OK)
				goto stop;
			if ((rc = dz_bulk_item_done(w->db, id, items[i].seq, how, sid,
			    how == DZ_BULK_FAILED ? why : "")) != DZ_OK)
				goto stop;
			after = items[i].seq;
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

/* Queue the runs the 对账日 of every scheduled account set cut on date. */
static int
schedule(struct worker *w, const char *date)
{
	struct dz_rday_set	*sets = NULL;
	struct dz_rday		*own = NULL;
	struct dz_actor		 who;
	char			 from[11], to[11], name[130];
	long long		 cuts[16][2], id;
	size_t			 nsets = 0, nown = 0, i, j, k, ncuts;
	int			 ret = 0;
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
			if (k == ncuts && ncuts < DZ_NELEM(cuts)) {
				cuts[ncuts][0] = own[j].day;
				cuts[ncuts++][1] = own[j].months;
			}
		}
		memset(&who, 0, sizeof(who));
		who.user_id = sets[i].by;
		snprintf(name, sizeof(name), "dz-admin");
		who.username = name;
		who.ip = "";
		for (k = 0; k < ncuts; k++) {
			if (dz_month_cut(date, (int)cuts[k][0], (int)cuts[k][1], from, to) != 1)
				continue;
			rc = dz_bulk_create(w->db, sets[i].id, from, to, "", 1, (int)cuts[k][0],
			    (int)cuts[k][1], &who, &id);
			if (rc == DZ_OK)
				printf("account set %lld: queued run %lld for %s..%s\n",
				    sets[i].id, id, from, to);
			else if (rc != DZ_ERR_CONFLICT)
				ret = 1;
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
	char		 dir[300], date[11], today[11], host[64];
	const char	*sched_date = NULL;
	long long	 want = 0, id;
	int		 sched = 0, ret = 0, i, worked = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--run") == 0 && i + 1 < argc && atoll(argv[i + 1]) > 0)
			want = atoll(argv[++i]);
		else if (strcmp(argv[i], "--schedule") == 0)
			sched = 1;
		else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc)
			sched_date = argv[++i];
		else if (strcmp(argv[i], "--delay-ms") == 0 && i + 1 < argc)
			i++;
		else {
			fprintf(stderr, "usage: dz-admin month-run [--run ID] [--schedule "
			    "[--date YYYY-MM-DD]] [--delay-ms N]\n");
			return 2;
		}
	}
	memset(&w, 0, sizeof(w));
	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--delay-ms") == 0 && i + 1 < argc)
			w.delay_ms = atol(argv[i + 1]);
	w.db = db;
	w.conf = conf;
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "host");
	host[sizeof(host) - 1] = '\0';
	snprintf(w.name, sizeof(w.name), "%.63s:%ld", host, (long)getpid());

	if (sched) {
		if (conf->time_zone[0] != '\0' && dz_clock_zone(conf->time_zone) != DZ_OK)
			return 1;
		dz_today(today);
		if (sched_date == NULL) {
			if (dz_date_add_days(today, -1, date) != 0)
				return 1;
			sched_date = date;
		} else if (dz_month_cut(sched_date, 0, 1, dir, dir + 20) < 0) {
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
	while (dz_bulk_claim(db, w.name, want, DZ_BULK_LEASE_S, &id) == DZ_OK) {
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
