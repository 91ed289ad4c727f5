/*
 * dz.h: what every part of libdz shares: the error enum and a few helpers.
 * Functions of libdz return enum dz_err (DZ_OK = 0) or 0/-1 with a logged
 * reason; none of them ends the process.
 */
#ifndef DZ_H
#define DZ_H

#include <stddef.h>
#include <stdint.h>

enum dz_err {
	DZ_OK = 0,
	DZ_ERR_NOMEM,		/* out of memory */
	DZ_ERR_INVAL,		/* bad input (a 400 page) */
	DZ_ERR_TOOBIG,		/* input over its size limit (413) */
	DZ_ERR_NOTFOUND,	/* no such object (404) */
	DZ_ERR_FORBIDDEN,	/* not allowed (403) */
	DZ_ERR_CONFLICT,	/* state changed underneath (409) */
	DZ_ERR_GONE,		/* deleted, revoked or expired (410) */
	DZ_ERR_THROTTLED,	/* too many attempts (429) */
	DZ_ERR_AUTH,		/* wrong credentials */
	DZ_ERR_DB,		/* the app store failed (503) */
	DZ_ERR_ERP_CONNECT,	/* ERP host refused or unreachable */
	DZ_ERR_ERP_TIMEOUT,	/* ERP did not answer in time */
	DZ_ERR_ERP_LOGIN,	/* ERP refused the login */
	DZ_ERR_ERP_NODB,	/* ERP has no such database */
	DZ_ERR_ERP,		/* any other ERP failure */
	DZ_ERR_CRYPT,		/* a sealed blob did not open, or no key */
	DZ_ERR_IO,		/* a file or socket failed */
	DZ_ERR_TEMPLATE,	/* a template failed to render */
	DZ_ERR_BUSY,		/* waited in the queue too long (503) */
	DZ_ERR__MAX
};

/* The (Chinese) text a page shows for an error; never NULL. */
const char	*dz_strerror(enum dz_err);

/* Zero memory in a way the compiler cannot drop: for secrets. */
void		 dz_wipe(void *, size_t);

/* Milliseconds of a monotonic clock (for intervals, not dates). */
long long	 dz_clock_ms(void);

/* Copy src into dst of size sz, cut to fit; NULL copies as "". */
void		 dz_copy(char *dst, size_t sz, const char *src);

/* The value of a hex digit (either case), or -1. */
int		 dz_hexval(int c);

#define DZ_NELEM(a) (sizeof(a) / sizeof((a)[0]))

#endif /* DZ_H */
