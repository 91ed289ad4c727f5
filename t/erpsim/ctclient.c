/*
 * ctclient: a FreeTDS ct-lib client for erpsim's tests; rows are printed
 * like dbclient's (sqlite3 list mode: '|' between columns, NULL empty).
 *
 * ctclient -p PORT -U USER -P PASS COMMAND ...
 *   param TEXT [VALUE...]    language command with '?' and ct_param()
 *                            (FreeTDS sends sp_executesql); values
 *                            i:INT f:FLOAT s:TEXT n:(NULL)
 *   dynamic TEXT [VALUE...]  ct_dynamic prepare / execute / deallocate
 *   cancel TEXT MS           ct_send, ct_cancel(CS_CANCEL_ALL) after MS
 *                            ms, then "select 42" on the same connection
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ctpublic.h>

#define MAXCOL	64

static int	 errors;

static CS_RETCODE
client_cb(CS_CONTEXT *ctx, CS_CONNECTION *con, CS_CLIENTMSG *m)
{
	(void)ctx; (void)con;
	fprintf(stderr, "Client msg %d: %s\n", (int)m->msgnumber, m->msgstring);
	errors++;
	return CS_SUCCEED;
}

static CS_RETCODE
server_cb(CS_CONTEXT *ctx, CS_CONNECTION *con, CS_SERVERMSG *m)
{
	(void)ctx; (void)con;
	if (m->msgnumber == 5701 || m->msgnumber == 5703)
		return CS_SUCCEED;
	fprintf(stderr, "Msg %d: %s\n", (int)m->msgnumber, m->text);
	if (m->severity > 10)
		errors++;
	return CS_SUCCEED;
}

struct col {
	CS_DATAFMT	 fmt;
	CS_INT		 type;	/* bound type */
	union {
		CS_INT		 i;
		CS_BIGINT	 b;
		CS_FLOAT	 f;
		CS_MONEY	 m;
		CS_DATETIME	 dt;
		CS_CHAR		 c[1024];
	} u;
	CS_INT		 len;
	CS_SMALLINT	 ind;
};

static void
print_col(CS_CONTEXT *ctx, struct col *c)
{
	CS_DATEREC	 dr;
	long long	 m;

	if (c->ind == -1)
		return;
	switch (c->type) {
	case CS_INT_TYPE:
		printf("%d", (int)c->u.i);
		break;
	case CS_BIGINT_TYPE:
		printf("%lld", (long long)c->u.b);
		break;
	case CS_FLOAT_TYPE:
		printf("%.15g", c->u.f);
		break;
	case CS_MONEY_TYPE:
		m = (long long)((unsigned long long)(unsigned)c->u.m.mnyhigh << 32 |
		    c->u.m.mnylow);
		printf("%s%lld.%04lld", m < 0 ? "-" : "", llabs(m) / 10000,
		    llabs(m) % 10000);
		break;
	case CS_DATETIME_TYPE:
		cs_dt_crack(ctx, CS_DATETIME_TYPE, &c->u.dt, &dr);
		printf("%04d-%02d-%02d %02d:%02d:%02d.%03d", (int)dr.dateyear,
		    (int)dr.datemonth + 1, (int)dr.datedmonth, (int)dr.datehour,
		    (int)dr.dateminute, (int)dr.datesecond, (int)dr.datemsecond);
		break;
	default:
		fwrite(c->u.c, 1, (size_t)(c->len > 0 ? c->len : 0), stdout);
		break;
	}
}

