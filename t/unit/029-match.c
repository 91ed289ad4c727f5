/*
 * 029-match: 账目核对 (lib/match): hand-made ledgers for each pass, their
 * edges worked out on paper (the window of 5 days: 5 in, 6 out; 0.5 % and
 * ¥10: the last fen in, the next out), then a few thousand random ledgers
 * that must keep the invariants of match.h: each row in exactly one line,
 * the lines' sums, the 余额调节表's identity, and the same pairings by value
 * whatever the order of the input.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "clock.h"
#include "match.h"
#include "money.h"
#include "tap.h"

#define R(d, ref, memo, amt)	{ (d), (ref), (memo), (amt) }

static long	nov1;

/* Day d of November 2026 (0: none). */
static long
N(int d)
{
	return d == 0 ? -1 : nov1 + d - 1;
}

static int64_t
sum(const struct dz_match_row *r, size_t n)
{
	int64_t	s = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		s += r[i].amount;
	return s;
}

/* Match with our opening 0 and the closing that fits. */
static enum dz_err
run(const struct dz_match_row *o, size_t no, const struct dz_match_row *t,
    size_t nt, const struct dz_match_opts *op, struct dz_match_result *res)
{
	return dz_match(o, no, t, nt, 0, sum(o, no), NULL, NULL, op, res);
}

static const struct dz_match_line *
of_ours(const struct dz_match_result *res, size_t i)
{
	size_t	l, k;

	for (l = 0; l < res->nlines; l++)
		for (k = 0; k < res->line[l].nours; k++)
			if (res->line[l].ours[k] == i)
				return &res->line[l];
	return NULL;
}

static const struct dz_match_line *
of_theirs(const struct dz_match_result *res, size_t i)
{
	size_t	l, k;

	for (l = 0; l < res->nlines; l++)
		for (k = 0; k < res->line[l].ntheirs; k++)
			if (res->line[l].theirs[k] == i)
				return &res->line[l];
	return NULL;
}

/* Our row i is paired with their row j alone, by kind and how. */
static int
paired(const struct dz_match_result *res, size_t i, size_t j,
    enum dz_match_kind kind, enum dz_match_how how)
{
	const struct dz_match_line	*l = of_ours(res, i);

	if (l == NULL)
		return 0;
	if (l->nours != 1 || l->ntheirs != 1 || l->theirs[0] != j ||
	    l->kind != kind || l->how != how) {
		diag("ours %zu: %s/%s with %zu of ours, %zu of theirs (first %zu)",
		    i, dz_match_kind_code(l->kind), dz_match_how_code(l->how),
		    l->nours, l->ntheirs, l->ntheirs ? l->theirs[0] : 0);
		return 0;
	}
	return 1;
}

static int
alone_ours(const struct dz_match_result *res, size_t i, enum dz_match_kind kind)
{
	const struct dz_match_line	*l = of_ours(res, i);

	return l != NULL && l->nours == 1 && l->ntheirs == 0 && l->kind == kind;
}

static int
alone_theirs(const struct dz_match_result *res, size_t i,
    enum dz_match_kind kind)
{
	const struct dz_match_line	*l = of_theirs(res, i);

	return l != NULL && l->ntheirs == 1 && l->nours == 0 && l->kind == kind;
}

/*
 * The invariants of match.h for one result; returns a short reason, or
 * NULL when all hold.
 */
