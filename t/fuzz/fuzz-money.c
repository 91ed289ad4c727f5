/* SOURCES: lib/money.c lib/util.c */
/*
 * libFuzzer target: amounts through dz_money_parse and
 * dz_money_parse_decimal. Whatever parses stays within DZ_MONEY_MAX and
 * survives format -> parse unchanged; for plain decimals both parsers
 * agree. The first 8 bytes are also taken as an int64 to format. The
 * fixed point of quantities and prices (dz_money_parse_scaled, scale 4):
 * what parses formats back to the same value at every minimum of decimals.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

static void
scaled(int64_t v)
{
	char	 buf[48];
	int64_t	 back;
	int	 d;

	for (d = 0; d <= 4; d++) {
		dz_money_format_scaled(v, 4, d, buf, sizeof(buf));
		CHECK(buf[0] != '\0');
		CHECK(dz_money_parse_scaled(buf, 4, &back) == DZ_OK && back == v);
	}
}

static void
roundtrip(int64_t fen)
{
	char	 buf[DZ_MONEY_BUFSZ], plain[DZ_MONEY_BUFSZ];
	int64_t	 back;

	dz_money_format(fen, buf, sizeof(buf));
	dz_money_format_plain(fen, plain, sizeof(plain));
	CHECK(buf[0] != '\0' && plain[0] != '\0');
	if (fen > DZ_MONEY_MAX || fen < -DZ_MONEY_MAX) {
		CHECK(dz_money_parse(buf, &back) == DZ_ERR_INVAL);
		return;
	}
	CHECK(dz_money_parse(buf, &back) == DZ_OK && back == fen);
	CHECK(dz_money_parse(plain, &back) == DZ_OK && back == fen);
	CHECK(dz_money_parse_decimal(plain, &back) == DZ_OK && back == fen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;
	int64_t	 a, b, v;
	int	 ra, rb;

	if (size >= sizeof(v)) {
		memcpy(&v, data, sizeof(v));
		roundtrip(v);
		roundtrip(v % (DZ_MONEY_MAX + 1));
		scaled(v);
	}
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	a = b = 0;
	ra = dz_money_parse(s, &a);
	rb = dz_money_parse_decimal(s, &b);
	CHECK(ra == DZ_OK || ra == DZ_ERR_INVAL);
	CHECK(rb == DZ_OK || rb == DZ_ERR_INVAL);
	if (ra == DZ_OK) {
		CHECK(a >= -DZ_MONEY_MAX && a <= DZ_MONEY_MAX);
		roundtrip(a);
		/* No commas, no yen sign: a plain decimal, read the same way. */
		if (strspn(s, "+-0123456789. \t") == strlen(s))
			CHECK(rb == DZ_OK && a == b);
	}
	if (rb == DZ_OK) {
		CHECK(b >= -DZ_MONEY_MAX && b <= DZ_MONEY_MAX);
		roundtrip(b);
	}
	CHECK(dz_money_add(a, b, &v) == DZ_OK && v == a + b);
	v = 0;
	ra = dz_money_parse_scaled(s, 4, &v);
	CHECK(ra == DZ_OK || ra == DZ_ERR_INVAL);
	if (ra == DZ_OK)
		scaled(v);
	free(s);
	return 0;
}
