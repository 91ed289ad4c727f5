/* dz_money_parse: amounts a person types, valid and invalid. */
#include "config.h"

#include <stdint.h>

#include "money.h"
#include "tap.h"

static const struct {
	const char	*in;
	int64_t		 fen;
} good[] = {
	{ "0", 0 },
	{ "1", 100 },
	{ "-1", -100 },
	{ "+1", 100 },
	{ "1.5", 150 },
	{ "1.50", 150 },
	{ "0.05", 5 },
	{ "-0.05", -5 },
	{ "-0", 0 },
	{ "1234.50", 123450 },
	{ "1,234.50", 123450 },
	{ "12,345", 1234500 },
	{ "123,456", 12345600 },
	{ "1,234,567.89", 123456789 },
	{ "-1,234,567.89", -123456789 },
	{ "007", 700 },
	{ "  42  ", 4200 },
	{ "\t42.1\t", 4210 },
	{ "\xc2\xa5" "1,234.50", 123450 },		/* ¥ */
	{ "\xef\xbf\xa5" "99", 9900 },			/* ￥ */
	{ "-\xc2\xa5" "3", -300 },
	{ "\xc2\xa5" "-3", -300 },
	{ " \xc2\xa5" "0.01 ", 1 },
	{ "99999999999999.99", INT64_C(9999999999999999) },
	{ "-99,999,999,999,999.99", -INT64_C(9999999999999999) },
	{ "99999999999999", INT64_C(9999999999999900) },
};

static const char *const bad[] = {
	"",
	" ",
	"-",
	"+",
	"\xc2\xa5",
	"abc",
	"1a",
	"1.",
	".5",
	"-.5",
	"1.234",		/* three decimals */
	"1.2.3",
	"1,23",			/* group of two */
	"1,2345",		/* group of four */
	"1234,567",		/* first group of four */
	",123",
	"0,123",		/* looks like a European decimal */
	"1,,234",
	"1,234,",
	"1,234.5,0",
	"1.50,",
	"--1",
	"+-1",
	"-\xc2\xa5-1",
	"1 000",
	"1e3",
	"0x10",
	"1.5e2",
	"\xc2\xa5\xc2\xa5" "1",
	"\xc2" "1",		/* half a yen sign */
	"$1",
	"100000000000000",	/* 10^14 yuan: over DZ_MONEY_MAX */
	"99999999999999.999",
	"100,000,000,000,000.00",
	"9223372036854775807",
	"99999999999999999999999999999999",
	"1\n",
	"1\x00" "2",		/* stops at the NUL: "1" is fine, see below */
};

int
main(void)
{
	size_t	 i;
	int64_t	 fen;
	int	 rc;

	for (i = 0; i < DZ_NELEM(good); i++) {
		fen = -777;
		rc = dz_money_parse(good[i].in, &fen);
		is_int(rc, DZ_OK, "parse \"%s\" ok", good[i].in);
		is_int(fen, good[i].fen, "parse \"%s\" = %lld fen", good[i].in,
		    (long long)good[i].fen);
	}
	/* The last bad entry is "1" as C sees it; check it separately. */
	for (i = 0; i + 1 < DZ_NELEM(bad); i++) {
		fen = -777;
		rc = dz_money_parse(bad[i], &fen);
		is_int(rc, DZ_ERR_INVAL, "parse \"%s\" refused", bad[i]);
		is_int(fen, -777, "parse \"%s\" leaves the output alone", bad[i]);
	}
	is_int(dz_money_parse(bad[i], &fen), DZ_OK, "a C string ends at its NUL");
	is_int(dz_money_parse(NULL, &fen), DZ_ERR_INVAL, "NULL refused");
	return done_testing();
}
