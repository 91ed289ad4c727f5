/*
 * erp_tds.c: the gateway's side of FreeTDS db-lib (erp_tds.h): the gateway
 * object, db-lib's handlers and the wording of failures, the connection
 * cache, running one profile query as an RPC, and reading its columns.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <sybfront.h>
#include <sybdb.h>

#include "dz.h"
#include "crypt.h"
#include "erp.h"
#include "erp_tds.h"
#include "erp_import.h"
#include "erp_guard.h"
#include "erp_value.h"
#include "form.h"
#include "lang.h"
#include "log.h"

/*
 * erp_value.c decodes values without db-lib: its type codes and layouts
 * must stay db-lib's.
 */
#define SAME(a, b)	((int)(a) == (int)(b))
_Static_assert(SAME(DZ_ERP_V_MONEY, SYBMONEY) && SAME(DZ_ERP_V_MONEY4, SYBMONEY4) &&
    SAME(DZ_ERP_V_DECIMAL, SYBDECIMAL) && SAME(DZ_ERP_V_NUMERIC, SYBNUMERIC) &&
    SAME(DZ_ERP_V_FLT8, SYBFLT8) && SAME(DZ_ERP_V_REAL, SYBREAL) &&
    SAME(DZ_ERP_V_INT1, SYBINT1) && SAME(DZ_ERP_V_INT2, SYBINT2) &&
    SAME(DZ_ERP_V_INT4, SYBINT4) && SAME(DZ_ERP_V_INT8, SYBINT8) &&
    SAME(DZ_ERP_V_BIT, SYBBIT) && SAME(DZ_ERP_V_CHAR, SYBCHAR) &&
    SAME(DZ_ERP_V_VARCHAR, SYBVARCHAR) && SAME(DZ_ERP_V_TEXT, SYBTEXT) &&
    SAME(DZ_ERP_V_NVARCHAR, SYBNVARCHAR), "erp_value.h type codes are db-lib's");
_Static_assert(sizeof(DBMONEY) == 8 && offsetof(DBMONEY, mnyhigh) == 0 &&
    sizeof(DBMONEY4) == 4 && sizeof(DBDECIMAL) == DZ_ERP_DECIMAL_SIZE &&
    offsetof(DBDECIMAL, array) == 2, "erp_value.h layouts are db-lib's");

/*
 * Why FreeTDS db-lib and not ct-lib: a worker serves one request at a time,
 * so db-lib's process-wide handlers and timeouts cost nothing, and db-lib
 * gives in a few calls what this gateway needs: dbrpcinit/dbrpcparam for
 * sp_executesql with bound parameters, dbsetlogintime/dbsettime whose
 * behaviour on a dead or hung server is measured (security-reference §6.5),
 * and dbdata() with the raw MONEY halves, so amounts are read exactly.
 * ct-lib would need a context, a connection and a command object, ct_param
 * and a CS_DATAFMT per bound column: three times the code for the same
 * bytes on the wire.
 */

#define COLS_MAX	16
#define WHY_MAX		256

struct erp_conn {
	struct dz_erp_dsn	 dsn;	/* what it was opened with (a secret) */
	DBPROCESS		*dbp;
	time_t			 used;
};

struct dz_erp {
	int			 login_timeout;
	int			 query_timeout;
	time_t			 deadline;	/* 0: none */
	struct dz_erp_profiles	*profiles;
	struct erp_conn		 conn[DZ_ERP_CONNS_MAX];
	char			 why[WHY_MAX];
	struct erp_guard	 guard;		/* breaker and slots per target */
	struct dz_db		*store;		/* imported ledgers (kind import) */
};

/*
 * What the handlers saw during the current call. db-lib's handlers are
 * process-wide, and a worker runs one call at a time.
 */
static struct {
	int	 dberr;		/* first decisive db-lib error */
	int	 oserr;
	int	 timeout;	/* SYBETIME seen */
	int	 msgno;		/* first server error (severity > 10) */
	char	 msg[160];
} last;

static int	 erp_inited;

static void
last_reset(void)
{
	memset(&last, 0, sizeof(last));
}

