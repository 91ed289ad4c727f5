# shellcheck shell=bash
# t/lib/http.sh: TAP output and curl helpers for the http tests (bash).
#
# A test starts with
#   [ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
#   . "$(dirname "$0")/../lib/http.sh"
#   dz_init            # TAP "1..0 # SKIP" when DZ_TEST_BASE is unset
# and ends with done_testing. deploy/test exports DZ_TEST_BASE (https),
# DZ_TEST_HTTP, DZ_TEST_SQL, DZ_TEST_ADMIN, DZ_TEST_DB, DZ_TEST_RUN...
#
# Requests: a "browser" is a name; each has its own cookie jar.
#   get B PATH [curl args]             GET
#   post B PATH name=value ... [-- curl args]
#                                      POST, urlencoded, Origin = DZ_TEST_BASE
#                                      (set ORIGIN=... before, or ORIGIN=none)
#   after each: $STATUS, $BODY (file), $HDRS (file), hdr NAME, location
#   SRC=127.0.0.N before a request sends it from that loopback address.
#   csrf               the hidden csrf field of the last page
#   field NAME         the value of another input field of the last page
#   login B USER PW    GET /login then POST it; $STATUS is the POST's
#   login_ready B USER PW  login, and do a forced password change if asked
#                      (the new password is left in $PW)
#   mkuser NAME ROLE PW    dz-admin create-user (password on stdin)
#   sql 'SELECT ...'   one query as MariaDB root on the app database

TAP_N=0
TAP_FAILED=0

tap_ok() {	# tap_ok STATUS DESC
	TAP_N=$((TAP_N + 1))
	if [ "$1" = 0 ]; then
		echo "ok $TAP_N - $2"
	else
		echo "not ok $TAP_N - $2"
		TAP_FAILED=$((TAP_FAILED + 1))
	fi
}
ok() {	# ok DESC COMMAND...: passes when COMMAND succeeds
	local d=$1
	shift
	"$@"
	tap_ok $? "$d"
}
is() {	# is GOT WANT DESC
	if [ "$1" = "$2" ]; then
		tap_ok 0 "$3"
	else
		tap_ok 1 "$3"
		diag "got: '$1'  want: '$2'"
	fi
}
isnt() {	# isnt GOT UNWANTED DESC
	if [ "$1" != "$2" ]; then
		tap_ok 0 "$3"
	else
		tap_ok 1 "$3"
		diag "got: '$1' (unwanted)"
	fi
}
like() {	# like GOT ERE DESC
	if [[ $1 =~ $2 ]]; then
		tap_ok 0 "$3"
	else
		tap_ok 1 "$3"
		diag "got: '${1:0:300}'  want match: $2"
	fi
}
unlike() {	# unlike GOT ERE DESC
	if [[ $1 =~ $2 ]]; then
		tap_ok 1 "$3"
		diag "got: '${1:0:300}'  should not match: $2"
	else
		tap_ok 0 "$3"
	fi
}
skip() {	# skip REASON DESC
	TAP_N=$((TAP_N + 1))
	echo "ok $TAP_N - $2 # SKIP $1"
}
diag() { printf '# %s\n' "$*" | sed '2,$s/^/# /'; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
bail() { echo "Bail out! $*"; exit 1; }
# The plan comes last; the exit status stays 0 (the "not ok" lines count
# the failures; automake's driver would add an ERROR for a nonzero exit).
done_testing() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" = 0 ] || echo "# $TAP_FAILED of $TAP_N failed" >&2
	exit 0
}

dz_init() {
	[ -n "${DZ_TEST_BASE:-}" ] || skip_all "DZ_TEST_BASE unset (run deploy/test)"
	command -v curl >/dev/null || skip_all "no curl"
	T=$(mktemp -d "${TMPDIR:-/tmp}/dzhttp.XXXXXX")
	trap 'rm -rf "$T"' EXIT
	BODY=$T/body
	HDRS=$T/headers
	STATUS=
	# A suffix that makes the names of this run's users unique, so a test can
	# run twice against the same stack. Its digits are spelt as letters two
	# apart (0-9 -> a c e ... s): passwords made with it must pass cracklib,
	# which refuses runs of neighbouring characters ("1234", "8787").
	U=$( (date +%s | tail -c 6; echo $$) | tr -d '\n' | tr 0-9 acegikmoqs)
	PW=
}

jar() { echo "$T/jar.$1"; }

