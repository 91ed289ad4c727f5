#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "dz.h"
#include "lang.h"
#include "money.h"
#include "stmt.h"
#include "utf8.h"

/* ---- Document types ---------------------------------------------- */

const char *const dz_stmt_doc_codes[DZ_DOC__MAX + 1] = {
	[DZ_DOC_SALE] = "sale",
	[DZ_DOC_RETURN] = "return",
	[DZ_DOC_RECEIPT] = "receipt",
	[DZ_DOC_AR_INC] = "ar_inc",
	[DZ_DOC_AR_DEC] = "ar_dec",
	[DZ_DOC__MAX] = NULL,
};

static const struct {
	int			 vchtype;
	int			 sign;
	enum dz_doc_group	 group;
	const char		*name, *tag;
} doctypes[DZ_DOC__MAX] = {
	[DZ_DOC_SALE] = { 11, +1, DZ_GRP_SALE, LANG_stmt_doc_sale, LANG_stmt_tag_sale },
	[DZ_DOC_RETURN] = { 45, -1, DZ_GRP_RETURN, LANG_stmt_doc_return,
	    LANG_stmt_tag_return },
	[DZ_DOC_RECEIPT] = { 4, -1, DZ_GRP_RECEIPT, LANG_stmt_doc_receipt,
	    LANG_stmt_tag_receipt },
	[DZ_DOC_AR_INC] = { 116, +1, DZ_GRP_OTHER, LANG_stmt_doc_ar_inc,
	    LANG_stmt_tag_ar_inc },
	[DZ_DOC_AR_DEC] = { 115, -1, DZ_GRP_OTHER, LANG_stmt_doc_ar_dec,
	    LANG_stmt_tag_ar_dec },
};

static const char *const groups[DZ_GRP__MAX] = {
	[DZ_GRP_SALE] = "sale",
	[DZ_GRP_RETURN] = "return",
	[DZ_GRP_RECEIPT] = "receipt",
	[DZ_GRP_OTHER] = "other",
};

static int
doc_ok(enum dz_doc_type t)
{
	return (unsigned int)t < DZ_DOC__MAX;
}

int
dz_stmt_doc_vchtype(enum dz_doc_type t)
{
	return doc_ok(t) ? doctypes[t].vchtype : -1;
}

enum dz_err
dz_stmt_doc_from_vchtype(int vchtype, enum dz_doc_type *t)
{
	int	 i;

	for (i = 0; i < DZ_DOC__MAX; i++)
		if (doctypes[i].vchtype == vchtype) {
			*t = (enum dz_doc_type)i;
			return DZ_OK;
		}
	return DZ_ERR_INVAL;
}

int
dz_stmt_doc_sign(enum dz_doc_type t)
{
	return doc_ok(t) ? doctypes[t].sign : 0;
}

const char *
dz_stmt_doc_name(enum dz_doc_type t)
{
	return doc_ok(t) ? doctypes[t].name : "";
}

const char *
dz_stmt_doc_tag(enum dz_doc_type t)
{
	return doc_ok(t) ? doctypes[t].tag : "";
}

const char *
dz_stmt_doc_code(enum dz_doc_type t)
{
	return doc_ok(t) ? dz_stmt_doc_codes[t] : "";
}

enum dz_err
dz_stmt_doc_from_code(const char *s, enum dz_doc_type *t)
{
	int	 i;

	for (i = 0; s != NULL && i < DZ_DOC__MAX; i++)
		if (strcmp(s, dz_stmt_doc_codes[i]) == 0) {
			*t = (enum dz_doc_type)i;
			return DZ_OK;
		}
	return DZ_ERR_INVAL;
}

enum dz_doc_group
dz_stmt_doc_group(enum dz_doc_type t)
{
	return doc_ok(t) ? doctypes[t].group : DZ_GRP__MAX;
}

const char *
dz_stmt_group_code(enum dz_doc_group g)
{
	return (unsigned int)g < DZ_GRP__MAX ? groups[g] : "";
}

static int
in_range(int64_t v)
{
	return v >= -DZ_MONEY_MAX && v <= DZ_MONEY_MAX;
}

