/*
 * money.c: amounts as int64 fen. Every conversion is done on digits, never
 * through double, and every limit is checked before the arithmetic that
 * could overflow.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "dz.h"
#include "lang.h"
#include "money.h"

/* "¥" (U+00A5) and the full-width "￥" (U+FFE5) people type in Chinese. */
static const char yen[] = "\xc2\xa5";
static const char fwyen[] = "\xef\xbf\xa5";

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Skip one yen sign at p, if there is one. */
static const char *
skip_yen(const char *p)
{
	if (strncmp(p, yen, sizeof(yen) - 1) == 0)
		return p + sizeof(yen) - 1;
	if (strncmp(p, fwyen, sizeof(fwyen) - 1) == 0)
		return p + sizeof(fwyen) - 1;
	return p;
}

/*
 * Append one digit to the yuan count *v, refusing anything whose fen value
 * would pass DZ_MONEY_MAX. Returns 0 or -1.
 */
static int
push_digit(int64_t *v, char c)
{
	if (*v > (DZ_MONEY_MAX / 100 - (c - '0')) / 10)
		return -1;
	*v = *v * 10 + (c - '0');
	return 0;
}

/*
 * Parse an amount typed by a person. Grammar after trimming spaces:
 *   [sign] [yen] [sign] int [ "." d [d] ]   (one sign at most)
 *   int = digits | group1 ("," ddd)+  with group1 1..3 digits, not "0..."
 */
enum dz_err
dz_money_parse(const char *s, int64_t *fen)
{
	const char	*p, *q;
	int64_t		 yuan = 0, cents = 0;
	int		 neg = 0, nsign = 0, group, commas;

	if (s == NULL)
		return DZ_ERR_INVAL;
	p = skip_space(s);
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		nsign++;
		p++;
	}
	p = skip_yen(p);
	if (*p == '-' || *p == '+') {
		neg = *p == '-';
		nsign++;
		p++;
	}
	if (nsign > 1 || !is_digit(*p))
		return DZ_ERR_INVAL;

	/* Integer part, with the comma grouping checked as we go. */
	q = p;
	group = commas = 0;
	for (; is_digit(*p) || *p == ','; p++) {
		if (*p == ',') {
			/* The first group: 1..3 digits, not starting with 0. */
			if (commas == 0 && (group < 1 || group > 3 || *q == '0'))
				return DZ_ERR_INVAL;
			if (commas > 0 && group != 3)
				return DZ_ERR_INVAL;
			commas++;
			group = 0;
			continue;
		}
		if (push_digit(&yuan, *p) == -1)
			return DZ_ERR_INVAL;
		group++;
	}
	if (commas > 0 && group != 3)
		return DZ_ERR_INVAL;

	if (*p == '.') {
		p++;
		if (!is_digit(*p))
			return DZ_ERR_INVAL;
		cents = (*p++ - '0') * 10;
		if (is_digit(*p))
			cents += *p++ - '0';
		if (is_digit(*p))
			return DZ_ERR_INVAL;
	}
	p = skip_space(p);
	if (*p != '\0')
		return DZ_ERR_INVAL;
	if (yuan * 100 + cents > DZ_MONEY_MAX)
		return DZ_ERR_INVAL;
	*fen = neg ? -(yuan * 100 + cents) : yuan * 100 + cents;
	return DZ_OK;
}

/*
 * Parse a database decimal: [sign] digits ["." digits] or [sign] "." digits,
 * any number of decimals, rounded to fen half away from zero.
 */
enum dz_err
dz_money_parse_decimal(const char *s, int64_t *fen)
{
	const char	*p;
	int64_t		 yuan = 0, cents = 0;
	int		 neg = 0, nint = 0, nfrac = 0, round = 0;

	if (s == NULL)
		return DZ_ERR_INVAL;
	p = skip_space(s);
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; is_digit(*p); p++, nint++)
		if (push_digit(&yuan, *p) == -1)
			return DZ_ERR_INVAL;
	if (*p == '.') {
		for (p++; is_digit(*p); p++, nfrac++) {
			if (nfrac < 2)
				cents = cents * 10 + (*p - '0');
			else if (nfrac == 2)
				round = *p >= '5';
		}
		if (nfrac == 0)
			return DZ_ERR_INVAL;
		if (nfrac == 1)
			cents *= 10;
	}
	if (nint == 0 && nfrac == 0)
		return DZ_ERR_INVAL;
	p = skip_space(p);
	if (*p != '\0')
		return DZ_ERR_INVAL;
	/* yuan <= MAX / 100, so this cannot overflow int64. */
	cents += yuan * 100 + round;
	if (cents > DZ_MONEY_MAX)
		return DZ_ERR_INVAL;
	*fen = neg ? -cents : cents;
	return DZ_OK;
}

