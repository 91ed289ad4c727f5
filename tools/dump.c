/*
 * dump.c: dz-admin backup and restore, by running MariaDB's own client
 * tools (Debian's mariadb-client: mariadb-dump and mariadb).
 *
 * Why exec them rather than write a dumper on lib/db: mariadb-dump is
 * the well-kept, well-tested tool for exactly this job. It reads every
 * table in one consistent snapshot (--single-transaction: InnoDB's MVCC,
 * so the site keeps serving and writing while it runs), writes each table's
 * definition as the server has it (keys, foreign keys, AUTO_INCREMENT) and
 * its rows as INSERTs, binary columns as hex, and ends with a trailer that
 * says it finished. The mariadb client loads that back. A dumper of our
 * own would have to get every one of those right again, for every
 * server version, and would be the code least often run and most needed.
 * What is ours is around them: the credentials, the file's life, and the
 * checks that a file is complete and a duizhang store's before anything
 * of the store is dropped.
 *
 * Credentials: the config's DB.* go to the tools in a defaults file made
 * 0600 by mkostemp and unlinked at once, handed to the child as fd 3 and
 * named /dev/fd/3 (--defaults-file, so no other option file is read): the
 * password is never on a command line (ps shows those to every user) and
 * never in a file that outlives the call.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dz.h"
#include "conf.h"
#include "dump.h"

#define CFG_FD		3		/* the child's defaults file */
#define CFG_ARG		"--defaults-file=/dev/fd/3"

/* A MariaDB name we put on a command line or in SQL: [A-Za-z0-9_]+. */
static int
plain_name(const char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return i > 0 && i <= 64;
}

/* key="value" with \ and " escaped, as MariaDB's option files read it. */
static int
put_opt(FILE *f, const char *key, const char *v)
{
	const char	*p;

	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return -1;
	fprintf(f, "%s=\"", key);
	for (p = v; *p != '\0'; p++) {
		if (*p == '\\' || *p == '"')
			fputc('\\', f);
		fputc(*p, f);
	}
	fputs("\"\n", f);
	return 0;
}

/*
 * The client's options from the config, in a file already unlinked: the
 * returned fd (rewound) is all that is left of it. -1 on failure, said.
 */
