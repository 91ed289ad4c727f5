/*
 * 026-clock: the business's "today" (lib/clock) and the date arithmetic of
 * the default periods: the day N days before, the month before.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dz.h"
#include "clock.h"
#include "tap.h"

static const struct {
	const char	*date;
	int		 days;
	const char	*want;		/* NULL: refused */
} adds[] = {
	{ "2026-12-02", -6, "2026-11-26" },
	{ "2026-03-03", -6, "2026-02-25" },
	{ "2024-03-03", -6, "2024-02-26" },	/* leap year */
	{ "2000-03-01", -1, "2000-02-29" },	/* 400: leap */
	{ "1900-03-01", -1, "1900-02-28" },	/* 100: not */
	{ "2026-01-03", -6, "2025-12-28" },	/* over the year */
	{ "2025-12-28", 6, "2026-01-03" },
	{ "2026-02-28", 1, "2026-03-01" },
	{ "2026-06-15", 0, "2026-06-15" },
	{ "2026-06-15", 365, "2027-06-15" },
	{ "1900-01-01", -1, NULL },		/* before the range */
	{ "2999-12-31", 1, NULL },		/* after it */
	{ "2026-02-30", 1, NULL },
	{ "2026-1-5", 1, NULL },
	{ "", 1, NULL },
};

static const struct {
	const char	*date, *from, *to;	/* from NULL: refused */
} months[] = {
	{ "2026-12-02", "2026-11-01", "2026-11-30" },
	{ "2026-01-31", "2025-12-01", "2025-12-31" },
	{ "2026-03-15", "2026-02-01", "2026-02-28" },
	{ "2024-03-01", "2024-02-01", "2024-02-29" },
	{ "2000-03-31", "2000-02-01", "2000-02-29" },
	{ "2100-03-31", "2100-02-01", "2100-02-28" },
	{ "2026-05-31", "2026-04-01", "2026-04-30" },
	{ "2026-08-01", "2026-07-01", "2026-07-31" },
	{ "1900-02-10", "1900-01-01", "1900-01-31" },
	{ "1900-01-10", NULL, NULL },
	{ "2026-13-01", NULL, NULL },
};

/* Today at a fixed offset east of UTC, as gmtime sees it. */
static void
today_at(int hours, char out[DZ_DATE_LEN + 1])
{
	time_t		t = time(NULL) + hours * 3600;
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(out, DZ_DATE_LEN + 1, "%Y-%m-%d", &tm);
}

int
main(void)
{
	char	 a[DZ_DATE_LEN + 1], b[DZ_DATE_LEN + 1], want[DZ_DATE_LEN + 1];
	size_t	 i;
	int	 rc;

	for (i = 0; i < DZ_NELEM(adds); i++) {
		rc = dz_date_add_days(adds[i].date, adds[i].days, a);
		if (adds[i].want != NULL)
			ok(rc == 0 && strcmp(a, adds[i].want) == 0, "%s %+d = %s (%s)",
			    adds[i].date, adds[i].days, adds[i].want, a);
		else
			ok(rc == -1 && a[0] == '\0', "%s %+d refused", adds[i].date,
			    adds[i].days);
	}
	for (i = 0; i < DZ_NELEM(months); i++) {
		rc = dz_date_last_month(months[i].date, a, b);
		if (months[i].from != NULL)
			ok(rc == 0 && strcmp(a, months[i].from) == 0 &&
			    strcmp(b, months[i].to) == 0, "month before %s: %s to %s (%s %s)",
			    months[i].date, months[i].from, months[i].to, a, b);
		else
			ok(rc == -1 && a[0] == '\0' && b[0] == '\0',
			    "month before %s refused", months[i].date);
	}

	/* China keeps no summer time: the zone is UTC+8 all year. */
	is_int(dz_clock_zone(DZ_ZONE_DEFAULT), DZ_OK, "the default zone is known");
	dz_today(a);
	today_at(8, want);
	if (strcmp(a, want) != 0) {	/* midnight passed between the two */
		dz_today(a);
		today_at(8, want);
	}
	is_str(a, want, "today in Asia/Shanghai is UTC+8's date");
	/* UTC+14 and UTC-12 are 26 hours apart: their dates always differ, so
	 * at least one check below fails at any hour if the zone is ignored. */
	is_int(dz_clock_zone("Pacific/Kiritimati"), DZ_OK, "Pacific/Kiritimati");
	dz_today(a);
	today_at(14, want);
	if (strcmp(a, want) != 0) {
		dz_today(a);
		today_at(14, want);
	}
	is_str(a, want, "today in Pacific/Kiritimati is UTC+14's date");
	is_int(dz_clock_zone("UTC+12"), DZ_OK, "a POSIX TZ string");
	dz_today(a);
	today_at(-12, want);
	if (strcmp(a, want) != 0) {
		dz_today(a);
		today_at(-12, want);
	}
	is_str(a, want, "today in UTC+12 (POSIX: 12 h west) is UTC-12's date");
	is_int(dz_clock_zone("Asia/Atlantis"), DZ_ERR_INVAL, "an unknown zone refused");
	is_int(dz_clock_zone("../../etc/passwd"), DZ_ERR_INVAL, "a path refused");
	is_int(dz_clock_zone("Asia/Shanghai;rm"), DZ_ERR_INVAL, "odd characters refused");
	is_int(dz_clock_zone(""), DZ_OK, "empty: the host's zone, nothing changed");
	dz_today(b);
	is_str(b, a, "  today as before");
	return done_testing();
}
