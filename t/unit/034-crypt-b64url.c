/* dz_crypt_b64url and its strict decoder, on the RFC 4648 vectors. */
#include "config.h"

#include <string.h>

#include "crypt.h"
#include "tap.h"

static const struct {
	const char	*raw;
	size_t		 n;
	const char	*enc;
} vec[] = {
	{ "", 0, "" },
	{ "f", 1, "Zg" },
	{ "fo", 2, "Zm8" },
	{ "foo", 3, "Zm9v" },
	{ "foob", 4, "Zm9vYg" },
	{ "fooba", 5, "Zm9vYmE" },
	{ "foobar", 6, "Zm9vYmFy" },
	{ "\xfb\xff", 2, "-_8" },		/* the two url characters */
	{ "\xff\xff\xff", 3, "____" },
	{ "\x00\x00", 2, "AAA" },
};

static const char *const bad[] = {
	"Z", "Zh", "Zm9", "Zm9vY", "Zm9v+", "Zm9v/", "Zm9v=", "Zg==", "Zm 9v",
	"Zm9vY\xc3\xa9",
};

int
main(void)
{
	char		 enc[64];
	unsigned char	 raw[64];
	size_t		 i, n;

	for (i = 0; i < DZ_NELEM(vec); i++) {
		dz_crypt_b64url((const unsigned char *)vec[i].raw, vec[i].n, enc);
		is_str(enc, vec[i].enc, "encode vector %zu", i);
		n = 999;
		ok(dz_crypt_b64url_decode(vec[i].enc, strlen(vec[i].enc), raw,
		    sizeof(raw), &n) == 0 && n == vec[i].n &&
		    memcmp(raw, vec[i].raw, n) == 0, "decode \"%s\"", vec[i].enc);
	}
	for (i = 0; i < DZ_NELEM(bad); i++)
		is_int(dz_crypt_b64url_decode(bad[i], strlen(bad[i]), raw,
		    sizeof(raw), &n), -1, "refused: \"%s\"", bad[i]);
	is_int(dz_crypt_b64url_decode("Zm9vYmFy", 8, raw, 5, &n), -1,
	    "output too small refused");
	return done_testing();
}
