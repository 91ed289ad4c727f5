/*
 * 027-log-repeat: lib/log's lines. A run of the same message is written
 * once and counted (a DB outage used to write one line a request: 76,000
 * in 10 s), the count comes out before the next different line, and the
 * request's support id is on each line written while it is set.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "tap.h"

/* Everything logged by fn, read back from stderr sent to a file. */
static char *
capture(void (*fn)(void))
{
	static char	buf[65536];
	FILE		*f = tmpfile();
	int		 saved = dup(2);
	size_t		 n;

	if (f == NULL || saved == -1)
		return NULL;
	fflush(stderr);
	dup2(fileno(f), 2);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int
count(const char *s, const char *needle)
{
	int	n = 0;

	while (s != NULL && (s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

static void
storm(void)
{
	int	i;

	dz_log_request("0123456789ab");
	for (i = 0; i < 1000; i++)
		dz_log_err("db: connect: gone");
	dz_log_request(NULL);
	dz_log_warn("something else");
	dz_log_err("db: connect: gone");
}

static void
varied(void)
{
	dz_log_info("one %d", 1);
	dz_log_info("one %d", 2);
	dz_log_info("one %d", 2);
	dz_log_info("one %d", 3);
}

int
main(void)
{
	char	*out;

	dz_log_init("t027", "debug");
	out = capture(storm);
	ok(out != NULL, "captured");
	is_int(count(out, "\n"), 4, "1,000 of the same line, then two others: 4 lines");
	is_int(count(out, "db: connect: gone\n"), 2,
	    "the message is written when it starts and again after another line");
	is_int(count(out, "(repeated 999 times in "), 1, "the 999 repeats are counted on one line");
	ok(strstr(out, "error: [0123456789ab] db: connect: gone\n") != NULL,
	    "the first line carries the request's support id");
	ok(strstr(out, "warn: something else\n") != NULL,
	    "a line after the request has no id");
	ok(strstr(out, "(repeated") < strstr(out, "something else"),
	    "the count comes before the next different line");
	out = capture(varied);
	is_int(count(out, "\n"), 4, "different messages are all written (3 and one repeat count)");
	ok(strstr(out, "one 2 (repeated 1 times") != NULL, "the one repeat is counted");
	return done_testing();
}
