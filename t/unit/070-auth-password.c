/*
 * Argon2id password hashing and the rules for a new password; §8 check 13
 * (with t/http/095): the parameters (m >= 19 MiB at t = 2, p = 1; here
 * 52 MiB), a verify taking 50-600 ms (the median of 7, printed), a
 * 64-character password hashed and verified.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <argon2.h>

#include "auth.h"
#include "lang.h"
#include "tap.h"

static const struct {
	const char	*pw;
	int		 ok;
} newpw[] = {
	{ "Secret-2026", 1 },
	{ "Str0ng-Horse-Battery", 1 },
	{ "12345678", 0 },			/* the common list */
	{ "password1", 0 },			/* the common list */
	{ "PASSWORD1", 0 },			/* ... whatever the case */
	{ "iloveyou", 0 },			/* the common list */
	{ "woaini1314", 0 },			/* ... from zxcvbn's ranking */
	{ "zhang123456", 0 },			/* cracklib: systematic */
	{ "19900101", 0 },			/* cracklib: too few different */
	{ "Mountains", 0 },			/* cracklib: a dictionary word */
	{ "对账助手对账助手", 1 },		/* 8 code points, 24 bytes */
	{ "对账助手", 0 },			/* 4 code points */
	{ "1234567", 0 },
	{ "123456", 0 },
	{ "", 0 },
	{ "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", 0 },	/* not UTF-8 */
};

static double
ms_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int
main(void)
{
	double		 t[7], t0;
	char		 pw64[65];
	char		 h1[128], h2[128], longpw[300];
	const char	*why;
	size_t		 i;

	dz_auth_common_list(DZ_COMMON_BUILT);
	ok(dz_auth_hash("Secret-2026", h1, sizeof(h1)) == DZ_OK, "hash");
	ok(strncmp(h1, "$argon2id$v=19$m=53248,t=2,p=1$", 31) == 0,
	    "PHC string with Argon2id at m=52 MiB, t=2, p=1: %s", h1);
	ok(dz_auth_verify(h1, "Secret-2026"), "right password verifies");
	ok(!dz_auth_verify(h1, "Secret-2027"), "wrong password does not");
	ok(!dz_auth_verify(h1, ""), "empty password does not");
	ok(dz_auth_hash("Secret-2026", h2, sizeof(h2)) == DZ_OK &&
	    strcmp(h1, h2) != 0, "same password, new salt, other hash");
	ok(!dz_auth_verify("$argon2i$v=19$m=19456,t=2,p=1$AAAA$BBBB", "x"),
	    "only Argon2id hashes are accepted");
	ok(!dz_auth_verify("not a hash", "not a hash"), "garbage does not verify");
	ok(!dz_auth_verify(NULL, "x"), "NULL hash does not verify");
	ok(argon2id_hash_encoded(2, 19456, 1, "Secret-2026", 11,
	    (const unsigned char *)"salt-salt-salt-s", 16, 32, h2, sizeof(h2)) ==
	    ARGON2_OK && dz_auth_verify(h2, "Secret-2026"),
	    "a hash of the older parameters (19 MiB) still verifies");

	for (i = 0; i < DZ_NELEM(t); i++) {
		t0 = ms_now();
		(void)dz_auth_verify(h1, "Secret-2027");
		t[i] = ms_now() - t0;
	}
	qsort(t, DZ_NELEM(t), sizeof(t[0]), cmp_double);
	diag("verify: median %.1f ms (%.1f-%.1f ms over %zu)", t[3], t[0], t[6],
	    DZ_NELEM(t));
	ok(t[3] >= 50 && t[3] <= 600, "a verify takes 50-600 ms (median %.1f ms)", t[3]);

	memset(pw64, 'k', 64);
	memcpy(pw64, "Pass-64-", 8);
	pw64[64] = '\0';
	ok(dz_auth_check_new(pw64, &why) == DZ_OK, "a 64-character new password is accepted");
	ok(dz_auth_hash(pw64, h2, sizeof(h2)) == DZ_OK && dz_auth_verify(h2, pw64),
	    "a 64-character password hashes and verifies");
	pw64[63] = 'j';
	ok(!dz_auth_verify(h2, pw64), "... and its last character counts");

	for (i = 0; i < DZ_NELEM(newpw); i++) {
		why = NULL;
		is_int(dz_auth_check_new(newpw[i].pw, &why) == DZ_OK, newpw[i].ok,
		    "new password #%zu %s", i, newpw[i].ok ? "accepted" : "refused");
		if (!newpw[i].ok)
			ok(why != NULL && *why != '\0', "refusal #%zu says why: %s", i,
			    why != NULL ? why : "(nothing)");
	}
	memset(longpw, 'a', sizeof(longpw) - 1);
	longpw[sizeof(longpw) - 1] = '\0';
	ok(dz_auth_check_new(longpw, &why) == DZ_ERR_INVAL, "over %d bytes refused",
	    DZ_PASSWORD_MAX);
	why = NULL;
	(void)dz_auth_check_new("zhang123456", &why);
	is_str(why, LANG_auth_pw_crack_simple, "cracklib's reason in Chinese: systematic");
	why = NULL;
	(void)dz_auth_check_new("19900101", &why);
	is_str(why, LANG_auth_pw_crack_same, "... too few different characters");
	why = NULL;
	(void)dz_auth_check_new("Mountains", &why);
	is_str(why, LANG_auth_pw_crack_word, "... a dictionary word");
	why = NULL;
	(void)dz_auth_check_new("password1", &why);
	is_str(why, LANG_auth_pw_common, "a common password says so");
	why = NULL;
	(void)dz_auth_check_new("woaini1314", &why);
	is_str(why, LANG_auth_pw_common, "woaini1314 (cracklib lets it pass) is on the list");

	is_int(dz_auth_role_parse("admin"), DZ_ROLE_ADMIN, "role admin");
	is_int(dz_auth_role_parse("clerk"), DZ_ROLE_CLERK, "role clerk");
	is_int(dz_auth_role_parse("viewer"), DZ_ROLE_VIEWER, "role viewer");
	is_int(dz_auth_role_parse("root"), -1, "unknown role");
	is_int(dz_auth_role_parse(""), -1, "empty role");
	is_str(dz_auth_role_name(DZ_ROLE_CLERK), "clerk", "role name round trip");
	ok(DZ_ROLE_ADMIN > DZ_ROLE_CLERK && DZ_ROLE_CLERK > DZ_ROLE_VIEWER,
	    "roles are ordered admin > clerk > viewer");
	return done_testing();
}
