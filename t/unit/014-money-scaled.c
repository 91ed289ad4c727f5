/*
 * 014-money-scaled: fixed point at other scales than fen, as quantities and
 * unit prices are (DECIMAL(18,4)): formatting with a minimum of decimals,
 * and reading a database's decimal back.
 */
#include "config.h"

#include <string.h>

#include "dz.h"
#include "money.h"
#include "tap.h"

static const struct {
	int64_t		 v;
	int		 scale, mindec;
	const char	*want;
} fmts[] = {
	{ 850000, 4, 0, "85" },			/* a quantity */
	{ 125000, 4, 0, "12.5" },
	{ 120500, 4, 0, "12.05" },
	{ 1, 4, 0, "0.0001" },
	{ 0, 4, 0, "0" },
	{ -25000, 4, 0, "-2.5" },
	{ 700000, 4, 2, "70.00" },		/* a unit price */
	{ 705000, 4, 2, "70.50" },
	{ 705050, 4, 2, "70.505" },
	{ 705055, 4, 2, "70.5055" },
	{ 0, 4, 2, "0.00" },
	{ -1, 4, 2, "-0.0001" },
	{ 123456, 4, 4, "12.3456" },		/* a DECIMAL(18,4) bind */
	{ 120000, 4, 4, "12.0000" },
	{ -5, 4, 4, "-0.0005" },
	{ 123450, 2, 2, "1234.50" },		/* fen, without grouping */
	{ 42, 0, 0, "42" },
	{ INT64_MAX, 4, 0, "922337203685477.5807" },
	{ INT64_MIN, 4, 4, "-922337203685477.5808" },
	{ 1, 9, 0, "" },			/* scale too large */
	{ 1, 4, 5, "" },			/* mindec > scale */
	{ 1, -1, 0, "" },
};

static const struct {
	const char	*s;
	int		 scale;
	int		 ok;
	int64_t		 want;
} parses[] = {
	{ "12.3456", 4, 1, 123456 },
	{ "-12.3456", 4, 1, -123456 },
	{ "85", 4, 1, 850000 },
	{ "85.5", 4, 1, 855000 },
	{ ".5", 4, 1, 5000 },
	{ " 3.0000 ", 4, 1, 30000 },
	{ "0.00005", 4, 1, 1 },			/* rounded half away from zero */
	{ "-0.00005", 4, 1, -1 },
	{ "0.00004", 4, 1, 0 },
	{ "1.99999", 4, 1, 20000 },
	{ "+7", 4, 1, 70000 },
	{ "922337203685477.5807", 4, 1, INT64_MAX },
	{ "-922337203685477.5808", 4, 1, INT64_MIN },
	{ "922337203685477.5808", 4, 0, 0 },	/* past int64 */
	{ "99999999999999999999", 4, 0, 0 },
	{ "", 4, 0, 0 },
	{ "-", 4, 0, 0 },
	{ "1.", 4, 0, 0 },
	{ "1e3", 4, 0, 0 },
	{ "1,000", 4, 0, 0 },
	{ "12.5", 9, 0, 0 },			/* bad scale */
	{ NULL, 4, 0, 0 },
};

int
main(void)
{
	char	 buf[64], small[4];
	int64_t	 v;
	size_t	 i;

	for (i = 0; i < DZ_NELEM(fmts); i++)
		is_str(dz_money_format_scaled(fmts[i].v, fmts[i].scale, fmts[i].mindec,
		    buf, sizeof(buf)), fmts[i].want, "%lld at (%d, %d)",
		    (long long)fmts[i].v, fmts[i].scale, fmts[i].mindec);
	is_str(dz_money_format_scaled(123456, 4, 4, small, sizeof(small)), "",
	    "a buffer too small gets \"\"");
	for (i = 0; i < DZ_NELEM(parses); i++) {
		v = -999;
		if (parses[i].ok)
			ok(dz_money_parse_scaled(parses[i].s, parses[i].scale, &v) == DZ_OK &&
			    v == parses[i].want, "\"%s\" is %lld", parses[i].s,
			    (long long)parses[i].want);
		else
			ok(dz_money_parse_scaled(parses[i].s, parses[i].scale, &v) ==
			    DZ_ERR_INVAL && v == -999, "\"%s\" refused, nothing written",
			    parses[i].s != NULL ? parses[i].s : "(null)");
	}
	/* Round trip at every mindec. */
	for (i = 0; i <= 4; i++) {
		dz_money_format_scaled(-1234567, 4, (int)i, buf, sizeof(buf));
		ok(dz_money_parse_scaled(buf, 4, &v) == DZ_OK && v == -1234567,
		    "round trip at mindec %zu (%s)", i, buf);
	}
	return done_testing();
}
