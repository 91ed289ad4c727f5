/*
 * sqlrw.h: T-SQL batches split into statements, rewritten for SQLite, and
 * the SQL Server types of a SELECT list's expression columns.
 */
#ifndef ERPSIM_SQLRW_H
#define ERPSIM_SQLRW_H

#include <stddef.h>
#include <stdint.h>

#include "types.h"

enum sqlrw_kind {
	SQLRW_QUERY,	/* hand to SQLite after sqlrw_rewrite() */
	SQLRW_SET,	/* SET option value: arg = "NOCOUNT", arg2 = "ON" */
	SQLRW_USE,	/* USE db: arg = db */
	SQLRW_NOOP,	/* BEGIN TRAN, COMMIT, IF @@TRANCOUNT ..., DECLARE */
	SQLRW_EXEC,	/* EXEC proc ...: arg = proc */
	SQLRW__MAX
};

struct sqlrw_stmt {
	enum sqlrw_kind	 kind;
	char		*text;		/* the statement, trimmed */
	char		 arg[128];
	char		 arg2[32];
};

/* What the rewriter substitutes for @@SPID, @@VERSION, DB_NAME() ... */
struct sqlrw_ctx {
	int		 spid;
	const char	*banner;	/* @@VERSION */
	const char	*version;	/* SERVERPROPERTY('ProductVersion') */
	const char	*db;
	const char	*user;
	int64_t		 rowcount;	/* @@ROWCOUNT */
	int		 msver;		/* @@MICROSOFTVERSION */
};

/*
 * Splits a batch into statements at ';', at line ends after session
 * statements (SET, USE, ...) and before session statements that start a
 * line. Returns 0 with *out (free with sqlrw_free) or -1 (no memory).
 */
int	sqlrw_split(const char *batch, struct sqlrw_stmt **out, size_t *n);
void	sqlrw_free(struct sqlrw_stmt *, size_t);

/*
 * Rewrites one T-SQL statement to SQLite: TOP n -> LIMIT n, ISNULL, LEN,
 * GETDATE(), CONVERT(), N'..', [x], dbo. prefixes, @@ variables,
 * SERVERPROPERTY(), table hints. Returns a malloc'd string or NULL.
 */
char	*sqlrw_rewrite(const struct sqlrw_ctx *, const char *stmt);

/* Declared type of a column name (any table), or NULL. */
typedef const char *(*sqlrw_decl_fn)(void *arg, const char *col);

struct sqlrw_col {
	int		 known;		/* t is set */
	int		 noname;	/* unaliased expression: no name */
	struct col_type	 t;
};

/*
 * Describes the items of the statement's first SELECT list (SQL Server's
 * types for COUNT, SUM, CAST, literals, @@ variables ...). Returns the
 * number of items found (cols has room for max), or -1 if there is none.
 */
int	sqlrw_describe(const char *stmt, struct sqlrw_col *cols, int max,
	    sqlrw_decl_fn, void *arg);

#endif
