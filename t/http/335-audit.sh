#!/bin/bash
# 操作记录 (GET /admin/audit, /admin/audit.csv), issue 12: an admin sees the
# rows real actions wrote (a statement made, shared, answered by the
# customer, deleted; a user edited) with who, what and the object; each
# filter (操作人, 操作, 对象 — a number is a statement —, the dates)
# narrows to exactly what the store holds; pages of 50 with the total; the
# CSV has the same rows (UTF-8 with its byte-order mark, every cell quoted)
# and a cell a spreadsheet would take for a formula starts with '; clerks
# and viewers get 403; a bad filter is a 400 that says which; an export
# over its limit says to narrow it.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
. "$here/confirm.inc.sh"
st_need
program_running dz-users || skip_all "dz-users not running"
program_running dz-confirm || skip_all "dz-confirm not running"
helper=$here/confirm-helper
[ -x "$helper" ] || bail "t/http/confirm-helper not built (make check TESTS=)"

rows() { grep -c '<tr id="audit-' "$BODY"; }
# col N: the Nth cell of every row of the last page, one a line
col() {
	tr -d '\n' <"$BODY" | grep -o '<tr id="audit-[0-9]*">.*</tbody>' |
		sed 's,</tr>,\n,g' | grep -o '<td[^>]*>.*' |
		awk -v n="$1" -F '</td>' '{ c = $n; sub(/^.*<td[^>]*>/, "", c); gsub(/<[^>]*>/, "", c); print c }' |
		sed '/^$/d'
}
total() { grep -o '共 [^0-9]*[0-9]* 条' "$BODY" | grep -o '[0-9]*'; }

st_admin
adm=sa$U
st_user c "ac$U" clerk "$DZ_TEST_ERP_DSN"
clerk=ac$U
cid=$uid
st_user v "av$U" viewer "$DZ_TEST_ERP_DSN"
cu=$(st_lenovo)
sid=$(st_new c "$cu" "$(date -d '-250 days' +%Y-%m-%d)" "$(date +%Y-%m-%d)") || bail "no statement"
sid2=$(st_new c "$cu" "$(date -d '-251 days' +%Y-%m-%d)" "$(date +%Y-%m-%d)") || bail "no statement"
act c "$sid" share
tok=$("$helper" link "$sid") || bail "no link"
get C "/c/$tok"
evil='=HYPERLINK("http://evil.example/","点这里")'
post C "/c/$tok" decision=disputed "description=$evil" "csrf=$(csrf)"
is "$STATUS" 303 "the customer answers 不符合 with a formula for a description"
act c "$sid2" delete note=重复
is "$STATUS" 303 "the clerk deletes the second statement"
get a "/admin/users/$cid"
post a "/admin/users/$cid" "username=$clerk" erp_kind=grasp role=clerk "dsn=$(field dsn)" password= \
	status=active "version=$(field version)" "csrf=$(field csrf)"
is "$STATUS" 303 "the admin saves the clerk's user"

# 1. the list
get a /admin/audit
is "$STATUS" 200 "GET /admin/audit: 200"
like "$(body)" '<h1>操作记录</h1>' "titled 操作记录"
like "$(body)" 'href="/admin/audit" class="on"' "its tab in the admin's navigation"
all=$(sql "SELECT COUNT(*) FROM audit_log")
is "$(rows)" "$((all < 50 ? all : 50))" "a page of at most 50 rows"
if [ "$all" -le 1000 ]; then
	is "$(total)" "$all" "the total is the store's"
else
	like "$(body)" '共 超过 1000 条' "the total, counted up to 1,000: 超过 1000"
fi
ok "newest first" test "$(col 1 | head -1)" \> "$(col 1 | tail -1)" -o "$(col 1 | head -1)" = "$(col 1 | tail -1)"
get a "/admin/audit?object=$sid"
like "$(body)" "生成对账单" "statement $sid: 生成对账单"
like "$(body)" "分享" "... 分享"
like "$(body)" "客户答复：不符合" "... the customer's answer"
is "$(rows)" "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$sid'")" "... all its rows, no other"
is "$(col 4 | sort -u)" "statement:$sid" "... each one of statement $sid"
ok "the formula is shown as text" grep -qF '=HYPERLINK(&quot;http://evil.example/&quot;' "$BODY"

