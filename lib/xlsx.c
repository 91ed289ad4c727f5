/*
 * xlsx.c: the workbooks of lib/xlsx.h. One private struct book per
 * workbook: its temporary file, its one sheet and its formats. Every
 * write goes through a helper that remembers a failure, so the code that
 * lays out a sheet reads as the sheet does, and one check at the close
 * tells whether the file is whole.
 *
 * NOTE: text goes only through put_text (worksheet_write_string); this
 * file never calls worksheet_write_formula or any other function that
 * makes a formula, so no cell is ever computed from data.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "dz.h"
#include "lang.h"
#include "log.h"
#include "money.h"
#include "stmt.h"
#include "store.h"
#include "xlsx.h"

#define FMT_MONEY	"#,##0.00;[Red]-#,##0.00"
#define FMT_DATE	"yyyy-mm-dd"
#define FMT_TIME	"yyyy-mm-dd hh:mm"
#define FMT_QTY		"#,##0.00##"
#define FMT_INT		"0"
#define PAPER_A4	9

struct book {
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	lxw_format	*money, *money_bold, *date, *time, *qty, *integer;
	lxw_format	*head, *title, *bold, *wrap;
	char		 path[512];
	int		 fd;
	lxw_error	 err;		/* the first failed write, or LXW_NO_ERROR */
};

struct dz_xlsx_list {
	struct book	 b;
	lxw_row_t	 row;		/* the next row to write */
};

static const char *
tmp_dir(const char *dir)
{
	const char	*env;

	if (dir != NULL && *dir != '\0')
		return dir;
	if ((env = getenv("TMPDIR")) != NULL && *env == '/')
		return env;
	return "/tmp";
}

static lxw_format *
format(struct book *b, const char *num, int bold)
{
	lxw_format	*f;

	if ((f = workbook_add_format(b->wb)) == NULL)
		return NULL;
	if (num != NULL)
		format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	return f;
}

/* Drop a workbook that will not be sent: no file is left behind. */
static void
book_drop(struct book *b)
{
	if (b->wb != NULL)
		lxw_workbook_free(b->wb);
	b->wb = NULL;
	if (b->fd != -1) {
		unlink(b->path);
		close(b->fd);
		b->fd = -1;
	}
}

/*
 * A workbook of one sheet named sheet in a new temporary file, printed on
 * A4 fitted to its width, with the formats every sheet uses.
 */
static enum dz_err
book_open(struct book *b, const char *tmpdir, const char *sheet, int landscape)
{
	lxw_workbook_options	 o;
	const char		*dir = tmp_dir(tmpdir);
	int			 n;

	memset(b, 0, sizeof(*b));
	b->fd = -1;
	n = snprintf(b->path, sizeof(b->path), "%s/dz-xlsx-XXXXXX", dir);
	if (n < 0 || (size_t)n >= sizeof(b->path)) {
		dz_log_err("xlsx: temporary folder name too long: %s", dir);
		return DZ_ERR_IO;
	}
	/* 0600, a name no one else has; libxlsxwriter opens it again by name. */
	if ((b->fd = mkstemp(b->path)) == -1) {
		dz_log_err("xlsx: cannot make a temporary file in %s: %s", dir,
		    strerror(errno));
		return DZ_ERR_IO;
	}
	memset(&o, 0, sizeof(o));
	o.constant_memory = LXW_TRUE;
	o.tmpdir = (char *)dir;
	if ((b->wb = workbook_new_opt(b->path, &o)) == NULL ||
	    (b->ws = workbook_add_worksheet(b->wb, sheet)) == NULL ||
	    (b->money = format(b, FMT_MONEY, 0)) == NULL ||
	    (b->money_bold = format(b, FMT_MONEY, 1)) == NULL ||
	    (b->date = format(b, FMT_DATE, 0)) == NULL ||
	    (b->time = format(b, FMT_TIME, 0)) == NULL ||
	    (b->qty = format(b, FMT_QTY, 0)) == NULL ||
	    (b->integer = format(b, FMT_INT, 0)) == NULL ||
	    (b->head = format(b, NULL, 1)) == NULL ||
	    (b->title = format(b, NULL, 1)) == NULL ||
	    (b->bold = format(b, NULL, 1)) == NULL ||
	    (b->wrap = format(b, NULL, 0)) == NULL) {
		dz_log_err("xlsx: cannot start a workbook");
		book_drop(b);
		return DZ_ERR_NOMEM;
	}
	format_set_bottom(b->head, LXW_BORDER_THIN);
	format_set_bg_color(b->head, 0xEEEEEE);
	format_set_font_size(b->title, 14);
	format_set_text_wrap(b->wrap);
	format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
	worksheet_set_paper(b->ws, PAPER_A4);
	worksheet_fit_to_pages(b->ws, 1, 0);	/* one page wide, as long as it takes */
	if (landscape)
		worksheet_set_landscape(b->ws);
	return DZ_OK;
}

