/*
 * t/bench/pdf-draw: lib/pdf alone, without the store or the stack: a made-up
 * statement of N documents of L goods lines each (names long enough to wrap)
 * drawn R times; prints the time of each and writes the last PDF.
 *   pdf-draw [-n docs] [-l lines] [-r runs] [-u url] [-c name] [-a] [-o out.pdf]
 * -c: the customer's name. -a: the statement is answered 不符合 with a long description.
 * Used by t/bench/export-pdf.sh beside the HTTP figure, and by hand to look
 * at the layout.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dz.h"
#include "pdf.h"
#include "stmt.h"
#include "store.h"

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct dz_store_stmt	 s;
	struct dz_store_snap	 sn;
	struct dz_store_answer	 a;
	struct dz_pdf_in	 in;
	struct dz_stmt_doc	*docs;
	struct dz_stmt_line	*lines;
	char			(*num)[32], (*pname)[128];
	const char		*outf = "pdf-draw.pdf", *url = NULL, *cname = NULL;
	unsigned char		*pdf = NULL;
	size_t			 len = 0, i, j, ndocs = 1000, nl = 3, runs = 1, k;
	int			 c, answered = 0;
	int64_t			 bal = 1234567;
	FILE			*f;

	while ((c = getopt(argc, argv, "n:l:r:u:ao:c:")) != -1)
		switch (c) {
		case 'n': ndocs = strtoul(optarg, NULL, 10); break;
		case 'l': nl = strtoul(optarg, NULL, 10); break;
		case 'r': runs = strtoul(optarg, NULL, 10); break;
		case 'u': url = optarg; break;
		case 'a': answered = 1; break;
		case 'o': outf = optarg; break;
		case 'c': cname = optarg; break;
		default:
			fprintf(stderr, "usage: pdf-draw [-n docs] [-l lines] [-r runs] [-u url] [-a] [-o out]\n");
			return 2;
		}
	docs = calloc(ndocs + 1, sizeof(*docs));
	lines = calloc(ndocs * nl + 1, sizeof(*lines));
	num = calloc(ndocs + 1, sizeof(*num));
	pname = calloc(ndocs * nl + 1, sizeof(*pname));
	if (docs == NULL || lines == NULL || num == NULL || pname == NULL)
		return 1;
	memset(&s, 0, sizeof(s));
	memset(&sn, 0, sizeof(sn));
	s.id = 1;
	snprintf(s.customer_code, sizeof(s.customer_code), "0000100001");
	snprintf(s.customer_name, sizeof(s.customer_name), "%s",
	    "\xe8\x81\x94\xe6\x83\xb3\xef\xbc\x88\xe5\x8c\x97\xe4\xba\xac\xef\xbc\x89"
	    "\xe6\x9c\x89\xe9\x99\x90\xe5\x85\xac\xe5\x8f\xb8 Lenovo (Beijing) Co., Ltd. "
	    "Very Long Customer Name That Has To Wrap Somewhere Inside The Line");
	if (cname != NULL)
		snprintf(s.customer_name, sizeof(s.customer_name), "%s", cname);
	snprintf(s.from, sizeof(s.from), "2026-10-01");
	snprintf(s.to, sizeof(s.to), "2026-10-31");
	snprintf(s.created_at, sizeof(s.created_at), "2026-11-02 09:30");
	snprintf(s.created_by, sizeof(s.created_by), "clerk");
	s.with_opening = 1;
	s.status = answered ? DZ_STMT_DISPUTED : DZ_STMT_PENDING;
	dz_stmt_totals_init(&s.totals, bal);
	for (i = 0; i < ndocs; i++) {
		struct dz_stmt_doc *d = &docs[i];

		snprintf(num[i], sizeof(num[i]), "XS-2026-10-%05zu", i + 1);
		d->vchcode = (int64_t)i + 1;
		d->type = i % 7 == 6 ? DZ_DOC_RECEIPT : i % 11 == 10 ? DZ_DOC_RETURN : DZ_DOC_SALE;
		d->number = num[i];
		d->date = "2026-10-15";
		d->summary = i % 5 == 0 ? "\xe6\x9c\x88\xe5\xba\x95\xe8\xa1\xa5\xe8\xb4\xa7 "
		    "a summary long enough to wrap over two lines of its column" : "";
		d->lines = d->type == DZ_DOC_RECEIPT ? NULL : &lines[i * nl];
		d->nlines = d->type == DZ_DOC_RECEIPT ? 0 : nl;
		d->amount = 0;
		for (j = 0; j < d->nlines; j++) {
			struct dz_stmt_line *l = &lines[i * nl + j];

			snprintf(pname[i * nl + j], sizeof(pname[0]),
			    "ThinkPad X1 Carbon Gen %zu %s", j + 1, j == 0 ?
			    "\xe7\xac\x94\xe8\xae\xb0\xe6\x9c\xac\xe7\x94\xb5\xe8\x84\x91 "
			    "with a very long product description that wraps" : "");
			l->seq = (uint32_t)j + 1;
			l->product_code = "P0001";
			l->product_name = pname[i * nl + j];
			l->unit = "\xe5\x8f\xb0";
			l->qty = 20000;
			l->price = 6999000;
			l->amount = 1399800;
			d->amount += l->amount;
		}
		if (d->type == DZ_DOC_RECEIPT)
			d->amount = -500000;
		if (d->type == DZ_DOC_RETURN)
			d->amount = -d->amount;
		dz_stmt_totals_add(&s.totals, d->type, d->amount);
	}
	sn.sn.docs = docs;
	sn.sn.ndocs = ndocs;
	memset(sn.fingerprint, 'a', DZ_STMT_FP_HEXLEN);
	memset(&a, 0, sizeof(a));
	if (answered) {
		snprintf(a.decision, sizeof(a.decision), "disputed");
		snprintf(a.source, sizeof(a.source), "customer");
		for (k = 0; k < 40; k++)
			strcat(a.description, "\xe5\xb0\x91\xe4\xba\x86\xe4\xb8\xa4\xe7\xae\xb1 two boxes short ");
		snprintf(a.at, sizeof(a.at), "2026-11-03 10:00");
	}
	memset(&in, 0, sizeof(in));
	in.stmt = &s;
	in.snap = &sn;
	in.answer = answered ? &a : NULL;
	in.url = url;
	in.company = "\xe6\xb5\x8b\xe8\xaf\x95\xe5\x85\xac\xe5\x8f\xb8";
	for (k = 0; k < runs; k++) {
		double t0 = now();
		enum dz_err rc;

		free(pdf);
		pdf = NULL;
		if ((rc = dz_pdf_statement(&in, &pdf, &len)) != DZ_OK) {
			fprintf(stderr, "pdf-draw: dz_pdf_statement: %d\n", (int)rc);
			return 1;
		}
		printf("run %zu: %zu documents, %zu lines: %.3f s, %zu KB\n", k + 1, ndocs,
		    ndocs * nl, now() - t0, len / 1024);
	}
	/* What the process keeps once the PDF is made (a worker's figure). */
	if ((f = fopen("/proc/self/status", "r")) != NULL) {
		char	line[128];

		while (fgets(line, sizeof(line), f) != NULL)
			if (strncmp(line, "VmRSS:", 6) == 0 || strncmp(line, "VmHWM:", 6) == 0 ||
			    strncmp(line, "RssAnon:", 8) == 0 || strncmp(line, "RssFile:", 8) == 0)
				printf("%s", line);
		fclose(f);
	}
	if ((f = fopen(outf, "wb")) == NULL || fwrite(pdf, 1, len, f) != len || fclose(f) != 0) {
		perror(outf);
		return 1;
	}
	free(pdf);
	free(docs);
	free(lines);
	free(num);
	free(pname);
	return 0;
}
