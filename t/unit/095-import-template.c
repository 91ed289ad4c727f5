/*
 * 095-import-template: the import templates round trip. Each template as
 * downloaded (lib/import_tpl: CSV and XLSX), read back by lib/sheet, is
 * told by its header as its own template, its example row skipped: no
 * record, no refusal; a row a clerk adds under it is read. A workbook of
 * three worksheets (customers, documents, goods lines, written here with
 * libxlsxwriter) is read sheet by sheet (dz_sheet_read_nth) into one
 * clean import; past its last sheet is DZ_ERR_NOTFOUND, as is a second
 * sheet of a CSV.
 */
#include "config.h"

#include <sys/stat.h>

#include <fcntl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "dz.h"
#include "csv.h"
#include "import.h"
#include "import_tpl.h"
#include "sheet.h"
#include "tap.h"

/* The whole of fd (from its start) into a buffer. */
static unsigned char *
slurp_fd(int fd, size_t size)
{
	unsigned char	*b = malloc(size + 1);
	size_t		 got = 0;
	ssize_t		 r;

	if (b == NULL || lseek(fd, 0, SEEK_SET) != 0)
		return NULL;
	while (got < size && (r = read(fd, b + got, size - got)) > 0)
		got += (size_t)r;
	return got == size ? b : NULL;
}

/* Read buf as sheet n, guess it, read it as its template into f. */
static enum dz_imp_sheet
read_back(const unsigned char *buf, size_t len, size_t n, struct dz_imp_file *f,
    size_t *sheets)
{
	struct dz_sheet		s;
	enum dz_sheet_why	w;
	enum dz_imp_sheet	k;

	memset(&s, 0, sizeof(s));
	if (dz_sheet_read_nth(buf, len, n, &s, &w) != DZ_OK) {
		dz_sheet_free(&s);
		return DZ_IMP__SHEETS;
	}
	if (sheets != NULL)
		*sheets = s.sheets;
	if ((k = dz_imp_guess(&s)) != DZ_IMP__SHEETS)
		dz_imp_read(&s, k, f);
	dz_sheet_free(&s);
	return k;
}

static const char *const extra_rows[DZ_IMP__SHEETS] = {
	[DZ_IMP_CUSTOMERS] = "\"C9\",\"新客户\",\"\",\"\",\"10.00\",\"2026-09-30\"\r\n",
	[DZ_IMP_DOCUMENTS] = "\"2026-10-01\",\"出库\",\"XS-9\",\"C9\",\"10.00\",\"\"\r\n",
	[DZ_IMP_LINES] = "\"XS-9\",\"P9\",\"螺丝\",\"盒\",\"1\",\"10\",\"10.00\"\r\n",
};

