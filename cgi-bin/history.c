/*
 * dz-history: 对账单历史. Staff follow every statement and act on it.
 *
 *   GET  /statements                   history cards: filters customer, status,
 *                                      period from/to, created from/to; page
 *   GET  /statements/sends             每天发送的记录: shares per day
 *   GET  /statements/%d                the statement: documents, goods, totals,
 *                                      fingerprint, answers, history
 *   GET  /statements/%d/feedback       反馈内容: every answer
 *   GET  /statements/%d/<action>       the form (or "are you sure") of an action
 *   POST /statements/%d/<action>       do it: receive, agree, dispute, cancel, delete;
 *                                      back to the statement (the list after
 *                                      删除), which says what was done
 *   POST /statements/%d/uncancel       undo a 取消确认, while nothing has
 *                                      happened since (else 409)
 *   GET  /statements/%d/share          分享: the live link, QR code, copy
 *   POST /statements/%d/share          make a new link (older ones revoked)
 *   POST /statements/%d/revoke         revoke the links
 *   GET  /statements/%d/qr.svg|qr.png  the QR code of the live link
 *   GET  /statements/%d/pdf            the statement as a PDF to print and sign
 *                                      (lib/pdf), drawn in a child process (lib/pdf_child)
 *   GET  /statements/%d/xlsx           下载 Excel: the statement as a workbook
 *   POST /statements/%d/upload         账目核对: the customer's ledger, uploaded on
 *                                      their behalf (multipart), then
 *   GET  /statements/%d/map/%d         its columns to confirm, and
 *   POST /statements/%d/map/%d         the run (the statement's 余额调节表)
 *   POST /statements/%d/recon          resolve a line of the current run (人工干预)
 *   GET  /statements/%d/uploads/%d     the customer's file as it came, as an
 *                                      attachment (never shown inline)
 *   (POST /statements/%d/drift, 检查ERP变动, is dz-month's: this program
 *   never reads the ERP, so it does not carry the gateway)
 *   GET  /statements/export.xlsx       导出 Excel / 导出 CSV: every statement the
 *   GET  /statements/export.csv        list's filters match (its query string),
 *                                      not one page, newest first
 *   GET  /notices, POST /notices/read, /notices/resend   通知 (cgi-bin/notices.c)
 *
 * Every action is checked twice: stmt decides what the card shows, and the
 * store's conditional UPDATE (on the version the page showed) decides what
 * happens; a stale page gets 409 and the current state. 收款 on a statement
 * that leaves nothing owed (lib/stmt dz_stmt_nothing_owed) is asked once
 * more: without the form's "anyway" box it records nothing and draws the
 * form again with the question (400, like any field the form still needs).
 *
 * The exports are drawn from the same store rows as the pages (lib/xlsx,
 * lib/csv): only the user's account set, a statement of another one is
 * 404 as on its page. The history's export reads the store a batch at a
 * time (dz_store_export_next, which reads the next batch while this one
 * is written) and writes each batch out before taking the next, so its
 * memory does not grow with the number of statements: the
 * workbook into its temporary file, sent once whole; the CSV straight
 * into the response, after the first batch has been read (a failed store
 * before that is the usual 503 page; after it the file can only end
 * early, and the log says so).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dz.h"
#include "app.h"
#include "clock.h"
#include "conf.h"
#include "csv.h"
#include "form.h"
#include "keep.h"
#include "lang.h"
#include "log.h"
#include "money.h"
#include "pdf.h"
#include "qr.h"
#include "recon.h"
#include "recon_page.h"
#include "stmt.h"
#include "store.h"
#include "store_account.h"
#include "store_drift.h"
#include "utf8.h"
#include "view.h"
#include "xlsx.h"

#define PER_PAGE	20
/* The list counts its matches up to this (then "more than"): past it the
 * count costs what the page does not. */
#define COUNT_MAX	1000

static enum dz_err	list(struct dz_req *);
static enum dz_err	sends(struct dz_req *);
static enum dz_err	show(struct dz_req *);
static enum dz_err	feedback(struct dz_req *);
static enum dz_err	act_form(struct dz_req *);
static enum dz_err	act_do(struct dz_req *);
static enum dz_err	uncancel(struct dz_req *);
static enum dz_err	share_page(struct dz_req *);
static enum dz_err	share_new(struct dz_req *);
static enum dz_err	share_revoke(struct dz_req *);
static enum dz_err	qr_svg(struct dz_req *);
static enum dz_err	qr_png(struct dz_req *);
static enum dz_err	pdf(struct dz_req *);
static enum dz_err	stmt_xlsx(struct dz_req *);
static enum dz_err	export_xlsx(struct dz_req *);
static enum dz_err	export_csv(struct dz_req *);
static enum dz_err	recon_upload(struct dz_req *);
static enum dz_err	recon_to_hdf(struct dz_req *, const struct dz_store_stmt *);
static enum dz_err	recon_map_show(struct dz_req *);
static enum dz_err	recon_map_post(struct dz_req *);
static enum dz_err	recon_resolve(struct dz_req *);
static enum dz_err	recon_file(struct dz_req *);

/* 通知: cgi-bin/notices.c */
enum dz_err		dz_history_notices(struct dz_req *);
enum dz_err		dz_history_notices_read(struct dz_req *);
enum dz_err		dz_history_notices_resend(struct dz_req *);

