/*
 * match.h: 账目核对, pure (no I/O): our statement's documents matched with
 * the customer's own ledger rows, and the 余额调节表 that explains the
 * difference between our closing balance and theirs (issue 14).
 *
 * Both sides come in OUR sign, in int64 fen: + adds to what the customer
 * owes us (a sale, 应收款增加), - takes from it (a return, a receipt,
 * 应收款减少). Their rows are converted to that sign by lib/ledger before
 * they get here. Dates are day numbers (lib/clock.h dz_date_day), or -1
 * when a row has none.
 *
 * Passes, in this order; each row of either side ends in exactly one
 * line of the result, and each line says which pass made it:
 *   P1 our document number (or an alias learned earlier) found in their
 *      reference or memo: EXACT, or AMOUNT (金额不符) when the amounts
 *      differ;
 *   P2 the same amount within +-window days (nearest date first; a row
 *      with two equally good partners is still paired, with tie set);
 *   P3 the same type of movement (the sign), within +-window days, the
 *      amounts within near_bp basis points of ours or near_fen: AMOUNT;
 *   P4 one of theirs equal to the sum of 2..split_max of ours of the same
 *      sign within +-window days, or the reverse (at most split_cands
 *      candidates looked at per row): SPLIT;
 *   P5 what is left within timing_days before the period's end: TIMING
 *      (在途: ours that they have not booked yet, or theirs that we have
 *      not), and the rest ONLY_OURS / ONLY_THEIRS.
 * Deterministic: the same input gives the same result, whatever the
 * order of equal rows (ties are broken by the rows' indexes).
 *
 * The 余额调节表: their closing balance = our closing
 *                                      + opening_diff
 *                                      + sum over lines of (theirs - ours)
 *                                      + unexplained,
 * which holds for every input by construction; unexplained is 0 when
 * their stated closing is their opening plus their rows (or when they
 * stated no closing: it is then computed so).
 */
#ifndef DZ_MATCH_H
#define DZ_MATCH_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"

#define DZ_MATCH_ROWS_MAX	50000	/* per side */
#define DZ_MATCH_SPLIT_MAX	3
#define DZ_MATCH_REF_MAX	200	/* bytes of a reference or memo looked at */

/* One row of either side. The strings are the caller's. */
struct dz_match_row {
	long		 day;		/* dz_date_day, or -1 */
	const char	*ref;		/* ours: 单据编号; theirs: their 单据编号 / 凭证号 (or "") */
	const char	*memo;		/* 摘要 (or "") */
	int64_t		 amount;	/* signed fen, our sign; never 0 for ours */
};

/* A number of theirs known to be one of our documents (learned when staff
 * matched them by hand). */
struct dz_match_alias {
	const char	*theirs;
	const char	*ours;
};

struct dz_match_opts {
	int		 window_days;	/* P2, P3, P4: +-days; default 5 */
	int		 near_bp;	/* P3: basis points of our amount; default 50 (0.5 %) */
	int64_t		 near_fen;	/* P3: or this many fen; default 1000 (¥10) */
	int		 timing_days;	/* P5: days before period_end; default 5 */
	long		 period_end;	/* day number of the statement's last day */
	size_t		 split_max;	/* P4: 2..DZ_MATCH_SPLIT_MAX; default 3 */
	size_t		 split_cands;	/* P4: candidates per row; default 20 */
	const struct dz_match_alias *aliases;
	size_t		 naliases;
};

/* The defaults above, with period_end. */
void		 dz_match_opts_default(struct dz_match_opts *, long period_end);

enum dz_match_kind {
	DZ_MATCH_EXACT,		/* 已核对 */
	DZ_MATCH_AMOUNT,	/* 金额不符: paired, theirs - ours != 0 */
	DZ_MATCH_SPLIT,		/* 合并核对: one against 2..3, sums equal */
	DZ_MATCH_TIMING_OURS,	/* 在途: ours near the period end, not booked by them */
	DZ_MATCH_TIMING_THEIRS,	/* 在途: theirs near the period end, not booked by us */
	DZ_MATCH_ONLY_OURS,	/* 我方有对方无 */
	DZ_MATCH_ONLY_THEIRS,	/* 对方有我方无 */
	DZ_MATCH__MAX
};

enum dz_match_how {
	DZ_HOW_NUMBER,		/* P1: our number in their ref or memo */
	DZ_HOW_ALIAS,		/* P1: through an alias */
	DZ_HOW_AMOUNT_DATE,	/* P2 */
	DZ_HOW_NEAR,		/* P3 */
	DZ_HOW_SUM,		/* P4 */
	DZ_HOW_TIMING,		/* P5: near the period end */
	DZ_HOW_NONE,		/* P5: nothing found */
	DZ_HOW__MAX
};

/* One line of the result: the rows of each side it holds (indexes into
 * the arrays given to dz_match), their sums and theirs - ours. */
struct dz_match_line {
	enum dz_match_kind	 kind;
	enum dz_match_how	 how;
	size_t			 ours[DZ_MATCH_SPLIT_MAX];
	size_t			 nours;
	size_t			 theirs[DZ_MATCH_SPLIT_MAX];
	size_t			 ntheirs;
	int64_t			 ours_sum, theirs_sum, delta;
	int			 tie;		/* P2: another partner was as good (待定) */
};

/* The 余额调节表, from our closing to theirs. */
struct dz_match_recon {
	int64_t		 our_opening, our_closing;
	int64_t		 their_opening, their_closing;	/* as given, or computed */
	int		 their_closing_given;
	int64_t		 opening_diff;			/* their_opening - our_opening */
	int64_t		 by_kind[DZ_MATCH__MAX];	/* sum of (theirs - ours) of its lines */
	size_t		 count[DZ_MATCH__MAX];		/* lines of each kind */
	int64_t		 unexplained;
};

struct dz_match_result {
	struct dz_match_line	*line;		/* ordered: by kind, then by our first row, then theirs */
	size_t			 nlines;
	struct dz_match_recon	 recon;
};

/*
 * Match ours (nours rows) with theirs (ntheirs rows).
 *   our_opening, our_closing: the statement's (our_closing must be
 *     our_opening plus our rows: DZ_ERR_INVAL otherwise);
 *   their_opening: NULL for "the same as ours";
 *   their_closing: NULL when they gave none (computed from their rows).
 * DZ_ERR_INVAL for a bad argument (more than DZ_MATCH_ROWS_MAX rows, an
 * amount beyond +-DZ_MONEY_MAX, sums that would overflow), DZ_ERR_NOMEM.
 * Free *out with dz_match_result_free whatever the result.
 */
enum dz_err	 dz_match(const struct dz_match_row *ours, size_t nours,
		    const struct dz_match_row *theirs, size_t ntheirs,
		    int64_t our_opening, int64_t our_closing,
		    const int64_t *their_opening, const int64_t *their_closing,
		    const struct dz_match_opts *, struct dz_match_result *out);
void		 dz_match_result_free(struct dz_match_result *);

/* Stable ASCII codes for the store and CSS (exact, amount, split,
 * timing_ours, timing_theirs, only_ours, only_theirs; number, alias,
 * amount_date, near, sum, timing, none), and back. */
const char	*dz_match_kind_code(enum dz_match_kind);
enum dz_err	 dz_match_kind_from_code(const char *, enum dz_match_kind *);
const char	*dz_match_how_code(enum dz_match_how);
enum dz_err	 dz_match_how_from_code(const char *, enum dz_match_how *);

#endif /* DZ_MATCH_H */
