/*
 * month.h: the rules of 月结, pure (no I/O; dates by lib/clock's arithmetic): the period a 对账日 closes,
 * and which customers a bulk run takes.
 *
 * A 对账日 is a day of the month (1..28) or 0 for the month's last day,
 * with a number of months. On its day, the statement it cuts ends that
 * day and starts the day after the same day months earlier (对账日 25, one
 * month: 10-26 .. 11-25); 月末 with one month is the calendar month, with
 * three the quarter ending that day.
 */
#ifndef DZ_MONTH_H
#define DZ_MONTH_H

#include "dz.h"
#include "stmt.h"

#define DZ_RDAY_MAX	28	/* a 对账日 is 0 (月末) or 1..28 */

/* Is months one a 对账日 may have (1, 2, 3, 6, 12)? */
int		 dz_month_months_ok(long long months);

/*
 * If date (YYYY-MM-DD, checked) is the cut day of 对账日 day with months,
 * 1 and the period it closes in from..to (YYYY-MM-DD); else 0. -1 for a
 * bad date, day or months.
 */
int		 dz_month_cut(const char *date, int day, int months, char from[11],
		    char to[11]);

/*
 * Does a bulk run take this customer: a document in the period (any total
 * of a type other than 0, or count) or a balance at the period's end.
 */
int		 dz_month_eligible(const struct dz_stmt_totals *period);

/*
 * 待跟进's ladder: "3,7,15", the days after which a statement nobody
 * answered is listed (the first rung) and marked again (the others).
 * Rising whole days 1..365, 1 to DZ_LADDER_MAX of them: else -1.
 */
#define DZ_LADDER_MAX	6
int		 dz_month_ladder(const char *text, int rungs[DZ_LADDER_MAX], size_t *n);

/* The highest rung age has reached (its days), 0 below the first. */
int		 dz_month_rung(const int *rungs, size_t n, long age);

#endif /* DZ_MONTH_H */
