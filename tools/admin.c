/*
 * dz-admin: the operator's tool.
 *
 *   dz-admin [-c CONF] init-key                 create the key file (0400) if missing
 *   dz-admin [-c CONF] migrate                  apply pending schema/NNN_*.sql; first run
 *                                               also creates admin / 123456
 *   dz-admin [-c CONF] create-user NAME --role admin|clerk|viewer   (password on stdin)
 *   dz-admin [-c CONF] reset-password NAME      (password on stdin; must change at sign-in)
 *   dz-admin [-c CONF] rotate-key [--limit N]   add a key and reseal every data address
 *                                               with it (an unfinished rotation is
 *                                               finished instead: no second key)
 *   dz-admin [-c CONF] reseal [--limit N]       reseal with the newest key what is
 *                                               sealed with an older one (at most N)
 *   dz-admin [-c CONF] retire-key ID            take key ID out of the key file; refused
 *                                               while a data address or a live share
 *                                               link still needs it
 *   dz-admin [-c CONF] backup FILE              a consistent dump of the store, taken while
 *                                               the site runs (no sessions; not the key file)
 *   dz-admin [-c CONF] restore FILE             replace the store with a checked dump;
 *                                               everyone is signed out
 *   dz-admin [-c CONF] verify [--account-set ID]  every statement's fingerprint recomputed
 *                                               from its stored documents and goods
 *   dz-admin [-c CONF] month-run [--run ID] [--schedule [--date D]] [--delay-ms N]
 *                                               work 月结's bulk runs (tools/monthrun.c)
 *   dz-admin [-c CONF] drift [--account-set ID] [--limit N]
 *                                               ERP drift: every open statement (of one
 *                                               account set, at most N of each) checked
 *                                               against its ERP again (lib/store_drift),
 *                                               one connection per account set; a failing
 *                                               one is said and the run goes on
 *   dz-admin [-c CONF] notify [--once]          send the notices due out (企业微信 robot,
 *                                               mail); --once: one pass, else every 10 s
 *   dz-admin [-c CONF] import-set NAME [--user USER]...
 *                                               the account set of the kind 导入 named
 *                                               NAME (made if missing); USER works in it
 *   dz-admin [-c CONF] import --account-set ID [--user USER] FILE...
 *                                               template files checked and stored in one
 *                                               transaction (tools/import.c)
 *
 * backup and restore run MariaDB's client tools: tools/dump.c says why.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dz.h"
#include "audit.h"
#include "auth.h"
#include "changes.h"
#include "conf.h"
#include "crypt.h"
#include "db.h"
#include "form.h"
#include "log.h"
#include "store.h"
#include "dump.h"
#include "monthrun.h"
#include "import_cmd.h"
#include "erp.h"
#include "store_account.h"
#include "store_drift.h"
#include "notify.h"
#include "notify_send.h"
#include "store_notify.h"

static void
usage(void)
{
	fprintf(stderr, "usage: dz-admin [-c conf] init-key | migrate | "
	    "create-user NAME --role admin|clerk|viewer | reset-password NAME | "
	    "rotate-key [--limit N] | reseal [--limit N] | retire-key ID | backup FILE | restore FILE | verify [--account-set ID] | "
	    "month-run [--run ID] [--schedule [--date D]] [--delay-ms N] | "
	    "drift [--account-set ID] [--limit N] | notify [--once] | "
	    "import-set NAME [--user USER]... | import --account-set ID [--user USER] FILE...\n");
}

/*
 * The key's folder: made 0700 if missing; one that others may enter is
 * said (the key belongs alone in a folder of the programs' user).
 */
static void
key_dir(const char *key)
{
	struct stat	 st;
	char		 dir[512];
	char		*slash;

	snprintf(dir, sizeof(dir), "%s", key);
	if ((slash = strrchr(dir, '/')) == NULL || slash == dir)
		return;
	*slash = '\0';
	if (stat(dir, &st) == -1 && errno == ENOENT && mkdir(dir, 0700) == 0)
		printf("created the key's folder %s (0700)\n", dir);
	else if (stat(dir, &st) == 0 && (st.st_mode & 077) != 0)
		fprintf(stderr, "dz-admin: warning: the key's folder %s is open to "
		    "others (mode %03o): keep the key alone in a 0700 folder\n", dir,
		    (unsigned)(st.st_mode & 0777));
}

static int
init_key(const struct dz_conf *c)
{
	key_dir(c->key_file);
	if (access(c->key_file, F_OK) == 0) {
		printf("key file %s exists\n", c->key_file);
		return 0;
	}
	if (dz_crypt_key_create(c->key_file) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot create %s\n", c->key_file);
		return 1;
	}
	printf("created key file %s\n", c->key_file);
	return 0;
}

/* The id of the newest key in the key file (it seals); 0 said. */
static unsigned int
newest_key(const struct dz_conf *c)
{
	struct dz_keyring	 kr;
	unsigned int		 id = 0;
	size_t			 i;

	if (dz_crypt_key_load(c->key_file, &kr) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot load the key file %s\n", c->key_file);
		return 0;
	}
	for (i = 0; i < kr.n; i++)
		if (kr.keys[i].id > id)
			id = kr.keys[i].id;
	dz_crypt_key_clear(&kr);
	return id;
}

