/* dz_money_parse_decimal: database decimals, rounded half away from zero. */
#include "config.h"

#include <stdint.h>

#include "money.h"
#include "tap.h"

static const struct {
	const char	*in;
	int64_t		 fen;
} good[] = {
	{ "0", 0 },
	{ "12", 1200 },
	{ "-12", -1200 },
	{ "1234.5678", 123457 },
	{ "-1234.5678", -123457 },
	{ "1.2345", 123 },
	{ "1.005", 101 },		/* half: away from zero */
	{ "-1.005", -101 },
	{ "1.0049999", 100 },
	{ "-1.0049999", -100 },
	{ "0.0050", 1 },
	{ "-0.0050", -1 },
	{ "0.0049", 0 },
	{ "2.5", 250 },
	{ ".5000", 50 },
	{ "-.5", -50 },
	{ "0.00", 0 },
	{ "00012.30", 1230 },
	{ " 7.10 ", 710 },
	{ "99999999999999.99", INT64_C(9999999999999999) },
	{ "99999999999999.994", INT64_C(9999999999999999) },
	{ "+3.14159", 314 },
};

static const char *const bad[] = {
	"", "-", ".", "-.", "1.", "1e3", "1E3", "0x10", "1,234.00", "1.2.3",
	"abc", "1 2", "--1", "\xc2\xa5" "1", "inf", "nan",
	"99999999999999.995",		/* rounds past DZ_MONEY_MAX */
	"100000000000000",
	"-100000000000000.00",
	"123456789012345678901234567890",
};

int
main(void)
{
	size_t	 i;
	int64_t	 fen;

	for (i = 0; i < DZ_NELEM(good); i++) {
		fen = -777;
		is_int(dz_money_parse_decimal(good[i].in, &fen), DZ_OK,
		    "\"%s\" parses", good[i].in);
		is_int(fen, good[i].fen, "\"%s\" = %lld fen", good[i].in,
		    (long long)good[i].fen);
	}
	for (i = 0; i < DZ_NELEM(bad); i++) {
		fen = -777;
		is_int(dz_money_parse_decimal(bad[i], &fen), DZ_ERR_INVAL,
		    "\"%s\" refused", bad[i]);
		is_int(fen, -777, "\"%s\" leaves the output alone", bad[i]);
	}
	return done_testing();
}
