#!/bin/bash
# §8 check 20 (part: the §7.2 bad-input plan over HTTP, without the
# sanitizer build) and issue 12 hole 4's sweep: every form of every screen,
# listed from the templates' <form>s and the programs' routes
#   sign-in, the (forced) password change, 退出, 用户管理 new / edit /
#   测试连接, 往来对账's query (GET and POST with ticks) and a document's
#   goods, 预览, 生成对账单, the statement actions (收款, 符合确认,
#   不符合确认, 取消确认, 撤销, 删除, 分享链接 and 撤销链接), 对账单历史's
#   filters, 每天发送的记录, and the customer's answer on /c/<token>,
# gets into each field in turn: a NUL byte (a%00b), invalid UTF-8 (%C3%28,
# %FF), the field without its name (=value) and an over-long value.
# Asserted for every answer: 4xx or the normal page, never 5xx; the page is
# the site's own (its layout, not nginx's, not empty) and a 4xx says why
# (an error card, a field error or an alert with text), naming a field in
# words (字段 开始日期（from）, not the bare name). For each form:
# nothing changed in the store (the rows and versions of the tables it
# could touch, before and after; each form's base is refused after its
# fields validate: a taken username, a stale version, from after to, a
# wrong current password, a blank 不符合 reason), and the programs' logs got
# no ClearSilver error (AssertError), no assertion and no worker that died.
# About 600 requests, well under a minute here.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
. "$here/confirm.inc.sh"
st_need
program_running dz-users || skip_all "dz-users not running"
program_running dz-confirm || skip_all "dz-confirm not running"
started=$(date +%s)

st_admin
clerk=swc$U
st_user c "$clerk" clerk "$DZ_TEST_ERP_DSN"
DB=$DZ_TEST_ERP_SQLITE
cu=$(st_lenovo)
from=$(date -d '-300 days' +%Y-%m-%d) to=$(date +%Y-%m-%d)
sid=$(st_new c "$cu" "$from" "$to") || bail "cannot make a statement"
vch=$(st_docs "$cu" "$from" "$to" | head -1)
vdate=$(sqlite3 "$DB" "SELECT date FROM Dlyndx WHERE Vchcode = $vch")
tok=$(cf_link "$sid") || bail "cannot make a link"
# a user to edit through 用户管理
get a /admin/users/new
post a /admin/users/new "username=swe$U" erp_kind=grasp role=viewer "dsn=$DZ_TEST_ERP_DSN" \
	password= status=active "csrf=$(csrf)"
[ "$STATUS" = 303 ] || bail "cannot make the user to edit ($STATUS)"
eid=$(sql "SELECT id FROM users WHERE username = 'swe$U'")
# a user in a forced password change (browser f)
fpw=Good-Pass-$U
mkuser "swf$U" viewer "$fpw" || bail "cannot make swf$U"
sql "UPDATE users SET must_change_password = 1 WHERE username = 'swf$U'" >/dev/null
login f "swf$U" "$fpw"
is "$(location)" /password "swf$U is sent to the forced change"
fid=$(sql "SELECT id FROM users WHERE username = 'swf$U'")
cid=$(sql "SELECT id FROM users WHERE username = '$clerk'")

get a /admin/users; atok=$(csrf)
get c "/statements/$sid"; ctok=$(csrf)
get f /password; ftok=$(csrf)
forget p; get p /login; ptok=$(csrf)
forget k; get k "/c/$tok"; ktok=$(csrf)
ok "every form's token is there" test -n "$atok" -a -n "$ctok" -a -n "$ftok" -a -n "$ptok" -a -n "$ktok"
ver=$(st_version "$sid")
stale=$((ver + 1000))

