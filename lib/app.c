#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <fcgiapp.h>
#include "ClearSilver.h"

#include "dz.h"
#include "clock.h"
#include "conf.h"
#include "crypt.h"
#include "db.h"
#include "form.h"
#include "multipart.h"
#include "lang.h"
#include "log.h"
#include "pagecache.h"
#include "view.h"
#include "auth.h"
#include "changes.h"
#include "super.h"
#include "app.h"
#include "store_notify.h"

extern char **environ;


/* ---------------------------------------------------------------------
 * cgiwrap <-> FastCGI: ClearSilver does its I/O through these.
 */

static int
cb_read(void *d, char *buf, int n)
{
	return FCGX_GetStr(buf, n, ((FCGX_Request *)d)->in);
}

/* NOTE: cgiwrap wants 0 for success here (but the count from cb_write). */
static int
cb_writef(void *d, const char *fmt, va_list ap)
{
	return FCGX_VFPrintF(((FCGX_Request *)d)->out, fmt, ap) < 0 ? -1 : 0;
}

static int
cb_write(void *d, const char *buf, int n)
{
	return FCGX_PutStr(buf, n, ((FCGX_Request *)d)->out);
}

/*
 * The request's parameters, indexed once per request: the loop and the
 * handlers look up a dozen of them, and a linear strncmp scan of every
 * FastCGI parameter per lookup showed up first in the profile.
 */
#define ENV_MAX	256

static struct envent {
	uint32_t	 h;
	size_t		 klen;
	const char	*k;		/* "KEY=value" */
} envix[ENV_MAX];
static size_t	nenvix;

static uint32_t
env_hash(const char *k, size_t n)
{
	uint32_t	h = 2166136261u;	/* FNV-1a */

	while (n-- > 0)
		h = (h ^ (unsigned char)*k++) * 16777619u;
	return h;
}

static void
env_index(char **envp)
{
	const char	*eq;
	size_t		 i;

	nenvix = 0;
	for (i = 0; envp != NULL && envp[i] != NULL && nenvix < ENV_MAX; i++) {
		if ((eq = strchr(envp[i], '=')) == NULL)
			continue;
		envix[nenvix].k = envp[i];
		envix[nenvix].klen = (size_t)(eq - envp[i]);
		envix[nenvix].h = env_hash(envp[i], envix[nenvix].klen);
		nenvix++;
	}
}

static const char *
env_find(const char *k)
{
	size_t		n = strlen(k), i;
	uint32_t	h = env_hash(k, n);

	for (i = 0; i < nenvix; i++)
		if (envix[i].h == h && envix[i].klen == n &&
		    memcmp(envix[i].k, k, n) == 0)
			return envix[i].k + n + 1;
	return NULL;
}

/* cgiwrap frees what these return. */
static char *
cb_getenv(void *d, const char *k)
{
	const char	*v;

	v = env_find(k);
	return v != NULL ? strdup(v) : NULL;
}

static int
cb_putenv(void *d, const char *k, const char *v)
{
	return -1;	/* a request's environment is read-only */
}

static int
cb_iterenv(void *d, int n, char **k, char **v)
{
	char	**envp = ((FCGX_Request *)d)->envp;
	const char *eq;
	int	 i;

	*k = *v = NULL;
	for (i = 0; i < n && envp[i] != NULL; i++)
		;
	if (envp[i] == NULL)
		return 0;
	if ((eq = strchr(envp[i], '=')) == NULL)
		eq = envp[i] + strlen(envp[i]);
	*k = strndup(envp[i], (size_t)(eq - envp[i]));
	*v = strdup(*eq == '=' ? eq + 1 : "");
	if (*k == NULL || *v == NULL) {
		free(*k);
		free(*v);
		*k = *v = NULL;
		return -1;
	}
	return 0;
}

/* A parameter of the current request, "" when absent. */
static const char *
env(const char *k)
{
	const char	*v;

	v = env_find(k);
	return v != NULL ? v : "";
}

/* ---------------------------------------------------------------------
 * Output.
 */

static const char *
reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 503: return "Service Unavailable";
	default: return "Internal Server Error";
	}
}

int
dz_err_status(enum dz_err e)
{
	switch (e) {
	case DZ_OK:		return 200;
	case DZ_ERR_INVAL:	return 400;
	case DZ_ERR_AUTH:	return 401;
	case DZ_ERR_FORBIDDEN:	return 403;
	case DZ_ERR_NOTFOUND:	return 404;
	case DZ_ERR_CONFLICT:	return 409;
	case DZ_ERR_GONE:	return 410;
	case DZ_ERR_TOOBIG:	return 413;
	case DZ_ERR_THROTTLED:	return 429;
	case DZ_ERR_DB:
	case DZ_ERR_ERP_CONNECT:
	case DZ_ERR_ERP_TIMEOUT:
	case DZ_ERR_ERP_LOGIN:
	case DZ_ERR_ERP_NODB:
	case DZ_ERR_ERP:
	case DZ_ERR_CRYPT:
	case DZ_ERR_NOMEM:
	case DZ_ERR_BUSY:
		return 503;
	default:
		return 500;
	}
}

enum dz_err
dz_add_header(struct dz_req *r, const char *fmt, ...)
{
	char	 line[1024];
	char	*p;
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(line) || strpbrk(line, "\r\n") != NULL)
		return DZ_ERR_INVAL;
	if ((p = realloc(r->extra_headers, r->extra_len + (size_t)n + 3)) == NULL)
		return DZ_ERR_NOMEM;
	memcpy(p + r->extra_len, line, (size_t)n);
	memcpy(p + r->extra_len + n, "\r\n", 3);
	r->extra_headers = p;
	r->extra_len += (size_t)n + 2;
	return DZ_OK;
}

/*
 * The head of a response whose body is len bytes. A Content-Length spares
 * nginx the chunked encoding (measured: ~10 % of its time on /c/).
 */
