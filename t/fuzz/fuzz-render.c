/* SOURCES: lib/view.c lib/money.c lib/stmt.c lib/log.c lib/util.c lib/utf8.c lib/clock.c lib/form.c */
/* LIBS: -lneo_cgi -lneo_cs -lneo_utl -lz -lcrypto */
/* CFLAGS: -isystem /usr/include/ClearSilver */
/*
 * fuzz-render: every page the programs render (lib/view, the templates
 * under templates/ with conf/lang) drawn with hostile values. At start the
 * target reads the templates and takes every HDF name they use (inside
 * <?cs ... ?>: a dotted name with a capital first part; a loop variable of
 * each: becomes its list's element, Docs.<n>.Date for d.Date); Lang,
 * Vocab and Config are the site's own and left alone. An input is a page
 * (its first byte) and then records: a name (two bytes), an element number
 * (one), a length (one) and that many bytes of value. Each value is stored
 * with a marker "<zq" in front.
 * Besides the sanitizers: every page renders (DZ_OK: no value a user can
 * type makes a page fail), and the marker never comes out as markup — every
 * value is HTML-escaped wherever a template puts it, and template syntax in
 * a value ("<?cs var:... ?>") is text, not evaluated.
 * The folder with templates/ and conf/ is DZ_FUZZ_SRCDIR (t/fuzz/run.sh
 * sets it; "." otherwise).
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ClearSilver.h"

#include "dz.h"
#include "log.h"
#include "view.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

/* The pages cgi-bin/ and tools/page render (each with layout.cs). */
static const char *const pages[] = {
	"confirm/gone.cs", "confirm/page.cs", "confirm/busy.cs", "error.cs",
	"generate/preview.cs", "history/action.cs", "history/feedback.cs",
	"history/list.cs", "history/sends.cs", "history/share.cs",
	"history/show.cs", "login/form.cs", "login/home.cs",
	"login/password.cs", "query/doc.cs", "query/index.cs",
	"users/form.cs", "users/list.cs", "users/audit.cs", "down.cs",
};
#define NPAGES	(sizeof(pages) / sizeof(pages[0]))

#define NAMES_MAX	2048
#define ALIASES_MAX	64
static char	*names[NAMES_MAX];	/* '#' stands for an element number */
static size_t	 nnames;
static struct { char *var, *list; } aliases[ALIASES_MAX];
static size_t	 naliases;
static HDF	*global;
static char	 datadir[512];

static void
add_name(const char *s, size_t n)
{
	char	 buf[256], *dot;
	size_t	 i;

	if (n == 0 || n >= 128)
		return;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (strncmp(buf, "Lang.", 5) == 0 || strncmp(buf, "Vocab.", 6) == 0 ||
	    strncmp(buf, "Config.", 7) == 0 || strcmp(buf, "Lang") == 0)
		return;
	if (islower((unsigned char)buf[0])) {
		/* a loop variable: its list's element */
		char	 full[256];

		dot = strchr(buf, '.');
		for (i = 0; i < naliases; i++)
			if (dot != NULL && (size_t)(dot - buf) == strlen(aliases[i].var) &&
			    strncmp(buf, aliases[i].var, (size_t)(dot - buf)) == 0)
				break;
		if (dot == NULL || i == naliases)
			return;	/* a function, a macro's argument */
		snprintf(full, sizeof(full), "%s.#%s", aliases[i].list, dot);
		snprintf(buf, sizeof(buf), "%s", full);
	}
	for (i = 0; i < nnames; i++)
		if (strcmp(names[i], buf) == 0)
			return;
	if (nnames < NAMES_MAX && (names[nnames] = strdup(buf)) != NULL)
		nnames++;
}

static int
namech(int c)
{
	return isalnum(c) || c == '_' || c == '.';
}

/* The names in one <?cs ... ?> block; "each:x = List" adds an alias. */
static void
scan_block(const char *s, size_t n)
{
	const char	*e = s + n, *p;

	if (n > 5 && strncmp(s, "each:", 5) == 0) {
		const char *v = s + 5, *ve, *l, *le;

		for (ve = v; ve < e && namech((unsigned char)*ve); ve++)
			;
		for (l = ve; l < e && (*l == ' ' || *l == '='); l++)
			;
		for (le = l; le < e && namech((unsigned char)*le); le++)
			;
		if (ve > v && le > l && naliases < ALIASES_MAX) {
			char	list[256];

			snprintf(list, sizeof(list), "%.*s", (int)(le - l), l);
			if (islower((unsigned char)list[0])) {
				/* a list inside an element: d.Lines */
				const char *dot = strchr(list, '.');
				size_t	    i;

				for (i = 0; dot != NULL && i < naliases; i++)
					if ((size_t)(dot - list) == strlen(aliases[i].var) &&
					    strncmp(list, aliases[i].var, (size_t)(dot - list)) == 0) {
						char tmp[256];

						snprintf(tmp, sizeof(tmp), "%s.#%s", aliases[i].list, dot);
						snprintf(list, sizeof(list), "%s", tmp);
						break;
					}
			}
			aliases[naliases].var = strndup(v, (size_t)(ve - v));
			aliases[naliases].list = strdup(list);
			naliases++;
		}
	}
	for (p = s; p < e; p++) {
		const char *q;

		if (*p == '"') {	/* a string literal */
			for (p++; p < e && *p != '"'; p++)
				;
			continue;
		}
		if (!isalpha((unsigned char)*p) || (p > s && namech((unsigned char)p[-1])))
			continue;
		for (q = p; q < e && namech((unsigned char)*q); q++)
			;
		/* "var:" and the like are commands, not names */
		if (q < e && *q == ':')
			;
		else
			add_name(p, (size_t)(q - p));
		p = q;
	}
}

