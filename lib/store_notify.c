/*
 * store_notify.c: notices, the account set's channels and the outbox
 * (store_notify.h). The only place that knows how a channel's secret is
 * bound to its row.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dz.h"
#include "audit.h"
#include "crypt.h"
#include "db.h"
#include "log.h"
#include "money.h"
#include "notify.h"
#include "store.h"
#include "store_notify.h"
#include "utf8.h"

/* ---------------------------------------------------------------------
 * Notices, made inside the caller's transaction.
 */

/* The outbox rows of a notice just made. */
static enum dz_err
deliveries(struct dz_db *db, unsigned long long notice)
{
	return dz_db_x(db, DZ_SQL_NOTICE_DELIVERIES_MAKE, NULL, NULL,
	    DZ_A_INT((long long)notice));
}

enum dz_err
dz_store_notice_opened(struct dz_db *db, long long link)
{
	unsigned long long	aff = 0, id = 0;
	enum dz_err		rc;

	/* Only the request that sets first_opened_at makes the notice. */
	rc = dz_db_x(db, DZ_SQL_NOTICE_FIRST_OPEN, &aff, NULL, DZ_A_INT(link));
	if (rc != DZ_OK || aff != 1)
		return rc;
	rc = dz_db_x(db, DZ_SQL_NOTICE_INSERT_OPENED, &aff, &id, DZ_A_INT(link));
	if (rc != DZ_OK || aff != 1)	/* a deleted statement: no notice */
		return rc;
	return deliveries(db, id);
}

enum dz_err
dz_store_notice_answer(struct dz_db *db, long long sid, enum dz_notice_kind k,
    long long fb)
{
	unsigned long long	aff = 0, id = 0;
	enum dz_err		rc;

	rc = dz_db_x(db, DZ_SQL_NOTICE_INSERT_ANSWER, &aff, &id,
	    DZ_A_STR(dz_notice_kind_code(k)), DZ_A_INT(fb), DZ_A_INT(sid));
	if (rc != DZ_OK || aff != 1)
		return rc;
	return deliveries(db, id);
}

/* ---------------------------------------------------------------------
 * The site: the count, the list, read marks, 重新发送.
 */

int
dz_store_notice_unread(struct dz_db *db, long long user)
{
	struct dz_rows	rows;
	int		n;

	if (user <= 0)
		return 0;
	if (dz_db_q1(db, DZ_SQL_NOTICE_UNREAD, &rows, DZ_A_INT(user)) != DZ_OK)
		return -1;
	n = (int)dz_db_cell_int(&rows, 0, DZ_C_COUNT_N);
	dz_db_rows_free(&rows);
	return n;
}

static void
conv_kind(const char *cell, void *field)
{
	enum dz_notice_kind	*k = field;

	if (dz_notice_kind_from_code(cell, k) == -1)
		*k = DZ_NOTICE_OPENED;
}

static const struct dz_cellmap notice_map[] = {
	DZ_CELL(DZ_C_NOTE_ID, struct dz_store_notice, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_NOTE_AT, struct dz_store_notice, at, DZ_CELL_STR),
	DZ_CELL_CONV(DZ_C_NOTE_KIND, struct dz_store_notice, kind, conv_kind),
	DZ_CELL(DZ_C_NOTE_READ, struct dz_store_notice, read, DZ_CELL_BOOL),
	DZ_CELL(DZ_C_NOTE_SID, struct dz_store_notice, sid, DZ_CELL_INT),
	DZ_CELL(DZ_C_NOTE_CUSTOMER, struct dz_store_notice, customer, DZ_CELL_STR),
	DZ_CELL(DZ_C_NOTE_FROM, struct dz_store_notice, from, DZ_CELL_STR),
	DZ_CELL(DZ_C_NOTE_TO, struct dz_store_notice, to, DZ_CELL_STR),
	DZ_CELL(DZ_C_NOTE_CLOSING, struct dz_store_notice, closing, DZ_CELL_MONEY),
};

