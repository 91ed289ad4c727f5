#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dz.h"
#include "clock.h"
#include "form.h"
#include "log.h"

/* A POSIX TZ string's start: at least three letters, then an offset. */
static int
posix_tz(const char *z)
{
	size_t	n = 0;

	while ((z[n] >= 'A' && z[n] <= 'Z') || (z[n] >= 'a' && z[n] <= 'z'))
		n++;
	if (n < 3)
		return 0;
	if (z[n] == '+' || z[n] == '-')
		n++;
	return z[n] >= '0' && z[n] <= '9';
}

enum dz_err
dz_clock_zone(const char *zone)
{
	const char	*dir = getenv("TZDIR"), *p;
	char		 path[512];
	struct stat	 st;

	if (zone == NULL || zone[0] == '\0')
		return DZ_OK;
	for (p = zone; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("/_+-:,.<>", *p) != NULL))
			goto bad;
	if (zone[0] == '/' || strstr(zone, "..") != NULL)
		goto bad;
	snprintf(path, sizeof(path), "%s/%s", dir != NULL && *dir != '\0' ? dir :
	    "/usr/share/zoneinfo", zone);
	if ((stat(path, &st) != 0 || !S_ISREG(st.st_mode)) && !posix_tz(zone))
		goto bad;
	if (setenv("TZ", zone, 1) != 0)
		return DZ_ERR_NOMEM;
	tzset();
	return DZ_OK;
bad:
	dz_log_err("config: Time.Zone %s is not a time zone this host knows", zone);
	return DZ_ERR_INVAL;
}

/* Now in the business time zone; -1 when the clock cannot say. */
static int
now_tm(struct tm *tm)
{
	time_t	now = time(NULL);

	return localtime_r(&now, tm) != NULL ? 0 : -1;
}

void
dz_today(char out[DZ_DATE_LEN + 1])
{
	struct tm	tm;

	if (now_tm(&tm) != 0 || strftime(out, DZ_DATE_LEN + 1, "%Y-%m-%d", &tm) != DZ_DATE_LEN)
		out[0] = '\0';
}

void
dz_now_minute(char out[DZ_MINUTE_LEN + 1])
{
	struct tm	tm;

	if (now_tm(&tm) != 0 ||
	    strftime(out, DZ_MINUTE_LEN + 1, "%Y-%m-%d %H:%M", &tm) != DZ_MINUTE_LEN)
		out[0] = '\0';
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long
days_from_civil(int y, int m, int d)
{
	int		 era;
	unsigned int	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (unsigned int)(m + (m > 2 ? -3 : 9)) + 2) / 5 + (unsigned int)d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (long)era * 146097 + (long)doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long		 era;
	unsigned int	 doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned int)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400) + (*m <= 2);
}

static int
put_date(int y, int m, int d, char out[DZ_DATE_LEN + 1])
{
	out[0] = '\0';
	if (y < 1900 || y > 2999)
		return -1;
	snprintf(out, DZ_DATE_LEN + 1, "%04u-%02u-%02u", (unsigned int)y % 10000u,
	    (unsigned int)m % 100u, (unsigned int)d % 100u);
	return 0;
}

int
dz_date_add_days(const char *date, int days, char out[DZ_DATE_LEN + 1])
{
	int	y, m, d;

	out[0] = '\0';
	if (dz_date_parse(date, &y, &m, &d) != 0)
		return -1;
	civil_from_days(days_from_civil(y, m, d) + days, &y, &m, &d);
	return put_date(y, m, d, out);
}

long
dz_date_day(const char *date)
{
	int	y, m, d;

	if (dz_date_parse(date, &y, &m, &d) != 0)
		return -1;
	return days_from_civil(y, m, d);
}

int
dz_date_last_month(const char *date, char from[DZ_DATE_LEN + 1],
    char to[DZ_DATE_LEN + 1])
{
	int	y, m, d;

	from[0] = to[0] = '\0';
	if (dz_date_parse(date, &y, &m, &d) != 0)
		return -1;
	/* The day before the first of this month ends the last one. */
	civil_from_days(days_from_civil(y, m, 1) - 1, &y, &m, &d);
	if (put_date(y, m, 1, from) != 0 || put_date(y, m, d, to) != 0) {
		from[0] = to[0] = '\0';
		return -1;
	}
	return 0;
}
