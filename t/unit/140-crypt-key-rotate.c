/*
 * The key file through a rotation: dz_crypt_key_add (a new newest key,
 * the old ones kept) and dz_crypt_key_drop (an old key out; never the
 * newest, never one the file has not); a blob sealed before opens after
 * the add and not after its key is dropped; the file stays 0400.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypt.h"
#include "tap.h"

static size_t
nkeys(const char *path, unsigned int *newest)
{
	struct dz_keyring	kr;
	size_t			i, n;

	*newest = 0;
	if (dz_crypt_key_load(path, &kr) != DZ_OK)
		return 0;
	for (i = 0; i < kr.n; i++)
		if (kr.keys[i].id > *newest)
			*newest = kr.keys[i].id;
	n = kr.n;
	dz_crypt_key_clear(&kr);
	return n;
}

int
main(void)
{
	struct dz_keyring	 kr;
	struct stat		 st;
	char			 dir[] = "/tmp/dzkeyXXXXXX", path[64], *pt = NULL;
	unsigned char		*blob = NULL;
	size_t			 bloblen = 0, ptlen;
	unsigned int		 newest;

	if (mkdtemp(dir) == NULL)
		skip_all("no temporary folder");
	snprintf(path, sizeof(path), "%s/master.key", dir);
	is_int(dz_crypt_key_create(path), DZ_OK, "key file made");
	is_int(dz_crypt_key_load(path, &kr), DZ_OK, "loaded");
	is_int(dz_crypt_box_seal(&kr, "secret", 6, "ad", 2, &blob, &bloblen), DZ_OK,
	    "sealed with key 1");
	dz_crypt_key_clear(&kr);

	is_int(dz_crypt_key_drop(path, 1), DZ_ERR_INVAL, "the only (newest) key is not dropped");
	is_int(dz_crypt_key_add(path), DZ_OK, "a key added");
	is_int(nkeys(path, &newest), 2, "two keys");
	is_int(newest, 2, "the newest is key 2");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0400, "the file is still 0400");
	dz_crypt_key_load(path, &kr);
	is_int(dz_crypt_box_open(&kr, blob, bloblen, "ad", 2, &pt, &ptlen), DZ_OK,
	    "key 1's blob opens after the rotation");
	ok(pt != NULL && strcmp(pt, "secret") == 0, "its text");
	free(pt);
	pt = NULL;
	dz_crypt_key_clear(&kr);

	is_int(dz_crypt_key_drop(path, 2), DZ_ERR_INVAL, "the newest key is not dropped");
	is_int(dz_crypt_key_drop(path, 7), DZ_ERR_NOTFOUND, "no key 7 to drop");
	is_int(nkeys(path, &newest), 2, "still two keys");
	is_int(dz_crypt_key_drop(path, 1), DZ_OK, "key 1 dropped");
	is_int(nkeys(path, &newest), 1, "one key");
	is_int(newest, 2, "key 2 is left");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0400, "the file is 0400");
	dz_crypt_key_load(path, &kr);
	is_int(dz_crypt_box_open(&kr, blob, bloblen, "ad", 2, &pt, &ptlen), DZ_ERR_CRYPT,
	    "key 1's blob no longer opens");
	ok(pt == NULL, "and gives nothing");
	dz_crypt_key_clear(&kr);
	is_int(dz_crypt_key_add(path), DZ_OK, "another key added");
	is_int(nkeys(path, &newest), 2, "two keys again");
	is_int(newest, 3, "the new one is key 3 (ids are not reused)");

	free(blob);
	unlink(path);
	rmdir(dir);
	return done_testing();
}
