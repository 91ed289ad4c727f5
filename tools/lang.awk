# tools/lang.awk: conf/lang/zh_CN.hdf -> lib/lang.h, so C takes its
# sentences from the one file the templates read (Lang.*), checked by the
# compiler: Lang.history.title becomes LANG_history_title, a string
# literal. Run with LC_ALL=C (bytes in, bytes out).
#
# Only the HDF this project writes is understood: "# comment", blank
# lines, "name {", "}", "name = value" (value stripped at both ends, as
# ClearSilver does). Anything else (<<, :=, includes, attributes) stops
# the build rather than be read differently from ClearSilver; so do two
# keys with one C name. t/unit/076-lang checks the result against
# ClearSilver's own reading of the file.

function fail(msg) {
	printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	failed = 1
	exit 1
}

function cstr(s) {
	gsub(/\\/, "\\\\", s)
	gsub(/"/, "\\\"", s)
	gsub(/\?\?/, "?\\?", s)		# no trigraphs
	return "\"" s "\""
}

BEGIN {
	depth = 0
	n = 0
}

{
	line = $0
	sub(/^[ \t]+/, "", line)
	sub(/[ \t\r]+$/, "", line)
	if (line == "" || substr(line, 1, 1) == "#")
		next
	if (line == "}") {
		if (depth == 0)
			fail("unmatched }")
		depth--
		next
	}
	if (line ~ /^[A-Za-z0-9_.]+[ \t]*\{$/) {
		name = line
		sub(/[ \t]*\{$/, "", name)
		depth++
		prefix[depth] = (depth > 1 ? prefix[depth - 1] "." : "") name
		next
	}
	if (match(line, /^[A-Za-z0-9_.]+[ \t]*=/)) {
		key = substr(line, 1, RLENGTH - 1)
		sub(/[ \t]+$/, "", key)
		value = substr(line, RLENGTH + 1)
		sub(/^[ \t]+/, "", value)
		full = (depth > 0 ? prefix[depth] "." : "") key
		if (substr(full, 1, 5) != "Lang.")
			fail("not under Lang: " full)
		macro = "LANG_" substr(full, 6)
		gsub(/\./, "_", macro)
		if (macro in seen)
			fail(full " and " seen[macro] " are both " macro)
		seen[macro] = full
		n++
		names[n] = full
		macros[n] = macro
		values[n] = value
		next
	}
	fail("not understood: " line)
}

END {
	if (failed)
		exit 1
	if (depth != 0) {
		printf "%s: %d unclosed {\n", FILENAME, depth > "/dev/stderr"
		exit 1
	}
	print "/* lib/lang.h: made from conf/lang/zh_CN.hdf by tools/lang.awk. Do not edit. */"
	print "#ifndef DZ_LANG_H"
	print "#define DZ_LANG_H"
	print ""
	for (i = 1; i <= n; i++)
		printf "#define %s\t%s\n", macros[i], cstr(values[i])
	print ""
	print "/* Every key: X(\"Lang.x.y\", LANG_x_y), for the test that reads the file. */"
	print "#define DZ_LANG_EACH(X) \\"
	for (i = 1; i <= n; i++)
		printf "\tX(\"%s\", %s)%s\n", names[i], macros[i], i < n ? " \\" : ""
	print ""
	print "#endif /* DZ_LANG_H */"
}
