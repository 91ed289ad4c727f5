/*
 * erp_value.h: decoding the values an ERP row holds: amounts and
 * quantities (MONEY, DECIMAL, FLOAT, integers, decimal text) into int64 of
 * a fixed scale, and text into clean UTF-8. Pure: erp_value.c needs no
 * FreeTDS (the type codes and byte layouts below are db-lib's, and lib/erp
 * checks at compile time that they still are), no I/O, no allocation; it
 * links alone and is fuzzed alone (t/fuzz/fuzz-value.c).
 */
#ifndef DZ_ERP_VALUE_H
#define DZ_ERP_VALUE_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"

/*
 * The TDS data types a value may come in, numbered as db-lib numbers them
 * (SYBMONEY, ...) and with db-lib's in-memory layouts (what dbdata() points
 * at):
 *	MONEY		{ int32 high; uint32 low; }: ten-thousandths, exact
 *	SMALLMONEY	{ int32 }: ten-thousandths
 *	DECIMAL/NUMERIC	{ uint8 precision; uint8 scale; uint8 array[33]; }:
 *			array[0] is the sign (1: negative), then the magnitude,
 *			big-endian, in as many bytes as the precision needs
 *	FLOAT, REAL	double, float
 *	INT1/2/4/8, BIT	native integers (INT1 and BIT unsigned)
 *	CHAR, VARCHAR, TEXT, NVARCHAR (the client charset: UTF-8) text
 */
enum dz_erp_vtype {
	DZ_ERP_V_TEXT = 35,
	DZ_ERP_V_VARCHAR = 39,
	DZ_ERP_V_CHAR = 47,
	DZ_ERP_V_INT1 = 48,
	DZ_ERP_V_BIT = 50,
	DZ_ERP_V_INT2 = 52,
	DZ_ERP_V_INT4 = 56,
	DZ_ERP_V_REAL = 59,
	DZ_ERP_V_MONEY = 60,
	DZ_ERP_V_FLT8 = 62,
	DZ_ERP_V_NVARCHAR = 103,
	DZ_ERP_V_DECIMAL = 106,
	DZ_ERP_V_NUMERIC = 108,
	DZ_ERP_V_MONEY4 = 122,
	DZ_ERP_V_INT8 = 127
};

/* Size of db-lib's DBDECIMAL (precision, scale, 33 bytes). */
#define DZ_ERP_DECIMAL_SIZE	35

/*
 * Turn one ERP value into an integer of the given scale (0..6; 2: fen,
 * 4: 1/10000), rounding half away from zero. type is an enum dz_erp_vtype
 * (the db-lib type), data and len as dbdata() / dbdatlen() give them. MONEY
 * is read exactly from its two 32-bit halves, DECIMAL exactly from its
 * digits, FLOAT through its shortest 15 significant digits (what the ERP
 * wrote). DZ_ERR_INVAL for NULL, an unknown type, a malformed value, or a
 * value beyond +-DZ_MONEY_MAX units of the scale.
 */
enum dz_err	 dz_erp_value_fixed(int type, const void *data, int len, int scale,
		    int64_t *out);

/*
 * Parse a decimal text ("-1234.5678", "12", ".5"; spaces at either end)
 * into an integer of the given scale (0..6), half away from zero.
 * DZ_ERR_INVAL on anything else or beyond +-DZ_MONEY_MAX units.
 */
enum dz_err	 dz_erp_decimal(const char *s, size_t len, int scale, int64_t *out);

/*
 * Text of a CHAR/VARCHAR/TEXT column (UTF-8, the client charset) into buf
 * (bufsz > 0), always terminated: trailing blanks and NULs of a CHAR column
 * dropped, cut at a character boundary, control characters turned into
 * spaces and invalid bytes into '?'. Returns the length written.
 */
size_t		 dz_erp_value_text(const void *data, size_t len, char *buf, size_t bufsz);

#endif /* DZ_ERP_VALUE_H */
