/*
 * dz-confirm: the customer's page, reached through a share link.
 *
 *   GET  /c/%t   the statement (counts an opening; changes nothing else)
 *   POST /c/%t   the answer: decision (agreed|disputed), description,
 *                经办人 (handler, phone, position: optional), csrf
 *   POST /c/%t/balance   账目核对 by their balance and marks per document
 *   POST /c/%t/upload    账目核对 by their ledger: the file (multipart)
 *   GET  /c/%t/map/%d    the columns of that file, guessed, to confirm
 *   POST /c/%t/map/%d    the columns confirmed: the run
 * A run is kept as the statement's 余额调节表 (lib/store_recon) and the
 * page shows it above the answer, which then names it; only while the
 * statement is 未确认 (409 after), only through a live link.
 *
 * The token in the path is the only credential: it is resolved by its
 * SHA-256 (lib/store), never logged (logs name the link by its id, a dead
 * one by the first 8 hex digits of that SHA-256), and a
 * token that is unknown, revoked, expired or whose statement is deleted
 * gets one 410 page that shows nothing of any statement.
 *
 * An answer is recorded exactly once (dz_store_answer: one conditional
 * UPDATE while 未确认). Whoever comes second, or posts a page that is out of
 * date, gets 409 with the page showing the answer that was recorded. A
 * recorded answer redirects (303) to the page, which then shows it. When
 * staff reopen it (取消确认), the form comes back under a note of when, with
 * the answer set aside.
 *
 * The POST's origin check is lib/app's, called here (DZ_RF_NOCSRF) after
 * the link is found (a dead link is 410 whoever asks) with DZ_POST_OPAQUE:
 * the page is served with Referrer-Policy: no-referrer, so browsers send
 * "Origin: null" with its form, which the loop's check rightly refuses
 * elsewhere. The form's token must equal the __Host-dzpre cookie
 * (SameSite=Strict, set when the page was drawn).
 * NOTE: the link token in the path is the real credential; the origin
 * check only keeps other sites' pages from answering with a link they
 * were given.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "app.h"
#include "crypt.h"
#include "form.h"
#include "keep.h"
#include "log.h"
#include "recon.h"
#include "recon_page.h"
#include "stmt.h"
#include "store.h"
#include "view.h"

static enum dz_err	show(struct dz_req *);
static enum dz_err	answer(struct dz_req *);
static enum dz_err	balance(struct dz_req *);
static enum dz_err	upload(struct dz_req *);
static enum dz_err	map_show(struct dz_req *);
static enum dz_err	map_post(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET,  "/c/%t",		show,		DZ_ROLE_PUBLIC,	0 },
	{ DZ_POST, "/c/%t",		answer,		DZ_ROLE_PUBLIC,	DZ_RF_NOCSRF },
	{ DZ_POST, "/c/%t/balance",	balance,	DZ_ROLE_PUBLIC,	DZ_RF_NOCSRF },
	{ DZ_POST, "/c/%t/upload",	upload,		DZ_ROLE_PUBLIC,	DZ_RF_NOCSRF | DZ_RF_UPLOAD },
	{ DZ_GET,  "/c/%t/map/%d",	map_show,	DZ_ROLE_PUBLIC,	0 },
	{ DZ_POST, "/c/%t/map/%d",	map_post,	DZ_ROLE_PUBLIC,	DZ_RF_NOCSRF },
};

static const char *const decisions[] = { "agreed", "disputed", NULL };

enum akey { A_DECISION, A_DESC, A_HANDLER, A_PHONE, A_POSITION, A__MAX };
static const struct dz_field afields[A__MAX] = {
	[A_DECISION] = { "decision", DZ_F_ENUM, 1, 0, 0, decisions, 0 },
	[A_DESC] = { "description", DZ_F_TEXT, 0, 0, DZ_STMT_DESC_MAX, NULL, 0 },
	[A_HANDLER] = { "handler", DZ_F_LINE, 0, 0, 64, NULL, 0 },
	[A_PHONE] = { "phone", DZ_F_LINE, 0, 0, 32, NULL, 0 },
	[A_POSITION] = { "position", DZ_F_LINE, 0, 0, 64, NULL, 0 },
};

/*
 * The one page for every dead link: nothing of the statement on it. The
 * log names the link by the first 8 hex digits of its token's SHA-256 (the
 * share_links row's token_hash), never by the token.
 */
