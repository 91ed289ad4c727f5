/*
 * 操作记录 (admin only), part of dz-users: every row of the audit trail —
 * sign-ins and their failures, user changes, statements made, answered,
 * received, cancelled, deleted, shared, keys rotated — as a page and as a
 * CSV file, filtered by who (操作人), what (操作), the object and a date
 * range.
 *
 *   GET /admin/audit       the list: user, action, object, from, to, page
 *   GET /admin/audit.csv   the same rows (at most CSV_MAX) as a file for Excel
 *
 * The CSV is lib/csv's: UTF-8 with a byte-order mark (Excel's way to know
 * it), every cell quoted, and a cell that a spreadsheet would take for a
 * formula (= + - @, or a tab or carriage return first) starts with '
 * instead: what a user or a customer typed never becomes a formula in the
 * manager's spreadsheet. An object given as a number is a statement's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "app.h"
#include "csv.h"
#include "form.h"
#include "lang.h"
#include "log.h"
#include "store.h"
#include "view.h"

#define PER_PAGE	50
#define CSV_MAX		10000
/* The page counts the matches up to this (then "more than"). */
#define COUNT_MAX	1000

enum dz_err	dz_users_audit(struct dz_req *);
enum dz_err	dz_users_audit_csv(struct dz_req *);

