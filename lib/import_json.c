/*
 * import_json.c: the import API's bodies into template sheets
 * (import_json.h). Pure: Jansson parses, nothing else is read.
 *
 * Jansson (Debian's libjansson) reads the JSON: strict RFC 8259, UTF-8
 * checked, NUL refused in strings, duplicate keys refused, its depth
 * bounded. What is ours is the mapping of objects to the templates' rows,
 * so that the rows meet lib/import's checks and no second set of rules.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "import_json.h"

static const char *const keys[DZ_ICOL__MAX] = {
	[DZ_ICOL_CODE] = "code", [DZ_ICOL_NAME] = "name", [DZ_ICOL_CONTACT] = "contact",
	[DZ_ICOL_PHONE] = "phone", [DZ_ICOL_OPENING] = "opening",
	[DZ_ICOL_OPENING_DATE] = "opening_date",
	[DZ_ICOL_DATE] = "date", [DZ_ICOL_TYPE] = "type", [DZ_ICOL_NUMBER] = "number",
	[DZ_ICOL_CUSTOMER] = "customer", [DZ_ICOL_AMOUNT] = "amount",
	[DZ_ICOL_SUMMARY] = "summary", [DZ_ICOL_VERSION] = "version",
	[DZ_ICOL_LINE_NUMBER] = "", /* the document's number */
	[DZ_ICOL_PRODUCT_CODE] = "product_code", [DZ_ICOL_PRODUCT_NAME] = "product_name",
	[DZ_ICOL_UNIT] = "unit", [DZ_ICOL_QTY] = "qty", [DZ_ICOL_PRICE] = "price",
	[DZ_ICOL_LINE_AMOUNT] = "amount",
};

const char *
dz_imp_json_key(enum dz_imp_col c)
{
	return (unsigned int)c < DZ_ICOL__MAX ? keys[c] : "";
}

/* A sheet being made: rows of ncols cells, the strings in blocks. */
struct build {
	const char	**cell;
	size_t		  nrows, cap, ncols;
	const enum dz_imp_col *cols;
};

/* j's memory: the strings' blocks (dz_imp_keep) and both sheets' cell
 * arrays (in sheet.mem). */
struct mem {
	void		*blocks;
	struct build	 b[2];
};

static const char *
keep(struct mem *m, const char *s, size_t n)
{
	return dz_imp_keep(&m->blocks, s, n);
}

/* A new row of b, its cells "". */
static int
row_add(struct build *b)
{
	size_t	i;

	if (b->nrows == b->cap) {
		size_t		 cap = b->cap > 0 ? b->cap * 2 : 64;
		const char	**p = realloc(b->cell, cap * b->ncols * sizeof(*p));

		if (p == NULL)
			return -1;
		b->cell = p;
		b->cap = cap;
	}
	for (i = 0; i < b->ncols; i++)
		b->cell[b->nrows * b->ncols + i] = "";
	b->nrows++;
	return 0;
}

/* The column of b a key names, or -1. */
static long
col_of(const struct build *b, const char *key)
{
	size_t	i;

	for (i = 0; i < b->ncols; i++)
		if (keys[b->cols[i]][0] != '\0' && strcmp(keys[b->cols[i]], key) == 0)
			return (long)i;
	return -1;
}

/* A JSON value as a cell's text: 0, or 1 when it is of no such type. */
static int
text_of(struct mem *m, json_t *v, const char **out)
{
	char	buf[64];

	switch (json_typeof(v)) {
	case JSON_STRING:
		*out = keep(m, json_string_value(v), json_string_length(v));
		return *out == NULL ? -1 : 0;
	case JSON_INTEGER:
		snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		snprintf(buf, sizeof(buf), "%.15g", json_real_value(v));
		break;
	case JSON_NULL:
		*out = "";
		return 0;
	default:
		return 1;
	}
	*out = keep(m, buf, strlen(buf));
	return *out == NULL ? -1 : 0;
}