enum dz_err
dz_store_notice_list(struct dz_db *db, long long user, long long set, long long before,
    size_t limit, struct dz_store_notices *out)
{
	struct dz_rows		 rows;
	void			*arr = NULL;
	size_t			 n = 0, r, i;
	long long		 lo, hi;
	enum dz_err		 rc;

	memset(out, 0, sizeof(*out));
	if (before <= 0)
		before = INT64_MAX;
	/* one more than asked: is there a next page? */
	rc = dz_db_list(db, DZ_SQL_NOTICE_LIST, (struct dz_dbarg[]){ DZ_A_INT(user),
	    DZ_A_INT(set), DZ_A_INT(before), DZ_A_INT((long long)limit + 1) }, 4,
	    notice_map, sizeof(notice_map) / sizeof(notice_map[0]),
	    sizeof(struct dz_store_notice), &arr, &n);
	if (rc != DZ_OK)
		return rc;
	out->n = arr;
	out->count = n > limit ? limit : n;
	if (n > limit)
		out->more = out->n[limit - 1].id;
	if (out->count == 0)
		return DZ_OK;
	hi = out->n[0].id;
	lo = out->n[out->count - 1].id;
	rc = dz_db_q(db, DZ_SQL_NOTICE_LIST_DELIVERIES, &rows, DZ_A_INT(DZ_NOTIFY_STALE_S),
	    DZ_A_INT(user), DZ_A_INT(set), DZ_A_INT(lo), DZ_A_INT(hi));
	if (rc != DZ_OK) {
		dz_store_notices_free(out);
		return rc;
	}
	for (r = 0; r < rows.nrows; r++) {
		long long		 nid = dz_db_cell_int(&rows, r, DZ_C_DLV_NOTICE);
		struct dz_store_delivery *d;
		enum dz_notify_chan	 ch;

		for (i = 0; i < out->count && out->n[i].id != nid; i++)
			;
		if (i == out->count || out->n[i].ndlv >= DZ_CHAN__MAX ||
		    dz_notify_chan_from_code(dz_db_cell(&rows, r, DZ_C_DLV_CHANNEL), &ch) == -1)
			continue;
		d = &out->n[i].dlv[out->n[i].ndlv++];
		d->id = dz_db_cell_int(&rows, r, DZ_C_DLV_ID);
		d->chan = ch;
		dz_copy(d->state, sizeof(d->state), dz_db_cell_int(&rows, r, DZ_C_DLV_STALE) ?
		    "unknown" : dz_db_cell(&rows, r, DZ_C_DLV_STATE));
		d->attempts = (int)dz_db_cell_int(&rows, r, DZ_C_DLV_ATTEMPTS);
		dz_copy(d->next_at, sizeof(d->next_at), dz_db_cell(&rows, r, DZ_C_DLV_NEXT_AT));
		dz_copy(d->error, sizeof(d->error), dz_db_cell(&rows, r, DZ_C_DLV_ERROR));
	}
	dz_db_rows_free(&rows);
	return DZ_OK;
}

void
dz_store_notices_free(struct dz_store_notices *s)
{
	free(s->n);
	memset(s, 0, sizeof(*s));
}

enum dz_err
dz_store_notice_read(struct dz_db *db, long long user, long long set, long long id)
{
	if (id > 0)
		return dz_db_x(db, DZ_SQL_NOTICE_READ, NULL, NULL, DZ_A_INT(id),
		    DZ_A_INT(user), DZ_A_INT(set));
	return dz_db_x(db, DZ_SQL_NOTICE_READ_ALL, NULL, NULL, DZ_A_INT(user),
	    DZ_A_INT(set));
}

enum dz_err
dz_store_delivery_resend(struct dz_db *db, long long set, long long id,
    const struct dz_actor *who)
{
	unsigned long long	aff = 0;
	char			obj[48];
	enum dz_err		rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_DELIVERY_RESEND, &aff, NULL, DZ_A_INT(id),
	    DZ_A_INT(who->user_id), DZ_A_INT(set), DZ_A_INT(DZ_NOTIFY_STALE_S));
	if (rc == DZ_OK && aff != 1)
		rc = DZ_ERR_CONFLICT;
	if (rc == DZ_OK) {
		snprintf(obj, sizeof(obj), "delivery:%lld", id);
		rc = dz_audit(db, who->user_id, who->username, "notify_resend", obj, "",
		    who->ip);
	}
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

/* ---------------------------------------------------------------------
 * The account set's channels.
 */

/* The associated data a channel's secret is sealed with: its row. */
static void
secret_ad(long long set, enum dz_notify_chan ch, char *buf, size_t sz)
{
	snprintf(buf, sz, "notify_channels.secret:%lld:%s", set, dz_notify_chan_code(ch));
}

