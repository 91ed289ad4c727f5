/* SOURCES: lib/multipart.c lib/form.c lib/money.c lib/utf8.c lib/util.c */
/*
 * libFuzzer target: lib/multipart. The input's first line (up to its
 * first LF) is a Content-Type for dz_multipart_boundary; the rest is the
 * body. When the line gives no boundary the body is parsed with the fixed
 * boundary "xYz", so every input reaches the body parser. Checked: a
 * boundary taken is 1 to 70 bchars not ending in a space, and taken again
 * from a Content-Type that quotes it; a parse that succeeds keeps at most
 * DZ_MULTIPART_PARTS_MAX parts (pairs, dropped pairs and files) and
 * DZ_MULTIPART_FILES_MAX files, keys within DZ_FORM_MAXKEY, values without
 * NUL, a file's bytes inside the body, its name without a path and its
 * strings without a control character; the pairs and the file, written
 * out again as a body of our own, parse back the same. A refusal is
 * DZ_ERR_INVAL and leaves nothing that dz_multipart_free does not free
 * (ASan finds the leaks).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

#define FIXED	"xYz"
#define AGAIN	"dzFuzzAgain7MA4YWxkTrZu0gW"

static int
bchar(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') ||
	    (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

static void
check_boundary(const char *b)
{
	char	 ct[128], again[DZ_MULTIPART_BOUNDARY_MAX + 1];
	size_t	 i, n = strlen(b);

	CHECK(n >= 1 && n <= DZ_MULTIPART_BOUNDARY_MAX && b[n - 1] != ' ');
	for (i = 0; i < n; i++)
		CHECK(bchar((unsigned char)b[i]));
	snprintf(ct, sizeof(ct), "Multipart/Form-Data; charset=utf-8; Boundary=\"%s\"", b);
	CHECK(dz_multipart_boundary(ct, again, sizeof(again)) == DZ_OK);
	CHECK(strcmp(again, b) == 0);
}

/* No control character (C0 but tab, DEL) in a string from the headers. */
static void
check_text(const char *s)
{
	for (; *s != '\0'; s++)
		CHECK(((unsigned char)*s >= 0x20 || *s == '\t') && *s != 0x7f);
}

/* s as a quoted string: '"' and '\' escaped. */
static size_t
quote(char *dst, const char *s)
{
	size_t	 n = 0;

	dst[n++] = '"';
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			dst[n++] = '\\';
		dst[n++] = *s;
	}
	dst[n++] = '"';
	return n;
}

static int
holds(const void *p, size_t n)
{
	return memmem(p, n, "--" AGAIN, strlen("--" AGAIN)) != NULL;
}

/* Write mp out as a body of our own and parse it back: the same. */
static void
again(const struct dz_multipart *mp)
{
	struct dz_multipart	 re;
	unsigned char		*buf;
	size_t			 i, cap = 256, n = 0, head;
	char			*p;
	int			 toolong = 0;

	for (i = 0; i < mp->fields.n; i++) {
		if (holds(mp->fields.v[i].val, mp->fields.v[i].vallen))
			return;
		cap += 2 * strlen(mp->fields.v[i].key) + mp->fields.v[i].vallen + 128;
	}
	for (i = 0; i < mp->nfiles; i++) {
		if (holds(mp->file[i].data, mp->file[i].len))
			return;
		cap += 2 * (strlen(mp->file[i].field) + strlen(mp->file[i].filename)) +
		    strlen(mp->file[i].type) + mp->file[i].len + 256;
	}
	if ((buf = malloc(cap)) == NULL)
		return;
	p = (char *)buf;
	for (i = 0; i < mp->fields.n; i++) {
		n += (size_t)sprintf(p + n, "--" AGAIN "\r\n");
		head = n;
		n += (size_t)sprintf(p + n, "Content-Disposition: form-data; name=");
		n += quote(p + n, mp->fields.v[i].key);
		n += (size_t)sprintf(p + n, "\r\n\r\n");
		toolong |= n - head > DZ_MULTIPART_HEAD_MAX;
		memcpy(p + n, mp->fields.v[i].val, mp->fields.v[i].vallen);
		n += mp->fields.v[i].vallen;
		n += (size_t)sprintf(p + n, "\r\n");
	}
	for (i = 0; i < mp->nfiles; i++) {
		n += (size_t)sprintf(p + n, "--" AGAIN "\r\n");
		head = n;
		n += (size_t)sprintf(p + n, "Content-Disposition: form-data; name=");
		n += quote(p + n, mp->file[i].field);
		n += (size_t)sprintf(p + n, "; filename=");
		n += quote(p + n, mp->file[i].filename);
		if (mp->file[i].type[0] != '\0')
			n += (size_t)sprintf(p + n, "\r\nContent-Type: %s", mp->file[i].type);
		n += (size_t)sprintf(p + n, "\r\n\r\n");
		toolong |= n - head > DZ_MULTIPART_HEAD_MAX;
		memcpy(p + n, mp->file[i].data, mp->file[i].len);
		n += mp->file[i].len;
		n += (size_t)sprintf(p + n, "\r\n");
	}
	n += (size_t)sprintf(p + n, "--" AGAIN "--\r\n");
	CHECK(n <= cap);
	if (dz_multipart_parse(&re, AGAIN, buf, n) != DZ_OK) {
		CHECK(toolong);	/* escapes can double a name */
		goto out;
	}
	CHECK(!re.fields.bad);
	CHECK(re.fields.n == mp->fields.n && re.nfiles == mp->nfiles);
	for (i = 0; i < re.fields.n; i++) {
		CHECK(strcmp(re.fields.v[i].key, mp->fields.v[i].key) == 0);
		CHECK(re.fields.v[i].vallen == mp->fields.v[i].vallen);
		CHECK(memcmp(re.fields.v[i].val, mp->fields.v[i].val,
		    mp->fields.v[i].vallen) == 0);
	}
	for (i = 0; i < re.nfiles; i++) {
		CHECK(strcmp(re.file[i].field, mp->file[i].field) == 0);
		CHECK(strcmp(re.file[i].filename, mp->file[i].filename) == 0);
		CHECK(strcmp(re.file[i].type, mp->file[i].type) == 0);
		CHECK(re.file[i].len == mp->file[i].len);
		CHECK(memcmp(re.file[i].data, mp->file[i].data, mp->file[i].len) == 0);
	}
out:
	dz_multipart_free(&re);
	free(buf);
}

