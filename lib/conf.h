/*
 * conf.h: the configuration file (HDF), read once per process.
 * The file is named by $DZ_CONF, else DZ_SYSCONFDIR/duizhang.conf.
 */
#ifndef DZ_CONF_H
#define DZ_CONF_H

#include "dz.h"

struct dz_conf {
	char	 path[512];
	/* MariaDB */
	char	 db_socket[256];
	char	 db_host[128];
	int	 db_port;
	char	 db_name[64];
	char	 db_user[64];
	char	 db_password[128];
	int	 db_connect_timeout;
	int	 db_read_timeout;
	int	 db_write_timeout;
	/* files */
	char	 data_dir[256];		/* templates/, lang/, erp/, schema/ */
	char	 key_file[256];
	/* policy */
	int	 session_idle_min;
	int	 session_abs_hours;
	long	 form_max_body;
	int	 erp_login_timeout;
	int	 erp_query_timeout;
	int	 share_expiry_days;
	char	 time_zone[64];		/* the business's: what "today" is (lib/clock) */
	/* caches (lib/changes, lib/linkcache) */
	char	 change_file[256];	/* "" = no change counter: no link cache */
	int	 recheck_ms;		/* longest a kept link goes unchecked */
	char	 log_level[16];
};

/*
 * Read the configuration from path (NULL: $DZ_CONF or the default).
 * Missing keys take defaults; a missing or unreadable file, or a value out
 * of range, is DZ_ERR_IO / DZ_ERR_INVAL with a logged reason.
 */
enum dz_err	 dz_conf_load(struct dz_conf *, const char *path);

/* Wipe the secrets held in the struct. */
void		 dz_conf_clear(struct dz_conf *);

#endif
