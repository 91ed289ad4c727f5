/*
 * 082-erp-profile-check: every ERP profile is checked against the
 * gateway's contract when a program starts. The shipped profiles pass
 * (huihuang.hdf through Include = grasp.hdf, overriding what differs); a
 * bad one (a query missing, a parameter or a column wrong, an include loop
 * or an include of a missing or outside file, a key misspelt) is refused,
 * and the reason names the file and the query. The gateway itself refuses
 * to start on such a directory.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "erp.h"
#include "erp_profile.h"
#include "tap.h"

static char	 top[] = "/tmp/dz-082-XXXXXX";
static char	*grasp_text;	/* the shipped grasp.hdf */

static char *
slurp(const char *path)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if ((buf = malloc((size_t)n + 1)) != NULL) {
		if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		} else
			buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char	 path[512];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

/* A fresh directory for one case, with grasp.hdf copied in when asked. */
static const char *
case_dir(int n, int with_grasp)
{
	static char	dir[300];

	snprintf(dir, sizeof(dir), "%s/%d", top, n);
	mkdir(dir, 0700);
	if (with_grasp)
		write_file(dir, "grasp.hdf", grasp_text);
	return dir;
}

/* Overrides laid over the shipped grasp.hdf. */
#define OVER(x) "Include = grasp.hdf\nKind = bad\n" x

struct bad {
	const char	*what;
	const char	*file;		/* bad.hdf unless set */
	const char	*text;
	const char	*file2, *text2;	/* a second file, or NULL */
	const char	*query;		/* the query the reason must name, or NULL */
	const char	*says;		/* and a phrase it must hold */
	const char	*names;		/* the file it must name (default: file) */
};

static const struct bad bads[] = {
	{ "a query missing", NULL,
	    "Query {\n  account_info {\n    Params = @database varchar(50)\n"
	    "    Columns = fullname\n    Sql = SELECT fullname FROM z WHERE d = @database\n"
	    "  }\n}\n", NULL, NULL, "customers_search", "missing", NULL },
	{ "a test-only query without Sql (they are checked too)", NULL,
	    OVER("Query.documents_lines.Sql = \n"), NULL, NULL,
	    "documents_lines", "no Sql", NULL },
	{ "Sql names a parameter not declared", NULL,
	    OVER("Query.documents_list.Sql = SELECT Vchcode FROM x WHERE a = @customer"
	    " AND d >= @frm AND d <= @to AND @sale + @salereturn + @receipt + @arinc"
	    " + @ardec > 0\n"), NULL, NULL, "documents_list", "@frm", NULL },
	{ "Sql leaves a declared parameter out", NULL,
	    OVER("Query.balance_opening.Sql = SELECT 1 AS ARTotal, 0 AS APTotal"
	    " FROM b WHERE b.id = @customer\n"), NULL, NULL,
	    "balance_opening", "does not use @date", NULL },
	{ "Params declares one the query does not take", NULL,
	    OVER("Query.balance_opening.Params = @customer varchar(25), @day varchar(10)\n"),
	    NULL, NULL, "balance_opening", "@day", NULL },
	{ "Params lacks one", NULL,
	    OVER("Query.customers_search.Params = @pattern nvarchar(100), @skip int\n"),
	    NULL, NULL, "customers_search", "@take", NULL },
	{ "a parameter of the wrong type", NULL,
	    OVER("Query.documents_list.Params = @customer varchar(25), @from varchar(10),"
	    " @to varchar(10), @sale varchar(1), @salereturn int, @receipt int,"
	    " @arinc int, @ardec int\n"), NULL, NULL, "documents_list", "@sale", NULL },
	{ "Params that is not a parameter list", NULL,
	    OVER("Query.customers_get.Params = customer varchar(25)\n"), NULL, NULL,
	    "customers_get", "Params", NULL },
	{ "a column the gateway does not read", NULL,
	    OVER("Query.documents_list.Columns = Vchcode, Date, VchType, Number, summary,"
	    " Totl\n"), NULL, NULL, "documents_list", "Totl", NULL },
	{ "a column missing", NULL,
	    OVER("Query.customers_get.Columns = typeId, UserCode, FullName, Name, ARTotal,"
	    " APTotal, sonnum\n"), NULL, NULL, "customers_get", "deleted", NULL },
	{ "no Columns", "nocols.hdf",
	    "Query {\n  account_info {\n    Params = @database varchar(50)\n"
	    "    Sql = SELECT fullname FROM z WHERE d = @database\n  }\n}\n",
	    NULL, NULL, "account_info", "no Columns", NULL },
	{ "a misspelt query", NULL,
	    OVER("Query.balance_openning.Sql = SELECT 1\n"), NULL, NULL,
	    "balance_openning", "not a query", NULL },
	{ "a misspelt key", NULL,
	    OVER("Query.documents_list.Colums = Vchcode\n"), NULL, NULL,
	    "documents_list", "Colums", NULL },
	{ "an include loop", "a.hdf", "Include = b.hdf\n", "b.hdf", "Include = a.hdf\n",
	    NULL, "loop", NULL },
	{ "a file that includes itself", NULL, "Include = bad.hdf\n", NULL, NULL,
	    NULL, "loop", NULL },
	{ "an include of a missing file", NULL, "Include = nosuch.hdf\nKind = bad\n",
	    NULL, NULL, NULL, "nosuch.hdf", NULL },
	{ "an include outside the directory", NULL, "Include = ../grasp.hdf\n",
	    NULL, NULL, NULL, "../grasp.hdf", NULL },
	{ "an include by absolute path", NULL, "Include = /etc/passwd\n",
	    NULL, NULL, NULL, "/etc/passwd", NULL },
	{ "ClearSilver's own #include", NULL, "#include \"grasp.hdf\"\n", NULL, NULL,
	    NULL, "#include", NULL },
	{ "a Kind that is not the file's", NULL,
	    "Include = grasp.hdf\n", NULL, NULL, NULL, "Kind = grasp", NULL },
	{ "an unknown top-level key", NULL, OVER("Querys.x = 1\n"), NULL, NULL,
	    NULL, "Querys", NULL },
	{ "a file name that is no kind", "Bad.hdf", "Name = x\n", NULL, NULL,
	    NULL, "<kind>.hdf", NULL },
	{ "a broken included file names both", NULL, "Include = base.hdf\nKind = bad\n",
	    "base.hdf", "#include \"grasp.hdf\"\n",
	    NULL, "included by", "base.hdf" },
};

