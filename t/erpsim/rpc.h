/*
 * rpc.h: parsing of RPC request messages (MS-TDS 2.2.6.6) into calls and
 * parameter values SQLite can bind. Pure: fuzzed on its own.
 */
#ifndef ERPSIM_RPC_H
#define ERPSIM_RPC_H

#include <stddef.h>
#include <stdint.h>

enum rpc_vkind {
	RPC_NULL,
	RPC_INT,
	RPC_REAL,
	RPC_TEXT8,	/* UTF-8 (formatted dates) */
	RPC_TEXT16,	/* UTF-16LE bytes (NVARCHAR, NCHAR, NTEXT) */
	RPC_TEXTCP,	/* code page bytes (VARCHAR, CHAR, TEXT) */
	RPC_BLOB,
	RPC__MAX
};

struct rpc_param {
	char		 name[128];	/* UTF-8, "" when unnamed */
	uint8_t		 status;	/* 0x01 output */
	uint8_t		 type;		/* wire type */
	enum rpc_vkind	 vk;
	int64_t		 i;
	double		 d;
	const uint8_t	*raw;		/* TEXT* and BLOB bytes */
	size_t		 rawlen;
	uint8_t		*own;		/* malloc'd storage behind raw */
};

/* Well-known procedure ids (2.2.6.6). */
enum rpc_procid {
	RPC_SP_EXECUTESQL = 10,
	RPC_SP_PREPARE = 11,
	RPC_SP_EXECUTE = 12,
	RPC_SP_PREPEXEC = 13,
	RPC_SP_UNPREPARE = 15
};

struct rpc_call {
	int		 procid;	/* 0 when called by name */
	char		 name[128];	/* UTF-8 procedure name */
	uint16_t	 flags;
	struct rpc_param *p;
	int		 np;
};

/*
 * Parses an RPC payload of TDS version ver (71..74) into *calls (*ncalls
 * entries; free with rpc_free). Parameters may point into buf, so keep
 * buf alive while the calls are used. Returns 0 or -1 on malformed input.
 */
int	rpc_parse(const uint8_t *buf, size_t len, int ver,
	    struct rpc_call **calls, int *ncalls);
void	rpc_free(struct rpc_call *, int);

/* The procedure id of a call by id or by well-known name, else 0. */
int	rpc_proc(const struct rpc_call *);

/*
 * Parses sp_executesql/sp_prepare parameter definitions "@P1 int, @P2
 * nvarchar(40) OUTPUT" into up to max names (each 128 bytes). Returns the
 * count.
 */
int	rpc_param_names(const char *defs, char (*names)[128], int max);

#endif
