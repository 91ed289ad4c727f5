/*
 * ledger.c: the customer's ledger read from a sheet (ledger.h), pure.
 *
 * Why by hand: what a header means (金蝶's 贷方, 管家婆's 应付增加) and how
 * Chinese bookkeepers write amounts and dates are this product's
 * knowledge, not a library's (the names are in conf/lang, ledger.*). Text
 * is compared after folding: full-width
 * ASCII (U+FF01..U+FF5E) to ASCII, the ideographic space to a space,
 * spaces dropped, ASCII letters to lower case.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "clock.h"
#include "lang.h"
#include "ledger.h"
#include "money.h"

#define FOLD_MAX	256	/* bytes of a cell compared */
#define HEADER_ROWS	20

/* Fold s into buf (see the top); at most sz - 1 bytes, cut on a character.
 * With keep, spaces are kept (one for each). */
static void
fold_sp(const char *s, char *buf, size_t sz, int keep)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n = 0, w;
	unsigned int		 cp;

	while (*u != '\0' && n + 4 < sz) {
		if (u[0] < 0x80) {
			if (keep && (u[0] == ' ' || u[0] == '\t'))
				buf[n++] = ' ';
			else if (u[0] != ' ' && u[0] != '\t')
				buf[n++] = (char)(u[0] >= 'A' && u[0] <= 'Z' ? u[0] + 32 : u[0]);
			u++;
			continue;
		}
		if ((u[0] & 0xe0) == 0xc0 && u[1] != '\0')
			w = 2;
		else if ((u[0] & 0xf0) == 0xe0 && u[1] != '\0' && u[2] != '\0')
			w = 3;
		else if ((u[0] & 0xf8) == 0xf0 && u[1] != '\0' && u[2] != '\0' && u[3] != '\0')
			w = 4;
		else
			break;
		if (w == 3) {
			cp = ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
			if (cp == 0x3000) {			/* ideographic space */
				if (keep)
					buf[n++] = ' ';
				u += 3;
				continue;
			}
			if (cp >= 0xff01 && cp <= 0xff5e) {	/* full-width ASCII */
				cp -= 0xfee0;
				buf[n++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
				u += 3;
				continue;
			}
		}
		memcpy(buf + n, u, w);
		n += w;
		u += w;
	}
	buf[n] = '\0';
}

static void
fold(const char *s, char *buf, size_t sz)
{
	fold_sp(s, buf, sz, 0);
}

static const char *
cell(const struct dz_sheet *s, size_t r, int c)
{
	const char	*v;

	if (c < 0 || r >= s->nrows || (size_t)c >= s->ncols || s->cell == NULL)
		return "";
	v = s->cell[r * s->ncols + (size_t)c];
	return v != NULL ? v : "";
}

/* ---------------------------------------------------------------------
 * Cells.
 */

