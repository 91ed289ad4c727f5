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
#include "erp.h"
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
	/* What 取消确认 cleared, while it may still be undone (nothing has
	 * happened since: dz_store_uncancel); DZ_STMT_PENDING otherwise. */
	enum dz_stmt_status	 undo_status;
	long long		 recon_id;	/* the last 账目核对 run, 0 if none */
	char			 recon_state[8];	/* "", "ok", "diff" */
	/* The 符合 statement the opening was chained from (0: none) and the
	 * ERP's own opening then (the opening itself when not chained). */
	long long		 chain_from;
	int64_t			 erp_opening;
};

/* Who does something: a staff user, or a customer through a link. */
struct dz_actor {
	long long	 user_id;	/* 0 for a customer */
	const char	*username;	/* NULL for a customer */
	long long	 link_id;	/* the share link a customer used, else 0 */
	const char	*ip;
	const char	*user_agent;
	/* 经办人: who answered for the customer (optional; NULL is "") */
	const char	*handler_name;
	const char	*handler_phone;
	const char	*handler_position;
};

/*
 * Store a new statement (header, documents, lines) and its audit row in one
 * transaction. company is the account set's name at the time.
 */
enum dz_err	 dz_store_create(struct dz_db *, const struct dz_stmt_snapshot *,
		    const char *company, const struct dz_actor *, long long *id);

/*
 * Where a statement came from, beyond a clerk's ticks: the bulk run that
 * made it (run_id), whether it holds its customer and period's key (keyed:
 * at most one such statement not deleted per account set, customer and
 * period: a second is DZ_ERR_CONFLICT and nothing is stored), the 符合
 * statement its opening was chained from (chain_from) and the ERP's own
 * opening beside it (erp_opening), and whether it holds every posted
 * document of every type of its period with the opening (complete: only
 * such a 符合 statement is chained from).
 */
struct dz_store_origin {
	long long	 run_id;
	int		 keyed;
	long long	 chain_from;
	int64_t		 erp_opening;
	int		 complete;
};

#define DZ_STORE_PERIOD_KEY_MAX	100

/* "customer|from|to": statements.period_key. */
void		 dz_store_period_key(char *buf, size_t sz, const char *customer_id,
		    const char *from, const char *to);

/* dz_store_create with where it came from (o NULL: a clerk's, unchained). */
enum dz_err	 dz_store_create_ex(struct dz_db *, const struct dz_stmt_snapshot *,
		    const char *company, const struct dz_actor *,
		    const struct dz_store_origin *o, long long *id);

/*
 * Read a statement's header. account_set_id != 0 also requires it to belong
 * to that account set (else DZ_ERR_NOTFOUND, so ids of other companies tell
 * nothing).
 */
enum dz_err	 dz_store_get(struct dz_db *, long long id, long long account_set_id,
		    struct dz_store_stmt *);

/* An answer to a statement (customer's or staff's). */
struct dz_store_answer {
	char	decision[16];		/* agreed, disputed; "" if none */
	char	source[16];		/* customer, staff */
	char	description[2001];
	char	at[20];			/* "YYYY-MM-DD HH:MM" (last), with ":SS" (list) */
	char	user[256];		/* staff's username; "" for a customer */
	char	ip[46];
	char	agent[256];
	char	handler[257];		/* 经办人, phone, position ("" if none): 64, 32 and */
	char	phone[129];		/* 64 characters of up to 4 bytes */
	char	position[257];
	long long recon;		/* the 账目核对 run it was given with, 0 if none */
};

/* The last answer to a statement (all fields "" when there is none). */
enum dz_err	 dz_store_answer_last(struct dz_db *, long long stmt_id,
		    struct dz_store_answer *);

/*
 * What the customer's page says of a statement the company reopened
 * (取消确认 after an answer): when, and the answer it set aside. While the
 * statement is 未确认 its last answer is the one the last 取消确认 set
 * aside (an answer always leaves 未确认). One read, one snapshot, with the
 * statement's version as that read saw it: a page kept per version
 * compares it with the version it was drawn from.
 */
