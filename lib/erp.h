/*
 * erp.h: the ERP gateway (管家婆 on SQL Server, reached over FreeTDS).
 *
 * Part 1, data address (DSN): parsing and printing the text an admin types
 * on the user screen, in the vendor's format
 *
 *	server=192.168.1.10; uid=sa; pwd=sa123; database=V3993
 *
 * Part 2, connection, profiles and typed rows: later, below part 1. The DSN
 * part needs no FreeTDS, so the DSN fuzz target links erp.c alone.
 */
#ifndef DZ_ERP_H
#define DZ_ERP_H

#include <stddef.h>
#include "dz.h"

/* ---- Part 1: data address ------------------------------------------- */

/*
 * Grammar (all keys case-insensitive; spaces around '=', ';', ',', ':' and
 * at both ends are dropped; empty segments such as a trailing ';' are fine):
 *
 *	dsn    = item *( ";" item )
 *	item   = key "=" value
 *	key    = "server" | "uid" | "pwd" | "database"
 *	         aliases from .NET strings: "data source", "address", "addr"
 *	         (server); "user id", "user" (uid); "password" (pwd);
 *	         "initial catalog" (database)
 *	server = host [ "\" instance ] [ ( "," | ":" ) port ]
 *
 * host: an IPv4 address (four decimal octets, no leading zeros) or a host
 * name (labels of letters, digits, '-' and '_', as Windows names allow).
 * IPv6 literals are refused. port: 1..65535; default 1433 without an
 * instance. With "HOST\INSTANCE" and no port, port is 0: FreeTDS asks the
 * SQL Server Browser (UDP 1434) for it at connect time. With an instance
 * and a port, the port wins, as in SQL Server's own clients.
 *
 * NOTE: no quoting. A value ends at the next ';', so a password cannot
 * contain ';' (the parser says so). The vendor's format has no quoting,
 * and any quoting rule would silently change what a password that starts
 * with a quote means. Spaces at either end of a value are dropped; inside
 * a value they are kept. Control characters and invalid UTF-8 are refused
 * everywhere.
 */

#define DZ_ERP_DSN_MAX		1024	/* the whole text, bytes */
#define DZ_ERP_HOST_MAX		253	/* DNS limit */
#define DZ_ERP_INSTANCE_MAX	16	/* SQL Server's instance name limit */
#define DZ_ERP_NAME_MAX		128	/* sysname: uid, pwd, database */
#define DZ_ERP_PORT_DEFAULT	1433
/* Buffer for dz_erp_dsn_format / _format_full / _identity. */
#define DZ_ERP_DSN_TEXTSZ	(DZ_ERP_DSN_MAX + 64)

struct dz_erp_dsn {
	char		host[DZ_ERP_HOST_MAX + 1];	/* lower case */
	char		instance[DZ_ERP_INSTANCE_MAX + 1]; /* "" if none; as typed */
	unsigned int	port;		/* 1..65535, or 0: ask the SQL Browser */
	char		uid[DZ_ERP_NAME_MAX + 1];
	char		pwd[DZ_ERP_NAME_MAX + 1];	/* secret: dz_erp_dsn_wipe */
	char		database[DZ_ERP_NAME_MAX + 1];	/* as typed */
};

/*
 * Parse a data address. On success *out is filled and DZ_OK returned. On
 * bad input DZ_ERR_INVAL, *out is wiped, and why (if not NULL) holds a
 * Chinese sentence saying what is wrong (e.g. "缺少 database"), suitable for
 * the page next to the field. why never contains the password or any part
 * of a value that could be one.
 */
enum dz_err	 dz_erp_dsn_parse(const char *text, struct dz_erp_dsn *out,
		    char *why, size_t whysz);

/*
 * Canonical text WITHOUT the password, for display and logs:
 * "server=host,1433; uid=sa; database=V3993" (or "server=host\INST; ...").
 * DZ_ERR_TOOBIG if buf is too small (DZ_ERP_DSN_TEXTSZ always suffices).
 */
enum dz_err	 dz_erp_dsn_format(const struct dz_erp_dsn *, char *buf, size_t bufsz);

/*
 * Canonical text WITH the password, only for sealing into the store
 * (dz_crypt_box_seal); the caller wipes buf. dz_erp_dsn_parse gives back
 * the same struct.
 */
enum dz_err	 dz_erp_dsn_format_full(const struct dz_erp_dsn *, char *buf, size_t bufsz);

/*
 * Identity of the account set a DSN reaches: "host:port/instance/database"
 * with host and instance lower case (both are case-insensitive names) and
 * the database as typed (lowering it could merge two databases on a
 * case-sensitive server; splitting one is the harmless mistake). Two users
 * whose DSNs have the same identity share one account set. The login (uid,
 * pwd) is not part of it. NOTE: names are not resolved: "localhost" and
 * "127.0.0.1", or "HOST\INST" and "HOST\INST,1433", are different.
 */
enum dz_err	 dz_erp_dsn_identity(const struct dz_erp_dsn *, char *buf, size_t bufsz);

/*
 * The server name FreeTDS's dbopen() takes: "host:port", or "host\instance"
 * when the port is left to the SQL Browser.
 */
enum dz_err	 dz_erp_dsn_tds_server(const struct dz_erp_dsn *, char *buf, size_t bufsz);

/* Wipe the whole struct, password included (safe on a zeroed struct). */
void		 dz_erp_dsn_wipe(struct dz_erp_dsn *);

/* ---- Part 2: connection, profiles, typed rows ----------------------- */