/*
 * Write fen into buf, with "," every three integer digits when group is
 * set. The magnitude is taken as unsigned so INT64_MIN works too. If buf is
 * too small it gets "" (when bufsz > 0).
 */
static char *
format(int64_t fen, char *buf, size_t bufsz, int group)
{
	char		 tmp[DZ_MONEY_BUFSZ];
	uint64_t	 mag;
	size_t		 i = sizeof(tmp), n;
	int		 nd = 0;

	mag = fen < 0 ? -(uint64_t)fen : (uint64_t)fen;
	tmp[--i] = '\0';
	tmp[--i] = '0' + mag % 10;
	mag /= 10;
	tmp[--i] = '0' + mag % 10;
	mag /= 10;
	tmp[--i] = '.';
	do {
		if (group && nd > 0 && nd % 3 == 0)
			tmp[--i] = ',';
		tmp[--i] = '0' + mag % 10;
		mag /= 10;
		nd++;
	} while (mag > 0);
	if (fen < 0)
		tmp[--i] = '-';
	n = sizeof(tmp) - i;	/* with the NUL */
	if (buf == NULL || bufsz == 0)
		return buf;
	if (bufsz < n) {
		buf[0] = '\0';
		return buf;
	}
	memcpy(buf, tmp + i, n);
	return buf;
}

char *
dz_money_format(int64_t fen, char *buf, size_t bufsz)
{
	return format(fen, buf, bufsz, 1);
}

char *
dz_money_format_plain(int64_t fen, char *buf, size_t bufsz)
{
	return format(fen, buf, bufsz, 0);
}

char *
dz_money_format_scaled(int64_t v, int scale, int mindec, char *buf, size_t bufsz)
{
	char		 tmp[48];
	uint64_t	 mag;
	size_t		 i = sizeof(tmp), n;
	int		 d, keep;

	if (buf == NULL || bufsz == 0)
		return buf;
	buf[0] = '\0';
	if (scale < 0 || scale > DZ_FIXED_SCALE_MAX || mindec < 0 || mindec > scale)
		return buf;
	mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
	tmp[--i] = '\0';
	/* The fraction from its last digit; zeros there go while past mindec. */
	for (d = scale, keep = 0; d > 0; d--, mag /= 10) {
		if (mag % 10 != 0 || d <= mindec)
			keep = 1;
		if (keep)
			tmp[--i] = '0' + mag % 10;
	}
	if (keep)
		tmp[--i] = '.';
	do {
		tmp[--i] = '0' + mag % 10;
		mag /= 10;
	} while (mag > 0);
	if (v < 0)
		tmp[--i] = '-';
	n = sizeof(tmp) - i;
	if (bufsz >= n)
		memcpy(buf, tmp + i, n);
	return buf;
}

enum dz_err
dz_money_parse_scaled(const char *s, int scale, int64_t *out)
{
	const char	*p;
	uint64_t	 v = 0;
	int		 neg = 0, nint = 0, nfrac = 0, up = 0;

	if (s == NULL || scale < 0 || scale > DZ_FIXED_SCALE_MAX)
		return DZ_ERR_INVAL;
	p = skip_space(s);
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; is_digit(*p); p++, nint++) {
		if (v > (UINT64_MAX - 9) / 10)
			return DZ_ERR_INVAL;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		for (p++; is_digit(*p); p++, nfrac++) {
			if (nfrac < scale) {
				if (v > (UINT64_MAX - 9) / 10)
					return DZ_ERR_INVAL;
				v = v * 10 + (uint64_t)(*p - '0');
			} else if (nfrac == scale)
				up = *p >= '5';
		}
		if (nfrac == 0)
			return DZ_ERR_INVAL;
	}
	if (nint == 0 && nfrac == 0)
		return DZ_ERR_INVAL;
	p = skip_space(p);
	if (*p != '\0')
		return DZ_ERR_INVAL;
	for (; nfrac < scale; nfrac++) {
		if (v > UINT64_MAX / 10)
			return DZ_ERR_INVAL;
		v *= 10;
	}
	v += (uint64_t)up;
	if (v > (uint64_t)INT64_MAX + (uint64_t)neg)
		return DZ_ERR_INVAL;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return DZ_OK;
}

/* The result of a checked sum: *out only when it did not overflow. */
static enum dz_err
checked(int overflowed, const int64_t *r, int64_t *out)
{
	if (overflowed)
		return DZ_ERR_INVAL;
	*out = *r;
	return DZ_OK;
}

enum dz_err
dz_money_add(int64_t a, int64_t b, int64_t *out)
{
	int64_t	 r;

	return checked(__builtin_add_overflow(a, b, &r), &r, out);
}