struct dz_store_reopen {
	char			 at[17];	/* the last 取消确认, "YYYY-MM-DD HH:MM"; "" if none */
	struct dz_store_answer	 before;	/* the last answer (ip, agent ""); all "" if none */
	long long		 version;
};

/* DZ_ERR_NOTFOUND when there is no such statement. */
enum dz_err	 dz_store_reopened(struct dz_db *, long long stmt_id,
		    struct dz_store_reopen *);

/*
 * Put a statement into the page's HDF: Stmt.* (header, totals; the
 * buttons are dz-history's), and with docs != 0 Docs.N.* with each
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
 * Undo a 取消确认: put back the status and the answer time it cleared, on
 * the version the cancel left (s->version as the page showed it), with its
 * audit row ("uncancel"). DZ_ERR_CONFLICT when anything has happened since
 * (an answer, 收款, another action, this undo already done): nothing
 * changes then. DZ_ERR_GONE when deleted. The answers themselves were
 * never removed: the cancel left them in feedback.
 */
enum dz_err	 dz_store_uncancel(struct dz_db *, const struct dz_store_stmt *,
		    const struct dz_actor *);

/*
 * The customer's answer through a link: exactly once while 未确认.
 * DZ_ERR_CONFLICT if already answered (the page then shows the answer).
 */
enum dz_err	 dz_store_answer(struct dz_db *, long long stmt_id, enum dz_stmt_action,
		    const char *description, const struct dz_actor *);

/* ---- checking stored statements: lib/store_check.c ------------------- */

/*
 * A stored statement read back as the snapshot it was made from: the
 * header's customer, period and totals, every document (in the page's
 * order: date, number) with its goods lines, as dz_stmt_snapshot structs,
 * for the exports (lib/pdf, lib/xlsx) to draw the same figures the page
 * shows. The pointers live until dz_store_snapshot_free. Does not check the
 * account set: the caller read the header with dz_store_get first.
 */
struct dz_store_snap_rows;
struct dz_store_snap {
	struct dz_stmt_snapshot		 sn;
	size_t				 nlines;	/* goods lines in all */
	char				 fingerprint[DZ_STMT_FP_HEXLEN + 1];	/* as stored */
	struct dz_store_snap_rows	*rows;		/* private */
};
enum dz_err	 dz_store_snapshot(struct dz_db *, long long id, struct dz_store_snap *);
void		 dz_store_snapshot_free(struct dz_store_snap *);

/*
 * Statement id's fingerprint as stored (stored) and as its stored header,
 * documents and goods give it now (computed, dz_stmt_fingerprint_hex over
 * the snapshot rebuilt from those rows); they differ when a row was
 * changed or lost since the statement was made. DZ_ERR_NOTFOUND: no such
 * statement; DZ_ERR_INVAL: a stored row no snapshot can hold (a document
 * of an unknown type, two lines with one seq); DZ_ERR_DB, DZ_ERR_NOMEM.
 */
enum dz_err	 dz_store_fingerprint(struct dz_db *, long long id,
		    char stored[DZ_STMT_FP_HEXLEN + 1], char computed[DZ_STMT_FP_HEXLEN + 1]);

/*
 * The ids of the statements after id after, ascending, at most max of
 * them, into ids[] (*n of them; fewer than max: there are no more): of
 * account set set, or of every set when set is 0; deleted ones too.
 */
enum dz_err	 dz_store_stmt_ids(struct dz_db *, long long set, long long after,
		    long long *ids, size_t max, size_t *n);

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

/* ---- users and their account sets (read: store_list.c, saved: store_user.c) */

/* A user as 用户管理 lists them. */
struct dz_store_user_row {
	long long	 id;
	char		 username[129];
	char		 role[16];
	char		 erp_kind[33];
	char		 status[16];
	char		 company[256];
	char		 identity[512];
	char		 last_login[17];
};

struct dz_store_users {
	struct dz_store_user_row	*user;
	size_t				 n;
};

/* Every user, by name. Free with dz_store_users_free. */
enum dz_err	 dz_store_users(struct dz_db *, struct dz_store_users *);
void		 dz_store_users_free(struct dz_store_users *);

