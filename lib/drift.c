/*
 * drift.c: a statement's frozen documents against the ERP's now (drift.h).
 * Pure: no I/O, no global state.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "drift.h"
#include "lang.h"
#include "money.h"
#include "stmt.h"

static const char *const kind_codes[DZ_DRIFT__MAX] = {
	[DZ_DRIFT_RED] = "red",
	[DZ_DRIFT_AMOUNT] = "amount",
	[DZ_DRIFT_LINES] = "lines",
	[DZ_DRIFT_DATE] = "date",
	[DZ_DRIFT_DRAFT] = "draft",
	[DZ_DRIFT_DELETED] = "deleted",
	[DZ_DRIFT_NEW] = "new",
	[DZ_DRIFT_HEADER] = "header",
};

static const char *const kind_names[DZ_DRIFT__MAX] = {
	[DZ_DRIFT_RED] = LANG_drift_kind_red,
	[DZ_DRIFT_AMOUNT] = LANG_drift_kind_amount,
	[DZ_DRIFT_LINES] = LANG_drift_kind_lines,
	[DZ_DRIFT_DATE] = LANG_drift_kind_date,
	[DZ_DRIFT_DRAFT] = LANG_drift_kind_draft,
	[DZ_DRIFT_DELETED] = LANG_drift_kind_deleted,
	[DZ_DRIFT_NEW] = LANG_drift_kind_new,
	[DZ_DRIFT_HEADER] = LANG_drift_kind_header,
};

const char *
dz_drift_kind_code(enum dz_drift_kind k)
{
	return (unsigned int)k < DZ_DRIFT__MAX ? kind_codes[k] : "";
}

const char *
dz_drift_kind_name(enum dz_drift_kind k)
{
	return (unsigned int)k < DZ_DRIFT__MAX ? kind_names[k] : "";
}

enum dz_err
dz_drift_kind_from_code(const char *s, enum dz_drift_kind *out)
{
	size_t	i;

	for (i = 0; s != NULL && i < DZ_DRIFT__MAX; i++)
		if (strcmp(s, kind_codes[i]) == 0) {
			*out = (enum dz_drift_kind)i;
			return DZ_OK;
		}
	return DZ_ERR_INVAL;
}

unsigned int
dz_drift_types(const struct dz_stmt_snapshot *sn)
{
	unsigned int	t = DZ_DOC_DEFAULT;
	size_t		i;

	for (i = 0; i < sn->ndocs; i++)
		if ((unsigned int)sn->docs[i].type < DZ_DOC__MAX)
			t |= DZ_DOC_BIT(sn->docs[i].type);
	return t;
}

static int
cmp_doc(const void *a, const void *b)
{
	const struct dz_drift_doc *x = *(const struct dz_drift_doc *const *)a;
	const struct dz_drift_doc *y = *(const struct dz_drift_doc *const *)b;

	return (x->vchcode > y->vchcode) - (x->vchcode < y->vchcode);
}

static int
cmp_line(const void *a, const void *b)
{
	const struct dz_stmt_src_line *x = *(const struct dz_stmt_src_line *const *)a;
	const struct dz_stmt_src_line *y = *(const struct dz_stmt_src_line *const *)b;

	if (x->vchcode != y->vchcode)
		return (x->vchcode > y->vchcode) - (x->vchcode < y->vchcode);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int
cmp_change(const void *a, const void *b)
{
	const struct dz_drift_change *x = a, *y = b;

	if (x->vchcode != y->vchcode)
		return (x->vchcode > y->vchcode) - (x->vchcode < y->vchcode);
	return (x->kind > y->kind) - (x->kind < y->kind);
}

static const struct dz_drift_doc *
find_doc(const struct dz_drift_doc *const *v, size_t n, int64_t vch)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid]->vchcode < vch)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo]->vchcode == vch ? v[lo] : NULL;
}

/* The first of a document's lines in v (sorted), and how many. */
static size_t
find_lines(const struct dz_stmt_src_line *const *v, size_t n, int64_t vch, size_t *count)
{
	size_t	lo = 0, hi = n, mid, e;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid]->vchcode < vch)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (e = lo; e < n && v[e]->vchcode == vch; e++)
		;
	*count = e - lo;
	return lo;
}

static const char *
str(const char *s)
{
	return s != NULL ? s : "";
}

struct acc {
	struct dz_drift_result	*r;
	size_t			 cap;
};

