/*
 * import_tpl.h: the import templates to download (数据导入 → 下载模板):
 * a header row of lib/import's column names and one example row
 * (Lang.import.sample_*, its first cell beginning with 示例, skipped when
 * the file comes back), as CSV (lib/csv: a BOM, every cell quoted) or as
 * a workbook (lib/xlsx: the header on row 1, frozen), nothing else.
 */
#ifndef DZ_IMPORT_TPL_H
#define DZ_IMPORT_TPL_H

#include <stddef.h>
#include "dz.h"
#include "csv.h"
#include "import.h"

/* Its title (客户导入模板 ...): the sheet's and the file's name. */
const char	*dz_imp_template_title(enum dz_imp_sheet);
/* Its code (customers, documents, lines): the file's ASCII name. */
const char	*dz_imp_template_code(enum dz_imp_sheet);

/* Template k into csv (appended). 0, or -1 out of memory. */
int		 dz_imp_template_csv(enum dz_imp_sheet k, struct dz_csv *csv);

/* Template k as a workbook in a temporary file: *fd (at its start) and
 * *size; the caller closes it. DZ_ERR_NOMEM, DZ_ERR_IO. */
enum dz_err	 dz_imp_template_xlsx(enum dz_imp_sheet k, int *fd, size_t *size);

#endif /* DZ_IMPORT_TPL_H */
