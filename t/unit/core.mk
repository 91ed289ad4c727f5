# t/unit/core.mk: unit tests of lib/money.c, lib/form.c, lib/utf8.c, lib/clock.c and
# lib/crypt.c.
# Each t/unit/0NN-topic.c is one TAP program testing one behaviour.
CORE_UNIT_TESTS = \
	t/unit/010-money-parse \
	t/unit/011-money-format \
	t/unit/012-money-decimal \
	t/unit/013-money-add \
	t/unit/014-money-scaled \
	t/unit/020-form-urlencoded \
	t/unit/021-form-validate \
	t/unit/022-form-cookie \
	t/unit/023-utf8 \
	t/unit/025-utf8-fit \
	t/unit/026-clock \
	t/unit/024-form-date \
	t/unit/030-crypt-token \
	t/unit/031-crypt-box \
	t/unit/032-crypt-sha256 \
	t/unit/033-crypt-keyfile \
	t/unit/034-crypt-b64url

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
t_unit_014_money_scaled_LDADD = $(CORE_UNIT_LDADD)
t_unit_014_money_scaled_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_020_form_urlencoded_LDADD = $(CORE_UNIT_LDADD)
t_unit_020_form_urlencoded_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_021_form_validate_LDADD = $(CORE_UNIT_LDADD)
t_unit_021_form_validate_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_022_form_cookie_LDADD = $(CORE_UNIT_LDADD)
t_unit_022_form_cookie_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_023_utf8_LDADD = $(CORE_UNIT_LDADD)
t_unit_023_utf8_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_025_utf8_fit_LDADD = $(CORE_UNIT_LDADD)
t_unit_025_utf8_fit_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_026_clock_LDADD = $(CORE_UNIT_LDADD)
t_unit_026_clock_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_024_form_date_LDADD = $(CORE_UNIT_LDADD)
t_unit_024_form_date_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_030_crypt_token_LDADD = $(CORE_UNIT_LDADD)
t_unit_030_crypt_token_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_031_crypt_box_LDADD = $(CORE_UNIT_LDADD)
t_unit_031_crypt_box_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_032_crypt_sha256_LDADD = $(CORE_UNIT_LDADD)
t_unit_032_crypt_sha256_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_033_crypt_keyfile_LDADD = $(CORE_UNIT_LDADD)
t_unit_033_crypt_keyfile_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
t_unit_034_crypt_b64url_LDADD = $(CORE_UNIT_LDADD)
t_unit_034_crypt_b64url_CPPFLAGS = $(CORE_UNIT_CPPFLAGS)
