#!/bin/bash
# No share token in any log: a customer flow with the ways a request can
# go wrong (refused origin, bad form, dead link, not-a-token path, a 429
# is left to nginx's own test), then every log of the run folder (nginx
# access and error logs, the programs' logs, MariaDB's) searched for this
# test's tokens and for anything shaped like a /c/<token> path. Runs after
# the other confirm tests, so their requests are in the logs too.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"
[ -d "${DZ_TEST_LOGDIR:-}" ] || skip_all "DZ_TEST_LOGDIR unset"

sid=$(cf_stmt)
tok=$(cf_link "$sid")
dead=$(cf_token)
: >"$T/tokens"
printf '%s\n' "$tok" "$dead" >>"$T/tokens"

get L "/c/$tok"
is "$STATUS" 200 "the page"
t=$(csrf)
ORIGIN=https://evil.example post L "/c/$tok" decision=agreed "csrf=$t"
is "$STATUS" 403 "a refused origin (logged by dz-confirm)"
post L "/c/$tok" decision=disputed "description=" "csrf=$t"
is "$STATUS" 400 "a refused form"
post L "/c/$tok" decision=disputed "description=数量不对" "csrf=$t"
is "$STATUS" 303 "the answer"
post L "/c/$tok" decision=agreed "csrf=$t"
is "$STATUS" 409 "a second answer"
get L "/c/$dead"
is "$STATUS" 410 "a dead link"
get L "/c/$tok/extra"
is "$STATUS" 404 "a longer path"
get L "/c/$tok?x=1&t=$tok"
is "$STATUS" 200 "the token in the query string too"
req L GET "$DZ_TEST_BASE/static/css/dz.css" -H "Referer: $DZ_TEST_BASE/c/$tok"
is "$STATUS" 200 "a stylesheet fetched with the link as Referer (an old browser ignoring the policy)"
sleep 1	# nginx writes its access log line after the answer

logs=$(find "$DZ_TEST_LOGDIR" -type f -name '*.log' -o -type f -name '*.err' | sort)
ok "there are logs to search" [ -n "$logs" ]
like "$(cat "$DZ_TEST_LOGDIR/access.log")" '"GET /c/\[redacted\] ' "the access log has the /c/ requests, redacted"
like "$(cat "$DZ_TEST_LOGDIR/dz-confirm.log")" "link [0-9]+: refused POST" "dz-confirm logged the refused POST by link id"
like "$(cat "$DZ_TEST_LOGDIR/dz-confirm.log")" "statement $sid answered disputed" "and the answer"
for f in $logs; do
	is "$(grep -a -c -F -f "$T/tokens" "$f")" 0 "no token of this test in ${f##*/}"
	is "$(grep -a -c -E '/c/[A-Za-z0-9_-]{20,}' "$f")" 0 "nothing shaped like a link in ${f##*/}"
done
# Control: the search finds a token written into a log-like line.
printf 'GET /c/%s\n' "$tok" >"$T/control.log"
is "$(grep -a -c -F -f "$T/tokens" "$T/control.log")" 1 "(control: the search finds a token)"
done_testing
