/*
 * exec.c: runs SQL batches and RPCs (sp_executesql, sp_prepare, sp_execute,
 * sp_prepexec, sp_unprepare) against the session's SQLite handle and
 * streams the results as TDS tokens. All it knows of the server comes in
 * the session (exec.h): the catalog, the log, the identity and options.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sqlite3.h>

#include "tds.h"
#include "types.h"
#include "sqlrw.h"
#include "rpc.h"
#include "login.h"
#include "exec.h"

#define MAXCOLS		4096
#define MAXNAMES	2100

/* A statement kept by sp_prepare until sp_unprepare or the session ends. */
struct prep {
	int32_t		 handle;
	char		*defs;
	char		*stmt;
};

/* Values bound to the statement: params by name or by position. */
struct binds {
	struct rpc_param	*v;
	int			 nv;
	char			(*names)[128];	/* declared names, by position */
	int			 nnames;
};

enum run_rc {
	RUN_OK,
	RUN_ERROR,	/* an ERROR token and DONE(ERROR) were written */
	RUN_ATTN,	/* cancelled by attention (or the peer went away) */
	RUN__MAX
};

static void
flush_pending(struct session *s, int more)
{
	if (!s->pending)
		return;
	tds_put_done(&s->c, TDS_TOK_DONE, s->pstatus | (more ? TDS_DONE_MORE : 0),
	    s->pcurcmd, s->pcount);
	s->pending = 0;
}

/* Ends one statement: DONE (held back) in a batch, DONEINPROC in an RPC. */
static void
stmt_done(struct session *s, int inproc, uint16_t status, uint16_t curcmd,
    uint64_t count)
{
	if (s->nocount)
		status &= (uint16_t)~TDS_DONE_COUNT;
	if (inproc) {
		tds_put_done(&s->c, TDS_TOK_DONEINPROC, status | TDS_DONE_MORE,
		    curcmd, count);
		return;
	}
	flush_pending(s, 1);
	s->pending = 1;
	s->pstatus = status;
	s->pcurcmd = curcmd;
	s->pcount = count;
}

static void
put_error(struct session *s, int inproc, uint32_t num, uint8_t cls,
    const char *text)
{
	flush_pending(s, 1);
	tds_put_msg(&s->c, TDS_TOK_ERROR, num, 1, cls, text, "", 1);
	if (inproc)
		tds_put_done(&s->c, TDS_TOK_DONEINPROC,
		    TDS_DONE_ERROR | TDS_DONE_MORE, 0, 0);
	else {
		s->pending = 1;
		s->pstatus = TDS_DONE_ERROR;
		s->pcurcmd = 0;
		s->pcount = 0;
	}
}

/* Copies the name after prefix in msg (up to quote or end) into dst. */
static int
after(const char *msg, const char *prefix, char *dst, size_t sz)
{
	size_t	 n = strlen(prefix), k;

	if (strncmp(msg, prefix, n) != 0)
		return 0;
	msg += n;
	if (strncmp(msg, "main.", 5) == 0)
		msg += 5;
	for (k = 0; msg[k] != '\0' && msg[k] != '"' && k + 1 < sz; k++)
		dst[k] = msg[k];
	dst[k] = '\0';
	return 1;
}

/* SQLite's error as SQL Server's number, class and text. */
static void
sqlite_error(struct session *s, int inproc, int rc)
{
	const char	*m = sqlite3_errmsg(s->db);
	char		 name[256], text[600];

	if (after(m, "no such table: ", name, sizeof(name))) {
		snprintf(text, sizeof(text), "Invalid object name '%s'.", name);
		put_error(s, inproc, 208, 16, text);
	} else if (after(m, "no such column: ", name, sizeof(name))) {
		snprintf(text, sizeof(text), "Invalid column name '%s'.", name);
		put_error(s, inproc, 207, 16, text);
	} else if (after(m, "ambiguous column name: ", name, sizeof(name))) {
		snprintf(text, sizeof(text), "Ambiguous column name '%s'.", name);
		put_error(s, inproc, 209, 16, text);
	} else if (after(m, "no such function: ", name, sizeof(name))) {
		snprintf(text, sizeof(text),
		    "'%s' is not a recognized built-in function name.", name);
		put_error(s, inproc, 195, 15, text);
	} else if (after(m, "near \"", name, sizeof(name))) {
		snprintf(text, sizeof(text), "Incorrect syntax near '%s'.", name);
		put_error(s, inproc, 102, 15, text);
	} else if (strstr(m, "syntax error") != NULL ||
	    strstr(m, "incomplete input") != NULL) {
		put_error(s, inproc, 102, 15, "Incorrect syntax near ''.");
	} else if ((rc & 0xff) == SQLITE_READONLY) {
		snprintf(text, sizeof(text), "Failed to update database \"%s\" "
		    "because the database is read-only.", s->dbname);
		put_error(s, inproc, 3906, 16, text);
	} else {
		snprintf(text, sizeof(text), "erpsim: %s", m);
		put_error(s, inproc, 50000, 16, text);
	}
}

