/*
 * erp_profile.c: the contract of each logical ERP query, and reading and
 * checking the profiles that fill it in (erp_profile.h). Reads files; no
 * FreeTDS, no store, no logging (the caller logs why).
 */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ClearSilver.h"

#include "dz.h"
#include "erp_profile.h"

/* ---- The contract ------------------------------------------------------ */

/*
 * What the gateway binds and reads, query by query. The order of each list
 * is the order of its enum in erp_profile.h. Columns the gateway reads are
 * required unless marked optional; a profile's Columns may hold nothing
 * else.
 */

static const struct dz_erp_param_def p_info[] = {
	[DZ_ERP_P_INFO_DATABASE] = { "@database", DZ_ERP_T_TEXT },
};
static const struct dz_erp_col_def c_info[] = {
	[DZ_ERP_C_INFO_FULLNAME] = { "fullname", 0 },
	[DZ_ERP_C_INFO_VERSION] = { "Version", 1 },
};

static const struct dz_erp_param_def p_search[] = {
	[DZ_ERP_P_SEARCH_PATTERN] = { "@pattern", DZ_ERP_T_TEXT },	/* LIKE, built by the gateway */
	[DZ_ERP_P_SEARCH_SKIP] = { "@skip", DZ_ERP_T_INT },
	[DZ_ERP_P_SEARCH_TAKE] = { "@take", DZ_ERP_T_INT },
};
static const struct dz_erp_param_def p_count[] = {
	[DZ_ERP_P_COUNT_PATTERN] = { "@pattern", DZ_ERP_T_TEXT },
};
static const struct dz_erp_col_def c_count[] = {
	[DZ_ERP_C_COUNT_CUSTOMERS] = { "Customers", 0 },
};
static const struct dz_erp_param_def p_get[] = {
	[DZ_ERP_P_GET_CUSTOMER] = { "@customer", DZ_ERP_T_TEXT },
};
/* customers_search: the first six; customers_get: all eight. */
static const struct dz_erp_col_def c_cust[] = {
	[DZ_ERP_C_CUST_ID] = { "typeId", 0 },
	[DZ_ERP_C_CUST_CODE] = { "UserCode", 0 },
	[DZ_ERP_C_CUST_NAME] = { "FullName", 0 },
	[DZ_ERP_C_CUST_SHORT] = { "Name", 0 },
	[DZ_ERP_C_CUST_AR] = { "ARTotal", 0 },
	[DZ_ERP_C_CUST_AP] = { "APTotal", 0 },
	[DZ_ERP_C_CUST_SONNUM] = { "sonnum", 0 },	/* > 0: a category */
	[DZ_ERP_C_CUST_DELETED] = { "deleted", 0 },
};

static const struct dz_erp_param_def p_opening[] = {
	[DZ_ERP_P_OPENING_CUSTOMER] = { "@customer", DZ_ERP_T_TEXT },
	[DZ_ERP_P_OPENING_DATE] = { "@date", DZ_ERP_T_TEXT },
};
static const struct dz_erp_col_def c_opening[] = {
	[DZ_ERP_C_OPENING_AR] = { "ARTotal", 0 },
	[DZ_ERP_C_OPENING_AP] = { "APTotal", 0 },
	[DZ_ERP_C_OPENING_VCHTYPE] = { "VchType", 1 },
	[DZ_ERP_C_OPENING_TOTAL] = { "Total", 1 },
};

static const struct dz_erp_param_def p_docs[] = {
	[DZ_ERP_P_DOCS_CUSTOMER] = { "@customer", DZ_ERP_T_TEXT },
	[DZ_ERP_P_DOCS_FROM] = { "@from", DZ_ERP_T_TEXT },
	[DZ_ERP_P_DOCS_TO] = { "@to", DZ_ERP_T_TEXT },
	[DZ_ERP_P_DOCS_SALE] = { "@sale", DZ_ERP_T_INT },
	[DZ_ERP_P_DOCS_RETURN] = { "@salereturn", DZ_ERP_T_INT },
	[DZ_ERP_P_DOCS_RECEIPT] = { "@receipt", DZ_ERP_T_INT },
	[DZ_ERP_P_DOCS_AR_INC] = { "@arinc", DZ_ERP_T_INT },
	[DZ_ERP_P_DOCS_AR_DEC] = { "@ardec", DZ_ERP_T_INT },
};
static const struct dz_erp_col_def c_doc[] = {
	[DZ_ERP_C_DOC_VCHCODE] = { "Vchcode", 0 },
	[DZ_ERP_C_DOC_DATE] = { "Date", 0 },
	[DZ_ERP_C_DOC_VCHTYPE] = { "VchType", 0 },
	[DZ_ERP_C_DOC_NUMBER] = { "Number", 0 },
	[DZ_ERP_C_DOC_SUMMARY] = { "summary", 0 },
	[DZ_ERP_C_DOC_TOTAL] = { "Total", 0 },		/* as stored, unsigned */
};

