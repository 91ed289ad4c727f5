/*
 * money.h: amounts as int64 fen (1 yuan = 100 fen). Never double.
 */
#ifndef DZ_MONEY_H
#define DZ_MONEY_H

#include <stdint.h>
#include "dz.h"

/* Largest magnitude accepted: 16 digits of fen (99,999,999,999,999.99 yuan),
 * well inside DECIMAL(18,2) and int64. */
#define DZ_MONEY_MAX	INT64_C(9999999999999999)
/* Enough for "-99,999,999,999,999,999.99" and the NUL. */
#define DZ_MONEY_BUFSZ	32

/*
 * Parse an amount a person typed: optional sign, digits with optional
 * thousands commas in the right places ("1,234.50"), at most two decimals,
 * optional leading "¥". Surrounding spaces allowed. Anything else,
 * an empty string, or |x| > DZ_MONEY_MAX fen is DZ_ERR_INVAL.
 * Details: the full-width "￥" is accepted like "¥"; the sign may stand
 * before or after the yen sign (once); at least one digit before the point
 * (".5" is refused) and one after it ("1." is refused); with commas the
 * first group is 1-3 digits not starting with 0 and the others exactly 3.
 */
enum dz_err	 dz_money_parse(const char *s, int64_t *fen);

/*
 * Parse a decimal the way a database prints it ("-1234.5678", "12", "1e3" is
 * refused): any number of decimals, rounded to fen half away from zero.
 * ".5" and "-.5" are accepted (some drivers print them); surrounding
 * spaces too. |result| > DZ_MONEY_MAX fen is DZ_ERR_INVAL.
 * Used for ERP values of DECIMAL(18,4) and MONEY (4 decimals).
 */
enum dz_err	 dz_money_parse_decimal(const char *s, int64_t *fen);

/* A store cell (DECIMAL(18,2)) as fen: 0 for NULL or what does not parse. */
int64_t		 dz_money_cell(const char *s);
/* The same for a cell of another scale (DECIMAL(18,4) qty, price: 4). */
int64_t		 dz_money_cell_scaled(const char *s, int scale);

/*
 * Format fen as "1,234.50" / "-1,234.50" into buf (size >= DZ_MONEY_BUFSZ).
 * Any int64 works, INT64_MIN included. Returns buf; a buf too small for
 * the text gets "" instead.
 */
char		*dz_money_format(int64_t fen, char *buf, size_t bufsz);

/* Format fen as a plain decimal "1234.50" (for SQL DECIMAL(18,2) binds). */
char		*dz_money_format_plain(int64_t fen, char *buf, size_t bufsz);

/*
 * Fixed point at other scales: quantities and unit prices are DECIMAL(18,4),
 * held as int64 ten-thousandths (scale 4). The largest scale is
 * DZ_FIXED_SCALE_MAX; a bad scale or mindec gives "" / DZ_ERR_INVAL.
 */
#define DZ_FIXED_SCALE_MAX	8

/*
 * v in units of 1/10^scale as a plain decimal ("-12.3456") with at least
 * mindec and at most scale decimals, trailing zeros past mindec dropped:
 * qty 850000 at (4, 0) is "85", 125000 "12.5"; price 700000 at (4, 2)
 * "70.00"; (4, 4) is what a DECIMAL(18,4) bind wants. Any int64 works.
 * Returns buf; a buf too small gets "" (when bufsz > 0).
 */
char		*dz_money_format_scaled(int64_t v, int scale, int mindec, char *buf,
		    size_t bufsz);

/*
 * Parse a database decimal ("-12.3456", "85", ".5") into 1/10^scale units,
 * further decimals rounded half away from zero. Surrounding spaces allowed;
 * anything else, or a value past int64, is DZ_ERR_INVAL.
 */
enum dz_err	 dz_money_parse_scaled(const char *s, int scale, int64_t *out);

/*
 * *out = a + b, or DZ_ERR_INVAL (and *out untouched) if that would
 * overflow int64. Sums may exceed DZ_MONEY_MAX; only int64 is the limit.
 */
enum dz_err	 dz_money_add(int64_t a, int64_t b, int64_t *out);

/* *out = a - b, or DZ_ERR_INVAL (and *out untouched) on int64 overflow. */
enum dz_err	 dz_money_sub(int64_t a, int64_t b, int64_t *out);

/*
 * 人民币大写: an amount in the capital characters cheques, invoices and
 * statements use, by the People's Bank's rules for filling in bills: the
 * digits 零 to 玖 with the units 拾 佰 仟 in groups of 万 and 亿 (万亿 above
 * 亿), then 元 角 分. One 零 stands for a run of zeros inside the amount
 * (100,010.50 is 壹拾万零壹拾元伍角; the rules allow leaving out the 零 a
 * zero 万 or 元 place would give, and this does: 107,000.53 is
 * 壹拾万柒仟元伍角叁分); 零 after 元 when 角 is 0 and 分 is not
 * (325.04: 叁佰贰拾伍元零肆分); 整 when there are no 角 or 分 (10.00:
 * 壹拾元整); no 元 when there is no yuan (0.05: 伍分); 0 is 零元整; 负 before
 * a negative amount. 10 to 19 keep their 壹 (壹拾元整), as the rules ask.
 *
 * NOTE: the characters are data, not sentences, but still come from
 * conf/lang/zh_CN.hdf (Lang.rmb.*, lib/lang.h), so C holds none (lib/README
 * rule 5).
 *
 * Returns buf; "" when |fen| > DZ_MONEY_MAX or buf is smaller than the
 * text (DZ_MONEY_UPPER_BUFSZ always suffices).
 */
#define DZ_MONEY_UPPER_BUFSZ	192
char		*dz_money_rmb_upper(int64_t fen, char *buf, size_t bufsz);

#endif /* DZ_MONEY_H */
