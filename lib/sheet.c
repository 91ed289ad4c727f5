/*
 * sheet.c: the upload reader of lib/sheet.h, XLSX and CSV, from memory.
 *
 * Why by hand: no Debian 12 package reads XLSX in C. libxlsxio is not
 * packaged, and freexl in bookworm (1.0.6) reads only .xls. So this is a
 * small streaming reader of our own on two packaged libraries: libminizip
 * opens the zip from the upload's bytes (a zlib_filefunc64_def over the
 * buffer, no temporary file) and libexpat parses each part as it
 * inflates, 32 KB at a time. Only the cells are kept: strings in one
 * arena (struct mem), the table of pointers built at the end. CSV goes
 * through libcsv, GB18030 through glibc's iconv.
 *
 * The limits (sheet.h), each checked while reading, never trusted from a
 * header: the upload's size first (DZ_SHEET_FILE_MAX); the zip's entries
 * (DZ_SHEET_ENTRIES_MAX); the bytes actually inflated, all parts together
 * (DZ_SHEET_UNZIP_MAX: a bomb stops at the limit, not at its end); shared
 * strings (DZ_SHEET_SST_MAX); rows (DZ_SHEET_ROWS_MAX: a row past it with
 * text refuses the file); characters of a cell (DZ_SHEET_CELL_MAX);
 * columns past DZ_SHEET_COLS_MAX are dropped. Every XML part is refused
 * at its DOCTYPE, before any declaration is read, so no entity is ever
 * expanded (and parameter entities are never parsed).
 *
 * Text: well-formed UTF-8 with no control character but tab. A line
 * break inside a cell (Alt+Enter, a quoted CSV newline, Excel's
 * "_x000D_") becomes one space; any other control refuses the file.
 *
 * NOTE: libcsv's header is <csv.h>, the name of our own lib/csv.h, and
 * lib/ comes first in every include path: configure records the real
 * one's path as DZ_LIBCSV_H.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <minizip/unzip.h>
#include DZ_LIBCSV_H

#include "dz.h"
#include "sheet.h"
#include "utf8.h"

#define CHUNK		(64u << 10)	/* arena chunk */
#define INFLATE_BUF	(32u << 10)	/* bytes handed to expat at a time */
/* Raw text of one cell: 4 bytes a character, or 7 for an "_xHHHH_". */
#define TEXT_MAX	(7 * DZ_SHEET_CELL_MAX + 8)
#define PART_MAX	256		/* a part's name */
#define XF_MAX		65536		/* cell formats kept (Excel: 64,000) */
#define FMT_MAX		4096		/* custom number formats kept */
#define SERIAL_MAX	2958465.0	/* 9999-12-31 */

/* ---- memory: one arena of strings and the table ---------------------- */

struct chunk {
	struct chunk	*next;
	size_t		 len, cap;
	char		 b[];
};

struct mem {
	struct chunk	*chunks;
	const char	**cell;
};

/*
 * One reading. The table grows as cells come: tab holds caprows rows of
 * stride cells, both grown as a cell lands beyond them; nrows and ncols
 * are the extent of the cells with text. The first failure is kept,
 * later ones ignored.
 */
struct rd {
	struct mem	 *m;
	const char	**tab;
	size_t		  caprows, stride;
	size_t		  nrows, ncols;
	enum dz_err	  err;
	enum dz_sheet_why why;
	/* dz_sheet_shape: every check, no table; a kept text lives in
	 * scratch until the next one (only its being empty or not counts,
	 * and a shared string's pointer to it stays good: it never moves) */
	int		  shape;
	char		  scratch[4 * DZ_SHEET_CELL_MAX + 1];
	/* XLSX: which worksheet (0 the first), and how many the book has */
	size_t		  want, sheets;
};

static const char	 empty[] = "";
static const char	 toolong[] = "";	/* an SST string over the limit */

static int
fail(struct rd *rd, enum dz_err err, enum dz_sheet_why why)
{
	if (rd->err == DZ_OK) {
		rd->err = err;
		rd->why = why;
	}
	return -1;
}

static char *
arena(struct rd *rd, size_t n)
{
	struct chunk	*c = rd->m->chunks;
	size_t		 cap;

	if (c == NULL || c->cap - c->len < n) {
		cap = n > CHUNK / 4 ? n : CHUNK - sizeof(*c);
		if ((c = malloc(sizeof(*c) + cap)) == NULL) {
			fail(rd, DZ_ERR_NOMEM, DZ_SHEET_OK);
			return NULL;
		}
		c->len = 0;
		c->cap = cap;
		if (n > CHUNK / 4 && rd->m->chunks != NULL) {
			/* A big one goes behind the current chunk. */
			c->next = rd->m->chunks->next;
			rd->m->chunks->next = c;
		} else {
			c->next = rd->m->chunks;
			rd->m->chunks = c;
		}
	}
	c->len += n;
	return c->b + c->len - n;
}

