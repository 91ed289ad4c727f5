/*
 * import.c: dz-admin's import commands (issue 16), for an operator and
 * for the tests and benches; the web upload uses the same library:
 *
 *   dz-admin import-set NAME [--user USER]...
 *	the account set of the kind 导入 named NAME, found or made (its id
 *	printed); each USER works in it from now on (signed out)
 *   dz-admin import --account-set ID [--user USER] FILE...
 *	the template files (XLSX or CSV: customers, documents, goods lines,
 *	each told by its header) checked together; every refusal printed
 *	(file, row, column, reason) and nothing stored, or all stored in one
 *	transaction. The same files again add nothing.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dz.h"
#include "crypt.h"
#include "db.h"
#include "import.h"
#include "sheet.h"
#include "store.h"
#include "store_import.h"
#include "import_cmd.h"

#define FILES_MAX	8

static void
import_usage(void)
{
	fprintf(stderr, "usage: dz-admin import-set NAME [--user USER]... | "
	    "import --account-set ID [--user USER] FILE...\n");
}

static int
import_set(struct dz_db *db, int argc, char **argv)
{
	struct dz_actor	 who = { .username = "dz-admin", .ip = "" };
	long long	 set, uid;
	int		 k;

	if (argc < 1 || (argc - 1) % 2 != 0) {
		import_usage();
		return 2;
	}
	for (k = 1; k < argc; k += 2)
		if (strcmp(argv[k], "--user") != 0) {
			import_usage();
			return 2;
		}
	if (dz_store_import_set(db, argv[0], &set) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot make the import account set %s\n", argv[0]);
		return 1;
	}
	printf("account set %lld (import: %s)\n", set, argv[0]);
	for (k = 1; k < argc; k += 2) {
		if ((uid = dz_admin_user_id(db, argv[k + 1])) <= 0) {
			fprintf(stderr, "dz-admin: no user %s\n", argv[k + 1]);
			return 1;
		}
		if (dz_store_import_bind(db, set, uid, &who) != DZ_OK) {
			fprintf(stderr, "dz-admin: cannot bind %s to set %lld\n", argv[k + 1], set);
			return 1;
		}
		printf("user %s works in account set %lld\n", argv[k + 1], set);
	}
	return 0;
}

/* The whole file into *buf (at most the sheet reader's limit). */
static int
slurp(const char *path, unsigned char **buf, size_t *len)
{
	struct stat	 st;
	ssize_t		 r;
	size_t		 got = 0;
	int		 fd;

	*buf = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 || fstat(fd, &st) == -1) {
		fprintf(stderr, "dz-admin: %s: %s\n", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size > DZ_SHEET_FILE_MAX) {
		fprintf(stderr, "dz-admin: %s: not a file of at most %u bytes\n", path,
		    DZ_SHEET_FILE_MAX);
		close(fd);
		return -1;
	}
	if ((*buf = malloc((size_t)st.st_size + 1)) == NULL) {
		close(fd);
		return -1;
	}
	while (got < (size_t)st.st_size &&
	    (r = read(fd, *buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)r;
	close(fd);
	*len = got;
	return 0;
}

static const char *
sheet_name(enum dz_imp_sheet k)
{
	return k == DZ_IMP_CUSTOMERS ? "customers" : k == DZ_IMP_DOCUMENTS ? "documents" :
	    "lines";
}

static int
import_files(struct dz_db *db, int argc, char **argv)
{
	struct dz_imp_file		 f;
	struct dz_store_import_known	 known;
	struct dz_store_import_result	 res;
	struct dz_actor			 who = { .username = "dz-admin", .ip = "" };
	const char			*path[FILES_MAX], *user = NULL;
	char				 hex[FILES_MAX][DZ_SHA256_HEXLEN + 1];
	char				 all[FILES_MAX * DZ_IMP__SHEETS * DZ_SHA256_HEXLEN + 1];
	char				 sha[DZ_SHA256_HEXLEN + 1];
	unsigned int			 kinds[FILES_MAX];
	size_t				 parts = 0;
	char				 words[512], names[256];
	enum dz_imp_sheet		 kind[FILES_MAX];
	size_t				 nfiles = 0, i, n, nsheets;
	unsigned int			 found;
	long long			 set = 0;
	int				 k, ret = 1;

	for (k = 0; k < argc; k++) {
		if (strcmp(argv[k], "--account-set") == 0 && k + 1 < argc)
			set = atoll(argv[++k]);
		else if (strcmp(argv[k], "--user") == 0 && k + 1 < argc)
			user = argv[++k];
		else if (argv[k][0] == '-' || nfiles == FILES_MAX) {
			import_usage();
			return 2;
		} else
			path[nfiles++] = argv[k];
	}
	if (set <= 0 || nfiles == 0) {
		import_usage();
		return 2;
	}
	if (user != NULL && (who.user_id = dz_admin_user_id(db, user)) <= 0) {
		fprintf(stderr, "dz-admin: no user %s\n", user);
		return 1;
	}
	if (user != NULL)
		who.username = user;
	memset(&f, 0, sizeof(f));
	all[0] = '\0';
	for (i = 0; i < nfiles; i++) {
		struct dz_sheet		 s;
		enum dz_sheet_why	 why = DZ_SHEET_OK;
		unsigned char		*buf;
		size_t			 len;

		if (slurp(path[i], &buf, &len) != 0)
			goto out;
		dz_crypt_sha256_hex(buf, len, hex[i]);
		memset(&s, 0, sizeof(s));
		if (dz_sheet_read(buf, len, &s, &why) != DZ_OK) {
			fprintf(stderr, "dz-admin: %s: refused (%s)\n", path[i],
			    dz_sheet_why_code(why));
			dz_sheet_free(&s);
			free(buf);
			goto out;
		}
		/* each worksheet of a workbook (one of each template), or the
		 * one sheet of a CSV, told by its header */
		nsheets = s.sheets > 8 ? 8 : s.sheets < 1 ? 1 : s.sheets;
		found = 0;
		for (n = 0; n < nsheets; n++) {
			if (n > 0) {
				memset(&s, 0, sizeof(s));
				if (dz_sheet_read_nth(buf, len, n, &s, &why) != DZ_OK) {
					dz_sheet_free(&s);
					continue;
				}
			}
			kind[i] = dz_imp_guess(&s);
			if (kind[i] != DZ_IMP__SHEETS && !(found & (1u << kind[i]))) {
				found |= 1u << kind[i];
				if (dz_imp_read(&s, kind[i], &f) != DZ_OK) {
					dz_sheet_free(&s);
					free(buf);
					goto out;
				}
				printf("%s: %s%s\n", path[i], sheet_name(kind[i]),
				    nsheets > 1 ? " (a worksheet)" : "");
			}
			dz_sheet_free(&s);
		}
		free(buf);
		if (found == 0) {
			fprintf(stderr, "dz-admin: %s: no template header in its first rows\n",
			    path[i]);
			goto out;
		}
		kinds[i] = found;
	}
	/* as 数据导入 hashes an upload: a file a template, in template order;
	 * one: its bytes' SHA-256; several: that of their hashes */
	for (n = 0; n < DZ_IMP__SHEETS; n++)
		for (i = 0; i < nfiles; i++)
			if (kinds[i] & (1u << n)) {
				strcat(all, hex[i]);
				parts++;
			}
	if (parts == 1)
		memcpy(sha, all, sizeof(sha));
	else
		dz_crypt_sha256_hex(all, strlen(all), sha);
	if (dz_store_import_known(db, set, &known) != DZ_OK) {
		fprintf(stderr, "dz-admin: cannot reach the database\n");
		goto out;
	}
	if (dz_imp_check(&f, &known.known) != DZ_OK) {
		dz_store_import_known_free(&known);
		goto out;
	}
	dz_store_import_known_free(&known);
	if (f.errors > 0) {
		for (i = 0; i < f.nerr; i++) {
			const struct dz_imp_error *e = &f.err[i];

			dz_imp_error_text(e, words, sizeof(words));
			printf("%s row %zu%s%s: %s%s%s\n", sheet_name(e->sheet), e->row,
			    e->col < DZ_ICOL__MAX ? " " : "",
			    e->col < DZ_ICOL__MAX ? dz_imp_col_name(e->col) : "",
			    e->value[0] != '\0' ? e->value : "", e->value[0] != '\0' ? ": " : "",
			    words);
		}
		fprintf(stderr, "dz-admin: %zu refusal(s)%s; nothing stored\n", f.errors,
		    f.errors > f.nerr ? " (the first ones shown)" : "");
		goto out;
	}
	names[0] = '\0';
	for (i = 0; i < nfiles; i++) {
		const char	*b = strrchr(path[i], '/');
		size_t		 used = strlen(names);

		snprintf(names + used, sizeof(names) - used, "%s%s", used > 0 ? " " : "",
		    b != NULL ? b + 1 : path[i]);
	}
	if (dz_store_import(db, set, sha, names, "template", &f, &who, &res) != DZ_OK) {
		fprintf(stderr, "dz-admin: the import failed; nothing stored\n");
		goto out;
	}
	if (res.duplicate)
		printf("already imported (file %lld, sha256 %s): nothing added\n", res.file_id,
		    sha);
	else {
		printf("imported file %lld (sha256 %s): %zu customers, documents %zu added, "
		    "%zu changed, %zu unchanged, %zu lines%s\n", res.file_id, sha, res.customers,
		    res.added, res.changed, res.unchanged, res.lines,
		    res.stale > 0 ? "; stale versions not applied" : "");
		if (res.stale > 0)
			printf("%zu documents of a version not past the stored one: not applied\n",
			    res.stale);
	}
	ret = 0;
out:
	dz_imp_free(&f);
	return ret;
}

int
dz_import_main(struct dz_db *db, const char *cmd, int argc, char **argv)
{
	if (strcmp(cmd, "import-set") == 0)
		return import_set(db, argc, argv);
	return import_files(db, argc, argv);
}
