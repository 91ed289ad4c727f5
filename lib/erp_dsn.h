/*
 * erp_dsn.h: the ERP data address (DSN), the text an admin types on the
 * user screen in the vendor's format
 *
 *	server=192.168.1.10; uid=sa; pwd=sa123; database=V3993
 *
 * parsed, printed and compared. Pure: erp_dsn.c needs no FreeTDS, no store
 * and no crypto, so the DSN fuzz target (t/fuzz/fuzz-dsn.c) links it with
 * lib/util.c alone. Sealing a DSN into the store is lib/store_account.h's.
 */
#ifndef DZ_ERP_DSN_H
#define DZ_ERP_DSN_H

#include <stddef.h>
#include "dz.h"

/*
 * Grammar (all keys case-insensitive; spaces around '=', ';', ',', ':' and
 * at both ends are dropped; empty segments such as a trailing ';' are fine):
 *
 *	dsn    = item *( ";" item )
 *	item   = key "=" value
 *	key    = "server" | "uid" | "pwd" | "database" | "encrypt" | "ca"
 *	         aliases from .NET strings: "data source", "address", "addr"
 *	         (server); "user id", "user" (uid); "password" (pwd);
 *	         "initial catalog" (database); "server certificate",
 *	         "servercertificate", "ca file" (ca)
 *	encrypt = "require" | "off"  (also yes/true/mandatory, no/false/optional)
 *	ca      = an absolute path: a PEM file with the ERP server's own
 *	          certificate (pinned) or the CA that signed it
 *	server = host [ "\" instance ] [ ( "," | ":" ) port ]
 *
 * host: an IPv4 address (four decimal octets, no leading zeros) or a host
 * name (labels of letters, digits, '-' and '_', as Windows names allow).
 * IPv6 literals are refused. port: 1..65535; default 1433 without an
 * instance. With "HOST\INSTANCE" and no port, port is 0: FreeTDS asks the
 * SQL Server Browser (UDP 1434) for it at connect time. With an instance
 * and a port, the port wins, as in SQL Server's own clients.
 *
 * Encryption (TDS inside TLS, as SQL Server does it): "require" refuses
 * to log in unless the server's certificate verifies against ca, which it
 * then needs; "off" sends the login as TDS does, obfuscated, not
 * encrypted. What an admin types without encrypt= is "require": leaving
 * encryption out has to be said. An address stored before encrypt=
 * existed (dz_erp_dsn_parse_stored) keeps what FreeTDS did then: encrypt
 * when the server offers it, unverified (DZ_ERP_ENC_LEGACY); saved again
 * from the form it must choose.
 *
 * NOTE: no quoting. A value ends at the next ';', so a password cannot
 * contain ';' (the parser says so). The vendor's format has no quoting,
 * and any quoting rule would silently change what a password that starts
 * with a quote means. Spaces at either end of a value are dropped; inside
 * a value they are kept. Control characters and invalid UTF-8 are refused
 * everywhere.
 */

#define DZ_ERP_DSN_MAX		1024	/* the whole text, bytes */
#define DZ_ERP_HOST_MAX		253	/* DNS limit */
#define DZ_ERP_INSTANCE_MAX	16	/* SQL Server's instance name limit */
#define DZ_ERP_NAME_MAX		128	/* sysname: uid, pwd, database */
#define DZ_ERP_PORT_DEFAULT	1433
#define DZ_ERP_PATH_MAX		255	/* ca: a file's path */

enum dz_erp_enc {
	DZ_ERP_ENC_REQUIRE,	/* TLS, the certificate verified with ca */
	DZ_ERP_ENC_OFF,		/* no TLS */
	DZ_ERP_ENC_LEGACY	/* stored before encrypt=: TLS if offered, unverified */
};
/* Buffer for dz_erp_dsn_format / _format_full / _identity. */
#define DZ_ERP_DSN_TEXTSZ	(DZ_ERP_DSN_MAX + 64)