static int
open_secret(const struct dz_keyring *ring, long long set, enum dz_notify_chan ch,
    const struct dz_rows *rows, size_t r, char *out, size_t outsz)
{
	char	 ad[80], *pt = NULL;
	size_t	 ptlen = 0;

	secret_ad(set, ch, ad, sizeof(ad));
	if (dz_crypt_box_open(ring, (const unsigned char *)dz_db_cell(rows, r, DZ_C_CHAN_SECRET),
	    dz_db_cell_len(rows, r, DZ_C_CHAN_SECRET), ad, strlen(ad), &pt, &ptlen) != DZ_OK) {
		dz_log_warn("notify: the %s secret of account set %lld did not open",
		    dz_notify_chan_code(ch), set);
		return -1;
	}
	if (ptlen < outsz)
		memcpy(out, pt, ptlen + 1);
	dz_wipe(pt, ptlen);
	free(pt);
	return ptlen < outsz ? 0 : -1;
}

enum dz_err
dz_store_notify_get(struct dz_db *db, const struct dz_keyring *ring, long long set,
    struct dz_notify_conf *c)
{
	struct dz_rows		 rows;
	enum dz_notify_chan	 ch;
	size_t			 r;
	int			 has;
	enum dz_err		 rc;

	memset(c, 0, sizeof(*c));
	if ((rc = dz_db_q(db, DZ_SQL_NOTIFY_CHAN_GET, &rows, DZ_A_INT(set))) != DZ_OK)
		return rc;
	for (r = 0; r < rows.nrows; r++) {
		if (dz_notify_chan_from_code(dz_db_cell(&rows, r, DZ_C_CHAN_CHANNEL), &ch) == -1)
			continue;
		c->enabled[ch] = dz_db_cell_int(&rows, r, DZ_C_CHAN_ENABLED) != 0;
		has = dz_db_cell_len(&rows, r, DZ_C_CHAN_SECRET) > 0;
		if (ch == DZ_CHAN_WECOM) {
			c->markdown = strcmp(dz_db_cell(&rows, r, DZ_C_CHAN_FORMAT), "markdown") == 0;
			dz_copy(c->webhook_host, sizeof(c->webhook_host),
			    dz_db_cell(&rows, r, DZ_C_CHAN_URL));
			c->has_webhook = has;
			if (has && ring != NULL && open_secret(ring, set, ch, &rows, r,
			    c->webhook, sizeof(c->webhook)) == -1)
				c->secret_bad = 1;
		} else {
			dz_copy(c->smtp_url, sizeof(c->smtp_url), dz_db_cell(&rows, r, DZ_C_CHAN_URL));
			dz_copy(c->mail_from, sizeof(c->mail_from), dz_db_cell(&rows, r, DZ_C_CHAN_FROM));
			dz_copy(c->mail_to, sizeof(c->mail_to), dz_db_cell(&rows, r, DZ_C_CHAN_TO));
			dz_copy(c->smtp_user, sizeof(c->smtp_user), dz_db_cell(&rows, r, DZ_C_CHAN_USER));
			c->has_password = has;
			if (has && ring != NULL && open_secret(ring, set, ch, &rows, r,
			    c->smtp_password, sizeof(c->smtp_password)) == -1)
				c->secret_bad = 1;
		}
	}
	dz_db_rows_free(&rows);
	return DZ_OK;
}

void
dz_store_notify_wipe(struct dz_notify_conf *c)
{
	dz_wipe(c, sizeof(*c));
}

/* The stored blob of a channel (to keep it), malloc'd; NULL if none. */
static enum dz_err
stored_secret(struct dz_db *db, long long set, enum dz_notify_chan ch,
    unsigned char **blob, size_t *len)
{
	struct dz_rows	 rows;
	size_t		 r;
	enum dz_err	 rc;

	*blob = NULL;
	*len = 0;
	if ((rc = dz_db_q(db, DZ_SQL_NOTIFY_CHAN_GET, &rows, DZ_A_INT(set))) != DZ_OK)
		return rc;
	for (r = 0; r < rows.nrows; r++)
		if (strcmp(dz_db_cell(&rows, r, DZ_C_CHAN_CHANNEL), dz_notify_chan_code(ch)) == 0 &&
		    (*len = dz_db_cell_len(&rows, r, DZ_C_CHAN_SECRET)) > 0) {
			if ((*blob = malloc(*len)) == NULL)
				rc = DZ_ERR_NOMEM;
			else
				memcpy(*blob, dz_db_cell(&rows, r, DZ_C_CHAN_SECRET), *len);
		}
	dz_db_rows_free(&rows);
	return rc;
}

