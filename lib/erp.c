/*
 * erp.c: the typed queries of the ERP gateway (erp.h) and its hooks into a
 * screen program's loop. Each query fills the contract's parameters of its
 * logical query (erp_profile.h), runs it through erp_tds and reads the
 * contract's columns into a struct. Signs of amounts are not decided here
 * but in lib/stmt (dz_stmt_doc_sign), for every ERP version alike.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "app.h"
#include "conf.h"
#include "erp.h"
#include "erp_tds.h"
#include "form.h"
#include "lang.h"
#include "log.h"
#include "money.h"
#include "stmt.h"
#include "clock.h"

/* A growing array of fixed-size elements. */
struct arr {
	struct erp_sink	 s;
	void		*v;
	size_t		 size;
	size_t		 cap;
};

static void *
arr_next(struct arr *a)
{
	void	*p;
	size_t	 cap;

	if (a->s.n == a->cap) {
		cap = a->cap == 0 ? 64 : a->cap * 2;
		if ((p = realloc(a->v, cap * a->size)) == NULL)
			return NULL;
		a->v = p;
		a->cap = cap;
	}
	p = (char *)a->v + a->s.n * a->size;
	memset(p, 0, a->size);
	return p;
}

static int
date_ok(const char *s)
{
	int	y, m, d;

	return s != NULL && dz_date_parse(s, &y, &m, &d) == 0;
}

/*
 * What a customer owes: the receivable side less the payable side (Grasp
 * nets them, as its ModifyDbf does). DZ_ERR_INVAL beyond DZ_MONEY_MAX.
 */
static enum dz_err
net(int64_t ar, int64_t ap, int64_t *out)
{
	int64_t	v = ar - ap;	/* both within +-DZ_MONEY_MAX: no overflow */

	if (v > DZ_MONEY_MAX || v < -DZ_MONEY_MAX)
		return DZ_ERR_INVAL;
	*out = v;
	return DZ_OK;
}

/* ---- Customers ------------------------------------------------------------ */

/* The six columns customers_search and customers_get share. */
static enum dz_err
cust_fill(const struct erp_row *r, struct dz_erp_customer *c)
{
	int64_t		 ar, ap;
	enum dz_err	 rc;

	erp_col_text(r, DZ_ERP_C_CUST_ID, c->id, sizeof(c->id));
	erp_col_text(r, DZ_ERP_C_CUST_CODE, c->code, sizeof(c->code));
	erp_col_text(r, DZ_ERP_C_CUST_NAME, c->name, sizeof(c->name));
	erp_col_text(r, DZ_ERP_C_CUST_SHORT, c->short_name, sizeof(c->short_name));
	if ((rc = erp_col_fixed(r, DZ_ERP_C_CUST_AR, 2, &ar)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_CUST_AP, 2, &ap)) != DZ_OK)
		return rc;
	return net(ar, ap, &c->receivable);
}

static enum dz_err
cust_row(struct erp_sink *s, const struct erp_row *r)
{
	struct arr		*a = (struct arr *)s;
	struct dz_erp_customer	*c;
	enum dz_err		 rc;

	if ((c = arr_next(a)) == NULL)
		return DZ_ERR_NOMEM;
	if ((rc = cust_fill(r, c)) != DZ_OK)
		return rc;
	if (c->id[0] == '\0')
		return DZ_ERR_INVAL;
	return DZ_OK;
}

/* "%q%" for LIKE ... ESCAPE '\', with the wildcards of q escaped. */
static enum dz_err
like_pattern(const char *q, char *buf, size_t bufsz)
{
	size_t	k = 0;

	buf[k++] = '%';
	for (; q != NULL && *q != '\0'; q++) {
		if (k + 3 >= bufsz)
			return DZ_ERR_TOOBIG;
		if (*q == '%' || *q == '_' || *q == '[' || *q == '\\')
			buf[k++] = '\\';
		buf[k++] = *q;
	}
	buf[k++] = '%';
	buf[k] = '\0';
	return DZ_OK;
}

