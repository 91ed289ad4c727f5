/*
 * drift.h: ERP drift (issue 15). A statement froze the ERP's documents and
 * goods when it was made; the ERP may change them afterwards. This module
 * compares the frozen snapshot with what the ERP has now and says what
 * changed, each change with its kind and before / after values, and gives
 * the fingerprint of the ERP's version: the statement as it would be made
 * now from the same choice (the frozen documents the ERP still has posted
 * in the period, with their current figures and goods, and the period's new
 * posted documents), built by dz_stmt_build and fingerprinted exactly as a
 * statement is, so equal data gives an equal fingerprint.
 *
 * Pure: no I/O. The caller (lib/store_drift.c) reads the store and the ERP.
 */
#ifndef DZ_DRIFT_H
#define DZ_DRIFT_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "stmt.h"

enum dz_drift_kind {
	DZ_DRIFT_RED,		/* 红冲: the document was reversed by a red one */
	DZ_DRIFT_AMOUNT,	/* 金额变更 */
	DZ_DRIFT_LINES,		/* 明细变更: its goods lines */
	DZ_DRIFT_DATE,		/* 日期变更 (also: moved out of the period) */
	DZ_DRIFT_DRAFT,		/* 反过账/草稿: no longer posted */
	DZ_DRIFT_DELETED,	/* 已删除: the ERP has it no more */
	DZ_DRIFT_NEW,		/* 期间内新单据: posted in the period since */
	DZ_DRIFT_HEADER,	/* 单据信息变更: its number or summary */
	DZ_DRIFT__MAX
};

/* red, amount, lines, date, draft, deleted, new, header; "" if bad. */
const char	*dz_drift_kind_code(enum dz_drift_kind);
enum dz_err	 dz_drift_kind_from_code(const char *, enum dz_drift_kind *);
/* 红冲 ...: the page's words (conf/lang, Lang.drift.kind); "" if bad. */
const char	*dz_drift_kind_name(enum dz_drift_kind);

/* A document as the ERP has it now (any state). */
struct dz_drift_doc {
	int64_t		 vchcode;
	int		 vchtype;
	const char	*date;		/* YYYY-MM-DD */
	const char	*number;
	const char	*summary;
	int64_t		 total;		/* fen, as the ERP keeps it (unsigned) */
	int		 posted;	/* draft = 2 */
	int		 voided;	/* RedOld = 'T' */
};

/*
 * What the ERP has now for a statement: every document of its customer in
 * its period in any state, and each frozen document not among those that
 * the ERP still has (looked up by vchcode: moved out of the period); a
 * frozen vchcode in neither was deleted. lines: the goods of the posted,
 * not voided documents (any order).
 */
struct dz_drift_now {
	const struct dz_drift_doc	*docs;
	size_t				 ndocs;
	const struct dz_stmt_src_line	*lines;
	size_t				 nlines;
};

#define DZ_DRIFT_TEXT	200	/* bytes of a before / after text */
#define DZ_DRIFT_CHANGES_MAX	(2 * DZ_STMT_DOCS_MAX)

struct dz_drift_change {
	enum dz_drift_kind	 kind;
	int64_t			 vchcode;
	char			 number[64];	/* the frozen one (the new one's for new) */
	char			 date[11];
	char			 before[DZ_DRIFT_TEXT];	/* "" when it had none */
	char			 after[DZ_DRIFT_TEXT];
	/* the signed amount before / after (fen), when has_before / has_after */
	int			 has_before, has_after;
	int64_t			 before_fen, after_fen;
};

struct dz_drift_result {
	struct dz_drift_change	*changes;	/* by vchcode, then kind */
	size_t			 nchanges;
	size_t			 count[DZ_DRIFT__MAX];
	/* the ERP's version of the statement */
	char			 fingerprint[DZ_STMT_FP_HEXLEN + 1];
	struct dz_stmt_totals	 totals;
};

/*
 * The types a new document is looked for in: the statement's own
 * documents' types and the default ones (sales, returns, receipts).
 */
unsigned int	 dz_drift_types(const struct dz_stmt_snapshot *frozen);

/*
 * Compare frozen (a statement's snapshot, e.g. dz_store_snapshot's) with
 * now. A new document is a posted, not voided one in the period of the
 * types given, not frozen, whose vchcode is above every frozen one (the
 * ERP numbers documents in the order they are made: those below were
 * there when the statement was made and left out by choice). out is
 * filled (free with dz_drift_result_free, whatever the result).
 * DZ_ERR_INVAL for a bad snapshot or document, DZ_ERR_TOOBIG when the
 * ERP's version cannot be a statement (totals past DECIMAL(18,2)),
 * DZ_ERR_NOMEM.
 */
enum dz_err	 dz_drift_compare(const struct dz_stmt_snapshot *frozen,
		    const struct dz_drift_now *now, unsigned int types,
		    struct dz_drift_result *out);

void		 dz_drift_result_free(struct dz_drift_result *);

#endif /* DZ_DRIFT_H */
