/*
 * import_cmd.h: dz-admin's import-set and import (tools/import.c).
 */
#ifndef DZ_IMPORT_CMD_H
#define DZ_IMPORT_CMD_H

struct dz_db;

/* A user's id by name (tools/admin.c): 0 none, -1 the store failed. */
long long	dz_admin_user_id(struct dz_db *, const char *name);

/* cmd "import-set" or "import", with the arguments after it. An exit code. */
int	dz_import_main(struct dz_db *, const char *cmd, int argc, char **argv);

#endif /* DZ_IMPORT_CMD_H */
