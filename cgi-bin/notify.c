/*
 * 通知设置 (admin only, issue 15), part of dz-users: where the admin's
 * account set sends its notices besides the site.
 *
 *   GET  /admin/notify        the form: 企业微信 group robot (webhook URL,
 *                             text or markdown, on/off), mail (SMTP server,
 *                             from, to, user, password, on/off)
 *   POST /admin/notify        save it (one transaction with its audit row)
 *   POST /admin/notify/test   测试发送 (a second submit button, test=wecom or
 *                             mail): one message on that channel with the
 *                             form as typed, nothing stored
 *
 * What is typed is read strictly (lib/notify): the robot's URL is
 * https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=... and nothing
 * else (Notify.TestHost, a test-only allowance, may stand in for the
 * host); the SMTP server smtp:// (STARTTLS required) or smtps://. The
 * robot's URL holds its key and the password is a password: both are
 * sealed to their row (lib/store_notify) and never shown again; a field
 * left empty keeps what is stored.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dz.h"
#include "app.h"
#include "conf.h"
#include "form.h"
#include "lang.h"
#include "log.h"
#include "audit.h"
#include "notify.h"
#include "notify_send.h"
#include "store.h"
#include "store_notify.h"
#include "view.h"

enum dz_err	dz_users_notify(struct dz_req *);
enum dz_err	dz_users_notify_save(struct dz_req *);
enum dz_err	dz_users_notify_test(struct dz_req *);

static const char *const formats[] = { "text", "markdown", NULL };
static const char *const chans[] = { "wecom", "mail", NULL };

enum fkey { F_WECOM_ON, F_WECOM_URL, F_FORMAT, F_MAIL_ON, F_SMTP_URL, F_FROM, F_TO,
	F_USER, F_PASSWORD, F_TEST, F__MAX };
static const struct dz_field ffields[F__MAX] = {
	[F_WECOM_ON] = { "wecom_enabled", DZ_F_BOOL, 0, 0, 0, NULL, 0 },
	[F_WECOM_URL] = { "wecom_url", DZ_F_LINE, 0, 0, 512, NULL, 0 },
	[F_FORMAT] = { "format", DZ_F_ENUM, 0, 0, 0, formats, 0 },
	[F_MAIL_ON] = { "mail_enabled", DZ_F_BOOL, 0, 0, 0, NULL, 0 },
	[F_SMTP_URL] = { "smtp_url", DZ_F_LINE, 0, 0, 255, NULL, 0 },
	[F_FROM] = { "mail_from", DZ_F_LINE, 0, 0, 254, NULL, 0 },
	[F_TO] = { "mail_to", DZ_F_LINE, 0, 0, 1000, NULL, 0 },
	[F_USER] = { "smtp_user", DZ_F_LINE, 0, 0, 254, NULL, 0 },
	[F_PASSWORD] = { "smtp_password", DZ_F_LINE, 0, 0, 255, NULL, 0 },
	[F_TEST] = { "test", DZ_F_ENUM, 0, 0, 0, chans, 0 },
};

static void
tab(struct dz_req *r)
{
	dz_set(r->hdf, "Page.Title", LANG_notify_settings);
	dz_set(r->hdf, "Page.Tab", "users");
}

/* The form from what is stored (no secret: only whether there is one). */
static void
draw(struct dz_req *r, const struct dz_notify_conf *c)
{
	char	shown[512];

	dz_set_int(r->hdf, "Form.wecom_enabled", c->enabled[DZ_CHAN_WECOM]);
	dz_set(r->hdf, "Form.format", c->markdown ? "markdown" : "text");
	if (c->has_webhook) {
		snprintf(shown, sizeof(shown), LANG_notify_wecom_saved, c->webhook_host);
		dz_set(r->hdf, "Form.WebhookSaved", shown);
	}
	dz_set_int(r->hdf, "Form.mail_enabled", c->enabled[DZ_CHAN_MAIL]);
	dz_set(r->hdf, "Form.smtp_url", c->smtp_url);
	dz_set(r->hdf, "Form.mail_from", c->mail_from);
	dz_set(r->hdf, "Form.mail_to", c->mail_to);
	dz_set(r->hdf, "Form.smtp_user", c->smtp_user);
	dz_set_int(r->hdf, "Form.HasPassword", c->has_password);
}

enum dz_err
dz_users_notify(struct dz_req *r)
{
	struct dz_notify_conf	c;
	enum dz_err		rc;

	tab(r);
	if (r->sess.account_set_id == 0) {
		dz_set(r->hdf, "Form.Error", LANG_notify_no_account);
		return dz_render(r, 200, "users/notify.cs");
	}
	if ((rc = dz_store_notify_get(r->app->db, NULL, r->sess.account_set_id, &c)) != DZ_OK)
		return rc;
	draw(r, &c);
	if (dz_form_get(&r->query, "saved") != NULL)
		dz_set(r->hdf, "Form.Saved", LANG_notify_saved);
	dz_store_notify_wipe(&c);
	return dz_render(r, 200, "users/notify.cs");
}