static const char *
keep(struct rd *rd, const char *s, size_t n)
{
	char	*p;

	if (n == 0)
		return empty;
	if (rd->shape) {
		/* what is kept is a checked cell: at most 4 bytes a character */
		if (n >= sizeof(rd->scratch)) {
			fail(rd, DZ_ERR_TOOBIG, DZ_SHEET_CELL_TOO_LONG);
			return NULL;
		}
		p = rd->scratch;
	} else if ((p = arena(rd, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Room for cell (row, col) in the table, growing it. */
static int
grow(struct rd *rd, size_t row, size_t col)
{
	const char	**t;
	size_t		  ns = rd->stride, nr = rd->caprows, r, c;

	if (col >= ns) {
		ns = ns > 0 ? ns * 2 : 8;
		if (ns <= col)
			ns = col + 1;
		if (ns > DZ_SHEET_COLS_MAX)
			ns = DZ_SHEET_COLS_MAX;
	}
	if (row >= nr) {
		nr = nr > 0 ? nr * 2 : 1024;
		if (nr <= row)
			nr = row + 1;
		if (nr > DZ_SHEET_ROWS_MAX)
			nr = DZ_SHEET_ROWS_MAX;
	}
	if ((t = reallocarray(rd->tab, nr, ns * sizeof(*t))) == NULL)
		return fail(rd, DZ_ERR_NOMEM, DZ_SHEET_OK);
	/* Wider rows: move each (the last first) to its new place. */
	if (ns > rd->stride)
		for (r = rd->caprows; r-- > 0; ) {
			memmove(t + r * ns, t + r * rd->stride, rd->stride * sizeof(*t));
			for (c = rd->stride; c < ns; c++)
				t[r * ns + c] = empty;
		}
	for (r = rd->caprows * ns; r < nr * ns; r++)
		t[r] = empty;
	rd->tab = t;
	rd->stride = ns;
	rd->caprows = nr;
	return 0;
}

/* Cell (row, col) is s, kept already. */
static int
put(struct rd *rd, size_t row, size_t col, const char *s)
{
	if (s == NULL)
		return -1;
	if (*s == '\0' || col >= DZ_SHEET_COLS_MAX)
		return 0;
	if (row >= DZ_SHEET_ROWS_MAX)
		return fail(rd, DZ_ERR_TOOBIG, DZ_SHEET_TOO_MANY_ROWS);
	if (!rd->shape) {
		if ((row >= rd->caprows || col >= rd->stride) && grow(rd, row, col) == -1)
			return -1;
		rd->tab[row * rd->stride + col] = s;
	}
	if (row >= rd->nrows)
		rd->nrows = row + 1;
	if (col >= rd->ncols)
		rd->ncols = col + 1;
	return 0;
}


/* OOXML's "_xHHHH_" escape at s (n bytes left): the code point, or -1. */
static long
xescape(const char *s, size_t n)
{
	long	v = 0;
	int	i, h;

	if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return -1;
	for (i = 2; i < 6; i++) {
		if ((h = dz_hexval((unsigned char)s[i])) < 0)
			return -1;
		v = v * 16 + h;
	}
	return v >= 0xd800 && v <= 0xdfff ? -1 : v;
}

static size_t
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = 0xc0 | (cp >> 6);
		o[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	o[0] = 0xe0 | (cp >> 12);
	o[1] = 0x80 | ((cp >> 6) & 0x3f);
	o[2] = 0x80 | (cp & 0x3f);
	return 3;
}

/*
 * Make the text s (n bytes, changed in place, only ever shorter) a cell:
 * "_xHHHH_" decoded when xesc, CR LF, CR or LF as one space; then it must
 * be well-formed UTF-8 without controls but tab, of at most
 * DZ_SHEET_CELL_MAX characters. Returns the new length, or -1 (failed).
 */
static long
fix(struct rd *rd, char *s, size_t n, int xesc)
{
	size_t		 i, o, k, chars = 0;
	uint32_t	 cp;
	long		 x;

	for (i = o = 0; i < n; ) {
		if (xesc && s[i] == '_' && (x = xescape(s + i, n - i)) >= 0) {
			if (x == '_' || x == '\r' || x == '\n' || x == '\t' ||
			    !dz_utf8_is_control(x)) {
				if (x == '\r' && i + 7 < n && s[i + 7] == '\n')
					i++;	/* "_x000D_\n": one break */
				i += 7;
				if (x == '\r' || x == '\n')
					s[o++] = ' ';
				else
					o += put_utf8(s + o, x);
				chars++;
				continue;
			}
			return fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_TEXT);
		}
		if ((k = dz_utf8_next((unsigned char *)s + i, n - i, &cp)) == 0)
			return fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_TEXT);
		if (cp == '\r' || cp == '\n') {
			if (cp == '\r' && i + 1 < n && s[i + 1] == '\n')
				i++;
			i++;
			s[o++] = ' ';
		} else if (cp != '\t' && dz_utf8_is_control(cp))
			return fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_TEXT);
		else {
			memmove(s + o, s + i, k);
			o += k;
			i += k;
		}
		chars++;
	}
	if (chars > DZ_SHEET_CELL_MAX)
		return fail(rd, DZ_ERR_TOOBIG, DZ_SHEET_CELL_TOO_LONG);
	return o;
}

/* The table out of the cells read, trailing empty rows and columns gone:
 * the rows moved up to ncols cells each, in place. */
static int
lay_out(struct rd *rd, struct dz_sheet *out)
{
	const char	**t;
	size_t		  r;

	if (rd->nrows == 0)
		return fail(rd, DZ_ERR_INVAL, DZ_SHEET_EMPTY);
	if (rd->shape) {
		out->nrows = rd->nrows;
		out->ncols = rd->ncols;
		return 0;
	}
	for (r = 1; r < rd->nrows && rd->ncols < rd->stride; r++)
		memmove(rd->tab + r * rd->ncols, rd->tab + r * rd->stride,
		    rd->ncols * sizeof(*rd->tab));
	if ((t = reallocarray(rd->tab, rd->nrows, rd->ncols * sizeof(*t))) != NULL)
		rd->tab = t;
	rd->m->cell = rd->tab;
	rd->tab = NULL;
	out->nrows = rd->nrows;
	out->ncols = rd->ncols;
	out->cell = rd->m->cell;
	return 0;
}

/* ---- XLSX ------------------------------------------------------------ */

struct zmem {
	const unsigned char	*b;
	size_t			 len, pos;
};

static voidpf ZCALLBACK
z_open(voidpf opaque, const void *name, int mode)
{
	struct zmem	*z = opaque;

	z->pos = 0;
	return z;
}

static uLong ZCALLBACK
z_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	struct zmem	*z = stream;
	size_t		 n = z->len - z->pos;

	if (n > size)
		n = size;
	memcpy(buf, z->b + z->pos, n);
	z->pos += n;
	return n;
}

