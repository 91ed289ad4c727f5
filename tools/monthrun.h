/* monthrun.h: dz-admin month-run (tools/monthrun.c). */
#ifndef DZ_TOOLS_MONTH_H
#define DZ_TOOLS_MONTH_H

struct dz_db;
struct dz_conf;

/* dz-admin month-run [--run ID] [--schedule [--date D]] [--delay-ms N]:
 * 0 when every run it took is over, 1 on a failure. */
int	 dz_month_run_main(struct dz_db *, const struct dz_conf *, int argc,
	    char **argv);

#endif
