/*
 * notify.c: the pure parts of notices sent out (notify.h). No I/O.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "lang.h"
#include "money.h"
#include "notify.h"
#include "utf8.h"

static const struct {
	const char	*code;
	const char	*words;
} kinds[DZ_NOTICE__MAX] = {
	[DZ_NOTICE_OPENED] = { "opened", LANG_notify_kind_opened },
	[DZ_NOTICE_AGREED] = { "agreed", LANG_notify_kind_agreed },
	[DZ_NOTICE_DISPUTED] = { "disputed", LANG_notify_kind_disputed },
};

static const char *const chans[DZ_CHAN__MAX] = {
	[DZ_CHAN_WECOM] = "wecom",
	[DZ_CHAN_MAIL] = "mail",
};

const char *
dz_notice_kind_code(enum dz_notice_kind k)
{
	return k < DZ_NOTICE__MAX ? kinds[k].code : "";
}

const char *
dz_notice_kind_words(enum dz_notice_kind k)
{
	return k < DZ_NOTICE__MAX ? kinds[k].words : "";
}

int
dz_notice_kind_from_code(const char *s, enum dz_notice_kind *k)
{
	int	i;

	for (i = 0; s != NULL && i < DZ_NOTICE__MAX; i++)
		if (strcmp(s, kinds[i].code) == 0) {
			*k = (enum dz_notice_kind)i;
			return 0;
		}
	return -1;
}

const char *
dz_notify_chan_code(enum dz_notify_chan c)
{
	return c < DZ_CHAN__MAX ? chans[c] : "";
}

int
dz_notify_chan_from_code(const char *s, enum dz_notify_chan *c)
{
	int	i;

	for (i = 0; s != NULL && i < DZ_CHAN__MAX; i++)
		if (strcmp(s, chans[i]) == 0) {
			*c = (enum dz_notify_chan)i;
			return 0;
		}
	return -1;
}

/* ---------------------------------------------------------------------
 * The words.
 */

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

int
dz_notify_subject(const struct dz_notice_msg *m, char *buf, size_t sz)
{
	int	n;

	n = snprintf(buf, sz, LANG_notify_subject, nz(m->customer),
	    dz_notice_kind_words(m->kind));
	return n >= 0 && (size_t)n < sz ? n : -1;
}

int
dz_notify_text(const struct dz_notice_msg *m, char *buf, size_t sz)
{
	char	 money[64];
	int	 n, link = m->link != NULL && m->link[0] != '\0';

	dz_money_format(m->closing, money, sizeof(money));
	n = snprintf(buf, sz, "%s %s\n" LANG_notify_line_period "\n"
	    LANG_notify_line_closing "\n" LANG_notify_line_at "\n%s%s%s",
	    nz(m->customer), dz_notice_kind_words(m->kind), nz(m->from), nz(m->to),
	    money, nz(m->at), link ? LANG_notify_line_link : "",
	    link ? m->link : "", link ? "\n" : "");
	return n >= 0 && (size_t)n < sz ? n : -1;
}

/* ---------------------------------------------------------------------
 * JSON.
 */

int
dz_notify_json_str(const char *s, char *out, size_t outsz)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, o = 0, k;
	uint32_t		 cp;
	char			 esc[8];
	const char		*add;
	size_t			 addn;

#define PUT(str, n) do {						\
	if (o + (n) >= outsz)						\
		return -1;						\
	memcpy(out + o, (str), (n));					\
	o += (n);							\
} while (0)
	PUT("\"", 1);
	while (i < len) {
		if ((k = dz_utf8_next(p + i, len - i, &cp)) == 0) {
			PUT("\xef\xbf\xbd", 3);		/* U+FFFD */
			i++;
			continue;
		}
		add = (const char *)p + i;
		addn = k;
		if (cp == '"')
			add = "\\\"", addn = 2;
		else if (cp == '\\')
			add = "\\\\", addn = 2;
		else if (cp == '\n')
			add = "\\n", addn = 2;
		else if (cp == '\t')
			add = "\\t", addn = 2;
		else if (cp < 0x20 || cp == 0x7f || cp == 0x2028 || cp == 0x2029) {
			snprintf(esc, sizeof(esc), "\\u%04x", (unsigned)cp);
			add = esc, addn = 6;
		}
		PUT(add, addn);
		i += k;
	}
	PUT("\"", 1);
#undef PUT
	out[o] = '\0';
	return (int)o;
}