static int
err_handler(DBPROCESS *dbp, int severity, int dberr, int oserr, char *dberrstr,
    char *oserrstr)
{
	/* 20002 "connection failed" follows the error that says why. */
	if (last.dberr == 0 || last.dberr == SYBEFCON) {
		last.dberr = dberr;
		last.oserr = oserr > 0 ? oserr : 0;
	}
	if (dberr == SYBETIME)
		last.timeout = 1;
	dz_log_debug("erp: db-lib error %d (os %d): %s", dberr, oserr,
	    dberrstr != NULL ? dberrstr : "");
	/*
	 * NOTE: INT_CANCEL, always. db-lib turns INT_TIMEOUT into INT_EXIT
	 * (exit the process) for every error but SYBETIME, and the default
	 * handler exits on a dead connection. On SYBETIME INT_CANCEL closes
	 * the socket: a hung server costs one timeout, not a second wait for
	 * the acknowledgement of a cancel. The dead connection is closed and
	 * opened again on the next call.
	 */
	return INT_CANCEL;
}

static int
msg_handler(DBPROCESS *dbp, DBINT msgno, int state, int severity, char *text,
    char *server, char *proc, int line)
{
	size_t	i;

	if (severity <= 10)	/* 5701 "changed database context" and such */
		return 0;
	if (last.msgno == 0) {
		last.msgno = (int)msgno;
		snprintf(last.msg, sizeof(last.msg), "%s", text != NULL ? text : "");
		for (i = 0; last.msg[i] != '\0'; i++)
			if ((unsigned char)last.msg[i] < 0x20)
				last.msg[i] = ' ';
	}
	dz_log_debug("erp: server message %d severity %d: %s", (int)msgno, severity,
	    text != NULL ? text : "");
	return 0;
}

void
erp_why(struct dz_erp *e, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(e->why, sizeof(e->why), fmt, ap);
	va_end(ap);
}

const char *
dz_erp_why(const struct dz_erp *e)
{
	return e != NULL ? e->why : "";
}

/*
 * Name the failure of a login (opening) or a query from what the handlers
 * saw. server is "host:port" for the messages.
 */
static enum dz_err
classify(struct dz_erp *e, int opening, const char *server)
{
	switch (last.msgno) {
	case 18456: case 18452: case 18470: case 18486: case 18487: case 18488:
		erp_why(e, LANG_erp_login_bad, last.msgno);
		return DZ_ERR_ERP_LOGIN;
	case 4060: case 911:
		erp_why(e, LANG_erp_no_database, last.msgno);
		return DZ_ERR_ERP_NODB;
	default:
		break;
	}
	if (last.timeout) {
		if (opening)
			erp_why(e, LANG_erp_login_timeout, server,
			    e->login_timeout);
		else
			erp_why(e, LANG_erp_query_timeout);
		return DZ_ERR_ERP_TIMEOUT;
	}
	if (opening) {
		switch (last.oserr) {
		case ECONNREFUSED:
			erp_why(e, LANG_erp_refused, server);
			return DZ_ERR_ERP_CONNECT;
		case EHOSTUNREACH: case ENETUNREACH: case EHOSTDOWN:
			erp_why(e, LANG_erp_unreachable, server);
			return DZ_ERR_ERP_CONNECT;
		case ETIMEDOUT:
			erp_why(e, LANG_erp_connect_timeout, server);
			return DZ_ERR_ERP_TIMEOUT;
		default:
			break;
		}
		if (last.dberr == SYBEUHST || last.dberr == 20012 /* SYBEUNAM */) {
			erp_why(e, LANG_erp_unknown_host, server);
			return DZ_ERR_ERP_CONNECT;
		}
		if (last.msgno != 0) {
			erp_why(e, LANG_erp_login_refused, last.msg, last.msgno);
			return DZ_ERR_ERP_LOGIN;
		}
		erp_why(e, LANG_erp_connect_failed, server, last.dberr);
		return DZ_ERR_ERP_CONNECT;
	}
	if (last.msgno != 0)
		erp_why(e, LANG_erp_query_failed, last.msg, last.msgno);
	else
		erp_why(e, LANG_erp_broken, last.dberr);
	return DZ_ERR_ERP;
}