/* One user, with the data address of their account set opened. */
struct dz_store_user {
	long long		 id;
	char			 username[129];
	char			 role[16];
	char			 erp_kind[33];
	long long		 account_set_id;	/* 0: none */
	char			 status[16];
	int			 must_change;
	long long		 version;
	char			 company[256];
	/* DZ_OK: target is the stored address and the user's kind;
	 * DZ_ERR_NOTFOUND: none is stored; another error: it did not open
	 * (key file). */
	enum dz_err		 target_rc;
	struct dz_erp_target	 target;
};

/* Read a user (DZ_ERR_NOTFOUND if none). Wipe with dz_store_user_wipe. */
enum dz_err	 dz_store_user_get(struct dz_db *, const struct dz_keyring *, long long id,
		    struct dz_store_user *);
void		 dz_store_user_wipe(struct dz_store_user *);

/* What 用户管理 saves. */
struct dz_store_user_save {
	long long		 id;		/* 0: a new user */
	long long		 version;	/* the form's, for a user saved again */
	const char		*username;
	const char		*role;
	const char		*erp_kind;
	const char		*status;
	const char		*hash;		/* a new password's hash, or NULL */
	const struct dz_erp_dsn	*dsn;		/* a new data address, or NULL */
	const char		*import_set;	/* or the name of a set of the kind
						 * import (found or made), or NULL */
	long long		 keep_set;	/* without dsn: the user's account set */
	int			 end_sessions;	/* their sessions end (disabled, new password) */
	const char		*detail;	/* for the audit row */
};

/*
 * Save a user in one transaction: the account set the address reaches
 * (found by its identity or made, the address sealed into it), the user's
 * row (a new one must change the password at first sign-in; a saved one
 * only on the version the form showed), a new password, their sessions,
 * the audit row. *id is the user's. DZ_ERR_CONFLICT: the user changed
 * meanwhile; DZ_ERR_INVAL with *taken 1: the name is someone else's.
 */
enum dz_err	 dz_store_user_save(struct dz_db *, const struct dz_keyring *,
		    const struct dz_store_user_save *, const struct dz_actor *,
		    long long *id, int *taken);

/* The company name the ERP gave an account set (测试连接). */
enum dz_err	 dz_store_account_named(struct dz_db *, long long set_id, const char *company);

/* ---- lists: lib/store_list.c ----------------------------------------- */

/*
 * What the history asks for: statements of one account set, each filter
 * optional (NULL or 0: any). customer matches the ERP id or code exactly,
 * or part of the name.
 */
struct dz_store_filter {
	long long		 account_set_id;
	const char		*customer;
	int			 has_status;
	enum dz_stmt_status	 status;
	const char		*from;		/* the period reaches from ... */
	const char		*to;		/* ... to (dates, YYYY-MM-DD) */
	const char		*created_from;	/* made on or after */
	const char		*created_to;	/* made on or before */
	long long		 limit;
	long long		 offset;	/* without a cursor only */
	/* The list's cursor (not the export's): the page of cards older than
	 * the statement older, or newer than the statement newer (0: none;
	 * older wins), both in the list's order (made, then id). */
	long long		 older;
	long long		 newer;
	long long		 count_max;	/* count the matches up to this */
};

/* One history card. */
struct dz_store_card {
	long long		 id;
	char			 customer_code[64];
	char			 customer_name[256];
	char			 from[11];
	char			 to[11];
	enum dz_stmt_status	 status;
	int64_t			 received;
	int64_t			 closing;
	long long		 doc_count;
	char			 created_at[17];
	long long		 version;
	char			 recon[8];	/* "", "ok", "diff" (账目核对) */
	int			 chain_diff;	/* opened from a 符合 closing the ERP's differs from */
};

struct dz_store_cards {
	struct dz_store_card	*card;
	size_t			 n;
	long long		 total;		/* matches on every page, up to count_max */
	int			 more;		/* ...and there are more than that */
	int			 beyond;	/* a page past this one, the way it was read
						 * (older, or newer with f->newer) */
};

