# t/http/local.mk: TAP shell tests against the running stack (nginx + the
# programs + MariaDB), started by deploy/test. Without DZ_TEST_BASE each
# test prints "1..0 # SKIP".
HTTP_TESTS = \
	t/http/010-nginx.sh

TESTS += $(HTTP_TESTS)
dist_check_SCRIPTS += $(HTTP_TESTS)
EXTRA_DIST += t/lib/http.sh

include t/bench/local.mk
