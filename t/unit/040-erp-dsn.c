/*
 * 040-erp-dsn: the ERP data address parser, table-driven. Valid texts must
 * give exactly the fields listed; invalid ones DZ_ERR_INVAL with a reason
 * that names what is wrong, never the password, and a wiped struct. The
 * grammar's tables are read as stored addresses (no encrypt= needed);
 * test_encrypt has what an admin types: encrypt= is asked for, require
 * needs ca=, and the canonical text keeps both.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "erp_dsn.h"
#include "tap.h"

struct good {
	const char	*text;
	const char	*host, *instance;
	unsigned int	 port;
	const char	*uid, *pwd, *database;
};

static const struct good goods[] = {
	{ "server=192.168.1.10; uid=sa; pwd=sa123; database=V3993",
	  "192.168.1.10", "", 1433, "sa", "sa123", "V3993" },
	{ "server=192.168.1.10; uid=sa; pwd=sa123;database=V3993",
	  "192.168.1.10", "", 1433, "sa", "sa123", "V3993" },
	{ "SERVER = 10.0.0.1 ; UID = sa ; PWD = x ; DATABASE = db ;",
	  "10.0.0.1", "", 1433, "sa", "x", "db" },
	{ "  Server=ERP-Host;Uid=sa;Pwd=p;Database=ZT001;;  ",
	  "erp-host", "", 1433, "sa", "p", "ZT001" },
	{ "server=host,1433; uid=sa; pwd=a; database=d",
	  "host", "", 1433, "sa", "a", "d" },
	{ "server=host , 14330; uid=sa; pwd=a; database=d",
	  "host", "", 14330, "sa", "a", "d" },
	{ "server=127.0.0.1:14330; uid=sa; pwd=a; database=d",
	  "127.0.0.1", "", 14330, "sa", "a", "d" },
	{ "server=WIN-SRV\\SQLEXPRESS; uid=sa; pwd=a; database=d",
	  "win-srv", "SQLEXPRESS", 0, "sa", "a", "d" },
	{ "server=win-srv\\SQL2008,1500; uid=sa; pwd=a; database=d",
	  "win-srv", "SQL2008", 1500, "sa", "a", "d" },
	{ "server=db.example.com; uid=sa; pwd=a; database=d",
	  "db.example.com", "", 1433, "sa", "a", "d" },
	{ "server=MY_PC; uid=sa; pwd=a; database=d",
	  "my_pc", "", 1433, "sa", "a", "d" },
	{ "server=h; uid=sa; pwd=p a=ss!@#$%^&*()'\"{}; database=d",
	  "h", "", 1433, "sa", "p a=ss!@#$%^&*()'\"{}", "d" },
	{ "server=h; uid=sa; pwd=密码123; database=账套一",
	  "h", "", 1433, "sa", "密码123", "账套一" },
	{ "database=d; pwd=p; uid=u; server=h",
	  "h", "", 1433, "u", "p", "d" },
	{ "Data Source=h,1433; User ID=sa; Password=p; Initial Catalog=d",
	  "h", "", 1433, "sa", "p", "d" },
	{ "data  source=h;user=sa;password=p;initial   catalog=d",
	  "h", "", 1433, "sa", "p", "d" },
	{ "server=h:1; uid=sa; pwd=p; database=d",
	  "h", "", 1, "sa", "p", "d" },
	{ "server=h:65535; uid=sa; pwd=p; database=d",
	  "h", "", 65535, "sa", "p", "d" },
	{ "server=0.0.0.0; uid=sa; pwd=p; database=d",
	  "0.0.0.0", "", 1433, "sa", "p", "d" },
	{ "server=255.255.255.255; uid=sa; pwd=p; database=d",
	  "255.255.255.255", "", 1433, "sa", "p", "d" },
	{ "server=h; uid=sa; pwd==; database=d",
	  "h", "", 1433, "sa", "=", "d" },
	{ ";server=h; uid=sa; pwd=p; database=d",
	  "h", "", 1433, "sa", "p", "d" },
};

struct bad {
	const char	*text;
	const char	*why;		/* a substring the reason must contain */
};

