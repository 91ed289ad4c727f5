/*
 * DB.Host as a list of nodes (lib/conf dz_conf_db_nodes): the store's
 * addresses, a Galera cluster's nodes the nearest first. Each item is
 * host[:port]; a port left out is DB.Port's; a malformed item, an empty
 * list or more nodes than there is room for refuse the whole list.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "tap.h"

static const struct {
	const char	*in;
	const char	*want;	/* "host:port host:port", NULL: refused */
} cases[] = {
	{ "127.0.0.1", "127.0.0.1:3306" },
	{ "db.example.cn:3307", "db.example.cn:3307" },
	{ "10.77.1.1,10.77.1.2,10.77.1.3", "10.77.1.1:3306 10.77.1.2:3306 10.77.1.3:3306" },
	{ " 10.77.1.1:4000 , 10.77.1.2 ", "10.77.1.1:4000 10.77.1.2:3306" },
	{ "a b\tc", "a:3306 b:3306 c:3306" },
	{ "[::1]:3306,[fd00::2]", "::1:3306 fd00::2:3306" },
	{ "db_1.local", "db_1.local:3306" },
	{ "::1", "::1:3306" },
	{ "fe80::1%eth0", "fe80::1%eth0:3306" },
	{ "::1,::2", NULL },
	{ "::1;x", NULL },
	{ "1,2,3,4,5,6,7,8", "1:3306 2:3306 3:3306 4:3306 5:3306 6:3306 7:3306 8:3306" },
	{ "1,2,3,4,5,6,7,8,9", NULL },
	{ "", NULL },
	{ " , ", NULL },
	{ "host:", NULL },
	{ "host:0", NULL },
	{ "host:65536", NULL },
	{ "host:33o6", NULL },
	{ "host;DROP", NULL },
	{ "-host", NULL },
	{ ".host", NULL },
	{ "[]:3306", NULL },
	{ "[::1", NULL },
	{ "user@host", NULL },
	{ "host/db", NULL },
};

int
main(void)
{
	struct dz_db_node	 nodes[DZ_DB_NODES_MAX];
	char			 got[512], *p, longname[200];
	size_t			 i, k, n;

	plan((int)DZ_NELEM(cases) + 1);
	for (i = 0; i < DZ_NELEM(cases); i++) {
		int	rc = dz_conf_db_nodes(cases[i].in, 3306, nodes, DZ_NELEM(nodes), &n);

		got[0] = '\0';
		for (k = 0, p = got; rc == 0 && k < n; k++)
			p += snprintf(p, sizeof(got) - (size_t)(p - got), "%s%s:%d",
			    k > 0 ? " " : "", nodes[k].host, nodes[k].port);
		if (cases[i].want != NULL)
			ok(rc == 0 && strcmp(got, cases[i].want) == 0,
			    "'%s' is %s (got %s)", cases[i].in, cases[i].want,
			    rc == 0 ? got : "refused");
		else
			ok(rc == -1, "'%s' refused (got %s)", cases[i].in,
			    rc == 0 ? got : "refused");
	}
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ok(dz_conf_db_nodes(longname, 3306, nodes, DZ_NELEM(nodes), &n) == -1,
	    "a host name longer than its room is refused");
	return done_testing();
}
