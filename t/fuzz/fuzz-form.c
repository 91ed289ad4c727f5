/* SOURCES: lib/form.c lib/money.c lib/utf8.c lib/util.c */
/*
 * libFuzzer target: an urlencoded body through dz_form_parse_urlencoded and
 * dz_form_validate against a table with every field type. Besides the
 * sanitizers it checks what the rest of the suite relies on: decoded pairs
 * hold no NUL, keys keep their limit, re-encoding the pairs parses back to
 * the same pairs, validated values keep their promises, and dz_utf8_valid
 * agrees with a second, naive decoder.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "money.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

static const char *const choices[] = { "a", "b", "confirm", "dispute", NULL };

enum { F_INT, F_DATE, F_MONEY, F_ENUM, F_TOKEN, F_TEXT, F_LINE, F_BOOL,
    F_TICK, F__MAX };

static const struct dz_field fields[F__MAX] = {
	[F_INT] = { "i", DZ_F_INT, 0, -1000, 1000, NULL, 0 },
	[F_DATE] = { "d", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[F_MONEY] = { "m", DZ_F_MONEY, 0, -DZ_MONEY_MAX, DZ_MONEY_MAX, NULL, 0 },
	[F_ENUM] = { "e", DZ_F_ENUM, 0, 0, 0, choices, 0 },
	[F_TOKEN] = { "t", DZ_F_TOKEN, 0, 0, 4, NULL, 0 },
	[F_TEXT] = { "x", DZ_F_TEXT, 0, 1, 8, NULL, 0 },
	[F_LINE] = { "l", DZ_F_LINE, 0, 0, 8, NULL, 0 },
	[F_BOOL] = { "b", DZ_F_BOOL, 0, 0, 0, NULL, 0 },
	[F_TICK] = { "k", DZ_F_INT, 0, 0, 99, NULL, 1 },
};

/* A second UTF-8 check written the obvious way: decode, then judge. */
static int
naive_utf8(const unsigned char *s, size_t n)
{
	size_t		 i = 0, k, len;
	uint32_t	 cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		} else if ((s[i] & 0xe0) == 0xc0) {
			len = 2, cp = s[i] & 0x1f, min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3, cp = s[i] & 0x0f, min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4, cp = s[i] & 0x07, min = 0x10000;
		} else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

/* Percent-encode every pair and parse again: the same pairs must come back. */
static void
reencode(const struct dz_pairs *pp)
{
	struct dz_pairs	 again;
	char		*buf, *p;
	size_t		 i, j, cap = 1;
	const char	*s;

	for (i = 0; i < pp->n; i++)
		cap += 3 * (strlen(pp->v[i].key) + pp->v[i].vallen) + 2;
	if ((buf = p = malloc(cap)) == NULL)
		return;
	for (i = 0; i < pp->n; i++) {
		if (i > 0)
			*p++ = '&';
		for (s = pp->v[i].key; *s != '\0'; s++)
			p += sprintf(p, "%%%02X", (unsigned char)*s);
		*p++ = '=';
		for (j = 0; j < pp->v[i].vallen; j++)
			p += sprintf(p, "%%%02x", (unsigned char)pp->v[i].val[j]);
	}
	memset(&again, 0, sizeof(again));
	CHECK(dz_form_parse_urlencoded(&again, buf, (size_t)(p - buf)) == DZ_OK);
	CHECK(!again.bad);
	CHECK(again.n == pp->n);
	for (i = 0; i < pp->n; i++) {
		CHECK(strcmp(again.v[i].key, pp->v[i].key) == 0);
		CHECK(again.v[i].vallen == pp->v[i].vallen);
		CHECK(memcmp(again.v[i].val, pp->v[i].val, pp->v[i].vallen) == 0);
	}
	dz_form_free(&again);
	free(buf);
}

static void
check_value(const struct dz_field *f, const struct dz_value *v)
{
	int	 y, m, d;
	size_t	 i;

	CHECK(v->s != NULL && strlen(v->s) == v->len && v->len > 0);
	switch (f->type) {
	case DZ_F_INT:
		CHECK(v->i >= f->min && v->i <= f->max);
		break;
	case DZ_F_DATE:
		CHECK(dz_date_parse(v->s, &y, &m, &d) == 0);
		CHECK(y == v->y && m == v->m && d == v->d);
		break;
	case DZ_F_MONEY:
		CHECK(v->fen >= f->min && v->fen <= f->max);
		break;
	case DZ_F_ENUM:
		CHECK(strcmp(f->choices[v->i], v->s) == 0);
		break;
	case DZ_F_TOKEN:
		CHECK((long long)v->len == f->max);
		CHECK(strspn(v->s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == v->len);
		break;
	case DZ_F_TEXT:
	case DZ_F_LINE:
		CHECK(dz_utf8_valid(v->s, v->len));
		CHECK((long long)dz_utf8_len(v->s, v->len) <= f->max);
		CHECK((long long)dz_utf8_len(v->s, v->len) >= f->min);
		for (i = 0; i < v->len; i++) {
			unsigned char c = v->s[i];
			CHECK(c >= 0x20 || (f->type == DZ_F_TEXT &&
			    (c == '\t' || c == '\r' || c == '\n')));
			CHECK(c != 0x7f);
		}
		break;
	case DZ_F_BOOL:
		CHECK(v->i == 1);
		break;
	default:
		CHECK(0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dz_pairs		 pp;
	struct dz_value		 out[F__MAX];
	struct dz_form_error	 err;
	enum dz_err		 rc;
	size_t			 i, k;

	CHECK(dz_utf8_valid((const char *)data, size) == naive_utf8(data, size));

	memset(&pp, 0, sizeof(pp));
	if (dz_form_parse_urlencoded(&pp, (const char *)data, size) != DZ_OK) {
		dz_form_free(&pp);
		return 0;
	}
	CHECK(pp.n <= DZ_FORM_MAXPAIRS);
	for (i = 0; i < pp.n; i++) {
		CHECK(pp.v[i].key[0] != '\0');
		CHECK(strlen(pp.v[i].key) <= DZ_FORM_MAXKEY);
		CHECK(strlen(pp.v[i].val) == pp.v[i].vallen);
	}
	reencode(&pp);

	rc = dz_form_validate(&pp, fields, F__MAX, out, &err);
	if (rc == DZ_OK) {
		CHECK(!pp.bad);
		for (i = 0; i < F__MAX; i++) {
			if (!out[i].present)
				continue;
			if (fields[i].multi) {
				CHECK(out[i].nall > 0);
				for (k = 0; k < out[i].nall; k++)
					check_value(&fields[i], &out[i].all[k]);
			} else {
				CHECK(dz_form_count(&pp, fields[i].name) == 1);
				check_value(&fields[i], &out[i]);
			}
		}
	} else {
		CHECK(rc == DZ_ERR_INVAL);
		CHECK(err.field != NULL && err.why > DZ_FERR_NONE &&
		    err.why < DZ_FERR__MAX);
		CHECK(dz_form_strerror(err.why) != NULL);
		/* The field named is "" or one of the table's, never a name
		 * the input made up (pages build HDF names from it). */
		if (err.field[0] != '\0') {
			for (i = 0; i < F__MAX; i++)
				if (err.field == fields[i].name)
					break;
			CHECK(i < F__MAX);
		}
		for (i = 0; i < F__MAX; i++)
			CHECK(out[i].all == NULL);
	}
	dz_form_values_free(out, F__MAX);
	dz_form_free(&pp);
	return 0;
}
