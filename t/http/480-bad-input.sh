#!/bin/bash
# §8 check 20: the malformed-input corpus of the reference's §7.2 replayed
# through nginx against every route of every screen program, signed in
# where the route needs it: empty and missing values, a 1 MB value, 10,000
# parameters, duplicate keys, a parameter in both the query and the body,
# invalid and overlong UTF-8, %00, raw CR/LF, U+202E and emoji, bad
# percent-encoding, '+' against %20, numeric edges in values and in ids of
# the path, token variants (short, long, wrong alphabet), the wrong
# Content-Type, a Content-Length shorter than the body, a chunked body,
# oversized headers and cookies, and markup, template and SQL payloads.
# Wanted: only 2xx/3xx/400/403/404/405/410/413/414/415/429/431 (403: a
# form whose csrf field the case mangled), never a 5xx; no worker of any
# program restarted; no payload's markup echoed unescaped; nothing changed
# (the statement's state, its answers, audit rows and links; no user or
# statement made). deploy/test
# runs this again against the ASan + UBSan build, where any sanitizer
# report fails the run (its report files are counted there).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
. "$here/confirm.inc.sh"
st_need
program_running dz-users || skip_all "dz-users not running"
program_running dz-confirm || skip_all "dz-confirm not running"
program_running dz-query || skip_all "dz-query not running"

PROGS="dz-login dz-users dz-query dz-generate dz-history dz-confirm dz-reports dz-month"
pids() {	# every program's master and workers, sorted
	local p
	for p in $PROGS; do master "$p"; workers "$p"; done | sort -n | xargs
}

st_admin
st_user c "bc$U" clerk "$DZ_TEST_ERP_DSN"
cu=$(st_lenovo)
from=$(date -d '-300 days' +%Y-%m-%d) to=$(date +%Y-%m-%d)
sid=$(st_new c "$cu" "$from" "$to") || bail "cannot make a statement"
vch=$(st_docs "$cu" "$from" "$to" | head -1)
tok=$(cf_link "$sid") || bail "cannot make a link"
uid=$(sql "SELECT id FROM users WHERE username = 'bc$U'")
get c /statements; ctok=$(csrf)
get a /admin/users; atok=$(csrf)
state0=$(st_state "$sid")
users0=$(sql "SELECT COUNT(*) FROM users")
stmts0=$(sql "SELECT COUNT(*) FROM statements")
before=$(pids)
[ -n "$before" ] || bail "no program's pids"
marker=$(wc -l <"$DZ_TEST_ACCESS_LOG")

