/*
 * 045-erp-guard: lib/erp_guard. The breaker's decisions (pure): a timeout
 * opens it at once, refused connections after DZ_ERP_GUARD_FAILS in a
 * row, any answer closes it, its time runs out. The slots (files in a
 * temporary folder, flock(2)): MaxPerTarget queries at once per target,
 * another target unaffected, a slot given back is free again, a holder
 * that died frees its slot, an open breaker fails the next query at once
 * with its sentence and lets one probe through when its time is over.
 */
#include "config.h"

#include <sys/wait.h>

#include <signal.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dz.h"
#include "erp_dsn.h"
#include "erp_guard.h"
#include "tap.h"

static void
dsn(struct dz_erp_dsn *d, const char *host, unsigned port, const char *db)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->host, sizeof(d->host), "%s", host);
	d->port = port;
	snprintf(d->database, sizeof(d->database), "%s", db);
}

int
main(void)
{
	struct dz_erp_breaker	b;
	struct erp_guard	g;
	struct erp_pass		p1, p2, p3, q1;
	struct dz_erp_dsn	a, other;
	char			dir[] = "/tmp/dz-guard.XXXXXX", why[300], cmd[300];
	int			i, st;
	pid_t			pid;

	/* --- the breaker, pure --- */
	memset(&b, 0, sizeof(b));
	ok(dz_erp_breaker_allow(&b, 1000), "closed: a query may go");
	ok(dz_erp_breaker_record(&b, 1000, DZ_ERR_ERP_TIMEOUT, 30) == 1,
	    "one timeout opens it");
	ok(!dz_erp_breaker_allow(&b, 1000 + 29999), "open: refused for 30 s");
	ok(dz_erp_breaker_allow(&b, 1000 + 30000), "then a query may try again");
	dz_erp_breaker_record(&b, 32000, DZ_OK, 30);
	ok(b.open_until_ms == 0 && b.fails == 0, "a success closes it");
	for (i = 1; i < DZ_ERP_GUARD_FAILS; i++)
		ok(dz_erp_breaker_record(&b, 40000, DZ_ERR_ERP_CONNECT, 30) == 0 &&
		    dz_erp_breaker_allow(&b, 40000), "refused %d time(s): still closed", i);
	ok(dz_erp_breaker_record(&b, 40000, DZ_ERR_ERP_CONNECT, 30) == 1 &&
	    !dz_erp_breaker_allow(&b, 40000), "refused %d times in a row: open",
	    DZ_ERP_GUARD_FAILS);
	dz_erp_breaker_record(&b, 80000, DZ_ERR_ERP_LOGIN, 30);
	ok(dz_erp_breaker_allow(&b, 80000), "a refused login is an answer: closed");
	dz_erp_breaker_record(&b, 80000, DZ_ERR_ERP_CONNECT, 30);
	dz_erp_breaker_record(&b, 80000, DZ_OK, 30);
	dz_erp_breaker_record(&b, 80000, DZ_ERR_ERP_CONNECT, 30);
	ok(dz_erp_breaker_allow(&b, 80000), "failures not in a row do not open it");
	memset(&b, 0, sizeof(b));
	dz_erp_breaker_time(&b, 100);
	is_int(b.avg_ms, 100, "the first query's time is the average");
	dz_erp_breaker_time(&b, 500);
	is_int(b.avg_ms, 200, "then a running average, 3:1");

	/* --- the files --- */
	if (!ok(mkdtemp(dir) != NULL, "a folder for the guard"))
		return done_testing();
	memset(&g, 0, sizeof(g));
	snprintf(g.dir, sizeof(g.dir), "%s", dir);
	g.max_per_target = 2;
	g.break_s = 1;
	dsn(&a, "erp.example", 1433, "V1");
	dsn(&other, "erp.example", 1433, "V2");
	is_int(erp_guard_enter(&g, &a, &p1, why, sizeof(why)), DZ_OK, "slot 1 of 2");
	is_int(erp_guard_enter(&g, &a, &p2, why, sizeof(why)), DZ_OK, "slot 2 of 2");
	/* the holders are young: it waits its half second, then refuses */
	is_int(erp_guard_enter(&g, &a, &p3, why, sizeof(why)), DZ_ERR_ERP_TIMEOUT,
	    "a third query to the same target is refused");
	ok(strstr(why, "ERP") != NULL, "with a sentence (%s)", why);
	is_int(erp_guard_enter(&g, &other, &q1, why, sizeof(why)), DZ_OK,
	    "another target (database) is not held up");
	erp_guard_leave(&g, &q1, DZ_OK);
	erp_guard_leave(&g, &p2, DZ_OK);
	is_int(erp_guard_enter(&g, &a, &p3, why, sizeof(why)), DZ_OK,
	    "a slot given back is free again");
	erp_guard_leave(&g, &p3, DZ_OK);

	/* a holder that dies (kill -9) gives its slot back */
	if ((pid = fork()) == 0) {
		struct erp_pass x, y;

		if (erp_guard_enter(&g, &a, &x, why, sizeof(why)) != DZ_OK)
			_exit(1);
		(void)y;
		pause();
		_exit(0);
	}
	usleep(200000);
	is_int(erp_guard_enter(&g, &a, &p2, why, sizeof(why)), DZ_ERR_ERP_TIMEOUT,
	    "both slots held (one by another process)");
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	is_int(erp_guard_enter(&g, &a, &p2, why, sizeof(why)), DZ_OK,
	    "the dead process's slot is free");

	/* the breaker through its file, seen by every process */
	erp_guard_leave(&g, &p2, DZ_ERR_ERP_TIMEOUT);
	erp_guard_leave(&g, &p1, DZ_OK);	/* an older query that worked */
	is_int(erp_guard_enter(&g, &a, &p1, why, sizeof(why)), DZ_OK,
	    "a success after the timeout closed it again");
	erp_guard_leave(&g, &p1, DZ_ERR_ERP_TIMEOUT);
	if ((pid = fork()) == 0) {
		struct erp_pass x;

		_exit(erp_guard_enter(&g, &a, &x, why, sizeof(why)) == DZ_ERR_ERP_TIMEOUT ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "after a timeout another process fails at once");
	is_int(erp_guard_enter(&g, &a, &p1, why, sizeof(why)), DZ_ERR_ERP_TIMEOUT,
	    "and so does this one");
	ok(strstr(why, "秒") != NULL, "saying when it tries again (%s)", why);
	usleep(1100000);
	is_int(erp_guard_enter(&g, &a, &p1, why, sizeof(why)), DZ_OK,
	    "after ERP.BreakSeconds one query is the probe");
	is_int(erp_guard_enter(&g, &a, &p2, why, sizeof(why)), DZ_ERR_ERP_TIMEOUT,
	    "while it runs, the others still fail fast");
	erp_guard_leave(&g, &p1, DZ_OK);
	is_int(erp_guard_enter(&g, &a, &p2, why, sizeof(why)), DZ_OK,
	    "the probe worked: closed");
	erp_guard_leave(&g, &p2, DZ_OK);

	/* behind a slow target nobody waits: the refusal is at once */
	is_int(erp_guard_enter(&g, &a, &p1, why, sizeof(why)), DZ_OK, "a query");
	p1.began_ms -= 2000;		/* that took two seconds */
	erp_guard_leave(&g, &p1, DZ_OK);
	is_int(erp_guard_enter(&g, &a, &p1, why, sizeof(why)), DZ_OK, "slot 1");
	is_int(erp_guard_enter(&g, &a, &p2, why, sizeof(why)), DZ_OK, "slot 2");
	{
		long long t0 = dz_clock_ms();

		is_int(erp_guard_enter(&g, &a, &p3, why, sizeof(why)), DZ_ERR_ERP_TIMEOUT,
		    "a slow target's slots all taken: refused");
		ok(dz_clock_ms() - t0 < 100, "at once, not after a wait (%lld ms)",
		    dz_clock_ms() - t0);
	}
	erp_guard_leave(&g, &p1, DZ_OK);
	erp_guard_leave(&g, &p2, DZ_OK);

	g.dir[0] = '\0';
	is_int(erp_guard_enter(&g, &a, &p1, why, sizeof(why)), DZ_OK, "no folder: no guard");
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		diag("could not remove %s", dir);
	return done_testing();
}
