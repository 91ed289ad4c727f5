/*
 * ledger.h: the customer's ledger, pure (no I/O): which columns of a
 * sheet (lib/sheet) are the date, their document number, the memo and
 * the amounts, guessed from the header row and confirmed by the customer
 * (the map is remembered per customer as a short string), and the rows
 * under the header as rows for lib/match, in OUR sign.
 *
 * Their ledger is of what they owe us (应付账款 to us, or purchases and
 * payments): a purchase from us raises it (贷方 / 增加), a payment lowers
 * it (借方 / 减少). So with 借方 and 贷方 columns a row counts
 * 贷方 - 借方 in our sign; with one 金额 column it counts as written, or
 * negated when the map says so (sign = -). A 余额 column's last value is
 * their closing balance, a row whose memo is 期初余额 / 上期结转 /
 * 上年结转 their opening; rows of totals (合计, 本月合计, 本年累计, 小计,
 * 期末余额) and rows with no amount are skipped and counted.
 *
 * Cells are read as people write them: amounts "1,234.50", "-1234.5",
 * "(1,234.50)", "¥1,234.50", "1234.50元", with full-width digits;
 * dates "2026-10-05", "2026/10/5", "2026.10.05", "2026年10月5日",
 * "20261005", or the "YYYY-MM-DD" lib/sheet makes of an XLSX date.
 */
#ifndef DZ_LEDGER_H
#define DZ_LEDGER_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "match.h"
#include "sheet.h"

enum dz_ledger_col {
	DZ_LCOL_DATE,		/* 日期, 业务日期, 凭证日期, 单据日期 */
	DZ_LCOL_REF,		/* 单据编号, 单号, 凭证号, 凭证字号, 发票号, 编号 */
	DZ_LCOL_MEMO,		/* 摘要, 说明, 备注, 内容 */
	DZ_LCOL_AMOUNT,		/* 金额, 发生额, 价税合计 */
	DZ_LCOL_DEBIT,		/* 借方, 借方金额, 减少, 付款 */
	DZ_LCOL_CREDIT,		/* 贷方, 贷方金额, 增加, 采购 */
	DZ_LCOL_BALANCE,	/* 余额, 期末余额 */
	DZ_LCOL__MAX
};

struct dz_ledger_map {
	long		 header;		/* the header row's index, -1: no header */
	int		 col[DZ_LCOL__MAX];	/* column index, -1: none */
	int		 negate;		/* AMOUNT counts opposite to ours */
};

/*
 * Guess the map of a sheet: the header is the first of its first 20 rows
 * in which at least two cells name a column above; DZ_ERR_NOTFOUND when
 * none does, or when no amount (AMOUNT, or DEBIT and/or CREDIT) is found
 * (the map is then as far as it got, for the customer to finish).
 */
enum dz_err	 dz_ledger_guess(const struct dz_sheet *, struct dz_ledger_map *);

/* A usable map: a date and an amount (AMOUNT, or DEBIT or CREDIT), every
 * column inside the sheet, no column named twice. */
int		 dz_ledger_map_ok(const struct dz_ledger_map *, size_t ncols);

/* The map as "h=2;date=0;ref=1;memo=3;debit=4;credit=5;bal=6;neg=0" (only
 * the columns it has) and back; DZ_ERR_INVAL for a bad string. */
enum dz_err	 dz_ledger_map_format(const struct dz_ledger_map *, char *buf, size_t sz);
enum dz_err	 dz_ledger_map_parse(const char *, struct dz_ledger_map *);

/* The rows under the header, in order, for dz_match (the strings point
 * into the sheet, which must outlive them). */
struct dz_ledger {
	struct dz_match_row	*row;
	size_t			 nrows;
	size_t			*sheet_row;	/* each row's index in the sheet */
	size_t			 skipped;	/* totals, blank and unreadable rows */
	size_t			 bad_date, bad_amount; /* of those: a date or amount not read */
	int64_t			 opening, closing;
	int			 has_opening, has_closing;
};

/*
 * The ledger of sheet s under map m. DZ_ERR_INVAL for a map that is not
 * dz_ledger_map_ok or an amount beyond DZ_MONEY_MAX; DZ_ERR_NOMEM. Free
 * with dz_ledger_free whatever the result.
 */
enum dz_err	 dz_ledger_read(const struct dz_sheet *s, const struct dz_ledger_map *m,
		    struct dz_ledger *out);
void		 dz_ledger_free(struct dz_ledger *);

/* One cell: an amount in fen (DZ_ERR_INVAL when it is none), a date as a
 * day number (-1 when it is none). */
enum dz_err	 dz_ledger_amount(const char *, int64_t *fen);
long		 dz_ledger_day(const char *);

/* A header cell as the guess compares it (folded: no spaces, half-width,
 * lower case, a bracketed unit at the end dropped) into buf, and whether
 * a folded cell is one of a comma-separated list's names (lib/import's
 * templates name their columns the same way). */
void		 dz_ledger_header_fold(const char *s, char *buf, size_t sz);
int		 dz_ledger_listed(const char *folded, const char *list);

#endif /* DZ_LEDGER_H */