static uLong ZCALLBACK
z_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	return 0;
}

static ZPOS64_T ZCALLBACK
z_tell(voidpf opaque, voidpf stream)
{
	return ((struct zmem *)stream)->pos;
}

static long ZCALLBACK
z_seek(voidpf opaque, voidpf stream, ZPOS64_T off, int origin)
{
	struct zmem	*z = stream;
	ZPOS64_T	 base;

	switch (origin) {
	case ZLIB_FILEFUNC_SEEK_SET:
		base = 0;
		break;
	case ZLIB_FILEFUNC_SEEK_CUR:
		base = z->pos;
		break;
	case ZLIB_FILEFUNC_SEEK_END:
		base = z->len;
		break;
	default:
		return -1;
	}
	if (off > z->len || base + off > z->len)
		return -1;
	z->pos = base + off;
	return 0;
}

static int ZCALLBACK
z_close(voidpf opaque, voidpf stream)
{
	return 0;
}

static int ZCALLBACK
z_error(voidpf opaque, voidpf stream)
{
	return 0;
}

enum part { P_TYPES, P_WORKBOOK, P_RELS, P_STYLES, P_SST, P_SHEET };

struct x {
	struct rd	*rd;
	XML_Parser	 p;
	unzFile		 uf;
	size_t		 inflated;
	enum part	 part;

	char		 wb[PART_MAX];		/* the workbook's part */
	char		 rid[PART_MAX];		/* the first sheet's relationship */
	char		 sheet[PART_MAX], sst[PART_MAX], styles[PART_MAX];
	int		 date1904;

	/* styles */
	unsigned	 datefmt[FMT_MAX];	/* custom formats that are dates */
	size_t		 ndatefmt;
	unsigned char	*xfdate;		/* cellXfs: is a date */
	size_t		 nxf;
	int		 incellxfs;

	/* shared strings */
	const char	**ss;
	size_t		 nss, capss;

	/* the element being read */
	char		*t;
	size_t		 tlen;
	int		 tover, collect, inrph, inis, inc;
	size_t		 row, col;
	int		 anyrow, anycol;
	char		 type[12];
	long		 style;
};

static const char *
lname(const char *name)
{
	const char	*c = strrchr(name, ':');

	return c != NULL ? c + 1 : name;
}

/* The attribute of local name n, or NULL. */
static const char *
attr(const char **a, const char *n)
{
	for (; a[0] != NULL; a += 2)
		if (strcmp(lname(a[0]), n) == 0)
			return a[1];
	return NULL;
}

static void
stop(struct x *x, enum dz_err err, enum dz_sheet_why why)
{
	fail(x->rd, err, why);
	XML_StopParser(x->p, XML_FALSE);
}

/* dir (up to and with its last '/') of base, then target: a part name. */
static void
resolve(char *dst, const char *base, const char *target)
{
	const char	*slash;
	int		 n;

	if (target[0] == '/') {
		dz_copy(dst, PART_MAX, target + 1);
		return;
	}
	slash = strrchr(base, '/');
	n = slash != NULL ? (int)(slash - base + 1) : 0;
	if (snprintf(dst, PART_MAX, "%.*s%s", n, base, target) >= PART_MAX)
		dst[0] = '\0';
}

static int
ends_with(const char *s, const char *end)
{
	size_t	n = strlen(s), m = strlen(end);

	return n >= m && strcmp(s + n - m, end) == 0;
}

/* Is the custom format code a date (y, m, d or h outside quotes, [] and
 * escapes)? */
static int
date_code(const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '"':
			while (s[1] != '\0' && s[1] != '"')
				s++;
			if (s[1] == '"')
				s++;
			break;
		case '[':
			while (s[1] != '\0' && s[1] != ']')
				s++;
			if (s[1] == ']')
				s++;
			break;
		case '\\':
		case '_':
		case '*':
			if (s[1] != '\0')
				s++;
			break;
		case 'y': case 'Y': case 'm': case 'M':
		case 'd': case 'D': case 'h': case 'H':
			return 1;
		}
	}
	return 0;
}

/* Is number format id a date: the built-in ones (14-22, 45-47, and the
 * East Asian 27-36 and 50-58 that Chinese Excel writes without a code),
 * or a custom one whose code is. */
static int
date_fmt(const struct x *x, unsigned id)
{
	size_t	i;

	if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47) ||
	    (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
		return 1;
	for (i = 0; i < x->ndatefmt; i++)
		if (x->datefmt[i] == id)
			return 1;
	return 0;
}

