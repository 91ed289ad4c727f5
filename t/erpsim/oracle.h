/*
 * oracle.h: the erpsim oracle, what the product must show for a customer and
 * a date range, computed from the SQLite file with plain SQL and integer
 * arithmetic (no TDS, no ERP profile). The output format is in DATA.md:
 * one record per line, TAB-separated, a tag in the first column.
 */
#ifndef ERPSIM_ORACLE_H
#define ERPSIM_ORACLE_H

#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

#define ORC_MAXTYPES	8

struct orc_query {
	const char	*customer;	/* Btype.typeId */
	const char	*from, *to;	/* 'YYYY-MM-DD', inclusive */
	int		 types[ORC_MAXTYPES];
	int		 ntypes;
};

/*
 * Parses decimal text ("-12.345", "1e-05") into an integer in units of
 * 10^-scale, rounding half away from zero. Returns 0, or -1 if s is not a
 * number or does not fit.
 */
int	orc_dec(const char *s, int scale, int64_t *out);

/*
 * The value of column col of a stepped statement in units of 10^-scale:
 * INTEGER exactly, REAL through its shortest decimal text (%.15g), TEXT parsed.
 * NULL is 0. Returns 0 or -1.
 */
int	orc_column_scaled(sqlite3_stmt *st, int col, int scale, int64_t *out);

/* +1 for types that raise the receivable (11, 116), -1 for 45, 4, 115, 0 otherwise. */
int	orc_sign(int vchtype);

/* Formats a quantity kept in 1/10000 as short decimal text ("12", "2.5"). */
void	orc_fmt_qty(char buf[32], int64_t qty4);

/* Checks 'YYYY-MM-DD' (a real calendar date). Returns 1 if valid. */
int	orc_valid_date(const char *s);

/* Record writers: the one place the line format is defined. */
void	orc_put_customer(FILE *out, const char *typeid, const char *code,
	    const char *name);
void	orc_put_opening(FILE *out, int64_t fen);
void	orc_put_doc(FILE *out, int64_t vchcode, const char *date, int vchtype,
	    const char *number, const char *summary, int64_t fen);
void	orc_put_line(FILE *out, int64_t vchcode, const char *code,
	    const char *name, const char *unit, int64_t qty4, int64_t price_fen,
	    int64_t amount_fen);
void	orc_put_total(FILE *out, int vchtype, long count, int64_t fen);
void	orc_put_closing(FILE *out, int64_t fen);
void	orc_put_cust(FILE *out, const char *typeid, const char *code,
	    const char *name, int64_t artotal_fen);

/*
 * Writes the full report for q to out. Returns 0, or -1 with a message in
 * *err (static text or sqlite's; do not free).
 */
int	orc_report(sqlite3 *db, const struct orc_query *q, FILE *out,
	    const char **err);

/* Writes one "cust" record per leaf, not deleted Btype row, by UserCode. */
int	orc_list_customers(sqlite3 *db, FILE *out, const char **err);

#endif
