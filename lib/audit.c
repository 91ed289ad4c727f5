#include "config.h"

#include <string.h>

#include "dz.h"
#include "db.h"
#include "audit.h"
#include "utf8.h"

/* Keep within the column widths rather than fail a whole transaction. */
static size_t
fit(const char *s, size_t max)
{
	return s != NULL ? dz_utf8_fit(s, strlen(s), max) : 0;
}

enum dz_err
dz_audit(struct dz_db *db, long long user_id, const char *username,
    const char *action, const char *object, const char *detail, const char *ip)
{
	return dz_db_x(db, DZ_SQL_AUDIT_INSERT, NULL, NULL,
	    user_id > 0 ? DZ_A_INT(user_id) : DZ_A_NULL,
	    DZ_A_STRN(username != NULL ? username : "", fit(username, 64)),
	    DZ_A_STRN(action, fit(action, 32)),
	    DZ_A_STRN(object != NULL ? object : "", fit(object, 64)),
	    DZ_A_STRN(detail != NULL ? detail : "", fit(detail, 1000)),
	    DZ_A_STRN(ip != NULL ? ip : "", fit(ip, 45)));
}
