/*
 * t/bench/sheet: lib/sheet on a customer's ledger as large as an upload
 * may be (issue 14: a 5 MB XLSX read in <= 1 s, in <= 20 MB).
 *   sheet -w out.xlsx [-n rows]   write the ledger with libxlsxwriter:
 *                                 rows x 6 columns (a date, a document
 *                                 number, a product, quantity, amount, a
 *                                 note), shared strings as Excel writes
 *   sheet [-r runs] in.xlsx       read it runs times with dz_sheet_read
 *                                 and print the median time and the
 *                                 peak resident memory (ru_maxrss)
 * Two runs of the program, so the writer's memory is not counted in the
 * reader's peak. t/bench/sheet.sh runs both.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "dz.h"
#include "sheet.h"

#define BUDGET_S	1.0
#define BUDGET_MB	20

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
write_book(const char *path, size_t rows)
{
	static const char *const goods[] = {
		"\xe4\xb8\x8d\xe9\x94\x88\xe9\x92\xa2\xe8\x9e\xba\xe6\xa0\x93 M8x40",
		"\xe9\x95\x80\xe9\x94\x8c\xe5\x9e\xab\xe7\x89\x87 \xce\xa6""8",
		"\xe5\x85\xad\xe8\xa7\x92\xe8\x9e\xba\xe6\xaf\x8d M10",
		"\xe8\x86\xa8\xe8\x83\x80\xe8\x9e\xba\xe6\xa0\x93 M12x100",
		"\xe8\x87\xaa\xe6\x94\xbb\xe4\xb8\x9d ST4.2x25",
	};
	lxw_workbook_options	 o = { .constant_memory = 0, .tmpdir = NULL };
	lxw_workbook		*wb;
	lxw_worksheet		*ws;
	lxw_format		*date, *money;
	lxw_datetime		 d = { 2026, 1, 1, 0, 0, 0 };
	char			 b[128];
	size_t			 r;

	if ((wb = workbook_new_opt(path, &o)) == NULL)
		return -1;
	ws = workbook_add_worksheet(wb, "\xe5\x8f\xb0\xe8\xb4\xa6");	/* 台账 */
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00;[Red]-#,##0.00");
	worksheet_write_string(ws, 0, 0, "\xe6\x97\xa5\xe6\x9c\x9f", NULL);
	worksheet_write_string(ws, 0, 1, "\xe5\x8d\x95\xe6\x8d\xae\xe7\xbc\x96\xe5\x8f\xb7", NULL);
	worksheet_write_string(ws, 0, 2, "\xe5\x93\x81\xe5\x90\x8d", NULL);
	worksheet_write_string(ws, 0, 3, "\xe6\x95\xb0\xe9\x87\x8f", NULL);
	worksheet_write_string(ws, 0, 4, "\xe9\x87\x91\xe9\xa2\x9d", NULL);
	worksheet_write_string(ws, 0, 5, "\xe5\xa4\x87\xe6\xb3\xa8", NULL);
	for (r = 1; r < rows; r++) {
		d.month = 1 + r % 12;
		d.day = 1 + r % 28;
		worksheet_write_datetime(ws, r, 0, &d, date);
		snprintf(b, sizeof(b), "XS-2026-%06zu", r);
		worksheet_write_string(ws, r, 1, b, NULL);
		worksheet_write_string(ws, r, 2, goods[r % DZ_NELEM(goods)], NULL);
		worksheet_write_number(ws, r, 3, (double)(r % 500 + 1), NULL);
		worksheet_write_number(ws, r, 4, (double)((r * 7919) % 10000000) / 100, money);
		/* 第 r 批 送货单 随货同行 */
		snprintf(b, sizeof(b), "\xe7\xac\xac %zu \xe6\x89\xb9 \xe9\x80\x81\xe8\xb4\xa7"
		    "\xe5\x8d\x95 \xe9\x9a\x8f\xe8\xb4\xa7\xe5\x90\x8c\xe8\xa1\x8c %zu", r, r * 31);
		worksheet_write_string(ws, r, 5, b, NULL);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

static int
cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct dz_sheet		 s;
	enum dz_sheet_why	 why;
	struct rusage		 ru;
	struct stat		 st;
	const char		*out = NULL;
	unsigned char		*buf;
	size_t			 rows = 50000, runs = 3, i, nrows = 0;
	double			*t, med;
	FILE			*f;
	enum dz_err		 e;
	int			 c;

	while ((c = getopt(argc, argv, "w:n:r:")) != -1)
		switch (c) {
		case 'w': out = optarg; break;
		case 'n': rows = strtoul(optarg, NULL, 10); break;
		case 'r': runs = strtoul(optarg, NULL, 10); break;
		default:
			fprintf(stderr, "usage: sheet -w out.xlsx [-n rows] | sheet [-r runs] in.xlsx\n");
			return 2;
		}
	if (out != NULL) {
		if (write_book(out, rows) == -1 || stat(out, &st) == -1) {
			fprintf(stderr, "sheet: cannot write %s\n", out);
			return 1;
		}
		printf("# wrote %s: %zu rows, %.2f MB\n", out, rows, st.st_size / 1048576.0);
		return 0;
	}
	if (optind + 1 != argc || runs == 0 || (f = fopen(argv[optind], "rb")) == NULL ||
	    fstat(fileno(f), &st) == -1) {
		fprintf(stderr, "usage: sheet -w out.xlsx [-n rows] | sheet [-r runs] in.xlsx\n");
		return 2;
	}
	if ((buf = malloc(st.st_size)) == NULL || (t = calloc(runs, sizeof(*t))) == NULL ||
	    fread(buf, 1, st.st_size, f) != (size_t)st.st_size) {
		fprintf(stderr, "sheet: cannot read %s\n", argv[optind]);
		return 1;
	}
	fclose(f);
	for (i = 0; i < runs; i++) {
		t[i] = now();
		e = dz_sheet_read(buf, st.st_size, &s, &why);
		t[i] = now() - t[i];
		if (e != DZ_OK) {
			fprintf(stderr, "sheet: refused: %s\n", dz_sheet_why_code(why));
			return 1;
		}
		nrows = s.nrows;
		printf("# run %zu: %.3f s, %zu rows x %zu columns\n", i + 1, t[i], s.nrows, s.ncols);
		dz_sheet_free(&s);
	}
	qsort(t, runs, sizeof(*t), cmp);
	med = t[runs / 2];
	printf("read a %.1f MB XLSX (%zu rows): %.3f s (budget <= %.0f s, ratio %.2f): %s\n",
	    st.st_size / 1048576.0, nrows, med, BUDGET_S, med / BUDGET_S,
	    med <= BUDGET_S ? "ok" : "OVER BUDGET");
	getrusage(RUSAGE_SELF, &ru);
	printf("resident %.1f MB (budget <= %d MB, the upload's %.1f MB included): %s\n",
	    ru.ru_maxrss / 1024.0, BUDGET_MB, st.st_size / 1048576.0,
	    ru.ru_maxrss <= BUDGET_MB * 1024 ? "ok" : "OVER BUDGET");
	free(t);
	free(buf);
	return med <= BUDGET_S && ru.ru_maxrss <= BUDGET_MB * 1024 ? 0 : 1;
}
