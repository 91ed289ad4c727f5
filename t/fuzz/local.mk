# t/fuzz/local.mk: libFuzzer targets, built and run by t/fuzz/run.sh with
# clang (ASan + UBSan) outside automake's compiler settings. A target
# names its sources in a first-line "/* SOURCES: ... */" comment.
TESTS += t/fuzz/run.sh
dist_check_SCRIPTS += t/fuzz/run.sh
EXTRA_DIST += t/fuzz/fuzz-form.c t/fuzz/fuzz-cookie.c t/fuzz/fuzz-money.c \
	t/fuzz/fuzz-box.c t/fuzz/fuzz-dsn.c t/fuzz/fuzz-value.c t/fuzz/fuzz-tds.c \
	t/fuzz/fuzz-route.c t/fuzz/fuzz-render.c t/fuzz/fuzz-csv.c t/fuzz/fuzz-buckets.c \
	t/fuzz/fuzz-sheet.c t/fuzz/fuzz-ledger.c t/fuzz/fuzz-multipart.c t/fuzz/fuzz-recon-form.c \
	t/fuzz/fuzz-wecom-reply.c t/fuzz/fuzz-import.c t/fuzz/fuzz-import-json.c \
	t/fuzz/corpus

clean-local: clean-fuzz
clean-fuzz:
	-rm -rf t/fuzz/build
.PHONY: clean-fuzz