static unsigned long
number(const char *s, unsigned long max, int *ok)
{
	unsigned long	v = 0;

	*ok = s != NULL && *s >= '0' && *s <= '9';
	for (; *ok && *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10) {
			*ok = 0;
			break;
		}
		v = v * 10 + (*s - '0');
	}
	return v;
}

static void XMLCALL
x_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	stop(ud, DZ_ERR_INVAL, DZ_SHEET_BAD_XLSX);
}

static void XMLCALL
x_text(void *ud, const XML_Char *s, int len)
{
	struct x	*x = ud;

	if (!x->collect || x->tover)
		return;
	if ((size_t)len > TEXT_MAX - x->tlen) {
		x->tover = 1;
		return;
	}
	memcpy(x->t + x->tlen, s, len);
	x->tlen += len;
}

static void
text_start(struct x *x)
{
	x->tlen = 0;
	x->tover = 0;
}

static void XMLCALL
x_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	struct x	*x = ud;
	const char	*n = lname(name), *v, *t;
	unsigned long	 u;
	int		 ok;

	switch (x->part) {
	case P_TYPES:
		if (strcmp(n, "Override") == 0 && x->wb[0] == '\0' &&
		    (v = attr(a, "PartName")) != NULL &&
		    (t = attr(a, "ContentType")) != NULL && ends_with(t, "main+xml") &&
		    (strstr(t, "spreadsheetml") != NULL || strstr(t, "ms-excel") != NULL))
			dz_copy(x->wb, sizeof(x->wb), v[0] == '/' ? v + 1 : v);
		break;
	case P_WORKBOOK:
		if (strcmp(n, "workbookPr") == 0 && (v = attr(a, "date1904")) != NULL)
			x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
		else if (strcmp(n, "sheet") == 0 && (v = attr(a, "id")) != NULL) {
			if (x->rd->sheets == x->rd->want && x->rid[0] == '\0')
				dz_copy(x->rid, sizeof(x->rid), v);
			x->rd->sheets++;
		}
		break;
	case P_RELS:
		if (strcmp(n, "Relationship") != 0 ||
		    (v = attr(a, "Target")) == NULL || (t = attr(a, "Type")) == NULL)
			break;
		if ((name = attr(a, "TargetMode")) != NULL && strcmp(name, "External") == 0)
			break;
		if ((name = attr(a, "Id")) != NULL && x->rid[0] != '\0' &&
		    strcmp(name, x->rid) == 0)
			resolve(x->sheet, x->wb, v);
		else if (ends_with(t, "/sharedStrings"))
			resolve(x->sst, x->wb, v);
		else if (ends_with(t, "/styles"))
			resolve(x->styles, x->wb, v);
		break;
	case P_STYLES:
		if (strcmp(n, "numFmt") == 0) {
			u = number(attr(a, "numFmtId"), 1000000, &ok);
			if (ok && (v = attr(a, "formatCode")) != NULL && date_code(v) &&
			    x->ndatefmt < FMT_MAX)
				x->datefmt[x->ndatefmt++] = u;
		} else if (strcmp(n, "cellXfs") == 0)
			x->incellxfs = 1;
		else if (strcmp(n, "xf") == 0 && x->incellxfs && x->nxf < XF_MAX) {
			u = number(attr(a, "numFmtId"), 1000000, &ok);
			x->xfdate[x->nxf++] = ok && date_fmt(x, u);
		}
		break;
	case P_SST:
		if (strcmp(n, "sst") == 0) {
			u = number(attr(a, "uniqueCount"), ULONG_MAX, &ok);
			if (ok && u > DZ_SHEET_SST_MAX)
				stop(x, DZ_ERR_TOOBIG, DZ_SHEET_TOO_MANY_STRINGS);
		} else if (strcmp(n, "si") == 0) {
			text_start(x);
			x->inrph = 0;
		} else if (strcmp(n, "rPh") == 0)
			x->inrph++;
		else if (strcmp(n, "t") == 0 && x->inrph == 0)
			x->collect = 1;
		break;
	case P_SHEET:
		if (strcmp(n, "row") == 0) {
			u = number(attr(a, "r"), 1048576, &ok);
			if (ok && u > 0)
				x->row = u - 1;
			else if (x->anyrow)
				x->row++;
			x->anyrow = 1;
			x->anycol = 0;
		} else if (strcmp(n, "c") == 0) {
			x->inc = 1;
			x->inis = x->inrph = 0;
			text_start(x);
			dz_copy(x->type, sizeof(x->type), attr(a, "t"));
			u = number(attr(a, "s"), XF_MAX, &ok);
			x->style = ok ? (long)u : -1;
			if ((v = attr(a, "r")) != NULL && *v >= 'A' && *v <= 'Z') {
				for (u = 0; *v >= 'A' && *v <= 'Z' && u < 1000000; v++)
					u = u * 26 + (*v - 'A' + 1);
				x->col = u - 1;
				u = number(v, 1048576, &ok);
				if (ok && u > 0)
					x->row = u - 1;
			} else if (x->anycol)
				x->col++;
			else
				x->col = 0;
			x->anycol = 1;
		} else if (!x->inc)
			break;
		else if (strcmp(n, "v") == 0)
			x->collect = 1;
		else if (strcmp(n, "is") == 0)
			x->inis = 1;
		else if (strcmp(n, "rPh") == 0)
			x->inrph++;
		else if (strcmp(n, "t") == 0 && x->inis && x->inrph == 0)
			x->collect = 1;
		break;
	}
}

