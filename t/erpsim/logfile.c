/*
 * logfile.c: the --log file, shared by every session thread.
 */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "logfile.h"

int
logfile_open(struct logfile *lf, const char *path)
{
	lf->fp = NULL;
	pthread_mutex_init(&lf->lock, NULL);
	if (path != NULL && (lf->fp = fopen(path, "a")) == NULL)
		return -1;
	return 0;
}

void
logfile_put(struct logfile *lf, uint16_t spid, const char *kind,
    const char *fmt, ...)
{
	va_list		 ap;
	struct timespec	 ts;
	struct tm	 tm;
	char		 when[32];

	if (lf->fp == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
	pthread_mutex_lock(&lf->lock);
	fprintf(lf->fp, "%s.%03ld spid=%u %s: ", when, ts.tv_nsec / 1000000,
	    spid, kind);
	va_start(ap, fmt);
	vfprintf(lf->fp, fmt, ap);
	va_end(ap);
	fputc('\n', lf->fp);
	fflush(lf->fp);
	pthread_mutex_unlock(&lf->lock);
}

void
logfile_close(struct logfile *lf)
{
	/* NOTE: the lock is not destroyed: main closes after a bounded wait
	 * for the sessions, and a detached straggler may still hold it. */
	if (lf->fp != NULL)
		fclose(lf->fp);
	lf->fp = NULL;
}
