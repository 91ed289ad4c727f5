/*
 * erp_dsn.c: the ERP data address (DSN) grammar: parse, print, identity,
 * wipe. Pure: no I/O, no FreeTDS, no store; it links with lib/util.c alone
 * (t/fuzz/fuzz-dsn.c). The grammar is drawn in erp_dsn.h.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "erp_dsn.h"
#include "utf8.h"
#include "lang.h"	/* macros only: no link dependency */


enum dsn_field {
	F_SERVER,
	F_UID,
	F_PWD,
	F_DATABASE,
	F_ENCRYPT,
	F_CA,
	F__MAX
};
/* The fields an address must have (the others are optional). */
#define F__NEEDED	(F_DATABASE + 1)

/* Canonical key and what it means, for LANG_erp_dsn_missing. */
static const char *const field_name[F__MAX] = {
	"server", "uid", "pwd", "database", "encrypt", "ca"
};
static const char *const field_desc[F__NEEDED] = {
	LANG_erp_dsn_field_server, LANG_erp_dsn_field_uid,
	LANG_erp_dsn_field_pwd, LANG_erp_dsn_field_database,
};

/* Keys people type, after lower-casing and collapsing inner spaces. */
static const struct {
	const char	*key;
	enum dsn_field	 field;
} keys[] = {
	{ "server", F_SERVER },
	{ "data source", F_SERVER },
	{ "address", F_SERVER },
	{ "addr", F_SERVER },
	{ "uid", F_UID },
	{ "user id", F_UID },
	{ "user", F_UID },
	{ "pwd", F_PWD },
	{ "password", F_PWD },
	{ "database", F_DATABASE },
	{ "initial catalog", F_DATABASE },
	{ "encrypt", F_ENCRYPT },
	{ "encryption", F_ENCRYPT },
	{ "ca", F_CA },
	{ "ca file", F_CA },
	{ "server certificate", F_CA },
	{ "servercertificate", F_CA },
};

/* encrypt= values, lower case. */
static const struct {
	const char	*word;
	enum dz_erp_enc	 enc;
} enc_words[] = {
	{ "require", DZ_ERP_ENC_REQUIRE }, { "required", DZ_ERP_ENC_REQUIRE },
	{ "yes", DZ_ERP_ENC_REQUIRE }, { "true", DZ_ERP_ENC_REQUIRE },
	{ "mandatory", DZ_ERP_ENC_REQUIRE },
	{ "off", DZ_ERP_ENC_OFF }, { "no", DZ_ERP_ENC_OFF },
	{ "false", DZ_ERP_ENC_OFF }, { "optional", DZ_ERP_ENC_OFF },
};

#define KEY_MAX		32
#define SERVER_MAX	(DZ_ERP_HOST_MAX + 1 + DZ_ERP_INSTANCE_MAX + 1 + 5)

/* What the admin is told on top of any error if the text has full-width
 * punctuation: a Chinese input method types "；" where ";" was meant. */
static const char fullwidth_hint[] = LANG_erp_dsn_fullwidth;

struct parser {
	char	*why;
	size_t	 whysz;
	int	 fullwidth;
};

