/*
 * 050-stmt-matrix: the vendor's action matrix (DESIGN §4, manual cases ①-⑥)
 * and nothing else: the expected buttons are written out here as the manual
 * lists them, and compared with what dz_stmt_allowed() returns.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dz.h"
#include "stmt.h"
#include "tap.h"

static const struct {
	const char		*name;
	enum dz_stmt_status	 status;
	int64_t			 received;
	const char		*buttons;
} cases[] = {
	{ "① 未确认, 已收 0", DZ_STMT_PENDING, 0,
	  "收款 不符合确认 符合确认 反馈内容 分享 删除" },
	{ "② 符合, 已收 0", DZ_STMT_AGREED, 0,
	  "收款 取消确认 反馈内容 分享 删除" },
	{ "③ 不符合, 已收 0", DZ_STMT_DISPUTED, 0,
	  "收款 取消确认 反馈内容 分享 删除" },
	{ "④ 未确认, 已收 > 0", DZ_STMT_PENDING, 1,
	  "不符合确认 符合确认 反馈内容 分享 删除" },
	{ "⑤ 符合, 已收 > 0", DZ_STMT_AGREED, 123456,
	  "取消确认 反馈内容 分享 删除" },
	{ "⑥ 不符合, 已收 > 0", DZ_STMT_DISPUTED, 9999999999999999,
	  "取消确认 反馈内容 分享 删除" },
};

/* The labels of the set bits, in enum (= button) order, space separated. */
static const char *
labels(unsigned int mask)
{
	static char	 buf[512];
	int		 a;

	buf[0] = '\0';
	for (a = 0; a < DZ_ACT__MAX; a++)
		if (mask & DZ_ACT_BIT(a)) {
			if (buf[0] != '\0')
				strcat(buf, " ");
			strcat(buf, dz_stmt_action_label((enum dz_stmt_action)a));
		}
	return buf;
}

static void
test_codes(void)
{
	enum dz_stmt_status	 s;
	enum dz_stmt_action	 a;
	int			 i;

	for (i = 0; i < DZ_STMT_STATUS__MAX; i++) {
		ok(dz_stmt_status_from_code(dz_stmt_status_code(i), &s) == DZ_OK &&
		    (int)s == i, "status code %s round-trips", dz_stmt_status_code(i));
	}
	is_str(dz_stmt_status_code(DZ_STMT_PENDING), "pending", "pending");
	is_str(dz_stmt_status_code(DZ_STMT_AGREED), "agreed", "agreed");
	is_str(dz_stmt_status_code(DZ_STMT_DISPUTED), "disputed", "disputed");
	is_str(dz_stmt_status_name(DZ_STMT_PENDING), "未确认", "未确认");
	is_str(dz_stmt_status_name(DZ_STMT_AGREED), "符合", "符合");
	is_str(dz_stmt_status_name(DZ_STMT_DISPUTED), "不符合", "不符合");
	is_str(dz_stmt_status_name(DZ_STMT_STATUS__MAX), "", "bad status: empty name");
	is_int(dz_stmt_status_from_code("Pending", &s), DZ_ERR_INVAL, "codes are exact");
	is_int(dz_stmt_status_from_code(NULL, &s), DZ_ERR_INVAL, "NULL code");
	for (i = 0; i < DZ_ACT__MAX; i++)
		ok(dz_stmt_action_from_code(dz_stmt_action_code(i), &a) == DZ_OK &&
		    (int)a == i && dz_stmt_action_label(i)[0] != '\0',
		    "action %s round-trips, has a label", dz_stmt_action_code(i));
	is_int(dz_stmt_action_from_code("drop", &a), DZ_ERR_INVAL, "unknown action");
	is_str(dz_stmt_action_label(DZ_ACT__MAX), "", "bad action: empty label");
}

int
main(void)
{
	size_t		 i;
	unsigned int	 m;

	for (i = 0; i < DZ_NELEM(cases); i++) {
		m = dz_stmt_allowed(cases[i].status, cases[i].received);
		is_str(labels(m), cases[i].buttons, "%s", cases[i].name);
		is_int(m & ~DZ_ACT_STAFF, 0, "%s: no customer answer among them",
		    cases[i].name);
	}
	is_int(dz_stmt_allowed(DZ_STMT_DELETED, 0), 0, "deleted, 0: nothing");
	is_int(dz_stmt_allowed(DZ_STMT_DELETED, 100), 0, "deleted, > 0: nothing");
	is_int(dz_stmt_allowed(DZ_STMT_STATUS__MAX, 0), 0, "bad status: nothing");
	is_int(dz_stmt_allowed((enum dz_stmt_status)-1, 0), 0, "negative status: nothing");
	is_int(dz_stmt_allowed(DZ_STMT_PENDING, -1), 0, "negative received: nothing");
	is_int(dz_stmt_allowed(DZ_STMT_PENDING, 10000000000000000), 0,
	    "received over DECIMAL(18,2): nothing");

	is_str(labels(dz_stmt_customer_allowed(DZ_STMT_PENDING)), "符合 不符合",
	    "customer may answer while 未确认");
	is_int(dz_stmt_customer_allowed(DZ_STMT_AGREED), 0, "not after 符合");
	is_int(dz_stmt_customer_allowed(DZ_STMT_DISPUTED), 0, "not after 不符合");
	is_int(dz_stmt_customer_allowed(DZ_STMT_DELETED), 0, "not once deleted");
	test_codes();
	return done_testing();
}
