/*
 * rollup.h: the 结算概览's periods over its rollups (schema 012), pure
 * (no I/O). A period of days splits into what the rollups hold whole
 * (years and months, by customer) and the days at its ends (read from the
 * statements); the median turnaround comes from a histogram of rounded
 * seconds. Dates are "YYYY-MM-DD" the caller has checked.
 */
#ifndef DZ_ROLLUP_H
#define DZ_ROLLUP_H

#include <stddef.h>
#include "dz.h"
#include "clock.h"

/* An inclusive range of dates; empty when from is "" (then to is ""). */
struct dz_rollup_range {
	char		 from[DZ_DATE_LEN + 1];
	char		 to[DZ_DATE_LEN + 1];
};

/*
 * A period in order: the days before its first whole month (head), the
 * whole months before its first whole year (months_a: the months' 1st
 * days), the whole years (their Jan 1), the whole months after them
 * (months_b), and the days after its last whole month (tail). Together
 * they are the period, each day once.
 */
struct dz_rollup_split {
	struct dz_rollup_range head, months_a, years, months_b, tail;
};

/*
 * Split from..to (from <= to). Nothing is made after today, so a period
 * that reaches today or later is taken to run to the end of to's year
 * (this year up to today is the year 2026 whole: one rollup row a
 * customer). -1 for a bad date or from after to.
 */
int		 dz_rollup_split(const char *from, const char *to, const char *today,
		    struct dz_rollup_split *out);

/* A bin of the turnaround histogram: n answers took secs seconds. */
struct dz_rollup_bin {
	long long	 secs;
	long long	 n;
};

/*
 * The median of the histogram (bins in rising secs; bins of n <= 0 are
 * none): the middle answer's seconds, or the mean (rounded down) of the
 * two middle ones, as MariaDB's MEDIAN() then FLOOR(). *count is the
 * answers counted. -1 when there are none.
 */
long long	 dz_rollup_median(const struct dz_rollup_bin *b, size_t n, long long *count);

#endif /* DZ_ROLLUP_H */
