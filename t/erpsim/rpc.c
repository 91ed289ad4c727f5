/*
 * rpc.c: RPC request parsing: ALL_HEADERS, procedure by id or name, and
 * parameters of every type FreeTDS, tedious and jTDS send.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tds.h"
#include "rpc.h"

#define MAXPARAMS	2100	/* SQL Server's own limit */

static void
param_free(struct rpc_param *p)
{
	free(p->own);
	p->own = NULL;
}

void
rpc_free(struct rpc_call *c, int n)
{
	int	 i, j;

	if (c == NULL)
		return;
	for (i = 0; i < n; i++) {
		for (j = 0; j < c[i].np; j++)
			param_free(&c[i].p[j]);
		free(c[i].p);
	}
	free(c);
}

static void
b_varchar(struct tds_rd *r, char *dst, size_t sz)
{
	size_t		 n = tds_rd_u8(r), outlen;
	const uint8_t	*p = tds_rd_bytes(r, n * 2);
	char		*s;

	dst[0] = '\0';
	if (p == NULL || n == 0 || (s = tds_utf16_to_utf8(p, n * 2, &outlen)) == NULL)
		return;
	if (outlen >= sz)
		outlen = sz - 1;
	memcpy(dst, s, outlen);
	dst[outlen] = '\0';
	free(s);
}

/* Signed little-endian integer of n bytes (n = 1: unsigned tinyint). */
static int64_t
le_int(const uint8_t *p, size_t n)
{
	uint64_t	 v = 0;
	size_t		 i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	if (n > 1 && n < 8 && (p[n - 1] & 0x80))
		v |= ~(uint64_t)0 << (8 * n);
	return (int64_t)v;
}

/* Formats date (days since 1900) and ms of day; date only at midnight. */
static void
set_date(struct rpc_param *p, int32_t days, uint64_t ms)
{
	char		 buf[32];
	uint32_t	 ticks;

	if (ms >= 86400000ULL)
		ms = 86400000ULL - 1;
	ticks = (uint32_t)((ms * 3 + 5) / 10);
	tds_datetime_format(days, ticks, buf);
	if (ticks == 0)
		buf[10] = '\0';
	/* NOTE: midnight is sent as 'YYYY-MM-DD' so that it compares equal
	 * to the ERP's varchar(10) dates, as SQL Server's conversion does. */
	if ((p->own = (uint8_t *)strdup(buf)) == NULL)
		return;
	p->vk = RPC_TEXT8;
	p->raw = p->own;
	p->rawlen = strlen(buf);
}

/* Converts a fixed or length-prefixed value of wire type t. */
static int
scalar(struct rpc_param *p, uint8_t t, const uint8_t *v, size_t n, int scale)
{
	unsigned __int128	 mag = 0;
	double			 d;
	float			 f;
	int64_t			 iv;
	size_t			 i;
	int			 k;

	if (n == 0 && t != 0x1F) {
		p->vk = RPC_NULL;
		return 0;
	}
	switch (t) {
	case 0x1F:
		p->vk = RPC_NULL;
		return 0;
	case 0x30: case 0x34: case 0x38: case 0x7F: case 0x26:
	case 0x32: case 0x68:
		if (n != 1 && n != 2 && n != 4 && n != 8)
			return -1;
		p->vk = RPC_INT;
		p->i = le_int(v, n);
		if (t == 0x32 || t == 0x68)
			p->i = p->i != 0;
		return 0;
	case 0x3B: case 0x3E: case 0x6D:
		p->vk = RPC_REAL;
		if (n == 4) {
			memcpy(&f, v, 4);
			p->d = f;
		} else if (n == 8) {
			memcpy(&d, v, 8);
			p->d = d;
		} else
			return -1;
		return 0;
	case 0x3C: case 0x7A: case 0x6E:
		if (n == 8)
			iv = (int64_t)((uint64_t)le_int(v, 4) << 32 |
			    (uint32_t)le_int(v + 4, 4));
		else if (n == 4)
			iv = le_int(v, 4);
		else
			return -1;
		p->vk = RPC_REAL;
		p->d = (double)iv / 10000.0;
		return 0;
	case 0x3D: case 0x3A: case 0x6F:
		if (n == 8) {
			uint32_t ticks = (uint32_t)le_int(v + 4, 4);

			set_date(p, (int32_t)le_int(v, 4),
			    ((uint64_t)ticks * 10 + 1) / 3);
		} else if (n == 4)
			set_date(p, (int32_t)(v[0] | v[1] << 8),
			    (uint64_t)(v[2] | v[3] << 8) * 60000);
		else
			return -1;
		return 0;
	case 0x6A: case 0x6C:
		if (n < 2 || n > 17)
			return -1;
		for (i = n - 1; i >= 1; i--)
			mag = mag << 8 | v[i];
		if (scale == 0 && mag <= (unsigned __int128)INT64_MAX) {
			p->vk = RPC_INT;
			p->i = v[0] ? (int64_t)mag : -(int64_t)mag;
			return 0;
		}
		d = (double)mag;
		for (k = 0; k < scale; k++)
			d /= 10;
		p->vk = RPC_REAL;
		p->d = v[0] ? d : -d;
		return 0;
	case 0x28:
		if (n != 3)
			return -1;
		set_date(p, (int32_t)(le_int(v, 3) & 0xFFFFFF) - 693595, 0);
		return 0;
	case 0x2A: case 0x2B: case 0x29: {
		size_t	 tl = scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
		uint64_t units = 0, ms;
		int32_t	 days = 0;

		if (n < tl)
			return -1;
		for (i = 0; i < tl; i++)
			units |= (uint64_t)v[i] << (8 * i);
		for (ms = units, k = scale; k > 3; k--)
			ms /= 10;
		for (; k < 3; k++)
			ms *= 10;
		if (t != 0x29) {
			if (n < tl + 3)
				return -1;
			days = (int32_t)(v[tl] | v[tl + 1] << 8 | v[tl + 2] << 16) -
			    693595;
		}
		set_date(p, days, ms);
		return 0;
	}
	case 0x24:
		p->vk = RPC_BLOB;
		p->raw = v;
		p->rawlen = n;
		return 0;
	default:
		return -1;
	}
}

