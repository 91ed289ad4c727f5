/*
 * audit.h: the audit trail. Every sign-in, failed sign-in, sign-out, user
 * change and password change (and later every statement action) is a row
 * of audit_log. Never pass a password or a token in detail.
 */
#ifndef DZ_AUDIT_H
#define DZ_AUDIT_H

#include "dz.h"

struct dz_db;

/*
 * Append one row. user_id 0 means none; username, object, detail and ip
 * may be NULL. Returns DZ_ERR_DB on failure (the caller decides whether
 * that aborts its transaction).
 */
enum dz_err	 dz_audit(struct dz_db *, long long user_id, const char *username,
		    const char *action, const char *object, const char *detail,
		    const char *ip);

#endif
