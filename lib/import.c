/*
 * import.c: the import templates checked (import.h). Pure: no I/O.
 *
 * Written here, not taken from a library: what is checked is our own
 * template (its columns, the five document types, the sum of the lines),
 * and the cells are read by lib/ledger's readers, the ones the matching
 * work uses. The cross checks sort copies of the keys (qsort) and look
 * them up with bsearch.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "import.h"
#include "lang.h"
#include "ledger.h"
#include "money.h"
#include "utf8.h"

#define HEADER_ROWS	5
#define FOLD_MAX	256
#define BLOCK_SIZE	65536

/* The fields' sizes, as the ERP gateway's records hold them (lib/erp.h). */
#define CODE_MAX	63
#define NAMEF_MAX	255
#define CONTACT_MAX	63
#define PHONE_MAX	31
#define NUMBER_MAX	63
#define SUMMARY_MAX	255
#define UNIT_MAX	31

static const struct {
	const char	*names;
	int		 required;
	size_t		 max;		/* bytes of text; 0: not text */
} coldef[DZ_ICOL__MAX] = {
	[DZ_ICOL_CODE] = { LANG_import_col_code, 1, CODE_MAX },
	[DZ_ICOL_NAME] = { LANG_import_col_name, 1, NAMEF_MAX },
	[DZ_ICOL_CONTACT] = { LANG_import_col_contact, 0, CONTACT_MAX },
	[DZ_ICOL_PHONE] = { LANG_import_col_phone, 0, PHONE_MAX },
	[DZ_ICOL_OPENING] = { LANG_import_col_opening, 0, 0 },
	[DZ_ICOL_OPENING_DATE] = { LANG_import_col_opening_date, 0, 0 },
	[DZ_ICOL_DATE] = { LANG_import_col_date, 1, 0 },
	[DZ_ICOL_TYPE] = { LANG_import_col_type, 1, 0 },
	[DZ_ICOL_NUMBER] = { LANG_import_col_number, 1, NUMBER_MAX },
	[DZ_ICOL_CUSTOMER] = { LANG_import_col_customer, 1, CODE_MAX },
	[DZ_ICOL_AMOUNT] = { LANG_import_col_amount, 1, 0 },
	[DZ_ICOL_SUMMARY] = { LANG_import_col_summary, 0, SUMMARY_MAX },
	[DZ_ICOL_VERSION] = { LANG_import_col_version, 0, 0 },
	[DZ_ICOL_LINE_NUMBER] = { LANG_import_col_line_number, 1, NUMBER_MAX },
	[DZ_ICOL_PRODUCT_CODE] = { LANG_import_col_product_code, 0, CODE_MAX },
	[DZ_ICOL_PRODUCT_NAME] = { LANG_import_col_product_name, 1, NAMEF_MAX },
	[DZ_ICOL_UNIT] = { LANG_import_col_unit, 0, UNIT_MAX },
	[DZ_ICOL_QTY] = { LANG_import_col_qty, 1, 0 },
	[DZ_ICOL_PRICE] = { LANG_import_col_price, 0, 0 },
	[DZ_ICOL_LINE_AMOUNT] = { LANG_import_col_line_amount, 1, 0 },
};

static const enum dz_imp_col cust_cols[] = { DZ_ICOL_CODE, DZ_ICOL_NAME, DZ_ICOL_CONTACT,
	DZ_ICOL_PHONE, DZ_ICOL_OPENING, DZ_ICOL_OPENING_DATE };
static const enum dz_imp_col doc_cols[] = { DZ_ICOL_DATE, DZ_ICOL_TYPE, DZ_ICOL_NUMBER,
	DZ_ICOL_CUSTOMER, DZ_ICOL_AMOUNT, DZ_ICOL_SUMMARY, DZ_ICOL_VERSION };
static const enum dz_imp_col line_cols[] = { DZ_ICOL_LINE_NUMBER, DZ_ICOL_PRODUCT_CODE,
	DZ_ICOL_PRODUCT_NAME, DZ_ICOL_UNIT, DZ_ICOL_QTY, DZ_ICOL_PRICE, DZ_ICOL_LINE_AMOUNT };

static const struct {
	const enum dz_imp_col	*v;
	size_t			 n;
} sheets[DZ_IMP__SHEETS] = {
	[DZ_IMP_CUSTOMERS] = { cust_cols, DZ_NELEM(cust_cols) },
	[DZ_IMP_DOCUMENTS] = { doc_cols, DZ_NELEM(doc_cols) },
	[DZ_IMP_LINES] = { line_cols, DZ_NELEM(line_cols) },
};

static const char *const type_names[DZ_DOC__MAX] = {
	[DZ_DOC_SALE] = LANG_import_type_sale, [DZ_DOC_RETURN] = LANG_import_type_return,
	[DZ_DOC_RECEIPT] = LANG_import_type_receipt, [DZ_DOC_AR_INC] = LANG_import_type_ar_inc,
	[DZ_DOC_AR_DEC] = LANG_import_type_ar_dec,
};