/* Reads a PLP value (2.2.5.2.3) into p->own. */
static int
plp(struct tds_rd *r, struct rpc_param *p)
{
	uint64_t	 total = tds_rd_u64(r);
	uint32_t	 chunk;
	const uint8_t	*c;
	struct tds_buf	 b = { NULL, 0, 0, 0 };

	if (r->err)
		return -1;
	if (total == UINT64_MAX) {
		p->vk = RPC_NULL;
		return 0;
	}
	for (;;) {
		chunk = tds_rd_u32(r);
		if (r->err)
			goto bad;
		if (chunk == 0)
			break;
		if ((c = tds_rd_bytes(r, chunk)) == NULL)
			goto bad;
		tds_buf_put(&b, c, chunk);
		if (b.err)
			goto bad;
	}
	p->own = b.data;
	p->raw = b.data != NULL ? b.data : (const uint8_t *)"";
	p->rawlen = b.len;
	return 0;
bad:
	tds_buf_free(&b);
	return -1;
}

static int
parse_param(struct tds_rd *r, struct rpc_param *p)
{
	uint8_t		 t, scale = 0;
	size_t		 n, maxlen;
	const uint8_t	*v;
	int		 text;

	b_varchar(r, p->name, sizeof(p->name));
	p->status = tds_rd_u8(r);
	t = p->type = tds_rd_u8(r);
	if (r->err)
		return -1;
	switch (t) {
	case 0x1F:
		return scalar(p, t, NULL, 0, 0);
	case 0x30: case 0x32:
		n = 1;
		goto fixed;
	case 0x34:
		n = 2;
		goto fixed;
	case 0x38: case 0x3B: case 0x7A: case 0x3A:
		n = 4;
		goto fixed;
	case 0x7F: case 0x3E: case 0x3C: case 0x3D:
		n = 8;
	fixed:
		if ((v = tds_rd_bytes(r, n)) == NULL)
			return -1;
		return scalar(p, t, v, n, 0);
	case 0x26: case 0x68: case 0x6D: case 0x6E: case 0x6F: case 0x24:
	case 0x6A: case 0x6C: case 0x28: case 0x29: case 0x2A: case 0x2B:
		if (t == 0x29 || t == 0x2A || t == 0x2B)
			scale = tds_rd_u8(r);
		else if (t != 0x28)
			(void)tds_rd_u8(r);		/* max length */
		if (t == 0x6A || t == 0x6C) {
			(void)tds_rd_u8(r);		/* precision */
			scale = tds_rd_u8(r);
			if (scale > 38)
				return -1;
		}
		if (scale > 7 && t != 0x6A && t != 0x6C)
			return -1;
		n = tds_rd_u8(r);
		if ((v = tds_rd_bytes(r, n)) == NULL)
			return -1;
		return scalar(p, t, v, n, scale);
	case 0xA7: case 0xAF: case 0xE7: case 0xEF: case 0xA5: case 0xAD:
		text = t != 0xA5 && t != 0xAD;
		maxlen = tds_rd_u16(r);
		if (text)
			(void)tds_rd_bytes(r, 5);	/* collation */
		p->vk = !text ? RPC_BLOB : (t == 0xE7 || t == 0xEF) ?
		    RPC_TEXT16 : RPC_TEXTCP;
		if (r->err)
			return -1;
		if (maxlen == 0xFFFF)
			return plp(r, p);
		n = tds_rd_u16(r);
		if (n == 0xFFFF) {
			p->vk = RPC_NULL;
			return r->err ? -1 : 0;
		}
		if ((p->raw = tds_rd_bytes(r, n)) == NULL)
			return -1;
		p->rawlen = n;
		return 0;
	case 0x23: case 0x63: case 0x22:
		(void)tds_rd_u32(r);			/* max length */
		if (t != 0x22)
			(void)tds_rd_bytes(r, 5);
		p->vk = t == 0x63 ? RPC_TEXT16 : t == 0x23 ? RPC_TEXTCP :
		    RPC_BLOB;
		n = tds_rd_u32(r);
		if (r->err)
			return -1;
		if (n == 0xFFFFFFFF) {
			p->vk = RPC_NULL;
			return 0;
		}
		if ((p->raw = tds_rd_bytes(r, n)) == NULL)
			return -1;
		p->rawlen = n;
		return 0;
	default:
		return -1;	/* sql_variant, UDT, XML, TVP: not supported */
	}
}

