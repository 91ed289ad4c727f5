/*
 * store_list.c: what the pages read from the store besides a statement
 * itself: the history's cards, the links made per day, a statement's
 * answers and its audit rows, the users and one user with their address
 * opened. Each takes what it filters on as arguments, runs one statement
 * of db.c's table and returns structs, filled by a table of which column
 * lands in which field (dz_db_fill); the screens never see a row.
 */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "db.h"
#include "money.h"
#include "stmt.h"
#include "store.h"
#include "store_account.h"

/* A status code as the store has it (an unknown one reads as 未确认). */
static void
status_of(const char *code, void *field)
{
	if (dz_stmt_status_from_code(code, field) != DZ_OK)
		*(enum dz_stmt_status *)field = DZ_STMT_PENDING;
}

/* "%name%" for LIKE, with the wildcards of the name escaped. */
static void
like_pattern(const char *in, char *out, size_t sz)
{
	size_t	n = 0;

	if (sz < 3)
		return;
	out[n++] = '%';
	for (; *in != '\0' && n + 3 < sz; in++) {
		if (*in == '%' || *in == '_' || *in == '\\')
			out[n++] = '\\';
		out[n++] = *in;
	}
	out[n++] = '%';
	out[n] = '\0';
}

static struct dz_dbarg
opt(const char *s)
{
	return s != NULL ? DZ_A_STR(s) : DZ_A_NULL;
}

static const struct dz_cellmap card_map[] = {
	DZ_CELL(DZ_C_CARD_ID, struct dz_store_card, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_CARD_CUSTOMER_CODE, struct dz_store_card, customer_code, DZ_CELL_STR),
	DZ_CELL(DZ_C_CARD_CUSTOMER_NAME, struct dz_store_card, customer_name, DZ_CELL_STR),
	DZ_CELL(DZ_C_CARD_FROM, struct dz_store_card, from, DZ_CELL_STR),
	DZ_CELL(DZ_C_CARD_TO, struct dz_store_card, to, DZ_CELL_STR),
	DZ_CELL_CONV(DZ_C_CARD_STATUS, struct dz_store_card, status, status_of),
	DZ_CELL(DZ_C_CARD_RECEIVED, struct dz_store_card, received, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_CARD_CLOSING, struct dz_store_card, closing, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_CARD_DOC_COUNT, struct dz_store_card, doc_count, DZ_CELL_INT),
	DZ_CELL(DZ_C_CARD_CREATED_AT, struct dz_store_card, created_at, DZ_CELL_STR),
	DZ_CELL(DZ_C_CARD_VERSION, struct dz_store_card, version, DZ_CELL_INT),
	DZ_CELL(DZ_C_CARD_RECON, struct dz_store_card, recon, DZ_CELL_STR),
	DZ_CELL(DZ_C_CARD_CHAIN_DIFF, struct dz_store_card, chain_diff, DZ_CELL_BOOL),
};

/* The filters as the list, its count and the export bind them first. */
static void
filter_args(const struct dz_store_filter *f, char *like, size_t sz, struct dz_dbarg *a)
{
	if (f->customer != NULL)
		like_pattern(f->customer, like, sz);
	a[0] = opt(f->customer);
	a[1] = f->customer != NULL ? DZ_A_STR(like) : DZ_A_NULL;
	a[2] = f->has_status ? DZ_A_STR(dz_stmt_status_code(f->status)) : DZ_A_NULL;
	a[3] = opt(f->from);
	a[4] = opt(f->to);
	a[5] = opt(f->created_from);
	a[6] = opt(f->created_to);
}

/*
 * A customer filter naming at most this many customers starts from them
 * (db.c's *_CUST); one naming more (a common part of names) walks the set
 * newest first as without a customer, where its matches are dense.
 */
#define CUST_DRIVE_MAX	50

/*
 * How f's customer is best found (db.c): from the statements of its one
 * (customer, code, name) key (*_KEY: a code or a whole name typed, the
 * key copied into key), from its few customers' names (*_CUST), or by
 * walking the set (0: no customer, or a common part of many names).
 */
enum cust_by { CUST_WALK, CUST_NAMES, CUST_KEY };

struct cust_key {
	char	id[64], code[64], name[256];
};

