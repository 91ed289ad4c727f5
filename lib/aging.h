/*
 * aging.h: receivables analytics, pure (no I/O): 账龄 buckets of a
 * customer's balance on a date, days to pay and DSO. Amounts in int64 fen,
 * dates as day numbers (dz_date_day, lib/clock.h).
 *
 * Aging is balance-forward FIFO: receipts, returns and credits pay the
 * oldest debts first, so what is still open on the date is made of the
 * newest debits (sales, 应收款增加). Dates are day numbers (lib/clock.h
 * dz_date_day), so this file needs no calendar. The balance is laid over the debits
 * from the newest back until it is covered; each piece goes into the
 * bucket of its age (the date minus the debit's date). What no debit on
 * record covers (an opening balance older than the ledger) is the oldest
 * bucket's. A balance of zero or less (nothing owed, or 预收) is all in
 * the first bucket. So the buckets always sum exactly to the balance.
 */
#ifndef DZ_AGING_H
#define DZ_AGING_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"

#define DZ_AGING_BUCKETS_MAX	8
/* The default buckets: 0-30, 31-60, 61-90, 91-180, 180+ days. */
#define DZ_AGING_DEFAULT	"30,60,90,180"

/*
 * Bucket limits: bucket i holds ages up to limit[i] days (inclusive) and
 * above the one before; the last bucket (index n) holds everything older.
 * So n limits make n + 1 buckets.
 */
struct dz_aging_buckets {
	int		 limit[DZ_AGING_BUCKETS_MAX - 1];
	size_t		 n;
};

/*
 * Parse "30,60,90,180": 1..DZ_AGING_BUCKETS_MAX-1 strictly increasing
 * whole numbers of days, 1..3650, comma-separated (spaces allowed).
 * DZ_ERR_INVAL otherwise; *b is then the default.
 */
enum dz_err	 dz_aging_buckets_parse(const char *s, struct dz_aging_buckets *b);
/* "30,60,90,180" back (buf of 64 bytes is always enough). */
char		*dz_aging_buckets_format(const struct dz_aging_buckets *, char *buf,
		    size_t sz);

/* A debit: a document that raised the receivable. */
struct dz_aging_debit {
	long		 day;		/* its date, dz_date_day */
	int64_t		 amount;	/* fen, > 0 (others are skipped) */
};

struct dz_aging {
	int64_t		 bucket[DZ_AGING_BUCKETS_MAX];	/* n + 1 of them used */
	int64_t		 balance;			/* their sum */
	long		 oldest;	/* age in days of the oldest open debit; -1: none */
	int		 uncovered;	/* part of the balance older than every debit
					 * given (the caller may give only those
					 * younger than the oldest bucket) */
};

/* Start a customer: its balance on the date; *a zeroed. */
void		 dz_aging_start(struct dz_aging *a, int64_t balance);
/*
 * Lay the next debit over what is still open, newest first (callers give
 * them in descending date order; a debit dated after asof is skipped).
 * Returns 1 while some balance remains open, 0 once it is covered.
 */
int		 dz_aging_debit(struct dz_aging *a, const struct dz_aging_buckets *,
		    long asof, const struct dz_aging_debit *d);
/* The rest of the balance no debit covered goes to the oldest bucket. */
void		 dz_aging_finish(struct dz_aging *a, const struct dz_aging_buckets *);

/* The bucket an age in days falls in (0..b->n). */
size_t		 dz_aging_bucket_of(const struct dz_aging_buckets *, long age);

/*
 * Days to pay: credits allocated FIFO to the debits in date order. A
 * receipt's pieces weigh their amount by the days from the debit to the
 * receipt; a credit that is no payment (a return, 应收款减少: counts 0)
 * clears the oldest debts without counting. debits and credits are each
 * in ascending date order. *paid is what receipts paid, *weighted_days
 * its weighted mean (rounded to the nearest day; 0 when nothing was
 * paid). Debits still open at the end do not count. DZ_ERR_TOOBIG if the
 * weights overflow.
 */
struct dz_aging_move {
	long		 day;
	int64_t		 amount;	/* fen, > 0 */
	int		 counts;	/* a credit: 1 for a payment */
};
enum dz_err	 dz_aging_days_to_pay(const struct dz_aging_move *debits, size_t nd,
		    const struct dz_aging_move *credits, size_t nc,
		    int64_t *paid, long *weighted_days);

/*
 * DSO for a period of days: closing receivable / credit sales of the period
 * * days, rounded to a tenth of a day (returned as tenths). -1 when there
 * were no sales (undefined); a balance of zero or less is 0.
 */
long		 dz_aging_dso_tenths(int64_t receivable, int64_t sales, long days);

#endif /* DZ_AGING_H */
