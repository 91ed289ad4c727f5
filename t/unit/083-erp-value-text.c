/*
 * 083-erp-value-text: ERP text as a page may show it (lib/erp_value, no
 * db-lib): trailing blanks of a CHAR column dropped, control characters
 * made spaces, invalid UTF-8 made '?', cut only at a character boundary,
 * always terminated.
 */
#include "config.h"

#include <string.h>

#include "dz.h"
#include "erp_value.h"
#include "tap.h"

struct tcase {
	const char	*what;
	const char	*in;
	size_t		 inlen;		/* 0: strlen(in) */
	size_t		 bufsz;
	const char	*want;
};

static const struct tcase cases[] = {
	{ "plain text", "联想电脑", 0, 64, "联想电脑" },
	{ "CHAR padding dropped", "0201      ", 0, 64, "0201" },
	{ "trailing NULs dropped", "ab\0\0", 4, 64, "ab" },
	{ "inner spaces kept", " a  b", 0, 64, " a  b" },
	{ "control characters become spaces", "a\tb\nc\x7f", 0, 64, "a b c " },
	{ "a stray continuation byte", "a\x80z", 0, 64, "a?z" },
	{ "a lead byte without its tail", "a\xe4\xb8", 0, 64, "a??" },
	{ "an overlong encoding", "\xc0\xaf", 0, 64, "??" },
	{ "a surrogate", "\xed\xa0\x80", 0, 64, "???" },
	{ "beyond U+10FFFF", "\xf4\x90\x80\x80", 0, 64, "????" },
	{ "cut at a character boundary", "联想电脑", 0, 8, "联想" },
	{ "a buffer of one", "abc", 0, 1, "" },
	{ "empty", "", 0, 8, "" },
};

int
main(void)
{
	char	buf[64];
	size_t	i, n;

	for (i = 0; i < DZ_NELEM(cases); i++) {
		const struct tcase *c = &cases[i];

		memset(buf, 'x', sizeof(buf));
		n = dz_erp_value_text(c->in, c->inlen != 0 ? c->inlen : strlen(c->in), buf,
		    c->bufsz);
		is_str(buf, c->want, "%s", c->what);
		is_int((long long)n, (long long)strlen(c->want), "%s: length", c->what);
	}
	n = dz_erp_value_text(NULL, 5, buf, sizeof(buf));
	ok(n == 0 && buf[0] == '\0', "NULL data is empty text");
	return done_testing();
}
