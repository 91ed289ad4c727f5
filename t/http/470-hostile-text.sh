#!/bin/bash
# §8 check 19: hostile text in every free-text field, then viewed where it
# is shown. The payloads: <script>alert(1)</script>,
# "><img src=x onerror=alert(1)>, <?cs var:Config.VarEscapeMode ?>,
# <?cs include:"x" ?>, =HYPERLINK("http://x","y") and CR/LF
# (a%0d%0aInjected: 1). Fields: the customer's 不符合 description (and the
# User-Agent stored with the answer), 收款's note and amount, a staff
# 取消确认 description, 用户管理's username and data address, the sign-in
# username, 对账单历史's customer search, 往来对账's search.
# Asserted: where the text is shown (the customer's page, the statement's
# page and its 反馈 page, the forms drawn again) it is there HTML-escaped
# and nowhere raw (no "<script", "<img", "<?cs" in any page), so template
# syntax is shown, not evaluated; no answer header carries "Injected"; no
# line of any log (the programs', nginx's) starts with "Injected:" or is
# forged by the CR/LF. No CSV export exists yet (操作记录 is not built):
# there is no cell to check.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
. "$here/confirm.inc.sh"
st_need
program_running dz-confirm || skip_all "dz-confirm not running"

P_SCRIPT='<script>alert(1)</script>'
P_IMG='"><img src=x onerror=alert(1)>'
P_CSVAR='<?cs var:Config.VarEscapeMode ?>'
P_CSINC='<?cs include:"x" ?>'
P_HYPER='=HYPERLINK("http://x","y")'
P_CRLF=$'a\r\nInjected: 1'
ALL=("$P_SCRIPT" "$P_IMG" "$P_CSVAR" "$P_CSINC" "$P_HYPER")

