/* The CSRF origin checks: every POST's, and the customer page's (no-referrer). */
#include "config.h"

#include "app.h"
#include "tap.h"

static const struct {
	const char	*scheme, *host, *origin, *referer, *fetch;
	int		 ok;
	const char	*what;
} cases[] = {
	{ "https", "127.0.0.1:8443", "https://127.0.0.1:8443", NULL, NULL, 1, "same origin" },
	{ "https", "dz.example.cn", "https://DZ.example.cn", NULL, NULL, 1, "host case ignored" },
	{ "https", "dz.example.cn", "https://evil.example", NULL, NULL, 0, "foreign origin" },
	{ "https", "dz.example.cn", "http://dz.example.cn", NULL, NULL, 0, "other scheme" },
	{ "https", "dz.example.cn", "https://dz.example.cn:444", NULL, NULL, 0, "other port" },
	{ "https", "dz.example.cn", "https://dz.example.cn.evil", NULL, NULL, 0, "suffix attack" },
	{ "https", "dz.example.cn", "null", NULL, NULL, 0, "opaque origin" },
	{ "https", "dz.example.cn", NULL, "https://dz.example.cn/login", NULL, 1, "referer fallback" },
	{ "https", "dz.example.cn", NULL, "https://dz.example.cn", NULL, 1, "bare referer" },
	{ "https", "dz.example.cn", NULL, "https://dz.example.cn.evil/x", NULL, 0, "referer suffix attack" },
	{ "https", "dz.example.cn", NULL, "https://evil.example/https://dz.example.cn/", NULL, 0, "referer elsewhere" },
	{ "https", "dz.example.cn", "", "", NULL, 0, "neither origin nor referer" },
	{ "https", "dz.example.cn", NULL, NULL, NULL, 0, "nothing at all" },
	{ "https", "dz.example.cn", "https://dz.example.cn", NULL, "cross-site", 0, "fetch metadata cross-site" },
	{ "https", "dz.example.cn", "https://dz.example.cn", NULL, "same-site", 0, "fetch metadata same-site (sibling)" },
	{ "https", "dz.example.cn", "https://dz.example.cn", NULL, "same-origin", 1, "fetch metadata same-origin" },
	{ "https", "", "https://", NULL, NULL, 0, "no Host header" },
};

/* The customer's page is served no-referrer: its form says "Origin: null". */
static const struct {
	const char	*host, *origin, *fetch;
	int		 ok;
	const char	*what;
} opaque[] = {
	{ "dz.example.cn", "null", NULL, 1, "opaque: Origin null" },
	{ "dz.example.cn", NULL, NULL, 1, "opaque: no Origin (older WebView)" },
	{ "dz.example.cn", "", "same-origin", 1, "opaque: empty Origin, same-origin" },
	{ "dz.example.cn", "https://dz.example.cn", NULL, 1, "opaque: our own origin" },
	{ "dz.example.cn", "https://DZ.EXAMPLE.CN", NULL, 1, "opaque: host case ignored" },
	{ "dz.example.cn", "https://evil.example", NULL, 0, "opaque: foreign origin" },
	{ "dz.example.cn", "https://dz.example.cn.evil", NULL, 0, "opaque: suffix attack" },
	{ "dz.example.cn", "null", "cross-site", 0, "opaque: cross-site fetch" },
	{ "dz.example.cn", "null", "same-site", 0, "opaque: same-site fetch" },
	{ "dz.example.cn", "null", "none", 0, "opaque: a typed address does not post" },
	{ "", "https://", NULL, 0, "opaque: a real Origin and no Host" },
};

int
main(void)
{
	size_t	i;

	for (i = 0; i < DZ_NELEM(cases); i++)
		is_int(dz_app_origin_ok(cases[i].scheme, cases[i].host, cases[i].origin,
		    cases[i].referer, cases[i].fetch), cases[i].ok, "%s", cases[i].what);
	for (i = 0; i < DZ_NELEM(opaque); i++)
		is_int(dz_app_origin_opaque_ok("https", opaque[i].host, opaque[i].origin,
		    opaque[i].fetch), opaque[i].ok, "%s", opaque[i].what);
	return done_testing();
}