struct ctx {
	struct mem		*m;
	struct dz_imp_json	*j;
	struct dz_imp_file	*f;
	enum dz_imp_sheet	 k;
	size_t			 lines_cap;
};

/* One goods line (document item, its number) into the lines sheet. */
static enum dz_err
one_line(struct ctx *c, json_t *o, size_t item, size_t no, const char *number)
{
	struct build	*b = &c->m->b[1];
	const char	*key, *t;
	json_t		*v;
	size_t		 row;
	long		 col;
	int		 x;

	if (b->nrows - 1 >= DZ_IMP_JSON_LINES_MAX)
		return DZ_ERR_TOOBIG;
	if (row_add(b) != 0)
		return DZ_ERR_NOMEM;
	row = b->nrows - 1;
	if (row >= c->lines_cap) {
		size_t	 cap = c->lines_cap > 0 ? c->lines_cap * 2 : 64;
		size_t	*p = realloc(c->j->line_item, cap * sizeof(*p));
		size_t	*q;

		if (p == NULL)
			return DZ_ERR_NOMEM;
		c->j->line_item = p;
		if ((q = realloc(c->j->line_no, cap * sizeof(*q))) == NULL)
			return DZ_ERR_NOMEM;
		c->j->line_no = q;
		c->lines_cap = cap;
	}
	c->j->line_item[row] = item;
	c->j->line_no[row] = no;
	b->cell[row * b->ncols] = number;	/* DZ_ICOL_LINE_NUMBER is the first */
	if (!json_is_object(o))
		return dz_imp_refuse(c->f, DZ_IMP_LINES, row + 1, DZ_ICOL__MAX,
		    DZ_IMPW_NOT_OBJECT, NULL);
	json_object_foreach(o, key, v) {
		if ((col = col_of(b, key)) < 0) {
			if (dz_imp_refuse(c->f, DZ_IMP_LINES, row + 1, DZ_ICOL__MAX,
			    DZ_IMPW_UNKNOWN_FIELD, key) != DZ_OK)
				return DZ_ERR_NOMEM;
			continue;
		}
		if ((x = text_of(c->m, v, &t)) < 0)
			return DZ_ERR_NOMEM;
		if (x > 0) {
			if (dz_imp_refuse(c->f, DZ_IMP_LINES, row + 1, b->cols[col],
			    DZ_IMPW_BAD_VALUE, key) != DZ_OK)
				return DZ_ERR_NOMEM;
			continue;
		}
		b->cell[row * b->ncols + (size_t)col] = t;
	}
	return DZ_OK;
}

/* One item: a row of the template's sheet (and its lines). */
static enum dz_err
one_item(struct ctx *c, json_t *o)
{
	struct build	*b = &c->m->b[0];
	const char	*key, *t, *number = "";
	json_t		*v, *lines = NULL, *l;
	size_t		 row, i;
	long		 col;
	int		 x;
	enum dz_err	 rc;

	if (c->j->items >= DZ_IMP_JSON_ITEMS_MAX)
		return DZ_ERR_TOOBIG;
	if (row_add(b) != 0)
		return DZ_ERR_NOMEM;
	row = b->nrows - 1;
	c->j->items++;
	if (!json_is_object(o))
		return dz_imp_refuse(c->f, c->k, row + 1, DZ_ICOL__MAX, DZ_IMPW_NOT_OBJECT, NULL);
	json_object_foreach(o, key, v) {
		if (c->k == DZ_IMP_DOCUMENTS && strcmp(key, "lines") == 0) {
			lines = v;
			continue;
		}
		if ((col = col_of(b, key)) < 0) {
			if (dz_imp_refuse(c->f, c->k, row + 1, DZ_ICOL__MAX, DZ_IMPW_UNKNOWN_FIELD,
			    key) != DZ_OK)
				return DZ_ERR_NOMEM;
			continue;
		}
		if ((x = text_of(c->m, v, &t)) < 0)
			return DZ_ERR_NOMEM;
		if (x > 0) {
			if (dz_imp_refuse(c->f, c->k, row + 1, b->cols[col], DZ_IMPW_BAD_VALUE,
			    key) != DZ_OK)
				return DZ_ERR_NOMEM;
			continue;
		}
		b->cell[row * b->ncols + (size_t)col] = t;
		if (b->cols[col] == DZ_ICOL_NUMBER)
			number = t;
	}
	if (lines == NULL || json_is_null(lines))
		return DZ_OK;
	if (!json_is_array(lines))
		return dz_imp_refuse(c->f, c->k, row + 1, DZ_ICOL__MAX, DZ_IMPW_BAD_VALUE, "lines");
	json_array_foreach(lines, i, l)
		if ((rc = one_line(c, l, c->j->items, i + 1, number)) != DZ_OK)
			return rc;
	return DZ_OK;
}

