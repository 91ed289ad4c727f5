# DZ_CHECK_FCGI_PARAMS_FIX: does the libfcgi we link survive the crafted
# record of CVE-2025-23016? Warns when it does not.
#
# How: a run check, not a version number. A program linked like ours
# serves one FastCGI socket in a child; the parent sends it a PARAMS record
# whose two lengths are 0x7ffffffe (each below INT_MAX, so they pass the
# first upstream fix, which Debian 12's 2.4.2-2+deb12u1 carries, while
# their int sum still overflows), then a valid request. With the full fix
# (upstream 2.4.7: the sum in size_t) the record is refused and the valid
# request is accepted; without it (Debian 12, upstream 2.4.5 and 2.4.6)
# the child aborts. Why not the version:
# the package that says it fixes the CVE is half fixed (as are upstream's
# 2.4.5 and 2.4.6, released as its fix),
# versions differ per distribution and a libfcgi built from source has
# none, and the run check asks the very library the linker finds. Its one
# blind spot: with the full fix the child asks malloc for 4 GiB; where
# that fails (a small memory limit) the child aborts all the same, and the
# warning is then true of this machine. Cross-compiling: not checked.
AC_DEFUN([DZ_CHECK_FCGI_PARAMS_FIX], [
AC_CACHE_CHECK([whether libfcgi survives the CVE-2025-23016 record],
	[dz_cv_fcgi_params_fix], [
	save_CFLAGS=$CFLAGS
	save_LIBS=$LIBS
	CFLAGS="$CFLAGS $FCGI_CFLAGS"
	LIBS="$FCGI_LIBS $LIBS"
	rm -f conftest.result
	AC_RUN_IFELSE([AC_LANG_SOURCE([[
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcgiapp.h>

static const unsigned char begin[16] = {
	1, 1, 0, 1, 0, 8, 0, 0,		/* BEGIN_REQUEST, id 1, 8 bytes */
	0, 1, 0, 0, 0, 0, 0, 0		/* RESPONDER */
};

static int
dial(const struct sockaddr_un *sun)
{
	int	fd = socket(AF_UNIX, SOCK_STREAM, 0);

	if (fd == -1 || connect(fd, (const struct sockaddr *)sun, sizeof(*sun)) == -1)
		return -1;
	return fd;
}

static void
say(const char *what)
{
	FILE	*f = fopen("conftest.result", "w");

	if (f != NULL) {
		fputs(what, f);
		fclose(f);
	}
}

int
main(void)
{
	char			dir[] = "/tmp/dzfcgiXXXXXX", buf[64];
	unsigned char		bad[16 + 8 + 8 + 16], ok[16 + 8];
	struct sockaddr_un	sun;
	FCGX_Request		req;
	int			ls, fd, status = 0;
	pid_t			pid;

	signal(SIGPIPE, SIG_IGN);
	if (mkdtemp(dir) == NULL)
		return 2;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/s", dir);
	if ((ls = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(ls, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    listen(ls, 4) == -1)
		goto out;
	if ((pid = fork()) == -1)
		goto out;
	if (pid == 0) {
		alarm(10);
		if (FCGX_Init() != 0 || FCGX_InitRequest(&req, ls, 0) != 0)
			_exit(3);
		_exit(FCGX_Accept_r(&req) == 0 ? 0 : 3);
	}
	/* PARAMS, 24 bytes: name and value lengths 0x7ffffffe, 16 more. */
	memcpy(bad, begin, 16);
	memcpy(bad + 16, "\1\4\0\1\0\30\0\0\377\377\377\376\377\377\377\376", 16);
	memset(bad + 32, 'A', 16);
	if ((fd = dial(&sun)) != -1) {
		/* The end of the stream: a fixed library stops reading the
		 * announced name there and refuses the record. */
		if (write(fd, bad, sizeof(bad)) == (ssize_t)sizeof(bad) &&
		    shutdown(fd, SHUT_WR) == 0)
			while (read(fd, buf, sizeof(buf)) > 0)
				;
		close(fd);
	}
	/* A request with no parameters: an empty PARAMS record ends them. */
	memcpy(ok, begin, 16);
	memcpy(ok + 16, "\1\4\0\1\0\0\0\0", 8);
	if ((fd = dial(&sun)) != -1) {
		if (write(fd, ok, sizeof(ok)) != (ssize_t)sizeof(ok))
			status = -1;
		close(fd);
	}
	if (waitpid(pid, &status, 0) == -1)
		status = -1;
	if (WIFSIGNALED(status))
		say(WTERMSIG(status) == SIGALRM ? "unknown" : "no");
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		say("yes");
	else
		say("unknown");
out:
	unlink(sun.sun_path);
	rmdir(dir);
	return 0;
}
]])],
	[dz_cv_fcgi_params_fix=`cat conftest.result 2>/dev/null`
	 test -n "$dz_cv_fcgi_params_fix" || dz_cv_fcgi_params_fix=unknown],
	[dz_cv_fcgi_params_fix=unknown],
	[dz_cv_fcgi_params_fix="not checked (cross-compiling)"])
	rm -f conftest.result
	CFLAGS=$save_CFLAGS
	LIBS=$save_LIBS
])
dz_fcgi_pkg=
if command -v dpkg-query >/dev/null 2>&1; then
	dz_fcgi_pkg=`dpkg-query -W -f='${Version}' libfcgi0ldbl 2>/dev/null`
	test -z "$dz_fcgi_pkg" || dz_fcgi_pkg=" (the Debian package here: libfcgi0ldbl $dz_fcgi_pkg)"
fi
case $dz_cv_fcgi_params_fix in
yes) ;;
no)
	AC_MSG_WARN([libfcgi$dz_fcgi_pkg lacks the full fix of CVE-2025-23016: a crafted record on a program's socket aborts the worker that reads it. The programs restart their workers (lib/super); keep each socket 0660 with nginx's group only, and use libfcgi 2.4.7 or later (or a package with its fix) when your distribution has it.])
	;;
*)
	AC_MSG_WARN([could not tell whether libfcgi$dz_fcgi_pkg has the full fix of CVE-2025-23016 ($dz_cv_fcgi_params_fix).])
	;;
esac
])