/*
 * Reseal with the newest key every data address sealed with an older one,
 * at most limit (0: all). Each row is its own change, written only over
 * the blob it read: killed midway, a second run goes on where this one
 * stopped, and an address edited meanwhile (sealed by the site, with the
 * newest key its workers load) is left as it is. *done: rows resealed;
 * 1 if any row did not open (named, left on its key).
 */
static int
reseal(struct dz_db *db, const struct dz_conf *c, long long limit, long long *done)
{
	struct dz_keyring	 kr;
	struct dz_rows		 rows;
	struct dz_erp_dsn	 dsn;
	unsigned char		*blob;
	const unsigned char	*old;
	unsigned long long	 aff;
	unsigned int		 newest;
	long long		 after = 0, id, bad = 0, batch;
	size_t			 i, len;
	int			 rc = 1;

	*done = 0;
	if ((newest = newest_key(c)) == 0 ||
	    dz_crypt_key_load(c->key_file, &kr) != DZ_OK)
		return 1;
	for (;;) {
		batch = limit > 0 && limit - *done < 100 ? limit - *done : 100;
		if (batch <= 0)
			break;
		if (dz_db_q(db, DZ_SQL_KEY_SEALED, &rows, DZ_A_INT(newest), DZ_A_INT(after),
		    DZ_A_INT(batch)) != DZ_OK) {
			fprintf(stderr, "dz-admin: cannot read the account sets\n");
			goto out;
		}
		if (rows.nrows == 0) {
			dz_db_rows_free(&rows);
			break;
		}
		for (i = 0; i < rows.nrows; i++) {
			after = id = dz_db_cell_int(&rows, i, DZ_C_SEALED_ID);
			old = (const unsigned char *)dz_db_cell(&rows, i, DZ_C_SEALED_DSN);
			len = dz_db_cell_len(&rows, i, DZ_C_SEALED_DSN);
			if (dz_store_account_unseal(&kr, id, old, len, &dsn) != DZ_OK) {
				printf("account set %lld: its data address (key id %u) does "
				    "not open: left as it is\n", id, (unsigned)old[1]);
				bad++;
				continue;
			}
			aff = 0;
			if (dz_store_account_seal(&kr, id, &dsn, &blob, &len) != DZ_OK ||
			    dz_db_x(db, DZ_SQL_KEY_RESEAL, &aff, NULL, DZ_A_BLOB(blob, len),
			    DZ_A_INT(id), DZ_A_BLOB(old, dz_db_cell_len(&rows, i,
			    DZ_C_SEALED_DSN))) != DZ_OK) {
				dz_wipe(&dsn, sizeof(dsn));
				free(blob);
				dz_db_rows_free(&rows);
				fprintf(stderr, "dz-admin: cannot reseal account set %lld\n", id);
				goto out;
			}
			dz_wipe(&dsn, sizeof(dsn));
			free(blob);
			if (aff == 1)
				(*done)++;
		}
		dz_db_rows_free(&rows);
	}
	printf("resealed %lld data address(es) with key %u", *done, newest);
	if (bad > 0)
		printf("; %lld do not open and stay on their key", bad);
	printf("\n");
	/* then the channels' secrets (通知设置), once the addresses are done */
	if (limit == 0 || *done < limit) {
		long long	ndone = 0, nbad = 0;

		if (dz_store_notify_reseal(db, &kr, newest, &ndone, &nbad) != DZ_OK) {
			fprintf(stderr, "dz-admin: cannot reseal the notification secrets\n");
			goto out;
		}
		if (ndone > 0 || nbad > 0)
			printf("resealed %lld notification secret(s) with key %u%s\n", ndone,
			    newest, nbad > 0 ? "; some do not open and stay on their key" : "");
		bad += nbad;
	}
	rc = bad > 0 ? 1 : 0;
out:
	dz_crypt_key_clear(&kr);
	return rc;
}

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Add a key, then reseal with it. If an earlier rotation was stopped
 * (rows still on an older key), that one is finished instead of adding
 * another key: running it again is safe.
 */
static int
rotate_key(struct dz_db *db, const struct dz_conf *c, long long limit)
{
	struct dz_rows	 rows;
	unsigned int	 newest;
	long long	 done = 0;
	double		 t0 = now_s();
	int		 rc;

	if ((newest = newest_key(c)) == 0)
		return 1;
	if (dz_db_q(db, DZ_SQL_KEY_SEALED, &rows, DZ_A_INT(newest), DZ_A_INT(0),
	    DZ_A_INT(1)) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot read the account sets\n");
		return 1;
	}
	if (rows.nrows > 0)
		printf("an earlier rotation to key %u is unfinished: finishing it\n", newest);
	else if (dz_crypt_key_add(c->key_file) != DZ_OK) {
		dz_db_rows_free(&rows);
		fprintf(stderr, "dz-admin: cannot add a key to %s\n", c->key_file);
		return 1;
	} else
		printf("added key %u to %s; the programs seal with it from their "
		    "next request\n", newest + 1, c->key_file);
	dz_db_rows_free(&rows);
	rc = reseal(db, c, limit, &done);
	if (rc == 0)
		dz_audit(db, 0, "dz-admin", "key_rotate", "key", NULL, "");
	printf("rotation took %.2f s\n", now_s() - t0);
	return rc;
}

