/*
 * sqlrw.c: a small T-SQL lexer, batch splitter, T-SQL -> SQLite rewriter
 * and SELECT-list type inference. It only knows the T-SQL the product and
 * the drivers send; anything else passes through to SQLite unchanged.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tds.h"
#include "types.h"
#include "sqlrw.h"

enum tk {
	TK_WS,		/* blanks without a newline */
	TK_NL,		/* blanks with a newline */
	TK_COMMENT,
	TK_STR,		/* 'x' */
	TK_NSTR,	/* N'x' */
	TK_QID,		/* [x] or "x" */
	TK_WORD,
	TK_VAR,		/* @x */
	TK_SYSVAR,	/* @@x */
	TK_NUM,
	TK_PUNCT,
	TK__MAX
};

struct tok {
	enum tk		 k;
	const char	*s;
	size_t		 n;
};

struct toks {
	struct tok	*v;
	size_t		 n;
	size_t		 cap;
};

static int
isword(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '#' || c == '$' || c >= 0x80;
}

static int
tok_add(struct toks *t, enum tk k, const char *s, size_t n)
{
	struct tok	*v;

	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 64 : t->cap * 2;
		if ((v = realloc(t->v, t->cap * sizeof(*v))) == NULL)
			return -1;
		t->v = v;
	}
	t->v[t->n].k = k;
	t->v[t->n].s = s;
	t->v[t->n].n = n;
	t->n++;
	return 0;
}

/* Skips a quoted run that ends at q (doubled q escapes it). */
static const char *
skip_quoted(const char *p, char q)
{
	for (; *p != '\0'; p++)
		if (*p == q) {
			if (p[1] == q)
				p++;
			else
				return p + 1;
		}
	return p;
}

static int
lex(const char *s, struct toks *t)
{
	const char	*p = s, *b;
	enum tk		 k;
	int		 nl, depth;

	memset(t, 0, sizeof(*t));
	while (*p != '\0') {
		b = p;
		if (isspace((unsigned char)*p)) {
			for (nl = 0; isspace((unsigned char)*p); p++)
				nl |= *p == '\n';
			k = nl ? TK_NL : TK_WS;
		} else if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				p++;
			k = TK_COMMENT;
		} else if (p[0] == '/' && p[1] == '*') {
			for (p += 2, depth = 1; *p != '\0' && depth > 0; p++)
				if (p[0] == '*' && p[1] == '/') {
					depth--;
					p++;
				} else if (p[0] == '/' && p[1] == '*') {
					depth++;
					p++;
				}
			k = TK_COMMENT;
		} else if (*p == '\'') {
			p = skip_quoted(p + 1, '\'');
			k = TK_STR;
		} else if ((*p == 'N' || *p == 'n') && p[1] == '\'') {
			p = skip_quoted(p + 2, '\'');
			k = TK_NSTR;
		} else if (*p == '[') {
			p = skip_quoted(p + 1, ']');
			k = TK_QID;
		} else if (*p == '"') {
			p = skip_quoted(p + 1, '"');
			k = TK_QID;
		} else if (p[0] == '@' && p[1] == '@' && isword((unsigned char)p[2])) {
			for (p += 2; isword((unsigned char)*p); p++)
				;
			k = TK_SYSVAR;
		} else if (p[0] == '@' && isword((unsigned char)p[1])) {
			for (p++; isword((unsigned char)*p); p++)
				;
			k = TK_VAR;
		} else if (isdigit((unsigned char)*p) ||
		    (*p == '.' && isdigit((unsigned char)p[1]))) {
			if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
				for (p += 2; isxdigit((unsigned char)*p); p++)
					;
			else {
				while (isdigit((unsigned char)*p))
					p++;
				if (*p == '.')
					for (p++; isdigit((unsigned char)*p); p++)
						;
				if ((*p == 'e' || *p == 'E') &&
				    (isdigit((unsigned char)p[1]) ||
				    ((p[1] == '-' || p[1] == '+') &&
				    isdigit((unsigned char)p[2]))))
					for (p += 2; isdigit((unsigned char)*p); p++)
						;
			}
			k = TK_NUM;
		} else if (isword((unsigned char)*p)) {
			while (isword((unsigned char)*p))
				p++;
			k = TK_WORD;
		} else {
			if ((p[0] == '<' && (p[1] == '>' || p[1] == '=')) ||
			    (p[0] == '>' && p[1] == '=') ||
			    (p[0] == '!' && p[1] == '=') ||
			    (p[0] == '|' && p[1] == '|'))
				p++;
			p++;
			k = TK_PUNCT;
		}
		if (tok_add(t, k, b, (size_t)(p - b)) == -1) {
			free(t->v);
			return -1;
		}
	}
	return 0;
}

static int
is_word(const struct tok *t, const char *w)
{
	return t->k == TK_WORD && strlen(w) == t->n &&
	    strncasecmp(t->s, w, t->n) == 0;
}

static int
is_punct(const struct tok *t, char c)
{
	return t->k == TK_PUNCT && t->n == 1 && t->s[0] == c;
}

static int
is_blank(const struct tok *t)
{
	return t->k == TK_WS || t->k == TK_NL || t->k == TK_COMMENT;
}

/* Next non-blank token index at or after i (or n). */
static size_t
next_sig(const struct toks *t, size_t i, size_t end)
{
	while (i < end && is_blank(&t->v[i]))
		i++;
	return i;
}

/* Index of the ')' closing the '(' at i, or end. */
static size_t
match_paren(const struct toks *t, size_t i, size_t end)
{
	int	 depth = 0;

	for (; i < end; i++) {
		if (is_punct(&t->v[i], '('))
			depth++;
		else if (is_punct(&t->v[i], ')') && --depth == 0)
			return i;
	}
	return end;
}