static void
send_head(struct dz_req *r, int status, const char *ctype, size_t len)
{
	NEOERR	*err;

	err = cgiwrap_writef("Status: %d %s\r\nContent-Type: %s\r\n"
	    "Content-Length: %lu\r\nCache-Control: no-store\r\n%s\r\n", status,
	    reason(status), ctype, (unsigned long)len,
	    r->extra_headers != NULL ? r->extra_headers : "");
	if (err != STATUS_OK)
		nerr_ignore(&err);
	r->responded = 1;
}

static void
send_body(const char *buf, size_t len)
{
	NEOERR	*err;

	if (len > 0 && (err = cgiwrap_write(buf, (int)len)) != STATUS_OK)
		nerr_ignore(&err);
}

static void
set_cookie(struct dz_req *r, const char *name, const char *value, int maxage,
    const char *samesite)
{
	if (maxage >= 0)
		dz_add_header(r, "Set-Cookie: %s=%s; Path=/; Secure; HttpOnly; "
		    "SameSite=%s; Max-Age=%d", name, value, samesite, maxage);
	else
		dz_add_header(r, "Set-Cookie: %s=%s; Path=/; Secure; HttpOnly; "
		    "SameSite=%s", name, value, samesite);
}

const char *
dz_app_csrf(struct dz_req *r)
{
	const char	*pre;

	if (r->csrf[0] != '\0')
		return r->csrf;
	if (r->sess.user_id != 0) {
		memcpy(r->csrf, r->sess.csrf, sizeof(r->csrf));
		return r->csrf;
	}
	pre = dz_form_get(&r->cookies, DZ_PRELOGIN_COOKIE);
	if (pre != NULL && dz_crypt_token_valid(pre)) {
		memcpy(r->csrf, pre, DZ_TOKEN_LEN + 1);
		return r->csrf;
	}
	if (dz_crypt_token(r->csrf) != DZ_OK) {
		r->csrf[0] = '\0';
		return NULL;
	}
	set_cookie(r, DZ_PRELOGIN_COOKIE, r->csrf, -1, "Strict");
	return r->csrf;
}

int
dz_app_unread(struct dz_req *r)
{
	int	n;

	if (!r->unread_known) {
		r->unread_known = 1;
		n = r->sess.user_id != 0 ? dz_store_notice_unread(r->app->db, r->sess.user_id) : 0;
		r->unread = n > 0 ? n : 0;
	}
	return r->unread;
}

void
dz_app_fill_common(struct dz_req *r)
{
	const char	*tok;

	if ((tok = dz_app_csrf(r)) != NULL)
		dz_set(r->hdf, "CSRF", tok);
	if (r->sess.user_id == 0)
		return;
	dz_set(r->hdf, "User.Name", r->sess.username);
	dz_set(r->hdf, "User.Role", dz_auth_role_name(r->sess.role));
	dz_set(r->hdf, "User.Company", r->sess.company);
	dz_set_int(r->hdf, "User.MustChange", r->sess.must_change);
	if (r->sess.must_change)
		return;
	if (r->sess.role >= DZ_ROLE_CLERK) {
		dz_set_int(r->hdf, "Nav.Query", 1);
		dz_set_int(r->hdf, "Nav.Month", 1);
	}
	if (r->sess.role >= DZ_ROLE_VIEWER) {
		dz_set_int(r->hdf, "Nav.History", 1);
		dz_set_int(r->hdf, "Nav.Reports", 1);
	}
	if (r->sess.role >= DZ_ROLE_ADMIN)
		dz_set_int(r->hdf, "Nav.Users", 1);
	/* 数据导入: the documents of a set of the kind import come from it */
	if (r->sess.imported && r->sess.role >= DZ_ROLE_CLERK)
		dz_set_int(r->hdf, "Nav.Import", 1);
	/* the top bar's 通知 and its count (99+ past 99) */
	dz_set_int(r->hdf, "Nav.Notices", 1);
	if (dz_app_unread(r) > 0)
		dz_set_int(r->hdf, "User.Unread", dz_app_unread(r));
}

enum dz_err
dz_render_capture(struct dz_req *r, int status, const char *page, char **out,
    size_t *len)
{
	dz_app_fill_common(r);
	dz_set_int(r->hdf, "Page.Status", status);
	return dz_view_render(r->hdf, r->app->global, r->app->conf->data_dir, page,
	    out, len);
}

enum dz_err
dz_send_page(struct dz_req *r, int status, const char *html, size_t len)
{
	if (r->responded)
		return DZ_OK;
	send_head(r, status, "text/html; charset=utf-8", len);
	send_body(html, len);
	return DZ_OK;
}

enum dz_err
dz_send_kept(struct dz_req *r, int status, const struct dz_page *p, const char *tok)
{
	char		*html;
	enum dz_err	 rc;

	if (p == NULL)
		return DZ_ERR_NOTFOUND;
	if ((rc = dz_pcache_copy(p, tok, &html)) != DZ_OK)
		return rc;
	dz_send_page(r, status, html, p->len);
	free(html);
	return DZ_OK;
}

enum dz_err
dz_render(struct dz_req *r, int status, const char *page)
{
	char		*out;
	size_t		 len;

	if (r->responded)
		return DZ_OK;
	if (dz_render_capture(r, status, page, &out, &len) != DZ_OK) {
		/* The last resort must not depend on templates. */
		static const char fallback[] = "<!doctype html><html lang=\"zh-CN\">"
		    "<meta charset=\"utf-8\"><title>" LANG_app_oops "</title>"
		    "<h1>" LANG_app_oops "</h1><p>" LANG_app_oops_text "</p></html>\n";

		return dz_send_page(r, 500, fallback, sizeof(fallback) - 1);
	}
	dz_send_page(r, status, out, len);
	free(out);
	return DZ_OK;
}

