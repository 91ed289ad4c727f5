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
static char		 request[24];

/* The last line written, to count its repeats (one process, one loop). */
static struct {
	char			 msg[1024];
	enum dz_loglevel	 lvl;
	time_t			 at;		/* when it was written */
	unsigned long		 repeats;	/* since, not written */
} last;

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
dz_log_request(const char *support_id)
{
	snprintf(request, sizeof(request), "%s", support_id != NULL ? support_id : "");
}

static void
line(time_t now, enum dz_loglevel lvl, const char *msg, const char *tail)
{
	char		 when[32];
	struct tm	 tm;

	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	fprintf(stderr, "%s %s[%ld] %s: %s%s%s%s%s\n", when, prog, (long)getpid(),
	    levelname[lvl], request[0] != '\0' ? "[" : "", request,
	    request[0] != '\0' ? "] " : "", msg, tail);
}

/* The count of the last message's repeats, if any, written now. */
static void
flush_repeats(time_t now)
{
	char	tail[96];

	if (last.repeats == 0)
		return;
	snprintf(tail, sizeof(tail), " (repeated %lu times in %lld s)",
	    last.repeats, (long long)(now - last.at));
	line(now, last.lvl, last.msg, tail);
	last.repeats = 0;
}

void
dz_log(enum dz_loglevel lvl, const char *fmt, ...)
{
	char		 msg[1024];
	time_t		 now;
	va_list		 ap;
	char		*p;

	if (lvl > threshold)
		return;
	now = time(NULL);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One event, one line: a newline in a message must not forge another. */
	for (p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (lvl == last.lvl && strcmp(msg, last.msg) == 0 &&
	    now - last.at < DZ_LOG_REPEAT_SECONDS) {
		last.repeats++;
		return;
	}
	flush_repeats(now);
	line(now, lvl, msg, "");
	memcpy(last.msg, msg, sizeof(msg));
	last.lvl = lvl;
	last.at = now;
}