/* Copies the text of tokens [i, j) into dst (size sz), blanks squeezed. */
static void
tok_text(const struct toks *t, size_t i, size_t j, char *dst, size_t sz)
{
	size_t	 o = 0, n;

	for (; i < j && o + 1 < sz; i++) {
		if (is_blank(&t->v[i])) {
			if (o > 0 && dst[o - 1] != ' ')
				dst[o++] = ' ';
			continue;
		}
		n = t->v[i].n;
		if (n > sz - 1 - o)
			n = sz - 1 - o;
		memcpy(dst + o, t->v[i].s, n);
		o += n;
	}
	while (o > 0 && dst[o - 1] == ' ')
		o--;
	dst[o] = '\0';
}

/* Identifier text without brackets or quotes. */
static void
ident_text(const struct tok *t, char *dst, size_t sz)
{
	size_t	 n = t->n, o = 0, i = 0;

	if (t->k == TK_QID && n >= 2) {
		i = 1;
		n--;
		if (t->s[n] != ']' && t->s[n] != '"')
			n++;
	}
	for (; i < n && o + 1 < sz; i++)
		dst[o++] = t->s[i];
	dst[o] = '\0';
}

/* ---- splitting ----------------------------------------------------- */

static const char *const session_kw[] = {
	"SET", "USE", "BEGIN", "COMMIT", "ROLLBACK", "SAVE", "DECLARE",
	"PRINT", "IF", NULL
};

static int
is_session(const struct tok *t)
{
	int	 i;

	for (i = 0; session_kw[i] != NULL; i++)
		if (is_word(t, session_kw[i]))
			return 1;
	return 0;
}

static int
is_query_start(const struct tok *t)
{
	return is_word(t, "SELECT") || is_word(t, "INSERT") ||
	    is_word(t, "UPDATE") || is_word(t, "DELETE") ||
	    is_word(t, "WITH") || is_word(t, "EXEC") || is_word(t, "EXECUTE");
}

static int
emit_stmt(const struct toks *t, size_t i, size_t j, struct sqlrw_stmt **out,
    size_t *n, size_t *cap)
{
	struct sqlrw_stmt	*s, *v;
	size_t			 len, k;
	const struct tok	*w;

	while (i < j && is_blank(&t->v[i]))
		i++;
	while (j > i && is_blank(&t->v[j - 1]))
		j--;
	if (i == j)
		return 0;
	if (*n == *cap) {
		*cap = *cap == 0 ? 8 : *cap * 2;
		if ((v = realloc(*out, *cap * sizeof(*v))) == NULL)
			return -1;
		*out = v;
	}
	s = &(*out)[*n];
	memset(s, 0, sizeof(*s));
	len = (size_t)(t->v[j - 1].s + t->v[j - 1].n - t->v[i].s);
	if ((s->text = malloc(len + 1)) == NULL)
		return -1;
	memcpy(s->text, t->v[i].s, len);
	s->text[len] = '\0';
	(*n)++;
	w = &t->v[i];
	if (is_word(w, "SET")) {
		s->kind = SQLRW_SET;
		k = next_sig(t, i + 1, j);
		if (k < j) {
			ident_text(&t->v[k], s->arg, sizeof(s->arg));
			k = next_sig(t, k + 1, j);
			if (k < j) {
				ident_text(&t->v[k], s->arg2, sizeof(s->arg2));
			}
		}
	} else if (is_word(w, "USE")) {
		s->kind = SQLRW_USE;
		k = next_sig(t, i + 1, j);
		if (k < j)
			ident_text(&t->v[k], s->arg, sizeof(s->arg));
	} else if (is_word(w, "EXEC") || is_word(w, "EXECUTE")) {
		s->kind = SQLRW_EXEC;
		k = next_sig(t, i + 1, j);
		if (k < j)
			ident_text(&t->v[k], s->arg, sizeof(s->arg));
	} else if (is_session(w))
		s->kind = SQLRW_NOOP;
	else
		s->kind = SQLRW_QUERY;
	return 0;
}