/* Take a key out once nothing needs it (rows resealed, links expired). */
static int
retire_key(struct dz_db *db, const struct dz_conf *c, long long id)
{
	struct dz_rows	 rows;
	long long	 sets, links;
	enum dz_err	 e;

	if (id < 1 || id > 255) {
		usage();
		return 2;
	}
	if (dz_db_q(db, DZ_SQL_KEY_USE, &rows, DZ_A_INT(id), DZ_A_INT(id), DZ_A_INT(id)) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot read the store\n");
		return 1;
	}
	sets = dz_db_cell_int(&rows, 0, DZ_C_KUSE_SETS);
	links = dz_db_cell_int(&rows, 0, DZ_C_KUSE_LINKS);
	dz_db_rows_free(&rows);
	if (sets > 0 || links > 0) {
		fprintf(stderr, "dz-admin: key %lld is still needed by %lld data "
		    "address(es) or notification secret(s) (run dz-admin reseal) and %lld live share link(s) "
		    "(they need it until they expire or are revoked); not retired\n",
		    id, sets, links);
		return 1;
	}
	if ((e = dz_crypt_key_drop(c->key_file, (unsigned int)id)) != DZ_OK) {
		fprintf(stderr, "dz-admin: key %lld not retired: %s\n", id,
		    e == DZ_ERR_NOTFOUND ? "no such key" : e == DZ_ERR_INVAL ?
		    "it is the newest key, the one that seals" : "cannot write the key file");
		return 1;
	}
	dz_audit(db, 0, "dz-admin", "key_retire", "key", NULL, "");
	printf("retired key %lld from %s\n", id, c->key_file);
	return 0;
}

/* --limit N after a command, or none (0: no limit); -1 if malformed. */
static long long
limit_arg(int argc, char **argv, int i)
{
	if (argc == i + 1)
		return 0;
	if (argc == i + 3 && strcmp(argv[i + 1], "--limit") == 0 && atoll(argv[i + 2]) > 0)
		return atoll(argv[i + 2]);
	return -1;
}