# 2. the filters, each against the store
get a "/admin/audit?user=$clerk"
is "$(col 2 | sort -u)" "$clerk" "操作人: only the clerk's rows"
is "$(total)" "$(sql "SELECT COUNT(*) FROM audit_log WHERE username = '$clerk'")" "... as many as the store has"
get a "/admin/audit?action=delete"
is "$(col 3 | sort -u)" 删除 "操作: only 删除"
is "$(total)" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'")" "... all of them"
like "$(body)" "statement:$sid2" "... the clerk's 删除 among them"
get a "/admin/audit?action=user_update&object=$clerk"
is "$(rows)" "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'user_update' AND object = '$clerk'")" "操作 and 对象 together: the admin's edit"
is "$(col 2 | sort -u)" "$adm" "... made by the admin"
today=$(sql "SELECT DATE(NOW())")
yesterday=$(sql "SELECT DATE(NOW() - INTERVAL 1 DAY)")
get a "/admin/audit?user=$clerk&from=$today&to=$today"
is "$(total)" "$(sql "SELECT COUNT(*) FROM audit_log WHERE username = '$clerk' AND DATE(at) = '$today'")" "today's rows (dates inclusive)"
get a "/admin/audit?user=$clerk&to=$yesterday"
like "$(body)" '没有符合条件的记录' "up to yesterday: none of today's"

# 3. pages
sql "INSERT INTO audit_log (username, action, object, detail) SELECT 'bulk$U', 'login', 'bulk$U', CONCAT('row ', seq) FROM seq_1_to_120" >/dev/null
get a "/admin/audit?user=bulk$U"
is "$(rows):$(total)" "50:120" "120 rows: 50 on the first page, 共 120 条"
like "$(body)" "第 1 / 3 页" "page 1 of 3"
like "$(body)" "href=\"/admin/audit\\?page=2&amp;user=bulk$U" "a link to page 2 keeps the filter"
get a "/admin/audit?user=bulk$U&page=3"
is "$(rows)" 20 "page 3: the last 20"
is "$(col 5 | tail -1)" "row 1" "... ending with the oldest"
get a "/admin/audit?user=bulk$U&page=4"
like "$(body)" '没有符合条件的记录' "past the last page: none"

# 4. the CSV
get a "/admin/audit.csv?object=$sid"
is "$STATUS" 200 "GET /admin/audit.csv: 200"
like "$(hdr Content-Type)" '^text/csv; charset=utf-8' "text/csv, UTF-8"
like "$(hdr Content-Disposition)" 'attachment; filename="?duizhang-audit\.csv' "a file to save"
is "$(head -c 3 "$BODY" | od -An -tx1 | tr -d ' ')" efbbbf "it starts with the byte-order mark"
is "$(head -1 "$BODY" | tail -c +4 | tr -d '\r')" '"时间","操作人","操作","对象","内容","来源地址","编号"' "the header row"
is "$(($(wc -l <"$BODY") - 1))" "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$sid'")" "a line per row"
ok "the customer's description in its cell, the quotes doubled" \
	grep -qF "=HYPERLINK(\"\"http://evil.example/\"\",\"\"点这里\"\")\"" "$BODY"
ok "no cell starts with a bare =, +, - or @" sh -c "! grep -qE '(^|,)\"[=+@-]' '$BODY'"
ok "the 操作 column in words" grep -qF '"客户答复：不符合"' "$BODY"
sql "INSERT INTO audit_log (username, action, object, detail) VALUES ('+$U', 'login', '@x', '-1+1'),
	('+$U', 'share', '=1+1', '=HYPERLINK(\"http://evil.example/\")')" >/dev/null
get a "/admin/audit.csv?user=%2B$U"
ok "a user named +..., an object @x, a detail -1+1: each starts with '" \
	grep -qF "\"'+$U\",\"登录\",\"'@x\",\"'-1+1\"" "$BODY"
ok "a detail that is a formula: '=HYPERLINK, quotes doubled" \
	grep -qF "\"'=1+1\",\"'=HYPERLINK(\"\"http://evil.example/\"\")\"" "$BODY"
sql "INSERT INTO audit_log (username, action, object) SELECT 'many$U', 'login', 'x' FROM seq_1_to_10001" >/dev/null
get a "/admin/audit.csv?user=many$U"
is "$STATUS" 400 "10,001 rows: 400"
like "$(body)" '一次最多导出 10000 条' "... saying the limit and to narrow the filter"

# 5. admins only
for b in c v; do
	for p in /admin/audit /admin/audit.csv; do
		get "$b" "$p"
		is "$STATUS" 403 "$([ "$b" = c ] && echo clerk || echo viewer) GET $p: 403"
	done
done
unlike "$(body)" 'HYPERLINK' "... and nothing of the rows"

# 6. bad filters
for q in "from=2026-13-01" "to=yesterday" "page=0" "page=x" "action=DROP%20TABLE" \
	"user=$(printf 'u%.0s' $(seq 65))" "object=a%00b" "from=2026-02-01&to=2026-01-01"; do
	get a "/admin/audit?$q"
	is "$STATUS" 400 "?$q: 400"
	like "$(body)" '字段|开始日期不能晚于结束日期' "... the page says what is wrong"
done
get a "/admin/audit.csv?from=2026-13-01"
is "$STATUS" 400 "the CSV with a bad date: 400"
done_testing
