/*
 * 076-lang: lib/lang.h (made by tools/lang.awk) says what ClearSilver reads
 * in conf/lang/zh_CN.hdf: every key with the same text, and no key of the
 * file missing from the header. So the sentences C shows and the ones the
 * templates show come from one place and cannot drift apart.
 */
#include "config.h"

#include <string.h>

#include "ClearSilver.h"

#include "dz.h"
#include "lang.h"
#include "stmt.h"
#include "tap.h"

static const struct {
	const char	*name, *text;
} keys[] = {
#define KEY(n, t)	{ n, t },
	DZ_LANG_EACH(KEY)
#undef KEY
};

/* Leaves (nodes with a value) under node, their dotted names in prefix. */
static size_t
count_leaves(HDF *node)
{
	HDF	*c;
	size_t	 n = 0;

	for (c = hdf_obj_child(node); c != NULL; c = hdf_obj_next(c)) {
		if (hdf_obj_value(c) != NULL)
			n++;
		n += count_leaves(c);
	}
	return n;
}

int
main(void)
{
	HDF		*hdf = NULL;
	NEOERR		*err;
	const char	*got;
	size_t		 i, bad = 0;

	if ((err = hdf_init(&hdf)) != STATUS_OK ||
	    (err = hdf_read_file(hdf, DZ_TOP_SRCDIR "/conf/lang/zh_CN.hdf")) != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		ok(0, "ClearSilver reads conf/lang/zh_CN.hdf");
		return done_testing();
	}
	ok(DZ_NELEM(keys) > 100, "lang.h has the file's keys (%zu)", DZ_NELEM(keys));
	for (i = 0; i < DZ_NELEM(keys); i++) {
		got = hdf_get_value(hdf, keys[i].name, NULL);
		if (got == NULL || strcmp(got, keys[i].text) != 0) {
			diag("%s: file \"%s\", lang.h \"%s\"", keys[i].name,
			    got != NULL ? got : "(none)", keys[i].text);
			bad++;
		}
	}
	is_int(bad, 0, "every key of lang.h has the file's text");
	is_int(count_leaves(hdf_get_obj(hdf, "Lang")), DZ_NELEM(keys),
	    "no key of the file is missing from lang.h");
	/* What libdz shows is the file's text. */
	is_str(dz_stmt_action_label(DZ_ACT_DISPUTE),
	    hdf_get_value(hdf, "Lang.stmt.action.dispute", ""), "an action's label");
	is_str(dz_strerror(DZ_ERR_ERP_CONNECT),
	    hdf_get_value(hdf, "Lang.errtext.erp_connect", ""), "an error's text");
	hdf_destroy(&hdf);
	return done_testing();
}