static enum dz_err
by_customer(struct dz_db *db, const struct dz_store_filter *f, const struct dz_dbarg *a,
    enum cust_by *by, struct cust_key *key)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	*by = CUST_WALK;
	if (f->customer == NULL)
		return DZ_OK;
	/* the keys of at most CUST_DRIVE_MAX customers, a few names each */
	if ((rc = dz_db_q(db, DZ_SQL_STMT_CUST_N, &rows, DZ_A_INT(f->account_set_id),
	    a[0], a[0], a[1], DZ_A_INT(CUST_DRIVE_MAX * 4 + 1))) != DZ_OK)
		return rc;
	if (dz_db_cell_int(&rows, 0, DZ_C_CUSTN_KEYS) == 1) {
		*by = CUST_KEY;
		snprintf(key->id, sizeof(key->id), "%s", dz_db_cell(&rows, 0, DZ_C_CUSTN_ID));
		snprintf(key->code, sizeof(key->code), "%s",
		    dz_db_cell(&rows, 0, DZ_C_CUSTN_CODE));
		snprintf(key->name, sizeof(key->name), "%s",
		    dz_db_cell(&rows, 0, DZ_C_CUSTN_NAME));
	} else if (dz_db_cell_int(&rows, 0, DZ_C_CUSTN_KEYS) <= CUST_DRIVE_MAX * 4 &&
	    dz_db_cell_int(&rows, 0, DZ_C_CUSTN_CUSTOMERS) <= CUST_DRIVE_MAX)
		*by = CUST_NAMES;
	dz_db_rows_free(&rows);
	return DZ_OK;
}

/* After the filters (and a cursor), at k: for *_CUST the customer, its
 * pattern and the set (db.c STMT_CUST_K), then the set. The next free
 * index. a[0], a[1] must be filter_args' already. */
static size_t
set_args(const struct dz_store_filter *f, int names, struct dz_dbarg *a, size_t k)
{
	if (names) {
		a[k++] = a[0];
		a[k++] = a[1];
		a[k++] = DZ_A_INT(f->account_set_id);
	}
	a[k++] = DZ_A_INT(f->account_set_id);
	return k;
}

/*
 * The period filter's months (YYYYMM) when both its ends are given and
 * no customer (db.c's *_MONTH, *_MONTHS read statement_months): 1 and
 * *m1 == *m2 for one month, 2 for more, 0 to walk the set by creation
 * (an open end reaches every later or earlier month: the newest ones are
 * then near the top of the walk, and the oldest few).
 */
static int
by_months(const struct dz_store_filter *f, long long *m1, long long *m2)
{
	int	y1, mo1, y2, mo2;

	if (f->customer != NULL || f->from == NULL || f->to == NULL ||
	    sscanf(f->from, "%4d-%2d", &y1, &mo1) != 2 ||
	    sscanf(f->to, "%4d-%2d", &y2, &mo2) != 2)
		return 0;
	*m1 = y1 * 100LL + mo1;
	*m2 = y2 * 100LL + mo2;
	if (*m2 < *m1)
		return 0;	/* matches nothing: any walk finds that */
	return *m1 == *m2 ? 1 : 2;
}

/* The variant of the list (and its count, its export) for f: which
 * index it walks (db.c's comments on each). */
enum walk { WALK_SET, WALK_STATUS, WALK_CUST, WALK_KEY, WALK_MONTH, WALK_MONTHS };

static const struct {
	enum dz_sql	older, newer, count;
} walks[] = {
	[WALK_SET] = { DZ_SQL_STMT_LIST, DZ_SQL_STMT_LIST_NEWER, DZ_SQL_STMT_COUNT },
	[WALK_STATUS] = { DZ_SQL_STMT_LIST_ST, DZ_SQL_STMT_LIST_NEWER_ST, DZ_SQL_STMT_COUNT_ST },
	[WALK_CUST] = { DZ_SQL_STMT_LIST_CUST, DZ_SQL_STMT_LIST_NEWER_CUST,
	    DZ_SQL_STMT_COUNT_CUST },
	[WALK_KEY] = { DZ_SQL_STMT_LIST_KEY, DZ_SQL_STMT_LIST_NEWER_KEY, DZ_SQL_STMT_COUNT_KEY },
	[WALK_MONTH] = { DZ_SQL_STMT_LIST_MONTH, DZ_SQL_STMT_LIST_NEWER_MONTH,
	    DZ_SQL_STMT_COUNT_MONTH },
	[WALK_MONTHS] = { DZ_SQL_STMT_LIST_MONTHS, DZ_SQL_STMT_LIST_NEWER_MONTHS,
	    DZ_SQL_STMT_COUNT_MONTHS },
};

