/*
 * stmt.h: the statement (对账单) domain. Pure logic, no I/O: document
 * types and their signs, totals in int64 fen, statuses, the vendor's action
 * matrix (DESIGN §4), transitions, and the snapshot fingerprint.
 *
 * This is the one source of the statement's codes (documents, statuses,
 * actions) and of what each action is; their names come from
 * conf/lang/zh_CN.hdf (Lang.stmt, through lib/lang.h). Pages draw the
 * buttons dz_stmt_allowed() returns; handlers call dz_stmt_transition()
 * again before their conditional UPDATE, so a button that should not be
 * there cannot work either.
 */
#ifndef DZ_STMT_H
#define DZ_STMT_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"

/* ---- Document types ---------------------------------------------- */

enum dz_doc_type {
	DZ_DOC_SALE,		/* 销售出库单, VchType 11, adds to the debt */
	DZ_DOC_RETURN,		/* 销售退货单, VchType 45, subtracts */
	DZ_DOC_RECEIPT,		/* 收款单, VchType 4, subtracts */
	DZ_DOC_AR_INC,		/* 应收款增加, VchType 116, adds */
	DZ_DOC_AR_DEC,		/* 应收款减少, VchType 115, subtracts */
	DZ_DOC__MAX
};

#define DZ_DOC_BIT(t)		(1u << (t))
/* What a query shows and a statement takes when no type is chosen. */
#define DZ_DOC_DEFAULT		(DZ_DOC_BIT(DZ_DOC_SALE) | DZ_DOC_BIT(DZ_DOC_RETURN) | \
				 DZ_DOC_BIT(DZ_DOC_RECEIPT))
/* Every type: a bulk run's statement holds all posted documents. */
#define DZ_DOC_ALL		(DZ_DOC_BIT(DZ_DOC__MAX) - 1u)
/* The types whose documents carry goods (product, qty, unit, price). */
#define DZ_DOC_WITH_LINES	(DZ_DOC_BIT(DZ_DOC_SALE) | DZ_DOC_BIT(DZ_DOC_RETURN))

/*
 * The buckets of struct dz_stmt_totals a type counts in: each type its
 * own, but 应收款增加 and 应收款减少 share "other".
 */
enum dz_doc_group {
	DZ_GRP_SALE,
	DZ_GRP_RETURN,
	DZ_GRP_RECEIPT,
	DZ_GRP_OTHER,
	DZ_GRP__MAX
};

/* The codes of dz_stmt_doc_code in enum order and NULL: the choices of a
 * form's DZ_F_ENUM field, whose value's index is then the type. */
extern const char *const dz_stmt_doc_codes[DZ_DOC__MAX + 1];

/* The ERP's VchType code of a type, or -1 for a bad type. */
int		 dz_stmt_doc_vchtype(enum dz_doc_type);
/* The type of a VchType code; DZ_ERR_INVAL for any other code. */
enum dz_err	 dz_stmt_doc_from_vchtype(int vchtype, enum dz_doc_type *);
/* +1 or -1: how the type moves the customer's debt; 0 for a bad type. */
int		 dz_stmt_doc_sign(enum dz_doc_type);
/* "销售出库单" ...; "" for a bad type. Static strings. */
const char	*dz_stmt_doc_name(enum dz_doc_type);
/* The short tag the UI shows: 出库 / 退货 / 收款 / 应收增 / 应收减. */
const char	*dz_stmt_doc_tag(enum dz_doc_type);
/* Stable ASCII code for forms, CSS and the store: sale, return, receipt,
 * ar_inc, ar_dec. */
const char	*dz_stmt_doc_code(enum dz_doc_type);
enum dz_err	 dz_stmt_doc_from_code(const char *, enum dz_doc_type *);
/* The bucket a type counts in; DZ_GRP__MAX for a bad type. */
enum dz_doc_group dz_stmt_doc_group(enum dz_doc_type);
/* sale, return, receipt, other: the bucket's code for pages and CSS
 * (the first three are the types' own codes); "" for a bad one. */
const char	*dz_stmt_group_code(enum dz_doc_group);

/*
 * The signed amount of a document from its ERP total (Dlyndx.Total, kept
 * positive by the ERP for these types): total times the type's sign. A
 * bad type or |total| > DZ_MONEY_MAX is DZ_ERR_INVAL.
 */
enum dz_err	 dz_stmt_doc_signed(enum dz_doc_type, int64_t erp_total, int64_t *signed_fen);

/* ---- Totals ------------------------------------------------------- */

/*
 * All in fen. Each bucket holds the SIGNED sum as the statement counts it
 * (returns and receipts are <= 0 for ordinary documents), so that always
 * closing = opening + sales + returns + receipts + other. closing is the
 * 欠款金额. Every figure stays within +-DZ_MONEY_MAX (what DECIMAL(18,2)
 * stores).
 */
