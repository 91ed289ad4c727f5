/*
 * erp_import.c: the imported ledger answering the ERP contract's queries
 * (erp_import.h). Each query has a statement of lib/db and the order in
 * which its placeholders take the account set and the contract's
 * parameters (MariaDB's placeholders are by position, the contract's by
 * name: a parameter the SQL needs twice is bound twice).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "db.h"
#include "erp.h"
#include "erp_import.h"
#include "erp_value.h"
#include "lang.h"
#include "log.h"
#include "money.h"

#define SET	(-1)		/* the target's account set */
#define BINDS	12

static const struct {
	enum dz_sql	 sql;
	size_t		 n;
	int		 bind[BINDS];	/* SET or the contract's parameter */
} imp[DZ_ERP_Q__MAX] = {
	[DZ_ERP_Q_ACCOUNT_INFO] = { DZ_SQL_IMP_ACCOUNT_INFO, 1, { SET } },
	[DZ_ERP_Q_CUSTOMERS_SEARCH] = { DZ_SQL_IMP_CUSTOMERS_SEARCH, 5,
	    { SET, DZ_ERP_P_SEARCH_PATTERN, DZ_ERP_P_SEARCH_PATTERN, DZ_ERP_P_SEARCH_SKIP,
	      DZ_ERP_P_SEARCH_TAKE } },
	[DZ_ERP_Q_CUSTOMERS_COUNT] = { DZ_SQL_IMP_CUSTOMERS_COUNT, 3,
	    { SET, DZ_ERP_P_COUNT_PATTERN, DZ_ERP_P_COUNT_PATTERN } },
	[DZ_ERP_Q_CUSTOMERS_GET] = { DZ_SQL_IMP_CUSTOMERS_GET, 2,
	    { SET, DZ_ERP_P_GET_CUSTOMER } },
	[DZ_ERP_Q_BALANCE_OPENING] = { DZ_SQL_IMP_BALANCE_OPENING, 6,
	    { SET, DZ_ERP_P_OPENING_CUSTOMER, DZ_ERP_P_OPENING_DATE, DZ_ERP_P_OPENING_DATE,
	      SET, DZ_ERP_P_OPENING_CUSTOMER } },
	[DZ_ERP_Q_DOCUMENTS_LIST] = { DZ_SQL_IMP_DOCUMENTS_LIST, 9,
	    { SET, DZ_ERP_P_DOCS_CUSTOMER, DZ_ERP_P_DOCS_FROM, DZ_ERP_P_DOCS_TO,
	      DZ_ERP_P_DOCS_SALE, DZ_ERP_P_DOCS_RETURN, DZ_ERP_P_DOCS_RECEIPT,
	      DZ_ERP_P_DOCS_AR_INC, DZ_ERP_P_DOCS_AR_DEC } },
	[DZ_ERP_Q_DOCUMENTS_LINES] = { DZ_SQL_IMP_DOCUMENTS_LINES, 3,
	    { SET, DZ_ERP_P_LINES_CUSTOMER, DZ_ERP_P_LINES_VCHCODE } },
	[DZ_ERP_Q_DOCUMENTS_LINES_RANGE] = { DZ_SQL_IMP_DOCUMENTS_LINES_RANGE, 6,
	    { SET, DZ_ERP_P_RANGE_CUSTOMER, DZ_ERP_P_RANGE_FROM, DZ_ERP_P_RANGE_TO,
	      DZ_ERP_P_RANGE_SALE, DZ_ERP_P_RANGE_RETURN } },
	[DZ_ERP_Q_BALANCES_ALL] = { DZ_SQL_IMP_BALANCES_ALL, 4,
	    { SET, DZ_ERP_P_BALANCES_DATE, DZ_ERP_P_BALANCES_DATE, SET } },
	[DZ_ERP_Q_AGING_DEBITS] = { DZ_SQL_IMP_AGING_DEBITS, 3,
	    { SET, DZ_ERP_P_DEBITS_FROM, DZ_ERP_P_DEBITS_DATE } },
	[DZ_ERP_Q_MOVEMENTS_ALL] = { DZ_SQL_IMP_MOVEMENTS_ALL, 3,
	    { SET, DZ_ERP_P_MOVES_FROM, DZ_ERP_P_MOVES_TO } },
	[DZ_ERP_Q_DOCUMENTS_ALL] = { DZ_SQL_IMP_DOCUMENTS_ALL, 3,
	    { SET, DZ_ERP_P_ALLDOCS_FROM, DZ_ERP_P_ALLDOCS_TO } },
	[DZ_ERP_Q_DOCUMENTS_STATE] = { DZ_SQL_IMP_DOCUMENTS_STATE, 4,
	    { SET, DZ_ERP_P_STATE_CUSTOMER, DZ_ERP_P_STATE_FROM, DZ_ERP_P_STATE_TO } },
	[DZ_ERP_Q_DOCUMENTS_GET] = { DZ_SQL_IMP_DOCUMENTS_GET, 3,
	    { SET, DZ_ERP_P_DGET_CUSTOMER, DZ_ERP_P_DGET_VCHCODE } },
};

