/*
 * unit-parse: erpsim's wire parsers on hand-built messages (LOGIN7 with an
 * obfuscated password, PRELOGIN, an sp_executesql RPC with seven parameter
 * types, packets reassembled), then the fuzz target of t/fuzz/fuzz-tds.c
 * on 100,000 deterministic mutations of those messages.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../lib/tap.h"
#include "tds.h"
#include "login.h"
#include "rpc.h"
#include "testmsg.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* sp_executesql by id at 7.4 with int, varchar, decimal, datetime, PLP. */
static void
make_rpc(struct tds_buf *b)
{
	b->len = 0;
	tds_buf_u32(b, 22);		/* ALL_HEADERS: transaction descriptor */
	tds_buf_u32(b, 18);
	tds_buf_u16(b, 2);
	tds_buf_u64(b, 0);
	tds_buf_u32(b, 1);
	tds_buf_u16(b, 0xFFFF);
	tds_buf_u16(b, 10);
	tds_buf_u16(b, 0);
	testmsg_nvarchar(b, "", "select * from Btype where sonnum = @P1 and Name = @P2");
	testmsg_nvarchar(b, "", "@P1 int,@P2 varchar(20),@P3 decimal(18,4),@P4 datetime,@P5 nvarchar(max)");
	testmsg_param_hdr(b, "@P1", 0x26);
	tds_buf_u8(b, 4);
	tds_buf_u8(b, 4);
	tds_buf_u32(b, (uint32_t)-42);
	testmsg_param_hdr(b, "@P2", 0xA7);
	tds_buf_u16(b, 20);
	tds_buf_put(b, tds_collation, 5);
	tds_buf_u16(b, 4);
	tds_buf_put(b, "\xd6\xd0\xce\xc4", 4);	/* 中文 in GBK */
	testmsg_param_hdr(b, "@P3", 0x6A);
	tds_buf_u8(b, 9);
	tds_buf_u8(b, 18);
	tds_buf_u8(b, 4);
	tds_buf_u8(b, 9);
	tds_buf_u8(b, 0);			/* negative */
	tds_buf_u64(b, 12345678);		/* -1234.5678 */
	testmsg_param_hdr(b, "@P4", 0x6F);
	tds_buf_u8(b, 8);
	tds_buf_u8(b, 8);
	tds_buf_u32(b, 45350);			/* 2024-03-01 */
	tds_buf_u32(b, 0);
	testmsg_param_hdr(b, "@P5", 0xE7);
	tds_buf_u16(b, 0xFFFF);
	tds_buf_put(b, tds_collation, 5);
	tds_buf_u64(b, 6);
	tds_buf_u32(b, 4);
	testmsg_ucs2(b, "ab");
	tds_buf_u32(b, 2);
	testmsg_ucs2(b, "c");
	tds_buf_u32(b, 0);
}

static void
packetize(struct tds_buf *out, uint8_t type, const struct tds_buf *p, size_t size)
{
	testmsg_packets(out, type, p, size);
}

/* Writes selector + bytes as a seed file for t/fuzz/corpus/fuzz-tds/. */
static void
seed(const char *dir, const char *name, uint8_t sel, const uint8_t *p, size_t n)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL)
		return;
	fputc(sel, f);
	fwrite(p, 1, n, f);
	fclose(f);
}

static uint64_t	 rng = 0x9E3779B97F4A7C15ULL;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

