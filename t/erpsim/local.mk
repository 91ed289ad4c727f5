# t/erpsim/local.mk: the ERP simulator (TDS server over SQLite) and its tests.
# The generator and oracle (erpsim-gen, erpsim-oracle) live in gen.mk.
include t/erpsim/gen.mk

noinst_PROGRAMS += t/erpsim/erpsim
t_erpsim_erpsim_SOURCES = t/erpsim/erpsim.c t/erpsim/erpsim.h \
	t/erpsim/tds.c t/erpsim/tds.h t/erpsim/login.c t/erpsim/login.h \
	t/erpsim/types.c t/erpsim/types.h t/erpsim/sqlrw.c t/erpsim/sqlrw.h \
	t/erpsim/rpc.c t/erpsim/rpc.h t/erpsim/exec.c
t_erpsim_erpsim_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
t_erpsim_erpsim_LDADD = $(SQLITE_LIBS)

# Test clients (db-lib, ct-lib) and the load test.
check_PROGRAMS += t/erpsim/dbclient
t_erpsim_dbclient_SOURCES = t/erpsim/dbclient.c
t_erpsim_dbclient_LDADD = $(SYBDB_LIBS)
check_PROGRAMS += t/erpsim/ctclient
t_erpsim_ctclient_SOURCES = t/erpsim/ctclient.c
t_erpsim_ctclient_LDADD = $(CT_LIBS)
