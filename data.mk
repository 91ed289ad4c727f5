# What `make install` puts under $(pkgdatadir): templates, static files,
# UI text, ERP profiles, schema migrations, and the example config.
templatedir = $(pkgdatadir)/templates
dist_template_DATA = templates/layout.cs templates/error.cs
logintpldir = $(templatedir)/login
dist_logintpl_DATA = templates/login/form.cs templates/login/password.cs \
	templates/login/home.cs
historytpldir = $(templatedir)/history
dist_historytpl_DATA = templates/history/list.cs templates/history/show.cs \
	templates/history/stmt_head.cs templates/history/answers.cs \
	templates/history/feedback.cs templates/history/action.cs \
	templates/history/share.cs templates/history/sends.cs \
	templates/history/actions.cs
userstpldir = $(templatedir)/users
dist_userstpl_DATA = templates/users/list.cs templates/users/form.cs
querytpldir = $(templatedir)/query
dist_querytpl_DATA = templates/query/index.cs

cssdir = $(pkgdatadir)/static/css
dist_css_DATA = static/css/dz.css
jsdir = $(pkgdatadir)/static/js
dist_js_DATA = static/js/share.js static/js/query.js

langdir = $(pkgdatadir)/lang
dist_lang_DATA = conf/lang/zh_CN.hdf

erpdir = $(pkgdatadir)/erp
dist_erp_DATA = conf/erp/grasp.hdf conf/erp/huihuang.hdf

schemadir = $(pkgdatadir)/schema
dist_schema_DATA = schema/001_foundation.sql schema/002_statements.sql

exampledir = $(pkgdatadir)
dist_example_DATA = conf/duizhang.conf.example
confirmtpldir = $(templatedir)/confirm
dist_confirmtpl_DATA = templates/confirm/page.cs templates/confirm/gone.cs
