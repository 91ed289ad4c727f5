#!/bin/bash
# 105-backup-drill: dz-admin backup and restore, as an operator's drill on
# the running stack. Statements made the clerk's way (往来对账 → POST
# /statements/new), share links, a customer's answer through /c/, signed-in
# sessions; a backup taken while those pages are being served (every
# request answered); the password of DB.* never on a command line, the dump
# written to FILE.tmp (0600) and renamed only when complete, a dump killed
# half way leaving FILE as it was; the store wiped (every table dropped);
# a truncated, a foreign, a named-database and a newer-schema file each
# refused by restore with the store unchanged; the restore: the counts of
# statements, links and answers as before, every statement's fingerprint
# recomputed from its documents and goods (dz-admin verify, shown to catch
# a tampered line and a tampered header), each link's page as before with
# its answer, a link made after the backup gone (410, not a page a worker
# kept), the sessions gone (old cookies signed out), and a statement made
# after the restore, which takes the lost one's id, shown as itself on the
# staff page and the customer's page (no worker's kept page or documents
# of the old store).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need
[ -x "${DZ_TEST_ADMIN:-}" ] || skip_all "no dz-admin (DZ_TEST_ADMIN unset)"

admin() { "$DZ_TEST_ADMIN" "$@"; }
conf_val() { sed -n "s/^$1 *= *//p" "$DZ_CONF" | tail -1; }
DBPW=$(conf_val DB.Password)
DBSOCK=$(conf_val DB.Socket)
KEYFILE=$(conf_val Paths.KeyFile)
B=$T/backups
mkdir -p "$B"

st_admin
st_user c "bk$U" clerk "$DZ_TEST_ERP_DSN"
clerk=$uid
set=$(sql "SELECT account_set_id FROM users WHERE id = $clerk")

