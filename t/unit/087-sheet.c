/*
 * lib/sheet: uploads read into text cells. Workbooks written here by
 * libxlsxwriter (what Excel-like writers make: shared strings, inline
 * strings in constant_memory mode, date formats, booleans, formulas),
 * zips built by hand with minizip's zip.h for what no writer makes (rich
 * text runs, phonetic runs, custom date codes, the 1904 system, bombs,
 * DOCTYPEs, entries past the limit, a truncated or corrupted zip), and
 * CSV bytes in UTF-8, with a BOM, in GB18030 (made with iconv), and bytes
 * that are neither. Every limit of sheet.h is crossed once, by one.
 */
#include "config.h"

#include <sys/stat.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <minizip/zip.h>
#include <xlsxwriter.h>

#include "sheet.h"
#include "tap.h"

static char	 dir[] = "/tmp/dz-t087-XXXXXX";
static char	 path[256];

static unsigned char *
slurp(const char *p, size_t *len)
{
	FILE		*f;
	unsigned char	*b;
	long		 n;

	if ((f = fopen(p, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	if ((b = malloc(n + 1)) == NULL || fread(b, 1, n, f) != (size_t)n) {
		free(b);
		fclose(f);
		return NULL;
	}
	fclose(f);
	unlink(p);
	*len = n;
	return b;
}

/* ---- hand-built zips -------------------------------------------------- */

static zipFile	 zf;

static void
zstart(void)
{
	snprintf(path, sizeof(path), "%s/hand.zip", dir);
	zf = zipOpen64(path, APPEND_STATUS_CREATE);
}

static void
zadd(const char *name, const void *data, size_t len, int level)
{
	zip_fileinfo	zi;

	memset(&zi, 0, sizeof(zi));
	if (zf == NULL || zipOpenNewFileInZip64(zf, name, &zi, NULL, 0, NULL, 0,
	    NULL, level > 0 ? Z_DEFLATED : 0, level, 1) != ZIP_OK ||
	    zipWriteInFileInZip(zf, data, len) != ZIP_OK ||
	    zipCloseFileInZip(zf) != ZIP_OK)
		diag("zip: cannot add %s", name);
}

static void
zadds(const char *name, const char *s)
{
	zadd(name, s, strlen(s), 6);
}

static unsigned char *
zend(size_t *len)
{
	zipClose(zf, NULL);
	zf = NULL;
	return slurp(path, len);
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>";

static const char workbook[] =
    "<workbook " NS " " RNS "><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";

static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

/* The usual parts, then sheet (sheetData's content), sst and styles when
 * not NULL; the zip is left open for more. */
static void
zbook(const char *wb, const char *sheet, const char *sst, const char *styles)
{
	char	*b;
	size_t	 n;

	zstart();
	zadds("[Content_Types].xml", types);
	zadds("xl/workbook.xml", wb != NULL ? wb : workbook);
	zadds("xl/_rels/workbook.xml.rels", rels);
	if (sheet != NULL) {
		n = strlen(sheet) + 200;
		b = malloc(n);
		snprintf(b, n, "<worksheet " NS "><sheetData>%s</sheetData></worksheet>", sheet);
		zadds("xl/worksheets/sheet1.xml", b);
		free(b);
	}
	if (sst != NULL)
		zadds("xl/sharedStrings.xml", sst);
	if (styles != NULL)
		zadds("xl/styles.xml", styles);
}

/* Every reading here also by dz_sheet_shape, which must agree with it
 * (result, reason, kind, encoding, extent) and keep no cells: counted,
 * and checked once at the end (shape_checked()). */
static size_t	shape_inputs, shape_disagree;

static enum dz_err
read_both(const unsigned char *buf, size_t len, struct dz_sheet *s, enum dz_sheet_why *why)
{
	struct dz_sheet		 t;
	enum dz_sheet_why	 twhy;
	enum dz_err		 e, te;

	e = dz_sheet_read(buf, len, s, why);
	te = dz_sheet_shape(buf, len, &t, &twhy);
	shape_inputs++;
	if (te != e || twhy != *why || t.cell != NULL || t.nrows != s->nrows ||
	    t.ncols != s->ncols || (e == DZ_OK && (t.kind != s->kind ||
	    strcmp(t.encoding, s->encoding) != 0))) {
		if (shape_disagree++ < 5)
			diag("dz_sheet_shape disagrees on input %zu: %d/%s %zux%zu, read %d/%s %zux%zu",
			    shape_inputs, te, dz_sheet_why_code(twhy), t.nrows, t.ncols,
			    e, dz_sheet_why_code(*why), s->nrows, s->ncols);
	}
	dz_sheet_free(&t);
	return e;
}

static void
shape_checked(void)
{
	ok(shape_inputs > 50 && shape_disagree == 0,
	    "dz_sheet_shape agrees with dz_sheet_read on all %zu inputs (%zu disagree)",
	    shape_inputs, shape_disagree);
}

static enum dz_err
readz(struct dz_sheet *s, enum dz_sheet_why *why)
{
	unsigned char	*b;
	size_t		 n = 0;
	enum dz_err	 e;

	b = zend(&n);
	e = read_both(b, n, s, why);
	free(b);
	return e;
}

/* One hand-built sheet expected to be refused with why. */
static void
refused(const char *what, const char *sheet, const char *sst, enum dz_err werr,
    enum dz_sheet_why wwhy)
{
	struct dz_sheet		s;
	enum dz_sheet_why	why;
	enum dz_err		e;

	zbook(NULL, sheet, sst, NULL);
	e = readz(&s, &why);
	ok(e == werr && why == wwhy && s.cell == NULL && s.nrows == 0,
	    "%s: refused, %s (got %d, %s)", what, dz_sheet_why_code(wwhy), e,
	    dz_sheet_why_code(why));
	dz_sheet_free(&s);
}

static enum dz_err
reads(const char *buf, size_t len, struct dz_sheet *s, enum dz_sheet_why *why)
{
	return read_both((const unsigned char *)buf, len, s, why);
}

static enum dz_err
readstr(const char *buf, struct dz_sheet *s, enum dz_sheet_why *why)
{
	return reads(buf, strlen(buf), s, why);
}

static void
csv_refused(const char *what, const char *buf, size_t len, enum dz_err werr,
    enum dz_sheet_why wwhy)
{
	struct dz_sheet		s;
	enum dz_sheet_why	why;
	enum dz_err		e;

	e = reads(buf, len, &s, &why);
	ok(e == werr && why == wwhy && s.cell == NULL,
	    "%s: refused, %s (got %d, %s)", what, dz_sheet_why_code(wwhy), e,
	    dz_sheet_why_code(why));
	dz_sheet_free(&s);
}

/* ---- workbooks from libxlsxwriter ------------------------------------- */

static void
writer(int constant)
{
	lxw_workbook_options	 o = { .constant_memory = constant, .tmpdir = dir };
	lxw_workbook		*wb;
	lxw_worksheet		*ws;
	lxw_format		*date, *money;
	lxw_datetime		 d = { 2026, 10, 5, 0, 0, 0 };
	struct dz_sheet		 s;
	enum dz_sheet_why	 why;
	unsigned char		*b;
	size_t			 n = 0;
	enum dz_err		 e;
	const char		*m = constant ? "inline strings" : "shared strings";

	snprintf(path, sizeof(path), "%s/w.xlsx", dir);
	wb = workbook_new_opt(path, &o);
	ws = workbook_add_worksheet(wb, "\xe5\xaf\xb9\xe8\xb4\xa6\xe5\x8d\x95");
	workbook_add_worksheet(wb, "second");
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00;[Red]-#,##0.00");
	worksheet_write_string(ws, 0, 0, "\xe6\x97\xa5\xe6\x9c\x9f", NULL);	/* 日期 */
	worksheet_write_string(ws, 0, 1, "\xe5\x8d\x95\xe6\x8d\xae\xe7\xbc\x96\xe5\x8f\xb7", NULL);
	worksheet_write_string(ws, 0, 2, "\xe9\x87\x91\xe9\xa2\x9d", NULL);
	worksheet_write_datetime(ws, 1, 0, &d, date);
	worksheet_write_string(ws, 1, 1, "XS-001", NULL);
	worksheet_write_number(ws, 1, 2, 1234.5, money);
	worksheet_write_boolean(ws, 2, 0, 1, NULL);
	worksheet_write_boolean(ws, 2, 1, 0, NULL);
	worksheet_write_formula_num(ws, 2, 2, "=C2*2", money, 2469);
	/* row 3 left out: a gap; column D left out too */
	worksheet_write_number(ws, 4, 0, 61, date);
	worksheet_write_number(ws, 4, 2, -0.25, NULL);
	worksheet_write_string(ws, 4, 4, "line1\nline2", NULL);
	worksheet_write_number(ws, 5, 0, 60, date);
	worksheet_write_number(ws, 5, 1, 59, date);
	worksheet_write_number(ws, 5, 2, 12345678901234567.0, NULL);
	worksheet_write_string(ws, 8, 0, "", NULL);	/* trailing empty row */
	if (workbook_close(wb) != LXW_NO_ERROR) {
		ok(0, "%s: libxlsxwriter wrote the workbook", m);
		return;
	}
	b = slurp(path, &n);
	e = read_both(b, n, &s, &why);
	free(b);
	ok(e == DZ_OK && s.kind == DZ_SHEET_XLSX, "%s: read (%s)", m, dz_sheet_why_code(why));
	is_str(s.encoding, "XLSX", "%s: encoding XLSX", m);
	is_int(s.nrows, 6, "%s: 6 rows (the empty row 9 trimmed)", m);
	is_int(s.ncols, 5, "%s: 5 columns", m);
	is_str(dz_sheet_cell(&s, 0, 0), "\xe6\x97\xa5\xe6\x9c\x9f", "%s: CJK text", m);
	is_str(dz_sheet_cell(&s, 0, 1), "\xe5\x8d\x95\xe6\x8d\xae\xe7\xbc\x96\xe5\x8f\xb7",
	    "%s: CJK text", m);
	is_str(dz_sheet_cell(&s, 1, 0), "2026-10-05", "%s: a date-styled number", m);
	is_str(dz_sheet_cell(&s, 1, 1), "XS-001", "%s: text", m);
	is_str(dz_sheet_cell(&s, 1, 2), "1234.5", "%s: a money-styled number stays a number", m);
	is_str(dz_sheet_cell(&s, 2, 0), "TRUE", "%s: boolean TRUE", m);
	is_str(dz_sheet_cell(&s, 2, 1), "FALSE", "%s: boolean FALSE", m);
	is_str(dz_sheet_cell(&s, 2, 2), "2469", "%s: a formula's cached value", m);
	is_str(dz_sheet_cell(&s, 3, 0), "", "%s: the gap row is empty", m);
	is_str(dz_sheet_cell(&s, 4, 0), "1900-03-01", "%s: serial 61 is 1900-03-01", m);
	is_str(dz_sheet_cell(&s, 4, 1), "", "%s: a missing cell is empty", m);
	is_str(dz_sheet_cell(&s, 4, 2), "-0.25", "%s: a negative number", m);
	is_str(dz_sheet_cell(&s, 4, 3), "", "%s: column D empty", m);
	is_str(dz_sheet_cell(&s, 4, 4), "line1 line2", "%s: a line break is a space", m);
	is_str(dz_sheet_cell(&s, 5, 0), "1900-02-29", "%s: serial 60 is Excel's 1900-02-29", m);
	is_str(dz_sheet_cell(&s, 5, 1), "1900-02-28", "%s: serial 59 is 1900-02-28", m);
	is_str(dz_sheet_cell(&s, 5, 2), "1.23456789012346e+16", "%s: 15 significant digits", m);
	is_str(dz_sheet_cell(&s, 99, 99), "", "%s: outside the table is empty", m);
	dz_sheet_free(&s);
	ok(s.mem == NULL && s.cell == NULL, "%s: freed", m);
}

/* ---- hand-built workbooks ---------------------------------------------- */

static void
hand(void)
{
	struct dz_sheet		 s;
	enum dz_sheet_why	 why;
	enum dz_err		 e;
	const char		*sst =
	    "<sst " NS " count=\"3\" uniqueCount=\"3\">"
	    "<si><r><t>\xe5\xaf\xb9</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">\xe8\xb4\xa6 </t></r>"
	    "<rPh sb=\"0\" eb=\"1\"><t>ruby</t></rPh></si>"
	    "<si><t>a_x000D_\nb_x005F_x</t></si>"
	    "<si><t>plain &amp; &lt;escaped&gt;</t></si></sst>";
	const char		*styles =
	    "<styleSheet " NS "><numFmts count=\"4\">"
	    "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;\xe5\xb9\xb4&quot;m&quot;\xe6\x9c\x88&quot;d&quot;\xe6\x97\xa5&quot;\"/>"
	    "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot;d&quot;\"/>"
	    "<numFmt numFmtId=\"166\" formatCode=\"[Red]#,##0.00\"/>"
	    "<numFmt numFmtId=\"167\" formatCode=\"0.00\\d\"/></numFmts>"
	    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	    "<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
	    "<xf numFmtId=\"166\"/><xf numFmtId=\"14\"/><xf numFmtId=\"31\"/><xf numFmtId=\"167\"/>"
	    "</cellXfs></styleSheet>";
	const char		*sheet =
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
	    "<c r=\"C1\" t=\"s\"><v>2</v></c>"
	    "<c r=\"D1\" t=\"inlineStr\"><is><r><t>in</t></r><r><t>line</t></r></is></c>"
	    "<c r=\"E1\" t=\"str\"><f>A1&amp;\"x\"</f><v>calc</v></c>"
	    "<c r=\"F1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
	    "<c r=\"G1\" t=\"b\"><v>0</v></c></row>"
	    "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>46300</v></c><c r=\"B2\" s=\"2\"><v>46300</v></c>"
	    "<c r=\"C2\" s=\"3\"><v>46300</v></c><c r=\"D2\" s=\"4\"><v>46300.75</v></c>"
	    "<c r=\"E2\" s=\"5\"><v>46300</v></c><c r=\"F2\" s=\"6\"><v>7</v></c>"
	    "<c r=\"G2\" s=\"1\"/></row>"
	    "<row><c><v>1</v></c><c><v>2</v></c><c r=\"E3\"><v>5</v></c><c><v>6</v></c></row>"
	    "<row r=\"6\"><c r=\"BZ6\"><v>77</v></c><c r=\"C6\" t=\"inlineStr\"><is><t>x</t></is></c>"
	    "<c r=\"H6\" t=\"inlineStr\"><is><t></t></is></c></row>"
	    "<row r=\"9\"/>";
	const char		*wb1904 =
	    "<workbook " NS " " RNS "><workbookPr date1904=\"1\"/><sheets>"
	    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	const char		*wb2 =
	    "<workbook " NS " " RNS "><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId9\"/>"
	    "</sheets></workbook>";
	const char		*rels2 =
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId9\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/data.xml\"/>"
	    "</Relationships>";

	zbook(NULL, sheet, sst, styles);
	e = readz(&s, &why);
	ok(e == DZ_OK, "hand-built: read (%s)", dz_sheet_why_code(why));
	is_int(s.nrows, 6, "hand-built: 6 rows (empty row 9 trimmed)");
	is_int(s.ncols, 7, "hand-built: 7 columns (BZ dropped, an empty H trimmed)");
	is_str(dz_sheet_cell(&s, 0, 0), "\xe5\xaf\xb9\xe8\xb4\xa6 ",
	    "rich text runs joined, the phonetic run left out");
	is_str(dz_sheet_cell(&s, 0, 1), "a b_x", "_x000D_ and its LF one space; _x005F_ an underscore");
	is_str(dz_sheet_cell(&s, 0, 2), "plain & <escaped>", "XML escapes");
	is_str(dz_sheet_cell(&s, 0, 3), "inline", "an inline string's runs");
	is_str(dz_sheet_cell(&s, 0, 4), "calc", "t=str: the formula's cached text");
	is_str(dz_sheet_cell(&s, 0, 5), "#DIV/0!", "t=e: the error as text");
	is_str(dz_sheet_cell(&s, 0, 6), "FALSE", "t=b 0: FALSE");
	is_str(dz_sheet_cell(&s, 1, 0), "2026-10-05", "a custom date code with quoted text is a date");
	is_str(dz_sheet_cell(&s, 1, 1), "46300", "0.00\"d\": the d is quoted, no date");
	is_str(dz_sheet_cell(&s, 1, 2), "46300", "[Red]#,##0.00: the d is bracketed, no date");
	is_str(dz_sheet_cell(&s, 1, 3), "2026-10-05", "built-in 14, a time of day dropped");
	is_str(dz_sheet_cell(&s, 1, 4), "2026-10-05", "built-in 31 (East Asian) is a date");
	is_str(dz_sheet_cell(&s, 1, 5), "7", "0.00\\d: an escaped d, no date");
	is_str(dz_sheet_cell(&s, 1, 6), "", "a styled cell with no value is empty");
	is_str(dz_sheet_cell(&s, 2, 0), "1", "a row and cells without r follow on");
	is_str(dz_sheet_cell(&s, 2, 1), "2", "the next cell without r");
	is_str(dz_sheet_cell(&s, 2, 4), "5", "a ref jumps");
	is_str(dz_sheet_cell(&s, 2, 5), "6", "and the next follows it");
	is_str(dz_sheet_cell(&s, 5, 2), "x", "a cell after a dropped one, out of order");
	dz_sheet_free(&s);

	zbook(wb1904, "<row><c s=\"1\"><v>0</v></c><c s=\"1\"><v>44838</v></c></row>", NULL,
	    "<styleSheet " NS "><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs></styleSheet>");
	e = readz(&s, &why);
	ok(e == DZ_OK, "1904 system: read");
	is_str(dz_sheet_cell(&s, 0, 0), "1904-01-01", "1904 system: serial 0");
	is_str(dz_sheet_cell(&s, 0, 1), "2026-10-05", "1904 system: 44838");
	dz_sheet_free(&s);

	/* The first sheet's part by the workbook and its relationships, not
	 * the usual name. */
	zstart();
	zadds("[Content_Types].xml", types);
	zadds("xl/workbook.xml", wb2);
	zadds("xl/_rels/workbook.xml.rels", rels2);
	zadds("xl/worksheets/sheet1.xml", "<worksheet " NS "><sheetData><row><c t=\"inlineStr\">"
	    "<is><t>wrong</t></is></c></row></sheetData></worksheet>");
	zadds("xl/worksheets/data.xml", "<x:worksheet xmlns:x=\"" "http://schemas.openxmlformats.org/"
	    "spreadsheetml/2006/main\"><x:sheetData><x:row><x:c t=\"inlineStr\"><x:is><x:t>right"
	    "</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>");
	e = readz(&s, &why);
	ok(e == DZ_OK && strcmp(dz_sheet_cell(&s, 0, 0), "right") == 0,
	    "the first sheet by r:id and its relationship (absolute, prefixed elements): %s",
	    dz_sheet_cell(&s, 0, 0));
	dz_sheet_free(&s);

	/* No relationships and no content types: xl/worksheets/sheet1.xml. */
	zstart();
	zadds("xl/workbook.xml", workbook);
	zadds("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c><v>3</v></c></row>"
	    "</sheetData></worksheet>");
	e = readz(&s, &why);
	ok(e == DZ_OK && strcmp(dz_sheet_cell(&s, 0, 0), "3") == 0, "fallback to sheet1.xml");
	dz_sheet_free(&s);

	zstart();
	zadds("xl/worksheets/sheet1.xml", "<worksheet/>");
	e = readz(&s, &why);
	ok(e == DZ_ERR_INVAL && why == DZ_SHEET_BAD_XLSX, "a zip without a workbook: bad_xlsx");
	dz_sheet_free(&s);
	zbook(NULL, NULL, NULL, NULL);
	e = readz(&s, &why);
	ok(e == DZ_ERR_INVAL && why == DZ_SHEET_BAD_XLSX, "a workbook without a sheet: bad_xlsx");
	dz_sheet_free(&s);

	refused("an empty sheet", "<row r=\"1\"><c r=\"A1\" s=\"3\"/></row>", NULL,
	    DZ_ERR_INVAL, DZ_SHEET_EMPTY);
	refused("unclosed XML", "<row><c><v>1</v></c>", NULL, DZ_ERR_INVAL, DZ_SHEET_BAD_XLSX);
	refused("a shared string index past the table", "<row><c t=\"s\"><v>5</v></c></row>",
	    "<sst " NS "><si><t>a</t></si></sst>", DZ_ERR_INVAL, DZ_SHEET_BAD_XLSX);
	refused("a control character as _x0001_",
	    "<row><c t=\"inlineStr\"><is><t>a_x0001_b</t></is></c></row>", NULL,
	    DZ_ERR_INVAL, DZ_SHEET_BAD_TEXT);
	refused("a C1 control character",
	    "<row><c t=\"inlineStr\"><is><t>a\xc2\x85</t></is></c></row>", NULL,
	    DZ_ERR_INVAL, DZ_SHEET_BAD_TEXT);
	refused("a row past the limit with text", "<row r=\"50001\"><c r=\"A50001\"><v>1</v></c></row>",
	    NULL, DZ_ERR_TOOBIG, DZ_SHEET_TOO_MANY_ROWS);
}

static char *
repeat(const char *unit, size_t n, const char *pre, const char *post)
{
	size_t	 u = strlen(unit), i;
	char	*b, *p;

	b = malloc(strlen(pre) + u * n + strlen(post) + 1);
	p = stpcpy(b, pre);
	for (i = 0; i < n; i++)
		p = stpcpy(p, unit);
	strcpy(p, post);
	return b;
}

static void
limits(void)
{
	struct dz_sheet		 s;
	enum dz_sheet_why	 why;
	enum dz_err		 e;
	char			*b, *sheet, name[32];
	unsigned char		*z;
	size_t			 n = 0, i;
	time_t			 t0;
	const char		 laughs[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
	    "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
	    "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
	    "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
	    "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
	    "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
	    "<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
	    "<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
	    "<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
	    "<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"
	    "]><worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol9;</t></is></c></row>"
	    "</sheetData></worksheet>";

	/* A bomb: 60 MB of XML whitespace deflated to a few dozen KB. */
	zbook(NULL, NULL, NULL, NULL);
	b = malloc(60u << 20);
	memset(b, ' ', 60u << 20);
	memcpy(b, "<worksheet><sheetData>", 22);
	zadd("xl/worksheets/sheet1.xml", b, 60u << 20, 9);
	free(b);
	z = zend(&n);
	ok(n < 200000, "the bomb is small (%zu bytes)", n);
	t0 = time(NULL);
	e = read_both(z, n, &s, &why);
	ok(e == DZ_ERR_TOOBIG && why == DZ_SHEET_UNZIP_TOO_BIG, "a zip bomb: unzip_too_big (%s)",
	    dz_sheet_why_code(why));
	ok(time(NULL) - t0 < 10, "refused in %lld s", (long long)(time(NULL) - t0));
	dz_sheet_free(&s);
	free(z);

	/* The same in a part never read: not inflated, no harm. */
	zbook(NULL, "<row><c><v>1</v></c></row>", NULL, NULL);
	b = calloc(1, 60u << 20);
	zadd("xl/media/zeros.bin", b, 60u << 20, 9);
	free(b);
	e = readz(&s, &why);
	ok(e == DZ_OK && s.nrows == 1, "a bomb in a part never read is not inflated");
	dz_sheet_free(&s);

	zbook(NULL, "<row><c><v>1</v></c></row>", NULL, NULL);
	for (i = 0; i < DZ_SHEET_ENTRIES_MAX - 4; i++) {
		snprintf(name, sizeof(name), "xl/media/%zu.txt", i);
		zadd(name, "x", 1, 0);
	}
	e = readz(&s, &why);
	ok(e == DZ_OK, "%d entries: read", DZ_SHEET_ENTRIES_MAX);
	dz_sheet_free(&s);
	zbook(NULL, "<row><c><v>1</v></c></row>", NULL, NULL);
	for (i = 0; i < DZ_SHEET_ENTRIES_MAX - 3; i++) {
		snprintf(name, sizeof(name), "xl/media/%zu.txt", i);
		zadd(name, "x", 1, 0);
	}
	e = readz(&s, &why);
	ok(e == DZ_ERR_TOOBIG && why == DZ_SHEET_TOO_MANY_ENTRIES, "%d entries: too_many_entries",
	    DZ_SHEET_ENTRIES_MAX + 1);
	dz_sheet_free(&s);

	/* Billion laughs, as a sheet and as the shared strings. */
	zbook(NULL, NULL, NULL, NULL);
	zadds("xl/worksheets/sheet1.xml", laughs);
	e = readz(&s, &why);
	ok(e == DZ_ERR_INVAL && why == DZ_SHEET_BAD_XLSX, "billion laughs in the sheet: bad_xlsx");
	dz_sheet_free(&s);
	refused("a DOCTYPE in the shared strings", "<row><c><v>1</v></c></row>",
	    "<!DOCTYPE sst [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><sst><si><t>&e;</t></si></sst>",
	    DZ_ERR_INVAL, DZ_SHEET_BAD_XLSX);

	/* Cells of 1,000 and 1,001 characters. */
	b = repeat("\xe9\x87\x91", DZ_SHEET_CELL_MAX, "<row><c t=\"inlineStr\"><is><t>",
	    "</t></is></c></row>");
	zbook(NULL, b, NULL, NULL);
	free(b);
	e = readz(&s, &why);
	ok(e == DZ_OK && strlen(dz_sheet_cell(&s, 0, 0)) == 3 * DZ_SHEET_CELL_MAX,
	    "an inline string of %d CJK characters", DZ_SHEET_CELL_MAX);
	dz_sheet_free(&s);
	b = repeat("a", DZ_SHEET_CELL_MAX + 1, "<row><c t=\"inlineStr\"><is><t>", "</t></is></c></row>");
	refused("an inline string of 1,001 characters", b, NULL, DZ_ERR_TOOBIG, DZ_SHEET_CELL_TOO_LONG);
	free(b);
	b = repeat("a", 100000, "<sst><si><t>", "</t></si><si><t>short</t></si></sst>");
	refused("a shared string of 100,000 characters, used", "<row><c t=\"s\"><v>0</v></c></row>", b,
	    DZ_ERR_TOOBIG, DZ_SHEET_CELL_TOO_LONG);
	zbook(NULL, "<row><c t=\"s\"><v>1</v></c></row>", b, NULL);
	e = readz(&s, &why);
	ok(e == DZ_OK && strcmp(dz_sheet_cell(&s, 0, 0), "short") == 0,
	    "a long shared string no cell uses does no harm");
	dz_sheet_free(&s);
	free(b);

	/* Shared strings: the count said, and the count found. */
	refused("uniqueCount past the limit", "<row><c><v>1</v></c></row>",
	    "<sst uniqueCount=\"200001\"><si><t>a</t></si></sst>", DZ_ERR_TOOBIG,
	    DZ_SHEET_TOO_MANY_STRINGS);
	b = repeat("<si><t>a</t></si>", DZ_SHEET_SST_MAX + 1, "<sst>", "</sst>");
	refused("200,001 shared strings", "<row><c><v>1</v></c></row>", b, DZ_ERR_TOOBIG,
	    DZ_SHEET_TOO_MANY_STRINGS);
	free(b);

	/* 50,000 rows read; 50,001 refused. */
	sheet = repeat("<row><c><v>1</v></c></row>", DZ_SHEET_ROWS_MAX, "", "");
	zbook(NULL, sheet, NULL, NULL);
	e = readz(&s, &why);
	ok(e == DZ_OK && s.nrows == DZ_SHEET_ROWS_MAX, "%d rows: read", DZ_SHEET_ROWS_MAX);
	dz_sheet_free(&s);
	free(sheet);
	sheet = repeat("<row><c><v>1</v></c></row>", DZ_SHEET_ROWS_MAX + 1, "", "");
	refused("50,001 rows", sheet, NULL, DZ_ERR_TOOBIG, DZ_SHEET_TOO_MANY_ROWS);
	free(sheet);
}

static void
broken(void)
{
	struct dz_sheet		 s;
	enum dz_sheet_why	 why;
	enum dz_err		 e;
	unsigned char		*z, *p;
	size_t			 n = 0;
	const char		*stored = "<worksheet><sheetData><row><c><v>1</v></c></row>"
	    "</sheetData>       </worksheet>";

	zbook(NULL, NULL, NULL, NULL);
	zadd("xl/worksheets/sheet1.xml", stored, strlen(stored), 0);
	z = zend(&n);
	e = read_both(z, n, &s, &why);
	ok(e == DZ_OK, "a stored (uncompressed) sheet: read");
	dz_sheet_free(&s);

	/* A byte of the stored sheet changed: still XML, but the CRC fails. */
	if ((p = memmem(z, n, "</sheetData>    ", 16)) != NULL)
		p[13] = '\t';
	e = read_both(z, n, &s, &why);
	ok(p != NULL && e == DZ_ERR_INVAL && why == DZ_SHEET_BAD_ZIP, "a CRC mismatch: bad_zip (%s)",
	    dz_sheet_why_code(why));
	dz_sheet_free(&s);

	e = read_both(z, n / 2, &s, &why);
	ok(e == DZ_ERR_INVAL && why == DZ_SHEET_BAD_ZIP, "a truncated zip: bad_zip (%s)",
	    dz_sheet_why_code(why));
	dz_sheet_free(&s);
	e = read_both(z, 4, &s, &why);
	ok(e == DZ_ERR_INVAL && why == DZ_SHEET_BAD_ZIP, "PK\\3\\4 alone: bad_zip");
	dz_sheet_free(&s);
	free(z);
}

/* ---- CSV ---------------------------------------------------------------- */

static void
csv(void)
{
	struct dz_sheet		 s;
	enum dz_sheet_why	 why;
	enum dz_err		 e;
	iconv_t			 cd;
	char			 gb[256], *in, *out, *b;
	size_t			 inl, outl;
	const char		*utf8 = "\xe6\x97\xa5\xe6\x9c\x9f,\xe5\x8d\x95\xe6\x8d\xae\xe7\xbc\x96"
	    "\xe5\x8f\xb7,\xe9\x87\x91\xe9\xa2\x9d\r\n2026-10-05,XS-001,\"1,234.50\"\r\n";

	e = readstr("a,b,c\r\n1,2,3\r\n", &s, &why);
	ok(e == DZ_OK && s.kind == DZ_SHEET_CSV && s.nrows == 2 && s.ncols == 3,
	    "CSV: 2 rows of 3 (CR LF)");
	is_str(s.encoding, "UTF-8", "CSV: UTF-8");
	is_str(dz_sheet_cell(&s, 1, 2), "3", "CSV: the last cell");
	dz_sheet_free(&s);

	e = readstr("a\n\nb\n\n\n", &s, &why);
	ok(e == DZ_OK && s.nrows == 3 && strcmp(dz_sheet_cell(&s, 2, 0), "b") == 0,
	    "CSV: a blank line is an empty row; trailing ones trimmed");
	dz_sheet_free(&s);
	e = readstr("a\r\n\r\nb", &s, &why);
	ok(e == DZ_OK && s.nrows == 3 && strcmp(dz_sheet_cell(&s, 2, 0), "b") == 0,
	    "CSV: the same with CR LF, no newline at the end");
	dz_sheet_free(&s);

	e = readstr("\xef\xbb\xbf" "a,b\n", &s, &why);
	ok(e == DZ_OK && strcmp(dz_sheet_cell(&s, 0, 0), "a") == 0, "CSV: a BOM is dropped");
	is_str(s.encoding, "UTF-8 BOM", "CSV: UTF-8 BOM");
	dz_sheet_free(&s);

	cd = iconv_open("GB18030", "UTF-8");
	in = (char *)utf8;
	inl = strlen(utf8);
	out = gb;
	outl = sizeof(gb);
	ok(cd != (iconv_t)-1 && iconv(cd, &in, &inl, &out, &outl) != (size_t)-1,
	    "GB18030 made with iconv");
	iconv_close(cd);
	e = reads(gb, out - gb, &s, &why);
	ok(e == DZ_OK && s.nrows == 2 && s.ncols == 3, "GB18030 CSV: 2 rows of 3 (%s)",
	    dz_sheet_why_code(why));
	is_str(s.encoding, "GB18030", "GB18030 CSV: encoding");
	is_str(dz_sheet_cell(&s, 0, 0), "\xe6\x97\xa5\xe6\x9c\x9f", "GB18030 CSV: 日期 in UTF-8");
	is_str(dz_sheet_cell(&s, 0, 1), "\xe5\x8d\x95\xe6\x8d\xae\xe7\xbc\x96\xe5\x8f\xb7",
	    "GB18030 CSV: 单据编号");
	is_str(dz_sheet_cell(&s, 1, 2), "1,234.50", "GB18030 CSV: a quoted amount with a comma");
	dz_sheet_free(&s);

	csv_refused("bytes neither UTF-8 nor GB18030", "a,\x80\xff\n", 6, DZ_ERR_INVAL,
	    DZ_SHEET_BAD_TEXT);
	csv_refused("a BOM then bytes not UTF-8", "\xef\xbb\xbf\xd5\xe2", 5, DZ_ERR_INVAL,
	    DZ_SHEET_BAD_TEXT);
	csv_refused("a NUL", "a,b\0c\n", 6, DZ_ERR_INVAL, DZ_SHEET_BAD_TEXT);
	csv_refused("a control character", "a,b\x1b[0m\n", 8, DZ_ERR_INVAL, DZ_SHEET_BAD_TEXT);
	csv_refused("an unclosed quote", "a,\"b\nc,d\n", 9, DZ_ERR_INVAL, DZ_SHEET_BAD_CSV);
	csv_refused("text after a closing quote", "\"ab\"c,d\n", 8, DZ_ERR_INVAL, DZ_SHEET_BAD_CSV);
	csv_refused("a quote in a bare cell", "ab\"c,d\n", 7, DZ_ERR_INVAL, DZ_SHEET_BAD_CSV);
	csv_refused("empty", "", 0, DZ_ERR_INVAL, DZ_SHEET_EMPTY);
	csv_refused("only separators and newlines", "\n,,\n,\n", 6, DZ_ERR_INVAL, DZ_SHEET_EMPTY);

	e = readstr("a;b;c\n1,5;2;\"x;y\"\n", &s, &why);
	ok(e == DZ_OK && s.ncols == 3 && strcmp(dz_sheet_cell(&s, 1, 0), "1,5") == 0 &&
	    strcmp(dz_sheet_cell(&s, 1, 2), "x;y") == 0, "CSV: semicolons");
	dz_sheet_free(&s);
	e = readstr("\"a,b,c\";d;e\n", &s, &why);
	ok(e == DZ_OK && s.ncols == 3, "CSV: commas in quotes do not count for the separator");
	dz_sheet_free(&s);
	e = readstr("a\tb, c\tc\n1\t2\t3\n", &s, &why);
	ok(e == DZ_OK && s.ncols == 3 && strcmp(dz_sheet_cell(&s, 0, 1), "b, c") == 0,
	    "CSV: tabs");
	dz_sheet_free(&s);

	e = readstr("\"x, y\",\"line1\r\nline2\",\"say \"\"hi\"\"\"\n", &s, &why);
	ok(e == DZ_OK && s.nrows == 1 && s.ncols == 3, "CSV: quoted cells: one row");
	is_str(dz_sheet_cell(&s, 0, 0), "x, y", "CSV: a comma in quotes");
	is_str(dz_sheet_cell(&s, 0, 1), "line1 line2", "CSV: a line break in quotes is a space");
	is_str(dz_sheet_cell(&s, 0, 2), "say \"hi\"", "CSV: doubled quotes");
	dz_sheet_free(&s);

	e = readstr("a,,\n,b,,\n", &s, &why);
	ok(e == DZ_OK && s.nrows == 2 && s.ncols == 2, "CSV: trailing empty columns trimmed");
	dz_sheet_free(&s);
	e = readstr("a,\tb\t,c\n", &s, &why);
	ok(e == DZ_OK && strcmp(dz_sheet_cell(&s, 0, 1), "b") == 0, "CSV: spaces around a bare cell");
	dz_sheet_free(&s);

	b = repeat("x,", 70, "", "\n");
	e = readstr(b, &s, &why);
	ok(e == DZ_OK && s.ncols == DZ_SHEET_COLS_MAX, "CSV: 70 columns, %d kept", DZ_SHEET_COLS_MAX);
	dz_sheet_free(&s);
	free(b);

	b = repeat("\xe9\x87\x91", DZ_SHEET_CELL_MAX, "a,", "\n");
	e = readstr(b, &s, &why);
	ok(e == DZ_OK && strlen(dz_sheet_cell(&s, 0, 1)) == 3 * DZ_SHEET_CELL_MAX,
	    "CSV: a cell of %d CJK characters", DZ_SHEET_CELL_MAX);
	dz_sheet_free(&s);
	free(b);
	b = repeat("a", DZ_SHEET_CELL_MAX + 1, "a,", "\n");
	csv_refused("a cell of 1,001 characters", b, strlen(b), DZ_ERR_TOOBIG,
	    DZ_SHEET_CELL_TOO_LONG);
	free(b);

	b = repeat("2026-10-05,XS-001,1.00\n", DZ_SHEET_ROWS_MAX, "", "\n\n\n");
	e = readstr(b, &s, &why);
	ok(e == DZ_OK && s.nrows == DZ_SHEET_ROWS_MAX, "CSV: %d rows and blank lines: read",
	    DZ_SHEET_ROWS_MAX);
	dz_sheet_free(&s);
	free(b);
	b = repeat("2026-10-05,XS-001,1.00\n", 60000, "", "");
	csv_refused("60,000 rows", b, strlen(b), DZ_ERR_TOOBIG, DZ_SHEET_TOO_MANY_ROWS);
	free(b);

	b = malloc(6u << 20);
	memset(b, 'a', 6u << 20);
	csv_refused("6 MB", b, 6u << 20, DZ_ERR_TOOBIG, DZ_SHEET_TOO_BIG);
	csv_refused("5 MB and a byte", b, DZ_SHEET_FILE_MAX + 1, DZ_ERR_TOOBIG, DZ_SHEET_TOO_BIG);
	free(b);
}

int
main(void)
{
	enum dz_sheet_why	w, v;
	int			distinct = 1;

	if (mkdtemp(dir) == NULL) {
		skip_all("no temporary folder");
		return 0;
	}
	writer(0);
	writer(1);
	hand();
	limits();
	broken();
	csv();
	for (w = 0; w < DZ_SHEET__MAX; w++)
		for (v = 0; v < w; v++)
			if (strcmp(dz_sheet_why_code(w), dz_sheet_why_code(v)) == 0 ||
			    strcmp(dz_sheet_why_code(w), "unknown") == 0)
				distinct = 0;
	ok(distinct, "every reason has a code of its own");
	is_str(dz_sheet_why_code(DZ_SHEET__MAX), "unknown", "past the reasons: unknown");
	rmdir(dir);
	shape_checked();
	return done_testing();
}
