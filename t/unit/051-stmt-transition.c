/*
 * 051-stmt-transition: every action in every state. The expected outcome of
 * each is written out below (not derived from dz_stmt_allowed), so a
 * change to either the matrix or the transitions shows here.
 */
#include "config.h"

#include <string.h>

#include "dz.h"
#include "stmt.h"
#include "tap.h"

#define P	DZ_STMT_PENDING
#define A	DZ_STMT_AGREED
#define D	DZ_STMT_DISPUTED
#define Z	DZ_STMT_DELETED
#define NO	(-1)		/* refused: DZ_ERR_CONFLICT */

/* New status per action, in enum order: 收款 不符合确认 符合确认 取消确认
 * 反馈内容 分享 删除 | customer 符合, 不符合. */
static const struct {
	enum dz_stmt_status	 status;
	int64_t			 received;
	int			 want[DZ_ACT__MAX];
} cases[] = {
	{ P, 0,   { P,  D,  A,  NO, P, P, Z,   A,  D } },
	{ A, 0,   { A,  NO, NO, P,  A, A, Z,   NO, NO } },
	{ D, 0,   { D,  NO, NO, P,  D, D, Z,   NO, NO } },
	{ P, 500, { NO, D,  A,  NO, P, P, Z,   A,  D } },
	{ A, 500, { NO, NO, NO, P,  A, A, Z,   NO, NO } },
	{ D, 500, { NO, NO, NO, P,  D, D, Z,   NO, NO } },
};

static void
test_case(enum dz_stmt_status s, int64_t received, int a, int want)
{
	enum dz_stmt_status	 ns;
	int64_t			 nr;
	enum dz_err		 er;
	const int64_t		 amount = 12345;

	er = dz_stmt_transition(s, received, a, amount, &ns, &nr);
	if (want == NO) {
		is_int(er, DZ_ERR_CONFLICT, "%s, 已收 %lld: %s refused",
		    dz_stmt_status_name(s), (long long)received, dz_stmt_action_label(a));
		ok(ns == s && nr == received, "  state unchanged");
		return;
	}
	is_int(er, DZ_OK, "%s, 已收 %lld: %s allowed", dz_stmt_status_name(s),
	    (long long)received, dz_stmt_action_label(a));
	is_int(ns, want, "  new status %s", dz_stmt_status_name(want));
	is_int(nr, a == DZ_ACT_RECEIVE ? amount : received, "  received amount");
}

/* A statement's life as the flow tests will drive it. */
static void
test_story(void)
{
	enum dz_stmt_status	 s = P;
	int64_t			 r = 0;

	ok(dz_stmt_transition(s, r, DZ_ACT_ANSWER_DISPUTE, 0, &s, &r) == DZ_OK &&
	    s == D, "customer answers 不符合");
	is_int(dz_stmt_transition(s, r, DZ_ACT_ANSWER_AGREE, 0, &s, &r),
	    DZ_ERR_CONFLICT, "a second answer is refused");
	ok(dz_stmt_transition(s, r, DZ_ACT_CANCEL, 0, &s, &r) == DZ_OK && s == P,
	    "staff 取消确认: back to 未确认");
	ok(dz_stmt_transition(s, r, DZ_ACT_ANSWER_AGREE, 0, &s, &r) == DZ_OK &&
	    s == A, "customer may answer again: 符合");
	ok(dz_stmt_transition(s, r, DZ_ACT_RECEIVE, 80000, &s, &r) == DZ_OK &&
	    s == A && r == 80000, "收款 80000 fen");
	is_int(dz_stmt_transition(s, r, DZ_ACT_RECEIVE, 100, &s, &r),
	    DZ_ERR_CONFLICT, "收款 only once");
	ok(dz_stmt_transition(s, r, DZ_ACT_DELETE, 0, &s, &r) == DZ_OK && s == Z &&
	    r == 80000, "删除 keeps the received amount");
}