static const struct dz_erp_param_def p_lines[] = {
	[DZ_ERP_P_LINES_CUSTOMER] = { "@customer", DZ_ERP_T_TEXT },
	[DZ_ERP_P_LINES_VCHCODE] = { "@vchcode", DZ_ERP_T_BIGINT },
};
static const struct dz_erp_param_def p_range[] = {
	[DZ_ERP_P_RANGE_CUSTOMER] = { "@customer", DZ_ERP_T_TEXT },
	[DZ_ERP_P_RANGE_FROM] = { "@from", DZ_ERP_T_TEXT },
	[DZ_ERP_P_RANGE_TO] = { "@to", DZ_ERP_T_TEXT },
	[DZ_ERP_P_RANGE_SALE] = { "@sale", DZ_ERP_T_INT },
	[DZ_ERP_P_RANGE_RETURN] = { "@salereturn", DZ_ERP_T_INT },
};
/* Quantities and amounts as on the document (positive for goods sold). */
static const struct dz_erp_col_def c_line[] = {
	[DZ_ERP_C_LINE_VCHCODE] = { "Vchcode", 0 },
	[DZ_ERP_C_LINE_SEQ] = { "dlyorder", 0 },
	[DZ_ERP_C_LINE_CODE] = { "UserCode", 0 },
	[DZ_ERP_C_LINE_NAME] = { "FullName", 0 },
	[DZ_ERP_C_LINE_UNIT] = { "Unit", 0 },
	[DZ_ERP_C_LINE_QTY] = { "Qty", 0 },
	[DZ_ERP_C_LINE_PRICE] = { "Price", 0 },
	[DZ_ERP_C_LINE_AMOUNT] = { "Amount", 0 },
};

static const struct dz_erp_param_def p_balances[] = {
	[DZ_ERP_P_BALANCES_DATE] = { "@date", DZ_ERP_T_TEXT },
};
static const struct dz_erp_col_def c_balances[] = {
	[DZ_ERP_C_BAL_ID] = { "typeId", 0 },
	[DZ_ERP_C_BAL_CODE] = { "UserCode", 0 },
	[DZ_ERP_C_BAL_NAME] = { "FullName", 0 },
	[DZ_ERP_C_BAL_AR] = { "ARTotal", 0 },
	[DZ_ERP_C_BAL_AP] = { "APTotal", 0 },
	[DZ_ERP_C_BAL_VCHTYPE] = { "VchType", 1 },
	[DZ_ERP_C_BAL_TOTAL] = { "Total", 1 },
};
static const struct dz_erp_param_def p_debits[] = {
	[DZ_ERP_P_DEBITS_FROM] = { "@from", DZ_ERP_T_TEXT },
	[DZ_ERP_P_DEBITS_DATE] = { "@date", DZ_ERP_T_TEXT },
};
static const struct dz_erp_col_def c_debits[] = {
	[DZ_ERP_C_DEBIT_CUSTOMER] = { "btypeid", 0 },
	[DZ_ERP_C_DEBIT_DATE] = { "Date", 0 },
	[DZ_ERP_C_DEBIT_VCHTYPE] = { "VchType", 0 },
	[DZ_ERP_C_DEBIT_TOTAL] = { "Total", 0 },
};

static const struct dz_erp_param_def p_moves[] = {
	[DZ_ERP_P_MOVES_FROM] = { "@from", DZ_ERP_T_TEXT },
	[DZ_ERP_P_MOVES_TO] = { "@to", DZ_ERP_T_TEXT },
};
static const struct dz_erp_col_def c_moves[] = {
	[DZ_ERP_C_MOVE_CUSTOMER] = { "btypeid", 0 },
	[DZ_ERP_C_MOVE_VCHTYPE] = { "VchType", 0 },
	[DZ_ERP_C_MOVE_TOTAL] = { "Total", 0 },
};

static const struct dz_erp_param_def p_alldocs[] = {
	[DZ_ERP_P_ALLDOCS_FROM] = { "@from", DZ_ERP_T_TEXT },
	[DZ_ERP_P_ALLDOCS_TO] = { "@to", DZ_ERP_T_TEXT },
};
static const struct dz_erp_col_def c_alldocs[] = {
	[DZ_ERP_C_ALLDOC_CUSTOMER] = { "btypeid", 0 },
	[DZ_ERP_C_ALLDOC_DATE] = { "Date", 0 },
	[DZ_ERP_C_ALLDOC_VCHTYPE] = { "VchType", 0 },
	[DZ_ERP_C_ALLDOC_TOTAL] = { "Total", 0 },
};

