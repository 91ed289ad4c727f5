#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* NOTE: ClearSilver and db-lib both typedef BOOL (char vs int); neither
 * type crosses this file's interfaces, so ClearSilver's gets a private name. */
#define BOOL dz_neo_bool
#include "ClearSilver.h"
#undef BOOL
#include <sybfront.h>
#include <sybdb.h>

#include "dz.h"
#include "crypt.h"
#include "db.h"
#include "app.h"
#include "conf.h"
#include "erp.h"
#include "form.h"
#include "log.h"
#include "money.h"
#include "stmt.h"

/* ---- Part 1: data address ------------------------------------------- */

enum dsn_field {
	F_SERVER,
	F_UID,
	F_PWD,
	F_DATABASE,
	F__MAX
};

/* Canonical key and what it means, for "缺少 ..." messages. */
static const char *const field_name[F__MAX] = { "server", "uid", "pwd", "database" };
static const char *const field_desc[F__MAX] = { "服务器地址", "数据库用户名", "数据库密码", "数据库名" };

/* Keys people type, after lower-casing and collapsing inner spaces. */
static const struct {
	const char	*key;
	enum dsn_field	 field;
} keys[] = {
	{ "server", F_SERVER },
	{ "data source", F_SERVER },
	{ "address", F_SERVER },
	{ "addr", F_SERVER },
	{ "uid", F_UID },
	{ "user id", F_UID },
	{ "user", F_UID },
	{ "pwd", F_PWD },
	{ "password", F_PWD },
	{ "database", F_DATABASE },
	{ "initial catalog", F_DATABASE },
};

#define KEY_MAX		32
#define SERVER_MAX	(DZ_ERP_HOST_MAX + 1 + DZ_ERP_INSTANCE_MAX + 1 + 5)

/* What the admin is told on top of any error if the text has full-width
 * punctuation: a Chinese input method types "；" where ";" was meant. */
static const char fullwidth_hint[] =
    "（注意：分隔符要用半角的 ; = , :，不能用全角符号）";

struct parser {
	char	*why;
	size_t	 whysz;
	int	 fullwidth;
};

