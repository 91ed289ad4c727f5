/*
 * tds.c: buffers, reader, packet reassembly and the token writers of erpsim.
 * No SQLite and no iconv here, so the fuzz target can link it alone.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/socket.h>

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tds.h"

/* Chinese_PRC_CI_AS: LCID 0x0804, CI/AS flags, version 0, sort id 0. */
const uint8_t tds_collation[5] = { 0x04, 0x08, 0xD0, 0x00, 0x00 };

void
tds_buf_free(struct tds_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
tds_buf_reserve(struct tds_buf *b, size_t n)
{
	size_t	 ncap;
	uint8_t	*p;

	if (b->err || b->cap - b->len >= n)
		return;
	if (n > SIZE_MAX / 2 - b->len) {
		b->err = 1;
		return;
	}
	ncap = b->cap == 0 ? 256 : b->cap;
	while (ncap - b->len < n)
		ncap *= 2;
	if ((p = realloc(b->data, ncap)) == NULL) {
		b->err = 1;
		return;
	}
	b->data = p;
	b->cap = ncap;
}

void
tds_buf_put(struct tds_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	tds_buf_reserve(b, n);
	if (b->err)
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void
tds_buf_u8(struct tds_buf *b, uint8_t v)
{
	tds_buf_put(b, &v, 1);
}

void
tds_buf_u16(struct tds_buf *b, uint16_t v)
{
	uint8_t	 x[2] = { v & 0xff, v >> 8 };

	tds_buf_put(b, x, 2);
}

void
tds_buf_u32(struct tds_buf *b, uint32_t v)
{
	uint8_t	 x[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

	tds_buf_put(b, x, 4);
}

void
tds_buf_u64(struct tds_buf *b, uint64_t v)
{
	tds_buf_u32(b, (uint32_t)v);
	tds_buf_u32(b, (uint32_t)(v >> 32));
}

void
tds_buf_be16(struct tds_buf *b, uint16_t v)
{
	uint8_t	 x[2] = { v >> 8, v & 0xff };

	tds_buf_put(b, x, 2);
}

void
tds_buf_be32(struct tds_buf *b, uint32_t v)
{
	uint8_t	 x[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

	tds_buf_put(b, x, 4);
}

/* Decodes one UTF-8 sequence; returns its length (invalid bytes: 1, U+FFFD). */
static size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t	 c = s[0];
	size_t		 len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		len = 2;
		c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3;
		c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4;
		c &= 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		c = 0xFFFD;
	*cp = c;
	return len;
}

size_t
tds_buf_ucs2(struct tds_buf *b, const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, units = 0;
	uint32_t		 cp;

	tds_buf_reserve(b, n * 2);
	while (i < n) {
		i += utf8_next(u + i, n - i, &cp);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			tds_buf_u16(b, 0xD800 | (cp >> 10));
			tds_buf_u16(b, 0xDC00 | (cp & 0x3FF));
			units += 2;
		} else {
			tds_buf_u16(b, (uint16_t)cp);
			units++;
		}
	}
	return units;
}

/* Writes a length-prefixed UTF-16 string; prefix is 1 or 2 bytes. */
static void
put_varchar(struct tds_buf *b, const char *s, int prefix, size_t max)
{
	size_t	 at, units, n;

	n = s == NULL ? 0 : strlen(s);
	at = b->len;
	if (prefix == 1)
		tds_buf_u8(b, 0);
	else
		tds_buf_u16(b, 0);
	units = tds_buf_ucs2(b, s == NULL ? "" : s, n);
	if (units > max) {
		/* Too long for the prefix: cut (only server-made texts). */
		b->len = at + prefix + max * 2;
		units = max;
	}
	if (b->err)
		return;
	b->data[at] = units & 0xff;
	if (prefix == 2)
		b->data[at + 1] = units >> 8;
}

void
tds_buf_bvarchar(struct tds_buf *b, const char *s)
{
	put_varchar(b, s, 1, 255);
}

void
tds_buf_usvarchar(struct tds_buf *b, const char *s)
{
	put_varchar(b, s, 2, 65535);
}

void
tds_rd_init(struct tds_rd *r, const void *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->pos = 0;
	r->err = 0;
}

const uint8_t *
tds_rd_bytes(struct tds_rd *r, size_t n)
{
	const uint8_t	*p;

	if (r->err || n > r->len - r->pos) {
		r->err = 1;
		return NULL;
	}
	p = r->p + r->pos;
	r->pos += n;
	return p;
}

uint8_t
tds_rd_u8(struct tds_rd *r)
{
	const uint8_t	*p = tds_rd_bytes(r, 1);

	return p == NULL ? 0 : p[0];
}

uint16_t
tds_rd_u16(struct tds_rd *r)
{
	const uint8_t	*p = tds_rd_bytes(r, 2);

	return p == NULL ? 0 : (uint16_t)(p[0] | p[1] << 8);
}

uint32_t
tds_rd_u32(struct tds_rd *r)
{
	const uint8_t	*p = tds_rd_bytes(r, 4);

	return p == NULL ? 0 : (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t
tds_rd_u64(struct tds_rd *r)
{
	uint64_t	 lo = tds_rd_u32(r);

	return lo | (uint64_t)tds_rd_u32(r) << 32;
}

char *
tds_utf16_to_utf8(const uint8_t *p, size_t n, size_t *outlen)
{
	char		*s, *o;
	size_t		 i;
	uint32_t	 c, d;

	n &= ~(size_t)1;
	/* Each unit gives at most 3 bytes (a pair: 4 bytes for 2 units). */
	if ((s = malloc(n / 2 * 3 + 1)) == NULL)
		return NULL;
	o = s;
	for (i = 0; i < n; i += 2) {
		c = p[i] | p[i + 1] << 8;
		if (c >= 0xD800 && c <= 0xDBFF && i + 3 < n) {
			d = p[i + 2] | p[i + 3] << 8;
			if (d >= 0xDC00 && d <= 0xDFFF) {
				c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
				i += 2;
			} else
				c = 0xFFFD;
		} else if (c >= 0xD800 && c <= 0xDFFF)
			c = 0xFFFD;
		if (c < 0x80)
			*o++ = (char)c;
		else if (c < 0x800) {
			*o++ = (char)(0xC0 | c >> 6);
			*o++ = (char)(0x80 | (c & 0x3F));
		} else if (c < 0x10000) {
			*o++ = (char)(0xE0 | c >> 12);
			*o++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
		} else {
			*o++ = (char)(0xF0 | c >> 18);
			*o++ = (char)(0x80 | ((c >> 12) & 0x3F));
			*o++ = (char)(0x80 | ((c >> 6) & 0x3F));
			*o++ = (char)(0x80 | (c & 0x3F));
		}
	}
	*o = '\0';
	if (outlen != NULL)
		*outlen = (size_t)(o - s);
	return s;
}

void
tds_msg_reset(struct tds_msg *m)
{
	m->type = 0;
	m->status = 0;
	m->npkt = 0;
	m->data.len = 0;
	m->data.err = 0;
}

int
tds_msg_feed(struct tds_msg *m, const uint8_t *pkt, size_t len)
{
	size_t	 plen;

	if (len < TDS_HDR_LEN)
		return -1;
	plen = (size_t)pkt[2] << 8 | pkt[3];
	if (plen != len || plen < TDS_HDR_LEN)
		return -1;
	if (m->npkt > 0 && pkt[0] != m->type)
		return -1;
	if (m->data.len + (plen - TDS_HDR_LEN) > TDS_MAX_MSG)
		return -1;
	m->type = pkt[0];
	m->status = pkt[1];
	m->npkt++;
	tds_buf_put(&m->data, pkt + TDS_HDR_LEN, plen - TDS_HDR_LEN);
	if (m->data.err)
		return -1;
	return (pkt[1] & TDS_STATUS_EOM) ? 1 : 0;
}

/* Up to n bytes from the connection: what poll_attn kept, TLS, the socket. */
static long
conn_recv(struct tds_conn *c, uint8_t *p, size_t n)
{
	if (c->npend > 0) {
		size_t k = n < c->npend ? n : c->npend;

		memcpy(p, c->pend, k);
		memmove(c->pend, c->pend + k, c->npend - k);
		c->npend -= k;
		return (long)k;
	}
	if (c->tls != NULL)
		return c->tls_read(c->tls, p, n);
	return (long)read(c->fd, p, n);
}

/* Reads exactly n bytes; returns 1, 0 on EOF before any byte, -1 on error. */
static int
read_full(struct tds_conn *c, uint8_t *p, size_t n)
{
	size_t	 got = 0;
	long	 r;

	while (got < n) {
		r = conn_recv(c, p + got, n - got);
		if (r == 0)
			return got == 0 ? 0 : -1;
		if (r < 0) {
			if (c->tls == NULL && errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)r;
	}
	return 1;
}

int
tds_conn_read(struct tds_conn *c, struct tds_msg *m)
{
	uint8_t	 pkt[TDS_MAX_PKT + 1];
	size_t	 plen;
	int	 rc;

	tds_msg_reset(m);
	for (;;) {
		if ((rc = read_full(c, pkt, TDS_HDR_LEN)) <= 0)
			return m->npkt == 0 ? rc : -1;
		plen = (size_t)pkt[2] << 8 | pkt[3];
		if (plen < TDS_HDR_LEN || plen > TDS_MAX_PKT)
			return -1;
		if (plen > TDS_HDR_LEN &&
		    read_full(c, pkt + TDS_HDR_LEN, plen - TDS_HDR_LEN) != 1)
			return -1;
		if ((rc = tds_msg_feed(m, pkt, plen)) < 0)
			return -1;
		if (rc == 1)
			return 1;
	}
}

static int
write_full(struct tds_conn *c, const uint8_t *p, size_t n)
{
	ssize_t	 w;

	while (n > 0 && !c->dead) {
		if (c->tls != NULL) {
			if (c->tls_write(c->tls, p, n) != (long)n)
				c->dead = 1;
			break;
		}
		w = send(c->fd, p, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			c->dead = 1;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return c->dead ? -1 : 0;
}

int
tds_conn_flush(struct tds_conn *c, int eom)
{
	size_t	 room, off = 0, n;
	uint8_t	 hdr[TDS_HDR_LEN];
	int	 last;

	if (c->dead)
		return -1;
	if (c->out.err) {
		c->dead = 1;
		return -1;
	}
	room = (size_t)c->pktsize - TDS_HDR_LEN;
	c->wire.len = 0;
	for (;;) {
		n = c->out.len - off;
		if (n > room)
			n = room;
		else if (!eom)
			break;	/* keep a partial packet for later */
		last = eom && off + n == c->out.len;
		hdr[0] = c->pkttype != 0 ? c->pkttype : TDS_PKT_REPLY;
		hdr[1] = last ? TDS_STATUS_EOM : 0;
		hdr[2] = (uint8_t)((n + TDS_HDR_LEN) >> 8);
		hdr[3] = (uint8_t)((n + TDS_HDR_LEN) & 0xff);
		hdr[4] = (uint8_t)(c->spid >> 8);
		hdr[5] = (uint8_t)(c->spid & 0xff);
		hdr[6] = ++c->pktid;
		hdr[7] = 0;
		tds_buf_put(&c->wire, hdr, TDS_HDR_LEN);
		tds_buf_put(&c->wire, c->out.data + off, n);
		off += n;
		if (last)
			break;
	}
	if (c->wire.err) {
		c->dead = 1;
		return -1;
	}
	memmove(c->out.data, c->out.data + off, c->out.len - off);
	c->out.len -= off;
	return write_full(c, c->wire.data, c->wire.len);
}

int
tds_conn_maybe_flush(struct tds_conn *c)
{
	if (c->out.len < (size_t)16 * (size_t)c->pktsize)
		return c->dead ? -1 : 0;
	return tds_conn_flush(c, 0);
}

/*
 * The same through TLS, where bytes cannot be peeked at: a header that
 * came is read; an attention's packet is consumed, any other header is
 * kept for tds_conn_read (c->pend).
 */
static int
poll_attn_tls(struct tds_conn *c, int wait_ms)
{
	struct pollfd	 pfd;
	uint8_t		 junk[256];
	size_t		 plen, left;
	long		 r;

	if (c->npend > 0)
		return 0;
	if (c->tls_pending(c->tls) == 0) {
		pfd.fd = c->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, wait_ms) <= 0)
			return 0;
	}
	if (read_full(c, c->pend, TDS_HDR_LEN) != 1) {
		c->dead = 1;
		return 1;
	}
	if (c->pend[0] != TDS_PKT_ATTN) {
		c->npend = TDS_HDR_LEN;
		return 0;
	}
	plen = (size_t)c->pend[2] << 8 | c->pend[3];
	left = plen > TDS_HDR_LEN ? plen - TDS_HDR_LEN : 0;
	while (left > 0) {
		r = c->tls_read(c->tls, junk, left > sizeof(junk) ? sizeof(junk) : left);
		if (r <= 0) {
			c->dead = 1;
			return 1;
		}
		left -= (size_t)r;
	}
	c->attn = 1;
	return 1;
}

int
tds_conn_poll_attn(struct tds_conn *c, int wait_ms)
{
	struct pollfd	 pfd;
	uint8_t		 hdr[TDS_HDR_LEN], junk[256];
	ssize_t		 r;
	size_t		 plen, left;

	if (c->attn || c->dead)
		return 1;
	if (c->tls != NULL)
		return poll_attn_tls(c, wait_ms);
	pfd.fd = c->fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, wait_ms) <= 0)
		return 0;
	r = recv(c->fd, hdr, sizeof(hdr), MSG_PEEK | MSG_DONTWAIT);
	if (r == 0) {
		c->dead = 1;
		return 1;
	}
	if (r < (ssize_t)sizeof(hdr) || hdr[0] != TDS_PKT_ATTN)
		return 0;	/* partial header, or not for us now */
	plen = (size_t)hdr[2] << 8 | hdr[3];
	if (plen < TDS_HDR_LEN)
		plen = TDS_HDR_LEN;
	left = plen;
	while (left > 0) {
		r = recv(c->fd, junk, left > sizeof(junk) ? sizeof(junk) : left, 0);
		if (r <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			c->dead = 1;
			return 1;
		}
		left -= (size_t)r;
	}
	c->attn = 1;
	return 1;
}

void
tds_put_done(struct tds_conn *c, uint8_t tok, uint16_t status, uint16_t curcmd,
    uint64_t count)
{
	tds_buf_u8(&c->out, tok);
	tds_buf_u16(&c->out, status);
	tds_buf_u16(&c->out, curcmd);
	if (c->ver >= 72)
		tds_buf_u64(&c->out, count);
	else
		tds_buf_u32(&c->out, (uint32_t)count);
}

void
tds_put_msg(struct tds_conn *c, uint8_t tok, uint32_t number, uint8_t state,
    uint8_t cls, const char *text, const char *proc, uint32_t line)
{
	struct tds_buf	*b = &c->out;
	size_t		 at;

	tds_buf_u8(b, tok);
	at = b->len;
	tds_buf_u16(b, 0);
	tds_buf_u32(b, number);
	tds_buf_u8(b, state);
	tds_buf_u8(b, cls);
	tds_buf_usvarchar(b, text);
	tds_buf_bvarchar(b, "ERPSIM");
	tds_buf_bvarchar(b, proc);
	if (c->ver >= 72)
		tds_buf_u32(b, line);
	else
		tds_buf_u16(b, (uint16_t)line);
	if (!b->err) {
		b->data[at] = (b->len - at - 2) & 0xff;
		b->data[at + 1] = ((b->len - at - 2) >> 8) & 0xff;
	}
}

void
tds_put_env_str(struct tds_conn *c, uint8_t type, const char *newv,
    const char *oldv)
{
	struct tds_buf	*b = &c->out;
	size_t		 at;

	tds_buf_u8(b, TDS_TOK_ENVCHANGE);
	at = b->len;
	tds_buf_u16(b, 0);
	tds_buf_u8(b, type);
	tds_buf_bvarchar(b, newv);
	tds_buf_bvarchar(b, oldv);
	if (!b->err) {
		b->data[at] = (b->len - at - 2) & 0xff;
		b->data[at + 1] = ((b->len - at - 2) >> 8) & 0xff;
	}
}

void
tds_put_env_collation(struct tds_conn *c)
{
	tds_buf_u8(&c->out, TDS_TOK_ENVCHANGE);
	tds_buf_u16(&c->out, 8);
	tds_buf_u8(&c->out, 7);
	tds_buf_u8(&c->out, 5);
	tds_buf_put(&c->out, tds_collation, 5);
	tds_buf_u8(&c->out, 0);
}

void
tds_put_returnstatus(struct tds_conn *c, int32_t v)
{
	tds_buf_u8(&c->out, TDS_TOK_RETURNSTATUS);
	tds_buf_u32(&c->out, (uint32_t)v);
}

void
tds_put_returnvalue_int(struct tds_conn *c, uint16_t ordinal, const char *name,
    int32_t value)
{
	struct tds_buf	*b = &c->out;

	tds_buf_u8(b, TDS_TOK_RETURNVALUE);
	tds_buf_u16(b, ordinal);
	tds_buf_bvarchar(b, name);
	tds_buf_u8(b, 0x01);		/* output parameter */
	if (c->ver >= 72)
		tds_buf_u32(b, 0);	/* UserType */
	else
		tds_buf_u16(b, 0);
	tds_buf_u16(b, 0x0009);		/* nullable, updatable unknown */
	tds_buf_u8(b, 0x26);		/* INTN */
	tds_buf_u8(b, 4);
	tds_buf_u8(b, 4);
	tds_buf_u32(b, (uint32_t)value);
}

/* Days from 0000-03-01 style civil date (Howard Hinnant's algorithm). */
static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long		 era;
	unsigned	 yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long		 era;
	unsigned	 doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
tds_datetime_parse(const char *s, int32_t *days, uint32_t *ticks)
{
	int		 y, mo, d, h = 0, mi = 0, sec = 0, ms = 0, n = 0, k;
	const char	*p;
	long		 dd;
	uint64_t	 t;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3)
		return -1;
	if (y < 1753 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return -1;
	p = s + n;
	if (*p == ' ' || *p == 'T') {
		n = 0;
		if (sscanf(p + 1, "%2d:%2d%n", &h, &mi, &n) == 2) {
			p += 1 + n;
			if (*p == ':') {
				n = 0;
				if (sscanf(p + 1, "%2d%n", &sec, &n) == 1)
					p += 1 + n;
				if (*p == '.')
					for (p++, k = 100; isdigit((unsigned char)*p);
					    p++, k /= 10)
						ms += (*p - '0') * k;
			}
		}
	}
	if (h > 23 || mi > 59 || sec > 59)
		return -1;
	dd = days_from_civil(y, (unsigned)mo, (unsigned)d) -
	    days_from_civil(1900, 1, 1);
	t = ((uint64_t)h * 3600 + (uint64_t)mi * 60 + (uint64_t)sec) * 300 +
	    ((uint64_t)ms * 3 + 5) / 10;
	if (t >= 300ULL * 86400) {
		t -= 300ULL * 86400;
		dd++;
	}
	*days = (int32_t)dd;
	*ticks = (uint32_t)t;
	return 0;
}

void
tds_datetime_format(int32_t days, uint32_t ticks, char *buf)
{
	int		 y, m, d;
	uint64_t	 ms;

	civil_from_days(days + days_from_civil(1900, 1, 1), &y, &m, &d);
	ms = ((uint64_t)ticks * 10 + 1) / 3;
	snprintf(buf, 24, "%04u-%02u-%02u %02u:%02u:%02u.%03u",
	    (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u,
	    (unsigned)(ms / 3600000 % 24), (unsigned)(ms / 60000 % 60),
	    (unsigned)(ms / 1000 % 60), (unsigned)(ms % 1000));
}

