#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "ClearSilver.h"

#include "dz.h"
#include "audit.h"
#include "changes.h"
#include "crypt.h"
#include "db.h"
#include "lang.h"
#include "money.h"
#include "stmt.h"
#include "view.h"
#include "log.h"
#include "store.h"
#include "store_notify.h"
#include "utf8.h"

/*
 * An audit detail is made in a buffer DETAIL_SLACK bytes longer than it
 * may be, then cut on a character boundary: snprintf cuts by bytes, and a
 * long Chinese description cut mid-character is not valid utf8mb4 (MariaDB
 * would refuse it, and the whole answer would roll back).
 */
#define DETAIL_MAX	999
#define DETAIL_SLACK	4

static void
fit_detail(char *s, size_t max)
{
	s[dz_utf8_fit(s, strlen(s), max)] = '\0';
}

static void
object_name(char *buf, size_t sz, long long id)
{
	snprintf(buf, sz, "statement:%lld", id);
}

/* ---------------------------------------------------------------------
 * Creating a statement.
 */

static enum dz_err
insert_docs(struct dz_db *db, long long sid, const struct dz_stmt_snapshot *sn)
{
	struct dz_dbarg	*a;
	char		(*amt)[DZ_MONEY_BUFSZ];
	size_t		 i, k, n, per = 8;
	enum dz_err	 rc = DZ_OK;

	if ((a = calloc(DZ_DB_BATCH * per, sizeof(*a))) == NULL ||
	    (amt = calloc(DZ_DB_BATCH, sizeof(*amt))) == NULL) {
		free(a);
		return DZ_ERR_NOMEM;
	}
	for (i = 0; i < sn->ndocs && rc == DZ_OK; i += n) {
		n = sn->ndocs - i >= DZ_DB_BATCH ? DZ_DB_BATCH : 1;
		for (k = 0; k < n; k++) {
			const struct dz_stmt_doc *d = &sn->docs[i + k];
			struct dz_dbarg *r = &a[k * per];

			dz_money_format_plain(d->amount, amt[k], sizeof(amt[k]));
			r[0] = DZ_A_INT(sid);
			r[1] = DZ_A_INT(d->vchcode);
			r[2] = DZ_A_INT(dz_stmt_doc_vchtype(d->type));
			r[3] = DZ_A_STR(dz_stmt_doc_code(d->type));
			r[4] = DZ_A_STRN(d->number, strnlen(d->number, 64));
			r[5] = DZ_A_STR(d->date);
			r[6] = DZ_A_STRN(d->summary, strnlen(d->summary, 256));
			r[7] = DZ_A_STR(amt[k]);
		}
		rc = dz_db_exec(db, n == DZ_DB_BATCH ? DZ_SQL_STMT_DOC_INSERT_BATCH :
		    DZ_SQL_STMT_DOC_INSERT, a, n * per, NULL, NULL);
	}
	free(amt);
	free(a);
	return rc;
}

static enum dz_err
insert_lines(struct dz_db *db, long long sid, const struct dz_stmt_snapshot *sn)
{
	struct dz_dbarg	*a;
	char		(*num)[3][DZ_MONEY_BUFSZ];
	const struct dz_stmt_line **all;
	const long long	*vch;
	long long	*vchs;
	size_t		 i, j, k, n, total = 0, per = 9;
	enum dz_err	 rc = DZ_OK;

	for (i = 0; i < sn->ndocs; i++)
		total += sn->docs[i].nlines;
	if (total == 0)
		return DZ_OK;
	a = calloc(DZ_DB_BATCH * per, sizeof(*a));
	num = calloc(DZ_DB_BATCH, sizeof(*num));
	all = calloc(total, sizeof(*all));
	vchs = calloc(total, sizeof(*vchs));
	if (a == NULL || num == NULL || all == NULL || vchs == NULL) {
		rc = DZ_ERR_NOMEM;
		goto out;
	}
	for (i = 0, k = 0; i < sn->ndocs; i++)
		for (j = 0; j < sn->docs[i].nlines; j++, k++) {
			all[k] = &sn->docs[i].lines[j];
			vchs[k] = sn->docs[i].vchcode;
		}
	vch = vchs;
	for (i = 0; i < total && rc == DZ_OK; i += n) {
		n = total - i >= DZ_DB_BATCH ? DZ_DB_BATCH : 1;
		for (k = 0; k < n; k++) {
			const struct dz_stmt_line *l = all[i + k];
			struct dz_dbarg *r = &a[k * per];

			r[0] = DZ_A_INT(sid);
			r[1] = DZ_A_INT(vch[i + k]);
			r[2] = DZ_A_INT(l->seq);
			r[3] = DZ_A_STRN(l->product_code, strnlen(l->product_code, 64));
			r[4] = DZ_A_STRN(l->product_name, strnlen(l->product_name, 256));
			r[5] = DZ_A_STRN(l->unit, strnlen(l->unit, 32));
			r[6] = DZ_A_STR(dz_money_format_scaled(l->qty, 4, 4, num[k][0],
			    sizeof(num[k][0])));
			r[7] = DZ_A_STR(dz_money_format_scaled(l->price, 4, 4, num[k][1],
			    sizeof(num[k][1])));
			r[8] = DZ_A_STR(dz_money_format_plain(l->amount, num[k][2],
			    sizeof(num[k][2])));
		}
		rc = dz_db_exec(db, n == DZ_DB_BATCH ? DZ_SQL_STMT_LINE_INSERT_BATCH :
		    DZ_SQL_STMT_LINE_INSERT, a, n * per, NULL, NULL);
	}
out:
	free(vchs);
	free(all);
	free(num);
	free(a);
	return rc;
}

