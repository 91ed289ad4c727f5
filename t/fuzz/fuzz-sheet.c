/* SOURCES: lib/sheet.c lib/utf8.c lib/util.c */
/* LIBS: -lminizip -lexpat -lcsv -lz -lm */
/*
 * libFuzzer target: the upload reader (lib/sheet). The input is an
 * upload as it comes (a zip, a CSV in any encoding), except that one
 * starting with "XZ" is XML for a workbook: the rest, cut at NUL bytes,
 * is the sheet, the shared strings, the styles and the workbook, put
 * here into a stored zip with right CRCs (with the usual content types
 * and relationships), so the fuzzer reaches the XML handlers instead of
 * breaking checksums. Checked on every result: a table has 1 to
 * DZ_SHEET_ROWS_MAX rows and 1 to DZ_SHEET_COLS_MAX columns, a last row
 * and a last column with text, every cell well-formed UTF-8 of at most
 * DZ_SHEET_CELL_MAX characters with no control character but tab; a
 * refusal leaves nothing behind, with a reason of its own (TOOBIG for
 * the size limits, INVAL for the rest); ASan finds the leaks.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "sheet.h"
#include "utf8.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

static const char *const names[] = {
	"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
	"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
};
static const char wb[] = "<workbook xmlns:r=\"r\"><sheets><sheet r:id=\"rId1\"/>"
    "</sheets></workbook>";
static const char rels[] = "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"x/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"x/styles\" "
    "Target=\"styles.xml\"/></Relationships>";
static const char types[] = "<Types><Override PartName=\"/xl/workbook.xml\" ContentType="
    "\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>";

static unsigned char *
le(unsigned char *p, uint32_t v, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		*p++ = v >> (8 * i);
	return p;
}

/* A stored zip of the parts into b (big enough); its length. */
static size_t
zip(unsigned char *b, const char *const part[], const size_t len[], int n)
{
	unsigned char	*p = b, *cd, *eocd;
	uint32_t	 off[6], crc[6];
	size_t		 nl;
	int		 i;

	for (i = 0; i < n; i++) {
		off[i] = p - b;
		crc[i] = crc32(0, (const Bytef *)part[i], len[i]);
		nl = strlen(names[i]);
		p = le(p, 0x04034b50, 4);
		p = le(p, 10, 2);		/* version */
		p = le(p, 0, 2);		/* flags */
		p = le(p, 0, 2);		/* stored */
		p = le(p, 0, 4);		/* time, date */
		p = le(p, crc[i], 4);
		p = le(p, len[i], 4);
		p = le(p, len[i], 4);
		p = le(p, nl, 2);
		p = le(p, 0, 2);
		memcpy(p, names[i], nl);
		p += nl;
		memcpy(p, part[i], len[i]);
		p += len[i];
	}
	cd = p;
	for (i = 0; i < n; i++) {
		nl = strlen(names[i]);
		p = le(p, 0x02014b50, 4);
		p = le(p, 20, 2);
		p = le(p, 10, 2);
		p = le(p, 0, 2);
		p = le(p, 0, 2);
		p = le(p, 0, 4);
		p = le(p, crc[i], 4);
		p = le(p, len[i], 4);
		p = le(p, len[i], 4);
		p = le(p, nl, 2);
		p = le(p, 0, 2);		/* extra */
		p = le(p, 0, 2);		/* comment */
		p = le(p, 0, 2);		/* disk */
		p = le(p, 0, 2);		/* internal attributes */
		p = le(p, 0, 4);		/* external attributes */
		p = le(p, off[i], 4);
		memcpy(p, names[i], nl);
		p += nl;
	}
	eocd = p;
	p = le(p, 0x06054b50, 4);
	p = le(p, 0, 4);
	p = le(p, n, 2);
	p = le(p, n, 2);
	p = le(p, eocd - cd, 4);
	p = le(p, cd - b, 4);
	p = le(p, 0, 2);
	return p - b;
}

