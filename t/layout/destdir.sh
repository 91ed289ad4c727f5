#!/bin/sh
# make install honours DESTDIR (issue 11, "the production layouts"): from
# this checkout's own build (the one make check runs in), `make install
# DESTDIR=<stage>` run as nobody, who can write nothing but the stage, puts
# every file under <stage><prefix> and nothing outside it; the configured
# prefix, sysconfdir and localstatedir are untouched (a find before and
# after); the staged tree is the installed prefix file for file (when the
# prefix is installed, as deploy/test does); no installed file names the
# stage, while the programs name the real data folder; `make uninstall
# DESTDIR=<stage>` takes every file back out.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/http.sh"
B=${DZ_LAYOUT_BUILDDIR:-$(cd "$here/../.." && pwd)}
[ -f "$B/Makefile" ] || skip_all "no configured build in $B"
[ "$(id -u)" = 0 ] || skip_all "needs root (runs make install as nobody)"
for c in setpriv timeout make; do command -v "$c" >/dev/null || bail "$c is not installed"; done
id nobody >/dev/null 2>&1 || bail "no user nobody"
ng=$(id -gn nobody)

S0=$(mktemp -d "${TMPDIR:-/tmp}/dzdest.XXXXXX")
trap 'rm -rf "$S0"' EXIT
chmod 0755 "$S0"
S=$S0/stage
mkdir "$S"
chown nobody:"$ng" "$S"

# The configured folders, as make expands them.
printf 'dz-dirs:\n\t@echo "$(prefix)|$(sysconfdir)|$(localstatedir)|$(pkgdatadir)|$(libexecdir)"\n' >"$S0/dirs.mk"
IFS='|' read -r prefix sysconfdir localstatedir pkgdatadir libexecdir < <(
	make -s --no-print-directory -C "$B" -f Makefile -f "$S0/dirs.mk" dz-dirs)
[ -n "$prefix" ] || bail "cannot read the prefix from $B/Makefile"
diag "prefix $prefix, sysconfdir $sysconfdir, localstatedir $localstatedir"

# Up to date first (as root; normally nothing to do), so that nobody's
# make install only copies.
timeout 300 make -s -C "$B" all >"$S0/make.log" 2>&1
tap_ok $? "the build is up to date"

snap() {	# what the configured folders hold: path, type, size, mtime, mode, owner
	local d
	for d in "$prefix" "$sysconfdir" "$localstatedir"; do
		[ -e "$d" ] && find "$d" -printf '%p|%y|%s|%T@|%m|%U\n'
	done | sort -u
}
snap >"$S0/before"
as_nobody() {
	timeout 120 setpriv --reuid=nobody --regid="$ng" --clear-groups -- \
		env -i PATH=/usr/bin:/bin HOME=/nonexistent LANG=C "$@"
}
as_nobody make -C "$B" install "DESTDIR=$S" >"$S0/install.log" 2>&1
rc=$?
tap_ok $rc "make install DESTDIR=<stage>, as nobody"
[ $rc = 0 ] || diag "$(tail -20 "$S0/install.log")"
snap >"$S0/after"
is "$(diff "$S0/before" "$S0/after" | head -5)" "" \
	"the configured prefix, sysconfdir and localstatedir are untouched"
n=$(find "$S$prefix" ! -type d 2>/dev/null | wc -l)
ok "files under <stage>$prefix ($n)" test "$n" -gt 0
is "$(find "$S" ! -type d ! -path "$S$prefix/*" | head -5)" "" "nothing outside <stage>$prefix"
ok "the programs are staged in libexec and sbin" \
	test -x "$S$libexecdir/duizhang/dz-login" -a -x "$S$prefix/sbin/dz-admin"
if [ -d "$prefix/libexec/duizhang" ]; then
	is "$(diff -r -q "$S$prefix" "$prefix" 2>&1 | head -5)" "" \
		"the staged tree is the installed prefix, file for file"
else
	skip "the prefix is not installed" "the staged tree is the installed prefix, file for file"
fi
is "$(grep -r -l -F "$S" "$S" | head -3)" "" "no staged file names the stage"
ok "the staged programs name the real data folder ($pkgdatadir)" \
	grep -q -a -F "$pkgdatadir" "$S$libexecdir/duizhang/dz-login"

as_nobody make -C "$B" uninstall "DESTDIR=$S" >"$S0/uninstall.log" 2>&1
tap_ok $? "make uninstall DESTDIR=<stage>, as nobody"
is "$(find "$S" ! -type d | head -5)" "" "... takes every file out of the stage"
snap >"$S0/after2"
is "$(diff "$S0/before" "$S0/after2" | head -5)" "" "... and leaves the configured folders alone"
done_testing