/* Write the workbook out and hand over its file, unlinked, at offset 0. */
static enum dz_err
book_close(struct book *b, int *fd, size_t *size)
{
	struct stat	st;
	lxw_error	e;

	*fd = -1;
	*size = 0;
	e = workbook_close(b->wb);	/* frees it, whatever it returns */
	b->wb = NULL;
	if (e == LXW_NO_ERROR)
		e = b->err;
	if (e != LXW_NO_ERROR) {
		dz_log_err("xlsx: workbook not written: %s", lxw_strerror(e));
		book_drop(b);
		return DZ_ERR_IO;
	}
	/* libxlsxwriter wrote the inode our descriptor holds (fopen "wb"
	 * truncates, it does not replace). */
	if (unlink(b->path) == -1 || fstat(b->fd, &st) == -1 ||
	    lseek(b->fd, 0, SEEK_SET) == (off_t)-1) {
		dz_log_err("xlsx: temporary file %s: %s", b->path, strerror(errno));
		book_drop(b);
		return DZ_ERR_IO;
	}
	*fd = b->fd;
	*size = (size_t)st.st_size;
	b->fd = -1;
	return DZ_OK;
}

static void
note(struct book *b, lxw_error e)
{
	if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
		b->err = e;
}

/* Text as text, always (an empty one leaves the cell empty). */
static void
put_text(struct book *b, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
	if (s == NULL || *s == '\0')
		return;
	note(b, worksheet_write_string(b->ws, r, c, s, f));
}

static void
put_money(struct book *b, lxw_row_t r, lxw_col_t c, int64_t fen, lxw_format *f)
{
	/* |fen| <= DZ_MONEY_MAX < 2^53: the double is exact in fen. */
	note(b, worksheet_write_number(b->ws, r, c, (double)fen / 100.0,
	    f != NULL ? f : b->money));
}

static void
put_number(struct book *b, lxw_row_t r, lxw_col_t c, double v, lxw_format *f)
{
	note(b, worksheet_write_number(b->ws, r, c, v, f));
}

