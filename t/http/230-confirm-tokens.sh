#!/bin/bash
# §8 check 1. Share tokens: 10,000 links made by lib/store (the calls 分享
# makes, through t/http/confirm-helper) are all different (0 duplicates),
# 43 base64url characters (256 bits), and the app store keeps only their
# SHA-256: token_hash is BINARY(32), every row 32 bytes, each the SHA-256
# of its token; no token appears in any table (as text or hex), in a
# mariadb-dump of the store nor in dz-admin's backup; and, after some of
# them were opened, answered, checked with HEAD and revoked over HTTP, no
# token is in any log of the run (nginx's access, error and limit logs,
# the programs', MariaDB's).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"
helper=$here/confirm-helper
[ -x "$helper" ] || skip_all "t/http/confirm-helper not built (make check builds it)"
N=${DZ_TOKENS:-10000}

sids=()
for i in $(seq 20); do
	sids+=("$(cf_stmt)") || bail "cannot create statements"
done
list=$(IFS=,; echo "${sids[*]}")
start=$(date +%s)
"$helper" links "$N" "${sids[@]}" >"$T/tokens"
is "$?" 0 "made $N links over 20 statements ($(( $(date +%s) - start )) s)"
is "$(wc -l <"$T/tokens")" "$N" "$N tokens"
is "$(sort -u "$T/tokens" | wc -l)" "$N" "all different"
is "$(grep -c -E '^[A-Za-z0-9_-]{43}$' "$T/tokens")" "$N" "each 43 base64url characters"
is "$(cut -c43 "$T/tokens" | grep -c '[^AEIMQUYcgkosw048]')" 0 "each encodes exactly 256 bits (last character carries 4 bits)"
is "$(sql "SELECT COUNT(*) FROM share_links WHERE statement_id IN ($list)")" "$N" "$N rows in share_links"
is "$(sql "SELECT COUNT(*) FROM share_links WHERE statement_id IN ($list) AND revoked_at IS NULL")" 20 "one live link per statement"

# The rows hold SHA-256 of exactly these tokens.
"$helper" sha256 <"$T/tokens" | sort >"$T/want"
sql "SELECT LOWER(HEX(token_hash)) FROM share_links WHERE statement_id IN ($list)" | sort >"$T/got"
ok "token_hash is SHA-256 of each token, one row each" cmp -s "$T/want" "$T/got"
is "$(sql "SELECT COUNT(DISTINCT token_hash) FROM share_links")" "$(sql "SELECT COUNT(*) FROM share_links")" "token_hash unique in the table"
is "$(sql "SELECT LOWER(COLUMN_TYPE) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
	AND TABLE_NAME = 'share_links' AND COLUMN_NAME = 'token_hash'")" "binary(32)" "token_hash is BINARY(32)"
is "$(sql "SELECT COUNT(*) FROM share_links WHERE statement_id IN ($list) AND (token_hash IS NULL OR OCTET_LENGTH(token_hash) <> 32)")" 0 \
	"every row's token_hash is 32 bytes"
is "$(sql "SELECT GROUP_CONCAT(COLUMN_NAME) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()
	AND TABLE_NAME = 'share_links' AND (COLUMN_NAME LIKE '%token%')")" token_hash "share_links has no token column but token_hash"

# No token in any column of any table (binary columns as they are, and in hex).
: >"$T/dump"
for tb in $(sql "SHOW TABLES"); do
	sql "SELECT * FROM \`$tb\`" >>"$T/dump"
done
sql "SELECT HEX(nonce), HEX(token_hash) FROM share_links" >>"$T/dump"
is "$(grep -a -c -F -f "$T/tokens" "$T/dump")" 0 "no token stored anywhere in the database"
# ... while the check itself can find one (it would see a stored token).
is "$(printf 'x %s y\n' "$(head -1 "$T/tokens")" | grep -a -c -F -f "$T/tokens")" 1 "(control: the search finds a token when one is there)"
# A dump of the store as an operator takes one, and dz-admin's backup.
sock=$(sed -n 's/^DB.Socket *= *//p' "$DZ_CONF" | tail -1)
mariadb-dump --no-defaults -S "$sock" -uroot --single-transaction duizhang >"$T/mysqldump" 2>"$T/mysqldump.err"
is "$?" 0 "mariadb-dump of the store"
mariadb-dump --no-defaults -S "$sock" -uroot --single-transaction --hex-blob duizhang >>"$T/mysqldump" 2>>"$T/mysqldump.err"
ok "... it holds the links' rows" grep -q 'INSERT INTO `share_links`' "$T/mysqldump"
is "$(grep -a -c -F -f "$T/tokens" "$T/mysqldump")" 0 "no token in a mariadb-dump of the store (binary and --hex-blob)"
"$DZ_TEST_ADMIN" backup "$T/backup.sql" >"$T/backup.out" 2>&1
is "$?" 0 "dz-admin backup"
is "$(cat "$T"/backup.sql* 2>/dev/null | grep -a -c -F -f "$T/tokens")" 0 "no token in dz-admin's backup"

# The last link of a statement opens its page; an older one is gone.
last=$(tail -1 "$T/tokens")
get K "/c/$last"
is "$STATUS" 200 "the newest link of a statement opens it"
get K "/c/$(head -1 "$T/tokens")"
is "$STATUS" 410 "an older, replaced one: 410"

# Links used over HTTP: opened, checked with HEAD, answered, dead, revoked.
for t in $(tail -20 "$T/tokens"); do
	get K "/c/$t"
	req K HEAD "/c/$t" -I
done
get K "/c/$last"
post K "/c/$last" decision=agreed "csrf=$(csrf)"
like "$STATUS" '^(303|409)$' "an answer through one of them"
for t in $(head -20 "$T/tokens"); do get K "/c/$t"; done
"$helper" revoke "${sids[0]}"
get K "/c/$(tail -20 "$T/tokens" | head -1)"
is "$STATUS" 410 "a revoked one: 410"
sleep 0.5
ok "the run's logs are there to search" test -s "$DZ_TEST_ACCESS_LOG" -a -s "$DZ_TEST_LOGDIR/dz-confirm.log"
hits=$(grep -r -a -l -F -f "$T/tokens" "$DZ_TEST_LOGDIR" 2>/dev/null)
is "$hits" "" "no token in any log (nginx, the programs, MariaDB)"

# A visitor chooses their own form cookie: one equal to a stretch of the
# page (here a customer name of 43 token characters) must not make the
# kept page mark that text as the token's place for later visitors.
name=$(printf 'Z%.0s' $(seq 42))A	# (a valid token: 32 bytes in base64url)
sid=$(cf_stmt "$name") || bail "cannot make a statement"
tok=$(cf_link "$sid") || bail "cannot share"
forget P1
# (several times: each worker draws and keeps its own copy)
for i in 1 2 3 4 5 6 7 8; do get P1 "/c/$tok" -H "Cookie: __Host-dzpre=$name"; done
is "$STATUS" 200 "the first visitor, whose cookie is the customer's name: 200"
for i in 1 2 3 4; do
	forget P2
	get P2 "/c/$tok"
	is "$STATUS" 200 "a later visitor ($i): 200"
	like "$(body)" "$name" "the later visitor ($i) sees the customer's name"
	ok "and their own form token in the form ($i)" test "$(csrf)" = "$(cookie P2 __Host-dzpre)"
done
done_testing
