#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <argon2.h>
#include <crack.h>
#include <strings.h>
#include <openssl/rand.h>

#include "dz.h"
#include "conf.h"
#include "crypt.h"
#include "db.h"
#include "audit.h"
#include "form.h"
#include "lang.h"
#include "log.h"
#include "auth.h"
#include "changes.h"

/*
 * Argon2id with 52 MiB, t=2, p=1 (above the OWASP floor of 19 MiB, t=2):
 * a verify takes about 60 ms on the 2-vCPU test host, inside §8 check 13's
 * 50-600 ms, where the floor took 16 ms.
 * A hash made with other parameters is made again at the next sign-in.
 */
#define ARGON_T		2
#define ARGON_M		53248
#define ARGON_P		1
#define ARGON_STR(x)	#x
#define ARGON_XSTR(x)	ARGON_STR(x)
#define ARGON_PREFIX	"$argon2id$v=19$m=" ARGON_XSTR(ARGON_M) ",t=" \
			ARGON_XSTR(ARGON_T) ",p=" ARGON_XSTR(ARGON_P) "$"
#define ARGON_SALT	16
#define ARGON_HASH	32

static const char *const rolenames[DZ_ROLE__MAX] = {
	[DZ_ROLE_VIEWER] = "viewer",
	[DZ_ROLE_CLERK] = "clerk",
	[DZ_ROLE_ADMIN] = "admin",
};

int
dz_auth_role_parse(const char *s)
{
	int	i;

	for (i = DZ_ROLE_VIEWER; i < DZ_ROLE__MAX; i++)
		if (s != NULL && strcmp(s, rolenames[i]) == 0)
			return i;
	return -1;
}

const char *
dz_auth_role_name(enum dz_role r)
{
	if ((unsigned)r >= DZ_ROLE__MAX || rolenames[r] == NULL)
		return "";
	return rolenames[r];
}

enum dz_err
dz_auth_hash(const char *pw, char *encoded, size_t encsz)
{
	unsigned char	salt[ARGON_SALT];
	int		rc;

	if (RAND_bytes(salt, sizeof(salt)) != 1)
		return DZ_ERR_CRYPT;
	rc = argon2id_hash_encoded(ARGON_T, ARGON_M, ARGON_P, pw, strlen(pw),
	    salt, sizeof(salt), ARGON_HASH, encoded, encsz);
	if (rc != ARGON2_OK) {
		dz_log_err("auth: argon2: %s", argon2_error_message(rc));
		return DZ_ERR_CRYPT;
	}
	return DZ_OK;
}

int
dz_auth_verify(const char *encoded, const char *pw)
{
	if (encoded == NULL || strncmp(encoded, "$argon2id$", 10) != 0)
		return 0;
	return argon2id_verify(encoded, pw, strlen(pw)) == ARGON2_OK;
}

static const char	*common_list = DZ_DATADIR "/common-passwords.txt";

void
dz_auth_common_list(const char *path)
{
	common_list = path;
}

/*
 * Is pw on the list of common passwords (tools/common-passwords.sh: one a
 * line, lower case; case does not count)? Without the list the check is
 * logged and left to cracklib.
 */
static int
common(const char *pw)
{
	FILE	*f;
	char	 line[512];
	size_t	 n;
	int	 found = 0;

	if ((f = fopen(common_list, "r")) == NULL) {
		dz_log_err("auth: %s: cannot open the common passwords list",
		    common_list);
		return 0;
	}
	while (!found && fgets(line, sizeof(line), f) != NULL) {
		n = strcspn(line, "\r\n");
		line[n] = '\0';
		if (n > 0)
			found = strcasecmp(line, pw) == 0;
	}
	fclose(f);
	dz_wipe(line, sizeof(line));
	return found;
}

/*
 * cracklib's FascistCheck, its English reason put in Chinese words; NULL
 * when it has nothing against pw.
 */
