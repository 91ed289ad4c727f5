/*
 * changes.c: the host-wide change counter (see changes.h). One uint64_t at
 * the start of a mapped file, read and bumped with atomic operations, so
 * processes of different programs see each other's bumps at once.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "dz.h"
#include "log.h"
#include "changes.h"

#define CHANGES_SIZE	4096

static uint64_t	*counter;

enum dz_err
dz_changes_open(const char *path)
{
	struct stat	 st;
	void		*p;
	int		 fd;

	dz_changes_close();
	if (path == NULL || *path == '\0')
		return DZ_ERR_IO;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660)) == -1) {
		dz_log_warn("changes: cannot open %s: %s (links are checked in the "
		    "store on every request)", path, strerror(errno));
		return DZ_ERR_IO;
	}
	/* Grown once by whoever comes first; the new bytes read as 0. */
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (st.st_size < CHANGES_SIZE && ftruncate(fd, CHANGES_SIZE) == -1)) {
		dz_log_warn("changes: %s is not a usable file", path);
		close(fd);
		return DZ_ERR_IO;
	}
	p = mmap(NULL, CHANGES_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		dz_log_warn("changes: cannot map %s: %s", path, strerror(errno));
		return DZ_ERR_IO;
	}
	counter = p;
	/* 0 means "no counter" to readers: a fresh file starts at 1. */
	{
		uint64_t zero = 0;

		__atomic_compare_exchange_n(counter, &zero, 1, 0,
		    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	}
	return DZ_OK;
}

void
dz_changes_close(void)
{
	if (counter != NULL)
		munmap(counter, CHANGES_SIZE);
	counter = NULL;
}

uint64_t
dz_changes_now(void)
{
	return counter != NULL ? __atomic_load_n(counter, __ATOMIC_ACQUIRE) : 0;
}

void
dz_changes_bump(void)
{
	if (counter == NULL)
		return;
	/* Skip 0 on wrap-around (after 2^64 changes: never, but cheaply). */
	if (__atomic_add_fetch(counter, 1, __ATOMIC_ACQ_REL) == 0)
		__atomic_add_fetch(counter, 1, __ATOMIC_ACQ_REL);
}
