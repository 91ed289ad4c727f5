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

screen_PROGRAMS += cgi-bin/dz-generate
cgi_bin_dz_generate_SOURCES = cgi-bin/generate.c
cgi_bin_dz_generate_LDADD = $(DZ_LIBS)

# dz-confirm: the customer's page /c/<token>
screen_PROGRAMS += cgi-bin/dz-confirm
cgi_bin_dz_confirm_SOURCES = cgi-bin/confirm.c
cgi_bin_dz_confirm_LDADD = $(DZ_LIBS)
