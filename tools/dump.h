/*
 * dump.h: dz-admin's backup and restore of the app store, with MariaDB's
 * own client tools (see dump.c for why).
 */
#ifndef DZ_TOOLS_DUMP_H
#define DZ_TOOLS_DUMP_H

#include <sys/types.h>

struct dz_conf;

/* What dump_check found in a dump. */
struct dump_facts {
	size_t	 nmigrations;	/* rows of its schema_migrations */
	long	 version;	/* the newest of them */
	char	 name[128];	/* its file name, "003_undo_cancel.sql" */
	size_t	 ntables;
	off_t	 size;		/* bytes */
};

/*
 * Dump the store named by c into file: mariadb-dump in one consistent
 * read (--single-transaction, so the site keeps running), the sessions'
 * rows left out, written to file.tmp (0600) and renamed to file only when
 * the dump completed and dump_check accepts it. 0 on success; else 1,
 * the reason on stderr, file untouched and file.tmp removed.
 */
int	dump_backup(const struct dz_conf *c, const char *file, struct dump_facts *);

/*
 * Check the dump open on fd (named path in messages), from its start: it
 * is mariadb-dump's, complete (its trailer is there), of one database (it
 * names none, so it loads into DB.Name), and a duizhang store's: it holds
 * schema_migrations, whose rows are, in order, the first of the shipped
 * migrations names[0..n) (names NULL: any rows will do). 0 when it is;
 * else 1 with the reason on stderr. fd is left at an unknown offset.
 */
int	dump_check(int fd, const char *path, char *const *names, size_t n,
	    struct dump_facts *);

/*
 * Replace the store with the dump on fd (checked, at any offset): drop
 * the tables drop[0..n) (the store's now, so only the dump's are left),
 * then load the dump, in one session of the mariadb client. 0 on success;
 * else 1, the reason on stderr (the store may then be part loaded: load
 * the same file again).
 */
int	dump_load(const struct dz_conf *c, int fd, char *const *drop, size_t n);

#endif
