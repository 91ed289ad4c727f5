/* Route patterns: literal segments, %d ids and %t tokens. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "tap.h"

static const struct {
	const char	*pat, *path;
	int		 ok;
	long long	 id0;
	const char	*tok0;
} cases[] = {
	{ "/admin/users", "/admin/users", 1, 0, NULL },
	{ "/admin/users", "/admin/users/", 0, 0, NULL },
	{ "/admin/users", "/admin/user", 0, 0, NULL },
	{ "/admin/users/%d", "/admin/users/42", 1, 42, NULL },
	{ "/admin/users/%d", "/admin/users/0", 0, 0, NULL },
	{ "/admin/users/%d", "/admin/users/-1", 0, 0, NULL },
	{ "/admin/users/%d", "/admin/users/12abc", 0, 0, NULL },
	{ "/admin/users/%d", "/admin/users/", 0, 0, NULL },
	{ "/admin/users/%d", "/admin/users/99999999999", 1, 99999999999LL, NULL },
	{ "/admin/users/%d", "/admin/users/999999999999", 0, 0, NULL },
	{ "/admin/users/%d/test", "/admin/users/7/test", 1, 7, NULL },
	{ "/c/%t", "/c/AbC-_09", 1, 0, "AbC-_09" },
	{ "/c/%t", "/c/", 0, 0, NULL },
	{ "/c/%t", "/c/abc/def", 0, 0, NULL },
	{ "/c/%t", "/c/ab%2Fc", 0, 0, NULL },
	{ "/c/%t", "/c/ab.c", 0, 0, NULL },
};

int
main(void)
{
	size_t	i, k;

	for (i = 0; i < DZ_NELEM(cases); i++) {
		long long	 id[DZ_ARGS_MAX] = { 0 };
		char		*tok[DZ_ARGS_MAX] = { NULL };
		int		 m;

		m = dz_app_route_match(cases[i].pat, cases[i].path, id, tok);
		is_int(m, cases[i].ok, "%s %s %s", cases[i].pat,
		    cases[i].ok ? "matches" : "does not match", cases[i].path);
		if (m && cases[i].id0 != 0)
			is_int(id[0], cases[i].id0, "  id captured");
		if (m && cases[i].tok0 != NULL)
			is_str(tok[0], cases[i].tok0, "  token captured");
		for (k = 0; k < DZ_ARGS_MAX; k++)
			free(tok[k]);
	}
	return done_testing();
}
