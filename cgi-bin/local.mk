# The screen programs: one FastCGI program per screen.
screendir = $(libexecdir)/duizhang
screen_PROGRAMS = cgi-bin/dz-login

cgi_bin_dz_login_SOURCES = cgi-bin/login.c
cgi_bin_dz_login_LDADD = $(DZ_LIBS)

screen_PROGRAMS += cgi-bin/dz-users
cgi_bin_dz_users_SOURCES = cgi-bin/users.c
cgi_bin_dz_users_LDADD = $(DZ_LIBS)

# dz-confirm: the customer's page /c/<token>
screen_PROGRAMS += cgi-bin/dz-confirm
cgi_bin_dz_confirm_SOURCES = cgi-bin/confirm.c
cgi_bin_dz_confirm_LDADD = $(DZ_LIBS)
