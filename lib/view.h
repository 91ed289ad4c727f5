/*
 * view.h: filling the page's HDF and rendering ClearSilver templates.
 *
 * HDF names come only from our constants (and numeric indexes); request
 * and ERP data go only into values. Config.VarEscapeMode = html is set on
 * every page, so `var:` escapes; templates never use `uvar:`.
 */
#ifndef DZ_VIEW_H
#define DZ_VIEW_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"

struct _hdf;

/*
 * Read data_dir/lang/zh_CN.hdf once per process into *global (Lang.*),
 * with lib/stmt's codes beside it for the templates to iterate, so no
 * template spells one: Vocab.status.N (the statuses a list is filtered
 * by), Vocab.doc.N (the document types), Vocab.group.<type> (the bucket
 * a type counts in). Their names are Lang.stmt.status[code] and so on.
 * (dz-history adds the sets of buttons it meets, Vocab.acts.)
 */
enum dz_err	 dz_view_load_lang(const char *data_dir, struct _hdf **global);

/*
 * Render data_dir/templates/layout.cs (which includes Page.Template) with
 * hdf, falling back to global for Lang.*. *out is malloc'd (caller frees).
 */
enum dz_err	 dz_view_render(struct _hdf *hdf, struct _hdf *global,
		    const char *data_dir, const char *page, char **out, size_t *outlen);

/* Setters: failures (out of memory) are logged, the page renders without. */
void		 dz_set(struct _hdf *, const char *name, const char *value);
void		 dz_set_int(struct _hdf *, const char *name, long long);
/* "1,234.50" */
void		 dz_set_money(struct _hdf *, const char *name, int64_t fen);
/* base.<i>.field = value */
void		 dz_set_idx(struct _hdf *, const char *base, size_t i, const char *field,
		    const char *value);
void		 dz_set_idx_int(struct _hdf *, const char *base, size_t i, const char *field,
		    long long);
void		 dz_set_idx_money(struct _hdf *, const char *base, size_t i, const char *field,
		    int64_t fen);

/*
 * The node base.<i> (made if missing), to fill a row's fields with dz_set,
 * dz_set_int, dz_set_money relative to it: one walk per row instead of one
 * per field. NULL only when out of memory (the setters then do nothing).
 */
struct _hdf	*dz_row(struct _hdf *, const char *base, size_t i);

/*
 * A struct into a row of the HDF by a table: each field's HDF name, its
 * type and where it is (DZ_VIEW(name, struct, field, type)). One table per
 * struct a page shows, beside the handler.
 */
enum dz_viewt {
	DZ_V_STR,		/* char[] */
	DZ_V_PSTR,		/* char * (NULL shows as "") */
	DZ_V_INT,		/* long long */
	DZ_V_BOOL,		/* int, shown as 0 or 1 */
	DZ_V_MONEY		/* int64_t fen, shown as 1,234.50 */
};

struct dz_viewmap {
	const char	*name;
	enum dz_viewt	 t;
	size_t		 off;
};

#define DZ_VIEW(name, type, f, t)	{ (name), (t), offsetof(type, f) }

void		 dz_set_struct(struct _hdf *row, const void *, const struct dz_viewmap *,
		    size_t n);

/* A value from the page's HDF (or NULL). */
const char	*dz_get(struct _hdf *, const char *name);

#endif
