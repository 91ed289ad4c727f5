# t/unit/domain.mk: unit tests of the domain modules (erp DSN, stmt, qr).
DOMAIN_TESTS = \
	t/unit/040-erp-dsn
check_PROGRAMS += $(DOMAIN_TESTS)
TESTS += $(DOMAIN_TESTS)

DOMAIN_TEST_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t/lib
t_unit_040_erp_dsn_SOURCES = t/unit/040-erp-dsn.c
t_unit_040_erp_dsn_CPPFLAGS = $(DOMAIN_TEST_CPPFLAGS)
t_unit_040_erp_dsn_LDADD = $(TAP_LIBS) $(DZ_LIBS)
