/*
 * dz_form_validate: every field type, valid and invalid, against a
 * one-field table; then tables of several fields (first failure named),
 * duplicates, multi fields and the bad flag.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "money.h"
#include "tap.h"

static const char *const colours[] = { "red", "green", "blue", NULL };

static const struct dz_field f_int = { "n", DZ_F_INT, 1, -5, 100, NULL, 0 };
static const struct dz_field f_intopt = { "n", DZ_F_INT, 0, -5, 100, NULL, 0 };
static const struct dz_field f_big = { "n", DZ_F_INT, 1, LLONG_MIN, LLONG_MAX, NULL, 0 };
static const struct dz_field f_date = { "d", DZ_F_DATE, 1, 0, 0, NULL, 0 };
static const struct dz_field f_money = { "m", DZ_F_MONEY, 1, 0, 100000000, NULL, 0 };
static const struct dz_field f_moneyneg = { "m", DZ_F_MONEY, 1, -100000, 100000, NULL, 0 };
static const struct dz_field f_enum = { "c", DZ_F_ENUM, 1, 0, 0, colours, 0 };
static const struct dz_field f_token = { "t", DZ_F_TOKEN, 1, 0, 43, NULL, 0 };
static const struct dz_field f_text = { "x", DZ_F_TEXT, 1, 0, 5, NULL, 0 };
static const struct dz_field f_textmin = { "x", DZ_F_TEXT, 0, 2, 5, NULL, 0 };
static const struct dz_field f_line = { "x", DZ_F_LINE, 1, 0, 5, NULL, 0 };
static const struct dz_field f_bool = { "b", DZ_F_BOOL, 0, 0, 0, NULL, 0 };
static const struct dz_field f_boolreq = { "b", DZ_F_BOOL, 1, 0, 0, NULL, 0 };

#define TOK43 "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm-_09"

/*
 * want: INT, ENUM, BOOL: the value i; MONEY: fen; DATE: yyyymmdd;
 * TEXT, LINE, TOKEN: the length in bytes. Checked only when present.
 */