enum dz_err
dz_stmt_doc_signed(enum dz_doc_type t, int64_t erp_total, int64_t *signed_fen)
{
	if (!doc_ok(t) || !in_range(erp_total))
		return DZ_ERR_INVAL;
	*signed_fen = doctypes[t].sign * erp_total;
	return DZ_OK;
}

/* ---- Totals ------------------------------------------------------- */

enum dz_err
dz_stmt_totals_init(struct dz_stmt_totals *t, int64_t opening)
{
	memset(t, 0, sizeof(*t));
	if (!in_range(opening))
		return DZ_ERR_INVAL;
	t->opening = t->closing = opening;
	return DZ_OK;
}

/* a + b within +-DZ_MONEY_MAX. Inputs are in range, so int64 can't wrap;
 * the builtin still guards against a caller passing anything. */
static int
add_money(int64_t a, int64_t b, int64_t *out)
{
	int64_t	 r;

	if (__builtin_add_overflow(a, b, &r) || !in_range(r))
		return -1;
	*out = r;
	return 0;
}

enum dz_err
dz_stmt_totals_add(struct dz_stmt_totals *t, enum dz_doc_type type, int64_t signed_fen)
{
	struct dz_stmt_totals	 n = *t;
	int64_t			*bucket;

	if (!doc_ok(type))
		return DZ_ERR_INVAL;
	switch (doctypes[type].group) {
	case DZ_GRP_SALE:
		bucket = &n.sales;
		break;
	case DZ_GRP_RETURN:
		bucket = &n.returns;
		break;
	case DZ_GRP_RECEIPT:
		bucket = &n.receipts;
		break;
	default:
		bucket = &n.other;
		break;
	}
	if (!in_range(signed_fen) || add_money(*bucket, signed_fen, bucket) == -1 ||
	    add_money(n.closing, signed_fen, &n.closing) == -1 || n.count == UINT32_MAX)
		return DZ_ERR_TOOBIG;
	n.count++;
	*t = n;
	return DZ_OK;
}

/* ---- Statuses and actions ----------------------------------------- */

static const struct {
	const char	*name, *code;
} statuses[DZ_STMT_STATUS__MAX] = {
	[DZ_STMT_PENDING] = { LANG_stmt_status_pending, "pending" },
	[DZ_STMT_AGREED] = { LANG_stmt_status_agreed, "agreed" },
	[DZ_STMT_DISPUTED] = { LANG_stmt_status_disputed, "disputed" },
	[DZ_STMT_DELETED] = { LANG_stmt_status_deleted, "deleted" },
};

const char *const dz_stmt_status_codes[DZ_STMT_DELETED + 1] = {
	[DZ_STMT_PENDING] = "pending",
	[DZ_STMT_AGREED] = "agreed",
	[DZ_STMT_DISPUTED] = "disputed",
	[DZ_STMT_DELETED] = NULL,
};

#define FORM		DZ_ACTF_FORM
#define DESC		DZ_ACTF_DESC

static const struct {
	const char	*label, *code;
	unsigned int	 flags;
} actions[DZ_ACT__MAX] = {
	[DZ_ACT_RECEIVE] = { LANG_stmt_action_receive, "receive", FORM | DZ_ACTF_AMOUNT },
	[DZ_ACT_DISPUTE] = { LANG_stmt_action_dispute, "dispute",
	    FORM | DESC | DZ_ACTF_DESC_NEEDED },
	[DZ_ACT_AGREE] = { LANG_stmt_action_agree, "agree", FORM | DESC },
	[DZ_ACT_CANCEL] = { LANG_stmt_action_cancel, "cancel", FORM | DZ_ACTF_SURE },
	[DZ_ACT_FEEDBACK] = { LANG_stmt_action_feedback, "feedback", DZ_ACTF_READ },
	[DZ_ACT_SHARE] = { LANG_stmt_action_share, "share", 0 },
	[DZ_ACT_DELETE] = { LANG_stmt_action_delete, "delete",
	    FORM | DZ_ACTF_SURE | DZ_ACTF_DANGER },
	[DZ_ACT_ANSWER_AGREE] = { LANG_stmt_action_answer_agree, "answer_agree", DESC },
	[DZ_ACT_ANSWER_DISPUTE] = { LANG_stmt_action_answer_dispute, "answer_dispute",
	    DESC | DZ_ACTF_DESC_NEEDED },
};