# What the forms could change: users (rows, versions, password hashes),
# account sets, statements (rows, versions, statuses, received, deleted),
# answers, share links (made, revoked), the sessions of this test's users.
state() {
	sql "SELECT CONCAT_WS('|',
		(SELECT COUNT(*) FROM users), (SELECT COALESCE(SUM(version), 0) FROM users),
		(SELECT COALESCE(SUM(CRC32(password_hash)), 0) FROM users),
		(SELECT COUNT(*) FROM account_sets),
		(SELECT COUNT(*) FROM statements), (SELECT COALESCE(SUM(version), 0) FROM statements),
		(SELECT GROUP_CONCAT(CONCAT(status, ':', received, ':', deleted_at IS NULL) ORDER BY id)
			FROM statements WHERE id = $sid),
		(SELECT COUNT(*) FROM feedback),
		(SELECT COUNT(*) FROM share_links), (SELECT COUNT(*) FROM share_links WHERE revoked_at IS NOT NULL),
		(SELECT COUNT(*) FROM sessions WHERE user_id IN ($cid, $fid, $eid)))"
}

LOGS=("$DZ_TEST_LOGDIR"/dz-*.log)
declare -A LOG0
for l in "${LOGS[@]}"; do LOG0[$l]=$(wc -l <"$l"); done
# the programs' log lines since the start that tell of a crash or a
# template error
bad_log_lines() {
	local l
	for l in "${LOGS[@]}"; do
		tail -n +"$((${LOG0[$l]:-0} + 1))" "$l" |
			grep -E 'AssertError|clearsilver:|Assertion|AddressSanitizer|runtime error|super: worker [0-9]+ (killed by signal|exited with [1-9])'
	done
}

LONG_GET=$(printf '%5000s' '' | tr ' ' x)
LONG_POST=$(printf '%20000s' '' | tr ' ' x)
VARIANTS="nul utf8 ff noname long"
total=0

# The site's page: our layout, not nginx's own page.
site_page() {
	grep -q '<link rel="stylesheet" href="/static/css/dz.css">' "$BODY" &&
		grep -q '对账助手</title>' "$BODY" && ! grep -q '<center>nginx' "$BODY"
}
# A 4xx says why: an error card, a field error or an alert, with text.
has_message() {
	tr -d '\n' <"$BODY" | grep -qE '<section class="card error">.*<p class="lead">[^<]+|<p class="(field-error|alert)"[^>]*>[^<]+'
}

# sweep NAME BROWSER METHOD PATH name=value...: the form as its page sends
# it (values raw, url-encoded here), each field in turn replaced by each
# variant; one TAP line per property over all the form's answers
sweep() {
	local name=$1 b=$2 m=$3 path=$4 i j k v raw args variant long s0 s1 n=0
	local fivexx="" notsite="" nomsg="" nowords="" seen=" " codes=""
	shift 4
	local fields=("$@")
	long=$LONG_POST
	[ "$m" = GET ] && long=$LONG_GET
	s0=$(state)
	for ((i = 0; i < ${#fields[@]}; i++)); do
		k=${fields[i]%%=*}
		case $seen in *" $k "*) continue ;; esac	# a repeated key once
		seen="$seen$k "
		for variant in $VARIANTS; do
			case $variant in
			nul) raw="$k=a%00b" ;;
			utf8) raw="$k=%C3%28" ;;
			ff) raw="$k=%FF" ;;
			noname) raw="=x" ;;
			long) raw="$k=$long" ;;
			esac
			args=()
			[ "$m" = GET ] && args+=(-G)
			for ((j = 0; j < ${#fields[@]}; j++)); do
				if [ "$j" = "$i" ]; then
					args+=(--data-raw "$raw")
				else
					args+=(--data-urlencode "${fields[j]}")
				fi
			done
			[ "$m" = POST ] && args+=(-H "Origin: $DZ_TEST_BASE")
			SRC=127.0.0.$((2 + total % 200)) req "$b" "$m" "$path" "${args[@]}"
			total=$((total + 1)) n=$((n + 1))
			codes="$codes$STATUS\n"
			case $STATUS in
			2*|4*) ;;
			3*) continue ;;		# a redirect: its page is another request
			*) fivexx="$fivexx $k:$variant=$STATUS"; continue ;;
			esac
			site_page || notsite="$notsite $k:$variant=$STATUS"
			case $STATUS in 4*) has_message || nomsg="$nomsg $k:$variant=$STATUS" ;; esac
			# an error page that names a field names it in words too
			! grep -q '字段 <code>' "$BODY" || nowords="$nowords $k:$variant"
		done
	done
	s1=$(state)
	diag "$name: $(printf '%b' "$codes" | sort | uniq -c | awk '{ printf "%s%s x%s", (n++ ? ", " : ""), $2, $1 }')"
	is "$fivexx" "" "$name: no 5xx in $n answers"
	is "$notsite" "" "$name: every answer is the site's page"
	is "$nomsg" "" "$name: every 4xx says why"
	is "$nowords" "" "$name: a field named on the error page is named in words"
	is "$s1" "$s0" "$name: nothing changed in the store"
}

