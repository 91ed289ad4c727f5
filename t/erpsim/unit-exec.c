/*
 * unit-exec: the SQL engine on its own. This program links exec.c and what
 * it calls but not erpsim.c, so it builds only while the engine needs
 * nothing of main (the graph is one-way). It runs batches and RPCs on an
 * in-memory SQLite through a socketpair and reads the reply as a client
 * would: packets, then tokens, drawn as one line of text per reply. The
 * expected lines are what SQL Server sends for the same statements
 * (MS-TDS 2.2.7: COLMETADATA, ROW, DONE status bits, ERROR numbers).
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <iconv.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../lib/tap.h"
#include "tds.h"
#include "login.h"
#include "rpc.h"
#include "exec.h"
#include "testmsg.h"

#define SPID	55

static const char fixture[] =
	"CREATE TABLE erpsim_meta (name TEXT, value TEXT);"
	"INSERT INTO erpsim_meta VALUES ('database', 'V3993');"
	"CREATE TABLE Ptype (typeId VARCHAR(20), FullName VARCHAR(60),"
	" UserCode NVARCHAR(20), Price MONEY, Qty INT);"
	"INSERT INTO Ptype VALUES ('00001', '螺丝', 'LS-1', 12.5, 10),"
	" ('00002', '螺母', 'LM-2', 0.35, 3), ('00003', '垫片', NULL, 7, 20);";

/* What the server claims to be; the engine only passes it on. */
static const struct tds_server_id ident = {
	74, { 15, 0, 0x07, 0xD0 }, "15.0.2000.5", "unit-exec server"
};

/* Batches and the reply each must draw (see draw()). */
static const struct {
	const char	*sql;
	const char	*want;
} batches[] = {
	{ "select typeId, FullName, UserCode, Price, Qty from Ptype "
	  "order by typeId",
	  "cols typeId:varchar/20 FullName:varchar/60 UserCode:nvarchar/40 "
	  "Price:money/8 Qty:int/4; row 00001|螺丝|LS-1|12.5000|10; "
	  "row 00002|螺母|LM-2|0.3500|3; row 00003|垫片|NULL|7.0000|20; "
	  "done 0x10 3" },
	/* T-SQL only SQLite cannot run: TOP, dbo., a table hint */
	{ "select top 1 FullName from dbo.Ptype with (nolock) "
	  "where Qty > 5 order by Qty desc",
	  "cols FullName:varchar/60; row 垫片; done 0x10 1" },
	/* SUM of a MONEY column is MONEY only through the catalog */
	{ "select sum(Price), count(*) from Ptype",
	  "cols :money/8 :int/4; row 19.8500|3; done 0x10 1" },
	{ "select @@spid as spid",
	  "cols spid:int/2; row 55; done 0x10 1" },
	{ "select x from nosuch",
	  "error 208 Invalid object name 'nosuch'.; done 0x2 0" },
	{ "select typeId from Ptype where nosuch = 1",
	  "error 207 Invalid column name 'nosuch'.; done 0x2 0" },
	/* the DONE of SET is held back, then sent with MORE */
	{ "set nocount on; select count(*) from Ptype",
	  "done 0x1 0; cols :int/4; row 3; done 0x0 1" },
	{ "set nocount off", "done 0x0 0" },
	/* only the catalog's database (or master) may be used */
	{ "use nosuch",
	  "error 911 Database 'nosuch' does not exist. Make sure that the "
	  "name is entered correctly.; done 0x2 0" },
	{ "use master",
	  "env 1 master; info 5701 Changed database context to 'master'.; "
	  "done 0x0 0" },
};

/* A parsed reply drawn as text; cols remembered for the ROWs. */
struct reply {
	char		 text[2048];
	size_t		 len;
	uint8_t		 type[16];
	int		 ncol;
};