enum dz_err
dz_redirect(struct dz_req *r, const char *path)
{
	/* Only local paths: never an open redirect. */
	if (path[0] != '/' || path[1] == '/' || path[1] == '\\')
		path = "/";
	if (dz_add_header(r, "Location: %s", path) != DZ_OK)
		return DZ_ERR_INVAL;
	send_head(r, 303, "text/html; charset=utf-8", 0);
	return DZ_OK;
}

int
dz_app_public_url(const struct dz_app *app, const char *path, char *buf, size_t sz)
{
	int	w;

	if (sz > 0)
		buf[0] = '\0';
	if (app->conf->public_base[0] == '\0') {
		dz_log_err("share: App.PublicBase is not set in %s: no customer "
		    "link is shown (the request's Host is not trusted)",
		    app->conf->path);
		return -1;
	}
	w = snprintf(buf, sz, "%s%s", app->conf->public_base, path);
	if (w < 0 || (size_t)w >= sz) {
		dz_log_err("share: a customer URL does not fit in %zu bytes", sz);
		if (sz > 0)
			buf[0] = '\0';
		return -1;
	}
	return 0;
}

int
dz_app_share_url(const struct dz_app *app, const char *token, char *buf, size_t sz)
{
	char	path[128];

	snprintf(path, sizeof(path), "/c/%s", token);
	return dz_app_public_url(app, path, buf, sz);
}

enum dz_err
dz_app_no_public_base(struct dz_req *r)
{
	dz_set_int(r->hdf, "Error.Status", 503);
	dz_set(r->hdf, "Error.Text", LANG_app_no_public_base);
	dz_set(r->hdf, "Error.Detail", LANG_app_no_public_base_detail);
	return dz_render(r, 503, "error.cs");
}

enum dz_err
dz_error_page(struct dz_req *r, enum dz_err e, const char *detail)
{
	int	status;

	status = dz_err_status(e);
	/* A dependency is down: browsers and monitors may come back soon. */
	if (status == 503)
		dz_add_header(r, "Retry-After: %d", DZ_RETRY_AFTER_SECONDS);
	dz_set_int(r->hdf, "Error.Status", status);
	dz_set(r->hdf, "Error.Text", dz_strerror(e));
	if (detail != NULL)
		dz_set(r->hdf, "Error.Detail", detail);
	return dz_render(r, status, "error.cs");
}

enum dz_err
dz_bad_field(struct dz_req *r, const struct dz_form_error *fe)
{
	dz_set_int(r->hdf, "Error.Status", 400);
	dz_set(r->hdf, "Error.Text", dz_strerror(DZ_ERR_INVAL));
	dz_set(r->hdf, "Error.Field", fe->field);
	dz_set(r->hdf, "Error.Detail", dz_form_strerror(fe->why));
	return dz_render(r, 400, "error.cs");
}

/*
 * Content-Disposition for a download named name: ASCII as it is; anything
 * else also as RFC 5987 (UTF-8, percent-encoded; see dz_send_blob).
 */
static enum dz_err
disposition(struct dz_req *r, const char *name)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*u;
	char			 plain[256], enc[768];
	size_t			 np = 0, ne = 0;
	int			 ascii = 1;

	for (u = (const unsigned char *)name; *u != '\0'; u++) {
		if (np + 2 > sizeof(plain) || ne + 4 > sizeof(enc))
			return DZ_ERR_INVAL;
		/* The ASCII stand-in: one "_" a character that is not plain. */
		if (*u >= 0x20 && *u < 0x7f && *u != '"' && *u != '\\')
			plain[np++] = (char)*u;
		else {
			ascii = 0;
			if (*u < 0x80 || *u >= 0xc0)
				plain[np++] = '_';
		}
		/* RFC 5987 attr-char, else %XX. */
		if ((*u >= 'A' && *u <= 'Z') || (*u >= 'a' && *u <= 'z') ||
		    (*u >= '0' && *u <= '9') || strchr("!#$&+-.^_`|~", *u) != NULL)
			enc[ne++] = (char)*u;
		else {
			enc[ne++] = '%';
			enc[ne++] = hex[*u >> 4];
			enc[ne++] = hex[*u & 15];
		}
	}
	plain[np] = '\0';
	enc[ne] = '\0';
	if (ascii)
		return dz_add_header(r, "Content-Disposition: attachment; filename=\"%s\"",
		    plain);
	return dz_add_header(r, "Content-Disposition: attachment; filename=\"%s\"; "
	    "filename*=UTF-8''%s", plain, enc);
}

const char *
dz_req_param(const struct dz_req *r, const char *name)
{
	(void)r;	/* one request at a time: the params are the loop's */
	return env(name);
}

enum dz_err
dz_send_status(struct dz_req *r, int status, const char *ctype, const void *data, size_t len)
{
	if (r->responded)
		return DZ_OK;
	send_head(r, status, ctype, len);
	send_body(data, len);
	return DZ_OK;
}

enum dz_err
dz_send_blob(struct dz_req *r, const char *ctype, const char *filename,
    const void *data, size_t len)
{
	enum dz_err	rc;

	if (filename != NULL && (rc = disposition(r, filename)) != DZ_OK)
		return rc;
	send_head(r, 200, ctype, len);
	send_body(data, len);
	return DZ_OK;
}

/*
 * Content-Disposition for a download: the plain name for old clients and
 * the UTF-8 one percent-encoded (RFC 6266 with RFC 5987's filename*), so
 * a Chinese name arrives as it is. Only RFC 5987's attr-chars go bare.
 */
