/*
 * app.h: the request loop of every screen program.
 *
 * A program declares a route table (method + path pattern -> handler + the
 * role it needs) and calls dz_app_main(). Per request the loop wires
 * ClearSilver's cgiwrap to the FastCGI streams, makes an empty HDF for the
 * page, parses the query string, body and cookies (lib/form), loads the session (lib/auth),
 * checks the role and, on POST, the CSRF token and Origin, then calls the
 * handler. Whatever a handler allocates through the request is freed in one
 * place when the request ends.
 */
#ifndef DZ_APP_H
#define DZ_APP_H

#include <stddef.h>
#include <stdint.h>
#include "dz.h"
#include "form.h"
#include "auth.h"

struct dz_conf;
struct dz_db;
struct dz_keyring;
struct dz_erp;
struct _hdf;

enum dz_method {
	DZ_GET,
	DZ_POST,
	DZ_METHOD__MAX
};

/* Route flags. */
#define DZ_RF_PWCHANGE	0x01	/* usable while the password must change */
#define DZ_RF_NOCSRF	0x02	/* POST checked by the handler itself (login) */
#define DZ_RF_UPLOAD	0x04	/* POST may be multipart/form-data with one file
				 * (r->upload), a body of up to DZ_UPLOAD_BODY_MAX */
#define DZ_RF_JSON	0x08	/* POST takes a body of application/json or
				 * application/x-ndjson, kept as it came (r->raw,
				 * r->raw_len), up to DZ_JSON_BODY_MAX: the import API */

/* The body an upload route takes: lib/sheet's 5 MB file and the form
 * around it. A file over 5 MB but inside this is refused by lib/sheet,
 * naming its limit; a body over it by lib/app, naming the same. */
#define DZ_UPLOAD_BODY_MAX	((5L << 20) + (256L << 10))
/* The import API's body: lib/sheet's 5 MB file, written as JSON. */
#define DZ_JSON_BODY_MAX	(8L << 20)

struct dz_req;
struct dz_multipart;
struct dz_upload;
typedef enum dz_err (*dz_handler)(struct dz_req *);

/*
 * A path pattern is literal segments plus "%d" (a positive integer,
 * stored in req->id[]) and "%t" (a token of [A-Za-z0-9_-], in req->tok[]).
 */
struct dz_route {
	enum dz_method	 method;
	const char	*pattern;
	dz_handler	 fn;
	enum dz_role	 role;
	unsigned int	 flags;
};

#define DZ_ARGS_MAX 4

/* What a program keeps between requests. */
struct dz_app {
	const char		*name;
	struct dz_conf		*conf;
	struct dz_db		*db;
	struct dz_keyring	*keys;
	struct dz_erp		*erp;		/* ERP gateway (lib/erp) */
	struct _hdf		*global;	/* Lang.*, read once */
	const struct dz_route	*routes;
	size_t			 nroutes;
	unsigned long		 served;
};

struct dz_req {
	struct dz_app		*app;
	struct _hdf		*hdf;		/* the page's data set */
	enum dz_method		 method;
	const char		*method_name;
	char			*path;
	const char		*scheme;
	const char		*host;
	const char		*remote_addr;
	const char		*user_agent;
	const char		*query_string;	/* as received */
	struct dz_pairs		 query;
	struct dz_pairs		 body;
	struct dz_pairs		 cookies;
	/* DZ_RF_UPLOAD: the file of a multipart body (NULL if none), which
	 * points into the body kept until the request ends */
	const struct dz_upload	*upload;
	struct dz_multipart	*mp;
	unsigned char		*raw;
	size_t			 raw_len;	/* DZ_RF_JSON: the body's bytes */
	long long		 id[DZ_ARGS_MAX];
	char			*tok[DZ_ARGS_MAX];
	const struct dz_route	*route;
	struct dz_session	 sess;		/* sess.user_id == 0: nobody */
	char			 csrf[DZ_TOKEN_LEN + 1];	/* see dz_app_csrf */
	int			 responded;	/* headers already sent */
	char			 support[16];	/* support id: error pages, log lines */
	char			*extra_headers;	/* Set-Cookie etc., "\r\n"-joined */
	size_t			 extra_len;
	int			 unread;	/* the top bar's count (dz_app_unread) */
	int			 unread_known;
};

