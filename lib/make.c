/*
 * make.c: a statement made from what the ERP has now (make.h). The reading
 * was dz-generate's own; a bulk run needs the same, so it is here, with
 * the chained opening balance both take.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "erp.h"
#include "make.h"
#include "stmt.h"
#include "store.h"
#include "store_bulk.h"

void
dz_make_free(struct dz_make *m)
{
	dz_stmt_built_free(&m->b);
	free(m->docs);
	free(m->lines);
	free(m->sdocs);
	free(m->slines);
	memset(m, 0, sizeof(*m));
}

/* The rows as lib/stmt's source: pointers into the ERP's. */
static enum dz_err
source(struct dz_make *m)
{
	size_t	i;

	if ((m->sdocs = calloc(m->ndocs + 1, sizeof(*m->sdocs))) == NULL ||
	    (m->slines = calloc(m->nlines + 1, sizeof(*m->slines))) == NULL)
		return DZ_ERR_NOMEM;
	for (i = 0; i < m->ndocs; i++)
		m->sdocs[i] = (struct dz_stmt_src_doc){ m->docs[i].vchcode,
		    m->docs[i].vchtype, m->docs[i].date, m->docs[i].number,
		    m->docs[i].summary, m->docs[i].total };
	for (i = 0; i < m->nlines; i++)
		m->slines[i] = (struct dz_stmt_src_line){ m->lines[i].vchcode,
		    m->lines[i].seq, m->lines[i].product_code, m->lines[i].product_name,
		    m->lines[i].unit, m->lines[i].qty, m->lines[i].price,
		    m->lines[i].amount };
	return DZ_OK;
}

enum dz_err
dz_make_read(struct dz_db *db, struct dz_erp *erp, const struct dz_erp_target *target,
    long long set, const char *customer_id, const char *from, const char *to,
    unsigned int types, int with_opening, int seconds, struct dz_make *m)
{
	long long	 prev = 0;
	int64_t		 closing = 0;
	enum dz_err	 rc;

	memset(m, 0, sizeof(*m));
	dz_erp_deadline(erp, seconds);
	if ((rc = dz_erp_customer(erp, target, customer_id, &m->cust)) != DZ_OK)
		return rc;
	if ((rc = dz_erp_documents(erp, target, m->cust.id, from, to,
	    types != 0 ? types : DZ_DOC_DEFAULT, &m->docs, &m->ndocs)) != DZ_OK)
		return rc;
	if (with_opening) {
		if ((rc = dz_erp_opening(erp, target, m->cust.id, from,
		    &m->erp_opening)) != DZ_OK)
			return rc;
		m->opening = m->erp_opening;
		/* none is no chain; a failing store is no statement (one
		 * unchained by a passing fault would stay so) */
		if ((rc = dz_store_chain(db, set, m->cust.id, from, &prev,
		    &closing)) == DZ_OK) {
			m->chain_from = prev;
			m->opening = closing;
			m->chain_diff = closing != m->erp_opening;
		} else if (rc != DZ_ERR_NOTFOUND)
			return rc;
	}
	if ((rc = dz_erp_lines(erp, target, m->cust.id, from, to, &m->lines,
	    &m->nlines)) != DZ_OK)
		return rc;
	return source(m);
}

enum dz_err
dz_make_build(struct dz_make *m, long long set, const char *from, const char *to,
    int with_opening, const int64_t *chosen, size_t nchosen, int64_t *missing)
{
	struct dz_stmt_source	 src;
	int64_t			*all = NULL;
	size_t			 i;
	enum dz_err		 rc;

	if (chosen == NULL) {
		if ((all = calloc(m->ndocs + 1, sizeof(*all))) == NULL)
			return DZ_ERR_NOMEM;
		for (i = 0; i < m->ndocs; i++)
			all[i] = m->docs[i].vchcode;
		qsort(all, m->ndocs, sizeof(*all), dz_stmt_vch_cmp);
		chosen = all;
		nchosen = m->ndocs;
	}
	memset(&src, 0, sizeof(src));
	src.account_set_id = set;
	src.customer_id = m->cust.id;
	src.customer_code = m->cust.code;
	src.customer_name = m->cust.name;
	src.period_from = from;
	src.period_to = to;
	src.with_opening = with_opening;
	src.opening = m->opening;
	src.docs = m->sdocs;
	src.ndocs = m->ndocs;
	src.lines = m->slines;
	src.nlines = m->nlines;
	rc = dz_stmt_build(&src, chosen, nchosen, &m->b, missing);
	free(all);
	return rc;
}