static enum dz_err
put_one(struct dz_db *db, const struct dz_keyring *ring, long long set,
    enum dz_notify_chan ch, const struct dz_notify_conf *c, int keep)
{
	const char	*secret = ch == DZ_CHAN_WECOM ? c->webhook : c->smtp_password;
	unsigned char	*blob = NULL;
	size_t		 len = 0;
	char		 ad[80], host[256];
	enum dz_err	 rc = DZ_OK;

	if (keep)
		rc = stored_secret(db, set, ch, &blob, &len);
	else if (secret[0] != '\0') {
		if (ring == NULL)
			return DZ_ERR_CRYPT;
		secret_ad(set, ch, ad, sizeof(ad));
		rc = dz_crypt_box_seal(ring, secret, strlen(secret), ad, strlen(ad), &blob, &len);
	}
	if (rc != DZ_OK)
		return rc;
	if (ch == DZ_CHAN_WECOM) {
		if (keep)
			dz_copy(host, sizeof(host), c->webhook_host);
		else
			dz_notify_url_host(c->webhook, host, sizeof(host));
		rc = dz_db_x(db, DZ_SQL_NOTIFY_CHAN_PUT, NULL, NULL, DZ_A_INT(set),
		    DZ_A_STR("wecom"), DZ_A_INT(c->enabled[ch]),
		    DZ_A_STR(c->markdown ? "markdown" : "text"), DZ_A_STR(host),
		    DZ_A_STR(""), DZ_A_STR(""), DZ_A_STR(""),
		    blob != NULL ? DZ_A_BLOB(blob, len) : DZ_A_NULL);
	} else
		rc = dz_db_x(db, DZ_SQL_NOTIFY_CHAN_PUT, NULL, NULL, DZ_A_INT(set),
		    DZ_A_STR("mail"), DZ_A_INT(c->enabled[ch]), DZ_A_STR("text"),
		    DZ_A_STR(c->smtp_url), DZ_A_STR(c->mail_from), DZ_A_STR(c->mail_to),
		    DZ_A_STR(c->smtp_user), blob != NULL ? DZ_A_BLOB(blob, len) : DZ_A_NULL);
	free(blob);
	return rc;
}

enum dz_err
dz_store_notify_put(struct dz_db *db, const struct dz_keyring *ring, long long set,
    const struct dz_notify_conf *c, int keep_webhook, int keep_password,
    const struct dz_actor *who)
{
	char		obj[48], detail[96];
	enum dz_err	rc;

	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = put_one(db, ring, set, DZ_CHAN_WECOM, c, keep_webhook);
	if (rc == DZ_OK)
		rc = put_one(db, ring, set, DZ_CHAN_MAIL, c, keep_password);
	if (rc == DZ_OK) {
		snprintf(obj, sizeof(obj), "account_set:%lld", set);
		/* what changed, never a secret */
		snprintf(detail, sizeof(detail), "wecom %s%s, mail %s%s",
		    c->enabled[DZ_CHAN_WECOM] ? "on" : "off",
		    keep_webhook ? "" : " (new url)",
		    c->enabled[DZ_CHAN_MAIL] ? "on" : "off",
		    keep_password ? "" : " (new password)");
		rc = dz_audit(db, who->user_id, who->username, "notify_settings", obj, detail,
		    who->ip);
	}
	if (rc == DZ_OK)
		return dz_db_commit(db);
	dz_db_rollback(db);
	return rc;
}

