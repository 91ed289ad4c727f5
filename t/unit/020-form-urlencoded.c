/*
 * dz_form_parse_urlencoded: what is kept, what is dropped, and when the
 * "bad" flag goes up. Each row gives the input, the pairs expected (shown
 * as "key=val | key=val" with non-printable bytes as \xNN) and bad.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "tap.h"

static const struct {
	const char	*in;
	size_t		 len;	/* 0: strlen(in) */
	const char	*want;
	int		 bad;
} rows[] = {
	{ "", 0, "", 0 },
	{ "a=1", 0, "a=1", 0 },
	{ "a=1&b=2", 0, "a=1 | b=2", 0 },
	{ "a=1&&b=2", 0, "a=1 | b=2", 0 },		/* empty pair */
	{ "&&&", 0, "", 0 },
	{ "a=1&", 0, "a=1", 0 },
	{ "&a=1", 0, "a=1", 0 },
	{ "a", 0, "a=", 0 },				/* no '=' */
	{ "a=", 0, "a=", 0 },
	{ "=x", 0, "", 0 },				/* no key */
	{ "a=b=c", 0, "a=b=c", 0 },
	{ "a=x+y", 0, "a=x y", 0 },			/* '+' is space */
	{ "a=x%20y", 0, "a=x y", 0 },
	{ "a=%2B", 0, "a=+", 0 },
	{ "a+b=1", 0, "a b=1", 0 },
	{ "%61=%62", 0, "a=b", 0 },			/* escaped key */
	{ "a=%e4%b8%ad", 0, "a=\\xe4\\xb8\\xad", 0 },	/* 中, lower hex */
	{ "a=%E4%B8%AD", 0, "a=\\xe4\\xb8\\xad", 0 },
	{ "a=%26&b=%3D", 0, "a=& | b==", 0 },
	{ "a=1&a=2", 0, "a=1 | a=2", 0 },		/* duplicates kept here */
	{ "a=%00", 0, "", 1 },				/* %00 */
	{ "a=x%00y&b=2", 0, "b=2", 1 },
	{ "%00=1&b=2", 0, "b=2", 1 },
	{ "a=%", 0, "", 1 },				/* bad escapes */
	{ "a=%4", 0, "", 1 },
	{ "a=%G1&b=2", 0, "b=2", 1 },
	{ "a=%1G", 0, "", 1 },
	{ "a=%%41", 0, "", 1 },
	{ "a=1&b=%zz&c=3", 0, "a=1 | c=3", 1 },
	{ "a=%C0%AF", 0, "a=\\xc0\\xaf", 0 },		/* decodes; UTF-8 is validate's */
	{ "a=%FF", 0, "a=\\xff", 0 },
	{ "a=x\0y&b=2", 9, "b=2", 1 },			/* raw NUL */
	{ "a=1&b=2", 3, "a=1", 0 },			/* len honoured */
	{ "a=%0D%0A", 0, "a=\\x0d\\x0a", 0 },
	/* 64-byte key kept, 65 dropped */
	{ "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk=1",
	    0, "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk=1", 0 },
	{ "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk=1&b=2",
	    0, "b=2", 1 },
	/* the limit is on the decoded key: 64 x "%6B" is 64 bytes */
	{ "%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B"
	  "%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B"
	  "%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B"
	  "%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B%6B=v",
	    0, "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk=v", 0 },
};

/* "key=val | key=val", non-printables as \xNN. */
static char *
show(const struct dz_pairs *pp)
{
	char	*buf, *p;
	size_t	 i, j, cap = 16;
	const char *s[2];
	size_t	 n[2];
	int	 k;

	for (i = 0; i < pp->n; i++)
		cap += 4 * (strlen(pp->v[i].key) + pp->v[i].vallen) + 4;
	if ((buf = p = malloc(cap)) == NULL)
		return NULL;
	*p = '\0';
	for (i = 0; i < pp->n; i++) {
		if (i > 0)
			p += sprintf(p, " | ");
		s[0] = pp->v[i].key;
		n[0] = strlen(pp->v[i].key);
		s[1] = pp->v[i].val;
		n[1] = pp->v[i].vallen;
		for (k = 0; k < 2; k++) {
			if (k == 1)
				*p++ = '=';
			for (j = 0; j < n[k]; j++) {
				unsigned char c = s[k][j];
				if (c >= 0x20 && c < 0x7f && c != '\\')
					*p++ = c;
				else
					p += sprintf(p, "\\x%02x", c);
			}
		}
		*p = '\0';
	}
	return buf;
}

int
main(void)
{
	struct dz_pairs	 pp;
	char		*got, *big;
	size_t		 i, len;

	for (i = 0; i < DZ_NELEM(rows); i++) {
		memset(&pp, 0, sizeof(pp));
		len = rows[i].len != 0 ? rows[i].len : strlen(rows[i].in);
		is_int(dz_form_parse_urlencoded(&pp, rows[i].in, len), DZ_OK,
		    "row %zu parses", i);
		got = show(&pp);
		is_str(got, rows[i].want, "row %zu pairs", i);
		is_int(pp.bad, rows[i].bad, "row %zu bad flag", i);
		for (size_t j = 0; j < pp.n; j++)
			if (strlen(pp.v[j].val) != pp.v[j].vallen)
				ok(0, "row %zu: vallen matches", i);
		free(got);
		dz_form_free(&pp);
	}

	/* Appending: a query string and a body end up in one set. */
	memset(&pp, 0, sizeof(pp));
	dz_form_parse_urlencoded(&pp, "a=1", 3);
	dz_form_parse_urlencoded(&pp, "a=2&b=3", 7);
	is_int(pp.n, 3, "two parses append");
	is_int(dz_form_count(&pp, "a"), 2, "count of a");
	is_int(dz_form_count(&pp, "zz"), 0, "count of a missing key");
	is_str(dz_form_get(&pp, "a"), "1", "get returns the first");
	ok(dz_form_get(&pp, "zz") == NULL, "get of a missing key is NULL");
	dz_form_free(&pp);
	ok(pp.n == 0 && pp.v == NULL && pp.bad == 0, "free resets");
	dz_form_free(&pp);
	ok(pp.n == 0 && pp.v == NULL && pp.bad == 0, "free twice is safe (still empty)");

	/* A 1 MB value is kept whole: its limit is the field's. */
	len = 1 << 20;
	big = malloc(len + 3);
	memcpy(big, "v=", 2);
	memset(big + 2, 'x', len);
	big[len + 2] = '\0';
	memset(&pp, 0, sizeof(pp));
	dz_form_parse_urlencoded(&pp, big, len + 2);
	ok(pp.n == 1 && pp.v[0].vallen == len && !pp.bad, "1 MB value kept");
	dz_form_free(&pp);
	free(big);

	/* 30,000 parameters: the first DZ_FORM_MAXPAIRS kept, then bad. */
	big = malloc(30000 * 4 + 1);
	for (i = 0, len = 0; i < 30000; i++)
		len += sprintf(big + len, "a=1&");
	memset(&pp, 0, sizeof(pp));
	is_int(dz_form_parse_urlencoded(&pp, big, len), DZ_OK, "flood parses");
	is_int(pp.n, DZ_FORM_MAXPAIRS, "flood capped at DZ_FORM_MAXPAIRS");
	is_int(pp.bad, 1, "flood sets bad");
	dz_form_free(&pp);
	free(big);
	return done_testing();
}
