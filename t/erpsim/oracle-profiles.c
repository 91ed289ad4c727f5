/*
 * oracle-profiles: runs the queries of ERP profiles (conf/erp/NAME.hdf) straight
 * against an erpsim SQLite file, after the small textual T-SQL -> SQLite
 * rewrite erpsim documents, and checks that they give what the oracle gives.
 * Prints TAP. Used by t/erpsim/test-profiles.sh:
 *
 *   oracle-profiles --db FILE PROFILE.hdf...
 *
 * The profile is read by the product's own loader (lib/erp_profile: its
 * includes resolved, checked against the gateway's contract), and amounts
 * are signed by the product's one rule (lib/stmt), so what is compared
 * with the oracle is what the gateway would show.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "dz.h"
#include "erp_profile.h"
#include "oracle.h"
#include "stmt.h"
#include "tap.h"

struct val {
	const char	*name;		/* without the @ */
	int		 isint;
	int64_t		 i;
	const char	*s;
};

struct prof {
	const char		*path;
	struct dz_erp_profile	*prof;
	sqlite3			*db;
	char			 why[512];
};

static void
why(struct prof *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->why, sizeof(p->why), fmt, ap);
	va_end(ap);
}

static int
ident_char(int c)
{
	return isalnum(c) || c == '_' || c == '@' || c == '#' || c == '.' ||
	    (c & 0x80);
}

/*
 * The T-SQL -> SQLite rewrite erpsim applies, as far as profiles use it:
 * dbo. / master.dbo. prefixes dropped, ISNULL -> IFNULL, N'..' -> '..',
 * [x] -> "x". Anything else T-SQL-only (TOP, GETDATE, CONVERT, +) is refused
 * so a profile cannot come to depend on it unnoticed. Returns a malloc'd
 * string or NULL.
 */
static char *
rewrite(struct prof *p, const char *sql)
{
	size_t n = strlen(sql), i = 0, o = 0;
	char *out = malloc(n + 1);
	static const char *const refused[] = { "TOP", "GETDATE", "CONVERT",
	    "OFFSET", "LEN", "CHARINDEX", "DATEADD", NULL };

	if (out == NULL)
		return NULL;
	while (i < n) {
		int start = i == 0 || !ident_char((unsigned char)sql[i - 1]);
		int k;

		if (sql[i] == '\'') {
			/* a string literal, '' inside it included, is copied as is */
			out[o++] = sql[i++];
			while (i < n) {
				out[o++] = sql[i];
				if (sql[i++] != '\'')
					continue;
				if (i < n && sql[i] == '\'') {
					out[o++] = sql[i++];
					continue;
				}
				break;
			}
			continue;
		}
		if (start && strncasecmp(sql + i, "master.dbo.", 11) == 0) {
			i += 11;
			continue;
		}
		if (start && strncasecmp(sql + i, "dbo.", 4) == 0) {
			i += 4;
			continue;
		}
		if (start && strncasecmp(sql + i, "ISNULL(", 7) == 0) {
			memcpy(out + o, "IFNULL(", 7);
			o += 7;
			i += 7;
			continue;
		}
		if (start && (sql[i] == 'N' || sql[i] == 'n') && sql[i + 1] == '\'') {
			i++;
			continue;
		}
		if (sql[i] == '[' || sql[i] == ']') {
			out[o++] = '"';
			i++;
			continue;
		}
		if (sql[i] == '+' && i + 1 < n && (sql[i + 1] == '\'' ||
		    (sql[i + 1] == ' ' && sql[i + 2] == '\''))) {
			why(p, "string concatenation with + is not portable");
			free(out);
			return NULL;
		}
		for (k = 0; start && refused[k] != NULL; k++) {
			size_t l = strlen(refused[k]);

			if (strncasecmp(sql + i, refused[k], l) == 0 &&
			    !ident_char((unsigned char)sql[i + l]) &&
			    sql[i + l] != '\0') {
				why(p, "%s is not in erpsim's rewrite set", refused[k]);
				free(out);
				return NULL;
			}
		}
		out[o++] = sql[i++];
	}
	out[o] = '\0';
	return out;
}

