/* SOURCES: lib/aging.c lib/app.c lib/multipart.c lib/auth.c lib/audit.c lib/changes.c lib/clock.c lib/conf.c lib/crypt.c lib/db.c lib/erp.c lib/erp_dsn.c lib/erp_guard.c lib/erp_profile.c lib/erp_tds.c lib/erp_import.c lib/erp_value.c lib/form.c lib/keep.c lib/linkcache.c lib/log.c lib/money.c lib/month.c lib/pagecache.c lib/qr.c lib/stmt.c lib/stmt_build.c lib/store.c lib/store_account.c lib/store_check.c lib/store_list.c lib/store_notify.c lib/notify.c lib/store_user.c lib/store_import.c lib/super.c lib/utf8.c lib/util.c lib/view.c */
/* LIBS: -lfcgi -lneo_cgi -lneo_cs -lneo_utl -lz -lmariadb -lcrypto -largon2 -lsybdb -lqrencode -lpng -lcrack */
/* CFLAGS: -isystem /usr/include/ClearSilver -I/usr/include/mariadb -DDZ_DATADIR="/nonexistent" -DDZ_SBINDIR="/nonexistent" */
/*
 * fuzz-route: the request path's first steps in-process, as lib/app's
 * serve() takes them before any handler runs: the path through the router
 * (dz_app_route_match against every route pattern of every screen program),
 * the Origin / Referer / Sec-Fetch-Site check of a POST (dz_app_origin_ok,
 * dz_app_origin_opaque_ok). The input is split at NUL bytes into path,
 * host, origin, referer and fetch-site. (Cookies and bodies have targets of
 * their own: fuzz-cookie, fuzz-form.)
 * Besides the sanitizers it checks the router's promises: a match takes
 * ids of 1 to 11 digits and nonzero, tokens of 1..128 base64url bytes, and
 * putting the ids and tokens back into the pattern gives the path again;
 * an origin accepted is the site's own (scheme://host, case aside) or a
 * referer under it, and a cross-site fetch is never accepted.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "check failed: %s (line %d)\n", #c, __LINE__); \
	abort(); } } while (0)

/* The patterns of the route tables in cgi-bin (a route added there belongs
 * here too; the router treats every pattern alike). */
static const char *const patterns[] = {
	"/", "/login", "/logout", "/password",
	"/c/%t", "/c/%t/balance", "/c/%t/upload", "/c/%t/map/%d",
	"/statements/new", "/statements/preview",
	"/statements", "/statements/sends", "/statements/%d",
	"/statements/%d/feedback", "/statements/%d/receive",
	"/statements/%d/agree", "/statements/%d/dispute",
	"/statements/%d/cancel", "/statements/%d/uncancel",
	"/statements/%d/delete", "/statements/%d/share",
	"/statements/%d/revoke", "/statements/%d/qr.svg",
	"/statements/%d/qr.png", "/statements/%d/xlsx", "/statements/%d/pdf",
	"/statements/%d/upload", "/statements/%d/map/%d", "/statements/%d/recon",
	"/statements/%d/uploads/%d",
	"/statements/export.xlsx", "/statements/export.csv",
	"/query", "/query/doc/%d",
	"/reports", "/reports/aging", "/reports/customers", "/reports/customer",
	"/reports/habits", "/reports/aging.xlsx", "/reports/customers.xlsx",
	"/reports/customer.xlsx", "/reports/habits.xlsx", "/reports/aging.pdf",
	"/reports/customers.pdf", "/reports/customer.pdf", "/reports/habits.pdf",
	"/admin/users", "/admin/users/new", "/admin/users/%d",
	"/admin/users/new/test", "/admin/users/%d/test",
	/* shapes no table has yet: a token between ids */
	"/x/%t/%d/%t",
};

static int
b64url(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* The pattern with its arguments put back, as a path. */
static void
rebuild(const char *pat, const long long *id, char *const *tok, char *out,
    size_t sz)
{
	size_t	 n = 0, ni = 0, nt = 0;
	int	 w;

	while (*pat != '\0' && n + 1 < sz) {
		if (pat[0] == '%' && pat[1] == 'd') {
			w = snprintf(out + n, sz - n, "%lld", id[ni++]);
			n += w > 0 ? (size_t)w : 0;
			pat += 2;
		} else if (pat[0] == '%' && pat[1] == 't') {
			w = snprintf(out + n, sz - n, "%s", tok[nt++]);
			n += w > 0 ? (size_t)w : 0;
			pat += 2;
		} else
			out[n++] = *pat++;
		if (n >= sz)
			n = sz - 1;
	}
	out[n] = '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*buf, *part[5] = { NULL };
	char		 again[1024];
	long long	 id[DZ_ARGS_MAX];
	char		*tok[DZ_ARGS_MAX];
	size_t		 i, j, k, np = 0;
	int		 ok;

	if (size > 4096 || (buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	part[np++] = buf;
	for (i = 0; i < size && np < 5; i++)
		if (buf[i] == '\0')
			part[np++] = buf + i + 1;
	for (; np < 5; np++)
		part[np] = buf + size;

	/* 1. the router */
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		memset(id, 0, sizeof(id));
		memset(tok, 0, sizeof(tok));
		if (dz_app_route_match(patterns[i], part[0], id, tok)) {
			const char	*p = patterns[i];
			size_t		 ni = 0, nt = 0;

			for (; *p != '\0'; p++)
				if (p[0] == '%' && p[1] == 'd')
					ni++;
				else if (p[0] == '%' && p[1] == 't')
					nt++;
			for (j = 0; j < ni; j++)
				CHECK(id[j] >= 1 && id[j] <= 99999999999LL);
			for (j = 0; j < nt; j++) {
				CHECK(tok[j] != NULL);
				CHECK(strlen(tok[j]) >= 1 && strlen(tok[j]) <= 128);
				for (k = 0; tok[j][k] != '\0'; k++)
					CHECK(b64url((unsigned char)tok[j][k]));
			}
			/* (a leading zero is the one thing not given back) */
			rebuild(patterns[i], id, tok, again, sizeof(again));
			if (strstr(part[0], "/0") == NULL)
				CHECK(strcmp(again, part[0]) == 0);
		}
		for (j = 0; j < DZ_ARGS_MAX; j++)
			free(tok[j]);
	}

	/* 2. the origin of a POST, as https with the Host header */
	ok = dz_app_origin_ok("https", part[1], part[2], part[3], part[4]);
	if (ok) {
		char	self[300];
		int	w;

		CHECK(*part[1] != '\0');
		CHECK(*part[4] == '\0' || strcmp(part[4], "same-origin") == 0 ||
		    strcmp(part[4], "none") == 0);
		w = snprintf(self, sizeof(self), "https://%s", part[1]);
		CHECK(w > 0 && (size_t)w < sizeof(self));
		if (*part[2] != '\0')
			CHECK(strcasecmp(part[2], self) == 0);
		else
			CHECK(strncasecmp(part[3], self, (size_t)w) == 0 &&
			    (part[3][w] == '/' || part[3][w] == '\0'));
	}
	if (strcmp(part[4], "cross-site") == 0 || strcmp(part[4], "same-site") == 0)
		CHECK(!ok && !dz_app_origin_opaque_ok("https", part[1], part[2], part[4]));
	ok = dz_app_origin_opaque_ok("https", part[1], part[2], part[4]);
	if (ok && *part[2] != '\0' && strcmp(part[2], "null") != 0)
		CHECK(strncasecmp(part[2], "https://", 8) == 0 &&
		    strcasecmp(part[2] + 8, part[1]) == 0);
	free(buf);
	return 0;
}
