#!/bin/sh
# Sign-out is a POST with the csrf token; it deletes the session row and
# the cookie; the old cookie is refused afterwards. GET /logout is 405.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

user=to$U
pw=Good-Pass-$U
ok "dz-admin create-user $user" mkuser "$user" viewer "$pw"
login a "$user" "$pw"
is "$STATUS" 303 "signed in"
sid=$(cookie a __Host-dz)
is "$(session_rows "$sid")" 1 "session row exists"

get a /logout
is "$STATUS" 405 "GET /logout: 405"
like "$(hdr Allow)" POST "405 names the allowed method"
sec_headers "405 answer"
is "$(session_rows "$sid")" 1 "GET /logout did not end the session"

get a /
is "$STATUS" 200 "home page"
tok=$(csrf)
ok "home page has the logout form's csrf" test -n "$tok"
post a /logout "csrf=$tok"
is "$STATUS" 303 "POST /logout: 303"
is "$(location)" /login "... to /login"
sc=$(set_cookie __Host-dz)
like "$sc" '([Mm]ax-[Aa]ge=0|[Ee]xpires=[^;]*(19[0-9][0-9]|200[0-9]|201[0-9]))|^__Host-dz=;' "the cookie is cleared ($sc)"
is "$(session_rows "$sid")" 0 "session row deleted"
is "$(cookie a __Host-dz)" "" "the browser has no session cookie left"

forget old
get old / -H "Cookie: __Host-dz=$sid"
is "$STATUS" 303 "the old cookie is refused: 303"
is "$(location)" /login "... to /login"
get old /password -H "Cookie: __Host-dz=$sid"
is "$STATUS" 303 "the old cookie on /password: 303"

done_testing
