/*
 * store_bulk.h: 月结 in the app store: bulk runs (批量生成) and their
 * customers, the statement a customer's next one is chained from, and the
 * 对账日 of customers and account sets. dz-month draws them, dz-admin
 * month-run works the runs (tools/month.c).
 *
 * A run is worked under a lease: a worker claims it (dz_bulk_claim) for
 * lease seconds and renews the lease at every customer (dz_bulk_renew);
 * a worker that dies leaves the lease to run out, and the next claim takes
 * the run over where it stopped. Each customer is one item, done once
 * (dz_bulk_item_done changes only a pending item); the statement it makes
 * holds its customer and period's key (store.h, dz_store_origin), so a
 * customer is never made twice, whichever worker or run tries.
 */
#ifndef DZ_STORE_BULK_H
#define DZ_STORE_BULK_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "store.h"

struct dz_db;

#define DZ_BULK_LEASE_S		30	/* seconds a claim holds a run */
#define DZ_BULK_CUSTOMERS_MAX	20000	/* customers one run takes */

struct dz_bulk_run {
	long long	 id;
	long long	 account_set_id;
	char		 from[11];
	char		 to[11];
	char		 filter[64];
	char		 origin[12];		/* "staff", "schedule" */
	long long	 sched_day;		/* a scheduled run's 对账日 (0: 月末) */
	long long	 sched_months;		/* and months; 0 for a staff run */
	char		 state[12];		/* queued running done cancelled failed */
	int		 listed;		/* its customers are written */
	long long	 total, made, kept, failed;
	long long	 created_by;		/* 0: none */
	char		 username[129];
	char		 created_at[20];
	char		 started_at[20];
	char		 finished_at[20];
	char		 worker[97];
	int		 leased;		/* a worker holds it now */
	char		 error[501];
};

/* A customer of a run and what became of it. */
struct dz_bulk_item {
	long long	 seq;
	char		 customer_id[64];
	char		 customer_code[64];
	char		 customer_name[256];
	char		 state[12];		/* pending made kept failed */
	long long	 statement_id;		/* 0: none */
	char		 error[501];
	int64_t		 closing;		/* the statement's 欠款金额 */
	char		 status[12];		/* the statement's, as stored */
	int		 deleted;		/* the statement is deleted */
};

/* A customer a run lists (dz_bulk_put_items). */
struct dz_bulk_cust {
	const char	*id;
	const char	*code;
	const char	*name;
};

/*
 * Queue a run of account set set for from..to (the customers whose code
 * or name holds filter, "" for all), by who (user 0: a scheduled run);
 * audit "bulk_create". A run of the same set, period and filter still
 * queued or running: DZ_ERR_CONFLICT with *id = that run, nothing made;
 * so is a scheduled run of a cut (set, period, day, months) made before,
 * whatever became of it (the timer asks again every few minutes).
 */
enum dz_err	 dz_bulk_create(struct dz_db *, long long set, const char *from,
		    const char *to, const char *filter, int scheduled, int sched_day,
		    int sched_months, const struct dz_actor *who, long long *id);

/* One run (of set, unless set is 0). DZ_ERR_NOTFOUND. */
enum dz_err	 dz_bulk_get(struct dz_db *, long long id, long long set,
		    struct dz_bulk_run *);

/* The newest max runs of set; free *out. */
enum dz_err	 dz_bulk_list(struct dz_db *, long long set, size_t max,
		    struct dz_bulk_run **out, size_t *n);

/*
 * A run's customers after seq after, in order, at most max; state NULL for
 * every state ("failed", "made" … for those). Free *out.
 */
enum dz_err	 dz_bulk_items(struct dz_db *, long long run, const char *state,
		    long long after, size_t max, struct dz_bulk_item **out, size_t *n);

/* 取消: a queued or running run stops at its next customer; audit
 * "bulk_cancel". DZ_ERR_CONFLICT when it is over already. */
enum dz_err	 dz_bulk_cancel(struct dz_db *, long long run, long long set,
		    const struct dz_actor *who);

/*
 * Claim a run to work as worker for lease seconds: run want, or the oldest
 * that waits (want 0): queued, or running with its lease run out.
 * DZ_ERR_NOTFOUND when there is none; *run then unchanged.
 */
enum dz_err	 dz_bulk_claim(struct dz_db *, const char *worker, long long want,
		    int lease, long long *run);

/* Hold the run lease seconds more. DZ_ERR_GONE: it is not ours any more
 * (cancelled, or taken over after our lease ran out). */
