/*
 * pdf_child.c: a PDF drawn in a child process (pdf.h, dz_pdf_apart,
 * dz_pdf_qrsheet_apart).
 *
 * Why: pango, cairo and fontconfig keep what they load (fontconfig's font
 * list, the CJK font's faces, the font files FreeType maps and the
 * subsetter reads through, tens of MB in all) for the life of the process;
 * in a worker that would stay after every PDF (DESIGN §8: back under 15 MB).
 * A child takes all of it with it when it ends, and a font that crashes
 * pango costs a 503, not the worker. The child touches nothing of the
 * request or the store: it draws, writes to a pipe and _exits.
 */
#include "config.h"

#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dz.h"
#include "clock.h"
#include "log.h"
#include "pdf.h"

/*
 * Read the child's PDF from fd until it closes it, waiting at most
 * DZ_PDF_SECONDS in all. -1 on a read error, the time limit or a PDF past
 * DZ_PDF_MAX.
 */
static int
pdf_read(int fd, unsigned char **buf, size_t *len)
{
	struct pollfd	 pfd;
	unsigned char	*nb;
	size_t		 cap = 0;
	ssize_t		 n;
	long long	 end = dz_clock_ms() + DZ_PDF_SECONDS * 1000LL, left;

	*buf = NULL;
	*len = 0;
	for (;;) {
		if ((left = end - dz_clock_ms()) <= 0)
			return -1;
		pfd.fd = fd;
		pfd.events = POLLIN;
		if (poll(&pfd, 1, (int)left) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd.revents == 0)
			continue;
		if (*len == cap) {
			cap = cap > 0 ? cap * 2 : 256 * 1024;
			if (cap > DZ_PDF_MAX || (nb = realloc(*buf, cap)) == NULL)
				return -1;
			*buf = nb;
		}
		if ((n = read(fd, *buf + *len, cap - *len)) < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		*len += (size_t)n;
	}
}

/* What a child draws: one of the three, the others NULL. */
struct job {
	const struct dz_pdf_in		*in;
	const struct dz_pdf_table	*tab;
	const struct dz_pdf_qrsheet	*qs;
};

static enum dz_err
draw(const struct job *j, unsigned char **doc, size_t *n)
{
	if (j->in != NULL)
		return dz_pdf_statement(j->in, doc, n);
	if (j->tab != NULL)
		return dz_pdf_table(j->tab, doc, n);
	return dz_pdf_qrsheet(j->qs, doc, n);
}

/* The job drawn in a child process, its PDF read back (dz_pdf_apart). */
static enum dz_err
apart(const struct job *j, const char *what, unsigned char **buf, size_t *len)
{
	unsigned char	*doc = NULL;
	size_t		 n = 0, off;
	ssize_t		 w;
	pid_t		 pid, w8;
	int		 fd[2], status = 0, rd;
	enum dz_err	 rc;

	*buf = NULL;
	*len = 0;
	if (pipe2(fd, O_CLOEXEC) != 0)
		return DZ_ERR_IO;
	if ((pid = fork()) < 0) {
		dz_log_err("pdf: fork: %s", strerror(errno));
		close(fd[0]);
		close(fd[1]);
		return DZ_ERR_IO;
	}
	if (pid == 0) {
		close(fd[0]);
		rc = draw(j, &doc, &n);
		for (off = 0; rc == DZ_OK && off < n; off += (size_t)w)
			if ((w = write(fd[1], doc + off, n - off)) < 0) {
				if (errno == EINTR) {
					w = 0;
					continue;
				}
				rc = DZ_ERR_IO;
			}
		_exit(rc == DZ_OK ? 0 : 100 + (int)rc);
	}
	close(fd[1]);
	rd = pdf_read(fd[0], buf, len);
	close(fd[0]);
	if (rd != 0)
		kill(pid, SIGKILL);
	while ((w8 = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		continue;
	/* NOTE: with SIGCHLD ignored the child is reaped unseen (ECHILD): a
	 * PDF read to its end is then taken as its word. */
	if (w8 < 0)
		status = rd == 0 && *len >= 6 && memcmp(*buf + *len - 6, "%%EOF\n", 6) == 0 ?
		    0 : W_EXITCODE(100 + DZ_ERR_IO, 0);
	if (rd == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && *len > 0)
		return DZ_OK;
	if (WIFEXITED(status) && WEXITSTATUS(status) > 100 &&
	    WEXITSTATUS(status) < 100 + DZ_ERR__MAX)
		rc = (enum dz_err)(WEXITSTATUS(status) - 100);
	else
		rc = DZ_ERR_IO;
	dz_log_err("pdf: %s: the drawing process %s %d", what,
	    WIFSIGNALED(status) ? "died of signal" : rd != 0 ? "was too slow or too big, status" :
	    "ended with", WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
	free(*buf);
	*buf = NULL;
	*len = 0;
	return rc;
}

enum dz_err
dz_pdf_apart(const struct dz_pdf_in *in, const struct dz_pdf_table *tab, const char *what,
    unsigned char **buf, size_t *len)
{
	struct job	j = { in, tab, NULL };

	*buf = NULL;
	*len = 0;
	if ((in == NULL) == (tab == NULL))
		return DZ_ERR_INVAL;
	return apart(&j, what, buf, len);
}

enum dz_err
dz_pdf_qrsheet_apart(const struct dz_pdf_qrsheet *qs, const char *what, unsigned char **buf,
    size_t *len)
{
	struct job	j = { NULL, NULL, qs };

	*buf = NULL;
	*len = 0;
	/* Refused here as the drawing would, without a process for it. */
	if (qs == NULL || qs->items == NULL || qs->n == 0)
		return DZ_ERR_INVAL;
	return apart(&j, what, buf, len);
}