/* Days since 1970-01-01 to y-m-d (H. Hinnant's civil_from_days). */
static void
civil(long z, int *y, int *m, int *d)
{
	long		era, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	yoe = z - era * 146097;
	yoe = (yoe - yoe / 1460 + yoe / 36524 - yoe / 146096) / 365;
	doy = z - era * 146097 - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

/* A date serial as YYYY-MM-DD into buf, or -1 when it is no date. */
static int
serial_date(double v, int date1904, char *buf, size_t sz)
{
	long	days;
	int	y, m, d;

	if (!isfinite(v) || v < (date1904 ? 0 : 1) || v >= SERIAL_MAX + 1)
		return -1;
	days = (long)floor(v);
	if (date1904)
		days += -24107;			/* 1904-01-01 */
	else if (days == 60) {
		dz_copy(buf, sz, "1900-02-29");	/* Excel's, after Lotus 1-2-3 */
		return 0;
	} else
		days += days < 60 ? -25568 : -25569;	/* 1899-12-31, -30 */
	civil(days, &y, &m, &d);
	snprintf(buf, sz, "%04d-%02d-%02d", y, m, d);
	return 0;
}

/* Plain decimal of at most 15 significant digits ("-1234.5")? */
static int
plain_number(const char *s)
{
	int	digits = 0, lead = 1;

	if (*s == '-')
		s++;
	if (*s == '\0')
		return 0;
	for (; *s >= '0' && *s <= '9'; s++)
		if (!(lead && *s == '0') || (lead = 0))
			digits++, lead = 0;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	return *s == '\0' && digits <= 15;
}

/* The cell just read, by its type. */
static void
x_cell(struct x *x)
{
	struct rd	*rd = x->rd;
	const char	*s = NULL;
	char		 buf[64], *end;
	unsigned long	 u;
	long		 n;
	double		 v;
	int		 ok;

	if (x->tover) {
		stop(x, DZ_ERR_TOOBIG, DZ_SHEET_CELL_TOO_LONG);
		return;
	}
	x->t[x->tlen] = '\0';
	if (strcmp(x->type, "s") == 0) {
		if (x->tlen == 0)
			return;
		u = number(x->t, ULONG_MAX, &ok);
		if (!ok || u >= x->nss) {
			stop(x, DZ_ERR_INVAL, DZ_SHEET_BAD_XLSX);
			return;
		}
		if ((s = x->ss[u]) == toolong) {
			stop(x, DZ_ERR_TOOBIG, DZ_SHEET_CELL_TOO_LONG);
			return;
		}
	} else if (strcmp(x->type, "b") == 0 && x->tlen == 1 &&
	    (x->t[0] == '0' || x->t[0] == '1'))
		s = x->t[0] == '1' ? "TRUE" : "FALSE";
	else {
		if ((n = fix(rd, x->t, x->tlen, strcmp(x->type, "n") != 0 &&
		    x->type[0] != '\0')) < 0) {
			XML_StopParser(x->p, XML_FALSE);
			return;
		}
		x->t[n] = '\0';
		if ((x->type[0] == '\0' || strcmp(x->type, "n") == 0) && n > 0) {
			errno = 0;
			v = strtod(x->t, &end);
			if (*end != '\0' || errno != 0 ||
			    strspn(x->t, "0123456789+-.eE") != (size_t)n)
				;	/* not a number: its text */
			else if (x->style >= 0 && (size_t)x->style < x->nxf &&
			    x->xfdate[x->style] &&
			    serial_date(v, x->date1904, buf, sizeof(buf)) == 0)
				s = keep(rd, buf, strlen(buf));
			else if (!plain_number(x->t)) {
				snprintf(buf, sizeof(buf), "%.15g", v);
				s = keep(rd, buf, strlen(buf));
			}
		} else if (strcmp(x->type, "d") == 0 && n >= 10 && x->t[4] == '-')
			n = 10;		/* ISO 8601: the date */
		if (s == NULL)
			s = keep(rd, x->t, n);
	}
	if (put(rd, x->row, x->col, s) == -1)
		XML_StopParser(x->p, XML_FALSE);
}

static void
x_string(struct x *x)
{
	const char	**ss, *s;
	size_t		  cap;
	long		  n;

	if (x->nss == x->capss) {
		if (x->nss >= DZ_SHEET_SST_MAX) {
			stop(x, DZ_ERR_TOOBIG, DZ_SHEET_TOO_MANY_STRINGS);
			return;
		}
		cap = x->capss > 0 ? x->capss * 2 : 256;
		if (cap > DZ_SHEET_SST_MAX)
			cap = DZ_SHEET_SST_MAX;
		if ((ss = reallocarray(x->ss, cap, sizeof(*ss))) == NULL) {
			stop(x, DZ_ERR_NOMEM, DZ_SHEET_OK);
			return;
		}
		x->ss = ss;
		x->capss = cap;
	}
	if (x->tover)
		s = toolong;
	else if ((n = fix(x->rd, x->t, x->tlen, 1)) >= 0)
		s = keep(x->rd, x->t, n);
	else if (x->rd->why == DZ_SHEET_CELL_TOO_LONG) {
		/* Refused only if a cell uses it. */
		x->rd->err = DZ_OK;
		x->rd->why = DZ_SHEET_OK;
		s = toolong;
	} else
		s = NULL;
	if (s == NULL) {
		XML_StopParser(x->p, XML_FALSE);
		return;
	}
	x->ss[x->nss++] = s;
}

static void XMLCALL
x_end(void *ud, const XML_Char *name)
{
	struct x	*x = ud;
	const char	*n = lname(name);

	if (x->part == P_STYLES && strcmp(n, "cellXfs") == 0)
		x->incellxfs = 0;
	else if (x->part == P_SST) {
		if (strcmp(n, "t") == 0)
			x->collect = 0;
		else if (strcmp(n, "rPh") == 0 && x->inrph > 0)
			x->inrph--;
		else if (strcmp(n, "si") == 0)
			x_string(x);
	} else if (x->part == P_SHEET && x->inc) {
		if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)
			x->collect = 0;
		else if (strcmp(n, "rPh") == 0 && x->inrph > 0)
			x->inrph--;
		else if (strcmp(n, "is") == 0)
			x->inis = 0;
		else if (strcmp(n, "c") == 0) {
			x->inc = 0;
			x_cell(x);
		}
	}
}

