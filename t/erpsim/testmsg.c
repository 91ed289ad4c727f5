/*
 * testmsg.c: client messages for erpsim's C tests (LOGIN7, packets).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "tds.h"
#include "testmsg.h"

void
testmsg_ucs2(struct tds_buf *b, const char *s)
{
	(void)tds_buf_ucs2(b, s, strlen(s));
}

/* A LOGIN7 as FreeTDS 7.4 builds it (fields after the 94-byte header). */
void
testmsg_login(struct tds_buf *b, const char *user, const char *pass, const char *db,
    uint32_t pktsize)
{
	const char	*fields[9] = { "host", user, pass, "app", "srv", NULL,
			    "lib", "", db };
	size_t		 off = 94, i, k, at;
	struct tds_buf	 data = { NULL, 0, 0, 0 };

	b->len = 0;
	tds_buf_u32(b, 0);		/* length, patched below */
	tds_buf_u32(b, 0x74000004);
	tds_buf_u32(b, pktsize);
	tds_buf_u32(b, 7);
	tds_buf_u32(b, 1234);
	tds_buf_u32(b, 0);
	tds_buf_u8(b, 0xE0);
	tds_buf_u8(b, 0x03);
	tds_buf_u8(b, 0);
	tds_buf_u8(b, 0);
	tds_buf_u32(b, 0);
	tds_buf_u32(b, 0x0804);
	for (i = 0; i < 9; i++) {
		const char *f = fields[i] == NULL ? "" : fields[i];

		tds_buf_u16(b, (uint16_t)(off + data.len));
		at = data.len;
		testmsg_ucs2(&data, f);
		if (i == 2)		/* obfuscate the password */
			for (k = at; k < data.len; k++) {
				uint8_t c = data.data[k];

				c = (uint8_t)((c << 4) | (c >> 4));
				data.data[k] = c ^ 0xA5;
			}
		tds_buf_u16(b, (uint16_t)((data.len - at) / 2));
	}
	tds_buf_put(b, "\0\0\0\0\0\0", 6);	/* client id */
	for (i = 0; i < 4; i++)			/* SSPI, attach, chgpwd */
		tds_buf_u16(b, 0), tds_buf_u16(b, 0);
	tds_buf_u32(b, 0);
	while (b->len < 94)
		tds_buf_u8(b, 0);
	b->len = 94;
	tds_buf_put(b, data.data, data.len);
	b->data[0] = b->len & 0xff;
	b->data[1] = (b->len >> 8) & 0xff;
	tds_buf_free(&data);
}

void
testmsg_packets(struct tds_buf *out, uint8_t type, const struct tds_buf *p,
    size_t size)
{
	size_t	 off = 0, n;

	out->len = 0;
	do {
		n = p->len - off > size - 8 ? size - 8 : p->len - off;
		tds_buf_u8(out, type);
		tds_buf_u8(out, off + n == p->len ? 1 : 0);
		tds_buf_be16(out, (uint16_t)(n + 8));
		tds_buf_u32(out, 0);
		tds_buf_put(out, p->data + off, n);
		off += n;
	} while (off < p->len);
}

void
testmsg_param_hdr(struct tds_buf *b, const char *name, uint8_t type)
{
	tds_buf_u8(b, (uint8_t)strlen(name));
	testmsg_ucs2(b, name);
	tds_buf_u8(b, 0);
	tds_buf_u8(b, type);
}

void
testmsg_nvarchar(struct tds_buf *b, const char *name, const char *v)
{
	size_t	 at;

	testmsg_param_hdr(b, name, 0xE7);
	tds_buf_u16(b, 8000);
	tds_buf_put(b, tds_collation, 5);
	at = b->len;
	tds_buf_u16(b, 0);	/* the length, filled in below */
	testmsg_ucs2(b, v);
	b->data[at] = (b->len - at - 2) & 0xff;
	b->data[at + 1] = ((b->len - at - 2) >> 8) & 0xff;
}