enum dz_err
dz_erp_init(struct dz_erp **out, const char *profile_dir, int login_timeout,
    int query_timeout)
{
	struct dz_erp	*e;
	char		 reason[512];
	enum dz_err	 rc;

	*out = NULL;
	if (profile_dir == NULL || login_timeout < 1 || login_timeout > 600 ||
	    query_timeout < 1 || query_timeout > 600)
		return DZ_ERR_INVAL;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return DZ_ERR_NOMEM;
	/* Every profile, checked now: a bad one stops the program here. */
	rc = dz_erp_profiles_load(profile_dir, &e->profiles, reason, sizeof(reason));
	if (rc != DZ_OK) {
		dz_log_err("erp: bad ERP profile: %s", rc == DZ_ERR_NOMEM ?
		    "out of memory" : reason);
		free(e);
		return rc;
	}
	if (!erp_inited) {
		if (dbinit() == FAIL) {
			dz_log_err("erp: dbinit failed");
			dz_erp_profiles_free(e->profiles);
			free(e);
			return DZ_ERR_ERP;
		}
		/* Before anything can fail: the defaults exit the process. */
		dberrhandle(err_handler);
		dbmsghandle(msg_handler);
		erp_inited = 1;
	}
	e->login_timeout = login_timeout;
	e->query_timeout = query_timeout;
	*out = e;
	return DZ_OK;
}

static void
conn_close(struct erp_conn *c)
{
	if (c->dbp != NULL)
		dbclose(c->dbp);
	c->dbp = NULL;
	dz_erp_dsn_wipe(&c->dsn);
	c->used = 0;
}

void
dz_erp_free(struct dz_erp *e)
{
	size_t	i;

	if (e == NULL)
		return;
	for (i = 0; i < DZ_ERP_CONNS_MAX; i++)
		conn_close(&e->conn[i]);
	dz_erp_profiles_free(e->profiles);
	dz_wipe(e, sizeof(*e));
	free(e);
}

void
dz_erp_idle(struct dz_erp *e, int force)
{
	time_t	now = time(NULL);
	size_t	i;

	if (e == NULL)
		return;
	for (i = 0; i < DZ_ERP_CONNS_MAX; i++)
		if (e->conn[i].dbp != NULL && (force ||
		    now - e->conn[i].used >= DZ_ERP_IDLE_SECONDS)) {
			dz_log_debug("erp: closing an idle connection");
			conn_close(&e->conn[i]);
		}
}

void
dz_erp_deadline(struct dz_erp *e, int seconds)
{
	e->deadline = seconds > 0 ? time(NULL) + seconds : 0;
}

/* The seconds a wait may take now: full, or what is left of the budget. */
static enum dz_err
budget(struct dz_erp *e, int full, int *secs)
{
	time_t	now;

	*secs = full;
	if (e->deadline == 0)
		return DZ_OK;
	now = time(NULL);
	if (now >= e->deadline) {
		erp_why(e, LANG_erp_query_timeout);
		return DZ_ERR_ERP_TIMEOUT;
	}
	if (e->deadline - now < full)
		*secs = (int)(e->deadline - now);
	return DZ_OK;
}

int
dz_erp_kind_at(const struct dz_erp *e, size_t i, const char **kind, const char **name)
{
	const struct dz_erp_profile	*p;

	if (e == NULL || (p = dz_erp_profiles_at(e->profiles, i)) == NULL)
		return 0;
	*kind = dz_erp_profile_kind(p);
	*name = dz_erp_profile_name(p);
	return 1;
}

/* ---- Columns ------------------------------------------------------------ */

/* The result column (1-based) of contract column col, 0 when absent. */
static int
rescol(const struct erp_row *r, int col)
{
	return col >= 0 && (size_t)col < r->ncols ? r->idx[col] : 0;
}

int
erp_col_null(const struct erp_row *r, int col)
{
	int	c = rescol(r, col);

	if (r->rows != NULL)
		return erp_import_col_null(r, col);
	return c <= 0 || dbdata(r->dbp, c) == NULL;
}

