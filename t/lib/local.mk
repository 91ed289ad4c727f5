# t/lib/local.mk: what the tests share: the TAP library for the C tests
# (tap.h), the shell helpers of the http tests (http.sh). Only test
# programs see t/lib: they build with TEST_CPPFLAGS.
check_LIBRARIES = t/lib/libtap.a
t_lib_libtap_a_SOURCES = t/lib/tap.c t/lib/tap.h
t_lib_libtap_a_CPPFLAGS = $(TEST_CPPFLAGS)
TAP_LIBS = t/lib/libtap.a
TEST_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t/lib
EXTRA_DIST += t/lib/http.sh t/lib/erpsim.sh
