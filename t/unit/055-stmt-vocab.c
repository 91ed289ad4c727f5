/*
 * 055-stmt-vocab: lib/stmt as the one source of the statement's codes and
 * of what each action is. The expected flags are the vendor's screens
 * (DESIGN §4): which buttons open a form, which only read, which ask "are
 * you sure", which take an amount or a description.
 */
#include "config.h"

#include <string.h>

#include "dz.h"
#include "stmt.h"
#include "tap.h"

#define F	DZ_ACTF_FORM
#define R	DZ_ACTF_READ
#define X	DZ_ACTF_DANGER
#define A	DZ_ACTF_AMOUNT
#define D	DZ_ACTF_DESC
#define N	DZ_ACTF_DESC_NEEDED
#define S	DZ_ACTF_SURE

static const struct {
	enum dz_stmt_action	 act;
	const char		*code;
	unsigned int		 flags;
} acts[] = {
	{ DZ_ACT_RECEIVE, "receive", F | A },		/* 收款: amount, date, note */
	{ DZ_ACT_DISPUTE, "dispute", F | D | N },	/* 不符合确认: why, required */
	{ DZ_ACT_AGREE, "agree", F | D },		/* 符合确认: a note, optional */
	{ DZ_ACT_CANCEL, "cancel", F | S },		/* 取消确认: are you sure */
	{ DZ_ACT_FEEDBACK, "feedback", R },		/* 反馈内容: reading only */
	{ DZ_ACT_SHARE, "share", 0 },			/* 分享: its own page */
	{ DZ_ACT_DELETE, "delete", F | S | X },		/* 删除: sure, no way back */
	{ DZ_ACT_ANSWER_AGREE, "answer_agree", D },	/* the customer's 符合 */
	{ DZ_ACT_ANSWER_DISPUTE, "answer_dispute", D | N },
};

static const struct {
	enum dz_doc_type	 type;
	const char		*code, *group;
	enum dz_doc_group	 g;
	int			 lines, dflt;
} docs[] = {
	{ DZ_DOC_SALE, "sale", "sale", DZ_GRP_SALE, 1, 1 },
	{ DZ_DOC_RETURN, "return", "return", DZ_GRP_RETURN, 1, 1 },
	{ DZ_DOC_RECEIPT, "receipt", "receipt", DZ_GRP_RECEIPT, 0, 1 },
	{ DZ_DOC_AR_INC, "ar_inc", "other", DZ_GRP_OTHER, 0, 0 },
	{ DZ_DOC_AR_DEC, "ar_dec", "other", DZ_GRP_OTHER, 0, 0 },
};

int
main(void)
{
	const char	*why;
	size_t		 i;

	is_int(DZ_NELEM(acts), DZ_ACT__MAX, "every action listed");
	for (i = 0; i < DZ_NELEM(acts); i++) {
		is_str(dz_stmt_action_code(acts[i].act), acts[i].code, "action %s", acts[i].code);
		is_int(dz_stmt_action_flags(acts[i].act), acts[i].flags, "  %s's flags",
		    acts[i].code);
		if (acts[i].flags & D)
			is_int(dz_stmt_desc_check(acts[i].act, "  ", &why),
			    (acts[i].flags & N) ? DZ_ERR_INVAL : DZ_OK,
			    "  %s: a blank description %s", acts[i].code,
			    (acts[i].flags & N) ? "refused" : "accepted");
	}
	is_int(dz_stmt_action_flags(DZ_ACT__MAX), 0, "bad action: no flags");

	is_int(DZ_NELEM(docs), DZ_DOC__MAX, "every document type listed");
	for (i = 0; i < DZ_NELEM(docs); i++) {
		is_str(dz_stmt_doc_codes[docs[i].type], docs[i].code, "codes[%s]", docs[i].code);
		is_str(dz_stmt_doc_code(docs[i].type), docs[i].code, "  = its code");
		ok(dz_stmt_doc_group(docs[i].type) == docs[i].g, "  counts in %s",
		    docs[i].group);
		is_str(dz_stmt_group_code(dz_stmt_doc_group(docs[i].type)), docs[i].group,
		    "  group code %s", docs[i].group);
		is_int(!!(DZ_DOC_WITH_LINES & DZ_DOC_BIT(docs[i].type)), docs[i].lines,
		    "  %s goods lines", docs[i].lines ? "has" : "has no");
		is_int(!!(DZ_DOC_DEFAULT & DZ_DOC_BIT(docs[i].type)), docs[i].dflt,
		    "  %s by default", docs[i].dflt ? "asked" : "not asked");
	}
	ok(dz_stmt_doc_codes[DZ_DOC__MAX] == NULL, "doc codes end with NULL (form choices)");
	is_str(dz_stmt_group_code(DZ_GRP__MAX), "", "bad group: no code");
	ok(dz_stmt_doc_group(DZ_DOC__MAX) == DZ_GRP__MAX, "bad type: no group");

	is_str(dz_stmt_status_codes[DZ_STMT_PENDING], "pending", "filter: pending");
	is_str(dz_stmt_status_codes[DZ_STMT_AGREED], "agreed", "filter: agreed");
	is_str(dz_stmt_status_codes[DZ_STMT_DISPUTED], "disputed", "filter: disputed");
	ok(dz_stmt_status_codes[DZ_STMT_DELETED] == NULL, "no filter for deleted ones");
	return done_testing();
}
