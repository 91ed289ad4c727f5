/*
 * The AES-256-GCM box: round trip; every flipped byte, a cut blob,
 * another row's ad, a missing or unknown key: refused. Key file: mode
 * 0400, no second create, rotation keeps old blobs open and seals with
 * the new key.
 */
#include "config.h"

#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypt.h"
#include "tap.h"

static const char secret[] = "server=10.0.0.5,1433; uid=sa; pwd=S3cr\xe5\xaf\x86!; database=grasp";
static const char ad42[] = "account_sets.erp_dsn:42";
static const char ad43[] = "account_sets.erp_dsn:43";

static char	 dir[PATH_MAX];

static char *
path(const char *name)
{
	static char	 buf[PATH_MAX + 64];

	snprintf(buf, sizeof(buf), "%s/%s", dir, name);
	return buf;
}

/* Does blob open with (kr, ad) to exactly secret? */
static int
opens(const struct dz_keyring *kr, const unsigned char *b, size_t n,
    const char *ad)
{
	char	*pt = (char *)1;
	size_t	 len = 99;
	int	 r;

	if (dz_crypt_box_open(kr, b, n, ad, strlen(ad), &pt, &len) != DZ_OK)
		return pt == NULL ? 0 : -1;	/* -1: left *pt set */
	r = len == strlen(secret) && strcmp(pt, secret) == 0;
	dz_wipe(pt, len);
	free(pt);
	return r;
}

static void
keyfile(void)
{
	struct stat		 st;
	struct dz_keyring	 kr;
	char			 target[PATH_MAX + 64];

	is_int(dz_crypt_key_create(path("k1")), DZ_OK, "key file created");
	memset(&st, 0, sizeof(st));
	stat(path("k1"), &st);
	is_int(st.st_mode & 07777, 0400, "key file mode is 0400");
	is_int(dz_crypt_key_create(path("k1")), DZ_ERR_IO,
	    "a second create is refused");
	is_int(dz_crypt_key_load(path("k1"), &kr), DZ_OK, "key file loads");
	ok(kr.n == 1 && kr.keys[0].id == 1, "one key, id 1");
	dz_crypt_key_clear(&kr);
	ok(kr.n == 0, "clear empties the keyring");
	is_int(dz_crypt_key_load(path("nope"), &kr), DZ_ERR_CRYPT,
	    "a missing key file is refused");
	ok(kr.n == 0, "and leaves no keys");
	snprintf(target, sizeof(target), "%s", path("k1"));
	ok(symlink(target, path("link")) == 0, "symlink made");
	is_int(dz_crypt_key_load(path("link"), &kr), DZ_ERR_CRYPT,
	    "a symlinked key file is refused");
	is_int(dz_crypt_key_create(path("k2")), DZ_OK, "second key file");
	chmod(path("k2"), 0640);
	is_int(dz_crypt_key_load(path("k2"), &kr), DZ_ERR_CRYPT,
	    "a group-readable key file is refused");
	chmod(path("k2"), 0600);
	is_int(dz_crypt_key_load(path("k2"), &kr), DZ_OK, "0600 is fine");
	dz_crypt_key_clear(&kr);
}

