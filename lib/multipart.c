/*
 * multipart.c: a multipart/form-data body (RFC 7578) framed as RFC 2046
 * §5.1 frames a multipart entity, parsed from memory for lib/multipart.h.
 *
 * Why by hand: no Debian package is a C library that parses
 * multipart/form-data from a buffer ("apt-cache search multipart" finds
 * parsers for Haskell, Perl, Python, Ruby and Node.js only), and the part
 * of the grammar a browser's upload needs is small.
 *
 * The frame: a delimiter is CR LF "--" boundary (LF alone is accepted
 * too; the first may open the body with no line end before it), then
 * "--" (the close delimiter) or optional spaces and tabs and a line end.
 * "--" boundary anywhere else (not at a line's start, or followed by
 * anything else) is data. The preamble before the first delimiter and the
 * epilogue after the close are ignored; a body without a close is refused
 * (it was cut short). Each part's end is found by one memmem over the rest
 * of the body (a false hit resumes the search after itself) and its
 * headers are read within DZ_MULTIPART_HEAD_MAX bytes, so the work is
 * linear in the body's length and nothing is read past it.
 *
 * Headers: names in any case, lines ending CR LF or LF, no folding and no
 * control character but tab (such a header refuses the body: it is not
 * cleaned). Content-Disposition (once; form-data with a name=) and
 * Content-Type (once) are read, the rest (Content-Transfer-Encoding too,
 * RFC 7578 §4.7) ignored. A parameter is a token or a quoted string in
 * which \" and \\ are escapes and any other backslash stands for itself
 * (old browsers sent Windows paths unescaped). Percent escapes are not
 * decoded (browsers write a '"' in a name as %22: the name keeps it).
 * filename*= (RFC 5987) is ignored: browsers send filename=, and RFC 7578
 * §4.2 says not to use filename* in form-data.
 *
 * A part with a filename= (even "") is a file: its bytes stay in the
 * caller's buffer. The others are text pairs through dz_form_push (their
 * charset is not converted; _charset_ is the page's business).
 *
 * The limits (multipart.h), each a refusal of the whole body: 16 parts, 1
 * file, 4096 bytes of one part's headers (its blank line included), a
 * boundary of 1 to 70 bchars; a file's field name of at most
 * DZ_FORM_MAXKEY bytes (a text part's longer name is dropped as a name that
 * could not be decoded, as the urlencoded decoder drops it). The body's
 * own size is the caller's limit.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "form.h"
#include "multipart.h"

/* Some bytes of the body or of a header. */
struct span {
	const char	*p;
	size_t		 n;
};

/* What one part's headers said. */
struct head {
	int		 disposition;	/* Content-Disposition seen */
	int		 hastype;	/* Content-Type seen */
	char		*name;		/* name=, decoded (malloc'd) */
	size_t		 nlen;
	char		*filename;	/* filename=, decoded (malloc'd), NULL: none */
	size_t		 flen;
	struct span	 type;		/* Content-Type's value, trimmed */
};

/* The body and the delimiter searched in it. */
struct scan {
	const unsigned char	*buf;
	size_t			 len;
	char			 pat[DZ_MULTIPART_BOUNDARY_MAX + 3];	/* "\n--" boundary */
	size_t			 plen;
};

/* --- bytes ----------------------------------------------------------- */

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Is s[0..n) word (given in lower case), in any case? No locale. */
static int
same(const char *s, size_t n, const char *word)
{
	size_t	 i;

	if (strlen(word) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower((unsigned char)s[i]) != word[i])
			return 0;
	return 1;
}

static int
ows(int c)
{
	return c == ' ' || c == '\t';
}

/* RFC 7230 tchar: the bytes of a header's or a parameter's name. */
static int
tchar(int c)
{
	return c > 0x20 && c < 0x7f && strchr("\"(),/:;<=>?@[\\]{}", c) == NULL;
}