static const char *
crack_reason(const char *pw)
{
	static const struct {
		const char	*en;
		const char	*zh;
	} reasons[] = {
		{ "too short", LANG_auth_pw_crack_short },
		{ "DIFFERENT characters", LANG_auth_pw_crack_same },
		{ "whitespace", LANG_auth_pw_crack_space },
		{ "simplistic", LANG_auth_pw_crack_simple },
		{ "dictionary word", LANG_auth_pw_crack_word },
		{ "National Insurance", LANG_auth_pw_crack_id },
	};
	const char	*r;
	size_t		 i;

	if ((r = FascistCheck(pw, GetDefaultCracklibDict())) == NULL)
		return NULL;
	for (i = 0; i < DZ_NELEM(reasons); i++)
		if (strstr(r, reasons[i].en) != NULL)
			return reasons[i].zh;
	dz_log_info("auth: cracklib refused a new password: %s", r);
	return LANG_auth_pw_crack_other;
}

enum dz_err
dz_auth_check_new(const char *pw, const char **why)
{
	size_t	n;

	n = strlen(pw);
	if (!dz_utf8_valid(pw, n)) {
		*why = LANG_auth_pw_utf8;
		return DZ_ERR_INVAL;
	}
	if (dz_utf8_len(pw, n) < DZ_PASSWORD_MIN) {
		*why = LANG_auth_pw_short;
		return DZ_ERR_INVAL;
	}
	if (n > DZ_PASSWORD_MAX) {
		*why = LANG_auth_pw_long;
		return DZ_ERR_INVAL;
	}
	if (strcmp(pw, DZ_DEFAULT_PASSWORD) == 0) {
		*why = LANG_auth_pw_default;
		return DZ_ERR_INVAL;
	}
	if (common(pw)) {
		*why = LANG_auth_pw_common;
		return DZ_ERR_INVAL;
	}
	if ((*why = crack_reason(pw)) != NULL)
		return DZ_ERR_INVAL;
	return DZ_OK;
}

static enum dz_err
count(struct dz_db *db, enum dz_sql q, const char *key, long long *n)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	if ((rc = dz_db_q(db, q, &rows, DZ_A_STR(key))) != DZ_OK)
		return rc;
	*n = dz_db_cell_int(&rows, 0, DZ_C_COUNT_N);
	dz_db_rows_free(&rows);
	return DZ_OK;
}

/*
 * A hash to verify against when the user does not exist, so that an
 * unknown name costs as much time as a wrong password.
 */
static const char *
dummy_hash(void)
{
	static char	h[128];

	if (h[0] == '\0' && dz_auth_hash("dz-dummy-password", h, sizeof(h)) != DZ_OK)
		h[0] = '\0';
	return h;
}

static enum dz_err
new_session(struct dz_db *db, long long uid, const char *ip, const char *ua,
    char cookie[DZ_TOKEN_LEN + 1])
{
	unsigned char	hash[DZ_SHA256_LEN];
	char		csrf[DZ_TOKEN_LEN + 1];
	enum dz_err	rc;

	if ((rc = dz_crypt_token(cookie)) != DZ_OK ||
	    (rc = dz_crypt_token(csrf)) != DZ_OK)
		return rc;
	dz_crypt_sha256(cookie, DZ_TOKEN_LEN, hash);
	rc = dz_db_x(db, DZ_SQL_SESSION_INSERT, NULL, NULL,
	    DZ_A_BLOB(hash, sizeof(hash)), DZ_A_INT(uid), DZ_A_STR(csrf),
	    DZ_A_STRN(ip, strnlen(ip, 45)), DZ_A_STRN(ua, strnlen(ua, 255)));
	dz_wipe(csrf, sizeof(csrf));
	return rc;
}

/*
 * May this account be tried from this address now? 0 yes, else the
 * seconds to wait. The pair's failures of the last hour past the free ones
 * double the wait each time; over the account-wide ceiling there are no
 * free ones. An address without failures on this account (and fewer than
 * DZ_THROTTLE_IP on any in 15 minutes) is never made to wait.
 */