static void
free_mem(struct mem *m)
{
	if (m == NULL)
		return;
	dz_imp_keep_free(m->blocks);
	free(m->b[0].cell);
	free(m->b[1].cell);
	free(m);
}

void
dz_imp_json_free(struct dz_imp_json *j)
{
	if (j == NULL)
		return;
	free_mem(j->sheet[0].mem);
	free(j->line_item);
	free(j->line_no);
	memset(j, 0, sizeof(*j));
}

/* The header row: the template's column names. */
static int
header(struct build *b, enum dz_imp_sheet k)
{
	size_t	n, i;

	b->cols = dz_imp_columns(k, &n);
	b->ncols = n;
	if (row_add(b) != 0)
		return -1;
	for (i = 0; i < n; i++)
		b->cell[i] = dz_imp_col_name(b->cols[i]);
	return 0;
}

static void
json_refused(struct dz_imp_file *f, enum dz_imp_sheet k, const json_error_t *e)
{
	char	where[200];

	snprintf(where, sizeof(where), "%d:%d %.120s", e->line, e->column, e->text);
	dz_imp_refuse(f, k, 0, DZ_ICOL__MAX, DZ_IMPW_BAD_JSON, where);
}

enum dz_err
dz_imp_json_read(const char *body, size_t len, enum dz_imp_sheet k, struct dz_imp_json *j,
    struct dz_imp_file *f)
{
	struct ctx	 c;
	struct mem	*m;
	json_error_t	 e;
	json_t		*root, *v;
	size_t		 i, pos = 0;
	enum dz_err	 rc = DZ_OK;

	memset(j, 0, sizeof(*j));
	if (k != DZ_IMP_CUSTOMERS && k != DZ_IMP_DOCUMENTS)
		return DZ_ERR_INVAL;
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return DZ_ERR_NOMEM;
	j->sheet[0].mem = m;
	if (header(&m->b[0], k) != 0 || header(&m->b[1], DZ_IMP_LINES) != 0) {
		dz_imp_json_free(j);
		return DZ_ERR_NOMEM;
	}
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.j = j;
	c.f = f;
	c.k = k;
	while (pos < len && (body[pos] == ' ' || body[pos] == '\t' || body[pos] == '\r' ||
	    body[pos] == '\n'))
		pos++;
	if (pos < len && body[pos] == '[') {
		/* one array of items */
		if ((root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &e)) == NULL)
			json_refused(f, k, &e);
		else {
			json_array_foreach(root, i, v)
				if ((rc = one_item(&c, v)) != DZ_OK)
					break;
			json_decref(root);
		}
	} else {
		/* an object a line */
		while (rc == DZ_OK) {
			while (pos < len && (body[pos] == ' ' || body[pos] == '\t' ||
			    body[pos] == '\r' || body[pos] == '\n'))
				pos++;
			if (pos >= len)
				break;
			root = json_loadb(body + pos, len - pos,
			    JSON_REJECT_DUPLICATES | JSON_DISABLE_EOF_CHECK, &e);
			if (root == NULL) {
				json_refused(f, k, &e);
				break;
			}
			if (e.position <= 0) {	/* nothing read: never loop in place */
				json_decref(root);
				break;
			}
			pos += (size_t)e.position;
			rc = one_item(&c, root);
			json_decref(root);
		}
	}
	if (rc == DZ_OK && j->items == 0 && f->errors == 0)
		rc = dz_imp_refuse(f, k, 0, DZ_ICOL__MAX, DZ_IMPW_NOT_OBJECT, NULL);
	j->sheet[0].nrows = m->b[0].nrows;
	j->sheet[0].ncols = m->b[0].ncols;
	j->sheet[0].cell = m->b[0].cell;
	j->sheet[1].nrows = m->b[1].nrows;
	j->sheet[1].ncols = m->b[1].ncols;
	j->sheet[1].cell = m->b[1].cell;
	if (rc != DZ_OK) {
		dz_imp_json_free(j);
		return rc;
	}
	return DZ_OK;
}