static struct dz_drift_change *
add(struct acc *a, enum dz_drift_kind k, int64_t vch, const char *number,
    const char *date)
{
	struct dz_drift_change	*c, *nv;
	size_t			 ncap;

	if (a->r->nchanges >= DZ_DRIFT_CHANGES_MAX)
		return NULL;
	if (a->r->nchanges == a->cap) {
		ncap = a->cap ? a->cap * 2 : 16;
		if ((nv = realloc(a->r->changes, ncap * sizeof(*nv))) == NULL)
			return NULL;
		a->r->changes = nv;
		a->cap = ncap;
	}
	c = &a->r->changes[a->r->nchanges++];
	memset(c, 0, sizeof(*c));
	c->kind = k;
	c->vchcode = vch;
	snprintf(c->number, sizeof(c->number), "%s", str(number));
	snprintf(c->date, sizeof(c->date), "%s", str(date));
	a->r->count[k]++;
	return c;
}

static void
money_text(int64_t fen, char *buf, size_t sz)
{
	char	m[DZ_MONEY_BUFSZ];

	snprintf(buf, sz, "%s", dz_money_format(fen, m, sizeof(m)));
}

/* A goods line as one short text: code name qty unit x price = amount. */
static void
line_text(const char *code, const char *name, const char *unit, int64_t qty,
    int64_t price, int64_t amount, char *buf, size_t sz)
{
	char	q[DZ_MONEY_BUFSZ], p[DZ_MONEY_BUFSZ], m[DZ_MONEY_BUFSZ];

	snprintf(buf, sz, "%s %s %s%s × %s = %s", str(code), str(name),
	    dz_money_format_scaled(qty, 4, 0, q, sizeof(q)), str(unit),
	    dz_money_format_scaled(price, 4, 2, p, sizeof(p)),
	    dz_money_format(amount, m, sizeof(m)));
}

static int
line_same(const struct dz_stmt_line *f, const struct dz_stmt_src_line *n)
{
	return f->seq == n->seq && strcmp(str(f->product_code), str(n->product_code)) == 0 &&
	    strcmp(str(f->product_name), str(n->product_name)) == 0 &&
	    strcmp(str(f->unit), str(n->unit)) == 0 && f->qty == n->qty &&
	    f->price == n->price && f->amount == n->amount;
}

/*
 * The goods of a frozen document against the ERP's: the first line that
 * differs, before and after (a line gone or added shows as "").
 */
static enum dz_err
lines_cmp(struct acc *a, const struct dz_stmt_doc *fd,
    const struct dz_stmt_src_line *const *nl, size_t nn)
{
	const struct dz_stmt_line	**fl;
	struct dz_drift_change		*c;
	size_t				 i, k;

	if (fd->nlines == nn) {
		for (i = 0; i < nn; i++)
			if (!line_same(&fd->lines[i], nl[i]))
				break;
		if (i == nn)
			return DZ_OK;
	}
	/* the frozen lines are in seq order in a statement's snapshot, but
	 * sort them to be sure */
	if ((fl = calloc(fd->nlines + 1, sizeof(*fl))) == NULL)
		return DZ_ERR_NOMEM;
	for (i = 0; i < fd->nlines; i++) {
		fl[i] = &fd->lines[i];
		for (k = i; k > 0 && fl[k - 1]->seq > fl[k]->seq; k--) {
			const struct dz_stmt_line *t = fl[k];

			fl[k] = fl[k - 1];
			fl[k - 1] = t;
		}
	}
	for (i = 0; i < fd->nlines && i < nn; i++)
		if (!line_same(fl[i], nl[i]))
			break;
	if ((c = add(a, DZ_DRIFT_LINES, fd->vchcode, fd->number, fd->date)) == NULL) {
		free(fl);
		return DZ_ERR_NOMEM;
	}
	if (i < fd->nlines)
		line_text(fl[i]->product_code, fl[i]->product_name, fl[i]->unit, fl[i]->qty,
		    fl[i]->price, fl[i]->amount, c->before, sizeof(c->before));
	if (i < nn)
		line_text(nl[i]->product_code, nl[i]->product_name, nl[i]->unit, nl[i]->qty,
		    nl[i]->price, nl[i]->amount, c->after, sizeof(c->after));
	free(fl);
	return DZ_OK;
}

static int
in_period(const struct dz_stmt_snapshot *sn, const char *date)
{
	return strcmp(date, str(sn->period_from)) >= 0 && strcmp(date, str(sn->period_to)) <= 0;
}

/* One frozen document against the ERP's (nd NULL: deleted). 1 in *keep
 * when it stays in the ERP's version. */
