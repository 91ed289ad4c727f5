#!/bin/sh
# tools/common-passwords.sh ZXCVBN_COMMON_PM JOHN_LIST: the common passwords
# a new one is checked against (lib/auth.c), one a line, lower case, sorted,
# on stdout. From Debian packages only: the 10,000 best ranked of zxcvbn's
# "passwords" dictionary (libdata-password-zxcvbn-perl, ranked by how often
# they were seen) and Openwall's list in john-data (3,546, most common
# first). Perl single-quoted strings: \\ and \' are unescaped.
set -eu
[ $# -eq 2 ] || { echo "usage: $0 ZXCVBN_COMMON_PM JOHN_LIST" >&2; exit 2; }
{
	awk -v max=10000 '
		/^  '\''passwords'\'' => \{/ { on = 1; next }
		on && /^  \},?$/ { exit }
		on && match($0, /^    '\''(.*)'\'' => ([0-9]+),$/) {
			line = $0
			rank = line; sub(/.* => /, "", rank); sub(/,$/, "", rank)
			w = line; sub(/^    '\''/, "", w); sub(/'\'' => [0-9]+,$/, "", w)
			gsub(/\\\\/, "\001", w); gsub(/\\'\''/, "'\''", w); gsub(/\001/, "\\", w)
			if (rank + 0 <= max) { print w; n++ }
		}
		END { if (n < max) { print "common-passwords: only " n " ranked passwords" > "/dev/stderr"; exit 1 } }
	' "$1"
	grep -v '^#!comment:' "$2"
} | LC_ALL=C tr 'A-Z' 'a-z' | LC_ALL=C sort -u | grep -v '^$'