enum dz_err
erp_col_fixed(const struct erp_row *r, int col, int scale, int64_t *out)
{
	int	c = rescol(r, col);

	if (erp_col_null(r, col)) {
		*out = 0;
		return DZ_OK;	/* NULL amounts count as zero (ISNULL) */
	}
	if (r->rows != NULL)
		return erp_import_col_fixed(r, col, scale, out);
	return dz_erp_value_fixed(dbcoltype(r->dbp, c), dbdata(r->dbp, c),
	    dbdatlen(r->dbp, c), scale, out);
}

enum dz_err
erp_col_int(const struct erp_row *r, int col, int64_t *out)
{
	int	c = rescol(r, col);

	if (erp_col_null(r, col))
		return DZ_ERR_INVAL;
	if (r->rows != NULL)
		return erp_import_col_fixed(r, col, 0, out);
	return dz_erp_value_fixed(dbcoltype(r->dbp, c), dbdata(r->dbp, c),
	    dbdatlen(r->dbp, c), 0, out);
}

/*
 * Text is already UTF-8 (the client charset); other types (a numeric id)
 * are printed by db-lib.
 */
void
erp_col_text(const struct erp_row *r, int col, char *buf, size_t bufsz)
{
	const BYTE	*p;
	DBINT		 n, m;
	int		 c = rescol(r, col), t;

	buf[0] = '\0';
	if (erp_col_null(r, col))
		return;
	if (r->rows != NULL) {
		erp_import_col_text(r, col, buf, bufsz);
		return;
	}
	t = dbcoltype(r->dbp, c);
	p = dbdata(r->dbp, c);
	n = dbdatlen(r->dbp, c);
	if (t != SYBCHAR && t != SYBVARCHAR && t != SYBTEXT && t != SYBNVARCHAR) {
		m = dbconvert(r->dbp, t, (BYTE *)(uintptr_t)p, n, SYBCHAR,
		    (BYTE *)buf, (DBINT)bufsz - 1);
		buf[m > 0 && (size_t)m < bufsz ? (size_t)m : 0] = '\0';
		return;
	}
	dz_erp_value_text(p, n > 0 ? (size_t)n : 0, buf, bufsz);
}

enum dz_err
erp_col_date(const struct erp_row *r, int col, char out[11])
{
	char	buf[32];
	int	c = rescol(r, col), t, y, m, d;

	if (erp_col_null(r, col))
		return DZ_ERR_INVAL;
	if (r->rows != NULL) {
		erp_col_text(r, col, buf, sizeof(buf));
		goto text;
	}
	t = dbcoltype(r->dbp, c);
	if (t == SYBDATETIME || t == SYBDATETIME4 || t == SYBMSDATE ||
	    t == SYBMSDATETIME2) {
		DBDATEREC2	dr;

		if (dbanydatecrack(r->dbp, &dr, t, dbdata(r->dbp, c)) == FAIL)
			return DZ_ERR_INVAL;
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", (int)dr.dateyear,
		    (int)dr.datemonth + 1, (int)dr.datedmonth);
	} else
		erp_col_text(r, col, buf, sizeof(buf));
text:
	/* Some ERPs keep a time after the date: '2026-10-07 00:00:00'. */
	if (strlen(buf) > 10 && buf[10] == ' ')
		buf[10] = '\0';
	if (dz_date_parse(buf, &y, &m, &d) != 0)
		return DZ_ERR_INVAL;
	memcpy(out, buf, 11);
	return DZ_OK;
}

/* ---- Connections and RPC ---------------------------------------------------- */