static char *
slurp(const char *path)
{
	FILE	*f;
	char	*buf = NULL;
	long	 n;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else
			buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

static int
cmpname(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
is_migration(const struct dirent *d)
{
	size_t	n = strlen(d->d_name);

	return n > 8 && d->d_name[0] >= '0' && d->d_name[0] <= '9' &&
	    d->d_name[1] >= '0' && d->d_name[1] <= '9' &&
	    d->d_name[2] >= '0' && d->d_name[2] <= '9' && d->d_name[3] == '_' &&
	    strcmp(d->d_name + n - 4, ".sql") == 0;
}

static int
applied(const struct dz_rows *rows, long v)
{
	size_t	i;

	for (i = 0; i < rows->nrows; i++)
		if (dz_db_cell_int(rows, i, DZ_C_ID) == v)
			return 1;
	return 0;
}

static int
seed_admin(struct dz_db *db)
{
	struct dz_rows	rows;
	char		hash[128];
	long long	n;

	if (dz_db_query(db, DZ_SQL_USER_COUNT, NULL, 0, &rows) != DZ_OK)
		return 1;
	n = dz_db_cell_int(&rows, 0, DZ_C_COUNT_N);
	dz_db_rows_free(&rows);
	if (n > 0)
		return 0;
	if (dz_auth_hash(DZ_DEFAULT_PASSWORD, hash, sizeof(hash)) != DZ_OK)
		return 1;
	if (dz_db_x(db, DZ_SQL_USER_INSERT, NULL, NULL, DZ_A_STR("admin"),
	    DZ_A_STR(hash), DZ_A_STR("admin"), DZ_A_STR(""), DZ_A_NULL,
	    DZ_A_STR("active"), DZ_A_INT(1)) != DZ_OK)
		return 1;
	dz_audit(db, 0, "dz-admin", "user_create", "admin", "first set-up", "");
	printf("created user admin with password 123456 (must change at first sign-in)\n");
	return 0;
}

/* The shipped migrations, in order (free with migrations_free); -1 said. */
static int
migrations(const struct dz_conf *c, struct dirent ***ents)
{
	char	dir[512];
	int	n;

	*ents = NULL;
	snprintf(dir, sizeof(dir), "%s/schema", c->data_dir);
	if ((n = scandir(dir, ents, is_migration, cmpname)) < 0)
		fprintf(stderr, "dz-admin: %s: %s\n", dir, strerror(errno));
	return n;
}

static void
migrations_free(struct dirent **ents, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
}

static int
migrate(struct dz_db *db, const struct dz_conf *c)
{
	struct dz_rows	  rows;
	struct dirent	**ents = NULL;
	char		  path[800];
	char		 *sql;
	int		  n, i, rc = 1, done = 0;
	long		  v;

	if (dz_db_exec(db, DZ_SQL_MIGRATION_TABLE, NULL, 0, NULL, NULL) != DZ_OK ||
	    dz_db_query(db, DZ_SQL_MIGRATION_LIST, NULL, 0, &rows) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot reach the database\n");
		return 1;
	}
	if ((n = migrations(c, &ents)) < 0)
		goto out;
	for (i = 0; i < n; i++) {
		v = strtol(ents[i]->d_name, NULL, 10);
		if (applied(&rows, v))
			continue;
		snprintf(path, sizeof(path), "%s/schema/%s", c->data_dir, ents[i]->d_name);
		if ((sql = slurp(path)) == NULL) {
			fprintf(stderr, "dz-admin: cannot read %s\n", path);
			goto out;
		}
		if (dz_db_script(db, sql) != DZ_OK) {
			free(sql);
			fprintf(stderr, "dz-admin: %s failed\n", ents[i]->d_name);
			goto out;
		}
		free(sql);
		if (dz_db_x(db, DZ_SQL_MIGRATION_INSERT, NULL, NULL, DZ_A_INT(v),
		    DZ_A_STR(ents[i]->d_name)) != DZ_OK)
			goto out;
		printf("applied %s\n", ents[i]->d_name);
		done++;
	}
	if (done == 0)
		printf("schema is up to date\n");
	rc = seed_admin(db);
out:
	migrations_free(ents, n);
	dz_db_rows_free(&rows);
	return rc;
}

/* One line from stdin, without its newline. */
static int
read_password(char *buf, size_t sz)
{
	size_t	n;

	if (isatty(0))
		fprintf(stderr, "password: ");
	if (fgets(buf, (int)sz, stdin) == NULL) {
		buf[0] = '\0';
		return 0;
	}
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return 0;
}

long long
dz_admin_user_id(struct dz_db *db, const char *name)
{
	struct dz_rows	rows;
	long long	id = 0;

	if (dz_db_q(db, DZ_SQL_USER_BY_NAME, &rows, DZ_A_STR(name)) != DZ_OK)
		return -1;
	if (rows.nrows == 1)
		id = dz_db_cell_int(&rows, 0, DZ_C_LOGIN_ID);
	dz_db_rows_free(&rows);
	return id;
}

static int
create_user(struct dz_db *db, const char *name, const char *role)
{
	char		 pw[DZ_PASSWORD_MAX + 2], hash[128];
	const char	*why;
	int		 must = 0;

	if (dz_auth_role_parse(role) < 0 || *name == '\0' || strlen(name) > 32 ||
	    !dz_utf8_valid(name, strlen(name))) {
		usage();
		return 2;
	}
	read_password(pw, sizeof(pw));
	if (pw[0] == '\0') {
		strcpy(pw, DZ_DEFAULT_PASSWORD);
		must = 1;
	} else if (dz_auth_check_new(pw, &why) != DZ_OK) {
		fprintf(stderr, "dz-admin: %s\n", why);
		return 1;
	}
	if (dz_auth_hash(pw, hash, sizeof(hash)) != DZ_OK)
		return 1;
	dz_wipe(pw, sizeof(pw));
	if (dz_db_x(db, DZ_SQL_USER_INSERT, NULL, NULL, DZ_A_STR(name), DZ_A_STR(hash),
	    DZ_A_STR(role), DZ_A_STR(""), DZ_A_NULL, DZ_A_STR("active"),
	    DZ_A_INT(must)) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot create %s%s\n", name,
		    dz_db_dup_key(db) ? ": the name is taken" : "");
		return 1;
	}
	dz_audit(db, 0, "dz-admin", "user_create", name, role, "");
	printf("created user %s (%s)\n", name, role);
	return 0;
}

static int
reset_password(struct dz_db *db, const char *name)
{
	char		 pw[DZ_PASSWORD_MAX + 2];
	long long	 id;
	int		 rc;

	if ((id = dz_admin_user_id(db, name)) <= 0) {
		fprintf(stderr, "dz-admin: no user %s\n", name);
		return 1;
	}
	read_password(pw, sizeof(pw));
	if (pw[0] == '\0')
		strcpy(pw, DZ_DEFAULT_PASSWORD);
	rc = dz_auth_set_password(db, id, pw, 1) == DZ_OK &&
	    dz_auth_kill_user(db, id) == DZ_OK ? 0 : 1;
	dz_wipe(pw, sizeof(pw));
	if (rc == 0) {
		dz_audit(db, 0, "dz-admin", "password_reset", name, NULL, "");
		printf("password of %s reset; it must be changed at the next sign-in\n", name);
	}
	return rc;
}

static int
backup(const struct dz_conf *c, const char *file)
{
	struct dump_facts	f;

	umask(077);
	if (dump_backup(c, file, &f) != 0) {
		fprintf(stderr, "dz-admin: no backup made; %s is as it was\n", file);
		return 1;
	}
	printf("backed up the store to %s: %lld bytes, %zu tables, schema %s; "
	    "sessions are not in it, nor is the key file %s (keep a copy of it "
	    "apart, offline)\n", file, (long long)f.size, f.ntables, f.name,
	    c->key_file);
	return 0;
}

/*
 * Replace the store with the dump in file: checked whole first (complete,
 * a duizhang store's, of this installation's schema or an older one), then
 * loaded by the mariadb client over the store's tables; then brought up
 * to this installation's schema, everyone signed out, and the programs
 * on this host told the store is another (the epoch, lib/changes.h).
 */
static int
restore(struct dz_db *db, const struct dz_conf *c, const char *file)
{
	struct dump_facts	  f;
	struct dz_rows		  tables;
	struct dirent		**ents = NULL;
	char			**names = NULL, **drop = NULL;
	char			  detail[400];
	const char		 *base;
	int			  n, fd = -1, rc = 1;
	size_t			  i;

	memset(&tables, 0, sizeof(tables));
	if ((n = migrations(c, &ents)) < 0)
		return 1;
	if ((names = calloc((size_t)n + 1, sizeof(*names))) == NULL)
		goto out;
	for (i = 0; i < (size_t)n; i++)
		names[i] = ents[i]->d_name;
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) == -1) {
		fprintf(stderr, "dz-admin: %s: %s\n", file, strerror(errno));
		goto out;
	}
	if (dump_check(fd, file, names, (size_t)n, &f) != 0) {
		fprintf(stderr, "dz-admin: nothing restored; the store is as it was\n");
		goto out;
	}
	/* All that is read of the store is read before any of it is dropped. */
	if (dz_db_query(db, DZ_SQL_STORE_TABLES, NULL, 0, &tables) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot reach the database; nothing restored\n");
		goto out;
	}
	if ((drop = calloc(tables.nrows + 1, sizeof(*drop))) == NULL)
		goto out;
	for (i = 0; i < tables.nrows; i++)
		drop[i] = (char *)dz_db_cell(&tables, i, DZ_C_NAME);
	/* Our connection then holds nothing of the old tables, and what
	 * follows (the migrations) runs without the programs' time bounds. */
	dz_db_unbounded(db);
	if (dump_load(c, fd, drop, tables.nrows) != 0) {
		dz_changes_new_epoch();
		fprintf(stderr, "dz-admin: the restore failed part way: the store may "
		    "hold part of %s; run the same restore again\n", file);
		goto out;
	}
	if (dz_db_exec(db, DZ_SQL_SESSION_DELETE_ALL, NULL, 0, NULL, NULL) != DZ_OK ||
	    migrate(db, c) != 0) {
		dz_changes_new_epoch();
		fprintf(stderr, "dz-admin: %s is loaded, but the sessions or the "
		    "migrations after it failed: run dz-admin migrate\n", file);
		goto out;
	}
	base = strrchr(file, '/') != NULL ? strrchr(file, '/') + 1 : file;
	snprintf(detail, sizeof(detail), "%.120s, schema %s, %lld bytes", base, f.name,
	    (long long)f.size);
	if (dz_audit(db, 0, "dz-admin", "store_restore", "store", detail, "") != DZ_OK)
		fprintf(stderr, "dz-admin: warning: the audit row was not written\n");
	/* Last: a page drawn during the load is kept under the old epoch. */
	dz_changes_new_epoch();
	printf("restored the store from %s (schema %s); everyone is signed out\n",
	    file, f.name);
	if (dz_changes_epoch() == 0)
		printf("no change file (Cache.ChangeFile) was open: restart the "
		    "programs, so that they forget what they kept of the old store\n");
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	free(drop);
	dz_db_rows_free(&tables);
	free(names);
	migrations_free(ents, n);
	return rc;
}

