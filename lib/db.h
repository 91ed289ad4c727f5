/*
 * db.h: the app store (MariaDB), for the library only: screens call
 * lib/store, lib/auth and the other modules, never this (make check greps
 * for it). Every statement is a named entry of enum dz_sql, declared once
 * in db.c's table with its number of parameters, its number of result
 * columns and its flags; it is prepared once per connection on first use,
 * the counts checked against what the server says (a mismatch is an error
 * naming the statement), and always run with bound parameters.
 *
 * A statement's result columns are named by the enum beside it below, in
 * SELECT order; code reads cells by those names, never by number.
 *
 * The connection is opened lazily and dropped on "server gone" errors;
 * the next use reconnects and re-prepares. A statement flagged read that
 * fails because the server went away is run once more on a fresh
 * connection (never inside a transaction); any other is not (its fate is
 * unknown): it answers DZ_ERR_DB and the page says 503.
 */
#ifndef DZ_DB_H
#define DZ_DB_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "dz.h"

struct dz_conf;
struct dz_db;

enum dz_sql {
	/* sessions */
	DZ_SQL_SESSION_GET,
	DZ_SQL_SESSION_CHECK,
	DZ_SQL_SESSION_USER,
	DZ_SQL_SESSION_TOUCH,
	DZ_SQL_SESSION_INSERT,
	DZ_SQL_SESSION_DELETE,
	DZ_SQL_SESSION_DELETE_USER,
	DZ_SQL_SESSION_DELETE_OTHERS,
	DZ_SQL_SESSION_PRUNE,
	DZ_SQL_SESSION_DELETE_ALL,
	/* users */
	DZ_SQL_USER_BY_NAME,
	DZ_SQL_USER_GET,
	DZ_SQL_USER_LIST,
	DZ_SQL_USER_INSERT,
	DZ_SQL_USER_UPDATE,
	DZ_SQL_USER_SET_PASSWORD,
	DZ_SQL_USER_LOGGED_IN,
	DZ_SQL_USER_COUNT,
	/* login throttling */
	DZ_SQL_LOGINFAIL_INSERT,
	DZ_SQL_LOGINFAIL_COUNT_USER,
	DZ_SQL_LOGINFAIL_COUNT_IP,
	DZ_SQL_LOGINFAIL_PAIR,
	DZ_SQL_LOGINFAIL_CLEAR_PAIR,
	DZ_SQL_LOGINFAIL_PRUNE,
	/* account sets */
	DZ_SQL_ACCTSET_BY_IDENTITY,
	DZ_SQL_ACCTSET_GET,
	DZ_SQL_ACCTSET_INSERT,
	DZ_SQL_ACCTSET_SET_DSN,
	/* audit */
	DZ_SQL_AUDIT_INSERT,
	/* statements */
	DZ_SQL_STMT_INSERT,
	DZ_SQL_STMT_DOC_INSERT,
	DZ_SQL_STMT_DOC_INSERT_BATCH,
	DZ_SQL_STMT_LINE_INSERT,
	DZ_SQL_STMT_LINE_INSERT_BATCH,
	DZ_SQL_STMT_GET,
	DZ_SQL_STMT_DOCS,
	DZ_SQL_STMT_LINES,
	DZ_SQL_STMT_LIST,
	DZ_SQL_STMT_LIST_CUST,
	DZ_SQL_STMT_LIST_NEWER,
	DZ_SQL_STMT_LIST_NEWER_CUST,
	DZ_SQL_STMT_LIST_ST,
	DZ_SQL_STMT_LIST_NEWER_ST,
	DZ_SQL_STMT_LIST_KEY,
	DZ_SQL_STMT_LIST_NEWER_KEY,
	DZ_SQL_STMT_LIST_MONTH,
	DZ_SQL_STMT_LIST_NEWER_MONTH,
	DZ_SQL_STMT_LIST_MONTHS,
	DZ_SQL_STMT_LIST_NEWER_MONTHS,
	DZ_SQL_STMT_COUNT,
	DZ_SQL_STMT_COUNT_NC,
	DZ_SQL_STMT_COUNT_CUST,
	DZ_SQL_STMT_COUNT_ST,
	DZ_SQL_STMT_COUNT_KEY,
	DZ_SQL_STMT_COUNT_MONTH,
	DZ_SQL_STMT_COUNT_MONTHS,
	DZ_SQL_STMT_CUST_N,
	DZ_SQL_STMT_EXPORT,
	DZ_SQL_STMT_EXPORT_CUST,
	DZ_SQL_STMT_EXPORT_KEY,
	DZ_SQL_STMT_SET_STATUS,
	DZ_SQL_STMT_CANCEL,
	DZ_SQL_STMT_UNCANCEL,
	DZ_SQL_STMT_ANSWER,
	DZ_SQL_STMT_RECEIVE,
	DZ_SQL_STMT_DELETE,
	DZ_SQL_STMT_HISTORY,
	DZ_SQL_STMT_REOPENED,
	DZ_SQL_STMT_IDS,
	/* share links */
	DZ_SQL_LINK_INSERT,
	DZ_SQL_LINK_LIVE,
	DZ_SQL_LINK_REVOKE_ALL,
	DZ_SQL_LINK_CHECK,
	DZ_SQL_LINK_OPENED,
	DZ_SQL_STMT_SHARED,
	DZ_SQL_STMT_OPENED,
	DZ_SQL_SENDS,
	/* reports (store_report.c) */
	DZ_SQL_REPORT_TURNAROUND,
	DZ_SQL_REPORT_DISPUTES,
	DZ_SQL_REPORT_DISPUTES_ONE,
	DZ_SQL_REPORT_TREND,
	DZ_SQL_REPORT_STATES,
	DZ_SQL_REPORT_ANSWERS,
	DZ_SQL_AUDIT_LIST,
	DZ_SQL_AUDIT_COUNT,
	/* feedback */
	DZ_SQL_FEEDBACK_INSERT,
	DZ_SQL_FEEDBACK_LIST,
	DZ_SQL_FEEDBACK_LAST,
	/* 账目核对 */
	DZ_SQL_RECON_UPLOAD_INSERT,
	DZ_SQL_RECON_UPLOAD_GET,
	DZ_SQL_RECON_UPLOAD_FIND,
	DZ_SQL_RECON_RUN_COUNT,
	DZ_SQL_RECON_LOCK,
	DZ_SQL_RECON_MAP_GET,
	DZ_SQL_RECON_MAP_PUT,
	DZ_SQL_RECON_INSERT,
	DZ_SQL_RECON_LINE_INSERT,
	DZ_SQL_RECON_SET_STMT,
	DZ_SQL_RECON_GET,
	DZ_SQL_RECON_LINES,
	DZ_SQL_RECON_LINE_COUNT,
	DZ_SQL_RECON_RESOLVE,
	DZ_SQL_RECON_OPEN,
	DZ_SQL_RECON_SET_STATE,
	/* 月结 (store_bulk.c): bulk runs and their customers, chained
	 * openings, 对账日 */
	DZ_SQL_CHAIN_PREV,
	DZ_SQL_STMT_ORIGIN,
	DZ_SQL_STMT_BY_KEY,
	DZ_SQL_STMT_SAME_PERIOD,
	DZ_SQL_BULK_INSERT,
	DZ_SQL_BULK_ACTIVE,
	DZ_SQL_BULK_SCHEDULED,
	DZ_SQL_BULK_GET,
	DZ_SQL_BULK_LIST,
	DZ_SQL_BULK_PICK,
	DZ_SQL_BULK_CLAIM,
	DZ_SQL_BULK_RENEW,
	DZ_SQL_BULK_LISTED,
	DZ_SQL_BULK_ITEM_INSERT,
	DZ_SQL_BULK_PENDING,
	DZ_SQL_BULK_ATTEMPT,
	DZ_SQL_ACCTSET_LOCK,
	DZ_SQL_BULK_ACTIVE_COUNT,
	DZ_SQL_USER_CAN_RUN,
	DZ_SQL_BULK_ITEM_DONE,
	DZ_SQL_BULK_COUNT,
	DZ_SQL_BULK_FINISH,
	DZ_SQL_BULK_STOP,
	DZ_SQL_BULK_CANCEL,
	DZ_SQL_BULK_ITEMS,
	DZ_SQL_FOLLOWUP,
	DZ_SQL_RDAY_LIST,
	DZ_SQL_RDAY_PUT,
	DZ_SQL_RDAY_DELETE,
	DZ_SQL_RDAY_SET_GET,
	DZ_SQL_RDAY_SET_PUT,
	DZ_SQL_RDAY_SCHEDULED,
	/* ERP drift (lib/store_drift.c) */
	DZ_SQL_DRIFT_INSERT,
	DZ_SQL_DRIFT_CHANGE_INSERT,
	DZ_SQL_DRIFT_SET_STMT,
	DZ_SQL_DRIFT_LAST,
	DZ_SQL_DRIFT_CHANGES,
	DZ_SQL_DRIFT_MARKS,
	DZ_SQL_DRIFT_SETS,
	DZ_SQL_DRIFT_OPEN_IDS,
	/* migrations (dz-admin) */
	DZ_SQL_MIGRATION_TABLE,
	DZ_SQL_MIGRATION_LIST,
	DZ_SQL_MIGRATION_INSERT,
	/* backup and restore (dz-admin) */
	DZ_SQL_STORE_TABLES,
	/* account sets (gateway): the company name the ERP reports */
	DZ_SQL_ACCTSET_SET_COMPANY,
	/* key rotation (dz-admin rotate-key, reseal, retire-key) */
	DZ_SQL_KEY_SEALED,
	DZ_SQL_KEY_RESEAL,
	DZ_SQL_KEY_USE,
	/* notices (store_notify.c, issue 15) */
	DZ_SQL_NOTICE_FIRST_OPEN,
	DZ_SQL_NOTICE_INSERT_OPENED,
	DZ_SQL_NOTICE_INSERT_ANSWER,
	DZ_SQL_NOTICE_DELIVERIES_MAKE,
	DZ_SQL_NOTICE_UNREAD,
	DZ_SQL_NOTICE_LIST,
	DZ_SQL_NOTICE_LIST_DELIVERIES,
	DZ_SQL_NOTICE_READ,
	DZ_SQL_NOTICE_READ_ALL,
	DZ_SQL_NOTIFY_CHAN_GET,
	DZ_SQL_NOTIFY_CHAN_PUT,
	DZ_SQL_DELIVERY_RESEND,
	DZ_SQL_DELIVERY_DUE,
	DZ_SQL_DELIVERY_NOTICE,
	DZ_SQL_ROBOT_LOCK,
	DZ_SQL_ROBOT_WINDOW,
	DZ_SQL_DELIVERY_DEFER,
	DZ_SQL_DELIVERY_CLAIM,
	DZ_SQL_DELIVERY_SENT,
	DZ_SQL_DELIVERY_RETRY,
	DZ_SQL_DELIVERY_LATER,
	DZ_SQL_NOTIFY_KEY_SEALED,
	DZ_SQL_NOTIFY_KEY_RESEAL,
	/* the imported ledger read as the ERP's (erp_import.c, issue 16):
	 * each returns the ERP contract's columns of its query in order
	 * (lib/erp_profile.h), which erp_import.c reads by the contract */
	DZ_SQL_IMP_ACCOUNT_INFO,
	DZ_SQL_IMP_CUSTOMERS_SEARCH,
	DZ_SQL_IMP_CUSTOMERS_COUNT,
	DZ_SQL_IMP_CUSTOMERS_GET,
	DZ_SQL_IMP_BALANCE_OPENING,
	DZ_SQL_IMP_DOCUMENTS_LIST,
	DZ_SQL_IMP_DOCUMENTS_LINES,
	DZ_SQL_IMP_DOCUMENTS_LINES_RANGE,
	DZ_SQL_IMP_BALANCES_ALL,
	DZ_SQL_IMP_AGING_DEBITS,
	DZ_SQL_IMP_MOVEMENTS_ALL,
	DZ_SQL_IMP_DOCUMENTS_ALL,
	DZ_SQL_IMP_DOCUMENTS_STATE,
	DZ_SQL_IMP_DOCUMENTS_GET,
	/* an import stored (store_import.c) */
	DZ_SQL_IMP_CODES,
	DZ_SQL_IMP_FILE_BY_SHA,
	DZ_SQL_IMP_FILE_INSERT,
	DZ_SQL_IMP_FILE_COUNTS,
	DZ_SQL_IMP_CUSTOMER_PUT,
	DZ_SQL_IMP_DOC_FIND,
	DZ_SQL_IMP_DOC_INSERT,
	DZ_SQL_IMP_DOC_KEEP,
	DZ_SQL_IMP_DOC_UPDATE,
	DZ_SQL_IMP_DOC_VERSION,
	DZ_SQL_IMP_BALANCE_ADD,
	DZ_SQL_IMP_LINES_OF,
	DZ_SQL_IMP_LINES_DELETE,
	DZ_SQL_IMP_LINE_INSERT,
	DZ_SQL_IMP_BALANCE,
	DZ_SQL_USER_BIND_SET,
	DZ_SQL_IMP_UPLOAD_OPEN,
	DZ_SQL_IMP_UPLOAD_NEW,
	DZ_SQL_IMP_UPLOAD_PARTS,
	DZ_SQL_IMP_UPLOAD_PART_PUT,
	DZ_SQL_IMP_UPLOAD_DROP,
	DZ_SQL_IMP_UPLOAD_STORED,
	DZ_SQL_IMP_FILES_LIST,
	DZ_SQL_APIKEY_INSERT,
	DZ_SQL_APIKEY_LIST,
	DZ_SQL_APIKEY_REVOKE,
	DZ_SQL_APIKEY_FIND,
	DZ_SQL_APIKEY_USED,
	DZ_SQL__MAX
};

