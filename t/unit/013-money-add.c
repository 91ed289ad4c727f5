/* dz_money_add / dz_money_sub report overflow instead of wrapping. */
#include "config.h"

#include <stdint.h>

#include "money.h"
#include "tap.h"

static const struct {
	int64_t	 a, b;
	int	 add_ok, sub_ok;
	int64_t	 sum, diff;
} rows[] = {
	{ 1, 2, 1, 1, 3, -1 },
	{ -5, 5, 1, 1, 0, -10 },
	{ DZ_MONEY_MAX, DZ_MONEY_MAX, 1, 1, 2 * DZ_MONEY_MAX, 0 },
	{ INT64_MAX, 1, 0, 1, 0, INT64_MAX - 1 },
	{ INT64_MAX, -1, 1, 0, INT64_MAX - 1, 0 },
	{ INT64_MIN, -1, 0, 1, 0, INT64_MIN + 1 },
	{ INT64_MIN, 1, 1, 0, INT64_MIN + 1, 0 },
	{ 0, INT64_MIN, 1, 0, INT64_MIN, 0 },
	{ INT64_MAX, INT64_MIN, 1, 0, -1, 0 },
};

int
main(void)
{
	size_t	 i;
	int64_t	 out;

	for (i = 0; i < DZ_NELEM(rows); i++) {
		out = 42;
		if (rows[i].add_ok) {
			ok(dz_money_add(rows[i].a, rows[i].b, &out) == DZ_OK &&
			    out == rows[i].sum, "row %zu: add", i);
		} else {
			ok(dz_money_add(rows[i].a, rows[i].b, &out) ==
			    DZ_ERR_INVAL && out == 42, "row %zu: add overflows", i);
		}
		out = 42;
		if (rows[i].sub_ok) {
			ok(dz_money_sub(rows[i].a, rows[i].b, &out) == DZ_OK &&
			    out == rows[i].diff, "row %zu: sub", i);
		} else {
			ok(dz_money_sub(rows[i].a, rows[i].b, &out) ==
			    DZ_ERR_INVAL && out == 42, "row %zu: sub overflows", i);
		}
	}
	return done_testing();
}
