/*
 * 080-erp-money: every numeric type the ERP can send an amount in (MONEY,
 * SMALLMONEY, DECIMAL(18,2), DECIMAL(18,4), NUMERIC(38,10), FLOAT, REAL, the
 * integers, BIT, and decimal text) turns into int64 fen (and 1/10000)
 * exactly, rounding half away from zero; values out of range are refused.
 * The typed bytes are made by db-lib's own dbconvert, as they arrive from
 * the wire, plus hand-built MONEY halves and DECIMAL bytes (the decoder,
 * lib/erp_value, reads them without db-lib).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <sybfront.h>
#include <sybdb.h>

#include "dz.h"
#include "erp_value.h"
#include "money.h"
#include "tap.h"

struct conv {
	int		 type;
	int		 prec, scale;	/* DECIMAL / NUMERIC only */
	const char	*text;
	int		 to_scale;
	int		 ok;
	long long	 want;
};

static const struct conv convs[] = {
	/* MONEY: four decimals, exact. */
	{ SYBMONEY, 0, 0, "1234.5678", 2, 1, 123457 },
	{ SYBMONEY, 0, 0, "1234.5678", 4, 1, 12345678 },
	{ SYBMONEY, 0, 0, "1234.5650", 2, 1, 123457 },
	{ SYBMONEY, 0, 0, "1234.5649", 2, 1, 123456 },
	{ SYBMONEY, 0, 0, "-0.0150", 2, 1, -2 },
	{ SYBMONEY, 0, 0, "-0.0149", 2, 1, -1 },
	{ SYBMONEY, 0, 0, "0", 2, 1, 0 },
	{ SYBMONEY, 0, 0, "99999999999999.99", 2, 1, 9999999999999999LL },
	{ SYBMONEY, 0, 0, "-99999999999999.99", 2, 1, -9999999999999999LL },
	{ SYBMONEY, 0, 0, "922337203685477.5807", 2, 0, 0 },	/* > DECIMAL(18,2) */
	{ SYBMONEY, 0, 0, "-922337203685477.5808", 2, 0, 0 },
	{ SYBMONEY, 0, 0, "4294967.2960", 2, 1, 429496730 },	/* crosses the halves */
	{ SYBMONEY, 0, 0, "-4294967.2960", 2, 1, -429496730 },
	/* SMALLMONEY */
	{ SYBMONEY4, 0, 0, "214748.3647", 2, 1, 21474836 },
	{ SYBMONEY4, 0, 0, "-214748.3648", 2, 1, -21474836 },
	{ SYBMONEY4, 0, 0, "-1.0050", 2, 1, -101 },
	{ SYBMONEY4, 0, 0, "12.3456", 4, 1, 123456 },
	/* DECIMAL(18,2), as Btype.ARTotal */
	{ SYBDECIMAL, 18, 2, "12345678901234.56", 2, 1, 1234567890123456LL },
	{ SYBDECIMAL, 18, 2, "-0.01", 2, 1, -1 },
	{ SYBDECIMAL, 18, 2, "9999999999999999.99", 2, 0, 0 },
	{ SYBDECIMAL, 18, 2, "7.10", 4, 1, 71000 },
	/* DECIMAL(18,4), as DlySale.Qty / Price */
	{ SYBDECIMAL, 18, 4, "1234.5650", 2, 1, 123457 },
	{ SYBDECIMAL, 18, 4, "-1234.5650", 2, 1, -123457 },
	{ SYBDECIMAL, 18, 4, "0.0049", 2, 1, 0 },
	{ SYBDECIMAL, 18, 4, "-0.0050", 2, 1, -1 },
	{ SYBDECIMAL, 18, 4, "85.0000", 4, 1, 850000 },
	{ SYBDECIMAL, 18, 4, "12345678901234.5678", 4, 0, 0 },	/* > +-DZ_MONEY_MAX units */
	/* NUMERIC(38,10): long fractions */
	{ SYBNUMERIC, 38, 10, "1.2500000000", 2, 1, 125 },
	{ SYBNUMERIC, 38, 10, "0.0050000001", 2, 1, 1 },
	{ SYBNUMERIC, 38, 10, "-0.0049999999", 2, 1, 0 },
	{ SYBNUMERIC, 38, 10, "123456789012345678901234.5", 2, 0, 0 },
};

struct flt {
	double		 v;
	int		 real;		/* REAL (float) rather than FLOAT */
	int		 to_scale;
	int		 ok;
	long long	 want;
};

static const struct flt flts[] = {
	{ 0.1, 0, 2, 1, 10 },
	{ 2.675, 0, 2, 1, 268 },	/* binary 2.67499999..., written 2.675 */
	{ -2.675, 0, 2, 1, -268 },
	{ 1.005, 0, 2, 1, 101 },	/* binary 1.00499999... */
	{ 1234567.89, 0, 2, 1, 123456789 },
	{ 99999999999.99, 0, 2, 1, 9999999999999LL },
	{ 0.3 * 3, 0, 2, 1, 90 },	/* 0.8999999999999999 */
	{ 1e-9, 0, 2, 1, 0 },
	{ -0.005, 0, 2, 1, -1 },
	{ 12.3456, 0, 4, 1, 123456 },
	{ 1e16, 0, 2, 0, 0 },
	{ 0.1, 1, 2, 1, 10 },
	{ 1234.56, 1, 2, 1, 123456 },
	{ 0.5, 1, 4, 1, 5000 },
};