enum dz_err
dz_attachment(struct dz_req *r, const char *ascii, const char *utf8)
{
	static const char	 hex[] = "0123456789ABCDEF";
	char			 enc[600];
	size_t			 n = 0;
	const unsigned char	*u;

	if (strpbrk(ascii, "\"\\\r\n") != NULL)
		return DZ_ERR_INVAL;
	for (u = (const unsigned char *)utf8; *u != '\0'; u++) {
		if (n + 4 > sizeof(enc))
			return DZ_ERR_TOOBIG;
		if ((*u >= 'A' && *u <= 'Z') || (*u >= 'a' && *u <= 'z') ||
		    (*u >= '0' && *u <= '9') || strchr("!#$&+-.^_`|~", *u) != NULL)
			enc[n++] = (char)*u;
		else {
			enc[n++] = '%';
			enc[n++] = hex[*u >> 4];
			enc[n++] = hex[*u & 15];
		}
	}
	enc[n] = '\0';
	return dz_add_header(r, "Content-Disposition: attachment; filename=\"%s\"; "
	    "filename*=UTF-8''%s", ascii, enc);
}

enum dz_err
dz_send_start(struct dz_req *r, const char *ctype, long long len)
{
	NEOERR	*err;

	if (len >= 0) {
		send_head(r, 200, ctype, (size_t)len);
		return DZ_OK;
	}
	/* No length: nginx sends it to the browser chunked. */
	err = cgiwrap_writef("Status: 200 OK\r\nContent-Type: %s\r\n"
	    "Cache-Control: no-store\r\n%s\r\n", ctype,
	    r->extra_headers != NULL ? r->extra_headers : "");
	r->responded = 1;
	if (err != STATUS_OK) {
		nerr_ignore(&err);
		return DZ_ERR_IO;
	}
	return DZ_OK;
}

enum dz_err
dz_send_more(struct dz_req *r, const void *data, size_t len)
{
	NEOERR	*err;

	(void)r;
	if (len > 0 && (err = cgiwrap_write(data, (int)len)) != STATUS_OK) {
		nerr_ignore(&err);
		return DZ_ERR_IO;
	}
	return DZ_OK;
}

enum dz_err
dz_send_fd(struct dz_req *r, const char *ctype, int fd, size_t len)
{
	char		 buf[65536];
	size_t		 left = len;
	ssize_t		 got;
	enum dz_err	 rc;

	if ((rc = dz_send_start(r, ctype, (long long)len)) != DZ_OK)
		return rc;
	while (left > 0) {
		got = read(fd, buf, left < sizeof(buf) ? left : sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			/* The head is out: all that is left is to cut it short. */
			dz_log_err("send: a file ended %zu bytes early", left);
			return DZ_ERR_IO;
		}
		if ((rc = dz_send_more(r, buf, (size_t)got)) != DZ_OK)
			return rc;
		left -= (size_t)got;
	}
	return DZ_OK;
}

enum dz_err
dz_req_form(struct dz_req *r, const struct dz_field *fields, size_t n,
    struct dz_value *out, struct dz_form_error *fe)
{
	return dz_form_validate(r->method == DZ_POST ? &r->body : &r->query,
	    fields, n, out, fe);
}

/* ---------------------------------------------------------------------
 * Routing.
 */

int
dz_app_route_match(const char *pat, const char *path, long long id[DZ_ARGS_MAX],
    char *tok[DZ_ARGS_MAX])
{
	size_t	ni = 0, nt = 0;

	while (*pat != '\0') {
		if (pat[0] == '%' && pat[1] == 'd') {
			long long v = 0;
			int	  digits = 0;

			while (*path >= '0' && *path <= '9' && digits < 12) {
				v = v * 10 + (*path++ - '0');
				digits++;
			}
			if (digits == 0 || digits == 12 || v == 0 || ni == DZ_ARGS_MAX)
				return 0;
			id[ni++] = v;
			pat += 2;
		} else if (pat[0] == '%' && pat[1] == 't') {
			const char *s = path;

			while ((*path >= 'A' && *path <= 'Z') || (*path >= 'a' &&
			    *path <= 'z') || (*path >= '0' && *path <= '9') ||
			    *path == '-' || *path == '_')
				path++;
			if (path == s || path - s > 128 || nt == DZ_ARGS_MAX)
				return 0;
			free(tok[nt]);
			if ((tok[nt++] = strndup(s, (size_t)(path - s))) == NULL)
				return 0;
			pat += 2;
		} else if (*pat++ != *path++)
			return 0;
	}
	return *path == '\0';
}

/* Find the route: NULL with *allow set when only the method is wrong. */
static const struct dz_route *
route(struct dz_req *r, unsigned int *allow)
{
	size_t	i;

	*allow = 0;
	for (i = 0; i < r->app->nroutes; i++) {
		const struct dz_route *rt = &r->app->routes[i];

		if (!dz_app_route_match(rt->pattern, r->path, r->id, r->tok))
			continue;
		if (rt->method == r->method)
			return rt;
		*allow |= 1u << rt->method;
	}
	return NULL;
}

/* ---------------------------------------------------------------------
 * One request.
 */

int
dz_app_origin_ok(const char *scheme, const char *host, const char *origin,
    const char *referer, const char *fetch_site)
{
	char	self[300];
	size_t	n;
	int	w;

	if (fetch_site != NULL && *fetch_site != '\0' &&
	    strcmp(fetch_site, "same-origin") != 0 && strcmp(fetch_site, "none") != 0)
		return 0;
	if (scheme == NULL || host == NULL || *host == '\0')
		return 0;
	w = snprintf(self, sizeof(self), "%s://%s", scheme, host);
	if (w < 0 || (size_t)w >= sizeof(self))
		return 0;
	n = (size_t)w;
	if (origin != NULL && *origin != '\0')
		return strcasecmp(origin, self) == 0;
	if (referer != NULL && *referer != '\0')
		return strncasecmp(referer, self, n) == 0 &&
		    (referer[n] == '/' || referer[n] == '\0');
	return 0;
}

