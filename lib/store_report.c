/*
 * store_report.c: the figures of the reports (dz-reports) from the app
 * store: one account set's statements made in a period, from the rollups
 * the triggers of schema 012 keep (a period of a set of 1,000,000 reads
 * a row a day, a customer a year or month, and the days at its ends):
 * the months (the overview is their sum), the turnaround's median (a
 * histogram, lib/rollup), disputes by customer; and, for the ERP
 * reports, which statements cover a period and how each customer
 * answered.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "clock.h"
#include "db.h"
#include "rollup.h"
#include "store.h"

static const struct dz_cellmap disp_map[] = {
	DZ_CELL(DZ_C_DISP_CODE, struct dz_store_dispute, code, DZ_CELL_STR),
	DZ_CELL(DZ_C_DISP_NAME, struct dz_store_dispute, name, DZ_CELL_STR),
	DZ_CELL(DZ_C_DISP_COUNT, struct dz_store_dispute, disputed, DZ_CELL_INT),
	DZ_CELL(DZ_C_DISP_MADE, struct dz_store_dispute, made, DZ_CELL_INT),
	DZ_CELL(DZ_C_DISP_CLOSING, struct dz_store_dispute, closing, DZ_CELL_MONEY),
};

static const struct dz_cellmap trend_map[] = {
	DZ_CELL(DZ_C_TREND_MONTH, struct dz_store_month, month, DZ_CELL_STR),
	DZ_CELL(DZ_C_TREND_MADE, struct dz_store_month, made, DZ_CELL_INT),
	DZ_CELL(DZ_C_TREND_SHARED, struct dz_store_month, shared, DZ_CELL_INT),
	DZ_CELL(DZ_C_TREND_OPENED, struct dz_store_month, opened, DZ_CELL_INT),
	DZ_CELL(DZ_C_TREND_ANSWERED, struct dz_store_month, answered, DZ_CELL_INT),
	DZ_CELL(DZ_C_TREND_AGREED, struct dz_store_month, agreed, DZ_CELL_INT),
	DZ_CELL(DZ_C_TREND_DISPUTED, struct dz_store_month, disputed, DZ_CELL_INT),
	DZ_CELL(DZ_C_TREND_CLOSING, struct dz_store_month, closing, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_TREND_RECEIVED, struct dz_store_month, received, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_TREND_STALE, struct dz_store_month, stale, DZ_CELL_INT),
	DZ_CELL(DZ_C_TREND_STALE_CLOSING, struct dz_store_month, stale_closing, DZ_CELL_MONEY),
};

enum dz_err
dz_store_overview(struct dz_db *db, long long set, const char *from, const char *to,
    int stale_days, struct dz_store_overview *o, struct dz_store_months *months)
{
	struct dz_dbarg	 a[10];
	struct dz_rows	 rows;
	size_t		 i;
	enum dz_err	 rc;

	memset(o, 0, sizeof(*o));
	memset(months, 0, sizeof(*months));
	o->median_seconds = -1;
	/* the order of REPORT_TREND's placeholders (lib/db.c) */
	a[0] = a[1] = a[6] = a[8] = DZ_A_INT(stale_days);
	a[2] = a[5] = DZ_A_INT(set);
	a[3] = a[7] = DZ_A_STR(from);
	a[4] = a[9] = DZ_A_STR(to);
	if ((rc = dz_db_list(db, DZ_SQL_REPORT_TREND, a, 10, trend_map, DZ_NELEM(trend_map),
	    sizeof(*months->v), (void **)&months->v, &months->n)) != DZ_OK)
		return rc;
	a[0] = DZ_A_INT(set);
	a[1] = DZ_A_STR(from);
	a[2] = DZ_A_STR(to);
	/* the period is the sum of its months */
	for (i = 0; i < months->n; i++) {
		const struct dz_store_month *m = &months->v[i];

		o->made += m->made;
		o->shared += m->shared;
		o->opened += m->opened;
		o->answered += m->answered;
		o->agreed += m->agreed;
		o->disputed += m->disputed;
		o->received += m->received;
		o->closing += m->closing;
		o->stale += m->stale;
		o->stale_closing += m->stale_closing;
	}
	if ((rc = dz_db_query(db, DZ_SQL_REPORT_TURNAROUND, a, 3, &rows)) != DZ_OK) {
		dz_store_months_free(months);
		return rc;
	}
	if (rows.nrows > 0) {
		struct dz_rollup_bin *bins;

		if ((bins = calloc(rows.nrows, sizeof(*bins))) == NULL) {
			dz_db_rows_free(&rows);
			dz_store_months_free(months);
			return DZ_ERR_NOMEM;
		}
		for (i = 0; i < rows.nrows; i++) {
			bins[i].secs = dz_db_cell_int(&rows, i, DZ_C_TURN_SECS);
			bins[i].n = dz_db_cell_int(&rows, i, DZ_C_TURN_COUNT);
		}
		o->median_seconds = dz_rollup_median(bins, rows.nrows, &o->timed);
		free(bins);
	}
	dz_db_rows_free(&rows);
	return DZ_OK;
}

/* an absent piece of the split is NULL: it finds nothing */
static struct dz_dbarg
piece(const char *date)
{
	return date[0] != '\0' ? DZ_A_STR(date) : DZ_A_NULL;
}

/*
 * The split's rollup piece when it is the only one and a single year or
 * month (*span 'y' or 'm'), else NULL.
 */
