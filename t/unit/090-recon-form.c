/*
 * lib/recon_page's forms for 账目核对, read from urlencoded bodies as the
 * browser sends them: the customer's balance (amounts as people write
 * them) and marks (none, amount with their amount made unsigned, ok and
 * empty ignored, a repeated mark's first counts, bad choices and amounts
 * refused with a sentence, at most DZ_RECON_MARKS_MAX, keys that are not
 * m<digits> ignored); and the column map (h 1-based, columns 0-based or
 * "" for none, the neg checkbox; indexes out of the sheet, non-digits, a
 * column named twice, no date or no amount refused).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "form.h"
#include "lang.h"
#include "ledger.h"
#include "recon_page.h"
#include "tap.h"

/* Too big for the stack of a test: one, reused. */
static struct dz_recon_marks	mk;

/* dz_recon_marks_from_form on the urlencoded body; *why as it left it. */
static enum dz_err
marks(const char *body, const char **why)
{
	struct dz_pairs	p;
	enum dz_err	rc;

	memset(&p, 0, sizeof(p));
	if (dz_form_parse_urlencoded(&p, body, strlen(body)) != DZ_OK) {
		fprintf(stderr, "cannot parse %s\n", body);
		exit(1);
	}
	*why = "(not set)";
	rc = dz_recon_marks_from_form(&p, &mk, why);
	dz_form_free(&p);
	return rc;
}

/* dz_recon_map_from_form on the body, for a sheet of nr rows, nc columns. */
static enum dz_err
map(const char *body, size_t nr, size_t nc, struct dz_ledger_map *m)
{
	struct dz_pairs	p;
	enum dz_err	rc;

	memset(&p, 0, sizeof(p));
	if (dz_form_parse_urlencoded(&p, body, strlen(body)) != DZ_OK) {
		fprintf(stderr, "cannot parse %s\n", body);
		exit(1);
	}
	memset(m, 0x5a, sizeof(*m));
	rc = dz_recon_map_from_form(&p, nr, nc, m);
	dz_form_free(&p);
	return rc;
}

static void
closing(void)
{
	static const struct {
		const char	*body, *as;
		int64_t		 fen;
	} t[] = {
		{ "their_closing=3%2C200.50", "3,200.50", 320050 },
		{ "their_closing=%C2%A51%2C234.50", "¥1,234.50", 123450 },
		{ "their_closing=%EF%BF%A51%2C234.50", "￥1,234.50", 123450 },
		{ "their_closing=%28100.00%29", "(100.00)", -10000 },
		{ "their_closing=-5", "-5", -500 },
		{ "their_closing=+1+234.5", " 1 234.5", 123450 },
		{ "their_closing=0", "0", 0 },
	};
	static const char *const bad[] = {
		"their_closing=abc", "their_closing=1.2.3", "their_closing=-",
		"their_closing=1e5", "their_closing=99999999999999999999",
	};
	const char	*why;
	size_t		 i;
	enum dz_err	 rc;

	for (i = 0; i < DZ_NELEM(t); i++) {
		rc = marks(t[i].body, &why);
		ok(rc == DZ_OK && mk.has_closing == 1 && mk.closing == t[i].fen && mk.n == 0 &&
		    why == NULL, "their closing \"%s\" = %lld fen (rc %d, got %lld, has %d, n %zu)",
		    t[i].as, (long long)t[i].fen, (int)rc, (long long)mk.closing, mk.has_closing,
		    mk.n);
	}
	for (i = 0; i < DZ_NELEM(bad); i++) {
		rc = marks(bad[i], &why);
		ok(rc == DZ_ERR_INVAL, "%s refused (rc %d)", bad[i], (int)rc);
		is_str(why, LANG_recon_bad_amount, "%s: why is the bad amount sentence", bad[i]);
	}
	rc = marks("", &why);
	ok(rc == DZ_ERR_INVAL, "an empty form is refused (rc %d)", (int)rc);
	is_str(why, LANG_recon_need_something, "an empty form: why asks for something");
	rc = marks("their_closing=&other=1", &why);
	ok(rc == DZ_ERR_INVAL, "an empty balance and no marks is refused (rc %d)", (int)rc);
	is_str(why, LANG_recon_need_something, "an empty balance: why asks for something");
	rc = marks("a7=12.00", &why);
	ok(rc == DZ_ERR_INVAL, "an amount without its mark is not a mark (rc %d)", (int)rc);
	is_str(why, LANG_recon_need_something, "an amount alone: why asks for something");
}