static void
check_table(const struct dz_sheet *s)
{
	size_t		 r, c, i, k, chars;
	const char	*t;
	uint32_t	 cp;
	int		 lastrow = 0, lastcol = 0;

	CHECK(s->nrows >= 1 && s->nrows <= DZ_SHEET_ROWS_MAX);
	CHECK(s->ncols >= 1 && s->ncols <= DZ_SHEET_COLS_MAX);
	CHECK(s->cell != NULL && s->mem != NULL && s->encoding != NULL);
	for (r = 0; r < s->nrows; r++)
		for (c = 0; c < s->ncols; c++) {
			t = s->cell[r * s->ncols + c];
			CHECK(t != NULL && t == dz_sheet_cell(s, r, c));
			if (*t != '\0' && r == s->nrows - 1)
				lastrow = 1;
			if (*t != '\0' && c == s->ncols - 1)
				lastcol = 1;
			for (i = chars = 0; t[i] != '\0'; i += k, chars++) {
				k = dz_utf8_next((const unsigned char *)t + i, strlen(t + i), &cp);
				CHECK(k > 0);
				CHECK(cp == '\t' || !dz_utf8_is_control(cp));
			}
			CHECK(chars <= DZ_SHEET_CELL_MAX);
		}
	CHECK(lastrow && lastcol);
	CHECK(*dz_sheet_cell(s, s->nrows, 0) == '\0' && *dz_sheet_cell(s, 0, s->ncols) == '\0');
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dz_sheet		 s;
	enum dz_sheet_why	 why;
	enum dz_err		 e;
	const char		*part[6] = { "", "", "", wb, rels, types };
	size_t			 len[6] = { 0, 0, 0, sizeof(wb) - 1, sizeof(rels) - 1,
				    sizeof(types) - 1 };
	unsigned char		*z = NULL;
	const char		*p, *end, *nul;
	int			 i;

	if (size >= 2 && data[0] == 'X' && data[1] == 'Z') {
		p = (const char *)data + 2;
		end = (const char *)data + size;
		for (i = 0; i < 4 && p <= end; i++) {
			if ((nul = memchr(p, '\0', end - p)) == NULL)
				nul = end;
			part[i] = p;
			len[i] = nul - p;
			p = nul + 1;
		}
		if ((z = malloc(size + 2048)) == NULL)
			return 0;
		size = zip(z, part, len, 6);
		data = z;
	}
	e = dz_sheet_read(data, size, &s, &why);
	/* the check-only reading agrees, and keeps no cells */
	{
		struct dz_sheet		t;
		enum dz_sheet_why	twhy;
		enum dz_err		te = dz_sheet_shape(data, size, &t, &twhy);

		CHECK(t.cell == NULL);
		if (e != DZ_ERR_NOMEM && te != DZ_ERR_NOMEM) {
			CHECK(te == e && twhy == why);
			CHECK(t.nrows == s.nrows && t.ncols == s.ncols);
			if (e == DZ_OK)
				CHECK(t.kind == s.kind && strcmp(t.encoding, s.encoding) == 0);
		}
		dz_sheet_free(&t);
	}
	if (e == DZ_OK) {
		CHECK(why == DZ_SHEET_OK);
		check_table(&s);
	} else {
		CHECK(s.cell == NULL && s.mem == NULL && s.nrows == 0 && s.ncols == 0);
		CHECK(e == DZ_ERR_NOMEM || (why > DZ_SHEET_OK && why < DZ_SHEET__MAX));
		CHECK(strcmp(dz_sheet_why_code(why), "unknown") != 0);
		if (e == DZ_ERR_TOOBIG)
			CHECK(why == DZ_SHEET_TOO_BIG || why == DZ_SHEET_TOO_MANY_ROWS ||
			    why == DZ_SHEET_CELL_TOO_LONG || why == DZ_SHEET_UNZIP_TOO_BIG ||
			    why == DZ_SHEET_TOO_MANY_ENTRIES || why == DZ_SHEET_TOO_MANY_STRINGS);
		else if (e == DZ_ERR_INVAL)
			CHECK(why == DZ_SHEET_EMPTY || why == DZ_SHEET_BAD_ZIP ||
			    why == DZ_SHEET_BAD_XLSX || why == DZ_SHEET_BAD_TEXT ||
			    why == DZ_SHEET_BAD_CSV);
		else
			CHECK(e == DZ_ERR_NOMEM);
	}
	dz_sheet_free(&s);
	free(z);
	return 0;
}