/*
 * Result columns, one enum per statement that returns rows (in SELECT
 * order; the __N member is the count db.c declares and checks).
 */
/* DZ_SQL_SESSION_CHECK; also the first columns of DZ_SQL_SESSION_GET */
enum { DZ_C_SCHECK_USER_ID, DZ_C_SCHECK_CSRF, DZ_C_SCHECK_IDLE_S, DZ_C_SCHECK__N };
/* DZ_SQL_SESSION_USER; also DZ_SQL_SESSION_GET's, after SCHECK's */
enum { DZ_C_SUSER_USERNAME, DZ_C_SUSER_ROLE, DZ_C_SUSER_SET_ID, DZ_C_SUSER_MUST_CHANGE,
	DZ_C_SUSER_COMPANY, DZ_C_SUSER_IMPORTED, DZ_C_SUSER__N };
/* DZ_SQL_USER_BY_NAME */
enum { DZ_C_LOGIN_ID, DZ_C_LOGIN_HASH, DZ_C_LOGIN_STATUS, DZ_C_LOGIN_MUST_CHANGE,
	DZ_C_LOGIN__N };
/* DZ_SQL_USER_GET */
enum { DZ_C_USER_ID, DZ_C_USER_USERNAME, DZ_C_USER_ROLE, DZ_C_USER_ERP_KIND,
	DZ_C_USER_SET_ID, DZ_C_USER_STATUS, DZ_C_USER_MUST_CHANGE, DZ_C_USER_VERSION,
	DZ_C_USER_IDENTITY, DZ_C_USER_DSN, DZ_C_USER_COMPANY, DZ_C_USER__N };
