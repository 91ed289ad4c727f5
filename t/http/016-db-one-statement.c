/*
 * 016-db-one-statement: a web program's store connection refuses a
 * second statement behind a ';'. The handle is made as lib/app.c makes
 * it (dz_db_open, nothing else), against deploy/test's MariaDB, and a
 * text query "SELECT 1; SELECT 2" must fail there (the server takes it
 * as one statement with a syntax error, since the client did not ask
 * for CLIENT_MULTI_STATEMENTS), while "SELECT 1" alone passes. The same
 * script then passes on a handle made for dz-admin's migrations
 * (dz_db_unbounded), the only path that runs schema files. Reads the
 * configuration named by DZ_CONF; without it (no stack) the test skips.
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

	if (getenv("DZ_TEST_BASE") == NULL || getenv("DZ_CONF") == NULL)
		skip_all("no test stack (deploy/test sets DZ_TEST_BASE and DZ_CONF)");
	/* The refused scripts are logged (db: script: ...) on stderr. */
	dz_log_init("016-db-one-statement", "warn");
	if (dz_conf_load(&conf, NULL) != DZ_OK || dz_db_open(&db, &conf) != DZ_OK) {
		plan(1);
		ok(0, "configuration read and store handle made");
		return done_testing();
	}
	plan(5);
	ok(dz_db_script(db, "SELECT 1") == DZ_OK,
	    "a web program's connection runs one statement");
	ok(dz_db_script(db, "SELECT 1; SELECT 2") != DZ_OK,
	    "a web program's connection refuses \"SELECT 1; SELECT 2\"");
	ok(dz_db_script(db, "DO 1;DO 2") != DZ_OK,
	    "and a second statement with no space after the ';'");
	ok(dz_db_script(db, "SELECT 1") == DZ_OK,
	    "the connection works again after the refusal");
	dz_db_unbounded(db);
	ok(dz_db_script(db, "SELECT 1; SELECT 2") == DZ_OK,
	    "dz-admin's migration handle runs a multi-statement script");
	dz_db_close(db);
	return done_testing();
}