/*
 * A statement's changes are short transactions on its row, its feedback
 * and its links; a customer's answer and a staff action on the same
 * statement at once can still deadlock (InnoDB picks one and rolls it
 * back, 1213). That one is tried again as a fresh transaction
 * (dz_db_again): its conditions (status, version) then decide. On a
 * Galera cluster the same 1213 comes at commit when another node
 * committed a change to a row this one wrote first (certification): the
 * statement's row, or the set's day in report_days that every statement
 * change of the set moves (schema 012's triggers). Every transaction here
 * that writes a statement is tried again the same way; nothing of it was
 * kept, so the fresh try is the only one.
 */

enum dz_err
dz_store_create(struct dz_db *db, const struct dz_stmt_snapshot *sn,
    const char *company, const struct dz_actor *who, long long *id)
{
	return dz_store_create_ex(db, sn, company, who, NULL, id);
}

/* Where a statement came from, in the transaction that stores it. */
static enum dz_err
set_origin(struct dz_db *db, long long sid, const struct dz_stmt_snapshot *sn,
    const struct dz_store_origin *o)
{
	char	key[DZ_STORE_PERIOD_KEY_MAX], m[DZ_MONEY_BUFSZ];

	if (o->keyed)
		dz_store_period_key(key, sizeof(key), sn->customer_id,
		    sn->period_from, sn->period_to);
	return dz_db_x(db, DZ_SQL_STMT_ORIGIN, NULL, NULL,
	    o->run_id > 0 ? DZ_A_INT(o->run_id) : DZ_A_NULL,
	    o->keyed ? DZ_A_STR(key) : DZ_A_NULL,
	    o->chain_from > 0 ? DZ_A_INT(o->chain_from) : DZ_A_NULL,
	    o->chain_from > 0 ? DZ_A_STR(dz_money_format_plain(o->erp_opening, m,
	    sizeof(m))) : DZ_A_NULL, DZ_A_INT(o->complete ? 1 : 0), DZ_A_INT(sid));
}

void
dz_store_period_key(char *buf, size_t sz, const char *customer_id, const char *from,
    const char *to)
{
	snprintf(buf, sz, "%.64s|%.10s|%.10s", customer_id, from, to);
}

static enum dz_err
create_once(struct dz_db *db, const struct dz_stmt_snapshot *sn,
    const char *company, const struct dz_actor *who, const struct dz_store_origin *o,
    const char *fp, long long *id)
{
	const struct dz_stmt_totals *t = &sn->totals;
	char			 m[6][DZ_MONEY_BUFSZ];
	char			 obj[48], detail[200];
	unsigned long long	 sid = 0;
	enum dz_err		 rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_STMT_INSERT, NULL, &sid,
	    DZ_A_INT(sn->account_set_id), DZ_A_STR(sn->customer_id),
	    DZ_A_STRN(sn->customer_code, strnlen(sn->customer_code, 64)),
	    DZ_A_STRN(sn->customer_name, strnlen(sn->customer_name, 256)),
	    DZ_A_STRN(company, strnlen(company, 200)),
	    DZ_A_STR(sn->period_from), DZ_A_STR(sn->period_to),
	    DZ_A_INT(sn->with_opening ? 1 : 0),
	    DZ_A_STR(dz_money_format_plain(t->opening, m[0], sizeof(m[0]))),
	    DZ_A_STR(dz_money_format_plain(t->sales, m[1], sizeof(m[1]))),
	    DZ_A_STR(dz_money_format_plain(t->returns, m[2], sizeof(m[2]))),
	    DZ_A_STR(dz_money_format_plain(t->receipts, m[3], sizeof(m[3]))),
	    DZ_A_STR(dz_money_format_plain(t->other, m[4], sizeof(m[4]))),
	    DZ_A_STR(dz_money_format_plain(t->closing, m[5], sizeof(m[5]))),
	    DZ_A_INT(t->count), DZ_A_STR(fp), DZ_A_INT(who->user_id));
	if (rc == DZ_OK)
		rc = insert_docs(db, (long long)sid, sn);
	if (rc == DZ_OK)
		rc = insert_lines(db, (long long)sid, sn);
	if (rc == DZ_OK && o != NULL &&
	    (rc = set_origin(db, (long long)sid, sn, o)) != DZ_OK && dz_db_dup_key(db))
		rc = DZ_ERR_CONFLICT;
	if (rc == DZ_OK) {
		object_name(obj, sizeof(obj), (long long)sid);
		snprintf(detail, sizeof(detail), "%s %s..%s docs=%u closing=%s",
		    sn->customer_code, sn->period_from, sn->period_to,
		    (unsigned)t->count, m[5]);
		rc = dz_audit(db, who->user_id, who->username, "stmt_create", obj,
		    detail, who->ip);
	}
	if (rc == DZ_OK)
		rc = dz_db_commit(db);
	else
		dz_db_rollback(db);
	if (rc == DZ_OK)
		*id = (long long)sid;
	return rc;
}

