/*
 * erp.h: the ERP gateway (管家婆 on SQL Server, reached over FreeTDS): the
 * typed queries the screens run, on one target (a data address and the
 * ERP kind whose profile holds the SQL).
 *
 * Its parts, one concern a file:
 *	erp_dsn.h	the data-address grammar (pure; fuzzed alone)
 *	erp_value.h	decoding amounts and text (pure; fuzzed alone)
 *	erp_profile.h	the profiles DATA/erp/<kind>.hdf and the contract of
 *			each logical query they are checked against at start
 *	erp_tds.h	db-lib: handlers, the wording of failures, connections,
 *			RPC (private to the gateway)
 *	erp.c		the typed queries below and the app hooks
 * An account set's target comes from the store: lib/store_account.h.
 */
#ifndef DZ_ERP_H
#define DZ_ERP_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "erp_dsn.h"
#include "erp_profile.h"
#include "aging.h"
#include "stmt.h"

/*
 * One struct dz_erp per process (a FastCGI worker serves one request at a
 * time). It holds:
 *  - every ERP SQL profile DATA/erp/<kind>.hdf, read and checked against
 *    the contract once, at dz_erp_init (erp_profile.h); each query's Sql is
 *    sent as sp_executesql's @stmt, its Params as @params, and the values
 *    are bound as RPC parameters by name, never spliced into the text;
 *  - one cached connection per data address, reused by the requests of that
 *    account set, closed after DZ_ERP_IDLE_SECONDS unused (dz_erp_idle), and
 *    reopened once when a reused one turns out dead.
 * Login and query timeouts come from the config (ERP.LoginTimeout,
 * ERP.QueryTimeout); both must stay below nginx's fastcgi_read_timeout.
 */
struct dz_erp;

#define DZ_ERP_IDLE_SECONDS	60	/* a cached connection unused this long is closed */
#define DZ_ERP_CONNS_MAX	4	/* cached connections per process */
#define DZ_ERP_ROWS_MAX		200000	/* rows one query may return (memory bound) */

/*
 * Where a query goes: an account set's data address (a secret: wipe it
 * with dz_erp_dsn_wipe(&target.dsn)) and the kind of its ERP, the profile
 * that holds the SQL (DATA/erp/<kind>.hdf). Filled from the store by
 * dz_store_account_target (store_account.h).
 */
struct dz_erp_target {
	struct dz_erp_dsn	 dsn;
	char			 kind[DZ_ERP_KIND_MAX + 1];
	long long		 set_id;	/* the account set (kind import: whose ledger) */
};

/*
 * An account set of the kind DZ_ERP_KIND_IMPORT (erp_profile.h) has its
 * ledger imported (issue 16): no ERP, no data address; the gateway reads
 * the app store's imp_* tables (schema 013) through lib/erp_import, giving
 * the same answers in the same shape, so that no screen knows which kind
 * it reads.
 */

/*
 * The app store the imported ledgers are read from (the caller's handle,
 * kept, not owned); until it is given, such a target's queries fail with
 * DZ_ERR_DB.
 */
struct dz_db;
void		 dz_erp_store(struct dz_erp *, struct dz_db *);

/*
 * Set up the gateway: FreeTDS db-lib initialised, error and message handlers
 * installed (the default handler would exit the process), timeouts in
 * seconds (1..600), and every profile of profile_dir (DATA/erp) read and
 * checked against the contract. A bad or missing profile is logged with
 * its file and query named and fails the call (DZ_ERR_INVAL, DZ_ERR_IO):
 * the program must not start. Nothing is connected yet. *erp is freed
 * with dz_erp_free. DZ_ERR_NOMEM, DZ_ERR_INVAL, DZ_ERR_IO, DZ_ERR_ERP.
 */
enum dz_err	 dz_erp_init(struct dz_erp **erp, const char *profile_dir,
		    int login_timeout, int query_timeout);

/*
 * Guard every target (erp_guard.h): the breaker's and slots' files in dir
 * ("" : no guard), at most max_per_target queries at once per target on
 * this host, break_s seconds of failing fast after a timeout.
 */
void		 dz_erp_guard(struct dz_erp *, const char *dir, int max_per_target,
		    int break_s);

/* Close every connection, drop the profiles, free (NULL is fine). */
void		 dz_erp_free(struct dz_erp *);

/*
 * For dz_app_main: opens the gateway into app->erp from the config (DATA/erp
 * profiles, ERP.LoginTimeout, ERP.QueryTimeout), closes idle connections
 * while the worker waits, frees it at the end. Only programs that pass it
 * link FreeTDS.
 */
