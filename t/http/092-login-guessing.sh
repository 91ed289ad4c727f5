#!/bin/sh
# shellcheck shell=bash
# §8 check 12: password guessing. 30 wrong passwords within a minute on one
# account (from one address) are throttled: 429 with Retry-After after the
# first 3, so far fewer than 100 failures an hour are heard; every try is
# logged (audit_log login_failed / login_throttled rows, one each, and
# dz-login.log lines, where lib/log.c folds quick repeats of one line).
# An unknown user and a wrong password get the identical status and page,
# and take the same time: the medians of 21 tries each (each from an
# address of its own, so no throttling) are within ±20 % of each other, and
# both include the Argon2id work (≥ 10 ms over a sign-in without a
# password, which is refused before hashing).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init

pw=Good-Pass-$U
n=$(( ($$ % 200) + 20 ))
user=tg$U
ok "user $user" mkuser "$user" clerk "$pw"
log=$DZ_TEST_LOGDIR/dz-login.log
failed0=$(grep -c "sign-in failed for \"$user\" from 127.0.10.$n" "$log")
throttled0=$(grep -c "sign-in throttled for \"$user\" from 127.0.10.$n" "$log")

# 30 wrong passwords in under a minute
t0=$(date +%s)
statuses="" ra=""
for i in $(seq 30); do
	SRC=127.0.10.$n login a "$user" "wrong-$i"
	statuses="$statuses $STATUS"
	[ "$STATUS" != 429 ] || ra=$(hdr Retry-After)
done
elapsed=$(( $(date +%s) - t0 ))
diag "30 wrong passwords in $elapsed s:$statuses"
like "$ra" '^[1-9][0-9]*$' "429 with Retry-After ($ra)"
ok "the 30 tries took under a minute ($elapsed s)" test "$elapsed" -lt 60
heard=$(printf '%s\n' $statuses | grep -c '^401$')
refused=$(printf '%s\n' $statuses | grep -c '^429$')
is "$((heard + refused))" 30 "every answer is 401 or 429"
like "$statuses" '^ 401 401 401 429' "throttled after 3 failures"
ok "far fewer than 100 failures are heard ($heard)" test "$heard" -le 8
is "$(sql "SELECT COUNT(*) FROM login_failures WHERE username='$user'")" "$heard" \
	"login_failures counts only the heard failures"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='$user' AND action='login_failed'")" "$heard" \
	"an audit row for each failure"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='$user' AND action='login_throttled'")" "$refused" \
	"an audit row for each refused try"
sleep 1
ok "dz-login.log: the failures" test "$(grep -c "sign-in failed for \"$user\" from 127.0.10.$n" "$log")" -gt "$failed0"
# lib/log.c folds a line repeated within seconds into "(repeated N times)"
ok "dz-login.log: the refused tries too" test "$(grep -c "sign-in throttled for \"$user\" from 127.0.10.$n" "$log")" -gt "$throttled0"

# unknown user vs wrong password
page() { sed -E 's/(value|nonce)="[^"]*"//g' "$BODY" | md5sum | cut -d' ' -f1; }
tw=() tu=() tb=()
sw="" su="" pw_page="" nx_page="" same=1
for i in $(seq 21); do
	for kind in b w u; do
		case $kind in
		w) name=$user src=127.11.$n.$i try=wrong-$U-$i ;;
		u) name=nx$U src=127.12.$n.$i try=wrong-$U-$i ;;
		b) name=$user src=127.13.$n.$i try= ;;	# no password: no hashing
		esac
		forget t
		SRC=$src get t /login
		tok=$(csrf)
		s=$(date +%s%N)
		SRC=$src post t /login "username=$name" "password=$try" "csrf=$tok"
		e=$(date +%s%N)
		if [ $kind = b ]; then
			tb+=($(( (e - s) / 1000 )))
		elif [ $kind = w ]; then
			tw+=($(( (e - s) / 1000 ))) sw="$sw $STATUS" p=$(page)
			[ -z "$pw_page" ] && pw_page=$p
			[ "$p" = "$pw_page" ] || same=0
		else
			tu+=($(( (e - s) / 1000 ))) su="$su $STATUS" p=$(page)
			[ -z "$nx_page" ] && nx_page=$p
			[ "$p" = "$nx_page" ] || same=0
		fi
	done
done
is "$sw" "$(printf ' 401%.0s' $(seq 21))" "wrong password: 401 every time"
is "$su" "$sw" "unknown user: the same status"
ok "the page is the same every time" test "$same" = 1
is "$nx_page" "$pw_page" "unknown user and wrong password: the identical page (form values aside)"
ok "the message is 用户名或密码错误" grep -q '用户名或密码错误' "$BODY"
median() { printf '%s\n' "$@" | sort -n | sed -n 11p; }
mw=$(median "${tw[@]}") mu=$(median "${tu[@]}") mb=$(median "${tb[@]}")
diag "wrong password, µs: ${tw[*]} (median $mw)"
diag "unknown user, µs:   ${tu[*]} (median $mu)"
diag "no password (400, nothing hashed), µs: ${tb[*]} (median $mb)"
ok "the hash work is done for a wrong password (median $mw µs ≥ $mb + 10 ms)" test "$mw" -ge $((mb + 10000))
ok "and for an unknown user (median $mu µs ≥ $mb + 10 ms)" test "$mu" -ge $((mb + 10000))
ok "medians within ±20 % ($mu vs $mw µs)" awk -v u="$mu" -v w="$mw" \
	'BEGIN { d = u - w; if (d < 0) d = -d; exit !(d <= 0.2 * w) }'
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE username='nx$U' AND action='login_failed'")" 21 \
	"unknown users' failures are audited too"
is "$(grep -c "sign-in failed for \"nx$U\" from 127.12.$n." "$log")" 21 \
	"and logged, a line each (from 21 addresses: nothing folded)"

done_testing