/* The page of cards the filter asks for, newest first (newer pages too).
 * Free with dz_store_cards_free. */
enum dz_err	 dz_store_list(struct dz_db *, const struct dz_store_filter *,
		    struct dz_store_cards *);
void		 dz_store_cards_free(struct dz_store_cards *);

/*
 * The history's export (dz-history's export.xlsx, export.csv): every
 * statement the filter matches (its limit and offset unused), a batch at a
 * time, newest (highest id) first: up to max rows with ids below before
 * (0: from the newest) into rows[], *n of them; fewer than max means there
 * are no more. The next batch starts below the last row's id. Memory is
 * the caller's array, whatever the number of statements.
 */
struct dz_store_export_row {
	long long		 id;
	char			 customer_code[64];
	char			 customer_name[256];
	char			 from[11];
	char			 to[11];
	enum dz_stmt_status	 status;
	int64_t			 received;
	int64_t			 closing;
	long long		 doc_count;
	char			 created_at[17];	/* YYYY-MM-DD HH:MM */
	char			 created_by[129];
	char			 answered_at[17];	/* "" when not answered */
};

#define DZ_STORE_EXPORT_BATCH	1000

enum dz_err	 dz_store_export(struct dz_db *, const struct dz_store_filter *,
		    long long before, struct dz_store_export_row *rows, size_t max,
		    size_t *n);

/*
 * The same from the first batch to the last, each read while the caller
 * writes the one before (a thread of the iterator's own): next gives the
 * next batch (*rows valid until the next call; *n 0 at the end) or the
 * store's error. The filter's strings must live until close. NOTE: the
 * store handle is the iterator's from open to close: the caller must not
 * use it (nor log through the store) meanwhile.
 */
struct dz_store_export_iter;
enum dz_err	 dz_store_export_open(struct dz_db *, const struct dz_store_filter *,
		    struct dz_store_export_iter **);
enum dz_err	 dz_store_export_next(struct dz_store_export_iter *,
		    const struct dz_store_export_row **rows, size_t *n);
void		 dz_store_export_close(struct dz_store_export_iter *);

/* One share link made (每天发送的记录). */
struct dz_store_send {
	char			 date[11];
	char			 time[6];
	char			 by[256];
	long long		 sid;
	char			 customer_code[64];
	char			 customer_name[256];
	char			 from[11];
	char			 to[11];
	int64_t			 closing;
	long long		 opens;
	char			 first_opened[17];
	enum dz_stmt_status	 status;
	int			 revoked;
	int			 expired;
	int			 answered;	/* an answer came through this link */
};

struct dz_store_sends {
	struct dz_store_send	*send;
	size_t			 n;
};

/*
 * The links made in an account set from one date to another (inclusive),
 * newest first, at most 1,000. Free with dz_store_sends_free.
 */
enum dz_err	 dz_store_sends(struct dz_db *, long long account_set_id, const char *from,
		    const char *to, struct dz_store_sends *);
void		 dz_store_sends_free(struct dz_store_sends *);

/* 操作记录: one audit row as the screen shows it. */
struct dz_store_audit {
	long long	 id;
	char		 at[20];		/* YYYY-MM-DD HH:MM:SS */
	char		 username[65];
	char		 action[33];
	char		 object[65];
	char		 detail[1001];
	char		 ip[46];
};

struct dz_store_audits {
	struct dz_store_audit	*row;
	size_t			 n;
	long long		 total;		/* rows matching, over every page, */
	int			 more;		/* ... or more than total (the bound) */
};

/* What 操作记录 filters on: NULL is any; dates YYYY-MM-DD, inclusive. */
struct dz_store_audit_filter {
	const char	*username;
	const char	*action;
	const char	*object;
	const char	*from, *to;
	long long	 limit, offset;
	long long	 count_max;	/* count the matches up to this */
};

/* The audit rows that match, newest first. Free with dz_store_audits_free. */
enum dz_err	 dz_store_audit_list(struct dz_db *, const struct dz_store_audit_filter *,
		    struct dz_store_audits *);
