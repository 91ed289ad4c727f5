/* SOURCES: lib/recon_page.c lib/store_recon.c lib/sheet.c lib/ledger.c lib/match.c lib/multipart.c lib/aging.c lib/app.c lib/auth.c lib/audit.c lib/changes.c lib/clock.c lib/conf.c lib/crypt.c lib/db.c lib/erp_dsn.c lib/erp_guard.c lib/erp_profile.c lib/form.c lib/log.c lib/money.c lib/month.c lib/pagecache.c lib/stmt.c lib/store_account.c lib/super.c lib/utf8.c lib/util.c lib/view.c */
/* LIBS: -lfcgi -lneo_cgi -lneo_cs -lneo_utl -lz -lmariadb -lcrypto -largon2 -lcrack -lminizip -lexpat -lcsv -lm */
/* CFLAGS: -isystem /usr/include/ClearSilver -I/usr/include/mariadb -DDZ_DATADIR="/nonexistent" -DDZ_SBINDIR="/nonexistent" */
/*
 * libFuzzer target: lib/recon_page's forms of 账目核对. The input is two
 * bytes of a sheet's size (columns: the first mod 65; rows: the second,
 * past 199 in thousands, so up to 56,000) and then an urlencoded body,
 * read by dz_form_parse_urlencoded and handed to both readers.
 *
 * The marks: DZ_OK or DZ_ERR_INVAL, *why set exactly when refused; a form
 * taken has a balance or a mark, at most DZ_RECON_MARKS_MAX marks, no
 * vchcode twice, each amount in [0, DZ_MONEY_MAX] (0 for 无此单), the
 * balance within +-DZ_MONEY_MAX.
 * The map: DZ_OK or DZ_ERR_INVAL; a map taken is dz_ledger_map_ok for the
 * sheet, its header -1 or a row of it, each column the form's digits (or
 * -1 for a field absent or empty), and it formats and parses back the same.
 * The SOURCES are what lib/recon_page.c's other functions (the upload, the
 * map page, the run) link against; only the two readers are called.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "ledger.h"
#include "money.h"
#include "recon_page.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

/* Too big for a fuzzer's stack. */
static struct dz_recon_marks	mk;

static void
marks(const struct dz_pairs *p)
{
	const char	*why = "unset";
	size_t		 i, j;
	enum dz_err	 rc;

	rc = dz_recon_marks_from_form(p, &mk, &why);
	CHECK(rc == DZ_OK || rc == DZ_ERR_INVAL);
	if (rc != DZ_OK) {
		CHECK(why != NULL && why[0] != '\0' && strcmp(why, "unset") != 0);
		return;
	}
	CHECK(why == NULL);
	CHECK(mk.has_closing || mk.n > 0);
	CHECK(mk.n <= DZ_RECON_MARKS_MAX && mk.n <= p->n);
	if (mk.has_closing)
		CHECK(mk.closing >= -DZ_MONEY_MAX && mk.closing <= DZ_MONEY_MAX);
	else
		CHECK(mk.closing == 0);
	for (i = 0; i < mk.n; i++) {
		CHECK(mk.mark[i].amount >= 0 && mk.mark[i].amount <= DZ_MONEY_MAX);
		CHECK(mk.mark[i].vchcode >= 0);
		CHECK(mk.mark[i].none == 0 || mk.mark[i].none == 1);
		if (mk.mark[i].none)
			CHECK(mk.mark[i].amount == 0);
		for (j = 0; j < i; j++)
			CHECK(mk.mark[j].vchcode != mk.mark[i].vchcode);
	}
}

/* The column a form's field names: -1 for none (absent or ""), else its
 * digits' value (the reader took them, so they are 1..6 digits). */
static long
field(const struct dz_pairs *p, const char *k)
{
	const char	*s = dz_form_get(p, k);

	if (s == NULL || s[0] == '\0')
		return -1;
	CHECK(strspn(s, "0123456789") == strlen(s) && strlen(s) <= 6);
	return strtol(s, NULL, 10);
}

static void
map(const struct dz_pairs *p, size_t nrows, size_t ncols)
{
	struct dz_ledger_map	 m, back;
	char			 fmt[160];
	long			 h;
	int			 c;
	enum dz_err		 rc;

	rc = dz_recon_map_from_form(p, nrows, ncols, &m);
	CHECK(rc == DZ_OK || rc == DZ_ERR_INVAL);
	if (rc != DZ_OK)
		return;
	CHECK(dz_ledger_map_ok(&m, ncols));
	CHECK(m.header >= -1 && (m.header == -1 || (size_t)m.header < nrows));
	h = field(p, "h");
	CHECK(m.header == (h <= 0 ? -1 : h - 1));
	CHECK(m.negate == 0 || m.negate == 1);
	for (c = 0; c < DZ_LCOL__MAX; c++) {
		CHECK(m.col[c] >= -1 && m.col[c] < (long)ncols);
		CHECK(m.col[c] == field(p, dz_recon_col_field(c)));
	}
	CHECK(dz_ledger_map_format(&m, fmt, sizeof(fmt)) == DZ_OK);
	CHECK(dz_ledger_map_parse(fmt, &back) == DZ_OK);
	CHECK(memcmp(m.col, back.col, sizeof(m.col)) == 0 && m.header == back.header &&
	    m.negate == back.negate);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dz_pairs	 p;
	size_t		 ncols, nrows;

	if (size < 2 || size > 65536)
		return 0;
	ncols = data[0] % 65;
	nrows = data[1] < 200 ? data[1] : (size_t)(data[1] - 199) * 1000;
	memset(&p, 0, sizeof(p));
	if (dz_form_parse_urlencoded(&p, (const char *)data + 2, size - 2) == DZ_OK) {
		marks(&p);
		map(&p, nrows, ncols);
	}
	dz_form_free(&p);
	return 0;
}
