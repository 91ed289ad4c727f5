#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "dz.h"
#include "lang.h"

static const char *const errtext[DZ_ERR__MAX] = {
	[DZ_OK] = LANG_errtext_ok,
	[DZ_ERR_NOMEM] = LANG_errtext_nomem,
	[DZ_ERR_INVAL] = LANG_errtext_inval,
	[DZ_ERR_TOOBIG] = LANG_errtext_toobig,
	[DZ_ERR_NOTFOUND] = LANG_errtext_notfound,
	[DZ_ERR_FORBIDDEN] = LANG_errtext_forbidden,
	[DZ_ERR_CONFLICT] = LANG_errtext_conflict,
	[DZ_ERR_GONE] = LANG_errtext_gone,
	[DZ_ERR_THROTTLED] = LANG_errtext_throttled,
	[DZ_ERR_AUTH] = LANG_errtext_auth,
	[DZ_ERR_DB] = LANG_errtext_db,
	[DZ_ERR_ERP_CONNECT] = LANG_errtext_erp_connect,
	[DZ_ERR_ERP_TIMEOUT] = LANG_errtext_erp_timeout,
	[DZ_ERR_ERP_LOGIN] = LANG_errtext_erp_login,
	[DZ_ERR_ERP_NODB] = LANG_errtext_erp_nodb,
	[DZ_ERR_ERP] = LANG_errtext_erp,
	[DZ_ERR_CRYPT] = LANG_errtext_crypt,
	[DZ_ERR_IO] = LANG_errtext_io,
	[DZ_ERR_TEMPLATE] = LANG_errtext_template,
	[DZ_ERR_BUSY] = LANG_errtext_busy,
};

const char *
dz_strerror(enum dz_err e)
{
	if ((unsigned)e >= DZ_ERR__MAX || errtext[e] == NULL)
		return LANG_errtext_unknown;
	return errtext[e];
}

void
dz_wipe(void *p, size_t n)
{
	if (p != NULL)
		explicit_bzero(p, n);
}

long long
dz_clock_ms(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
dz_copy(char *dst, size_t sz, const char *src)
{
	if (sz > 0)
		snprintf(dst, sz, "%s", src != NULL ? src : "");
}

int
dz_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
