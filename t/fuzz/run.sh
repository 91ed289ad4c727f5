#!/bin/sh
# t/fuzz/run.sh: build every libFuzzer target t/fuzz/fuzz-*.c with ASan and
# UBSan and run it for a bounded number of inputs. TAP: two points per
# target, "builds" and "runs clean". Skipped when clang or libFuzzer is
# missing.
#
# A target names what it links in its first lines:
#   /* SOURCES: lib/form.c lib/util.c */   (paths from the top source dir)
#   /* LIBS: -lcrypto */                   (optional)
#   /* CFLAGS: -I t/erpsim */              (optional)
# The compiler runs in the top source dir, so relative paths work there.
# Seeds come from t/fuzz/corpus/<name>/ when that folder exists; they are
# copied, so the fuzzer never writes into the source tree.
#
# Knobs: FUZZ_CC (clang), FUZZ_RUNS (20000), FUZZ_TIME (30 seconds per
# target), FUZZ_ONLY (run only targets whose name contains this). A
# target finds the source tree (templates/, conf/) in DZ_FUZZ_SRCDIR.

top_srcdir=$(cd "${srcdir:-$(dirname "$0")/../..}" && pwd)
top_builddir=$(pwd)
cc=${FUZZ_CC:-clang}
runs=${FUZZ_RUNS:-20000}
maxtime=${FUZZ_TIME:-30}
out=$top_builddir/t/fuzz/build
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"

targets=
for f in "$top_srcdir"/t/fuzz/fuzz-*.c; do
	[ -f "$f" ] || continue
	case $(basename "$f" .c) in
	*"${FUZZ_ONLY:-}"*) targets="$targets $f" ;;
	esac
done
if [ -z "$targets" ]; then
	echo "1..0 # SKIP no fuzz targets"
	exit 0
fi
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "1..0 # SKIP $cc not found"
	exit 0
fi
mkdir -p "$out" || exit 1
printf '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }\n' \
    >"$out/probe.c"
if ! $cc $flags -o "$out/probe" "$out/probe.c" >"$out/probe.log" 2>&1; then
	echo "1..0 # SKIP $cc cannot build libFuzzer targets (see $out/probe.log)"
	exit 0
fi

# First header line of a target matching "/* KEY: ... */", or nothing.
header() {
	sed -n "1,5s|^/\\* *$1: *\\(.*[^ ]\\) *\\*/ *\$|\\1|p" "$2" | head -n 1
}

set -- $targets
echo "1..$(($# * 2))"
n=0
fail=0
for f in "$@"; do
	name=$(basename "$f" .c)
	bin=$out/$name
	srcs=$(header SOURCES "$f")
	libs=$(header LIBS "$f")
	cflags=$(header CFLAGS "$f")
	rm -f "$bin"
	n=$((n + 1))
	# $top_builddir/lib: lib/lang.h is made there by make (BUILT_SOURCES).
	# shellcheck disable=SC2086
	if (cd "$top_srcdir" && $cc $flags -I lib -I t -I "$top_builddir" \
	    -I "$top_builddir/lib" $cflags -o "$bin" "t/fuzz/$name.c" $srcs $libs) >"$bin.build.log" 2>&1; then
		echo "ok $n - $name builds"
	else
		echo "not ok $n - $name builds"
		sed 's/^/# /' "$bin.build.log" | head -n 30
		n=$((n + 1))
		echo "not ok $n - $name runs clean # not built"
		fail=1
		continue
	fi

	corpus=$out/corpus-$name
	rm -rf "$corpus"
	mkdir -p "$corpus"
	if [ -d "$top_srcdir/t/fuzz/corpus/$name" ]; then
		cp "$top_srcdir/t/fuzz/corpus/$name"/* "$corpus"/ 2>/dev/null
	fi
	n=$((n + 1))
	if DZ_FUZZ_SRCDIR=$top_srcdir ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    "$bin" -runs="$runs" -max_total_time="$maxtime" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$out/$name-" "$corpus" >"$bin.run.log" 2>&1; then
		done=$(sed -n 's/^stat::number_of_executed_units: *//p' "$bin.run.log" | tail -n 1)
		echo "ok $n - $name runs clean (${done:-?} inputs, $(ls "$corpus" | wc -l) in corpus)"
	else
		echo "not ok $n - $name runs clean"
		grep -E 'ERROR|SUMMARY|runtime error|==[0-9]+==|#[0-9]+ 0x|Test unit written' \
		    "$bin.run.log" | head -n 40 | sed 's/^/# /'
		fail=1
	fi
done
exit $fail
