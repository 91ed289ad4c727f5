/*
 * erpsim: a TDS 7.1-7.4 server backed by a read-only SQLite file, which
 * TDS clients (FreeTDS, tedious, jTDS) take for a SQL Server holding a
 * Grasp (管家婆) database. One thread and one SQLite handle per connection.
 * This file is the program: options, catalog and log set-up, the listener,
 * login and dispatch. It hands each batch and RPC to the engine (exec.h),
 * which never calls back here.
 *
 * erpsim --db FILE --port N --user U --password P [--tds-max 7.1|7.2|7.3|7.4]
 *        [--listen IPV4] (default 127.0.0.1; deploy/cluster's own namespace's)
 *        [--delay-ms N] [--hang-after-login] [--silent] [--log FILE]
 *        [--tls-cert PEM --tls-key PEM [--tls-require]]
 * With a certificate it encrypts as SQL Server does (tls.h): the whole
 * session for a client that asks (ENCRYPT_ON), the login alone for one
 * that only can (ENCRYPT_OFF) unless --tls-require, which also refuses a
 * client that cannot encrypt at all.
 */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "tds.h"
#include "types.h"
#include "login.h"
#include "exec.h"
#include "tls.h"

#define MAXCONN		512

static volatile sig_atomic_t	 stop;
static atomic_int		 nactive;
static atomic_int		 nextspid;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: erpsim --db FILE --port N --user U --password P "
	    "[--tds-max 7.1|7.2|7.3|7.4]\n\t[--delay-ms N] [--hang-after-login] [--silent] "
	    "[--log FILE]\n\t[--tls-cert PEM --tls-key PEM [--tls-require]] [--listen IPV4]\n");
	exit(2);
}

/* Reads the database name and every column's declared type. */
static int
load_catalog(struct server *srv)
{
	sqlite3		*db = NULL;
	int		 rc = -1;

	if (sqlite3_open_v2(srv->dbpath, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		fprintf(stderr, "erpsim: %s: %s\n", srv->dbpath,
		    db != NULL ? sqlite3_errmsg(db) : "cannot open");
		goto out;
	}
	if (catalog_load(&srv->cat, db) == -1) {
		fprintf(stderr, "erpsim: %s: %s\n", srv->dbpath,
		    sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db) :
		    "out of memory");
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(db);
	return rc;
}

static void
wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n-- > 0)
		*v++ = 0;
}

/* Handles LOGIN7; returns 1 when logged in, 0 when refused, -1 on junk. */
static int
do_login(struct session *s, const struct tds_msg *m)
{
	struct server		*srv = s->srv;
	struct tds_login	 l;
	const char		*db;
	int			 ver, ok;

	if (tds_login7_parse(m->data.data, m->data.len, &l) == -1)
		return -1;
	if ((ver = tds_negotiate(l.tdsver, srv->tdsmax)) == -1) {
		wipe(&l, sizeof(l));
		return -1;
	}
	s->c.ver = ver;
	s->c.pktsize = l.pktsize == 0 ? 4096 : (int)l.pktsize;
	if (s->c.pktsize < 512)
		s->c.pktsize = 512;
	if (s->c.pktsize > TDS_MAX_PKT)
		s->c.pktsize = TDS_MAX_PKT;
	snprintf(s->user, sizeof(s->user), "%s", l.user);
	snprintf(s->app, sizeof(s->app), "%s", l.app);
	ok = (l.flags2 & 0x80) == 0 && strcmp(l.user, srv->user) == 0 &&
	    strcmp(l.password, srv->password) == 0;
	wipe(l.password, sizeof(l.password));
	db = l.database[0] != '\0' ? l.database :
	    srv->cat.dbname[0] != '\0' ? srv->cat.dbname : "master";
	if (!ok) {
		logfile_put(&srv->log, s->c.spid, "login", "user=%s db=%s "
		    "app=%s lib=%s tds=%d: failed (18456)", l.user, db, l.app,
		    l.library, ver);
		tds_put_login_failed(&s->c, l.user, NULL);
		return 0;
	}
	if (srv->cat.dbname[0] != '\0' &&
	    strcasecmp(db, srv->cat.dbname) != 0 &&
	    strcasecmp(db, "master") != 0) {
		logfile_put(&srv->log, s->c.spid, "login", "user=%s db=%s "
		    "app=%s lib=%s tds=%d: failed (4060)", l.user, db, l.app,
		    l.library, ver);
		tds_put_login_failed(&s->c, l.user, db);
		return 0;
	}
	snprintf(s->dbname, sizeof(s->dbname), "%s", db);
	snprintf(s->logindb, sizeof(s->logindb), "%s", db);
	logfile_put(&srv->log, s->c.spid, "login", "user=%s db=%s app=%s "
	    "lib=%s tds=%d pkt=%d: ok", l.user, db, l.app, l.library, ver,
	    s->c.pktsize);
	tds_put_login_ok(&s->c, srv->id, s->dbname);
	return 1;
}

