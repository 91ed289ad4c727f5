/* Argon2id password hashing and the rules for a new password. */
#include "config.h"

#include <string.h>

#include "auth.h"
#include "tap.h"

static const struct {
	const char	*pw;
	int		 ok;
} newpw[] = {
	{ "Secret-2026", 1 },
	{ "12345678", 1 },
	{ "对账助手对账助手", 1 },		/* 8 code points, 24 bytes */
	{ "对账助手", 0 },			/* 4 code points */
	{ "1234567", 0 },
	{ "123456", 0 },
	{ "", 0 },
	{ "\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8", 0 },	/* not UTF-8 */
};

int
main(void)
{
	char		 h1[128], h2[128], longpw[300];
	const char	*why;
	size_t		 i;

	ok(dz_auth_hash("Secret-2026", h1, sizeof(h1)) == DZ_OK, "hash");
	ok(strncmp(h1, "$argon2id$v=19$m=19456,t=2,p=1$", 31) == 0,
	    "PHC string with Argon2id at m=19 MiB, t=2, p=1: %s", h1);
	ok(dz_auth_verify(h1, "Secret-2026"), "right password verifies");
	ok(!dz_auth_verify(h1, "Secret-2027"), "wrong password does not");
	ok(!dz_auth_verify(h1, ""), "empty password does not");
	ok(dz_auth_hash("Secret-2026", h2, sizeof(h2)) == DZ_OK &&
	    strcmp(h1, h2) != 0, "same password, new salt, other hash");
	ok(!dz_auth_verify("$argon2i$v=19$m=19456,t=2,p=1$AAAA$BBBB", "x"),
	    "only Argon2id hashes are accepted");
	ok(!dz_auth_verify("not a hash", "not a hash"), "garbage does not verify");
	ok(!dz_auth_verify(NULL, "x"), "NULL hash does not verify");

	for (i = 0; i < DZ_NELEM(newpw); i++) {
		why = NULL;
		is_int(dz_auth_check_new(newpw[i].pw, &why) == DZ_OK, newpw[i].ok,
		    "new password #%zu %s", i, newpw[i].ok ? "accepted" : "refused");
		if (!newpw[i].ok)
			ok(why != NULL && *why != '\0', "refusal #%zu says why", i);
	}
	memset(longpw, 'a', sizeof(longpw) - 1);
	longpw[sizeof(longpw) - 1] = '\0';
	ok(dz_auth_check_new(longpw, &why) == DZ_ERR_INVAL, "over %d bytes refused",
	    DZ_PASSWORD_MAX);

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