/* The result column of contract column col (0-based), or -1. */
static long
cell_of(const struct erp_row *r, int col)
{
	if (col < 0 || (size_t)col >= r->ncols || r->idx[col] <= 0)
		return -1;
	return r->idx[col] - 1;
}

int
erp_import_col_null(const struct erp_row *r, int col)
{
	long	c = cell_of(r, col);

	return c < 0 || dz_db_cell(r->rows, r->r, (size_t)c) == NULL;
}

enum dz_err
erp_import_col_fixed(const struct erp_row *r, int col, int scale, int64_t *out)
{
	long	c = cell_of(r, col);

	*out = 0;
	if (c < 0 || dz_db_cell(r->rows, r->r, (size_t)c) == NULL)
		return DZ_OK;
	return dz_money_parse_scaled(dz_db_cell(r->rows, r->r, (size_t)c), scale, out) == DZ_OK ?
	    DZ_OK : DZ_ERR_INVAL;
}

void
erp_import_col_text(const struct erp_row *r, int col, char *buf, size_t bufsz)
{
	long	c = cell_of(r, col);

	buf[0] = '\0';
	if (c < 0 || dz_db_cell(r->rows, r->r, (size_t)c) == NULL)
		return;
	dz_erp_value_text(dz_db_cell(r->rows, r->r, (size_t)c),
	    dz_db_cell_len(r->rows, r->r, (size_t)c), buf, bufsz);
}

enum dz_err
erp_import_run(struct dz_erp *e, struct dz_db *db, const struct dz_erp_target *t,
    enum dz_erp_query q, const struct erp_arg *args, struct erp_sink *sink)
{
	const struct dz_erp_query_def	*d;
	struct dz_dbarg			 a[BINDS];
	struct dz_rows			 rows;
	struct erp_row			 row;
	int				 idx[DZ_ERP_PARAMS_MAX + 8];
	size_t				 i;
	enum dz_err			 rc = DZ_OK;

	if ((unsigned int)q >= DZ_ERP_Q__MAX)
		return DZ_ERR_INVAL;
	d = &dz_erp_contract[q];
	if (db == NULL || t->set_id <= 0) {
		dz_log_err("erp: an imported set's query without the store (set %lld)",
		    t->set_id);
		return DZ_ERR_DB;
	}
	for (i = 0; i < imp[q].n; i++) {
		int p = imp[q].bind[i];

		if (p == SET)
			a[i] = DZ_A_INT(t->set_id);
		else if (d->params[p].type != DZ_ERP_T_TEXT)
			a[i] = DZ_A_INT(args[p].i);
		else if (args[p].s == NULL)
			return DZ_ERR_INVAL;
		else
			a[i] = DZ_A_STR(args[p].s);
	}
	if ((rc = dz_db_query(db, imp[q].sql, a, imp[q].n, &rows)) != DZ_OK)
		return rc;
	/* lib/db checked the count against the server; this, against the
	 * contract (a statement edited out of step with it) */
	if (rows.ncols != d->ncols || d->ncols > DZ_NELEM(idx)) {
		dz_log_err("erp: DZ_SQL_IMP_* of %s returns %zu columns, the contract %zu",
		    d->name, rows.ncols, d->ncols);
		dz_db_rows_free(&rows);
		return DZ_ERR_DB;
	}
	for (i = 0; i < d->ncols; i++)
		idx[i] = (int)i + 1;
	memset(&row, 0, sizeof(row));
	row.idx = idx;
	row.ncols = d->ncols;
	row.rows = &rows;
	sink->n = 0;
	for (i = 0; i < rows.nrows; i++) {
		if (!sink->streams && sink->n >= DZ_ERP_ROWS_MAX) {
			erp_why(e, LANG_erp_too_many_rows, DZ_ERP_ROWS_MAX);
			rc = DZ_ERR_TOOBIG;
			break;
		}
		row.r = i;
		if ((rc = sink->row(sink, &row)) != DZ_OK) {
			if (rc == DZ_ERR_INVAL) {
				erp_why(e, LANG_erp_bad_data);
				rc = DZ_ERR_ERP;
			}
			break;
		}
		sink->n++;
	}
	dz_db_rows_free(&rows);
	return rc;
}
