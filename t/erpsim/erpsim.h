/*
 * erpsim.h: the server's configuration and per-connection session state,
 * shared by erpsim.c (listener, login, dispatch) and exec.c (queries).
 */
#ifndef ERPSIM_H
#define ERPSIM_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include <sqlite3.h>

#include "tds.h"
#include "types.h"
#include "login.h"

/* One column of one table: for typing SUM(col) and friends. */
struct colmap_ent {
	char		*name;
	char		*decl;
};

struct server {
	const char	*dbpath;
	const char	*user;
	const char	*password;
	int		 tdsmax;
	int		 delay_ms;
	int		 hang;
	FILE		*log;
	pthread_mutex_t	 loglock;
	char		 dbname[128];	/* erpsim_meta 'database' */
	const struct tds_server_id *id;
	struct colmap_ent *cols;
	size_t		 ncols;
};

struct prep {
	int32_t		 handle;
	char		*defs;
	char		*stmt;
};

struct session {
	struct tds_conn	 c;
	struct server	*srv;
	sqlite3		*db;
	struct types_conv cv;
	char		 user[128];
	char		 app[128];
	char		 dbname[128];	/* current database */
	char		 logindb[128];	/* database chosen at login */
	int		 nocount;
	int64_t		 rowcount;
	struct prep	*preps;
	int		 nprep;
	int32_t		 nexthandle;
	/* DONE of the last statement, held back until we know if more follow */
	int		 pending;
	uint16_t	 pstatus;
	uint16_t	 pcurcmd;
	uint64_t	 pcount;
};

/* Runs a SQL batch message payload and sends the whole reply. */
void	exec_batch(struct session *, const uint8_t *, size_t);
/* Runs an RPC message payload and sends the whole reply. */
void	exec_rpc(struct session *, const uint8_t *, size_t);
/* SQLite progress handler: non-zero (interrupt) once an attention came. */
int	exec_progress(void *session);
/* Frees the prepared-statement table. */
void	exec_free(struct session *);
/* Appends a line to --log (thread safe); never given a password. */
void	erpsim_log(struct session *, const char *kind, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Declared type of a column name in any table (sqlrw_decl_fn). */
const char *erpsim_decl(void *srv, const char *col);

#endif