/* RFC 2046 bchars, space included (it may not be last). */
static int
bchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') ||
	    (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

static int
boundary_ok(const char *b, size_t n)
{
	size_t	 i;

	if (n == 0 || n > DZ_MULTIPART_BOUNDARY_MAX || b[n - 1] == ' ')
		return 0;
	for (i = 0; i < n; i++)
		if (!bchar((unsigned char)b[i]))
			return 0;
	return 1;
}

/* --- parameters ------------------------------------------------------ */

/*
 * The next "; name=value" of s[*ip..n) (a header's value after its type):
 * the value a token (up to ';' or a space) or the inside of a quoted
 * string (*quoted set; param_value undoes its escapes). Empty parameters
 * (";;", a last ';') are skipped. 1 found, 0 at the end, -1 malformed.
 */
static int
next_param(const char *s, size_t n, size_t *ip, struct span *name,
    struct span *val, int *quoted)
{
	size_t	 i = *ip, j;

	for (;;) {
		while (i < n && ows(s[i]))
			i++;
		if (i == n) {
			*ip = i;
			return 0;
		}
		if (s[i] != ';')
			return -1;
		i++;
		while (i < n && ows(s[i]))
			i++;
		if (i < n && s[i] != ';')
			break;
	}
	for (j = i; j < n && tchar((unsigned char)s[j]); j++)
		continue;
	if (j == i)
		return -1;
	name->p = s + i;
	name->n = j - i;
	for (i = j; i < n && ows(s[i]); i++)
		continue;
	if (i == n || s[i] != '=')
		return -1;
	for (i++; i < n && ows(s[i]); i++)
		continue;
	if (i < n && s[i] == '"') {
		*quoted = 1;
		for (j = ++i; j < n && s[j] != '"'; j++)
			if (s[j] == '\\' && j + 1 < n &&
			    (s[j + 1] == '"' || s[j + 1] == '\\'))
				j++;
		if (j == n)
			return -1;	/* no closing quote */
		val->p = s + i;
		val->n = j - i;
		i = j + 1;
	} else {
		*quoted = 0;
		for (j = i; j < n && s[j] != ';' && !ows(s[j]); j++)
			continue;
		val->p = s + i;
		val->n = j - i;
		i = j;
	}
	*ip = i;
	return 1;
}

/*
 * A parameter's value into dst (room for v->n + 1 bytes), a quoted
 * string's \" and \\ undone. Returns its length; dst is NUL-terminated.
 */
static size_t
param_value(char *dst, const struct span *v, int quoted)
{
	size_t	 i, n = 0;

	for (i = 0; i < v->n; i++) {
		if (quoted && v->p[i] == '\\' && i + 1 < v->n &&
		    (v->p[i + 1] == '"' || v->p[i + 1] == '\\'))
			i++;
		dst[n++] = v->p[i];
	}
	dst[n] = '\0';
	return n;
}

enum dz_err
dz_multipart_boundary(const char *ct, char *buf, size_t sz)
{
	char		 b[2 * DZ_MULTIPART_BOUNDARY_MAX + 1];
	struct span	 name, val;
	size_t		 n, i, start, blen = 0;
	int		 quoted, r, found = 0;

	if (ct == NULL)
		return DZ_ERR_INVAL;
	n = strlen(ct);
	for (i = 0; i < n && ows(ct[i]); i++)
		continue;
	for (start = i; i < n && ct[i] != ';' && !ows(ct[i]); i++)
		continue;
	if (!same(ct + start, i - start, "multipart/form-data"))
		return DZ_ERR_INVAL;
	while ((r = next_param(ct, n, &i, &name, &val, &quoted)) == 1) {
		if (!same(name.p, name.n, "boundary"))
			continue;
		/* Escapes at most halve it: longer is too long decoded. */
		if (found || val.n > 2 * DZ_MULTIPART_BOUNDARY_MAX)
			return DZ_ERR_INVAL;
		found = 1;
		blen = param_value(b, &val, quoted);
	}
	if (r == -1 || !found || !boundary_ok(b, blen) || blen >= sz)
		return DZ_ERR_INVAL;
	memcpy(buf, b, blen + 1);
	return DZ_OK;
}

/* --- one part -------------------------------------------------------- */

/* Content-Disposition's value: form-data, its name= and filename=. */
static enum dz_err
disposition(struct head *h, const char *s, size_t n)
{
	struct span	 name, val;
	size_t		 i, *dlen;
	char		**dst;
	int		 quoted, r;

	for (i = 0; i < n && s[i] != ';' && !ows(s[i]); i++)
		continue;
	if (!same(s, i, "form-data"))
		return DZ_ERR_INVAL;
	while ((r = next_param(s, n, &i, &name, &val, &quoted)) == 1) {
		if (same(name.p, name.n, "name")) {
			dst = &h->name;
			dlen = &h->nlen;
		} else if (same(name.p, name.n, "filename")) {
			dst = &h->filename;
			dlen = &h->flen;
		} else
			continue;	/* filename*, and what we do not use */
		if (*dst != NULL)
			return DZ_ERR_INVAL;	/* said twice: which one? */
		if ((*dst = malloc(val.n + 1)) == NULL)
			return DZ_ERR_NOMEM;
		*dlen = param_value(*dst, &val, quoted);
	}
	return r == 0 ? DZ_OK : DZ_ERR_INVAL;
}

/* One header line s[0..n), its line end removed. */
static enum dz_err
header(struct head *h, const char *s, size_t n)
{
	size_t	 i, c;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			return DZ_ERR_INVAL;
	for (c = 0; c < n && tchar((unsigned char)s[c]); c++)
		continue;
	/* A folded line starts with a space; a space before ':' is a trap. */
	if (c == 0 || c == n || s[c] != ':')
		return DZ_ERR_INVAL;
	for (i = c + 1; i < n && ows(s[i]); i++)
		continue;
	while (n > i && ows(s[n - 1]))
		n--;
	if (same(s, c, "content-disposition")) {
		if (h->disposition)
			return DZ_ERR_INVAL;
		h->disposition = 1;
		return disposition(h, s + i, n - i);
	}
	if (same(s, c, "content-type")) {
		if (h->hastype)
			return DZ_ERR_INVAL;
		h->hastype = 1;
		h->type.p = s + i;
		h->type.n = n - i;
	}
	return DZ_OK;
}

/* Keep a file part: its name, its file's last path segment, its type. */
static enum dz_err
upload(struct dz_multipart *mp, const struct head *h,
    const unsigned char *data, size_t len)
{
	struct dz_upload	*u;
	const char		*base;
	size_t			 i;

	if (mp->nfiles == DZ_MULTIPART_FILES_MAX || h->nlen > DZ_FORM_MAXKEY)
		return DZ_ERR_INVAL;
	base = h->filename;
	for (i = 0; i < h->flen; i++)
		if (h->filename[i] == '/' || h->filename[i] == '\\')
			base = h->filename + i + 1;
	/* Counted first: dz_multipart_free frees what was copied. */
	u = &mp->file[mp->nfiles++];
	if ((u->field = strdup(h->name)) == NULL ||
	    (u->filename = strdup(base)) == NULL ||
	    (u->type = strndup(h->hastype ? h->type.p : "", h->type.n)) == NULL)
		return DZ_ERR_NOMEM;
	u->data = data;
	u->len = len;
	return DZ_OK;
}

/* The part p[0..n), between two delimiters: headers, a blank line, data. */
static enum dz_err
part(struct dz_multipart *mp, const unsigned char *p, size_t n)
{
	struct head		 h;
	const unsigned char	*lf;
	size_t			 i = 0, lim, line, body;
	enum dz_err		 e = DZ_ERR_INVAL;

	memset(&h, 0, sizeof(h));
	lim = n < DZ_MULTIPART_HEAD_MAX ? n : DZ_MULTIPART_HEAD_MAX;
	for (;;) {
		if (i == n) {
			body = n;	/* headers up to the delimiter, no data */
			break;
		}
		if ((lf = memchr(p + i, '\n', lim - i)) == NULL)
			goto out;	/* over the limit, or no line end */
		line = (size_t)(lf - (p + i));
		if (line > 0 && p[i + line - 1] == '\r')
			line--;
		if (line == 0) {
			body = (size_t)(lf - p) + 1;
			break;
		}
		if ((e = header(&h, (const char *)p + i, line)) != DZ_OK)
			goto out;
		e = DZ_ERR_INVAL;
		i = (size_t)(lf - p) + 1;
	}
	if (!h.disposition || h.name == NULL || h.nlen == 0)
		goto out;
	if (h.filename == NULL)
		e = dz_form_push(&mp->fields, h.name, h.nlen,
		    (const char *)p + body, n - body);
	else
		e = upload(mp, &h, p + body, n - body);
out:
	free(h.name);
	free(h.filename);
	return e;
}

/* --- the body -------------------------------------------------------- */

/*
 * Does a delimiter's boundary end at t? Then *next is the byte after its
 * line and *close says whether it was "--" boundary "--".
 */
static int
line_end(const struct scan *sc, size_t t, size_t *next, int *close)
{
	if (sc->len - t >= 2 && sc->buf[t] == '-' && sc->buf[t + 1] == '-') {
		*close = 1;
		*next = t + 2;
		return 1;
	}
	while (t < sc->len && ows(sc->buf[t]))
		t++;	/* transport padding */
	if (t < sc->len && sc->buf[t] == '\n')
		*next = t + 1;
	else if (sc->len - t >= 2 && sc->buf[t] == '\r' && sc->buf[t + 1] == '\n')
		*next = t + 2;
	else
		return 0;
	*close = 0;
	return 1;
}

/*
 * The first delimiter whose LF is at from or after it; with first, also
 * "--" boundary at the very start of the body. *at is where it begins
 * (its CR, its LF, or 0), *next and *close as line_end says. 0, or -1
 * when there is none.
 */
static int
delimiter(const struct scan *sc, size_t from, int first, size_t *at,
    size_t *next, int *close)
{
	const unsigned char	*hit;
	size_t			 h;

	if (first && sc->len >= sc->plen - 1 &&
	    memcmp(sc->buf, sc->pat + 1, sc->plen - 1) == 0 &&
	    line_end(sc, sc->plen - 1, next, close)) {
		*at = 0;
		return 0;
	}
	while (from < sc->len && (hit = memmem(sc->buf + from, sc->len - from,
	    sc->pat, sc->plen)) != NULL) {
		h = (size_t)(hit - sc->buf);
		if (line_end(sc, h + sc->plen, next, close)) {
			*at = h > 0 && sc->buf[h - 1] == '\r' ? h - 1 : h;
			return 0;
		}
		from = h + 1;
	}
	return -1;
}

enum dz_err
dz_multipart_parse(struct dz_multipart *mp, const char *boundary,
    const unsigned char *buf, size_t len)
{
	struct scan	 sc;
	size_t		 blen, at, next, pos, nparts = 0;
	int		 close;
	enum dz_err	 e;

	memset(mp, 0, sizeof(*mp));
	if (boundary == NULL || buf == NULL)
		return DZ_ERR_INVAL;
	blen = strnlen(boundary, DZ_MULTIPART_BOUNDARY_MAX + 1);
	if (!boundary_ok(boundary, blen))
		return DZ_ERR_INVAL;
	memcpy(sc.pat, "\n--", 3);
	memcpy(sc.pat + 3, boundary, blen);
	sc.plen = blen + 3;
	sc.buf = buf;
	sc.len = len;
	if (delimiter(&sc, 0, 1, &at, &next, &close) == -1)
		return DZ_ERR_INVAL;	/* no opening delimiter */
	while (!close) {
		pos = next;
		if (nparts++ == DZ_MULTIPART_PARTS_MAX)
			return DZ_ERR_INVAL;
		/* From the LF that ended the delimiter's line: an empty part. */
		if (delimiter(&sc, pos - 1, 0, &at, &next, &close) == -1)
			return DZ_ERR_INVAL;	/* no close: cut short */
		if (at < pos)
			at = pos;
		if ((e = part(mp, buf + pos, at - pos)) != DZ_OK)
			return e;
	}
	return DZ_OK;
}

void
dz_multipart_free(struct dz_multipart *mp)
{
	size_t	 i;

	if (mp == NULL)
		return;
	dz_form_free(&mp->fields);
	for (i = 0; i < DZ_MULTIPART_FILES_MAX; i++) {
		free(mp->file[i].field);
		free(mp->file[i].filename);
		free(mp->file[i].type);
	}
	memset(mp, 0, sizeof(*mp));
}