static const char *
invariants(const struct dz_match_row *o, size_t no,
    const struct dz_match_row *t, size_t nt, int64_t oo, const int64_t *to,
    const int64_t *tc, const struct dz_match_opts *op,
    const struct dz_match_result *res)
{
	static unsigned char	 so[512], st[512];
	const struct dz_match_line *l;
	const struct dz_match_recon *rc = &res->recon;
	int64_t			 os, ts, bk[DZ_MATCH__MAX], tot;
	size_t			 i, k, cnt[DZ_MATCH__MAX];

	memset(so, 0, sizeof(so));
	memset(st, 0, sizeof(st));
	memset(bk, 0, sizeof(bk));
	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < res->nlines; i++) {
		l = &res->line[i];
		if (l->nours > DZ_MATCH_SPLIT_MAX || l->ntheirs > DZ_MATCH_SPLIT_MAX ||
		    l->nours + l->ntheirs == 0 || (unsigned)l->kind >= DZ_MATCH__MAX)
			return "a line's shape";
		os = ts = 0;
		for (k = 0; k < l->nours; k++) {
			if (l->ours[k] >= no || so[l->ours[k]]++)
				return "one of ours in two lines";
			if (k > 0 && l->ours[k] <= l->ours[k - 1])
				return "ours in a line not in order";
			os += o[l->ours[k]].amount;
		}
		for (k = 0; k < l->ntheirs; k++) {
			if (l->theirs[k] >= nt || st[l->theirs[k]]++)
				return "one of theirs in two lines";
			if (k > 0 && l->theirs[k] <= l->theirs[k - 1])
				return "theirs in a line not in order";
			ts += t[l->theirs[k]].amount;
		}
		if (os != l->ours_sum || ts != l->theirs_sum)
			return "a line's sums";
		if (l->delta != ts - os)
			return "a line's delta";
		switch (l->kind) {
		case DZ_MATCH_EXACT:
			if (l->delta != 0 || l->nours != 1 || l->ntheirs != 1)
				return "an exact line";
			break;
		case DZ_MATCH_AMOUNT:
			if (l->delta == 0 || l->nours != 1 || l->ntheirs != 1)
				return "an amount line";
			break;
		case DZ_MATCH_SPLIT:
			if (l->delta != 0 || l->nours + l->ntheirs < 3 ||
			    (l->nours != 1 && l->ntheirs != 1) ||
			    l->nours > op->split_max || l->ntheirs > op->split_max)
				return "a split line";
			break;
		case DZ_MATCH_TIMING_OURS:
		case DZ_MATCH_ONLY_OURS:
			if (l->nours != 1 || l->ntheirs != 0)
				return "a line of ours alone";
			if (l->kind == DZ_MATCH_TIMING_OURS &&
			    (o[l->ours[0]].day < 0 ||
			    op->period_end - o[l->ours[0]].day > op->timing_days))
				return "timing of ours far from the end";
			break;
		default:
			if (l->nours != 0 || l->ntheirs != 1)
				return "a line of theirs alone";
		}
		if (l->how == DZ_HOW_AMOUNT_DATE && (l->delta != 0 ||
		    (o[l->ours[0]].day >= 0 && t[l->theirs[0]].day >= 0 &&
		    labs(o[l->ours[0]].day - t[l->theirs[0]].day) > op->window_days)))
			return "an amount-date pair outside the window";
		if (l->how == DZ_HOW_NEAR && (o[l->ours[0]].day < 0 ||
		    t[l->theirs[0]].day < 0 ||
		    labs(o[l->ours[0]].day - t[l->theirs[0]].day) > op->window_days ||
		    (o[l->ours[0]].amount > 0) != (t[l->theirs[0]].amount > 0)))
			return "a near pair outside the window or of another sign";
		if (i > 0) {
			const struct dz_match_line *p = &res->line[i - 1];
			size_t a = p->nours ? p->ours[0] : SIZE_MAX;
			size_t b = l->nours ? l->ours[0] : SIZE_MAX;

			if (p->kind > l->kind || (p->kind == l->kind && (a > b ||
			    (a == b && p->theirs[0] > l->theirs[0]))))
				return "lines out of order";
		}
		bk[l->kind] += l->delta;
		cnt[l->kind]++;
	}
	for (i = 0; i < no; i++)
		if (so[i] != 1)
			return "one of ours in no line";
	for (i = 0; i < nt; i++)
		if (st[i] != 1)
			return "one of theirs in no line";
	tot = rc->our_closing + rc->opening_diff + rc->unexplained;
	for (k = 0; k < DZ_MATCH__MAX; k++) {
		if (bk[k] != rc->by_kind[k] || cnt[k] != rc->count[k])
			return "by_kind or count";
		tot += rc->by_kind[k];
	}
	if (tot != rc->their_closing)
		return "the identity";
	if (rc->our_opening != oo || rc->our_closing != oo + sum(o, no) ||
	    rc->their_opening != (to != NULL ? *to : oo) ||
	    rc->opening_diff != rc->their_opening - oo)
		return "the balances";
	if ((tc == NULL || *tc == rc->their_opening + sum(t, nt)) &&
	    rc->unexplained != 0)
		return "unexplained when their rows explain it all";
	if (tc != NULL && rc->unexplained != *tc - rc->their_opening - sum(t, nt))
		return "unexplained";
	return NULL;
}

/* A seeded xorshift64*: the same ledgers on every run. */
static uint64_t	rng = 0x9e3779b97f4a7c15ULL;

static uint64_t
rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

static long
rn(long n)
{
	return n > 0 ? (long)(rnd() % (uint64_t)n) : 0;
}

#define PMAX	160

struct ledger {
	struct dz_match_row	o[PMAX], t[PMAX];
	size_t			no, nt;
	char			oref[PMAX][16], tref[PMAX][16], tmemo[PMAX][48];
};

static int64_t
ramount(void)
{
	static const int64_t	pool[] = { 10000, 25000, 99900, 100000, 123456 };
	int64_t			a;

	/* a few amounts come back often: duplicates on both sides */
	a = rn(3) == 0 ? pool[rn(DZ_NELEM(pool))] : 1 + rn(2000000);
	return rn(5) == 0 ? -a : a;
}

static long
rday(void)
{
	return rn(12) == 0 ? -1 : N(1 + (int)rn(30));
}

