/* SOURCES: lib/form.c lib/money.c lib/utf8.c lib/util.c */
/*
 * libFuzzer target: a Cookie header through dz_form_parse_cookies. Every
 * pair kept must have an RFC 6265 token as name (1..DZ_FORM_MAXKEY bytes)
 * and cookie-octets as value, and there can be no more pairs than
 * ';'-separated pieces.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dz_pairs	 pp;
	char		*hdr;
	const char	*k;
	size_t		 i, pieces = 1;

	if ((hdr = malloc(size + 1)) == NULL)
		return 0;
	memcpy(hdr, data, size);
	hdr[size] = '\0';
	for (i = 0; hdr[i] != '\0'; i++)
		if (hdr[i] == ';')
			pieces++;

	memset(&pp, 0, sizeof(pp));
	if (dz_form_parse_cookies(&pp, hdr) == DZ_OK) {
		CHECK(pp.n <= pieces);
		for (i = 0; i < pp.n; i++) {
			k = pp.v[i].key;
			CHECK(strlen(k) >= 1 && strlen(k) <= DZ_FORM_MAXKEY);
			CHECK(strcspn(k, "()<>@,;:\\\"/[]?={} \t") == strlen(k));
			for (; *k != '\0'; k++)
				CHECK((unsigned char)*k > 0x20 &&
				    (unsigned char)*k < 0x7f);
			CHECK(strlen(pp.v[i].val) == pp.v[i].vallen);
			CHECK(strcspn(pp.v[i].val, " \t\",;\\") == pp.v[i].vallen);
			CHECK(strstr(hdr, pp.v[i].key) != NULL);
			CHECK(dz_form_get(&pp, pp.v[i].key) != NULL);
		}
	}
	dz_form_free(&pp);
	free(hdr);
	return 0;
}