static enum dz_err fail(struct parser *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static enum dz_err
fail(struct parser *p, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 n;

	if (p->why == NULL || p->whysz == 0)
		return DZ_ERR_INVAL;
	va_start(ap, fmt);
	vsnprintf(p->why, p->whysz, fmt, ap);
	va_end(ap);
	n = strlen(p->why);
	if (p->fullwidth && n + sizeof(fullwidth_hint) <= p->whysz)
		memcpy(p->why + n, fullwidth_hint, sizeof(fullwidth_hint));
	return DZ_ERR_INVAL;
}

static int
is_space(char c)
{
	return c == ' ';
}

static char
ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Trim spaces from [*b, *e). */
static void
trim(const char **b, const char **e)
{
	while (*b < *e && is_space(**b))
		(*b)++;
	while (*e > *b && is_space((*e)[-1]))
		(*e)--;
}

/*
 * Strict UTF-8 with no control characters (C0, DEL, C1). Returns 0 if
 * fine, 1 for a control character, 2 for bad UTF-8.
 */
static int
check_text(const unsigned char *s, size_t n)
{
	size_t		 i, k, len;
	unsigned int	 cp, min;

	for (i = 0; i < n; i += len) {
		if (s[i] < 0x80) {
			if (s[i] < 0x20 || s[i] == 0x7f)
				return 1;
			len = 1;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			len = 2, cp = s[i] & 0x1f, min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3, cp = s[i] & 0x0f, min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4, cp = s[i] & 0x07, min = 0x10000;
		} else
			return 2;
		if (i + len > n)
			return 2;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 2;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 2;
		if (cp >= 0x80 && cp <= 0x9f)
			return 1;
	}
	return 0;
}

static int
has_fullwidth(const char *s)
{
	/* ；＝，： and the ideographic space, in UTF-8 */
	static const char *const fw[] = {
		"\xef\xbc\x9b", "\xef\xbc\x9d", "\xef\xbc\x8c", "\xef\xbc\x9a",
		"\xe3\x80\x80",
	};
	size_t	 i;

	for (i = 0; i < DZ_NELEM(fw); i++)
		if (strstr(s, fw[i]) != NULL)
			return 1;
	return 0;
}

/*
 * Lower-case the key [b, e) with inner runs of spaces made one, into buf.
 * Returns the field, or -1 if unknown (buf then holds what was typed, or
 * "" if it is too long or not plain letters, so it is never echoed).
 */
static int
lookup_key(const char *b, const char *e, char *buf)
{
	size_t	 n = 0, i;
	int	 plain = 1;

	for (; b < e; b++) {
		if (is_space(*b) && n > 0 && buf[n - 1] == ' ')
			continue;
		if (n + 1 >= KEY_MAX) {
			plain = 0;
			break;
		}
		if (!is_alnum(*b) && *b != ' ' && *b != '_')
			plain = 0;
		buf[n++] = ascii_lower(*b);
	}
	buf[n] = '\0';
	for (i = 0; i < DZ_NELEM(keys); i++)
		if (strcmp(buf, keys[i].key) == 0)
			return (int)keys[i].field;
	if (!plain)
		buf[0] = '\0';
	return -1;
}

/* Port: 1..5 digits, 1..65535. Returns the port or 0. */
static unsigned int
parse_port(const char *b, const char *e)
{
	unsigned int	 v = 0;

	if (e - b < 1 || e - b > 5)
		return 0;
	for (; b < e; b++) {
		if (*b < '0' || *b > '9')
			return 0;
		v = v * 10 + (unsigned int)(*b - '0');
	}
	return v <= 65535 ? v : 0;
}

/* Four decimal octets 0..255, no leading zeros (0-prefixed is octal to
 * some resolvers, so "010" is ambiguous). */
static int
valid_ipv4(const char *b, const char *e)
{
	int	 parts = 0, digits = 0, v = 0;

	for (;; b++) {
		if (b == e || *b == '.') {
			if (digits == 0 || v > 255)
				return 0;
			parts++;
			if (b == e)
				break;
			digits = v = 0;
			continue;
		}
		if (*b < '0' || *b > '9' || (digits == 1 && v == 0))
			return 0;
		v = v * 10 + (*b - '0');
		if (++digits > 3)
			return 0;
	}
	return parts == 4;
}

/* Labels of 1..63 letters, digits, '-' or '_', not starting or ending
 * with '-'; a trailing dot is not accepted. */
static int
valid_hostname(const char *b, const char *e)
{
	const char	*label = b;

	if (e - b > DZ_ERP_HOST_MAX)
		return 0;
	for (;; b++) {
		if (b == e || *b == '.') {
			if (b == label || b - label > 63 || *label == '-' ||
			    b[-1] == '-')
				return 0;
			if (b == e)
				return 1;
			label = b + 1;
			continue;
		}
		if (!is_alnum(*b) && *b != '-' && *b != '_')
			return 0;
	}
}

static int
all_digits_dots(const char *b, const char *e)
{
	for (; b < e; b++)
		if ((*b < '0' || *b > '9') && *b != '.')
			return 0;
	return 1;
}

/* server = host [ "\" instance ] [ ( "," | ":" ) port ], value trimmed. */
static enum dz_err
parse_server(struct parser *p, const char *b, const char *e, struct dz_erp_dsn *out)
{
	const char	*sep, *bs, *hb, *he, *ib, *ie;
	size_t		 i;

	for (sep = b; sep < e && *sep != ',' && *sep != ':'; sep++)
		continue;
	if (sep < e) {
		const char *pb = sep + 1, *pe = e;

		trim(&pb, &pe);
		if ((out->port = parse_port(pb, pe)) == 0)
			return fail(p, "端口必须是 1 到 65535 的数字");
	}
	hb = b, he = sep;
	for (bs = hb; bs < he && *bs != '\\'; bs++)
		continue;
	ib = ie = he;
	if (bs < he) {
		ib = bs + 1, ie = he, he = bs;
		trim(&ib, &ie);
		if (ib == ie)
			return fail(p, "实例名不能为空（“\\”后面是空的）");
		if (ie - ib > DZ_ERP_INSTANCE_MAX)
			return fail(p, "实例名太长（最多 %d 个字符）", DZ_ERP_INSTANCE_MAX);
		for (i = 0; ib + i < ie; i++)
			if (!is_alnum(ib[i]) && strchr("_$#&", ib[i]) == NULL)
				return fail(p, "实例名只能包含字母、数字和 _ $ # &");
		memcpy(out->instance, ib, (size_t)(ie - ib));
		out->instance[ie - ib] = '\0';
	}
	trim(&hb, &he);
	if (hb == he)
		return fail(p, "服务器地址不能为空");
	if (all_digits_dots(hb, he)) {
		if (!valid_ipv4(hb, he))
			return fail(p, "IP 地址“%.*s”不正确", (int)(he - hb), hb);
	} else if (!valid_hostname(hb, he)) {
		/* "server=h pwd=x": never echo what may hold a password. */
		if (memchr(hb, '=', (size_t)(he - hb)) != NULL)
			return fail(p, "服务器地址里有“=”：是不是少了分号“;”？");
		if (he - hb <= 64 && memchr(hb, ' ', (size_t)(he - hb)) == NULL)
			return fail(p, "服务器名“%.*s”不正确：只能包含字母、数字、. - _",
			    (int)(he - hb), hb);
		return fail(p, "服务器名不正确：只能包含字母、数字、. - _，最长 253 个字符");
	}
	for (i = 0; hb + i < he; i++)
		out->host[i] = ascii_lower(hb[i]);
	out->host[i] = '\0';
	if (out->port == 0 && out->instance[0] == '\0')
		out->port = DZ_ERP_PORT_DEFAULT;
	return DZ_OK;
}

/* One "key = value" item, [b, e) trimmed and not empty. */
static enum dz_err
parse_item(struct parser *p, const char *b, const char *e, int nitem,
    int *seen, int *last, struct dz_erp_dsn *out)
{
	const char	*eq, *kb, *ke, *vb, *ve;
	char		 key[KEY_MAX];
	char		*dst;
	int		 f;

	if ((eq = memchr(b, '=', (size_t)(e - b))) == NULL) {
		if (*last == F_PWD)
			return fail(p, "第 %d 项缺少“=”（如果是密码里有分号：密码不能包含“;”）",
			    nitem);
		return fail(p, "第 %d 项缺少“=”，应写成 名称=值", nitem);
	}
	kb = b, ke = eq, vb = eq + 1, ve = e;
	trim(&kb, &ke);
	trim(&vb, &ve);
	if (kb == ke)
		return fail(p, "第 %d 项缺少名称（“=”前面是空的）", nitem);
	if ((f = lookup_key(kb, ke, key)) < 0) {
		/* Right after pwd this may be the rest of a password: no echo. */
		if (*last == F_PWD)
			return fail(p, "第 %d 项的名称不认识（如果是密码里有分号：密码不能包含“;”）",
			    nitem);
		if (key[0] != '\0')
			return fail(p, "不认识的项“%s”（可用 server、uid、pwd、database）", key);
		return fail(p, "第 %d 项的名称不认识（可用 server、uid、pwd、database）", nitem);
	}
	if (seen[f])
		return fail(p, "%s 重复出现", field_name[f]);
	seen[f] = 1;
	*last = f;
	if (vb == ve)
		return fail(p, "%s 不能为空", field_name[f]);
	if (f == F_SERVER) {
		if (ve - vb > SERVER_MAX)
			return fail(p, "server 太长（最多 %d 字节）", SERVER_MAX);
		return parse_server(p, vb, ve, out);
	}
	if (ve - vb > DZ_ERP_NAME_MAX)
		return fail(p, "%s 太长（最多 %d 字节）", field_name[f], DZ_ERP_NAME_MAX);
	dst = f == F_UID ? out->uid : f == F_PWD ? out->pwd : out->database;
	memcpy(dst, vb, (size_t)(ve - vb));
	dst[ve - vb] = '\0';
	return DZ_OK;
}

enum dz_err
dz_erp_dsn_parse(const char *text, struct dz_erp_dsn *out, char *why, size_t whysz)
{
	struct parser	 p = { why, whysz, 0 };
	const char	*b, *e, *end;
	int		 seen[F__MAX] = { 0 }, nitem = 0, last = -1, i;
	enum dz_err	 er;
	size_t		 len;

	memset(out, 0, sizeof(*out));
	if (why != NULL && whysz > 0)
		why[0] = '\0';
	if (text == NULL || text[0] == '\0')
		return fail(&p, "数据地址为空");
	if ((len = strlen(text)) > DZ_ERP_DSN_MAX)
		return fail(&p, "数据地址太长（最多 %d 字节）", DZ_ERP_DSN_MAX);
	p.fullwidth = has_fullwidth(text);
	switch (check_text((const unsigned char *)text, len)) {
	case 1:
		return fail(&p, "数据地址含有控制字符（如换行、制表符），请只用空格");
	case 2:
		return fail(&p, "数据地址含有无效字符（不是 UTF-8 文本）");
	}
	/* Items end at ';' (no quoting, see erp.h). e may reach end, which
	 * is the NUL, so b = e + 1 stays inside the string's array. */
	end = text + len;
	for (b = text; b < end; b = e + 1) {
		const char *tb = b, *te;

		if ((e = memchr(b, ';', (size_t)(end - b))) == NULL)
			e = end;
		te = e;
		trim(&tb, &te);
		if (tb == te)
			continue;	/* empty item: "a=1;;b=2", "a=1;" */
		er = parse_item(&p, tb, te, ++nitem, seen, &last, out);
		if (er != DZ_OK)
			goto out;
	}
	for (i = 0; i < F__MAX; i++)
		if (!seen[i]) {
			er = fail(&p, "缺少 %s（%s）", field_name[i], field_desc[i]);
			goto out;
		}
	return DZ_OK;
out:
	dz_erp_dsn_wipe(out);
	return er;
}

/* snprintf into buf: DZ_ERR_TOOBIG if it did not fit. */
static enum dz_err put(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static enum dz_err
put(char *buf, size_t bufsz, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, bufsz, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= bufsz) {
		if (bufsz > 0)
			buf[0] = '\0';
		return DZ_ERR_TOOBIG;
	}
	return DZ_OK;
}

/* "host[\instance][,port]" as the admin would type it. */
static enum dz_err
format_server(const struct dz_erp_dsn *d, char *buf, size_t bufsz)
{
	char	 port[16] = "";

	if (d->port != 0)
		snprintf(port, sizeof(port), ",%u", d->port);
	if (d->instance[0] != '\0')
		return put(buf, bufsz, "%s\\%s%s", d->host, d->instance, port);
	return put(buf, bufsz, "%s%s", d->host, port);
}

enum dz_err
dz_erp_dsn_format(const struct dz_erp_dsn *d, char *buf, size_t bufsz)
{
	char		 server[SERVER_MAX + 1];
	enum dz_err	 er;

	if ((er = format_server(d, server, sizeof(server))) != DZ_OK)
		return er;
	return put(buf, bufsz, "server=%s; uid=%s; database=%s",
	    server, d->uid, d->database);
}

enum dz_err
dz_erp_dsn_format_full(const struct dz_erp_dsn *d, char *buf, size_t bufsz)
{
	char		 server[SERVER_MAX + 1];
	enum dz_err	 er;

	if ((er = format_server(d, server, sizeof(server))) != DZ_OK)
		return er;
	return put(buf, bufsz, "server=%s; uid=%s; pwd=%s; database=%s",
	    server, d->uid, d->pwd, d->database);
}

enum dz_err
dz_erp_dsn_identity(const struct dz_erp_dsn *d, char *buf, size_t bufsz)
{
	char	 inst[DZ_ERP_INSTANCE_MAX + 1];
	size_t	 i;

	for (i = 0; d->instance[i] != '\0' && i < DZ_ERP_INSTANCE_MAX; i++)
		inst[i] = ascii_lower(d->instance[i]);
	inst[i] = '\0';
	return put(buf, bufsz, "%s:%u/%s/%s", d->host, d->port, inst, d->database);
}

enum dz_err
dz_erp_dsn_tds_server(const struct dz_erp_dsn *d, char *buf, size_t bufsz)
{
	if (d->port == 0)
		return put(buf, bufsz, "%s\\%s", d->host, d->instance);
	return put(buf, bufsz, "%s:%u", d->host, d->port);
}

void
dz_erp_dsn_wipe(struct dz_erp_dsn *d)
{
	dz_wipe(d, sizeof(*d));
}

/* ---- Part 2: connection, profiles, typed rows ----------------------- */

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

#define PROFILES_MAX	8
#define PARAMS_MAX	12
#define COLS_MAX	16
#define WHY_MAX		256

struct erp_profile {
	char	 kind[DZ_ERP_KIND_MAX + 1];
	HDF	*hdf;
};

struct erp_conn {
	struct dz_erp_dsn	 dsn;	/* what it was opened with (a secret) */
	DBPROCESS		*dbp;
	time_t			 used;
};

struct dz_erp {
	char			 dir[512];
	int			 login_timeout;
	int			 query_timeout;
	time_t			 deadline;	/* 0: none */
	struct erp_profile	 prof[PROFILES_MAX];
	struct erp_conn		 conn[DZ_ERP_CONNS_MAX];
	char			 why[WHY_MAX];
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

static void
why(struct dz_erp *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
why(struct dz_erp *e, const char *fmt, ...)
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
		why(e, "ERP 登录失败：数据地址中的用户名或密码不对（SQL Server 错误 %d）",
		    last.msgno);
		return DZ_ERR_ERP_LOGIN;
	case 4060: case 911:
		why(e, "ERP 中没有数据地址里的数据库（SQL Server 错误 %d）", last.msgno);
		return DZ_ERR_ERP_NODB;
	default:
		break;
	}
	if (last.timeout) {
		if (opening)
			why(e, "ERP 服务器 %s 在 %d 秒内没有完成登录", server,
			    e->login_timeout);
		else
			why(e, "ERP 查询在限定时间内没有返回结果");
		return DZ_ERR_ERP_TIMEOUT;
	}
	if (opening) {
		switch (last.oserr) {
		case ECONNREFUSED:
			why(e, "ERP 服务器 %s 拒绝连接（端口上没有 SQL Server 在监听）", server);
			return DZ_ERR_ERP_CONNECT;
		case EHOSTUNREACH: case ENETUNREACH: case EHOSTDOWN:
			why(e, "无法到达 ERP 服务器 %s（网络不通）", server);
			return DZ_ERR_ERP_CONNECT;
		case ETIMEDOUT:
			why(e, "连接 ERP 服务器 %s 超时", server);
			return DZ_ERR_ERP_TIMEOUT;
		default:
			break;
		}
		if (last.dberr == SYBEUHST || last.dberr == 20012 /* SYBEUNAM */) {
			why(e, "找不到 ERP 服务器 %s（名称无法解析）", server);
			return DZ_ERR_ERP_CONNECT;
		}
		if (last.msgno != 0) {
			why(e, "ERP 拒绝登录：%s（SQL Server 错误 %d）", last.msg, last.msgno);
			return DZ_ERR_ERP_LOGIN;
		}
		why(e, "无法连接 ERP 服务器 %s（错误 %d）", server, last.dberr);
		return DZ_ERR_ERP_CONNECT;
	}
	if (last.msgno != 0)
		why(e, "ERP 查询出错：%s（SQL Server 错误 %d）", last.msg, last.msgno);
	else
		why(e, "ERP 连接中断（错误 %d）", last.dberr);
	return DZ_ERR_ERP;
}

enum dz_err
dz_erp_init(struct dz_erp **out, const char *profile_dir, int login_timeout,
    int query_timeout)
{
	struct dz_erp	*e;

	*out = NULL;
	if (profile_dir == NULL || login_timeout < 1 || login_timeout > 600 ||
	    query_timeout < 1 || query_timeout > 600)
		return DZ_ERR_INVAL;
	if (!erp_inited) {
		if (dbinit() == FAIL) {
			dz_log_err("erp: dbinit failed");
			return DZ_ERR_ERP;
		}
		/* Before anything can fail: the defaults exit the process. */
		dberrhandle(err_handler);
		dbmsghandle(msg_handler);
		erp_inited = 1;
	}
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return DZ_ERR_NOMEM;
	if (snprintf(e->dir, sizeof(e->dir), "%s", profile_dir) >= (int)sizeof(e->dir)) {
		free(e);
		return DZ_ERR_INVAL;
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
	for (i = 0; i < PROFILES_MAX; i++)
		if (e->prof[i].hdf != NULL)
			hdf_destroy(&e->prof[i].hdf);
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
		why(e, "ERP 查询在限定时间内没有返回结果");
		return DZ_ERR_ERP_TIMEOUT;
	}
	if (e->deadline - now < full)
		*secs = (int)(e->deadline - now);
	return DZ_OK;
}

int
dz_erp_kind_valid(const char *kind)
{
	size_t	i;

	if (kind == NULL)
		return 0;
	for (i = 0; kind[i] != '\0'; i++)
		if (i >= DZ_ERP_KIND_MAX || !((kind[i] >= 'a' && kind[i] <= 'z') ||
		    (kind[i] >= '0' && kind[i] <= '9') || kind[i] == '_' || kind[i] == '-'))
			return 0;
	return i > 0;
}

enum dz_err
dz_erp_dsn_unseal(const struct dz_keyring *ring, long long set_id, const void *blob,
    size_t bloblen, struct dz_erp_dsn *dsn)
{
	char		 ad[64], *pt = NULL;
	size_t		 ptlen = 0;
	enum dz_err	 rc;

	memset(dsn, 0, sizeof(*dsn));
	if (blob == NULL || bloblen == 0)
		return DZ_ERR_NOTFOUND;
	if (ring == NULL)
		return DZ_ERR_CRYPT;
	snprintf(ad, sizeof(ad), "account_sets.erp_dsn:%lld", set_id);
	rc = dz_crypt_box_open(ring, blob, bloblen, ad, strlen(ad), &pt, &ptlen);
	if (rc != DZ_OK)
		return rc;
	rc = dz_erp_dsn_parse(pt, dsn, NULL, 0);
	dz_wipe(pt, ptlen);
	free(pt);
	return rc;
}

enum dz_err
dz_erp_account(struct dz_db *db, const struct dz_keyring *ring, long long set_id,
    struct dz_erp_dsn *dsn, char *kind, size_t kindsz, char *company, size_t compsz)
{
	struct dz_rows	 rows;
	const char	*v;
	enum dz_err	 rc;

	memset(dsn, 0, sizeof(*dsn));
	if (set_id <= 0)
		return DZ_ERR_NOTFOUND;
	if ((rc = dz_db_q(db, DZ_SQL_ACCTSET_GET, &rows, DZ_A_INT(set_id))) != DZ_OK)
		return rc;
	if (rows.nrows != 1) {
		dz_db_rows_free(&rows);
		return DZ_ERR_NOTFOUND;
	}
	if (company != NULL)
		snprintf(company, compsz, "%s", (v = dz_db_cell(&rows, 0, 2)) != NULL ? v : "");
	if (kind != NULL)
		snprintf(kind, kindsz, "%s", (v = dz_db_cell(&rows, 0, 3)) != NULL ? v : "");
	rc = dz_erp_dsn_unseal(ring, set_id, dz_db_cell(&rows, 0, 4),
	    dz_db_cell_len(&rows, 0, 4), dsn);
	dz_db_rows_free(&rows);
	return rc;
}

/* ---- Profiles --------------------------------------------------------- */

struct erp_query {
	const char	*sql;
	const char	*params;
	char		 names[PARAMS_MAX][32];	/* "@customer" ... */
	size_t		 nparams;
};

/*
 * The @names of an sp_executesql parameter list ("@a varchar(25), @b
 * decimal(18,2)"), in order. -1 if it is not such a list.
 */
static int
param_names(const char *s, struct erp_query *q)
{
	int	depth = 0, want = 1;
	size_t	k;

	q->nparams = 0;
	for (; *s != '\0'; s++) {
		if (*s == '(')
			depth++;
		else if (*s == ')')
			depth--;
		else if (*s == ',' && depth == 0)
			want = 1;
		else if (*s == '@' && want) {
			if (q->nparams == PARAMS_MAX)
				return -1;
			for (k = 0; k < sizeof(q->names[0]) - 1 && (s[k] == '@' ||
			    (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
			    (s[k] >= '0' && s[k] <= '9') || s[k] == '_'); k++)
				q->names[q->nparams][k] = s[k];
			q->names[q->nparams][k] = '\0';
			if (k < 2)
				return -1;
			q->nparams++;
			want = 0;
			s += k - 1;
		} else if (*s != ' ' && *s != '\t' && *s != '\n' && want)
			return -1;
		if (depth < 0)
			return -1;
	}
	return depth == 0 ? 0 : -1;
}

static enum dz_err
profile_get(struct dz_erp *e, const char *kind, HDF **out)
{
	char		 path[700];
	NEOERR		*err;
	HDF		*h = NULL;
	size_t		 i;

	if (!dz_erp_kind_valid(kind)) {
		why(e, "ERP 版本名不对");
		return DZ_ERR_INVAL;
	}
	for (i = 0; i < PROFILES_MAX; i++)
		if (e->prof[i].hdf != NULL && strcmp(e->prof[i].kind, kind) == 0) {
			*out = e->prof[i].hdf;
			return DZ_OK;
		}
	snprintf(path, sizeof(path), "%s/%s.hdf", e->dir, kind);
	if ((err = hdf_init(&h)) != STATUS_OK || (err = hdf_read_file(h, path)) != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		hdf_destroy(&h);
		dz_log_err("erp: cannot read profile %s", path);
		why(e, "读不到 ERP 版本配置 %s.hdf", kind);
		return DZ_ERR_ERP;
	}
	for (i = 0; i < PROFILES_MAX && e->prof[i].hdf != NULL; i++)
		;
	if (i == PROFILES_MAX) {
		i = 0;
		hdf_destroy(&e->prof[0].hdf);
	}
	snprintf(e->prof[i].kind, sizeof(e->prof[i].kind), "%s", kind);
	e->prof[i].hdf = h;
	*out = h;
	return DZ_OK;
}

static enum dz_err
query_get(struct dz_erp *e, const char *kind, const char *name, struct erp_query *q)
{
	HDF		*h, *node;
	enum dz_err	 rc;

	memset(q, 0, sizeof(*q));
	if ((rc = profile_get(e, kind, &h)) != DZ_OK)
		return rc;
	node = hdf_get_obj(hdf_get_obj(h, "Query"), name);
	q->sql = node != NULL ? hdf_get_value(node, "Sql", NULL) : NULL;
	q->params = node != NULL ? hdf_get_value(node, "Params", "") : "";
	if (q->sql == NULL || *q->sql == '\0' || param_names(q->params, q) != 0) {
		dz_log_err("erp: profile %s: query %s missing or malformed", kind, name);
		why(e, "ERP 版本配置 %s.hdf 中缺少或写错了查询 %s", kind, name);
		return DZ_ERR_ERP;
	}
	return DZ_OK;
}

/* ---- Values ------------------------------------------------------------ */

static const int64_t pow10tab[] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
    10000000, 100000000 };

enum dz_err
dz_erp_decimal(const char *s, size_t len, int scale, int64_t *out)
{
	const char	*p = s, *end = s + len;
	uint64_t	 v = 0, limit;
	int		 neg = 0, digits = 0, frac = 0, round = 0, seen_point = 0;

	if (scale < 0 || scale > 6)
		return DZ_ERR_INVAL;
	limit = (uint64_t)DZ_MONEY_MAX;
	while (p < end && *p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < end; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		if (*p < '0' || *p > '9')
			return DZ_ERR_INVAL;
		digits++;
		if (seen_point && frac == scale) {
			/* First dropped digit decides; half away from zero. */
			if (frac == scale && round == 0)
				round = *p >= '5' ? 1 : -1;
			continue;
		}
		if (seen_point)
			frac++;
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > limit * 10)
			return DZ_ERR_INVAL;
	}
	if (digits == 0)
		return DZ_ERR_INVAL;
	for (; frac < scale; frac++)
		v *= 10;
	if (round == 1)
		v++;
	if (v > limit)
		return DZ_ERR_INVAL;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return DZ_OK;
}