struct dec {
	const char	*s;
	int		 scale;
	int		 ok;
	long long	 want;
};

static const struct dec decs[] = {
	{ "12.345", 2, 1, 1235 },
	{ "-12.345", 2, 1, -1235 },
	{ "12.3449999", 2, 1, 1234 },
	{ "  7 ", 2, 1, 700 },
	{ ".5", 2, 1, 50 },
	{ "-.5", 4, 1, -5000 },
	{ "+3", 0, 1, 3 },
	{ "99999999999999.994", 2, 1, 9999999999999999LL },
	{ "99999999999999.995", 2, 0, 0 },
	/* padding to the scale used to wrap past 2^64 and come back small */
	{ "1844674407370956", 4, 0, 0 },
	{ "1844674407370956", 6, 0, 0 },
	{ "-99999999999999999", 6, 0, 0 },
	{ "999999999999", 4, 1, 9999999999990000LL },
	{ "9999999999999999", 0, 1, 9999999999999999LL },
	{ "", 2, 0, 0 },
	{ "-", 2, 0, 0 },
	{ ".", 2, 0, 0 },
	{ "1e3", 2, 0, 0 },
	{ "1,234.50", 2, 0, 0 },
	{ "1.2.3", 2, 0, 0 },
	{ "0x10", 2, 0, 0 },
	{ "12", 7, 0, 0 },
};

static void
check(const char *what, enum dz_err rc, int64_t got, int ok, long long want)
{
	if (ok)
		is_int(rc == DZ_OK ? (long long)got : -424242424242LL, want, "%s", what);
	else
		is_int(rc, DZ_ERR_INVAL, "%s refused", what);
}

