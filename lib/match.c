/*
 * match.c: 账目核对 (match.h), pure: our statement's documents matched
 * with the customer's ledger rows in five passes, and the 余额调节表.
 *
 * Written by hand: no Debian library matches two ledgers. GnuCash's
 * importer (a score of amount, date and cheque number) and Odoo's
 * reconcile models (a label, a tolerance, one payment against several
 * invoices) gave the ideas (exports-matching-research.md §3); nothing of
 * their code is here.
 *
 * The shape, and why:
 *   - Every choice is made in an order that depends on the rows' values
 *     only: each row gets a rank (amount, day, ref, memo, then its index)
 *     and every sort ends in ranks, never in indexes. So shuffling the
 *     input changes which index is in a line but not, by value, what was
 *     paired with what; only rows equal in every field trade places.
 *   - P1 looks our numbers up, never scans them: they sit in one array
 *     sorted by (length, bytes, ASCII case folded); their ref is looked up
 *     whole, and each window of their ref and memo that starts and ends on
 *     a word boundary and has the length of some number of ours (4 bytes
 *     or more) is looked up too. The boundary keeps XS-1 out of XS-10. A
 *     number names only rows of the same sign: a receipt whose memo names
 *     the invoice it pays is not that invoice.
 *   - P2 pairs within runs of equal (amount, day), nearest distance first
 *     over the whole ledger (so a near pair is never lost to a farther
 *     one found earlier). Rows of a run are taken in rank order, so what
 *     is left of a run is always its tail: one counter per run.
 *   - P3 and P4 look at a bounded number of candidates per row, so a
 *     ledger of equal amounts costs no more than n times a constant.
 *   - Undated rows (day -1) can only pair by number (P1) or by amount
 *     alone (P2, after every dated row has had its chance); P3 and P4 need
 *     the window, and P5 the period's end, so they end in ONLY_*.
 *   - The 余额调节表 is made of the lines, so its identity holds by
 *     construction; sums are checked for int64 once up front (the sum of
 *     every |amount| and balance), and every later figure is bounded by it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "money.h"

#define NUMBER_MIN	4	/* bytes of a number of ours looked for inside text */
#define MENTIONS_MAX	8	/* numbers of ours one row of theirs may name */
#define NEAR_CANDS	16	/* P3: candidates per row of ours */
#define NEAR_SCAN	512	/* P3: rows looked at per row of ours */
#define SPLIT_CANDS_MAX	64	/* P4: C(64,3) = 41,664 sums per row at most */
#define DAYS_MAX	366	/* window_days, timing_days */

/* One side: its rows, their ranks, what is already in a line. */
struct side {
	const struct dz_match_row	*r;
	size_t				 n;
	size_t				*rank;
	unsigned char			*used;
};

struct ctx {
	struct side			 o, t;
	const struct dz_match_opts	*op;
	struct dz_match_line		*line;
	size_t				 nlines;
};

/* A row seen by a pass: what the sorts compare, copied out of the row. */
struct key {
	int64_t		 amount;
	long		 day;
	size_t		 rank;
	size_t		 idx;
};

/* A number of ours, trimmed and cut to DZ_MATCH_REF_MAX. */
struct num {
	const char	*s;
	size_t		 len;
	size_t		 rank;
	size_t		 idx;
};

struct alias {
	const char	*theirs, *ours;
	size_t		 tlen, olen;
};

/* P1: their row t names our row o. */
struct mention {
	size_t		 o, t;
	size_t		 orank, trank;
	int		 alias;
};

/* P3: a pair to consider. */
struct cand {
	int64_t		 absdelta;
	long		 dd;
	size_t		 orank, trank;
	size_t		 o, t;
	int		 alias;		/* P1 */
};

static const char *const kind_code[DZ_MATCH__MAX] = {
	"exact", "amount", "split", "timing_ours", "timing_theirs",
	"only_ours", "only_theirs"
};
static const char *const how_code[DZ_HOW__MAX] = {
	"number", "alias", "amount_date", "near", "sum", "timing", "none"
};

const char *
dz_match_kind_code(enum dz_match_kind k)
{
	return (unsigned)k < DZ_MATCH__MAX ? kind_code[k] : "";
}

enum dz_err
dz_match_kind_from_code(const char *s, enum dz_match_kind *k)
{
	size_t	i;

	for (i = 0; s != NULL && i < DZ_MATCH__MAX; i++)
		if (strcmp(s, kind_code[i]) == 0) {
			*k = (enum dz_match_kind)i;
			return DZ_OK;
		}
	return DZ_ERR_INVAL;
}

const char *
dz_match_how_code(enum dz_match_how h)
{
	return (unsigned)h < DZ_HOW__MAX ? how_code[h] : "";
}

enum dz_err
dz_match_how_from_code(const char *s, enum dz_match_how *h)
{
	size_t	i;

	for (i = 0; s != NULL && i < DZ_HOW__MAX; i++)
		if (strcmp(s, how_code[i]) == 0) {
			*h = (enum dz_match_how)i;
			return DZ_OK;
		}
	return DZ_ERR_INVAL;
}

void
dz_match_opts_default(struct dz_match_opts *op, long period_end)
{
	memset(op, 0, sizeof(*op));
	op->window_days = 5;
	op->near_bp = 50;
	op->near_fen = 1000;
	op->timing_days = 5;
	op->period_end = period_end;
	op->split_max = 3;
	op->split_cands = 20;
}

void
dz_match_result_free(struct dz_match_result *res)
{
	if (res == NULL)
		return;
	free(res->line);
	memset(res, 0, sizeof(*res));
}

