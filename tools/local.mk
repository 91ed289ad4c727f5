# dz-admin: migrations, users, keys, backup and restore, verify, 月结's runs.
sbin_PROGRAMS += tools/dz-admin
tools_dz_admin_SOURCES = tools/admin.c tools/dump.c tools/dump.h tools/monthrun.c \
	tools/monthrun.h tools/import.c tools/import_cmd.h
tools_dz_admin_LDADD = $(DZ_NOTIFY_LIBS) $(DZ_LIBS) $(SHEET_LIBS)	# lib/sheet (import)

# dz-page: a page of the site drawn at build time, for nginx to send by
# itself (static/busy.html, data.mk); not installed.
noinst_PROGRAMS += tools/dz-page
tools_dz_page_SOURCES = tools/page.c
tools_dz_page_LDADD = $(DZ_LIBS)
