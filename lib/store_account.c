/*
 * store_account.c: account sets and their sealed ERP data addresses
 * (store_account.h). The only place that knows how a data address is
 * bound to its row.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "crypt.h"
#include "db.h"
#include "erp.h"
#include "log.h"
#include "store_account.h"

/* The associated data a data address is sealed with: its row. */
static void
dsn_ad(long long set_id, char *buf, size_t bufsz)
{
	snprintf(buf, bufsz, "account_sets.erp_dsn:%lld", set_id);
}

enum dz_err
dz_store_account_unseal(const struct dz_keyring *ring, long long set_id,
    const void *blob, size_t bloblen, struct dz_erp_dsn *dsn)
{
	char		 ad[64], *pt = NULL;
	size_t		 ptlen = 0;
	enum dz_err	 rc;

	memset(dsn, 0, sizeof(*dsn));
	if (blob == NULL || bloblen == 0)
		return DZ_ERR_NOTFOUND;
	/*
	 * A refusal is an event: its row and the key id the blob names, and
	 * nothing of the blob or the address.
	 */
	if (ring == NULL) {
		dz_log_warn("data address of account set %lld not opened: "
		    "no key file loaded", set_id);
		return DZ_ERR_CRYPT;
	}
	dsn_ad(set_id, ad, sizeof(ad));
	rc = dz_crypt_box_open(ring, blob, bloblen, ad, strlen(ad), &pt, &ptlen);
	if (rc != DZ_OK) {
		if (bloblen >= 2)
			dz_log_warn("data address of account set %lld refused: "
			    "key id %u, tag check failed or key unknown", set_id,
			    (unsigned)((const unsigned char *)blob)[1]);
		else
			dz_log_warn("data address of account set %lld refused: "
			    "too short", set_id);
		return rc;
	}
	rc = dz_erp_dsn_parse_stored(pt, dsn);
	dz_wipe(pt, ptlen);
	free(pt);
	return rc;
}

enum dz_err
dz_store_account_seal(const struct dz_keyring *ring, long long set_id,
    const struct dz_erp_dsn *dsn, unsigned char **blob, size_t *bloblen)
{
	char		 full[DZ_ERP_DSN_TEXTSZ], ad[64];
	enum dz_err	 rc;

	*blob = NULL;
	*bloblen = 0;
	if (ring == NULL)
		return DZ_ERR_CRYPT;
	if ((rc = dz_erp_dsn_format_full(dsn, full, sizeof(full))) != DZ_OK)
		return rc;
	dsn_ad(set_id, ad, sizeof(ad));
	rc = dz_crypt_box_seal(ring, full, strlen(full), ad, strlen(ad), blob, bloblen);
	dz_wipe(full, sizeof(full));
	return rc;
}

enum dz_err
dz_store_account_target(struct dz_db *db, const struct dz_keyring *ring,
    long long set_id, char *company, size_t compsz, struct dz_erp_target *target)
{
	struct dz_rows	 rows;
	const char	*v;
	enum dz_err	 rc;

	memset(target, 0, sizeof(*target));
	if (company != NULL && compsz > 0)
		company[0] = '\0';
	if (set_id <= 0)
		return DZ_ERR_NOTFOUND;
	if ((rc = dz_db_q1(db, DZ_SQL_ACCTSET_GET, &rows, DZ_A_INT(set_id))) != DZ_OK)
		return rc;
	if (company != NULL)
		snprintf(company, compsz, "%s",
		    (v = dz_db_cell(&rows, 0, DZ_C_ACCT_COMPANY)) != NULL ? v : "");
	/* A kind too long for the target is no kind (never a cut one). */
	if ((v = dz_db_cell(&rows, 0, DZ_C_ACCT_ERP_KIND)) != NULL && strlen(v) < sizeof(target->kind))
		memcpy(target->kind, v, strlen(v) + 1);
	target->set_id = set_id;
	/* an imported ledger is in this store: no address to open */
	if (dz_erp_kind_imported(target->kind)) {
		dz_db_rows_free(&rows);
		return DZ_OK;
	}
	rc = dz_store_account_unseal(ring, set_id, dz_db_cell(&rows, 0, DZ_C_ACCT_DSN),
	    dz_db_cell_len(&rows, 0, DZ_C_ACCT_DSN), &target->dsn);
	dz_db_rows_free(&rows);
	return rc;
}
