/*
 * recon_page.c: what the customer's page (dz-confirm) and the staff's
 * (dz-history) share of 账目核对 (recon_page.h): reading the forms (the
 * customer's marks and balance, the column map), taking an upload, and
 * the map page's data. The figures are kept by lib/store_recon.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "dz.h"
#include "app.h"
#include "form.h"
#include "lang.h"
#include "ledger.h"
#include "log.h"
#include "multipart.h"
#include "recon.h"
#include "recon_page.h"
#include "sheet.h"
#include "store.h"
#include "utf8.h"
#include "view.h"

/* The map's fields, in enum dz_ledger_col's order. */
static const char *const col_field[DZ_LCOL__MAX] = {
	"date", "ref", "memo", "amount", "debit", "credit", "bal",
};

const char *
dz_recon_col_field(int c)
{
	return c >= 0 && c < DZ_LCOL__MAX ? col_field[c] : "";
}

/* A decimal index 0..max-1, or -1 for "" (none); -2 for anything else. */
static long
index_of(const char *s, long max)
{
	long	v = 0;
	int	n = 0;

	if (s == NULL || s[0] == '\0')
		return -1;
	for (; *s >= '0' && *s <= '9' && n < 7; s++, n++)
		v = v * 10 + (*s - '0');
	if (*s != '\0' || n == 0 || n == 7 || v >= max)
		return -2;
	return v;
}

enum dz_err
dz_recon_map_from_form(const struct dz_pairs *p, size_t nrows, size_t ncols,
    struct dz_ledger_map *m)
{
	const char	*neg;
	long		 v;
	int		 c;

	memset(m, 0, sizeof(*m));
	/* h: the header row, 1-based as the page shows it; "" or 0: none */
	v = index_of(dz_form_get(p, "h"), (long)nrows + 1);
	if (v == -2)
		return DZ_ERR_INVAL;
	m->header = v <= 0 ? -1 : v - 1;
	for (c = 0; c < DZ_LCOL__MAX; c++) {
		v = index_of(dz_form_get(p, col_field[c]), (long)ncols);
		if (v == -2)
			return DZ_ERR_INVAL;
		m->col[c] = (int)v;
	}
	neg = dz_form_get(p, "neg");
	m->negate = neg != NULL && (strcmp(neg, "1") == 0 || strcmp(neg, "on") == 0);
	return dz_ledger_map_ok(m, ncols) ? DZ_OK : DZ_ERR_INVAL;
}

/* "m<digits>": a document's mark; *vch its vchcode. */
static int
mark_key(const char *k, long long *vch)
{
	long long	v = 0;
	int		n = 0;

	if (k[0] != 'm')
		return 0;
	/* at most 18 digits: no 19th is multiplied in (a long long overflows) */
	for (k++; *k >= '0' && *k <= '9'; k++, n++) {
		if (n == 18)
			return 0;
		v = v * 10 + (*k - '0');
	}
	if (*k != '\0' || n == 0)
		return 0;
	*vch = v;
	return 1;
}

enum dz_err
dz_recon_marks_from_form(const struct dz_pairs *p, struct dz_recon_marks *out,
    const char **why)
{
	const char	*s, *v;
	char		 key[32];
	long long	 vch;
	int64_t		 fen;
	size_t		 i, j;

	memset(out, 0, sizeof(*out));
	*why = NULL;
	s = dz_form_get(p, "their_closing");
	if (s != NULL && s[0] != '\0') {
		if (dz_ledger_amount(s, &fen) != DZ_OK) {
			*why = LANG_recon_bad_amount;
			return DZ_ERR_INVAL;
		}
		out->closing = fen;
		out->has_closing = 1;
	}
	for (i = 0; i < p->n; i++) {
		if (!mark_key(p->v[i].key, &vch))
			continue;
		v = p->v[i].val;
		if (v[0] == '\0' || strcmp(v, "ok") == 0)
			continue;
		if (strcmp(v, "none") != 0 && strcmp(v, "amount") != 0) {
			*why = LANG_recon_bad_amount;
			return DZ_ERR_INVAL;
		}
		for (j = 0; j < out->n; j++)
			if (out->mark[j].vchcode == vch)
				break;
		if (j < out->n)
			continue;	/* the first of a repeated mark counts */
		if (out->n == DZ_RECON_MARKS_MAX) {
			*why = LANG_recon_bad_amount;
			return DZ_ERR_INVAL;
		}
		out->mark[out->n].vchcode = vch;
		if (strcmp(v, "none") == 0) {
			out->mark[out->n].none = 1;
		} else {
			snprintf(key, sizeof(key), "a%lld", vch);
			s = dz_form_get(p, key);
			if (s == NULL || dz_ledger_amount(s, &fen) != DZ_OK) {
				*why = LANG_recon_bad_amount;
				return DZ_ERR_INVAL;
			}
			out->mark[out->n].amount = fen < 0 ? -fen : fen;
		}
		out->n++;
	}
	if (!out->has_closing && out->n == 0) {
		*why = LANG_recon_need_something;
		return DZ_ERR_INVAL;
	}
	return DZ_OK;
}

