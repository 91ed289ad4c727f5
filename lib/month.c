/*
 * month.c: the rules of 月结 (month.h), over lib/clock's dates.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "clock.h"
#include "form.h"
#include "month.h"
#include "stmt.h"

int
dz_month_months_ok(long long months)
{
	return months == 1 || months == 2 || months == 3 || months == 6 || months == 12;
}

/* The month n months before y-m (n >= 0). */
static void
months_back(int y, int m, int n, int *py, int *pm)
{
	int	k = y * 12 + (m - 1) - n;

	*py = k / 12;
	*pm = k % 12 + 1;
}

int
dz_month_cut(const char *date, int day, int months, char from[11], char to[11])
{
	char	next[DZ_DATE_LEN + 1], start[DZ_DATE_LEN + 1];
	int	y, m, d, py, pm;

	if (dz_date_parse(date, &y, &m, &d) != 0 || day < 0 || day > DZ_RDAY_MAX ||
	    !dz_month_months_ok(months) || dz_date_add_days(date, 1, next) != 0)
		return -1;
	if (day == 0 ? strcmp(next + 8, "01") != 0 : d != day)
		return 0;
	if (day == 0) {
		/* the first of the month months - 1 before this one */
		months_back(y, m, months - 1, &py, &pm);
		snprintf(from, 11, "%04u-%02u-01", (unsigned)py % 10000u, (unsigned)pm % 100u);
	} else {
		/* the day after the same day months before */
		months_back(y, m, months, &py, &pm);
		snprintf(start, sizeof(start), "%04u-%02u-%02u", (unsigned)py % 10000u,
		    (unsigned)pm % 100u, (unsigned)day % 100u);
		if (dz_date_add_days(start, 1, from) != 0)
			return -1;
	}
	snprintf(to, 11, "%s", date);
	return 1;
}

int
dz_month_eligible(const struct dz_stmt_totals *t)
{
	return t->count > 0 || t->sales != 0 || t->returns != 0 || t->receipts != 0 ||
	    t->other != 0 || t->closing != 0;
}

int
dz_month_ladder(const char *text, int rungs[DZ_LADDER_MAX], size_t *n)
{
	const char	*p = text;
	long		 v;

	*n = 0;
	if (text == NULL || *text == '\0')
		return -1;
	for (;;) {
		if (*p < '0' || *p > '9')
			return -1;
		for (v = 0; *p >= '0' && *p <= '9'; p++)
			if ((v = v * 10 + (*p - '0')) > 365)
				return -1;
		if (v < 1 || *n == DZ_LADDER_MAX || (*n > 0 && v <= rungs[*n - 1]))
			return -1;
		rungs[(*n)++] = (int)v;
		if (*p == '\0')
			return 0;
		if (*p++ != ',')
			return -1;
	}
}

int
dz_month_rung(const int *rungs, size_t n, long age)
{
	int	got = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		if (age >= rungs[i])
			got = rungs[i];
	return got;
}