static struct erp_conn *
conn_find(struct dz_erp *e, const struct dz_erp_dsn *d)
{
	size_t	i;

	for (i = 0; i < DZ_ERP_CONNS_MAX; i++) {
		struct erp_conn *c = &e->conn[i];

		if (c->dbp != NULL && c->dsn.port == d->port &&
		    strcmp(c->dsn.host, d->host) == 0 &&
		    strcmp(c->dsn.instance, d->instance) == 0 &&
		    strcmp(c->dsn.database, d->database) == 0 &&
		    strcmp(c->dsn.uid, d->uid) == 0 &&
		    c->dsn.encrypt == d->encrypt && strcmp(c->dsn.ca, d->ca) == 0 &&
		    dz_crypt_equal(c->dsn.pwd, d->pwd, sizeof(d->pwd)))
			return c;
	}
	return NULL;
}

/* A free slot, or the least recently used one, closed. */
static struct erp_conn *
conn_slot(struct dz_erp *e)
{
	struct erp_conn	*best = &e->conn[0];
	size_t		 i;

	for (i = 0; i < DZ_ERP_CONNS_MAX; i++) {
		if (e->conn[i].dbp == NULL)
			return &e->conn[i];
		if (e->conn[i].used < best->used)
			best = &e->conn[i];
	}
	conn_close(best);
	return best;
}

/*
 * FreeTDS takes encryption and its CA file from its configuration file
 * alone (db-lib's login record has no such fields). So each address gets
 * a file of its own, named by a hash of what goes in it, in ERP.StateDir
 * (or a private folder of the process): the [global] section of the base
 * file FREETDSCONF named at start, then a server "dz" with the host, port
 * or instance, "encryption" and "ca file"; FREETDSCONF points at it while
 * dbopen reads it. A file once written is used as it is (its name is its
 * content).
 */
static char	*base_conf;		/* the [global] text of the base file */
static char	 base_path[512];
static char	 own_dir[64];

static void
base_load(void)
{
	const char	*p = getenv("FREETDSCONF");
	FILE		*f;
	long		 n;

	if (base_conf != NULL)
		return;
	if (p != NULL && *p != '\0' && base_path[0] == '\0')
		dz_copy(base_path, sizeof(base_path), p);
	if (base_path[0] != '\0' && (f = fopen(base_path, "r")) != NULL) {
		if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && n < 65536 &&
		    fseek(f, 0, SEEK_SET) == 0 && (base_conf = calloc(1, (size_t)n + 1)) != NULL &&
		    fread(base_conf, 1, (size_t)n, f) != (size_t)n) {
			free(base_conf);
			base_conf = NULL;
		}
		fclose(f);
	}
	if (base_conf == NULL)
		base_conf = strdup("[global]\n\ttds version = 7.4\n\tclient charset = UTF-8\n");
}

