/*
 * super.h: a screen program is its own supervisor.
 *
 * spawn-fcgi (or systemd through it) hands the program its listening
 * FastCGI socket as fd 0 and starts it once. dz_super_run() makes that
 * process a master that serves nothing: it forks DZ_PROCESSES workers (2)
 * that serve on the socket, and forks a new one at once when one dies (a
 * crash, a crafted record that makes libfcgi abort, a kill). The socket
 * stays open in the master all along, so nginx's connections wait in its
 * backlog for the new worker instead of failing.
 *
 * Restarts back off only when workers die in a quick loop (each within
 * DZ_SUPER_STABLE_MS of its start): the delay doubles from
 * DZ_SUPER_BACKOFF_MIN_MS up to DZ_SUPER_BACKOFF_MAX_MS, or up to
 * DZ_SUPER_FAILED_MAX_MS for workers that exit non-zero (they could not
 * start: a bad config, a missing file), and is forgotten when a worker has
 * lived longer. It never gives up.
 *
 * Signals to the master: TERM, INT or QUIT stop it: each worker gets TERM
 * (it finishes its request and returns), those left after
 * DZ_SUPER_STOP_SECONDS get KILL, then dz_super_run() returns in the
 * master. HUP or USR1 replace the workers (each after its request), with no
 * delay: how to make them read changed templates or configuration. A worker
 * gets TERM by itself when its master dies (Linux), so none outlive it.
 *
 * Environment: DZ_PROCESSES, the number of workers (1-64, default 2);
 * DZ_WORKERS_FILE, if set, a file the master keeps listing its workers'
 * pids, one a line (written whole, then renamed into place; removed when
 * the master stops), for people and tests. The master's own pid is the one
 * spawn-fcgi writes (-P) or systemd's main pid: the one to signal.
 */
#ifndef DZ_SUPER_H
#define DZ_SUPER_H

#define DZ_SUPER_WORKERS_DEFAULT	2
#define DZ_SUPER_WORKERS_MAX		64
#define DZ_SUPER_STABLE_MS		1000
#define DZ_SUPER_BACKOFF_MIN_MS		50
#define DZ_SUPER_BACKOFF_MAX_MS		500
#define DZ_SUPER_FAILED_MAX_MS		10000
#define DZ_SUPER_STOP_SECONDS		8

enum dz_super {
	DZ_SUPER_SERVE,		/* a worker (or no master): serve on fd 0 */
	DZ_SUPER_DONE		/* the master stopped, or a worker whose
				 * master is gone: return *code from main */
};

/*
 * Become the master of fd 0's workers, if fd 0 is a listening socket (not
 * when the program runs as plain CGI or by hand: then DZ_SUPER_SERVE at
 * once, with no fork). Returns DZ_SUPER_SERVE in each worker, with the
 * signal mask and dispositions as they were before the call, and
 * DZ_SUPER_DONE in the master once it has stopped (*code 0).
 */
enum dz_super	 dz_super_run(int *code);

/*
 * The delay before a worker that lived lived_ms is restarted, given the
 * last delay (0 after a healthy worker) and whether it failed at start
 * (exited non-zero). Pure; the master's policy, unit-tested.
 */
int		 dz_super_backoff(int last_ms, long lived_ms, int failed);

#endif /* DZ_SUPER_H */
