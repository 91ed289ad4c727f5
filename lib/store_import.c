/*
 * store_import.c: an import file stored (store_import.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "audit.h"
#include "crypt.h"
#include "db.h"
#include "erp.h"
#include "money.h"
#include "stmt.h"
#include "utf8.h"
#include "store.h"
#include "store_import.h"

/* ---------------------------------------------------------------------
 * What an earlier import knows.
 */

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
known_customer(void *arg, const char *code)
{
	const struct dz_store_import_known	*k = arg;

	return k->n > 0 && bsearch(&code, k->code, k->n, sizeof(*k->code), str_cmp) != NULL;
}

enum dz_err
dz_store_import_known(struct dz_db *db, long long set, struct dz_store_import_known *k)
{
	struct dz_rows	 rows;
	size_t		 i;
	enum dz_err	 rc;

	memset(k, 0, sizeof(*k));
	k->known.customer = known_customer;
	k->known.arg = k;
	if ((rc = dz_db_q(db, DZ_SQL_IMP_CODES, &rows, DZ_A_INT(set))) != DZ_OK)
		return rc;
	if (rows.nrows > 0 && (k->code = calloc(rows.nrows, sizeof(*k->code))) == NULL) {
		dz_db_rows_free(&rows);
		return DZ_ERR_NOMEM;
	}
	for (i = 0; i < rows.nrows; i++) {
		const char *c = dz_db_cell(&rows, i, DZ_C_IMPCODE);

		if ((k->code[k->n] = strdup(c != NULL ? c : "")) == NULL) {
			dz_db_rows_free(&rows);
			dz_store_import_known_free(k);
			return DZ_ERR_NOMEM;
		}
		k->n++;
	}
	dz_db_rows_free(&rows);
	/* the store's byte order is strcmp's; sorted again all the same, as
	 * bsearch needs it */
	if (k->n > 1)
		qsort(k->code, k->n, sizeof(*k->code), str_cmp);
	return DZ_OK;
}

void
dz_store_import_known_free(struct dz_store_import_known *k)
{
	size_t	i;

	for (i = 0; i < k->n; i++)
		free(k->code[i]);
	free(k->code);
	k->code = NULL;
	k->n = 0;
}

/* ---------------------------------------------------------------------
 * Storing.
 */

/* The file's lines in document order: by number, then seq. */
static int
line_cmp(const void *a, const void *b)
{
	const struct dz_imp_line	*x = *(const struct dz_imp_line *const *)a;
	const struct dz_imp_line	*y = *(const struct dz_imp_line *const *)b;
	int				 c = strcmp(x->number, y->number);

	if (c != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The first of the sorted lines of document number, and how many. */
static size_t
lines_of(const struct dz_imp_file *f, const struct dz_imp_line *const *order,
    const char *number, size_t *n)
{
	size_t	lo = 0, hi = f->nline, first;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(order[mid]->number, number) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < f->nline && strcmp(order[lo]->number, number) == 0)
		lo++;
	*n = lo - first;
	return first;
}

static void
fen_text(int64_t v, char *buf, size_t sz)
{
	dz_money_format_scaled(v, 2, 2, buf, sz);
}

static void
scaled_text(int64_t v, char *buf, size_t sz)
{
	dz_money_format_scaled(v, 4, 4, buf, sz);
}

/* Are the stored cell s (a decimal) and v (of scale) the same figure? */
static int
same_figure(const char *s, int scale, int64_t v)
{
	int64_t	got;

	if (s == NULL)
		return v == -1;
	return dz_money_parse_scaled(s, scale, &got) == DZ_OK && got == v;
}

static int
same_text(const char *s, const char *v)
{
	return strcmp(s != NULL ? s : "", v != NULL ? v : "") == 0;
}

/* Do the stored lines of vchcode equal the file's n lines from first? */
static enum dz_err
lines_same(struct dz_db *db, long long vchcode, const struct dz_imp_file *f,
    const struct dz_imp_line *const *order, size_t first, size_t n, int *same)
{
	struct dz_rows	 rows;
	size_t		 i;
	enum dz_err	 rc;

	*same = 0;
	if ((rc = dz_db_q(db, DZ_SQL_IMP_LINES_OF, &rows, DZ_A_INT(vchcode))) != DZ_OK)
		return rc;
	if (rows.nrows == n) {
		for (i = 0; i < n; i++) {
			const struct dz_imp_line *l = order[first + i];

			if (!same_text(dz_db_cell(&rows, i, DZ_C_IMPLINE_CODE), l->product_code) ||
			    !same_text(dz_db_cell(&rows, i, DZ_C_IMPLINE_NAME), l->product_name) ||
			    !same_text(dz_db_cell(&rows, i, DZ_C_IMPLINE_UNIT), l->unit) ||
			    !same_figure(dz_db_cell(&rows, i, DZ_C_IMPLINE_QTY), 4, l->qty) ||
			    !same_figure(dz_db_cell(&rows, i, DZ_C_IMPLINE_PRICE), 4, l->price) ||
			    !same_figure(dz_db_cell(&rows, i, DZ_C_IMPLINE_AMOUNT), 2, l->amount))
				break;
		}
		*same = i == n;
	}
	dz_db_rows_free(&rows);
	return DZ_OK;
}

static enum dz_err
lines_put(struct dz_db *db, long long vchcode, const struct dz_imp_file *f,
    const struct dz_imp_line *const *order, size_t first, size_t n)
{
	char		 qty[32], price[32], amount[32];
	size_t		 i;
	enum dz_err	 rc;

	for (i = 0; i < n; i++) {
		const struct dz_imp_line *l = order[first + i];

		scaled_text(l->qty, qty, sizeof(qty));
		scaled_text(l->price, price, sizeof(price));
		fen_text(l->amount, amount, sizeof(amount));
		if ((rc = dz_db_x(db, DZ_SQL_IMP_LINE_INSERT, NULL, NULL, DZ_A_INT(vchcode),
		    DZ_A_INT((long long)i + 1), DZ_A_STR(l->product_code),
		    DZ_A_STR(l->product_name), DZ_A_STR(l->unit), DZ_A_STR(qty),
		    l->price >= 0 ? DZ_A_STR(price) : DZ_A_NULL, DZ_A_STR(amount))) != DZ_OK)
			return rc;
	}
	return DZ_OK;
}

/* How many bytes of s are well-formed UTF-8 from its start. */
static size_t
valid_prefix(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), at = 0, k;
	uint32_t		 cp;

	while (at < len && (k = dz_utf8_next(p + at, len - at, &cp)) > 0)
		at += k;
	return at;
}

