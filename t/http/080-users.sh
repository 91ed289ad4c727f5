#!/bin/sh
# 用户管理: an admin adds a user (default password, forced change), edits it
# (the stored data address is kept and never shown), disables it (it cannot
# sign in and its session dies at once). The data address is stored
# encrypted; same server + database share one account set; bad input gives
# 400 naming the field; every change is audited.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-users || skip_all "dz-users not running"

pw=Good-Pass-$U
adm=tua$U
ok "admin $adm" mkuser "$adm" admin "$pw"
login a "$adm" "$pw"
is "$STATUS" 303 "admin signed in"

get a /admin/users/new
is "$STATUS" 200 "GET /admin/users/new: 200"
tok=$(csrf)
ok "form has a csrf field" test -n "$tok"
for f in username erp_kind role dsn password status; do
	ok "form has field $f" grep -q "name=\"$f\"" "$BODY"
done
# the first ERP version offered (one option per conf/erp profile)
kind=$(tr -d '\n' <"$BODY" | grep -o '<select[^>]*name="erp_kind".*' | sed 's,</select>.*,,' |
	grep -o '<option[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//' | grep -v '^$' | head -1)
ok "an ERP version is offered ($kind)" test -n "$kind"

secret=Sec-$U-pwd
port=${DZ_TEST_ERP_PORT:-14334}
dsn="server=127.0.0.1,$port; uid=sa; pwd=$secret; database=dz_test_$U"
user=tuc$U
audit0=$(sql "SELECT COUNT(*) FROM audit_log")
post a /admin/users/new "username=$user" "erp_kind=$kind" role=clerk "dsn=$dsn" password= status=active "csrf=$tok"
is "$STATUS" 303 "create $user: 303"
like "$(location)" '^/admin/users(\?.*)?$' "... to /admin/users"
is "$(sql "SELECT role, status, must_change_password FROM users WHERE username='$user'")" \
	"$(printf 'clerk\tactive\t1')" "row: clerk, active, must change"
id=$(sql "SELECT id FROM users WHERE username='$user'")
as=$(sql "SELECT account_set_id FROM users WHERE id='$id'")
ok "user has an account set" test -n "$as" -a "$as" != NULL
ok "the data address password is not stored in clear" \
	test -z "$(sql "SELECT * FROM account_sets; SELECT * FROM users; SELECT * FROM audit_log" | grep -F "$secret")"
ok "nor in any log" test -z "$(grep -r -l -F "$secret" "$DZ_TEST_LOGDIR" 2>/dev/null)"
ok "the user change is audited" test "$(sql "SELECT COUNT(*) FROM audit_log")" -gt "$audit0"

get a /admin/users
is "$STATUS" 200 "list: 200"
ok "list shows $user" grep -q "$user" "$BODY"

get a "/admin/users/$id"
is "$STATUS" 200 "edit form: 200"
ok "edit form shows the name" grep -q "$user" "$BODY"
ok "edit form never shows the stored password" test -z "$(grep -F "$secret" "$BODY")"

# edit ROLE STATUS: the edit form posted back with its hidden fields
edit() {
	local etok ver=()
	get a "/admin/users/$id"
	etok=$(csrf)
	[ -z "$(field version)" ] || ver=("version=$(field version)")
	# the data address as the form shows it (without its password) = keep it
	post a "/admin/users/$id" "username=$user" "erp_kind=$kind" "role=$1" "dsn=$(field dsn)" password= \
		"status=$2" "csrf=$etok" "${ver[@]}"
}

# users on the same server + database share the account set
post a /admin/users/new "username=tud$U" "erp_kind=$kind" role=viewer \
	"dsn=server=127.0.0.1,$port; uid=other; pwd=x-$U; database=dz_test_$U" password= status=active "csrf=$tok"
is "$STATUS" 303 "second user on the same database: 303"
is "$(sql "SELECT account_set_id FROM users WHERE username='tud$U'")" "$as" "same account set"

# bad input: 400 naming the field, nothing stored
n0=$(sql "SELECT COUNT(*) FROM users")
post a /admin/users/new "username=bad$U" "erp_kind=$kind" role=superuser "dsn=$dsn" status=active "csrf=$tok"
is "$STATUS" 400 "role=superuser: 400"
ok "the 400 page names the field (角色)" grep -q '角色' "$BODY"
post a /admin/users/new "username=" "erp_kind=$kind" role=clerk "dsn=$dsn" status=active "csrf=$tok"
is "$STATUS" 400 "empty username: 400"
ok "the 400 page names the field (用户名)" grep -q '用户名' "$BODY"
post a /admin/users/new "username=$user" "erp_kind=$kind" role=clerk "dsn=$dsn" status=active "csrf=$tok"
like "$STATUS" '^(400|409)$' "duplicate username: refused ($STATUS)"
is "$(sql "SELECT COUNT(*) FROM users")" "$n0" "nothing stored"

# the new user signs in: default password, forced change
login u "$user" 123456
is "$STATUS" 303 "$user signs in with 123456"
is "$(location)" /password "... and must change it"
change_password u 123456 "$pw"
is "$STATUS" 303 "$user changed the password"
get u /
is "$STATUS" 200 "$user sees the home page"
usid=$(cookie u __Host-dz)

# edit: role, keep the data address
blob0=$(sql "SELECT HEX(erp_dsn) FROM account_sets WHERE id='$as'")
edit viewer active
is "$STATUS" 303 "edit (role viewer, data address kept): 303"
[ "$STATUS" = 303 ] || diag "$(grep -o '<p class="field-error">[^<]*' "$BODY")"
is "$(sql "SELECT role FROM users WHERE id='$id'")" viewer "role is viewer"
is "$(sql "SELECT account_set_id FROM users WHERE id='$id'")" "$as" "account set kept"
isnt "$(sql "SELECT HEX(erp_dsn) FROM account_sets WHERE id='$as'")" "" "stored data address kept"
get a "/admin/users/$id"
ok "the edit form still shows the address" grep -q "dz_test_$U" "$BODY"
ok "... without its password" test -z "$(grep -F "$secret" "$BODY")"
is "$(sql "SELECT must_change_password FROM users WHERE id='$id'")" 0 "an edit without a password keeps it"

# disable: the session dies at once, sign-in refused
edit viewer disabled
is "$STATUS" 303 "disable: 303"
is "$(sql "SELECT status FROM users WHERE id='$id'")" disabled "status disabled"
is "$(sql "SELECT COUNT(*) FROM sessions WHERE user_id='$id'")" 0 "no session left for $user"
get u /
is "$STATUS" 303 "the disabled user's browser: 303"
is "$(location)" /login "... to /login"
forget u2
login u2 "$user" "$pw"
isnt "$STATUS" 303 "the disabled user cannot sign in ($STATUS)"
is "$(cookie u2 __Host-dz)" "" "no session cookie"

# enable again: can sign in
edit viewer active
is "$STATUS" 303 "enable: 303"
login u2 "$user" "$pw"
is "$STATUS" 303 "enabled again: signs in"

done_testing