/* A parameter value as a malloc'd UTF-8 string (NULL for SQL NULL). */
static char *
param_text(struct session *s, const struct rpc_param *p)
{
	char	 num[64];

	switch (p->vk) {
	case RPC_TEXT16:
		return tds_utf16_to_utf8(p->raw, p->rawlen, NULL);
	case RPC_TEXTCP:
	case RPC_BLOB:
		return types_cp_to_utf8(&s->cv, (const char *)p->raw,
		    p->rawlen, NULL);
	case RPC_TEXT8:
		return strndup((const char *)p->raw, p->rawlen);
	case RPC_INT:
		snprintf(num, sizeof(num), "%lld", (long long)p->i);
		return strdup(num);
	case RPC_REAL:
		snprintf(num, sizeof(num), "%.17g", p->d);
		return strdup(num);
	default:
		return NULL;
	}
}

static int
bind_one(struct session *s, sqlite3_stmt *st, int idx, const struct rpc_param *p)
{
	char	*t;

	switch (p->vk) {
	case RPC_INT:
		return sqlite3_bind_int64(st, idx, p->i);
	case RPC_REAL:
		return sqlite3_bind_double(st, idx, p->d);
	case RPC_BLOB:
		return sqlite3_bind_blob(st, idx, p->raw, (int)p->rawlen,
		    SQLITE_TRANSIENT);
	case RPC_NULL:
		return sqlite3_bind_null(st, idx);
	default:
		if ((t = param_text(s, p)) == NULL)
			return SQLITE_NOMEM;
		return sqlite3_bind_text(st, idx, t, -1, free);
	}
}

