/*
 * lib/pagecache: a kept page is found only under its key and stamp, while
 * young enough; each copy carries the visitor's own token in every place
 * the kept one had its token; odd pages are not kept.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pagecache.h"
#include "tap.h"

static struct dz_pcache	c;

#define TOK_A	"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define TOK_B	"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

int
main(void)
{
	const struct dz_page	*p;
	char			*out, key[DZ_PCACHE_KEY + 8];
	const char		*page = "<form><input value=\"" TOK_A "\"></form>"
				    "<p>x</p><a data-t=\"" TOK_A "\">";
	int			 i, kept;

	dz_pcache_put(&c, "k1", 7, 1000, strdup(page), strlen(page), TOK_A);
	p = dz_pcache_find(&c, "k1", 7, 1500, 1000);
	ok(p != NULL, "found under its key and stamp while young");
	ok(dz_pcache_find(&c, "k2", 7, 1500, 1000) == NULL, "not under another key");
	ok(dz_pcache_find(&c, "k1", 8, 1500, 1000) == NULL, "not under another stamp");
	ok(dz_pcache_find(&c, "k1", 7, 2000, 1000) == NULL, "not once max_age old");
	ok(dz_pcache_find(&c, "k1", 7, 999, 1000) == NULL, "not when the clock went back");
	ok(dz_pcache_find(&c, "k1", 7, 999999, 0) != NULL, "max_age 0: any age");

	if (p != NULL && dz_pcache_copy(p, TOK_B, &out) == DZ_OK) {
		ok(strstr(out, TOK_A) == NULL, "the copy has none of the kept token");
		ok(strstr(out, "value=\"" TOK_B "\"") != NULL &&
		    strstr(out, "data-t=\"" TOK_B "\"") != NULL,
		    "and the visitor's token in both places");
		is_int((long long)strlen(out), (long long)strlen(page), "same length");
		free(out);
	} else
		ok(0, "copy made");
	ok(p != NULL && dz_pcache_copy(p, "short", &out) != DZ_OK,
	    "a token of another length is refused");

	/* A newer stamp replaces the page under the same key. */
	dz_pcache_put(&c, "k1", 9, 3000, strdup("<p>" TOK_A "</p>"), 50, TOK_A);
	ok(dz_pcache_find(&c, "k1", 7, 3001, 0) == NULL, "the old stamp is gone");
	ok(dz_pcache_find(&c, "k1", 9, 3001, 0) != NULL, "the new one is there");

	/* Not kept: too many tokens, a key too long, no token. */
	{
		char	odd[1024] = "";

		for (i = 0; i <= DZ_PCACHE_SPOTS; i++)
			strcat(odd, TOK_A " ");
		dz_pcache_put(&c, "odd", 1, 0, strdup(odd), strlen(odd), TOK_A);
		ok(dz_pcache_find(&c, "odd", 1, 0, 0) == NULL,
		    "a page with more tokens than places noted: not kept");
	}
	memset(key, 'k', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0';
	dz_pcache_put(&c, key, 1, 0, strdup("x"), 1, TOK_A);
	key[DZ_PCACHE_KEY - 1] = '\0';
	ok(dz_pcache_find(&c, key, 1, 0, 0) == NULL, "a key too long: not kept");
	dz_pcache_put(&c, "notok", 1, 0, strdup("x"), 1, NULL);
	ok(dz_pcache_find(&c, "notok", 1, 0, 0) == NULL, "no token: not kept");

	/* Full: the least recently used goes. */
	for (i = 0; i < DZ_PCACHE_SLOTS; i++) {
		char	k[16];

		snprintf(k, sizeof(k), "n%d", i);
		dz_pcache_put(&c, k, 1, 0, strdup(TOK_A), strlen(TOK_A), TOK_A);
		dz_pcache_find(&c, "k1", 9, 3001, 0);
	}
	ok(dz_pcache_find(&c, "k1", 9, 3001, 0) != NULL,
	    "a page in use survives as many newer ones as there are slots");
	kept = 0;
	for (i = 0; i < DZ_PCACHE_SLOTS; i++) {
		char	k[16];

		snprintf(k, sizeof(k), "n%d", i);
		kept += dz_pcache_find(&c, k, 1, 0, 0) != NULL;
	}
	is_int(kept, DZ_PCACHE_SLOTS - 1, "the oldest of the others made room");
	dz_pcache_clear(&c);
	ok(dz_pcache_find(&c, "k1", 9, 3001, 0) == NULL, "cleared: nothing kept");
	return done_testing();
}
