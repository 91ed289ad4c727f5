/*
 * store_drift.c: ERP drift checks in the store (store_drift.h): what the
 * last check found, for the statement page and the cards, and which
 * statements to check. The check itself: store_drift_check.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "dz.h"
#include "audit.h"
#include "db.h"
#include "drift.h"
#include "erp.h"
#include "lang.h"
#include "log.h"
#include "money.h"
#include "stmt.h"
#include "store.h"
#include "store_drift.h"
#include "view.h"

static const char *
cell(const struct dz_rows *r, size_t i, size_t c)
{
	const char	*v = dz_db_cell(r, i, c);

	return v != NULL ? v : "";
}

enum dz_err
dz_drift_to_hdf(struct dz_db *db, HDF *hdf, long long stmt_id)
{
	struct dz_rows		 rows, ch;
	enum dz_drift_kind	 k;
	int64_t			 fen;
	size_t			 i;
	HDF			*row;
	enum dz_err		 rc;

	rc = dz_db_q1(db, DZ_SQL_DRIFT_LAST, &rows, DZ_A_INT(stmt_id));
	if (rc == DZ_ERR_NOTFOUND)
		return DZ_OK;
	if (rc != DZ_OK)
		return rc;
	if ((rc = dz_db_q(db, DZ_SQL_DRIFT_CHANGES, &ch, DZ_A_INT(dz_db_cell_int(&rows, 0,
	    DZ_C_DRIFT_ID)), DZ_A_INT(DZ_DRIFT_SHOWN))) != DZ_OK) {
		dz_db_rows_free(&rows);
		return rc;
	}
	dz_set_int(hdf, "Drift.Id", dz_db_cell_int(&rows, 0, DZ_C_DRIFT_ID));
	dz_set(hdf, "Drift.Source", cell(&rows, 0, DZ_C_DRIFT_SOURCE));
	dz_set(hdf, "Drift.User", cell(&rows, 0, DZ_C_DRIFT_USER));
	dz_set(hdf, "Drift.Result", cell(&rows, 0, DZ_C_DRIFT_RESULT));
	dz_set(hdf, "Drift.State", cell(&rows, 0, DZ_C_DRIFT_STATE));
	dz_set(hdf, "Drift.StmtFp", cell(&rows, 0, DZ_C_DRIFT_STMT_FP));
	dz_set(hdf, "Drift.ErpFp", cell(&rows, 0, DZ_C_DRIFT_ERP_FP));
	dz_set_int(hdf, "Drift.SameFp", strcmp(cell(&rows, 0, DZ_C_DRIFT_STMT_FP),
	    cell(&rows, 0, DZ_C_DRIFT_ERP_FP)) == 0);
	if (dz_money_parse_decimal(cell(&rows, 0, DZ_C_DRIFT_ERP_CLOSING), &fen) == DZ_OK)
		dz_set_money(hdf, "Drift.ErpClosing", fen);
	dz_set_int(hdf, "Drift.ErpDocs", dz_db_cell_int(&rows, 0, DZ_C_DRIFT_ERP_DOCS));
	dz_set_int(hdf, "Drift.Count", dz_db_cell_int(&rows, 0, DZ_C_DRIFT_N));
	dz_set(hdf, "Drift.At", cell(&rows, 0, DZ_C_DRIFT_AT));
	if (dz_db_cell_int(&rows, 0, DZ_C_DRIFT_N) > (long long)ch.nrows)
		dz_set_int(hdf, "Drift.More", dz_db_cell_int(&rows, 0, DZ_C_DRIFT_N) -
		    (long long)ch.nrows);
	for (i = 0; i < ch.nrows; i++) {
		if ((row = dz_row(hdf, "Drift.Changes", i)) == NULL)
			break;
		dz_set(row, "Kind", cell(&ch, i, DZ_C_DCH_KIND));
		if (dz_drift_kind_from_code(cell(&ch, i, DZ_C_DCH_KIND), &k) == DZ_OK)
			dz_set(row, "KindName", dz_drift_kind_name(k));
		dz_set(row, "Vchcode", cell(&ch, i, DZ_C_DCH_VCHCODE));
		dz_set(row, "Number", cell(&ch, i, DZ_C_DCH_NUMBER));
		dz_set(row, "Date", cell(&ch, i, DZ_C_DCH_DATE));
		dz_set(row, "Before", cell(&ch, i, DZ_C_DCH_BEFORE));
		dz_set(row, "After", cell(&ch, i, DZ_C_DCH_AFTER));
	}
	dz_db_rows_free(&ch);
	dz_db_rows_free(&rows);
	return DZ_OK;
}

static enum dz_err
ids_of(struct dz_rows *rows, long long **ids, size_t *n)
{
	size_t	i;

	if ((*ids = calloc(rows->nrows + 1, sizeof(**ids))) == NULL) {
		dz_db_rows_free(rows);
		return DZ_ERR_NOMEM;
	}
	for (i = 0; i < rows->nrows; i++)
		(*ids)[i] = dz_db_cell_int(rows, i, DZ_C_ID);
	*n = rows->nrows;
	dz_db_rows_free(rows);
	return DZ_OK;
}

enum dz_err
dz_drift_marks(struct dz_db *db, long long set, long long lo, long long hi,
    long long **ids, size_t *n)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	*ids = NULL;
	*n = 0;
	if ((rc = dz_db_q(db, DZ_SQL_DRIFT_MARKS, &rows, DZ_A_INT(set), DZ_A_INT(lo),
	    DZ_A_INT(hi))) != DZ_OK)
		return rc;
	return ids_of(&rows, ids, n);
}

enum dz_err
dz_drift_sets(struct dz_db *db, long long set, long long **ids, size_t *n)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	*ids = NULL;
	*n = 0;
	if ((rc = dz_db_q(db, DZ_SQL_DRIFT_SETS, &rows, set != 0 ? DZ_A_INT(set) :
	    DZ_A_NULL)) != DZ_OK)
		return rc;
	return ids_of(&rows, ids, n);
}

enum dz_err
dz_drift_open_ids(struct dz_db *db, long long set, long long after, long long *ids,
    size_t max, size_t *n)
{
	struct dz_rows	rows;
	size_t		i;
	enum dz_err	rc;

	*n = 0;
	if ((rc = dz_db_q(db, DZ_SQL_DRIFT_OPEN_IDS, &rows, DZ_A_INT(set), DZ_A_INT(after),
	    DZ_A_INT(max))) != DZ_OK)
		return rc;
	for (i = 0; i < rows.nrows && i < max; i++)
		ids[i] = dz_db_cell_int(&rows, i, DZ_C_ID);
	*n = i;
	dz_db_rows_free(&rows);
	return DZ_OK;
}
