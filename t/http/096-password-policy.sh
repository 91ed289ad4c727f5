#!/bin/sh
# shellcheck shell=bash
# The rules for a new password (issue 12): besides length and the default
# 123456, a password on the common list (the 10,000 best ranked of
# zxcvbn's and Openwall's list, from Debian packages; case does not count) and anything cracklib's FascistCheck
# refuses are refused with the reason in Chinese words, both at the forced
# change (/password) and in 用户管理 (新增用户); nothing changes; a good one
# goes through.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

pw=Good-Pass-$U
user=tpp$U
ok "user $user" mkuser "$user" viewer "$pw"
login a "$user" "$pw"
is "$STATUS" 303 "signed in"
h0=$(sql "SELECT password_hash FROM users WHERE username='$user'")

# try NEW WANT-ERE DESC: the change refused with a reason matching WANT-ERE
try() {
	change_password a "$pw" "$1"
	is "$STATUS" 400 "/password, $3: 400"
	local msg
	msg=$(grep -o 'class="[^"]*error[^"]*"[^>]*>[^<]*' "$BODY" | sed 's/.*>//' | head -3 | tr '\n' ' ')
	[ -n "$msg" ] || msg=$(grep -o '[^<>]*容易被猜到[^<>]*\|[^<>]*常见的密码[^<>]*' "$BODY" | head -1)
	ok "... says why: $msg" grep -q -E "$2" "$BODY"
}
try password1 '最常见的密码' "a common password (password1)"
try PassWord1 '最常见的密码' "the same, other case (PassWord1)"
try 12345678 '最常见的密码' "12345678"
try woaini1314 '最常见的密码' "woaini1314 (zxcvbn's ranking; cracklib lets it pass)"
try zhang123456 '太有规律' "a systematic one, cracklib (zhang123456)"
try 19900101 '不同的字符太少' "too few different characters, cracklib (19900101)"
try Mountains '字典里的单词' "a dictionary word, cracklib (Mountains)"
is "$(sql "SELECT password_hash FROM users WHERE username='$user'")" "$h0" "the password did not change"
change_password a "$pw" "Str0ng-Horse-$U"
is "$STATUS" 303 "a good one: 303"

# 用户管理: 新增用户 with a common password
admin=tpa$U
ok "admin $admin" mkuser "$admin" admin "$pw"
ok "admin past the forced change" login_ready m "$admin" "$pw"
get m /admin/users/new
tok=$(csrf)
kind=$(tr -d '\n' <"$BODY" | grep -o '<select[^>]*name="erp_kind".*' | sed 's,</select>.*,,' |
	grep -o '<option[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//' | grep -v '^$' | head -1)
ok "an ERP version is offered ($kind)" test -n "$kind"
n0=$(sql "SELECT COUNT(*) FROM users")
post m /admin/users/new "username=tpn$U" "erp_kind=$kind" role=admin password=iloveyou status=active "csrf=$tok"
is "$STATUS" 400 "新增用户 with password iloveyou: 400"
ok "... says why" grep -q '最常见的密码' "$BODY"
post m /admin/users/new "username=tpn$U" "erp_kind=$kind" role=admin password=Saturday9 status=active "csrf=$tok"
is "$STATUS" 400 "新增用户 with password Saturday9 (cracklib): 400"
ok "... says why" grep -q '字典里的单词' "$BODY"
is "$(sql "SELECT COUNT(*) FROM users")" "$n0" "no user was made"
post m /admin/users/new "username=tpn$U" "erp_kind=$kind" role=admin "password=Str0ng-Horse-$U" status=active "csrf=$tok"
is "$STATUS" 303 "新增用户 with a good password: 303"

# dz-admin create-user too
if mkuser "tpd$U" viewer Elephants7; then made=1; else made=0; fi
is "$made" 0 "dz-admin create-user refuses a cracklib-refused password"
ok "... saying why" grep -q '最常见的密码\|容易被猜到' "$T/mkuser.out"

done_testing