enum dz_err	 dz_bulk_renew(struct dz_db *, long long run, const char *worker,
		    int lease);

/* Write the run's customers (once: a run listed already keeps its own). */
enum dz_err	 dz_bulk_put_items(struct dz_db *, long long run,
		    const struct dz_bulk_cust *, size_t n);

/* Its next pending customers after seq after (items' state "pending"). */
enum dz_err	 dz_bulk_pending(struct dz_db *, long long run, long long after,
		    size_t max, struct dz_bulk_item **out, size_t *n);

enum dz_bulk_outcome { DZ_BULK_MADE, DZ_BULK_KEPT, DZ_BULK_FAILED };

/* A pending customer done: made or kept statement stmt, or failed (why);
 * the run's counts move with it. Done already: DZ_OK, nothing moves. */
enum dz_err	 dz_bulk_item_done(struct dz_db *, long long run, long long seq,
		    enum dz_bulk_outcome, long long stmt, const char *why);

/* The run is over (state "done" or "failed", error ""), if it is still
 * ours; audit "bulk_done". */
enum dz_err	 dz_bulk_finish(struct dz_db *, long long run, const char *worker,
		    const char *state, const char *error);

/* We cannot go on (why): the lease is given back for the next worker. */
enum dz_err	 dz_bulk_stop(struct dz_db *, long long run, const char *worker,
		    const char *why);

/*
 * The statement a new one of customer from date on chains from: the
 * latest 符合 one with an opening balance ending the day before.
 * DZ_ERR_NOTFOUND when there is none.
 */
enum dz_err	 dz_store_chain(struct dz_db *, long long set, const char *customer_id,
		    const char *from, long long *id, int64_t *closing);

/* A statement of the customer for exactly from..to, not deleted (the
 * oldest). DZ_ERR_NOTFOUND. */
enum dz_err	 dz_store_same_period(struct dz_db *, long long set,
		    const char *customer_id, const char *from, const char *to,
		    long long *id);

/* The statement holding the customer and period's key, and its run. */
enum dz_err	 dz_store_by_key(struct dz_db *, long long set, const char *customer_id,
		    const char *from, const char *to, long long *id, long long *run);

/* ---- 待跟进 ---------------------------------------------------------- */

/* A statement that waits: why is the caller's to say from these. */
struct dz_followup {
	long long	 id;
	char		 customer_code[64];
	char		 customer_name[256];
	char		 from[11];
	char		 to[11];
	char		 status[12];		/* pending disputed agreed */
	int64_t		 closing;		/* 欠款金额 */
	int64_t		 received;
	long long	 age;			/* days since it was made */
	long long	 links;			/* share links made */
	long long	 opened;		/* of them opened */
	char		 recon[8];		/* "diff": a 账目核对 difference waits */
	int		 drift;			/* the ERP changed under it (drift_state) */
};

#define DZ_FOLLOWUP_MAX	500

/* The account set's statements 未确认 for more than days, 不符合, with a
 * 账目核对 difference or with drift, oldest first, at most max. Free *out. */
enum dz_err	 dz_store_followup(struct dz_db *, long long set, int days, size_t max,
		    struct dz_followup **out, size_t *n);

/* ---- 对账日 ---------------------------------------------------------- */

struct dz_rday {
	char		 customer_id[64];
	char		 customer_code[64];
	char		 customer_name[256];
	long long	 day;			/* 0 (月末) or 1..28 (lib/month.h) */
	long long	 months;		/* 1, 2, 3, 6 or 12 */
};

/* An account set's default and whether runs are scheduled (by: the user
 * they run as, 0 for off). */
struct dz_rday_set {
	long long	 id;
	long long	 day;
	long long	 months;
	long long	 by;
};

enum dz_err	 dz_rday_list(struct dz_db *, long long set, struct dz_rday **out,
		    size_t *n);
enum dz_err	 dz_rday_put(struct dz_db *, long long set, const struct dz_rday *,
		    const struct dz_actor *who);
enum dz_err	 dz_rday_delete(struct dz_db *, long long set, const char *customer_id,
		    const struct dz_actor *who);
enum dz_err	 dz_rday_set_get(struct dz_db *, long long set, struct dz_rday_set *);
enum dz_err	 dz_rday_set_put(struct dz_db *, long long set, const struct dz_rday_set *,
		    const struct dz_actor *who);
/* Every account set with scheduled runs on. */
enum dz_err	 dz_rday_scheduled(struct dz_db *, struct dz_rday_set **out, size_t *n);

#endif /* DZ_STORE_BULK_H */
