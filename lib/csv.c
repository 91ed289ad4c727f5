/*
 * csv.c: the CSV writer of lib/csv.h. Pure: it only appends to its buffer.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* Room for need more bytes, or -1 (and failed) when memory runs out. */
static int
reserve(struct dz_csv *c, size_t need)
{
	size_t	 ncap;
	char	*b;

	if (c->failed)
		return -1;
	if (need <= c->cap - c->len)
		return 0;
	ncap = c->cap > 0 ? c->cap : 4096;
	while (ncap - c->len < need) {
		if (ncap > (size_t)-1 / 2) {
			c->failed = 1;
			return -1;
		}
		ncap *= 2;
	}
	if ((b = realloc(c->buf, ncap)) == NULL) {
		c->failed = 1;
		return -1;
	}
	c->buf = b;
	c->cap = ncap;
	return 0;
}

int
dz_csv_risky(const char *s)
{
	return s != NULL && (*s == '=' || *s == '+' || *s == '-' || *s == '@' ||
	    *s == '\t' || *s == '\r');
}

int
dz_csv_bom(struct dz_csv *c)
{
	if (reserve(c, 3) == -1)
		return -1;
	memcpy(c->buf + c->len, "\xef\xbb\xbf", 3);
	c->len += 3;
	return 0;
}

int
dz_csv_cell(struct dz_csv *c, const char *s)
{
	const char	*q;
	size_t		 n, quotes = 0;
	char		*o;

	if (s == NULL)
		s = "";
	n = strlen(s);
	for (q = s; (q = strchr(q, '"')) != NULL; q++)
		quotes++;
	/* , " ' text-with-quotes-doubled " */
	if (n > (size_t)-1 / 2 - 8 || reserve(c, n + quotes + 4) == -1)
		return -1;
	o = c->buf + c->len;
	if (c->col > 0)
		*o++ = ',';
	*o++ = '"';
	if (dz_csv_risky(s))
		*o++ = '\'';
	for (; *s != '\0'; s++) {
		if (*s == '"')
			*o++ = '"';
		*o++ = *s;
	}
	*o++ = '"';
	c->len = (size_t)(o - c->buf);
	c->col++;
	return 0;
}

/* -?[0-9]+(\.[0-9]+)?, at most 40 bytes: a number, never a formula. */
static int
plain_number(const char *s)
{
	const char	*p = s;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0' && p - s <= 40;
}

int
dz_csv_number(struct dz_csv *c, const char *s)
{
	size_t	n;

	if (s == NULL || !plain_number(s))
		return dz_csv_cell(c, s);
	n = strlen(s);
	if (reserve(c, n + 1) == -1)
		return -1;
	if (c->col > 0)
		c->buf[c->len++] = ',';
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->col++;
	return 0;
}

int
dz_csv_row_end(struct dz_csv *c)
{
	if (reserve(c, 2) == -1)
		return -1;
	c->buf[c->len++] = '\r';
	c->buf[c->len++] = '\n';
	c->col = 0;
	return 0;
}

void
dz_csv_clear(struct dz_csv *c)
{
	c->len = 0;
}

void
dz_csv_free(struct dz_csv *c)
{
	free(c->buf);
	memset(c, 0, sizeof(*c));
}
