/*
 * dz-users: 用户管理 (admin only), the vendor's user screen.
 *
 *   GET  /admin/users          the list
 *   GET  /admin/users/new      an empty form
 *   POST /admin/users/new      create: username, erp_kind, role, dsn, password, status
 *   GET  /admin/users/%d       the form of one user
 *   POST /admin/users/%d       save it (version guards against a stale form)
 *   POST /admin/users/%d/test  测试连接: reach the ERP with the stored address
 *
 * A data address (数据地址) is parsed strictly and sealed (AES-256-GCM,
 * bound to its account_sets row); users whose addresses name the same
 * server + database share one account set. The stored password is never
 * shown again: an address typed without pwd keeps the stored one.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
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
#include "db.h"
#include "erp.h"
#include "form.h"
#include "lang.h"
#include "log.h"
#include "view.h"

static enum dz_err	list(struct dz_req *);
static enum dz_err	new_form(struct dz_req *);
static enum dz_err	create(struct dz_req *);
static enum dz_err	edit_form(struct dz_req *);
static enum dz_err	save(struct dz_req *);
static enum dz_err	test(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET,  "/admin/users",	list,		DZ_ROLE_ADMIN, 0 },
	{ DZ_GET,  "/admin/users/new",	new_form,	DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/admin/users/new",	create,		DZ_ROLE_ADMIN, 0 },
	{ DZ_GET,  "/admin/users/%d",	edit_form,	DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/admin/users/%d",	save,		DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/admin/users/%d/test", test,	DZ_ROLE_ADMIN, 0 },
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
 * ERP versions (版本): one per conf/erp/<kind>.hdf profile, read once per
 * worker (like the templates: restart the programs after adding one).
 */

#define KINDS_MAX	32

static struct erp_kind {
	char	kind[40];
	char	name[128];
} kinds[KINDS_MAX];
static size_t	nkinds;
static int	kinds_read;

static int
is_profile(const struct dirent *d)
{
	size_t	n = strlen(d->d_name);

	return n > 4 && n < 36 && d->d_name[0] != '.' &&
	    strcmp(d->d_name + n - 4, ".hdf") == 0;
}

