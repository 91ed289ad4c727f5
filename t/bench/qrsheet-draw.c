/*
 * t/bench/qrsheet-draw: lib/pdf's QR sheet (dz_pdf_qrsheet) alone, on N
 * made-up customers: names short, long enough to be cut after two lines
 * (Chinese and Latin), and mixed; some amounts negative; every ninth
 * customer without a link (a note instead of the code). Draws it R times,
 * prints the time of each, writes the last PDF, and with -e the customers
 * as name TAB code TAB amount TAB url lines, which t/bench/qrsheet.sh
 * checks the PDF against (pdftotext, zbarimg).
 *   qrsheet-draw [-n customers] [-r runs] [-a] [-o out.pdf] [-e expected.tsv]
 * -a: drawn in a child process (dz_pdf_qrsheet_apart), as the programs do.
 */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dz.h"
#include "lang.h"
#include "money.h"
#include "pdf.h"

static const char *const city[] = {
	"\xe5\x8c\x97\xe4\xba\xac",	/* 北京 */
	"\xe4\xb8\x8a\xe6\xb5\xb7",	/* 上海 */
	"\xe5\xb9\xbf\xe5\xb7\x9e",	/* 广州 */
	"\xe6\xb7\xb1\xe5\x9c\xb3",	/* 深圳 */
	"\xe6\x9d\xad\xe5\xb7\x9e",	/* 杭州 */
	"\xe6\x88\x90\xe9\x83\xbd",	/* 成都 */
	"\xe6\xad\xa6\xe6\xb1\x89",	/* 武汉 */
	"\xe8\xa5\xbf\xe5\xae\x89",	/* 西安 */
};
static const char *const trade[] = {
	"\xe5\x95\x86\xe8\xb4\xb8",	/* 商贸 */
	"\xe7\x94\xb5\xe5\xad\x90",	/* 电子 */
	"\xe7\xa7\x91\xe6\x8a\x80",	/* 科技 */
	"\xe4\xba\x94\xe9\x87\x91",	/* 五金 */
	"\xe5\xbb\xba\xe6\x9d\x90",	/* 建材 */
	"\xe9\xa3\x9f\xe5\x93\x81",	/* 食品 */
	"\xe5\x8c\xbb\xe7\x96\x97\xe5\x99\xa8\xe6\xa2\xb0",	/* 医疗器械 */
	"\xe5\x8a\x9e\xe5\x85\xac\xe7\x94\xa8\xe5\x93\x81",	/* 办公用品 */
};
#define LTD	"\xe6\x9c\x89\xe9\x99\x90\xe5\x85\xac\xe5\x8f\xb8"	/* 有限公司 */
#define SHI	"\xe5\xb8\x82"						/* 市 */
#define DI	"\xe7\xac\xac"						/* 第 */
#define BRANCH	"\xe5\x88\x86\xe5\x85\xac\xe5\x8f\xb8"			/* 分公司 */
#define SALES	"\xe9\x94\x80\xe5\x94\xae\xe6\x9c\x8d\xe5\x8a\xa1\xe9\x83\xa8"	/* 销售服务部 */
#define GROUP	"\xef\xbc\x88\xe9\x9b\x86\xe5\x9b\xa2\xef\xbc\x89\xe8\x82\xa1\xe4\xbb\xbd"	/* （集团）股份 */
#define CHAIN	"\xe8\xbf\x9e\xe9\x94\x81\xe7\xbb\x8f\xe8\x90\xa5\xe7\xae\xa1\xe7\x90\x86"	/* 连锁经营管理 */
#define NCITY	(sizeof(city) / sizeof(city[0]))
#define NTRADE	(sizeof(trade) / sizeof(trade[0]))

struct cust {
	char	name[512], code[32], amount[DZ_MONEY_BUFSZ], url[128];
};

