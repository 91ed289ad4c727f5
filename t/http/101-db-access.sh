#!/bin/sh
# The stack's private MariaDB lets no other local user in (issue 11, case
# 4): before, root had no password ("normal" authentication), the socket
# was 0777 in a 0755 folder, and a throw-away user read the users table.
# Now root signs in by unix_socket only (the OS root), the socket's folder
# is for root and the programs' group, the data folder is 0700, and the
# programs' own account needs its password.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
[ -f "${DZ_CONF:-}" ] || skip_all "DZ_CONF unset"
[ "$(id -u)" = 0 ] || bail "runs as root (deploy/test does)"
sock=$(sed -n 's/^[[:space:]]*DB.Socket[[:space:]]*=[[:space:]]*//p' "$DZ_CONF")
ok "the config names a socket ($sock)" test -S "$sock"

# a throw-away local user, as the issue's reproduction had
as_nobody() { runuser -u nobody -- "$@"; }
out=$(as_nobody mariadb --no-defaults -S "$sock" -uroot -N -e 'SELECT COUNT(*) FROM duizhang.users' 2>&1)
unlike "$out" '^[0-9]+$' "another local user cannot read the users table as root"
like "$out" 'denied|Permission|Can.t connect' "it is refused ($out)"
out=$(as_nobody mariadb --no-defaults -S "$sock" -uduizhang -N -e 'SELECT 1' 2>&1)
unlike "$out" '^1$' "nor as the programs' account without its password"
out=$(as_nobody sh -c "cat '$DZ_TEST_RUN'/db/mysql/global_priv.MAD" 2>&1 >/dev/null)
like "$out" 'Permission denied' "nor read the data files"
is "$(stat -c %a "$DZ_TEST_RUN/db")" 700 "the data folder is 0700"
dir=$(dirname "$sock")
is "$(stat -c %a "$dir")" 750 "the socket's folder is 0750"
is "$(stat -c %G "$dir")" "$DZ_TEST_PROG_USER" "of the programs' group"

# root: only the OS root, through the socket, without a password
is "$("$DZ_TEST_SQL" "SELECT plugin FROM mysql.user WHERE user = 'root' AND host = 'localhost'")" \
	unix_socket "MariaDB's root signs in by unix_socket"
is "$("$DZ_TEST_SQL" "SELECT COUNT(*) FROM mysql.user WHERE (user = 'root' AND host <> 'localhost') OR user = ''")" \
	0 "no other root or anonymous account"
is "$("$DZ_TEST_SQL" "SELECT COUNT(*) FROM users WHERE 1 = 1" | grep -c '^[0-9]')" 1 \
	"the OS root still can (dz-sql)"
# the programs' account works with its password, as the programs use it
pw=$(sed -n 's/^[[:space:]]*DB.Password[[:space:]]*=[[:space:]]*//p' "$DZ_CONF")
out=$(runuser -u "$DZ_TEST_PROG_USER" -- mariadb --no-defaults -S "$sock" -uduizhang "-p$pw" -N -e 'SELECT 1' 2>&1)
is "$out" 1 "the programs' user reaches the socket with the account's password"

done_testing
