/* SOURCES: lib/import.c lib/ledger.c lib/clock.c lib/form.c lib/money.c lib/log.c lib/utf8.c lib/util.c */
/*
 * libFuzzer target: an import (lib/import) of up to three sheets, the
 * customers, the documents and the goods lines, as lib/sheet hands them
 * over: the input is the sheets one after another, parted by a line of
 * "\f", each a table (rows by '\n', cells by '\t', at most 32 columns and
 * 300 rows). Each is read as its template and the file checked across the
 * sheets, with customer codes beginning with 'K' known from an earlier
 * import. What must hold: at most DZ_IMP_ERRORS_MAX errors kept and no
 * more than were counted, each naming a row of its sheet, a column of the
 * template (or none) and a reason with a code, the cell it shows clean
 * UTF-8; every record a clean one:
 * its text well-formed UTF-8 without control characters and within its
 * field, a date of the calendar, a document's amount above 0, a line's
 * figures not negative; the lines numbered within their document.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "import.h"
#include "money.h"
#include "utf8.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

#define COLS	32
#define ROWS	300

static size_t	 nrows[DZ_IMP__SHEETS];

static int
known_customer(void *arg, const char *code)
{
	(void)arg;
	return code[0] == 'K';
}

static void
clean(const char *s, size_t max)
{
	size_t	n;

	CHECK(s != NULL);
	n = strlen(s);
	CHECK(n <= max);
	CHECK(dz_utf8_check(s, n) == DZ_UTF8_OK);
	CHECK(n == 0 || (s[0] != ' ' && s[n - 1] != ' '));
}

static void
day(const char *d)
{
	CHECK(strlen(d) == DZ_DATE_LEN && dz_date_day(d) >= 0);
}

/* Sheet k from one part of the input. */
static void
read_sheet(char *part, enum dz_imp_sheet k, struct dz_imp_file *f, const char **cell)
{
	struct dz_sheet	 s;
	char		*line, *c;
	size_t		 nr = 0, nc = 0, r, i;

	for (i = 0; i < ROWS * COLS; i++)
		cell[i] = "";
	for (; (line = strsep(&part, "\n")) != NULL && nr < ROWS; nr++)
		for (i = 0; (c = strsep(&line, "\t")) != NULL && i < COLS; i++) {
			cell[nr * COLS + i] = c;
			if (i + 1 > nc)
				nc = i + 1;
		}
	for (r = 0; r < nr && nc < COLS; r++)
		for (i = 0; i < nc; i++)
			cell[r * nc + i] = cell[r * COLS + i];
	memset(&s, 0, sizeof(s));
	s.nrows = nr;
	s.ncols = nc;
	s.cell = cell;
	nrows[k] = nr;
	CHECK(dz_imp_read(&s, k, f) == DZ_OK);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dz_imp_file	 f;
	struct dz_imp_known	 kn = { known_customer, NULL };
	const char		**cell;
	char			*buf, *p, *part;
	size_t			 i, k = 0, lines = 0;

	if (size > 65536 || (buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if ((cell = calloc(ROWS * COLS, sizeof(*cell))) == NULL) {
		free(buf);
		return 0;
	}
	memset(&f, 0, sizeof(f));
	memset(nrows, 0, sizeof(nrows));
	for (p = buf; k < DZ_IMP__SHEETS && (part = strsep(&p, "\f")) != NULL; k++)
		read_sheet(part, (enum dz_imp_sheet)k, &f, cell);
	CHECK(dz_imp_check(&f, data[0] & 1 ? &kn : NULL) == DZ_OK);

	CHECK(f.nerr <= DZ_IMP_ERRORS_MAX && f.nerr <= f.errors);
	CHECK(f.errors > DZ_IMP_ERRORS_MAX || f.nerr == f.errors);
	for (i = 0; i < f.nerr; i++) {
		const struct dz_imp_error *e = &f.err[i];

		CHECK((unsigned int)e->sheet < DZ_IMP__SHEETS && e->row <= nrows[e->sheet]);
		CHECK((unsigned int)e->col <= DZ_ICOL__MAX && (unsigned int)e->why < DZ_IMPW__MAX);
		CHECK(dz_imp_why_code(e->why)[0] != '\0');
		CHECK(e->ref <= ROWS && memchr(e->value, '\0', sizeof(e->value)) != NULL);
		CHECK(dz_utf8_check(e->value, strlen(e->value)) == DZ_UTF8_OK);
	}
	for (i = 0; i < f.ncust; i++) {
		const struct dz_imp_customer *c = &f.cust[i];

		clean(c->code, 63);
		clean(c->name, 255);
		clean(c->contact, 63);
		clean(c->phone, 31);
		CHECK(c->code[0] != '\0' && c->name[0] != '\0');
		CHECK(c->opening >= -DZ_MONEY_MAX && c->opening <= DZ_MONEY_MAX);
		if (c->opening_date[0] != '\0')
			day(c->opening_date);
		CHECK(c->row >= 2 && c->row <= nrows[DZ_IMP_CUSTOMERS]);
	}
	for (i = 0; i < f.ndoc; i++) {
		const struct dz_imp_doc *d = &f.doc[i];

		day(d->date);
		CHECK((unsigned int)d->type < DZ_DOC__MAX);
		clean(d->number, 63);
		clean(d->customer_code, 63);
		clean(d->summary, 255);
		CHECK(d->number[0] != '\0' && d->customer_code[0] != '\0');
		CHECK(d->total > 0 && d->total <= DZ_MONEY_MAX);
		CHECK(d->nlines == 0 || d->type == DZ_DOC_SALE || d->type == DZ_DOC_RETURN);
		lines += d->nlines;
	}
	CHECK(lines <= f.nline);
	for (i = 0; i < f.nline; i++) {
		const struct dz_imp_line *l = &f.line[i];

		clean(l->number, 63);
		clean(l->product_code, 63);
		clean(l->product_name, 255);
		clean(l->unit, 31);
		CHECK(l->number[0] != '\0' && l->product_name[0] != '\0');
		CHECK(l->qty >= 0 && l->price >= -1 && l->amount >= 0);
		CHECK(l->amount <= DZ_MONEY_MAX);
	}
	dz_imp_free(&f);
	free(cell);
	free(buf);
	return 0;
}