/* A pooled client's reset-connection bit: back to the state after login. */
static void
session_reset(struct session *s)
{
	exec_free(s);
	s->nocount = 0;
	s->rowcount = 0;
	snprintf(s->dbname, sizeof(s->dbname), "%s", s->logindb);
	/* ENVCHANGE 18 (reset completed), empty old and new values */
	tds_buf_u8(&s->c.out, TDS_TOK_ENVCHANGE);
	tds_buf_u16(&s->c.out, 3);
	tds_buf_u8(&s->c.out, 18);
	tds_buf_u8(&s->c.out, 0);
	tds_buf_u8(&s->c.out, 0);
}

/*
 * The PRELOGIN answer, and TLS if agreed. The client's byte: ON or REQ
 * (wants it), OFF (can, does not insist), NOT_SUP (cannot). -1: hang up.
 */
static int
prelogin(struct session *s, int want)
{
	char	why[300], how[128];
	uint8_t	enc;

	if (s->srv->tls == NULL)
		enc = TDS_ENC_NOT_SUP;
	else if (want == TDS_ENC_ON || want == TDS_ENC_REQ)
		enc = TDS_ENC_ON;
	else if (s->srv->tls_require)
		enc = TDS_ENC_REQ;
	else if (want == TDS_ENC_OFF)
		enc = TDS_ENC_OFF;
	else
		enc = TDS_ENC_NOT_SUP;
	tds_put_prelogin_reply(&s->c, s->srv->id, enc);
	if (tds_conn_flush(&s->c, 1) == -1)
		return -1;
	if (enc == TDS_ENC_REQ && want == TDS_ENC_NOT_SUP) {
		logfile_put(&s->srv->log, s->c.spid, "refused",
		    "the client cannot encrypt (--tls-require)");
		return -1;
	}
	s->enc = enc == TDS_ENC_REQ ? TDS_ENC_ON : enc;
	if (enc == TDS_ENC_NOT_SUP)
		return 0;
	if (tls_accept(&s->c, s->srv->tls, why, sizeof(why)) == -1) {
		logfile_put(&s->srv->log, s->c.spid, "tls", "%s", why);
		return -1;
	}
	tls_describe(&s->c, how, sizeof(how));
	logfile_put(&s->srv->log, s->c.spid, "tls", "%s, %s", how,
	    s->enc == TDS_ENC_OFF ? "the login only" : "the whole session");
	return 0;
}

