#!/bin/sh
# §8 check 16: the deployed key file (deploy/lib.sh's layout) is the
# programs' user's, mode 0400 or 0600, alone in a folder of that user's
# with mode 0700; www-data (nginx's user) and another user (nobody) get
# EACCES reading it; the key is nowhere else: not in the repository (git
# grep), not in any program's environment (/proc/PID/environ), not in the
# store nor its backup (as text or as bytes), not in the logs.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-users || skip_all "dz-users not running"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KEY=$(sed -n 's/^[[:space:]]*Paths.KeyFile[[:space:]]*=[[:space:]]*//p' "$DZ_CONF" | head -1)
[ -f "$KEY" ] || bail "no key file ($KEY)"
command -v git >/dev/null || bail "no git"

like "$(stat -c '%U:%G %a' "$KEY")" "^$DZ_TEST_PROG_USER:[^ ]+ (400|600)$" "the key file: $DZ_TEST_PROG_USER's, 0400 or 0600"
is "$(stat -c '%U %a' "$(dirname "$KEY")")" "$DZ_TEST_PROG_USER 700" "its folder: $DZ_TEST_PROG_USER's, 0700"
is "$(find "$(dirname "$KEY")" -mindepth 1 | grep -vxF "$KEY")" "" "nothing else in the key's folder"
for u in www-data nobody; do
	like "$(runuser -u "$u" -- cat "$KEY" 2>&1)" 'Permission denied' "$u reading the key: EACCES"
	like "$(runuser -u "$u" -- ls "$(dirname "$KEY")" 2>&1)" 'Permission denied' "$u listing its folder: EACCES"
done

# The key's texts (base64url) and bytes (hex)
n=0
while read -r _ k; do
	n=$((n + 1))
	b=$(printf '%s' "$k" | tr -- '-_' '+/')
	while [ $((${#b} % 4)) != 0 ]; do b=$b=; done
	printf '%s\n' "$k" >>"$T/texts"
	printf '%s' "$b" | base64 -d | od -An -tx1 | tr -d ' \n' >>"$T/hex"
	echo >>"$T/hex"
	printf '%s' "$b" | base64 -d | base64 -w0 | tr -d '=' >>"$T/texts"
	echo >>"$T/texts"
done <"$KEY"
ok "$n key(s) read" test "$n" -ge 1

ok "git grep: no key in the repository" sh -c "! git -C '$ROOT' grep -qF -f '$T/texts'"
pids=$( (pgrep -u "$DZ_TEST_PROG_USER"; pgrep -x nginx) | sort -u)
ok "programs to look at: $(echo "$pids" | wc -l)" test -n "$pids"
for p in $pids; do
	[ -r "/proc/$p/environ" ] || continue
	{ tr '\0' '\n' <"/proc/$p/environ" >"$T/env.$p"; } 2>/dev/null || continue
	c=$(cat "/proc/$p/comm" 2>/dev/null)
	ok "$c ($p): no key in its environment" sh -c "! grep -qiF -f '$T/texts' '$T/env.$p' && ! grep -qiF -f '$T/hex' '$T/env.$p'"
done
ok "dz-admin backup" sh -c "'$DZ_TEST_ADMIN' backup '$T/backup.sql' >/dev/null"
ok "the backup has no key, as text" sh -c "! grep -aqF -f '$T/texts' '$T/backup.sql'"
ok "nor as bytes (hex)" sh -c "! grep -aqiF -f '$T/hex' '$T/backup.sql'"
while read -r h; do
	is "$(sql "SELECT COUNT(*) FROM account_sets WHERE LOCATE(UNHEX('$h'), erp_dsn) > 0")" 0 "the key's bytes are in no data address"
done <"$T/hex"
ok "the logs have no key" sh -c "! grep -rqF -f '$T/texts' '$DZ_TEST_LOGDIR'"

done_testing
