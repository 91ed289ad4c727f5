#!/bin/sh
# Throttling: 5 failures per account or 20 per address in 15 minutes make
# further sign-ins refused (429) with a clear message, even with the right
# password. Each part uses its own loopback address (the test stack exempts
# 127.0.0.0/8 but 127.0.1.0/24 from nginx's limit_req, and the app counts
# failures per address).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

pw=Good-Pass-$U
# a fresh address per run of this test, so a rerun against the same stack works
n=$(( ($$ % 200) + 20 ))
ip_acct=127.0.2.$n ip_ip=127.0.3.$n ip_other=127.0.4.$n

# per account
ua=tta$U
ok "user $ua" mkuser "$ua" clerk "$pw"
statuses=
for i in $(seq 20); do
	SRC=$ip_acct login a "$ua" "wrong-$i"
	statuses="$statuses $STATUS"
done
diag "20 wrong passwords for one account:$statuses"
like "$statuses" '^ 401' "the first failure is a plain 401"
like "$statuses" '429' "then 429"
like "${statuses##* }" '429' "the 20th is 429"
ok "the 429 page says why" grep -q -E '稍后|锁定|频繁|次数|分钟' "$BODY"
sec_headers "429 page"
SRC=$ip_other login b "$ua" "$pw"
is "$STATUS" 429 "right password for the throttled account, from elsewhere: 429"
is "$(cookie b __Host-dz)" "" "no session"

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