/* Query query's Sql, Params or Columns, as the product loaded them. */
static const char *
qget(struct prof *p, const char *query, const char *field)
{
	const struct dz_erp_profile_query *pq;
	size_t i;

	for (i = 0; i < DZ_ERP_Q__MAX; i++)
		if (strcmp(dz_erp_contract[i].name, query) == 0)
			break;
	if (i == DZ_ERP_Q__MAX || p->prof == NULL)
		return NULL;
	pq = dz_erp_profile_query(p->prof, (enum dz_erp_query)i);
	return strcmp(field, "Sql") == 0 ? pq->sql : strcmp(field, "Params") == 0 ?
	    pq->params : pq->columns;
}

/* A document's stored total signed by the product's rule (lib/stmt). */
static int
signed_total(int vchtype, int64_t total, int64_t *out)
{
	enum dz_doc_type t;

	*out = 0;
	if (dz_stmt_doc_from_vchtype(vchtype, &t) != DZ_OK)
		return 0;	/* not a type a statement counts */
	return dz_stmt_doc_signed(t, total, out) == DZ_OK ? 0 : -1;
}

static int
is_int_type(const char *t)
{
	return strncasecmp(t, "int", 3) == 0 || strncasecmp(t, "bigint", 6) == 0 ||
	    strncasecmp(t, "smallint", 8) == 0 || strncasecmp(t, "tinyint", 7) == 0 ||
	    strncasecmp(t, "bit", 3) == 0;
}

static int
is_char_type(const char *t)
{
	return strncasecmp(t, "varchar(", 8) == 0 ||
	    strncasecmp(t, "nvarchar(", 9) == 0 ||
	    strncasecmp(t, "char(", 5) == 0 || strncasecmp(t, "nchar(", 6) == 0;
}

/*
 * Prepares query q of the profile and binds vals by the names its Params
 * declare. Checks that the SQL uses only declared parameters and that every
 * value given is declared with a matching type. Returns NULL with p->why set.
 */
