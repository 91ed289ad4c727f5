/* SOURCES: lib/aging.c lib/util.c */
/*
 * libFuzzer target: the 账龄分段 a user types (GET /reports/aging?buckets=),
 * through dz_aging_buckets_parse. What parses is 1..7 strictly increasing
 * limits of 1..3650 days that format back to a string that parses to the
 * same; what does not leaves the default. Every age falls in a bucket in
 * range, and laying a balance over debits always sums to it.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aging.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dz_aging_buckets	 b, c;
	struct dz_aging		 a;
	struct dz_aging_debit	 d;
	char			*s, buf[64];
	int64_t			 sum;
	size_t			 i;
	enum dz_err		 rc;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	rc = dz_aging_buckets_parse(s, &b);
	CHECK(rc == DZ_OK || rc == DZ_ERR_INVAL);
	CHECK(b.n >= 1 && b.n <= DZ_AGING_BUCKETS_MAX - 1);
	for (i = 0; i < b.n; i++) {
		CHECK(b.limit[i] >= 1 && b.limit[i] <= 3650);
		CHECK(i == 0 || b.limit[i] > b.limit[i - 1]);
	}
	if (rc != DZ_OK)
		CHECK(b.n == 4 && b.limit[0] == 30 && b.limit[3] == 180);
	dz_aging_buckets_format(&b, buf, sizeof(buf));
	CHECK(dz_aging_buckets_parse(buf, &c) == DZ_OK && c.n == b.n &&
	    memcmp(c.limit, b.limit, b.n * sizeof(b.limit[0])) == 0);
	/* the input's bytes as a ledger: a balance, then debits newest first */
	dz_aging_start(&a, size > 0 ? (int64_t)data[0] * 1000 - 50000 : 0);
	for (i = 1; i + 1 < size; i += 2) {
		d.day = 20000 - (long)i * data[i];
		d.amount = (int64_t)data[i + 1] * 37 - 1000;
		if (!dz_aging_debit(&a, &b, 20000, &d))
			break;
	}
	dz_aging_finish(&a, &b);
	for (sum = 0, i = 0; i <= b.n; i++)
		sum += a.bucket[i];
	CHECK(sum == a.balance);
	for (i = 0; i < 4000; i += 97)
		CHECK(dz_aging_bucket_of(&b, (long)i) <= b.n);
	free(s);
	return 0;
}
