#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ClearSilver.h"

#include "dz.h"
#include "money.h"
#include "log.h"
#include "stmt.h"
#include "view.h"

/* Log and free a ClearSilver error: every NEOERR ends here or upstream. */
static enum dz_err
neo_fail(NEOERR *err, enum dz_err rc)
{
	STRING	s;

	string_init(&s);
	nerr_error_string(err, &s);
	dz_log_err("clearsilver: %s", s.buf != NULL ? s.buf : "?");
	string_clear(&s);
	nerr_ignore(&err);
	return rc;
}

/* lib/stmt's codes under Vocab (see view.h). */
static NEOERR *
vocab(HDF *hdf)
{
	char		 name[64];
	NEOERR		*err = STATUS_OK;
	size_t		 i;

	for (i = 0; err == STATUS_OK && dz_stmt_status_codes[i] != NULL; i++) {
		snprintf(name, sizeof(name), "Vocab.status.%zu", i);
		err = hdf_set_value(hdf, name, dz_stmt_status_codes[i]);
	}
	for (i = 0; err == STATUS_OK && i < DZ_DOC__MAX; i++) {
		snprintf(name, sizeof(name), "Vocab.doc.%zu", i);
		if ((err = hdf_set_value(hdf, name, dz_stmt_doc_codes[i])) != STATUS_OK)
			break;
		snprintf(name, sizeof(name), "Vocab.group.%s", dz_stmt_doc_codes[i]);
		err = hdf_set_value(hdf, name,
		    dz_stmt_group_code(dz_stmt_doc_group((enum dz_doc_type)i)));
	}
	return nerr_pass(err);
}

enum dz_err
dz_view_load_lang(const char *data_dir, HDF **global)
{
	char	 path[512];
	NEOERR	*err;

	*global = NULL;
	if ((err = hdf_init(global)) != STATUS_OK)
		return neo_fail(err, DZ_ERR_NOMEM);
	snprintf(path, sizeof(path), "%s/lang/zh_CN.hdf", data_dir);
	if ((err = hdf_read_file(*global, path)) != STATUS_OK) {
		hdf_destroy(global);
		return neo_fail(err, DZ_ERR_IO);
	}
	if ((err = vocab(*global)) != STATUS_OK) {
		hdf_destroy(global);
		return neo_fail(err, DZ_ERR_NOMEM);
	}
	return DZ_OK;
}

/*
 * Templates are read from disk once per process and handed to the parser
 * from memory: per request, the parser gets a fresh copy to own (a parse
 * tree is never reused), without a path walk and a read per include.
 */
#define TEMPLATES_MAX	64

static struct tpl {
	char	*name;
	char	*text;
	size_t	 len;
} tpls[TEMPLATES_MAX];
static size_t	ntpls;

/*
 * Drop the indentation a template has for its readers: the blanks at the
 * start of each line, outside <pre> and <textarea>. Done to the template's
 * source, never to a rendered page (what users typed keeps its blanks);
 * HTML shows the page the same, a history page is a sixth smaller, and
 * nginx's time goes with the bytes. In place; the new length.
 */
static size_t
strip_indent(char *s, size_t n)
{
	const char	*until = NULL;
	size_t		 r = 0, w = 0, ulen = 0;
	int		 bol = 1;

	while (r < n) {
		if (until != NULL) {
			if (s[r] == '<' && n - r >= ulen && strncasecmp(s + r, until, ulen) == 0) {
				memmove(s + w, s + r, ulen);
				w += ulen;
				r += ulen;
				until = NULL;
				continue;
			}
			s[w++] = s[r++];
			continue;
		}
		if (bol && (s[r] == ' ' || s[r] == '\t')) {
			r++;
			continue;
		}
		bol = s[r] == '\n';
		if (s[r] == '<') {
			if (n - r >= 4 && strncasecmp(s + r, "<pre", 4) == 0)
				until = "</pre>";
			else if (n - r >= 9 && strncasecmp(s + r, "<textarea", 9) == 0)
				until = "</textarea>";
			if (until != NULL)
				ulen = strlen(until);
		}
		s[w++] = s[r++];
	}
	s[w] = '\0';
	return w;
}

