#!/bin/bash
# Authorisation failures are logged with the user and the path (issue 12):
# a clerk or a viewer refused an admin's or a clerk's page (403), and a
# statement of another account set asked for by its id (404, the same page
# as for one that does not exist). The refused request changes nothing; a
# log line holds no token or password. Requests come from an address of
# the test's own, so the log does not fold its lines into another test's.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need
program_running dz-users || skip_all "dz-users not running"
SRC=127.0.0.$((20 + RANDOM % 70))
export SRC
since() { tail -n +"$(($2 + 1))" "$DZ_TEST_LOGDIR/$1.log"; }
m_users=$(wc -l <"$DZ_TEST_LOGDIR/dz-users.log")
m_hist=$(wc -l <"$DZ_TEST_LOGDIR/dz-history.log")

st_admin
st_user c "za$U" clerk "$DZ_TEST_ERP_DSN"
cid=$uid
cu=$(st_lenovo)
sid=$(st_new c "$cu" "$(date -d '-200 days' +%Y-%m-%d)" "$(date +%Y-%m-%d)") || bail "no statement"
# a clerk of another account set (another database), and a viewer of the first
st_user o "zb$U" clerk "server=127.0.0.1,$DZ_TEST_ERP_PORT; uid=sa; pwd=x$U; database=Elsewhere$U; encrypt=off"
oid=$uid
st_user v "zv$U" viewer "$DZ_TEST_ERP_DSN"
vid=$uid
isnt "$(sql "SELECT account_set_id FROM users WHERE id = $oid")" \
	"$(sql "SELECT account_set_id FROM users WHERE id = $cid")" "the second clerk is in another account set"

# 1. role refusals: 403, logged with the user, role and path
get c /admin/users
is "$STATUS" 403 "a clerk's GET /admin/users: 403"
get c /
post c /admin/users/new "username=zz$U" role=admin status=active "csrf=$(csrf)"
is "$STATUS" 403 "a clerk's POST /admin/users/new: 403"
get v /query
is "$STATUS" 403 "a viewer's 往来对账: 403"
state=$(st_state "$sid")
get v "/statements/$sid"
vtok=$(csrf)
post v "/statements/$sid/receive" "csrf=$vtok" amount=1.00 "version=$(st_version "$sid")"
is "$STATUS" 403 "a viewer's 收款: 403"
is "$(st_state "$sid")" "$state" "... and nothing changed"
since dz-users "$m_users" >"$T/users"
since dz-history "$m_hist" >"$T/hist"
ok "dz-users logged the clerk's GET" grep -q "authz: refused GET /admin/users to user $cid (clerk) from $SRC" "$T/users"
ok "... and its POST" grep -q "authz: refused POST /admin/users/new to user $cid (clerk) from $SRC" "$T/users"
ok "dz-history logged the viewer's 收款" \
	grep -q "authz: refused POST /statements/$sid/receive to user $vid (viewer) from $SRC" "$T/hist"

# 2. another account set's statement, by its id: 404, logged
for p in "/statements/$sid" "/statements/$sid/share" "/statements/$sid/qr.svg"; do
	get o "$p"
	is "$STATUS" 404 "the other set's clerk GET $p: 404"
	unlike "$(body)" "$(sql "SELECT customer_name FROM statements WHERE id = $sid")" "... nothing of the statement"
done
get o /statements
otok=$(csrf)
post o "/statements/$sid/delete" "csrf=$otok" "version=$(st_version "$sid")"
is "$STATUS" 404 "the other set's clerk's 删除: 404"
is "$(st_state "$sid")" "$state" "... and nothing changed"
since dz-history "$m_hist" >"$T/hist"
oset=$(sql "SELECT account_set_id FROM users WHERE id = $oid")
ok "logged: the statement is not in the user's account set (GET)" \
	grep -q "authz: statement $sid is not in account set $oset of user $oid (GET /statements/$sid from $SRC)" "$T/hist"
ok "... and the 删除" \
	grep -q "authz: statement $sid is not in account set $oset of user $oid (POST /statements/$sid/delete from $SRC)" "$T/hist"
ok "no password or csrf token in those logs" \
	test -z "$(since dz-history "$m_hist" | grep -F -e "x$U;" -e "$otok" -e "$vtok")"
done_testing