struct plan {
	enum walk	 w;
	long long	 m1, m2;	/* WALK_MONTH(S) */
	struct cust_key	 key;		/* WALK_KEY */
};

/* f's walk; a[0], a[1] must be filter_args' already. */
static enum dz_err
plan_of(struct dz_db *db, const struct dz_store_filter *f, const struct dz_dbarg *a,
    struct plan *p)
{
	enum cust_by	by;
	enum dz_err	rc;
	int		months;

	memset(p, 0, sizeof(*p));
	if ((rc = by_customer(db, f, a, &by, &p->key)) != DZ_OK)
		return rc;
	months = by_months(f, &p->m1, &p->m2);
	p->w = by == CUST_KEY ? WALK_KEY : by == CUST_NAMES ? WALK_CUST :
	    months == 1 ? WALK_MONTH : months == 2 ? WALK_MONTHS :
	    f->has_status ? WALK_STATUS : WALK_SET;
	return DZ_OK;
}

/* After the set at k: what the walk binds there (the status, the months,
 * the key). The next free index. */
static size_t
walk_args(const struct dz_store_filter *f, const struct plan *p, struct dz_dbarg *a,
    size_t k)
{
	switch (p->w) {
	case WALK_STATUS:
		a[k++] = DZ_A_STR(dz_stmt_status_code(f->status));
		break;
	case WALK_MONTHS:
		a[k++] = DZ_A_INT(p->m1);
		a[k++] = DZ_A_INT(p->m2);
		break;
	case WALK_MONTH:
		a[k++] = DZ_A_INT(p->m1);
		break;
	case WALK_KEY:
		a[k++] = DZ_A_STR(p->key.id);
		a[k++] = DZ_A_STR(p->key.code);
		a[k++] = DZ_A_STR(p->key.name);
		break;
	default:
		break;
	}
	return k;
}

static struct dz_dbarg
id_or_null(long long id)
{
	return id > 0 ? DZ_A_INT(id) : DZ_A_NULL;
}

enum dz_err
dz_store_list(struct dz_db *db, const struct dz_store_filter *f,
    struct dz_store_cards *out)
{
	struct dz_rows	 rows;
	struct dz_dbarg	 a[18];
	struct dz_store_card tmp;
	struct plan	 p;
	char		 like[200];
	long long	 older = f->older, newer = older > 0 ? 0 : f->newer;
	size_t		 i, n, k;
	enum dz_sql	 q;
	enum dz_err	 rc = DZ_OK;

	memset(out, 0, sizeof(*out));
	/* In the order of DZ_SQL_STMT_LIST's placeholders. */
	filter_args(f, like, sizeof(like), a);
	if ((rc = plan_of(db, f, a, &p)) != DZ_OK)
		return rc;
	a[7] = id_or_null(older);
	a[8] = id_or_null(older);
	a[9] = id_or_null(newer);
	a[10] = id_or_null(newer);
	k = walk_args(f, &p, a, set_args(f, p.w == WALK_CUST, a, 11));
	a[k++] = DZ_A_INT(f->limit + 1);	/* one more: is there a page beyond? */
	a[k++] = DZ_A_INT(older > 0 || newer > 0 ? 0 : f->offset);
	if ((rc = dz_db_query(db, newer > 0 ? walks[p.w].newer : walks[p.w].older,
	    a, k, &rows)) != DZ_OK)
		return rc;
	n = rows.nrows;
	if (n > (size_t)f->limit) {
		n = (size_t)f->limit;
		out->beyond = 1;
	}
	if (n > 0 && (out->card = calloc(n, sizeof(*out->card))) == NULL)
		rc = DZ_ERR_NOMEM;
	for (i = 0; rc == DZ_OK && i < n; i++)
		rc = dz_db_fill(&rows, i, &out->card[i], card_map, DZ_NELEM(card_map));
	out->n = out->card != NULL ? n : 0;
	dz_db_rows_free(&rows);
	/* A newer page was read oldest first: newest first, as every page. */
	for (i = 0; rc == DZ_OK && newer > 0 && i < out->n / 2; i++) {
		tmp = out->card[i];
		out->card[i] = out->card[out->n - 1 - i];
		out->card[out->n - 1 - i] = tmp;
	}
	if (rc == DZ_OK) {
		/* A part of many customers' names walking the set reads the
		 * rows (STMT_COUNT, the status among its filters); the set
		 * without a customer reads the index alone (STMT_COUNT_NC). */
		if (f->customer != NULL && p.w == WALK_STATUS)
			p.w = WALK_SET;
		k = walk_args(f, &p, a, set_args(f, p.w == WALK_CUST, a, 7));
		a[k++] = DZ_A_INT(f->count_max + 1);
		q = p.w == WALK_SET && f->customer == NULL ? DZ_SQL_STMT_COUNT_NC :
		    walks[p.w].count;
		rc = dz_db_query(db, q, a, k, &rows);
		if (rc == DZ_OK) {
			out->total = dz_db_cell_int(&rows, 0, DZ_C_COUNT_N);
			if (out->total > f->count_max) {
				out->total = f->count_max;
				out->more = 1;
			}
			dz_db_rows_free(&rows);
		}
	}
	if (rc != DZ_OK)
		dz_store_cards_free(out);
	return rc;
}

