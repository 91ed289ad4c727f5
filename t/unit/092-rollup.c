/*
 * 092-rollup: the 结算概览's period split over its rollups (lib/rollup):
 * periods worked out by hand, then every period of 2023-2026 against the
 * calendar (each day once, in order, the years and months whole); the
 * histogram's median against the middle of the sorted answers.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "clock.h"
#include "rollup.h"
#include "tap.h"

static char	 got[256];

static const char *
show(const struct dz_rollup_split *s)
{
	snprintf(got, sizeof(got), "d[%s %s] m[%s %s] y[%s %s] m[%s %s] d[%s %s]",
	    s->head.from, s->head.to, s->months_a.from, s->months_a.to,
	    s->years.from, s->years.to, s->months_b.from, s->months_b.to,
	    s->tail.from, s->tail.to);
	return got;
}

static const struct {
	const char	*from, *to, *today, *want;
} table[] = {
	{ "2026-01-01", "2026-12-04", "2026-12-04",
	  "d[ ] m[ ] y[2026-01-01 2026-01-01] m[ ] d[ ]" },
	{ "2026-01-01", "2026-06-30", "2026-12-04",
	  "d[ ] m[2026-01-01 2026-06-01] y[ ] m[ ] d[ ]" },
	{ "2026-03-15", "2026-03-20", "2026-12-04",
	  "d[2026-03-15 2026-03-20] m[ ] y[ ] m[ ] d[ ]" },
	{ "2023-03-15", "2025-06-10", "2026-12-04",
	  "d[2023-03-15 2023-03-31] m[2023-04-01 2023-12-01] y[2024-01-01 2024-01-01] "
	  "m[2025-01-01 2025-05-01] d[2025-06-01 2025-06-10]" },
	{ "2022-01-01", "2025-12-31", "2026-12-04",
	  "d[ ] m[ ] y[2022-01-01 2025-01-01] m[ ] d[ ]" },
	{ "2024-02-29", "2024-02-29", "2026-12-04",
	  "d[2024-02-29 2024-02-29] m[ ] y[ ] m[ ] d[ ]" },
	{ "2024-02-01", "2024-02-29", "2026-12-04",
	  "d[ ] m[2024-02-01 2024-02-01] y[ ] m[ ] d[ ]" },
	{ "2026-12-02", "2026-12-04", "2026-12-04",
	  "d[2026-12-02 2026-12-31] m[ ] y[ ] m[ ] d[ ]" },
	{ "2025-11-20", "2027-03-01", "2026-12-04",
	  "d[2025-11-20 2025-11-30] m[2025-12-01 2025-12-01] y[2026-01-01 2027-01-01] m[ ] d[ ]" },
};

/* The day k days after 2023-01-01. */
static void
day_at(int k, char out[DZ_DATE_LEN + 1])
{
	dz_date_add_days("2023-01-01", k, out);
}

/* Walks a split: each piece's days must follow on from *next. */
static int
walk_days(const struct dz_rollup_range *r, char next[DZ_DATE_LEN + 1])
{
	if (r->from[0] == '\0')
		return r->to[0] == '\0';
	if (strcmp(r->from, next) != 0 || strcmp(r->from, r->to) > 0)
		return 0;
	return dz_date_add_days(r->to, 1, next) == 0;
}

static int
walk_starts(const struct dz_rollup_range *r, int months, char next[DZ_DATE_LEN + 1])
{
	char	d[DZ_DATE_LEN + 1], e[32];
	int	y, m, guard = 0;

	if (r->from[0] == '\0')
		return r->to[0] == '\0';
	snprintf(d, sizeof(d), "%s", r->from);
	for (;;) {
		if (strcmp(d, next) != 0 || strcmp(d + 8, "01") != 0 ||
		    (months == 12 && strncmp(d + 5, "01", 2) != 0) || ++guard > 200)
			return 0;
		y = atoi(d);
		m = atoi(d + 5) - 1 + months;
		snprintf(e, sizeof(e), "%04d-%02d-01", (y + m / 12) % 10000, m % 12 + 1);
		memcpy(next, e, DZ_DATE_LEN + 1);
		if (strcmp(d, r->to) == 0)
			return 1;
		memcpy(d, e, DZ_DATE_LEN + 1);
	}
}

