/*
 * erp_tds.h: the gateway's side of FreeTDS db-lib, private to lib/erp*.c:
 * the process-wide error and message handlers and the wording of what they
 * saw, the cached connections, one query of a profile run as an RPC with
 * its parameters bound by name, and the columns of its rows. erp.c builds
 * the typed queries of erp.h on it and never sees a DBPROCESS.
 */
#ifndef DZ_ERP_TDS_H
#define DZ_ERP_TDS_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "erp.h"

/* A value for one parameter of the contract (its type says which field). */
struct erp_arg {
	const char	*s;		/* DZ_ERP_T_TEXT */
	long long	 i;		/* DZ_ERP_T_INT, DZ_ERP_T_BIGINT */
};

/*
 * The current row of a result; read it with erp_col_*. Of a TDS result
 * (dbp) or of the app store's (rows, row r: lib/erp_import).
 */
struct dz_rows;
struct erp_row {
	void			*dbp;		/* DBPROCESS */
	const int		*idx;		/* contract column -> result column (1-based; 0: absent) */
	size_t			 ncols;		/* the contract's columns of the query */
	const struct dz_rows	*rows;
	size_t			 r;
};

/*
 * Rows are handed to a sink; n counts them. A retry on a fresh connection
 * starts the sink over (n = 0).
 */
struct erp_sink {
	enum dz_err	(*row)(struct erp_sink *, const struct erp_row *);
	size_t		 n;
	int		 streams;	/* keeps no row: DZ_ERP_ROWS_MAX does not apply */
};

/*
 * Run query q of the target's profile with args (indexed as the
 * contract's parameters of q) on the target's connection (opened if
 * needed), handing each row to sink. The result must hold every required
 * column of the contract. A cached connection found dead is opened again
 * and the query run once more; a timeout is not retried (the page must
 * answer within one). fresh: a connection of its own, closed afterwards
 * (测试连接). A sink's DZ_ERR_INVAL (a value it cannot read) becomes
 * DZ_ERR_ERP with the reason worded.
 */
enum dz_err	 erp_run(struct dz_erp *, const struct dz_erp_target *,
		    enum dz_erp_query q, const struct erp_arg *args,
		    struct erp_sink *sink, int fresh);

/* Set dz_erp_why's text. */
void		 erp_why(struct dz_erp *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * Columns of the current row, by the contract's column index of the query
 * (DZ_ERP_C_*). An optional column the profile leaves out reads as NULL.
 */
int		 erp_col_null(const struct erp_row *, int col);
/* An amount of the given scale; NULL counts as zero (ISNULL). */
enum dz_err	 erp_col_fixed(const struct erp_row *, int col, int scale, int64_t *);
/* A whole number; NULL is DZ_ERR_INVAL. */
enum dz_err	 erp_col_int(const struct erp_row *, int col, int64_t *);
/* Text, cleaned (dz_erp_value_text); NULL is "". */
void		 erp_col_text(const struct erp_row *, int col, char *buf, size_t bufsz);
/* A date: 'YYYY-MM-DD' text or a DATETIME, validated. */
enum dz_err	 erp_col_date(const struct erp_row *, int col, char out[11]);

#endif /* DZ_ERP_TDS_H */