/* Hex digits of a request's support id; seconds a 503 asks to wait. */
#define DZ_SUPPORT_ID_LEN	12
#define DZ_RETRY_AFTER_SECONDS	10

/* dz_app_main flags. */
#define DZ_APP_KEYS	0x01	/* load the key file (sealed data, share links) */
#define DZ_APP_LINKS	0x02	/* shows customer links: App.PublicBase is checked at start */

/* How often an idle worker runs the idle hook, in seconds. */
#define DZ_APP_IDLE_SECONDS	60

/*
 * What a program plugs into the loop for a resource it alone needs (the
 * ERP gateway: lib/erp.h's dz_erp_hooks), so that programs without it do
 * not link it: open after the config is read (an error stops the program),
 * idle while no request comes, close at the end.
 */
struct dz_app_hooks {
	enum dz_err	(*open)(struct dz_app *);
	void		(*idle)(struct dz_app *);
	void		(*close)(struct dz_app *);
};

/*
 * Run the program: read the config, open the app store lazily, load the
 * key file with DZ_APP_KEYS, open the hooks (may be NULL), then serve
 * requests until the FastCGI socket closes (or one request when run as
 * plain CGI). Returns the exit code.
 */
int		 dz_app_main(int argc, char **argv, const char *name,
		    const struct dz_route *, size_t nroutes, unsigned int flags,
		    const struct dz_app_hooks *hooks);

/*
 * The signed-in user's unread notices (lib/store_notify), read once per
 * request (one indexed count); 0 for nobody or when the store fails.
 */
int		 dz_app_unread(struct dz_req *);

/*
 * A customer's URL: App.PublicBase then path ("/c/<token>"), never the
 * request's Host header (a forged one would put another site into the links
 * and QR codes staff send out). -1 (logged) when App.PublicBase is unset or
 * buf is too small: the caller answers dz_app_no_public_base.
 */
int		 dz_app_public_url(const struct dz_app *, const char *path,
		    char *buf, size_t sz);
/* The customer's URL of a share link's token: dz_app_public_url of "/c/<token>". */
int		 dz_app_share_url(const struct dz_app *, const char *token, char *buf,
		    size_t sz);
/* The page (503) of a program asked for a customer link without App.PublicBase. */
enum dz_err	 dz_app_no_public_base(struct dz_req *);

/* Validate the request's fields (body for POST, query for GET). */
enum dz_err	 dz_req_form(struct dz_req *, const struct dz_field *, size_t n,
		    struct dz_value *out, struct dz_form_error *err);

/* Render templates/layout.cs around templates/<page> with status. */
enum dz_err	 dz_render(struct dz_req *, int status, const char *page);

/*
 * Render like dz_render but return the page instead of sending it: *out is
 * malloc'd (caller frees). With dz_send_page, for pages a program caches.
 */
enum dz_err	 dz_render_capture(struct dz_req *, int status, const char *page,
		    char **out, size_t *len);

/* Send a drawn page with status (the queued headers go with it). */
enum dz_err	 dz_send_page(struct dz_req *, int status, const char *html, size_t len);

/*
 * Send a page kept by lib/pagecache (NULL: not found) with tok in the
 * token's places. DZ_OK when sent; otherwise nothing was sent and the
 * caller draws the page.
 */
struct dz_page;
enum dz_err	 dz_send_kept(struct dz_req *, int status, const struct dz_page *,
		    const char *tok);

/*
 * The token this page's forms carry: the session's, or for a visitor the
 * pre-login one from the __Host-dzpre cookie (set anew when missing). The
 * same for the whole request; NULL only if no random token could be made.
 */
const char	*dz_app_csrf(struct dz_req *);

/* 303 See Other to a local path (must start with '/'). */
enum dz_err	 dz_redirect(struct dz_req *, const char *path);

/* Render the error page for e (status from the error) with an optional detail. */
enum dz_err	 dz_error_page(struct dz_req *, enum dz_err e, const char *detail);

