# libdz: the shared library of the suite (static, not installed).
noinst_LIBRARIES += lib/libdz.a
lib_libdz_a_SOURCES = \
	lib/dz.h lib/util.c \
	lib/app.c lib/app.h lib/super.c lib/super.h \
	lib/form.c lib/form.h \
	lib/utf8.c lib/utf8.h \
	lib/view.c lib/view.h \
	lib/db.c lib/db.h \
	lib/auth.c lib/auth.h \
	lib/crypt.c lib/crypt.h \
	lib/money.c lib/money.h \
	lib/conf.c lib/conf.h \
	lib/clock.c lib/clock.h \
	lib/log.c lib/log.h \
	lib/audit.c lib/audit.h \
	lib/erp.c lib/erp.h lib/erp_tds.c lib/erp_tds.h lib/erp_guard.c lib/erp_guard.h \
	lib/erp_import.c lib/erp_import.h \
	lib/erp_dsn.c lib/erp_dsn.h lib/erp_value.c lib/erp_value.h \
	lib/erp_profile.c lib/erp_profile.h \
	lib/stmt.c lib/stmt_build.c lib/stmt.h \
	lib/qr.c lib/qr.h \
	lib/aging.c lib/aging.h \
	lib/rollup.c lib/rollup.h \
	lib/match.c lib/match.h \
	lib/drift.c lib/drift.h lib/store_drift.c lib/store_drift_check.c lib/store_drift.h \
	lib/ledger.c lib/ledger.h \
	lib/import.c lib/import.h lib/import_json.c lib/import_json.h lib/import_tpl.c lib/import_tpl.h \
	lib/store.c lib/store.h \
	lib/store_account.c lib/store_account.h \
	lib/changes.c lib/changes.h \
	lib/linkcache.c lib/linkcache.h \
	lib/pagecache.c lib/pagecache.h \
	lib/keep.c lib/keep.h \
	lib/store_list.c lib/store_user.c lib/store_check.c lib/store_recon.c lib/store_bulk.c lib/store_bulk.h lib/make.c lib/make.h lib/month.c lib/month.h lib/recon.h lib/recon_page.c lib/recon_page.h \
	lib/store_report.c lib/store_notify.c lib/store_notify.h \
	lib/store_import.c lib/store_import_check.c lib/store_import.h \
	lib/notify.c lib/notify.h \
	lib/csv.c lib/csv.h \
	lib/xlsx.c lib/xlsx.h \
	lib/sheet.c lib/sheet.h \
	lib/multipart.c lib/multipart.h

# lib/lang.h: the sentences C shows, made from the file the templates read
# (conf/lang/zh_CN.hdf), so each has one source and a wrong name does not
# compile. Made before anything else is compiled.
nodist_lib_libdz_a_SOURCES = lib/lang.h
BUILT_SOURCES += lib/lang.h
CLEANFILES += lib/lang.h
EXTRA_DIST += tools/lang.awk
lib/lang.h: $(top_srcdir)/conf/lang/zh_CN.hdf $(top_srcdir)/tools/lang.awk
	$(AM_V_GEN)$(MKDIR_P) lib && LC_ALL=C $(AWK) -f $(top_srcdir)/tools/lang.awk \
		$(top_srcdir)/conf/lang/zh_CN.hdf >$@.tmp && mv $@.tmp $@

# The statement PDF (cairo + pango) in an archive of its own, compiled with
# their headers and linked only into the programs that draw it (dz-history,
# the bench): no other program carries cairo, pango or their fonts.
noinst_LIBRARIES += lib/libdzpdf.a
lib_libdzpdf_a_SOURCES = lib/pdf.c lib/pdf.h lib/pdf_child.c
lib_libdzpdf_a_CPPFLAGS = $(AM_CPPFLAGS) $(PANGOCAIRO_CFLAGS)
DZ_PDF_LIBS = lib/libdzpdf.a $(PANGOCAIRO_LIBS)

# Notices sent out through libcurl (lib/notify_send), likewise an archive
# of its own: only dz-admin (the worker) and dz-users (测试发送) link curl.
noinst_LIBRARIES += lib/libdznotify.a
lib_libdznotify_a_SOURCES = lib/notify_send.c lib/notify_send.h
lib_libdznotify_a_CPPFLAGS = $(AM_CPPFLAGS) $(CURL_CFLAGS)
DZ_NOTIFY_LIBS = lib/libdznotify.a $(CURL_LIBS)
