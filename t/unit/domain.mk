# t/unit/domain.mk: unit tests of the domain modules (erp DSN, stmt, qr).
DOMAIN_TESTS = \
	t/unit/040-erp-dsn \
	t/unit/050-stmt-matrix \
	t/unit/051-stmt-transition \
	t/unit/052-stmt-totals \
	t/unit/053-stmt-fingerprint \
	t/unit/054-stmt-build \
	t/unit/055-stmt-vocab \
	t/unit/060-qr
check_PROGRAMS += $(DOMAIN_TESTS)
TESTS += $(DOMAIN_TESTS)

DOMAIN_TEST_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t/lib
t_unit_040_erp_dsn_SOURCES = t/unit/040-erp-dsn.c
t_unit_040_erp_dsn_CPPFLAGS = $(DOMAIN_TEST_CPPFLAGS)
t_unit_040_erp_dsn_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_050_stmt_matrix_SOURCES = t/unit/050-stmt-matrix.c
t_unit_050_stmt_matrix_CPPFLAGS = $(DOMAIN_TEST_CPPFLAGS)
t_unit_050_stmt_matrix_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_051_stmt_transition_SOURCES = t/unit/051-stmt-transition.c
t_unit_051_stmt_transition_CPPFLAGS = $(DOMAIN_TEST_CPPFLAGS)
t_unit_051_stmt_transition_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_052_stmt_totals_SOURCES = t/unit/052-stmt-totals.c
t_unit_052_stmt_totals_CPPFLAGS = $(DOMAIN_TEST_CPPFLAGS)
t_unit_052_stmt_totals_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_053_stmt_fingerprint_SOURCES = t/unit/053-stmt-fingerprint.c
t_unit_053_stmt_fingerprint_CPPFLAGS = $(DOMAIN_TEST_CPPFLAGS)
t_unit_053_stmt_fingerprint_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_054_stmt_build_SOURCES = t/unit/054-stmt-build.c
t_unit_054_stmt_build_CPPFLAGS = $(DOMAIN_TEST_CPPFLAGS)
t_unit_054_stmt_build_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_055_stmt_vocab_SOURCES = t/unit/055-stmt-vocab.c
t_unit_055_stmt_vocab_CPPFLAGS = $(DOMAIN_TEST_CPPFLAGS)
t_unit_055_stmt_vocab_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_060_qr_SOURCES = t/unit/060-qr.c
t_unit_060_qr_CPPFLAGS = $(DOMAIN_TEST_CPPFLAGS)
t_unit_060_qr_LDADD = $(TAP_LIBS) $(DZ_LIBS)