/* DZ_SQL_USER_LIST */
enum { DZ_C_ULIST_ID, DZ_C_ULIST_USERNAME, DZ_C_ULIST_ROLE, DZ_C_ULIST_ERP_KIND,
	DZ_C_ULIST_STATUS, DZ_C_ULIST_COMPANY, DZ_C_ULIST_IDENTITY, DZ_C_ULIST_LAST_LOGIN,
	DZ_C_ULIST__N };
/* DZ_SQL_USER_COUNT, DZ_SQL_LOGINFAIL_COUNT_USER, DZ_SQL_LOGINFAIL_COUNT_IP */
enum { DZ_C_COUNT_N, DZ_C_COUNT__N };
/* DZ_SQL_STMT_CUST_N */
enum { DZ_C_CUSTN_CUSTOMERS, DZ_C_CUSTN_KEYS, DZ_C_CUSTN_ID, DZ_C_CUSTN_CODE,
	DZ_C_CUSTN_NAME, DZ_C_CUSTN__N };
/* DZ_SQL_LOGINFAIL_PAIR */
enum { DZ_C_PAIR_N, DZ_C_PAIR_AGE_S, DZ_C_PAIR__N };
/* DZ_SQL_ACCTSET_BY_IDENTITY, DZ_SQL_MIGRATION_LIST, DZ_SQL_STMT_IDS: one column */
enum { DZ_C_ID, DZ_C_ID__N };
/* DZ_SQL_STORE_TABLES: one column */
enum { DZ_C_NAME, DZ_C_NAME__N };
/* DZ_SQL_ACCTSET_GET */
enum { DZ_C_ACCT_ID, DZ_C_ACCT_IDENTITY, DZ_C_ACCT_COMPANY, DZ_C_ACCT_ERP_KIND,
	DZ_C_ACCT_DSN, DZ_C_ACCT__N };
