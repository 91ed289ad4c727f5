/*
 * crypt.c: random tokens, SHA-256, and the AES-256-GCM secret box with its
 * key file, on OpenSSL 3 EVP. Every buffer that held a key or a plaintext
 * is wiped with dz_wipe before it is freed or goes out of scope.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "dz.h"
#include "crypt.h"

#define BOX_VERSION	1
#define BOX_NONCE	12
#define BOX_TAG		16
#define BOX_HDR		2	/* version, key id */

/* A key file is tiny: DZ_KEYS_MAX lines of "255 " + 43 + "\n". */
#define KEYFILE_MAX	4096
#define KEY_B64LEN	43

static const char b64url[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* --- encoding -------------------------------------------------------- */

void
dz_crypt_b64url(const unsigned char *in, size_t n, char *out)
{
	size_t		 i;
	uint32_t	 v;

	for (i = 0; i + 3 <= n; i += 3) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		*out++ = b64url[v >> 18 & 63];
		*out++ = b64url[v >> 12 & 63];
		*out++ = b64url[v >> 6 & 63];
		*out++ = b64url[v & 63];
	}
	if (n - i == 1) {
		v = (uint32_t)in[i] << 16;
		*out++ = b64url[v >> 18 & 63];
		*out++ = b64url[v >> 12 & 63];
	} else if (n - i == 2) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
		*out++ = b64url[v >> 18 & 63];
		*out++ = b64url[v >> 12 & 63];
		*out++ = b64url[v >> 6 & 63];
	}
	*out = '\0';
}

static int
b64url_val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '-')
		return 62;
	if (c == '_')
		return 63;
	return -1;
}

int
dz_crypt_b64url_decode(const char *s, size_t len, unsigned char *out,
    size_t outsz, size_t *outlen)
{
	size_t		 i, n = 0, need;
	uint32_t	 acc = 0;
	int		 bits = 0, v;

	if (len % 4 == 1)
		return -1;
	need = len / 4 * 3 + (len % 4 == 0 ? 0 : len % 4 - 1);
	if (need > outsz)
		return -1;
	for (i = 0; i < len; i++) {
		if ((v = b64url_val((unsigned char)s[i])) < 0)
			goto bad;
		acc = (acc << 6 | (uint32_t)v) & 0xffffff;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (unsigned char)(acc >> bits);
		}
	}
	/* The bits left over must be zero: one text per byte string. */
	if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
		goto bad;
	if (outlen != NULL)
		*outlen = n;
	acc = 0;
	return 0;
bad:
	dz_wipe(out, n);
	acc = 0;
	return -1;
}

/* --- tokens and hashes ----------------------------------------------- */

enum dz_err
dz_crypt_token(char out[DZ_TOKEN_LEN + 1])
{
	unsigned char	 raw[DZ_TOKEN_BYTES];

	if (RAND_bytes(raw, sizeof(raw)) != 1) {
		out[0] = '\0';
		return DZ_ERR_CRYPT;
	}
	dz_crypt_b64url(raw, sizeof(raw), out);
	dz_wipe(raw, sizeof(raw));
	return DZ_OK;
}

int
dz_crypt_token_valid(const char *s)
{
	unsigned char	 raw[DZ_TOKEN_BYTES + 1];
	size_t		 n;
	int		 ok;

	if (s == NULL || strnlen(s, DZ_TOKEN_LEN + 1) != DZ_TOKEN_LEN)
		return 0;
	ok = dz_crypt_b64url_decode(s, DZ_TOKEN_LEN, raw, sizeof(raw), &n) == 0 &&
	    n == DZ_TOKEN_BYTES;
	dz_wipe(raw, sizeof(raw));
	return ok;
}

void
dz_crypt_sha256(const void *p, size_t n, unsigned char out[DZ_SHA256_LEN])
{
	unsigned int	 len = 0;

	/* NOTE: cannot fail with the default provider; zeroes if it does. */
	if (EVP_Digest(p, n, out, &len, EVP_sha256(), NULL) != 1 ||
	    len != DZ_SHA256_LEN)
		memset(out, 0, DZ_SHA256_LEN);
}

void
dz_crypt_sha256_hex(const void *p, size_t n, char out[DZ_SHA256_HEXLEN + 1])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 md[DZ_SHA256_LEN];
	size_t			 i;

	dz_crypt_sha256(p, n, md);
	for (i = 0; i < DZ_SHA256_LEN; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[DZ_SHA256_HEXLEN] = '\0';
}

