/*
 * 084-store-account-seal: an account set's data address sealed for the
 * store opens again for its own row only (lib/store_account): round trip
 * with the password, another row's id refused, no keys or no blob named.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "crypt.h"
#include "erp_dsn.h"
#include "store_account.h"
#include "tap.h"

static const char keytext[] = "1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n";

int
main(void)
{
	struct dz_keyring	 kr;
	struct dz_erp_dsn	 dsn, back;
	unsigned char		*blob = NULL;
	size_t			 n = 0;
	char			 why[128];

	if (dz_crypt_key_parse(keytext, strlen(keytext), &kr) != DZ_OK) {
		skip_all("the test key does not parse");
		return 0;
	}
	is_int(dz_erp_dsn_parse("server=10.0.0.5,1433; uid=sa; pwd=S3cr\xe5\xaf\x86!; "
	    "database=V3993; encrypt=require; ca=/etc/duizhang/erp-ca.pem", &dsn, why,
	    sizeof(why)), DZ_OK, "a data address");
	is_int(dz_store_account_seal(&kr, 42, &dsn, &blob, &n), DZ_OK, "sealed for row 42");
	ok(blob != NULL && n > 0 && memmem(blob, n, "S3cr", 4) == NULL,
	    "the blob does not hold the password in clear");
	is_int(dz_store_account_unseal(&kr, 42, blob, n, &back), DZ_OK, "opens for row 42");
	ok(memcmp(&dsn, &back, sizeof(dsn)) == 0, "the same address, password included");
	dz_erp_dsn_wipe(&back);
	is_int(dz_store_account_unseal(&kr, 43, blob, n, &back), DZ_ERR_CRYPT,
	    "row 43 cannot open row 42's address");
	ok(back.host[0] == '\0' && back.pwd[0] == '\0', "and gets nothing");
	is_int(dz_store_account_unseal(NULL, 42, blob, n, &back), DZ_ERR_CRYPT,
	    "no keys: DZ_ERR_CRYPT");
	is_int(dz_store_account_unseal(&kr, 42, NULL, 0, &back), DZ_ERR_NOTFOUND,
	    "no blob stored: DZ_ERR_NOTFOUND");
	is_int(dz_store_account_seal(NULL, 42, &dsn, &blob, &n), DZ_ERR_CRYPT,
	    "sealing without keys: DZ_ERR_CRYPT");
	free(blob);
	dz_erp_dsn_wipe(&dsn);
	dz_crypt_key_clear(&kr);
	return done_testing();
}
