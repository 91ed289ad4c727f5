/*
 * tls.h: TDS encryption as SQL Server does it (MS-TDS 2.2.6.5 ENCRYPTION,
 * 3.2.5.2/3.3.5.2): the client's PRELOGIN asks for it, the TLS handshake
 * travels inside PRELOGIN packets, and then TLS records go straight over
 * TCP — for the whole session (ENCRYPT_ON) or for the LOGIN7 packet alone
 * (ENCRYPT_OFF, after which both sides drop back to clear text).
 */
#ifndef ERPSIM_TLS_H
#define ERPSIM_TLS_H

#include "tds.h"

struct tls_server;

/* The certificate chain and key (PEM files); NULL with a message on stderr. */
struct tls_server	*tls_server_new(const char *cert, const char *key);
void			 tls_server_free(struct tls_server *);
/*
 * The handshake on c, its records in PRELOGIN packets; then c's bytes go
 * through TLS. 0, or -1 (why holds OpenSSL's reason).
 */
int	tls_accept(struct tds_conn *c, struct tls_server *, char *why, size_t whysz);
/* "TLSv1.2 ECDHE-RSA-AES256-GCM-SHA384" of a connection in TLS. */
void	tls_describe(struct tds_conn *c, char *buf, size_t sz);
/* Back to clear text (after the LOGIN7 of ENCRYPT_OFF), or at the end. */
void	tls_end(struct tds_conn *c);

#endif
