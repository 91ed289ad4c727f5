/*
 * rawclient: a TDS client written from the specification (no FreeTDS) that
 * checks what FreeTDS cannot show: a 512-byte packet size is agreed and
 * kept by every reply packet, a request split into many packets is
 * reassembled, the token stream of the reply is well formed, an idle
 * attention is acknowledged, and LOGIN7 may come without PRELOGIN.
 *
 * rawclient PORT USER PASSWORD   (TAP output)
 */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../lib/tap.h"
#include "tds.h"
#include "testmsg.h"

#define PKT	512

static int
connect_to(int port)
{
	struct sockaddr_in	 sa;
	int			 fd;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
send_all(int fd, const struct tds_buf *b)
{
	return send(fd, b->data, b->len, 0) == (ssize_t)b->len ? 0 : -1;
}

static int
read_full(int fd, uint8_t *p, size_t n)
{
	ssize_t	 r;

	while (n > 0) {
		if ((r = read(fd, p, n)) <= 0)
			return -1;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

/* Reads one reply message; counts packets and the largest packet. */
static int
read_reply(int fd, struct tds_buf *out, int *npkt, size_t *maxlen, int *badstatus)
{
	uint8_t	 pkt[TDS_MAX_PKT + 1];
	size_t	 len;

	out->len = 0;
	*npkt = 0;
	*maxlen = 0;
	*badstatus = 0;
	for (;;) {
		if (read_full(fd, pkt, 8) == -1)
			return -1;
		len = (size_t)pkt[2] << 8 | pkt[3];
		if (len < 8 || read_full(fd, pkt + 8, len - 8) == -1)
			return -1;
		if (pkt[0] != TDS_PKT_REPLY || (pkt[4] == 0 && pkt[5] == 0))
			*badstatus = 1;
		(*npkt)++;
		if (len > *maxlen)
			*maxlen = len;
		tds_buf_put(out, pkt + 8, len - 8);
		if (pkt[1] & TDS_STATUS_EOM)
			return 0;
		if (pkt[1] != 0)
			*badstatus = 1;
	}
}

/*
 * Walks the token stream of a reply to "SELECT <int>, <varchar>": returns
 * the rows seen, the DONE count in *count, the packet size announced by an
 * ENVCHANGE in *envsize. -1 on a malformed stream.
 */
static long
walk(const struct tds_buf *b, uint64_t *count, int *envsize, int *loginack)
{
	struct tds_rd	 r;
	uint8_t		 tok, types[16];
	uint16_t	 len, ncol = 0, i;
	long		 rows = 0;
	const uint8_t	*p;

	tds_rd_init(&r, b->data, b->len);
	while (r.pos < r.len && !r.err) {
		tok = tds_rd_u8(&r);
		switch (tok) {
		case TDS_TOK_ENVCHANGE:
			len = tds_rd_u16(&r);
			p = tds_rd_bytes(&r, len);
			if (p != NULL && len > 2 && p[0] == 4) {
				char *s = tds_utf16_to_utf8(p + 2, (size_t)p[1] * 2, NULL);

				*envsize = s != NULL ? atoi(s) : -1;
				free(s);
			}
			break;
		case TDS_TOK_LOGINACK:
			*loginack = 1;
			/* FALLTHROUGH */
		case TDS_TOK_INFO:
		case TDS_TOK_ERROR:
			len = tds_rd_u16(&r);
			(void)tds_rd_bytes(&r, len);
			break;
		case TDS_TOK_COLMETADATA:
			ncol = tds_rd_u16(&r);
			if (ncol > 16)
				return -1;
			for (i = 0; i < ncol; i++) {
				(void)tds_rd_bytes(&r, 6);
				types[i] = tds_rd_u8(&r);
				if (types[i] == 0x26)
					(void)tds_rd_u8(&r);
				else if (types[i] == 0xA7)
					(void)tds_rd_bytes(&r, 7);
				else
					return -1;
				(void)tds_rd_bytes(&r, (size_t)tds_rd_u8(&r) * 2);
			}
			break;
		case TDS_TOK_ROW:
			for (i = 0; i < ncol; i++) {
				if (types[i] == 0x26)
					len = tds_rd_u8(&r);
				else {
					len = tds_rd_u16(&r);
					if (len == 0xFFFF)
						len = 0;
				}
				(void)tds_rd_bytes(&r, len);
			}
			rows++;
			break;
		case TDS_TOK_DONE:
		case TDS_TOK_DONEPROC:
		case TDS_TOK_DONEINPROC:
			(void)tds_rd_bytes(&r, 4);
			*count = tds_rd_u64(&r);
			break;
		default:
			return -1;
		}
	}
	return r.err ? -1 : rows;
}

int
main(int argc, char *argv[])
{
	static const uint8_t	 prelogin[] = {
		0x00, 0x00, 0x0b, 0x00, 0x06, 0x01, 0x00, 0x11, 0x00, 0x01, 0xff,
		0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00
	};
	struct tds_buf	 msg = { NULL, 0, 0, 0 }, wire = { NULL, 0, 0, 0 };
	struct tds_buf	 reply = { NULL, 0, 0, 0 };
	uint64_t	 count = 0;
	size_t		 maxlen;
	int		 fd, port, npkt, bad, envsize = 0, ack = 0, reqpkts;
	long		 rows;
	char		 sql[8192];

	if (argc != 4)
		return 2;
	port = atoi(argv[1]);
	alarm(60);
	plan(14);

	/* PRELOGIN, then LOGIN7 asking for 512-byte packets */
	fd = connect_to(port);
	ok(fd != -1, "connected");
	if (fd == -1)
		return done_testing();
	tds_buf_put(&msg, prelogin, sizeof(prelogin));
	testmsg_packets(&wire, TDS_PKT_PRELOGIN, &msg, PKT);
	ok(send_all(fd, &wire) == 0 &&
	    read_reply(fd, &reply, &npkt, &maxlen, &bad) == 0 &&
	    reply.len > 26 && reply.data[reply.data[7]] == 0x02,
	    "PRELOGIN answered with ENCRYPT_NOT_SUP");
	testmsg_login(&msg, argv[2], argv[3], "", PKT);
	testmsg_packets(&wire, TDS_PKT_LOGIN7, &msg, PKT);
	ok(send_all(fd, &wire) == 0 &&
	    read_reply(fd, &reply, &npkt, &maxlen, &bad) == 0 &&
	    walk(&reply, &count, &envsize, &ack) == 0 && ack,
	    "LOGIN7 answered with a well-formed login reply");
	is_int(envsize, PKT, "ENVCHANGE agrees to the client's packet size");

	/* a 7 KB batch in 512-byte packets, ~18 KB of rows back */
	{
		/* A fixed query padded by a long comment to 7 KB. */
		static const char q[] = "WITH c(x) AS (SELECT 1 UNION ALL SELECT "
		    "x + 1 FROM c WHERE x < 300) SELECT x, 'abcdefghijklmnopqrstuvwxyz"
		    "0123456789' FROM c -- ";
		size_t	n = sizeof(q) - 1;

		memcpy(sql, q, n);
		memset(sql + n, '0', 3500);
		sql[n + 3500] = '\0';
	}
	msg.len = 0;
	tds_buf_u32(&msg, 22);
	tds_buf_u32(&msg, 18);
	tds_buf_u16(&msg, 2);
	tds_buf_u64(&msg, 0);
	tds_buf_u32(&msg, 1);
	testmsg_ucs2(&msg, sql);
	testmsg_packets(&wire, TDS_PKT_BATCH, &msg, PKT);
	reqpkts = (int)((msg.len + PKT - 9) / (PKT - 8));
	ok(send_all(fd, &wire) == 0 &&
	    read_reply(fd, &reply, &npkt, &maxlen, &bad) == 0,
	    "a batch sent in %d packets is answered", reqpkts);
	ok(maxlen <= PKT, "every reply packet fits %d bytes (largest %zu)", PKT,
	    maxlen);
	ok(npkt > 20, "the reply came in %d packets", npkt);
	ok(!bad, "only the last packet has EOM; all carry type 4 and a SPID");
	rows = walk(&reply, &count, &envsize, &ack);
	is_int(rows, 300, "the reassembled reply holds 300 rows");
	is_int((long long)count, 300, "DONE counts 300 rows");

	/* an attention while idle is still acknowledged */
	msg.len = 0;
	testmsg_packets(&wire, TDS_PKT_ATTN, &msg, PKT);
	ok(send_all(fd, &wire) == 0 &&
	    read_reply(fd, &reply, &npkt, &maxlen, &bad) == 0 &&
	    reply.len == 13 && reply.data[0] == TDS_TOK_DONE &&
	    (reply.data[1] & TDS_DONE_ATTN), "idle attention: DONE(ATTN)");
	close(fd);

	/* jTDS style: LOGIN7 first, packet size 0 = "server decides" */
	fd = connect_to(port);
	testmsg_login(&msg, argv[2], argv[3], "", 0);
	testmsg_packets(&wire, TDS_PKT_LOGIN7, &msg, PKT);
	envsize = ack = 0;
	ok(fd != -1 && send_all(fd, &wire) == 0 &&
	    read_reply(fd, &reply, &npkt, &maxlen, &bad) == 0 &&
	    walk(&reply, &count, &envsize, &ack) == 0 && ack,
	    "LOGIN7 without PRELOGIN is accepted");
	is_int(envsize, 4096, "packet size 0 is answered with 4096");
	/* garbage: the server closes the connection, nothing else */
	msg.len = 0;
	tds_buf_put(&msg, "\x01\x01\x00\x04junk", 8);
	ok(send(fd, msg.data, msg.len, 0) == 8 &&
	    read_reply(fd, &reply, &npkt, &maxlen, &bad) == -1,
	    "a packet with a bad length closes the connection");
	if (fd != -1)
		close(fd);
	tds_buf_free(&msg);
	tds_buf_free(&wire);
	tds_buf_free(&reply);
	return done_testing();
}