#undef FORM
#undef DESC

const char *
dz_stmt_status_name(enum dz_stmt_status s)
{
	return (unsigned int)s < DZ_STMT_STATUS__MAX ? statuses[s].name : "";
}

const char *
dz_stmt_status_code(enum dz_stmt_status s)
{
	return (unsigned int)s < DZ_STMT_STATUS__MAX ? statuses[s].code : "";
}

enum dz_err
dz_stmt_status_from_code(const char *code, enum dz_stmt_status *s)
{
	int	 i;

	for (i = 0; code != NULL && i < DZ_STMT_STATUS__MAX; i++)
		if (strcmp(code, statuses[i].code) == 0) {
			*s = (enum dz_stmt_status)i;
			return DZ_OK;
		}
	return DZ_ERR_INVAL;
}

const char *
dz_stmt_action_label(enum dz_stmt_action a)
{
	return (unsigned int)a < DZ_ACT__MAX ? actions[a].label : "";
}

const char *
dz_stmt_action_code(enum dz_stmt_action a)
{
	return (unsigned int)a < DZ_ACT__MAX ? actions[a].code : "";
}

unsigned int
dz_stmt_action_flags(enum dz_stmt_action a)
{
	return (unsigned int)a < DZ_ACT__MAX ? actions[a].flags : 0;
}

enum dz_err
dz_stmt_action_from_code(const char *code, enum dz_stmt_action *a)
{
	int	 i;

	for (i = 0; code != NULL && i < DZ_ACT__MAX; i++)
		if (strcmp(code, actions[i].code) == 0) {
			*a = (enum dz_stmt_action)i;
			return DZ_OK;
		}
	return DZ_ERR_INVAL;
}

#define B(a)	DZ_ACT_BIT(DZ_ACT_##a)

/* The vendor's matrix, cases ① to ⑥ of its manual: [status][received > 0]. */
static const unsigned int matrix[DZ_STMT_DELETED][2] = {
	[DZ_STMT_PENDING] = {
		B(RECEIVE) | B(DISPUTE) | B(AGREE) | B(FEEDBACK) | B(SHARE) | B(DELETE),
		B(DISPUTE) | B(AGREE) | B(FEEDBACK) | B(SHARE) | B(DELETE) },
	[DZ_STMT_AGREED] = {
		B(RECEIVE) | B(CANCEL) | B(FEEDBACK) | B(SHARE) | B(DELETE),
		B(CANCEL) | B(FEEDBACK) | B(SHARE) | B(DELETE) },
	[DZ_STMT_DISPUTED] = {
		B(RECEIVE) | B(CANCEL) | B(FEEDBACK) | B(SHARE) | B(DELETE),
		B(CANCEL) | B(FEEDBACK) | B(SHARE) | B(DELETE) },
};

unsigned int
dz_stmt_allowed(enum dz_stmt_status s, int64_t received_fen)
{
	if ((unsigned int)s >= DZ_STMT_DELETED || received_fen < 0 ||
	    received_fen > DZ_MONEY_MAX)
		return 0;
	return matrix[s][received_fen > 0];
}

unsigned int
dz_stmt_customer_allowed(enum dz_stmt_status s)
{
	if (s != DZ_STMT_PENDING)
		return 0;
	return B(ANSWER_AGREE) | B(ANSWER_DISPUTE);
}

enum dz_err
dz_stmt_transition(enum dz_stmt_status s, int64_t received, enum dz_stmt_action a,
    int64_t amount, enum dz_stmt_status *new_status, int64_t *new_received)
{
	unsigned int	 allowed;

	*new_status = s;
	*new_received = received;
	if ((unsigned int)s >= DZ_STMT_STATUS__MAX || (unsigned int)a >= DZ_ACT__MAX ||
	    received < 0 || received > DZ_MONEY_MAX)
		return DZ_ERR_INVAL;
	if (s == DZ_STMT_DELETED)
		return DZ_ERR_GONE;
	allowed = dz_stmt_allowed(s, received) | dz_stmt_customer_allowed(s);
	if ((allowed & DZ_ACT_BIT(a)) == 0)
		return DZ_ERR_CONFLICT;
	switch (a) {
	case DZ_ACT_RECEIVE:
		if (amount <= 0 || amount > DZ_MONEY_MAX)
			return DZ_ERR_INVAL;
		*new_received = amount;
		break;
	case DZ_ACT_DISPUTE:
	case DZ_ACT_ANSWER_DISPUTE:
		*new_status = DZ_STMT_DISPUTED;
		break;
	case DZ_ACT_AGREE:
	case DZ_ACT_ANSWER_AGREE:
		*new_status = DZ_STMT_AGREED;
		break;
	case DZ_ACT_CANCEL:
		*new_status = DZ_STMT_PENDING;
		break;
	case DZ_ACT_DELETE:
		*new_status = DZ_STMT_DELETED;
		break;
	default:		/* 反馈内容, 分享: nothing to write */
		break;
	}
	return DZ_OK;
}

