#!/bin/sh
# nginx in front of the programs: security headers on every kind of answer
# (static file, 404, 403, 413, 429), HSTS on TLS only, no version, limit_req
# on POST /login and on /c/, the customer token never in a log.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

static=$(cd "$DZ_TEST_PREFIX/share/duizhang/static" 2>/dev/null && find . -type f -name '*.css' | head -1 | sed 's,^\./,,')
if [ -n "$static" ]; then
	get b "/static/$static"
	is "$STATUS" 200 "static file /static/$static"
	like "$(hdr Content-Type)" '^text/css' "static css has text/css"
	sec_headers "static file" yes
	is "$(hdr Referrer-Policy)" same-origin "static file: Referrer-Policy same-origin"
	get b "$DZ_TEST_HTTP/static/$static"
	is "$STATUS" 200 "static file over plain HTTP"
	sec_headers "static file over HTTP" no
else
	skip "no css installed under static/" "static file"
fi

get b /static/no-such-file.css
is "$STATUS" 404 "missing static file: 404"
sec_headers "nginx 404" yes

get b /static/.hidden
is "$STATUS" 403 "dot file: 403"
sec_headers "nginx 403" yes

# a body above client_max_body_size
head -c 200000 /dev/zero | tr '\0' a >"$T/big"
req b POST /login --data-binary "@$T/big" -H "Origin: $DZ_TEST_BASE"
is "$STATUS" 413 "200 kB body: 413"
sec_headers "nginx 413" yes

# the customer's page: no referrer, not indexed, even for a link that
# never was (the 410 page of dz-confirm, not a 404 or an nginx page)
tok=Tk$(head -c 30 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' | head -c 41)
get b "/c/$tok"
is "$STATUS" 410 "GET /c/<unknown token>: 410 from dz-confirm"
ok "... its page says the link is no longer valid" grep -q '链接已失效' "$BODY"
is "$(hdr Referrer-Policy)" no-referrer "/c/: Referrer-Policy no-referrer"
like "$(hdr X-Robots-Tag)" noindex "/c/: X-Robots-Tag noindex"
is "$(hdr Content-Security-Policy)" "$DZ_CSP" "/c/: CSP"
get b /login
is "$(hdr X-Robots-Tag)" "" "/login: no X-Robots-Tag"
is "$(hdr Referrer-Policy)" same-origin "/login: Referrer-Policy same-origin"

# the token is not in any log (access log redacts it)
get b "/./c/$tok?x=1"
sleep 0.5
ok "access log has /c/[redacted]" grep -q -F '/c/[redacted]' "$DZ_TEST_ACCESS_LOG"
ok "no log file holds the token" test -z "$(grep -r -l -F "$tok" "$DZ_TEST_LOGDIR" 2>/dev/null)"

# limit_req on POST /login: 127.0.1.0/24 keeps the production limits in the
# test stack (10 a minute, burst 5)
n429=0 first=
lim1=127.0.1.$((RANDOM % 120 + 1)) lim2=127.0.1.$((RANDOM % 120 + 130))
for i in $(seq 12); do
	SRC=$lim1 post lim /login username=x password=y csrf=z
	[ -n "$first" ] || first=$STATUS
	if [ "$STATUS" = 429 ] && grep -q nginx "$BODY"; then n429=$((n429 + 1)); fi
done
isnt "$first" 429 "first POST /login is not limited"
ok "12 quick POST /login from one address: nginx answers 429 ($n429 times)" test "$n429" -ge 5
sec_headers "nginx 429" yes
SRC=$lim1 get lim /login
isnt "$STATUS" 429 "GET /login is not limited"

# limit_req on /c/ per link (30 a minute, burst 10; the per-address limit
# and the 429 page: 250-confirm-limits)
n429=0
for i in $(seq 20); do
	SRC=$lim2 get lim "/c/$tok"
	[ "$STATUS" = 429 ] && n429=$((n429 + 1))
done
ok "20 quick GET /c/<token> from one address: 429 ($n429 times)" test "$n429" -ge 5
sleep 0.5
ok "no log file holds the token after the 429s" test -z "$(grep -r -l -F "$tok" "$DZ_TEST_LOGDIR" 2>/dev/null)"

done_testing
