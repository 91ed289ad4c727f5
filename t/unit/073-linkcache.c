/*
 * lib/linkcache: when a worker may answer a customer's page from the link
 * it kept, and when it must ask the store; and which openings are visits.
 */
#include "config.h"

#include <string.h>

#include "linkcache.h"
#include "tap.h"

static struct dz_lcache	c;

static void
hash_of(int n, unsigned char h[32])
{
	memset(h, 0, 32);
	h[0] = (unsigned char)n;
	h[31] = (unsigned char)(n >> 8);
}

int
main(void)
{
	struct dz_lcache_ent	*e;
	unsigned char		 a[32], b[32];
	const long long		 t0 = 5000000, unix0 = 1800000000;
	int			 i, kept;

	hash_of(1, a);
	hash_of(2, b);

	/* Without a change counter nothing is kept. */
	ok(dz_lcache_put(&c, a, 7, 70, 3, unix0 + 3600, 0, t0) == NULL,
	    "no change counter (0): nothing kept");
	ok(dz_lcache_find(&c, a, 0, t0, unix0, 1000) == NULL,
	    "no change counter: never trusted");

	e = dz_lcache_put(&c, a, 7, 70, 3, unix0 + 3600, 41, t0);
	ok(e != NULL, "a live link is kept");
	e = dz_lcache_find(&c, a, 41, t0 + 10, unix0, 1000);
	ok(e != NULL, "trusted while nothing changed, within the recheck time");
	if (e != NULL) {
		is_int(e->link, 7, "  its link id");
		is_int(e->sid, 70, "  its statement");
		is_int(e->version, 3, "  the statement's version");
	}
	ok(dz_lcache_find(&c, b, 41, t0 + 10, unix0, 1000) == NULL,
	    "another token is not found");
	ok(dz_lcache_find(&c, a, 42, t0 + 10, unix0, 1000) == NULL,
	    "a change committed on this host (counter moved): not trusted");
	ok(dz_lcache_find(&c, a, 41, t0 + 999, unix0, 1000) != NULL,
	    "999 ms after the read: trusted");
	ok(dz_lcache_find(&c, a, 41, t0 + 1000, unix0, 1000) == NULL,
	    "1000 ms after the read: asks the store again");
	ok(dz_lcache_find(&c, a, 41, t0 - 1, unix0, 1000) == NULL,
	    "a clock that went back: asks the store");
	ok(dz_lcache_find(&c, a, 41, t0 + 10, unix0, 0) == NULL,
	    "recheck 0: asks the store every time");
	ok(dz_lcache_find(&c, a, 41, t0 + 10, unix0 + 3599, 1000) != NULL,
	    "a second before it expires: trusted");
	ok(dz_lcache_find(&c, a, 41, t0 + 10, unix0 + 3600, 1000) == NULL,
	    "at its expiry: asks the store (which says 410)");

	/* Read again after a change: the new version replaces the old. */
	dz_lcache_put(&c, a, 7, 70, 4, unix0 + 3600, 42, t0 + 20);
	e = dz_lcache_find(&c, a, 42, t0 + 30, unix0, 1000);
	ok(e != NULL && e->version == 4, "reread after a change: the new version");
	ok(dz_lcache_find(&c, a, 41, t0 + 30, unix0, 1000) == NULL,
	    "and not under the old counter");

	/* Found dead: forgotten. */
	dz_lcache_drop(&c, a);
	ok(dz_lcache_find(&c, a, 42, t0 + 30, unix0, 1000) == NULL,
	    "a link found dead is forgotten");

	/* Visits: one per address per 10 s. */
	e = dz_lcache_put(&c, a, 7, 70, 4, unix0 + 3600, 42, t0);
	is_int(dz_lcache_visit(e, "10.0.0.1", t0), 1, "first opening: a visit");
	is_int(dz_lcache_visit(e, "10.0.0.1", t0 + 9999), 0,
	    "the same address 9.999 s later: a reload");
	is_int(dz_lcache_visit(e, "10.0.0.1", t0 + 10000), 1,
	    "the same address 10 s later: a visit");
	is_int(dz_lcache_visit(e, "10.0.0.2", t0 + 10001), 1,
	    "another address: a visit");
	is_int(dz_lcache_visit(e, "10.0.0.1", t0 + 10002), 1,
	    "back to the first address: a visit (only the last is remembered)");
	e = dz_lcache_put(&c, a, 7, 70, 5, unix0 + 3600, 43, t0 + 10003);
	is_int(dz_lcache_visit(e, "10.0.0.1", t0 + 10004), 0,
	    "reread after a change: the last visit is remembered");

	/* Full: the least recently used goes, the one in use stays. */
	for (i = 100; i < 100 + DZ_LCACHE_MAX; i++) {
		unsigned char h[32];

		hash_of(i, h);
		dz_lcache_put(&c, h, i, i, 1, unix0 + 3600, 43, t0 + 20000 + i);
		dz_lcache_find(&c, a, 43, t0 + 20000 + i, unix0, 100000);
	}
	ok(dz_lcache_find(&c, a, 43, t0 + 20200, unix0, 100000) != NULL,
	    "a link in use survives 64 newer ones");
	kept = 0;
	for (i = 100; i < 100 + DZ_LCACHE_MAX; i++) {
		unsigned char h[32];

		hash_of(i, h);
		kept += dz_lcache_find(&c, h, 43, t0 + 20200, unix0, 100000) != NULL;
	}
	is_int(kept, DZ_LCACHE_MAX - 1, "the oldest of the others made room");
	return done_testing();
}
