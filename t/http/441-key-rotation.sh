#!/bin/sh
# §8 check 17, the key-rotation drill: on 1,000 users with sealed data
# addresses, `dz-admin rotate-key` adds key 2 (key 1 stays readable) and
# reseals every data address with it. Stopped midway (--limit, and a
# kill -9), a second run finishes that rotation instead of adding key 3,
# and a third changes nothing: every row on key 2, none lost, each opens.
# A share link made under key 1 keeps working after the rotation, and
# key 1 cannot be retired while that link is live or a row still uses it;
# once the link has expired it can. The app works throughout: a clerk's
# 往来对账 reaches the ERP with the rotated address (and after key 1 is
# gone). The drill's time is printed (README, the runbook).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-query || skip_all "dz-query not running"
program_running dz-confirm || skip_all "dz-confirm not running"
[ -n "${DZ_TEST_ERP_DSN:-}" ] || skip_all "no ERP simulator (DZ_TEST_ERP_DSN unset)"
. "$(dirname "$0")/../lib/erpsim.sh"
. "$(dirname "$0")/confirm.inc.sh"
SEAL=$(dirname "$0")/seal-helper
HELPER=$(dirname "$0")/confirm-helper
[ -x "$SEAL" ] && [ -x "$HELPER" ] || bail "seal-helper or confirm-helper not built (make check TESTS=)"
KEY=$(sed -n 's/^[[:space:]]*Paths.KeyFile[[:space:]]*=[[:space:]]*//p' "$DZ_CONF" | head -1)
[ -f "$KEY" ] || bail "no key file ($KEY)"
N=${DZ_ROTATE_USERS:-1000}
admin() { "$DZ_TEST_ADMIN" "$@" >"$T/admin.out" 2>&1; }
keyids() { cut -d' ' -f1 "$KEY" | sort -n | xargs; }
# on KEY: data addresses sealed with KEY; off KEY: those sealed with another
on() { sql "SELECT COUNT(*) FROM account_sets WHERE LENGTH(erp_dsn) > 1 AND ASCII(SUBSTRING(erp_dsn, 2, 1)) = $1"; }
off() { sql "SELECT COUNT(*) FROM account_sets WHERE LENGTH(erp_dsn) > 1 AND ASCII(SUBSTRING(erp_dsn, 2, 1)) <> $1"; }
sealed() { sql "SELECT COUNT(*) FROM account_sets WHERE LENGTH(erp_dsn) > 1"; }
works() {	# works WHAT: the clerk's 往来对账 lists the ERP's customers
	get "kr$U" /query
	is "$STATUS" 200 "$1: the clerk's 往来对账 is 200"
	ok "$1: it lists the ERP's first customer" grep -qF "$first" "$BODY"
}
first=$(sqlite3 "$DZ_TEST_ERP_SQLITE" "SELECT FullName FROM Btype WHERE sonnum = 0 AND deleted = 0 ORDER BY UserCode LIMIT 1")

