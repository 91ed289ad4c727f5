#!/bin/sh
# shellcheck shell=bash
# §8 check 13 (with t/unit/070, which times a verify in-process: 50-600 ms):
# the password column holds $argon2id$v=19$m=…,t=…,p=1$ with m ≥ 19456 at
# t = 2 (or m ≥ 12288 at t ≥ 3), a salt of its own in every row (two users
# with one password: other salts, other hashes); a user whose hash has
# older parameters gets a new one at the next sign-in. Over HTTP: the time a
# sign-in with a wrong password takes is measured and printed; a
# 64-character password is accepted (sign-in, and set at /password); a
# 5,000-character one is refused before hashing (400 with a clear
# message, in less than half the time of a wrong-password sign-in),
# both at /login and at /password.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

n=$(( ($$ % 200) + 20 ))
pw=Good-Pass-$U
u1=th1$U u2=th2$U
ok "user $u1" mkuser "$u1" viewer "$pw"
ok "user $u2 (the same password)" mkuser "$u2" viewer "$pw"
h1=$(sql "SELECT password_hash FROM users WHERE username='$u1'")
h2=$(sql "SELECT password_hash FROM users WHERE username='$u2'")
diag "$h1"
like "$h1" '^\$argon2id\$v=19\$m=[0-9]+,t=[0-9]+,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$' \
	"Argon2id PHC string, 16-byte salt, 32-byte hash"
m=$(sed -E 's/^\$argon2id\$v=19\$m=([0-9]+),t=([0-9]+),.*/\1/' <<<"$h1")
t=$(sed -E 's/^\$argon2id\$v=19\$m=([0-9]+),t=([0-9]+),.*/\2/' <<<"$h1")
ok "parameters m=$m KiB, t=$t at least OWASP's (t=2: m ≥ 19456; t ≥ 3: m ≥ 12288)" \
	test \( "$t" -ge 3 -a "$m" -ge 12288 \) -o \( "$t" -eq 2 -a "$m" -ge 19456 \)
isnt "$(cut -d'$' -f5 <<<"$h2")" "$(cut -d'$' -f5 <<<"$h1")" "the same password: another salt"
isnt "$h2" "$h1" "... and another hash"
is "$(sql "SELECT COUNT(DISTINCT SUBSTRING_INDEX(password_hash, '\$', -2)) = COUNT(*) FROM users")" 1 \
	"every row of users has a salt of its own"

# older parameters are made again at the next sign-in
old=$(printf '%s' "$pw" | argon2 "saltsaltsalt$n" -id -t 2 -k 19456 -p 1 -l 32 -e)
like "$old" '^\$argon2id\$v=19\$m=19456,t=2,p=1\$' "a hash with the older parameters (argon2 tool)"
sql "UPDATE users SET password_hash = '$old' WHERE username = '$u2'" >/dev/null
SRC=127.14.$n.1 login o "$u2" "$pw"
is "$STATUS" 303 "sign-in with the old hash: 303"
like "$(sql "SELECT password_hash FROM users WHERE username='$u2'")" "^\\\$argon2id\\\$v=19\\\$m=$m,t=$t,p=1\\\$" \
	"the hash is now made with the current parameters"

# 64 characters
# (characters two apart: cracklib refuses runs of neighbours such as "ab")
pw64=$(printf 'Long-64-%s' "$(head -c 2000 /dev/urandom | tr -dc 'acegikmoqsACEGIKMOQS0246' | head -c 56)")
is "${#pw64}" 64 "a 64-character password"
u3=th3$U
ok "user $u3 with it" mkuser "$u3" viewer "$pw64"
SRC=127.14.$n.2 login a "$u3" "$pw64"
is "$STATUS" 303 "sign-in with the 64-character password: 303"
SRC=127.14.$n.2 change_password a "$pw64" "${pw64%?}Z"
is "$STATUS" 303 "/password: a new 64-character password accepted: 303"
forget b
SRC=127.14.$n.3 login b "$u3" "${pw64%?}Z"
is "$STATUS" 303 "sign-in with it: 303"

# timing: wrong password vs 5,000 characters, each from an address of its own
long=$(head -c 5000 /dev/zero | tr '\0' 'x')
median() { printf '%s\n' "$@" | sort -n | sed -n 4p; }
tw=() tl=()
sl=""
for i in $(seq 7); do
	for kind in w l; do
		if [ $kind = w ]; then try=wrong-$i src=127.15.$n.$i; else try=$long src=127.16.$n.$i; fi
		forget t
		SRC=$src get t /login
		tok=$(csrf)
		s=$(date +%s%N)
		SRC=$src post t /login "username=$u1" "password=$try" "csrf=$tok"
		e=$(date +%s%N)
		if [ $kind = w ]; then tw+=($(( (e - s) / 1000 ))); else tl+=($(( (e - s) / 1000 ))) sl="$sl $STATUS"; fi
	done
done
mw=$(median "${tw[@]}") ml=$(median "${tl[@]}")
diag "sign-in with a wrong password (the Argon2id verify and the request), µs: ${tw[*]} (median $mw)"
diag "sign-in with 5,000 characters, µs: ${tl[*]} (median $ml)"
is "$sl" "$(printf ' 400%.0s' $(seq 7))" "5,000 characters at /login: 400 every time"
ok "the page says the password is too long" grep -q '密码太长' "$BODY"
# (a ratio, not a time: curl's own start-up is most of it on a busy host)
ok "refused before hashing: median $ml µs, less than half a wrong-password sign-in ($mw µs)" \
	test $((ml * 2)) -lt "$mw"
is "$(sql "SELECT COUNT(*) FROM login_failures WHERE ip LIKE '127.16.$n.%'")" 0 "and not counted as a failed sign-in"

# 5,000 characters at /password
forget c
SRC=127.14.$n.4 login c "$u1" "$pw"
get c /password
tok=$(csrf)
s=$(date +%s%N)
post c /password "old=$pw" "new=$long" "new2=$long" "csrf=$tok"
e=$(date +%s%N)
is "$STATUS" 400 "/password with a 5,000-character new password: 400"
ok "refused before hashing: $(( (e - s) / 1000 )) µs, less than half a wrong-password sign-in ($mw µs)" \
	test $(( (e - s) / 1000 * 2 )) -lt "$mw"
is "$(sql "SELECT password_hash FROM users WHERE username='$u1'")" "$h1" "the password did not change"

done_testing
