/*
 * dz-confirm: the customer's page, reached through a share link.
 *
 *   GET  /c/%t   the statement (counts an opening; changes nothing else)
 *   POST /c/%t   the answer: decision (agreed|disputed), description, csrf
 *
 * The token in the path is the only credential: it is resolved by its
 * SHA-256 (lib/store), never logged (logs name the link by its id), and a
 * token that is unknown, revoked, expired or whose statement is deleted
 * gets one 410 page that shows nothing of any statement.
 *
 * An answer is recorded exactly once (dz_store_answer: one conditional
 * UPDATE while 未确认). Whoever comes second, or posts a page that is out of
 * date, gets 409 with the page showing the answer that was recorded. A
 * recorded answer redirects (303) to the page, which then shows it.
 *
 * The POST's origin check is done here (DZ_RF_NOCSRF): the page is served
 * with Referrer-Policy: no-referrer, so browsers send "Origin: null" with
 * its form (Fetch standard, "append a request Origin header"), which the
 * central check rightly refuses elsewhere. See post_ok().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ClearSilver.h"

#include "dz.h"
#include "app.h"
#include "changes.h"
#include "conf.h"
#include "crypt.h"
#include "db.h"
#include "form.h"
#include "linkcache.h"
#include "log.h"
#include "pagecache.h"
#include "stmt.h"
#include "store.h"
#include "view.h"

static enum dz_err	show(struct dz_req *);
static enum dz_err	answer(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET,  "/c/%t",	show,	DZ_ROLE_PUBLIC,	0 },
	{ DZ_POST, "/c/%t",	answer,	DZ_ROLE_PUBLIC,	DZ_RF_NOCSRF },
};

static const char *const decisions[] = { "agreed", "disputed", NULL };

enum akey { A_DECISION, A_DESC, A__MAX };
static const struct dz_field afields[A__MAX] = {
	[A_DECISION] = { "decision", DZ_F_ENUM, 1, 0, 0, decisions, 0 },
	[A_DESC] = { "description", DZ_F_TEXT, 0, 0, DZ_STMT_DESC_MAX, NULL, 0 },
};

/* A request header through cgiwrap (FastCGI params); "" when absent. */
static void
header(const char *name, char *buf, size_t sz)
{
	char	*v = NULL;
	NEOERR	*err;

	buf[0] = '\0';
	if ((err = cgiwrap_getenv(name, &v)) != STATUS_OK) {
		nerr_ignore(&err);
		return;
	}
	if (v != NULL)
		snprintf(buf, sz, "%s", v);
	free(v);
}

/*
 * Does this POST come from our own page? The customer's page is served
 * with Referrer-Policy: no-referrer, so a browser sends its form with
 * "Origin: null" and no Referer. Accepted: Sec-Fetch-Site same-origin (or
 * absent, for older WebViews); Origin absent, "null" or exactly ours; and
 * the form's csrf equal to the __Host-dzpre cookie (SameSite=Strict, set
 * when the page was drawn). Refused: any cross-site or same-site fetch, a
 * foreign Origin, a missing or different token.
 * NOTE: the link token in the path is the real credential; this check only
 * keeps other sites' pages from answering with a link they were given.
 */
static int
post_ok(struct dz_req *r)
{
	char		 site[32], origin[300], self[300];
	const char	*got, *pre;
	int		 n;

	header("HTTP_SEC_FETCH_SITE", site, sizeof(site));
	header("HTTP_ORIGIN", origin, sizeof(origin));
	if (site[0] != '\0' && strcmp(site, "same-origin") != 0)
		return 0;
	if (origin[0] != '\0' && strcmp(origin, "null") != 0) {
		n = snprintf(self, sizeof(self), "%s://%s", r->scheme, r->host);
		if (n < 0 || (size_t)n >= sizeof(self) || r->host[0] == '\0' ||
		    strcasecmp(origin, self) != 0)
			return 0;
	}
	got = dz_form_get(&r->body, "csrf");
	pre = dz_form_get(&r->cookies, DZ_PRELOGIN_COOKIE);
	return got != NULL && pre != NULL && strlen(got) == DZ_TOKEN_LEN &&
	    strlen(pre) == DZ_TOKEN_LEN && dz_crypt_equal(got, pre, DZ_TOKEN_LEN);
}

/* The one page for every dead link: nothing of the statement on it. */
static enum dz_err
gone(struct dz_req *r)
{
	dz_set(r->hdf, "Page.Title", dz_get(r->app->global, "Lang.confirm.gone_title"));
	dz_set_int(r->hdf, "Page.Customer", 1);
	return dz_render(r, 410, "confirm/gone.cs");
}

/*
 * The plain page of a statement is the same for every visitor but for the
 * form token, and it changes only with the statement's version (documents
 * never change; a dead link is found before). So each worker keeps the
 * last pages drawn (lib/pagecache), keyed by statement and version.
 */