# Before: one key (deploy/test made it); a clerk on the simulator.
k0=$(keyids)
last=${k0##* }
pw=Good-Pass-$U
ok "admin" mkuser "kq$U" admin "$pw"
login a "kq$U" "$pw"
ok "a clerk on the simulator" mkclerk "kr$U" "$DZ_TEST_ERP_DSN"
works "before the rotation"
ok "$N users with data addresses of their own" "$SEAL" "$N" "rot$U-" "$DZ_TEST_ERP_DSN"
total=$(sealed)
ok "$total sealed data addresses, all on key $last" test "$(on "$last")" = "$total" -a "$total" -ge "$N"

# A share link made under the old key.
sid=$(cf_stmt) || bail "no statement"
tok=$("$HELPER" link "$sid") || bail "no link"
is "$(sql "SELECT key_id FROM share_links WHERE statement_id = $sid")" "$last" "the link is made under key $last"

# 1. stopped midway (--limit), then run again: it finishes, no third key
new=$((last + 1))
ok "rotate-key --limit 300" admin rotate-key --limit 300
diag "the stopped run: $(grep took "$T/admin.out")"
is "$(keyids)" "$k0 $new" "key $new added, key $last kept"
is "$(on "$new")" 300 "300 rows on key $new after the stopped run"
is "$(sealed)" "$total" "no row lost"
works "halfway"
ok "rotate-key again" admin rotate-key
diag "the run that finished it: $(grep took "$T/admin.out")"
like "$(cat "$T/admin.out")" "unfinished: finishing it" "it finishes the rotation instead of starting another"
is "$(keyids)" "$k0 $new" "still keys $k0 $new: no third key"
is "$(off "$new")" 0 "every data address on key $new"
is "$(sealed)" "$total" "none lost ($total)"
ok "reseal once more" admin reseal
like "$(cat "$T/admin.out")" "resealed 0 " "nothing left to reseal (idempotent)"
works "after the rotation"

# 2. a rotation killed (kill -9) wherever it is, then reseal: all on the
# newest key, none lost (how far the killed run got depends on speed)
"$DZ_TEST_ADMIN" rotate-key >"$T/killed.out" 2>&1 &
kp=$!
{
	sleep 0.2
	kill -9 "$kp"
	wait "$kp"
} 2>/dev/null
new2=$((new + 1))
diag "after the kill -9: $(on "$new2") of $total on key $new2"
is "$(keyids)" "$k0 $new $new2" "the killed run had added key $new2"
is "$(sealed)" "$total" "no row lost to the kill"
t0=$(date +%s.%N)
ok "reseal after the kill" admin reseal
diag "reseal after the kill: $(cat "$T/admin.out"), $(echo "$(date +%s.%N) - $t0" | bc)s"
is "$(off "$new2")" 0 "every data address on key $new2"
is "$(sealed)" "$total" "none lost ($total)"
works "after the killed rotation"

# 3. every rotated address still opens with its row (the helper users)
u1=$(sql "SELECT id FROM users WHERE username = 'rot$U-$N'")
sql "UPDATE users SET must_change_password = 0 WHERE id = $u1" >/dev/null
login z "rot$U-$N" 123456
is "$STATUS" 303 "the last drill user signs in"
get z /query
is "$STATUS" 200 "the last drill user's rotated address opens (200)"

# 4. the old link, and retiring the old key
get x "/c/$tok"
is "$STATUS" 200 "the share link made under key $last still opens"
# Earlier tests on this shared stack (they run one at a time) may have left
# links of their own live under key $last: they are counted, and expired
# with this test's link below, as an operator would wait for them.
live=$(sql "SELECT COUNT(*) FROM share_links WHERE key_id = $last AND revoked_at IS NULL AND expires_at > NOW()")
ok "retiring key $last is refused while the link is live" sh -c "! '$DZ_TEST_ADMIN' retire-key $last >'$T/admin.out' 2>&1"
like "$(cat "$T/admin.out")" " $live live share link" "it says the $live live link(s) need it"
is "$(keyids)" "$k0 $new $new2" "key $last is still there"
ok "retiring the newest key is refused" sh -c "! '$DZ_TEST_ADMIN' retire-key $new2 >/dev/null 2>&1"
sql "UPDATE share_links SET expires_at = NOW() - INTERVAL 1 MINUTE WHERE key_id = $last AND expires_at > NOW()" >/dev/null
ok "key $last is retired once the links have expired" admin retire-key "$last"
rest=$(echo " $k0 " | sed "s/ $last / /" | xargs)
is "$(keyids)" "${rest:+$rest }$new $new2" "key $last is gone, keys $new and $new2 kept"
ok "key $new, which nothing uses, is retired too" admin retire-key "$new"
is "$(keyids)" "${rest:+$rest }$new2" "key $new2 is the one that seals"
is "$(stat -c '%U %a' "$KEY")" "$DZ_TEST_PROG_USER 400" "the rewritten key file: the programs' user's, 0400"
works "with key $last retired"
sleep 1.2	# the workers' link cache rechecks within Cache.RecheckMs
get x "/c/$tok"
like "$STATUS" '^(404|410)$' "the expired link is refused as before ($STATUS)"

# The seal-helper's users share one password hash (Argon2id a thousand
# times over would be the test's whole time); done with them, they are
# disabled with no password, so the store keeps a salt of its own in every
# row that has one (t/http/095 checks that over all users, after this too).
sql "UPDATE users SET status = 'disabled', password_hash = CONCAT('!', id)
	WHERE username LIKE 'rot$U-%'" >/dev/null
is "$(sql "SELECT COUNT(*) FROM users WHERE username LIKE 'rot$U-%' AND password_hash LIKE '\$%'")" 0 \
	"the bulk users are disabled, without a password"

done_testing