/*
 * Every statement's fingerprint (of one account set, or all) recomputed
 * from its stored documents and goods: each that does not match is named.
 * 0 when all match; 1 on a mismatch or a failure.
 */
static int
verify(struct dz_db *db, long long set)
{
	long long	 ids[512], after = 0;
	char		 stored[DZ_STMT_FP_HEXLEN + 1], computed[DZ_STMT_FP_HEXLEN + 1];
	size_t		 n, i, total = 0, bad = 0;
	enum dz_err	 rc;

	do {
		if (dz_store_stmt_ids(db, set, after, ids, DZ_NELEM(ids), &n) != DZ_OK) {
			fprintf(stderr, "dz-admin: cannot reach the database\n");
			return 1;
		}
		for (i = 0; i < n; i++) {
			after = ids[i];
			total++;
			rc = dz_store_fingerprint(db, ids[i], stored, computed);
			if (rc == DZ_OK && strcmp(stored, computed) == 0)
				continue;
			bad++;
			if (rc == DZ_OK)
				printf("statement %lld: does not match: stored %s, its "
				    "documents and goods give %s\n", ids[i], stored, computed);
			else if (rc == DZ_ERR_INVAL)
				printf("statement %lld: does not match: a stored document "
				    "or line no statement can hold\n", ids[i]);
			else if (rc == DZ_ERR_NOTFOUND)
				printf("statement %lld: its header is gone\n", ids[i]);
			else {
				fprintf(stderr, "dz-admin: cannot read statement %lld\n", ids[i]);
				return 1;
			}
		}
	} while (n == DZ_NELEM(ids));
	printf("%zu statements: %zu match, %zu do not\n", total, total - bad, bad);
	return bad > 0 ? 1 : 0;
}