static const struct bad bads[] = {
	{ "", "数据地址为空" },
	{ "   ", "缺少 server" },
	{ "server=h; uid=sa; pwd=p", "缺少 database" },
	{ "uid=sa; pwd=p; database=d", "缺少 server" },
	{ "server=h; pwd=p; database=d", "缺少 uid" },
	{ "server=h; uid=sa; database=d", "缺少 pwd" },
	{ "server=h; uid=sa; pwd=p; database=d; database=e", "database 重复出现" },
	{ "server=h; data source=h; uid=sa; pwd=p; database=d", "server 重复出现" },
	{ "server=h; uid=sa; pwd=p; database=d; port=1433", "不认识的项“port”" },
	{ "server=h; uid=sa; pwd=p; database=d; x:y=1", "第 5 项的名称不认识" },
	{ "server=h; uid=; pwd=p; database=d", "uid 不能为空" },
	{ "server=h; uid=sa; pwd= ; database=d", "pwd 不能为空" },
	{ "server=; uid=sa; pwd=p; database=d", "server 不能为空" },
	{ "server=h; uid=sa; pwd=a;b; database=d", "密码不能包含“;”" },
	{ "server=h uid=sa; pwd=p; database=d", "是不是少了分号" },
	{ "server=my host; uid=sa; pwd=p; database=d", "服务器名不正确" },
	{ "server=h; uid sa; pwd=p; database=d", "第 2 项缺少“=”" },
	{ "server=h; =sa; pwd=p; database=d", "第 2 项缺少名称" },
	{ "server=h,0; uid=sa; pwd=p; database=d", "端口必须是 1 到 65535 的数字" },
	{ "server=h,65536; uid=sa; pwd=p; database=d", "端口必须是 1 到 65535 的数字" },
	{ "server=h:abc; uid=sa; pwd=p; database=d", "端口必须是 1 到 65535 的数字" },
	{ "server=h,; uid=sa; pwd=p; database=d", "端口必须是 1 到 65535 的数字" },
	{ "server=h,-1; uid=sa; pwd=p; database=d", "端口必须是 1 到 65535 的数字" },
	{ "server=h,1433,1; uid=sa; pwd=p; database=d", "端口必须是 1 到 65535 的数字" },
	{ "server=::1; uid=sa; pwd=p; database=d", "端口必须是 1 到 65535 的数字" },
	{ "server=256.1.1.1; uid=sa; pwd=p; database=d", "IP 地址“256.1.1.1”不正确" },
	{ "server=192.168.1; uid=sa; pwd=p; database=d", "IP 地址“192.168.1”不正确" },
	{ "server=192.168.01.10; uid=sa; pwd=p; database=d", "IP 地址“192.168.01.10”不正确" },
	{ "server=1.2.3.4.5; uid=sa; pwd=p; database=d", "IP 地址" },
	{ "server=-host; uid=sa; pwd=p; database=d", "服务器名“-host”不正确" },
	{ "server=a..b; uid=sa; pwd=p; database=d", "服务器名“a..b”不正确" },
	{ "server=host.; uid=sa; pwd=p; database=d", "不正确" },
	{ "server=服务器; uid=sa; pwd=p; database=d", "服务器名“服务器”不正确" },
	{ "server=h\\; uid=sa; pwd=p; database=d", "实例名不能为空" },
	{ "server=\\INST; uid=sa; pwd=p; database=d", "服务器地址不能为空" },
	{ "server=h\\ABCDEFGHIJKLMNOPQ; uid=sa; pwd=p; database=d", "实例名太长" },
	{ "server=h\\A-B; uid=sa; pwd=p; database=d", "实例名只能包含" },
	{ "server=h; uid=sa; pwd=p\tq; database=d", "控制字符" },
	{ "server=h; uid=sa;\npwd=p; database=d", "控制字符" },
	{ "server=h; uid=sa; pwd=p\x7f; database=d", "控制字符" },
	{ "server=h; uid=sa; pwd=\xc2\x85; database=d", "控制字符" },
	{ "server=h; uid=sa; pwd=\xff; database=d", "UTF-8" },
	{ "server=h; uid=sa; pwd=\xc0\xaf; database=d", "UTF-8" },
	{ "server=h; uid=sa; pwd=\xed\xa0\x80; database=d", "UTF-8" },
	{ "server=h; uid=sa; pwd=\xe5\xaf; database=d", "UTF-8" },
	{ "server=h；uid=sa；pwd=p；database=d", "半角" },
	{ "server=h; uid=sa; pwd=p; database＝d", "半角" },
	{ "server=h; uid=sa; pwd=p; database=d; uid=x", "uid 重复出现" },
};

/* The text for a TAP description: control bytes would break the line. */
static const char *
show(const char *text)
{
	static char	 buf[256];
	size_t		 i;

	for (i = 0; text[i] != '\0' && i < sizeof(buf) - 1; i++)
		buf[i] = ((unsigned char)text[i] < 0x20 || text[i] == 0x7f) ?
		    '?' : text[i];
	buf[i] = '\0';
	return buf;
}