int
dz_app_origin_opaque_ok(const char *scheme, const char *host, const char *origin,
    const char *fetch_site)
{
	char	self[300];
	int	w;

	if (fetch_site != NULL && *fetch_site != '\0' &&
	    strcmp(fetch_site, "same-origin") != 0)
		return 0;
	if (origin == NULL || *origin == '\0' || strcmp(origin, "null") == 0)
		return 1;
	if (scheme == NULL || host == NULL || *host == '\0')
		return 0;
	w = snprintf(self, sizeof(self), "%s://%s", scheme, host);
	return w > 0 && (size_t)w < sizeof(self) && strcasecmp(origin, self) == 0;
}

int
dz_app_post_ok(struct dz_req *r, unsigned int flags)
{
	const char	*got, *pre;
	int		 opaque = (flags & DZ_POST_OPAQUE) != 0;

	if (opaque ? !dz_app_origin_opaque_ok(r->scheme, r->host, env("HTTP_ORIGIN"),
	    env("HTTP_SEC_FETCH_SITE")) : !dz_app_origin_ok(r->scheme, r->host,
	    env("HTTP_ORIGIN"), env("HTTP_REFERER"), env("HTTP_SEC_FETCH_SITE")))
		return 0;
	got = dz_form_get(&r->body, "csrf");
	if (got == NULL || strlen(got) != DZ_TOKEN_LEN)
		return 0;
	if (!opaque && r->sess.user_id != 0 &&
	    dz_crypt_equal(got, r->sess.csrf, DZ_TOKEN_LEN))
		return 1;
	/* Pages for visitors (sign-in, the customer's) carry the pre-login
	 * cookie's token. */
	pre = dz_form_get(&r->cookies, DZ_PRELOGIN_COOKIE);
	return (opaque || r->route->role == DZ_ROLE_PUBLIC) && pre != NULL &&
	    strlen(pre) == DZ_TOKEN_LEN && dz_crypt_equal(got, pre, DZ_TOKEN_LEN);
}

/*
 * A form over a limit (bytes: the body above Form.MaxBody, 413; else more
 * than DZ_FORM_MAXPAIRS fields, 400): the error page says which limit
 * and what to do instead.
 */
static void
too_big(struct dz_req *r, int bytes)
{
	char	detail[512], head[256];

	/* An upload: the file's limit, as lib/sheet names it. */
	if (bytes && r->route != NULL && (r->route->flags & DZ_RF_UPLOAD)) {
		dz_error_page(r, DZ_ERR_TOOBIG, LANG_sheet_too_big);
		return;
	}
	if (bytes)
		snprintf(head, sizeof(head), LANG_toobig_bytes,
		    r->app->conf->form_max_body / 1024);
	else
		snprintf(head, sizeof(head), LANG_toobig_fields, DZ_FORM_MAXPAIRS);
	snprintf(detail, sizeof(detail), "%s%s", head, LANG_toobig_next);
	dz_error_page(r, bytes ? DZ_ERR_TOOBIG : DZ_ERR_INVAL, detail);
}

/*
 * A multipart body of an upload route (DZ_RF_UPLOAD): its text parts
 * become the form (r->body: the csrf token and the other fields are read
 * as from any form), its one file r->upload, pointing into buf, which the
 * request keeps (r->raw) until it ends.
 */
static enum dz_err
read_multipart(struct dz_req *r, const char *ct, unsigned char *buf, size_t len)
{
	char		 boundary[DZ_MULTIPART_BOUNDARY_MAX + 1];
	enum dz_err	 rc;

	if (dz_multipart_boundary(ct, boundary, sizeof(boundary)) != DZ_OK) {
		free(buf);
		return DZ_ERR_INVAL;
	}
	if ((r->mp = calloc(1, sizeof(*r->mp))) == NULL) {
		free(buf);
		return DZ_ERR_NOMEM;
	}
	r->raw = buf;
	if ((rc = dz_multipart_parse(r->mp, boundary, buf, len)) != DZ_OK)
		return rc;
	/* The text parts are the form: moved, not copied. */
	r->body = r->mp->fields;
	memset(&r->mp->fields, 0, sizeof(r->mp->fields));
	if (r->mp->nfiles > 0)
		r->upload = &r->mp->file[0];
	return DZ_OK;
}

static enum dz_err
read_body(struct dz_req *r)
{
	const char	*cl, *ct;
	char		*buf, *end;
	long		 len, max;
	int		 got, total = 0, multipart, json;
	enum dz_err	 rc;

	cl = env("CONTENT_LENGTH");
	if (*cl == '\0')
		return DZ_OK;
	errno = 0;
	len = strtol(cl, &end, 10);
	if (*end != '\0' || len < 0 || errno != 0)
		return DZ_ERR_INVAL;
	ct = env("CONTENT_TYPE");
	multipart = (r->route->flags & DZ_RF_UPLOAD) &&
	    strncasecmp(ct, "multipart/form-data", 19) == 0;
	json = (r->route->flags & DZ_RF_JSON) &&
	    (strncasecmp(ct, "application/json", 16) == 0 ||
	    strncasecmp(ct, "application/x-ndjson", 20) == 0);
	max = multipart ? DZ_UPLOAD_BODY_MAX : json ? DZ_JSON_BODY_MAX :
	    r->app->conf->form_max_body;
	if (len > max)
		return DZ_ERR_TOOBIG;
	if (len == 0)
		return DZ_OK;
	/* an API route answers a body of another type itself (415) */
	if (!multipart && !json && (r->route->flags & DZ_RF_JSON))
		return DZ_OK;
	if (!multipart && !json &&
	    strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
		return DZ_ERR_INVAL;
	if ((buf = malloc((size_t)len + 1)) == NULL)
		return DZ_ERR_NOMEM;
	while (total < len) {
		cgiwrap_read(buf + total, (int)(len - total), &got);
		if (got <= 0)
			break;
		total += got;
	}
	buf[total] = '\0';
	if (total != len) {
		free(buf);
		return DZ_ERR_INVAL;
	}
	if (multipart)
		return read_multipart(r, ct, (unsigned char *)buf, (size_t)len);
	if (json) {
		r->raw = (unsigned char *)buf;	/* freed with the request */
		r->raw_len = (size_t)len;
		return DZ_OK;
	}
	rc = dz_form_parse_urlencoded(&r->body, buf, (size_t)len);
	free(buf);
	return rc;
}

/*
 * The request's support id: the start of nginx's $request_id (passed as
 * DZ_REQUEST_ID and written in its access log), else one of our own.
 * Every log line of the request carries it and its error page shows it,
 * so a person's screenshot leads to the log lines.
 */
static void
support_id(struct dz_req *r, const struct dz_app *app)
{
	const char	*p = env("DZ_REQUEST_ID");
	size_t		 n = 0;

	for (; *p != '\0' && n < DZ_SUPPORT_ID_LEN; p++)
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))
			r->support[n++] = *p;
	r->support[n] = '\0';
	if (n < DZ_SUPPORT_ID_LEN)
		snprintf(r->support, sizeof(r->support), "%06lx%06lx",
		    (unsigned long)getpid() & 0xffffffUL, app->served & 0xffffffUL);
	dz_log_request(r->support);
	dz_set(r->hdf, "Req.Support", r->support);
}