int
dz_stmt_nothing_owed(const struct dz_stmt_totals *t)
{
	return t->closing <= 0;
}

enum dz_err
dz_stmt_desc_check(enum dz_stmt_action a, const char *desc, const char **why)
{
	const char	*p;
	int		 blank = 1;

	*why = NULL;
	if (desc == NULL)
		desc = "";
	for (p = desc; *p != '\0' && blank; p++)
		if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			blank = 0;
	if (dz_utf8_len(desc, strlen(desc)) > DZ_STMT_DESC_MAX) {
		*why = LANG_stmt_desc_too_long;
		return DZ_ERR_INVAL;
	}
	if (blank && (dz_stmt_action_flags(a) & DZ_ACTF_DESC_NEEDED)) {
		*why = LANG_stmt_desc_required;
		return DZ_ERR_INVAL;
	}
	return DZ_OK;
}

/* ---- Snapshot and fingerprint ------------------------------------- */

struct sbuf {
	char	*p;
	size_t	 len, cap;
	int	 nomem;
};

static void
ns_bytes(struct sbuf *b, const char *s, size_t n)
{
	char	 hdr[24];
	int	 h;
	size_t	 need, cap;
	char	*np;

	if (b->nomem)
		return;
	h = snprintf(hdr, sizeof(hdr), "%zu:", n);
	need = b->len + (size_t)h + n + 1;
	if (need > b->cap) {
		for (cap = b->cap ? b->cap : 4096; cap < need; cap *= 2)
			continue;
		if ((np = realloc(b->p, cap)) == NULL) {
			b->nomem = 1;
			return;
		}
		b->p = np, b->cap = cap;
	}
	memcpy(b->p + b->len, hdr, (size_t)h);
	if (n > 0)
		memcpy(b->p + b->len + h, s, n);
	b->len += (size_t)h + n;
	b->p[b->len++] = ',';
}