enum dz_err
dz_recon_take(struct dz_req *r, const struct dz_store_stmt *s,
    const struct dz_actor *who, long long *id, const char **why)
{
	struct dz_sheet		 sh;
	enum dz_sheet_why	 w = DZ_SHEET_OK;
	char			 key[64];
	enum dz_err		 rc;

	*id = 0;
	*why = NULL;
	if (r->upload == NULL || r->upload->len == 0) {
		*why = LANG_sheet_no_file;
		return DZ_ERR_INVAL;
	}
	/* Checked only (lib/sheet's every limit), not kept as a table: the
	 * map page and the run read it again from the store. */
	rc = dz_sheet_shape(r->upload->data, r->upload->len, &sh, &w);
	if (rc == DZ_ERR_TOOBIG || rc == DZ_ERR_INVAL) {
		snprintf(key, sizeof(key), "Lang.sheet.%s", dz_sheet_why_code(w));
		*why = dz_get(r->app->global, key);
		if (*why == NULL)
			*why = LANG_sheet_unknown;
		dz_log_info("recon: statement %lld: a file of %zu bytes refused: %s",
		    s->id, r->upload->len, dz_sheet_why_code(w));
		dz_sheet_free(&sh);
		return rc;
	}
	if (rc != DZ_OK) {
		dz_sheet_free(&sh);
		return rc;
	}
	rc = dz_recon_upload_save(r->app->db, s, r->upload->filename,
	    r->upload->data, r->upload->len, &sh, who, id);
	if (rc == DZ_ERR_TOOBIG)
		*why = LANG_recon_too_many_files;
	if (rc == DZ_OK)
		dz_log_info("recon: statement %lld: upload %lld (%s, %zu bytes, %zu rows)",
		    s->id, *id, sh.encoding, r->upload->len, sh.nrows);
	dz_sheet_free(&sh);
	return rc;
}

/* A column as the page names it: "第 3 列（摘要）" (Lang.recon.col_n, and
 * col_head around the header's text). */
static void
col_label(char *buf, size_t sz, size_t c, const char *head)
{
	char	h[64];
	size_t	n;

	n = dz_utf8_fit(head, strlen(head), 40);
	memcpy(h, head, n);
	h[n] = '\0';
	snprintf(buf, sz, LANG_recon_col_n, (int)c + 1);
	if (h[0] != '\0') {
		size_t	l = strlen(buf);

		snprintf(buf + l, sz - l, LANG_recon_col_head, h);
	}
}

#define PREVIEW_ROWS	8

