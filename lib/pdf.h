/*
 * pdf.h: a stored statement as a PDF to print, sign and send back (issue
 * 13): A4 portrait, drawn by cairo and pango in Noto Sans CJK SC, the font
 * embedded as a subset. The figures are the snapshot's (dz_store_snapshot),
 * so the PDF shows what the statement page shows. The reports' tables
 * too, and a sheet of customers' QR codes.
 *
 * Linked only into the programs that draw it (lib/libdzpdf.a, with
 * pangocairo): nothing else carries cairo, pango or their fonts.
 */
#ifndef DZ_PDF_H
#define DZ_PDF_H

#include <stddef.h>
#include "dz.h"
#include "store.h"

/* What the PDF is drawn from; the pointers are the caller's. */
struct dz_pdf_in {
	const struct dz_store_stmt	*stmt;		/* the header (dz_store_get) */
	const struct dz_store_snap	*snap;		/* documents and goods */
	/* The last answer (dz_store_answer_last), or NULL. Shown only while
	 * the statement is 符合 or 不符合: a 未确认 one's last answer was set
	 * aside by 取消确认 and is not the customer's word any more. */
	const struct dz_store_answer	*answer;
	const char			*url;		/* the live link, or NULL: no QR code */
	const char			*company;	/* the issuing company */
};

/*
 * The statement as a PDF: the company, 对账单, the customer (name and code),
 * the period; the documents (date, number, type, summary, amount, running
 * balance from the opening balance) each with its goods lines beneath
 * (product, unit, qty, price, amount), the table's header repeated on every
 * page; the per-type totals and the closing balance in figures and in
 * 人民币大写 (a negative one worded as money held for the customer); the
 * answer or 未确认; the fingerprint; the QR code of the link when there is
 * one; a box for the customer's signature or seal; "第 N 页 共 M 页" on
 * every page. Long text wraps inside its cell.
 *
 * *pdf is malloc'd (caller frees), *len its length. DZ_ERR_INVAL for a
 * NULL stmt or snap, DZ_ERR_NOMEM, DZ_ERR_IO when cairo fails (logged).
 */
enum dz_err	 dz_pdf_statement(const struct dz_pdf_in *, unsigned char **pdf, size_t *len);

/*
 * A report as a PDF (对账报表, 月度对账报表, 账龄分析, 付款习惯): the company,
 * the title and the line under it (what, for when), then a table whose
 * header is repeated on every page, "第 N 页 共 M 页" on each. The cells
 * are text as the page shows them (amounts formatted); a wide table turns
 * the A4 page (landscape). Columns share the body's width by their width
 * (a weight; 0 counts as 1); long text wraps inside its cell.
 */
#define DZ_PDF_COLS_MAX	16
struct dz_pdf_col {
	const char	*label;
	double		 width;
	int		 right;		/* numbers: right-aligned, tabular figures */
};
struct dz_pdf_table {
	const char		*company, *title, *sub;
	const struct dz_pdf_col	*cols;
	size_t			 ncols;		/* 1 to DZ_PDF_COLS_MAX */
	const char *const	*cell;		/* nrows * ncols, row by row; NULL or "" blank */
	const unsigned char	*bold;		/* nrows flags (a totals row), or NULL */
	size_t			 nrows;
	int			 landscape;
};
enum dz_err	 dz_pdf_table(const struct dz_pdf_table *, unsigned char **pdf, size_t *len);

/*
 * The QR sheet (二维码清单): at month end a statement and a share link for
 * each of hundreds of customers, and one sheet of their QR codes to print,
 * cut and hand out, or to photograph and send. The pointers are the
 * caller's; NULL text is drawn as "".
 */
/* One customer's cell of the QR sheet. */
struct dz_pdf_qr_item {
	const char	*name;		/* customer full name */
	const char	*code;		/* customer code */
	const char	*amount;	/* 欠款金额, formatted ("12,345.00") */
	const char	*url;		/* the share link; NULL or "": no code (a note instead) */
};
struct dz_pdf_qrsheet {
	const char			*company;	/* the issuing company */
	const char			*title;		/* e.g. "2026-11 对账单二维码" */
	const char			*sub;		/* e.g. the period and "共 N 户" */
	const struct dz_pdf_qr_item	*items;
	size_t				 n;
};

/*
 * The sheet: A4 portrait, a grid of cells (3 across, 4 down a page) each
 * with the customer's name (wrapped, at most 2 lines, cut with …), code,
 * 欠款金额, the QR code (ECC M) big enough to scan from paper, and a dashed
 * cut line around; company, title and sub at the top of each page; a
 * warning line under the title that the codes are live links for these
 * customers only (do not post publicly); "第 N 页 共 M 页" at the bottom.
 * So ceil(n / DZ_PDF_QR_PER_PAGE) pages, the items in their order, row by
 * row. *pdf malloc'd (caller frees). DZ_ERR_INVAL for n == 0 or NULL
 * items, DZ_ERR_NOMEM, DZ_ERR_IO when cairo fails (logged).
 */
#define DZ_PDF_QR_COLS		3
#define DZ_PDF_QR_ROWS		4
#define DZ_PDF_QR_PER_PAGE	(DZ_PDF_QR_COLS * DZ_PDF_QR_ROWS)
enum dz_err	 dz_pdf_qrsheet(const struct dz_pdf_qrsheet *, unsigned char **pdf, size_t *len);

/*
 * dz_pdf_statement(in) or, with in NULL, dz_pdf_table(tab), drawn in a
 * child process and read back through a pipe (lib/pdf_child.c says why),
 * killed past DZ_PDF_SECONDS or DZ_PDF_MAX bytes. what names the PDF in
 * the log. *buf malloc'd (caller frees). DZ_ERR_IO when the child failed,
 * or what the drawing returned.
 */
#define DZ_PDF_SECONDS	20
#define DZ_PDF_MAX	(64 << 20)
enum dz_err	 dz_pdf_apart(const struct dz_pdf_in *in, const struct dz_pdf_table *tab,
		    const char *what, unsigned char **buf, size_t *len);
/* dz_pdf_qrsheet drawn in a child process, as dz_pdf_apart does for the others. */
enum dz_err	 dz_pdf_qrsheet_apart(const struct dz_pdf_qrsheet *, const char *what,
		    unsigned char **buf, size_t *len);

#endif /* DZ_PDF_H */