/* Text helpers: ASCII only, locale-free, so the result cannot depend on
 * the process's locale. */

static int
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z');
}

static int
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static const char *
str(const char *s)
{
	return s != NULL ? s : "";
}

/* s trimmed of blanks, at most DZ_MATCH_REF_MAX bytes of it: *len. */
static const char *
span(const char *s, size_t *len)
{
	size_t	n;

	s = str(s);
	while (*s == ' ' || *s == '\t')
		s++;
	n = strnlen(s, DZ_MATCH_REF_MAX);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	*len = n;
	return s;
}

/* Numbers compare by length first: the windows of P1 are looked up one
 * length at a time. */
static int
num_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	size_t	i;
	int	x, y;

	if (al != bl)
		return al < bl ? -1 : 1;
	for (i = 0; i < al; i++) {
		x = fold((unsigned char)a[i]);
		y = fold((unsigned char)b[i]);
		if (x != y)
			return x - y;
	}
	return 0;
}

static int
cmp_size(size_t a, size_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_long(long a, long b)
{
	return a < b ? -1 : a > b;
}

static int
sign(int64_t a)
{
	return a > 0 ? 1 : a < 0 ? -1 : 0;
}

static int64_t
i64abs(int64_t a)
{
	return a < 0 ? -a : a;
}

/* Ranks: the rows of a side in value order, equal rows by index. */

struct rrow {
	const struct dz_match_row	*r;
	size_t				 idx;
};

static int
rrow_cmp(const void *pa, const void *pb)
{
	const struct rrow	*a = pa, *b = pb;
	int			 c;

	if ((c = cmp_i64(a->r->amount, b->r->amount)) != 0 ||
	    (c = cmp_long(a->r->day, b->r->day)) != 0 ||
	    (c = strcmp(str(a->r->ref), str(b->r->ref))) != 0 ||
	    (c = strcmp(str(a->r->memo), str(b->r->memo))) != 0)
		return c;
	return cmp_size(a->idx, b->idx);
}

static enum dz_err
side_init(struct side *s, const struct dz_match_row *r, size_t n)
{
	struct rrow	*rr;
	size_t		 i;

	s->r = r;
	s->n = n;
	s->rank = calloc(n + 1, sizeof(*s->rank));
	s->used = calloc(n + 1, 1);
	rr = calloc(n + 1, sizeof(*rr));
	if (s->rank == NULL || s->used == NULL || rr == NULL) {
		free(rr);
		return DZ_ERR_NOMEM;
	}
	for (i = 0; i < n; i++) {
		rr[i].r = &r[i];
		rr[i].idx = i;
	}
	qsort(rr, n, sizeof(*rr), rrow_cmp);
	for (i = 0; i < n; i++)
		s->rank[rr[i].idx] = i;
	free(rr);
	return DZ_OK;
}

static void
side_free(struct side *s)
{
	free(s->rank);
	free(s->used);
}

/* Lines. There is room for nours + ntheirs of them: each holds a row. */

static void
sort_idx(size_t *a, size_t n)
{
	size_t	i, j, v;

	for (i = 1; i < n; i++) {
		v = a[i];
		for (j = i; j > 0 && a[j - 1] > v; j--)
			a[j] = a[j - 1];
		a[j] = v;
	}
}

static void
add_line(struct ctx *c, enum dz_match_kind kind, enum dz_match_how how,
    const size_t *o, size_t no, const size_t *t, size_t nt, int tie)
{
	struct dz_match_line	*l = &c->line[c->nlines++];
	size_t			 i;

	memset(l, 0, sizeof(*l));
	l->how = how;
	l->tie = tie;
	for (i = 0; i < no; i++) {
		l->ours[i] = o[i];
		l->ours_sum += c->o.r[o[i]].amount;
		c->o.used[o[i]] = 1;
	}
	for (i = 0; i < nt; i++) {
		l->theirs[i] = t[i];
		l->theirs_sum += c->t.r[t[i]].amount;
		c->t.used[t[i]] = 1;
	}
	l->nours = no;
	l->ntheirs = nt;
	sort_idx(l->ours, no);
	sort_idx(l->theirs, nt);
	l->delta = l->theirs_sum - l->ours_sum;
	/* a pair whose amounts differ is 金额不符 whatever pass made it */
	l->kind = (kind == DZ_MATCH_EXACT && l->delta != 0) ?
	    DZ_MATCH_AMOUNT : kind;
}

static void
pair(struct ctx *c, enum dz_match_kind kind, enum dz_match_how how,
    size_t o, size_t t, int tie)
{
	add_line(c, kind, how, &o, 1, &t, 1, tie);
}

static int
line_cmp(const void *pa, const void *pb)
{
	const struct dz_match_line	*a = pa, *b = pb;
	int				 c;

	if ((c = cmp_size(a->kind, b->kind)) != 0 ||
	    (c = cmp_size(a->nours ? a->ours[0] : SIZE_MAX,
	    b->nours ? b->ours[0] : SIZE_MAX)) != 0)
		return c;
	return cmp_size(a->ntheirs ? a->theirs[0] : SIZE_MAX,
	    b->ntheirs ? b->theirs[0] : SIZE_MAX);
}

/* Keys: the unused rows of a side (dated only, or all) for a pass. */

static int
key_amount_cmp(const void *pa, const void *pb)
{
	const struct key	*a = pa, *b = pb;
	int			 c;

	if ((c = cmp_i64(a->amount, b->amount)) != 0 ||
	    (c = cmp_long(a->day, b->day)) != 0)
		return c;
	return cmp_size(a->rank, b->rank);
}

static int
key_day_cmp(const void *pa, const void *pb)
{
	const struct key	*a = pa, *b = pb;
	int			 c;

	if ((c = cmp_long(a->day, b->day)) != 0)
		return c;
	return cmp_size(a->rank, b->rank);
}

static size_t
keys(const struct side *s, struct key *k, int dated,
    int (*cmp)(const void *, const void *))
{
	size_t	i, n = 0;

	for (i = 0; i < s->n; i++) {
		if (s->used[i] || (dated && s->r[i].day < 0))
			continue;
		k[n].amount = s->r[i].amount;
		k[n].day = s->r[i].day;
		k[n].rank = s->rank[i];
		k[n].idx = i;
		n++;
	}
	qsort(k, n, sizeof(*k), cmp);
	return n;
}

/* Smallest difference, then nearest day, then by value. */
static int
cand_cmp(const void *pa, const void *pb)
{
	const struct cand	*a = pa, *b = pb;
	int			 c;

	if ((c = cmp_i64(a->absdelta, b->absdelta)) != 0 ||
	    (c = cmp_long(a->dd, b->dd)) != 0 ||
	    (c = cmp_size(a->orank, b->orank)) != 0)
		return c;
	return cmp_size(a->trank, b->trank);
}

/*
 * P1: numbers.
 */

static int
num_sort(const void *pa, const void *pb)
{
	const struct num	*a = pa, *b = pb;
	int			 c;

	if ((c = num_cmp(a->s, a->len, b->s, b->len)) != 0)
		return c;
	return cmp_size(a->rank, b->rank);
}

/* The first of nums[0..n) equal to (s, len), or n. */
static size_t
num_find(const struct num *nums, size_t n, const char *s, size_t len)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (num_cmp(nums[mid].s, nums[mid].len, s, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && num_cmp(nums[lo].s, nums[lo].len, s, len) == 0)
		return lo;
	return n;
}

static int
alias_sort(const void *pa, const void *pb)
{
	const struct alias	*a = pa, *b = pb;
	int			 c;

	if ((c = num_cmp(a->theirs, a->tlen, b->theirs, b->tlen)) != 0)
		return c;
	return num_cmp(a->ours, a->olen, b->ours, b->olen);
}

static size_t
alias_find(const struct alias *al, size_t n, const char *s, size_t len)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (num_cmp(al[mid].theirs, al[mid].tlen, s, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && num_cmp(al[lo].theirs, al[lo].tlen, s, len) == 0)
		return lo;
	return n;
}

/* What P1 knows while it collects mentions. */
struct numidx {
	struct num	*nums;
	size_t		 nnums;
	size_t		 lens[DZ_MATCH_REF_MAX + 1];	/* lengths >= NUMBER_MIN present */
	size_t		 nlens;
	struct alias	*al;
	size_t		 nal;
};

/* Add (t, every unused our row numbered (s, len) of t's sign) to m[],
 * at most MENTIONS_MAX for t, none twice. */
static void
mention_add(const struct ctx *c, const struct numidx *x, size_t t,
    const char *s, size_t len, int alias, struct mention *m, size_t *nm,
    size_t first)
{
	size_t	p, q;

	for (p = num_find(x->nums, x->nnums, s, len); p < x->nnums &&
	    num_cmp(x->nums[p].s, x->nums[p].len, s, len) == 0; p++) {
		if (*nm - first >= MENTIONS_MAX)
			return;
		if (sign(c->o.r[x->nums[p].idx].amount) !=
		    sign(c->t.r[t].amount))
			continue;
		for (q = first; q < *nm; q++)
			if (m[q].o == x->nums[p].idx)
				break;
		if (q < *nm)
			continue;
		m[*nm].o = x->nums[p].idx;
		m[*nm].t = t;
		m[*nm].orank = c->o.rank[m[*nm].o];
		m[*nm].trank = c->t.rank[t];
		m[*nm].alias = alias;
		(*nm)++;
	}
}

/* Windows of text on word boundaries, as long as some number of ours. */
static void
mention_text(const struct ctx *c, const struct numidx *x, size_t t,
    const char *s, size_t len, struct mention *m, size_t *nm, size_t first)
{
	size_t	p, i, l;

	for (p = 0; p < len; p++) {
		if (!is_alnum((unsigned char)s[p]) ||
		    (p > 0 && is_alnum((unsigned char)s[p - 1])))
			continue;
		for (i = 0; i < x->nlens; i++) {
			l = x->lens[i];
			if (p + l > len)
				break;
			if (p + l < len && is_alnum((unsigned char)s[p + l]))
				continue;
			mention_add(c, x, t, s + p, l, 0, m, nm, first);
		}
	}
}

static int
mention_by_o(const void *pa, const void *pb)
{
	const struct mention	*a = pa, *b = pb;
	int			 c;

	if ((c = cmp_size(a->orank, b->orank)) != 0)
		return c;
	return cmp_size(a->trank, b->trank);
}

static int
mention_by_t(const void *pa, const void *pb)
{
	const struct mention	*a = pa, *b = pb;
	int			 c;

	if ((c = cmp_size(a->trank, b->trank)) != 0)
		return c;
	return cmp_size(a->orank, b->orank);
}

/*
 * The subset of 2..smax of amt[0..n) (all of target's sign, each smaller)
 * that sums to target whose members lie nearest in date (the least sum of
 * dist[], their days from the one row's); of equally near ones the one of
 * fewer members, then the first in index order: its members in pick[],
 * their count returned (0: none). At most C(n, 3) sums (n is bounded by
 * SPLIT_CANDS_MAX).
 */
static size_t
subset(const int64_t *amt, const long *dist, size_t n, int64_t target, size_t smax,
    size_t *pick)
{
	size_t	i, j, k, best = 0;
	long	d, bestd = 0;

	if (smax >= 2)
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				if (amt[i] + amt[j] == target &&
				    (best == 0 || (d = dist[i] + dist[j]) < bestd)) {
					bestd = dist[i] + dist[j];
					pick[0] = i;
					pick[1] = j;
					best = 2;
				}
	if (smax >= 3)
		for (i = 0; i < n; i++)
			for (j = i + 1; j < n; j++)
				for (k = j + 1; k < n; k++)
					if (amt[i] + amt[j] + amt[k] == target &&
					    (best == 0 || (d = dist[i] + dist[j] + dist[k]) < bestd)) {
						bestd = dist[i] + dist[j] + dist[k];
						pick[0] = i;
						pick[1] = j;
						pick[2] = k;
						best = 3;
					}
	return best;
}

/*
 * P1 with the mentions: exact pairs first (so a wrong amount naming a
 * number does not take the document from the right one), then one row
 * named with its parts (a payment of theirs naming two invoices, or two
 * rows of theirs naming one document of ours), then what is left as
 * 金额不符, the smallest difference first.
 */
static enum dz_err
p1_lines(struct ctx *c, struct mention *m, size_t nm)
{
	const struct dz_match_row	*o = c->o.r, *t = c->t.r;
	struct cand			*cd;
	int64_t				 amt[MENTIONS_MAX];
	static const long		 nodist[MENTIONS_MAX];	/* named: no date to weigh */
	size_t				 who[MENTIONS_MAX], pick[DZ_MATCH_SPLIT_MAX];
	size_t				 parts[DZ_MATCH_SPLIT_MAX];
	size_t				 i, j, e, n, k, q;
	int				 alias;

	qsort(m, nm, sizeof(*m), mention_by_o);
	for (i = 0; i < nm; i++)
		if (!c->o.used[m[i].o] && !c->t.used[m[i].t] &&
		    o[m[i].o].amount == t[m[i].t].amount)
			pair(c, DZ_MATCH_EXACT,
			    m[i].alias ? DZ_HOW_ALIAS : DZ_HOW_NUMBER,
			    m[i].o, m[i].t, 0);

	/* one of theirs naming 2..3 of ours */
	qsort(m, nm, sizeof(*m), mention_by_t);
	for (i = 0; i < nm; i = e) {
		for (e = i; e < nm && m[e].t == m[i].t; e++)
			;
		if (c->t.used[m[i].t] || c->op->split_max < 2)
			continue;
		for (n = 0, j = i; j < e && n < MENTIONS_MAX; j++)
			if (!c->o.used[m[j].o] &&
			    i64abs(o[m[j].o].amount) < i64abs(t[m[i].t].amount)) {
				amt[n] = o[m[j].o].amount;
				who[n++] = j;
			}
		if ((k = subset(amt, nodist, n, t[m[i].t].amount, c->op->split_max,
		    pick)) == 0)
			continue;
		for (alias = 0, q = 0; q < k; q++) {
			parts[q] = m[who[pick[q]]].o;
			alias |= m[who[pick[q]]].alias;
		}
		add_line(c, DZ_MATCH_SPLIT, alias ? DZ_HOW_ALIAS : DZ_HOW_NUMBER,
		    parts, k, &m[i].t, 1, 0);
	}

	/* 2..3 of theirs naming one of ours */
	qsort(m, nm, sizeof(*m), mention_by_o);
	for (i = 0; i < nm; i = e) {
		for (e = i; e < nm && m[e].o == m[i].o; e++)
			;
		if (c->o.used[m[i].o] || c->op->split_max < 2)
			continue;
		for (n = 0, j = i; j < e && n < MENTIONS_MAX; j++)
			if (!c->t.used[m[j].t] &&
			    i64abs(t[m[j].t].amount) < i64abs(o[m[i].o].amount)) {
				amt[n] = t[m[j].t].amount;
				who[n++] = j;
			}
		if ((k = subset(amt, nodist, n, o[m[i].o].amount, c->op->split_max,
		    pick)) == 0)
			continue;
		for (alias = 0, q = 0; q < k; q++) {
			parts[q] = m[who[pick[q]]].t;
			alias |= m[who[pick[q]]].alias;
		}
		add_line(c, DZ_MATCH_SPLIT, alias ? DZ_HOW_ALIAS : DZ_HOW_NUMBER,
		    &m[i].o, 1, parts, k, 0);
	}

	/* the rest: 金额不符, nearest amounts first */
	if ((cd = calloc(nm + 1, sizeof(*cd))) == NULL)
		return DZ_ERR_NOMEM;
	for (n = 0, i = 0; i < nm; i++) {
		if (c->o.used[m[i].o] || c->t.used[m[i].t])
			continue;
		cd[n].absdelta = i64abs(t[m[i].t].amount - o[m[i].o].amount);
		cd[n].orank = m[i].orank;
		cd[n].trank = m[i].trank;
		cd[n].o = m[i].o;
		cd[n].t = m[i].t;
		cd[n].alias = m[i].alias;
		n++;
	}
	qsort(cd, n, sizeof(*cd), cand_cmp);
	for (i = 0; i < n; i++)
		if (!c->o.used[cd[i].o] && !c->t.used[cd[i].t])
			pair(c, DZ_MATCH_AMOUNT,
			    cd[i].alias ? DZ_HOW_ALIAS : DZ_HOW_NUMBER,
			    cd[i].o, cd[i].t, 0);
	free(cd);
	return DZ_OK;
}

static enum dz_err
p1(struct ctx *c)
{
	const struct dz_match_opts	*op = c->op;
	struct numidx			 x;
	struct mention			*m = NULL;
	const char			*s;
	size_t				 i, nm = 0, first, len, a;
	unsigned char			 seen[DZ_MATCH_REF_MAX + 1];
	enum dz_err			 err = DZ_ERR_NOMEM;

	memset(&x, 0, sizeof(x));
	memset(seen, 0, sizeof(seen));
	x.nums = calloc(c->o.n + 1, sizeof(*x.nums));
	x.al = calloc(op->naliases + 1, sizeof(*x.al));
	if (x.nums == NULL || x.al == NULL)
		goto out;
	for (i = 0; i < c->o.n; i++) {
		s = span(c->o.r[i].ref, &len);
		if (len == 0)
			continue;
		x.nums[x.nnums].s = s;
		x.nums[x.nnums].len = len;
		x.nums[x.nnums].rank = c->o.rank[i];
		x.nums[x.nnums].idx = i;
		x.nnums++;
		if (len >= NUMBER_MIN)
			seen[len] = 1;
	}
	if (x.nnums == 0) {
		err = DZ_OK;
		goto out;
	}
	qsort(x.nums, x.nnums, sizeof(*x.nums), num_sort);
	for (len = NUMBER_MIN; len <= DZ_MATCH_REF_MAX; len++)
		if (seen[len])
			x.lens[x.nlens++] = len;
	for (i = 0; i < op->naliases; i++) {
		x.al[x.nal].theirs = span(op->aliases[i].theirs, &x.al[x.nal].tlen);
		x.al[x.nal].ours = span(op->aliases[i].ours, &x.al[x.nal].olen);
		if (x.al[x.nal].tlen > 0 && x.al[x.nal].olen > 0)
			x.nal++;
	}
	qsort(x.al, x.nal, sizeof(*x.al), alias_sort);

	/* NOTE: MENTIONS_MAX per row of theirs bounds m[] */
	if ((m = calloc(c->t.n * MENTIONS_MAX + 1, sizeof(*m))) == NULL)
		goto out;
	for (i = 0; i < c->t.n; i++) {
		if (c->t.r[i].amount == 0)
			continue;
		first = nm;
		/* their ref is our number, or is known to stand for one */
		s = span(c->t.r[i].ref, &len);
		if (len > 0) {
			mention_add(c, &x, i, s, len, 0, m, &nm, first);
			for (a = alias_find(x.al, x.nal, s, len); a < x.nal &&
			    num_cmp(x.al[a].theirs, x.al[a].tlen, s, len) == 0; a++)
				mention_add(c, &x, i, x.al[a].ours, x.al[a].olen,
				    1, m, &nm, first);
			mention_text(c, &x, i, s, len, m, &nm, first);
		}
		/* or the memo names it */
		s = span(c->t.r[i].memo, &len);
		mention_text(c, &x, i, s, len, m, &nm, first);
	}
	err = p1_lines(c, m, nm);
out:
	free(m);
	free(x.nums);
	free(x.al);
	return err;
}

/*
 * P2: the same amount, nearest day first. kt[] and ko[] are sorted by
 * (amount, day, rank); a run is a stretch of equal (amount, day), and
 * head[] (at a run's first position) is the first of its rows still
 * free: rows of a run are interchangeable for P2 and are taken in rank
 * order, so the free ones are always the run's tail.
 */
struct runs {
	struct key	*k;
	size_t		 n;
	size_t		*head;		/* at a run's start: first free */
	size_t		*end;		/* at a run's start: one past its end */
};

static enum dz_err
runs_init(struct runs *r, const struct side *s)
{
	size_t	i, j;

	r->k = calloc(s->n + 1, sizeof(*r->k));
	r->head = calloc(s->n + 1, sizeof(*r->head));
	r->end = calloc(s->n + 1, sizeof(*r->end));
	if (r->k == NULL || r->head == NULL || r->end == NULL)
		return DZ_ERR_NOMEM;
	r->n = keys(s, r->k, 0, key_amount_cmp);
	for (i = 0; i < r->n; i = j) {
		for (j = i; j < r->n && r->k[j].amount == r->k[i].amount &&
		    r->k[j].day == r->k[i].day; j++)
			;
		r->head[i] = i;
		r->end[i] = j;
	}
	return DZ_OK;
}

static void
runs_free(struct runs *r)
{
	free(r->k);
	free(r->head);
	free(r->end);
}

/* The start of the run (amount, day), or r->n. */
static size_t
run_find(const struct runs *r, int64_t amount, long day)
{
	size_t	lo = 0, hi = r->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->k[mid].amount < amount ||
		    (r->k[mid].amount == amount && r->k[mid].day < day))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->n && r->k[lo].amount == amount && r->k[lo].day == day)
		return lo;
	return r->n;
}

