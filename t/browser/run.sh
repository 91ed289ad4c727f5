#!/bin/bash
# t/browser/run.sh [TEST.js]: one browser test through the real screens in
# a real browser (Debian's chromium, headless, driven by playwright-core
# from npm). TEST.js defaults to flow.js, the statement flow: admin adds a
# clerk in 用户管理, the clerk queries, ticks, generates, shares; a phone
# answers 不符合; the clerk sees it, then deletes. Other tests have a
# wrapper each (t/browser/NAME.sh) that names its script. TAP; skips when
# the stack (DZ_TEST_BASE), node, chromium or playwright-core is missing.
#   sudo deploy/test start && . run/test/env && t/browser/run.sh [TEST.js]
# Screenshots go to t/browser/shots/ (ignored by git; DZ_B_SHOTS overrides),
# named NAME-NN-screen.png for a test NAME.js other than flow.js.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/http.sh"
. "$here/../http/statements.inc.sh"
dz_init
script=${1:-flow.js}
[ -f "$here/$script" ] || bail "no test $here/$script"
command -v node >/dev/null || skip_all "node not installed"
CHROMIUM=${DZ_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || skip_all "no $CHROMIUM (apt-get install chromium)"
[ -n "${DZ_TEST_ERP_DSN:-}" ] || skip_all "DZ_TEST_ERP_DSN unset (no ERP simulator)"
if [ ! -d "$here/node_modules/playwright-core" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --silent) >"$T/npm.log" 2>&1 ||
		skip_all "playwright-core not installed (npm ci in t/browser failed)"
fi
for p in dz-login dz-users dz-query dz-generate dz-history dz-confirm dz-reports; do
	program_running "$p" || skip_all "$p is not running"
done

# A fresh admin of this run (dz-admin, password on stdin); flow.js makes its
# clerk through 用户管理 in the browser. The other tests get a clerk ready to
# work (made through 用户管理 on the ERP simulator, password 123456, no
# forced change): DZ_B_READY / DZ_B_READY_PW.
admin=badmin$U
admin_pw="Browser-$U.adm"
mkuser "$admin" admin "$admin_pw" || bail "cannot create the admin"
prefix=
if [ "$script" != flow.js ]; then
	prefix=${script%.js}-
	login a "$admin" "$admin_pw"
	[ "$STATUS" = 303 ] || bail "admin cannot sign in ($STATUS)"
	st_user r "bready$U" clerk "$DZ_TEST_ERP_DSN"
	export DZ_B_READY=bready$U DZ_B_READY_PW=123456
fi

export DZ_B_ADMIN=$admin DZ_B_ADMIN_PW=$admin_pw DZ_B_PREFIX=$prefix
export DZ_B_CLERK=bclerk$U DZ_B_CLERK_PW0="First-$U.pw" DZ_B_CLERK_PW="Browser-$U.pw"
export DZ_B_SHOTS=${DZ_B_SHOTS:-$here/shots} DZ_CHROMIUM=$CHROMIUM
mkdir -p "$DZ_B_SHOTS"
rm -f "$DZ_B_SHOTS/$prefix"[0-9]*.png
# each test bounds itself (lib.js run()) and prints the plan; this is the
# backstop.
timeout 150 node "$here/$script"
rc=$?
[ $rc = 0 ] || [ $rc = 1 ] || echo "# node ended with status $rc"
# the TAP lines carry the failures; a nonzero exit would add an ERROR
exit 0
