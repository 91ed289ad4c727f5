#!/bin/sh
# §8 check 15 and issue 12 hole 6 (decryption failures are logged): a data
# address that does not open is refused, with the site's page saying the
# credentials are unavailable (503, never a 500), no worker dies, and the
# program logs the row and the key id only (nothing of the blob or the
# address). Cases: one byte of the blob flipped; user A's blob copied
# into user B's account set; the key file taken away while the programs
# run, and while a worker starts. Each time the data address works again
# once the blob or the key is put back.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-query || skip_all "dz-query not running"
[ -n "${DZ_TEST_ERP_DSN:-}" ] || skip_all "no ERP simulator (DZ_TEST_ERP_DSN unset)"
. "$(dirname "$0")/../lib/erpsim.sh"
KEY=$(sed -n 's/^[[:space:]]*Paths.KeyFile[[:space:]]*=[[:space:]]*//p' "$DZ_CONF" | head -1)
[ -f "$KEY" ] || bail "no key file ($KEY)"
LOG=$DZ_TEST_LOGDIR/dz-query.log
trap '[ -f "$KEY.away" ] && mv -f "$KEY.away" "$KEY"; rm -rf "$T"' EXIT

pw=Good-Pass-$U
ok "admin" mkuser "ka$U" admin "$pw"
login a "ka$U" "$pw"
ok "clerk A on the simulator" mkclerk "kc$U" "$DZ_TEST_ERP_DSN"
ok "clerk B on another database" mkclerk "kd$U" \
	"server=127.0.0.1,$DZ_TEST_ERP_PORT; uid=sa; pwd=$DZ_TEST_ERP_PASSWORD; database=Other$U; encrypt=off"
sa=$(sql "SELECT account_set_id FROM users WHERE username='kc$U'")
sb=$(sql "SELECT account_set_id FROM users WHERE username='kd$U'")
ok "two account sets ($sa, $sb)" test -n "$sa" -a -n "$sb" -a "$sa" != "$sb"
blob=$(sql "SELECT HEX(erp_dsn) FROM account_sets WHERE id = $sa")
bblob=$(sql "SELECT HEX(erp_dsn) FROM account_sets WHERE id = $sb")
kid=$((16#${blob:2:2}))
w0=$(workers dz-query | sort | xargs)

get "kc$U" /query
is "$STATUS" 200 "A's 往来对账 opens with the sealed address"

# refused BROWSER SET WHAT: the last page is the branded refusal, and the
# log has one new line naming the set and its key id only
refused() {
	is "$STATUS" 503 "$3: 503, not a 500"
	ok "$3: the page says the credentials are unavailable" grep -q '凭据不可用' "$BODY"
	ok "$3: the site's page (its stylesheet)" grep -q 'href="/static/' "$BODY"
	unlike "$(body)" "$DZ_TEST_ERP_PASSWORD|pwd=|uid=" "$3: nothing of the address on the page"
}
logged() {	# logged FROM-LINE SET WHAT
	local new
	new=$(tail -n +"$1" "$LOG")
	like "$new" "data address of account set $2 refused: key id $kid" "$3: logged with row $2 and key id $kid"
	unlike "$new" "$DZ_TEST_ERP_PASSWORD|pwd=|${blob:4:24}|${blob:0:16}" \
		"$3: the log has nothing of the address or the blob"
}

# 1. one byte flipped (in the ciphertext)
n=$(($(wc -l <"$LOG") + 1))
sql "UPDATE account_sets SET erp_dsn = CONCAT(LEFT(erp_dsn, 19),
	CHAR(ASCII(SUBSTRING(erp_dsn, 20, 1)) ^ 1), SUBSTRING(erp_dsn, 21)) WHERE id = $sa" >/dev/null
get "kc$U" /query
refused "kc$U" "$sa" "a flipped byte"
logged "$n" "$sa" "a flipped byte"
sql "UPDATE account_sets SET erp_dsn = UNHEX('$blob') WHERE id = $sa" >/dev/null
get "kc$U" /query
is "$STATUS" 200 "the blob put back: 200 again"

# 2. A's blob in B's row (the associated data names the row)
n=$(($(wc -l <"$LOG") + 1))
sql "UPDATE account_sets SET erp_dsn = UNHEX('$blob') WHERE id = $sb" >/dev/null
get "kd$U" /query
refused "kd$U" "$sb" "A's blob in B's row"
logged "$n" "$sb" "A's blob in B's row"
get "kc$U" /query
is "$STATUS" 200 "A is still served"
sql "UPDATE account_sets SET erp_dsn = UNHEX('$bblob') WHERE id = $sb" >/dev/null

# 3. the key file taken away while the programs run
n=$(($(wc -l <"$LOG") + 1))
mv "$KEY" "$KEY.away"
get "kc$U" /query
refused "kc$U" "$sa" "key file removed while running"
like "$(tail -n +"$n" "$LOG")" "cannot load key file .*: missing" "the missing key file is logged"
like "$(tail -n +"$n" "$LOG")" "data address of account set $sa not opened: no key file loaded" \
	"the refusal is logged with its row"
mv "$KEY.away" "$KEY"
get "kc$U" /query
is "$STATUS" 200 "the key file back: 200 again, without a restart"
is "$(workers dz-query | sort | xargs)" "$w0" "no dz-query worker died or restarted so far"

# 4. the key file missing when a worker starts
mv "$KEY" "$KEY.away"
for p in $w0; do kill "$p"; done
w1=
for _ in $(seq 100); do
	w1=$(workers dz-query | sort | xargs)
	[ -n "$w1" ] && [ "$(echo "$w1" | wc -w)" = "$(echo "$w0" | wc -w)" ] &&
		! echo " $w1 " | grep -Eq " ($(echo "$w0" | tr ' ' '|')) " && break
	sleep 0.1
done
ok "new workers started without the key ($w1)" test -n "$w1" -a "$w1" != "$w0"
get "kc$U" /query
refused "kc$U" "$sa" "key file missing at start-up"
get "kc$U" /
is "$STATUS" 200 "pages without the key still served"
mv "$KEY.away" "$KEY"
get "kc$U" /query
is "$STATUS" 200 "the key file back: the new workers load it"
is "$(workers dz-query | sort | xargs)" "$w1" "no worker died on the way"
unlike "$(cat "$DZ_TEST_LOGDIR"/dz-*.log)" "AddressSanitizer|segfault|signal 11|SIGSEGV|SIGABRT" \
	"0 crashes in the programs' logs"

done_testing