struct dz_erp_dsn {
	char		host[DZ_ERP_HOST_MAX + 1];	/* lower case */
	char		instance[DZ_ERP_INSTANCE_MAX + 1]; /* "" if none; as typed */
	unsigned int	port;		/* 1..65535, or 0: ask the SQL Browser */
	char		uid[DZ_ERP_NAME_MAX + 1];
	char		pwd[DZ_ERP_NAME_MAX + 1];	/* secret: dz_erp_dsn_wipe */
	char		database[DZ_ERP_NAME_MAX + 1];	/* as typed */
	enum dz_erp_enc	encrypt;
	char		ca[DZ_ERP_PATH_MAX + 1];	/* "" unless encrypt=require */
};

/*
 * Parse a data address. On success *out is filled and DZ_OK returned. On
 * bad input DZ_ERR_INVAL, *out is wiped, and why (if not NULL) holds a
 * Chinese sentence saying what is wrong (e.g. "缺少 database"), suitable for
 * the page next to the field. why never contains the password or any part
 * of a value that could be one.
 */
enum dz_err	 dz_erp_dsn_parse(const char *text, struct dz_erp_dsn *out,
		    char *why, size_t whysz);
/* The same for a stored address: without encrypt= it is DZ_ERP_ENC_LEGACY. */
enum dz_err	 dz_erp_dsn_parse_stored(const char *text, struct dz_erp_dsn *out);

/*
 * Canonical text WITHOUT the password, for display and logs:
 * "server=host,1433; uid=sa; database=V3993; encrypt=require; ca=/etc/x.pem"
 * (or "server=host\INST; ..."; a legacy address has no encrypt=).
 * DZ_ERR_TOOBIG if buf is too small (DZ_ERP_DSN_TEXTSZ always suffices).
 */
enum dz_err	 dz_erp_dsn_format(const struct dz_erp_dsn *, char *buf, size_t bufsz);

/*
 * Canonical text WITH the password, only for sealing into the store
 * (dz_crypt_box_seal); the caller wipes buf. dz_erp_dsn_parse gives back
 * the same struct.
 */
enum dz_err	 dz_erp_dsn_format_full(const struct dz_erp_dsn *, char *buf, size_t bufsz);

/*
 * Identity of the account set a DSN reaches: "host:port/instance/database"
 * with host and instance lower case (both are case-insensitive names) and
 * the database as typed (lowering it could merge two databases on a
 * case-sensitive server; splitting one is the harmless mistake). Two users
 * whose DSNs have the same identity share one account set. The login (uid,
 * pwd) is not part of it. NOTE: names are not resolved: "localhost" and
 * "127.0.0.1", or "HOST\INST" and "HOST\INST,1433", are different.
 */
enum dz_err	 dz_erp_dsn_identity(const struct dz_erp_dsn *, char *buf, size_t bufsz);

/*
 * The server name FreeTDS's dbopen() takes: "host:port", or "host\instance"
 * when the port is left to the SQL Browser.
 */
enum dz_err	 dz_erp_dsn_tds_server(const struct dz_erp_dsn *, char *buf, size_t bufsz);

/*
 * The text as typed, to draw again in a form that refused it, without the
 * password: every pwd / password item is left out, and so is each item
 * after one that is not a known key (with or without '='), since a
 * password holding ';' goes on into those. The other items are kept,
 * trimmed, joined with "; ". Works on text that does not parse (that is
 * what it is for). Always NUL-terminates buf; cut short if buf is small.
 * Returns 1 if anything was left out, else 0.
 */
int		 dz_erp_dsn_redact(const char *text, char *buf, size_t bufsz);

/* Wipe the whole struct, password included (safe on a zeroed struct). */
void		 dz_erp_dsn_wipe(struct dz_erp_dsn *);

#endif /* DZ_ERP_DSN_H */