static const long long secs[] = { 360, 360, 720, 1800, 86400, 86400, 90000, 172800 };

int
main(void)
{
	struct dz_rollup_split	 s;
	struct dz_rollup_bin	 bins[16];
	char			 a[DZ_DATE_LEN + 1], b[DZ_DATE_LEN + 1], next[DZ_DATE_LEN + 1];
	char			 want_end[DZ_DATE_LEN + 1];
	long long		 count, sorted[64];
	size_t			 i, nb, total;
	int			 fi, ti, bad = 0, tried = 0, k;

	for (i = 0; i < DZ_NELEM(table); i++) {
		ok(dz_rollup_split(table[i].from, table[i].to, table[i].today, &s) == 0,
		    "%s..%s splits", table[i].from, table[i].to);
		is_str(show(&s), table[i].want, "%s..%s (today %s)", table[i].from, table[i].to,
		    table[i].today);
	}
	ok(dz_rollup_split("2026-03-02", "2026-03-01", "2026-12-04", &s) == -1, "from after to: -1");
	ok(dz_rollup_split("2026-02-30", "2026-03-01", "2026-12-04", &s) == -1, "2026-02-30: -1");
	ok(dz_rollup_split("2026-02-01x", "2026-03-01", "2026-12-04", &s) == -1, "a tail: -1");
	ok(dz_rollup_split("", "2026-03-01", "2026-12-04", &s) == -1, "empty: -1");

	/* every period of 2023..2026 starting on one of 60 days, 40 ends:
	 * the pieces follow on from each other, from from to to (or to the
	 * end of to's year when to reaches today) */
	for (fi = 0; fi < 1460; fi += 23) {
		for (ti = fi; ti < 1460; ti += 37) {
			day_at(fi, a);
			day_at(ti, b);
			tried++;
			if (dz_rollup_split(a, b, "2026-06-15", &s) != 0) {
				bad++;
				continue;
			}
			if (strcmp(b, "2026-06-15") >= 0)
				snprintf(want_end, sizeof(want_end), "%.4s-12-31", b);
			else
				snprintf(want_end, sizeof(want_end), "%s", b);
			snprintf(next, sizeof(next), "%s", a);
			k = walk_days(&s.head, next) && walk_starts(&s.months_a, 1, next) &&
			    walk_starts(&s.years, 12, next) && walk_starts(&s.months_b, 1, next) &&
			    walk_days(&s.tail, next);
			dz_date_add_days(want_end, 1, a);
			if (!k || strcmp(next, a) != 0) {
				if (bad++ < 3)
					diag("%s..%s: %s (next %s)", a, b, show(&s), next);
			}
		}
	}
	ok(bad == 0 && tried > 500, "%d periods split into pieces that follow on, %d wrong", tried,
	    bad);

	/* the median of the histogram, against the sorted answers */
	ok(dz_rollup_median(bins, 0, &count) == -1 && count == 0, "no bins: -1, none counted");
	bins[0].secs = 360;
	bins[0].n = 0;
	ok(dz_rollup_median(bins, 1, &count) == -1 && count == 0, "bins of nought: -1");
	for (k = 1; k <= 40; k++) {
		/* k answers drawn from secs[] */
		memset(bins, 0, sizeof(bins));
		nb = 0;
		total = 0;
		for (i = 0; i < DZ_NELEM(secs); i++) {
			long long n = (long long)((k * (i + 3)) % 7) - 1;	/* -1..5: some none */

			bins[nb].secs = secs[i] + (long long)i;	/* rising, distinct */
			bins[nb].n = n;
			nb++;
			for (; n > 0 && total < 64; n--)
				sorted[total++] = secs[i] + (long long)i;
		}
		if (total == 0)
			continue;
		long long want = (sorted[(total - 1) / 2] + sorted[total / 2]) / 2;
		long long m = dz_rollup_median(bins, nb, &count);

		if (m != want || count != (long long)total) {
			bad++;
			diag("k %d: median %lld count %lld, want %lld of %zu", k, m, count, want, total);
		}
	}
	ok(bad == 0, "40 histograms: the median of the sorted answers");
	bins[0].secs = 100;
	bins[0].n = 1;
	bins[1].secs = 201;
	bins[1].n = 1;
	is_int(dz_rollup_median(bins, 2, &count), 150, "two answers: their mean, rounded down");
	return done_testing();
}
