/*
 * linkcache.h: what one dz-confirm worker remembers of the live links it
 * resolved, so that a customer's page does not cost a store query per
 * opening. Pure logic (no store, no clock): the caller passes the change
 * counter (lib/changes) and the times.
 *
 * An entry is trusted while all of these hold:
 *   - the host's change counter is the one noted before the store was read
 *     (any revoke, delete, share or state change on this host moves it);
 *   - it was read from the store less than recheck_ms ago (changes made on
 *     other hosts, or outside the programs, are seen within that time);
 *   - the link has not expired (its expiry is kept with it).
 * A counter of 0 (no change file) or recheck_ms 0 never trusts an entry.
 */
#ifndef DZ_LINKCACHE_H
#define DZ_LINKCACHE_H

#include <stdint.h>

#define DZ_LCACHE_MAX		64
#define DZ_LCACHE_REVISIT_MS	10000	/* a reload within 10 s is one visit */

struct dz_lcache_ent {
	unsigned char	 hash[32];	/* SHA-256 of the token */
	long long	 link;
	long long	 sid;
	long long	 version;
	long long	 expires;	/* Unix seconds */
	uint64_t	 changes;	/* the counter before the store was read */
	long long	 checked_ms;	/* monotonic ms of that read */
	char		 ip[46];	/* the last address counted as a visit */
	long long	 visit_ms;
	unsigned long	 used;
	int		 live;
};

struct dz_lcache {
	struct dz_lcache_ent	ent[DZ_LCACHE_MAX];
	unsigned long		clock;
};

/* The trusted entry of hash, or NULL (then read the store). */
struct dz_lcache_ent *dz_lcache_find(struct dz_lcache *, const unsigned char hash[32],
		    uint64_t changes, long long now_ms, long long now_unix, int recheck_ms);

/*
 * Remember a live link read from the store (changes: the counter noted
 * before the read). visit_ms/ip: the visit the store already counted (or
 * knew to be a reload), if any. Replaces the entry of the same hash, else
 * the least recently used. NULL when changes is 0 (nothing kept).
 */
struct dz_lcache_ent *dz_lcache_put(struct dz_lcache *, const unsigned char hash[32],
		    long long link, long long sid, long long version, long long expires,
		    uint64_t changes, long long now_ms);

/* Forget the link of hash (found dead, or not worth keeping). */
void		 dz_lcache_drop(struct dz_lcache *, const unsigned char hash[32]);

/*
 * Is this opening a new visit to count? Not when the same address opened
 * it less than DZ_LCACHE_REVISIT_MS ago as far as this entry knows. Notes
 * the visit either way.
 */
int		 dz_lcache_visit(struct dz_lcache_ent *, const char *ip, long long now_ms);

#endif
