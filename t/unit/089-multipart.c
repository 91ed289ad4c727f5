/*
 * dz_multipart_boundary and dz_multipart_parse: the boundary taken from a
 * Content-Type, and a multipart/form-data body (RFC 7578, RFC 2046 §5.1)
 * read into text pairs and a file that points into the body. Bodies are
 * written out byte by byte as a browser sends them; the limits are tried
 * on both sides; every prefix of a good body is refused (cut short) and
 * read from an allocation of exactly its length.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"
#include "tap.h"

#define B	"----dzFormBoundary7MA4YWxk"
#define CD	"Content-Disposition: form-data; "

#define K16	"kkkkkkkkkkkkkkkk"
#define K65	K16 K16 K16 K16 "k"	/* a name one byte too long */

#define LIT(s)	(const unsigned char *)(s), sizeof(s) - 1

/* --- the boundary from a Content-Type -------------------------------- */

static const struct {
	const char	*ct;
	const char	*want;	/* NULL: DZ_ERR_INVAL */
} ctypes[] = {
	{ "multipart/form-data; boundary=abc", "abc" },
	{ "multipart/form-data;boundary=abc", "abc" },
	{ "  multipart/form-data ;  boundary = abc  ", "abc" },
	{ "multipart/form-data; boundary=\"a b:c\"", "a b:c" },	/* quoted */
	{ "multipart/form-data; boundary=\"a\\\\b\"", NULL },	/* \ is no bchar */
	{ "multipart/form-data; charset=utf-8; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
	    "----WebKitFormBoundary7MA4YWxkTrZu0gW" },
	{ "multipart/form-data; charset=\"utf;8\"; boundary=x", "x" },	/* ';' quoted */
	{ "MULTIPART/FORM-DATA; BOUNDARY=XyZ", "XyZ" },		/* names in any case */
	{ "Multipart/Form-Data; Boundary=\"XyZ\"", "XyZ" },
	{ "multipart/form-data; boundary=abc;", "abc" },		/* a last ';' */
	{ "multipart/form-data; boundary='()+_,-./:=?", "'()+_,-./:=?" },	/* every bchar */
	{ "multipart/form-data; boundary="
	    "1234567890123456789012345678901234567890123456789012345678901234567890",
	    "1234567890123456789012345678901234567890123456789012345678901234567890" },
	{ "multipart/form-data; boundary="		/* 71: too long */
	    "12345678901234567890123456789012345678901234567890123456789012345678901", NULL },
	{ "multipart/form-data; boundary=\""		/* 71 quoted */
	    "12345678901234567890123456789012345678901234567890123456789012345678901\"", NULL },
	{ "multipart/form-data; boundary=ab@c", NULL },		/* '@' is no bchar */
	{ "multipart/form-data; boundary=ab\xe4\xb8\xad", NULL },	/* nor UTF-8 */
	{ "multipart/form-data; boundary=\"ab<c\"", NULL },
	{ "multipart/form-data; boundary=\"a\\\"b\"", NULL },	/* '"' escaped: no bchar */
	{ "multipart/form-data; boundary=\"ab \"", NULL },	/* ends in a space */
	{ "multipart/form-data; boundary=", NULL },		/* empty */
	{ "multipart/form-data; boundary=\"\"", NULL },
	{ "multipart/form-data; boundary=\"abc", NULL },		/* no closing quote */
	{ "multipart/form-data; boundary=\"abc\"x", NULL },
	{ "multipart/form-data; boundary=a; boundary=b", NULL },	/* twice */
	{ "multipart/form-data", NULL },				/* none */
	{ "multipart/form-data; charset=utf-8", NULL },
	{ "multipart/form-data; boundary", NULL },		/* no '=' */
	{ "multipart/form-data boundary=abc", NULL },
	{ "multipart/mixed; boundary=abc", NULL },
	{ "multipart/form-dataX; boundary=abc", NULL },
	{ "application/x-www-form-urlencoded", NULL },
	{ "", NULL },
};