int
dz_notify_wecom_body(const struct dz_notice_msg *m, int markdown, char *out,
    size_t outsz)
{
	char	text[DZ_NOTIFY_MD_MAX + 1], subj[512], body[DZ_NOTIFY_MD_MAX + 1];
	size_t	max = markdown ? DZ_NOTIFY_MD_MAX : DZ_NOTIFY_TEXT_MAX, n;
	int	jn, tn;

	if (dz_notify_text(m, body, sizeof(body)) < 0)
		return -1;
	if (markdown) {
		if (dz_notify_subject(m, subj, sizeof(subj)) < 0)
			return -1;
		/* A heading, then the lines; the text is ours but for the
		 * customer's name, which markdown may only render oddly. */
		tn = snprintf(text, sizeof(text), "### %s\n%s", subj, body);
	} else
		tn = snprintf(text, sizeof(text), "%s", body);
	if (tn < 0)
		return -1;
	n = dz_utf8_fit(text, strlen(text), max);
	text[n] = '\0';
	jn = snprintf(out, outsz, "{\"msgtype\":\"%s\",\"%s\":{\"content\":",
	    markdown ? "markdown" : "text", markdown ? "markdown" : "text");
	if (jn < 0 || (size_t)jn >= outsz)
		return -1;
	if ((tn = dz_notify_json_str(text, out + jn, outsz - jn)) < 0)
		return -1;
	jn += tn;
	if ((size_t)jn + 3 > outsz)
		return -1;
	memcpy(out + jn, "}}", 3);
	return jn + 2;
}

/*
 * The robot's reply: a strict little JSON reader that walks one value,
 * remembering the top object's errcode and errmsg.
 */
struct jr {
	const char	*p, *end;
	int		 depth;
	long		 errcode;
	int		 has_code;
	char		*msg;
	size_t		 msgsz;
};

static void
ws(struct jr *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' ||
	    *j->p == '\r'))
		j->p++;
}

/* A string; copy (may be NULL) gets its printable ASCII, cut to copysz. */
static int
jstring(struct jr *j, char *copy, size_t copysz, char *key, size_t keysz)
{
	size_t	o = 0, ko = 0;
	int	i;

	if (j->p >= j->end || *j->p != '"')
		return -1;
	j->p++;
	if (copy != NULL && copysz > 0)
		copy[0] = '\0';
	while (j->p < j->end && *j->p != '"') {
		unsigned char	c = (unsigned char)*j->p;

		if (c < 0x20)
			return -1;
		if (c == '\\') {
			if (++j->p >= j->end)
				return -1;
			switch (*j->p) {
			case '"': case '\\': case '/': case 'b': case 'f':
			case 'n': case 'r': case 't':
				c = (unsigned char)*j->p;
				break;
			case 'u':
				for (i = 1; i <= 4; i++)
					if (j->p + i >= j->end || !isxdigit((unsigned char)j->p[i]))
						return -1;
				j->p += 4;
				c = '?';
				break;
			default:
				return -1;
			}
		}
		/* kept terminated as it goes: a string cut short leaves text */
		if (copy != NULL && o + 1 < copysz && c >= 0x20 && c < 0x7f) {
			copy[o++] = (char)c;
			copy[o] = '\0';
		}
		if (key != NULL && ko + 1 < keysz)
			key[ko++] = (char)c;
		else if (key != NULL)
			ko = keysz;	/* too long: no key we know */
		j->p++;
	}
	if (j->p >= j->end)
		return -1;
	j->p++;
	if (copy != NULL && copysz > 0)
		copy[o] = '\0';
	if (key != NULL && keysz > 0)
		key[ko < keysz ? ko : 0] = '\0';
	return 0;
}

/* A number; *val gets it when it is an integer that fits a long. */
static int
jnumber(struct jr *j, long *val, int *isint)
{
	const char	*s = j->p;
	long		 v = 0;
	int		 neg = 0, digits = 0, over = 0;

	*isint = 1;
	if (j->p < j->end && *j->p == '-') {
		neg = 1;
		j->p++;
	}
	if (j->p < j->end && *j->p == '0') {
		j->p++;
		digits = 1;
	} else
		while (j->p < j->end && isdigit((unsigned char)*j->p)) {
			if (v > 100000000000L)
				over = 1;
			else
				v = v * 10 + (*j->p - '0');
			j->p++;
			digits++;
		}
	if (digits == 0)
		return -1;
	if (j->p < j->end && *j->p == '.') {
		*isint = 0;
		j->p++;
		if (j->p >= j->end || !isdigit((unsigned char)*j->p))
			return -1;
		while (j->p < j->end && isdigit((unsigned char)*j->p))
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		*isint = 0;
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || !isdigit((unsigned char)*j->p))
			return -1;
		while (j->p < j->end && isdigit((unsigned char)*j->p))
			j->p++;
	}
	if (over)
		*isint = 0;
	*val = neg ? -v : v;
	(void)s;
	return 0;
}