static sqlite3_stmt *
pq(struct prof *p, const char *q, const struct val *vals, int nvals)
{
	const char *sql = qget(p, q, "Sql"), *params = qget(p, q, "Params");
	char *lite = NULL, *defs = NULL, *save = NULL, *tok;
	char declared[16][72];
	int ndecl = 0, i, j, used[16] = { 0 };
	sqlite3_stmt *st = NULL;

	if (sql == NULL || params == NULL) {
		why(p, "%s: Query.%s.Sql or .Params missing", p->path, q);
		return NULL;
	}
	if ((lite = rewrite(p, sql)) == NULL)
		goto fail;
	if (sqlite3_prepare_v2(p->db, lite, -1, &st, NULL) != SQLITE_OK) {
		why(p, "%s: %s", q, sqlite3_errmsg(p->db));
		goto fail;
	}
	if ((defs = strdup(params)) == NULL)
		goto fail;
	for (tok = strtok_r(defs, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		char name[64], type[64];

		if (sscanf(tok, " @%63[A-Za-z0-9_] %63s", name, type) != 2 ||
		    ndecl == 16) {
			why(p, "%s: bad Params entry \"%s\"", q, tok);
			goto fail;
		}
		if (!is_int_type(type) && !is_char_type(type)) {
			why(p, "%s: @%s: unexpected type %s", q, name, type);
			goto fail;
		}
		snprintf(declared[ndecl++], 72, "@%s", name);
		for (j = 0; j < nvals && strcmp(vals[j].name, name) != 0; j++)
			;
		if (j == nvals) {
			why(p, "%s: no value for declared @%s", q, name);
			goto fail;
		}
		used[j] = 1;
		if (vals[j].isint != is_int_type(type)) {
			why(p, "%s: @%s declared %s", q, name, type);
			goto fail;
		}
		i = sqlite3_bind_parameter_index(st, declared[ndecl - 1]);
		if (i == 0)
			continue;
		if (vals[j].isint)
			sqlite3_bind_int64(st, i, vals[j].i);
		else
			sqlite3_bind_text(st, i, vals[j].s, -1, SQLITE_TRANSIENT);
	}
	for (j = 0; j < nvals; j++)
		if (!used[j]) {
			why(p, "%s: @%s is not declared in Params", q, vals[j].name);
			goto fail;
		}
	for (i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
		const char *nm = sqlite3_bind_parameter_name(st, i);

		for (j = 0; nm != NULL && j < ndecl && strcmp(declared[j], nm) != 0; j++)
			;
		if (nm == NULL || j == ndecl) {
			why(p, "%s: the SQL uses %s, not declared", q,
			    nm != NULL ? nm : "a positional parameter");
			goto fail;
		}
	}
	free(lite);
	free(defs);
	return st;
fail:
	sqlite3_finalize(st);
	free(lite);
	free(defs);
	return NULL;
}

/* Index of the result column called name, or -1 (and p->why). */
static int col(struct prof *, sqlite3_stmt *, const char *);

/* The same for a column the contract lets a profile leave out: -1 if absent. */
static int
col_opt(sqlite3_stmt *st, const char *name)
{
	int i;

	for (i = 0; i < sqlite3_column_count(st); i++)
		if (strcmp(sqlite3_column_name(st, i), name) == 0)
			return i;
	return -1;
}

/* Index of the result column called name, or -1 (and p->why). */
static int
col(struct prof *p, sqlite3_stmt *st, const char *name)
{
	int i;

	for (i = 0; i < sqlite3_column_count(st); i++)
		if (strcmp(sqlite3_column_name(st, i), name) == 0)
			return i;
	why(p, "no column %s in the result", name);
	return -1;
}

static const char *
txt(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s != NULL ? s : "";
}

/* Writes one line record per goods line of a stepped-over lines result. */
static int
put_lines(struct prof *p, sqlite3_stmt *st, int64_t only, FILE *out, int *rows)
{
	int cv, cc, cn, cu, cq, cp, ca, rc;
	int64_t qty, price, amt;

	if ((cv = col(p, st, "Vchcode")) < 0 || (cc = col(p, st, "UserCode")) < 0 ||
	    (cn = col(p, st, "FullName")) < 0 || (cu = col(p, st, "Unit")) < 0 ||
	    (cq = col(p, st, "Qty")) < 0 || (cp = col(p, st, "Price")) < 0 ||
	    (ca = col(p, st, "Amount")) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t v = sqlite3_column_int64(st, cv);

		if (only != 0 && v != only) {
			why(p, "documents_lines: line of document %" PRId64, v);
			return -1;
		}
		if (orc_column_scaled(st, cq, 4, &qty) != 0 ||
		    orc_column_scaled(st, cp, 2, &price) != 0 ||
		    orc_column_scaled(st, ca, 2, &amt) != 0) {
			why(p, "a line amount is not a number");
			return -1;
		}
		orc_put_line(out, v, txt(st, cc), txt(st, cn), txt(st, cu), qty,
		    price, amt);
		(*rows)++;
	}
	if (rc != SQLITE_DONE) {
		why(p, "%s", sqlite3_errmsg(p->db));
		return -1;
	}
	return 0;
}

static int
has_type(const struct orc_query *q, int t)
{
	int i;

	for (i = 0; i < q->ntypes; i++)
		if (q->types[i] == t)
			return 1;
	return 0;
}

/*
 * The oracle's report, built from the profile's queries the way the product
 * builds its page: customers_get, balance_opening, documents_list, then
 * documents_lines per goods document. Also writes, to lines_out, the lines
 * documents_lines_range gives for the same range.
 */
static int
prof_report(struct prof *p, const struct orc_query *q, FILE *out,
    FILE *lines_out)
{
	struct val v[8];
	sqlite3_stmt *st = NULL, *ln = NULL;
	int64_t opening, amt, ar, ap, sum = 0, tsum[ORC_MAXTYPES] = { 0 };
	long tcount[ORC_MAXTYPES] = { 0 };
	int i, rc, ret = -1, cv, cd, ct, cn, cs, ca, cr, cp, nrow, rows = 0;

	memset(v, 0, sizeof(v));
	v[0] = (struct val){ "customer", 0, 0, q->customer };
	if ((st = pq(p, "customers_get", v, 1)) == NULL)
		goto out;
	if (sqlite3_step(st) != SQLITE_ROW) {
		why(p, "customers_get: no row");
		goto out;
	}
	orc_put_customer(out, txt(st, 0), txt(st, 1), txt(st, 2));
	sqlite3_finalize(st);

	/* The opening balance as the gateway adds it up: ARTotal - APTotal of
	 * the first row, plus each row's Total signed by its VchType. */
	v[1] = (struct val){ "date", 0, 0, q->from };
	if ((st = pq(p, "balance_opening", v, 2)) == NULL)
		goto out;
	if ((cr = col(p, st, "ARTotal")) < 0 || (cp = col(p, st, "APTotal")) < 0)
		goto out;
	ct = col_opt(st, "VchType");
	ca = col_opt(st, "Total");
	opening = 0;
	for (nrow = 0; (rc = sqlite3_step(st)) == SQLITE_ROW; nrow++) {
		if (nrow == 0) {
			if (orc_column_scaled(st, cr, 2, &ar) != 0 ||
			    orc_column_scaled(st, cp, 2, &ap) != 0) {
				why(p, "balance_opening: ARTotal or APTotal is not a number");
				goto out;
			}
			opening = ar - ap;
		}
		if (ct < 0 || ca < 0 || sqlite3_column_type(st, ct) == SQLITE_NULL)
			continue;
		if (orc_column_scaled(st, ca, 2, &amt) != 0 ||
		    signed_total(sqlite3_column_int(st, ct), amt, &amt) != 0) {
			why(p, "balance_opening: Total is not a number");
			goto out;
		}
		opening += amt;
	}
	if (rc != SQLITE_DONE || nrow == 0) {
		why(p, "balance_opening: %s", nrow == 0 ? "no row" : sqlite3_errmsg(p->db));
		goto out;
	}
	orc_put_opening(out, opening);
	sqlite3_finalize(st);

	v[1] = (struct val){ "from", 0, 0, q->from };
	v[2] = (struct val){ "to", 0, 0, q->to };
	v[3] = (struct val){ "sale", 1, has_type(q, 11), NULL };
	v[4] = (struct val){ "salereturn", 1, has_type(q, 45), NULL };
	v[5] = (struct val){ "receipt", 1, has_type(q, 4), NULL };
	v[6] = (struct val){ "arinc", 1, has_type(q, 116), NULL };
	v[7] = (struct val){ "ardec", 1, has_type(q, 115), NULL };
	if ((st = pq(p, "documents_list", v, 8)) == NULL)
		goto out;
	if ((cv = col(p, st, "Vchcode")) < 0 || (cd = col(p, st, "Date")) < 0 ||
	    (ct = col(p, st, "VchType")) < 0 || (cn = col(p, st, "Number")) < 0 ||
	    (cs = col(p, st, "summary")) < 0 || (ca = col(p, st, "Total")) < 0)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int t = sqlite3_column_int(st, ct);
		int64_t code = sqlite3_column_int64(st, cv);
		struct val lv[2];

		if (orc_column_scaled(st, ca, 2, &amt) != 0 ||
		    signed_total(t, amt, &amt) != 0) {
			why(p, "documents_list: Total is not a number");
			goto out;
		}
		for (i = 0; i < q->ntypes && q->types[i] != t; i++)
			;
		if (i == q->ntypes) {
			why(p, "documents_list: type %d was not asked for", t);
			goto out;
		}
		tcount[i]++;
		tsum[i] += amt;
		sum += amt;
		orc_put_doc(out, code, txt(st, cd), t, txt(st, cn), txt(st, cs), amt);
		if (t != 11 && t != 45)
			continue;
		lv[0] = v[0];
		lv[1] = (struct val){ "vchcode", 1, code, NULL };
		if ((ln = pq(p, "documents_lines", lv, 2)) == NULL ||
		    put_lines(p, ln, code, out, &rows) != 0)
			goto out;
		sqlite3_finalize(ln);
		ln = NULL;
	}
	if (rc != SQLITE_DONE) {
		why(p, "%s", sqlite3_errmsg(p->db));
		goto out;
	}
	for (i = 0; i < q->ntypes; i++)
		orc_put_total(out, q->types[i], tcount[i], tsum[i]);
	orc_put_closing(out, opening + sum);

	if ((ln = pq(p, "documents_lines_range", v, 5)) == NULL ||
	    put_lines(p, ln, 0, lines_out, &rows) != 0)
		goto out;
	ret = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(ln);
	return ret;
}

