/*
 * tap.h: a small TAP producer for C tests (automake's tap-driver.sh reads it).
 * Call plan(n) or finish with done_testing(); every ok() prints one line, and
 * a failure prints the file and line as a "#" diagnostic.
 */
#ifndef DZ_TAP_H
#define DZ_TAP_H

#include <stdint.h>

void	plan(int n);
void	skip_all(const char *why);
int	ok_at(const char *file, int line, int cond, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
int	is_int_at(const char *file, int line, long long got, long long want,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
int	is_str_at(const char *file, int line, const char *got, const char *want,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the plan if none was given; returns the exit code (0 = all ok). */
int	done_testing(void);

#define ok(c, ...)		ok_at(__FILE__, __LINE__, (c) != 0, __VA_ARGS__)
#define is_int(g, w, ...)	is_int_at(__FILE__, __LINE__, (g), (w), __VA_ARGS__)
#define is_str(g, w, ...)	is_str_at(__FILE__, __LINE__, (g), (w), __VA_ARGS__)

#endif