static void
boundaries(void)
{
	char	 buf[2 * DZ_MULTIPART_BOUNDARY_MAX];	/* the limit, not buf's size */
	size_t	 i;
	int	 e;

	for (i = 0; i < DZ_NELEM(ctypes); i++) {
		strcpy(buf, "untouched");
		e = dz_multipart_boundary(ctypes[i].ct, buf, sizeof(buf));
		if (ctypes[i].want != NULL) {
			is_int(e, DZ_OK, "content type %zu: parses", i);
			is_str(buf, ctypes[i].want, "content type %zu: boundary", i);
		} else {
			is_int(e, DZ_ERR_INVAL, "content type %zu: refused", i);
			is_str(buf, "untouched", "content type %zu: buf untouched", i);
		}
	}
	is_int(dz_multipart_boundary(NULL, buf, sizeof(buf)), DZ_ERR_INVAL,
	    "no Content-Type: refused");
	is_int(dz_multipart_boundary("multipart/form-data; boundary=abc", buf, 3),
	    DZ_ERR_INVAL, "a buf too small: refused");
	is_int(dz_multipart_boundary("multipart/form-data; boundary=abc", buf, 4),
	    DZ_OK, "a buf just large enough");
	is_str(buf, "abc", "a buf just large enough: boundary");
}

/* --- bodies ---------------------------------------------------------- */

/* A file with NULs, CR LF, and "--" boundary not at a line's start or
 * not ending one: all data. */
#define FILEDATA	"PK\003\004\0\0\r\n--" B "x\r\nab--" B "\r\n" \
	"\r\n--" B "-\r\n\n--" B "\t\txyz\r\n--" "----dzFormBoundary7MA4\0\xff\r\n"

static const char full[] =
	"preamble, ignored\r\n"
	"--" B "\r\n"
	CD "name=\"who\"\r\n"
	"\r\n"
	"\xe5\xbc\xa0\xe4\xb8\x89\r\n"
	"--" B "\r\n"
	CD "name=\"ledger\"; filename=\"C:\\fakepath\\a.xlsx\"\r\n"
	"Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n"
	"\r\n"
	FILEDATA
	"\r\n--" B "--\r\n"
	"epilogue, ignored\r\n--" B "\r\n";

static void
whole(void)
{
	struct dz_multipart	 mp;
	const unsigned char	*b = (const unsigned char *)full;
	size_t			 len = sizeof(full) - 1;

	is_int(dz_multipart_parse(&mp, B, b, len), DZ_OK, "a text field and a file");
	is_int(mp.fields.n, 1, "one text pair");
	is_str(dz_form_get(&mp.fields, "who"), "\xe5\xbc\xa0\xe4\xb8\x89", "its value");
	is_int(mp.fields.bad, 0, "nothing dropped");
	is_int(mp.nfiles, 1, "one file");
	is_str(mp.file[0].field, "ledger", "the file's field");
	is_str(mp.file[0].filename, "a.xlsx", "C:\\fakepath\\a.xlsx is a.xlsx");
	is_str(mp.file[0].type,
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	    "the file's type");
	is_int(mp.file[0].len, sizeof(FILEDATA) - 1, "the file's length");
	ok(mp.file[0].data > b && mp.file[0].data + mp.file[0].len < b + len,
	    "the file points into the body");
	ok(mp.file[0].len == sizeof(FILEDATA) - 1 &&
	    memcmp(mp.file[0].data, FILEDATA, sizeof(FILEDATA) - 1) == 0,
	    "the file's bytes, NULs and false delimiters included");
	dz_multipart_free(&mp);
	ok(mp.nfiles == 0 && mp.fields.n == 0 && mp.file[0].field == NULL,
	    "free resets");
	dz_multipart_free(&mp);
	ok(mp.nfiles == 0, "free twice is safe");
}

/* Every prefix of the body is cut short (no close) and refused; each is
 * read from an allocation of exactly its length. */
static void
prefixes(void)
{
	struct dz_multipart	 mp;
	const char		*close;
	unsigned char		*copy;
	size_t			 len = sizeof(full) - 1, end, n, wrong = 0;
	enum dz_err		 e, want;

	/* full holds NULs: memmem, not strstr */
	close = memmem(full, len, "\r\n--" B "--", strlen("\r\n--" B "--"));
	end = (size_t)(close - full) + strlen("\r\n--" B "--");
	for (n = 0; n <= len; n++) {
		if ((copy = malloc(n > 0 ? n : 1)) == NULL)
			break;
		memcpy(copy, full, n);
		e = dz_multipart_parse(&mp, B, copy, n);
		want = n < end ? DZ_ERR_INVAL : DZ_OK;
		if (e != want || (e == DZ_OK && mp.nfiles != 1)) {
			if (wrong++ == 0)
				diag("prefix of %zu bytes: %d", n, e);
		}
		dz_multipart_free(&mp);
		free(copy);
	}
	is_int(n, len + 1, "every prefix tried");
	is_int(wrong, 0, "a prefix without the close is refused, with it parses");
}