static enum dz_err
throttle(struct dz_db *db, const char *user, const char *ip, long long *nuser,
    int *wait)
{
	struct dz_rows	rows;
	long long	npair, age, nip, over, w;
	int		free_tries;
	enum dz_err	rc;

	*wait = 0;
	if ((rc = count(db, DZ_SQL_LOGINFAIL_COUNT_USER, user, nuser)) != DZ_OK ||
	    (rc = count(db, DZ_SQL_LOGINFAIL_COUNT_IP, ip, &nip)) != DZ_OK)
		return rc;
	if ((rc = dz_db_q(db, DZ_SQL_LOGINFAIL_PAIR, &rows, DZ_A_STR(user),
	    DZ_A_STR(ip))) != DZ_OK)
		return rc;
	npair = dz_db_cell_int(&rows, 0, DZ_C_PAIR_N);
	age = dz_db_cell_int(&rows, 0, DZ_C_PAIR_AGE_S);
	dz_db_rows_free(&rows);
	if (nip >= DZ_THROTTLE_IP) {
		*wait = DZ_THROTTLE_IP_WAIT;
		return DZ_OK;
	}
	free_tries = *nuser >= DZ_THROTTLE_ACCOUNT ? 0 : DZ_THROTTLE_FREE;
	if (npair == 0 || npair < free_tries)
		return DZ_OK;
	over = npair - free_tries;
	w = over >= 10 ? DZ_THROTTLE_WAIT_MAX : 1LL << over;
	if (w > DZ_THROTTLE_WAIT_MAX)
		w = DZ_THROTTLE_WAIT_MAX;
	/* The store's times are whole seconds: a gap of age may be up to a
	 * second short, so the wait is over only at age w + 1. */
	if (age <= w)
		*wait = (int)(w + 1 - age);
	return DZ_OK;
}

enum dz_err
dz_auth_login(struct dz_db *db, const char *user, const char *pw,
    const char *ip, const char *ua, char cookie[DZ_TOKEN_LEN + 1], int *must_change,
    int *retry_after)
{
	struct dz_rows	 rows;
	long long	 nuser, uid = 0;
	const char	*hash;
	char		 detail[64];
	int		 good, active, wait, rehash = 0;
	enum dz_err	 rc;

	cookie[0] = '\0';
	*must_change = 0;
	*retry_after = 0;
	if ((rc = throttle(db, user, ip, &nuser, &wait)) != DZ_OK)
		return rc;
	if (wait > 0) {
		dz_log_info("auth: sign-in throttled for \"%.64s\" from %s: wait %d s",
		    user, ip, wait);
		snprintf(detail, sizeof(detail), "wait %d s", wait);
		dz_audit(db, 0, user, "login_throttled", user, detail, ip);
		*retry_after = wait;
		return DZ_ERR_THROTTLED;
	}

	/* Made (once per process) before either path, so that the first
	 * unknown name costs no more than the first known one. */
	(void)dummy_hash();
	if ((rc = dz_db_q(db, DZ_SQL_USER_BY_NAME, &rows, DZ_A_STR(user))) != DZ_OK)
		return rc;
	if (rows.nrows == 1) {
		uid = dz_db_cell_int(&rows, 0, DZ_C_LOGIN_ID);
		hash = dz_db_cell(&rows, 0, DZ_C_LOGIN_HASH);
		active = strcmp(dz_db_cell(&rows, 0, DZ_C_LOGIN_STATUS), "active") == 0;
		*must_change = dz_db_cell_int(&rows, 0, DZ_C_LOGIN_MUST_CHANGE) != 0;
	} else {
		hash = dummy_hash();
		active = 0;
	}
	good = strlen(pw) <= DZ_PASSWORD_MAX && dz_auth_verify(hash, pw) && active;
	if (good)
		rehash = strncmp(hash, ARGON_PREFIX, sizeof(ARGON_PREFIX) - 1) != 0;
	dz_db_rows_free(&rows);

	if (!good) {
		if ((rc = dz_db_x(db, DZ_SQL_LOGINFAIL_INSERT, NULL, NULL,
		    DZ_A_STRN(user, strnlen(user, 64)), DZ_A_STR(ip))) != DZ_OK)
			return rc;
		dz_audit(db, uid, user, "login_failed", user, NULL, ip);
		/* The same line for an unknown name as for a wrong password. */
		dz_log_info("auth: sign-in failed for \"%.64s\" from %s", user, ip);
		/* The account-wide ceiling: say so once per DZ_THROTTLE_ACCOUNT. */
		if ((nuser + 1) % DZ_THROTTLE_ACCOUNT == 0) {
			dz_log_warn("auth: ALERT: %lld failed sign-ins in an hour for "
			    "account \"%.64s\" (last from %s); every failing address "
			    "now waits from its first failure", nuser + 1, user, ip);
			snprintf(detail, sizeof(detail), "%lld failures in an hour",
			    nuser + 1);
			dz_audit(db, uid, user, "login_alert", user, detail, ip);
		}
		return DZ_ERR_AUTH;
	}
	if ((rc = new_session(db, uid, ip, ua, cookie)) != DZ_OK ||
	    (rc = dz_db_x(db, DZ_SQL_LOGINFAIL_CLEAR_PAIR, NULL, NULL,
	    DZ_A_STR(user), DZ_A_STR(ip))) != DZ_OK ||
	    (rc = dz_db_x(db, DZ_SQL_USER_LOGGED_IN, NULL, NULL, DZ_A_INT(uid))) != DZ_OK) {
		dz_wipe(cookie, DZ_TOKEN_LEN + 1);
		return rc;
	}
	dz_audit(db, uid, user, "login", user, NULL, ip);
	/* Older parameters: the password is at hand, hash it anew. */
	if (rehash && dz_auth_set_password(db, uid, pw, *must_change) == DZ_OK)
		dz_log_info("auth: password hash of user %lld made again with "
		    "m=%d,t=%d,p=%d", uid, ARGON_M, ARGON_T, ARGON_P);
	/* Housekeeping rides on sign-ins: cheap, and often enough. */
	dz_db_exec(db, DZ_SQL_LOGINFAIL_PRUNE, NULL, 0, NULL, NULL);
	dz_db_exec(db, DZ_SQL_SESSION_PRUNE, NULL, 0, NULL, NULL);
	return DZ_OK;
}