/* v (an integer of scale from) at scale to, half away from zero. */
static enum dz_err
rescale(int64_t v, int from, int to, int64_t *out)
{
	int64_t	 d, q, r;

	if (from == to)
		q = v;
	else if (from > to) {
		d = pow10tab[from - to];
		q = v / d;	/* toward zero; r has the sign of v */
		r = v % d;
		if (r * 2 >= d)
			q++;
		else if (r * 2 <= -d)
			q--;
	} else {
		d = pow10tab[to - from];
		if (v > DZ_MONEY_MAX / d || v < -DZ_MONEY_MAX / d)
			return DZ_ERR_INVAL;
		q = v * d;
	}
	if (q > DZ_MONEY_MAX || q < -DZ_MONEY_MAX)
		return DZ_ERR_INVAL;
	*out = q;
	return DZ_OK;
}

enum dz_err
dz_erp_value_fixed(int type, const void *data, int len, int scale, int64_t *out)
{
	const unsigned char	*b = data;
	char			 buf[80];
	int64_t			 v;
	double			 f;
	DBINT			 n;

	if (data == NULL || len <= 0 || scale < 0 || scale > 6)
		return DZ_ERR_INVAL;
	switch (type) {
	case SYBMONEY: {
		DBMONEY	m;

		/* Two 32-bit halves, high first: ten-thousandths, exact. */
		if (len != (int)sizeof(m))
			return DZ_ERR_INVAL;
		memcpy(&m, b, sizeof(m));
		v = (int64_t)(((uint64_t)(uint32_t)m.mnyhigh << 32) | (uint64_t)m.mnylow);
		return rescale(v, 4, scale, out);
	}
	case SYBMONEY4: {
		DBMONEY4 m;

		if (len != (int)sizeof(m))
			return DZ_ERR_INVAL;
		memcpy(&m, b, sizeof(m));
		return rescale((int64_t)m.mny4, 4, scale, out);
	}
	case SYBDECIMAL:
	case SYBNUMERIC:
		/* dbconvert prints a DECIMAL exactly, every digit. */
		n = dbconvert(NULL, type, (BYTE *)(uintptr_t)b, len, SYBCHAR,
		    (BYTE *)buf, (DBINT)sizeof(buf) - 1);
		if (n <= 0 || n >= (DBINT)sizeof(buf))
			return DZ_ERR_INVAL;
		return dz_erp_decimal(buf, (size_t)n, scale, out);
	case SYBFLT8:
	case SYBREAL:
		if (type == SYBFLT8 && len == (int)sizeof(double))
			memcpy(&f, b, sizeof(f));
		else if (type == SYBREAL && len == (int)sizeof(float)) {
			float	g;

			memcpy(&g, b, sizeof(g));
			f = g;
		} else
			return DZ_ERR_INVAL;
		if (!isfinite(f) || fabs(f) >= 1e15)
			return DZ_ERR_INVAL;
		if (fabs(f) < 1e-7)
			f = 0;
		/*
		 * A FLOAT holds the nearest binary fraction of what the ERP
		 * wrote (0.1 is 0.1000000000000000055...). Its shortest 15
		 * (REAL: 7) significant digits give back the decimal written;
		 * rounding the binary value itself would turn 2.675 into 2.67.
		 */
		snprintf(buf, sizeof(buf), "%.*g", type == SYBFLT8 ? 15 : 7, f);
		if (strchr(buf, 'e') != NULL) {
			/* Tiny values print as 1e-05: fixed notation instead. */
			snprintf(buf, sizeof(buf), "%.*f", type == SYBFLT8 ? 12 : 7, f);
		}
		return dz_erp_decimal(buf, strlen(buf), scale, out);
	case SYBINT1:
		return rescale((int64_t)b[0], 0, scale, out);
	case SYBBIT:
		return rescale((int64_t)(b[0] != 0), 0, scale, out);
	case SYBINT2: {
		int16_t	i;

		if (len != 2)
			return DZ_ERR_INVAL;
		memcpy(&i, b, 2);
		return rescale(i, 0, scale, out);
	}
	case SYBINT4: {
		int32_t	i;

		if (len != 4)
			return DZ_ERR_INVAL;
		memcpy(&i, b, 4);
		return rescale(i, 0, scale, out);
	}
	case SYBINT8: {
		int64_t	i;

		if (len != 8)
			return DZ_ERR_INVAL;
		memcpy(&i, b, 8);
		if (i > DZ_MONEY_MAX || i < -DZ_MONEY_MAX)
			return DZ_ERR_INVAL;
		return rescale(i, 0, scale, out);
	}
	case SYBCHAR:
	case SYBVARCHAR:
	case SYBTEXT:
		return dz_erp_decimal((const char *)b, (size_t)len, scale, out);
	default:
		return DZ_ERR_INVAL;
	}
}

