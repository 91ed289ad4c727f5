/*
 * import.h: the import templates of an account set of the kind 导入
 * (issue 16), pure (no I/O): a sheet of customers, of documents or of
 * goods lines, as lib/sheet reads an upload, checked row by row into
 * records, and the checks across the sheets (a document's customer, a
 * line's document, the lines' sum). Nothing is stored here: the caller
 * stores a file only when it has no error at all.
 *
 * The templates' columns are named in conf/lang (Lang.import.col_*, a
 * name and its other spellings, comma-separated); the header is the first
 * of the sheet's first 5 rows naming two of them, the columns may come in
 * any order and others are left alone. Under it a row whose first cell
 * begins with Lang.import.example (示例, the template's example row) and
 * blank rows are skipped and counted.
 *
 * Cells are read as lib/ledger reads a customer's ledger: amounts
 * "1,234.50", "¥1,234.50", "1234.50元", full-width digits; dates
 * "2026-10-05", "2026/10/5", "2026年10月5日", "20261005" (years
 * 1970..2999), kept as YYYY-MM-DD.
 */
#ifndef DZ_IMPORT_H
#define DZ_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "sheet.h"
#include "stmt.h"

enum dz_imp_sheet {
	DZ_IMP_CUSTOMERS,	/* 客户 */
	DZ_IMP_DOCUMENTS,	/* 单据 */
	DZ_IMP_LINES,		/* 商品明细 */
	DZ_IMP__SHEETS
};

/* The columns of each template, in the template's order. */
enum dz_imp_col {
	/* customers */
	DZ_ICOL_CODE, DZ_ICOL_NAME, DZ_ICOL_CONTACT, DZ_ICOL_PHONE, DZ_ICOL_OPENING,
	DZ_ICOL_OPENING_DATE,
	/* documents */
	DZ_ICOL_DATE, DZ_ICOL_TYPE, DZ_ICOL_NUMBER, DZ_ICOL_CUSTOMER, DZ_ICOL_AMOUNT,
	DZ_ICOL_SUMMARY, DZ_ICOL_VERSION,
	/* goods lines */
	DZ_ICOL_LINE_NUMBER, DZ_ICOL_PRODUCT_CODE, DZ_ICOL_PRODUCT_NAME, DZ_ICOL_UNIT,
	DZ_ICOL_QTY, DZ_ICOL_PRICE, DZ_ICOL_LINE_AMOUNT,
	DZ_ICOL__MAX
};

/* The columns of sheet k, in order (*n of them), and whether one must be
 * there and filled. */
const enum dz_imp_col *dz_imp_columns(enum dz_imp_sheet k, size_t *n);
int		 dz_imp_required(enum dz_imp_col);
/* The column's name in the template (the first of its Lang names). */
const char	*dz_imp_col_name(enum dz_imp_col);

/* Why a row or the sheet is refused: Lang.import.<dz_imp_why_code>. */
enum dz_imp_why {
	DZ_IMPW_NO_HEADER,	/* no row of the first 5 names two columns */
	DZ_IMPW_NO_COLUMN,	/* a required column is missing */
	DZ_IMPW_DUP_COLUMN,	/* a column named twice */
	DZ_IMPW_EMPTY,		/* a required cell is empty */
	DZ_IMPW_TOO_LONG,	/* longer than the field holds */
	DZ_IMPW_BAD_TEXT,	/* control characters */
	DZ_IMPW_BAD_DATE,	/* not a date, or a day that does not exist */
	DZ_IMPW_BAD_AMOUNT,	/* not an amount */
	DZ_IMPW_NOT_POSITIVE,	/* a document's amount <= 0 (the type gives the sign) */
	DZ_IMPW_NEGATIVE,	/* a line's qty, price or amount < 0 */
	DZ_IMPW_BAD_TYPE,	/* not one of the five types */
	DZ_IMPW_BAD_QTY,	/* not a quantity */
	DZ_IMPW_BAD_PRICE,	/* not a price */
	DZ_IMPW_LINE_MATH,	/* qty x price is not the amount (to the fen) */
	DZ_IMPW_DUP_CODE,	/* a customer code twice in the file (ref: its row) */
	DZ_IMPW_DUP_NUMBER,	/* a document number twice in the file (ref: its row) */
	DZ_IMPW_UNKNOWN_CUSTOMER, /* a document's customer neither in the file nor known */
	DZ_IMPW_UNKNOWN_DOC,	/* a line's document not in the file */
	DZ_IMPW_NOT_GOODS,	/* lines of a document other than 出库 or 退货 */
	DZ_IMPW_LINES_TOTAL,	/* the lines do not add up to the document (ref: its row) */
	DZ_IMPW_BAD_VERSION,	/* a version that is not a whole number from 1 */
	/* the API's bodies (lib/import_json) */
	DZ_IMPW_BAD_JSON,	/* not JSON (value: where and why) */
	DZ_IMPW_NOT_OBJECT,	/* an item (or a goods line) that is not an object */
	DZ_IMPW_UNKNOWN_FIELD,	/* a key the template does not have (value: the key) */
	DZ_IMPW_BAD_VALUE,	/* true, false, an array or an object where a value goes */
	DZ_IMPW__MAX
};
const char	*dz_imp_why_code(enum dz_imp_why);

