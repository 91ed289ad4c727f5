/*
 * oracle-core.c: the oracle's computation (see oracle.h). Deliberately naive:
 * it reads rows with the simplest SQL and does every sum in int64 fen in C,
 * so it shares nothing with the ERP profiles it is used to check.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"

int
orc_dec(const char *s, int scale, int64_t *out)
{
	int neg = 0, ndig = 0, frac = 0, seen_dot = 0, e = 0, eneg = 0, exp10;
	int64_t m = 0, p;
	const char *q = s;

	if (*q == '+' || *q == '-')
		neg = *q++ == '-';
	for (; *q != '\0'; q++) {
		if (isdigit((unsigned char)*q)) {
			if (m == 0 && *q == '0') {
				if (seen_dot)
					frac++;
			} else {
				if (++ndig > 18)
					return -1;
				m = m * 10 + (*q - '0');
				if (seen_dot)
					frac++;
			}
		} else if (*q == '.' && !seen_dot)
			seen_dot = 1;
		else
			break;
	}
	if (q == s || (q == s + 1 && (*s == '+' || *s == '-' || *s == '.')))
		return -1;
	if (*q == 'e' || *q == 'E') {
		q++;
		if (*q == '+' || *q == '-')
			eneg = *q++ == '-';
		if (!isdigit((unsigned char)*q))
			return -1;
		for (; isdigit((unsigned char)*q); q++)
			if ((e = e * 10 + (*q - '0')) > 400)
				return -1;
	}
	if (*q != '\0')
		return -1;
	exp10 = (eneg ? -e : e) - frac + scale;
	if (m == 0) {
		*out = 0;
		return 0;
	}
	if (exp10 >= 0) {
		for (; exp10 > 0; exp10--) {
			if (m > INT64_MAX / 10)
				return -1;
			m *= 10;
		}
	} else if (exp10 < -18)
		m = 0;
	else {
		for (p = 1; exp10 < 0; exp10++)
			p *= 10;
		m = m / p + (2 * (m % p) >= p ? 1 : 0);
	}
	*out = neg ? -m : m;
	return 0;
}

int
orc_column_scaled(sqlite3_stmt *st, int col, int scale, int64_t *out)
{
	char buf[64];
	int64_t v;
	int i;

	switch (sqlite3_column_type(st, col)) {
	case SQLITE_NULL:
		*out = 0;
		return 0;
	case SQLITE_INTEGER:
		v = sqlite3_column_int64(st, col);
		for (i = 0; i < scale; i++) {
			if (v > INT64_MAX / 10 || v < INT64_MIN / 10)
				return -1;
			v *= 10;
		}
		*out = v;
		return 0;
	case SQLITE_FLOAT:
		snprintf(buf, sizeof(buf), "%.15g", sqlite3_column_double(st, col));
		return orc_dec(buf, scale, out);
	default:
		return orc_dec((const char *)sqlite3_column_text(st, col), scale,
		    out);
	}
}

int
orc_sign(int vchtype)
{
	switch (vchtype) {
	case 11:
	case 116:
		return 1;
	case 45:
	case 4:
	case 115:
		return -1;
	default:
		return 0;
	}
}

void
orc_fmt_qty(char buf[32], int64_t qty4)
{
	uint64_t a = qty4 < 0 ? -(uint64_t)qty4 : (uint64_t)qty4;
	unsigned f = (unsigned)(a % 10000);
	int n;

	n = snprintf(buf, 32, "%s%" PRIu64, qty4 < 0 ? "-" : "", a / 10000);
	if (f != 0) {
		snprintf(buf + n, (size_t)(32 - n), ".%04u", f);
		n = (int)strlen(buf);
		while (buf[n - 1] == '0')
			buf[--n] = '\0';
	}
}

int
orc_valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

/* Writes text with TAB, CR and LF made spaces, so a field never breaks the format. */
static void
put_text(FILE *out, const char *s)
{
	if (s == NULL)
		return;
	for (; *s != '\0'; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

void
orc_put_customer(FILE *out, const char *typeid, const char *code,
    const char *name)
{
	fputs("customer\t", out);
	put_text(out, typeid);
	fputc('\t', out);
	put_text(out, code);
	fputc('\t', out);
	put_text(out, name);
	fputc('\n', out);
}

void
orc_put_opening(FILE *out, int64_t fen)
{
	fprintf(out, "opening\t%" PRId64 "\n", fen);
}

void
orc_put_doc(FILE *out, int64_t vchcode, const char *date, int vchtype,
    const char *number, const char *summary, int64_t fen)
{
	fprintf(out, "doc\t%" PRId64 "\t", vchcode);
	put_text(out, date);
	fprintf(out, "\t%d\t", vchtype);
	put_text(out, number);
	fputc('\t', out);
	put_text(out, summary);
	fprintf(out, "\t%" PRId64 "\n", fen);
}

void
orc_put_line(FILE *out, int64_t vchcode, const char *code, const char *name,
    const char *unit, int64_t qty4, int64_t price_fen, int64_t amount_fen)
{
	char q[32];

	orc_fmt_qty(q, qty4);
	fprintf(out, "line\t%" PRId64 "\t", vchcode);
	put_text(out, code);
	fputc('\t', out);
	put_text(out, name);
	fputc('\t', out);
	put_text(out, unit);
	fprintf(out, "\t%s\t%" PRId64 "\t%" PRId64 "\n", q, price_fen, amount_fen);
}

void
orc_put_total(FILE *out, int vchtype, long count, int64_t fen)
{
	fprintf(out, "total\t%d\t%ld\t%" PRId64 "\n", vchtype, count, fen);
}

void
orc_put_closing(FILE *out, int64_t fen)
{
	fprintf(out, "closing\t%" PRId64 "\n", fen);
}

void
orc_put_cust(FILE *out, const char *typeid, const char *code,
    const char *name, int64_t artotal_fen)
{
	fputs("cust\t", out);
	put_text(out, typeid);
	fputc('\t', out);
	put_text(out, code);
	fputc('\t', out);
	put_text(out, name);
	fprintf(out, "\t%" PRId64 "\n", artotal_fen);
}

static int
prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, const char **err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK) {
		*err = sqlite3_errmsg(db);
		return -1;
	}
	return 0;
}

