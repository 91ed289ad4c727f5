/*
 * store_recon.c: 账目核对 in the store (recon.h). A run reads the
 * statement's documents as our side (signed as the statement counts them),
 * builds the customer's side from their marks or their ledger, matches the
 * two (lib/match) and keeps, in one transaction, the 余额调节表's figures,
 * the lines that are not simply matched (and an 'unexplained' line when
 * their stated closing is not what their rows add up to), the statement's
 * new current run and mark, and an audit row.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ClearSilver.h>

#include "dz.h"
#include "audit.h"
#include "clock.h"
#include "crypt.h"
#include "db.h"
#include "ledger.h"
#include "lang.h"
#include "log.h"
#include "match.h"
#include "money.h"
#include "recon.h"
#include "sheet.h"
#include "stmt.h"
#include "store.h"
#include "utf8.h"
#include "view.h"

static const char *const res_codes[DZ_RES__MAX] = {
	[DZ_RES_EXPLAIN] = "explain",
	[DZ_RES_TIMING] = "timing",
	[DZ_RES_ACCEPT] = "accept",
};

const char *
dz_recon_res_code(enum dz_recon_res r)
{
	return (unsigned)r < DZ_RES__MAX ? res_codes[r] : "";
}

enum dz_err
dz_recon_res_from_code(const char *s, enum dz_recon_res *out)
{
	int	i;

	for (i = 0; s != NULL && i < DZ_RES__MAX; i++)
		if (strcmp(s, res_codes[i]) == 0) {
			*out = (enum dz_recon_res)i;
			return DZ_OK;
		}
	return DZ_ERR_INVAL;
}

/* A string cut to max bytes on a character boundary, into buf. */
static const char *
fit(const char *s, size_t max, char *buf, size_t sz)
{
	size_t	n = dz_utf8_fit(s, strlen(s), max < sz - 1 ? max : sz - 1);

	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static const char *
source_of(const struct dz_actor *who)
{
	return who->user_id != 0 ? "staff" : "customer";
}

/* ---- uploads --------------------------------------------------------- */

enum dz_err
dz_recon_upload_save(struct dz_db *db, const struct dz_store_stmt *s,
    const char *filename, const unsigned char *buf, size_t len,
    const struct dz_sheet *sh, const struct dz_actor *who, long long *id)
{
	char			 hex[DZ_SHA256_HEXLEN + 1], name[256];
	const char		*base, *p;
	unsigned long long	 aff = 0, nid = 0;
	enum dz_err		 rc;

	*id = 0;
	if (s->status == DZ_STMT_DELETED)
		return DZ_ERR_GONE;
	base = filename != NULL ? filename : "";
	for (p = base; *p != '\0'; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	if (!dz_utf8_valid(base, strlen(base)))
		base = "";
	dz_crypt_sha256_hex(buf, len, hex);
	{
		struct dz_rows	f;

		if ((rc = dz_db_q1(db, DZ_SQL_RECON_UPLOAD_FIND, &f, DZ_A_STR(hex),
		    DZ_A_INT(s->id))) != DZ_OK)
			return rc;
		*id = dz_db_cell_int(&f, 0, DZ_C_UFIND_ID);
		nid = (unsigned long long)dz_db_cell_int(&f, 0, DZ_C_UFIND_COUNT);
		dz_db_rows_free(&f);
		if (*id != 0)
			return DZ_OK;	/* the same file: the one kept */
		if (nid >= DZ_RECON_UPLOADS_MAX)
			return DZ_ERR_TOOBIG;
	}
	rc = dz_db_x(db, DZ_SQL_RECON_UPLOAD_INSERT, &aff, &nid, DZ_A_INT(s->id),
	    DZ_A_STR(source_of(who)),
	    who->user_id != 0 ? DZ_A_INT(who->user_id) : DZ_A_NULL,
	    who->link_id != 0 ? DZ_A_INT(who->link_id) : DZ_A_NULL,
	    DZ_A_STR(fit(base, 255, name, sizeof(name))),
	    DZ_A_STR(sh->kind == DZ_SHEET_XLSX ? "xlsx" : "csv"),
	    DZ_A_STR(sh->encoding != NULL ? sh->encoding : ""),
	    DZ_A_INT(len), DZ_A_STR(hex), DZ_A_INT(sh->nrows), DZ_A_INT(sh->ncols),
	    DZ_A_BLOB(buf, len), DZ_A_STR(who->ip != NULL ? who->ip : ""),
	    DZ_A_INT(s->id), DZ_A_INT(who->link_id), DZ_A_INT(who->link_id));
	if (rc != DZ_OK)
		return rc;
	if (aff != 1)
		return DZ_ERR_CONFLICT;
	*id = (long long)nid;
	return DZ_OK;
}

/* A text cell: NULL is "". */
static const char *
cell(const struct dz_rows *rows, size_t r, size_t c)
{
	const char	*v = dz_db_cell(rows, r, c);

	return v != NULL ? v : "";
}

static const struct dz_cellmap upload_map[] = {
	DZ_CELL(DZ_C_UPL_ID, struct dz_recon_upload, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_UPL_SOURCE, struct dz_recon_upload, source, DZ_CELL_STR),
	DZ_CELL(DZ_C_UPL_FILENAME, struct dz_recon_upload, filename, DZ_CELL_STR),
	DZ_CELL(DZ_C_UPL_KIND, struct dz_recon_upload, kind, DZ_CELL_STR),
	DZ_CELL(DZ_C_UPL_ENCODING, struct dz_recon_upload, encoding, DZ_CELL_STR),
	DZ_CELL(DZ_C_UPL_SHA256, struct dz_recon_upload, sha256, DZ_CELL_STR),
	DZ_CELL(DZ_C_UPL_AT, struct dz_recon_upload, at, DZ_CELL_STR),
	DZ_CELL(DZ_C_UPL_NROWS, struct dz_recon_upload, nrows, DZ_CELL_INT),
	DZ_CELL(DZ_C_UPL_NCOLS, struct dz_recon_upload, ncols, DZ_CELL_INT),
};

enum dz_err
dz_recon_upload_get(struct dz_db *db, long long sid, long long id,
    struct dz_recon_upload *u)
{
	struct dz_rows	*rows;
	enum dz_err	 rc;

	memset(u, 0, sizeof(*u));
	/* The file stays in the result it came in (5 MB is not copied). */
	if ((rows = calloc(1, sizeof(*rows))) == NULL)
		return DZ_ERR_NOMEM;
	if ((rc = dz_db_q1(db, DZ_SQL_RECON_UPLOAD_GET, rows, DZ_A_INT(id),
	    DZ_A_INT(sid))) != DZ_OK) {
		free(rows);
		return rc;
	}
	u->priv = rows;
	if ((rc = dz_db_fill(rows, 0, u, upload_map, DZ_NELEM(upload_map))) != DZ_OK) {
		dz_recon_upload_free(u);
		return rc;
	}
	/* the file itself is not copied: it stays in rows (u->priv) */
	u->content = (const unsigned char *)cell(rows, 0, DZ_C_UPL_CONTENT);
	u->size = (long long)dz_db_cell_len(rows, 0, DZ_C_UPL_CONTENT);
	return DZ_OK;
}

void
dz_recon_upload_free(struct dz_recon_upload *u)
{
	if (u->priv != NULL) {
		dz_db_rows_free(u->priv);
		free(u->priv);
	}
	u->priv = NULL;
	u->content = NULL;
}

enum dz_err
dz_recon_map_get(struct dz_db *db, const struct dz_store_stmt *s,
    struct dz_ledger_map *m)
{
	struct dz_rows	 rows;
	enum dz_err	 rc;

	if ((rc = dz_db_q1(db, DZ_SQL_RECON_MAP_GET, &rows,
	    DZ_A_INT(s->account_set_id), DZ_A_STR(s->customer_id))) != DZ_OK)
		return rc;
	rc = dz_ledger_map_parse(dz_db_cell(&rows, 0, DZ_C_NAME) != NULL ?
	    dz_db_cell(&rows, 0, DZ_C_NAME) : "", m);
	dz_db_rows_free(&rows);
	return rc == DZ_OK ? DZ_OK : DZ_ERR_NOTFOUND;
}

/* ---- a run ----------------------------------------------------------- */

/* Our side: the statement's documents, as match rows (strings in rows). */
struct ours {
	struct dz_rows		 rows;
	struct dz_match_row	*row;
	long long		*vch;		/* each row's vchcode */
	size_t			 n;
	int64_t			 opening, closing;
};

static void
ours_free(struct ours *o)
{
	dz_db_rows_free(&o->rows);
	free(o->row);
	free(o->vch);
	memset(o, 0, sizeof(*o));
}

static enum dz_err
ours_read(struct dz_db *db, const struct dz_store_stmt *s, struct ours *o)
{
	size_t		 i;
	int64_t		 sum = 0;
	enum dz_err	 rc;

	memset(o, 0, sizeof(*o));
	if ((rc = dz_db_q(db, DZ_SQL_STMT_DOCS, &o->rows, DZ_A_INT(s->id))) != DZ_OK)
		return rc;
	if (o->rows.nrows > DZ_MATCH_ROWS_MAX)
		return DZ_ERR_INVAL;
	if (o->rows.nrows > 0 &&
	    ((o->row = calloc(o->rows.nrows, sizeof(*o->row))) == NULL ||
	    (o->vch = calloc(o->rows.nrows, sizeof(*o->vch))) == NULL))
		return DZ_ERR_NOMEM;
	for (i = 0; i < o->rows.nrows; i++) {
		o->row[o->n].day = dz_date_day(cell(&o->rows, i, DZ_C_DOC_DATE));
		o->row[o->n].ref = cell(&o->rows, i, DZ_C_DOC_NUMBER);
		o->row[o->n].memo = cell(&o->rows, i, DZ_C_DOC_SUMMARY);
		o->row[o->n].amount = dz_money_cell(cell(&o->rows, i, DZ_C_DOC_AMOUNT));
		/* lib/match takes no zero amount of ours: it counts for nothing */
		if (o->row[o->n].amount == 0)
			continue;
		o->vch[o->n] = dz_db_cell_int(&o->rows, i, DZ_C_DOC_VCHCODE);
		sum += o->row[o->n].amount;
		o->n++;
	}
	o->opening = s->with_opening ? s->totals.opening : 0;
	o->closing = o->opening + sum;
	if (o->closing != s->totals.closing)
		dz_log_warn("recon: statement %lld: documents add up to %lld fen, "
		    "its closing is %lld", s->id, (long long)o->closing,
		    (long long)s->totals.closing);
	return DZ_OK;
}

/* The customer's side with where each row came from (for the lines). */
struct theirs {
	struct dz_match_row	*row;
	size_t			 n;
	const size_t		*sheet_row;	/* ledger: each row's index in the file */
	const int64_t		*opening;	/* NULL: the same as ours */
	const int64_t		*closing;	/* NULL: none given */
	size_t			 skipped;
	const char		*method;	/* balance, ledger */
	long long		 upload_id;
	const char		*map;
};

static const char *
day_text(long day, char out[DZ_DATE_LEN + 1])
{
	if (day < 0 || dz_date_add_days("1970-01-01", (int)day, out) != 0)
		out[0] = '\0';
	return out;
}

static struct dz_dbarg
date_arg(const char *d)
{
	return d[0] != '\0' ? DZ_A_STR(d) : DZ_A_NULL;
}

/* Append sep and s to buf of sz bytes (no sep before the first), cut on a
 * character boundary; an empty s adds nothing. */
static void
join(char *buf, size_t sz, const char *sep, const char *s)
{
	size_t	n = strlen(buf), sl = strlen(sep), k;

	if (s == NULL || s[0] == '\0')
		return;
	if (n > 0) {
		if (n + sl >= sz)
			return;
		memcpy(buf + n, sep, sl);
		n += sl;
	}
	k = dz_utf8_fit(s, strlen(s), sz - 1 - n);
	memcpy(buf + n, s, k);
	buf[n + k] = '\0';
}

static enum dz_err
line_insert(struct dz_db *db, long long rid, long seq,
    const struct dz_match_line *l, const struct ours *o, const struct theirs *t)
{
	char		 nums[201] = "", ref[301] = "", memo[301] = "", rws[41] = "";
	char		 od[DZ_DATE_LEN + 1] = "", td[DZ_DATE_LEN + 1] = "", num[24];
	char		 ma[DZ_MONEY_BUFSZ], ta[DZ_MONEY_BUFSZ], da[DZ_MONEY_BUFSZ];
	size_t		 i;

	for (i = 0; i < l->nours; i++)
		join(nums, sizeof(nums), " ", o->row[l->ours[i]].ref);
	if (l->nours > 0)
		day_text(o->row[l->ours[0]].day, od);
	for (i = 0; i < l->ntheirs; i++) {
		const struct dz_match_row *r = &t->row[l->theirs[i]];

		join(ref, sizeof(ref), " / ", r->ref);
		join(memo, sizeof(memo), " / ", r->memo);
		if (t->sheet_row != NULL) {
			snprintf(num, sizeof(num), "%zu", t->sheet_row[l->theirs[i]] + 1);
			join(rws, sizeof(rws), ",", num);
		}
	}
	if (l->ntheirs > 0)
		day_text(t->row[l->theirs[0]].day, td);
	return dz_db_x(db, DZ_SQL_RECON_LINE_INSERT, NULL, NULL, DZ_A_INT(rid),
	    DZ_A_INT(seq), DZ_A_STR(dz_match_kind_code(l->kind)),
	    DZ_A_STR(dz_match_how_code(l->how)), DZ_A_INT(l->tie), DZ_A_STR(nums),
	    date_arg(od), DZ_A_STR(dz_money_format_plain(l->ours_sum, ma, sizeof(ma))),
	    DZ_A_STR(ref), DZ_A_STR(memo), date_arg(td), DZ_A_STR(rws),
	    DZ_A_STR(dz_money_format_plain(l->theirs_sum, ta, sizeof(ta))),
	    DZ_A_STR(dz_money_format_plain(l->delta, da, sizeof(da))));
}

/* Lines that are simply matched are counted, not kept. */
static int
kept(enum dz_match_kind k)
{
	return k != DZ_MATCH_EXACT;
}

static int
differs(enum dz_match_kind k)
{
	return k != DZ_MATCH_EXACT && k != DZ_MATCH_SPLIT;
}

static enum dz_err
run_once(struct dz_db *db, const struct dz_store_stmt *s, const struct ours *o,
    const struct theirs *t, const struct dz_match_result *res,
    const struct dz_actor *who, long long *rid)
{
	const struct dz_match_recon *rc_ = &res->recon;
	char		 m[9][DZ_MONEY_BUFSZ], obj[48], detail[300], u[DZ_MONEY_BUFSZ];
	unsigned long long aff = 0, nid = 0;
	size_t		 i, matched = 0, diff = 0;
	long		 seq = 0;
	int64_t		 timing;
	enum dz_err	 rc;

	for (i = 0; i < res->nlines; i++) {
		if (differs(res->line[i].kind))
			diff++;
		else
			matched++;
	}
	if (rc_->unexplained != 0)
		diff++;
	timing = rc_->by_kind[DZ_MATCH_TIMING_OURS] + rc_->by_kind[DZ_MATCH_TIMING_THEIRS];
	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_RECON_INSERT, NULL, &nid, DZ_A_INT(s->id),
	    DZ_A_STR(source_of(who)),
	    who->user_id != 0 ? DZ_A_INT(who->user_id) : DZ_A_NULL,
	    DZ_A_STR(who->username != NULL ? who->username : ""),
	    who->link_id != 0 ? DZ_A_INT(who->link_id) : DZ_A_NULL,
	    DZ_A_STR(t->method), t->upload_id != 0 ? DZ_A_INT(t->upload_id) : DZ_A_NULL,
	    DZ_A_STR(t->map != NULL ? t->map : ""),
	    DZ_A_STR(dz_money_format_plain(rc_->our_opening, m[0], sizeof(m[0]))),
	    DZ_A_STR(dz_money_format_plain(rc_->our_closing, m[1], sizeof(m[1]))),
	    DZ_A_STR(dz_money_format_plain(rc_->their_opening, m[2], sizeof(m[2]))),
	    DZ_A_STR(dz_money_format_plain(rc_->their_closing, m[3], sizeof(m[3]))),
	    DZ_A_INT(rc_->their_closing_given),
	    DZ_A_STR(dz_money_format_plain(rc_->opening_diff, m[4], sizeof(m[4]))),
	    DZ_A_STR(dz_money_format_plain(rc_->by_kind[DZ_MATCH_AMOUNT], m[5], sizeof(m[5]))),
	    DZ_A_STR(dz_money_format_plain(timing, m[6], sizeof(m[6]))),
	    DZ_A_STR(dz_money_format_plain(rc_->by_kind[DZ_MATCH_ONLY_OURS], m[7], sizeof(m[7]))),
	    DZ_A_STR(dz_money_format_plain(rc_->by_kind[DZ_MATCH_ONLY_THEIRS], m[8], sizeof(m[8]))),
	    DZ_A_STR(dz_money_format_plain(rc_->unexplained, u, sizeof(u))),
	    DZ_A_INT(o->n), DZ_A_INT(t->n), DZ_A_INT(matched), DZ_A_INT(diff),
	    DZ_A_INT(t->skipped), DZ_A_STR(who->ip != NULL ? who->ip : ""));
	for (i = 0; rc == DZ_OK && i < res->nlines; i++)
		if (kept(res->line[i].kind))
			rc = line_insert(db, (long long)nid, ++seq, &res->line[i], o, t);
	if (rc == DZ_OK && rc_->unexplained != 0) {
		struct dz_match_line	 x;

		memset(&x, 0, sizeof(x));
		x.how = DZ_HOW_NONE;
		x.delta = rc_->unexplained;
		x.theirs_sum = rc_->unexplained;
		rc = dz_db_x(db, DZ_SQL_RECON_LINE_INSERT, NULL, NULL, DZ_A_INT(nid),
		    DZ_A_INT(++seq), DZ_A_STR("unexplained"), DZ_A_STR("none"), DZ_A_INT(0),
		    DZ_A_STR(""), DZ_A_NULL, DZ_A_STR("0.00"), DZ_A_STR(""), DZ_A_STR(""),
		    DZ_A_NULL, DZ_A_STR(""), DZ_A_STR(u), DZ_A_STR(u));
	}
	if (rc == DZ_OK)
		rc = dz_db_x(db, DZ_SQL_RECON_SET_STMT, &aff, NULL, DZ_A_INT(nid),
		    DZ_A_STR(diff > 0 ? "diff" : "ok"), DZ_A_INT(s->id),
		    DZ_A_INT(who->link_id), DZ_A_INT(who->link_id));
	if (rc == DZ_OK && aff != 1)
		rc = DZ_ERR_CONFLICT;
	if (rc == DZ_OK) {
		snprintf(obj, sizeof(obj), "statement:%lld", s->id);
		snprintf(detail, sizeof(detail), "run %llu %s: %zu matched, %zu differ, "
		    "unexplained %s", nid, t->method, matched, diff, u);
		rc = dz_audit(db, who->user_id, who->username != NULL ? who->username :
		    LANG_audit_customer, "recon", obj, detail, who->ip);
	}
	if (rc == DZ_OK && (rc = dz_db_commit(db)) == DZ_OK) {
		*rid = (long long)nid;
		return DZ_OK;
	}
	dz_db_rollback(db);
	return rc;
}

static int
fits(int64_t v)
{
	return v >= -DZ_MONEY_MAX && v <= DZ_MONEY_MAX;
}

static int
figures_fit(const struct dz_match_recon *r)
{
	int	k;

	if (!fits(r->their_opening) || !fits(r->their_closing) ||
	    !fits(r->opening_diff) || !fits(r->unexplained) ||
	    !fits(r->by_kind[DZ_MATCH_TIMING_OURS] + r->by_kind[DZ_MATCH_TIMING_THEIRS]))
		return 0;
	for (k = 0; k < DZ_MATCH__MAX; k++)
		if (!fits(r->by_kind[k]))
			return 0;
	return 1;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static enum dz_err
run(struct dz_db *db, const struct dz_store_stmt *s, const struct ours *o,
    const struct theirs *t, const struct dz_actor *who, long long *rid)
{
	struct dz_match_opts	 opts;
	struct dz_match_result	 res;
	enum dz_err		 rc;
	int			 i = 0;

	*rid = 0;
	if (s->status == DZ_STMT_DELETED)
		return DZ_ERR_GONE;
	{
		struct dz_rows	c;
		long long	n;

		if ((rc = dz_db_q1(db, DZ_SQL_RECON_RUN_COUNT, &c, DZ_A_INT(s->id))) != DZ_OK)
			return rc;
		n = dz_db_cell_int(&c, 0, DZ_C_COUNT_N);
		dz_db_rows_free(&c);
		if (n >= DZ_RECON_RUNS_MAX)
			return DZ_ERR_TOOBIG;
	}
	dz_match_opts_default(&opts, dz_date_day(s->to));
	rc = dz_match(o->row, o->n, t->row, t->n, o->opening, o->closing,
	    t->opening, t->closing, &opts, &res);
	/* Every figure kept fits its column (DECIMAL(18,2)) with room: their
	 * rows are each within DZ_MONEY_MAX, their sums need not be. */
	if (rc == DZ_OK && !figures_fit(&res.recon))
		rc = DZ_ERR_INVAL;
	if (rc == DZ_OK) {
		do
			rc = run_once(db, s, o, t, &res, who, rid);
		while (dz_db_again(db, rc, &i));
	}
	dz_match_result_free(&res);
	if (rc == DZ_OK)
		dz_log_info("recon: statement %lld: run %lld (%s, %zu of ours, %zu of theirs)",
		    s->id, *rid, t->method, o->n, t->n);
	return rc;
}

enum dz_err
dz_recon_run_marks(struct dz_db *db, const struct dz_store_stmt *s,
    const struct dz_recon_mark *marks, size_t nmarks, const int64_t *their_closing,
    const struct dz_actor *who, long long *rid)
{
	struct ours	 o;
	struct theirs	 t;
	long long	*all = NULL;
	size_t		 i, j;
	enum dz_err	 rc;

	*rid = 0;
	memset(&t, 0, sizeof(t));
	if ((rc = ours_read(db, s, &o)) != DZ_OK)
		goto out;
	/* Each mark names a document of the statement: the vchcodes sorted
	 * once, each mark looked up (2,000 marks on 20,000 documents). */
	if (o.rows.nrows > 0 && (all = calloc(o.rows.nrows, sizeof(*all))) == NULL) {
		rc = DZ_ERR_NOMEM;
		goto out;
	}
	for (i = 0; i < o.rows.nrows; i++)
		all[i] = dz_db_cell_int(&o.rows, i, DZ_C_DOC_VCHCODE);
	if (o.rows.nrows > 0)
		qsort(all, o.rows.nrows, sizeof(*all), cmp_ll);
	for (j = 0; j < nmarks; j++)
		if (o.rows.nrows == 0 || bsearch(&marks[j].vchcode, all, o.rows.nrows,
		    sizeof(*all), cmp_ll) == NULL || marks[j].amount < 0 ||
		    marks[j].amount > DZ_MONEY_MAX) {
			rc = DZ_ERR_INVAL;
			goto out;
		}
	if (o.n + nmarks > 0 && (t.row = calloc(o.n + nmarks, sizeof(*t.row))) == NULL) {
		rc = DZ_ERR_NOMEM;
		goto out;
	}
	/* Theirs: each of ours as they booked it, but for what they marked. */
	for (i = 0; i < o.n; i++) {
		const struct dz_recon_mark *mk = NULL;

		/* (the marks are few: a customer marks what differs) */
		for (j = 0; j < nmarks && mk == NULL; j++)
			if (marks[j].vchcode == o.vch[i])
				mk = &marks[j];
		if (mk != NULL && mk->none)
			continue;
		t.row[t.n] = o.row[i];
		if (mk != NULL)
			t.row[t.n].amount = o.row[i].amount < 0 ? -mk->amount : mk->amount;
		if (t.row[t.n].amount != 0)
			t.n++;
	}
	/* A document of ours for 0.00 (left out of our side) that they say
	 * they booked for an amount: theirs alone, signed by its type. */
	for (j = 0; j < nmarks; j++) {
		const char	*type;

		if (marks[j].none || marks[j].amount == 0)
			continue;
		for (i = 0; i < o.rows.nrows; i++)
			if (dz_db_cell_int(&o.rows, i, DZ_C_DOC_VCHCODE) == marks[j].vchcode)
				break;
		if (i == o.rows.nrows ||
		    dz_money_cell(cell(&o.rows, i, DZ_C_DOC_AMOUNT)) != 0)
			continue;
		type = cell(&o.rows, i, DZ_C_DOC_TYPE);
		t.row[t.n].day = dz_date_day(cell(&o.rows, i, DZ_C_DOC_DATE));
		t.row[t.n].ref = cell(&o.rows, i, DZ_C_DOC_NUMBER);
		t.row[t.n].memo = cell(&o.rows, i, DZ_C_DOC_SUMMARY);
		t.row[t.n].amount = strcmp(type, "sale") == 0 || strcmp(type, "ar_inc") == 0 ?
		    marks[j].amount : -marks[j].amount;
		t.n++;
	}
	t.closing = their_closing;
	t.method = "balance";
	rc = run(db, s, &o, &t, who, rid);
out:
	free(all);
	free(t.row);
	ours_free(&o);
	return rc;
}

enum dz_err
dz_recon_run_ledger(struct dz_db *db, const struct dz_store_stmt *s,
    long long upload_id, const struct dz_ledger_map *m, const int64_t *their_closing,
    const struct dz_actor *who, long long *rid)
{
	struct dz_recon_upload	 u;
	struct dz_sheet		 sh;
	struct dz_ledger	 l;
	struct ours		 o;
	struct theirs		 t;
	enum dz_sheet_why	 why;
	char			 map[128];
	enum dz_err		 rc;

	*rid = 0;
	memset(&sh, 0, sizeof(sh));
	memset(&l, 0, sizeof(l));
	memset(&o, 0, sizeof(o));
	memset(&t, 0, sizeof(t));
	if ((rc = dz_recon_upload_get(db, s->id, upload_id, &u)) != DZ_OK)
		return rc;
	rc = dz_sheet_read(u.content, (size_t)u.size, &sh, &why);
	/* the sheet holds copies of its cells: the file can go */
	dz_recon_upload_free(&u);
	if (rc != DZ_OK)
		goto out;
	if (!dz_ledger_map_ok(m, sh.ncols) ||
	    dz_ledger_map_format(m, map, sizeof(map)) != DZ_OK) {
		rc = DZ_ERR_INVAL;
		goto out;
	}
	if ((rc = dz_ledger_read(&sh, m, &l)) != DZ_OK)
		goto out;
	/* a header on the last row (or past it) reads nothing: not "they
	 * booked none of ours" */
	if (l.nrows == 0) {
		rc = DZ_ERR_INVAL;
		goto out;
	}
	if ((rc = ours_read(db, s, &o)) != DZ_OK)
		goto out;
	t.row = l.row;
	t.n = l.nrows;
	t.sheet_row = l.sheet_row;
	t.opening = l.has_opening ? &l.opening : NULL;
	t.closing = their_closing != NULL ? their_closing : l.has_closing ? &l.closing : NULL;
	t.skipped = l.skipped;
	t.method = "ledger";
	t.upload_id = upload_id;
	t.map = map;
	if ((rc = run(db, s, &o, &t, who, rid)) == DZ_OK &&
	    dz_db_x(db, DZ_SQL_RECON_MAP_PUT, NULL, NULL, DZ_A_INT(s->account_set_id),
	    DZ_A_STR(s->customer_id), DZ_A_STR(map)) != DZ_OK)
		/* the run is kept; only next time's guess is lost */
		dz_log_warn("recon: statement %lld: the column map was not remembered", s->id);
out:
	ours_free(&o);
	dz_ledger_free(&l);
	dz_sheet_free(&sh);
	dz_recon_upload_free(&u);
	return rc;
}

/* ---- reading a run --------------------------------------------------- */

/* A run's columns and its lines' as the pages name them: one table each. */
enum rcell { RC_STR, RC_INT, RC_MONEY };
struct rfield {
	const char	*name;
	int		 col;
	enum rcell	 t;
};

static const struct rfield run_fields[] = {
	{ "Source", DZ_C_RECON_SOURCE, RC_STR },
	{ "User", DZ_C_RECON_USER, RC_STR },
	{ "Method", DZ_C_RECON_METHOD, RC_STR },
	{ "At", DZ_C_RECON_AT, RC_STR },
	{ "Upload", DZ_C_RECON_UPLOAD, RC_INT },
	{ "OurClosing", DZ_C_RECON_OUR_CLOSING, RC_MONEY },
	{ "TheirClosing", DZ_C_RECON_THEIR_CLOSING, RC_MONEY },
	{ "Given", DZ_C_RECON_GIVEN, RC_INT },
	{ "OpeningDiff", DZ_C_RECON_OPENING_DIFF, RC_MONEY },
	{ "DAmount", DZ_C_RECON_D_AMOUNT, RC_MONEY },
	{ "DTiming", DZ_C_RECON_D_TIMING, RC_MONEY },
	{ "DOnlyOurs", DZ_C_RECON_D_ONLY_OURS, RC_MONEY },
	{ "DOnlyTheirs", DZ_C_RECON_D_ONLY_THEIRS, RC_MONEY },
	{ "Unexplained", DZ_C_RECON_UNEXPLAINED, RC_MONEY },
	{ "NOurs", DZ_C_RECON_N_OURS, RC_INT },
	{ "NTheirs", DZ_C_RECON_N_THEIRS, RC_INT },
	{ "NMatched", DZ_C_RECON_N_MATCHED, RC_INT },
	{ "NDiff", DZ_C_RECON_N_DIFF, RC_INT },
	{ "Skipped", DZ_C_RECON_SKIPPED, RC_INT },
	{ "FileName", DZ_C_RECON_FILENAME, RC_STR },
	{ "FileSha256", DZ_C_RECON_SHA256, RC_STR },
};

static const struct rfield line_fields[] = {
	{ "Seq", DZ_C_RLINE_SEQ, RC_INT },
	{ "Kind", DZ_C_RLINE_KIND, RC_STR },
	{ "How", DZ_C_RLINE_HOW, RC_STR },
	{ "Tie", DZ_C_RLINE_TIE, RC_INT },
	{ "OurNumbers", DZ_C_RLINE_OUR_NUMBERS, RC_STR },
	{ "OurDate", DZ_C_RLINE_OUR_DATE, RC_STR },
	{ "OurAmount", DZ_C_RLINE_OUR_AMOUNT, RC_MONEY },
	{ "TheirRef", DZ_C_RLINE_THEIR_REF, RC_STR },
	{ "TheirMemo", DZ_C_RLINE_THEIR_MEMO, RC_STR },
	{ "TheirDate", DZ_C_RLINE_THEIR_DATE, RC_STR },
	{ "TheirRows", DZ_C_RLINE_THEIR_ROWS, RC_STR },
	{ "TheirAmount", DZ_C_RLINE_THEIR_AMOUNT, RC_MONEY },
	{ "Delta", DZ_C_RLINE_DELTA, RC_MONEY },
	{ "Res.Action", DZ_C_RLINE_RES_ACTION, RC_STR },
	{ "Res.Note", DZ_C_RLINE_RES_NOTE, RC_STR },
	{ "Res.User", DZ_C_RLINE_RES_USER, RC_STR },
	{ "Res.At", DZ_C_RLINE_RES_AT, RC_STR },
};

/* Row r of rows into node (the fields' names relative to it). */
static void
fill(HDF *node, const struct dz_rows *rows, size_t r, const struct rfield *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		switch (f[i].t) {
		case RC_STR:
			dz_set(node, f[i].name, cell(rows, r, (size_t)f[i].col));
			break;
		case RC_INT:
			dz_set_int(node, f[i].name, dz_db_cell_int(rows, r, (size_t)f[i].col));
			break;
		case RC_MONEY:
			dz_set_money(node, f[i].name, dz_money_cell(cell(rows, r, (size_t)f[i].col)));
			break;
		}
}

enum dz_err
dz_recon_to_hdf(struct dz_db *db, HDF *hdf, const struct dz_store_stmt *s)
{
	struct dz_rows	 rows, lines;
	const char	*kind;
	size_t		 i, open = 0;
	HDF		*row;
	enum dz_err	 rc;

	if (s->recon_id == 0)
		return DZ_OK;
	rc = dz_db_q1(db, DZ_SQL_RECON_GET, &rows, DZ_A_INT(s->recon_id), DZ_A_INT(s->id));
	if (rc == DZ_ERR_NOTFOUND)
		return DZ_OK;
	if (rc != DZ_OK)
		return rc;
	if ((rc = dz_db_q(db, DZ_SQL_RECON_LINES, &lines, DZ_A_INT(s->recon_id),
	    DZ_A_INT(DZ_RECON_LINES_SHOWN))) != DZ_OK) {
		dz_db_rows_free(&rows);
		return rc;
	}
	dz_set_int(hdf, "Recon.Id", s->recon_id);
	dz_set(hdf, "Recon.State", s->recon_state);
	/* Recon exists now (unless out of memory: then the page goes without) */
	if ((row = hdf_get_obj(hdf, "Recon")) != NULL)
		fill(row, &rows, 0, run_fields, DZ_NELEM(run_fields));
	dz_db_rows_free(&rows);
	for (i = 0; i < lines.nrows; i++) {
		if ((row = dz_row(hdf, "Recon.Lines", i)) == NULL)
			break;
		fill(row, &lines, i, line_fields, DZ_NELEM(line_fields));
		kind = cell(&lines, i, DZ_C_RLINE_KIND);
		/* the 余额调节表 shows a kind's row when it has lines, even if
		 * their differences cancel out (+100 and -100 in 在途) */
		{
			char	has[48];

			snprintf(has, sizeof(has), "Recon.Has.%s", kind);
			dz_set_int(hdf, has, 1);
		}
		/* a split is matched (shown for what it joined), not a difference */
		dz_set_int(row, "Differs", strcmp(kind, "split") != 0);
		if (strcmp(kind, "split") != 0 &&
		    cell(&lines, i, DZ_C_RLINE_RES_ACTION)[0] == '\0')
			open++;
	}
	/* A page shows the first lines only (a file of 50,000 rows none of
	 * which match would be 50,000 lines): how many there are, and how
	 * many wait, are counted. */
	if (lines.nrows == DZ_RECON_LINES_SHOWN) {
		struct dz_rows	c;

		if (dz_db_q1(db, DZ_SQL_RECON_LINE_COUNT, &c, DZ_A_INT(s->recon_id)) == DZ_OK) {
			dz_set_int(hdf, "Recon.LinesTotal", dz_db_cell_int(&c, 0, DZ_C_COUNT_N));
			dz_db_rows_free(&c);
		}
		if (dz_db_q1(db, DZ_SQL_RECON_OPEN, &c, DZ_A_INT(s->recon_id)) == DZ_OK) {
			open = (size_t)dz_db_cell_int(&c, 0, DZ_C_COUNT_N);
			dz_db_rows_free(&c);
		}
		dz_set_int(hdf, "Recon.LinesShown", DZ_RECON_LINES_SHOWN);
	}
	dz_set_int(hdf, "Recon.Open", (long long)open);
	dz_db_rows_free(&lines);
	return DZ_OK;
}

/* ---- resolutions ----------------------------------------------------- */

static enum dz_err
resolve_once(struct dz_db *db, const struct dz_store_stmt *s, long long rid,
    long seq, enum dz_recon_res act, const char *note, const struct dz_actor *who)
{
	struct dz_rows		 rows;
	unsigned long long	 aff = 0;
	char			 obj[48], detail[700], nb[2001];
	long long		 open;
	enum dz_err		 rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	/* Two clerks resolving a run's last lines at once: the second counts
	 * after the first has committed (else both see one open, and the mark
	 * stays "diff" with nothing left). */
	if ((rc = dz_db_q1(db, DZ_SQL_RECON_LOCK, &rows, DZ_A_INT(s->id))) == DZ_OK)
		dz_db_rows_free(&rows);
	if (rc == DZ_OK)
		rc = dz_db_x(db, DZ_SQL_RECON_RESOLVE, &aff, NULL, DZ_A_INT(rid),
	    DZ_A_STR(dz_recon_res_code(act)), DZ_A_STR(fit(note, 2000, nb, sizeof(nb))),
	    DZ_A_INT(who->user_id), DZ_A_STR(who->username), DZ_A_INT(rid), DZ_A_INT(seq));
	if (rc == DZ_OK && aff != 1)
		rc = DZ_ERR_NOTFOUND;
	if (rc == DZ_OK && (rc = dz_db_q1(db, DZ_SQL_RECON_OPEN, &rows, DZ_A_INT(rid))) == DZ_OK) {
		open = dz_db_cell_int(&rows, 0, DZ_C_COUNT_N);
		dz_db_rows_free(&rows);
		rc = dz_db_x(db, DZ_SQL_RECON_SET_STATE, &aff, NULL,
		    DZ_A_STR(open > 0 ? "diff" : "ok"), DZ_A_INT(s->id), DZ_A_INT(rid));
		if (rc == DZ_OK && aff != 1)
			rc = DZ_ERR_CONFLICT;
	}
	if (rc == DZ_OK) {
		snprintf(obj, sizeof(obj), "statement:%lld", s->id);
		snprintf(detail, sizeof(detail), "run %lld line %ld: %s %s", rid, seq,
		    dz_recon_res_code(act), nb);
		detail[dz_utf8_fit(detail, strlen(detail), 600)] = '\0';
		rc = dz_audit(db, who->user_id, who->username, "recon_resolve", obj,
		    detail, who->ip);
	}
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_recon_resolve(struct dz_db *db, const struct dz_store_stmt *s, long long rid,
    long seq, enum dz_recon_res act, const char *note, const struct dz_actor *who)
{
	enum dz_err	rc;
	int		i = 0;

	if (s->status == DZ_STMT_DELETED)
		return DZ_ERR_GONE;
	if (rid != s->recon_id || rid == 0)
		return DZ_ERR_CONFLICT;
	if ((unsigned)act >= DZ_RES__MAX || who->user_id == 0)
		return DZ_ERR_INVAL;
	do
		rc = resolve_once(db, s, rid, seq, act, note != NULL ? note : "", who);
	while (dz_db_again(db, rc, &i));
	return rc;
}
