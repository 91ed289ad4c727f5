/* SOURCES: lib/import_json.c lib/import.c lib/ledger.c lib/clock.c lib/form.c lib/money.c lib/log.c lib/utf8.c lib/util.c */
/* LIBS: -ljansson */
/*
 * libFuzzer target: an import API body (lib/import_json) as customers and
 * as documents, then lib/import over the sheets it makes, as dz-import
 * does. What must hold: a body is read or refused (never more items than
 * the limit); the sheets have their header row and a fixed width, every
 * cell a string of well-formed UTF-8; each goods-line row names an item
 * that was read and a place from 1; the refusals are at most the kept
 * ones plus the counted; lib/import takes the sheets without harm.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "import_json.h"
#include "utf8.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

static void
sheet_ok(const struct dz_sheet *s)
{
	size_t	i;

	CHECK(s->nrows >= 1 && s->ncols >= 1 && s->cell != NULL);
	for (i = 0; i < s->nrows * s->ncols; i++) {
		CHECK(s->cell[i] != NULL);
		CHECK(dz_utf8_valid(s->cell[i], strlen(s->cell[i])));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum dz_imp_sheet kinds[] = { DZ_IMP_CUSTOMERS, DZ_IMP_DOCUMENTS };
	struct dz_imp_json	 j;
	struct dz_imp_file	 f;
	size_t			 k, r;
	enum dz_err		 rc;

	if (size > 1 << 20)
		return 0;
	for (k = 0; k < 2; k++) {
		memset(&f, 0, sizeof(f));
		rc = dz_imp_json_read((const char *)data, size, kinds[k], &j, &f);
		CHECK(rc == DZ_OK || rc == DZ_ERR_TOOBIG || rc == DZ_ERR_NOMEM);
		if (rc == DZ_OK) {
			CHECK(j.items <= DZ_IMP_JSON_ITEMS_MAX);
			sheet_ok(&j.sheet[0]);
			sheet_ok(&j.sheet[1]);
			CHECK(j.sheet[0].nrows == j.items + 1);
			for (r = 1; r < j.sheet[1].nrows; r++)
				CHECK(j.line_item[r] >= 1 && j.line_item[r] <= j.items &&
				    j.line_no[r] >= 1);
			CHECK(f.nerr <= f.errors && f.nerr <= DZ_IMP_ERRORS_MAX);
			dz_imp_read(&j.sheet[0], kinds[k], &f);
			if (kinds[k] == DZ_IMP_DOCUMENTS)
				dz_imp_read(&j.sheet[1], DZ_IMP_LINES, &f);
			CHECK(dz_imp_check(&f, NULL) == DZ_OK);
			CHECK(f.ncust + f.ndoc <= j.items);
			dz_imp_json_free(&j);
		}
		dz_imp_free(&f);
	}
	return 0;
}