/*
 * ERP drift, scheduled (deploy/systemd/duizhang-drift.timer, or cron):
 * every open statement of every account set (or of one; at most limit of
 * each, 0: all) checked again against its ERP, through one gateway and so
 * one cached connection per account set. A statement or an account set
 * that fails is said and the run goes on. 0 when every check was made; 1
 * when any failed.
 */
static int
drift(struct dz_db *db, const struct dz_conf *c, long long only, long long limit)
{
	struct dz_keyring	 kr;
	struct dz_erp		*erp = NULL;
	struct dz_erp_target	 tg;
	struct dz_store_stmt	 s;
	struct dz_drift_result	 res;
	long long		*sets = NULL, ids[256], after;
	char			 dir[300];
	size_t			 nsets = 0, k, n, i;
	size_t			 total = 0, ok = 0, drifted = 0, failed = 0, setfail = 0;
	long long		 cid, done;
	enum dz_err		 rc;

	if (dz_crypt_key_load(c->key_file, &kr) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot load the key file %s\n", c->key_file);
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/erp", c->data_dir);
	if (dz_erp_init(&erp, dir, c->erp_login_timeout, c->erp_query_timeout) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot set up the ERP gateway (profiles in %s)\n", dir);
		dz_crypt_key_clear(&kr);
		return 1;
	}
	dz_erp_store(erp, db);
	if (dz_drift_sets(db, only, &sets, &nsets) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot reach the database\n");
		nsets = 0;
		setfail++;
	}
	for (k = 0; k < nsets; k++) {
		memset(&tg, 0, sizeof(tg));
		if ((rc = dz_store_account_target(db, &kr, sets[k], NULL, 0, &tg)) != DZ_OK) {
			printf("account set %lld: no data address to reach its ERP (%s)\n",
			    sets[k], dz_strerror(rc));
			setfail++;
			continue;
		}
		after = 0;
		done = 0;
		do {
			size_t	want = DZ_NELEM(ids);

			if (limit > 0 && (long long)want > limit - done)
				want = (size_t)(limit - done);
			if (want == 0 ||
			    dz_drift_open_ids(db, sets[k], after, ids, want, &n) != DZ_OK) {
				n = 0;
				break;
			}
			for (i = 0; i < n; i++) {
				after = ids[i];
				done++;
				total++;
				if (dz_store_get(db, ids[i], sets[k], &s) != DZ_OK) {
					failed++;
					continue;
				}
				dz_erp_deadline(erp, c->erp_query_timeout);
				rc = dz_drift_check(db, erp, &tg, &s, NULL, &cid, &res);
				dz_erp_deadline(erp, 0);
				if (rc == DZ_OK) {
					if (res.nchanges > 0) {
						drifted++;
						printf("statement %lld (account set %lld): ERP changed: "
						    "%zu changes (check %lld)\n", ids[i], sets[k],
						    res.nchanges, cid);
					} else
						ok++;
					dz_drift_result_free(&res);
					continue;
				}
				failed++;
				printf("statement %lld (account set %lld): not checked: %s%s%s\n",
				    ids[i], sets[k], dz_strerror(rc),
				    *dz_erp_why(erp) != '\0' ? ": " : "", dz_erp_why(erp));
				/* an ERP that cannot be reached fails the same way for
				 * every statement: on to the next account set */
				if (rc == DZ_ERR_ERP_CONNECT || rc == DZ_ERR_ERP_TIMEOUT ||
				    rc == DZ_ERR_ERP_LOGIN || rc == DZ_ERR_ERP_NODB) {
					printf("account set %lld: its ERP is not reachable: "
					    "its other statements are left for the next run\n",
					    sets[k]);
					setfail++;
					n = 0;
					break;
				}
			}
		} while (n == DZ_NELEM(ids) && (limit == 0 || done < limit));
		dz_erp_dsn_wipe(&tg.dsn);
		dz_erp_idle(erp, 1);
	}
	printf("drift: %zu account sets, %zu statements: %zu unchanged, %zu changed, "
	    "%zu not checked; %zu account sets failed\n", nsets, total, ok, drifted,
	    failed, setfail);
	free(sets);
	dz_erp_free(erp);
	dz_crypt_key_clear(&kr);
	return failed > 0 || setfail > 0 ? 1 : 0;
}

/* Open fds 0-2 on /dev/null if they are not open, so no file dz-admin
 * opens (a dump, a pipe to a client) can be taken for one of them. */
static void
std_fds(void)
{
	int	fd;

	while ((fd = open("/dev/null", O_RDWR)) != -1 && fd <= 2)
		continue;
	if (fd > 2)
		close(fd);
}

/* ---------------------------------------------------------------------
 * notify: the outbox (lib/store_notify.h).
 */

/* Rows taken per pass; a pass with this many goes on at once. */
#define NOTIFY_BATCH	100

/* One account set's channels, opened once per pass. */
struct setconf {
	long long		 set;
	enum dz_err		 rc;
	struct dz_notify_conf	 c;
	char			 robot[65];
};

static struct setconf *
set_conf(struct dz_db *db, const struct dz_keyring *kr, struct setconf *sc, size_t *nsc,
    size_t max, long long set)
{
	size_t	i;

	for (i = 0; i < *nsc; i++)
		if (sc[i].set == set)
			return &sc[i];
	if (*nsc == max) {	/* full: forget the oldest */
		dz_store_notify_wipe(&sc[0].c);
		memmove(&sc[0], &sc[1], (max - 1) * sizeof(sc[0]));
		(*nsc)--;
	}
	i = (*nsc)++;
	memset(&sc[i], 0, sizeof(sc[i]));
	sc[i].set = set;
	sc[i].rc = dz_store_notify_get(db, kr, set, &sc[i].c);
	if (sc[i].rc == DZ_OK && sc[i].c.webhook[0] != '\0')
		dz_notify_robot(sc[i].c.webhook, sc[i].robot);
	return &sc[i];
}

/*
 * One delivery: claim it (under the robot's rate window), send, record.
 * Returns 1 when it was sent, 0 otherwise, -1 when the store failed.
 */
static int
notify_one(struct dz_db *db, const struct dz_conf *conf, const struct dz_store_due *d,
    struct setconf *sc)
{
	struct dz_store_notice_text	 t;
	struct dz_notice_msg		 m;
	char				 why[512], link[320], idpart[48];
	long				 wait = 0;
	enum dz_err			 rc;

	if (dz_store_delivery_notice(db, d->notice, &t) != DZ_OK)
		return -1;
	rc = dz_store_delivery_claim(db, d->id, d->chan == DZ_CHAN_WECOM &&
	    sc->rc == DZ_OK ? sc->robot : "", &wait);
	if (rc == DZ_ERR_BUSY) {
		printf("delivery %lld: the robot's 20 a minute are used, again in %ld s\n",
		    d->id, wait);
		return 0;
	}
	if (rc == DZ_ERR_CONFLICT)	/* another worker has it */
		return 0;
	if (rc != DZ_OK)
		return -1;
	memset(&m, 0, sizeof(m));
	m.kind = t.kind;
	m.company = t.company;
	m.customer = t.customer;
	m.from = t.from;
	m.to = t.to;
	m.closing = t.closing;
	m.at = t.at;
	link[0] = '\0';
	if (conf->public_base[0] != '\0')
		snprintf(link, sizeof(link), "%s/statements/%lld", conf->public_base, t.sid);
	m.link = link;
	snprintf(idpart, sizeof(idpart), "%lld.%lld", d->notice, d->id);
	if (sc->rc != DZ_OK) {
		snprintf(why, sizeof(why), "%s", dz_strerror(sc->rc));
		rc = DZ_ERR_IO;
	} else
		rc = dz_notify_deliver(conf, &sc->c, d->chan, &m, idpart, why, sizeof(why));
	if (rc == DZ_OK) {
		if (dz_store_delivery_sent(db, d->id) != DZ_OK)
			return -1;
		printf("delivery %lld: sent (%s)\n", d->id, dz_notify_chan_code(d->chan));
		return 1;
	}
	if (rc == DZ_ERR_THROTTLED) {
		printf("delivery %lld: the robot is over its rate, again in 60 s\n", d->id);
		return dz_store_delivery_later(db, d->id, DZ_NOTIFY_WINDOW_S, why) == DZ_OK ? 0 : -1;
	}
	/* off or not set: failed now (shown, 重新发送 once it is set) */
	printf("delivery %lld: attempt %d failed: %s\n", d->id, d->attempts + 1, why);
	return dz_store_delivery_retry(db, d->id, rc == DZ_ERR_INVAL ? 0 :
	    conf->notify_max_attempts, dz_notify_backoff_s(d->attempts + 1), why) == DZ_OK ?
	    0 : -1;
}

static int
notify_pass(struct dz_db *db, const struct dz_conf *conf, const struct dz_keyring *kr,
    size_t *nsent, size_t *ndue)
{
	struct setconf		 sc[8];
	struct dz_store_due	*due = NULL;
	size_t			 n = 0, nsc = 0, i;
	int			 rc = 0, k;

	*nsent = *ndue = 0;
	if (dz_store_delivery_due(db, NOTIFY_BATCH, &due, &n) != DZ_OK) {
		fprintf(stderr, "dz-admin: notify: cannot read the store\n");
		return 1;
	}
	*ndue = n;
	for (i = 0; i < n; i++) {
		if (due[i].chan >= DZ_CHAN__MAX)
			continue;
		k = notify_one(db, conf, &due[i], set_conf(db, kr, sc, &nsc,
		    DZ_NELEM(sc), due[i].set));
		if (k < 0) {
			fprintf(stderr, "dz-admin: notify: the store failed at delivery %lld\n",
			    due[i].id);
			rc = 1;
			break;
		}
		*nsent += (size_t)k;
	}
	for (i = 0; i < nsc; i++)
		dz_store_notify_wipe(&sc[i].c);
	free(due);
	return rc;
}

static int
notify(struct dz_db *db, const struct dz_conf *conf, int once)
{
	struct dz_keyring	 kr;
	size_t			 sent, due;
	int			 rc;

	memset(&kr, 0, sizeof(kr));
	if (dz_crypt_key_load(conf->key_file, &kr) != DZ_OK)
		fprintf(stderr, "dz-admin: notify: the key file %s did not load: sealed "
		    "channels cannot be opened\n", conf->key_file);
	if (dz_notify_send_init() != DZ_OK) {
		fprintf(stderr, "dz-admin: notify: libcurl did not start\n");
		dz_crypt_key_clear(&kr);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		rc = notify_pass(db, conf, kr.n > 0 ? &kr : NULL, &sent, &due);
		if (once && (rc != 0 || due < NOTIFY_BATCH))
			break;
		if (!once && due < NOTIFY_BATCH)
			sleep(10);
	}
	dz_crypt_key_clear(&kr);
	return rc;
}

int
main(int argc, char **argv)
{
	struct dz_conf	 conf;
	struct dz_db	*db = NULL;
	const char	*cpath = NULL, *cmd;
	int		 rc = 2, i = 1;

	std_fds();
	dz_log_init("dz-admin", "warn");
	if (argc > 2 && strcmp(argv[1], "-c") == 0) {
		cpath = argv[2];
		i = 3;
	}
	if (i >= argc) {
		usage();
		return 2;
	}
	cmd = argv[i];
	if (dz_conf_load(&conf, cpath) != DZ_OK)
		return 1;
	/* Its changes to users move the programs' change counter. The file
	 * is the programs' (made by them or by deploy): never made here, as
	 * root would own it. */
	if (conf.change_file[0] != '\0' && access(conf.change_file, W_OK) == 0)
		dz_changes_open(conf.change_file);
	if (strcmp(cmd, "init-key") == 0)
		rc = init_key(&conf);
	else if (dz_db_open(&db, &conf) != DZ_OK)
		rc = 1;
	else if (strcmp(cmd, "migrate") == 0) {
		dz_db_unbounded(db);
		rc = migrate(db, &conf);
	}
	else if (strcmp(cmd, "create-user") == 0 && argc == i + 4 &&
	    strcmp(argv[i + 2], "--role") == 0)
		rc = create_user(db, argv[i + 1], argv[i + 3]);
	else if (strcmp(cmd, "reset-password") == 0 && argc == i + 2)
		rc = reset_password(db, argv[i + 1]);
	else if (strcmp(cmd, "rotate-key") == 0 && limit_arg(argc, argv, i) >= 0)
		rc = rotate_key(db, &conf, limit_arg(argc, argv, i));
	else if (strcmp(cmd, "reseal") == 0 && limit_arg(argc, argv, i) >= 0) {
		long long	done;

		rc = reseal(db, &conf, limit_arg(argc, argv, i), &done);
	} else if (strcmp(cmd, "retire-key") == 0 && argc == i + 2)
		rc = retire_key(db, &conf, atoll(argv[i + 1]));
	else if (strcmp(cmd, "backup") == 0 && argc == i + 2)
		rc = backup(&conf, argv[i + 1]);
	else if (strcmp(cmd, "restore") == 0 && argc == i + 2)
		rc = restore(db, &conf, argv[i + 1]);
	else if (strcmp(cmd, "notify") == 0 && argc == i + 1)
		rc = notify(db, &conf, 0);
	else if (strcmp(cmd, "notify") == 0 && argc == i + 2 &&
	    strcmp(argv[i + 1], "--once") == 0)
		rc = notify(db, &conf, 1);
	else if (strcmp(cmd, "verify") == 0 && argc == i + 1)
		rc = verify(db, 0);
	else if (strcmp(cmd, "import-set") == 0 || strcmp(cmd, "import") == 0)
		rc = dz_import_main(db, cmd, argc - i - 1, argv + i + 1);
	else if (strcmp(cmd, "month-run") == 0)
		rc = dz_month_run_main(db, &conf, argc - i - 1, argv + i + 1);
	else if (strcmp(cmd, "drift") == 0) {
		long long	set = 0, lim = 0;
		int		k, bad = 0;

		for (k = i + 1; k < argc; k += 2) {
			if (k + 1 < argc && strcmp(argv[k], "--account-set") == 0 &&
			    atoll(argv[k + 1]) > 0)
				set = atoll(argv[k + 1]);
			else if (k + 1 < argc && strcmp(argv[k], "--limit") == 0 &&
			    atoll(argv[k + 1]) > 0)
				lim = atoll(argv[k + 1]);
			else
				bad = 1;
		}
		if (bad)
			usage();
		else
			rc = drift(db, &conf, set, lim);
	} else if (strcmp(cmd, "verify") == 0 && argc == i + 3 &&
	    strcmp(argv[i + 1], "--account-set") == 0 && atoll(argv[i + 2]) > 0)
		rc = verify(db, atoll(argv[i + 2]));
	else
		usage();
	dz_db_close(db);
	dz_conf_clear(&conf);
	return rc;
}
