/*
 * store_bulk.c: 月结 in the app store (store_bulk.h): bulk runs, their
 * customers, chained openings, 对账日.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "audit.h"
#include "db.h"
#include "money.h"
#include "store.h"
#include "store_bulk.h"

static void
bulk_object(char *buf, size_t sz, long long id)
{
	snprintf(buf, sz, "bulk:%lld", id);
}

static const struct dz_cellmap run_map[] = {
	DZ_CELL(DZ_C_BULK_ID, struct dz_bulk_run, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_BULK_SET, struct dz_bulk_run, account_set_id, DZ_CELL_INT),
	DZ_CELL(DZ_C_BULK_FROM, struct dz_bulk_run, from, DZ_CELL_STR),
	DZ_CELL(DZ_C_BULK_TO, struct dz_bulk_run, to, DZ_CELL_STR),
	DZ_CELL(DZ_C_BULK_FILTER, struct dz_bulk_run, filter, DZ_CELL_STR),
	DZ_CELL(DZ_C_BULK_ORIGIN, struct dz_bulk_run, origin, DZ_CELL_STR),
	DZ_CELL(DZ_C_BULK_SCHED_DAY, struct dz_bulk_run, sched_day, DZ_CELL_INT),
	DZ_CELL(DZ_C_BULK_SCHED_MONTHS, struct dz_bulk_run, sched_months, DZ_CELL_INT),
	DZ_CELL(DZ_C_BULK_STATE, struct dz_bulk_run, state, DZ_CELL_STR),
	DZ_CELL(DZ_C_BULK_LISTED, struct dz_bulk_run, listed, DZ_CELL_BOOL),
	DZ_CELL(DZ_C_BULK_TOTAL, struct dz_bulk_run, total, DZ_CELL_INT),
	DZ_CELL(DZ_C_BULK_MADE, struct dz_bulk_run, made, DZ_CELL_INT),
	DZ_CELL(DZ_C_BULK_KEPT, struct dz_bulk_run, kept, DZ_CELL_INT),
	DZ_CELL(DZ_C_BULK_FAILED, struct dz_bulk_run, failed, DZ_CELL_INT),
	DZ_CELL(DZ_C_BULK_CREATED_BY, struct dz_bulk_run, created_by, DZ_CELL_INT),
	DZ_CELL(DZ_C_BULK_USERNAME, struct dz_bulk_run, username, DZ_CELL_STR),
	DZ_CELL(DZ_C_BULK_CREATED_AT, struct dz_bulk_run, created_at, DZ_CELL_STR),
	DZ_CELL(DZ_C_BULK_STARTED_AT, struct dz_bulk_run, started_at, DZ_CELL_STR),
	DZ_CELL(DZ_C_BULK_FINISHED_AT, struct dz_bulk_run, finished_at, DZ_CELL_STR),
	DZ_CELL(DZ_C_BULK_WORKER, struct dz_bulk_run, worker, DZ_CELL_STR),
	DZ_CELL(DZ_C_BULK_LEASED, struct dz_bulk_run, leased, DZ_CELL_BOOL),
	DZ_CELL(DZ_C_BULK_ERROR, struct dz_bulk_run, error, DZ_CELL_STR),
};

static const struct dz_cellmap item_map[] = {
	DZ_CELL(DZ_C_ITEM_SEQ, struct dz_bulk_item, seq, DZ_CELL_INT),
	DZ_CELL(DZ_C_ITEM_CUSTOMER_ID, struct dz_bulk_item, customer_id, DZ_CELL_STR),
	DZ_CELL(DZ_C_ITEM_CODE, struct dz_bulk_item, customer_code, DZ_CELL_STR),
	DZ_CELL(DZ_C_ITEM_NAME, struct dz_bulk_item, customer_name, DZ_CELL_STR),
	DZ_CELL(DZ_C_ITEM_STATE, struct dz_bulk_item, state, DZ_CELL_STR),
	DZ_CELL(DZ_C_ITEM_STMT, struct dz_bulk_item, statement_id, DZ_CELL_INT),
	DZ_CELL(DZ_C_ITEM_ERROR, struct dz_bulk_item, error, DZ_CELL_STR),
	DZ_CELL(DZ_C_ITEM_CLOSING, struct dz_bulk_item, closing, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_ITEM_STATUS, struct dz_bulk_item, status, DZ_CELL_STR),
	DZ_CELL(DZ_C_ITEM_DELETED, struct dz_bulk_item, deleted, DZ_CELL_BOOL),
};

static const struct dz_cellmap pend_map[] = {
	DZ_CELL(DZ_C_PEND_SEQ, struct dz_bulk_item, seq, DZ_CELL_INT),
	DZ_CELL(DZ_C_PEND_CUSTOMER_ID, struct dz_bulk_item, customer_id, DZ_CELL_STR),
	DZ_CELL(DZ_C_PEND_CODE, struct dz_bulk_item, customer_code, DZ_CELL_STR),
	DZ_CELL(DZ_C_PEND_NAME, struct dz_bulk_item, customer_name, DZ_CELL_STR),
};

static const struct dz_cellmap rday_map[] = {
	DZ_CELL(DZ_C_RDAY_CUSTOMER_ID, struct dz_rday, customer_id, DZ_CELL_STR),
	DZ_CELL(DZ_C_RDAY_CODE, struct dz_rday, customer_code, DZ_CELL_STR),
	DZ_CELL(DZ_C_RDAY_NAME, struct dz_rday, customer_name, DZ_CELL_STR),
	DZ_CELL(DZ_C_RDAY_DAY, struct dz_rday, day, DZ_CELL_INT),
	DZ_CELL(DZ_C_RDAY_MONTHS, struct dz_rday, months, DZ_CELL_INT),
};

static const struct dz_cellmap rset_map[] = {
	DZ_CELL(DZ_C_RSET_ID, struct dz_rday_set, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_RSET_DAY, struct dz_rday_set, day, DZ_CELL_INT),
	DZ_CELL(DZ_C_RSET_MONTHS, struct dz_rday_set, months, DZ_CELL_INT),
	DZ_CELL(DZ_C_RSET_BY, struct dz_rday_set, by, DZ_CELL_INT),
};

/* One id from a one-column, one-row result. */
static enum dz_err
one_id(struct dz_db *db, enum dz_sql q, const struct dz_dbarg *a, size_t na,
    long long *id)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	if ((rc = dz_db_one(db, q, a, na, &rows)) != DZ_OK)
		return rc;
	*id = dz_db_cell_int(&rows, 0, 0);
	dz_db_rows_free(&rows);
	return DZ_OK;
}

