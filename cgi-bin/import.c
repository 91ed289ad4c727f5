/*
 * dz-import: 数据导入, the documents of an account set of the kind 导入
 * (issue 16), for its clerks and admins. The set has no ERP: what its
 * screens show comes from these files, read by the ERP gateway
 * (lib/erp_import) as it reads 管家婆.
 *
 *   GET  /import                  the clerk's upload: its files (one per
 *                                 template), every row checked (each
 *                                 refusal names the row, the column and
 *                                 why), 确认导入 when none is refused; the
 *                                 set's last imports; the templates
 *   POST /import/upload           a file (multipart): lib/sheet's limits,
 *                                 its template told by its header, kept
 *                                 in the upload in the place of the one of
 *                                 its template; nothing of the ledger yet
 *   POST /import/confirm          checked again and stored in one
 *                                 transaction (lib/store_import): the same
 *                                 files again add nothing; a refusal is a
 *                                 400 with the list, nothing stored
 *   POST /import/clear            清空: the upload dropped
 *   GET  /import/customers.xlsx   the templates: a header row and one
 *   GET  /import/customers.csv    example row (skipped when read back),
 *   GET  /import/documents.xlsx   the columns of lib/import, the example
 *   GET  /import/documents.csv    in conf/lang (Lang.import.sample_*)
 *   GET  /import/lines.xlsx
 *   GET  /import/lines.csv
 *   GET  /import/keys             API 密钥 (admins): the set's keys, each
 *                                 with its first characters, who made it,
 *                                 when it was last used and how often
 *   POST /import/keys/new         a key (name): shown once on the page
 *                                 answered, only its SHA-256 kept
 *   POST /import/keys/%d/revoke   revoked: refused from the next call on
 *   POST /api/v1/customers        the import API (no session: the key in
 *   POST /api/v1/documents        Authorization: Bearer, over TLS only):
 *                                 a JSON array or one object a line
 *                                 (lib/import_json) checked as an upload
 *                                 is and stored in one transaction; 200
 *                                 with what it did (the same body again:
 *                                 "duplicate", nothing added), 422 with
 *                                 every refusal by item, 401 for no key or
 *                                 a bad one, 403 over plain HTTP, 415 for
 *                                 another body; every call audited
 *
 * Another set's user gets 404: their documents come from their ERP.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dz.h"
#include "app.h"
#include "audit.h"
#include "crypt.h"
#include "csv.h"
#include "form.h"
#include "import.h"
#include "import_json.h"
#include "import_tpl.h"
#include "lang.h"
#include "log.h"
#include "multipart.h"
#include "sheet.h"
#include "store.h"
#include "store_import.h"
#include "view.h"

#define XLSX_TYPE	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define CSV_TYPE	"text/csv; charset=utf-8"
#define SHEETS_LOOKED	8	/* worksheets of a workbook looked at for templates */

static enum dz_err	index_page(struct dz_req *);
static enum dz_err	upload(struct dz_req *);
static enum dz_err	confirm(struct dz_req *);
static enum dz_err	clear(struct dz_req *);
static enum dz_err	template(struct dz_req *);
static enum dz_err	keys_page(struct dz_req *);
static enum dz_err	key_new(struct dz_req *);
static enum dz_err	key_revoke(struct dz_req *);
static enum dz_err	api_customers(struct dz_req *);
static enum dz_err	api_documents(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET,  "/import",			index_page,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/import/upload",		upload,		DZ_ROLE_CLERK, DZ_RF_UPLOAD },
	{ DZ_POST, "/import/confirm",		confirm,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/import/clear",		clear,		DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/import/customers.xlsx",	template,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/import/customers.csv",	template,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/import/documents.xlsx",	template,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/import/documents.csv",	template,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/import/lines.xlsx",	template,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/import/lines.csv",		template,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/import/keys",		keys_page,	DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/import/keys/new",		key_new,	DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/import/keys/%d/revoke",	key_revoke,	DZ_ROLE_ADMIN, 0 },
	{ DZ_POST, "/api/v1/customers",		api_customers,	DZ_ROLE_PUBLIC,
	  DZ_RF_NOCSRF | DZ_RF_JSON },
	{ DZ_POST, "/api/v1/documents",		api_documents,	DZ_ROLE_PUBLIC,
	  DZ_RF_NOCSRF | DZ_RF_JSON },
};

