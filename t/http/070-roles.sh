#!/bin/sh
# Roles: /admin/users is for admins only; a clerk or a viewer gets 403,
# nobody signed in gets sent to /login.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-users || skip_all "dz-users not running"

pw=Good-Pass-$U
ok "clerk" mkuser "trc$U" clerk "$pw"
ok "viewer" mkuser "trv$U" viewer "$pw"
ok "admin" mkuser "tra$U" admin "$pw"

get anon /admin/users
is "$STATUS" 303 "anonymous /admin/users: 303"
is "$(location)" /login "... to /login"

login c "trc$U" "$pw"
for p in /admin/users /admin/users/new; do
	get c "$p"
	is "$STATUS" 403 "clerk GET $p: 403"
done
sec_headers "403 page"
ok "403 page in the site layout" grep -qi '<link[^>]*stylesheet' "$BODY"
get c /
tok=$(csrf)
n0=$(sql "SELECT COUNT(*) FROM users")
post c /admin/users/new "username=byclerk$U" role=admin status=active "csrf=$tok"
is "$STATUS" 403 "clerk POST /admin/users/new: 403"
is "$(sql "SELECT COUNT(*) FROM users")" "$n0" "no user created"

login v "trv$U" "$pw"
get v /admin/users
is "$STATUS" 403 "viewer GET /admin/users: 403"

login a "tra$U" "$pw"
get a /admin/users
is "$STATUS" 200 "admin GET /admin/users: 200"
ok "the list shows the clerk" grep -q "trc$U" "$BODY"

done_testing
