/*
 * db.h: the app store (MariaDB). Every statement is a named entry of
 * enum dz_sql, declared once in db.c's table, prepared once per connection
 * on first use, always with bound parameters.
 *
 * The connection is opened lazily and dropped on "server gone" errors;
 * the next use reconnects and re-prepares. A read that fails because the
 * server went away is retried once on a fresh connection; a write is not
 * (its fate is unknown), it answers DZ_ERR_DB and the page says 503.
 */
#ifndef DZ_DB_H
#define DZ_DB_H

#include <stddef.h>
#include <string.h>
#include "dz.h"

struct dz_conf;
struct dz_db;

enum dz_sql {
	/* sessions */
	DZ_SQL_SESSION_GET,
	DZ_SQL_SESSION_CHECK,
	DZ_SQL_SESSION_USER,
	DZ_SQL_SESSION_TOUCH,
	DZ_SQL_SESSION_INSERT,
	DZ_SQL_SESSION_DELETE,
	DZ_SQL_SESSION_DELETE_USER,
	DZ_SQL_SESSION_DELETE_OTHERS,
	DZ_SQL_SESSION_PRUNE,
	/* users */
	DZ_SQL_USER_BY_NAME,
	DZ_SQL_USER_GET,
	DZ_SQL_USER_LIST,
	DZ_SQL_USER_INSERT,
	DZ_SQL_USER_UPDATE,
	DZ_SQL_USER_SET_PASSWORD,
	DZ_SQL_USER_LOGGED_IN,
	DZ_SQL_USER_COUNT,
	/* login throttling */
	DZ_SQL_LOGINFAIL_INSERT,
	DZ_SQL_LOGINFAIL_COUNT_USER,
	DZ_SQL_LOGINFAIL_COUNT_IP,
	DZ_SQL_LOGINFAIL_CLEAR_USER,
	DZ_SQL_LOGINFAIL_PRUNE,
	/* account sets */
	DZ_SQL_ACCTSET_BY_IDENTITY,
	DZ_SQL_ACCTSET_GET,
	DZ_SQL_ACCTSET_INSERT,
	DZ_SQL_ACCTSET_SET_DSN,
	/* audit */
	DZ_SQL_AUDIT_INSERT,
	/* statements */
	DZ_SQL_STMT_INSERT,
	DZ_SQL_STMT_DOC_INSERT,
	DZ_SQL_STMT_DOC_INSERT_BATCH,
	DZ_SQL_STMT_LINE_INSERT,
	DZ_SQL_STMT_LINE_INSERT_BATCH,
	DZ_SQL_STMT_GET,
	DZ_SQL_STMT_DOCS,
	DZ_SQL_STMT_LINES,
	DZ_SQL_STMT_LIST,
	DZ_SQL_STMT_SET_STATUS,
	DZ_SQL_STMT_ANSWER,
	DZ_SQL_STMT_RECEIVE,
	DZ_SQL_STMT_DELETE,
	DZ_SQL_STMT_HISTORY,
	/* share links */
	DZ_SQL_LINK_INSERT,
	DZ_SQL_LINK_LIVE,
	DZ_SQL_LINK_REVOKE_ALL,
	DZ_SQL_LINK_CHECK,
	DZ_SQL_LINK_OPENED,
	DZ_SQL_SENDS,
	/* feedback */
	DZ_SQL_FEEDBACK_INSERT,
	DZ_SQL_FEEDBACK_LIST,
	DZ_SQL_FEEDBACK_LAST,
	/* migrations (dz-admin) */
	DZ_SQL_MIGRATION_TABLE,
	DZ_SQL_MIGRATION_LIST,
	DZ_SQL_MIGRATION_INSERT,
	/* account sets (gateway): the company name the ERP reports */
	DZ_SQL_ACCTSET_SET_COMPANY,
	DZ_SQL__MAX
};

enum dz_dbt {
	DZ_DB_NULL,
	DZ_DB_INT,
	DZ_DB_STR,
	DZ_DB_BLOB,
	DZ_DB__MAX
};

/* Rows per multi-row INSERT of statement documents and goods lines. */
#define DZ_DB_BATCH	32

/* One bound parameter. Strings and blobs are borrowed for the call. */
struct dz_dbarg {
	enum dz_dbt	 t;
	long long	 i;
	const void	*p;
	size_t		 n;
};

#define DZ_A_NULL	((struct dz_dbarg){ DZ_DB_NULL, 0, NULL, 0 })
#define DZ_A_INT(x)	((struct dz_dbarg){ DZ_DB_INT, (long long)(x), NULL, 0 })
#define DZ_A_STR(s)	((struct dz_dbarg){ DZ_DB_STR, 0, (s), strlen(s) })
#define DZ_A_STRN(s, l)	((struct dz_dbarg){ DZ_DB_STR, 0, (s), (l) })
#define DZ_A_BLOB(b, l)	((struct dz_dbarg){ DZ_DB_BLOB, 0, (b), (l) })

/* A whole result in memory: cell(r, c) is NUL-terminated, NULL for SQL NULL. */
struct dz_rows {
	size_t	  nrows;
	size_t	  ncols;
	char	**cell;
	size_t	 *len;
};

/* Create the handle (no connection yet). conf must outlive it. */
enum dz_err	 dz_db_open(struct dz_db **, const struct dz_conf *);
void		 dz_db_close(struct dz_db *);

/* Run a statement that returns rows; *rows is filled (free with dz_db_rows_free). */
enum dz_err	 dz_db_query(struct dz_db *, enum dz_sql, const struct dz_dbarg *,
		    size_t nargs, struct dz_rows *);
/* Run a statement that returns none; affected / insert_id may be NULL. */
enum dz_err	 dz_db_exec(struct dz_db *, enum dz_sql, const struct dz_dbarg *,
		    size_t nargs, unsigned long long *affected, unsigned long long *insert_id);

#define DZ_DB_NARGS(...) (sizeof((struct dz_dbarg[]){ __VA_ARGS__ }) / sizeof(struct dz_dbarg))
/* dz_db_q(db, DZ_SQL_X, &rows, DZ_A_INT(1), DZ_A_STR(s)) */
#define dz_db_q(db, q, rows, ...) \
	dz_db_query((db), (q), (struct dz_dbarg[]){ __VA_ARGS__ }, DZ_DB_NARGS(__VA_ARGS__), (rows))
#define dz_db_x(db, q, aff, id, ...) \
	dz_db_exec((db), (q), (struct dz_dbarg[]){ __VA_ARGS__ }, DZ_DB_NARGS(__VA_ARGS__), (aff), (id))

const char	*dz_db_cell(const struct dz_rows *, size_t r, size_t c);
size_t		 dz_db_cell_len(const struct dz_rows *, size_t r, size_t c);
long long	 dz_db_cell_int(const struct dz_rows *, size_t r, size_t c);
void		 dz_db_rows_free(struct dz_rows *);

/* Transactions: begin turns autocommit off until commit or rollback. */
enum dz_err	 dz_db_begin(struct dz_db *);
enum dz_err	 dz_db_commit(struct dz_db *);
void		 dz_db_rollback(struct dz_db *);

/* Was the last failure a duplicate key (1062)? */
int		 dz_db_dup_key(const struct dz_db *);

/*
 * Run a whole SQL script (several statements) outside the statement table:
 * for dz-admin's migrations only, never with request data.
 */
enum dz_err	 dz_db_script(struct dz_db *, const char *sql);

#endif
