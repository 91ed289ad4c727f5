# The screen programs: one FastCGI program per screen.
screendir = $(libexecdir)/duizhang
screen_PROGRAMS = cgi-bin/dz-login

cgi_bin_dz_login_SOURCES = cgi-bin/login.c
cgi_bin_dz_login_LDADD = $(DZ_LIBS)

screen_PROGRAMS += cgi-bin/dz-users
cgi_bin_dz_users_SOURCES = cgi-bin/users.c
cgi_bin_dz_users_LDADD = $(DZ_LIBS)

screen_PROGRAMS += cgi-bin/dz-history
cgi_bin_dz_history_SOURCES = cgi-bin/history.c
cgi_bin_dz_history_LDADD = $(DZ_LIBS)

# dz-query: 往来对账 (ERP query screen). Its unit and http tests:
screen_PROGRAMS += cgi-bin/dz-query
cgi_bin_dz_query_SOURCES = cgi-bin/query.c
cgi_bin_dz_query_LDADD = $(DZ_LIBS)
include t/unit/gateway.mk

# dz-confirm: the customer's page /c/<token>
screen_PROGRAMS += cgi-bin/dz-confirm
cgi_bin_dz_confirm_SOURCES = cgi-bin/confirm.c
cgi_bin_dz_confirm_LDADD = $(DZ_LIBS)
# its http tests (TAP; they skip without deploy/test's stack) and their helper
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
