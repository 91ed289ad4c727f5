/* dz_form_parse_cookies: a Cookie header into pairs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "tap.h"

static const struct {
	const char	*in;
	const char	*want;	/* "k=v | k=v" */
	int		 bad;
} rows[] = {
	{ "", "", 0 },
	{ "a=1", "a=1", 0 },
	{ "a=1; b=2", "a=1 | b=2", 0 },
	{ "a=1;b=2", "a=1 | b=2", 0 },
	{ "  a=1 ;  b=2  ", "a=1 | b=2", 0 },
	{ "a=1;;b=2;", "a=1 | b=2", 0 },
	{ "a=", "a=", 0 },
	{ "a=\"quoted\"", "a=quoted", 0 },
	{ "a=\"\"", "a=", 0 },
	{ "a=%41", "a=%41", 0 },			/* not decoded */
	{ "a=b=c", "a=b=c", 0 },
	{ "__Host-dz=AbC_-09; theme=dark", "__Host-dz=AbC_-09 | theme=dark", 0 },
	{ "a=1; a=2", "a=1 | a=2", 0 },
	{ "noequals; b=2", "b=2", 1 },
	{ "=v; b=2", "b=2", 1 },
	{ "a b=1; c=2", "c=2", 1 },			/* space in a name */
	{ "a=x y; c=2", "c=2", 1 },			/* space in a value */
	{ "a=x\"y; c=2", "c=2", 1 },
	{ "a=x,y; c=2", "c=2", 1 },
	{ "a=\\; c=2", "c=2", 1 },
	{ "a=\x01; c=2", "c=2", 1 },
	{ "a=\xe4\xb8\xad; c=2", "c=2", 1 },		/* non-ASCII */
	{ "a(b)=1; c=2", "c=2", 1 },
	{ "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk=1; c=2",
	    "c=2", 1 },
};

static void
show(const struct dz_pairs *pp, char *buf)
{
	size_t	 i;

	*buf = '\0';
	for (i = 0; i < pp->n; i++)
		sprintf(buf + strlen(buf), "%s%s=%s", i > 0 ? " | " : "",
		    pp->v[i].key, pp->v[i].val);
}

int
main(void)
{
	struct dz_pairs	 pp;
	char		 buf[512];
	size_t		 i;

	for (i = 0; i < DZ_NELEM(rows); i++) {
		memset(&pp, 0, sizeof(pp));
		is_int(dz_form_parse_cookies(&pp, rows[i].in), DZ_OK,
		    "row %zu parses", i);
		show(&pp, buf);
		is_str(buf, rows[i].want, "row %zu: \"%s\"", i, rows[i].in);
		is_int(pp.bad, rows[i].bad, "row %zu bad flag", i);
		dz_form_free(&pp);
	}
	memset(&pp, 0, sizeof(pp));
	is_int(dz_form_parse_cookies(&pp, NULL), DZ_OK, "NULL header is no cookies");
	is_int(pp.n, 0, "and gives none");
	return done_testing();
}