enum dz_err
dz_store_notify_reseal(struct dz_db *db, const struct dz_keyring *ring,
    unsigned int newest, long long *done, long long *bad)
{
	struct dz_rows		 rows;
	enum dz_notify_chan	 ch;
	unsigned char		*blob;
	char			 ad[80], *pt;
	size_t			 r, len, ptlen;
	unsigned long long	 aff;
	long long		 set;
	enum dz_err		 rc;

	*done = *bad = 0;
	if ((rc = dz_db_q(db, DZ_SQL_NOTIFY_KEY_SEALED, &rows, DZ_A_INT(newest))) != DZ_OK)
		return rc;
	for (r = 0; rc == DZ_OK && r < rows.nrows; r++) {
		set = dz_db_cell_int(&rows, r, DZ_C_NSEALED_SET);
		if (dz_notify_chan_from_code(dz_db_cell(&rows, r, DZ_C_NSEALED_CHANNEL), &ch) == -1)
			continue;
		secret_ad(set, ch, ad, sizeof(ad));
		pt = NULL;
		if (dz_crypt_box_open(ring, (const unsigned char *)dz_db_cell(&rows, r,
		    DZ_C_NSEALED_SECRET), dz_db_cell_len(&rows, r, DZ_C_NSEALED_SECRET),
		    ad, strlen(ad), &pt, &ptlen) != DZ_OK) {
			dz_log_warn("notify: the %s secret of account set %lld does not "
			    "open: left on its key", dz_notify_chan_code(ch), set);
			(*bad)++;
			continue;
		}
		blob = NULL;
		rc = dz_crypt_box_seal(ring, pt, ptlen, ad, strlen(ad), &blob, &len);
		dz_wipe(pt, ptlen);
		free(pt);
		aff = 0;
		if (rc == DZ_OK)
			rc = dz_db_x(db, DZ_SQL_NOTIFY_KEY_RESEAL, &aff, NULL, DZ_A_BLOB(blob, len),
			    DZ_A_INT(set), DZ_A_STR(dz_notify_chan_code(ch)),
			    DZ_A_BLOB(dz_db_cell(&rows, r, DZ_C_NSEALED_SECRET),
			    dz_db_cell_len(&rows, r, DZ_C_NSEALED_SECRET)));
		free(blob);
		if (rc == DZ_OK && aff == 1)
			(*done)++;
	}
	dz_db_rows_free(&rows);
	return rc;
}

/* ---------------------------------------------------------------------
 * The worker.
 */

static void
conv_chan(const char *cell, void *field)
{
	enum dz_notify_chan	*c = field;

	if (dz_notify_chan_from_code(cell, c) == -1)
		*c = DZ_CHAN__MAX;
}

static const struct dz_cellmap due_map[] = {
	DZ_CELL(DZ_C_DUE_ID, struct dz_store_due, id, DZ_CELL_INT),
	DZ_CELL(DZ_C_DUE_NOTICE, struct dz_store_due, notice, DZ_CELL_INT),
	DZ_CELL(DZ_C_DUE_SET, struct dz_store_due, set, DZ_CELL_INT),
	DZ_CELL_CONV(DZ_C_DUE_CHANNEL, struct dz_store_due, chan, conv_chan),
};

enum dz_err
dz_store_delivery_due(struct dz_db *db, size_t max, struct dz_store_due **out, size_t *n)
{
	struct dz_rows	rows;
	size_t		r;
	enum dz_err	rc;

	*out = NULL;
	*n = 0;
	if ((rc = dz_db_q(db, DZ_SQL_DELIVERY_DUE, &rows, DZ_A_INT((long long)max))) != DZ_OK)
		return rc;
	if (rows.nrows > 0 && (*out = calloc(rows.nrows, sizeof(**out))) == NULL)
		rc = DZ_ERR_NOMEM;
	for (r = 0; rc == DZ_OK && r < rows.nrows; r++) {
		if ((rc = dz_db_fill(&rows, r, &(*out)[r], due_map,
		    sizeof(due_map) / sizeof(due_map[0]))) != DZ_OK)
			break;
		(*out)[r].attempts = (int)dz_db_cell_int(&rows, r, DZ_C_DUE_ATTEMPTS);
	}
	if (rc == DZ_OK)
		*n = rows.nrows;
	else {
		free(*out);
		*out = NULL;
	}
	dz_db_rows_free(&rows);
	return rc;
}

static const struct dz_cellmap text_map[] = {
	DZ_CELL_CONV(DZ_C_DN_KIND, struct dz_store_notice_text, kind, conv_kind),
	DZ_CELL(DZ_C_DN_CUSTOMER, struct dz_store_notice_text, customer, DZ_CELL_STR),
	DZ_CELL(DZ_C_DN_FROM, struct dz_store_notice_text, from, DZ_CELL_STR),
	DZ_CELL(DZ_C_DN_TO, struct dz_store_notice_text, to, DZ_CELL_STR),
	DZ_CELL(DZ_C_DN_CLOSING, struct dz_store_notice_text, closing, DZ_CELL_MONEY),
	DZ_CELL(DZ_C_DN_AT, struct dz_store_notice_text, at, DZ_CELL_STR),
	DZ_CELL(DZ_C_DN_COMPANY, struct dz_store_notice_text, company, DZ_CELL_STR),
	DZ_CELL(DZ_C_DN_SID, struct dz_store_notice_text, sid, DZ_CELL_INT),
};

