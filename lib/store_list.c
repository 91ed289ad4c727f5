/*
 * store_list.c: the lists the history pages read from the store (cards,
 * links made per day, a statement's answers and its audit rows). Each
 * takes what it filters on as arguments, runs one statement of db.c's
 * table, reads the cells by their column names and returns structs; the
 * screens never see a row.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "db.h"
#include "money.h"
#include "stmt.h"
#include "store.h"

static enum dz_stmt_status
status_of(const char *code)
{
	enum dz_stmt_status	st;

	return dz_stmt_status_from_code(code, &st) == DZ_OK ? st : DZ_STMT_PENDING;
}

/* n zeroed elements of size sz, or NULL (n 0 is not an error: *p NULL). */
static enum dz_err
alloc(void **p, size_t n, size_t sz)
{
	*p = NULL;
	if (n == 0)
		return DZ_OK;
	return (*p = calloc(n, sz)) == NULL ? DZ_ERR_NOMEM : DZ_OK;
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

enum dz_err
dz_store_list(struct dz_db *db, const struct dz_store_filter *f,
    struct dz_store_cards *out)
{
	struct dz_rows	 rows;
	struct dz_dbarg	 a[10];
	char		 like[200];
	size_t		 i;
	enum dz_err	 rc;

	memset(out, 0, sizeof(*out));
	if (f->customer != NULL)
		like_pattern(f->customer, like, sizeof(like));
	/* In the order of DZ_SQL_STMT_LIST's placeholders. */
	a[0] = opt(f->customer);
	a[1] = f->customer != NULL ? DZ_A_STR(like) : DZ_A_NULL;
	a[2] = f->has_status ? DZ_A_STR(dz_stmt_status_code(f->status)) : DZ_A_NULL;
	a[3] = opt(f->from);
	a[4] = opt(f->to);
	a[5] = opt(f->created_from);
	a[6] = opt(f->created_to);
	a[7] = DZ_A_INT(f->account_set_id);
	a[8] = DZ_A_INT(f->limit);
	a[9] = DZ_A_INT(f->offset);
	if ((rc = dz_db_query(db, DZ_SQL_STMT_LIST, a, DZ_NELEM(a), &rows)) != DZ_OK)
		return rc;
	if ((rc = alloc((void **)&out->card, rows.nrows, sizeof(*out->card))) != DZ_OK)
		goto out;
	/* Past the last page the window count is not there: call it 0. */
	out->total = rows.nrows > 0 ? dz_db_cell_int(&rows, 0, DZ_C_CARD_TOTAL) : 0;
	for (i = 0; i < rows.nrows; i++) {
		struct dz_store_card	*c = &out->card[i];

		c->id = dz_db_cell_int(&rows, i, DZ_C_CARD_ID);
		dz_copy(c->customer_code, sizeof(c->customer_code),
		    dz_db_cell(&rows, i, DZ_C_CARD_CUSTOMER_CODE));
		dz_copy(c->customer_name, sizeof(c->customer_name),
		    dz_db_cell(&rows, i, DZ_C_CARD_CUSTOMER_NAME));
		dz_copy(c->from, sizeof(c->from), dz_db_cell(&rows, i, DZ_C_CARD_FROM));
		dz_copy(c->to, sizeof(c->to), dz_db_cell(&rows, i, DZ_C_CARD_TO));
		c->status = status_of(dz_db_cell(&rows, i, DZ_C_CARD_STATUS));
		c->received = dz_money_cell(dz_db_cell(&rows, i, DZ_C_CARD_RECEIVED));
		c->closing = dz_money_cell(dz_db_cell(&rows, i, DZ_C_CARD_CLOSING));
		c->doc_count = dz_db_cell_int(&rows, i, DZ_C_CARD_DOC_COUNT);
		dz_copy(c->created_at, sizeof(c->created_at),
		    dz_db_cell(&rows, i, DZ_C_CARD_CREATED_AT));
		c->version = dz_db_cell_int(&rows, i, DZ_C_CARD_VERSION);
	}
	out->n = rows.nrows;
out:
	dz_db_rows_free(&rows);
	return rc;
}

void
dz_store_cards_free(struct dz_store_cards *c)
{
	free(c->card);
	memset(c, 0, sizeof(*c));
}

enum dz_err
dz_store_sends(struct dz_db *db, long long set, const char *from, const char *to,
    struct dz_store_sends *out)
{
	struct dz_rows	 rows;
	size_t		 i;
	enum dz_err	 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = dz_db_q(db, DZ_SQL_SENDS, &rows, DZ_A_INT(set), DZ_A_STR(from),
	    DZ_A_STR(to))) != DZ_OK)
		return rc;
	if ((rc = alloc((void **)&out->send, rows.nrows, sizeof(*out->send))) != DZ_OK)
		goto out;
	for (i = 0; i < rows.nrows; i++) {
		struct dz_store_send	*s = &out->send[i];

		dz_copy(s->date, sizeof(s->date), dz_db_cell(&rows, i, DZ_C_SEND_DATE));
		dz_copy(s->time, sizeof(s->time), dz_db_cell(&rows, i, DZ_C_SEND_TIME));
		dz_copy(s->by, sizeof(s->by), dz_db_cell(&rows, i, DZ_C_SEND_BY));
		s->sid = dz_db_cell_int(&rows, i, DZ_C_SEND_SID);
		dz_copy(s->customer_code, sizeof(s->customer_code),
		    dz_db_cell(&rows, i, DZ_C_SEND_CUSTOMER_CODE));
		dz_copy(s->customer_name, sizeof(s->customer_name),
		    dz_db_cell(&rows, i, DZ_C_SEND_CUSTOMER_NAME));
		dz_copy(s->from, sizeof(s->from), dz_db_cell(&rows, i, DZ_C_SEND_FROM));
		dz_copy(s->to, sizeof(s->to), dz_db_cell(&rows, i, DZ_C_SEND_TO));
		s->closing = dz_money_cell(dz_db_cell(&rows, i, DZ_C_SEND_CLOSING));
		s->opens = dz_db_cell_int(&rows, i, DZ_C_SEND_OPENS);
		dz_copy(s->first_opened, sizeof(s->first_opened),
		    dz_db_cell(&rows, i, DZ_C_SEND_FIRST_OPENED));
		s->status = status_of(dz_db_cell(&rows, i, DZ_C_SEND_STATUS));
		s->revoked = dz_db_cell_int(&rows, i, DZ_C_SEND_REVOKED) != 0;
		s->expired = dz_db_cell_int(&rows, i, DZ_C_SEND_EXPIRED) != 0;
		s->answered = dz_db_cell_int(&rows, i, DZ_C_SEND_ANSWERED) != 0;
	}
	out->n = rows.nrows;