/* ---------------------------------------------------------------------
 * Answers.
 */

static char *
dump(json_t *o)
{
	char	*s;

	if (o == NULL)
		return NULL;
	s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(o);
	return s;
}

char *
dz_imp_json_error(const char *code, const char *words)
{
	return dump(json_pack("{s:b, s:s, s:s}", "ok", 0, "error", code, "message", words));
}

char *
dz_imp_json_done(long long file, int duplicate, size_t customers, size_t added,
    size_t changed, size_t unchanged, size_t stale, size_t lines)
{
	return dump(json_pack("{s:b, s:I, s:b, s:I, s:I, s:I, s:I, s:I, s:I}", "ok", 1,
	    "file", (json_int_t)file, "duplicate", duplicate, "customers", (json_int_t)customers,
	    "added", (json_int_t)added, "changed", (json_int_t)changed,
	    "unchanged", (json_int_t)unchanged, "stale", (json_int_t)stale,
	    "lines", (json_int_t)lines));
}

char *
dz_imp_json_refusals(const struct dz_imp_file *f, const struct dz_imp_json *j)
{
	json_t	*o, *a, *e;
	char	 words[512];
	size_t	 i, item, line;

	if ((o = json_object()) == NULL || (a = json_array()) == NULL) {
		json_decref(o);
		return NULL;
	}
	json_object_set_new(o, "ok", json_false());
	json_object_set_new(o, "refused", json_integer((json_int_t)f->errors));
	for (i = 0; i < f->nerr; i++) {
		const struct dz_imp_error *r = &f->err[i];

		item = line = 0;
		if (r->sheet == DZ_IMP_LINES && r->row >= 2 && j != NULL &&
		    r->row - 1 < j->sheet[1].nrows) {
			item = j->line_item[r->row - 1];
			line = j->line_no[r->row - 1];
		} else if (r->sheet == DZ_IMP_LINES && r->row == 0 && r->ref >= 2)
			item = r->ref - 1;	/* lines_total: the document's row */
		else if (r->sheet != DZ_IMP_LINES && r->row >= 2)
			item = r->row - 1;
		dz_imp_error_text(r, words, sizeof(words));
		if ((e = json_object()) == NULL)
			break;
		if (item > 0)
			json_object_set_new(e, "item", json_integer((json_int_t)item));
		if (line > 0)
			json_object_set_new(e, "line", json_integer((json_int_t)line));
		if (r->col < DZ_ICOL__MAX)
			json_object_set_new(e, "field", json_string(r->col == DZ_ICOL_LINE_NUMBER ?
			    "number" : keys[r->col]));
		json_object_set_new(e, "code", json_string(dz_imp_why_code(r->why)));
		json_object_set_new(e, "message", json_string(words));
		if (r->value[0] != '\0')
			json_object_set_new(e, "value", json_string(r->value));
		if ((r->why == DZ_IMPW_DUP_CODE || r->why == DZ_IMPW_DUP_NUMBER) && r->ref >= 2)
			json_object_set_new(e, "same_as", json_integer((json_int_t)(r->ref - 1)));
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "errors", a);
	return dump(o);
}