/* Column value helpers: c is the 1-based column, 0 when absent. */

static int
col_null(DBPROCESS *dbp, int c)
{
	return c <= 0 || dbdata(dbp, c) == NULL;
}

static enum dz_err
col_fixed(DBPROCESS *dbp, int c, int scale, int64_t *out)
{
	if (col_null(dbp, c)) {
		*out = 0;
		return DZ_OK;	/* NULL amounts count as zero (ISNULL) */
	}
	return dz_erp_value_fixed(dbcoltype(dbp, c), dbdata(dbp, c), dbdatlen(dbp, c),
	    scale, out);
}

static enum dz_err
col_int(DBPROCESS *dbp, int c, int64_t *out)
{
	if (col_null(dbp, c))
		return DZ_ERR_INVAL;
	return dz_erp_value_fixed(dbcoltype(dbp, c), dbdata(dbp, c), dbdatlen(dbp, c),
	    0, out);
}

/*
 * Text (already UTF-8: the client charset) into buf: trailing blanks of a
 * CHAR column dropped, cut at a character boundary, control characters and
 * invalid bytes turned into spaces or '?'.
 */
static void
col_text(DBPROCESS *dbp, int c, char *buf, size_t bufsz)
{
	const unsigned char	*p;
	size_t			 n, i, k, len;
	int			 t;

	buf[0] = '\0';
	if (col_null(dbp, c))
		return;
	t = dbcoltype(dbp, c);
	p = dbdata(dbp, c);
	n = (size_t)dbdatlen(dbp, c);
	if (t != SYBCHAR && t != SYBVARCHAR && t != SYBTEXT && t != SYBNVARCHAR) {
		DBINT	m;

		m = dbconvert(dbp, t, (BYTE *)(uintptr_t)p, (DBINT)n, SYBCHAR,
		    (BYTE *)buf, (DBINT)bufsz - 1);
		buf[m > 0 && (size_t)m < bufsz ? (size_t)m : 0] = '\0';
		return;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\0'))
		n--;
	for (i = 0, k = 0; i < n; i += len) {
		if (p[i] < 0x80)
			len = 1;
		else if ((p[i] & 0xe0) == 0xc0)
			len = 2;
		else if ((p[i] & 0xf0) == 0xe0)
			len = 3;
		else if ((p[i] & 0xf8) == 0xf0)
			len = 4;
		else
			len = 1;
		if (k + len >= bufsz)
			break;
		if (i + len > n || (len > 1 && !dz_utf8_valid((const char *)p + i, len))) {
			buf[k++] = '?';
			len = 1;
			continue;
		}
		if (len == 1 && (p[i] < 0x20 || p[i] == 0x7f))
			buf[k++] = ' ';
		else {
			memcpy(buf + k, p + i, len);
			k += len;
		}
	}
	buf[k] = '\0';
}

/* A date column: 'YYYY-MM-DD' text (Dlyndx.Date) or a DATETIME. */
static enum dz_err
col_date(DBPROCESS *dbp, int c, char out[11])
{
	char	buf[32];
	int	t, y, m, d;

	if (col_null(dbp, c))
		return DZ_ERR_INVAL;
	t = dbcoltype(dbp, c);
	if (t == SYBDATETIME || t == SYBDATETIME4 || t == SYBMSDATE ||
	    t == SYBMSDATETIME2) {
		DBDATEREC2	dr;

		if (dbanydatecrack(dbp, &dr, t, dbdata(dbp, c)) == FAIL)
			return DZ_ERR_INVAL;
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", (int)dr.dateyear,
		    (int)dr.datemonth + 1, (int)dr.datedmonth);
	} else
		col_text(dbp, c, buf, sizeof(buf));
	/* Some ERPs keep a time after the date: '2026-10-07 00:00:00'. */
	if (strlen(buf) > 10 && buf[10] == ' ')
		buf[10] = '\0';
	if (dz_date_parse(buf, &y, &m, &d) != 0)
		return DZ_ERR_INVAL;
	memcpy(out, buf, 11);
	return DZ_OK;
}

