/*
 * csv.h: CSV for spreadsheet users (Excel, WPS), pure (no I/O).
 *
 * What a file made with it is: UTF-8 behind a byte-order mark (without
 * one Excel and WPS read a .csv in the ANSI code page, GB18030 here, and
 * the Chinese comes out as mojibake), cells in double quotes with quotes
 * doubled (RFC 4180; a newline inside a cell stays in the cell), rows
 * ended by CR LF. A text cell whose first byte is = + - @ TAB or CR is
 * written with a ' before it: a spreadsheet takes such a cell for a
 * formula (CSV injection, OWASP), and whatever a user, a customer or the
 * ERP typed must never become one. A number cell (dz_csv_number) is
 * written bare only when it is a plain decimal, "-1234.50"; anything else
 * goes through the text rule.
 *
 * The writer appends to a buffer that grows; a caller streaming a large
 * file sends dz_csv's buf/len now and then and calls dz_csv_clear.
 * Out of memory once, every later call does nothing and returns -1, and
 * failed stays set: check it (or the last return) before sending.
 */
#ifndef DZ_CSV_H
#define DZ_CSV_H

#include <stddef.h>

struct dz_csv {
	char	*buf;
	size_t	 len;
	size_t	 cap;
	int	 col;		/* cells so far in the row being written */
	int	 failed;	/* an allocation failed: the buffer is incomplete */
};

#define DZ_CSV_INIT	{ NULL, 0, 0, 0, 0 }

/* Does a cell starting with this byte need the ' (a formula's first byte)? */
int	 dz_csv_risky(const char *s);

/* The byte-order mark (write it first, once per file). 0, or -1. */
int	 dz_csv_bom(struct dz_csv *);

/* One text cell (NULL is an empty cell), after a ',' unless first in its row. */
int	 dz_csv_cell(struct dz_csv *, const char *s);

/* One number cell: bare when s is -?digits[.digits], else as dz_csv_cell. */
int	 dz_csv_number(struct dz_csv *, const char *s);

/* End the row (CR LF). */
int	 dz_csv_row_end(struct dz_csv *);

/* Forget what was written (after sending it), keeping the memory. */
void	 dz_csv_clear(struct dz_csv *);

/* Free the buffer; the struct is DZ_CSV_INIT again. */
void	 dz_csv_free(struct dz_csv *);

#endif
