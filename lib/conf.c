#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ClearSilver.h"

#include "dz.h"
#include "clock.h"
#include "conf.h"
#include "log.h"
#include "month.h"

#ifndef DZ_SYSCONFDIR
#define DZ_SYSCONFDIR "/etc/duizhang"
#endif
#ifndef DZ_DATADIR
#define DZ_DATADIR "/usr/share/duizhang"
#endif

static int
copy_str(HDF *hdf, const char *name, const char *def, char *dst, size_t dstsz)
{
	const char	*v;

	v = hdf_get_value(hdf, name, def);
	if (strlen(v) >= dstsz) {
		dz_log_err("config: %s is too long", name);
		return -1;
	}
	strcpy(dst, v);
	return 0;
}

static int
get_int(HDF *hdf, const char *name, int def, int min, int max, int *dst)
{
	const char	*v;
	char		*end;
	long		 l;

	v = hdf_get_value(hdf, name, NULL);
	if (v == NULL) {
		*dst = def;
		return 0;
	}
	l = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || l < min || l > max) {
		dz_log_err("config: %s must be a number from %d to %d", name, min, max);
		return -1;
	}
	*dst = (int)l;
	return 0;
}

/*
 * A host at p: a bracketed IPv6 address, or a name of letters, digits,
 * '.' and '-' (and '_' when underscore), neither starting nor ending with
 * '.' or '-'. Sets *h and *he to the host's bounds (inside the brackets)
 * and returns what follows it, or NULL when there is no such host.
 */
