/*
 * crypt.h: random tokens, SHA-256, constant-time compare, and the
 * AES-256-GCM "secret box" that keeps ERP passwords at rest.
 *
 * Box blob layout: version (1 byte, = 1) | key id (1 byte) | nonce (12) |
 * ciphertext (n) | tag (16). The associated data binds the blob to its row
 * (e.g. "account_sets.erp_dsn:42"): a blob copied to another row won't open.
 */
#ifndef DZ_CRYPT_H
#define DZ_CRYPT_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"

#define DZ_TOKEN_BYTES	32	/* 256 bits */
#define DZ_TOKEN_LEN	43	/* base64url without padding */
#define DZ_SHA256_LEN	32
#define DZ_SHA256_HEXLEN 64
#define DZ_BOX_OVERHEAD	(1 + 1 + 12 + 16)
#define DZ_KEYS_MAX	16

/* A fresh 256-bit random token, base64url, NUL-terminated. */
enum dz_err	 dz_crypt_token(char out[DZ_TOKEN_LEN + 1]);

/*
 * Does s look like one of our tokens (43 base64url characters, the last
 * one with its two unused bits zero, as dz_crypt_token makes them)?
 */
int		 dz_crypt_token_valid(const char *s);

void		 dz_crypt_sha256(const void *, size_t, unsigned char out[DZ_SHA256_LEN]);
void		 dz_crypt_sha256_hex(const void *, size_t, char out[DZ_SHA256_HEXLEN + 1]);

/* Constant-time equality of two n-byte buffers: 1 equal, 0 not. */
int		 dz_crypt_equal(const void *, const void *, size_t n);

/* base64url without padding; out must hold 4 * ceil(n / 3) + 1 bytes. */
void		 dz_crypt_b64url(const unsigned char *, size_t n, char *out);

/*
 * Decode len characters of base64url without padding into out (outsz
 * bytes). Strict: any other character, an impossible length, or non-zero
 * leftover bits (a second spelling of the same bytes) give -1. Returns 0
 * and sets *outlen (may be NULL).
 */
int		 dz_crypt_b64url_decode(const char *s, size_t len, unsigned char *out,
		    size_t outsz, size_t *outlen);

struct dz_key {
	unsigned char	id;		/* 1..255 */
	unsigned char	key[32];
};

/* The keys from the key file; the one with the highest id seals. */
struct dz_keyring {
	struct dz_key	 keys[DZ_KEYS_MAX];
	size_t		 n;
};

/*
 * Create a key file with one fresh key (id 1) and mode 0400. Refuses
 * (DZ_ERR_IO) if the file exists. The file is text: one "ID BASE64" line
 * per key (ID 1..255 in decimal, BASE64 the 32-byte key in base64url
 * without padding, 43 characters, each line ending in "\n").
 */
enum dz_err	 dz_crypt_key_create(const char *path);

/*
 * Append a new key (highest id + 1) to an existing key file: rotation.
 * The file is 0400, so a complete new file PATH.new (0400) is written and
 * renamed over PATH. DZ_ERR_CRYPT if the file does not load or is full
 * (DZ_KEYS_MAX keys or id 255), DZ_ERR_IO if writing fails.
 */
enum dz_err	 dz_crypt_key_add(const char *path);

/*
 * Take key id out of the key file (retiring it after a rotation), as
 * dz_crypt_key_add rewrites it. DZ_ERR_NOTFOUND if there is no such key,
 * DZ_ERR_INVAL if it is the newest (the one that seals), DZ_ERR_IO if
 * writing fails. Whether anything still needs the key is the caller's
 * question (dz-admin retire-key asks the store).
 */
enum dz_err	 dz_crypt_key_drop(const char *path, unsigned int id);

/*
 * Load the key file. A missing or malformed file is DZ_ERR_CRYPT, and so
 * is a symlink, a file over 4 KiB, or one that group or others may access
 * (mode & 077). On failure the keyring is left empty (n = 0).
 * The caller wipes it with dz_crypt_key_clear when done.
 */
enum dz_err	 dz_crypt_key_load(const char *path, struct dz_keyring *);

/*
 * Parse key file text (len bytes) into the keyring, as dz_crypt_key_load
 * does after reading: strict lines, no duplicate ids, 1..DZ_KEYS_MAX keys.
 * DZ_ERR_CRYPT (and an empty keyring) if anything is off.
 */
enum dz_err	 dz_crypt_key_parse(const char *buf, size_t len, struct dz_keyring *);

/* Wipe the keys. */
void		 dz_crypt_key_clear(struct dz_keyring *);

/*
 * Seal pt with the newest key and a fresh random nonce. *blob is malloc'd
 * (caller frees), *bloblen = ptlen + DZ_BOX_OVERHEAD. The version and key
 * id bytes are authenticated along with ad. DZ_ERR_CRYPT with no keys.
 */
enum dz_err	 dz_crypt_box_seal(const struct dz_keyring *, const void *pt, size_t ptlen,
		    const void *ad, size_t adlen, unsigned char **blob, size_t *bloblen);

/*
 * Open a blob. *pt is malloc'd and NUL-terminated (caller wipes and frees).
 * A flipped byte, another row's ad, an unknown key id or a bad version
 * all give DZ_ERR_CRYPT and *pt = NULL.
 */
enum dz_err	 dz_crypt_box_open(const struct dz_keyring *, const unsigned char *blob,
		    size_t bloblen, const void *ad, size_t adlen, char **pt, size_t *ptlen);

#endif /* DZ_CRYPT_H */