/* A 400 page naming the field that failed. */
enum dz_err	 dz_bad_field(struct dz_req *, const struct dz_form_error *);

/* Queue a header line (no CR/LF inside) to send with the response. */
enum dz_err	 dz_add_header(struct dz_req *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/*
 * Send a non-HTML body (PNG, CSV, PDF) with the given type and optional
 * filename (then as an attachment). A name of plain printable ASCII goes
 * as filename="..."; any other (对账单-客户.pdf) also as RFC 5987's
 * filename*=UTF-8''<percent-encoded>, with an ASCII filename="..." beside
 * it for old clients (each other character an "_"). A name too long for
 * the header line is DZ_ERR_INVAL.
 */
enum dz_err	 dz_send_blob(struct dz_req *, const char *ctype, const char *filename,
		    const void *data, size_t len);
/* A request header as FastCGI passes it ("HTTP_AUTHORIZATION"); "" if none. */
const char	*dz_req_param(const struct dz_req *, const char *name);

/* A body of any type with its status (the import API's JSON answers). */
enum dz_err	 dz_send_status(struct dz_req *, int status, const char *ctype,
		    const void *data, size_t len);

/*
 * Queue Content-Disposition: attachment with a plain filename (no quotes,
 * backslashes or line ends: else DZ_ERR_INVAL) and its UTF-8 form as
 * filename* (RFC 5987), for a download named in Chinese.
 */
enum dz_err	 dz_attachment(struct dz_req *, const char *ascii, const char *utf8);

/*
 * A body sent as it is made: dz_send_start sends the head (200, the queued
 * headers; Content-Length when len >= 0, else none and nginx chunks it),
 * then dz_send_more each piece. Once started, a failure can only cut the
 * body short (DZ_ERR_IO, the caller stops): check what can fail first.
 */
enum dz_err	 dz_send_start(struct dz_req *, const char *ctype, long long len);
enum dz_err	 dz_send_more(struct dz_req *, const void *data, size_t len);

/* Send len bytes read from fd (a temporary file), 64 KB at a time. */
enum dz_err	 dz_send_fd(struct dz_req *, const char *ctype, int fd, size_t len);

/* Put the CSRF token, user and menu into the HDF (done before each render). */
void		 dz_app_fill_common(struct dz_req *);

/*
 * Does a POST come from this site? With Sec-Fetch-Site present it must be
 * same-origin (or none); then Origin must equal scheme://host exactly; with
 * no Origin, the Referer must start with scheme://host/; with neither, no.
 */
int		 dz_app_origin_ok(const char *scheme, const char *host, const char *origin,
		    const char *referer, const char *fetch_site);

/*
 * The same for a form on a page served with Referrer-Policy: no-referrer
 * (the customer's): browsers send it with "Origin: null" and no Referer
 * (Fetch standard, "append a request Origin header"). Sec-Fetch-Site, when
 * present, must be same-origin; Origin absent, "null" or exactly
 * scheme://host.
 */
int		 dz_app_origin_opaque_ok(const char *scheme, const char *host,
		    const char *origin, const char *fetch_site);

/*
 * Does this POST come from our own page? The one check of origin and form
 * token, done by the loop for every POST route without DZ_RF_NOCSRF: the
 * origin (dz_app_origin_ok), and the form's csrf equal to the session's or,
 * on a public route, to the __Host-dzpre cookie's. With DZ_POST_OPAQUE (for
 * a route that checks at a point of its own choosing), the origin rule is
 * dz_app_origin_opaque_ok and only the pre-login token counts.
 */
#define DZ_POST_OPAQUE	0x01
int		 dz_app_post_ok(struct dz_req *, unsigned int flags);

/*
 * Match a route pattern ("/admin/users/%d", "/c/%t") against a path.
 * 1 on a match with id[] and tok[] (malloc'd; caller frees) filled, else 0.
 */
int		 dz_app_route_match(const char *pattern, const char *path,
		    long long id[DZ_ARGS_MAX], char *tok[DZ_ARGS_MAX]);

/* HTTP status for an error. */
int		 dz_err_status(enum dz_err);

#endif