struct dz_app_hooks;
extern const struct dz_app_hooks dz_erp_hooks;

/*
 * The reason of the last failure, in Chinese words an admin can act on
 * ("服务器拒绝连接（127.0.0.1:1433）", "登录失败：用户名或密码错误"); "" after a
 * success. Never holds the password. Valid until the next call.
 */
const char	*dz_erp_why(const struct dz_erp *);

/*
 * Close cached connections unused for DZ_ERP_IDLE_SECONDS or more (all of
 * them with force). The request loop calls it while waiting for work.
 */
void		 dz_erp_idle(struct dz_erp *, int force);

/*
 * Give the ERP calls that follow a common budget of seconds from now
 * (login and queries together; 0 clears it): a page that runs several
 * queries still answers within one timeout. Each query otherwise gets the
 * full query timeout.
 */
void		 dz_erp_deadline(struct dz_erp *, int seconds);

/*
 * The ERP versions offered on the user screen: the i-th loaded profile's
 * kind and name (in file name order); 0 past the end.
 */
int		 dz_erp_kind_at(const struct dz_erp *, size_t i, const char **kind,
		    const char **name);

struct dz_erp_customer {
	char	 id[64];		/* Btype.typeId */
	char	 code[64];		/* UserCode, 编号 */
	char	 name[256];		/* FullName */
	char	 short_name[128];	/* Name, 简称 */
	int64_t	 receivable;		/* fen: ARTotal - APTotal (Grasp nets them) */
};

/*
 * Search customers (leaf, not deleted 往来单位) whose code, full name or
 * short name contains q (NULL or "" for all; LIKE wildcards in q are
 * escaped), ordered by code, skip rows from the start, at most take of them
 * (ask for one more to know a next page exists). *out is malloc'd (caller
 * frees).
 */
enum dz_err	 dz_erp_customers_at(struct dz_erp *, const struct dz_erp_target *,
		    const char *q, long skip, int take, struct dz_erp_customer **out,
		    size_t *n);

/* One customer by id. DZ_ERR_NOTFOUND if none, or a category or deleted. */
enum dz_err	 dz_erp_customer(struct dz_erp *, const struct dz_erp_target *,
		    const char *id, struct dz_erp_customer *out);

struct dz_erp_doc {
	int64_t	 vchcode;
	int	 vchtype;
	char	 date[11];		/* YYYY-MM-DD, validated */
	char	 number[64];
	char	 summary[256];
	int64_t	 total;			/* fen, as the ERP stores it (positive per
					 * type); signed only by dz_stmt_doc_signed */
};

/*
 * Posted documents of a customer dated from..to (YYYY-MM-DD, inclusive),
 * voided pairs left out, ordered by date then number. types is a bitmask of
 * 1u << enum dz_doc_type (0: DZ_ERR_INVAL). *out is malloc'd (caller frees).
 * More than DZ_ERP_ROWS_MAX rows: DZ_ERR_TOOBIG.
 */
enum dz_err	 dz_erp_documents(struct dz_erp *, const struct dz_erp_target *,
		    const char *customer_id, const char *from, const char *to,
		    unsigned int types, struct dz_erp_doc **out, size_t *n);

struct dz_erp_line {
	int64_t	 vchcode;
	uint32_t seq;			/* DlySale.dlyorder */
	char	 product_code[64];
	char	 product_name[256];	/* Ptype.FullName */
	char	 unit[32];
	int64_t	 qty;			/* 1/10000 */
	int64_t	 price;			/* 1/10000 yuan, 含税单价 */
	int64_t	 amount;		/* fen, 含税金额 */
};

/*
 * Goods lines of every posted, not voided sales and return document of a
 * customer in from..to (one query for the whole range), ordered by
 * document (date, number) then line. *out is malloc'd (caller frees).
 */
enum dz_err	 dz_erp_lines(struct dz_erp *, const struct dz_erp_target *,
		    const char *customer_id, const char *from, const char *to,
		    struct dz_erp_line **out, size_t *n);

/* ---- Drift (issue 15) ---------------------------------------------- */

/* A document as the ERP has it now, in any state. */
struct dz_erp_doc_state {
	struct dz_erp_doc	 d;
	int			 posted;	/* draft = 2 */
	int			 voided;	/* RedOld = 'T': reversed by a red document */
};

/*
 * Every document of a customer dated from..to of the statement types, in
 * every state (posted or not, voided or not; the red reversal rows
 * themselves left out), ordered by vchcode. *out is malloc'd (caller
 * frees). More than DZ_ERP_ROWS_MAX rows: DZ_ERR_TOOBIG.
 */
