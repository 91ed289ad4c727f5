/*
 * login.h: PRELOGIN and LOGIN7 parsing (pure, fuzzed) and the login replies.
 */
#ifndef ERPSIM_LOGIN_H
#define ERPSIM_LOGIN_H

#include <stddef.h>
#include <stdint.h>

struct tds_conn;

/* The fields of a LOGIN7 record erpsim uses, decoded to UTF-8. */
struct tds_login {
	uint32_t	 tdsver;	/* as sent, e.g. 0x74000004 */
	uint32_t	 pktsize;
	uint8_t		 flags2;
	int		 featext;	/* a FeatureExt block was announced */
	char		 host[128];
	char		 user[128];
	char		 password[128];	/* wipe after use */
	char		 app[128];
	char		 server[128];
	char		 library[128];
	char		 language[128];
	char		 database[128];
};

/* What the server claims to be, chosen by --tds-max. */
struct tds_server_id {
	int		 maxver;	/* 71..74 */
	uint8_t		 progver[4];	/* major, minor, build hi, build lo */
	const char	*version;	/* "15.0.2000.5" */
	const char	*banner;	/* @@VERSION */
};

/*
 * Parses a PRELOGIN payload. Returns 0 and the client's ENCRYPTION byte in
 * *enc (0xFF when absent), or -1 if the option table is malformed.
 */
int	tds_prelogin_parse(const uint8_t *, size_t, int *enc);
/* Appends the PRELOGIN reply: version, ENCRYPT_NOT_SUP, no MARS. */
/* PRELOGIN's ENCRYPTION byte (MS-TDS 2.2.6.5) */
#define TDS_ENC_OFF	0x00	/* the LOGIN7 packet only */
#define TDS_ENC_ON	0x01	/* the whole session */
#define TDS_ENC_NOT_SUP	0x02
#define TDS_ENC_REQ	0x03	/* the server's: required */
void	tds_put_prelogin_reply(struct tds_conn *, const struct tds_server_id *,
	    uint8_t enc);

/*
 * Parses a LOGIN7 payload into l (password de-obfuscated). Returns 0, or
 * -1 if a length or offset points outside the record.
 */
int	tds_login7_parse(const uint8_t *, size_t, struct tds_login *l);
/* Maps a LOGIN7 version to 71..74 capped by max; -1 if older than 7.1. */
int	tds_negotiate(uint32_t clientver, int max);
/* The LOGINACK version constant for 71..74. */
uint32_t tds_ver_const(int ver);

/* The server identity for a --tds-max value (static storage). */
const struct tds_server_id *tds_server_id(int maxver);

/* Appends the login reply in SQL Server's order (conn->ver already set). */
void	tds_put_login_ok(struct tds_conn *, const struct tds_server_id *,
	    const char *db);
/* Appends 18456 (and 4060 first when baddb is not NULL) and DONE(ERROR). */
void	tds_put_login_failed(struct tds_conn *, const char *user,
	    const char *baddb);

#endif
