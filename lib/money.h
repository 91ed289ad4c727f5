/*
 * money.h: amounts as int64 fen (1 yuan = 100 fen). Never double.
 */
#ifndef DZ_MONEY_H
#define DZ_MONEY_H

#include <stdint.h>
#include "dz.h"

/* Largest magnitude accepted: DECIMAL(18,2) holds 16 integer digits. */
#define DZ_MONEY_MAX	INT64_C(9999999999999999)
/* Enough for "-99,999,999,999,999,999.99" and the NUL. */
#define DZ_MONEY_BUFSZ	32

/*
 * Parse an amount a person typed: optional sign, digits with optional
 * thousands commas in the right places ("1,234.50"), at most two decimals,
 * optional leading "¥". Surrounding spaces allowed. Anything else,
 * an empty string, or |x| > DZ_MONEY_MAX fen is DZ_ERR_INVAL.
 */
enum dz_err	 dz_money_parse(const char *s, int64_t *fen);

/*
 * Parse a decimal the way a database prints it ("-1234.5678", "12", "1e3" is
 * refused): any number of decimals, rounded to fen half away from zero.
 * Used for ERP values of DECIMAL(18,4) and MONEY (4 decimals).
 */
enum dz_err	 dz_money_parse_decimal(const char *s, int64_t *fen);

/*
 * Format fen as "1,234.50" / "-1,234.50" into buf (size >= DZ_MONEY_BUFSZ).
 * Returns buf.
 */
char		*dz_money_format(int64_t fen, char *buf, size_t bufsz);

/* Format fen as a plain decimal "1234.50" (for SQL DECIMAL(18,2) binds). */
char		*dz_money_format_plain(int64_t fen, char *buf, size_t bufsz);

/* a + b and a * n / d style helpers that report overflow instead of wrapping. */
enum dz_err	 dz_money_add(int64_t a, int64_t b, int64_t *out);

#endif /* DZ_MONEY_H */
