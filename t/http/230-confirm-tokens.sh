#!/bin/bash
# Share tokens: 10,000 links made by lib/store (as 分享 makes them) are all
# different, 43 base64url characters (256 bits), and the app store keeps
# only their SHA-256: no token appears anywhere in the database.
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

# No token in any column of any table (binary columns as they are, and in hex).
: >"$T/dump"
for tb in $(sql "SHOW TABLES"); do
	sql "SELECT * FROM \`$tb\`" >>"$T/dump"
done
sql "SELECT HEX(nonce), HEX(token_hash) FROM share_links" >>"$T/dump"
is "$(grep -a -c -F -f "$T/tokens" "$T/dump")" 0 "no token stored anywhere in the database"
# ... while the check itself can find one (it would see a stored token).
is "$(printf 'x %s y\n' "$(head -1 "$T/tokens")" | grep -a -c -F -f "$T/tokens")" 1 "(control: the search finds a token when one is there)"

# The last link of a statement opens its page; an older one is gone.
last=$(tail -1 "$T/tokens")
get K "/c/$last"
is "$STATUS" 200 "the newest link of a statement opens it"
get K "/c/$(head -1 "$T/tokens")"
is "$STATUS" 410 "an older, replaced one: 410"

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
