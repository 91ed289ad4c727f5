/*
 * pagecache.h: rendered pages a worker keeps, for pages that are the same
 * for every request with the same key but for the form token. The places
 * of the token are noted when a page is kept, and each visitor gets a copy
 * with their own token put in.
 *
 * A page is kept with a stamp (what the key alone does not say: a change
 * counter, lib/changes) and the time it was made; it is found only under
 * the same stamp and, with max_age_ms > 0, while younger than that.
 */
#ifndef DZ_PAGECACHE_H
#define DZ_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"

#define DZ_PCACHE_SLOTS		16
#define DZ_PCACHE_KEY		512
#define DZ_PCACHE_SPOTS		8

struct dz_page {
	char		 key[DZ_PCACHE_KEY];
	uint64_t	 stamp;
	long long	 made_ms;
	char		*html;
	size_t		 len;
	size_t		 spot[DZ_PCACHE_SPOTS];
	size_t		 nspots;
	size_t		 toklen;
	unsigned long	 used;
};

struct dz_pcache {
	struct dz_page	slot[DZ_PCACHE_SLOTS];
	unsigned long	clock;
};

/* The page kept under key and stamp, young enough; NULL when none. */
const struct dz_page *dz_pcache_find(struct dz_pcache *, const char *key,
		    uint64_t stamp, long long now_ms, int max_age_ms);

/*
 * Keep html (the cache owns it from now on, kept or not) under key and
 * stamp, with the places of tok noted. A key too long, or a page with more
 * than DZ_PCACHE_SPOTS tokens, is not kept.
 */
void		 dz_pcache_put(struct dz_pcache *, const char *key, uint64_t stamp,
		    long long now_ms, char *html, size_t len, const char *tok);

/* A copy of the page with tok (as long as the kept one) in its places. */
enum dz_err	 dz_pcache_copy(const struct dz_page *, const char *tok, char **out);

/* Forget every page. */
void		 dz_pcache_clear(struct dz_pcache *);

#endif
