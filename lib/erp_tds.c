/*
 * erp_tds.c: the gateway's side of FreeTDS db-lib (erp_tds.h): the gateway
 * object, db-lib's handlers and the wording of failures, the connection
 * cache, running one profile query as an RPC, and reading its columns.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sybfront.h>
#include <sybdb.h>

#include "dz.h"
#include "crypt.h"
#include "erp.h"
#include "erp_tds.h"
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
};

struct erp_row {
	DBPROCESS	*dbp;
	const int	*idx;		/* contract column -> result column (1-based; 0: absent) */
	size_t		 ncols;		/* the contract's columns of the query */
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
	return dz_erp_value_fixed(dbcoltype(r->dbp, c), dbdata(r->dbp, c),
	    dbdatlen(r->dbp, c), scale, out);
}

enum dz_err
erp_col_int(const struct erp_row *r, int col, int64_t *out)
{
	int	c = rescol(r, col);

	if (erp_col_null(r, col))
		return DZ_ERR_INVAL;
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

static enum dz_err
conn_open(struct dz_erp *e, struct erp_conn *c, const struct dz_erp_dsn *d)
{
	LOGINREC	*login;
	DBPROCESS	*dbp;
	char		 server[DZ_ERP_HOST_MAX + DZ_ERP_INSTANCE_MAX + 16];
	int		 secs;
	enum dz_err	 rc;

	if (dz_erp_dsn_tds_server(d, server, sizeof(server)) != DZ_OK)
		return DZ_ERR_INVAL;
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
	dbp = dbopen(login, server);
	dbloginfree(login);
	if (dbp == NULL) {
		rc = classify(e, 1, server);
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
			if (sink->n >= DZ_ERP_ROWS_MAX) {
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

enum dz_err
erp_run(struct dz_erp *e, const struct dz_erp_target *t, enum dz_erp_query qid,
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
