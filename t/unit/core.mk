# t/unit/core.mk: unit tests of lib/money.c, lib/form.c and lib/crypt.c.
# Each t/unit/0NN-topic.c is one TAP program testing one behaviour.
CORE_UNIT_TESTS = \
	t/unit/010-money-parse \
	t/unit/011-money-format \
	t/unit/012-money-decimal \
	t/unit/013-money-add

check_PROGRAMS += $(CORE_UNIT_TESTS)
TESTS += $(CORE_UNIT_TESTS)

CORE_UNIT_LDADD = $(TAP_LIBS) $(DZ_LIBS)
# tap.h lives in t/lib, which AM_CPPFLAGS does not name.
CORE_UNIT_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/t/lib

t_unit_010_money_parse_LDADD = $(CORE_UNIT_LDADD)
t_unit_010_money_parse_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_011_money_format_LDADD = $(CORE_UNIT_LDADD)
t_unit_011_money_format_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_012_money_decimal_LDADD = $(CORE_UNIT_LDADD)
t_unit_012_money_decimal_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_013_money_add_LDADD = $(CORE_UNIT_LDADD)
t_unit_013_money_add_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