enum dz_err
dz_erp_customers_at(struct dz_erp *e, const struct dz_erp_target *t, const char *q,
    long skip, int take, struct dz_erp_customer **out, size_t *n)
{
	struct arr	 a = { { cust_row, 0, 0 }, NULL, sizeof(struct dz_erp_customer), 0 };
	struct erp_arg	 args[3];
	char		 pat[512];
	enum dz_err	 rc;

	*out = NULL;
	*n = 0;
	if (skip < 0 || take < 1 || take > 1000 || skip > 100000000L)
		return DZ_ERR_INVAL;
	if ((rc = like_pattern(q, pat, sizeof(pat))) != DZ_OK)
		return rc;
	args[DZ_ERP_P_SEARCH_PATTERN] = (struct erp_arg){ pat, 0 };
	args[DZ_ERP_P_SEARCH_SKIP] = (struct erp_arg){ NULL, skip };
	args[DZ_ERP_P_SEARCH_TAKE] = (struct erp_arg){ NULL, take };
	rc = erp_run(e, t, DZ_ERP_Q_CUSTOMERS_SEARCH, args, &a.s, 0);
	if (rc != DZ_OK) {
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.s.n;
	return DZ_OK;
}

struct one_cust {
	struct erp_sink		 s;
	struct dz_erp_customer	*c;
	int			 usable;
};

static enum dz_err
one_cust_row(struct erp_sink *s, const struct erp_row *r)
{
	struct one_cust	*o = (struct one_cust *)s;
	int64_t		 sonnum = 0, deleted = 0;
	enum dz_err	 rc;

	if (s->n > 0)
		return DZ_OK;
	if ((rc = cust_fill(r, o->c)) != DZ_OK)
		return rc;
	if (!erp_col_null(r, DZ_ERP_C_CUST_SONNUM) &&
	    (rc = erp_col_int(r, DZ_ERP_C_CUST_SONNUM, &sonnum)) != DZ_OK)
		return rc;
	if (!erp_col_null(r, DZ_ERP_C_CUST_DELETED) &&
	    (rc = erp_col_int(r, DZ_ERP_C_CUST_DELETED, &deleted)) != DZ_OK)
		return rc;
	o->usable = sonnum == 0 && deleted == 0;
	return DZ_OK;
}

enum dz_err
dz_erp_customer(struct dz_erp *e, const struct dz_erp_target *t, const char *id,
    struct dz_erp_customer *out)
{
	struct one_cust	 o = { { one_cust_row, 0, 0 }, out, 0 };
	struct erp_arg	 args[1];
	enum dz_err	 rc;

	memset(out, 0, sizeof(*out));
	if (id == NULL || *id == '\0' || strlen(id) >= sizeof(out->id))
		return DZ_ERR_NOTFOUND;
	args[DZ_ERP_P_GET_CUSTOMER] = (struct erp_arg){ id, 0 };
	if ((rc = erp_run(e, t, DZ_ERP_Q_CUSTOMERS_GET, args, &o.s, 0)) != DZ_OK)
		return rc;
	if (o.s.n == 0 || !o.usable || strcmp(out->id, id) != 0) {
		memset(out, 0, sizeof(*out));
		erp_why(e, LANG_erp_no_customer);
		return DZ_ERR_NOTFOUND;
	}
	return DZ_OK;
}

/* ---- Documents, lines, opening balance ------------------------------------ */

/* The flag parameter of documents_list that asks for each type. */
static const int type_param[DZ_DOC__MAX] = {
	[DZ_DOC_SALE] = DZ_ERP_P_DOCS_SALE,
	[DZ_DOC_RETURN] = DZ_ERP_P_DOCS_RETURN,
	[DZ_DOC_RECEIPT] = DZ_ERP_P_DOCS_RECEIPT,
	[DZ_DOC_AR_INC] = DZ_ERP_P_DOCS_AR_INC,
	[DZ_DOC_AR_DEC] = DZ_ERP_P_DOCS_AR_DEC,
};

static enum dz_err
doc_row(struct erp_sink *s, const struct erp_row *r)
{
	struct arr		*a = (struct arr *)s;
	struct dz_erp_doc	*d;
	int64_t			 v;
	enum dz_doc_type	 t;
	enum dz_err		 rc;

	if ((d = arr_next(a)) == NULL)
		return DZ_ERR_NOMEM;
	if ((rc = erp_col_int(r, DZ_ERP_C_DOC_VCHCODE, &d->vchcode)) != DZ_OK ||
	    (rc = erp_col_int(r, DZ_ERP_C_DOC_VCHTYPE, &v)) != DZ_OK ||
	    (rc = erp_col_date(r, DZ_ERP_C_DOC_DATE, d->date)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_DOC_TOTAL, 2, &d->total)) != DZ_OK)
		return rc;
	if (v < 0 || v > 1000000 || dz_stmt_doc_from_vchtype((int)v, &t) != DZ_OK)
		return DZ_ERR_INVAL;
	d->vchtype = (int)v;
	erp_col_text(r, DZ_ERP_C_DOC_NUMBER, d->number, sizeof(d->number));
	erp_col_text(r, DZ_ERP_C_DOC_SUMMARY, d->summary, sizeof(d->summary));
	return DZ_OK;
}

enum dz_err
dz_erp_documents(struct dz_erp *e, const struct dz_erp_target *tg,
    const char *customer_id, const char *from, const char *to, unsigned int types,
    struct dz_erp_doc **out, size_t *n)
{
	struct arr	 a = { { doc_row, 0, 0 }, NULL, sizeof(struct dz_erp_doc), 0 };
	struct erp_arg	 args[8];
	enum dz_err	 rc;
	int		 t;

	*out = NULL;
	*n = 0;
	if (customer_id == NULL || *customer_id == '\0' || !date_ok(from) ||
	    !date_ok(to) || types == 0 || (types >> DZ_DOC__MAX) != 0)
		return DZ_ERR_INVAL;
	args[DZ_ERP_P_DOCS_CUSTOMER] = (struct erp_arg){ customer_id, 0 };
	args[DZ_ERP_P_DOCS_FROM] = (struct erp_arg){ from, 0 };
	args[DZ_ERP_P_DOCS_TO] = (struct erp_arg){ to, 0 };
	for (t = 0; t < DZ_DOC__MAX; t++)
		args[type_param[t]] = (struct erp_arg){ NULL, (types >> t) & 1u };
	rc = erp_run(e, tg, DZ_ERP_Q_DOCUMENTS_LIST, args, &a.s, 0);
	if (rc != DZ_OK) {
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.s.n;
	return DZ_OK;
}

static enum dz_err
line_row(struct erp_sink *s, const struct erp_row *r)
{
	struct arr		*a = (struct arr *)s;
	struct dz_erp_line	*l;
	int64_t			 seq;
	enum dz_err		 rc;

	if ((l = arr_next(a)) == NULL)
		return DZ_ERR_NOMEM;
	if ((rc = erp_col_int(r, DZ_ERP_C_LINE_VCHCODE, &l->vchcode)) != DZ_OK ||
	    (rc = erp_col_int(r, DZ_ERP_C_LINE_SEQ, &seq)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_LINE_QTY, 4, &l->qty)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_LINE_PRICE, 4, &l->price)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_LINE_AMOUNT, 2, &l->amount)) != DZ_OK)
		return rc;
	if (seq < 0 || seq > UINT32_MAX)
		return DZ_ERR_INVAL;
	l->seq = (uint32_t)seq;
	erp_col_text(r, DZ_ERP_C_LINE_CODE, l->product_code, sizeof(l->product_code));
	erp_col_text(r, DZ_ERP_C_LINE_NAME, l->product_name, sizeof(l->product_name));
	erp_col_text(r, DZ_ERP_C_LINE_UNIT, l->unit, sizeof(l->unit));
	return DZ_OK;
}