/* Shows the first line where a and b differ. */
static void
diag_first_diff(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
		int la = ea ? (int)(ea - a) : (int)strlen(a);
		int lb = eb ? (int)(eb - b) : (int)strlen(b);

		if (la != lb || memcmp(a, b, (size_t)la) != 0) {
			diag("profile: %.*s", la, a);
			diag("oracle:  %.*s", lb, b);
			return;
		}
		a += la + (ea != NULL);
		b += lb + (eb != NULL);
	}
	diag("profile: %.80s", *a ? a : "(end)");
	diag("oracle:  %.80s", *b ? b : "(end)");
}

/* Only the line records of a report. */
static char *
only_lines(const char *rep)
{
	char *out = malloc(strlen(rep) + 1), *o = out;

	if (out == NULL)
		return NULL;
	while (*rep != '\0') {
		const char *e = strchr(rep, '\n');
		size_t l = e ? (size_t)(e - rep) + 1 : strlen(rep);

		if (strncmp(rep, "line\t", 5) == 0) {
			memcpy(o, rep, l);
			o += l;
		}
		rep += l;
	}
	*o = '\0';
	return out;
}

struct range { const char *from, *to; };

static void
check_reports(struct prof *p, char **custs, int ncust)
{
	static const struct range ranges[] = {
		{ "2026-10-01", "2026-10-31" },	/* last calendar month */
		{ "2025-03-10", "2025-06-20" },
		{ "2000-01-01", "2099-12-31" },	/* everything */
		{ "2026-11-01", "2026-11-30" },	/* the month in progress */
	};
	static const int typesets[][6] = {
		{ 3, 11, 45, 4 }, { 1, 11 }, { 2, 4, 45 }, { 5, 11, 45, 4, 116, 115 },
	};
	size_t r, t;
	int c;

	for (r = 0; r < sizeof(ranges) / sizeof(ranges[0]); r++)
		for (t = 0; t < sizeof(typesets) / sizeof(typesets[0]); t++) {
			int bad = 0, docs = 0;

			for (c = 0; c < ncust && !bad; c++) {
				struct orc_query q;
				char *a = NULL, *b = NULL, *l = NULL, *al;
				size_t la = 0, lb = 0, ll = 0;
				FILE *fa = open_memstream(&a, &la);
				FILE *fb = open_memstream(&b, &lb);
				FILE *fl = open_memstream(&l, &ll);
				const char *err = NULL;
				int i, rp, ro;

				memset(&q, 0, sizeof(q));
				q.customer = custs[c];
				q.from = ranges[r].from;
				q.to = ranges[r].to;
				q.ntypes = typesets[t][0];
				for (i = 0; i < q.ntypes; i++)
					q.types[i] = typesets[t][i + 1];
				rp = prof_report(p, &q, fa, fl);
				ro = orc_report(p->db, &q, fb, &err);
				fclose(fa);
				fclose(fb);
				fclose(fl);
				if (rp != 0 || ro != 0) {
					diag("%s %s..%s: %s", custs[c], q.from, q.to,
					    rp != 0 ? p->why : err);
					bad = 1;
				} else if (strcmp(a, b) != 0) {
					diag("%s %s..%s differs", custs[c], q.from, q.to);
					diag_first_diff(a, b);
					bad = 1;
				} else if ((al = only_lines(b)) != NULL) {
					if (strcmp(al, l) != 0) {
						diag("%s %s..%s: documents_lines_range"
						    " differs", custs[c], q.from, q.to);
						diag_first_diff(l, al);
						bad = 1;
					}
					free(al);
				}
				for (i = 0; b != NULL && b[i] != '\0'; i++)
					docs += strncmp(b + i, "doc\t", 4) == 0 &&
					    (i == 0 || b[i - 1] == '\n');
				free(a);
				free(b);
				free(l);
			}
			{
				char tl[64] = "";
				int k;

				for (k = 1; k <= typesets[t][0]; k++)
					snprintf(tl + strlen(tl), sizeof(tl) -
					    strlen(tl), "%s%d", k > 1 ? "," : "",
					    typesets[t][k]);
				ok(!bad && docs > 0, "%s: %s..%s types %s: %d"
				    " customers, %d documents equal the oracle",
				    p->path, ranges[r].from, ranges[r].to, tl,
				    ncust, docs);
			}
		}
}

