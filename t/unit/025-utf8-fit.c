/*
 * 025-utf8-fit: where text may be cut (dz_utf8_fit) and what counts as
 * plain text (dz_utf8_check: well-formed, no C0/DEL/C1 controls).
 */
#include "config.h"

#include <string.h>

#include "dz.h"
#include "utf8.h"
#include "tap.h"

static const struct {
	const char	*s;
	size_t		 max;
	size_t		 want;
	const char	*what;
} fits[] = {
	{ "abc", 5, 3, "fits: whole" },
	{ "abc", 3, 3, "exactly fits" },
	{ "abc", 2, 2, "ASCII: cut anywhere" },
	{ "abc", 0, 0, "max 0" },
	{ "", 0, 0, "empty" },
	{ "\xe4\xb8\xad\xe6\x96\x87", 6, 6, "中文 in 6 bytes" },
	{ "\xe4\xb8\xad\xe6\x96\x87", 5, 3, "中文 in 5: 中 only" },
	{ "\xe4\xb8\xad\xe6\x96\x87", 4, 3, "中文 in 4: 中 only" },
	{ "\xe4\xb8\xad\xe6\x96\x87", 3, 3, "中文 in 3: 中" },
	{ "\xe4\xb8\xad\xe6\x96\x87", 2, 0, "中文 in 2: nothing" },
	{ "a\xf0\x9f\x98\x80", 4, 1, "emoji does not fit in 3 more" },
	{ "a\xf0\x9f\x98\x80" "b", 5, 5, "emoji fits, b does not" },
	{ "\xc2\xa5" "1", 1, 0, "yen sign cut: nothing" },
};

static const struct {
	const char		*s;
	size_t			 len;	/* 0: strlen */
	enum dz_utf8_check	 want;
	const char		*what;
} checks[] = {
	{ "server=h; uid=sa", 0, DZ_UTF8_OK, "ASCII" },
	{ "\xe5\xaf\xb9\xe8\xb4\xa6", 0, DZ_UTF8_OK, "对账" },
	{ "a\tb", 0, DZ_UTF8_CONTROL, "tab" },
	{ "a\nb", 0, DZ_UTF8_CONTROL, "newline" },
	{ "a\0b", 3, DZ_UTF8_CONTROL, "NUL" },
	{ "\x7f", 0, DZ_UTF8_CONTROL, "DEL" },
	{ "\xc2\x85", 0, DZ_UTF8_CONTROL, "C1 NEL" },
	{ "\xc2\x9f", 0, DZ_UTF8_CONTROL, "C1 APC" },
	{ "\xc2\xa0", 0, DZ_UTF8_OK, "U+00A0 is not a control" },
	{ "\xe2\x80\xae", 0, DZ_UTF8_OK, "bidi override is form's business" },
	{ "\xff", 0, DZ_UTF8_BAD, "FF" },
	{ "\xc0\xaf", 0, DZ_UTF8_BAD, "overlong" },
	{ "\xed\xa0\x80", 0, DZ_UTF8_BAD, "surrogate" },
	{ "\x01\xff", 0, DZ_UTF8_CONTROL, "control first: control" },
	{ "\xff\x01", 0, DZ_UTF8_BAD, "bad first: bad" },
};

int
main(void)
{
	size_t	 i, len;

	for (i = 0; i < DZ_NELEM(fits); i++) {
		len = dz_utf8_fit(fits[i].s, strlen(fits[i].s), fits[i].max);
		is_int(len, fits[i].want, "fit: %s", fits[i].what);
		ok(dz_utf8_valid(fits[i].s, len), "  what is kept is valid");
	}
	for (i = 0; i < DZ_NELEM(checks); i++) {
		len = checks[i].len != 0 ? checks[i].len : strlen(checks[i].s);
		is_int(dz_utf8_check(checks[i].s, len), checks[i].want, "check: %s",
		    checks[i].what);
	}
	return done_testing();
}
