/*
 * 081-erp-profile: the failures a gateway must name without an ERP behind
 * it: a bad or missing version, a refused port (fast, and named as such),
 * a spent budget, and argument checks before any I/O. It runs on the
 * shipped profiles; a profile with a query missing or with the wrong
 * parameters no longer gets this far: the gateway refuses to start on it
 * (082-erp-profile-check).
 */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dz.h"
#include "erp.h"
#include "stmt.h"
#include "tap.h"

/* A local port nothing listens on (bound, then closed). */
static unsigned int
dead_port(void)
{
	struct sockaddr_in	sa;
	socklen_t		len = sizeof(sa);
	int			s;
	unsigned int		port = 0;

	if ((s = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	    getsockname(s, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	close(s);
	return port;
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(void)
{
	static const struct { const char *kind; int ok; } kinds[] = {
		{ "grasp", 1 }, { "huihuang", 1 }, { "v9_2-x", 1 }, { "", 0 },
		{ "../grasp", 0 }, { "Grasp", 0 }, { "a.b", 0 }, { "a/b", 0 },
		{ "0123456789012345678901234567890123", 0 },
	};
	struct dz_erp		*e = NULL;
	struct dz_erp_target	 t;
	struct dz_erp_doc	*docs = (void *)1;
	struct dz_erp_customer	 c, *cs = NULL;
	struct dz_erp_line	*lines = NULL;
	const char		*srcdir = getenv("srcdir"), *kind, *name;
	char			 dir[512], text[128], why[128], company[64], version[64];
	int64_t			 fen;
	size_t			 n = 99, i;
	double			 t0;
	enum dz_err		 rc;

	snprintf(dir, sizeof(dir), "%s/conf/erp", srcdir != NULL && *srcdir != '\0' ?
	    srcdir : ".");
	for (i = 0; i < DZ_NELEM(kinds); i++)
		is_int(dz_erp_kind_valid(kinds[i].kind), kinds[i].ok, "kind '%s'",
		    kinds[i].kind);

	is_int(dz_erp_init(&e, dir, 0, 15), DZ_ERR_INVAL, "login timeout 0 refused");
	is_int(dz_erp_init(&e, dir, 5, 601), DZ_ERR_INVAL, "query timeout 601 refused");
	ok(e == NULL, "no handle after a refusal");
	if (dz_erp_init(&e, dir, 2, 3) != DZ_OK) {
		diag("dz_erp_init failed");
		return done_testing();
	}
	snprintf(text, sizeof(text), "server=127.0.0.1,%u; uid=sa; pwd=secret99; database=V1; encrypt=off",
	    dead_port());
	memset(&t, 0, sizeof(t));
	snprintf(t.kind, sizeof(t.kind), "grasp");
	if (dz_erp_dsn_parse(text, &t.dsn, why, sizeof(why)) != DZ_OK) {
		diag("dsn: %s", why);
		return done_testing();
	}

	ok(dz_erp_kind_at(e, 0, &kind, &name) && strcmp(kind, "grasp") == 0 &&
	    strcmp(name, "管家婆分销ERP") == 0, "the versions offered: %s first", name);
	ok(dz_erp_kind_at(e, 1, &kind, &name) && strcmp(kind, "huihuang") == 0 &&
	    !dz_erp_kind_at(e, 2, &kind, &name), "then huihuang, and no more");

	/* Argument checks come before any I/O. */
	is_int(dz_erp_documents(e, &t, "001", "2026-13-01", "2026-10-31", 7, &docs, &n),
	    DZ_ERR_INVAL, "bad from date");
	ok(docs == NULL && n == 0, "outputs cleared on failure");
	is_int(dz_erp_documents(e, &t, "001", "2026-10-01", "20261031", 7, &docs, &n),
	    DZ_ERR_INVAL, "bad to date");
	is_int(dz_erp_documents(e, &t, "001", "2026-10-01", "2026-10-31", 0, &docs, &n),
	    DZ_ERR_INVAL, "no types");
	is_int(dz_erp_documents(e, &t, "001", "2026-10-01", "2026-10-31",
	    1u << DZ_DOC__MAX, &docs, &n), DZ_ERR_INVAL, "unknown type bit");
	is_int(dz_erp_documents(e, &t, "", "2026-10-01", "2026-10-31", 7, &docs, &n),
	    DZ_ERR_INVAL, "empty customer");
	is_int(dz_erp_opening(e, &t, "001", "2026-02-30", &fen), DZ_ERR_INVAL,
	    "opening at 2026-02-30 refused");

	/* Versions. */
	snprintf(t.kind, sizeof(t.kind), "../t");
	is_int(dz_erp_documents(e, &t, "001", "2026-10-01", "2026-10-31", 7, &docs, &n),
	    DZ_ERR_INVAL, "a kind with a path refused");
	snprintf(t.kind, sizeof(t.kind), "nosuch");
	is_int(dz_erp_documents(e, &t, "001", "2026-10-01", "2026-10-31", 7, &docs, &n),
	    DZ_ERR_ERP, "missing profile");
	ok(strstr(dz_erp_why(e), "nosuch.hdf") != NULL, "why names the file: %s", dz_erp_why(e));
	snprintf(t.kind, sizeof(t.kind), "grasp");

	/* A well-formed query against a port nobody listens on. */
	t0 = now();
	rc = dz_erp_documents(e, &t, "001", "2026-10-01", "2026-10-31", 7, &docs, &n);
	is_int(rc, DZ_ERR_ERP_CONNECT, "refused port: DZ_ERR_ERP_CONNECT");
	ok(now() - t0 < 1.0, "refused within 1 s (%.3f s)", now() - t0);
	ok(strstr(dz_erp_why(e), "拒绝连接") != NULL, "why says refused: %s", dz_erp_why(e));
	ok(strstr(dz_erp_why(e), "secret99") == NULL, "why never holds the password");
	/* Every typed query fills its parameters and gets as far as connecting. */
	is_int(dz_erp_customers_at(e, &t, "联想", 0, 21, &cs, &n), DZ_ERR_ERP_CONNECT,
	    "customers_search reaches the connection");
	is_int(dz_erp_customer(e, &t, "001", &c), DZ_ERR_ERP_CONNECT,
	    "customers_get reaches the connection");
	is_int(dz_erp_opening(e, &t, "001", "2026-10-01", &fen), DZ_ERR_ERP_CONNECT,
	    "balance_opening reaches the connection");
	is_int(dz_erp_lines(e, &t, "001", "2026-10-01", "2026-10-31", &lines, &n),
	    DZ_ERR_ERP_CONNECT, "documents_lines_range reaches the connection");
	is_int(dz_erp_info(e, &t, company, sizeof(company), version, sizeof(version)),
	    DZ_ERR_ERP_CONNECT, "account_info reaches the connection");
	/* A budget already spent fails at once, without trying. */
	dz_erp_deadline(e, 1);
	sleep(1);
	t0 = now();
	is_int(dz_erp_documents(e, &t, "001", "2026-10-01", "2026-10-31", 7, &docs, &n),
	    DZ_ERR_ERP_TIMEOUT, "spent budget: timeout");
	ok(now() - t0 < 0.2, "without waiting");
	dz_erp_deadline(e, 0);
	dz_erp_idle(e, 1);
	dz_erp_dsn_wipe(&t.dsn);
	dz_erp_free(e);
	dz_erp_free(NULL);
	return done_testing();
}
