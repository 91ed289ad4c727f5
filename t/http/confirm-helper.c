/*
 * confirm-helper: what the staff side does to a statement, through the
 * same lib/store calls dz-history makes, for the dz-confirm http tests.
 * Reads the configuration named by DZ_CONF (deploy/test exports it) and
 * its key file (so it runs as root or as the program user).
 *
 *   confirm-helper link SID            a new share link; prints its token
 *   confirm-helper links N SID...      N new links, round robin over the
 *                                      statements; prints each token
 *   confirm-helper act SID ACTION      a staff action (cancel, delete,
 *                                      agree, dispute) on the statement as
 *                                      it is now
 *   confirm-helper revoke SID          revoke every link of the statement
 *   confirm-helper sha256              each token on stdin -> hex SHA-256
 *
 * Exit 0 on success, 1 with a message on stderr otherwise.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dz.h"
#include "conf.h"
#include "changes.h"
#include "crypt.h"
#include "db.h"
#include "log.h"
#include "stmt.h"
#include "store.h"

static const struct dz_actor staff = {
	.user_id = 1, .username = "admin", .ip = "127.0.0.1",
	.user_agent = "confirm-helper",
};

static int
usage(void)
{
	fprintf(stderr, "usage: confirm-helper link SID | links N SID... | "
	    "act SID cancel|delete|agree|dispute | revoke SID | sha256\n");
	return 1;
}

static long long
num(const char *s)
{
	char		*end;
	long long	 v = strtoll(s, &end, 10);

	return *end == '\0' && v > 0 ? v : 0;
}

static int
fail(const char *what, enum dz_err rc)
{
	fprintf(stderr, "confirm-helper: %s: %s\n", what, dz_strerror(rc));
	return 1;
}

static int
sha256_lines(void)
{
	char	line[256], hex[DZ_SHA256_HEXLEN + 1];
	size_t	n;

	while (fgets(line, sizeof(line), stdin) != NULL) {
		n = strcspn(line, "\r\n");
		line[n] = '\0';
		dz_crypt_sha256_hex(line, n, hex);
		printf("%s\n", hex);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct dz_conf		 conf;
	struct dz_keyring	 keys;
	struct dz_db		*db = NULL;
	struct dz_store_stmt	 s;
	struct dz_store_link	 l;
	enum dz_stmt_action	 act;
	enum dz_err		 rc;
	long long		 i, n, sid;
	int			 code = 1, nsid;

	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "sha256") == 0)
		return sha256_lines();
	memset(&keys, 0, sizeof(keys));
	dz_log_init("confirm-helper", "warn");
	if (dz_conf_load(&conf, NULL) != DZ_OK) {
		fprintf(stderr, "confirm-helper: cannot read the configuration (DZ_CONF)\n");
		return 1;
	}
	if (dz_db_open(&db, &conf) != DZ_OK)
		goto out;
	/* Its changes move the host's counter, as the programs' do. */
	if (conf.change_file[0] != '\0' && access(conf.change_file, W_OK) == 0)
		dz_changes_open(conf.change_file);

	if (strcmp(argv[1], "link") == 0 || strcmp(argv[1], "links") == 0) {
		int first = strcmp(argv[1], "link") == 0 ? 2 : 3;

		n = first == 2 ? 1 : (argc > 2 ? num(argv[2]) : 0);
		nsid = argc - first;
		if (n == 0 || nsid < 1) {
			code = usage();
			goto out;
		}
		if ((rc = dz_crypt_key_load(conf.key_file, &keys)) != DZ_OK) {
			code = fail("key file", rc);
			goto out;
		}
		for (i = 0; i < n; i++) {
			sid = num(argv[first + i % nsid]);
			if ((rc = dz_store_get(db, sid, 0, &s)) != DZ_OK) {
				code = fail("statement", rc);
				goto out;
			}
			if ((rc = dz_store_link_new(db, &keys, &s, conf.share_expiry_days,
			    &staff, &l)) != DZ_OK) {
				code = fail("link", rc);
				goto out;
			}
			printf("%s\n", l.token);
			dz_wipe(&l, sizeof(l));
		}
		code = 0;
	} else if (strcmp(argv[1], "act") == 0 && argc == 4) {
		if (strcmp(argv[3], "cancel") == 0)
			act = DZ_ACT_CANCEL;
		else if (strcmp(argv[3], "delete") == 0)
			act = DZ_ACT_DELETE;
		else if (strcmp(argv[3], "agree") == 0)
			act = DZ_ACT_AGREE;
		else if (strcmp(argv[3], "dispute") == 0)
			act = DZ_ACT_DISPUTE;
		else {
			code = usage();
			goto out;
		}
		if ((rc = dz_store_get(db, num(argv[2]), 0, &s)) != DZ_OK) {
			code = fail("statement", rc);
			goto out;
		}
		if ((rc = dz_store_act(db, &s, act, 0, NULL, "由测试记录", &staff)) != DZ_OK) {
			code = fail(argv[3], rc);
			goto out;
		}
		code = 0;
	} else if (strcmp(argv[1], "revoke") == 0 && argc == 3) {
		if ((rc = dz_store_get(db, num(argv[2]), 0, &s)) != DZ_OK) {
			code = fail("statement", rc);
			goto out;
		}
		if ((rc = dz_store_link_revoke(db, &s, &staff)) != DZ_OK) {
			code = fail("revoke", rc);
			goto out;
		}
		code = 0;
	} else
		code = usage();
out:
	fflush(stdout);
	dz_crypt_key_clear(&keys);
	dz_db_close(db);
	dz_conf_clear(&conf);
	return code;
}
