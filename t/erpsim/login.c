/*
 * login.c: PRELOGIN and LOGIN7 (MS-TDS 2.2.6.4, 2.2.6.5) and the replies
 * SQL Server sends to them (2.2.7.9, 2.2.7.13, 2.2.7.14).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tds.h"
#include "login.h"

static const struct tds_server_id ids[] = {
	{ 71, { 8, 0, 0x07, 0xF7 }, "8.00.2039",
	  "Microsoft SQL Server  2000 - 8.00.2039 (Intel X86) \n"
	  "\tMay  3 2005 23:18:38 \n\tCopyright (c) 1988-2003 Microsoft "
	  "Corporation\n\tStandard Edition on Windows NT 5.2 (Build 3790: "
	  "Service Pack 2)\n" },
	{ 72, { 9, 0, 0x13, 0x88 }, "9.00.5000.00",
	  "Microsoft SQL Server 2005 - 9.00.5000.00 (Intel X86) \n"
	  "\tDec 10 2010 10:56:29 \n\tCopyright (c) 1988-2005 Microsoft "
	  "Corporation\n\tStandard Edition on Windows NT 5.2 (Build 3790: "
	  "Service Pack 2)\n" },
	{ 73, { 10, 50, 0x17, 0x70 }, "10.50.6000.34",
	  "Microsoft SQL Server 2008 R2 (SP3) - 10.50.6000.34 (X64) \n"
	  "\tAug 19 2014 12:21:34 \n\tCopyright (c) Microsoft Corporation\n"
	  "\tStandard Edition (64-bit) on Windows NT 6.1 <X64> (Build 7601: "
	  "Service Pack 1)\n" },
	{ 74, { 15, 0, 0x07, 0xD0 }, "15.0.2000.5",
	  "Microsoft SQL Server 2019 (RTM) - 15.0.2000.5 (X64) \n"
	  "\tSep 24 2019 13:48:23 \n\tCopyright (C) 2019 Microsoft "
	  "Corporation\n\tStandard Edition (64-bit) on Windows Server 2016 "
	  "Standard 10.0 <X64> (Build 14393: )\n" },
};

const struct tds_server_id *
tds_server_id(int maxver)
{
	size_t	 i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		if (ids[i].maxver == maxver)
			return &ids[i];
	return &ids[3];
}

int
tds_prelogin_parse(const uint8_t *p, size_t n, int *enc)
{
	struct tds_rd	 r;
	uint8_t		 type;
	size_t		 off, len;
	int		 nopt = 0;

	*enc = 0xFF;
	tds_rd_init(&r, p, n);
	for (;;) {
		type = tds_rd_u8(&r);
		if (r.err)
			return -1;
		if (type == 0xFF)
			break;
		if (++nopt > 64)
			return -1;
		off = (size_t)tds_rd_u8(&r) << 8;
		off |= tds_rd_u8(&r);
		len = (size_t)tds_rd_u8(&r) << 8;
		len |= tds_rd_u8(&r);
		if (r.err || off > n || len > n - off)
			return -1;
		if (type == 0x01 && len >= 1)
			*enc = p[off];
	}
	return 0;
}

void
tds_put_prelogin_reply(struct tds_conn *c, const struct tds_server_id *id,
    uint8_t enc)
{
	/* option table: 5 options x 5 bytes + terminator = 26 bytes */
	static const uint8_t table[] = {
		0x00, 0x00, 26, 0x00, 6,	/* VERSION */
		0x01, 0x00, 32, 0x00, 1,	/* ENCRYPTION */
		0x02, 0x00, 33, 0x00, 1,	/* INSTOPT */
		0x03, 0x00, 34, 0x00, 0,	/* THREADID */
		0x04, 0x00, 34, 0x00, 1,	/* MARS */
		0xFF
	};

	tds_buf_put(&c->out, table, sizeof(table));
	tds_buf_put(&c->out, id->progver, 2);
	tds_buf_be16(&c->out, (uint16_t)(id->progver[2] << 8 | id->progver[3]));
	tds_buf_u16(&c->out, 0);	/* sub-build */
	tds_buf_u8(&c->out, enc);	/* TDS_ENC_* */
	tds_buf_u8(&c->out, 0x00);	/* INSTOPT: instance matched */
	tds_buf_u8(&c->out, 0x00);	/* MARS off */
}

/* Reads the (offset, length in characters) pair at pos and decodes it. */
static int
login_field(const uint8_t *p, size_t n, size_t pos, char *dst, size_t dstsz,
    int password)
{
	size_t	 off, len, i, outlen;
	uint8_t	 tmp[512];
	char	*s;

	dst[0] = '\0';
	if (pos + 4 > n)
		return -1;
	off = p[pos] | p[pos + 1] << 8;
	len = (size_t)(p[pos + 2] | p[pos + 3] << 8) * 2;
	if (len == 0)
		return 0;
	if (off > n || len > n - off)
		return -1;
	if (len > sizeof(tmp))
		len = sizeof(tmp);
	memcpy(tmp, p + off, len);
	if (password)
		for (i = 0; i < len; i++) {
			tmp[i] ^= 0xA5;
			tmp[i] = (uint8_t)((tmp[i] << 4) | (tmp[i] >> 4));
		}
	s = tds_utf16_to_utf8(tmp, len, &outlen);
	memset(tmp, 0, sizeof(tmp));
	if (s == NULL)
		return -1;
	if (outlen >= dstsz)
		outlen = dstsz - 1;
	memcpy(dst, s, outlen);
	dst[outlen] = '\0';
	memset(s, 0, outlen);
	free(s);
	return 0;
}

