# What `make install` puts under $(pkgdatadir): templates, static files,
# UI text, ERP profiles, schema migrations, and the example config.
templatedir = $(pkgdatadir)/templates
dist_template_DATA = templates/layout.cs templates/error.cs templates/balance.cs
logintpldir = $(templatedir)/login
dist_logintpl_DATA = templates/login/form.cs templates/login/password.cs \
	templates/login/home.cs
historytpldir = $(templatedir)/history
dist_historytpl_DATA = templates/history/list.cs templates/history/show.cs \
	templates/history/stmt_head.cs templates/history/answers.cs \
	templates/history/feedback.cs templates/history/action.cs \
	templates/history/share.cs templates/history/sends.cs \
	templates/history/actions.cs templates/history/drift.cs
userstpldir = $(templatedir)/users
dist_userstpl_DATA = templates/users/list.cs templates/users/form.cs \
	templates/users/audit.cs templates/users/notify.cs
noticestpldir = $(templatedir)/notices
dist_noticestpl_DATA = templates/notices/list.cs
querytpldir = $(templatedir)/query
dist_querytpl_DATA = templates/query/index.cs templates/query/doc.cs
reportstpldir = $(templatedir)/reports
dist_reportstpl_DATA = templates/reports/nav.cs templates/reports/overview.cs \
	templates/reports/aging.cs templates/reports/customers.cs \
	templates/reports/monthly.cs templates/reports/habits.cs \
	templates/reports/period.cs
generatetpldir = $(templatedir)/generate
dist_generatetpl_DATA = templates/generate/preview.cs

cssdir = $(pkgdatadir)/static/css
dist_css_DATA = static/css/dz.css
jsdir = $(pkgdatadir)/static/js
dist_js_DATA = static/js/share.js static/js/query.js

langdir = $(pkgdatadir)/lang
dist_lang_DATA = conf/lang/zh_CN.hdf

erpdir = $(pkgdatadir)/erp
dist_erp_DATA = conf/erp/grasp.hdf conf/erp/huihuang.hdf

schemadir = $(pkgdatadir)/schema
dist_schema_DATA = schema/001_foundation.sql schema/002_statements.sql \
	schema/003_undo_cancel.sql schema/004_audit_filters.sql \
	schema/005_report_columns.sql schema/006_reconciliation.sql \
	schema/007_month_end.sql \
	schema/008_drift.sql \
	schema/009_notify.sql \
	schema/010_history_scale.sql \
	schema/011_history_order.sql \
	schema/012_report_rollup.sql \
	schema/013_import.sql

exampledir = $(pkgdatadir)
dist_example_DATA = conf/duizhang.conf.example
confirmtpldir = $(templatedir)/confirm
dist_confirmtpl_DATA = templates/confirm/page.cs templates/confirm/gone.cs
recontpldir = $(templatedir)/recon
dist_recontpl_DATA = templates/recon/result.cs templates/recon/forms.cs \
	templates/recon/map.cs
monthtpldir = $(templatedir)/month
dist_monthtpl_DATA = templates/month/index.cs templates/month/run.cs \
	templates/month/days.cs templates/month/followup.cs
importtpldir = $(templatedir)/import
dist_importtpl_DATA = templates/import/index.cs templates/import/keys.cs

# The customer's 429 page, sent by nginx itself when its limit on /c/
# refuses a request (no program is asked): drawn at build time by
# tools/dz-page through the site's layout, escaping and words.
staticdir = $(pkgdatadir)/static
nodist_static_DATA = static/busy.html static/down.html static/toobig.html
CLEANFILES += static/busy.html static/down.html static/toobig.html
EXTRA_DIST += templates/confirm/busy.cs templates/down.cs templates/toobig.cs
static/busy.html: tools/dz-page$(EXEEXT) $(top_srcdir)/templates/confirm/busy.cs \
		$(top_srcdir)/templates/layout.cs $(top_srcdir)/templates/balance.cs \
		$(top_srcdir)/conf/lang/zh_CN.hdf
	$(AM_V_GEN)$(MKDIR_P) static && tools/dz-page $(top_srcdir) confirm/busy.cs \
		Lang.confirm.busy_title >$@.tmp && mv $@.tmp $@
static/down.html: tools/dz-page$(EXEEXT) $(top_srcdir)/templates/down.cs \
		$(top_srcdir)/templates/layout.cs $(top_srcdir)/templates/balance.cs \
		$(top_srcdir)/conf/lang/zh_CN.hdf
	$(AM_V_GEN)$(MKDIR_P) static && tools/dz-page $(top_srcdir) down.cs \
		Lang.down.title >$@.tmp && mv $@.tmp $@
# nginx's own 413: a body above client_max_body_size
static/toobig.html: tools/dz-page$(EXEEXT) $(top_srcdir)/templates/toobig.cs \
		$(top_srcdir)/templates/layout.cs $(top_srcdir)/templates/balance.cs \
		$(top_srcdir)/conf/lang/zh_CN.hdf
	$(AM_V_GEN)$(MKDIR_P) static && tools/dz-page $(top_srcdir) toobig.cs \
		Lang.toobig.title >$@.tmp && mv $@.tmp $@

# The common passwords a new one is checked against (lib/auth.c), made from
# two Debian packages' lists by tools/common-passwords.sh (configure finds
# them: ZXCVBN_COMMON, JOHN_PASSWORDS).
pkgdata_DATA = common-passwords.txt
BUILT_SOURCES += common-passwords.txt
CLEANFILES += common-passwords.txt
EXTRA_DIST += tools/common-passwords.sh
common-passwords.txt: $(top_srcdir)/tools/common-passwords.sh
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/tools/common-passwords.sh \
		'$(ZXCVBN_COMMON)' '$(JOHN_PASSWORDS)' >$@.tmp && mv $@.tmp $@
