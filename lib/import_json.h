/*
 * import_json.h: the import API's bodies (issue 16), pure: a JSON array
 * of objects, or one object a line (NDJSON), turned into the sheets of
 * the import templates, so that lib/import checks an API call exactly as
 * it checks an upload. Each object is a row under a header of the
 * template's column names; a document's "lines" (an array of objects)
 * become rows of the goods-lines sheet with its number.
 *
 *   customers: code, name, contact, phone, opening, opening_date
 *   documents: date, type, number, customer, amount, summary, lines
 *   lines:     product_code, product_name, unit, qty, price, amount
 *
 * A value is a string, a number (an integer as it is, any other with at
 * most 15 significant digits: 12.5, not 12.4999999) or null (empty).
 * Jansson reads the JSON (strict: no duplicate keys, no NUL in a string,
 * at most 2048 levels); what it refuses, an item that is not an object, a
 * key the template does not have and a value of another JSON type are
 * refusals in f, as lib/import's are, naming the item.
 */
#ifndef DZ_IMPORT_JSON_H
#define DZ_IMPORT_JSON_H

#include <stddef.h>
#include "dz.h"
#include "import.h"
#include "sheet.h"

#define DZ_IMP_JSON_ITEMS_MAX	50000	/* objects of one call (lib/sheet's rows) */
#define DZ_IMP_JSON_LINES_MAX	200000	/* goods lines of one call */

/* The sheets of one body, and where each row came from. */
struct dz_imp_json {
	struct dz_sheet	 sheet[2];	/* [0] the template's; [1] goods lines (documents) */
	size_t		 items;		/* objects read */
	size_t		*line_item;	/* sheet[1] row r (>= 1): its document's item (1-based) */
	size_t		*line_no;	/* ... and its place in the document's lines (1-based) */
};

/*
 * Read body (len bytes) as the objects of template k (DZ_IMP_CUSTOMERS or
 * DZ_IMP_DOCUMENTS) into j; refusals of the JSON itself go into f (the
 * item's number as row + 1: row 2 is item 1; the sheet as a whole: 0).
 * DZ_ERR_TOOBIG past the limits above, DZ_ERR_NOMEM, DZ_ERR_INVAL (k);
 * DZ_OK otherwise, even with refusals (f->errors). Free j with
 * dz_imp_json_free.
 */
enum dz_err	 dz_imp_json_read(const char *body, size_t len, enum dz_imp_sheet k,
		    struct dz_imp_json *j, struct dz_imp_file *f);
void		 dz_imp_json_free(struct dz_imp_json *);

/*
 * The API's answers, as JSON text (malloc'd, NUL-terminated; NULL when
 * out of memory): f's refusals (each with its item, and its line for a
 * goods line, the field, the reason's code and words, the cell), or an
 * error of the call itself (code and words).
 */
char		*dz_imp_json_refusals(const struct dz_imp_file *f, const struct dz_imp_json *j);
char		*dz_imp_json_error(const char *code, const char *words);
/* ... and what a stored call did (file, duplicate, counts). */
char		*dz_imp_json_done(long long file, int duplicate, size_t customers,
		    size_t added, size_t changed, size_t unchanged, size_t stale, size_t lines);

/* The JSON key of a template column ("amount"), "" for none. */
const char	*dz_imp_json_key(enum dz_imp_col);

#endif /* DZ_IMPORT_JSON_H */