static void
roundtrip(void)
{
	struct dz_keyring	 kr, other, empty;
	unsigned char		*b = NULL, *b2 = NULL;
	size_t			 n = 0, n2 = 0, i, bit, flips = 0, held = 0, cuts = 0;
	char			*pt;
	size_t			 ptlen;

	memset(&empty, 0, sizeof(empty));
	dz_crypt_key_load(path("k1"), &kr);
	dz_crypt_key_load(path("k2"), &other);
	is_int(dz_crypt_box_seal(&kr, secret, strlen(secret), ad42, strlen(ad42),
	    &b, &n), DZ_OK, "seal");
	is_int(n, strlen(secret) + DZ_BOX_OVERHEAD, "blob length");
	ok(b[0] == 1 && b[1] == 1, "version 1, key id 1");
	ok(memmem(b, n, "pwd=", 4) == NULL, "no plaintext in the blob");
	is_int(opens(&kr, b, n, ad42), 1, "round trip");

	/* every byte, three different flips each */
	for (i = 0; i < n; i++)
		for (bit = 0; bit < 3; bit++) {
			unsigned char mask = bit == 0 ? 0x01 : bit == 1 ? 0x80 : 0xff;
			b[i] ^= mask;
			if (opens(&kr, b, n, ad42) != 0)
				flips++;
			b[i] ^= mask;
		}
	is_int(flips, 0, "all %zu single-byte flips refused", 3 * n);
	for (i = 0; i < n; i++)
		if (opens(&kr, b, i, ad42) != 0)
			cuts++;
	is_int(cuts, 0, "every cut-short blob refused");
	b2 = malloc(n + 1);
	memcpy(b2, b, n);
	b2[n] = 0;
	is_int(opens(&kr, b2, n + 1, ad42), 0, "a blob with a byte appended refused");
	free(b2);
	b2 = NULL;

	is_int(opens(&kr, b, n, ad43), 0, "another row's ad refused");
	is_int(opens(&kr, b, n, ""), 0, "empty ad refused");
	is_int(opens(&other, b, n, ad42), 0, "another key file's key refused");
	is_int(opens(&empty, b, n, ad42), 0, "an empty keyring refused");
	b[1] = 7;
	is_int(opens(&kr, b, n, ad42), 0, "an unknown key id refused");
	b[1] = 1;
	b[0] = 2;
	is_int(opens(&kr, b, n, ad42), 0, "an unknown version refused");
	b[0] = 1;
	pt = (char *)1;
	ok(dz_crypt_box_open(&kr, b, n, ad43, strlen(ad43), &pt, &ptlen) ==
	    DZ_ERR_CRYPT && pt == NULL, "refusal is DZ_ERR_CRYPT with pt NULL");
	is_int(opens(&kr, b, n, ad42), 1, "the blob still opens after all that");
	ok(dz_crypt_box_open(&kr, NULL, 0, ad42, strlen(ad42), &pt, &ptlen) ==
	    DZ_ERR_CRYPT, "NULL blob refused");

	/* the nonce is fresh every time */
	dz_crypt_box_seal(&kr, secret, strlen(secret), ad42, strlen(ad42), &b2, &n2);
	ok(n2 == n && memcmp(b + 2, b2 + 2, 12) != 0 && memcmp(b, b2, n) != 0,
	    "sealing twice gives different nonces and blobs");
	for (i = 0; i < 64; i++) {
		unsigned char *b3 = NULL;
		size_t n3;

		dz_crypt_box_seal(&kr, "x", 1, ad42, strlen(ad42), &b3, &n3);
		if (b3 == NULL || memcmp(b3 + 2, b2 + 2, 12) == 0)
			held++;
		free(b3);
	}
	is_int(held, 0, "64 more seals: no nonce repeated");
	free(b2);

	/* empty plaintext and no ad */
	b2 = NULL;
	is_int(dz_crypt_box_seal(&kr, "", 0, NULL, 0, &b2, &n2), DZ_OK,
	    "seal an empty plaintext");
	pt = NULL;
	ok(n2 == DZ_BOX_OVERHEAD &&
	    dz_crypt_box_open(&kr, b2, n2, NULL, 0, &pt, &ptlen) == DZ_OK &&
	    ptlen == 0 && pt != NULL && pt[0] == '\0', "and open it");
	free(pt);
	free(b2);
	b2 = NULL;
	ok(dz_crypt_box_seal(&empty, "x", 1, NULL, 0, &b2, &n2) == DZ_ERR_CRYPT &&
	    b2 == NULL, "seal without keys refused");

	free(b);
	dz_crypt_key_clear(&kr);
	dz_crypt_key_clear(&other);
}

static void
rotation(void)
{
	struct dz_keyring	 old, kr;
	struct stat		 st;
	unsigned char		*b1 = NULL, *b2 = NULL;
	size_t			 n1, n2;
	int			 i;

	is_int(dz_crypt_key_create(path("rot")), DZ_OK, "rotation key file");
	dz_crypt_key_load(path("rot"), &old);
	dz_crypt_box_seal(&old, secret, strlen(secret), ad42, strlen(ad42), &b1, &n1);
	is_int(dz_crypt_key_add(path("rot")), DZ_OK, "add a key");
	ok(stat(path("rot"), &st) == 0 && (st.st_mode & 07777) == 0400,
	    "still mode 0400 after rotation");
	ok(access(path("rot.new"), F_OK) == -1, "no temporary file left");
	is_int(dz_crypt_key_load(path("rot"), &kr), DZ_OK, "rotated file loads");
	ok(kr.n == 2 && kr.keys[0].id == 1 && kr.keys[1].id == 2, "keys 1 and 2");
	ok(memcmp(kr.keys[0].key, old.keys[0].key, 32) == 0,
	    "key 1 unchanged by rotation");
	ok(memcmp(kr.keys[0].key, kr.keys[1].key, 32) != 0, "key 2 is new");
	is_int(opens(&kr, b1, n1, ad42), 1, "an old blob still opens");
	dz_crypt_box_seal(&kr, secret, strlen(secret), ad42, strlen(ad42), &b2, &n2);
	ok(b2 != NULL && b2[1] == 2, "new blobs use key 2");
	is_int(opens(&kr, b2, n2, ad42), 1, "and open");
	is_int(opens(&old, b2, n2, ad42), 0, "the old keyring cannot open them");
	for (i = 0; i < 14; i++)
		if (dz_crypt_key_add(path("rot")) != DZ_OK)
			break;
	is_int(i, 14, "rotate up to DZ_KEYS_MAX keys");
	is_int(dz_crypt_key_add(path("rot")), DZ_ERR_CRYPT, "a full key file refuses more");
	dz_crypt_key_clear(&kr);
	dz_crypt_key_load(path("rot"), &kr);
	is_int(opens(&kr, b1, n1, ad42), 1, "the first blob opens after 15 rotations");
	is_int(dz_crypt_key_add(path("nope")), DZ_ERR_CRYPT, "add to a missing file refused");
	free(b1);
	free(b2);
	dz_crypt_key_clear(&kr);
	dz_crypt_key_clear(&old);
}

static void
cleanup(void)
{
	static const char *const names[] = { "k1", "k2", "link", "rot", "rot.new" };
	size_t	 i;

	for (i = 0; i < DZ_NELEM(names); i++)
		unlink(path(names[i]));
	rmdir(dir);
}

int
main(void)
{
	const char	*tmp;

	tmp = getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp";
	snprintf(dir, sizeof(dir), "%s/dz-box-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		printf("Bail out! mkdtemp failed\n");
		return 1;
	}
	keyfile();
	roundtrip();
	rotation();
	cleanup();
	return done_testing();
}
