/*
 * recon_page.h: 账目核对's forms and pages, shared by the customer's page
 * (dz-confirm) and the staff's (dz-history): lib/recon_page.c.
 */
#ifndef DZ_RECON_PAGE_H
#define DZ_RECON_PAGE_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "ledger.h"
#include "recon.h"

struct dz_req;
struct dz_pairs;
struct dz_store_stmt;
struct dz_actor;

/* Marks one form may carry (a statement has at most lib/stmt's 20,000
 * documents; a customer marks a few). */
#define DZ_RECON_MARKS_MAX	2000

struct dz_recon_marks {
	struct dz_recon_mark	 mark[DZ_RECON_MARKS_MAX];
	size_t			 n;
	int64_t			 closing;
	int			 has_closing;
};

/* The form field of a map column ("date", "ref", "memo", "amount",
 * "debit", "credit", "bal"). */
const char	*dz_recon_col_field(int col);

/*
 * The map from the map page's form: h (the header row, 1-based; "" or 0:
 * none), one field per column (a 0-based index, "" for none), neg (a
 * checkbox). DZ_ERR_INVAL when a value is not a number inside the sheet
 * or the map is not dz_ledger_map_ok.
 */
enum dz_err	 dz_recon_map_from_form(const struct dz_pairs *, size_t nrows, size_t ncols,
		    struct dz_ledger_map *);

/*
 * The customer's balance form: their_closing (an amount as people write
 * it, optional) and per document m<vchcode> = ok | none | amount with
 * a<vchcode> their amount. DZ_ERR_INVAL with *why (a sentence) for a bad
 * amount or choice, or for a form with neither a balance nor a mark. Does
 * not check that the vchcodes are the statement's (lib/store_recon does).
 */
enum dz_err	 dz_recon_marks_from_form(const struct dz_pairs *, struct dz_recon_marks *,
		    const char **why);

/*
 * The request's upload read (lib/sheet) and kept for statement s:
 * DZ_OK and *id; DZ_ERR_INVAL or DZ_ERR_TOOBIG with *why naming what is
 * wrong (no file, a limit, a bad file), nothing kept; the store's errors.
 */
enum dz_err	 dz_recon_take(struct dz_req *, const struct dz_store_stmt *,
		    const struct dz_actor *, long long *id, const char **why);

/* The map page's data ("Map.*") for upload id of s, under the map given
 * (NULL: the customer's remembered one if it fits, else a guess). */
enum dz_err	 dz_recon_map_page(struct dz_req *, const struct dz_store_stmt *, long long id,
		    const struct dz_ledger_map *given);

/*
 * The map page's POST: the map and their_closing (optional) from the
 * form, then the run. DZ_ERR_INVAL with *why for a bad form; the run's
 * errors (DZ_ERR_CONFLICT: the statement no longer takes them; TOOBIG
 * with *why). *m the map as chosen when the form gave one (*have_map),
 * for the page drawn again over a refusal.
 */
enum dz_err	 dz_recon_map_post(struct dz_req *, const struct dz_store_stmt *, long long id,
		    const struct dz_actor *, long long *rid, const char **why,
		    struct dz_ledger_map *m, int *have_map);

#endif /* DZ_RECON_PAGE_H */
