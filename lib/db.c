#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>

#include "dz.h"
#include "changes.h"
#include "conf.h"
#include "db.h"
#include "log.h"
#include "money.h"

/*
 * The statement table: every SQL statement the suite sends to MariaDB.
 * READ marks statements that are safe to retry on a fresh connection;
 * BUMP those whose change the workers' caches must hear of: when one
 * changes a row, the host's change counter (lib/changes) moves, at once
 * or, inside a transaction, when it commits.
 */
/* Multi-row INSERTs: one row's placeholders, repeated DZ_DB_BATCH (32) times. */
#define DOC_ROW		"(?, ?, ?, ?, ?, ?, ?, ?)"
#define LINE_ROW	"(?, ?, ?, ?, ?, ?, ?, ?, ?)"
#define R2(x)		x ", " x
#define R4(x)		R2(x) ", " R2(x)
#define R8(x)		R4(x) ", " R4(x)
#define R16(x)		R8(x) ", " R8(x)
#define BATCH(x)	R16(x) ", " R16(x)

/*
 * A statement's header: the columns header_from_row() in store.c reads,
 * with who made it from the expression by (u.username, or '' where the
 * page does not show it and the join to users can go).
 */
#define STMT_HEAD_BY(by) "s.id, s.account_set_id, s.customer_id, " \
	"s.customer_code, s.customer_name, s.company_name, s.period_from, " \
	"s.period_to, s.with_opening, s.opening, s.sales, s.returns, s.receipts, " \
	"s.other, s.closing, s.doc_count, s.fingerprint, s.status, s.received, " \
	"COALESCE(s.received_date, ''), s.received_note, " \
	"COALESCE(DATE_FORMAT(s.answered_at, '%Y-%m-%d %H:%i'), ''), " \
	"DATE_FORMAT(s.created_at, '%Y-%m-%d %H:%i'), " by ", " \
	"s.deleted_at IS NOT NULL, s.version, " \
	"IF(s.status = 'pending' AND s.cancelled_version <=> s.version, " \
	"s.cancelled_status, ''), COALESCE(s.recon_id, 0), COALESCE(s.recon_state, ''), " \
	"COALESCE(s.chain_from_id, 0), COALESCE(s.erp_opening, s.opening)"
#define STMT_HEAD	STMT_HEAD_BY("u.username")

/*
 * The history's filters over statements s, from the one-row table f of
 * bound values (a NULL matches everything), then the account set: shared
 * by the page (STMT_LIST*), its count (STMT_COUNT*) and its export
 * (STMT_EXPORT*), so they always select the same statements. f is a
 * constant table: MariaDB reads it first and each "f.x IS NULL OR" folds
 * away, leaving what an index can range over (schema 010: each filter's
 * index ends in created_at).
 */
#define STMT_FILTER_NC "s.account_set_id = ? AND s.deleted_at IS NULL " \
	"AND (f.st IS NULL OR s.status = f.st) " \
	"AND (f.pfrom IS NULL OR s.period_to >= f.pfrom) " \
	"AND (f.pto IS NULL OR s.period_from <= f.pto) " \
	"AND (f.cfrom IS NULL OR s.created_at >= f.cfrom) " \
	"AND (f.cto IS NULL OR s.created_at < f.cto + INTERVAL 1 DAY) "
#define STMT_FILTER STMT_FILTER_NC \
	"AND (f.cust IS NULL OR s.customer_id = f.cust " \
	"OR s.customer_name LIKE f.clike OR s.customer_code = f.cust) "
/*
 * STMT_FILTER_NC is the same without the customer: where no customer is
 * given (STMT_COUNT_NC) or the customers come from statement_customers
 * (*_CUST): every column it reads is in an index that orders by
 * created_at (schema 010), so a count reads the index alone (a count of
 * 1,000 不符合 with the customer's columns in the WHERE: 9 ms; without
 * them 0.7 ms, at 1,000,000).
 */
/*
 * With a customer given that names few customers (STMT_CUST_N; the store
 * decides), the variants *_CUST start from the names, codes and ids the
 * set's statements were made with that match it (statement_customers, a
 * few thousand rows against a million statements), and read the
 * statements made under each by ix_statements_set_customer_cover: a
 * name's part was a LIKE over every statement of the set (3.7 s a page at
 * 1,000,000). A statement matches when its own id, code and name do,
 * as with STMT_FILTER. Left to itself MariaDB walks the set by created_at
 * and looks each row's customer up (as slow), hence STRAIGHT_JOIN; the
 * index holds every column the filters read, so the page's ids are
 * picked from the index alone and only those rows are read (a page of a
 * customer of 500 statements: 49 ms reading all 500, 1 ms). The customer
 * and its pattern are bound again (read from f, the subquery failed on a
 * prepared statement's second execution: "Unknown column 'f.cust'",
 * MariaDB 10.11), then the set: after f, before STMT_FILTER_NC's.
 */
#define STMT_CUST_K "(SELECT c.customer_id, c.customer_code, c.customer_name " \
	"FROM statement_customers c, (SELECT ? AS cust, ? AS clike) g " \
	"WHERE c.account_set_id = ? AND (c.customer_id = g.cust " \
	"OR c.customer_code = g.cust OR c.customer_name LIKE g.clike)) k "
#define STMT_S		"statements s "
#define STMT_S_CUST	STMT_CUST_K "STRAIGHT_JOIN statements s " \
	"FORCE INDEX (ix_statements_set_customer_cover) " \
	"ON s.customer_id = k.customer_id AND s.customer_code = k.customer_code " \
	"AND s.customer_name = k.customer_name "
/* The bound values of the filters (in the order of struct dz_store_filter). */
#define STMT_F "? AS cust, ? AS clike, ? AS st, ? AS pfrom, ? AS pto, " \
	"? AS cfrom, ? AS cto"

/* A customer's figures are taken while the statement is 未确认 and the
 * link (bound twice; 0 for staff) is live. */
#define RECON_CUSTOMER_OK "AND (? = 0 OR (status = 'pending' AND EXISTS " \
	"(SELECT 1 FROM share_links l WHERE l.id = ? " \
	"AND l.statement_id = statements.id AND l.revoked_at IS NULL " \
	"AND l.expires_at > NOW())))"

/* Flags of a statement. */
#define READ	0x01	/* safe to run again on a fresh connection */
#define BUMP	0x02	/* a change the workers' caches must hear of */

/*
 * One statement: its name, its SQL, how many parameters it binds and how many
 * columns it returns (the enum beside it in db.h), checked when it is
 * prepared, and its flags.
 */
struct sqldef {
	const char	*name;		/* "STMT_LIST", for logs and tests */
	const char	*sql;
	unsigned int	 nparams;
	unsigned int	 ncols;
	unsigned int	 flags;
};

/* An entry of the table, named after its enum. */
#define Q(n)	[DZ_SQL_##n] = { #n,

static const struct sqldef sqls[DZ_SQL__MAX] = {
	Q(SESSION_GET) "SELECT s.user_id, s.csrf, "
	    "TIMESTAMPDIFF(SECOND, s.last_seen_at, NOW()), u.username, u.role, "
	    "u.account_set_id, u.must_change_password, COALESCE(a.company_name, ''), "
	    "COALESCE(a.erp_kind = 'import', 0) "
	    "FROM sessions s JOIN users u ON u.id = s.user_id "
	    "LEFT JOIN account_sets a ON a.id = u.account_set_id "
	    "WHERE s.id_hash = ? AND u.status = 'active' "
	    "AND s.last_seen_at > NOW() - INTERVAL ? MINUTE "
	    "AND s.created_at > NOW() - INTERVAL ? HOUR",
	    3, DZ_C_SCHECK__N + DZ_C_SUSER__N, READ },
	/* The same in two halves (the columns in the same order), for a
	 * worker that keeps the user's half (lib/auth.c): the session itself
	 * is read on every request. */
	Q(SESSION_CHECK) "SELECT user_id, csrf, "
	    "TIMESTAMPDIFF(SECOND, last_seen_at, NOW()) FROM sessions "
	    "WHERE id_hash = ? AND last_seen_at > NOW() - INTERVAL ? MINUTE "
	    "AND created_at > NOW() - INTERVAL ? HOUR",
	    3, DZ_C_SCHECK__N, READ },
	Q(SESSION_USER) "SELECT u.username, u.role, u.account_set_id, "
	    "u.must_change_password, COALESCE(a.company_name, ''), "
	    "COALESCE(a.erp_kind = 'import', 0) "
	    "FROM users u LEFT JOIN account_sets a ON a.id = u.account_set_id "
	    "WHERE u.id = ? AND u.status = 'active'",
	    1, DZ_C_SUSER__N, READ },
	Q(SESSION_TOUCH) "UPDATE sessions SET last_seen_at = NOW() "
	    "WHERE id_hash = ?",
	    1, 0, 0 },
	Q(SESSION_INSERT) "INSERT INTO sessions (id_hash, user_id, csrf, "
	    "created_at, last_seen_at, ip, user_agent) "
	    "VALUES (?, ?, ?, NOW(), NOW(), ?, ?)",
	    5, 0, 0 },
	Q(SESSION_DELETE) "DELETE FROM sessions WHERE id_hash = ?",
	    1, 0, 0 },
	Q(SESSION_DELETE_USER) "DELETE FROM sessions WHERE user_id = ?",
	    1, 0, 0 },
	Q(SESSION_DELETE_OTHERS) "DELETE FROM sessions "
	    "WHERE user_id = ? AND id_hash <> ?",
	    2, 0, 0 },
	/* The idle limit is at most a day (conf.c), so a session unseen for a
	 * day is dead whatever the settings. */
	Q(SESSION_PRUNE) "DELETE FROM sessions "
	    "WHERE last_seen_at < NOW() - INTERVAL 1 DAY",
	    0, 0, 0 },
	/* dz-admin restore: everyone signs in again. */
	Q(SESSION_DELETE_ALL) "DELETE FROM sessions",
	    0, 0, 0 },

	Q(USER_BY_NAME) "SELECT id, password_hash, status, must_change_password "
	    "FROM users WHERE username = ?",
	    1, DZ_C_LOGIN__N, READ },
	Q(USER_GET) "SELECT u.id, u.username, u.role, u.erp_kind, "
	    "u.account_set_id, u.status, u.must_change_password, u.version, "
	    "a.identity, a.erp_dsn, COALESCE(a.company_name, '') "
	    "FROM users u LEFT JOIN account_sets a ON a.id = u.account_set_id "
	    "WHERE u.id = ?",
	    1, DZ_C_USER__N, READ },
	Q(USER_LIST) "SELECT u.id, u.username, u.role, u.erp_kind, "
	    "u.status, COALESCE(a.company_name, ''), COALESCE(a.identity, ''), "
	    "DATE_FORMAT(u.last_login_at, '%Y-%m-%d %H:%i') "
	    "FROM users u LEFT JOIN account_sets a ON a.id = u.account_set_id "
	    "ORDER BY u.username",
	    0, DZ_C_ULIST__N, READ },
	Q(USER_INSERT) "INSERT INTO users (username, password_hash, role, "
	    "erp_kind, account_set_id, status, must_change_password) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)",
	    7, 0, BUMP },
	Q(USER_UPDATE) "UPDATE users SET username = ?, role = ?, "
	    "erp_kind = ?, account_set_id = ?, status = ?, updated_at = NOW(), "
	    "version = version + 1 WHERE id = ? AND version = ?",
	    7, 0, BUMP },
	Q(USER_SET_PASSWORD) "UPDATE users SET password_hash = ?, "
	    "must_change_password = ?, updated_at = NOW(), version = version + 1 "
	    "WHERE id = ?",
	    3, 0, BUMP },
	Q(USER_LOGGED_IN) "UPDATE users SET last_login_at = NOW() "
	    "WHERE id = ?",
	    1, 0, 0 },
	Q(USER_COUNT) "SELECT COUNT(*) FROM users",
	    0, DZ_C_COUNT__N, READ },

	Q(LOGINFAIL_INSERT) "INSERT INTO login_failures (at, username, ip) "
	    "VALUES (NOW(), ?, ?)",
	    2, 0, 0 },
	/* Over all addresses, the last hour: the account-wide ceiling. */
	Q(LOGINFAIL_COUNT_USER) "SELECT COUNT(*) FROM login_failures "
	    "WHERE username = ? AND at > NOW() - INTERVAL 1 HOUR",
	    1, DZ_C_COUNT__N, READ },
	/* One account from one address, the last hour: how many, and the
	 * seconds since the last (0 when none). */
	Q(LOGINFAIL_PAIR) "SELECT COUNT(*), "
	    "COALESCE(TIMESTAMPDIFF(SECOND, MAX(at), NOW()), 0) "
	    "FROM login_failures "
	    "WHERE username = ? AND ip = ? AND at > NOW() - INTERVAL 1 HOUR",
	    2, DZ_C_PAIR__N, READ },
	Q(LOGINFAIL_COUNT_IP) "SELECT COUNT(*) FROM login_failures "
	    "WHERE ip = ? AND at > NOW() - INTERVAL 15 MINUTE",
	    1, DZ_C_COUNT__N, READ },
	/* A right password clears its own address's failures only: an
	 * attacker's count elsewhere stays. */
	Q(LOGINFAIL_CLEAR_PAIR) "DELETE FROM login_failures "
	    "WHERE username = ? AND ip = ?",
	    2, 0, 0 },
	Q(LOGINFAIL_PRUNE) "DELETE FROM login_failures "
	    "WHERE at < NOW() - INTERVAL 1 DAY",
	    0, 0, 0 },

	Q(ACCTSET_BY_IDENTITY) "SELECT id FROM account_sets "
	    "WHERE identity = ?",
	    1, DZ_C_ID__N, READ },
	Q(ACCTSET_GET) "SELECT id, identity, company_name, erp_kind, "
	    "erp_dsn FROM account_sets WHERE id = ?",
	    1, DZ_C_ACCT__N, READ },
	Q(ACCTSET_INSERT) "INSERT INTO account_sets (identity, "
	    "company_name, erp_kind) VALUES (?, ?, ?)",
	    3, 0, 0 },
	Q(ACCTSET_SET_DSN) "UPDATE account_sets SET erp_dsn = ?, "
	    "erp_kind = ?, updated_at = NOW() WHERE id = ?",
	    3, 0, 0 },

	Q(AUDIT_INSERT) "INSERT INTO audit_log (user_id, username, "
	    "action, object, detail, ip) VALUES (?, ?, ?, ?, ?, ?)",
	    6, 0, 0 },

	/* statements */
	Q(STMT_INSERT) "INSERT INTO statements (account_set_id, "
	    "customer_id, customer_code, customer_name, company_name, period_from, "
	    "period_to, with_opening, opening, sales, returns, receipts, other, "
	    "closing, doc_count, fingerprint, created_by) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    17, 0, BUMP },
	Q(STMT_DOC_INSERT) "INSERT INTO statement_docs (statement_id, "
	    "vchcode, vchtype, doc_type, number, date, summary, amount) VALUES "
	    DOC_ROW,
	    8, 0, 0 },
	Q(STMT_DOC_INSERT_BATCH) "INSERT INTO statement_docs (statement_id, "
	    "vchcode, vchtype, doc_type, number, date, summary, amount) VALUES "
	    BATCH(DOC_ROW),
	    8 * DZ_DB_BATCH, 0, 0 },
	Q(STMT_LINE_INSERT) "INSERT INTO statement_lines (statement_id, "
	    "vchcode, seq, product_code, product_name, unit, qty, price, amount) "
	    "VALUES " LINE_ROW,
	    9, 0, 0 },
	Q(STMT_LINE_INSERT_BATCH) "INSERT INTO statement_lines (statement_id, "
	    "vchcode, seq, product_code, product_name, unit, qty, price, amount) "
	    "VALUES " BATCH(LINE_ROW),
	    9 * DZ_DB_BATCH, 0, 0 },
	Q(STMT_GET) "SELECT " STMT_HEAD
	    " FROM statements s JOIN users u ON u.id = s.created_by "
	    "WHERE s.id = ?",
	    1, DZ_C_HEAD__N, READ },
	Q(STMT_DOCS) "SELECT vchcode, vchtype, doc_type, number, date, "
	    "summary, amount FROM statement_docs WHERE statement_id = ? "
	    "ORDER BY date, number, vchcode",
	    1, DZ_C_DOC__N, READ },
	Q(STMT_LINES) "SELECT vchcode, seq, product_code, product_name, "
	    "unit, qty, price, amount FROM statement_lines WHERE statement_id = ? "
	    "ORDER BY vchcode, seq",
	    1, DZ_C_LINE__N, READ },
	/*
	 * Filters are optional: a NULL matches everything. Each is bound once,
	 * into the one-row table f (in the order of struct dz_store_filter),
	 * then the cursor: the page below (older than) the statement of the
	 * eighth parameter (bound again as the ninth), or above (newer than)
	 * the tenth's (and eleventh), or from the top (all NULL); then the account set, the page size and an offset
	 * (a page number typed without a cursor). Keyset, so the 40,000th
	 * page costs what the first does (OFFSET read every row above it:
	 * 4.7 s at 1,000,000). The newer page comes oldest first (the page
	 * turns it round). The count is STMT_COUNT's.
	 */