/* Binds every parameter the statement names; unknown ones stay NULL. */
static int
bind_all(struct session *s, sqlite3_stmt *st, const struct binds *b)
{
	int		 i, k, n, rc, pos = 0;
	const char	*pn, *vn;

	if (b == NULL)
		return SQLITE_OK;
	n = sqlite3_bind_parameter_count(st);
	for (i = 1; i <= n; i++) {
		pn = sqlite3_bind_parameter_name(st, i);
		if (pn == NULL || pn[0] == '?') {
			k = pos++;
		} else {
			for (k = 0; k < b->nv; k++) {
				vn = b->v[k].name[0] != '\0' ? b->v[k].name :
				    k < b->nnames ? b->names[k] : "";
				if (vn[0] == '@' && strcasecmp(vn + 1, pn + 1) == 0)
					break;
				if (vn[0] != '@' && strcasecmp(vn, pn + 1) == 0)
					break;
			}
		}
		if (k >= b->nv)
			continue;
		if ((rc = bind_one(s, st, i, &b->v[k])) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* The type of an expression column from its first value. */
static void
type_from_value(sqlite3_stmt *st, int i, int haverow, struct col_type *t)
{
	sqlite3_int64	 v;

	memset(t, 0, sizeof(*t));
	switch (haverow ? sqlite3_column_type(st, i) : SQLITE_NULL) {
	case SQLITE_INTEGER:
		v = sqlite3_column_int64(st, i);
		t->kind = COL_INT;
		t->size = v >= INT32_MIN && v <= INT32_MAX ? 4 : 8;
		break;
	case SQLITE_FLOAT:
		t->kind = COL_FLT;
		t->size = 8;
		break;
	default:
		t->kind = COL_VARCHAR;
		t->size = 8000;
		break;
	}
}

static int
has_odd_chars(const char *n)
{
	return strpbrk(n, "()'+-*/@ ,|=<>") != NULL;
}

/* Writes COLMETADATA for st (positioned on its first row if haverow). */
static void
put_colmetadata(struct session *s, sqlite3_stmt *st, const char *tsql,
    int haverow, struct col_type *types, int ncol)
{
	struct sqlrw_col	*sc = NULL;
	int			 i, nd = -1, noname;
	const char		*decl, *name;

	if (tsql != NULL && (sc = calloc((size_t)ncol, sizeof(*sc))) != NULL)
		nd = sqlrw_describe(tsql, sc, ncol, catalog_decl,
		    &s->srv->cat);
	tds_buf_u8(&s->c.out, TDS_TOK_COLMETADATA);
	tds_buf_u16(&s->c.out, (uint16_t)ncol);
	for (i = 0; i < ncol; i++) {
		decl = sqlite3_column_decltype(st, i);
		name = sqlite3_column_name(st, i);
		noname = 0;
		if (types_from_decl(decl, &types[i]) == -1) {
			if (nd == ncol && sc[i].known)
				types[i] = sc[i].t;
			else
				type_from_value(st, i, haverow, &types[i]);
		}
		if (decl == NULL)
			noname = nd == ncol ? sc[i].noname : has_odd_chars(name);
		if (s->c.ver >= 72)
			tds_buf_u32(&s->c.out, 0);
		else
			tds_buf_u16(&s->c.out, 0);
		tds_buf_u16(&s->c.out, 0x0009);	/* nullable | updatable unknown */
		types_put_typeinfo(&s->c.out, &types[i]);
		tds_buf_bvarchar(&s->c.out, noname || name == NULL ? "" : name);
	}
	free(sc);
}

int
exec_progress(void *arg)
{
	struct session	*s = arg;

	return tds_conn_poll_attn(&s->c, 0);
}

/* Runs one prepared statement and streams its result. */
static enum run_rc
run_stmt(struct session *s, sqlite3_stmt *st, const char *tsql, int inproc)
{
	struct col_type	*types = NULL;
	int		 rc, ncol, i, haverow;
	uint64_t	 nrows = 0;
	enum run_rc	 ret = RUN_OK;

	ncol = sqlite3_column_count(st);
	rc = sqlite3_step(st);
	if (s->c.attn || s->c.dead)
		return RUN_ATTN;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite_error(s, inproc, rc);
		return RUN_ERROR;
	}
	if (ncol == 0) {
		s->rowcount = sqlite3_changes(s->db);
		stmt_done(s, inproc, TDS_DONE_COUNT, 0xC3, (uint64_t)s->rowcount);
		return RUN_OK;
	}
	if (ncol > MAXCOLS || (types = calloc((size_t)ncol, sizeof(*types))) == NULL) {
		put_error(s, inproc, 50000, 16, "erpsim: too many columns");
		return RUN_ERROR;
	}
	haverow = rc == SQLITE_ROW;
	flush_pending(s, 1);
	put_colmetadata(s, st, tsql, haverow, types, ncol);
	while (rc == SQLITE_ROW) {
		tds_buf_u8(&s->c.out, TDS_TOK_ROW);
		for (i = 0; i < ncol; i++)
			types_put_value(&s->c.out, &s->cv, &types[i], st, i);
		nrows++;
		if ((nrows & 127) == 0 && tds_conn_poll_attn(&s->c, 0)) {
			ret = RUN_ATTN;
			goto out;
		}
		if (tds_conn_maybe_flush(&s->c) == -1) {
			ret = RUN_ATTN;
			goto out;
		}
		rc = sqlite3_step(st);
	}
	if (s->c.attn || s->c.dead) {
		ret = RUN_ATTN;
		goto out;
	}
	if (rc != SQLITE_DONE) {
		sqlite_error(s, inproc, rc);
		ret = RUN_ERROR;
		goto out;
	}
	s->rowcount = (int64_t)nrows;
	stmt_done(s, inproc, TDS_DONE_COUNT, 0xC1, nrows);
out:
	free(types);
	return ret;
}

/* Runs a T-SQL text (batch or sp_executesql statement). */
static enum run_rc
run_sql(struct session *s, const char *tsql, const struct binds *b, int inproc)
{
	struct sqlrw_stmt	*v = NULL;
	struct sqlrw_ctx	 ctx;
	size_t			 n = 0, i;
	char			*sql = NULL, msg[300];
	const char		*tail, *orig;
	sqlite3_stmt		*st;
	enum run_rc		 ret = RUN_OK;
	int			 rc;

	if (sqlrw_split(tsql, &v, &n) == -1) {
		put_error(s, inproc, 701, 19, "There is insufficient system "
		    "memory to run this query.");
		return RUN_ERROR;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.spid = s->c.spid;
	ctx.banner = s->srv->id->banner;
	ctx.version = s->srv->id->version;
	ctx.db = s->dbname;
	ctx.user = s->user;
	ctx.msver = s->srv->id->progver[0] << 24 | s->srv->id->progver[1] << 16 |
	    s->srv->id->progver[2] << 8 | s->srv->id->progver[3];
	for (i = 0; i < n && ret == RUN_OK; i++) {
		switch (v[i].kind) {
		case SQLRW_SET:
			if (strcasecmp(v[i].arg, "NOCOUNT") == 0)
				s->nocount = strcasecmp(v[i].arg2, "ON") == 0;
			if (!inproc)
				stmt_done(s, 0, 0, 0, 0);
			continue;
		case SQLRW_NOOP:
			if (!inproc)
				stmt_done(s, 0, 0, 0, 0);
			continue;
		case SQLRW_EXEC:
			snprintf(msg, sizeof(msg), "Could not find stored "
			    "procedure '%s'.", v[i].arg);
			put_error(s, inproc, 2812, 16, msg);
			ret = RUN_ERROR;
			continue;
		case SQLRW_USE:
			if (strcasecmp(v[i].arg, s->srv->cat.dbname) != 0 &&
			    strcasecmp(v[i].arg, "master") != 0 &&
			    s->srv->cat.dbname[0] != '\0') {
				snprintf(msg, sizeof(msg), "Database '%s' does not "
				    "exist. Make sure that the name is entered "
				    "correctly.", v[i].arg);
				put_error(s, inproc, 911, 16, msg);
				ret = RUN_ERROR;
				continue;
			}
			flush_pending(s, 1);
			tds_put_env_str(&s->c, 1, v[i].arg, s->dbname);
			snprintf(s->dbname, sizeof(s->dbname), "%s", v[i].arg);
			snprintf(msg, sizeof(msg),
			    "Changed database context to '%s'.", s->dbname);
			tds_put_msg(&s->c, TDS_TOK_INFO, 5701, 1, 0, msg, "", 1);
			stmt_done(s, inproc, 0, 0, 0);
			continue;
		default:
			break;
		}
		ctx.rowcount = s->rowcount;
		free(sql);
		if ((sql = sqlrw_rewrite(&ctx, v[i].text)) == NULL) {
			put_error(s, inproc, 701, 19, "There is insufficient "
			    "system memory to run this query.");
			ret = RUN_ERROR;
			break;
		}
		tail = sql;
		orig = v[i].text;
		while (ret == RUN_OK && tail != NULL && *tail != '\0') {
			st = NULL;
			rc = sqlite3_prepare_v2(s->db, tail, -1, &st, &tail);
			if (s->c.attn || s->c.dead) {
				sqlite3_finalize(st);
				ret = RUN_ATTN;
				break;
			}
			if (rc != SQLITE_OK) {
				sqlite_error(s, inproc, rc);
				ret = RUN_ERROR;
				break;
			}
			if (st == NULL)		/* only blanks or comments */
				break;
			if ((rc = bind_all(s, st, b)) != SQLITE_OK) {
				sqlite_error(s, inproc, rc);
				ret = RUN_ERROR;
			} else
				ret = run_stmt(s, st, orig, inproc);
			sqlite3_finalize(st);
			orig = NULL;
		}
	}
	free(sql);
	sqlrw_free(v, n);
	return ret;
}

/* Waits --delay-ms, returning early (1) on attention. */
static int
delay(struct session *s)
{
	struct timespec	 now, end, ten = { 0, 10000000 };
	long		 left;

	if (s->srv->delay_ms <= 0)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += s->srv->delay_ms / 1000;
	end.tv_nsec += (long)(s->srv->delay_ms % 1000) * 1000000;
	if (end.tv_nsec >= 1000000000) {
		end.tv_sec++;
		end.tv_nsec -= 1000000000;
	}
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = (end.tv_sec - now.tv_sec) * 1000 +
		    (end.tv_nsec - now.tv_nsec) / 1000000;
		if (left <= 0)
			return 0;
		if (tds_conn_poll_attn(&s->c, (int)left))
			return 1;
		nanosleep(&ten, NULL);
	}
}

/* Ends a request: an attention gets DONE(ATTN), else the held DONE. */
static void
finish(struct session *s)
{
	if (!s->c.attn)
		(void)tds_conn_poll_attn(&s->c, 0);
	if (s->c.attn) {
		s->pending = 0;
		tds_put_done(&s->c, TDS_TOK_DONE, TDS_DONE_ATTN, 0, 0);
		s->c.attn = 0;
	} else if (s->pending)
		flush_pending(s, 0);
	(void)tds_conn_flush(&s->c, 1);
}

void
exec_batch(struct session *s, const uint8_t *p, size_t n)
{
	struct tds_rd	 r;
	uint32_t	 hl;
	char		*text;

	s->pending = 0;
	tds_rd_init(&r, p, n);
	if (s->c.ver >= 72) {
		hl = tds_rd_u32(&r);
		if (r.err || hl < 4 || hl > n) {
			s->c.dead = 1;
			return;
		}
		r.pos = hl;
	}
	if ((text = tds_utf16_to_utf8(p + r.pos, n - r.pos, NULL)) == NULL) {
		s->c.dead = 1;
		return;
	}
	logfile_put(&s->srv->log, s->c.spid, "batch", "%s", text);
	if (delay(s) == 0) {
		if (run_sql(s, text, NULL, 0) == RUN_OK && !s->pending)
			stmt_done(s, 0, 0, 0, 0);
	}
	free(text);
	finish(s);
}

static struct prep *
prep_find(struct session *s, int32_t h)
{
	int	 i;

	for (i = 0; i < s->nprep; i++)
		if (s->preps[i].handle == h)
			return &s->preps[i];
	return NULL;
}

static int32_t
prep_add(struct session *s, char *defs, char *stmt)
{
	struct prep	*v;

	if ((v = realloc(s->preps, (size_t)(s->nprep + 1) * sizeof(*v))) == NULL) {
		free(defs);
		free(stmt);
		return 0;
	}
	s->preps = v;
	v[s->nprep].handle = ++s->nexthandle;
	v[s->nprep].defs = defs;
	v[s->nprep].stmt = stmt;
	s->nprep++;
	return s->nexthandle;
}

static void
prep_del(struct session *s, int32_t h)
{
	struct prep	*p = prep_find(s, h);

	if (p == NULL)
		return;
	free(p->defs);
	free(p->stmt);
	*p = s->preps[--s->nprep];
}

void
exec_free(struct session *s)
{
	while (s->nprep > 0)
		prep_del(s, s->preps[0].handle);
	free(s->preps);
	s->preps = NULL;
}

/* Runs stmt with the declared names of defs and the values v[0..nv). */
static enum run_rc
run_params(struct session *s, const char *stmt, const char *defs,
    struct rpc_param *v, int nv)
{
	struct binds	 b;
	enum run_rc	 rc;

	memset(&b, 0, sizeof(b));
	b.v = v;
	b.nv = nv;
	if (defs != NULL && (b.names = calloc(MAXNAMES, sizeof(*b.names))) != NULL)
		b.nnames = rpc_param_names(defs, b.names, MAXNAMES);
	rc = run_sql(s, stmt, &b, 1);
	free(b.names);
	return rc;
}

/* The procedure's name for the log (by id or as sent). */
static const char *
proc_name(const struct rpc_call *c)
{
	if (c->procid == 0)
		return c->name;
	switch (c->procid) {
	case RPC_SP_EXECUTESQL:
		return "sp_executesql(id 10)";
	case RPC_SP_PREPARE:
		return "sp_prepare(id 11)";
	case RPC_SP_EXECUTE:
		return "sp_execute(id 12)";
	case RPC_SP_PREPEXEC:
		return "sp_prepexec(id 13)";
	case RPC_SP_UNPREPARE:
		return "sp_unprepare(id 15)";
	default:
		return "proc id ?";
	}
}

static void
log_call(struct session *s, const struct rpc_call *c, const char *stmt)
{
	char	 vals[2048], *t;
	size_t	 o = 0;
	int	 i;

	vals[0] = '\0';
	for (i = 0; i < c->np && o + 1 < sizeof(vals); i++) {
		t = param_text(s, &c->p[i]);
		o += (size_t)snprintf(vals + o, sizeof(vals) - o, " [%s=%.300s]",
		    c->p[i].name, t == NULL ? "NULL" : t);
		if (o >= sizeof(vals))
			o = sizeof(vals) - 1;
		free(t);
	}
	logfile_put(&s->srv->log, s->c.spid, "rpc", "%s%s%s%s", proc_name(c),
	    stmt == NULL ? "" : ": ", stmt == NULL ? "" : stmt, vals);
}

/* One RPC call; returns RUN_ATTN if the request must stop. */
static enum run_rc
run_call(struct session *s, struct rpc_call *c, int last)
{
	enum run_rc	 rc = RUN_OK;
	char		*stmt = NULL, *defs = NULL, msg[300];
	struct prep	*pp;
	int32_t		 h = 0;
	int		 proc = rpc_proc(c), outh = 0;

	switch (proc) {
	case RPC_SP_EXECUTESQL:
		if (c->np < 1 || (stmt = param_text(s, &c->p[0])) == NULL) {
			put_error(s, 1, 8144, 16, "Procedure or function "
			    "sp_executesql has too many arguments specified.");
			rc = RUN_ERROR;
			break;
		}
		if (c->np > 1)
			defs = param_text(s, &c->p[1]);
		log_call(s, c, NULL);
		rc = run_params(s, stmt, defs, c->np > 2 ? c->p + 2 : NULL,
		    c->np > 2 ? c->np - 2 : 0);
		break;
	case RPC_SP_PREPARE:
	case RPC_SP_PREPEXEC:
		if (c->np < 3 || (stmt = param_text(s, &c->p[2])) == NULL) {
			put_error(s, 1, 8144, 16, "Procedure or function "
			    "sp_prepare has too many arguments specified.");
			rc = RUN_ERROR;
			break;
		}
		defs = param_text(s, &c->p[1]);
		log_call(s, c, NULL);
		h = prep_add(s, defs, stmt);
		outh = 1;
		pp = prep_find(s, h);
		defs = stmt = NULL;
		if (proc == RPC_SP_PREPEXEC && pp != NULL)
			rc = run_params(s, pp->stmt, pp->defs, c->p + 3,
			    c->np - 3);
		break;
	case RPC_SP_EXECUTE:
		if (c->np < 1 || c->p[0].vk != RPC_INT ||
		    (pp = prep_find(s, (int32_t)c->p[0].i)) == NULL) {
			snprintf(msg, sizeof(msg), "Could not find prepared "
			    "statement with handle %lld.", c->np > 0 ?
			    (long long)c->p[0].i : 0LL);
			put_error(s, 1, 8179, 16, msg);
			rc = RUN_ERROR;
			break;
		}
		log_call(s, c, pp->stmt);
		rc = run_params(s, pp->stmt, pp->defs, c->p + 1, c->np - 1);
		break;
	case RPC_SP_UNPREPARE:
		log_call(s, c, NULL);
		if (c->np >= 1 && c->p[0].vk == RPC_INT)
			prep_del(s, (int32_t)c->p[0].i);
		break;
	default:
		log_call(s, c, NULL);
		snprintf(msg, sizeof(msg), "Could not find stored procedure "
		    "'%s'.", c->name);
		put_error(s, 1, 2812, 16, msg);
		rc = RUN_ERROR;
		break;
	}
	free(stmt);
	free(defs);
	if (rc == RUN_ATTN)
		return rc;
	tds_put_returnstatus(&s->c, rc == RUN_OK ? 0 : -6);
	if (outh)
		tds_put_returnvalue_int(&s->c, 0, c->p[0].name, h);
	tds_put_done(&s->c, TDS_TOK_DONEPROC, (rc == RUN_OK ? 0 : TDS_DONE_ERROR) |
	    (last ? 0 : TDS_DONE_MORE), 0, 0);
	return rc;
}

void
exec_rpc(struct session *s, const uint8_t *p, size_t n)
{
	struct rpc_call	*calls;
	int		 ncalls, i;

	s->pending = 0;
	if (rpc_parse(p, n, s->c.ver, &calls, &ncalls) == -1) {
		logfile_put(&s->srv->log, s->c.spid, "rpc",
		    "malformed RPC request (%zu bytes)", n);
		tds_put_msg(&s->c, TDS_TOK_ERROR, 8009, 1, 16, "The incoming "
		    "tabular data stream (TDS) remote procedure call (RPC) "
		    "protocol stream is incorrect.", "", 1);
		tds_put_done(&s->c, TDS_TOK_DONE, TDS_DONE_ERROR, 0, 0);
		finish(s);
		return;
	}
	if (delay(s) == 0)
		for (i = 0; i < ncalls; i++)
			if (run_call(s, &calls[i], i == ncalls - 1) == RUN_ATTN)
				break;
	rpc_free(calls, ncalls);
	finish(s);
}
