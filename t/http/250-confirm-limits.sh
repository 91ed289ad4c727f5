#!/bin/bash
# nginx's limits on the customer's page /c/<token>: per link and per
# address (conf/nginx, deploy/nginx-site; the test stack keeps them for
# 127.0.1.0/24, the per-address one made small: 60 a minute, burst 20;
# per link 30 a minute, burst 10 as in production). One address that
# hammers one link is refused with the site's own 429 page (Chinese, wait
# a minute, the usual security headers, no script or style in it), yet
# opens another statement's link; an address that walks many links is
# stopped by the per-address limit, and another address is not.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"

sid1=$(cf_stmt) || bail "cannot create a statement"
tok1=$(cf_link "$sid1") || bail "cannot create a link"
sid2=$(cf_stmt 华南电子商行) || bail "cannot create a second statement"
tok2=$(cf_link "$sid2") || bail "cannot create a second link"
# two fresh addresses of the limited range (a rerun within a minute picks others)
a=$((RANDOM % 126 + 2))
A=127.0.1.$a B=127.0.1.$((a + 127))

# --- one address, one link: the per-link limit -------------------------------
n200=0 n429=0 other=
for i in $(seq 16); do
	SRC=$A get P "/c/$tok1"
	case $STATUS in
	200) n200=$((n200 + 1)) ;;
	429) n429=$((n429 + 1)); [ "$n429" = 1 ] && cp "$BODY" "$T/busy" && cp "$HDRS" "$T/busy.h" ;;
	*) other="$other $STATUS" ;;
	esac
done
diag "16 quick GETs of one link from $A: $n200 x 200, $n429 x 429${other:+, others:$other}"
ok "the link opens at first, up to its burst ($n200 times)" test "$n200" -ge 10 -a "$n200" -le 14
ok "then nginx refuses it: 429 ($n429 times)" test "$n429" -ge 2
is "$other" "" "no other status"

# --- the 429 page ---------------------------------------------------------------
cp "$T/busy" "$BODY"
cp "$T/busy.h" "$HDRS"
page=$(body)
like "$(head -1 "$HDRS")" ' 429' "status 429"
like "$(hdr Content-Type)" '^text/html; charset=utf-8' "an HTML page, UTF-8"
like "$page" '<html lang="zh-CN">' "in Chinese"
like "$page" '<title>请稍后再试 - 对账助手</title>' "titled 请稍后再试"
like "$page" '请等一分钟后再打开或刷新这个页面' "says to wait a minute and try again"
like "$page" '请联系发送对账单给您的公司' "and whom to ask if it goes on"
like "$page" '<link rel="stylesheet" href="/static/css/dz.css">' "in the site's style (its stylesheet)"
like "$page" '<section class="card cust' "the customer page's card"
unlike "$page" '<center>|nginx' "not nginx's default page"
unlike "$page" '<script|<style| style=| on[a-z]+=' "no script, no inline style"
unlike "$page" "$tok1" "no token in it"
unlike "$page" 'topbar|/logout' "nothing of the staff screens"
sec_headers "429 page"
is "$(hdr Referrer-Policy)" no-referrer "429 page: Referrer-Policy no-referrer (its stylesheet request names no link)"
like "$(hdr X-Robots-Tag)" '^noindex' "429 page: X-Robots-Tag noindex"
get P /c/busy.html
is "$STATUS" 404 "the page is not a path of its own (internal)"

# --- the same address, another statement's link: opens --------------------------
SRC=$A get P "/c/$tok2"
is "$STATUS" 200 "from the address that used up link 1, link 2 opens"
like "$(body)" '华南电子商行' "... and shows its statement"
sleep 0.5
ok "no log file holds either token" \
	test -z "$(grep -r -l -F -e "$tok1" -e "$tok2" "$DZ_TEST_LOGDIR" 2>/dev/null)"

# --- one address walking many links: the per-address limit -------------------------
n=0 stopped= walk=
for i in $(seq 40); do
	SRC=$A get W "/c/$(cf_token)"
	n=$i
	walk="$walk $STATUS"
	if [ "$STATUS" = 429 ]; then stopped=$i; break; fi
done
diag "walking unknown links from $A:$walk"
ok "the walk is stopped by the address's limit (request $stopped of at most 40)" test -n "$stopped"
like "$walk" '^( 410)+ 429$' "each new link answered (410, unknown) until then"
ok "within the address's burst ($n requests)" test "$n" -le 25
# The address's bucket refills (a request a second): of five quick tries at
# link 2 right after the walk, a slow machine may see one let through.
through=0 seen=
for i in 1 2 3 4 5; do
	SRC=$A get P "/c/$tok2"
	seen="$seen $STATUS"
	[ "$STATUS" = 429 ] || through=$((through + 1))
done
diag "link 2 from $A after the walk:$seen"
ok "then even link 2 is refused from that address (at most 1 of 5 let through)" test "$through" -le 1
SRC=$B get P "/c/$tok2"
is "$STATUS" 200 "while another address opens link 2"
done_testing