# esc TEXT: TEXT as ClearSilver's html escaping writes it
esc() { printf '%s' "$1" | sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g'"; s/'/\\&#39;/g"; }
# absent FILE TEXT: TEXT (any case) is not in FILE
# shellcheck disable=SC2317 # called through ok
absent() { ! grep -qiF -- "$2" "$1"; }
# raw_free WHAT: no payload's markup raw in the last page
raw_free() {
	ok "$1: no raw <script" absent "$BODY" "<script>alert"
	ok "$1: no raw <img" absent "$BODY" "<img src=x"
	ok "$1: no raw <?cs" absent "$BODY" "<?cs"
	ok "$1: no header carries Injected" absent "$HDRS" injected
}
# nm TEXT: TEXT for a test's name (CR and LF as \r \n)
nm() { local s=${1//$'\r'/\\r}; printf '%s' "${s//$'\n'/\\n}"; }
# shown WHAT TEXT...: each TEXT is in the last page, escaped
shown() {
	local what=$1 p
	shift
	for p in "$@"; do
		ok "$what: shown escaped: $p" grep -qF -- "$(esc "$p")" "$BODY"
	done
}

st_admin
st_user c "htc$U" clerk "$DZ_TEST_ERP_DSN"
cu=$(st_lenovo)
from=$(date -d '-300 days' +%Y-%m-%d) to=$(date +%Y-%m-%d)
sid=$(st_new c "$cu" "$from" "$to") || bail "cannot make a statement"
tok=$(cf_link "$sid") || bail "cannot make a link"
ok "(control: esc writes what the pages write)" test "$(esc '<a "b">&')" = '&lt;a &quot;b&quot;&gt;&amp;'

# --- the customer's 不符合, with a hostile User-Agent -----------------------
desc=$(printf '%s\n' "${ALL[@]}")$P_CRLF
get k "/c/$tok"
ktok=$(csrf)
post k "/c/$tok" decision=disputed "description=$desc" "csrf=$ktok" -- -A "$P_IMG$P_CSVAR"
is "$STATUS" 303 "the customer's 不符合 with every payload is taken"
is "$(sql "SELECT status FROM statements WHERE id = $sid")" disputed "the statement is 不符合"
is "$(sql "SELECT COUNT(*) FROM feedback WHERE statement_id = $sid AND description LIKE
	CONCAT('<script>alert(1)</script>', CHAR(10), '\"><img %', 'Injected: 1')")" 1 "the description is stored as typed"
get k "/c/$tok"
is "$STATUS" 200 "the customer's page after the answer"
raw_free "the customer's page"
shown "the customer's page" "${ALL[@]}" "Injected: 1"
get c "/statements/$sid"
is "$STATUS" 200 "the statement's page"
raw_free "the statement's page"
shown "the statement's page" "${ALL[@]}"
get c "/statements/$sid/feedback"
is "$STATUS" 200 "the 反馈 page"
raw_free "the 反馈 page"
shown "the 反馈 page" "${ALL[@]}"
ok "the 反馈 page shows the device without its markup" absent "$BODY" "<img"
get c /statements
raw_free "对账单历史"

# --- 收款: the note, the amount ------------------------------------------
note="$P_SCRIPT $P_IMG $P_CSVAR $P_CSINC $P_HYPER"
act c "$sid" receive amount=1.00 "date=$to" "note=$note" anyway=1
is "$STATUS" 303 "收款 with every payload in the note is recorded"
get c "/statements/$sid"
raw_free "the statement's page with the note"
shown "the statement's page with the note" "$note"
v0=$(st_version "$sid")
act c "$sid" receive amount=1.00 "date=$to" "note=$P_CRLF"
is "$STATUS" 400 "收款 with CR/LF in the note (a line): 400"
for p in "${ALL[@]}" "$P_CRLF"; do
	act c "$sid" receive "amount=$p" "date=$to" note=x
	like "$STATUS" '^4' "收款 amount=$(nm "$p"): refused ($STATUS)"
	raw_free "收款 amount=$(nm "$p")"
done
is "$(st_version "$sid")" "$v0" "nothing recorded by the refused 收款"

# --- a staff description: 取消确认 -----------------------------------------
act c "$sid" cancel "description=$desc"
is "$STATUS" 303 "取消确认 with every payload in its description"
get c "/statements/$sid"
raw_free "the statement's page after 取消确认"
get c "/statements/$sid/feedback"
raw_free "the 反馈 page after 取消确认"
shown "the 反馈 page after 取消确认" "${ALL[@]}"

# --- searches and forms drawn again --------------------------------------
for p in "${ALL[@]}" "$P_CRLF"; do
	get c /statements -G --data-urlencode "customer=$p"
	like "$STATUS" '^(200|400)$' "对账单历史 customer=$(nm "$p"): $STATUS"
	raw_free "对账单历史 customer=$(nm "$p")"
	[ "$STATUS" = 200 ] && shown "对账单历史's search box" "$p"
	get c /query -G --data-urlencode "q=${p:0:50}"
	like "$STATUS" '^(200|400)$' "往来对账 q=$(nm "$p"): $STATUS"
	raw_free "往来对账 q=$(nm "$p")"
	[ "$STATUS" = 200 ] && shown "往来对账's search box" "${p:0:50}"
done
get a /admin/users/new
atok=$(csrf)
for p in "${ALL[@]}" "$P_CRLF"; do
	post a /admin/users/new "username=${p:0:32}" erp_kind=grasp role=viewer "dsn=$p" password= \
		status=active "csrf=$atok"
	is "$STATUS" 400 "用户管理 username=$(nm "$p"): 400"
	raw_free "用户管理 username=$(nm "$p")"
	case $p in *$'\n'*) ;; *) shown "用户管理's form drawn again" "${p:0:32}" ;; esac
done
is "$(sql "SELECT COUNT(*) FROM users WHERE username LIKE '%<%' OR username LIKE '%=%' OR username LIKE '%Injected%'")" 0 \
	"no such user was made"
forget p
for p in "${ALL[@]}" "$P_CRLF"; do
	login p "${p:0:32}" "Wrong-$U"
	like "$STATUS" '^4' "sign-in as $(nm "$p"): refused ($STATUS)"
	raw_free "sign-in as $(nm "$p")"
done

# --- logs: no line forged ------------------------------------------------
sleep 1	# nginx writes its access log line after the answer
forged=$(cat "$DZ_TEST_LOGDIR"/*.log 2>/dev/null | grep -a -c -E '^Injected' || true)
is "$forged" 0 "no log line starts with Injected:"
ok "(control: the access log has this test's requests)" grep -q "/statements/$sid/feedback" "$DZ_TEST_ACCESS_LOG"
sql "DELETE FROM login_failures WHERE ip IN ('127.0.0.1', '::1')" >/dev/null
done_testing