/*
 * One struct dz_erp per process (a FastCGI worker serves one request at a
 * time). It holds:
 *  - the ERP SQL profiles DATA/erp/<kind>.hdf, read on first use: each
 *    logical query is Query.<name>.{Params,Columns,Sql}; Sql is sent as
 *    sp_executesql's @stmt, Params as its @params, and the values are bound
 *    as RPC parameters, never spliced into the text;
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
#define DZ_ERP_KIND_MAX		32

/*
 * Set up the gateway: FreeTDS db-lib initialised, error and message handlers
 * installed (the default handler would exit the process), timeouts in
 * seconds (1..600). profile_dir is DATA/erp. Nothing is connected yet.
 * *erp is freed with dz_erp_free. DZ_ERR_NOMEM, DZ_ERR_INVAL, DZ_ERR_ERP.
 */
enum dz_err	 dz_erp_init(struct dz_erp **erp, const char *profile_dir,
		    int login_timeout, int query_timeout);

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
 * Open the sealed data address of an account set (account_sets.erp_dsn,
 * AES-256-GCM bound to "account_sets.erp_dsn:<id>"). *dsn is filled; the
 * caller wipes it with dz_erp_dsn_wipe. DZ_ERR_NOTFOUND if none is stored,
 * DZ_ERR_CRYPT without keys or if the blob does not open.
 */
struct dz_keyring;
enum dz_err	 dz_erp_dsn_unseal(const struct dz_keyring *, long long account_set_id,
		    const void *blob, size_t bloblen, struct dz_erp_dsn *dsn);

/*
 * The ERP of an account set: its unsealed data address (the caller wipes
 * it), its ERP kind and company name (either may be NULL). DZ_ERR_NOTFOUND
 * when there is no such account set or it has no data address stored.
 */
struct dz_db;
enum dz_err	 dz_erp_account(struct dz_db *, const struct dz_keyring *, long long set_id,
		    struct dz_erp_dsn *dsn, char *kind, size_t kindsz, char *company,
		    size_t compsz);

/* Is kind a well-formed profile name ([a-z0-9_-], 1..32)? 1 yes, 0 no. */
int		 dz_erp_kind_valid(const char *kind);

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
enum dz_err	 dz_erp_customers_at(struct dz_erp *, const struct dz_erp_dsn *,
		    const char *kind, const char *q, long skip, int take,
		    struct dz_erp_customer **out, size_t *n);

/* One customer by id. DZ_ERR_NOTFOUND if none, or a category or deleted. */
enum dz_err	 dz_erp_customer(struct dz_erp *, const struct dz_erp_dsn *, const char *kind,
		    const char *id, struct dz_erp_customer *out);

struct dz_erp_doc {
	int64_t	 vchcode;
	int	 vchtype;
	char	 date[11];		/* YYYY-MM-DD, validated */
	char	 number[64];
	char	 summary[256];
	int64_t	 total;			/* fen, as the ERP stores it (positive per
					 * type); sign via dz_stmt_doc_signed */
};

/*
 * Posted documents of a customer dated from..to (YYYY-MM-DD, inclusive),
 * voided pairs left out, ordered by date then number. types is a bitmask of
 * 1u << enum dz_doc_type (0: DZ_ERR_INVAL). *out is malloc'd (caller frees).
 * More than DZ_ERP_ROWS_MAX rows: DZ_ERR_TOOBIG.
 */
enum dz_err	 dz_erp_documents(struct dz_erp *, const struct dz_erp_dsn *, const char *kind,
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
enum dz_err	 dz_erp_lines(struct dz_erp *, const struct dz_erp_dsn *, const char *kind,
		    const char *customer_id, const char *from, const char *to,
		    struct dz_erp_line **out, size_t *n);

/* The customer's receivable (fen) at the start of date. DZ_ERR_NOTFOUND. */
enum dz_err	 dz_erp_opening(struct dz_erp *, const struct dz_erp_dsn *, const char *kind,
		    const char *customer_id, const char *date, int64_t *fen);

/*
 * 测试连接: connect afresh (never a cached connection) and read the account
 * set's name (master.dbo.GraspcwZt) and the ERP version (sysdata). On
 * failure dz_erp_why() says exactly why.
 */
enum dz_err	 dz_erp_info(struct dz_erp *, const struct dz_erp_dsn *, const char *kind,
		    char *company, size_t companysz, char *version, size_t versionsz);

/*
 * Turn one ERP value into an integer of the given scale (2: fen, 4: 1/10000),
 * rounding half away from zero. type is the FreeTDS db-lib type (SYBMONEY,
 * SYBMONEY4, SYBDECIMAL, SYBNUMERIC, SYBFLT8, SYBREAL, SYBINT1/2/4/8, SYBBIT,
 * SYBCHAR/SYBVARCHAR/SYBTEXT holding a decimal), data and len as dbdata() /
 * dbdatlen() give them. MONEY is read exactly from its two 32-bit halves,
 * DECIMAL through dbconvert's exact decimal text, FLOAT through its shortest
 * 15 significant digits (what the ERP wrote). DZ_ERR_INVAL for NULL, an
 * unknown type, or a value beyond +-DZ_MONEY_MAX units of the scale.
 */
enum dz_err	 dz_erp_value_fixed(int type, const void *data, int len, int scale,
		    int64_t *out);

/*
 * Parse a decimal text ("-1234.5678", "12", ".5") into an integer of the
 * given scale (0..6), half away from zero. DZ_ERR_INVAL on anything else.
 */
enum dz_err	 dz_erp_decimal(const char *s, size_t len, int scale, int64_t *out);

#endif /* DZ_ERP_H */