enum dz_err
dz_store_create_ex(struct dz_db *db, const struct dz_stmt_snapshot *sn,
    const char *company, const struct dz_actor *who, const struct dz_store_origin *o,
    long long *id)
{
	char		fp[DZ_STMT_FP_HEXLEN + 1];
	enum dz_err	rc;
	int		tries = 0;

	*id = 0;
	if ((rc = dz_stmt_fingerprint_hex(sn, fp)) != DZ_OK)
		return rc;
	do
		rc = create_once(db, sn, company, who, o, fp, id);
	while (dz_db_again(db, rc, &tries));
	return rc;
}

/* ---------------------------------------------------------------------
 * Reading a statement.
 */

/* A statement header from a row of DZ_SQL_STMT_GET (the STMT_HEAD columns). */
static void
header_from_row(const struct dz_rows *rows, struct dz_store_stmt *s)
{
#define CELL(k) dz_db_cell(rows, 0, (k))
	s->id = dz_db_cell_int(rows, 0, DZ_C_HEAD_ID);
	s->account_set_id = dz_db_cell_int(rows, 0, DZ_C_HEAD_SET_ID);
	dz_copy(s->customer_id, sizeof(s->customer_id), CELL(DZ_C_HEAD_CUSTOMER_ID));
	dz_copy(s->customer_code, sizeof(s->customer_code), CELL(DZ_C_HEAD_CUSTOMER_CODE));
	dz_copy(s->customer_name, sizeof(s->customer_name), CELL(DZ_C_HEAD_CUSTOMER_NAME));
	dz_copy(s->company, sizeof(s->company), CELL(DZ_C_HEAD_COMPANY));
	dz_copy(s->from, sizeof(s->from), CELL(DZ_C_HEAD_FROM));
	dz_copy(s->to, sizeof(s->to), CELL(DZ_C_HEAD_TO));
	s->with_opening = dz_db_cell_int(rows, 0, DZ_C_HEAD_WITH_OPENING) != 0;
	s->totals.opening = dz_money_cell(CELL(DZ_C_HEAD_OPENING));
	s->totals.sales = dz_money_cell(CELL(DZ_C_HEAD_SALES));
	s->totals.returns = dz_money_cell(CELL(DZ_C_HEAD_RETURNS));
	s->totals.receipts = dz_money_cell(CELL(DZ_C_HEAD_RECEIPTS));
	s->totals.other = dz_money_cell(CELL(DZ_C_HEAD_OTHER));
	s->totals.closing = dz_money_cell(CELL(DZ_C_HEAD_CLOSING));
	s->totals.count = (uint32_t)dz_db_cell_int(rows, 0, DZ_C_HEAD_DOC_COUNT);
	dz_copy(s->fingerprint, sizeof(s->fingerprint), CELL(DZ_C_HEAD_FINGERPRINT));
	if (dz_stmt_status_from_code(CELL(DZ_C_HEAD_STATUS), &s->status) != DZ_OK)
		s->status = DZ_STMT_PENDING;
	s->received = dz_money_cell(CELL(DZ_C_HEAD_RECEIVED));
	dz_copy(s->received_date, sizeof(s->received_date), CELL(DZ_C_HEAD_RECEIVED_DATE));
	dz_copy(s->received_note, sizeof(s->received_note), CELL(DZ_C_HEAD_RECEIVED_NOTE));
	dz_copy(s->answered_at, sizeof(s->answered_at), CELL(DZ_C_HEAD_ANSWERED_AT));
	dz_copy(s->created_at, sizeof(s->created_at), CELL(DZ_C_HEAD_CREATED_AT));
	dz_copy(s->created_by, sizeof(s->created_by), CELL(DZ_C_HEAD_CREATED_BY));
	if (dz_db_cell_int(rows, 0, DZ_C_HEAD_DELETED) != 0)
		s->status = DZ_STMT_DELETED;
	s->version = dz_db_cell_int(rows, 0, DZ_C_HEAD_VERSION);
	/* '' unless the cancel that left this version may be undone */
	if (s->status != DZ_STMT_PENDING ||
	    dz_stmt_status_from_code(CELL(DZ_C_HEAD_UNDO_STATUS), &s->undo_status) != DZ_OK)
		s->undo_status = DZ_STMT_PENDING;
	s->recon_id = dz_db_cell_int(rows, 0, DZ_C_HEAD_RECON_ID);
	dz_copy(s->recon_state, sizeof(s->recon_state), CELL(DZ_C_HEAD_RECON_STATE));
	s->chain_from = dz_db_cell_int(rows, 0, DZ_C_HEAD_CHAIN_FROM);
	s->erp_opening = dz_money_cell(CELL(DZ_C_HEAD_ERP_OPENING));
#undef CELL
}

enum dz_err
dz_store_get(struct dz_db *db, long long id, long long set, struct dz_store_stmt *s)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	memset(s, 0, sizeof(*s));
	if ((rc = dz_db_q1(db, DZ_SQL_STMT_GET, &rows, DZ_A_INT(id))) != DZ_OK)
		return rc;
	if (set != 0 && dz_db_cell_int(&rows, 0, DZ_C_HEAD_SET_ID) != set) {
		dz_db_rows_free(&rows);
		return DZ_ERR_NOTFOUND;
	}
	header_from_row(&rows, s);
	dz_db_rows_free(&rows);
	return DZ_OK;
}

