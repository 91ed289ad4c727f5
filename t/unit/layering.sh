#!/bin/sh
# The layering rules of lib/README, checked on the sources: screens do not
# reach below the library, the pure modules do no I/O, lib/ never exits.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1

# The modules that must do no I/O (lib/README rule 2).
PURE="stmt stmt_build drift money utf8 csv linkcache pagecache erp_dsn erp_value aging sheet match ledger multipart notify month rollup import import_json"
n=0
fails=0
out() {	# out OK|FAIL description
	n=$((n + 1))
	if [ "$1" = OK ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}
check() {	# check DESCRIPTION HITS...: ok when there are no hits
	d=$1; shift
	if [ -z "$*" ]; then out OK "$d"; else out FAIL "$d"; printf '# %s\n' "$@"; fi
}

for f in cgi-bin/*.c; do
	hits=$(grep -nE '#[[:space:]]*include[[:space:]]*[<"](db\.h|mysql\.h|sybfront\.h|sybdb\.h|ctpublic\.h)[>"]' "$f")
	check "$f: no db.h, mysql.h or FreeTDS header" ${hits:+"$hits"}
done
for m in $PURE; do
	f=lib/$m.c
	if [ ! -f "$f" ]; then out FAIL "$f exists (a pure module of lib/README)"; continue; fi
	hits=$(grep -nE '#[[:space:]]*include[[:space:]]*[<"](db|app|store|auth|keep|erp|changes|view|log|audit|conf)\.h[>"]|#[[:space:]]*include[[:space:]]*[<"](mysql|sybfront|sybdb|ctpublic|ClearSilver|fcgi_stdio|fcgiapp)\.h[>"]' "$f")
	check "$f: includes no module that does I/O" ${hits:+"$hits"}
	hits=$(grep -nE '\b(fopen|fdopen|open|read|write|socket|connect|time|gettimeofday|clock_gettime|getenv|dz_clock_ms|dz_changes_now|system|popen)[[:space:]]*\(' "$f" |
		grep -vE '^[0-9]+:[[:space:]]*(/?\*|//)')
	check "$f: calls no file, socket, clock or environment function" ${hits:+"$hits"}
done
# (but the child lib/pdf_child.c forks to draw a PDF ends with _exit: that
# is the end of its own process, never of the caller's)
hits=$(grep -nE '\b(exit|abort|_exit)[[:space:]]*\(' lib/*.c | grep -vE ':[[:space:]]*(/?\*|//)' |
	grep -vE '^lib/pdf_child\.c:[0-9]+:[[:space:]]*_exit\(')
check "lib/: no exit or abort (but a forked child's _exit)" ${hits:+"$hits"}
hits=$(grep -lE '#[[:space:]]*include[[:space:]]*<mysql\.h>' lib/*.c | grep -v '^lib/db\.c$')
check "lib/: only db.c includes mysql.h" ${hits:+"$hits"}
# Only dz-admin's migrations take multi-statement scripts (issue 12): no
# web program's code asks for the handle that allows them, or runs one.
hits=$(grep -nE '\bdz_db_(unbounded|script)[[:space:]]*\(' lib/*.c cgi-bin/*.c | grep -v '^lib/db\.c:' |
	grep -vE ':[[:space:]]*(/?\*|//)')
check "lib/, cgi-bin/: no dz_db_unbounded or dz_db_script (multi-statement: tools/ only)" ${hits:+"$hits"}
hits=$(grep -lE '#[[:space:]]*include[[:space:]]*<(sybfront|sybdb|ctpublic)\.h>' lib/*.c lib/*.h | grep -v '^lib/erp_tds\.c$')
check "lib/: only erp_tds.c includes FreeTDS's headers" ${hits:+"$hits"}
# cairo and pango stay in lib/pdf.c (lib/libdzpdf.a): no other source
# includes them, so no other program needs them (issue 13).
hits=$(grep -lE '#[[:space:]]*include[[:space:]]*<(cairo[^>]*|pango/[^>]*)>' lib/*.c lib/*.h cgi-bin/*.c | grep -v '^lib/pdf\.c$')
check "lib/, cgi-bin/: only lib/pdf.c includes cairo's and pango's headers" ${hits:+"$hits"}
# libminizip, libexpat and libcsv stay in lib/sheet.c: only the programs
# that read an upload link them (SHEET_LIBS, issue 14).
hits=$(grep -lE '#[[:space:]]*include[[:space:]]*(<(minizip/[^>]*|expat\.h)>|DZ_LIBCSV_H)' lib/*.c lib/*.h cgi-bin/*.c | grep -v '^lib/sheet\.c$')
check "lib/, cgi-bin/: only lib/sheet.c includes minizip's, expat's and libcsv's headers" ${hits:+"$hits"}
# libcurl stays in lib/notify_send.c (lib/libdznotify.a): only dz-admin
# and dz-users, which send notices out, link it (issue 15).
hits=$(grep -lE '#[[:space:]]*include[[:space:]]*<curl/' lib/*.c lib/*.h cgi-bin/*.c tools/*.c | grep -v '^lib/notify_send\.c$')
check "lib/, cgi-bin/, tools/: only lib/notify_send.c includes curl's headers" ${hits:+"$hits"}
# Every sentence a person reads is in conf/lang/zh_CN.hdf and reaches C as
# a LANG_ macro (lib/lang.h), so C holds no Chinese outside comments: CJK
# ideographs (U+4E00-9FFF), CJK punctuation (U+3000-303F) or full-width
# forms (U+FF00-FFEF), matched as UTF-8 bytes. Comments are /* ... */ (also
# across lines) and lines that start with //; a "/*" inside a string would
# hide the rest of its line, which no source here has.
mapfile -t hits < <(LC_ALL=C awk '
	FNR == 1 { inc = 0 }
	{
		s = $0; code = ""
		while (s != "") {
			if (inc) {
				if ((i = index(s, "*/")) == 0)
					break
				s = substr(s, i + 2); inc = 0
			} else if ((i = index(s, "/*")) == 0) {
				code = code s
				break
			} else {
				code = code substr(s, 1, i - 1); s = substr(s, i + 2); inc = 1
			}
		}
		if (code ~ /^[ \t]*\/\//)
			next
		if (code ~ /\344[\270-\277]|[\345-\351]|\343\200|\357[\274-\277]/)
			print FILENAME ":" FNR ": " $0
	}' lib/*.c cgi-bin/*.c tools/*.c)
check "no Chinese text outside comments in lib/*.c cgi-bin/*.c tools/*.c" "${hits[@]}"
echo "1..$n"
[ "$fails" = 0 ]
