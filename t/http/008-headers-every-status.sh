#!/bin/bash
# §8 check 8: the security headers on every kind of answer. For a 200 (a
# staff page signed in, the sign-in page, the customer's page), a redirect
# (the programs' 303 and nginx's 301; the site sends no 302), 404 (a program's and
# nginx's), 429 (nginx's on POST /login and its busy page on /c/), 500 (a
# program whose page template cannot be read: the built-in last-resort
# page, after dz-login's workers are replaced), 502 (a program's socket missing), 504 (a socket that accepts and
# never answers: nginx gives up after fastcgi_read_timeout, about 30 s),
# and a static file, `curl -sI`-style headers must show:
#   Strict-Transport-Security max-age >= 31536000; a Content-Security-Policy
#   with object-src 'none', base-uri 'none' and frame-ancestors 'none';
#   X-Content-Type-Options: nosniff; a Referrer-Policy; "Server: nginx"
#   with no version, and no nginx version in the body.
# The socket and the template are put back on exit.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-history || skip_all "dz-history not running"
program_running dz-confirm || skip_all "dz-confirm not running"
command -v socat >/dev/null || bail "no socat (deploy/packages-test)"
sock=$DZ_TEST_RUN/sock
tpl=$DZ_TEST_PREFIX/share/duizhang/templates/login/form.cs
socat_pid=
restore() {
	[ -z "$socat_pid" ] || kill "$socat_pid" 2>/dev/null
	if [ -S "$sock/dz-history.sock.aside" ]; then
		rm -f "$sock/dz-history.sock"
		mv "$sock/dz-history.sock.aside" "$sock/dz-history.sock"
	fi
	[ -r "$T/form.cs.mode" ] && chmod "$(cat "$T/form.cs.mode")" "$tpl"
	rm -rf "$T"
}
trap restore EXIT

# check8 WHAT: the last answer's headers and body
check8() {
	local hsts age csp
	hsts=$(hdr Strict-Transport-Security)
	age=$(echo "$hsts" | sed -n 's/^max-age=\([0-9]*\).*/\1/p')
	ok "$1: HSTS max-age >= 31536000 ($hsts)" test "${age:-0}" -ge 31536000
	csp=$(hdr Content-Security-Policy)
	like "$csp" "(^|; )object-src 'none'(;|$)" "$1: CSP object-src 'none'"
	like "$csp" "(^|; )base-uri 'none'(;|$)" "$1: CSP base-uri 'none'"
	like "$csp" "(^|; )frame-ancestors 'none'(;|$)" "$1: CSP frame-ancestors 'none'"
	is "$(hdrs Content-Security-Policy | wc -l)" 1 "$1: one CSP"
	is "$(hdr X-Content-Type-Options)" nosniff "$1: X-Content-Type-Options nosniff"
	like "$(hdr Referrer-Policy)" '^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$' \
		"$1: a Referrer-Policy ($(hdr Referrer-Policy))"
	is "$(hdr Server)" nginx "$1: Server: nginx, no version"
	ok "$1: no nginx version in the body" bash -c '! grep -q -i -E "nginx/[0-9]" "$1"' _ "$BODY"
}

# 200
login_admin_pw=Good-Pass-$U
mkuser "h8$U" admin "$login_admin_pw" || bail "cannot create an admin"
login a "h8$U" "$login_admin_pw"
[ "$STATUS" = 303 ] || bail "the admin cannot sign in ($STATUS)"
get a /admin/users
is "$STATUS" 200 "a staff page signed in: 200"
check8 "200 staff page"
get x /login
is "$STATUS" 200 "the sign-in page: 200"
check8 "200 /login"
sid=$(cf_stmt) || bail "cannot create a statement"
tok=$(cf_link "$sid") || bail "cannot create a link"
req x HEAD "/c/$tok" -I
is "$STATUS" 200 "the customer's page (HEAD): 200"
check8 "200 /c/ (HEAD)"

# a static file
css=$(cd "$DZ_TEST_PREFIX/share/duizhang/static" && find . -name '*.css' | head -1 | sed 's,^\./,,')
get x "/static/$css"
is "$STATUS" 200 "a static file: 200"
check8 "static /static/$css"

# redirect
get x /statements
is "$STATUS" 303 "a staff page signed out: 303 to the sign-in"
is "$(location)" /login "... Location /login"
check8 "303 redirect"
dir=$(cd "$DZ_TEST_PREFIX/share/duizhang/static" && find . -mindepth 1 -type d | head -1 | sed 's,^\./,,')
get x "/static/$dir"
is "$STATUS" 301 "nginx's own redirect (a static folder without its '/'): 301"
check8 "301 redirect (nginx)"

# 404
get x /no-such-page
is "$STATUS" 404 "a program's 404"
check8 "404 (dz-login)"
get x /static/no-such-file.css
is "$STATUS" 404 "nginx's 404"
check8 "404 (nginx)"

# 429: nginx's, on POST /login (127.0.1.0/24 keeps the limits) and on /c/
L=127.0.1.$((RANDOM % 250 + 2))
for _ in $(seq 12); do
	SRC=$L post lim /login username=x password=y csrf=z
	[ "$STATUS" = 429 ] && break
done
is "$STATUS" 429 "POST /login from one address, quickly: 429"
check8 "429 POST /login (nginx)"
for _ in $(seq 40); do
	SRC=$L get lim "/c/$tok"
	[ "$STATUS" = 429 ] && break
done
is "$STATUS" 429 "one link from one address, quickly: 429"
check8 "429 /c/ (busy page)"

# 500: the sign-in page's template unreadable for the programs, and
# dz-login's workers replaced (HUP to its master: a worker reads each
# template once)
stat -c %a "$tpl" >"$T/form.cs.mode"
chmod 000 "$tpl"
m=$(master dz-login)
[ -n "$m" ] || bail "dz-login's master is not running"
old=$(workers dz-login | sort | tr '\n' ' ')
kill -HUP "$m"
for _ in $(seq 100); do
	now=$(workers dz-login | sort | tr '\n' ' ')
	[ -n "$now" ] && [ "$(comm -12 <(tr ' ' '\n' <<<"$old" | grep .) <(tr ' ' '\n' <<<"$now" | grep .) | wc -l)" = 0 ] && break
	sleep 0.1
done
diag "dz-login's workers: $old-> $now"
get x /login
is "$STATUS" 500 "a template the program cannot read: 500"
ok "... the last-resort page" grep -q '系统错误' "$BODY"
check8 "500"
chmod "$(cat "$T/form.cs.mode")" "$tpl"
get x /login
is "$STATUS" 200 "template back: the sign-in page again"

# 502: dz-history's socket moved aside
mv "$sock/dz-history.sock" "$sock/dz-history.sock.aside"
get a /statements
is "$STATUS" 502 "a program's socket missing: 502"
check8 "502"

# 504: a socket that takes the request and never answers
socat -u "UNIX-LISTEN:$sock/dz-history.sock,fork,mode=0666" OPEN:/dev/null &
socat_pid=$!
for _ in $(seq 50); do [ -S "$sock/dz-history.sock" ] && break; sleep 0.1; done
start=$(date +%s)
get a /statements
is "$STATUS" 504 "a program that never answers: 504 (after $(( $(date +%s) - start )) s)"
check8 "504"
kill "$socat_pid" 2>/dev/null
wait "$socat_pid" 2>/dev/null
socat_pid=
rm -f "$sock/dz-history.sock"
mv "$sock/dz-history.sock.aside" "$sock/dz-history.sock"
get a /statements
is "$STATUS" 200 "socket back: dz-history answers again"

done_testing
