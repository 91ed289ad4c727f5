/*
 * logfile.h: the --log file, one line per login, batch and RPC. Every
 * session thread appends to it, so a line is written under one lock; main
 * opens and closes it, and the engine (exec.c) only appends.
 */
#ifndef ERPSIM_LOGFILE_H
#define ERPSIM_LOGFILE_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

struct logfile {
	FILE		*fp;	/* NULL without --log: logfile_put does nothing */
	pthread_mutex_t	 lock;
};

/*
 * Opens path for appending, or no file at all when path is NULL. Returns
 * 0, or -1 with errno set; close with logfile_close either way.
 */
int	logfile_open(struct logfile *, const char *path);
/*
 * Appends "YYYY-MM-DD HH:MM:SS.mmm spid=N kind: text" and flushes, so a
 * test reading the file sees the line at once. Never give it a password.
 */
void	logfile_put(struct logfile *, uint16_t spid, const char *kind,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	logfile_close(struct logfile *);

#endif