/*
 * What a session shows of its user (name, role, account set, company) is
 * kept per worker, trusted while the host's change counter (lib/changes:
 * every write to a user or to an account set's company moves it) is the
 * one noted before it was read, and for at most Cache.RecheckMs. The session row itself is
 * read on every request: a sign-out or expiry counts at once.
 */
#define USERS_KEPT	16

static struct kept_user {
	long long	 id;
	uint64_t	 changes;
	long long	 read_ms;
	char		 username[64];
	char		 role[16];
	long long	 account_set_id;
	int		 must_change;
	char		 company[201];
	int		 imported;
	unsigned long	 used;
} kept[USERS_KEPT];
static unsigned long	kept_clock;

static struct kept_user *
user_kept(long long id, uint64_t changes, long long now_ms, int recheck_ms)
{
	size_t	i;

	for (i = 0; i < USERS_KEPT; i++)
		if (kept[i].id == id && kept[i].changes == changes &&
		    now_ms >= kept[i].read_ms && now_ms - kept[i].read_ms < recheck_ms) {
			kept[i].used = ++kept_clock;
			return &kept[i];
		}
	return NULL;
}

/* The user's half from columns c0.. of a row: SESSION_USER's (c0 0), and
 * SESSION_GET's after the session's own (c0 DZ_C_SCHECK__N). */
static void
user_from_row(const struct dz_rows *rows, size_t c0, struct kept_user *k)
{
	const char	*v;

	snprintf(k->username, sizeof(k->username), "%s", dz_db_cell(rows, 0,
	    c0 + DZ_C_SUSER_USERNAME));
	snprintf(k->role, sizeof(k->role), "%s", dz_db_cell(rows, 0, c0 + DZ_C_SUSER_ROLE));
	k->account_set_id = dz_db_cell_int(rows, 0, c0 + DZ_C_SUSER_SET_ID);
	k->must_change = dz_db_cell_int(rows, 0, c0 + DZ_C_SUSER_MUST_CHANGE) != 0;
	v = dz_db_cell(rows, 0, c0 + DZ_C_SUSER_COMPANY);
	snprintf(k->company, sizeof(k->company), "%s", v != NULL ? v : "");
	k->imported = dz_db_cell_int(rows, 0, c0 + DZ_C_SUSER_IMPORTED) != 0;
}