enum kkey { K_NAME, K__MAX };
static const struct dz_field kfields[K__MAX] = {
	[K_NAME] = { "name", DZ_F_LINE, 0, 0, 64, NULL, 0 },
};

enum ikey { I_DONE, I_DUP, I__MAX };
static const struct dz_field ifields[I__MAX] = {
	[I_DONE] = { "done", DZ_F_INT, 0, 1, INT64_MAX, NULL, 0 },
	[I_DUP] = { "dup", DZ_F_BOOL, 0, 0, 0, NULL, 0 },
};

static const char *const sheet_words[DZ_IMP__SHEETS] = {
	[DZ_IMP_CUSTOMERS] = LANG_import_sheet_customers,
	[DZ_IMP_DOCUMENTS] = LANG_import_sheet_documents,
	[DZ_IMP_LINES] = LANG_import_sheet_lines,
};

static struct dz_actor
actor(struct dz_req *r)
{
	struct dz_actor	who;

	memset(&who, 0, sizeof(who));
	who.user_id = r->sess.user_id;
	who.username = r->sess.username;
	who.ip = r->remote_addr;
	who.user_agent = r->user_agent;
	return who;
}

/* A set that reads its ERP has nothing to import: 404, said. */
static int
not_ours(struct dz_req *r, enum dz_err *rc)
{
	if (r->sess.imported && r->sess.account_set_id > 0)
		return 0;
	*rc = dz_error_page(r, DZ_ERR_NOTFOUND, LANG_import_not_import_set);
	return 1;
}

static void
tab(struct dz_req *r)
{
	dz_set(r->hdf, "Page.Title", LANG_import_title);
	dz_set(r->hdf, "Page.Tab", "import");
}

/* The upload and its check into the page; *clean when it may be stored. */
static enum dz_err
draw_upload(struct dz_req *r, int *clean)
{
	struct dz_store_upload	 u;
	struct dz_imp_file	 f;
	char			 words[512], base[32];
	const char		*why = NULL;
	size_t			 i, n;
	enum dz_err		 rc;

	*clean = 0;
	rc = dz_store_upload_get(r->app->db, r->sess.account_set_id, r->sess.user_id, 1, &u);
	if (rc == DZ_ERR_NOTFOUND)
		return DZ_OK;
	if (rc != DZ_OK)
		return rc;
	for (i = 0; i < DZ_IMP__SHEETS; i++) {
		const struct dz_store_upload_part *p = &u.part[i];

		if (!p->present)
			continue;
		snprintf(base, sizeof(base), "Upload.%s", dz_imp_template_code((enum dz_imp_sheet)i));
		dz_set(r->hdf, base, sheet_words[i]);
		snprintf(base, sizeof(base), "Upload.%s.File", dz_imp_template_code((enum dz_imp_sheet)i));
		dz_set(r->hdf, base, p->filename);
		snprintf(base, sizeof(base), "Upload.%s.Size", dz_imp_template_code((enum dz_imp_sheet)i));
		dz_set_int(r->hdf, base, (long long)p->size);
		snprintf(base, sizeof(base), "Upload.%s.At", dz_imp_template_code((enum dz_imp_sheet)i));
		dz_set(r->hdf, base, p->at);
	}
	if (u.nparts == 0) {
		dz_store_upload_free(&u);
		return DZ_OK;
	}
	dz_set_int(r->hdf, "Upload.Files", (long long)u.nparts);
	memset(&f, 0, sizeof(f));
	rc = dz_store_upload_check(r->app->db, r->sess.account_set_id, &u, &f, &why);
	dz_store_upload_free(&u);
	if (rc == DZ_ERR_INVAL) {	/* a file kept that no longer reads */
		char key[64];

		snprintf(key, sizeof(key), "Lang.sheet.%s", why != NULL ? why : "unknown");
		dz_set(r->hdf, "Check.Refused", dz_get(r->app->global, key) != NULL ?
		    dz_get(r->app->global, key) : LANG_sheet_unknown);
		dz_imp_free(&f);
		return DZ_OK;
	}
	if (rc != DZ_OK) {
		dz_imp_free(&f);
		return rc;
	}
	dz_set_int(r->hdf, "Check.Customers", (long long)f.ncust);
	dz_set_int(r->hdf, "Check.Documents", (long long)f.ndoc);
	dz_set_int(r->hdf, "Check.Lines", (long long)f.nline);
	dz_set_int(r->hdf, "Check.Skipped", (long long)f.skipped);
	dz_set_int(r->hdf, "Check.Errors", (long long)f.errors);
	if (f.errors > 0) {
		n = (size_t)snprintf(words, sizeof(words), LANG_import_errors, f.errors);
		if (f.errors > f.nerr && n < sizeof(words))
			snprintf(words + n, sizeof(words) - n, LANG_import_shown, f.nerr);
		dz_set(r->hdf, "Check.Said", words);
	} else {
		snprintf(words, sizeof(words), LANG_import_clean, f.ncust, f.ndoc, f.nline,
		    f.skipped);
		dz_set(r->hdf, "Check.Said", words);
	}
	for (i = 0; i < f.nerr; i++) {
		const struct dz_imp_error *e = &f.err[i];

		dz_imp_error_text(e, words, sizeof(words));
		dz_set_idx(r->hdf, "Check.Err", i, "Sheet", sheet_words[e->sheet]);
		dz_set_idx_int(r->hdf, "Check.Err", i, "Row", (long long)e->row);
		dz_set_idx(r->hdf, "Check.Err", i, "Col",
		    e->col < DZ_ICOL__MAX ? dz_imp_col_name(e->col) : "");
		dz_set_idx(r->hdf, "Check.Err", i, "Value", e->value);
		dz_set_idx(r->hdf, "Check.Err", i, "Words", words);
	}
	*clean = f.errors == 0 && f.ncust + f.ndoc > 0;
	if (*clean)
		dz_set_int(r->hdf, "Check.Clean", 1);
	dz_imp_free(&f);
	return DZ_OK;
}

