#!/bin/sh
# A user with the default password (123456) must change it at first
# sign-in: every page leads to /password until a valid new one is set
# (>= 8 characters, not 123456, typed twice, old one right).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

user=tf$U
ok "dz-admin create-user $user with the default password" mkuser "$user" clerk ""
is "$(sql "SELECT must_change_password FROM users WHERE username='$user'")" 1 "must_change_password set"

login a "$user" 123456
is "$STATUS" 303 "sign-in with 123456: 303"
is "$(location)" /password "... to /password"
get a /
is "$STATUS" 303 "GET / before the change: 303"
is "$(location)" /password "... to /password"
get a /password
is "$STATUS" 200 "GET /password: 200"
tok=$(csrf)
ok "password form has a csrf field" test -n "$tok"

hash0=$(sql "SELECT password_hash FROM users WHERE username='$user'")
refuse() {	# refuse DESC OLD NEW NEW2
	post a /password "old=$2" "new=$3" "new2=$4" "csrf=$tok"
	like "$STATUS" '^(400|409|422|200)$' "$1: refused ($STATUS)"
	is "$(sql "SELECT password_hash FROM users WHERE username='$user'")" "$hash0" "$1: password unchanged"
}
refuse "too short" 123456 Ab3-xyz Ab3-xyz
refuse "123456 again" 123456 123456 123456
refuse "the two new ones differ" 123456 "New-Pass-$U" "New-Pass-$U-x"
refuse "wrong old password" 1234567 "New-Pass-$U" "New-Pass-$U"
is "$(sql "SELECT must_change_password FROM users WHERE username='$user'")" 1 "still must change"

post a /password old=123456 "new=New-Pass-$U" "new2=New-Pass-$U" "csrf=$tok"
is "$STATUS" 303 "valid change: 303"
is "$(location)" "/?pw=1" "... to the home page, which says so"
is "$(sql "SELECT must_change_password FROM users WHERE username='$user'")" 0 "must_change_password cleared"
get a "$(location)"
is "$STATUS" 200 "home page after the change: 200"
like "$(body)" 'role="status">密码已修改，其他设备上的登录已退出。' "... saying the password was changed"
get a /
unlike "$(body)" '密码已修改' "... only right after the change"

forget b
login b "$user" 123456
is "$STATUS" 401 "the old password no longer works"
login b "$user" "New-Pass-$U"
is "$STATUS" 303 "the new password works"
is "$(location)" / "... straight to /"

done_testing
