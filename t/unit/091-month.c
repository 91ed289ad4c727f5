/*
 * 091-month: the rules of 月结 (lib/month): the period each 对账日 cuts,
 * worked out by hand for month ends, leap years, quarters and year
 * boundaries; a cut is only on its day; every cut period of one month
 * follows on from the one before (the day after its end), over 30 years
 * and every day; who a bulk run takes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "clock.h"
#include "month.h"
#include "stmt.h"
#include "tap.h"

static void
cut(const char *date, int day, int months, int want, const char *wfrom, const char *wto)
{
	char	from[11] = "", to[11] = "";
	int	got;

	got = dz_month_cut(date, day, months, from, to);
	is_int(got, want, "cut(%s, day %d, %d months) is %d", date, day, months, want);
	if (want == 1) {
		is_str(from, wfrom, "  from %s", wfrom);
		is_str(to, wto, "  to %s", wto);
	}
}

int
main(void)
{
	struct dz_stmt_totals	t;
	char			from[11], to[11], prev_to[11], next[11], d[11];
	long			day, bad = 0, cuts = 0;
	int			k, dd;

	/* 月末, one month: the calendar month */
	cut("2026-11-30", 0, 1, 1, "2026-11-01", "2026-11-30");
	cut("2026-11-29", 0, 1, 0, NULL, NULL);
	cut("2026-02-28", 0, 1, 1, "2026-02-01", "2026-02-28");
	cut("2028-02-28", 0, 1, 0, NULL, NULL);	/* leap year: the 29th ends it */
	cut("2028-02-29", 0, 1, 1, "2028-02-01", "2028-02-29");
	/* 月末, a quarter and a year */
	cut("2026-12-31", 0, 3, 1, "2026-10-01", "2026-12-31");
	cut("2026-03-31", 0, 3, 1, "2026-01-01", "2026-03-31");
	cut("2026-12-31", 0, 12, 1, "2026-01-01", "2026-12-31");
	cut("2027-01-31", 0, 2, 1, "2026-12-01", "2027-01-31");
	/* a day of the month: from the day after the same day before */
	cut("2026-11-25", 25, 1, 1, "2026-10-26", "2026-11-25");
	cut("2026-01-25", 25, 1, 1, "2025-12-26", "2026-01-25");
	cut("2026-03-28", 28, 1, 1, "2026-03-01", "2026-03-28");	/* Feb 28 + 1 */
	cut("2028-03-28", 28, 1, 1, "2028-02-29", "2028-03-28");	/* leap: Feb 28 + 1 */
	cut("2026-11-01", 1, 1, 1, "2026-10-02", "2026-11-01");
	cut("2026-11-25", 25, 3, 1, "2026-08-26", "2026-11-25");
	cut("2026-11-24", 25, 1, 0, NULL, NULL);
	/* bad input */
	cut("2026-11-31", 0, 1, -1, NULL, NULL);
	cut("2026-11-25", 29, 1, -1, NULL, NULL);
	cut("2026-11-25", 25, 4, -1, NULL, NULL);
	cut("2026-11-25", -1, 1, -1, NULL, NULL);
	cut("26-11-25", 25, 1, -1, NULL, NULL);
	cut(NULL, 25, 1, -1, NULL, NULL);
	ok(dz_month_months_ok(1) && dz_month_months_ok(12) && !dz_month_months_ok(0) &&
	    !dz_month_months_ok(5), "months: 1, 2, 3, 6, 12 only");

	/* every 对账日 over 30 years: each one-month cut starts the day after
	 * the one before ended, and cuts happen exactly once a month */
	for (k = 0; k <= DZ_RDAY_MAX; k++) {
		prev_to[0] = '\0';
		for (day = dz_date_day("2000-01-01"); day < dz_date_day("2030-01-01"); day++) {
			dz_date_add_days("1970-01-01", (int)day, d);
			if (dz_month_cut(d, k, 1, from, to) != 1)
				continue;
			cuts++;
			if (prev_to[0] != '\0') {
				dz_date_add_days(prev_to, 1, next);
				if (strcmp(next, from) != 0 && bad++ < 5)
					diag("day %d: %s..%s does not follow %s", k, from, to, prev_to);
			}
			snprintf(prev_to, sizeof(prev_to), "%s", to);
		}
	}
	is_int(bad, 0, "every one-month cut follows on from the one before (29 对账日, 30 years)");
	is_int(cuts, 29L * 30 * 12, "one cut a month for each 对账日");
	/* quarters of 月末: the cut months are every month, each three long */
	dd = dz_month_cut("2026-05-31", 0, 3, from, to);
	ok(dd == 1 && strcmp(from, "2026-03-01") == 0, "月末 three months on 05-31: 03-01..05-31");

	/* who a run takes */
	memset(&t, 0, sizeof(t));
	ok(!dz_month_eligible(&t), "no document, no balance: not taken");
	t.closing = 1;
	ok(dz_month_eligible(&t), "a balance at the end: taken");
	t.closing = 0;
	t.receipts = -500;
	ok(dz_month_eligible(&t), "a receipt in the period: taken");
	t.receipts = 0;
	t.count = 2;
	ok(dz_month_eligible(&t), "documents that net to nothing: taken");
	t.count = 0;
	t.opening = 700;
	t.closing = 0;
	ok(!dz_month_eligible(&t), "an opening paid off before the period... no movement, no balance: not taken");

	/* 待跟进's ladder */
	{
		int	r[DZ_LADDER_MAX];
		size_t	nr;

		ok(dz_month_ladder("3,7,15", r, &nr) == 0 && nr == 3 && r[0] == 3 &&
		    r[2] == 15, "ladder 3,7,15");
		ok(dz_month_ladder("1", r, &nr) == 0 && nr == 1, "ladder of one rung");
		ok(dz_month_ladder("7,3", r, &nr) == -1, "falling: refused");
		ok(dz_month_ladder("3,3", r, &nr) == -1, "twice the same: refused");
		ok(dz_month_ladder("0,3", r, &nr) == -1, "0 days: refused");
		ok(dz_month_ladder("3,,7", r, &nr) == -1, "an empty rung: refused");
		ok(dz_month_ladder("3,7,", r, &nr) == -1, "a trailing comma: refused");
		ok(dz_month_ladder("366", r, &nr) == -1, "past a year: refused");
		ok(dz_month_ladder("1,2,3,4,5,6,7", r, &nr) == -1, "seven rungs: refused");
		ok(dz_month_ladder(" 3", r, &nr) == -1 && dz_month_ladder("", r, &nr) == -1,
		    "a space, nothing: refused");
		dz_month_ladder("3,7,15", r, &nr);
		is_int(dz_month_rung(r, nr, 2), 0, "2 days: below the first rung");
		is_int(dz_month_rung(r, nr, 3), 3, "3 days: the first rung");
		is_int(dz_month_rung(r, nr, 14), 7, "14 days: the second");
		is_int(dz_month_rung(r, nr, 400), 15, "400 days: the last");
	}
	return done_testing();
}
