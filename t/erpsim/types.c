/*
 * types.c: result column types and value encodings (MS-TDS 2.2.5.4-2.2.5.6).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "tds.h"
#include "types.h"

int
types_conv_open(struct types_conv *cv)
{
	cv->to_cp = iconv_open("CP936", "UTF-8");
	cv->from_cp = iconv_open("UTF-8", "GB18030");
	if (cv->to_cp == (iconv_t)-1 || cv->from_cp == (iconv_t)-1) {
		types_conv_close(cv);
		return -1;
	}
	return 0;
}

void
types_conv_close(struct types_conv *cv)
{
	if (cv->to_cp != (iconv_t)-1 && cv->to_cp != NULL)
		iconv_close(cv->to_cp);
	if (cv->from_cp != (iconv_t)-1 && cv->from_cp != NULL)
		iconv_close(cv->from_cp);
	cv->to_cp = cv->from_cp = (iconv_t)-1;
}

/*
 * Converts with cd, writing '?' for every sequence the target cannot hold
 * (utf8in: skip a whole UTF-8 character, else one byte). out must hold
 * 4 * n + 4 bytes. Returns the output length.
 */
static size_t
conv(iconv_t cd, int utf8in, const char *in, size_t n, char *out)
{
	char	*ip = (char *)in, *op = out;
	size_t	 il = n, ol = 4 * n + 4, skip;

	iconv(cd, NULL, NULL, NULL, NULL);
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			break;
		if (errno == E2BIG || ol == 0)
			break;
		/* EILSEQ or EINVAL: one '?' for one input character */
		*op++ = '?';
		ol--;
		skip = 1;
		if (utf8in && (unsigned char)*ip >= 0xC0)
			while (skip < il && ((unsigned char)ip[skip] & 0xC0) == 0x80)
				skip++;
		ip += skip;
		il -= skip;
	}
	return (size_t)(op - out);
}

char *
types_cp_to_utf8(struct types_conv *cv, const char *in, size_t n, size_t *outlen)
{
	char	*out;
	size_t	 len;

	if ((out = malloc(4 * n + 5)) == NULL)
		return NULL;
	len = conv(cv->from_cp, 0, in, n, out);
	out[len] = '\0';
	if (outlen != NULL)
		*outlen = len;
	return out;
}

/* Reads "(a)" or "(a,b)" after a type name; missing numbers stay as given. */
static void
decl_args(const char *p, int *a, int *b)
{
	while (*p == ' ')
		p++;
	if (*p != '(')
		return;
	p++;
	while (*p == ' ')
		p++;
	if (strncasecmp(p, "max", 3) == 0) {
		*a = -1;
		return;
	}
	if (isdigit((unsigned char)*p))
		*a = atoi(p);
	if ((p = strchr(p, ',')) != NULL)
		*b = atoi(p + 1);
}

int
types_from_decl(const char *decl, struct col_type *t)
{
	static const struct {
		const char	*name;
		enum col_kind	 kind;
		int		 size;
	} simple[] = {
		{ "bigint", COL_INT, 8 }, { "int", COL_INT, 4 },
		{ "integer", COL_INT, 4 }, { "smallint", COL_INT, 2 },
		{ "tinyint", COL_INT, 1 }, { "bit", COL_BIT, 1 },
		{ "float", COL_FLT, 8 }, { "double", COL_FLT, 8 },
		{ "real", COL_FLT, 4 }, { "money", COL_MONEY, 8 },
		{ "smallmoney", COL_MONEY, 8 }, { "datetime", COL_DATETIME, 8 },
		{ "smalldatetime", COL_DATETIME, 8 }, { "datetime2", COL_DATETIME, 8 },
	};
	char	 name[32];
	size_t	 i, n;
	int	 a = 0, b = 0;

	if (decl == NULL)
		return -1;
	while (*decl == ' ')
		decl++;
	for (n = 0; n < sizeof(name) - 1 && (isalnum((unsigned char)decl[n]) ||
	    decl[n] == '_'); n++)
		name[n] = (char)tolower((unsigned char)decl[n]);
	name[n] = '\0';
	memset(t, 0, sizeof(*t));
	for (i = 0; i < sizeof(simple) / sizeof(simple[0]); i++)
		if (strcmp(name, simple[i].name) == 0) {
			t->kind = simple[i].kind;
			t->size = simple[i].size;
			return 0;
		}
	if (strcmp(name, "decimal") == 0 || strcmp(name, "numeric") == 0) {
		a = 18;
		decl_args(decl + n, &a, &b);
		if (a < 1 || a > 38)
			a = 38;
		if (b < 0 || b > a)
			b = 0;
		t->kind = name[0] == 'd' ? COL_DEC : COL_NUM;
		t->prec = a;
		t->scale = b;
		return 0;
	}
	if (strcmp(name, "varchar") == 0 || strcmp(name, "char") == 0 ||
	    strcmp(name, "text") == 0 || strcmp(name, "date") == 0) {
		a = name[0] == 't' ? 8000 : name[1] == 'a' ? 10 : 1;
		decl_args(decl + n, &a, &b);
		if (a < 1 || a > 8000)
			a = 8000;
		t->kind = strcmp(name, "char") == 0 ? COL_CHAR : COL_VARCHAR;
		t->size = a;
		return 0;
	}
	if (strcmp(name, "nvarchar") == 0 || strcmp(name, "nchar") == 0 ||
	    strcmp(name, "ntext") == 0 || strcmp(name, "sysname") == 0) {
		a = name[1] == 't' ? 4000 : name[1] == 'y' ? 128 : 1;
		decl_args(decl + n, &a, &b);
		if (a < 1 || a > 4000)
			a = 4000;
		t->kind = COL_NVARCHAR;
		t->size = 2 * a;
		return 0;
	}
	return -1;
}

