#!/bin/bash
# t/browser/recon.sh: 账目核对 in the browser (recon.js, run by run.sh). Its
# fixtures are made here as t/http/540-recon.sh makes them: a 未确认
# statement of four documents and its share link (confirm.inc.sh's cf_stmt
# and cf_link, straight into the app store), and a clerk of that
# statement's account set with no forced password change; recon.js gets
# them as DZ_B_RECON_SID, _TOKEN, _USER and _PW.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/http.sh"
dz_init
. "$here/../http/confirm.inc.sh"
for p in dz-confirm dz-history dz-login; do
	program_running "$p" || skip_all "$p is not running"
done
sid=$(cf_stmt) || bail "cannot create a statement"
tok=$(cf_link "$sid") || bail "cannot create a link"
# its customer's columns as no earlier run remembered them (the map page guesses)
sql "DELETE FROM recon_maps WHERE account_set_id = $(cf_set) AND customer_id = '00012'" >/dev/null
user=brecon$U pw="Recon-Check-$U"
mkuser "$user" clerk "$pw" || bail "cannot create the clerk"
sql "UPDATE users SET account_set_id = $(cf_set), must_change_password = 0
	WHERE username = '$user'" >/dev/null || bail "cannot give the clerk the account set"
export DZ_B_RECON_SID=$sid DZ_B_RECON_TOKEN=$tok DZ_B_RECON_USER=$user DZ_B_RECON_PW=$pw
# not exec: this shell's trap removes its temporary directory
"$here/run.sh" recon.js