/* customers_search pages and customers_count against a plain filter of Btype. */
static void
check_search(struct prof *p, const char *needle, int page)
{
	sqlite3_stmt *all = NULL, *st = NULL;
	char pattern[128], *want = NULL, *got = NULL;
	size_t lw = 0, lg = 0;
	FILE *fw = open_memstream(&want, &lw), *fg = open_memstream(&got, &lg);
	int skip, n, nwant = 0, bad = 0;
	int64_t count = -1;
	struct val v[3];

	snprintf(pattern, sizeof(pattern), "%%%s%%", needle);
	sqlite3_prepare_v2(p->db, "SELECT typeId, UserCode, FullName, Name FROM"
	    " Btype WHERE sonnum = 0 AND deleted = 0 ORDER BY UserCode, typeId",
	    -1, &all, NULL);
	while (sqlite3_step(all) == SQLITE_ROW)
		if (strstr(txt(all, 1), needle) || strstr(txt(all, 2), needle) ||
		    strstr(txt(all, 3), needle)) {
			fprintf(fw, "%s\t%s\t%s\n", txt(all, 0), txt(all, 1),
			    txt(all, 2));
			nwant++;
		}
	sqlite3_finalize(all);
	fclose(fw);
	v[0] = (struct val){ "pattern", 0, 0, pattern };
	v[1] = (struct val){ "skip", 1, 0, NULL };
	v[2] = (struct val){ "take", 1, page, NULL };
	for (skip = 0; !bad; skip += page) {
		v[1].i = skip;
		if ((st = pq(p, "customers_search", v, 3)) == NULL) {
			diag("%s", p->why);
			bad = 1;
			break;
		}
		for (n = 0; sqlite3_step(st) == SQLITE_ROW; n++)
			fprintf(fg, "%s\t%s\t%s\n", txt(st, 0), txt(st, 1), txt(st, 2));
		sqlite3_finalize(st);
		if (n < page)
			break;
	}
	fclose(fg);
	if ((st = pq(p, "customers_count", v, 1)) != NULL &&
	    sqlite3_step(st) == SQLITE_ROW)
		count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!bad && strcmp(want, got) != 0) {
		diag_first_diff(got, want);
		bad = 1;
	}
	ok(!bad && count == nwant, "%s: customers_search \"%s\" in pages of %d:"
	    " %d customers, count %" PRId64, p->path, needle, page, nwant, count);
	free(want);
	free(got);
}

