/*
 * catalog.c: the database name and the columns' declared types, read from
 * the SQLite file once at start.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "catalog.h"

const char *
catalog_decl(void *arg, const char *col)
{
	struct catalog	*cat = arg;
	size_t		 i;

	for (i = 0; i < cat->ncols; i++)
		if (strcasecmp(cat->cols[i].name, col) == 0)
			return cat->cols[i].decl;
	return NULL;
}

int
catalog_load(struct catalog *cat, sqlite3 *db)
{
	sqlite3_stmt		*st = NULL;
	struct catalog_col	*v;
	const char		*n, *d;
	int			 rc = -1;

	if (sqlite3_prepare_v2(db, "SELECT value FROM erpsim_meta "
	    "WHERE name = 'database'", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		snprintf(cat->dbname, sizeof(cat->dbname), "%s",
		    (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT p.name, p.type FROM sqlite_master m, "
	    "pragma_table_info(m.name) p WHERE m.type IN ('table', 'view') "
	    "ORDER BY m.name, p.cid", -1, &st, NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		n = (const char *)sqlite3_column_text(st, 0);
		d = (const char *)sqlite3_column_text(st, 1);
		/* NOTE: a name in several tables keeps the first table's
		 * type: SELECT-list typing sees a bare column name only. */
		if (n == NULL || d == NULL || d[0] == '\0' ||
		    catalog_decl(cat, n) != NULL)
			continue;
		if ((v = realloc(cat->cols, (cat->ncols + 1) * sizeof(*v))) == NULL)
			goto out;
		cat->cols = v;
		v[cat->ncols].name = strdup(n);
		v[cat->ncols].decl = strdup(d);
		cat->ncols++;
		if (v[cat->ncols - 1].name == NULL || v[cat->ncols - 1].decl == NULL)
			goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}

void
catalog_free(struct catalog *cat)
{
	size_t	 i;

	for (i = 0; i < cat->ncols; i++) {
		free(cat->cols[i].name);
		free(cat->cols[i].decl);
	}
	free(cat->cols);
	cat->cols = NULL;
	cat->ncols = 0;
}
