# t/unit/gateway.mk: unit tests of the ERP gateway (lib/erp*: value
# decoding, the gateway without an ERP, the profiles and their contract,
# an account set's sealed address);
# the http tests of dz-query (t/http/1NN-query*.sh) run against erpsim.
GATEWAY_TESTS = \
	t/unit/080-erp-money \
	t/unit/081-erp-profile \
	t/unit/082-erp-profile-check \
	t/unit/083-erp-value-text \
	t/unit/084-store-account-seal
check_PROGRAMS += $(GATEWAY_TESTS)
TESTS += $(GATEWAY_TESTS)
t_unit_080_erp_money_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_081_erp_profile_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_082_erp_profile_check_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_083_erp_value_text_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_084_store_account_seal_LDADD = $(TAP_LIBS) $(DZ_LIBS)

GATEWAY_HTTP_TESTS = t/http/120-query.sh t/http/121-query-erp-trouble.sh
TESTS += $(GATEWAY_HTTP_TESTS)
dist_check_SCRIPTS += $(GATEWAY_HTTP_TESTS)
EXTRA_DIST += t/bench/query.sh