/* The run (amount, day) with a free row: its start, or r->n. */
static size_t
run_free(const struct runs *r, int64_t amount, long day)
{
	size_t	s;

	if (day < 0)
		return r->n;
	s = run_find(r, amount, day);
	if (s < r->n && r->head[s] < r->end[s])
		return s;
	return r->n;
}

/* The first run of amount, or r->n. */
static size_t
run_amount(const struct runs *r, int64_t amount)
{
	size_t	lo = 0, hi = r->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->k[mid].amount < amount)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->n && r->k[lo].amount == amount ? lo : r->n;
}

/* The first run of amount with a free row (the earliest day: undated
 * runs sort first), or r->n. */
static size_t
run_amount_free(const struct runs *r, int64_t amount)
{
	size_t	s;

	for (s = run_amount(r, amount); s < r->n &&
	    r->k[s].amount == amount; s = r->end[s])
		if (r->head[s] < r->end[s])
			return s;
	return r->n;
}

/* Take the first free row of run s. */
static size_t
run_take(struct runs *r, size_t s)
{
	return r->k[r->head[s]++].idx;
}

/* Another run of the same amount as s with a row free. */
static int
run_other(const struct runs *r, size_t s)
{
	size_t	i;

	for (i = run_amount(r, r->k[s].amount); i < r->n && r->k[i].amount == r->k[s].amount; i = r->end[i])
		if (i != s && r->head[i] < r->end[i])
			return 1;
	return 0;
}