int
dz_crypt_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

/* --- key file -------------------------------------------------------- */

void
dz_crypt_key_clear(struct dz_keyring *kr)
{
	if (kr != NULL)
		dz_wipe(kr, sizeof(*kr));
}

static const struct dz_key *
key_find(const struct dz_keyring *kr, unsigned char id)
{
	size_t	 i;

	for (i = 0; i < kr->n && i < DZ_KEYS_MAX; i++)
		if (kr->keys[i].id == id)
			return &kr->keys[i];
	return NULL;
}

static const struct dz_key *
key_newest(const struct dz_keyring *kr)
{
	const struct dz_key	*k = NULL;
	size_t			 i;

	for (i = 0; i < kr->n && i < DZ_KEYS_MAX; i++)
		if (k == NULL || kr->keys[i].id > k->id)
			k = &kr->keys[i];
	return k;
}

/* Parse "ID" at *pp: 1..255, no leading zero. Returns it or -1. */
static int
parse_id(const char **pp, const char *end)
{
	const char	*p = *pp;
	int		 v = 0, nd = 0;

	if (p < end && *p == '0')
		return -1;
	while (p < end && *p >= '0' && *p <= '9' && nd < 3) {
		v = v * 10 + (*p++ - '0');
		nd++;
	}
	if (nd == 0 || v > 255)
		return -1;
	*pp = p;
	return v;
}

enum dz_err
dz_crypt_key_parse(const char *buf, size_t len, struct dz_keyring *kr)
{
	const char	*p = buf, *end = buf + len;
	struct dz_key	*k;
	size_t		 n;
	int		 id;

	memset(kr, 0, sizeof(*kr));
	while (p < end) {
		if (kr->n == DZ_KEYS_MAX)
			goto bad;
		if ((id = parse_id(&p, end)) < 0)
			goto bad;
		if (key_find(kr, (unsigned char)id) != NULL)
			goto bad;
		if (end - p < 1 + KEY_B64LEN + 1 || *p != ' ' ||
		    p[1 + KEY_B64LEN] != '\n')
			goto bad;
		k = &kr->keys[kr->n];
		k->id = (unsigned char)id;
		if (dz_crypt_b64url_decode(p + 1, KEY_B64LEN, k->key,
		    sizeof(k->key), &n) == -1 || n != sizeof(k->key))
			goto bad;
		kr->n++;
		p += 1 + KEY_B64LEN + 1;
	}
	if (kr->n == 0)
		goto bad;
	return DZ_OK;
bad:
	dz_crypt_key_clear(kr);
	return DZ_ERR_CRYPT;
}

enum dz_err
dz_crypt_key_load(const char *path, struct dz_keyring *kr)
{
	char		 buf[KEYFILE_MAX + 1];
	struct stat	 st;
	ssize_t		 r;
	size_t		 len = 0;
	int		 fd;
	enum dz_err	 e = DZ_ERR_CRYPT;

	memset(kr, 0, sizeof(*kr));
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return DZ_ERR_CRYPT;
	/* A key others can read is a key that has leaked: refuse it. */
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & 077) != 0 || st.st_size > KEYFILE_MAX)
		goto out;
	while (len < sizeof(buf)) {
		r = read(fd, buf + len, sizeof(buf) - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			goto out;
		if (r == 0)
			break;
		len += (size_t)r;
	}
	if (len > KEYFILE_MAX)
		goto out;
	e = dz_crypt_key_parse(buf, len, kr);
out:
	dz_wipe(buf, sizeof(buf));
	close(fd);
	return e;
}

/*
 * Write every key of kr to a new file at path (O_EXCL, mode 0400) and
 * sync it. On failure the half-written file is removed.
 */