static enum dz_err
draw_history(struct dz_req *r)
{
	struct dz_store_import_file	*v = NULL;
	size_t				 n = 0, i;
	enum dz_err			 rc;

	if ((rc = dz_store_import_files(r->app->db, r->sess.account_set_id, &v, &n)) != DZ_OK)
		return rc;
	for (i = 0; i < n; i++) {
		dz_set_idx_int(r->hdf, "Imports", i, "Id", v[i].id);
		dz_set_idx(r->hdf, "Imports", i, "At", v[i].at);
		dz_set_idx(r->hdf, "Imports", i, "Name", v[i].name);
		dz_set_idx(r->hdf, "Imports", i, "Source", strcmp(v[i].source, "api") == 0 ?
		    LANG_import_source_api : LANG_import_source_template);
		dz_set_idx(r->hdf, "Imports", i, "By", v[i].username);
		dz_set_idx(r->hdf, "Imports", i, "Sha", v[i].sha256);
		dz_set_idx_int(r->hdf, "Imports", i, "Customers", v[i].customers);
		dz_set_idx_int(r->hdf, "Imports", i, "Documents", v[i].documents);
		dz_set_idx_int(r->hdf, "Imports", i, "Added", v[i].added);
		dz_set_idx_int(r->hdf, "Imports", i, "Changed", v[i].changed);
		dz_set_idx_int(r->hdf, "Imports", i, "Unchanged", v[i].unchanged);
		dz_set_idx_int(r->hdf, "Imports", i, "Lines", v[i].lines);
	}
	free(v);
	return DZ_OK;
}

static enum dz_err
page(struct dz_req *r, int status, const char *refused)
{
	char		said[256];
	int		clean;
	enum dz_err	rc;

	tab(r);
	if ((rc = draw_upload(r, &clean)) != DZ_OK || (rc = draw_history(r)) != DZ_OK)
		return rc;
	if (refused != NULL)
		dz_set(r->hdf, "Check.Refused", refused);
	snprintf(said, sizeof(said), LANG_import_limits, DZ_SHEET_FILE_MAX >> 20,
	    DZ_SHEET_ROWS_MAX);
	dz_set(r->hdf, "Limits", said);
	return dz_render(r, status, "import/index.cs");
}

static enum dz_err
index_page(struct dz_req *r)
{
	struct dz_value		 v[I__MAX];
	struct dz_form_error	 fe;
	enum dz_err		 rc;

	if (not_ours(r, &rc))
		return rc;
	if ((rc = dz_req_form(r, ifields, I__MAX, v, &fe)) != DZ_OK)
		return dz_bad_field(r, &fe);
	if (v[I_DONE].present) {
		char	said[256];

		snprintf(said, sizeof(said), v[I_DUP].present && v[I_DUP].i ? LANG_import_dup :
		    LANG_import_done, v[I_DONE].i);
		dz_set(r->hdf, "Done", said);
	}
	dz_form_values_free(v, I__MAX);
	return page(r, 200, NULL);
}

