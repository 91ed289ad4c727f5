/*
 * sheet.h: a spreadsheet a customer sends (their ledger of purchases from
 * us, issue 14) read from the bytes of the upload into a table of UTF-8
 * text cells. Never trusted: every limit below is checked while reading,
 * and a file past one is refused with the limit named, nothing kept.
 *
 *   XLSX (a zip: "PK\3\4"): the first worksheet in the workbook's order
 *     (or the n-th: dz_sheet_read_nth),
 *     read streaming from memory with libminizip and libexpat (no DTD, no
 *     entity expansion: a file that declares one is refused); shared
 *     strings and inline strings as text, numbers as their text
 *     ("1234.5"), a number whose cell style is a date format as
 *     "YYYY-MM-DD" (Excel's 1900 date system, its 1900-02-29 included),
 *     booleans "TRUE"/"FALSE", formulas as their cached value, errors
 *     as their text ("#N/A"); with workbookPr date1904, the 1904 system.
 *   CSV (anything else): libcsv; UTF-8 (a BOM is dropped), or, when the
 *     bytes are not UTF-8, GB18030 through iconv (what Excel and WPS save
 *     on a Chinese Windows); a comma, a semicolon or a tab as the
 *     separator, whichever the first line holds most of.
 * Any text that is still not valid UTF-8, or holds a NUL or another
 * control character but tab, is refused; but a line break inside a cell
 * (Alt+Enter in Excel, a newline in a quoted CSV cell) is read as one
 * space, so no cell holds a control character but tab.
 */
#ifndef DZ_SHEET_H
#define DZ_SHEET_H

#include <stddef.h>
#include "dz.h"

#define DZ_SHEET_FILE_MAX	(5u << 20)	/* bytes of the upload */
#define DZ_SHEET_ROWS_MAX	50000
#define DZ_SHEET_COLS_MAX	64		/* columns kept; cells to the right are dropped */
#define DZ_SHEET_CELL_MAX	1000		/* characters of one cell */
#define DZ_SHEET_UNZIP_MAX	(50u << 20)	/* XLSX: bytes of all its parts uncompressed */
#define DZ_SHEET_ENTRIES_MAX	1000		/* XLSX: entries of the zip */
#define DZ_SHEET_SST_MAX	200000		/* XLSX: shared strings */

/* Why a file was refused: each names its limit or what is wrong. */
enum dz_sheet_why {
	DZ_SHEET_OK,
	DZ_SHEET_EMPTY,		/* no rows with any text */
	DZ_SHEET_TOO_BIG,	/* over DZ_SHEET_FILE_MAX */
	DZ_SHEET_TOO_MANY_ROWS,	/* over DZ_SHEET_ROWS_MAX */
	DZ_SHEET_CELL_TOO_LONG,	/* a cell over DZ_SHEET_CELL_MAX characters */
	DZ_SHEET_UNZIP_TOO_BIG,	/* XLSX: over DZ_SHEET_UNZIP_MAX uncompressed (a zip bomb) */
	DZ_SHEET_TOO_MANY_ENTRIES, /* XLSX: over DZ_SHEET_ENTRIES_MAX entries */
	DZ_SHEET_TOO_MANY_STRINGS, /* XLSX: over DZ_SHEET_SST_MAX shared strings */
	DZ_SHEET_BAD_ZIP,	/* XLSX: not a zip that opens, or a part that does not inflate */
	DZ_SHEET_BAD_XLSX,	/* XLSX: no workbook or worksheet, bad XML, a DTD */
	DZ_SHEET_BAD_TEXT,	/* not UTF-8 nor GB18030, or control characters */
	DZ_SHEET_BAD_CSV,	/* CSV: an unclosed quote */
	DZ_SHEET__MAX
};

enum dz_sheet_kind { DZ_SHEET_CSV, DZ_SHEET_XLSX };

/* The table: nrows rows of ncols cells each (a short row is padded with
 * ""), row by row; trailing rows and columns with no text are left out. */
struct dz_sheet {
	enum dz_sheet_kind	 kind;
	const char		*encoding;	/* "UTF-8", "UTF-8 BOM", "GB18030" (CSV), "XLSX" */
	size_t			 nrows, ncols;
	const char *const	*cell;		/* nrows * ncols, NUL-terminated UTF-8 */
	void			*mem;		/* what holds them */
	size_t			 sheets;	/* worksheets of the book (CSV: 1) */
};

/*
 * Read the upload buf (len bytes). DZ_OK and *out; DZ_ERR_TOOBIG (a size
 * limit) or DZ_ERR_INVAL (anything else), with *why saying which;
 * DZ_ERR_NOMEM. Free *out with dz_sheet_free whatever the result.
 */
enum dz_err	 dz_sheet_read(const unsigned char *buf, size_t len, struct dz_sheet *out,
		    enum dz_sheet_why *why);
void		 dz_sheet_free(struct dz_sheet *);

/*
 * The same for the n-th worksheet of an XLSX (0: the first, as
 * dz_sheet_read; out->sheets says how many the book has): the import
 * templates may come as the sheets of one workbook. Past the last one:
 * DZ_ERR_NOTFOUND. A CSV is its one sheet (n 0).
 */
enum dz_err	 dz_sheet_read_nth(const unsigned char *buf, size_t len, size_t n,
		    struct dz_sheet *out, enum dz_sheet_why *why);

/*
 * The same reading, every check and refusal the same, but no cells kept
 * (out->cell is NULL; kind, encoding, nrows and ncols as dz_sheet_read
 * gives them): for an upload that is only to be checked, in the memory
 * of the file and a row, not of its table. Free with dz_sheet_free.
 */
enum dz_err	 dz_sheet_shape(const unsigned char *buf, size_t len, struct dz_sheet *out,
		    enum dz_sheet_why *why);

/* The cell at row r, column c ("" outside the table). */
const char	*dz_sheet_cell(const struct dz_sheet *, size_t r, size_t c);

/* A stable ASCII code for a reason (too_big, too_many_rows, ...), for logs
 * and the Lang keys Lang.sheet.<code>. */
const char	*dz_sheet_why_code(enum dz_sheet_why);

#endif /* DZ_SHEET_H */