static const char *
host_part(const char *p, int underscore, const char **h, const char **he)
{
	const char	*q = p;

	if (*q == '[') {
		for (q++; (*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f') ||
		    (*q >= 'A' && *q <= 'F') || *q == ':' || *q == '.'; q++)
			;
		if (*q != ']' || q == p + 1)
			return NULL;
		*h = p + 1;
		*he = q;
		return q + 1;
	}
	for (; (*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z') ||
	    (*q >= 'A' && *q <= 'Z') || *q == '.' || *q == '-' ||
	    (underscore && *q == '_'); q++)
		;
	if (q == p || *p == '.' || *p == '-' || q[-1] == '.' || q[-1] == '-')
		return NULL;
	*h = p;
	*he = q;
	return q;
}

/* ":port" (1-65535) at *p, moved past; 0 without one, -1 when malformed. */
static int
port_part(const char **p, long *port)
{
	const char	*q = *p;
	size_t		 k;

	if (*q != ':')
		return 0;
	*port = 0;
	for (k = 0, q++; *q >= '0' && *q <= '9' && k < 6; q++, k++)
		*port = *port * 10 + (*q - '0');
	if (k == 0 || k > 5 || *port < 1 || *port > 65535)
		return -1;
	*p = q;
	return 0;
}

int
dz_conf_db_nodes(const char *list, int defport, struct dz_db_node *out, size_t max,
    size_t *n)
{
	const char	*p = list, *h, *he;
	long		 port;
	size_t		 colons = 0, k;

	*n = 0;
	/* One IPv6 address without brackets, as DB.Host took before it took
	 * a list ("::1", "fe80::1%eth0"): the whole value, DB.Port's port. */
	for (k = 0; list[k] != '\0'; k++)
		colons += list[k] == ':';
	if (colons >= 2 && strpbrk(list, ",[] \t") == NULL) {
		for (k = 0; list[k] != '\0'; k++)
			if (!((list[k] >= '0' && list[k] <= '9') || (list[k] >= 'a' && list[k] <= 'z') ||
			    (list[k] >= 'A' && list[k] <= 'Z') || list[k] == ':' || list[k] == '.' ||
			    list[k] == '%'))
				return -1;
		if (max < 1 || k >= sizeof(out[0].host))
			return -1;
		memcpy(out[0].host, list, k + 1);
		out[0].port = defport;
		*n = 1;
		return 0;
	}
	for (;;) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if ((p = host_part(p, 1, &h, &he)) == NULL)
			return -1;
		port = defport;
		if (port_part(&p, &port) != 0)
			return -1;
		if (*p != '\0' && *p != ',' && *p != ' ' && *p != '\t')
			return -1;
		if (*n >= max || (size_t)(he - h) >= sizeof(out[0].host))
			return -1;
		memcpy(out[*n].host, h, (size_t)(he - h));
		out[*n].host[he - h] = '\0';
		out[*n].port = (int)port;
		(*n)++;
	}
	return *n > 0 ? 0 : -1;
}

int
dz_conf_public_base(const char *in, char *out, size_t outsz)
{
	const char	*p, *h, *he;
	size_t		 n;
	long		 port;

	if (outsz > 0)
		out[0] = '\0';
	if (strncmp(in, "https://", 8) != 0)
		return -1;
	if ((p = host_part(in + 8, 0, &h, &he)) == NULL || port_part(&p, &port) != 0)
		return -1;
	n = (size_t)(p - in);
	if (*p == '/')
		p++;
	if (*p != '\0' || n >= outsz)
		return -1;
	memcpy(out, in, n);
	out[n] = '\0';
	return 0;
}

enum dz_err
dz_conf_load(struct dz_conf *c, const char *path)
{
	HDF		*hdf = NULL;
	NEOERR		*err;
	enum dz_err	 rc = DZ_ERR_INVAL;
	int		 body;
	char		 base[256], ladder[64];

	memset(c, 0, sizeof(*c));
	if (path == NULL)
		path = getenv("DZ_CONF");
	if (path == NULL || *path == '\0')
		path = DZ_SYSCONFDIR "/duizhang.conf";
	if (strlen(path) >= sizeof(c->path)) {
		dz_log_err("config: path too long");
		return DZ_ERR_INVAL;
	}
	strcpy(c->path, path);

	if ((err = hdf_init(&hdf)) != STATUS_OK)
		goto neo;
	if ((err = hdf_read_file(hdf, path)) != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		dz_log_err("config: cannot read %s", path);
		rc = DZ_ERR_IO;
		goto out;
	}
	if (copy_str(hdf, "DB.Socket", "", c->db_socket, sizeof(c->db_socket)) ||
	    copy_str(hdf, "DB.Host", "", c->db_host, sizeof(c->db_host)) ||
	    copy_str(hdf, "DB.Name", "duizhang", c->db_name, sizeof(c->db_name)) ||
	    copy_str(hdf, "DB.User", "duizhang", c->db_user, sizeof(c->db_user)) ||
	    copy_str(hdf, "DB.Password", "", c->db_password, sizeof(c->db_password)) ||
	    copy_str(hdf, "Paths.Data", DZ_DATADIR, c->data_dir, sizeof(c->data_dir)) ||
	    copy_str(hdf, "Paths.KeyFile", DZ_SYSCONFDIR "/key/master.key",
	        c->key_file, sizeof(c->key_file)) ||
	    copy_str(hdf, "Log.Level", "info", c->log_level, sizeof(c->log_level)) ||
	    copy_str(hdf, "Time.Zone", DZ_ZONE_DEFAULT, c->time_zone,
	        sizeof(c->time_zone)) ||
	    copy_str(hdf, "Cache.ChangeFile", "", c->change_file,
	        sizeof(c->change_file)) ||
	    copy_str(hdf, "Month.Worker", DZ_SBINDIR "/dz-admin", c->month_worker,
	        sizeof(c->month_worker)) ||
	    get_int(hdf, "Cache.RecheckMs", 1000, 0, 60000, &c->recheck_ms) ||
	    get_int(hdf, "DB.Port", 3306, 1, 65535, &c->db_port) ||
	    get_int(hdf, "DB.SyncWait", 0, 0, 15, &c->db_sync_wait) ||
	    get_int(hdf, "DB.ConnectTimeout", 3, 1, 60, &c->db_connect_timeout) ||
	    get_int(hdf, "DB.ReadTimeout", 10, 1, 300, &c->db_read_timeout) ||
	    get_int(hdf, "DB.WriteTimeout", 10, 1, 300, &c->db_write_timeout) ||
	    get_int(hdf, "DB.LockWaitTimeout", 5, 1, 300, &c->db_lock_wait) ||
	    get_int(hdf, "DB.TripSeconds", 3, 0, 300, &c->db_trip) ||
	    get_int(hdf, "Session.IdleMinutes", 30, 1, 24 * 60, &c->session_idle_min) ||
	    get_int(hdf, "Session.AbsoluteHours", 12, 1, 24 * 30, &c->session_abs_hours) ||
	    get_int(hdf, "Form.MaxBody", 524288, 1024, 16 * 1024 * 1024, &body) ||
	    get_int(hdf, "ERP.LoginTimeout", 5, 1, 60, &c->erp_login_timeout) ||
	    get_int(hdf, "ERP.QueryTimeout", 15, 1, 120, &c->erp_query_timeout) ||
	    copy_str(hdf, "ERP.StateDir", "", c->erp_state_dir,
	        sizeof(c->erp_state_dir)) ||
	    get_int(hdf, "ERP.MaxPerTarget", 1, 1, 16, &c->erp_max_per_target) ||
	    get_int(hdf, "ERP.BreakSeconds", 4, 1, 3600, &c->erp_break_s) ||
	    get_int(hdf, "App.QueueSeconds", 25, 0, 3600, &c->queue_s) ||
	    get_int(hdf, "Share.ExpiryDays", 30, 1, 3650, &c->share_expiry_days) ||
	    copy_str(hdf, "Notify.CAFile", "", c->notify_cafile, sizeof(c->notify_cafile)) ||
	    copy_str(hdf, "Notify.TestHost", "", c->notify_test_host,
	        sizeof(c->notify_test_host)) ||
	    get_int(hdf, "Notify.TimeoutSeconds", 10, 1, 60, &c->notify_timeout_s) ||
	    get_int(hdf, "Notify.MaxAttempts", 8, 1, 50, &c->notify_max_attempts))
		goto out;
	c->form_max_body = body;
	if (copy_str(hdf, "App.PublicBase", "", base, sizeof(base)))
		goto out;
	if (base[0] != '\0' && dz_conf_public_base(base, c->public_base,
	    sizeof(c->public_base)) != 0) {
		dz_log_err("config: App.PublicBase must be https://host or "
		    "https://host:port, the address customers open (no path)");
		goto out;
	}
	if (copy_str(hdf, "Remind.Ladder", "3,7,15", ladder, sizeof(ladder)))
		goto out;
	if (dz_month_ladder(ladder, c->remind_ladder, &c->remind_rungs) != 0) {
		dz_log_err("config: Remind.Ladder must be rising whole days, e.g. 3,7,15");
		goto out;
	}
	if (c->db_socket[0] == '\0' && c->db_host[0] == '\0') {
		dz_log_err("config: set DB.Socket or DB.Host");
		goto out;
	}
	if (c->db_socket[0] == '\0' && dz_conf_db_nodes(c->db_host, c->db_port,
	    c->db_nodes, DZ_NELEM(c->db_nodes), &c->db_nnodes) != 0) {
		dz_log_err("config: DB.Host must be host[:port], or up to %zu of them "
		    "separated by commas", DZ_NELEM(c->db_nodes));
		goto out;
	}
	rc = DZ_OK;
	goto out;
neo:
	nerr_log_error(err);
	nerr_ignore(&err);
	rc = DZ_ERR_NOMEM;
out:
	/* The HDF held the DB password too. */
	hdf_destroy(&hdf);
	return rc;
}

void
dz_conf_clear(struct dz_conf *c)
{
	dz_wipe(c->db_password, sizeof(c->db_password));
}
