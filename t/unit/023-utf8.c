/* dz_utf8_valid and dz_utf8_len: well-formed UTF-8 only. */
#include "config.h"

#include <string.h>

#include "form.h"
#include "tap.h"

static const struct {
	const char	*s;
	size_t		 len;	/* 0: strlen */
	int		 valid;
	size_t		 ncp;	/* code points, when valid */
	const char	*what;
} rows[] = {
	{ "", 0, 1, 0, "empty" },
	{ "abc", 0, 1, 3, "ASCII" },
	{ "\x7f", 0, 1, 1, "DEL is valid UTF-8" },
	{ "\xc2\x80", 0, 1, 1, "U+0080" },
	{ "\xc2\xa5" "1", 0, 1, 2, "yen sign" },
	{ "\xdf\xbf", 0, 1, 1, "U+07FF" },
	{ "\xe0\xa0\x80", 0, 1, 1, "U+0800" },
	{ "\xe4\xb8\xad\xe6\x96\x87", 0, 1, 2, "中文" },
	{ "\xed\x9f\xbf", 0, 1, 1, "U+D7FF" },
	{ "\xee\x80\x80", 0, 1, 1, "U+E000" },
	{ "\xef\xbf\xbd", 0, 1, 1, "U+FFFD" },
	{ "\xef\xbf\xbf", 0, 1, 1, "U+FFFF" },
	{ "\xf0\x90\x80\x80", 0, 1, 1, "U+10000" },
	{ "\xf0\x9f\x98\x80", 0, 1, 1, "emoji" },
	{ "\xf4\x8f\xbf\xbf", 0, 1, 1, "U+10FFFF" },
	{ "a\0b", 3, 1, 3, "NUL is valid UTF-8 (form drops it earlier)" },
	{ "\x80", 0, 0, 0, "lone continuation" },
	{ "\xbf", 0, 0, 0, "lone continuation 2" },
	{ "\xc0\xaf", 0, 0, 0, "overlong '/' (C0 AF)" },
	{ "\xc1\xbf", 0, 0, 0, "overlong C1" },
	{ "\xc0\x80", 0, 0, 0, "overlong NUL" },
	{ "\xe0\x80\xaf", 0, 0, 0, "3-byte overlong" },
	{ "\xe0\x9f\xbf", 0, 0, 0, "3-byte overlong, top" },
	{ "\xf0\x80\x80\xaf", 0, 0, 0, "4-byte overlong" },
	{ "\xf0\x8f\xbf\xbf", 0, 0, 0, "4-byte overlong, top" },
	{ "\xed\xa0\x80", 0, 0, 0, "surrogate D800" },
	{ "\xed\xbf\xbf", 0, 0, 0, "surrogate DFFF" },
	{ "\xed\xa0\xbd\xed\xb8\x80", 0, 0, 0, "CESU-8 pair" },
	{ "\xf4\x90\x80\x80", 0, 0, 0, "U+110000" },
	{ "\xf5\x80\x80\x80", 0, 0, 0, "F5 lead" },
	{ "\xf8\x88\x80\x80\x80", 0, 0, 0, "5-byte form" },
	{ "\xfc\x84\x80\x80\x80\x80", 0, 0, 0, "6-byte form" },
	{ "\xfe", 0, 0, 0, "FE" },
	{ "\xff", 0, 0, 0, "FF" },
	{ "\xc2", 0, 0, 0, "truncated 2-byte" },
	{ "\xe4\xb8", 0, 0, 0, "truncated 3-byte" },
	{ "\xf0\x9f\x98", 0, 0, 0, "truncated 4-byte" },
	{ "a\xe4\xb8", 0, 0, 0, "truncated at the end" },
	{ "\xe4\xb8" "a", 0, 0, 0, "truncated before ASCII" },
	{ "\xc2\xc2\x80", 0, 0, 0, "lead then lead" },
	{ "\xe4\xb8\xad", 2, 0, 0, "len cuts a sequence" },
	{ "\xc2\x80\x80", 0, 0, 0, "extra continuation" },
};

int
main(void)
{
	size_t	 i, len;

	for (i = 0; i < DZ_NELEM(rows); i++) {
		len = rows[i].len != 0 ? rows[i].len : strlen(rows[i].s);
		is_int(dz_utf8_valid(rows[i].s, len), rows[i].valid, "%s %s",
		    rows[i].what, rows[i].valid ? "valid" : "invalid");
		if (rows[i].valid)
			is_int(dz_utf8_len(rows[i].s, len), rows[i].ncp,
			    "%s: %zu code points", rows[i].what, rows[i].ncp);
	}
	return done_testing();
}
