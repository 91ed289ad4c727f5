/*
 * seal-helper: many users with sealed data addresses at once, for the
 * key-rotation drill (t/http/441). Each user gets an account set of its
 * own whose data address is sealed with the key file's newest key through
 * lib/store_account, as 用户管理 seals one; the users share one password
 * hash (Argon2id a thousand times over would be the test's whole time).
 * Reads the configuration named by DZ_CONF and its key file (root or the
 * program user).
 *
 *   seal-helper N PREFIX DSN       users PREFIX1..PREFIXN (clerks), each
 *                                  on account set PREFIX-i with DSN
 *
 * Exit 0 on success, 1 with a message on stderr otherwise.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "auth.h"
#include "conf.h"
#include "crypt.h"
#include "db.h"
#include "erp.h"
#include "log.h"
#include "store_account.h"

int
main(int argc, char **argv)
{
	struct dz_conf		 conf;
	struct dz_keyring	 keys;
	struct dz_db		*db = NULL;
	struct dz_erp_dsn	 dsn;
	unsigned char		*blob;
	unsigned long long	 id;
	char			 ident[128], name[128], hash[128];
	size_t			 len;
	long			 n, i;

	dz_log_init("seal-helper", "warn");
	if (argc != 4 || (n = atol(argv[1])) <= 0) {
		fprintf(stderr, "usage: seal-helper N PREFIX DSN\n");
		return 1;
	}
	if (dz_conf_load(&conf, NULL) != DZ_OK || dz_db_open(&db, &conf) != DZ_OK ||
	    dz_crypt_key_load(conf.key_file, &keys) != DZ_OK) {
		fprintf(stderr, "seal-helper: no configuration, store or key file\n");
		return 1;
	}
	if (dz_erp_dsn_parse(argv[3], &dsn, NULL, 0) != DZ_OK ||
	    dz_auth_hash(DZ_DEFAULT_PASSWORD, hash, sizeof(hash)) != DZ_OK) {
		fprintf(stderr, "seal-helper: bad data address\n");
		return 1;
	}
	for (i = 1; i <= n; i++) {
		snprintf(ident, sizeof(ident), "%s-%ld", argv[2], i);
		snprintf(name, sizeof(name), "%s%ld", argv[2], i);
		id = 0;
		if (dz_db_x(db, DZ_SQL_ACCTSET_INSERT, NULL, &id, DZ_A_STR(ident),
		    DZ_A_STR(dsn.database), DZ_A_STR("grasp")) != DZ_OK ||
		    dz_store_account_seal(&keys, (long long)id, &dsn, &blob, &len) != DZ_OK) {
			fprintf(stderr, "seal-helper: account set %s failed\n", ident);
			return 1;
		}
		if (dz_db_x(db, DZ_SQL_ACCTSET_SET_DSN, NULL, NULL, DZ_A_BLOB(blob, len),
		    DZ_A_STR("grasp"), DZ_A_INT(id)) != DZ_OK ||
		    dz_db_x(db, DZ_SQL_USER_INSERT, NULL, NULL, DZ_A_STR(name),
		    DZ_A_STR(hash), DZ_A_STR("clerk"), DZ_A_STR("grasp"), DZ_A_INT(id),
		    DZ_A_STR("active"), DZ_A_INT(0)) != DZ_OK) {
			fprintf(stderr, "seal-helper: user %s failed\n", name);
			return 1;
		}
		free(blob);
	}
	dz_wipe(&dsn, sizeof(dsn));
	dz_crypt_key_clear(&keys);
	dz_db_close(db);
	dz_conf_clear(&conf);
	return 0;
}