struct dz_stmt_totals {
	int64_t		 opening;
	int64_t		 sales;		/* 销售出库单 */
	int64_t		 returns;	/* 销售退货单 */
	int64_t		 receipts;	/* 收款单 */
	int64_t		 other;		/* 应收款增加 / 减少 */
	int64_t		 closing;
	uint32_t	 count;		/* documents */
};

/* Start from an opening balance (0 when the statement has none).
 * DZ_ERR_INVAL if |opening| > DZ_MONEY_MAX; *t is zeroed then. */
enum dz_err	 dz_stmt_totals_init(struct dz_stmt_totals *t, int64_t opening);

/*
 * Count one document of the given type and signed amount (any sign: the
 * ERP decides, dz_stmt_doc_signed computed it). A bucket, the closing
 * balance or the count leaving its range is DZ_ERR_TOOBIG, a bad type
 * DZ_ERR_INVAL; *t is unchanged then.
 */
enum dz_err	 dz_stmt_totals_add(struct dz_stmt_totals *t, enum dz_doc_type,
		    int64_t signed_fen);

/* ---- Statuses and actions ----------------------------------------- */

enum dz_stmt_status {
	DZ_STMT_PENDING,	/* 未确认, 'pending' */
	DZ_STMT_AGREED,		/* 符合, 'agreed' */
	DZ_STMT_DISPUTED,	/* 不符合, 'disputed' */
	DZ_STMT_DELETED,	/* 已删除, 'deleted': soft-deleted, allows nothing */
	DZ_STMT_STATUS__MAX
};
/* NOTE: whether the store writes 'deleted' into the status column or keeps
 * the last status beside deleted_at, a deleted statement is passed here as
 * DZ_STMT_DELETED, so nothing can act on it. */

/* 未确认 / 符合 / 不符合 / 已删除; "" for a bad status. */
const char	*dz_stmt_status_name(enum dz_stmt_status);
/* pending / agreed / disputed / deleted: the store's and CSS's code. */
const char	*dz_stmt_status_code(enum dz_stmt_status);
enum dz_err	 dz_stmt_status_from_code(const char *, enum dz_stmt_status *);
/* The codes of the statuses a list may be filtered by (all but deleted),
 * in enum order, and NULL: the choices of a form's DZ_F_ENUM field. */
extern const char *const dz_stmt_status_codes[DZ_STMT_DELETED + 1];

/* In the order the vendor draws the buttons. */
enum dz_stmt_action {
	DZ_ACT_RECEIVE,		/* 收款: record the received amount */
	DZ_ACT_DISPUTE,		/* 不符合确认: staff answer for the customer */
	DZ_ACT_AGREE,		/* 符合确认 */
	DZ_ACT_CANCEL,		/* 取消确认: back to 未确认 */
	DZ_ACT_FEEDBACK,	/* 反馈内容: view the answers */
	DZ_ACT_SHARE,		/* 分享: QR code and link */
	DZ_ACT_DELETE,		/* 删除: soft, links revoked */
	DZ_ACT_ANSWER_AGREE,	/* the customer's 符合 (not a staff button) */
	DZ_ACT_ANSWER_DISPUTE,	/* the customer's 不符合 */
	DZ_ACT__MAX
};

#define DZ_ACT_BIT(a)	(1u << (a))
/* The staff buttons; the matrix of DESIGN §4 is over these. */
#define DZ_ACT_STAFF	(DZ_ACT_BIT(DZ_ACT_DELETE + 1) - 1)

/* 收款, 不符合确认, ..., 符合 / 不符合 for the answers; "" if bad. */
const char	*dz_stmt_action_label(enum dz_stmt_action);
/* receive, dispute, agree, cancel, feedback, share, delete, answer_agree,
 * answer_dispute: for form values and the audit log. */
const char	*dz_stmt_action_code(enum dz_stmt_action);
enum dz_err	 dz_stmt_action_from_code(const char *, enum dz_stmt_action *);

/* What an action is, for the pages that offer it (dz_stmt_action_flags). */
#define DZ_ACTF_FORM		0x01	/* a page of its own (GET asks, POST does) */
#define DZ_ACTF_READ		0x02	/* changes nothing: a read-only user may */
#define DZ_ACTF_DANGER		0x04	/* cannot be undone: drawn as a warning */
#define DZ_ACTF_AMOUNT		0x08	/* its form takes an amount, date and note */
#define DZ_ACTF_DESC		0x10	/* it takes a description (dz_stmt_desc_check) */
#define DZ_ACTF_DESC_NEEDED	0x20	/* ... that may not be blank */
#define DZ_ACTF_SURE		0x40	/* its form only asks "are you sure" */

