/*
 * store.h: statements in the app store. A statement is written once, in one
 * transaction, from a dz_stmt_snapshot; afterwards only its status, its
 * received amount, its share links and its deletion change, each by one
 * conditional UPDATE (on the status and version the page showed) plus its
 * audit row, in one transaction.
 */
#ifndef DZ_STORE_H
#define DZ_STORE_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "crypt.h"
#include "stmt.h"

struct dz_db;
struct _hdf;

/* A statement's header as stored. */
struct dz_store_stmt {
	long long		 id;
	long long		 account_set_id;
	char			 customer_id[64];
	char			 customer_code[64];
	char			 customer_name[256];
	char			 company[200];
	char			 from[11];
	char			 to[11];
	int			 with_opening;
	struct dz_stmt_totals	 totals;
	char			 fingerprint[65];
	enum dz_stmt_status	 status;	/* DZ_STMT_DELETED when deleted */
	int64_t			 received;
	char			 received_date[11];
	char			 received_note[201];
	char			 answered_at[17];
	char			 created_at[17];
	char			 created_by[64];
	long long		 version;
};

/* Who does something: a staff user, or a customer through a link. */
struct dz_actor {
	long long	 user_id;	/* 0 for a customer */
	const char	*username;	/* NULL for a customer */
	long long	 link_id;	/* the share link a customer used, else 0 */
	const char	*ip;
	const char	*user_agent;
};

/*
 * Store a new statement (header, documents, lines) and its audit row in one
 * transaction. company is the account set's name at the time.
 */
enum dz_err	 dz_store_create(struct dz_db *, const struct dz_stmt_snapshot *,
		    const char *company, const struct dz_actor *, long long *id);

/*
 * Read a statement's header. account_set_id != 0 also requires it to belong
 * to that account set (else DZ_ERR_NOTFOUND, so ids of other companies tell
 * nothing).
 */
enum dz_err	 dz_store_get(struct dz_db *, long long id, long long account_set_id,
		    struct dz_store_stmt *);

/* The last answer to a statement (customer's or staff's). */
struct dz_store_answer {
	char	decision[16];		/* agreed, disputed; "" if none */
	char	source[16];		/* customer, staff */
	char	description[2001];
	char	at[17];
};

/* The last answer to a statement (all fields "" when there is none). */
enum dz_err	 dz_store_answer_last(struct dz_db *, long long stmt_id,
		    struct dz_store_answer *);

/*
 * Put a statement into the page's HDF: Stmt.* (header, totals, allowed
 * actions as Stmt.Can.<code>), and with docs != 0 Docs.N.* with each
 * document's goods as Docs.N.Lines.M.*.
 */
enum dz_err	 dz_store_to_hdf(struct dz_db *, struct _hdf *, const struct dz_store_stmt *,
		    int docs);

/*
 * Apply a staff action (receive, agree, dispute, cancel, delete) to the
 * statement as the page showed it (s->status, s->received, s->version).
 * amount/date/note for 收款; note is the description for 符合/不符合确认.
 * DZ_ERR_CONFLICT when not allowed or when the row changed meanwhile;
 * DZ_ERR_GONE when deleted. Deleting revokes every link.
 */
enum dz_err	 dz_store_act(struct dz_db *, const struct dz_store_stmt *,
		    enum dz_stmt_action, int64_t amount, const char *date,
		    const char *note, const struct dz_actor *);

/*
 * The customer's answer through a link: exactly once while 未确认.
 * DZ_ERR_CONFLICT if already answered (the page then shows the answer).
 */
enum dz_err	 dz_store_answer(struct dz_db *, long long stmt_id, enum dz_stmt_action,
		    const char *description, const struct dz_actor *);

/* ---- share links ---------------------------------------------------- */

struct dz_store_link {
	long long	 id;
	char		 token[DZ_TOKEN_LEN + 1];
	char		 created_at[17];
	char		 expires_at[17];
	long long	 open_count;
	char		 first_opened[17];
};

/*
 * The live link of a statement (DZ_ERR_NOTFOUND if none), its token derived
 * again from the key file: HMAC-SHA256(share key, nonce).
 */
enum dz_err	 dz_store_link_live(struct dz_db *, const struct dz_keyring *, long long stmt_id,
		    struct dz_store_link *);

/* Make a new link (revoking older ones), valid for days; audit row too. */
enum dz_err	 dz_store_link_new(struct dz_db *, const struct dz_keyring *,
		    const struct dz_store_stmt *, int days, const struct dz_actor *,
		    struct dz_store_link *);

/* Revoke every link of a statement; audit row too. */
enum dz_err	 dz_store_link_revoke(struct dz_db *, const struct dz_store_stmt *,
		    const struct dz_actor *);

/* A live link as the store has it now. */
struct dz_store_live {
	long long	 link;
	long long	 sid;
	long long	 version;	/* the statement's */
	long long	 expires;	/* Unix seconds */
	int		 recent;	/* opened from this address within 10 s */
};

/*
 * Resolve a customer's token in one narrow query: the live link, its
 * statement and the statement's version, or DZ_ERR_GONE (unknown, revoked,
 * expired, deleted statement). Counts nothing.
 */
enum dz_err	 dz_store_link_resolve(struct dz_db *, const char *token,
		    const char *ip, struct dz_store_live *);

/*
 * Count an opening of link from ip, unless the same address opened it
 * less than 10 seconds ago (a reload is one visit). Failures are ignored.
 */
void		 dz_store_link_opened(struct dz_db *, long long link, const char *ip);

#endif