/* The codes whose balance the import moves (kept, sorted at the end). */
struct codes {
	const char	**v;
	size_t		  n, cap;
};

static int
codes_add(struct codes *c, const char *s)
{
	if (c->n == c->cap) {
		size_t		 cap = c->cap > 0 ? c->cap * 2 : 256;
		const char	**p = realloc(c->v, cap * sizeof(*p));

		if (p == NULL)
			return -1;
		c->v = p;
		c->cap = cap;
	}
	c->v[c->n++] = s;
	return 0;
}

/*
 * The balances an import moves. A customer of the file (its 期初 and its
 * date may have changed) is summed again over its documents; any other
 * is moved by what its documents bring and take (a document counts from
 * the customer's opening_from on): summing again inside the transaction
 * that has just written its documents read each of them through the
 * table (their index entries are too new to be trusted alone), 30 ms a
 * customer at 1,000,000 documents.
 */
struct opening {
	char	**code;
	char	(*from)[11];
	size_t	  n;
};

struct delta {
	const char	*code;
	int64_t		 fen;
};

struct deltas {
	struct delta	*v;
	size_t		 n, cap;
};

static enum dz_err
opening_load(struct dz_db *db, long long set, struct opening *op)
{
	struct dz_rows	 rows;
	size_t		 i;
	enum dz_err	 rc;

	memset(op, 0, sizeof(*op));
	if ((rc = dz_db_q(db, DZ_SQL_IMP_CODES, &rows, DZ_A_INT(set))) != DZ_OK)
		return rc;
	if (rows.nrows > 0 && ((op->code = calloc(rows.nrows, sizeof(*op->code))) == NULL ||
	    (op->from = calloc(rows.nrows, sizeof(*op->from))) == NULL)) {
		dz_db_rows_free(&rows);
		return DZ_ERR_NOMEM;
	}
	for (i = 0; i < rows.nrows; i++) {
		const char *c = dz_db_cell(&rows, i, DZ_C_IMPCODE);
		const char *f = dz_db_cell(&rows, i, DZ_C_IMPCODE_FROM);

		if ((op->code[i] = strdup(c != NULL ? c : "")) == NULL) {
			dz_db_rows_free(&rows);
			return DZ_ERR_NOMEM;
		}
		snprintf(op->from[i], sizeof(op->from[i]), "%s", f != NULL ? f : "1000-01-01");
		op->n++;
	}
	dz_db_rows_free(&rows);
	return DZ_OK;
}

static void
opening_free(struct opening *op)
{
	size_t	i;

	for (i = 0; i < op->n; i++)
		free(op->code[i]);
	free(op->code);
	free(op->from);
}

/* Does a document of code dated date count in its balance? 1, 0; -1 when
 * the customer is not the set's (the import's own: summed again). The
 * codes come in the store's byte order (utf8mb4_bin), strcmp's. */