/* One refusal: the sheet, its row as the clerk sees it (1 = the first row
 * of the file; 0 for the sheet as a whole), the column (DZ_ICOL__MAX: the
 * row or the sheet), the cell's text (cut to fit) and the row it clashes
 * with (ref; 0: none). */
struct dz_imp_error {
	enum dz_imp_sheet	 sheet;
	size_t			 row;
	enum dz_imp_col		 col;
	enum dz_imp_why		 why;
	char			 value[64];
	size_t			 ref;
};

/* The records. Their strings are the cells trimmed of spaces at both
 * ends, kept in f's own memory (the sheets may go once read). */
struct dz_imp_customer {
	size_t		 row;
	const char	*code, *name, *contact, *phone;
	int64_t		 opening;		/* fen, our sign: they owe us */
	int		 has_opening;		/* given (else a known customer keeps its own) */
	char		 opening_date[11];	/* "" when none (a known customer keeps its own) */
};

struct dz_imp_doc {
	size_t		 row;
	char		 date[11];
	enum dz_doc_type type;
	const char	*number, *customer_code, *summary;
	int64_t		 total;			/* fen, > 0; the type gives the sign */
	long		 version;		/* the sender's version (1..); 0: none given */
	size_t		 nlines;		/* of this file's lines (dz_imp_check) */
	int64_t		 lines_total;
};

struct dz_imp_line {
	size_t		 row;
	const char	*number;		/* its document */
	uint32_t	 seq;			/* 1, 2, ... in its document (dz_imp_check) */
	const char	*product_code, *product_name, *unit;
	int64_t		 qty;			/* 1/10000 */
	int64_t		 price;			/* 1/10000 yuan; -1: none given */
	int64_t		 amount;		/* fen */
};

#define DZ_IMP_ERRORS_MAX	200	/* kept; every one is counted */

struct dz_imp_file {
	struct dz_imp_customer	*cust;
	size_t			 ncust;
	struct dz_imp_doc	*doc;
	size_t			 ndoc;
	struct dz_imp_line	*line;
	size_t			 nline;
	struct dz_imp_error	*err;		/* at most DZ_IMP_ERRORS_MAX */
	size_t			 nerr;		/* kept */
	size_t			 errors;	/* all of them */
	size_t			 skipped;	/* blank and example rows */
	int			 items;		/* set by the caller: the rows are an API's
						 * items, none skipped (a blank one is refused) */
	void			*mem;		/* the strings' blocks (dz_imp_keep) */
	size_t			 capcust, capdoc, capline, caperr;	/* the arrays' room */
};

/*
 * Read sheet s as template k into f (added to what f holds: a file of
 * several sheets is read sheet by sheet). Every refusal is an error in f;
 * a row with one is not a record. DZ_ERR_NOMEM, else DZ_OK (even with
 * errors: f->errors says). f starts zeroed; free it with dz_imp_free.
 */
enum dz_err	 dz_imp_read(const struct dz_sheet *s, enum dz_imp_sheet k,
		    struct dz_imp_file *f);

/*
 * Which template sheet s is: the one whose columns a row of its first 5
 * names the most of (a file of one sheet says nothing else of itself);
 * DZ_IMP__SHEETS when no row names two columns of any.
 */
enum dz_imp_sheet dz_imp_guess(const struct dz_sheet *s);

/* An error in words (Lang.import.<code>, its cell or row filled in). */
void		 dz_imp_error_text(const struct dz_imp_error *, char *buf, size_t sz);

/*
 * Is this customer code already in the account set (from an earlier
 * import)? 1 yes, 0 no.
 */
struct dz_imp_known {
	int	(*customer)(void *arg, const char *code);
	void	*arg;
};

/*
 * The checks across f's records, once all its sheets are read: codes and
 * numbers unique in the file, each document's customer in the file or
 * known, each line's document in the file (a document's goods come with
 * it: its lines are its lines whole, a corrected document brings them
 * again) and of a goods type, the lines of a document adding up to its
 * total. Numbers the lines of each document. known may be NULL (nothing
 * is known). DZ_ERR_NOMEM, else DZ_OK.
 */
enum dz_err	 dz_imp_check(struct dz_imp_file *f, const struct dz_imp_known *known);

/* A refusal found outside lib/import (the API's JSON): kept in f as its
 * own are. DZ_ERR_NOMEM, DZ_OK. */
enum dz_err	 dz_imp_refuse(struct dz_imp_file *, enum dz_imp_sheet k, size_t row,
		    enum dz_imp_col col, enum dz_imp_why why, const char *value);

void		 dz_imp_free(struct dz_imp_file *);

/* A copy of s[0..n) with a NUL in the blocks *mem (made as needed; NULL
 * when out of memory), and those blocks freed: the strings of lib/import's
 * records and of lib/import_json's sheets. */
const char	*dz_imp_keep(void **mem, const char *s, size_t n);
void		 dz_imp_keep_free(void *mem);

#endif /* DZ_IMPORT_H */