static void
gen(struct ledger *g)
{
	size_t	n, i, k, parts;
	int64_t	a, left;

	memset(g, 0, sizeof(*g));
	n = (size_t)rn(40);
	for (i = 0; i < n; i++) {
		snprintf(g->oref[i], sizeof(g->oref[i]), "XS%05zu", i + (size_t)rn(3) * 7);
		g->o[i] = (struct dz_match_row)R(rday(), g->oref[i], "", ramount());
	}
	g->no = n;
	for (i = 0; i < n && g->nt < PMAX - 8; i++) {
		k = g->nt;
		g->t[k] = g->o[i];
		g->t[k].ref = g->tref[k];
		g->t[k].memo = g->tmemo[k];
		switch (rn(10)) {
		case 0:		/* they have no such row */
			continue;
		case 1:
		case 2:		/* booked under our number */
			snprintf(g->tref[k], sizeof(g->tref[k]), "%s", g->oref[i]);
			if (rn(4) == 0)
				g->t[k].amount += rn(3000) - 1500;
			break;
		case 3:		/* our number in their memo */
			snprintf(g->tmemo[k], sizeof(g->tmemo[k]), "货款%s 已付", g->oref[i]);
			break;
		case 4:		/* a near amount */
			g->t[k].amount += (g->t[k].amount > 0 ? 1 : -1) * rn(1200);
			/* FALLTHROUGH */
		case 5:
		case 6:		/* a date of their own */
			if (g->t[k].day >= 0)
				g->t[k].day += rn(15) - 7;
			snprintf(g->tref[k], sizeof(g->tref[k]), "PZ%zu", k);
			break;
		case 7:		/* booked in parts */
			parts = 2 + (size_t)rn(2);
			a = g->o[i].amount;
			left = a;
			for (; parts > 1 && g->nt < PMAX - 1; parts--) {
				g->t[g->nt] = g->o[i];
				g->t[g->nt].ref = g->tref[g->nt];
				g->t[g->nt].memo = g->tmemo[g->nt];
				g->t[g->nt].amount = left / 2;
				if (g->t[g->nt].amount == 0)
					break;
				left -= left / 2;
				g->nt++;
			}
			g->t[g->nt] = g->o[i];
			g->t[g->nt].ref = g->tref[g->nt];
			g->t[g->nt].memo = g->tmemo[g->nt];
			g->t[g->nt].amount = left;
			break;
		default:	/* the same amount and day */
			break;
		}
		g->nt++;
	}
	/* rows of their own */
	for (i = (size_t)rn(6); i > 0 && g->nt < PMAX; i--) {
		g->t[g->nt] = (struct dz_match_row)R(rday(), g->tref[g->nt],
		    g->tmemo[g->nt], rn(8) == 0 ? 0 : ramount());
		g->nt++;
	}
}

/* Append s to buf (glibc 2.36 has no strlcat). */
static void
cat(char *buf, const char *s, size_t sz)
{
	size_t	n = strlen(buf);

	if (n < sz)
		snprintf(buf + n, sz - n, "%s", s);
}

/* A line by value: what it holds, whatever the rows' places. */
static int
strp_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
row_text(const struct dz_match_row *r, char *buf, size_t sz)
{
	snprintf(buf, sz, "%lld@%ld[%s|%s]", (long long)r->amount, r->day,
	    r->ref ? r->ref : "", r->memo ? r->memo : "");
}

/* The multiset of the lines by value, as one sorted string in *out. */
static char *
by_value(const struct dz_match_row *o, const struct dz_match_row *t,
    const struct dz_match_result *res)
{
	char		**s, part[3][128], buf[1024], *all;
	size_t		  i, k, len = 1, n;

	s = calloc(res->nlines + 1, sizeof(*s));
	for (i = 0; i < res->nlines; i++) {
		const struct dz_match_line *l = &res->line[i];
		char *p[3], tmp[128];

		snprintf(buf, sizeof(buf), "%s/%s/%d:", dz_match_kind_code(l->kind),
		    dz_match_how_code(l->how), l->tie);
		for (n = 0; n < l->nours; n++) {
			row_text(&o[l->ours[n]], part[n], sizeof(part[n]));
			p[n] = part[n];
		}
		qsort(p, n, sizeof(*p), strp_cmp);
		for (k = 0; k < n; k++) {
			cat(buf, p[k], sizeof(buf));
			cat(buf, ",", sizeof(buf));
		}
		cat(buf, " = ", sizeof(buf));
		for (n = 0; n < l->ntheirs; n++) {
			row_text(&t[l->theirs[n]], part[n], sizeof(part[n]));
			p[n] = part[n];
		}
		qsort(p, n, sizeof(*p), strp_cmp);
		for (k = 0; k < n; k++) {
			snprintf(tmp, sizeof(tmp), "%s,", p[k]);
			cat(buf, tmp, sizeof(buf));
		}
		s[i] = strdup(buf);
		len += strlen(buf) + 1;
	}
	qsort(s, res->nlines, sizeof(*s), strp_cmp);
	all = calloc(len, 1);
	for (i = 0; i < res->nlines; i++) {
		cat(all, s[i], len);
		cat(all, "\n", len);
		free(s[i]);
	}
	free(s);
	return all;
}

static void
shuffle(struct dz_match_row *r, size_t n)
{
	struct dz_match_row	x;
	size_t			i, j;

	for (i = n; i > 1; i--) {
		j = (size_t)rn((long)i);
		x = r[i - 1];
		r[i - 1] = r[j];
		r[j] = x;
	}
}

