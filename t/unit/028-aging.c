/*
 * 028-aging: 账龄 by balance-forward FIFO (lib/aging), with hand-made
 * ledgers whose buckets were worked out on paper; the buckets always sum
 * to the balance; days to pay by FIFO allocation; DSO.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "aging.h"
#include "clock.h"
#include "tap.h"

static long
D(const char *s)
{
	return dz_date_day(s);
}

/* Age the balance over debits (dates newest first) as of asof. */
static void
age(struct dz_aging *a, const struct dz_aging_buckets *b, const char *asof,
    int64_t balance, const char *const *dates, const int64_t *amounts, size_t n)
{
	struct dz_aging_debit	d;
	size_t			i;

	dz_aging_start(a, balance);
	for (i = 0; i < n; i++) {
		d.day = D(dates[i]);
		d.amount = amounts[i];
		if (!dz_aging_debit(a, b, D(asof), &d))
			break;
	}
	dz_aging_finish(a, b);
}

static int64_t
sum(const struct dz_aging *a, const struct dz_aging_buckets *b)
{
	int64_t	s = 0;
	size_t	i;

	for (i = 0; i <= b->n; i++)
		s += a->bucket[i];
	return s;
}

int
main(void)
{
	struct dz_aging_buckets	 b, c;
	struct dz_aging		 a;
	char			 buf[64];
	int64_t			 paid;
	long			 days;

	/* buckets */
	ok(dz_aging_buckets_parse(DZ_AGING_DEFAULT, &b) == DZ_OK, "the default parses");
	is_int((long long)b.n, 4, "four limits, five buckets");
	is_str(dz_aging_buckets_format(&b, buf, sizeof(buf)), "30,60,90,180", "formatted back");
	ok(dz_aging_buckets_parse(" 15, 30 ,45", &c) == DZ_OK && c.n == 3 && c.limit[2] == 45,
	    "spaces allowed: 15,30,45");
	ok(dz_aging_buckets_parse("30,30", &c) == DZ_ERR_INVAL, "not increasing: refused");
	ok(dz_aging_buckets_parse("60,30", &c) == DZ_ERR_INVAL, "decreasing: refused");
	ok(dz_aging_buckets_parse("", &c) == DZ_ERR_INVAL, "empty: refused");
	ok(dz_aging_buckets_parse("0,30", &c) == DZ_ERR_INVAL, "0 days: refused");
	ok(dz_aging_buckets_parse("30,3651", &c) == DZ_ERR_INVAL, "over ten years: refused");
	ok(dz_aging_buckets_parse("30,", &c) == DZ_ERR_INVAL, "trailing comma: refused");
	ok(dz_aging_buckets_parse("30;60", &c) == DZ_ERR_INVAL, "other separator: refused");
	ok(dz_aging_buckets_parse("1,2,3,4,5,6,7", &c) == DZ_OK && c.n == 7, "seven limits: eight buckets");
	ok(dz_aging_buckets_parse("1,2,3,4,5,6,7,8", &c) == DZ_ERR_INVAL, "eight limits: too many");
	ok(dz_aging_buckets_parse("99999", &c) == DZ_ERR_INVAL && c.n == 4, "refused: the default stays");
	is_int((long long)dz_aging_bucket_of(&b, 0), 0, "age 0: bucket 0-30");
	is_int((long long)dz_aging_bucket_of(&b, 30), 0, "age 30: bucket 0-30");
	is_int((long long)dz_aging_bucket_of(&b, 31), 1, "age 31: bucket 31-60");
	is_int((long long)dz_aging_bucket_of(&b, 180), 3, "age 180: bucket 91-180");
	is_int((long long)dz_aging_bucket_of(&b, 181), 4, "age 181: 180+");

	/*
	 * Sales 1,000 on 09-01 (91 days before 12-01), 500 on 10-15 (47),
	 * 300 on 11-20 (11); receipts of 1,200 since. Balance 600: the
	 * newest 300 is 0-30, 300 of the 500 is 31-60, the 09-01 sale paid.
	 */
	{
		const char *dates[] = { "2026-11-20", "2026-10-15", "2026-09-01" };
		const int64_t amts[] = { 30000, 50000, 100000 };

		age(&a, &b, "2026-12-01", 60000, dates, amts, 3);
		is_int(a.bucket[0], 30000, "FIFO: 300.00 in 0-30");
		is_int(a.bucket[1], 30000, "FIFO: 300.00 of the 500.00 in 31-60");
		is_int(a.bucket[2] + a.bucket[3] + a.bucket[4], 0, "FIFO: the old sale paid");
		is_int(sum(&a, &b), 60000, "the buckets sum to the balance");
		is_int(a.oldest, 47, "oldest open debit: 47 days");
		ok(!a.uncovered, "every fen covered by a debit");

		/* Balance 1,800: all three open, exactly */
		age(&a, &b, "2026-12-01", 180000, dates, amts, 3);
		is_int(a.bucket[0], 30000, "all open: 0-30");
		is_int(a.bucket[1], 50000, "all open: 31-60");
		is_int(a.bucket[3], 100000, "all open: 91 days is 91-180");
		is_int(sum(&a, &b), 180000, "sum = balance");

		/* Balance 2,000: 200 more than any debit on record (an opening
		 * balance from before): the oldest bucket */
		age(&a, &b, "2026-12-01", 200000, dates, amts, 3);
		is_int(a.bucket[4], 20000, "uncovered 200.00 in 180+");
		ok(a.uncovered, "... and flagged");
		is_int(sum(&a, &b), 200000, "sum = balance");

		/* As of 11-19: the 11-20 sale is in the future and skipped */
		age(&a, &b, "2026-11-19", 50000, dates, amts, 3);
		is_int(a.bucket[1], 50000, "as of 11-19: the 500.00 of 10-15 is 35 days: 31-60");
		is_int(a.bucket[0], 0, "a sale after the date counts nowhere");

		/* 预收: a negative balance is all current */
		age(&a, &b, "2026-12-01", -958257, dates, amts, 3);
		is_int(a.bucket[0], -958257, "预收 -9,582.57 in the first bucket");
		is_int(sum(&a, &b), -958257, "sum = balance");
		is_int(a.oldest, -1, "no open debit");

		age(&a, &b, "2026-12-01", 0, dates, amts, 3);
		is_int(sum(&a, &b), 0, "zero balance: all buckets 0");

		/* no debits at all: the balance is older than the ledger */
		age(&a, &b, "2026-12-01", 12345, dates, amts, 0);
		is_int(a.bucket[4], 12345, "no debit: 180+");
	}
	/* a zero or negative debit (a red row) is passed over */
	{
		const char *dates[] = { "2026-11-30", "2026-11-29", "2026-06-01" };
		const int64_t amts[] = { -500, 0, 10000 };

		age(&a, &b, "2026-12-01", 7000, dates, amts, 3);
		is_int(a.bucket[4], 7000, "negative and zero debits skipped: the 06-01 sale, 183 days");
		ok(!a.uncovered, "covered by it");
	}

	/* days to pay */
	{
		/* sale 100 on 01-01, 100 on 01-11; receipt 150 on 01-21, 50 on 02-10 */
		struct dz_aging_move d[2], r[3];

		d[0] = (struct dz_aging_move){ D("2026-01-01"), 10000, 0 };
		d[1] = (struct dz_aging_move){ D("2026-01-11"), 10000, 0 };
		r[0] = (struct dz_aging_move){ D("2026-01-21"), 15000, 1 };
		r[1] = (struct dz_aging_move){ D("2026-02-10"), 5000, 1 };
		ok(dz_aging_days_to_pay(d, 2, r, 2, &paid, &days) == DZ_OK, "days to pay");
		/* 100x20 + 50x10 + 50x30 = 4000 / 200 = 20 */
		is_int(paid, 20000, "all 200.00 allocated");
		is_int(days, 20, "weighted: (100x20 + 50x10 + 50x30) / 200 = 20 days");

		ok(dz_aging_days_to_pay(d, 2, r, 1, &paid, &days) == DZ_OK, "one receipt");
		/* 100x20 + 50x10 = 2500 / 150 = 16.7 -> 17 */
		is_int(paid, 15000, "150.00 allocated, 50.00 still open");
		is_int(days, 17, "weighted 16.7 rounds to 17");

		ok(dz_aging_days_to_pay(d, 2, r, 0, &paid, &days) == DZ_OK && paid == 0 && days == 0,
		    "nothing paid: 0, 0");
		r[0].day = D("2025-12-25");
		ok(dz_aging_days_to_pay(d, 1, r, 1, &paid, &days) == DZ_OK && paid == 10000 && days == 0,
		    "paid ahead counts as 0 days");

		/* a return of 80 on 01-05 clears most of the first sale without
		 * counting; the receipt of 120 on 01-31 pays 20 of it (30 days)
		 * and 100 of the second (20 days): (20x30 + 100x20) / 120 = 21.7 */
		r[0] = (struct dz_aging_move){ D("2026-01-05"), 8000, 0 };
		r[1] = (struct dz_aging_move){ D("2026-01-31"), 12000, 1 };
		ok(dz_aging_days_to_pay(d, 2, r, 2, &paid, &days) == DZ_OK, "a return, then a receipt");
		is_int(paid, 12000, "the return is not a payment: 120.00 paid");
		is_int(days, 22, "(20x30 + 100x20) / 120 = 21.7: 22 days");
	}

	/* DSO */
	is_int(dz_aging_dso_tenths(50000, 150000, 90), 300, "DSO: 500 / 1,500 x 90 = 30.0 days");
	is_int(dz_aging_dso_tenths(10000, 30000, 31), 103, "DSO 10.33 -> 10.3");
	is_int(dz_aging_dso_tenths(10000, 0, 31), -1, "no sales: undefined");
	is_int(dz_aging_dso_tenths(-500, 30000, 31), 0, "credit balance: 0");
	return done_testing();
}