enum dz_err	 dz_erp_documents_state(struct dz_erp *, const struct dz_erp_target *,
		    const char *customer_id, const char *from, const char *to,
		    struct dz_erp_doc_state **out, size_t *n);

/*
 * One document of the customer by vchcode, in any state: DZ_OK with *out,
 * or DZ_ERR_NOTFOUND when the ERP has no such document of this customer
 * (deleted, or given to another one).
 */
enum dz_err	 dz_erp_document_get(struct dz_erp *, const struct dz_erp_target *,
		    const char *customer_id, int64_t vchcode, struct dz_erp_doc_state *out);

/*
 * The customer's receivable (fen) at the start of date: its booked sides
 * netted, plus the stored totals the profile returns by document type,
 * each signed by dz_stmt_doc_sign. DZ_ERR_NOTFOUND.
 */
enum dz_err	 dz_erp_opening(struct dz_erp *, const struct dz_erp_target *,
		    const char *customer_id, const char *date, int64_t *fen);

/* A customer's 账龄 on a date (dz_erp_aging). The rows of the reports
 * below all begin with id then code (erp.c sorts them alike). */
struct dz_erp_aged {
	char		 id[64];		/* Btype.typeId */
	char		 code[64];
	char		 name[256];
	struct dz_aging	 aging;			/* balance and buckets, lib/aging.h */
};

/*
 * The 账龄 of every leaf, not deleted customer at the end of asof
 * (YYYY-MM-DD): each one's receivable then (as dz_erp_opening of the next
 * day gives it), laid by balance-forward FIFO over its debits dated up to
 * asof, in the buckets b. Two queries for all customers (balances_all,
 * aging_debits), the debits streamed: no row cap, memory by customers.
 * Only debits younger than the oldest bucket are read: what they do not
 * cover is the oldest bucket's (aging.uncovered; oldest then says only
 * "more than the last limit").
 * *out (malloc'd, caller frees) in customer code order.
 */
enum dz_err	 dz_erp_aging(struct dz_erp *, const struct dz_erp_target *,
		    const char *asof, const struct dz_aging_buckets *b,
		    struct dz_erp_aged **out, size_t *n);

/* A customer's 对账报表 row for a period (dz_erp_period_all). */
struct dz_erp_period {
	char			 id[64];
	char			 code[64];
	char			 name[256];
	/* opening at the start of from, closing at the end of to (the
	 * ledger's, as dz_erp_opening gives them), the period's documents
	 * by type; other also holds what no document type explains, so
	 * that closing = opening + sales + returns + receipts + other. */
	struct dz_stmt_totals	 t;
};

/*
 * Every leaf, not deleted customer's row for from..to (inclusive): three
 * queries for all of them (balances_all twice, movements_all). *out
 * (malloc'd, caller frees) in customer code order.
 */
enum dz_err	 dz_erp_period_all(struct dz_erp *, const struct dz_erp_target *,
		    const char *from, const char *to, struct dz_erp_period **out,
		    size_t *n);

/* A customer's payment habits over a period (dz_erp_habits). */
struct dz_erp_habit {
	char		 id[64];
	char		 code[64];
	char		 name[256];
	int64_t		 opening, closing;	/* at the start of from, the end of to */
	int64_t		 sales;			/* 销售 and 应收款增加 of the period */
	int64_t		 paid;			/* receipts allocated to debts */
	long		 days;			/* their weighted days to pay */
	long		 dso_tenths;		/* DSO in tenths of a day; -1: no sales */
};

/*
 * Every leaf, not deleted customer's habits from..to: receipts allocated
 * FIFO to its debts (the opening balance first, as a debt dated from;
 * returns and 应收款减少 clear debts without counting as payments:
 * dz_aging_days_to_pay), and DSO = closing / sales * days of the period.
 * The documents are streamed: memory by one customer's documents. *out
 * (malloc'd, caller frees) in customer code order.
 */
enum dz_err	 dz_erp_habits(struct dz_erp *, const struct dz_erp_target *,
		    const char *from, const char *to, struct dz_erp_habit **out,
		    size_t *n);

/*
 * 测试连接: connect afresh (never a cached connection) and read the account
 * set's name (master.dbo.GraspcwZt) and the ERP version (sysdata). On
 * failure dz_erp_why() says exactly why.
 */
enum dz_err	 dz_erp_info(struct dz_erp *, const struct dz_erp_target *,
		    char *company, size_t companysz, char *version, size_t versionsz);

#endif /* DZ_ERP_H */