static void
shipped(const char *srcdir)
{
	struct dz_erp_profiles			*set = NULL;
	const struct dz_erp_profile		*g, *h;
	const struct dz_erp_profile_query	*gq, *hq;
	char					 dir[512], why[512];
	size_t					 i;

	snprintf(dir, sizeof(dir), "%s/conf/erp", srcdir);
	is_int(dz_erp_profiles_load(dir, &set, why, sizeof(why)), DZ_OK,
	    "the shipped profiles pass");
	if (set == NULL) {
		diag("%s", why);
		return;
	}
	is_int((long long)dz_erp_profiles_count(set), 2, "two of them");
	g = dz_erp_profiles_find(set, "grasp");
	h = dz_erp_profiles_find(set, "huihuang");
	ok(g != NULL && h != NULL, "grasp and huihuang");
	if (g == NULL || h == NULL) {
		dz_erp_profiles_free(set);
		return;
	}
	is_str(dz_erp_profile_name(g), "管家婆分销ERP", "grasp's name");
	is_str(dz_erp_profile_name(h), "管家婆辉煌", "huihuang overrides the name");
	is_str(dz_erp_profile_kind(h), "huihuang", "and has its own kind");
	gq = dz_erp_profile_query(g, DZ_ERP_Q_BALANCE_OPENING);
	hq = dz_erp_profile_query(h, DZ_ERP_Q_BALANCE_OPENING);
	ok(strstr(hq->sql, "Dlya") != NULL && strstr(gq->sql, "Dlya") == NULL,
	    "huihuang overrides balance_opening's Sql");
	is_str(hq->params, gq->params, "and keeps its Params from grasp.hdf");
	ok(strstr(hq->columns, "VchType") == NULL, "and lists its own Columns");
	/* the balances of every customer at once, the same way (the ledger's) */
	gq = dz_erp_profile_query(g, DZ_ERP_Q_BALANCES_ALL);
	hq = dz_erp_profile_query(h, DZ_ERP_Q_BALANCES_ALL);
	ok(strstr(hq->sql, "Dlya") != NULL && strstr(gq->sql, "Dlya") == NULL,
	    "huihuang overrides balances_all's Sql too");
	ok(strstr(hq->columns, "VchType") == NULL, "and lists its own Columns");
	for (i = 0; i < DZ_ERP_Q__MAX; i++) {
		if (i == DZ_ERP_Q_BALANCE_OPENING || i == DZ_ERP_Q_BALANCES_ALL)
			continue;
		gq = dz_erp_profile_query(g, (enum dz_erp_query)i);
		hq = dz_erp_profile_query(h, (enum dz_erp_query)i);
		ok(strcmp(gq->sql, hq->sql) == 0 && gq->nparams == hq->nparams,
		    "huihuang takes %s from grasp.hdf", dz_erp_contract[i].name);
	}
	/* Parameters are bound by name: the profile's order is its own. */
	gq = dz_erp_profile_query(g, DZ_ERP_Q_DOCUMENTS_LIST);
	ok(gq->nparams == 8 && gq->param[0] == DZ_ERP_P_DOCS_CUSTOMER &&
	    strcmp(gq->name[4], "@salereturn") == 0 &&
	    gq->param[4] == DZ_ERP_P_DOCS_RETURN, "documents_list's parameters mapped");
	dz_erp_profiles_free(set);
}

