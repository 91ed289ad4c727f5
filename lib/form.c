/*
 * form.c: request input. Decoding (query string, urlencoded body, Cookie
 * header) keeps only pairs it could decode cleanly and remembers that
 * something was dropped; validation then turns raw strings into typed
 * values against one field table, and names the first field that failed.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "form.h"
#include "lang.h"
#include "money.h"
#include "utf8.h"

static const char *const ferrtext[DZ_FERR__MAX] = {
	[DZ_FERR_NONE] = LANG_form_err_none,
	[DZ_FERR_MISSING] = LANG_form_err_missing,
	[DZ_FERR_DUPLICATE] = LANG_form_err_duplicate,
	[DZ_FERR_UTF8] = LANG_form_err_utf8,
	[DZ_FERR_CONTROL] = LANG_form_err_control,
	[DZ_FERR_TOOLONG] = LANG_form_err_toolong,
	[DZ_FERR_TOOSHORT] = LANG_form_err_tooshort,
	[DZ_FERR_FORMAT] = LANG_form_err_format,
	[DZ_FERR_RANGE] = LANG_form_err_range,
	[DZ_FERR_CHOICE] = LANG_form_err_choice,
	[DZ_FERR_ESCAPE] = LANG_form_err_escape,
	[DZ_FERR_NAME] = LANG_form_err_name,
	[DZ_FERR_TOOMANY] = LANG_form_err_toomany,
};

const char *
dz_form_strerror(enum dz_ferr e)
{
	if ((unsigned)e >= DZ_FERR__MAX || ferrtext[e] == NULL)
		return LANG_form_err_format;
	return ferrtext[e];
}

/* --- pairs ----------------------------------------------------------- */

/* Take ownership of key and val (malloc'd) as a new pair. */
static enum dz_err
pairs_push(struct dz_pairs *pp, char *key, char *val, size_t vallen)
{
	struct dz_pair	*nv;
	size_t		 ncap;

	if (pp->n >= DZ_FORM_MAXPAIRS) {
		pp->bad = 1;
		pp->flood = 1;
		free(key);
		free(val);
		return DZ_OK;
	}
	if (pp->n == pp->cap) {
		ncap = pp->cap == 0 ? 16 : pp->cap * 2;
		nv = reallocarray(pp->v, ncap, sizeof(*nv));
		if (nv == NULL) {
			free(key);
			free(val);
			return DZ_ERR_NOMEM;
		}
		pp->v = nv;
		pp->cap = ncap;
	}
	pp->v[pp->n].key = key;
	pp->v[pp->n].val = val;
	pp->v[pp->n].vallen = vallen;
	pp->n++;
	return DZ_OK;
}

/*
 * Remember a pair dropped while decoding: key (malloc'd, or NULL when the
 * name did not decode) is taken. Sets bad.
 */
static void
pairs_drop(struct dz_pairs *pp, char *key, enum dz_ferr why)
{
	pp->bad = 1;
	if (pp->ndropped == DZ_FORM_MAXDROPPED) {
		free(key);
		return;
	}
	pp->dropped[pp->ndropped].key = key;
	pp->dropped[pp->ndropped].why = why;
	pp->ndropped++;
}

void
dz_form_free(struct dz_pairs *pp)
{
	size_t	 i;

	if (pp == NULL)
		return;
	for (i = 0; i < pp->n; i++) {
		free(pp->v[i].key);
		free(pp->v[i].val);
	}
	free(pp->v);
	pp->v = NULL;
	pp->n = pp->cap = 0;
	for (i = 0; i < pp->ndropped; i++)
		free(pp->dropped[i].key);
	memset(pp->dropped, 0, sizeof(pp->dropped));
	pp->ndropped = 0;
	pp->bad = 0;
	pp->flood = 0;
}

const char *
dz_form_get(const struct dz_pairs *pp, const char *key)
{
	size_t	 i;

	for (i = 0; i < pp->n; i++)
		if (strcmp(pp->v[i].key, key) == 0)
			return pp->v[i].val;
	return NULL;
}

size_t
dz_form_count(const struct dz_pairs *pp, const char *key)
{
	size_t	 i, n = 0;

	for (i = 0; i < pp->n; i++)
		if (strcmp(pp->v[i].key, key) == 0)
			n++;
	return n;
}

/* --- urlencoded ------------------------------------------------------ */