void
dz_store_cards_free(struct dz_store_cards *c)
{
	free(c->card);
	memset(c, 0, sizeof(*c));
}

static const struct dz_cellmap export_map[] = {
	DZ_CELL(DZ_C_EXP_ID, struct dz_store_export_row, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_EXP_CUSTOMER_CODE, struct dz_store_export_row, customer_code, DZ_CELL_STR),
	DZ_CELL(DZ_C_EXP_CUSTOMER_NAME, struct dz_store_export_row, customer_name, DZ_CELL_STR),
	DZ_CELL(DZ_C_EXP_FROM, struct dz_store_export_row, from, DZ_CELL_STR),
	DZ_CELL(DZ_C_EXP_TO, struct dz_store_export_row, to, DZ_CELL_STR),
	DZ_CELL_CONV(DZ_C_EXP_STATUS, struct dz_store_export_row, status, status_of),
	DZ_CELL(DZ_C_EXP_RECEIVED, struct dz_store_export_row, received, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_EXP_CLOSING, struct dz_store_export_row, closing, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_EXP_DOC_COUNT, struct dz_store_export_row, doc_count, DZ_CELL_INT),
	DZ_CELL(DZ_C_EXP_CREATED_AT, struct dz_store_export_row, created_at, DZ_CELL_STR),
	DZ_CELL(DZ_C_EXP_CREATED_BY, struct dz_store_export_row, created_by, DZ_CELL_STR),
	DZ_CELL(DZ_C_EXP_ANSWERED_AT, struct dz_store_export_row, answered_at, DZ_CELL_STR),
};

enum dz_err
dz_store_export(struct dz_db *db, const struct dz_store_filter *f, long long before,
    struct dz_store_export_row *out, size_t max, size_t *n)
{
	struct dz_rows	 rows;
	struct dz_dbarg	 a[14];
	struct plan	 p;
	char		 like[200];
	size_t		 i, k;
	enum dz_err	 rc = DZ_OK;

	*n = 0;
	/* In the order of DZ_SQL_STMT_EXPORT's placeholders. */
	filter_args(f, like, sizeof(like), a);
	if ((rc = plan_of(db, f, a, &p)) != DZ_OK)
		return rc;
	/* by id, not by creation: the walks of a customer only */
	if (p.w != WALK_KEY && p.w != WALK_CUST)
		p.w = WALK_SET;
	a[7] = before > 0 ? DZ_A_INT(before) : DZ_A_NULL;
	k = walk_args(f, &p, a, set_args(f, p.w == WALK_CUST, a, 8));
	a[k++] = DZ_A_INT((long long)max);
	if ((rc = dz_db_query(db, p.w == WALK_KEY ? DZ_SQL_STMT_EXPORT_KEY :
	    p.w == WALK_CUST ? DZ_SQL_STMT_EXPORT_CUST : DZ_SQL_STMT_EXPORT,
	    a, k, &rows)) != DZ_OK)
		return rc;
	for (i = 0; rc == DZ_OK && i < rows.nrows && i < max; i++)
		rc = dz_db_fill(&rows, i, &out[i], export_map, DZ_NELEM(export_map));
	if (rc == DZ_OK)
		*n = i;
	dz_db_rows_free(&rows);
	return rc;
}

/*
 * The export read ahead: one thread per batch reads the next while the
 * caller writes the one it has. Two buffers; the thread only ever touches
 * the one the caller does not hold, and the store handle, which is the
 * thread's from one join to the next (never both at once).
 */
struct dz_store_export_iter {
	struct dz_db			*db;
	struct dz_store_filter		 f;
	struct dz_store_export_row	*buf[2];
	size_t				 n[2];
	enum dz_err			 rc[2];
	int				 filling;	/* the buffer the thread fills */
	int				 running;	/* a thread to join */
	int				 last;		/* that batch is the last */
	long long			 before;
	pthread_t			 th;
};

