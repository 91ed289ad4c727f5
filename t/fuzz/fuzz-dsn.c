/* SOURCES: lib/erp_dsn.c lib/utf8.c lib/util.c */
/*
 * fuzz-dsn: libFuzzer target for the ERP data address parser. Besides not
 * crashing, it checks two properties: a parsed DSN's full canonical text
 * parses back to the same struct, and every reason is a terminated string.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "erp_dsn.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dz_erp_dsn	 d, d2;
	char			*text, why[256], buf[DZ_ERP_DSN_TEXTSZ];
	char			 buf2[DZ_ERP_DSN_TEXTSZ];

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* The redaction of any text: terminated, and with no pwd item left
	 * (redacting it again leaves out nothing and changes nothing). */
	memset(buf, 'x', sizeof(buf));
	dz_erp_dsn_redact(text, buf, sizeof(buf));
	if (memchr(buf, '\0', sizeof(buf)) == NULL ||
	    dz_erp_dsn_redact(buf, buf2, sizeof(buf2)) != 0 || strcmp(buf, buf2) != 0)
		__builtin_trap();
	memset(why, 'x', sizeof(why));
	if (dz_erp_dsn_parse(text, &d, why, sizeof(why)) != DZ_OK) {
		if (memchr(why, '\0', sizeof(why)) == NULL || why[0] == '\0')
			__builtin_trap();	/* a failure always says why */
		goto out;
	}
	if (dz_erp_dsn_format(&d, buf, sizeof(buf)) != DZ_OK ||
	    dz_erp_dsn_identity(&d, buf, sizeof(buf)) != DZ_OK ||
	    dz_erp_dsn_tds_server(&d, buf, sizeof(buf)) != DZ_OK ||
	    dz_erp_dsn_format_full(&d, buf, sizeof(buf)) != DZ_OK)
		__builtin_trap();
	if (dz_erp_dsn_parse(buf, &d2, why, sizeof(why)) != DZ_OK ||
	    memcmp(&d, &d2, sizeof(d)) != 0)
		__builtin_trap();	/* canonical text must round-trip */
	dz_erp_dsn_wipe(&d2);
	if (dz_erp_dsn_parse_stored(buf, &d2) != DZ_OK ||
	    memcmp(&d, &d2, sizeof(d)) != 0)
		__builtin_trap();	/* and as it comes back from the store */
	dz_erp_dsn_wipe(&d2);
out:
	/* a stored address (encrypt= may be missing) round-trips too */
	dz_erp_dsn_wipe(&d);
	if (dz_erp_dsn_parse_stored(text, &d) == DZ_OK) {
		if (dz_erp_dsn_format_full(&d, buf, sizeof(buf)) != DZ_OK ||
		    dz_erp_dsn_parse_stored(buf, &d2) != DZ_OK ||
		    memcmp(&d, &d2, sizeof(d)) != 0)
			__builtin_trap();
		dz_erp_dsn_wipe(&d2);
	}
	dz_erp_dsn_wipe(&d);
	free(text);
	return 0;
}