static uint64_t
fnv1a(const char *s, uint64_t h)
{
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static enum dz_err
tds_conf(struct dz_erp *e, const struct dz_erp_dsn *d, char *path, size_t sz)
{
	static const char *const level[] = {
		[DZ_ERP_ENC_REQUIRE] = "require", [DZ_ERP_ENC_OFF] = "off",
		[DZ_ERP_ENC_LEGACY] = "request",
	};
	char		 sect[DZ_ERP_HOST_MAX + DZ_ERP_PATH_MAX + 200], tmp[700], port[16];
	const char	*dir = e->guard.dir;
	uint64_t	 h;
	FILE		*f;
	int		 fd;

	base_load();
	if (base_conf == NULL)
		return DZ_ERR_NOMEM;
	if (*dir == '\0') {
		if (own_dir[0] == '\0') {
			snprintf(own_dir, sizeof(own_dir), "/tmp/dz-tds.XXXXXX");
			if (mkdtemp(own_dir) == NULL) {
				own_dir[0] = '\0';
				return DZ_ERR_IO;
			}
		}
		dir = own_dir;
	}
	snprintf(port, sizeof(port), "%u", d->port);
	snprintf(sect, sizeof(sect), "\n[dz]\n\thost = %s\n\t%s = %s\n"
	    "\tencryption = %s\n%s%s%s", d->host, d->port != 0 ? "port" : "instance",
	    d->port != 0 ? port : d->instance, level[d->encrypt],
	    d->encrypt == DZ_ERP_ENC_REQUIRE ? "\tca file = " : "",
	    d->encrypt == DZ_ERP_ENC_REQUIRE ? d->ca : "",
	    d->encrypt == DZ_ERP_ENC_REQUIRE ? "\n\tcheck certificate hostname = yes\n" : "");
	h = fnv1a(sect, fnv1a(base_conf, 0xcbf29ce484222325ULL));
	if (snprintf(path, sz, "%s/tds-%016llx.conf", dir, (unsigned long long)h) >= (int)sz)
		return DZ_ERR_TOOBIG;
	if (access(path, R_OK) == 0)
		return DZ_OK;
	snprintf(tmp, sizeof(tmp), "%s.%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		if (fd != -1)
			close(fd);
		dz_log_err("erp: cannot write %s: %s", tmp, strerror(errno));
		return DZ_ERR_IO;
	}
	fprintf(f, "# made by duizhang for one data address (lib/erp_tds.c)\n%s%s",
	    base_conf, sect);
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		dz_log_err("erp: cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		return DZ_ERR_IO;
	}
	return DZ_OK;
}

static enum dz_err
conn_open(struct dz_erp *e, struct erp_conn *c, const struct dz_erp_dsn *d)
{
	LOGINREC	*login;
	DBPROCESS	*dbp;
	char		 server[DZ_ERP_HOST_MAX + DZ_ERP_INSTANCE_MAX + 16];
	int		 secs;
	enum dz_err	 rc;

	char		 conf[600];

	if (dz_erp_dsn_tds_server(d, server, sizeof(server)) != DZ_OK)
		return DZ_ERR_INVAL;
	if ((rc = tds_conf(e, d, conf, sizeof(conf))) != DZ_OK)
		return rc;
	if ((rc = budget(e, e->login_timeout, &secs)) != DZ_OK)
		return rc;
	last_reset();
	dbsetlogintime(secs);
	dbsettime(secs);
	if ((login = dblogin()) == NULL)
		return DZ_ERR_NOMEM;
	DBSETLUSER(login, d->uid);
	DBSETLPWD(login, d->pwd);
	DBSETLAPP(login, "duizhang");
	DBSETLCHARSET(login, "UTF-8");
	DBSETLDBNAME(login, d->database);
	dbsetlversion(login, DBVERSION_74);
	setenv("FREETDSCONF", conf, 1);
	dbp = dbopen(login, "dz");
	if (base_path[0] != '\0')
		setenv("FREETDSCONF", base_path, 1);
	else
		unsetenv("FREETDSCONF");
	dbloginfree(login);
	if (dbp == NULL) {
		rc = classify(e, 1, server);
		if (d->encrypt == DZ_ERP_ENC_REQUIRE && rc == DZ_ERR_ERP_CONNECT &&
		    last.oserr == 0 && last.msgno == 0 && last.dberr != SYBEUHST &&
		    last.dberr != 20012)
			erp_why(e, LANG_erp_tls_failed, server,
			    strrchr(d->ca, '/') != NULL ? strrchr(d->ca, '/') + 1 : d->ca);
		dz_log_warn("erp: cannot connect to %s: %s", server, e->why);
		return rc;
	}
	c->dbp = dbp;
	c->dsn = *d;
	c->used = time(NULL);
	return DZ_OK;
}

/*
 * Map the contract's columns of the query to result columns (1-based; 0:
 * absent, which only an optional one may be).
 */
static enum dz_err
col_map(struct dz_erp *e, DBPROCESS *dbp, const struct dz_erp_query_def *d, int *idx)
{
	int	n, c;
	size_t	i;

	if (d->ncols > COLS_MAX)
		return DZ_ERR_INVAL;
	n = dbnumcols(dbp);
	for (i = 0; i < d->ncols; i++) {
		idx[i] = 0;
		for (c = 1; c <= n; c++) {
			const char *name = dbcolname(dbp, c);

			if (name != NULL && strcasecmp(name, d->cols[i].name) == 0) {
				idx[i] = c;
				break;
			}
		}
		if (idx[i] == 0 && !d->cols[i].optional) {
			erp_why(e, LANG_erp_no_column, d->cols[i].name);
			dz_log_err("erp: %s: result lacks column %s", d->name,
			    d->cols[i].name);
			return DZ_ERR_ERP;
		}
	}
	return DZ_OK;
}

/*
 * sp_executesql(@stmt = Sql, @params = Params, then each parameter by the
 * name the profile gives it, in the profile's order).
 */
static enum dz_err
exec_rpc(struct dz_erp *e, DBPROCESS *dbp, const struct dz_erp_query_def *d,
    const struct dz_erp_profile_query *q, const struct erp_arg *args,
    struct erp_sink *sink)
{
	struct erp_row	 row;
	int		 idx[COLS_MAX], secs, got = 0;
	int32_t		 i4[DZ_ERP_PARAMS_MAX];
	int64_t		 i8[DZ_ERP_PARAMS_MAX];
	RETCODE		 r;
	STATUS		 st;
	enum dz_err	 rc = DZ_OK;
	size_t		 i;

	if ((rc = budget(e, e->query_timeout, &secs)) != DZ_OK)
		return rc;
	last_reset();
	dbsettime(secs);
	if (dbrpcinit(dbp, "sp_executesql", 0) == FAIL ||
	    dbrpcparam(dbp, "@stmt", 0, SYBVARCHAR, -1, (DBINT)strlen(q->sql),
	    (BYTE *)(uintptr_t)q->sql) == FAIL ||
	    (q->nparams > 0 && dbrpcparam(dbp, "@params", 0, SYBVARCHAR, -1,
	    (DBINT)strlen(q->params), (BYTE *)(uintptr_t)q->params) == FAIL))
		return classify(e, 0, "");
	/* NOTE: dbrpcparam keeps the pointer until dbrpcsend: one slot each. */
	for (i = 0; i < q->nparams; i++) {
		const struct erp_arg	*a = &args[q->param[i]];
		char			*name = (char *)(uintptr_t)q->name[i];

		switch (d->params[q->param[i]].type) {
		case DZ_ERP_T_TEXT:
			r = dbrpcparam(dbp, name, 0, SYBVARCHAR, -1,
			    (DBINT)strlen(a->s), (BYTE *)(uintptr_t)a->s);
			break;
		case DZ_ERP_T_INT:
			i4[i] = (int32_t)a->i;
			r = dbrpcparam(dbp, name, 0, SYBINT4, -1, -1, (BYTE *)&i4[i]);
			break;
		default:
			i8[i] = (int64_t)a->i;
			r = dbrpcparam(dbp, name, 0, SYBINT8, -1, -1, (BYTE *)&i8[i]);
			break;
		}
		if (r == FAIL)
			return classify(e, 0, "");
	}
	if (dbrpcsend(dbp) == FAIL || dbsqlok(dbp) == FAIL)
		return classify(e, 0, "");
	row.dbp = dbp;
	row.idx = idx;
	row.ncols = d->ncols;
	row.rows = NULL;
	row.r = 0;
	while ((r = dbresults(dbp)) == SUCCEED) {
		if (dbnumcols(dbp) == 0 || got) {
			/* Drain what we do not read (a second result set). */
			while (dbnextrow(dbp) != NO_MORE_ROWS)
				if (DBDEAD(dbp))
					break;
			continue;
		}
		got = 1;
		if ((rc = col_map(e, dbp, d, idx)) != DZ_OK) {
			dbcancel(dbp);
			return rc;
		}
		while ((st = dbnextrow(dbp)) != NO_MORE_ROWS) {
			if (st == FAIL)
				return classify(e, 0, "");
			if (st != REG_ROW)
				continue;
			if (!sink->streams && sink->n >= DZ_ERP_ROWS_MAX) {
				erp_why(e, LANG_erp_too_many_rows, DZ_ERP_ROWS_MAX);
				dbcancel(dbp);
				return DZ_ERR_TOOBIG;
			}
			if ((rc = sink->row(sink, &row)) != DZ_OK) {
				if (rc == DZ_ERR_INVAL) {
					erp_why(e, LANG_erp_bad_data);
					rc = DZ_ERR_ERP;
				}
				dbcancel(dbp);
				return rc;
			}
			sink->n++;
		}
	}
	if (r == FAIL)
		return classify(e, 0, "");
	if (last.msgno != 0)
		return classify(e, 0, "");
	e->why[0] = '\0';
	return DZ_OK;
}

static enum dz_err
run_query(struct dz_erp *e, const struct dz_erp_target *t, enum dz_erp_query qid,
    const struct erp_arg *args, struct erp_sink *sink, int fresh)
{
	const struct dz_erp_query_def		*d;
	const struct dz_erp_profile		*p;
	const struct dz_erp_profile_query	*q;
	struct erp_conn				 own, *c;
	enum dz_err				 rc;
	size_t					 i;
	int					 attempt, reused, dead;

	e->why[0] = '\0';
	if ((unsigned int)qid >= DZ_ERP_Q__MAX)
		return DZ_ERR_INVAL;
	d = &dz_erp_contract[qid];
	if (!dz_erp_kind_valid(t->kind)) {
		erp_why(e, LANG_erp_bad_kind);
		return DZ_ERR_INVAL;
	}
	if ((p = dz_erp_profiles_find(e->profiles, t->kind)) == NULL) {
		dz_log_err("erp: no profile %s.hdf", t->kind);
		erp_why(e, LANG_erp_no_profile, t->kind);
		return DZ_ERR_ERP;
	}
	q = dz_erp_profile_query(p, qid);
	for (i = 0; i < d->nparams; i++)
		if (d->params[i].type == DZ_ERP_T_TEXT && args[i].s == NULL)
			return DZ_ERR_INVAL;
	memset(&own, 0, sizeof(own));
	for (attempt = 0; attempt < 2; attempt++) {
		sink->n = 0;
		c = fresh ? NULL : conn_find(e, &t->dsn);
		reused = c != NULL;
		if (c == NULL) {
			c = fresh ? &own : conn_slot(e);
			if ((rc = conn_open(e, c, &t->dsn)) != DZ_OK)
				return rc;
		}
		rc = exec_rpc(e, c->dbp, d, q, args, sink);
		dead = DBDEAD(c->dbp);
		if (rc == DZ_OK || !dead)
			c->used = time(NULL);
		if (fresh || dead)
			conn_close(c);
		if (rc == DZ_OK || !dead || !reused || last.timeout)
			return rc;
		dz_log_info("erp: a cached connection had died; opening it again");
	}
	return rc;
}

/*
 * Through the target's guard (erp_guard.h), except 测试连接 (fresh): an
 * admin testing an address wants its own answer, not the breaker's.
 */
enum dz_err
erp_run(struct dz_erp *e, const struct dz_erp_target *t, enum dz_erp_query qid,
    const struct erp_arg *args, struct erp_sink *sink, int fresh)
{
	struct erp_pass	pass;
	enum dz_err	rc;

	if (dz_erp_kind_imported(t->kind)) {
		e->why[0] = '\0';	/* no ERP: no guard, no connection */
		return erp_import_run(e, e->store, t, qid, args, sink);
	}
	if (fresh)
		return run_query(e, t, qid, args, sink, fresh);
	e->why[0] = '\0';
	if ((rc = erp_guard_enter(&e->guard, &t->dsn, &pass, e->why,
	    sizeof(e->why))) != DZ_OK)
		return rc;
	rc = run_query(e, t, qid, args, sink, fresh);
	erp_guard_leave(&e->guard, &pass, rc);
	return rc;
}

void
dz_erp_store(struct dz_erp *e, struct dz_db *db)
{
	if (e != NULL)
		e->store = db;
}

void
dz_erp_guard(struct dz_erp *e, const char *dir, int max_per_target, int break_s)
{
	if (e == NULL)
		return;
	dz_copy(e->guard.dir, sizeof(e->guard.dir), dir);
	e->guard.max_per_target = max_per_target < 1 ? 1 :
	    max_per_target > DZ_ERP_GUARD_SLOTS_MAX ? DZ_ERP_GUARD_SLOTS_MAX :
	    max_per_target;
	e->guard.break_s = break_s < 1 ? 1 : break_s;
}
