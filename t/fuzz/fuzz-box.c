/* SOURCES: lib/crypt.c lib/util.c */
/* LIBS: -lcrypto */
/*
 * libFuzzer target: the parsers of lib/crypt.c. The input is tried as a
 * sealed blob (the length fields are implicit, so a short or forged blob
 * must be refused), as key file text, as base64url (what decodes must
 * encode back to the same text) and as a token; and a seal/open round trip
 * is run with the input as plaintext and as associated data.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypt.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

static const char keytext[] =
    "1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n"
    "2 ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct dz_keyring	 kr;
	struct dz_keyring		 parsed;
	unsigned char			*blob = NULL, raw[256];
	char				*pt = NULL, *txt, enc[512];
	size_t				 ptlen, bloblen, n, i, j;

	if (kr.n == 0)
		CHECK(dz_crypt_key_parse(keytext, sizeof(keytext) - 1, &kr) == DZ_OK);

	/* as a blob */
	if (dz_crypt_box_open(&kr, data, size, "row:1", 5, &pt, &ptlen) == DZ_OK) {
		CHECK(size >= DZ_BOX_OVERHEAD && ptlen == size - DZ_BOX_OVERHEAD);
		CHECK(pt != NULL && pt[ptlen] == '\0');
		free(pt);
	} else
		CHECK(pt == NULL);

	/* as key file text */
	if (dz_crypt_key_parse((const char *)data, size, &parsed) == DZ_OK) {
		CHECK(parsed.n >= 1 && parsed.n <= DZ_KEYS_MAX);
		for (i = 0; i < parsed.n; i++)
			for (j = i + 1; j < parsed.n; j++)
				CHECK(parsed.keys[i].id != parsed.keys[j].id);
	} else
		CHECK(parsed.n == 0);
	dz_crypt_key_clear(&parsed);

	/* as base64url: decoding is canonical */
	if (size < 300 && dz_crypt_b64url_decode((const char *)data, size, raw,
	    sizeof(raw), &n) == 0) {
		dz_crypt_b64url(raw, n, enc);
		CHECK(strlen(enc) == size && memcmp(enc, data, size) == 0);
	}

	/* as a token */
	if ((txt = malloc(size + 1)) != NULL) {
		memcpy(txt, data, size);
		txt[size] = '\0';
		if (dz_crypt_token_valid(txt))
			CHECK(strlen(txt) == DZ_TOKEN_LEN);
		free(txt);
	}

	/* round trip with the input as plaintext and as ad */
	CHECK(dz_crypt_box_seal(&kr, data, size, data, size, &blob,
	    &bloblen) == DZ_OK);
	CHECK(bloblen == size + DZ_BOX_OVERHEAD && blob[1] == 2);
	CHECK(dz_crypt_box_open(&kr, blob, bloblen, data, size, &pt,
	    &ptlen) == DZ_OK);
	CHECK(ptlen == size && memcmp(pt, data, size) == 0);
	free(pt);
	pt = NULL;
	if (size > 0) {
		CHECK(dz_crypt_box_open(&kr, blob, bloblen, data, size - 1, &pt,
		    &ptlen) == DZ_ERR_CRYPT && pt == NULL);
	}
	free(blob);
	return 0;
}
