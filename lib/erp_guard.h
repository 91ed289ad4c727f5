/*
 * erp_guard.h: keeps one ERP target from taking the site down (private to
 * the gateway, lib/erp*.c). Two things, shared by every process of the
 * host through small files in a folder (ERP.StateDir):
 *
 *  - a circuit breaker per target (server, port and database): after a
 *    timeout, or DZ_ERP_GUARD_FAILS failures in a row, the target is
 *    "open" for ERP.BreakSeconds (4 s: a hung ERP then costs one worker a
 *    timeout every few seconds, and is served again within them once back): every query to it fails at once with
 *    the worded reason. After that the next query is the probe: if it
 *    works the breaker closes, if not it opens again.
 *  - a bound on concurrent work per target (ERP.MaxPerTarget slots,
 *    flock(2)ed files, so a worker that dies frees its slot): when every
 *    slot is taken the query waits for one (up to DZ_ERP_GUARD_WAIT_MS)
 *    only when the target's queries are quick (their running average
 *    under DZ_ERP_GUARD_QUICK_MS) and a holder is young; behind a slow or
 *    hung ERP it fails at once. So such an ERP holds at most that many
 *    workers, no worker waits behind it, and the others serve the other
 *    account sets.
 *
 * Without a folder (ERP.StateDir empty) nothing is guarded. The decisions
 * are made by dz_erp_breaker_* below, pure and unit-tested; the files only
 * carry their state between processes.
 */
#ifndef DZ_ERP_GUARD_H
#define DZ_ERP_GUARD_H

#include "dz.h"
#include "erp_dsn.h"

#define DZ_ERP_GUARD_FAILS	3	/* quick failures in a row that open it */
#define DZ_ERP_GUARD_WAIT_MS	1000	/* most a query waits for a slot */
#define DZ_ERP_GUARD_QUICK_MS	250	/* queries slower (on average) or a
					   holder older than this: do not wait */
#define DZ_ERP_GUARD_SLOTS_MAX	16

/* A breaker's state, as kept in its file. */
struct dz_erp_breaker {
	long long	 open_until_ms;	/* wall clock; 0: closed */
	int		 fails;		/* failures in a row */
	int		 last_err;	/* the error that opened it */
	int		 avg_ms;	/* the target's queries, a running average */
};

/* May a query go now (1), or must it fail at once (0)? */
int		 dz_erp_breaker_allow(const struct dz_erp_breaker *, long long now_ms);
/*
 * What a query's result does to the breaker: a success closes it; a
 * timeout opens it for break_s seconds; other ERP failures (refused,
 * unreachable, login) open it after DZ_ERP_GUARD_FAILS in a row. Returns
 * 1 when this call opened it.
 */
int		 dz_erp_breaker_record(struct dz_erp_breaker *, long long now_ms,
		    enum dz_err result, int break_s);

/* A query's time (ms) into the running average (weights 3:1). */
void		 dz_erp_breaker_time(struct dz_erp_breaker *, long long ms);

/* The guard's settings (from the config) and one process's open slot. */
struct erp_guard {
	char		 dir[256];	/* "": off */
	int		 max_per_target;
	int		 break_s;
};

struct erp_pass {
	int		 slot_fd;	/* -1: none held */
	char		 key[17];	/* the target's hash, hex */
	long long	 began_ms;	/* when its query began (0: no query) */
};

/*
 * Before a query to dsn: DZ_OK with a slot held (or nothing, when the
 * guard is off), or the reason to fail at once: DZ_ERR_ERP_TIMEOUT with
 * why set to the breaker's or the busy sentence (the caller's why buffer).
 */
enum dz_err	 erp_guard_enter(const struct erp_guard *, const struct dz_erp_dsn *,
		    struct erp_pass *, char *why, size_t whysz);
/* After it: the result moves the breaker; the slot is given back. */
void		 erp_guard_leave(const struct erp_guard *, struct erp_pass *,
		    enum dz_err result);

#endif /* DZ_ERP_GUARD_H */
