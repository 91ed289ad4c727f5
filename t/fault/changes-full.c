/*
 * t/fault/changes-full: the change file (lib/changes, Cache.ChangeFile) on
 * a full filesystem (issue 11, case 5). The file used to be grown sparse
 * and written through its mapping: on a full tmpfs the first write was a
 * SIGBUS and every program died at start, silently. Now its page is
 * allocated before it is mapped; when that fails the program logs it and
 * runs without the counter (every request asks the store).
 *
 * Root only (it mounts a 64 KiB tmpfs in a mount namespace of its own, so
 * nothing outlives it); deploy/test runs as root.
 */
#include "config.h"

#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dz.h"
#include "changes.h"
#include "tap.h"

/* Open the change file at path and bump it, in a child; its wait status. */
static int
try_open(const char *path, int *opened)
{
	int	p[2], status = -1;
	pid_t	pid;
	char	c = 0;

	*opened = -1;
	if (pipe(p) == -1 || (pid = fork()) == -1)
		return -1;
	if (pid == 0) {
		enum dz_err rc;

		close(p[0]);
		rc = dz_changes_open(path);
		c = rc == DZ_OK ? 'y' : 'n';
		if (write(p[1], &c, 1) != 1)
			_exit(4);
		dz_changes_bump();
		_exit(dz_changes_now() == (rc == DZ_OK ? 2 : 0) ? 0 : 3);
	}
	close(p[1]);
	if (read(p[0], &c, 1) == 1)
		*opened = c == 'y';
	close(p[0]);
	waitpid(pid, &status, 0);
	return status;
}

/* Fill the filesystem of dir until it refuses a byte. */
static long
fill(const char *dir)
{
	char	path[256], buf[4096];
	long	n = 0;
	ssize_t	w;
	int	fd;

	memset(buf, 'x', sizeof(buf));
	snprintf(path, sizeof(path), "%s/filler", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return -1;
	while ((w = write(fd, buf, sizeof(buf))) > 0)
		n += w;
	while ((w = write(fd, buf, 1)) > 0)
		n += w;
	close(fd);
	return n;
}

int
main(void)
{
	char	dir[] = "/tmp/dz-full.XXXXXX", path[256];
	int	st, opened;
	long	filled;

	if (geteuid() != 0) {
		ok(0, "runs as root (it mounts a tmpfs; deploy/test is run as root)");
		return done_testing();
	}
	if (!ok(unshare(CLONE_NEWNS) == 0, "a mount namespace of its own") ||
	    !ok(mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) == 0,
	    "mounts private to it") ||
	    !ok(mkdtemp(dir) != NULL, "a folder for the tmpfs") ||
	    !ok(mount("tmpfs", dir, "tmpfs", 0, "size=64k,mode=0700") == 0,
	    "a 64 KiB tmpfs on %s", dir))
		return done_testing();

	/* A filesystem with room: the counter works (it can pass). */
	snprintf(path, sizeof(path), "%s/room", dir);
	st = try_open(path, &opened);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 && opened == 1,
	    "with room: the change file opens and counts (status %d)", st);
	unlink(path);

	filled = fill(dir);
	ok(filled > 0, "the tmpfs is full (%ld bytes written)", filled);
	snprintf(path, sizeof(path), "%s/changes", dir);
	st = try_open(path, &opened);
	ok(!WIFSIGNALED(st), "full: no signal at start (%s)",
	    WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "none");
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "full: the program goes on without the counter (status %d)", st);
	ok(opened == 0, "full: dz_changes_open says it failed");

	umount(dir);
	rmdir(dir);
	return done_testing();
}