void		 dz_store_audits_free(struct dz_store_audits *);

struct dz_store_answers {
	struct dz_store_answer	*answer;
	size_t			 n;
};

/* Every answer to a statement, oldest first. Free with dz_store_answers_free. */
enum dz_err	 dz_store_answers(struct dz_db *, long long stmt_id, struct dz_store_answers *);
void		 dz_store_answers_free(struct dz_store_answers *);

/* One row of a statement's history (the audit trail). */
struct dz_store_event {
	char	 at[20];
	char	 user[256];
	char	 action[33];
	char	*detail;
	char	 ip[46];
};

struct dz_store_events {
	struct dz_store_event	*event;
	size_t			 n;
};

/* A statement's history, oldest first. Free with dz_store_events_free. */
enum dz_err	 dz_store_events(struct dz_db *, long long stmt_id, struct dz_store_events *);
void		 dz_store_events_free(struct dz_store_events *);

/* ---- 结算概览 (store_report.c) ------------------------------------ */

/*
 * One account set's statements made (created_at) from..to, deleted ones
 * left out: how many were made, shared (a link made), opened (a link
 * opened), answered (符合 or 不符合, by the customer or staff); their
 * 已收 and 欠款 (closing) sums; those still 未确认 made more than
 * stale_days ago and their 欠款 (the unanswered exposure); and the median
 * seconds from a statement's first share to its answer over the timed
 * ones (-1 when none).
 */
struct dz_store_overview {
	long long	 made, shared, opened, answered, agreed, disputed;
	int64_t		 received, closing;
	long long	 stale;
	int64_t		 stale_closing;
	long long	 timed;
	long long	 median_seconds;
};
/* The same, month by month ("YYYY-MM"), months with statements only. */
struct dz_store_month {
	char		 month[8];
	long long	 made, shared, opened, answered, agreed, disputed;
	int64_t		 closing, received;
	long long	 stale;
	int64_t		 stale_closing;
};
struct dz_store_months {
	struct dz_store_month	*v;
	size_t			 n;
};
/* *o and *months (free with dz_store_months_free) in one scan. */
enum dz_err	 dz_store_overview(struct dz_db *, long long set, const char *from,
		    const char *to, int stale_days, struct dz_store_overview *o,
		    struct dz_store_months *months);
void		 dz_store_months_free(struct dz_store_months *);

/* Customers with disputed statements in the period, most first (20 at most). */
struct dz_store_dispute {
	char		 code[64];
	char		 name[256];
	long long	 disputed, made;
	int64_t		 closing;	/* 欠款 of the disputed ones */
};
struct dz_store_disputes {
	struct dz_store_dispute	*v;
	size_t			 n;
};
enum dz_err	 dz_store_disputes(struct dz_db *, long long set, const char *from,
		    const char *to, struct dz_store_disputes *);
void		 dz_store_disputes_free(struct dz_store_disputes *);


/*
 * The statements whose period meets from..to (of customer, or of every
 * customer when NULL), by customer id, each customer's newest made first:
 * what the 对账报表 says of each month or customer.
 */
struct dz_store_state {
	char			 customer_id[64];
	long long		 id;
	enum dz_stmt_status	 status;
	char			 from[11], to[11];
};
struct dz_store_states {
	struct dz_store_state	*v;
	size_t			 n;
};
enum dz_err	 dz_store_states(struct dz_db *, long long set, const char *from,
		    const char *to, const char *customer, struct dz_store_states *);
void		 dz_store_states_free(struct dz_store_states *);

/* Statements made (created_at) from..to, by customer id: made, answered, 不符合. */
struct dz_store_answered {
	char		 customer_id[64];
	long long	 made, answered, disputed;
};
struct dz_store_answereds {
	struct dz_store_answered	*v;
	size_t				 n;
};
enum dz_err	 dz_store_answered(struct dz_db *, long long set, const char *from,
		    const char *to, struct dz_store_answereds *);
void		 dz_store_answereds_free(struct dz_store_answereds *);

#endif