/* Names quoted, unquoted, escaped; headers and parameters in any case. */
static const char names[] =
	"--" B "\r\n"
	CD "name=plain\r\n\r\n1\r\n"
	"--" B "\r\n"
	CD "name=\"a\\\"b\"\r\n\r\n2\r\n"
	"--" B "\r\n"
	CD "name=\"c\\\\d\"\r\n\r\n3\r\n"
	"--" B "\r\n"
	CD "name=\"e\\f\"\r\n\r\n4\r\n"
	"--" B "\r\n"
	"content-DISPOSITION:Form-Data;NAME=\"Up\";  x-other=\"y;z\"\r\n\r\n5\r\n"
	"--" B "\r\n"
	CD "name=\"semi;colon\"\r\n"
	"Content-Transfer-Encoding: base64\r\n\r\n6\r\n"
	"--" B "\r\n"
	CD "name=\"%22q%22\"\r\n\r\n7\r\n"
	"--" B "\r\n"
	CD "name=\"empty\"\r\n\r\n\r\n"
	"--" B "\r\n"
	CD "name=\"lines\"\r\n\r\nx\r\ny\r\n\r\n"
	"--" B "\t \r\n"	/* transport padding */
	CD "name=f; filename*=UTF-8''%E4%B8%AD.xlsx\r\n\r\n8\r\n"
	"--" B "--";

static void
naming(void)
{
	struct dz_multipart	 mp;

	is_int(dz_multipart_parse(&mp, B, LIT(names)), DZ_OK, "names parse");
	is_int(mp.fields.n, 10, "ten text pairs");
	is_str(dz_form_get(&mp.fields, "plain"), "1", "unquoted name");
	is_str(dz_form_get(&mp.fields, "a\"b"), "2", "quoted name with \\\"");
	is_str(dz_form_get(&mp.fields, "c\\d"), "3", "quoted name with \\\\");
	is_str(dz_form_get(&mp.fields, "e\\f"), "4", "another backslash is itself");
	is_str(dz_form_get(&mp.fields, "Up"), "5", "names in any case, other params skipped");
	is_str(dz_form_get(&mp.fields, "semi;colon"), "6", "';' inside quotes");
	is_str(dz_form_get(&mp.fields, "%22q%22"), "7", "percent escapes kept");
	is_str(dz_form_get(&mp.fields, "empty"), "", "an empty value");
	is_str(dz_form_get(&mp.fields, "lines"), "x\r\ny\r\n", "a value's line ends kept");
	is_str(dz_form_get(&mp.fields, "f"), "8", "filename*= ignored: a text part");
	is_int(mp.nfiles, 0, "no file");
	dz_multipart_free(&mp);
}

/* LF alone ends lines; the first delimiter may follow a preamble's LF. */
static const char lfonly[] =
	"pre\n"
	"--" B "\n"
	CD "name=\"t\"\n"
	"\n"
	"v"
	"\n--" B "\n"
	CD "name=\"doc\"; filename=\"/home/u/b.csv\"\n"
	"Content-Type: text/csv\n"
	"\n"
	"a,b\n1,2\n"
	"\n--" B "--";

static void
lf(void)
{
	struct dz_multipart	 mp;

	is_int(dz_multipart_parse(&mp, B, LIT(lfonly)), DZ_OK, "LF-only line ends");
	is_str(dz_form_get(&mp.fields, "t"), "v", "LF-only: the text value");
	is_int(mp.nfiles, 1, "LF-only: the file");
	is_str(mp.file[0].filename, "b.csv", "/home/u/b.csv is b.csv");
	is_str(mp.file[0].type, "text/csv", "LF-only: its type");
	ok(mp.file[0].len == 8 && memcmp(mp.file[0].data, "a,b\n1,2\n", 8) == 0,
	    "LF-only: its bytes");
	dz_multipart_free(&mp);
}

