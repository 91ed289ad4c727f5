/*
 * recon.h: 账目核对 in the store (lib/store_recon.c): the customer's own
 * figures beside a frozen statement, matched (lib/match) into a
 * 余额调节表 that the customer's page and the staff's page both read.
 *
 * The figures come two ways, both in the customer's words:
 *   - marks: their closing balance (我方应付余额) and, per document,
 *     无此单 or 金额不符 with their amount (every other document is taken
 *     as booked by them as it is);
 *   - a ledger: the file they exported (lib/sheet), kept with its SHA-256
 *     as evidence, read under a column map (lib/ledger) that is
 *     remembered per customer.
 * Each run is a row with the 余额调节表's figures and the lines that are
 * not simply matched; it becomes the statement's current run (the
 * statement's version moves, so its pages are drawn again, and its mark
 * for the history: "diff" while a difference is not resolved, else "ok").
 * Nothing of the frozen statement changes. A customer's figures are taken
 * only while the statement is 未确认 and only through a live link
 * (DZ_ERR_CONFLICT otherwise, nothing stored); staff's at any state but
 * deleted. Staff resolve each line (人工干预): explained, timing, or the
 * customer's figure accepted; every resolution is a row and an audit row.
 */
#ifndef DZ_RECON_H
#define DZ_RECON_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "ledger.h"
#include "sheet.h"

/* What one statement keeps at most: files (the same file again is the one
 * kept), and runs. Past them DZ_ERR_TOOBIG: a link holder cannot fill
 * the store. */
#define DZ_RECON_UPLOADS_MAX	20
#define DZ_RECON_RUNS_MAX	50

struct dz_db;
struct dz_store_stmt;
struct dz_actor;
struct _hdf;

/* One document the customer marked (the others they booked as we did). */
struct dz_recon_mark {
	long long	 vchcode;
	int		 none;		/* 无此单 */
	int64_t		 amount;	/* 金额不符: their amount as they write it (unsigned) */
};

enum dz_recon_res {
	DZ_RES_EXPLAIN,		/* 已说明 */
	DZ_RES_TIMING,		/* 在途 */
	DZ_RES_ACCEPT,		/* 认可对方金额 */
	DZ_RES__MAX
};

/* "explain", "timing", "accept", and back (DZ_ERR_INVAL). */
const char	*dz_recon_res_code(enum dz_recon_res);
enum dz_err	 dz_recon_res_from_code(const char *, enum dz_recon_res *);

/* An uploaded file as stored. */
struct dz_recon_upload {
	long long	 id;
	char		 source[16];
	char		 filename[256];
	char		 kind[8];		/* csv, xlsx */
	char		 encoding[16];
	long long	 size, nrows, ncols;
	char		 sha256[65];
	char		 at[17];
	const unsigned char *content;		/* size bytes, in what priv holds */
	void		*priv;
};

/*
 * Keep a file that lib/sheet read as sheet (filename as sent, its last
 * path segment; cut to 255 bytes on a character boundary). *id the new
 * row's (the same file kept before: that row's). DZ_ERR_CONFLICT for a
 * customer whose statement is no longer 未确认 or whose link died
 * meanwhile; DZ_ERR_GONE when deleted; DZ_ERR_TOOBIG past
 * DZ_RECON_UPLOADS_MAX.
 */
enum dz_err	 dz_recon_upload_save(struct dz_db *, const struct dz_store_stmt *,
		    const char *filename, const unsigned char *buf, size_t len,
		    const struct dz_sheet *, const struct dz_actor *, long long *id);
/* An upload of statement sid (DZ_ERR_NOTFOUND for another's). Free with
 * dz_recon_upload_free. */
enum dz_err	 dz_recon_upload_get(struct dz_db *, long long sid, long long id,
		    struct dz_recon_upload *);
void		 dz_recon_upload_free(struct dz_recon_upload *);

/* The map remembered for the statement's customer (DZ_ERR_NOTFOUND: none). */
enum dz_err	 dz_recon_map_get(struct dz_db *, const struct dz_store_stmt *,
		    struct dz_ledger_map *);

/*
 * A run from the customer's marks (n of them; a vchcode not of the
 * statement is DZ_ERR_INVAL) and their closing (NULL: none given).
 */
enum dz_err	 dz_recon_run_marks(struct dz_db *, const struct dz_store_stmt *,
		    const struct dz_recon_mark *, size_t n, const int64_t *their_closing,
		    const struct dz_actor *, long long *recon_id);

/*
 * A run from upload upload_id read under map m (remembered for the
 * customer), their closing as given (NULL: the ledger's last 余额, or
 * computed). DZ_ERR_INVAL for a map that does not fit the file or reads
 * no row of it, or figures beyond DZ_MONEY_MAX; DZ_ERR_TOOBIG past
 * DZ_RECON_RUNS_MAX (either kind of run).
 */
enum dz_err	 dz_recon_run_ledger(struct dz_db *, const struct dz_store_stmt *,
		    long long upload_id, const struct dz_ledger_map *,
		    const int64_t *their_closing, const struct dz_actor *,
		    long long *recon_id);

/*
 * The statement's current run into hdf under "Recon" (nothing when it has
 * none): the 余额调节表's figures, the lines with their last resolution
 * (the first DZ_RECON_LINES_SHOWN; with more, Recon.LinesTotal says how
 * many), Recon.Open (lines waiting for one), the upload's name and SHA-256.
 */
#define DZ_RECON_LINES_SHOWN	200
enum dz_err	 dz_recon_to_hdf(struct dz_db *, struct _hdf *, const struct dz_store_stmt *);

/*
 * Staff resolve line seq of run recon_id (the statement's current run
 * only: DZ_ERR_CONFLICT for an older one or a line that is matched;
 * DZ_ERR_NOTFOUND for no such line), with an audit row; the mark becomes
 * "ok" once no line waits.
 */
enum dz_err	 dz_recon_resolve(struct dz_db *, const struct dz_store_stmt *,
		    long long recon_id, long seq, enum dz_recon_res, const char *note,
		    const struct dz_actor *);

#endif /* DZ_RECON_H */