enum dz_err
dz_erp_lines(struct dz_erp *e, const struct dz_erp_target *t, const char *customer_id,
    const char *from, const char *to, struct dz_erp_line **out, size_t *n)
{
	struct arr	 a = { { line_row, 0, 0 }, NULL, sizeof(struct dz_erp_line), 0 };
	struct erp_arg	 args[5];
	enum dz_err	 rc;

	*out = NULL;
	*n = 0;
	if (customer_id == NULL || *customer_id == '\0' || !date_ok(from) || !date_ok(to))
		return DZ_ERR_INVAL;
	args[DZ_ERP_P_RANGE_CUSTOMER] = (struct erp_arg){ customer_id, 0 };
	args[DZ_ERP_P_RANGE_FROM] = (struct erp_arg){ from, 0 };
	args[DZ_ERP_P_RANGE_TO] = (struct erp_arg){ to, 0 };
	args[DZ_ERP_P_RANGE_SALE] = (struct erp_arg){ NULL, 1 };
	args[DZ_ERP_P_RANGE_RETURN] = (struct erp_arg){ NULL, 1 };
	rc = erp_run(e, t, DZ_ERP_Q_DOCUMENTS_LINES_RANGE, args, &a.s, 0);
	if (rc != DZ_OK) {
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.s.n;
	return DZ_OK;
}

/* ---- Drift: documents in every state --------------------------------------- */

static enum dz_err
dstate_fill(const struct erp_row *r, struct dz_erp_doc_state *d)
{
	int64_t			 v, draft;
	char			 red[8];
	enum dz_doc_type	 t;
	enum dz_err		 rc;

	if ((rc = erp_col_int(r, DZ_ERP_C_DST_VCHCODE, &d->d.vchcode)) != DZ_OK ||
	    (rc = erp_col_int(r, DZ_ERP_C_DST_VCHTYPE, &v)) != DZ_OK ||
	    (rc = erp_col_date(r, DZ_ERP_C_DST_DATE, d->d.date)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_DST_TOTAL, 2, &d->d.total)) != DZ_OK ||
	    (rc = erp_col_int(r, DZ_ERP_C_DST_DRAFT, &draft)) != DZ_OK)
		return rc;
	if (v < 0 || v > 1000000 || dz_stmt_doc_from_vchtype((int)v, &t) != DZ_OK)
		return DZ_ERR_INVAL;
	d->d.vchtype = (int)v;
	d->posted = draft == 2;
	erp_col_text(r, DZ_ERP_C_DST_REDOLD, red, sizeof(red));
	d->voided = red[0] == 'T' || red[0] == 't';
	erp_col_text(r, DZ_ERP_C_DST_NUMBER, d->d.number, sizeof(d->d.number));
	erp_col_text(r, DZ_ERP_C_DST_SUMMARY, d->d.summary, sizeof(d->d.summary));
	return DZ_OK;
}

static enum dz_err
dstate_row(struct erp_sink *s, const struct erp_row *r)
{
	struct arr		*a = (struct arr *)s;
	struct dz_erp_doc_state	*d;

	if ((d = arr_next(a)) == NULL)
		return DZ_ERR_NOMEM;
	return dstate_fill(r, d);
}

enum dz_err
dz_erp_documents_state(struct dz_erp *e, const struct dz_erp_target *tg,
    const char *customer_id, const char *from, const char *to,
    struct dz_erp_doc_state **out, size_t *n)
{
	struct arr	 a = { { dstate_row, 0, 0 }, NULL, sizeof(struct dz_erp_doc_state), 0 };
	struct erp_arg	 args[3];
	enum dz_err	 rc;