static void
property(int rounds)
{
	static struct ledger	 g;
	struct dz_match_row	 so[PMAX], st[PMAX];
	struct dz_match_opts	 op;
	struct dz_match_result	 a, b;
	int64_t			 to, tc, oo;
	const char		*why, *first = NULL;
	char			*va, *vb;
	int			 r, bad = 0, nondet = 0, unstable = 0, errs = 0;
	int			 splits = 0, nears = 0, timings = 0, ties = 0, lines = 0;

	for (r = 0; r < rounds; r++) {
		gen(&g);
		dz_match_opts_default(&op, N(30));
		if (rn(3) == 0) {
			op.window_days = (int)rn(8);
			op.split_max = (size_t)rn(4);
			op.split_cands = (size_t)rn(21);
			op.timing_days = (int)rn(8);
		}
		oo = rn(2) ? 0 : rn(10000000) - 5000000;
		to = oo + rn(3) * 1000;
		tc = to + sum(g.t, g.nt) + (rn(3) == 0 ? rn(5000) : 0);
		if (dz_match(g.o, g.no, g.t, g.nt, oo, oo + sum(g.o, g.no),
		    rn(2) ? &to : NULL, rn(2) ? &tc : NULL, &op, &a) != DZ_OK) {
			errs++;
			dz_match_result_free(&a);
			continue;
		}
		/* the reason is given again below with the same pointers */
		if ((why = invariants(g.o, g.no, g.t, g.nt, oo,
		    a.recon.their_opening == oo ? NULL : &a.recon.their_opening,
		    a.recon.their_closing_given ? &a.recon.their_closing : NULL,
		    &op, &a)) != NULL) {
			if (bad++ == 0)
				first = why;
		}
		lines += (int)a.nlines;
		splits += (int)a.recon.count[DZ_MATCH_SPLIT];
		timings += (int)(a.recon.count[DZ_MATCH_TIMING_OURS] +
		    a.recon.count[DZ_MATCH_TIMING_THEIRS]);
		for (size_t i = 0; i < a.nlines; i++) {
			nears += a.line[i].how == DZ_HOW_NEAR;
			ties += a.line[i].tie;
		}

		/* again: the very same lines */
		if (dz_match(g.o, g.no, g.t, g.nt, oo, oo + sum(g.o, g.no),
		    NULL, NULL, &op, &b) != DZ_OK || b.nlines != a.nlines ||
		    memcmp(a.line, b.line, a.nlines * sizeof(*a.line)) != 0)
			unstable++;
		dz_match_result_free(&b);

		/* shuffled: the same pairings by value */
		memcpy(so, g.o, g.no * sizeof(*so));
		memcpy(st, g.t, g.nt * sizeof(*st));
		shuffle(so, g.no);
		shuffle(st, g.nt);
		va = by_value(g.o, g.t, &a);
		if (dz_match(so, g.no, st, g.nt, oo, oo + sum(g.o, g.no),
		    NULL, NULL, &op, &b) != DZ_OK)
			nondet++;
		else {
			vb = by_value(so, st, &b);
			if (strcmp(va, vb) != 0) {
				if (nondet++ == 0)
					diag("round %d:\n%s---\n%s", r, va, vb);
			}
			free(vb);
		}
		free(va);
		dz_match_result_free(&b);
		dz_match_result_free(&a);
	}
	is_int(errs, 0, "%d random ledgers: all accepted", rounds);
	ok(bad == 0, "random ledgers: every row in one line, the sums, the kinds, "
	    "the order and the 余额调节表 hold (%d bad%s%s)", bad,
	    first ? ": " : "", first ? first : "");
	is_int(unstable, 0, "the same input twice: the same lines");
	is_int(nondet, 0, "the input shuffled: the same pairings by value");
	ok(splits > 0 && nears > 0 && timings > 0 && ties > 0,
	    "the random ledgers reach every pass (%d lines: %d splits, %d near, "
	    "%d timing, %d ties)", lines, splits, nears, timings, ties);
}