/* DZ_SQL_STMT_GET: a statement's header (STMT_HEAD in db.c) */
enum { DZ_C_HEAD_ID, DZ_C_HEAD_SET_ID, DZ_C_HEAD_CUSTOMER_ID, DZ_C_HEAD_CUSTOMER_CODE,
	DZ_C_HEAD_CUSTOMER_NAME, DZ_C_HEAD_COMPANY, DZ_C_HEAD_FROM, DZ_C_HEAD_TO,
	DZ_C_HEAD_WITH_OPENING, DZ_C_HEAD_OPENING, DZ_C_HEAD_SALES, DZ_C_HEAD_RETURNS,
	DZ_C_HEAD_RECEIPTS, DZ_C_HEAD_OTHER, DZ_C_HEAD_CLOSING, DZ_C_HEAD_DOC_COUNT,
	DZ_C_HEAD_FINGERPRINT, DZ_C_HEAD_STATUS, DZ_C_HEAD_RECEIVED,
	DZ_C_HEAD_RECEIVED_DATE, DZ_C_HEAD_RECEIVED_NOTE, DZ_C_HEAD_ANSWERED_AT,
	DZ_C_HEAD_CREATED_AT, DZ_C_HEAD_CREATED_BY, DZ_C_HEAD_DELETED, DZ_C_HEAD_VERSION,
	DZ_C_HEAD_UNDO_STATUS, DZ_C_HEAD_RECON_ID, DZ_C_HEAD_RECON_STATE,
	DZ_C_HEAD_CHAIN_FROM, DZ_C_HEAD_ERP_OPENING, DZ_C_HEAD__N };
/* DZ_SQL_STMT_DOCS */
enum { DZ_C_DOC_VCHCODE, DZ_C_DOC_VCHTYPE, DZ_C_DOC_TYPE, DZ_C_DOC_NUMBER,
	DZ_C_DOC_DATE, DZ_C_DOC_SUMMARY, DZ_C_DOC_AMOUNT, DZ_C_DOC__N };
/* DZ_SQL_STMT_LINES */
enum { DZ_C_LINE_VCHCODE, DZ_C_LINE_SEQ, DZ_C_LINE_CODE, DZ_C_LINE_NAME,
	DZ_C_LINE_UNIT, DZ_C_LINE_QTY, DZ_C_LINE_PRICE, DZ_C_LINE_AMOUNT, DZ_C_LINE__N };
/* DZ_SQL_STMT_LIST*: a history card (the count is DZ_SQL_STMT_COUNT*'s) */
enum { DZ_C_CARD_ID, DZ_C_CARD_CUSTOMER_CODE, DZ_C_CARD_CUSTOMER_NAME, DZ_C_CARD_FROM,
	DZ_C_CARD_TO, DZ_C_CARD_STATUS, DZ_C_CARD_RECEIVED, DZ_C_CARD_DOC_COUNT,
	DZ_C_CARD_CLOSING, DZ_C_CARD_CREATED_AT, DZ_C_CARD_VERSION, DZ_C_CARD_RECON,
	DZ_C_CARD_CHAIN_DIFF,
	DZ_C_CARD__N };
/* DZ_SQL_STMT_EXPORT*: a row of the history's export */
enum { DZ_C_EXP_ID, DZ_C_EXP_CUSTOMER_CODE, DZ_C_EXP_CUSTOMER_NAME, DZ_C_EXP_FROM,
	DZ_C_EXP_TO, DZ_C_EXP_STATUS, DZ_C_EXP_RECEIVED, DZ_C_EXP_CLOSING,
	DZ_C_EXP_DOC_COUNT, DZ_C_EXP_CREATED_AT, DZ_C_EXP_CREATED_BY,
	DZ_C_EXP_ANSWERED_AT, DZ_C_EXP__N };
/* DZ_SQL_STMT_HISTORY: a statement's audit rows */
enum { DZ_C_EVENT_AT, DZ_C_EVENT_USER, DZ_C_EVENT_ACTION, DZ_C_EVENT_DETAIL,
	DZ_C_EVENT_IP, DZ_C_EVENT__N };
/* DZ_SQL_STMT_REOPENED: the last answer, the last 取消确认, the version */
enum { DZ_C_REOPEN_DECISION, DZ_C_REOPEN_DESCRIPTION, DZ_C_REOPEN_SOURCE,
	DZ_C_REOPEN_USER, DZ_C_REOPEN_ANSWERED_AT, DZ_C_REOPEN_AT, DZ_C_REOPEN_VERSION,
	DZ_C_REOPEN__N };
/* DZ_SQL_LINK_LIVE */
enum { DZ_C_LIVE_ID, DZ_C_LIVE_NONCE, DZ_C_LIVE_KEY_ID, DZ_C_LIVE_CREATED_AT,
	DZ_C_LIVE_EXPIRES_AT, DZ_C_LIVE_OPEN_COUNT, DZ_C_LIVE_FIRST_OPENED, DZ_C_LIVE__N };
/* DZ_SQL_LINK_CHECK */
enum { DZ_C_CHECK_LINK, DZ_C_CHECK_RECENT, DZ_C_CHECK_SID, DZ_C_CHECK_VERSION,
	DZ_C_CHECK_EXPIRES, DZ_C_CHECK__N };
/* DZ_SQL_AUDIT_LIST: one row of 操作记录, and the number of matches */
enum { DZ_C_AUDIT_ID, DZ_C_AUDIT_AT, DZ_C_AUDIT_USER, DZ_C_AUDIT_ACTION,
	DZ_C_AUDIT_OBJECT, DZ_C_AUDIT_DETAIL, DZ_C_AUDIT_IP, DZ_C_AUDIT__N };
/* DZ_SQL_REPORT_TURNAROUND: answers timed, by their seconds share to answer */
enum { DZ_C_TURN_SECS, DZ_C_TURN_COUNT, DZ_C_TURN__N };
/* DZ_SQL_REPORT_DISPUTES, DZ_SQL_REPORT_DISPUTES_ONE: by customer */
enum { DZ_C_DISP_CODE, DZ_C_DISP_NAME, DZ_C_DISP_COUNT, DZ_C_DISP_MADE,
	DZ_C_DISP_CLOSING, DZ_C_DISP__N };