/* Bytes of a DECIMALN value for a precision (2.2.5.5.1.4). */
static int
dec_len(int prec)
{
	return prec <= 9 ? 5 : prec <= 19 ? 9 : prec <= 28 ? 13 : 17;
}

void
types_put_typeinfo(struct tds_buf *b, const struct col_type *t)
{
	switch (t->kind) {
	case COL_INT:
		tds_buf_u8(b, 0x26);
		tds_buf_u8(b, (uint8_t)t->size);
		break;
	case COL_BIT:
		tds_buf_u8(b, 0x68);
		tds_buf_u8(b, 1);
		break;
	case COL_FLT:
		tds_buf_u8(b, 0x6D);
		tds_buf_u8(b, (uint8_t)t->size);
		break;
	case COL_MONEY:
		tds_buf_u8(b, 0x6E);
		tds_buf_u8(b, 8);
		break;
	case COL_DEC:
	case COL_NUM:
		tds_buf_u8(b, t->kind == COL_DEC ? 0x6A : 0x6C);
		tds_buf_u8(b, (uint8_t)dec_len(t->prec));
		tds_buf_u8(b, (uint8_t)t->prec);
		tds_buf_u8(b, (uint8_t)t->scale);
		break;
	case COL_DATETIME:
		tds_buf_u8(b, 0x6F);
		tds_buf_u8(b, 8);
		break;
	case COL_VARCHAR:
	case COL_CHAR:
	case COL_NVARCHAR:
	default:
		tds_buf_u8(b, t->kind == COL_VARCHAR ? 0xA7 :
		    t->kind == COL_CHAR ? 0xAF : 0xE7);
		tds_buf_u16(b, (uint16_t)t->size);
		tds_buf_put(b, tds_collation, 5);
		break;
	}
}

int
types_dec_scaled(const char *s, int scale, int *neg, unsigned __int128 *out)
{
	unsigned __int128	 v = 0, lim = 1;
	int			 nd = 0, frac = 0, dropped = 0, infrac = 0;
	int			 any = 0, e, i, rem = 0;

	*neg = 0;
	*out = 0;
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		*neg = *s++ == '-';
	for (i = 0; i < 38; i++)
		lim *= 10;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			any = 1;
			if (nd < 36) {
				v = v * 10 + (unsigned)(*s - '0');
				if (v != 0)
					nd++;
				if (infrac)
					frac++;
			} else if (!infrac)
				dropped++;
		} else if (*s == '.' && !infrac)
			infrac = 1;
		else
			break;
	}
	if (!any)
		return -1;
	e = scale - frac + dropped;
	if (*s == 'e' || *s == 'E') {
		i = atoi(s + 1);
		if (i > 100 || i < -100)
			return -1;
		e += i;
	} else if (*s != '\0')
		return -1;
	for (i = 0; i < e; i++) {
		if (v > lim / 10)
			return -1;
		v *= 10;
	}
	for (i = 0; i < -e && v != 0; i++) {
		rem = (int)(v % 10);
		v /= 10;
	}
	if (e < 0 && i == -e && rem >= 5)
		v++;
	if (v >= lim)
		return -1;
	*out = v;
	if (v == 0)
		*neg = 0;
	return 0;
}