static NEOERR *
tpl_load(void *ctx, HDF *hdf, const char *name, char **contents)
{
	const char	*dir = ctx;
	char		 path[1024];
	char		*text = NULL;
	NEOERR		*err;
	size_t		 i;

	for (i = 0; i < ntpls; i++)
		if (strcmp(tpls[i].name, name) == 0)
			break;
	if (i == ntpls) {
		/* Our own template names only: no absolute paths, no "..". */
		if (name[0] == '/' || strstr(name, "..") != NULL)
			return nerr_raise(NERR_NOT_FOUND, "bad template name");
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if ((err = ne_load_file(path, &text)) != STATUS_OK)
			return nerr_pass(err);
		strip_indent(text, strlen(text));
		if (ntpls == TEMPLATES_MAX) {
			*contents = text;	/* cache full: serve uncached */
			return STATUS_OK;
		}
		if ((tpls[i].name = strdup(name)) == NULL) {
			free(text);
			return nerr_raise(NERR_NOMEM, "template cache");
		}
		tpls[i].text = text;
		tpls[i].len = strlen(text);
		ntpls++;
	}
	if ((*contents = malloc(tpls[i].len + 1)) == NULL)
		return nerr_raise(NERR_NOMEM, "template copy");
	memcpy(*contents, tpls[i].text, tpls[i].len + 1);
	return STATUS_OK;
}

static NEOERR *
collect(void *ctx, char *s)
{
	return string_append((STRING *)ctx, s);
}

/*
 * Parsed pages, one per page name, kept for the life of the process.
 * ClearSilver resolves include: while parsing, so layout.cs with the page
 * in it (Page.Template) parses to the same tree every time; parsing took
 * a fifth of a request. Each is parsed against an HDF of its own that
 * holds just what parsing reads (Config.VarEscapeMode, Page.Template);
 * a render points the tree at the request's HDF (cs.h: cs_render may be
 * called again on a tree, "set" only changes the data set).
 */
#define PARSED_MAX	48

static struct parsed {
	char	*page;
	CSPARSE	*cs;
	HDF	*hdf;
} parsed[PARSED_MAX];
static size_t	nparsed;

static void
parsed_free(struct parsed *p)
{
	cs_destroy(&p->cs);
	hdf_destroy(&p->hdf);
	free(p->page);
	memset(p, 0, sizeof(*p));
}

static NEOERR *
parse_page(HDF *global, char *dir, const char *page, struct parsed *p)
{
	NEOERR	*err;

	memset(p, 0, sizeof(*p));
	if ((p->page = strdup(page)) == NULL)
		return nerr_raise(NERR_NOMEM, "page name");
	if ((err = hdf_init(&p->hdf)) != STATUS_OK ||
	    (err = hdf_set_value(p->hdf, "Config.VarEscapeMode", "html")) != STATUS_OK ||
	    (err = hdf_set_value(p->hdf, "Page.Template", page)) != STATUS_OK ||
	    (err = cs_init(&p->cs, p->hdf)) != STATUS_OK)
		goto fail;
	/* Lang.* lives in the per-process HDF: looked up as a fallback. */
	p->cs->global_hdf = global;
	cs_register_fileload(p->cs, dir, tpl_load);
	if ((err = cgi_register_strfuncs(p->cs)) != STATUS_OK ||
	    (err = cs_parse_file(p->cs, "layout.cs")) != STATUS_OK)
		goto fail;
	return STATUS_OK;
fail:
	parsed_free(p);
	return nerr_pass(err);
}

enum dz_err
dz_view_render(HDF *hdf, HDF *global, const char *data_dir, const char *page,
    char **out, size_t *outlen)
{
	struct parsed	 one, *p = NULL;
	STRING		 str;
	NEOERR		*err;
	HDF		*own;
	size_t		 i;
	/* tpl_load's context; the same folder for the life of the process. */
	static char	 dir[512];

	*out = NULL;
	*outlen = 0;
	string_init(&str);
	if (dir[0] == '\0')
		snprintf(dir, sizeof(dir), "%s/templates", data_dir);
	/* Templates may read these while rendering too. */
	if ((err = hdf_set_value(hdf, "Config.VarEscapeMode", "html")) != STATUS_OK ||
	    (err = hdf_set_value(hdf, "Page.Template", page)) != STATUS_OK)
		goto fail;
	for (i = 0; i < nparsed; i++)
		if (strcmp(parsed[i].page, page) == 0) {
			p = &parsed[i];
			break;
		}
	if (p == NULL) {
		if ((err = parse_page(global, dir, page, &one)) != STATUS_OK)
			goto fail;
		if (nparsed < PARSED_MAX)
			parsed[nparsed++] = one;
		p = nparsed > 0 && parsed[nparsed - 1].cs == one.cs ?
		    &parsed[nparsed - 1] : &one;
	}
	own = p->cs->hdf;
	p->cs->hdf = hdf;
	err = cs_render(p->cs, &str, collect);
	p->cs->hdf = own;
	if (p == &one)
		parsed_free(&one);
	else if (err != STATUS_OK) {
		/* A tree that failed half way is not trusted again. */
		parsed_free(p);
		*p = parsed[--nparsed];
		memset(&parsed[nparsed], 0, sizeof(parsed[nparsed]));
	}
	if (err != STATUS_OK)
		goto fail;
	*out = str.buf != NULL ? str.buf : strdup("");
	*outlen = str.len;
	return *out != NULL ? DZ_OK : DZ_ERR_NOMEM;
fail:
	string_clear(&str);
	return neo_fail(err, DZ_ERR_TEMPLATE);
}