static void *
read_ahead(void *arg)
{
	struct dz_store_export_iter	*it = arg;
	int				 k = it->filling;

	it->rc[k] = dz_store_export(it->db, &it->f, it->before, it->buf[k],
	    DZ_STORE_EXPORT_BATCH, &it->n[k]);
	return NULL;
}

/* Start reading the batch below it->before into buffer k. */
static enum dz_err
read_start(struct dz_store_export_iter *it, int k)
{
	sigset_t	all, old;
	int		e;

	it->filling = k;
	/* The thread takes no signal: the worker's handlers stay the main thread's. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	e = pthread_create(&it->th, NULL, read_ahead, it);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e != 0) {
		/* No thread: read it here instead. */
		read_ahead(it);
		return DZ_OK;
	}
	it->running = 1;
	return DZ_OK;
}

enum dz_err
dz_store_export_open(struct dz_db *db, const struct dz_store_filter *f,
    struct dz_store_export_iter **out)
{
	struct dz_store_export_iter	*it;

	*out = NULL;
	if ((it = calloc(1, sizeof(*it))) == NULL ||
	    (it->buf[0] = calloc(DZ_STORE_EXPORT_BATCH, sizeof(*it->buf[0]))) == NULL ||
	    (it->buf[1] = calloc(DZ_STORE_EXPORT_BATCH, sizeof(*it->buf[1]))) == NULL) {
		if (it != NULL) {
			free(it->buf[0]);
			free(it);
		}
		return DZ_ERR_NOMEM;
	}
	it->db = db;
	it->f = *f;
	read_start(it, 0);
	*out = it;
	return DZ_OK;
}

enum dz_err
dz_store_export_next(struct dz_store_export_iter *it,
    const struct dz_store_export_row **rows, size_t *n)
{
	int	k = it->filling;

	*rows = NULL;
	*n = 0;
	if (it->running) {
		pthread_join(it->th, NULL);
		it->running = 0;
	}
	if (it->last)
		return DZ_OK;
	if (it->rc[k] != DZ_OK) {
		it->last = 1;
		return it->rc[k];
	}
	*rows = it->buf[k];
	*n = it->n[k];
	if (it->n[k] < DZ_STORE_EXPORT_BATCH)
		it->last = 1;
	else {
		it->before = it->buf[k][it->n[k] - 1].id;
		read_start(it, 1 - k);
	}
	return DZ_OK;
}

void
dz_store_export_close(struct dz_store_export_iter *it)
{
	if (it == NULL)
		return;
	if (it->running)
		pthread_join(it->th, NULL);
	free(it->buf[0]);
	free(it->buf[1]);
	free(it);
}

static const struct dz_cellmap audit_map[] = {
	DZ_CELL(DZ_C_AUDIT_ID, struct dz_store_audit, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_AUDIT_AT, struct dz_store_audit, at, DZ_CELL_STR),
	DZ_CELL(DZ_C_AUDIT_USER, struct dz_store_audit, username, DZ_CELL_STR),
	DZ_CELL(DZ_C_AUDIT_ACTION, struct dz_store_audit, action, DZ_CELL_STR),
	DZ_CELL(DZ_C_AUDIT_OBJECT, struct dz_store_audit, object, DZ_CELL_STR),
	DZ_CELL(DZ_C_AUDIT_DETAIL, struct dz_store_audit, detail, DZ_CELL_STR),
	DZ_CELL(DZ_C_AUDIT_IP, struct dz_store_audit, ip, DZ_CELL_STR),
};

enum dz_err
dz_store_audit_list(struct dz_db *db, const struct dz_store_audit_filter *f,
    struct dz_store_audits *out)
{
	struct dz_rows	 rows;
	struct dz_dbarg	 a[7];
	size_t		 i;
	enum dz_err	 rc = DZ_OK;