enum dz_err
dz_store_delivery_notice(struct dz_db *db, long long notice, struct dz_store_notice_text *t)
{
	struct dz_rows	rows;
	enum dz_err	rc;

	memset(t, 0, sizeof(*t));
	if ((rc = dz_db_q1(db, DZ_SQL_DELIVERY_NOTICE, &rows, DZ_A_INT(notice))) != DZ_OK)
		return rc;
	rc = dz_db_fill(&rows, 0, t, text_map, sizeof(text_map) / sizeof(text_map[0]));
	dz_db_rows_free(&rows);
	return rc;
}

enum dz_err
dz_store_delivery_claim(struct dz_db *db, long long id, const char *robot, long *wait_s)
{
	struct dz_rows		 rows;
	unsigned long long	 aff = 0;
	long			 w = 0;
	enum dz_err		 rc;

	*wait_s = 0;
	if (robot == NULL || robot[0] == '\0') {
		rc = dz_db_x(db, DZ_SQL_DELIVERY_CLAIM, &aff, NULL, DZ_A_STR(""), DZ_A_INT(id));
		return rc == DZ_OK && aff != 1 ? DZ_ERR_CONFLICT : rc;
	}
	if ((rc = dz_db_begin(db)) != DZ_OK)
		return rc;
	rc = dz_db_x(db, DZ_SQL_ROBOT_LOCK, NULL, NULL, DZ_A_STR(robot));
	if (rc == DZ_OK && (rc = dz_db_q1(db, DZ_SQL_ROBOT_WINDOW, &rows,
	    DZ_A_STR(robot))) == DZ_OK) {
		w = dz_notify_rate_wait((int)dz_db_cell_int(&rows, 0, DZ_C_WIN_COUNT),
		    (long)dz_db_cell_int(&rows, 0, DZ_C_WIN_AGE));
		dz_db_rows_free(&rows);
	}
	if (rc == DZ_OK && w > 0) {
		rc = dz_db_x(db, DZ_SQL_DELIVERY_DEFER, NULL, NULL, DZ_A_INT(w), DZ_A_INT(id));
		if (rc == DZ_OK)
			rc = DZ_ERR_BUSY;
		*wait_s = w;
	} else if (rc == DZ_OK) {
		rc = dz_db_x(db, DZ_SQL_DELIVERY_CLAIM, &aff, NULL, DZ_A_STR(robot), DZ_A_INT(id));
		if (rc == DZ_OK && aff != 1)
			rc = DZ_ERR_CONFLICT;
	}
	if (rc == DZ_OK || rc == DZ_ERR_BUSY) {
		enum dz_err	c = dz_db_commit(db);

		return c != DZ_OK ? c : rc;
	}
	dz_db_rollback(db);
	return rc;
}

/* why, cut on a character to fit the column (255 bytes here). */
static void
fit(char *w, size_t sz, const char *why)
{
	size_t	n;

	if (why == NULL)
		why = "";
	n = dz_utf8_fit(why, strlen(why), sz - 1);
	memcpy(w, why, n);
	w[n] = '\0';
}

enum dz_err
dz_store_delivery_sent(struct dz_db *db, long long id)
{
	return dz_db_x(db, DZ_SQL_DELIVERY_SENT, NULL, NULL, DZ_A_INT(id));
}

enum dz_err
dz_store_delivery_retry(struct dz_db *db, long long id, int max, long delay_s,
    const char *why)
{
	char	w[256];

	fit(w, sizeof(w), why);
	return dz_db_x(db, DZ_SQL_DELIVERY_RETRY, NULL, NULL, DZ_A_INT(max),
	    DZ_A_INT(delay_s), DZ_A_STR(w), DZ_A_INT(id));
}

enum dz_err
dz_store_delivery_later(struct dz_db *db, long long id, long delay_s, const char *why)
{
	char	w[256];

	fit(w, sizeof(w), why);
	return dz_db_x(db, DZ_SQL_DELIVERY_LATER, NULL, NULL, DZ_A_INT(delay_s),
	    DZ_A_STR(w), DZ_A_INT(id));
}