static enum dz_err
gone(struct dz_req *r)
{
	char	hex[DZ_SHA256_HEXLEN + 1];

	dz_crypt_sha256_hex(r->tok[0], strlen(r->tok[0]), hex);
	dz_log_info("confirm: dead link (token hash %.8s...): %s from %s",
	    hex, r->method_name, r->remote_addr);
	dz_wipe(hex, sizeof(hex));
	dz_set(r->hdf, "Page.Title", dz_get(r->app->global, "Lang.confirm.gone_title"));
	dz_set_int(r->hdf, "Page.Customer", 1);
	return dz_render(r, 410, "confirm/gone.cs");
}

/*
 * The plain page of a statement is the same for every visitor but for the
 * form token, and it changes only with the statement's version (documents
 * never change; a dead link is found before). So each worker keeps the
 * last pages drawn (lib/keep), keyed by statement and version.
 */
static struct dz_keep	pages = DZ_KEEP_INIT(DZ_KEEP_VERSIONED);

static const char *
page_key(long long sid, long long version, char *key, size_t sz)
{
	snprintf(key, sz, "%lld:%lld", sid, version);
	return key;
}

/* The customer's last answer, their own words only (staff notes are theirs). */
static enum dz_err
last_answer(struct dz_req *r, long long sid)
{
	struct dz_store_answer	last;
	enum dz_err		rc;

	if ((rc = dz_store_answer_last(r->app->db, sid, &last)) != DZ_OK)
		return rc;
	if (last.decision[0] == '\0')
		return DZ_OK;
	dz_set(r->hdf, "Answer.Decision", last.decision);
	dz_set(r->hdf, "Answer.Source", last.source);
	dz_set(r->hdf, "Answer.At", last.at);
	if (strcmp(last.source, "customer") == 0)
		dz_set(r->hdf, "Answer.Description", last.description);
	return DZ_OK;
}

/*
 * A statement the company reopened (取消确认 after an answer) says so above
 * the form: when, and the answer set aside (the customer's own words only).
 * The read names the version it saw: a page drawn across a change is sent
 * but not kept (*keep 0), since its key would be s's version.
 */
static enum dz_err
reopened(struct dz_req *r, const struct dz_store_stmt *s, int *keep)
{
	struct dz_store_reopen	ro;
	enum dz_err		rc;

	/* NOTFOUND: deleted meanwhile (ro is empty); the next visitor gets 410. */
	rc = dz_store_reopened(r->app->db, s->id, &ro);
	if (rc != DZ_OK && rc != DZ_ERR_NOTFOUND)
		return rc;
	if (rc != DZ_OK || ro.version != s->version)
		*keep = 0;
	if (ro.at[0] == '\0' || ro.before.decision[0] == '\0')
		return DZ_OK;
	dz_set(r->hdf, "Reopen.At", ro.at);
	dz_set(r->hdf, "Reopen.Decision", ro.before.decision);
	dz_set(r->hdf, "Reopen.Source", ro.before.source);
	dz_set(r->hdf, "Reopen.AnsweredAt", ro.before.at);
	if (strcmp(ro.before.source, "customer") == 0)
		dz_set(r->hdf, "Reopen.Description", ro.before.description);
	return DZ_OK;
}

/*
 * The statement's page (status 200, or 400/409 over a form). count: this
 * is an opening to count. Signed-in staff see their top bar, so only a
 * visitor's plain page is kept.
 */
