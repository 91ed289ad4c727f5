#!/bin/sh
# Sign-in: the form, a wrong password and an unknown user (same answer),
# the right one (303, new session cookie with the right flags, only a hash
# stored), a new id at every sign-in, the audit trail, headers on each answer.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

user=tl$U
pw=Good-Pass-$U
ok "dz-admin create-user $user" mkuser "$user" clerk "$pw"

get a /
is "$STATUS" 303 "GET / without a session: 303"
is "$(location)" /login "... to /login"
sec_headers "303 answer"

get a /login
is "$STATUS" 200 "GET /login: 200"
like "$(hdr Content-Type)" '^text/html' "login page is HTML"
ok "login form has a csrf field" test -n "$(csrf)"
ok "login form has username and password fields" grep -q 'name="password"' "$BODY"
sec_headers "login page"
pre=$(set_cookie __Host-dzpre)
ok "pre-session cookie __Host-dzpre set" test -n "$pre"
cookie_flags "__Host-dzpre" "$pre" "Lax|Strict"

audit0=$(sql "SELECT COUNT(*) FROM audit_log")

login a "$user" "wrong-$pw"
is "$STATUS" 401 "wrong password: 401"
ok "wrong password: 用户名或密码错误" grep -q '用户名或密码错误' "$BODY"
ok "wrong password: the form again" grep -q 'name="password"' "$BODY"
is "$(cookie a __Host-dz)" "" "wrong password: no session cookie"
sec_headers "401 answer"
wrong_body=$(sed 's/value="[^"]*"//g' "$BODY" | grep -c '用户名或密码错误')

login a "nobody$U" "$pw"
is "$STATUS" 401 "unknown user: 401"
is "$(sed 's/value="[^"]*"//g' "$BODY" | grep -c '用户名或密码错误')" "$wrong_body" "unknown user: the same message"

audit1=$(sql "SELECT COUNT(*) FROM audit_log")
ok "failed sign-ins are audited ($audit0 -> $audit1)" test "$audit1" -ge $((audit0 + 2))

login a "$user" "$pw"
is "$STATUS" 303 "right password: 303"
is "$(location)" / "... to /"
sc=$(set_cookie __Host-dz)
ok "session cookie __Host-dz set" test -n "$sc"
cookie_flags "__Host-dz" "$sc"
sid=$(cookie a __Host-dz)
like "$sid" '^[A-Za-z0-9_-]{43}$' "session id: 43 base64url characters (256 bits)"
is "$(session_rows "$sid")" 1 "sessions keeps the SHA-256 of the id"
is "$(sql "SELECT COUNT(*) FROM sessions WHERE HEX(id_hash) LIKE '%$(printf '%s' "$sid" | od -An -tx1 | tr -d ' \n' | head -c 16 | tr a-f A-F)%'")" 0 \
	"sessions does not keep the id itself"
audit2=$(sql "SELECT COUNT(*) FROM audit_log")
ok "sign-in is audited" test "$audit2" -gt "$audit1"
is "$(sql "SELECT last_login_at IS NOT NULL FROM users WHERE username='$user'")" 1 "last_login_at set"

get a /
is "$STATUS" 200 "home page with the session: 200"
ok "home page names the user" grep -q "$user" "$BODY"
like "$(hdr Cache-Control)" 'no-store' "home page: Cache-Control no-store"
sec_headers "home page"

# a new id at each sign-in, the old one is gone
login a "$user" "$pw"
is "$STATUS" 303 "second sign-in in the same browser: 303"
sid2=$(cookie a __Host-dz)
isnt "$sid2" "$sid" "a new session id at sign-in"

# session fixation: an id planted in the browser before sign-in is not
# the one the sign-in gives
planted=PLANTEDplantedPLANTEDplantedPLANTEDplanted0
forget f
get f /login
printf '127.0.0.1\tFALSE\t/\tTRUE\t0\t__Host-dz\t%s\n' "$planted" >>"$(jar f)"
login f "$user" "$pw"
is "$STATUS" 303 "sign-in with a planted session id: 303"
isnt "$(cookie f __Host-dz)" "$planted" "the planted id is replaced"
is "$(session_rows "$planted")" 0 "the planted id is no session"

# a forged cookie
get forged / -H "Cookie: __Host-dz=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
is "$STATUS" 303 "a made-up session id: 303 to /login"

# a field that is there but unfit is named (issue 12, hole 4), not "请输入…"
alert() { tr -d '\n' <"$BODY" | grep -o '<p class="alert" role="alert">[^<]*' | sed 's/.*">//'; }
forget n
get n /login
ntok=$(csrf)
req n POST /login --data-raw "username=a%00b&password=x&csrf=$ntok" -H "Origin: $DZ_TEST_BASE"
is "$STATUS" 400 "username with a NUL byte: 400"
is "$(alert)" "用户名：含有控制字符" "... the message names 用户名"
post n /login "username=$user" "password=$(printf '%300s' '' | tr ' ' x)" "csrf=$ntok"
is "$STATUS" 400 "a 300-byte password: 400"
like "$(alert)" "^密码太长" "... the message names 密码 and says it was not checked"
post n /login "username=$user" password= "csrf=$ntok"
is "$(alert)" "请输入用户名和密码" "an empty password: 请输入用户名和密码"

done_testing
