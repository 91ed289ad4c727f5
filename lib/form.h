/*
 * form.h: request input. Raw pairs from a query string, an urlencoded body
 * or a Cookie header, and typed validation through one field table per
 * handler. Handlers read validated values by enum index, never raw strings.
 */
#ifndef DZ_FORM_H
#define DZ_FORM_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "utf8.h"	/* the validators' dz_utf8_valid, dz_utf8_len */

/* Keys longer than this (decoded bytes) are dropped and set bad. */
#define DZ_FORM_MAXKEY		64
/* Pairs beyond this many are dropped and set bad (floods). Room for the
 * largest honest form: a statement's choice of lib/stmt's 20,000
 * documents (one doc= each) and its other fields. */
#define DZ_FORM_MAXPAIRS	20480

/* Why a field failed, for the 400 page. */
enum dz_ferr {
	DZ_FERR_NONE = 0,
	DZ_FERR_MISSING,
	DZ_FERR_DUPLICATE,
	DZ_FERR_UTF8,
	DZ_FERR_CONTROL,	/* also a NUL byte (%00) the decoder dropped */
	DZ_FERR_TOOLONG,
	DZ_FERR_TOOSHORT,
	DZ_FERR_FORMAT,
	DZ_FERR_RANGE,
	DZ_FERR_CHOICE,
	DZ_FERR_ESCAPE,		/* a '%' not followed by two hex digits */
	DZ_FERR_NAME,		/* a field name that could not be decoded */
	DZ_FERR_TOOMANY,	/* more than DZ_FORM_MAXPAIRS fields */
	DZ_FERR__MAX
};

/* One decoded key=value pair. Both strings are NUL-terminated copies. */
struct dz_pair {
	char	*key;
	char	*val;
	size_t	 vallen;	/* bytes in val, without the NUL */
};

/*
 * A pair the decoder dropped: its decoded name (NULL when the name itself
 * could not be decoded) and why. Only the first DZ_FORM_MAXDROPPED are
 * kept (the first failure is what a page names); bad counts them all.
 */
#define DZ_FORM_MAXDROPPED	8
struct dz_dropped {
	char		*key;
	enum dz_ferr	 why;
};

struct dz_pairs {
	struct dz_pair	*v;
	size_t		 n;
	size_t		 cap;
	int		 bad;	/* set when a pair could not be decoded (%00, bad %xx) */
	int		 flood;	/* pairs beyond DZ_FORM_MAXPAIRS were dropped */
	struct dz_dropped dropped[DZ_FORM_MAXDROPPED];
	size_t		 ndropped;
};

/*
 * Decode application/x-www-form-urlencoded input (also the query string):
 * '+' is space, %XX is a byte. A pair with %00 in key or value, or a
 * malformed escape, sets pairs->bad and is dropped; its name (when that
 * decoded) and why go into pairs->dropped, so validation can name the
 * field. Keys longer than 64 bytes are dropped and set bad too (a name
 * that could not be decoded). Pairs beyond DZ_FORM_MAXPAIRS set flood and
 * bad. Appends to pairs (which may already hold pairs). Returns
 * DZ_ERR_NOMEM or DZ_OK.
 * Empty segments ("a=1&&b=2") and pairs with an empty key ("=x") are
 * skipped silently; "a" alone is a = "". A raw NUL byte in buf counts as
 * a bad escape. The size limit of the body is the caller's (app) job.
 */
enum dz_err	 dz_form_parse_urlencoded(struct dz_pairs *, const char *buf, size_t len);

/*
 * Keep one pair decoded elsewhere (a multipart/form-data text part):
 * key[0..klen) and val[0..vlen) are copied, each NUL-terminated. Dropped
 * as the urlencoded decoder drops, and sets pairs->bad: a key that is
 * empty, longer than DZ_FORM_MAXKEY or holds a NUL byte as
 * DZ_FERR_NAME (unnamed); a value holding a NUL byte as DZ_FERR_CONTROL
 * (named by its key). Pairs beyond DZ_FORM_MAXPAIRS set flood and bad.
 * Returns DZ_ERR_NOMEM (when a copy cannot be made) or DZ_OK.
 */
enum dz_err	 dz_form_push(struct dz_pairs *, const char *key, size_t klen,
		    const char *val, size_t vlen);

/*
 * Parse a Cookie header ("a=1; b=2"). Values are not percent-decoded;
 * one pair of surrounding double quotes is removed. A pair without '=',
 * with a name that is not an RFC 6265 token or longer than
 * DZ_FORM_MAXKEY, or with a value byte outside RFC 6265 cookie-octets is
 * dropped and sets pairs->bad (which a caller reading cookies with
 * dz_form_get may ignore: other sites on the host may set odd cookies).
 * Returns DZ_ERR_NOMEM or DZ_OK.
 */