enum dz_err
dz_ledger_amount(const char *s, int64_t *fen)
{
	char		 b[FOLD_MAX], *p, *e;
	int64_t		 ip = 0, v;
	int		 neg = 0, paren = 0, digits = 0, dot = 0, nfrac = 0, frac = 0, round = 0;
	size_t		 n;

	*fen = 0;
	if (s == NULL)
		return DZ_ERR_INVAL;
	fold(s, b, sizeof(b));
	p = b;
	n = strlen(p);
	/* 元 at the end; ( ) around; a sign; ¥ (U+00A5) or ￥ (U+FFE5) */
	if (n >= 3 && strcmp(p + n - 3, "\xe5\x85\x83") == 0)
		p[n -= 3] = '\0';
	if (n > 1 && p[0] == '(' && p[n - 1] == ')') {
		paren = 1;
		p[--n] = '\0';
		p++;
	}
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (strncmp(p, "\xc2\xa5", 2) == 0)
		p += 2;
	else if (strncmp(p, "\xef\xbf\xa5", 3) == 0)
		p += 3;
	if (!neg && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (e = p; *e != '\0'; e++) {
		if (*e == ',' && !dot && digits > 0)
			continue;
		if (*e == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (*e < '0' || *e > '9')
			return DZ_ERR_INVAL;
		digits++;
		if (!dot) {
			if (ip > (DZ_MONEY_MAX / 100 - (*e - '0')) / 10)
				return DZ_ERR_INVAL;
			ip = ip * 10 + (*e - '0');
		} else if (nfrac < 2) {
			frac = frac * 10 + (*e - '0');
			nfrac++;
		} else if (nfrac++ == 2)
			round = *e >= '5';	/* half away from zero */
	}
	if (digits == 0 || (paren && neg))
		return DZ_ERR_INVAL;
	while (nfrac < 2) {
		frac *= 10;
		nfrac++;
	}
	v = ip * 100 + frac + round;
	if (v > DZ_MONEY_MAX)
		return DZ_ERR_INVAL;
	*fen = neg || paren ? -v : v;
	return DZ_OK;
}

/* A number of 1..maxd digits at *pp; -1 when none. */
static int
num(const char **pp, int maxd)
{
	const char	*p = *pp;
	int		 v = 0, n = 0;

	while (*p >= '0' && *p <= '9' && n < maxd) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n == 0 || (*p >= '0' && *p <= '9'))
		return -1;
	*pp = p;
	return v;
}

long
dz_ledger_day(const char *s)
{
	char		 b[FOLD_MAX];
	const char	*p = b;
	int		 y, m, d, i;
	long		 day;

	if (s == NULL)
		return -1;
	fold_sp(s, b, sizeof(b), 1);
	while (*p == ' ')
		p++;
	memmove(b, p, strlen(p) + 1);
	p = b;
	/* 20261005 */
	for (i = 0; b[i] >= '0' && b[i] <= '9'; i++)
		;
	if (i == 8 && b[8] == '\0') {
		y = (b[0] - '0') * 1000 + (b[1] - '0') * 100 + (b[2] - '0') * 10 + (b[3] - '0');
		m = (b[4] - '0') * 10 + (b[5] - '0');
		d = (b[6] - '0') * 10 + (b[7] - '0');
	} else {
		if ((y = num(&p, 4)) < 0)
			return -1;
		if (strncmp(p, "\xe5\xb9\xb4", 3) == 0) {		/* 年 */
			p += 3;
			if ((m = num(&p, 2)) < 0 || strncmp(p, "\xe6\x9c\x88", 3) != 0)	/* 月 */
				return -1;
			p += 3;
			if ((d = num(&p, 2)) < 0)
				return -1;
			if (strncmp(p, "\xe6\x97\xa5", 3) == 0)	/* 日 */
				p += 3;
		} else {
			char	sep = *p;

			if (sep != '-' && sep != '/' && sep != '.')
				return -1;
			p++;
			if ((m = num(&p, 2)) < 0 || *p++ != sep || (d = num(&p, 2)) < 0)
				return -1;
		}
		/* a time after the date ("2026-10-05 00:00:00", "...T00:00") */
		if (*p == ' ' || *p == 't') {
			for (p++; *p == ' ' || (*p >= '0' && *p <= '9') || *p == ':' || *p == '.'; p++)
				;
		}
		if (*p != '\0')
			return -1;
	}
	/* lib/clock checks the calendar (1900-2999) and counts the days */
	if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99)
		return -1;
	snprintf(b, sizeof(b), "%04d-%02d-%02d", y, m, d);
	/* before 1970 a day number is negative: no ledger's date, none here
	 * (lib/match takes -1 only, for "no date") */
	day = dz_date_day(b);
	return day >= 0 ? day : -1;
}

/* ---------------------------------------------------------------------
 * Headers.
 */

/* The names of each column (lib/lang.h, from conf/lang: comma-separated). */
static const char *const exact[DZ_LCOL__MAX] = {
	[DZ_LCOL_DATE] = LANG_ledger_date, [DZ_LCOL_REF] = LANG_ledger_ref,
	[DZ_LCOL_MEMO] = LANG_ledger_memo, [DZ_LCOL_AMOUNT] = LANG_ledger_amount,
	[DZ_LCOL_DEBIT] = LANG_ledger_debit, [DZ_LCOL_CREDIT] = LANG_ledger_credit,
	[DZ_LCOL_BALANCE] = LANG_ledger_balance,
};