static enum dz_err
p2(struct ctx *c)
{
	struct runs	ro, rt;
	size_t		i, s, ts, os;
	long		d, w = c->op->window_days, day, tday;
	int		tie;
	enum dz_err	err;

	memset(&ro, 0, sizeof(ro));
	memset(&rt, 0, sizeof(rt));
	if ((err = runs_init(&ro, &c->o)) != DZ_OK ||
	    (err = runs_init(&rt, &c->t)) != DZ_OK)
		goto out;

	/* dated rows: every distance d over the whole ledger before d + 1 */
	for (d = 0; d <= w; d++)
		for (s = 0; s < ro.n; s = ro.end[s]) {
			day = ro.k[s].day;
			if (day < 0)
				continue;
			while (ro.head[s] < ro.end[s]) {
				tie = 0;
				if ((ts = run_free(&rt, ro.k[s].amount,
				    day - d)) < rt.n) {
					/* as near the other way: 待定 */
					tie = d > 0 && run_free(&rt,
					    ro.k[s].amount, day + d) < rt.n;
				} else if (d == 0 || (ts = run_free(&rt,
				    ro.k[s].amount, day + d)) == rt.n)
					break;
				/* their row as near to ours on its other side */
				tday = rt.k[ts].day;
				if (d > 0 && run_free(&ro, ro.k[s].amount,
				    2 * tday - day) < ro.n)
					tie = 1;
				i = run_take(&ro, s);
				pair(c, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE, i,
				    run_take(&rt, ts), tie);
			}
		}

	/*
	 * Undated rows last, by amount alone: an undated partner first, then
	 * the earliest; 待定 when another day was on offer too.
	 */
	for (s = 0; s < ro.n; s = ro.end[s]) {
		if (ro.k[s].day >= 0)
			continue;
		while (ro.head[s] < ro.end[s]) {
			if ((ts = run_amount_free(&rt, ro.k[s].amount)) == rt.n)
				break;
			tie = run_other(&rt, ts);
			i = run_take(&ro, s);
			pair(c, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE, i,
			    run_take(&rt, ts), tie);
		}
	}
	for (s = 0; s < rt.n; s = rt.end[s]) {
		if (rt.k[s].day >= 0)
			continue;
		while (rt.head[s] < rt.end[s]) {
			if ((os = run_amount_free(&ro, rt.k[s].amount)) == ro.n)
				break;
			tie = run_other(&ro, os);
			i = run_take(&ro, os);
			pair(c, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE, i,
			    run_take(&rt, s), tie);
		}
	}
	err = DZ_OK;
out:
	runs_free(&ro);
	runs_free(&rt);
	return err;
}