#define STMT_LIST_COLS "s.id, s.customer_code, s.customer_name, " \
	    "s.period_from, s.period_to, s.status, s.received, s.doc_count, " \
	    "s.closing, DATE_FORMAT(s.created_at, '%Y-%m-%d %H:%i'), s.version, " \
	    "COALESCE(s.recon_state, ''), COALESCE(s.erp_opening <> s.opening, 0) "
#define STMT_LIST_F "FROM (SELECT " STMT_F ", ? AS oid, " \
	    "(SELECT o.created_at FROM statements o WHERE o.id = ?) AS oat, ? AS nid, " \
	    "(SELECT n.created_at FROM statements n WHERE n.id = ?) AS nat) f, "
#define STMT_LIST_CURSOR "AND (f.oid IS NULL OR s.created_at < f.oat " \
	    "OR (s.created_at = f.oat AND s.id < f.oid)) " \
	    "AND (f.nid IS NULL OR s.created_at > f.nat " \
	    "OR (s.created_at = f.nat AND s.id > f.nid)) "
/*
 * Which index a page walks is named, not left to MariaDB: at 1,000,000
 * statements it chose a set-wide ref over the cursor's range (the page
 * 90 % down read 900,000 rows: 3.1 s) and sorted every 不符合 where an
 * index had them in order. The order's index has every column before
 * created_at fixed by a literal or a placeholder: an equality to the
 * one-row table f is not, and MariaDB sorted (hence the status bound
 * again as a placeholder in *_ST, after the set).
 */
#define STMT_LIST_SQL(order, ix, where) "SELECT " STMT_LIST_COLS STMT_LIST_F \
	    "statements s FORCE INDEX (" ix ") " \
	    "WHERE " where STMT_LIST_CURSOR \
	    "ORDER BY s.created_at " order ", s.id " order " LIMIT ? OFFSET ?"
#define STMT_LIST_CUST_SQL(order) "SELECT " STMT_LIST_COLS "FROM (SELECT s.id " \
	    STMT_LIST_F STMT_S_CUST "WHERE " STMT_FILTER_NC STMT_LIST_CURSOR \
	    "ORDER BY s.created_at " order ", s.id " order " LIMIT ? OFFSET ?) t " \
	    "JOIN statements s ON s.id = t.id " \
	    "ORDER BY s.created_at " order ", s.id " order
/*
 * The period filter with both ends (and no customer): from the rows of
 * the months it spans (statement_months, schema 011), which hold what
 * the other filters read; the month (or first and last month, YYYYMM)
 * bound after the set. One month is one range in the list's order; more
 * are their rows' union, sorted (a quarter at 1,000,000: 0.03 s).
 */
#define STMT_M_FILTER "AND (f.st IS NULL OR m.status = f.st) " \
	    "AND m.period_to >= f.pfrom AND m.period_from <= f.pto " \
	    "AND (f.cfrom IS NULL OR m.created_at >= f.cfrom) " \
	    "AND (f.cto IS NULL OR m.created_at < f.cto + INTERVAL 1 DAY) "
#define STMT_M_CURSOR "AND (f.oid IS NULL OR m.created_at < f.oat " \
	    "OR (m.created_at = f.oat AND m.statement_id < f.oid)) " \
	    "AND (f.nid IS NULL OR m.created_at > f.nat " \
	    "OR (m.created_at = f.nat AND m.statement_id > f.nid)) "
#define STMT_LIST_MONTH_SQL(order, pick, months) "SELECT " STMT_LIST_COLS \
	    "FROM (SELECT " pick "m.statement_id, m.created_at " STMT_LIST_F \
	    "statement_months m WHERE m.account_set_id = ? AND " months \
	    STMT_M_FILTER STMT_M_CURSOR \
	    "ORDER BY m.created_at " order ", m.statement_id " order " LIMIT ? OFFSET ?) t " \
	    "JOIN statements s ON s.id = t.statement_id " \
	    "ORDER BY s.created_at " order ", s.id " order
/* A customer filter naming one (customer, code, name) key (the store
 * looks it up): the key bound after the set, its statements in order. */
#define STMT_KEY	"AND s.customer_id = ? AND s.customer_code = ? " \
	    "AND s.customer_name = ? "
#define STMT_ONE_MONTH	"m.month = ? "
#define STMT_MONTHS	"m.month BETWEEN ? AND ? "
	Q(STMT_LIST) STMT_LIST_SQL("DESC", "ix_statements_list", STMT_FILTER),
	    14, DZ_C_CARD__N, READ },
	Q(STMT_LIST_CUST) STMT_LIST_CUST_SQL("DESC"),
	    17, DZ_C_CARD__N, READ },
	Q(STMT_LIST_NEWER) STMT_LIST_SQL("ASC", "ix_statements_list", STMT_FILTER),
	    14, DZ_C_CARD__N, READ },
	Q(STMT_LIST_NEWER_CUST) STMT_LIST_CUST_SQL("ASC"),
	    17, DZ_C_CARD__N, READ },
	Q(STMT_LIST_ST) STMT_LIST_SQL("DESC", "ix_statements_list_status",
	    STMT_FILTER "AND s.status = ? "),
	    15, DZ_C_CARD__N, READ },
	Q(STMT_LIST_NEWER_ST) STMT_LIST_SQL("ASC", "ix_statements_list_status",
	    STMT_FILTER "AND s.status = ? "),
	    15, DZ_C_CARD__N, READ },
	Q(STMT_LIST_KEY) STMT_LIST_SQL("DESC", "ix_statements_set_customer_cover",
	    STMT_FILTER_NC STMT_KEY),
	    17, DZ_C_CARD__N, READ },
	Q(STMT_LIST_NEWER_KEY) STMT_LIST_SQL("ASC", "ix_statements_set_customer_cover",
	    STMT_FILTER_NC STMT_KEY),
	    17, DZ_C_CARD__N, READ },
	Q(STMT_LIST_MONTH) STMT_LIST_MONTH_SQL("DESC", "", STMT_ONE_MONTH),
	    15, DZ_C_CARD__N, READ },
	Q(STMT_LIST_NEWER_MONTH) STMT_LIST_MONTH_SQL("ASC", "", STMT_ONE_MONTH),
	    15, DZ_C_CARD__N, READ },
	Q(STMT_LIST_MONTHS) STMT_LIST_MONTH_SQL("DESC", "DISTINCT ", STMT_MONTHS),
	    16, DZ_C_CARD__N, READ },
	Q(STMT_LIST_NEWER_MONTHS) STMT_LIST_MONTH_SQL("ASC", "DISTINCT ", STMT_MONTHS),
	    16, DZ_C_CARD__N, READ },
#undef STMT_LIST_MONTH_SQL
#undef STMT_M_CURSOR
#undef STMT_LIST_CUST_SQL
#undef STMT_LIST_CURSOR
#undef STMT_LIST_F
#undef STMT_LIST_COLS
#undef STMT_LIST_SQL
	/* The list's matches, counted up to the last parameter (the page then
	 * says "more than"): COUNT(*) OVER () of every match was most of a
	 * page's 6.9 s at 1,000,000. The filters bound as STMT_LIST's, then
	 * the set (after STMT_CUST_K's three). */
	Q(STMT_COUNT) "SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT " STMT_F ") f, "
	    "statements s FORCE INDEX (ix_statements_list) WHERE " STMT_FILTER "LIMIT ?) x",
	    9, DZ_C_COUNT__N, READ },
	Q(STMT_COUNT_NC) "SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT " STMT_F ") f, "
	    "statements s FORCE INDEX (ix_statements_list) WHERE " STMT_FILTER_NC "LIMIT ?) x",
	    9, DZ_C_COUNT__N, READ },
	Q(STMT_COUNT_CUST) "SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT " STMT_F ") f, "
	    STMT_S_CUST "WHERE " STMT_FILTER_NC "LIMIT ?) x",
	    12, DZ_C_COUNT__N, READ },
	/* ... and with the list's *_ST (no customer), *_MONTH, *_MONTHS
	 * (their arguments after the set, as there) */
	Q(STMT_COUNT_ST) "SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT " STMT_F ") f, "
	    "statements s FORCE INDEX (ix_statements_list_status) "
	    "WHERE " STMT_FILTER_NC "AND s.status = ? LIMIT ?) x",
	    10, DZ_C_COUNT__N, READ },
	Q(STMT_COUNT_KEY) "SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT " STMT_F ") f, "
	    "statements s FORCE INDEX (ix_statements_set_customer_cover) "
	    "WHERE " STMT_FILTER_NC STMT_KEY "LIMIT ?) x",
	    12, DZ_C_COUNT__N, READ },
	Q(STMT_COUNT_MONTH) "SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT " STMT_F ") f, "
	    "statement_months m WHERE m.account_set_id = ? AND " STMT_ONE_MONTH
	    STMT_M_FILTER "LIMIT ?) x",
	    10, DZ_C_COUNT__N, READ },
	Q(STMT_COUNT_MONTHS) "SELECT COUNT(*) FROM (SELECT DISTINCT m.statement_id "
	    "FROM (SELECT " STMT_F ") f, "
	    "statement_months m WHERE m.account_set_id = ? AND " STMT_MONTHS
	    STMT_M_FILTER "LIMIT ?) x",
	    11, DZ_C_COUNT__N, READ },
#undef STMT_MONTHS
#undef STMT_ONE_MONTH
#undef STMT_KEY
#undef STMT_M_FILTER
	/* How many customers a customer filter names (the set, the text twice,
	 * its pattern), up to the last parameter, and in how many (customer,
	 * code, name) keys; the key itself when there is one. */
	Q(STMT_CUST_N) "SELECT COUNT(DISTINCT customer_id), COUNT(*), MIN(customer_id), "
	    "MIN(customer_code), MIN(customer_name) FROM (SELECT customer_id, customer_code, "
	    "customer_name FROM statement_customers WHERE account_set_id = ? AND (customer_id = ? "
	    "OR customer_code = ? OR customer_name LIKE ?) LIMIT ?) x",
	    5, DZ_C_CUSTN__N, READ },
	/*
	 * The history's export: STMT_LIST's filters (bound the same way), a
	 * batch at a time by id, newest first: the ids below the eighth
	 * parameter (NULL: from the top), at most the last. Keyset, not
	 * OFFSET, so the 100th batch costs what the first does. NOTE: the
	 * user's name by a subquery, not a JOIN: joined, MariaDB starts from
	 * users and sorts every statement of the set for each batch (measured:
	 * 0.3 s a batch at 100,000 statements, against 0.01 s).
	 */
#define STMT_EXPORT_COLS "s.id, s.customer_code, s.customer_name, " \
	    "s.period_from, s.period_to, s.status, s.received, s.closing, " \
	    "s.doc_count, DATE_FORMAT(s.created_at, '%Y-%m-%d %H:%i'), " \
	    "(SELECT u.username FROM users u WHERE u.id = s.created_by), " \
	    "COALESCE(DATE_FORMAT(s.answered_at, '%Y-%m-%d %H:%i'), '') "
	Q(STMT_EXPORT) "SELECT " STMT_EXPORT_COLS
	    "FROM (SELECT " STMT_F ", ? AS before_id) f, " STMT_S
	    "WHERE " STMT_FILTER
	    "AND (f.before_id IS NULL OR s.id < f.before_id) "
	    "ORDER BY s.id DESC LIMIT ?",
	    10, DZ_C_EXP__N, READ },
	Q(STMT_EXPORT_CUST) "SELECT " STMT_EXPORT_COLS "FROM (SELECT s.id "
	    "FROM (SELECT " STMT_F ", ? AS before_id) f, " STMT_S_CUST
	    "WHERE " STMT_FILTER_NC
	    "AND (f.before_id IS NULL OR s.id < f.before_id) "
	    "ORDER BY s.id DESC LIMIT ?) t JOIN statements s ON s.id = t.id "
	    "ORDER BY s.id DESC",
	    13, DZ_C_EXP__N, READ },
	Q(STMT_EXPORT_KEY) "SELECT " STMT_EXPORT_COLS
	    "FROM (SELECT " STMT_F ", ? AS before_id) f, "
	    "statements s FORCE INDEX (ix_statements_set_customer_cover) "
	    "WHERE " STMT_FILTER_NC "AND s.customer_id = ? AND s.customer_code = ? "
	    "AND s.customer_name = ? "
	    "AND (f.before_id IS NULL OR s.id < f.before_id) "
	    "ORDER BY s.id DESC LIMIT ?",
	    13, DZ_C_EXP__N, READ },