enum dz_err	 dz_form_parse_cookies(struct dz_pairs *, const char *header);

/* First value for key, or NULL. */
const char	*dz_form_get(const struct dz_pairs *, const char *key);

/* Number of pairs with this key. */
size_t		 dz_form_count(const struct dz_pairs *, const char *key);

/* Free every pair and reset to empty (safe on a zeroed struct). */
void		 dz_form_free(struct dz_pairs *);

/*
 * Field types. min and max are taken literally: a TEXT with max 0 accepts
 * nothing. Errors: INT/MONEY syntax FORMAT, outside [min, max] RANGE;
 * DATE FORMAT; ENUM CHOICE; TOKEN wrong length or alphabet FORMAT;
 * TEXT/LINE UTF8, CONTROL (C0, DEL, C1 and the bidi override/isolate
 * controls U+202A-202E, U+2066-2069; LINE also U+2028/2029), then TOOLONG,
 * TOOSHORT; BOOL anything but "1"/"on" FORMAT.
 */
enum dz_ftype {
	DZ_F_INT,	/* decimal integer within [min, max]: [-]digits */
	DZ_F_DATE,	/* YYYY-MM-DD, a real calendar date, 1900..2999 */
	DZ_F_MONEY,	/* dz_money_parse; fen within [min, max] */
	DZ_F_ENUM,	/* one of choices[] (NULL-terminated); value = index */
	DZ_F_TOKEN,	/* base64url, exactly max characters (43 for 256 bits) */
	DZ_F_TEXT,	/* valid UTF-8, no control characters except \t \r \n,
			 * at most max code points (min: at least min) */
	DZ_F_LINE,	/* like TEXT but no \r \n \t either (names, search) */
	DZ_F_BOOL,	/* checkbox: present = 1 ("1", "on"), absent = 0 */
	DZ_F__MAX
};

/* One field of a handler's table. */
struct dz_field {
	const char		*name;
	enum dz_ftype		 type;
	int			 required;
	long long		 min;
	long long		 max;
	const char *const	*choices;	/* DZ_F_ENUM only */
	int			 multi;		/* repeated keys allowed (ticks) */
};

/* The validated value of one field. */
struct dz_value {
	int		 present;	/* 0 when absent (or empty and not required) */
	long long	 i;		/* INT, BOOL, ENUM index */
	int64_t		 fen;		/* MONEY */
	int		 y, m, d;	/* DATE */
	const char	*s;		/* TEXT, LINE, TOKEN, DATE, raw of others:
					 * borrowed from the dz_pairs */
	size_t		 len;		/* bytes in s */
	/* multi fields: every value, validated; v.s etc. are the first. */
	struct dz_value	*all;
	size_t		 nall;
};

struct dz_form_error {
	const char	*field;		/* the field's name from the table */
	enum dz_ferr	 why;
};

/*
 * Validate pairs against fields[0..n): out must have n entries and is
 * filled by index. An empty value counts as absent. A key sent more than
 * once (even empty) for a field without multi is DZ_FERR_DUPLICATE. A key that is not in
 * the table is ignored. On the first failure returns DZ_ERR_INVAL and
 * fills *err (which names the field, in table order). A pair the decoder
 * dropped fails its field (DZ_FERR_CONTROL for a NUL byte, DZ_FERR_ESCAPE
 * for a broken %xx). When no field can be named, err->field is "" (never
 * NULL, never a name a request made up): a flood (DZ_FERR_TOOMANY,
 * checked first), a name that could not be decoded (DZ_FERR_NAME), or a
 * dropped pair of a field not in the table (its why).
 * Values point into pairs: keep pairs alive while using out.
 * Call dz_form_values_free(out, n) afterwards (frees the 'all' arrays);
 * on failure out is already freed and zeroed, and freeing again is safe.
 */
enum dz_err	 dz_form_validate(const struct dz_pairs *, const struct dz_field *fields,
		    size_t n, struct dz_value *out, struct dz_form_error *err);

void		 dz_form_values_free(struct dz_value *, size_t n);

/*
 * Validate field f alone, as dz_form_validate would, whatever was dropped
 * for other names: what a form drawn again after a refusal keeps of what
 * was typed. DZ_OK (out filled; dz_form_values_free(out, 1) afterwards),
 * DZ_ERR_INVAL (*err filled, out zeroed) or DZ_ERR_NOMEM.
 */
enum dz_err	 dz_form_field(const struct dz_pairs *, const struct dz_field *f,
		    struct dz_value *out, struct dz_form_error *err);

/* Human text for a field error (Chinese, from a fixed table). */
const char	*dz_form_strerror(enum dz_ferr);

/* Validate a date string alone: 0 ok, -1 not a real YYYY-MM-DD date. */
int		 dz_date_parse(const char *s, int *y, int *m, int *d);

#endif /* DZ_FORM_H */
