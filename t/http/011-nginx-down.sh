#!/bin/sh
# nginx's own 502 (a program's socket not there) is the site's page, not
# nginx's (issue 11, case 1): static/down.html, with the security headers
# and Retry-After, for staff pages and for the customer's /c/ (there with
# no-referrer and noindex too). The socket is moved aside for a moment and
# put back; the page is then served by its program again.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-history || skip_all "dz-history not running"
program_running dz-confirm || skip_all "dz-confirm not running"
sock=$DZ_TEST_RUN/sock
trap 'for p in dz-history dz-confirm; do [ -S "$sock/$p.sock.aside" ] && mv "$sock/$p.sock.aside" "$sock/$p.sock"; done; rm -rf "$T"' EXIT

mv "$sock/dz-history.sock" "$sock/dz-history.sock.aside"
get a /statements
is "$STATUS" 502 "对账单历史 without its program: 502"
ok "the site's page (its stylesheet)" grep -q 'dz.css' "$BODY"
ok "saying the service is down for a moment" grep -q '服务暂时不可用' "$BODY"
unlike "$(body)" 'nginx' "not nginx's page"
is "$(hdr Retry-After)" 10 "Retry-After: 10"
sec_headers "502 page"
mv "$sock/dz-history.sock.aside" "$sock/dz-history.sock"
get a /statements
is "$STATUS" 303 "back: dz-history answers again (to the sign-in)"

tok=Tk$(head -c 30 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' | head -c 41)
mv "$sock/dz-confirm.sock" "$sock/dz-confirm.sock.aside"
get b "/c/$tok"
is "$STATUS" 502 "the customer's page without its program: 502"
ok "the site's page" grep -q '服务暂时不可用' "$BODY"
is "$(hdr Referrer-Policy)" no-referrer "/c/ 502: no-referrer"
like "$(hdr X-Robots-Tag)" noindex "/c/ 502: noindex"
is "$(hdr Content-Security-Policy)" "$DZ_CSP" "/c/ 502: CSP"
is "$(hdr Cache-Control)" no-store "/c/ 502: Cache-Control no-store"
mv "$sock/dz-confirm.sock.aside" "$sock/dz-confirm.sock"
get b "/c/$tok"
is "$STATUS" 410 "back: dz-confirm answers again (410 for an unknown link)"
done_testing
