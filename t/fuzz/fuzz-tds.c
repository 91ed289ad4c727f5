/* SOURCES: t/erpsim/tds.c t/erpsim/login.c t/erpsim/rpc.c */
/*
 * fuzz-tds: libFuzzer target for erpsim's parsers of untrusted client
 * bytes: packet reassembly (tds_msg_feed), PRELOGIN, LOGIN7, RPC requests
 * at TDS 7.1 and 7.4, sp_executesql parameter definitions, UTF-16 and
 * datetime text. The first input byte picks the parser.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../erpsim/tds.h"
#include "../erpsim/login.h"
#include "../erpsim/rpc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
payload(uint8_t type, const uint8_t *p, size_t n)
{
	struct tds_login	 l;
	struct rpc_call		*calls;
	int			 enc, nc;

	switch (type) {
	case TDS_PKT_PRELOGIN:
		(void)tds_prelogin_parse(p, n, &enc);
		break;
	case TDS_PKT_LOGIN7:
		if (tds_login7_parse(p, n, &l) == 0)
			(void)tds_negotiate(l.tdsver, 74);
		break;
	case TDS_PKT_RPC:
		if (rpc_parse(p, n, 74, &calls, &nc) == 0) {
			(void)rpc_proc(&calls[0]);
			rpc_free(calls, nc);
		}
		break;
	default:
		break;
	}
}

static void
packets(const uint8_t *p, size_t n)
{
	struct tds_msg	 m;
	size_t		 plen;
	int		 rc;

	memset(&m, 0, sizeof(m));
	while (n >= TDS_HDR_LEN) {
		plen = (size_t)p[2] << 8 | p[3];
		if (plen < TDS_HDR_LEN || plen > n)
			plen = n;
		rc = tds_msg_feed(&m, p, plen);
		if (rc == 1)
			payload(m.type, m.data.data, m.data.len);
		if (rc != 0)
			tds_msg_reset(&m);
		p += plen;
		n -= plen;
	}
	tds_buf_free(&m.data);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tds_login	 l;
	struct rpc_call		*calls;
	char			 names[16][128], *s;
	int32_t			 days;
	uint32_t		 ticks;
	int			 enc, nc, i, j;

	if (size < 1)
		return 0;
	switch (data[0] % 6) {
	case 0:
		packets(data + 1, size - 1);
		break;
	case 1:
		if (tds_login7_parse(data + 1, size - 1, &l) == 0)
			(void)tds_negotiate(l.tdsver, 71);
		break;
	case 2:
		(void)tds_prelogin_parse(data + 1, size - 1, &enc);
		break;
	case 3:
	case 4:
		if (rpc_parse(data + 1, size - 1, data[0] % 6 == 3 ? 74 : 71,
		    &calls, &nc) == 0) {
			for (i = 0; i < nc; i++)
				for (j = 0; j < calls[i].np; j++)
					if (calls[i].p[j].vk == RPC_TEXT16 &&
					    (s = tds_utf16_to_utf8(calls[i].p[j].raw,
					    calls[i].p[j].rawlen, NULL)) != NULL) {
						(void)rpc_param_names(s, names, 16);
						free(s);
					}
			rpc_free(calls, nc);
		}
		break;
	default:
		if ((s = malloc(size)) == NULL)
			return 0;
		memcpy(s, data + 1, size - 1);
		s[size - 1] = '\0';
		if (tds_datetime_parse(s, &days, &ticks) == 0) {
			char buf[32];

			tds_datetime_format(days, ticks, buf);
		}
		(void)rpc_param_names(s, names, 16);
		free(s);
		break;
	}
	return 0;
}