	*out = NULL;
	*n = 0;
	if (customer_id == NULL || *customer_id == '\0' || !date_ok(from) || !date_ok(to))
		return DZ_ERR_INVAL;
	args[DZ_ERP_P_STATE_CUSTOMER] = (struct erp_arg){ customer_id, 0 };
	args[DZ_ERP_P_STATE_FROM] = (struct erp_arg){ from, 0 };
	args[DZ_ERP_P_STATE_TO] = (struct erp_arg){ to, 0 };
	if ((rc = erp_run(e, tg, DZ_ERP_Q_DOCUMENTS_STATE, args, &a.s, 0)) != DZ_OK) {
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.s.n;
	return DZ_OK;
}

struct dget {
	struct erp_sink		 s;
	struct dz_erp_doc_state	*d;
};

static enum dz_err
dget_row(struct erp_sink *s, const struct erp_row *r)
{
	struct dget	*g = (struct dget *)s;

	if (s->n > 0)
		return DZ_OK;		/* Vchcode is the key: one row */
	return dstate_fill(r, g->d);
}

enum dz_err
dz_erp_document_get(struct dz_erp *e, const struct dz_erp_target *tg,
    const char *customer_id, int64_t vchcode, struct dz_erp_doc_state *out)
{
	struct dget	 g = { { dget_row, 0, 0 }, out };
	struct erp_arg	 args[2];
	enum dz_err	 rc;

	memset(out, 0, sizeof(*out));
	if (customer_id == NULL || *customer_id == '\0' || vchcode <= 0)
		return DZ_ERR_INVAL;
	args[DZ_ERP_P_DGET_CUSTOMER] = (struct erp_arg){ customer_id, 0 };
	args[DZ_ERP_P_DGET_VCHCODE] = (struct erp_arg){ NULL, vchcode };
	if ((rc = erp_run(e, tg, DZ_ERP_Q_DOCUMENTS_GET, args, &g.s, 0)) != DZ_OK)
		return rc;
	return g.s.n == 0 ? DZ_ERR_NOTFOUND : DZ_OK;
}

/*
 * balance_opening's rows: the booked sides (the same on every row, read
 * from the first) and the stored totals by document type, signed here by
 * the one rule of lib/stmt. Types a statement does not count (purchases,
 * transfers ...) do not move the receivable.
 */
struct opening {
	struct erp_sink	 s;
	int64_t		 booked;	/* receivable - payable */
	int64_t		 moved;		/* sum of signed totals */
};

static enum dz_err
opening_row(struct erp_sink *s, const struct erp_row *r)
{
	struct opening		*o = (struct opening *)s;
	int64_t			 ar, ap, vchtype, total, sum;
	enum dz_doc_type	 t;
	enum dz_err		 rc;

	if (s->n == 0 &&
	    ((rc = erp_col_fixed(r, DZ_ERP_C_OPENING_AR, 2, &ar)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_OPENING_AP, 2, &ap)) != DZ_OK ||
	    (rc = net(ar, ap, &o->booked)) != DZ_OK))
		return rc;
	if (erp_col_null(r, DZ_ERP_C_OPENING_VCHTYPE))
		return DZ_OK;
	if ((rc = erp_col_int(r, DZ_ERP_C_OPENING_VCHTYPE, &vchtype)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_OPENING_TOTAL, 2, &total)) != DZ_OK)
		return rc;
	if (vchtype < 0 || vchtype > 1000000 ||
	    dz_stmt_doc_from_vchtype((int)vchtype, &t) != DZ_OK)
		return DZ_OK;
	if ((rc = dz_stmt_doc_signed(t, total, &total)) != DZ_OK)
		return DZ_ERR_INVAL;
	sum = o->moved + total;		/* each within +-DZ_MONEY_MAX */
	if (sum > DZ_MONEY_MAX || sum < -DZ_MONEY_MAX)
		return DZ_ERR_INVAL;
	o->moved = sum;
	return DZ_OK;
}

enum dz_err
dz_erp_opening(struct dz_erp *e, const struct dz_erp_target *t, const char *customer_id,
    const char *date, int64_t *fen)
{
	struct opening	 o = { { opening_row, 0, 0 }, 0, 0 };
	struct erp_arg	 args[2];
	enum dz_err	 rc;

	*fen = 0;
	if (customer_id == NULL || *customer_id == '\0' || !date_ok(date))
		return DZ_ERR_INVAL;
	args[DZ_ERP_P_OPENING_CUSTOMER] = (struct erp_arg){ customer_id, 0 };
	args[DZ_ERP_P_OPENING_DATE] = (struct erp_arg){ date, 0 };
	if ((rc = erp_run(e, t, DZ_ERP_Q_BALANCE_OPENING, args, &o.s, 0)) != DZ_OK)
		return rc;
	if (o.s.n == 0) {
		erp_why(e, LANG_erp_no_customer);
		return DZ_ERR_NOTFOUND;
	}
	*fen = o.booked + o.moved;	/* each within +-DZ_MONEY_MAX */
	if (*fen > DZ_MONEY_MAX || *fen < -DZ_MONEY_MAX) {
		*fen = 0;
		erp_why(e, LANG_erp_bad_data);
		return DZ_ERR_ERP;
	}
	return DZ_OK;
}

/* ---- 账龄 ------------------------------------------------------------------- */

/*
 * balances_all's rows, one customer's together: each customer's booked
 * sides netted once, its signed totals added (as opening_row does for one).
 */
struct balances {
	struct erp_sink		 s;
	struct dz_erp_aged	*v;
	size_t			 n, cap;	/* customers */
	int64_t			 moved;		/* the current customer's signed totals */
	int64_t			 booked;
};

/* The current customer's balance is whole: start its aging. */
static enum dz_err
balances_close(struct balances *b)
{
	int64_t	v;

	if (b->n == 0)
		return DZ_OK;
	v = b->booked + b->moved;
	if (v > DZ_MONEY_MAX || v < -DZ_MONEY_MAX)
		return DZ_ERR_INVAL;
	dz_aging_start(&b->v[b->n - 1].aging, v);
	return DZ_OK;
}

