/* dz_date_parse: YYYY-MM-DD, real calendar dates from 1900 to 2999. */
#include "config.h"

#include <stdio.h>

#include "form.h"
#include "tap.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
main(void)
{
	static const char *const bad[] = {
		"", "2024", "2024-01", "2024-01-1", "2024-1-01", "24-01-01",
		"2024-01-01 ", " 2024-01-01", "2024-01-01T00", "2024_01_01",
		"2024-0a-01", "２０２４-01-01", "-024-01-01", "2024--1-01",
		"1899-12-31", "3000-01-01", "0000-01-01", "2023-02-29",
		"2100-02-29", "1900-02-29", "2024-02-30", "2024-06-31",
		"2024-11-31", "2024-12-32", "2024-00-01", "2024-13-01",
	};
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char	 s[48];
	int	 y, m, d, gy, gm, gd, max, okall = 1, badall = 1, nok = 0;
	size_t	 i;

	for (i = 0; i < DZ_NELEM(bad); i++)
		is_int(dz_date_parse(bad[i], &y, &m, &d), -1, "\"%s\" refused", bad[i]);
	ok(dz_date_parse(NULL, &y, &m, &d) == -1, "NULL refused");
	is_int(dz_date_parse("2000-02-29", NULL, NULL, NULL), 0,
	    "NULL outputs allowed");

	/*
	 * Every day 1..31 of every month of some years: exactly the real
	 * dates parse, and give back what was written.
	 */
	for (y = 1900; y <= 2999; y += (y < 2030 ? 1 : 97)) {
		for (m = 1; m <= 12; m++) {
			max = mdays[m - 1] + (m == 2 && leap(y));
			for (d = 1; d <= 31; d++) {
				snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
				if (d <= max) {
					if (dz_date_parse(s, &gy, &gm, &gd) != 0 ||
					    gy != y || gm != m || gd != d) {
						okall = 0;
						diag("%s refused", s);
					}
					nok++;
				} else if (dz_date_parse(s, &gy, &gm, &gd) != -1) {
					badall = 0;
					diag("%s accepted", s);
				}
			}
		}
	}
	ok(okall, "every real date parses (%d of them)", nok);
	ok(badall, "no impossible date parses");
	ok(dz_date_parse("2999-12-31", &y, &m, &d) == 0 && y == 2999,
	    "2999-12-31 is the last");
	return done_testing();
}
