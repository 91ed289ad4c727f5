# t/unit/local.mk: the unit tests. Each t/unit/NNN-topic.c is one TAP
# program testing one behaviour of lib/ (money, form, utf8, clock, crypt, ERP data
# address and values, stmt, qr, auth, app, the caches, lang.h against the
# file it is made from, the ERP profiles,
# an account set's sealed address, multipart bodies); they need nothing running. The last
# one, layering.sh, checks lib/README's rules on the sources.
UNIT_TESTS = \
	t/unit/010-money-parse \
	t/unit/011-money-format \
	t/unit/012-money-decimal \
	t/unit/013-money-add \
	t/unit/014-money-scaled \
	t/unit/015-money-upper \
	t/unit/020-form-urlencoded \
	t/unit/021-form-validate \
	t/unit/022-form-cookie \
	t/unit/023-utf8 \
	t/unit/024-form-date \
	t/unit/025-utf8-fit \
	t/unit/026-clock \
	t/unit/028-aging \
	t/unit/029-match \
	t/unit/027-log-repeat \
	t/unit/030-crypt-token \
	t/unit/031-crypt-box \
	t/unit/032-crypt-sha256 \
	t/unit/033-crypt-keyfile \
	t/unit/034-crypt-b64url \
	t/unit/140-crypt-key-rotate \
	t/unit/040-erp-dsn \
	t/unit/045-erp-guard \
	t/unit/050-stmt-matrix \
	t/unit/051-stmt-transition \
	t/unit/052-stmt-totals \
	t/unit/053-stmt-fingerprint \
	t/unit/054-stmt-build \
	t/unit/055-stmt-vocab \
	t/unit/060-qr \
	t/unit/070-auth-password \
	t/unit/071-app-origin \
	t/unit/072-app-route \
	t/unit/073-linkcache \
	t/unit/074-changes \
	t/unit/075-pagecache \
	t/unit/076-lang \
	t/unit/077-super \
	t/unit/078-conf-public-base \
	t/unit/080-erp-money \
	t/unit/081-erp-profile \
	t/unit/082-erp-profile-check \
	t/unit/083-erp-value-text \
	t/unit/084-store-account-seal \
	t/unit/085-csv \
	t/unit/086-xlsx \
	t/unit/087-sheet \
	t/unit/088-ledger \
	t/unit/089-multipart \
	t/unit/090-recon-form \
	t/unit/091-month \
	t/unit/092-rollup \
	t/unit/093-import \
	t/unit/094-import-json \
	t/unit/095-import-template \
	t/unit/096-conf-db-nodes \
	t/unit/560-notify \
	t/unit/570-drift
check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS) t/unit/layering.sh
dist_check_SCRIPTS += t/unit/layering.sh

t_unit_045_erp_guard_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_045_erp_guard_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_027_log_repeat_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_077_super_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_077_super_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_078_conf_public_base_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_078_conf_public_base_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_027_log_repeat_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_010_money_parse_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_010_money_parse_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_011_money_format_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_011_money_format_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_012_money_decimal_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_012_money_decimal_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_013_money_add_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_013_money_add_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_020_form_urlencoded_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_020_form_urlencoded_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_021_form_validate_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_021_form_validate_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_022_form_cookie_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_022_form_cookie_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_023_utf8_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_023_utf8_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_024_form_date_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_024_form_date_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_030_crypt_token_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_030_crypt_token_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_031_crypt_box_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_031_crypt_box_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_032_crypt_sha256_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_032_crypt_sha256_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_033_crypt_keyfile_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_033_crypt_keyfile_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_140_crypt_key_rotate_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_140_crypt_key_rotate_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_034_crypt_b64url_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_034_crypt_b64url_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_040_erp_dsn_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_040_erp_dsn_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_050_stmt_matrix_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_050_stmt_matrix_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_051_stmt_transition_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_051_stmt_transition_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_052_stmt_totals_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_052_stmt_totals_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_053_stmt_fingerprint_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_053_stmt_fingerprint_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_060_qr_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_060_qr_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_070_auth_password_CPPFLAGS = $(TEST_CPPFLAGS) \
	-DDZ_COMMON_BUILT='"$(abs_top_builddir)/common-passwords.txt"'
t_unit_070_auth_password_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_071_app_origin_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_071_app_origin_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_072_app_route_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_072_app_route_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_073_linkcache_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_073_linkcache_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_074_changes_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_074_changes_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_075_pagecache_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_075_pagecache_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_080_erp_money_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_080_erp_money_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_081_erp_profile_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_081_erp_profile_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_082_erp_profile_check_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_082_erp_profile_check_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_083_erp_value_text_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_083_erp_value_text_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_084_store_account_seal_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_084_store_account_seal_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_014_money_scaled_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_014_money_scaled_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_025_utf8_fit_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_025_utf8_fit_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_026_clock_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_026_clock_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_054_stmt_build_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_054_stmt_build_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_055_stmt_vocab_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_055_stmt_vocab_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_076_lang_CPPFLAGS = $(TEST_CPPFLAGS) -DDZ_TOP_SRCDIR='"$(abs_top_srcdir)"'
t_unit_076_lang_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_092_rollup_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_092_rollup_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_093_import_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_093_import_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_094_import_json_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_094_import_json_LDADD = $(TAP_LIBS) $(DZ_LIBS) $(JANSSON_LIBS)
t_unit_096_conf_db_nodes_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_096_conf_db_nodes_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_095_import_template_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_095_import_template_LDADD = $(TAP_LIBS) $(DZ_LIBS) $(SHEET_LIBS) $(XLSX_LIBS)
t_unit_028_aging_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_028_aging_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_029_match_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_029_match_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_015_money_upper_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_015_money_upper_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_085_csv_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_085_csv_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_086_xlsx_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_086_xlsx_LDADD = $(TAP_LIBS) $(DZ_LIBS) $(XLSX_LIBS)
t_unit_087_sheet_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_088_ledger_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_088_ledger_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_089_multipart_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_089_multipart_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_090_recon_form_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_090_recon_form_LDADD = $(TAP_LIBS) $(DZ_LIBS) $(SHEET_LIBS)	# lib/recon_page: lib/sheet
t_unit_570_drift_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_570_drift_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_087_sheet_LDADD = $(TAP_LIBS) $(DZ_LIBS) $(SHEET_LIBS) $(XLSX_LIBS)
t_unit_091_month_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_091_month_LDADD = $(TAP_LIBS) $(DZ_LIBS)
t_unit_560_notify_CPPFLAGS = $(TEST_CPPFLAGS)
t_unit_560_notify_LDADD = $(TAP_LIBS) $(DZ_LIBS)
