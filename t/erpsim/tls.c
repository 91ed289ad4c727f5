/*
 * tls.c: the simulator's side of TDS encryption (tls.h), with OpenSSL.
 * During the handshake OpenSSL reads and writes memory buffers, which go
 * to and from the client inside PRELOGIN packets; once it is done the
 * connection's TLS reads and writes the socket itself. TLS 1.2 at most, as
 * SQL Server speaks it inside TDS 7.x (TLS 1.3 comes with TDS 8's strict
 * encryption, which has no PRELOGIN wrapping); no session tickets, which
 * would be written after the handshake where nobody reads them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "tds.h"
#include "tls.h"

struct tls_server {
	SSL_CTX	*ctx;
};

static void
reason(char *why, size_t whysz, const char *what)
{
	unsigned long	e = ERR_get_error();
	char		buf[256];

	if (e != 0)
		ERR_error_string_n(e, buf, sizeof(buf));
	else
		snprintf(buf, sizeof(buf), "no reason given");
	snprintf(why, whysz, "%s: %s", what, buf);
	ERR_clear_error();
}

struct tls_server *
tls_server_new(const char *cert, const char *key)
{
	struct tls_server	*t;
	char			 why[300];

	if ((t = calloc(1, sizeof(*t))) == NULL)
		return NULL;
	if ((t->ctx = SSL_CTX_new(TLS_server_method())) == NULL ||
	    SSL_CTX_set_min_proto_version(t->ctx, TLS1_2_VERSION) != 1 ||
	    SSL_CTX_set_max_proto_version(t->ctx, TLS1_2_VERSION) != 1 ||
	    SSL_CTX_use_certificate_chain_file(t->ctx, cert) != 1 ||
	    SSL_CTX_use_PrivateKey_file(t->ctx, key, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(t->ctx) != 1) {
		reason(why, sizeof(why), cert);
		fprintf(stderr, "erpsim: TLS: %s\n", why);
		tls_server_free(t);
		return NULL;
	}
	SSL_CTX_set_num_tickets(t->ctx, 0);
	SSL_CTX_set_session_cache_mode(t->ctx, SSL_SESS_CACHE_OFF);
	return t;
}

void
tls_server_free(struct tls_server *t)
{
	if (t == NULL)
		return;
	SSL_CTX_free(t->ctx);
	free(t);
}

static long
rd(void *p, uint8_t *buf, size_t n)
{
	int	r = SSL_read(p, buf, n > 65536 ? 65536 : (int)n);

	if (r > 0)
		return r;
	return SSL_get_error(p, r) == SSL_ERROR_ZERO_RETURN ? 0 : -1;
}

static long
wr(void *p, const uint8_t *buf, size_t n)
{
	size_t	done = 0;
	int	w;

	while (done < n) {
		w = SSL_write(p, buf + done, n - done > 65536 ? 65536 : (int)(n - done));
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	return (long)done;
}

static int
pending(void *p)
{
	return SSL_pending(p);
}

int
tls_accept(struct tds_conn *c, struct tls_server *t, char *why, size_t whysz)
{
	struct tds_msg	 m;
	SSL		*ssl;
	BIO		*in, *out, *sock;
	uint8_t		 buf[4096];
	int		 r, n, rc = -1;

	memset(&m, 0, sizeof(m));
	if ((ssl = SSL_new(t->ctx)) == NULL ||
	    (in = BIO_new(BIO_s_mem())) == NULL ||
	    (out = BIO_new(BIO_s_mem())) == NULL) {
		reason(why, whysz, "TLS set-up");
		SSL_free(ssl);
		return -1;
	}
	SSL_set_bio(ssl, in, out);
	SSL_set_accept_state(ssl);
	for (;;) {
		r = SSL_do_handshake(ssl);
		/* what OpenSSL wrote: one PRELOGIN message */
		while ((n = BIO_read(out, buf, sizeof(buf))) > 0)
			tds_buf_put(&c->out, buf, (size_t)n);
		if (c->out.len > 0) {
			c->pkttype = TDS_PKT_PRELOGIN;
			n = tds_conn_flush(c, 1);
			c->pkttype = 0;
			if (n == -1) {
				snprintf(why, whysz, "TLS handshake: the client went away");
				goto out;
			}
		}
		if (r == 1)
			break;
		if (SSL_get_error(ssl, r) != SSL_ERROR_WANT_READ) {
			reason(why, whysz, "TLS handshake");
			goto out;
		}
		if (tds_conn_read(c, &m) != 1 || m.type != TDS_PKT_PRELOGIN) {
			snprintf(why, whysz, "TLS handshake: the client %s",
			    m.npkt > 0 ? "sent something else" : "went away");
			goto out;
		}
		if (BIO_write(in, m.data.data, (int)m.data.len) != (int)m.data.len) {
			reason(why, whysz, "TLS handshake");
			goto out;
		}
	}
	/* From here the records go over the socket (the memory BIOs are freed). */
	if ((sock = BIO_new_socket(c->fd, BIO_NOCLOSE)) == NULL) {
		reason(why, whysz, "TLS socket");
		goto out;
	}
	SSL_set_bio(ssl, sock, sock);
	c->tls = ssl;
	c->tls_read = rd;
	c->tls_write = wr;
	c->tls_pending = pending;
	ssl = NULL;
	rc = 0;
out:
	SSL_free(ssl);
	tds_buf_free(&m.data);
	return rc;
}

void
tls_describe(struct tds_conn *c, char *buf, size_t sz)
{
	if (c->tls == NULL) {
		snprintf(buf, sz, "clear text");
		return;
	}
	snprintf(buf, sz, "%s %s", SSL_get_version(c->tls),
	    SSL_get_cipher_name(c->tls));
}

void
tls_end(struct tds_conn *c)
{
	if (c->tls == NULL)
		return;
	SSL_free(c->tls);
	c->tls = NULL;
	c->tls_read = NULL;
	c->tls_write = NULL;
	c->tls_pending = NULL;
}