static int
defaults_fd(const struct dz_conf *c)
{
	char		 path[PATH_MAX];
	const char	*tmp = getenv("TMPDIR");
	FILE		*f;
	int		 fd, bad = 0;

	snprintf(path, sizeof(path), "%s/dz-admin-XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if ((fd = mkostemp(path, O_CLOEXEC)) == -1) {
		fprintf(stderr, "dz-admin: %s: %s\n", path, strerror(errno));
		return -1;
	}
	unlink(path);
	if ((f = fdopen(dup(fd), "w")) == NULL) {
		close(fd);
		return -1;
	}
	fputs("[client]\n", f);
	bad |= put_opt(f, "user", c->db_user);
	bad |= put_opt(f, "password", c->db_password);
	if (c->db_socket[0] != '\0')
		bad |= put_opt(f, "socket", c->db_socket);
	else {
		/* (a cluster's first node: each node holds all of it) */
		bad |= put_opt(f, "host", c->db_nodes[0].host);
		fprintf(f, "port=%d\nprotocol=tcp\n", c->db_nodes[0].port);
	}
	if (fclose(f) != 0 || bad) {
		fprintf(stderr, "dz-admin: cannot write the client's options%s\n",
		    bad ? " (a control character in DB.User, DB.Password or the address)" : "");
		close(fd);
		return -1;
	}
	if (lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Start argv[0] with stdin in and stdout out (-1: ours) and the options
 * on fd 3; nothing else of ours stays open in it. The pid, or -1.
 */
static pid_t
start(char *const argv[], int in, int out, int cfg)
{
	pid_t	pid;

	if ((pid = fork()) == -1) {
		fprintf(stderr, "dz-admin: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid > 0)
		return pid;
	signal(SIGPIPE, SIG_DFL);
	if ((in != -1 && dup2(in, 0) == -1) || (out != -1 && dup2(out, 1) == -1) ||
	    dup2(cfg, CFG_FD) == -1 || fcntl(CFG_FD, F_SETFD, 0) == -1)
		_exit(127);
#ifdef HAVE_CLOSE_RANGE
	close_range(CFG_FD + 1, ~0U, 0);
#else
	{
		int	i;

		for (i = CFG_FD + 1; i < 1024; i++)
			close(i);
	}
#endif
	execvp(argv[0], argv);
	fprintf(stderr, "dz-admin: cannot run %s: %s (install mariadb-client)\n",
	    argv[0], strerror(errno));
	_exit(127);
}

/* Wait for pid; 0 when it exited 0, else 1 with what it did said. */
static int
finish(pid_t pid, const char *what)
{
	int	st;

	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			fprintf(stderr, "dz-admin: waitpid: %s\n", strerror(errno));
			return 1;
		}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFEXITED(st))
		fprintf(stderr, "dz-admin: %s exited with %d\n", what, WEXITSTATUS(st));
	else
		fprintf(stderr, "dz-admin: %s died of signal %d\n", what,
		    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	return 1;
}

/* ---- checking a dump ---------------------------------------------------- */

struct migration {
	long	 version;
	char	 name[128];
};

/*
 * The rows of one INSERT INTO `schema_migrations` VALUES (v,'name','at'),...;
 * appended to *m (*n of them). -1 when it does not read as such.
 */
static int
parse_migrations(const char *s, struct migration **m, size_t *n)
{
	struct migration	*nm;
	char			*end;
	size_t			 k;

	s = strstr(s, " VALUES");
	if (s == NULL)
		return -1;
	s += 7;
	for (;;) {
		while (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t' || *s == ',')
			s++;
		if (*s == ';')
			return 0;
		if (*s++ != '(')
			return -1;
		if ((nm = realloc(*m, (*n + 1) * sizeof(**m))) == NULL)
			return -1;
		*m = nm;
		nm = &(*m)[*n];
		errno = 0;
		nm->version = strtol(s, &end, 10);
		if (end == s || errno != 0 || end[0] != ',' || end[1] != '\'')
			return -1;
		s = end + 2;
		for (k = 0; *s != '\'' && *s != '\0' && *s != '\\'; s++)
			if (k + 1 < sizeof(nm->name))
				nm->name[k++] = *s;
		nm->name[k] = '\0';
		if (*s != '\'')
			return -1;
		/* the rest of the row: the time it was applied, quoted */
		for (s++; *s != ')' && *s != '\0'; s++)
			continue;
		if (*s++ != ')')
			return -1;
		(*n)++;
	}
}

/* Does line start with the string lit? */
#define STARTS(line, lit)	(strncmp((line), (lit), sizeof(lit) - 1) == 0)

/* What a pass over a dump has seen so far. */
struct scan {
	struct migration	*m;		/* schema_migrations' rows */
	size_t			 nm;
	char			*ins;		/* an INSERT of them, until its ';' */
	size_t			 inslen;
	int			 header;	/* mariadb-dump's first lines */
	int			 has_table;	/* CREATE TABLE `schema_migrations` */
	size_t			 ntables;
	char			*last;		/* the last line that is not empty */
};

/* A line (len bytes, with its newline); NULL, or why the dump is refused. */
static const char *
scan_line(struct scan *sc, const char *line, size_t len, long lineno)
{
	char	*p;

	if (lineno <= 3 && (STARTS(line, "-- MariaDB dump") || STARTS(line, "-- MySQL dump")))
		sc->header = 1;
	if (sc->ins == NULL) {
		/* Lines of the dump's own, never inside a row: a dump of
		 * several databases (or one named) would load elsewhere. */
		if (STARTS(line, "USE ") || STARTS(line, "CREATE DATABASE"))
			return "it names a database (made with --databases?); "
			    "restore loads into DB.Name only";
		if (STARTS(line, "CREATE TABLE `")) {
			sc->ntables++;
			if (STARTS(line, "CREATE TABLE `schema_migrations` ("))
				sc->has_table = 1;
		}
	}
	if (sc->ins != NULL || STARTS(line, "INSERT INTO `schema_migrations` VALUES")) {
		if ((p = realloc(sc->ins, sc->inslen + len + 1)) == NULL)
			return "out of memory";
		memcpy(p + sc->inslen, line, len + 1);
		sc->ins = p;
		sc->inslen += len;
		/* its rows one a line (10.11) or all on one: it ends with ";" */
		if (len >= 2 && line[len - 2] == ';' && line[len - 1] == '\n') {
			if (parse_migrations(sc->ins, &sc->m, &sc->nm) != 0)
				return "its schema_migrations rows do not read";
			free(sc->ins);
			sc->ins = NULL;
			sc->inslen = 0;
		}
	}
	if (len > 1 || line[0] != '\n') {
		free(sc->last);
		if ((sc->last = strdup(line)) == NULL)
			return "out of memory";
	}
	return NULL;
}

/* What the whole dump says; NULL, or why it is refused. */
static const char *
scan_end(const struct scan *sc)
{
	if (!sc->header)
		return "it is not a dump made by mariadb-dump";
	if (sc->last == NULL || !STARTS(sc->last, "-- Dump completed"))
		return "it is incomplete: it does not end with mariadb-dump's "
		    "\"-- Dump completed\" line (cut short, or still being written)";
	if (!sc->has_table || sc->nm == 0)
		return "it is not a duizhang store: it has no schema_migrations "
		    "table, or no rows in it";
	return NULL;
}

/* Are the dump's migrations the first of ours? 0, or 1 said. */
static int
same_schema(const char *path, const struct migration *m, size_t nm,
    char *const *names, size_t n)
{
	size_t	i;

	for (i = 0; i < nm; i++) {
		if (i >= n) {
			fprintf(stderr, "dz-admin: %s: refused: its schema (%s) is newer "
			    "than this installation's (%s): restore it with the "
			    "duizhang that made it\n", path, m[nm - 1].name,
			    n > 0 ? names[n - 1] : "none");
			return 1;
		}
		if (strcmp(m[i].name, names[i]) != 0 ||
		    m[i].version != strtol(names[i], NULL, 10)) {
			fprintf(stderr, "dz-admin: %s: refused: not this duizhang's "
			    "schema: its migration %ld is %s, ours %s\n", path,
			    m[i].version, m[i].name, names[i]);
			return 1;
		}
	}
	return 0;
}

int
dump_check(int fd, const char *path, char *const *names, size_t nnames,
    struct dump_facts *facts)
{
	struct scan	 sc;
	struct stat	 st;
	FILE		*f;
	char		*line = NULL;
	const char	*why = NULL;
	size_t		 cap = 0;
	ssize_t		 len;
	long		 lineno = 0;
	int		 rc = 1;

	memset(facts, 0, sizeof(*facts));
	memset(&sc, 0, sizeof(sc));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "dz-admin: %s: not a file\n", path);
		return 1;
	}
	if (lseek(fd, 0, SEEK_SET) != 0 || (f = fdopen(dup(fd), "r")) == NULL) {
		fprintf(stderr, "dz-admin: %s: %s\n", path, strerror(errno));
		return 1;
	}
	while (why == NULL && (len = getline(&line, &cap, f)) != -1)
		why = scan_line(&sc, line, (size_t)len, ++lineno);
	if (why == NULL && ferror(f))
		why = strerror(errno);
	if (why == NULL)
		why = scan_end(&sc);
	if (why != NULL)
		fprintf(stderr, "dz-admin: %s: refused: %s\n", path, why);
	else if (names == NULL || same_schema(path, sc.m, sc.nm, names, nnames) == 0) {
		facts->size = st.st_size;
		facts->ntables = sc.ntables;
		facts->nmigrations = sc.nm;
		facts->version = sc.m[sc.nm - 1].version;
		dz_copy(facts->name, sizeof(facts->name), sc.m[sc.nm - 1].name);
		rc = 0;
	}
	fclose(f);
	free(line);
	free(sc.ins);
	free(sc.last);
	free(sc.m);
	return rc;
}

/* ---- backup -------------------------------------------------------------- */

/* Make what was renamed in dir last through a crash. */
static void
sync_dir(const char *file)
{
	char	 dir[PATH_MAX], *slash;
	int	 fd;

	dz_copy(dir, sizeof(dir), file);
	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
}

int
dump_backup(const struct dz_conf *c, const char *file, struct dump_facts *facts)
{
	char		 tmp[PATH_MAX], skip[160];
	char		*argv[16];
	int		 cfg = -1, out = -1, in = -1, rc = 1, n = 0;
	pid_t		 pid;

	memset(facts, 0, sizeof(*facts));
	if (!plain_name(c->db_name)) {
		fprintf(stderr, "dz-admin: DB.Name %s: only letters, digits and _ "
		    "are supported here\n", c->db_name);
		return 1;
	}
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", file) >= sizeof(tmp)) {
		fprintf(stderr, "dz-admin: %s: name too long\n", file);
		return 1;
	}
	snprintf(skip, sizeof(skip), "--ignore-table-data=%s.sessions", c->db_name);
	if ((cfg = defaults_fd(c)) == -1)
		return 1;
	out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (out == -1 || fchmod(out, 0600) == -1) {
		fprintf(stderr, "dz-admin: %s: %s\n", tmp, strerror(errno));
		goto out;
	}
	if ((in = open("/dev/null", O_RDONLY | O_CLOEXEC)) == -1)
		goto out;
	argv[n++] = (char *)DZ_MARIADB_DUMP;
	argv[n++] = (char *)CFG_ARG;
	/* one snapshot of every table, read while the site writes */
	argv[n++] = (char *)"--single-transaction";
	argv[n++] = (char *)"--quick";
	argv[n++] = (char *)"--hex-blob";
	argv[n++] = (char *)"--no-tablespaces";
	argv[n++] = (char *)"--default-character-set=utf8mb4";
	/* a restore signs everyone out: sessions' table, not their rows */
	argv[n++] = skip;
	argv[n++] = (char *)c->db_name;
	argv[n] = NULL;
	if ((pid = start(argv, in, out, cfg)) == -1)
		goto out;
	if (finish(pid, DZ_MARIADB_DUMP) != 0)
		goto out;
	if (fsync(out) != 0) {
		fprintf(stderr, "dz-admin: %s: %s\n", tmp, strerror(errno));
		goto out;
	}
	close(out);
	/* Read back as restore will read it before renaming it. */
	if ((out = open(tmp, O_RDONLY | O_CLOEXEC)) == -1 ||
	    dump_check(out, tmp, NULL, 0, facts) != 0)
		goto out;
	if (rename(tmp, file) != 0) {
		fprintf(stderr, "dz-admin: rename %s to %s: %s\n", tmp, file, strerror(errno));
		goto out;
	}
	sync_dir(file);
	rc = 0;
out:
	if (rc != 0)
		unlink(tmp);
	if (out != -1)
		close(out);
	if (in != -1)
		close(in);
	close(cfg);
	return rc;
}

/* ---- restore ------------------------------------------------------------- */

/* Write all of buf to fd; -1 on failure. */
static int
write_all(int fd, const char *buf, size_t n)
{
	ssize_t	w;

	while (n > 0) {
		if ((w = write(fd, buf, n)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += w;
		n -= (size_t)w;
	}
	return 0;
}

int
dump_load(const struct dz_conf *c, int fd, char *const *drop, size_t ndrop)
{
	char		 buf[65536];
	char		*argv[8];
	void		(*old)(int);
	int		 cfg, p[2] = { -1, -1 }, rc = 1, n = 0, wrote = 0;
	size_t		 i;
	ssize_t		 r;
	pid_t		 pid;

	for (i = 0; i < ndrop; i++)
		if (!plain_name(drop[i])) {
			fprintf(stderr, "dz-admin: the store has a table named %s: "
			    "drop it by hand first\n", drop[i]);
			return 1;
		}
	if (!plain_name(c->db_name)) {
		fprintf(stderr, "dz-admin: DB.Name %s: only letters, digits and _ "
		    "are supported here\n", c->db_name);
		return 1;
	}
	if (lseek(fd, 0, SEEK_SET) != 0 || (cfg = defaults_fd(c)) == -1)
		return 1;
	if (pipe2(p, O_CLOEXEC) == -1) {
		close(cfg);
		return 1;
	}
	argv[n++] = (char *)DZ_MARIADB_CLIENT;
	argv[n++] = (char *)CFG_ARG;
	argv[n++] = (char *)"--default-character-set=utf8mb4";
	argv[n++] = (char *)"--batch";
	argv[n++] = (char *)c->db_name;
	argv[n] = NULL;
	old = signal(SIGPIPE, SIG_IGN);	/* a client that died is its exit status */
	pid = start(argv, p[0], -1, cfg);
	close(p[0]);
	close(cfg);
	if (pid == -1) {
		close(p[1]);
		signal(SIGPIPE, old);
		return 1;
	}
	/* One session: the old tables go, then the dump makes its own. */
	wrote = write_all(p[1], "SET FOREIGN_KEY_CHECKS = 0;\n", 28) == 0;
	for (i = 0; wrote && i < ndrop; i++) {
		n = snprintf(buf, sizeof(buf), "DROP TABLE IF EXISTS `%s`;\n", drop[i]);
		wrote = write_all(p[1], buf, (size_t)n) == 0;
	}
	while (wrote && (r = read(fd, buf, sizeof(buf))) != 0) {
		if (r == -1) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "dz-admin: reading the dump: %s\n", strerror(errno));
			wrote = 0;
			break;
		}
		wrote = write_all(p[1], buf, (size_t)r) == 0;
	}
	close(p[1]);
	rc = finish(pid, DZ_MARIADB_CLIENT);
	signal(SIGPIPE, old);
	if (rc == 0 && !wrote) {
		fprintf(stderr, "dz-admin: the dump was not all sent to %s\n",
		    DZ_MARIADB_CLIENT);
		rc = 1;
	}
	return rc;
}
