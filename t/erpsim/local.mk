# t/erpsim/local.mk: the ERP simulator (TDS server over SQLite) and its tests.
# The data side follows: the generator, the oracle, the ERP profile check
# and the independent-client tests.

noinst_PROGRAMS += t/erpsim/erpsim
# The SQL engine and what it calls. erpsim.c (main, listener, login)
# depends on it, never the reverse: unit-exec links it without erpsim.c.
ERPSIM_ENGINE = t/erpsim/exec.c t/erpsim/exec.h \
	t/erpsim/catalog.c t/erpsim/catalog.h \
	t/erpsim/logfile.c t/erpsim/logfile.h \
	t/erpsim/tds.c t/erpsim/tds.h t/erpsim/login.h \
	t/erpsim/types.c t/erpsim/types.h t/erpsim/sqlrw.c t/erpsim/sqlrw.h \
	t/erpsim/rpc.c t/erpsim/rpc.h
t_erpsim_erpsim_SOURCES = t/erpsim/erpsim.c t/erpsim/login.c t/erpsim/tls.c \
	t/erpsim/tls.h $(ERPSIM_ENGINE)
t_erpsim_erpsim_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
t_erpsim_erpsim_LDADD = $(SQLITE_LIBS) $(SSL_LIBS) $(CRYPTO_LIBS)

# Test clients (db-lib, ct-lib) and the load test.
check_PROGRAMS += t/erpsim/dbclient
t_erpsim_dbclient_SOURCES = t/erpsim/dbclient.c
t_erpsim_dbclient_LDADD = $(SYBDB_LIBS)
check_PROGRAMS += t/erpsim/ctclient
t_erpsim_ctclient_SOURCES = t/erpsim/ctclient.c
t_erpsim_ctclient_LDADD = $(CT_LIBS)
check_PROGRAMS += t/erpsim/stress
t_erpsim_stress_SOURCES = t/erpsim/stress.c
t_erpsim_stress_CPPFLAGS = $(TEST_CPPFLAGS)
t_erpsim_stress_LDADD = $(TAP_LIBS) $(SYBDB_LIBS)

TESTS += t/erpsim/test-tsql.sh t/erpsim/test-dblib.sh t/erpsim/test-ctlib.sh \
	t/erpsim/test-stress.sh
EXTRA_DIST += t/erpsim/testlib.sh t/erpsim/test-fixture.sql t/erpsim/README.md

# Parser unit tests + the fuzz target (t/fuzz/fuzz-tds.c) on mutations.
check_PROGRAMS += t/erpsim/unit-parse
t_erpsim_unit_parse_SOURCES = t/erpsim/unit-parse.c t/fuzz/fuzz-tds.c \
	t/erpsim/tds.c t/erpsim/login.c t/erpsim/rpc.c t/erpsim/testmsg.c \
	t/erpsim/testmsg.h
t_erpsim_unit_parse_CPPFLAGS = $(TEST_CPPFLAGS)
t_erpsim_unit_parse_LDADD = $(TAP_LIBS)
TESTS += t/erpsim/unit-parse t/erpsim/test-valgrind.sh
check_PROGRAMS += t/erpsim/unit-sqlrw
t_erpsim_unit_sqlrw_SOURCES = t/erpsim/unit-sqlrw.c t/erpsim/sqlrw.c \
	t/erpsim/types.c t/erpsim/tds.c
t_erpsim_unit_sqlrw_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
t_erpsim_unit_sqlrw_CPPFLAGS = $(TEST_CPPFLAGS)
t_erpsim_unit_sqlrw_LDADD = $(TAP_LIBS) $(SQLITE_LIBS)
TESTS += t/erpsim/unit-sqlrw
# Batches and RPCs through the engine on an in-memory SQLite, no erpsim.c.
check_PROGRAMS += t/erpsim/unit-exec
t_erpsim_unit_exec_SOURCES = t/erpsim/unit-exec.c t/erpsim/testmsg.c \
	t/erpsim/testmsg.h $(ERPSIM_ENGINE)
t_erpsim_unit_exec_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
t_erpsim_unit_exec_CPPFLAGS = $(TEST_CPPFLAGS)
t_erpsim_unit_exec_LDADD = $(TAP_LIBS) $(SQLITE_LIBS)
TESTS += t/erpsim/unit-exec

# A TDS client from the specification: packet size 512, split requests,
# token stream checks, idle attention, LOGIN7 without PRELOGIN.
check_PROGRAMS += t/erpsim/rawclient
t_erpsim_rawclient_SOURCES = t/erpsim/rawclient.c t/erpsim/testmsg.c \
	t/erpsim/tds.c
t_erpsim_rawclient_CPPFLAGS = $(TEST_CPPFLAGS)
t_erpsim_rawclient_LDADD = $(TAP_LIBS)
TESTS += t/erpsim/test-raw.sh
EXTRA_DIST += t/erpsim/test-tsql.sh t/erpsim/test-dblib.sh \
	t/erpsim/test-ctlib.sh t/erpsim/test-stress.sh t/erpsim/test-valgrind.sh \
	t/erpsim/test-raw.sh

# --- the data side: generator, oracle, profile check, other clients ---
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
t_erpsim_oracle_profiles_CPPFLAGS = $(TEST_CPPFLAGS) \
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