static enum dz_err
upload(struct dz_req *r)
{
	struct dz_sheet		 s;
	enum dz_sheet_why	 w = DZ_SHEET_OK;
	enum dz_imp_sheet	 k;
	char			 key[64];
	const char		*why;
	size_t			 n, nsheets;
	unsigned int		 found = 0;
	enum dz_err		 rc;

	if (not_ours(r, &rc))
		return rc;
	if (r->upload == NULL || r->upload->len == 0)
		return page(r, 400, LANG_sheet_no_file);
	memset(&s, 0, sizeof(s));
	rc = dz_sheet_read(r->upload->data, r->upload->len, &s, &w);
	if (rc == DZ_ERR_TOOBIG || rc == DZ_ERR_INVAL) {
		dz_sheet_free(&s);
		snprintf(key, sizeof(key), "Lang.sheet.%s", dz_sheet_why_code(w));
		if ((why = dz_get(r->app->global, key)) == NULL)
			why = LANG_sheet_unknown;
		dz_log_info("import: set %lld: a file of %zu bytes refused: %s",
		    r->sess.account_set_id, r->upload->len, dz_sheet_why_code(w));
		return page(r, rc == DZ_ERR_TOOBIG ? 413 : 400, why);
	}
	if (rc != DZ_OK) {
		dz_sheet_free(&s);
		return rc;
	}
	/* each worksheet of a workbook (at most one of each template), or
	 * the one sheet of a CSV, told by its header */
	nsheets = s.sheets > SHEETS_LOOKED ? SHEETS_LOOKED : s.sheets < 1 ? 1 : s.sheets;
	for (n = 0; n < nsheets; n++) {
		if (n > 0) {
			memset(&s, 0, sizeof(s));
			if (dz_sheet_read_nth(r->upload->data, r->upload->len, n, &s, &w) != DZ_OK) {
				dz_sheet_free(&s);
				continue;
			}
		}
		k = dz_imp_guess(&s);
		dz_sheet_free(&s);
		if (k == DZ_IMP__SHEETS || (found & (1u << k)))
			continue;
		found |= 1u << k;
		if ((rc = dz_store_upload_put(r->app->db, r->sess.account_set_id, r->sess.user_id,
		    k, (unsigned int)n, r->upload->filename, r->upload->data,
		    r->upload->len)) != DZ_OK)
			return rc;
		dz_log_info("import: set %lld: %s (sheet %zu) of a file of %zu bytes kept",
		    r->sess.account_set_id, dz_imp_template_code(k), n + 1, r->upload->len);
	}
	if (found == 0)
		return page(r, 400, LANG_import_not_template);
	return dz_redirect(r, "/import");
}

static enum dz_err
confirm(struct dz_req *r)
{
	struct dz_store_upload		 u;
	struct dz_store_import_result	 res;
	struct dz_imp_file		 f;
	struct dz_actor			 who = actor(r);
	char				 sha[65], name[256], loc[64];
	const char			*why = NULL;
	size_t				 i, n;
	enum dz_err			 rc;

	if (not_ours(r, &rc))
		return rc;
	rc = dz_store_upload_get(r->app->db, r->sess.account_set_id, r->sess.user_id, 1, &u);
	if (rc == DZ_ERR_NOTFOUND)
		return page(r, 400, LANG_import_nothing);
	if (rc != DZ_OK)
		return rc;
	memset(&f, 0, sizeof(f));
	rc = dz_store_upload_check(r->app->db, r->sess.account_set_id, &u, &f, &why);
	if (rc == DZ_OK && (f.errors > 0 || f.ncust + f.ndoc == 0)) {
		dz_store_upload_free(&u);
		dz_imp_free(&f);
		return page(r, 400, f.errors > 0 ? LANG_import_refused : LANG_import_nothing);
	}
	if (rc == DZ_OK) {
		dz_store_upload_sha(&u, sha);
		name[0] = '\0';
		for (i = 0; i < DZ_IMP__SHEETS; i++)
			if (u.part[i].present) {
				n = strlen(name);
				snprintf(name + n, sizeof(name) - n, "%s%s", n > 0 ? " " : "",
				    u.part[i].filename);
			}
		rc = dz_store_import(r->app->db, r->sess.account_set_id, sha, name, "template",
		    &f, &who, &res);
	}
	dz_imp_free(&f);
	if (rc == DZ_OK)
		rc = dz_store_upload_stored(r->app->db, u.id, res.file_id);
	dz_store_upload_free(&u);
	if (rc == DZ_ERR_INVAL)
		return page(r, 400, LANG_import_refused);
	if (rc != DZ_OK)
		return rc;
	dz_log_info("import: set %lld: file %lld%s: %zu customers, %zu added, %zu changed, "
	    "%zu unchanged", r->sess.account_set_id, res.file_id,
	    res.duplicate ? " (again: nothing added)" : "", res.customers, res.added,
	    res.changed, res.unchanged);
	snprintf(loc, sizeof(loc), "/import?done=%lld%s", res.file_id, res.duplicate ? "&dup=1" : "");
	return dz_redirect(r, loc);
}

