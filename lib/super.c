/*
 * super.c: the master process of a screen program (see super.h).
 *
 * The master blocks the signals it acts on and takes them one at a time
 * with sigtimedwait(), whose timeout is the next restart that is due: no
 * handler runs in it, so there is no flag to race with.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef HAVE_SYS_PRCTL_H
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "super.h"

struct slot {
	pid_t	pid;		/* 0: empty */
	long	started;	/* ms, monotonic */
	long	due;		/* empty: when to fork its worker */
	int	retiring;	/* sent TERM to be replaced (HUP) */
};

struct master {
	const char	*file;		/* DZ_WORKERS_FILE or NULL */
	struct slot	 slot[DZ_SUPER_WORKERS_MAX];
	int		 n;
	int		 delay;		/* the last backoff, ms */
	int		 stopping;
	long		 kill_at;	/* stopping: when to KILL the rest */
	int		 listed;	/* the workers file is up to date */
	pid_t		 self;
	sigset_t	 caught;	/* the signals the master takes */
	sigset_t	 before;	/* the caller's mask */
	struct sigaction old_chld;
};

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
dz_super_backoff(int last_ms, long lived_ms, int failed)
{
	int	cap = failed ? DZ_SUPER_FAILED_MAX_MS : DZ_SUPER_BACKOFF_MAX_MS;
	int	d;

	if (lived_ms >= DZ_SUPER_STABLE_MS)
		return 0;
	d = last_ms <= 0 ? DZ_SUPER_BACKOFF_MIN_MS :
	    last_ms >= cap / 2 ? cap : last_ms * 2;
	return d > cap ? cap : d;
}

/* fd 0 is a socket that listens: what spawn-fcgi and systemd hand over. */
static int
listening(void)
{
	int		v = 0;
	socklen_t	len = sizeof(v);

	return getsockopt(0, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) == 0 && v != 0;
}

static int
workers_wanted(void)
{
	const char	*s = getenv("DZ_PROCESSES");
	char		*end;
	long		 v;

	if (s == NULL || *s == '\0')
		return DZ_SUPER_WORKERS_DEFAULT;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 1 || v > DZ_SUPER_WORKERS_MAX) {
		dz_log_warn("super: DZ_PROCESSES=%s is not 1-%d: %d workers", s,
		    DZ_SUPER_WORKERS_MAX, DZ_SUPER_WORKERS_DEFAULT);
		return DZ_SUPER_WORKERS_DEFAULT;
	}
	return (int)v;
}

/* The workers file: every live pid, written whole and renamed in place. */
static void
list_workers(struct master *m)
{
	char	 tmp[4096];
	FILE	*f;
	int	 i, w;

	if (m->file == NULL || m->listed)
		return;
	m->listed = 1;
	w = snprintf(tmp, sizeof(tmp), "%s.tmp", m->file);
	if (w < 0 || (size_t)w >= sizeof(tmp))
		return;
	if ((f = fopen(tmp, "w")) == NULL) {
		dz_log_err("super: cannot write %s: %s", tmp, strerror(errno));
		return;
	}
	for (i = 0; i < m->n; i++)
		if (m->slot[i].pid > 0)
			fprintf(f, "%ld\n", (long)m->slot[i].pid);
	if (fclose(f) != 0 || rename(tmp, m->file) != 0) {
		dz_log_err("super: cannot write %s: %s", m->file, strerror(errno));
		unlink(tmp);
	}
}

/*
 * In the new worker: the caller's signal setup back, and TERM when the
 * master dies. 0 to serve, -1 when the master is already gone.
 */
static int
become_worker(struct master *m)
{
	sigaction(SIGCHLD, &m->old_chld, NULL);
	sigprocmask(SIG_SETMASK, &m->before, NULL);
#ifdef PR_SET_PDEATHSIG
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) == -1)
		dz_log_warn("super: prctl: %s", strerror(errno));
#endif
	return getppid() == m->self ? 0 : -1;
}

/* Fork the worker of slot i: 1 in the child, 0 in the master. */
static int
start(struct master *m, int i, long now)
{
	pid_t	pid;

	if ((pid = fork()) == -1) {
		dz_log_err("super: fork: %s", strerror(errno));
		m->slot[i].due = now + DZ_SUPER_STABLE_MS;
		return 0;
	}
	if (pid == 0)
		return 1;
	m->slot[i].pid = pid;
	m->slot[i].started = now;
	m->slot[i].retiring = 0;
	m->listed = 0;
	return 0;
}

static void
signal_all(struct master *m, int sig)
{
	int	i;

	for (i = 0; i < m->n; i++)
		if (m->slot[i].pid > 0)
			kill(m->slot[i].pid, sig);
}

static int
alive(const struct master *m)
{
	int	i, n = 0;

	for (i = 0; i < m->n; i++)
		n += m->slot[i].pid > 0;
	return n;
}

