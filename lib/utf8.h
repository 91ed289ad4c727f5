/*
 * utf8.h: the one place that knows UTF-8. Well-formed means Unicode 15,
 * table 3-7: no overlongs, no surrogates, nothing above U+10FFFF, no
 * truncated sequence. Pure functions, no allocation.
 */
#ifndef DZ_UTF8_H
#define DZ_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decode one code point at s[0..len) (len >= 1). Returns its length in
 * bytes and sets *cp, or 0 if the bytes there are not well-formed.
 */
size_t		 dz_utf8_next(const unsigned char *s, size_t len, uint32_t *cp);

/* Is s (len bytes) well-formed UTF-8? */
int		 dz_utf8_valid(const char *s, size_t len);

/* Number of code points in well-formed UTF-8 (lead bytes counted). */
size_t		 dz_utf8_len(const char *s, size_t len);

/*
 * The longest prefix of s (len bytes) of at most max bytes that does not
 * cut a sequence in two: where to cut text to fit a column or a buffer.
 * Text that already fits is returned whole (len).
 */
size_t		 dz_utf8_fit(const char *s, size_t len, size_t max);

/* A C0 control, DEL or a C1 control (U+0000-001F, U+007F-009F)? */
int		 dz_utf8_is_control(uint32_t cp);

enum dz_utf8_check {
	DZ_UTF8_OK = 0,
	DZ_UTF8_CONTROL,	/* well-formed, but with a control character */
	DZ_UTF8_BAD		/* not well-formed */
};

/*
 * Well-formed text without control characters (dz_utf8_is_control)? The
 * first problem from the start decides which error.
 */
enum dz_utf8_check dz_utf8_check(const char *s, size_t len);

#endif /* DZ_UTF8_H */
