/*
 * aging.c: 账龄 buckets by balance-forward FIFO, days to pay, DSO (aging.h).
 * Pure: every input is an argument, every figure an integer.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "aging.h"

static void
buckets_default(struct dz_aging_buckets *b)
{
	static const int	def[] = { 30, 60, 90, 180 };

	memcpy(b->limit, def, sizeof(def));
	b->n = DZ_NELEM(def);
}

enum dz_err
dz_aging_buckets_parse(const char *s, struct dz_aging_buckets *b)
{
	struct dz_aging_buckets	 t;
	long			 v;
	int			 digits;

	memset(&t, 0, sizeof(t));
	buckets_default(b);
	if (s == NULL)
		return DZ_ERR_INVAL;
	for (;;) {
		while (*s == ' ')
			s++;
		v = 0;
		digits = 0;
		while (*s >= '0' && *s <= '9') {
			v = v * 10 + (*s++ - '0');
			if (++digits > 4)
				return DZ_ERR_INVAL;
		}
		if (digits == 0 || v < 1 || v > 3650 ||
		    (t.n > 0 && v <= t.limit[t.n - 1]) ||
		    t.n == DZ_NELEM(t.limit))
			return DZ_ERR_INVAL;
		t.limit[t.n++] = (int)v;
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		if (*s++ != ',')
			return DZ_ERR_INVAL;
	}
	*b = t;
	return DZ_OK;
}

char *
dz_aging_buckets_format(const struct dz_aging_buckets *b, char *buf, size_t sz)
{
	size_t	i, o = 0;
	int	n;

	if (sz == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < b->n; i++) {
		n = snprintf(buf + o, sz - o, "%s%d", i ? "," : "", b->limit[i]);
		if (n < 0 || (size_t)n >= sz - o)
			break;
		o += (size_t)n;
	}
	return buf;
}

size_t
dz_aging_bucket_of(const struct dz_aging_buckets *b, long age)
{
	size_t	i;

	for (i = 0; i < b->n; i++)
		if (age <= b->limit[i])
			return i;
	return b->n;
}

void
dz_aging_start(struct dz_aging *a, int64_t balance)
{
	memset(a, 0, sizeof(*a));
	a->balance = balance;
	a->oldest = -1;
}

/* What the buckets hold so far. */
static int64_t
laid(const struct dz_aging *a)
{
	int64_t	s = 0;
	size_t	i;

	for (i = 0; i < DZ_AGING_BUCKETS_MAX; i++)
		s += a->bucket[i];
	return s;
}

int
dz_aging_debit(struct dz_aging *a, const struct dz_aging_buckets *b, long asof,
    const struct dz_aging_debit *d)
{
	int64_t	open, piece;
	long	age;

	open = a->balance - laid(a);
	if (open <= 0)
		return 0;
	if (d->amount <= 0 || d->day > asof)
		return 1;
	age = asof - d->day;
	piece = d->amount < open ? d->amount : open;
	a->bucket[dz_aging_bucket_of(b, age)] += piece;
	if (age > a->oldest)
		a->oldest = age;
	return open - piece > 0;
}

void
dz_aging_finish(struct dz_aging *a, const struct dz_aging_buckets *b)
{
	int64_t	open;

	if (a->balance <= 0) {
		/* nothing owed, or 预收: all of it current */
		memset(a->bucket, 0, sizeof(a->bucket));
		a->bucket[0] = a->balance;
		a->oldest = -1;
		return;
	}
	open = a->balance - laid(a);
	if (open > 0) {
		a->bucket[b->n] += open;
		a->uncovered = 1;
	}
}

enum dz_err
dz_aging_days_to_pay(const struct dz_aging_move *debits, size_t nd,
    const struct dz_aging_move *credits, size_t nc, int64_t *paid, long *weighted_days)
{
	size_t		 i = 0, j = 0;
	int64_t		 dleft, cleft, piece;
	__int128	 w = 0;
	long		 days;

	*paid = 0;
	*weighted_days = 0;
	dleft = nd > 0 ? debits[0].amount : 0;
	cleft = nc > 0 ? credits[0].amount : 0;
	while (i < nd && j < nc) {
		if (dleft <= 0) {
			if (++i < nd)
				dleft = debits[i].amount;
			continue;
		}
		if (cleft <= 0) {
			if (++j < nc)
				cleft = credits[j].amount;
			continue;
		}
		piece = dleft < cleft ? dleft : cleft;
		days = credits[j].day - debits[i].day;
		if (days < 0)
			days = 0;	/* paid ahead: counts as on the day */
		if (credits[j].counts) {
			w += (__int128)piece * days;
			*paid += piece;
		}
		dleft -= piece;
		cleft -= piece;
	}
	if (*paid > 0) {
		__int128 q = (w * 2 + *paid) / (*paid * 2);

		if (q > 1000000)
			return DZ_ERR_TOOBIG;
		*weighted_days = (long)q;
	}
	return DZ_OK;
}

long
dz_aging_dso_tenths(int64_t receivable, int64_t sales, long days)
{
	__int128	num, q;

	if (sales <= 0 || days <= 0)
		return -1;
	if (receivable <= 0)
		return 0;
	num = (__int128)receivable * days * 10;
	q = (num * 2 + sales) / ((__int128)sales * 2);
	return q > 100000000 ? 100000000 : (long)q;
}
