/*
 * erp_guard.c: the circuit breaker and the slots of each ERP target (see
 * erp_guard.h). Written here rather than taken from a library: what is
 * needed is two small files a target shared by processes that come and
 * go, with flock(2) doing the counting, and no packaged library does
 * that for C processes.
 *
 * Files in the guard's folder, named by the target's hash:
 *	<key>.b		the breaker (struct dz_erp_breaker), read and written
 *			under flock
 *	<key>.<n>	slot n: held by flock while a query runs; holds the
 *			monotonic time (ms, the host's clock) its query began
 * CLOCK_MONOTONIC is the same clock in every process of a host, so the
 * times compare across processes.
 */
#include "config.h"

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dz.h"
#include "erp_guard.h"
#include "lang.h"
#include "log.h"

/* ---------------------------------------------------------------------
 * The decisions (pure).
 */

int
dz_erp_breaker_allow(const struct dz_erp_breaker *b, long long now_ms)
{
	return b->open_until_ms == 0 || now_ms >= b->open_until_ms;
}

int
dz_erp_breaker_record(struct dz_erp_breaker *b, long long now_ms, enum dz_err result,
    int break_s)
{
	int	was_open = b->open_until_ms != 0;

	switch (result) {
	case DZ_ERR_ERP_TIMEOUT:
	case DZ_ERR_ERP_CONNECT:
		b->fails++;
		if (result == DZ_ERR_ERP_TIMEOUT || b->fails >= DZ_ERP_GUARD_FAILS ||
		    was_open) {
			b->open_until_ms = now_ms + (long long)break_s * 1000;
			b->last_err = (int)result;
			return !was_open;
		}
		return 0;
	default:
		/* It answered (even to refuse a login): it is there. */
		b->fails = 0;
		b->open_until_ms = 0;
		b->last_err = 0;
		return 0;
	}
}

void
dz_erp_breaker_time(struct dz_erp_breaker *b, long long ms)
{
	if (ms < 0)
		ms = 0;
	if (ms > 3600000)
		ms = 3600000;
	b->avg_ms = b->avg_ms == 0 ? (int)ms : (int)((3LL * b->avg_ms + ms) / 4);
}

/* ---------------------------------------------------------------------
 * The files.
 */

/* FNV-1a over the parts of the address that name the server and database. */
static void
target_key(const struct dz_erp_dsn *d, char key[17])
{
	unsigned long long	 h = 1469598103934665603ULL;
	char			 buf[600];
	const unsigned char	*p;

	snprintf(buf, sizeof(buf), "%s\\%s:%u/%s", d->host, d->instance, d->port,
	    d->database);
	for (p = (const unsigned char *)buf; *p != '\0'; p++) {
		h ^= *p;
		h *= 1099511628211ULL;
	}
	snprintf(key, 17, "%016llx", h);
}

static int
open_file(const struct erp_guard *g, const char *key, const char *suffix)
{
	char	path[320];

	if (snprintf(path, sizeof(path), "%s/%s.%s", g->dir, key, suffix) >=
	    (int)sizeof(path))
		return -1;
	return open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660);
}

static void
read_breaker(int fd, struct dz_erp_breaker *b)
{
	memset(b, 0, sizeof(*b));
	if (pread(fd, b, sizeof(*b), 0) != (ssize_t)sizeof(*b))
		memset(b, 0, sizeof(*b));
}

static void
write_breaker(int fd, const struct dz_erp_breaker *b)
{
	if (pwrite(fd, b, sizeof(*b), 0) != (ssize_t)sizeof(*b))
		dz_log_warn("erp: cannot write the breaker: %s", strerror(errno));
}

/*
 * The breaker's word before a query: 1 go, 0 fail now (why set). When its
 * time is over, the first to come is the probe: it moves the time on
 * under the lock, so the others keep failing fast while it tries.
 */
