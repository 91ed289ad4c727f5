/*
 * dbclient: a FreeTDS db-lib client for erpsim's tests. It prints rows the
 * way the sqlite3 CLI does in list mode ('|' between columns, NULL empty),
 * with money and decimals at their scale and datetimes with milliseconds.
 *
 * dbclient -p PORT -U USER -P PASS [-D DB] [-V 7.1..7.4] [-k PKTSIZE] COMMAND ...
 *   sql TEXT                  run a batch, print every result set's rows
 *   rpc TEXT DEFS [VALUE...]  sp_executesql by name (dbrpcinit); values are
 *                             i:INT f:FLOAT m:MONEY s:TEXT d:DATETIME n:(NULL)
 *   types TEXT                print name, db-lib type and size per column
 *   cancel TEXT MS            send TEXT, dbcancel() after MS ms, then
 *                             prove the connection works ("select 42")
 * Messages go to stderr as "Msg N: text"; exit 1 if any error came back.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sybfront.h>
#include <sybdb.h>

static int	 errors;

static int
msg_handler(DBPROCESS *dbp, DBINT msgno, int state, int sev, char *text,
    char *srv, char *proc, int line)
{
	(void)dbp; (void)state; (void)srv; (void)proc; (void)line;
	if (msgno == 5701 || msgno == 5703)
		return 0;
	fprintf(stderr, "Msg %d: %s\n", (int)msgno, text);
	if (sev > 10)
		errors++;
	return 0;
}

static int
err_handler(DBPROCESS *dbp, int sev, int dberr, int oserr, char *dberrstr,
    char *oserrstr)
{
	(void)dbp; (void)sev; (void)oserr; (void)oserrstr;
	/* 20047 "DBPROCESS is dead" after a failed login is expected */
	fprintf(stderr, "Error %d: %s\n", dberr, dberrstr);
	errors++;
	return INT_CANCEL;
}

static void
print_value(DBPROCESS *dbp, int col)
{
	BYTE		*d = dbdata(dbp, col);
	DBINT		 len = dbdatlen(dbp, col);
	int		 type = dbcoltype(dbp, col);
	char		 buf[128];
	DBDATEREC	 dr;
	long long	 m;

	if (d == NULL)
		return;
	switch (type) {
	case SYBINT1:
		printf("%u", *(DBTINYINT *)d);
		break;
	case SYBBIT:
		printf("%d", *(DBBIT *)d ? 1 : 0);
		break;
	case SYBINT2:
		printf("%d", *(DBSMALLINT *)d);
		break;
	case SYBINT4:
		printf("%d", *(DBINT *)d);
		break;
	case SYBINT8:
		printf("%lld", (long long)*(DBBIGINT *)d);
		break;
	case SYBFLT8:
		printf("%.15g", *(DBFLT8 *)d);
		break;
	case SYBREAL:
		printf("%.7g", (double)*(DBREAL *)d);
		break;
	case SYBMONEY:
		m = (long long)((unsigned long long)(unsigned)((DBMONEY *)d)->mnyhigh
		    << 32 | ((DBMONEY *)d)->mnylow);
		printf("%s%lld.%04lld", m < 0 ? "-" : "", llabs(m) / 10000,
		    llabs(m) % 10000);
		break;
	case SYBDATETIME:
		dbdatecrack(dbp, &dr, (DBDATETIME *)d);
		printf("%04d-%02d-%02d %02d:%02d:%02d.%03d", dr.dateyear,
		    dr.datemonth + 1, dr.datedmonth, dr.datehour, dr.dateminute,
		    dr.datesecond, dr.datemsecond);
		break;
	case SYBDECIMAL:
	case SYBNUMERIC:
		len = dbconvert(dbp, type, d, len, SYBCHAR, (BYTE *)buf,
		    sizeof(buf) - 1);
		buf[len > 0 ? len : 0] = '\0';
		fputs(buf, stdout);
		break;
	default:
		fwrite(d, 1, (size_t)len, stdout);
		break;
	}
}

/* Prints all result sets; returns 0, or -1 on a failed command. */
static int
print_results(DBPROCESS *dbp, int types)
{
	RETCODE	 rc;
	int	 i, n, ret = 0;

	while ((rc = dbresults(dbp)) != NO_MORE_RESULTS) {
		if (rc == FAIL) {
			ret = -1;
			continue;
		}
		n = dbnumcols(dbp);
		if (types) {
			for (i = 1; i <= n; i++)
				printf("%s:%d:%d\n", dbcolname(dbp, i),
				    dbcoltype(dbp, i), (int)dbcollen(dbp, i));
			while (dbnextrow(dbp) != NO_MORE_ROWS)
				;
			continue;
		}
		while ((rc = dbnextrow(dbp)) != NO_MORE_ROWS) {
			if (rc == FAIL) {
				ret = -1;
				break;
			}
			for (i = 1; i <= n; i++) {
				if (i > 1)
					putchar('|');
				print_value(dbp, i);
			}
			putchar('\n');
		}
		if (n > 0)
			fprintf(stderr, "(%d rows)\n", (int)dbcount(dbp));
	}
	return ret;
}

static int
run_sql(DBPROCESS *dbp, const char *sql, int types)
{
	if (dbcmd(dbp, sql) == FAIL || dbsqlexec(dbp) == FAIL) {
		/* drain what came back (the error) */
		print_results(dbp, types);
		return -1;
	}
	return print_results(dbp, types);
}

