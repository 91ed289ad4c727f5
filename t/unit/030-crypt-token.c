/* dz_crypt_token and dz_crypt_token_valid. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "crypt.h"
#include "tap.h"

#define NTOK	10000

static int
cmp(const void *a, const void *b)
{
	return memcmp(a, b, DZ_TOKEN_LEN + 1);
}

static const char *const bad[] = {
	"",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop",		/* 42 */
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopAA",		/* 44 */
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop+",		/* '+' */
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop/",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop=",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno A",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmno\xc3\xa9",
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopB",		/* unused bits set */
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop_",
};

int
main(void)
{
	char	(*tok)[DZ_TOKEN_LEN + 1];
	size_t	 i, j, badlen = 0, badsyn = 0, dups = 0;
	int	 seen[256] = { 0 }, nfirst = 0;

	if ((tok = calloc(NTOK, sizeof(*tok))) == NULL)
		return 1;
	for (i = 0; i < NTOK; i++) {
		if (dz_crypt_token(tok[i]) != DZ_OK)
			break;
		if (strlen(tok[i]) != DZ_TOKEN_LEN)
			badlen++;
		if (!dz_crypt_token_valid(tok[i]))
			badsyn++;
		seen[(unsigned char)tok[i][0]]++;
	}
	is_int(i, NTOK, "%d tokens made", NTOK);
	is_int(badlen, 0, "every token is %d characters", DZ_TOKEN_LEN);
	is_int(badsyn, 0, "every token passes dz_crypt_token_valid");
	qsort(tok, NTOK, sizeof(*tok), cmp);
	for (i = 1; i < NTOK; i++)
		if (strcmp(tok[i - 1], tok[i]) == 0)
			dups++;
	is_int(dups, 0, "all %d tokens differ", NTOK);
	for (j = 0; j < 256; j++)
		if (seen[j] > 0)
			nfirst++;
	is_int(nfirst, 64, "the first character takes all 64 base64url values");
	free(tok);

	ok(dz_crypt_token_valid("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopA"),
	    "a hand-made canonical token is valid");
	ok(dz_crypt_token_valid("-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_-_w"),
	    "'-' and '_' are base64url");
	for (i = 0; i < DZ_NELEM(bad); i++)
		ok(!dz_crypt_token_valid(bad[i]), "refused: \"%s\"", bad[i]);
	ok(!dz_crypt_token_valid(NULL), "NULL refused");
	return done_testing();
}
