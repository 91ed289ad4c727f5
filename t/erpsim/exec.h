/*
 * exec.h: the SQL engine and the session state it runs on. erpsim.c owns
 * the server (options, catalog, log) and one session per connection: it
 * logs the client in and hands every batch and RPC to exec_batch and
 * exec_rpc, which run it on the session's SQLite handle and send the
 * reply. The graph is one-way: exec.c calls tds, types, sqlrw, rpc,
 * catalog and logfile, never erpsim.c, so the engine links without main
 * (t/erpsim/unit-exec.c runs queries through it that way).
 */
#ifndef ERPSIM_EXEC_H
#define ERPSIM_EXEC_H

#include <stdint.h>

#include <sqlite3.h>

#include "tds.h"
#include "types.h"
#include "catalog.h"
#include "logfile.h"

struct tds_server_id;
struct prep;

/* What every session shares; set up by main, read-only once serving. */
struct tls_server;

struct server {
	const char	*dbpath;
	struct tls_server *tls;		/* --tls-cert: TDS encryption offered */
	int		 tls_require;	/* --tls-require: no clear-text login */
	const char	*user;
	const char	*password;
	int		 tdsmax;
	int		 delay_ms;
	int		 hang;
	int		 silent;	/* --silent: accept, read, never answer (not even the prelogin) */
	struct logfile	 log;
	struct catalog	 cat;
	const struct tds_server_id *id;
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
	int		 enc;		/* what PRELOGIN agreed: TDS_ENC_* */
	struct prep	*preps;		/* exec.c's prepared statements */
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

#endif
