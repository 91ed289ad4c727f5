# The customer page's http tests (TAP; they skip without deploy/test's
# stack), their helper, and the browser flow.
check_PROGRAMS += t/http/confirm-helper
t_http_confirm_helper_SOURCES = t/http/confirm-helper.c
t_http_confirm_helper_LDADD = $(DZ_LIBS)
CONFIRM_TESTS = \
	t/http/200-confirm-flow.sh \
	t/http/210-confirm-race.sh \
	t/http/220-confirm-gone.sh \
	t/http/230-confirm-tokens.sh \
	t/http/290-confirm-logs.sh \
	t/browser/run.sh
TESTS += $(CONFIRM_TESTS)
dist_check_SCRIPTS += $(CONFIRM_TESTS)
EXTRA_DIST += t/http/confirm.inc.sh t/browser/run.sh t/browser/flow.js \
	t/browser/package.json t/browser/package-lock.json t/bench/confirm.sh
