/*
 * import_tpl.c: the import templates to download (import_tpl.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "import_tpl.h"
#include "lang.h"
#include "xlsx.h"

static const char *const samples[DZ_IMP__SHEETS] = {
	[DZ_IMP_CUSTOMERS] = LANG_import_sample_customers,
	[DZ_IMP_DOCUMENTS] = LANG_import_sample_documents,
	[DZ_IMP_LINES] = LANG_import_sample_lines,
};
static const char *const titles[DZ_IMP__SHEETS] = {
	[DZ_IMP_CUSTOMERS] = LANG_import_template_customers,
	[DZ_IMP_DOCUMENTS] = LANG_import_template_documents,
	[DZ_IMP_LINES] = LANG_import_template_lines,
};
static const char *const codes[DZ_IMP__SHEETS] = {
	[DZ_IMP_CUSTOMERS] = "customers", [DZ_IMP_DOCUMENTS] = "documents",
	[DZ_IMP_LINES] = "lines",
};

const char *
dz_imp_template_title(enum dz_imp_sheet k)
{
	return (unsigned int)k < DZ_IMP__SHEETS ? titles[k] : "";
}

const char *
dz_imp_template_code(enum dz_imp_sheet k)
{
	return (unsigned int)k < DZ_IMP__SHEETS ? codes[k] : "";
}

/* The example's cells ('|' between them) into cell[0..n), pointing into buf. */
static size_t
sample_cells(enum dz_imp_sheet k, char *buf, size_t sz, const char **cell, size_t max)
{
	char	*p, *c;
	size_t	 n = 0;

	snprintf(buf, sz, "%s", samples[k]);
	for (p = buf; (c = strsep(&p, "|")) != NULL && n < max; )
		cell[n++] = c;
	return n;
}

int
dz_imp_template_csv(enum dz_imp_sheet k, struct dz_csv *csv)
{
	const enum dz_imp_col	*cols;
	const char		*cell[DZ_ICOL__MAX];
	char			 buf[1024];
	size_t			 n, ns, i;
	int			 bad;

	if ((unsigned int)k >= DZ_IMP__SHEETS)
		return -1;
	cols = dz_imp_columns(k, &n);
	ns = sample_cells(k, buf, sizeof(buf), cell, DZ_ICOL__MAX);
	bad = dz_csv_bom(csv);
	for (i = 0; i < n; i++)
		bad |= dz_csv_cell(csv, dz_imp_col_name(cols[i]));
	bad |= dz_csv_row_end(csv);
	for (i = 0; i < n; i++)
		bad |= dz_csv_cell(csv, i < ns ? cell[i] : "");
	bad |= dz_csv_row_end(csv);
	return bad || csv->failed ? -1 : 0;
}

enum dz_err
dz_imp_template_xlsx(enum dz_imp_sheet k, int *fd, size_t *size)
{
	const enum dz_imp_col	*cols;
	const char		*cell[DZ_ICOL__MAX];
	struct dz_xlsx_col	 xc[DZ_ICOL__MAX];
	struct dz_xlsx_cell	 row[DZ_ICOL__MAX];
	struct dz_xlsx_table	*t = NULL;
	char			 buf[1024];
	size_t			 n, ns, i;
	enum dz_err		 rc;

	*fd = -1;
	*size = 0;
	if ((unsigned int)k >= DZ_IMP__SHEETS)
		return DZ_ERR_INVAL;
	cols = dz_imp_columns(k, &n);
	ns = sample_cells(k, buf, sizeof(buf), cell, DZ_ICOL__MAX);
	for (i = 0; i < n; i++) {
		xc[i].label = dz_imp_col_name(cols[i]);
		xc[i].kind = DZ_XLSX_TEXT;	/* as typed: 1,000.00, 示例 2026-10-05 */
		xc[i].width = 16;
		row[i].s = i < ns ? cell[i] : "";
		row[i].v = 0;
	}
	if ((rc = dz_xlsx_table_open(NULL, titles[k], NULL, xc, n, &t)) != DZ_OK)
		return rc;
	if ((rc = dz_xlsx_table_row(t, row, 0)) != DZ_OK) {
		dz_xlsx_table_free(t);
		return rc;
	}
	return dz_xlsx_table_close(t, fd, size);	/* t freed either way */
}