int
main(void)
{
	struct dz_imp_file	 f;
	struct stat		 st;
	unsigned char		*b;
	size_t			 size, sheets = 0;
	int			 fd, k;

	for (k = 0; k < DZ_IMP__SHEETS; k++) {
		struct dz_csv	csv = DZ_CSV_INIT;
		char		*grown;

		ok(dz_imp_template_csv((enum dz_imp_sheet)k, &csv) == 0, "%s.csv made",
		    dz_imp_template_code((enum dz_imp_sheet)k));
		memset(&f, 0, sizeof(f));
		is_int(read_back((unsigned char *)csv.buf, csv.len, 0, &f, NULL), k,
		    "... told by its header as %s", dz_imp_template_code((enum dz_imp_sheet)k));
		ok(f.errors == 0 && f.ncust + f.ndoc + f.nline == 0 && f.skipped == 1,
		    "... its example skipped: no record, no refusal");
		dz_imp_free(&f);
		/* a row added under it */
		grown = malloc(csv.len + strlen(extra_rows[k]) + 1);
		memcpy(grown, csv.buf, csv.len);
		strcpy(grown + csv.len, extra_rows[k]);
		memset(&f, 0, sizeof(f));
		read_back((unsigned char *)grown, strlen(grown), 0, &f, NULL);
		ok(f.errors == 0 && f.ncust + f.ndoc + f.nline == 1, "... a row added under it: read");
		dz_imp_free(&f);
		memset(&f, 0, sizeof(f));
		is_int(read_back((unsigned char *)grown, strlen(grown), 1, &f, NULL), DZ_IMP__SHEETS,
		    "... a CSV has no second sheet");
		dz_imp_free(&f);
		free(grown);
		dz_csv_free(&csv);

		ok(dz_imp_template_xlsx((enum dz_imp_sheet)k, &fd, &size) == DZ_OK && fd >= 0 &&
		    size > 0, "%s.xlsx made", dz_imp_template_code((enum dz_imp_sheet)k));
		b = slurp_fd(fd, size);
		close(fd);
		memset(&f, 0, sizeof(f));
		is_int(b != NULL ? read_back(b, size, 0, &f, &sheets) : DZ_IMP__SHEETS, k,
		    "... told by its header (row 1)");
		ok(f.errors == 0 && f.ncust + f.ndoc + f.nline == 0 && f.skipped == 1 && sheets == 1,
		    "... one worksheet, its example skipped: nothing, no refusal");
		dz_imp_free(&f);
		free(b);
	}

	/* one workbook of three worksheets, written here */
	{
		char		 path[] = "/tmp/dz-095-XXXXXX";
		lxw_workbook	*wb;
		lxw_worksheet	*ws;
		static const char *const rows[3][3][7] = {
			{ { "客户编号", "客户名称", "期初余额" }, { "C1", "华联", "100" } },
			{ { "日期", "类型", "单据编号", "客户编号", "金额" },
			  { "2026-10-05", "出库", "XS-1", "C1", "30" } },
			{ { "单据编号", "商品名称", "数量", "单价", "金额" },
			  { "XS-1", "螺丝", "3", "10", "30" } },
		};
		static const char *const names[3] = { "客户", "单据", "商品明细" };
		int		 s, r, c, tmp;

		tmp = mkstemp(path);
		close(tmp);
		wb = workbook_new(path);
		for (s = 0; s < 3; s++) {
			ws = workbook_add_worksheet(wb, names[s]);
			for (r = 0; r < 2; r++)
				for (c = 0; c < 7 && rows[s][r][c] != NULL; c++)
					worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c,
					    rows[s][r][c], NULL);
		}
		ok(workbook_close(wb) == LXW_NO_ERROR && stat(path, &st) == 0,
		    "a workbook of three worksheets written");
		fd = open(path, O_RDONLY);
		b = slurp_fd(fd, (size_t)st.st_size);
		close(fd);
		unlink(path);
		memset(&f, 0, sizeof(f));
		ok(b != NULL && read_back(b, (size_t)st.st_size, 0, &f, &sheets) == DZ_IMP_CUSTOMERS &&
		    sheets == 3, "sheet 1: customers, of 3");
		ok(read_back(b, (size_t)st.st_size, 1, &f, NULL) == DZ_IMP_DOCUMENTS,
		    "sheet 2: documents");
		ok(read_back(b, (size_t)st.st_size, 2, &f, NULL) == DZ_IMP_LINES,
		    "sheet 3: goods lines");
		ok(read_back(b, (size_t)st.st_size, 3, &f, NULL) == DZ_IMP__SHEETS,
		    "no sheet 4 (DZ_ERR_NOTFOUND)");
		dz_imp_check(&f, NULL);
		ok(f.errors == 0 && f.ncust == 1 && f.ndoc == 1 && f.nline == 1 &&
		    f.doc[0].nlines == 1 && f.doc[0].lines_total == 3000,
		    "... one clean import: a customer, its document and the document's line");
		dz_imp_free(&f);
		free(b);
	}
	return done_testing();
}