static int	jvalue(struct jr *, int top, const char *key);

static int
jlit(struct jr *j, const char *lit)
{
	size_t	n = strlen(lit);

	if ((size_t)(j->end - j->p) < n || memcmp(j->p, lit, n) != 0)
		return -1;
	j->p += n;
	return 0;
}

static int
jobject(struct jr *j, int top)
{
	char	key[16];

	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == '}') {
		j->p++;
		return 0;
	}
	for (;;) {
		ws(j);
		if (jstring(j, NULL, 0, key, sizeof(key)) == -1)
			return -1;
		ws(j);
		if (j->p >= j->end || *j->p != ':')
			return -1;
		j->p++;
		ws(j);
		if (jvalue(j, top, key) == -1)
			return -1;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == '}') {
			j->p++;
			return 0;
		}
		return -1;
	}
}

static int
jarray(struct jr *j)
{
	j->p++;
	ws(j);
	if (j->p < j->end && *j->p == ']') {
		j->p++;
		return 0;
	}
	for (;;) {
		ws(j);
		if (jvalue(j, 0, "") == -1)
			return -1;
		ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == ']') {
			j->p++;
			return 0;
		}
		return -1;
	}
}

static int
jvalue(struct jr *j, int top, const char *key)
{
	long	v;
	int	isint, rc;

	if (j->p >= j->end)
		return -1;
	switch (*j->p) {
	case '{':
	case '[':
		if (++j->depth > 16)
			return -1;
		rc = *j->p == '{' ? jobject(j, 0) : jarray(j);
		j->depth--;
		return rc;
	case '"':
		if (top && strcmp(key, "errmsg") == 0)
			return jstring(j, j->msg, j->msgsz, NULL, 0);
		return jstring(j, NULL, 0, NULL, 0);
	case 't':
		return jlit(j, "true");
	case 'f':
		return jlit(j, "false");
	case 'n':
		return jlit(j, "null");
	default:
		if (jnumber(j, &v, &isint) == -1)
			return -1;
		if (top && strcmp(key, "errcode") == 0) {
			if (!isint)
				return -1;
			j->errcode = v;
			j->has_code = 1;
		}
		return 0;
	}
}

enum dz_notify_reply
dz_notify_wecom_reply(const char *body, size_t len, long *errcode, char *errmsg,
    size_t errsz)
{
	struct jr	j;

	memset(&j, 0, sizeof(j));
	j.p = body;
	j.end = body + len;
	j.msg = errmsg;
	j.msgsz = errsz;
	if (errmsg != NULL && errsz > 0)
		errmsg[0] = '\0';
	if (body == NULL)
		return DZ_REPLY_BAD;
	ws(&j);
	if (j.p >= j.end || *j.p != '{')
		return DZ_REPLY_BAD;
	j.depth = 1;
	if (jobject(&j, 1) == -1)
		return DZ_REPLY_BAD;
	ws(&j);
	if (j.p != j.end || !j.has_code)
		return DZ_REPLY_BAD;
	if (errcode != NULL)
		*errcode = j.errcode;
	if (j.errcode == 0)
		return DZ_REPLY_OK;
	/* 45009: api freq out of limit (the robot's 20 a minute) */
	if (j.errcode == 45009)
		return DZ_REPLY_RATE;
	return DZ_REPLY_ERROR;
}

/* ---------------------------------------------------------------------
 * Mail.
 */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Standard base64 with padding; out holds 4 * ceil(n / 3) + 1. */
