/*
 * clock.h: dates as the business sees them. "Today" is a date in one time
 * zone, the business's (Time.Zone in the configuration, by default
 * Asia/Shanghai), whatever zone the host runs in; this is the one place
 * that asks the system for it. Dates are "YYYY-MM-DD", 1900-01-01 to
 * 2999-12-31 (what the forms accept).
 */
#ifndef DZ_CLOCK_H
#define DZ_CLOCK_H

#include "dz.h"

#define DZ_DATE_LEN	10		/* "YYYY-MM-DD" */
#define DZ_ZONE_DEFAULT	"Asia/Shanghai"

/*
 * Make zone the business time zone of this process: an IANA name the host
 * has under /usr/share/zoneinfo (or $TZDIR), or a POSIX TZ string with an
 * offset ("CST-8"); "" keeps the host's own zone. Sets TZ, so call it once
 * at start-up, before any thread. DZ_ERR_INVAL (logged) for a zone this
 * host does not know: glibc would silently take UTC instead.
 */
enum dz_err	 dz_clock_zone(const char *zone);

/* Today in the business time zone. */
void		 dz_today(char out[DZ_DATE_LEN + 1]);

/* Now to the minute in the business time zone: "YYYY-MM-DD HH:MM". */
#define DZ_MINUTE_LEN	16
void		 dz_now_minute(char out[DZ_MINUTE_LEN + 1]);

/*
 * date + days (days may be negative) into out. -1 (out "") for a bad date
 * or a result outside the years 1900-2999.
 */
int		 dz_date_add_days(const char *date, int days, char out[DZ_DATE_LEN + 1]);

/*
 * The day number of a date (days since 1970-01-01), for counting days
 * between dates (dz_date_add_days goes back); -1 for a bad date.
 */
long		 dz_date_day(const char *date);

/*
 * The first and last day of the calendar month before the one date is in
 * (2026-03-15: 2026-02-01 and 2026-02-28). -1 (both "") for a bad date or
 * a month before 1900-01.
 */
int		 dz_date_last_month(const char *date, char from[DZ_DATE_LEN + 1],
		    char to[DZ_DATE_LEN + 1]);

#endif /* DZ_CLOCK_H */