HDF *
dz_row(HDF *hdf, const char *base, size_t i)
{
	char	 name[128];
	HDF	*node = NULL;
	NEOERR	*err;
	int	 n;

	n = snprintf(name, sizeof(name), "%s.%zu", base, i);
	if (n < 0 || (size_t)n >= sizeof(name))
		return NULL;
	if ((err = hdf_get_node(hdf, name, &node)) != STATUS_OK) {
		neo_fail(err, DZ_ERR_NOMEM);
		return NULL;
	}
	return node;
}

/* A non-negative or negative integer in decimal, without printf. */
static char *
itoa_ll(long long v, char *end)
{
	unsigned long long	u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	*--end = '\0';
	do
		*--end = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--end = '-';
	return end;
}

void
dz_set(HDF *hdf, const char *name, const char *value)
{
	NEOERR	*err;

	if (hdf == NULL)
		return;
	if ((err = hdf_set_value(hdf, name, value != NULL ? value : "")) != STATUS_OK)
		neo_fail(err, DZ_ERR_NOMEM);
}

void
dz_set_int(HDF *hdf, const char *name, long long v)
{
	char	buf[32];

	dz_set(hdf, name, itoa_ll(v, buf + sizeof(buf)));
}

void
dz_set_money(HDF *hdf, const char *name, int64_t fen)
{
	char	buf[DZ_MONEY_BUFSZ];

	dz_set(hdf, name, dz_money_format(fen, buf, sizeof(buf)));
}

static int
idxname(char *buf, size_t sz, const char *base, size_t i, const char *field)
{
	int	n;

	n = snprintf(buf, sz, "%s.%zu.%s", base, i, field);
	return n > 0 && (size_t)n < sz ? 0 : -1;
}

void
dz_set_idx(HDF *hdf, const char *base, size_t i, const char *field, const char *value)
{
	char	name[128];

	if (idxname(name, sizeof(name), base, i, field) == 0)
		dz_set(hdf, name, value);
}

void
dz_set_idx_int(HDF *hdf, const char *base, size_t i, const char *field, long long v)
{
	char	name[128];

	if (idxname(name, sizeof(name), base, i, field) == 0)
		dz_set_int(hdf, name, v);
}

void
dz_set_idx_money(HDF *hdf, const char *base, size_t i, const char *field, int64_t fen)
{
	char	name[128];

	if (idxname(name, sizeof(name), base, i, field) == 0)
		dz_set_money(hdf, name, fen);
}

void
dz_set_struct(HDF *row, const void *p, const struct dz_viewmap *map, size_t n)
{
	const char	*f;
	size_t		 i;

	for (i = 0; i < n; i++) {
		f = (const char *)p + map[i].off;
		switch (map[i].t) {
		case DZ_V_STR:
			dz_set(row, map[i].name, f);
			break;
		case DZ_V_PSTR:
			dz_set(row, map[i].name, *(const char *const *)f);
			break;
		case DZ_V_INT:
			dz_set_int(row, map[i].name, *(const long long *)f);
			break;
		case DZ_V_BOOL:
			dz_set_int(row, map[i].name, *(const int *)f != 0);
			break;
		case DZ_V_MONEY:
			dz_set_money(row, map[i].name, *(const int64_t *)f);
			break;
		}
	}
}

const char *
dz_get(HDF *hdf, const char *name)
{
	return hdf_get_value(hdf, name, NULL);
}
