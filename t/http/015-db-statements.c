/*
 * 015-db-statements: every statement of lib/db.c's table is prepared
 * against the migrated schema of deploy/test's MariaDB, and its parameter
 * and result-column counts must be the ones the table declares (the
 * column enums of db.h), so SQL and the C that binds and reads it cannot
 * drift apart. Reads the configuration named by DZ_CONF; without it (no
 * stack) the test skips, like the other http tests.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dz.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "tap.h"

int
main(void)
{
	struct dz_conf	 conf;
	struct dz_db	*db = NULL;
	char		 why[256];
	int		 q;

	if (getenv("DZ_TEST_BASE") == NULL || getenv("DZ_CONF") == NULL)
		skip_all("no test stack (deploy/test sets DZ_TEST_BASE and DZ_CONF)");
	dz_log_init("015-db-statements", "warn");
	if (dz_conf_load(&conf, NULL) != DZ_OK || dz_db_open(&db, &conf) != DZ_OK) {
		plan(1);
		ok(0, "configuration read and store handle made");
		return done_testing();
	}
	plan(DZ_SQL__MAX);
	for (q = 0; q < DZ_SQL__MAX; q++)
		ok(dz_db_check(db, (enum dz_sql)q, why, sizeof(why)) == DZ_OK,
		    "%s", why);
	dz_db_close(db);
	return done_testing();
}