int
sqlrw_split(const char *batch, struct sqlrw_stmt **out, size_t *n)
{
	struct toks	 t;
	size_t		 i, start = 0, cap = 0, kw0 = (size_t)-1, prev = (size_t)-1;
	int		 depth = 0, rc = -1, session = 0;

	*out = NULL;
	*n = 0;
	if (lex(batch, &t) == -1)
		return -1;
	for (i = 0; i < t.n; i++) {
		const struct tok *k = &t.v[i];

		if (k->k == TK_COMMENT || k->k == TK_WS)
			continue;
		if (k->k == TK_NL) {
			if (session && depth == 0 && kw0 != (size_t)-1) {
				if (emit_stmt(&t, start, i, out, n, &cap) == -1)
					goto out;
				start = i + 1;
				kw0 = (size_t)-1;
				session = 0;
			}
			prev = i;
			continue;
		}
		if (depth == 0 && kw0 != (size_t)-1 && k->k == TK_WORD) {
			int	 split = 0;

			if (session && is_query_start(k) &&
			    !is_word(&t.v[kw0], "IF"))
				split = 1;
			else if (!session && is_session(k) && prev != (size_t)-1 &&
			    t.v[prev].k == TK_NL &&
			    !(is_word(k, "SET") && is_word(&t.v[kw0], "UPDATE")))
				split = 1;
			if (split) {
				if (emit_stmt(&t, start, i, out, n, &cap) == -1)
					goto out;
				start = i;
				kw0 = (size_t)-1;
			}
		}
		if (kw0 == (size_t)-1) {
			kw0 = i;
			session = is_session(k);
		}
		if (is_punct(k, '('))
			depth++;
		else if (is_punct(k, ')') && depth > 0)
			depth--;
		else if (is_punct(k, ';') && depth == 0) {
			if (emit_stmt(&t, start, i, out, n, &cap) == -1)
				goto out;
			start = i + 1;
			kw0 = (size_t)-1;
			session = 0;
		}
		prev = i;
	}
	if (emit_stmt(&t, start, t.n, out, n, &cap) == -1)
		goto out;
	rc = 0;
out:
	free(t.v);
	if (rc == -1) {
		sqlrw_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
sqlrw_free(struct sqlrw_stmt *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(s[i].text);
	free(s);
}

/* ---- rewriting ----------------------------------------------------- */

#define MAXDEPTH 64

struct rw {
	const struct sqlrw_ctx	*ctx;
	const struct toks	*t;
	struct tds_buf		*out;
	char			*limit[MAXDEPTH];
	int			 depth;
};

static void
out_str(struct rw *rw, const char *s)
{
	tds_buf_put(rw->out, s, strlen(s));
}

static void
out_tok(struct rw *rw, const struct tok *t)
{
	tds_buf_put(rw->out, t->s, t->n);
}

/* Appends s as an SQL string literal. */
static void
out_literal(struct rw *rw, const char *s)
{
	tds_buf_u8(rw->out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			tds_buf_u8(rw->out, '\'');
		tds_buf_u8(rw->out, (uint8_t)*s);
	}
	tds_buf_u8(rw->out, '\'');
}

static void	rw_range(struct rw *, size_t, size_t);

/* Splits the arguments of the call whose '(' is at open, ')' at close. */
static int
call_args(const struct toks *t, size_t open, size_t close, size_t *a, size_t *b,
    int max)
{
	size_t	 i;
	int	 depth = 0, n = 0;

	a[0] = open + 1;
	for (i = open + 1; i < close; i++) {
		if (is_punct(&t->v[i], '('))
			depth++;
		else if (is_punct(&t->v[i], ')'))
			depth--;
		else if (depth == 0 && is_punct(&t->v[i], ',') && n + 1 < max) {
			b[n++] = i;
			a[n] = i + 1;
		}
	}
	b[n++] = close;
	return n;
}

static const char *
server_property(const struct sqlrw_ctx *c, const char *name, char *num,
    size_t numsz)
{
	if (strcasecmp(name, "ProductVersion") == 0)
		return c->version;
	if (strcasecmp(name, "ProductLevel") == 0)
		return "RTM";
	if (strcasecmp(name, "Edition") == 0)
		return "Standard Edition (64-bit)";
	if (strcasecmp(name, "EngineEdition") == 0)
		return "2";
	if (strcasecmp(name, "ServerName") == 0 ||
	    strcasecmp(name, "MachineName") == 0)
		return "ERPSIM";
	if (strcasecmp(name, "InstanceName") == 0)
		return NULL;
	if (strcasecmp(name, "Collation") == 0)
		return "Chinese_PRC_CI_AS";
	if (strcasecmp(name, "IsIntegratedSecurityOnly") == 0 ||
	    strcasecmp(name, "IsClustered") == 0 ||
	    strcasecmp(name, "IsFullTextInstalled") == 0 ||
	    strcasecmp(name, "IsSingleUser") == 0)
		return "0";
	if (strcasecmp(name, "ProcessID") == 0) {
		snprintf(num, numsz, "%d", c->spid * 100 + 4);
		return num;
	}
	return NULL;
}

/* @@name: writes its value; returns 0 if known. */
static void
rw_sysvar(struct rw *rw, const struct tok *t)
{
	char	 name[64], num[32];

	ident_text(t, name, sizeof(name));
	if (strcasecmp(name, "@@VERSION") == 0) {
		out_literal(rw, rw->ctx->banner);
		return;
	}
	if (strcasecmp(name, "@@SERVERNAME") == 0) {
		out_literal(rw, "ERPSIM");
		return;
	}
	if (strcasecmp(name, "@@SERVICENAME") == 0) {
		out_literal(rw, "MSSQLSERVER");
		return;
	}
	if (strcasecmp(name, "@@LANGUAGE") == 0) {
		out_literal(rw, "us_english");
		return;
	}
	num[0] = '\0';
	if (strcasecmp(name, "@@SPID") == 0)
		snprintf(num, sizeof(num), "%d", rw->ctx->spid);
	else if (strcasecmp(name, "@@MAX_PRECISION") == 0)
		snprintf(num, sizeof(num), "38");
	else if (strcasecmp(name, "@@TRANCOUNT") == 0 ||
	    strcasecmp(name, "@@ERROR") == 0 ||
	    strcasecmp(name, "@@NESTLEVEL") == 0)
		snprintf(num, sizeof(num), "0");
	else if (strcasecmp(name, "@@ROWCOUNT") == 0)
		snprintf(num, sizeof(num), "%lld", (long long)rw->ctx->rowcount);
	else if (strcasecmp(name, "@@OPTIONS") == 0)
		snprintf(num, sizeof(num), "5496");
	else if (strcasecmp(name, "@@DATEFIRST") == 0)
		snprintf(num, sizeof(num), "7");
	else if (strcasecmp(name, "@@TEXTSIZE") == 0)
		snprintf(num, sizeof(num), "2147483647");
	else if (strcasecmp(name, "@@LOCK_TIMEOUT") == 0)
		snprintf(num, sizeof(num), "-1");
	else if (strcasecmp(name, "@@MAX_CONNECTIONS") == 0)
		snprintf(num, sizeof(num), "32767");
	else if (strcasecmp(name, "@@MICROSOFTVERSION") == 0)
		snprintf(num, sizeof(num), "%d", rw->ctx->msver);
	out_str(rw, num[0] != '\0' ? num : "NULL");
}

/* CONVERT(type, expr [, style]) */
static void
rw_convert(struct rw *rw, size_t open, size_t close)
{
	size_t	 a[3], b[3];
	char	 type[64];
	int	 n, style = -1;
	struct col_type ct;

	n = call_args(rw->t, open, close, a, b, 3);
	if (n < 2) {
		out_str(rw, "NULL");
		return;
	}
	tok_text(rw->t, a[0], b[0], type, sizeof(type));
	if (n == 3) {
		char	 st[16];

		tok_text(rw->t, a[2], b[2], st, sizeof(st));
		style = atoi(st);
	}
	if (types_from_decl(type, &ct) == -1) {
		out_str(rw, "CAST((");
		rw_range(rw, a[1], b[1]);
		out_str(rw, ") AS ");
		out_str(rw, type);
		out_str(rw, ")");
		return;
	}
	switch (ct.kind) {
	case COL_VARCHAR:
	case COL_CHAR:
	case COL_NVARCHAR:
		if (style == 23 || style == 120 || style == 121 || style == 112 ||
		    style == 108 || style == 20 || style == 21) {
			out_str(rw, style == 112 ? "replace(substr((" :
			    "substr((");
			rw_range(rw, a[1], b[1]);
			out_str(rw, style == 23 ? "),1,10)" :
			    style == 120 || style == 20 ? "),1,19)" :
			    style == 121 || style == 21 ? "),1,23)" :
			    style == 108 ? "),12,8)" : "),1,10),'-','')");
			return;
		}
		out_str(rw, "CAST((");
		rw_range(rw, a[1], b[1]);
		out_str(rw, ") AS TEXT)");
		return;
	case COL_DATETIME:
		out_str(rw, "(");
		rw_range(rw, a[1], b[1]);
		out_str(rw, ")");
		return;
	case COL_INT:
	case COL_BIT:
		out_str(rw, "CAST((");
		rw_range(rw, a[1], b[1]);
		out_str(rw, ") AS INTEGER)");
		return;
	default:
		out_str(rw, "CAST((");
		rw_range(rw, a[1], b[1]);
		out_str(rw, ") AS REAL)");
		return;
	}
}

/* CAST(expr AS type): date and string types become TEXT for SQLite. */
static void
rw_cast(struct rw *rw, size_t open, size_t close)
{
	size_t	 i, as = close;
	int	 depth = 0;
	char	 type[64];
	struct col_type ct;

	for (i = open + 1; i < close; i++) {
		if (is_punct(&rw->t->v[i], '('))
			depth++;
		else if (is_punct(&rw->t->v[i], ')'))
			depth--;
		else if (depth == 0 && is_word(&rw->t->v[i], "AS"))
			as = i;
	}
	if (as == close) {
		out_str(rw, "CAST(");
		rw_range(rw, open + 1, close);
		out_str(rw, ")");
		return;
	}
	tok_text(rw->t, as + 1, close, type, sizeof(type));
	out_str(rw, "CAST(");
	rw_range(rw, open + 1, as);
	out_str(rw, " AS ");
	if (types_from_decl(type, &ct) == 0 && (ct.kind == COL_DATETIME ||
	    ct.kind >= COL_VARCHAR))
		out_str(rw, "TEXT");
	else if (types_from_decl(type, &ct) == 0 && (ct.kind == COL_MONEY ||
	    ct.kind == COL_FLT || ((ct.kind == COL_DEC || ct.kind == COL_NUM) &&
	    ct.scale > 0)))
		out_str(rw, "REAL");
	else if (types_from_decl(type, &ct) == 0)
		out_str(rw, "INTEGER");
	else
		out_str(rw, type);
	out_str(rw, ")");
}

/* DATEADD(unit, n, d) and DATEDIFF(unit, a, b) for day/month/year. */
static void
rw_datefn(struct rw *rw, int diff, size_t open, size_t close)
{
	size_t	 a[3], b[3];
	char	 unit[32];
	const char *u;

	if (call_args(rw->t, open, close, a, b, 3) != 3) {
		out_str(rw, "NULL");
		return;
	}
	tok_text(rw->t, a[0], b[0], unit, sizeof(unit));
	u = strncasecmp(unit, "m", 1) == 0 && strcasecmp(unit, "mi") != 0 &&
	    strncasecmp(unit, "minute", 6) != 0 ? "months" :
	    strncasecmp(unit, "y", 1) == 0 ? "years" : "days";
	if (diff) {
		if (strcmp(u, "days") == 0) {
			out_str(rw, "CAST(julianday(substr((");
			rw_range(rw, a[2], b[2]);
			out_str(rw, "),1,10)) - julianday(substr((");
			rw_range(rw, a[1], b[1]);
			out_str(rw, "),1,10)) AS INTEGER)");
		} else {
			const char *f = strcmp(u, "years") == 0 ? "%Y" : NULL;

			if (f != NULL) {
				out_str(rw, "(CAST(strftime('%Y',(");
				rw_range(rw, a[2], b[2]);
				out_str(rw, ")) AS INTEGER) - CAST(strftime('%Y',(");
				rw_range(rw, a[1], b[1]);
				out_str(rw, ")) AS INTEGER))");
			} else {
				out_str(rw, "((CAST(strftime('%Y',(");
				rw_range(rw, a[2], b[2]);
				out_str(rw, ")) AS INTEGER)*12+CAST(strftime('%m',(");
				rw_range(rw, a[2], b[2]);
				out_str(rw, ")) AS INTEGER)) - (CAST(strftime('%Y',(");
				rw_range(rw, a[1], b[1]);
				out_str(rw, ")) AS INTEGER)*12+CAST(strftime('%m',(");
				rw_range(rw, a[1], b[1]);
				out_str(rw, ")) AS INTEGER)))");
			}
		}
		return;
	}
	out_str(rw, "strftime('%Y-%m-%d %H:%M:%f',(");
	rw_range(rw, a[2], b[2]);
	out_str(rw, "),(");
	rw_range(rw, a[1], b[1]);
	out_str(rw, ")||' ");
	out_str(rw, u);
	out_str(rw, "')");
}

/* A dotted name starting at i: drops "db.dbo." and "dbo." prefixes. */
static size_t
rw_name(struct rw *rw, size_t i, size_t end)
{
	const struct toks	*t = rw->t;
	size_t			 el[8], j = i, first = 0;
	int			 n = 0, k;
	char			 txt[256];

	for (;;) {
		if (n < 8)
			el[n++] = j;
		if (j + 1 < end && is_punct(&t->v[j + 1], '.')) {
			size_t	 m = j + 2;

			/* db..X: an empty schema part */
			while (m < end && is_punct(&t->v[m], '.')) {
				if (n < 8)
					el[n++] = (size_t)-1;
				m++;
			}
			if (m < end && (t->v[m].k == TK_WORD ||
			    t->v[m].k == TK_QID || is_punct(&t->v[m], '*'))) {
				j = m;
				continue;
			}
		}
		break;
	}
	for (k = 0; k < n - 1; k++) {
		if (el[k] == (size_t)-1) {
			first = (size_t)k + 1;
			continue;
		}
		ident_text(&t->v[el[k]], txt, sizeof(txt));
		if (strcasecmp(txt, "dbo") == 0 || strcasecmp(txt, "sys") == 0)
			first = (size_t)k + 1;
	}
	for (k = (int)first; k < n; k++) {
		if (el[k] == (size_t)-1)
			continue;
		if (k > (int)first)
			out_str(rw, ".");
		if (t->v[el[k]].k == TK_QID) {
			const char *p;

			ident_text(&t->v[el[k]], txt, sizeof(txt));
			tds_buf_u8(rw->out, '"');
			for (p = txt; *p != '\0'; p++) {
				if (*p == '"')
					tds_buf_u8(rw->out, '"');
				tds_buf_u8(rw->out, (uint8_t)*p);
			}
			tds_buf_u8(rw->out, '"');
		} else
			out_tok(rw, &t->v[el[k]]);
	}
	return j;
}

static int
is_fn(const struct toks *t, size_t i, size_t end, const char *name,
    size_t *open)
{
	size_t	 k;

	if (!is_word(&t->v[i], name))
		return 0;
	k = next_sig(t, i + 1, end);
	if (k >= end || !is_punct(&t->v[k], '('))
		return 0;
	*open = k;
	return 1;
}

static const char *now_expr = "strftime('%Y-%m-%d %H:%M:%f','now','localtime')";

static void
rw_range(struct rw *rw, size_t i, size_t end)
{
	const struct toks	*t = rw->t;
	size_t			 open, close, k, psig = (size_t)-1;
	char			 txt[256], num[32];
	const char		*v;

	for (; i < end; i++) {
		const struct tok *k0 = &t->v[i];

		if (k0->k == TK_COMMENT) {
			out_str(rw, " ");
			continue;
		}
		if (k0->k == TK_WS || k0->k == TK_NL) {
			out_tok(rw, k0);
			continue;
		}
		if (k0->k == TK_NSTR) {
			tds_buf_put(rw->out, k0->s + 1, k0->n - 1);
		} else if (k0->k == TK_SYSVAR) {
			rw_sysvar(rw, k0);
		} else if (k0->k == TK_QID) {
			i = rw_name(rw, i, end);
		} else if (k0->k == TK_PUNCT) {
			if (is_punct(k0, '(')) {
				k = next_sig(t, i + 1, end);
				if (k < end && (is_word(&t->v[k], "NOLOCK") ||
				    is_word(&t->v[k], "READUNCOMMITTED") ||
				    is_word(&t->v[k], "NOWAIT"))) {
					i = match_paren(t, i, end);
					continue;
				}
				out_tok(rw, k0);
				if (rw->depth + 1 < MAXDEPTH)
					rw->depth++;
				free(rw->limit[rw->depth]);
				rw->limit[rw->depth] = NULL;
			} else if (is_punct(k0, ')')) {
				if (rw->limit[rw->depth] != NULL) {
					out_str(rw, " LIMIT ");
					out_str(rw, rw->limit[rw->depth]);
					free(rw->limit[rw->depth]);
					rw->limit[rw->depth] = NULL;
				}
				if (rw->depth > 0)
					rw->depth--;
				out_tok(rw, k0);
			} else if (is_punct(k0, '+')) {
				k = next_sig(t, i + 1, end);
				if ((psig != (size_t)-1 && (t->v[psig].k == TK_STR ||
				    t->v[psig].k == TK_NSTR)) || (k < end &&
				    (t->v[k].k == TK_STR || t->v[k].k == TK_NSTR)))
					out_str(rw, "||");
				else
					out_tok(rw, k0);
			} else
				out_tok(rw, k0);
		} else if (k0->k != TK_WORD) {
			out_tok(rw, k0);
		} else if (is_word(k0, "TOP") && psig != (size_t)-1 &&
		    (is_word(&t->v[psig], "SELECT") ||
		    is_word(&t->v[psig], "DISTINCT") ||
		    is_word(&t->v[psig], "ALL"))) {
			k = next_sig(t, i + 1, end);
			if (k >= end)
				continue;
			if (is_punct(&t->v[k], '(')) {
				close = match_paren(t, k, end);
				tok_text(t, k + 1, close, txt, sizeof(txt));
				i = close;
			} else {
				tok_text(t, k, k + 1, txt, sizeof(txt));
				i = k;
			}
			k = next_sig(t, i + 1, end);
			if (k < end && is_word(&t->v[k], "PERCENT"))
				i = k;
			k = next_sig(t, i + 1, end);
			if (k < end && is_word(&t->v[k], "WITH") &&
			    next_sig(t, k + 1, end) < end &&
			    is_word(&t->v[next_sig(t, k + 1, end)], "TIES"))
				i = next_sig(t, k + 1, end);
			free(rw->limit[rw->depth]);
			rw->limit[rw->depth] = strdup(txt);
			continue;
		} else if (is_word(k0, "WITH") &&
		    (k = next_sig(t, i + 1, end)) < end &&
		    is_punct(&t->v[k], '(') && psig != (size_t)-1 &&
		    (t->v[psig].k == TK_WORD || t->v[psig].k == TK_QID)) {
			i = match_paren(t, k, end);	/* table hint */
			continue;
		} else if (is_word(k0, "OPTION") &&
		    (k = next_sig(t, i + 1, end)) < end &&
		    is_punct(&t->v[k], '(')) {
			i = match_paren(t, k, end);
			continue;
		} else if (is_word(k0, "ISNULL")) {
			out_str(rw, "IFNULL");
		} else if (is_word(k0, "LEN")) {
			out_str(rw, "LENGTH");
		} else if (is_fn(t, i, end, "GETDATE", &open) ||
		    is_fn(t, i, end, "SYSDATETIME", &open) ||
		    is_fn(t, i, end, "GETUTCDATE", &open)) {
			out_str(rw, is_word(k0, "GETUTCDATE") ?
			    "strftime('%Y-%m-%d %H:%M:%f','now')" : now_expr);
			i = match_paren(t, open, end);
		} else if (is_word(k0, "CURRENT_TIMESTAMP")) {
			out_str(rw, now_expr);
		} else if (is_fn(t, i, end, "CONVERT", &open)) {
			close = match_paren(t, open, end);
			rw_convert(rw, open, close);
			i = close;
		} else if (is_fn(t, i, end, "CAST", &open)) {
			close = match_paren(t, open, end);
			rw_cast(rw, open, close);
			i = close;
		} else if (is_fn(t, i, end, "DATEADD", &open) ||
		    is_fn(t, i, end, "DATEDIFF", &open)) {
			close = match_paren(t, open, end);
			rw_datefn(rw, is_word(k0, "DATEDIFF"), open, close);
			i = close;
		} else if (is_fn(t, i, end, "SERVERPROPERTY", &open)) {
			close = match_paren(t, open, end);
			k = next_sig(t, open + 1, close);
			txt[0] = '\0';
			if (k < close && (t->v[k].k == TK_STR ||
			    t->v[k].k == TK_NSTR)) {
				const struct tok *s = &t->v[k];
				size_t off = s->k == TK_NSTR ? 2 : 1;

				if (s->n >= off + 1)
					snprintf(txt, sizeof(txt), "%.*s",
					    (int)(s->n - off - 1), s->s + off);
			}
			v = server_property(rw->ctx, txt, num, sizeof(num));
			if (v == NULL)
				out_str(rw, "NULL");
			else
				out_literal(rw, v);
			i = close;
		} else if (is_fn(t, i, end, "DB_NAME", &open)) {
			out_literal(rw, rw->ctx->db);
			i = match_paren(t, open, end);
		} else if (is_fn(t, i, end, "USER_NAME", &open) ||
		    is_fn(t, i, end, "SUSER_NAME", &open) ||
		    is_fn(t, i, end, "SUSER_SNAME", &open)) {
			out_literal(rw, rw->ctx->user);
			i = match_paren(t, open, end);
		} else if (is_word(k0, "SYSTEM_USER")) {
			out_literal(rw, rw->ctx->user);
		} else
			i = rw_name(rw, i, end);
		psig = i;
	}
}

char *
sqlrw_rewrite(const struct sqlrw_ctx *ctx, const char *stmt)
{
	struct toks	 t;
	struct tds_buf	 out = { NULL, 0, 0, 0 };
	struct rw	 rw;
	int		 i;

	if (lex(stmt, &t) == -1)
		return NULL;
	memset(&rw, 0, sizeof(rw));
	rw.ctx = ctx;
	rw.t = &t;
	rw.out = &out;
	rw_range(&rw, 0, t.n);
	if (rw.limit[0] != NULL) {
		out_str(&rw, " LIMIT ");
		out_str(&rw, rw.limit[0]);
	}
	for (i = 0; i < MAXDEPTH; i++)
		free(rw.limit[i]);
	tds_buf_u8(&out, 0);
	free(t.v);
	if (out.err) {
		tds_buf_free(&out);
		return NULL;
	}
	return (char *)out.data;
}

/* ---- SELECT list types --------------------------------------------- */

struct inf {
	const struct toks	*t;
	sqlrw_decl_fn		 fn;
	void			*arg;
};

static int	infer(struct inf *, size_t, size_t, struct col_type *);

static int
set_type(struct col_type *ct, enum col_kind k, int size, int prec, int scale)
{
	ct->kind = k;
	ct->size = size;
	ct->prec = prec;
	ct->scale = scale;
	return 0;
}

static int
infer_call(struct inf *f, size_t i, size_t open, size_t close,
    struct col_type *ct)
{
	const struct tok	*w = &f->t->v[i];
	size_t			 a[3], b[3], k;
	int			 n, depth = 0;
	char			 type[64];

	n = call_args(f->t, open, close, a, b, 3);
	if (is_word(w, "COUNT"))
		return set_type(ct, COL_INT, 4, 0, 0);
	if (is_word(w, "COUNT_BIG"))
		return set_type(ct, COL_INT, 8, 0, 0);
	if (is_word(w, "SUM") || is_word(w, "AVG")) {
		k = next_sig(f->t, a[0], b[0]);
		if (k < b[0] && is_word(&f->t->v[k], "DISTINCT"))
			a[0] = k + 1;
		if (infer(f, a[0], b[0], ct) == -1)
			return -1;
		if (ct->kind == COL_INT && ct->size < 4)
			ct->size = 4;
		else if (ct->kind == COL_DEC || ct->kind == COL_NUM) {
			ct->kind = COL_NUM;
			ct->prec = 38;
		} else if (ct->kind == COL_BIT || ct->kind >= COL_VARCHAR)
			return -1;
		return 0;
	}
	if (is_word(w, "MIN") || is_word(w, "MAX") || is_word(w, "ABS") ||
	    is_word(w, "ROUND") || is_word(w, "FLOOR") || is_word(w, "CEILING") ||
	    is_word(w, "SUBSTRING") || is_word(w, "LEFT") || is_word(w, "RIGHT") ||
	    is_word(w, "LTRIM") || is_word(w, "RTRIM") || is_word(w, "UPPER") ||
	    is_word(w, "LOWER") || is_word(w, "REPLACE") || is_word(w, "TRIM"))
		return infer(f, a[0], b[0], ct);
	if (is_word(w, "ISNULL") || is_word(w, "IFNULL") ||
	    is_word(w, "COALESCE")) {
		if (infer(f, a[0], b[0], ct) == 0)
			return 0;
		return n > 1 ? infer(f, a[1], b[1], ct) : -1;
	}
	if (is_word(w, "CAST")) {
		for (k = open + 1; k < close; k++) {
			if (is_punct(&f->t->v[k], '('))
				depth++;
			else if (is_punct(&f->t->v[k], ')'))
				depth--;
			else if (depth == 0 && is_word(&f->t->v[k], "AS")) {
				tok_text(f->t, k + 1, close, type, sizeof(type));
				return types_from_decl(type, ct);
			}
		}
		return -1;
	}
	if (is_word(w, "CONVERT")) {
		tok_text(f->t, a[0], b[0], type, sizeof(type));
		return types_from_decl(type, ct);
	}
	if (is_word(w, "GETDATE") || is_word(w, "SYSDATETIME") ||
	    is_word(w, "GETUTCDATE") || is_word(w, "DATEADD"))
		return set_type(ct, COL_DATETIME, 8, 0, 0);
	if (is_word(w, "DATEDIFF") || is_word(w, "LEN") ||
	    is_word(w, "DATEPART") || is_word(w, "YEAR") ||
	    is_word(w, "MONTH") || is_word(w, "DAY") ||
	    is_word(w, "CHARINDEX") || is_word(w, "SIGN"))
		return set_type(ct, COL_INT, 4, 0, 0);
	if (is_word(w, "SERVERPROPERTY") || is_word(w, "DB_NAME") ||
	    is_word(w, "USER_NAME") || is_word(w, "SUSER_NAME") ||
	    is_word(w, "SUSER_SNAME"))
		return set_type(ct, COL_NVARCHAR, 256, 0, 0);
	return -1;
}

static int
infer(struct inf *f, size_t i, size_t j, struct col_type *ct)
{
	const struct toks	*t = f->t;
	const struct tok	*k;
	size_t			 open, close, m;
	char			 name[256];
	const char		*decl, *dot;
	int			 digits, frac;

	while (i < j && is_blank(&t->v[i]))
		i++;
	while (j > i && is_blank(&t->v[j - 1]))
		j--;
	if (i >= j)
		return -1;
	/* f(x) OVER (...): the window does not change the type */
	for (m = i + 1; m < j; m++)
		if (is_word(&t->v[m], "OVER") &&
		    (open = next_sig(t, m + 1, j)) < j &&
		    is_punct(&t->v[open], '(') &&
		    match_paren(t, open, j) == j - 1)
			return infer(f, i, m, ct);
	k = &t->v[i];
	if (is_punct(k, '(') && match_paren(t, i, j) == j - 1)
		return infer(f, i + 1, j - 1, ct);
	if (is_punct(k, '-') || is_punct(k, '+'))
		return infer(f, i + 1, j, ct);
	if (j == i + 1) {
		switch (k->k) {
		case TK_NUM:
			dot = memchr(k->s, '.', k->n);
			if (dot == NULL && k->n < 10)
				return set_type(ct, COL_INT, 4, 0, 0);
			digits = (int)k->n - (dot != NULL);
			frac = dot == NULL ? 0 : (int)(k->s + k->n - dot - 1);
			if (memchr(k->s, 'e', k->n) != NULL ||
			    memchr(k->s, 'E', k->n) != NULL)
				return set_type(ct, COL_FLT, 8, 0, 0);
			return set_type(ct, COL_NUM, 0, digits > 38 ? 38 :
			    digits < 1 ? 1 : digits, frac);
		case TK_STR:
			return set_type(ct, COL_VARCHAR, k->n > 2 ?
			    (int)k->n - 2 : 1, 0, 0);
		case TK_NSTR:
			return set_type(ct, COL_NVARCHAR, k->n > 3 ?
			    2 * ((int)k->n - 3) : 2, 0, 0);
		case TK_SYSVAR:
			ident_text(k, name, sizeof(name));
			if (strcasecmp(name, "@@VERSION") == 0)
				return set_type(ct, COL_NVARCHAR, 600, 0, 0);
			if (strcasecmp(name, "@@SPID") == 0)
				return set_type(ct, COL_INT, 2, 0, 0);
			if (strcasecmp(name, "@@MAX_PRECISION") == 0)
				return set_type(ct, COL_INT, 1, 0, 0);
			if (strcasecmp(name, "@@SERVERNAME") == 0 ||
			    strcasecmp(name, "@@SERVICENAME") == 0 ||
			    strcasecmp(name, "@@LANGUAGE") == 0)
				return set_type(ct, COL_NVARCHAR, 256, 0, 0);
			if (strcasecmp(name, "@@IDENTITY") == 0)
				return set_type(ct, COL_NUM, 0, 38, 0);
			return set_type(ct, COL_INT, 4, 0, 0);
		case TK_WORD:
			if (is_word(k, "NULL"))
				return set_type(ct, COL_INT, 4, 0, 0);
			if (is_word(k, "CURRENT_TIMESTAMP"))
				return set_type(ct, COL_DATETIME, 8, 0, 0);
			/* FALLTHROUGH */
		case TK_QID:
			ident_text(k, name, sizeof(name));
			decl = f->fn(f->arg, name);
			return decl == NULL ? -1 : types_from_decl(decl, ct);
		default:
			return -1;
		}
	}
	/* a.b.c column reference */
	for (m = i; m < j; m++)
		if (!((m - i) % 2 == 0 ? (t->v[m].k == TK_WORD ||
		    t->v[m].k == TK_QID) : is_punct(&t->v[m], '.')))
			break;
	if (m == j && (j - i) % 2 == 1) {
		ident_text(&t->v[j - 1], name, sizeof(name));
		decl = f->fn(f->arg, name);
		return decl == NULL ? -1 : types_from_decl(decl, ct);
	}
	if (k->k == TK_WORD && (open = next_sig(t, i + 1, j)) < j &&
	    is_punct(&t->v[open], '(') &&
	    (close = match_paren(t, open, j)) == j - 1)
		return infer_call(f, i, open, close, ct);
	if (is_word(k, "CASE")) {
		for (m = i + 1; m < j; m++)
			if (is_word(&t->v[m], "THEN")) {
				size_t e;

				for (e = m + 1; e < j; e++)
					if (is_word(&t->v[e], "WHEN") ||
					    is_word(&t->v[e], "ELSE") ||
					    is_word(&t->v[e], "END"))
						break;
				return infer(f, m + 1, e, ct);
			}
	}
	return -1;
}

int
sqlrw_describe(const char *stmt, struct sqlrw_col *cols, int max,
    sqlrw_decl_fn fn, void *arg)
{
	struct toks	 t;
	struct inf	 f;
	size_t		 i, start, end, last, prev;
	int		 depth = 0, n = 0;

	if (lex(stmt, &t) == -1)
		return -1;
	f.t = &t;
	f.fn = fn;
	f.arg = arg;
	for (i = 0; i < t.n; i++) {
		if (is_punct(&t.v[i], '('))
			depth++;
		else if (is_punct(&t.v[i], ')'))
			depth--;
		else if (depth == 0 && is_word(&t.v[i], "SELECT"))
			break;
	}
	if (i == t.n) {
		free(t.v);
		return -1;
	}
	i = next_sig(&t, i + 1, t.n);
	if (i < t.n && (is_word(&t.v[i], "DISTINCT") || is_word(&t.v[i], "ALL")))
		i = next_sig(&t, i + 1, t.n);
	if (i < t.n && is_word(&t.v[i], "TOP")) {
		i = next_sig(&t, i + 1, t.n);
		if (i < t.n && is_punct(&t.v[i], '('))
			i = match_paren(&t, i, t.n);
		i = next_sig(&t, i + 1, t.n);
		if (i < t.n && is_word(&t.v[i], "PERCENT"))
			i = next_sig(&t, i + 1, t.n);
	}
	start = i;
	depth = 0;
	for (; i <= t.n && n < max; i++) {
		int	 stop = i == t.n;

		if (!stop && is_punct(&t.v[i], '('))
			depth++;
		else if (!stop && is_punct(&t.v[i], ')')) {
			if (--depth < 0)
				stop = 1;
		}
		if (!stop && depth == 0 && (is_word(&t.v[i], "FROM") ||
		    is_word(&t.v[i], "WHERE") || is_word(&t.v[i], "UNION") ||
		    is_word(&t.v[i], "ORDER") || is_word(&t.v[i], "GROUP") ||
		    is_word(&t.v[i], "INTO") || is_word(&t.v[i], "HAVING") ||
		    is_punct(&t.v[i], ';')))
			stop = 1;
		if (!stop && !(depth == 0 && is_punct(&t.v[i], ',')))
			continue;
		/* item [start, i): strip an alias */
		end = i;
		while (end > start && is_blank(&t.v[end - 1]))
			end--;
		memset(&cols[n], 0, sizeof(cols[n]));
		cols[n].noname = 1;
		if (end > start) {
			last = end - 1;
			prev = last;
			while (prev > start && is_blank(&t.v[prev - 1]))
				prev--;
			prev = prev > start ? prev - 1 : (size_t)-1;
			if ((t.v[last].k == TK_WORD || t.v[last].k == TK_QID ||
			    t.v[last].k == TK_STR) && prev != (size_t)-1 &&
			    (t.v[prev].k != TK_PUNCT ||
			    is_punct(&t.v[prev], ')')) &&
			    !is_word(&t.v[last], "END")) {
				cols[n].noname = 0;
				end = is_word(&t.v[prev], "AS") ? prev : last;
			} else if (last == next_sig(&t, start, end) ||
			    (end - start >= 3 && is_punct(&t.v[last - 1], '.'))) {
				/* a plain column keeps its name */
				cols[n].noname = !(t.v[last].k == TK_WORD ||
				    t.v[last].k == TK_QID);
			}
			cols[n].known = infer(&f, start, end, &cols[n].t) == 0;
		}
		n++;
		start = i + 1;
		if (stop)
			break;
	}
	free(t.v);
	return n;
}