/*
 * Parse the part name of the zip as what. 0 read, 1 not in the zip, -1
 * failed (the reason in x->rd).
 */
static int
part(struct x *x, const char *name, enum part what)
{
	char		 buf[INFLATE_BUF];
	int		 n, rc = -1, open = 0;

	if (name[0] == '\0' || unzLocateFile(x->uf, name, 2) != UNZ_OK)
		return 1;
	if ((x->p = XML_ParserCreate(NULL)) == NULL)
		return fail(x->rd, DZ_ERR_NOMEM, DZ_SHEET_OK);
	XML_SetUserData(x->p, x);
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
	XML_SetStartDoctypeDeclHandler(x->p, x_doctype);
	XML_SetElementHandler(x->p, x_start, x_end);
	XML_SetCharacterDataHandler(x->p, x_text);
	x->part = what;
	x->collect = x->inc = x->inis = x->inrph = 0;
	if (unzOpenCurrentFile(x->uf) != UNZ_OK) {
		fail(x->rd, DZ_ERR_INVAL, DZ_SHEET_BAD_ZIP);
		goto out;
	}
	open = 1;
	for (;;) {
		if ((n = unzReadCurrentFile(x->uf, buf, sizeof(buf))) < 0) {
			fail(x->rd, DZ_ERR_INVAL, DZ_SHEET_BAD_ZIP);
			goto out;
		}
		if ((size_t)n > DZ_SHEET_UNZIP_MAX - x->inflated) {
			fail(x->rd, DZ_ERR_TOOBIG, DZ_SHEET_UNZIP_TOO_BIG);
			goto out;
		}
		x->inflated += n;
		if (XML_Parse(x->p, buf, n, n == 0) != XML_STATUS_OK) {
			fail(x->rd, DZ_ERR_INVAL, DZ_SHEET_BAD_XLSX);
			goto out;
		}
		if (x->rd->err != DZ_OK)
			goto out;
		if (n == 0)
			break;
	}
	open = 0;
	if (unzCloseCurrentFile(x->uf) != UNZ_OK) {
		fail(x->rd, DZ_ERR_INVAL, DZ_SHEET_BAD_ZIP);
		goto out;
	}
	rc = 0;
out:
	if (open)
		unzCloseCurrentFile(x->uf);
	XML_ParserFree(x->p);
	x->p = NULL;
	return rc;
}

static int
read_xlsx(struct rd *rd, const unsigned char *buf, size_t len)
{
	struct zmem		 z = { buf, len, 0 };
	zlib_filefunc64_def	 ff = { z_open, z_read, z_write, z_tell, z_seek,
				    z_close, z_error, &z };
	unz_global_info64	 gi;
	struct x		*x;
	char			 rels[PART_MAX + 16];
	const char		*slash;
	int			 rc = -1, r;

	if ((x = calloc(1, sizeof(*x))) == NULL)
		return fail(rd, DZ_ERR_NOMEM, DZ_SHEET_OK);
	x->rd = rd;
	if ((x->t = malloc(TEXT_MAX + 1)) == NULL ||
	    (x->xfdate = malloc(XF_MAX)) == NULL) {
		fail(rd, DZ_ERR_NOMEM, DZ_SHEET_OK);
		goto out;
	}
	if ((x->uf = unzOpen2_64("upload", &ff)) == NULL) {
		fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_ZIP);
		goto out;
	}
	if (unzGetGlobalInfo64(x->uf, &gi) != UNZ_OK) {
		fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_ZIP);
		goto out;
	}
	if (gi.number_entry > DZ_SHEET_ENTRIES_MAX) {
		fail(rd, DZ_ERR_TOOBIG, DZ_SHEET_TOO_MANY_ENTRIES);
		goto out;
	}

	if (part(x, "[Content_Types].xml", P_TYPES) == -1)
		goto out;
	if (x->wb[0] == '\0')
		dz_copy(x->wb, sizeof(x->wb), "xl/workbook.xml");
	if ((r = part(x, x->wb, P_WORKBOOK)) != 0) {
		if (r == 1)
			fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_XLSX);
		goto out;
	}
	slash = strrchr(x->wb, '/');
	snprintf(rels, sizeof(rels), "%.*s_rels/%s.rels",
	    slash != NULL ? (int)(slash - x->wb + 1) : 0, x->wb,
	    slash != NULL ? slash + 1 : x->wb);
	if (part(x, rels, P_RELS) == -1)
		goto out;
	if (x->styles[0] == '\0')
		dz_copy(x->styles, sizeof(x->styles), "xl/styles.xml");
	if (x->sst[0] == '\0')
		dz_copy(x->sst, sizeof(x->sst), "xl/sharedStrings.xml");
	if (part(x, x->styles, P_STYLES) == -1 || part(x, x->sst, P_SST) == -1)
		goto out;
	if (rd->want > 0 && x->sheet[0] == '\0') {	/* no such worksheet */
		fail(rd, DZ_ERR_NOTFOUND, DZ_SHEET_EMPTY);
		goto out;
	}
	if ((r = part(x, x->sheet, P_SHEET)) == 1 && rd->want == 0)
		r = part(x, "xl/worksheets/sheet1.xml", P_SHEET);
	if (r == 1)
		fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_XLSX);
	if (r != 0)
		goto out;
	rc = 0;
