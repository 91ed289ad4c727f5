/*
 * types.h: SQL Server column types for erpsim results: declared type text
 * -> TDS TYPE_INFO, and SQLite values -> TDS value bytes.
 */
#ifndef ERPSIM_TYPES_H
#define ERPSIM_TYPES_H

#include <iconv.h>
#include <stdint.h>

struct tds_buf;
struct sqlite3_stmt;

enum col_kind {
	COL_INT,	/* INTN, size 1/2/4/8 */
	COL_BIT,	/* BITN */
	COL_FLT,	/* FLTN, size 4/8 */
	COL_MONEY,	/* MONEYN, size 8 */
	COL_DEC,	/* DECIMALN */
	COL_NUM,	/* NUMERICN */
	COL_DATETIME,	/* DATETIMEN 8 */
	COL_VARCHAR,	/* BIGVARCHAR, CP936 */
	COL_CHAR,	/* BIGCHAR, CP936, blank padded */
	COL_NVARCHAR,	/* NVARCHAR, UCS-2 */
	COL__MAX
};

struct col_type {
	enum col_kind	 kind;
	int		 size;	/* ints/floats/money: bytes; strings: max bytes */
	int		 prec;
	int		 scale;
};

/* Per-connection converters between UTF-8 and the collation's code page. */
struct types_conv {
	iconv_t		 to_cp;		/* UTF-8 -> CP936 */
	iconv_t		 from_cp;	/* GB18030 -> UTF-8 */
};

int	types_conv_open(struct types_conv *);
void	types_conv_close(struct types_conv *);
/*
 * Converts n bytes of code-page text to UTF-8 into a malloc'd string the
 * caller frees (undecodable bytes become '?'). NULL on allocation failure.
 */
char	*types_cp_to_utf8(struct types_conv *, const char *, size_t, size_t *);

/*
 * Maps a declared SQL Server type ("NUMERIC(18,4)", "nvarchar(50)", "money")
 * to t. Returns 0, or -1 if the text names no type erpsim knows.
 */
int	types_from_decl(const char *decl, struct col_type *t);
/* Appends t's TYPE_INFO (with the collation for character types). */
void	types_put_typeinfo(struct tds_buf *, const struct col_type *t);
/* Appends the value of column col of the current row, encoded as t. */
void	types_put_value(struct tds_buf *, struct types_conv *,
	    const struct col_type *t, struct sqlite3_stmt *, int col);

/*
 * Decimal text ("-12.345", "1e-3") to an integer scaled by 10^scale, rounded
 * half away from zero. Returns 0, or -1 on bad text or overflow (> 38 digits).
 */
int	types_dec_scaled(const char *, int scale, int *neg, unsigned __int128 *);
#endif
