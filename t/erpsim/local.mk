# t/erpsim/local.mk: the ERP simulator (TDS server over SQLite) and its tests.
# The generator and oracle (erpsim-gen, erpsim-oracle) live in gen.mk.
include t/erpsim/gen.mk

noinst_PROGRAMS += t/erpsim/erpsim
# The SQL engine and what it calls. erpsim.c (main, listener, login)
# depends on it, never the reverse: unit-exec links it without erpsim.c.
ERPSIM_ENGINE = t/erpsim/exec.c t/erpsim/exec.h \
	t/erpsim/catalog.c t/erpsim/catalog.h \
	t/erpsim/logfile.c t/erpsim/logfile.h \
	t/erpsim/tds.c t/erpsim/tds.h t/erpsim/login.h \
	t/erpsim/types.c t/erpsim/types.h t/erpsim/sqlrw.c t/erpsim/sqlrw.h \
	t/erpsim/rpc.c t/erpsim/rpc.h
t_erpsim_erpsim_SOURCES = t/erpsim/erpsim.c t/erpsim/login.c $(ERPSIM_ENGINE)
t_erpsim_erpsim_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
t_erpsim_erpsim_LDADD = $(SQLITE_LIBS)

# Test clients (db-lib, ct-lib) and the load test.
check_PROGRAMS += t/erpsim/dbclient
t_erpsim_dbclient_SOURCES = t/erpsim/dbclient.c
t_erpsim_dbclient_LDADD = $(SYBDB_LIBS)
check_PROGRAMS += t/erpsim/ctclient
t_erpsim_ctclient_SOURCES = t/erpsim/ctclient.c
t_erpsim_ctclient_LDADD = $(CT_LIBS)
check_PROGRAMS += t/erpsim/stress
t_erpsim_stress_SOURCES = t/erpsim/stress.c
t_erpsim_stress_LDADD = $(TAP_LIBS) $(SYBDB_LIBS)

TESTS += t/erpsim/test-tsql.sh t/erpsim/test-dblib.sh t/erpsim/test-ctlib.sh \
	t/erpsim/test-stress.sh
EXTRA_DIST += t/erpsim/testlib.sh t/erpsim/test-fixture.sql t/erpsim/README.md

# Parser unit tests + the fuzz target (t/fuzz/fuzz-tds.c) on mutations.
check_PROGRAMS += t/erpsim/unit-parse
t_erpsim_unit_parse_SOURCES = t/erpsim/unit-parse.c t/fuzz/fuzz-tds.c \
	t/erpsim/tds.c t/erpsim/login.c t/erpsim/rpc.c t/erpsim/testmsg.c \
	t/erpsim/testmsg.h
t_erpsim_unit_parse_LDADD = $(TAP_LIBS)
TESTS += t/erpsim/unit-parse t/erpsim/test-valgrind.sh
check_PROGRAMS += t/erpsim/unit-sqlrw
t_erpsim_unit_sqlrw_SOURCES = t/erpsim/unit-sqlrw.c t/erpsim/sqlrw.c \
	t/erpsim/types.c t/erpsim/tds.c
t_erpsim_unit_sqlrw_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
t_erpsim_unit_sqlrw_LDADD = $(TAP_LIBS) $(SQLITE_LIBS)
TESTS += t/erpsim/unit-sqlrw
# Batches and RPCs through the engine on an in-memory SQLite, no erpsim.c.
check_PROGRAMS += t/erpsim/unit-exec
t_erpsim_unit_exec_SOURCES = t/erpsim/unit-exec.c t/erpsim/testmsg.c \
	t/erpsim/testmsg.h $(ERPSIM_ENGINE)
t_erpsim_unit_exec_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
t_erpsim_unit_exec_LDADD = $(TAP_LIBS) $(SQLITE_LIBS)
TESTS += t/erpsim/unit-exec

# Benchmark helper (not part of make check): sh t/bench/erpsim-rows.sh
noinst_PROGRAMS += t/bench/erpsim-rows
t_bench_erpsim_rows_SOURCES = t/bench/erpsim-rows.c
t_bench_erpsim_rows_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
t_bench_erpsim_rows_LDADD = $(SYBDB_LIBS) $(SQLITE_LIBS)
EXTRA_DIST += t/bench/erpsim-rows.sh

# A TDS client from the specification: packet size 512, split requests,
# token stream checks, idle attention, LOGIN7 without PRELOGIN.
check_PROGRAMS += t/erpsim/rawclient
t_erpsim_rawclient_SOURCES = t/erpsim/rawclient.c t/erpsim/testmsg.c \
	t/erpsim/tds.c
t_erpsim_rawclient_LDADD = $(TAP_LIBS)
TESTS += t/erpsim/test-raw.sh
EXTRA_DIST += t/erpsim/test-tsql.sh t/erpsim/test-dblib.sh \
	t/erpsim/test-ctlib.sh t/erpsim/test-stress.sh t/erpsim/test-valgrind.sh \
	t/erpsim/test-raw.sh
