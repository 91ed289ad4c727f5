/*
 * store_import.h: an import file stored into the imported ledger of an
 * account set of the kind 导入 (schema 013, issue 16), once lib/import
 * found no error in it. One transaction: the file's row (its SHA-256: the
 * same bytes twice add nothing), the customers (a code again: its row
 * brought up to date), the documents (a number again with other figures
 * or other goods: a new version in place, the old one kept, so that a
 * statement made from it sees the change; the same figures: nothing), the
 * customers' balances, and the audit row. A document that names its
 * version (the sender's, from 1) is applied only when it is past the one
 * stored: an older or the same one is stale, not applied.
 */
#ifndef DZ_STORE_IMPORT_H
#define DZ_STORE_IMPORT_H

#include <stddef.h>
#include "dz.h"
#include "import.h"

struct dz_db;
struct dz_actor;

/* What an import did. */
struct dz_store_import_result {
	long long	 file_id;	/* imp_files.id (of the earlier one when duplicate) */
	int		 duplicate;	/* the same file was imported before: nothing done */
	size_t		 customers;	/* rows written (new or brought up to date) */
	size_t		 added, changed, unchanged;	/* documents */
	size_t		 stale;		/* of a version not past the stored one: not applied */
	size_t		 lines;		/* goods lines written */
};

/*
 * The customers of set known to an earlier import, for dz_imp_check:
 * read once (one query), then looked up in memory. Free with
 * dz_store_import_known_free.
 */
struct dz_store_import_known {
	struct dz_imp_known	  known;	/* hand this to dz_imp_check */
	char			**code;
	size_t			  n;
};
enum dz_err	 dz_store_import_known(struct dz_db *, long long set,
		    struct dz_store_import_known *);
void		 dz_store_import_known_free(struct dz_store_import_known *);

/*
 * Store f (checked: f->errors == 0, else DZ_ERR_INVAL) into set's ledger
 * as the file whose bytes hash to sha256 (64 hex digits), named name,
 * from source "template" or "api", by who (audited as "import" with the
 * hash and the counts). DZ_ERR_DB (rolled back: nothing stored),
 * DZ_ERR_INVAL, DZ_ERR_NOMEM.
 */
enum dz_err	 dz_store_import(struct dz_db *, long long set, const char *sha256,
		    const char *name, const char *source, const struct dz_imp_file *f,
		    const struct dz_actor *who, struct dz_store_import_result *out);

/*
 * The account set of the kind import named name (its identity
 * "import:<name>", its company name name): found, or made. *set is its
 * id. DZ_ERR_INVAL (a set of that identity of another kind), DZ_ERR_DB.
 */
#define DZ_STORE_IMPORT_IDENTITY	"import:"
enum dz_err	 dz_store_import_set(struct dz_db *, const char *name, long long *set);

/*
 * User user_id works in set from now on (its kind import): their sessions
 * end, as when an admin gives them another data address. Audited.
 */
enum dz_err	 dz_store_import_bind(struct dz_db *, long long set, long long user_id,
		    const struct dz_actor *who);

/* ---- 数据导入 on the site: a clerk's upload, file by file -------------- */

#define DZ_STORE_UPLOAD_NAME_MAX	255

struct dz_store_upload_part {
	int			 present;
	char			 filename[DZ_STORE_UPLOAD_NAME_MAX + 1];
	size_t			 size;
	char			 sha256[65];
	char			 at[20];
	unsigned int		 sheet_no;	/* its worksheet (an XLSX of several) */
	unsigned char		*content;	/* size bytes (with_content) */
};

struct dz_store_upload {
	long long			 id;
	size_t				 nparts;
	struct dz_store_upload_part	 part[DZ_IMP__SHEETS];	/* by template */
};

/* The open upload of user in set, its files' bytes too with content.
 * DZ_ERR_NOTFOUND: none. Free with dz_store_upload_free. */
enum dz_err	 dz_store_upload_get(struct dz_db *, long long set, long long user,
		    int with_content, struct dz_store_upload *);
void		 dz_store_upload_free(struct dz_store_upload *);

/* A file of template k (its worksheet sheet_no) into user's open upload
 * (made if none), in the place of the one of k it had. */
enum dz_err	 dz_store_upload_put(struct dz_db *, long long set, long long user,
		    enum dz_imp_sheet k, unsigned int sheet_no, const char *filename,
		    const void *data, size_t len);

/* 清空: the open upload dropped (its files stay in the store, unused). */
enum dz_err	 dz_store_upload_drop(struct dz_db *, long long set, long long user);

/* The upload's SHA-256: one file's own; several, that of their hashes in
 * template order (as dz-admin import hashes its files). */
void		 dz_store_upload_sha(const struct dz_store_upload *, char out[65]);

/*
 * Read u's files (lib/sheet) as their templates into f and check them
 * across (with the set's customers known): f then holds every refusal.
 * DZ_ERR_INVAL with *why (a Lang.sheet reason code) when a file no longer
 * reads; DZ_ERR_DB, DZ_ERR_NOMEM.
 */
enum dz_err	 dz_store_upload_check(struct dz_db *, long long set,
		    const struct dz_store_upload *u, struct dz_imp_file *f, const char **why);

/* Mark upload id stored as file file_id (after dz_store_import). */
enum dz_err	 dz_store_upload_stored(struct dz_db *, long long id, long long file_id);

/* The set's last 20 imports, newest first. */
struct dz_store_import_file {
	long long	 id;
	char		 name[256];
	char		 source[16];
	char		 username[64];
	char		 at[20];
	char		 sha256[65];
	long long	 customers, documents, lines, added, changed, unchanged;
};
enum dz_err	 dz_store_import_files(struct dz_db *, long long set,
		    struct dz_store_import_file **out, size_t *n);

/* ---- The import API's keys --------------------------------------------- */

#define DZ_APIKEY_PREFIX	"dzk_"
#define DZ_APIKEY_LEN		(4 + 43)	/* "dzk_" and 32 random bytes, base64url */
#define DZ_APIKEY_SHOWN		12		/* kept to tell keys apart: "dzk_" + 8 */

/* A new key of set, named name: *key (shown once, never kept) and *id.
 * Audited (its prefix only). */
enum dz_err	 dz_store_apikey_new(struct dz_db *, long long set, const char *name,
		    const struct dz_actor *who, char key[DZ_APIKEY_LEN + 1], long long *id);
/* Revoke key id of set: DZ_ERR_NOTFOUND when none live. Audited. */
enum dz_err	 dz_store_apikey_revoke(struct dz_db *, long long set, long long id,
		    const struct dz_actor *who);

struct dz_store_apikey {
	long long	 id;
	char		 name[65];
	char		 prefix[DZ_APIKEY_SHOWN + 1];
	char		 by[64];
	char		 at[20], revoked[20], used[20];
	long long	 calls;
};
enum dz_err	 dz_store_apikey_list(struct dz_db *, long long set,
		    struct dz_store_apikey **out, size_t *n);

/*
 * The key a call presents: DZ_OK with its set, id and prefix when it is a
 * live key of a set of the kind import (its use counted); DZ_ERR_AUTH
 * when it is unknown, revoked, malformed or of another kind of set.
 */
enum dz_err	 dz_store_apikey_check(struct dz_db *, const char *key, long long *set,
		    long long *id, char prefix[DZ_APIKEY_SHOWN + 1]);

#endif /* DZ_STORE_IMPORT_H */