/* A text part with a NUL is dropped, named; the others are kept. */
static const char nul[] =
	"--" B "\r\n"
	CD "name=\"memo\"\r\n\r\nab\0cd\r\n"
	"--" B "\r\n"
	CD "name=\"ok\"\r\n\r\n1\r\n"
	"--" B "\r\n"
	CD "name=\"" K65 "\"\r\n\r\nlong\r\n"
	"--" B "--\r\n";

static void
dropped(void)
{
	struct dz_multipart	 mp;

	is_int(dz_multipart_parse(&mp, B, LIT(nul)), DZ_OK, "a NUL in a value is not malformed");
	is_int(mp.fields.n, 1, "NUL: the other pair kept");
	is_str(dz_form_get(&mp.fields, "ok"), "1", "NUL: its value");
	ok(dz_form_get(&mp.fields, "memo") == NULL, "NUL: the pair is not kept");
	is_int(mp.fields.bad, 1, "NUL: bad set");
	is_int(mp.fields.ndropped, 2, "NUL and a 65-byte name: two dropped");
	if (mp.fields.ndropped == 2) {
		is_str(mp.fields.dropped[0].key, "memo", "NUL: the field named");
		is_int(mp.fields.dropped[0].why, DZ_FERR_CONTROL, "NUL: as CONTROL");
		ok(mp.fields.dropped[1].key == NULL, "a 65-byte name: not named");
		is_int(mp.fields.dropped[1].why, DZ_FERR_NAME, "a 65-byte name: as NAME");
	}
	dz_multipart_free(&mp);
}