static const struct dz_erp_param_def p_state[] = {
	[DZ_ERP_P_STATE_CUSTOMER] = { "@customer", DZ_ERP_T_TEXT },
	[DZ_ERP_P_STATE_FROM] = { "@from", DZ_ERP_T_TEXT },
	[DZ_ERP_P_STATE_TO] = { "@to", DZ_ERP_T_TEXT },
};
static const struct dz_erp_param_def p_dget[] = {
	[DZ_ERP_P_DGET_CUSTOMER] = { "@customer", DZ_ERP_T_TEXT },
	[DZ_ERP_P_DGET_VCHCODE] = { "@vchcode", DZ_ERP_T_BIGINT },
};
static const struct dz_erp_col_def c_dstate[] = {
	[DZ_ERP_C_DST_VCHCODE] = { "Vchcode", 0 },
	[DZ_ERP_C_DST_DATE] = { "Date", 0 },
	[DZ_ERP_C_DST_VCHTYPE] = { "VchType", 0 },
	[DZ_ERP_C_DST_NUMBER] = { "Number", 0 },
	[DZ_ERP_C_DST_SUMMARY] = { "summary", 0 },
	[DZ_ERP_C_DST_TOTAL] = { "Total", 0 },
	[DZ_ERP_C_DST_DRAFT] = { "draft", 0 },
	[DZ_ERP_C_DST_REDOLD] = { "RedOld", 0 },
};

#define DEF(name, test, p, c, nc) { name, test, p, DZ_NELEM(p), c, nc }

const struct dz_erp_query_def dz_erp_contract[DZ_ERP_Q__MAX] = {
	[DZ_ERP_Q_ACCOUNT_INFO] = DEF("account_info", 0, p_info, c_info, 2),
	[DZ_ERP_Q_CUSTOMERS_SEARCH] = DEF("customers_search", 0, p_search, c_cust, 6),
	[DZ_ERP_Q_CUSTOMERS_COUNT] = DEF("customers_count", 1, p_count, c_count, 1),
	[DZ_ERP_Q_CUSTOMERS_GET] = DEF("customers_get", 0, p_get, c_cust, 8),
	[DZ_ERP_Q_BALANCE_OPENING] = DEF("balance_opening", 0, p_opening, c_opening, 4),
	[DZ_ERP_Q_DOCUMENTS_LIST] = DEF("documents_list", 0, p_docs, c_doc, 6),
	[DZ_ERP_Q_DOCUMENTS_LINES] = DEF("documents_lines", 1, p_lines, c_line, 8),
	[DZ_ERP_Q_DOCUMENTS_LINES_RANGE] = DEF("documents_lines_range", 0, p_range,
	    c_line, 8),
	[DZ_ERP_Q_BALANCES_ALL] = DEF("balances_all", 0, p_balances, c_balances, 7),
	[DZ_ERP_Q_AGING_DEBITS] = DEF("aging_debits", 0, p_debits, c_debits, 4),
	[DZ_ERP_Q_MOVEMENTS_ALL] = DEF("movements_all", 0, p_moves, c_moves, 3),
	[DZ_ERP_Q_DOCUMENTS_ALL] = DEF("documents_all", 0, p_alldocs, c_alldocs, 4),
	[DZ_ERP_Q_DOCUMENTS_STATE] = DEF("documents_state", 0, p_state, c_dstate, 8),
	[DZ_ERP_Q_DOCUMENTS_GET] = DEF("documents_get", 0, p_dget, c_dstate, 8),
};

/* ---- Profiles ------------------------------------------------------------ */

struct dz_erp_profile {
	char				 kind[DZ_ERP_KIND_MAX + 1];
	char				 path[600];
	HDF				*hdf;
	struct dz_erp_profile_query	 q[DZ_ERP_Q__MAX];
};

struct dz_erp_profiles {
	size_t			 n;
	struct dz_erp_profile	*p[DZ_ERP_PROFILES_MAX];
};

/* The keys a profile may have, at the top and in a query. */
static const char *const top_keys[] = { "Name", "Kind", "Include", "Query" };
static const char *const query_keys[] = { "Params", "Columns", "Sql" };

struct why {
	char	*buf;
	size_t	 sz;
};