/* Appends a 2-byte-length string value in the column's encoding. */
static void
put_string(struct tds_buf *b, struct types_conv *cv, const struct col_type *t,
    const char *s, size_t n)
{
	size_t	 at, len;

	at = b->len;
	tds_buf_u16(b, 0);
	if (t->kind == COL_NVARCHAR) {
		tds_buf_ucs2(b, s, n);
		len = b->len - at - 2;
		if (len > (size_t)t->size) {
			len = (size_t)t->size & ~(size_t)1;
			/* do not split a surrogate pair */
			if (len >= 2 && (b->data[at + 2 + len - 1] & 0xFC) == 0xD8)
				len -= 2;
		}
	} else {
		tds_buf_reserve(b, 4 * n + 4 + (size_t)t->size);
		if (b->err)
			return;
		len = conv(cv->to_cp, 1, s, n, (char *)b->data + at + 2);
		if (len > (size_t)t->size) {
			/* cut at a character boundary of the double-byte text */
			size_t	 i = 0, keep = 0;
			uint8_t	*p = b->data + at + 2;

			while (i < len && i < (size_t)t->size) {
				keep = i;
				i += p[i] >= 0x81 ? 2 : 1;
				if (i <= (size_t)t->size)
					keep = i;
			}
			len = keep;
		}
		if (t->kind == COL_CHAR)
			while (len < (size_t)t->size)
				b->data[at + 2 + len++] = ' ';
	}
	b->len = at + 2 + len;
	b->data[at] = len & 0xff;
	b->data[at + 1] = (len >> 8) & 0xff;
}

void
types_put_value(struct tds_buf *b, struct types_conv *cv,
    const struct col_type *t, sqlite3_stmt *st, int col)
{
	unsigned __int128	 mag;
	int			 neg, i, len;
	int64_t			 iv;
	double			 dv;
	float			 fv;
	uint64_t		 u;
	int32_t			 days;
	uint32_t		 ticks;
	const char		*s;

	if (sqlite3_column_type(st, col) == SQLITE_NULL) {
		if (t->kind >= COL_VARCHAR)
			tds_buf_u16(b, 0xFFFF);
		else
			tds_buf_u8(b, 0);
		return;
	}
	switch (t->kind) {
	case COL_INT:
		iv = sqlite3_column_int64(st, col);
		tds_buf_u8(b, (uint8_t)t->size);
		for (i = 0; i < t->size; i++)
			tds_buf_u8(b, (uint8_t)((uint64_t)iv >> (8 * i)));
		break;
	case COL_BIT:
		tds_buf_u8(b, 1);
		tds_buf_u8(b, sqlite3_column_int64(st, col) != 0);
		break;
	case COL_FLT:
		dv = sqlite3_column_double(st, col);
		tds_buf_u8(b, (uint8_t)t->size);
		if (t->size == 4) {
			fv = (float)dv;
			memcpy(&ticks, &fv, 4);
			tds_buf_u32(b, ticks);
		} else {
			memcpy(&u, &dv, 8);
			tds_buf_u64(b, u);
		}
		break;
	case COL_MONEY:
		s = (const char *)sqlite3_column_text(st, col);
		if (s == NULL || types_dec_scaled(s, 4, &neg, &mag) == -1 ||
		    mag > (unsigned __int128)INT64_MAX) {
			tds_buf_u8(b, 0);
			break;
		}
		iv = neg ? -(int64_t)mag : (int64_t)mag;
		tds_buf_u8(b, 8);
		tds_buf_u32(b, (uint32_t)((uint64_t)iv >> 32));
		tds_buf_u32(b, (uint32_t)iv);
		break;
	case COL_DEC:
	case COL_NUM:
		s = (const char *)sqlite3_column_text(st, col);
		if (s == NULL ||
		    types_dec_scaled(s, t->scale, &neg, &mag) == -1) {
			tds_buf_u8(b, 0);
			break;
		}
		len = dec_len(t->prec);
		tds_buf_u8(b, (uint8_t)len);
		tds_buf_u8(b, neg ? 0 : 1);
		for (i = 0; i < len - 1; i++, mag >>= 8)
			tds_buf_u8(b, (uint8_t)(mag & 0xff));
		break;
	case COL_DATETIME:
		s = (const char *)sqlite3_column_text(st, col);
		if (s == NULL || tds_datetime_parse(s, &days, &ticks) == -1) {
			tds_buf_u8(b, 0);
			break;
		}
		tds_buf_u8(b, 8);
		tds_buf_u32(b, (uint32_t)days);
		tds_buf_u32(b, ticks);
		break;
	default:
		s = (const char *)sqlite3_column_text(st, col);
		put_string(b, cv, t, s == NULL ? "" : s,
		    (size_t)sqlite3_column_bytes(st, col));
		break;
	}
}