static enum dz_err
balances_row(struct erp_sink *s, const struct erp_row *r)
{
	struct balances		*b = (struct balances *)s;
	struct dz_erp_aged	*c = b->n > 0 ? &b->v[b->n - 1] : NULL, *p;
	char			 id[64];
	int64_t			 ar, ap, vchtype, total, sum;
	enum dz_doc_type	 t;
	enum dz_err		 rc;

	erp_col_text(r, DZ_ERP_C_BAL_ID, id, sizeof(id));
	if (id[0] == '\0')
		return DZ_ERR_INVAL;
	if (c == NULL || strcmp(c->id, id) != 0) {
		if ((rc = balances_close(b)) != DZ_OK)
			return rc;
		if (b->n == b->cap) {
			size_t cap = b->cap == 0 ? 256 : b->cap * 2;

			if ((p = realloc(b->v, cap * sizeof(*p))) == NULL)
				return DZ_ERR_NOMEM;
			b->v = p;
			b->cap = cap;
		}
		c = &b->v[b->n++];
		memset(c, 0, sizeof(*c));
		dz_copy(c->id, sizeof(c->id), id);
		erp_col_text(r, DZ_ERP_C_BAL_CODE, c->code, sizeof(c->code));
		erp_col_text(r, DZ_ERP_C_BAL_NAME, c->name, sizeof(c->name));
		if ((rc = erp_col_fixed(r, DZ_ERP_C_BAL_AR, 2, &ar)) != DZ_OK ||
		    (rc = erp_col_fixed(r, DZ_ERP_C_BAL_AP, 2, &ap)) != DZ_OK ||
		    (rc = net(ar, ap, &b->booked)) != DZ_OK)
			return rc;
		b->moved = 0;
	}
	if (erp_col_null(r, DZ_ERP_C_BAL_VCHTYPE))
		return DZ_OK;
	if ((rc = erp_col_int(r, DZ_ERP_C_BAL_VCHTYPE, &vchtype)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_BAL_TOTAL, 2, &total)) != DZ_OK)
		return rc;
	if (vchtype < 0 || vchtype > 1000000 ||
	    dz_stmt_doc_from_vchtype((int)vchtype, &t) != DZ_OK)
		return DZ_OK;
	if ((rc = dz_stmt_doc_signed(t, total, &total)) != DZ_OK)
		return DZ_ERR_INVAL;
	sum = b->moved + total;
	if (sum > DZ_MONEY_MAX || sum < -DZ_MONEY_MAX)
		return DZ_ERR_INVAL;
	b->moved = sum;
	return DZ_OK;
}

/*
 * The per-customer rows (dz_erp_aged, dz_erp_period, dz_erp_habit) all
 * begin with id[64] then code[64]: one pair of orders serves them all.
 */
struct cust_head {
	char	 id[64];
	char	 code[64];
};
#define HEAD_OF(t) _Static_assert(offsetof(t, id) == offsetof(struct cust_head, id) && \
	offsetof(t, code) == offsetof(struct cust_head, code) && \
	sizeof(((t *)0)->code) == sizeof(((struct cust_head *)0)->code), #t " leads with id, code")
HEAD_OF(struct dz_erp_aged);
HEAD_OF(struct dz_erp_period);
HEAD_OF(struct dz_erp_habit);

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct cust_head *)a)->id, ((const struct cust_head *)b)->id);
}

static int
by_code(const void *a, const void *b)
{
	const struct cust_head	*x = a, *y = b;
	int			 c = strcmp(x->code, y->code);

	return c != 0 ? c : strcmp(x->id, y->id);
}

/* aging_debits' rows, streamed: each laid over its customer's balance. */
struct debits {
	struct erp_sink			 s;
	struct dz_erp_aged		*v;
	size_t				 n;
	struct dz_erp_aged		*cur;	/* the customer of the last row */
	const struct dz_aging_buckets	*b;
	long				 asof;
};

static enum dz_err
debits_row(struct erp_sink *s, const struct erp_row *r)
{
	struct debits		*d = (struct debits *)s;
	struct dz_erp_aged	 key;
	struct dz_aging_debit	 deb;
	char			 date[11];
	int64_t			 vchtype, total;
	enum dz_doc_type	 t;
	enum dz_err		 rc;

	erp_col_text(r, DZ_ERP_C_DEBIT_CUSTOMER, key.id, sizeof(key.id));
	if (d->cur == NULL || strcmp(d->cur->id, key.id) != 0)
		d->cur = bsearch(&key, d->v, d->n, sizeof(*d->v), by_id);
	if (d->cur == NULL)
		return DZ_OK;		/* a category's or deleted customer's */
	if ((rc = erp_col_date(r, DZ_ERP_C_DEBIT_DATE, date)) != DZ_OK ||
	    (rc = erp_col_int(r, DZ_ERP_C_DEBIT_VCHTYPE, &vchtype)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_DEBIT_TOTAL, 2, &total)) != DZ_OK)
		return rc;
	if (vchtype < 0 || vchtype > 1000000 ||
	    dz_stmt_doc_from_vchtype((int)vchtype, &t) != DZ_OK || dz_stmt_doc_sign(t) <= 0)
		return DZ_OK;
	deb.day = dz_date_day(date);
	deb.amount = total;
	(void)dz_aging_debit(&d->cur->aging, d->b, d->asof, &deb);
	return DZ_OK;
}

/*
 * balances_all at the start of date: every customer with its balance in
 * aging.balance (dz_aging_start), sorted by id. *v malloc'd.
 */