/* A password must never leak into the reason, even when it is at fault. */
static const char secret[] = "S3cr3t!x";

static void
test_good(const struct good *g)
{
	struct dz_erp_dsn	 d;
	char			 why[256];
	enum dz_err		 er;

	why[0] = '\0';
	er = dz_erp_dsn_parse_stored(g->text, &d);
	if (!is_int(er, DZ_OK, "valid: %s", g->text)) {
		diag("why: %s", why);
		return;
	}
	ok(strcmp(d.host, g->host) == 0 && strcmp(d.instance, g->instance) == 0 &&
	    d.port == g->port && strcmp(d.uid, g->uid) == 0 &&
	    strcmp(d.pwd, g->pwd) == 0 && strcmp(d.database, g->database) == 0,
	    "fields of: %s", g->text);
	if (strcmp(d.host, g->host) != 0 || d.port != g->port)
		diag("host '%s' inst '%s' port %u", d.host, d.instance, d.port);
	dz_erp_dsn_wipe(&d);
}

static void
test_bad(const struct bad *b)
{
	struct dz_erp_dsn	 d;
	static const struct dz_erp_dsn zero;
	char			 why[256];
	enum dz_err		 er;

	memset(&d, 0xa5, sizeof(d));
	er = dz_erp_dsn_parse(b->text, &d, why, sizeof(why));
	is_int(er, DZ_ERR_INVAL, "invalid: %s", show(b->text));
	if (!ok(strstr(why, b->why) != NULL, "reason has \"%s\"", b->why))
		diag("got: %s", why);
	ok(memcmp(&d, &zero, sizeof(d)) == 0, "struct wiped after failure");
}

/* Canonical texts: display text hides the password; full text round-trips. */
static void
test_format(void)
{
	struct dz_erp_dsn	 d, d2;
	char			 buf[DZ_ERP_DSN_TEXTSZ], why[256];

	dz_erp_dsn_parse_stored("SERVER = WIN-SRV\\SqlExpress ;uid=sa; pwd=S3cr3t!x;"
	    "database=V3993", &d);
	is_int(dz_erp_dsn_format(&d, buf, sizeof(buf)), DZ_OK, "format");
	is_str(buf, "server=win-srv\\SqlExpress; uid=sa; database=V3993", "display text");
	ok(strstr(buf, secret) == NULL, "display text has no password");
	is_int(dz_erp_dsn_identity(&d, buf, sizeof(buf)), DZ_OK, "identity");
	is_str(buf, "win-srv:0/sqlexpress/V3993", "identity of a named instance");
	is_int(dz_erp_dsn_tds_server(&d, buf, sizeof(buf)), DZ_OK, "tds server");
	is_str(buf, "win-srv\\SqlExpress", "FreeTDS asks the browser for the port");
	is_int(dz_erp_dsn_format_full(&d, buf, sizeof(buf)), DZ_OK, "format full");
	is_str(buf, "server=win-srv\\SqlExpress; uid=sa; pwd=S3cr3t!x; database=V3993",
	    "full text");
	is_int(dz_erp_dsn_parse_stored(buf, &d2), DZ_OK, "full text parses");
	ok(memcmp(&d, &d2, sizeof(d)) == 0, "and gives the same struct");
	is_int(dz_erp_dsn_format(&d, buf, 20), DZ_ERR_TOOBIG, "small buffer refused");
	is_str(buf, "", "and left empty");

	dz_erp_dsn_parse_stored("server=ERP.Example.COM:1500; uid=a; pwd=b; database=Db",
	    &d);
	dz_erp_dsn_identity(&d, buf, sizeof(buf));
	is_str(buf, "erp.example.com:1500//Db", "identity: host lower, db as typed");
	dz_erp_dsn_tds_server(&d, buf, sizeof(buf));
	is_str(buf, "erp.example.com:1500", "tds server host:port");
	dz_erp_dsn_identity(&d, buf, sizeof(buf));
	dz_erp_dsn_parse("server=erp.example.com,1500; uid=other; pwd=zz; database=Db; "
	    "encrypt=require; ca=/etc/ssl/erp.pem", &d2, why, sizeof(why));
	dz_erp_dsn_identity(&d2, why, sizeof(why));
	is_str(why, buf, "same identity whatever the login, spelling and encryption");
	dz_erp_dsn_wipe(&d);
	ok(d.pwd[0] == '\0' && d.pwd[5] == '\0', "wipe clears the password");
}

