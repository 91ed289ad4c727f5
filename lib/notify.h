/*
 * notify.h: the pure parts of notices sent out (issue 15): what a notice
 * says (its words from conf/lang, Lang.notify), a 企业微信 group robot's
 * JSON body and the reading of its reply, an RFC 5322 mail with an RFC
 * 2047 UTF-8 subject, the strict reading of what an admin types (robot
 * URL, SMTP server, addresses), the retry schedule and the robot's rate
 * window. No I/O, no clock: times and ids come from the caller (the
 * worker, tools/admin.c, and lib/notify_send.c which does the sending).
 *
 *   kind       code      what the creator is told
 *   opened     opened    the customer opened the link (first time)
 *   agreed     agreed    the customer answered 符合
 *   disputed   disputed  the customer answered 不符合
 */
#ifndef DZ_NOTIFY_H
#define DZ_NOTIFY_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"

enum dz_notice_kind {
	DZ_NOTICE_OPENED,
	DZ_NOTICE_AGREED,
	DZ_NOTICE_DISPUTED,
	DZ_NOTICE__MAX
};

enum dz_notify_chan {
	DZ_CHAN_WECOM,		/* 企业微信 group robot */
	DZ_CHAN_MAIL,		/* SMTP */
	DZ_CHAN__MAX
};

/* Codes as the store keeps them; the words a page shows (Lang.notify). */
const char	*dz_notice_kind_code(enum dz_notice_kind);
const char	*dz_notice_kind_words(enum dz_notice_kind);
int		 dz_notice_kind_from_code(const char *, enum dz_notice_kind *);
const char	*dz_notify_chan_code(enum dz_notify_chan);
int		 dz_notify_chan_from_code(const char *, enum dz_notify_chan *);

/* The robot's limits (its documentation): 20 a minute, text 2,048 bytes,
 * markdown 4,096. */
#define DZ_NOTIFY_RATE		20
#define DZ_NOTIFY_WINDOW_S	60
#define DZ_NOTIFY_TEXT_MAX	2048
#define DZ_NOTIFY_MD_MAX	4096
/* Retries: 1, 2, 4 ... minutes, at most an hour apart, then failed. */
#define DZ_NOTIFY_BACKOFF_CAP_S	3600
#define DZ_NOTIFY_MAX_ATTEMPTS	8

/* What one notice says. Strings are borrowed; closing in fen. */
struct dz_notice_msg {
	enum dz_notice_kind	 kind;
	const char		*company;	/* our company (the account set) */
	const char		*customer;	/* customer name */
	const char		*from, *to;	/* the period, YYYY-MM-DD */
	int64_t			 closing;	/* 欠款金额 */
	const char		*at;		/* when, "YYYY-MM-DD HH:MM" */
	const char		*link;		/* the statement's staff page URL, or "" */
};

/* The subject line ("华东五金批发部 确认对账单：符合"). -1 if it does not fit. */
int		 dz_notify_subject(const struct dz_notice_msg *, char *buf, size_t sz);
/* The plain text (lines ending "\n"). -1 if it does not fit. */
int		 dz_notify_text(const struct dz_notice_msg *, char *buf, size_t sz);

/*
 * s as a JSON string literal with its quotes, into out: ", \ and controls
 * escaped (\n \t, others \u00XX), anything else copied (s must be UTF-8;
 * bytes that are not become U+FFFD). Returns the length, -1 if it does
 * not fit.
 */
int		 dz_notify_json_str(const char *s, char *out, size_t outsz);

/*
 * The robot's body: {"msgtype":"text","text":{"content":"..."}} or the
 * same with markdown, the content cut on a character to the limit of its
 * type. Returns the length, -1 if out is too small.
 */
int		 dz_notify_wecom_body(const struct dz_notice_msg *, int markdown,
		    char *out, size_t outsz);

/* What the robot answered (HTTP 200 and its JSON). */
enum dz_notify_reply {
	DZ_REPLY_OK,		/* errcode 0: delivered */
	DZ_REPLY_RATE,		/* over its rate (45009): later, not a failure */
	DZ_REPLY_ERROR,		/* another errcode: a failure */
	DZ_REPLY_BAD		/* not the JSON object it sends */
};

/*
 * Read the robot's reply body (outside data: strict JSON, nesting at most
 * 16 deep, a number for errcode). *errcode is set when one was found,
 * errmsg (may be NULL) gets its errmsg cut to errsz as printable ASCII.
 */
enum dz_notify_reply dz_notify_wecom_reply(const char *body, size_t len,
		    long *errcode, char *errmsg, size_t errsz);

/*
 * The mail, RFC 5322: Date (given), From, To (the list), Subject as RFC
 * 2047 "=?UTF-8?B?...?=" words, Message-ID "<dz-notice-IDPART@DOMAIN>"
 * (DOMAIN the From address's), MIME text/plain UTF-8 base64, CRLF lines.
 * *out is malloc'd (caller frees). DZ_ERR_INVAL for a bad address or
 * idpart (only [A-Za-z0-9.-]).
 */
enum dz_err	 dz_notify_mail(const struct dz_notice_msg *, const char *from,
		    const char *to_list, const char *date, const char *idpart,
		    char **out, size_t *len);

/* An RFC 2047 encoded phrase of s (UTF-8) into out. -1 if it does not fit. */
int		 dz_notify_rfc2047(const char *s, char *out, size_t outsz);

/*
 * What an admin types, read strictly. test_host ("" for none) is the
 * test-only allowance (config Notify.TestHost): that host may stand in
 * for qyapi.weixin.qq.com (any port and path, still https://), and its
 * smtp:// server needs no STARTTLS.
 *
 * The robot: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY,
 * KEY of [A-Za-z0-9-] (1..64). Returns 0 or -1.
 */
int		 dz_notify_webhook_ok(const char *url, const char *test_host);
/*
 * The mail server: smtp://HOST[:PORT] or smtps://HOST[:PORT] (no user,
 * path or query; HOST of [A-Za-z0-9.-]). *starttls is set to 1 where
 * smtp:// must upgrade (every host but test_host). Returns 0 or -1.
 */
int		 dz_notify_smtp_ok(const char *url, const char *test_host, int *starttls);
/* One address local@domain, printable ASCII, no quotes, brackets or
 * spaces, at most 254 bytes. Returns 0 or -1. */
int		 dz_notify_addr_ok(const char *addr);
/*
 * A list of addresses split on commas, semicolons and spaces into
 * out[max][255]. Returns how many (1..max), -1 if one is bad, there
 * are none, or more than max.
 */
#define DZ_NOTIFY_TO_MAX	10
int		 dz_notify_addr_list(const char *list, char out[][255], int max);

/* The host part of a URL ("qyapi.weixin.qq.com"), for the page. */
void		 dz_notify_url_host(const char *url, char *out, size_t outsz);

/* Seconds to wait before attempt attempts+1 after attempts failed (>= 1). */
long		 dz_notify_backoff_s(int attempts);

/*
 * The rate window: sent sends in the last DZ_NOTIFY_WINDOW_S seconds,
 * the oldest oldest_age_s ago. Returns 0 to send now, else the seconds to
 * wait until a place is free.
 */
long		 dz_notify_rate_wait(int sent, long oldest_age_s);

#endif