static const char *const why_codes[DZ_IMPW__MAX] = {
	[DZ_IMPW_NO_HEADER] = "no_header", [DZ_IMPW_NO_COLUMN] = "no_column",
	[DZ_IMPW_DUP_COLUMN] = "dup_column", [DZ_IMPW_EMPTY] = "empty",
	[DZ_IMPW_TOO_LONG] = "too_long", [DZ_IMPW_BAD_TEXT] = "bad_text",
	[DZ_IMPW_BAD_DATE] = "bad_date", [DZ_IMPW_BAD_AMOUNT] = "bad_amount",
	[DZ_IMPW_NOT_POSITIVE] = "not_positive", [DZ_IMPW_NEGATIVE] = "negative",
	[DZ_IMPW_BAD_TYPE] = "bad_type", [DZ_IMPW_BAD_QTY] = "bad_qty",
	[DZ_IMPW_BAD_PRICE] = "bad_price", [DZ_IMPW_LINE_MATH] = "line_math",
	[DZ_IMPW_DUP_CODE] = "dup_code", [DZ_IMPW_DUP_NUMBER] = "dup_number",
	[DZ_IMPW_UNKNOWN_CUSTOMER] = "unknown_customer", [DZ_IMPW_UNKNOWN_DOC] = "unknown_doc",
	[DZ_IMPW_NOT_GOODS] = "not_goods", [DZ_IMPW_LINES_TOTAL] = "lines_total",
	[DZ_IMPW_BAD_VERSION] = "bad_version",
	[DZ_IMPW_BAD_JSON] = "bad_json", [DZ_IMPW_NOT_OBJECT] = "not_object",
	[DZ_IMPW_UNKNOWN_FIELD] = "unknown_field", [DZ_IMPW_BAD_VALUE] = "bad_value",
};

const enum dz_imp_col *
dz_imp_columns(enum dz_imp_sheet k, size_t *n)
{
	if ((unsigned int)k >= DZ_IMP__SHEETS) {
		*n = 0;
		return NULL;
	}
	*n = sheets[k].n;
	return sheets[k].v;
}

int
dz_imp_required(enum dz_imp_col c)
{
	return (unsigned int)c < DZ_ICOL__MAX && coldef[c].required;
}

const char *
dz_imp_col_name(enum dz_imp_col c)
{
	static char	 first[DZ_ICOL__MAX][64];
	const char	*e;
	size_t		 n;

	if ((unsigned int)c >= DZ_ICOL__MAX)
		return "";
	if (first[c][0] == '\0') {
		e = strchr(coldef[c].names, ',');
		n = e != NULL ? (size_t)(e - coldef[c].names) : strlen(coldef[c].names);
		if (n >= sizeof(first[c]))
			n = sizeof(first[c]) - 1;
		memcpy(first[c], coldef[c].names, n);
		first[c][n] = '\0';
	}
	return first[c];
}

const char *
dz_imp_why_code(enum dz_imp_why w)
{
	return (unsigned int)w < DZ_IMPW__MAX ? why_codes[w] : "";
}

/* ---------------------------------------------------------------------
 * Memory: the strings in blocks, the records and errors in arrays.
 */

struct block {
	struct block	*next;
	size_t		 used, size;
	char		 b[];
};

const char *
dz_imp_keep(void **mem, const char *s, size_t n)
{
	struct block	*k = *mem;
	size_t		 sz;
	char		*p;

	if (k == NULL || k->size - k->used < n + 1) {
		sz = n + 1 > BLOCK_SIZE ? n + 1 : BLOCK_SIZE;
		if ((k = malloc(sizeof(*k) + sz)) == NULL)
			return NULL;
		k->next = *mem;
		k->used = 0;
		k->size = sz;
		*mem = k;
	}
	p = k->b + k->used;
	memcpy(p, s, n);
	p[n] = '\0';
	k->used += n + 1;
	return p;
}

void
dz_imp_keep_free(void *mem)
{
	struct block	*k, *next;

	for (k = mem; k != NULL; k = next) {
		next = k->next;
		free(k);
	}
}

/* Room for one more of *n elements of size sz in *v (capacity *cap). */
static int
grow(void **v, size_t *cap, size_t n, size_t sz)
{
	void	*p;
	size_t	 c;

	if (n < *cap)
		return 0;
	c = *cap > 0 ? *cap * 2 : 64;
	if ((p = realloc(*v, c * sz)) == NULL)
		return -1;
	*v = p;
	*cap = c;
	return 0;
}

/* A cell as an error shows it: cut to fit out (sz bytes), a byte that is
 * not UTF-8 and a control character as '?' (the page is UTF-8). */
