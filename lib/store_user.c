/*
 * store_user.c: saving a user and the account set their data address
 * reaches, as 用户管理 does (reading them is store_list.c's). A data address
 * is sealed here (AES-256-GCM, bound to its account_sets row, through
 * store_account): screens see the parsed address, never the blob.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "erp.h"
#include "store.h"
#include "store_import.h"
#include "store_account.h"

/*
 * Find or make the account set the address reaches, and seal the address
 * into it. Until the ERP names the company (测试连接), the database stands
 * in for it.
 */
static enum dz_err
bind_account_set(struct dz_db *db, const struct dz_keyring *keys,
    const struct dz_erp_dsn *dsn, const char *kind, long long *set_id)
{
	struct dz_rows		 rows;
	char			 ident[DZ_ERP_DSN_TEXTSZ];
	unsigned char		*blob = NULL;
	size_t			 bloblen;
	unsigned long long	 id = 0;
	enum dz_err		 rc;

	if (keys == NULL)
		return DZ_ERR_CRYPT;
	if ((rc = dz_erp_dsn_identity(dsn, ident, sizeof(ident))) != DZ_OK)
		return rc;
	if ((rc = dz_db_q(db, DZ_SQL_ACCTSET_BY_IDENTITY, &rows, DZ_A_STR(ident))) != DZ_OK)
		return rc;
	if (rows.nrows == 1)
		id = (unsigned long long)dz_db_cell_int(&rows, 0, DZ_C_ID);
	dz_db_rows_free(&rows);
	if (id == 0 && (rc = dz_db_x(db, DZ_SQL_ACCTSET_INSERT, NULL, &id,
	    DZ_A_STR(ident), DZ_A_STR(dsn->database), DZ_A_STR(kind))) != DZ_OK)
		return rc;
	if ((rc = dz_store_account_seal(keys, (long long)id, dsn, &blob, &bloblen)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_ACCTSET_SET_DSN, NULL, NULL, DZ_A_BLOB(blob, bloblen),
	    DZ_A_STR(kind), DZ_A_INT(id));
	free(blob);
	*set_id = (long long)id;
	return rc;
}

/* The user's row: a new one, or the one the form showed (version). */
static enum dz_err
user_row(struct dz_db *db, const struct dz_store_user_save *in, long long set_id,
    long long *id)
{
	unsigned long long	 aff = 0, newid = 0;
	enum dz_err		 rc;

	if (in->id == 0) {
		rc = dz_db_x(db, DZ_SQL_USER_INSERT, NULL, &newid, DZ_A_STR(in->username),
		    DZ_A_STR(in->hash != NULL ? in->hash : ""), DZ_A_STR(in->role),
		    DZ_A_STR(in->erp_kind), set_id != 0 ? DZ_A_INT(set_id) : DZ_A_NULL,
		    DZ_A_STR(in->status), DZ_A_INT(1));
		*id = (long long)newid;
		return rc;
	}
	*id = in->id;
	rc = dz_db_x(db, DZ_SQL_USER_UPDATE, &aff, NULL, DZ_A_STR(in->username),
	    DZ_A_STR(in->role), DZ_A_STR(in->erp_kind),
	    set_id != 0 ? DZ_A_INT(set_id) : DZ_A_NULL, DZ_A_STR(in->status),
	    DZ_A_INT(in->id), DZ_A_INT(in->version));
	if (rc == DZ_OK && aff == 0)
		return DZ_ERR_CONFLICT;
	/* A password set by an admin is changed at the next sign-in. */
	if (rc == DZ_OK && in->hash != NULL)
		rc = dz_auth_set_hash(db, in->id, in->hash, 1);
	if (rc == DZ_OK && in->end_sessions)
		rc = dz_auth_kill_user(db, in->id);
	return rc;
}

enum dz_err
dz_store_user_save(struct dz_db *db, const struct dz_keyring *keys,
    const struct dz_store_user_save *in, const struct dz_actor *who, long long *id,
    int *taken)
{
	long long	 set_id = in->keep_set;
	enum dz_err	 rc;

	*taken = 0;
	*id = 0;
	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	if (in->dsn != NULL &&
	    (rc = bind_account_set(db, keys, in->dsn, in->erp_kind, &set_id)) != DZ_OK)
		goto fail;
	if (in->dsn == NULL && in->import_set != NULL &&
	    (rc = dz_store_import_set(db, in->import_set, &set_id)) != DZ_OK)
		goto fail;
	if ((rc = user_row(db, in, set_id, id)) != DZ_OK) {
		if (dz_db_dup_key(db)) {
			*taken = 1;
			rc = DZ_ERR_INVAL;
		}
		goto fail;
	}
	if ((rc = dz_audit(db, who->user_id, who->username, in->id == 0 ?
	    "user_create" : "user_update", in->username, in->detail, who->ip)) != DZ_OK)
		goto fail;
	return dz_db_commit(db);
fail:
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_store_account_named(struct dz_db *db, long long set_id, const char *company)
{
	return dz_db_x(db, DZ_SQL_ACCTSET_SET_COMPANY, NULL, NULL, DZ_A_STR(company),
	    DZ_A_INT(set_id));
}
