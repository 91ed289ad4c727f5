/* SOURCES: lib/notify.c lib/money.c lib/utf8.c lib/util.c */
/*
 * fuzz-wecom-reply: libFuzzer target for the 企业微信 robot's reply (lib/
 * notify dz_notify_wecom_reply: outside data, read strictly). Besides not
 * crashing, it checks that errmsg is always terminated printable ASCII,
 * that a verdict of OK means errcode 0, and that any input made into a JSON
 * string by dz_notify_json_str and put in a reply as its errmsg reads back
 * as a valid reply (the escaping and the reader agree). The same input is
 * also what an admin might type on 通知设置: the robot's URL, the SMTP
 * server and the address list are read by their strict checks (a URL
 * taken names a host the page can show; an address list taken has no
 * byte a mail header could be split on).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "notify.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char			 msg[64], *text, *esc, *reply;
	long			 code = -1;
	size_t			 i, escsz;
	int			 n;
	enum dz_notify_reply	 v;

	v = dz_notify_wecom_reply((const char *)data, size, &code, msg, sizeof(msg));
	if (memchr(msg, '\0', sizeof(msg)) == NULL)
		abort();
	for (i = 0; msg[i] != '\0'; i++)
		if ((unsigned char)msg[i] < 0x20 || (unsigned char)msg[i] >= 0x7f)
			abort();
	if (v == DZ_REPLY_OK && code != 0)
		abort();

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	escsz = 6 * size + 3;
	esc = malloc(escsz);
	reply = malloc(escsz + 64);
	if (esc != NULL && reply != NULL &&
	    (n = dz_notify_json_str(text, esc, escsz)) >= 0) {
		n = snprintf(reply, escsz + 64, "{\"errcode\":93000,\"errmsg\":%s}", esc);
		if (dz_notify_wecom_reply(reply, (size_t)n, &code, msg, sizeof(msg)) !=
		    DZ_REPLY_ERROR || code != 93000)
			abort();
	}
	{
		char	to[DZ_NOTIFY_TO_MAX][255], host[256];
		int	tls, k;

		if (dz_notify_webhook_ok(text, "127.0.0.1") == 0) {
			dz_notify_url_host(text, host, sizeof(host));
			if (host[0] == '\0')
				abort();
		}
		(void)dz_notify_webhook_ok(text, "");
		if (dz_notify_smtp_ok(text, "127.0.0.1", &tls) == 0 && strpbrk(text, "@ \r\n") != NULL)
			abort();
		if ((k = dz_notify_addr_list(text, to, DZ_NOTIFY_TO_MAX)) > 0)
			for (i = 0; i < (size_t)k; i++)
				if (strpbrk(to[i], "\r\n<>,; ") != NULL)
					abort();
	}
	free(reply);
	free(esc);
	free(text);
	return 0;
}