static void
shown(const char *v, char *out, size_t sz)
{
	const unsigned char	*p = (const unsigned char *)v;
	size_t			 len = strlen(v), o = 0, k;
	uint32_t		 cp;

	while (len > 0) {
		k = dz_utf8_next(p, len, &cp);
		if (k == 0 || dz_utf8_is_control(cp)) {
			if (o + 1 >= sz)
				break;
			out[o++] = '?';
			k = k == 0 ? 1 : k;
		} else {
			if (o + k >= sz)
				break;
			memcpy(out + o, p, k);
			o += k;
		}
		p += k;
		len -= k;
	}
	out[o] = '\0';
}

static enum dz_err
error(struct dz_imp_file *f, enum dz_imp_sheet k, size_t row,
    enum dz_imp_col col, enum dz_imp_why why, const char *value, size_t ref)
{
	struct dz_imp_error	*e;

	f->errors++;
	if (f->nerr >= DZ_IMP_ERRORS_MAX)
		return DZ_OK;
	if (grow((void **)&f->err, &f->caperr, f->nerr, sizeof(*f->err)) != 0)
		return DZ_ERR_NOMEM;
	e = &f->err[f->nerr++];
	memset(e, 0, sizeof(*e));
	e->sheet = k;
	e->row = row;
	e->col = col;
	e->why = why;
	e->ref = ref;
	if (value != NULL)
		shown(value, e->value, sizeof(e->value));
	return DZ_OK;
}

enum dz_err
dz_imp_refuse(struct dz_imp_file *f, enum dz_imp_sheet k, size_t row, enum dz_imp_col col,
    enum dz_imp_why why, const char *value)
{
	return error(f, k, row, col, why, value, 0);
}

void
dz_imp_free(struct dz_imp_file *f)
{
	if (f == NULL)
		return;
	dz_imp_keep_free(f->mem);
	free(f->cust);
	free(f->doc);
	free(f->line);
	free(f->err);
	memset(f, 0, sizeof(*f));
}

/* ---------------------------------------------------------------------
 * Cells.
 */

static const char *
cell(const struct dz_sheet *s, size_t r, int c)
{
	const char	*v;

	if (c < 0 || r >= s->nrows || (size_t)c >= s->ncols || s->cell == NULL)
		return "";
	v = s->cell[r * s->ncols + (size_t)c];
	return v != NULL ? v : "";
}

/* s without spaces (ASCII, tab, the ideographic space) at both ends:
 * *n bytes from the return. */
static const char *
trim(const char *s, size_t *n)
{
	size_t	len = strlen(s);

	for (;;) {
		if (len > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
			s++;
			len--;
		} else if (len >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) {
			s += 3;
			len -= 3;
		} else
			break;
	}
	for (;;) {
		if (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		    s[len - 1] == '\r' || s[len - 1] == '\n'))
			len--;
		else if (len >= 3 && memcmp(s + len - 3, "\xe3\x80\x80", 3) == 0)
			len -= 3;
		else
			break;
	}
	*n = len;
	return s;
}

/* A date cell into YYYY-MM-DD (1970..2999, as lib/ledger reads one);
 * -1 when it is none. */
static int
date_of(const char *s, char out[11])
{
	char	b[DZ_DATE_LEN + 1];
	long	d;

	if ((d = dz_ledger_day(s)) < 0 || d > 376199L)	/* .. 2999-12-31 */
		return -1;
	if (dz_date_add_days("1970-01-01", (int)d, b) != 0)
		return -1;
	memcpy(out, b, 11);
	return 0;
}

/* How many digits follow the decimal point ('.' or the full-width '．')
 * of a number cell: the readers round what is past their places, an
 * import refuses it (1.234 is not an amount in fen). */
static size_t
decimals(const char *s)
{
	const char	*p = NULL, *q;
	size_t		 n = 0;

	for (q = s; *q != '\0'; q++)
		if (*q == '.')
			p = q + 1;
		else if ((unsigned char)q[0] == 0xef && (unsigned char)q[1] == 0xbc &&
		    (unsigned char)q[2] == 0x8e)
			p = q + 3;	/* the bytes are compared one by one: no read past the NUL */
	if (p == NULL)
		return 0;
	for (; *p != '\0'; ) {
		if (*p >= '0' && *p <= '9') {
			n++;
			p++;
		} else if ((unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbc &&
		    (unsigned char)p[2] >= 0x90 && (unsigned char)p[2] <= 0x99) {
			n++;	/* ０..９ */
			p += 3;
		} else
			break;
	}
	return n;
}

/* An amount cell ("1,234.50", "¥1,234.50", full-width digits) in fen. */
static int
amount_of(const char *s, int64_t *fen)
{
	return dz_ledger_amount(s, fen) == DZ_OK && decimals(s) <= 2 ? 0 : -1;
}

/* A quantity or price ("12", "12.5", "1,200.25"): 1/10000 units. */
static int
scaled_of(const char *s, int64_t *v)
{
	char	b[64];
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ',')
			continue;
		if (n + 1 >= sizeof(b))
			return -1;
		b[n++] = *s;
	}
	b[n] = '\0';
	if (n == 0 || decimals(b) > 4 || dz_money_parse_scaled(b, 4, v) != DZ_OK)
		return -1;
	/* at most what DECIMAL(18,4) holds */
	return *v > INT64_C(999999999999999999) || *v < -INT64_C(999999999999999999) ? -1 : 0;
}