/*
 * Decode src[0..len) ('+' and %XX) into a fresh NUL-terminated string.
 * Returns DZ_OK, DZ_ERR_INVAL for a bad escape or any NUL byte (raw or
 * %00; *why says which: DZ_FERR_ESCAPE or DZ_FERR_CONTROL), or
 * DZ_ERR_NOMEM. *out is set only on DZ_OK.
 */
static enum dz_err
urldecode(const char *src, size_t len, char **out, size_t *outlen,
    enum dz_ferr *why)
{
	char	*d;
	size_t	 i, n = 0;
	int	 hi, lo;

	if ((d = malloc(len + 1)) == NULL)
		return DZ_ERR_NOMEM;
	for (i = 0; i < len; i++) {
		if (src[i] == '+') {
			d[n++] = ' ';
		} else if (src[i] == '%') {
			*why = DZ_FERR_ESCAPE;
			if (len - i < 3 ||
			    (hi = dz_hexval(src[i + 1])) < 0 ||
			    (lo = dz_hexval(src[i + 2])) < 0)
				goto bad;
			*why = DZ_FERR_CONTROL;
			if (hi == 0 && lo == 0)
				goto bad;
			d[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (src[i] == '\0') {
			*why = DZ_FERR_CONTROL;
			goto bad;
		} else {
			d[n++] = src[i];
		}
	}
	d[n] = '\0';
	*out = d;
	if (outlen != NULL)
		*outlen = n;
	return DZ_OK;
bad:
	free(d);
	return DZ_ERR_INVAL;
}

/* Decode one "key=value" segment and keep it if it is clean. */
static enum dz_err
urlencoded_pair(struct dz_pairs *pp, const char *seg, size_t len)
{
	const char	*eq;
	char		*key = NULL, *val = NULL;
	size_t		 klen, kdec, vlen;
	enum dz_err	 e;
	enum dz_ferr	 why = DZ_FERR_NAME;

	eq = memchr(seg, '=', len);
	klen = eq != NULL ? (size_t)(eq - seg) : len;
	if (klen == 0)
		return DZ_OK;	/* "=x": nothing to name it by */
	if ((e = urldecode(seg, klen, &key, &kdec, &why)) != DZ_OK) {
		if (e == DZ_ERR_INVAL)
			pairs_drop(pp, NULL, DZ_FERR_NAME);
		return e == DZ_ERR_INVAL ? DZ_OK : e;
	}
	if (kdec == 0 || kdec > DZ_FORM_MAXKEY) {
		free(key);
		pairs_drop(pp, NULL, DZ_FERR_NAME);
		return DZ_OK;
	}
	if (eq != NULL)
		e = urldecode(eq + 1, len - klen - 1, &val, &vlen, &why);
	else if ((val = strdup("")) == NULL)
		e = DZ_ERR_NOMEM;
	else
		vlen = 0;
	if (e == DZ_ERR_INVAL) {
		pairs_drop(pp, key, why);	/* the field can be named */
		return DZ_OK;
	}
	if (e != DZ_OK) {
		free(key);
		return e;
	}
	return pairs_push(pp, key, val, vlen);
}

enum dz_err
dz_form_parse_urlencoded(struct dz_pairs *pp, const char *buf, size_t len)
{
	const char	*p, *amp;
	size_t		 seglen;
	enum dz_err	 e;

	if (buf == NULL)
		return DZ_OK;
	p = buf;
	while (len > 0) {
		amp = memchr(p, '&', len);
		seglen = amp != NULL ? (size_t)(amp - p) : len;
		if (seglen > 0 && (e = urlencoded_pair(pp, p, seglen)) != DZ_OK)
			return e;
		if (amp == NULL)
			break;
		len -= seglen + 1;
		p = amp + 1;
	}
	return DZ_OK;
}

enum dz_err
dz_form_push(struct dz_pairs *pp, const char *key, size_t klen,
    const char *val, size_t vlen)
{
	char	*k, *v;

	if (klen == 0 || klen > DZ_FORM_MAXKEY ||
	    memchr(key, '\0', klen) != NULL) {
		pairs_drop(pp, NULL, DZ_FERR_NAME);
		return DZ_OK;
	}
	if ((k = strndup(key, klen)) == NULL)
		return DZ_ERR_NOMEM;
	if (vlen > 0 && memchr(val, '\0', vlen) != NULL) {
		pairs_drop(pp, k, DZ_FERR_CONTROL);	/* the field can be named */
		return DZ_OK;
	}
	if ((v = malloc(vlen + 1)) == NULL) {
		free(k);
		return DZ_ERR_NOMEM;
	}
	if (vlen > 0)
		memcpy(v, val, vlen);
	v[vlen] = '\0';
	return pairs_push(pp, k, v, vlen);
}

/* --- cookies --------------------------------------------------------- */

/* Cookie names are RFC 6265 tokens. */
static int
cookie_name_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && strchr("()<>@,;:\\\"/[]?={}", c) == NULL;
}

/* Values: printable ASCII without space, '"', ',', ';' and '\'. */
static int
cookie_value_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' &&
	    c != '\\';
}