static enum dz_err
clear(struct dz_req *r)
{
	enum dz_err	rc;

	if (not_ours(r, &rc))
		return rc;
	if ((rc = dz_store_upload_drop(r->app->db, r->sess.account_set_id,
	    r->sess.user_id)) != DZ_OK)
		return rc;
	return dz_redirect(r, "/import");
}

/* ---------------------------------------------------------------------
 * The templates (lib/import_tpl).
 */

static enum dz_err
template(struct dz_req *r)
{
	const char		*dot = strrchr(r->path, '.'), *slash = strrchr(r->path, '/');
	char			 ascii[32], utf8[96];
	size_t			 size, n;
	int			 fd;
	enum dz_imp_sheet	 k;
	enum dz_err		 rc;

	if (not_ours(r, &rc))
		return rc;
	for (k = 0; k < DZ_IMP__SHEETS; k++) {
		n = strlen(dz_imp_template_code(k));
		if (slash != NULL && dot != NULL && (size_t)(dot - slash - 1) == n &&
		    strncmp(slash + 1, dz_imp_template_code(k), n) == 0)
			break;
	}
	if (k == DZ_IMP__SHEETS)
		return dz_error_page(r, DZ_ERR_NOTFOUND, NULL);
	snprintf(ascii, sizeof(ascii), "%s%s", dz_imp_template_code(k), dot);
	snprintf(utf8, sizeof(utf8), "%s%s", dz_imp_template_title(k), dot);
	if (strcmp(dot, ".csv") == 0) {
		struct dz_csv	csv = DZ_CSV_INIT;

		rc = dz_imp_template_csv(k, &csv) != 0 ? DZ_ERR_NOMEM :
		    dz_send_blob(r, CSV_TYPE, utf8, csv.buf, csv.len);
		dz_csv_free(&csv);
		return rc;
	}
	if ((rc = dz_imp_template_xlsx(k, &fd, &size)) != DZ_OK)
		return rc;
	if ((rc = dz_attachment(r, ascii, utf8)) == DZ_OK)
		rc = dz_send_fd(r, XLSX_TYPE, fd, size);
	close(fd);
	return rc;
}

/* ---------------------------------------------------------------------
 * API 密钥.
 */

static enum dz_err
keys_draw(struct dz_req *r, int status, const char *key)
{
	struct dz_store_apikey	*v = NULL;
	size_t			 n = 0, i;
	enum dz_err		 rc;

	dz_set(r->hdf, "Page.Title", LANG_import_keys_title);
	dz_set(r->hdf, "Page.Tab", "import");
	if ((rc = dz_store_apikey_list(r->app->db, r->sess.account_set_id, &v, &n)) != DZ_OK)
		return rc;
	for (i = 0; i < n; i++) {
		dz_set_idx_int(r->hdf, "Keys", i, "Id", v[i].id);
		dz_set_idx(r->hdf, "Keys", i, "Name", v[i].name);
		dz_set_idx(r->hdf, "Keys", i, "Prefix", v[i].prefix);
		dz_set_idx(r->hdf, "Keys", i, "By", v[i].by);
		dz_set_idx(r->hdf, "Keys", i, "At", v[i].at);
		dz_set_idx(r->hdf, "Keys", i, "Revoked", v[i].revoked);
		dz_set_idx(r->hdf, "Keys", i, "Used", v[i].used);
		dz_set_idx_int(r->hdf, "Keys", i, "Calls", v[i].calls);
	}
	free(v);
	if (key != NULL)
		dz_set(r->hdf, "NewKey", key);
	return dz_render(r, status, "import/keys.cs");
}

