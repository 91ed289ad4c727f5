/*
 * store_notify.h: notices in the app store (schema 009, issue 15).
 *
 * A notice tells a statement's creator (statements.created_by) that the
 * customer first opened a share link, or answered. It is written by
 * lib/store.c in the transaction of that opening or answer (so none is
 * lost and none made twice), with one outbox row (notify_deliveries) per
 * channel the account set has on. The outbox is worked by `dz-admin
 * notify` through the functions at the end; a row moves
 *
 *   pending --claim--> sending --sent--> sent
 *      ^                  |
 *      +---- retry -------+--(attempts spent)--> failed --重新发送--> pending
 *
 * and one left 'sending' (the worker died mid-send: it may have been
 * delivered) stays so, shown as 未知, until staff resend it: never sent
 * twice by itself, never lost.
 */
#ifndef DZ_STORE_NOTIFY_H
#define DZ_STORE_NOTIFY_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "notify.h"

struct dz_db;
struct dz_keyring;
struct dz_actor;

/* Seconds a row may be 'sending' before the page calls it 未知. */
#define DZ_NOTIFY_STALE_S	120

/*
 * Inside the caller's transaction: a link's first opening (nothing when
 * it was opened before) and an answer recorded as feedback row fb.
 */
enum dz_err	 dz_store_notice_opened(struct dz_db *, long long link);
enum dz_err	 dz_store_notice_answer(struct dz_db *, long long sid,
		    enum dz_notice_kind, long long fb);

/* The user's unread notices, at most 100 (99+ on the page); -1 on error. */
int		 dz_store_notice_unread(struct dz_db *, long long user_id);

struct dz_store_delivery {
	long long		 id;
	enum dz_notify_chan	 chan;
	char			 state[16];	/* pending sending unknown sent failed */
	int			 attempts;
	char			 next_at[24];
	char			 error[256];
};

struct dz_store_notice {
	long long		 id;
	char			 at[20];
	enum dz_notice_kind	 kind;
	int			 read;
	long long		 sid;
	char			 customer[256];
	char			 from[16], to[16];
	int64_t			 closing;
	struct dz_store_delivery dlv[DZ_CHAN__MAX];
	size_t			 ndlv;
};

struct dz_store_notices {
	struct dz_store_notice	*n;
	size_t			 count;
	long long		 more;		/* the "before" of the next page, 0: none */
};

/* The user's notices in the account set, newest first, ids below before
 * (0: from the newest), at most limit. Free with dz_store_notices_free. */
enum dz_err	 dz_store_notice_list(struct dz_db *, long long user_id, long long set,
		    long long before, size_t limit, struct dz_store_notices *);
void		 dz_store_notices_free(struct dz_store_notices *);

/* Mark one notice (id > 0) or all of them read. */
enum dz_err	 dz_store_notice_read(struct dz_db *, long long user_id, long long set,
		    long long id);

/*
 * 重新发送 one delivery of the user's own notices: failed, or 未知. One
 * transaction with its audit row. DZ_ERR_CONFLICT when it is neither.
 */
enum dz_err	 dz_store_delivery_resend(struct dz_db *, long long set, long long id,
		    const struct dz_actor *);

/* An account set's channels; the secrets are open only after
 * dz_store_notify_get with a keyring (wipe with dz_store_notify_wipe). */
struct dz_notify_conf {
	int		 enabled[DZ_CHAN__MAX];
	int		 markdown;
	char		 webhook[520];		/* secret */
	char		 webhook_host[256];	/* what the page shows of it */
	int		 has_webhook;
	char		 smtp_url[256];
	char		 mail_from[255];
	char		 mail_to[1024];
	char		 smtp_user[255];
	char		 smtp_password[256];	/* secret */
	int		 has_password;
	int		 secret_bad;		/* a stored secret did not open */
};

/*
 * Read them. ring NULL: the secrets stay shut (has_* still said).
 * Nothing stored is all off (DZ_OK).
 */
enum dz_err	 dz_store_notify_get(struct dz_db *, const struct dz_keyring *,
		    long long set, struct dz_notify_conf *);
/*
 * Store c (checked by the caller, lib/notify), the secrets sealed to
 * their rows; keep_webhook / keep_password: the stored ones stay (the
 * admin left the field empty). One transaction with its audit row.
 */
enum dz_err	 dz_store_notify_put(struct dz_db *, const struct dz_keyring *,
		    long long set, const struct dz_notify_conf *, int keep_webhook,
		    int keep_password, const struct dz_actor *);
void		 dz_store_notify_wipe(struct dz_notify_conf *);
/*
 * dz-admin reseal: every channel secret sealed with another key than
 * newest, opened and sealed again (each row its own change, written only
 * over the blob it read). *done: resealed; *bad: did not open (named in
 * the log, left on their key). DZ_ERR_DB when the store fails.
 */
enum dz_err	 dz_store_notify_reseal(struct dz_db *, const struct dz_keyring *,
		    unsigned int newest, long long *done, long long *bad);

/* --- the worker (dz-admin notify) ------------------------------------ */

struct dz_store_due {
	long long		 id;
	long long		 notice;
	long long		 set;
	enum dz_notify_chan	 chan;
	int			 attempts;	/* before this one */
};

/* Due pending rows, oldest first, at most max (*out: free()). */
enum dz_err	 dz_store_delivery_due(struct dz_db *, size_t max, struct dz_store_due **out,
		    size_t *n);

/* What a notice says, for its message. */
struct dz_store_notice_text {
	enum dz_notice_kind	 kind;
	char			 customer[256];
	char			 from[16], to[16];
	char			 at[20];
	char			 company[256];
	int64_t			 closing;
	long long		 sid;
};
enum dz_err	 dz_store_delivery_notice(struct dz_db *, long long notice,
		    struct dz_store_notice_text *);

/*
 * Claim a due row for sending. robot: the hex SHA-256 of the robot's URL
 * ("" for mail), whose rate window is counted under a lock on its row.
 * DZ_OK: claimed ('sending'); DZ_ERR_BUSY: the window is full, the row
 * was moved *wait_s later; DZ_ERR_CONFLICT: another worker has it.
 */
enum dz_err	 dz_store_delivery_claim(struct dz_db *, long long id, const char *robot,
		    long *wait_s);
/* A claimed row: sent; failed once (again after delay_s, or failed for
 * good once attempts reach max); or refused by the robot's rate (later,
 * not counted). */
enum dz_err	 dz_store_delivery_sent(struct dz_db *, long long id);
enum dz_err	 dz_store_delivery_retry(struct dz_db *, long long id, int max,
		    long delay_s, const char *why);
enum dz_err	 dz_store_delivery_later(struct dz_db *, long long id, long delay_s,
		    const char *why);

#endif
