#!/bin/sh
# shellcheck shell=bash
# §8 check 10: the session lifecycle. A cookie planted before sign-in is
# not the one the sign-in gives, and is refused. Signing in again in a
# browser that holds a live session ends that session (issue 12, hole 6:
# before the fix its row stayed and the old id kept working). After
# sign-out the old cookie is refused and its row is gone. A session idle
# past Session.IdleMinutes (last_seen_at aged in the store) and one older
# than Session.AbsoluteHours (created_at aged, though seen just now) are
# refused: a redirect to /login. A session not aged goes on working.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

user=tsl$U other=tsm$U
pw=Good-Pass-$U
ok "user $user" mkuser "$user" viewer "$pw"
ok "user $other" mkuser "$other" viewer "$pw"
ok "$user past the forced change" login_ready a "$user" "$pw"
upw=$PW
ok "$other past the forced change" login_ready o "$other" "$pw"
opw=$PW
forget a
forget o

# refused: GET / with this cookie alone is sent to /login
refused() {
	forget r
	get r / -H "Cookie: __Host-dz=$1"
	[ "$STATUS" = 303 ] && [ "$(location)" = /login ]
}
accepted() {
	forget r
	get r / -H "Cookie: __Host-dz=$1"
	[ "$STATUS" = 200 ]
}
# the WHERE of this cookie's row (as session_rows in t/lib/http.sh); aged
# relative to its own values, whatever zone the programs' store sessions run in
row() { echo "LOWER(HEX(id_hash)) IN ('$(sha256hex "$1")', '$(b64url_sha256hex "$1")')"; }

# 1. a planted cookie
planted=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
get p /login
printf '127.0.0.1\tFALSE\t/\tTRUE\t0\t__Host-dz\t%s\n' "$planted" >>"$(jar p)"
login p "$user" "$upw"
is "$STATUS" 303 "sign-in with a planted cookie: 303"
sid=$(cookie p __Host-dz)
ok "a session id was given" test -n "$sid"
isnt "$sid" "$planted" "the id changed at sign-in"
ok "the planted id is refused" refused "$planted"
is "$(session_rows "$planted")" 0 "the planted id has no row"
ok "the new id works" accepted "$sid"

# 2. signing in again ends the session the browser presented (hole 6)
login p "$user" "$upw"
is "$STATUS" 303 "signed in again in the same browser: 303"
sid2=$(cookie p __Host-dz)
isnt "$sid2" "$sid" "a new id"
is "$(session_rows "$sid")" 0 "the session the browser presented is deleted"
ok "its id is refused" refused "$sid"
login p "$other" "$opw"
is "$STATUS" 303 "the same browser signs in as another user: 303"
sid3=$(cookie p __Host-dz)
is "$(session_rows "$sid2")" 0 "the first user's session is deleted"
ok "the first user's id is refused" refused "$sid2"
ok "the new one works" accepted "$sid3"

# 3. sign-out, then the old cookie replayed
get p /
post p /logout "csrf=$(csrf)"
is "$STATUS" 303 "signed out: 303"
is "$(session_rows "$sid3")" 0 "the row is deleted"
ok "the old cookie replayed: refused" refused "$sid3"

# 4. idle past the timeout
idle=$(sed -n 's/^Session.IdleMinutes *= *//p' "$DZ_CONF")
abs=$(sed -n 's/^Session.AbsoluteHours *= *//p' "$DZ_CONF")
like "$idle/$abs" '^[0-9]+/[0-9]+$' "the limits from the configuration: $idle min idle, $abs h in all"
forget i
login i "$user" "$upw"
si=$(cookie i __Host-dz)
sql "UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL $((idle - 1)) MINUTE
	WHERE $(row "$si")" >/dev/null
ok "idle a minute short of the timeout: still accepted" accepted "$si"
sql "UPDATE sessions SET last_seen_at = last_seen_at - INTERVAL $((idle + 1)) MINUTE
	WHERE $(row "$si")" >/dev/null
ok "idle past the timeout: refused" refused "$si"

# 5. past the absolute lifetime, though seen a moment ago
forget b
login b "$user" "$upw"
sb=$(cookie b __Host-dz)
sql "UPDATE sessions SET created_at = created_at - INTERVAL $((abs * 60 - 2)) MINUTE
	WHERE $(row "$sb")" >/dev/null
ok "two minutes short of the lifetime: accepted" accepted "$sb"
sql "UPDATE sessions SET created_at = created_at - INTERVAL 3 MINUTE
	WHERE $(row "$sb")" >/dev/null
ok "past the absolute lifetime, seen just now: refused" refused "$sb"

done_testing
