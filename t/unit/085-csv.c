/*
 * lib/csv: what a spreadsheet user's CSV holds, byte for byte. Each row
 * of the table is one cell written alone (text or number) and the bytes
 * expected; then whole rows, the byte-order mark, clearing, and the
 * failed flag's contract.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "tap.h"

static const struct {
	const char	*in;
	int		 number;	/* written with dz_csv_number */
	const char	*want;
	const char	*why;
} cells[] = {
	{ "abc", 0, "\"abc\"", "plain text is quoted" },
	{ "", 0, "\"\"", "empty" },
	{ NULL, 0, "\"\"", "NULL is empty" },
	/* formulas: the first byte neutralised, nothing else touched */
	{ "=1+1", 0, "\"'=1+1\"", "= first" },
	{ "=HYPERLINK(\"http://x\")", 0, "\"'=HYPERLINK(\"\"http://x\"\")\"", "= with quotes" },
	{ "+86 138", 0, "\"'+86 138\"", "+ first" },
	{ "-2+3", 0, "\"'-2+3\"", "- first" },
	{ "@SUM(A1)", 0, "\"'@SUM(A1)\"", "@ first" },
	{ "\tx", 0, "\"'\tx\"", "tab first" },
	{ "\rx", 0, "\"'\rx\"", "CR first" },
	{ "a=1", 0, "\"a=1\"", "= later is text" },
	{ " =1", 0, "\" =1\"", "space then = is left as it is" },
	{ "'=1", 0, "\"'=1\"", "already quoted: one ' only (the user's)" },
	/* RFC 4180 */
	{ "say \"hi\"", 0, "\"say \"\"hi\"\"\"", "quotes doubled" },
	{ "\"", 0, "\"\"\"\"", "a lone quote" },
	{ "a,b", 0, "\"a,b\"", "comma inside" },
	{ "line1\nline2", 0, "\"line1\nline2\"", "LF inside" },
	{ "line1\r\nline2", 0, "\"line1\r\nline2\"", "CRLF inside" },
	/* CJK passes through as UTF-8 */
	{ "\xe5\xae\xa2\xe6\x88\xb7" "A", 0, "\"\xe5\xae\xa2\xe6\x88\xb7" "A\"", "CJK" },
	{ "=\xe6\xac\xa0\xe6\xac\xbe", 0, "\"'=\xe6\xac\xa0\xe6\xac\xbe\"", "= then CJK" },
	/* numbers: bare only when plainly a number */
	{ "1234.50", 1, "1234.50", "a number" },
	{ "-1234.50", 1, "-1234.50", "a negative number stays a number" },
	{ "0", 1, "0", "zero" },
	{ "-", 1, "\"'-\"", "a lone minus is text" },
	{ "-1+1", 1, "\"'-1+1\"", "an expression is text, neutralised" },
	{ "1.", 1, "\"1.\"", "no digits after the point" },
	{ "1,234.50", 1, "\"1,234.50\"", "grouped: text" },
	{ "=1", 1, "\"'=1\"", "a formula given as a number" },
	{ "12e3", 1, "\"12e3\"", "exponent: text" },
	{ NULL, 1, "\"\"", "NULL number" },
};

int
main(void)
{
	struct dz_csv	c = DZ_CSV_INIT;
	size_t		i;
	char		big[5000];

	for (i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		dz_csv_clear(&c);
		c.col = 0;
		if (cells[i].number)
			ok(dz_csv_number(&c, cells[i].in) == 0, "%s: written", cells[i].why);
		else
			ok(dz_csv_cell(&c, cells[i].in) == 0, "%s: written", cells[i].why);
		ok(c.len == strlen(cells[i].want) &&
		    memcmp(c.buf, cells[i].want, c.len) == 0, "%s: bytes", cells[i].why);
	}

	/* Rows: BOM, separators, CR LF, the row counter. */
	dz_csv_free(&c);
	ok(dz_csv_bom(&c) == 0 && dz_csv_cell(&c, "a") == 0 &&
	    dz_csv_number(&c, "-1.5") == 0 && dz_csv_cell(&c, "=b") == 0 &&
	    dz_csv_row_end(&c) == 0 && dz_csv_cell(&c, "c") == 0 &&
	    dz_csv_row_end(&c) == 0, "two rows written");
	{
		static const char want[] = "\xef\xbb\xbf\"a\",-1.5,\"'=b\"\r\n\"c\"\r\n";

		is_int((long long)c.len, (long long)sizeof(want) - 1, "row bytes: length");
		ok(memcmp(c.buf, want, sizeof(want) - 1) == 0, "row bytes: BOM, commas, CR LF");
	}
	is_int(c.col, 0, "a row end resets the column");

	/* Clear keeps the memory and starts again. */
	dz_csv_clear(&c);
	is_int((long long)c.len, 0, "clear empties");
	ok(c.buf != NULL, "clear keeps the buffer");

	/* Growth past the first allocation; every byte kept. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[0] = '"';
	for (i = 0; i < 10; i++)
		dz_csv_cell(&c, big);
	ok(!c.failed && c.len == 10 * (sizeof(big) - 1 + 1 + 2) + 9,
	    "ten 5 KB cells: %zu bytes", c.len);

	/* Failed: every later call refuses. */
	c.failed = 1;
	ok(dz_csv_cell(&c, "a") == -1 && dz_csv_row_end(&c) == -1 &&
	    dz_csv_bom(&c) == -1 && dz_csv_number(&c, "1") == -1,
	    "after a failure everything returns -1");
	dz_csv_free(&c);
	ok(c.buf == NULL && c.len == 0 && !c.failed, "free resets");

	/* The risky test on its own. */
	ok(dz_csv_risky("=") && dz_csv_risky("+") && dz_csv_risky("-") &&
	    dz_csv_risky("@") && dz_csv_risky("\t") && dz_csv_risky("\r") &&
	    !dz_csv_risky("a") && !dz_csv_risky("") && !dz_csv_risky(NULL) &&
	    !dz_csv_risky("\n"), "dz_csv_risky");
	return done_testing();
}