int
rpc_parse(const uint8_t *buf, size_t len, int ver, struct rpc_call **calls,
    int *ncalls)
{
	struct tds_rd	 r;
	struct rpc_call	*v, *c = NULL;
	struct rpc_param *pv;
	uint32_t	 hl;
	uint16_t	 nl;
	const uint8_t	*name;
	char		*s;
	int		 n = 0, cap = 0, pcap;
	uint8_t		 sep;

	*calls = NULL;
	*ncalls = 0;
	tds_rd_init(&r, buf, len);
	if (ver >= 72) {
		hl = tds_rd_u32(&r);
		if (r.err || hl < 4 || hl - 4 > len - 4)
			return -1;
		(void)tds_rd_bytes(&r, hl - 4);
	}
	while (r.pos < r.len) {
		if (n == cap) {
			cap = cap == 0 ? 2 : cap * 2;
			if (cap > 256 || (v = realloc(c, (size_t)cap * sizeof(*v))) == NULL)
				goto bad;
			c = v;
		}
		memset(&c[n], 0, sizeof(c[n]));
		n++;
		nl = tds_rd_u16(&r);
		if (nl == 0xFFFF)
			c[n - 1].procid = tds_rd_u16(&r);
		else if ((name = tds_rd_bytes(&r, (size_t)nl * 2)) != NULL &&
		    (s = tds_utf16_to_utf8(name, (size_t)nl * 2, NULL)) != NULL) {
			snprintf(c[n - 1].name, sizeof(c[n - 1].name), "%s", s);
			free(s);
		}
		c[n - 1].flags = tds_rd_u16(&r);
		if (r.err)
			goto bad;
		pcap = 0;
		while (r.pos < r.len) {
			sep = r.p[r.pos];
			if (sep == 0xFF || sep == 0xFE ||
			    (ver < 72 && sep == 0x80)) {
				r.pos++;
				break;
			}
			if (c[n - 1].np == pcap) {
				pcap = pcap == 0 ? 4 : pcap * 2;
				if (pcap > MAXPARAMS * 2 || (pv = realloc(c[n - 1].p,
				    (size_t)pcap * sizeof(*pv))) == NULL)
					goto bad;
				c[n - 1].p = pv;
			}
			pv = &c[n - 1].p[c[n - 1].np++];
			memset(pv, 0, sizeof(*pv));
			if (c[n - 1].np > MAXPARAMS || parse_param(&r, pv) == -1)
				goto bad;
		}
	}
	if (n == 0)
		goto bad;
	*calls = c;
	*ncalls = n;
	return 0;
bad:
	rpc_free(c, n);
	return -1;
}

int
rpc_proc(const struct rpc_call *c)
{
	const char	*n = c->name;

	if (c->procid != 0)
		return c->procid;
	if (strncasecmp(n, "sys.", 4) == 0)
		n += 4;
	else if (strncasecmp(n, "dbo.", 4) == 0)
		n += 4;
	else if (strncasecmp(n, "master..", 8) == 0)
		n += 8;
	if (strcasecmp(n, "sp_executesql") == 0)
		return RPC_SP_EXECUTESQL;
	if (strcasecmp(n, "sp_prepare") == 0)
		return RPC_SP_PREPARE;
	if (strcasecmp(n, "sp_execute") == 0)
		return RPC_SP_EXECUTE;
	if (strcasecmp(n, "sp_prepexec") == 0)
		return RPC_SP_PREPEXEC;
	if (strcasecmp(n, "sp_unprepare") == 0)
		return RPC_SP_UNPREPARE;
	return 0;
}

int
rpc_param_names(const char *defs, char (*names)[128], int max)
{
	const char	*p = defs;
	int		 n = 0, depth = 0;
	size_t		 k;

	while (*p != '\0' && n < max) {
		while (*p != '\0' && *p != '@')
			p++;
		if (*p == '\0')
			break;
		for (k = 0; p[k] != '\0' && (p[k] == '@' || isalnum((unsigned char)p[k]) ||
		    p[k] == '_' || p[k] == '#' || p[k] == '$' ||
		    (unsigned char)p[k] >= 0x80) && k < 127; k++)
			names[n][k] = p[k];
		names[n][k] = '\0';
		n++;
		p += k;
		/* skip the type up to the next top-level comma */
		for (depth = 0; *p != '\0'; p++) {
			if (*p == '(')
				depth++;
			else if (*p == ')')
				depth--;
			else if (*p == ',' && depth <= 0)
				break;
		}
	}
	return n;
}