	memset(out, 0, sizeof(*out));
	/* In the order of DZ_SQL_AUDIT_LIST's placeholders. */
	a[0] = opt(f->username);
	a[1] = opt(f->action);
	a[2] = opt(f->object);
	a[3] = opt(f->from);
	a[4] = opt(f->to);
	a[5] = DZ_A_INT(f->limit);
	a[6] = DZ_A_INT(f->offset);
	if ((rc = dz_db_query(db, DZ_SQL_AUDIT_LIST, a, DZ_NELEM(a), &rows)) != DZ_OK)
		return rc;
	if (rows.nrows > 0 && (out->row = calloc(rows.nrows, sizeof(*out->row))) == NULL)
		rc = DZ_ERR_NOMEM;
	for (i = 0; rc == DZ_OK && i < rows.nrows; i++)
		rc = dz_db_fill(&rows, i, &out->row[i], audit_map, DZ_NELEM(audit_map));
	out->n = out->row != NULL ? rows.nrows : 0;
	dz_db_rows_free(&rows);
	if (rc == DZ_OK) {
		a[5] = DZ_A_INT(f->count_max + 1);
		rc = dz_db_query(db, DZ_SQL_AUDIT_COUNT, a, 6, &rows);
		if (rc == DZ_OK) {
			out->total = dz_db_cell_int(&rows, 0, DZ_C_COUNT_N);
			if (out->total > f->count_max) {
				out->total = f->count_max;
				out->more = 1;
			}
			dz_db_rows_free(&rows);
		}
	}
	if (rc != DZ_OK)
		dz_store_audits_free(out);
	return rc;
}

void
dz_store_audits_free(struct dz_store_audits *a)
{
	free(a->row);
	memset(a, 0, sizeof(*a));
}

static const struct dz_cellmap send_map[] = {
	DZ_CELL(DZ_C_SEND_DATE, struct dz_store_send, date, DZ_CELL_STR),
	DZ_CELL(DZ_C_SEND_TIME, struct dz_store_send, time, DZ_CELL_STR),
	DZ_CELL(DZ_C_SEND_BY, struct dz_store_send, by, DZ_CELL_STR),
	DZ_CELL(DZ_C_SEND_SID, struct dz_store_send, sid, DZ_CELL_INT),
	DZ_CELL(DZ_C_SEND_CUSTOMER_CODE, struct dz_store_send, customer_code, DZ_CELL_STR),
	DZ_CELL(DZ_C_SEND_CUSTOMER_NAME, struct dz_store_send, customer_name, DZ_CELL_STR),
	DZ_CELL(DZ_C_SEND_FROM, struct dz_store_send, from, DZ_CELL_STR),
	DZ_CELL(DZ_C_SEND_TO, struct dz_store_send, to, DZ_CELL_STR),
	DZ_CELL(DZ_C_SEND_CLOSING, struct dz_store_send, closing, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_SEND_OPENS, struct dz_store_send, opens, DZ_CELL_INT),
	DZ_CELL(DZ_C_SEND_FIRST_OPENED, struct dz_store_send, first_opened, DZ_CELL_STR),
	DZ_CELL_CONV(DZ_C_SEND_STATUS, struct dz_store_send, status, status_of),
	DZ_CELL(DZ_C_SEND_REVOKED, struct dz_store_send, revoked, DZ_CELL_BOOL),
	DZ_CELL(DZ_C_SEND_EXPIRED, struct dz_store_send, expired, DZ_CELL_BOOL),
	DZ_CELL(DZ_C_SEND_ANSWERED, struct dz_store_send, answered, DZ_CELL_BOOL),
};

enum dz_err
dz_store_sends(struct dz_db *db, long long set, const char *from, const char *to,
    struct dz_store_sends *out)
{
	struct dz_dbarg	a[3];

	a[0] = DZ_A_INT(set);
	a[1] = DZ_A_STR(from);
	a[2] = DZ_A_STR(to);
	return dz_db_list(db, DZ_SQL_SENDS, a, DZ_NELEM(a), send_map, DZ_NELEM(send_map),
	    sizeof(*out->send), (void **)&out->send, &out->n);
}

void
dz_store_sends_free(struct dz_store_sends *s)
{
	free(s->send);
	memset(s, 0, sizeof(*s));
}

