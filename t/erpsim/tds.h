/*
 * tds.h: the TDS 7.1-7.4 wire layer of erpsim: byte buffers, a bounds-checked
 * reader, packet reassembly, the packetising writer and the token writers.
 * Everything here works on memory buffers; only tds_conn_* touch a socket.
 */
#ifndef ERPSIM_TDS_H
#define ERPSIM_TDS_H

#include <stddef.h>
#include <stdint.h>

/* Packet types (MS-TDS 2.2.3.1.1). */
enum tds_pkt_type {
	TDS_PKT_BATCH = 0x01,
	TDS_PKT_RPC = 0x03,
	TDS_PKT_REPLY = 0x04,
	TDS_PKT_ATTN = 0x06,
	TDS_PKT_LOGIN7 = 0x10,
	TDS_PKT_PRELOGIN = 0x12
};

#define TDS_STATUS_EOM		0x01
#define TDS_STATUS_IGNORE	0x02
#define TDS_STATUS_RESET	0x08
#define TDS_STATUS_RESETSKIPTRAN 0x10
#define TDS_HDR_LEN		8
#define TDS_MAX_PKT		32767
#define TDS_MAX_MSG		(16 * 1024 * 1024)

/* DONE status bits (2.2.7.6). */
#define TDS_DONE_FINAL	0x0000
#define TDS_DONE_MORE	0x0001
#define TDS_DONE_ERROR	0x0002
#define TDS_DONE_COUNT	0x0010
#define TDS_DONE_ATTN	0x0020

/* Tokens (2.2.7). */
#define TDS_TOK_RETURNSTATUS	0x79
#define TDS_TOK_COLMETADATA	0x81
#define TDS_TOK_ERROR		0xAA
#define TDS_TOK_INFO		0xAB
#define TDS_TOK_RETURNVALUE	0xAC
#define TDS_TOK_LOGINACK	0xAD
#define TDS_TOK_ROW		0xD1
#define TDS_TOK_ENVCHANGE	0xE3
#define TDS_TOK_DONE		0xFD
#define TDS_TOK_DONEPROC	0xFE
#define TDS_TOK_DONEINPROC	0xFF

/* A growable byte buffer; a failed allocation sets err and drops data. */
struct tds_buf {
	uint8_t		*data;
	size_t		 len;
	size_t		 cap;
	int		 err;
};

void	tds_buf_free(struct tds_buf *);
void	tds_buf_reserve(struct tds_buf *, size_t);
void	tds_buf_put(struct tds_buf *, const void *, size_t);
void	tds_buf_u8(struct tds_buf *, uint8_t);
void	tds_buf_u16(struct tds_buf *, uint16_t);
void	tds_buf_u32(struct tds_buf *, uint32_t);
void	tds_buf_u64(struct tds_buf *, uint64_t);
void	tds_buf_be16(struct tds_buf *, uint16_t);
void	tds_buf_be32(struct tds_buf *, uint32_t);
/* Appends UTF-8 text as UTF-16LE; returns the number of UTF-16 units. */
size_t	tds_buf_ucs2(struct tds_buf *, const char *, size_t);
/* B_VARCHAR (1-byte unit count) and US_VARCHAR (2-byte) from UTF-8. */
void	tds_buf_bvarchar(struct tds_buf *, const char *);
void	tds_buf_usvarchar(struct tds_buf *, const char *);

/* A bounds-checked little-endian reader: reading past the end sets err. */
struct tds_rd {
	const uint8_t	*p;
	size_t		 len;
	size_t		 pos;
	int		 err;
};

void		 tds_rd_init(struct tds_rd *, const void *, size_t);
uint8_t		 tds_rd_u8(struct tds_rd *);
uint16_t	 tds_rd_u16(struct tds_rd *);
uint32_t	 tds_rd_u32(struct tds_rd *);
uint64_t	 tds_rd_u64(struct tds_rd *);
/* Returns a pointer to the next n bytes and skips them, or NULL (err set). */
const uint8_t	*tds_rd_bytes(struct tds_rd *, size_t);

