#!/bin/sh
# The systemd layout (issue 11, "the production layouts"), checked without
# a running systemd (none runs as init on these machines): deploy/systemd's
# units, copied to a temp folder, pass `systemd-analyze verify` — the
# target and the template for each program the target wants, with no
# warning about them (an unknown key or a bad value is only a warning to
# systemd; here it fails) — and the same check refuses broken copies (an
# unknown key, a bad value, a missing program), so it can fail; the
# target wants every program the install makes; the tmpfiles.d entry
# makes /run/duizhang (2750 duizhang:www-data) and /run/duizhang/erp in
# an empty root; `systemd-analyze security --offline=yes` rates the
# service (what it counts against it is printed), and the README's systemd section gives
# the same overall exposure and names every setting it counts against it.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/http.sh"
SRC=$(cd "$here/../.." && pwd)
D=$SRC/deploy/systemd
command -v systemd-analyze >/dev/null || bail "systemd-analyze is not installed (Debian: systemd)"
command -v systemd-tmpfiles >/dev/null || bail "systemd-tmpfiles is not installed (Debian: systemd)"
T=$(mktemp -d "${TMPDIR:-/tmp}/dzsd.XXXXXX")
trap 'rm -rf "$T"' EXIT
U=$T/units
mkdir "$U"
cp "$D"/*.service "$D"/*.target "$U/" || bail "no units in $D"
tpl=$(cd "$U" && ls -- *@.service | head -1)
target=$(cd "$U" && ls -- *.target | head -1)
[ -n "$tpl" ] && [ -n "$target" ] || bail "no template service or target in $D"

# The instances the target wants (Wants=duizhang@NAME.service ...).
inst=$(sed -n 's/^Wants=//p' "$U/$target" | tr ' ' '\n' |
	sed -n "s/^${tpl%@.service}@\(.*\)\.service$/\1/p" | tr '\n' ' ')
inst=${inst% }
ok "the target wants instances of $tpl ($inst)" test -n "$inst"
# ... every program the install makes (the test stack's prefix), or that
# deploy/spawn starts
if [ -d "${DZ_TEST_PREFIX:-}/libexec/duizhang" ]; then
	progs=$(cd "$DZ_TEST_PREFIX/libexec/duizhang" && printf '%s ' dz-*)
	from="the installed programs"
else
	progs=$(sed -n 's/^PROGRAMS="\(.*\)"/\1/p' "$SRC/deploy/spawn")
	from="deploy/spawn's programs"
fi
sorted() { tr ' ' '\n' | grep . | sort | tr '\n' ' '; }
is "$(sorted <<<"$inst")" "$(sorted <<<"$progs")" \
	"... the same as $from"

# The units document ./configure --prefix=/usr/local. A program of this
# suite they name by path is looked for in the installed prefix instead
# (deploy/test's), so verify finds it; other programs must be on the host.
if [ -n "${DZ_TEST_PREFIX:-}" ] && [ -d "$DZ_TEST_PREFIX" ]; then
	sed -i -E "/^-?Exec[A-Za-z]*=/ s,(^|[=[:space:]@+!:-])/usr/local/,\1$DZ_TEST_PREFIX/,g" "$U"/*
fi

# verify_units DIR: systemd-analyze verify on the target and each
# instance in DIR; fails on a nonzero status or any line about our units
verify_units() {
	local d=$1 args=("$1/$target") i rc
	for i in $inst; do args+=("$d/${tpl%@.service}@$i.service"); done
	timeout 60 systemd-analyze verify --man=no --generators=no "${args[@]}" >"$T/verify.out" 2>&1
	rc=$?
	grep -v -F "$d/" "$T/verify.out" | grep -v "${tpl%@.service}" >"$T/verify.other"
	[ -s "$T/verify.other" ] && diag "(about other units, not counted) $(head -5 "$T/verify.other")"
	[ $rc = 0 ] && ! grep -q -e "$d/" -e "${tpl%@.service}" "$T/verify.out"
}
verify_units "$U"
rc=$?
tap_ok $rc "systemd-analyze verify: $target and $(wc -w <<<"$inst") instances of $tpl, no warning"
[ $rc = 0 ] || diag "$(head -20 "$T/verify.out")"

# The same check on broken copies must fail.
broken() {	# broken DESC SED-SCRIPT
	rm -rf "$T/b"
	cp -r "$U" "$T/b"
	sed -i -e "$2" "$T/b/$tpl"
	if verify_units "$T/b"; then
		tap_ok 1 "the check refuses a unit with $1"
	else
		tap_ok 0 "the check refuses a unit with $1: $(grep -m1 -e "$T/b/" -e "${tpl%@.service}" "$T/verify.out" | sed "s,$T/b/,,")"
	fi
}
broken "an unknown key" '/^\[Service\]/a NoSuchSetting=yes'
broken "a bad value" '/^\[Service\]/a ProtectSystem=strictly'
broken "a program that is not there" 's,^ExecStart=[^ ]*,ExecStart=/nonexistent/spawn-fcgi,'

# tmpfiles.d: in an empty root whose passwd knows the two users
tmpfiles() {
	local R=$T/root
	mkdir -p "$R/etc"
	printf '%s\n' 'root:x:0:0::/root:/bin/sh' 'www-data:x:33:33::/var/www:/usr/sbin/nologin' \
		'duizhang:x:990:990::/nonexistent:/usr/sbin/nologin' >"$R/etc/passwd"
	printf '%s\n' 'root:x:0:' 'www-data:x:33:' 'duizhang:x:990:' >"$R/etc/group"
	timeout 30 systemd-tmpfiles --root="$R" --create "$D/duizhang.tmpfiles" >"$T/tmpfiles.out" 2>&1
	tap_ok $? "systemd-tmpfiles --create duizhang.tmpfiles (in an empty root)"
	[ -s "$T/tmpfiles.out" ] && diag "$(cat "$T/tmpfiles.out")"
	is "$(stat -c '%u:%g %a' "$R/run/duizhang" 2>&1)" "990:33 2750" "/run/duizhang: duizhang, group www-data, setgid, 2750"
	is "$(stat -c '%u:%g %a' "$R/run/duizhang/erp" 2>&1)" "990:990 700" "/run/duizhang/erp: duizhang's, 0700"
}
if [ "$(id -u)" = 0 ]; then
	tmpfiles
else
	skip "needs root (it sets owners)" "duizhang.tmpfiles"
fi

# systemd-analyze security, offline: the whole table as comments
first=${inst%% *}
timeout 60 systemd-analyze security --offline=yes --man=no --generators=no \
	"$U/${tpl%@.service}@$first.service" >"$T/security.out" 2>&1
tap_ok $? "systemd-analyze security --offline=yes ${tpl%@.service}@$first.service"
# what it counts against the service, and the rating (the whole table:
# the README's command)
diag "$(grep -c '^✓' "$T/security.out") settings in force; counted against it:"
grep -e '^✗' -e 'Overall exposure' "$T/security.out" | sed 's/^/#   /'
level=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' "$T/security.out")
ok "an overall exposure level ($level)" test -n "$level"
section=$(awk '/^## Deploy with nginx and systemd/ { on = 1; next } on && /^## / { exit } on' "$SRC/README.md")
like "$section" "overall exposure $level " "the README's systemd section gives the overall exposure $level"
miss=
while read -r k; do
	[[ $section == *"$k"* ]] || miss="$miss $k"
done < <(sed -n 's/^✗ \([A-Za-z]*\)=.*/\1/p' "$T/security.out" | sort -u)
is "$miss" "" "the README names every setting the rating counts against the service"
done_testing