static enum dz_err
key_write(const char *path, const struct dz_keyring *kr)
{
	char		 buf[KEYFILE_MAX], b64[KEY_B64LEN + 1];
	size_t		 i, len = 0;
	ssize_t		 w;
	int		 fd, n;
	enum dz_err	 e = DZ_ERR_IO;

	for (i = 0; i < kr->n; i++) {
		dz_crypt_b64url(kr->keys[i].key, sizeof(kr->keys[i].key), b64);
		n = snprintf(buf + len, sizeof(buf) - len, "%u %s\n",
		    (unsigned)kr->keys[i].id, b64);
		if (n < 0 || (size_t)n >= sizeof(buf) - len)
			goto wipe;
		len += (size_t)n;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    S_IRUSR);
	if (fd == -1)
		goto wipe;
	/* The umask may only take bits away, but be explicit. */
	if (fchmod(fd, S_IRUSR) == -1)
		goto fail;
	for (i = 0; i < len; i += (size_t)w) {
		w = write(fd, buf + i, len - i);
		if (w == -1 && errno == EINTR)
			w = 0;
		else if (w <= 0)
			goto fail;
	}
	if (fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		unlink(path);
		goto wipe;
	}
	e = DZ_OK;
	goto wipe;
fail:
	close(fd);
	unlink(path);
wipe:
	dz_wipe(buf, sizeof(buf));
	dz_wipe(b64, sizeof(b64));
	return e;
}

enum dz_err
dz_crypt_key_create(const char *path)
{
	struct dz_keyring	 kr;
	enum dz_err		 e;

	memset(&kr, 0, sizeof(kr));
	kr.n = 1;
	kr.keys[0].id = 1;
	if (RAND_bytes(kr.keys[0].key, sizeof(kr.keys[0].key)) != 1)
		e = DZ_ERR_CRYPT;
	else
		e = key_write(path, &kr);
	dz_crypt_key_clear(&kr);
	return e;
}

/*
 * Put kr in place of the key file at path: the file is 0400, so a whole
 * new one is written beside it and renamed over. root doing it keeps the
 * file the programs' (their user's, as the old one was).
 */
static enum dz_err
key_replace(const char *path, const struct dz_keyring *kr)
{
	struct stat	 st;
	char		*tmp = NULL;
	enum dz_err	 e;

	if (stat(path, &st) == -1)
		return DZ_ERR_IO;
	if (asprintf(&tmp, "%s.new", path) == -1)
		return DZ_ERR_NOMEM;
	if (unlink(tmp) == -1 && errno != ENOENT)
		e = DZ_ERR_IO;
	else if ((e = key_write(tmp, kr)) == DZ_OK &&
	    ((geteuid() == 0 && chown(tmp, st.st_uid, st.st_gid) == -1) ||
	    rename(tmp, path) == -1)) {
		unlink(tmp);
		e = DZ_ERR_IO;
	}
	free(tmp);
	return e;
}

enum dz_err
dz_crypt_key_add(const char *path)
{
	struct dz_keyring	 kr;
	const struct dz_key	*newest;
	enum dz_err		 e;

	if ((e = dz_crypt_key_load(path, &kr)) != DZ_OK)
		return e;
	newest = key_newest(&kr);
	if (kr.n == DZ_KEYS_MAX || newest->id == 255)
		e = DZ_ERR_CRYPT;
	else {
		kr.keys[kr.n].id = newest->id + 1;
		if (RAND_bytes(kr.keys[kr.n].key, sizeof(kr.keys[kr.n].key)) != 1)
			e = DZ_ERR_CRYPT;
		else {
			kr.n++;
			e = key_replace(path, &kr);
		}
	}
	dz_crypt_key_clear(&kr);
	return e;
}

enum dz_err
dz_crypt_key_drop(const char *path, unsigned int id)
{
	struct dz_keyring	 kr;
	size_t			 i;
	enum dz_err		 e;

	if ((e = dz_crypt_key_load(path, &kr)) != DZ_OK)
		return e;
	for (i = 0; i < kr.n && kr.keys[i].id != id; i++)
		continue;
	if (i == kr.n)
		e = DZ_ERR_NOTFOUND;
	else if (&kr.keys[i] == key_newest(&kr))
		e = DZ_ERR_INVAL;
	else {
		memmove(&kr.keys[i], &kr.keys[i + 1], (kr.n - i - 1) * sizeof(kr.keys[0]));
		kr.n--;
		e = key_replace(path, &kr);
	}
	dz_crypt_key_clear(&kr);
	return e;
}

/* --- the box --------------------------------------------------------- */