/* The password is never quoted back, whatever goes wrong around it. */
static void
test_no_leak(void)
{
	static const char *const texts[] = {
		"server=h; uid=sa; pwd=S3cr3t!x; database=",
		"server=h; uid=sa; pwd=S3cr3t!x;x; database=d",
		"server=h; uid=sa; pwd=S3cr3t!x; pwd=S3cr3t!x; database=d",
		"server=h; uid=sa; pwd S3cr3t!x; database=d",
		"server=h; uid=sa; S3cr3t!x=1; database=d",
		"server=h; uid=sa; pwd=S3cr3t!x\t; database=d",
		"server=h; uid=sa; pwd=S3cr;S3cr3t=1; database=d",
		"server=h pwd=S3cr3t!x; uid=sa; database=d",
		"server=h pwd S3cr3t; uid=sa; database=d",
	};
	struct dz_erp_dsn	 d;
	char			 why[256];
	size_t			 i;

	for (i = 0; i < DZ_NELEM(texts); i++) {
		dz_erp_dsn_parse(texts[i], &d, why, sizeof(why));
		ok(why[0] != '\0' && strstr(why, "S3cr3t") == NULL,
		    "no password in reason %zu: %s", i, show(why));
	}
}

static void
test_limits(void)
{
	struct dz_erp_dsn	 d;
	char			 text[2048], why[256], name[DZ_ERP_NAME_MAX + 2];

	memset(name, 'x', sizeof(name) - 1);
	name[DZ_ERP_NAME_MAX] = '\0';
	snprintf(text, sizeof(text), "server=h; uid=sa; pwd=%s; database=d; encrypt=off", name);
	is_int(dz_erp_dsn_parse(text, &d, why, sizeof(why)), DZ_OK, "128-byte pwd ok");
	name[DZ_ERP_NAME_MAX] = 'x';
	name[DZ_ERP_NAME_MAX + 1] = '\0';
	snprintf(text, sizeof(text), "server=h; uid=sa; pwd=%s; database=d", name);
	is_int(dz_erp_dsn_parse(text, &d, why, sizeof(why)), DZ_ERR_INVAL, "129-byte pwd");
	ok(strstr(why, "pwd 太长") != NULL, "reason: %s", why);
	memset(text, ' ', DZ_ERP_DSN_MAX + 1);
	text[DZ_ERP_DSN_MAX + 1] = '\0';
	is_int(dz_erp_dsn_parse(text, &d, why, sizeof(why)), DZ_ERR_INVAL, "over-long text");
	ok(strstr(why, "数据地址太长") != NULL, "reason: %s", why);
	is_int(dz_erp_dsn_parse(NULL, &d, NULL, 0), DZ_ERR_INVAL, "NULL text, no why");
	is_int(dz_erp_dsn_parse("server=h", &d, why, 8), DZ_ERR_INVAL, "tiny why buffer");
	ok(strlen(why) < 8, "reason truncated, terminated");
}

