/*
 * auth.h: users and sessions. Argon2id password hashes; server-side
 * sessions whose 256-bit id lives only in the cookie (the table keeps its
 * SHA-256); a CSRF token per session; roles; sign-in throttling.
 */
#ifndef DZ_AUTH_H
#define DZ_AUTH_H

#include <stddef.h>
#include "dz.h"
#include "crypt.h"

struct dz_db;
struct dz_conf;

#define DZ_SESSION_COOKIE	"__Host-dz"
#define DZ_PRELOGIN_COOKIE	"__Host-dzpre"
#define DZ_PASSWORD_MIN		8
#define DZ_PASSWORD_MAX		256	/* bytes; longer is refused before hashing */
#define DZ_DEFAULT_PASSWORD	"123456"
/*
 * Sign-in throttling (see dz_auth_login): failures of one account from one
 * address in the last hour, the first DZ_THROTTLE_FREE free, then each try
 * waits 2^k seconds (k failures past the free ones), at most
 * DZ_THROTTLE_WAIT_MAX; DZ_THROTTLE_ACCOUNT failures of one account in an
 * hour over all addresses alert the admin and leave no free tries; an
 * address with DZ_THROTTLE_IP failures in 15 minutes (any accounts) waits.
 */
#define DZ_THROTTLE_FREE	3
#define DZ_THROTTLE_WAIT_MAX	900
#define DZ_THROTTLE_ACCOUNT	100
#define DZ_THROTTLE_IP		20
#define DZ_THROTTLE_IP_WAIT	900

/* Who may use a route. Roles are ordered: admin > clerk > viewer. */
enum dz_role {
	DZ_ROLE_PUBLIC,		/* anyone, no session needed */
	DZ_ROLE_USER,		/* any signed-in user */
	DZ_ROLE_VIEWER,		/* 查看 */
	DZ_ROLE_CLERK,		/* 往来对账 */
	DZ_ROLE_ADMIN,		/* 管理员 */
	DZ_ROLE__MAX
};

/* The signed-in user of a request. user_id == 0 means nobody. */
struct dz_session {
	long long	 user_id;
	char		 username[64];
	enum dz_role	 role;
	long long	 account_set_id;	/* 0: none */
	char		 company[201];
	int		 imported;	/* the set is of the kind import (数据导入) */
	int		 must_change;
	char		 csrf[DZ_TOKEN_LEN + 1];
	unsigned char	 id_hash[DZ_SHA256_LEN];
};

/* Hash a password with Argon2id into encoded (PHC string). */
enum dz_err	 dz_auth_hash(const char *pw, char *encoded, size_t encsz);

/* 1 if pw matches the encoded hash, 0 if not (or the hash is malformed). */
int		 dz_auth_verify(const char *encoded, const char *pw);

/*
 * Is this a password we accept as a new one? 0 yes, else the reason as
 * DZ_ERR_INVAL with *why set to a Chinese text.
 */
enum dz_err	 dz_auth_check_new(const char *pw, const char **why);

/* The common passwords list dz_auth_check_new reads (default: the one
 * `make install` puts in DZ_DATADIR; the unit test names the built one). */
void		 dz_auth_common_list(const char *path);

/* Role names: "admin", "clerk", "viewer" <-> enum dz_role; -1 unknown. */
int		 dz_auth_role_parse(const char *);
const char	*dz_auth_role_name(enum dz_role);

/*
 * Sign in: throttling first (DZ_ERR_THROTTLED, *retry_after the seconds
 * to wait; the password is not looked at), then the password (unknown user
 * and wrong password both give DZ_ERR_AUTH after the same amount of work),
 * then a new session. Throttling is by account and address together, never
 * a lock: an address that has not been failing on this account is always
 * heard. On success cookie_out holds the new session id (base64url) for
 * the Set-Cookie header, *must_change whether the password must change
 * first, and this address's failures on this account are cleared.
 * Writes the audit row (login, login_failed, login_throttled, and
 * login_alert when the account-wide ceiling is reached).
 */
enum dz_err	 dz_auth_login(struct dz_db *, const char *username, const char *pw,
		    const char *ip, const char *ua, char cookie_out[DZ_TOKEN_LEN + 1],
		    int *must_change, int *retry_after);

/*
 * Load the session named by the cookie value. DZ_OK with s filled;
 * DZ_ERR_AUTH when there is none (expired, unknown, user disabled).
 * Refreshes last_seen at most once a minute.
 */
enum dz_err	 dz_auth_session(struct dz_db *, const struct dz_conf *, const char *cookie,
		    struct dz_session *s);

/* Sign out: delete the session row and write the audit row. */
enum dz_err	 dz_auth_logout(struct dz_db *, const struct dz_session *, const char *ip);

/*
 * End the session a browser presented with its cookie value, if any (at a
 * sign-in: the old id must not live on next to the new one).
 */
enum dz_err	 dz_auth_end_presented(struct dz_db *, const char *cookie);

/* End every session of a user (disabled, password reset). */
enum dz_err	 dz_auth_kill_user(struct dz_db *, long long user_id);

/*
 * Is pw the current password of username? *ok 1 or 0 (an unknown user is
 * 0); the error is the store's.
 */
enum dz_err	 dz_auth_password_ok(struct dz_db *, const char *username, const char *pw,
		    int *ok);

/* End every other session of the session's user (after a password change). */
enum dz_err	 dz_auth_end_others(struct dz_db *, const struct dz_session *);

/* Store a password already hashed (dz_auth_hash), with must_change. */
enum dz_err	 dz_auth_set_hash(struct dz_db *, long long user_id, const char *encoded,
		    int must_change);

/* Change a password (hash it) and clear or set must_change. */
enum dz_err	 dz_auth_set_password(struct dz_db *, long long user_id, const char *pw,
		    int must_change);

#endif