/* A body of n text parts. */
static char *
parts(size_t n, size_t *len)
{
	char	*buf;
	size_t	 i, cap = 128 * (n + 1), off = 0;

	if ((buf = malloc(cap)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		off += snprintf(buf + off, cap - off,
		    "--" B "\r\n" CD "name=\"f%zu\"\r\n\r\n%zu\r\n", i, i);
	off += snprintf(buf + off, cap - off, "--" B "--\r\n");
	*len = off;
	return buf;
}

/* A body of one part whose headers (blank line included) are hlen bytes. */
static char *
longhead(size_t hlen, size_t *len)
{
	static const char	 first[] = CD "name=\"x\"\r\n";
	char			*buf;
	size_t			 off, pad;

	if ((buf = malloc(hlen + 256)) == NULL)
		return NULL;
	off = (size_t)sprintf(buf, "--" B "\r\n%s", first);
	pad = hlen - (sizeof(first) - 1) - strlen("X-Pad: \r\n\r\n");
	off += sprintf(buf + off, "X-Pad: ");
	memset(buf + off, 'p', pad);
	off += pad;
	off += sprintf(buf + off, "\r\n\r\nv\r\n--" B "--\r\n");
	*len = off;
	return buf;
}

static void
limits(void)
{
	struct dz_multipart	 mp;
	char			*body;
	size_t			 len;

	body = parts(DZ_MULTIPART_PARTS_MAX, &len);
	is_int(dz_multipart_parse(&mp, B, (unsigned char *)body, len), DZ_OK, "16 parts");
	is_int(mp.fields.n, 16, "16 parts: 16 pairs");
	is_str(dz_form_get(&mp.fields, "f15"), "15", "16 parts: the last");
	dz_multipart_free(&mp);
	free(body);
	body = parts(DZ_MULTIPART_PARTS_MAX + 1, &len);
	is_int(dz_multipart_parse(&mp, B, (unsigned char *)body, len), DZ_ERR_INVAL,
	    "17 parts: refused");
	dz_multipart_free(&mp);
	free(body);

	body = longhead(DZ_MULTIPART_HEAD_MAX, &len);
	is_int(dz_multipart_parse(&mp, B, (unsigned char *)body, len), DZ_OK,
	    "headers of 4096 bytes");
	is_str(dz_form_get(&mp.fields, "x"), "v", "headers of 4096 bytes: the value");
	dz_multipart_free(&mp);
	free(body);
	body = longhead(DZ_MULTIPART_HEAD_MAX + 1, &len);
	is_int(dz_multipart_parse(&mp, B, (unsigned char *)body, len), DZ_ERR_INVAL,
	    "headers of 4097 bytes: refused");
	dz_multipart_free(&mp);
	free(body);
	body = longhead(100000, &len);
	is_int(dz_multipart_parse(&mp, B, (unsigned char *)body, len), DZ_ERR_INVAL,
	    "headers of 100,000 bytes: refused");
	dz_multipart_free(&mp);
	free(body);
}

/* Each refused; a row that parses shows the test itself is wrong. */
static const struct {
	const char	*what;
	const char	*body;
	size_t		 len;
} refused[] = {
#define R(what, s)	{ what, s, sizeof(s) - 1 }
	R("an empty body", ""),
	R("no boundary at all", CD "name=\"a\"\r\n\r\n1\r\n"),
	R("another boundary", "--other\r\n" CD "name=\"a\"\r\n\r\n1\r\n--other--\r\n"),
	R("no closing boundary", "--" B "\r\n" CD "name=\"a\"\r\n\r\n1\r\n"),
	R("no closing boundary, a delimiter last", "--" B "\r\n" CD "name=\"a\"\r\n\r\n1\r\n--" B "\r\n"),
	R("closed by a lone '-'", "--" B "\r\n" CD "name=\"a\"\r\n\r\n1\r\n--" B "-"),
	R("a delimiter without its line end", "--" B "\r\n" CD "name=\"a\"\r\n\r\n1\r\n--" B),
	R("a part without a name", "--" B "\r\n" "Content-Disposition: form-data\r\n\r\n1\r\n--" B "--"),
	R("a part with only a filename", "--" B "\r\n" CD "filename=\"a.csv\"\r\n\r\n1\r\n--" B "--"),
	R("an empty name", "--" B "\r\n" CD "name=\"\"\r\n\r\n1\r\n--" B "--"),
	R("no Content-Disposition", "--" B "\r\n" "Content-Type: text/plain\r\n\r\n1\r\n--" B "--"),
	R("no headers", "--" B "\r\n\r\n1\r\n--" B "--"),
	R("an empty part", "--" B "\r\n--" B "--"),
	R("attachment, not form-data", "--" B "\r\n" "Content-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n--" B "--"),
	R("Content-Disposition twice", "--" B "\r\n" CD "name=\"a\"\r\nContent-Disposition: form-data\r\n\r\n1\r\n--" B "--"),
	R("name twice", "--" B "\r\n" CD "name=\"a\"; name=\"b\"\r\n\r\n1\r\n--" B "--"),
	R("Content-Type twice", "--" B "\r\n" CD "name=\"a\"\r\nContent-Type: a/b\r\nContent-Type: c/d\r\n\r\n1\r\n--" B "--"),
	R("a name without its closing quote", "--" B "\r\n" CD "name=\"a\r\n\r\n1\r\n--" B "--"),
	R("a folded header", "--" B "\r\n" CD "name=\"a\"\r\n\tfilename=\"a.csv\"\r\n\r\n1\r\n--" B "--"),
	R("a header without ':'", "--" B "\r\n" CD "name=\"a\"\r\nX-Bad\r\n\r\n1\r\n--" B "--"),
	R("a space before ':'", "--" B "\r\n" CD "name=\"a\"\r\nX-Other : y\r\n\r\n1\r\n--" B "--"),
	R("a header without a name", "--" B "\r\n" CD "name=\"a\"\r\n: y\r\n\r\n1\r\n--" B "--"),
	R("a DEL in a header", "--" B "\r\n" CD "name=\"a\x7f\"\r\n\r\n1\r\n--" B "--"),
	R("a control byte in a header", "--" B "\r\n" CD "name=\"a\x01\"\r\n\r\n1\r\n--" B "--"),
	R("a NUL in a header", "--" B "\r\n" CD "name=\"a\0\"\r\n\r\n1\r\n--" B "--"),
	R("a CR alone in a header", "--" B "\r\n" CD "name=\"a\"\rX: y\r\n\r\n1\r\n--" B "--"),
	R("a header cut by the delimiter", "--" B "\r\n" CD "name=\"a\"\r\nX-A: b\r\n--" B "--"),
	R("the only header cut by the delimiter", "--" B "\r\n" CD "name=\"a\"\r\n--" B "--"),
	R("two files", "--" B "\r\n" CD "name=\"a\"; filename=\"a.csv\"\r\n\r\n1\r\n"
	    "--" B "\r\n" CD "name=\"b\"; filename=\"b.csv\"\r\n\r\n2\r\n--" B "--"),
	R("a file's name of 65 bytes", "--" B "\r\n"
	    CD "name=\"" K65 "\"; filename=a\r\n\r\n1\r\n--" B "--"),
	R("junk after a parameter", "--" B "\r\n" CD "name=\"a\"b\r\n\r\n1\r\n--" B "--"),
#undef R
};

static const char accepted[] =
	"--" B "\r\n"
	CD "name=\"file\"; filename=\"\"\r\n"
	"\r\n"
	"\r\n--" B "--";

static const char headonly[] =
	"--" B "\r\n"
	CD "name=\"a\"\r\n"
	"\r\n--" B "--";

static void
malformed(void)
{
	struct dz_multipart	 mp;
	unsigned char		*copy;
	size_t			 i, n;
	char			 big[DZ_MULTIPART_BOUNDARY_MAX + 2], body[256];

	/* Each from an allocation of its length (valgrind sees a read past). */
	for (i = 0; i < DZ_NELEM(refused); i++) {
		if ((copy = malloc(refused[i].len + 1)) == NULL)
			break;
		memcpy(copy, refused[i].body, refused[i].len);
		is_int(dz_multipart_parse(&mp, B, copy, refused[i].len), DZ_ERR_INVAL,
		    "refused: %s", refused[i].what);
		dz_multipart_free(&mp);
		free(copy);
	}

	is_int(dz_multipart_parse(&mp, B, LIT(accepted)), DZ_OK,
	    "filename=\"\" (no file chosen)");
	is_int(mp.nfiles, 1, "filename=\"\": still a file part");
	is_str(mp.nfiles == 1 ? mp.file[0].filename : NULL, "", "filename=\"\": \"\"");
	is_str(mp.nfiles == 1 ? mp.file[0].type : NULL, "", "no Content-Type: \"\"");
	is_int(mp.nfiles == 1 ? (long long)mp.file[0].len : -1, 0, "filename=\"\": no bytes");
	dz_multipart_free(&mp);

	is_int(dz_multipart_parse(&mp, B, LIT(headonly)), DZ_OK,
	    "headers and no blank line: an empty value (RFC 2046)");
	is_str(dz_form_get(&mp.fields, "a"), "", "headers only: \"\"");
	dz_multipart_free(&mp);

	is_int(dz_multipart_parse(&mp, B, LIT("x--" B "\r\n" CD "name=\"a\"\r\n\r\n1\r\n--" B "--")),
	    DZ_OK, "a boundary not at a line's start: preamble");
	is_int(mp.fields.n, 0, "that preamble: no pairs");
	dz_multipart_free(&mp);

	is_int(dz_multipart_parse(&mp, B, LIT("--" B "--")), DZ_OK, "no parts at all");
	is_int(mp.fields.n + mp.nfiles, 0, "no parts: nothing");
	dz_multipart_free(&mp);

	is_int(dz_multipart_parse(&mp, "", LIT("----\r\n--" "--")), DZ_ERR_INVAL,
	    "an empty boundary: refused");
	/* A body good but for its boundary's length. */
	memset(big, 'b', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[sizeof(big) - 2] = '\0';
	n = (size_t)snprintf(body, sizeof(body), "--%s\r\n" CD "name=a\r\n\r\n1\r\n--%s--", big, big);
	is_int(dz_multipart_parse(&mp, big, (unsigned char *)body, n), DZ_OK,
	    "a boundary of 70");
	is_str(dz_form_get(&mp.fields, "a"), "1", "a boundary of 70: the value");
	dz_multipart_free(&mp);
	big[sizeof(big) - 2] = 'b';
	n = (size_t)snprintf(body, sizeof(body), "--%s\r\n" CD "name=a\r\n\r\n1\r\n--%s--", big, big);
	is_int(dz_multipart_parse(&mp, big, (unsigned char *)body, n), DZ_ERR_INVAL,
	    "a boundary of 71: refused");
	is_int(dz_multipart_parse(&mp, "a@b", LIT("--a@b--")), DZ_ERR_INVAL,
	    "a boundary with a byte out of bchars: refused");
	is_int(dz_multipart_parse(&mp, B, NULL, 0), DZ_ERR_INVAL, "no body: refused");
	dz_multipart_free(&mp);
}

/* Many false delimiters: one pass (a quadratic rescan takes minutes). */
static void
falsehits(void)
{
	static const char	 head[] = "--" B "\r\n" CD "name=\"f\"; filename=\"x\"\r\n\r\n";
	static const char	 fake[] = "\r\n--" B "x";
	static const char	 tail[] = "\r\n--" B "--\r\n";
	struct dz_multipart	 mp;
	unsigned char		*buf;
	size_t			 n = 200000, len, i, off;

	len = sizeof(head) - 1 + n * (sizeof(fake) - 1) + sizeof(tail) - 1;
	if ((buf = malloc(len)) == NULL) {
		ok(0, "false delimiters: no memory");
		return;
	}
	memcpy(buf, head, sizeof(head) - 1);
	off = sizeof(head) - 1;
	for (i = 0; i < n; i++, off += sizeof(fake) - 1)
		memcpy(buf + off, fake, sizeof(fake) - 1);
	memcpy(buf + off, tail, sizeof(tail) - 1);
	is_int(dz_multipart_parse(&mp, B, buf, len), DZ_OK, "200,000 false delimiters");
	is_int(mp.nfiles == 1 ? (long long)mp.file[0].len : -1,
	    (long long)(n * (sizeof(fake) - 1)), "false delimiters: all data");
	dz_multipart_free(&mp);
	free(buf);
}

/* dz_form_push alone. */
static void
push(void)
{
	struct dz_pairs	 pp;
	char		 k65[DZ_FORM_MAXKEY + 1];
	size_t		 i;

	memset(&pp, 0, sizeof(pp));
	memset(k65, 'k', sizeof(k65));
	is_int(dz_form_push(&pp, "ab", 1, "xyz", 2), DZ_OK, "push");
	is_int(pp.n, 1, "push: kept");
	is_str(pp.n == 1 ? pp.v[0].key : NULL, "a", "push: klen honoured");
	is_str(pp.n == 1 ? pp.v[0].val : NULL, "xy", "push: vlen honoured");
	is_int(pp.n == 1 ? (long long)pp.v[0].vallen : -1, 2, "push: vallen");
	is_int(dz_form_push(&pp, k65, DZ_FORM_MAXKEY, "", 0), DZ_OK, "push: a 64-byte key");
	is_int(pp.n, 2, "push: a 64-byte key kept");
	is_int(pp.bad, 0, "push: nothing bad yet");
	dz_form_push(&pp, k65, DZ_FORM_MAXKEY + 1, "v", 1);
	dz_form_push(&pp, "", 0, "v", 1);
	dz_form_push(&pp, "a\0b", 3, "v", 1);
	dz_form_push(&pp, "nul", 3, "v\0w", 3);
	is_int(pp.n, 2, "push: four dropped");
	is_int(pp.bad, 1, "push: bad set");
	is_int(pp.ndropped, 4, "push: four remembered");
	for (i = 0; i < 3 && i < pp.ndropped; i++)
		ok(pp.dropped[i].key == NULL && pp.dropped[i].why == DZ_FERR_NAME,
		    "push: bad key %zu dropped as NAME, unnamed", i);
	if (pp.ndropped == 4) {
		is_str(pp.dropped[3].key, "nul", "push: a NUL in the value: named");
		is_int(pp.dropped[3].why, DZ_FERR_CONTROL, "push: as CONTROL");
	}
	dz_form_free(&pp);

	memset(&pp, 0, sizeof(pp));
	for (i = 0; i < DZ_FORM_MAXPAIRS + 5; i++)
		if (dz_form_push(&pp, "a", 1, "1", 1) != DZ_OK)
			break;
	is_int(i, DZ_FORM_MAXPAIRS + 5, "push: a flood pushes");
	is_int(pp.n, DZ_FORM_MAXPAIRS, "push: capped at DZ_FORM_MAXPAIRS");
	ok(pp.flood && pp.bad, "push: flood and bad set");
	dz_form_free(&pp);
}

int
main(void)
{
	boundaries();
	whole();
	prefixes();
	naming();
	lf();
	dropped();
	limits();
	malformed();
	falsehits();
	push();
	return done_testing();
}