static void
kinds(void)
{
	const char	*why;
	enum dz_err	 rc;

	rc = marks("m42=none", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].vchcode == 42 && mk.mark[0].none == 1 &&
	    mk.mark[0].amount == 0 && !mk.has_closing && why == NULL,
	    "m42=none: one mark, 无此单 (rc %d, n %zu)", (int)rc, mk.n);
	rc = marks("m7=amount&a7=150.00", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].vchcode == 7 && mk.mark[0].none == 0 &&
	    mk.mark[0].amount == 15000, "m7=amount, a7=150.00: 15000 fen (rc %d, got %lld)",
	    (int)rc, (long long)mk.mark[0].amount);
	rc = marks("m7=amount&a7=-150.00", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].amount == 15000,
	    "a7=-150.00 is made positive (got %lld)", (long long)mk.mark[0].amount);
	rc = marks("m7=amount&a7=%28%C2%A51%2C500%29", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].amount == 150000,
	    "a7=(¥1,500) is made positive (got %lld)", (long long)mk.mark[0].amount);
	rc = marks("a9=3&m9=amount", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].vchcode == 9 && mk.mark[0].amount == 300,
	    "the amount may come before its mark (got %lld)", (long long)mk.mark[0].amount);
	rc = marks("m1=none&m2=amount&a2=1&m3=ok&their_closing=10", &why);
	ok(rc == DZ_OK && mk.n == 2 && mk.mark[0].vchcode == 1 && mk.mark[1].vchcode == 2 &&
	    mk.has_closing && mk.closing == 1000,
	    "marks and a balance together, in the form's order (n %zu)", mk.n);
	rc = marks("m123456789012345678=none", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].vchcode == 123456789012345678LL,
	    "an 18-digit vchcode is a mark (n %zu)", mk.n);

	rc = marks("m5=ok", &why);
	ok(rc == DZ_ERR_INVAL, "m5=ok alone is no mark (rc %d)", (int)rc);
	is_str(why, LANG_recon_need_something, "m5=ok alone: why asks for something");
	rc = marks("m5=ok&m6=&their_closing=1", &why);
	ok(rc == DZ_OK && mk.n == 0 && mk.has_closing, "m5=ok and m6= are ignored (n %zu)", mk.n);
	rc = marks("m5=ok&m6=none", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].vchcode == 6, "ok skipped, none kept (n %zu)",
	    mk.n);
}

static void
refusals(void)
{
	static const char *const bad[] = {
		"m7=maybe", "m7=NONE", "m7=none+", "m7=okay&their_closing=1", "m7=Amount&a7=1",
		"m7=amount", "m7=amount&a7=", "m7=amount&a7=abc", "m7=amount&a8=5",
		"m7=amount&a7=1e3", "m1=none&m7=amount&a7=12x",
		"m7=amount&a7=99999999999999999999",
	};
	const char	*why;
	size_t		 i;
	enum dz_err	 rc;

	for (i = 0; i < DZ_NELEM(bad); i++) {
		rc = marks(bad[i], &why);
		ok(rc == DZ_ERR_INVAL, "%s refused (rc %d)", bad[i], (int)rc);
		ok(why != NULL && strcmp(why, "(not set)") != 0 && why[0] != '\0',
		    "%s: why is set", bad[i]);
	}
	rc = marks("m7=maybe", &why);
	is_str(why, LANG_recon_bad_amount, "an unknown mark: why is the bad amount sentence");
}

static void
repeats(void)
{
	const char	*why;
	enum dz_err	 rc;

	rc = marks("m7=none&m7=amount&a7=5", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].none == 1 && mk.mark[0].amount == 0,
	    "m7 twice: the first (none) counts (n %zu, none %d)", mk.n, mk.mark[0].none);
	rc = marks("m7=amount&a7=5&m7=none", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].none == 0 && mk.mark[0].amount == 500,
	    "m7 twice: the first (amount 5) counts (n %zu, amount %lld)", mk.n,
	    (long long)mk.mark[0].amount);
	rc = marks("m7=amount&a7=5&a7=9", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].amount == 500,
	    "a7 twice: the first counts (amount %lld)", (long long)mk.mark[0].amount);
	rc = marks("m7=ok&m7=none", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].none == 1,
	    "m7=ok then m7=none: ok is no mark, none counts (n %zu)", mk.n);
	rc = marks("m07=none&m7=amount&a7=1", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].none == 1,
	    "m07 and m7 are the same document (n %zu)", mk.n);
}

/* A form of n marks m1..mn=none. */
static char *
many(size_t n)
{
	char	*b, *p;
	size_t	 i;

	if ((b = malloc(n * 24 + 1)) == NULL)
		exit(1);
	p = b;
	*p = '\0';
	for (i = 1; i <= n; i++)
		p += sprintf(p, "%sm%zu=none", i > 1 ? "&" : "", i);
	return b;
}

