/* dz_crypt_sha256(_hex) on the FIPS 180-2 vectors, and dz_crypt_equal. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "crypt.h"
#include "tap.h"

static const struct {
	const char	*in;
	const char	*hex;
} vec[] = {
	{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
	  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
};

int
main(void)
{
	char		 hex[DZ_SHA256_HEXLEN + 1];
	unsigned char	 md[DZ_SHA256_LEN], md2[DZ_SHA256_LEN];
	char		*million;
	size_t		 i;

	for (i = 0; i < DZ_NELEM(vec); i++) {
		dz_crypt_sha256_hex(vec[i].in, strlen(vec[i].in), hex);
		is_str(hex, vec[i].hex, "sha256 vector %zu", i);
	}
	million = malloc(1000000);
	memset(million, 'a', 1000000);
	dz_crypt_sha256_hex(million, 1000000, hex);
	is_str(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	    "sha256 of a million 'a'");
	free(million);

	/* the binary form is the hex form's bytes */
	dz_crypt_sha256("abc", 3, md);
	ok(md[0] == 0xba && md[1] == 0x78 && md[31] == 0xad, "binary digest");
	dz_crypt_sha256("abd", 3, md2);
	ok(!dz_crypt_equal(md, md2, sizeof(md)), "abc and abd differ");
	dz_crypt_sha256("abc", 3, md2);
	ok(dz_crypt_equal(md, md2, sizeof(md)), "equal digests compare equal");
	md2[31] ^= 1;
	ok(!dz_crypt_equal(md, md2, sizeof(md)), "last byte differs: not equal");
	md2[31] ^= 1;
	md2[0] ^= 0x80;
	ok(!dz_crypt_equal(md, md2, sizeof(md)), "first bit differs: not equal");
	ok(dz_crypt_equal("x", "y", 0), "zero bytes are equal");
	return done_testing();
}