/* DZ_SQL_IMP_CODES: the set's imported customers, in byte order */
enum { DZ_C_IMPCODE, DZ_C_IMPCODE_FROM, DZ_C_IMPCODE__N };
/* DZ_SQL_IMP_DOC_FIND: a document as stored */
enum { DZ_C_IMPDOC_VCHCODE, DZ_C_IMPDOC_CUSTOMER, DZ_C_IMPDOC_VCHTYPE, DZ_C_IMPDOC_DATE,
	DZ_C_IMPDOC_TOTAL, DZ_C_IMPDOC_SUMMARY, DZ_C_IMPDOC_VERSION, DZ_C_IMPDOC_SIGN,
	DZ_C_IMPDOC_SENDER, DZ_C_IMPDOC__N };
/* DZ_SQL_IMP_LINES_OF: its goods, in order */
enum { DZ_C_IMPLINE_CODE, DZ_C_IMPLINE_NAME, DZ_C_IMPLINE_UNIT, DZ_C_IMPLINE_QTY,
	DZ_C_IMPLINE_PRICE, DZ_C_IMPLINE_AMOUNT, DZ_C_IMPLINE__N };
/* DZ_SQL_IMP_UPLOAD_PARTS: the files of an upload, by template */
enum { DZ_C_IMPPART_SHEET, DZ_C_IMPPART_NAME, DZ_C_IMPPART_SIZE, DZ_C_IMPPART_SHA,
	DZ_C_IMPPART_CONTENT, DZ_C_IMPPART_AT, DZ_C_IMPPART_SHEET_NO, DZ_C_IMPPART__N };
/* DZ_SQL_IMP_FILES_LIST: the set's imports, newest first */
enum { DZ_C_IMPFILE_ID, DZ_C_IMPFILE_NAME, DZ_C_IMPFILE_SOURCE, DZ_C_IMPFILE_USER,
	DZ_C_IMPFILE_CUSTOMERS, DZ_C_IMPFILE_DOCUMENTS, DZ_C_IMPFILE_LINES, DZ_C_IMPFILE_ADDED,
	DZ_C_IMPFILE_CHANGED, DZ_C_IMPFILE_UNCHANGED, DZ_C_IMPFILE_AT, DZ_C_IMPFILE_SHA,
	DZ_C_IMPFILE__N };
/* DZ_SQL_APIKEY_LIST: a set's keys, newest first */
enum { DZ_C_APIKEY_ID, DZ_C_APIKEY_NAME, DZ_C_APIKEY_PREFIX, DZ_C_APIKEY_BY,
	DZ_C_APIKEY_AT, DZ_C_APIKEY_REVOKED, DZ_C_APIKEY_USED, DZ_C_APIKEY_CALLS,
	DZ_C_APIKEY__N };
/* DZ_SQL_APIKEY_FIND: a key by its hash */
enum { DZ_C_APIFIND_ID, DZ_C_APIFIND_SET, DZ_C_APIFIND_LIVE, DZ_C_APIFIND_IMPORTED,
	DZ_C_APIFIND_PREFIX, DZ_C_APIFIND__N };
/* DZ_SQL_REPORT_TREND: by month */
enum { DZ_C_TREND_MONTH, DZ_C_TREND_MADE, DZ_C_TREND_SHARED, DZ_C_TREND_OPENED,
	DZ_C_TREND_ANSWERED, DZ_C_TREND_AGREED, DZ_C_TREND_DISPUTED, DZ_C_TREND_CLOSING,
	DZ_C_TREND_RECEIVED, DZ_C_TREND_STALE, DZ_C_TREND_STALE_CLOSING, DZ_C_TREND__N };
/* DZ_SQL_REPORT_STATES: statements covering a period, by customer, newest first */
enum { DZ_C_STATE_CUSTOMER, DZ_C_STATE_ID, DZ_C_STATE_STATUS, DZ_C_STATE_FROM,
	DZ_C_STATE_TO, DZ_C_STATE__N };
/* DZ_SQL_REPORT_ANSWERS: statements made in a period, by customer */
enum { DZ_C_ANS_CUSTOMER, DZ_C_ANS_MADE, DZ_C_ANS_ANSWERED, DZ_C_ANS_DISPUTED,
	DZ_C_ANS__N };
/* DZ_SQL_SENDS: one share link made */
enum { DZ_C_SEND_DATE, DZ_C_SEND_TIME, DZ_C_SEND_BY, DZ_C_SEND_SID,
	DZ_C_SEND_CUSTOMER_CODE, DZ_C_SEND_CUSTOMER_NAME, DZ_C_SEND_FROM, DZ_C_SEND_TO,
	DZ_C_SEND_CLOSING, DZ_C_SEND_OPENS, DZ_C_SEND_FIRST_OPENED, DZ_C_SEND_STATUS,
	DZ_C_SEND_REVOKED, DZ_C_SEND_EXPIRED, DZ_C_SEND_ANSWERED, DZ_C_SEND__N };
/* DZ_SQL_FEEDBACK_LIST */
enum { DZ_C_FB_DECISION, DZ_C_FB_DESCRIPTION, DZ_C_FB_SOURCE, DZ_C_FB_USER, DZ_C_FB_AT,
	DZ_C_FB_IP, DZ_C_FB_AGENT, DZ_C_FB_HANDLER, DZ_C_FB_PHONE, DZ_C_FB_POSITION,
	DZ_C_FB_RECON, DZ_C_FB__N };
/* DZ_SQL_KEY_SEALED: a data address sealed with another key than the given one */
enum { DZ_C_SEALED_ID, DZ_C_SEALED_DSN, DZ_C_SEALED__N };
/* DZ_SQL_KEY_USE: what still needs a key id: data addresses, live share links */
enum { DZ_C_KUSE_SETS, DZ_C_KUSE_LINKS, DZ_C_KUSE__N };
/* DZ_SQL_FEEDBACK_LAST: FEEDBACK_LIST's first five */
enum { DZ_C_FBLAST__N = DZ_C_FB_AT + 1 };
/* DZ_SQL_RECON_UPLOAD_FIND: the same file's id (0: none), the statement's files */
enum { DZ_C_UFIND_ID, DZ_C_UFIND_COUNT, DZ_C_UFIND__N };
/* DZ_SQL_RECON_UPLOAD_GET */
enum { DZ_C_UPL_ID, DZ_C_UPL_SOURCE, DZ_C_UPL_FILENAME, DZ_C_UPL_KIND, DZ_C_UPL_ENCODING,
	DZ_C_UPL_SIZE, DZ_C_UPL_SHA256, DZ_C_UPL_NROWS, DZ_C_UPL_NCOLS, DZ_C_UPL_AT,
	DZ_C_UPL_CONTENT, DZ_C_UPL__N };