static enum dz_err
balances_at(struct dz_erp *e, const struct dz_erp_target *t, const char *date,
    struct dz_erp_aged **v, size_t *n)
{
	struct balances	 bal = { { balances_row, 0, 1 }, NULL, 0, 0, 0, 0 };
	struct erp_arg	 args[1];
	enum dz_err	 rc;

	*v = NULL;
	*n = 0;
	args[DZ_ERP_P_BALANCES_DATE] = (struct erp_arg){ date, 0 };
	rc = erp_run(e, t, DZ_ERP_Q_BALANCES_ALL, args, &bal.s, 0);
	if (rc == DZ_OK && balances_close(&bal) != DZ_OK) {
		erp_why(e, LANG_erp_bad_data);
		rc = DZ_ERR_ERP;
	}
	if (rc != DZ_OK) {
		free(bal.v);
		return rc;
	}
	qsort(bal.v, bal.n, sizeof(*bal.v), by_id);
	*v = bal.v;
	*n = bal.n;
	return DZ_OK;
}

enum dz_err
dz_erp_aging(struct dz_erp *e, const struct dz_erp_target *t, const char *asof,
    const struct dz_aging_buckets *b, struct dz_erp_aged **out, size_t *n)
{
	struct debits	 deb = { { debits_row, 0, 1 }, NULL, 0, NULL, b, 0 };
	struct erp_arg	 args[2];
	char		 next[11], horizon[11];
	enum dz_err	 rc;
	size_t		 i;

	*out = NULL;
	*n = 0;
	if (!date_ok(asof) || dz_date_add_days(asof, 1, next) != 0 || b->n == 0)
		return DZ_ERR_INVAL;
	/* debits older than the last limit all land in the oldest bucket:
	 * only the ones after it are read (before 1900: from the start) */
	if (dz_date_add_days(asof, -b->limit[b->n - 1], horizon) != 0)
		dz_copy(horizon, sizeof(horizon), "1900-01-01");
	if ((rc = balances_at(e, t, next, &deb.v, &deb.n)) != DZ_OK)
		return rc;
	deb.asof = dz_date_day(asof);
	args[DZ_ERP_P_DEBITS_FROM] = (struct erp_arg){ horizon, 0 };
	args[DZ_ERP_P_DEBITS_DATE] = (struct erp_arg){ next, 0 };
	if ((rc = erp_run(e, t, DZ_ERP_Q_AGING_DEBITS, args, &deb.s, 0)) != DZ_OK) {
		free(deb.v);
		return rc;
	}
	for (i = 0; i < deb.n; i++)
		dz_aging_finish(&deb.v[i].aging, b);
	qsort(deb.v, deb.n, sizeof(*deb.v), by_code);
	*out = deb.v;
	*n = deb.n;
	return DZ_OK;
}

/* ---- 对账报表 of every customer ---------------------------------------------- */

struct moves {
	struct erp_sink		 s;
	struct dz_erp_period	*v;
	size_t			 n;
	struct dz_erp_period	*cur;
};

static enum dz_err
moves_row(struct erp_sink *s, const struct erp_row *r)
{
	struct moves		*m = (struct moves *)s;
	struct dz_erp_period	 key;
	int64_t			 vchtype, total;
	enum dz_doc_type	 t;
	enum dz_err		 rc;

	erp_col_text(r, DZ_ERP_C_MOVE_CUSTOMER, key.id, sizeof(key.id));
	if (m->cur == NULL || strcmp(m->cur->id, key.id) != 0)
		m->cur = bsearch(&key, m->v, m->n, sizeof(*m->v), by_id);
	if (m->cur == NULL)
		return DZ_OK;
	if ((rc = erp_col_int(r, DZ_ERP_C_MOVE_VCHTYPE, &vchtype)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_MOVE_TOTAL, 2, &total)) != DZ_OK)
		return rc;
	if (vchtype < 0 || vchtype > 1000000 ||
	    dz_stmt_doc_from_vchtype((int)vchtype, &t) != DZ_OK)
		return DZ_OK;
	if ((rc = dz_stmt_doc_signed(t, total, &total)) != DZ_OK)
		return DZ_ERR_INVAL;
	return dz_stmt_totals_add(&m->cur->t, t, total) == DZ_OK ? DZ_OK : DZ_ERR_INVAL;
}

