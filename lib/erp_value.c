/*
 * erp_value.c: ERP values into int64 of a fixed scale and into clean
 * UTF-8 (erp_value.h). Pure: no FreeTDS, no I/O, no allocation.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "erp_value.h"
#include "utf8.h"
#include "money.h"

static const int64_t pow10tab[] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
    10000000, 100000000 };

/* Bytes of a DECIMAL's sign and magnitude, by precision (db-lib's table). */
static const unsigned char numeric_bytes[39] = { 1, 2, 2, 3, 3, 4, 4, 4, 5, 5,
    6, 6, 6, 7, 7, 8, 8, 9, 9, 9, 10, 10, 11, 11, 11, 12, 12, 13, 13, 14, 14,
    14, 15, 15, 16, 16, 16, 17, 17 };

enum dz_err
dz_erp_decimal(const char *s, size_t len, int scale, int64_t *out)
{
	const char	*p = s, *end = s + len;
	uint64_t	 v = 0, limit;
	int		 neg = 0, digits = 0, frac = 0, round = 0, seen_point = 0;

	if (scale < 0 || scale > 6)
		return DZ_ERR_INVAL;
	limit = (uint64_t)DZ_MONEY_MAX;
	while (p < end && *p == ' ')
		p++;
	while (end > p && end[-1] == ' ')
		end--;
	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < end; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		if (*p < '0' || *p > '9')
			return DZ_ERR_INVAL;
		digits++;
		if (seen_point && frac == scale) {
			/* First dropped digit decides; half away from zero. */
			if (round == 0)
				round = *p >= '5' ? 1 : -1;
			continue;
		}
		if (seen_point)
			frac++;
		v = v * 10 + (uint64_t)(*p - '0');
		if (v > limit * 10)
			return DZ_ERR_INVAL;
	}
	if (digits == 0)
		return DZ_ERR_INVAL;
	/* Padded to the scale: refused as soon as it is over the limit, so
	 * the multiplication cannot wrap (it did: "1844674407370956" at
	 * scale 4 came back as 0.8384). */
	for (; frac < scale; frac++) {
		if (v > limit)
			return DZ_ERR_INVAL;
		v *= 10;
	}
	if (round == 1)
		v++;
	if (v > limit)
		return DZ_ERR_INVAL;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return DZ_OK;
}

/* v (an integer of scale from) at scale to, half away from zero. */
static enum dz_err
rescale(int64_t v, int from, int to, int64_t *out)
{
	int64_t	 d, q, r;

	if (from == to)
		q = v;
	else if (from > to) {
		d = pow10tab[from - to];
		q = v / d;	/* toward zero; r has the sign of v */
		r = v % d;
		if (r * 2 >= d)
			q++;
		else if (r * 2 <= -d)
			q--;
	} else {
		d = pow10tab[to - from];
		if (v > DZ_MONEY_MAX / d || v < -DZ_MONEY_MAX / d)
			return DZ_ERR_INVAL;
		q = v * d;
	}
	if (q > DZ_MONEY_MAX || q < -DZ_MONEY_MAX)
		return DZ_ERR_INVAL;
	*out = q;
	return DZ_OK;
}

/*
 * A DECIMAL / NUMERIC in db-lib's layout, exactly: its magnitude (up to 16
 * bytes, big-endian) printed in decimal by repeated division, the point put
 * in by its scale, then read as any decimal text.
 */
static enum dz_err
decimal_bytes(const unsigned char *b, int len, int scale, int64_t *out)
{
	unsigned char	 mag[16];
	char		 digits[48], text[52];
	unsigned int	 prec, dscale, rem;
	size_t		 nmag, nd = 0, i, k, lead;
	int		 nonzero;

	if (len < 3)
		return DZ_ERR_INVAL;
	prec = b[0];
	dscale = b[1];
	if (prec < 1 || prec > 38 || dscale > prec ||
	    len < 2 + numeric_bytes[prec] || b[2] > 1)
		return DZ_ERR_INVAL;
	nmag = (size_t)numeric_bytes[prec] - 1;
	memcpy(mag, b + 3, nmag);
	do {
		/* mag /= 10, the remainder is the next digit (lowest first). */
		for (i = 0, rem = 0, nonzero = 0; i < nmag; i++) {
			unsigned int cur = rem << 8 | mag[i];

			mag[i] = (unsigned char)(cur / 10);
			rem = cur % 10;
			nonzero |= mag[i] != 0;
		}
		digits[nd++] = (char)('0' + rem);
	} while (nonzero && nd < sizeof(digits));
	if (nonzero)
		return DZ_ERR_INVAL;
	while (nd <= dscale)
		digits[nd++] = '0';	/* at least one digit before the point */
	k = 0;
	if (b[2] == 1)
		text[k++] = '-';
	for (lead = nd; lead > 0; lead--) {
		if (lead == dscale)
			text[k++] = '.';
		text[k++] = digits[lead - 1];
	}
	return dz_erp_decimal(text, k, scale, out);
}