/* What an admin types: encryption has to be chosen; require needs ca. */
static void
test_encrypt(void)
{
	static const struct {
		const char	*tail, *why;
	} bad[] = {
		{ "", "请选择是否加密" },
		{ "; encrypt=require", "需要 ca=" },
		{ "; Encrypt=Yes", "需要 ca=" },
		{ "; encrypt=maybe; ca=/x.pem", "encrypt 只能是" },
		{ "; encrypt=; ca=/x.pem", "encrypt 不能为空" },
		{ "; encrypt=off; ca=/x.pem", "ca 只在" },
		{ "; encrypt=require; ca=x.pem", "完整路径" },
		{ "; encrypt=off; encrypt=require", "encrypt 重复出现" },
	};
	struct dz_erp_dsn	 d, d2;
	char			 text[512], buf[DZ_ERP_DSN_TEXTSZ], why[256];
	size_t			 i;

	for (i = 0; i < DZ_NELEM(bad); i++) {
		snprintf(text, sizeof(text), "server=h; uid=sa; pwd=S3cr3t!x; database=d%s",
		    bad[i].tail);
		is_int(dz_erp_dsn_parse(text, &d, why, sizeof(why)), DZ_ERR_INVAL,
		    "typed, refused: ...%s", bad[i].tail);
		if (!ok(strstr(why, bad[i].why) != NULL && strstr(why, "S3cr3t") == NULL,
		    "reason has \"%s\", no password", bad[i].why))
			diag("got: %s", why);
	}
	is_int(dz_erp_dsn_parse("server=h; uid=sa; pwd=p; database=d; encrypt=off",
	    &d, why, sizeof(why)), DZ_OK, "encrypt=off");
	is_int(d.encrypt, DZ_ERP_ENC_OFF, "... is off");
	dz_erp_dsn_format(&d, buf, sizeof(buf));
	is_str(buf, "server=h,1433; uid=sa; database=d; encrypt=off", "... and says so");
	is_int(dz_erp_dsn_parse("server=h,1500; uid=sa; pwd=p; database=d; "
	    "Encrypt = Mandatory; Server Certificate = /etc/dz/erp-ca.pem", &d, why,
	    sizeof(why)), DZ_OK, "encrypt=mandatory with a server certificate");
	is_int(d.encrypt, DZ_ERP_ENC_REQUIRE, "... is require");
	is_str(d.ca, "/etc/dz/erp-ca.pem", "... with its file");
	dz_erp_dsn_format(&d, buf, sizeof(buf));
	is_str(buf, "server=h,1500; uid=sa; database=d; encrypt=require; ca=/etc/dz/erp-ca.pem",
	    "the display text names both");
	dz_erp_dsn_format_full(&d, buf, sizeof(buf));
	is_int(dz_erp_dsn_parse(buf, &d2, why, sizeof(why)), DZ_OK, "the full text parses as typed");
	ok(memcmp(&d, &d2, sizeof(d)) == 0, "to the same struct");
	is_int(dz_erp_dsn_parse_stored(buf, &d2), DZ_OK, "and as stored");
	ok(memcmp(&d, &d2, sizeof(d)) == 0, "to the same struct");
	is_int(dz_erp_dsn_parse_stored("server=h; uid=sa; pwd=p; database=d", &d),
	    DZ_OK, "a stored address from before encrypt=");
	is_int(d.encrypt, DZ_ERP_ENC_LEGACY, "... is legacy (encrypted if offered)");
	dz_erp_dsn_format(&d, buf, sizeof(buf));
	is_str(buf, "server=h,1433; uid=sa; database=d", "... and its text has no encrypt=");
	is_int(dz_erp_dsn_parse(buf, &d2, why, sizeof(why)), DZ_ERR_INVAL,
	    "typed again, it must choose");
	dz_erp_dsn_wipe(&d);
}

/* dz_erp_dsn_redact: the typed text without what may be a password. */
static void
test_redact(void)
{
	static const struct {
		const char	*in, *want;
		int		 dropped;
	} rows[] = {
		{ "server=h; uid=sa; pwd=s3cret; database=D", "server=h; uid=sa; database=D", 1 },
		{ "server=h;uid=sa;PWD = s3cret;database=D", "server=h; uid=sa; database=D", 1 },
		{ "Password=s3cret; server=h", "server=h", 1 },
		/* a password holding ';': what follows it, up to a known key */
		{ "server=h; pwd=ab;cd; database=D", "server=h; database=D", 1 },
		{ "server=h; pwd=ab;x=cd;uid=u", "server=h; uid=u", 1 },
		/* text that does not parse at all */
		{ "server=h:99999; pwd=s3cret; nonsense", "server=h:99999", 1 },
		{ "server=h; uid=sa; database=D", "server=h; uid=sa; database=D", 0 },
		{ "foo=bar; pwd=", "foo=bar", 1 },
		{ "", "", 0 },
		{ ";;  ; pwd=x ;", "", 1 },
	};
	char	 buf[DZ_ERP_DSN_TEXTSZ], small[12];
	size_t	 i;

	for (i = 0; i < DZ_NELEM(rows); i++) {
		is_int(dz_erp_dsn_redact(rows[i].in, buf, sizeof(buf)), rows[i].dropped,
		    "redact \"%s\": dropped", rows[i].in);
		is_str(buf, rows[i].want, "redact \"%s\"", rows[i].in);
		ok(strstr(buf, "s3cret") == NULL && strstr(buf, "cd") == NULL,
		    "redact \"%s\": no password left", rows[i].in);
	}
	dz_erp_dsn_redact("server=a-long-host-name; pwd=x", small, sizeof(small));
	ok(strlen(small) < sizeof(small) && strstr(small, "pwd") == NULL,
	    "a small buffer: cut short, terminated");
}

int
main(void)
{
	size_t	 i;

	for (i = 0; i < DZ_NELEM(goods); i++)
		test_good(&goods[i]);
	for (i = 0; i < DZ_NELEM(bads); i++)
		test_bad(&bads[i]);
	test_format();
	test_encrypt();
	test_no_leak();
	test_limits();
	test_redact();
	return done_testing();
}