enum akey { A_USER, A_ACTION, A_OBJECT, A_FROM, A_TO, A_PAGE, A__MAX };
static const struct dz_field afields[A__MAX] = {
	[A_USER] = { "user", DZ_F_LINE, 0, 0, 64, NULL, 0 },
	[A_ACTION] = { "action", DZ_F_LINE, 0, 0, 32, NULL, 0 },
	[A_OBJECT] = { "object", DZ_F_LINE, 0, 0, 64, NULL, 0 },
	[A_FROM] = { "from", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[A_TO] = { "to", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[A_PAGE] = { "page", DZ_F_INT, 0, 1, 100000, NULL, 0 },
};

/* The actions the programs write, for the filter's list (others show as they are). */
static const char *const actions[] = {
	"login", "login_failed", "login_throttled", "login_alert", "logout", "password_change",
	"password_reset", "user_create", "user_update", "erp_test",
	"stmt_create", "receive", "agree", "dispute", "cancel", "uncancel",
	"delete", "share", "share_revoke", "answer_agree", "answer_dispute",
	"recon", "recon_resolve", "bulk_create", "bulk_cancel", "bulk_done", "recon_day",
	"drift_check",
	"key_rotate", "key_retire", "store_restore",
	"notify_settings", "notify_test", "notify_resend", NULL,
};

static const struct dz_viewmap audit_view[] = {
	DZ_VIEW("Id", struct dz_store_audit, id, DZ_V_INT),
	DZ_VIEW("At", struct dz_store_audit, at, DZ_V_STR),
	DZ_VIEW("User", struct dz_store_audit, username, DZ_V_STR),
	DZ_VIEW("Action", struct dz_store_audit, action, DZ_V_STR),
	DZ_VIEW("Object", struct dz_store_audit, object, DZ_V_STR),
	DZ_VIEW("Detail", struct dz_store_audit, detail, DZ_V_STR),
	DZ_VIEW("Ip", struct dz_store_audit, ip, DZ_V_STR),
};

/* An action code is lower-case letters and '_' (what the programs write). */
static int
action_ok(const char *s)
{
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
			return 0;
	return 1;
}

/*
 * The filter from the query; on bad input the 400 page, rc set. obj holds
 * "statement:N" when the object was given as a number.
 */
static int
filter(struct dz_req *r, struct dz_value *v, struct dz_store_audit_filter *f,
    char *obj, size_t objsz, enum dz_err *rc)
{
	struct dz_form_error	fe;

	memset(f, 0, sizeof(*f));
	if ((*rc = dz_req_form(r, afields, A__MAX, v, &fe)) != DZ_OK) {
		*rc = dz_bad_field(r, &fe);
		return -1;
	}
	if (v[A_ACTION].present && !action_ok(v[A_ACTION].s)) {
		fe.field = "action";
		fe.why = DZ_FERR_CHOICE;
		*rc = dz_bad_field(r, &fe);
		return -1;
	}
	if (v[A_FROM].present && v[A_TO].present && strcmp(v[A_FROM].s, v[A_TO].s) > 0) {
		dz_set_int(r->hdf, "Error.Status", 400);
		dz_set(r->hdf, "Error.Text", dz_strerror(DZ_ERR_INVAL));
		dz_set(r->hdf, "Error.Detail", LANG_audit_bad_range);
		*rc = dz_render(r, 400, "error.cs");
		return -1;
	}
	f->username = v[A_USER].present ? v[A_USER].s : NULL;
	f->action = v[A_ACTION].present ? v[A_ACTION].s : NULL;
	if (v[A_OBJECT].present) {
		const char	*o = v[A_OBJECT].s;

		if (o[strspn(o, "0123456789")] == '\0' && strlen(o) <= 18)
			snprintf(obj, objsz, "statement:%s", o);
		else
			snprintf(obj, objsz, "%s", o);
		f->object = obj;
	}
	f->from = v[A_FROM].present ? v[A_FROM].s : NULL;
	f->to = v[A_TO].present ? v[A_TO].s : NULL;
	return 0;
}

/* The filters as typed, for the form, the paging links and the export link. */
static void
filter_to_hdf(struct dz_req *r, const struct dz_value *v)
{
	char		name[32];
	size_t		i;

	/* (the page number is the paging links' own) */
	for (i = 0; i < A__MAX; i++)
		if (i != A_PAGE && v[i].present) {
			snprintf(name, sizeof(name), "Filter.%s", afields[i].name);
			dz_set(r->hdf, name, v[i].s);
		}
}

enum dz_err
dz_users_audit(struct dz_req *r)
{
	struct dz_value			 v[A__MAX];
	struct dz_store_audit_filter	 f;
	struct dz_store_audits		 rows;
	char				 obj[80];
	long long			 page;
	size_t				 i;
	enum dz_err			 rc;

	dz_set(r->hdf, "Page.Title", LANG_audit_title);
	dz_set(r->hdf, "Page.Tab", "audit");
	if (filter(r, v, &f, obj, sizeof(obj), &rc) == -1) {
		dz_form_values_free(v, A__MAX);
		return rc;
	}
	page = v[A_PAGE].present ? v[A_PAGE].i : 1;
	f.limit = PER_PAGE;
	f.offset = (page - 1) * PER_PAGE;
	f.count_max = COUNT_MAX;
	if ((rc = dz_store_audit_list(r->app->db, &f, &rows)) != DZ_OK) {
		dz_form_values_free(v, A__MAX);
		return rc;
	}
	for (i = 0; i < rows.n; i++)
		dz_set_struct(dz_row(r->hdf, "Rows", i), &rows.row[i], audit_view,
		    DZ_NELEM(audit_view));
	for (i = 0; actions[i] != NULL; i++)
		dz_set_idx(r->hdf, "Actions", i, "Code", actions[i]);
	filter_to_hdf(r, v);
	dz_set_int(r->hdf, "Paging.Page", page);
	dz_set_int(r->hdf, "Paging.Total", rows.total);
	dz_set_int(r->hdf, "Paging.More", rows.more);
	dz_set_int(r->hdf, "Paging.Pages", (rows.total + PER_PAGE - 1) / PER_PAGE);
	if (page > 1)
		dz_set_int(r->hdf, "Paging.Prev", page - 1);
	if (page * PER_PAGE < rows.total || (rows.more && rows.n == PER_PAGE))
		dz_set_int(r->hdf, "Paging.Next", page + 1);
	{
		char	hint[160];

		snprintf(hint, sizeof(hint), LANG_audit_export_hint, CSV_MAX);
		dz_set(r->hdf, "Paging.CsvHint", hint);
	}
	dz_store_audits_free(&rows);
	dz_form_values_free(v, A__MAX);
	return dz_render(r, 200, "users/audit.cs");
}

/* An action as the page names it (Lang.audit.name), or its code. */
static const char *
action_name(struct dz_req *r, const char *code)
{
	char		 name[64];
	const char	*v;

	snprintf(name, sizeof(name), "Lang.audit.name.%s", code);
	v = *code != '\0' ? dz_get(r->app->global, name) : NULL;
	return v != NULL ? v : code;
}

enum dz_err
dz_users_audit_csv(struct dz_req *r)
{
	struct dz_value			 v[A__MAX];
	struct dz_store_audit_filter	 f;
	struct dz_store_audits		 rows;
	struct dz_csv			 csv = DZ_CSV_INIT;
	char				 obj[80], id[24], name[64];
	size_t				 i;
	int				 bad = 0;
	enum dz_err			 rc;

	dz_set(r->hdf, "Page.Title", LANG_audit_title);
	dz_set(r->hdf, "Page.Tab", "audit");
	if (filter(r, v, &f, obj, sizeof(obj), &rc) == -1) {
		dz_form_values_free(v, A__MAX);
		return rc;
	}
	f.limit = CSV_MAX;
	f.offset = 0;
	f.count_max = CSV_MAX;
	rc = dz_store_audit_list(r->app->db, &f, &rows);
	dz_form_values_free(v, A__MAX);
	if (rc != DZ_OK)
		return rc;
	if (rows.more) {
		char	detail[200];

		dz_store_audits_free(&rows);
		snprintf(detail, sizeof(detail), LANG_audit_csv_too_many, CSV_MAX);
		dz_set_int(r->hdf, "Error.Status", 400);
		dz_set(r->hdf, "Error.Text", LANG_audit_csv_title);
		dz_set(r->hdf, "Error.Detail", detail);
		return dz_render(r, 400, "error.cs");
	}
	bad |= dz_csv_bom(&csv);
	bad |= dz_csv_cell(&csv, LANG_audit_col_at);
	bad |= dz_csv_cell(&csv, LANG_audit_col_user);
	bad |= dz_csv_cell(&csv, LANG_audit_col_action);
	bad |= dz_csv_cell(&csv, LANG_audit_col_object);
	bad |= dz_csv_cell(&csv, LANG_audit_col_detail);
	bad |= dz_csv_cell(&csv, LANG_audit_col_ip);
	bad |= dz_csv_cell(&csv, LANG_audit_col_id);
	bad |= dz_csv_row_end(&csv);
	for (i = 0; i < rows.n; i++) {
		const struct dz_store_audit *a = &rows.row[i];

		snprintf(id, sizeof(id), "%lld", a->id);
		bad |= dz_csv_cell(&csv, a->at);
		bad |= dz_csv_cell(&csv, a->username);
		bad |= dz_csv_cell(&csv, action_name(r, a->action));
		bad |= dz_csv_cell(&csv, a->object);
		bad |= dz_csv_cell(&csv, a->detail);
		bad |= dz_csv_cell(&csv, a->ip);
		bad |= dz_csv_cell(&csv, id);
		bad |= dz_csv_row_end(&csv);
	}
	if (bad || csv.failed) {
		dz_store_audits_free(&rows);
		dz_csv_free(&csv);
		return DZ_ERR_NOMEM;
	}
	dz_log_info("audit: %s exported %zu rows", r->sess.username, rows.n);
	dz_store_audits_free(&rows);
	snprintf(name, sizeof(name), "duizhang-audit.csv");
	rc = dz_send_blob(r, "text/csv; charset=utf-8", name, csv.buf, csv.len);
	dz_csv_free(&csv);
	return rc;
}
