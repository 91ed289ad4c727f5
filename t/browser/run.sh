#!/bin/bash
# t/browser/run.sh: the statement flow through the real screens in a real
# browser (Debian's chromium, headless, driven by playwright-core from npm):
# admin adds a clerk in 用户管理, the clerk queries, ticks, generates, shares;
# a phone answers 不符合; the clerk sees it, then deletes. TAP; skips when the
# stack (DZ_TEST_BASE), node, chromium or playwright-core is missing.
#   sudo deploy/test start && . run/test/env && t/browser/run.sh
# Screenshots go to t/browser/shots/ (ignored by git; DZ_B_SHOTS overrides).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/http.sh"
dz_init
command -v node >/dev/null || skip_all "node not installed"
CHROMIUM=${DZ_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || skip_all "no $CHROMIUM (apt-get install chromium)"
[ -n "${DZ_TEST_ERP_DSN:-}" ] || skip_all "DZ_TEST_ERP_DSN unset (no ERP simulator)"
if [ ! -d "$here/node_modules/playwright-core" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --silent) >"$T/npm.log" 2>&1 ||
		skip_all "playwright-core not installed (npm ci in t/browser failed)"
fi
for p in dz-login dz-users dz-query dz-generate dz-history dz-confirm; do
	program_running "$p" || skip_all "$p is not running"
done

# A fresh admin of this run (dz-admin, password on stdin); the clerk is made
# by that admin through 用户管理 in the browser.
admin=badmin$U
admin_pw="Browser-$U.adm"
mkuser "$admin" admin "$admin_pw" || bail "cannot create the admin"

export DZ_B_ADMIN=$admin DZ_B_ADMIN_PW=$admin_pw
export DZ_B_CLERK=bclerk$U DZ_B_CLERK_PW0="First-$U.pw" DZ_B_CLERK_PW="Browser-$U.pw"
export DZ_B_SHOTS=${DZ_B_SHOTS:-$here/shots} DZ_CHROMIUM=$CHROMIUM
mkdir -p "$DZ_B_SHOTS"
rm -f "$DZ_B_SHOTS"/*.png
# flow.js bounds itself (110 s) and prints the plan; this is the backstop.
timeout 150 node "$here/flow.js"
rc=$?
[ $rc = 0 ] || [ $rc = 1 ] || echo "# node ended with status $rc"
# the TAP lines carry the failures; a nonzero exit would add an ERROR
exit 0
