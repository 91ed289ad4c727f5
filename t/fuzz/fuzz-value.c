/* SOURCES: lib/erp_value.c lib/utf8.c */
/*
 * fuzz-value: libFuzzer target for ERP value decoding (lib/erp_value), which
 * links alone. The first byte picks a type, the second a scale, the rest is
 * the value as dbdata() would hold it. Besides not crashing: an amount that
 * decodes stays within +-DZ_MONEY_MAX; a decimal text that parses at scale
 * s gives, printed back, the same value; cleaned text is terminated, fits,
 * and is valid UTF-8 without control characters.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "erp_value.h"
#include "money.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const int types[] = {
	DZ_ERP_V_TEXT, DZ_ERP_V_VARCHAR, DZ_ERP_V_CHAR, DZ_ERP_V_INT1, DZ_ERP_V_BIT,
	DZ_ERP_V_INT2, DZ_ERP_V_INT4, DZ_ERP_V_REAL, DZ_ERP_V_MONEY, DZ_ERP_V_FLT8,
	DZ_ERP_V_NVARCHAR, DZ_ERP_V_DECIMAL, DZ_ERP_V_NUMERIC, DZ_ERP_V_MONEY4,
	DZ_ERP_V_INT8, 0,
};

/* Clean: strict UTF-8 (no overlongs, no surrogates), no C0 or DEL. */
static int
clean_utf8(const unsigned char *s, size_t n)
{
	size_t		i, k, len;
	uint32_t	cp, min;

	for (i = 0; i < n; i += len) {
		if (s[i] < 0x80) {
			if (s[i] < 0x20 || s[i] == 0x7f)
				return 0;
			len = 1;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0)
			len = 2, cp = s[i] & 0x1f, min = 0x80;
		else if ((s[i] & 0xf0) == 0xe0)
			len = 3, cp = s[i] & 0x0f, min = 0x800;
		else if ((s[i] & 0xf8) == 0xf0)
			len = 4, cp = s[i] & 0x07, min = 0x10000;
		else
			return 0;
		if (i + len > n)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 buf[64], text[80];
	int64_t		 v, w;
	int		 type, scale, i;
	size_t		 n, k;
	const int64_t	 p10[] = { 1, 10, 100, 1000, 10000, 100000, 1000000 };

	if (size < 2)
		return 0;
	type = types[data[0] % DZ_NELEM(types)];
	scale = data[1] % 8;		/* 7: out of range, refused */
	if (dz_erp_value_fixed(type, data + 2, (int)(size - 2), scale, &v) == DZ_OK &&
	    (v > DZ_MONEY_MAX || v < -DZ_MONEY_MAX || scale > 6))
		__builtin_trap();
	if (dz_erp_decimal((const char *)data + 2, size - 2, scale, &v) == DZ_OK) {
		if (v > DZ_MONEY_MAX || v < -DZ_MONEY_MAX || scale > 6)
			__builtin_trap();
		/* Printed back at the same scale, it reads the same. */
		i = snprintf(text, sizeof(text), "%s%lld.%0*lld", v < 0 ? "-" : "",
		    (long long)((v < 0 ? -v : v) / p10[scale]), scale > 0 ? scale : 1,
		    (long long)((v < 0 ? -v : v) % p10[scale]));
		if (i <= 0 || dz_erp_decimal(text, (size_t)i, scale, &w) != DZ_OK || w != v)
			__builtin_trap();
	}
	for (k = 1; k <= sizeof(buf); k += 21) {
		memset(buf, 'x', sizeof(buf));
		n = dz_erp_value_text(data + 2, size - 2, buf, k);
		if (n >= k || buf[n] != '\0' || strlen(buf) != n ||
		    !clean_utf8((const unsigned char *)buf, n))
			__builtin_trap();
	}
	return 0;
}