static enum dz_err say(struct why *, enum dz_err, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static enum dz_err
say(struct why *w, enum dz_err rc, const char *fmt, ...)
{
	va_list	ap;

	if (w->buf != NULL && w->sz > 0) {
		va_start(ap, fmt);
		vsnprintf(w->buf, w->sz, fmt, ap);
		va_end(ap);
	}
	return rc;
}

int
dz_erp_kind_valid(const char *kind)
{
	size_t	i;

	if (kind == NULL)
		return 0;
	for (i = 0; kind[i] != '\0'; i++)
		if (i >= DZ_ERP_KIND_MAX || !((kind[i] >= 'a' && kind[i] <= 'z') ||
		    (kind[i] >= '0' && kind[i] <= '9') || kind[i] == '_' || kind[i] == '-'))
			return 0;
	return i > 0;
}

/* "grasp.hdf" -> "grasp" into kind; 0 if it is not <kind>.hdf. */
static int
file_kind(const char *file, char kind[DZ_ERP_KIND_MAX + 1])
{
	size_t	n = strlen(file);

	if (n <= 4 || n - 4 > DZ_ERP_KIND_MAX || strcmp(file + n - 4, ".hdf") != 0)
		return 0;
	memcpy(kind, file, n - 4);
	kind[n - 4] = '\0';
	return dz_erp_kind_valid(kind);
}

static int
in_list(const char *s, const char *const *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

/* The file's text, NUL-terminated and malloc'd, or NULL (why said). */
static char *
slurp(const char *path, struct why *w, enum dz_err *rc)
{
	FILE	*f;
	char	*buf;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL) {
		*rc = say(w, DZ_ERR_IO, "%s: cannot read it", path);
		return NULL;
	}
	if ((buf = malloc(DZ_ERP_PROFILE_BYTES + 1)) == NULL) {
		fclose(f);
		*rc = DZ_ERR_NOMEM;
		return NULL;
	}
	n = fread(buf, 1, DZ_ERP_PROFILE_BYTES + 1, f);
	if (ferror(f) || n > DZ_ERP_PROFILE_BYTES) {
		*rc = say(w, ferror(f) ? DZ_ERR_IO : DZ_ERR_INVAL, "%s: %s", path,
		    ferror(f) ? "cannot read it" : "larger than 256 KB");
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (memchr(buf, '\0', n) != NULL) {
		*rc = say(w, DZ_ERR_INVAL, "%s: not a text file", path);
		free(buf);
		return NULL;
	}
	return buf;
}

/*
 * Lay the keys of src over dest, key by key: values replaced, subtrees
 * merged. (hdf_copy would keep a value dest already has.)
 */
static enum dz_err
overlay(HDF *dest, HDF *src)
{
	HDF		*c, *d;
	NEOERR		*err;
	const char	*v;
	enum dz_err	 rc;

	for (c = hdf_obj_child(src); c != NULL; c = hdf_obj_next(c)) {
		if ((v = hdf_obj_value(c)) != NULL)
			err = hdf_set_value(dest, hdf_obj_name(c), v);
		else
			err = STATUS_OK;
		if (err == STATUS_OK)
			err = hdf_get_node(dest, hdf_obj_name(c), &d);
		if (err != STATUS_OK) {
			nerr_ignore(&err);
			return DZ_ERR_NOMEM;
		}
		if ((rc = overlay(d, c)) != DZ_OK)
			return rc;
	}
	return DZ_OK;
}

/*
 * Read dir/file and what it includes into *out (one HDF, the included
 * file's keys overlaid by the file's own). chain[0..depth] holds the files
 * being read, outermost first (this one last), to find a loop.
 */
static enum dz_err
read_tree(const char *dir, const char *file, const char **chain, size_t depth,
    HDF **out, struct why *w)
{
	char		 path[600], inc_kind[DZ_ERP_KIND_MAX + 1], *text;
	const char	*inc;
	HDF		*h = NULL, *base = NULL, *c;
	NEOERR		*err;
	STRING		 s;
	enum dz_err	 rc = DZ_OK;
	size_t		 i;

	*out = NULL;
	chain[depth] = file;
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if ((text = slurp(path, w, &rc)) == NULL)
		return rc;
	if ((err = hdf_init(&h)) != STATUS_OK ||
	    (err = hdf_read_string(h, text)) != STATUS_OK) {
		/* NOTE: a string parse refuses ClearSilver's own #include,
		 * which could reach any file: Include below is the only way. */
		string_init(&s);
		nerr_error_string(err, &s);
		rc = say(w, DZ_ERR_INVAL, "%s: not an HDF file: %s", path,
		    s.buf != NULL ? s.buf : "?");
		string_clear(&s);
		nerr_ignore(&err);
		goto out;
	}
	for (c = hdf_obj_child(h); c != NULL; c = hdf_obj_next(c))
		if (!in_list(hdf_obj_name(c), top_keys, DZ_NELEM(top_keys))) {
			rc = say(w, DZ_ERR_INVAL, "%s: unknown key %s (a profile has"
			    " Name, Kind, Include and Query)", path, hdf_obj_name(c));
			goto out;
		}
	if ((inc = hdf_get_value(h, "Include", NULL)) != NULL) {
		if (!file_kind(inc, inc_kind)) {
			rc = say(w, DZ_ERR_INVAL, "%s: Include = %s: not a profile of"
			    " the same directory (a bare <kind>.hdf)", path, inc);
			goto out;
		}
		for (i = 0; i <= depth; i++)
			if (strcmp(chain[i], inc) == 0) {
				rc = say(w, DZ_ERR_INVAL, "%s: Include = %s: an include"
				    " loop", path, inc);
				goto out;
			}
		if (depth + 1 > DZ_ERP_INCLUDE_DEPTH) {
			rc = say(w, DZ_ERR_INVAL, "%s: Include = %s: includes nest"
			    " deeper than %d", path, inc, DZ_ERP_INCLUDE_DEPTH);
			goto out;
		}
		if ((rc = read_tree(dir, inc, chain, depth + 1, &base, w)) != DZ_OK) {
			if (rc == DZ_ERR_IO)
				rc = DZ_ERR_INVAL;	/* the includer is what is wrong */
			/* why names the included file; say who included it. */
			if (w->buf != NULL && strlen(w->buf) + strlen(path) + 20 < w->sz) {
				size_t	n = strlen(w->buf);

				snprintf(w->buf + n, w->sz - n, " (included by %s)", path);
			}
			goto out;
		}
		/* The file's own keys over the included ones, key by key. */
		hdf_remove_tree(h, "Include");
		if ((rc = overlay(base, h)) != DZ_OK)
			goto out;
		hdf_destroy(&h);
		h = base;
		base = NULL;
	}
	*out = h;
	h = NULL;
out:
	hdf_destroy(&h);
	hdf_destroy(&base);
	free(text);
	return rc;
}

static int
ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static const struct dz_erp_param_def *
find_param(const struct dz_erp_query_def *d, const char *name, size_t *at)
{
	size_t	i;

	for (i = 0; i < d->nparams; i++)
		if (strcasecmp(d->params[i].name, name) == 0) {
			*at = i;
			return &d->params[i];
		}
	return NULL;
}

/* "@a, @b, @c": the contract's parameters, for messages. */
static void
list_params(const struct dz_erp_query_def *d, char *buf, size_t sz)
{
	size_t	i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < d->nparams && n < sz; i++)
		n += (size_t)snprintf(buf + n, sz - n, "%s%s", i > 0 ? ", " : "",
		    d->params[i].name);
}

static void
list_cols(const struct dz_erp_query_def *d, char *buf, size_t sz)
{
	size_t	i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < d->ncols && n < sz; i++)
		n += (size_t)snprintf(buf + n, sz - n, "%s%s%s", i > 0 ? ", " : "",
		    d->cols[i].name, d->cols[i].optional ? " (optional)" : "");
}

