# The screen programs: one FastCGI program per screen.
screendir = $(libexecdir)/duizhang
screen_PROGRAMS = cgi-bin/dz-login

cgi_bin_dz_login_SOURCES = cgi-bin/login.c
cgi_bin_dz_login_LDADD = $(DZ_LIBS)