/*
 * Converts n bytes of UTF-16LE to a malloc'd NUL-terminated UTF-8 string
 * (lone surrogates become U+FFFD). Returns NULL on allocation failure;
 * the caller frees. If outlen is not NULL it receives the length.
 */
char	*tds_utf16_to_utf8(const uint8_t *, size_t, size_t *outlen);

/* Reassembles one client message from packets (MS-TDS 2.2.3). */
struct tds_msg {
	uint8_t		 type;
	uint8_t		 status;	/* status of the last packet */
	int		 npkt;
	struct tds_buf	 data;		/* payload, headers stripped */
};

/*
 * Feeds one whole packet (header included) to m. Returns 1 when the packet
 * ended the message (EOM), 0 when more packets are needed, -1 on a malformed
 * packet (bad length, type change mid-message, message too large).
 */
int	tds_msg_feed(struct tds_msg *, const uint8_t *, size_t);
/* Empties m for the next message, keeping its buffer. */
void	tds_msg_reset(struct tds_msg *);

/* One client connection: socket, negotiated settings and the reply buffer. */
struct tds_conn {
	int		 fd;
	uint16_t	 spid;
	int		 ver;		/* 71, 72, 73 or 74 */
	int		 pktsize;	/* negotiated packet size, header included */
	uint8_t		 pktid;
	int		 dead;		/* the socket failed: stop talking */
	int		 attn;		/* an attention packet was consumed */
	struct tds_buf	 out;		/* reply payload not yet sent */
	struct tds_buf	 wire;		/* staging area for framed packets */
	uint8_t		 pkttype;	/* what flush frames as: 0 is REPLY */
	/*
	 * TLS (tls.c): when tls is set, every byte read or written goes
	 * through these; read gives >0 bytes, 0 at the end, -1 on error.
	 */
	void		*tls;
	long		(*tls_read)(void *, uint8_t *, size_t);
	long		(*tls_write)(void *, const uint8_t *, size_t);
	int		(*tls_pending)(void *);
	uint8_t		 pend[TDS_HDR_LEN];	/* a header poll_attn read */
	size_t		 npend;
};

/* Reads one whole message into m. Returns 1, 0 on orderly EOF, -1 on error. */
int	tds_conn_read(struct tds_conn *, struct tds_msg *);
/*
 * Sends the buffered reply: with eom, everything, the last packet marked EOM;
 * without, only whole packets. Returns 0 or -1 (conn->dead set).
 */
int	tds_conn_flush(struct tds_conn *, int eom);
/* Sends whole packets once enough reply bytes are buffered. */
int	tds_conn_maybe_flush(struct tds_conn *);
/*
 * Looks for an attention packet without blocking (waiting up to wait_ms);
 * consumes it and sets conn->attn. Returns conn->attn (or 1 on a dead peer).
 */
int	tds_conn_poll_attn(struct tds_conn *, int wait_ms);

/* Token writers: they append to conn->out. */
void	tds_put_done(struct tds_conn *, uint8_t tok, uint16_t status,
	    uint16_t curcmd, uint64_t count);
void	tds_put_msg(struct tds_conn *, uint8_t tok, uint32_t number,
	    uint8_t state, uint8_t cls, const char *text, const char *proc,
	    uint32_t line);
void	tds_put_env_str(struct tds_conn *, uint8_t type, const char *newv,
	    const char *oldv);
void	tds_put_env_collation(struct tds_conn *);
void	tds_put_returnstatus(struct tds_conn *, int32_t);
/* RETURNVALUE of an INTN(4) output parameter (the sp_prepare handle). */
void	tds_put_returnvalue_int(struct tds_conn *, uint16_t ordinal,
	    const char *name, int32_t value);

/* "YYYY-MM-DD[ HH:MM[:SS[.fff]]]" to days since 1900-01-01 and 1/300 s. */
int	tds_datetime_parse(const char *, int32_t *days, uint32_t *ticks);
/* The inverse, "YYYY-MM-DD HH:MM:SS.mmm" into buf (at least 24 bytes). */
void	tds_datetime_format(int32_t days, uint32_t ticks, char *buf);

/* The collation every character column carries: Chinese_PRC_CI_AS. */
extern const uint8_t tds_collation[5];

#endif
