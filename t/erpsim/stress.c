/*
 * stress: N db-lib clients run M queries each at once against erpsim (on the
 * test fixture): batches, sp_executesql RPCs and multi-row results, every
 * answer checked. TAP output; the whole run is bounded by an alarm.
 *
 * stress -p PORT -U USER -P PASS [-t THREADS] [-n QUERIES]
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sybfront.h>
#include <sybdb.h>

#include "../lib/tap.h"

static const char	*user, *pass;
static char		 server[64];
static int		 nquery = 1000;
static atomic_int	 nerrors, nwrong, nconnected, ndone;

static int
msg_handler(DBPROCESS *dbp, DBINT msgno, int state, int sev, char *text,
    char *srv, char *proc, int line)
{
	(void)dbp; (void)state; (void)srv; (void)proc; (void)line;
	if (sev > 10) {
		if (atomic_fetch_add(&nerrors, 1) < 5)
			diag("server message %d: %s", (int)msgno, text);
	}
	return 0;
}

static int
err_handler(DBPROCESS *dbp, int sev, int dberr, int oserr, char *dberrstr,
    char *oserrstr)
{
	(void)dbp; (void)sev; (void)oserr; (void)oserrstr;
	if (atomic_fetch_add(&nerrors, 1) < 5)
		diag("db-lib error %d: %s", dberr, dberrstr);
	return INT_CANCEL;
}

/* Sums column 1 over all rows of all results; counts the rows. */
static int
collect(DBPROCESS *dbp, long *sum, int *rows)
{
	RETCODE	 rc;

	*sum = 0;
	*rows = 0;
	while ((rc = dbresults(dbp)) != NO_MORE_RESULTS) {
		if (rc == FAIL)
			return -1;
		while ((rc = dbnextrow(dbp)) != NO_MORE_ROWS) {
			if (rc == FAIL)
				return -1;
			*sum += *(DBINT *)dbdata(dbp, 1);
			(*rows)++;
		}
	}
	return 0;
}

static void *
client(void *arg)
{
	LOGINREC	*login;
	DBPROCESS	*dbp;
	DBINT		 k;
	long		 sum;
	int		 i, rows, kind, id = (int)(intptr_t)arg;
	char		 sql[200];

	login = dblogin();
	DBSETLUSER(login, user);
	DBSETLPWD(login, pass);
	DBSETLAPP(login, "stress");
	dbp = dbopen(login, server);
	dbloginfree(login);
	if (dbp == NULL)
		return NULL;
	atomic_fetch_add(&nconnected, 1);
	for (i = 0; i < nquery; i++) {
		k = (DBINT)((i + id) % 5 + 1);
		kind = i % 3;
		if (kind == 0) {
			snprintf(sql, sizeof(sql), "select count(*) from Dlyndx "
			    "where Vchcode <= %d", (int)k);
			if (dbcmd(dbp, sql) == FAIL || dbsqlexec(dbp) == FAIL)
				goto fail;
		} else if (kind == 1) {
			static const char stmt[] = "select count(*) from Dlyndx "
			    "where Vchcode <= @k";
			static const char defs[] = "@k int";

			if (dbrpcinit(dbp, "sp_executesql", 0) == FAIL ||
			    dbrpcparam(dbp, "@stmt", 0, SYBVARCHAR, -1,
			    (DBINT)strlen(stmt), (BYTE *)stmt) == FAIL ||
			    dbrpcparam(dbp, "@params", 0, SYBVARCHAR, -1,
			    (DBINT)strlen(defs), (BYTE *)defs) == FAIL ||
			    dbrpcparam(dbp, "@k", 0, SYBINT4, -1, -1,
			    (BYTE *)&k) == FAIL ||
			    dbrpcsend(dbp) == FAIL || dbsqlok(dbp) == FAIL)
				goto fail;
		} else {
			snprintf(sql, sizeof(sql), "select Vchcode from Dlyndx "
			    "where Vchcode <= %d order by Vchcode; select 0",
			    (int)k);
			if (dbcmd(dbp, sql) == FAIL || dbsqlexec(dbp) == FAIL)
				goto fail;
		}
		if (collect(dbp, &sum, &rows) == -1)
			goto fail;
		if (kind < 2 ? (rows != 1 || sum != k) :
		    (rows != k + 1 || sum != (long)k * (k + 1) / 2))
			atomic_fetch_add(&nwrong, 1);
		atomic_fetch_add(&ndone, 1);
		continue;
	fail:
		atomic_fetch_add(&nerrors, 1);
		break;
	}
	dbclose(dbp);
	return NULL;
}

int
main(int argc, char *argv[])
{
	pthread_t	*th;
	struct timespec	 t0, t1;
	double		 secs;
	int		 c, i, port = 0, nthread = 20;

	while ((c = getopt(argc, argv, "p:U:P:t:n:")) != -1) {
		switch (c) {
		case 'p': port = atoi(optarg); break;
		case 'U': user = optarg; break;
		case 'P': pass = optarg; break;
		case 't': nthread = atoi(optarg); break;
		case 'n': nquery = atoi(optarg); break;
		default: return 2;
		}
	}
	if (port == 0 || user == NULL || pass == NULL || nthread < 1 ||
	    nthread > 200 || nquery < 1) {
		fprintf(stderr, "usage: stress -p PORT -U USER -P PASS "
		    "[-t THREADS] [-n QUERIES]\n");
		return 2;
	}
	alarm(300);	/* bounded: a hang fails the test instead of blocking */
	plan(4);
	snprintf(server, sizeof(server), "127.0.0.1:%d", port);
	if (dbinit() == FAIL)
		return 1;
	dberrhandle(err_handler);
	dbmsghandle(msg_handler);
	if ((th = calloc((size_t)nthread, sizeof(*th))) == NULL)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < nthread; i++)
		if (pthread_create(&th[i], NULL, client, (void *)(intptr_t)i) != 0)
			return 1;
	for (i = 0; i < nthread; i++)
		pthread_join(th[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	is_int(atomic_load(&nconnected), nthread, "%d clients connected at once",
	    nthread);
	is_int(atomic_load(&ndone), (long long)nthread * nquery,
	    "%d x %d queries answered", nthread, nquery);
	is_int(atomic_load(&nerrors), 0, "no errors");
	is_int(atomic_load(&nwrong), 0, "every answer was right");
	diag("%d queries in %.2f s: %.0f queries/s", atomic_load(&ndone), secs,
	    atomic_load(&ndone) / (secs > 0 ? secs : 1));
	free(th);
	dbexit();
	return done_testing();
}