static enum dz_err
doc_cmp(struct acc *a, const struct dz_stmt_snapshot *sn, const struct dz_stmt_doc *fd,
    const struct dz_drift_doc *nd, const struct dz_stmt_src_line *const *lv, size_t nlv,
    int *keep)
{
	struct dz_drift_change	*c;
	enum dz_doc_type	 t;
	int64_t			 amount;
	size_t			 at, cnt;
	enum dz_err		 rc;

	*keep = 0;
	if (nd == NULL) {
		if ((c = add(a, DZ_DRIFT_DELETED, fd->vchcode, fd->number, fd->date)) == NULL)
			return DZ_ERR_NOMEM;
		c->has_before = 1;
		c->before_fen = fd->amount;
		money_text(fd->amount, c->before, sizeof(c->before));
		return DZ_OK;
	}
	if (dz_stmt_doc_from_vchtype(nd->vchtype, &t) != DZ_OK ||
	    dz_stmt_doc_signed(t, nd->total, &amount) != DZ_OK)
		return DZ_ERR_INVAL;
	if (nd->voided || !nd->posted) {
		if ((c = add(a, nd->voided ? DZ_DRIFT_RED : DZ_DRIFT_DRAFT, fd->vchcode,
		    fd->number, fd->date)) == NULL)
			return DZ_ERR_NOMEM;
		c->has_before = 1;
		c->before_fen = fd->amount;
		money_text(fd->amount, c->before, sizeof(c->before));
		snprintf(c->after, sizeof(c->after), "%s", nd->voided ?
		    LANG_drift_after_red : LANG_drift_after_draft);
		return DZ_OK;
	}
	if (strcmp(str(nd->date), str(fd->date)) != 0) {
		if ((c = add(a, DZ_DRIFT_DATE, fd->vchcode, fd->number, fd->date)) == NULL)
			return DZ_ERR_NOMEM;
		snprintf(c->before, sizeof(c->before), "%s", str(fd->date));
		snprintf(c->after, sizeof(c->after), "%s%s", str(nd->date),
		    in_period(sn, str(nd->date)) ? "" : LANG_drift_out_of_period);
		if (!in_period(sn, str(nd->date)))
			return DZ_OK;	/* not in the statement any more */
	}
	*keep = 1;
	if (amount != fd->amount || t != fd->type) {
		if ((c = add(a, DZ_DRIFT_AMOUNT, fd->vchcode, fd->number, fd->date)) == NULL)
			return DZ_ERR_NOMEM;
		c->has_before = c->has_after = 1;
		c->before_fen = fd->amount;
		c->after_fen = amount;
		money_text(fd->amount, c->before, sizeof(c->before));
		money_text(amount, c->after, sizeof(c->after));
	}
	if (strcmp(str(nd->number), str(fd->number)) != 0 ||
	    strcmp(str(nd->summary), str(fd->summary)) != 0) {
		if ((c = add(a, DZ_DRIFT_HEADER, fd->vchcode, fd->number, fd->date)) == NULL)
			return DZ_ERR_NOMEM;
		snprintf(c->before, sizeof(c->before), "%s %s", str(fd->number), str(fd->summary));
		snprintf(c->after, sizeof(c->after), "%s %s", str(nd->number), str(nd->summary));
	}
	at = find_lines(lv, nlv, fd->vchcode, &cnt);
	if ((rc = lines_cmp(a, fd, lv + at, cnt)) != DZ_OK)
		return rc;
	return DZ_OK;
}

void
dz_drift_result_free(struct dz_drift_result *r)
{
	free(r->changes);
	memset(r, 0, sizeof(*r));
}