/* sp_executesql by name with named parameters taken from defs. */
static int
run_rpc(DBPROCESS *dbp, const char *sql, const char *defs, int nv, char **v)
{
	char		 names[64][64];
	const char	*p = defs;
	int		 nn = 0, i, k;
	DBINT		 ival[64];
	DBFLT8		 fval[64];
	DBMONEY		 mval[64];
	DBDATETIME	 dval[64];

	while (*p != '\0' && nn < 64) {
		if (*p++ != '@')
			continue;
		names[nn][0] = '@';
		for (k = 1; k < 63 && *p != '\0' && *p != ' ' && *p != ','; k++)
			names[nn][k] = *p++;
		names[nn++][k] = '\0';
		while (*p != '\0' && *p != ',')
			p++;
	}
	if (dbrpcinit(dbp, "sp_executesql", 0) == FAIL ||
	    dbrpcparam(dbp, "@stmt", 0, SYBVARCHAR, -1, (DBINT)strlen(sql),
	    (BYTE *)sql) == FAIL ||
	    dbrpcparam(dbp, "@params", 0, SYBVARCHAR, -1, (DBINT)strlen(defs),
	    (BYTE *)defs) == FAIL)
		return -1;
	for (i = 0; i < nv && i < 64; i++) {
		const char *name = i < nn ? names[i] : "";
		const char *val = v[i] + 2;
		RETCODE rc = FAIL;

		switch (v[i][0]) {
		case 'i':
			ival[i] = atoi(val);
			rc = dbrpcparam(dbp, name, 0, SYBINT4, -1, -1,
			    (BYTE *)&ival[i]);
			break;
		case 'f':
			fval[i] = atof(val);
			rc = dbrpcparam(dbp, name, 0, SYBFLT8, -1, -1,
			    (BYTE *)&fval[i]);
			break;
		case 'm':
			if (dbconvert(dbp, SYBCHAR, (const BYTE *)val, -1,
			    SYBMONEY, (BYTE *)&mval[i], sizeof(mval[i])) > 0)
				rc = dbrpcparam(dbp, name, 0, SYBMONEY, -1, -1,
				    (BYTE *)&mval[i]);
			break;
		case 'd':
			if (dbconvert(dbp, SYBCHAR, (const BYTE *)val, -1,
			    SYBDATETIME, (BYTE *)&dval[i], sizeof(dval[i])) > 0)
				rc = dbrpcparam(dbp, name, 0, SYBDATETIME, -1, -1,
				    (BYTE *)&dval[i]);
			break;
		case 'n':
			rc = dbrpcparam(dbp, name, 0, SYBINT4, -1, 0, NULL);
			break;
		default:
			rc = dbrpcparam(dbp, name, 0, SYBVARCHAR, -1,
			    (DBINT)strlen(val), (BYTE *)val);
			break;
		}
		if (rc == FAIL)
			return -1;
	}
	if (dbrpcsend(dbp) == FAIL || dbsqlok(dbp) == FAIL) {
		print_results(dbp, 0);
		return -1;
	}
	return print_results(dbp, 0);
}

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
run_cancel(DBPROCESS *dbp, const char *sql, int ms)
{
	double	 t0, t1;

	if (dbcmd(dbp, sql) == FAIL || dbsqlsend(dbp) == FAIL)
		return -1;
	usleep((useconds_t)ms * 1000);
	t0 = now_ms();
	if (dbcancel(dbp) == FAIL)
		return -1;
	t1 = now_ms();
	printf("cancelled in %.0f ms\n", t1 - t0);
	return run_sql(dbp, "select 42", 0);
}

int
main(int argc, char *argv[])
{
	LOGINREC	*login;
	DBPROCESS	*dbp;
	const char	*user = NULL, *pass = NULL, *db = NULL, *ver = NULL;
	char		 server[64];
	int		 c, port = 0, rc = -1, pkt = 0;

	while ((c = getopt(argc, argv, "p:U:P:D:V:k:")) != -1) {
		switch (c) {
		case 'p': port = atoi(optarg); break;
		case 'U': user = optarg; break;
		case 'P': pass = optarg; break;
		case 'D': db = optarg; break;
		case 'V': ver = optarg; break;
		case 'k': pkt = atoi(optarg); break;
		default: return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || port == 0 || user == NULL || pass == NULL) {
		fprintf(stderr, "usage: dbclient -p PORT -U USER -P PASS [-D DB] "
		    "[-V VER] sql|rpc|types|cancel ...\n");
		return 2;
	}
	if (ver != NULL)
		setenv("TDSVER", ver, 1);
	if (dbinit() == FAIL)
		return 1;
	dberrhandle(err_handler);
	dbmsghandle(msg_handler);
	login = dblogin();
	DBSETLUSER(login, user);
	DBSETLPWD(login, pass);
	DBSETLAPP(login, "dbclient");
	DBSETLCHARSET(login, "UTF-8");
	if (db != NULL)
		DBSETLDBNAME(login, db);
	if (pkt > 0)
		DBSETLPACKET(login, pkt);
	snprintf(server, sizeof(server), "127.0.0.1:%d", port);
	if ((dbp = dbopen(login, server)) == NULL) {
		dbloginfree(login);
		dbexit();
		return 1;
	}
	dbloginfree(login);
	if (strcmp(argv[0], "sql") == 0)
		rc = run_sql(dbp, argv[1], 0);
	else if (strcmp(argv[0], "types") == 0)
		rc = run_sql(dbp, argv[1], 1);
	else if (strcmp(argv[0], "rpc") == 0 && argc >= 3)
		rc = run_rpc(dbp, argv[1], argv[2], argc - 3, argv + 3);
	else if (strcmp(argv[0], "cancel") == 0 && argc >= 3)
		rc = run_cancel(dbp, argv[1], atoi(argv[2]));
	dbclose(dbp);
	dbexit();
	return rc == 0 && errors == 0 ? 0 : 1;
}
