/*
 * 077-super: lib/super, the master that keeps a program's workers (issue
 * 11, case 2). The backoff table first (restart at once after a healthy
 * worker; doubling from 50 ms to 500 ms in a quick loop of crashes, to
 * 10 s when workers cannot start), then a real master on a listening
 * socket of its own: it lists 2 workers, replaces one killed by SIGABRT
 * (after 50 ms when it had just started, at once when it had lived over a
 * second), replaces both on HUP, stops them and itself on TERM (exit 0,
 * no worker left, its list removed), and does not fork at all when fd 0
 * is not a listening socket.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "super.h"
#include "tap.h"

static const struct {
	int	last, failed;
	long	lived;
	int	want;
	const char *why;
} table[] = {
	{ 0, 0, 60000, 0, "a worker that served a minute: at once" },
	{ 500, 0, 1000, 0, "one that lived DZ_SUPER_STABLE_MS: at once, the loop forgotten" },
	{ 0, 0, 999, 50, "the first quick death: 50 ms" },
	{ 50, 0, 300, 100, "the next: doubled" },
	{ 200, 0, 300, 400, "doubled again" },
	{ 400, 0, 300, 500, "not past 500 ms" },
	{ 500, 0, 0, 500, "and stays there" },
	{ 300, 0, 10, 500, "600 is capped" },
	{ 0, 1, 5, 50, "a worker that could not start: 50 ms" },
	{ 5000, 1, 5, 10000, "then doubling up to 10 s" },
	{ 10000, 1, 5, 10000, "not past 10 s" },
	{ 10000, 0, 5, 500, "a crash after failed starts: back to the crash cap" },
	{ 10000, 1, 1500, 0, "a start that failed after 1.5 s: at once" },
};

static char	dir[] = "/tmp/dzsuperXXXXXX";
static char	list[256];

static long
ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The pids in the workers file, sorted into w[]; their count. */
static int
listed(pid_t w[8])
{
	FILE	*f;
	long	 v;
	int	 n = 0, i, j;

	if ((f = fopen(list, "r")) == NULL)
		return 0;
	while (n < 8 && fscanf(f, "%ld", &v) == 1)
		w[n++] = (pid_t)v;
	fclose(f);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && w[j - 1] > w[j]; j--) {
			pid_t t = w[j];
			w[j] = w[j - 1];
			w[j - 1] = t;
		}
	return n;
}

/* Wait up to ms_max for 2 listed workers other than old[0..1]; ms taken. */
static long
wait_new(const pid_t old[2], pid_t now_[8], int both, long ms_max)
{
	long	t0 = ms();
	int	n, fresh, i;

	for (;;) {
		n = listed(now_);
		fresh = 0;
		for (i = 0; i < n; i++)
			fresh += old == NULL || (now_[i] != old[0] && now_[i] != old[1]);
		if (n == 2 && fresh >= (both ? 2 : 1))
			return ms() - t0;
		if (ms() - t0 > ms_max)
			return -1;
		usleep(10000);
	}
}

/* How many lines of path contain s. */
static int
grep(const char *path, const char *s)
{
	char	 line[1024];
	FILE	*f;
	int	 n = 0;

	if ((f = fopen(path, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		n += strstr(line, s) != NULL;
	fclose(f);
	return n;
}

/* The program under test: a master whose workers wait for a signal. */
static pid_t
program(int fd)
{
	pid_t	pid;
	int	code = 9;

	if ((pid = fork()) != 0)
		return pid;
	dup2(fd, 0);
	close(fd);
	setenv("DZ_PROCESSES", "2", 1);
	setenv("DZ_WORKERS_FILE", list, 1);
	if (dz_super_run(&code) == DZ_SUPER_SERVE)
		for (;;)
			pause();	/* a worker: TERM or ABRT ends it */
	_exit(code);
}

int
main(void)
{
	struct sockaddr_un	sun;
	pid_t			m, w[8], w2[8], w3[8];
	size_t			i;
	long			t;
	char			logf[300];
	int			fd, status, code, devnull, saved, logfd;

	memset(w, 0, sizeof(w));
	memset(w2, 0, sizeof(w2));
	memset(w3, 0, sizeof(w3));

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		is_int(dz_super_backoff(table[i].last, table[i].lived, table[i].failed),
		    table[i].want, "backoff: %s", table[i].why);

	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(list, sizeof(list), "%s/workers", dir);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/s", dir);
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	ok(fd != -1 && bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0 &&
	    listen(fd, 8) == 0, "a listening socket");
	/* stderr (the master's log) into a file, away from the TAP output */
	snprintf(logf, sizeof(logf), "%s/log", dir);
	devnull = open("/dev/null", O_RDWR);
	saved = dup(2);
	if ((logfd = open(logf, O_WRONLY | O_CREAT | O_APPEND, 0600)) == -1)
		return 1;
	dup2(logfd, 2);

	m = program(fd);
	t = wait_new(NULL, w, 1, 3000);
	ok(t >= 0, "the master lists 2 workers (%ld %ld)", (long)w[0], (long)w[1]);
	/* a worker that dies young: the first step of the backoff */
	kill(w[0], SIGABRT);
	t = wait_new(w, w2, 0, 3000);
	ok(t >= DZ_SUPER_BACKOFF_MIN_MS - 5 && t < 1000,
	    "one killed by SIGABRT at once after its start is replaced after the first backoff (%ld ms)", t);
	ok(w2[0] == w[1] || w2[1] == w[1], "the other one is kept");
	ok(kill(w[0], 0) == -1, "the dead one is reaped");
	/* one that lived past DZ_SUPER_STABLE_MS: at once */
	usleep((DZ_SUPER_STABLE_MS + 100) * 1000);
	kill(w[1], SIGABRT);
	t = wait_new(w2, w3, 0, 3000);
	ok(t >= 0, "an old one killed by SIGABRT is replaced (%ld ms)", t);
	ok(grep(logf, "killed by signal 6 (Aborted) after") == 2,
	    "the master logged both deaths");
	ok(grep(logf, "; a new one in 0 ms") == 1,
	    "the old one's successor without delay (the log says 0 ms)");

	kill(m, SIGHUP);
	memcpy(w2, w3, sizeof(w2));
	t = wait_new(w2, w3, 1, 3000);
	ok(t >= 0 && t < 1000, "HUP: both replaced (%ld ms)", t);

	kill(m, SIGTERM);
	status = -1;
	waitpid(m, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "TERM: the master returns 0");
	ok(kill(w3[0], 0) == -1 && kill(w3[1], 0) == -1, "and no worker is left");
	ok(access(list, F_OK) == -1 && errno == ENOENT, "its list is removed");
	dup2(saved, 2);
	ok(grep(logf, "super: stopped") == 1, "and it said so");
	unlink(logf);

	/* fd 0 not a listening socket: no master, no fork. */
	dup2(devnull, 0);
	code = 7;
	ok(dz_super_run(&code) == DZ_SUPER_SERVE && code == 0 && access(list, F_OK) == -1,
	    "fd 0 not a listening socket: serve here, nothing forked");

	close(fd);
	unlink(sun.sun_path);
	rmdir(dir);
	return done_testing();
}
