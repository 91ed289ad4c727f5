/*
 * lib/changes: the counter is shared through its file (a second mapping,
 * as another process has it, sees each bump), starts above 0, and its
 * absence reads as 0 (callers then do not cache). The store's epoch beside
 * it starts above 0 too, stands while the counter moves, and moves (with
 * the counter) only when the store is replaced.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/wait.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "changes.h"
#include "log.h"
#include "tap.h"

int
main(void)
{
	char		 dir[] = "/tmp/dz-changes-XXXXXX", path[64];
	uint64_t	 v0, e0;
	pid_t		 pid;
	int		 st, i;

	dz_log_init("074-changes", "error");
	if (mkdtemp(dir) == NULL) {
		skip_all("no temporary directory");
		return 0;
	}
	snprintf(path, sizeof(path), "%s/changes", dir);

	is_int((long long)dz_changes_now(), 0, "not opened: 0");
	dz_changes_bump();
	is_int((long long)dz_changes_now(), 0, "a bump without the file does nothing");
	dz_changes_new_epoch();
	is_int((long long)dz_changes_epoch(), 0, "no file: the epoch reads 0 too");
	ok(dz_changes_open("") != DZ_OK, "no path: not opened");
	ok(dz_changes_open("/nonexistent-dir/changes") != DZ_OK,
	    "a path that cannot be made: not opened");
	is_int((long long)dz_changes_now(), 0, "  and reads 0");

	ok(dz_changes_open(path) == DZ_OK, "opened (and made)");
	v0 = dz_changes_now();
	ok(v0 >= 1, "a new file starts above 0");
	e0 = dz_changes_epoch();
	ok(e0 >= 1, "a new file's epoch starts above 0");
	dz_changes_bump();
	is_int((long long)dz_changes_now(), (long long)v0 + 1, "a bump adds one");
	is_int((long long)dz_changes_epoch(), (long long)e0, "  and leaves the epoch");

	/* Another process bumps it three times. */
	if ((pid = fork()) == 0) {
		if (dz_changes_open(path) != DZ_OK)
			_exit(1);
		for (i = 0; i < 3; i++)
			dz_changes_bump();
		_exit(0);
	}
	ok(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0, "another process opened and bumped it");
	is_int((long long)dz_changes_now(), (long long)v0 + 4,
	    "its bumps are seen here at once");

	/* Another process replaces the store (dz-admin restore). */
	if ((pid = fork()) == 0) {
		if (dz_changes_open(path) != DZ_OK)
			_exit(1);
		dz_changes_new_epoch();
		_exit(0);
	}
	ok(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0, "another process moved the epoch");
	is_int((long long)dz_changes_epoch(), (long long)e0 + 1, "  seen here at once");
	is_int((long long)dz_changes_now(), (long long)v0 + 5, "  and the counter moved with it");

	/* Reopened: the count goes on. */
	dz_changes_close();
	is_int((long long)dz_changes_now(), 0, "closed: 0");
	ok(dz_changes_open(path) == DZ_OK, "reopened");
	is_int((long long)dz_changes_now(), (long long)v0 + 5, "the count is kept");
	is_int((long long)dz_changes_epoch(), (long long)e0 + 1, "  and the epoch");
	dz_changes_close();

	unlink(path);
	rmdir(dir);
	return done_testing();
}
