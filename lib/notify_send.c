/*
 * notify_send.c: notices sent out through libcurl (notify_send.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "dz.h"
#include "conf.h"
#include "crypt.h"
#include "lang.h"
#include "log.h"
#include "notify.h"
#include "notify_send.h"
#include "store_notify.h"

/* The most of a reply kept (the robot's is a few dozen bytes). */
#define REPLY_MAX	16384

enum dz_err
dz_notify_send_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? DZ_OK : DZ_ERR_IO;
}

void
dz_notify_robot(const char *url, char hex[65])
{
	dz_crypt_sha256_hex(url, strlen(url), hex);
}

struct reply {
	char	buf[REPLY_MAX];
	size_t	len;
};

static size_t
on_reply(char *p, size_t size, size_t n, void *arg)
{
	struct reply	*r = arg;
	size_t		 k = size * n;

	if (k > sizeof(r->buf) - 1 - r->len)
		return 0;	/* too long: the transfer fails */
	memcpy(r->buf + r->len, p, k);
	r->len += k;
	r->buf[r->len] = '\0';
	return k;
}

/* What every transfer shares: timeouts, no redirects, checked TLS. */
static void
common(CURL *h, const struct dz_conf *conf, char *err)
{
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, (long)(conf->notify_timeout_s < 5 ?
	    conf->notify_timeout_s : 5));
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)conf->notify_timeout_s);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	if (conf->notify_cafile[0] != '\0')
		curl_easy_setopt(h, CURLOPT_CAINFO, conf->notify_cafile);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err);
	err[0] = '\0';
}

static enum dz_err
send_wecom(const struct dz_conf *conf, const char *url, const char *body,
    char *why, size_t whysz)
{
	struct curl_slist	*hdr = NULL;
	struct reply		*rep;
	char			 err[CURL_ERROR_SIZE], msg[128];
	long			 code = 0, errcode = 0;
	CURL			*h;
	CURLcode		 cc;
	enum dz_err		 rc;

	if ((rep = calloc(1, sizeof(*rep))) == NULL)
		return DZ_ERR_NOMEM;
	if ((h = curl_easy_init()) == NULL) {
		free(rep);
		return DZ_ERR_NOMEM;
	}
	common(h, conf, err);
	hdr = curl_slist_append(hdr, "Content-Type: application/json; charset=utf-8");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_reply);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, rep);
	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (cc != CURLE_OK) {
		snprintf(why, whysz, LANG_notify_why_curl, err[0] != '\0' ? err :
		    curl_easy_strerror(cc));
		rc = DZ_ERR_IO;
	} else if (code != 200) {
		snprintf(why, whysz, LANG_notify_why_http, code);
		rc = DZ_ERR_IO;
	} else
		switch (dz_notify_wecom_reply(rep->buf, rep->len, &errcode, msg, sizeof(msg))) {
		case DZ_REPLY_OK:
			why[0] = '\0';
			rc = DZ_OK;
			break;
		case DZ_REPLY_RATE:
			snprintf(why, whysz, "%s", LANG_notify_why_rate);
			rc = DZ_ERR_THROTTLED;
			break;
		case DZ_REPLY_ERROR:
			snprintf(why, whysz, LANG_notify_why_errcode, errcode, msg);
			rc = DZ_ERR_IO;
			break;
		default:
			snprintf(why, whysz, "%s", LANG_notify_why_reply);
			rc = DZ_ERR_IO;
			break;
		}
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	free(rep);
	return rc;
}

struct upload {
	const char	*p;
	size_t		 left;
};

static size_t
on_read(char *buf, size_t size, size_t n, void *arg)
{
	struct upload	*u = arg;
	size_t		 k = size * n < u->left ? size * n : u->left;

	memcpy(buf, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

static enum dz_err
send_mail(const struct dz_conf *conf, const struct dz_notify_conf *c, const char *msg,
    size_t len, char *why, size_t whysz)
{
	struct curl_slist	*rcpt = NULL;
	struct upload		 up = { msg, len };
	char			 to[DZ_NOTIFY_TO_MAX][255], from[260], err[CURL_ERROR_SIZE];
	int			 nto, i, starttls = 0;
	CURL			*h;
	CURLcode		 cc;

	if (dz_notify_smtp_ok(c->smtp_url, conf->notify_test_host, &starttls) == -1 ||
	    (nto = dz_notify_addr_list(c->mail_to, to, DZ_NOTIFY_TO_MAX)) < 0) {
		snprintf(why, whysz, "%s", LANG_notify_why_off);
		return DZ_ERR_INVAL;
	}
	if ((h = curl_easy_init()) == NULL)
		return DZ_ERR_NOMEM;
	common(h, conf, err);
	curl_easy_setopt(h, CURLOPT_URL, c->smtp_url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (starttls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (c->smtp_user[0] != '\0') {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->smtp_user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, c->smtp_password);
	}
	from[0] = '<';
	memcpy(from + 1, c->mail_from, strnlen(c->mail_from, 254));
	memcpy(from + 1 + strnlen(c->mail_from, 254), ">", 2);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, from);
	for (i = 0; i < nto; i++) {
		char	a[260];

		a[0] = '<';
		memcpy(a + 1, to[i], strlen(to[i]));
		memcpy(a + 1 + strlen(to[i]), ">", 2);
		rcpt = curl_slist_append(rcpt, a);
	}
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(h, CURLOPT_READDATA, &up);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	cc = curl_easy_perform(h);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	if (cc != CURLE_OK) {
		snprintf(why, whysz, LANG_notify_why_curl, err[0] != '\0' ? err :
		    curl_easy_strerror(cc));
		return DZ_ERR_IO;
	}
	why[0] = '\0';
	return DZ_OK;
}

enum dz_err
dz_notify_deliver(const struct dz_conf *conf, const struct dz_notify_conf *c,
    enum dz_notify_chan ch, const struct dz_notice_msg *m, const char *idpart,
    char *why, size_t whysz)
{
	char		 body[2 * DZ_NOTIFY_MD_MAX + 256], date[64], *mail = NULL;
	size_t		 len = 0;
	time_t		 now = time(NULL);
	struct tm	 tm;
	enum dz_err	 rc;

	why[0] = '\0';
	if (ch >= DZ_CHAN__MAX) {
		snprintf(why, whysz, "%s", LANG_notify_why_off);
		return DZ_ERR_INVAL;
	}
	if (c->secret_bad) {
		snprintf(why, whysz, "%s", LANG_notify_why_secret);
		return DZ_ERR_INVAL;
	}
	if (ch == DZ_CHAN_WECOM) {
		if (!c->enabled[ch] || dz_notify_webhook_ok(c->webhook,
		    conf->notify_test_host) == -1) {
			snprintf(why, whysz, "%s", LANG_notify_why_off);
			return DZ_ERR_INVAL;
		}
		if (dz_notify_wecom_body(m, c->markdown, body, sizeof(body)) < 0)
			return DZ_ERR_INVAL;
		return send_wecom(conf, c->webhook, body, why, whysz);
	}
	if (!c->enabled[ch]) {
		snprintf(why, whysz, "%s", LANG_notify_why_off);
		return DZ_ERR_INVAL;
	}
	/* RFC 5322 date, in UTC: the receiver shows it in its own zone */
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	if ((rc = dz_notify_mail(m, c->mail_from, c->mail_to, date, idpart, &mail,
	    &len)) != DZ_OK) {
		snprintf(why, whysz, "%s", LANG_notify_why_off);
		return rc;
	}
	rc = send_mail(conf, c, mail, len, why, whysz);
	free(mail);
	return rc;
}