# req B METHOD URL [curl args...]: one request; sets STATUS, BODY, HDRS
req() {
	local b=$1 m=$2 url=$3
	shift 3
	local src=()
	[ -z "${SRC:-}" ] || src=(--interface "$SRC")
	case $url in
	http://*|https://*) ;;
	*) url=$DZ_TEST_BASE$url ;;
	esac
	: >"$BODY"
	: >"$HDRS"
	STATUS=$(curl -k -s -S --max-time 60 "${src[@]}" -X "$m" -b "$(jar "$b")" -c "$(jar "$b")" \
		-o "$BODY" -D "$HDRS" -w '%{http_code}' "$@" "$url") || STATUS=${STATUS:-000}
}

get() {
	local b=$1 p=$2
	shift 2
	req "$b" GET "$p" "$@"
}

# post B PATH name=value... [-- curl args]
post() {
	local b=$1 p=$2 args=() extra=() o=${ORIGIN:-$DZ_TEST_BASE}
	shift 2
	while [ $# -gt 0 ]; do
		if [ "$1" = -- ]; then
			shift
			extra=("$@")
			break
		fi
		args+=(--data-urlencode "$1")
		shift
	done
	[ ${#args[@]} -gt 0 ] || args=(--data "")
	[ "$o" = none ] || extra+=(-H "Origin: $o")
	req "$b" POST "$p" "${args[@]}" "${extra[@]}"
}

# hdr NAME: the value of the last NAME header of the last answer
hdr() {
	tr -d '\r' <"$HDRS" | awk -v n="$(echo "$1" | tr 'A-Z' 'a-z')" '
		{ i = index($0, ":"); if (i > 0 && tolower(substr($0, 1, i - 1)) == n) { v = substr($0, i + 1); sub(/^ +/, "", v) } }
		END { print v }'
}
# hdrs NAME: every NAME header of the last answer, one a line
hdrs() {
	tr -d '\r' <"$HDRS" | awk -v n="$(echo "$1" | tr 'A-Z' 'a-z')" '
		{ i = index($0, ":"); if (i > 0 && tolower(substr($0, 1, i - 1)) == n) { v = substr($0, i + 1); sub(/^ +/, "", v); print v } }'
}
# location: the Location header as a path (scheme and host removed)
location() { hdr Location | sed -E 's,^https?://[^/]*,,'; }
body() { cat "$BODY"; }

# csrf: the value of the hidden csrf field in the last page
csrf() {
	grep -o '<input[^>]*name="csrf"[^>]*>' "$BODY" | head -1 |
		sed -n 's/.*value="\([^"]*\)".*/\1/p'
}

# field NAME: the value of input field NAME in the last page
field() {
	grep -o "<input[^>]*name=\"$1\"[^>]*>" "$BODY" | head -1 |
		sed -n 's/.*value="\([^"]*\)".*/\1/p'
}

# cookie B NAME: the value of cookie NAME in browser B's jar
cookie() {
	local f
	f=$(jar "$1")
	[ -f "$f" ] || return 0
	awk -F '\t' -v n="$2" 'NF >= 7 && $6 == n { v = $7 } END { print v }' "$f"
}
# set_cookie NAME: the Set-Cookie header for NAME in the last answer
set_cookie() { hdrs Set-Cookie | grep "^$1=" | tail -1; }
# test_note: 用户管理's 测试连接 answer beside the address in the last
# page, "ok TEXT" or "alert TEXT"
test_note() {
	tr -d '\n' <"$BODY" | grep -o '<div class="erp-test" id="erp-test">.*' |
		sed 's,</div>.*,,' | grep -o '<p class="[a-z]*" role="[a-z]*">[^<]*' |
		sed 's/<p class="\([a-z]*\)"[^>]*>/\1 /'
}

# cookie_header B: browser B's cookies as a Cookie header's value, for
# clients other than curl (sqlmap, wapiti)
cookie_header() { awk -F '\t' 'NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$(jar "$1")"; }
# forget B: a fresh browser
forget() { rm -f "$(jar "$1")"; }

# login B USER PW: sign in; $STATUS is the POST's status. A browser that is
# signed in already takes the token from the home page.
login() {
	local b=$1 u=$2 p=$3 tok
	get "$b" /login
	tok=$(csrf)
	if [ -z "$tok" ] && [ "$STATUS" = 303 ]; then
		get "$b" /
		tok=$(csrf)
	fi
	post "$b" /login "username=$u" "password=$p" "csrf=$tok"
}

# change_password B OLD NEW: the /password form
change_password() {
	local b=$1 tok
	get "$b" /password
	tok=$(csrf)
	post "$b" /password "old=$2" "new=$3" "new2=$3" "csrf=$tok"
}

# login_ready B USER PW: signed in and past any forced change; the password
# in use is left in $PW. Returns 0 on success.
login_ready() {
	PW=$3
	login "$1" "$2" "$3"
	[ "$STATUS" = 303 ] || return 1
	if [ "$(location)" = /password ]; then
		PW=Qx7#Zw4v.Jm-renewed
		change_password "$1" "$3" "$PW"
		[ "$STATUS" = 303 ] || return 1
	fi
	return 0
}

# mkuser NAME ROLE PW: a user made with dz-admin (password on stdin)
mkuser() {
	printf '%s\n' "$3" | "$DZ_TEST_ADMIN" create-user "$1" --role "$2" >"$T/mkuser.out" 2>&1 || {
		diag "dz-admin create-user $1 failed: $(cat "$T/mkuser.out")"
		return 1
	}
}

sql() { "$DZ_TEST_SQL" "$@"; }

# fen -> "1,234.50" (what the pages print)
money() {
	local f=$1 s= i frac
	[ "${f#-}" != "$f" ] && { s=-; f=${f#-}; }
	f=$(printf '%03d' "$f")
	frac=${f: -2}
	i=${f:0:${#f}-2}
	i=$(echo "$i" | sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta')
	echo "$s$i.$frac"
}

# sha256hex STRING
sha256hex() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
# b64url_sha256hex STRING: SHA-256 of the bytes a base64url string encodes
b64url_sha256hex() {
	local s
	s=$(printf '%s' "$1" | tr -- '-_' '+/')
	while [ $((${#s} % 4)) != 0 ]; do s=$s=; done
	printf '%s' "$s" | base64 -d 2>/dev/null | sha256sum | cut -d' ' -f1
}
# session_rows TOKEN: how many sessions rows belong to this cookie value
# (the table keeps SHA-256 of the id: of its text or of its bytes)
session_rows() {
	sql "SELECT COUNT(*) FROM sessions WHERE LOWER(HEX(id_hash)) IN ('$(sha256hex "$1")', '$(b64url_sha256hex "$1")')"
}

DZ_CSP="default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

# sec_headers WHAT TLS(yes|no): the security headers of the last answer
sec_headers() {
	is "$(hdr Content-Security-Policy)" "$DZ_CSP" "$1: CSP"
	is "$(hdr X-Content-Type-Options)" nosniff "$1: nosniff"
	is "$(hdr X-Frame-Options)" DENY "$1: X-Frame-Options"
	if [ "${2:-yes}" = yes ]; then
		like "$(hdr Strict-Transport-Security)" '^max-age=[0-9]{8,}' "$1: HSTS on TLS"
	else
		is "$(hdr Strict-Transport-Security)" "" "$1: no HSTS on plain HTTP"
	fi
	is "$(hdr Server)" nginx "$1: Server without version"
	is "$(hdrs Content-Security-Policy | wc -l)" 1 "$1: one CSP header"
}

# cookie_flags WHAT SET-COOKIE-LINE [SAMESITE-ERE]: __Host- rules and our
# flags (SameSite=Lax unless told)
cookie_flags() {
	like "$2" '; *[Ss]ecure(;|$)' "$1: Secure"
	like "$2" '; *[Hh]ttp[Oo]nly(;|$)' "$1: HttpOnly"
	like "$2" "; *[Ss]ame[Ss]ite=(${3:-Lax})(;|\$)" "$1: SameSite=${3:-Lax}"
	like "$2" '; *[Pp]ath=/(;|$)' "$1: Path=/"
	unlike "$2" '; *[Dd]omain=' "$1: no Domain"
}

# program_running NAME: its socket exists (deploy/test started it)
program_running() { [ -S "$DZ_TEST_RUN/sock/$1.sock" ]; }

# master NAME: the pid of the program's master (lib/super), which
# spawn-fcgi wrote (as root) in pid/NAME.pid; "" when it is not running
master() {
	local p=
	# NOTE: spawn-fcgi ends the file without a newline: read then fails
	read -r p 2>/dev/null <"$DZ_TEST_RUN/pid/$1.pid" || true
	[ -n "$p" ] && kill -0 "$p" 2>/dev/null && echo "$p"
	return 0
}

# workers NAME: the pids the master lists in pid/workers/NAME.pid, one a
# line, only those that are its children (the list is the program user's
# file: nothing else in it gets a signal from a test)
workers() {
	local m p
	m=$(master "$1")
	[ -n "$m" ] || return 0
	for p in $(cat "$DZ_TEST_RUN/pid/workers/$1.pid" 2>/dev/null); do
		[ "$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' ')" = "$m" ] && echo "$p"
	done
}
