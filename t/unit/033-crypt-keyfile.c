/* dz_crypt_key_parse: the key file text, strictly. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "crypt.h"
#include "tap.h"

#define K "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"	/* bytes 0..31 */
#define L "_____________________________________________w"

static const struct {
	const char	*text;
	int		 ok;
	size_t		 n;
	const char	*what;
} rows[] = {
	{ "1 " K "\n", 1, 1, "one key" },
	{ "1 " K "\n2 " K "\n", 1, 2, "two keys" },
	{ "255 " K "\n", 1, 1, "id 255" },
	{ "7 " K "\n3 " K "\n", 1, 2, "ids in any order" },
	{ "", 0, 0, "empty" },
	{ "\n", 0, 0, "blank line" },
	{ "1 " K, 0, 0, "no final newline" },
	{ "1 " K "\n\n", 0, 0, "trailing blank line" },
	{ "0 " K "\n", 0, 0, "id 0" },
	{ "256 " K "\n", 0, 0, "id 256" },
	{ "01 " K "\n", 0, 0, "leading zero" },
	{ "1000 " K "\n", 0, 0, "four digits" },
	{ "-1 " K "\n", 0, 0, "negative" },
	{ "1  " K "\n", 0, 0, "two spaces" },
	{ "1\t" K "\n", 0, 0, "tab" },
	{ " 1 " K "\n", 0, 0, "leading space" },
	{ "1 " K " \n", 0, 0, "trailing space" },
	{ "1 " K "\r\n", 0, 0, "CRLF" },
	{ "1 " K "A\n", 0, 0, "44 characters" },
	{ "1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh\n", 0, 0, "42 characters" },
	{ "1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+\n", 0, 0, "'+' (plain base64)" },
	{ "1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9\n", 0, 0, "unused bits set" },
	{ "1 AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", 0, 0, "padding" },
	{ "1 " K "\n1 " K "\n", 0, 0, "duplicate id" },
	{ "# keys\n1 " K "\n", 0, 0, "comment" },
	{ "1 " K "\nx", 0, 0, "junk after" },
};

int
main(void)
{
	struct dz_keyring	 kr;
	char			 big[17 * 48 + 1];
	size_t			 i, len = 0;
	int			 good;

	for (i = 0; i < DZ_NELEM(rows); i++) {
		memset(&kr, 0xaa, sizeof(kr));
		if (rows[i].ok) {
			good = dz_crypt_key_parse(rows[i].text, strlen(rows[i].text),
			    &kr) == DZ_OK && kr.n == rows[i].n;
			ok(good, "accepted: %s", rows[i].what);
		} else {
			good = dz_crypt_key_parse(rows[i].text, strlen(rows[i].text),
			    &kr) == DZ_ERR_CRYPT && kr.n == 0 && kr.keys[0].key[0] == 0;
			ok(good, "refused and wiped: %s", rows[i].what);
		}
	}

	dz_crypt_key_parse("9 " K "\n", strlen("9 " K "\n"), &kr);
	ok(kr.keys[0].id == 9 && kr.keys[0].key[0] == 0 && kr.keys[0].key[1] == 1 &&
	    kr.keys[0].key[31] == 31, "key bytes decoded");

	/* DZ_KEYS_MAX keys are fine, one more is not */
	for (i = 1; i <= DZ_KEYS_MAX; i++)
		len += snprintf(big + len, sizeof(big) - len, "%zu " K "\n", i);
	is_int(dz_crypt_key_parse(big, len, &kr), DZ_OK, "%d keys", DZ_KEYS_MAX);
	len += snprintf(big + len, sizeof(big) - len, "%d " K "\n", DZ_KEYS_MAX + 1);
	is_int(dz_crypt_key_parse(big, len, &kr), DZ_ERR_CRYPT, "%d keys refused",
	    DZ_KEYS_MAX + 1);
	return done_testing();
}