#undef STMT_EXPORT_COLS
	/* Every state change: one conditional UPDATE on what the page showed. */
	Q(STMT_SET_STATUS) "UPDATE statements SET status = ?, "
	    "answered_at = IF(? = 'pending', NULL, NOW()), version = version + 1 "
	    "WHERE id = ? AND status = ? AND version = ? AND deleted_at IS NULL",
	    5, 0, BUMP },
	/*
	 * 取消确认 keeps what it clears and the version it leaves, for its undo.
	 * NOTE: the assignments are in this order so that they read the old
	 * status, answer and version whether MariaDB assigns left to right
	 * (the default) or all at once (SIMULTANEOUS_ASSIGNMENT).
	 */
	Q(STMT_CANCEL) "UPDATE statements SET cancelled_status = status, "
	    "cancelled_answered_at = answered_at, cancelled_version = version + 1, "
	    "status = 'pending', answered_at = NULL, version = version + 1 "
	    "WHERE id = ? AND status = ? AND version = ? AND deleted_at IS NULL",
	    3, 0, BUMP },
	/* Its undo: only on the version the cancel left, so only once, and not
	 * after anything else (an answer, 收款, another action) moved it on. */
	Q(STMT_UNCANCEL) "UPDATE statements SET status = cancelled_status, "
	    "answered_at = cancelled_answered_at, cancelled_status = NULL, "
	    "cancelled_answered_at = NULL, cancelled_version = NULL, "
	    "version = version + 1 "
	    "WHERE id = ? AND version = ? AND cancelled_version = version "
	    "AND status = 'pending' AND cancelled_status IS NOT NULL "
	    "AND deleted_at IS NULL",
	    2, 0, BUMP },
	/* The customer's answer: only while pending, only through a live link. */
	Q(STMT_ANSWER) "UPDATE statements SET status = ?, "
	    "answered_at = NOW(), version = version + 1 "
	    "WHERE id = ? AND status = 'pending' AND deleted_at IS NULL "
	    "AND (? = 0 OR EXISTS (SELECT 1 FROM share_links l WHERE l.id = ? "
	    "AND l.statement_id = statements.id AND l.revoked_at IS NULL "
	    "AND l.expires_at > NOW()))",
	    4, 0, BUMP },
	Q(STMT_RECEIVE) "UPDATE statements SET received = ?, "
	    "received_date = ?, received_note = ?, version = version + 1 "
	    "WHERE id = ? AND received = 0 AND version = ? AND deleted_at IS NULL",
	    5, 0, BUMP },
	Q(STMT_DELETE) "UPDATE statements SET deleted_at = NOW(), "
	    "deleted_by = ?, period_key = NULL, version = version + 1 "
	    "WHERE id = ? AND version = ? AND deleted_at IS NULL",
	    3, 0, BUMP },
	Q(STMT_HISTORY) "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), "
	    "username, action, detail, ip FROM audit_log WHERE object = ? "
	    "ORDER BY id",
	    1, DZ_C_EVENT__N, READ },
	/* One statement, so one snapshot: the answer a 取消确认 set aside, that
	 * cancel's time and the version both belong to. */
	Q(STMT_REOPENED) "SELECT COALESCE(f.decision, ''), "
	    "COALESCE(f.description, ''), COALESCE(f.source, ''), "
	    "COALESCE(f.username, ''), COALESCE(DATE_FORMAT(f.at, '%Y-%m-%d %H:%i'), ''), "
	    "COALESCE((SELECT DATE_FORMAT(a.at, '%Y-%m-%d %H:%i') FROM audit_log a "
	    "WHERE a.object = ? AND a.action = ? ORDER BY a.id DESC LIMIT 1), ''), "
	    "s.version FROM statements s LEFT JOIN feedback f ON f.id = "
	    "(SELECT MAX(g.id) FROM feedback g WHERE g.statement_id = s.id) "
	    "WHERE s.id = ?",
	    3, DZ_C_REOPEN__N, READ },
	/* dz-admin verify, a page at a time: the ids after the first
	 * parameter, of one account set (the second) or of all (NULL),
	 * at most the third. Deleted statements too: their documents stay. */
	Q(STMT_IDS) "SELECT s.id FROM (SELECT ? AS after_id, ? AS set_id) f, "
	    "statements s WHERE s.id > f.after_id "
	    "AND (f.set_id IS NULL OR s.account_set_id = f.set_id) "
	    "ORDER BY s.id LIMIT ?",
	    3, DZ_C_ID__N, READ },

	Q(LINK_INSERT) "INSERT INTO share_links (statement_id, token_hash, "
	    "nonce, key_id, created_by, expires_at) "
	    "VALUES (?, ?, ?, ?, ?, NOW() + INTERVAL ? DAY)",
	    6, 0, BUMP },
	Q(LINK_LIVE) "SELECT id, nonce, key_id, "
	    "DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), "
	    "DATE_FORMAT(expires_at, '%Y-%m-%d %H:%i'), open_count, "
	    "COALESCE(DATE_FORMAT(first_opened_at, '%Y-%m-%d %H:%i'), '') "
	    "FROM share_links WHERE statement_id = ? AND revoked_at IS NULL "
	    "AND expires_at > NOW() ORDER BY id DESC LIMIT 1",
	    1, DZ_C_LIVE__N, READ },
	Q(LINK_REVOKE_ALL) "UPDATE share_links SET revoked_at = NOW() "
	    "WHERE statement_id = ? AND revoked_at IS NULL",
	    1, 0, BUMP },
	/* A live link of a live statement, or nothing (the page says 410): only
	 * what decides that and what keys the page cache, on every opening. */
	Q(LINK_CHECK) "SELECT l.id, "
	    "l.last_opened_ip <=> ? AND l.last_opened_at > NOW() - INTERVAL 10 SECOND, "
	    "s.id, s.version, UNIX_TIMESTAMP(l.expires_at) "
	    "FROM share_links l JOIN statements s ON s.id = l.statement_id "
	    "WHERE l.token_hash = ? AND l.revoked_at IS NULL AND l.expires_at > NOW() "
	    "AND s.deleted_at IS NULL",
	    2, DZ_C_CHECK__N, READ },
	/* A statement's first share and first opening (schema 005), once. */
	Q(STMT_SHARED) "UPDATE statements SET shared_at = NOW() WHERE id = ? AND shared_at IS NULL",
	    1, 0, 0 },
	Q(STMT_OPENED) "UPDATE statements SET opened_at = NOW() "
	    "WHERE id = (SELECT statement_id FROM share_links WHERE id = ?) AND opened_at IS NULL",
	    1, 0, 0 },
	Q(LINK_OPENED) "UPDATE share_links SET open_count = open_count + 1, "
	    "first_opened_at = COALESCE(first_opened_at, NOW()), "
	    "last_opened_at = NOW(), last_opened_ip = ? WHERE id = ? "
	    "AND NOT (last_opened_ip <=> ? AND last_opened_at > NOW() - INTERVAL 10 SECOND)",
	    3, 0, 0 },
	Q(SENDS) "SELECT DATE_FORMAT(l.created_at, '%Y-%m-%d'), "
	    "DATE_FORMAT(l.created_at, '%H:%i'), u.username, s.id, s.customer_code, "
	    "s.customer_name, s.period_from, s.period_to, s.closing, "
	    "l.open_count, COALESCE(DATE_FORMAT(l.first_opened_at, '%Y-%m-%d %H:%i'), ''), "
	    "s.status, l.revoked_at IS NOT NULL, l.expires_at < NOW(), "
	    "EXISTS (SELECT 1 FROM feedback f WHERE f.share_link_id = l.id) "
	    "FROM share_links l JOIN statements s ON s.id = l.statement_id "
	    "JOIN users u ON u.id = l.created_by "
	    "WHERE s.account_set_id = ? AND l.created_at >= ? "
	    "AND l.created_at < ? + INTERVAL 1 DAY "
	    "ORDER BY l.created_at DESC, l.id DESC LIMIT 1000",
	    3, DZ_C_SEND__N, READ },

	/*
	 * 操作记录: any filter NULL is no filter; newest first, paged (the
	 * primary key read backwards). The count stops at a bound (the last
	 * argument): past it the page says "more than".
	 */
#define AUDIT_WHERE "FROM (SELECT ? AS u, ? AS act, ? AS obj, ? AS dfrom, " \
	    "? AS dto) f, audit_log a " \
	    "WHERE (f.u IS NULL OR a.username = f.u) " \
	    "AND (f.act IS NULL OR a.action = f.act) " \
	    "AND (f.obj IS NULL OR a.object = f.obj) " \
	    "AND (f.dfrom IS NULL OR a.at >= f.dfrom) " \
	    "AND (f.dto IS NULL OR a.at < f.dto + INTERVAL 1 DAY) "
	/*
	 * 结算概览 over the statements made (created_at) from ? to ? of one
	 * account set, deleted ones left out, month by month (the page sums
	 * the months): made, shared, opened, answered, 符合, 不符合, 欠款,
	 * 已收, and those still 未确认 made more than ? days ago with their
	 * 欠款 (the unanswered exposure). The days' sums are report_days
	 * (schema 012: a row a day); of the day the cut-off falls in, the
	 * 未确认 made before it are read from the statements. Parameters:
	 * days twice, set, from, to; set, days, from, days, to. They come as
	 * placeholders in the WHERE, never through a one-row table: only
	 * constants there make created_at a range (a CTE of them read the
	 * set's 1 M rows, 0.65 s, where the range reads 300).
	 */
#define TREND_CUT "(NOW() - INTERVAL ? DAY)"
	Q(REPORT_TREND) "SELECT CONCAT(x.m DIV 100, '-', LPAD(x.m MOD 100, 2, '0')), "
	    "SUM(x.made), SUM(x.shared), SUM(x.opened), SUM(x.answered), SUM(x.agreed), "
	    "SUM(x.disputed), SUM(x.closing), SUM(x.received), SUM(x.stale), SUM(x.stale_closing) "
	    "FROM (SELECT EXTRACT(YEAR_MONTH FROM r.day) AS m, r.made, r.shared, r.opened, "
	    "r.answered, r.agreed, r.disputed, r.closing, r.received, "
	    "IF(r.day < DATE" TREND_CUT ", r.pending, 0) AS stale, "
	    "IF(r.day < DATE" TREND_CUT ", r.pending_closing, 0) AS stale_closing "
	    "FROM report_days r WHERE r.account_set_id = ? "
	    "AND r.day >= CAST(? AS DATE) AND r.day <= CAST(? AS DATE) "
	    "UNION ALL SELECT EXTRACT(YEAR_MONTH FROM s.created_at), 0, 0, 0, 0, 0, 0, 0, 0, 1, s.closing "
	    "FROM statements s FORCE INDEX (ix_statements_report) WHERE s.account_set_id = ? "
	    "AND s.created_at >= GREATEST(DATE" TREND_CUT ", CAST(? AS DATE)) "
	    "AND s.created_at < LEAST" "(" TREND_CUT ", CAST(? AS DATE) + INTERVAL 1 DAY) "
	    "AND s.deleted_at IS NULL AND s.status = 'pending') x "
	    "GROUP BY x.m HAVING SUM(x.made) > 0 ORDER BY x.m LIMIT 1200",
	    10, DZ_C_TREND__N, READ },
#undef TREND_CUT
	/* The answers timed from the first share, by their seconds rounded
	 * (report_turns, schema 012), for the median (lib/rollup). */
	Q(REPORT_TURNAROUND) "SELECT t.secs, SUM(t.n) FROM report_turns t "
	    "WHERE t.account_set_id = ? AND t.day >= ? AND t.day <= ? "
	    "GROUP BY t.secs HAVING SUM(t.n) > 0 ORDER BY t.secs LIMIT 100000",
	    3, DZ_C_TURN__N, READ },
	/*
	 * 不符合 by customer, the 20 with the most: the years and months the
	 * period holds whole from report_customers (schema 012), the days at
	 * its ends from the statements (lib/rollup splits it; an absent piece
	 * is NULL, which finds nothing). The code and name are the newest the
	 * customer was counted under. Parameters, each piece its set and
	 * first and last (start or day): the years, the months before, the
	 * months after, the head days, the tail days; placeholders in the
	 * WHERE, as REPORT_TREND's, so that the days are a range.
	 */
#define DISP_ROLLUP(span) "SELECT r.customer_id AS c, r.customer_code AS code, " \
	    "r.customer_name AS name, r.start AS at, r.made, r.disputed, r.disputed_closing AS cl " \
	    "FROM report_customers r WHERE r.account_set_id = ? AND r.span = '" span "' " \
	    "AND r.start >= CAST(? AS DATE) AND r.start <= CAST(? AS DATE) "
#define DISP_DAYS "SELECT s.customer_id, s.customer_code, s.customer_name, " \
	    "s.created_at, 1, s.status = 'disputed', IF(s.status = 'disputed', s.closing, 0) " \
	    "FROM statements s FORCE INDEX (ix_statements_report) WHERE s.account_set_id = ? " \
	    "AND s.created_at >= CAST(? AS DATE) AND s.created_at < CAST(? AS DATE) + INTERVAL 1 DAY " \
	    "AND s.deleted_at IS NULL "
	Q(REPORT_DISPUTES) "SELECT d.code, d.name, d.disputed, d.made, d.closing FROM ("
	    "SELECT x.c, SUBSTRING_INDEX(GROUP_CONCAT(x.code ORDER BY x.at DESC SEPARATOR X'00'), "
	    "X'00', 1) AS code, SUBSTRING_INDEX(GROUP_CONCAT(x.name ORDER BY x.at DESC "
	    "SEPARATOR X'00'), X'00', 1) AS name, SUM(x.disputed) AS disputed, "
	    "SUM(x.made) AS made, SUM(x.cl) AS closing FROM ("
	    DISP_ROLLUP("y") "UNION ALL " DISP_ROLLUP("m") "UNION ALL " DISP_ROLLUP("m")
	    "UNION ALL " DISP_DAYS "UNION ALL " DISP_DAYS ") x GROUP BY x.c HAVING SUM(x.disputed) > 0 "
	    "ORDER BY disputed DESC, x.c LIMIT 20) d ORDER BY d.disputed DESC, d.code",
	    15, DZ_C_DISP__N, READ },
#undef DISP_ROLLUP
	/* The same of a period that is one year or one month whole (this
	 * year, the page as it opens): its rollup rows in the order of
	 * ix_report_customers_disputed, 20 read, not every customer's.
	 * Parameters: set, span ('y' or 'm'), start. */
	Q(REPORT_DISPUTES_ONE) "SELECT d.code, d.name, d.disputed, d.made, d.closing FROM ("
	    "SELECT r.customer_code AS code, r.customer_name AS name, r.disputed, r.made, "
	    "r.disputed_closing AS closing FROM report_customers r "
	    "FORCE INDEX (ix_report_customers_disputed) WHERE r.account_set_id = ? "
	    "AND r.span = ? AND r.start = CAST(? AS DATE) AND r.disputed > 0 "
	    "ORDER BY r.disputed DESC, r.customer_id LIMIT 20) d ORDER BY d.disputed DESC, d.code",
	    3, DZ_C_DISP__N, READ },
#undef DISP_DAYS
	Q(REPORT_STATES) "SELECT s.customer_id, s.id, s.status, s.period_from, s.period_to "
	    "FROM (SELECT ? AS set_id, ? AS d_from, ? AS d_to, ? AS cust) f "
	    "JOIN statements s ON s.account_set_id = f.set_id "
	    "AND s.period_from <= f.d_to AND s.period_to >= f.d_from "
	    "WHERE s.deleted_at IS NULL AND (f.cust IS NULL OR s.customer_id = f.cust) "
	    "ORDER BY s.customer_id, s.created_at DESC, s.id DESC LIMIT 100000",
	    4, DZ_C_STATE__N, READ },

	Q(REPORT_ANSWERS) "SELECT s.customer_id, COUNT(*), SUM(s.status <> 'pending'), "
	    "SUM(s.status = 'disputed') FROM statements s WHERE s.account_set_id = ? "
	    "AND s.created_at >= ? AND s.created_at < ? + INTERVAL 1 DAY "
	    "AND s.deleted_at IS NULL GROUP BY s.customer_id ORDER BY s.customer_id "
	    "LIMIT 100000",
	    3, DZ_C_ANS__N, READ },

	Q(AUDIT_LIST) "SELECT a.id, DATE_FORMAT(a.at, '%Y-%m-%d %H:%i:%s'), "
	    "a.username, a.action, a.object, a.detail, a.ip " AUDIT_WHERE
	    "ORDER BY a.id DESC LIMIT ? OFFSET ?",
	    7, DZ_C_AUDIT__N, READ },
	Q(AUDIT_COUNT) "SELECT COUNT(*) FROM (SELECT 1 " AUDIT_WHERE "LIMIT ?) x",
	    6, DZ_C_COUNT__N, READ },
