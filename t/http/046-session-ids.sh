#!/bin/sh
# shellcheck shell=bash
# §8 check 9: the session cookie and its ids. The Set-Cookie of a sign-in
# has the __Host- name, Secure, HttpOnly, SameSite=Lax (or Strict), Path=/
# and no Domain. 1,000 session ids from 1,000 sign-ins: every one 43
# base64url characters (256 bits, ≥ 128), no duplicates, and together they
# use (nearly) the whole alphabet (a sanity check against a stuck or
# narrow generator: 43,000 random characters miss one of 64 with odds
# below 1e-290).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

user=tsi$U
pw=Good-Pass-$U
ok "user $user" mkuser "$user" viewer "$pw"

login a "$user" "$pw"
is "$STATUS" 303 "signed in"
sc=$(set_cookie __Host-dz)
diag "$sc"
like "$sc" '^__Host-dz=' "the name has the __Host- prefix"
cookie_flags "__Host-dz" "$sc" "Lax|Strict"
like "$(hdrs Set-Cookie | grep -c '^__Host-dz=')" '^1$' "one session Set-Cookie"

# 1,000 sign-ins, two at a time, each with the pre-session token only (no
# session cookie: the sign-in's CSRF token is the pre-session one); 200 in
# deploy/test's ASan pass, where the point is that the sanitizers see them
# (each sign-in is an Argon2 hash: 1,000 of them take 90 s)
N=1000
[ "${DZ_TEST_PASS:-}" = asan ] && N=200
forget s
get s /login
tok=$(csrf)
pre=$(cookie s __Host-dzpre)
ok "a pre-session token" test -n "$tok" -a -n "$pre"
export DZ_TEST_BASE user pw tok pre
t0=$(date +%s)
seq "$N" | xargs -P 2 -I{} sh -c 'curl -k -s -S --max-time 30 -o /dev/null -D - \
	-H "Origin: $DZ_TEST_BASE" -b "__Host-dzpre=$pre" \
	--data-urlencode "username=$user" --data-urlencode "password=$pw" \
	--data-urlencode "csrf=$tok" "$DZ_TEST_BASE/login" |
	tr -d "\r" | sed -n "s/^[Ss]et-[Cc]ookie: __Host-dz=\([^;]*\).*/\1/p"' >"$T/ids"
elapsed=$(( $(date +%s) - t0 ))
diag "$N sign-ins in $elapsed s"
is "$(wc -l <"$T/ids")" "$N" "$N session ids"
is "$(grep -c -E '^[A-Za-z0-9_-]{43}$' "$T/ids")" "$N" "every one 43 base64url characters (256 bits)"
is "$(sort -u "$T/ids" | wc -l)" "$N" "no duplicates"
chars=$(fold -w1 "$T/ids" | sort -u | wc -l)
ok "the ids use $chars of the 64 characters (≥ 63)" test "$chars" -ge 63
is "$(sql "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = '$user'")" "$((N + 1))" \
	"$((N + 1)) sessions rows for the user"
sql "DELETE s FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = '$user'" >/dev/null

done_testing