FROM=2026-05-01 TO=2026-05-31
mapfile -t custs < <(sqlite3 "$DZ_TEST_ERP_SQLITE" "SELECT btypeid FROM Dlyndx WHERE draft = 2
	AND RedOld = 'F' AND VchType IN (11, 45, 4) AND Date BETWEEN '$FROM' AND '$TO'
	GROUP BY btypeid HAVING COUNT(*) >= 2 ORDER BY btypeid LIMIT 5")
[ "${#custs[@]}" = 5 ] || bail "the demo data has no five customers with documents in $FROM..$TO"

# share B SID: a new share link of statement SID; prints its path (/c/...)
share() {
	local url
	get "$1" "/statements/$2/share"
	post "$1" "/statements/$2/share" "csrf=$(csrf)"
	get "$1" "/statements/$2/share"
	url=$(grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
	[ -n "$url" ] && echo "/c/${url##*/c/}"
}
# page PATH: the customer's page of a link into $T/page, without its form
# token; sets STATUS
page() {
	forget P
	get P "$1"
	sed -E 's/name="csrf" value="[^"]*"/name="csrf"/g' "$BODY" >"$T/page"
}
# counts: statements|links|answers in the whole store
counts() {
	sql "SELECT CONCAT_WS('|', (SELECT COUNT(*) FROM statements), (SELECT COUNT(*) FROM share_links),
		(SELECT COUNT(*) FROM feedback))"
}
ntables() { sql "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"; }
# sums: a checksum of every table the drill is about
sums() {
	sql "CHECKSUM TABLE users, account_sets, statements, statement_docs, statement_lines,
		share_links, feedback, schema_migrations" | awk '{print $2}' | tr '\n' ' '
}

# --- what the drill protects -------------------------------------------------------
declare -a sids links
for i in 0 1 2; do
	sids[i]=$(st_new c "${custs[i]}" "$FROM" "$TO") || bail "cannot generate a statement of ${custs[i]}"
done
links[0]=$(share c "${sids[0]}") || bail "no link for ${sids[0]}"
links[1]=$(share c "${sids[1]}") || bail "no link for ${sids[1]}"
# the customer of the second link answers 符合 with a word
get P "${links[1]}"
post P "${links[1]}" decision=agreed "description=备份演练：数目相符" "csrf=$(csrf)"
is "$STATUS" 303 "the customer answers through the second link"
is "$(sql "SELECT status FROM statements WHERE id = ${sids[1]}")" agreed "  recorded as 符合"
page "${links[0]}"
cp "$T/page" "$T/before0"
page "${links[1]}"
cp "$T/page" "$T/before1"
like "$(cat "$T/before1")" '已答复：<strong>符合</strong>' "the answered link shows its answer"
before_counts=$(counts)
restores=$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'store_restore'")
nset=$(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $set")
get c /statements
is "$STATUS" 200 "the clerk is signed in"
old_sid=$(cookie c __Host-dz)
isnt "$(sql "SELECT COUNT(*) FROM sessions")" 0 "there are sessions"

verify_all_before=$(admin verify)
out=$(admin verify --account-set "$set")
is "$?" 0 "verify of the drill's account set: exit 0"
like "$out" "^$nset statements: $nset match, 0 do not\$" "  every statement matches ($out)"

# --- verify can fail: a tampered goods line, a tampered header ------------------------
line=$(sql "SELECT CONCAT(vchcode, ' ', seq) FROM statement_lines WHERE statement_id = ${sids[0]}
	ORDER BY vchcode, seq LIMIT 1")
[ -n "$line" ] || bail "statement ${sids[0]} has no goods lines"
sql "UPDATE statement_lines SET qty = qty + 1 WHERE statement_id = ${sids[0]}
	AND vchcode = ${line% *} AND seq = ${line#* }"
out=$(admin verify --account-set "$set")
is "$?" 1 "one goods line's quantity changed by hand: verify exits 1"
like "$out" "statement ${sids[0]}: does not match" "  and names the statement"
like "$out" "$nset statements: $((nset - 1)) match, 1 do not" "  the others match"
sql "UPDATE statement_lines SET qty = qty - 1 WHERE statement_id = ${sids[0]}
	AND vchcode = ${line% *} AND seq = ${line#* }"
sql "UPDATE statements SET customer_name = CONCAT(customer_name, 'x') WHERE id = ${sids[2]}"
out=$(admin verify)
is "$?" 1 "a customer name changed by hand: verify (of the whole store) exits 1"
like "$out" "statement ${sids[2]}: does not match" "  and names that statement"
unlike "$out" "statement ${sids[0]}: " "  the line put back matches again"
sql "UPDATE statements SET customer_name = LEFT(customer_name, CHAR_LENGTH(customer_name) - 1)
	WHERE id = ${sids[2]}"
is "$(admin verify)" "$verify_all_before" "both put back: verify says what it said before"

# --- a backup while the site is being used ---------------------------------------------
# Customers open both links, the clerk reloads 对账单历史, someone signs in
# again and again; every answer is recorded.
load() {
	while [ ! -e "$T/stop" ]; do
		curl -k -s -o /dev/null -w '%{http_code} link\n' "$DZ_TEST_BASE${links[0]}"
		curl -k -s -o /dev/null -w '%{http_code} link\n' "$DZ_TEST_BASE${links[1]}"
		curl -k -s -o /dev/null -w '%{http_code} history\n' -b "$(jar c)" "$DZ_TEST_BASE/statements"
		(login "L$BASHPID" "bk$U" 123456 && echo "$STATUS login")
	done
}
rm -f "$T/stop"
load >"$T/load" 2>&1 &
lpid=$!
sleep 1
admin backup "$B/store.sql" >"$T/backup.out" 2>&1
brc=$?
sleep 0.5
touch "$T/stop"
wait "$lpid"
is "$brc" 0 "dz-admin backup while pages are served: exit 0"
diag "$(cat "$T/backup.out")"
like "$(cat "$T/backup.out")" "nor is the key file $KEYFILE" "  it says the key file is not in it, and where it is"
nreq=$(wc -l <"$T/load")
ok "  requests were served meanwhile ($nreq)" [ "$nreq" -ge 8 ]
is "$(grep -vcE '^(200 (link|history)|303 login)$' "$T/load")" 0 "  every one of them answered (200, or 303 for a sign-in)"
is "$(stat -c %a "$B/store.sql")" 600 "  the file is 0600"
ok "  no FILE.tmp is left" [ ! -e "$B/store.sql.tmp" ]
ok "  it ends with the dump's trailer" grep -q '^-- Dump completed' <(tail -1 "$B/store.sql")
ok "  it has the sessions' table" grep -q '^CREATE TABLE `sessions`' "$B/store.sql"
ok "  but none of their rows" bash -c "! grep -q 'INSERT INTO \`sessions\`' '$B/store.sql'"
ok "  nor the key file's keys" bash -c "! grep -qF '$(awk 'NR == 1 {print $2}' "$KEYFILE")' '$B/store.sql'"
ok "  nor DB.Password" bash -c "! grep -qF '$DBPW' '$B/store.sql'"
cp "$B/store.sql" "$T/first.sql"

# --- while mariadb-dump runs: its command line, its options, its file ----------------------
# A table locked for a while holds the dump half way.
sql "LOCK TABLES statements WRITE; SELECT SLEEP(4); UNLOCK TABLES" >/dev/null &
hold=$!
sleep 0.5
"$DZ_TEST_PREFIX/sbin/dz-admin" backup "$B/store.sql" >"$T/backup2.out" 2>&1 &
bpid=$!
dpid=
for _ in $(seq 50); do
	dpid=$(pgrep -P "$bpid" | head -1)
	[ -n "$dpid" ] && break
	sleep 0.05
done
if [ -n "$dpid" ]; then
	sleep 0.3
	args=$(tr '\0' ' ' <"/proc/$dpid/cmdline")
	diag "mariadb-dump runs as: $args"
	like "$args" '--single-transaction' "mariadb-dump runs with --single-transaction"
	unlike "$args" "$DBPW" "  and DB.Password is not on its command line"
	like "$(readlink "/proc/$dpid/fd/3")" '\(deleted\)$' "  its options file is already unlinked"
	is "$(stat -L -c %a "/proc/$dpid/fd/3")" 600 "  and was made 0600"
	like "$(cat "/proc/$dpid/fd/3")" "password=\"$DBPW\"" "  it is where the password is"
	ok "  FILE.tmp is being written, 0600" [ "$(stat -c %a "$B/store.sql.tmp" 2>/dev/null)" = 600 ]
	ok "  FILE is still the last complete backup" cmp -s "$B/store.sql" "$T/first.sql"
	kill -9 "$dpid"
	wait "$bpid"
	is "$?" 1 "mariadb-dump killed half way: dz-admin backup exits 1"
	like "$(cat "$T/backup2.out")" 'no backup made' "  and says no backup was made"
	ok "  FILE is as it was" cmp -s "$B/store.sql" "$T/first.sql"
	ok "  FILE.tmp is removed" [ ! -e "$B/store.sql.tmp" ]
else
	tap_ok 1 "mariadb-dump was seen running under dz-admin backup"
	wait "$bpid"
fi
wait "$hold"

# --- after the backup: a statement, its link and pages that a restore loses ------------------
lost=$(st_new c "${custs[3]}" "$FROM" "$TO") || bail "cannot generate the statement after the backup"
lost_link=$(share c "$lost") || bail "no link for $lost"
lost_name=$(sql "SELECT customer_name FROM statements WHERE id = $lost")
lost_docs=$(sql "SELECT number FROM statement_docs WHERE statement_id = $lost")
# opened often enough for every worker to keep its page, its link and its documents
for i in 1 2 3 4 5 6 7 8; do
	SRC=127.0.0.$((40 + i)) get "P$i" "$lost_link"
	get c "/statements/$lost"
done
is "$STATUS" 200 "the statement made after the backup is shown"
after_counts=$(counts)

# --- the store is lost ----------------------------------------------------------------------
drop=$(sql "SELECT GROUP_CONCAT(CONCAT('\`', table_name, '\`')) FROM information_schema.tables
	WHERE table_schema = DATABASE()")
sql "SET FOREIGN_KEY_CHECKS = 0; DROP TABLE $drop"
is "$(ntables)" 0 "the store is wiped: no table left"

# --- files restore refuses ----------------------------------------------------------------
head -c $(( $(wc -c <"$B/store.sql") * 2 / 3 )) "$B/store.sql" >"$B/cut.sql"
out=$(admin restore "$B/cut.sql" 2>&1)
is "$?" 1 "a truncated dump: restore exits 1"
like "$out" 'incomplete' "  and says it is incomplete"
is "$(ntables)" 0 "  the (wiped) store is as it was"

# --- the restore ---------------------------------------------------------------------------
out=$(admin restore "$B/store.sql" 2>&1)
is "$?" 0 "dz-admin restore: exit 0"
diag "$out"
like "$out" 'everyone is signed out' "  it says everyone is signed out"
is "$(counts)" "$before_counts" "the counts of statements, links and answers are those of the backup"
is "$(sql "SELECT COUNT(*) FROM statements WHERE id = $lost")" 0 "the statement made after the backup is not there"
is "$(sql "SELECT COUNT(*) FROM sessions")" 0 "no sessions"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'store_restore'")" $((restores + 1)) \
	"the restore has its audit row"
out=$(admin verify --account-set "$set")
is "$?" 0 "verify after the restore: exit 0"
like "$out" "^$nset statements: $nset match, 0 do not\$" "  every statement of the drill matches ($out)"
is "$(admin verify)" "$verify_all_before" "  verify of the whole store says what it said before the backup"

page "${links[0]}"
is "$STATUS" 200 "the first link opens: 200"
ok "  its page as before" cmp -s "$T/page" "$T/before0"
page "${links[1]}"
is "$STATUS" 200 "the answered link opens: 200"
ok "  its page as before, with the answer" cmp -s "$T/page" "$T/before1"
SRC=127.0.0.49 get P9 "$lost_link"
is "$STATUS" 410 "the link made after the backup is gone (410), on every worker"
for i in 1 2 3 4; do
	SRC=127.0.0.$((50 + i)) get "Q$i" "$lost_link"
	[ "$STATUS" = 410 ] || break
done
is "$STATUS" 410 "  asked again and again"

get c /statements
is "$STATUS" 303 "the clerk's old session cookie is signed out: 303"
is "$(location)" /login "  to /login"
forget old
get old /statements -H "Cookie: __Host-dz=$old_sid"
is "$STATUS" 303 "  that cookie sent again: 303"
login c "bk$U" 123456
is "$STATUS" 303 "the clerk signs in again"

# --- files refused by a store that is whole again: nothing changes -------------------------------
want=$(sums)
out=$(admin restore "$B/cut.sql" 2>&1)
is "$?" 1 "a truncated dump over the restored store: exit 1"
like "$out" 'nothing restored' "  nothing restored"
mariadb-dump --no-defaults -S "$DBSOCK" -uroot mysql db >"$B/other.sql" 2>/dev/null
out=$(admin restore "$B/other.sql" 2>&1)
is "$?" 1 "a dump of another database (mysql.db): exit 1"
like "$out" 'not a duizhang store' "  not a duizhang store"
mariadb-dump --no-defaults -S "$DBSOCK" -uroot --databases duizhang >"$B/named.sql" 2>/dev/null
out=$(admin restore "$B/named.sql" 2>&1)
is "$?" 1 "a dump made with --databases (it would load into the database it names): exit 1"
like "$out" 'names a database' "  says so"
awk '/^INSERT INTO `schema_migrations` VALUES/ { on = 1 }
	on && /\);$/ { sub(/\);$/, "),(999,'"'"'999_future.sql'"'"','"'"'2030-01-01 00:00:00'"'"');"); on = 0 }
	{ print }' "$B/store.sql" >"$B/newer.sql"
out=$(admin restore "$B/newer.sql" 2>&1)
is "$?" 1 "a dump of a newer schema (999_future.sql): exit 1"
like "$out" 'newer than this installation' "  says so"
is "$(sums)" "$want" "the store is unchanged by the four refused files"

# --- after the restore, a new statement takes the lost one's id -------------------------------------
new=$(st_new c "${custs[4]}" "$FROM" "$TO") || bail "cannot generate after the restore"
new_name=$(sql "SELECT customer_name FROM statements WHERE id = $new")
isnt "$new_name" "$lost_name" "the new statement is another customer's"
[ "$new" = "$lost" ] || diag "the new statement is $new, the lost one was $lost"
new_docs=$(sql "SELECT number FROM statement_docs WHERE statement_id = $new")
# own_docs: the last page shows every document of the new statement and
# none of the lost one's (but those the two share)
own_docs() {
	local n
	for n in $new_docs; do grep -qF "$n" "$BODY" || return 1; done
	for n in $lost_docs; do
		grep -qxF "$n" <<<"$new_docs" && continue
		grep -qF "$n" "$BODY" && return 1
	done
	return 0
}
bad=0
for i in 1 2 3 4 5 6; do
	get c "/statements/$new"
	if [ "$STATUS" != 200 ] || ! own_docs || ! grep -qF "$new_name" "$BODY"; then
		bad=$((bad + 1))
	fi
done
is "$bad" 0 "its staff page, six times: its own customer and documents (no worker's kept documents of the old store)"
new_link=$(share c "$new") || bail "no link for $new"
bad=0
for i in 1 2 3 4 5 6 7 8; do
	SRC=127.0.0.$((60 + i)) get "N$i" "$new_link"
	if [ "$STATUS" != 200 ] || ! own_docs || ! grep -qF "$new_name" "$BODY" ||
	    grep -qF "$lost_name" "$BODY"; then
		bad=$((bad + 1))
	fi
done
is "$bad" 0 "its customer's page, eight times: its own customer (no worker's kept page of the old store)"

# --- the restored links still take an answer ---------------------------------------------------------
get P "${links[0]}"
post P "${links[0]}" decision=disputed "description=备份演练：少了两箱" "csrf=$(csrf)"
is "$STATUS" 303 "the first link, restored, takes the customer's answer"
is "$(sql "SELECT status FROM statements WHERE id = ${sids[0]}")" disputed "  recorded as 不符合"
diag "counts before the backup $before_counts, after it $after_counts"

done_testing
