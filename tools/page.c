/*
 * dz-page: draw a page of the site without a request, for nginx to send
 * by itself when no program should be asked: the customer's 429 page
 * (make builds static/busy.html from templates/confirm/busy.cs). The page
 * goes through the programs' own layout and escaping (lib/view), its
 * words from conf/lang/zh_CN.hdf, so it looks and reads like the site.
 *
 *   dz-page SRCDIR PAGE TITLE >FILE
 *
 * SRCDIR holds conf/lang/zh_CN.hdf and templates/; PAGE is a template
 * under templates/ (confirm/busy.cs); TITLE names the Lang value of the
 * page's title (Lang.confirm.busy_title). The page is a customer's: no
 * staff bar, no-referrer and noindex in its head (layout.cs). Exit 0, or
 * 1 with the reason on stderr (a missing template or word fails the
 * build rather than an empty page being installed).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ClearSilver.h"

#include "dz.h"
#include "log.h"
#include "view.h"

int
main(int argc, char **argv)
{
	HDF		*global = NULL, *hdf = NULL;
	NEOERR		*err;
	char		 langdir[1024], *out = NULL;
	const char	*title;
	size_t		 len = 0;
	int		 rc = 1;

	dz_log_init("dz-page", "warn");
	if (argc != 4) {
		fprintf(stderr, "usage: dz-page SRCDIR PAGE TITLE >FILE\n");
		return 2;
	}
	snprintf(langdir, sizeof(langdir), "%s/conf", argv[1]);
	if (dz_view_load_lang(langdir, &global) != DZ_OK)
		goto out;
	if ((title = dz_get(global, argv[3])) == NULL || *title == '\0') {
		fprintf(stderr, "dz-page: no %s in %s/lang/zh_CN.hdf\n", argv[3], langdir);
		goto out;
	}
	if ((err = hdf_init(&hdf)) != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		goto out;
	}
	dz_set(hdf, "Page.Title", title);
	dz_set_int(hdf, "Page.Customer", 1);
	if (dz_view_render(hdf, global, argv[1], argv[2], &out, &len) != DZ_OK)
		goto out;	/* logged: the template and why */
	if (len == 0 || fwrite(out, 1, len, stdout) != len || fflush(stdout) != 0) {
		fprintf(stderr, "dz-page: could not write the page\n");
		goto out;
	}
	rc = 0;
out:
	free(out);
	if (hdf != NULL)
		hdf_destroy(&hdf);
	if (global != NULL)
		hdf_destroy(&global);
	return rc;
}