static int
cmpname(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void
read_kinds(const char *data_dir)
{
	struct dirent	**ents = NULL;
	char		  dir[512], path[800];
	HDF		 *h;
	NEOERR		 *err;
	int		  n, i;

	kinds_read = 1;
	snprintf(dir, sizeof(dir), "%s/erp", data_dir);
	if ((n = scandir(dir, &ents, is_profile, cmpname)) < 0)
		return;
	for (i = 0; i < n; i++) {
		struct erp_kind *k = &kinds[nkinds];

		if (nkinds < KINDS_MAX) {
			snprintf(k->kind, sizeof(k->kind), "%.*s",
			    (int)(strlen(ents[i]->d_name) - 4), ents[i]->d_name);
			memcpy(k->name, k->kind, sizeof(k->kind));	/* name fallback */
			snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
			if (hdf_init(&h) == STATUS_OK) {
				if ((err = hdf_read_file(h, path)) != STATUS_OK)
					nerr_ignore(&err);
				const char *name = hdf_get_value(h, "Name", NULL);

				if (name != NULL)
					snprintf(k->name, sizeof(k->name), "%s", name);
				hdf_destroy(&h);
			}
			nkinds++;
		}
		free(ents[i]);
	}
	free(ents);
}

/* Fill ErpKinds.N.{Kind,Name}. */
static void
erp_kinds(struct dz_req *r)
{
	size_t	i;

	if (!kinds_read)
		read_kinds(r->app->conf->data_dir);
	for (i = 0; i < nkinds; i++) {
		struct _hdf *row = dz_row(r->hdf, "ErpKinds", i);

		dz_set(row, "Kind", kinds[i].kind);
		dz_set(row, "Name", kinds[i].name);
	}
}

/* Is kind one of the profiles? */
static int
erp_kind_known(struct dz_req *r, const char *kind)
{
	size_t	i;

	if (!kinds_read)
		read_kinds(r->app->conf->data_dir);
	for (i = 0; i < nkinds; i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return 1;
	return 0;
}

/* ---------------------------------------------------------------------
 * Pages.
 */

static enum dz_err
list(struct dz_req *r)
{
	struct dz_rows	 rows;
	enum dz_err	 rc;
	static const char *const cols[] = { "Id", "Username", "Role", "ErpKind",
	    "Status", "Company", "Identity", "LastLogin" };

	if ((rc = dz_db_query(r->app->db, DZ_SQL_USER_LIST, NULL, 0, &rows)) != DZ_OK)
		return rc;
	dz_set_rows(r->hdf, "Users", &rows, cols, DZ_NELEM(cols));
	dz_db_rows_free(&rows);
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

/* The stored user: fills Form.* and returns its version and account set. */
static enum dz_err
load_user(struct dz_req *r, long long id, struct dz_rows *rows)
{
	enum dz_err	rc;

	if ((rc = dz_db_q(r->app->db, DZ_SQL_USER_GET, rows, DZ_A_INT(id))) != DZ_OK)
		return rc;
	if (rows->nrows != 1) {
		dz_db_rows_free(rows);
		return DZ_ERR_NOTFOUND;
	}
	return DZ_OK;
}

static enum dz_err
edit_form(struct dz_req *r)
{
	struct dz_rows		rows;
	struct dz_erp_dsn	dsn;
	char			text[DZ_ERP_DSN_TEXTSZ];
	enum dz_err		rc;

	if ((rc = load_user(r, r->id[0], &rows)) != DZ_OK)
		return rc;
	dz_set_int(r->hdf, "Form.Id", r->id[0]);
	dz_set(r->hdf, "Form.username", dz_db_cell(&rows, 0, 1));
	dz_set(r->hdf, "Form.role", dz_db_cell(&rows, 0, 2));
	dz_set(r->hdf, "Form.erp_kind", dz_db_cell(&rows, 0, 3));
	dz_set(r->hdf, "Form.status", dz_db_cell(&rows, 0, 5));
	dz_set(r->hdf, "Form.version", dz_db_cell(&rows, 0, 7));
	dz_set(r->hdf, "Form.Company", dz_db_cell(&rows, 0, 10));
	/* The address is shown without its password. */
	rc = dz_erp_dsn_unseal(r->app->keys, dz_db_cell_int(&rows, 0, 4),
	    dz_db_cell(&rows, 0, 9), dz_db_cell_len(&rows, 0, 9), &dsn);
	if (rc == DZ_OK && dz_erp_dsn_format(&dsn, text, sizeof(text)) == DZ_OK) {
		dz_set(r->hdf, "Form.dsn", text);
		dz_set_int(r->hdf, "Form.HasDsn", 1);
	} else if (rc != DZ_OK && rc != DZ_ERR_NOTFOUND)
		dz_set(r->hdf, "Form.Err.dsn", dz_strerror(rc));
	dz_erp_dsn_wipe(&dsn);
	dz_db_rows_free(&rows);
	erp_kinds(r);
	dz_set(r->hdf, "Page.Title", LANG_users_edit);
	dz_set(r->hdf, "Page.Tab", "users");
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
 * Find or create the account set the address reaches, and seal the
 * address into it. *set_id is the row's id.
 */
static enum dz_err
bind_account_set(struct dz_req *r, const struct dz_erp_dsn *dsn, const char *kind,
    long long *set_id)
{
	struct dz_rows		 rows;
	char			 ident[DZ_ERP_DSN_TEXTSZ], full[DZ_ERP_DSN_TEXTSZ], ad[64];
	unsigned char		*blob = NULL;
	size_t			 bloblen;
	unsigned long long	 id = 0;
	enum dz_err		 rc;

	if (r->app->keys == NULL)
		return DZ_ERR_CRYPT;
	if ((rc = dz_erp_dsn_identity(dsn, ident, sizeof(ident))) != DZ_OK)
		return rc;
	if ((rc = dz_db_q(r->app->db, DZ_SQL_ACCTSET_BY_IDENTITY, &rows,
	    DZ_A_STR(ident))) != DZ_OK)
		return rc;
	if (rows.nrows == 1)
		id = (unsigned long long)dz_db_cell_int(&rows, 0, 0);
	dz_db_rows_free(&rows);
	/* Until the ERP names the company (测试连接), the database stands in. */
	if (id == 0 && (rc = dz_db_x(r->app->db, DZ_SQL_ACCTSET_INSERT, NULL, &id,
	    DZ_A_STR(ident), DZ_A_STR(dsn->database), DZ_A_STR(kind))) != DZ_OK)
		return rc;
	if ((rc = dz_erp_dsn_format_full(dsn, full, sizeof(full))) != DZ_OK)
		return rc;
	snprintf(ad, sizeof(ad), "account_sets.erp_dsn:%llu", id);
	rc = dz_crypt_box_seal(r->app->keys, full, strlen(full), ad, strlen(ad),
	    &blob, &bloblen);
	dz_wipe(full, sizeof(full));
	if (rc != DZ_OK)
		return rc;
	rc = dz_db_x(r->app->db, DZ_SQL_ACCTSET_SET_DSN, NULL, NULL,
	    DZ_A_BLOB(blob, bloblen), DZ_A_STR(kind), DZ_A_INT(id));
	free(blob);
	*set_id = (long long)id;
	return rc;
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
}

static enum dz_err
field_error(struct dz_req *r, const char *field, const char *why)
{
	char	name[64];

	snprintf(name, sizeof(name), "Form.Err.%s", field);
	dz_set(r->hdf, name, why);
	dz_set(r->hdf, "Page.Tab", "users");
	return dz_render(r, 400, "users/form.cs");
}

/* Shared by create (id == 0) and save. */
static enum dz_err
store(struct dz_req *r, long long id)
{
	struct dz_value		 v[U__MAX];
	struct dz_form_error	 fe;
	struct dz_erp_dsn	 dsn;
	struct dz_rows		 old;
	char			 why[160], hash[128], *text = NULL;
	const char		*pw, *pwhy, *p;
	long long		 set_id = 0, oldset = 0;
	unsigned long long	 aff = 0, newid = 0;
	int			 must = 1, have_dsn = 0, tx = 0;
	enum dz_err		 rc;

	memset(&dsn, 0, sizeof(dsn));
	memset(&old, 0, sizeof(old));
	memset(v, 0, sizeof(v));
	hash[0] = '\0';
	dz_set(r->hdf, "Page.Title", id == 0 ? LANG_users_add : LANG_users_edit);
	if (id != 0)
		dz_set_int(r->hdf, "Form.Id", id);
	rc = dz_req_form(r, ufields, U__MAX, v, &fe);
	erp_kinds(r);
	refill(r, v);
	if (rc != DZ_OK) {
		rc = field_error(r, fe.field, dz_form_strerror(fe.why));
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
		if ((rc = load_user(r, id, &old)) != DZ_OK)
			goto out;
		oldset = dz_db_cell_int(&old, 0, 4);
		if (id == r->sess.user_id && (v[U_STATUS].i != 0 || v[U_ROLE].i != 0)) {
			rc = field_error(r, "status", LANG_users_not_self);
			goto out;
		}
	}

	/* The data address: required for everybody but admins. */
	if (v[U_DSN].present) {
		text = strdup(v[U_DSN].s);
		if (text == NULL) {
			rc = DZ_ERR_NOMEM;
			goto out;
		}
		if (!has_pwd(text) && id != 0 && oldset != 0) {
			struct dz_erp_dsn	 prev;
			char			*t2;
			size_t			 n;

			rc = dz_erp_dsn_unseal(r->app->keys, oldset,
			    dz_db_cell(&old, 0, 9), dz_db_cell_len(&old, 0, 9), &prev);
			if (rc == DZ_OK) {
				n = strlen(text) + strlen(prev.pwd) + 8;
				if ((t2 = malloc(n)) != NULL) {
					snprintf(t2, n, "%s; pwd=%s", text, prev.pwd);
					dz_wipe(text, strlen(text));
					free(text);
					text = t2;
				}
			}
			dz_erp_dsn_wipe(&prev);
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

	if ((rc = dz_db_begin(r->app->db)) != DZ_OK)
		goto out;
	tx = 1;
	if (have_dsn && (rc = bind_account_set(r, &dsn, v[U_KIND].s, &set_id)) != DZ_OK)
		goto out;
	if (id == 0) {
		rc = dz_db_x(r->app->db, DZ_SQL_USER_INSERT, NULL, &newid,
		    DZ_A_STR(v[U_NAME].s), DZ_A_STR(hash), DZ_A_STR(roles[v[U_ROLE].i]),
		    DZ_A_STR(v[U_KIND].s), set_id != 0 ? DZ_A_INT(set_id) : DZ_A_NULL,
		    DZ_A_STR(statuses[v[U_STATUS].i]), DZ_A_INT(must));
		id = (long long)newid;
	} else {
		rc = dz_db_x(r->app->db, DZ_SQL_USER_UPDATE, &aff, NULL,
		    DZ_A_STR(v[U_NAME].s), DZ_A_STR(roles[v[U_ROLE].i]),
		    DZ_A_STR(v[U_KIND].s),
		    have_dsn ? DZ_A_INT(set_id) : (oldset != 0 ? DZ_A_INT(oldset) : DZ_A_NULL),
		    DZ_A_STR(statuses[v[U_STATUS].i]), DZ_A_INT(id),
		    DZ_A_INT(v[U_VERSION].present ? v[U_VERSION].i : 0));
		if (rc == DZ_OK && aff == 0) {
			dz_db_rollback(r->app->db);
			tx = 0;
			rc = DZ_ERR_CONFLICT;
			goto out;
		}
		if (rc == DZ_OK && pw != NULL)
			rc = dz_auth_set_password(r->app->db, id, pw, 1);
		/* Disabled, or a new password: their sessions end now. */
		if (rc == DZ_OK && (v[U_STATUS].i != 0 || pw != NULL))
			rc = dz_auth_kill_user(r->app->db, id);
	}
	if (rc != DZ_OK) {
		if (dz_db_dup_key(r->app->db)) {
			dz_db_rollback(r->app->db);
			tx = 0;
			rc = field_error(r, "username", LANG_users_exists);
		}
		goto out;
	}
	snprintf(why, sizeof(why), "role=%s status=%s kind=%s%s%s",
	    roles[v[U_ROLE].i], statuses[v[U_STATUS].i], v[U_KIND].s,
	    have_dsn ? " dsn" : "", pw != NULL ? " password" : "");
	if ((rc = dz_audit(r->app->db, r->sess.user_id, r->sess.username,
	    newid != 0 ? "user_create" : "user_update", v[U_NAME].s, why,
	    r->remote_addr)) != DZ_OK)
		goto out;
	if ((rc = dz_db_commit(r->app->db)) != DZ_OK) {
		tx = 0;
		goto out;
	}
	tx = 0;
	rc = dz_redirect(r, "/admin/users?saved=1");
out:
	if (tx)
		dz_db_rollback(r->app->db);
	if (text != NULL) {
		dz_wipe(text, strlen(text));
		free(text);
	}
	dz_wipe(hash, sizeof(hash));
	dz_erp_dsn_wipe(&dsn);
	dz_db_rows_free(&old);
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

/*
 * 测试连接: open the user's account set with its stored data address on a
 * fresh ERP connection and read the account set's name and the ERP
 * version, or the exact reason it failed; then show the form again with
 * the answer. On success the account set takes the ERP's company name.
 */
static enum dz_err
test(struct dz_req *r)
{
	struct dz_rows		 rows;
	struct dz_erp_dsn	 dsn;
	char			 company[201], version[128], msg[512], who[64];
	long long		 set_id;
	enum dz_err		 rc;

	memset(&dsn, 0, sizeof(dsn));
	if ((rc = load_user(r, r->id[0], &rows)) != DZ_OK)
		return rc;
	set_id = dz_db_cell_int(&rows, 0, 4);
	snprintf(who, sizeof(who), "%s", dz_db_cell(&rows, 0, 1) != NULL ?
	    dz_db_cell(&rows, 0, 1) : "");
	rc = set_id == 0 ? DZ_ERR_NOTFOUND : dz_erp_dsn_unseal(r->app->keys, set_id,
	    dz_db_cell(&rows, 0, 9), dz_db_cell_len(&rows, 0, 9), &dsn);
	if (rc == DZ_OK && r->app->erp != NULL)
		rc = dz_erp_info(r->app->erp, &dsn, dz_db_cell(&rows, 0, 3) != NULL ?
		    dz_db_cell(&rows, 0, 3) : "", company, sizeof(company), version,
		    sizeof(version));
	dz_db_rows_free(&rows);
	if (rc == DZ_ERR_NOTFOUND)
		dz_set(r->hdf, "Form.Test.Err", LANG_users_no_dsn);
	else if (rc != DZ_OK) {
		snprintf(msg, sizeof(msg), "%s：%s", dz_strerror(rc),
		    r->app->erp != NULL && *dz_erp_why(r->app->erp) != '\0' ?
		    dz_erp_why(r->app->erp) : dz_strerror(rc));
		dz_set(r->hdf, "Form.Test.Err", msg);
	} else {
		snprintf(msg, sizeof(msg), LANG_users_test_ok, company,
		    *version != '\0' ? version : LANG_users_version_unknown);
		dz_set(r->hdf, "Form.Test.Ok", msg);
		if (*company != '\0' && dz_db_x(r->app->db, DZ_SQL_ACCTSET_SET_COMPANY,
		    NULL, NULL, DZ_A_STR(company), DZ_A_INT(set_id)) != DZ_OK)
			dz_log_warn("users: could not store the company name");
	}
	if (dz_audit(r->app->db, r->sess.user_id, r->sess.username, "erp_test", who,
	    rc == DZ_OK ? "ok" : dz_strerror(rc), r->remote_addr) != DZ_OK)
		dz_log_warn("users: audit row for erp_test not written");
	dz_erp_dsn_wipe(&dsn);
	return edit_form(r);
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-users", routes, DZ_NELEM(routes),
	    DZ_APP_KEYS, &dz_erp_hooks);
}
