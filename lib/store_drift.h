/*
 * store_drift.h: ERP drift in the store (issue 15). A check reads again,
 * from the ERP, the documents a statement froze (lib/erp: documents_state,
 * documents_get, the period's goods), compares them with the frozen
 * snapshot (lib/drift) and keeps, in one transaction, the check, its
 * changes, the statement's mark and last check (statements.drift_state,
 * drift_check_id, drift_checked_at; version + 1) and an audit row
 * ("drift_check"). Nothing frozen changes. An ERP failure keeps nothing.
 */
#ifndef DZ_STORE_DRIFT_H
#define DZ_STORE_DRIFT_H

#include <stddef.h>
#include "dz.h"
#include "drift.h"
#include "erp.h"
#include "store.h"

struct _hdf;

/* Changes a page lists of one check (the counts are of all of them). */
#define DZ_DRIFT_SHOWN	200

/*
 * Check statement s (read with dz_store_get) against the ERP of target.
 * who: the clerk (user_id, username, ip), or NULL for the scheduled run.
 * On DZ_OK *check_id is the check kept and, if res is not NULL, *res the
 * comparison (free with dz_drift_result_free). DZ_ERR_GONE: s is
 * deleted; an ERP error (DZ_ERR_ERP*, dz_erp_why says why): nothing kept;
 * DZ_ERR_DB, DZ_ERR_NOMEM, DZ_ERR_INVAL (a row no snapshot can hold).
 * The caller gives the ERP calls their deadline (dz_erp_deadline).
 */
enum dz_err	 dz_drift_check(struct dz_db *, struct dz_erp *,
		    const struct dz_erp_target *, const struct dz_store_stmt *s,
		    const struct dz_actor *who, long long *check_id,
		    struct dz_drift_result *res);

/*
 * The statement's last check into the page's HDF: Drift.{Id, Source, User,
 * Result, State, StmtFp, ErpFp, SameFp, ErpClosing, ErpDocs, Count, At}
 * and Drift.Changes.N.{Kind, KindName, Vchcode, Number, Date, Before,
 * After} (the first DZ_DRIFT_SHOWN). Nothing when never checked.
 */
enum dz_err	 dz_drift_to_hdf(struct dz_db *, struct _hdf *, long long stmt_id);

/*
 * The statements of account set set with ids lo..hi that are marked
 * 'drift' (for the history's cards): *ids malloc'd, ascending.
 */
enum dz_err	 dz_drift_marks(struct dz_db *, long long set, long long lo,
		    long long hi, long long **ids, size_t *n);

/* The account sets with open (not deleted) statements: only set, or all
 * when set is 0. *ids malloc'd. */
enum dz_err	 dz_drift_sets(struct dz_db *, long long set, long long **ids, size_t *n);

/* Open statements of set after id after, ascending, at most max, into ids. */
enum dz_err	 dz_drift_open_ids(struct dz_db *, long long set, long long after,
		    long long *ids, size_t max, size_t *n);

#endif /* DZ_STORE_DRIFT_H */