static int
fetch_rows(CS_CONTEXT *ctx, CS_COMMAND *cmd)
{
	static struct col	 cols[MAXCOL];
	CS_INT			 n, i, rows;
	CS_RETCODE		 rc;

	if (ct_res_info(cmd, CS_NUMDATA, &n, CS_UNUSED, NULL) != CS_SUCCEED ||
	    n > MAXCOL)
		return -1;
	for (i = 0; i < n; i++) {
		struct col *c = &cols[i];

		memset(c, 0, sizeof(*c));
		ct_describe(cmd, i + 1, &c->fmt);
		switch (c->fmt.datatype) {
		case CS_TINYINT_TYPE: case CS_SMALLINT_TYPE: case CS_INT_TYPE:
		case CS_BIT_TYPE:
			c->type = CS_INT_TYPE;
			break;
		case CS_BIGINT_TYPE:
			c->type = CS_BIGINT_TYPE;
			break;
		case CS_FLOAT_TYPE: case CS_REAL_TYPE:
			c->type = CS_FLOAT_TYPE;
			break;
		case CS_MONEY_TYPE: case CS_MONEY4_TYPE:
			c->type = CS_MONEY_TYPE;
			break;
		case CS_DATETIME_TYPE: case CS_DATETIME4_TYPE:
			c->type = CS_DATETIME_TYPE;
			break;
		default:
			c->type = CS_CHAR_TYPE;
			break;
		}
		c->fmt.datatype = c->type;
		c->fmt.format = CS_FMT_UNUSED;
		c->fmt.maxlength = c->type == CS_CHAR_TYPE ? sizeof(c->u.c) :
		    (CS_INT)sizeof(c->u);
		c->fmt.count = 1;
		c->fmt.locale = NULL;
		if (ct_bind(cmd, i + 1, &c->fmt, &c->u, &c->len, &c->ind) !=
		    CS_SUCCEED)
			return -1;
	}
	while ((rc = ct_fetch(cmd, CS_UNUSED, CS_UNUSED, CS_UNUSED, &rows)) ==
	    CS_SUCCEED || rc == CS_ROW_FAIL) {
		for (i = 0; i < n; i++) {
			if (i > 0)
				putchar('|');
			print_col(ctx, &cols[i]);
		}
		putchar('\n');
	}
	return rc == CS_END_DATA ? 0 : -1;
}

static int
results(CS_CONTEXT *ctx, CS_COMMAND *cmd)
{
	CS_INT		 type;
	CS_RETCODE	 rc;
	int		 ret = 0;

	while ((rc = ct_results(cmd, &type)) == CS_SUCCEED) {
		switch (type) {
		case CS_ROW_RESULT:
			if (fetch_rows(ctx, cmd) == -1)
				ret = -1;
			break;
		case CS_CMD_FAIL:
			ret = -1;
			break;
		case CS_STATUS_RESULT:
		case CS_PARAM_RESULT:
		case CS_COMPUTE_RESULT:
			ct_cancel(NULL, cmd, CS_CANCEL_CURRENT);
			break;
		default:
			break;
		}
	}
	return rc == CS_END_RESULTS && ret == 0 ? 0 : -1;
}