out:
	if (x->uf != NULL)
		unzClose(x->uf);
	free(x->ss);
	free(x->xfdate);
	free(x->t);
	free(x);
	return rc;
}

/* ---- CSV ------------------------------------------------------------- */

struct c {
	struct rd	*rd;
	size_t		 row, col;
	int		 lastend;
};

static void
c_cell(void *s, size_t n, void *ud)
{
	struct c	*c = ud;
	char		*t;
	long		 k;

	if (c->rd->err != DZ_OK)
		return;
	c->col++;
	if (n == 0 || c->col > DZ_SHEET_COLS_MAX)
		return;
	/* 4 bytes at most a character: past that it is too long. */
	if (n > 4 * DZ_SHEET_CELL_MAX) {
		fail(c->rd, DZ_ERR_TOOBIG, DZ_SHEET_CELL_TOO_LONG);
		return;
	}
	if ((t = (char *)keep(c->rd, s, n)) == NULL ||
	    (k = fix(c->rd, t, n, 0)) < 0)
		return;
	t[k] = '\0';
	put(c->rd, c->row, c->col - 1, t);
}

static void
c_row(int end, void *ud)
{
	struct c	*c = ud;

	/* CSV_REPALL_NL: the LF of a CR LF comes as an empty row of its own. */
	if (end == '\n' && c->lastend == '\r' && c->col == 0) {
		c->lastend = end;
		return;
	}
	c->lastend = end;
	c->row++;
	c->col = 0;
}

/* The separator: whichever of , ; TAB the first line holds most of
 * outside quotes (a comma when none). */
static unsigned char
separator(const char *s, size_t n)
{
	size_t	i, comma = 0, semi = 0, tab = 0;
	int	q = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			q = !q;
		else if (q)
			continue;
		else if (s[i] == '\r' || s[i] == '\n')
			break;
		else if (s[i] == ',')
			comma++;
		else if (s[i] == ';')
			semi++;
		else if (s[i] == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* GB18030 to UTF-8 into *out (malloc'd), or -1 (the reason in rd). */
static int
gb18030(struct rd *rd, const char *s, size_t n, char **out, size_t *outlen)
{
	iconv_t		 cd;
	char		*in = (char *)s, *o, *b;
	size_t		 inleft = n, cap = n * 2 + 16, oleft = cap;
	int		 rc = -1;

	if ((b = malloc(cap)) == NULL)
		return fail(rd, DZ_ERR_NOMEM, DZ_SHEET_OK);
	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1) {
		free(b);
		return fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_TEXT);
	}
	o = b;
	if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &o, &oleft) == (size_t)-1)
		fail(rd, errno == E2BIG ? DZ_ERR_NOMEM : DZ_ERR_INVAL,
		    errno == E2BIG ? DZ_SHEET_OK : DZ_SHEET_BAD_TEXT);
	else {
		*out = b;
		*outlen = o - b;
		b = NULL;
		rc = 0;
	}
	iconv_close(cd);
	free(b);
	return rc;
}

static int
read_csv(struct rd *rd, const unsigned char *buf, size_t len, struct dz_sheet *out)
{
	struct csv_parser	 p;
	struct c		 c = { rd, 0, 0, 0 };
	const char		*s = (const char *)buf;
	char			*conv = NULL;
	size_t			 n = len, i, k, done;
	uint32_t		 cp;
	int			 rc = -1;

	out->encoding = "UTF-8";
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		n -= 3;
		out->encoding = "UTF-8 BOM";
		if (!dz_utf8_valid(s, n))
			return fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_TEXT);
	} else if (!dz_utf8_valid(s, n)) {
		if (gb18030(rd, s, n, &conv, &n) == -1)
			return -1;
		s = conv;
		out->encoding = "GB18030";
	}
	for (i = 0; i < n; i += k) {
		k = dz_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (k == 0 || (dz_utf8_is_control(cp) && cp != '\t' &&
		    cp != '\r' && cp != '\n')) {
			fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_TEXT);
			goto out;
		}
	}

	/*
	 * Strict: a quote inside a bare cell ('ab"c') or after a closing one
	 * ('"ab"c') is refused, and so is a quote still open at the end
	 * (CSV_STRICT_FINI, which needs CSV_STRICT). Without it libcsv keeps
	 * a broken quote open and swallows the rest of the file into one
	 * cell; Excel and WPS always quote such cells when they save.
	 */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) {
		fail(rd, DZ_ERR_NOMEM, DZ_SHEET_OK);
		goto out;
	}
	csv_set_delim(&p, separator(s, n));
	for (i = 0; i < n && rd->err == DZ_OK; i += done) {
		k = n - i < CHUNK ? n - i : CHUNK;
		if ((done = csv_parse(&p, s + i, k, c_cell, c_row, &c)) != k) {
			fail(rd, csv_error(&p) == CSV_EPARSE ? DZ_ERR_INVAL : DZ_ERR_NOMEM,
			    csv_error(&p) == CSV_EPARSE ? DZ_SHEET_BAD_CSV : DZ_SHEET_OK);
			break;
		}
	}
	if (rd->err == DZ_OK && csv_fini(&p, c_cell, c_row, &c) != 0)
		fail(rd, DZ_ERR_INVAL, DZ_SHEET_BAD_CSV);
	csv_free(&p);
	if (rd->err == DZ_OK)
		rc = 0;