/*
 * A request that waited in the socket's queue longer than App.QueueSeconds
 * (nginx says when it sent it): nginx has given up on it or soon will, so
 * it gets a 503 at once instead of work nobody will see. This is what
 * ends a pile-up behind a hung dependency as soon as the workers are free.
 */
static int
stale(const struct dz_app *app)
{
	const char	*p = env("DZ_REQUEST_START");
	struct timespec	 ts;
	double		 sent, waited;

	if (*p == '\0' || app->conf->queue_s <= 0)
		return 0;
	sent = strtod(p, NULL);
	clock_gettime(CLOCK_REALTIME, &ts);
	waited = (double)ts.tv_sec + ts.tv_nsec / 1e9 - sent;
	if (sent <= 0 || waited <= app->conf->queue_s)
		return 0;
	dz_log_warn("queue: dropped a request that waited %.0f s (App.QueueSeconds %d)",
	    waited, app->conf->queue_s);
	return 1;
}

static void
serve(struct dz_app *app, char **envp)
{
	struct dz_req		 r;
	HDF			*hdf = NULL;
	NEOERR			*err;
	const char		*m, *p, *cookie;
	unsigned int		 allow;
	enum dz_err		 rc;
	size_t			 i;

	memset(&r, 0, sizeof(r));
	r.app = app;
	env_index(envp);

	/*
	 * The page's data: only what the handlers put in. (No cgi_init: it
	 * copies every header, the query and the cookies into the HDF, which
	 * no template reads, and it cost ~10 % of a request.)
	 */
	if ((err = hdf_init(&hdf)) != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		return;
	}
	r.hdf = hdf;
	support_id(&r, app);
	if (stale(app)) {
		dz_error_page(&r, DZ_ERR_BUSY, NULL);
		goto done;
	}

	m = env("REQUEST_METHOD");
	r.method_name = m;
	r.method = strcmp(m, "POST") == 0 ? DZ_POST : DZ_GET;
	p = env("DOCUMENT_URI");
	if (*p == '\0')
		p = env("SCRIPT_NAME");
	r.path = strdup(*p != '\0' ? p : "/");
	r.scheme = env("REQUEST_SCHEME");
	if (*r.scheme == '\0')
		r.scheme = strcmp(env("HTTPS"), "on") == 0 ? "https" : "http";
	r.host = env("HTTP_HOST");
	r.remote_addr = env("REMOTE_ADDR");
	r.user_agent = env("HTTP_USER_AGENT");
	if (r.path == NULL) {
		rc = DZ_ERR_NOMEM;
		goto fail;
	}

	if (strcmp(m, "GET") != 0 && strcmp(m, "POST") != 0 && strcmp(m, "HEAD") != 0) {
		dz_add_header(&r, "Allow: GET, POST");
		dz_set_int(r.hdf, "Error.Status", 405);
		dz_set(r.hdf, "Error.Text", LANG_app_bad_method);
		dz_render(&r, 405, "error.cs");
		goto done;
	}
	p = r.query_string = env("QUERY_STRING");
	if (dz_form_parse_urlencoded(&r.query, p, strlen(p)) != DZ_OK ||
	    dz_form_parse_cookies(&r.cookies, env("HTTP_COOKIE")) != DZ_OK) {
		rc = DZ_ERR_NOMEM;
		goto fail;
	}

	if ((r.route = route(&r, &allow)) == NULL) {
		if (allow == 0) {
			rc = DZ_ERR_NOTFOUND;
			goto fail;
		}
		dz_add_header(&r, "Allow: %s%s%s",
		    (allow & 1u) ? "GET" : "", allow == 3u ? ", " : "",
		    (allow & 2u) ? "POST" : "");
		dz_set_int(r.hdf, "Error.Status", 405);
		dz_set(r.hdf, "Error.Text", LANG_app_wrong_method);
		dz_render(&r, 405, "error.cs");
		goto done;
	}
	if (r.method == DZ_POST && (rc = read_body(&r)) != DZ_OK) {
		if (rc != DZ_ERR_TOOBIG)
			goto fail;
		too_big(&r, 1);
		goto done;
	}
	/* A flood of fields: what was too many and what to do, not a 400
	 * that names no field. Nothing of it is read. */
	if (r.body.flood || r.query.flood) {
		dz_log_warn("refused a form of more than %d fields", DZ_FORM_MAXPAIRS);
		too_big(&r, 0);
		goto done;
	}

	cookie = dz_form_get(&r.cookies, DZ_SESSION_COOKIE);
	if (cookie != NULL) {
		rc = dz_auth_session(app->db, app->conf, cookie, &r.sess);
		if (rc == DZ_ERR_AUTH)
			/* A dead cookie: tell the browser to forget it. */
			set_cookie(&r, DZ_SESSION_COOKIE, "", 0, "Lax");
		else if (rc != DZ_OK)
			goto fail;
	}

	if (r.route->role != DZ_ROLE_PUBLIC) {
		if (r.sess.user_id == 0) {
			if (r.method == DZ_GET) {
				dz_redirect(&r, "/login");
				goto done;
			}
			rc = DZ_ERR_FORBIDDEN;
			goto fail;
		}
		if (r.sess.must_change && !(r.route->flags & DZ_RF_PWCHANGE)) {
			if (r.method == DZ_GET) {
				dz_redirect(&r, "/password");
				goto done;
			}
			rc = DZ_ERR_FORBIDDEN;
			goto fail;
		}
		if (r.route->role != DZ_ROLE_USER && r.sess.role < r.route->role) {
			/* who asked for what (a /c/ route is public: no token here) */
			dz_log_warn("authz: refused %s %s to user %lld (%s) from %s",
			    r.method == DZ_POST ? "POST" : "GET", r.path, r.sess.user_id,
			    dz_auth_role_name(r.sess.role), r.remote_addr);
			rc = DZ_ERR_FORBIDDEN;
			goto fail;
		}
	}
	if (r.method == DZ_POST && !(r.route->flags & DZ_RF_NOCSRF) &&
	    !dz_app_post_ok(&r, 0)) {
		/* A /c/ path holds a customer's link token: never logged. */
		dz_log_warn("csrf: refused POST %s from %s",
		    strncmp(r.path, "/c/", 3) == 0 ? "/c/[redacted]" : r.path,
		    r.remote_addr);
		dz_error_page(&r, DZ_ERR_FORBIDDEN, LANG_form_stale);
		goto done;
	}

	rc = r.route->fn(&r);
	if (rc == DZ_OK || r.responded)
		goto done;
fail:
	if (!r.responded)
		dz_error_page(&r, rc, NULL);
done:
	dz_log_request(NULL);
	app->served++;
	dz_form_free(&r.query);
	dz_form_free(&r.body);
	dz_form_free(&r.cookies);
	if (r.mp != NULL)
		dz_multipart_free(r.mp);
	free(r.mp);
	free(r.raw);
	for (i = 0; i < DZ_ARGS_MAX; i++)
		free(r.tok[i]);
	free(r.extra_headers);
	free(r.path);
	dz_wipe(&r.sess, sizeof(r.sess));
	dz_wipe(r.csrf, sizeof(r.csrf));
	hdf_destroy(&r.hdf);
	nenvix = 0;
}