static void
add(struct reply *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
add(struct reply *r, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (r->len >= sizeof(r->text) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(r->text + r->len, sizeof(r->text) - r->len, fmt, ap);
	va_end(ap);
	r->len += n < 0 ? 0 : (size_t)n;
	if (r->len >= sizeof(r->text))
		r->len = sizeof(r->text) - 1;
}

/* Converts between UTF-8 and GB18030 (the test's own, not types.c's). */
static char *
conv(const char *to, const char *from, const char *in, size_t n, size_t *outn)
{
	iconv_t	 cd;
	char	*out, *op, *ip = (char *)in;
	size_t	 ol = n * 4 + 4;

	if ((cd = iconv_open(to, from)) == (iconv_t)-1)
		return NULL;
	if ((out = op = calloc(1, ol + 1)) != NULL &&
	    iconv(cd, &ip, &n, &op, &ol) == (size_t)-1) {
		free(out);
		out = NULL;
	}
	iconv_close(cd);
	if (out != NULL && outn != NULL)
		*outn = (size_t)(op - out);
	return out;
}

/* B_VARCHAR or US_VARCHAR (UTF-16 units) as UTF-8 text into r. */
static void
add_ucs2(struct reply *r, struct tds_rd *rd, size_t units)
{
	const uint8_t	*p = tds_rd_bytes(rd, units * 2);
	char		*t;

	if (p == NULL || (t = tds_utf16_to_utf8(p, units * 2, NULL)) == NULL)
		return;
	add(r, "%s", t);
	free(t);
}

static const char *
type_name(uint8_t t)
{
	switch (t) {
	case 0x26:
		return "int";
	case 0x6E:
		return "money";
	case 0xA7:
		return "varchar";
	case 0xE7:
		return "nvarchar";
	default:
		return "?";
	}
}

static int
colmetadata(struct reply *r, struct tds_rd *rd)
{
	int		 i, n = tds_rd_u16(rd);
	unsigned	 size;

	add(r, "cols");
	if (n > (int)sizeof(r->type))
		return -1;
	for (i = 0; i < n && !rd->err; i++) {
		(void)tds_rd_u32(rd);		/* user type */
		(void)tds_rd_u16(rd);		/* flags */
		r->type[i] = tds_rd_u8(rd);
		if (r->type[i] == 0xA7 || r->type[i] == 0xE7) {
			size = tds_rd_u16(rd);
			(void)tds_rd_bytes(rd, 5);	/* collation */
		} else
			size = tds_rd_u8(rd);
		add(r, " ");
		add_ucs2(r, rd, tds_rd_u8(rd));
		add(r, ":%s/%u", type_name(r->type[i]), size);
		if (type_name(r->type[i])[0] == '?')
			return -1;
	}
	r->ncol = n;
	return rd->err ? -1 : 0;
}

static void
value(struct reply *r, struct tds_rd *rd, uint8_t type)
{
	const uint8_t	*p;
	uint64_t	 v = 0;
	int64_t		 m;
	size_t		 n, i;
	char		*t;

	n = type == 0xA7 || type == 0xE7 ? tds_rd_u16(rd) : tds_rd_u8(rd);
	if (n == 0xFFFF || (n == 0 && type != 0xA7 && type != 0xE7)) {
		add(r, "NULL");
		return;
	}
	if ((p = tds_rd_bytes(rd, n)) == NULL)
		return;
	switch (type) {
	case 0x26:
		for (i = 0; i < n; i++)
			v |= (uint64_t)p[i] << (8 * i);
		if (n < 8 && (p[n - 1] & 0x80))
			v |= ~(uint64_t)0 << (8 * n);
		add(r, "%lld", (long long)(int64_t)v);
		break;
	case 0x6E:	/* high 32 bits first, 1/10000 units */
		for (i = 0; i < 4; i++)
			v |= (uint64_t)p[i] << (32 + 8 * i) |
			    (uint64_t)p[4 + i] << (8 * i);
		m = (int64_t)v;
		add(r, "%s%lld.%04lld", m < 0 ? "-" : "",
		    llabs(m) / 10000, llabs(m) % 10000);
		break;
	case 0xA7:
		if ((t = conv("UTF-8", "GB18030", (const char *)p, n,
		    NULL)) != NULL)
			add(r, "%s", t);
		free(t);
		break;
	case 0xE7:
		if ((t = tds_utf16_to_utf8(p, n, NULL)) != NULL)
			add(r, "%s", t);
		free(t);
		break;
	}
}

/* Draws a token stream, "; " between tokens; -1 on a token it can't read. */
static int
draw(struct reply *r, const uint8_t *p, size_t n)
{
	struct tds_rd	 rd;
	uint8_t		 tok;
	uint16_t	 st;
	uint32_t	 num;
	size_t		 len, end;
	int		 i;

	tds_rd_init(&rd, p, n);
	while (rd.pos < rd.len && !rd.err) {
		if (r->len > 0)
			add(r, "; ");
		switch ((tok = tds_rd_u8(&rd))) {
		case TDS_TOK_COLMETADATA:
			if (colmetadata(r, &rd) == -1)
				return -1;
			break;
		case TDS_TOK_ROW:
			add(r, "row ");
			for (i = 0; i < r->ncol; i++) {
				if (i > 0)
					add(r, "|");
				value(r, &rd, r->type[i]);
			}
			break;
		case TDS_TOK_DONE:
		case TDS_TOK_DONEPROC:
		case TDS_TOK_DONEINPROC:
			st = tds_rd_u16(&rd);
			(void)tds_rd_u16(&rd);		/* current command */
			add(r, "%s 0x%x %llu", tok == TDS_TOK_DONE ? "done" :
			    tok == TDS_TOK_DONEPROC ? "doneproc" : "doneinproc",
			    st, (unsigned long long)tds_rd_u64(&rd));
			break;
		case TDS_TOK_ERROR:
		case TDS_TOK_INFO:
			len = tds_rd_u16(&rd);
			end = rd.pos + len;
			num = tds_rd_u32(&rd);
			(void)tds_rd_u16(&rd);		/* state, class */
			add(r, "%s %u ", tok == TDS_TOK_ERROR ? "error" : "info",
			    num);
			add_ucs2(r, &rd, tds_rd_u16(&rd));
			rd.pos = end;
			break;
		case TDS_TOK_ENVCHANGE:
			len = tds_rd_u16(&rd);
			end = rd.pos + len;
			add(r, "env %u ", tds_rd_u8(&rd));
			add_ucs2(r, &rd, tds_rd_u8(&rd));
			rd.pos = end;
			break;
		case TDS_TOK_RETURNSTATUS:
			add(r, "status %d", (int32_t)tds_rd_u32(&rd));
			break;
		default:
			add(r, "token %#x?", tok);
			return -1;
		}
	}
	return rd.err ? -1 : 0;
}

/* Reads whole packets until EOM into m; -1 on timeout (no hang) or junk. */
static int
read_reply(int fd, struct tds_msg *m)
{
	struct pollfd	 pfd = { fd, POLLIN, 0 };
	uint8_t		 pkt[TDS_MAX_PKT];
	size_t		 have, want;
	ssize_t		 k;
	int		 rc = 0;

	tds_msg_reset(m);
	while (rc == 0) {
		have = 0;
		want = TDS_HDR_LEN;
		while (have < want) {
			if (poll(&pfd, 1, 2000) != 1 ||
			    (k = read(fd, pkt + have, want - have)) <= 0)
				return -1;
			have += (size_t)k;
			if (have == TDS_HDR_LEN)
				want = (size_t)pkt[2] << 8 | pkt[3];
			if (want < TDS_HDR_LEN || want > sizeof(pkt) ||
			    pkt[0] != TDS_PKT_REPLY)
				return -1;
		}
		rc = tds_msg_feed(m, pkt, have);
	}
	return rc == 1 ? 0 : -1;
}

/* The 7.2+ ALL_HEADERS every request starts with (a transaction descriptor). */
static void
all_headers(struct tds_buf *b)
{
	b->len = 0;
	tds_buf_u32(b, 22);
	tds_buf_u32(b, 18);
	tds_buf_u16(b, 2);
	tds_buf_u64(b, 0);
	tds_buf_u32(b, 1);
}

/* sp_executesql by id: stmt, defs, then one value of wire type vt. */
static void
executesql(struct tds_buf *b, const char *stmt, const char *defs,
    const char *name, uint8_t vt, const char *v)
{
	char	*cp;
	size_t	 n = 0;

	all_headers(b);
	tds_buf_u16(b, 0xFFFF);
	tds_buf_u16(b, RPC_SP_EXECUTESQL);
	tds_buf_u16(b, 0);
	testmsg_nvarchar(b, "", stmt);
	testmsg_nvarchar(b, "", defs);
	if (vt == 0xE7) {
		testmsg_nvarchar(b, name, v);
		return;
	}
	testmsg_param_hdr(b, name, 0xA7);	/* VARCHAR, bytes in the code page */
	tds_buf_u16(b, 20);
	tds_buf_put(b, tds_collation, 5);
	cp = conv("GB18030", "UTF-8", v, strlen(v), &n);
	tds_buf_u16(b, (uint16_t)n);
	tds_buf_put(b, cp, n);
	free(cp);
}

/* Runs one request through the engine and draws its reply into r. */
static int
run(struct session *s, int peer, int rpc, const struct tds_buf *req,
    struct reply *r)
{
	struct tds_msg	 m;
	int		 rc;

	memset(r, 0, sizeof(*r));
	memset(&m, 0, sizeof(m));
	if (rpc)
		exec_rpc(s, req->data, req->len);
	else
		exec_batch(s, req->data, req->len);
	rc = read_reply(peer, &m) == 0 && draw(r, m.data.data, m.data.len) == 0 ?
	    0 : -1;
	tds_buf_free(&m.data);
	return rc;
}

static void
batch(struct session *s, int peer, const char *sql, struct reply *r)
{
	struct tds_buf	 b = { NULL, 0, 0, 0 };

	all_headers(&b);
	testmsg_ucs2(&b, sql);
	if (run(s, peer, 0, &b, r) == -1)
		diag("unreadable reply: %s", r->text);
	tds_buf_free(&b);
}

static void
test_catalog(struct server *srv, sqlite3 *db)
{
	is_int(catalog_load(&srv->cat, db), 0, "catalog loads");
	is_str(srv->cat.dbname, "V3993", "database name from erpsim_meta");
	is_str(catalog_decl(&srv->cat, "PRICE"), "MONEY",
	    "declared type by column name, any case");
	ok(catalog_decl(&srv->cat, "nosuch") == NULL, "unknown column: NULL");
}

static void
test_rpc(struct session *s, int peer)
{
	struct tds_buf	 b = { NULL, 0, 0, 0 };
	struct reply	 r;

	executesql(&b, "select typeId from Ptype where FullName = @n",
	    "@n nvarchar(20)", "@n", 0xE7, "垫片");
	run(s, peer, 1, &b, &r);
	is_str(r.text, "cols typeId:varchar/20; row 00003; doneinproc 0x11 1; "
	    "status 0; doneproc 0x0 0", "sp_executesql, NVARCHAR parameter");
	executesql(&b, "select typeId from Ptype where FullName = @c",
	    "@c varchar(20)", "@c", 0xA7, "螺母");
	run(s, peer, 1, &b, &r);
	is_str(r.text, "cols typeId:varchar/20; row 00002; doneinproc 0x11 1; "
	    "status 0; doneproc 0x0 0", "sp_executesql, GB18030 VARCHAR parameter");
	executesql(&b, "select from where", "@c varchar(20)", "@c", 0xA7, "x");
	run(s, peer, 1, &b, &r);
	is_str(r.text, "error 102 Incorrect syntax near 'from'.; "
	    "doneinproc 0x3 0; status -6; doneproc 0x2 0",
	    "sp_executesql, syntax error");
	tds_buf_free(&b);
}

/* The --log lines of the requests above, through logfile.c. */
static void
test_log(const char *path)
{
	char	 buf[16384];
	size_t	 n;
	FILE	*f;

	buf[0] = '\0';
	if ((f = fopen(path, "r")) != NULL) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		buf[n] = '\0';
		fclose(f);
	}
	ok(strstr(buf, " spid=55 batch: select sum(Price), count(*) from "
	    "Ptype\n") != NULL, "log: the batch, with the session's spid");
	ok(strstr(buf, " spid=55 rpc: sp_executesql(id 10) [=select typeId "
	    "from Ptype where FullName = @c] [=@c varchar(20)] [@c=螺母]\n") !=
	    NULL, "log: the RPC with its parameter values");
}

int
main(void)
{
	struct server	 srv;
	struct session	 s;
	struct reply	 r;
	char		 logpath[] = "/tmp/unit-exec.XXXXXX";
	size_t		 i;
	int		 sv[2], fd;

	memset(&srv, 0, sizeof(srv));
	memset(&s, 0, sizeof(s));
	if ((fd = mkstemp(logpath)) == -1 ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == -1) {
		skip_all("no temporary file or socketpair");
		return 0;
	}
	close(fd);
	srv.id = &ident;
	if (logfile_open(&srv.log, logpath) == -1 ||
	    sqlite3_open(":memory:", &s.db) != SQLITE_OK ||
	    sqlite3_exec(s.db, fixture, NULL, NULL, NULL) != SQLITE_OK ||
	    types_conv_open(&s.cv) == -1) {
		diag("set-up: %s", s.db != NULL ? sqlite3_errmsg(s.db) :
		    strerror(errno));
		return 1;
	}
	test_catalog(&srv, s.db);
	s.srv = &srv;
	s.c.fd = sv[0];
	s.c.spid = SPID;
	s.c.ver = 74;
	s.c.pktsize = 4096;
	snprintf(s.dbname, sizeof(s.dbname), "%s", srv.cat.dbname);
	for (i = 0; i < sizeof(batches) / sizeof(batches[0]); i++) {
		batch(&s, sv[1], batches[i].sql, &r);
		is_str(r.text, batches[i].want, "%s", batches[i].sql);
	}
	is_str(s.dbname, "master", "USE changed the session's database");
	test_rpc(&s, sv[1]);
	test_log(logpath);
	exec_free(&s);
	types_conv_close(&s.cv);
	sqlite3_close(s.db);
	catalog_free(&srv.cat);
	logfile_close(&srv.log);
	tds_buf_free(&s.c.out);
	tds_buf_free(&s.c.wire);
	close(sv[0]);
	close(sv[1]);
	unlink(logpath);
	return done_testing();
}
