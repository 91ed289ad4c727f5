/*
 * notify_send.h: a notice sent out through libcurl (issue 15), to an
 * account set's 企业微信 group robot (HTTPS POST of lib/notify's JSON,
 * delivered when HTTP 200 and errcode 0) or by mail (SMTP, smtps:// or
 * smtp:// with STARTTLS required). Short timeouts (Notify.TimeoutSeconds),
 * no redirects, only the protocols named, the server's certificate always
 * checked (Notify.CAFile, or the system's bundle). The only file that
 * includes curl's header (lib/libdznotify.a, linked by dz-admin and
 * dz-users alone).
 */
#ifndef DZ_NOTIFY_SEND_H
#define DZ_NOTIFY_SEND_H

#include <stddef.h>
#include "dz.h"
#include "notify.h"

struct dz_conf;
struct dz_notify_conf;

/* Once per process, before the first send (curl_global_init). */
enum dz_err	 dz_notify_send_init(void);

/* The robot's id for its rate window: hex SHA-256 of its URL. */
void		 dz_notify_robot(const char *url, char hex[65]);

/*
 * Send notice m on channel ch of c (its secrets open). idpart makes the
 * mail's Message-ID (the delivery's id). DZ_OK: delivered; DZ_ERR_THROTTLED:
 * the robot said it is over its rate (try later, not a failure);
 * DZ_ERR_INVAL: the channel is off or not set; DZ_ERR_IO: failed. why gets
 * the reason a page shows (Lang.notify.why).
 */
enum dz_err	 dz_notify_deliver(const struct dz_conf *, const struct dz_notify_conf *c,
		    enum dz_notify_chan ch, const struct dz_notice_msg *m,
		    const char *idpart, char *why, size_t whysz);

#endif