/* DZ_SQL_CHAIN_PREV */
enum { DZ_C_CHAIN_ID, DZ_C_CHAIN_CLOSING, DZ_C_CHAIN__N };
/* DZ_SQL_STMT_BY_KEY */
enum { DZ_C_BYKEY_ID, DZ_C_BYKEY_RUN, DZ_C_BYKEY__N };
/* DZ_SQL_BULK_GET, DZ_SQL_BULK_LIST */
enum { DZ_C_BULK_ID, DZ_C_BULK_SET, DZ_C_BULK_FROM, DZ_C_BULK_TO, DZ_C_BULK_FILTER,
	DZ_C_BULK_ORIGIN, DZ_C_BULK_SCHED_DAY, DZ_C_BULK_SCHED_MONTHS, DZ_C_BULK_STATE,
	DZ_C_BULK_LISTED, DZ_C_BULK_TOTAL, DZ_C_BULK_MADE, DZ_C_BULK_KEPT,
	DZ_C_BULK_FAILED, DZ_C_BULK_CREATED_BY, DZ_C_BULK_USERNAME, DZ_C_BULK_CREATED_AT,
	DZ_C_BULK_STARTED_AT, DZ_C_BULK_FINISHED_AT, DZ_C_BULK_WORKER,
	DZ_C_BULK_LEASED, DZ_C_BULK_ERROR, DZ_C_BULK__N };
/* DZ_SQL_BULK_PENDING */
enum { DZ_C_PEND_SEQ, DZ_C_PEND_CUSTOMER_ID, DZ_C_PEND_CODE, DZ_C_PEND_NAME,
	DZ_C_PEND_ATTEMPTS, DZ_C_PEND_ERROR, DZ_C_PEND_ERP_CLOSING, DZ_C_PEND_HAS_CLOSING,
	DZ_C_PEND__N };
/* DZ_SQL_BULK_ITEMS */
enum { DZ_C_ITEM_SEQ, DZ_C_ITEM_CUSTOMER_ID, DZ_C_ITEM_CODE, DZ_C_ITEM_NAME,
	DZ_C_ITEM_STATE, DZ_C_ITEM_STMT, DZ_C_ITEM_ERROR, DZ_C_ITEM_CLOSING,
	DZ_C_ITEM_STATUS, DZ_C_ITEM_DELETED, DZ_C_ITEM__N };
/* DZ_SQL_FOLLOWUP */
enum { DZ_C_FOLLOW_ID, DZ_C_FOLLOW_CODE, DZ_C_FOLLOW_NAME, DZ_C_FOLLOW_FROM,
	DZ_C_FOLLOW_TO, DZ_C_FOLLOW_STATUS, DZ_C_FOLLOW_CLOSING, DZ_C_FOLLOW_RECEIVED,
	DZ_C_FOLLOW_AGE, DZ_C_FOLLOW_LINKS, DZ_C_FOLLOW_OPENED, DZ_C_FOLLOW_RECON,
	DZ_C_FOLLOW_DRIFT, DZ_C_FOLLOW__N };
/* DZ_SQL_RDAY_LIST */
enum { DZ_C_RDAY_CUSTOMER_ID, DZ_C_RDAY_CODE, DZ_C_RDAY_NAME, DZ_C_RDAY_DAY,
	DZ_C_RDAY_MONTHS, DZ_C_RDAY__N };
/* DZ_SQL_RDAY_SET_GET, DZ_SQL_RDAY_SCHEDULED */
enum { DZ_C_RSET_ID, DZ_C_RSET_DAY, DZ_C_RSET_MONTHS, DZ_C_RSET_BY, DZ_C_RSET__N };
/* DZ_SQL_RECON_GET */
enum { DZ_C_RECON_ID, DZ_C_RECON_SOURCE, DZ_C_RECON_USER, DZ_C_RECON_METHOD,
	DZ_C_RECON_UPLOAD, DZ_C_RECON_MAP, DZ_C_RECON_OUR_OPENING, DZ_C_RECON_OUR_CLOSING,
	DZ_C_RECON_THEIR_OPENING, DZ_C_RECON_THEIR_CLOSING, DZ_C_RECON_GIVEN,
	DZ_C_RECON_OPENING_DIFF, DZ_C_RECON_D_AMOUNT, DZ_C_RECON_D_TIMING,
	DZ_C_RECON_D_ONLY_OURS, DZ_C_RECON_D_ONLY_THEIRS, DZ_C_RECON_UNEXPLAINED,
	DZ_C_RECON_N_OURS, DZ_C_RECON_N_THEIRS, DZ_C_RECON_N_MATCHED, DZ_C_RECON_N_DIFF,
	DZ_C_RECON_SKIPPED, DZ_C_RECON_AT, DZ_C_RECON_FILENAME, DZ_C_RECON_SHA256,
	DZ_C_RECON__N };
/* DZ_SQL_RECON_LINES */
enum { DZ_C_RLINE_SEQ, DZ_C_RLINE_KIND, DZ_C_RLINE_HOW, DZ_C_RLINE_TIE,
	DZ_C_RLINE_OUR_NUMBERS, DZ_C_RLINE_OUR_DATE, DZ_C_RLINE_OUR_AMOUNT,
	DZ_C_RLINE_THEIR_REF, DZ_C_RLINE_THEIR_MEMO, DZ_C_RLINE_THEIR_DATE,
	DZ_C_RLINE_THEIR_ROWS, DZ_C_RLINE_THEIR_AMOUNT, DZ_C_RLINE_DELTA,
	DZ_C_RLINE_RES_ACTION, DZ_C_RLINE_RES_NOTE, DZ_C_RLINE_RES_USER, DZ_C_RLINE_RES_AT,
	DZ_C_RLINE__N };