/* P3's tolerance for our amount a: near_bp of it or near_fen, the
 * larger; |a| * bp is split so it cannot overflow. */
static int64_t
near_tol(const struct dz_match_opts *op, int64_t a)
{
	int64_t	m = i64abs(a), bp;

	bp = m / 10000 * op->near_bp + m % 10000 * op->near_bp / 10000;
	return bp > op->near_fen ? bp : op->near_fen;
}

/*
 * P3: the same sign, within the window, within the tolerance. Each row of
 * ours offers at most NEAR_CANDS rows of theirs, nearest amount first;
 * all the offers are then taken smallest difference first.
 */
static enum dz_err
p3(struct ctx *c)
{
	struct key	*ko = NULL, *kt = NULL;
	struct cand	*cd = NULL;
	size_t		 no, nt, nc = 0, i, lo, hi, mid, l, r, got, scan;
	int64_t		 a, tol, dl, dr;
	long		 w = c->op->window_days;
	const struct key *k;
	enum dz_err	 err = DZ_ERR_NOMEM;

	ko = calloc(c->o.n + 1, sizeof(*ko));
	kt = calloc(c->t.n + 1, sizeof(*kt));
	if (ko == NULL || kt == NULL)
		goto out;
	no = keys(&c->o, ko, 1, key_amount_cmp);
	nt = keys(&c->t, kt, 1, key_amount_cmp);
	if (no == 0 || nt == 0) {
		err = DZ_OK;
		goto out;
	}
	if ((cd = calloc(no * NEAR_CANDS + 1, sizeof(*cd))) == NULL)
		goto out;
	for (i = 0; i < no; i++) {
		a = ko[i].amount;
		tol = near_tol(c->op, a);
		for (lo = 0, hi = nt; lo < hi; ) {
			mid = lo + (hi - lo) / 2;
			if (kt[mid].amount < a)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* outward from a: l down, r up, the nearer amount first */
		l = lo;
		r = lo;
		for (got = 0, scan = 0; got < NEAR_CANDS && scan < NEAR_SCAN;
		    scan++) {
			dl = l > 0 ? a - kt[l - 1].amount : -1;
			dr = r < nt ? kt[r].amount - a : -1;
			if (dl > tol)
				dl = -1;
			if (dr > tol)
				dr = -1;
			if (dl < 0 && dr < 0)
				break;
			k = (dl >= 0 && (dr < 0 || dl <= dr)) ? &kt[--l] :
			    &kt[r++];
			if (k->amount == a || sign(k->amount) != sign(a) ||
			    labs(k->day - ko[i].day) > w)
				continue;
			cd[nc].absdelta = i64abs(k->amount - a);
			cd[nc].dd = labs(k->day - ko[i].day);
			cd[nc].orank = ko[i].rank;
			cd[nc].trank = k->rank;
			cd[nc].o = ko[i].idx;
			cd[nc].t = k->idx;
			nc++;
			got++;
		}
	}
	qsort(cd, nc, sizeof(*cd), cand_cmp);
	for (i = 0; i < nc; i++)
		if (!c->o.used[cd[i].o] && !c->t.used[cd[i].t])
			pair(c, DZ_MATCH_AMOUNT, DZ_HOW_NEAR, cd[i].o, cd[i].t, 0);
	err = DZ_OK;
out:
	free(ko);
	free(kt);
	free(cd);
	return err;
}

/*
 * P4, one direction: each free dated row of `one` (by value) against the
 * free dated rows of `many` of its sign, smaller, within the window: at
 * most split_cands of them, nearest day first (the earlier of two as
 * near), then the first subset that sums to it.
 */
static enum dz_err
p4_dir(struct ctx *c, int theirs_one)
{
	struct side	*one = theirs_one ? &c->t : &c->o;
	struct side	*many = theirs_one ? &c->o : &c->t;
	struct key	*k1 = NULL, *km = NULL;
	int64_t		 amt[SPLIT_CANDS_MAX];
	long		 dist[SPLIT_CANDS_MAX];
	size_t		 who[SPLIT_CANDS_MAX], pick[DZ_MATCH_SPLIT_MAX];
	size_t		 parts[DZ_MATCH_SPLIT_MAX];
	size_t		 n1, nmany, i, lo, hi, mid, l, r, n, q, np;
	size_t		 ncand = c->op->split_cands;
	long		 w = c->op->window_days, day, dl, dr;
	const struct key *k;
	enum dz_err	 err = DZ_ERR_NOMEM;

	k1 = calloc(one->n + 1, sizeof(*k1));
	km = calloc(many->n + 1, sizeof(*km));
	if (k1 == NULL || km == NULL)
		goto out;
	n1 = keys(one, k1, 1, key_amount_cmp);
	nmany = keys(many, km, 1, key_day_cmp);
	for (i = 0; i < n1; i++) {
		if (one->used[k1[i].idx] || k1[i].amount == 0)
			continue;
		day = k1[i].day;
		for (lo = 0, hi = nmany; lo < hi; ) {
			mid = lo + (hi - lo) / 2;
			if (km[mid].day < day)
				lo = mid + 1;
			else
				hi = mid;
		}
		l = lo;
		r = lo;
		for (n = 0; n < ncand; ) {
			dl = l > 0 ? day - km[l - 1].day : -1;
			dr = r < nmany ? km[r].day - day : -1;
			if (dl > w)
				dl = -1;
			if (dr > w)
				dr = -1;
			if (dl < 0 && dr < 0)
				break;
			k = (dl >= 0 && (dr < 0 || dl <= dr)) ? &km[--l] :
			    &km[r++];
			if (many->used[k->idx] ||
			    sign(k->amount) != sign(k1[i].amount) ||
			    i64abs(k->amount) >= i64abs(k1[i].amount))
				continue;
			amt[n] = k->amount;
			dist[n] = k->day > day ? k->day - day : day - k->day;
			who[n++] = k->idx;
		}
		if ((np = subset(amt, dist, n, k1[i].amount, c->op->split_max,
		    pick)) == 0)
			continue;
		for (q = 0; q < np; q++)
			parts[q] = who[pick[q]];
		if (theirs_one)
			add_line(c, DZ_MATCH_SPLIT, DZ_HOW_SUM, parts, np,
			    &k1[i].idx, 1, 0);
		else
			add_line(c, DZ_MATCH_SPLIT, DZ_HOW_SUM, &k1[i].idx, 1,
			    parts, np, 0);
	}
	err = DZ_OK;
out:
	free(k1);
	free(km);
	return err;
}

static int
near_end(const struct dz_match_opts *op, long day)
{
	return day >= 0 && day <= op->period_end &&
	    op->period_end - day <= op->timing_days;
}

/* P5: one line a row. */
static void
p5(struct ctx *c)
{
	size_t	i;

	for (i = 0; i < c->o.n; i++)
		if (!c->o.used[i]) {
			if (near_end(c->op, c->o.r[i].day))
				add_line(c, DZ_MATCH_TIMING_OURS, DZ_HOW_TIMING,
				    &i, 1, NULL, 0, 0);
			else
				add_line(c, DZ_MATCH_ONLY_OURS, DZ_HOW_NONE,
				    &i, 1, NULL, 0, 0);
		}
	for (i = 0; i < c->t.n; i++)
		if (!c->t.used[i]) {
			if (near_end(c->op, c->t.r[i].day))
				add_line(c, DZ_MATCH_TIMING_THEIRS, DZ_HOW_TIMING,
				    NULL, 0, &i, 1, 0);
			else
				add_line(c, DZ_MATCH_ONLY_THEIRS, DZ_HOW_NONE,
				    NULL, 0, &i, 1, 0);
		}
}

static enum dz_err
check_opts(const struct dz_match_opts *op)
{
	size_t	i;

	if (op == NULL || op->window_days < 0 || op->window_days > DAYS_MAX ||
	    op->near_bp < 0 || op->near_bp > 10000 || op->near_fen < 0 ||
	    op->near_fen > DZ_MONEY_MAX || op->timing_days < 0 ||
	    op->timing_days > DAYS_MAX || op->period_end < 0 ||
	    op->split_max > DZ_MATCH_SPLIT_MAX ||
	    op->split_cands > SPLIT_CANDS_MAX ||
	    (op->naliases > 0 && op->aliases == NULL))
		return DZ_ERR_INVAL;
	for (i = 0; i < op->naliases; i++)
		if (op->aliases[i].theirs == NULL || op->aliases[i].ours == NULL)
			return DZ_ERR_INVAL;
	return DZ_OK;
}

/* Rows' amounts and dates in range; *abs the sum of |amount| (checked). */
static enum dz_err
check_rows(const struct dz_match_row *r, size_t n, int ours, int64_t *abs)
{
	size_t	i;

	*abs = 0;
	if (n > DZ_MATCH_ROWS_MAX || (n > 0 && r == NULL))
		return DZ_ERR_INVAL;
	for (i = 0; i < n; i++) {
		if (r[i].amount > DZ_MONEY_MAX || r[i].amount < -DZ_MONEY_MAX ||
		    (ours && r[i].amount == 0) || r[i].day < -1 ||
		    dz_money_add(*abs, i64abs(r[i].amount), abs) != DZ_OK)
			return DZ_ERR_INVAL;
	}
	return DZ_OK;
}

static enum dz_err
recon(struct dz_match_result *out, int64_t our_opening, int64_t our_closing,
    const int64_t *their_opening, const int64_t *their_closing,
    int64_t sum_theirs)
{
	struct dz_match_recon	*rc = &out->recon;
	size_t			 i;

	rc->our_opening = our_opening;
	rc->our_closing = our_closing;
	rc->their_opening = their_opening != NULL ? *their_opening : our_opening;
	rc->their_closing_given = their_closing != NULL;
	rc->their_closing = their_closing != NULL ? *their_closing :
	    rc->their_opening + sum_theirs;
	rc->opening_diff = rc->their_opening - rc->our_opening;
	for (i = 0; i < out->nlines; i++) {
		rc->by_kind[out->line[i].kind] += out->line[i].delta;
		rc->count[out->line[i].kind]++;
	}
	/* what their own rows do not explain of their closing */
	rc->unexplained = rc->their_closing - rc->their_opening - sum_theirs;
	return DZ_OK;
}

enum dz_err
dz_match(const struct dz_match_row *ours, size_t nours,
    const struct dz_match_row *theirs, size_t ntheirs,
    int64_t our_opening, int64_t our_closing,
    const int64_t *their_opening, const int64_t *their_closing,
    const struct dz_match_opts *op, struct dz_match_result *out)
{
	struct ctx	 c;
	int64_t		 abs_o, abs_t, bound, sum_o = 0, sum_t = 0;
	size_t		 i;
	enum dz_err	 err;

	if (out == NULL)
		return DZ_ERR_INVAL;
	memset(out, 0, sizeof(*out));
	memset(&c, 0, sizeof(c));
	if ((err = check_opts(op)) != DZ_OK ||
	    (err = check_rows(ours, nours, 1, &abs_o)) != DZ_OK ||
	    (err = check_rows(theirs, ntheirs, 0, &abs_t)) != DZ_OK)
		return err;
	/*
	 * One bound for every figure below: each is a signed sum of some of
	 * these magnitudes, so once their total fits in int64 nothing after
	 * can overflow.
	 */
	if (dz_money_add(abs_o, abs_t, &bound) != DZ_OK ||
	    our_opening == INT64_MIN || our_closing == INT64_MIN ||
	    dz_money_add(bound, i64abs(our_opening), &bound) != DZ_OK ||
	    dz_money_add(bound, i64abs(our_closing), &bound) != DZ_OK ||
	    (their_opening != NULL && (*their_opening == INT64_MIN ||
	    dz_money_add(bound, i64abs(*their_opening), &bound) != DZ_OK)) ||
	    (their_closing != NULL && (*their_closing == INT64_MIN ||
	    dz_money_add(bound, i64abs(*their_closing), &bound) != DZ_OK)))
		return DZ_ERR_INVAL;
	for (i = 0; i < nours; i++)
		sum_o += ours[i].amount;
	for (i = 0; i < ntheirs; i++)
		sum_t += theirs[i].amount;
	if (our_opening + sum_o != our_closing)
		return DZ_ERR_INVAL;

	c.op = op;
	err = DZ_ERR_NOMEM;
	if (side_init(&c.o, ours, nours) != DZ_OK ||
	    side_init(&c.t, theirs, ntheirs) != DZ_OK ||
	    (c.line = calloc(nours + ntheirs + 1, sizeof(*c.line))) == NULL)
		goto out;
	if ((err = p1(&c)) != DZ_OK || (err = p2(&c)) != DZ_OK ||
	    (err = p3(&c)) != DZ_OK)
		goto out;
	if (op->split_max >= 2 && op->split_cands >= 2 &&
	    ((err = p4_dir(&c, 1)) != DZ_OK || (err = p4_dir(&c, 0)) != DZ_OK))
		goto out;
	p5(&c);
	qsort(c.line, c.nlines, sizeof(*c.line), line_cmp);
	out->line = c.line;
	out->nlines = c.nlines;
	c.line = NULL;
	err = recon(out, our_opening, our_closing, their_opening,
	    their_closing, sum_t);
out:
	free(c.line);
	side_free(&c.o);
	side_free(&c.t);
	return err;
}
