# t/bench/local.mk: the benchmarks (run by hand against `deploy/test
# start`, not by make check; README lists them). The bare FastCGI
# hello-world they compare against is built with the programs so
# deploy/test can start it behind nginx at /bench/hello; erpsim-rows
# streams rows from the ERP simulator beside SQLite's own rate.
noinst_PROGRAMS += t/bench/hello
t_bench_hello_SOURCES = t/bench/hello.c
t_bench_hello_LDADD = $(FCGI_LIBS)

noinst_PROGRAMS += t/bench/erpsim-rows
t_bench_erpsim_rows_SOURCES = t/bench/erpsim-rows.c
t_bench_erpsim_rows_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
t_bench_erpsim_rows_LDADD = $(SYBDB_LIBS) $(SQLITE_LIBS)

EXTRA_DIST += t/bench/wrk.sh t/bench/login.sh t/bench/confirm.sh \
	t/bench/history.sh t/bench/query.sh t/bench/generate.sh \
	t/bench/erpsim-rows.sh t/bench/query.inc.sh t/bench/browser-query.sh \
	t/bench/browser-query.js t/bench/audit.sh t/bench/reports.sh t/bench/month-run.sh \
	t/bench/export-pdf.sh t/bench/export-history.sh \
	t/bench/fill-statements.sh t/bench/history-scale.sh t/bench/import.sh

# lib/pdf alone on a made-up statement (t/bench/export-pdf.sh, and to look
# at the layout by hand).
noinst_PROGRAMS += t/bench/pdf-draw
t_bench_pdf_draw_SOURCES = t/bench/pdf-draw.c
t_bench_pdf_draw_LDADD = $(DZ_PDF_LIBS) $(DZ_LIBS)

# lib/sheet alone on a ledger of an upload's largest size (t/bench/sheet.sh).
noinst_PROGRAMS += t/bench/sheet
t_bench_sheet_SOURCES = t/bench/sheet.c
t_bench_sheet_LDADD = $(DZ_LIBS) $(SHEET_LIBS) $(XLSX_LIBS)
EXTRA_DIST += t/bench/sheet.sh

# lib/match alone: 10,000 of ours against 10,000 of theirs (issue 14's
# budget: <= 0.2 s). Run by hand after make: t/bench/match
noinst_PROGRAMS += t/bench/match
t_bench_match_SOURCES = t/bench/match.c
t_bench_match_LDADD = $(DZ_LIBS)

# lib/pdf's QR sheet alone: 1,000 made-up customers (budget: <= 2 s), the
# PDF checked by t/bench/qrsheet.sh with pdftotext and zbarimg.
noinst_PROGRAMS += t/bench/qrsheet-draw
t_bench_qrsheet_draw_SOURCES = t/bench/qrsheet-draw.c
t_bench_qrsheet_draw_LDADD = $(DZ_PDF_LIBS) $(DZ_LIBS)
EXTRA_DIST += t/bench/qrsheet.sh