static const struct {
	const struct dz_field	*f;
	const char		*q;
	enum dz_ferr		 why;
	int			 present;
	long long		 want;
} rows[] = {
	/* INT */
	{ &f_int, "n=5", DZ_FERR_NONE, 1, 5 },
	{ &f_int, "n=0", DZ_FERR_NONE, 1, 0 },
	{ &f_int, "n=-5", DZ_FERR_NONE, 1, -5 },
	{ &f_int, "n=100", DZ_FERR_NONE, 1, 100 },
	{ &f_int, "n=007", DZ_FERR_NONE, 1, 7 },
	{ &f_int, "n=-0", DZ_FERR_NONE, 1, 0 },
	{ &f_int, "n=101", DZ_FERR_RANGE, 0, 0 },
	{ &f_int, "n=-6", DZ_FERR_RANGE, 0, 0 },
	{ &f_int, "n=2147483648", DZ_FERR_RANGE, 0, 0 },
	{ &f_int, "n=99999999999999999999999", DZ_FERR_RANGE, 0, 0 },
	{ &f_int, "n=-99999999999999999999999", DZ_FERR_RANGE, 0, 0 },
	{ &f_int, "n=", DZ_FERR_MISSING, 0, 0 },
	{ &f_int, "", DZ_FERR_MISSING, 0, 0 },
	{ &f_int, "other=1", DZ_FERR_MISSING, 0, 0 },
	{ &f_int, "n=abc", DZ_FERR_FORMAT, 0, 0 },
	{ &f_int, "n=1e9", DZ_FERR_FORMAT, 0, 0 },
	{ &f_int, "n=0x10", DZ_FERR_FORMAT, 0, 0 },
	{ &f_int, "n=+5", DZ_FERR_FORMAT, 0, 0 },
	{ &f_int, "n=%2B5", DZ_FERR_FORMAT, 0, 0 },
	{ &f_int, "n=5+", DZ_FERR_FORMAT, 0, 0 },	/* "5 " */
	{ &f_int, "n=+", DZ_FERR_FORMAT, 0, 0 },	/* " " */
	{ &f_int, "n=-", DZ_FERR_FORMAT, 0, 0 },
	{ &f_int, "n=1.0", DZ_FERR_FORMAT, 0, 0 },
	{ &f_int, "n=99999999999999999999x", DZ_FERR_FORMAT, 0, 0 },
	{ &f_int, "n=%EF%BC%95", DZ_FERR_FORMAT, 0, 0 },	/* full-width 5 */
	{ &f_intopt, "", DZ_FERR_NONE, 0, 0 },
	{ &f_intopt, "n=", DZ_FERR_NONE, 0, 0 },
	{ &f_intopt, "n=7", DZ_FERR_NONE, 1, 7 },
	{ &f_intopt, "n=x", DZ_FERR_FORMAT, 0, 0 },
	{ &f_big, "n=9223372036854775807", DZ_FERR_NONE, 1, LLONG_MAX },
	{ &f_big, "n=-9223372036854775808", DZ_FERR_NONE, 1, LLONG_MIN },
	{ &f_big, "n=9223372036854775808", DZ_FERR_RANGE, 0, 0 },
	{ &f_big, "n=-9223372036854775809", DZ_FERR_RANGE, 0, 0 },
	/* DATE */
	{ &f_date, "d=2024-02-29", DZ_FERR_NONE, 1, 20240229 },
	{ &f_date, "d=2000-02-29", DZ_FERR_NONE, 1, 20000229 },
	{ &f_date, "d=1900-01-01", DZ_FERR_NONE, 1, 19000101 },
	{ &f_date, "d=2999-12-31", DZ_FERR_NONE, 1, 29991231 },
	{ &f_date, "d=2023-02-29", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=1900-02-29", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=2024-04-31", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=2024-13-01", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=2024-00-10", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=2024-01-00", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=1899-12-31", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=3000-01-01", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=2024-1-5", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=2024/01/05", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=20240105", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=2024-01-05x", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=+2024-01-0", DZ_FERR_FORMAT, 0, 0 },
	{ &f_date, "d=", DZ_FERR_MISSING, 0, 0 },
	/* MONEY */
	{ &f_money, "m=1%2C234.50", DZ_FERR_NONE, 1, 123450 },
	{ &f_money, "m=%C2%A5100", DZ_FERR_NONE, 1, 10000 },
	{ &f_money, "m=0", DZ_FERR_NONE, 1, 0 },
	{ &f_money, "m=1000000", DZ_FERR_NONE, 1, 100000000 },
	{ &f_money, "m=1000000.01", DZ_FERR_RANGE, 0, 0 },
	{ &f_money, "m=-1", DZ_FERR_RANGE, 0, 0 },
	{ &f_money, "m=1.234", DZ_FERR_FORMAT, 0, 0 },
	{ &f_money, "m=1%2C23", DZ_FERR_FORMAT, 0, 0 },
	{ &f_money, "m=abc", DZ_FERR_FORMAT, 0, 0 },
	{ &f_money, "m=1e3", DZ_FERR_FORMAT, 0, 0 },
	{ &f_moneyneg, "m=-1000", DZ_FERR_NONE, 1, -100000 },
	{ &f_moneyneg, "m=-1000.01", DZ_FERR_RANGE, 0, 0 },
	/* ENUM */
	{ &f_enum, "c=red", DZ_FERR_NONE, 1, 0 },
	{ &f_enum, "c=blue", DZ_FERR_NONE, 1, 2 },
	{ &f_enum, "c=Red", DZ_FERR_CHOICE, 0, 0 },
	{ &f_enum, "c=red+", DZ_FERR_CHOICE, 0, 0 },
	{ &f_enum, "c=purple", DZ_FERR_CHOICE, 0, 0 },
	{ &f_enum, "c=0", DZ_FERR_CHOICE, 0, 0 },
	{ &f_enum, "c=", DZ_FERR_MISSING, 0, 0 },
	/* TOKEN */
	{ &f_token, "t=" TOK43, DZ_FERR_NONE, 1, 43 },
	{ &f_token, "t=" TOK43 "A", DZ_FERR_FORMAT, 0, 0 },
	{ &f_token, "t=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm-_0", DZ_FERR_FORMAT, 0, 0 },
	{ &f_token, "t=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm%2B_09", DZ_FERR_FORMAT, 0, 0 },
	{ &f_token, "t=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm%2F_09", DZ_FERR_FORMAT, 0, 0 },
	{ &f_token, "t=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm=_09", DZ_FERR_FORMAT, 0, 0 },
	{ &f_token, "t=ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklm+_09", DZ_FERR_FORMAT, 0, 0 },
	{ &f_token, "t=", DZ_FERR_MISSING, 0, 0 },
	/* TEXT: at most 5 code points, \t \r \n allowed */
	{ &f_text, "x=hello", DZ_FERR_NONE, 1, 5 },
	{ &f_text, "x=%E4%B8%AD%E6%96%87%E5%AD%97%E7%AC%A6%E4%B8%B2", DZ_FERR_NONE, 1, 15 },
	{ &f_text, "x=a%0D%0Ab%09", DZ_FERR_NONE, 1, 5 },
	{ &f_text, "x=%F0%9F%98%80", DZ_FERR_NONE, 1, 4 },
	{ &f_text, "x=hello!", DZ_FERR_TOOLONG, 0, 0 },
	{ &f_text, "x=%E4%B8%AD%E6%96%87%E5%AD%97%E7%AC%A6%E4%B8%B2%E4%B8%B2", DZ_FERR_TOOLONG, 0, 0 },
	{ &f_text, "x=%C0%AF", DZ_FERR_UTF8, 0, 0 },
	{ &f_text, "x=%FF", DZ_FERR_UTF8, 0, 0 },
	{ &f_text, "x=%ED%A0%80", DZ_FERR_UTF8, 0, 0 },
	{ &f_text, "x=%E4%B8", DZ_FERR_UTF8, 0, 0 },
	{ &f_text, "x=a%01", DZ_FERR_CONTROL, 0, 0 },
	{ &f_text, "x=a%1B", DZ_FERR_CONTROL, 0, 0 },
	{ &f_text, "x=a%7F", DZ_FERR_CONTROL, 0, 0 },
	{ &f_text, "x=a%C2%85", DZ_FERR_CONTROL, 0, 0 },	/* C1 NEL */
	{ &f_text, "x=a%E2%80%AE", DZ_FERR_CONTROL, 0, 0 },	/* U+202E */
	{ &f_text, "x=a%E2%81%A6", DZ_FERR_CONTROL, 0, 0 },	/* U+2066 */
	{ &f_text, "x=a%E2%80%A8", DZ_FERR_NONE, 1, 4 },	/* U+2028 in TEXT */
	{ &f_text, "x=%3Cb%3E", DZ_FERR_NONE, 1, 3 },		/* escaping is output's */
	{ &f_text, "x=", DZ_FERR_MISSING, 0, 0 },
	{ &f_textmin, "x=a", DZ_FERR_TOOSHORT, 0, 0 },
	{ &f_textmin, "x=%E4%B8%AD", DZ_FERR_TOOSHORT, 0, 0 },	/* 3 bytes, 1 code point */
	{ &f_textmin, "x=ab", DZ_FERR_NONE, 1, 2 },
	{ &f_textmin, "", DZ_FERR_NONE, 0, 0 },
	/* LINE: no \t \r \n either */
	{ &f_line, "x=a+b", DZ_FERR_NONE, 1, 3 },
	{ &f_line, "x=%E5%BC%A0%E4%B8%89", DZ_FERR_NONE, 1, 6 },
	{ &f_line, "x=a%0Ab", DZ_FERR_CONTROL, 0, 0 },
	{ &f_line, "x=a%0Db", DZ_FERR_CONTROL, 0, 0 },
	{ &f_line, "x=a%09b", DZ_FERR_CONTROL, 0, 0 },
	{ &f_line, "x=a%E2%80%A8", DZ_FERR_CONTROL, 0, 0 },
	{ &f_line, "x=a%E2%80%A9", DZ_FERR_CONTROL, 0, 0 },
	{ &f_line, "x=abcdef", DZ_FERR_TOOLONG, 0, 0 },
	{ &f_line, "x=%C3%28", DZ_FERR_UTF8, 0, 0 },
	/* BOOL */
	{ &f_bool, "b=1", DZ_FERR_NONE, 1, 1 },
	{ &f_bool, "b=on", DZ_FERR_NONE, 1, 1 },
	{ &f_bool, "", DZ_FERR_NONE, 0, 0 },
	{ &f_bool, "b=", DZ_FERR_NONE, 0, 0 },
	{ &f_bool, "b=0", DZ_FERR_FORMAT, 0, 0 },
	{ &f_bool, "b=yes", DZ_FERR_FORMAT, 0, 0 },
	{ &f_bool, "b=1&b=1", DZ_FERR_DUPLICATE, 0, 0 },
	{ &f_boolreq, "", DZ_FERR_MISSING, 0, 0 },
	{ &f_boolreq, "b=on", DZ_FERR_NONE, 1, 1 },
	/* duplicates, for every kind */
	{ &f_int, "n=1&n=1", DZ_FERR_DUPLICATE, 0, 0 },
	{ &f_int, "n=1&n=2", DZ_FERR_DUPLICATE, 0, 0 },
	{ &f_int, "n=&n=2", DZ_FERR_DUPLICATE, 0, 0 },
	{ &f_intopt, "n=&n=", DZ_FERR_DUPLICATE, 0, 0 },
	{ &f_text, "x=a&x=b", DZ_FERR_DUPLICATE, 0, 0 },
	{ &f_enum, "c=red&c=red", DZ_FERR_DUPLICATE, 0, 0 },
	{ &f_date, "d=2024-01-01&d=2024-01-02", DZ_FERR_DUPLICATE, 0, 0 },
	{ &f_money, "m=1&m=2", DZ_FERR_DUPLICATE, 0, 0 },
	{ &f_token, "t=" TOK43 "&t=" TOK43, DZ_FERR_DUPLICATE, 0, 0 },
	/* unknown keys are ignored */
	{ &f_int, "zzz=1&n=3&yyy=%E4", DZ_FERR_NONE, 1, 3 },
};

