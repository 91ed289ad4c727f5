/*
 * testmsg.h: client messages for erpsim's C tests.
 */
#ifndef ERPSIM_TESTMSG_H
#define ERPSIM_TESTMSG_H

#include <stddef.h>
#include <stdint.h>

struct tds_buf;

/* Appends UTF-8 text as UTF-16LE. */
void	testmsg_ucs2(struct tds_buf *, const char *);
/* Builds a TDS 7.4 LOGIN7 payload (password obfuscated) into b. */
void	testmsg_login(struct tds_buf *b, const char *user, const char *pass,
	    const char *db, uint32_t pktsize);
/* Frames payload p as packets of type of at most size bytes into out. */
void	testmsg_packets(struct tds_buf *out, uint8_t type,
	    const struct tds_buf *p, size_t size);

/* An RPC parameter's name and type byte (the value follows). */
void	testmsg_param_hdr(struct tds_buf *, const char *name, uint8_t type);
/* An RPC parameter: NVARCHAR(4000) with the UTF-8 value v as UTF-16LE. */
void	testmsg_nvarchar(struct tds_buf *, const char *name, const char *v);

#endif