/* DZ_SQL_DRIFT_LAST: a statement's last ERP drift check */
enum { DZ_C_DRIFT_ID, DZ_C_DRIFT_SOURCE, DZ_C_DRIFT_USER, DZ_C_DRIFT_RESULT,
	DZ_C_DRIFT_STMT_FP, DZ_C_DRIFT_ERP_FP, DZ_C_DRIFT_ERP_CLOSING,
	DZ_C_DRIFT_ERP_DOCS, DZ_C_DRIFT_N, DZ_C_DRIFT_AT, DZ_C_DRIFT_STATE, DZ_C_DRIFT__N };
/* DZ_SQL_DRIFT_CHANGES */
enum { DZ_C_DCH_SEQ, DZ_C_DCH_KIND, DZ_C_DCH_VCHCODE, DZ_C_DCH_NUMBER, DZ_C_DCH_DATE,
	DZ_C_DCH_BEFORE, DZ_C_DCH_AFTER, DZ_C_DCH__N };
/* DZ_SQL_DRIFT_MARKS, DZ_SQL_DRIFT_SETS, DZ_SQL_DRIFT_OPEN_IDS: ids (DZ_C_ID__N) */
/* DZ_SQL_NOTICE_LIST: a notice with its statement, newest first */
enum { DZ_C_NOTE_ID, DZ_C_NOTE_AT, DZ_C_NOTE_KIND, DZ_C_NOTE_READ, DZ_C_NOTE_SID,
	DZ_C_NOTE_CUSTOMER, DZ_C_NOTE_FROM, DZ_C_NOTE_TO, DZ_C_NOTE_CLOSING, DZ_C_NOTE__N };
/* DZ_SQL_NOTICE_LIST_DELIVERIES: the outbox rows of a page of notices */
enum { DZ_C_DLV_ID, DZ_C_DLV_NOTICE, DZ_C_DLV_CHANNEL, DZ_C_DLV_STATE,
	DZ_C_DLV_ATTEMPTS, DZ_C_DLV_NEXT_AT, DZ_C_DLV_ERROR, DZ_C_DLV_STALE, DZ_C_DLV__N };
/* DZ_SQL_NOTIFY_CHAN_GET: an account set's channels */
enum { DZ_C_CHAN_CHANNEL, DZ_C_CHAN_ENABLED, DZ_C_CHAN_FORMAT, DZ_C_CHAN_URL,
	DZ_C_CHAN_FROM, DZ_C_CHAN_TO, DZ_C_CHAN_USER, DZ_C_CHAN_SECRET, DZ_C_CHAN_VERSION,
	DZ_C_CHAN__N };
/* DZ_SQL_DELIVERY_DUE */
enum { DZ_C_DUE_ID, DZ_C_DUE_NOTICE, DZ_C_DUE_SET, DZ_C_DUE_CHANNEL, DZ_C_DUE_ATTEMPTS,
	DZ_C_DUE__N };
/* DZ_SQL_DELIVERY_NOTICE: what a notice says */
enum { DZ_C_DN_KIND, DZ_C_DN_CUSTOMER, DZ_C_DN_FROM, DZ_C_DN_TO, DZ_C_DN_CLOSING,
	DZ_C_DN_AT, DZ_C_DN_COMPANY, DZ_C_DN_SID, DZ_C_DN__N };
/* DZ_SQL_NOTIFY_KEY_SEALED: a channel's secret sealed with another key */
enum { DZ_C_NSEALED_SET, DZ_C_NSEALED_CHANNEL, DZ_C_NSEALED_SECRET, DZ_C_NSEALED__N };
/* DZ_SQL_ROBOT_WINDOW: attempts in the last 60 s, the oldest one's age in s */
enum { DZ_C_WIN_COUNT, DZ_C_WIN_AGE, DZ_C_WIN__N };

enum dz_dbt {
	DZ_DB_NULL,
	DZ_DB_INT,
	DZ_DB_STR,
	DZ_DB_BLOB,
	DZ_DB__MAX
};

/* Rows per multi-row INSERT of statement documents and goods lines. */
#define DZ_DB_BATCH	32

/* One bound parameter. Strings and blobs are borrowed for the call. */
struct dz_dbarg {
	enum dz_dbt	 t;
	long long	 i;
	const void	*p;
	size_t		 n;
};

#define DZ_A_NULL	((struct dz_dbarg){ DZ_DB_NULL, 0, NULL, 0 })
#define DZ_A_INT(x)	((struct dz_dbarg){ DZ_DB_INT, (long long)(x), NULL, 0 })
#define DZ_A_STR(s)	((struct dz_dbarg){ DZ_DB_STR, 0, (s), strlen(s) })
#define DZ_A_STRN(s, l)	((struct dz_dbarg){ DZ_DB_STR, 0, (s), (l) })
#define DZ_A_BLOB(b, l)	((struct dz_dbarg){ DZ_DB_BLOB, 0, (b), (l) })

/* A whole result in memory: cell(r, c) is NUL-terminated, NULL for SQL NULL. */
struct dz_rows {
	size_t	  nrows;
	size_t	  ncols;
	char	**cell;
	size_t	 *len;
};

/* Create the handle (no connection yet). conf must outlive it. */
enum dz_err	 dz_db_open(struct dz_db **, const struct dz_conf *);
/*
 * dz-admin migrate and restore: no lock-wait or statement time bounds, and
 * the connection takes multi-statement scripts (dz_db_script). A handle
 * without it (every web program) is refused a second statement.
 */
void		 dz_db_unbounded(struct dz_db *);
void		 dz_db_close(struct dz_db *);