static void
limits(void)
{
	const char	*why;
	char		*b, *p;
	size_t		 i;
	enum dz_err	 rc;

	b = many(DZ_RECON_MARKS_MAX);
	rc = marks(b, &why);
	ok(rc == DZ_OK && mk.n == DZ_RECON_MARKS_MAX &&
	    mk.mark[DZ_RECON_MARKS_MAX - 1].vchcode == DZ_RECON_MARKS_MAX,
	    "%d marks are taken (rc %d, n %zu)", DZ_RECON_MARKS_MAX, (int)rc, mk.n);
	free(b);
	b = many(DZ_RECON_MARKS_MAX + 1);
	rc = marks(b, &why);
	ok(rc == DZ_ERR_INVAL, "%d marks are refused (rc %d)", DZ_RECON_MARKS_MAX + 1, (int)rc);
	ok(why != NULL && strcmp(why, "(not set)") != 0, "too many marks: why is set");
	free(b);
	/* the same document repeated is one mark, however often */
	if ((b = malloc((DZ_RECON_MARKS_MAX + 11) * 8 + 1)) == NULL)
		exit(1);
	for (i = 0, p = b; i < DZ_RECON_MARKS_MAX + 11; i++)
		p += sprintf(p, "%sm1=none", i > 0 ? "&" : "");
	rc = marks(b, &why);
	ok(rc == DZ_OK && mk.n == 1, "m1 %d times is one mark (rc %d, n %zu)",
	    DZ_RECON_MARKS_MAX + 11, (int)rc, mk.n);
	free(b);
}

static void
keys(void)
{
	static const char *const ignored[] = {
		"m", "m12x", "mm1", "m1234567890123456789012345", "m1234567890123456789",
		"m9999999999999999999", "m9223372036854775817",
		"M1", "xm1", "m-1", "m+1", "m1.0", "a1", "m%201",
	};
	char		 body[128];
	const char	*why;
	size_t		 i;
	enum dz_err	 rc;

	for (i = 0; i < DZ_NELEM(ignored); i++) {
		snprintf(body, sizeof(body), "%s=none&their_closing=1", ignored[i]);
		rc = marks(body, &why);
		ok(rc == DZ_OK && mk.n == 0 && mk.has_closing,
		    "key \"%s\" is not a mark (rc %d, n %zu)", ignored[i], (int)rc, mk.n);
	}
	rc = marks("m=none&m12x=none&mm1=none&m1234567890123456789012345=none", &why);
	ok(rc == DZ_ERR_INVAL, "only keys that are not marks: refused (rc %d)", (int)rc);
	is_str(why, LANG_recon_need_something, "only keys that are not marks: why asks for something");
	/* 18 digits are a mark (the longest a vchcode here can be) */
	rc = marks("m999999999999999999=none", &why);
	ok(rc == DZ_OK && mk.n == 1 && mk.mark[0].vchcode == 999999999999999999LL,
	    "18 digits are a mark (rc %d, n %zu)", (int)rc, mk.n);
	/* an unknown value under a key that is not a mark does not matter */
	rc = marks("m12x=maybe&their_closing=1", &why);
	ok(rc == DZ_OK, "m12x=maybe is ignored, not refused (rc %d)", (int)rc);
}

/* The map m is: header h, the columns of want (DZ_LCOL__MAX), negate neg. */
static int
same(const struct dz_ledger_map *m, long h, const int *want, int neg)
{
	int	c;

	if (m->header != h || m->negate != neg)
		return 0;
	for (c = 0; c < DZ_LCOL__MAX; c++)
		if (m->col[c] != want[c])
			return 0;
	return 1;
}