static int
breaker_pass(const struct erp_guard *g, const char *key, char *why, size_t whysz,
    int *avg_ms)
{
	struct dz_erp_breaker	b;
	long long		now = dz_clock_ms();
	int			fd, go = 1;

	*avg_ms = 0;
	if ((fd = open_file(g, key, "b")) == -1) {
		dz_log_warn("erp: breaker file in %s: %s", g->dir, strerror(errno));
		return 1;
	}
	if (flock(fd, LOCK_EX) == 0) {
		read_breaker(fd, &b);
		*avg_ms = b.avg_ms;
		if (!dz_erp_breaker_allow(&b, now)) {
			snprintf(why, whysz, LANG_erp_breaker_open,
			    dz_strerror((enum dz_err)b.last_err),
			    (int)((b.open_until_ms - now + 999) / 1000));
			go = 0;
		} else if (b.open_until_ms != 0) {
			/* the probe: the others wait for its answer */
			b.open_until_ms = now + (long long)g->break_s * 1000;
			write_breaker(fd, &b);
			dz_log_info("erp: target %s: trying it again", key);
		}
	}
	close(fd);
	return go;
}

/* Take a free slot: its fd, or -1 (*oldest_ms: the youngest holder's age). */
static int
take_slot(const struct erp_guard *g, const char *key, long long *youngest_ms)
{
	long long	now = dz_clock_ms(), began;
	char		suffix[16];
	int		i, fd;

	*youngest_ms = -1;
	for (i = 0; i < g->max_per_target; i++) {
		snprintf(suffix, sizeof(suffix), "%d", i);
		if ((fd = open_file(g, key, suffix)) == -1)
			return -2;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			if (pwrite(fd, &now, sizeof(now), 0) != (ssize_t)sizeof(now))
				dz_log_warn("erp: cannot write slot %d", i);
			return fd;
		}
		if (pread(fd, &began, sizeof(began), 0) == (ssize_t)sizeof(began) &&
		    (*youngest_ms < 0 || now - began < *youngest_ms))
			*youngest_ms = now - began;
		close(fd);
	}
	return -1;
}

enum dz_err
erp_guard_enter(const struct erp_guard *g, const struct dz_erp_dsn *dsn,
    struct erp_pass *p, char *why, size_t whysz)
{
	long long	t0, youngest;
	int		fd, avg;

	p->slot_fd = -1;
	p->began_ms = 0;
	if (g == NULL || g->dir[0] == '\0')
		return DZ_OK;
	target_key(dsn, p->key);
	if (!breaker_pass(g, p->key, why, whysz, &avg))
		return DZ_ERR_ERP_TIMEOUT;
	t0 = dz_clock_ms();
	for (;;) {
		fd = take_slot(g, p->key, &youngest);
		if (fd >= 0) {
			p->slot_fd = fd;
			p->began_ms = dz_clock_ms();
			return DZ_OK;
		}
		if (fd == -2) {
			/* the folder is broken: serve unguarded, say so */
			dz_log_warn("erp: slot files in %s: %s", g->dir, strerror(errno));
			return DZ_OK;
		}
		/* Wait only behind quick work, and not for long. */
		if (avg > DZ_ERP_GUARD_QUICK_MS || youngest < 0 ||
		    youngest > DZ_ERP_GUARD_QUICK_MS ||
		    dz_clock_ms() - t0 >= DZ_ERP_GUARD_WAIT_MS)
			break;
		{
			struct timespec ts = { 0, 25 * 1000000L };

			nanosleep(&ts, NULL);
		}
	}
	dz_log_warn("erp: target %s: all %d slots busy; refused", p->key,
	    g->max_per_target);
	snprintf(why, whysz, "%s", LANG_erp_busy);
	return DZ_ERR_ERP_TIMEOUT;
}

void
erp_guard_leave(const struct erp_guard *g, struct erp_pass *p, enum dz_err result)
{
	struct dz_erp_breaker	b;
	int			fd;

	if (g == NULL || g->dir[0] == '\0' || p->key[0] == '\0')
		return;
	if (p->slot_fd >= 0) {
		close(p->slot_fd);	/* gives the flock back */
		p->slot_fd = -1;
	}
	if ((fd = open_file(g, p->key, "b")) == -1)
		return;
	if (flock(fd, LOCK_EX) == 0) {
		read_breaker(fd, &b);
		if (p->began_ms > 0)
			dz_erp_breaker_time(&b, dz_clock_ms() - p->began_ms);
		if (dz_erp_breaker_record(&b, dz_clock_ms(), result, g->break_s))
			dz_log_warn("erp: target %s: %s; failing fast for %d s", p->key,
			    dz_strerror(result), g->break_s);
		write_breaker(fd, &b);
	}
	close(fd);
}
