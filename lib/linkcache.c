/*
 * linkcache.c: a worker's memory of live share links (see linkcache.h).
 * 64 entries, looked up by a linear scan of 32-byte hashes: a worker sees
 * few links at a time, and a scan of 2 KB is cheaper than any store query.
 */
#include "config.h"

#include <string.h>

#include "linkcache.h"

static struct dz_lcache_ent *
lookup(struct dz_lcache *c, const unsigned char hash[32])
{
	size_t	i;

	for (i = 0; i < DZ_LCACHE_MAX; i++)
		if (c->ent[i].live && memcmp(c->ent[i].hash, hash, 32) == 0)
			return &c->ent[i];
	return NULL;
}

struct dz_lcache_ent *
dz_lcache_find(struct dz_lcache *c, const unsigned char hash[32], uint64_t changes,
    long long now_ms, long long now_unix, int recheck_ms)
{
	struct dz_lcache_ent	*e;

	if (changes == 0 || recheck_ms <= 0 || (e = lookup(c, hash)) == NULL)
		return NULL;
	if (e->changes != changes || now_ms < e->checked_ms ||
	    now_ms - e->checked_ms >= recheck_ms || now_unix >= e->expires)
		return NULL;
	e->used = ++c->clock;
	return e;
}

struct dz_lcache_ent *
dz_lcache_put(struct dz_lcache *c, const unsigned char hash[32], long long link,
    long long sid, long long version, long long expires, uint64_t changes,
    long long now_ms)
{
	struct dz_lcache_ent	*e;
	char			 ip[sizeof(e->ip)];
	long long		 visit_ms = 0;
	size_t			 i;

	if (changes == 0)
		return NULL;
	ip[0] = '\0';
	if ((e = lookup(c, hash)) != NULL) {
		/* The same link read again: what it knew of visits stays. */
		memcpy(ip, e->ip, sizeof(ip));
		visit_ms = e->visit_ms;
	} else {
		e = &c->ent[0];
		for (i = 1; i < DZ_LCACHE_MAX && e->live; i++)
			if (!c->ent[i].live || c->ent[i].used < e->used)
				e = &c->ent[i];
	}
	memset(e, 0, sizeof(*e));
	memcpy(e->hash, hash, 32);
	e->link = link;
	e->sid = sid;
	e->version = version;
	e->expires = expires;
	e->changes = changes;
	e->checked_ms = now_ms;
	memcpy(e->ip, ip, sizeof(e->ip));
	e->visit_ms = visit_ms;
	e->used = ++c->clock;
	e->live = 1;
	return e;
}

void
dz_lcache_drop(struct dz_lcache *c, const unsigned char hash[32])
{
	struct dz_lcache_ent	*e;

	if ((e = lookup(c, hash)) != NULL)
		memset(e, 0, sizeof(*e));
}

int
dz_lcache_visit(struct dz_lcache_ent *e, const char *ip, long long now_ms)
{
	int	again;

	if (ip == NULL)
		ip = "";
	again = e->visit_ms != 0 && strcmp(e->ip, ip) == 0 &&
	    now_ms >= e->visit_ms && now_ms - e->visit_ms < DZ_LCACHE_REVISIT_MS;
	if (!again) {
		strncpy(e->ip, ip, sizeof(e->ip) - 1);
		e->ip[sizeof(e->ip) - 1] = '\0';
		e->visit_ms = now_ms;
	}
	return !again;
}
