/*
 * dz-login: sign in, sign out, change password, and the home page.
 *
 *   GET  /          home: the screens this role may use
 *   GET  /login     the sign-in form
 *   POST /login     sign in: username, password
 *   POST /logout    sign out
 *   GET  /password  the change-password form (forced at first sign-in)
 *   POST /password  change it: old, new, new2
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "app.h"
#include "auth.h"
#include "audit.h"
#include "form.h"
#include "lang.h"
#include "view.h"

static enum dz_err	home(struct dz_req *);
static enum dz_err	login_form(struct dz_req *);
static enum dz_err	login(struct dz_req *);
static enum dz_err	logout(struct dz_req *);
static enum dz_err	password_form(struct dz_req *);
static enum dz_err	password(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET,  "/",		home,		DZ_ROLE_USER,	0 },
	{ DZ_GET,  "/login",	login_form,	DZ_ROLE_PUBLIC,	0 },
	{ DZ_POST, "/login",	login,		DZ_ROLE_PUBLIC,	0 },
	{ DZ_POST, "/logout",	logout,		DZ_ROLE_USER,	DZ_RF_PWCHANGE },
	{ DZ_GET,  "/password",	password_form,	DZ_ROLE_USER,	DZ_RF_PWCHANGE },
	{ DZ_POST, "/password",	password,	DZ_ROLE_USER,	DZ_RF_PWCHANGE },
};

enum login_key { LOGIN_USER, LOGIN_PASS, LOGIN__MAX };
static const struct dz_field login_fields[LOGIN__MAX] = {
	[LOGIN_USER] = { "username", DZ_F_LINE, 1, 1, 32, NULL, 0 },
	[LOGIN_PASS] = { "password", DZ_F_TEXT, 1, 1, DZ_PASSWORD_MAX, NULL, 0 },
};

enum pw_key { PW_OLD, PW_NEW, PW_NEW2, PW__MAX };
static const struct dz_field pw_fields[PW__MAX] = {
	[PW_OLD] = { "old", DZ_F_TEXT, 1, 1, DZ_PASSWORD_MAX, NULL, 0 },
	[PW_NEW] = { "new", DZ_F_TEXT, 1, 1, DZ_PASSWORD_MAX, NULL, 0 },
	[PW_NEW2] = { "new2", DZ_F_TEXT, 1, 1, DZ_PASSWORD_MAX, NULL, 0 },
};

static enum dz_err
home(struct dz_req *r)
{
	dz_set(r->hdf, "Page.Title", LANG_home_title);
	if (r->sess.role != DZ_ROLE_ADMIN && r->sess.account_set_id == 0)
		dz_set_int(r->hdf, "Home.NoAccount", 1);
	/* Back from changing the password: say so (only our own flag). */
	if (dz_form_get(&r->query, "pw") != NULL)
		dz_set_int(r->hdf, "Home.PasswordChanged", 1);
	return dz_render(r, 200, "login/home.cs");
}

static enum dz_err
login_form(struct dz_req *r)
{
	if (r->sess.user_id != 0)
		return dz_redirect(r, "/");
	dz_set(r->hdf, "Page.Title", LANG_login_title);
	return dz_render(r, 200, "login/form.cs");
}

static enum dz_err
password_form(struct dz_req *r)
{
	dz_set(r->hdf, "Page.Title", LANG_password_title);
	return dz_render(r, 200, "login/password.cs");
}