static long long
value_of(const struct dz_field *f, const struct dz_value *v)
{
	switch (f->type) {
	case DZ_F_MONEY:
		return v->fen;
	case DZ_F_DATE:
		return v->y * 10000LL + v->m * 100 + v->d;
	case DZ_F_TEXT:
	case DZ_F_LINE:
	case DZ_F_TOKEN:
		return v->s != NULL && strlen(v->s) == v->len ? (long long)v->len : -1;
	default:
		return v->i;
	}
}

static void
one_field_rows(void)
{
	struct dz_pairs		 pp;
	struct dz_value		 v;
	struct dz_form_error	 err;
	enum dz_err		 rc;
	size_t			 i;

	for (i = 0; i < DZ_NELEM(rows); i++) {
		memset(&pp, 0, sizeof(pp));
		dz_form_parse_urlencoded(&pp, rows[i].q, strlen(rows[i].q));
		rc = dz_form_validate(&pp, rows[i].f, 1, &v, &err);
		if (rows[i].why == DZ_FERR_NONE) {
			ok(rc == DZ_OK && err.why == DZ_FERR_NONE &&
			    v.present == rows[i].present &&
			    (!v.present || value_of(rows[i].f, &v) == rows[i].want),
			    "%s \"%s\" ok, present %d, value %lld",
			    rows[i].f->name, rows[i].q, rows[i].present,
			    rows[i].want);
			if (rc != DZ_OK)
				diag("why %d", err.why);
			else if (v.present && value_of(rows[i].f, &v) != rows[i].want)
				diag("got %lld", value_of(rows[i].f, &v));
		} else {
			ok(rc == DZ_ERR_INVAL && err.why == rows[i].why &&
			    err.field != NULL &&
			    strcmp(err.field, rows[i].f->name) == 0,
			    "%s \"%s\" refused: %s", rows[i].f->name,
			    rows[i].q, dz_form_strerror(rows[i].why));
			if (rc == DZ_OK || err.why != rows[i].why)
				diag("rc %d why %d", rc, err.why);
		}
		dz_form_values_free(&v, 1);
		dz_form_free(&pp);
	}
}