static void
session_run(struct session *s)
{
	struct tds_msg	 m;
	int		 enc, logged = 0, rc;

	memset(&m, 0, sizeof(m));
	while (!s->c.dead && (rc = tds_conn_read(&s->c, &m)) == 1) {
		if (s->srv->silent || (logged && s->srv->hang))
			continue;	/* --silent, --hang-after-login: read, never answer */
		switch (m.type) {
		case TDS_PKT_PRELOGIN:
			if (logged || s->c.tls != NULL || tds_prelogin_parse(m.data.data,
			    m.data.len, &enc) == -1)
				goto out;
			if (prelogin(s, enc) == -1)
				goto out;
			break;
		case TDS_PKT_LOGIN7:
			if (logged)
				goto out;
			if (s->srv->tls_require && s->c.tls == NULL) {
				logfile_put(&s->srv->log, s->c.spid, "refused",
				    "a login in clear text (--tls-require)");
				goto out;
			}
			/* ENCRYPT_OFF: the login came in TLS, the rest is clear */
			if (s->enc == TDS_ENC_OFF)
				tls_end(&s->c);
			rc = do_login(s, &m);
			wipe(m.data.data, m.data.len);
			if (rc == -1)
				goto out;
			tds_conn_flush(&s->c, 1);
			if (rc == 0)
				goto out;
			logged = 1;
			break;
		case TDS_PKT_BATCH:
		case TDS_PKT_RPC:
			if (!logged)
				goto out;
			if (m.status & TDS_STATUS_IGNORE) {
				tds_put_done(&s->c, TDS_TOK_DONE, TDS_DONE_ATTN,
				    0, 0);
				tds_conn_flush(&s->c, 1);
				break;
			}
			if (m.status & (TDS_STATUS_RESET | TDS_STATUS_RESETSKIPTRAN))
				session_reset(s);
			if (m.type == TDS_PKT_BATCH)
				exec_batch(s, m.data.data, m.data.len);
			else
				exec_rpc(s, m.data.data, m.data.len);
			break;
		case TDS_PKT_ATTN:
			/* Late attention: the request already ended, ack anyway. */
			tds_put_done(&s->c, TDS_TOK_DONE, TDS_DONE_ATTN, 0, 0);
			tds_conn_flush(&s->c, 1);
			break;
		default:
			/* bulk load, transaction manager, SSPI: refuse politely */
			if (!logged)
				goto out;
			logfile_put(&s->srv->log, s->c.spid, "refused",
			    "packet type 0x%02x", m.type);
			tds_put_msg(&s->c, TDS_TOK_ERROR, 50000, 1, 16,
			    "erpsim: this request type is not supported.", "", 1);
			tds_put_done(&s->c, TDS_TOK_DONE, TDS_DONE_ERROR, 0, 0);
			tds_conn_flush(&s->c, 1);
			break;
		}
	}
out:
	tds_buf_free(&m.data);
}