static int
type_fits(enum dz_erp_ptype t, const char *word, size_t n)
{
	static const char *const text[] = { "varchar", "nvarchar", "char", "nchar" };
	static const char *const ints[] = { "int", "smallint", "tinyint", "bit", "bigint" };
	const char *const	*list = t == DZ_ERP_T_TEXT ? text : ints;
	size_t			 k, nlist = t == DZ_ERP_T_TEXT ? DZ_NELEM(text) :
				    t == DZ_ERP_T_INT ? DZ_NELEM(ints) : 0;

	if (t == DZ_ERP_T_BIGINT)
		return n == 6 && strncasecmp(word, "bigint", 6) == 0;
	for (k = 0; k < nlist; k++)
		if (strlen(list[k]) == n && strncasecmp(word, list[k], n) == 0)
			return 1;
	return 0;
}

/*
 * Params: "@name type[(n[, m])]" entries at top-level commas. Every entry a
 * parameter of the contract, of a fitting type, once; every one there.
 */
static enum dz_err
check_params(const char *path, const struct dz_erp_query_def *d,
    struct dz_erp_profile_query *pq, struct why *w)
{
	const char				*s = pq->params, *b, *t;
	const struct dz_erp_param_def		*p;
	char					 name[DZ_ERP_PARAM_NAME_MAX + 1], all[300];
	int					 seen[DZ_ERP_PARAMS_MAX] = { 0 }, depth;
	size_t					 at, n, i;
	static const char *const tname[] = { "varchar(n)", "int", "bigint" };