enum { K_ID, K_DATE, K_NAME, K_TICK, K_AMT, K__MAX };

static const struct dz_field table[K__MAX] = {
	[K_ID] = { "id", DZ_F_INT, 1, 1, 1000000, NULL, 0 },
	[K_DATE] = { "date", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[K_NAME] = { "name", DZ_F_LINE, 1, 1, 20, NULL, 0 },
	[K_TICK] = { "tick", DZ_F_INT, 0, 1, 1000000, NULL, 1 },
	[K_AMT] = { "amt", DZ_F_MONEY, 0, -DZ_MONEY_MAX, DZ_MONEY_MAX, NULL, 1 },
};

static enum dz_err
run(const char *q, struct dz_pairs *pp, struct dz_value *v,
    struct dz_form_error *err)
{
	memset(pp, 0, sizeof(*pp));
	dz_form_parse_urlencoded(pp, q, strlen(q));
	return dz_form_validate(pp, table, K__MAX, v, err);
}

static void
table_checks(void)
{
	struct dz_pairs		 pp;
	struct dz_value		 v[K__MAX];
	struct dz_form_error	 err;
	enum dz_err		 rc;

	rc = run("id=7&date=2024-03-01&name=%E5%BC%A0%E4%B8%89&tick=3&tick=9&tick=4"
	    "&amt=1.5&amt=-2", &pp, v, &err);
	is_int(rc, DZ_OK, "a full form validates");
	is_int(v[K_ID].i, 7, "id");
	ok(v[K_DATE].present && v[K_DATE].y == 2024 && v[K_DATE].m == 3 &&
	    v[K_DATE].d == 1, "date");
	is_str(v[K_NAME].s, "\xe5\xbc\xa0\xe4\xb8\x89", "name");
	is_int(v[K_TICK].nall, 3, "multi: three ticks");
	ok(v[K_TICK].all != NULL && v[K_TICK].all[0].i == 3 &&
	    v[K_TICK].all[1].i == 9 && v[K_TICK].all[2].i == 4,
	    "multi: ticks in order");
	is_int(v[K_TICK].i, 3, "multi: first value is the field's own");
	is_int(v[K_AMT].nall, 2, "multi money: two");
	ok(v[K_AMT].all != NULL && v[K_AMT].all[0].fen == 150 &&
	    v[K_AMT].all[1].fen == -200, "multi money values");
	dz_form_values_free(v, K__MAX);
	ok(v[K_TICK].all == NULL && v[K_TICK].nall == 0, "values_free clears");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);

	rc = run("id=7&name=x", &pp, v, &err);
	ok(rc == DZ_OK && !v[K_DATE].present && !v[K_TICK].present &&
	    v[K_TICK].nall == 0 && v[K_TICK].all == NULL,
	    "optional and multi fields may be absent");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);

	rc = run("id=7&name=x&tick=&tick=5&tick=", &pp, v, &err);
	ok(rc == DZ_OK && v[K_TICK].nall == 1 && v[K_TICK].all[0].i == 5,
	    "multi: empty values skipped");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);

	rc = run("id=7&name=x&tick=3&tick=0&tick=x", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && strcmp(err.field, "tick") == 0 &&
	    err.why == DZ_FERR_RANGE, "multi: one bad value fails the field");
	ok(v[K_TICK].all == NULL, "failure leaves nothing to free");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);

	/* the first failure in table order is named */
	rc = run("id=x&date=2023-02-29&name=", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && strcmp(err.field, "id") == 0 &&
	    err.why == DZ_FERR_FORMAT, "first failure: id");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);
	rc = run("id=1&date=2023-02-29&name=", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && strcmp(err.field, "date") == 0 &&
	    err.why == DZ_FERR_FORMAT, "first failure: date");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);
	rc = run("id=1&name=", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && strcmp(err.field, "name") == 0 &&
	    err.why == DZ_FERR_MISSING, "first failure: name missing");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);
	rc = run("id=1&name=a&name=b", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && strcmp(err.field, "name") == 0 &&
	    err.why == DZ_FERR_DUPLICATE, "duplicate name refused");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);

	/*
	 * A pair dropped while decoding fails its field, named (issue 12,
	 * hole 4: it was "" and the users form built "Form.Err."); a name
	 * that did not decode, or a field not in the table, fails the form
	 * with "" (never NULL, never the request's own name).
	 */
	rc = run("id=1&name=a&junk=%00", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && err.field != NULL && err.field[0] == '\0' &&
	    err.why == DZ_FERR_CONTROL, "%%00 in a field not in the table: bad form");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);
	rc = run("id=1&name=a%zz", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && strcmp(err.field, "name") == 0 &&
	    err.why == DZ_FERR_ESCAPE, "bad escape: the field named, not a missing name");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);
	rc = run("id=1&name=%00", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && strcmp(err.field, "name") == 0 &&
	    err.why == DZ_FERR_CONTROL, "%%00: the field named, CONTROL");
	ok(!v[K_ID].present && v[K_ID].all == NULL, "... and out zeroed");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);
	rc = run("id=%00&name=x%00y", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && strcmp(err.field, "id") == 0,
	    "two fields with %%00: the first of the table named");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);
	rc = run("id=1&na%00me=x&name=a", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && err.field[0] == '\0' &&
	    err.why == DZ_FERR_NAME, "a name that did not decode: NAME, no field");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);
	rc = run("id=1&name=a&name=%00", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL && strcmp(err.field, "name") == 0 &&
	    err.why == DZ_FERR_CONTROL, "a good value and a dropped one: the field fails");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);

	/* dz_form_field: one field alone, whatever was dropped elsewhere */
	rc = run("id=1&name=%00&date=2024-01-02&%00=1", &pp, v, &err);
	ok(rc == DZ_ERR_INVAL, "(the whole form fails)");
	is_int(dz_form_field(&pp, &table[K_DATE], &v[K_DATE], &err), DZ_OK,
	    "dz_form_field: date kept beside a dropped name and a dropped pair");
	ok(v[K_DATE].present && v[K_DATE].d == 2, "... its value");
	is_int(dz_form_field(&pp, &table[K_NAME], &v[K_NAME], &err), DZ_ERR_INVAL,
	    "dz_form_field: the dropped field fails");
	ok(err.field != NULL && strcmp(err.field, "name") == 0 &&
	    err.why == DZ_FERR_CONTROL && !v[K_NAME].present, "... named, CONTROL, zeroed");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);
	ok(pp.ndropped == 0 && pp.dropped[0].key == NULL, "free forgets what was dropped");
}