/* fds 0-2 must be open, or a later open() would land on them. */
static int
check_fds(void)
{
	int	fd;

	for (fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			if (open("/dev/null", O_RDWR) != fd)
				return -1;
	return 0;
}

/*
 * A worker stops between requests: TERM, INT, QUIT or USR1 (from its
 * master, or libfcgi's "graceful" signal) only set a flag, and tell
 * libfcgi, whose accept loop checks its own. They are blocked while a
 * request is worked and let in (without SA_RESTART, so a blocked accept or
 * read ends) only while the worker waits for one: it finishes the request
 * it has, then returns.
 */
static volatile sig_atomic_t	stop_asked;

static void
on_stop(int sig)
{
	(void)sig;
	stop_asked = 1;
	FCGX_ShutdownPending();
}

static void
stop_signals(sigset_t *set, sigset_t *open)
{
	static const int	sigs[] = { SIGTERM, SIGINT, SIGQUIT, SIGUSR1 };
	struct sigaction	sa;
	size_t			i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigemptyset(set);
	for (i = 0; i < DZ_NELEM(sigs); i++) {
		sigaddset(set, sigs[i]);
		sigaddset(&sa.sa_mask, sigs[i]);
	}
	for (i = 0; i < DZ_NELEM(sigs); i++)
		sigaction(sigs[i], &sa, NULL);
	sigprocmask(SIG_BLOCK, set, open);
	for (i = 0; i < DZ_NELEM(sigs); i++)
		sigdelset(open, sigs[i]);
}

/*
 * Wait until the FastCGI socket has a connection, running the idle hook
 * (closing idle ERP connections) every DZ_APP_IDLE_SECONDS meanwhile, with
 * the stop signals let in (open). 0 when there is work (or the socket
 * cannot be polled: accept then blocks as before), -1 when the socket is
 * gone or the worker is told to stop.
 */
static int
wait_for_work(struct dz_app *app, const struct dz_app_hooks *hooks,
    const sigset_t *open)
{
	struct pollfd	pfd;
	struct timespec	ts;
	int		n;

	for (;;) {
		if (stop_asked)
			return -1;
		pfd.fd = 0;	/* FCGI_LISTENSOCK_FILENO */
		pfd.events = POLLIN;
		pfd.revents = 0;
		ts.tv_sec = DZ_APP_IDLE_SECONDS;
		ts.tv_nsec = 0;
		n = ppoll(&pfd, 1, &ts, open);
		if (stop_asked)
			return -1;
		if (n > 0)
			return (pfd.revents & POLLNVAL) ? -1 : 0;
		if (n == 0) {
			if (hooks != NULL && hooks->idle != NULL)
				hooks->idle(app);
			continue;
		}
		if (errno == EINTR)
			continue;
		return 0;
	}
}

/*
 * The key file as the worker last loaded it. Before each request a stat
 * says whether it changed: a key added by dz-admin rotate-key seals from
 * the next request on, a key retired stops opening, and a key file taken
 * away leaves the worker without keys (pages that need them say the
 * credentials are unavailable) instead of on a copy in memory.
 */
static struct stat	 key_st;
static int		 key_seen, key_had;

static int
same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev &&
	    a->st_size == b->st_size && a->st_mode == b->st_mode &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	    a->st_ctim.tv_sec == b->st_ctim.tv_sec &&
	    a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

static void
keys_fresh(struct dz_app *app, struct dz_keyring *keys, const char *path)
{
	struct stat	 st;
	int		 have;

	have = stat(path, &st) == 0;
	if (key_seen && have == key_had && (!have || same_file(&st, &key_st)))
		return;
	dz_crypt_key_clear(keys);
	app->keys = NULL;
	key_seen = 1;
	key_had = have;
	if (have)
		key_st = st;
	if (have && dz_crypt_key_load(path, keys) == DZ_OK) {
		app->keys = keys;
		dz_log_info("key file %s loaded (%zu key(s))", path, keys->n);
	} else
		dz_log_err("cannot load key file %s: %s", path,
		    have ? "unreadable or malformed" : "missing");
}

int
dz_app_main(int argc, char **argv, const char *name,
    const struct dz_route *routes, size_t nroutes, unsigned int flags,
    const struct dz_app_hooks *hooks)
{
	struct dz_app		 app;
	struct dz_conf		 conf;
	struct dz_keyring	 keys;
	FCGX_Request		 req;
	NEOERR			*err;
	sigset_t		 stopset, open;
	int			 code = 1, n = 0;

	memset(&app, 0, sizeof(app));
	memset(&keys, 0, sizeof(keys));
	if (check_fds() != 0)
		return 1;
	/* A client or MariaDB that hangs up must not kill the worker. */
	signal(SIGPIPE, SIG_IGN);
	/*
	 * Large blocks (Argon2id's 52 MiB) straight from and back to the
	 * kernel. Left to itself glibc raises this threshold after the first
	 * such free, and from then on keeps the 52 MiB resident in the heap:
	 * dz-login and dz-users stayed at 26-30 MB after one sign-in.
	 */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	dz_log_init(name, NULL);
	/*
	 * Under spawn-fcgi or systemd this process becomes the master of the
	 * workers (lib/super): it returns here only when stopped, and each
	 * worker goes on to read the configuration and serve. A worker that
	 * returns 1 could not start; 0 means it was told to stop.
	 */
	if (dz_super_run(&code) == DZ_SUPER_DONE)
		return code;
	code = 1;
	if ((err = nerr_init()) != STATUS_OK) {
		nerr_log_error(err);
		nerr_ignore(&err);
		return 1;
	}
	if (dz_conf_load(&conf, NULL) != DZ_OK)
		return 1;
	dz_log_init(name, conf.log_level);
	/* Before anything asks what day it is. */
	if (dz_clock_zone(conf.time_zone) != DZ_OK)
		goto out;
	app.name = name;
	app.conf = &conf;
	app.routes = routes;
	app.nroutes = nroutes;
	/* Said at start, and again on each page that needed it (503). */
	if ((flags & DZ_APP_LINKS) && conf.public_base[0] == '\0')
		dz_log_err("config: App.PublicBase is not set in %s: customer "
		    "links and QR codes are refused until it is", conf.path);
	/* Without keys the pages that need them answer 503. */
	if (flags & DZ_APP_KEYS)
		keys_fresh(&app, &keys, conf.key_file);
	if (dz_view_load_lang(conf.data_dir, &app.global) != DZ_OK) {
		dz_log_err("cannot read %s/lang/zh_CN.hdf", conf.data_dir);
		goto out;
	}
	if (dz_db_open(&app.db, &conf) != DZ_OK)
		goto out;
	/* Without it every link is checked in the store (slower, as correct). */
	if (conf.change_file[0] != '\0')
		dz_changes_open(conf.change_file);
	if (hooks != NULL && hooks->open != NULL && hooks->open(&app) != DZ_OK)
		goto out;

	if (FCGX_IsCGI()) {
		/* Plain CGI: one request on stdin/stdout. */
		cgiwrap_init_std(argc, argv, environ);
		serve(&app, environ);
		fflush(stdout);
		code = 0;
		goto out;
	}
	/* Ours before FCGX_Init: libfcgi then keeps them. */
	stop_signals(&stopset, &open);
	if (FCGX_Init() != 0 ||
	    FCGX_InitRequest(&req, 0, FCGI_FAIL_ACCEPT_ON_INTR) != 0)
		goto out;
	dz_log_info("serving");
	for (;;) {
		/* Idle: close cached ERP connections nobody has used lately. */
		if (wait_for_work(&app, hooks, &open) < 0)
			break;
		/* Another worker may take the connection first: this one then
		 * waits in accept(), where a stop signal must reach it too. */
		sigprocmask(SIG_SETMASK, &open, NULL);
		n = stop_asked ? -1 : FCGX_Accept_r(&req);
		sigprocmask(SIG_BLOCK, &stopset, NULL);
		if (n == -EINTR && !stop_asked)
			continue;
		if (n < 0)
			break;
		/* NOTE: every request: the handlers read headers through
		 * cgiwrap, and a stale envp would mix users. */
		cgiwrap_init_std(0, NULL, req.envp);
		cgiwrap_init_emu(&req, cb_read, cb_writef, cb_write, cb_getenv,
		    cb_putenv, cb_iterenv);
		if (flags & DZ_APP_KEYS)
			keys_fresh(&app, &keys, conf.key_file);
		serve(&app, req.envp);
		FCGX_Finish_r(&req);
	}
	FCGX_Free(&req, 1);
	if (stop_asked)
		code = 0;
	else
		dz_log_err("the FastCGI socket failed: %s", n < 0 && n > -1000 ?
		    strerror(-n) : "closed");
out:
	if (hooks != NULL && hooks->close != NULL)
		hooks->close(&app);
	dz_db_close(app.db);
	dz_changes_close();
	hdf_destroy(&app.global);
	dz_crypt_key_clear(&keys);
	dz_conf_clear(&conf);
	return code;
}