enum dz_err
dz_erp_period_all(struct dz_erp *e, const struct dz_erp_target *t, const char *from,
    const char *to, struct dz_erp_period **out, size_t *n)
{
	struct dz_erp_aged	*open = NULL, *close = NULL, key, *c;
	struct moves		 m = { { moves_row, 0, 1 }, NULL, 0, NULL };
	struct erp_arg		 args[2];
	char			 next[11];
	int64_t			 rest;
	enum dz_err		 rc;
	size_t			 nopen, nclose, i;

	*out = NULL;
	*n = 0;
	if (!date_ok(from) || !date_ok(to) || strcmp(from, to) > 0 ||
	    dz_date_add_days(to, 1, next) != 0)
		return DZ_ERR_INVAL;
	if ((rc = balances_at(e, t, from, &open, &nopen)) != DZ_OK)
		return rc;
	if ((rc = balances_at(e, t, next, &close, &nclose)) != DZ_OK)
		goto out;
	rc = DZ_ERR_NOMEM;
	if ((m.v = calloc(nopen + 1, sizeof(*m.v))) == NULL)
		goto out;
	for (i = 0; i < nopen; i++) {
		dz_copy(m.v[i].id, sizeof(m.v[i].id), open[i].id);
		dz_copy(m.v[i].code, sizeof(m.v[i].code), open[i].code);
		dz_copy(m.v[i].name, sizeof(m.v[i].name), open[i].name);
		(void)dz_stmt_totals_init(&m.v[i].t, open[i].aging.balance);
	}
	m.n = nopen;
	args[DZ_ERP_P_MOVES_FROM] = (struct erp_arg){ from, 0 };
	args[DZ_ERP_P_MOVES_TO] = (struct erp_arg){ to, 0 };
	if ((rc = erp_run(e, t, DZ_ERP_Q_MOVEMENTS_ALL, args, &m.s, 0)) != DZ_OK)
		goto out;
	/* the closing balance is the ledger's; what the document types do
	 * not explain (a profile's ledger entries of other kinds) is other */
	for (i = 0; i < m.n; i++) {
		dz_copy(key.id, sizeof(key.id), m.v[i].id);
		c = bsearch(&key, close, nclose, sizeof(*close), by_id);
		if (c == NULL)
			continue;
		rest = c->aging.balance - m.v[i].t.closing;
		m.v[i].t.other += rest;
		m.v[i].t.closing = c->aging.balance;
	}
	qsort(m.v, m.n, sizeof(*m.v), by_code);
	*out = m.v;
	*n = m.n;
	m.v = NULL;
	rc = DZ_OK;
out:
	free(m.v);
	free(close);
	free(open);
	return rc;
}

/* ---- Payment habits -------------------------------------------------------- */

/* One customer's moves at a time (documents_all comes by customer). */
struct habits {
	struct erp_sink		 s;
	struct dz_erp_habit	*v;
	size_t			 n;
	struct dz_erp_habit	*cur;
	struct dz_aging_move	*deb, *cred;
	size_t			 nd, nc, capd, capc;
	long			 from;		/* day number of from */
	enum dz_err		 err;
};

static int
move_push(struct dz_aging_move **v, size_t *n, size_t *cap, long day, int64_t amount,
    int counts)
{
	struct dz_aging_move	*p;
	size_t			 c;

	if (*n == *cap) {
		c = *cap == 0 ? 256 : *cap * 2;
		if ((p = realloc(*v, c * sizeof(*p))) == NULL)
			return -1;
		*v = p;
		*cap = c;
	}
	(*v)[(*n)++] = (struct dz_aging_move){ day, amount, counts };
	return 0;
}

/* The current customer's moves are all in: allocate them. */
static enum dz_err
habits_close(struct habits *h)
{
	enum dz_err	rc = DZ_OK;

	if (h->cur != NULL)
		rc = dz_aging_days_to_pay(h->deb, h->nd, h->cred, h->nc, &h->cur->paid,
		    &h->cur->days);
	h->nd = h->nc = 0;
	h->cur = NULL;
	return rc;
}

/* A customer's first move: its opening balance, owed as of from. */
static enum dz_err
habits_open(struct habits *h, struct dz_erp_habit *c)
{
	h->cur = c;
	if (c->opening > 0 &&
	    move_push(&h->deb, &h->nd, &h->capd, h->from, c->opening, 0) != 0)
		return DZ_ERR_NOMEM;
	if (c->opening < 0 &&
	    move_push(&h->cred, &h->nc, &h->capc, h->from, -c->opening, 0) != 0)
		return DZ_ERR_NOMEM;
	return DZ_OK;
}

static enum dz_err
habits_row(struct erp_sink *s, const struct erp_row *r)
{
	struct habits		*h = (struct habits *)s;
	struct dz_erp_habit	 key, *c;
	char			 date[11];
	int64_t			 vchtype, total, amount;
	enum dz_doc_type	 t;
	enum dz_err		 rc;
	int			 sign;

	erp_col_text(r, DZ_ERP_C_ALLDOC_CUSTOMER, key.id, sizeof(key.id));
	if (h->cur == NULL || strcmp(h->cur->id, key.id) != 0) {
		if ((rc = habits_close(h)) != DZ_OK)
			return rc;
		if ((c = bsearch(&key, h->v, h->n, sizeof(*h->v), by_id)) == NULL)
			return DZ_OK;
		if ((rc = habits_open(h, c)) != DZ_OK)
			return rc;
	}
	if ((rc = erp_col_date(r, DZ_ERP_C_ALLDOC_DATE, date)) != DZ_OK ||
	    (rc = erp_col_int(r, DZ_ERP_C_ALLDOC_VCHTYPE, &vchtype)) != DZ_OK ||
	    (rc = erp_col_fixed(r, DZ_ERP_C_ALLDOC_TOTAL, 2, &total)) != DZ_OK)
		return rc;
	if (vchtype < 0 || vchtype > 1000000 ||
	    dz_stmt_doc_from_vchtype((int)vchtype, &t) != DZ_OK)
		return DZ_OK;
	if ((rc = dz_stmt_doc_signed(t, total, &amount)) != DZ_OK)
		return DZ_ERR_INVAL;
	sign = dz_stmt_doc_sign(t);
	if (sign > 0 && amount > 0) {
		h->cur->sales += amount;
		if (move_push(&h->deb, &h->nd, &h->capd, dz_date_day(date), amount, 0) != 0)
			return DZ_ERR_NOMEM;
	} else if (sign < 0 && amount < 0) {
		if (move_push(&h->cred, &h->nc, &h->capc, dz_date_day(date), -amount,
		    t == DZ_DOC_RECEIPT) != 0)
			return DZ_ERR_NOMEM;
	}
	return DZ_OK;
}

