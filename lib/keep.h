/*
 * keep.h: what a worker keeps between requests, behind one API: the pages
 * it drew (over lib/pagecache) and the share links it resolved (over
 * lib/linkcache), each trusted only under its rule and the host's change
 * counter (lib/changes). Screens say what a page's key is and which rule
 * holds; this module owns the rest: reading the counter before the store
 * is read, drawing a kept page with a token of its own (so no visitor's
 * chosen value ever marks page text) and sending each visitor a copy with
 * their own form token.
 *
 * A handler that keeps its page reads:
 *
 *	struct dz_keep_note	note;
 *
 *	if (dz_keep_send(r, &kept, key, &note) == DZ_OK)
 *		return DZ_OK;			(sent from what was kept)
 *	... read the store, fill the HDF ...
 *	return dz_keep_render(r, &kept, &note, key, 200, "history/list.cs");
 *
 * The note carries what dz_keep_send saw (the change counter, read before
 * the store is) to the dz_keep_render of the same request, on its stack.
 */
#ifndef DZ_KEEP_H
#define DZ_KEEP_H

#include <stdint.h>
#include "dz.h"
#include "pagecache.h"

struct dz_req;
struct dz_store_live;

enum dz_keep_rule {
	/* The key says everything the page shows (a statement and its
	 * version): a page is good until pushed out, or until the store
	 * is replaced (dz-admin restore moves the epoch, lib/changes). */
	DZ_KEEP_VERSIONED,
	/* The page shows what any change may alter: trusted while the host's
	 * change counter stands, and for at most Cache.RecheckMs (changes on
	 * other hosts). Without the change file nothing is kept. */
	DZ_KEEP_CHANGES
};

struct dz_keep {
	enum dz_keep_rule	 rule;
	struct dz_pcache	 pages;
};

/* What dz_keep_send saw, for the same request's dz_keep_render. */
struct dz_keep_note {
	int			 on;		/* the page may be kept */
	uint64_t		 stamp;
	long long		 now_ms;
};

#define DZ_KEEP_INIT(r)		{ .rule = (r) }

/*
 * Send the page kept under key, with this request's form token in it.
 * DZ_OK: sent, the handler is done. Otherwise nothing was sent: the handler
 * draws the page and ends with dz_keep_render. key NULL (or too long) means
 * this page is not to be kept (a staff member's view of a public page, an
 * error page).
 */
enum dz_err	 dz_keep_send(struct dz_req *, struct dz_keep *, const char *key,
		    struct dz_keep_note *);

/*
 * Render templates/<page> with status and send it; when dz_keep_send
 * allowed it, keep it under key (which may differ from the key looked up:
 * the version the page was drawn from, not the one resolved before). A
 * page that fails to render is the error's (the loop draws error.cs).
 */
enum dz_err	 dz_keep_render(struct dz_req *, struct dz_keep *,
		    const struct dz_keep_note *, const char *key, int status,
		    const char *page);

/*
 * The live link of a customer's token (dz_store_link_resolve), from what
 * this worker remembers when it can be trusted (see linkcache.h). With
 * count, the opening is counted, once per address per 10 seconds; every
 * call without count (a POST) asks the store. DZ_ERR_GONE for a dead link.
 */
enum dz_err	 dz_keep_link(struct dz_req *, const char *token, int count,
		    struct dz_store_live *);

#endif