/* ---- Running a query ------------------------------------------------------ */

enum arg_type { A_TEXT, A_INT, A_BIGINT };

struct qarg {
	enum arg_type	 t;
	const char	*s;
	long long	 i;
};

/*
 * Rows are handed to a sink; n counts them. A retry on a fresh connection
 * starts the sink over (n = 0).
 */
struct sink {
	enum dz_err	(*row)(struct sink *, DBPROCESS *, const int *col);
	size_t		 n;
};

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

/* Map the wanted column names to result columns (1-based; 0: absent). */
static enum dz_err
col_map(struct dz_erp *e, DBPROCESS *dbp, const char *const *cols, size_t ncols,
    size_t nrequired, int *idx)
{
	int	n, c;
	size_t	i;

	n = dbnumcols(dbp);
	for (i = 0; i < ncols; i++) {
		idx[i] = 0;
		for (c = 1; c <= n; c++) {
			const char *name = dbcolname(dbp, c);

			if (name != NULL && strcasecmp(name, cols[i]) == 0) {
				idx[i] = c;
				break;
			}
		}
		if (idx[i] == 0 && i < nrequired) {
			why(e, "ERP 查询结果缺少列 %s（请检查 ERP 版本配置）", cols[i]);
			dz_log_err("erp: result lacks column %s", cols[i]);
			return DZ_ERR_ERP;
		}
	}
	return DZ_OK;
}