static size_t
base64(const unsigned char *in, size_t n, char *out)
{
	size_t	i, o = 0;

	for (i = 0; i + 2 < n; i += 3) {
		out[o++] = b64[in[i] >> 2];
		out[o++] = b64[((in[i] & 3) << 4) | (in[i + 1] >> 4)];
		out[o++] = b64[((in[i + 1] & 15) << 2) | (in[i + 2] >> 6)];
		out[o++] = b64[in[i + 2] & 63];
	}
	if (i < n) {
		out[o++] = b64[in[i] >> 2];
		if (i + 1 < n) {
			out[o++] = b64[((in[i] & 3) << 4) | (in[i + 1] >> 4)];
			out[o++] = b64[(in[i + 1] & 15) << 2];
		} else {
			out[o++] = b64[(in[i] & 3) << 4];
			out[o++] = '=';
		}
		out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

/*
 * Encoded words of 36 bytes of text at most ("=?UTF-8?B?" + 48 + "?=" =
 * 60 characters, under RFC 2047's 75, and with "Subject: " before the
 * first one under RFC 5322's 78 a line), never cutting a character,
 * joined by CRLF SP (folding).
 */
int
dz_notify_rfc2047(const char *s, char *out, size_t outsz)
{
	size_t	len = strlen(s), i = 0, o = 0, n;
	char	enc[64];

	if (outsz == 0)
		return -1;
	out[0] = '\0';
	while (i < len) {
		n = dz_utf8_fit(s + i, len - i, 36);
		if (n == 0)	/* not UTF-8 here: take a byte (it is ours) */
			n = 1;
		base64((const unsigned char *)s + i, n, enc);
		if (o + strlen(enc) + 16 >= outsz)
			return -1;
		o += (size_t)snprintf(out + o, outsz - o, "%s=?UTF-8?B?%s?=",
		    o > 0 ? "\r\n " : "", enc);
		i += n;
	}
	return (int)o;
}

int
dz_notify_addr_ok(const char *a)
{
	const char	*at, *p;
	size_t		 n = strlen(a);

	if (n < 3 || n > 254 || (at = strchr(a, '@')) == NULL || at == a ||
	    strchr(at + 1, '@') != NULL || at[1] == '\0')
		return -1;
	for (p = a; *p != '\0'; p++) {
		unsigned char	c = (unsigned char)*p;

		if (c <= 0x20 || c >= 0x7f || strchr("\"()<>[]\\,;:", c) != NULL)
			return -1;
	}
	/* the domain: labels of letters, digits and hyphens */
	for (p = at + 1; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
			return -1;
	if (at[1] == '.' || a[n - 1] == '.' || strstr(at, "..") != NULL)
		return -1;
	return 0;
}

int
dz_notify_addr_list(const char *list, char out[][255], int max)
{
	const char	*p = list;
	size_t		 n;
	int		 k = 0;

	for (;;) {
		while (*p == ',' || *p == ';' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, ",; \t");
		if (k >= max || n >= 255)
			return -1;
		memcpy(out[k], p, n);
		out[k][n] = '\0';
		if (dz_notify_addr_ok(out[k]) == -1)
			return -1;
		k++;
		p += n;
	}
	return k > 0 ? k : -1;
}

static int
idpart_ok(const char *s)
{
	if (*s == '\0' || strlen(s) > 64)
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '.' && *s != '-')
			return 0;
	return 1;
}

enum dz_err
dz_notify_mail(const struct dz_notice_msg *m, const char *from, const char *to_list,
    const char *date, const char *idpart, char **out, size_t *len)
{
	char	 to[DZ_NOTIFY_TO_MAX][255], subj[512], subj2047[2048];
	char	 text[DZ_NOTIFY_MD_MAX + 1], *enc = NULL, *buf = NULL;
	size_t	 tlen, elen, cap, o, i;
	int	 nto, k;

	*out = NULL;
	*len = 0;
	if (dz_notify_addr_ok(from) == -1 || !idpart_ok(idpart) ||
	    (nto = dz_notify_addr_list(to_list, to, DZ_NOTIFY_TO_MAX)) < 0 ||
	    date == NULL || strpbrk(date, "\r\n") != NULL)
		return DZ_ERR_INVAL;
	if (dz_notify_subject(m, subj, sizeof(subj)) < 0 ||
	    dz_notify_rfc2047(subj, subj2047, sizeof(subj2047)) < 0 ||
	    dz_notify_text(m, text, sizeof(text)) < 0)
		return DZ_ERR_INVAL;
	tlen = strlen(text);
	if ((enc = malloc(4 * (tlen / 3 + 1) + 1)) == NULL)
		return DZ_ERR_NOMEM;
	elen = base64((const unsigned char *)text, tlen, enc);
	cap = 2048 + sizeof(subj2047) + nto * 260 + elen + elen / 76 * 2 + 4;
	if ((buf = malloc(cap)) == NULL) {
		free(enc);
		return DZ_ERR_NOMEM;
	}
	o = (size_t)snprintf(buf, cap, "Date: %s\r\nFrom: %s\r\nTo: ", date, from);
	for (k = 0; k < nto; k++)
		o += (size_t)snprintf(buf + o, cap - o, "%s%s", k > 0 ? ",\r\n " : "", to[k]);
	o += (size_t)snprintf(buf + o, cap - o, "\r\nSubject: %s\r\n"
	    "Message-ID: <dz-notice-%s@%s>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n",
	    subj2047, idpart, strchr(from, '@') + 1);
	for (i = 0; i < elen; i += 76) {
		size_t	n = elen - i < 76 ? elen - i : 76;

		memcpy(buf + o, enc + i, n);
		o += n;
		memcpy(buf + o, "\r\n", 2);
		o += 2;
	}
	buf[o] = '\0';
	free(enc);
	*out = buf;
	*len = o;
	return DZ_OK;
}

/* ---------------------------------------------------------------------
 * What an admin types.
 */

/* host[:port] of an URL after its scheme's "://": its length, or 0. */
static size_t
host_port(const char *p, size_t *hostlen)
{
	size_t	h = 0, n;

	while (isalnum((unsigned char)p[h]) || p[h] == '.' || p[h] == '-')
		h++;
	if (h == 0 || h > 253)
		return 0;
	n = h;
	if (p[n] == ':') {
		size_t	d = 0;

		while (isdigit((unsigned char)p[n + 1 + d]))
			d++;
		if (d == 0 || d > 5 || atol(p + n + 1) == 0 || atol(p + n + 1) > 65535)
			return 0;
		n += 1 + d;
	}
	*hostlen = h;
	return n;
}

static int
is_test_host(const char *p, size_t hostlen, const char *test_host)
{
	return test_host != NULL && test_host[0] != '\0' &&
	    strlen(test_host) == hostlen && strncasecmp(p, test_host, hostlen) == 0;
}

int
dz_notify_webhook_ok(const char *url, const char *test_host)
{
	static const char	 pre[] = "https://";
	static const char	 path[] = "/cgi-bin/webhook/send?key=";
	const char		*p, *k;
	size_t			 n, hostlen;

	if (url == NULL || strlen(url) > 512 || strncmp(url, pre, sizeof(pre) - 1) != 0)
		return -1;
	p = url + sizeof(pre) - 1;
	if ((n = host_port(p, &hostlen)) == 0)
		return -1;
	if (is_test_host(p, hostlen, test_host)) {
		/* the test's receiver: any path of printable ASCII */
		for (k = p + n; *k != '\0'; k++)
			if ((unsigned char)*k <= 0x20 || (unsigned char)*k >= 0x7f)
				return -1;
		return p[n] == '/' || p[n] == '\0' ? 0 : -1;
	}
	if (n != hostlen || hostlen != strlen("qyapi.weixin.qq.com") ||
	    strncmp(p, "qyapi.weixin.qq.com", hostlen) != 0)
		return -1;
	if (strncmp(p + n, path, sizeof(path) - 1) != 0)
		return -1;
	k = p + n + sizeof(path) - 1;
	for (n = 0; k[n] != '\0'; n++)
		if (!isalnum((unsigned char)k[n]) && k[n] != '-')
			return -1;
	return n >= 1 && n <= 64 ? 0 : -1;
}

int
dz_notify_smtp_ok(const char *url, const char *test_host, int *starttls)
{
	const char	*p;
	size_t		 n, hostlen;
	int		 tls;

	*starttls = 0;
	if (url == NULL || strlen(url) > 255)
		return -1;
	if (strncmp(url, "smtps://", 8) == 0) {
		p = url + 8;
		tls = 1;
	} else if (strncmp(url, "smtp://", 7) == 0) {
		p = url + 7;
		tls = 0;
	} else
		return -1;
	if ((n = host_port(p, &hostlen)) == 0)
		return -1;
	/* nothing after host[:port] but an optional "/" */
	if (!(p[n] == '\0' || (p[n] == '/' && p[n + 1] == '\0')))
		return -1;
	if (!tls && !is_test_host(p, hostlen, test_host))
		*starttls = 1;
	return 0;
}

void
dz_notify_url_host(const char *url, char *out, size_t outsz)
{
	const char	*p;
	size_t		 hostlen = 0;

	if (outsz == 0)
		return;
	out[0] = '\0';
	if (url == NULL || (p = strstr(url, "://")) == NULL)
		return;
	p += 3;
	if (host_port(p, &hostlen) == 0)
		return;
	snprintf(out, outsz, "%.*s", (int)hostlen, p);
}

/* ---------------------------------------------------------------------
 * When.
 */

long
dz_notify_backoff_s(int attempts)
{
	long	s = 60;

	if (attempts < 1)
		attempts = 1;
	while (--attempts > 0 && s < DZ_NOTIFY_BACKOFF_CAP_S)
		s *= 2;
	return s < DZ_NOTIFY_BACKOFF_CAP_S ? s : DZ_NOTIFY_BACKOFF_CAP_S;
}

long
dz_notify_rate_wait(int sent, long oldest_age_s)
{
	long	w;

	if (sent < DZ_NOTIFY_RATE)
		return 0;
	w = DZ_NOTIFY_WINDOW_S - oldest_age_s;
	return w > 0 ? w : 1;
}