static enum dz_err
cookie_pair(struct dz_pairs *pp, const char *seg, size_t len)
{
	const char	*eq, *v;
	char		*key = NULL, *val = NULL;
	size_t		 klen, vlen, i;

	while (len > 0 && (seg[0] == ' ' || seg[0] == '\t'))
		seg++, len--;
	while (len > 0 && (seg[len - 1] == ' ' || seg[len - 1] == '\t'))
		len--;
	if (len == 0)
		return DZ_OK;
	if ((eq = memchr(seg, '=', len)) == NULL)
		goto bad;
	klen = eq - seg;
	v = eq + 1;
	vlen = len - klen - 1;
	if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
		v++;
		vlen -= 2;
	}
	if (klen == 0 || klen > DZ_FORM_MAXKEY)
		goto bad;
	for (i = 0; i < klen; i++)
		if (!cookie_name_char(seg[i]))
			goto bad;
	for (i = 0; i < vlen; i++)
		if (!cookie_value_char(v[i]))
			goto bad;
	if ((key = strndup(seg, klen)) == NULL ||
	    (val = strndup(v, vlen)) == NULL) {
		free(key);
		return DZ_ERR_NOMEM;
	}
	return pairs_push(pp, key, val, vlen);
bad:
	pp->bad = 1;
	return DZ_OK;
}

enum dz_err
dz_form_parse_cookies(struct dz_pairs *pp, const char *header)
{
	const char	*p, *semi;
	size_t		 len, seglen;
	enum dz_err	 e;

	if (header == NULL)
		return DZ_OK;
	p = header;
	len = strlen(header);
	while (len > 0) {
		semi = memchr(p, ';', len);
		seglen = semi != NULL ? (size_t)(semi - p) : len;
		if ((e = cookie_pair(pp, p, seglen)) != DZ_OK)
			return e;
		if (semi == NULL)
			break;
		len -= seglen + 1;
		p = semi + 1;
	}
	return DZ_OK;
}

/* --- validators ------------------------------------------------------ */

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
dz_date_parse(const char *s, int *y, int *m, int *d)
{
	static const int	 mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			 yy, mm, dd, i, max;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			return -1;
	yy = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	mm = (s[5] - '0') * 10 + (s[6] - '0');
	dd = (s[8] - '0') * 10 + (s[9] - '0');
	if (yy < 1900 || yy > 2999 || mm < 1 || mm > 12)
		return -1;
	max = mdays[mm - 1] + (mm == 2 && leap(yy));
	if (dd < 1 || dd > max)
		return -1;
	if (y != NULL)
		*y = yy;
	if (m != NULL)
		*m = mm;
	if (d != NULL)
		*d = dd;
	return 0;
}

/* Decimal integer: optional '-', then 1..n digits; overflow is RANGE. */
static enum dz_ferr
check_int(const char *s, long long *out)
{
	const char	*p = s;
	unsigned long long v = 0, lim;
	int		 neg = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (!is_digit(*p))
		return DZ_FERR_FORMAT;
	lim = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	for (; is_digit(*p); p++) {
		if (v > (lim - (*p - '0')) / 10) {
			/* Still a number: keep looking for a format error. */
			while (is_digit(*p))
				p++;
			return *p == '\0' ? DZ_FERR_RANGE : DZ_FERR_FORMAT;
		}
		v = v * 10 + (*p - '0');
	}
	if (*p != '\0')
		return DZ_FERR_FORMAT;
	*out = neg ? (long long)(0 - v) : (long long)v;
	return DZ_FERR_NONE;
}

