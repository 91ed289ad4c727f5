/*
 * xlsx.h: Excel workbooks of statements and of the history, over
 * libxlsxwriter (1.1.4, Debian 12).
 *
 * Every cell is typed as a person reads it: amounts are numbers
 * ("#,##0.00", negative in red; yuan = fen / 100 as a double, exact for
 * every amount the store can hold), dates and times are real dates
 * ("yyyy-mm-dd", "yyyy-mm-dd hh:mm"), and all text goes in through
 * worksheet_write_string, as text: nothing a user, a customer or the ERP
 * typed can become a formula, whatever its first character. The labels
 * come from conf/lang/zh_CN.hdf (lib/lang.h). Each sheet freezes its
 * header row and prints on A4, fitted to the page's width, with the
 * header repeated on every page.
 *
 * Where the workbook is made: libxlsxwriter 1.1.4 writes only to a named
 * file (output to memory came in 1.1.5), so each workbook is a private
 * temporary file: mkstemp (0600) in tmpdir (NULL: $TMPDIR, else /tmp),
 * unlinked as soon as the workbook is closed. The caller gets it as an
 * open descriptor, read position 0, and its size, sends it (dz_send_fd)
 * and closes it; nothing stays on disk. Both workbooks use
 * libxlsxwriter's constant_memory mode (each row goes to the file when the
 * next one starts; its own scratch files are in tmpdir, unlinked), so the
 * memory they take does not grow with the number of rows.
 */
#ifndef DZ_XLSX_H
#define DZ_XLSX_H

#include <stddef.h>
#include "dz.h"
#include "store.h"

/*
 * The statement as a workbook of one sheet, 对账单: the company, the
 * title, customer, period, when and by whom it was made; the opening
 * balance; each document (date, type, number, summary, amount, running
 * balance) with its goods (product, unit, quantity, price, amount) on the
 * rows below it; the period's totals by type; the closing balance worded
 * as the page words it (欠款金额, or 预收金额 with the amount unsigned when
 * the customer paid more); the last answer (ans: may be NULL or empty);
 * the fingerprint. DZ_ERR_IO when the file could not be made or written,
 * DZ_ERR_NOMEM.
 */
enum dz_err	 dz_xlsx_statement(const char *tmpdir, const struct dz_store_stmt *,
		    const struct dz_store_snap *, const struct dz_store_answer *ans,
		    int *fd, size_t *size);

/*
 * The history as a workbook of one sheet, 对账单历史, written row by row:
 * open it, add each row (in the order they should appear), close it to get
 * the file (closing frees h whatever it returns). dz_xlsx_list_free drops
 * one not closed (and its file).
 */
struct dz_xlsx_list;
enum dz_err	 dz_xlsx_list_open(const char *tmpdir, struct dz_xlsx_list **h);
enum dz_err	 dz_xlsx_list_row(struct dz_xlsx_list *, const struct dz_store_export_row *);
enum dz_err	 dz_xlsx_list_close(struct dz_xlsx_list *, int *fd, size_t *size);
void		 dz_xlsx_list_free(struct dz_xlsx_list *);

/*
 * A report as a workbook of one sheet: a title line (row 1: what, for
 * when, the company), then a table of columns of the given kinds, written
 * row by row (the reports: 账龄分析, 对账报表, 付款习惯). Amounts in fen
 * become numbers "#,##0.00", counts numbers, dates real dates, text text.
 * The header row (row 3) is frozen and repeated on every printed page.
 * Without a title (NULL) the header is row 1 (the import templates).
 */
enum dz_xlsx_kind {
	DZ_XLSX_TEXT,		/* s */
	DZ_XLSX_MONEY,		/* v, fen */
	DZ_XLSX_INT,		/* v; or s when v is not known (s "" leaves it blank) */
	DZ_XLSX_DATE		/* s, YYYY-MM-DD */
};
struct dz_xlsx_col {
	const char		*label;
	enum dz_xlsx_kind	 kind;
	double			 width;
};
struct dz_xlsx_cell {
	const char		*s;	/* TEXT, DATE; INT when not NULL: as text */
	int64_t			 v;	/* MONEY, INT */
};
struct dz_xlsx_table;
enum dz_err	 dz_xlsx_table_open(const char *tmpdir, const char *sheet, const char *title,
		    const struct dz_xlsx_col *cols, size_t ncols, struct dz_xlsx_table **h);
/* One row of ncols cells; bold for a totals row. */
enum dz_err	 dz_xlsx_table_row(struct dz_xlsx_table *, const struct dz_xlsx_cell *cells,
		    int bold);
enum dz_err	 dz_xlsx_table_close(struct dz_xlsx_table *, int *fd, size_t *size);
void		 dz_xlsx_table_free(struct dz_xlsx_table *);

#endif