static void
check_parsed(const struct dz_multipart *mp, const unsigned char *body, size_t len)
{
	size_t	 i;

	CHECK(mp->nfiles <= DZ_MULTIPART_FILES_MAX);
	CHECK(mp->fields.n + mp->fields.ndropped + mp->nfiles <= DZ_MULTIPART_PARTS_MAX);
	CHECK(!mp->fields.flood);
	CHECK(mp->fields.bad == (mp->fields.ndropped > 0));
	for (i = 0; i < mp->fields.n; i++) {
		CHECK(mp->fields.v[i].key[0] != '\0');
		CHECK(strlen(mp->fields.v[i].key) <= DZ_FORM_MAXKEY);
		CHECK(strlen(mp->fields.v[i].val) == mp->fields.v[i].vallen);
		check_text(mp->fields.v[i].key);
	}
	for (i = 0; i < mp->fields.ndropped; i++)
		CHECK(mp->fields.dropped[i].why == DZ_FERR_NAME ||
		    (mp->fields.dropped[i].why == DZ_FERR_CONTROL &&
		    mp->fields.dropped[i].key != NULL));
	for (i = 0; i < mp->nfiles; i++) {
		CHECK(mp->file[i].field[0] != '\0');
		CHECK(strlen(mp->file[i].field) <= DZ_FORM_MAXKEY);
		CHECK(strpbrk(mp->file[i].filename, "/\\") == NULL);
		check_text(mp->file[i].field);
		check_text(mp->file[i].filename);
		check_text(mp->file[i].type);
		CHECK(mp->file[i].data >= body && mp->file[i].len <= len &&
		    (size_t)(mp->file[i].data - body) <= len - mp->file[i].len);
	}
	for (i = mp->nfiles; i < DZ_MULTIPART_FILES_MAX; i++)
		CHECK(mp->file[i].field == NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dz_multipart	 mp;
	char			*ct, b[DZ_MULTIPART_BOUNDARY_MAX + 1];
	const uint8_t		*lf, *body;
	size_t			 n, len;
	enum dz_err		 e;

	lf = memchr(data, '\n', size);
	n = lf != NULL ? (size_t)(lf - data) : size;
	if ((ct = malloc(n + 1)) == NULL)
		return 0;
	memcpy(ct, data, n);
	ct[n] = '\0';	/* a NUL inside ends the header early: fine */
	if (dz_multipart_boundary(ct, b, sizeof(b)) == DZ_OK)
		check_boundary(b);
	else
		memcpy(b, FIXED, sizeof(FIXED));
	free(ct);
	body = lf != NULL ? lf + 1 : data + size;
	len = size - (size_t)(body - data);

	e = dz_multipart_parse(&mp, b, body, len);
	CHECK(e == DZ_OK || e == DZ_ERR_INVAL || e == DZ_ERR_NOMEM);
	if (e == DZ_OK) {
		check_parsed(&mp, body, len);
		again(&mp);
	}
	dz_multipart_free(&mp);
	CHECK(mp.nfiles == 0 && mp.fields.n == 0 && mp.fields.v == NULL);
	return 0;
}
