#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ClearSilver.h"

#include "dz.h"
#include "clock.h"
#include "conf.h"
#include "log.h"

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

enum dz_err
dz_conf_load(struct dz_conf *c, const char *path)
{
	HDF		*hdf = NULL;
	NEOERR		*err;
	enum dz_err	 rc = DZ_ERR_INVAL;
	int		 body;

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
	    copy_str(hdf, "Paths.KeyFile", DZ_SYSCONFDIR "/master.key",
	        c->key_file, sizeof(c->key_file)) ||
	    copy_str(hdf, "Log.Level", "info", c->log_level, sizeof(c->log_level)) ||
	    copy_str(hdf, "Time.Zone", DZ_ZONE_DEFAULT, c->time_zone,
	        sizeof(c->time_zone)) ||
	    copy_str(hdf, "Cache.ChangeFile", "", c->change_file,
	        sizeof(c->change_file)) ||
	    get_int(hdf, "Cache.RecheckMs", 1000, 0, 60000, &c->recheck_ms) ||
	    get_int(hdf, "DB.Port", 3306, 1, 65535, &c->db_port) ||
	    get_int(hdf, "DB.ConnectTimeout", 3, 1, 60, &c->db_connect_timeout) ||
	    get_int(hdf, "DB.ReadTimeout", 10, 1, 300, &c->db_read_timeout) ||
	    get_int(hdf, "DB.WriteTimeout", 10, 1, 300, &c->db_write_timeout) ||
	    get_int(hdf, "Session.IdleMinutes", 30, 1, 24 * 60, &c->session_idle_min) ||
	    get_int(hdf, "Session.AbsoluteHours", 12, 1, 24 * 30, &c->session_abs_hours) ||
	    get_int(hdf, "Form.MaxBody", 65536, 1024, 16 * 1024 * 1024, &body) ||
	    get_int(hdf, "ERP.LoginTimeout", 5, 1, 60, &c->erp_login_timeout) ||
	    get_int(hdf, "ERP.QueryTimeout", 15, 1, 120, &c->erp_query_timeout) ||
	    get_int(hdf, "Share.ExpiryDays", 30, 1, 3650, &c->share_expiry_days))
		goto out;
	c->form_max_body = body;
	if (c->db_socket[0] == '\0' && c->db_host[0] == '\0') {
		dz_log_err("config: set DB.Socket or DB.Host");
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
