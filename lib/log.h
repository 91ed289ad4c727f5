/*
 * log.h: one line per event on stderr: time, program, pid, level, text.
 * Never log a password, a session id or a share token.
 */
#ifndef DZ_LOG_H
#define DZ_LOG_H

enum dz_loglevel {
	DZ_LOG_ERR,
	DZ_LOG_WARN,
	DZ_LOG_INFO,
	DZ_LOG_DEBUG,
	DZ_LOG__MAX
};

/* Set the program name and the threshold (from the config's Log.Level). */
void	dz_log_init(const char *progname, const char *level);

/*
 * The request being served: its support id (the one its error page
 * shows) goes into every line logged until it is cleared with NULL.
 */
void	dz_log_request(const char *support_id);

/*
 * Repeats: a message the same as the one before it (its text, not its
 * time or request) within DZ_LOG_REPEAT_SECONDS is counted, not written;
 * the count is written before the next different line, or with the same
 * message once the window is over ("… (repeated N times in S s)").
 */
#define DZ_LOG_REPEAT_SECONDS	10

void	dz_log(enum dz_loglevel, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#define dz_log_err(...)		dz_log(DZ_LOG_ERR, __VA_ARGS__)
#define dz_log_warn(...)	dz_log(DZ_LOG_WARN, __VA_ARGS__)
#define dz_log_info(...)	dz_log(DZ_LOG_INFO, __VA_ARGS__)
#define dz_log_debug(...)	dz_log(DZ_LOG_DEBUG, __VA_ARGS__)

#endif