/* The type a cell names, or -1. */
static int
type_of(const char *s)
{
	char	b[FOLD_MAX];
	int	t;

	dz_ledger_header_fold(s, b, sizeof(b));
	for (t = 0; t < DZ_DOC__MAX; t++)
		if (dz_ledger_listed(b, type_names[t]))
			return t;
	return -1;
}

/* ---------------------------------------------------------------------
 * Reading a sheet.
 */

/* The columns of sheet k found in row r: colidx[col] (-1: absent); how
 * many of k's columns it names; the first named twice in *dup (or -1). */
static size_t
header_of(const struct dz_sheet *s, size_t r, enum dz_imp_sheet k, int colidx[DZ_ICOL__MAX],
    int *dup)
{
	char	b[FOLD_MAX];
	size_t	i, c, found = 0;

	for (i = 0; i < DZ_ICOL__MAX; i++)
		colidx[i] = -1;
	*dup = -1;
	for (c = 0; c < s->ncols; c++) {
		dz_ledger_header_fold(cell(s, r, (int)c), b, sizeof(b));
		if (b[0] == '\0')
			continue;
		for (i = 0; i < sheets[k].n; i++) {
			enum dz_imp_col col = sheets[k].v[i];

			if (!dz_ledger_listed(b, coldef[col].names))
				continue;
			if (colidx[col] != -1) {
				if (*dup == -1)
					*dup = (int)col;
			} else {
				colidx[col] = (int)c;
				found++;
			}
			break;
		}
	}
	return found;
}

/* The text of a row's column, trimmed, checked: *v (kept in f) or NULL
 * when empty. 1 on a refusal (said), 0, -1 out of memory. */
static int
text(struct dz_imp_file *f, const struct dz_sheet *s, enum dz_imp_sheet k,
    size_t r, const int colidx[DZ_ICOL__MAX], enum dz_imp_col col, const char **v)
{
	const char	*raw = cell(s, r, colidx[col]), *t;
	size_t		 n;

	*v = NULL;
	t = trim(raw, &n);
	if (n == 0) {
		if (!coldef[col].required) {
			*v = "";
			return 0;
		}
		return error(f, k, r + 1, col, DZ_IMPW_EMPTY, NULL, 0) == DZ_OK ? 1 : -1;
	}
	if (dz_utf8_check(t, n) != DZ_UTF8_OK)
		return error(f, k, r + 1, col, DZ_IMPW_BAD_TEXT, NULL, 0) == DZ_OK ? 1 : -1;
	if (coldef[col].max > 0 && n > coldef[col].max)
		return error(f, k, r + 1, col, DZ_IMPW_TOO_LONG, raw, 0) == DZ_OK ? 1 : -1;
	if ((*v = dz_imp_keep(&f->mem, t, n)) == NULL)
		return -1;
	return 0;
}

/* How a row reads: each cell checked, a record added when all are fine. */
static enum dz_err
row_customer(struct dz_imp_file *f, const struct dz_sheet *s, size_t r,
    const int ci[DZ_ICOL__MAX])
{
	struct dz_imp_customer	 c;
	const char		*v;
	int			 bad = 0, x;

	memset(&c, 0, sizeof(c));
	c.row = r + 1;
	if ((x = text(f, s, DZ_IMP_CUSTOMERS, r, ci, DZ_ICOL_CODE, &c.code)) < 0 ||
	    (bad |= x, x = text(f, s, DZ_IMP_CUSTOMERS, r, ci, DZ_ICOL_NAME, &c.name)) < 0 ||
	    (bad |= x, x = text(f, s, DZ_IMP_CUSTOMERS, r, ci, DZ_ICOL_CONTACT,
	    &c.contact)) < 0 ||
	    (bad |= x, x = text(f, s, DZ_IMP_CUSTOMERS, r, ci, DZ_ICOL_PHONE, &c.phone)) < 0)
		return DZ_ERR_NOMEM;
	bad |= x;
	v = cell(s, r, ci[DZ_ICOL_OPENING]);
	{
		size_t		 n;
		const char	*t = trim(v, &n);

		c.has_opening = n > 0;
		if (n > 0 && amount_of(v, &c.opening) != 0) {
			if (error(f, DZ_IMP_CUSTOMERS, r + 1, DZ_ICOL_OPENING,
			    DZ_IMPW_BAD_AMOUNT, t, 0) != DZ_OK)
				return DZ_ERR_NOMEM;
			bad = 1;
		}
	}
	v = cell(s, r, ci[DZ_ICOL_OPENING_DATE]);
	{
		size_t		 n;
		const char	*t = trim(v, &n);

		if (n > 0 && date_of(v, c.opening_date) != 0) {
			if (error(f, DZ_IMP_CUSTOMERS, r + 1, DZ_ICOL_OPENING_DATE,
			    DZ_IMPW_BAD_DATE, t, 0) != DZ_OK)
				return DZ_ERR_NOMEM;
			bad = 1;
		}
	}
	if (bad)
		return DZ_OK;
	if (grow((void **)&f->cust, &f->capcust, f->ncust, sizeof(*f->cust)) != 0)
		return DZ_ERR_NOMEM;
	f->cust[f->ncust++] = c;
	return DZ_OK;
}

