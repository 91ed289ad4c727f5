/*
 * 094-import-json: the import API's bodies (lib/import_json) into the
 * template sheets and through lib/import's checks: an array and one object
 * a line read alike; a document's lines become goods-line rows with its
 * number; numbers become the text a clerk would type; what is not JSON,
 * an item that is no object, an unknown key, a duplicate key and a value
 * of another type are refused naming the item; the limits hold.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "import.h"
#include "import_json.h"
#include "tap.h"

/* Read body as template k, then lib/import over the sheets. */
static enum dz_err
run(const char *body, enum dz_imp_sheet k, struct dz_imp_json *j, struct dz_imp_file *f)
{
	enum dz_err	rc;

	memset(f, 0, sizeof(*f));
	if ((rc = dz_imp_json_read(body, strlen(body), k, j, f)) != DZ_OK)
		return rc;
	if (f->errors == 0) {
		dz_imp_read(&j->sheet[0], k, f);
		if (k == DZ_IMP_DOCUMENTS && j->sheet[1].nrows > 1)
			dz_imp_read(&j->sheet[1], DZ_IMP_LINES, f);
		dz_imp_check(f, NULL);
	}
	return DZ_OK;
}

static const char *
first(const struct dz_imp_file *f)
{
	static char	b[128];

	if (f->nerr == 0)
		return "none";
	snprintf(b, sizeof(b), "%zu %s %s", f->err[0].row, dz_imp_why_code(f->err[0].why),
	    f->err[0].value);
	return b;
}