enum dz_err
dz_bulk_create(struct dz_db *db, long long set, const char *from, const char *to,
    const char *filter, int scheduled, int sched_day, int sched_months,
    const struct dz_actor *who, long long *id)
{
	struct dz_dbarg		 a[4];
	unsigned long long	 rid = 0;
	char			 obj[48], detail[160];
	enum dz_err		 rc;

	*id = 0;
	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	a[0] = DZ_A_INT(set);
	a[1] = DZ_A_STR(from);
	a[2] = DZ_A_STR(to);
	a[3] = DZ_A_STR(filter);
	if ((rc = one_id(db, DZ_SQL_BULK_ACTIVE, a, 4, id)) == DZ_OK) {
		dz_db_rollback(db);
		return DZ_ERR_CONFLICT;
	}
	if (rc != DZ_ERR_NOTFOUND)
		goto fail;
	if (scheduled) {
		struct dz_dbarg	b[5] = { DZ_A_INT(set), DZ_A_STR(from), DZ_A_STR(to),
		    DZ_A_INT(sched_day), DZ_A_INT(sched_months) };

		if ((rc = one_id(db, DZ_SQL_BULK_SCHEDULED, b, 5, id)) == DZ_OK) {
			dz_db_rollback(db);
			return DZ_ERR_CONFLICT;
		}
		if (rc != DZ_ERR_NOTFOUND)
			goto fail;
	}
	rc = dz_db_x(db, DZ_SQL_BULK_INSERT, NULL, &rid, DZ_A_INT(set), DZ_A_STR(from),
	    DZ_A_STR(to), DZ_A_STR(filter), DZ_A_STR(scheduled ? "schedule" : "staff"),
	    scheduled ? DZ_A_INT(sched_day) : DZ_A_NULL,
	    scheduled ? DZ_A_INT(sched_months) : DZ_A_NULL,
	    who->user_id > 0 ? DZ_A_INT(who->user_id) : DZ_A_NULL);
	if (rc != DZ_OK)
		goto fail;
	bulk_object(obj, sizeof(obj), (long long)rid);
	snprintf(detail, sizeof(detail), "%s..%s%s%.63s%s", from, to,
	    filter[0] != '\0' ? " filter=" : "", filter, scheduled ? " scheduled" : "");
	if ((rc = dz_audit(db, who->user_id, who->username, "bulk_create", obj, detail,
	    who->ip)) != DZ_OK || (rc = dz_db_commit(db)) != DZ_OK)
		goto fail;
	*id = (long long)rid;
	return DZ_OK;
fail:
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_bulk_get(struct dz_db *db, long long id, long long set, struct dz_bulk_run *r)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	memset(r, 0, sizeof(*r));
	if ((rc = dz_db_q1(db, DZ_SQL_BULK_GET, &rows, DZ_A_INT(id), DZ_A_INT(set),
	    DZ_A_INT(set))) != DZ_OK)
		return rc;
	rc = dz_db_fill(&rows, 0, r, run_map, DZ_NELEM(run_map));
	dz_db_rows_free(&rows);
	return rc;
}