static struct dz_pcache	pages;

static void
page_key(long long sid, long long version, char *key, size_t sz)
{
	snprintf(key, sz, "%lld:%lld", sid, version);
}

/*
 * The live link of the token in the path. A GET (count) may be answered
 * from what this worker remembers (lib/linkcache: trusted while no change
 * was committed on this host and for at most Cache.RecheckMs); anything
 * else, and every POST, asks the store. An opening is counted once per
 * address per 10 seconds.
 */
static enum dz_err
live_link(struct dz_req *r, int count, struct dz_store_live *live)
{
	static struct dz_lcache	 links;
	struct dz_lcache_ent	*e = NULL;
	unsigned char		 hash[DZ_SHA256_LEN];
	long long		 now_ms = 0, now_unix = 0;
	uint64_t		 changes = 0;
	enum dz_err		 rc;

	if (count && r->app->conf->recheck_ms > 0 &&
	    dz_crypt_token_valid(r->tok[0]) && (changes = dz_changes_now()) != 0) {
		now_ms = dz_clock_ms();
		now_unix = (long long)time(NULL);
		dz_crypt_sha256(r->tok[0], DZ_TOKEN_LEN, hash);
		e = dz_lcache_find(&links, hash, changes, now_ms, now_unix,
		    r->app->conf->recheck_ms);
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
	rc = dz_store_link_resolve(r->app->db, r->tok[0], r->remote_addr, live);
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

static enum dz_err
page(struct dz_req *r, int count, int status)
{
	struct dz_store_stmt	 s;
	struct dz_store_answer	 last;
	struct dz_store_live	 live;
	const char		*tok = NULL;
	char			*html, key[64];
	char			 mine[DZ_TOKEN_LEN + 1], theirs[DZ_TOKEN_LEN + 1];
	size_t			 len;
	long long		 sid, version;
	enum dz_err		 rc;
	int			 cacheable;

	rc = live_link(r, count, &live);
	if (rc == DZ_ERR_GONE)
		return gone(r);
	if (rc != DZ_OK)
		return rc;
	sid = live.sid;
	version = live.version;
	/* Signed-in staff see their top bar: their pages are not shared. */
	cacheable = status == 200 && r->sess.user_id == 0 &&
	    (tok = dz_app_csrf(r)) != NULL;
	page_key(sid, version, key, sizeof(key));
	if (cacheable && dz_send_kept(r, 200, dz_pcache_find(&pages, key, 1, 0, 0),
	    tok) == DZ_OK)
		return DZ_OK;

	/* Deleted between the two reads: as dead as any other link. */
	if ((rc = dz_store_get(r->app->db, sid, 0, &s)) == DZ_ERR_NOTFOUND ||
	    (rc == DZ_OK && s.status == DZ_STMT_DELETED))
		return gone(r);
	if (rc != DZ_OK)
		return rc;
	if ((rc = dz_store_to_hdf(r->app->db, r->hdf, &s, 1)) != DZ_OK)
		return rc;
	if (dz_stmt_customer_allowed(s.status) != 0)
		dz_set_int(r->hdf, "Cust.CanAnswer", 1);
	else {
		if ((rc = dz_store_answer_last(r->app->db, sid, &last)) != DZ_OK)
			return rc;
		if (last.decision[0] != '\0') {
			dz_set(r->hdf, "Answer.Decision", last.decision);
			dz_set(r->hdf, "Answer.Source", last.source);
			dz_set(r->hdf, "Answer.At", last.at);
			/* Staff notes are theirs; the customer sees their own words. */
			if (strcmp(last.source, "customer") == 0)
				dz_set(r->hdf, "Answer.Description", last.description);
		}
	}
	dz_set(r->hdf, "Page.Title", dz_get(r->app->global, "Lang.confirm.title"));
	dz_set_int(r->hdf, "Page.Customer", 1);
	if (!cacheable || dz_crypt_token(mine) != DZ_OK)
		return dz_render(r, status, "confirm/page.cs");
	/*
	 * Drawn with a token of our own in the form, not the visitor's: the
	 * visitor chooses their cookie, and a value that also stands in the
	 * page (43 characters of the fingerprint) would mark wrong places.
	 */
	memcpy(theirs, tok, sizeof(theirs));
	memcpy(r->csrf, mine, sizeof(r->csrf));
	rc = dz_render_capture(r, status, "confirm/page.cs", &html, &len);
	memcpy(r->csrf, theirs, sizeof(r->csrf));
	if (rc != DZ_OK)
		return rc;
	/* Keyed by the version the page was drawn from (s), not the one
	 * resolved a moment before: the two differ if it changed meanwhile. */
	page_key(s.id, s.version, key, sizeof(key));
	dz_pcache_put(&pages, key, 1, 0, html, len, mine);
	if (dz_send_kept(r, status, dz_pcache_find(&pages, key, 1, 0, 0),
	    theirs) == DZ_OK)
		return DZ_OK;
	/* Not kept (an odd page): drawn for this visitor alone. */
	return dz_render(r, status, "confirm/page.cs");
}

static enum dz_err
show(struct dz_req *r)
{
	/* A HEAD (link checkers) is not somebody opening the page. */
	return page(r, strcmp(r->method_name, "HEAD") != 0, 200);
}

/*
 * The User-Agent as stored with the answer: printable ASCII only, at most
 * 255 bytes (the column), so an odd header can never fail the INSERT.
 */
static void
clean_agent(const char *ua, char *buf, size_t sz)
{
	size_t	i, n = 0;

	for (i = 0; ua != NULL && ua[i] != '\0' && n + 1 < sz; i++)
		buf[n++] = (ua[i] >= 0x20 && ua[i] < 0x7f) ? ua[i] : '?';
	buf[n] = '\0';
}

static enum dz_err
answer(struct dz_req *r)
{
	struct dz_value		 v[A__MAX];
	struct dz_form_error	 fe;
	struct dz_store_stmt	 s;
	struct dz_actor		 who;
	enum dz_stmt_action	 act;
	const char		*why = NULL;
	char			 agent[256], where[64];
	struct dz_store_live	 live;
	long long		 link, sid;
	enum dz_err		 rc;

	memset(v, 0, sizeof(v));
	rc = live_link(r, 0, &live);
	if (rc == DZ_ERR_GONE)
		return gone(r);
	if (rc != DZ_OK)
		return rc;
	link = live.link;
	sid = live.sid;
	if (!post_ok(r)) {
		dz_log_warn("confirm: link %lld: refused POST from %s (origin or form token)",
		    link, r->remote_addr);
		dz_set_int(r->hdf, "Page.Customer", 1);
		return dz_error_page(r, DZ_ERR_FORBIDDEN,
		    dz_get(r->app->global, "Lang.confirm.stale_form"));
	}
	if ((rc = dz_store_get(r->app->db, sid, 0, &s)) == DZ_ERR_NOTFOUND ||
	    (rc == DZ_OK && s.status == DZ_STMT_DELETED))
		return gone(r);
	if (rc != DZ_OK)
		return rc;
	if (dz_stmt_customer_allowed(s.status) == 0) {
		/* Answered already (another tab, a replay): show that answer. */
		dz_set_int(r->hdf, "Cust.Conflict", 1);
		return page(r, 0, 409);
	}

	if (dz_req_form(r, afields, A__MAX, v, &fe) != DZ_OK) {
		dz_set(r->hdf, "Cust.Error", fe.why == DZ_FERR_TOOLONG ?
		    dz_get(r->app->global, "Lang.confirm.too_long") :
		    strcmp(fe.field, "decision") == 0 ?
		    dz_get(r->app->global, "Lang.confirm.choose") :
		    dz_form_strerror(fe.why));
		/* Keep what was typed if it is fit to show again. */
		{
			const char *d = dz_form_get(&r->body, "description");

			if (d != NULL && dz_utf8_valid(d, strlen(d)))
				dz_set(r->hdf, "Form.description", d);
		}
		rc = page(r, 0, 400);
		goto out;
	}
	act = v[A_DECISION].i == 0 ? DZ_ACT_ANSWER_AGREE : DZ_ACT_ANSWER_DISPUTE;
	if (dz_stmt_desc_check(act, v[A_DESC].s, &why) != DZ_OK) {
		dz_set(r->hdf, "Cust.Error", why);
		dz_set(r->hdf, "Form.description", v[A_DESC].s != NULL ? v[A_DESC].s : "");
		dz_set(r->hdf, "Form.decision", decisions[v[A_DECISION].i]);
		rc = page(r, 0, 400);
		goto out;
	}

	clean_agent(r->user_agent, agent, sizeof(agent));
	memset(&who, 0, sizeof(who));
	who.link_id = link;
	who.ip = r->remote_addr;
	who.user_agent = agent;
	rc = dz_store_answer(r->app->db, sid, act, v[A_DESC].s, &who);
	if (rc == DZ_ERR_CONFLICT) {
		dz_log_info("confirm: link %lld: statement %lld answered already",
		    link, sid);
		dz_set_int(r->hdf, "Cust.Conflict", 1);
		rc = page(r, 0, 409);
		goto out;
	}
	if (rc != DZ_OK)
		goto out;
	dz_log_info("confirm: link %lld: statement %lld answered %s", link, sid,
	    decisions[v[A_DECISION].i]);
	/* The path is checked token characters only (route %t). */
	snprintf(where, sizeof(where), "/c/%s", r->tok[0]);
	rc = dz_redirect(r, where);
	dz_wipe(where, sizeof(where));
out:
	dz_form_values_free(v, A__MAX);
	return rc;
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-confirm", routes, DZ_NELEM(routes),
	    0, NULL);
}
