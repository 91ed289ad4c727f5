#!/bin/sh
# valgrind: dz-login runs under memcheck as a FastCGI server on its own
# socket (spawn-fcgi -n), a master with one worker (lib/super; memcheck
# follows the fork), and serves 1,000 requests of every kind (forms,
# pages for a signed-in user, 404, 405, 403, failed sign-ins, pairs the
# decoder drops, a flood of fields) sent with
# cgi-fcgi; then it is stopped (TERM to the master, which stops the
# worker) and both must show no error and no definite leak.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
[ -n "${DZ_TEST_PREFIX:-}" ] || skip_all "DZ_TEST_PREFIX unset"
for c in valgrind cgi-fcgi spawn-fcgi; do
	command -v $c >/dev/null || skip_all "no $c"
done
bin=$DZ_TEST_PREFIX/libexec/duizhang/dz-login
[ -x "$bin" ] || skip_all "no dz-login installed"

# a signed-in user for the pages behind the sign-in
user=tvg$U pw=Good-Pass-$U
ok "user $user" mkuser "$user" clerk "$pw"
login a "$user" "$pw"
is "$STATUS" 303 "signed in (through nginx)"
sid=$(cookie a __Host-dz)
get a /
csrf_sess=$(csrf)

sock=$T/vg.sock
vlog=$T/valgrind.log
env -i PATH=/usr/bin:/bin DZ_CONF="$DZ_CONF" FREETDSCONF="${FREETDSCONF:-}" DZ_PROCESSES=1 \
	spawn-fcgi -n -s "$sock" -M 0600 -- "$(command -v valgrind)" --leak-check=full --errors-for-leak-kinds=definite \
	--error-exitcode=99 --track-fds=no --num-callers=30 --log-file="$vlog" "$bin" \
	>"$T/spawn.out" 2>&1 &
vpid=$!
for i in $(seq 300); do
	[ -S "$sock" ] && break
	sleep 0.1
done
ok "dz-login under valgrind listens" test -S "$sock"

# one FastCGI request: fcgi METHOD PATH [BODY [COOKIE]]; prints the status
fcgi() {
	local out body=${3:-}
	out=$(printf '%s' "$body" | env -i REQUEST_METHOD="$1" DOCUMENT_URI="$2" REQUEST_URI="$2" \
		SCRIPT_NAME="$2" QUERY_STRING= REQUEST_SCHEME=https HTTPS=on HTTP_HOST=127.0.0.1 \
		HTTP_ORIGIN=https://127.0.0.1 HTTP_COOKIE="${4:-}" HTTP_USER_AGENT=valgrind-test \
		CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=${#body} \
		REMOTE_ADDR=127.0.0.9 SERVER_PORT=443 SERVER_NAME=127.0.0.1 \
		timeout 60 cgi-fcgi -bind -connect "$sock" 2>/dev/null | tr -d '\r' | head -20)
	if [ -z "$out" ]; then
		echo none
	elif [[ $out =~ (^|$'\n')Status:\ ([0-9]{3}) ]]; then
		echo "${BASH_REMATCH[2]}"
	else
		echo 200
	fi
}

declare -A got
bad=0 n=0
run() {	# run COUNT WANT METHOD PATH [BODY [COOKIE]]
	local i s c=$1 want=$2
	shift 2
	for i in $(seq "$c"); do
		s=$(fcgi "$@")
		n=$((n + 1))
		got[$s]=$(( ${got[$s]:-0} + 1 ))
		[[ $s =~ ^($want)$ ]] || { bad=$((bad + 1)); [ $bad -le 5 ] && diag "$1 $2: $s (want $want)"; }
	done
}
start=$(date +%s)
forget p
get p /login
pre=$(cookie p __Host-dzpre)
run 583 200 GET /login
run 100 200 GET /login "" "__Host-dzpre=$pre"
run 100 200 GET / "" "__Host-dz=$sid"
run 60 200 GET /password "" "__Host-dz=$sid"
run 60 404 GET /no/such/page
run 40 405 POST / "x=1"
run 30 403 POST /login "username=$user&password=x"
run 5 '401|429' POST /login "username=$user&password=wrong&csrf=$pre" "__Host-dzpre=$pre"
run 5 403 POST /logout "csrf=wrong" "__Host-dz=$sid"
# pairs the decoder drops (a NUL byte in a value, in a name; a broken
# escape) and a flood of fields (lib/app's refusal), each a 400
run 10 400 POST /login "username=a%00b&password=x&csrf=$pre" "__Host-dzpre=$pre"
run 5 400 POST /login "us%00er=a&username=u&password=x%zz&csrf=$pre" "__Host-dzpre=$pre"
run 2 400 POST /login "csrf=$pre$(printf '&k=%s' $(seq 1 20481))" "__Host-dzpre=$pre"
diag "statuses: $(for k in "${!got[@]}"; do printf '%s=%s ' "$k" "${got[$k]}"; done)  ($(( $(date +%s) - start )) s)"
is "$n" 1000 "1,000 requests sent"
is "$bad" 0 "every answer had the expected status"

kill -TERM "$vpid" 2>/dev/null
for i in $(seq 300); do
	kill -0 "$vpid" 2>/dev/null || break
	sleep 0.1
done
kill -KILL "$vpid" 2>/dev/null
wait "$vpid" 2>/dev/null
# one summary per process: the master's and the worker's
is "$(grep -c 'ERROR SUMMARY' "$vlog")" 2 "valgrind wrote the master's and the worker's summary"
is "$(grep 'ERROR SUMMARY' "$vlog" | grep -vc 'ERROR SUMMARY: 0 errors')" 0 "no memory error"
dl=$(sed -n 's/.*definitely lost: \([0-9,]*\) bytes.*/\1/p' "$vlog" | sort -u | xargs)
is "${dl:-0}" 0 "no definite leak"
il=$(sed -n 's/.*indirectly lost: \([0-9,]*\) bytes.*/\1/p' "$vlog" | sort -u | xargs)
is "${il:-0}" 0 "no indirect leak"
if [ "$TAP_FAILED" != 0 ]; then
	diag "$(grep -v '^==[0-9]*== *$' "$vlog" | head -80)"
fi

done_testing