#undef AUDIT_WHERE

	/* The answer names the statement's last run (账目核对) it was given with. */
	Q(FEEDBACK_INSERT) "INSERT INTO feedback (statement_id, decision, "
	    "description, source, user_id, username, share_link_id, ip, user_agent, "
	    "handler_name, handler_phone, handler_position, recon_id) "
	    "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, recon_id FROM statements "
	    "WHERE id = ?",
	    13, 0, 0 },
	Q(FEEDBACK_LIST) "SELECT decision, description, source, username, "
	    "DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), ip, user_agent, handler_name, "
	    "handler_phone, handler_position, COALESCE(recon_id, 0) FROM feedback "
	    "WHERE statement_id = ? ORDER BY id",
	    1, DZ_C_FB__N, READ },
	Q(FEEDBACK_LAST) "SELECT decision, description, source, username, "
	    "DATE_FORMAT(at, '%Y-%m-%d %H:%i') FROM feedback "
	    "WHERE statement_id = ? ORDER BY id DESC LIMIT 1",
	    1, DZ_C_FBLAST__N, READ },

	/* 账目核对 (lib/store_recon.c) */
	/* Kept on the conditions of RECON_SET_STMT (after its values: the
	 * statement, the link twice). */
	Q(RECON_UPLOAD_INSERT) "INSERT INTO recon_uploads (statement_id, source, "
	    "user_id, share_link_id, filename, kind, encoding, size, sha256, nrows, "
	    "ncols, content, ip) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
	    "FROM statements WHERE id = ? AND deleted_at IS NULL " RECON_CUSTOMER_OK,
	    16, 0, 0 },
	/* The same file again is the row already kept; how many a statement has. */
	Q(RECON_UPLOAD_FIND) "SELECT COALESCE(MAX(IF(sha256 = ?, id, NULL)), 0), COUNT(*) "
	    "FROM recon_uploads WHERE statement_id = ?",
	    2, DZ_C_UFIND__N, READ },
	Q(RECON_RUN_COUNT) "SELECT COUNT(*) FROM reconciliations WHERE statement_id = ?",
	    1, DZ_C_COUNT__N, READ },
	/* The statement's row locked: resolutions of one run count in turn. */
	Q(RECON_LOCK) "SELECT recon_id FROM statements WHERE id = ? FOR UPDATE",
	    1, DZ_C_ID__N, 0 },
	Q(RECON_UPLOAD_GET) "SELECT id, source, filename, kind, encoding, size, "
	    "sha256, nrows, ncols, DATE_FORMAT(at, '%Y-%m-%d %H:%i'), content "
	    "FROM recon_uploads WHERE id = ? AND statement_id = ?",
	    2, DZ_C_UPL__N, READ },
	Q(RECON_MAP_GET) "SELECT map FROM recon_maps "
	    "WHERE account_set_id = ? AND customer_id = ?",
	    2, DZ_C_NAME__N, READ },
	Q(RECON_MAP_PUT) "INSERT INTO recon_maps (account_set_id, customer_id, map) "
	    "VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE map = VALUES(map), "
	    "updated_at = NOW()",
	    3, 0, 0 },
	Q(RECON_INSERT) "INSERT INTO reconciliations (statement_id, source, user_id, "
	    "username, share_link_id, method, upload_id, map, our_opening, our_closing, "
	    "their_opening, their_closing, closing_given, opening_diff, d_amount, "
	    "d_timing, d_only_ours, d_only_theirs, unexplained, n_ours, n_theirs, "
	    "n_matched, n_diff, skipped, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    25, 0, 0 },
	Q(RECON_LINE_INSERT) "INSERT INTO recon_lines (recon_id, seq, kind, how, "
	    "tie, our_numbers, our_date, our_amount, their_ref, their_memo, "
	    "their_date, their_rows, their_amount, delta) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    14, 0, 0 },
	/* A run becomes the statement's: a customer's only while it is 未确认
	 * through a live link (link 0: staff, any state but deleted). */
	Q(RECON_SET_STMT) "UPDATE statements SET recon_id = ?, recon_state = ?, "
	    "version = version + 1 WHERE id = ? AND deleted_at IS NULL "
	    RECON_CUSTOMER_OK,
	    5, 0, BUMP },
	Q(RECON_GET) "SELECT r.id, r.source, r.username, r.method, "
	    "COALESCE(r.upload_id, 0), r.map, r.our_opening, r.our_closing, "
	    "r.their_opening, r.their_closing, r.closing_given, r.opening_diff, "
	    "r.d_amount, r.d_timing, r.d_only_ours, r.d_only_theirs, r.unexplained, "
	    "r.n_ours, r.n_theirs, r.n_matched, r.n_diff, r.skipped, "
	    "DATE_FORMAT(r.at, '%Y-%m-%d %H:%i'), COALESCE(u.filename, ''), "
	    "COALESCE(u.sha256, '') FROM reconciliations r "
	    "LEFT JOIN recon_uploads u ON u.id = r.upload_id "
	    "WHERE r.id = ? AND r.statement_id = ?",
	    2, DZ_C_RECON__N, READ },
	/* Each line with its last resolution (if any). */
	Q(RECON_LINES) "SELECT l.seq, l.kind, l.how, l.tie, l.our_numbers, "
	    "COALESCE(l.our_date, ''), l.our_amount, l.their_ref, l.their_memo, "
	    "COALESCE(l.their_date, ''), l.their_rows, l.their_amount, l.delta, "
	    "COALESCE(r.action, ''), COALESCE(r.note, ''), COALESCE(r.username, ''), "
	    "COALESCE(DATE_FORMAT(r.at, '%Y-%m-%d %H:%i'), '') "
	    "FROM recon_lines l LEFT JOIN recon_resolutions r ON r.id = "
	    "(SELECT MAX(x.id) FROM recon_resolutions x "
	    "WHERE x.recon_id = l.recon_id AND x.seq = l.seq) "
	    "WHERE l.recon_id = ? ORDER BY l.seq LIMIT ?",
	    2, DZ_C_RLINE__N, READ },
	/* Lines of a run, all of them. */
	Q(RECON_LINE_COUNT) "SELECT COUNT(*) FROM recon_lines WHERE recon_id = ?",
	    1, DZ_C_COUNT__N, READ },
	Q(RECON_RESOLVE) "INSERT INTO recon_resolutions (recon_id, seq, action, "
	    "note, user_id, username) SELECT ?, seq, ?, ?, ?, ? FROM recon_lines "
	    "WHERE recon_id = ? AND seq = ? AND kind NOT IN ('exact', 'split')",
	    7, 0, 0 },
	/* Lines of a run still waiting for a resolution. */
	Q(RECON_OPEN) "SELECT COUNT(*) FROM recon_lines l WHERE l.recon_id = ? "
	    "AND l.kind NOT IN ('exact', 'split') AND NOT EXISTS (SELECT 1 FROM "
	    "recon_resolutions r WHERE r.recon_id = l.recon_id AND r.seq = l.seq)",
	    1, DZ_C_COUNT__N, READ },
	/* The mark follows the statement's current run only. */
	Q(RECON_SET_STATE) "UPDATE statements SET recon_state = ?, "
	    "version = version + 1 WHERE id = ? AND recon_id = ? AND deleted_at IS NULL",
	    3, 0, BUMP },

	/* 月结 (store_bulk.c). The customer's latest 符合 statement with an
	 * opening balance that ends the day before date, complete (every
	 * document of its period): the next one opens from its closing. */
	Q(CHAIN_PREV) "SELECT id, closing FROM statements "
	    "WHERE account_set_id = ? AND customer_id = ? AND status = 'agreed' "
	    "AND deleted_at IS NULL AND with_opening = 1 AND complete = 1 "
	    "AND period_to = DATE_SUB(?, INTERVAL 1 DAY) ORDER BY id DESC LIMIT 1",
	    3, DZ_C_CHAIN__N, READ },
	/* in the transaction of STMT_INSERT: a duplicate period_key is a run
	 * that made it already (uq_statements_period) */
	Q(STMT_ORIGIN) "UPDATE statements SET bulk_run_id = ?, period_key = ?, "
	    "chain_from_id = ?, erp_opening = ?, complete = ? WHERE id = ?",
	    6, 0, 0 },
	Q(STMT_BY_KEY) "SELECT id, COALESCE(bulk_run_id, 0) FROM statements "
	    "WHERE account_set_id = ? AND period_key = ?",
	    2, DZ_C_BYKEY__N, READ },
	Q(STMT_SAME_PERIOD) "SELECT id FROM statements WHERE account_set_id = ? "
	    "AND customer_id = ? AND period_from = ? AND period_to = ? "
	    "AND deleted_at IS NULL ORDER BY id LIMIT 1",
	    4, DZ_C_ID__N, READ },
	Q(BULK_INSERT) "INSERT INTO bulk_runs (account_set_id, period_from, "
	    "period_to, filter, origin, sched_day, sched_months, created_by) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    8, 0, 0 },
	Q(BULK_ACTIVE) "SELECT id FROM bulk_runs WHERE account_set_id = ? "
	    "AND period_from = ? AND period_to = ? AND filter = ? "
	    "AND state IN ('queued', 'running') ORDER BY id LIMIT 1",
	    4, DZ_C_ID__N, READ },