enum dz_err
dz_erp_habits(struct dz_erp *e, const struct dz_erp_target *t, const char *from,
    const char *to, struct dz_erp_habit **out, size_t *n)
{
	struct dz_erp_aged	*open = NULL, *close = NULL, key, *c;
	struct habits		 h;
	struct erp_arg		 args[2];
	char			 next[11];
	enum dz_err		 rc;
	size_t			 nopen, nclose, i;
	long			 days;

	*out = NULL;
	*n = 0;
	memset(&h, 0, sizeof(h));
	h.s = (struct erp_sink){ habits_row, 0, 1 };
	if (!date_ok(from) || !date_ok(to) || strcmp(from, to) > 0 ||
	    dz_date_add_days(to, 1, next) != 0)
		return DZ_ERR_INVAL;
	if ((rc = balances_at(e, t, from, &open, &nopen)) != DZ_OK)
		return rc;
	if ((rc = balances_at(e, t, next, &close, &nclose)) != DZ_OK)
		goto out;
	rc = DZ_ERR_NOMEM;
	if ((h.v = calloc(nopen + 1, sizeof(*h.v))) == NULL)
		goto out;
	days = dz_date_day(to) - dz_date_day(from) + 1;
	for (i = 0; i < nopen; i++) {
		dz_copy(h.v[i].id, sizeof(h.v[i].id), open[i].id);
		dz_copy(h.v[i].code, sizeof(h.v[i].code), open[i].code);
		dz_copy(h.v[i].name, sizeof(h.v[i].name), open[i].name);
		h.v[i].opening = open[i].aging.balance;
		dz_copy(key.id, sizeof(key.id), open[i].id);
		c = bsearch(&key, close, nclose, sizeof(*close), by_id);
		h.v[i].closing = c != NULL ? c->aging.balance : 0;
	}
	h.n = nopen;
	h.from = dz_date_day(from);
	args[DZ_ERP_P_ALLDOCS_FROM] = (struct erp_arg){ from, 0 };
	args[DZ_ERP_P_ALLDOCS_TO] = (struct erp_arg){ to, 0 };
	if ((rc = erp_run(e, t, DZ_ERP_Q_DOCUMENTS_ALL, args, &h.s, 0)) != DZ_OK ||
	    (rc = habits_close(&h)) != DZ_OK)
		goto out;
	for (i = 0; i < h.n; i++)
		h.v[i].dso_tenths = dz_aging_dso_tenths(h.v[i].closing, h.v[i].sales, days);
	qsort(h.v, h.n, sizeof(*h.v), by_code);
	*out = h.v;
	*n = h.n;
	h.v = NULL;
	rc = DZ_OK;
out:
	free(h.deb);
	free(h.cred);
	free(h.v);
	free(close);
	free(open);
	return rc;
}

/* ---- 测试连接 ---------------------------------------------------------------- */

struct info {
	struct erp_sink	 s;
	char		*company, *version;
	size_t		 companysz, versionsz;
};

static enum dz_err
info_row(struct erp_sink *s, const struct erp_row *r)
{
	struct info	*i = (struct info *)s;

	if (s->n > 0)
		return DZ_OK;
	erp_col_text(r, DZ_ERP_C_INFO_FULLNAME, i->company, i->companysz);
	erp_col_text(r, DZ_ERP_C_INFO_VERSION, i->version, i->versionsz);
	return DZ_OK;
}

enum dz_err
dz_erp_info(struct dz_erp *e, const struct dz_erp_target *t, char *company,
    size_t companysz, char *version, size_t versionsz)
{
	struct info	 i = { { info_row, 0, 0 }, company, version, companysz, versionsz };
	struct erp_arg	 args[1];
	enum dz_err	 rc;

	if (companysz == 0 || versionsz == 0)
		return DZ_ERR_INVAL;
	company[0] = version[0] = '\0';
	args[DZ_ERP_P_INFO_DATABASE] = (struct erp_arg){ t->dsn.database, 0 };
	if ((rc = erp_run(e, t, DZ_ERP_Q_ACCOUNT_INFO, args, &i.s, 1)) != DZ_OK)
		return rc;
	if (i.s.n == 0) {
		erp_why(e, LANG_erp_not_account, t->dsn.database);
		return DZ_ERR_ERP_NODB;
	}
	return DZ_OK;
}

/* ---------------------------------------------------------------------
 * The gateway in a screen program's loop (lib/app).
 */

/* Every profile is checked here: a bad one and the program does not start. */
static enum dz_err
hook_open(struct dz_app *app)
{
	char		dir[300];
	enum dz_err	rc;

	snprintf(dir, sizeof(dir), "%s/erp", app->conf->data_dir);
	rc = dz_erp_init(&app->erp, dir, app->conf->erp_login_timeout,
	    app->conf->erp_query_timeout);
	if (rc != DZ_OK) {
		dz_log_err("cannot set up the ERP gateway");
		return rc;
	}
	dz_erp_guard(app->erp, app->conf->erp_state_dir, app->conf->erp_max_per_target,
	    app->conf->erp_break_s);
	dz_erp_store(app->erp, app->db);
	return DZ_OK;
}

static void
hook_idle(struct dz_app *app)
{
	dz_erp_idle(app->erp, 0);
}

static void
hook_close(struct dz_app *app)
{
	dz_erp_free(app->erp);
	app->erp = NULL;
}

const struct dz_app_hooks dz_erp_hooks = { hook_open, hook_idle, hook_close };