# The routes: METHOD BROWSER PATH, their form's fields (the csrf token is
# added to a POST, the payload goes into each field in turn).
ROUTES=(
	"GET - /login username"
	"POST - /login username,password"
	"GET c / x"
	"GET c /password x"
	"POST c /password old,new,new2"
	"GET c /query customer,from,to,types,opening,go,doc"
	"POST c /query customer,from,to,types,opening,go,doc,exclude"
	"GET c /query/doc/$vch x"
	"POST c /statements/new customer,from,to,types,opening,doc"
	"POST c /statements/preview customer,from,to,types,opening,doc"
	"GET c /statements customer,status,created_from,created_to,from,to,page"
	"GET c /statements/sends from,to,page"
	"GET c /statements/$sid x"
	"GET c /statements/$sid/feedback x"
	"POST c /statements/$sid/receive amount,note,version"
	"POST c /statements/$sid/dispute reason,version"
	"GET c /statements/$sid/qr.svg x"
	"GET c /statements/$sid/xlsx x"
	"GET c /statements/$sid/pdf x"
	"POST c /statements/$sid/recon run,seq,action,note"
	"GET c /statements/export.xlsx customer,status,created_from,created_to,from,to"
	"GET c /statements/export.csv customer,status,created_from,created_to,from,to"
	"GET c /reports from,to,days"
	"GET c /reports/aging asof,buckets,sort,all"
	"GET c /reports/aging.xlsx asof,buckets"
	"GET c /reports/aging.pdf asof,buckets"
	"GET c /reports/customers.pdf from,to"
	"GET c /reports/customer.pdf customer,year"
	"GET c /reports/customers from,to,all"
	"GET c /reports/customer customer,year"
	"GET c /reports/habits from,to"
	"GET c /month x"
	"POST c /month/new from,to,filter"
	"GET c /month/followup x"
	"GET c /month/days saved"
	"POST c /month/days day,months,scheduled"
	"POST c /month/days/customer code,day,months"
	"POST c /month/days/remove customer"
	"GET a /admin/users q,page"
	"POST a /admin/users/new username,role,erp_kind,dsn,password,status"
	"POST a /admin/users/$uid username,role,erp_kind,dsn,password,status"
	"POST a /admin/users/new/test dsn,erp_kind"
	"GET - /c/$tok x"
	"POST - /c/$tok decision,reason"
	"POST - /c/$tok/balance their_closing,m1,a1"
)
# The values (%-encoded as they go on the wire).
# (a long value goes in a file: one argument of a command is at most 128 KiB)
bigq=$(head -c 12000 /dev/zero | tr '\0' A)
head -c 1048576 /dev/zero | tr '\0' A >"$T/big"
seq -f "p%g=1" 10000 | paste -sd '&' >"$T/many"
VALUES=(
	''
	'%C0%AF' '%FF%FE' '%E0%80%AF' '%ED%A0%80'
	'a%00b' '%00' 'a%0D%0AInjected:%201' $'a\r\nInjected: 1'
	'%E2%80%AEtxt.exe' '%F0%9F%98%80%F0%9F%92%B0'
	'%' '%G1' 'a%2' '%%%%'
	'a+b' 'a%20b' '+++'
	'-1' '2147483648' '-9223372036854775809' '1e9' '0x10' '99999999999999999999999999' '1.0000000001' 'NaN'
	'%3Cscript%3Ealert(1)%3C%2Fscript%3E' '%22%3E%3Csvg%20onload%3Dalert(1)%3E'
	'%3C%3Fcs%20var%3AConfig%20%3F%3E' '%3DHYPERLINK(%22http%3A%2F%2Fx%22)'
	"%27%3B%20WAITFOR%20DELAY%20%270%3A0%3A5%27--"
)
PATHS=(
	/statements/-1 /statements/0 /statements/2147483648 /statements/99999999999999999999
	/statements/0x10 /statements/1e9 /statements/%00 /statements/%C0%AF "/statements/$sid%00"
	/statements/$sid/nothing /query/doc/-1 /query/doc/99999999999999999999 /admin/users/-1
	/admin/users/0x1 /admin/users/%FF /c/ /c/x /c/%00 /c/%2e%2e%2fetc%2fpasswd
	"/c/$(printf 'A%.0s' $(seq 42))" "/c/$(printf 'A%.0s' $(seq 44))" "/c/$(printf 'A%.0s' $(seq 300))"
	'/c/!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!' '/c/++++++++++++++++++++++++++++++++++++++++++%2B'
	"/c/${tok:0:20}" "/c/${tok}x" "/c/${tok}/x" "/statements//$sid" "/statements/$sid/../$sid"
	"/c/${tok}/map/0" "/c/${tok}/map/99999999999" "/c/${tok}/map/1" "/statements/$sid/uploads/1"
	"/statements/$sid/map/99999" "/statements/$sid/uploads/0"
	/month/-1 /month/0 /month/99999999999999999999 /month/0x10 /month/1/qr.pdf /month/1/links.xlsx
	/%2e%2e/%2e%2e/etc/passwd /static/../conf /.git/config "/login?%00=1"
)

n=0 bad=0 echoed=0
declare -A seen
# one B METHOD PATH [curl args...]: a request; a status outside the oracle's
# list is a failure (listed once a kind), as is a payload echoed as markup
one() {
	local b=$1 m=$2 p=$3
	shift 3
	if [ "$b" = - ]; then forget x; b=x; fi
	req "$b" "$m" "$p" --max-time 20 "$@"
	n=$((n + 1))
	case $STATUS in
	2??|3??|400|403|404|405|410|413|414|415|429|431) ;;
	*)
		bad=$((bad + 1))
		[ -n "${seen[$STATUS $m ${p%%\?*}]:-}" ] || diag "$STATUS for $m $(printf '%.100s' "$p") $(printf '%.80s' "$*")"
		seen[$STATUS $m ${p%%\?*}]=1
		;;
	esac
	if grep -qiE '<svg onload|<script>alert|<\?cs var' "$BODY"; then
		echoed=$((echoed + 1))
		diag "echoed for $m $p"
	fi
}

# 1. each value into each field of each route
for r in "${ROUTES[@]}"; do
	read -r m b p fields <<<"$r"
	IFS=, read -ra fl <<<"$fields"
	t=$ctok
	[ "$b" = a ] && t=$atok
	for f in "${fl[@]}"; do
		for v in "${VALUES[@]}"; do
			if [ "$m" = GET ]; then
				# (curl sends no raw CR/LF in a request line; the
				# %-encoded one goes)
				case $v in *$'\r'*) continue ;; esac
				one "$b" GET "$p?$f=$v"
			else
				one "$b" POST "$p" --data-binary "csrf=$t&$f=$v" -H "Origin: $DZ_TEST_BASE"
			fi
		done
	done
