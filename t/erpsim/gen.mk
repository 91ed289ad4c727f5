# t/erpsim/gen.mk: the data side of erpsim (issue 3): the generator, the
# oracle, the ERP profile check and the independent-client tests.
# Included from t/erpsim/local.mk.

noinst_PROGRAMS += t/erpsim/erpsim-gen t/erpsim/erpsim-oracle
check_PROGRAMS += t/erpsim/oracle-profiles

t_erpsim_erpsim_gen_SOURCES = t/erpsim/gen.c t/erpsim/gen-names.c \
	t/erpsim/gen-names.h
nodist_t_erpsim_erpsim_gen_SOURCES = t/erpsim/gen-schema.h
t_erpsim_erpsim_gen_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_builddir)/t/erpsim \
	$(SQLITE_CFLAGS)
t_erpsim_erpsim_gen_LDADD = $(SQLITE_LIBS)

# The schema is kept as plain SQL and compiled into erpsim-gen as a string.
t/erpsim/gen-schema.h: $(top_srcdir)/t/erpsim/schema.sql
	$(AM_V_GEN)$(MKDIR_P) t/erpsim && \
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' \
		$(top_srcdir)/t/erpsim/schema.sql > $@.tmp && mv $@.tmp $@
t/erpsim/erpsim_gen-gen.$(OBJEXT): t/erpsim/gen-schema.h
CLEANFILES += t/erpsim/gen-schema.h

t_erpsim_erpsim_oracle_SOURCES = t/erpsim/oracle.c t/erpsim/oracle-core.c \
	t/erpsim/oracle.h
t_erpsim_erpsim_oracle_CPPFLAGS = $(AM_CPPFLAGS) $(SQLITE_CFLAGS)
t_erpsim_erpsim_oracle_LDADD = $(SQLITE_LIBS)

# Runs the queries of conf/erp/*.hdf against SQLite and compares with the oracle.
t_erpsim_oracle_profiles_SOURCES = t/erpsim/oracle-profiles.c \
	t/erpsim/oracle-core.c t/erpsim/oracle.h
t_erpsim_oracle_profiles_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t/lib \
	$(SQLITE_CFLAGS)
# It reads profiles with lib/erp_profile and signs with lib/stmt.
t_erpsim_oracle_profiles_LDADD = $(TAP_LIBS) $(DZ_LIBS) $(SQLITE_LIBS)

ERPSIM_DATA_TESTS = t/erpsim/test-gen.sh t/erpsim/test-oracle.sh \
	t/erpsim/test-profiles.sh t/erpsim/test-tedious.sh \
	t/erpsim/test-jtds.sh
TESTS += $(ERPSIM_DATA_TESTS)
dist_check_SCRIPTS += $(ERPSIM_DATA_TESTS)
EXTRA_DIST += t/erpsim/schema.sql t/erpsim/DATA.md conf/erp/grasp.hdf \
	conf/erp/huihuang.hdf t/erpsim/clients/package.json \
	t/erpsim/clients/package-lock.json t/erpsim/clients/tedious-test.js \
	t/erpsim/clients/JtdsTest.java t/erpsim/clients/lib.sh
