/*
 * stmt_build.c: a statement's snapshot out of the source's documents and
 * goods and a person's choice. Pure: no I/O, no global state.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "money.h"
#include "stmt.h"

int
dz_stmt_vch_cmp(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

enum dz_err
dz_stmt_choose(int64_t *chosen, size_t n, int64_t *dup)
{
	size_t	i;

	if (n == 0)
		return DZ_ERR_INVAL;
	if (n > DZ_STMT_DOCS_MAX)
		return DZ_ERR_TOOBIG;
	qsort(chosen, n, sizeof(*chosen), dz_stmt_vch_cmp);
	for (i = 1; i < n; i++)
		if (chosen[i] == chosen[i - 1]) {
			*dup = chosen[i];
			return DZ_ERR_CONFLICT;
		}
	return DZ_OK;
}

/* A source document by vchcode: the key carries what it sorts. */
struct dkey {
	int64_t	 vch;
	size_t	 at;		/* index in src->docs */
};

static int
cmp_dkey(const void *a, const void *b)
{
	const struct dkey *x = a, *y = b;

	if (x->vch != y->vch)
		return (x->vch > y->vch) - (x->vch < y->vch);
	return (x->at > y->at) - (x->at < y->at);
}

/* Lines by document, then by their place in it. */
static int
cmp_line(const void *a, const void *b)
{
	const struct dz_stmt_src_line *x = *(const struct dz_stmt_src_line *const *)a;
	const struct dz_stmt_src_line *y = *(const struct dz_stmt_src_line *const *)b;

	if (x->vchcode != y->vchcode)
		return (x->vchcode > y->vchcode) - (x->vchcode < y->vchcode);
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* First index of keys (sorted) with vch >= v. */
static size_t
lower_dkey(const struct dkey *k, size_t n, int64_t v)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (k[mid].vch < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static size_t
lower_line(const struct dz_stmt_src_line *const *l, size_t n, int64_t v)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l[mid]->vchcode < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Mark in take[] the source documents chosen; DZ_ERR_NOTFOUND with
 * *missing for one that is not there.
 */
static enum dz_err
pick(const struct dz_stmt_source *src, const int64_t *chosen, size_t nchosen,
    unsigned char *take, int64_t *missing)
{
	struct dkey	*keys;
	size_t		 i, at;

	if ((keys = calloc(src->ndocs + 1, sizeof(*keys))) == NULL)
		return DZ_ERR_NOMEM;
	for (i = 0; i < src->ndocs; i++) {
		keys[i].vch = src->docs[i].vchcode;
		keys[i].at = i;
	}
	qsort(keys, src->ndocs, sizeof(*keys), cmp_dkey);
	for (i = 0; i < nchosen; i++) {
		at = lower_dkey(keys, src->ndocs, chosen[i]);
		if (at == src->ndocs || keys[at].vch != chosen[i]) {
			*missing = chosen[i];
			free(keys);
			return DZ_ERR_NOTFOUND;
		}
		take[keys[at].at] = 1;
	}
	free(keys);
	return DZ_OK;
}

/* The chosen documents in src's order, each with its lines. */
static enum dz_err
fill(const struct dz_stmt_source *src, const unsigned char *take,
    const struct dz_stmt_src_line *const *lp, struct dz_stmt_built *out)
{
	struct dz_stmt_doc	*d;
	struct dz_stmt_line	*sl;
	const struct dz_stmt_src_doc *sd;
	enum dz_doc_type	 t;
	enum dz_err		 er;
	int64_t			 amount;
	size_t			 i, l, nl = 0;

	for (i = 0; i < src->ndocs; i++) {
		if (!take[i])
			continue;
		sd = &src->docs[i];
		if ((er = dz_stmt_doc_from_vchtype(sd->vchtype, &t)) != DZ_OK ||
		    (er = dz_stmt_doc_signed(t, sd->total, &amount)) != DZ_OK ||
		    (er = dz_stmt_totals_add(&out->sn.totals, t, amount)) != DZ_OK)
			return er;
		d = &out->docs[out->sn.ndocs++];
		d->vchcode = sd->vchcode;
		d->type = t;
		d->number = sd->number;
		d->date = sd->date;
		d->summary = sd->summary;
		d->amount = amount;
		d->lines = &out->lines[nl];
		for (l = lower_line(lp, src->nlines, sd->vchcode);
		    l < src->nlines && lp[l]->vchcode == sd->vchcode; l++) {
			sl = &out->lines[nl++];
			sl->seq = lp[l]->seq;
			sl->product_code = lp[l]->product_code;
			sl->product_name = lp[l]->product_name;
			sl->unit = lp[l]->unit;
			sl->qty = lp[l]->qty;
			sl->price = lp[l]->price;
			sl->amount = lp[l]->amount;
			d->nlines++;
		}
	}
	return DZ_OK;
}

enum dz_err
dz_stmt_build(const struct dz_stmt_source *src, const int64_t *chosen, size_t nchosen,
    struct dz_stmt_built *out, int64_t *missing)
{
	const struct dz_stmt_src_line **lp = NULL;
	unsigned char	*take = NULL;
	size_t		 i;
	enum dz_err	 er = DZ_ERR_NOMEM;

	memset(out, 0, sizeof(*out));
	if ((src->ndocs > 0 && src->docs == NULL) || (src->nlines > 0 && src->lines == NULL) ||
	    (nchosen > 0 && chosen == NULL))
		return DZ_ERR_INVAL;
	if ((take = calloc(src->ndocs + 1, 1)) == NULL ||
	    (lp = calloc(src->nlines + 1, sizeof(*lp))) == NULL ||
	    (out->docs = calloc(nchosen + 1, sizeof(*out->docs))) == NULL ||
	    (out->lines = calloc(src->nlines + 1, sizeof(*out->lines))) == NULL)
		goto out;
	if ((er = pick(src, chosen, nchosen, take, missing)) != DZ_OK)
		goto out;
	for (i = 0; i < src->nlines; i++)
		lp[i] = &src->lines[i];
	qsort(lp, src->nlines, sizeof(*lp), cmp_line);

	out->sn.account_set_id = src->account_set_id;
	out->sn.customer_id = src->customer_id;
	out->sn.customer_code = src->customer_code;
	out->sn.customer_name = src->customer_name;
	out->sn.period_from = src->period_from;
	out->sn.period_to = src->period_to;
	out->sn.with_opening = src->with_opening;
	out->sn.docs = out->docs;
	if ((er = dz_stmt_totals_init(&out->sn.totals,
	    src->with_opening ? src->opening : 0)) != DZ_OK)
		goto out;
	er = fill(src, take, lp, out);
out:
	free(take);
	free(lp);
	return er;
}

void
dz_stmt_built_free(struct dz_stmt_built *b)
{
	free(b->docs);
	free(b->lines);
	memset(b, 0, sizeof(*b));
}