static int
counts(const struct opening *op, const char *code, const char *date)
{
	size_t	lo = 0, hi = op->n;

	while (lo < hi) {
		size_t	mid = lo + (hi - lo) / 2;
		int	c = strcmp(op->code[mid], code);

		if (c == 0)
			return strcmp(date, op->from[mid]) >= 0;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static int
delta_add(struct deltas *dl, const char *code, int64_t fen)
{
	if (dl->n == dl->cap) {
		size_t		 cap = dl->cap > 0 ? dl->cap * 2 : 256;
		struct delta	*p = realloc(dl->v, cap * sizeof(*p));

		if (p == NULL)
			return -1;
		dl->v = p;
		dl->cap = cap;
	}
	dl->v[dl->n].code = code;
	dl->v[dl->n].fen = fen;
	dl->n++;
	return 0;
}

static int
delta_cmp(const void *a, const void *b)
{
	return strcmp(((const struct delta *)a)->code, ((const struct delta *)b)->code);
}

/* What a document brings to (sign 1) or takes from (-1) its customer's
 * balance: a delta, or the customer summed again when it is not known. */
static int
move(const struct opening *op, struct deltas *dl, struct codes *resum, const char *code,
    const char *date, int sign, int64_t total, int way)
{
	int	c = counts(op, code, date);

	if (c < 0)
		return codes_add(resum, code);
	return c == 0 ? 0 : delta_add(dl, code, (int64_t)way * sign * total);
}

/* One document of the file: new, the same, or a new version of it. */
static enum dz_err
doc_put(struct dz_db *db, long long set, long long file_id, const struct dz_imp_file *f,
    const struct dz_imp_doc *d, const struct dz_imp_line *const *order,
    const struct opening *op, struct deltas *dl, struct codes *moved, char **old,
    struct dz_store_import_result *out)
{
	struct dz_rows		 rows;
	unsigned long long	 id = 0, aff = 0;
	char			 total[32];
	size_t			 first, n;
	long long		 vchcode, stored;
	int64_t			 old_total = 0;
	char			 old_date[16];
	int			 vchtype = dz_stmt_doc_vchtype(d->type), same, old_sign;
	enum dz_err		 rc;

	*old = NULL;
	first = lines_of(f, order, d->number, &n);
	fen_text(d->total, total, sizeof(total));
	/* a new number is one statement (most of an import); one the set has
	 * is read and compared */
	if ((rc = dz_db_x(db, DZ_SQL_IMP_DOC_INSERT, &aff, &id, DZ_A_INT(set),
	    DZ_A_STR(d->number), DZ_A_STR(d->customer_code), DZ_A_INT(vchtype),
	    DZ_A_INT(dz_stmt_doc_sign(d->type)), DZ_A_STR(d->date), DZ_A_STR(total),
	    DZ_A_STR(d->summary), DZ_A_INT(file_id),
	    d->version > 0 ? DZ_A_INT(d->version) : DZ_A_NULL)) != DZ_OK)
		return rc;
	if (aff == 1) {
		out->added++;
		out->lines += n;
		if (move(op, dl, moved, d->customer_code, d->date, dz_stmt_doc_sign(d->type),
		    d->total, 1) != 0)
			return DZ_ERR_NOMEM;
		return lines_put(db, (long long)id, f, order, first, n);
	}
	if ((rc = dz_db_q(db, DZ_SQL_IMP_DOC_FIND, &rows, DZ_A_INT(set),
	    DZ_A_STR(d->number))) != DZ_OK)
		return rc;
	if (rows.nrows != 1) {
		dz_db_rows_free(&rows);
		return DZ_ERR_DB;
	}
	vchcode = dz_db_cell_int(&rows, 0, DZ_C_IMPDOC_VCHCODE);
	stored = dz_db_cell_int(&rows, 0, DZ_C_IMPDOC_SENDER);
	/* the sender numbers its versions: one not past the last it sent is
	 * old news (a retry, or an older one arriving late), never applied;
	 * ours (imp_documents.version) count the changes, whoever made them */
	if (d->version > 0 && stored > 0 && d->version <= stored) {
		dz_db_rows_free(&rows);
		out->stale++;
		return DZ_OK;
	}
	same = same_text(dz_db_cell(&rows, 0, DZ_C_IMPDOC_CUSTOMER), d->customer_code) &&
	    dz_db_cell_int(&rows, 0, DZ_C_IMPDOC_VCHTYPE) == vchtype &&
	    same_text(dz_db_cell(&rows, 0, DZ_C_IMPDOC_DATE), d->date) &&
	    same_figure(dz_db_cell(&rows, 0, DZ_C_IMPDOC_TOTAL), 2, d->total) &&
	    same_text(dz_db_cell(&rows, 0, DZ_C_IMPDOC_SUMMARY), d->summary);
	if (!same_text(dz_db_cell(&rows, 0, DZ_C_IMPDOC_CUSTOMER), d->customer_code) &&
	    (*old = strdup(dz_db_cell(&rows, 0, DZ_C_IMPDOC_CUSTOMER) != NULL ?
	    dz_db_cell(&rows, 0, DZ_C_IMPDOC_CUSTOMER) : "")) == NULL) {
		dz_db_rows_free(&rows);
		return DZ_ERR_NOMEM;
	}
	/* what the stored version brought its customer, taken back below
	 * if it changes */
	old_sign = (int)dz_db_cell_int(&rows, 0, DZ_C_IMPDOC_SIGN);
	snprintf(old_date, sizeof(old_date), "%s", dz_db_cell(&rows, 0, DZ_C_IMPDOC_DATE) != NULL ?
	    dz_db_cell(&rows, 0, DZ_C_IMPDOC_DATE) : "");
	if (dz_money_parse_scaled(dz_db_cell(&rows, 0, DZ_C_IMPDOC_TOTAL) != NULL ?
	    dz_db_cell(&rows, 0, DZ_C_IMPDOC_TOTAL) : "0", 2, &old_total) != DZ_OK)
		old_total = 0;
	dz_db_rows_free(&rows);
	if (same && (rc = lines_same(db, vchcode, f, order, first, n, &same)) != DZ_OK)
		return rc;
	if (same) {
		out->unchanged++;
		return d->version > stored ? dz_db_x(db, DZ_SQL_IMP_DOC_VERSION, NULL, NULL,
		    DZ_A_INT(d->version), DZ_A_INT(vchcode)) : DZ_OK;
	}
	if ((rc = dz_db_x(db, DZ_SQL_IMP_DOC_KEEP, NULL, NULL, DZ_A_INT(file_id),
	    DZ_A_INT(vchcode))) != DZ_OK ||
	    (rc = dz_db_x(db, DZ_SQL_IMP_DOC_UPDATE, NULL, NULL,
	    d->version > 0 ? DZ_A_INT(d->version) : DZ_A_NULL, DZ_A_STR(d->customer_code),
	    DZ_A_INT(vchtype), DZ_A_INT(dz_stmt_doc_sign(d->type)), DZ_A_STR(d->date),
	    DZ_A_STR(total), DZ_A_STR(d->summary), DZ_A_INT(file_id),
	    DZ_A_INT(vchcode))) != DZ_OK ||
	    (rc = dz_db_x(db, DZ_SQL_IMP_LINES_DELETE, NULL, NULL, DZ_A_INT(vchcode))) != DZ_OK)
		return rc;
	if (move(op, dl, moved, *old != NULL ? *old : d->customer_code, old_date, old_sign,
	    old_total, -1) != 0 ||
	    move(op, dl, moved, d->customer_code, d->date, dz_stmt_doc_sign(d->type), d->total,
	    1) != 0)
		return DZ_ERR_NOMEM;
	out->changed++;
	out->lines += n;
	return lines_put(db, vchcode, f, order, first, n);
}

enum dz_err
dz_store_import(struct dz_db *db, long long set, const char *sha256, const char *name,
    const char *source, const struct dz_imp_file *f, const struct dz_actor *who,
    struct dz_store_import_result *out)
{
	struct dz_rows		 rows;
	struct codes		 moved = { NULL, 0, 0 };
	struct opening		 op;
	struct deltas		 dl = { NULL, 0, 0 };
	char			**olds = NULL, opening[32], obj[48], detail[640];
	char			 fname[200];
	unsigned long long	 id = 0;
	const struct dz_imp_line **order = NULL;
	size_t			 i, n, nold = 0;
	enum dz_err		 rc;

	memset(out, 0, sizeof(*out));
	memset(&op, 0, sizeof(op));
	if (f == NULL || f->errors != 0 || sha256 == NULL || strlen(sha256) != 64)
		return DZ_ERR_INVAL;
	if (f->nline > 0 && (order = calloc(f->nline, sizeof(*order))) == NULL)
		return DZ_ERR_NOMEM;
	if (f->ndoc > 0 && (olds = calloc(f->ndoc, sizeof(*olds))) == NULL) {
		free(order);
		return DZ_ERR_NOMEM;
	}
	for (i = 0; i < f->nline; i++)
		order[i] = &f->line[i];
	if (f->nline > 1)
		qsort(order, f->nline, sizeof(*order), line_cmp);

	if ((rc = dz_db_begin(db)) != DZ_OK)
		goto done;
	/* one import of a set at a time: the same file sent twice at once
	 * finds, the second time, the first one's row */
	if ((rc = dz_db_q1(db, DZ_SQL_ACCTSET_LOCK, &rows, DZ_A_INT(set))) != DZ_OK)
		goto fail;
	dz_db_rows_free(&rows);
	if ((rc = dz_db_q(db, DZ_SQL_IMP_FILE_BY_SHA, &rows, DZ_A_INT(set),
	    DZ_A_STR(sha256))) != DZ_OK)
		goto fail;
	if (rows.nrows > 0) {
		out->duplicate = 1;
		out->file_id = dz_db_cell_int(&rows, 0, DZ_C_ID);
		dz_db_rows_free(&rows);
		dz_db_rollback(db);
		rc = DZ_OK;
		goto done;
	}
	dz_db_rows_free(&rows);
	/* the name as a column and the audit row hold it: cut on a
	 * character, and no bytes that are not UTF-8 */
	n = valid_prefix(name != NULL ? name : "");
	n = dz_utf8_fit(name != NULL ? name : "", n, sizeof(fname) - 1);
	memcpy(fname, name != NULL ? name : "", n);
	fname[n] = '\0';
	if ((rc = dz_db_x(db, DZ_SQL_IMP_FILE_INSERT, NULL, &id, DZ_A_INT(set),
	    DZ_A_STR(sha256), DZ_A_STR(fname),
	    DZ_A_STR(source != NULL ? source : "template"),
	    who != NULL && who->user_id > 0 ? DZ_A_INT(who->user_id) : DZ_A_NULL)) != DZ_OK)
		goto fail;
	out->file_id = (long long)id;
	if ((rc = opening_load(db, set, &op)) != DZ_OK)
		goto fail;

	for (i = 0; i < f->ncust; i++) {
		const struct dz_imp_customer *c = &f->cust[i];

		struct dz_dbarg	 contact = c->contact[0] != '\0' ? DZ_A_STR(c->contact) : DZ_A_NULL;
		struct dz_dbarg	 phone = c->phone[0] != '\0' ? DZ_A_STR(c->phone) : DZ_A_NULL;
		struct dz_dbarg	 ob, od;

		fen_text(c->opening, opening, sizeof(opening));
		ob = c->has_opening ? DZ_A_STR(opening) : DZ_A_NULL;
		od = c->opening_date[0] != '\0' ? DZ_A_STR(c->opening_date) : DZ_A_NULL;
		if ((rc = dz_db_x(db, DZ_SQL_IMP_CUSTOMER_PUT, NULL, NULL, DZ_A_INT(set),
		    DZ_A_STR(c->code), DZ_A_STR(c->name), contact, phone, ob, od,
		    DZ_A_INT(out->file_id), contact, phone, ob, od)) != DZ_OK)
			goto fail;
		if (codes_add(&moved, c->code) != 0) {
			rc = DZ_ERR_NOMEM;
			goto fail;
		}
		out->customers++;
	}
	for (i = 0; i < f->ndoc; i++) {
		rc = doc_put(db, set, out->file_id, f, &f->doc[i], order, &op, &dl, &moved,
		    &olds[nold], out);
		if (olds[nold] != NULL)
			nold++;		/* freed at the end, whatever happened */
		if (rc != DZ_OK)
			goto fail;
	}
	/* the file's customers (and any not the set's before), summed again,
	 * each once; the others moved by their documents' deltas */
	if (moved.n > 1)
		qsort(moved.v, moved.n, sizeof(*moved.v), str_cmp);
	for (i = 0; i < moved.n; i++) {
		if (i > 0 && strcmp(moved.v[i], moved.v[i - 1]) == 0)
			continue;
		if ((rc = dz_db_x(db, DZ_SQL_IMP_BALANCE, NULL, NULL, DZ_A_INT(set),
		    DZ_A_STR(moved.v[i]), DZ_A_INT(set), DZ_A_STR(moved.v[i]))) != DZ_OK)
			goto fail;
	}
	if (dl.n > 1)
		qsort(dl.v, dl.n, sizeof(*dl.v), delta_cmp);
	for (i = 0; i < dl.n; ) {
		size_t	 k = i;
		int64_t	 sum = 0;
		char	 fen[32];

		for (; k < dl.n && strcmp(dl.v[k].code, dl.v[i].code) == 0; k++)
			sum += dl.v[k].fen;
		if (sum != 0 && (moved.n == 0 || bsearch(&dl.v[i].code, moved.v, moved.n,
		    sizeof(*moved.v), str_cmp) == NULL)) {
			fen_text(sum, fen, sizeof(fen));
			if ((rc = dz_db_x(db, DZ_SQL_IMP_BALANCE_ADD, NULL, NULL, DZ_A_STR(fen),
			    DZ_A_INT(set), DZ_A_STR(dl.v[i].code))) != DZ_OK)
				goto fail;
		}
		i = k;
	}
	if ((rc = dz_db_x(db, DZ_SQL_IMP_FILE_COUNTS, NULL, NULL, DZ_A_INT(out->customers),
	    DZ_A_INT(f->ndoc), DZ_A_INT(out->lines), DZ_A_INT(out->added),
	    DZ_A_INT(out->changed), DZ_A_INT(out->unchanged + out->stale),
	    DZ_A_INT(out->file_id))) != DZ_OK)
		goto fail;
	snprintf(obj, sizeof(obj), "imp_file:%lld", out->file_id);
	snprintf(detail, sizeof(detail), "sha256=%s source=%s customers=%zu documents=%zu "
	    "added=%zu changed=%zu unchanged=%zu stale=%zu lines=%zu name=%s", sha256,
	    source != NULL ? source : "template", out->customers, f->ndoc, out->added,
	    out->changed, out->unchanged, out->stale, out->lines, fname);
	if ((rc = dz_audit(db, who != NULL ? who->user_id : 0, who != NULL ? who->username : NULL,
	    "import", obj, detail, who != NULL ? who->ip : NULL)) != DZ_OK ||
	    (rc = dz_db_commit(db)) != DZ_OK)
		goto fail;
	goto done;
fail:
	dz_db_rollback(db);
	memset(out, 0, sizeof(*out));
done:
	opening_free(&op);
	free(dl.v);
	for (i = 0; i < nold; i++)
		free(olds[i]);
	free(olds);
	free(moved.v);
	free(order);
	return rc;
}

/* ---------------------------------------------------------------------
 * The set and its users.
 */

enum dz_err
dz_store_import_set(struct dz_db *db, const char *name, long long *set)
{
	struct dz_rows		 rows;
	char			 ident[256];
	unsigned long long	 id = 0;
	enum dz_err		 rc;

	*set = 0;
	if (name == NULL || name[0] == '\0' || strlen(name) > 200)
		return DZ_ERR_INVAL;
	snprintf(ident, sizeof(ident), "%s%s", DZ_STORE_IMPORT_IDENTITY, name);
	if ((rc = dz_db_q(db, DZ_SQL_ACCTSET_BY_IDENTITY, &rows, DZ_A_STR(ident))) != DZ_OK)
		return rc;
	if (rows.nrows == 1)
		id = (unsigned long long)dz_db_cell_int(&rows, 0, DZ_C_ID);
	dz_db_rows_free(&rows);
	if (id == 0 && (rc = dz_db_x(db, DZ_SQL_ACCTSET_INSERT, NULL, &id, DZ_A_STR(ident),
	    DZ_A_STR(name), DZ_A_STR(DZ_ERP_KIND_IMPORT))) != DZ_OK)
		return rc;
	if ((rc = dz_db_q1(db, DZ_SQL_ACCTSET_GET, &rows, DZ_A_INT(id))) != DZ_OK)
		return rc;
	rc = dz_erp_kind_imported(dz_db_cell(&rows, 0, DZ_C_ACCT_ERP_KIND)) ? DZ_OK :
	    DZ_ERR_INVAL;
	dz_db_rows_free(&rows);
	if (rc == DZ_OK)
		*set = (long long)id;
	return rc;
}

enum dz_err
dz_store_import_bind(struct dz_db *db, long long set, long long user_id,
    const struct dz_actor *who)
{
	unsigned long long	 aff = 0;
	char			 obj[32], detail[64];
	enum dz_err		 rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	snprintf(obj, sizeof(obj), "user:%lld", user_id);
	snprintf(detail, sizeof(detail), "account_set=%lld kind=%s", set, DZ_ERP_KIND_IMPORT);
	if ((rc = dz_db_x(db, DZ_SQL_USER_BIND_SET, &aff, NULL, DZ_A_STR(DZ_ERP_KIND_IMPORT),
	    DZ_A_INT(set), DZ_A_INT(user_id))) != DZ_OK ||
	    (rc = aff == 1 ? DZ_OK : DZ_ERR_NOTFOUND) != DZ_OK ||
	    (rc = dz_db_x(db, DZ_SQL_SESSION_DELETE_USER, NULL, NULL, DZ_A_INT(user_id))) != DZ_OK ||
	    (rc = dz_audit(db, who != NULL ? who->user_id : 0,
	    who != NULL ? who->username : NULL, "user_bind_set", obj, detail,
	    who != NULL ? who->ip : NULL)) != DZ_OK ||
	    (rc = dz_db_commit(db)) != DZ_OK) {
		dz_db_rollback(db);
		return rc;
	}
	return DZ_OK;
}

/* ---------------------------------------------------------------------
 * 数据导入 on the site.
 */

static const char *const part_names[DZ_IMP__SHEETS] = {
	[DZ_IMP_CUSTOMERS] = "customers", [DZ_IMP_DOCUMENTS] = "documents",
	[DZ_IMP_LINES] = "lines",
};

static enum dz_err
upload_id(struct dz_db *db, long long set, long long user, int create, long long *id)
{
	struct dz_rows		 rows;
	unsigned long long	 nid = 0;
	enum dz_err		 rc;

	*id = 0;
	if ((rc = dz_db_q(db, DZ_SQL_IMP_UPLOAD_OPEN, &rows, DZ_A_INT(set),
	    DZ_A_INT(user))) != DZ_OK)
		return rc;
	if (rows.nrows == 1)
		*id = dz_db_cell_int(&rows, 0, DZ_C_ID);
	dz_db_rows_free(&rows);
	if (*id > 0)
		return DZ_OK;
	if (!create)
		return DZ_ERR_NOTFOUND;
	if ((rc = dz_db_x(db, DZ_SQL_IMP_UPLOAD_NEW, NULL, &nid, DZ_A_INT(set),
	    DZ_A_INT(user))) != DZ_OK)
		return rc;
	*id = (long long)nid;
	return DZ_OK;
}

enum dz_err
dz_store_upload_get(struct dz_db *db, long long set, long long user, int with_content,
    struct dz_store_upload *u)
{
	struct dz_rows	 rows;
	size_t		 i;
	enum dz_err	 rc;

	memset(u, 0, sizeof(*u));
	if ((rc = upload_id(db, set, user, 0, &u->id)) != DZ_OK)
		return rc;
	if ((rc = dz_db_q(db, DZ_SQL_IMP_UPLOAD_PARTS, &rows, DZ_A_INT(u->id))) != DZ_OK)
		return rc;
	for (i = 0; i < rows.nrows; i++) {
		long long			 k = dz_db_cell_int(&rows, i, DZ_C_IMPPART_SHEET) - 1;
		struct dz_store_upload_part	*p;
		const char			*v;

		if (k < 0 || k >= DZ_IMP__SHEETS)
			continue;
		p = &u->part[k];
		p->present = 1;
		snprintf(p->filename, sizeof(p->filename), "%s",
		    (v = dz_db_cell(&rows, i, DZ_C_IMPPART_NAME)) != NULL ? v : "");
		snprintf(p->sha256, sizeof(p->sha256), "%s",
		    (v = dz_db_cell(&rows, i, DZ_C_IMPPART_SHA)) != NULL ? v : "");
		snprintf(p->at, sizeof(p->at), "%s",
		    (v = dz_db_cell(&rows, i, DZ_C_IMPPART_AT)) != NULL ? v : "");
		p->size = dz_db_cell_len(&rows, i, DZ_C_IMPPART_CONTENT);
		p->sheet_no = (unsigned int)dz_db_cell_int(&rows, i, DZ_C_IMPPART_SHEET_NO);
		if (with_content) {
			if ((p->content = malloc(p->size + 1)) == NULL) {
				dz_db_rows_free(&rows);
				dz_store_upload_free(u);
				return DZ_ERR_NOMEM;
			}
			memcpy(p->content, dz_db_cell(&rows, i, DZ_C_IMPPART_CONTENT), p->size);
		}
		u->nparts++;
	}
	dz_db_rows_free(&rows);
	return DZ_OK;
}

void
dz_store_upload_free(struct dz_store_upload *u)
{
	size_t	i;

	for (i = 0; i < DZ_IMP__SHEETS; i++) {
		free(u->part[i].content);
		u->part[i].content = NULL;
	}
}

enum dz_err
dz_store_upload_put(struct dz_db *db, long long set, long long user, enum dz_imp_sheet k,
    unsigned int sheet_no, const char *filename, const void *data, size_t len)
{
	char		 sha[DZ_SHA256_HEXLEN + 1], name[DZ_STORE_UPLOAD_NAME_MAX + 1];
	long long	 id;
	size_t		 n;
	enum dz_err	 rc;

	if ((unsigned int)k >= DZ_IMP__SHEETS || len > DZ_SHEET_FILE_MAX)
		return DZ_ERR_INVAL;
	n = filename != NULL ? strlen(filename) : 0;
	if (n > 0 && !dz_utf8_valid(filename, n))
		n = 0;		/* a name in another encoding: none */
	n = n > 0 ? dz_utf8_fit(filename, n, sizeof(name) - 1) : 0;
	memcpy(name, filename != NULL ? filename : "", n);
	name[n] = '\0';
	dz_crypt_sha256_hex(data, len, sha);
	if ((rc = upload_id(db, set, user, 1, &id)) != DZ_OK)
		return rc;
	return dz_db_x(db, DZ_SQL_IMP_UPLOAD_PART_PUT, NULL, NULL, DZ_A_INT(id),
	    DZ_A_STR(part_names[k]), DZ_A_INT(sheet_no), DZ_A_STR(name),
	    DZ_A_INT((long long)len), DZ_A_STR(sha),
	    DZ_A_BLOB(data, len));
}

enum dz_err
dz_store_upload_drop(struct dz_db *db, long long set, long long user)
{
	return dz_db_x(db, DZ_SQL_IMP_UPLOAD_DROP, NULL, NULL, DZ_A_INT(set), DZ_A_INT(user));
}

void
dz_store_upload_sha(const struct dz_store_upload *u, char out[65])
{
	char	all[DZ_IMP__SHEETS * DZ_SHA256_HEXLEN + 1];
	size_t	i;

	all[0] = '\0';
	for (i = 0; i < DZ_IMP__SHEETS; i++)
		if (u->part[i].present)
			strcat(all, u->part[i].sha256);
	if (u->nparts == 1)
		memcpy(out, all, DZ_SHA256_HEXLEN + 1);
	else
		dz_crypt_sha256_hex(all, strlen(all), out);
}

enum dz_err
dz_store_upload_stored(struct dz_db *db, long long id, long long file_id)
{
	return dz_db_x(db, DZ_SQL_IMP_UPLOAD_STORED, NULL, NULL, DZ_A_INT(file_id),
	    DZ_A_INT(id));
}

enum dz_err
dz_store_import_files(struct dz_db *db, long long set, struct dz_store_import_file **out,
    size_t *n)
{
	struct dz_rows	 rows;
	size_t		 i;
	enum dz_err	 rc;

	*out = NULL;
	*n = 0;
	if ((rc = dz_db_q(db, DZ_SQL_IMP_FILES_LIST, &rows, DZ_A_INT(set))) != DZ_OK)
		return rc;
	if (rows.nrows > 0 && (*out = calloc(rows.nrows, sizeof(**out))) == NULL) {
		dz_db_rows_free(&rows);
		return DZ_ERR_NOMEM;
	}
	for (i = 0; i < rows.nrows; i++) {
		struct dz_store_import_file	*f = &(*out)[i];
		const char			*v;

		f->id = dz_db_cell_int(&rows, i, DZ_C_IMPFILE_ID);
#define TXT(fld, col) snprintf(f->fld, sizeof(f->fld), "%s", \
	(v = dz_db_cell(&rows, i, col)) != NULL ? v : "")
		TXT(name, DZ_C_IMPFILE_NAME);
		TXT(source, DZ_C_IMPFILE_SOURCE);
		TXT(username, DZ_C_IMPFILE_USER);
		TXT(at, DZ_C_IMPFILE_AT);
		TXT(sha256, DZ_C_IMPFILE_SHA);
#undef TXT
		f->customers = dz_db_cell_int(&rows, i, DZ_C_IMPFILE_CUSTOMERS);
		f->documents = dz_db_cell_int(&rows, i, DZ_C_IMPFILE_DOCUMENTS);
		f->lines = dz_db_cell_int(&rows, i, DZ_C_IMPFILE_LINES);
		f->added = dz_db_cell_int(&rows, i, DZ_C_IMPFILE_ADDED);
		f->changed = dz_db_cell_int(&rows, i, DZ_C_IMPFILE_CHANGED);
		f->unchanged = dz_db_cell_int(&rows, i, DZ_C_IMPFILE_UNCHANGED);
	}
	*n = rows.nrows;
	dz_db_rows_free(&rows);
	return DZ_OK;
}

/* ---------------------------------------------------------------------
 * The import API's keys.
 */

enum dz_err
dz_store_apikey_new(struct dz_db *db, long long set, const char *name,
    const struct dz_actor *who, char key[DZ_APIKEY_LEN + 1], long long *id)
{
	unsigned char		 hash[DZ_SHA256_LEN];
	char			 prefix[DZ_APIKEY_SHOWN + 1], obj[32], detail[128];
	unsigned long long	 nid = 0;
	enum dz_err		 rc;

	*id = 0;
	memcpy(key, DZ_APIKEY_PREFIX, 4);
	if (dz_crypt_token(key + 4) != DZ_OK) {
		key[0] = '\0';
		return DZ_ERR_CRYPT;
	}
	dz_crypt_sha256(key, strlen(key), hash);
	memcpy(prefix, key, DZ_APIKEY_SHOWN);
	prefix[DZ_APIKEY_SHOWN] = '\0';
	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	if ((rc = dz_db_x(db, DZ_SQL_APIKEY_INSERT, NULL, &nid, DZ_A_INT(set),
	    DZ_A_STR(name != NULL ? name : ""), DZ_A_STR(prefix), DZ_A_BLOB(hash, sizeof(hash)),
	    who != NULL && who->user_id > 0 ? DZ_A_INT(who->user_id) : DZ_A_NULL)) != DZ_OK)
		goto fail;
	snprintf(obj, sizeof(obj), "api_key:%llu", nid);
	snprintf(detail, sizeof(detail), "account_set=%lld prefix=%s", set, prefix);
	if ((rc = dz_audit(db, who != NULL ? who->user_id : 0, who != NULL ? who->username : NULL,
	    "api_key_create", obj, detail, who != NULL ? who->ip : NULL)) != DZ_OK ||
	    (rc = dz_db_commit(db)) != DZ_OK)
		goto fail;
	*id = (long long)nid;
	return DZ_OK;
fail:
	dz_db_rollback(db);
	dz_wipe(key, DZ_APIKEY_LEN + 1);
	return rc;
}

enum dz_err
dz_store_apikey_revoke(struct dz_db *db, long long set, long long id,
    const struct dz_actor *who)
{
	unsigned long long	 aff = 0;
	char			 obj[32];
	enum dz_err		 rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	if ((rc = dz_db_x(db, DZ_SQL_APIKEY_REVOKE, &aff, NULL, DZ_A_INT(id),
	    DZ_A_INT(set))) != DZ_OK)
		goto fail;
	if (aff != 1) {
		rc = DZ_ERR_NOTFOUND;
		goto fail;
	}
	snprintf(obj, sizeof(obj), "api_key:%lld", id);
	if ((rc = dz_audit(db, who != NULL ? who->user_id : 0, who != NULL ? who->username : NULL,
	    "api_key_revoke", obj, NULL, who != NULL ? who->ip : NULL)) != DZ_OK ||
	    (rc = dz_db_commit(db)) != DZ_OK)
		goto fail;
	return DZ_OK;
fail:
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_store_apikey_list(struct dz_db *db, long long set, struct dz_store_apikey **out, size_t *n)
{
	struct dz_rows	 rows;
	size_t		 i;
	enum dz_err	 rc;

	*out = NULL;
	*n = 0;
	if ((rc = dz_db_q(db, DZ_SQL_APIKEY_LIST, &rows, DZ_A_INT(set))) != DZ_OK)
		return rc;
	if (rows.nrows > 0 && (*out = calloc(rows.nrows, sizeof(**out))) == NULL) {
		dz_db_rows_free(&rows);
		return DZ_ERR_NOMEM;
	}
	for (i = 0; i < rows.nrows; i++) {
		struct dz_store_apikey	*k = &(*out)[i];
		const char		*v;

		k->id = dz_db_cell_int(&rows, i, DZ_C_APIKEY_ID);
#define TXT(fld, col) snprintf(k->fld, sizeof(k->fld), "%s", \
	(v = dz_db_cell(&rows, i, col)) != NULL ? v : "")
		TXT(name, DZ_C_APIKEY_NAME);
		TXT(prefix, DZ_C_APIKEY_PREFIX);
		TXT(by, DZ_C_APIKEY_BY);
		TXT(at, DZ_C_APIKEY_AT);
		TXT(revoked, DZ_C_APIKEY_REVOKED);
		TXT(used, DZ_C_APIKEY_USED);
#undef TXT
		k->calls = dz_db_cell_int(&rows, i, DZ_C_APIKEY_CALLS);
	}
	*n = rows.nrows;
	dz_db_rows_free(&rows);
	return DZ_OK;
}

enum dz_err
dz_store_apikey_check(struct dz_db *db, const char *key, long long *set, long long *id,
    char prefix[DZ_APIKEY_SHOWN + 1])
{
	struct dz_rows	 rows;
	unsigned char	 hash[DZ_SHA256_LEN];
	const char	*v;
	size_t		 n;
	enum dz_err	 rc;

	*set = 0;
	*id = 0;
	prefix[0] = '\0';
	n = key != NULL ? strlen(key) : 0;
	if (n != DZ_APIKEY_LEN || strncmp(key, DZ_APIKEY_PREFIX, 4) != 0 ||
	    !dz_crypt_token_valid(key + 4))
		return DZ_ERR_AUTH;
	dz_crypt_sha256(key, n, hash);
	if ((rc = dz_db_q(db, DZ_SQL_APIKEY_FIND, &rows, DZ_A_BLOB(hash, sizeof(hash)))) != DZ_OK)
		return rc;
	if (rows.nrows != 1) {
		dz_db_rows_free(&rows);
		return DZ_ERR_AUTH;
	}
	*id = dz_db_cell_int(&rows, 0, DZ_C_APIFIND_ID);
	snprintf(prefix, DZ_APIKEY_SHOWN + 1, "%s",
	    (v = dz_db_cell(&rows, 0, DZ_C_APIFIND_PREFIX)) != NULL ? v : "");
	rc = dz_db_cell_int(&rows, 0, DZ_C_APIFIND_LIVE) == 1 &&
	    dz_db_cell_int(&rows, 0, DZ_C_APIFIND_IMPORTED) == 1 ? DZ_OK : DZ_ERR_AUTH;
	if (rc == DZ_OK)
		*set = dz_db_cell_int(&rows, 0, DZ_C_APIFIND_SET);
	dz_db_rows_free(&rows);
	if (rc == DZ_OK)
		(void)dz_db_x(db, DZ_SQL_APIKEY_USED, NULL, NULL, DZ_A_INT(*id));
	return rc;
}
