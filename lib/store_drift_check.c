/*
 * store_drift_check.c: an ERP drift check kept in the store (store_drift.h,
 * dz_drift_check): the ERP read again, lib/drift's comparison, the check
 * and its changes in one transaction. Apart from store_drift.c, which only
 * reads what was kept, so that a program that shows drift without checking
 * it (dz-history) does not link the ERP gateway and FreeTDS with it.
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

static int
cmp_state(const void *a, const void *b)
{
	const struct dz_erp_doc_state *x = a, *y = b;

	return (x->d.vchcode > y->d.vchcode) - (x->d.vchcode < y->d.vchcode);
}

/* What the ERP has now: the period's documents in every state, the frozen
 * ones not among them looked up one by one, the period's goods. */
struct erp_now {
	struct dz_erp_doc_state	*docs;
	size_t			 ndocs;
	struct dz_erp_line	*lines;
	size_t			 nlines;
	struct dz_drift_doc	*dd;
	struct dz_stmt_src_line	*sl;
};

static void
erp_now_free(struct erp_now *e)
{
	free(e->docs);
	free(e->lines);
	free(e->dd);
	free(e->sl);
	memset(e, 0, sizeof(*e));
}

static enum dz_err
erp_read(struct dz_erp *erp, const struct dz_erp_target *tg,
    const struct dz_stmt_snapshot *sn, struct erp_now *e)
{
	struct dz_erp_doc_state	*nv, key, got;
	size_t			 i, n0, cap;
	enum dz_err		 rc;

	if ((rc = dz_erp_documents_state(erp, tg, sn->customer_id, sn->period_from,
	    sn->period_to, &e->docs, &e->ndocs)) != DZ_OK)
		return rc;
	qsort(e->docs, e->ndocs, sizeof(*e->docs), cmp_state);
	n0 = e->ndocs;
	cap = e->ndocs;
	for (i = 0; i < sn->ndocs; i++) {
		memset(&key, 0, sizeof(key));
		key.d.vchcode = sn->docs[i].vchcode;
		if (bsearch(&key, e->docs, n0, sizeof(*e->docs), cmp_state) != NULL)
			continue;
		rc = dz_erp_document_get(erp, tg, sn->customer_id, sn->docs[i].vchcode, &got);
		if (rc == DZ_ERR_NOTFOUND)
			continue;	/* deleted */
		if (rc != DZ_OK)
			return rc;
		if (e->ndocs == cap) {
			cap = cap ? cap * 2 : 8;
			if ((nv = realloc(e->docs, cap * sizeof(*nv))) == NULL)
				return DZ_ERR_NOMEM;
			e->docs = nv;
		}
		e->docs[e->ndocs++] = got;
	}
	if ((rc = dz_erp_lines(erp, tg, sn->customer_id, sn->period_from, sn->period_to,
	    &e->lines, &e->nlines)) != DZ_OK)
		return rc;
	if ((e->dd = calloc(e->ndocs + 1, sizeof(*e->dd))) == NULL ||
	    (e->sl = calloc(e->nlines + 1, sizeof(*e->sl))) == NULL)
		return DZ_ERR_NOMEM;
	for (i = 0; i < e->ndocs; i++) {
		const struct dz_erp_doc_state *d = &e->docs[i];

		e->dd[i] = (struct dz_drift_doc){ d->d.vchcode, d->d.vchtype, d->d.date,
		    d->d.number, d->d.summary, d->d.total, d->posted, d->voided };
	}
	for (i = 0; i < e->nlines; i++) {
		const struct dz_erp_line *l = &e->lines[i];

		e->sl[i] = (struct dz_stmt_src_line){ l->vchcode, l->seq, l->product_code,
		    l->product_name, l->unit, l->qty, l->price, l->amount };
	}
	return DZ_OK;
}

static struct dz_dbarg
money_arg(int has, int64_t fen, char *buf, size_t sz)
{
	if (!has)
		return DZ_A_NULL;
	return DZ_A_STR(dz_money_format_plain(fen, buf, sz));
}