static void
user_to_session(const struct kept_user *k, struct dz_session *s)
{
	snprintf(s->username, sizeof(s->username), "%s", k->username);
	s->role = (enum dz_role)dz_auth_role_parse(k->role);
	s->account_set_id = k->account_set_id;
	s->must_change = k->must_change;
	s->imported = k->imported;
	snprintf(s->company, sizeof(s->company), "%s", k->company);
}

/* The user's half from the store, kept under changes; NULL when inactive. */
static enum dz_err
user_read(struct dz_db *db, long long id, uint64_t changes, long long now_ms,
    struct kept_user **out)
{
	struct dz_rows	 rows;
	struct kept_user *k = &kept[0];
	enum dz_err	 rc;
	size_t		 i;

	*out = NULL;
	/* None: the user is gone or disabled (*out stays NULL). */
	if ((rc = dz_db_q1(db, DZ_SQL_SESSION_USER, &rows, DZ_A_INT(id))) != DZ_OK)
		return rc == DZ_ERR_NOTFOUND ? DZ_OK : rc;
	for (i = 0; i < USERS_KEPT; i++)
		if (kept[i].id == id || kept[i].used < k->used) {
			k = &kept[i];
			if (kept[i].id == id)
				break;
		}
	memset(k, 0, sizeof(*k));
	k->id = id;
	k->changes = changes;
	k->read_ms = now_ms;
	user_from_row(&rows, 0, k);
	k->used = ++kept_clock;
	dz_db_rows_free(&rows);
	*out = k;
	return DZ_OK;
}

/*
 * The session row of s->id_hash by q (SESSION_GET: with its user, or
 * SESSION_CHECK): user id, form token and idle seconds from its first
 * columns; the row stays in rows for the caller (freed on any error).
 */
static enum dz_err
session_row(struct dz_db *db, const struct dz_conf *conf, enum dz_sql q,
    struct dz_session *s, long long *idle, struct dz_rows *rows)
{
	enum dz_err	rc;

	rc = dz_db_q1(db, q, rows, DZ_A_BLOB(s->id_hash, sizeof(s->id_hash)),
	    DZ_A_INT(conf->session_idle_min), DZ_A_INT(conf->session_abs_hours));
	if (rc != DZ_OK)
		return rc == DZ_ERR_NOTFOUND ? DZ_ERR_AUTH : rc;
	s->user_id = dz_db_cell_int(rows, 0, DZ_C_SCHECK_USER_ID);
	snprintf(s->csrf, sizeof(s->csrf), "%s", dz_db_cell(rows, 0, DZ_C_SCHECK_CSRF));
	*idle = dz_db_cell_int(rows, 0, DZ_C_SCHECK_IDLE_S);
	return DZ_OK;
}

/* Without a change counter: the session and its user in one query. */
static enum dz_err
session_joined(struct dz_db *db, const struct dz_conf *conf, struct dz_session *s,
    long long *idle)
{
	struct dz_rows		rows;
	struct kept_user	k;
	enum dz_err		rc;

	if ((rc = session_row(db, conf, DZ_SQL_SESSION_GET, s, idle, &rows)) != DZ_OK)
		return rc;
	memset(&k, 0, sizeof(k));
	user_from_row(&rows, DZ_C_SCHECK__N, &k);
	dz_db_rows_free(&rows);
	user_to_session(&k, s);
	return DZ_OK;
}

/* With one: the session row, and the user's half kept or read. */
static enum dz_err
session_split(struct dz_db *db, const struct dz_conf *conf, uint64_t changes,
    struct dz_session *s, long long *idle)
{
	struct dz_rows	 rows;
	struct kept_user *k;
	long long	 now_ms;
	enum dz_err	 rc;

	if ((rc = session_row(db, conf, DZ_SQL_SESSION_CHECK, s, idle, &rows)) != DZ_OK)
		return rc;
	dz_db_rows_free(&rows);
	now_ms = dz_clock_ms();
	if ((k = user_kept(s->user_id, changes, now_ms, conf->recheck_ms)) == NULL) {
		if ((rc = user_read(db, s->user_id, changes, now_ms, &k)) != DZ_OK)
			return rc;
		if (k == NULL)
			return DZ_ERR_AUTH;	/* disabled or gone */
	}
	user_to_session(k, s);
	return DZ_OK;
}

