#!/bin/bash
# §8 check 7: the customer's page is not indexed nor leaked, and no page
# sends a browser to another host. Asserted:
#  - `curl -sI` (HEAD) and GET of a live /c/<token> page, of an unknown
#    token's 410 page and nginx's 429 page there: Referrer-Policy:
#    no-referrer, X-Robots-Tag: noindex, nofollow, Cache-Control: no-store
#    (once);
#  - /robots.txt (served by nginx, over TLS and plain HTTP) is text/plain
#    with "User-agent: *" and "Disallow: /c/";
#  - 0 third-party src=/href=/action= (an absolute or protocol-relative URL
#    to a host other than the site) in every page the tests can reach: the
#    sign-in page, each page an admin and a clerk reach by following the
#    links from / (a bounded crawl, GET only), a statement, its 分享 page,
#    the customer's page live, answered and gone, the 404 and nginx's own
#    429/502 pages, and no url()/@import/http(s):// to another host in the
#    site's CSS and JavaScript.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need
program_running dz-confirm || skip_all "dz-confirm is not running"

# --- a statement, shared, as a clerk makes it -------------------------------
st_admin
st_user g "pv$U" clerk "$DZ_TEST_ERP_DSN"
cu=$(sqlite3 "$DZ_TEST_ERP_SQLITE" "SELECT btypeid FROM Dlyndx WHERE draft = 2 AND RedOld = 'F'
	AND VchType IN (11, 45, 4) AND Date BETWEEN '2026-03-01' AND '2026-03-31'
	GROUP BY btypeid ORDER BY COUNT(*) DESC LIMIT 1")
[ -n "$cu" ] || bail "the demo data has no customer with documents in March 2026"
sid=$(st_new g "$cu" 2026-03-01 2026-03-31) || bail "cannot generate a statement"
get g "/statements/$sid/share"
post g "/statements/$sid/share" "csrf=$(csrf)"
[ "$STATUS" = 303 ] || bail "cannot share statement $sid ($STATUS)"
get g "/statements/$sid/share"
url=$(grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
tok=${url##*/c/}
[[ $tok =~ ^[A-Za-z0-9_-]{43}$ ]] || bail "no link on the 分享 page"

# --- the /c/ headers ----------------------------------------------------------
cap_headers() {	# cap_headers WHAT
	is "$(hdr Referrer-Policy)" no-referrer "$1: Referrer-Policy: no-referrer"
	is "$(hdr X-Robots-Tag)" "noindex, nofollow" "$1: X-Robots-Tag: noindex, nofollow"
	is "$(hdr Cache-Control)" no-store "$1: Cache-Control: no-store"
}
req x HEAD "/c/$tok" -I
is "$STATUS" 200 "curl -sI /c/<live token>: 200"
cap_headers "HEAD /c/<live token>"
get x "/c/$tok"
is "$STATUS" 200 "GET /c/<live token>: 200"
ok "... the statement's page" grep -q "$(sql "SELECT customer_name FROM statements WHERE id = $sid")" "$BODY"
cap_headers "GET /c/<live token>"
cp "$BODY" "$T/page.c-live"
unknown=Tk$(head -c 30 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' | head -c 41)
req x HEAD "/c/$unknown" -I
is "$STATUS" 410 "curl -sI /c/<unknown token>: 410"
cap_headers "HEAD /c/<unknown token>"
get x "/c/$unknown"
cap_headers "GET /c/<unknown token>"
cp "$BODY" "$T/page.c-gone"
# nginx's own 429 page under /c/ (127.0.1.0/24 keeps the limits)
L=127.0.1.$((RANDOM % 250 + 2))
for _ in $(seq 40); do
	SRC=$L get lim "/c/$unknown"
	[ "$STATUS" = 429 ] && break
done
is "$STATUS" 429 "one link from one address, quickly: nginx's 429 page"
cap_headers "429 /c/ (nginx's busy page)"
is "$(hdrs Cache-Control | wc -l)" 1 "... one Cache-Control"
get x "/c/$tok"
is "$(hdrs Cache-Control | wc -l)" 1 "dz-confirm's page: one Cache-Control (nginx adds none)"

# --- robots.txt -----------------------------------------------------------------
for b in "$DZ_TEST_BASE" "$DZ_TEST_HTTP"; do
	get x "$b/robots.txt"
	is "$STATUS" 200 "$b/robots.txt: 200"
	like "$(hdr Content-Type)" '^text/plain' "... text/plain"
	ok "... User-agent: *" grep -qx 'User-agent: \*' "$BODY"
	ok "... Disallow: /c/" grep -qx 'Disallow: /c/' "$BODY"
	if [ "$b" = "$DZ_TEST_BASE" ]; then sec_headers "robots.txt" yes; fi
done

# --- every page: no third-party URL -------------------------------------------------
# foreign FILE: the src/href/action/formaction/poster values of FILE that
# name another host (absolute or //host), one a line
site_hosts="${DZ_TEST_BASE#https://} ${DZ_TEST_HTTP#http://}"
foreign() {
	grep -o -i -E '(src|href|action|formaction|poster|srcset)[[:space:]]*=[[:space:]]*("[^"]*"|'"'"'[^'"'"']*'"'"'|[^[:space:]>]+)' "$1" |
		sed -E 's/^[^=]*=[[:space:]]*//; s/^["'"'"']//; s/["'"'"']$//' |
		while read -r v; do
			case $v in
			//*|[a-zA-Z]*://*) ;;
			*) continue ;;
			esac
			h=${v#*//}
			h=${h%%/*}
			case " $site_hosts " in *" $h "*) continue ;; esac
			echo "$v"
		done
}
pages=0
check_page() {	# check_page NAME FILE
	local f
	pages=$((pages + 1))
	f=$(foreign "$2")
	is "$f" "" "$1: no third-party src=/href="
}

# a bounded crawl from / of what browser B can GET (same-site links only)
crawl() {	# crawl B MAX
	local b=$1 max=$2 n=0 p key
	local -a queue=(/)
	declare -A seen=()
	while [ ${#queue[@]} -gt 0 ] && [ "$n" -lt "$max" ]; do
		p=${queue[0]}
		queue=("${queue[@]:1}")
		key=${p%%\?*}
		# one of each path (the filters and pages of a list are one page),
		# any statement or user id counted once
		key=$(echo "$key" | sed -E 's,/[0-9]+(/|$),/N\1,g')
		[ -z "${seen[$key]:-}" ] || continue
		seen[$key]=1
		get "$b" "$p"
		case $STATUS in 200|400|403|404|409|410) ;; *) diag "$b $p: $STATUS"; continue ;; esac
		case $(hdr Content-Type) in text/html*) ;; *) continue ;; esac
		n=$((n + 1))
		check_page "$b $p ($STATUS)" "$BODY"
		while read -r l; do
			queue+=("$l")
		done < <(grep -o 'href="/[^"]*"' "$BODY" | sed 's/^href="//; s/"$//; s/&amp;/\&/g' |
			grep -v -E '^/(static/|c/|logout)')
	done
	echo "$n" >"$T/crawled.$b"
}
get x /login
check_page "/login" "$BODY"
get x /no-such-page
is "$STATUS" 404 "an unknown path: 404"
check_page "404 page" "$BODY"
crawl a 40
crawl g 40
ok "the admin's crawl reached at least 4 pages ($(cat "$T/crawled.a"))" test "$(cat "$T/crawled.a")" -ge 4
ok "the clerk's crawl reached at least 6 pages ($(cat "$T/crawled.g"))" test "$(cat "$T/crawled.g")" -ge 6
for p in "/statements/$sid" "/statements/$sid/share" "/statements/sends" \
	"/query?customer=$cu&from=2026-03-01&to=2026-03-31&types=sale&types=return&types=receipt&go=1"; do
	get g "$p"
	is "$STATUS" 200 "clerk: $p"
	check_page "clerk $p" "$BODY"
done
check_page "/c/<live token>" "$T/page.c-live"
check_page "/c/<unknown token> (410)" "$T/page.c-gone"
# the customer answers; the page after it
get x "/c/$tok"
post x "/c/$tok" "csrf=$(csrf)" decision=agreed
is "$STATUS" 303 "the customer answers 符合"
get x "/c/$tok"
check_page "/c/<token> after the answer ($STATUS)" "$BODY"
# nginx's own pages (drawn at build time): 429 on /c/, 502/504
for f in busy.html down.html; do
	check_page "static/$f" "$DZ_TEST_PREFIX/share/duizhang/static/$f"
done
# the site's CSS and JavaScript load nothing from elsewhere
assets=0 bad=
while read -r f; do
	assets=$((assets + 1))
	if grep -n -i -E "url\\([[:space:]]*['\"]?(https?:)?//|@import|https?://" "$f" |
		grep -v -E 'http://www\.w3\.org/' >"$T/asset.hits"; then
		bad+="${f##*/static/}: $(head -1 "$T/asset.hits") "
	fi
done < <(find "$DZ_TEST_PREFIX/share/duizhang/static" -type f \( -name '*.css' -o -name '*.js' \))
ok "the site has CSS and JavaScript to look at ($assets files)" test "$assets" -ge 2
is "$bad" "" "no CSS or JavaScript loads from another host"
ok "$pages pages looked at" test "$pages" -ge 20

done_testing
