/* SOURCES: lib/ledger.c lib/clock.c lib/form.c lib/money.c lib/log.c lib/utf8.c lib/util.c */
/*
 * libFuzzer target: a customer's ledger as lib/sheet hands it over, then
 * lib/ledger: the input is a table (rows by '\n', cells by '\t', at most
 * 64 columns and 300 rows). Every cell goes through dz_ledger_amount
 * (an amount read is within +-DZ_MONEY_MAX) and dz_ledger_day (-1 or a
 * day of 1900..2999); the header is guessed and, when the map is usable,
 * the rows are read: each row points into the sheet, its amount is non-zero
 * and within range, its day -1 or in range, and rows plus skipped ones are
 * at most the rows under the header. The whole input as a map string:
 * what parses formats back to a string that parses to the same map.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"
#include "money.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

#define COLS	64
#define ROWS	300
#define DAY_MIN	(-25567L)	/* 1900-01-01 */
#define DAY_MAX	376199L		/* 2999-12-31 */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dz_ledger_map	 m, back;
	struct dz_ledger	 l;
	struct dz_sheet		 s;
	const char		**cell;
	char			*buf, *p, *line, *c, fmt[160];
	size_t			 nr = 0, nc = 0, r, k, i;
	int64_t			 v;
	long			 d;

	if (size > 65536 || (buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (dz_ledger_map_parse(buf, &m) == DZ_OK) {
		CHECK(dz_ledger_map_format(&m, fmt, sizeof(fmt)) == DZ_OK);
		CHECK(dz_ledger_map_parse(fmt, &back) == DZ_OK);
		CHECK(memcmp(m.col, back.col, sizeof(m.col)) == 0 && m.header == back.header &&
		    m.negate == back.negate);
	}
	if ((cell = calloc(ROWS * COLS, sizeof(*cell))) == NULL) {
		free(buf);
		return 0;
	}
	for (i = 0; i < ROWS * COLS; i++)
		cell[i] = "";
	for (p = buf; (line = strsep(&p, "\n")) != NULL && nr < ROWS; nr++)
		for (k = 0; (c = strsep(&line, "\t")) != NULL && k < COLS; k++) {
			cell[nr * COLS + k] = c;
			if (k + 1 > nc)
				nc = k + 1;
			if (dz_ledger_amount(c, &v) == DZ_OK)
				CHECK(v >= -DZ_MONEY_MAX && v <= DZ_MONEY_MAX);
			d = dz_ledger_day(c);
			CHECK(d == -1 || (d >= DAY_MIN && d <= DAY_MAX));
		}
	/* the sheet of COLS columns, cut to the ones used */
	for (r = 0; r < nr && nc < COLS; r++)
		for (k = 0; k < nc; k++)
			cell[r * nc + k] = cell[r * COLS + k];
	memset(&s, 0, sizeof(s));
	s.nrows = nr;
	s.ncols = nc;
	s.cell = cell;
	if (nc > 0 && dz_ledger_guess(&s, &m) == DZ_OK && dz_ledger_map_ok(&m, nc)) {
		CHECK(dz_ledger_read(&s, &m, &l) == DZ_OK);
		CHECK(l.nrows + l.skipped <= nr - (size_t)(m.header + 1));
		for (i = 0; i < l.nrows; i++) {
			CHECK(l.row[i].amount != 0 && l.row[i].amount >= -DZ_MONEY_MAX &&
			    l.row[i].amount <= DZ_MONEY_MAX);
			CHECK(l.row[i].day == -1 || (l.row[i].day >= DAY_MIN && l.row[i].day <= DAY_MAX));
			CHECK(l.sheet_row[i] > (size_t)m.header && l.sheet_row[i] < nr);
		}
		dz_ledger_free(&l);
	}
	free(cell);
	free(buf);
	return 0;
}