static void *
conn_thread(void *arg)
{
	struct session	*s = arg;

	if (sqlite3_open_v2(s->srv->dbpath, &s->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    types_conv_open(&s->cv) == -1) {
		fprintf(stderr, "erpsim: cannot open a session\n");
		goto out;
	}
	sqlite3_busy_timeout(s->db, 5000);
	sqlite3_progress_handler(s->db, 20000, exec_progress, s);
	session_run(s);
out:
	exec_free(s);
	types_conv_close(&s->cv);
	sqlite3_close(s->db);
	tls_end(&s->c);
	close(s->c.fd);
	tds_buf_free(&s->c.out);
	tds_buf_free(&s->c.wire);
	free(s);
	atomic_fetch_sub(&nactive, 1);
	return NULL;
}

static int
listen_on(struct in_addr addr, int port)
{
	struct sockaddr_in	 sa;
	int			 fd, one = 1;

	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr = addr;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(fd, 128) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "port", required_argument, NULL, 'p' },
		{ "user", required_argument, NULL, 'u' },
		{ "password", required_argument, NULL, 'P' },
		{ "tds-max", required_argument, NULL, 't' },
		{ "delay-ms", required_argument, NULL, 'D' },
		{ "hang-after-login", no_argument, NULL, 'H' },
		{ "silent", no_argument, NULL, 'S' },
		{ "log", required_argument, NULL, 'l' },
		{ "tls-cert", required_argument, NULL, 'c' },
		{ "tls-key", required_argument, NULL, 'k' },
		{ "tls-require", no_argument, NULL, 'r' },
		{ "listen", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	struct server		 srv;
	struct sigaction	 sa;
	struct session		*s;
	pthread_attr_t		 attr;
	pthread_t		 th;
	const char		*logpath = NULL, *cert = NULL, *key = NULL, *addr = "127.0.0.1";
	struct in_addr		 in;
	int			 c, port = 0, lfd, fd, one = 1, waited;
	struct timespec		 tick = { 0, 50000000 };

	memset(&srv, 0, sizeof(srv));
	srv.tdsmax = 74;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			srv.dbpath = optarg;
			break;
		case 'p':
			port = atoi(optarg);
			break;
		case 'u':
			srv.user = optarg;
			break;
		case 'P':
			srv.password = optarg;
			break;
		case 't':
			if (strcmp(optarg, "7.1") == 0)
				srv.tdsmax = 71;
			else if (strcmp(optarg, "7.2") == 0)
				srv.tdsmax = 72;
			else if (strcmp(optarg, "7.3") == 0)
				srv.tdsmax = 73;
			else if (strcmp(optarg, "7.4") == 0)
				srv.tdsmax = 74;
			else
				usage();
			break;
		case 'D':
			srv.delay_ms = atoi(optarg);
			break;
		case 'H':
			srv.hang = 1;
			break;
		case 'S':
			srv.silent = 1;
			break;
		case 'l':
			logpath = optarg;
			break;
		case 'c':
			cert = optarg;
			break;
		case 'k':
			key = optarg;
			break;
		case 'r':
			srv.tls_require = 1;
			break;
		case 'L':
			addr = optarg;
			break;
		default:
			usage();
		}
	}
	if (srv.dbpath == NULL || srv.user == NULL || srv.password == NULL ||
	    port <= 0 || port > 65535 || optind != argc || srv.delay_ms < 0 ||
	    (cert == NULL) != (key == NULL) || (srv.tls_require && cert == NULL) ||
	    inet_pton(AF_INET, addr, &in) != 1)
		usage();
	if (cert != NULL && (srv.tls = tls_server_new(cert, key)) == NULL)
		return 1;
	srv.id = tds_server_id(srv.tdsmax);
	if (logfile_open(&srv.log, logpath) == -1) {
		fprintf(stderr, "erpsim: %s: %s\n", logpath, strerror(errno));
		return 1;
	}
	if (load_catalog(&srv) == -1)
		return 1;
	if ((lfd = listen_on(in, port)) == -1) {
		fprintf(stderr, "erpsim: %s:%d: %s\n", addr, port,
		    strerror(errno));
		return 1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 1024 * 1024);
	fprintf(stderr, "erpsim: serving %s (database %s) on %s:%d, "
	    "TDS up to %d.%d, %s\n", srv.dbpath, srv.cat.dbname[0] != '\0' ?
	    srv.cat.dbname : "(any)", addr, port, srv.tdsmax / 10, srv.tdsmax % 10,
	    srv.tls == NULL ? "no encryption" : srv.tls_require ?
	    "encryption required" : "encryption offered");
	while (!stop) {
		if ((fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EMFILE || errno == ENFILE) {
				nanosleep(&tick, NULL);
				continue;
			}
			break;
		}
		if (atomic_load(&nactive) >= MAXCONN ||
		    (s = calloc(1, sizeof(*s))) == NULL) {
			close(fd);
			continue;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		s->srv = &srv;
		s->c.fd = fd;
		s->c.pktsize = 4096;
		s->c.ver = 74;
		s->c.spid = (uint16_t)(51 + atomic_fetch_add(&nextspid, 1) % 30000);
		s->cv.to_cp = s->cv.from_cp = (iconv_t)-1;
		atomic_fetch_add(&nactive, 1);
		if (pthread_create(&th, &attr, conn_thread, s) != 0) {
			atomic_fetch_sub(&nactive, 1);
			close(fd);
			free(s);
		}
	}
	close(lfd);
	/* let running sessions finish (bounded) so valgrind sees no leaks */
	for (waited = 0; atomic_load(&nactive) > 0 && waited < 100; waited++)
		nanosleep(&tick, NULL);
	pthread_attr_destroy(&attr);
	catalog_free(&srv.cat);
	logfile_close(&srv.log);
	tls_server_free(srv.tls);
	return 0;
}