/* The DZ_ACTF_ flags of an action; 0 for a bad one. */
unsigned int	 dz_stmt_action_flags(enum dz_stmt_action);

/*
 * The staff actions allowed on a statement with this status and received
 * amount, as DZ_ACT_BIT()s, exactly the vendor's six-case matrix:
 *
 *	status   received = 0                     received > 0
 *	未确认   收款 不符合确认 符合确认 反馈 分享 删除  不符合确认 符合确认 反馈 分享 删除
 *	符合     收款 取消确认 反馈 分享 删除           取消确认 反馈 分享 删除
 *	不符合   收款 取消确认 反馈 分享 删除           取消确认 反馈 分享 删除
 *
 * Deleted statements, bad statuses and negative amounts allow nothing (0).
 */
unsigned int	 dz_stmt_allowed(enum dz_stmt_status, int64_t received_fen);

/* The customer's possible answers: both while 未确认, none otherwise. */
unsigned int	 dz_stmt_customer_allowed(enum dz_stmt_status);

/*
 * Apply an action. amount is the received amount for DZ_ACT_RECEIVE (must
 * be 1..DZ_MONEY_MAX) and ignored otherwise. On DZ_OK *new_status and
 * *new_received hold the state to write (unchanged for 反馈内容 and 分享;
 * DZ_STMT_DELETED after 删除). Errors: DZ_ERR_GONE on a deleted statement,
 * DZ_ERR_CONFLICT if the action is not allowed in this state (a stale
 * page), DZ_ERR_INVAL for a bad status, action, received or amount. On any
 * error the outputs hold the state given, unchanged.
 */
enum dz_err	 dz_stmt_transition(enum dz_stmt_status status, int64_t received,
		    enum dz_stmt_action, int64_t amount,
		    enum dz_stmt_status *new_status, int64_t *new_received);

/*
 * Whether a statement leaves the customer owing nothing, so that a 收款 on
 * it is asked about once more: its closing balance (欠款金额) is zero or
 * negative (the customer has paid in advance: 预收). NOTE: "already fully
 * received" needs no rule of its own: 收款 is allowed only while 已收金额
 * is 0 (the matrix above), so a statement with money received offers no
 * 收款 at all.
 */
int		 dz_stmt_nothing_owed(const struct dz_stmt_totals *);

#define DZ_STMT_DESC_MAX	500	/* characters (code points) */

/*
 * Check the description that goes with an answer (staff 符合确认 / 不符合确认
 * or the customer's 符合 / 不符合): required for a 不符合 (DZ_ACTF_DESC_NEEDED;
 * spaces alone do not count), at most DZ_STMT_DESC_MAX characters for any. desc is UTF-8
 * already checked by the form layer; NULL counts as empty. DZ_OK or
 * DZ_ERR_INVAL with *why set to a static Chinese sentence for the field.
 */
enum dz_err	 dz_stmt_desc_check(enum dz_stmt_action, const char *desc,
		    const char **why);

/* ---- Snapshot and fingerprint ------------------------------------- */

struct dz_stmt_line {
	uint32_t	 seq;		/* position in its document, unique */
	const char	*product_code;
	const char	*product_name;
	const char	*unit;
	int64_t		 qty;		/* ten-thousandths (DECIMAL(18,4)) */
	int64_t		 price;		/* ten-thousandths of a yuan */
	int64_t		 amount;	/* fen */
};

struct dz_stmt_doc {
	int64_t			 vchcode;	/* ERP document id, unique */
	enum dz_doc_type	 type;
	const char		*number;	/* 单据编号 */
	const char		*date;		/* YYYY-MM-DD */
	const char		*summary;	/* 摘要 */
	int64_t			 amount;	/* signed fen */
	const struct dz_stmt_line *lines;
	size_t			 nlines;
};

struct dz_stmt_snapshot {
	int64_t			 account_set_id;
	const char		*customer_id;	/* ERP btypeid */
	const char		*customer_code;
	const char		*customer_name;
	const char		*period_from;	/* YYYY-MM-DD */
	const char		*period_to;
	struct dz_stmt_totals	 totals;
	const struct dz_stmt_doc *docs;
	size_t			 ndocs;
	int			 with_opening;	/* shown only, not fingerprinted: opening is 0 without */
};

#define DZ_STMT_FP_LEN		32	/* SHA-256 */
#define DZ_STMT_FP_HEXLEN	64

