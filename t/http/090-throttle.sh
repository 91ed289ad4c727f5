#!/bin/sh
# shellcheck shell=bash
# Throttling, by account and address together (lib/auth.c): 3 failures of
# one account from one address are heard, then each further try from there
# waits (429 with Retry-After and a clear message, the wait doubling), even
# with the right password; the same account from another address is not
# held up (issue 12, hole 2; 091 has the rest). An address with 20 failures
# in 15 minutes, on any accounts, waits too. Each part uses its own loopback
# address (the test stack exempts 127.0.0.0/8 but 127.0.1.0/24 from nginx's
# limit_req, and the app counts failures per address).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

pw=Good-Pass-$U
# a fresh address per run of this test, so a rerun against the same stack works
n=$(( ($$ % 200) + 20 ))
ip_acct=127.0.2.$n ip_ip=127.0.3.$n ip_other=127.0.4.$n

# held SRC USER BROWSER: wrong tries until the pair is refused for at least
# another second (a 429 with Retry-After ≥ 2), so that the next try at once
# is surely refused; returns 1 if that never comes
held() {
	local k
	for k in 1 2 3 4 5 6 7 8; do
		SRC=$1 login "$3" "$2" "wrong-held-$k"
		if [ "$STATUS" = 429 ]; then
			[ "$(hdr Retry-After)" -ge 2 ] && return 0
			sleep 1
		fi
	done
	return 1
}

# per account
ua=tta$U
ok "user $ua" mkuser "$ua" clerk "$pw"
statuses=
for i in $(seq 20); do
	SRC=$ip_acct login a "$ua" "wrong-$i"
	statuses="$statuses $STATUS"
done
diag "20 wrong passwords for one account:$statuses"
like "$statuses" '^ 401 401 401 429' "the first 3 failures are plain 401s, then 429"
heard=$(printf '%s\n' $statuses | grep -c '^401$')
ok "at most 8 of the 20 quick tries are heard ($heard)" test "$heard" -le 8
ok "further tries are refused (429 with Retry-After ≥ 2)" held "$ip_acct" "$ua" a
like "$(hdr Retry-After)" '^[1-9][0-9]*$' "429 has Retry-After"
ok "the 429 page says why" grep -q -E '稍后|锁定|频繁|次数|分钟' "$BODY"
sec_headers "429 page"
SRC=$ip_acct login a "$ua" "$pw"
is "$STATUS" 429 "the right password from the failing address, while it waits: 429"
is "$(cookie a __Host-dz)" "" "no session"
SRC=$ip_other login b "$ua" "$pw"
is "$STATUS" 303 "right password for the same account, from another address: 303"
ok "a session" test -n "$(cookie b __Host-dz)"

# per address: 20 failures on 20 different names
for i in $(seq 20); do
	SRC=$ip_ip login c "nx$U-$i" "wrong"
done
ok "login_failures counts the address" test "$(sql "SELECT COUNT(*) FROM login_failures WHERE ip='$ip_ip'")" -ge 20
ub=ttb$U
ok "user $ub" mkuser "$ub" clerk "$pw"
SRC=$ip_ip login c "$ub" "$pw"
is "$STATUS" 429 "from the address with 20 failures, even the right password: 429"
SRC=$ip_other login d "$ub" "$pw"
is "$STATUS" 303 "the same user from another address: 303"

done_testing
