/*
 * 通知 (issue 15), part of dz-history: what the customers did with the
 * statements this user made, newest first.
 *
 *   GET  /notices          the list: each notice links to its statement,
 *                          with each channel's delivery and its state
 *                          (待发送 / 发送中 / 未知 / 已送达 / 发送失败, the next
 *                          attempt and why the last failed); ?before=ID pages
 *   POST /notices/read     标为已读: id=N, or all=1 for every one
 *   POST /notices/resend   重新发送: delivery=N, a failed or 未知 one
 *
 * A user sees only their own notices in their own account set (the store's
 * conditions); an id of someone else's changes nothing (404). The count
 * in the top bar is lib/app's (dz_app_unread).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "app.h"
#include "form.h"
#include "lang.h"
#include "log.h"
#include "notify.h"
#include "store.h"
#include "store_notify.h"
#include "view.h"

#define PER_PAGE	50

enum dz_err	dz_history_notices(struct dz_req *);
enum dz_err	dz_history_notices_read(struct dz_req *);
enum dz_err	dz_history_notices_resend(struct dz_req *);

enum nkey { N_BEFORE, N__MAX };
static const struct dz_field nfields[N__MAX] = {
	[N_BEFORE] = { "before", DZ_F_INT, 0, 1, INT64_MAX, NULL, 0 },
};

enum rkey { R_ID, R_ALL, R__MAX };
static const struct dz_field rfields[R__MAX] = {
	[R_ID] = { "id", DZ_F_INT, 0, 1, INT64_MAX, NULL, 0 },
	[R_ALL] = { "all", DZ_F_BOOL, 0, 0, 0, NULL, 0 },
};

enum skey { S_DELIVERY, S__MAX };
static const struct dz_field sfields[S__MAX] = {
	[S_DELIVERY] = { "delivery", DZ_F_INT, 1, 1, INT64_MAX, NULL, 0 },
};

static const char *
state_words(const char *state)
{
	if (strcmp(state, "pending") == 0)
		return LANG_notify_state_pending;
	if (strcmp(state, "sending") == 0)
		return LANG_notify_state_sending;
	if (strcmp(state, "unknown") == 0)
		return LANG_notify_state_unknown;
	if (strcmp(state, "sent") == 0)
		return LANG_notify_state_sent;
	return LANG_notify_state_failed;
}

enum dz_err
dz_history_notices(struct dz_req *r)
{
	struct dz_value		 v[N__MAX];
	struct dz_form_error	 fe;
	struct dz_store_notices	 ns;
	char			 base[32], dbase[48];
	size_t			 i, k;
	enum dz_err		 rc;

	dz_set(r->hdf, "Page.Title", LANG_notify_title);
	dz_set(r->hdf, "Page.Tab", "notices");
	if ((rc = dz_req_form(r, nfields, N__MAX, v, &fe)) != DZ_OK)
		return dz_bad_field(r, &fe);
	rc = dz_store_notice_list(r->app->db, r->sess.user_id, r->sess.account_set_id,
	    v[N_BEFORE].present ? v[N_BEFORE].i : 0, PER_PAGE, &ns);
	dz_form_values_free(v, N__MAX);
	if (rc != DZ_OK)
		return rc;
	for (i = 0; i < ns.count; i++) {
		const struct dz_store_notice	*n = &ns.n[i];

		snprintf(base, sizeof(base), "Notices.%zu", i);
		dz_set_idx_int(r->hdf, "Notices", i, "Id", n->id);
		dz_set_idx(r->hdf, "Notices", i, "At", n->at);
		dz_set_idx(r->hdf, "Notices", i, "Kind", dz_notice_kind_code(n->kind));
		dz_set_idx(r->hdf, "Notices", i, "What", dz_notice_kind_words(n->kind));
		dz_set_idx_int(r->hdf, "Notices", i, "Read", n->read);
		dz_set_idx_int(r->hdf, "Notices", i, "Sid", n->sid);
		dz_set_idx(r->hdf, "Notices", i, "Customer", n->customer);
		dz_set_idx(r->hdf, "Notices", i, "From", n->from);
		dz_set_idx(r->hdf, "Notices", i, "To", n->to);
		dz_set_idx_money(r->hdf, "Notices", i, "Closing", n->closing);
		for (k = 0; k < n->ndlv; k++) {
			const struct dz_store_delivery	*d = &n->dlv[k];

			snprintf(dbase, sizeof(dbase), "%s.Dlv", base);
			dz_set_idx_int(r->hdf, dbase, k, "Id", d->id);
			dz_set_idx(r->hdf, dbase, k, "Chan", d->chan == DZ_CHAN_WECOM ?
			    LANG_notify_chan_wecom : LANG_notify_chan_mail);
			dz_set_idx(r->hdf, dbase, k, "State", d->state);
			dz_set_idx(r->hdf, dbase, k, "StateWords", state_words(d->state));
			dz_set_idx_int(r->hdf, dbase, k, "Attempts", d->attempts);
			dz_set_idx(r->hdf, dbase, k, "NextAt", d->next_at);
			dz_set_idx(r->hdf, dbase, k, "Error", d->error);
			dz_set_idx_int(r->hdf, dbase, k, "Resend",
			    strcmp(d->state, "failed") == 0 || strcmp(d->state, "unknown") == 0);
		}
	}
	if (ns.more > 0)
		dz_set_int(r->hdf, "Paging.Before", ns.more);
	dz_store_notices_free(&ns);
	return dz_render(r, 200, "notices/list.cs");
}

enum dz_err
dz_history_notices_read(struct dz_req *r)
{
	struct dz_value		 v[R__MAX];
	struct dz_form_error	 fe;
	long long		 id;
	enum dz_err		 rc;

	if ((rc = dz_req_form(r, rfields, R__MAX, v, &fe)) != DZ_OK)
		return dz_bad_field(r, &fe);
	id = v[R_ID].present ? v[R_ID].i : 0;
	if (id == 0 && !(v[R_ALL].present && v[R_ALL].i)) {
		dz_form_values_free(v, R__MAX);
		fe.field = "id";
		fe.why = DZ_FERR_MISSING;
		return dz_bad_field(r, &fe);
	}
	dz_form_values_free(v, R__MAX);
	if ((rc = dz_store_notice_read(r->app->db, r->sess.user_id, r->sess.account_set_id,
	    id)) != DZ_OK)
		return rc;
	return dz_redirect(r, "/notices");
}

enum dz_err
dz_history_notices_resend(struct dz_req *r)
{
	struct dz_value		 v[S__MAX];
	struct dz_form_error	 fe;
	struct dz_actor		 who;
	long long		 id;
	enum dz_err		 rc;

	if ((rc = dz_req_form(r, sfields, S__MAX, v, &fe)) != DZ_OK)
		return dz_bad_field(r, &fe);
	id = v[S_DELIVERY].i;
	dz_form_values_free(v, S__MAX);
	memset(&who, 0, sizeof(who));
	who.user_id = r->sess.user_id;
	who.username = r->sess.username;
	who.ip = r->remote_addr;
	rc = dz_store_delivery_resend(r->app->db, r->sess.account_set_id, id, &who);
	if (rc == DZ_ERR_CONFLICT)	/* not ours, or not failed nor 未知 */
		return dz_error_page(r, DZ_ERR_NOTFOUND, NULL);
	if (rc != DZ_OK)
		return rc;
	return dz_redirect(r, "/notices");
}
