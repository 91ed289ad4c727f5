#!/bin/bash
# t/browser/run.sh: the statement flow in a real browser (Debian's chromium,
# headless, driven by playwright-core from npm). TAP; skips when the stack
# (DZ_TEST_BASE), node, chromium or playwright-core is missing.
#   sudo deploy/test start && . run/test/env && t/browser/run.sh
# Screenshots go to t/browser/shots/ (ignored by git).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/http.sh"
dz_init
. "$here/../http/confirm.inc.sh"
command -v node >/dev/null || skip_all "node not installed"
CHROMIUM=${DZ_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || skip_all "no $CHROMIUM (apt-get install chromium)"
if [ ! -d "$here/node_modules/playwright-core" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --silent) >"$T/npm.log" 2>&1 ||
		skip_all "playwright-core not installed (npm ci in t/browser failed)"
fi
program_running dz-confirm || skip_all "dz-confirm is not running"
program_running dz-history || skip_all "dz-history is not running"

# A clerk of the fixture's account set, signed in without a forced change,
# and a 未确认 statement of that set (made by SQL until dz-generate can make
# one from the ERP simulator in this test).
user=clerk$U
pw="Browser-$U.pw"
mkuser "$user" clerk "$pw" || bail "cannot create the clerk"
set=$(cf_set) || bail "no account set"
sql "UPDATE users SET account_set_id = $set, must_change_password = 0 WHERE username = '$user'"
sid=$(cf_stmt "浏览器测试客户$U") || bail "cannot create a statement"

export DZ_B_USER=$user DZ_B_PASS=$pw DZ_B_SID=$sid DZ_B_CUSTOMER="浏览器测试客户$U"
export DZ_B_SHOTS=${DZ_B_SHOTS:-$here/shots} DZ_CHROMIUM=$CHROMIUM
mkdir -p "$DZ_B_SHOTS"
timeout 180 node "$here/flow.js"
