#!/bin/sh
# Methods: a route answers only its methods; others get 405 with Allow.
# Unknown paths get 404. Both are pages in the site layout with the headers.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

get a /logout
is "$STATUS" 405 "GET /logout: 405"
like "$(hdr Allow)" POST "Allow: POST"
req a PUT /login --data x=1 -H "Origin: $DZ_TEST_BASE"
is "$STATUS" 405 "PUT /login: 405"
like "$(hdr Allow)" 'GET.*POST|POST.*GET' "Allow: GET, POST"
req a DELETE /password -H "Origin: $DZ_TEST_BASE"
is "$STATUS" 405 "DELETE /password: 405"
post a / x=1
is "$STATUS" 405 "POST /: 405"
like "$(hdr Allow)" GET "Allow: GET"
sec_headers "405 page"
ok "405 page is in the site layout" grep -qi '<link[^>]*stylesheet' "$BODY"

get a /no/such/page
is "$STATUS" 404 "unknown path: 404"
sec_headers "404 page"
ok "404 page is in the site layout" grep -qi '<link[^>]*stylesheet' "$BODY"
like "$(hdr Content-Type)" '^text/html' "404 page is HTML"

if program_running dz-users; then
	req a PATCH /admin/users -H "Origin: $DZ_TEST_BASE"
	is "$STATUS" 405 "PATCH /admin/users: 405"
else
	skip "dz-users not running" "PATCH /admin/users"
fi

# HEAD on a GET route is not an error: the GET's status, without a body
req a HEAD /login -I
is "$STATUS" 200 "HEAD /login: 200"
# (curl -I writes the headers where the body would go)
unlike "$(cat "$BODY")" '<!doctype|<html' "HEAD /login: no body"
like "$(hdr Content-Type)" '^text/html' "HEAD /login: the GET's Content-Type"

done_testing