static enum dz_err
row_doc(struct dz_imp_file *f, const struct dz_sheet *s, size_t r,
    const int ci[DZ_ICOL__MAX])
{
	struct dz_imp_doc	 d;
	const char		*v, *t;
	size_t			 n;
	int			 bad = 0, x, ty;

	memset(&d, 0, sizeof(d));
	d.row = r + 1;
	v = cell(s, r, ci[DZ_ICOL_DATE]);
	t = trim(v, &n);
	if (n == 0 || date_of(v, d.date) != 0) {
		if (error(f, DZ_IMP_DOCUMENTS, r + 1, DZ_ICOL_DATE,
		    n == 0 ? DZ_IMPW_EMPTY : DZ_IMPW_BAD_DATE, n == 0 ? NULL : t, 0) != DZ_OK)
			return DZ_ERR_NOMEM;
		bad = 1;
	}
	v = cell(s, r, ci[DZ_ICOL_TYPE]);
	t = trim(v, &n);
	if (n == 0 || (ty = type_of(v)) < 0) {
		if (error(f, DZ_IMP_DOCUMENTS, r + 1, DZ_ICOL_TYPE,
		    n == 0 ? DZ_IMPW_EMPTY : DZ_IMPW_BAD_TYPE, n == 0 ? NULL : t, 0) != DZ_OK)
			return DZ_ERR_NOMEM;
		bad = 1;
	} else
		d.type = (enum dz_doc_type)ty;
	if ((x = text(f, s, DZ_IMP_DOCUMENTS, r, ci, DZ_ICOL_NUMBER, &d.number)) < 0 ||
	    (bad |= x, x = text(f, s, DZ_IMP_DOCUMENTS, r, ci, DZ_ICOL_CUSTOMER,
	    &d.customer_code)) < 0)
		return DZ_ERR_NOMEM;
	bad |= x;
	v = cell(s, r, ci[DZ_ICOL_AMOUNT]);
	t = trim(v, &n);
	if (n == 0 || amount_of(v, &d.total) != 0 || d.total <= 0) {
		if (error(f, DZ_IMP_DOCUMENTS, r + 1, DZ_ICOL_AMOUNT, n == 0 ? DZ_IMPW_EMPTY :
		    amount_of(v, &d.total) != 0 ? DZ_IMPW_BAD_AMOUNT :
		    DZ_IMPW_NOT_POSITIVE, n == 0 ? NULL : t, 0) != DZ_OK)
			return DZ_ERR_NOMEM;
		bad = 1;
	}
	if ((x = text(f, s, DZ_IMP_DOCUMENTS, r, ci, DZ_ICOL_SUMMARY, &d.summary)) < 0)
		return DZ_ERR_NOMEM;
	bad |= x;
	/* the sender's version: a whole number 1 .. 2^31 - 1, or none */
	v = cell(s, r, ci[DZ_ICOL_VERSION]);
	t = trim(v, &n);
	if (n > 0) {
		long	ver = 0;
		size_t	i;

		for (i = 0; i < n && t[i] >= '0' && t[i] <= '9' && ver <= 214748364L; i++)
			ver = ver * 10 + (t[i] - '0');
		if (i != n || ver < 1 || ver > 2147483647L) {
			if (error(f, DZ_IMP_DOCUMENTS, r + 1, DZ_ICOL_VERSION,
			    DZ_IMPW_BAD_VERSION, t, 0) != DZ_OK)
				return DZ_ERR_NOMEM;
			bad = 1;
		} else
			d.version = ver;
	}
	if (bad)
		return DZ_OK;
	if (grow((void **)&f->doc, &f->capdoc, f->ndoc, sizeof(*f->doc)) != 0)
		return DZ_ERR_NOMEM;
	f->doc[f->ndoc++] = d;
	return DZ_OK;
}

/* A number cell (qty or price, 1/10000; amount, fen): 0 read, 1 refused
 * (said), -1 out of memory. An empty optional cell is *v = -1. */
static int
number(struct dz_imp_file *f, const struct dz_sheet *s, size_t r,
    const int ci[DZ_ICOL__MAX], enum dz_imp_col col, enum dz_imp_why bad, int64_t *v)
{
	const char	*raw = cell(s, r, ci[col]), *t;
	size_t		 n;
	int		 ok;

	t = trim(raw, &n);
	if (n == 0) {
		*v = -1;
		if (!coldef[col].required)
			return 0;
		return error(f, DZ_IMP_LINES, r + 1, col, DZ_IMPW_EMPTY, NULL, 0) == DZ_OK ?
		    1 : -1;
	}
	ok = col == DZ_ICOL_LINE_AMOUNT ? amount_of(raw, v) == 0 :
	    scaled_of(t, v) == 0;
	if (!ok)
		return error(f, DZ_IMP_LINES, r + 1, col, bad, t, 0) == DZ_OK ? 1 : -1;
	if (*v < 0)
		return error(f, DZ_IMP_LINES, r + 1, col, DZ_IMPW_NEGATIVE, t, 0) == DZ_OK ?
		    1 : -1;
	return 0;
}