/* Parts of names, in the order they are tried (余额 before 金额). */
static const struct {
	const char		*list;
	enum dz_ledger_col	 col;
} part[] = {
	{ LANG_ledger_part_date, DZ_LCOL_DATE }, { LANG_ledger_part_balance, DZ_LCOL_BALANCE },
	{ LANG_ledger_part_debit, DZ_LCOL_DEBIT }, { LANG_ledger_part_credit, DZ_LCOL_CREDIT },
	{ LANG_ledger_part_memo, DZ_LCOL_MEMO }, { LANG_ledger_part_ref, DZ_LCOL_REF },
	{ LANG_ledger_part_amount, DZ_LCOL_AMOUNT },
};

/* Is s one of list's names (1), or does it hold one (with part)? */
static int
listed(const char *s, const char *list, int partial)
{
	const char	*p = list, *e;
	size_t		 n, sl = strlen(s);

	for (; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		if ((n = (size_t)(e - p)) == 0)
			continue;
		if (!partial && n == sl && memcmp(s, p, n) == 0)
			return 1;
		if (partial && n <= sl) {
			const char	*q;

			for (q = s; q + n <= s + sl; q++)
				if (memcmp(q, p, n) == 0)
					return 1;
		}
	}
	return 0;
}

/* A header cell folded, a bracketed unit at its end dropped: 金额(元). */
static void
header_fold(const char *s, char *buf, size_t sz)
{
	char	*o;
	size_t	 n;

	fold(s, buf, sz);
	n = strlen(buf);
	if (n > 0 && buf[n - 1] == ')' && (o = strrchr(buf, '(')) != NULL && o > buf)
		*o = '\0';
	/* （ and ） are full-width: fold made them ( and ) */
}

/* For lib/import's headers: the same folding and the same lists. */
void
dz_ledger_header_fold(const char *s, char *buf, size_t sz)
{
	header_fold(s, buf, sz);
}

int
dz_ledger_listed(const char *folded, const char *list)
{
	return listed(folded, list, 0);
}

/* How cell h names a column: 2 exactly, 1 by a part, 0 not; *col. */
static int
names(const char *h, enum dz_ledger_col *col)
{
	char	b[FOLD_MAX];
	size_t	i;

	header_fold(h, b, sizeof(b));
	if (b[0] == '\0')
		return 0;
	for (i = 0; i < DZ_LCOL__MAX; i++)
		if (listed(b, exact[i], 0)) {
			*col = (enum dz_ledger_col)i;
			return 2;
		}
	for (i = 0; i < DZ_NELEM(part); i++)
		if (listed(b, part[i].list, 1)) {
			*col = part[i].col;
			return 1;
		}
	return 0;
}

static void
map_clear(struct dz_ledger_map *m)
{
	int	i;

	m->header = -1;
	for (i = 0; i < DZ_LCOL__MAX; i++)
		m->col[i] = -1;
	m->negate = 0;
}

enum dz_err
dz_ledger_guess(const struct dz_sheet *s, struct dz_ledger_map *m)
{
	enum dz_ledger_col	 col;
	size_t			 r, c, hits, pass;

	map_clear(m);
	for (r = 0; r < s->nrows && r < HEADER_ROWS; r++) {
		for (hits = 0, c = 0; c < s->ncols; c++)
			if (names(cell(s, r, (int)c), &col) > 0)
				hits++;
		if (hits >= 2)
			break;
	}
	if (r == s->nrows || r == HEADER_ROWS)
		return DZ_ERR_NOTFOUND;
	m->header = (long)r;
	/* exact names first, then parts, left to right; each column once */
	for (pass = 2; pass >= 1; pass--)
		for (c = 0; c < s->ncols && c <= INT32_MAX; c++) {
			int	 k, taken = 0;

			if (names(cell(s, r, (int)c), &col) != (int)pass || m->col[col] >= 0)
				continue;
			for (k = 0; k < DZ_LCOL__MAX; k++)
				if (m->col[k] == (int)c)
					taken = 1;
			if (!taken)
				m->col[col] = (int)c;
		}
	if (m->col[DZ_LCOL_AMOUNT] < 0 && m->col[DZ_LCOL_DEBIT] < 0 &&
	    m->col[DZ_LCOL_CREDIT] < 0)
		return DZ_ERR_NOTFOUND;
	return DZ_OK;
}

