# t/http/local.mk: TAP tests against the running stack (nginx, the
# programs, MariaDB, erpsim), started by deploy/test. Without DZ_TEST_BASE
# each test prints "1..0 # SKIP" (deploy/test always sets it).
#   005-110  the site, sessions, CSRF, roles, users, the store restarted
#   015      every statement of lib/db.c prepared against the schema
#   120-121  往来对账 against erpsim, and the ERP in trouble
#   200-290  the customer's page (helper: confirm-helper, lib/store's calls)
#   300-330  generating statements, the action matrix, the history
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
	t/http/110-valgrind.sh \
	t/http/120-query.sh \
	t/http/121-query-erp-trouble.sh \
	t/http/200-confirm-flow.sh \
	t/http/210-confirm-race.sh \
	t/http/220-confirm-gone.sh \
	t/http/230-confirm-tokens.sh \
	t/http/290-confirm-logs.sh \
	t/http/300-generate.sh \
	t/http/310-actions.sh \
	t/http/320-history.sh \
	t/http/330-history-cache.sh
TESTS += $(HTTP_TESTS)
dist_check_SCRIPTS += $(HTTP_TESTS)
EXTRA_DIST += t/http/confirm.inc.sh t/http/statements.inc.sh

check_PROGRAMS += t/http/015-db-statements t/http/confirm-helper
TESTS += t/http/015-db-statements
t_http_015_db_statements_CPPFLAGS = $(TEST_CPPFLAGS)
t_http_015_db_statements_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_http_confirm_helper_SOURCES = t/http/confirm-helper.c
t_http_confirm_helper_LDADD = $(DZ_LIBS)
