/*
 * dz-users: 用户管理 (admin only), the vendor's user screen.
 *
 *   GET  /admin/users          the list
 *   GET  /admin/users/new      an empty form
 *   POST /admin/users/new      create: username, erp_kind, role, dsn, password, status
 *   GET  /admin/users/%d       the form of one user
 *   POST /admin/users/%d       save it (version guards against a stale form)
 *   POST /admin/users/new/test 测试连接 from the new-user form: the address typed
 *   POST /admin/users/%d/test  测试连接 from a user's form: the address typed
 *   GET  /admin/audit, /admin/audit.csv  操作记录 (cgi-bin/audit.c)
 *   GET, POST /admin/notify, POST /admin/notify/test  通知设置 (cgi-bin/notify.c)
 *
 * 测试连接 is a second submit button of the same form (formaction), so it
 * works without JavaScript and the form comes back with what was typed
 * and the answer beside the address; it stores nothing of the form.
 *
 * A data address (数据地址) is parsed strictly and sealed (AES-256-GCM,
 * bound to its account_sets row); users whose addresses name the same
 * server + database share one account set. The stored password is never
 * shown again: an address typed without pwd keeps the stored one.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ClearSilver.h"

#include "dz.h"
#include "app.h"
#include "audit.h"
#include "auth.h"
#include "conf.h"
#include "crypt.h"
#include "erp.h"
#include "form.h"
#include "lang.h"
#include "log.h"
#include "store.h"
#include "view.h"

static enum dz_err	list(struct dz_req *);
static enum dz_err	new_form(struct dz_req *);
static enum dz_err	create(struct dz_req *);
static enum dz_err	edit_form(struct dz_req *);
static enum dz_err	save(struct dz_req *);
static enum dz_err	test_new(struct dz_req *);
static enum dz_err	test_saved(struct dz_req *);
/* 操作记录: cgi-bin/audit.c */
enum dz_err		dz_users_audit(struct dz_req *);
enum dz_err		dz_users_audit_csv(struct dz_req *);
/* 通知设置: cgi-bin/notify.c */
enum dz_err		dz_users_notify(struct dz_req *);
enum dz_err		dz_users_notify_save(struct dz_req *);
enum dz_err		dz_users_notify_test(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET,  "/admin/users",	list,		DZ_ROLE_ADMIN, 0 },
	{ DZ_GET,  "/admin/users/new",	new_form,	DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/admin/users/new",	create,		DZ_ROLE_ADMIN, 0 },
	{ DZ_GET,  "/admin/users/%d",	edit_form,	DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/admin/users/%d",	save,		DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/admin/users/new/test", test_new,	DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/admin/users/%d/test", test_saved,	DZ_ROLE_ADMIN, 0 },
	{ DZ_GET,  "/admin/audit",	dz_users_audit,	DZ_ROLE_ADMIN, 0 },
	{ DZ_GET,  "/admin/audit.csv",	dz_users_audit_csv, DZ_ROLE_ADMIN, 0 },
	{ DZ_GET,  "/admin/notify",	dz_users_notify, DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/admin/notify",	dz_users_notify_save, DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/admin/notify/test", dz_users_notify_test, DZ_ROLE_ADMIN, 0 },
};

static const char *const roles[] = { "admin", "clerk", "viewer", NULL };
static const char *const statuses[] = { "active", "disabled", NULL };

enum ukey { U_NAME, U_KIND, U_ROLE, U_DSN, U_PASS, U_STATUS, U_VERSION, U__MAX };
static const struct dz_field ufields[U__MAX] = {
	[U_NAME] = { "username", DZ_F_LINE, 1, 1, 32, NULL, 0 },
	[U_KIND] = { "erp_kind", DZ_F_LINE, 1, 1, 32, NULL, 0 },
	[U_ROLE] = { "role", DZ_F_ENUM, 1, 0, 0, roles, 0 },
	[U_DSN] = { "dsn", DZ_F_LINE, 0, 0, DZ_ERP_DSN_MAX, NULL, 0 },
	[U_PASS] = { "password", DZ_F_TEXT, 0, 0, DZ_PASSWORD_MAX, NULL, 0 },
	[U_STATUS] = { "status", DZ_F_ENUM, 1, 0, 0, statuses, 0 },
	[U_VERSION] = { "version", DZ_F_INT, 0, 1, 1000000000, NULL, 0 },
};

/* ---------------------------------------------------------------------
 * ERP versions (版本): one per conf/erp/<kind>.hdf profile, as the gateway
 * read and checked them at start (restart the programs after adding one).
 */

/* Fill ErpKinds.N.{Kind,Name}. */
static void
erp_kinds(struct dz_req *r)
{
	const char	*kind, *name;
	size_t		 i;

	for (i = 0; dz_erp_kind_at(r->app->erp, i, &kind, &name); i++) {
		struct _hdf *row = dz_row(r->hdf, "ErpKinds", i);

		dz_set(row, "Kind", kind);
		dz_set(row, "Name", name);
	}
	/* no ERP: the set's documents are imported (dz-import); the address
	 * field then names the set */
	dz_set(dz_row(r->hdf, "ErpKinds", i), "Kind", DZ_ERP_KIND_IMPORT);
	dz_set(dz_row(r->hdf, "ErpKinds", i), "Name", LANG_users_kind_import);
}

/* Is kind one of the profiles? */
static int
erp_kind_known(struct dz_req *r, const char *kind)
{
	const char	*k, *name;
	size_t		 i;

	if (dz_erp_kind_imported(kind))
		return 1;
	for (i = 0; dz_erp_kind_at(r->app->erp, i, &k, &name); i++)
		if (strcmp(k, kind) == 0)
			return 1;
	return 0;
}

/* ---------------------------------------------------------------------
 * Pages.
 */

static const struct dz_viewmap user_view[] = {
	DZ_VIEW("Id", struct dz_store_user_row, id, DZ_V_INT),
	DZ_VIEW("Username", struct dz_store_user_row, username, DZ_V_STR),
	DZ_VIEW("Role", struct dz_store_user_row, role, DZ_V_STR),
	DZ_VIEW("ErpKind", struct dz_store_user_row, erp_kind, DZ_V_STR),
	DZ_VIEW("Status", struct dz_store_user_row, status, DZ_V_STR),
	DZ_VIEW("Company", struct dz_store_user_row, company, DZ_V_STR),
	DZ_VIEW("Identity", struct dz_store_user_row, identity, DZ_V_STR),
	DZ_VIEW("LastLogin", struct dz_store_user_row, last_login, DZ_V_STR),
};

static enum dz_err
list(struct dz_req *r)
{
	struct dz_store_users	 users;
	size_t			 i;
	enum dz_err		 rc;

	if ((rc = dz_store_users(r->app->db, &users)) != DZ_OK)
		return rc;
	for (i = 0; i < users.n; i++)
		dz_set_struct(dz_row(r->hdf, "Users", i), &users.user[i], user_view,
		    DZ_NELEM(user_view));
	dz_store_users_free(&users);
	erp_kinds(r);	/* 版本 shown by name */
	if (strcmp(dz_form_get(&r->query, "saved") != NULL ?
	    dz_form_get(&r->query, "saved") : "", "1") == 0)
		dz_set_int(r->hdf, "Form.Saved", 1);
	dz_set(r->hdf, "Page.Title", LANG_users_title);
	dz_set(r->hdf, "Page.Tab", "users");
	return dz_render(r, 200, "users/list.cs");
}

static enum dz_err
new_form(struct dz_req *r)
{
	erp_kinds(r);
	dz_set(r->hdf, "Form.role", "clerk");
	dz_set(r->hdf, "Form.status", "active");
	dz_set(r->hdf, "Page.Title", LANG_users_add);
	dz_set(r->hdf, "Page.Tab", "users");
	return dz_render(r, 200, "users/form.cs");
}

/* A saved user's fields into the form, the address without its password. */
static void
draw_user(struct dz_req *r, const struct dz_store_user *u)
{
	char	text[DZ_ERP_DSN_TEXTSZ];

	dz_set_int(r->hdf, "Form.Id", u->id);
	dz_set(r->hdf, "Form.username", u->username);
	dz_set(r->hdf, "Form.role", u->role);
	dz_set(r->hdf, "Form.erp_kind", u->erp_kind);
	dz_set(r->hdf, "Form.status", u->status);
	dz_set_int(r->hdf, "Form.version", u->version);
	dz_set(r->hdf, "Form.Company", u->company);
	if (dz_erp_kind_imported(u->erp_kind) && u->account_set_id != 0)
		dz_set(r->hdf, "Form.dsn", u->company);	/* the set's name */
	else if (u->target_rc == DZ_OK && dz_erp_dsn_format(&u->target.dsn, text,
	    sizeof(text)) == DZ_OK) {
		dz_set(r->hdf, "Form.dsn", text);
		dz_set_int(r->hdf, "Form.HasDsn", 1);
	} else if (u->target_rc != DZ_OK && u->target_rc != DZ_ERR_NOTFOUND)
		dz_set(r->hdf, "Form.Err.dsn", dz_strerror(u->target_rc));
	dz_set(r->hdf, "Page.Title", LANG_users_edit);
	dz_set(r->hdf, "Page.Tab", "users");
}

static enum dz_err
edit_form(struct dz_req *r)
{
	struct dz_store_user	u;
	enum dz_err		rc;

	if ((rc = dz_store_user_get(r->app->db, r->app->keys, r->id[0], &u)) != DZ_OK)
		return rc;
	draw_user(r, &u);
	dz_store_user_wipe(&u);
	erp_kinds(r);
	return dz_render(r, 200, "users/form.cs");
}

/* Does the typed address carry a pwd= item? */
static int
has_pwd(const char *s)
{
	const char	*p;

	for (p = s; (p = strcasestr(p, "pwd")) != NULL; p += 3) {
		const char *q = p + 3;

		if (p != s && !(p[-1] == ';' || isspace((unsigned char)p[-1])))
			continue;
		while (isspace((unsigned char)*q))
			q++;
		if (*q == '=')
			return 1;
	}
	return strcasestr(s, "password") != NULL;
}

/*
 * The form as typed, each field checked alone (none required): what a
 * form drawn again keeps. A field that is empty, bad or dropped by the
 * decoder (a NUL byte in it) is left out; nothing else is lost.
 */
static void
form_each(struct dz_req *r, struct dz_value *v)
{
	struct dz_field		f;
	struct dz_form_error	fe;
	size_t			i;

	for (i = 0; i < U__MAX; i++) {
		f = ufields[i];
		f.required = 0;
		if (dz_form_field(r->method == DZ_POST ? &r->body : &r->query,
		    &f, &v[i], &fe) != DZ_OK)
			memset(&v[i], 0, sizeof(v[i]));
	}
}

/* Put what was typed back into the form (never the password). */
static void
refill(struct dz_req *r, const struct dz_value *v)
{
	static const char *const names[] = { "Form.username", "Form.erp_kind",
	    NULL, "Form.dsn" };
	size_t	i;

	for (i = 0; i < DZ_NELEM(names); i++)
		if (names[i] != NULL && v[i].present)
			dz_set(r->hdf, names[i], v[i].s);
	if (v[U_ROLE].present)
		dz_set(r->hdf, "Form.role", roles[v[U_ROLE].i]);
	if (v[U_STATUS].present)
		dz_set(r->hdf, "Form.status", statuses[v[U_STATUS].i]);
	if (v[U_VERSION].present)
		dz_set_int(r->hdf, "Form.version", v[U_VERSION].i);
}

/*
 * Form.dsn as typed but without its password (dz_erp_dsn_redact): what a
 * refused form shows. Form.PwdDropped says the pwd must be typed again.
 */
static void
draw_dsn_redacted(struct dz_req *r, const char *typed)
{
	char	buf[DZ_ERP_DSN_TEXTSZ];

	if (dz_erp_dsn_redact(typed, buf, sizeof(buf)))
		dz_set_int(r->hdf, "Form.PwdDropped", 1);
	dz_set(r->hdf, "Form.dsn", buf);
	dz_wipe(buf, sizeof(buf));
}

/*
 * The form again with why the save was refused. A field with a place on
 * the form (its Form.Err.<name>) gets it there; any other (the hidden
 * version, or "" when no field can be named: a field name that did not
 * decode) on top of the form, named in words. The HDF name is built only
 * from this table's names, never from what the request sent.
 */
static enum dz_err
field_error(struct dz_req *r, const char *field, const char *why)
{
	static const struct {
		const char	*name, *label;
	} shown[] = {
		{ "username", "Form.Err.username" },
		{ "erp_kind", "Form.Err.erp_kind" },
		{ "role", "Form.Err.role" },
		{ "dsn", "Form.Err.dsn" },
		{ "password", "Form.Err.password" },
		{ "status", "Form.Err.status" },
	};
	char	msg[512];
	size_t	i;

	dz_set(r->hdf, "Page.Tab", "users");
	for (i = 0; i < DZ_NELEM(shown); i++)
		if (field != NULL && strcmp(field, shown[i].name) == 0) {
			dz_set(r->hdf, shown[i].label, why);
			return dz_render(r, 400, "users/form.cs");
		}
	if (field != NULL && strcmp(field, "version") == 0)
		snprintf(msg, sizeof(msg), LANG_users_field_named,
		    LANG_users_version_field, why);
	else
		dz_copy(msg, sizeof(msg), why);
	dz_set(r->hdf, "Form.Error", msg);
	return dz_render(r, 400, "users/form.cs");
}

/*
 * An address typed without pwd= keeps the stored password (*text grows
 * it), but only for the same server, port, instance and database, and not
 * when encryption is turned off: the stored login is never sent to another
 * host, nor in clear text where it went encrypted (TDS only obfuscates it).
 * Returns 0, or -1 when the target changed and the password must be typed
 * again (the page says so; *text is left as typed).
 */
static int
keep_password(char **text, const struct dz_store_user *old)
{
	struct dz_erp_dsn	 d;
	const struct dz_erp_dsn	*o = &old->target.dsn;
	char			*t2;
	size_t			 n;
	int			 same;

	if (has_pwd(*text) || old->target_rc != DZ_OK)
		return 0;
	n = strlen(*text) + strlen(o->pwd) + 8;
	if ((t2 = malloc(n)) == NULL)
		return 0;
	snprintf(t2, n, "%s; pwd=%s", *text, o->pwd);
	if (dz_erp_dsn_parse(t2, &d, NULL, 0) == DZ_OK) {
		/* (and not one that would now send it unencrypted) */
		same = strcmp(d.host, o->host) == 0 && d.port == o->port &&
		    strcasecmp(d.instance, o->instance) == 0 &&
		    strcasecmp(d.database, o->database) == 0 &&
		    (d.encrypt != DZ_ERP_ENC_OFF || o->encrypt == DZ_ERP_ENC_OFF);
		dz_erp_dsn_wipe(&d);
		if (!same) {
			dz_wipe(t2, n);
			free(t2);
			return -1;
		}
	}
	dz_wipe(*text, strlen(*text));
	free(*text);
	*text = t2;
	return 0;
}

/* Shared by create (id == 0) and save. */
static enum dz_err
store(struct dz_req *r, long long id)
{
	struct dz_value		 v[U__MAX];
	struct dz_form_error	 fe;
	struct dz_erp_dsn	 dsn;
	struct dz_store_user	 old;
	struct dz_store_user_save in;
	struct dz_actor		 who;
	char			 why[160], detail[160], hash[128], *text = NULL;
	const char		*pw, *pwhy, *p, *import_set = NULL;
	long long		 saved;
	int			 have_dsn = 0, taken;
	enum dz_err		 rc;

	memset(&dsn, 0, sizeof(dsn));
	memset(&old, 0, sizeof(old));
	memset(v, 0, sizeof(v));
	hash[0] = '\0';
	dz_set(r->hdf, "Page.Title", id == 0 ? LANG_users_add : LANG_users_edit);
	if (id != 0)
		dz_set_int(r->hdf, "Form.Id", id);
	rc = dz_req_form(r, ufields, U__MAX, v, &fe);
	if (rc == DZ_ERR_INVAL)
		form_each(r, v);	/* keep what can be kept */
	erp_kinds(r);
	refill(r, v);
	/* A refused save never shows a password, the address's neither. */
	if (v[U_DSN].present)
		draw_dsn_redacted(r, v[U_DSN].s);
	if (rc != DZ_OK) {
		rc = rc == DZ_ERR_INVAL ?
		    field_error(r, fe.field, dz_form_strerror(fe.why)) : rc;
		goto out;
	}
	for (p = v[U_NAME].s; *p != '\0'; p++)
		if (isspace((unsigned char)*p) || *p == '/' || *p == '\\') {
			rc = field_error(r, "username", LANG_users_bad_username);
			goto out;
		}
	if (!erp_kind_known(r, v[U_KIND].s)) {
		rc = field_error(r, "erp_kind", LANG_users_need_kind);
		goto out;
	}
	if (id != 0) {
		if ((rc = dz_store_user_get(r->app->db, r->app->keys, id, &old)) != DZ_OK)
			goto out;
		if (id == r->sess.user_id && (v[U_STATUS].i != 0 || v[U_ROLE].i != 0)) {
			rc = field_error(r, "status", LANG_users_not_self);
			goto out;
		}
	}

	/* The data address: required for everybody but admins; of a set of
	 * the kind import, the field names the set (made if new). */
	if (dz_erp_kind_imported(v[U_KIND].s)) {
		if (v[U_DSN].present && strlen(v[U_DSN].s) > 200) {
			rc = field_error(r, "dsn", LANG_users_set_name_long);
			goto out;
		}
		if (v[U_DSN].present)
			import_set = v[U_DSN].s;
		else if (v[U_ROLE].i != 0) {
			rc = field_error(r, "dsn", LANG_users_need_set_name);
			goto out;
		}
	} else if (v[U_DSN].present) {
		if ((text = strdup(v[U_DSN].s)) == NULL) {
			rc = DZ_ERR_NOMEM;
			goto out;
		}
		if (id != 0 && old.account_set_id != 0 && keep_password(&text, &old) != 0) {
			rc = field_error(r, "dsn", LANG_users_pwd_again);
			goto out;
		}
		if (dz_erp_dsn_parse(text, &dsn, why, sizeof(why)) != DZ_OK) {
			rc = field_error(r, "dsn", why);
			goto out;
		}
		have_dsn = 1;
	} else if (v[U_ROLE].i != 0) {
		rc = field_error(r, "dsn", LANG_users_need_dsn);
		goto out;
	}

	pw = v[U_PASS].present ? v[U_PASS].s : NULL;
	if (pw != NULL && strcmp(pw, DZ_DEFAULT_PASSWORD) != 0 &&
	    dz_auth_check_new(pw, &pwhy) != DZ_OK) {
		rc = field_error(r, "password", pwhy);
		goto out;
	}
	if (pw == NULL && id == 0)
		pw = DZ_DEFAULT_PASSWORD;
	if (pw != NULL && (rc = dz_auth_hash(pw, hash, sizeof(hash))) != DZ_OK)
		goto out;

	snprintf(detail, sizeof(detail), "role=%s status=%s kind=%s%s%s",
	    roles[v[U_ROLE].i], statuses[v[U_STATUS].i], v[U_KIND].s,
	    have_dsn ? " dsn" : import_set != NULL ? " import_set" : "",
	    pw != NULL ? " password" : "");
	memset(&in, 0, sizeof(in));
	in.id = id;
	in.version = v[U_VERSION].present ? v[U_VERSION].i : 0;
	in.username = v[U_NAME].s;
	in.role = roles[v[U_ROLE].i];
	in.erp_kind = v[U_KIND].s;
	in.status = statuses[v[U_STATUS].i];
	in.hash = pw != NULL ? hash : NULL;
	in.dsn = have_dsn ? &dsn : NULL;
	in.import_set = import_set;
	in.keep_set = old.account_set_id;
	/* Disabled, or a new password: their sessions end now. */
	in.end_sessions = v[U_STATUS].i != 0 || pw != NULL;
	in.detail = detail;
	memset(&who, 0, sizeof(who));
	who.user_id = r->sess.user_id;
	who.username = r->sess.username;
	who.ip = r->remote_addr;
	rc = dz_store_user_save(r->app->db, r->app->keys, &in, &who, &saved, &taken);
	if (taken)
		rc = field_error(r, "username", LANG_users_exists);
	else if (rc == DZ_OK)
		rc = dz_redirect(r, "/admin/users?saved=1");
out:
	if (text != NULL) {
		dz_wipe(text, strlen(text));
		free(text);
	}
	dz_wipe(hash, sizeof(hash));
	dz_erp_dsn_wipe(&dsn);
	dz_store_user_wipe(&old);
	dz_form_values_free(v, U__MAX);
	return rc;
}

static enum dz_err
create(struct dz_req *r)
{
	return store(r, 0);
}

static enum dz_err
save(struct dz_req *r)
{
	return store(r, r->id[0]);
}

/* ---------------------------------------------------------------------
 * 测试连接.
 */

/*
 * Reach the ERP at t on a fresh connection (never a cached one) and put
 * the answer into Form.Test: the account set's name and the ERP version,
 * or the exact reason it failed. company gets the name on success.
 */
static enum dz_err
erp_try(struct dz_req *r, const struct dz_erp_target *t, char *company, size_t compsz)
{
	char		version[128], msg[512];
	const char	*why;
	enum dz_err	rc = DZ_ERR_ERP;

	*company = '\0';
	version[0] = '\0';
	if (r->app->erp != NULL)
		rc = dz_erp_info(r->app->erp, t, company, compsz, version,
		    sizeof(version));
	if (rc != DZ_OK) {
		why = r->app->erp != NULL ? dz_erp_why(r->app->erp) : "";
		/* The reason often starts with the kind of failure: say it once. */
		if (*why == '\0' || strncmp(why, dz_strerror(rc), strlen(dz_strerror(rc))) == 0)
			dz_copy(msg, sizeof(msg), *why != '\0' ? why : dz_strerror(rc));
		else
			snprintf(msg, sizeof(msg), LANG_users_test_failed, dz_strerror(rc), why);
		dz_set(r->hdf, "Form.Test.Err", msg);
	} else {
		snprintf(msg, sizeof(msg), LANG_users_test_ok, company,
		    *version != '\0' ? version : LANG_users_version_unknown);
		dz_set(r->hdf, "Form.Test.Ok", msg);
	}
	return rc;
}

/*
 * After a saved user's test: the audit row (erp_test), and when the test
 * reached the stored address (same server and database), the account set
 * takes the ERP's company name.
 */
static void
tested_saved(struct dz_req *r, const struct dz_store_user *old,
    const struct dz_erp_dsn *dsn, enum dz_err trc, const char *company)
{
	char	a[DZ_ERP_DSN_TEXTSZ], b[DZ_ERP_DSN_TEXTSZ];

	if (trc == DZ_OK && *company != '\0' && old->target_rc == DZ_OK &&
	    dz_erp_dsn_identity(dsn, a, sizeof(a)) == DZ_OK &&
	    dz_erp_dsn_identity(&old->target.dsn, b, sizeof(b)) == DZ_OK &&
	    strcmp(a, b) == 0 &&
	    dz_store_account_named(r->app->db, old->account_set_id, company) != DZ_OK)
		dz_log_warn("users: could not store the company name");
	if (dz_audit(r->app->db, r->sess.user_id, r->sess.username, "erp_test",
	    old->username, trc == DZ_OK ? "ok" : dz_strerror(trc),
	    r->remote_addr) != DZ_OK)
		dz_log_warn("users: audit row for erp_test not written");
}

/*
 * 测试连接 from either form (id 0: 新增用户): the address in the form's
 * field, with the version chosen, on a fresh connection; then the same
 * form again, everything typed kept (the password too: the admin goes on
 * to save) and the answer beside the address. Nothing of the form is
 * stored; a new user's test is a log line, a saved user's is audited
 * (tested_saved). On a saved user's form an address typed without pwd=
 * takes the stored password, as saving it would, and a POST without the
 * field (the form before the button moved into it: csrf alone) tests the
 * stored address.
 */
static enum dz_err
test_form(struct dz_req *r, long long id)
{
	struct dz_value		 v[U__MAX];
	struct dz_store_user	 old;
	struct dz_erp_target	 t;
	char			 why[160], company[201], *text = NULL;
	const char		*kind, *typed;
	enum dz_err		 rc, trc = DZ_ERR_INVAL;

	memset(&old, 0, sizeof(old));
	memset(&t, 0, sizeof(t));
	company[0] = '\0';
	if (id != 0) {
		if ((rc = dz_store_user_get(r->app->db, r->app->keys, id, &old)) != DZ_OK)
			return rc;
		draw_user(r, &old);
	} else {
		dz_set(r->hdf, "Form.role", "clerk");
		dz_set(r->hdf, "Form.status", "active");
		dz_set(r->hdf, "Page.Title", LANG_users_add);
		dz_set(r->hdf, "Page.Tab", "users");
	}
	form_each(r, v);
	erp_kinds(r);
	refill(r, v);
	if (v[U_PASS].present)
		dz_set(r->hdf, "Form.password", v[U_PASS].s);

	kind = v[U_KIND].present ? v[U_KIND].s : id != 0 ? old.erp_kind : "";
	typed = v[U_DSN].present ? v[U_DSN].s : "";
	if (id != 0 && dz_form_count(&r->body, "dsn") == 0)
		typed = old.target_rc == DZ_OK ? dz_get(r->hdf, "Form.dsn") : "";
	if (!erp_kind_known(r, kind))
		dz_set(r->hdf, "Form.Test.Err", LANG_users_need_kind);
	else if (typed == NULL || *typed == '\0')
		dz_set(r->hdf, "Form.Test.Err", id != 0 && old.account_set_id == 0 ?
		    LANG_users_no_dsn : LANG_users_need_dsn);
	else if ((text = strdup(typed)) == NULL) {
		rc = DZ_ERR_NOMEM;
		goto out;
	} else {
		if (id != 0 && old.account_set_id != 0 && keep_password(&text, &old) != 0)
			dz_set(r->hdf, "Form.Test.Err", LANG_users_pwd_again);
		else if (dz_erp_dsn_parse(text, &t.dsn, why, sizeof(why)) != DZ_OK) {
			dz_set(r->hdf, "Form.Test.Err", why);
			/* not an address: drawn again without its pwd */
			draw_dsn_redacted(r, typed);
		}
		else {
			dz_copy(t.kind, sizeof(t.kind), kind);
			trc = erp_try(r, &t, company, sizeof(company));
		}
	}
	if (id != 0)
		tested_saved(r, &old, &t.dsn, trc, company);
	else
		dz_log_info("users: %s tested an address not saved: %s",
		    r->sess.username, trc == DZ_OK ? "ok" : dz_strerror(trc));
	rc = dz_render(r, 200, "users/form.cs");
out:
	if (text != NULL) {
		dz_wipe(text, strlen(text));
		free(text);
	}
	dz_erp_dsn_wipe(&t.dsn);
	dz_store_user_wipe(&old);
	dz_form_values_free(v, U__MAX);
	return rc;
}

static enum dz_err
test_new(struct dz_req *r)
{
	return test_form(r, 0);
}

static enum dz_err
test_saved(struct dz_req *r)
{
	return test_form(r, r->id[0]);
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-users", routes, DZ_NELEM(routes),
	    DZ_APP_KEYS, &dz_erp_hooks);
}