/*
 * Canonical serialization, version 1: a sequence of netstrings
 * ("<decimal length>:<bytes>,"). Integers are plain decimal ("-1250"),
 * types are their codes, NULL strings are "". In this order:
 *
 *	"dz-stmt-1" account_set_id customer_id customer_code customer_name
 *	period_from period_to opening sales returns receipts other closing
 *	count ndocs
 *	then each document, sorted by vchcode:
 *	  "D" vchcode type number date summary amount nlines
 *	  then each of its lines, sorted by seq:
 *	    "L" seq product_code product_name unit qty price amount
 *
 * Sorting here means the order the store returns rows in does not matter.
 * *buf is malloc'd (caller frees). DZ_ERR_INVAL for two documents with one
 * vchcode, two lines of a document with one seq, or a bad type;
 * DZ_ERR_NOMEM.
 */
enum dz_err	 dz_stmt_serialize(const struct dz_stmt_snapshot *, char **buf, size_t *len);

/* SHA-256 of the serialization; errors as dz_stmt_serialize. */
enum dz_err	 dz_stmt_fingerprint(const struct dz_stmt_snapshot *,
		    unsigned char out[DZ_STMT_FP_LEN]);
/* The same as 64 lower-case hex digits and a NUL. */
enum dz_err	 dz_stmt_fingerprint_hex(const struct dz_stmt_snapshot *,
		    char out[DZ_STMT_FP_HEXLEN + 1]);

/* ---- Building a statement (stmt_build.c) ------------------------ */

#define DZ_STMT_DOCS_MAX	20000	/* documents in one statement */

/* A document as the source (the ERP) has it: its total is unsigned. */
struct dz_stmt_src_doc {
	int64_t		 vchcode;
	int		 vchtype;	/* the ERP's VchType */
	const char	*date;		/* YYYY-MM-DD */
	const char	*number;
	const char	*summary;
	int64_t		 total;		/* fen, as the ERP keeps it */
};

/* A goods line of one of those documents. */
struct dz_stmt_src_line {
	int64_t		 vchcode;	/* its document */
	uint32_t	 seq;
	const char	*product_code;
	const char	*product_name;
	const char	*unit;
	int64_t		 qty;		/* ten-thousandths */
	int64_t		 price;		/* ten-thousandths of a yuan */
	int64_t		 amount;	/* fen */
};

/* What a statement is made from: who, which period, the source's rows. */
struct dz_stmt_source {
	int64_t			 account_set_id;
	const char		*customer_id;
	const char		*customer_code;
	const char		*customer_name;
	const char		*period_from;
	const char		*period_to;
	int			 with_opening;
	int64_t			 opening;	/* fen; counts only with_opening */
	const struct dz_stmt_src_doc *docs;	/* the period's, in the order kept */
	size_t			 ndocs;
	const struct dz_stmt_src_line *lines;	/* their goods, in any order */
	size_t			 nlines;
};

/* A statement built: sn as dz_store_create takes it. */
struct dz_stmt_built {
	struct dz_stmt_snapshot	 sn;
	struct dz_stmt_doc	*docs;		/* = sn.docs */
	struct dz_stmt_line	*lines;		/* what sn.docs[i].lines point into */
};

/*
 * Check a person's choice of documents (vchcodes) and sort it, ascending,
 * in place. DZ_ERR_INVAL for none, DZ_ERR_TOOBIG for more than
 * DZ_STMT_DOCS_MAX, DZ_ERR_CONFLICT for one chosen twice (*dup = it).
 */
enum dz_err	 dz_stmt_choose(int64_t *chosen, size_t n, int64_t *dup);

/* Two vchcodes (int64_t *) in ascending order, for qsort and bsearch. */
int		 dz_stmt_vch_cmp(const void *, const void *);

/*
 * The snapshot of the chosen documents (sorted, as dz_stmt_choose leaves
 * them) out of src: each document in src's order with its signed amount
 * (dz_stmt_doc_signed) and its lines in seq order, the totals from the
 * opening balance (0 without), the header from src. Every chosen vchcode
 * must be one of src's documents, else DZ_ERR_NOTFOUND with *missing = the
 * first that is not (it may be voided, deleted, another customer's or out
 * of the period); a document of another type is DZ_ERR_INVAL, totals past
 * DECIMAL(18,2) DZ_ERR_TOOBIG, DZ_ERR_NOMEM. No global state: callers may
 * build in any order. out's strings are src's: keep src until out is
 * stored. Free out with dz_stmt_built_free, whatever the result.
 */
enum dz_err	 dz_stmt_build(const struct dz_stmt_source *src, const int64_t *chosen,
		    size_t nchosen, struct dz_stmt_built *out, int64_t *missing);

void		 dz_stmt_built_free(struct dz_stmt_built *);

#endif /* DZ_STMT_H */