int
dz_ledger_map_ok(const struct dz_ledger_map *m, size_t ncols)
{
	int	i, j;

	if (m->col[DZ_LCOL_DATE] < 0 || (m->col[DZ_LCOL_AMOUNT] < 0 &&
	    m->col[DZ_LCOL_DEBIT] < 0 && m->col[DZ_LCOL_CREDIT] < 0))
		return 0;
	if (m->col[DZ_LCOL_AMOUNT] >= 0 && (m->col[DZ_LCOL_DEBIT] >= 0 ||
	    m->col[DZ_LCOL_CREDIT] >= 0))
		return 0;
	if (m->header < -1 || m->header >= DZ_SHEET_ROWS_MAX)
		return 0;
	for (i = 0; i < DZ_LCOL__MAX; i++) {
		if (m->col[i] < -1 || (m->col[i] >= 0 && (size_t)m->col[i] >= ncols))
			return 0;
		for (j = i + 1; j < DZ_LCOL__MAX; j++)
			if (m->col[i] >= 0 && m->col[i] == m->col[j])
				return 0;
	}
	return 1;
}

static const char *const key[DZ_LCOL__MAX] = {
	"date", "ref", "memo", "amount", "debit", "credit", "bal",
};

enum dz_err
dz_ledger_map_format(const struct dz_ledger_map *m, char *buf, size_t sz)
{
	size_t	n;
	int	i, w;

	if (sz == 0)
		return DZ_ERR_INVAL;
	w = snprintf(buf, sz, "h=%ld", m->header);
	if (w < 0 || (size_t)w >= sz)
		return DZ_ERR_INVAL;
	n = (size_t)w;
	for (i = 0; i < DZ_LCOL__MAX; i++) {
		if (m->col[i] < 0)
			continue;
		w = snprintf(buf + n, sz - n, ";%s=%d", key[i], m->col[i]);
		if (w < 0 || (size_t)w >= sz - n)
			return DZ_ERR_INVAL;
		n += (size_t)w;
	}
	w = snprintf(buf + n, sz - n, ";neg=%d", m->negate ? 1 : 0);
	return w < 0 || (size_t)w >= sz - n ? DZ_ERR_INVAL : DZ_OK;
}

enum dz_err
dz_ledger_map_parse(const char *s, struct dz_ledger_map *m)
{
	const char	*p = s, *eq;
	long		 v;
	size_t		 klen;
	int		 i, seen = 0, neg, digits;

	map_clear(m);
	if (s == NULL || strlen(s) > 200)
		return DZ_ERR_INVAL;
	while (*p != '\0') {
		if ((eq = strchr(p, '=')) == NULL)
			goto bad;
		klen = (size_t)(eq - p);
		p = eq + 1;
		neg = *p == '-';
		if (neg)
			p++;
		for (v = 0, digits = 0; *p >= '0' && *p <= '9' && digits < 7; p++, digits++)
			v = v * 10 + (*p - '0');
		if (digits == 0 || (*p != ';' && *p != '\0'))
			goto bad;
		if (neg)
			v = -v;
		if (klen == 1 && strncmp(eq - 1, "h", 1) == 0) {
			if (seen & 1 || v < -1 || v >= DZ_SHEET_ROWS_MAX)
				goto bad;
			seen |= 1;
			m->header = v;
		} else if (klen == 3 && strncmp(eq - 3, "neg", 3) == 0) {
			if (seen & 2 || (v != 0 && v != 1))
				goto bad;
			seen |= 2;
			m->negate = (int)v;
		} else {
			for (i = 0; i < DZ_LCOL__MAX; i++)
				if (strlen(key[i]) == klen && strncmp(eq - klen, key[i], klen) == 0)
					break;
			if (i == DZ_LCOL__MAX || m->col[i] >= 0 || v < 0 || v >= DZ_SHEET_COLS_MAX)
				goto bad;
			m->col[i] = (int)v;
		}
		if (*p == ';' && *++p == '\0')
			goto bad;
	}
	if (!(seen & 1))
		goto bad;
	return DZ_OK;
bad:
	map_clear(m);
	return DZ_ERR_INVAL;
}