int
tds_login7_parse(const uint8_t *p, size_t n, struct tds_login *l)
{
	struct tds_rd	 r;
	uint32_t	 total;

	memset(l, 0, sizeof(*l));
	if (n < 86)
		return -1;
	tds_rd_init(&r, p, n);
	total = tds_rd_u32(&r);
	if (total < 86 || total > n)
		return -1;
	n = total;
	l->tdsver = tds_rd_u32(&r);
	l->pktsize = tds_rd_u32(&r);
	(void)tds_rd_bytes(&r, 12);	/* prog version, pid, connection id */
	(void)tds_rd_u8(&r);		/* OptionFlags1 */
	l->flags2 = tds_rd_u8(&r);
	if (r.err)
		return -1;
	if (login_field(p, n, 36, l->host, sizeof(l->host), 0) == -1 ||
	    login_field(p, n, 40, l->user, sizeof(l->user), 0) == -1 ||
	    login_field(p, n, 44, l->password, sizeof(l->password), 1) == -1 ||
	    login_field(p, n, 48, l->app, sizeof(l->app), 0) == -1 ||
	    login_field(p, n, 52, l->server, sizeof(l->server), 0) == -1 ||
	    login_field(p, n, 60, l->library, sizeof(l->library), 0) == -1 ||
	    login_field(p, n, 64, l->language, sizeof(l->language), 0) == -1 ||
	    login_field(p, n, 68, l->database, sizeof(l->database), 0) == -1)
		return -1;
	/* 7.4 sets OptionFlags3 bit 0x10 when ibExtension points to FeatureExt. */
	if ((p[27] & 0x10) != 0 && (p[58] | p[59]) != 0)
		l->featext = 1;
	return 0;
}

int
tds_negotiate(uint32_t v, int max)
{
	int	 ver;

	if ((v >> 24) == 0x07)		/* 0x07010000 style */
		ver = 70 + (int)((v >> 16) & 0xff);
	else
		ver = (int)(v >> 28) * 10 + (int)((v >> 24) & 0x0f);
	if (ver < 71)
		return -1;
	if (ver > 74)
		ver = 74;
	return ver < max ? ver : max;
}

uint32_t
tds_ver_const(int ver)
{
	switch (ver) {
	case 71:
		return 0x71000001;
	case 72:
		return 0x72090002;
	case 73:
		return 0x730B0003;
	default:
		return 0x74000004;
	}
}

void
tds_put_login_ok(struct tds_conn *c, const struct tds_server_id *id,
    const char *db)
{
	struct tds_buf	*b = &c->out;
	char		 msg[300], size[16];
	size_t		 at;

	tds_put_env_str(c, 1, db, "master");
	snprintf(msg, sizeof(msg), "Changed database context to '%s'.", db);
	tds_put_msg(c, TDS_TOK_INFO, 5701, 2, 0, msg, "", 1);
	tds_put_env_collation(c);
	tds_put_env_str(c, 2, "us_english", "");
	tds_put_msg(c, TDS_TOK_INFO, 5703, 1, 0,
	    "Changed language setting to us_english.", "", 1);

	tds_buf_u8(b, TDS_TOK_LOGINACK);
	at = b->len;
	tds_buf_u16(b, 0);
	tds_buf_u8(b, 1);			/* interface: SQL_TSQL */
	tds_buf_be32(b, tds_ver_const(c->ver));
	tds_buf_bvarchar(b, "Microsoft SQL Server");
	tds_buf_put(b, id->progver, 4);
	if (!b->err) {
		b->data[at] = (b->len - at - 2) & 0xff;
		b->data[at + 1] = ((b->len - at - 2) >> 8) & 0xff;
	}
	snprintf(size, sizeof(size), "%d", c->pktsize);
	tds_put_env_str(c, 4, size, size);
	tds_put_done(c, TDS_TOK_DONE, TDS_DONE_FINAL, 0, 0);
}

void
tds_put_login_failed(struct tds_conn *c, const char *user, const char *baddb)
{
	char	 msg[400];

	if (baddb != NULL) {
		snprintf(msg, sizeof(msg), "Cannot open database \"%s\" "
		    "requested by the login. The login failed.", baddb);
		tds_put_msg(c, TDS_TOK_ERROR, 4060, 1, 11, msg, "", 1);
	}
	snprintf(msg, sizeof(msg), "Login failed for user '%s'.", user);
	tds_put_msg(c, TDS_TOK_ERROR, 18456, 1, 14, msg, "", 1);
	tds_put_done(c, TDS_TOK_DONE, TDS_DONE_ERROR, 0, 0);
}