enum dz_err
dz_crypt_box_seal(const struct dz_keyring *kr, const void *pt, size_t ptlen,
    const void *ad, size_t adlen, unsigned char **blob, size_t *bloblen)
{
	const struct dz_key	*k;
	EVP_CIPHER_CTX		*ctx = NULL;
	unsigned char		*b = NULL, *ct;
	size_t			 len;
	int			 n, fin;
	enum dz_err		 e = DZ_ERR_CRYPT;

	*blob = NULL;
	*bloblen = 0;
	if (kr == NULL || (k = key_newest(kr)) == NULL)
		return DZ_ERR_CRYPT;
	if (ptlen > INT_MAX - DZ_BOX_OVERHEAD || adlen > INT_MAX)
		return DZ_ERR_INVAL;
	len = ptlen + DZ_BOX_OVERHEAD;
	if ((b = malloc(len)) == NULL)
		return DZ_ERR_NOMEM;
	b[0] = BOX_VERSION;
	b[1] = k->id;
	ct = b + BOX_HDR + BOX_NONCE;
	if (RAND_bytes(b + BOX_HDR, BOX_NONCE) != 1)
		goto out;
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		goto out;
	/* The header is associated data too: version and key id are bound. */
	if (EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, BOX_NONCE,
	    NULL) != 1 ||
	    EVP_EncryptInit_ex(ctx, NULL, NULL, k->key, b + BOX_HDR) != 1 ||
	    EVP_EncryptUpdate(ctx, NULL, &n, b, BOX_HDR) != 1)
		goto out;
	if (adlen > 0 && EVP_EncryptUpdate(ctx, NULL, &n, ad, (int)adlen) != 1)
		goto out;
	n = 0;
	if (ptlen > 0 && EVP_EncryptUpdate(ctx, ct, &n, pt, (int)ptlen) != 1)
		goto out;
	if (EVP_EncryptFinal_ex(ctx, ct + n, &fin) != 1 ||
	    (size_t)n + (size_t)fin != ptlen ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, BOX_TAG,
	    ct + ptlen) != 1)
		goto out;
	*blob = b;
	*bloblen = len;
	b = NULL;
	e = DZ_OK;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (b != NULL) {
		dz_wipe(b, len);
		free(b);
	}
	return e;
}

enum dz_err
dz_crypt_box_open(const struct dz_keyring *kr, const unsigned char *blob,
    size_t bloblen, const void *ad, size_t adlen, char **pt, size_t *ptlen)
{
	const struct dz_key	*k;
	EVP_CIPHER_CTX		*ctx = NULL;
	const unsigned char	*ct;
	unsigned char		*p = NULL;
	size_t			 ctlen = 0;
	int			 n, fin;
	enum dz_err		 e = DZ_ERR_CRYPT;

	*pt = NULL;
	if (ptlen != NULL)
		*ptlen = 0;
	if (kr == NULL || blob == NULL || bloblen < DZ_BOX_OVERHEAD ||
	    bloblen > INT_MAX || adlen > INT_MAX)
		return DZ_ERR_CRYPT;
	if (blob[0] != BOX_VERSION || (k = key_find(kr, blob[1])) == NULL)
		return DZ_ERR_CRYPT;
	ctlen = bloblen - DZ_BOX_OVERHEAD;
	ct = blob + BOX_HDR + BOX_NONCE;
	if ((p = malloc(ctlen + 1)) == NULL)
		return DZ_ERR_NOMEM;
	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		goto out;
	if (EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, BOX_NONCE,
	    NULL) != 1 ||
	    EVP_DecryptInit_ex(ctx, NULL, NULL, k->key, blob + BOX_HDR) != 1 ||
	    EVP_DecryptUpdate(ctx, NULL, &n, blob, BOX_HDR) != 1)
		goto out;
	if (adlen > 0 && EVP_DecryptUpdate(ctx, NULL, &n, ad, (int)adlen) != 1)
		goto out;
	n = 0;
	if (ctlen > 0 && EVP_DecryptUpdate(ctx, p, &n, ct, (int)ctlen) != 1)
		goto out;
	/* NOTE: only a successful Final means the plaintext is authentic. */
	if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, BOX_TAG,
	    (void *)(ct + ctlen)) != 1 ||
	    EVP_DecryptFinal_ex(ctx, p + n, &fin) <= 0 ||
	    (size_t)n + (size_t)fin != ctlen)
		goto out;
	p[ctlen] = '\0';
	*pt = (char *)p;
	if (ptlen != NULL)
		*ptlen = ctlen;
	p = NULL;
	e = DZ_OK;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (p != NULL) {
		dz_wipe(p, ctlen + 1);
		free(p);
	}
	return e;
}
