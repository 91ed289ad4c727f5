/*
 * rollup.c: a period split over the rollups, and the median of a
 * histogram (rollup.h). Pure: the calendar is lib/clock's date
 * arithmetic on strings.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "clock.h"
#include "rollup.h"

struct ym {
	int		 y, m;
};

static int
ym_of(const char *date, struct ym *v, int *day)
{
	char	c;

	if (sscanf(date, "%4d-%2d-%2d%c", &v->y, &v->m, day, &c) != 3 ||
	    v->m < 1 || v->m > 12 || dz_date_day(date) < 0)
		return -1;
	return 0;
}

static int
ym_cmp(struct ym a, struct ym b)
{
	return a.y != b.y ? (a.y < b.y ? -1 : 1) : (a.m != b.m ? (a.m < b.m ? -1 : 1) : 0);
}

static struct ym
ym_add(struct ym v, int months)
{
	int	k = v.y * 12 + (v.m - 1) + months;

	v.y = k / 12;
	v.m = k % 12 + 1;
	return v;
}

static void
first_of(struct ym v, char out[DZ_DATE_LEN + 1])
{
	char	buf[32];

	snprintf(buf, sizeof(buf), "%04d-%02d-01", v.y, v.m);
	memcpy(out, buf, DZ_DATE_LEN);
	out[DZ_DATE_LEN] = '\0';
}

static void
range_set(struct dz_rollup_range *r, const char *from, const char *to)
{
	snprintf(r->from, sizeof(r->from), "%s", from);
	snprintf(r->to, sizeof(r->to), "%s", to);
}

int
dz_rollup_split(const char *from, const char *to, const char *today,
    struct dz_rollup_split *out)
{
	struct ym	 f, t, now, m1, m2, y1, y2;
	char		 a[DZ_DATE_LEN + 1], b[DZ_DATE_LEN + 1], end[DZ_DATE_LEN + 1];
	int		 fd, td, nd;

	memset(out, 0, sizeof(*out));
	if (ym_of(from, &f, &fd) != 0 || ym_of(to, &t, &td) != 0 ||
	    ym_of(today, &now, &nd) != 0 || strcmp(from, to) > 0)
		return -1;
	if (strcmp(to, today) >= 0) {
		/* nothing is made after today: to the end of to's year */
		t.m = 12;
		td = 31;
	}
	first_of(t, end);
	end[8] = (char)('0' + td / 10);
	end[9] = (char)('0' + td % 10);
	/* the whole months: m1 .. m2 */
	m1 = fd == 1 ? f : ym_add(f, 1);
	first_of(ym_add(t, 1), a);
	if (dz_date_add_days(a, -1, b) != 0)
		return -1;
	m2 = strcmp(b, end) == 0 ? t : ym_add(t, -1);
	if (ym_cmp(m1, m2) > 0) {
		range_set(&out->head, from, end);
		return 0;
	}
	if (fd != 1) {
		first_of(m1, a);
		if (dz_date_add_days(a, -1, b) != 0)
			return -1;
		range_set(&out->head, from, b);
	}
	if (ym_cmp(m2, t) != 0) {
		first_of(t, a);
		range_set(&out->tail, a, end);
	}
	/* the whole years among them: y1 .. y2 */
	y1.y = m1.m == 1 ? m1.y : m1.y + 1;
	y2.y = m2.m == 12 ? m2.y : m2.y - 1;
	y1.m = 1;
	y2.m = 1;
	if (y1.y > y2.y) {
		first_of(m1, a);
		first_of(m2, b);
		range_set(&out->months_a, a, b);
		return 0;
	}
	first_of(y1, a);
	first_of(y2, b);
	range_set(&out->years, a, b);
	if (ym_cmp(m1, y1) < 0) {
		first_of(m1, a);
		first_of(ym_add(y1, -1), b);
		range_set(&out->months_a, a, b);
	}
	y2.m = 12;
	if (ym_cmp(m2, y2) > 0) {
		first_of(ym_add(y2, 1), a);
		first_of(m2, b);
		range_set(&out->months_b, a, b);
	}
	return 0;
}

long long
dz_rollup_median(const struct dz_rollup_bin *b, size_t n, long long *count)
{
	long long	 total = 0, k1, k2, seen = 0, v1 = -1, v2 = -1;
	size_t		 i;

	for (i = 0; i < n; i++)
		if (b[i].n > 0)
			total += b[i].n;
	*count = total;
	if (total == 0)
		return -1;
	/* the middle answers, counting from 0 */
	k1 = (total - 1) / 2;
	k2 = total / 2;
	for (i = 0; i < n && v2 < 0; i++) {
		if (b[i].n <= 0)
			continue;
		if (v1 < 0 && k1 < seen + b[i].n)
			v1 = b[i].secs;
		if (k2 < seen + b[i].n)
			v2 = b[i].secs;
		seen += b[i].n;
	}
	return (v1 + v2) / 2;
}
