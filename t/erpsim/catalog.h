/*
 * catalog.h: what erpsim knows of its SQLite file before serving: the
 * database name clients must ask for (erpsim_meta 'database') and every
 * column's declared SQL Server type, which types SUM(col) and friends.
 * Read once at start and never changed, so session threads share it
 * without a lock.
 */
#ifndef ERPSIM_CATALOG_H
#define ERPSIM_CATALOG_H

#include <stddef.h>

struct sqlite3;

/* One column name (of any table) and its declared type. */
struct catalog_col {
	char		*name;
	char		*decl;
};

struct catalog {
	char			 dbname[128];	/* "" when erpsim_meta has none */
	struct catalog_col	*cols;
	size_t			 ncols;
};

/*
 * Fills cat (zeroed by the caller) from the open handle: the database name
 * and the first declared type of each column name, tables and views alike.
 * Returns 0, or -1 (sqlite3_errmsg tells why, unless memory ran out); free
 * with catalog_free either way.
 */
int	catalog_load(struct catalog *cat, struct sqlite3 *db);
/* Declared type of a column name in any table, or NULL (sqlrw_decl_fn). */
const char *catalog_decl(void *cat, const char *col);
void	catalog_free(struct catalog *);

#endif
