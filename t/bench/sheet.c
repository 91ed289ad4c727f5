/*
 * t/bench/sheet: lib/sheet on a customer's ledger as large as an upload
 * may be (issue 14: a 5 MB XLSX read in <= 1 s, in <= 20 MB).
 *   sheet -w out.xlsx [-n rows] [-b]
 *                                 write the ledger with libxlsxwriter:
 *                                 rows x 6 columns (a date, a document
 *                                 number, a product, quantity, amount, a
 *                                 note), shared strings as Excel writes;
 *                                 -b: each note grown by a distinct run
 *                                 of characters (a long 摘要) until the
 *                                 file is close under DZ_SHEET_FILE_MAX
 *   sheet [-r runs] in.xlsx       read it runs times with dz_sheet_read
 *                                 and print the file's size, the best
 *                                 and median time and the peak resident
 *                                 memory (ru_maxrss), each beside its
 *                                 budget as a ratio
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

/* -b: the file between these fractions of DZ_SHEET_FILE_MAX. */
#define BIG_LOW		0.985
#define BIG_TRIES	12

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A deterministic generator (xorshift32): the same file every run. */
static uint32_t
next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* n CJK characters (U+4E00 onwards, a few thousand of them) at b as
 * UTF-8; returns the bytes written (3 a character). */
static size_t
cjk(char *b, size_t n, uint32_t *x)
{
	size_t		i;
	uint32_t	c;

	for (i = 0; i < n; i++) {
		c = 0x4e00 + next(x) % 3000;
		b[3 * i] = (char)(0xe0 | c >> 12);
		b[3 * i + 1] = (char)(0x80 | (c >> 6 & 0x3f));
		b[3 * i + 2] = (char)(0x80 | (c & 0x3f));
	}
	return 3 * n;
}

/* The ledger of rows rows; each note carries extra more characters. */
static int
write_book(const char *path, size_t rows, size_t extra)
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
	char			 b[128], *note;
	size_t			 r, l;
	uint32_t		 x = 2463534242u;

	if ((note = malloc(128 + 3 * extra)) == NULL)
		return -1;
	if ((wb = workbook_new_opt(path, &o)) == NULL) {
		free(note);
		return -1;
	}
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
		l = (size_t)snprintf(note, 128, "\xe7\xac\xac %zu \xe6\x89\xb9 \xe9\x80\x81\xe8\xb4\xa7"
		    "\xe5\x8d\x95 \xe9\x9a\x8f\xe8\xb4\xa7\xe5\x90\x8c\xe8\xa1\x8c %zu", r, r * 31);
		if (extra > 0) {
			note[l++] = ' ';
			l += cjk(note + l, extra, &x);
		}
		note[l] = '\0';
		worksheet_write_string(ws, r, 5, note, NULL);
	}
	free(note);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

/*
 * -b: the ledger with notes grown until the file is between BIG_LOW and
 * 1 of DZ_SHEET_FILE_MAX: a search on the characters added (the size
 * grows with them, near enough linearly). *extra: the characters chosen.
 */
static int
write_big(const char *path, size_t rows, size_t *extra)
{
	struct stat	st;
	double		per;
	off_t		s0, want = (off_t)(DZ_SHEET_FILE_MAX * BIG_LOW);
	size_t		lo = 0, hi = 0, e = 40;
	int		i;

	if (write_book(path, rows, 0) == -1 || stat(path, &st) == -1)
		return -1;
	s0 = st.st_size;
	for (i = 0; i < BIG_TRIES; i++) {
		if (write_book(path, rows, e) == -1 || stat(path, &st) == -1)
			return -1;
		printf("# %zu more characters a note: %.3f MB\n", e, st.st_size / 1048576.0);
		if (st.st_size < (off_t)DZ_SHEET_FILE_MAX && st.st_size >= want) {
			*extra = e;
			return 0;
		}
		if (st.st_size >= (off_t)DZ_SHEET_FILE_MAX)
			hi = e;
		else
			lo = e;
		/* the next guess: linear from the plain file, inside (lo, hi) */
		per = (double)(st.st_size - s0) / e;
		e = (size_t)((DZ_SHEET_FILE_MAX * (1 + BIG_LOW) / 2 - s0) / per);
		if (hi != 0 && (e >= hi || e <= lo))
			e = (lo + hi) / 2;
		if (e <= lo)
			e = lo + 1;
		if (hi != 0 && e >= hi)
			break;
	}
	/* no size in the window: the largest under the limit */
	if (lo == 0 || write_book(path, rows, lo) == -1)
		return -1;
	*extra = lo;
	return 0;
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
	size_t			 rows = 50000, runs = 3, i, nrows = 0, extra = 0;
	double			*t, med, best, mb;
	FILE			*f;
	enum dz_err		 e;
	int			 c, big = 0, w;

	while ((c = getopt(argc, argv, "w:n:r:b")) != -1)
		switch (c) {
		case 'w': out = optarg; break;
		case 'b': big = 1; break;
		case 'n': rows = strtoul(optarg, NULL, 10); break;
		case 'r': runs = strtoul(optarg, NULL, 10); break;
		default:
			fprintf(stderr, "usage: sheet -w out.xlsx [-n rows] [-b] | sheet [-r runs] in.xlsx\n");
			return 2;
		}
	if (out != NULL) {
		w = big ? write_big(out, rows, &extra) : write_book(out, rows, 0);
		if (w == -1 || stat(out, &st) == -1) {
			fprintf(stderr, "sheet: cannot write %s\n", out);
			return 1;
		}
		printf("# wrote %s: %zu rows, notes +%zu characters, %.3f MB (%lld bytes)\n", out,
		    rows, extra, st.st_size / 1048576.0, (long long)st.st_size);
		return 0;
	}
	if (optind + 1 != argc || runs == 0 || (f = fopen(argv[optind], "rb")) == NULL ||
	    fstat(fileno(f), &st) == -1) {
		fprintf(stderr, "usage: sheet -w out.xlsx [-n rows] [-b] | sheet [-r runs] in.xlsx\n");
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
	best = t[0];
	mb = st.st_size / 1048576.0;
	printf("file %.3f MB, %lld bytes (limit DZ_SHEET_FILE_MAX %.0f MB, ratio %.3f), %zu rows\n",
	    mb, (long long)st.st_size, DZ_SHEET_FILE_MAX / 1048576.0,
	    (double)st.st_size / DZ_SHEET_FILE_MAX, nrows);
	printf("read a %.1f MB XLSX: best of %zu %.3f s, median %.3f s (budget <= %.0f s, "
	    "ratio %.2f): %s\n", mb, runs, best, med, BUDGET_S, best / BUDGET_S,
	    best <= BUDGET_S ? "ok" : "OVER BUDGET");
	getrusage(RUSAGE_SELF, &ru);
	printf("resident %.1f MB peak (budget <= %d MB, ratio %.2f; the upload's %.1f MB "
	    "included): %s\n", ru.ru_maxrss / 1024.0, BUDGET_MB,
	    ru.ru_maxrss / 1024.0 / BUDGET_MB, mb,
	    ru.ru_maxrss <= BUDGET_MB * 1024 ? "ok" : "OVER BUDGET");
	free(t);
	free(buf);
	return best <= BUDGET_S && ru.ru_maxrss <= BUDGET_MB * 1024 ? 0 : 1;
}