static enum dz_err
login(struct dz_req *r)
{
	struct dz_value		v[LOGIN__MAX];
	struct dz_form_error	fe;
	char			cookie[DZ_TOKEN_LEN + 1], msg[256];
	enum dz_err		rc;
	int			status, must = 0, wait = 0;

	dz_set(r->hdf, "Page.Title", LANG_login_title);
	if (dz_req_form(r, login_fields, LOGIN__MAX, v, &fe) != DZ_OK) {
		/* Missing is the common case; anything else names the field. */
		if (fe.why == DZ_FERR_MISSING || fe.field == NULL)
			dz_copy(msg, sizeof(msg), LANG_login_missing);
		else if (fe.why == DZ_FERR_TOOLONG && strcmp(fe.field, "password") == 0)
			/* refused before any hashing: it says so */
			dz_copy(msg, sizeof(msg), LANG_login_too_long);
		else if (fe.field[0] == '\0')
			dz_copy(msg, sizeof(msg), dz_form_strerror(fe.why));
		else
			snprintf(msg, sizeof(msg), LANG_login_bad_field,
			    strcmp(fe.field, "username") == 0 ? LANG_login_username :
			    LANG_login_password, dz_form_strerror(fe.why));
		dz_set(r->hdf, "Form.Error", msg);
		dz_form_values_free(v, LOGIN__MAX);
		return dz_render(r, 400, "login/form.cs");
	}
	dz_set(r->hdf, "Form.username", v[LOGIN_USER].s);
	rc = dz_auth_login(r->app->db, v[LOGIN_USER].s, v[LOGIN_PASS].s,
	    r->remote_addr, r->user_agent, cookie, &must, &wait);
	dz_form_values_free(v, LOGIN__MAX);
	if (rc == DZ_ERR_THROTTLED) {
		/* 429 with how long to wait, in the header and in words. */
		if (wait < 1)
			wait = 1;
		dz_add_header(r, "Retry-After: %d", wait);
		if (wait < 120)
			snprintf(msg, sizeof(msg), LANG_login_throttled_s, wait);
		else
			snprintf(msg, sizeof(msg), LANG_login_throttled_min,
			    (wait + 59) / 60);
		dz_set(r->hdf, "Form.Error", msg);
		return dz_render(r, dz_err_status(rc), "login/form.cs");
	}
	if (rc == DZ_ERR_AUTH) {
		status = dz_err_status(rc);
		dz_set(r->hdf, "Form.Error", dz_strerror(rc));
		return dz_render(r, status, "login/form.cs");
	}
	if (rc != DZ_OK)
		return rc;
	/* The session this browser presented, if any, ends here (issue 12,
	 * hole 6): signing in again, or as someone else, leaves no old id. */
	if ((rc = dz_auth_end_presented(r->app->db,
	    dz_form_get(&r->cookies, DZ_SESSION_COOKIE))) != DZ_OK) {
		dz_wipe(cookie, sizeof(cookie));
		return rc;
	}
	/* A fresh id at every sign-in; the server enforces both expiries. */
	dz_add_header(r, "Set-Cookie: " DZ_SESSION_COOKIE "=%s; Path=/; Secure; "
	    "HttpOnly; SameSite=Lax", cookie);
	dz_wipe(cookie, sizeof(cookie));
	return dz_redirect(r, must ? "/password" : "/");
}

static enum dz_err
logout(struct dz_req *r)
{
	enum dz_err	rc;

	if ((rc = dz_auth_logout(r->app->db, &r->sess, r->remote_addr)) != DZ_OK)
		return rc;
	dz_add_header(r, "Set-Cookie: " DZ_SESSION_COOKIE "=; Path=/; Secure; "
	    "HttpOnly; SameSite=Lax; Max-Age=0");
	return dz_redirect(r, "/login");
}

static enum dz_err
password(struct dz_req *r)
{
	struct dz_value		v[PW__MAX];
	struct dz_form_error	fe;
	const char		*why = NULL, *field = NULL;
	enum dz_err		 rc;
	int			 ok;

	dz_set(r->hdf, "Page.Title", LANG_password_title);
	if ((rc = dz_req_form(r, pw_fields, PW__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, PW__MAX);
		return dz_bad_field(r, &fe);
	}
	if ((rc = dz_auth_password_ok(r->app->db, r->sess.username, v[PW_OLD].s,
	    &ok)) != DZ_OK)
		goto out;
	if (!ok) {
		field = "Form.Err.old";
		why = LANG_password_wrong_old;
	} else if (strcmp(v[PW_NEW].s, v[PW_NEW2].s) != 0) {
		field = "Form.Err.new2";
		why = LANG_password_mismatch;
	} else if (strcmp(v[PW_NEW].s, v[PW_OLD].s) == 0) {
		field = "Form.Err.new";
		why = LANG_password_same;
	} else if (dz_auth_check_new(v[PW_NEW].s, &why) != DZ_OK)
		field = "Form.Err.new";
	if (field != NULL) {
		dz_set(r->hdf, field, why);
		rc = dz_render(r, 400, "login/password.cs");
		goto out;
	}
	if ((rc = dz_auth_set_password(r->app->db, r->sess.user_id, v[PW_NEW].s, 0)) != DZ_OK)
		goto out;
	/* Other sessions of this user end; this one goes on. */
	dz_auth_end_others(r->app->db, &r->sess);
	dz_audit(r->app->db, r->sess.user_id, r->sess.username, "password_change",
	    r->sess.username, NULL, r->remote_addr);
	rc = dz_redirect(r, "/?pw=1");
out:
	dz_form_values_free(v, PW__MAX);
	return rc;
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-login", routes, DZ_NELEM(routes),
	    0, NULL);
}