static void
scan_file(const char *path)
{
	FILE	*f;
	char	*text, *p, *end;
	long	 n;

	if ((f = fopen(path, "r")) == NULL)
		return;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if (n <= 0 || (text = calloc(1, (size_t)n + 1)) == NULL) {
		fclose(f);
		return;
	}
	if (fread(text, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	fclose(f);
	for (p = text; (p = strstr(p, "<?cs")) != NULL; p = end + 2) {
		p += 4;
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if ((end = strstr(p, "?>")) == NULL)
			break;
		if (*p != '#')
			scan_block(p, (size_t)(end - p));
	}
	free(text);
}

static void
scan_dir(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	char		 path[1024];
	size_t		 n;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		n = strlen(e->d_name);
		if (n > 3 && strcmp(e->d_name + n - 3, ".cs") == 0)
			scan_file(path);
		else if (e->d_type == DT_DIR)
			scan_dir(path);
	}
	closedir(d);
}

/* The folder of two links made at start, gone at exit. */
static void
cleanup(void)
{
	char	path[600];

	snprintf(path, sizeof(path), "%s/templates", datadir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/lang", datadir);
	unlink(path);
	rmdir(datadir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*src = getenv("DZ_FUZZ_SRCDIR");
	char		 path[1024], tmpl[] = "/tmp/dzfuzz-render.XXXXXX";

	(void)argc;
	(void)argv;
	if (src == NULL || *src == '\0')
		src = ".";
	dz_log_init("fuzz-render", "error");
	/* lib/view wants DATA/templates and DATA/lang, as installed */
	if (mkdtemp(tmpl) == NULL)
		abort();
	snprintf(datadir, sizeof(datadir), "%s", tmpl);
	atexit(cleanup);
	snprintf(path, sizeof(path), "%s/templates", datadir);
	{
		char	abs[1024];

		if (realpath(src, abs) == NULL)
			abort();
		char	t[1100], l[1100];

		snprintf(t, sizeof(t), "%s/templates", abs);
		snprintf(l, sizeof(l), "%s/conf/lang", abs);
		if (symlink(t, path) != 0)
			abort();
		snprintf(path, sizeof(path), "%s/lang", datadir);
		if (symlink(l, path) != 0)
			abort();
		scan_dir(t);
	}
	if (dz_view_load_lang(datadir, &global) != DZ_OK) {
		fprintf(stderr, "fuzz-render: no conf/lang under %s\n", src);
		abort();
	}
	fprintf(stderr, "fuzz-render: %zu pages, %zu names, %zu loops\n", NPAGES,
	    nnames, naliases);
	if (nnames < 50)
		abort();	/* the scan found too little to be a test */
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	HDF		*hdf;
	char		*out = NULL, name[300], val[300];
	size_t		 outlen, i = 1, k;
	const char	*page;
	enum dz_err	 rc;

	if (size < 1)
		return 0;
	page = pages[data[0] % NPAGES];
	if (hdf_init(&hdf) != STATUS_OK)
		return 0;
	while (i + 4 <= size) {
		const char	*n = names[((size_t)data[i] << 8 | data[i + 1]) % nnames];
		unsigned	 el = data[i + 2] % 4;
		size_t		 len = data[i + 3], o = 0;

		i += 4;
		if (len > size - i)
			len = size - i;
		for (k = 0; n[k] != '\0' && o + 2 < sizeof(name); k++)
			if (n[k] == '#')
				name[o++] = (char)('0' + el);
			else
				name[o++] = n[k];
		name[o] = '\0';
		memcpy(val, "<zq", 3);
		memcpy(val + 3, data + i, len);
		val[3 + len] = '\0';
		i += len;
		{
			NEOERR	*err = hdf_set_value(hdf, name, val);

			nerr_ignore(&err);
		}
	}
	rc = dz_view_render(hdf, global, datadir, page, &out, &outlen);
	if (rc != DZ_OK)
		fprintf(stderr, "fuzz-render: %s did not render\n", page);
	CHECK(rc == DZ_OK);
	CHECK(out != NULL && strlen(out) <= outlen);
	CHECK(memmem(out, outlen, "<zq", 3) == NULL);
	free(out);
	hdf_destroy(&hdf);
	return 0;
}
