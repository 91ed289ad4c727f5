#!/bin/bash
# What the workers keep of 对账单历史 (the drawn page, lib/pagecache) and of
# a session's user (lib/auth) never outlives a change: one made through
# the programs on this host shows on the very next request (the change
# counter moved); one made by hand in the database, as a change on another
# host would look, within Cache.RecheckMs.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
program_running dz-history || skip_all "dz-history is not running"
helper=$here/confirm-helper
[ -x "$helper" ] || skip_all "t/http/confirm-helper not built (make check builds it)"
recheck=$(awk -F' *= *' '$1 == "Cache.RecheckMs" { print $2 }' "$DZ_CONF")
recheck=${recheck:-1000}

u=hk$U
mkuser "$u" clerk "Good-Pass-$U" || bail "cannot make $u"
set=$(sql "INSERT INTO account_sets (identity, company_name, erp_kind) VALUES ('test-hcache-$U', '缓存测试商贸', 'grasp');
	SELECT LAST_INSERT_ID()")
uid=$(sql "SELECT id FROM users WHERE username = '$u'")
sql "UPDATE users SET account_set_id = $set, must_change_password = 0 WHERE id = $uid" >/dev/null
for i in 1 2 3; do
	sql "INSERT INTO statements (account_set_id, customer_id, customer_code, customer_name,
	    company_name, period_from, period_to, opening, sales, returns, receipts, closing,
	    doc_count, fingerprint, created_by) VALUES ($set, 'HC$i', 'HC$i', '缓存客户$i', '缓存测试商贸',
	    '2026-10-01', '2026-10-31', 0, 100, 0, 0, 100, 1, REPEAT('a', 64), $uid)" >/dev/null
done
sid=$(sql "SELECT MAX(id) FROM statements WHERE account_set_id = $set")
login c "$u" "Good-Pass-$U"
is "$STATUS" 303 "the clerk signs in"

# cards LIST: the page, drawn twice so that every worker may keep it
cards() {
	get c /statements
	get c /statements
}
cards
is "$STATUS" 200 "对账单历史: 200"
is "$(body | grep -c 'class="scard"')" 3 "three cards"
like "$(body)" "href=\"/statements/$sid/agree\"" "the newest card offers 符合确认"

# through the programs (another one on this host): shown at once
"$helper" act "$sid" agree
is "$?" 0 "staff 符合确认 through lib/store"
get c /statements
like "$(body)" "id=\"stmt-$sid\"" "the card is still listed"
unlike "$(body)" "href=\"/statements/$sid/agree\"" "the very next page no longer offers 符合确认"
like "$(body)" "href=\"/statements/$sid/cancel\"" "it offers 取消确认 instead"

# waituntil ERE: GET /statements until the page matches; sets waited (ms)
waituntil() {
	local t0 i
	t0=$(date +%s%3N)
	for i in $(seq 60); do
		get c /statements
		body | grep -Eq "$1" && break
		sleep 0.1
	done
	waited=$(( $(date +%s%3N) - t0 ))
}

# by hand in the database: within the recheck time
cards
sql "UPDATE statements SET customer_name = '手改客户' WHERE id = $sid" >/dev/null
waituntil '手改客户'
like "$(body)" '手改客户' "a statement changed by hand shows"
ok "within the recheck time ($waited ms, Cache.RecheckMs $recheck)" test "$waited" -le $((recheck + 1000))

cards
sql "UPDATE users SET role = 'viewer' WHERE id = $uid" >/dev/null
t0=$(date +%s%3N)
for i in $(seq 60); do
	get c /statements
	body | grep -q '/receive"' || break
	sleep 0.1
done
waited=$(( $(date +%s%3N) - t0 ))
unlike "$(body)" '/receive"' "a role lowered by hand to viewer: the action buttons go"
ok "within the recheck time ($waited ms)" test "$waited" -le $((recheck + 1000))
# Each worker keeps the user's half for itself: the one that drew the
# cards above may not be the one that answers next, whose copy is as
# stale as Cache.RecheckMs allows; so this too is asked until it holds.
t0=$(date +%s%3N)
for i in $(seq 60); do
	get c "/statements/$sid/receive"
	[ "$STATUS" = 403 ] && break
	sleep 0.1
done
waited=$(( $(date +%s%3N) - t0 ))
is "$STATUS" 403 "and the viewer's action is refused"
ok "... within the recheck time ($waited ms)" test "$waited" -le $((recheck + 1000))

# signed out: the session is read on every request, kept pages or not
sidc=$(cookie c __Host-dz)
cards
post c /logout "csrf=$(csrf)"
is "$STATUS" 303 "退出"
get old /statements -H "Cookie: __Host-dz=$sidc"
is "$STATUS" 303 "the old cookie replayed at once: sent to the sign-in"
unlike "$(body)" '缓存客户' "with none of the cards"
done_testing