	list_params(d, all, sizeof(all));
	pq->nparams = 0;
	while (*s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (*s != '@')
			return say(w, DZ_ERR_INVAL, "%s: query %s: Params is not a list of"
			    " \"@name type\" (it should declare %s)", path, d->name, all);
		for (b = s++; ident_char(*s); s++)
			continue;
		n = (size_t)(s - b);
		if (n < 2 || n > DZ_ERP_PARAM_NAME_MAX)
			return say(w, DZ_ERR_INVAL, "%s: query %s: a bad parameter name"
			    " in Params", path, d->name);
		memcpy(name, b, n);
		name[n] = '\0';
		if ((p = find_param(d, name, &at)) == NULL)
			return say(w, DZ_ERR_INVAL, "%s: query %s: Params declares %s,"
			    " which the query does not take (it takes %s)", path, d->name,
			    name, all);
		if (seen[at]++)
			return say(w, DZ_ERR_INVAL, "%s: query %s: Params declares %s"
			    " twice", path, d->name, name);
		while (*s == ' ' || *s == '\t')
			s++;
		for (t = s; (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'); s++)
			continue;
		if (!type_fits(p->type, t, (size_t)(s - t)))
			return say(w, DZ_ERR_INVAL, "%s: query %s: Params declares %s as"
			    " %.*s; the gateway binds it as %s", path, d->name, name,
			    (int)(s - t), t, tname[p->type]);
		for (depth = 0; *s != '\0' && (depth > 0 || *s != ','); s++) {
			if (*s == '(')
				depth++;
			else if (*s == ')' && --depth < 0)
				break;
		}
		if (depth != 0)
			return say(w, DZ_ERR_INVAL, "%s: query %s: unbalanced parentheses"
			    " in Params", path, d->name);
		if (*s == ',')
			s++;
		pq->param[pq->nparams] = (unsigned char)at;
		memcpy(pq->name[pq->nparams], name, n + 1);
		pq->nparams++;
	}
	for (i = 0; i < d->nparams; i++)
		if (!seen[i])
			return say(w, DZ_ERR_INVAL, "%s: query %s: Params does not declare"
			    " %s (the query takes %s)", path, d->name, d->params[i].name, all);
	return DZ_OK;
}

/*
 * Sql names exactly the declared parameters: every @name outside string
 * literals, quoted names and comments is one of them (@@ functions aside),
 * and each of them appears.
 */
static enum dz_err
check_sql(const char *path, const struct dz_erp_query_def *d,
    const struct dz_erp_profile_query *pq, struct why *w)
{
	const char	*s = pq->sql, *b;
	char		 name[DZ_ERP_PARAM_NAME_MAX + 1];
	int		 used[DZ_ERP_PARAMS_MAX] = { 0 };
	size_t		 n, i, at;

	while (*s != '\0') {
		if (*s == '\'' || *s == '"' || *s == '[') {
			char close = *s == '[' ? ']' : *s;

			for (s++; *s != '\0'; s++)
				if (*s == close) {
					if (s[1] != close)
						break;
					s++;	/* '' or ]] inside */
				}
			if (*s != '\0')
				s++;
		} else if (s[0] == '-' && s[1] == '-') {
			while (*s != '\0' && *s != '\n')
				s++;
		} else if (s[0] == '/' && s[1] == '*') {
			for (s += 2; *s != '\0' && !(s[0] == '*' && s[1] == '/'); s++)
				continue;
			if (*s != '\0')
				s += 2;
		} else if (s[0] == '@' && s[1] == '@') {
			for (s += 2; ident_char(*s); s++)
				continue;
		} else if (*s == '@') {
			for (b = s++; ident_char(*s); s++)
				continue;
			n = (size_t)(s - b);
			snprintf(name, sizeof(name), "%.*s", (int)n, b);
			for (i = 0; i < pq->nparams; i++)
				if (strcasecmp(pq->name[i], name) == 0)
					break;
			if (n > DZ_ERP_PARAM_NAME_MAX || i == pq->nparams)
				return say(w, DZ_ERR_INVAL, "%s: query %s: Sql uses %s,"
				    " which Params does not declare", path, d->name, name);
			used[i] = 1;
		} else
			s++;
	}
	for (i = 0; i < pq->nparams; i++)
		if (!used[i]) {
			at = pq->param[i];
			return say(w, DZ_ERR_INVAL, "%s: query %s: Sql does not use %s",
			    path, d->name, d->params[at].name);
		}
	return DZ_OK;
}

/* Columns: names at commas; each one of the contract's, once; the required all there. */
static enum dz_err
check_columns(const char *path, const struct dz_erp_query_def *d, const char *cols,
    struct why *w)
{
	const char	*s = cols, *b;
	char		 name[64], all[300];
	int		 seen[16] = { 0 };
	size_t		 n, i;

	list_cols(d, all, sizeof(all));
	while (*s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		for (b = s; ident_char(*s); s++)
			continue;
		n = (size_t)(s - b);
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (n == 0 || n >= sizeof(name) || (*s != ',' && *s != '\0'))
			return say(w, DZ_ERR_INVAL, "%s: query %s: Columns is not a list"
			    " of names (it should list %s)", path, d->name, all);
		memcpy(name, b, n);
		name[n] = '\0';
		if (*s == ',')
			s++;
		for (i = 0; i < d->ncols; i++)
			if (strcasecmp(d->cols[i].name, name) == 0)
				break;
		if (i == d->ncols)
			return say(w, DZ_ERR_INVAL, "%s: query %s: Columns lists %s, which"
			    " the gateway does not read (it reads %s)", path, d->name,
			    name, all);
		if (seen[i]++)
			return say(w, DZ_ERR_INVAL, "%s: query %s: Columns lists %s twice",
			    path, d->name, name);
	}
	for (i = 0; i < d->ncols; i++)
		if (!seen[i] && !d->cols[i].optional)
			return say(w, DZ_ERR_INVAL, "%s: query %s: Columns lacks %s (the"
			    " gateway reads %s)", path, d->name, d->cols[i].name, all);
	return DZ_OK;
}

/* Check the merged profile against the contract and fill p->q. */
static enum dz_err
check_profile(struct dz_erp_profile *p, struct why *w)
{
	const struct dz_erp_query_def	*d;
	struct dz_erp_profile_query	*pq;
	const char			*kind;
	HDF				*qs, *node, *c;
	size_t				 i;
	enum dz_err			 rc;

	kind = hdf_get_value(p->hdf, "Kind", NULL);
	if (kind != NULL && strcmp(kind, p->kind) != 0)
		return say(w, DZ_ERR_INVAL, "%s: Kind = %s, but the file is %s.hdf",
		    p->path, kind, p->kind);
	qs = hdf_get_obj(p->hdf, "Query");
	for (node = qs != NULL ? hdf_obj_child(qs) : NULL; node != NULL;
	    node = hdf_obj_next(node)) {
		for (i = 0; i < DZ_ERP_Q__MAX; i++)
			if (strcmp(hdf_obj_name(node), dz_erp_contract[i].name) == 0)
				break;
		if (i == DZ_ERP_Q__MAX)
			return say(w, DZ_ERR_INVAL, "%s: query %s: not a query the"
			    " gateway runs", p->path, hdf_obj_name(node));
		for (c = hdf_obj_child(node); c != NULL; c = hdf_obj_next(c))
			if (!in_list(hdf_obj_name(c), query_keys, DZ_NELEM(query_keys)))
				return say(w, DZ_ERR_INVAL, "%s: query %s: unknown key %s"
				    " (a query has Params, Columns and Sql)", p->path,
				    hdf_obj_name(node), hdf_obj_name(c));
	}
	for (i = 0; i < DZ_ERP_Q__MAX; i++) {
		d = &dz_erp_contract[i];
		pq = &p->q[i];
		node = qs != NULL ? hdf_get_obj(qs, d->name) : NULL;
		if (node == NULL)
			return say(w, DZ_ERR_INVAL, "%s: query %s: missing", p->path,
			    d->name);
		pq->sql = hdf_get_value(node, "Sql", NULL);
		pq->params = hdf_get_value(node, "Params", NULL);
		pq->columns = hdf_get_value(node, "Columns", NULL);
		if (pq->sql == NULL || pq->sql[strspn(pq->sql, " \t\n")] == '\0')
			return say(w, DZ_ERR_INVAL, "%s: query %s: no Sql", p->path,
			    d->name);
		if (pq->params == NULL)
			return say(w, DZ_ERR_INVAL, "%s: query %s: no Params", p->path,
			    d->name);
		if (pq->columns == NULL)
			return say(w, DZ_ERR_INVAL, "%s: query %s: no Columns", p->path,
			    d->name);
		if ((rc = check_params(p->path, d, pq, w)) != DZ_OK ||
		    (rc = check_sql(p->path, d, pq, w)) != DZ_OK ||
		    (rc = check_columns(p->path, d, pq->columns, w)) != DZ_OK)
			return rc;
	}
	return DZ_OK;
}

enum dz_err
dz_erp_profile_load(const char *dir, const char *kind, struct dz_erp_profile **out,
    char *whybuf, size_t whysz)
{
	struct dz_erp_profile	*p;
	struct why		 w = { whybuf, whysz };
	const char		*chain[DZ_ERP_INCLUDE_DEPTH + 1];
	char			 file[DZ_ERP_KIND_MAX + 8];
	enum dz_err		 rc;

	*out = NULL;
	if (whybuf != NULL && whysz > 0)
		whybuf[0] = '\0';
	if (!dz_erp_kind_valid(kind))
		return say(&w, DZ_ERR_INVAL, "%s/%s.hdf: not a valid ERP kind", dir,
		    kind != NULL ? kind : "");
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return DZ_ERR_NOMEM;
	snprintf(p->kind, sizeof(p->kind), "%s", kind);
	snprintf(file, sizeof(file), "%s.hdf", kind);
	snprintf(p->path, sizeof(p->path), "%s/%s", dir, file);
	if ((rc = read_tree(dir, file, chain, 0, &p->hdf, &w)) != DZ_OK ||
	    (rc = check_profile(p, &w)) != DZ_OK) {
		dz_erp_profile_free(p);
		return rc;
	}
	*out = p;
	return DZ_OK;
}

void
dz_erp_profile_free(struct dz_erp_profile *p)
{
	if (p == NULL)
		return;
	hdf_destroy(&p->hdf);
	free(p);
}

static int
is_profile_file(const struct dirent *e)
{
	size_t	n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".hdf") == 0;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

enum dz_err
dz_erp_profiles_load(const char *dir, struct dz_erp_profiles **out, char *whybuf,
    size_t whysz)
{
	struct dirent		**ents = NULL;
	struct dz_erp_profiles	 *set;
	struct why		  w = { whybuf, whysz };
	char			  kind[DZ_ERP_KIND_MAX + 1];
	enum dz_err		  rc = DZ_OK;
	int			  n, i;

	*out = NULL;
	if (whybuf != NULL && whysz > 0)
		whybuf[0] = '\0';
	if ((n = scandir(dir, &ents, is_profile_file, by_name)) < 0)
		return say(&w, DZ_ERR_IO, "%s: cannot read the ERP profile directory",
		    dir);
	if ((set = calloc(1, sizeof(*set))) == NULL)
		rc = DZ_ERR_NOMEM;
	else if (n == 0)
		rc = say(&w, DZ_ERR_INVAL, "%s: no ERP profile (<kind>.hdf) in it", dir);
	else if (n > DZ_ERP_PROFILES_MAX)
		rc = say(&w, DZ_ERR_INVAL, "%s: more than %d ERP profiles", dir,
		    DZ_ERP_PROFILES_MAX);
	for (i = 0; i < n && rc == DZ_OK; i++) {
		if (!file_kind(ents[i]->d_name, kind)) {
			rc = say(&w, DZ_ERR_INVAL, "%s/%s: the name is not <kind>.hdf"
			    " with a kind of a-z, 0-9, _ and - (at most %d)", dir,
			    ents[i]->d_name, DZ_ERP_KIND_MAX);
			break;
		}
		if ((rc = dz_erp_profile_load(dir, kind, &set->p[set->n], whybuf,
		    whysz)) == DZ_OK)
			set->n++;
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	if (rc != DZ_OK) {
		dz_erp_profiles_free(set);
		return rc;
	}
	*out = set;
	return DZ_OK;
}

void
dz_erp_profiles_free(struct dz_erp_profiles *set)
{
	size_t	i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++)
		dz_erp_profile_free(set->p[i]);
	free(set);
}

size_t
dz_erp_profiles_count(const struct dz_erp_profiles *set)
{
	return set != NULL ? set->n : 0;
}

const struct dz_erp_profile *
dz_erp_profiles_at(const struct dz_erp_profiles *set, size_t i)
{
	return set != NULL && i < set->n ? set->p[i] : NULL;
}

const struct dz_erp_profile *
dz_erp_profiles_find(const struct dz_erp_profiles *set, const char *kind)
{
	size_t	i;

	if (set == NULL || kind == NULL)
		return NULL;
	for (i = 0; i < set->n; i++)
		if (strcmp(set->p[i]->kind, kind) == 0)
			return set->p[i];
	return NULL;
}

const char *
dz_erp_profile_kind(const struct dz_erp_profile *p)
{
	return p->kind;
}

const char *
dz_erp_profile_name(const struct dz_erp_profile *p)
{
	const char	*name = hdf_get_value(p->hdf, "Name", NULL);

	return name != NULL && *name != '\0' ? name : p->kind;
}

const char *
dz_erp_profile_path(const struct dz_erp_profile *p)
{
	return p->path;
}

const struct dz_erp_profile_query *
dz_erp_profile_query(const struct dz_erp_profile *p, enum dz_erp_query q)
{
	return &p->q[(unsigned int)q < DZ_ERP_Q__MAX ? q : 0];
}

/* The kind of an imported ledger (erp.h): never a profile's. */
int
dz_erp_kind_imported(const char *kind)
{
	return kind != NULL && strcmp(kind, DZ_ERP_KIND_IMPORT) == 0;
}
