#!/bin/sh
# 用户管理: a refused form never shows the password of the data address
# typed into it (issue 12, hole 6). An address that fails validation (a bad
# port, an item that is not one, a password holding ';'), and a good one
# on a form refused for another field (a taken username), come back in the
# 数据地址 field without pwd=... (the other items as typed) and a note says
# the pwd must be typed again; the secret is nowhere in the page. The same
# for 测试连接 of an address that does not parse. Before: echoed with pwd.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-users || skip_all "dz-users not running"

pw=Good-Pass-$U
adm=tda$U
ok "admin $adm" mkuser "$adm" admin "$pw"
login a "$adm" "$pw"
is "$STATUS" 303 "admin signed in"
get a /admin/users/new
tok=$(csrf)
secret=Sec${U}xyz
users0=$(sql "SELECT COUNT(*) FROM users")

# shellcheck disable=SC2317 # called through ok
absent() { ! grep -qF -- "$2" "$1"; }
# refused WHAT PATH DSN WANT [username]: the form refused or tested, the
# address shown as WANT, the secret nowhere
refused() {
	post a "$2" "username=${5:-tdn$U}" erp_kind=grasp role=clerk "dsn=$3" password= status=active "csrf=$tok"
	like "$STATUS" '^(200|400)$' "$1: answered ($STATUS)"
	is "$(field dsn)" "$4" "$1: the address is shown without its pwd"
	ok "$1: the secret is nowhere in the page" absent "$BODY" "$secret"
	ok "$1: a note says the pwd must be typed again" grep -q 'id="pwd-dropped"' "$BODY"
}
refused "a bad port" /admin/users/new "server=127.0.0.1:99999; uid=sa; pwd=$secret; database=D$U" \
	"server=127.0.0.1:99999; uid=sa; database=D$U"
refused "an item that is not one" /admin/users/new "server=127.0.0.1; uid=sa; pwd=$secret; dbname=D$U" \
	"server=127.0.0.1; uid=sa"
refused "a password holding ;" /admin/users/new "server=127.0.0.1; uid=sa; pwd=ab;$secret; database=D$U" \
	"server=127.0.0.1; uid=sa; database=D$U"
refused "a good address, a taken username" /admin/users/new \
	"server=127.0.0.1,1; uid=sa; pwd=$secret; database=D$U" "server=127.0.0.1,1; uid=sa; database=D$U" "$adm"
refused "测试连接 of an address that does not parse" /admin/users/new/test \
	"server=127.0.0.1:99999; uid=sa; pwd=$secret; database=D$U" "server=127.0.0.1:99999; uid=sa; database=D$U"
is "$(sql "SELECT COUNT(*) FROM users")" "$users0" "no user was made"
# (control: an address without pwd has nothing to leave out and no note)
post a /admin/users/new "username=$adm" erp_kind=grasp role=clerk "dsn=server=127.0.0.1,1; uid=sa; database=D$U" \
	password= status=active "csrf=$tok"
is "$(field dsn)" "server=127.0.0.1,1; uid=sa; database=D$U" "without pwd: the address as typed"
ok "... and no note" absent "$BODY" 'id="pwd-dropped"'
done_testing