enum dz_err
dz_auth_session(struct dz_db *db, const struct dz_conf *conf, const char *cookie,
    struct dz_session *s)
{
	uint64_t	 changes;
	long long	 idle = 0;
	enum dz_err	 rc;

	memset(s, 0, sizeof(*s));
	if (cookie == NULL || !dz_crypt_token_valid(cookie))
		return DZ_ERR_AUTH;
	dz_crypt_sha256(cookie, DZ_TOKEN_LEN, s->id_hash);
	/* The counter is read before the store: see lib/changes.h. */
	changes = dz_changes_now();
	if (changes != 0 && conf->recheck_ms > 0)
		rc = session_split(db, conf, changes, s, &idle);
	else
		rc = session_joined(db, conf, s, &idle);
	if (rc == DZ_OK && idle >= 60)
		rc = dz_db_x(db, DZ_SQL_SESSION_TOUCH, NULL, NULL,
		    DZ_A_BLOB(s->id_hash, sizeof(s->id_hash)));
	if (rc != DZ_OK || (int)s->role < 0) {
		memset(s, 0, sizeof(*s));
		return rc != DZ_OK ? rc : DZ_ERR_AUTH;
	}
	return DZ_OK;
}

enum dz_err
dz_auth_logout(struct dz_db *db, const struct dz_session *s, const char *ip)
{
	enum dz_err	rc;

	rc = dz_db_x(db, DZ_SQL_SESSION_DELETE, NULL, NULL,
	    DZ_A_BLOB(s->id_hash, sizeof(s->id_hash)));
	if (rc == DZ_OK)
		dz_audit(db, s->user_id, s->username, "logout", s->username, NULL, ip);
	return rc;
}

enum dz_err
dz_auth_end_presented(struct dz_db *db, const char *cookie)
{
	unsigned char	hash[DZ_SHA256_LEN];

	if (cookie == NULL || !dz_crypt_token_valid(cookie))
		return DZ_OK;
	dz_crypt_sha256(cookie, DZ_TOKEN_LEN, hash);
	return dz_db_x(db, DZ_SQL_SESSION_DELETE, NULL, NULL,
	    DZ_A_BLOB(hash, sizeof(hash)));
}

enum dz_err
dz_auth_kill_user(struct dz_db *db, long long uid)
{
	return dz_db_x(db, DZ_SQL_SESSION_DELETE_USER, NULL, NULL, DZ_A_INT(uid));
}

enum dz_err
dz_auth_set_password(struct dz_db *db, long long uid, const char *pw, int must_change)
{
	char		encoded[128];
	enum dz_err	rc;

	if ((rc = dz_auth_hash(pw, encoded, sizeof(encoded))) != DZ_OK)
		return rc;
	rc = dz_auth_set_hash(db, uid, encoded, must_change);
	dz_wipe(encoded, sizeof(encoded));
	return rc;
}

enum dz_err
dz_auth_set_hash(struct dz_db *db, long long uid, const char *encoded, int must_change)
{
	return dz_db_x(db, DZ_SQL_USER_SET_PASSWORD, NULL, NULL, DZ_A_STR(encoded),
	    DZ_A_INT(must_change ? 1 : 0), DZ_A_INT(uid));
}

enum dz_err
dz_auth_password_ok(struct dz_db *db, const char *user, const char *pw, int *ok)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	*ok = 0;
	if ((rc = dz_db_q(db, DZ_SQL_USER_BY_NAME, &rows, DZ_A_STR(user))) != DZ_OK)
		return rc;
	if (rows.nrows == 1)
		*ok = dz_auth_verify(dz_db_cell(&rows, 0, DZ_C_LOGIN_HASH), pw);
	dz_db_rows_free(&rows);
	return DZ_OK;
}

enum dz_err
dz_auth_end_others(struct dz_db *db, const struct dz_session *s)
{
	return dz_db_x(db, DZ_SQL_SESSION_DELETE_OTHERS, NULL, NULL,
	    DZ_A_INT(s->user_id), DZ_A_BLOB(s->id_hash, sizeof(s->id_hash)));
}