static const struct dz_cellmap answer_map[] = {
	DZ_CELL(DZ_C_FB_DECISION, struct dz_store_answer, decision, DZ_CELL_STR),
	DZ_CELL(DZ_C_FB_DESCRIPTION, struct dz_store_answer, description, DZ_CELL_STR),
	DZ_CELL(DZ_C_FB_SOURCE, struct dz_store_answer, source, DZ_CELL_STR),
	DZ_CELL(DZ_C_FB_USER, struct dz_store_answer, user, DZ_CELL_STR),
	DZ_CELL(DZ_C_FB_AT, struct dz_store_answer, at, DZ_CELL_STR),
	DZ_CELL(DZ_C_FB_IP, struct dz_store_answer, ip, DZ_CELL_STR),
	DZ_CELL(DZ_C_FB_AGENT, struct dz_store_answer, agent, DZ_CELL_STR),
	DZ_CELL(DZ_C_FB_HANDLER, struct dz_store_answer, handler, DZ_CELL_STR),
	DZ_CELL(DZ_C_FB_PHONE, struct dz_store_answer, phone, DZ_CELL_STR),
	DZ_CELL(DZ_C_FB_POSITION, struct dz_store_answer, position, DZ_CELL_STR),
	DZ_CELL(DZ_C_FB_RECON, struct dz_store_answer, recon, DZ_CELL_INT),
};

enum dz_err
dz_store_answers(struct dz_db *db, long long sid, struct dz_store_answers *out)
{
	struct dz_dbarg	a[1];

	a[0] = DZ_A_INT(sid);
	return dz_db_list(db, DZ_SQL_FEEDBACK_LIST, a, 1, answer_map, DZ_NELEM(answer_map),
	    sizeof(*out->answer), (void **)&out->answer, &out->n);
}

/* FEEDBACK_LAST's columns are FEEDBACK_LIST's first: the same table reads it. */
enum dz_err
dz_store_answer_last(struct dz_db *db, long long sid, struct dz_store_answer *last)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	memset(last, 0, sizeof(*last));
	if ((rc = dz_db_q(db, DZ_SQL_FEEDBACK_LAST, &rows, DZ_A_INT(sid))) != DZ_OK)
		return rc;
	if (rows.nrows == 1)
		rc = dz_db_fill(&rows, 0, last, answer_map, DZ_NELEM(answer_map));
	dz_db_rows_free(&rows);
	return rc;
}

static const struct dz_cellmap reopen_map[] = {
	DZ_CELL(DZ_C_REOPEN_DECISION, struct dz_store_reopen, before.decision, DZ_CELL_STR),
	DZ_CELL(DZ_C_REOPEN_DESCRIPTION, struct dz_store_reopen, before.description, DZ_CELL_STR),
	DZ_CELL(DZ_C_REOPEN_SOURCE, struct dz_store_reopen, before.source, DZ_CELL_STR),
	DZ_CELL(DZ_C_REOPEN_USER, struct dz_store_reopen, before.user, DZ_CELL_STR),
	DZ_CELL(DZ_C_REOPEN_ANSWERED_AT, struct dz_store_reopen, before.at, DZ_CELL_STR),
	DZ_CELL(DZ_C_REOPEN_AT, struct dz_store_reopen, at, DZ_CELL_STR),
	DZ_CELL(DZ_C_REOPEN_VERSION, struct dz_store_reopen, version, DZ_CELL_INT),
};

enum dz_err
dz_store_reopened(struct dz_db *db, long long sid, struct dz_store_reopen *out)
{
	struct dz_rows	 rows;
	char		 obj[48];
	enum dz_err	 rc;

	memset(out, 0, sizeof(*out));
	snprintf(obj, sizeof(obj), "statement:%lld", sid);
	if ((rc = dz_db_q1(db, DZ_SQL_STMT_REOPENED, &rows, DZ_A_STR(obj),
	    DZ_A_STR(dz_stmt_action_code(DZ_ACT_CANCEL)), DZ_A_INT(sid))) != DZ_OK)
		return rc;
	rc = dz_db_fill(&rows, 0, out, reopen_map, DZ_NELEM(reopen_map));
	dz_db_rows_free(&rows);
	return rc;
}

void
dz_store_answers_free(struct dz_store_answers *a)
{
	free(a->answer);
	memset(a, 0, sizeof(*a));
}

static const struct dz_cellmap event_map[] = {
	DZ_CELL(DZ_C_EVENT_AT, struct dz_store_event, at, DZ_CELL_STR),
	DZ_CELL(DZ_C_EVENT_USER, struct dz_store_event, user, DZ_CELL_STR),
	DZ_CELL(DZ_C_EVENT_ACTION, struct dz_store_event, action, DZ_CELL_STR),
	DZ_CELL(DZ_C_EVENT_DETAIL, struct dz_store_event, detail, DZ_CELL_DUP),
	DZ_CELL(DZ_C_EVENT_IP, struct dz_store_event, ip, DZ_CELL_STR),
};

