#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "utf8.h"

size_t
dz_utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char	 c = s[0];
	size_t		 n, i;
	uint32_t	 v;
	unsigned char	 lo = 0x80, hi = 0xbf;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c < 0xc2 || c > 0xf4)
		return 0;
	if (c < 0xe0) {
		n = 2;
		v = c & 0x1f;
	} else if (c < 0xf0) {
		n = 3;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (c == 0xed)
			hi = 0x9f;	/* surrogates */
	} else {
		n = 4;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;	/* overlong */
		else if (c == 0xf4)
			hi = 0x8f;	/* > U+10FFFF */
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
		v = v << 6 | (s[i] & 0x3f);
	}
	*cp = v;
	return n;
}

int
dz_utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;
	uint32_t		 cp;

	while (len > 0) {
		if ((n = dz_utf8_next(p, len, &cp)) == 0)
			return 0;
		p += n;
		len -= n;
	}
	return 1;
}

size_t
dz_utf8_len(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

size_t
dz_utf8_fit(const char *s, size_t len, size_t max)
{
	size_t	n;

	if (len <= max)
		return len;
	/* s[max] is the first byte left out: back up to a lead byte. */
	for (n = max; n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80; n--)
		continue;
	return n;
}

int
dz_utf8_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

enum dz_utf8_check
dz_utf8_check(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, n;
	uint32_t		 cp;

	for (i = 0; i < len; i += n) {
		if ((n = dz_utf8_next(p + i, len - i, &cp)) == 0)
			return DZ_UTF8_BAD;
		if (dz_utf8_is_control(cp))
			return DZ_UTF8_CONTROL;
	}
	return DZ_UTF8_OK;
}
