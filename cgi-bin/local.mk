# The screen programs: one FastCGI program per screen, each one file over
# libdz (see lib/README for what a screen may call).
screendir = $(libexecdir)/duizhang
screen_PROGRAMS = cgi-bin/dz-login cgi-bin/dz-users cgi-bin/dz-query \
	cgi-bin/dz-generate cgi-bin/dz-history cgi-bin/dz-confirm cgi-bin/dz-reports \
	cgi-bin/dz-month cgi-bin/dz-import
cgi_bin_dz_login_SOURCES = cgi-bin/login.c		# /login, /logout, /password
cgi_bin_dz_users_SOURCES = cgi-bin/users.c cgi-bin/audit.c cgi-bin/notify.c	# 用户管理, 操作记录, 通知设置
cgi_bin_dz_query_SOURCES = cgi-bin/query.c		# 往来对账
cgi_bin_dz_generate_SOURCES = cgi-bin/generate.c	# 生成对账单
cgi_bin_dz_history_SOURCES = cgi-bin/history.c cgi-bin/notices.c	# 对账单历史, 通知
cgi_bin_dz_reports_SOURCES = cgi-bin/reports.c	# 报表: 结算概览, 账龄分析, 对账报表
cgi_bin_dz_confirm_SOURCES = cgi-bin/confirm.c	# the customer's page /c/<token>
cgi_bin_dz_month_SOURCES = cgi-bin/month.c		# 批量生成, 对账日
cgi_bin_dz_import_SOURCES = cgi-bin/import.c		# 数据导入 (a set of the kind 导入)
cgi_bin_dz_login_LDADD = $(DZ_LIBS)
cgi_bin_dz_users_LDADD = $(DZ_NOTIFY_LIBS) $(DZ_LIBS)	# lib/notify_send (测试发送)
cgi_bin_dz_query_LDADD = $(DZ_LIBS)
cgi_bin_dz_generate_LDADD = $(DZ_LIBS)
cgi_bin_dz_history_LDADD = $(DZ_PDF_LIBS) $(DZ_LIBS) $(XLSX_LIBS) $(SHEET_LIBS)	# lib/pdf, lib/xlsx, lib/sheet
cgi_bin_dz_confirm_LDADD = $(DZ_LIBS) $(SHEET_LIBS)	# lib/sheet (账目核对)
cgi_bin_dz_reports_LDADD = $(DZ_PDF_LIBS) $(DZ_LIBS) $(XLSX_LIBS)	# lib/pdf, lib/xlsx
cgi_bin_dz_month_LDADD = $(DZ_PDF_LIBS) $(DZ_LIBS) $(XLSX_LIBS)	# lib/pdf (QR sheet), lib/xlsx
cgi_bin_dz_import_LDADD = $(DZ_LIBS) $(XLSX_LIBS) $(SHEET_LIBS) $(JANSSON_LIBS)	# lib/xlsx (templates), lib/sheet, lib/import_json