static enum dz_err
exec_rpc(struct dz_erp *e, DBPROCESS *dbp, const struct erp_query *q,
    const struct qarg *args, size_t nargs, const char *const *cols, size_t ncols,
    size_t nrequired, struct sink *sink)
{
	int		 idx[COLS_MAX], secs, got = 0;
	int32_t		 i4[PARAMS_MAX];
	int64_t		 i8[PARAMS_MAX];
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
	for (i = 0; i < nargs; i++) {
		switch (args[i].t) {
		case A_TEXT:
			r = dbrpcparam(dbp, (char *)(uintptr_t)q->names[i], 0, SYBVARCHAR,
			    -1, (DBINT)strlen(args[i].s), (BYTE *)(uintptr_t)args[i].s);
			break;
		case A_INT:
			i4[i] = (int32_t)args[i].i;
			r = dbrpcparam(dbp, (char *)(uintptr_t)q->names[i], 0, SYBINT4,
			    -1, -1, (BYTE *)&i4[i]);
			break;
		default:
			i8[i] = (int64_t)args[i].i;
			r = dbrpcparam(dbp, (char *)(uintptr_t)q->names[i], 0, SYBINT8,
			    -1, -1, (BYTE *)&i8[i]);
			break;
		}
		if (r == FAIL)
			return classify(e, 0, "");
	}
	if (dbrpcsend(dbp) == FAIL || dbsqlok(dbp) == FAIL)
		return classify(e, 0, "");
	while ((r = dbresults(dbp)) == SUCCEED) {
		if (dbnumcols(dbp) == 0 || got) {
			/* Drain what we do not read (a second result set). */
			while (dbnextrow(dbp) != NO_MORE_ROWS)
				if (DBDEAD(dbp))
					break;
			continue;
		}
		got = 1;
		if ((rc = col_map(e, dbp, cols, ncols, nrequired, idx)) != DZ_OK) {
			dbcancel(dbp);
			return rc;
		}
		while ((st = dbnextrow(dbp)) != NO_MORE_ROWS) {
			if (st == FAIL)
				return classify(e, 0, "");
			if (st != REG_ROW)
				continue;
			if (sink->n >= DZ_ERP_ROWS_MAX) {
				why(e, "ERP 返回的行数超过上限 %d", DZ_ERP_ROWS_MAX);
				dbcancel(dbp);
				return DZ_ERR_TOOBIG;
			}
			if ((rc = sink->row(sink, dbp, idx)) != DZ_OK) {
				if (rc == DZ_ERR_INVAL) {
					why(e, "ERP 返回了无法识别的数据（金额或日期格式不对）");
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

/*
 * Run the profile's query name with args on the account set's connection
 * (opened if needed), handing each row to sink. A cached connection found
 * dead is opened again and the query run once more; a timeout is not
 * retried (the page must answer within one). fresh: a connection of its
 * own, closed afterwards (测试连接).
 */
static enum dz_err
run(struct dz_erp *e, const struct dz_erp_dsn *dsn, const char *kind, const char *name,
    const struct qarg *args, size_t nargs, const char *const *cols, size_t ncols,
    size_t nrequired, struct sink *sink, int fresh)
{
	struct erp_query	 q;
	struct erp_conn		 own, *c;
	enum dz_err		 rc;
	int			 attempt, reused, dead;

	e->why[0] = '\0';
	if ((rc = query_get(e, kind, name, &q)) != DZ_OK)
		return rc;
	if (q.nparams != nargs || ncols > COLS_MAX) {
		dz_log_err("erp: profile %s: query %s takes %zu parameters, not %zu",
		    kind, name, q.nparams, nargs);
		why(e, "ERP 版本配置 %s.hdf 中查询 %s 的参数不对", kind, name);
		return DZ_ERR_ERP;
	}
	memset(&own, 0, sizeof(own));
	for (attempt = 0; attempt < 2; attempt++) {
		sink->n = 0;
		c = fresh ? NULL : conn_find(e, dsn);
		reused = c != NULL;
		if (c == NULL) {
			c = fresh ? &own : conn_slot(e);
			if ((rc = conn_open(e, c, dsn)) != DZ_OK)
				return rc;
		}
		rc = exec_rpc(e, c->dbp, &q, args, nargs, cols, ncols, nrequired, sink);
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

/* A growing array of fixed-size elements. */
struct arr {
	struct sink	 s;
	void		*v;
	size_t		 size;
	size_t		 cap;
};

static void *
arr_next(struct arr *a)
{
	void	*p;
	size_t	 cap;

	if (a->s.n == a->cap) {
		cap = a->cap == 0 ? 64 : a->cap * 2;
		if ((p = realloc(a->v, cap * a->size)) == NULL)
			return NULL;
		a->v = p;
		a->cap = cap;
	}
	p = (char *)a->v + a->s.n * a->size;
	memset(p, 0, a->size);
	return p;
}

/* ---- Customers ------------------------------------------------------------ */

static const char *const cust_cols[] = { "typeId", "UserCode", "FullName", "Name",
    "ARTotal", "APTotal", "sonnum", "deleted" };
enum { CC_ID, CC_CODE, CC_NAME, CC_SHORT, CC_AR, CC_AP, CC_SONNUM, CC_DELETED };

static enum dz_err
cust_row(struct sink *s, DBPROCESS *dbp, const int *col)
{
	struct arr		*a = (struct arr *)s;
	struct dz_erp_customer	*c;
	int64_t			 ar, ap;
	enum dz_err		 rc;

	if ((c = arr_next(a)) == NULL)
		return DZ_ERR_NOMEM;
	col_text(dbp, col[CC_ID], c->id, sizeof(c->id));
	col_text(dbp, col[CC_CODE], c->code, sizeof(c->code));
	col_text(dbp, col[CC_NAME], c->name, sizeof(c->name));
	col_text(dbp, col[CC_SHORT], c->short_name, sizeof(c->short_name));
	if ((rc = col_fixed(dbp, col[CC_AR], 2, &ar)) != DZ_OK ||
	    (rc = col_fixed(dbp, col[CC_AP], 2, &ap)) != DZ_OK)
		return rc;
	c->receivable = ar - ap;
	if (c->id[0] == '\0')
		return DZ_ERR_INVAL;
	return DZ_OK;
}

/* "%q%" for LIKE ... ESCAPE '\', with the wildcards of q escaped. */
static enum dz_err
like_pattern(const char *q, char *buf, size_t bufsz)
{
	size_t	k = 0;

	buf[k++] = '%';
	for (; q != NULL && *q != '\0'; q++) {
		if (k + 3 >= bufsz)
			return DZ_ERR_TOOBIG;
		if (*q == '%' || *q == '_' || *q == '[' || *q == '\\')
			buf[k++] = '\\';
		buf[k++] = *q;
	}
	buf[k++] = '%';
	buf[k] = '\0';
	return DZ_OK;
}

enum dz_err
dz_erp_customers_at(struct dz_erp *e, const struct dz_erp_dsn *dsn, const char *kind,
    const char *q, long skip, int take, struct dz_erp_customer **out, size_t *n)
{
	struct arr	 a = { { cust_row, 0 }, NULL, sizeof(struct dz_erp_customer), 0 };
	char		 pat[512];
	struct qarg	 args[3];
	enum dz_err	 rc;

	*out = NULL;
	*n = 0;
	if (skip < 0 || take < 1 || take > 1000 || skip > 100000000L)
		return DZ_ERR_INVAL;
	if ((rc = like_pattern(q, pat, sizeof(pat))) != DZ_OK)
		return rc;
	args[0] = (struct qarg){ A_TEXT, pat, 0 };
	args[1] = (struct qarg){ A_INT, NULL, skip };
	args[2] = (struct qarg){ A_INT, NULL, take };
	rc = run(e, dsn, kind, "customers_search", args, 3, cust_cols, 6, 6, &a.s, 0);
	if (rc != DZ_OK) {
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.s.n;
	return DZ_OK;
}

struct one_cust {
	struct sink		 s;
	struct dz_erp_customer	*c;
	int			 usable;
};

static enum dz_err
one_cust_row(struct sink *s, DBPROCESS *dbp, const int *col)
{
	struct one_cust	*o = (struct one_cust *)s;
	int64_t		 ar, ap, sonnum = 0, deleted = 0;
	enum dz_err	 rc;

	if (s->n > 0)
		return DZ_OK;
	col_text(dbp, col[CC_ID], o->c->id, sizeof(o->c->id));
	col_text(dbp, col[CC_CODE], o->c->code, sizeof(o->c->code));
	col_text(dbp, col[CC_NAME], o->c->name, sizeof(o->c->name));
	col_text(dbp, col[CC_SHORT], o->c->short_name, sizeof(o->c->short_name));
	if ((rc = col_fixed(dbp, col[CC_AR], 2, &ar)) != DZ_OK ||
	    (rc = col_fixed(dbp, col[CC_AP], 2, &ap)) != DZ_OK)
		return rc;
	if (!col_null(dbp, col[CC_SONNUM]) && (rc = col_int(dbp, col[CC_SONNUM], &sonnum)) != DZ_OK)
		return rc;
	if (!col_null(dbp, col[CC_DELETED]) && (rc = col_int(dbp, col[CC_DELETED], &deleted)) != DZ_OK)
		return rc;
	o->c->receivable = ar - ap;
	o->usable = sonnum == 0 && deleted == 0;
	return DZ_OK;
}

enum dz_err
dz_erp_customer(struct dz_erp *e, const struct dz_erp_dsn *dsn, const char *kind,
    const char *id, struct dz_erp_customer *out)
{
	struct one_cust	 o = { { one_cust_row, 0 }, out, 0 };
	struct qarg	 args[1];
	enum dz_err	 rc;

	memset(out, 0, sizeof(*out));
	if (id == NULL || *id == '\0' || strlen(id) >= sizeof(out->id))
		return DZ_ERR_NOTFOUND;
	args[0] = (struct qarg){ A_TEXT, id, 0 };
	rc = run(e, dsn, kind, "customers_get", args, 1, cust_cols, 8, 6, &o.s, 0);
	if (rc != DZ_OK)
		return rc;
	if (o.s.n == 0 || !o.usable || strcmp(out->id, id) != 0) {
		memset(out, 0, sizeof(*out));
		why(e, "ERP 中没有这个客户");
		return DZ_ERR_NOTFOUND;
	}
	return DZ_OK;
}

/* ---- Documents, lines, opening balance ------------------------------------ */

static const char *const doc_cols[] = { "Vchcode", "Date", "VchType", "Number",
    "summary", "Total" };
enum { DC_VCH, DC_DATE, DC_TYPE, DC_NUMBER, DC_SUMMARY, DC_TOTAL };

static enum dz_err
doc_row(struct sink *s, DBPROCESS *dbp, const int *col)
{
	struct arr		*a = (struct arr *)s;
	struct dz_erp_doc	*d;
	int64_t			 v;
	enum dz_doc_type	 t;
	enum dz_err		 rc;

	if ((d = arr_next(a)) == NULL)
		return DZ_ERR_NOMEM;
	if ((rc = col_int(dbp, col[DC_VCH], &d->vchcode)) != DZ_OK ||
	    (rc = col_int(dbp, col[DC_TYPE], &v)) != DZ_OK ||
	    (rc = col_date(dbp, col[DC_DATE], d->date)) != DZ_OK ||
	    (rc = col_fixed(dbp, col[DC_TOTAL], 2, &d->total)) != DZ_OK)
		return rc;
	if (v < 0 || v > 1000000 || dz_stmt_doc_from_vchtype((int)v, &t) != DZ_OK)
		return DZ_ERR_INVAL;
	d->vchtype = (int)v;
	col_text(dbp, col[DC_NUMBER], d->number, sizeof(d->number));
	col_text(dbp, col[DC_SUMMARY], d->summary, sizeof(d->summary));
	return DZ_OK;
}

static int
date_ok(const char *s)
{
	int	y, m, d;

	return s != NULL && dz_date_parse(s, &y, &m, &d) == 0;
}

enum dz_err
dz_erp_documents(struct dz_erp *e, const struct dz_erp_dsn *dsn, const char *kind,
    const char *customer_id, const char *from, const char *to, unsigned int types,
    struct dz_erp_doc **out, size_t *n)
{
	struct arr	 a = { { doc_row, 0 }, NULL, sizeof(struct dz_erp_doc), 0 };
	struct qarg	 args[8];
	enum dz_err	 rc;
	int		 t;

	*out = NULL;
	*n = 0;
	if (customer_id == NULL || *customer_id == '\0' || !date_ok(from) ||
	    !date_ok(to) || types == 0 || (types >> DZ_DOC__MAX) != 0)
		return DZ_ERR_INVAL;
	args[0] = (struct qarg){ A_TEXT, customer_id, 0 };
	args[1] = (struct qarg){ A_TEXT, from, 0 };
	args[2] = (struct qarg){ A_TEXT, to, 0 };
	/* @sale @salereturn @receipt @arinc @ardec, in enum dz_doc_type order. */
	for (t = 0; t < DZ_DOC__MAX; t++)
		args[3 + t] = (struct qarg){ A_INT, NULL, (types >> t) & 1u };
	rc = run(e, dsn, kind, "documents_list", args, 8, doc_cols, 6, 6, &a.s, 0);
	if (rc != DZ_OK) {
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.s.n;
	return DZ_OK;
}

static const char *const line_cols[] = { "Vchcode", "dlyorder", "UserCode", "FullName",
    "Unit", "Qty", "Price", "Amount" };
enum { LC_VCH, LC_SEQ, LC_CODE, LC_NAME, LC_UNIT, LC_QTY, LC_PRICE, LC_AMOUNT };

static enum dz_err
line_row(struct sink *s, DBPROCESS *dbp, const int *col)
{
	struct arr		*a = (struct arr *)s;
	struct dz_erp_line	*l;
	int64_t			 seq;
	enum dz_err		 rc;

	if ((l = arr_next(a)) == NULL)
		return DZ_ERR_NOMEM;
	if ((rc = col_int(dbp, col[LC_VCH], &l->vchcode)) != DZ_OK ||
	    (rc = col_int(dbp, col[LC_SEQ], &seq)) != DZ_OK ||
	    (rc = col_fixed(dbp, col[LC_QTY], 4, &l->qty)) != DZ_OK ||
	    (rc = col_fixed(dbp, col[LC_PRICE], 4, &l->price)) != DZ_OK ||
	    (rc = col_fixed(dbp, col[LC_AMOUNT], 2, &l->amount)) != DZ_OK)
		return rc;
	if (seq < 0 || seq > UINT32_MAX)
		return DZ_ERR_INVAL;
	l->seq = (uint32_t)seq;
	col_text(dbp, col[LC_CODE], l->product_code, sizeof(l->product_code));
	col_text(dbp, col[LC_NAME], l->product_name, sizeof(l->product_name));
	col_text(dbp, col[LC_UNIT], l->unit, sizeof(l->unit));
	return DZ_OK;
}

enum dz_err
dz_erp_lines(struct dz_erp *e, const struct dz_erp_dsn *dsn, const char *kind,
    const char *customer_id, const char *from, const char *to,
    struct dz_erp_line **out, size_t *n)
{
	struct arr	 a = { { line_row, 0 }, NULL, sizeof(struct dz_erp_line), 0 };
	struct qarg	 args[5];
	enum dz_err	 rc;

	*out = NULL;
	*n = 0;
	if (customer_id == NULL || *customer_id == '\0' || !date_ok(from) || !date_ok(to))
		return DZ_ERR_INVAL;
	args[0] = (struct qarg){ A_TEXT, customer_id, 0 };
	args[1] = (struct qarg){ A_TEXT, from, 0 };
	args[2] = (struct qarg){ A_TEXT, to, 0 };
	args[3] = (struct qarg){ A_INT, NULL, 1 };
	args[4] = (struct qarg){ A_INT, NULL, 1 };
	rc = run(e, dsn, kind, "documents_lines_range", args, 5, line_cols, 8, 8, &a.s, 0);
	if (rc != DZ_OK) {
		free(a.v);
		return rc;
	}
	*out = a.v;
	*n = a.s.n;
	return DZ_OK;
}

struct one_amount {
	struct sink	 s;
	int64_t		 fen;
};

static enum dz_err
one_amount_row(struct sink *s, DBPROCESS *dbp, const int *col)
{
	struct one_amount *o = (struct one_amount *)s;

	if (s->n > 0)
		return DZ_OK;
	return col_fixed(dbp, col[0], 2, &o->fen);
}

enum dz_err
dz_erp_opening(struct dz_erp *e, const struct dz_erp_dsn *dsn, const char *kind,
    const char *customer_id, const char *date, int64_t *fen)
{
	static const char *const cols[] = { "Opening" };
	struct one_amount	 o = { { one_amount_row, 0 }, 0 };
	struct qarg		 args[2];
	enum dz_err		 rc;

	*fen = 0;
	if (customer_id == NULL || *customer_id == '\0' || !date_ok(date))
		return DZ_ERR_INVAL;
	args[0] = (struct qarg){ A_TEXT, customer_id, 0 };
	args[1] = (struct qarg){ A_TEXT, date, 0 };
	if ((rc = run(e, dsn, kind, "balance_opening", args, 2, cols, 1, 1, &o.s, 0)) != DZ_OK)
		return rc;
	if (o.s.n == 0) {
		why(e, "ERP 中没有这个客户");
		return DZ_ERR_NOTFOUND;
	}
	*fen = o.fen;
	return DZ_OK;
}

/* ---- 测试连接 ---------------------------------------------------------------- */

struct info {
	struct sink	 s;
	char		*company, *version;
	size_t		 companysz, versionsz;
};

static enum dz_err
info_row(struct sink *s, DBPROCESS *dbp, const int *col)
{
	struct info	*i = (struct info *)s;

	if (s->n > 0)
		return DZ_OK;
	col_text(dbp, col[0], i->company, i->companysz);
	col_text(dbp, col[1], i->version, i->versionsz);
	return DZ_OK;
}

enum dz_err
dz_erp_info(struct dz_erp *e, const struct dz_erp_dsn *dsn, const char *kind,
    char *company, size_t companysz, char *version, size_t versionsz)
{
	static const char *const cols[] = { "fullname", "Version" };
	struct info	 i = { { info_row, 0 }, company, version, companysz, versionsz };
	struct qarg	 args[1];
	enum dz_err	 rc;

	if (companysz == 0 || versionsz == 0)
		return DZ_ERR_INVAL;
	company[0] = version[0] = '\0';
	args[0] = (struct qarg){ A_TEXT, dsn->database, 0 };
	if ((rc = run(e, dsn, kind, "account_info", args, 1, cols, 2, 1, &i.s, 1)) != DZ_OK)
		return rc;
	if (i.s.n == 0) {
		why(e, "已连上 ERP，但数据库 %s 不在管家婆的账套列表（master.dbo.GraspcwZt）中",
		    dsn->database);
		return DZ_ERR_ERP_NODB;
	}
	return DZ_OK;
}

/* ---------------------------------------------------------------------
 * The gateway in a screen program's loop (lib/app).
 */

static enum dz_err
hook_open(struct dz_app *app)
{
	char		dir[300];
	enum dz_err	rc;

	snprintf(dir, sizeof(dir), "%s/erp", app->conf->data_dir);
	rc = dz_erp_init(&app->erp, dir, app->conf->erp_login_timeout,
	    app->conf->erp_query_timeout);
	if (rc != DZ_OK)
		dz_log_err("cannot set up the ERP gateway");
	return rc;
}

static void
hook_idle(struct dz_app *app)
{
	dz_erp_idle(app->erp, 0);
}

static void
hook_close(struct dz_app *app)
{
	dz_erp_free(app->erp);
	app->erp = NULL;
}

const struct dz_app_hooks dz_erp_hooks = { hook_open, hook_idle, hook_close };