enum dz_err
dz_drift_compare(const struct dz_stmt_snapshot *sn, const struct dz_drift_now *now,
    unsigned int types, struct dz_drift_result *out)
{
	const struct dz_drift_doc	**dv = NULL;
	const struct dz_stmt_src_line	**lv = NULL;
	struct dz_stmt_src_doc		*sd = NULL;
	struct dz_stmt_source		 src;
	struct dz_stmt_built		 b;
	struct acc			 a;
	const struct dz_drift_doc	*nd;
	int64_t				*chosen = NULL, *frozen = NULL, maxv = 0, missing = 0;
	size_t				 i, nchosen = 0, nsd = 0;
	enum dz_doc_type		 t;
	int				 keep;
	enum dz_err			 rc = DZ_ERR_NOMEM;

	memset(out, 0, sizeof(*out));
	memset(&b, 0, sizeof(b));
	a.r = out;
	a.cap = 0;
	if (sn == NULL || now == NULL || (sn->ndocs > 0 && sn->docs == NULL) ||
	    (now->ndocs > 0 && now->docs == NULL) || (now->nlines > 0 && now->lines == NULL))
		return DZ_ERR_INVAL;
	if ((dv = calloc(now->ndocs + 1, sizeof(*dv))) == NULL ||
	    (lv = calloc(now->nlines + 1, sizeof(*lv))) == NULL ||
	    (sd = calloc(now->ndocs + 1, sizeof(*sd))) == NULL ||
	    (chosen = calloc(sn->ndocs + now->ndocs + 1, sizeof(*chosen))) == NULL ||
	    (frozen = calloc(sn->ndocs + 1, sizeof(*frozen))) == NULL)
		goto out;
	for (i = 0; i < now->ndocs; i++)
		dv[i] = &now->docs[i];
	qsort(dv, now->ndocs, sizeof(*dv), cmp_doc);
	for (i = 1; i < now->ndocs; i++)
		if (dv[i]->vchcode == dv[i - 1]->vchcode) {
			rc = DZ_ERR_INVAL;
			goto out;
		}
	for (i = 0; i < now->nlines; i++)
		lv[i] = &now->lines[i];
	qsort(lv, now->nlines, sizeof(*lv), cmp_line);

	/* the frozen documents, each against the ERP's */
	for (i = 0; i < sn->ndocs; i++) {
		const struct dz_stmt_doc *fd = &sn->docs[i];

		frozen[i] = fd->vchcode;
		if (fd->vchcode > maxv)
			maxv = fd->vchcode;
		nd = find_doc(dv, now->ndocs, fd->vchcode);
		if ((rc = doc_cmp(&a, sn, fd, nd, lv, now->nlines, &keep)) != DZ_OK)
			goto out;
		if (keep)
			chosen[nchosen++] = fd->vchcode;
	}
	qsort(frozen, sn->ndocs, sizeof(*frozen), dz_stmt_vch_cmp);

	/* the ERP's version: what stays, and the new documents */
	for (i = 0; i < now->ndocs; i++) {
		nd = dv[i];
		if (!nd->posted || nd->voided || !in_period(sn, str(nd->date)))
			continue;
		if (dz_stmt_doc_from_vchtype(nd->vchtype, &t) != DZ_OK) {
			rc = DZ_ERR_INVAL;
			goto out;
		}
		sd[nsd++] = (struct dz_stmt_src_doc){ nd->vchcode, nd->vchtype, nd->date,
		    nd->number, nd->summary, nd->total };
		if (bsearch(&nd->vchcode, frozen, sn->ndocs, sizeof(*frozen), dz_stmt_vch_cmp) != NULL ||
		    nd->vchcode <= maxv || !(types & DZ_DOC_BIT(t)))
			continue;
		{
			struct dz_drift_change	*c;
			int64_t			 amount;

			if (dz_stmt_doc_signed(t, nd->total, &amount) != DZ_OK) {
				rc = DZ_ERR_INVAL;
				goto out;
			}
			if ((c = add(&a, DZ_DRIFT_NEW, nd->vchcode, nd->number, nd->date)) == NULL) {
				rc = DZ_ERR_NOMEM;
				goto out;
			}
			c->has_after = 1;
			c->after_fen = amount;
			{
				char	m[DZ_MONEY_BUFSZ];

				snprintf(c->after, sizeof(c->after), "%s %s", dz_stmt_doc_tag(t),
				    dz_money_format(amount, m, sizeof(m)));
			}
		}
		chosen[nchosen++] = nd->vchcode;
	}
	qsort(chosen, nchosen, sizeof(*chosen), dz_stmt_vch_cmp);

	memset(&src, 0, sizeof(src));
	src.account_set_id = sn->account_set_id;
	src.customer_id = sn->customer_id;
	src.customer_code = sn->customer_code;
	src.customer_name = sn->customer_name;
	src.period_from = sn->period_from;
	src.period_to = sn->period_to;
	src.with_opening = 1;		/* the frozen opening as it is (0 without) */
	src.opening = sn->totals.opening;
	src.docs = sd;
	src.ndocs = nsd;
	src.lines = now->lines;
	src.nlines = now->nlines;
	if ((rc = dz_stmt_build(&src, chosen, nchosen, &b, &missing)) != DZ_OK) {
		if (rc == DZ_ERR_NOTFOUND)
			rc = DZ_ERR_INVAL;
		goto out;
	}
	b.sn.with_opening = sn->with_opening;
	if ((rc = dz_stmt_fingerprint_hex(&b.sn, out->fingerprint)) != DZ_OK)
		goto out;
	out->totals = b.sn.totals;
	qsort(out->changes, out->nchanges, sizeof(*out->changes), cmp_change);
out:
	dz_stmt_built_free(&b);
	free(dv);
	free(lv);
	free(sd);
	free(chosen);
	free(frozen);
	return rc;
}