/* Run a statement that returns rows; *rows is filled (free with dz_db_rows_free). */
enum dz_err	 dz_db_query(struct dz_db *, enum dz_sql, const struct dz_dbarg *,
		    size_t nargs, struct dz_rows *);
/* Run a statement that returns none; affected / insert_id may be NULL. */
enum dz_err	 dz_db_exec(struct dz_db *, enum dz_sql, const struct dz_dbarg *,
		    size_t nargs, unsigned long long *affected, unsigned long long *insert_id);

#define DZ_DB_NARGS(...) (sizeof((struct dz_dbarg[]){ __VA_ARGS__ }) / sizeof(struct dz_dbarg))
/* dz_db_q(db, DZ_SQL_X, &rows, DZ_A_INT(1), DZ_A_STR(s)) */
#define dz_db_q(db, q, rows, ...) \
	dz_db_query((db), (q), (struct dz_dbarg[]){ __VA_ARGS__ }, DZ_DB_NARGS(__VA_ARGS__), (rows))
#define dz_db_x(db, q, aff, id, ...) \
	dz_db_exec((db), (q), (struct dz_dbarg[]){ __VA_ARGS__ }, DZ_DB_NARGS(__VA_ARGS__), (aff), (id))

/*
 * Run a statement that returns one row: DZ_ERR_NOTFOUND (nothing kept)
 * when it returns none or several, else *rows holds it.
 */
enum dz_err	 dz_db_one(struct dz_db *, enum dz_sql, const struct dz_dbarg *,
		    size_t nargs, struct dz_rows *);
#define dz_db_q1(db, q, rows, ...) \
	dz_db_one((db), (q), (struct dz_dbarg[]){ __VA_ARGS__ }, DZ_DB_NARGS(__VA_ARGS__), (rows))

const char	*dz_db_cell(const struct dz_rows *, size_t r, size_t c);
size_t		 dz_db_cell_len(const struct dz_rows *, size_t r, size_t c);
long long	 dz_db_cell_int(const struct dz_rows *, size_t r, size_t c);
void		 dz_db_rows_free(struct dz_rows *);

/*
 * Rows into structs by a table: how each result column (by its name from
 * the enums above) lands in a field. One table per struct, beside the
 * function that reads it; DZ_CELL_* below name the conversions.
 */
enum dz_cellt {
	DZ_CELL_STR,		/* copied into a char[] (cut to fit; NULL is "") */
	DZ_CELL_DUP,		/* a malloc'd copy into a char * (the caller frees) */
	DZ_CELL_INT,		/* long long */
	DZ_CELL_BOOL,		/* int, 1 when the cell is not 0 */
	DZ_CELL_MONEY,		/* int64_t fen from DECIMAL(18,2) (0 for NULL) */
	DZ_CELL_FN		/* conv(cell, field): the caller's conversion */
};

struct dz_cellmap {
	int		 col;
	enum dz_cellt	 t;
	size_t		 off;		/* offsetof the field */
	size_t		 sz;		/* the field's size (DZ_CELL_STR) */
	void		(*conv)(const char *, void *);
};

#define DZ_CELL(c, type, f, t) \
	{ (c), (t), offsetof(type, f), sizeof(((type *)0)->f), NULL }
#define DZ_CELL_CONV(c, type, f, fn) \
	{ (c), DZ_CELL_FN, offsetof(type, f), sizeof(((type *)0)->f), (fn) }

/* Fill dst from row r by map. DZ_ERR_NOMEM when a DZ_CELL_DUP copy fails. */
enum dz_err	 dz_db_fill(const struct dz_rows *, size_t r, void *dst,
		    const struct dz_cellmap *, size_t nmap);

/*
 * Run q and return its rows as an array of *n structs of elsz bytes, each
 * filled by map (*out NULL when there are none; free() it, and first any
 * DZ_CELL_DUP fields).
 */
enum dz_err	 dz_db_list(struct dz_db *, enum dz_sql, const struct dz_dbarg *,
		    size_t nargs, const struct dz_cellmap *, size_t nmap, size_t elsz,
		    void **out, size_t *n);

/* Transactions: begin turns autocommit off until commit or rollback. */
enum dz_err	 dz_db_begin(struct dz_db *);
enum dz_err	 dz_db_commit(struct dz_db *);
void		 dz_db_rollback(struct dz_db *);
/*
 * Did the last statement end in a deadlock (1213, on a Galera cluster also
 * a commit that lost to another node's), or did its node refuse to serve
 * (1047: the connection has moved to the next of DB.Host's nodes)? Either
 * way nothing of the transaction was kept; it may be tried again as a
 * fresh one.
 */
int		 dz_db_deadlocked(const struct dz_db *);
/*
 * After one try of a transaction ended rc: 1 when it may be tried again
 * (DZ_ERR_DB and dz_db_deadlocked) and fewer than DZ_DB_TRIES tries were
 * counted in *tries (start it at 0), after a pause of 1-8 ms times the
 * tries so far, so that two that lost to each other do not meet again at
 * once; 0 to stop (eight: twenty changes of one set at once over two
 * Galera nodes lost three times running, t/cluster/025). The one loop of
 * every transaction that may lose:
 *	do rc = once(db, ...); while (dz_db_again(db, rc, &tries));
 */
#define DZ_DB_TRIES	8
int		 dz_db_again(const struct dz_db *, enum dz_err rc, int *tries);

/* Was the last failure a duplicate key (1062)? */
int		 dz_db_dup_key(const struct dz_db *);

/*
 * Prepare statement q afresh and compare its parameters and result columns
 * with what the table declares; why says what was found either way (for
 * the test that keeps SQL and C from drifting apart).
 */
enum dz_err	 dz_db_check(struct dz_db *, enum dz_sql, char *why, size_t whysz);

/*
 * Run a whole SQL script (several statements) outside the statement table:
 * for dz-admin's migrations only, never with request data.
 */
enum dz_err	 dz_db_script(struct dz_db *, const char *sql);

#endif
