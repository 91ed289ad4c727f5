/*
 * store_import_check.c: an upload's files read and checked
 * (store_import.h), apart from the rest of lib/store_import so that only
 * the programs that read sheets link lib/sheet's libraries.
 */
#include "config.h"

#include <string.h>

#include "dz.h"
#include "import.h"
#include "sheet.h"
#include "store_import.h"

enum dz_err
dz_store_upload_check(struct dz_db *db, long long set, const struct dz_store_upload *u,
    struct dz_imp_file *f, const char **why)
{
	struct dz_store_import_known	 known;
	size_t				 i;
	enum dz_err			 rc;

	*why = NULL;
	for (i = 0; i < DZ_IMP__SHEETS; i++) {
		struct dz_sheet		 s;
		enum dz_sheet_why	 w = DZ_SHEET_OK;

		if (!u->part[i].present)
			continue;
		memset(&s, 0, sizeof(s));
		if ((rc = dz_sheet_read_nth(u->part[i].content, u->part[i].size,
		    u->part[i].sheet_no, &s, &w)) != DZ_OK) {
			dz_sheet_free(&s);
			*why = dz_sheet_why_code(w);
			return rc == DZ_ERR_NOMEM ? rc : DZ_ERR_INVAL;
		}
		rc = dz_imp_read(&s, (enum dz_imp_sheet)i, f);
		dz_sheet_free(&s);
		if (rc != DZ_OK)
			return rc;
	}
	if ((rc = dz_store_import_known(db, set, &known)) != DZ_OK)
		return rc;
	rc = dz_imp_check(f, &known.known);
	dz_store_import_known_free(&known);
	return rc;
}
