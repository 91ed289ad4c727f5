#!/bin/sh
# §8 check 14: the data-address column and a backup (dz-admin backup) hold
# no plaintext: no known test password, no "pwd=", nothing of the address;
# every blob starts with version 1 and a key id the key file has, and all
# nonces (bytes 3-14) are distinct.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-users || skip_all "dz-users not running"
[ -n "${DZ_TEST_ERP_DSN:-}" ] || skip_all "no ERP simulator (DZ_TEST_ERP_DSN unset)"
. "$(dirname "$0")/../lib/erpsim.sh"
KEY=$(sed -n 's/^[[:space:]]*Paths.KeyFile[[:space:]]*=[[:space:]]*//p' "$DZ_CONF" | head -1)
[ -f "$KEY" ] || bail "no key file ($KEY)"

pw=Good-Pass-$U
ok "admin" mkuser "ra$U" admin "$pw"
login a "ra$U" "$pw"
# Five addresses through 用户管理, each with the same known password.
secret=Known-Test-Pw-$U
for i in 1 2 3 4 5; do
	ok "clerk $i with a data address" mkclerk "rc$i$U" \
		"server=127.0.0.1,$DZ_TEST_ERP_PORT; uid=sa; pwd=$secret; database=Rest$i$U; encrypt=off"
done

n=$(sql "SELECT COUNT(*) FROM account_sets WHERE LENGTH(erp_dsn) > 0")
ok "$n sealed data addresses" test "$n" -ge 5
sql "SELECT erp_dsn FROM account_sets WHERE LENGTH(erp_dsn) > 0" >"$T/column"
for s in "$secret" "$DZ_TEST_ERP_PASSWORD" "pwd=" "uid=" "Rest1$U" "127.0.0.1"; do
	ok "the column has no '$s'" sh -c "! grep -aqiF -- '$s' '$T/column'"
done
is "$(sql "SELECT COUNT(*) FROM account_sets WHERE LENGTH(erp_dsn) > 0 AND ASCII(erp_dsn) <> 1")" 0 \
	"every blob starts with version 1"
ids=$(cut -d' ' -f1 "$KEY" | paste -sd,)
is "$(sql "SELECT COUNT(*) FROM account_sets WHERE LENGTH(erp_dsn) > 0 AND ASCII(SUBSTRING(erp_dsn, 2, 1)) NOT IN ($ids)")" 0 \
	"then a key id of the key file ($ids)"
is "$(sql "SELECT COUNT(DISTINCT SUBSTRING(erp_dsn, 3, 12)) = COUNT(*) FROM account_sets WHERE LENGTH(erp_dsn) > 0")" 1 \
	"all nonces distinct"
is "$(sql "SELECT COUNT(*) FROM account_sets WHERE LENGTH(erp_dsn) > 0 AND LENGTH(erp_dsn) < 1 + 1 + 12 + 16 + 10")" 0 \
	"each blob is version, key id, nonce, ciphertext and tag"

# The backup
ok "dz-admin backup" sh -c "'$DZ_TEST_ADMIN' backup '$T/backup.sql' >/dev/null"
ok "the backup has the data addresses (the account_sets table)" grep -aq 'account_sets' "$T/backup.sql"
for s in "$secret" "$DZ_TEST_ERP_PASSWORD" "pwd=" "PWD=" "uid=sa"; do
	ok "the backup has no '$s'" sh -c "! grep -aqF -- '$s' '$T/backup.sql'"
done
while read -r id k; do
	ok "the backup has nothing of key $id" sh -c "! grep -aqF -- '$k' '$T/backup.sql'"
done <"$KEY"

done_testing