enum dz_err
dz_bulk_list(struct dz_db *db, long long set, size_t max, struct dz_bulk_run **out,
    size_t *n)
{
	struct dz_dbarg	a[2] = { DZ_A_INT(set), DZ_A_INT((long long)max) };

	return dz_db_list(db, DZ_SQL_BULK_LIST, a, 2, run_map, DZ_NELEM(run_map),
	    sizeof(**out), (void **)out, n);
}

enum dz_err
dz_bulk_items(struct dz_db *db, long long run, const char *state, long long after,
    size_t max, struct dz_bulk_item **out, size_t *n)
{
	struct dz_dbarg	a[5];

	a[0] = DZ_A_INT(run);
	a[1] = DZ_A_STR(state != NULL ? state : "");
	a[2] = DZ_A_STR(state != NULL ? state : "");
	a[3] = DZ_A_INT(after);
	a[4] = DZ_A_INT((long long)max);
	return dz_db_list(db, DZ_SQL_BULK_ITEMS, a, 5, item_map, DZ_NELEM(item_map),
	    sizeof(**out), (void **)out, n);
}

enum dz_err
dz_bulk_cancel(struct dz_db *db, long long run, long long set, const struct dz_actor *who)
{
	unsigned long long	aff = 0;
	char			obj[48];
	enum dz_err		rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	if ((rc = dz_db_x(db, DZ_SQL_BULK_CANCEL, &aff, NULL, DZ_A_INT(run),
	    DZ_A_INT(set))) == DZ_OK && aff == 0)
		rc = DZ_ERR_CONFLICT;
	bulk_object(obj, sizeof(obj), run);
	if (rc == DZ_OK)
		rc = dz_audit(db, who->user_id, who->username, "bulk_cancel", obj, "",
		    who->ip);
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_bulk_claim(struct dz_db *db, const char *worker, long long want, int lease,
    long long *run)
{
	struct dz_dbarg	 a[2] = { DZ_A_INT(want), DZ_A_INT(want) };
	long long	 id = 0;
	enum dz_err	 rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	if ((rc = one_id(db, DZ_SQL_BULK_PICK, a, 2, &id)) == DZ_OK)
		rc = dz_db_x(db, DZ_SQL_BULK_CLAIM, NULL, NULL, DZ_A_STR(worker),
		    DZ_A_INT(lease), DZ_A_INT(id));
	if (rc == DZ_OK && (rc = dz_db_commit(db)) == DZ_OK) {
		*run = id;
		return DZ_OK;
	}
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_bulk_renew(struct dz_db *db, long long run, const char *worker, int lease)
{
	unsigned long long	aff = 0;
	enum dz_err		rc;

	if ((rc = dz_db_x(db, DZ_SQL_BULK_RENEW, &aff, NULL, DZ_A_INT(lease),
	    DZ_A_INT(run), DZ_A_STR(worker))) != DZ_OK)
		return rc;
	return aff == 1 ? DZ_OK : DZ_ERR_GONE;
}

enum dz_err
dz_bulk_put_items(struct dz_db *db, long long run, const struct dz_bulk_cust *c, size_t n)
{
	size_t		i;
	enum dz_err	rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	for (i = 0; i < n && rc == DZ_OK; i++)
		rc = dz_db_x(db, DZ_SQL_BULK_ITEM_INSERT, NULL, NULL, DZ_A_INT(run),
		    DZ_A_INT((long long)i + 1), DZ_A_STRN(c[i].id, strnlen(c[i].id, 64)),
		    DZ_A_STRN(c[i].code, strnlen(c[i].code, 64)),
		    DZ_A_STRN(c[i].name, strnlen(c[i].name, 255)));
	if (rc == DZ_OK)
		rc = dz_db_x(db, DZ_SQL_BULK_LISTED, NULL, NULL, DZ_A_INT((long long)n),
		    DZ_A_INT(run));
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_bulk_pending(struct dz_db *db, long long run, long long after, size_t max,
    struct dz_bulk_item **out, size_t *n)
{
	struct dz_dbarg	a[3] = { DZ_A_INT(run), DZ_A_INT(after), DZ_A_INT((long long)max) };

	return dz_db_list(db, DZ_SQL_BULK_PENDING, a, 3, pend_map, DZ_NELEM(pend_map),
	    sizeof(**out), (void **)out, n);
}

enum dz_err
dz_bulk_item_done(struct dz_db *db, long long run, long long seq,
    enum dz_bulk_outcome how, long long stmt, const char *why)
{
	static const char *const states[] = { "made", "kept", "failed" };
	unsigned long long	 aff = 0;
	enum dz_err		 rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_BULK_ITEM_DONE, &aff, NULL, DZ_A_STR(states[how]),
	    stmt > 0 ? DZ_A_INT(stmt) : DZ_A_NULL,
	    DZ_A_STRN(why != NULL ? why : "", why != NULL ? strnlen(why, 500) : 0),
	    DZ_A_INT(run), DZ_A_INT(seq));
	if (rc == DZ_OK && aff == 1)
		rc = dz_db_x(db, DZ_SQL_BULK_COUNT, NULL, NULL, DZ_A_INT(how == DZ_BULK_MADE),
		    DZ_A_INT(how == DZ_BULK_KEPT), DZ_A_INT(how == DZ_BULK_FAILED),
		    DZ_A_INT(run));
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_bulk_finish(struct dz_db *db, long long run, const char *worker, const char *state,
    const char *error)
{
	struct dz_bulk_run	 r;
	unsigned long long	 aff = 0;
	char			 obj[48], detail[120];
	enum dz_err		 rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	if ((rc = dz_db_x(db, DZ_SQL_BULK_FINISH, &aff, NULL, DZ_A_STR(state),
	    DZ_A_STRN(error, strnlen(error, 500)), DZ_A_INT(run),
	    DZ_A_STR(worker))) == DZ_OK && aff == 0)
		rc = DZ_ERR_GONE;
	if (rc == DZ_OK)
		rc = dz_bulk_get(db, run, 0, &r);
	if (rc == DZ_OK) {
		bulk_object(obj, sizeof(obj), run);
		snprintf(detail, sizeof(detail), "%s total=%lld made=%lld kept=%lld failed=%lld",
		    state, r.total, r.made, r.kept, r.failed);
		rc = dz_audit(db, r.created_by, r.username[0] != '\0' ? r.username : NULL,
		    "bulk_done", obj, detail, "");
	}
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_bulk_stop(struct dz_db *db, long long run, const char *worker, const char *why)
{
	return dz_db_x(db, DZ_SQL_BULK_STOP, NULL, NULL,
	    DZ_A_STRN(why, strnlen(why, 500)), DZ_A_INT(run), DZ_A_STR(worker));
}

enum dz_err
dz_store_chain(struct dz_db *db, long long set, const char *customer_id,
    const char *from, long long *id, int64_t *closing)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	if ((rc = dz_db_q1(db, DZ_SQL_CHAIN_PREV, &rows, DZ_A_INT(set),
	    DZ_A_STR(customer_id), DZ_A_STR(from))) != DZ_OK)
		return rc;
	*id = dz_db_cell_int(&rows, 0, DZ_C_CHAIN_ID);
	*closing = dz_money_cell(dz_db_cell(&rows, 0, DZ_C_CHAIN_CLOSING));
	dz_db_rows_free(&rows);
	return DZ_OK;
}

enum dz_err
dz_store_same_period(struct dz_db *db, long long set, const char *customer_id,
    const char *from, const char *to, long long *id)
{
	struct dz_dbarg	a[4] = { DZ_A_INT(set), DZ_A_STR(customer_id), DZ_A_STR(from),
	    DZ_A_STR(to) };

	return one_id(db, DZ_SQL_STMT_SAME_PERIOD, a, 4, id);
}

enum dz_err
dz_store_by_key(struct dz_db *db, long long set, const char *customer_id,
    const char *from, const char *to, long long *id, long long *run)
{
	struct dz_rows	rows;
	char		key[DZ_STORE_PERIOD_KEY_MAX];
	enum dz_err	rc;

	dz_store_period_key(key, sizeof(key), customer_id, from, to);
	if ((rc = dz_db_q1(db, DZ_SQL_STMT_BY_KEY, &rows, DZ_A_INT(set),
	    DZ_A_STR(key))) != DZ_OK)
		return rc;
	*id = dz_db_cell_int(&rows, 0, DZ_C_BYKEY_ID);
	*run = dz_db_cell_int(&rows, 0, DZ_C_BYKEY_RUN);
	dz_db_rows_free(&rows);
	return DZ_OK;
}

/* ---- 待跟进 ---------------------------------------------------------- */

static const struct dz_cellmap follow_map[] = {
	DZ_CELL(DZ_C_FOLLOW_ID, struct dz_followup, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_FOLLOW_CODE, struct dz_followup, customer_code, DZ_CELL_STR),
	DZ_CELL(DZ_C_FOLLOW_NAME, struct dz_followup, customer_name, DZ_CELL_STR),
	DZ_CELL(DZ_C_FOLLOW_FROM, struct dz_followup, from, DZ_CELL_STR),
	DZ_CELL(DZ_C_FOLLOW_TO, struct dz_followup, to, DZ_CELL_STR),
	DZ_CELL(DZ_C_FOLLOW_STATUS, struct dz_followup, status, DZ_CELL_STR),
	DZ_CELL(DZ_C_FOLLOW_CLOSING, struct dz_followup, closing, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_FOLLOW_RECEIVED, struct dz_followup, received, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_FOLLOW_AGE, struct dz_followup, age, DZ_CELL_INT),
	DZ_CELL(DZ_C_FOLLOW_LINKS, struct dz_followup, links, DZ_CELL_INT),
	DZ_CELL(DZ_C_FOLLOW_OPENED, struct dz_followup, opened, DZ_CELL_INT),
	DZ_CELL(DZ_C_FOLLOW_RECON, struct dz_followup, recon, DZ_CELL_STR),
	DZ_CELL(DZ_C_FOLLOW_DRIFT, struct dz_followup, drift, DZ_CELL_BOOL),
};

enum dz_err
dz_store_followup(struct dz_db *db, long long set, int days, size_t max,
    struct dz_followup **out, size_t *n)
{
	struct dz_dbarg	a[3] = { DZ_A_INT(set), DZ_A_INT(days), DZ_A_INT((long long)max) };

	return dz_db_list(db, DZ_SQL_FOLLOWUP, a, 3, follow_map, DZ_NELEM(follow_map),
	    sizeof(**out), (void **)out, n);
}

/* ---- 对账日 ---------------------------------------------------------- */

enum dz_err
dz_rday_list(struct dz_db *db, long long set, struct dz_rday **out, size_t *n)
{
	struct dz_dbarg	a[1] = { DZ_A_INT(set) };

	return dz_db_list(db, DZ_SQL_RDAY_LIST, a, 1, rday_map, DZ_NELEM(rday_map),
	    sizeof(**out), (void **)out, n);
}

static enum dz_err
rday_audit(struct dz_db *db, const struct dz_actor *who, long long set,
    const char *detail)
{
	char	obj[48];

	snprintf(obj, sizeof(obj), "account_set:%lld", set);
	return dz_audit(db, who->user_id, who->username, "recon_day", obj, detail, who->ip);
}

enum dz_err
dz_rday_put(struct dz_db *db, long long set, const struct dz_rday *d,
    const struct dz_actor *who)
{
	char		detail[200];
	enum dz_err	rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_RDAY_PUT, NULL, NULL, DZ_A_INT(set),
	    DZ_A_STR(d->customer_id), DZ_A_STR(d->customer_code),
	    DZ_A_STRN(d->customer_name, strnlen(d->customer_name, 255)),
	    DZ_A_INT(d->day), DZ_A_INT(d->months),
	    who->user_id > 0 ? DZ_A_INT(who->user_id) : DZ_A_NULL);
	snprintf(detail, sizeof(detail), "%.64s day=%lld months=%lld", d->customer_code,
	    d->day, d->months);
	if (rc == DZ_OK)
		rc = rday_audit(db, who, set, detail);
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_rday_delete(struct dz_db *db, long long set, const char *customer_id,
    const struct dz_actor *who)
{
	unsigned long long	aff = 0;
	char			detail[100];
	enum dz_err		rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	if ((rc = dz_db_x(db, DZ_SQL_RDAY_DELETE, &aff, NULL, DZ_A_INT(set),
	    DZ_A_STR(customer_id))) == DZ_OK && aff == 0)
		rc = DZ_ERR_NOTFOUND;
	snprintf(detail, sizeof(detail), "%.64s removed", customer_id);
	if (rc == DZ_OK)
		rc = rday_audit(db, who, set, detail);
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_rday_set_get(struct dz_db *db, long long set, struct dz_rday_set *s)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	memset(s, 0, sizeof(*s));
	if ((rc = dz_db_q1(db, DZ_SQL_RDAY_SET_GET, &rows, DZ_A_INT(set))) != DZ_OK)
		return rc;
	rc = dz_db_fill(&rows, 0, s, rset_map, DZ_NELEM(rset_map));
	dz_db_rows_free(&rows);
	return rc;
}

enum dz_err
dz_rday_set_put(struct dz_db *db, long long set, const struct dz_rday_set *s,
    const struct dz_actor *who)
{
	char		detail[120];
	enum dz_err	rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_RDAY_SET_PUT, NULL, NULL, DZ_A_INT(s->day),
	    DZ_A_INT(s->months), s->by > 0 ? DZ_A_INT(s->by) : DZ_A_NULL, DZ_A_INT(set));
	snprintf(detail, sizeof(detail), "default day=%lld months=%lld scheduled=%s",
	    s->day, s->months, s->by > 0 ? "on" : "off");
	if (rc == DZ_OK)
		rc = rday_audit(db, who, set, detail);
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_rday_scheduled(struct dz_db *db, struct dz_rday_set **out, size_t *n)
{
	return dz_db_list(db, DZ_SQL_RDAY_SCHEDULED, NULL, 0, rset_map,
	    DZ_NELEM(rset_map), sizeof(**out), (void **)out, n);
}
