/*
 * pagecache.c: a worker's kept pages (see pagecache.h). A handful of
 * slots, found by a linear scan, the least recently used one replaced.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pagecache.h"

static void
slot_free(struct dz_page *p)
{
	free(p->html);
	memset(p, 0, sizeof(*p));
}

const struct dz_page *
dz_pcache_find(struct dz_pcache *c, const char *key, uint64_t stamp,
    long long now_ms, int max_age_ms)
{
	size_t	i;

	for (i = 0; i < DZ_PCACHE_SLOTS; i++) {
		struct dz_page *p = &c->slot[i];

		if (p->html == NULL || p->stamp != stamp || strcmp(p->key, key) != 0)
			continue;
		if (max_age_ms > 0 && (now_ms < p->made_ms ||
		    now_ms - p->made_ms >= max_age_ms))
			return NULL;
		p->used = ++c->clock;
		return p;
	}
	return NULL;
}

void
dz_pcache_put(struct dz_pcache *c, const char *key, uint64_t stamp,
    long long now_ms, char *html, size_t len, const char *tok)
{
	struct dz_page	*p = NULL;
	const char	*at;
	size_t		 i, toklen;

	if (html == NULL || tok == NULL || (toklen = strlen(tok)) == 0 ||
	    strlen(key) >= DZ_PCACHE_KEY) {
		free(html);
		return;
	}
	/* The same key again (a newer stamp): its slot; else the oldest. */
	for (i = 0; i < DZ_PCACHE_SLOTS && p == NULL; i++)
		if (c->slot[i].html != NULL && strcmp(c->slot[i].key, key) == 0)
			p = &c->slot[i];
	if (p == NULL) {
		p = &c->slot[0];
		for (i = 1; i < DZ_PCACHE_SLOTS && p->html != NULL; i++)
			if (c->slot[i].html == NULL || c->slot[i].used < p->used)
				p = &c->slot[i];
	}
	slot_free(p);
	for (at = html; (at = strstr(at, tok)) != NULL; at += toklen) {
		if (p->nspots == DZ_PCACHE_SPOTS) {
			slot_free(p);	/* an odd page: not kept */
			free(html);
			return;
		}
		p->spot[p->nspots++] = (size_t)(at - html);
	}
	strcpy(p->key, key);
	p->stamp = stamp;
	p->made_ms = now_ms;
	p->html = html;
	p->len = len;
	p->toklen = toklen;
	p->used = ++c->clock;
}

enum dz_err
dz_pcache_copy(const struct dz_page *p, const char *tok, char **out)
{
	char	*buf;
	size_t	 i;

	*out = NULL;
	if (tok == NULL || strlen(tok) != p->toklen)
		return DZ_ERR_INVAL;
	if ((buf = malloc(p->len + 1)) == NULL)
		return DZ_ERR_NOMEM;
	memcpy(buf, p->html, p->len);
	buf[p->len] = '\0';
	for (i = 0; i < p->nspots; i++)
		memcpy(buf + p->spot[i], tok, p->toklen);
	*out = buf;
	return DZ_OK;
}

void
dz_pcache_clear(struct dz_pcache *c)
{
	size_t	i;

	for (i = 0; i < DZ_PCACHE_SLOTS; i++)
		slot_free(&c->slot[i]);
	c->clock = 0;
}