static enum dz_err
row_line(struct dz_imp_file *f, const struct dz_sheet *s, size_t r,
    const int ci[DZ_ICOL__MAX])
{
	struct dz_imp_line	 l;
	int			 bad = 0, x;

	memset(&l, 0, sizeof(l));
	l.row = r + 1;
	if ((x = text(f, s, DZ_IMP_LINES, r, ci, DZ_ICOL_LINE_NUMBER, &l.number)) < 0 ||
	    (bad |= x, x = text(f, s, DZ_IMP_LINES, r, ci, DZ_ICOL_PRODUCT_CODE,
	    &l.product_code)) < 0 ||
	    (bad |= x, x = text(f, s, DZ_IMP_LINES, r, ci, DZ_ICOL_PRODUCT_NAME,
	    &l.product_name)) < 0 ||
	    (bad |= x, x = text(f, s, DZ_IMP_LINES, r, ci, DZ_ICOL_UNIT, &l.unit)) < 0 ||
	    (bad |= x, x = number(f, s, r, ci, DZ_ICOL_QTY, DZ_IMPW_BAD_QTY, &l.qty)) < 0 ||
	    (bad |= x, x = number(f, s, r, ci, DZ_ICOL_PRICE, DZ_IMPW_BAD_PRICE,
	    &l.price)) < 0 ||
	    (bad |= x, x = number(f, s, r, ci, DZ_ICOL_LINE_AMOUNT, DZ_IMPW_BAD_AMOUNT,
	    &l.amount)) < 0)
		return DZ_ERR_NOMEM;
	bad |= x;
	/* qty x price, both 1/10000, in fen: / 10^6, rounded; a fen either
	 * way is rounding (price and qty as the ERP keeps them, 4 places) */
	if (!bad && l.price >= 0) {	/* both < 10^18: the product fits in 128 bits */
		__int128	 p = (__int128)l.qty * l.price;
		int64_t		 fen = (int64_t)((p + 500000) / 1000000);

		if (fen - l.amount > 1 || l.amount - fen > 1) {
			if (error(f, DZ_IMP_LINES, r + 1, DZ_ICOL_LINE_AMOUNT,
			    DZ_IMPW_LINE_MATH, cell(s, r, ci[DZ_ICOL_LINE_AMOUNT]), 0) != DZ_OK)
				return DZ_ERR_NOMEM;
			bad = 1;
		}
	}
	if (bad)
		return DZ_OK;
	if (grow((void **)&f->line, &f->capline, f->nline, sizeof(*f->line)) != 0)
		return DZ_ERR_NOMEM;
	f->line[f->nline++] = l;
	return DZ_OK;
}

/* Is row r blank, or the template's example (its first cell begins with
 * Lang.import.example)? */
static int
skip_row(const struct dz_sheet *s, size_t r, const int ci[DZ_ICOL__MAX])
{
	const char	*t;
	size_t		 c, n, first = (size_t)-1;
	int		 i;

	for (c = 0; c < s->ncols; c++) {
		trim(cell(s, r, (int)c), &n);
		if (n > 0)
			break;
	}
	if (c == s->ncols)
		return 1;
	for (i = 0; i < DZ_ICOL__MAX; i++)
		if (ci[i] >= 0 && (size_t)ci[i] < first)
			first = (size_t)ci[i];
	if (first == (size_t)-1)
		return 0;
	t = trim(cell(s, r, (int)first), &n);
	return n >= strlen(LANG_import_example) &&
	    memcmp(t, LANG_import_example, strlen(LANG_import_example)) == 0;
}

enum dz_imp_sheet
dz_imp_guess(const struct dz_sheet *s)
{
	int		 ci[DZ_ICOL__MAX], dup;
	size_t		 h, k, n, best = 1;
	enum dz_imp_sheet got = DZ_IMP__SHEETS;

	for (k = 0; k < DZ_IMP__SHEETS; k++)
		for (h = 0; h < s->nrows && h < HEADER_ROWS; h++)
			if ((n = header_of(s, h, (enum dz_imp_sheet)k, ci, &dup)) > best) {
				best = n;
				got = (enum dz_imp_sheet)k;
			}
	return got;
}

