# t/http/local.mk: TAP shell tests against the running stack (nginx + the
# programs + MariaDB), started by deploy/test. Without DZ_TEST_BASE each
# test prints "1..0 # SKIP".
HTTP_TESTS = \
	t/http/005-nginx-site.sh \
	t/http/010-nginx.sh \
	t/http/020-login.sh \
	t/http/030-forced-change.sh \
	t/http/040-logout.sh \
	t/http/050-csrf.sh \
	t/http/060-methods.sh \
	t/http/070-roles.sh \
	t/http/080-users.sh \
	t/http/090-throttle.sh \
	t/http/100-db-restart.sh \
	t/http/110-valgrind.sh

TESTS += $(HTTP_TESTS)
dist_check_SCRIPTS += $(HTTP_TESTS)
EXTRA_DIST += t/lib/http.sh

include t/bench/local.mk

# Every statement of lib/db.c prepared against the migrated schema.
check_PROGRAMS += t/http/015-db-statements
TESTS += t/http/015-db-statements
t_http_015_db_statements_LDADD = $(TAP_LIBS) $(DZ_LIBS)
