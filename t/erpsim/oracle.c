/*
 * erpsim-oracle: prints what the product must show for one customer and a
 * date range (or the customer list), computed straight from an erpsim
 * SQLite file. Output format: t/erpsim/DATA.md.
 *
 *   erpsim-oracle --db FILE --customer TYPEID --from D --to D [--types 11,45,4]
 *   erpsim-oracle --db FILE --list-customers
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oracle.h"

static void
usage(void)
{
	fputs("usage: erpsim-oracle --db FILE --customer TYPEID --from YYYY-MM-DD"
	    " --to YYYY-MM-DD [--types 11,45,4]\n"
	    "       erpsim-oracle --db FILE --list-customers\n", stderr);
	exit(2);
}

/* Parses "11,45,4" into q->types. Returns 0 or -1. */
static int
parse_types(const char *s, struct orc_query *q)
{
	char *end;
	long v;

	q->ntypes = 0;
	for (;;) {
		v = strtol(s, &end, 10);
		if (end == s || v <= 0 || v > 100000 || q->ntypes == ORC_MAXTYPES)
			return -1;
		q->types[q->ntypes++] = (int)v;
		if (*end == '\0')
			return 0;
		if (*end != ',')
			return -1;
		s = end + 1;
	}
}

int
main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "customer", required_argument, NULL, 'c' },
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "types", required_argument, NULL, 'T' },
		{ "list-customers", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	struct orc_query q;
	const char *dbpath = NULL, *err = NULL;
	sqlite3 *db = NULL;
	int ch, list = 0, rc;

	memset(&q, 0, sizeof(q));
	q.types[0] = 11;
	q.types[1] = 45;
	q.types[2] = 4;
	q.ntypes = 3;
	while ((ch = getopt_long(argc, argv, "", lo, NULL)) != -1) {
		switch (ch) {
		case 'd': dbpath = optarg; break;
		case 'c': q.customer = optarg; break;
		case 'f': q.from = optarg; break;
		case 't': q.to = optarg; break;
		case 'T':
			if (parse_types(optarg, &q) != 0) {
				fprintf(stderr, "erpsim-oracle: --types: want a"
				    " list like 11,45,4\n");
				return 2;
			}
			break;
		case 'l': list = 1; break;
		default: usage();
		}
	}
	if (optind != argc || dbpath == NULL ||
	    (!list && (q.customer == NULL || q.from == NULL || q.to == NULL)))
		usage();
	if (sqlite3_open_v2(dbpath, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "erpsim-oracle: %s: %s\n", dbpath,
		    sqlite3_errmsg(db));
		sqlite3_close(db);
		return 1;
	}
	rc = list ? orc_list_customers(db, stdout, &err) :
	    orc_report(db, &q, stdout, &err);
	if (rc != 0)
		fprintf(stderr, "erpsim-oracle: %s\n", err);
	sqlite3_close(db);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("erpsim-oracle: stdout");
		return 1;
	}
	return rc != 0;
}
