/*
 * erpsim-rows: reads every row and column of a query, either straight from
 * SQLite or from erpsim through db-lib, and prints "ROWS SECONDS ROWS/S".
 *
 * erpsim-rows sqlite DBFILE SQL
 * erpsim-rows tds PORT USER PASSWORD SQL
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>
#include <sybfront.h>
#include <sybdb.h>

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
err_handler(DBPROCESS *dbp, int sev, int dberr, int oserr, char *dberrstr,
    char *oserrstr)
{
	(void)dbp; (void)sev; (void)oserr; (void)oserrstr;
	fprintf(stderr, "db-lib error %d: %s\n", dberr, dberrstr);
	return INT_CANCEL;
}

/* The same work per value on both paths: look at its bytes. */
static unsigned long
touch(const unsigned char *p, int n)
{
	return p == NULL ? 0 : (unsigned long)n + (n > 0 ? p[0] : 0);
}

static int
run_sqlite(const char *path, const char *sql, long *rows, unsigned long *h)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int		 i, n;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
		return -1;
	}
	n = sqlite3_column_count(st);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			*h += touch(sqlite3_column_text(st, i),
			    sqlite3_column_bytes(st, i));
		(*rows)++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return 0;
}

static int
run_tds(const char *port, const char *user, const char *pass, const char *sql,
    long *rows, unsigned long *h)
{
	LOGINREC	*login;
	DBPROCESS	*dbp;
	char		 server[64];
	int		 i, n;

	if (dbinit() == FAIL)
		return -1;
	dberrhandle(err_handler);
	login = dblogin();
	DBSETLUSER(login, user);
	DBSETLPWD(login, pass);
	DBSETLCHARSET(login, "UTF-8");
	snprintf(server, sizeof(server), "127.0.0.1:%s", port);
	dbp = dbopen(login, server);
	dbloginfree(login);
	if (dbp == NULL || dbcmd(dbp, sql) == FAIL || dbsqlexec(dbp) == FAIL)
		return -1;
	while (dbresults(dbp) == SUCCEED) {
		n = dbnumcols(dbp);
		while (dbnextrow(dbp) == REG_ROW) {
			for (i = 1; i <= n; i++)
				*h += touch(dbdata(dbp, i), dbdatlen(dbp, i));
			(*rows)++;
		}
	}
	dbclose(dbp);
	dbexit();
	return 0;
}

int
main(int argc, char *argv[])
{
	double		 t0, t;
	long		 rows = 0;
	unsigned long	 h = 0;
	int		 rc;

	t0 = now();
	if (argc == 4 && strcmp(argv[1], "sqlite") == 0)
		rc = run_sqlite(argv[2], argv[3], &rows, &h);
	else if (argc == 6 && strcmp(argv[1], "tds") == 0)
		rc = run_tds(argv[2], argv[3], argv[4], argv[5], &rows, &h);
	else {
		fprintf(stderr, "usage: erpsim-rows sqlite DBFILE SQL\n"
		    "       erpsim-rows tds PORT USER PASSWORD SQL\n");
		return 2;
	}
	t = now() - t0;
	if (rc == -1)
		return 1;
	printf("%ld %.3f %.0f\n", rows, t, rows / (t > 0 ? t : 1e-9));
	fprintf(stderr, "(checksum %lu)\n", h);
	return 0;
}