int
main(void)
{
	struct tds_buf		 login = { NULL, 0, 0, 0 }, rpc = { NULL, 0, 0, 0 };
	struct tds_buf		 pk = { NULL, 0, 0, 0 };
	struct tds_login	 l;
	struct tds_msg		 m;
	struct rpc_call		*c;
	char			 names[8][128], *s;
	uint8_t			*in;
	size_t			 off, len, n;
	int			 nc, rc, i, k, enc, done = 0;
	static const uint8_t	 prelogin[] = {
		0x00, 0x00, 0x1a, 0x00, 0x06, 0x01, 0x00, 0x20, 0x00, 0x01,
		0x02, 0x00, 0x21, 0x00, 0x0c, 0x03, 0x00, 0x2d, 0x00, 0x04,
		0x04, 0x00, 0x31, 0x00, 0x01, 0xff, 0x09, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 'M', 'S', 'S', 'Q', 'L', 'S', 'e', 'r', 'v',
		'e', 'r', 0x00, 0x01, 0x02, 0x03, 0x04, 0x00
	};

	testmsg_login(&login, "sa", "S3cret!中", "V3993", 4096);
	is_int(tds_login7_parse(login.data, login.len, &l), 0, "LOGIN7 parses");
	is_str(l.user, "sa", "LOGIN7 user");
	is_str(l.password, "S3cret!中", "LOGIN7 password de-obfuscated");
	is_str(l.database, "V3993", "LOGIN7 database");
	is_int(tds_negotiate(l.tdsver, 74), 74, "7.4 client, 7.4 server: 7.4");
	is_int(tds_negotiate(l.tdsver, 72), 72, "7.4 client, --tds-max 7.2: 7.2");
	is_int(tds_negotiate(0x71000001, 74), 71, "7.1 client: 7.1");
	is_int(tds_negotiate(0x70000000, 74), -1, "7.0 is refused");
	is_int(tds_login7_parse(login.data, 60, &l), -1, "a cut LOGIN7 is refused");
	login.data[40] = 0xF0;	/* user name offset past the end */
	is_int(tds_login7_parse(login.data, login.len, &l), -1,
	    "a LOGIN7 offset past the end is refused");
	testmsg_login(&login, "sa", "S3cret!中", "V3993", 4096);

	is_int(tds_prelogin_parse(prelogin, sizeof(prelogin), &enc), 0,
	    "PRELOGIN parses");
	is_int(enc, 0, "PRELOGIN encryption byte read");

	make_rpc(&rpc);
	rc = rpc_parse(rpc.data, rpc.len, 74, &c, &nc);
	is_int(rc, 0, "RPC parses");
	if (rc == 0) {
		is_int(nc, 1, "one call");
		is_int(rpc_proc(&c[0]), RPC_SP_EXECUTESQL, "sp_executesql by id");
		is_int(c[0].np, 7, "seven parameters");
		is_int(c[0].p[2].vk, RPC_INT, "INTN value");
		is_int(c[0].p[2].i, -42, "INTN -42");
		is_int(c[0].p[3].vk, RPC_TEXTCP, "BIGVARCHAR value in the code page");
		is_int((long long)c[0].p[3].rawlen, 4, "BIGVARCHAR length");
		ok(c[0].p[4].vk == RPC_REAL && c[0].p[4].d > -1234.56781 &&
		    c[0].p[4].d < -1234.56779, "DECIMALN -1234.5678");
		ok(c[0].p[5].vk == RPC_TEXT8 && c[0].p[5].rawlen == 10 &&
		    memcmp(c[0].p[5].raw, "2024-03-01", 10) == 0,
		    "DATETIMEN at midnight as 'YYYY-MM-DD'");
		s = tds_utf16_to_utf8(c[0].p[6].raw, c[0].p[6].rawlen, NULL);
		is_str(s, "abc", "PLP NVARCHAR(MAX) chunks joined");
		free(s);
		s = tds_utf16_to_utf8(c[0].p[1].raw, c[0].p[1].rawlen, NULL);
		is_int(rpc_param_names(s, names, 8), 5, "five declared names");
		is_str(names[4], "@P5", "declared names in order");
		free(s);
		rpc_free(c, nc);
	}
	is_int(rpc_parse(rpc.data, rpc.len - 3, 74, &c, &nc), -1,
	    "a cut RPC is refused");

	/* reassembly at 512-byte packets */
	packetize(&pk, TDS_PKT_RPC, &rpc, 64);
	memset(&m, 0, sizeof(m));
	for (off = 0, rc = 0; off < pk.len; off += len) {
		len = (size_t)pk.data[off + 2] << 8 | pk.data[off + 3];
		rc = tds_msg_feed(&m, pk.data + off, len);
		if (rc != 0)
			break;
	}
	ok(rc == 1 && m.npkt > 4 && m.data.len == rpc.len &&
	    memcmp(m.data.data, rpc.data, rpc.len) == 0,
	    "a message split into %d packets is reassembled", m.npkt);
	pk.data[2] = 0;
	pk.data[3] = 4;
	tds_msg_reset(&m);
	is_int(tds_msg_feed(&m, pk.data, 64), -1, "a bad packet length is refused");
	tds_buf_free(&m.data);

	/* FUZZ_SEED_DIR=t/fuzz/corpus/fuzz-tds: write the messages as seeds */
	if ((s = getenv("FUZZ_SEED_DIR")) != NULL) {
		packetize(&pk, TDS_PKT_LOGIN7, &login, 512);
		seed(s, "packets-login7", 0, pk.data, pk.len);
		packetize(&pk, TDS_PKT_RPC, &rpc, 128);
		seed(s, "packets-rpc", 0, pk.data, pk.len);
		seed(s, "login7", 1, login.data, login.len);
		seed(s, "prelogin", 2, prelogin, sizeof(prelogin));
		seed(s, "rpc74", 3, rpc.data, rpc.len);
		seed(s, "rpc71", 4, rpc.data + 22, rpc.len - 22);
		seed(s, "datetime", 5, (const uint8_t *)"2024-03-01 10:20:30.123", 23);
	}

	/* the fuzz target on mutations of the messages above */
	if ((in = malloc(70000)) == NULL)
		return 1;
	for (i = 0; i < 100000; i++) {
		const struct tds_buf *seed = i % 3 == 0 ? &login : &rpc;

		switch (i % 6) {
		case 0:
			packetize(&pk, i % 2 ? TDS_PKT_LOGIN7 : TDS_PKT_RPC,
			    seed, 32 + rnd() % 600);
			n = pk.len;
			memcpy(in + 1, pk.data, n);
			break;
		case 2:
			n = sizeof(prelogin);
			memcpy(in + 1, prelogin, n);
			break;
		default:
			n = seed->len;
			memcpy(in + 1, seed->data, n);
			break;
		}
		in[0] = (uint8_t)(i % 6);
		if (in[0] == 1 && seed != &login)
			in[0] = 3;
		for (k = (int)(rnd() % 8); k >= 0; k--) {
			switch (rnd() % 3) {
			case 0:
				in[1 + rnd() % n] ^= (uint8_t)(1u << (rnd() % 8));
				break;
			case 1:
				in[1 + rnd() % n] = (uint8_t)rnd();
				break;
			default:
				n -= rnd() % (n / 4 + 1);
				break;
			}
		}
		LLVMFuzzerTestOneInput(in, n + 1);
		done++;
	}
	is_int(done, 100000, "100,000 mutated messages parsed without a crash");
	free(in);
	tds_buf_free(&login);
	tds_buf_free(&rpc);
	tds_buf_free(&pk);
	return done_testing();
}