int
main(void)
{
	struct dz_match_opts	 op;
	struct dz_match_result	 res;
	const struct dz_match_line *l;
	enum dz_match_kind	 kind;
	enum dz_match_how	 how;
	int64_t			 to, tc;
	size_t			 i;

	nov1 = dz_date_day("2026-11-01");
	ok(nov1 > 0, "2026-11-01 is a day");
	dz_match_opts_default(&op, N(30));
	is_int(op.window_days, 5, "default window: 5 days");
	is_int(op.near_bp, 50, "default near: 50 bp");
	is_int(op.near_fen, 1000, "default near: 1000 fen");
	is_int((long long)op.split_max, 3, "default split: 3");
	is_int((long long)op.split_cands, 20, "default candidates: 20");

	/* codes, both ways */
	for (i = 0; i < DZ_MATCH__MAX; i++)
		ok(dz_match_kind_from_code(dz_match_kind_code((enum dz_match_kind)i),
		    &kind) == DZ_OK && kind == (enum dz_match_kind)i,
		    "kind %s round trip", dz_match_kind_code((enum dz_match_kind)i));
	for (i = 0; i < DZ_HOW__MAX; i++)
		ok(dz_match_how_from_code(dz_match_how_code((enum dz_match_how)i),
		    &how) == DZ_OK && how == (enum dz_match_how)i,
		    "how %s round trip", dz_match_how_code((enum dz_match_how)i));
	is_str(dz_match_kind_code(DZ_MATCH_TIMING_OURS), "timing_ours", "timing_ours");
	is_str(dz_match_how_code(DZ_HOW_AMOUNT_DATE), "amount_date", "amount_date");
	ok(dz_match_kind_from_code("Exact", &kind) == DZ_ERR_INVAL, "codes are exact");
	ok(dz_match_how_from_code(NULL, &how) == DZ_ERR_INVAL, "no code");

	/* P1: our number as their ref, in any case, with blanks */
	{
		struct dz_match_row o[] = {
			R(N(3), "XS-2026-0001", "", 100000),
			R(N(3), "XS-2026-0002", "", 100000),
		};
		struct dz_match_row t[] = {
			/* far in time, and both of the same amount: only the
			 * number can tell them apart */
			R(N(28), " xs-2026-0002 ", "", 100000),
			R(N(20), "XS-2026-0001", "", 100000),
		};
		ok(run(o, 2, t, 2, &op, &res) == DZ_OK, "P1 by number: ok");
		ok(paired(&res, 0, 1, DZ_MATCH_EXACT, DZ_HOW_NUMBER), "XS-2026-0001 found by ref");
		ok(paired(&res, 1, 0, DZ_MATCH_EXACT, DZ_HOW_NUMBER), "xs-2026-0002 with blanks, case folded");
		is_int(res.recon.count[DZ_MATCH_EXACT], 2, "two exact lines");
		dz_match_result_free(&res);
	}
	/* P1: the number, another amount: 金额不符 */
	{
		struct dz_match_row o[] = { R(N(3), "XS-0007", "", 50000) };
		struct dz_match_row t[] = { R(N(25), "XS-0007", "运费另计", 48000) };

		ok(run(o, 1, t, 1, &op, &res) == DZ_OK, "P1 amount differs: ok");
		ok(paired(&res, 0, 0, DZ_MATCH_AMOUNT, DZ_HOW_NUMBER), "paired by number: amount");
		is_int(res.line[0].delta, -2000, "theirs - ours = -20.00");
		is_int(res.recon.by_kind[DZ_MATCH_AMOUNT], -2000, "by_kind amount -20.00");
		dz_match_result_free(&res);
	}
	/* P1: an alias learned earlier */
	{
		struct dz_match_alias al[] = { { "PZ-88", "XS-2026-0010" } };
		struct dz_match_opts ao = op;
		struct dz_match_row o[] = {
			R(N(10), "XS-2026-0009", "", 70000),
			R(N(2), "XS-2026-0010", "", 70000),
		};
		struct dz_match_row t[] = { R(N(10), "PZ-88", "", 70000) };

		ao.aliases = al;
		ao.naliases = 1;
		ok(run(o, 2, t, 1, &ao, &res) == DZ_OK, "P1 alias: ok");
		ok(paired(&res, 1, 0, DZ_MATCH_EXACT, DZ_HOW_ALIAS),
		    "PZ-88 is XS-2026-0010 (not the row of the same day)");
		ok(alone_ours(&res, 0, DZ_MATCH_ONLY_OURS), "the other: only ours");
		dz_match_result_free(&res);
		ok(run(o, 2, t, 1, &op, &res) == DZ_OK, "without the alias: ok");
		ok(paired(&res, 0, 0, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE),
		    "without the alias: the same day wins");
		dz_match_result_free(&res);
	}
	/* P1: the number inside their memo, on word boundaries only */
	{
		struct dz_match_row o[] = {
			R(N(4), "XS-2026-0003", "", 30000),
			R(N(4), "XS-2026-0004", "", 40000),
			R(N(4), "XS1", "", 10000),
		};
		struct dz_match_row t[] = {
			R(N(27), "", "货款XS-2026-0003已收", 30000),
			R(N(27), "", "见XS-2026-00041", 40000),
			R(N(20), "", "XS1 XS1", 10000),
		};
		ok(run(o, 3, t, 3, &op, &res) == DZ_OK, "P1 memo: ok");
		ok(paired(&res, 0, 0, DZ_MATCH_EXACT, DZ_HOW_NUMBER), "the number between Chinese words");
		ok(alone_ours(&res, 1, DZ_MATCH_ONLY_OURS), "XS-2026-0004 is not in XS-2026-00041");
		ok(alone_ours(&res, 2, DZ_MATCH_ONLY_OURS), "a number shorter than 4 is not looked for in text");
		ok(alone_theirs(&res, 2, DZ_MATCH_ONLY_THEIRS), "... and theirs stays alone");
		dz_match_result_free(&res);
	}
	/* P1: a receipt naming the invoice it pays is not that invoice */
	{
		struct dz_match_row o[] = {
			R(N(3), "XS-0100", "", 20000),
			R(N(12), "SK-0100", "", -20000),
		};
		struct dz_match_row t[] = { R(N(12), "", "付XS-0100货款", -20000) };

		ok(run(o, 2, t, 1, &op, &res) == DZ_OK, "P1 sign: ok");
		ok(paired(&res, 1, 0, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE), "their payment is our receipt");
		ok(alone_ours(&res, 0, DZ_MATCH_ONLY_OURS), "the invoice stays open");
		dz_match_result_free(&res);
	}
	/* P1: one payment of theirs naming two of ours */
	{
		struct dz_match_row o[] = {
			R(N(3), "XS-0201", "", 12000),
			R(N(3), "XS-0202", "", 8000),
			R(N(3), "XS-0203", "", 5000),
		};
		struct dz_match_row t[] = { R(N(29), "", "XS-0201/XS-0202", 20000) };

		ok(run(o, 3, t, 1, &op, &res) == DZ_OK, "P1 split: ok");
		l = of_theirs(&res, 0);
		ok(l != NULL && l->kind == DZ_MATCH_SPLIT && l->how == DZ_HOW_NUMBER &&
		    l->nours == 2 && l->ours[0] == 0 && l->ours[1] == 1,
		    "XS-0201 + XS-0202 = theirs: split by number");
		dz_match_result_free(&res);
	}

	/* P2: the window's edge, 5 days in, 6 out, both ways */
	{
		struct dz_match_row o[] = {
			R(N(10), "A1", "", 5000),
			R(N(10), "A2", "", 6000),
			R(N(20), "A3", "", 7000),
			R(N(20), "A4", "", 8000),
		};
		struct dz_match_row t[] = {
			R(N(15), "", "", 5000),
			R(N(16), "", "", 6000),
			R(N(15), "", "", 7000),
			R(N(14), "", "", 8000),
		};
		ok(run(o, 4, t, 4, &op, &res) == DZ_OK, "P2 window: ok");
		ok(paired(&res, 0, 0, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE), "+5 days: paired");
		ok(alone_ours(&res, 1, DZ_MATCH_ONLY_OURS), "+6 days: not paired");
		ok(paired(&res, 2, 2, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE), "-5 days: paired");
		ok(alone_ours(&res, 3, DZ_MATCH_ONLY_OURS), "-6 days: not paired");
		ok(alone_theirs(&res, 1, DZ_MATCH_ONLY_THEIRS), "their +6: only theirs");
		ok(!res.line[0].tie, "no tie");
		dz_match_result_free(&res);
	}
	/* P2: nearest first over the whole ledger, not the first found */
	{
		struct dz_match_row o[] = { R(N(10), "", "", 900), R(N(15), "", "", 900) };
		struct dz_match_row t[] = { R(N(14), "", "", 900), R(N(5), "", "", 900) };

		ok(run(o, 2, t, 2, &op, &res) == DZ_OK, "P2 nearest: ok");
		ok(paired(&res, 1, 0, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE), "15 with 14 (1 day)");
		ok(paired(&res, 0, 1, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE), "10 with 5 (5 days), not lost to 14");
		dz_match_result_free(&res);
	}
	/* P2: two as near: paired with the earlier, tie set */
	{
		struct dz_match_row o[] = { R(N(10), "", "", 4400) };
		struct dz_match_row t[] = { R(N(12), "", "", 4400), R(N(8), "", "", 4400) };

		ok(run(o, 1, t, 2, &op, &res) == DZ_OK, "P2 tie: ok");
		ok(paired(&res, 0, 1, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE), "10 with 8, the earlier");
		ok(of_ours(&res, 0) != NULL && of_ours(&res, 0)->tie, "tie: 待定");
		ok(alone_theirs(&res, 0, DZ_MATCH_ONLY_THEIRS), "12: only theirs");
		dz_match_result_free(&res);
	}
	/* P2: duplicates on both sides pair in order, without a tie */
	{
		struct dz_match_row o[] = {
			R(N(10), "", "", 3000), R(N(10), "", "", 3000), R(N(2), "", "", 1),
		};
		struct dz_match_row t[] = {
			R(N(11), "", "", 3000), R(N(11), "", "", 3000),
		};
		ok(run(o, 3, t, 2, &op, &res) == DZ_OK, "P2 duplicates: ok");
		ok(paired(&res, 0, 0, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE), "the first with the first");
		ok(paired(&res, 1, 1, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE), "the second with the second");
		ok(!of_ours(&res, 0)->tie && !of_ours(&res, 1)->tie, "equal rows are no tie");
		is_int(res.line[0].ours[0], 0, "lines in our order");
		dz_match_result_free(&res);
	}
	/* P2: an undated row pairs by amount, after the dated ones */
	{
		struct dz_match_row o[] = { R(-1, "", "", 7777), R(N(3), "", "", 7777) };
		struct dz_match_row t[] = { R(N(4), "", "", 7777), R(N(25), "", "", 7777) };

		ok(run(o, 2, t, 2, &op, &res) == DZ_OK, "P2 undated: ok");
		ok(paired(&res, 1, 0, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE), "the dated pair first");
		ok(paired(&res, 0, 1, DZ_MATCH_EXACT, DZ_HOW_AMOUNT_DATE), "the undated one takes what is left");
		dz_match_result_free(&res);
	}

	/* P3: 0.5 % of ¥10,000 is ¥50: 5,000 fen in, 5,001 out; ¥10 of ¥100 */
	{
		struct dz_match_row o[] = {
			R(N(10), "", "", 1000000),
			R(N(10), "", "", 2000000),
			R(N(10), "", "", 10000),
			R(N(10), "", "", 20000),
			R(N(10), "", "", -30000),
			R(-1, "", "", 40000),
		};
		struct dz_match_row t[] = {
			R(N(12), "", "", 1005000),
			R(N(12), "", "", 2010001),
			R(N(8), "", "", 9000),
			R(N(8), "", "", 21001),
			R(N(10), "", "", 30000),
			R(N(10), "", "", 40001),
		};
		ok(run(o, 6, t, 6, &op, &res) == DZ_OK, "P3: ok");
		ok(paired(&res, 0, 0, DZ_MATCH_AMOUNT, DZ_HOW_NEAR), "0.5 %% exactly: near");
		is_int(of_ours(&res, 0)->delta, 5000, "delta 50.00");
		ok(alone_ours(&res, 1, DZ_MATCH_ONLY_OURS), "0.5 %% + 1 fen: not near");
		ok(paired(&res, 2, 2, DZ_MATCH_AMOUNT, DZ_HOW_NEAR), "¥10 exactly under ¥100: near");
		is_int(of_ours(&res, 2)->delta, -1000, "delta -10.00");
		ok(alone_ours(&res, 3, DZ_MATCH_ONLY_OURS), "¥10.01: not near");
		ok(alone_ours(&res, 4, DZ_MATCH_ONLY_OURS), "another sign is never near");
		ok(alone_ours(&res, 5, DZ_MATCH_ONLY_OURS), "undated: not near");
		dz_match_result_free(&res);
	}
	/* P3: the nearest amount wins */
	{
		struct dz_match_row o[] = { R(N(10), "", "", 50000) };
		struct dz_match_row t[] = { R(N(10), "", "", 50900), R(N(11), "", "", 49950) };

		ok(run(o, 1, t, 2, &op, &res) == DZ_OK, "P3 nearest: ok");
		ok(paired(&res, 0, 1, DZ_MATCH_AMOUNT, DZ_HOW_NEAR), "-0.50 beats +9.00");
		dz_match_result_free(&res);
	}

	/* P4: three deliveries of ours booked as one invoice by them */
	{
		struct dz_match_row o[] = {
			R(N(3), "", "", 1000), R(N(4), "", "", 2000),
			R(N(5), "", "", 3500), R(N(1), "", "", 4500),
		};
		struct dz_match_row t[] = { R(N(5), "", "", 6500) };

		ok(run(o, 4, t, 1, &op, &res) == DZ_OK, "P4 1-to-3: ok");
		l = of_theirs(&res, 0);
		ok(l != NULL && l->kind == DZ_MATCH_SPLIT && l->how == DZ_HOW_SUM &&
		    l->nours == 3 && l->ours[0] == 0 && l->ours[1] == 1 && l->ours[2] == 2,
		    "1000 + 2000 + 3500 = 6500 (not 2000 + 4500)");
		ok(l != NULL && l->delta == 0 && l->ours_sum == 6500, "sums equal");
		ok(alone_ours(&res, 3, DZ_MATCH_ONLY_OURS), "4500 (day 1) left");
		dz_match_result_free(&res);
	}
	/* P4 reverse: one of ours paid by three of theirs */
	{
		struct dz_match_row o[] = { R(N(10), "", "", -9000) };
		struct dz_match_row t[] = {
			R(N(9), "", "", -3000), R(N(10), "", "", -2500),
			R(N(11), "", "", -3500), R(N(17), "", "", -6000),
		};
		ok(run(o, 1, t, 4, &op, &res) == DZ_OK, "P4 3-to-1: ok");
		l = of_ours(&res, 0);
		ok(l != NULL && l->kind == DZ_MATCH_SPLIT && l->ntheirs == 3 &&
		    l->theirs[0] == 0 && l->theirs[1] == 1 && l->theirs[2] == 2,
		    "-3000 - 2500 - 3500 = -9000 (-6000 is 7 days away)");
		ok(alone_theirs(&res, 3, DZ_MATCH_ONLY_THEIRS), "-6000 left");
		dz_match_result_free(&res);
	}
	/* P4: split_max 2 refuses three parts */
	{
		struct dz_match_opts so = op;
		struct dz_match_row o[] = { R(N(10), "", "", 9000) };
		struct dz_match_row t[] = {
			R(N(9), "", "", 3000), R(N(10), "", "", 2500), R(N(11), "", "", 3500),
		};
		so.split_max = 2;
		ok(run(o, 1, t, 3, &so, &res) == DZ_OK, "P4 split_max 2: ok");
		ok(alone_ours(&res, 0, DZ_MATCH_ONLY_OURS), "no split of three");
		dz_match_result_free(&res);
	}

	/* P5: near the period's end, or only one side's */
	{
		struct dz_match_row o[] = {
			R(N(28), "", "", 110000), R(N(25), "", "", 120000),
			R(N(24), "", "", 130000), R(-1, "", "", 140000),
		};
		struct dz_match_row t[] = {
			R(N(29), "", "", 210000), R(N(10), "", "", 220000), R(N(30), "", "", 0),
		};
		ok(run(o, 4, t, 3, &op, &res) == DZ_OK, "P5: ok");
		ok(alone_ours(&res, 0, DZ_MATCH_TIMING_OURS), "ours 2 days before the end: in transit");
		ok(alone_ours(&res, 1, DZ_MATCH_TIMING_OURS), "ours 5 days before: in transit");
		ok(alone_ours(&res, 2, DZ_MATCH_ONLY_OURS), "ours 6 days before: only ours");
		ok(alone_ours(&res, 3, DZ_MATCH_ONLY_OURS), "undated: only ours");
		ok(alone_theirs(&res, 0, DZ_MATCH_TIMING_THEIRS), "theirs on the 29th: in transit");
		ok(alone_theirs(&res, 1, DZ_MATCH_ONLY_THEIRS), "theirs on the 10th: only theirs");
		ok(of_theirs(&res, 0)->how == DZ_HOW_TIMING && of_ours(&res, 2)->how == DZ_HOW_NONE,
		    "how: timing, none");
		is_int(res.recon.by_kind[DZ_MATCH_TIMING_OURS], -230000, "timing ours: -(110000 + 120000)");
		is_int(res.recon.by_kind[DZ_MATCH_ONLY_THEIRS], 220000, "only theirs: 220000");
		is_int(res.recon.count[DZ_MATCH_ONLY_THEIRS], 1, "one only theirs");
		is_int(res.recon.count[DZ_MATCH_TIMING_THEIRS], 2, "their 0 on the 30th is in transit too");
		for (i = 1; i < res.nlines; i++)
			if (res.line[i - 1].kind > res.line[i].kind)
				break;
		ok(i == res.nlines, "lines by kind");
		dz_match_result_free(&res);
	}

	/* the 余额调节表 */
	{
		struct dz_match_row o[] = {
			R(N(3), "XS-9001", "", 100000), R(N(29), "XS-9002", "", 50000),
			R(N(15), "SK-9001", "", -80000),
		};
		struct dz_match_row t[] = {
			R(N(5), "XS-9001", "", 99000), R(N(16), "", "", -80000),
			R(N(9), "", "", 3000),
		};
		const char *why;

		to = 12000;		/* ours 10000 */
		tc = 12000 + 99000 - 80000 + 3000 + 500;
		ok(dz_match(o, 3, t, 3, 10000, 80000, &to, &tc, &op, &res) == DZ_OK,
		    "recon: ok");
		is_int(res.recon.opening_diff, 2000, "opening diff 20.00");
		is_int(res.recon.their_closing, 34500, "their closing as given");
		ok(res.recon.their_closing_given, "given");
		is_int(res.recon.unexplained, 500, "5.00 their rows do not explain");
		is_int(res.recon.by_kind[DZ_MATCH_AMOUNT], -1000, "金额不符 -10.00");
		is_int(res.recon.by_kind[DZ_MATCH_TIMING_OURS], -50000, "在途 -500.00");
		is_int(res.recon.by_kind[DZ_MATCH_ONLY_THEIRS], 3000, "对方有我方无 30.00");
		why = invariants(o, 3, t, 3, 10000, &to, &tc, &op, &res);
		ok(why == NULL, "identity: 80000 + 2000 - 1000 - 50000 + 3000 + 500 = 34500%s%s",
		    why ? ": " : "", why ? why : "");
		dz_match_result_free(&res);
		ok(dz_match(o, 3, t, 3, 10000, 80000, NULL, NULL, &op, &res) == DZ_OK,
		    "recon without theirs: ok");
		is_int(res.recon.their_closing, 10000 + 22000, "their closing computed");
		ok(!res.recon.their_closing_given, "not given");
		is_int(res.recon.unexplained, 0, "nothing unexplained");
		is_int(res.recon.opening_diff, 0, "their opening is ours");
		dz_match_result_free(&res);
	}

	/* refused */
	{
		struct dz_match_row o[] = { R(N(3), "", "", 100) };
		struct dz_match_row z[] = { R(N(3), "", "", 0) };
		struct dz_match_row big[] = { R(N(3), "", "", DZ_MONEY_MAX + 1) };
		struct dz_match_row bad[] = { R(-5, "", "", 100) };
		struct dz_match_opts w = op;
		int64_t huge = INT64_MAX - 10;

		ok(dz_match(o, 1, NULL, 0, 0, 101, NULL, NULL, &op, &res) == DZ_ERR_INVAL,
		    "our closing is not opening + rows: refused");
		dz_match_result_free(&res);
		ok(dz_match(z, 1, NULL, 0, 0, 0, NULL, NULL, &op, &res) == DZ_ERR_INVAL,
		    "a row of ours of 0: refused");
		ok(res.nlines == 0 && res.line == NULL, "... and the result is empty");
		dz_match_result_free(&res);
		ok(dz_match(big, 1, NULL, 0, 0, DZ_MONEY_MAX + 1, NULL, NULL, &op, &res) ==
		    DZ_ERR_INVAL, "an amount beyond DZ_MONEY_MAX: refused");
		dz_match_result_free(&res);
		ok(dz_match(bad, 1, NULL, 0, 0, 100, NULL, NULL, &op, &res) == DZ_ERR_INVAL,
		    "a day below -1: refused");
		dz_match_result_free(&res);
		ok(dz_match(o, 1, NULL, 0, INT64_MAX - 200, INT64_MAX - 100,
		    NULL, NULL, &op, &res) == DZ_ERR_INVAL, "balances that overflow: refused");
		dz_match_result_free(&res);
		ok(dz_match(NULL, 0, o, 1, 0, 0, NULL, &huge, &op, &res) == DZ_ERR_INVAL,
		    "their closing that overflows the sums: refused");
		dz_match_result_free(&res);
		w.window_days = -1;
		ok(dz_match(o, 1, NULL, 0, 0, 100, NULL, NULL, &w, &res) == DZ_ERR_INVAL,
		    "a negative window: refused");
		dz_match_result_free(&res);
		w = op;
		w.split_max = 4;
		ok(dz_match(o, 1, NULL, 0, 0, 100, NULL, NULL, &w, &res) == DZ_ERR_INVAL,
		    "split_max 4: refused");
		dz_match_result_free(&res);
		w = op;
		w.naliases = 1;
		ok(dz_match(o, 1, NULL, 0, 0, 100, NULL, NULL, &w, &res) == DZ_ERR_INVAL,
		    "aliases counted but missing: refused");
		dz_match_result_free(&res);
		ok(dz_match(o, 1, NULL, 0, 0, 100, NULL, NULL, NULL, &res) == DZ_ERR_INVAL,
		    "no options: refused");
		dz_match_result_free(&res);
		ok(dz_match(NULL, 0, NULL, 0, 500, 500, NULL, NULL, &op, &res) == DZ_OK &&
		    res.nlines == 0 && res.recon.their_closing == 500 && res.recon.unexplained == 0,
		    "nothing on either side: no lines, their closing is ours");
		dz_match_result_free(&res);
		dz_match_result_free(&res);
		ok(res.line == NULL, "freed twice: harmless");
	}

	property(3000);
	return done_testing();
}