#define BULK_COLS "r.id, r.account_set_id, DATE_FORMAT(r.period_from, '%Y-%m-%d'), " \
	"DATE_FORMAT(r.period_to, '%Y-%m-%d'), r.filter, r.origin, " \
	"COALESCE(r.sched_day, 0), COALESCE(r.sched_months, 0), r.state, r.listed, " \
	"r.total, r.made, r.kept, r.failed, COALESCE(r.created_by, 0), " \
	"COALESCE(u.username, ''), DATE_FORMAT(r.created_at, '%Y-%m-%d %H:%i:%s'), " \
	"COALESCE(DATE_FORMAT(r.started_at, '%Y-%m-%d %H:%i:%s'), ''), " \
	"COALESCE(DATE_FORMAT(r.finished_at, '%Y-%m-%d %H:%i:%s'), ''), r.worker, " \
	"COALESCE(r.lease_until > NOW(), 0), r.error " \
	"FROM bulk_runs r LEFT JOIN users u ON u.id = r.created_by "
	/* a scheduled run of that cut made already (whatever became of it) */
	Q(BULK_SCHEDULED) "SELECT id FROM bulk_runs WHERE account_set_id = ? "
	    "AND origin = 'schedule' AND period_from = ? AND period_to = ? "
	    "AND sched_day = ? AND sched_months = ? ORDER BY id LIMIT 1",
	    5, DZ_C_ID__N, READ },
	Q(BULK_GET) "SELECT " BULK_COLS
	    "WHERE r.id = ? AND (? = 0 OR r.account_set_id = ?)",
	    3, DZ_C_BULK__N, READ },
	Q(BULK_LIST) "SELECT " BULK_COLS
	    "WHERE r.account_set_id = ? ORDER BY r.id DESC LIMIT ?",
	    2, DZ_C_BULK__N, READ },
	/* a run to work: queued, or running with its lease run out (its
	 * worker died); SKIP LOCKED: two workers never wait on one */
	Q(BULK_PICK) "SELECT id FROM bulk_runs "
	    "WHERE state IN ('queued', 'running') "
	    "AND (lease_until IS NULL OR lease_until < NOW()) "
	    "AND (? = 0 OR id = ?) ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
	    2, DZ_C_ID__N, 0 },
	Q(BULK_CLAIM) "UPDATE bulk_runs SET state = 'running', worker = ?, "
	    "lease_until = NOW() + INTERVAL ? SECOND, beats = beats + 1, "
	    "started_at = COALESCE(started_at, NOW()), error = '' "
	    "WHERE id = ? AND state IN ('queued', 'running')",
	    3, 0, 0 },
	/* 0 rows: the run was cancelled or another worker holds it */
	Q(BULK_RENEW) "UPDATE bulk_runs SET lease_until = NOW() + INTERVAL ? SECOND, "
	    "beats = beats + 1 WHERE id = ? AND worker = ? AND state = 'running'",
	    3, 0, 0 },
	Q(BULK_LISTED) "UPDATE bulk_runs SET listed = 1, total = ? "
	    "WHERE id = ? AND listed = 0",
	    2, 0, 0 },
	Q(BULK_ITEM_INSERT) "INSERT IGNORE INTO bulk_items (run_id, seq, "
	    "customer_id, customer_code, customer_name, erp_closing) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	    6, 0, 0 },
	Q(BULK_PENDING) "SELECT seq, customer_id, customer_code, customer_name, "
	    "attempts, error, COALESCE(erp_closing, 0), erp_closing IS NOT NULL "
	    "FROM bulk_items WHERE run_id = ? AND state = 'pending' AND seq > ? "
	    "ORDER BY seq LIMIT ?",
	    3, DZ_C_PEND__N, READ },
	/* a try of a customer that the ERP or the store failed, counted
	 * before the worker stops (a customer that always fails is failed
	 * after DZ_BULK_ATTEMPTS_MAX, not tried for ever) */
	Q(BULK_ATTEMPT) "UPDATE bulk_items SET attempts = attempts + 1, error = ? "
	    "WHERE run_id = ? AND seq = ? AND state = 'pending'",
	    3, 0, 0 },
	/* a new run waits for the account set's row: two at once are one */
	Q(ACCTSET_LOCK) "SELECT id FROM account_sets WHERE id = ? FOR UPDATE",
	    1, DZ_C_ID__N, 0 },
	Q(BULK_ACTIVE_COUNT) "SELECT COUNT(*) FROM bulk_runs "
	    "WHERE account_set_id = ? AND state IN ('queued', 'running')",
	    1, DZ_C_ID__N, READ },
	/* the user a run makes statements as may still make them there */
	Q(USER_CAN_RUN) "SELECT COUNT(*) FROM users WHERE id = ? AND status = 'active' "
	    "AND role IN ('clerk', 'admin') AND account_set_id = ?",
	    2, DZ_C_ID__N, READ },
	Q(BULK_ITEM_DONE) "UPDATE bulk_items SET state = ?, statement_id = ?, "
	    "error = ?, attempts = attempts + 1, at = NOW() "
	    "WHERE run_id = ? AND seq = ? AND state = 'pending'",
	    5, 0, 0 },
	Q(BULK_COUNT) "UPDATE bulk_runs SET made = made + ?, kept = kept + ?, "
	    "failed = failed + ? WHERE id = ?",
	    4, 0, 0 },
	Q(BULK_FINISH) "UPDATE bulk_runs SET state = ?, finished_at = NOW(), "
	    "lease_until = NULL, error = ? WHERE id = ? AND worker = ? "
	    "AND state = 'running'",
	    4, 0, 0 },
	/* a worker that cannot go on (the ERP or the store failed): the run
	 * waits a minute for the next worker, the page says why */
	Q(BULK_STOP) "UPDATE bulk_runs SET lease_until = NOW() + INTERVAL 60 SECOND, "
	    "error = ? "
	    "WHERE id = ? AND worker = ? AND state = 'running'",
	    3, 0, 0 },
	Q(BULK_CANCEL) "UPDATE bulk_runs SET state = 'cancelled', "
	    "finished_at = NOW(), lease_until = NULL "
	    "WHERE id = ? AND account_set_id = ? AND state IN ('queued', 'running')",
	    2, 0, 0 },
	Q(BULK_ITEMS) "SELECT i.seq, i.customer_id, i.customer_code, "
	    "i.customer_name, i.state, COALESCE(i.statement_id, 0), i.error, "
	    "COALESCE(s.closing, 0), COALESCE(s.status, ''), "
	    "COALESCE(s.deleted_at IS NOT NULL, 0) FROM bulk_items i "
	    "LEFT JOIN statements s ON s.id = i.statement_id "
	    "WHERE i.run_id = ? AND (? = '' OR i.state = ?) AND i.seq > ? "
	    "ORDER BY i.seq LIMIT ?",
	    5, DZ_C_ITEM__N, READ },
	/* 待跟进: what waits on the customer or on us, oldest first: 未确认
	 * past the first rung (never opened, or opened and not answered),
	 * 不符合, a 账目核对 difference not dealt with, the ERP changed under
	 * it (drift) */
	Q(FOLLOWUP) "SELECT s.id, s.customer_code, s.customer_name, s.period_from, "
	    "s.period_to, s.status, s.closing, s.received, "
	    "DATEDIFF(NOW(), s.created_at), "
	    "(SELECT COUNT(*) FROM share_links l WHERE l.statement_id = s.id), "
	    "(SELECT COUNT(l.first_opened_at) FROM share_links l WHERE l.statement_id = s.id), "
	    "COALESCE(s.recon_state, ''), s.drift_state = 'drift' FROM statements s "
	    "WHERE s.account_set_id = ? AND s.deleted_at IS NULL "
	    "AND ((s.status = 'pending' AND s.created_at < NOW() - INTERVAL ? DAY) "
	    "OR s.status = 'disputed' OR s.recon_state = 'diff' "
	    "OR s.drift_state = 'drift') "
	    "ORDER BY s.created_at, s.id LIMIT ?",
	    3, DZ_C_FOLLOW__N, READ },
	Q(RDAY_LIST) "SELECT customer_id, customer_code, customer_name, day, "
	    "months FROM recon_days WHERE account_set_id = ? "
	    "ORDER BY customer_code, customer_id",
	    1, DZ_C_RDAY__N, READ },
	Q(RDAY_PUT) "INSERT INTO recon_days (account_set_id, customer_id, "
	    "customer_code, customer_name, day, months, updated_by) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "customer_code = VALUES(customer_code), customer_name = VALUES(customer_name), "
	    "day = VALUES(day), months = VALUES(months), "
	    "updated_by = VALUES(updated_by), updated_at = NOW()",
	    7, 0, 0 },
	Q(RDAY_DELETE) "DELETE FROM recon_days WHERE account_set_id = ? "
	    "AND customer_id = ?",
	    2, 0, 0 },
	Q(RDAY_SET_GET) "SELECT id, recon_day, recon_months, "
	    "COALESCE(recon_schedule_by, 0) FROM account_sets WHERE id = ?",
	    1, DZ_C_RSET__N, READ },
	Q(RDAY_SET_PUT) "UPDATE account_sets SET recon_day = ?, recon_months = ?, "
	    "recon_schedule_by = ? WHERE id = ?",
	    4, 0, 0 },
	Q(RDAY_SCHEDULED) "SELECT id, recon_day, recon_months, recon_schedule_by "
	    "FROM account_sets WHERE recon_schedule_by IS NOT NULL ORDER BY id",
	    0, DZ_C_RSET__N, READ },
	/* ERP drift (lib/store_drift.c) */
	Q(DRIFT_INSERT) "INSERT INTO drift_checks (statement_id, account_set_id, "
	    "source, user_id, username, result, stmt_fingerprint, erp_fingerprint, "
	    "erp_closing, erp_doc_count, n_changes, n_red, n_amount, n_lines, n_date, "
	    "n_draft, n_deleted, n_new, n_header) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    19, 0, 0 },
	Q(DRIFT_CHANGE_INSERT) "INSERT INTO drift_changes (check_id, seq, kind, "
	    "vchcode, number, doc_date, before_text, after_text, before_amount, "
	    "after_amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    10, 0, 0 },
	/* A check becomes the statement's last, while it is not deleted. */
	Q(DRIFT_SET_STMT) "UPDATE statements SET drift_state = ?, drift_check_id = ?, "
	    "drift_checked_at = NOW(), version = version + 1 "
	    "WHERE id = ? AND deleted_at IS NULL",
	    3, 0, BUMP },
	Q(DRIFT_LAST) "SELECT c.id, c.source, c.username, c.result, "
	    "c.stmt_fingerprint, c.erp_fingerprint, c.erp_closing, c.erp_doc_count, "
	    "c.n_changes, DATE_FORMAT(c.at, '%Y-%m-%d %H:%i:%s'), s.drift_state "
	    "FROM statements s JOIN drift_checks c ON c.id = s.drift_check_id "
	    "WHERE s.id = ? AND c.statement_id = s.id",
	    1, DZ_C_DRIFT__N, READ },
	Q(DRIFT_CHANGES) "SELECT seq, kind, vchcode, number, "
	    "COALESCE(DATE_FORMAT(doc_date, '%Y-%m-%d'), ''), before_text, after_text "
	    "FROM drift_changes WHERE check_id = ? ORDER BY seq LIMIT ?",
	    2, DZ_C_DCH__N, READ },
	/* The statements of a page (ids min..max) that are marked. */
	Q(DRIFT_MARKS) "SELECT id FROM statements WHERE account_set_id = ? "
	    "AND drift_state = 'drift' AND id BETWEEN ? AND ? AND deleted_at IS NULL",
	    3, DZ_C_ID__N, READ },
	/* The account sets with open statements (one, or all when NULL). */
	Q(DRIFT_SETS) "SELECT DISTINCT s.account_set_id FROM (SELECT ? AS set_id) f, "
	    "statements s WHERE s.deleted_at IS NULL "
	    "AND (f.set_id IS NULL OR s.account_set_id = f.set_id) ORDER BY 1",
	    1, DZ_C_ID__N, READ },
	/* An account set's open statements after an id, ascending. */
	Q(DRIFT_OPEN_IDS) "SELECT id FROM statements WHERE account_set_id = ? "
	    "AND deleted_at IS NULL AND id > ? ORDER BY id LIMIT ?",
	    3, DZ_C_ID__N, READ },

	Q(MIGRATION_TABLE) "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INT UNSIGNED NOT NULL PRIMARY KEY, "
	    "name VARCHAR(128) NOT NULL, "
	    "applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP"
	    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
	    0, 0, 0 },
	Q(MIGRATION_LIST) "SELECT version FROM schema_migrations "
	    "ORDER BY version",
	    0, DZ_C_ID__N, READ },
	Q(MIGRATION_INSERT) "INSERT INTO schema_migrations (version, name) "
	    "VALUES (?, ?)",
	    2, 0, 0 },
	/* dz-admin restore: the tables the store has before it is replaced. */
	Q(STORE_TABLES) "SELECT table_name FROM information_schema.tables "
	    "WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' "
	    "ORDER BY table_name",
	    0, DZ_C_NAME__N, READ },
	Q(ACCTSET_SET_COMPANY) "UPDATE account_sets SET company_name = ?, "
	    "updated_at = NOW() WHERE id = ?",
	    2, 0, BUMP },
	/* The key id is the blob's second byte (lib/crypt.h). */
	Q(KEY_SEALED) "SELECT id, erp_dsn FROM account_sets "
	    "WHERE LENGTH(erp_dsn) > 1 AND ASCII(SUBSTRING(erp_dsn, 2, 1)) <> ? "
	    "AND id > ? ORDER BY id LIMIT ?",
	    3, DZ_C_SEALED__N, READ },
	/* Only over the blob it read: an address edited meanwhile stays. */
	Q(KEY_RESEAL) "UPDATE account_sets SET erp_dsn = ? "
	    "WHERE id = ? AND erp_dsn = ?",
	    3, 0, 0 },
	/* (the sealed secrets of notify_channels count with the addresses) */
	Q(KEY_USE) "SELECT (SELECT COUNT(*) FROM account_sets "
	    "WHERE LENGTH(erp_dsn) > 1 AND ASCII(SUBSTRING(erp_dsn, 2, 1)) = ?) + "
	    "(SELECT COUNT(*) FROM notify_channels "
	    "WHERE LENGTH(secret) > 1 AND ASCII(SUBSTRING(secret, 2, 1)) = ?), "
	    "(SELECT COUNT(*) FROM share_links WHERE key_id = ? "
	    "AND revoked_at IS NULL AND expires_at > NOW())",
	    3, DZ_C_KUSE__N, READ },

	/* notices (schema 009): written in the transaction of the opening
	 * or the answer that makes them (store.c). The top bar's count is
	 * part of the pages the workers keep: a notice made or read moves
	 * the change counter (BUMP), so no kept page shows an old count. */
	/* A link's first opening, once: the one that sets it makes the notice. */
	Q(NOTICE_FIRST_OPEN) "UPDATE share_links SET first_opened_at = NOW() "
	    "WHERE id = ? AND first_opened_at IS NULL",
	    1, 0, 0 },
	Q(NOTICE_INSERT_OPENED) "INSERT INTO notices (account_set_id, user_id, "
	    "statement_id, kind, ref_id) SELECT s.account_set_id, s.created_by, s.id, "
	    "'opened', l.id FROM share_links l JOIN statements s ON s.id = l.statement_id "
	    "WHERE l.id = ? AND s.deleted_at IS NULL",
	    1, 0, BUMP },
	Q(NOTICE_INSERT_ANSWER) "INSERT INTO notices (account_set_id, user_id, "
	    "statement_id, kind, ref_id) SELECT account_set_id, created_by, id, ?, ? "
	    "FROM statements WHERE id = ?",
	    3, 0, BUMP },
	/* one outbox row per channel the account set has on, now */
	Q(NOTICE_DELIVERIES_MAKE) "INSERT INTO notify_deliveries (notice_id, "
	    "account_set_id, channel) SELECT n.id, n.account_set_id, c.channel "
	    "FROM notices n JOIN notify_channels c ON c.account_set_id = n.account_set_id "
	    "AND c.enabled = 1 WHERE n.id = ?",
	    1, 0, 0 },
	/* The top bar's count, on every staff page: one index range, at most 100. */
	Q(NOTICE_UNREAD) "SELECT COUNT(*) FROM (SELECT 1 FROM notices "
	    "WHERE user_id = ? AND read_at IS NULL LIMIT 100) x",
	    1, DZ_C_COUNT__N, READ },
	/* newest first, keyset paging: ids below the given one */
	Q(NOTICE_LIST) "SELECT n.id, DATE_FORMAT(n.created_at, '%Y-%m-%d %H:%i'), "
	    "n.kind, n.read_at IS NOT NULL, s.id, s.customer_name, s.period_from, "
	    "s.period_to, s.closing FROM notices n JOIN statements s ON s.id = n.statement_id "
	    "WHERE n.user_id = ? AND n.account_set_id = ? AND n.id < ? "
	    "ORDER BY n.id DESC LIMIT ?",
	    4, DZ_C_NOTE__N, READ },
	/* the outbox rows of notices lo..hi; stale: 'sending' for longer
	 * than the given seconds (a worker died mid-send: 未知) */
	Q(NOTICE_LIST_DELIVERIES) "SELECT d.id, d.notice_id, d.channel, d.state, "
	    "d.attempts, DATE_FORMAT(d.next_at, '%Y-%m-%d %H:%i:%s'), d.last_error, "
	    "d.state = 'sending' AND d.attempted_at < NOW() - INTERVAL ? SECOND "
	    "FROM notify_deliveries d JOIN notices n ON n.id = d.notice_id "
	    "WHERE n.user_id = ? AND n.account_set_id = ? AND d.notice_id BETWEEN ? AND ? "
	    "ORDER BY d.notice_id DESC, d.channel",
	    5, DZ_C_DLV__N, READ },
	Q(NOTICE_READ) "UPDATE notices SET read_at = NOW() WHERE id = ? "
	    "AND user_id = ? AND account_set_id = ? AND read_at IS NULL",
	    3, 0, BUMP },
	Q(NOTICE_READ_ALL) "UPDATE notices SET read_at = NOW() WHERE user_id = ? "
	    "AND account_set_id = ? AND read_at IS NULL",
	    2, 0, BUMP },
	Q(NOTIFY_CHAN_GET) "SELECT channel, enabled, format, url, mail_from, mail_to, "
	    "username, secret, version FROM notify_channels WHERE account_set_id = ? "
	    "ORDER BY channel",
	    1, DZ_C_CHAN__N, READ },
	Q(NOTIFY_CHAN_PUT) "INSERT INTO notify_channels (account_set_id, channel, "
	    "enabled, format, url, mail_from, mail_to, username, secret) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "enabled = VALUES(enabled), format = VALUES(format), url = VALUES(url), "
	    "mail_from = VALUES(mail_from), mail_to = VALUES(mail_to), "
	    "username = VALUES(username), secret = VALUES(secret), "
	    "version = version + 1, updated_at = NOW()",
	    9, 0, 0 },
	/* 重新发送: a failed row, or one left 'sending' (未知) for longer than
	 * the given seconds, of the user's own notices */
	Q(DELIVERY_RESEND) "UPDATE notify_deliveries d JOIN notices n ON n.id = d.notice_id "
	    "SET d.state = 'pending', d.attempts = 0, d.next_at = NOW(), d.last_error = '' "
	    "WHERE d.id = ? AND n.user_id = ? AND n.account_set_id = ? "
	    "AND (d.state = 'failed' OR (d.state = 'sending' "
	    "AND d.attempted_at < NOW() - INTERVAL ? SECOND))",
	    4, 0, 0 },
	/* dz-admin notify */
	Q(DELIVERY_DUE) "SELECT id, notice_id, account_set_id, channel, attempts "
	    "FROM notify_deliveries WHERE state = 'pending' AND next_at <= NOW() "
	    "ORDER BY next_at, id LIMIT ?",
	    1, DZ_C_DUE__N, READ },
	Q(DELIVERY_NOTICE) "SELECT n.kind, s.customer_name, s.period_from, s.period_to, "
	    "s.closing, DATE_FORMAT(n.created_at, '%Y-%m-%d %H:%i'), s.company_name, s.id "
	    "FROM notices n JOIN statements s ON s.id = n.statement_id WHERE n.id = ?",
	    1, DZ_C_DN__N, READ },
	/* The robot's row, locked until the claim commits: two workers count
	 * its window one after the other. */
	Q(ROBOT_LOCK) "INSERT INTO notify_robots (robot) VALUES (?) "
	    "ON DUPLICATE KEY UPDATE touched_at = NOW()",
	    1, 0, 0 },
	Q(ROBOT_WINDOW) "SELECT COUNT(*), COALESCE(TIMESTAMPDIFF(SECOND, "
	    "MIN(attempted_at), NOW()), 0) FROM notify_deliveries "
	    "WHERE robot = ? AND attempted_at > NOW() - INTERVAL 60 SECOND",
	    1, DZ_C_WIN__N, 0 },
	Q(DELIVERY_DEFER) "UPDATE notify_deliveries SET next_at = NOW() + INTERVAL ? SECOND "
	    "WHERE id = ? AND state = 'pending'",
	    2, 0, 0 },
	/* The claim: one worker alone turns a due row to 'sending'. */
	Q(DELIVERY_CLAIM) "UPDATE notify_deliveries SET state = 'sending', "
	    "attempts = attempts + 1, attempted_at = NOW(), robot = ? "
	    "WHERE id = ? AND state = 'pending' AND next_at <= NOW()",
	    2, 0, 0 },
	Q(DELIVERY_SENT) "UPDATE notify_deliveries SET state = 'sent', sent_at = NOW(), "
	    "last_error = '' WHERE id = ? AND state = 'sending'",
	    1, 0, 0 },
	/* failed after the given attempts, else pending again after the backoff */
	Q(DELIVERY_RETRY) "UPDATE notify_deliveries SET "
	    "state = IF(attempts >= ?, 'failed', 'pending'), "
	    "next_at = NOW() + INTERVAL ? SECOND, last_error = ? "
	    "WHERE id = ? AND state = 'sending'",
	    4, 0, 0 },
	/* the robot said "too many": later, and not counted as an attempt */
	Q(DELIVERY_LATER) "UPDATE notify_deliveries SET state = 'pending', "
	    "attempts = GREATEST(attempts, 1) - 1, next_at = NOW() + INTERVAL ? SECOND, "
	    "last_error = ? WHERE id = ? AND state = 'sending'",
	    3, 0, 0 },
	/* dz-admin reseal: the channels' secrets, as the data addresses */
	Q(NOTIFY_KEY_SEALED) "SELECT account_set_id, channel, secret FROM notify_channels "
	    "WHERE LENGTH(secret) > 1 AND ASCII(SUBSTRING(secret, 2, 1)) <> ? "
	    "ORDER BY account_set_id, channel",
	    1, DZ_C_NSEALED__N, READ },
	Q(NOTIFY_KEY_RESEAL) "UPDATE notify_channels SET secret = ? "
	    "WHERE account_set_id = ? AND channel = ? AND secret = ?",
	    4, 0, 0 },