static void
flood_checks(void)
{
	struct dz_pairs		 pp;
	struct dz_value		 v[K__MAX];
	struct dz_form_error	 err;
	char			*big;
	size_t			 i, len;

	big = malloc((DZ_FORM_MAXPAIRS + 1) * 8 + 32);
	len = (size_t)sprintf(big, "id=1&name=a");
	for (i = 0; i < DZ_FORM_MAXPAIRS; i++)
		len += (size_t)sprintf(big + len, "&tick=1");
	memset(&pp, 0, sizeof(pp));
	dz_form_parse_urlencoded(&pp, big, len);
	is_int(dz_form_validate(&pp, table, K__MAX, v, &err), DZ_ERR_INVAL,
	    "DZ_FORM_MAXPAIRS + 2 fields: refused");
	ok(err.field != NULL && err.field[0] == '\0' && err.why == DZ_FERR_TOOMANY,
	    "... TOOMANY, no field named");
	dz_form_values_free(v, K__MAX);
	dz_form_free(&pp);
	free(big);
}

static void
strerror_checks(void)
{
	int	 e;

	is_str(dz_form_strerror(DZ_FERR_MISSING), "必填", "MISSING text");
	is_str(dz_form_strerror(DZ_FERR_DUPLICATE), "重复提交的字段", "DUPLICATE text");
	is_str(dz_form_strerror(DZ_FERR_UTF8), "不是有效的 UTF-8 文本", "UTF8 text");
	is_str(dz_form_strerror(DZ_FERR_CONTROL), "含有控制字符", "CONTROL text");
	is_str(dz_form_strerror(DZ_FERR_CHOICE), "不是可选的值", "CHOICE text");
	ok(strstr(dz_form_strerror(DZ_FERR_ESCAPE), "%") != NULL, "ESCAPE text names the %%");
	ok(strstr(dz_form_strerror(DZ_FERR_NAME), "名称") != NULL, "NAME text says 名称");
	for (e = 0; e <= DZ_FERR__MAX; e++)
		ok(dz_form_strerror(e) != NULL && dz_form_strerror(e)[0] != '\0',
		    "strerror(%d) has a text", e);
}

int
main(void)
{
	one_field_rows();
	table_checks();
	flood_checks();
	strerror_checks();
	return done_testing();
}