static enum dz_err fail(struct parser *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static enum dz_err
fail(struct parser *p, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 n;

	if (p->why == NULL || p->whysz == 0)
		return DZ_ERR_INVAL;
	va_start(ap, fmt);
	vsnprintf(p->why, p->whysz, fmt, ap);
	va_end(ap);
	n = strlen(p->why);
	if (p->fullwidth && n + sizeof(fullwidth_hint) <= p->whysz)
		memcpy(p->why + n, fullwidth_hint, sizeof(fullwidth_hint));
	return DZ_ERR_INVAL;
}

static int
is_space(char c)
{
	return c == ' ';
}

static char
ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Trim spaces from [*b, *e). */
static void
trim(const char **b, const char **e)
{
	while (*b < *e && is_space(**b))
		(*b)++;
	while (*e > *b && is_space((*e)[-1]))
		(*e)--;
}

static int
has_fullwidth(const char *s)
{
	/* ；＝，： and the ideographic space, in UTF-8 */
	static const char *const fw[] = {
		"\xef\xbc\x9b", "\xef\xbc\x9d", "\xef\xbc\x8c", "\xef\xbc\x9a",
		"\xe3\x80\x80",
	};
	size_t	 i;

	for (i = 0; i < DZ_NELEM(fw); i++)
		if (strstr(s, fw[i]) != NULL)
			return 1;
	return 0;
}

/*
 * Lower-case the key [b, e) with inner runs of spaces made one, into buf.
 * Returns the field, or -1 if unknown (buf then holds what was typed, or
 * "" if it is too long or not plain letters, so it is never echoed).
 */
static int
lookup_key(const char *b, const char *e, char *buf)
{
	size_t	 n = 0, i;
	int	 plain = 1;

	for (; b < e; b++) {
		if (is_space(*b) && n > 0 && buf[n - 1] == ' ')
			continue;
		if (n + 1 >= KEY_MAX) {
			plain = 0;
			break;
		}
		if (!is_alnum(*b) && *b != ' ' && *b != '_')
			plain = 0;
		buf[n++] = ascii_lower(*b);
	}
	buf[n] = '\0';
	for (i = 0; i < DZ_NELEM(keys); i++)
		if (strcmp(buf, keys[i].key) == 0)
			return (int)keys[i].field;
	if (!plain)
		buf[0] = '\0';
	return -1;
}

/* Port: 1..5 digits, 1..65535. Returns the port or 0. */
static unsigned int
parse_port(const char *b, const char *e)
{
	unsigned int	 v = 0;

	if (e - b < 1 || e - b > 5)
		return 0;
	for (; b < e; b++) {
		if (*b < '0' || *b > '9')
			return 0;
		v = v * 10 + (unsigned int)(*b - '0');
	}
	return v <= 65535 ? v : 0;
}

/* Four decimal octets 0..255, no leading zeros (0-prefixed is octal to
 * some resolvers, so "010" is ambiguous). */
static int
valid_ipv4(const char *b, const char *e)
{
	int	 parts = 0, digits = 0, v = 0;

	for (;; b++) {
		if (b == e || *b == '.') {
			if (digits == 0 || v > 255)
				return 0;
			parts++;
			if (b == e)
				break;
			digits = v = 0;
			continue;
		}
		if (*b < '0' || *b > '9' || (digits == 1 && v == 0))
			return 0;
		v = v * 10 + (*b - '0');
		if (++digits > 3)
			return 0;
	}
	return parts == 4;
}

/* Labels of 1..63 letters, digits, '-' or '_', not starting or ending
 * with '-'; a trailing dot is not accepted. */
static int
valid_hostname(const char *b, const char *e)
{
	const char	*label = b;

	if (e - b > DZ_ERP_HOST_MAX)
		return 0;
	for (;; b++) {
		if (b == e || *b == '.') {
			if (b == label || b - label > 63 || *label == '-' ||
			    b[-1] == '-')
				return 0;
			if (b == e)
				return 1;
			label = b + 1;
			continue;
		}
		if (!is_alnum(*b) && *b != '-' && *b != '_')
			return 0;
	}
}

static int
all_digits_dots(const char *b, const char *e)
{
	for (; b < e; b++)
		if ((*b < '0' || *b > '9') && *b != '.')
			return 0;
	return 1;
}

/* server = host [ "\" instance ] [ ( "," | ":" ) port ], value trimmed. */
static enum dz_err
parse_server(struct parser *p, const char *b, const char *e, struct dz_erp_dsn *out)
{
	const char	*sep, *bs, *hb, *he, *ib, *ie;
	size_t		 i;

	for (sep = b; sep < e && *sep != ',' && *sep != ':'; sep++)
		continue;
	if (sep < e) {
		const char *pb = sep + 1, *pe = e;

		trim(&pb, &pe);
		if ((out->port = parse_port(pb, pe)) == 0)
			return fail(p, LANG_erp_dsn_port);
	}
	hb = b, he = sep;
	for (bs = hb; bs < he && *bs != '\\'; bs++)
		continue;
	ib = ie = he;
	if (bs < he) {
		ib = bs + 1, ie = he, he = bs;
		trim(&ib, &ie);
		if (ib == ie)
			return fail(p, LANG_erp_dsn_instance_empty);
		if (ie - ib > DZ_ERP_INSTANCE_MAX)
			return fail(p, LANG_erp_dsn_instance_too_long, DZ_ERP_INSTANCE_MAX);
		for (i = 0; ib + i < ie; i++)
			if (!is_alnum(ib[i]) && strchr("_$#&", ib[i]) == NULL)
				return fail(p, LANG_erp_dsn_instance_chars);
		memcpy(out->instance, ib, (size_t)(ie - ib));
		out->instance[ie - ib] = '\0';
	}
	trim(&hb, &he);
	if (hb == he)
		return fail(p, LANG_erp_dsn_server_empty);
	if (all_digits_dots(hb, he)) {
		if (!valid_ipv4(hb, he))
			return fail(p, LANG_erp_dsn_bad_ip, (int)(he - hb), hb);
	} else if (!valid_hostname(hb, he)) {
		/* "server=h pwd=x": never echo what may hold a password. */
		if (memchr(hb, '=', (size_t)(he - hb)) != NULL)
			return fail(p, LANG_erp_dsn_server_has_eq);
		if (he - hb <= 64 && memchr(hb, ' ', (size_t)(he - hb)) == NULL)
			return fail(p, LANG_erp_dsn_bad_host, (int)(he - hb), hb);
		return fail(p, LANG_erp_dsn_bad_host_long);
	}
	for (i = 0; hb + i < he; i++)
		out->host[i] = ascii_lower(hb[i]);
	out->host[i] = '\0';
	if (out->port == 0 && out->instance[0] == '\0')
		out->port = DZ_ERP_PORT_DEFAULT;
	return DZ_OK;
}

/* One "key = value" item, [b, e) trimmed and not empty. */
static enum dz_err
parse_item(struct parser *p, const char *b, const char *e, int nitem,
    int *seen, int *last, struct dz_erp_dsn *out)
{
	const char	*eq, *kb, *ke, *vb, *ve;
	char		 key[KEY_MAX];
	char		*dst;
	int		 f;

	if ((eq = memchr(b, '=', (size_t)(e - b))) == NULL) {
		if (*last == F_PWD)
			return fail(p, LANG_erp_dsn_no_eq_pwd, nitem);
		return fail(p, LANG_erp_dsn_no_eq, nitem);
	}
	kb = b, ke = eq, vb = eq + 1, ve = e;
	trim(&kb, &ke);
	trim(&vb, &ve);
	if (kb == ke)
		return fail(p, LANG_erp_dsn_no_name, nitem);
	if ((f = lookup_key(kb, ke, key)) < 0) {
		/* Right after pwd this may be the rest of a password: no echo. */
		if (*last == F_PWD)
			return fail(p, LANG_erp_dsn_unknown_item_pwd, nitem);
		if (key[0] != '\0')
			return fail(p, LANG_erp_dsn_unknown_key, key);
		return fail(p, LANG_erp_dsn_unknown_item, nitem);
	}
	if (seen[f])
		return fail(p, LANG_erp_dsn_repeated, field_name[f]);
	seen[f] = 1;
	*last = f;
	if (vb == ve)
		return fail(p, LANG_erp_dsn_value_empty, field_name[f]);
	if (f == F_SERVER) {
		if (ve - vb > SERVER_MAX)
			return fail(p, LANG_erp_dsn_server_too_long, SERVER_MAX);
		return parse_server(p, vb, ve, out);
	}
	if (f == F_ENCRYPT) {
		char	 w[16];
		size_t	 i, n = (size_t)(ve - vb);

		for (i = 0; i < n && i + 1 < sizeof(w); i++)
			w[i] = ascii_lower(vb[i]);
		w[i] = '\0';
		for (i = 0; n < sizeof(w) && i < DZ_NELEM(enc_words); i++)
			if (strcmp(w, enc_words[i].word) == 0) {
				out->encrypt = enc_words[i].enc;
				return DZ_OK;
			}
		return fail(p, LANG_erp_dsn_encrypt);
	}
	if (f == F_CA) {
		if (ve - vb > DZ_ERP_PATH_MAX)
			return fail(p, LANG_erp_dsn_value_too_long, "ca", DZ_ERP_PATH_MAX);
		if (*vb != '/')
			return fail(p, LANG_erp_dsn_ca_path);
		memcpy(out->ca, vb, (size_t)(ve - vb));
		out->ca[ve - vb] = '\0';
		return DZ_OK;
	}
	if (ve - vb > DZ_ERP_NAME_MAX)
		return fail(p, LANG_erp_dsn_value_too_long, field_name[f], DZ_ERP_NAME_MAX);
	dst = f == F_UID ? out->uid : f == F_PWD ? out->pwd : out->database;
	memcpy(dst, vb, (size_t)(ve - vb));
	dst[ve - vb] = '\0';
	return DZ_OK;
}

static enum dz_err
parse(const char *text, struct dz_erp_dsn *out, char *why, size_t whysz,
    int stored)
{
	struct parser	 p = { why, whysz, 0 };
	const char	*b, *e, *end;
	int		 seen[F__MAX] = { 0 }, nitem = 0, last = -1, i;
	enum dz_err	 er;
	size_t		 len;

	memset(out, 0, sizeof(*out));
	if (why != NULL && whysz > 0)
		why[0] = '\0';
	if (text == NULL || text[0] == '\0')
		return fail(&p, LANG_erp_dsn_empty);
	if ((len = strlen(text)) > DZ_ERP_DSN_MAX)
		return fail(&p, LANG_erp_dsn_too_long, DZ_ERP_DSN_MAX);
	p.fullwidth = has_fullwidth(text);
	switch (dz_utf8_check(text, len)) {
	case DZ_UTF8_CONTROL:
		return fail(&p, LANG_erp_dsn_control);
	case DZ_UTF8_BAD:
		return fail(&p, LANG_erp_dsn_utf8);
	case DZ_UTF8_OK:
		break;
	}
	/* Items end at ';' (no quoting, see erp_dsn.h). e may reach end, which
	 * is the NUL, so b = e + 1 stays inside the string's array. */
	end = text + len;
	for (b = text; b < end; b = e + 1) {
		const char *tb = b, *te;

		if ((e = memchr(b, ';', (size_t)(end - b))) == NULL)
			e = end;
		te = e;
		trim(&tb, &te);
		if (tb == te)
			continue;	/* empty item: "a=1;;b=2", "a=1;" */
		er = parse_item(&p, tb, te, ++nitem, seen, &last, out);
		if (er != DZ_OK)
			goto out;
	}
	for (i = 0; i < F__NEEDED; i++)
		if (!seen[i]) {
			er = fail(&p, LANG_erp_dsn_missing, field_name[i], field_desc[i]);
			goto out;
		}
	if (!seen[F_ENCRYPT])
		out->encrypt = stored ? DZ_ERP_ENC_LEGACY : DZ_ERP_ENC_REQUIRE;
	if (out->encrypt == DZ_ERP_ENC_REQUIRE && out->ca[0] == '\0') {
		er = fail(&p, seen[F_ENCRYPT] ? LANG_erp_dsn_need_ca :
		    LANG_erp_dsn_need_encrypt);
		goto out;
	}
	if (out->encrypt != DZ_ERP_ENC_REQUIRE && out->ca[0] != '\0') {
		er = fail(&p, LANG_erp_dsn_ca_unused);
		goto out;
	}
	return DZ_OK;
out:
	dz_erp_dsn_wipe(out);
	return er;
}

enum dz_err
dz_erp_dsn_parse(const char *text, struct dz_erp_dsn *out, char *why, size_t whysz)
{
	return parse(text, out, why, whysz, 0);
}

enum dz_err
dz_erp_dsn_parse_stored(const char *text, struct dz_erp_dsn *out)
{
	return parse(text, out, NULL, 0, 1);
}

/* snprintf into buf: DZ_ERR_TOOBIG if it did not fit. */
static enum dz_err put(char *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static enum dz_err
put(char *buf, size_t bufsz, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(buf, bufsz, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= bufsz) {
		if (bufsz > 0)
			buf[0] = '\0';
		return DZ_ERR_TOOBIG;
	}
	return DZ_OK;
}

/* "host[\instance][,port]" as the admin would type it. */
static enum dz_err
format_server(const struct dz_erp_dsn *d, char *buf, size_t bufsz)
{
	char	 port[16] = "";

	if (d->port != 0)
		snprintf(port, sizeof(port), ",%u", d->port);
	if (d->instance[0] != '\0')
		return put(buf, bufsz, "%s\\%s%s", d->host, d->instance, port);
	return put(buf, bufsz, "%s%s", d->host, port);
}

/* The address as text, with its password or without. */
static enum dz_err
format(const struct dz_erp_dsn *d, int with_pwd, char *buf, size_t bufsz)
{
	char		 server[SERVER_MAX + 1];
	enum dz_err	 er;

	char		 enc[DZ_ERP_PATH_MAX + 32] = "";

	if ((er = format_server(d, server, sizeof(server))) != DZ_OK)
		return er;
	if (d->encrypt == DZ_ERP_ENC_REQUIRE)
		snprintf(enc, sizeof(enc), "; encrypt=require; ca=%s", d->ca);
	else if (d->encrypt == DZ_ERP_ENC_OFF)
		snprintf(enc, sizeof(enc), "; encrypt=off");
	if (with_pwd)
		return put(buf, bufsz, "server=%s; uid=%s; pwd=%s; database=%s%s",
		    server, d->uid, d->pwd, d->database, enc);
	return put(buf, bufsz, "server=%s; uid=%s; database=%s%s",
	    server, d->uid, d->database, enc);
}

int
dz_erp_dsn_redact(const char *text, char *buf, size_t bufsz)
{
	const char	*p = text, *b, *e, *eq, *semi;
	char		 key[KEY_MAX];
	size_t		 n = 0, len;
	int		 dropped = 0, after_pwd = 0, f;

	if (bufsz == 0)
		return 0;
	buf[0] = '\0';
	for (; p != NULL && *p != '\0'; p = semi != NULL ? semi + 1 : NULL) {
		semi = strchr(p, ';');
		b = p;
		e = semi != NULL ? semi : p + strlen(p);
		trim(&b, &e);
		if (b == e)
			continue;
		eq = memchr(b, '=', (size_t)(e - b));
		f = -1;
		if (eq != NULL) {
			const char *kb = b, *ke = eq;

			trim(&kb, &ke);
			f = lookup_key(kb, ke, key);
		}
		if (f == F_PWD)
			after_pwd = 1;
		else if (f >= 0)
			after_pwd = 0;
		if (f == F_PWD || (after_pwd && f < 0)) {
			dropped = 1;
			continue;
		}
		len = (size_t)(e - b);
		if (n + (n > 0 ? 2 : 0) + len + 1 > bufsz)
			break;
		if (n > 0) {
			memcpy(buf + n, "; ", 2);
			n += 2;
		}
		memcpy(buf + n, b, len);
		n += len;
		buf[n] = '\0';
	}
	return dropped;
}

enum dz_err
dz_erp_dsn_format(const struct dz_erp_dsn *d, char *buf, size_t bufsz)
{
	return format(d, 0, buf, bufsz);
}

enum dz_err
dz_erp_dsn_format_full(const struct dz_erp_dsn *d, char *buf, size_t bufsz)
{
	return format(d, 1, buf, bufsz);
}

enum dz_err
dz_erp_dsn_identity(const struct dz_erp_dsn *d, char *buf, size_t bufsz)
{
	char	 inst[DZ_ERP_INSTANCE_MAX + 1];
	size_t	 i;

	for (i = 0; d->instance[i] != '\0' && i < DZ_ERP_INSTANCE_MAX; i++)
		inst[i] = ascii_lower(d->instance[i]);
	inst[i] = '\0';
	return put(buf, bufsz, "%s:%u/%s/%s", d->host, d->port, inst, d->database);
}

enum dz_err
dz_erp_dsn_tds_server(const struct dz_erp_dsn *d, char *buf, size_t bufsz)
{
	if (d->port == 0)
		return put(buf, bufsz, "%s\\%s", d->host, d->instance);
	return put(buf, bufsz, "%s:%u", d->host, d->port);
}

void
dz_erp_dsn_wipe(struct dz_erp_dsn *d)
{
	dz_wipe(d, sizeof(*d));
}
