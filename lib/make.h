/*
 * make.h: a statement made from what the ERP has now, the one path of
 * 生成对账单 (dz-generate, a clerk's ticks) and of a bulk run (dz-admin
 * month-run, every document of the period): the customer, the period's
 * posted documents, the opening balance, the goods, read under one
 * deadline; then lib/stmt builds it.
 *
 * The opening balance is chained: when the customer's last 符合 statement
 * with an opening balance ends the day before this period starts, this one
 * opens from its closing (what the customer confirmed), and the ERP's own
 * opening is kept beside it; the two differ when the ERP changed history
 * under a confirmed statement (dz_make.chain_diff).
 */
#ifndef DZ_MAKE_H
#define DZ_MAKE_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "erp.h"
#include "stmt.h"

struct dz_db;

struct dz_make {
	struct dz_erp_customer	 cust;
	int64_t			 erp_opening;	/* the ERP's, at the start of from */
	int64_t			 opening;	/* the statement's (chained or the ERP's) */
	long long		 chain_from;	/* the 符合 statement it opens from, or 0 */
	int			 chain_diff;	/* chained and opening != erp_opening */
	struct dz_erp_doc	*docs;
	size_t			 ndocs;
	struct dz_erp_line	*lines;
	size_t			 nlines;
	struct dz_stmt_src_doc	*sdocs;		/* the same rows as lib/stmt reads them */
	struct dz_stmt_src_line	*slines;
	struct dz_stmt_built	 b;		/* after dz_make_build */
};

/*
 * Read customer_id's period from..to from the ERP (types: a mask of
 * DZ_DOC_BIT, 0 for DZ_DOC_DEFAULT), with the opening balance if
 * with_opening (chained through db's statements of account set set), under
 * one deadline of seconds. DZ_ERR_NOTFOUND: no such customer. The ERP's
 * errors as dz_erp_* return them (dz_erp_why says why). m is zeroed first;
 * free it with dz_make_free whatever the result.
 */
enum dz_err	 dz_make_read(struct dz_db *, struct dz_erp *, const struct dz_erp_target *,
		    long long set, const char *customer_id, const char *from,
		    const char *to, unsigned int types, int with_opening, int seconds,
		    struct dz_make *m);

/*
 * Build the statement of the chosen vchcodes (sorted, as dz_stmt_choose
 * leaves them; NULL: every document read) into m->b, as dz_stmt_build
 * (DZ_ERR_NOTFOUND with *missing: a chosen one is not among them).
 */
enum dz_err	 dz_make_build(struct dz_make *, long long set, const char *from,
		    const char *to, int with_opening, const int64_t *chosen,
		    size_t nchosen, int64_t *missing);

void		 dz_make_free(struct dz_make *);

#endif /* DZ_MAKE_H */