out:
	free(conv);
	return rc;
}

/* ---- the API --------------------------------------------------------- */

static enum dz_err
sheet_read(const unsigned char *buf, size_t len, struct dz_sheet *out,
    enum dz_sheet_why *why, int shape, size_t want)
{
	struct rd	rd;
	int		rc;

	memset(out, 0, sizeof(*out));
	memset(&rd, 0, sizeof(rd));
	rd.shape = shape;
	rd.want = want;
	*why = DZ_SHEET_OK;
	if (len > DZ_SHEET_FILE_MAX) {
		*why = DZ_SHEET_TOO_BIG;
		return DZ_ERR_TOOBIG;
	}
	if ((rd.m = calloc(1, sizeof(*rd.m))) == NULL)
		return DZ_ERR_NOMEM;
	out->mem = rd.m;
	if (len >= 4 && buf[0] == 'P' && buf[1] == 'K' &&
	    ((buf[2] == 3 && buf[3] == 4) || (buf[2] == 5 && buf[3] == 6))) {
		out->kind = DZ_SHEET_XLSX;
		out->encoding = "XLSX";
		rc = read_xlsx(&rd, buf, len);
	} else if (want > 0) {
		fail(&rd, DZ_ERR_NOTFOUND, DZ_SHEET_EMPTY);	/* a CSV has one */
		rc = -1;
	} else {
		out->kind = DZ_SHEET_CSV;
		rc = read_csv(&rd, buf, len, out);
	}
	if (rc == 0)
		lay_out(&rd, out);
	out->sheets = out->kind == DZ_SHEET_XLSX ? rd.sheets : 1;
	free(rd.tab);
	if (rd.err != DZ_OK) {
		dz_sheet_free(out);
		*why = rd.why;
		return rd.err;
	}
	return DZ_OK;
}

enum dz_err
dz_sheet_read(const unsigned char *buf, size_t len, struct dz_sheet *out,
    enum dz_sheet_why *why)
{
	return sheet_read(buf, len, out, why, 0, 0);
}

enum dz_err
dz_sheet_read_nth(const unsigned char *buf, size_t len, size_t n, struct dz_sheet *out,
    enum dz_sheet_why *why)
{
	return sheet_read(buf, len, out, why, 0, n);
}

enum dz_err
dz_sheet_shape(const unsigned char *buf, size_t len, struct dz_sheet *out,
    enum dz_sheet_why *why)
{
	return sheet_read(buf, len, out, why, 1, 0);
}

void
dz_sheet_free(struct dz_sheet *s)
{
	struct mem	*m;
	struct chunk	*c, *next;

	if (s == NULL)
		return;
	if ((m = s->mem) != NULL) {
		for (c = m->chunks; c != NULL; c = next) {
			next = c->next;
			free(c);
		}
		free(m->cell);
		free(m);
	}
	memset(s, 0, sizeof(*s));
}

const char *
dz_sheet_cell(const struct dz_sheet *s, size_t r, size_t c)
{
	if (s == NULL || s->cell == NULL || r >= s->nrows || c >= s->ncols)
		return empty;
	return s->cell[r * s->ncols + c];
}

static const char *const why_codes[DZ_SHEET__MAX] = {
	[DZ_SHEET_OK] = "ok",
	[DZ_SHEET_EMPTY] = "empty",
	[DZ_SHEET_TOO_BIG] = "too_big",
	[DZ_SHEET_TOO_MANY_ROWS] = "too_many_rows",
	[DZ_SHEET_CELL_TOO_LONG] = "cell_too_long",
	[DZ_SHEET_UNZIP_TOO_BIG] = "unzip_too_big",
	[DZ_SHEET_TOO_MANY_ENTRIES] = "too_many_entries",
	[DZ_SHEET_TOO_MANY_STRINGS] = "too_many_strings",
	[DZ_SHEET_BAD_ZIP] = "bad_zip",
	[DZ_SHEET_BAD_XLSX] = "bad_xlsx",
	[DZ_SHEET_BAD_TEXT] = "bad_text",
	[DZ_SHEET_BAD_CSV] = "bad_csv",
};

const char *
dz_sheet_why_code(enum dz_sheet_why w)
{
	if ((unsigned)w >= DZ_SHEET__MAX || why_codes[w] == NULL)
		return "unknown";
	return why_codes[w];
}