out:
	dz_db_rows_free(&rows);
	return rc;
}

void
dz_store_sends_free(struct dz_store_sends *s)
{
	free(s->send);
	memset(s, 0, sizeof(*s));
}

enum dz_err
dz_store_answers(struct dz_db *db, long long sid, struct dz_store_answers *out)
{
	struct dz_rows	 rows;
	size_t		 i;
	enum dz_err	 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = dz_db_q(db, DZ_SQL_FEEDBACK_LIST, &rows, DZ_A_INT(sid))) != DZ_OK)
		return rc;
	if ((rc = alloc((void **)&out->answer, rows.nrows, sizeof(*out->answer))) != DZ_OK)
		goto out;
	for (i = 0; i < rows.nrows; i++) {
		struct dz_store_answer	*a = &out->answer[i];

		dz_copy(a->decision, sizeof(a->decision), dz_db_cell(&rows, i, DZ_C_FB_DECISION));
		dz_copy(a->description, sizeof(a->description),
		    dz_db_cell(&rows, i, DZ_C_FB_DESCRIPTION));
		dz_copy(a->source, sizeof(a->source), dz_db_cell(&rows, i, DZ_C_FB_SOURCE));
		dz_copy(a->user, sizeof(a->user), dz_db_cell(&rows, i, DZ_C_FB_USER));
		dz_copy(a->at, sizeof(a->at), dz_db_cell(&rows, i, DZ_C_FB_AT));
		dz_copy(a->ip, sizeof(a->ip), dz_db_cell(&rows, i, DZ_C_FB_IP));
		dz_copy(a->agent, sizeof(a->agent), dz_db_cell(&rows, i, DZ_C_FB_AGENT));
	}
	out->n = rows.nrows;
out:
	dz_db_rows_free(&rows);
	return rc;
}

void
dz_store_answers_free(struct dz_store_answers *a)
{
	free(a->answer);
	memset(a, 0, sizeof(*a));
}

enum dz_err
dz_store_events(struct dz_db *db, long long sid, struct dz_store_events *out)
{
	struct dz_rows	 rows;
	char		 obj[48];
	const char	*v;
	size_t		 i;
	enum dz_err	 rc;

	memset(out, 0, sizeof(*out));
	snprintf(obj, sizeof(obj), "statement:%lld", sid);
	if ((rc = dz_db_q(db, DZ_SQL_STMT_HISTORY, &rows, DZ_A_STR(obj))) != DZ_OK)
		return rc;
	if ((rc = alloc((void **)&out->event, rows.nrows, sizeof(*out->event))) != DZ_OK)
		goto out;
	for (i = 0; i < rows.nrows; i++) {
		struct dz_store_event	*e = &out->event[i];

		dz_copy(e->at, sizeof(e->at), dz_db_cell(&rows, i, DZ_C_EVENT_AT));
		dz_copy(e->user, sizeof(e->user), dz_db_cell(&rows, i, DZ_C_EVENT_USER));
		dz_copy(e->action, sizeof(e->action), dz_db_cell(&rows, i, DZ_C_EVENT_ACTION));
		dz_copy(e->ip, sizeof(e->ip), dz_db_cell(&rows, i, DZ_C_EVENT_IP));
		v = dz_db_cell(&rows, i, DZ_C_EVENT_DETAIL);
		if ((e->detail = strdup(v != NULL ? v : "")) == NULL) {
			out->n = i;
			dz_store_events_free(out);
			rc = DZ_ERR_NOMEM;
			goto out;
		}
	}
	out->n = rows.nrows;
out:
	dz_db_rows_free(&rows);
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