static void
contract(void)
{
	size_t	i, k, tests = 0;
	int	good = 1;

	for (i = 0; i < DZ_ERP_Q__MAX; i++) {
		const struct dz_erp_query_def *d = &dz_erp_contract[i];

		if (d->name == NULL || d->nparams == 0 || d->ncols == 0 ||
		    d->nparams > DZ_ERP_PARAMS_MAX)
			good = 0;
		for (k = 0; good && k < d->nparams; k++)
			if (d->params[k].name == NULL || d->params[k].name[0] != '@')
				good = 0;
		tests += d->test_only != 0;
	}
	ok(good, "every query of the contract names its parameters and columns");
	ok(dz_erp_contract[DZ_ERP_Q_CUSTOMERS_COUNT].test_only &&
	    dz_erp_contract[DZ_ERP_Q_DOCUMENTS_LINES].test_only && tests == 2,
	    "customers_count and documents_lines are marked test only");
}

int
main(void)
{
	const char		*srcdir = getenv("srcdir");
	struct dz_erp_profiles	*set;
	struct dz_erp		*e = (void *)1;
	char			 path[512], why[512];
	const char		*dir;
	size_t			 i;

	if (srcdir == NULL || *srcdir == '\0')
		srcdir = ".";
	snprintf(path, sizeof(path), "%s/conf/erp/grasp.hdf", srcdir);
	if ((grasp_text = slurp(path)) == NULL || mkdtemp(top) == NULL) {
		skip_all("no conf/erp/grasp.hdf or no temporary directory");
		return 0;
	}
	contract();
	shipped(srcdir);

	for (i = 0; i < DZ_NELEM(bads); i++) {
		const struct bad	*b = &bads[i];
		const char		*file = b->file != NULL ? b->file : "bad.hdf";
		const char		*names = b->names != NULL ? b->names : file;
		enum dz_err		 rc;

		dir = case_dir((int)i, 1);
		write_file(dir, file, b->text);
		if (b->file2 != NULL)
			write_file(dir, b->file2, b->text2);
		set = (void *)1;
		rc = dz_erp_profiles_load(dir, &set, why, sizeof(why));
		ok(rc != DZ_OK && set == NULL, "refused: %s", b->what);
		ok(strstr(why, names) != NULL && (b->query == NULL ||
		    strstr(why, b->query) != NULL) && strstr(why, b->says) != NULL,
		    "  and the reason names %s%s%s: %s", names,
		    b->query != NULL ? ", " : "", b->query != NULL ? b->query : "", why);
	}

	/* Each case above stops a program at start. */
	dir = case_dir(100, 1);
	write_file(dir, "bad.hdf", OVER("Query.documents_list.Columns = Vchcode\n"));
	is_int(dz_erp_init(&e, dir, 5, 15), DZ_ERR_INVAL, "dz_erp_init refuses a bad profile");
	ok(e == NULL, "and gives no gateway");
	dir = case_dir(101, 0);
	set = (void *)1;
	ok(dz_erp_profiles_load(dir, &set, why, sizeof(why)) != DZ_OK && set == NULL &&
	    strstr(why, "no ERP profile") != NULL, "an empty directory is refused: %s", why);
	ok(dz_erp_profiles_load("/nonexistent/erp", &set, why, sizeof(why)) == DZ_ERR_IO,
	    "a missing directory is refused: %s", why);
	dir = case_dir(102, 1);
	write_file(dir, "other.hdf", "Include = grasp.hdf\nKind = other\nName = 另一个\n");
	ok(dz_erp_profiles_load(dir, &set, why, sizeof(why)) == DZ_OK &&
	    dz_erp_profiles_count(set) == 2 &&
	    strcmp(dz_erp_profile_name(dz_erp_profiles_find(set, "other")), "另一个") == 0,
	    "a profile that only renames grasp.hdf passes %s", why);
	dz_erp_profiles_free(set);

	free(grasp_text);
	snprintf(path, sizeof(path), "rm -rf '%s'", top);
	if (system(path) != 0)
		diag("could not remove %s", top);
	return done_testing();
}