static void
test_bad(void)
{
	enum dz_stmt_status	 ns;
	int64_t			 nr;
	int			 a;

	for (a = 0; a < DZ_ACT__MAX; a++) {
		is_int(dz_stmt_transition(Z, 0, a, 100, &ns, &nr), DZ_ERR_GONE,
		    "deleted: %s gone", dz_stmt_action_label(a));
		ok(ns == Z && nr == 0, "  state unchanged");
	}
	is_int(dz_stmt_transition(P, 0, DZ_ACT_RECEIVE, 0, &ns, &nr), DZ_ERR_INVAL,
	    "收款 of 0 refused");
	ok(ns == P && nr == 0, "  state unchanged");
	is_int(dz_stmt_transition(P, 0, DZ_ACT_RECEIVE, -5, &ns, &nr), DZ_ERR_INVAL,
	    "收款 of a negative amount refused");
	is_int(dz_stmt_transition(P, 0, DZ_ACT_RECEIVE, 10000000000000000, &ns, &nr),
	    DZ_ERR_INVAL, "收款 over DECIMAL(18,2) refused");
	is_int(dz_stmt_transition(P, 0, DZ_ACT_RECEIVE, 9999999999999999, &ns, &nr),
	    DZ_OK, "收款 of the largest amount");
	is_int(dz_stmt_transition(P, -1, DZ_ACT_AGREE, 0, &ns, &nr), DZ_ERR_INVAL,
	    "negative received refused");
	is_int(dz_stmt_transition(DZ_STMT_STATUS__MAX, 0, DZ_ACT_AGREE, 0, &ns, &nr),
	    DZ_ERR_INVAL, "bad status");
	is_int(dz_stmt_transition(P, 0, DZ_ACT__MAX, 0, &ns, &nr), DZ_ERR_INVAL,
	    "bad action");
	is_int(dz_stmt_transition(P, 0, (enum dz_stmt_action)-3, 0, &ns, &nr),
	    DZ_ERR_INVAL, "negative action");
}

static void
test_desc(void)
{
	char		 long_ok[3 * DZ_STMT_DESC_MAX + 1], long_bad[DZ_STMT_DESC_MAX + 2];
	const char	*why;
	int		 i;

	for (i = 0; i < DZ_STMT_DESC_MAX; i++)
		memcpy(long_ok + 3 * i, "款", 3);	/* 3 bytes, 1 character */
	long_ok[3 * DZ_STMT_DESC_MAX] = '\0';
	memset(long_bad, 'x', DZ_STMT_DESC_MAX + 1);
	long_bad[DZ_STMT_DESC_MAX + 1] = '\0';

	is_int(dz_stmt_desc_check(DZ_ACT_ANSWER_DISPUTE, "此笔款我会下周付到贵公司账户",
	    &why), DZ_OK, "不符合 with a description");
	is_int(dz_stmt_desc_check(DZ_ACT_ANSWER_DISPUTE, " \n ", &why), DZ_ERR_INVAL,
	    "不符合 with only spaces");
	is_str(why, "请填写不符合的原因", "  says what to do");
	is_int(dz_stmt_desc_check(DZ_ACT_DISPUTE, NULL, &why), DZ_ERR_INVAL,
	    "staff 不符合确认 needs one too");
	is_int(dz_stmt_desc_check(DZ_ACT_ANSWER_AGREE, "", &why), DZ_OK,
	    "符合 needs none");
	is_int(dz_stmt_desc_check(DZ_ACT_AGREE, NULL, &why), DZ_OK, "符合确认 needs none");
	is_int(dz_stmt_desc_check(DZ_ACT_ANSWER_DISPUTE, long_ok, &why), DZ_OK,
	    "500 Chinese characters (1500 bytes)");
	is_int(dz_stmt_desc_check(DZ_ACT_ANSWER_AGREE, long_bad, &why), DZ_ERR_INVAL,
	    "501 characters");
	is_str(why, "描述最多 500 个字", "  says the limit");
}

int
main(void)
{
	size_t	 i;
	int	 a;

	for (i = 0; i < DZ_NELEM(cases); i++) {
		unsigned int	 mask = 0;

		for (a = 0; a < DZ_ACT__MAX; a++) {
			test_case(cases[i].status, cases[i].received, a, cases[i].want[a]);
			if (cases[i].want[a] != NO)
				mask |= DZ_ACT_BIT(a);
		}
		/* buttons drawn and actions accepted are one and the same */
		is_int(dz_stmt_allowed(cases[i].status, cases[i].received) |
		    dz_stmt_customer_allowed(cases[i].status), mask,
		    "case %zu: allowed() agrees with transition()", i + 1);
	}
	test_story();
	test_bad();
	test_desc();
	return done_testing();
}