static int
add_params(CS_COMMAND *cmd, int n, char **v)
{
	static CS_INT	 iv[64];
	static CS_FLOAT	 fv[64];
	CS_DATAFMT	 fmt;
	int		 i;
	CS_RETCODE	 rc;

	for (i = 0; i < n && i < 64; i++) {
		memset(&fmt, 0, sizeof(fmt));
		fmt.status = CS_INPUTVALUE;
		switch (v[i][0]) {
		case 'i':
			iv[i] = atoi(v[i] + 2);
			fmt.datatype = CS_INT_TYPE;
			fmt.maxlength = sizeof(CS_INT);
			rc = ct_param(cmd, &fmt, &iv[i], sizeof(CS_INT), 0);
			break;
		case 'f':
			fv[i] = atof(v[i] + 2);
			fmt.datatype = CS_FLOAT_TYPE;
			fmt.maxlength = sizeof(CS_FLOAT);
			rc = ct_param(cmd, &fmt, &fv[i], sizeof(CS_FLOAT), 0);
			break;
		case 'n':
			fmt.datatype = CS_INT_TYPE;
			fmt.maxlength = sizeof(CS_INT);
			rc = ct_param(cmd, &fmt, NULL, 0, -1);
			break;
		default:
			fmt.datatype = CS_CHAR_TYPE;
			fmt.maxlength = 255;
			rc = ct_param(cmd, &fmt, v[i] + 2,
			    (CS_INT)strlen(v[i] + 2), 0);
			break;
		}
		if (rc != CS_SUCCEED)
			return -1;
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	CS_CONTEXT	*ctx = NULL;
	CS_CONNECTION	*con = NULL;
	CS_COMMAND	*cmd = NULL;
	CS_LOCALE	*loc = NULL;
	const char	*user = NULL, *pass = NULL;
	char		 server[64];
	int		 c, port = 0, rc = -1;

	/* FreeTDS takes the client charset from the locale */
	setlocale(LC_ALL, "C.UTF-8");
	while ((c = getopt(argc, argv, "p:U:P:")) != -1) {
		switch (c) {
		case 'p': port = atoi(optarg); break;
		case 'U': user = optarg; break;
		case 'P': pass = optarg; break;
		default: return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 2 || port == 0 || user == NULL || pass == NULL) {
		fprintf(stderr, "usage: ctclient -p PORT -U USER -P PASS "
		    "param|dynamic|cancel ...\n");
		return 2;
	}
	if (cs_ctx_alloc(CS_VERSION_100, &ctx) != CS_SUCCEED ||
	    ct_init(ctx, CS_VERSION_100) != CS_SUCCEED)
		return 1;
	ct_callback(ctx, NULL, CS_SET, CS_CLIENTMSG_CB, (CS_VOID *)client_cb);
	ct_callback(ctx, NULL, CS_SET, CS_SERVERMSG_CB, (CS_VOID *)server_cb);
	snprintf(server, sizeof(server), "127.0.0.1:%d", port);
	if (ct_con_alloc(ctx, &con) != CS_SUCCEED ||
	    ct_con_props(con, CS_SET, CS_USERNAME, (CS_VOID *)user, CS_NULLTERM,
	    NULL) != CS_SUCCEED ||
	    ct_con_props(con, CS_SET, CS_PASSWORD, (CS_VOID *)pass, CS_NULLTERM,
	    NULL) != CS_SUCCEED ||
	    cs_loc_alloc(ctx, &loc) != CS_SUCCEED ||
	    cs_locale(ctx, CS_SET, loc, CS_SYB_CHARSET, (CS_CHAR *)"UTF-8",
	    CS_NULLTERM, NULL) != CS_SUCCEED ||
	    ct_con_props(con, CS_SET, CS_LOC_PROP, loc, CS_UNUSED, NULL) !=
	    CS_SUCCEED ||
	    ct_connect(con, server, CS_NULLTERM) != CS_SUCCEED ||
	    ct_cmd_alloc(con, &cmd) != CS_SUCCEED)
		goto out;
	if (strcmp(argv[0], "param") == 0) {
		if (ct_command(cmd, CS_LANG_CMD, argv[1], CS_NULLTERM,
		    CS_UNUSED) == CS_SUCCEED &&
		    add_params(cmd, argc - 2, argv + 2) == 0 &&
		    ct_send(cmd) == CS_SUCCEED)
			rc = results(ctx, cmd);
	} else if (strcmp(argv[0], "dynamic") == 0) {
		if (ct_dynamic(cmd, CS_PREPARE, "s1", CS_NULLTERM, argv[1],
		    CS_NULLTERM) != CS_SUCCEED || ct_send(cmd) != CS_SUCCEED ||
		    results(ctx, cmd) == -1)
			goto out;
		if (ct_dynamic(cmd, CS_EXECUTE, "s1", CS_NULLTERM, NULL,
		    CS_UNUSED) != CS_SUCCEED ||
		    add_params(cmd, argc - 2, argv + 2) == -1 ||
		    ct_send(cmd) != CS_SUCCEED || results(ctx, cmd) == -1)
			goto out;
		if (ct_dynamic(cmd, CS_DEALLOC, "s1", CS_NULLTERM, NULL,
		    CS_UNUSED) != CS_SUCCEED || ct_send(cmd) != CS_SUCCEED ||
		    results(ctx, cmd) == -1)
			goto out;
		rc = 0;
	} else if (strcmp(argv[0], "cancel") == 0 && argc >= 3) {
		if (ct_command(cmd, CS_LANG_CMD, argv[1], CS_NULLTERM,
		    CS_UNUSED) != CS_SUCCEED || ct_send(cmd) != CS_SUCCEED)
			goto out;
		usleep((useconds_t)atoi(argv[2]) * 1000);
		if (ct_cancel(NULL, cmd, CS_CANCEL_ALL) != CS_SUCCEED)
			goto out;
		printf("cancelled\n");
		/* NOTE: FreeTDS ct-lib leaves a cancelled command unusable
		 * (ct_send returns CS_CANCELED once): take a fresh one. */
		ct_cmd_drop(cmd);
		cmd = NULL;
		if (ct_cmd_alloc(con, &cmd) == CS_SUCCEED &&
		    ct_command(cmd, CS_LANG_CMD, "select 42", CS_NULLTERM,
		    CS_UNUSED) == CS_SUCCEED && ct_send(cmd) == CS_SUCCEED)
			rc = results(ctx, cmd);
	}
out:
	if (cmd != NULL)
		ct_cmd_drop(cmd);
	if (con != NULL) {
		ct_close(con, CS_UNUSED);
		ct_con_drop(con);
	}
	if (loc != NULL)
		cs_loc_drop(ctx, loc);
	if (ctx != NULL) {
		ct_exit(ctx, CS_UNUSED);
		cs_ctx_drop(ctx);
	}
	return rc == 0 && errors == 0 ? 0 : 1;
}