static enum dz_err
keys_page(struct dz_req *r)
{
	enum dz_err	rc;

	if (not_ours(r, &rc))
		return rc;
	return keys_draw(r, 200, NULL);
}

static enum dz_err
key_new(struct dz_req *r)
{
	struct dz_value		 v[K__MAX];
	struct dz_form_error	 fe;
	struct dz_actor		 who = actor(r);
	char			 key[DZ_APIKEY_LEN + 1];
	long long		 id;
	enum dz_err		 rc;

	if (not_ours(r, &rc))
		return rc;
	if ((rc = dz_req_form(r, kfields, K__MAX, v, &fe)) != DZ_OK)
		return dz_bad_field(r, &fe);
	rc = dz_store_apikey_new(r->app->db, r->sess.account_set_id,
	    v[K_NAME].present ? v[K_NAME].s : "", &who, key, &id);
	dz_form_values_free(v, K__MAX);
	if (rc != DZ_OK)
		return rc;
	dz_log_info("import: set %lld: API key %lld made", r->sess.account_set_id, id);
	/* shown once, on this page (not a redirect: nothing keeps it) */
	rc = keys_draw(r, 200, key);
	dz_wipe(key, sizeof(key));
	return rc;
}

static enum dz_err
key_revoke(struct dz_req *r)
{
	struct dz_actor	who = actor(r);
	enum dz_err	rc;

	if (not_ours(r, &rc))
		return rc;
	rc = dz_store_apikey_revoke(r->app->db, r->sess.account_set_id, r->id[0], &who);
	if (rc == DZ_ERR_NOTFOUND)
		return dz_error_page(r, DZ_ERR_NOTFOUND, NULL);
	if (rc != DZ_OK)
		return rc;
	return dz_redirect(r, "/import/keys");
}

/* ---------------------------------------------------------------------
 * The import API.
 */

#define JSON_TYPE	"application/json; charset=utf-8"

static enum dz_err
api_send(struct dz_req *r, int status, char *text)
{
	enum dz_err	rc;

	if (text == NULL)
		return DZ_ERR_NOMEM;
	rc = dz_send_status(r, status, JSON_TYPE, text, strlen(text));
	free(text);
	return rc;
}

/* Audited: every call, stored, refused or turned away. */
static void
api_audit(struct dz_req *r, long long key, const char *prefix, const char *what,
    const char *detail)
{
	char	obj[32], who[32];

	snprintf(obj, sizeof(obj), "api_key:%lld", key);
	snprintf(who, sizeof(who), "api:%s", prefix != NULL && prefix[0] != '\0' ? prefix : "-");
	if (dz_audit(r->app->db, 0, who, what, key > 0 ? obj : NULL, detail,
	    r->remote_addr) != DZ_OK)
		dz_log_err("import: api: the audit row of %s was not written", what);
}