static void
check_profile(struct prof *p, char **custs, int ncust)
{
	size_t i;
	sqlite3_stmt *st;
	struct val v[1];
	const char *meta_company = NULL, *slash = strrchr(p->path, '/');
	char company[256] = "", dir[512], kind[64];

	/* PATH/KIND.hdf, read as the product reads it. */
	snprintf(dir, sizeof(dir), "%.*s", slash != NULL ? (int)(slash - p->path) : 1,
	    slash != NULL ? p->path : ".");
	snprintf(kind, sizeof(kind), "%s", slash != NULL ? slash + 1 : p->path);
	if (strlen(kind) > 4)
		kind[strlen(kind) - 4] = '\0';
	if (!ok(dz_erp_profile_load(dir, kind, &p->prof, p->why, sizeof(p->why)) == DZ_OK,
	    "%s: the product's loader reads it and it keeps the contract", p->path)) {
		diag("%s", p->why);
		return;
	}
	ok(strcmp(dz_erp_profile_name(p->prof), kind) != 0, "%s: has a Name (%s)",
	    p->path, dz_erp_profile_name(p->prof));
	for (i = 0; i < DZ_ERP_Q__MAX; i++) {
		const char *qn = dz_erp_contract[i].name;
		const char *sql = qget(p, qn, "Sql");
		char *lite = sql != NULL ? rewrite(p, sql) : NULL;
		int good = lite != NULL && strchr(sql, '\n') != NULL &&
		    qget(p, qn, "Params") != NULL && qget(p, qn, "Columns") != NULL;

		if (lite != NULL && sqlite3_prepare_v2(p->db, lite, -1, &st, NULL) ==
		    SQLITE_OK) {
			int k, ncol = sqlite3_column_count(st);
			char *cols = strdup(qget(p, qn, "Columns") ?
			    qget(p, qn, "Columns") : ""), *save = NULL, *tok;

			/* Columns lists the result columns, in order */
			for (k = 0, tok = strtok_r(cols, ", ", &save); tok != NULL;
			    tok = strtok_r(NULL, ", ", &save), k++)
				if (k >= ncol || strcmp(tok, sqlite3_column_name(st,
				    k)) != 0)
					good = 0;
			if (k != ncol)
				good = 0;
			free(cols);
			sqlite3_finalize(st);
		} else
			good = 0;
		ok(good, "%s: %s has Params, Columns (matching the result) and"
		    " portable Sql", p->path, qn);
		if (!good && lite == NULL)
			diag("%s", p->why);
		free(lite);
	}

	v[0] = (struct val){ "database", 0, 0, "V3993" };
	sqlite3_prepare_v2(p->db, "SELECT value FROM erpsim_meta WHERE name ="
	    " 'company'", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(company, sizeof(company), "%s", txt(st, 0));
	sqlite3_finalize(st);
	meta_company = company;
	if ((st = pq(p, "account_info", v, 1)) != NULL &&
	    sqlite3_step(st) == SQLITE_ROW && col(p, st, "fullname") >= 0 &&
	    col(p, st, "Version") >= 0)
		ok(strcmp(txt(st, col(p, st, "fullname")), meta_company) == 0 &&
		    strstr(txt(st, col(p, st, "Version")), "管家婆") != NULL,
		    "%s: account_info: %s, %s", p->path, txt(st, col(p, st, "fullname")),
		    txt(st, col(p, st, "Version")));
	else
		ok(0, "%s: account_info: %s", p->path, p->why);
	sqlite3_finalize(st);

	check_search(p, "", 7);
	check_search(p, "联想", 10);
	check_search(p, "0201", 3);
	check_search(p, "数码", 5);
	check_search(p, "没有这个客户", 5);
	check_reports(p, custs, ncust);
	dz_erp_profile_free(p->prof);
	p->prof = NULL;
}

int
main(int argc, char **argv)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st;
	char **custs = NULL;
	int ncust = 0, i;

	if (argc < 4 || strcmp(argv[1], "--db") != 0) {
		fputs("usage: oracle-profiles --db FILE PROFILE.hdf...\n", stderr);
		return 2;
	}
	if (sqlite3_open_v2(argv[2], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		printf("Bail out! %s: %s\n", argv[2], sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_prepare_v2(db, "SELECT typeId FROM Btype WHERE sonnum = 0 AND"
	    " deleted = 0 AND isclient = 1 ORDER BY UserCode", -1, &st, NULL);
	while (sqlite3_step(st) == SQLITE_ROW) {
		custs = realloc(custs, (size_t)(ncust + 1) * sizeof(char *));
		if (custs == NULL)
			return 1;
		custs[ncust++] = strdup(txt(st, 0));
	}
	sqlite3_finalize(st);
	for (i = 3; i < argc; i++) {
		struct prof p;

		memset(&p, 0, sizeof(p));
		p.path = argv[i];
		p.db = db;
		check_profile(&p, custs, ncust);
	}
	for (i = 0; i < ncust; i++)
		free(custs[i]);
	free(custs);
	sqlite3_close(db);
	return done_testing();
}