void
dz_imp_error_text(const struct dz_imp_error *e, char *buf, size_t sz)
{
	switch (e->why) {
	case DZ_IMPW_NO_HEADER: snprintf(buf, sz, LANG_import_no_header, e->value); break;
	case DZ_IMPW_NO_COLUMN: snprintf(buf, sz, LANG_import_no_column, e->value); break;
	case DZ_IMPW_DUP_COLUMN: snprintf(buf, sz, LANG_import_dup_column, e->value); break;
	case DZ_IMPW_EMPTY: snprintf(buf, sz, "%s", LANG_import_empty); break;
	case DZ_IMPW_TOO_LONG: snprintf(buf, sz, "%s", LANG_import_too_long); break;
	case DZ_IMPW_BAD_TEXT: snprintf(buf, sz, "%s", LANG_import_bad_text); break;
	case DZ_IMPW_BAD_DATE: snprintf(buf, sz, "%s", LANG_import_bad_date); break;
	case DZ_IMPW_BAD_AMOUNT: snprintf(buf, sz, "%s", LANG_import_bad_amount); break;
	case DZ_IMPW_NOT_POSITIVE: snprintf(buf, sz, "%s", LANG_import_not_positive); break;
	case DZ_IMPW_NEGATIVE: snprintf(buf, sz, "%s", LANG_import_negative); break;
	case DZ_IMPW_BAD_TYPE: snprintf(buf, sz, "%s", LANG_import_bad_type); break;
	case DZ_IMPW_BAD_QTY: snprintf(buf, sz, "%s", LANG_import_bad_qty); break;
	case DZ_IMPW_BAD_PRICE: snprintf(buf, sz, "%s", LANG_import_bad_price); break;
	case DZ_IMPW_LINE_MATH: snprintf(buf, sz, "%s", LANG_import_line_math); break;
	case DZ_IMPW_DUP_CODE: snprintf(buf, sz, LANG_import_dup_code, e->ref); break;
	case DZ_IMPW_DUP_NUMBER: snprintf(buf, sz, LANG_import_dup_number, e->ref); break;
	case DZ_IMPW_UNKNOWN_CUSTOMER:
		snprintf(buf, sz, LANG_import_unknown_customer, e->value);
		break;
	case DZ_IMPW_UNKNOWN_DOC: snprintf(buf, sz, LANG_import_unknown_doc, e->value); break;
	case DZ_IMPW_NOT_GOODS: snprintf(buf, sz, "%s", LANG_import_not_goods); break;
	case DZ_IMPW_LINES_TOTAL: snprintf(buf, sz, LANG_import_lines_total, e->ref); break;
	case DZ_IMPW_BAD_VERSION: snprintf(buf, sz, "%s", LANG_import_bad_version); break;
	case DZ_IMPW_BAD_JSON: snprintf(buf, sz, LANG_import_bad_json, e->value); break;
	case DZ_IMPW_NOT_OBJECT: snprintf(buf, sz, "%s", LANG_import_not_object); break;
	case DZ_IMPW_UNKNOWN_FIELD:
		snprintf(buf, sz, LANG_import_unknown_field, e->value);
		break;
	case DZ_IMPW_BAD_VALUE: snprintf(buf, sz, "%s", LANG_import_bad_value); break;
	default:
		if (sz > 0)
			buf[0] = '\0';
	}
}

enum dz_err
dz_imp_read(const struct dz_sheet *s, enum dz_imp_sheet k, struct dz_imp_file *f)
{
	int		 ci[DZ_ICOL__MAX], dup = -1;
	size_t		 r, h, i, found = 0;
	enum dz_err	 rc = DZ_OK;

	if ((unsigned int)k >= DZ_IMP__SHEETS || s == NULL)
		return DZ_ERR_INVAL;
	for (h = 0; h < s->nrows && h < HEADER_ROWS; h++)
		if ((found = header_of(s, h, k, ci, &dup)) >= 2)
			break;
	if (found < 2)
		return error(f, k, 0, DZ_ICOL__MAX, DZ_IMPW_NO_HEADER,
		    dz_imp_col_name(sheets[k].v[0]), 0);
	if (dup != -1)
		return error(f, k, h + 1, (enum dz_imp_col)dup, DZ_IMPW_DUP_COLUMN,
		    dz_imp_col_name((enum dz_imp_col)dup), 0);
	for (i = 0; i < sheets[k].n; i++) {
		enum dz_imp_col col = sheets[k].v[i];

		if (coldef[col].required && ci[col] == -1 &&
		    (rc = error(f, k, h + 1, col, DZ_IMPW_NO_COLUMN,
		    dz_imp_col_name(col), 0)) != DZ_OK)
			return rc;
	}
	for (i = 0; i < sheets[k].n; i++)
		if (coldef[sheets[k].v[i]].required && ci[sheets[k].v[i]] == -1)
			return DZ_OK;	/* said; no row can be read */
	for (r = h + 1; rc == DZ_OK && r < s->nrows; r++) {
		if (!f->items && skip_row(s, r, ci)) {
			f->skipped++;
			continue;
		}
		rc = k == DZ_IMP_CUSTOMERS ? row_customer(f, s, r, ci) :
		    k == DZ_IMP_DOCUMENTS ? row_doc(f, s, r, ci) : row_line(f, s, r, ci);
	}
	return rc;
}