static const struct dz_rollup_range *
one_piece(const struct dz_rollup_split *sp, const char **span)
{
	const struct dz_rollup_range	*r[3] = { &sp->years, &sp->months_a, &sp->months_b };
	const struct dz_rollup_range	*one = NULL;
	size_t				 i;

	for (i = 0; i < 3; i++) {
		if (r[i]->from[0] == '\0')
			continue;
		if (one != NULL)
			return NULL;
		one = r[i];
		*span = i == 0 ? "y" : "m";
	}
	if (one == NULL || strcmp(one->from, one->to) != 0)
		return NULL;
	return one;
}

enum dz_err
dz_store_disputes(struct dz_db *db, long long set, const char *from, const char *to,
    struct dz_store_disputes *out)
{
	struct dz_rollup_split	 sp;
	const struct dz_rollup_range *pc[5], *one;
	const char		*span;
	struct dz_dbarg		 a[15];
	char			 today[DZ_DATE_LEN + 1];
	size_t			 i;

	memset(out, 0, sizeof(*out));
	dz_today(today);
	if (dz_rollup_split(from, to, today, &sp) != 0)
		return DZ_ERR_INVAL;
	/* one year or one month whole: its rollup rows, in order */
	if (sp.head.from[0] == '\0' && sp.tail.from[0] == '\0' &&
	    (one = one_piece(&sp, &span)) != NULL) {
		a[0] = DZ_A_INT(set);
		a[1] = DZ_A_STR(span);
		a[2] = DZ_A_STR(one->from);
		return dz_db_list(db, DZ_SQL_REPORT_DISPUTES_ONE, a, 3, disp_map,
		    DZ_NELEM(disp_map), sizeof(*out->v), (void **)&out->v, &out->n);
	}
	/* the order of REPORT_DISPUTES' pieces (lib/db.c) */
	pc[0] = &sp.years;
	pc[1] = &sp.months_a;
	pc[2] = &sp.months_b;
	pc[3] = &sp.head;
	pc[4] = &sp.tail;
	for (i = 0; i < 5; i++) {
		a[3 * i] = DZ_A_INT(set);
		a[3 * i + 1] = piece(pc[i]->from);
		a[3 * i + 2] = piece(pc[i]->to);
	}
	return dz_db_list(db, DZ_SQL_REPORT_DISPUTES, a, 15, disp_map, DZ_NELEM(disp_map),
	    sizeof(*out->v), (void **)&out->v, &out->n);
}

void
dz_store_disputes_free(struct dz_store_disputes *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

void
dz_store_months_free(struct dz_store_months *m)
{
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* An unknown code (none: the column is an ENUM) reads as 未确认. */
static void
state_status(const char *cell, void *field)
{
	if (dz_stmt_status_from_code(cell != NULL ? cell : "", field) != DZ_OK)
		*(enum dz_stmt_status *)field = DZ_STMT_PENDING;
}

static const struct dz_cellmap state_map[] = {
	DZ_CELL(DZ_C_STATE_CUSTOMER, struct dz_store_state, customer_id, DZ_CELL_STR),
	DZ_CELL(DZ_C_STATE_ID, struct dz_store_state, id, DZ_CELL_INT),
	DZ_CELL_CONV(DZ_C_STATE_STATUS, struct dz_store_state, status, state_status),
	DZ_CELL(DZ_C_STATE_FROM, struct dz_store_state, from, DZ_CELL_STR),
	DZ_CELL(DZ_C_STATE_TO, struct dz_store_state, to, DZ_CELL_STR),
};

enum dz_err
dz_store_states(struct dz_db *db, long long set, const char *from, const char *to,
    const char *customer, struct dz_store_states *out)
{
	struct dz_dbarg	a[4];

	memset(out, 0, sizeof(*out));
	a[0] = DZ_A_INT(set);
	a[1] = DZ_A_STR(from);
	a[2] = DZ_A_STR(to);
	a[3] = customer != NULL ? DZ_A_STR(customer) : DZ_A_NULL;
	return dz_db_list(db, DZ_SQL_REPORT_STATES, a, 4, state_map, DZ_NELEM(state_map),
	    sizeof(*out->v), (void **)&out->v, &out->n);
}

void
dz_store_states_free(struct dz_store_states *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static const struct dz_cellmap ans_map[] = {
	DZ_CELL(DZ_C_ANS_CUSTOMER, struct dz_store_answered, customer_id, DZ_CELL_STR),
	DZ_CELL(DZ_C_ANS_MADE, struct dz_store_answered, made, DZ_CELL_INT),
	DZ_CELL(DZ_C_ANS_ANSWERED, struct dz_store_answered, answered, DZ_CELL_INT),
	DZ_CELL(DZ_C_ANS_DISPUTED, struct dz_store_answered, disputed, DZ_CELL_INT),
};

enum dz_err
dz_store_answered(struct dz_db *db, long long set, const char *from, const char *to,
    struct dz_store_answereds *out)
{
	struct dz_dbarg	a[3];

	memset(out, 0, sizeof(*out));
	a[0] = DZ_A_INT(set);
	a[1] = DZ_A_STR(from);
	a[2] = DZ_A_STR(to);
	return dz_db_list(db, DZ_SQL_REPORT_ANSWERS, a, 3, ans_map, DZ_NELEM(ans_map),
	    sizeof(*out->v), (void **)&out->v, &out->n);
}

void
dz_store_answereds_free(struct dz_store_answereds *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}