static void
ns_str(struct sbuf *b, const char *s)
{
	ns_bytes(b, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

static void
ns_int(struct sbuf *b, int64_t v)
{
	char	 num[24];

	ns_bytes(b, num, (size_t)snprintf(num, sizeof(num), "%" PRId64, v));
}

/* Documents in vchcode order: unique in one ERP database, so the order is
 * total and a duplicate sits next to its twin. */
static int
cmp_doc(const void *a, const void *b)
{
	const struct dz_stmt_doc *x = *(const struct dz_stmt_doc *const *)a;
	const struct dz_stmt_doc *y = *(const struct dz_stmt_doc *const *)b;

	return (x->vchcode > y->vchcode) - (x->vchcode < y->vchcode);
}

static int
cmp_line(const void *a, const void *b)
{
	const struct dz_stmt_line *x = *(const struct dz_stmt_line *const *)a;
	const struct dz_stmt_line *y = *(const struct dz_stmt_line *const *)b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* One document and its lines; lp has room for its lines. */
static enum dz_err
put_doc(struct sbuf *b, const struct dz_stmt_doc *d, const struct dz_stmt_line **lp)
{
	const struct dz_stmt_line *l;
	size_t	 i;

	if (!doc_ok(d->type) || (d->nlines > 0 && d->lines == NULL))
		return DZ_ERR_INVAL;
	ns_str(b, "D");
	ns_int(b, d->vchcode);
	ns_str(b, dz_stmt_doc_code(d->type));
	ns_str(b, d->number);
	ns_str(b, d->date);
	ns_str(b, d->summary);
	ns_int(b, d->amount);
	ns_int(b, (int64_t)d->nlines);
	for (i = 0; i < d->nlines; i++)
		lp[i] = &d->lines[i];
	qsort(lp, d->nlines, sizeof(*lp), cmp_line);
	for (i = 0; i < d->nlines; i++) {
		l = lp[i];
		if (i > 0 && l->seq == lp[i - 1]->seq)
			return DZ_ERR_INVAL;	/* order would be up to qsort */
		ns_str(b, "L");
		ns_int(b, l->seq);
		ns_str(b, l->product_code);
		ns_str(b, l->product_name);
		ns_str(b, l->unit);
		ns_int(b, l->qty);
		ns_int(b, l->price);
		ns_int(b, l->amount);
	}
	return DZ_OK;
}

enum dz_err
dz_stmt_serialize(const struct dz_stmt_snapshot *s, char **buf, size_t *len)
{
	struct sbuf		  b = { NULL, 0, 0, 0 };
	const struct dz_stmt_doc **dp = NULL;
	const struct dz_stmt_line **lp = NULL;
	const struct dz_stmt_totals *t = &s->totals;
	size_t			  i, maxl = 1;
	enum dz_err		  er = DZ_ERR_NOMEM;

	*buf = NULL;
	*len = 0;
	if (s->ndocs > 0 && s->docs == NULL)
		return DZ_ERR_INVAL;
	for (i = 0; i < s->ndocs; i++)
		if (s->docs[i].nlines > maxl)
			maxl = s->docs[i].nlines;
	if ((dp = calloc(s->ndocs + 1, sizeof(*dp))) == NULL ||
	    (lp = calloc(maxl, sizeof(*lp))) == NULL)
		goto out;
	ns_str(&b, "dz-stmt-1");
	ns_int(&b, s->account_set_id);
	ns_str(&b, s->customer_id);
	ns_str(&b, s->customer_code);
	ns_str(&b, s->customer_name);
	ns_str(&b, s->period_from);
	ns_str(&b, s->period_to);
	ns_int(&b, t->opening);
	ns_int(&b, t->sales);
	ns_int(&b, t->returns);
	ns_int(&b, t->receipts);
	ns_int(&b, t->other);
	ns_int(&b, t->closing);
	ns_int(&b, t->count);
	ns_int(&b, (int64_t)s->ndocs);
	for (i = 0; i < s->ndocs; i++)
		dp[i] = &s->docs[i];
	qsort(dp, s->ndocs, sizeof(*dp), cmp_doc);
	for (i = 0; i < s->ndocs; i++) {
		er = DZ_ERR_INVAL;
		if (i > 0 && dp[i]->vchcode == dp[i - 1]->vchcode)
			goto out;
		if ((er = put_doc(&b, dp[i], lp)) != DZ_OK)
			goto out;
	}
	if (b.nomem) {
		er = DZ_ERR_NOMEM;
		goto out;
	}
	*buf = b.p;
	*len = b.len;
	b.p = NULL;
	er = DZ_OK;
out:
	free(b.p);
	free(dp);
	free(lp);
	return er;
}

enum dz_err
dz_stmt_fingerprint(const struct dz_stmt_snapshot *s, unsigned char out[DZ_STMT_FP_LEN])
{
	char		*buf;
	size_t		 len;
	unsigned int	 mdlen = 0;
	enum dz_err	 er;

	if ((er = dz_stmt_serialize(s, &buf, &len)) != DZ_OK)
		return er;
	if (EVP_Digest(buf, len, out, &mdlen, EVP_sha256(), NULL) != 1 ||
	    mdlen != DZ_STMT_FP_LEN)
		er = DZ_ERR_CRYPT;
	free(buf);
	return er;
}

enum dz_err
dz_stmt_fingerprint_hex(const struct dz_stmt_snapshot *s, char out[DZ_STMT_FP_HEXLEN + 1])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 md[DZ_STMT_FP_LEN];
	enum dz_err		 er;
	size_t			 i;

	out[0] = '\0';
	if ((er = dz_stmt_fingerprint(s, md)) != DZ_OK)
		return er;
	for (i = 0; i < DZ_STMT_FP_LEN; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0xf];
	}
	out[2 * i] = '\0';
	return DZ_OK;
}
