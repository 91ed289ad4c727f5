/*
 * keep.c: pages and links a worker keeps (see keep.h). The pure halves are
 * lib/pagecache.c and lib/linkcache.c; this file adds the request, the
 * store and the host's change counter.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dz.h"
#include "app.h"
#include "changes.h"
#include "conf.h"
#include "crypt.h"
#include "keep.h"
#include "linkcache.h"
#include "pagecache.h"
#include "store.h"

enum dz_err
dz_keep_send(struct dz_req *r, struct dz_keep *k, const char *key,
    struct dz_keep_note *n)
{
	const struct dz_page	*p;
	const char		*tok;
	int			 recheck = r->app->conf->recheck_ms;

	memset(n, 0, sizeof(*n));
	if (key == NULL || strlen(key) >= DZ_PCACHE_KEY ||
	    (tok = dz_app_csrf(r)) == NULL)
		return DZ_ERR_NOTFOUND;
	n->now_ms = dz_clock_ms();
	if (k->rule == DZ_KEEP_CHANGES) {
		/* Before the store is read: a change committed meanwhile
		 * moves the counter past the stamp the page is kept under. */
		if (recheck <= 0 || (n->stamp = dz_changes_now()) == 0)
			return DZ_ERR_NOTFOUND;
		p = dz_pcache_find(&k->pages, key, n->stamp, n->now_ms, recheck);
	} else {
		/* Good for as long as the store is the same store: a restore
		 * moves the epoch, and the key's id and version may then name
		 * another statement (lib/changes.h). */
		if ((n->stamp = dz_changes_epoch()) == 0)
			n->stamp = 1;
		p = dz_pcache_find(&k->pages, key, n->stamp, 0, 0);
	}
	n->on = 1;
	return dz_send_kept(r, 200, p, tok);
}

enum dz_err
dz_keep_render(struct dz_req *r, struct dz_keep *k, const struct dz_keep_note *n,
    const char *key, int status, const char *page)
{
	char			 mine[DZ_TOKEN_LEN + 1], theirs[DZ_TOKEN_LEN + 1];
	char			*html;
	size_t			 len;
	const char		*tok;
	enum dz_err		 rc;

	if (!n->on || key == NULL || strlen(key) >= DZ_PCACHE_KEY ||
	    (tok = dz_app_csrf(r)) == NULL || dz_crypt_token(mine) != DZ_OK)
		return dz_render(r, status, page);
	/*
	 * Drawn with a token of our own in the forms, not the visitor's: a
	 * visitor chooses their cookie, and a value that also stands in the
	 * page (43 characters of a fingerprint) would mark wrong places.
	 */
	memcpy(theirs, tok, sizeof(theirs));
	memcpy(r->csrf, mine, sizeof(r->csrf));
	rc = dz_render_capture(r, status, page, &html, &len);
	memcpy(r->csrf, theirs, sizeof(r->csrf));
	if (rc != DZ_OK) {
		dz_wipe(mine, sizeof(mine));
		return rc;	/* as any failed page: the loop draws error.cs */
	}
	dz_pcache_put(&k->pages, key, n->stamp, n->now_ms, html, len, mine);
	dz_wipe(mine, sizeof(mine));
	if (dz_send_kept(r, status, dz_pcache_find(&k->pages, key, n->stamp,
	    n->now_ms, 0), theirs) == DZ_OK)
		return DZ_OK;
	/* Not kept (more token places than noted): drawn for this visitor. */
	return dz_render(r, status, page);
}

enum dz_err
dz_keep_link(struct dz_req *r, const char *token, int count, struct dz_store_live *live)
{
	static struct dz_lcache	 links;
	struct dz_lcache_ent	*e = NULL;
	unsigned char		 hash[DZ_SHA256_LEN];
	long long		 now_ms = 0, now_unix = 0;
	uint64_t		 changes = 0;
	int			 recheck = r->app->conf->recheck_ms;
	enum dz_err		 rc;

	if (count && recheck > 0 && dz_crypt_token_valid(token) &&
	    (changes = dz_changes_now()) != 0) {
		now_ms = dz_clock_ms();
		now_unix = (long long)time(NULL);
		dz_crypt_sha256(token, DZ_TOKEN_LEN, hash);
		e = dz_lcache_find(&links, hash, changes, now_ms, now_unix, recheck);
		if (e != NULL) {
			memset(live, 0, sizeof(*live));
			live->link = e->link;
			live->sid = e->sid;
			live->version = e->version;
			live->expires = e->expires;
			if (dz_lcache_visit(e, r->remote_addr, now_ms))
				dz_store_link_opened(r->app->db, e->link, r->remote_addr);
			return DZ_OK;
		}
	}
	/* The counter is read before the store: a change committed meanwhile
	 * moves it past what the entry notes, so the entry is not trusted. */
	rc = dz_store_link_resolve(r->app->db, token, r->remote_addr, live);
	if (changes != 0) {
		if (rc == DZ_OK)
			e = dz_lcache_put(&links, hash, live->link, live->sid,
			    live->version, live->expires, changes, now_ms);
		else
			dz_lcache_drop(&links, hash);
	}
	if (rc != DZ_OK || !count)
		return rc;
	if (e != NULL)
		dz_lcache_visit(e, r->remote_addr, now_ms);
	if (!live->recent)
		dz_store_link_opened(r->app->db, live->link, r->remote_addr);
	return DZ_OK;
}
