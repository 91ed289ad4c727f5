/*
 * t/bench/match: lib/match alone on a month-end of a large customer: N of
 * our documents against N rows of theirs (default 10,000 each), made from
 * a seeded generator: 80 % booked alike (a day or two later, some with our
 * number in their memo), 5 % with a small difference (freight, rounding),
 * 5 % of ours booked by them as one row for two or three, 5 % only ours
 * (some near the period's end), the rest of theirs (up to N) only theirs. Best of R
 * runs beside the budget (issue 14: 10,000 x 10,000 <= 0.2 s).
 *   match [-n rows] [-r runs]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dz.h"
#include "match.h"

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned long long	seed = 0x9e3779b97f4a7c15ULL;

static unsigned long
rnd(unsigned long n)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return (unsigned long)((seed * 0x2545f4914f6cdd1dULL) >> 33) % n;
}

int
main(int argc, char **argv)
{
	struct dz_match_row	*o, *t;
	struct dz_match_opts	 op;
	struct dz_match_result	 res;
	char			(*num)[24], (*memo)[40];
	size_t			 n = 10000, runs = 3, i, nt = 0, r, k;
	int64_t			 closing = 0;
	long			 base = 20000, end = base + 30;
	double			 t0, best = -1, d;
	int			 ch;

	while ((ch = getopt(argc, argv, "n:r:")) != -1)
		switch (ch) {
		case 'n': n = strtoul(optarg, NULL, 10); break;
		case 'r': runs = strtoul(optarg, NULL, 10); break;
		default:
			fprintf(stderr, "usage: match [-n rows] [-r runs]\n");
			return 2;
		}
	if (n == 0 || n > DZ_MATCH_ROWS_MAX || runs == 0)
		return 2;
	o = calloc(n, sizeof(*o));
	t = calloc(n, sizeof(*t));
	num = calloc(n, sizeof(*num));
	memo = calloc(n, sizeof(*memo));
	if (o == NULL || t == NULL || num == NULL || memo == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		snprintf(num[i], sizeof(num[i]), "XS-2026-%06zu", i);
		o[i].day = base + (long)rnd(31);
		o[i].ref = num[i];
		o[i].memo = "";
		o[i].amount = (int64_t)(rnd(5) == 0 ? -1 : 1) * (int64_t)(1000 + rnd(5000000));
		closing += o[i].amount;
	}
	for (i = 0; i < n && nt < n; i++) {
		r = rnd(100);
		memo[nt][0] = '\0';
		if (r < 80) {			/* booked alike */
			t[nt] = o[i];
			t[nt].day = o[i].day + (long)rnd(3);
			t[nt].ref = "";
			if (rnd(2) == 0)
				snprintf(memo[nt], sizeof(memo[nt]), "货款 %s", num[i]);
			t[nt].memo = memo[nt];
			nt++;
		} else if (r < 85) {		/* a small difference */
			t[nt] = o[i];
			t[nt].ref = "";
			t[nt].memo = "";
			t[nt].amount += o[i].amount > 0 ? -500 : 500;
			nt++;
		} else if (r < 90 && i + 2 < n) { /* two or three of ours as one */
			k = 2 + rnd(2);
			if (i + k > n)
				k = n - i;
			t[nt].day = o[i].day;
			t[nt].ref = "";
			t[nt].memo = "";
			t[nt].amount = 0;
			for (r = 0; r < k; r++) {
				o[i + r].day = o[i].day;
				if ((o[i + r].amount > 0) != (o[i].amount > 0))
					o[i + r].amount = -o[i + r].amount, closing += 2 * o[i + r].amount;
				t[nt].amount += o[i + r].amount;
			}
			nt++;
			i += k - 1;
		} else if (r < 95)		/* only ours */
			continue;
		else {				/* only theirs */
			t[nt].day = base + (long)rnd(31);
			t[nt].ref = "";
			t[nt].memo = "";
			t[nt].amount = 1000 + (int64_t)rnd(300000);
			nt++;
		}
	}
	for (; nt < n; nt++) {		/* theirs up to n: only theirs */
		t[nt].day = base + (long)rnd(31);
		t[nt].ref = "";
		t[nt].memo = "";
		t[nt].amount = 1000 + (int64_t)rnd(300000);
	}
	dz_match_opts_default(&op, end);
	for (r = 0; r < runs; r++) {
		memset(&res, 0, sizeof(res));
		t0 = now();
		if (dz_match(o, n, t, nt, 0, closing, NULL, NULL, &op, &res) != DZ_OK) {
			fprintf(stderr, "match: dz_match failed\n");
			return 1;
		}
		d = now() - t0;
		printf("# run %zu: %.3f s, %zu lines (exact %zu, amount %zu, split %zu, timing %zu, "
		    "only ours %zu, only theirs %zu), unexplained %lld\n", r + 1, d, res.nlines,
		    res.recon.count[DZ_MATCH_EXACT], res.recon.count[DZ_MATCH_AMOUNT],
		    res.recon.count[DZ_MATCH_SPLIT],
		    res.recon.count[DZ_MATCH_TIMING_OURS] + res.recon.count[DZ_MATCH_TIMING_THEIRS],
		    res.recon.count[DZ_MATCH_ONLY_OURS], res.recon.count[DZ_MATCH_ONLY_THEIRS],
		    (long long)res.recon.unexplained);
		dz_match_result_free(&res);
		if (best < 0 || d < best)
			best = d;
	}
	printf("match %zu x %zu: %.3f s (budget <= 0.2 s, ratio %.2f): %s\n", n, nt, best,
	    best / 0.2, best <= 0.2 ? "ok" : "OVER BUDGET");
	return 0;
}
