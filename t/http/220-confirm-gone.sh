#!/bin/bash
# dz-confirm: dead links. Unknown, malformed, revoked, replaced, expired,
# deleted statement: one 410 page with nothing of any statement, for GET
# and POST alike, and nothing recorded. A link revoked by hand in the
# database after workers kept it is gone within Cache.RecheckMs.
# §8 check 5: an expired link and, separately, a revoked one: GET and POST
# answer 410 with the one generic page (nothing of the statement, no
# form), nothing recorded; dz-confirm logs each request as a dead link
# named only by the first 8 hex digits of the token's SHA-256: neither the
# token nor the whole hash is in any log.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"
helper=$here/confirm-helper
[ -x "$helper" ] || skip_all "t/http/confirm-helper not built (make check builds it)"

DATA='测试商贸|华东五金|3,000\.00|1,000\.00|XS-2024|SK-2024|不锈钢|2024-03-01'

# gone WHAT PATH: GET and POST answer 410 with no statement data
gone() {
	get G "$2"
	is "$STATUS" 410 "$1: GET 410"
	like "$(body)" '链接已失效' "$1: says the link is no longer valid"
	unlike "$(body)" "$DATA" "$1: shows nothing of the statement"
	unlike "$(body)" 'name="decision"' "$1: no buttons"
	post G "$2" decision=agreed "csrf=$3"
	is "$STATUS" 410 "$1: POST 410"
	unlike "$(body)" "$DATA" "$1: POST page shows nothing either"
}

# logged WHAT TOKEN: the dead-link lines of TOKEN (GET and POST) name only
# its hash prefix; no log holds the token or its whole hash
CLOG=$DZ_TEST_LOGDIR/dz-confirm.log
logged() {
	local h
	h=$(cf_hash "$2")
	sleep 0.3
	ok "$1: dz-confirm logs the GET and the POST with the token-hash prefix" \
		test "$(grep -c -F "dead link (token hash ${h:0:8}...): " "$CLOG")" -ge 2
	is "$(grep -F "dead link (token hash ${h:0:8}...): " "$CLOG" | grep -c -v -E ': dead link \(token hash [0-9a-f]{8}\.\.\.\): (GET|POST) from [0-9.]+$')" 0 \
		"$1: ... each line the prefix, the method and the address, nothing more"
	is "$(grep -r -l -F -i -e "$2" -e "$h" -e "${h:0:9}" "$DZ_TEST_LOGDIR" 2>/dev/null)" "" \
		"$1: no log holds the token, its whole hash or more than 8 digits of it"
}

# a live link and a form token to try on the dead ones
live_sid=$(cf_stmt)
live=$("$helper" link "$live_sid") || bail "cannot share"
get G "/c/$live"
is "$STATUS" 200 "a live link: 200 (control)"
like "$(body)" '华东五金' "the control page shows the statement, so the checks below can fail"
t=$(csrf)

gone "unknown token" "/c/$(cf_token)" "$t"
gone "42 characters" "/c/${live:0:42}" "$t"
gone "44 characters" "/c/${live}A" "$t"
gone "one character" "/c/A" "$t"
gone "128 characters" "/c/$(printf 'A%.0s' $(seq 128))" "$t"
gone "the token in lower case" "/c/$(printf '%s' "$live" | tr 'A-Z' 'a-z')" "$t"

# paths that are not token-shaped never reach a handler: 404 without data
# (the descriptions name them without the token: test output is a log too)
paths=("/c/" "/c/$live/x" "/c/${live:0:20}%21${live:21}" "/c/$(printf 'A%.0s' $(seq 129))")
names=("/c/ alone" "/c/<token>/x" "a '!' inside" "129 characters")
for i in 0 1 2 3; do
	get G "${paths[$i]}"
	like "$STATUS" '^(404|410)$' "not a token (${names[$i]}): 404 or 410"
	unlike "$(body)" "$DATA" "not a token (${names[$i]}): no statement data"
done

# revoked
sid=$(cf_stmt)
dead="${dead:+$dead,}$sid"
tok=$("$helper" link "$sid")
get G "/c/$tok"
is "$STATUS" 200 "before revoking: 200"
"$helper" revoke "$sid"
gone "revoked" "/c/$tok" "$t"
logged "revoked" "$tok"

# replaced by a new link (分享 again revokes the old one)
old=$("$helper" link "$sid")
new=$("$helper" link "$sid")
gone "replaced by a newer link" "/c/$old" "$t"
get G "/c/$new"
is "$STATUS" 200 "the newer link works"

# expired
sid=$(cf_stmt)
dead="${dead:+$dead,}$sid"
tok=$(cf_link "$sid")
sql "UPDATE share_links SET expires_at = NOW() - INTERVAL 1 SECOND WHERE token_hash = UNHEX('$(cf_hash "$tok")')"
gone "expired" "/c/$tok" "$t"
logged "expired" "$tok"

# the statement deleted (soft): its links are revoked with it
sid=$(cf_stmt)
dead="${dead:+$dead,}$sid"
tok=$("$helper" link "$sid")
"$helper" act "$sid" delete
gone "statement deleted" "/c/$tok" "$t"
# deleted without the revocation (a row from before, or a bug): still gone
sid=$(cf_stmt)
dead="${dead:+$dead,}$sid"
tok=$(cf_link "$sid")
sql "UPDATE statements SET deleted_at = NOW() WHERE id = $sid"
gone "statement deleted, link not revoked" "/c/$tok" "$t"

# revoked behind the programs' back (by hand in the database; a change
# made on another host looks the same here) after it was opened, so the
# workers keep the link: the store is asked again within Cache.RecheckMs
recheck=$(awk -F' *= *' '$1 == "Cache.RecheckMs" { print $2 }' "$DZ_CONF")
recheck=${recheck:-1000}
sid=$(cf_stmt)
dead="${dead:+$dead,}$sid"
tok=$(cf_link "$sid")
for i in 1 2 3 4 5 6; do get G "/c/$tok"; done
is "$STATUS" 200 "revoked by hand: 200 before"
sql "UPDATE share_links SET revoked_at = NOW() WHERE token_hash = UNHEX('$(cf_hash "$tok")')"
t0=$(date +%s%3N)
for i in $(seq 60); do
	get G "/c/$tok"
	[ "$STATUS" = 410 ] && break
	sleep 0.1
done
waited=$(( $(date +%s%3N) - t0 ))
is "$STATUS" 410 "revoked by hand: 410"
ok "revoked by hand: gone within the recheck time ($waited ms, Cache.RecheckMs $recheck)" \
	test "$waited" -le $((recheck + 1000))
# one worker said 410 first; the other may keep the link until its own
# recheck, at most Cache.RecheckMs after the revocation: past that, all say it
left=$(( t0 + recheck + 200 - $(date +%s%3N) ))
[ "$left" -le 0 ] || sleep "$(awk -v ms="$left" 'BEGIN { printf "%.3f", ms / 1000 }')"
gone "revoked by hand" "/c/$tok" "$t"

is "$(sql "SELECT COUNT(*) FROM feedback WHERE statement_id IN ($dead)")" 0 "no answer was recorded through a dead link"
is "$(sql "SELECT COUNT(*) FROM statements WHERE id IN ($dead) AND status <> 'pending'")" 0 "no dead link's statement changed status"
is "$(cf_status "$live_sid")" pending "the live statement was not answered by the tries either"
done_testing