/*
 * The imported ledger (schema 013) answering the ERP contract's queries
 * (lib/erp_profile.h; erp_import.c binds the placeholders, the account
 * set first): the columns of each are the contract's, in its order, in
 * the shape 管家婆's answers have (conf/erp/grasp.hdf says what each
 * means). A customer's id is its code; a document is posted (draft 2)
 * and never voided (RedOld 'F'); the opening sides are the customer's
 * 期初 (ARTotal) and 0, and the documents summed into a balance are
 * those dated from its opening_from on. Types are 管家婆's VchType codes.
 */
#define IMP_TYPES "(11, 45, 4, 116, 115)"
/* a line given without its 单价: the amount over the quantity */
#define IMP_PRICE "COALESCE(l.price, IF(l.qty = 0, 0, ROUND(l.amount / l.qty, 4)))"
	Q(IMP_ACCOUNT_INFO) "SELECT a.company_name, 'import' FROM account_sets a "
	    "WHERE a.id = ?",
	    1, 2, READ },
	Q(IMP_CUSTOMERS_SEARCH) "SELECT c.code, c.code, c.name, '', c.balance, 0 "
	    "FROM imp_customers c WHERE c.account_set_id = ? "
	    "AND (c.code LIKE ? ESCAPE '\\\\' OR c.name LIKE ? ESCAPE '\\\\') "
	    "ORDER BY c.code LIMIT ?, ?",
	    5, 6, READ },
	Q(IMP_CUSTOMERS_COUNT) "SELECT COUNT(*) FROM imp_customers c "
	    "WHERE c.account_set_id = ? "
	    "AND (c.code LIKE ? ESCAPE '\\\\' OR c.name LIKE ? ESCAPE '\\\\')",
	    3, 1, READ },
	Q(IMP_CUSTOMERS_GET) "SELECT c.code, c.code, c.name, '', c.balance, 0, 0, 0 "
	    "FROM imp_customers c WHERE c.account_set_id = ? AND c.code = ?",
	    2, 8, READ },
	/* the 期初 stands at opening_from: a later date adds the documents
	 * from it up to the date, an earlier one takes back those from the
	 * date up to it (the same rule before and after, so that every period
	 * closes on the next one's opening) */
	Q(IMP_BALANCE_OPENING) "SELECT c.opening, 0, m.vchtype, m.total "
	    "FROM imp_customers c LEFT JOIN (SELECT d.vchtype, "
	    "SUM(IF(d.date >= k.opening_from, d.total, -d.total)) AS total "
	    "FROM imp_customers k JOIN imp_documents d "
	    "ON d.account_set_id = k.account_set_id AND d.customer_code = k.code "
	    "WHERE k.account_set_id = ? AND k.code = ? "
	    "AND ((d.date >= k.opening_from AND d.date < CAST(? AS DATE)) "
	    "OR (d.date >= CAST(? AS DATE) AND d.date < k.opening_from)) "
	    "GROUP BY d.vchtype) m ON 1 = 1 WHERE c.account_set_id = ? AND c.code = ?",
	    6, 4, READ },
	Q(IMP_DOCUMENTS_LIST) "SELECT d.vchcode, d.date, d.vchtype, d.number, d.summary, "
	    "d.total FROM imp_documents d WHERE d.account_set_id = ? AND d.customer_code = ? "
	    "AND d.date >= CAST(? AS DATE) AND d.date <= CAST(? AS DATE) "
	    "AND ((d.vchtype = 11 AND ? = 1) OR (d.vchtype = 45 AND ? = 1) "
	    "OR (d.vchtype = 4 AND ? = 1) OR (d.vchtype = 116 AND ? = 1) "
	    "OR (d.vchtype = 115 AND ? = 1)) ORDER BY d.date, d.number, d.vchcode",
	    9, 6, READ },
	Q(IMP_DOCUMENTS_LINES) "SELECT l.vchcode, l.seq, l.product_code, l.product_name, "
	    "l.unit, l.qty, " IMP_PRICE ", l.amount FROM imp_documents d "
	    "JOIN imp_lines l ON l.vchcode = d.vchcode WHERE d.account_set_id = ? "
	    "AND d.customer_code = ? AND d.vchcode = ? AND d.vchtype IN (11, 45) "
	    "ORDER BY l.seq",
	    3, 8, READ },
	Q(IMP_DOCUMENTS_LINES_RANGE) "SELECT l.vchcode, l.seq, l.product_code, "
	    "l.product_name, l.unit, l.qty, " IMP_PRICE ", l.amount FROM imp_documents d "
	    "JOIN imp_lines l ON l.vchcode = d.vchcode WHERE d.account_set_id = ? "
	    "AND d.customer_code = ? AND d.date >= CAST(? AS DATE) "
	    "AND d.date <= CAST(? AS DATE) "
	    "AND ((d.vchtype = 11 AND ? = 1) OR (d.vchtype = 45 AND ? = 1)) "
	    "ORDER BY d.date, d.number, d.vchcode, l.seq",
	    6, 8, READ },
	Q(IMP_BALANCES_ALL) "SELECT c.code, c.code, c.name, c.opening, 0, m.vchtype, m.total "
	    "FROM imp_customers c LEFT JOIN (SELECT d.customer_code, d.vchtype, "
	    "SUM(IF(d.date >= k.opening_from, d.total, -d.total)) AS total "
	    "FROM imp_customers k JOIN imp_documents d "
	    "ON d.account_set_id = k.account_set_id AND d.customer_code = k.code "
	    "WHERE k.account_set_id = ? "
	    "AND ((d.date >= k.opening_from AND d.date < CAST(? AS DATE)) "
	    "OR (d.date >= CAST(? AS DATE) AND d.date < k.opening_from)) "
	    "GROUP BY d.customer_code, d.vchtype) m "
	    "ON m.customer_code = c.code WHERE c.account_set_id = ? "
	    "ORDER BY c.code, m.vchtype",
	    4, 7, READ },
	Q(IMP_AGING_DEBITS) "SELECT d.customer_code, d.date, d.vchtype, d.total "
	    "FROM imp_documents d WHERE d.account_set_id = ? AND d.date >= CAST(? AS DATE) "
	    "AND d.date < CAST(? AS DATE) AND d.vchtype IN (11, 116) "
	    "ORDER BY d.customer_code, d.date DESC, d.vchcode DESC",
	    3, 4, READ },
	Q(IMP_MOVEMENTS_ALL) "SELECT d.customer_code, d.vchtype, SUM(d.total) "
	    "FROM imp_documents d WHERE d.account_set_id = ? AND d.date >= CAST(? AS DATE) "
	    "AND d.date <= CAST(? AS DATE) GROUP BY d.customer_code, d.vchtype "
	    "ORDER BY d.customer_code, d.vchtype",
	    3, 3, READ },
	Q(IMP_DOCUMENTS_ALL) "SELECT d.customer_code, d.date, d.vchtype, d.total "
	    "FROM imp_documents d WHERE d.account_set_id = ? AND d.date >= CAST(? AS DATE) "
	    "AND d.date <= CAST(? AS DATE) AND d.vchtype IN " IMP_TYPES " "
	    "ORDER BY d.customer_code, d.date, d.vchcode",
	    3, 4, READ },
	Q(IMP_DOCUMENTS_STATE) "SELECT d.vchcode, d.date, d.vchtype, d.number, d.summary, "
	    "d.total, 2, 'F' FROM imp_documents d WHERE d.account_set_id = ? "
	    "AND d.customer_code = ? AND d.date >= CAST(? AS DATE) "
	    "AND d.date <= CAST(? AS DATE) AND d.vchtype IN " IMP_TYPES " ORDER BY d.vchcode",
	    4, 8, READ },
	Q(IMP_DOCUMENTS_GET) "SELECT d.vchcode, d.date, d.vchtype, d.number, d.summary, "
	    "d.total, 2, 'F' FROM imp_documents d WHERE d.account_set_id = ? "
	    "AND d.customer_code = ? AND d.vchcode = ?",
	    3, 8, READ },
#undef IMP_TYPES
#undef IMP_PRICE
	Q(IMP_CODES) "SELECT code, opening_from FROM imp_customers WHERE account_set_id = ? "
	    "ORDER BY code LIMIT 1000000",
	    1, DZ_C_IMPCODE__N, READ },
	Q(IMP_FILE_BY_SHA) "SELECT id FROM imp_files WHERE account_set_id = ? AND sha256 = ?",
	    2, DZ_C_ID__N, READ },
	Q(IMP_FILE_INSERT) "INSERT INTO imp_files (account_set_id, sha256, name, source, "
	    "user_id) VALUES (?, ?, ?, ?, ?)",
	    5, 0, 0 },
	Q(IMP_FILE_COUNTS) "UPDATE imp_files SET ncustomers = ?, ndocuments = ?, nlines = ?, "
	    "added = ?, changed = ?, unchanged = ? WHERE id = ?",
	    7, 0, 0 },
	/* a value not given (NULL) leaves a known customer's own: a sheet of
	 * names only never moves an opening balance */
	Q(IMP_CUSTOMER_PUT) "INSERT INTO imp_customers (account_set_id, code, name, contact, "
	    "phone, opening, opening_from, file_id) VALUES (?, ?, ?, COALESCE(?, ''), "
	    "COALESCE(?, ''), COALESCE(?, 0), COALESCE(CAST(? AS DATE), '1000-01-01'), ?) "
	    "ON DUPLICATE KEY UPDATE name = VALUES(name), contact = COALESCE(?, contact), "
	    "phone = COALESCE(?, phone), opening = COALESCE(?, opening), "
	    "opening_from = COALESCE(CAST(? AS DATE), opening_from), file_id = VALUES(file_id), "
	    "updated_at = NOW()",
	    12, 0, 0 },
	Q(IMP_DOC_FIND) "SELECT vchcode, customer_code, vchtype, date, total, summary, version, sign, "
	    "COALESCE(sender_version, 0) "
	    "FROM imp_documents WHERE account_set_id = ? AND number = ? FOR UPDATE",
	    2, DZ_C_IMPDOC__N, 0 },
	/* a number the set has already: nothing (0 rows affected, the
	 * connection does not ask for found rows), and the caller compares */
	Q(IMP_DOC_INSERT) "INSERT INTO imp_documents (account_set_id, number, customer_code, "
	    "vchtype, sign, date, total, summary, file_id, sender_version) VALUES (?, ?, ?, ?, ?, "
	    "CAST(? AS DATE), ?, ?, ?, ?) ON DUPLICATE KEY UPDATE vchcode = vchcode",
	    10, 0, 0 },
	/* the version a file replaces, kept (replaced_by: that file) */
	Q(IMP_DOC_KEEP) "INSERT INTO imp_document_versions (vchcode, version, customer_code, "
	    "vchtype, date, total, summary, file_id, replaced_by) SELECT vchcode, version, "
	    "customer_code, vchtype, date, total, summary, file_id, ? FROM imp_documents "
	    "WHERE vchcode = ?",
	    2, 0, 0 },
	Q(IMP_DOC_UPDATE) "UPDATE imp_documents SET version = version + 1, "
	    "sender_version = COALESCE(?, sender_version), customer_code = ?, "
	    "vchtype = ?, sign = ?, date = CAST(? AS DATE), total = ?, summary = ?, "
	    "file_id = ?, updated_at = NOW() WHERE vchcode = ?",
	    9, 0, 0 },
	Q(IMP_BALANCE_ADD) "UPDATE imp_customers SET balance = balance + ? "
	    "WHERE account_set_id = ? AND code = ?",
	    3, 0, 0 },
	Q(IMP_DOC_VERSION) "UPDATE imp_documents SET sender_version = ? WHERE vchcode = ?",
	    2, 0, 0 },
	Q(IMP_LINES_OF) "SELECT product_code, product_name, unit, qty, price, amount "
	    "FROM imp_lines WHERE vchcode = ? ORDER BY seq",
	    1, DZ_C_IMPLINE__N, 0 },
	Q(IMP_LINES_DELETE) "DELETE FROM imp_lines WHERE vchcode = ?",
	    1, 0, 0 },
	Q(IMP_LINE_INSERT) "INSERT INTO imp_lines (vchcode, seq, product_code, product_name, "
	    "unit, qty, price, amount) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	    8, 0, 0 },
	/* the receivable now: 期初 and the signed documents from its date */
	/* (the customer's documents by its index, named: correlated to the
	 * row updated, the optimizer read every document of the set, 25 ms
	 * a customer at 10,000) */
	Q(IMP_BALANCE) "UPDATE imp_customers c SET c.balance = c.opening + ("
	    "SELECT COALESCE(SUM(d.sign * d.total), 0) FROM imp_documents d "
	    "FORCE INDEX (ix_imp_documents_customer) "
	    "WHERE d.account_set_id = ? AND d.customer_code = ? "
	    "AND d.date >= c.opening_from) WHERE c.account_set_id = ? AND c.code = ?",
	    4, 0, 0 },
	Q(USER_BIND_SET) "UPDATE users SET erp_kind = ?, account_set_id = ?, "
	    "updated_at = NOW() WHERE id = ?",
	    3, 0, BUMP },
	Q(IMP_UPLOAD_OPEN) "SELECT id FROM imp_uploads WHERE account_set_id = ? "
	    "AND user_id = ? AND state = 'open' ORDER BY id DESC LIMIT 1",
	    2, DZ_C_ID__N, READ },
	Q(IMP_UPLOAD_NEW) "INSERT INTO imp_uploads (account_set_id, user_id) VALUES (?, ?)",
	    2, 0, 0 },
	Q(IMP_UPLOAD_PARTS) "SELECT sheet + 0, filename, size, sha256, content, at, sheet_no "
	    "FROM imp_upload_parts WHERE upload_id = ? ORDER BY sheet",
	    1, DZ_C_IMPPART__N, READ },
	Q(IMP_UPLOAD_PART_PUT) "REPLACE INTO imp_upload_parts (upload_id, sheet, sheet_no, "
	    "filename, size, sha256, content) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    7, 0, 0 },
	Q(IMP_UPLOAD_DROP) "UPDATE imp_uploads SET state = 'dropped', updated_at = NOW() "
	    "WHERE account_set_id = ? AND user_id = ? AND state = 'open'",
	    2, 0, 0 },
	Q(IMP_UPLOAD_STORED) "UPDATE imp_uploads SET state = 'stored', file_id = ?, "
	    "updated_at = NOW() WHERE id = ? AND state = 'open'",
	    2, 0, 0 },
	Q(IMP_FILES_LIST) "SELECT f.id, f.name, f.source, COALESCE(u.username, ''), "
	    "f.ncustomers, f.ndocuments, f.nlines, f.added, f.changed, f.unchanged, "
	    "f.created_at, f.sha256 FROM imp_files f LEFT JOIN users u ON u.id = f.user_id "
	    "WHERE f.account_set_id = ? ORDER BY f.id DESC LIMIT 20",
	    1, DZ_C_IMPFILE__N, READ },
	Q(APIKEY_INSERT) "INSERT INTO api_keys (account_set_id, name, prefix, hash, created_by) "
	    "VALUES (?, ?, ?, ?, ?)",
	    5, 0, 0 },
	Q(APIKEY_LIST) "SELECT k.id, k.name, k.prefix, COALESCE(u.username, ''), k.created_at, "
	    "COALESCE(k.revoked_at, ''), COALESCE(k.last_used_at, ''), k.calls FROM api_keys k "
	    "LEFT JOIN users u ON u.id = k.created_by WHERE k.account_set_id = ? "
	    "ORDER BY k.id DESC LIMIT 100",
	    1, DZ_C_APIKEY__N, READ },
	Q(APIKEY_REVOKE) "UPDATE api_keys SET revoked_at = NOW() WHERE id = ? "
	    "AND account_set_id = ? AND revoked_at IS NULL",
	    2, 0, 0 },
	Q(APIKEY_FIND) "SELECT k.id, k.account_set_id, k.revoked_at IS NULL, "
	    "a.erp_kind = 'import', k.prefix FROM api_keys k "
	    "JOIN account_sets a ON a.id = k.account_set_id WHERE k.hash = ?",
	    1, DZ_C_APIFIND__N, READ },
	Q(APIKEY_USED) "UPDATE api_keys SET last_used_at = NOW(), calls = calls + 1 WHERE id = ?",
	    1, 0, 0 },
};
#undef Q

