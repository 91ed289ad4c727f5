#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *const levelname[DZ_LOG__MAX] = {
	"error", "warn", "info", "debug",
};

static const char	*prog = "duizhang";
static enum dz_loglevel	 threshold = DZ_LOG_INFO;

void
dz_log_init(const char *progname, const char *level)
{
	size_t	i;

	if (progname != NULL)
		prog = progname;
	if (level == NULL)
		return;
	for (i = 0; i < DZ_LOG__MAX; i++)
		if (strcmp(level, levelname[i]) == 0)
			threshold = (enum dz_loglevel)i;
}

void
dz_log(enum dz_loglevel lvl, const char *fmt, ...)
{
	char		 when[32], msg[1024];
	struct tm	 tm;
	time_t		 now;
	va_list		 ap;
	char		*p;

	if (lvl > threshold)
		return;
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One event, one line: a newline in a message must not forge another. */
	for (p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	fprintf(stderr, "%s %s[%ld] %s: %s\n", when, prog, (long)getpid(),
	    levelname[lvl], msg);
}