static double
now(clockid_t clk)
{
	struct timespec	ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Customer i, the same every run. */
static void
made_up(struct cust *c, struct dz_pdf_qr_item *it, size_t i)
{
	static const char	 b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	const char		*ci = city[i % NCITY], *tr = trade[(i / NCITY) % NTRADE];
	uint64_t		 x = 0x9e3779b97f4a7c15ULL * (i + 1);
	int64_t			 fen;
	char			 tok[44];
	size_t			 k;

	switch (i % 4) {
	case 0:		/* one line */
		snprintf(c->name, sizeof(c->name), "%s%s" LTD "%zu", ci, tr, i);
		break;
	case 1:		/* Chinese, cut after two lines */
		snprintf(c->name, sizeof(c->name), "%s" SHI "%s" GROUP LTD "%s" DI "%zu"
		    BRANCH SALES CHAIN LTD, ci, tr, city[(i + 3) % NCITY], i);
		break;
	case 2:		/* Latin, cut after two lines */
		snprintf(c->name, sizeof(c->name), "Very Long International Trading Company "
		    "No. %zu Holdings (Asia Pacific) Limited, Shenzhen Branch Office", i);
		break;
	default:	/* mixed, two lines */
		snprintf(c->name, sizeof(c->name), "%s%s Co., Ltd. %s" BRANCH " %zu", ci, tr,
		    city[(i + 5) % NCITY], i);
		break;
	}
	snprintf(c->code, sizeof(c->code), "C%07zu", i + 1);
	fen = (int64_t)((i * 7919 + 13) % 987654321);
	if (i % 5 == 3)
		fen = -fen;		/* paid ahead: the caller formats it as it is */
	dz_money_format(fen, c->amount, sizeof(c->amount));
	for (k = 0; k < 43; k++) {
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		tok[k] = b64[(x * 0x2545f4914f6cdd1dULL) >> 58];
	}
	tok[43] = '\0';
	if (i % 9 == 4)
		c->url[0] = '\0';
	else
		snprintf(c->url, sizeof(c->url), "https://dz.example.com/c/%s", tok);
	it->name = c->name;
	it->code = c->code;
	it->amount = c->amount;
	it->url = i % 18 == 4 ? NULL : c->url;	/* NULL and "": both no code */
}

int
main(int argc, char **argv)
{
	struct dz_pdf_qrsheet	 qs;
	struct dz_pdf_qr_item	*items;
	struct cust		*cs;
	const char		*outf = "qrsheet-draw.pdf", *expf = NULL;
	unsigned char		*pdf = NULL;
	char			 title[128], sub[256];
	size_t			 len = 0, n = 1000, runs = 1, i, k;
	double			 t0, c0, best = 0;
	int			 c, apart = 0;
	enum dz_err		 rc;
	FILE			*f;

	while ((c = getopt(argc, argv, "n:r:ao:e:")) != -1)
		switch (c) {
		case 'n': n = strtoul(optarg, NULL, 10); break;
		case 'r': runs = strtoul(optarg, NULL, 10); break;
		case 'a': apart = 1; break;
		case 'o': outf = optarg; break;
		case 'e': expf = optarg; break;
		default:
			fprintf(stderr, "usage: qrsheet-draw [-n customers] [-r runs] [-a] "
			    "[-o out.pdf] [-e expected.tsv]\n");
			return 2;
		}
	if (n == 0 || (items = calloc(n, sizeof(*items))) == NULL ||
	    (cs = calloc(n, sizeof(*cs))) == NULL)
		return 1;
	for (i = 0; i < n; i++)
		made_up(&cs[i], &items[i], i);
	snprintf(title, sizeof(title), LANG_qrsheet_title, "2026-11");
	snprintf(sub, sizeof(sub), LANG_qrsheet_sub, "2026-11-01", "2026-11-30", n);
	memset(&qs, 0, sizeof(qs));
	qs.company = "\xe6\xb5\x8b\xe8\xaf\x95\xe5\x85\xac\xe5\x8f\xb8";	/* 测试公司 */
	qs.title = title;
	qs.sub = sub;
	qs.items = items;
	qs.n = n;
	for (k = 0; k < runs; k++) {
		free(pdf);
		pdf = NULL;
		t0 = now(CLOCK_MONOTONIC);
		c0 = now(CLOCK_PROCESS_CPUTIME_ID);
		rc = apart ? dz_pdf_qrsheet_apart(&qs, "qrsheet-draw", &pdf, &len) :
		    dz_pdf_qrsheet(&qs, &pdf, &len);
		if (rc != DZ_OK) {
			fprintf(stderr, "qrsheet-draw: %s: %d\n", apart ? "dz_pdf_qrsheet_apart" :
			    "dz_pdf_qrsheet", (int)rc);
			return 1;
		}
		t0 = now(CLOCK_MONOTONIC) - t0;
		c0 = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
		if (k == 0 || t0 < best)
			best = t0;
		/* (on a shared machine the CPU time says more; a child's is its own) */
		printf("run %zu: %zu customers%s: %.3f s (CPU %.3f s), %zu KB\n", k + 1, n,
		    apart ? " (child process)" : "", t0, c0, len / 1024);
	}
	printf("best: %.3f s\n", best);
	if ((f = fopen(outf, "wb")) == NULL || fwrite(pdf, 1, len, f) != len || fclose(f) != 0) {
		perror(outf);
		return 1;
	}
	if (expf != NULL) {
		if ((f = fopen(expf, "w")) == NULL) {
			perror(expf);
			return 1;
		}
		for (i = 0; i < n; i++)
			fprintf(f, "%s\t%s\t%s\t%s\n", cs[i].name, cs[i].code, cs[i].amount,
			    items[i].url != NULL ? items[i].url : "");
		if (fclose(f) != 0) {
			perror(expf);
			return 1;
		}
	}
	free(pdf);
	/* The refusals the interface promises. */
	qs.n = 0;
	if (dz_pdf_qrsheet(&qs, &pdf, &len) != DZ_ERR_INVAL ||
	    dz_pdf_qrsheet_apart(&qs, "qrsheet-draw", &pdf, &len) != DZ_ERR_INVAL) {
		fprintf(stderr, "qrsheet-draw: n == 0 was not refused\n");
		return 1;
	}
	qs.n = n;
	qs.items = NULL;
	if (dz_pdf_qrsheet(&qs, &pdf, &len) != DZ_ERR_INVAL) {
		fprintf(stderr, "qrsheet-draw: NULL items were not refused\n");
		return 1;
	}
	free(items);
	free(cs);
	return 0;
}