/* n digits at s as a number, or -1. */
static int
digits(const char *s, int n)
{
	int	v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/*
 * "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" as a date (or date and time) cell;
 * anything else (there should be nothing else) as the text it is. By
 * hand, not sscanf: it runs three times a row of a 100,000-row export.
 */
static void
put_date(struct book *b, lxw_row_t r, lxw_col_t c, const char *s)
{
	lxw_datetime	dt;
	size_t		n;
	int		timed;

	if (s == NULL || *s == '\0')
		return;
	n = strlen(s);
	timed = n == 16;
	memset(&dt, 0, sizeof(dt));
	if ((n == 10 || n == 16) && s[4] == '-' && s[7] == '-' &&
	    (!timed || (s[10] == ' ' && s[13] == ':')) &&
	    (dt.year = digits(s, 4)) >= 1900 && dt.year <= 9999 &&
	    (dt.month = digits(s + 5, 2)) >= 1 && dt.month <= 12 &&
	    (dt.day = digits(s + 8, 2)) >= 1 && dt.day <= 31 &&
	    (!timed || ((dt.hour = digits(s + 11, 2)) >= 0 && dt.hour <= 23 &&
	    (dt.min = digits(s + 14, 2)) >= 0 && dt.min <= 59)))
		note(b, worksheet_write_datetime(b->ws, r, c, &dt, timed ? b->time : b->date));
	else
		put_text(b, r, c, s, NULL);
}

static void
widths(struct book *b, const double *w, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		note(b, worksheet_set_column(b->ws, (lxw_col_t)i, (lxw_col_t)i, w[i], NULL));
}

/* The header row r: labels, frozen below, repeated on every printed page. */
static void
header(struct book *b, lxw_row_t r, const char *const *labels, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		put_text(b, r, (lxw_col_t)i, labels[i], b->head);
	worksheet_freeze_panes(b->ws, r + 1, 0);
	note(b, worksheet_repeat_rows(b->ws, r, r));
}

/* ---------------------------------------------------------------------
 * The statement.
 */

enum { S_DATE, S_TYPE, S_NUMBER, S_SUMMARY, S_AMOUNT, S_BALANCE, S_PCODE,
	S_PRODUCT, S_UNIT, S_QTY, S_PRICE, S_LAMOUNT, S__MAX };

static const char *const stmt_cols[S__MAX] = {
	LANG_history_doc_date, LANG_history_doc_type, LANG_history_doc_number,
	LANG_history_doc_summary, LANG_history_doc_amount, LANG_export_balance,
	LANG_history_product_code, LANG_history_product, LANG_history_unit,
	LANG_history_qty, LANG_history_price, LANG_history_line_amount,
};

static const double stmt_widths[S__MAX] = { 11, 12, 20, 30, 14, 14, 14, 28, 6, 10, 12, 14 };

/* A total's row: its label under the summary, its amount under the amounts. */
static void
total_row(struct book *b, lxw_row_t r, const char *label, int64_t fen, int bold)
{
	put_text(b, r, S_SUMMARY, label, bold ? b->bold : NULL);
	put_money(b, r, S_AMOUNT, fen, bold ? b->money_bold : NULL);
}

static void
stmt_answer(struct book *b, lxw_row_t r, const struct dz_store_answer *ans)
{
	enum dz_stmt_status	st;

	put_text(b, r, S_DATE, LANG_export_answer, b->bold);
	if (ans == NULL || ans->decision[0] == '\0' ||
	    dz_stmt_status_from_code(ans->decision, &st) != DZ_OK) {
		put_text(b, r, S_TYPE, LANG_export_no_answer, NULL);
		return;
	}
	put_text(b, r, S_TYPE, dz_stmt_status_name(st), b->bold);
	put_text(b, r, S_NUMBER, strcmp(ans->source, "staff") == 0 ?
	    LANG_history_src_staff : LANG_history_src_customer, NULL);
	put_text(b, r, S_SUMMARY, ans->description, b->wrap);
	put_date(b, r, S_AMOUNT, ans->at);
}

enum dz_err
dz_xlsx_statement(const char *tmpdir, const struct dz_store_stmt *s,
    const struct dz_store_snap *snap, const struct dz_store_answer *ans,
    int *fd, size_t *size)
{
	struct book			 b;
	const struct dz_stmt_snapshot	*sn = &snap->sn;
	const struct dz_stmt_totals	*t = &s->totals;
	lxw_row_t			 r;
	int64_t				 run;
	size_t				 i, k;
	enum dz_err			 rc;

	*fd = -1;
	*size = 0;
	if ((rc = book_open(&b, tmpdir, LANG_export_sheet_stmt, 1)) != DZ_OK)
		return rc;
	widths(&b, stmt_widths, S__MAX);
	/* Who, whom, when. */
	put_text(&b, 0, 0, s->company, b.title);
	put_text(&b, 1, 0, LANG_export_sheet_stmt, b.title);
	put_text(&b, 2, 0, LANG_export_customer, b.bold);
	put_text(&b, 2, 1, s->customer_code, NULL);
	put_text(&b, 2, 2, s->customer_name, NULL);
	put_text(&b, 3, 0, LANG_export_period, b.bold);
	put_date(&b, 3, 1, s->from);
	put_text(&b, 3, 2, LANG_history_until, NULL);
	put_date(&b, 3, 3, s->to);
	put_text(&b, 4, 0, LANG_export_made, b.bold);
	put_date(&b, 4, 1, s->created_at);
	put_text(&b, 4, 2, LANG_history_by, NULL);
	put_text(&b, 4, 3, s->created_by, NULL);
	header(&b, 6, stmt_cols, S__MAX);
	r = 7;
	/* The documents, each with its goods below it, and the balance after it. */
	run = s->with_opening ? t->opening : 0;
	if (s->with_opening) {
		put_date(&b, r, S_DATE, s->from);
		put_text(&b, r, S_TYPE, LANG_history_opening, NULL);
		put_money(&b, r, S_BALANCE, t->opening, NULL);
		r++;
	}
	for (i = 0; i < sn->ndocs; i++) {
		const struct dz_stmt_doc	*d = &sn->docs[i];

		if (dz_money_add(run, d->amount, &run) != DZ_OK)
			note(&b, LXW_ERROR_PARAMETER_VALIDATION);	/* cannot be stored */
		put_date(&b, r, S_DATE, d->date);
		put_text(&b, r, S_TYPE, dz_stmt_doc_name(d->type), NULL);
		put_text(&b, r, S_NUMBER, d->number, NULL);
		put_text(&b, r, S_SUMMARY, d->summary, NULL);
		put_money(&b, r, S_AMOUNT, d->amount, NULL);
		put_money(&b, r, S_BALANCE, run, NULL);
		r++;
		for (k = 0; k < d->nlines; k++, r++) {
			const struct dz_stmt_line	*l = &d->lines[k];

			put_text(&b, r, S_PCODE, l->product_code, NULL);
			put_text(&b, r, S_PRODUCT, l->product_name, NULL);
			put_text(&b, r, S_UNIT, l->unit, NULL);
			put_number(&b, r, S_QTY, (double)l->qty / 10000.0, b.qty);
			put_number(&b, r, S_PRICE, (double)l->price / 10000.0, b.qty);
			put_money(&b, r, S_LAMOUNT, l->amount, NULL);
		}
	}
	/* The period by type, then what is owed (worded as the page words it). */
	r++;
	put_text(&b, r++, S_DATE, LANG_export_totals, b.bold);
	if (s->with_opening)
		total_row(&b, r++, LANG_history_opening, t->opening, 0);
	total_row(&b, r++, LANG_history_sales, t->sales, 0);
	total_row(&b, r++, LANG_history_returns, t->returns, 0);
	total_row(&b, r++, LANG_history_receipts, t->receipts, 0);
	if (t->other != 0)
		total_row(&b, r++, LANG_history_other, t->other, 0);
	if (t->closing < 0)
		total_row(&b, r++, LANG_balance_prepaid_staff, -t->closing, 1);
	else
		total_row(&b, r++, LANG_balance_owed, t->closing, 1);
	r++;
	stmt_answer(&b, r++, ans);
	put_text(&b, r, S_DATE, LANG_history_fingerprint, b.bold);
	put_text(&b, r, S_TYPE, snap->fingerprint, NULL);
	return book_close(&b, fd, size);
}

/* ---------------------------------------------------------------------
 * The history, a row at a time.
 */

enum { H_ID, H_CODE, H_CUSTOMER, H_FROM, H_TO, H_DEBT, H_RECEIVED, H_COUNT,
	H_STATUS, H_CREATED, H_BY, H_ANSWERED, H__MAX };

static const char *const list_cols[H__MAX] = {
	LANG_export_id, LANG_export_customer_code, LANG_history_customer,
	LANG_export_period_from, LANG_export_period_to, LANG_history_debt,
	LANG_history_received, LANG_history_count, LANG_history_status,
	LANG_export_made, LANG_history_by, LANG_export_answered_at,
};

static const double list_widths[H__MAX] = { 8, 12, 30, 11, 11, 14, 14, 6, 8, 16, 12, 16 };

enum dz_err
dz_xlsx_list_open(const char *tmpdir, struct dz_xlsx_list **out)
{
	struct dz_xlsx_list	*h;
	enum dz_err		 rc;

	*out = NULL;
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return DZ_ERR_NOMEM;
	if ((rc = book_open(&h->b, tmpdir, LANG_export_sheet_list, 1)) != DZ_OK) {
		free(h);
		return rc;
	}
	widths(&h->b, list_widths, H__MAX);
	header(&h->b, 0, list_cols, H__MAX);
	h->row = 1;
	*out = h;
	return DZ_OK;
}

enum dz_err
dz_xlsx_list_row(struct dz_xlsx_list *h, const struct dz_store_export_row *e)
{
	struct book	*b = &h->b;
	lxw_row_t	 r = h->row;

	if (r >= LXW_ROW_MAX) {
		note(b, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
		return DZ_ERR_TOOBIG;
	}
	put_number(b, r, H_ID, (double)e->id, b->integer);
	put_text(b, r, H_CODE, e->customer_code, NULL);
	put_text(b, r, H_CUSTOMER, e->customer_name, NULL);
	put_date(b, r, H_FROM, e->from);
	put_date(b, r, H_TO, e->to);
	put_money(b, r, H_DEBT, e->closing, NULL);
	put_money(b, r, H_RECEIVED, e->received, NULL);
	put_number(b, r, H_COUNT, (double)e->doc_count, b->integer);
	put_text(b, r, H_STATUS, dz_stmt_status_name(e->status), NULL);
	put_date(b, r, H_CREATED, e->created_at);
	put_text(b, r, H_BY, e->created_by, NULL);
	put_date(b, r, H_ANSWERED, e->answered_at);
	h->row++;
	return b->err == LXW_NO_ERROR ? DZ_OK : DZ_ERR_IO;
}

enum dz_err
dz_xlsx_list_close(struct dz_xlsx_list *h, int *fd, size_t *size)
{
	enum dz_err	rc;

	/* A filter on every column, over the rows written. */
	note(&h->b, worksheet_autofilter(h->b.ws, 0, 0, h->row > 1 ? h->row - 1 : 1,
	    H__MAX - 1));
	rc = book_close(&h->b, fd, size);
	free(h);
	return rc;
}

void
dz_xlsx_list_free(struct dz_xlsx_list *h)
{
	if (h == NULL)
		return;
	book_drop(&h->b);
	free(h);
}

/* ---------------------------------------------------------------------
 * Report tables.
 */

#define TABLE_COLS	16

struct dz_xlsx_table {
	struct book		 b;
	struct dz_xlsx_col	 col[TABLE_COLS];
	size_t			 ncols;
	lxw_row_t		 row;
};

enum dz_err
dz_xlsx_table_open(const char *tmpdir, const char *sheet, const char *title,
    const struct dz_xlsx_col *cols, size_t ncols, struct dz_xlsx_table **out)
{
	struct dz_xlsx_table	*h;
	const char		*labels[TABLE_COLS];
	double			 w[TABLE_COLS];
	enum dz_err		 rc;
	size_t			 i;

	*out = NULL;
	if (ncols == 0 || ncols > TABLE_COLS)
		return DZ_ERR_INVAL;
	if ((h = calloc(1, sizeof(*h))) == NULL)
		return DZ_ERR_NOMEM;
	if ((rc = book_open(&h->b, tmpdir, sheet, ncols > 6)) != DZ_OK) {
		free(h);
		return rc;
	}
	memcpy(h->col, cols, ncols * sizeof(*cols));
	h->ncols = ncols;
	for (i = 0; i < ncols; i++) {
		labels[i] = cols[i].label;
		w[i] = cols[i].width;
	}
	widths(&h->b, w, ncols);
	if (title != NULL) {
		put_text(&h->b, 0, 0, title, h->b.title);
		header(&h->b, 2, labels, ncols);
		h->row = 3;
	} else {	/* the header first (the import templates) */
		header(&h->b, 0, labels, ncols);
		h->row = 1;
	}
	*out = h;
	return DZ_OK;
}

enum dz_err
dz_xlsx_table_row(struct dz_xlsx_table *h, const struct dz_xlsx_cell *c, int bold)
{
	struct book	*b = &h->b;
	lxw_row_t	 r = h->row;
	size_t		 i;

	if (r >= LXW_ROW_MAX) {
		note(b, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE);
		return DZ_ERR_TOOBIG;
	}
	for (i = 0; i < h->ncols; i++) {
		lxw_col_t col = (lxw_col_t)i;

		switch (h->col[i].kind) {
		case DZ_XLSX_TEXT:
			put_text(b, r, col, c[i].s, bold ? b->bold : NULL);
			break;
		case DZ_XLSX_MONEY:
			put_money(b, r, col, c[i].v, bold ? b->money_bold : NULL);
			break;
		case DZ_XLSX_INT:
			if (c[i].s != NULL)
				put_text(b, r, col, c[i].s, NULL);
			else
				put_number(b, r, col, (double)c[i].v, b->integer);
			break;
		case DZ_XLSX_DATE:
			put_date(b, r, col, c[i].s);
			break;
		}
	}
	h->row++;
	return b->err == LXW_NO_ERROR ? DZ_OK : DZ_ERR_IO;
}

enum dz_err
dz_xlsx_table_close(struct dz_xlsx_table *h, int *fd, size_t *size)
{
	enum dz_err	rc;

	rc = book_close(&h->b, fd, size);
	free(h);
	return rc;
}

void
dz_xlsx_table_free(struct dz_xlsx_table *h)
{
	if (h == NULL)
		return;
	book_drop(&h->b);
	free(h);
}
