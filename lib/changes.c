/*
 * changes.c: the host-wide change counter (see changes.h). Two uint64_t at
 * the start of a mapped file, the counter then the store's epoch, read and
 * moved with atomic operations, so processes of different programs see
 * each other's moves at once. A file made before the epoch was added has
 * 0 there, which opening turns into 1, as for the counter.
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

static uint64_t	*words;	/* [0] the counter, [1] the epoch */

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
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		dz_log_warn("changes: %s is not a usable file", path);
		close(fd);
		return DZ_ERR_IO;
	}
	/*
	 * Its page allocated for real before it is mapped (the new bytes read
	 * as 0): a file grown sparse on a full filesystem maps, then the
	 * first write through the mapping is a SIGBUS. Cheap when it has
	 * been allocated already, by whoever came first.
	 */
	if ((errno = posix_fallocate(fd, 0, CHANGES_SIZE)) != 0) {
		dz_log_warn("changes: cannot allocate %s: %s (running without the "
		    "change counter: links are checked in the store on every "
		    "request)", path, strerror(errno));
		close(fd);
		return DZ_ERR_IO;
	}
	p = mmap(NULL, CHANGES_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		dz_log_warn("changes: cannot map %s: %s", path, strerror(errno));
		return DZ_ERR_IO;
	}
	words = p;
	/* 0 means "none" to readers: a fresh file starts at 1, both words. */
	{
		uint64_t zero = 0;

		__atomic_compare_exchange_n(&words[0], &zero, 1, 0,
		    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
		zero = 0;
		__atomic_compare_exchange_n(&words[1], &zero, 1, 0,
		    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	}
	return DZ_OK;
}

void
dz_changes_close(void)
{
	if (words != NULL)
		munmap(words, CHANGES_SIZE);
	words = NULL;
}

uint64_t
dz_changes_now(void)
{
	return words != NULL ? __atomic_load_n(&words[0], __ATOMIC_ACQUIRE) : 0;
}

uint64_t
dz_changes_epoch(void)
{
	return words != NULL ? __atomic_load_n(&words[1], __ATOMIC_ACQUIRE) : 0;
}

/* Add one to a word, skipping 0 on wrap-around (never, but cheaply). */
static void
move(uint64_t *w)
{
	if (__atomic_add_fetch(w, 1, __ATOMIC_ACQ_REL) == 0)
		__atomic_add_fetch(w, 1, __ATOMIC_ACQ_REL);
}

void
dz_changes_bump(void)
{
	if (words != NULL)
		move(&words[0]);
}

void
dz_changes_new_epoch(void)
{
	if (words == NULL)
		return;
	/* The epoch first: a reader that sees the counter move and reads
	 * again already sees the new epoch too. */
	move(&words[1]);
	move(&words[0]);
}