/* The form drawn again as typed (never a secret), with err under field. */
static enum dz_err
again(struct dz_req *r, const struct dz_value *v, const struct dz_notify_conf *stored,
    const char *field, const char *err, int status)
{
	char	name[64];

	tab(r);
	draw(r, stored);
	dz_set_int(r->hdf, "Form.wecom_enabled", v[F_WECOM_ON].present && v[F_WECOM_ON].i);
	dz_set(r->hdf, "Form.format", formats[v[F_FORMAT].present ? v[F_FORMAT].i : 0]);
	dz_set_int(r->hdf, "Form.mail_enabled", v[F_MAIL_ON].present && v[F_MAIL_ON].i);
	dz_set(r->hdf, "Form.smtp_url", v[F_SMTP_URL].present ? v[F_SMTP_URL].s : "");
	dz_set(r->hdf, "Form.mail_from", v[F_FROM].present ? v[F_FROM].s : "");
	dz_set(r->hdf, "Form.mail_to", v[F_TO].present ? v[F_TO].s : "");
	dz_set(r->hdf, "Form.smtp_user", v[F_USER].present ? v[F_USER].s : "");
	if (field != NULL) {
		snprintf(name, sizeof(name), "Form.Err.%s", field);
		dz_set(r->hdf, name, err);
	}
	return dz_render(r, status, "users/notify.cs");
}

/*
 * The form into c over what is stored: -1 after the 400 page naming the
 * field (*rc), else 0; *keep_url / *keep_pw when the secret fields were
 * left empty (the stored ones stand, opened in c).
 */
static int
read_form(struct dz_req *r, struct dz_value *v, struct dz_notify_conf *c,
    int *keep_url, int *keep_pw, enum dz_err *rc)
{
	struct dz_notify_conf	 stored;
	const char		*th = r->app->conf->notify_test_host;
	char			 to[DZ_NOTIFY_TO_MAX][255];
	int			 starttls, k;
	const char		*field = NULL, *why = NULL;

	if ((*rc = dz_store_notify_get(r->app->db, r->app->keys, r->sess.account_set_id,
	    &stored)) != DZ_OK)
		return -1;
	memset(c, 0, sizeof(*c));
	c->enabled[DZ_CHAN_WECOM] = v[F_WECOM_ON].present && v[F_WECOM_ON].i;
	c->markdown = v[F_FORMAT].present && v[F_FORMAT].i == 1;
	c->enabled[DZ_CHAN_MAIL] = v[F_MAIL_ON].present && v[F_MAIL_ON].i;
	*keep_url = !v[F_WECOM_URL].present;
	*keep_pw = !v[F_PASSWORD].present;
	if (*keep_url) {
		dz_copy(c->webhook, sizeof(c->webhook), stored.webhook);
		dz_copy(c->webhook_host, sizeof(c->webhook_host), stored.webhook_host);
		c->has_webhook = stored.has_webhook;
	} else {
		dz_copy(c->webhook, sizeof(c->webhook), v[F_WECOM_URL].s);
		c->has_webhook = 1;
	}
	if (*keep_pw) {
		dz_copy(c->smtp_password, sizeof(c->smtp_password), stored.smtp_password);
		c->has_password = stored.has_password;
	} else
		dz_copy(c->smtp_password, sizeof(c->smtp_password), v[F_PASSWORD].s);
	c->secret_bad = stored.secret_bad && (*keep_url || *keep_pw);
	dz_copy(c->smtp_url, sizeof(c->smtp_url), v[F_SMTP_URL].present ? v[F_SMTP_URL].s : "");
	dz_copy(c->mail_from, sizeof(c->mail_from), v[F_FROM].present ? v[F_FROM].s : "");
	dz_copy(c->mail_to, sizeof(c->mail_to), v[F_TO].present ? v[F_TO].s : "");
	dz_copy(c->smtp_user, sizeof(c->smtp_user), v[F_USER].present ? v[F_USER].s : "");

	if (!*keep_url && dz_notify_webhook_ok(c->webhook, th) == -1)
		field = "wecom_url", why = LANG_notify_bad_webhook;
	else if (c->enabled[DZ_CHAN_WECOM] && !c->has_webhook)
		field = "wecom_url", why = LANG_notify_need_webhook;
	else if (c->smtp_url[0] != '\0' && dz_notify_smtp_ok(c->smtp_url, th, &starttls) == -1)
		field = "smtp_url", why = LANG_notify_bad_smtp;
	else if (c->mail_from[0] != '\0' && dz_notify_addr_ok(c->mail_from) == -1)
		field = "mail_from", why = LANG_notify_bad_from;
	else if (c->mail_to[0] != '\0' && (k = dz_notify_addr_list(c->mail_to, to,
	    DZ_NOTIFY_TO_MAX)) < 0)
		field = "mail_to", why = LANG_notify_bad_to;
	else if (c->enabled[DZ_CHAN_MAIL] && (c->smtp_url[0] == '\0' ||
	    c->mail_from[0] == '\0' || c->mail_to[0] == '\0'))
		field = "smtp_url", why = LANG_notify_need_smtp;
	else if ((!*keep_url || !*keep_pw) && r->app->keys == NULL)
		field = "wecom_url", why = LANG_notify_no_key;
	if (field != NULL) {
		*rc = again(r, v, &stored, field, why, 400);
		dz_store_notify_wipe(&stored);
		return -1;
	}
	dz_store_notify_wipe(&stored);
	return 0;
}

