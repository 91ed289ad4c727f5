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
