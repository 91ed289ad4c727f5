#!/bin/sh
# 用户管理 with bytes a form must not carry (issue 12, hole 4). Into each
# field of POST /admin/users/new in turn (and of a saved user's form): a
# NUL byte (%00), invalid UTF-8 (%C3%28), a broken escape (%G1). Each is a
# 400 that is the form again with a Chinese message at the field that
# failed (or, for a field without a place on the form, at the top naming
# it), every other field as typed, no user made, and dz-users' log without
# ClearSilver's "AssertError" (before: the form came back empty without a
# message and the log had "Unable to set Empty component Form.Err.").
# A field name that cannot be decoded (user%00name) names no field but
# says so, and keeps the rest.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-users || skip_all "dz-users not running"

pw=Good-Pass-$U
adm=tba$U
ok "admin $adm" mkuser "$adm" admin "$pw"
login a "$adm" "$pw"
is "$STATUS" 303 "admin signed in"
get a /admin/users/new
tok=$(csrf)
ok "the form has a csrf token" test -n "$tok"
kind=$(tr -d '\n' <"$BODY" | grep -o '<select[^>]*name="erp_kind".*' | sed 's,</select>.*,,' |
	grep -o '<option[^>]*value="[^"]*"' | sed 's/.*value="//; s/"$//' | grep -v '^$' | head -1)
ok "an ERP version is offered ($kind)" test -n "$kind"

log=$DZ_TEST_LOGDIR/dz-users.log
log0=$(wc -l <"$log")
users0=$(sql "SELECT COUNT(*) FROM users")

# selected VALUE of <select name=NAME> in the last page
selected() {
	tr -d '\n' <"$BODY" | grep -o "<select[^>]*name=\"$1\".*" | sed 's,</select>.*,,' |
		grep -o '<option[^>]*selected[^>]*>' | sed 's/.*value="//; s/".*//'
}
# the field-error paragraph that follows field NAME (up to the next label)
err_at() {
	tr -d '\n' <"$BODY" | grep -o "name=\"$1\".*" | sed 's,<label>.*,,' |
		grep -o '<p class="field-error">[^<]*' | sed 's/<p class="field-error">//' | head -1
}
# the alert at the top of the form
top_alert() {
	tr -d '\n' <"$BODY" | grep -o '<p class="alert" role="alert" id="form-error">[^<]*' |
		sed 's/.*id="form-error">//' | head -1
}

name=tbu$U
dsn="server=127.0.0.1,1; uid=u$U; database=D$U"
typed=("username=$name" "erp_kind=$kind" role=viewer "dsn=$dsn" "password=Typed-$U.pw" status=disabled)

# send PATH FIELD RAW [version]: the typed form with FIELD's value RAW
# (already url-encoded); a field not in the form is added
send() {
	local path=$1 f=$2 raw=$3 args=() kv found=
	for kv in "${typed[@]}" "csrf=$tok" ${4:+"version=$4"}; do
		if [ "${kv%%=*}" = "$f" ]; then
			args+=(--data-raw "$f=$raw")
			found=1
		else
			args+=(--data-urlencode "$kv")
		fi
	done
	[ -n "$found" ] || args+=(--data-raw "$f=$raw")
	req a POST "$path" "${args[@]}" -H "Origin: $DZ_TEST_BASE"
}

# kept F: every typed field but F is in the page again
kept() {
	local f=$1 what=$2
	[ "$f" = username ] || is "$(field username)" "$name" "$what: the username is kept"
	[ "$f" = dsn ] || is "$(field dsn)" "$dsn" "$what: the data address is kept"
	[ "$f" = role ] || is "$(selected role)" viewer "$what: the role is kept"
	[ "$f" = status ] || is "$(selected status)" disabled "$what: the status is kept"
	[ "$f" = erp_kind ] || is "$(selected erp_kind)" "$kind" "$what: the ERP version is kept"
}

for bad in '%00:控制字符' 'x%00y:控制字符' '%C3%28:UTF-8' '%G1:编码'; do
	raw=${bad%%:*} want=${bad#*:}
	for f in username erp_kind role dsn password status; do
		what="$f=$raw"
		send /admin/users/new "$f" "$raw"
		is "$STATUS" 400 "$what: 400"
		ok "$what: the page is the form again" grep -q 'name="username"' "$BODY"
		msg=$(err_at "$f")
		w=$want
		# a choice's value is compared, not read as text: not one of them
		case $f:$raw in role:%C3%28|status:%C3%28) w=不是可选的值 ;; esac
		like "$msg" "$w" "$what: the message at the field says $w ($msg)"
		kept "$f" "$what"
	done
	# the version has no place on the form: the message on top names it
	send /admin/users/new version "$raw"
	is "$STATUS" 400 "version=$raw: 400"
	w=$want
	[ "$raw" != %C3%28 ] || w=格式不对	# a number: not one
	like "$(top_alert)" "^表单版本号：.*$w" "version=$raw: the message on top names 表单版本号 ($(top_alert))"
	kept version "version=$raw"
done

# a name that cannot be decoded: no field to name, said on top
send /admin/users/new "user%00name" x
is "$STATUS" 400 "user%00name=x: 400"
like "$(top_alert)" '字段的名称无法识别' "user%00name=x: the message on top says a field name was unreadable ($(top_alert))"
kept none "user%00name=x"

is "$(sql "SELECT COUNT(*) FROM users")" "$users0" "no user was made"

# a saved user's form: the same, with its id and version kept
sid=$(sql "SELECT id FROM users WHERE username='$adm'")
get a "/admin/users/$sid"
ver=$(field version)
ok "the saved user's form has a version ($ver)" test -n "$ver"
typed=("username=$adm" "erp_kind=$kind" role=admin "dsn=" "password=" status=active)
name=$adm dsn=
send "/admin/users/$sid" username '%00' "$ver"
is "$STATUS" 400 "a saved user's username=%00: 400"
like "$(err_at username)" 控制字符 "the message is at the username"
is "$(field version)" "$ver" "the form's version is kept"
is "$(sql "SELECT username FROM users WHERE id='$sid'")" "$adm" "the user is not changed"

new=$(tail -n +"$((log0 + 1))" "$log")
unlike "$new" 'AssertError|Unable to set' "dz-users logged no ClearSilver AssertError"
unlike "$new" 'clearsilver:' "nor any ClearSilver error"
done_testing