/* Prints the goods lines of one sales (11) or return (45) document. */
static int
put_lines(sqlite3 *db, sqlite3_stmt *st, int64_t vchcode, int vchtype,
    FILE *out, const char **err)
{
	int64_t qty, price, amount, sign = vchtype == 11 ? -1 : 1;
	int rc;

	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, vchcode);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (orc_column_scaled(st, 3, 4, &qty) != 0 ||
		    orc_column_scaled(st, 4, 2, &price) != 0 ||
		    orc_column_scaled(st, 5, 2, &amount) != 0) {
			*err = "DlySale: an amount is not a number";
			return -1;
		}
		orc_put_line(out, vchcode, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), qty * sign, price,
		    amount * sign);
	}
	if (rc != SQLITE_DONE) {
		*err = sqlite3_errmsg(db);
		return -1;
	}
	return 0;
}

int
orc_report(sqlite3 *db, const struct orc_query *q, FILE *out, const char **err)
{
	sqlite3_stmt *cu = NULL, *op = NULL, *dl = NULL, *ln = NULL;
	int64_t opening, v, ar00, ap00, sum = 0, tsum[ORC_MAXTYPES] = { 0 };
	long tcount[ORC_MAXTYPES] = { 0 };
	int i, rc, ret = -1;

	for (i = 0; i < q->ntypes; i++)
		if (orc_sign(q->types[i]) == 0) {
			*err = "types: only 11, 45, 4, 116 and 115 are statement types";
			return -1;
		}
	if (!orc_valid_date(q->from) || !orc_valid_date(q->to)) {
		*err = "dates: want YYYY-MM-DD";
		return -1;
	}
	if (prepare(db, "SELECT typeId, UserCode, FullName, ARTotal00, APTotal00"
	    " FROM Btype WHERE typeId = ?1", &cu, err) != 0 ||
	    prepare(db, "SELECT VchType, Total FROM Dlyndx"
	    " WHERE btypeid = ?1 AND draft = 2 AND Date < ?2", &op, err) != 0 ||
	    prepare(db, "SELECT Vchcode, Date, VchType, Number, summary, Total"
	    " FROM Dlyndx WHERE btypeid = ?1 AND draft = 2 AND RedOld = 'F'"
	    " AND Date >= ?2 AND Date <= ?3 ORDER BY Date, Number, Vchcode",
	    &dl, err) != 0 ||
	    prepare(db, "SELECT p.UserCode, p.FullName, p.Unit1, s.Qty,"
	    " s.TaxPrice, s.tax_total FROM DlySale s"
	    " LEFT JOIN Ptype p ON p.typeId = s.PtypeId"
	    " WHERE s.Vchcode = ?1 ORDER BY s.dlyorder", &ln, err) != 0)
		goto out;

	sqlite3_bind_text(cu, 1, q->customer, -1, SQLITE_STATIC);
	if (sqlite3_step(cu) != SQLITE_ROW) {
		*err = "no such customer";
		goto out;
	}
	if (orc_column_scaled(cu, 3, 2, &ar00) != 0 ||
	    orc_column_scaled(cu, 4, 2, &ap00) != 0) {
		*err = "Btype: opening balance is not a number";
		goto out;
	}
	orc_put_customer(out, (const char *)sqlite3_column_text(cu, 0),
	    (const char *)sqlite3_column_text(cu, 1),
	    (const char *)sqlite3_column_text(cu, 2));

	/* opening: initial balance (AR and AP netted) + every posted movement before from */
	opening = ar00 - ap00;
	sqlite3_bind_text(op, 1, q->customer, -1, SQLITE_STATIC);
	sqlite3_bind_text(op, 2, q->from, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(op)) == SQLITE_ROW) {
		if (orc_column_scaled(op, 1, 2, &v) != 0) {
			*err = "Dlyndx: Total is not a number";
			goto out;
		}
		opening += orc_sign(sqlite3_column_int(op, 0)) * v;
	}
	if (rc != SQLITE_DONE) {
		*err = sqlite3_errmsg(db);
		goto out;
	}
	orc_put_opening(out, opening);

	sqlite3_bind_text(dl, 1, q->customer, -1, SQLITE_STATIC);
	sqlite3_bind_text(dl, 2, q->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(dl, 3, q->to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(dl)) == SQLITE_ROW) {
		int vt = sqlite3_column_int(dl, 2);
		int64_t code = sqlite3_column_int64(dl, 0), amt;

		for (i = 0; i < q->ntypes && q->types[i] != vt; i++)
			;
		if (i == q->ntypes)
			continue;
		if (orc_column_scaled(dl, 5, 2, &v) != 0) {
			*err = "Dlyndx: Total is not a number";
			goto out;
		}
		amt = orc_sign(vt) * v;
		tcount[i]++;
		tsum[i] += amt;
		sum += amt;
		orc_put_doc(out, code, (const char *)sqlite3_column_text(dl, 1), vt,
		    (const char *)sqlite3_column_text(dl, 3),
		    (const char *)sqlite3_column_text(dl, 4), amt);
		if ((vt == 11 || vt == 45) &&
		    put_lines(db, ln, code, vt, out, err) != 0)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		*err = sqlite3_errmsg(db);
		goto out;
	}
	for (i = 0; i < q->ntypes; i++)
		orc_put_total(out, q->types[i], tcount[i], tsum[i]);
	orc_put_closing(out, opening + sum);
	ret = 0;
out:
	sqlite3_finalize(cu);
	sqlite3_finalize(op);
	sqlite3_finalize(dl);
	sqlite3_finalize(ln);
	return ret;
}

int
orc_list_customers(sqlite3 *db, FILE *out, const char **err)
{
	sqlite3_stmt *st = NULL;
	int64_t ar;
	int rc, ret = -1;

	if (prepare(db, "SELECT typeId, UserCode, FullName, ARTotal FROM Btype"
	    " WHERE sonnum = 0 AND deleted = 0 ORDER BY UserCode, typeId",
	    &st, err) != 0)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (orc_column_scaled(st, 3, 2, &ar) != 0) {
			*err = "Btype: ARTotal is not a number";
			goto out;
		}
		orc_put_cust(out, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), ar);
	}
	if (rc != SQLITE_DONE) {
		*err = sqlite3_errmsg(db);
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	return ret;
}