int
main(void)
{
	BYTE		 buf[64];
	DBTYPEINFO	 ti;
	DBMONEY		 m;
	int64_t		 out;
	int32_t		 i4;
	int16_t		 i2;
	int64_t		 i8;
	unsigned char	 i1;
	float		 f4;
	double		 f8;
	char		 what[128];
	size_t		 i;
	enum dz_err	 rc;
	DBINT		 n;

	if (dbinit() == FAIL) {
		skip_all("dbinit failed");
		return 0;
	}
	for (i = 0; i < DZ_NELEM(convs); i++) {
		const struct conv *c = &convs[i];

		memset(buf, 0, sizeof(buf));
		ti.precision = c->prec;
		ti.scale = c->scale;
		n = dbconvert_ps(NULL, SYBCHAR, (const BYTE *)c->text, (DBINT)strlen(c->text),
		    c->type, buf, sizeof(buf), c->prec != 0 ? &ti : NULL);
		snprintf(what, sizeof(what), "type %d %s -> scale %d", c->type, c->text,
		    c->to_scale);
		if (n <= 0) {
			/* db-lib itself refuses what does not fit the type. */
			ok(!c->ok, "%s: not representable, so refused upstream", what);
			continue;
		}
		rc = dz_erp_value_fixed(c->type, buf, n, c->to_scale, &out);
		check(what, rc, out, c->ok, c->want);
	}

	/* MONEY halves built by hand: high word first, both as on the wire. */
	m.mnyhigh = -1;
	m.mnylow = 0xffffff6aU;		/* -150 ten-thousandths */
	rc = dz_erp_value_fixed(SYBMONEY, &m, sizeof(m), 2, &out);
	check("MONEY {-1, 0xffffff6a} = -0.0150", rc, out, 1, -2);
	m.mnyhigh = 1;
	m.mnylow = 0;			/* 2^32 ten-thousandths = 429496.7296 */
	rc = dz_erp_value_fixed(SYBMONEY, &m, sizeof(m), 4, &out);
	check("MONEY {1, 0} = 429496.7296", rc, out, 1, 4294967296LL);

	for (i = 0; i < DZ_NELEM(flts); i++) {
		const struct flt *f = &flts[i];

		if (f->real) {
			f4 = (float)f->v;
			rc = dz_erp_value_fixed(SYBREAL, &f4, sizeof(f4), f->to_scale, &out);
		} else {
			f8 = f->v;
			rc = dz_erp_value_fixed(SYBFLT8, &f8, sizeof(f8), f->to_scale, &out);
		}
		snprintf(what, sizeof(what), "%s %.17g -> scale %d",
		    f->real ? "REAL" : "FLOAT", f->v, f->to_scale);
		check(what, rc, out, f->ok, f->want);
	}
	f8 = NAN;
	is_int(dz_erp_value_fixed(SYBFLT8, &f8, sizeof(f8), 2, &out), DZ_ERR_INVAL,
	    "FLOAT NaN refused");
	f8 = INFINITY;
	is_int(dz_erp_value_fixed(SYBFLT8, &f8, sizeof(f8), 2, &out), DZ_ERR_INVAL,
	    "FLOAT infinity refused");

	/* Integers count whole yuan (or whole units). */
	i1 = 200;
	rc = dz_erp_value_fixed(SYBINT1, &i1, 1, 2, &out);
	check("TINYINT 200", rc, out, 1, 20000);
	i2 = -300;
	rc = dz_erp_value_fixed(SYBINT2, &i2, 2, 2, &out);
	check("SMALLINT -300", rc, out, 1, -30000);
	i4 = 2147483647;
	rc = dz_erp_value_fixed(SYBINT4, &i4, 4, 2, &out);
	check("INT max", rc, out, 1, 214748364700LL);
	i8 = 123456789012LL;
	rc = dz_erp_value_fixed(SYBINT8, &i8, 8, 0, &out);
	check("BIGINT as a plain integer", rc, out, 1, 123456789012LL);
	i8 = 9999999999999999LL;
	rc = dz_erp_value_fixed(SYBINT8, &i8, 8, 2, &out);
	check("BIGINT too big for fen", rc, out, 0, 0);
	i1 = 1;
	rc = dz_erp_value_fixed(SYBBIT, &i1, 1, 0, &out);
	check("BIT 1", rc, out, 1, 1);
	rc = dz_erp_value_fixed(SYBVARCHAR, "  -12.345 ", 10, 2, &out);
	check("VARCHAR ' -12.345 '", rc, out, 1, -1235);
	rc = dz_erp_value_fixed(SYBINT4, &i4, 2, 2, &out);
	check("INT with a wrong length", rc, out, 0, 0);
	rc = dz_erp_value_fixed(SYBDATETIME, &i8, 8, 2, &out);
	check("DATETIME is no amount", rc, out, 0, 0);
	rc = dz_erp_value_fixed(SYBMONEY, NULL, 8, 2, &out);
	check("NULL", rc, out, 0, 0);

	/* DECIMAL bytes by hand: precision, scale, sign, big-endian magnitude. */
	memset(buf, 0, sizeof(buf));
	buf[0] = 38, buf[1] = 0, buf[2] = 0;
	memset(buf + 3, 0xff, 16);		/* 2^128 - 1: 39 digits */
	rc = dz_erp_value_fixed(SYBDECIMAL, buf, DZ_ERP_DECIMAL_SIZE, 0, &out);
	check("DECIMAL(38,0) 2^128-1 is beyond the range", rc, out, 0, 0);
	memset(buf, 0, sizeof(buf));
	buf[0] = 18, buf[1] = 2, buf[2] = 1;	/* precision 18: 8 magnitude bytes */
	buf[10] = 0x7b;				/* 123 -> -1.23 */
	rc = dz_erp_value_fixed(SYBDECIMAL, buf, DZ_ERP_DECIMAL_SIZE, 2, &out);
	check("DECIMAL(18,2) {sign 1, ..., 0x7b} = -1.23", rc, out, 1, -123);
	rc = dz_erp_value_fixed(SYBDECIMAL, buf, DZ_ERP_DECIMAL_SIZE, 0, &out);
	check("DECIMAL(18,2) -1.23 to whole units", rc, out, 1, -1);
	buf[1] = 5;				/* 0.00123 */
	rc = dz_erp_value_fixed(SYBNUMERIC, buf, DZ_ERP_DECIMAL_SIZE, 4, &out);
	check("NUMERIC(18,5) -0.00123 at 1/10000", rc, out, 1, -12);
	buf[2] = 2;
	rc = dz_erp_value_fixed(SYBDECIMAL, buf, DZ_ERP_DECIMAL_SIZE, 2, &out);
	check("DECIMAL with a sign byte of 2", rc, out, 0, 0);
	buf[2] = 0;
	rc = dz_erp_value_fixed(SYBDECIMAL, buf, 10, 2, &out);
	check("DECIMAL(18) cut short of its 9 bytes", rc, out, 0, 0);
	buf[0] = 0;
	rc = dz_erp_value_fixed(SYBDECIMAL, buf, DZ_ERP_DECIMAL_SIZE, 2, &out);
	check("DECIMAL of precision 0", rc, out, 0, 0);
	buf[0] = 39;
	rc = dz_erp_value_fixed(SYBDECIMAL, buf, DZ_ERP_DECIMAL_SIZE, 2, &out);
	check("DECIMAL of precision 39", rc, out, 0, 0);
	buf[0] = 4, buf[1] = 5;
	rc = dz_erp_value_fixed(SYBDECIMAL, buf, DZ_ERP_DECIMAL_SIZE, 2, &out);
	check("DECIMAL with scale above precision", rc, out, 0, 0);
	rc = dz_erp_value_fixed(SYBDECIMAL, buf, 2, 2, &out);
	check("DECIMAL of 2 bytes", rc, out, 0, 0);

	for (i = 0; i < DZ_NELEM(decs); i++) {
		rc = dz_erp_decimal(decs[i].s, strlen(decs[i].s), decs[i].scale, &out);
		snprintf(what, sizeof(what), "decimal '%s' scale %d", decs[i].s,
		    decs[i].scale);
		check(what, rc, out, decs[i].ok, decs[i].want);
	}
	return done_testing();
}