/* ---------------------------------------------------------------------
 * Across the sheets.
 */

struct key {
	const char	*s;
	size_t		 i;		/* the record's index */
};

static int
key_cmp(const void *a, const void *b)
{
	const struct key	*x = a, *y = b;
	int			 c = strcmp(x->s, y->s);

	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
key_find(const void *k, const void *elt)
{
	return strcmp(k, ((const struct key *)elt)->s);
}

/* The first of the sorted keys equal to s, or NULL. */
static const struct key *
lookup(const struct key *v, size_t n, const char *s)
{
	const struct key	*k;

	if (n == 0)
		return NULL;	/* v is NULL then: bsearch may not take it */
	k = bsearch(s, v, n, sizeof(*v), key_find);

	while (k != NULL && k > v && strcmp(k[-1].s, s) == 0)
		k--;
	return k;
}

enum dz_err
dz_imp_check(struct dz_imp_file *f, const struct dz_imp_known *known)
{
	struct key	*ck = NULL, *dk = NULL;
	const struct key *k;
	size_t		 i;
	enum dz_err	 rc = DZ_ERR_NOMEM;

	if ((f->ncust > 0 && (ck = calloc(f->ncust, sizeof(*ck))) == NULL) ||
	    (f->ndoc > 0 && (dk = calloc(f->ndoc, sizeof(*dk))) == NULL))
		goto out;
	for (i = 0; i < f->ncust; i++)
		ck[i] = (struct key){ f->cust[i].code, i };
	for (i = 0; i < f->ndoc; i++) {
		dk[i] = (struct key){ f->doc[i].number, i };
		f->doc[i].nlines = 0;
		f->doc[i].lines_total = 0;
	}
	if (ck != NULL)
		qsort(ck, f->ncust, sizeof(*ck), key_cmp);
	if (dk != NULL)
		qsort(dk, f->ndoc, sizeof(*dk), key_cmp);
	/* twice in the file: each later one names the first */
	for (i = 1; i < f->ncust; i++)
		if (strcmp(ck[i].s, ck[i - 1].s) == 0 &&
		    error(f, DZ_IMP_CUSTOMERS, f->cust[ck[i].i].row, DZ_ICOL_CODE,
		    DZ_IMPW_DUP_CODE, ck[i].s, f->cust[lookup(ck, f->ncust, ck[i].s)->i].row) != DZ_OK)
			goto out;
	for (i = 1; i < f->ndoc; i++)
		if (strcmp(dk[i].s, dk[i - 1].s) == 0 &&
		    error(f, DZ_IMP_DOCUMENTS, f->doc[dk[i].i].row, DZ_ICOL_NUMBER,
		    DZ_IMPW_DUP_NUMBER, dk[i].s, f->doc[lookup(dk, f->ndoc, dk[i].s)->i].row) != DZ_OK)
			goto out;
	/* each document's customer */
	for (i = 0; i < f->ndoc; i++) {
		const char *c = f->doc[i].customer_code;

		if (lookup(ck, f->ncust, c) != NULL)
			continue;
		if (known != NULL && known->customer != NULL && known->customer(known->arg, c))
			continue;
		if (error(f, DZ_IMP_DOCUMENTS, f->doc[i].row, DZ_ICOL_CUSTOMER,
		    DZ_IMPW_UNKNOWN_CUSTOMER, c, 0) != DZ_OK)
			goto out;
	}
	/* each line's document; the lines of the file's documents summed */
	for (i = 0; i < f->nline; i++) {
		struct dz_imp_line *l = &f->line[i];

		if ((k = lookup(dk, f->ndoc, l->number)) != NULL) {
			struct dz_imp_doc *d = &f->doc[k->i];

			if (d->type != DZ_DOC_SALE && d->type != DZ_DOC_RETURN) {
				if (error(f, DZ_IMP_LINES, l->row, DZ_ICOL_LINE_NUMBER,
				    DZ_IMPW_NOT_GOODS, l->number, d->row) != DZ_OK)
					goto out;
				continue;
			}
			l->seq = (uint32_t)++d->nlines;
			/* saturated: past any total, never wrapped round to one */
			d->lines_total = d->lines_total > INT64_MAX - l->amount ? INT64_MAX :
			    d->lines_total + l->amount;
			continue;
		}
		if (error(f, DZ_IMP_LINES, l->row, DZ_ICOL_LINE_NUMBER, DZ_IMPW_UNKNOWN_DOC,
		    l->number, 0) != DZ_OK)
			goto out;
	}
	for (i = 0; i < f->ndoc; i++)
		if (f->doc[i].nlines > 0 && f->doc[i].lines_total != f->doc[i].total &&
		    error(f, DZ_IMP_LINES, 0, DZ_ICOL_LINE_AMOUNT, DZ_IMPW_LINES_TOTAL,
		    f->doc[i].number, f->doc[i].row) != DZ_OK)
			goto out;
	rc = DZ_OK;
out:
	free(ck);
	free(dk);
	return rc;
}