/* Lines are ordered by vchcode: the first row of a document, by bisection. */
static size_t
first_line(const struct dz_rows *lines, long long vch)
{
	size_t	lo = 0, hi = lines->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (dz_db_cell_int(lines, mid, DZ_C_LINE_VCHCODE) < vch)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
docs_to_hdf(HDF *hdf, const struct dz_rows *docs, const struct dz_rows *lines)
{
	enum dz_doc_type	 t;
	char			 name[96], buf[48];
	size_t			 i, l, m;
	int64_t			 amount;

	for (i = 0; i < docs->nrows; i++) {
		long long vch = dz_db_cell_int(docs, i, DZ_C_DOC_VCHCODE);

		if (dz_stmt_doc_from_code(dz_db_cell(docs, i, DZ_C_DOC_TYPE), &t) != DZ_OK)
			t = DZ_DOC_SALE;
		amount = dz_money_cell(dz_db_cell(docs, i, DZ_C_DOC_AMOUNT));
		dz_set_idx_int(hdf, "Docs", i, "Vchcode", vch);
		dz_set_idx(hdf, "Docs", i, "Type", dz_stmt_doc_code(t));
		dz_set_idx(hdf, "Docs", i, "Tag", dz_stmt_doc_tag(t));
		dz_set_idx(hdf, "Docs", i, "TypeName", dz_stmt_doc_name(t));
		dz_set_idx(hdf, "Docs", i, "Number", dz_db_cell(docs, i, DZ_C_DOC_NUMBER));
		dz_set_idx(hdf, "Docs", i, "Date", dz_db_cell(docs, i, DZ_C_DOC_DATE));
		dz_set_idx(hdf, "Docs", i, "Summary", dz_db_cell(docs, i, DZ_C_DOC_SUMMARY));
		dz_set_idx_money(hdf, "Docs", i, "Amount", amount);
		if (lines == NULL)
			continue;
		for (l = first_line(lines, vch), m = 0; l < lines->nrows &&
		    dz_db_cell_int(lines, l, DZ_C_LINE_VCHCODE) == vch; l++, m++) {
			snprintf(name, sizeof(name), "Docs.%zu.Lines", i);
			dz_set_idx(hdf, name, m, "Code", dz_db_cell(lines, l, DZ_C_LINE_CODE));
			dz_set_idx(hdf, name, m, "Name", dz_db_cell(lines, l, DZ_C_LINE_NAME));
			dz_set_idx(hdf, name, m, "Unit", dz_db_cell(lines, l, DZ_C_LINE_UNIT));
			dz_set_idx(hdf, name, m, "Qty",
			    dz_money_format_scaled(dz_money_cell_scaled(dz_db_cell(lines, l,
			    DZ_C_LINE_QTY), 4), 4, 0, buf, sizeof(buf)));
			dz_set_idx(hdf, name, m, "Price",
			    dz_money_format_scaled(dz_money_cell_scaled(dz_db_cell(lines, l,
			    DZ_C_LINE_PRICE), 4), 4, 2, buf, sizeof(buf)));
			dz_set_idx_money(hdf, name, m, "Amount", dz_money_cell(dz_db_cell(lines, l, DZ_C_LINE_AMOUNT)));
		}
	}
}

/*
 * Documents and goods lines never change once stored, so each worker keeps
 * the HDF of the last few statements it drew and copies it into the page,
 * with the store's epoch it read them in: after a restore an id may be
 * another statement's (lib/changes.h).
 */
#define DOCS_CACHE	16

static struct docs_cache {
	long long	 id;
	uint64_t	 epoch;
	HDF		*hdf;		/* Docs.* */
	unsigned long	 used;
} docs_cache[DOCS_CACHE];
static unsigned long	docs_clock;

static enum dz_err
docs_into(struct dz_db *db, HDF *dst, long long id)
{
	struct docs_cache	*slot = NULL;
	struct dz_rows		 d, l;
	NEOERR			*err;
	enum dz_err		 rc;
	uint64_t		 epoch;
	size_t			 i;

	/* Read before the store is: a restore meanwhile voids what is read. */
	epoch = dz_changes_epoch();
	for (i = 0; i < DOCS_CACHE; i++) {
		if (docs_cache[i].hdf != NULL && docs_cache[i].id == id &&
		    docs_cache[i].epoch == epoch) {
			slot = &docs_cache[i];
			break;
		}
		if (slot == NULL || docs_cache[i].used < slot->used)
			slot = &docs_cache[i];
	}
	if (slot->hdf == NULL || slot->id != id || slot->epoch != epoch) {
		if ((rc = dz_db_q(db, DZ_SQL_STMT_DOCS, &d, DZ_A_INT(id))) != DZ_OK)
			return rc;
		if ((rc = dz_db_q(db, DZ_SQL_STMT_LINES, &l, DZ_A_INT(id))) != DZ_OK) {
			dz_db_rows_free(&d);
			return rc;
		}
		hdf_destroy(&slot->hdf);
		if ((err = hdf_init(&slot->hdf)) != STATUS_OK) {
			nerr_ignore(&err);
			dz_db_rows_free(&l);
			dz_db_rows_free(&d);
			return DZ_ERR_NOMEM;
		}
		docs_to_hdf(slot->hdf, &d, &l);
		dz_db_rows_free(&l);
		dz_db_rows_free(&d);
		slot->id = id;
		slot->epoch = epoch;
	}
	slot->used = ++docs_clock;
	if (hdf_get_obj(slot->hdf, "Docs") == NULL)
		return DZ_OK;
	if ((err = hdf_copy(dst, "Docs", hdf_get_obj(slot->hdf, "Docs"))) != STATUS_OK) {
		nerr_ignore(&err);
		return DZ_ERR_NOMEM;
	}
	return DZ_OK;
}

enum dz_err
dz_store_to_hdf(struct dz_db *db, HDF *hdf, const struct dz_store_stmt *s, int docs)
{
	dz_set_int(hdf, "Stmt.Id", s->id);
	dz_set(hdf, "Stmt.CustomerId", s->customer_id);
	dz_set(hdf, "Stmt.CustomerCode", s->customer_code);
	dz_set(hdf, "Stmt.CustomerName", s->customer_name);
	dz_set(hdf, "Stmt.Company", s->company);
	dz_set(hdf, "Stmt.From", s->from);
	dz_set(hdf, "Stmt.To", s->to);
	dz_set_int(hdf, "Stmt.WithOpening", s->with_opening);
	dz_set_money(hdf, "Stmt.Opening", s->totals.opening);
	if (s->chain_from > 0) {
		/* opened from a 符合 statement's closing; the ERP's beside it */
		dz_set_int(hdf, "Stmt.ChainFrom", s->chain_from);
		dz_set_money(hdf, "Stmt.ErpOpening", s->erp_opening);
		dz_set_money(hdf, "Stmt.ChainDiff", s->totals.opening - s->erp_opening);
		dz_set_int(hdf, "Stmt.ChainDiffers", s->totals.opening != s->erp_opening);
	}
	dz_set_money(hdf, "Stmt.Sales", s->totals.sales);
	dz_set_money(hdf, "Stmt.Returns", s->totals.returns);
	dz_set_money(hdf, "Stmt.Receipts", s->totals.receipts);
	dz_set_money(hdf, "Stmt.Other", s->totals.other);
	dz_set_money(hdf, "Stmt.Closing", s->totals.closing);
	dz_set_int(hdf, "Stmt.Count", s->totals.count);
	dz_set(hdf, "Stmt.Fingerprint", s->fingerprint);
	dz_set(hdf, "Stmt.Status", dz_stmt_status_code(s->status));
	dz_set(hdf, "Stmt.StatusName", dz_stmt_status_name(s->status));
	dz_set_money(hdf, "Stmt.Received", s->received);
	dz_set_int(hdf, "Stmt.HasReceived", s->received != 0);
	dz_set(hdf, "Stmt.ReceivedDate", s->received_date);
	dz_set(hdf, "Stmt.ReceivedNote", s->received_note);
	dz_set(hdf, "Stmt.AnsweredAt", s->answered_at);
	dz_set(hdf, "Stmt.CreatedAt", s->created_at);
	dz_set(hdf, "Stmt.CreatedBy", s->created_by);
	dz_set_int(hdf, "Stmt.Version", s->version);
	if (s->undo_status != DZ_STMT_PENDING) {
		dz_set(hdf, "Stmt.Undo", dz_stmt_status_code(s->undo_status));
		dz_set(hdf, "Stmt.UndoName", dz_stmt_status_name(s->undo_status));
	}
	if (!docs)
		return DZ_OK;
	return docs_into(db, hdf, s->id);
}

/* ---------------------------------------------------------------------
 * Changing a statement.
 */

static enum dz_err
act_once(struct dz_db *db, const struct dz_store_stmt *s, enum dz_stmt_action act,
    int64_t amount, const char *date, const char *note, const struct dz_actor *who)
{
	enum dz_stmt_status	 ns;
	int64_t			 nr;
	unsigned long long	 aff = 0;
	char			 obj[48], detail[DETAIL_MAX + 1 + DETAIL_SLACK], m[DZ_MONEY_BUFSZ];
	const char		*code;
	enum dz_err		 rc;

	rc = dz_stmt_transition(s->status, s->received, act, amount, &ns, &nr);
	if (rc != DZ_OK)
		return rc;
	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	code = dz_stmt_status_code(ns);
	switch (act) {
	case DZ_ACT_RECEIVE:
		rc = dz_db_x(db, DZ_SQL_STMT_RECEIVE, &aff, NULL,
		    DZ_A_STR(dz_money_format_plain(amount, m, sizeof(m))),
		    date != NULL && *date != '\0' ? DZ_A_STR(date) : DZ_A_NULL,
		    DZ_A_STR(note != NULL ? note : ""), DZ_A_INT(s->id),
		    DZ_A_INT(s->version));
		snprintf(detail, sizeof(detail), "received=%s date=%s %s", m,
		    date != NULL ? date : "", note != NULL ? note : "");
		fit_detail(detail, DETAIL_MAX);
		break;
	case DZ_ACT_AGREE:
	case DZ_ACT_DISPUTE:
	case DZ_ACT_CANCEL:
		if (act == DZ_ACT_CANCEL)
			rc = dz_db_x(db, DZ_SQL_STMT_CANCEL, &aff, NULL, DZ_A_INT(s->id),
			    DZ_A_STR(dz_stmt_status_code(s->status)), DZ_A_INT(s->version));
		else
			rc = dz_db_x(db, DZ_SQL_STMT_SET_STATUS, &aff, NULL, DZ_A_STR(code),
			    DZ_A_STR(code), DZ_A_INT(s->id),
			    DZ_A_STR(dz_stmt_status_code(s->status)), DZ_A_INT(s->version));
		if (rc == DZ_OK && aff == 1 && act != DZ_ACT_CANCEL)
			rc = dz_db_x(db, DZ_SQL_FEEDBACK_INSERT, NULL, NULL,
			    DZ_A_INT(s->id), DZ_A_STR(code),
			    DZ_A_STR(note != NULL ? note : ""), DZ_A_STR("staff"),
			    DZ_A_INT(who->user_id), DZ_A_STR(who->username),
			    DZ_A_NULL, DZ_A_STR(who->ip),
			    DZ_A_STRN(who->user_agent, strnlen(who->user_agent, 255)),
			    DZ_A_STR(""), DZ_A_STR(""), DZ_A_STR(""), DZ_A_INT(s->id));
		snprintf(detail, sizeof(detail), "%s -> %s %s",
		    dz_stmt_status_code(s->status), code, note != NULL ? note : "");
		fit_detail(detail, DETAIL_MAX);
		break;
	case DZ_ACT_DELETE:
		rc = dz_db_x(db, DZ_SQL_STMT_DELETE, &aff, NULL, DZ_A_INT(who->user_id),
		    DZ_A_INT(s->id), DZ_A_INT(s->version));
		if (rc == DZ_OK && aff == 1)
			rc = dz_db_x(db, DZ_SQL_LINK_REVOKE_ALL, NULL, NULL, DZ_A_INT(s->id));
		snprintf(detail, sizeof(detail), "deleted; links revoked");
		break;
	default:
		dz_db_rollback(db);
		return DZ_ERR_CONFLICT;
	}
	if (rc == DZ_OK && aff != 1)
		rc = DZ_ERR_CONFLICT;
	if (rc == DZ_OK) {
		object_name(obj, sizeof(obj), s->id);
		rc = dz_audit(db, who->user_id, who->username,
		    dz_stmt_action_code(act), obj, detail, who->ip);
	}
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_store_act(struct dz_db *db, const struct dz_store_stmt *s, enum dz_stmt_action act,
    int64_t amount, const char *date, const char *note, const struct dz_actor *who)
{
	enum dz_err	rc;
	int		tries = 0;

	do
		rc = act_once(db, s, act, amount, date, note, who);
	while (dz_db_again(db, rc, &tries));
	return rc;
}

static enum dz_err
uncancel_once(struct dz_db *db, const struct dz_store_stmt *s,
    const struct dz_actor *who)
{
	unsigned long long	 aff = 0;
	char			 obj[48], detail[64];
	enum dz_err		 rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	/* The version condition lets it in once, and only if nothing came between. */
	rc = dz_db_x(db, DZ_SQL_STMT_UNCANCEL, &aff, NULL, DZ_A_INT(s->id),
	    DZ_A_INT(s->version));
	if (rc == DZ_OK && aff != 1)
		rc = DZ_ERR_CONFLICT;
	if (rc == DZ_OK) {
		object_name(obj, sizeof(obj), s->id);
		snprintf(detail, sizeof(detail), "pending -> %s",
		    dz_stmt_status_code(s->undo_status));
		rc = dz_audit(db, who->user_id, who->username, "uncancel", obj, detail,
		    who->ip);
	}
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_store_uncancel(struct dz_db *db, const struct dz_store_stmt *s,
    const struct dz_actor *who)
{
	enum dz_err	rc;
	int		tries = 0;

	if (s->status == DZ_STMT_DELETED)
		return DZ_ERR_GONE;
	if (s->status != DZ_STMT_PENDING || s->undo_status == DZ_STMT_PENDING)
		return DZ_ERR_CONFLICT;
	do
		rc = uncancel_once(db, s, who);
	while (dz_db_again(db, rc, &tries));
	return rc;
}

static enum dz_err
answer_once(struct dz_db *db, long long sid, enum dz_stmt_action act,
    const char *desc, const struct dz_actor *who)
{
	unsigned long long	 aff = 0, fb = 0;
	const char		*code;
	char			 obj[48], detail[DETAIL_MAX + 1 + DETAIL_SLACK];
	enum dz_err		 rc;

	if (act != DZ_ACT_ANSWER_AGREE && act != DZ_ACT_ANSWER_DISPUTE)
		return DZ_ERR_INVAL;
	code = act == DZ_ACT_ANSWER_AGREE ? "agreed" : "disputed";
	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	/* The row lock and the status condition let exactly one answer in. */
	rc = dz_db_x(db, DZ_SQL_STMT_ANSWER, &aff, NULL, DZ_A_STR(code), DZ_A_INT(sid),
	    DZ_A_INT(who->link_id), DZ_A_INT(who->link_id));
	if (rc == DZ_OK && aff != 1)
		rc = DZ_ERR_CONFLICT;
	if (rc == DZ_OK)
		rc = dz_db_x(db, DZ_SQL_FEEDBACK_INSERT, NULL, &fb, DZ_A_INT(sid),
		    DZ_A_STR(code), DZ_A_STR(desc != NULL ? desc : ""),
		    DZ_A_STR("customer"), DZ_A_NULL, DZ_A_STR(""),
		    who->link_id != 0 ? DZ_A_INT(who->link_id) : DZ_A_NULL,
		    DZ_A_STR(who->ip),
		    DZ_A_STRN(who->user_agent, strnlen(who->user_agent, 255)),
		    DZ_A_STR(who->handler_name != NULL ? who->handler_name : ""),
		    DZ_A_STR(who->handler_phone != NULL ? who->handler_phone : ""),
		    DZ_A_STR(who->handler_position != NULL ? who->handler_position : ""),
		    DZ_A_INT(sid));
	if (rc == DZ_OK) {
		object_name(obj, sizeof(obj), sid);
		snprintf(detail, sizeof(detail), "pending -> %s %s", code,
		    desc != NULL ? desc : "");
		fit_detail(detail, DETAIL_MAX);
		rc = dz_audit(db, 0, LANG_audit_customer, dz_stmt_action_code(act), obj, detail, who->ip);
	}
	/* The creator's notice, in the answer's transaction: one per answer
	 * recorded, none for one refused. */
	if (rc == DZ_OK)
		rc = dz_store_notice_answer(db, sid, act == DZ_ACT_ANSWER_AGREE ?
		    DZ_NOTICE_AGREED : DZ_NOTICE_DISPUTED, (long long)fb);
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_store_answer(struct dz_db *db, long long sid, enum dz_stmt_action act,
    const char *desc, const struct dz_actor *who)
{
	enum dz_err	rc;
	int		tries = 0;

	do
		rc = answer_once(db, sid, act, desc, who);
	while (dz_db_again(db, rc, &tries));
	if (tries > 0)
		dz_log_info("store: answer to statement %lld after %d deadlock(s): %s",
		    sid, tries, dz_strerror(rc));
	return rc;
}

/* ---------------------------------------------------------------------
 * Share links.
 */

static const struct dz_key *
find_key(const struct dz_keyring *keys, int id)
{
	const struct dz_key	*best = NULL;
	size_t			 i;

	for (i = 0; keys != NULL && i < keys->n; i++) {
		if (id >= 0 && keys->keys[i].id == id)
			return &keys->keys[i];
		if (id < 0 && (best == NULL || keys->keys[i].id > best->id))
			best = &keys->keys[i];
	}
	return best;
}

/* token = base64url(HMAC-SHA256(SHA-256("dz-share-v1" || key), nonce)) */
static enum dz_err
derive(const struct dz_key *k, const unsigned char nonce[32], char tok[DZ_TOKEN_LEN + 1])
{
	unsigned char	sub[DZ_SHA256_LEN], mac[EVP_MAX_MD_SIZE], in[11 + 32];
	unsigned int	maclen = 0;

	memcpy(in, "dz-share-v1", 11);
	memcpy(in + 11, k->key, 32);
	dz_crypt_sha256(in, sizeof(in), sub);
	dz_wipe(in, sizeof(in));
	if (HMAC(EVP_sha256(), sub, sizeof(sub), nonce, 32, mac, &maclen) == NULL ||
	    maclen != 32) {
		dz_wipe(sub, sizeof(sub));
		return DZ_ERR_CRYPT;
	}
	dz_wipe(sub, sizeof(sub));
	dz_crypt_b64url(mac, 32, tok);
	dz_wipe(mac, sizeof(mac));
	return DZ_OK;
}

enum dz_err
dz_store_link_live(struct dz_db *db, const struct dz_keyring *keys, long long sid,
    struct dz_store_link *l)
{
	struct dz_rows		 rows;
	const struct dz_key	*k;
	enum dz_err		 rc;

	memset(l, 0, sizeof(*l));
	if ((rc = dz_db_q1(db, DZ_SQL_LINK_LIVE, &rows, DZ_A_INT(sid))) != DZ_OK)
		return rc;
	if (dz_db_cell_len(&rows, 0, DZ_C_LIVE_NONCE) != 32) {
		dz_db_rows_free(&rows);
		return DZ_ERR_NOTFOUND;
	}
	if ((k = find_key(keys, (int)dz_db_cell_int(&rows, 0, DZ_C_LIVE_KEY_ID))) == NULL)
		rc = DZ_ERR_CRYPT;
	else
		rc = derive(k, (const unsigned char *)dz_db_cell(&rows, 0, DZ_C_LIVE_NONCE), l->token);
	l->id = dz_db_cell_int(&rows, 0, DZ_C_LIVE_ID);
	dz_copy(l->created_at, sizeof(l->created_at), dz_db_cell(&rows, 0, DZ_C_LIVE_CREATED_AT));
	dz_copy(l->expires_at, sizeof(l->expires_at), dz_db_cell(&rows, 0, DZ_C_LIVE_EXPIRES_AT));
	l->open_count = dz_db_cell_int(&rows, 0, DZ_C_LIVE_OPEN_COUNT);
	dz_copy(l->first_opened, sizeof(l->first_opened), dz_db_cell(&rows, 0, DZ_C_LIVE_FIRST_OPENED));
	dz_db_rows_free(&rows);
	return rc;
}

/* The old links ended and the new one stored, in one transaction. */
static enum dz_err
link_insert_once(struct dz_db *db, const struct dz_store_stmt *s,
    const unsigned char *hash, const unsigned char *nonce, long long key_id, int days,
    const struct dz_actor *who)
{
	char		obj[48], detail[64];
	enum dz_err	rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_LINK_REVOKE_ALL, NULL, NULL, DZ_A_INT(s->id));
	if (rc == DZ_OK)
		rc = dz_db_x(db, DZ_SQL_LINK_INSERT, NULL, NULL, DZ_A_INT(s->id),
		    DZ_A_BLOB(hash, DZ_SHA256_LEN), DZ_A_BLOB(nonce, 32),
		    DZ_A_INT(key_id), DZ_A_INT(who->user_id), DZ_A_INT(days));
	if (rc == DZ_OK)	/* its first share, for the reports (once) */
		rc = dz_db_x(db, DZ_SQL_STMT_SHARED, NULL, NULL, DZ_A_INT(s->id));
	if (rc == DZ_OK) {
		object_name(obj, sizeof(obj), s->id);
		snprintf(detail, sizeof(detail), "new link, %d days", days);
		rc = dz_audit(db, who->user_id, who->username, "share", obj, detail,
		    who->ip);
	}
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_store_link_new(struct dz_db *db, const struct dz_keyring *keys,
    const struct dz_store_stmt *s, int days, const struct dz_actor *who,
    struct dz_store_link *l)
{
	const struct dz_key	*k;
	unsigned char		 nonce[32], hash[DZ_SHA256_LEN];
	enum dz_err		 rc;
	int		 tries = 0;

	memset(l, 0, sizeof(*l));
	if (s->status == DZ_STMT_DELETED)
		return DZ_ERR_GONE;
	if ((k = find_key(keys, -1)) == NULL)
		return DZ_ERR_CRYPT;
	if (RAND_bytes(nonce, sizeof(nonce)) != 1 || derive(k, nonce, l->token) != DZ_OK)
		return DZ_ERR_CRYPT;
	dz_crypt_sha256(l->token, DZ_TOKEN_LEN, hash);
	do
		rc = link_insert_once(db, s, hash, nonce, k->id, days, who);
	while (dz_db_again(db, rc, &tries));
	if (rc != DZ_OK) {
		dz_wipe(l->token, sizeof(l->token));
		return rc;
	}
	/* Read it back for the dates the page shows. */
	return dz_store_link_live(db, keys, s->id, l);
}

static enum dz_err
revoke_once(struct dz_db *db, const struct dz_store_stmt *s,
    const struct dz_actor *who)
{
	unsigned long long	aff = 0;
	char		obj[48];
	enum dz_err	rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_LINK_REVOKE_ALL, &aff, NULL, DZ_A_INT(s->id));
	/* Nothing to revoke is no event. */
	if (rc == DZ_OK && aff > 0) {
		object_name(obj, sizeof(obj), s->id);
		rc = dz_audit(db, who->user_id, who->username, "share_revoke", obj,
		    "links revoked", who->ip);
	}
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_store_link_revoke(struct dz_db *db, const struct dz_store_stmt *s,
    const struct dz_actor *who)
{
	enum dz_err	rc;
	int		tries = 0;

	do
		rc = revoke_once(db, s, who);
	while (dz_db_again(db, rc, &tries));
	return rc;
}

enum dz_err
dz_store_link_resolve(struct dz_db *db, const char *token, const char *ip,
    struct dz_store_live *out)
{
	struct dz_rows	rows;
	unsigned char	hash[DZ_SHA256_LEN];
	enum dz_err	rc;

	memset(out, 0, sizeof(*out));
	if (token == NULL || !dz_crypt_token_valid(token))
		return DZ_ERR_GONE;
	dz_crypt_sha256(token, DZ_TOKEN_LEN, hash);
	if ((rc = dz_db_q1(db, DZ_SQL_LINK_CHECK, &rows, DZ_A_STR(ip != NULL ? ip : ""),
	    DZ_A_BLOB(hash, sizeof(hash)))) != DZ_OK)
		return rc == DZ_ERR_NOTFOUND ? DZ_ERR_GONE : rc;
	out->link = dz_db_cell_int(&rows, 0, DZ_C_CHECK_LINK);
	out->recent = dz_db_cell_int(&rows, 0, DZ_C_CHECK_RECENT) != 0;
	out->sid = dz_db_cell_int(&rows, 0, DZ_C_CHECK_SID);
	out->version = dz_db_cell_int(&rows, 0, DZ_C_CHECK_VERSION);
	out->expires = dz_db_cell_int(&rows, 0, DZ_C_CHECK_EXPIRES);
	dz_db_rows_free(&rows);
	return DZ_OK;
}

static enum dz_err
opened_once(struct dz_db *db, long long link, const char *ip)
{
	enum dz_err	rc;

	/*
	 * One transaction: the link's first opening and the creator's notice
	 * of it (schema 009) are written together or not at all; a reload
	 * finds first_opened_at set and makes none.
	 */
	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_store_notice_opened(db, link);
	/* Conditional: two workers seeing the same reload count it once. */
	if (rc == DZ_OK)
		rc = dz_db_x(db, DZ_SQL_LINK_OPENED, NULL, NULL, DZ_A_STR(ip), DZ_A_INT(link),
		    DZ_A_STR(ip));
	/* the statement's first opening, for the reports: once, so later
	 * openings do not touch the statement's row */
	if (rc == DZ_OK)
		rc = dz_db_x(db, DZ_SQL_STMT_OPENED, NULL, NULL, DZ_A_INT(link));
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

void
dz_store_link_opened(struct dz_db *db, long long link, const char *ip)
{
	enum dz_err	rc;
	int		tries = 0;

	do
		rc = opened_once(db, link, ip != NULL ? ip : "");
	while (dz_db_again(db, rc, &tries));
	if (rc != DZ_OK)
		dz_log_warn("store: opening of link %lld not recorded: %s", link,
		    dz_strerror(rc));
}