/* Is cp a control character a form must not carry? (\t \r \n aside) */
static int
is_control(uint32_t cp)
{
	return dz_utf8_is_control(cp) ||
	    (cp >= 0x202a && cp <= 0x202e) ||	/* bidi embedding/override */
	    (cp >= 0x2066 && cp <= 0x2069);	/* bidi isolates */
}

static enum dz_ferr
check_text(const struct dz_field *f, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n, ncp = 0;
	uint32_t		 cp;

	if (!dz_utf8_valid(s, len))
		return DZ_FERR_UTF8;
	for (i = 0; i < len; i += n, ncp++) {
		n = dz_utf8_next(p + i, len - i, &cp);
		if (f->type == DZ_F_TEXT &&
		    (cp == '\t' || cp == '\r' || cp == '\n'))
			continue;
		if (is_control(cp))
			return DZ_FERR_CONTROL;
		if (f->type == DZ_F_LINE && (cp == 0x2028 || cp == 0x2029))
			return DZ_FERR_CONTROL;
	}
	if ((long long)ncp > f->max)
		return DZ_FERR_TOOLONG;
	if ((long long)ncp < f->min)
		return DZ_FERR_TOOSHORT;
	return DZ_FERR_NONE;
}

static int
b64url_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    is_digit(c) || c == '-' || c == '_';
}

/* Validate one non-empty raw value of field f into v. */
static enum dz_ferr
check_value(const struct dz_field *f, const char *s, size_t len,
    struct dz_value *v)
{
	enum dz_ferr	 why = DZ_FERR_NONE;
	size_t		 i;

	v->present = 1;
	v->s = s;
	v->len = len;
	switch (f->type) {
	case DZ_F_INT:
		if ((why = check_int(s, &v->i)) != DZ_FERR_NONE)
			break;
		if (v->i < f->min || v->i > f->max)
			why = DZ_FERR_RANGE;
		break;
	case DZ_F_DATE:
		if (dz_date_parse(s, &v->y, &v->m, &v->d) == -1)
			why = DZ_FERR_FORMAT;
		break;
	case DZ_F_MONEY:
		if (dz_money_parse(s, &v->fen) != DZ_OK)
			why = DZ_FERR_FORMAT;
		else if (v->fen < f->min || v->fen > f->max)
			why = DZ_FERR_RANGE;
		break;
	case DZ_F_ENUM:
		why = DZ_FERR_CHOICE;
		for (i = 0; f->choices != NULL && f->choices[i] != NULL; i++)
			if (strcmp(s, f->choices[i]) == 0) {
				v->i = (long long)i;
				why = DZ_FERR_NONE;
				break;
			}
		break;
	case DZ_F_TOKEN:
		if ((long long)len != f->max)
			why = DZ_FERR_FORMAT;
		for (i = 0; why == DZ_FERR_NONE && i < len; i++)
			if (!b64url_char(s[i]))
				why = DZ_FERR_FORMAT;
		break;
	case DZ_F_TEXT:
	case DZ_F_LINE:
		why = check_text(f, s, len);
		break;
	case DZ_F_BOOL:
		if (strcmp(s, "1") == 0 || strcmp(s, "on") == 0)
			v->i = 1;
		else
			why = DZ_FERR_FORMAT;
		break;
	default:
		why = DZ_FERR_FORMAT;
		break;
	}
	return why;
}

/* Validate every value of one field into *out. */
static enum dz_ferr
check_field(const struct dz_pairs *pp, const struct dz_field *f,
    struct dz_value *out, enum dz_err *e)
{
	enum dz_ferr	 why;
	size_t		 i, seen = 0, nval = 0;

	for (i = 0; i < pp->n; i++) {
		if (strcmp(pp->v[i].key, f->name) != 0)
			continue;
		seen++;
		if (pp->v[i].vallen > 0)
			nval++;
	}
	if (seen > 1 && !f->multi)
		return DZ_FERR_DUPLICATE;
	if (nval == 0)
		return f->required ? DZ_FERR_MISSING : DZ_FERR_NONE;
	if (f->multi &&
	    (out->all = calloc(nval, sizeof(*out->all))) == NULL) {
		*e = DZ_ERR_NOMEM;
		return DZ_FERR_NONE;
	}
	for (i = 0; i < pp->n; i++) {
		if (strcmp(pp->v[i].key, f->name) != 0 || pp->v[i].vallen == 0)
			continue;
		if (f->multi) {
			why = check_value(f, pp->v[i].val, pp->v[i].vallen,
			    &out->all[out->nall]);
			out->nall++;
		} else
			why = check_value(f, pp->v[i].val, pp->v[i].vallen, out);
		if (why != DZ_FERR_NONE)
			return why;
	}
	if (f->multi) {
		/* The first value doubles as out's own. */
		out->present = 1;
		out->i = out->all[0].i;
		out->fen = out->all[0].fen;
		out->y = out->all[0].y;
		out->m = out->all[0].m;
		out->d = out->all[0].d;
		out->s = out->all[0].s;
		out->len = out->all[0].len;
	}
	return DZ_FERR_NONE;
}