enum dz_err
dz_recon_map_page(struct dz_req *r, const struct dz_store_stmt *s, long long id,
    const struct dz_ledger_map *given)
{
	struct dz_recon_upload	 u;
	struct dz_sheet		 sh;
	struct dz_ledger_map	 m;
	enum dz_sheet_why	 w;
	char			 label[160], name[64];
	size_t			 i, c, from;
	HDF			*row;
	enum dz_err		 rc;

	memset(&sh, 0, sizeof(sh));
	if ((rc = dz_recon_upload_get(r->app->db, s->id, id, &u)) != DZ_OK)
		return rc;
	rc = dz_sheet_read(u.content, (size_t)u.size, &sh, &w);
	dz_recon_upload_free(&u);	/* its name and SHA-256 stay in u */
	if (rc != DZ_OK)
		goto out;
	if (given != NULL)
		m = *given;
	else if (dz_recon_map_get(r->app->db, s, &m) != DZ_OK || !dz_ledger_map_ok(&m, sh.ncols))
		(void)dz_ledger_guess(&sh, &m);
	dz_set_int(r->hdf, "Map.Upload", id);
	dz_set(r->hdf, "Map.Filename", u.filename);
	dz_set(r->hdf, "Map.Sha256", u.sha256);
	dz_set(r->hdf, "Map.Encoding", sh.encoding);
	dz_set_int(r->hdf, "Map.NRows", (long long)sh.nrows);
	dz_set_int(r->hdf, "Map.NCols", (long long)sh.ncols);
	dz_set_int(r->hdf, "Map.Header", m.header + 1);
	dz_set_int(r->hdf, "Map.Negate", m.negate);
	for (c = 0; c < DZ_LCOL__MAX; c++) {
		snprintf(name, sizeof(name), "Map.Sel.%s", col_field[c]);
		dz_set(r->hdf, name, "");
		if (m.col[c] >= 0)
			dz_set_int(r->hdf, name, m.col[c]);
	}
	for (c = 0; c < sh.ncols; c++) {
		col_label(label, sizeof(label), c, m.header >= 0 ?
		    dz_sheet_cell(&sh, (size_t)m.header, c) : "");
		dz_set_idx_int(r->hdf, "Map.Cols", c, "Index", (long long)c);
		dz_set_idx(r->hdf, "Map.Cols", c, "Label", label);
	}
	/* The first rows from the header on (or the top), as text. */
	from = m.header >= 0 ? (size_t)m.header : 0;
	for (i = 0; i < PREVIEW_ROWS && from + i < sh.nrows; i++) {
		if ((row = dz_row(r->hdf, "Map.Rows", i)) == NULL)
			break;
		dz_set_int(row, "N", (long long)(from + i + 1));
		for (c = 0; c < sh.ncols; c++) {
			snprintf(name, sizeof(name), "Cells.%zu", c);
			dz_set(row, name, dz_sheet_cell(&sh, from + i, c));
		}
	}
	for (i = 0; i < 20 && i < sh.nrows; i++)
		dz_set_idx_int(r->hdf, "Map.HeaderChoices", i, "N", (long long)(i + 1));
out:
	dz_sheet_free(&sh);
	dz_recon_upload_free(&u);
	return rc;
}

enum dz_err
dz_recon_map_post(struct dz_req *r, const struct dz_store_stmt *s, long long id,
    const struct dz_actor *who, long long *rid, const char **why,
    struct dz_ledger_map *m, int *have_map)
{
	const char		*cl;
	int64_t			 closing;
	enum dz_err		 rc;

	*rid = 0;
	*why = NULL;
	/* Within lib/sheet's limits here; the run holds the map to the file
	 * itself (a column past its last is DZ_ERR_INVAL there). */
	*have_map = dz_recon_map_from_form(&r->body, DZ_SHEET_ROWS_MAX,
	    DZ_SHEET_COLS_MAX, m) == DZ_OK;
	if (!*have_map) {
		*why = LANG_recon_map_need;
		return DZ_ERR_INVAL;
	}
	cl = dz_form_get(&r->body, "their_closing");
	if (cl != NULL && cl[0] != '\0' && dz_ledger_amount(cl, &closing) != DZ_OK) {
		*why = LANG_recon_bad_amount;
		return DZ_ERR_INVAL;
	}
	rc = dz_recon_run_ledger(r->app->db, s, id, m,
	    cl != NULL && cl[0] != '\0' ? &closing : NULL, who, rid);
	if (rc == DZ_ERR_INVAL)
		*why = LANG_recon_map_bad;
	else if (rc == DZ_ERR_TOOBIG)
		*why = LANG_recon_too_many_runs;
	return rc;
}