static const struct dz_route routes[] = {
	{ DZ_GET,  "/statements",		list,		DZ_ROLE_VIEWER, 0 },
	{ DZ_GET,  "/statements/sends",		sends,		DZ_ROLE_VIEWER, 0 },
	{ DZ_GET,  "/statements/export.xlsx",	export_xlsx,	DZ_ROLE_VIEWER, 0 },
	{ DZ_GET,  "/statements/export.csv",	export_csv,	DZ_ROLE_VIEWER, 0 },
	{ DZ_GET,  "/statements/%d",		show,		DZ_ROLE_VIEWER, 0 },
	{ DZ_GET,  "/statements/%d/feedback",	feedback,	DZ_ROLE_VIEWER, 0 },
	{ DZ_GET,  "/statements/%d/pdf",	pdf,		DZ_ROLE_VIEWER, 0 },
	{ DZ_GET,  "/statements/%d/receive",	act_form,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/%d/receive",	act_do,		DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/statements/%d/agree",	act_form,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/%d/agree",	act_do,		DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/statements/%d/dispute",	act_form,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/%d/dispute",	act_do,		DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/statements/%d/cancel",	act_form,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/%d/cancel",	act_do,		DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/%d/uncancel",	uncancel,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/statements/%d/delete",	act_form,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/%d/delete",	act_do,		DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/statements/%d/share",	share_page,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/%d/share",	share_new,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/%d/revoke",	share_revoke,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/statements/%d/qr.svg",	qr_svg,		DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/statements/%d/qr.png",	qr_png,		DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/statements/%d/xlsx",	stmt_xlsx,	DZ_ROLE_VIEWER, 0 },
	{ DZ_POST, "/statements/%d/upload",	recon_upload,	DZ_ROLE_CLERK, DZ_RF_UPLOAD },
	{ DZ_GET,  "/statements/%d/map/%d",	recon_map_show,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/%d/map/%d",	recon_map_post,	DZ_ROLE_CLERK, 0 },
	{ DZ_POST, "/statements/%d/recon",	recon_resolve,	DZ_ROLE_CLERK, 0 },
	{ DZ_GET,  "/statements/%d/uploads/%d",	recon_file,	DZ_ROLE_VIEWER, 0 },
	/* 通知: cgi-bin/notices.c */
	{ DZ_GET,  "/notices",			dz_history_notices, DZ_ROLE_VIEWER, 0 },
	{ DZ_POST, "/notices/read",		dz_history_notices_read, DZ_ROLE_VIEWER, 0 },
	{ DZ_POST, "/notices/resend",		dz_history_notices_resend, DZ_ROLE_VIEWER, 0 },
};

enum lkey { L_CUST, L_STATUS, L_FROM, L_TO, L_CFROM, L_CTO, L_PAGE, L_OLDER, L_NEWER,
	L__MAX };
static const struct dz_field lfields[L__MAX] = {
	[L_CUST] = { "customer", DZ_F_LINE, 0, 0, 64, NULL, 0 },
	[L_STATUS] = { "status", DZ_F_ENUM, 0, 0, 0, dz_stmt_status_codes, 0 },
	[L_FROM] = { "from", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[L_TO] = { "to", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[L_CFROM] = { "created_from", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[L_CTO] = { "created_to", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	/* the page's number, shown; which page it is, the cursor (if any) says */
	[L_PAGE] = { "page", DZ_F_INT, 0, 1, 100000000, NULL, 0 },
	/* the page below (older than) or above (newer than) this statement */
	[L_OLDER] = { "older", DZ_F_INT, 0, 1, 1000000000000000LL, NULL, 0 },
	[L_NEWER] = { "newer", DZ_F_INT, 0, 1, 1000000000000000LL, NULL, 0 },
};

enum akey { A_VERSION, A_AMOUNT, A_DATE, A_NOTE, A_DESC, A_ANYWAY, A__MAX };
static const struct dz_field afields[A__MAX] = {
	[A_VERSION] = { "version", DZ_F_INT, 1, 1, 2000000000, NULL, 0 },
	[A_AMOUNT] = { "amount", DZ_F_MONEY, 0, 1, DZ_MONEY_MAX, NULL, 0 },
	[A_DATE] = { "date", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[A_NOTE] = { "note", DZ_F_LINE, 0, 0, 200, NULL, 0 },
	[A_DESC] = { "description", DZ_F_TEXT, 0, 0, DZ_STMT_DESC_MAX, NULL, 0 },
	/* 收款 with nothing owed: "record it anyway" */
	[A_ANYWAY] = { "anyway", DZ_F_BOOL, 0, 0, 1, NULL, 0 },
};

/* The undo of 取消确认 names only the version its button was drawn on. */
enum ukey { U_VERSION, U__MAX };
static const struct dz_field ufields[U__MAX] = {
	[U_VERSION] = { "version", DZ_F_INT, 1, 1, 2000000000, NULL, 0 },
};

enum skey { S_FROM, S_TO, S__MAX };
static const struct dz_field sfields[S__MAX] = {
	[S_FROM] = { "from", DZ_F_DATE, 0, 0, 0, NULL, 0 },
	[S_TO] = { "to", DZ_F_DATE, 0, 0, 0, NULL, 0 },
};

static struct dz_actor
actor(const struct dz_req *r)
{
	struct dz_actor	a;

	memset(&a, 0, sizeof(a));
	a.user_id = r->sess.user_id;
	a.username = r->sess.username;
	a.ip = r->remote_addr;
	a.user_agent = r->user_agent;
	return a;
}

static void
tab(struct dz_req *r, const char *title)
{
	dz_set(r->hdf, "Page.Title", title);
	dz_set(r->hdf, "Page.Tab", "history");
}

/*
 * The buttons of a statement for this user, in the vendor's order: what
 * lib/stmt allows in this state; a user who may only read gets only what
 * reads, and only where reads is set (a card: 反馈内容; the statement page
 * shows the answers itself); primary is drawn as the page's main action.
 * They depend on nothing else, so a worker writes each set once, beside
 * Lang, as Vocab.acts.<key>.<code> = label (with .Class " danger" or
 * " primary"), and a page gets only the key, as name (nothing if none).
 * One partial, history/actions.cs, draws them on every page.
 */
static void
acts_to_hdf(const struct dz_req *r, struct _hdf *hdf, const char *name,
    enum dz_stmt_status status, int64_t received, int reads, enum dz_stmt_action primary)
{
	static unsigned int	 known[32];
	static size_t		 nknown;
	unsigned int		 can, shown = 0, flags, key;
	const char		*code;
	char			 k[16], base[64];
	size_t			 i;
	int			 a, staff = r->sess.role >= DZ_ROLE_CLERK;

	can = dz_stmt_allowed(status, received);
	for (a = 0; a < DZ_ACT__MAX; a++)
		if ((can & DZ_ACT_BIT(a)) && (staff ||
		    (reads && (dz_stmt_action_flags((enum dz_stmt_action)a) & DZ_ACTF_READ))))
			shown |= DZ_ACT_BIT(a);
	if (shown == 0)
		return;
	key = shown | (unsigned int)primary << DZ_ACT__MAX;
	snprintf(k, sizeof(k), "%u", key);
	for (i = 0; i < nknown && known[i] != key; i++)
		continue;
	if (i == nknown) {
		for (a = 0; a < DZ_ACT__MAX; a++) {
			if (!(shown & DZ_ACT_BIT(a)))
				continue;
			flags = dz_stmt_action_flags((enum dz_stmt_action)a);
			code = dz_stmt_action_code((enum dz_stmt_action)a);
			snprintf(base, sizeof(base), "Vocab.acts.%u.%s", key, code);
			dz_set(r->app->global, base, dz_stmt_action_label((enum dz_stmt_action)a));
			snprintf(base, sizeof(base), "Vocab.acts.%u.%s.Class", key, code);
			if (flags & DZ_ACTF_DANGER)
				dz_set(r->app->global, base, " danger");
			else if (a == (int)primary)
				dz_set(r->app->global, base, " primary");
		}
		if (nknown < DZ_NELEM(known))
			known[nknown++] = key;
	}
	dz_set(hdf, name, k);
}

/*
 * Load the statement of the path, only from the user's account set; a
 * deleted one is DZ_ERR_GONE (410) for every page and action.
 */
static enum dz_err
load(struct dz_req *r, struct dz_store_stmt *s)
{
	enum dz_err	rc;

	if (r->sess.account_set_id == 0)
		return DZ_ERR_NOTFOUND;
	rc = dz_store_get(r->app->db, r->id[0], r->sess.account_set_id, s);
	if (rc == DZ_ERR_NOTFOUND)
		/* none, or another account set's: the page says the same */
		dz_log_warn("authz: statement %lld is not in account set %lld "
		    "of user %lld (%s %s from %s)", r->id[0], r->sess.account_set_id,
		    r->sess.user_id, r->method == DZ_POST ? "POST" : "GET", r->path,
		    r->remote_addr);
	if (rc == DZ_OK && s->status == DZ_STMT_DELETED)
		return DZ_ERR_GONE;
	return rc;
}

/* ---------------------------------------------------------------------
 * The history cards.
 */

/*
 * The cards are the same for everyone who asks the same thing: each worker
 * keeps the pages it drew (lib/keep) under a key of everything the page
 * shows besides the statements (user, role, account set, company, the
 * query), trusted while the host's change counter stands (every change to
 * a statement or a link moves it) and for at most Cache.RecheckMs.
 */
static struct dz_keep	lists = DZ_KEEP_INIT(DZ_KEEP_CHANGES);

static const char *
list_key(const struct dz_req *r, char *key, size_t sz)
{
	int	n;

	/* (the top bar's count of unread notices is part of the page: a
	 * notice made or read moves the change counter, lib/db.c) */
	n = snprintf(key, sz, "%lld|%d|%lld|%s|%s|%s", r->sess.user_id,
	    (int)r->sess.role, r->sess.account_set_id, r->sess.username,
	    r->sess.company, r->query_string != NULL ? r->query_string : "");
	return n > 0 && (size_t)n < sz ? key : NULL;
}

static const struct dz_viewmap card_view[] = {
	DZ_VIEW("Id", struct dz_store_card, id, DZ_V_INT),
	DZ_VIEW("CustomerCode", struct dz_store_card, customer_code, DZ_V_STR),
	DZ_VIEW("CustomerName", struct dz_store_card, customer_name, DZ_V_STR),
	DZ_VIEW("From", struct dz_store_card, from, DZ_V_STR),
	DZ_VIEW("To", struct dz_store_card, to, DZ_V_STR),
	DZ_VIEW("Received", struct dz_store_card, received, DZ_V_MONEY),
	DZ_VIEW("Count", struct dz_store_card, doc_count, DZ_V_INT),
	DZ_VIEW("Closing", struct dz_store_card, closing, DZ_V_MONEY),
	DZ_VIEW("CreatedAt", struct dz_store_card, created_at, DZ_V_STR),
	DZ_VIEW("Version", struct dz_store_card, version, DZ_V_INT),
	DZ_VIEW("Recon", struct dz_store_card, recon, DZ_V_STR),
	DZ_VIEW("ChainDiff", struct dz_store_card, chain_diff, DZ_V_BOOL),
};

static void
card_to_hdf(struct dz_req *r, struct _hdf *row, const struct dz_store_card *c)
{
	dz_set_struct(row, c, card_view, DZ_NELEM(card_view));
	dz_set(row, "Status", dz_stmt_status_code(c->status));
	dz_set(row, "StatusName", dz_stmt_status_name(c->status));
	acts_to_hdf(r, row, "Acts", c->status, c->received, 1, DZ_ACT__MAX);
}

static const char *
given(const struct dz_value *v)
{
	return v->present ? v->s : NULL;
}

/*
 * The list's filters from the query (the page's and the exports'): -1
 * after the 400 page naming the field (*rc its result; v freed), else 0
 * with f filled from v (free v with dz_form_values_free).
 */
static int
list_filter(struct dz_req *r, struct dz_value *v, struct dz_store_filter *f,
    enum dz_err *rc)
{
	struct dz_form_error	fe;

	if ((*rc = dz_req_form(r, lfields, L__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, L__MAX);
		*rc = dz_bad_field(r, &fe);
		return -1;
	}
	memset(f, 0, sizeof(*f));
	f->account_set_id = r->sess.account_set_id;
	f->customer = given(&v[L_CUST]);
	f->has_status = v[L_STATUS].present &&
	    dz_stmt_status_from_code(dz_stmt_status_codes[v[L_STATUS].i],
	    &f->status) == DZ_OK;
	f->from = given(&v[L_FROM]);
	f->to = given(&v[L_TO]);
	f->created_from = given(&v[L_CFROM]);
	f->created_to = given(&v[L_CTO]);
	return 0;
}

/* ERP已变动 on the cards of the statements whose last check found drift. */
static enum dz_err
drift_marks(struct dz_req *r, const struct dz_store_cards *cards)
{
	long long	 lo = cards->card[0].id, hi = lo, *ids = NULL;
	size_t		 i, k, n = 0;
	enum dz_err	 rc;

	for (i = 1; i < cards->n; i++) {
		if (cards->card[i].id < lo)
			lo = cards->card[i].id;
		if (cards->card[i].id > hi)
			hi = cards->card[i].id;
	}
	if ((rc = dz_drift_marks(r->app->db, r->sess.account_set_id, lo, hi, &ids,
	    &n)) != DZ_OK)
		return rc;
	for (i = 0; i < cards->n; i++)
		for (k = 0; k < n; k++)
			if (ids[k] == cards->card[i].id) {
				dz_set_idx_int(r->hdf, "Stmts", i, "Drift", 1);
				break;
			}
	free(ids);
	return DZ_OK;
}

static enum dz_err
list(struct dz_req *r)
{
	char			 key[DZ_PCACHE_KEY];
	struct dz_keep_note	 note;
	struct dz_value		 v[L__MAX];
	struct dz_store_filter	 f;
	struct dz_store_cards	 cards;
	long long		 page;
	size_t			 i;
	enum dz_err		 rc;

	/* Drawn a moment ago for the same user and query, nothing changed since. */
	if (dz_keep_send(r, &lists, list_key(r, key, sizeof(key)), &note) == DZ_OK)
		return DZ_OK;
	tab(r, LANG_history_title);
	if (list_filter(r, v, &f, &rc) == -1)
		return rc;
	page = v[L_PAGE].present ? v[L_PAGE].i : 1;
	f.limit = PER_PAGE;
	f.count_max = COUNT_MAX;
	/* A cursor (the paging links): the page next to that statement, in
	 * one index range whatever the depth. A page number alone (typed,
	 * kept) is an offset, as before. */
	f.older = v[L_OLDER].present ? v[L_OLDER].i : 0;
	f.newer = f.older == 0 && v[L_NEWER].present ? v[L_NEWER].i : 0;
	f.offset = (page - 1) * PER_PAGE;
	if ((rc = dz_store_list(r->app->db, &f, &cards)) != DZ_OK)
		goto out;
	for (i = 0; i < cards.n; i++)
		card_to_hdf(r, dz_row(r->hdf, "Stmts", i), &cards.card[i]);
	if (cards.n > 0 && (rc = drift_marks(r, &cards)) != DZ_OK) {
		dz_store_cards_free(&cards);
		goto out;
	}
	/* The filters as typed, for the form and the paging links. */
	if (f.customer != NULL)
		dz_set(r->hdf, "Filter.customer", f.customer);
	if (f.has_status)
		dz_set(r->hdf, "Filter.status", dz_stmt_status_code(f.status));
	if (f.from != NULL)
		dz_set(r->hdf, "Filter.from", f.from);
	if (f.to != NULL)
		dz_set(r->hdf, "Filter.to", f.to);
	if (f.created_from != NULL)
		dz_set(r->hdf, "Filter.created_from", f.created_from);
	if (f.created_to != NULL)
		dz_set(r->hdf, "Filter.created_to", f.created_to);
	dz_set_int(r->hdf, "Paging.Page", page);
	dz_set_int(r->hdf, "Paging.Total", cards.total);
	dz_set_int(r->hdf, "Paging.More", cards.more);
	dz_set_int(r->hdf, "Paging.Pages", (cards.total + PER_PAGE - 1) / PER_PAGE);
	/* 上一页: page 1 is the top itself; a page above it, by its first card. */
	if (page > 1) {
		dz_set_int(r->hdf, "Paging.Prev", page - 1);
		if (page > 2 && cards.n > 0)
			dz_set_int(r->hdf, "Paging.Newer", cards.card[0].id);
	}
	/* 下一页, by its last card: read coming back up, there is one below */
	if (cards.n > 0 && (f.newer > 0 || cards.beyond)) {
		dz_set_int(r->hdf, "Paging.Next", page + 1);
		dz_set_int(r->hdf, "Paging.Older", cards.card[cards.n - 1].id);
	}
	if (r->sess.account_set_id == 0)
		dz_set_int(r->hdf, "Page.NoAccount", 1);
	/* Back from 删除: say what was done (only our own flag is echoed). */
	if (dz_form_get(&r->query, "deleted") != NULL)
		dz_set_int(r->hdf, "Form.Deleted", 1);
	dz_store_cards_free(&cards);
	rc = dz_keep_render(r, &lists, &note, key, 200, "history/list.cs");
out:
	dz_form_values_free(v, L__MAX);
	return rc;
}

/* ---------------------------------------------------------------------
 * 每天发送的记录.
 */

static const struct dz_viewmap send_view[] = {
	DZ_VIEW("Time", struct dz_store_send, time, DZ_V_STR),
	DZ_VIEW("By", struct dz_store_send, by, DZ_V_STR),
	DZ_VIEW("Id", struct dz_store_send, sid, DZ_V_INT),
	DZ_VIEW("CustomerCode", struct dz_store_send, customer_code, DZ_V_STR),
	DZ_VIEW("CustomerName", struct dz_store_send, customer_name, DZ_V_STR),
	DZ_VIEW("From", struct dz_store_send, from, DZ_V_STR),
	DZ_VIEW("To", struct dz_store_send, to, DZ_V_STR),
	DZ_VIEW("Closing", struct dz_store_send, closing, DZ_V_MONEY),
	DZ_VIEW("Opens", struct dz_store_send, opens, DZ_V_INT),
	DZ_VIEW("FirstOpened", struct dz_store_send, first_opened, DZ_V_STR),
	DZ_VIEW("Revoked", struct dz_store_send, revoked, DZ_V_BOOL),
	DZ_VIEW("Expired", struct dz_store_send, expired, DZ_V_BOOL),
	DZ_VIEW("Answered", struct dz_store_send, answered, DZ_V_BOOL),
};

static enum dz_err
sends(struct dz_req *r)
{
	struct dz_value		 v[S__MAX];
	struct dz_form_error	 fe;
	struct dz_store_sends	 list;
	char			 from[11], to[11], prev[11] = "", today[11];
	size_t			 i, day = 0, n = 0;
	enum dz_err		 rc;

	tab(r, LANG_history_sends);
	if ((rc = dz_req_form(r, sfields, S__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, S__MAX);
		return dz_bad_field(r, &fe);
	}
	/* Default: the last 7 days up to today (the business's date). */
	snprintf(from, sizeof(from), "%s", v[S_FROM].present ? v[S_FROM].s : "");
	snprintf(to, sizeof(to), "%s", v[S_TO].present ? v[S_TO].s : "");
	dz_form_values_free(v, S__MAX);
	if (to[0] == '\0' || from[0] == '\0') {
		dz_today(today);
		if (to[0] == '\0')
			memcpy(to, today, sizeof(to));
		if (from[0] == '\0')
			dz_date_add_days(today, -6, from);
	}
	if (strcmp(from, to) > 0) {
		dz_set(r->hdf, "Form.Err.to", LANG_form_to_before_from);
		dz_set(r->hdf, "Filter.from", from);
		dz_set(r->hdf, "Filter.to", to);
		return dz_render(r, 400, "history/sends.cs");
	}
	dz_set(r->hdf, "Filter.from", from);
	dz_set(r->hdf, "Filter.to", to);
	if (r->sess.account_set_id == 0)
		return dz_render(r, 200, "history/sends.cs");
	if ((rc = dz_store_sends(r->app->db, r->sess.account_set_id, from, to,
	    &list)) != DZ_OK)
		return rc;
	for (i = 0; i < list.n; i++) {
		const struct dz_store_send	*e = &list.send[i];
		struct _hdf			*row;
		char				 base[32];

		if (strcmp(prev, e->date) != 0) {
			if (i > 0)
				day++;
			n = 0;
			snprintf(prev, sizeof(prev), "%s", e->date);
			dz_set_idx(r->hdf, "Days", day, "Date", prev);
		}
		snprintf(base, sizeof(base), "Days.%zu.Sends", day);
		row = dz_row(r->hdf, base, n++);
		dz_set_struct(row, e, send_view, DZ_NELEM(send_view));
		dz_set(row, "Status", dz_stmt_status_code(e->status));
		dz_set(row, "StatusName", dz_stmt_status_name(e->status));
	}
	dz_set_int(r->hdf, "Sends.Count", (long long)list.n);
	dz_store_sends_free(&list);
	return dz_render(r, 200, "history/sends.cs");
}

/* ---------------------------------------------------------------------
 * One statement.
 */

static const struct dz_viewmap answer_view[] = {
	DZ_VIEW("Decision", struct dz_store_answer, decision, DZ_V_STR),
	DZ_VIEW("Description", struct dz_store_answer, description, DZ_V_STR),
	DZ_VIEW("Source", struct dz_store_answer, source, DZ_V_STR),
	DZ_VIEW("User", struct dz_store_answer, user, DZ_V_STR),
	DZ_VIEW("At", struct dz_store_answer, at, DZ_V_STR),
	DZ_VIEW("Ip", struct dz_store_answer, ip, DZ_V_STR),
	DZ_VIEW("Agent", struct dz_store_answer, agent, DZ_V_STR),
	DZ_VIEW("Handler", struct dz_store_answer, handler, DZ_V_STR),
	DZ_VIEW("Phone", struct dz_store_answer, phone, DZ_V_STR),
	DZ_VIEW("Position", struct dz_store_answer, position, DZ_V_STR),
	DZ_VIEW("Recon", struct dz_store_answer, recon, DZ_V_INT),
};

static enum dz_err
answers_to_hdf(struct dz_req *r, long long id)
{
	struct dz_store_answers	 list;
	size_t			 i;
	enum dz_err		 rc;

	if ((rc = dz_store_answers(r->app->db, id, &list)) != DZ_OK)
		return rc;
	for (i = 0; i < list.n; i++)
		dz_set_struct(dz_row(r->hdf, "Answers", i), &list.answer[i], answer_view,
		    DZ_NELEM(answer_view));
	dz_store_answers_free(&list);
	return DZ_OK;
}

static const struct dz_viewmap event_view[] = {
	DZ_VIEW("At", struct dz_store_event, at, DZ_V_STR),
	DZ_VIEW("User", struct dz_store_event, user, DZ_V_STR),
	DZ_VIEW("Action", struct dz_store_event, action, DZ_V_STR),
	DZ_VIEW("Detail", struct dz_store_event, detail, DZ_V_PSTR),
	DZ_VIEW("Ip", struct dz_store_event, ip, DZ_V_STR),
};

static enum dz_err
events_to_hdf(struct dz_req *r, long long id)
{
	struct dz_store_events	 list;
	struct _hdf		*row;
	enum dz_stmt_action	 a;
	size_t			 i;
	enum dz_err		 rc;

	if ((rc = dz_store_events(r->app->db, id, &list)) != DZ_OK)
		return rc;
	for (i = 0; i < list.n; i++) {
		row = dz_row(r->hdf, "Events", i);
		dz_set_struct(row, &list.event[i], event_view, DZ_NELEM(event_view));
		if (dz_stmt_action_from_code(list.event[i].action, &a) == DZ_OK)
			dz_set(row, "Label", dz_stmt_action_label(a));
	}
	dz_store_events_free(&list);
	return DZ_OK;
}

/*
 * 账目核对 on the staff's pages: the current run with its lines, and for
 * those who may act the resolution forms and the upload.
 */
static enum dz_err
recon_to_hdf(struct dz_req *r, const struct dz_store_stmt *s)
{
	char		path[96];
	enum dz_err	rc;

	dz_set_int(r->hdf, "Page.Staff", 1);
	if ((rc = dz_recon_to_hdf(r->app->db, r->hdf, s)) != DZ_OK)
		return rc;
	if (r->sess.role >= DZ_ROLE_CLERK) {
		snprintf(path, sizeof(path), "/statements/%lld/recon", s->id);
		dz_set(r->hdf, "Recon.ResolveAction", path);
		snprintf(path, sizeof(path), "/statements/%lld/upload", s->id);
		dz_set(r->hdf, "Recon.UploadAction", path);
	}
	if (s->recon_id != 0 && dz_get(r->hdf, "Recon.Upload") != NULL &&
	    strcmp(dz_get(r->hdf, "Recon.Upload"), "0") != 0) {
		snprintf(path, sizeof(path), "/statements/%lld/uploads/%s", s->id,
		    dz_get(r->hdf, "Recon.Upload"));
		dz_set(r->hdf, "Recon.FileLink", path);
	}
	return DZ_OK;
}

/* The statement page, with a status (200, or 409 after a stale action). */
static enum dz_err
render_statement(struct dz_req *r, const struct dz_store_stmt *s, int status)
{
	enum dz_err	rc;

	tab(r, LANG_history_stmt_title);
	if ((rc = dz_store_to_hdf(r->app->db, r->hdf, s, 1)) != DZ_OK ||
	    (rc = answers_to_hdf(r, s->id)) != DZ_OK ||
	    (rc = events_to_hdf(r, s->id)) != DZ_OK ||
	    (rc = recon_to_hdf(r, s)) != DZ_OK ||
	    (rc = dz_drift_to_hdf(r->app->db, r->hdf, s->id)) != DZ_OK)
		return rc;
	if (r->sess.role >= DZ_ROLE_CLERK) {
		char	path[64];

		snprintf(path, sizeof(path), "/statements/%lld/drift", s->id);
		dz_set(r->hdf, "Drift.CheckAction", path);
	}
	/* Sending it to the customer is what the page is for. */
	acts_to_hdf(r, r->hdf, "Stmt.Acts", s->status, s->received, 0, DZ_ACT_SHARE);
	return dz_render(r, status, "history/show.cs");
}

static enum dz_err
show(struct dz_req *r)
{
	struct dz_store_stmt	s;
	enum dz_err		rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	/* Which action just succeeded: only our own codes are echoed. */
	{
		const char		*done = dz_form_get(&r->query, "done");
		enum dz_stmt_action	 a;

		if (done != NULL && strcmp(done, "create") == 0)
			dz_set(r->hdf, "Form.Done", "create");
		else if (done != NULL && strcmp(done, "uncancel") == 0)
			dz_set(r->hdf, "Form.Done", "uncancel");
		else if (done != NULL && strcmp(done, "drift") == 0)
			dz_set(r->hdf, "Form.Done", "drift");
		else if (done != NULL && dz_stmt_action_from_code(done, &a) == DZ_OK)
			dz_set(r->hdf, "Form.Done", dz_stmt_action_code(a));
		/* After 取消确认, its undo: for those who may act, while it may. */
		if (done != NULL && strcmp(done, "cancel") == 0 &&
		    r->sess.role >= DZ_ROLE_CLERK && s.undo_status != DZ_STMT_PENDING)
			dz_set_int(r->hdf, "Form.Undo", 1);
	}
	return render_statement(r, &s, 200);
}

static enum dz_err
feedback(struct dz_req *r)
{
	struct dz_store_stmt	s;
	enum dz_err		rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	tab(r, LANG_history_answers);
	if ((rc = dz_store_to_hdf(r->app->db, r->hdf, &s, 0)) != DZ_OK ||
	    (rc = answers_to_hdf(r, s.id)) != DZ_OK ||
	    (rc = recon_to_hdf(r, &s)) != DZ_OK)
		return rc;
	return dz_render(r, 200, "history/feedback.cs");
}

/* ---------------------------------------------------------------------
 * Actions.
 */

/* The action of the path's last segment, if it has a page of its own. */
static int
path_action(const struct dz_req *r, enum dz_stmt_action *act)
{
	const char	*seg;

	if ((seg = strrchr(r->path, '/')) == NULL ||
	    dz_stmt_action_from_code(seg + 1, act) != DZ_OK ||
	    !(dz_stmt_action_flags(*act) & DZ_ACTF_FORM))
		return -1;
	return 0;
}

static enum dz_err
render_action(struct dz_req *r, const struct dz_store_stmt *s, enum dz_stmt_action act,
    int status)
{
	enum dz_err	rc;

	unsigned int	flags = dz_stmt_action_flags(act);

	tab(r, dz_stmt_action_label(act));
	dz_set(r->hdf, "Action.Code", dz_stmt_action_code(act));
	dz_set(r->hdf, "Action.Label", dz_stmt_action_label(act));
	/* What its form asks for (history/action.cs). */
	if (flags & DZ_ACTF_AMOUNT)
		dz_set_int(r->hdf, "Action.Amount", 1);
	if (flags & DZ_ACTF_DESC)
		dz_set_int(r->hdf, "Action.Desc", flags & DZ_ACTF_DESC_NEEDED ? 2 : 1);
	if (flags & DZ_ACTF_SURE)
		dz_set_int(r->hdf, "Action.Sure", 1);
	if (flags & DZ_ACTF_DANGER)
		dz_set_int(r->hdf, "Action.Danger", 1);
	/* 收款 with nothing owed asks once more (act_do checks it again). */
	if (act == DZ_ACT_RECEIVE && dz_stmt_nothing_owed(&s->totals))
		dz_set_int(r->hdf, "Action.NothingOwed", 1);
	if ((rc = dz_store_to_hdf(r->app->db, r->hdf, s, 0)) != DZ_OK)
		return rc;
	return dz_render(r, status, "history/action.cs");
}

static enum dz_err
act_form(struct dz_req *r)
{
	struct dz_store_stmt	s;
	enum dz_stmt_action	act;
	enum dz_err		rc;

	if (path_action(r, &act) != 0)
		return DZ_ERR_NOTFOUND;
	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if (!(dz_stmt_allowed(s.status, s.received) & DZ_ACT_BIT(act))) {
		dz_set(r->hdf, "Form.Conflict", LANG_history_not_now);
		return render_statement(r, &s, 409);
	}
	return render_action(r, &s, act, 200);
}

static enum dz_err
act_do(struct dz_req *r)
{
	struct dz_value		 v[A__MAX];
	struct dz_form_error	 fe;
	struct dz_store_stmt	 s;
	struct dz_actor		 who = actor(r);
	enum dz_stmt_action	 act;
	const char		*why = NULL, *desc;
	char			 loc[64];
	unsigned int		 flags;
	enum dz_err		 rc;

	if (path_action(r, &act) != 0)
		return DZ_ERR_NOTFOUND;
	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if ((rc = dz_req_form(r, afields, A__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, A__MAX);
		return dz_bad_field(r, &fe);
	}
	desc = v[A_DESC].present ? v[A_DESC].s : "";
	flags = dz_stmt_action_flags(act);
	if ((flags & DZ_ACTF_AMOUNT) && !v[A_AMOUNT].present)
		why = LANG_history_need_amount;
	else if (act == DZ_ACT_RECEIVE && dz_stmt_nothing_owed(&s.totals) &&
	    !v[A_ANYWAY].i)
		why = LANG_history_owed_nothing_ask;
	else if ((flags & DZ_ACTF_DESC) && dz_stmt_desc_check(act, desc, &why) == DZ_OK)
		why = NULL;
	if (why != NULL) {
		/* Drawn again with what was typed; nothing is recorded. */
		dz_set(r->hdf, "Form.Error", why);
		if (v[A_DESC].present)
			dz_set(r->hdf, "Form.description", v[A_DESC].s);
		if (v[A_NOTE].present)
			dz_set(r->hdf, "Form.note", v[A_NOTE].s);
		if (v[A_AMOUNT].present)
			dz_set(r->hdf, "Form.amount", v[A_AMOUNT].s);
		if (v[A_DATE].present)
			dz_set(r->hdf, "Form.date", v[A_DATE].s);
		rc = render_action(r, &s, act, 400);
		goto out;
	}
	/* The store checks against the version this form was drawn from. */
	s.version = v[A_VERSION].i;
	rc = dz_store_act(r->app->db, &s, act, v[A_AMOUNT].present ? v[A_AMOUNT].fen : 0,
	    v[A_DATE].present ? v[A_DATE].s : NULL,
	    (flags & DZ_ACTF_AMOUNT) ? (v[A_NOTE].present ? v[A_NOTE].s : "") : desc, &who);
	if (rc == DZ_ERR_CONFLICT) {
		if ((rc = load(r, &s)) != DZ_OK)
			goto out;
		dz_set(r->hdf, "Form.Conflict", LANG_history_changed);
		rc = render_statement(r, &s, 409);
		goto out;
	}
	if (rc != DZ_OK)
		goto out;
	if (act == DZ_ACT_DELETE)
		rc = dz_redirect(r, "/statements?deleted=1");
	else {
		snprintf(loc, sizeof(loc), "/statements/%lld?done=%s", s.id,
		    dz_stmt_action_code(act));
		rc = dz_redirect(r, loc);
	}
out:
	dz_form_values_free(v, A__MAX);
	return rc;
}

/*
 * 撤销 (undo) of a 取消确认: the button the statement page shows after it.
 * The store puts the status and answer back only on the version the form
 * was drawn from, and only if that is the version the cancel left: after
 * anything else (or a first undo) it is 409 with the current state, and
 * nothing changes.
 */
static enum dz_err
uncancel(struct dz_req *r)
{
	struct dz_value		 v[U__MAX];
	struct dz_form_error	 fe;
	struct dz_store_stmt	 s;
	struct dz_actor		 who = actor(r);
	char			 loc[64];
	enum dz_err		 rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if ((rc = dz_req_form(r, ufields, U__MAX, v, &fe)) != DZ_OK) {
		dz_form_values_free(v, U__MAX);
		return dz_bad_field(r, &fe);
	}
	s.version = v[U_VERSION].i;
	dz_form_values_free(v, U__MAX);
	rc = dz_store_uncancel(r->app->db, &s, &who);
	if (rc == DZ_ERR_CONFLICT) {
		if ((rc = load(r, &s)) != DZ_OK)
			return rc;
		dz_set(r->hdf, "Form.Conflict", LANG_history_undo_late);
		return render_statement(r, &s, 409);
	}
	if (rc != DZ_OK)
		return rc;
	snprintf(loc, sizeof(loc), "/statements/%lld?done=uncancel", s.id);
	return dz_redirect(r, loc);
}

/* ---------------------------------------------------------------------
 * Sharing.
 */


static enum dz_err
share_page(struct dz_req *r)
{
	struct dz_store_stmt	s;
	struct dz_store_link	l;
	char			url[512];
	enum dz_err		rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if (r->app->conf->public_base[0] == '\0')
		return dz_app_no_public_base(r);
	tab(r, LANG_history_share_title);
	dz_set(r->hdf, "Page.Script", "share.js");
	if ((rc = dz_store_to_hdf(r->app->db, r->hdf, &s, 0)) != DZ_OK)
		return rc;
	if (r->app->keys == NULL)
		return DZ_ERR_CRYPT;
	rc = dz_store_link_live(r->app->db, r->app->keys, s.id, &l);
	if (rc == DZ_OK) {
		if (dz_app_share_url(r->app, l.token, url, sizeof(url)) != 0) {
			dz_wipe(&l, sizeof(l));
			return dz_app_no_public_base(r);
		}
		dz_set(r->hdf, "Link.Url", url);
		dz_set(r->hdf, "Link.Created", l.created_at);
		dz_set(r->hdf, "Link.Expires", l.expires_at);
		dz_set_int(r->hdf, "Link.Opens", l.open_count);
		dz_set(r->hdf, "Link.FirstOpened", l.first_opened);
		dz_wipe(&l, sizeof(l));
		dz_wipe(url, sizeof(url));
	} else if (rc != DZ_ERR_NOTFOUND)
		return rc;
	dz_set_int(r->hdf, "Share.Days", r->app->conf->share_expiry_days);
	/* Back from 生成 or 撤销: say what was done (only our own flags). */
	if (dz_form_get(&r->query, "revoked") != NULL)
		dz_set_int(r->hdf, "Form.Revoked", 1);
	else if (dz_form_get(&r->query, "made") != NULL && rc == DZ_OK)
		dz_set_int(r->hdf, "Form.Made", 1);
	return dz_render(r, 200, "history/share.cs");
}

static enum dz_err
share_new(struct dz_req *r)
{
	struct dz_store_stmt	s;
	struct dz_store_link	l;
	struct dz_actor		who = actor(r);
	char			loc[64];
	enum dz_err		rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if (!(dz_stmt_allowed(s.status, s.received) & DZ_ACT_BIT(DZ_ACT_SHARE)))
		return DZ_ERR_CONFLICT;
	/* A link no one can be shown is not made (nor the old one ended). */
	if (r->app->conf->public_base[0] == '\0')
		return dz_app_no_public_base(r);
	if (r->app->keys == NULL)
		return DZ_ERR_CRYPT;
	rc = dz_store_link_new(r->app->db, r->app->keys, &s,
	    r->app->conf->share_expiry_days, &who, &l);
	dz_wipe(&l, sizeof(l));
	if (rc != DZ_OK)
		return rc;
	snprintf(loc, sizeof(loc), "/statements/%lld/share?made=1", s.id);
	return dz_redirect(r, loc);
}

static enum dz_err
share_revoke(struct dz_req *r)
{
	struct dz_store_stmt	s;
	struct dz_actor		who = actor(r);
	char			loc[64];
	enum dz_err		rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if ((rc = dz_store_link_revoke(r->app->db, &s, &who)) != DZ_OK)
		return rc;
	snprintf(loc, sizeof(loc), "/statements/%lld/share?revoked=1", s.id);
	return dz_redirect(r, loc);
}

/* The live link's URL, for the QR code. */
static enum dz_err
live_url(struct dz_req *r, char *url, size_t sz)
{
	struct dz_store_stmt	s;
	struct dz_store_link	l;
	enum dz_err		rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if (r->app->keys == NULL)
		return DZ_ERR_CRYPT;
	if ((rc = dz_store_link_live(r->app->db, r->app->keys, s.id, &l)) != DZ_OK)
		return rc;
	if (dz_app_share_url(r->app, l.token, url, sz) != 0)
		rc = DZ_ERR_IO;
	dz_wipe(&l, sizeof(l));
	return rc;
}

static enum dz_err
qr_svg(struct dz_req *r)
{
	char		 url[512], *svg = NULL;
	size_t		 len;
	enum dz_err	 rc;

	if (r->app->conf->public_base[0] == '\0')
		return dz_app_no_public_base(r);
	if ((rc = live_url(r, url, sizeof(url))) != DZ_OK)
		return rc;
	rc = dz_qr_svg(url, &svg, &len);
	dz_wipe(url, sizeof(url));
	if (rc != DZ_OK)
		return rc;
	rc = dz_send_blob(r, "image/svg+xml", NULL, svg, len);
	free(svg);
	return rc;
}

static enum dz_err
qr_png(struct dz_req *r)
{
	unsigned char	*png = NULL;
	char		 url[512], name[64];
	size_t		 len;
	enum dz_err	 rc;

	if (r->app->conf->public_base[0] == '\0')
		return dz_app_no_public_base(r);
	if ((rc = live_url(r, url, sizeof(url))) != DZ_OK)
		return rc;
	/* 430 px: a comfortable size in a WeChat chat. */
	rc = dz_qr_png(url, 430, &png, &len);
	dz_wipe(url, sizeof(url));
	if (rc != DZ_OK)
		return rc;
	snprintf(name, sizeof(name), "duizhang-%lld.png", r->id[0]);
	rc = dz_send_blob(r, "image/png",
	    dz_form_get(&r->query, "download") != NULL ? name : NULL, png, len);
	free(png);
	return rc;
}

/* ---------------------------------------------------------------------
 * The PDF.
 */

/*
 * The file's name: 对账单-<customer>-<from>-<to>.pdf, the customer's name
 * cut to 60 bytes (whole characters) and kept to characters a file name
 * can hold everywhere.
 */
static void
pdf_name(const struct dz_store_stmt *s, char *buf, size_t sz)
{
	char	cust[64];
	size_t	n, i;

	n = dz_utf8_fit(s->customer_name, strlen(s->customer_name), sizeof(cust) - 4);
	memcpy(cust, s->customer_name, n);
	cust[n] = '\0';
	for (i = 0; i < n; i++)
		if ((unsigned char)cust[i] < 0x20 || cust[i] == 0x7f ||
		    strchr("/\\:*?\"<>|", cust[i]) != NULL)
			cust[i] = '_';
	snprintf(buf, sz, "%s-%s-%s-%s.pdf", LANG_pdf_file, cust, s->from, s->to);
}

/*
 * GET /statements/%d/pdf: the statement as the page shows it (the stored
 * snapshot, the last answer), for a viewer too; the QR code of the live
 * link only for those who may see the link (clerks: the share page is
 * theirs), as a viewer's PDF would hand them the customer's answer.
 */
static enum dz_err
pdf(struct dz_req *r)
{
	struct dz_store_stmt	 s;
	struct dz_store_snap	 sn;
	struct dz_store_answer	 a;
	struct dz_store_link	 l;
	struct dz_pdf_in	 in;
	unsigned char		*doc = NULL;
	char			 url[512], name[256], what[40];
	size_t			 len = 0;
	int			 live = 0;
	enum dz_err		 rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if ((rc = dz_store_snapshot(r->app->db, s.id, &sn)) != DZ_OK)
		return rc;
	if ((rc = dz_store_answer_last(r->app->db, s.id, &a)) != DZ_OK)
		goto out;
	if (r->sess.role >= DZ_ROLE_CLERK && r->app->keys != NULL &&
	    r->app->conf->public_base[0] != '\0') {
		rc = dz_store_link_live(r->app->db, r->app->keys, s.id, &l);
		if (rc == DZ_OK)
			live = dz_app_share_url(r->app, l.token, url, sizeof(url)) == 0;
		dz_wipe(&l, sizeof(l));
		if (rc != DZ_OK && rc != DZ_ERR_NOTFOUND)
			goto out;
	}
	memset(&in, 0, sizeof(in));
	in.stmt = &s;
	in.snap = &sn;
	in.answer = &a;
	in.url = live ? url : NULL;
	in.company = s.company;
	snprintf(what, sizeof(what), "statement %lld", s.id);
	rc = dz_pdf_apart(&in, NULL, what, &doc, &len);
	dz_wipe(url, sizeof(url));
	if (rc != DZ_OK)
		goto out;
	pdf_name(&s, name, sizeof(name));
	rc = dz_send_blob(r, "application/pdf", name, doc, len);
out:
	free(doc);
	dz_store_snapshot_free(&sn);
	return rc;
}

/* ---------------------------------------------------------------------
 * Exports.
 */

#define XLSX_TYPE	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define CSV_TYPE	"text/csv; charset=utf-8"

/* Send a finished workbook under its two names, and close it. */
static enum dz_err
send_xlsx(struct dz_req *r, int fd, size_t size, const char *ascii, const char *utf8)
{
	enum dz_err	rc;

	if ((rc = dz_attachment(r, ascii, utf8)) == DZ_OK)
		rc = dz_send_fd(r, XLSX_TYPE, fd, size);
	close(fd);
	return rc;
}

/* 下载 Excel: the statement as its page shows it (lib/xlsx). */
static enum dz_err
stmt_xlsx(struct dz_req *r)
{
	struct dz_store_stmt	s;
	struct dz_store_snap	snap;
	struct dz_store_answer	ans;
	char			ascii[64], utf8[128];
	size_t			size;
	int			fd;
	enum dz_err		rc;

	tab(r, LANG_history_stmt_title);
	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if ((rc = dz_store_snapshot(r->app->db, s.id, &snap)) != DZ_OK)
		return rc;
	if ((rc = dz_store_answer_last(r->app->db, s.id, &ans)) == DZ_OK)
		rc = dz_xlsx_statement(NULL, &s, &snap, &ans, &fd, &size);
	dz_store_snapshot_free(&snap);
	if (rc != DZ_OK)
		return rc;
	snprintf(ascii, sizeof(ascii), "duizhang-statement-%lld.xlsx", s.id);
	snprintf(utf8, sizeof(utf8), "%s-%lld.xlsx", LANG_export_file_stmt, s.id);
	return send_xlsx(r, fd, size, ascii, utf8);
}

/* Seconds on the monotonic clock, for the exports' log lines. */
static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 导出 Excel: every statement the list's filters match, a batch at a time. */
static enum dz_err
export_xlsx(struct dz_req *r)
{
	struct dz_value			 v[L__MAX];
	struct dz_store_filter		 f;
	struct dz_store_export_iter	*it = NULL;
	const struct dz_store_export_row *rows;
	struct dz_xlsx_list		*h = NULL;
	char				 utf8[64];
	long long			 total = 0;
	size_t				 n = 0, i, size;
	double				 t0, t1, in_store = 0;
	int				 fd;
	enum dz_err			 rc;

	tab(r, LANG_history_title);
	if (list_filter(r, v, &f, &rc) == -1)
		return rc;
	if ((rc = dz_xlsx_list_open(NULL, &h)) != DZ_OK ||
	    (rc = dz_store_export_open(r->app->db, &f, &it)) != DZ_OK)
		goto out;
	t0 = now_s();
	do {
		/* (the next batch is read meanwhile: only the wait counts here) */
		t1 = now_s();
		rc = dz_store_export_next(it, &rows, &n);
		in_store += now_s() - t1;
		for (i = 0; rc == DZ_OK && i < n; i++)
			rc = dz_xlsx_list_row(h, &rows[i]);
		total += (long long)n;
	} while (rc == DZ_OK && n > 0);
	dz_store_export_close(it);
	it = NULL;
	if (rc != DZ_OK)
		goto out;
	t1 = now_s();
	rc = dz_xlsx_list_close(h, &fd, &size);
	h = NULL;
	if (rc != DZ_OK)
		goto out;
	dz_log_info("export: %s exported %lld statements as xlsx in %.2f s "
	    "(waiting for the store %.2f s, rows %.2f s, zip %.2f s)", r->sess.username, total,
	    now_s() - t0, in_store, t1 - t0 - in_store, now_s() - t1);
	snprintf(utf8, sizeof(utf8), "%s.xlsx", LANG_export_file_list);
	rc = send_xlsx(r, fd, size, "duizhang-statements.xlsx", utf8);
out:
	dz_store_export_close(it);
	dz_xlsx_list_free(h);
	dz_form_values_free(v, L__MAX);
	return rc;
}

/* One statement as a CSV row, in the workbook's columns. */
static int
csv_row(struct dz_csv *c, const struct dz_store_export_row *e)
{
	char	num[DZ_MONEY_BUFSZ];
	int	bad = 0;

	snprintf(num, sizeof(num), "%lld", e->id);
	bad |= dz_csv_number(c, num);
	bad |= dz_csv_cell(c, e->customer_code);
	bad |= dz_csv_cell(c, e->customer_name);
	bad |= dz_csv_cell(c, e->from);
	bad |= dz_csv_cell(c, e->to);
	bad |= dz_csv_number(c, dz_money_format_plain(e->closing, num, sizeof(num)));
	bad |= dz_csv_number(c, dz_money_format_plain(e->received, num, sizeof(num)));
	snprintf(num, sizeof(num), "%lld", e->doc_count);
	bad |= dz_csv_number(c, num);
	bad |= dz_csv_cell(c, dz_stmt_status_name(e->status));
	bad |= dz_csv_cell(c, e->created_at);
	bad |= dz_csv_cell(c, e->created_by);
	bad |= dz_csv_cell(c, e->answered_at);
	bad |= dz_csv_row_end(c);
	return bad;
}

/*
 * 导出 CSV: the same rows as export_xlsx, streamed: each batch goes out
 * while the next is read, and is forgotten. The head waits for the first
 * batch, so a store that fails at once is still the 503 page.
 */
static enum dz_err
export_csv(struct dz_req *r)
{
	static const char *const	 cols[] = {
		LANG_export_id, LANG_export_customer_code, LANG_history_customer,
		LANG_export_period_from, LANG_export_period_to, LANG_history_debt,
		LANG_history_received, LANG_history_count, LANG_history_status,
		LANG_export_made, LANG_history_by, LANG_export_answered_at,
	};
	struct dz_value			 v[L__MAX];
	struct dz_store_filter		 f;
	struct dz_store_export_iter	*it = NULL;
	const struct dz_store_export_row *rows;
	struct dz_csv			 csv = DZ_CSV_INIT;
	char				 utf8[64];
	long long			 total = 0;
	size_t				 n = 0, i;
	int				 started = 0, bad = 0;
	enum dz_err			 rc;

	tab(r, LANG_history_title);
	if (list_filter(r, v, &f, &rc) == -1)
		return rc;
	if ((rc = dz_store_export_open(r->app->db, &f, &it)) != DZ_OK)
		goto out;
	bad |= dz_csv_bom(&csv);
	for (i = 0; i < DZ_NELEM(cols); i++)
		bad |= dz_csv_cell(&csv, cols[i]);
	bad |= dz_csv_row_end(&csv);
	do {
		if ((rc = dz_store_export_next(it, &rows, &n)) != DZ_OK)
			break;
		for (i = 0; i < n; i++)
			bad |= csv_row(&csv, &rows[i]);
		if (bad || csv.failed) {
			rc = DZ_ERR_NOMEM;
			break;
		}
		total += (long long)n;
		if (!started) {
			snprintf(utf8, sizeof(utf8), "%s.csv", LANG_export_file_list);
			if ((rc = dz_attachment(r, "duizhang-statements.csv", utf8)) != DZ_OK ||
			    (rc = dz_send_start(r, CSV_TYPE, -1)) != DZ_OK)
				break;
			started = 1;
		}
		if ((rc = dz_send_more(r, csv.buf, csv.len)) != DZ_OK)
			break;
		dz_csv_clear(&csv);
	} while (n > 0);
	dz_store_export_close(it);
	it = NULL;
	if (started && rc != DZ_OK)
		dz_log_err("export: the CSV of %s ended early after %lld statements: %s",
		    r->sess.username, total, dz_strerror(rc));
	else if (rc == DZ_OK)
		dz_log_info("export: %s exported %lld statements as csv", r->sess.username,
		    total);
out:
	dz_store_export_close(it);
	dz_csv_free(&csv);
	dz_form_values_free(v, L__MAX);
	return rc;
}

/* ---------------------------------------------------------------------
 * 账目核对 on the customer's behalf, and its resolutions.
 */

/* A refusal of 账目核对 (the sentence why): the statement page again. */
static enum dz_err
recon_refused(struct dz_req *r, const struct dz_store_stmt *s, enum dz_err rc,
    const char *why)
{
	if (rc != DZ_ERR_INVAL && rc != DZ_ERR_TOOBIG)
		return rc;
	dz_set(r->hdf, "Recon.Error", why != NULL ? why : LANG_recon_map_bad);
	return render_statement(r, s, rc == DZ_ERR_TOOBIG ? 413 : 400);
}

static enum dz_err
recon_upload(struct dz_req *r)
{
	struct dz_store_stmt	s;
	struct dz_actor		who = actor(r);
	const char		*why = NULL;
	char			loc[96];
	long long		id;
	enum dz_err		rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if ((rc = dz_recon_take(r, &s, &who, &id, &why)) != DZ_OK)
		return recon_refused(r, &s, rc, why);
	snprintf(loc, sizeof(loc), "/statements/%lld/map/%lld", s.id, id);
	return dz_redirect(r, loc);
}

static enum dz_err
recon_map_page(struct dz_req *r, const struct dz_store_stmt *s,
    const struct dz_ledger_map *given, int status)
{
	enum dz_err	rc;

	if ((rc = dz_recon_map_page(r, s, r->id[1], given)) != DZ_OK)
		return rc;
	if ((rc = dz_store_to_hdf(r->app->db, r->hdf, s, 0)) != DZ_OK)
		return rc;
	tab(r, LANG_recon_map_title);
	dz_set(r->hdf, "Map.Action", r->path);
	return dz_render(r, status, "recon/map.cs");
}

static enum dz_err
recon_map_show(struct dz_req *r)
{
	struct dz_store_stmt	s;
	enum dz_err		rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	return recon_map_page(r, &s, NULL, 200);
}

static enum dz_err
recon_map_post(struct dz_req *r)
{
	struct dz_store_stmt	s;
	struct dz_ledger_map	m;
	struct dz_actor		who = actor(r);
	const char		*why = NULL;
	char			loc[96];
	long long		rid;
	int			have = 0;
	enum dz_err		rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	rc = dz_recon_map_post(r, &s, r->id[1], &who, &rid, &why, &m, &have);
	if (rc == DZ_ERR_INVAL || rc == DZ_ERR_TOOBIG) {
		dz_set(r->hdf, "Map.Error", why);
		return recon_map_page(r, &s, have ? &m : NULL,
		    rc == DZ_ERR_TOOBIG ? 413 : 400);
	}
	if (rc != DZ_OK)
		return rc;
	snprintf(loc, sizeof(loc), "/statements/%lld#recon", s.id);
	return dz_redirect(r, loc);
}

static const char *const res_choices[] = { "explain", "timing", "accept", NULL };

enum rkey { R_RUN, R_SEQ, R_ACTION, R_NOTE, R__MAX };
static const struct dz_field rfields[R__MAX] = {
	[R_RUN] = { "run", DZ_F_INT, 1, 1, 1000000000000LL, NULL, 0 },
	[R_SEQ] = { "seq", DZ_F_INT, 1, 1, 1000000, NULL, 0 },
	[R_ACTION] = { "action", DZ_F_ENUM, 1, 0, 0, res_choices, 0 },
	[R_NOTE] = { "note", DZ_F_LINE, 0, 0, 500, NULL, 0 },
};

static enum dz_err
recon_resolve(struct dz_req *r)
{
	struct dz_store_stmt	 s;
	struct dz_value		 v[R__MAX];
	struct dz_form_error	 fe;
	struct dz_actor		 who = actor(r);
	enum dz_recon_res	 act;
	char			 loc[96];
	enum dz_err		 rc;

	memset(v, 0, sizeof(v));
	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if (dz_req_form(r, rfields, R__MAX, v, &fe) != DZ_OK) {
		dz_set(r->hdf, "Recon.Error", dz_form_strerror(fe.why));
		rc = render_statement(r, &s, 400);
		goto out;
	}
	act = (enum dz_recon_res)v[R_ACTION].i;
	/* 已说明 says what: a note, not a bare click. */
	if (act == DZ_RES_EXPLAIN && (v[R_NOTE].s == NULL || v[R_NOTE].s[0] == '\0')) {
		dz_set(r->hdf, "Recon.Error", LANG_recon_need_note);
		rc = render_statement(r, &s, 400);
		goto out;
	}
	rc = dz_recon_resolve(r->app->db, &s, v[R_RUN].i, (long)v[R_SEQ].i, act,
	    v[R_NOTE].s, &who);
	if (rc == DZ_ERR_CONFLICT || rc == DZ_ERR_NOTFOUND) {
		dz_set(r->hdf, "Recon.Error", LANG_recon_stale);
		rc = render_statement(r, &s, 409);
		goto out;
	}
	if (rc != DZ_OK)
		goto out;
	snprintf(loc, sizeof(loc), "/statements/%lld#recon", s.id);
	rc = dz_redirect(r, loc);
out:
	dz_form_values_free(v, R__MAX);
	return rc;
}

/* The customer's file as it came: a download, never a page. */
static enum dz_err
recon_file(struct dz_req *r)
{
	struct dz_store_stmt	 s;
	struct dz_recon_upload	 u;
	char			 ascii[64];
	enum dz_err		 rc;

	if ((rc = load(r, &s)) != DZ_OK)
		return rc;
	if ((rc = dz_recon_upload_get(r->app->db, s.id, r->id[1], &u)) != DZ_OK)
		return rc;
	snprintf(ascii, sizeof(ascii), "ledger-%lld-%lld.%s", s.id, u.id,
	    strcmp(u.kind, "xlsx") == 0 ? "xlsx" : "csv");
	/* a name too long for the header (255 bytes percent-encoded) or odd
	 * goes by the ASCII one */
	rc = dz_attachment(r, ascii, u.filename[0] != '\0' ? u.filename : ascii);
	if (rc != DZ_OK)
		rc = dz_attachment(r, ascii, ascii);
	if (rc == DZ_OK) {
		dz_add_header(r, "X-Content-SHA256: %s", u.sha256);
		rc = dz_send_blob(r, "application/octet-stream", NULL, u.content,
		    (size_t)u.size);
	}
	dz_recon_upload_free(&u);
	return rc;
}

int
main(int argc, char **argv)
{
	return dz_app_main(argc, argv, "dz-history", routes, DZ_NELEM(routes),
	    DZ_APP_KEYS | DZ_APP_LINKS, NULL);
}
