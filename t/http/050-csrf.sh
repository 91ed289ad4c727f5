#!/bin/sh
# §8 check 11, CSRF: a POST without the token, with another session's token,
# or from a foreign Origin is refused with 403 and changes nothing (checked
# in the database), and each refusal is logged (the program's log names the
# path and address); a GET of a route that only changes things is 405. The
# same POST done right succeeds, so the test can fail.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

ua=tca$U ub=tcb$U pw=Good-Pass-$U
# the programs' logs from here on are this test's; its requests come from
# an address of its own, so its refusals are not taken for repeats of
# another test's (the log folds a line said again into a count)
SRC=127.0.0.$((100 + RANDOM % 150))
export SRC
m_login=$(wc -l <"$DZ_TEST_LOGDIR/dz-login.log" 2>/dev/null || echo 0)
m_users=$(wc -l <"$DZ_TEST_LOGDIR/dz-users.log" 2>/dev/null || echo 0)
since() { tail -n +"$(($2 + 1))" "$DZ_TEST_LOGDIR/$1.log"; }
ok "user $ua" mkuser "$ua" clerk "$pw"
ok "user $ub" mkuser "$ub" clerk "$pw"
login a "$ua" "$pw"
is "$STATUS" 303 "$ua signed in"
login b "$ub" "$pw"
is "$STATUS" 303 "$ub signed in"
get b /password
tok_b=$(csrf)
get a /password
tok_a=$(csrf)
ok "both have a csrf token" test -n "$tok_a" -a -n "$tok_b"
isnt "$tok_a" "$tok_b" "the tokens differ per session"

hash0=$(sql "SELECT password_hash FROM users WHERE username='$ua'")
unchanged() { is "$(sql "SELECT password_hash FROM users WHERE username='$ua'")" "$hash0" "$1: nothing changed"; }
new=New-Pass-$U

post a /password "old=$pw" "new=$new" "new2=$new"
is "$STATUS" 403 "POST /password without csrf: 403"
sec_headers "403 answer"
unchanged "without csrf"
post a /password "old=$pw" "new=$new" "new2=$new" "csrf="
is "$STATUS" 403 "empty csrf: 403"
post a /password "old=$pw" "new=$new" "new2=$new" "csrf=$tok_b"
is "$STATUS" 403 "another session's csrf: 403"
unchanged "another session's token"
ORIGIN=https://evil.example post a /password "old=$pw" "new=$new" "new2=$new" "csrf=$tok_a"
is "$STATUS" 403 "foreign Origin: 403"
unchanged "foreign Origin"
ORIGIN=http://127.0.0.1:${DZ_TEST_BASE##*:} post a /password "old=$pw" "new=$new" "new2=$new" "csrf=$tok_a"
is "$STATUS" 403 "same host, other scheme in Origin: 403"
unchanged "other scheme"
ORIGIN=null post a /password "old=$pw" "new=$new" "new2=$new" "csrf=$tok_a"
is "$STATUS" 403 "Origin: null: 403"
unchanged "Origin null"

# logout without the token keeps the session
sid=$(cookie a __Host-dz)
post a /logout
is "$STATUS" 403 "POST /logout without csrf: 403"
is "$(session_rows "$sid")" 1 "the session is still there"
get a /
is "$STATUS" 200 "and still works"

# login CSRF: no token, or a foreign Origin, signs nobody in
forget c
get c /login
ltok=$(csrf)
post c /login "username=$ua" "password=$pw"
is "$STATUS" 403 "POST /login without csrf: 403"
is "$(cookie c __Host-dz)" "" "no session"
ORIGIN=https://evil.example post c /login "username=$ua" "password=$pw" "csrf=$ltok"
is "$STATUS" 403 "POST /login from a foreign Origin: 403"
is "$(cookie c __Host-dz)" "" "no session"

# user admin, if dz-users runs: no user is created by a forged POST
if program_running dz-users; then
	adm=tcadm$U
	ok "admin $adm" mkuser "$adm" admin "$pw"
	login d "$adm" "$pw"
	get d /admin/users/new
	atok=$(csrf)
	n0=$(sql "SELECT COUNT(*) FROM users")
	post d /admin/users/new "username=victim$U" role=admin password= status=active
	is "$STATUS" 403 "POST /admin/users/new without csrf: 403"
	ORIGIN=https://evil.example post d /admin/users/new "username=victim$U" role=admin status=active "csrf=$atok"
	is "$STATUS" 403 "POST /admin/users/new from a foreign Origin: 403"
	post d /admin/users/new "username=victim$U" role=admin status=active "csrf=$tok_a"
	is "$STATUS" 403 "POST /admin/users/new with a clerk's token: 403"
	is "$(sql "SELECT COUNT(*) FROM users")" "$n0" "no user created"
else
	skip "dz-users not running" "forged POST /admin/users/new"
fi

# every refusal above is in the programs' logs (path and address, no token)
since dz-login "$m_login" >"$T/login.log"
ok "the login program logged the refusals of /password" grep -q 'csrf: refused POST /password from' "$T/login.log"
ok "... and of /login" grep -q 'csrf: refused POST /login from' "$T/login.log"
ok "... and of /logout" grep -q 'csrf: refused POST /logout from' "$T/login.log"
if program_running dz-users; then
	since dz-users "$m_users" >"$T/users.log"
	ok "dz-users logged the forged POST /admin/users/new" \
		grep -q 'csrf: refused POST /admin/users/new from' "$T/users.log"
fi
ok "no log line holds a session's csrf token" \
	test -z "$(grep -r -l -F -e "$tok_a" -e "$tok_b" "$DZ_TEST_LOGDIR" 2>/dev/null)"

# a GET of a route that only changes things: 405, never the change
sid=$(sql "SELECT COALESCE(MAX(id), 1) FROM statements")
for p in /logout /statements/new /statements/preview "/statements/$sid/uncancel" \
	"/statements/$sid/revoke" /admin/users/new/test "/admin/users/1/test"; do
	get a "$p"
	is "$STATUS" 405 "GET $p: 405"
done

# the same change, done right, goes through
post a /password "old=$pw" "new=$new" "new2=$new" "csrf=$tok_a"
is "$STATUS" 303 "with its own token and Origin: 303"
isnt "$(sql "SELECT password_hash FROM users WHERE username='$ua'")" "$hash0" "the password changed"

done_testing
