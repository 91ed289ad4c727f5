/*
 * store_account.h: an account set's ERP as the store keeps it: its data
 * address sealed (AES-256-GCM, bound to "account_sets.erp_dsn:<id>", so a
 * blob copied to another row won't open), its ERP kind and company name.
 * What the ERP gateway needs to reach it comes out as one struct
 * dz_erp_target.
 */
#ifndef DZ_STORE_ACCOUNT_H
#define DZ_STORE_ACCOUNT_H

#include <stddef.h>
#include "dz.h"
#include "erp.h"

struct dz_db;
struct dz_keyring;

/*
 * The target of account set set_id: its unsealed data address (the caller
 * wipes it: dz_erp_dsn_wipe(&target->dsn)) and its ERP kind; its company
 * name into company (may be NULL). DZ_ERR_NOTFOUND when there is no such
 * account set or it has no data address stored; DZ_ERR_CRYPT without keys
 * or if the blob does not open; DZ_ERR_DB.
 */
enum dz_err	 dz_store_account_target(struct dz_db *, const struct dz_keyring *,
		    long long set_id, char *company, size_t compsz,
		    struct dz_erp_target *target);

/*
 * Open the sealed data address of account set set_id (account_sets.erp_dsn
 * as stored). *dsn is filled; the caller wipes it with dz_erp_dsn_wipe.
 * DZ_ERR_NOTFOUND if blob is empty, DZ_ERR_CRYPT without keys or if the
 * blob does not open, DZ_ERR_INVAL if what it holds does not parse.
 */
enum dz_err	 dz_store_account_unseal(const struct dz_keyring *, long long set_id,
		    const void *blob, size_t bloblen, struct dz_erp_dsn *dsn);

/*
 * Seal dsn (password included) for account set set_id: *blob is malloc'd
 * (caller frees), ready for account_sets.erp_dsn. DZ_ERR_CRYPT without
 * keys.
 */
enum dz_err	 dz_store_account_seal(const struct dz_keyring *, long long set_id,
		    const struct dz_erp_dsn *dsn, unsigned char **blob, size_t *bloblen);

#endif /* DZ_STORE_ACCOUNT_H */
