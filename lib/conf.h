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
	/*
	 * DB.Host: one server or a list of them, "host[:port]" separated by
	 * commas or spaces (the nodes of a Galera cluster, the nearest first):
	 * lib/db stays on the node that answers and moves to the next one in
	 * the list when it is gone or refuses (lib/db.h).
	 */
	char	 db_host[512];
	struct dz_db_node {
		char	 host[128];
		int	 port;
	}	 db_nodes[8];		/* DZ_DB_NODES_MAX */
	size_t	 db_nnodes;
	int	 db_port;		/* DB.Port: a node's port when it names none */
	int	 db_sync_wait;		/* DB.SyncWait: Galera's wsrep_sync_wait, 0 = off */
	char	 db_name[64];
	char	 db_user[64];
	char	 db_password[128];
	int	 db_connect_timeout;
	int	 db_read_timeout;
	int	 db_write_timeout;
	int	 db_lock_wait;		/* DB.LockWaitTimeout, s */
	int	 db_trip;		/* DB.TripSeconds: a timed-out statement fails fast */
	/* files */
	char	 data_dir[256];		/* templates/, lang/, erp/, schema/ */
	char	 key_file[256];
	/* policy */
	int	 session_idle_min;
	int	 session_abs_hours;
	long	 form_max_body;
	int	 erp_login_timeout;
	int	 erp_query_timeout;
	char	 erp_state_dir[256];	/* ERP.StateDir: the guard's files */
	int	 erp_max_per_target;	/* ERP.MaxPerTarget */
	int	 erp_break_s;		/* ERP.BreakSeconds */
	int	 queue_s;		/* App.QueueSeconds: older requests are dropped */
	/* App.PublicBase: "https://host[:port]", no trailing '/'; "" = unset */
	char	 public_base[256];
	int	 share_expiry_days;
	char	 time_zone[64];		/* the business's: what "today" is (lib/clock) */
	/* caches (lib/changes, lib/linkcache) */
	char	 change_file[256];	/* "" = no change counter: no link cache */
	int	 recheck_ms;		/* longest a kept link goes unchecked */
	/* Month.Worker: the dz-admin dz-month starts for a new bulk run
	 * ("": none, the timer's runs only) */
	char	 month_worker[256];
	/* Remind.Ladder: 待跟进's days, "3,7,15" (lib/month dz_month_ladder) */
	int	 remind_ladder[6];	/* DZ_LADDER_MAX */
	size_t	 remind_rungs;
	char	 log_level[16];
	/* notices sent out (lib/notify_send, dz-admin notify) */
	char	 notify_cafile[256];	/* Notify.CAFile: CA bundle, "" = the system's */
	/* Notify.TestHost: a test-only allowance (lib/notify.h): this host
	 * may stand in for the robot's, and its smtp:// needs no STARTTLS */
	char	 notify_test_host[128];
	int	 notify_timeout_s;	/* Notify.TimeoutSeconds: one send */
	int	 notify_max_attempts;	/* Notify.MaxAttempts: then failed */
};

/*
 * Read the configuration from path (NULL: $DZ_CONF or the default).
 * Missing keys take defaults; a missing or unreadable file, or a value out
 * of range, is DZ_ERR_IO / DZ_ERR_INVAL with a logged reason.
 */
enum dz_err	 dz_conf_load(struct dz_conf *, const char *path);

/*
 * Check an App.PublicBase value and copy it to out without a trailing '/':
 * "https://" then a host name (letters, digits, '.', '-') or a bracketed
 * IPv6 address, then an optional ":port" (1-65535); no user, path, query
 * or fragment. 0, or -1 (out emptied) when the value is not such a base.
 */
int		 dz_conf_public_base(const char *in, char *out, size_t outsz);

/*
 * Split a DB.Host list into nodes: "host[:port]" items (host: letters,
 * digits, '.', '-', '_', or a bracketed IPv6 address) separated by commas
 * and/or spaces; an item without a port takes defport; a lone IPv6
 * address may go without brackets (then DB.Port's). 0 with *n set, or
 * -1 when an item is malformed, there are more than max, or none.
 */
#define DZ_DB_NODES_MAX	8
int		 dz_conf_db_nodes(const char *list, int defport, struct dz_db_node *out,
		    size_t max, size_t *n);

/* Wipe the secrets held in the struct. */
void		 dz_conf_clear(struct dz_conf *);

#endif
