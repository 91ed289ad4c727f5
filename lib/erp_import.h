/*
 * erp_import.h: the ERP gateway's second kind of source, private to
 * lib/erp*.c: an account set of the kind import (DZ_ERP_KIND_IMPORT) has
 * its ledger in the app store (schema 013), and each query of the
 * contract (lib/erp_profile.h) is answered from there by a statement of
 * lib/db (DZ_SQL_IMP_*) with the contract's columns, so that erp.c's typed
 * queries read it exactly as they read 管家婆's answer.
 */
#ifndef DZ_ERP_IMPORT_H
#define DZ_ERP_IMPORT_H

#include "erp_tds.h"

struct dz_db;

/*
 * Run query q for target t (its set_id) on the store db with the
 * contract's args, each row handed to sink as erp_run does (e: where
 * dz_erp_why's words go). No store or
 * no set: DZ_ERR_DB. The store's failures are its own (DZ_ERR_DB: the
 * page says 503); a sink's DZ_ERR_INVAL is DZ_ERR_ERP, as for an ERP.
 */
enum dz_err	 erp_import_run(struct dz_erp *e, struct dz_db *db,
		    const struct dz_erp_target *t, enum dz_erp_query q,
		    const struct erp_arg *args, struct erp_sink *sink);

/* The columns of a store row (erp_col_* call these for r->rows). */
int		 erp_import_col_null(const struct erp_row *, int col);
enum dz_err	 erp_import_col_fixed(const struct erp_row *, int col, int scale, int64_t *);
void		 erp_import_col_text(const struct erp_row *, int col, char *buf, size_t bufsz);

#endif /* DZ_ERP_IMPORT_H */
