/*
 * lib/xlsx without the stack: a statement and a history of a few rows
 * made into workbooks in a temporary folder of the test's own. Each comes
 * back as an open, unlinked file (a zip: "PK"), nothing is left in the
 * folder, and a folder that cannot be written is DZ_ERR_IO with nothing
 * handed over. (What the cells hold is t/http/510 and 511's business,
 * read back with openpyxl.)
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "xlsx.h"
#include "tap.h"

static int
entries(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static int
is_zip(int fd, size_t size)
{
	char	b[2];

	return size > 100 && read(fd, b, 2) == 2 && b[0] == 'P' && b[1] == 'K';
}

int
main(void)
{
	char				 dir[] = "/tmp/dz-t086-XXXXXX";
	struct dz_stmt_line		 lines[2] = {
		{ 1, "P1", "=SUM(A1)", "box", 25000, 1234567, 308642 },
		{ 2, "P2", "\xe5\x95\x86\xe5\x93\x81", "pc", 10000, 10000, 100 },
	};
	struct dz_stmt_doc		 docs[2] = {
		{ 11, DZ_DOC_SALE, "XS-1", "2026-10-02", "=1+1", 308742, lines, 2 },
		{ 12, DZ_DOC_RECEIPT, "SK-1", "2026-10-20", "", -100000, NULL, 0 },
	};
	struct dz_store_stmt		 s;
	struct dz_store_snap		 snap;
	struct dz_store_answer		 ans;
	struct dz_store_export_row	 row;
	struct dz_xlsx_list		*h;
	size_t				 size, i;
	int				 fd;

	if (mkdtemp(dir) == NULL) {
		diag("mkdtemp failed");
		return 1;
	}
	memset(&s, 0, sizeof(s));
	s.id = 7;
	snprintf(s.company, sizeof(s.company), "Co");
	snprintf(s.customer_code, sizeof(s.customer_code), "K1");
	snprintf(s.customer_name, sizeof(s.customer_name), "=cmd");
	snprintf(s.from, sizeof(s.from), "2026-10-01");
	snprintf(s.to, sizeof(s.to), "2026-10-31");
	snprintf(s.created_at, sizeof(s.created_at), "2026-11-01 09:30");
	s.with_opening = 1;
	s.totals.opening = 5000;
	s.totals.sales = 308742;
	s.totals.receipts = -100000;
	s.totals.closing = 213742;
	s.totals.count = 2;
	memset(&snap, 0, sizeof(snap));
	snap.sn.docs = docs;
	snap.sn.ndocs = 2;
	snap.nlines = 2;
	memset(&ans, 0, sizeof(ans));
	snprintf(ans.decision, sizeof(ans.decision), "disputed");
	snprintf(ans.source, sizeof(ans.source), "customer");
	snprintf(ans.description, sizeof(ans.description), "@no");
	snprintf(ans.at, sizeof(ans.at), "2026-11-02 10:00");

	is_int(dz_xlsx_statement(dir, &s, &snap, &ans, &fd, &size), DZ_OK, "a statement's workbook");
	ok(fd >= 0 && is_zip(fd, size), "... an open file, a zip of %zu bytes", size);
	if (fd >= 0)
		close(fd);
	is_int(entries(dir), 0, "... nothing left in the folder");
	is_int(dz_xlsx_statement(dir, &s, &snap, NULL, &fd, &size), DZ_OK,
	    "without an answer too");
	if (fd >= 0)
		close(fd);

	is_int(dz_xlsx_list_open(dir, &h), DZ_OK, "a history workbook");
	memset(&row, 0, sizeof(row));
	snprintf(row.customer_name, sizeof(row.customer_name), "+1");
	snprintf(row.from, sizeof(row.from), "2026-10-01");
	snprintf(row.to, sizeof(row.to), "not a date");
	snprintf(row.created_at, sizeof(row.created_at), "2026-11-01 09:30");
	for (i = 0; i < 3000; i++) {
		row.id = 3000 - (long long)i;
		row.closing = -(int64_t)i;
		if (dz_xlsx_list_row(h, &row) != DZ_OK)
			break;
	}
	is_int((long long)i, 3000, "3,000 rows written");
	is_int(dz_xlsx_list_close(h, &fd, &size), DZ_OK, "closed");
	ok(fd >= 0 && is_zip(fd, size), "... an open file, a zip of %zu bytes", size);
	if (fd >= 0)
		close(fd);
	is_int(entries(dir), 0, "... nothing left in the folder");
	is_int(dz_xlsx_list_open(dir, &h), DZ_OK, "another, dropped unclosed");
	dz_xlsx_list_free(h);
	is_int(entries(dir), 0, "... nothing left in the folder");

	/* A folder that is not there (nor can be written). */
	rmdir(dir);
	fd = 99;
	is_int(dz_xlsx_statement(dir, &s, &snap, &ans, &fd, &size), DZ_ERR_IO,
	    "no folder: DZ_ERR_IO");
	is_int(fd, -1, "... and no file handed over");
	h = (struct dz_xlsx_list *)&row;
	is_int(dz_xlsx_list_open(dir, &h), DZ_ERR_IO, "no folder: the history too");
	ok(h == NULL, "... and no workbook");
	return done_testing();
}
