# t/unit/app.mk: unit tests of lib/auth.c and lib/app.c (pure parts), and of
# the caches (lib/linkcache.c, lib/changes.c, lib/pagecache.c), and of
# lib/lang.h against the file it is made from.
APP_UNIT_TESTS = \
	t/unit/070-auth-password \
	t/unit/071-app-origin \
	t/unit/072-app-route \
	t/unit/073-linkcache \
	t/unit/074-changes \
	t/unit/075-pagecache \
	t/unit/076-lang

check_PROGRAMS += $(APP_UNIT_TESTS)
TESTS += $(APP_UNIT_TESTS)
t_unit_070_auth_password_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_071_app_origin_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_072_app_route_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_073_linkcache_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_074_changes_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_075_pagecache_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_076_lang_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_076_lang_CPPFLAGS = $(AM_CPPFLAGS) -DDZ_TOP_SRCDIR='"$(abs_top_srcdir)"'