struct dz_db {
	const struct dz_conf	*conf;
	MYSQL			*my;
	MYSQL_STMT		*stmt[DZ_SQL__MAX];
	int			 in_tx;
	int			 bump;		/* a 'bump' change awaits the commit */
	unsigned int		 last_errno;
	int			 unbounded;	/* dz-admin's migrations: no time bounds */
	int			 scripts;	/* ...and multi-statement scripts */
	/*
	 * A statement that timed out (a lock waited for DB.LockWaitTimeout,
	 * the server's max_statement_time, or the read timeout) fails at
	 * once until this monotonic time: one locked table then costs each
	 * worker one wait, not one per request queued behind it. The next
	 * call after it is the probe.
	 */
	long long		 trip_until[DZ_SQL__MAX];	/* dz_clock_ms */
	unsigned long		 tripped[DZ_SQL__MAX];	/* calls refused since */
	long long		 down_since;	/* ms the store was lost at (0: it is not) */
	size_t			 node;		/* DB.Host's node in use, or to try first */
	int			 moved;		/* ...moved to after one refused */
	unsigned long		 down_fails;	/* connects failed since */
};

static void	drop(struct dz_db *);

enum dz_err
dz_db_open(struct dz_db **out, const struct dz_conf *conf)
{
	struct dz_db	*db;

	*out = NULL;
	if ((db = calloc(1, sizeof(*db))) == NULL)
		return DZ_ERR_NOMEM;
	db->conf = conf;
	*out = db;
	return DZ_OK;
}

void
dz_db_unbounded(struct dz_db *db)
{
	db->unbounded = 1;
	db->scripts = 1;
	drop(db);
}

/* Forget the connection and every statement prepared on it. */
static void
drop(struct dz_db *db)
{
	size_t	i;

	for (i = 0; i < DZ_SQL__MAX; i++)
		if (db->stmt[i] != NULL) {
			mysql_stmt_close(db->stmt[i]);
			db->stmt[i] = NULL;
		}
	if (db->my != NULL) {
		mysql_close(db->my);
		db->my = NULL;
	}
	db->in_tx = 0;
	/* A commit whose answer was lost may have happened: say so. */
	if (db->bump)
		dz_changes_bump();
	db->bump = 0;
}

void
dz_db_close(struct dz_db *db)
{
	if (db == NULL)
		return;
	drop(db);
	free(db);
}

static int
gone(unsigned int e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == CR_CONN_HOST_ERROR || e == CR_CONNECTION_ERROR ||
	    e == ER_UNKNOWN_STMT_HANDLER || e == CR_COMMANDS_OUT_OF_SYNC;
}

int
dz_db_deadlocked(const struct dz_db *db)
{
	return db->last_errno == ER_LOCK_DEADLOCK ||
	    (db->last_errno == ER_UNKNOWN_COM_ERROR && db->conf->db_nnodes > 1);
}

int
dz_db_again(const struct dz_db *db, enum dz_err rc, int *tries)
{
	struct timespec	ts;

	if (rc != DZ_ERR_DB || !dz_db_deadlocked(db) || ++*tries >= DZ_DB_TRIES)
		return 0;
	/* (from the clock and the pid: the workers fork from one master,
	 * so random() would draw alike in all of them) */
	ts.tv_sec = 0;
	ts.tv_nsec = (long)(1 + (dz_clock_ms() + getpid()) % 8) * 1000000L * *tries;
	nanosleep(&ts, NULL);
	return 1;
}

/*
 * Did the statement just tried end by a time bound? The server says so
 * for a lock wait and for max_statement_time; the client's read timeout
 * looks like a lost connection, told apart by how long it took.
 */
static int
timed_out(const struct dz_db *db, long long t0)
{
	if (db->last_errno == ER_LOCK_WAIT_TIMEOUT ||
	    db->last_errno == ER_STATEMENT_TIMEOUT)
		return 1;
	return db->last_errno == CR_SERVER_LOST &&
	    dz_clock_ms() - t0 >= db->conf->db_read_timeout * 1000LL - 500;
}

/*
 * DB.Host's nodes, from the one this connection last used (the first at
 * start): the first that takes the connection is kept. A node that is
 * down refuses at once, or after DB.ConnectTimeout if it is unreachable;
 * then the next is tried, so a dead node costs one connect, not a request.
 * Each node is tried with a handle of its own.
 */
static int	new_handle(struct dz_db *);

static int
connect_nodes(struct dz_db *db)
{
	const struct dz_conf	*c = db->conf;
	size_t			 k, i;

	for (k = 0; k < c->db_nnodes; k++) {
		i = (db->node + k) % c->db_nnodes;
		if (mysql_real_connect(db->my, c->db_nodes[i].host, c->db_user,
		    c->db_password, c->db_name, (unsigned int)c->db_nodes[i].port, NULL,
		    db->scripts ? CLIENT_MULTI_STATEMENTS : 0) != NULL) {
			if (i != db->node || db->moved) {
				dz_log_info("db: connected to %s:%d (node %zu of %zu)",
				    c->db_nodes[i].host, c->db_nodes[i].port, i + 1,
				    c->db_nnodes);
				db->moved = 0;
			}
			db->node = i;
			return 0;
		}
		if (k + 1 == c->db_nnodes)
			break;	/* (its error is connect_db's to say) */
		dz_log_warn("db: %s:%d: %s; trying the next node", c->db_nodes[i].host,
		    c->db_nodes[i].port, mysql_error(db->my));
		db->moved = 1;
		mysql_close(db->my);
		if (new_handle(db) != 0)
			return -1;
	}
	return -1;
}

/*
 * The node refused to serve (Galera's 1047: it is not in the primary
 * component, or still joining), or, with causal reads on several nodes,
 * a read's wait for the cluster failed (1205 on a statement that takes
 * no lock: the node is leaving the cluster): nothing was done, so the
 * statement may run on the next node. The connection moves there, and
 * what the node made time out is no longer failed fast.
 */
static int
node_refused(struct dz_db *db, int read)
{
	const struct dz_conf	*c = db->conf;

	if (db->last_errno != ER_UNKNOWN_COM_ERROR && !(read && c->db_nnodes > 1 &&
	    c->db_sync_wait > 0 && db->last_errno == ER_LOCK_WAIT_TIMEOUT))
		return 0;
	if (c->db_nnodes > 1) {
		dz_log_warn("db: %s:%d refuses to serve (%u: not in the cluster's "
		    "primary component); moving to the next node",
		    c->db_nodes[db->node].host, c->db_nodes[db->node].port, db->last_errno);
		db->node = (db->node + 1) % c->db_nnodes;
		db->moved = 1;
		memset(db->trip_until, 0, sizeof(db->trip_until));
		memset(db->tripped, 0, sizeof(db->tripped));
	}
	return 1;
}

/* A new client handle in db->my with every option set; -1: no memory. */
static int
new_handle(struct dz_db *db)
{
	const struct dz_conf	*c = db->conf;
	unsigned int		 t;
	my_bool			 off = 0;
	char			 init[256], zone[32], sync[40];

	if ((db->my = mysql_init(NULL)) == NULL)
		return -1;
	t = (unsigned int)c->db_connect_timeout;
	mysql_optionsv(db->my, MYSQL_OPT_CONNECT_TIMEOUT, &t);
	/* A migration may rebuild a table of millions of rows (011's took
	 * minutes at 1,000,000 statements): it waits for its answer a day. */
	t = db->unbounded ? 86400 : (unsigned int)c->db_read_timeout;
	mysql_optionsv(db->my, MYSQL_OPT_READ_TIMEOUT, &t);
	t = (unsigned int)c->db_write_timeout;
	mysql_optionsv(db->my, MYSQL_OPT_WRITE_TIMEOUT, &t);
	/* NOTE: never MYSQL_OPT_RECONNECT: a silent reconnect loses prepared
	 * statements and transactions; we reconnect and re-prepare ourselves. */
	mysql_optionsv(db->my, MYSQL_OPT_RECONNECT, &off);
	mysql_optionsv(db->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/*
	 * The web programs wait for a lock a few seconds, and the server
	 * abandons a statement just before the client would stop reading
	 * (so a timed-out query does not stay behind in MariaDB); both end
	 * below nginx's fastcgi_read_timeout.
	 */
	/*
	 * The session's time zone is the programs' own (Time.Zone, or the
	 * host's): NOW() and the dates the pages filter on are then the same
	 * day (with +08:00 fixed and a UTC host they parted at 16:00 UTC).
	 */
	{
		time_t		now = time(NULL);
		struct tm	tm;
		long		zoff = localtime_r(&now, &tm) != NULL ? tm.tm_gmtoff : 8 * 3600;

		snprintf(zone, sizeof(zone), "%c%02ld:%02ld", zoff < 0 ? '-' : '+',
		    labs(zoff) / 3600 % 24, labs(zoff) % 3600 / 60);
	}
	/*
	 * On a Galera cluster (DB.SyncWait, e.g. 3): a read or an update
	 * first waits until this node has applied what the cluster committed
	 * before it, so what one app host committed the other reads at once.
	 */
	sync[0] = '\0';
	if (c->db_sync_wait > 0)
		snprintf(sync, sizeof(sync), ", wsrep_sync_wait = %d", c->db_sync_wait);
	if (db->unbounded)
		snprintf(init, sizeof(init), "SET time_zone = '%s'%s", zone, sync);
	else
		snprintf(init, sizeof(init), "SET time_zone = '%s', "
		    "lock_wait_timeout = %d, innodb_lock_wait_timeout = %d, "
		    "max_statement_time = %d%s", zone, c->db_lock_wait, c->db_lock_wait,
		    c->db_read_timeout > 1 ? c->db_read_timeout - 1 : 1, sync);
	mysql_optionsv(db->my, MYSQL_INIT_COMMAND, init);
	return 0;
}

static enum dz_err
connect_db(struct dz_db *db)
{
	const struct dz_conf	*c = db->conf;

	if (db->my != NULL)
		return DZ_OK;
	if (new_handle(db) != 0)
		return DZ_ERR_NOMEM;
	/*
	 * Only dz-admin's migrations run schema files of many statements;
	 * a web program's connection takes one statement per query, so
	 * nothing it sends can carry a second one behind a ';'.
	 */
	if (c->db_socket[0] != '\0') {
		if (mysql_real_connect(db->my, NULL, c->db_user, c->db_password,
		    c->db_name, 0, c->db_socket,
		    db->scripts ? CLIENT_MULTI_STATEMENTS : 0) == NULL)
			goto fail;
	} else if (connect_nodes(db) != 0) {
		if (db->my == NULL)
			return DZ_ERR_NOMEM;
		goto fail;
	}
	/* Said once, when the store is back after it was lost. */
	if (db->down_since > 0) {
		dz_log_info("db: reconnected after %.1f s (%lu failed connects)",
		    (dz_clock_ms() - db->down_since) / 1000.0, db->down_fails);
		db->down_since = 0;
		db->down_fails = 0;
	}
	return DZ_OK;
fail:
	db->last_errno = mysql_errno(db->my);
	dz_log_err("db: connect: %s", mysql_error(db->my));
	mysql_close(db->my);
	db->my = NULL;
	if (db->down_since == 0)
		db->down_since = dz_clock_ms();
	db->down_fails++;
	return DZ_ERR_DB;
}

static enum dz_err
prepare(struct dz_db *db, enum dz_sql q, MYSQL_STMT **out)
{
	MYSQL_STMT	*st;
	enum dz_err	 rc;

	if ((rc = connect_db(db)) != DZ_OK)
		return rc;
	if (db->stmt[q] != NULL) {
		*out = db->stmt[q];
		return DZ_OK;
	}
	if ((st = mysql_stmt_init(db->my)) == NULL)
		return DZ_ERR_NOMEM;
	if (mysql_stmt_prepare(st, sqls[q].sql, strlen(sqls[q].sql)) != 0) {
		db->last_errno = mysql_stmt_errno(st);
		dz_log_err("db: prepare %s: %s", sqls[q].name, mysql_stmt_error(st));
		mysql_stmt_close(st);
		return DZ_ERR_DB;
	}
	/* The SQL and the C that binds and reads it must agree. */
	if (mysql_stmt_param_count(st) != sqls[q].nparams ||
	    mysql_stmt_field_count(st) != sqls[q].ncols) {
		db->last_errno = 0;
		dz_log_err("db: %s declares %u parameters and %u columns, "
		    "its SQL has %lu and %u", sqls[q].name, sqls[q].nparams,
		    sqls[q].ncols, mysql_stmt_param_count(st),
		    mysql_stmt_field_count(st));
		mysql_stmt_close(st);
		return DZ_ERR_DB;
	}
	db->stmt[q] = st;
	*out = st;
	return DZ_OK;
}

static int
bind_params(MYSQL_STMT *st, const struct dz_dbarg *args, size_t n, MYSQL_BIND *b)
{
	size_t	i;

	if (mysql_stmt_param_count(st) != n) {
		dz_log_err("db: statement wants %lu parameters, got %zu",
		    mysql_stmt_param_count(st), n);
		return -1;
	}
	memset(b, 0, n * sizeof(*b));
	for (i = 0; i < n; i++) {
		switch (args[i].t) {
		case DZ_DB_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		case DZ_DB_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&args[i].i;
			break;
		case DZ_DB_STR:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)args[i].p;
			b[i].buffer_length = args[i].n;
			break;
		case DZ_DB_BLOB:
			b[i].buffer_type = MYSQL_TYPE_BLOB;
			b[i].buffer = (void *)args[i].p;
			b[i].buffer_length = args[i].n;
			break;
		default:
			return -1;
		}
	}
	if (n > 0 && mysql_stmt_bind_param(st, b) != 0)
		return -1;
	return 0;
}