sweep "sign-in" p POST /login "username=nobody$U" "password=Wrong-$U" "csrf=$ptok"
sweep "forced password change" f POST /password "old=Wrong-$U" "new=Brand-New-$U.9" "new2=Brand-New-$U.9" "csrf=$ftok"
sweep "用户管理 new (a taken username)" a POST /admin/users/new "username=$clerk" erp_kind=grasp role=viewer \
	"dsn=$DZ_TEST_ERP_DSN" password= status=active "csrf=$atok"
get a "/admin/users/$eid"
sweep "用户管理 edit (a taken username)" a POST "/admin/users/$eid" "username=$clerk" erp_kind=grasp role=viewer \
	"dsn=server=127.0.0.1,1; uid=sa; pwd=x; database=D$U" password= status=active "version=$(field version)" "csrf=$atok"
sweep "用户管理 测试连接" a POST /admin/users/new/test "username=swt$U" erp_kind=grasp role=viewer \
	"dsn=server=127.0.0.1,1; uid=sa; pwd=x; database=D$U" password= status=active "csrf=$atok"
sweep "往来对账 query" c GET /query q=a page=1 "customer=$cu" "from=$from" "to=$to" types=sale types=receipt opening=1 go=1
sweep "往来对账 ticks (POST)" c POST /query "customer=$cu" "from=$from" "to=$to" types=sale "doc=$vch" opening=1 go=1 "csrf=$ctok"
sweep "a document's goods" c GET "/query/doc/$vch" "customer=$cu" "date=$vdate"
sweep "预览 (from after to)" c POST /statements/preview "customer=$cu" "from=$to" "to=$from" types=sale "doc=$vch" opening=1 "csrf=$ctok"
sweep "生成对账单 (from after to)" c POST /statements/new "customer=$cu" "from=$to" "to=$from" types=sale "doc=$vch" opening=1 "csrf=$ctok"
sweep "收款 (a stale version)" c POST "/statements/$sid/receive" "version=$stale" amount=1.00 "date=$to" note=abc anyway=1 "csrf=$ctok"
for a in agree dispute cancel delete; do
	sweep "$a (a stale version)" c POST "/statements/$sid/$a" "version=$stale" description=abc "csrf=$ctok"
done
sweep "撤销 取消确认 (a stale version)" c POST "/statements/$sid/uncancel" "version=$stale" "csrf=$ctok"
sweep "分享链接" c POST "/statements/$sid/share" "csrf=$ctok"
sweep "撤销链接" c POST "/statements/$sid/revoke" "csrf=$ctok"
sweep "对账单历史 filters" c GET /statements customer=abc status=pending "from=$from" "to=$to" \
	"created_from=$from" "created_to=$to" page=1
sweep "每天发送的记录" c GET /statements/sends "from=$from" "to=$to"
sweep "the customer's answer (a blank reason)" k POST "/c/$tok" decision=disputed "description=   " "csrf=$ktok"
sweep "退出" f POST /logout "csrf=$ftok"

unlike "$(bad_log_lines)" . "no AssertError, ClearSilver error, assertion or dead worker in the programs' logs"
diag "$total requests in $(($(date +%s) - started)) s"
ok "bounded: under 2 minutes ($(($(date +%s) - started)) s)" test $(($(date +%s) - started)) -lt 120
sql "DELETE FROM login_failures WHERE username = 'nobody$U'" >/dev/null
done_testing
