#!/bin/bash
# Share links and QR codes carry the configured App.PublicBase, never the
# request's Host header: a staff page fetched with a forged Host
# (evil.example) still shows https://<the configured base>/c/<token>, the
# QR code (PNG, decoded with zbarimg) holds that same URL, and the SVG QR
# code is the one a request with the real Host gets. deploy/test sets
# App.PublicBase to its own https://127.0.0.1:<TLS port> (DZ_TEST_BASE).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-history || skip_all "dz-history is not running"
command -v zbarimg >/dev/null || bail "no zbarimg (deploy/packages-test: zbar-tools)"

base=$(sed -n 's/^[[:space:]]*App.PublicBase[[:space:]]*=[[:space:]]*//p' "$DZ_CONF")
is "$base" "$DZ_TEST_BASE" "the stack's App.PublicBase is its own address"

# a clerk of the suite's account set, and a statement of it
set=$(cf_set) || bail "no account set"
mkuser "pb$U" clerk "Good-Pass-$U" || bail "cannot create a clerk"
sql "UPDATE users SET account_set_id = $set, must_change_password = 0 WHERE username = 'pb$U'"
login c "pb$U" "Good-Pass-$U"
[ "$STATUS" = 303 ] || bail "the clerk cannot sign in ($STATUS)"
sid=$(cf_stmt) || bail "cannot create a statement"
get c "/statements/$sid/share"
is "$STATUS" 200 "分享 page"
post c "/statements/$sid/share" "csrf=$(csrf)"
is "$STATUS" 303 "a link made"

# curl matches its cookies to the Host header: the session goes by hand
evil=(-H "Host: evil.example" -H "Cookie: __Host-dz=$(cookie c __Host-dz)")
url_of() { grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//'; }

get c "/statements/$sid/share"
real=$(url_of)
like "$real" "^$DZ_TEST_BASE/c/[A-Za-z0-9_-]{43}\$" "with the real Host: the configured base"
tok=${real##*/c/}
is "$(sql "SELECT COUNT(*) FROM share_links WHERE statement_id = $sid AND revoked_at IS NULL
	AND token_hash = UNHEX('$(cf_hash "$tok")')")" 1 "... and the statement's live link"

get c "/statements/$sid/share" "${evil[@]}"
is "$STATUS" 200 "分享 page with Host: evil.example"
is "$(url_of)" "$real" "the link shown is the configured base's, not the forged host's"
ok "evil.example appears nowhere in the page" bash -c '! grep -qi "evil\.example" "$1"' _ "$BODY"

get c "/statements/$sid/qr.png" "${evil[@]}"
is "$STATUS" 200 "QR code (PNG) with Host: evil.example"
is "$(zbarimg --quiet --raw "$BODY" 2>/dev/null | tr -d '\r\n')" "$real" \
	"the PNG QR code decodes to the configured base's link"

get c "/statements/$sid/qr.svg"
cp "$BODY" "$T/qr-real.svg"
get c "/statements/$sid/qr.svg" "${evil[@]}"
is "$STATUS" 200 "QR code (SVG) with Host: evil.example"
ok "the SVG QR code is the same as with the real Host" cmp -s "$BODY" "$T/qr-real.svg"

# A forged Host and a matching forged Origin (a request made by hand, not
# a browser) make a link that is still shown with the configured base.
get c "/statements/$sid/share" "${evil[@]}"
ORIGIN=https://evil.example:${DZ_TEST_BASE##*:} post c "/statements/$sid/share" "csrf=$(csrf)" -- "${evil[@]}"
is "$STATUS" 303 "a new link made with Host and Origin evil.example"
get c "/statements/$sid/share" "${evil[@]}"
new=$(url_of)
like "$new" "^$DZ_TEST_BASE/c/[A-Za-z0-9_-]{43}\$" "... still shown with the configured base"
isnt "$new" "$real" "... a new token"

# Without App.PublicBase (dz-history run once as plain CGI on a copy of the
# config without it, the clerk's session): the 分享 page and the QR codes
# answer 503 with a page that says what to set, no link, and the program
# says so in its log at start and on each refusal; 生成 makes no link.
grep -v '^[[:space:]]*App\.PublicBase' "$DZ_CONF" >"$T/nobase.conf"
cgi() {	# cgi METHOD PATH [BODY]: dz-history's answer in $T/cgi.out, log in $T/cgi.err
	printf '%s' "${3:-}" | env -i DZ_CONF="$T/nobase.conf" REQUEST_METHOD="$1" DOCUMENT_URI="$2" \
		HTTP_HOST=evil.example:443 HTTPS=on REQUEST_SCHEME=https REMOTE_ADDR=127.0.0.1 \
		HTTP_COOKIE="__Host-dz=$(cookie c __Host-dz)" HTTP_ORIGIN=https://evil.example:443 \
		CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=${#3} \
		"$DZ_TEST_PREFIX/libexec/duizhang/dz-history" >"$T/cgi.out" 2>"$T/cgi.err"
}
cgi GET "/statements/$sid/share"
is "$(sed -n '1s/\r//p' "$T/cgi.out")" "Status: 503 Service Unavailable" "no App.PublicBase: 分享 page 503"
ok "... the page names App.PublicBase" grep -q 'App.PublicBase' "$T/cgi.out"
ok "... and shows no link" bash -c '! grep -q "/c/" "$1"' _ "$T/cgi.out"
ok "... the log says it at start" grep -q 'config: App.PublicBase is not set' "$T/cgi.err"
for q in qr.svg qr.png; do
	cgi GET "/statements/$sid/$q"
	is "$(sed -n '1s/\r//p' "$T/cgi.out")" "Status: 503 Service Unavailable" "no App.PublicBase: $q 503"
done
live=$(sql "SELECT HEX(token_hash) FROM share_links WHERE statement_id = $sid AND revoked_at IS NULL")
get c "/statements/$sid/share"
body="csrf=$(csrf)"
cgi POST "/statements/$sid/share" "$body"
is "$(sed -n '1s/\r//p' "$T/cgi.out")" "Status: 503 Service Unavailable" "no App.PublicBase: 生成 503"
is "$(sql "SELECT HEX(token_hash) FROM share_links WHERE statement_id = $sid AND revoked_at IS NULL")" "$live" \
	"... the live link is kept, no new one made"

done_testing