int
main(void)
{
	struct dz_imp_json	 j;
	struct dz_imp_file	 f;
	char			*big;
	size_t			 i, n;

	/* customers, an array */
	ok(run("[{\"code\": \"C1\", \"name\": \"华联\", \"opening\": 1234.5, \"opening_date\": "
	    "\"2026-01-01\"}, {\"code\": \"C2\", \"name\": \"东方\", \"phone\": null}]",
	    DZ_IMP_CUSTOMERS, &j, &f) == DZ_OK, "customers: read");
	is_str(first(&f), "none", "... no refusal");
	ok(j.items == 2 && f.ncust == 2 && f.cust[0].opening == 123450 &&
	    strcmp(f.cust[0].opening_date, "2026-01-01") == 0 && strcmp(f.cust[1].phone, "") == 0,
	    "... two customers, 1234.5 as 123450 fen, null as empty");
	dz_imp_free(&f);
	dz_imp_json_free(&j);

	/* documents, one a line, with lines; number after lines */
	ok(run("{\"date\": \"2026-10-05\", \"type\": \"出库\", \"lines\": [{\"product_name\": \"螺丝\", "
	    "\"qty\": 10, \"price\": 12.5, \"amount\": 125}, {\"product_name\": \"螺母\", \"qty\": 1, "
	    "\"amount\": \"5.00\"}], \"number\": \"XS-1\", \"customer\": \"C1\", \"amount\": 130}\n"
	    "\n{\"date\": \"2026/10/6\", \"type\": \"收款\", \"number\": \"SK-1\", \"customer\": \"C1\", "
	    "\"amount\": \"1,000.00\", \"summary\": \"转账\"}\n", DZ_IMP_DOCUMENTS, &j, &f) == DZ_OK,
	    "documents, NDJSON: read");
	is_str(first(&f), "2 unknown_customer C1", "... C1 unknown (nothing known): refused, item 1");
	is_int((long long)f.errors, 2, "... and item 2, nothing else");
	ok(j.items == 2 && f.ndoc == 2 && f.nline == 2 && f.doc[0].total == 13000 &&
	    f.doc[0].nlines == 2 && f.doc[0].lines_total == 13000 && f.line[0].qty == 100000 &&
	    f.line[0].price == 125000 && strcmp(f.line[1].number, "XS-1") == 0 &&
	    f.doc[1].total == 100000 && strcmp(f.doc[1].summary, "转账") == 0,
	    "... two documents, the first with two lines under its number, adding up");
	ok(j.line_item[1] == 1 && j.line_no[1] == 1 && j.line_item[2] == 1 && j.line_no[2] == 2,
	    "... each line row knows its item and place");
	dz_imp_free(&f);
	dz_imp_json_free(&j);

	/* the same through lib/import's checks: a bad date names item 2 (row 3) */
	run("[{\"date\": \"2026-10-05\", \"type\": \"出库\", \"number\": \"A\", \"customer\": \"C\", "
	    "\"amount\": 1}, {\"date\": \"2026-02-30\", \"type\": \"出库\", \"number\": \"B\", "
	    "\"customer\": \"C\", \"amount\": 1}]", DZ_IMP_DOCUMENTS, &j, &f);
	ok(f.nerr >= 1 && f.err[0].row == 3 && f.err[0].why == DZ_IMPW_BAD_DATE &&
	    f.err[0].col == DZ_ICOL_DATE, "item 2's 2026-02-30: bad_date at row 3 (item 2)");
	dz_imp_free(&f);
	dz_imp_json_free(&j);

	/* numbers as a clerk would type them */
	run("[{\"code\": \"C\", \"name\": \"n\", \"opening\": 0.1}, {\"code\": \"D\", \"name\": \"n\", "
	    "\"opening\": 1e2}, {\"code\": \"E\", \"name\": \"n\", \"opening\": 1234.567}]",
	    DZ_IMP_CUSTOMERS, &j, &f);
	ok(j.sheet[0].cell[1 * j.sheet[0].ncols + 4] != NULL &&
	    strcmp(j.sheet[0].cell[1 * j.sheet[0].ncols + 4], "0.1") == 0 &&
	    strcmp(j.sheet[0].cell[2 * j.sheet[0].ncols + 4], "100") == 0,
	    "0.1 as 0.1, 1e2 as 100");
	ok(f.nerr == 1 && f.err[0].row == 4 && f.err[0].why == DZ_IMPW_BAD_AMOUNT,
	    "1234.567: refused (three decimals), not rounded");
	dz_imp_free(&f);
	dz_imp_json_free(&j);

	/* refusals of the JSON itself */
	static const struct {
		const char	*body, *want;
	} bad[] = {
		{ "[{\"code\": \"C\", \"name\": \"n\", \"colour\": \"red\"}]", "2 unknown_field colour" },
		{ "[{\"code\": \"C\", \"name\": true}]", "2 bad_value name" },
		{ "[{\"code\": [\"C\"], \"name\": \"n\"}]", "2 bad_value code" },
		{ "[1, {\"code\": \"C\", \"name\": \"n\"}]", "2 not_object " },
		{ "[]", "0 not_object " },
		{ "", "0 not_object " },
		{ "[{\"code\": \"C\", \"code\": \"D\", \"name\": \"n\"}]", "0 bad_json " },
		{ "{\"code\": \"C\", \"name\": \"n\"}\n{\"code\": ", "0 bad_json " },
		{ "[{\"code\": \"C\\u0000\", \"name\": \"n\"}]", "0 bad_json " },
		{ "\"just a string\"", "0 bad_json " },
		{ "[{\"code\": \"\xff\", \"name\": \"n\"}]", "0 bad_json " },
	};
	for (i = 0; i < DZ_NELEM(bad); i++) {
		run(bad[i].body, DZ_IMP_CUSTOMERS, &j, &f);
		n = strlen(bad[i].want);
		ok(strncmp(first(&f), bad[i].want, n) == 0, "refused %zu: %s (got %s)", i,
		    bad[i].want, first(&f));
		dz_imp_free(&f);
		dz_imp_json_free(&j);
	}
	run("[{\"date\": \"2026-10-05\", \"type\": \"出库\", \"number\": \"A\", \"customer\": \"C\", "
	    "\"amount\": 1, \"lines\": {\"qty\": 1}}]", DZ_IMP_DOCUMENTS, &j, &f);
	is_str(first(&f), "2 bad_value lines", "lines that are not an array: bad_value");
	dz_imp_free(&f);
	dz_imp_json_free(&j);
	run("[{\"date\": \"2026-10-05\", \"type\": \"出库\", \"number\": \"A\", \"customer\": \"C\", "
	    "\"amount\": 1, \"lines\": [{\"qty\": 1, \"colour\": 2}]}]", DZ_IMP_DOCUMENTS, &j, &f);
	is_str(first(&f), "2 unknown_field colour", "an unknown key in a line: named, row 2 of the lines");
	ok(f.err[0].sheet == DZ_IMP_LINES && j.line_item[1] == 1, "... of the lines sheet, item 1");
	dz_imp_free(&f);
	dz_imp_json_free(&j);

	/* the limit of items */
	n = DZ_IMP_JSON_ITEMS_MAX + 1;
	big = malloc(n * 32 + 16);
	strcpy(big, "[");
	for (i = 0; i < n; i++)
		sprintf(big + strlen(big), "%s{\"code\":\"C%zu\",\"name\":\"n\"}", i ? "," : "", i);
	strcat(big, "]");
	memset(&f, 0, sizeof(f));
	is_int(dz_imp_json_read(big, strlen(big), DZ_IMP_CUSTOMERS, &j, &f), DZ_ERR_TOOBIG,
	    "50,001 items: DZ_ERR_TOOBIG");
	dz_imp_free(&f);
	dz_imp_json_free(&j);
	free(big);
	is_int(dz_imp_json_read("[]", 2, DZ_IMP_LINES, &j, &f), DZ_ERR_INVAL,
	    "the lines template alone: DZ_ERR_INVAL");
	is_str(dz_imp_json_key(DZ_ICOL_LINE_AMOUNT), "amount", "a line's amount is \"amount\"");
	return done_testing();
}
