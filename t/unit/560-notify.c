/*
 * lib/notify: the pure parts of notices sent out (issue 15). JSON string
 * escaping byte for byte; the robot's body within its limits; its reply
 * read strictly (a table of replies and verdicts); the mail's headers
 * (RFC 2047 words that decode back, a Message-ID, CRLF lines); what an
 * admin may type (robot URL, SMTP server, addresses, with and without the
 * test-only host); the backoff schedule; the rate window.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "notify.h"
#include "tap.h"

static const struct {
	const char	*in, *want;
} js[] = {
	{ "abc", "\"abc\"" },
	{ "", "\"\"" },
	{ "a\"b", "\"a\\\"b\"" },
	{ "a\\b", "\"a\\\\b\"" },
	{ "l1\nl2\tx", "\"l1\\nl2\\tx\"" },
	{ "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"" },
	{ "华东五金", "\"华东五金\"" },
	{ "\xe2\x80\xa8", "\"\\u2028\"" },		/* U+2028: not raw in JSON text for JS */
	{ "a\xff" "b", "\"a\xef\xbf\xbd" "b\"" },	/* not UTF-8: U+FFFD */
	{ "</script>", "\"</script>\"" },
};

static const struct {
	const char		*body;
	enum dz_notify_reply	 want;
	long			 code;
	const char		*msg;
} replies[] = {
	{ "{\"errcode\":0,\"errmsg\":\"ok\"}", DZ_REPLY_OK, 0, "ok" },
	{ " { \"errmsg\" : \"ok\" , \"errcode\" : 0 } \n", DZ_REPLY_OK, 0, "ok" },
	{ "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}", DZ_REPLY_RATE, 45009,
	  "api freq out of limit" },
	{ "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}", DZ_REPLY_ERROR, 93000,
	  "invalid webhook url" },
	{ "{\"errcode\":0,\"x\":{\"errcode\":1},\"y\":[1,-2.5e3,true,false,null,\"\\u4e2d\"]}",
	  DZ_REPLY_OK, 0, "" },
	{ "{\"x\":{\"errcode\":0}}", DZ_REPLY_BAD, -1, "" },	/* errcode only at the top */
	{ "{\"errcode\":0", DZ_REPLY_BAD, -1, "" },
	{ "{\"errcode\":0}x", DZ_REPLY_BAD, -1, "" },
	{ "{\"errcode\":0,}", DZ_REPLY_BAD, -1, "" },
	{ "{\"errcode\":1.5}", DZ_REPLY_BAD, -1, "" },
	{ "{\"errcode\":\"0\"}", DZ_REPLY_BAD, -1, "" },
	{ "{\"errcode\":01}", DZ_REPLY_BAD, -1, "" },
	{ "[0]", DZ_REPLY_BAD, -1, "" },
	{ "", DZ_REPLY_BAD, -1, "" },
	{ "<html>502</html>", DZ_REPLY_BAD, -1, "" },
	{ "{\"errcode\":0,\"errmsg\":\"a\x01" "b\"}", DZ_REPLY_BAD, -1, "" },	/* raw control */
	{ "{\"errcode\":0,\"errmsg\":\"\\q\"}", DZ_REPLY_BAD, -1, "" },
	{ "{\"errcode\":0,\"errmsg\":\"\xe4\xb8\xad ok\"}", DZ_REPLY_OK, 0, " ok" },
	{ "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	  DZ_REPLY_BAD, -1, "" },
};

static const struct {
	const char	*url;
	int		 ok, ok_test;
} hooks[] = {
	{ "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa", 1, 1 },
	{ "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=", 0, 0 },
	{ "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", 0, 0 },
	{ "https://qyapi.weixin.qq.com.evil.cn/cgi-bin/webhook/send?key=abc", 0, 0 },
	{ "https://qyapi.weixin.qq.com:8443/cgi-bin/webhook/send?key=abc", 0, 0 },
	{ "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc&debug=1", 0, 0 },
	{ "https://user@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", 0, 0 },
	{ "https://127.0.0.1:4443/cgi-bin/webhook/send?key=abc", 0, 1 },
	{ "https://127.0.0.1/", 0, 1 },
	{ "https://127.0.0.1:4443/a b", 0, 0 },
	{ "http://127.0.0.1:4443/", 0, 0 },
	{ "https://127.0.0.10:4443/", 0, 0 },
	{ "", 0, 0 },
};

static const struct {
	const char	*url;
	int		 ok, starttls, starttls_test;
} smtps[] = {
	{ "smtps://smtp.example.com:465", 1, 0, 0 },
	{ "smtp://smtp.example.com:587", 1, 1, 1 },
	{ "smtp://smtp.example.com", 1, 1, 1 },
	{ "smtp://127.0.0.1:2525", 1, 1, 0 },
	{ "smtp://127.0.0.1:2525/", 1, 1, 0 },
	{ "smtp://u:p@smtp.example.com", 0, 0, 0 },
	{ "smtp://smtp.example.com:0", 0, 0, 0 },
	{ "smtp://smtp.example.com:99999", 0, 0, 0 },
	{ "smtp://smtp.example.com/x", 0, 0, 0 },
	{ "https://smtp.example.com", 0, 0, 0 },
	{ "smtp://", 0, 0, 0 },
};

static const struct {
	const char	*a;
	int		 ok;
} addrs[] = {
	{ "boss@example.com", 1 }, { "a.b-c+d@mail.example.cn", 1 },
	{ "boss", 0 }, { "@example.com", 0 }, { "a@", 0 }, { "a@b@c", 0 },
	{ "a b@example.com", 0 }, { "a@exa mple.com", 0 }, { "<a@example.com>", 0 },
	{ "a@example.com\r\nBcc: x@y.z", 0 }, { "a@.example.com", 0 }, { "a@example..com", 0 },
	{ "王@example.com", 0 },
};

/* Decode the RFC 2047 words of a Subject back to text. */
static int
unword(const char *s, char *out, size_t outsz)
{
	static const char	 b[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char		*p = s, *e;
	size_t			 o = 0;
	unsigned int		 acc = 0, bits = 0;

	while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
		p += 10;
		if ((e = strstr(p, "?=")) == NULL)
			return -1;
		for (acc = 0, bits = 0; p < e; p++) {
			const char	*q;

			if (*p == '=')
				continue;
			if ((q = strchr(b, *p)) == NULL)
				return -1;
			acc = (acc << 6) | (unsigned)(q - b);
			bits += 6;
			if (bits >= 8) {
				bits -= 8;
				if (o + 1 >= outsz)
					return -1;
				out[o++] = (char)((acc >> bits) & 0xff);
			}
		}
	}
	out[o] = '\0';
	return 0;
}

int
main(void)
{
	struct dz_notice_msg	 m;
	char			 buf[9000], msg[64], subj[256], dec[256], to[DZ_NOTIFY_TO_MAX][255];
	char			 name[700], *mail = NULL, *hdr, *line;
	size_t			 i, len;
	long			 code;
	int			 st, n;

	for (i = 0; i < DZ_NELEM(js); i++) {
		n = dz_notify_json_str(js[i].in, buf, sizeof(buf));
		is_str(n >= 0 ? buf : "(did not fit)", js[i].want, "json %zu", i);
	}
	ok(dz_notify_json_str("abcdef", buf, 8) == -1, "json: too small is -1, not cut");
	ok(dz_notify_json_str("abcdef", buf, 9) == 8, "json: exactly fits");

	for (i = 0; i < DZ_NELEM(replies); i++) {
		code = -1;
		is_int(dz_notify_wecom_reply(replies[i].body, strlen(replies[i].body), &code,
		    msg, sizeof(msg)), replies[i].want, "reply %zu: %.40s", i, replies[i].body);
		if (replies[i].want != DZ_REPLY_BAD) {
			is_int(code, replies[i].code, "reply %zu: errcode", i);
			is_str(msg, replies[i].msg, "reply %zu: errmsg", i);
		}
	}

	memset(&m, 0, sizeof(m));
	m.kind = DZ_NOTICE_DISPUTED;
	m.customer = "华东\"五金\"批发部";
	m.from = "2024-03-01";
	m.to = "2024-03-31";
	m.closing = 300050;
	m.at = "2024-04-02 10:15";
	m.link = "https://dz.example.com/statements/42";
	n = dz_notify_wecom_body(&m, 0, buf, sizeof(buf));
	ok(n > 0 && strncmp(buf, "{\"msgtype\":\"text\",\"text\":{\"content\":\"", 37) == 0,
	    "robot body: text");
	ok(strstr(buf, "华东\\\"五金\\\"批发部 答复对账单：不符合\\n") != NULL, "... the customer escaped, the kind");
	ok(strstr(buf, "欠款金额：¥3,000.50") != NULL, "... the amount");
	ok(strstr(buf, "https://dz.example.com/statements/42") != NULL, "... the link");
	ok(n > 2 && strcmp(buf + n - 2, "}}") == 0, "... closed");
	is_int(dz_notify_wecom_reply(buf, (size_t)n, NULL, NULL, 0), DZ_REPLY_BAD,
	    "... is JSON the reply reader walks (no errcode: BAD, not a crash)");
	n = dz_notify_wecom_body(&m, 1, buf, sizeof(buf));
	ok(n > 0 && strstr(buf, "\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"### ") != NULL,
	    "robot body: markdown with a heading");
	/* a name far over the limit: cut on a character, under 2,048 bytes of text */
	memset(name, 0, sizeof(name));
	for (i = 0; i + 3 < sizeof(name) - 1; i += 3)
		memcpy(name + i, "中", 3);
	m.customer = name;
	n = dz_notify_wecom_body(&m, 0, buf, sizeof(buf));
	ok(n > 0 && n < DZ_NOTIFY_TEXT_MAX + 64, "long text: cut to the robot's 2,048 bytes (%d)", n);
	m.customer = "华东\"五金\"批发部";

	ok(dz_notify_subject(&m, subj, sizeof(subj)) > 0, "subject");
	ok(dz_notify_rfc2047(subj, buf, sizeof(buf)) > 0, "RFC 2047");
	for (line = buf, st = 1; line != NULL; line = strstr(line + 1, "=?UTF-8?B?")) {
		const char	*end = strstr(line, "?=");

		if (end == NULL || end + 2 - line > 75)
			st = 0;
	}
	ok(st, "... every word at most 75 characters");
	ok(unword(buf, dec, sizeof(dec)) == 0 && strcmp(dec, subj) == 0, "... decodes back: %s", dec);

	ok(dz_notify_mail(&m, "dz@example.com", "a@example.com, b@example.com",
	    "Tue, 02 Apr 2024 02:15:00 +0000", "7.9", &mail, &len) == DZ_OK, "mail");
	ok(mail != NULL && strstr(mail, "\r\nMessage-ID: <dz-notice-7.9@example.com>\r\n") != NULL,
	    "... its Message-ID, in the sender's domain");
	ok(mail != NULL && strstr(mail, "To: a@example.com,\r\n b@example.com\r\n") != NULL,
	    "... both recipients");
	ok(mail != NULL && strstr(mail, "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n") != NULL, "... UTF-8 text in base64");
	for (hdr = mail, st = 1; hdr != NULL && (line = strchr(hdr, '\n')) != NULL; hdr = line + 1)
		if (line == mail || line[-1] != '\r' || line - hdr > 78)
			st = 0;
	ok(st, "... every line ends CRLF and is at most 78 characters");
	free(mail);
	ok(dz_notify_mail(&m, "dz@example.com", "a@example.com", "x", "a b", &mail, &len) ==
	    DZ_ERR_INVAL && mail == NULL, "mail: a bad id part is refused");
	ok(dz_notify_mail(&m, "dz@example.com", "a@example.com\r\nBcc: x@y.z", "x", "1", &mail,
	    &len) == DZ_ERR_INVAL, "mail: a header in an address is refused");
	ok(dz_notify_mail(&m, "dz", "a@example.com", "x", "1", &mail, &len) == DZ_ERR_INVAL,
	    "mail: a bad sender is refused");

	for (i = 0; i < DZ_NELEM(hooks); i++) {
		is_int(dz_notify_webhook_ok(hooks[i].url, "") == 0, hooks[i].ok, "robot URL: %s", hooks[i].url);
		is_int(dz_notify_webhook_ok(hooks[i].url, "127.0.0.1") == 0, hooks[i].ok_test,
		    "... with TestHost 127.0.0.1");
	}
	for (i = 0; i < DZ_NELEM(smtps); i++) {
		int	tls = -1;

		is_int(dz_notify_smtp_ok(smtps[i].url, "", &tls) == 0, smtps[i].ok, "SMTP: %s", smtps[i].url);
		if (smtps[i].ok) {
			is_int(tls, smtps[i].starttls, "... STARTTLS");
			dz_notify_smtp_ok(smtps[i].url, "127.0.0.1", &tls);
			is_int(tls, smtps[i].starttls_test, "... STARTTLS with TestHost");
		}
	}
	for (i = 0; i < DZ_NELEM(addrs); i++)
		is_int(dz_notify_addr_ok(addrs[i].a) == 0, addrs[i].ok, "address %zu", i);
	is_int(dz_notify_addr_list(" a@x.cn; b@y.cn ,c@z.cn", to, DZ_NOTIFY_TO_MAX), 3, "a list of 3");
	is_str(to[2], "c@z.cn", "... the third");
	is_int(dz_notify_addr_list("a@x.cn, b", to, DZ_NOTIFY_TO_MAX), -1, "a list with a bad one");
	is_int(dz_notify_addr_list(" , ", to, DZ_NOTIFY_TO_MAX), -1, "an empty list");
	is_int(dz_notify_addr_list("a@x.cn b@x.cn c@x.cn", to, 2), -1, "more than max");

	is_int(dz_notify_backoff_s(1), 60, "backoff after 1: 1 min");
	is_int(dz_notify_backoff_s(2), 120, "... 2: 2 min");
	is_int(dz_notify_backoff_s(3), 240, "... 3: 4 min");
	is_int(dz_notify_backoff_s(7), 3600, "... 7: capped at an hour");
	is_int(dz_notify_backoff_s(40), 3600, "... 40: still an hour");
	is_int(dz_notify_rate_wait(19, 59), 0, "rate: 19 in the window, send");
	is_int(dz_notify_rate_wait(20, 45), 15, "... 20, the oldest 45 s ago: wait 15 s");
	is_int(dz_notify_rate_wait(25, 60), 1, "... the oldest just out: at least 1 s");

	ok(strcmp(dz_notice_kind_code(DZ_NOTICE_OPENED), "opened") == 0, "kind codes");
	{
		enum dz_notice_kind	k;
		enum dz_notify_chan	c;

		ok(dz_notice_kind_from_code("disputed", &k) == 0 && k == DZ_NOTICE_DISPUTED, "kind from code");
		ok(dz_notice_kind_from_code("x", &k) == -1, "... unknown");
		ok(dz_notify_chan_from_code("mail", &c) == 0 && c == DZ_CHAN_MAIL, "channel from code");
	}
	return done_testing();
}
