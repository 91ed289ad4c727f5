/* dz_money_format and dz_money_format_plain, and their round trip. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "money.h"
#include "tap.h"

static const struct {
	int64_t		 fen;
	const char	*grouped;
	const char	*plain;
} rows[] = {
	{ 0, "0.00", "0.00" },
	{ 1, "0.01", "0.01" },
	{ -1, "-0.01", "-0.01" },
	{ 10, "0.10", "0.10" },
	{ 100, "1.00", "1.00" },
	{ -5, "-0.05", "-0.05" },
	{ 99999, "999.99", "999.99" },
	{ 100000, "1,000.00", "1000.00" },
	{ 123450, "1,234.50", "1234.50" },
	{ -123450, "-1,234.50", "-1234.50" },
	{ 12345678, "123,456.78", "123456.78" },
	{ 123456789, "1,234,567.89", "1234567.89" },
	{ INT64_C(9999999999999999), "99,999,999,999,999.99", "99999999999999.99" },
	{ INT64_MAX, "92,233,720,368,547,758.07", "92233720368547758.07" },
	{ INT64_MIN, "-92,233,720,368,547,758.08", "-92233720368547758.08" },
};

int
main(void)
{
	char	 buf[DZ_MONEY_BUFSZ], small[5];
	size_t	 i;
	int64_t	 back;

	for (i = 0; i < DZ_NELEM(rows); i++) {
		memset(buf, 'x', sizeof(buf));
		is_str(dz_money_format(rows[i].fen, buf, sizeof(buf)),
		    rows[i].grouped, "format %lld", (long long)rows[i].fen);
		memset(buf, 'x', sizeof(buf));
		is_str(dz_money_format_plain(rows[i].fen, buf, sizeof(buf)),
		    rows[i].plain, "plain %lld", (long long)rows[i].fen);
		if (rows[i].fen > DZ_MONEY_MAX || rows[i].fen < -DZ_MONEY_MAX)
			continue;
		back = -1;
		ok(dz_money_parse(rows[i].grouped, &back) == DZ_OK &&
		    back == rows[i].fen, "parse(format(%lld)) round trips",
		    (long long)rows[i].fen);
		back = -1;
		ok(dz_money_parse_decimal(rows[i].plain, &back) == DZ_OK &&
		    back == rows[i].fen, "parse_decimal(plain(%lld)) round trips",
		    (long long)rows[i].fen);
	}

	/* A buffer too small gets "", never a cut number. */
	is_str(dz_money_format(123450, small, sizeof(small)), "",
	    "too small a buffer gives \"\"");
	is_str(dz_money_format(1, small, sizeof(small)), "0.01",
	    "exactly big enough is fine");
	return done_testing();
}