enum dz_err
dz_money_sub(int64_t a, int64_t b, int64_t *out)
{
	int64_t	 r;

	return checked(__builtin_sub_overflow(a, b, &r), &r, out);
}

int64_t
dz_money_cell(const char *s)
{
	int64_t	v = 0;

	if (s == NULL || dz_money_parse_decimal(s, &v) != DZ_OK)
		return 0;
	return v;
}

int64_t
dz_money_cell_scaled(const char *s, int scale)
{
	int64_t	v = 0;

	if (s == NULL || dz_money_parse_scaled(s, scale, &v) != DZ_OK)
		return 0;
	return v;
}

/* ---------------------------------------------------------------------
 * 人民币大写.
 */

static const char *const rmb_digit[10] = {
	LANG_rmb_d0, LANG_rmb_d1, LANG_rmb_d2, LANG_rmb_d3, LANG_rmb_d4,
	LANG_rmb_d5, LANG_rmb_d6, LANG_rmb_d7, LANG_rmb_d8, LANG_rmb_d9,
};
/* The unit of a place inside its group of four: ones, 拾, 佰, 仟. */
static const char *const rmb_place[4] = { "", LANG_rmb_shi, LANG_rmb_bai, LANG_rmb_qian };

struct upper {
	char	*buf;
	size_t	 sz, len;
	int	 over;
};

static void
up_put(struct upper *u, const char *s)
{
	size_t	n = strlen(s);

	if (u->over || u->len + n >= u->sz) {
		u->over = 1;
		return;
	}
	memcpy(u->buf + u->len, s, n);
	u->len += n;
	u->buf[u->len] = '\0';
}

/*
 * The yuan as capitals, place by place from the highest: a digit and its
 * place's unit; zeros are remembered and written as one 零 before the next
 * digit that is not 0, unless a group's unit (万, 亿) came between (the
 * zeros then ended a group, and the rules let the 零 go). A group's unit is
 * written after its last place when the group has a digit that is not 0;
 * 亿 also when only the 万亿 group above it has (1,0000,0000,0000 is
 * 壹万亿).
 */
static void
up_yuan(struct upper *u, int64_t yuan)
{
	char	d[20];
	int	n = 0, p, zero = 0, group = 0;

	while (yuan > 0 && n < (int)sizeof(d)) {
		d[n++] = (char)(yuan % 10);
		yuan /= 10;
	}
	for (p = n - 1; p >= 0; p--) {
		if (d[p] == 0)
			zero = 1;
		else {
			if (zero)
				up_put(u, LANG_rmb_d0);
			zero = 0;
			group = 1;
			up_put(u, rmb_digit[(int)d[p]]);
			up_put(u, rmb_place[p % 4]);
		}
		if (p == 4 || p == 12) {
			if (group) {
				up_put(u, LANG_rmb_wan);
				zero = 0;
			}
			if (p == 4)
				group = 0;
		} else if (p == 8) {
			/* group stays set from 万亿 down to here */
			if (group) {
				up_put(u, LANG_rmb_yi);
				zero = 0;
			}
			group = 0;
		}
	}
}

char *
dz_money_rmb_upper(int64_t fen, char *buf, size_t bufsz)
{
	struct upper	u;
	int64_t		yuan;
	int		jiao, cent;

	if (buf == NULL || bufsz == 0)
		return buf;
	buf[0] = '\0';
	if (fen > DZ_MONEY_MAX || fen < -DZ_MONEY_MAX)
		return buf;
	u.buf = buf;
	u.sz = bufsz;
	u.len = 0;
	u.over = 0;
	if (fen < 0) {
		up_put(&u, LANG_rmb_neg);
		fen = -fen;
	}
	yuan = fen / 100;
	jiao = (int)(fen / 10 % 10);
	cent = (int)(fen % 10);
	if (fen == 0) {
		up_put(&u, LANG_rmb_d0);
		up_put(&u, LANG_rmb_yuan);
	} else if (yuan > 0) {
		up_yuan(&u, yuan);
		up_put(&u, LANG_rmb_yuan);
	}
	if (jiao > 0) {
		up_put(&u, rmb_digit[jiao]);
		up_put(&u, LANG_rmb_jiao);
	} else if (cent > 0 && yuan > 0)
		up_put(&u, LANG_rmb_d0);
	if (cent > 0) {
		up_put(&u, rmb_digit[cent]);
		up_put(&u, LANG_rmb_fen);
	}
	if (jiao == 0 && cent == 0)
		up_put(&u, LANG_rmb_zheng);
	if (u.over)
		buf[0] = '\0';
	return buf;
}
