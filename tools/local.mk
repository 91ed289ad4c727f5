# dz-admin: migrations, users, keys.
sbin_PROGRAMS += tools/dz-admin
tools_dz_admin_SOURCES = tools/admin.c
tools_dz_admin_LDADD = $(DZ_LIBS)