static void
maps(void)
{
	/* date, ref, memo, amount, debit, credit, bal */
	static const int	full[DZ_LCOL__MAX] = { 0, 1, 2, 3, -1, -1, 4 };
	static const int	dc[DZ_LCOL__MAX] = { 4, -1, -1, -1, 0, 2, -1 };
	static const int	da[DZ_LCOL__MAX] = { 0, -1, -1, 1, -1, -1, -1 };
	static const int	last[DZ_LCOL__MAX] = { 1, -1, -1, -1, -1, 4, -1 };
	static const struct {
		const char	*body;
		long		 h;
		const int	*cols;
		int		 neg;
	} good[] = {
		{ "h=1&date=0&ref=1&memo=2&amount=3&debit=&credit=&bal=4&neg=on", 0, full, 1 },
		{ "h=2&date=0&ref=1&memo=2&amount=3&bal=4", 1, full, 0 },
		{ "h=&date=4&debit=0&credit=2", -1, dc, 0 },
		{ "h=0&date=4&debit=0&credit=2&neg=1", -1, dc, 1 },
		{ "date=0&amount=1", -1, da, 0 },
		{ "h=10&date=0&amount=1", 9, da, 0 },
		{ "h=3&date=0&amount=1&neg=yes", 2, da, 0 },
		{ "h=3&date=0&amount=1&neg=", 2, da, 0 },
		{ "h=3&date=0&amount=1&neg=0", 2, da, 0 },
		{ "h=000001&date=000000&amount=000001", 0, da, 0 },
		{ "h=1&date=1&credit=4", 0, last, 0 },
		{ "h=1&date=0&amount=1&date=3", 0, da, 0 },
		{ "h=1&date=0&amount=1&other=7&m1=none", 0, da, 0 },
	};
	static const char *const bad[] = {
		/* out of the sheet (10 rows, 5 columns) */
		"h=1&date=5&amount=1", "h=1&date=0&amount=99", "h=11&date=0&amount=1",
		"h=1&date=0&amount=1&bal=5", "h=1&date=0&debit=1&credit=1000000",
		/* not digits */
		"h=x&date=0&amount=1", "h=-1&date=0&amount=1", "h=1&date=-1&amount=1",
		"h=1&date=+1&amount=2", "h=1&date=1.0&amount=2", "h=1&date=%2B1&amount=2",
		"h=1&date=%201&amount=2", "h=1&date=1%20&amount=2", "h=1&date=0&amount=one",
		"h=1&date=0x1&amount=2", "h=1&date=0&amount=1&memo=a", "h=1.&date=0&amount=1",
		"h=1&date=0000001&amount=2", "h=99999999999&date=0&amount=1",
		"h=1&date=0&amount=%EF%BC%91",
		/* a column named twice */
		"h=1&date=0&amount=0", "h=1&date=0&ref=1&amount=1", "h=1&date=0&debit=1&credit=1",
		"h=1&date=0&amount=1&bal=0", "h=1&date=2&memo=3&amount=1&bal=3",
		/* no date, no amount, both kinds of amount */
		"h=1&amount=1", "h=1&date=&amount=1", "h=1&date=0", "h=1&date=0&amount=&ref=1",
		"h=1&date=0&bal=1", "h=1&date=0&amount=1&debit=2", "h=1&date=0&amount=1&credit=2",
		"", "neg=on",
	};
	struct dz_ledger_map	m;
	size_t			i;
	enum dz_err		rc;

	for (i = 0; i < DZ_NELEM(good); i++) {
		rc = map(good[i].body, 10, 5, &m);
		ok(rc == DZ_OK && same(&m, good[i].h, good[i].cols, good[i].neg),
		    "map %s (rc %d, h %ld, neg %d, date %d, amount %d)", good[i].body, (int)rc,
		    m.header, m.negate, m.col[DZ_LCOL_DATE], m.col[DZ_LCOL_AMOUNT]);
		ok(rc == DZ_OK && dz_ledger_map_ok(&m, 5), "map %s is usable", good[i].body);
	}
	for (i = 0; i < DZ_NELEM(bad); i++) {
		rc = map(bad[i], 10, 5, &m);
		ok(rc == DZ_ERR_INVAL, "map \"%s\" refused (rc %d)", bad[i], (int)rc);
	}
	/* the sheet's size is what bounds the indexes */
	rc = map("h=1&date=5&amount=6", 10, 7, &m);
	ok(rc == DZ_OK && m.col[DZ_LCOL_DATE] == 5 && m.col[DZ_LCOL_AMOUNT] == 6,
	    "date=5, amount=6 fit a sheet of 7 columns (rc %d)", (int)rc);
	rc = map("h=1&date=5&amount=6", 10, 6, &m);
	ok(rc == DZ_ERR_INVAL, "amount=6 does not fit 6 columns (rc %d)", (int)rc);
	rc = map("h=0&date=0&amount=1", 0, 2, &m);
	ok(rc == DZ_OK && m.header == -1, "h=0 fits a sheet of no rows (rc %d)", (int)rc);
	rc = map("h=1&date=0&amount=1", 0, 2, &m);
	ok(rc == DZ_ERR_INVAL, "h=1 does not fit a sheet of no rows (rc %d)", (int)rc);
	rc = map("h=1&date=0&amount=1", 1, 2, &m);
	ok(rc == DZ_OK && m.header == 0, "h=1 fits a sheet of one row (rc %d)", (int)rc);
	rc = map("h=&date=0&amount=1", 10, 1, &m);
	ok(rc == DZ_ERR_INVAL, "amount=1 does not fit one column (rc %d)", (int)rc);
	rc = map("h=1&date=0&amount=1", 10, 0, &m);
	ok(rc == DZ_ERR_INVAL, "nothing fits a sheet of no columns (rc %d)", (int)rc);
	is_str(dz_recon_col_field(DZ_LCOL_BALANCE), "bal", "the balance column's field is bal");
	is_str(dz_recon_col_field(DZ_LCOL__MAX), "", "no field past the last column");
}

int
main(void)
{
	closing();
	kinds();
	refusals();
	repeats();
	limits();
	keys();
	maps();
	return done_testing();
}