/* ---------------------------------------------------------------------
 * Rows.
 */

/* Does cell s hold one of list's words? */
static int
has_word(const char *s, const char *list)
{
	char	b[FOLD_MAX];

	fold(s, b, sizeof(b));
	return listed(b, list, 1);
}

/* Parse a cell that may be empty: 1 with *v, 0 empty, -1 unreadable. */
static int
amount_cell(const char *s, int64_t *v)
{
	char	b[8];

	*v = 0;
	fold(s, b, sizeof(b));
	if (b[0] == '\0' || strcmp(b, "-") == 0)
		return 0;
	return dz_ledger_amount(s, v) == DZ_OK ? 1 : -1;
}

enum dz_err
dz_ledger_read(const struct dz_sheet *s, const struct dz_ledger_map *m, struct dz_ledger *out)
{
	const int	*col = m->col;
	int64_t		 a, d, c, bal;
	size_t		 r, n = 0;
	long		 day;
	int		 ka, kd, kc;

	memset(out, 0, sizeof(*out));
	if (!dz_ledger_map_ok(m, s->ncols))
		return DZ_ERR_INVAL;
	if (s->nrows > 0 && ((out->row = calloc(s->nrows, sizeof(*out->row))) == NULL ||
	    (out->sheet_row = calloc(s->nrows, sizeof(*out->sheet_row))) == NULL)) {
		dz_ledger_free(out);
		return DZ_ERR_NOMEM;
	}
	for (r = (size_t)(m->header + 1); r < s->nrows; r++) {
		const char *memo = cell(s, r, col[DZ_LCOL_MEMO]);
		const char *date = cell(s, r, col[DZ_LCOL_DATE]);
		const char *ref = cell(s, r, col[DZ_LCOL_REF]);

		if (col[DZ_LCOL_BALANCE] >= 0 &&
		    amount_cell(cell(s, r, col[DZ_LCOL_BALANCE]), &bal) == 1) {
			out->closing = bal;
			out->has_closing = 1;
		}
		if (has_word(memo, LANG_ledger_totals) ||
		    has_word(date, LANG_ledger_totals) ||
		    has_word(ref, LANG_ledger_totals)) {
			out->skipped++;
			continue;
		}
		if (col[DZ_LCOL_AMOUNT] >= 0) {
			ka = amount_cell(cell(s, r, col[DZ_LCOL_AMOUNT]), &a);
			if (m->negate)
				a = -a;
			kd = kc = 0;
		} else {
			kd = amount_cell(cell(s, r, col[DZ_LCOL_DEBIT]), &d);
			kc = amount_cell(cell(s, r, col[DZ_LCOL_CREDIT]), &c);
			ka = kd < 0 || kc < 0 ? -1 : kd > 0 || kc > 0 ? 1 : 0;
			a = c - d;	/* both within DZ_MONEY_MAX: no overflow */
			if (ka == 1 && (a > DZ_MONEY_MAX || a < -DZ_MONEY_MAX))
				ka = -1;
		}
		if (has_word(memo, LANG_ledger_opening)) {
			if (col[DZ_LCOL_BALANCE] >= 0 &&
			    amount_cell(cell(s, r, col[DZ_LCOL_BALANCE]), &bal) == 1) {
				out->opening = bal;
				out->has_opening = 1;
			} else if (ka == 1) {
				out->opening = a;
				out->has_opening = 1;
			}
			out->skipped++;
			continue;
		}
		if (ka <= 0 || a == 0) {
			if (ka < 0)
				out->bad_amount++;
			out->skipped++;
			continue;
		}
		day = dz_ledger_day(date);
		if (day < 0 && date[0] != '\0')
			out->bad_date++;
		out->row[n].day = day;
		out->row[n].ref = ref;
		out->row[n].memo = memo;
		out->row[n].amount = a;
		out->sheet_row[n] = r;
		n++;
	}
	out->nrows = n;
	return DZ_OK;
}

void
dz_ledger_free(struct dz_ledger *l)
{
	free(l->row);
	free(l->sheet_row);
	memset(l, 0, sizeof(*l));
}