static void
actor(struct dz_req *r, struct dz_actor *who)
{
	memset(who, 0, sizeof(*who));
	who->user_id = r->sess.user_id;
	who->username = r->sess.username;
	who->ip = r->remote_addr;
}

enum dz_err
dz_users_notify_save(struct dz_req *r)
{
	struct dz_value		 v[F__MAX];
	struct dz_form_error	 fe;
	struct dz_notify_conf	 c;
	struct dz_actor		 who;
	int			 keep_url, keep_pw;
	enum dz_err		 rc;

	if (r->sess.account_set_id == 0)
		return dz_error_page(r, DZ_ERR_INVAL, LANG_notify_no_account);
	if ((rc = dz_req_form(r, ffields, F__MAX, v, &fe)) != DZ_OK)
		return dz_bad_field(r, &fe);
	if (read_form(r, v, &c, &keep_url, &keep_pw, &rc) == -1) {
		dz_form_values_free(v, F__MAX);
		return rc;
	}
	actor(r, &who);
	rc = dz_store_notify_put(r->app->db, r->app->keys, r->sess.account_set_id, &c,
	    keep_url, keep_pw, &who);
	dz_store_notify_wipe(&c);
	dz_form_values_free(v, F__MAX);
	if (rc != DZ_OK)
		return rc;
	return dz_redirect(r, "/admin/notify?saved=1");
}

enum dz_err
dz_users_notify_test(struct dz_req *r)
{
	static int		 curl_ready;
	struct dz_value		 v[F__MAX];
	struct dz_form_error	 fe;
	struct dz_notify_conf	 c, stored;
	struct dz_notice_msg	 m;
	struct dz_actor		 who;
	enum dz_notify_chan	 ch;
	char			 why[512], msg[640], at[32], idpart[48], obj[48];
	time_t			 now = time(NULL);
	struct tm		 tm;
	int			 keep_url, keep_pw, sent;
	enum dz_err		 rc;

	if (r->sess.account_set_id == 0)
		return dz_error_page(r, DZ_ERR_INVAL, LANG_notify_no_account);
	if ((rc = dz_req_form(r, ffields, F__MAX, v, &fe)) != DZ_OK)
		return dz_bad_field(r, &fe);
	if (!v[F_TEST].present) {
		dz_form_values_free(v, F__MAX);
		fe.field = "test";
		fe.why = DZ_FERR_MISSING;
		return dz_bad_field(r, &fe);
	}
	ch = v[F_TEST].i == 0 ? DZ_CHAN_WECOM : DZ_CHAN_MAIL;
	if (read_form(r, v, &c, &keep_url, &keep_pw, &rc) == -1) {
		dz_form_values_free(v, F__MAX);
		return rc;
	}
	/* a test goes out whether or not the channel is on */
	c.enabled[ch] = 1;
	localtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%d %H:%M", &tm);
	memset(&m, 0, sizeof(m));
	m.kind = DZ_NOTICE_AGREED;
	m.customer = LANG_notify_test_subject;
	m.from = m.to = "";
	m.at = at;
	m.link = "";
	m.company = r->sess.company;
	snprintf(idpart, sizeof(idpart), "test-%lld-%lld", r->sess.account_set_id,
	    (long long)now);
	if (!curl_ready && dz_notify_send_init() == DZ_OK)
		curl_ready = 1;
	rc = dz_notify_deliver(r->app->conf, &c, ch, &m, idpart, why, sizeof(why));
	sent = rc == DZ_OK;
	dz_store_notify_wipe(&c);
	actor(r, &who);
	snprintf(obj, sizeof(obj), "account_set:%lld", r->sess.account_set_id);
	dz_audit(r->app->db, who.user_id, who.username, "notify_test", obj,
	    sent ? (ch == DZ_CHAN_WECOM ? "wecom ok" : "mail ok") :
	    (ch == DZ_CHAN_WECOM ? "wecom failed" : "mail failed"), who.ip);
	if (sent)
		snprintf(msg, sizeof(msg), LANG_notify_test_ok, ch == DZ_CHAN_WECOM ?
		    LANG_notify_chan_wecom : LANG_notify_chan_mail);
	else
		snprintf(msg, sizeof(msg), LANG_notify_test_failed, why);
	if ((rc = dz_store_notify_get(r->app->db, NULL, r->sess.account_set_id,
	    &stored)) != DZ_OK) {
		dz_form_values_free(v, F__MAX);
		return rc;
	}
	dz_set(r->hdf, sent ? "Form.Test.Ok" : "Form.Test.Err", msg);
	rc = again(r, v, &stored, NULL, NULL, 200);
	dz_store_notify_wipe(&stored);
	dz_form_values_free(v, F__MAX);
	return rc;
}