/* Copy a stored result into rows: every cell as a NUL-terminated string. */
static enum dz_err
fetch_all(MYSQL_STMT *st, struct dz_rows *rows)
{
	MYSQL_RES	*meta;
	MYSQL_FIELD	*f;
	MYSQL_BIND	*b = NULL;
	unsigned long	*lens = NULL;
	my_bool		*nulls = NULL;
	char		**bufs = NULL;
	size_t		 nc, nr, r, c;
	enum dz_err	 rc = DZ_ERR_NOMEM;
	int		 fr;

	memset(rows, 0, sizeof(*rows));
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		return DZ_OK;
	nc = mysql_num_fields(meta);
	f = mysql_fetch_fields(meta);
	nr = (size_t)mysql_stmt_num_rows(st);
	rows->ncols = nc;
	if ((b = calloc(nc, sizeof(*b))) == NULL ||
	    (lens = calloc(nc, sizeof(*lens))) == NULL ||
	    (nulls = calloc(nc, sizeof(*nulls))) == NULL ||
	    (bufs = calloc(nc, sizeof(*bufs))) == NULL)
		goto out;
	for (c = 0; c < nc; c++) {
		if ((bufs[c] = malloc(f[c].max_length + 1)) == NULL)
			goto out;
		b[c].buffer_type = MYSQL_TYPE_STRING;
		b[c].buffer = bufs[c];
		b[c].buffer_length = f[c].max_length + 1;
		b[c].length = &lens[c];
		b[c].is_null = &nulls[c];
	}
	if (mysql_stmt_bind_result(st, b) != 0) {
		rc = DZ_ERR_DB;
		goto out;
	}
	if (nr > 0 && ((rows->cell = calloc(nr * nc, sizeof(char *))) == NULL ||
	    (rows->len = calloc(nr * nc, sizeof(size_t))) == NULL))
		goto out;
	for (r = 0; r < nr; r++) {
		fr = mysql_stmt_fetch(st);
		if (fr == MYSQL_NO_DATA)
			break;
		if (fr != 0 && fr != MYSQL_DATA_TRUNCATED) {
			rc = DZ_ERR_DB;
			goto out;
		}
		for (c = 0; c < nc; c++) {
			char	*v;

			if (nulls[c])
				continue;
			if ((v = malloc(lens[c] + 1)) == NULL)
				goto out;
			memcpy(v, bufs[c], lens[c]);
			v[lens[c]] = '\0';
			rows->cell[r * nc + c] = v;
			rows->len[r * nc + c] = lens[c];
		}
		rows->nrows++;
	}
	rc = DZ_OK;
out:
	if (bufs != NULL)
		for (c = 0; c < nc; c++)
			free(bufs[c]);
	free(bufs);
	free(nulls);
	free(lens);
	free(b);
	mysql_free_result(meta);
	mysql_stmt_free_result(st);
	if (rc != DZ_OK)
		dz_db_rows_free(rows);
	return rc;
}

/*
 * Run q with args bound through binds (n entries); read statements fill
 * rows, others aff and id.
 */
static enum dz_err
run_bound(struct dz_db *db, enum dz_sql q, const struct dz_dbarg *args, size_t n,
    MYSQL_BIND *binds, struct dz_rows *rows, unsigned long long *aff,
    unsigned long long *id)
{
	MYSQL_STMT	*st;
	enum dz_err	 rc = DZ_ERR_DB;
	my_bool		 upd = 1;
	int		 attempt;
	long long	 t0;

	if (rows != NULL)
		memset(rows, 0, sizeof(*rows));
	if (db->trip_until[q] > 0) {
		if (dz_clock_ms() < db->trip_until[q]) {
			db->tripped[q]++;
			db->last_errno = ER_LOCK_WAIT_TIMEOUT;
			return DZ_ERR_DB;
		}
		db->trip_until[q] = 0;
		if (db->tripped[q] > 0)
			dz_log_warn("db: %s: %lu calls failed fast while it timed out; "
			    "trying again", sqls[q].name, db->tripped[q]);
		db->tripped[q] = 0;
	}
	for (attempt = 0; attempt < 2; attempt++) {
		db->last_errno = 0;
		t0 = dz_clock_ms();
		if ((rc = prepare(db, q, &st)) != DZ_OK)
			goto failed;
		if (bind_params(st, args, n, binds) != 0) {
			db->last_errno = mysql_stmt_errno(st);
			dz_log_err("db: bind %s: %s", sqls[q].name, mysql_stmt_error(st));
			return DZ_ERR_DB;
		}
		if (mysql_stmt_execute(st) != 0) {
			db->last_errno = mysql_stmt_errno(st);
			if (db->last_errno != ER_DUP_ENTRY)
				dz_log_err("db: execute %s: %s", sqls[q].name, mysql_stmt_error(st));
			rc = DZ_ERR_DB;
			goto failed;
		}
		if (rows != NULL) {
			mysql_stmt_attr_set(st, STMT_ATTR_UPDATE_MAX_LENGTH, &upd);
			if (mysql_stmt_store_result(st) != 0) {
				db->last_errno = mysql_stmt_errno(st);
				dz_log_err("db: store %s: %s", sqls[q].name, mysql_stmt_error(st));
				rc = DZ_ERR_DB;
				goto failed;
			}
			return fetch_all(st, rows);
		}
		if (aff != NULL)
			*aff = mysql_stmt_affected_rows(st);
		if (id != NULL)
			*id = mysql_stmt_insert_id(st);
		if ((sqls[q].flags & BUMP) && mysql_stmt_affected_rows(st) > 0) {
			if (db->in_tx)
				db->bump = 1;
			else
				dz_changes_bump();
		}
		return DZ_OK;
failed:
		if (node_refused(db, (sqls[q].flags & READ) != 0)) {
			int	was_tx = db->in_tx;

			drop(db);
			if (was_tx)
				return DZ_ERR_DB;
			continue;	/* nothing was done: on the next node */
		}
		if (timed_out(db, t0)) {
			/* Never again at once: the lock or the load is still there. */
			if (db->conf->db_trip > 0)
				db->trip_until[q] = dz_clock_ms() + db->conf->db_trip * 1000LL;
			dz_log_warn("db: %s timed out after %.1f s (%u); failing it "
			    "fast for %d s", sqls[q].name, (dz_clock_ms() - t0) / 1000.0, db->last_errno,
			    db->conf->db_trip);
			if (gone(db->last_errno)) {
				if ((sqls[q].flags & BUMP)) {
					if (db->in_tx)
						db->bump = 1;
					else
						dz_changes_bump();
				}
				drop(db);
			}
			return DZ_ERR_DB;
		}
		if (!gone(db->last_errno))
			return rc;
		if (db->down_since == 0)
			db->down_since = dz_clock_ms();
		/* A change whose answer was lost may have been made: say so
		 * (inside a transaction drop() does, if it had one pending). */
		if ((sqls[q].flags & BUMP)) {
			if (db->in_tx)
				db->bump = 1;
			else
				dz_changes_bump();
		}
		/* The server went away: start afresh next time. Retry only
		 * what is safe to run twice, and never inside a transaction. */
		{
			int	was_tx = db->in_tx;

			drop(db);
			if (was_tx || (!(sqls[q].flags & READ) && db->last_errno == CR_SERVER_LOST))
				return DZ_ERR_DB;
		}
	}
	return DZ_ERR_DB;
}

static enum dz_err
run(struct dz_db *db, enum dz_sql q, const struct dz_dbarg *args, size_t n,
    struct dz_rows *rows, unsigned long long *aff, unsigned long long *id)
{
	MYSQL_BIND	 small[24], *binds = small;
	enum dz_err	 rc;

	if ((unsigned)q >= DZ_SQL__MAX)
		return DZ_ERR_INVAL;
	/* Batched INSERTs bind hundreds of parameters. */
	if (n > DZ_NELEM(small) && (binds = calloc(n, sizeof(*binds))) == NULL)
		return DZ_ERR_NOMEM;
	rc = run_bound(db, q, args, n, binds, rows, aff, id);
	if (binds != small)
		free(binds);
	return rc;
}

enum dz_err
dz_db_query(struct dz_db *db, enum dz_sql q, const struct dz_dbarg *args,
    size_t n, struct dz_rows *rows)
{
	return run(db, q, args, n, rows, NULL, NULL);
}

enum dz_err
dz_db_exec(struct dz_db *db, enum dz_sql q, const struct dz_dbarg *args,
    size_t n, unsigned long long *aff, unsigned long long *id)
{
	return run(db, q, args, n, NULL, aff, id);
}

enum dz_err
dz_db_one(struct dz_db *db, enum dz_sql q, const struct dz_dbarg *args, size_t n,
    struct dz_rows *rows)
{
	enum dz_err	rc;

	if ((rc = run(db, q, args, n, rows, NULL, NULL)) != DZ_OK)
		return rc;
	if (rows->nrows != 1) {
		dz_db_rows_free(rows);
		return DZ_ERR_NOTFOUND;
	}
	return DZ_OK;
}

const char *
dz_db_cell(const struct dz_rows *rows, size_t r, size_t c)
{
	if (r >= rows->nrows || c >= rows->ncols)
		return NULL;
	return rows->cell[r * rows->ncols + c];
}

size_t
dz_db_cell_len(const struct dz_rows *rows, size_t r, size_t c)
{
	if (r >= rows->nrows || c >= rows->ncols)
		return 0;
	return rows->len[r * rows->ncols + c];
}

long long
dz_db_cell_int(const struct dz_rows *rows, size_t r, size_t c)
{
	const char	*v;

	v = dz_db_cell(rows, r, c);
	return v == NULL ? 0 : strtoll(v, NULL, 10);
}

enum dz_err
dz_db_fill(const struct dz_rows *rows, size_t r, void *dst, const struct dz_cellmap *map,
    size_t nmap)
{
	const char	*v;
	char		*f;
	size_t		 i;

	for (i = 0; i < nmap; i++) {
		v = dz_db_cell(rows, r, (size_t)map[i].col);
		f = (char *)dst + map[i].off;
		/* A table naming a field of the wrong type is a bug: refuse it. */
		if ((map[i].t == DZ_CELL_DUP && map[i].sz != sizeof(char *)) ||
		    (map[i].t == DZ_CELL_INT && map[i].sz != sizeof(long long)) ||
		    (map[i].t == DZ_CELL_BOOL && map[i].sz != sizeof(int)) ||
		    (map[i].t == DZ_CELL_MONEY && map[i].sz != sizeof(int64_t)))
			return DZ_ERR_INVAL;
		switch (map[i].t) {
		case DZ_CELL_STR:
			dz_copy(f, map[i].sz, v);
			break;
		case DZ_CELL_DUP:
			if ((*(char **)f = strdup(v != NULL ? v : "")) == NULL)
				return DZ_ERR_NOMEM;
			break;
		case DZ_CELL_INT:
			*(long long *)f = v != NULL ? strtoll(v, NULL, 10) : 0;
			break;
		case DZ_CELL_BOOL:
			*(int *)f = v != NULL && strtoll(v, NULL, 10) != 0;
			break;
		case DZ_CELL_MONEY:
			*(int64_t *)f = dz_money_cell(v);
			break;
		case DZ_CELL_FN:
			map[i].conv(v, f);
			break;
		}
	}
	return DZ_OK;
}

enum dz_err
dz_db_list(struct dz_db *db, enum dz_sql q, const struct dz_dbarg *args, size_t nargs,
    const struct dz_cellmap *map, size_t nmap, size_t elsz, void **out, size_t *n)
{
	struct dz_rows	 rows;
	char		*arr = NULL;
	size_t		 i;
	enum dz_err	 rc;

	*out = NULL;
	*n = 0;
	if ((rc = dz_db_query(db, q, args, nargs, &rows)) != DZ_OK)
		return rc;
	if (rows.nrows > 0 && (arr = calloc(rows.nrows, elsz)) == NULL)
		rc = DZ_ERR_NOMEM;
	for (i = 0; rc == DZ_OK && i < rows.nrows; i++)
		rc = dz_db_fill(&rows, i, arr + i * elsz, map, nmap);
	/* Even after a failed fill the array is whole (what was not reached
	 * is zero): hand it over with its count, the caller's free function
	 * frees its copies. */
	*out = arr;
	*n = arr != NULL ? rows.nrows : 0;
	dz_db_rows_free(&rows);
	return rc;
}

void
dz_db_rows_free(struct dz_rows *rows)
{
	size_t	i;

	if (rows->cell != NULL)
		for (i = 0; i < rows->nrows * rows->ncols; i++)
			free(rows->cell[i]);
	free(rows->cell);
	free(rows->len);
	memset(rows, 0, sizeof(*rows));
}

enum dz_err
dz_db_begin(struct dz_db *db)
{
	enum dz_err	rc;
	int		attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		if ((rc = connect_db(db)) != DZ_OK)
			return rc;
		if (mysql_autocommit(db->my, 0) == 0) {
			db->in_tx = 1;
			return DZ_OK;
		}
		db->last_errno = mysql_errno(db->my);
		dz_log_err("db: begin: %s", mysql_error(db->my));
		if (!gone(db->last_errno))
			break;
		drop(db);	/* nothing was done yet: safe to try again */
	}
	return DZ_ERR_DB;
}

enum dz_err
dz_db_commit(struct dz_db *db)
{
	if (db->my == NULL || !db->in_tx)
		return DZ_ERR_DB;
	if (mysql_commit(db->my) != 0) {
		db->last_errno = mysql_errno(db->my);
		/* On a Galera cluster a commit that lost to another node's
		 * (certification) is 1213, the caller's to try again: no error. */
		if (db->last_errno == ER_LOCK_DEADLOCK)
			dz_log_warn("db: commit: %s", mysql_error(db->my));
		else
			dz_log_err("db: commit: %s", mysql_error(db->my));
		(void)node_refused(db, 0);
		drop(db);
		return DZ_ERR_DB;
	}
	db->in_tx = 0;
	if (db->bump)
		dz_changes_bump();
	db->bump = 0;
	if (mysql_autocommit(db->my, 1) != 0) {
		drop(db);
		return DZ_ERR_DB;
	}
	return DZ_OK;
}

void
dz_db_rollback(struct dz_db *db)
{
	if (db->my == NULL || !db->in_tx)
		return;
	if (mysql_rollback(db->my) != 0 || mysql_autocommit(db->my, 1) != 0)
		drop(db);
	db->in_tx = 0;
	db->bump = 0;
}

int
dz_db_dup_key(const struct dz_db *db)
{
	return db->last_errno == ER_DUP_ENTRY;
}

enum dz_err
dz_db_script(struct dz_db *db, const char *sql)
{
	enum dz_err	 rc;
	MYSQL_RES	*res;
	int		 st;

	if ((rc = connect_db(db)) != DZ_OK)
		return rc;
	if (mysql_real_query(db->my, sql, strlen(sql)) != 0)
		goto fail;
	do {
		if ((res = mysql_store_result(db->my)) != NULL)
			mysql_free_result(res);
		else if (mysql_field_count(db->my) != 0)
			goto fail;
		if ((st = mysql_next_result(db->my)) > 0)
			goto fail;
	} while (st == 0);
	return DZ_OK;
fail:
	db->last_errno = mysql_errno(db->my);
	dz_log_err("db: script: %s", mysql_error(db->my));
	drop(db);
	return DZ_ERR_DB;
}

enum dz_err
dz_db_check(struct dz_db *db, enum dz_sql q, char *why, size_t whysz)
{
	MYSQL_STMT	*st;
	enum dz_err	 rc;

	if ((unsigned)q >= DZ_SQL__MAX || sqls[q].sql == NULL) {
		snprintf(why, whysz, "statement %d: not in the table", (int)q);
		return DZ_ERR_INVAL;
	}
	/* A fresh prepare: one kept from before proves nothing new. */
	if (db->stmt[q] != NULL) {
		mysql_stmt_close(db->stmt[q]);
		db->stmt[q] = NULL;
	}
	if ((rc = prepare(db, q, &st)) != DZ_OK) {
		snprintf(why, whysz, "%s: does not prepare, or its parameters or "
		    "columns differ from the %u and %u declared (see the log)",
		    sqls[q].name, sqls[q].nparams, sqls[q].ncols);
		return rc;
	}
	snprintf(why, whysz, "%s: %u parameters, %u columns, as declared",
	    sqls[q].name, sqls[q].nparams, sqls[q].ncols);
	return DZ_OK;
}