done
diag "values: $n requests"

# 2. the shapes of a request, on each route
for r in "${ROUTES[@]}"; do
	read -r m b p fields <<<"$r"
	f=${fields%%,*}
	t=$ctok
	[ "$b" = a ] && t=$atok
	o=(-H "Origin: $DZ_TEST_BASE")
	one "$b" "$m" "$p"	# every parameter missing
	one "$b" "$m" "$p?$f=1&$f=2&$f=&$f" "${o[@]}"	# duplicate keys
	# (oversized heads over HTTP/1.1: HTTP/2 ends such a stream without
	# a status, which is nginx's refusal too but not one to count)
	one "$b" "$m" "$p?$f=$bigq" --http1.1 "${o[@]}"	# 12 KB in the query (over nginx's 8 KB line)
	one "$b" "$m" "$p" --http1.1 -H "Cookie: dz=$(head -c 20000 /dev/zero | tr '\0' c)"	# a huge cookie
	one "$b" "$m" "$p" --http1.1 -H "X-Big: $(head -c 40000 /dev/zero | tr '\0' h)"	# a huge header
	one "$b" "$m" "$p" -H "Cookie: __Host-dz=%00%FF; __Host-dz=x; ;;=;"	# a cookie of junk
	if [ "$m" = POST ]; then
		{ printf 'csrf=%s&%s=' "$t" "$f"; cat "$T/big"; } >"$T/body1"
		one "$b" POST "$p" --data-binary @"$T/body1" "${o[@]}"	# 1 MB in the body
		{ printf 'csrf=%s&' "$t"; cat "$T/many"; } >"$T/body2"
		one "$b" POST "$p" --data-binary @"$T/body2" "${o[@]}"	# 10,000 parameters
		one "$b" POST "$p?$f=q" --data-binary "csrf=$t&$f=b" "${o[@]}"	# query and body
		one "$b" POST "$p" --data-binary "csrf=$t&$f=1" -H 'Content-Type: text/plain' "${o[@]}"
		one "$b" POST "$p" --data-binary "csrf=$t&$f=1" -H 'Content-Type: application/json' "${o[@]}"
		one "$b" POST "$p" --data-binary "csrf=$t&$f=1" -H 'Content-Type: multipart/form-data; boundary=x' "${o[@]}"
		one "$b" POST "$p" --data-binary "csrf=$t&$f=1" -H 'Content-Type: application/x-www-form-urlencoded; charset=gbk' "${o[@]}"
		one "$b" POST "$p" --data-binary "csrf=$t&$f=123456789" -H 'Content-Length: 7' "${o[@]}"	# shorter than the body
		one "$b" POST "$p" --data-binary "csrf=$t&$f=1" -H 'Transfer-Encoding: chunked' --http1.1 "${o[@]}"	# chunked
		one "$b" POST "$p" --data-binary "&&&=&=%&csrf=$t&&" "${o[@]}"	# empty names
		one "$b" PUT "$p" --data-binary "csrf=$t&$f=1" "${o[@]}"	# another method
	else
		one "$b" POST "$p" --data-binary "$f=1" "${o[@]}"
		one "$b" HEAD "$p" --head
		one "$b" DELETE "$p"
	fi
done
diag "with the shapes: $n requests"

# 3. the paths
for p in "${PATHS[@]}"; do
	one c GET "$p"
	one c POST "$p" --data-binary "csrf=$ctok&x=1" -H "Origin: $DZ_TEST_BASE"
	one - GET "$p"
done
diag "with the paths: $n requests"

is "$bad" 0 "no answer outside the oracle's statuses (of $n requests)"
is "$echoed" 0 "no payload's markup echoed unescaped"
is "$(pids)" "$before" "no worker of any program restarted"
n5=$(tail -n +"$((marker + 1))" "$DZ_TEST_ACCESS_LOG" | grep -cE '" 5[0-9][0-9] ' || true)
is "$n5" 0 "no 5xx in the access log"
is "$(st_state "$sid")" "$state0" "the statement is as it was (status, received, version, answers, audit rows, links)"
is "$(sql "SELECT COUNT(*) FROM users")" "$users0" "no user made"
is "$(sql "SELECT COUNT(*) FROM statements")" "$stmts0" "no statement made"
get c "/statements/$sid"
is "$STATUS" 200 "the statement still opens"
get x "/c/$tok"
like "$STATUS" '^(200|429)$' "its link still opens"
done_testing
