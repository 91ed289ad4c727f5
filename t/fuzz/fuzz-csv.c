/* SOURCES: lib/csv.c */
/*
 * libFuzzer target: the spreadsheet CSV writer (lib/csv). The input, cut
 * at NUL bytes, is a row of cells; a first byte of 'n' in a cell writes it
 * with dz_csv_number (the rest of the cell), else with dz_csv_cell. The
 * row is read back with an RFC 4180 reader written here and checked: as
 * many cells as written; each text cell's bytes come back, behind one '
 * exactly when its first byte is one a formula starts with; a cell that
 * went out bare is a plain decimal and nothing else; no cell read back
 * starts with = + - @ TAB or CR unless it is a bare number ("-1.5").
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

#define MAXCELLS	64

static int
plain(const char *s, size_t n)
{
	size_t	i = 0, d = 0;

	if (i < n && s[i] == '-')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		d++;
	if (d == 0)
		return 0;
	if (i < n && s[i] == '.') {
		i++;
		for (d = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			d++;
		if (d == 0)
			return 0;
	}
	return i == n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dz_csv	 c = DZ_CSV_INIT;
	char		*in, *cell[MAXCELLS], *out;
	int		 number[MAXCELLS];
	size_t		 ncell = 0, i, p, o;

	if ((in = malloc(size + 1)) == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	for (p = 0; p <= size && ncell < MAXCELLS; ) {
		number[ncell] = in[p] == 'n';
		cell[ncell++] = in + p + (in[p] == 'n');
		p += strlen(in + p) + 1;
	}
	for (i = 0; i < ncell; i++)
		CHECK((number[i] ? dz_csv_number(&c, cell[i]) : dz_csv_cell(&c, cell[i])) == 0);
	CHECK(dz_csv_row_end(&c) == 0);
	CHECK(!c.failed && c.len >= 2 && memcmp(c.buf + c.len - 2, "\r\n", 2) == 0);

	/* Read it back. */
	if ((out = malloc(c.len + 1)) == NULL)
		abort();
	p = 0;
	for (i = 0; i < ncell; i++) {
		size_t	n = strlen(cell[i]);
		int	quoted = c.buf[p] == '"';

		o = 0;
		if (quoted) {
			for (p++; ; p++) {
				CHECK(p < c.len);
				if (c.buf[p] == '"') {
					if (p + 1 < c.len && c.buf[p + 1] == '"') {
						out[o++] = '"';
						p++;
						continue;
					}
					p++;
					break;
				}
				out[o++] = c.buf[p];
			}
		} else
			while (p < c.len && c.buf[p] != ',' && c.buf[p] != '\r')
				out[o++] = c.buf[p++];
		out[o] = '\0';
		CHECK(p < c.len && c.buf[p] == (i + 1 < ncell ? ',' : '\r'));
		p++;
		if (!quoted) {
			CHECK(number[i] && plain(out, o));
			CHECK(o == n && memcmp(out, cell[i], n) == 0);
		} else if (dz_csv_risky(cell[i])) {
			CHECK(o == n + 1 && out[0] == '\'' && memcmp(out + 1, cell[i], n) == 0);
		} else {
			CHECK(o == n && memcmp(out, cell[i], n) == 0);
			CHECK(!dz_csv_risky(out));
		}
	}
	CHECK(p == c.len - 1 && c.buf[p] == '\n');
	free(out);
	dz_csv_free(&c);
	free(in);
	return 0;
}