static enum dz_err
api_call(struct dz_req *r, enum dz_imp_sheet k)
{
	struct dz_imp_json		 j;
	struct dz_imp_file		 f;
	struct dz_store_import_known	 known;
	struct dz_store_import_result	 res;
	struct dz_actor			 who;
	const char			*auth = dz_req_param(r, "HTTP_AUTHORIZATION");
	const char			*ct = dz_req_param(r, "CONTENT_TYPE");
	char				 prefix[DZ_APIKEY_SHOWN + 1], sha[65], name[48];
	char				 detail[256], by[32];
	long long			 set = 0, key = 0;
	enum dz_err			 rc;

	if (strcmp(r->scheme, "https") != 0) {
		api_audit(r, 0, NULL, "api_refused", "plain http");
		return api_send(r, 403, dz_imp_json_error("tls_required", LANG_api_tls));
	}
	if (strncasecmp(auth, "Bearer ", 7) != 0) {
		dz_add_header(r, "WWW-Authenticate: Bearer realm=\"duizhang\"");
		api_audit(r, 0, NULL, "api_refused", "no key");
		return api_send(r, 401, dz_imp_json_error("no_key", LANG_api_no_key));
	}
	rc = dz_store_apikey_check(r->app->db, auth + 7, &set, &key, prefix);
	if (rc == DZ_ERR_AUTH) {
		dz_add_header(r, "WWW-Authenticate: Bearer realm=\"duizhang\", error=\"invalid_token\"");
		api_audit(r, key, prefix, "api_refused", "bad or revoked key");
		dz_log_warn("import: api: a bad or revoked key from %s", r->remote_addr);
		return api_send(r, 401, dz_imp_json_error("bad_key", LANG_api_bad_key));
	}
	if (rc != DZ_OK)
		return api_send(r, 503, dz_imp_json_error("unavailable", LANG_api_unavailable));
	if (strncasecmp(ct, "application/json", 16) != 0 &&
	    strncasecmp(ct, "application/x-ndjson", 20) != 0) {
		api_audit(r, key, prefix, "api_refused", "not json");
		return api_send(r, 415, dz_imp_json_error("not_json", LANG_api_not_json));
	}
	memset(&f, 0, sizeof(f));
	f.items = 1;	/* an API's items: none skipped */
	/* an empty body is no items: refused as such (422) */
	rc = dz_imp_json_read(r->raw != NULL ? (const char *)r->raw : "", r->raw_len, k, &j, &f);
	if (rc == DZ_ERR_TOOBIG) {
		dz_imp_free(&f);
		api_audit(r, key, prefix, "api_refused", "too many items");
		return api_send(r, 413, dz_imp_json_error("too_many", LANG_api_too_many));
	}
	if (rc != DZ_OK) {
		dz_imp_free(&f);
		return rc;
	}
	/* lib/import's checks too, unless the body was no JSON: every
	 * refusal at once (an unknown key does not hide a bad date) */
	if (j.items > 0) {
		/* every row read, or nothing stored (out of memory: 503) */
		rc = dz_imp_read(&j.sheet[0], k, &f);
		if (rc == DZ_OK && k == DZ_IMP_DOCUMENTS && j.sheet[1].nrows > 1)
			rc = dz_imp_read(&j.sheet[1], DZ_IMP_LINES, &f);
		if (rc == DZ_OK && (rc = dz_store_import_known(r->app->db, set, &known)) == DZ_OK) {
			rc = dz_imp_check(&f, &known.known);
			dz_store_import_known_free(&known);
		}
		if (rc != DZ_OK) {
			dz_imp_json_free(&j);
			dz_imp_free(&f);
			return api_send(r, 503, dz_imp_json_error("unavailable", LANG_api_unavailable));
		}
	}
	if (f.errors > 0) {
		snprintf(detail, sizeof(detail), "%s: %zu items, %zu refused",
		    k == DZ_IMP_CUSTOMERS ? "customers" : "documents", j.items, f.errors);
		api_audit(r, key, prefix, "api_refused", detail);
		rc = api_send(r, 422, dz_imp_json_refusals(&f, &j));
		dz_imp_json_free(&j);
		dz_imp_free(&f);
		return rc;
	}
	dz_crypt_sha256_hex(r->raw != NULL ? r->raw : (const unsigned char *)"", r->raw_len, sha);
	snprintf(name, sizeof(name), "api %s %s", k == DZ_IMP_CUSTOMERS ? "customers" :
	    "documents", prefix);
	snprintf(by, sizeof(by), "api:%s", prefix);
	memset(&who, 0, sizeof(who));
	who.username = by;
	who.ip = r->remote_addr;
	rc = dz_store_import(r->app->db, set, sha, name, "api", &f, &who, &res);
	dz_imp_json_free(&j);
	dz_imp_free(&f);
	if (rc != DZ_OK)
		return api_send(r, 503, dz_imp_json_error("unavailable", LANG_api_unavailable));
	if (res.duplicate) {
		snprintf(detail, sizeof(detail), "sha256=%s again: file %lld", sha, res.file_id);
		api_audit(r, key, prefix, "api_replay", detail);
	}
	return api_send(r, 200, dz_imp_json_done(res.file_id, res.duplicate, res.customers,
	    res.added, res.changed, res.unchanged, res.stale, res.lines));
}

static enum dz_err
api_customers(struct dz_req *r)
{
	return api_call(r, DZ_IMP_CUSTOMERS);
}

static enum dz_err
api_documents(struct dz_req *r)
{
	return api_call(r, DZ_IMP_DOCUMENTS);
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-import", routes, DZ_NELEM(routes), 0, NULL);
}