/* A worker ended: say how, and when its slot gets a new one. */
static void
ended(struct master *m, pid_t pid, int status, long now)
{
	struct slot	*s = NULL;
	char		 how[64];
	long		 lived;
	int		 i, failed;

	for (i = 0; i < m->n; i++)
		if (m->slot[i].pid == pid)
			s = &m->slot[i];
	if (s == NULL)
		return;		/* not ours (cannot happen: no other child) */
	s->pid = 0;
	m->listed = 0;
	lived = now - s->started;
	if (WIFSIGNALED(status))
		snprintf(how, sizeof(how), "killed by signal %d (%s)",
		    WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(how, sizeof(how), "exited with %d", WEXITSTATUS(status));
	if (m->stopping) {
		dz_log_info("super: worker %ld %s", (long)pid, how);
		return;
	}
	failed = WIFEXITED(status) && WEXITSTATUS(status) != 0;
	if (s->retiring) {
		m->delay = 0;
		dz_log_info("super: worker %ld replaced", (long)pid);
	} else {
		m->delay = dz_super_backoff(m->delay, lived, failed);
		dz_log_warn("super: worker %ld %s after %ld ms; a new one in %d ms",
		    (long)pid, how, lived, m->delay);
	}
	s->due = now + (s->retiring ? 0 : m->delay);
	s->retiring = 0;
}

static void
reap(struct master *m)
{
	pid_t	pid;
	int	status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		ended(m, pid, status, now_ms());
}

static void
take(struct master *m, int sig, long now)
{
	int	i;

	switch (sig) {
	case SIGTERM:
	case SIGINT:
	case SIGQUIT:
		if (m->stopping)
			break;
		dz_log_info("super: stopping %d workers (signal %d)", alive(m), sig);
		m->stopping = 1;
		m->kill_at = now + DZ_SUPER_STOP_SECONDS * 1000L;
		signal_all(m, SIGTERM);
		break;
	case SIGHUP:
	case SIGUSR1:
		if (m->stopping)
			break;
		dz_log_info("super: replacing the workers (signal %d)", sig);
		for (i = 0; i < m->n; i++)
			if (m->slot[i].pid > 0) {
				m->slot[i].retiring = 1;
				kill(m->slot[i].pid, SIGTERM);
			}
		break;
	default:	/* SIGCHLD: reaped below */
		break;
	}
}

static void
nothing(int sig)
{
	(void)sig;
}

/* The master's loop; 1 in a new worker, 0 when stopped, -1 orphaned worker. */
static int
supervise(struct master *m)
{
	struct timespec	 ts;
	long		 now, next;
	int		 i, sig, k;

	for (;;) {
		reap(m);
		now = now_ms();
		if (m->stopping) {
			if (alive(m) == 0)
				break;
			if (m->kill_at != 0 && now >= m->kill_at) {
				dz_log_warn("super: %d workers still running after %d s: KILL",
				    alive(m), DZ_SUPER_STOP_SECONDS);
				signal_all(m, SIGKILL);
				m->kill_at = 0;
			}
		} else
			for (i = 0; i < m->n; i++)
				if (m->slot[i].pid == 0 && m->slot[i].due <= now &&
				    start(m, i, now))
					return become_worker(m) == 0 ? 1 : -1;
		list_workers(m);

		next = -1;
		if (m->stopping)
			next = m->kill_at != 0 ? m->kill_at : now + 1000;
		else
			for (i = 0; i < m->n; i++)
				if (m->slot[i].pid == 0 &&
				    (next == -1 || m->slot[i].due < next))
					next = m->slot[i].due;
		if (next == -1)
			next = now + 60000;	/* only a signal can change anything */
		k = next > now ? (int)(next - now) : 0;
		ts.tv_sec = k / 1000;
		ts.tv_nsec = (long)(k % 1000) * 1000000;
		if ((sig = sigtimedwait(&m->caught, NULL, &ts)) > 0)
			take(m, sig, now_ms());
	}
	if (m->file != NULL)
		unlink(m->file);
	dz_log_info("super: stopped");
	return 0;
}

enum dz_super
dz_super_run(int *code)
{
	static struct master	 m;	/* static: a 1.5 KB slot table off the stack */
	struct sigaction	 sa;
	const char		*file;
	int			 i, rc;

	*code = 0;
	if (!listening())
		return DZ_SUPER_SERVE;
	memset(&m, 0, sizeof(m));
	m.n = workers_wanted();
	m.self = getpid();
	file = getenv("DZ_WORKERS_FILE");
	m.file = file != NULL && *file != '\0' ? file : NULL;

	sigemptyset(&m.caught);
	sigaddset(&m.caught, SIGTERM);
	sigaddset(&m.caught, SIGINT);
	sigaddset(&m.caught, SIGQUIT);
	sigaddset(&m.caught, SIGHUP);
	sigaddset(&m.caught, SIGUSR1);
	sigaddset(&m.caught, SIGCHLD);
	/* NOTE: a SIGCHLD left at SIG_DFL may be discarded, blocked or not:
	 * a handler (that never runs, the signal is blocked) keeps it. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = nothing;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, &m.old_chld);
	sigprocmask(SIG_BLOCK, &m.caught, &m.before);

	dz_log_info("super: master of %d workers", m.n);
	for (i = 0; i < m.n; i++)
		m.slot[i].due = 0;
	rc = supervise(&m);
	if (rc == 1)
		return DZ_SUPER_SERVE;
	if (rc == 0) {
		sigaction(SIGCHLD, &m.old_chld, NULL);
		sigprocmask(SIG_SETMASK, &m.before, NULL);
	}
	return DZ_SUPER_DONE;
}
