/*
 * changes.h: a counter of the changes to statements, share links, users
 * and account sets, shared by every program on this host through a small
 * mapped file (Cache.ChangeFile). lib/db bumps it after each write marked 'bump' in
 * its statement table: those that change what a cache shows of a
 * statement, a link, a user or an account set (at commit, inside a
 * transaction); a reader that keeps something it read from the store
 * (dz-confirm's links, dz-history's pages, a session's user) notes the
 * counter before the read and trusts what it kept only while the counter
 * is unchanged.
 *
 * The counter is a hint for caches on this host, never the truth: other
 * hosts and changes made outside the programs do not move it, so a cache
 * also rechecks the store after a bounded time (Cache.RecheckMs). Without
 * the file (not configured, or it cannot be opened) dz_changes_now() is
 * always 0 and callers do not cache.
 *
 * The file is the programs' for as long as they run: truncating it would
 * fault every worker that has it mapped, and replacing it would leave them
 * counting on the old copy (bounded by Cache.RecheckMs). Make it once,
 * before the programs start (deploy does), or let the first program make it.
 */
#ifndef DZ_CHANGES_H
#define DZ_CHANGES_H

#include <stdint.h>
#include "dz.h"

/* Map path (created 0660 if missing); DZ_ERR_IO when it cannot be. */
enum dz_err	 dz_changes_open(const char *path);
void		 dz_changes_close(void);

/* The counter now; 0 when there is no file (never 0 otherwise). */
uint64_t	 dz_changes_now(void);

/* A change was committed (no-op without the file). */
void		 dz_changes_bump(void);

/*
 * The store's epoch: moved only when the store is replaced under the
 * running programs (dz-admin restore), after which an id or a version no
 * longer names what it named before (a statement made after the backup
 * is gone, and the next one gets its id). What a worker keeps for good,
 * whatever the counter does (dz-confirm's pages by statement and version,
 * a statement's documents by its id), is kept with the epoch it was read
 * in and is void once the epoch moves. 0 when there is no file: then
 * only a restart of the programs forgets what they kept.
 */
uint64_t	 dz_changes_epoch(void);

/* The store was replaced: move the epoch, then the counter. */
void		 dz_changes_new_epoch(void);

#endif