static enum dz_err
float_value(double f, int real, int scale, int64_t *out)
{
	char	buf[80];

	if (!isfinite(f) || fabs(f) >= 1e15)
		return DZ_ERR_INVAL;
	if (fabs(f) < 1e-7)
		f = 0;
	/*
	 * A FLOAT holds the nearest binary fraction of what the ERP wrote
	 * (0.1 is 0.1000000000000000055...). Its shortest 15 (REAL: 7)
	 * significant digits give back the decimal written; rounding the
	 * binary value itself would turn 2.675 into 2.67.
	 */
	snprintf(buf, sizeof(buf), "%.*g", real ? 7 : 15, f);
	if (strchr(buf, 'e') != NULL) {
		/* Tiny values print as 1e-05: fixed notation instead. */
		snprintf(buf, sizeof(buf), "%.*f", real ? 7 : 12, f);
	}
	return dz_erp_decimal(buf, strlen(buf), scale, out);
}

/* A signed integer of want (2, 4, 8) bytes in host order, as db-lib gives it. */
static int
int_bytes(const unsigned char *b, int len, int want, int64_t *v)
{
	int16_t	i2;
	int32_t	i4;

	if (len != want)
		return -1;
	if (want == 2) {
		memcpy(&i2, b, 2);
		*v = i2;
	} else if (want == 4) {
		memcpy(&i4, b, 4);
		*v = i4;
	} else
		memcpy(v, b, 8);
	return 0;
}

enum dz_err
dz_erp_value_fixed(int type, const void *data, int len, int scale, int64_t *out)
{
	const unsigned char	*b = data;
	int64_t			 v;

	if (data == NULL || len <= 0 || scale < 0 || scale > 6)
		return DZ_ERR_INVAL;
	switch (type) {
	case DZ_ERP_V_MONEY: {
		int32_t		hi;
		uint32_t	lo;

		/* Two 32-bit halves, high first: ten-thousandths, exact. */
		if (len != 8)
			return DZ_ERR_INVAL;
		memcpy(&hi, b, 4);
		memcpy(&lo, b + 4, 4);
		v = (int64_t)(((uint64_t)(uint32_t)hi << 32) | (uint64_t)lo);
		return rescale(v, 4, scale, out);
	}
	case DZ_ERP_V_MONEY4: {
		int32_t	m;

		if (len != 4)
			return DZ_ERR_INVAL;
		memcpy(&m, b, 4);
		return rescale((int64_t)m, 4, scale, out);
	}
	case DZ_ERP_V_DECIMAL:
	case DZ_ERP_V_NUMERIC:
		return decimal_bytes(b, len, scale, out);
	case DZ_ERP_V_FLT8: {
		double	f;

		if (len != (int)sizeof(f))
			return DZ_ERR_INVAL;
		memcpy(&f, b, sizeof(f));
		return float_value(f, 0, scale, out);
	}
	case DZ_ERP_V_REAL: {
		float	g;

		if (len != (int)sizeof(g))
			return DZ_ERR_INVAL;
		memcpy(&g, b, sizeof(g));
		return float_value(g, 1, scale, out);
	}
	case DZ_ERP_V_INT1:
		return rescale((int64_t)b[0], 0, scale, out);
	case DZ_ERP_V_BIT:
		return rescale((int64_t)(b[0] != 0), 0, scale, out);
	case DZ_ERP_V_INT2:
	case DZ_ERP_V_INT4:
	case DZ_ERP_V_INT8: {
		int64_t	i;

		if (int_bytes(b, len, type == DZ_ERP_V_INT2 ? 2 : type == DZ_ERP_V_INT4 ?
		    4 : 8, &i) != 0 || i > DZ_MONEY_MAX || i < -DZ_MONEY_MAX)
			return DZ_ERR_INVAL;
		return rescale(i, 0, scale, out);
	}
	case DZ_ERP_V_CHAR:
	case DZ_ERP_V_VARCHAR:
	case DZ_ERP_V_TEXT:
		return dz_erp_decimal((const char *)b, (size_t)len, scale, out);
	default:
		return DZ_ERR_INVAL;
	}
}

size_t
dz_erp_value_text(const void *data, size_t n, char *buf, size_t bufsz)
{
	const unsigned char	*p = data;
	size_t			 i, k = 0, len;
	uint32_t		 cp;

	if (bufsz == 0)
		return 0;
	if (p == NULL)
		n = 0;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\0'))
		n--;
	for (i = 0; i < n; i += len) {
		if ((len = dz_utf8_next(p + i, n - i, &cp)) == 0) {
			if (k + 1 >= bufsz)
				break;
			buf[k++] = '?';
			len = 1;
			continue;
		}
		if (k + len >= bufsz)
			break;
		if (len == 1 && (p[i] < 0x20 || p[i] == 0x7f))
			buf[k++] = ' ';
		else {
			memcpy(buf + k, p + i, len);
			k += len;
		}
	}
	buf[k] = '\0';
	return k;
}