static enum dz_err
keep_once(struct dz_db *db, const struct dz_store_stmt *s, const char *stmt_fp,
    const struct dz_drift_result *r, const struct dz_actor *who, long long *check_id)
{
	char		 cl[DZ_MONEY_BUFSZ], b[DZ_MONEY_BUFSZ], a[DZ_MONEY_BUFSZ];
	char		 obj[48], detail[300];
	unsigned long long aff = 0, nid = 0;
	const char	*result = r->nchanges > 0 ? "drift" : "ok";
	size_t		 i;
	enum dz_err	 rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_DRIFT_INSERT, NULL, &nid, DZ_A_INT(s->id),
	    DZ_A_INT(s->account_set_id), DZ_A_STR(who != NULL ? "staff" : "scheduled"),
	    who != NULL && who->user_id != 0 ? DZ_A_INT(who->user_id) : DZ_A_NULL,
	    DZ_A_STR(who != NULL && who->username != NULL ? who->username : ""),
	    DZ_A_STR(result), DZ_A_STR(stmt_fp), DZ_A_STR(r->fingerprint),
	    DZ_A_STR(dz_money_format_plain(r->totals.closing, cl, sizeof(cl))),
	    DZ_A_INT(r->totals.count), DZ_A_INT(r->nchanges),
	    DZ_A_INT(r->count[DZ_DRIFT_RED]), DZ_A_INT(r->count[DZ_DRIFT_AMOUNT]),
	    DZ_A_INT(r->count[DZ_DRIFT_LINES]), DZ_A_INT(r->count[DZ_DRIFT_DATE]),
	    DZ_A_INT(r->count[DZ_DRIFT_DRAFT]), DZ_A_INT(r->count[DZ_DRIFT_DELETED]),
	    DZ_A_INT(r->count[DZ_DRIFT_NEW]), DZ_A_INT(r->count[DZ_DRIFT_HEADER]));
	for (i = 0; rc == DZ_OK && i < r->nchanges; i++) {
		const struct dz_drift_change *c = &r->changes[i];

		rc = dz_db_x(db, DZ_SQL_DRIFT_CHANGE_INSERT, NULL, NULL, DZ_A_INT(nid),
		    DZ_A_INT(i + 1), DZ_A_STR(dz_drift_kind_code(c->kind)),
		    DZ_A_INT(c->vchcode), DZ_A_STR(c->number),
		    c->date[0] != '\0' ? DZ_A_STR(c->date) : DZ_A_NULL,
		    DZ_A_STR(c->before), DZ_A_STR(c->after),
		    money_arg(c->has_before, c->before_fen, b, sizeof(b)),
		    money_arg(c->has_after, c->after_fen, a, sizeof(a)));
	}
	if (rc == DZ_OK)
		rc = dz_db_x(db, DZ_SQL_DRIFT_SET_STMT, &aff, NULL, DZ_A_STR(result),
		    DZ_A_INT(nid), DZ_A_INT(s->id));
	if (rc == DZ_OK && aff != 1)
		rc = DZ_ERR_GONE;
	if (rc == DZ_OK) {
		snprintf(obj, sizeof(obj), "statement:%lld", s->id);
		snprintf(detail, sizeof(detail), "check %llu %s: %zu changes "
		    "(red %zu, amount %zu, lines %zu, date %zu, draft %zu, deleted %zu, "
		    "new %zu, header %zu)", nid, result, r->nchanges,
		    r->count[DZ_DRIFT_RED], r->count[DZ_DRIFT_AMOUNT],
		    r->count[DZ_DRIFT_LINES], r->count[DZ_DRIFT_DATE],
		    r->count[DZ_DRIFT_DRAFT], r->count[DZ_DRIFT_DELETED],
		    r->count[DZ_DRIFT_NEW], r->count[DZ_DRIFT_HEADER]);
		rc = dz_audit(db, who != NULL ? who->user_id : 0,
		    who != NULL && who->username != NULL ? who->username : "dz-admin",
		    "drift_check", obj, detail, who != NULL && who->ip != NULL ? who->ip : "");
	}
	if (rc == DZ_OK && (rc = dz_db_commit(db)) == DZ_OK) {
		*check_id = (long long)nid;
		return DZ_OK;
	}
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_drift_check(struct dz_db *db, struct dz_erp *erp, const struct dz_erp_target *tg,
    const struct dz_store_stmt *s, const struct dz_actor *who, long long *check_id,
    struct dz_drift_result *res)
{
	struct dz_store_snap	 snap;
	struct dz_drift_result	 r;
	struct dz_drift_now	 now;
	struct erp_now		 e;
	int			 tries;
	enum dz_err		 rc;

	*check_id = 0;
	memset(&r, 0, sizeof(r));
	memset(&e, 0, sizeof(e));
	memset(&snap, 0, sizeof(snap));
	if (res != NULL)
		memset(res, 0, sizeof(*res));
	if (s->status == DZ_STMT_DELETED)
		return DZ_ERR_GONE;
	if ((rc = dz_store_snapshot(db, s->id, &snap)) != DZ_OK)
		return rc;
	if ((rc = erp_read(erp, tg, &snap.sn, &e)) != DZ_OK)
		goto out;
	now.docs = e.dd;
	now.ndocs = e.ndocs;
	now.lines = e.sl;
	now.nlines = e.nlines;
	if ((rc = dz_drift_compare(&snap.sn, &now, dz_drift_types(&snap.sn), &r)) != DZ_OK)
		goto out;
	tries = 0;
	do
		rc = keep_once(db, s, snap.fingerprint, &r, who, check_id);
	while (dz_db_again(db, rc, &tries));
	if (rc == DZ_OK)
		dz_log_info("drift: statement %lld: check %lld, %zu changes, erp %s",
		    s->id, *check_id, r.nchanges, r.fingerprint);
out:
	if (rc == DZ_OK && res != NULL)
		*res = r;
	else
		dz_drift_result_free(&r);
	erp_now_free(&e);
	dz_store_snapshot_free(&snap);
	return rc;
}