enum dz_err
dz_store_events(struct dz_db *db, long long sid, struct dz_store_events *out)
{
	struct dz_dbarg	 a[1];
	char		 obj[48];
	enum dz_err	 rc;

	snprintf(obj, sizeof(obj), "statement:%lld", sid);
	a[0] = DZ_A_STR(obj);
	rc = dz_db_list(db, DZ_SQL_STMT_HISTORY, a, 1, event_map, DZ_NELEM(event_map),
	    sizeof(*out->event), (void **)&out->event, &out->n);
	if (rc != DZ_OK)
		dz_store_events_free(out);
	return rc;
}

void
dz_store_events_free(struct dz_store_events *e)
{
	size_t	i;

	for (i = 0; i < e->n; i++)
		free(e->event[i].detail);
	free(e->event);
	memset(e, 0, sizeof(*e));
}

static const struct dz_cellmap user_row_map[] = {
	DZ_CELL(DZ_C_ULIST_ID, struct dz_store_user_row, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_ULIST_USERNAME, struct dz_store_user_row, username, DZ_CELL_STR),
	DZ_CELL(DZ_C_ULIST_ROLE, struct dz_store_user_row, role, DZ_CELL_STR),
	DZ_CELL(DZ_C_ULIST_ERP_KIND, struct dz_store_user_row, erp_kind, DZ_CELL_STR),
	DZ_CELL(DZ_C_ULIST_STATUS, struct dz_store_user_row, status, DZ_CELL_STR),
	DZ_CELL(DZ_C_ULIST_COMPANY, struct dz_store_user_row, company, DZ_CELL_STR),
	DZ_CELL(DZ_C_ULIST_IDENTITY, struct dz_store_user_row, identity, DZ_CELL_STR),
	DZ_CELL(DZ_C_ULIST_LAST_LOGIN, struct dz_store_user_row, last_login, DZ_CELL_STR),
};

enum dz_err
dz_store_users(struct dz_db *db, struct dz_store_users *out)
{
	memset(out, 0, sizeof(*out));
	return dz_db_list(db, DZ_SQL_USER_LIST, NULL, 0, user_row_map,
	    DZ_NELEM(user_row_map), sizeof(*out->user), (void **)&out->user, &out->n);
}

void
dz_store_users_free(struct dz_store_users *u)
{
	free(u->user);
	memset(u, 0, sizeof(*u));
}

static const struct dz_cellmap user_map[] = {
	DZ_CELL(DZ_C_USER_ID, struct dz_store_user, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_USER_USERNAME, struct dz_store_user, username, DZ_CELL_STR),
	DZ_CELL(DZ_C_USER_ROLE, struct dz_store_user, role, DZ_CELL_STR),
	DZ_CELL(DZ_C_USER_ERP_KIND, struct dz_store_user, erp_kind, DZ_CELL_STR),
	DZ_CELL(DZ_C_USER_SET_ID, struct dz_store_user, account_set_id, DZ_CELL_INT),
	DZ_CELL(DZ_C_USER_STATUS, struct dz_store_user, status, DZ_CELL_STR),
	DZ_CELL(DZ_C_USER_MUST_CHANGE, struct dz_store_user, must_change, DZ_CELL_BOOL),
	DZ_CELL(DZ_C_USER_VERSION, struct dz_store_user, version, DZ_CELL_INT),
	DZ_CELL(DZ_C_USER_COMPANY, struct dz_store_user, company, DZ_CELL_STR),
};

enum dz_err
dz_store_user_get(struct dz_db *db, const struct dz_keyring *keys, long long id,
    struct dz_store_user *u)
{
	struct dz_rows	 rows;
	enum dz_err	 rc;

	memset(u, 0, sizeof(*u));
	u->target_rc = DZ_ERR_NOTFOUND;
	if ((rc = dz_db_q1(db, DZ_SQL_USER_GET, &rows, DZ_A_INT(id))) != DZ_OK)
		return rc;
	dz_db_fill(&rows, 0, u, user_map, DZ_NELEM(user_map));
	dz_copy(u->target.kind, sizeof(u->target.kind), u->erp_kind);
	u->target_rc = dz_store_account_unseal(keys, u->account_set_id,
	    dz_db_cell(&rows, 0, DZ_C_USER_DSN), dz_db_cell_len(&rows, 0, DZ_C_USER_DSN),
	    &u->target.dsn);
	dz_db_rows_free(&rows);
	return DZ_OK;
}

void
dz_store_user_wipe(struct dz_store_user *u)
{
	dz_erp_dsn_wipe(&u->target.dsn);
	dz_wipe(u, sizeof(*u));
}