/* Why the decoder dropped a pair named name, or DZ_FERR_NONE. */
static enum dz_ferr
dropped_why(const struct dz_pairs *pp, const char *name)
{
	size_t	 i;

	for (i = 0; i < pp->ndropped; i++)
		if (pp->dropped[i].key != NULL &&
		    strcmp(pp->dropped[i].key, name) == 0)
			return pp->dropped[i].why;
	return DZ_FERR_NONE;
}

/* Is name one of fields[0..n)? */
static int
in_table(const struct dz_field *fields, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(fields[i].name, name) == 0)
			return 1;
	return 0;
}

/*
 * Fields aside, why the form fails: the first pair dropped that is not
 * one of the table's (its name not decoded, or a field the table does not
 * have), or dropped pairs beyond what was remembered. DZ_FERR_NONE if none.
 */
static enum dz_ferr
dropped_other(const struct dz_pairs *pp, const struct dz_field *fields, size_t n)
{
	size_t	 i;

	for (i = 0; i < pp->ndropped; i++)
		if (pp->dropped[i].key == NULL)
			return DZ_FERR_NAME;
		else if (!in_table(fields, n, pp->dropped[i].key))
			return pp->dropped[i].why;
	return pp->bad && pp->ndropped == 0 ? DZ_FERR_FORMAT : DZ_FERR_NONE;
}

enum dz_err
dz_form_validate(const struct dz_pairs *pp, const struct dz_field *fields,
    size_t n, struct dz_value *out, struct dz_form_error *err)
{
	enum dz_err	 e = DZ_OK;
	enum dz_ferr	 why = DZ_FERR_NONE;
	size_t		 i;

	memset(out, 0, n * sizeof(*out));
	err->field = NULL;
	err->why = DZ_FERR_NONE;
	if (pp->flood) {
		err->field = "";
		err->why = DZ_FERR_TOOMANY;
		return DZ_ERR_INVAL;
	}
	for (i = 0; i < n; i++) {
		if ((why = dropped_why(pp, fields[i].name)) == DZ_FERR_NONE)
			why = check_field(pp, &fields[i], &out[i], &e);
		if (e != DZ_OK)
			goto out;
		if (why != DZ_FERR_NONE) {
			err->field = fields[i].name;
			err->why = why;
			e = DZ_ERR_INVAL;
			goto out;
		}
	}
	if ((why = dropped_other(pp, fields, n)) != DZ_FERR_NONE) {
		err->field = "";
		err->why = why;
		e = DZ_ERR_INVAL;
	}
out:
	if (e != DZ_OK) {
		dz_form_values_free(out, n);
		memset(out, 0, n * sizeof(*out));
	}
	return e;
}

enum dz_err
dz_form_field(const struct dz_pairs *pp, const struct dz_field *f,
    struct dz_value *out, struct dz_form_error *err)
{
	enum dz_err	 e = DZ_OK;
	enum dz_ferr	 why;

	memset(out, 0, sizeof(*out));
	err->field = NULL;
	err->why = DZ_FERR_NONE;
	if ((why = dropped_why(pp, f->name)) == DZ_FERR_NONE)
		why = check_field(pp, f, out, &e);
	if (e == DZ_OK && why != DZ_FERR_NONE) {
		err->field = f->name;
		err->why = why;
		e = DZ_ERR_INVAL;
	}
	if (e != DZ_OK) {
		dz_form_values_free(out, 1);
		memset(out, 0, sizeof(*out));
	}
	return e;
}

void
dz_form_values_free(struct dz_value *v, size_t n)
{
	size_t	 i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(v[i].all);
		v[i].all = NULL;
		v[i].nall = 0;
	}
}
