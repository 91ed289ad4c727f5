/*
 * dz-admin: the operator's tool.
 *
 *   dz-admin [-c CONF] init-key                 create the key file (0400) if missing
 *   dz-admin [-c CONF] migrate                  apply pending schema/NNN_*.sql; first run
 *                                               also creates admin / 123456
 *   dz-admin [-c CONF] create-user NAME --role admin|clerk|viewer   (password on stdin)
 *   dz-admin [-c CONF] reset-password NAME      (password on stdin; must change at sign-in)
 *   dz-admin [-c CONF] rotate-key               add a key; new secrets are sealed with it
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void
usage(void)
{
	fprintf(stderr, "usage: dz-admin [-c conf] init-key | migrate | "
	    "create-user NAME --role admin|clerk|viewer | reset-password NAME | "
	    "rotate-key\n");
}

static int
init_key(const struct dz_conf *c)
{
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

static int
rotate_key(const struct dz_conf *c)
{
	if (dz_crypt_key_add(c->key_file) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot add a key to %s\n", c->key_file);
		return 1;
	}
	printf("added a key to %s; restart the programs to seal with it\n", c->key_file);
	return 0;
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

static int
migrate(struct dz_db *db, const struct dz_conf *c)
{
	struct dz_rows	  rows;
	struct dirent	**ents = NULL;
	char		  dir[512], path[800];
	char		 *sql;
	int		  n, i, rc = 1, done = 0;
	long		  v;

	if (dz_db_exec(db, DZ_SQL_MIGRATION_TABLE, NULL, 0, NULL, NULL) != DZ_OK ||
	    dz_db_query(db, DZ_SQL_MIGRATION_LIST, NULL, 0, &rows) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot reach the database\n");
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/schema", c->data_dir);
	if ((n = scandir(dir, &ents, is_migration, cmpname)) < 0) {
		fprintf(stderr, "dz-admin: %s: %s\n", dir, strerror(errno));
		goto out;
	}
	for (i = 0; i < n; i++) {
		v = strtol(ents[i]->d_name, NULL, 10);
		if (applied(&rows, v))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
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
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
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

static long long
user_id(struct dz_db *db, const char *name)
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

	if ((id = user_id(db, name)) <= 0) {
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

int
main(int argc, char **argv)
{
	struct dz_conf	 conf;
	struct dz_db	*db = NULL;
	const char	*cpath = NULL, *cmd;
	int		 rc = 2, i = 1;

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
	else if (strcmp(cmd, "rotate-key") == 0)
		rc = rotate_key(&conf);
	else if (dz_db_open(&db, &conf) != DZ_OK)
		rc = 1;
	else if (strcmp(cmd, "migrate") == 0)
		rc = migrate(db, &conf);
	else if (strcmp(cmd, "create-user") == 0 && argc == i + 4 &&
	    strcmp(argv[i + 2], "--role") == 0)
		rc = create_user(db, argv[i + 1], argv[i + 3]);
	else if (strcmp(cmd, "reset-password") == 0 && argc == i + 2)
		rc = reset_password(db, argv[i + 1]);
	else
		usage();
	dz_db_close(db);
	dz_conf_clear(&conf);
	return rc;
}