static enum dz_err
page(struct dz_req *r, int count, int status)
{
	struct dz_store_stmt	 s;
	struct dz_store_live	 live;
	struct dz_keep_note	 note;
	char			 key[64];
	int			 keep;
	enum dz_err		 rc;

	if ((rc = dz_keep_link(r, r->tok[0], count, &live)) == DZ_ERR_GONE)
		return gone(r);
	if (rc != DZ_OK)
		return rc;
	keep = status == 200 && r->sess.user_id == 0;
	if (dz_keep_send(r, &pages, keep ? page_key(live.sid, live.version, key,
	    sizeof(key)) : NULL, &note) == DZ_OK)
		return DZ_OK;

	/* Deleted between the two reads: as dead as any other link. */
	if ((rc = dz_store_get(r->app->db, live.sid, 0, &s)) == DZ_ERR_NOTFOUND ||
	    (rc == DZ_OK && s.status == DZ_STMT_DELETED))
		return gone(r);
	if (rc != DZ_OK)
		return rc;
	if ((rc = dz_store_to_hdf(r->app->db, r->hdf, &s, 1)) != DZ_OK)
		return rc;
	if ((rc = dz_recon_to_hdf(r->app->db, r->hdf, &s)) != DZ_OK)
		return rc;
	if (dz_stmt_customer_allowed(s.status) != 0) {
		dz_set_int(r->hdf, "Cust.CanAnswer", 1);
		if ((rc = reopened(r, &s, &keep)) != DZ_OK)
			return rc;
	} else if ((rc = last_answer(r, s.id)) != DZ_OK)
		return rc;
	dz_set(r->hdf, "Page.Title", dz_get(r->app->global, "Lang.confirm.title"));
	dz_set_int(r->hdf, "Page.Customer", 1);
	/* Kept under the version it was drawn from (s), not the one resolved
	 * a moment before: the two differ if it changed meanwhile. */
	return dz_keep_render(r, &pages, &note, keep ? page_key(s.id, s.version, key,
	    sizeof(key)) : NULL, status, "confirm/page.cs");
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

/*
 * The statement behind a customer's POST (the answer, or 账目核对's
 * figures): a dead link is 410, a foreign form 403, a statement no longer
 * 未确认 409, the page showing the answer recorded (recon: saying it takes
 * no figures). DZ_OK and *s, *who (agent is its buffer) when the POST may
 * go on; else *done and what to return.
 */
static enum dz_err
post_start(struct dz_req *r, struct dz_store_stmt *s, struct dz_actor *who,
    char *agent, size_t asz, int recon, int *done)
{
	struct dz_store_live	 live;
	enum dz_err		 rc;

	*done = 1;
	if ((rc = dz_keep_link(r, r->tok[0], 0, &live)) == DZ_ERR_GONE)
		return gone(r);
	if (rc != DZ_OK)
		return rc;
	if (!dz_app_post_ok(r, DZ_POST_OPAQUE)) {
		dz_log_warn("confirm: link %lld: refused %sPOST from %s (origin or form token)",
		    live.link, recon ? "a reconciliation " : "", r->remote_addr);
		dz_set_int(r->hdf, "Page.Customer", 1);
		return dz_error_page(r, DZ_ERR_FORBIDDEN,
		    dz_get(r->app->global, "Lang.confirm.stale_form"));
	}
	if ((rc = dz_store_get(r->app->db, live.sid, 0, s)) == DZ_ERR_NOTFOUND ||
	    (rc == DZ_OK && s->status == DZ_STMT_DELETED))
		return gone(r);
	if (rc != DZ_OK)
		return rc;
	if (dz_stmt_customer_allowed(s->status) == 0) {
		/* Answered already (another tab, a replay): show that answer. */
		if (recon)
			dz_set(r->hdf, "Recon.Error", dz_get(r->app->global, "Lang.recon.closed"));
		else
			dz_set_int(r->hdf, "Cust.Conflict", 1);
		return page(r, 0, 409);
	}
	clean_agent(r->user_agent, agent, asz);
	memset(who, 0, sizeof(*who));
	who->link_id = live.link;
	who->ip = r->remote_addr;
	who->user_agent = agent;
	*done = 0;
	return DZ_OK;
}

/* After a POST: the page (tail "", "#recon") or the map page, drawn afresh. */
static enum dz_err
to_page(struct dz_req *r, const char *tail)
{
	char		where[220];
	enum dz_err	rc;

	/* The path is checked token characters only (route %t). */
	snprintf(where, sizeof(where), "/c/%s%s", r->tok[0], tail);
	rc = dz_redirect(r, where);
	dz_wipe(where, sizeof(where));
	return rc;
}

/* What the customer typed into the answer form, if fit to show again. */
static void
keep_typed(struct dz_req *r)
{
	static const char *const names[] = { "description", "handler", "phone", "position" };
	char		 key[32];
	const char	*d;
	size_t		 i;

	for (i = 0; i < DZ_NELEM(names); i++) {
		d = dz_form_get(&r->body, names[i]);
		if (d == NULL || !dz_utf8_valid(d, strlen(d)))
			continue;
		snprintf(key, sizeof(key), "Form.%s", names[i]);
		dz_set(r->hdf, key, d);
	}
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
	char			 agent[256];
	int			 done;
	enum dz_err		 rc;

	memset(v, 0, sizeof(v));
	rc = post_start(r, &s, &who, agent, sizeof(agent), 0, &done);
	if (done)
		return rc;

	if (dz_req_form(r, afields, A__MAX, v, &fe) != DZ_OK) {
		dz_set(r->hdf, "Cust.Error", fe.why == DZ_FERR_TOOLONG ?
		    dz_get(r->app->global, "Lang.confirm.too_long") :
		    strcmp(fe.field, "decision") == 0 ?
		    dz_get(r->app->global, "Lang.confirm.choose") :
		    dz_form_strerror(fe.why));
		/* Keep what was typed if it is fit to show again. */
		keep_typed(r);
		rc = page(r, 0, 400);
		goto out;
	}
	act = v[A_DECISION].i == 0 ? DZ_ACT_ANSWER_AGREE : DZ_ACT_ANSWER_DISPUTE;
	if (dz_stmt_desc_check(act, v[A_DESC].s, &why) != DZ_OK) {
		dz_set(r->hdf, "Cust.Error", why);
		keep_typed(r);
		dz_set(r->hdf, "Form.decision", decisions[v[A_DECISION].i]);
		rc = page(r, 0, 400);
		goto out;
	}

	who.handler_name = v[A_HANDLER].s;
	who.handler_phone = v[A_PHONE].s;
	who.handler_position = v[A_POSITION].s;
	rc = dz_store_answer(r->app->db, s.id, act, v[A_DESC].s, &who);
	if (rc == DZ_ERR_CONFLICT) {
		dz_log_info("confirm: link %lld: statement %lld answered already",
		    who.link_id, s.id);
		dz_set_int(r->hdf, "Cust.Conflict", 1);
		rc = page(r, 0, 409);
		goto out;
	}
	if (rc != DZ_OK)
		goto out;
	dz_log_info("confirm: link %lld: statement %lld answered %s", who.link_id, s.id,
	    decisions[v[A_DECISION].i]);
	rc = to_page(r, "");
out:
	dz_form_values_free(v, A__MAX);
	return rc;
}

/* ---- 账目核对 ---------------------------------------------------------- */

/* A run refused: the page again, the sentence above the 账目核对 forms. */
static enum dz_err
recon_refused(struct dz_req *r, enum dz_err rc, const char *why)
{
	if (rc == DZ_ERR_CONFLICT) {
		dz_set(r->hdf, "Recon.Error", dz_get(r->app->global, "Lang.recon.closed"));
		return page(r, 0, 409);
	}
	if (rc == DZ_ERR_GONE)
		return gone(r);
	if (rc != DZ_ERR_INVAL && rc != DZ_ERR_TOOBIG)
		return rc;
	dz_set(r->hdf, "Recon.Error", why != NULL ? why :
	    dz_get(r->app->global, "Lang.recon.bad_amount"));
	return page(r, 0, rc == DZ_ERR_TOOBIG ? 413 : 400);
}

static enum dz_err
balance(struct dz_req *r)
{
	struct dz_store_stmt	 s;
	struct dz_actor		 who;
	struct dz_recon_marks	*mk;
	const char		*why = NULL;
	char			 agent[256];
	long long		 rid;
	int			 done;
	enum dz_err		 rc;

	/* A refused run leaves the page at "?balance" or "?upload", so its
	 * answer form ("#answer") posts here: it is the answer. */
	if (dz_form_get(&r->body, "decision") != NULL)
		return answer(r);
	rc = post_start(r, &s, &who, agent, sizeof(agent), 1, &done);
	if (done)
		return rc;
	if ((mk = calloc(1, sizeof(*mk))) == NULL)
		return DZ_ERR_NOMEM;
	if ((rc = dz_recon_marks_from_form(&r->body, mk, &why)) == DZ_OK &&
	    (rc = dz_recon_run_marks(r->app->db, &s, mk->mark, mk->n,
	    mk->has_closing ? &mk->closing : NULL, &who, &rid)) == DZ_ERR_TOOBIG)
		why = dz_get(r->app->global, "Lang.recon.too_many_runs");
	free(mk);
	if (rc == DZ_OK) {
		dz_log_info("confirm: link %lld: statement %lld: reconciled by balance, run %lld",
		    who.link_id, s.id, rid);
		return to_page(r, "#recon");
	}
	return recon_refused(r, rc, why);
}

static enum dz_err
upload(struct dz_req *r)
{
	struct dz_store_stmt	 s;
	struct dz_actor		 who;
	const char		*why = NULL;
	char			 agent[256], tail[48];
	long long		 id;
	int			 done;
	enum dz_err		 rc;

	if (r->upload == NULL && dz_form_get(&r->body, "decision") != NULL)
		return answer(r);	/* as in balance() */
	rc = post_start(r, &s, &who, agent, sizeof(agent), 1, &done);
	if (done)
		return rc;
	if ((rc = dz_recon_take(r, &s, &who, &id, &why)) != DZ_OK)
		return recon_refused(r, rc, why);
	snprintf(tail, sizeof(tail), "/map/%lld", id);
	return to_page(r, tail);
}

/* The map page of upload r->id[0] (status 200, or 400 over a form). */
static enum dz_err
map_page(struct dz_req *r, const struct dz_store_stmt *s,
    const struct dz_ledger_map *given, int status)
{
	enum dz_err	rc;

	if ((rc = dz_recon_map_page(r, s, r->id[0], given)) != DZ_OK)
		return rc;
	if ((rc = dz_store_to_hdf(r->app->db, r->hdf, s, 0)) != DZ_OK)
		return rc;
	/* No action: the form posts to the page's own path, which the page
	 * never repeats (it holds the token). */
	dz_set(r->hdf, "Page.Title", dz_get(r->app->global, "Lang.recon.map_title"));
	dz_set_int(r->hdf, "Page.Customer", 1);
	return dz_render(r, status, "recon/map.cs");
}

static enum dz_err
map_show(struct dz_req *r)
{
	struct dz_store_live	 live;
	struct dz_store_stmt	 s;
	enum dz_err		 rc;

	if ((rc = dz_keep_link(r, r->tok[0], 0, &live)) == DZ_ERR_GONE)
		return gone(r);
	if (rc != DZ_OK)
		return rc;
	if ((rc = dz_store_get(r->app->db, live.sid, 0, &s)) == DZ_ERR_NOTFOUND ||
	    (rc == DZ_OK && s.status == DZ_STMT_DELETED))
		return gone(r);
	if (rc != DZ_OK)
		return rc;
	/* Answered meanwhile: the page says so. */
	if (dz_stmt_customer_allowed(s.status) == 0)
		return to_page(r, "#answer");
	return map_page(r, &s, NULL, 200);
}

static enum dz_err
map_post(struct dz_req *r)
{
	struct dz_store_stmt	 s;
	struct dz_actor		 who;
	struct dz_ledger_map	 m;
	const char		*why = NULL;
	char			 agent[256];
	long long		 rid;
	int			 done, have = 0;
	enum dz_err		 rc;

	rc = post_start(r, &s, &who, agent, sizeof(agent), 1, &done);
	if (done)
		return rc;
	rc = dz_recon_map_post(r, &s, r->id[0], &who, &rid, &why, &m, &have);
	if (rc == DZ_OK) {
		dz_log_info("confirm: link %lld: statement %lld: reconciled by ledger, run %lld",
		    who.link_id, s.id, rid);
		return to_page(r, "#recon");
	}
	if (rc == DZ_ERR_INVAL || rc == DZ_ERR_TOOBIG) {
		dz_set(r->hdf, "Map.Error", why);
		/* the choices as made, where they can be read back */
		return map_page(r, &s, have ? &m : NULL, rc == DZ_ERR_TOOBIG ? 413 : 400);
	}
	return recon_refused(r, rc, why);
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-confirm", routes, DZ_NELEM(routes),
	    0, NULL);
}
