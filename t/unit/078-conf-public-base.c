/*
 * App.PublicBase (lib/conf): the base of every customer link and QR code.
 * Only "https://host[:port]" passes, a trailing '/' dropped; anything that
 * could carry another site (user info, a path, a query, a second scheme),
 * or a plain-http base, is refused.
 */
#include "config.h"

#include <string.h>

#include "conf.h"
#include "tap.h"

static const struct {
	const char	*in, *out;	/* out NULL: refused */
} cases[] = {
	{ "https://dz.example.cn", "https://dz.example.cn" },
	{ "https://dz.example.cn/", "https://dz.example.cn" },
	{ "https://127.0.0.1:8443", "https://127.0.0.1:8443" },
	{ "https://127.0.0.1:8443/", "https://127.0.0.1:8443" },
	{ "https://[::1]:8443", "https://[::1]:8443" },
	{ "https://a-b.example.cn:443", "https://a-b.example.cn:443" },
	{ "http://dz.example.cn", NULL },
	{ "dz.example.cn", NULL },
	{ "https://", NULL },
	{ "https:///", NULL },
	{ "https://dz.example.cn/c/", NULL },
	{ "https://dz.example.cn//", NULL },
	{ "https://evil.example@dz.example.cn", NULL },
	{ "https://dz.example.cn?x=1", NULL },
	{ "https://dz.example.cn#x", NULL },
	{ "https://dz.example.cn:0", NULL },
	{ "https://dz.example.cn:65536", NULL },
	{ "https://dz.example.cn:", NULL },
	{ "https://dz.example.cn:84a3", NULL },
	{ "https://dz.example.cn:0000080", NULL },
	{ "https://.example.cn", NULL },
	{ "https://dz.example.cn.", NULL },
	{ "https://-dz.example.cn", NULL },
	{ "https://[]:8443", NULL },
	{ "https://[::1", NULL },
	{ "https://dz.example.cn evil", NULL },
	{ "https://dz.example.cn\\@evil.example", NULL },
	{ " https://dz.example.cn", NULL },
	{ "HTTPS://dz.example.cn", NULL },
};

int
main(void)
{
	char	out[64], tiny[8];
	size_t	i;

	plan((int)DZ_NELEM(cases) + 1);
	for (i = 0; i < DZ_NELEM(cases); i++) {
		int	rc;

		memset(out, 'x', sizeof(out));
		rc = dz_conf_public_base(cases[i].in, out, sizeof(out));
		if (cases[i].out != NULL)
			ok(rc == 0 && strcmp(out, cases[i].out) == 0,
			    "'%s' is the base '%s' (got '%s')", cases[i].in,
			    cases[i].out, rc == 0 ? out : "refused");
		else
			ok(rc == -1 && out[0] == '\0', "'%s' refused",
			    cases[i].in);
	}
	ok(dz_conf_public_base("https://dz.example.cn", tiny, sizeof(tiny)) == -1,
	    "a base longer than the buffer is refused");
	return done_testing();
}
