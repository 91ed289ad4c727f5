/*
 * store_check.c: a stored statement read back as its snapshot (the
 * documents and goods as structs, for the exports: dz_store_snapshot),
 * and checked against its own fingerprint.
 * The fingerprint was computed from the snapshot when the statement was
 * made (dz_store_create); here the snapshot is rebuilt from the rows the
 * store holds now (the header's customer, period and totals, every
 * document and its goods) and fingerprinted again. The two agree unless a
 * row was changed, lost or half restored since: dz-admin verify asks this
 * of every statement after a restore.
 *
 * The cells are read from the rows themselves, not through struct
 * dz_store_stmt, whose fixed buffers could cut a long name.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "db.h"
#include "money.h"
#include "stmt.h"
#include "store.h"

/* A text cell as the snapshot had it: NULL is "" (the columns are NOT NULL). */
static const char *
text(const struct dz_rows *rows, size_t r, size_t c)
{
	const char	*v = dz_db_cell(rows, r, c);

	return v != NULL ? v : "";
}

/* Lines come ordered by vchcode: the first of a document, by bisection. */
static size_t
first_line(const struct dz_rows *lines, long long vch)
{
	size_t	lo = 0, hi = lines->nrows, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (dz_db_cell_int(lines, mid, DZ_C_LINE_VCHCODE) < vch)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The documents and goods of d and l into docs[] and ls[] (room for
 * d->nrows and l->nrows), each line under its document. A type the
 * statement domain does not know is DZ_ERR_INVAL; lines of no document
 * (the schema's foreign key forbids them) are not counted, as the
 * snapshot never had them.
 */
static enum dz_err
fill_docs(const struct dz_rows *d, const struct dz_rows *l,
    struct dz_stmt_doc *docs, struct dz_stmt_line *ls)
{
	struct dz_stmt_doc	*doc;
	struct dz_stmt_line	*line;
	size_t			 i, k, nl = 0;
	long long		 vch;

	for (i = 0; i < d->nrows; i++) {
		doc = &docs[i];
		vch = dz_db_cell_int(d, i, DZ_C_DOC_VCHCODE);
		if (dz_stmt_doc_from_code(dz_db_cell(d, i, DZ_C_DOC_TYPE), &doc->type) != DZ_OK)
			return DZ_ERR_INVAL;
		doc->vchcode = vch;
		doc->number = text(d, i, DZ_C_DOC_NUMBER);
		doc->date = text(d, i, DZ_C_DOC_DATE);
		doc->summary = text(d, i, DZ_C_DOC_SUMMARY);
		doc->amount = dz_money_cell(dz_db_cell(d, i, DZ_C_DOC_AMOUNT));
		doc->lines = &ls[nl];
		for (k = first_line(l, vch); k < l->nrows &&
		    dz_db_cell_int(l, k, DZ_C_LINE_VCHCODE) == vch; k++) {
			line = &ls[nl++];
			line->seq = (uint32_t)dz_db_cell_int(l, k, DZ_C_LINE_SEQ);
			line->product_code = text(l, k, DZ_C_LINE_CODE);
			line->product_name = text(l, k, DZ_C_LINE_NAME);
			line->unit = text(l, k, DZ_C_LINE_UNIT);
			line->qty = dz_money_cell_scaled(dz_db_cell(l, k, DZ_C_LINE_QTY), 4);
			line->price = dz_money_cell_scaled(dz_db_cell(l, k, DZ_C_LINE_PRICE), 4);
			line->amount = dz_money_cell(dz_db_cell(l, k, DZ_C_LINE_AMOUNT));
			doc->nlines++;
		}
	}
	return DZ_OK;
}

/* What dz_store_snapshot keeps alive for the snapshot's pointers. */
struct dz_store_snap_rows {
	struct dz_rows		 h, d, l;
	struct dz_stmt_doc	*docs;
	struct dz_stmt_line	*lines;
};

void
dz_store_snapshot_free(struct dz_store_snap *sp)
{
	struct dz_store_snap_rows *r = sp->rows;

	if (r != NULL) {
		free(r->lines);
		free(r->docs);
		dz_db_rows_free(&r->l);
		dz_db_rows_free(&r->d);
		dz_db_rows_free(&r->h);
		free(r);
	}
	memset(sp, 0, sizeof(*sp));
}

enum dz_err
dz_store_snapshot(struct dz_db *db, long long id, struct dz_store_snap *sp)
{
	struct dz_store_snap_rows *r;
	struct dz_stmt_snapshot	*sn = &sp->sn;
	struct dz_stmt_totals	*t = &sn->totals;
	const struct dz_rows	*h;
	enum dz_err		 rc;

	memset(sp, 0, sizeof(*sp));
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return DZ_ERR_NOMEM;
	sp->rows = r;
	h = &r->h;
	if ((rc = dz_db_q1(db, DZ_SQL_STMT_GET, &r->h, DZ_A_INT(id))) != DZ_OK ||
	    (rc = dz_db_q(db, DZ_SQL_STMT_DOCS, &r->d, DZ_A_INT(id))) != DZ_OK ||
	    (rc = dz_db_q(db, DZ_SQL_STMT_LINES, &r->l, DZ_A_INT(id))) != DZ_OK)
		goto fail;
	dz_copy(sp->fingerprint, sizeof(sp->fingerprint), text(h, 0, DZ_C_HEAD_FINGERPRINT));
	rc = DZ_ERR_NOMEM;
	if ((r->docs = calloc(r->d.nrows + 1, sizeof(*r->docs))) == NULL ||
	    (r->lines = calloc(r->l.nrows + 1, sizeof(*r->lines))) == NULL)
		goto fail;
	if ((rc = fill_docs(&r->d, &r->l, r->docs, r->lines)) != DZ_OK)
		goto fail;

	sn->account_set_id = dz_db_cell_int(h, 0, DZ_C_HEAD_SET_ID);
	sn->customer_id = text(h, 0, DZ_C_HEAD_CUSTOMER_ID);
	sn->customer_code = text(h, 0, DZ_C_HEAD_CUSTOMER_CODE);
	sn->customer_name = text(h, 0, DZ_C_HEAD_CUSTOMER_NAME);
	sn->period_from = text(h, 0, DZ_C_HEAD_FROM);
	sn->period_to = text(h, 0, DZ_C_HEAD_TO);
	sn->with_opening = dz_db_cell_int(h, 0, DZ_C_HEAD_WITH_OPENING) != 0;
	t->opening = dz_money_cell(dz_db_cell(h, 0, DZ_C_HEAD_OPENING));
	t->sales = dz_money_cell(dz_db_cell(h, 0, DZ_C_HEAD_SALES));
	t->returns = dz_money_cell(dz_db_cell(h, 0, DZ_C_HEAD_RETURNS));
	t->receipts = dz_money_cell(dz_db_cell(h, 0, DZ_C_HEAD_RECEIPTS));
	t->other = dz_money_cell(dz_db_cell(h, 0, DZ_C_HEAD_OTHER));
	t->closing = dz_money_cell(dz_db_cell(h, 0, DZ_C_HEAD_CLOSING));
	t->count = (uint32_t)dz_db_cell_int(h, 0, DZ_C_HEAD_DOC_COUNT);
	sn->docs = r->docs;
	sn->ndocs = r->d.nrows;
	sp->nlines = r->l.nrows;
	return DZ_OK;
fail:
	dz_store_snapshot_free(sp);
	return rc;
}

enum dz_err
dz_store_fingerprint(struct dz_db *db, long long id, char stored[DZ_STMT_FP_HEXLEN + 1],
    char computed[DZ_STMT_FP_HEXLEN + 1])
{
	struct dz_store_snap	 sp;
	enum dz_err		 rc;

	stored[0] = computed[0] = '\0';
	if ((rc = dz_store_snapshot(db, id, &sp)) != DZ_OK)
		return rc;
	dz_copy(stored, DZ_STMT_FP_HEXLEN + 1, sp.fingerprint);
	rc = dz_stmt_fingerprint_hex(&sp.sn, computed);
	dz_store_snapshot_free(&sp);
	return rc;
}

enum dz_err
dz_store_stmt_ids(struct dz_db *db, long long set, long long after, long long *ids,
    size_t max, size_t *n)
{
	struct dz_rows	rows;
	enum dz_err	rc;
	size_t		i;

	*n = 0;
	if (max == 0)
		return DZ_ERR_INVAL;
	if ((rc = dz_db_q(db, DZ_SQL_STMT_IDS, &rows, DZ_A_INT(after),
	    set != 0 ? DZ_A_INT(set) : DZ_A_NULL, DZ_A_INT((long long)max))) != DZ_OK)
		return rc;
	for (i = 0; i < rows.nrows && i < max; i++)
		ids[i] = dz_db_cell_int(&rows, i, DZ_C_ID);
	*n = i;
	dz_db_rows_free(&rows);
	return DZ_OK;
}
