#!/bin/sh
# An account set of the kind 导入 (issue 16): no ERP; its customers,
# documents and goods lines come from the import templates (files made by
# this test, as a clerk fills them in Excel and saves them as CSV), stored
# by dz-admin import in one transaction, and every screen reads them
# through the ERP gateway as it reads 管家婆: the picker with the balance,
# 往来对账 with the opening, the sums and the closing, the goods page, a
# statement generated, shared, opened and answered by the customer. A file
# with errors is refused row by row, naming the row, the column and the
# reason, and stores nothing; the same files again add nothing; a
# corrected document (same number, other figures and goods) is a new
# version and the statement made from the old one shows drift.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
program_running dz-query || skip_all "dz-query not running"
program_running dz-generate || skip_all "dz-generate not running"

imp() { "$DZ_TEST_ADMIN" -c "$DZ_CONF" import "$@"; }
row() {	# row CODE: the report row of customer CODE in the last page, its cells' text
	awk -v id="data-id=\"$1\"" 'index($0, id) {p = 1} p {print} /<\/tr>/ {if (p) exit}' "$BODY" |
		sed 's/<[^>]*>/ /g' | tr -s ' \n' ' ' | sed 's/^ //; s/ $//'
}
count() { sql "SELECT COUNT(*) FROM $1 WHERE account_set_id = $set"; }

# --- the account set and its clerk -------------------------------------------
clerk=ic$U
ok "clerk $clerk" mkuser "$clerk" clerk "Good-Pass-$U"
out=$("$DZ_TEST_ADMIN" -c "$DZ_CONF" import-set "导入测试$U" --user "$clerk" 2>&1)
is "$?" 0 "dz-admin import-set: exit 0"
set=$(printf '%s\n' "$out" | sed -n 's/^account set \([0-9]*\) .*/\1/p')
ok "... names the account set ($set)" test -n "$set"
is "$(sql "SELECT CONCAT(erp_kind, ' ', company_name, ' ', erp_dsn IS NULL) FROM account_sets WHERE id = ${set:-0}")" \
	"import 导入测试$U 1" "... of the kind import, no data address"
is "$(sql "SELECT CONCAT(erp_kind, ' ', account_set_id) FROM users WHERE username = '$clerk'")" \
	"import $set" "... the clerk works in it"
out=$("$DZ_TEST_ADMIN" -c "$DZ_CONF" import-set "导入测试$U" 2>&1)
is "$(printf '%s\n' "$out" | sed -n 's/^account set \([0-9]*\) .*/\1/p')" "$set" "the same name again: the same set"

# --- or through 用户管理: 版本 导入, the set named in the address field -------------------
st_admin
get a /admin/users/new
ok "用户管理 offers 版本 导入" grep -q '<option value="import">导入' "$BODY"
post a /admin/users/new "username=iw$U" erp_kind=import role=clerk "dsn=导入测试$U" password= status=active "csrf=$(csrf)"
is "$STATUS" 303 "a clerk of the set made in 用户管理: 303"
is "$(sql "SELECT CONCAT(erp_kind, ' ', account_set_id) FROM users WHERE username = 'iw$U'")" "import $set" \
	"... in the same set (named alike)"
wid=$(sql "SELECT id FROM users WHERE username = 'iw$U'")
get a "/admin/users/$wid"
ok "... its form shows the set's name" grep -q "name=\"dsn\" value=\"导入测试$U\"" "$BODY"
post a /admin/users/new "username=ix$U" erp_kind=import role=clerk dsn= password= status=active "csrf=$(csrf)"
is "$STATUS" 400 "a 导入 clerk without a set name: 400"
ok "... said" grep -q '请在数据地址一栏填写账套名称' "$BODY"
post a /admin/users/new "username=iy$U" erp_kind=import role=clerk "dsn=新账套$U" password= status=active "csrf=$(csrf)"
is "$(sql "SELECT CONCAT(a.erp_kind, ' ', a.company_name, ' ', a.identity) FROM users u JOIN account_sets a ON a.id = u.account_set_id WHERE u.username = 'iy$U'")" \
	"import 新账套$U import:新账套$U" "a new name makes a new set of the kind import"

# the demo's path: the admin puts themself in the set (用户管理, their own
# form) and 数据导入 is theirs
said=$(sql "SELECT id FROM users WHERE username = 'sa$U'")
get a "/admin/users/$said"
post a "/admin/users/$said" "username=sa$U" erp_kind=import role=admin "dsn=导入测试$U" password= \
	status=active "version=$(field version)" "csrf=$(csrf)"
is "$STATUS" 303 "the admin moves into the set on their own form: 303"
get a /import
is "$STATUS" 200 "... and opens 数据导入: 200"

# --- the templates, filled in ----------------------------------------------------
cat >"$T/customers.csv" <<'EOF'
客户编号,客户名称,联系人,电话,期初余额,期初日期
示例001,示例客户,张三,13800000000,0.00,2026-01-01
D001,华东五金批发,王经理,13900000001,"1,000.00",2026-09-30
D002,南方建材,李会计,,0,
EOF
cat >"$T/documents.csv" <<'EOF'
日期,类型,单据编号,客户编号,金额,摘要
2026-10-03,出库,XS-1001,D001,"2,500.00",十月第一批
2026-10-10,退货,TH-1001,D001,300.00,破损退回
2026-10-15,收款,SK-1001,D001,"1,500.00",转账
2026-10-20,应收增加,ZJ-1001,D001,12.50,运费
2026-10-20,出库,XS-1002,D002,800.00,
2026-09-15,出库,XS-0901,D001,999.00,期初之前
EOF
cat >"$T/lines.csv" <<'EOF'
单据编号,商品编号,商品名称,单位,数量,单价,金额
XS-1001,P01,螺丝 M6,盒,100,20.00,"2,000.00"
XS-1001,P02,螺母 M6,盒,50,10.00,500.00
TH-1001,P01,螺丝 M6,盒,15,20.00,300.00
EOF

# --- refusals: every one said, nothing stored ------------------------------------
cat >"$T/bad.csv" <<'EOF'
日期,类型,单据编号,客户编号,金额,摘要
2026-02-30,出库,XS-9001,D001,100,
2026-10-01,出库,XS-9002,C0193,100,
2026-10-01,出库,XS-9003,D001,一百,
2026-10-01,调拨,XS-9004,D001,100,
2026-10-01,出库,XS-9005,D001,100,
2026-10-02,出库,XS-9005,D001,100,
EOF
out=$(imp --account-set "$set" "$T/customers.csv" "$T/bad.csv" 2>&1)
is "$?" 1 "a documents file with errors: exit 1"
like "$out" 'documents row 2 日期: 2026-02-30: 日期不存在' "... row 2: 日期不存在"
like "$out" 'documents row 3 客户编号: C0193: 未知客户编号 C0193' "... row 3: 未知客户编号 C0193"
like "$out" 'documents row 4 金额: 一百: 金额格式不对' "... row 4: 金额格式不对"
like "$out" 'documents row 5 类型: 调拨: 类型不对' "... row 5: 类型不对"
like "$out" 'documents row 7 单据编号: XS-9005: 单据编号重复（第 6 行已有）' "... row 7: duplicate document number, naming row 6"
like "$out" '5 refusal\(s\); nothing stored' "... five refusals, nothing stored"
is "$(count imp_customers)/$(count imp_documents)/$(count imp_files)" 0/0/0 \
	"... nothing stored (not even the good customers)"
printf '单据编号,商品名称,数量,金额\nXS-7777,螺丝,1,1\n' >"$T/lines-only.csv"
out=$(imp --account-set "$set" "$T/lines-only.csv" 2>&1)
like "$out" 'lines row 2 单据编号: XS-7777: 单据 XS-7777 不在这个文件的单据表里' \
	"goods lines without their document: refused"
printf 'a,b\n1,2\n' >"$T/nothing.csv"
out=$(imp --account-set "$set" "$T/nothing.csv" 2>&1)
like "$out" 'no template header' "a file that is no template: refused"
is "$(count imp_files)" 0 "... nothing stored"

# --- the import ------------------------------------------------------------------------
out=$(imp --account-set "$set" --user "$clerk" "$T/customers.csv" "$T/documents.csv" "$T/lines.csv" 2>&1)
is "$?" 0 "the three templates: exit 0"
like "$out" '2 customers, documents 6 added, 0 changed, 0 unchanged, 3 lines' "... 2 customers, 6 documents, 3 lines"
is "$(count imp_customers)/$(count imp_documents)/$(count imp_files)" 2/6/1 "... stored (the example row left out)"
fid=$(sql "SELECT id FROM imp_files WHERE account_set_id = $set")
sha=$(sql "SELECT sha256 FROM imp_files WHERE id = $fid")
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'import' AND object = 'imp_file:$fid'
	AND detail LIKE 'sha256=$sha %' AND username = '$clerk'")" 1 "... one audit row with its SHA-256, by the clerk"
is "$(sql "SELECT CAST(ROUND(balance * 100) AS SIGNED) FROM imp_customers WHERE account_set_id = $set AND code = 'D001'")" \
	171250 "... D001's balance: 1,000.00 + 2,500.00 - 300.00 - 1,500.00 + 12.50 (the sale before its 期初 left out)"
out=$(imp --account-set "$set" "$T/customers.csv" "$T/documents.csv" "$T/lines.csv" 2>&1)
like "$out" "already imported \\(file $fid" "the same files again: already imported"
is "$(count imp_documents)/$(count imp_files)/$(sql "SELECT COUNT(*) FROM imp_lines l JOIN imp_documents d
	ON d.vchcode = l.vchcode WHERE d.account_set_id = $set")" 6/1/3 "... nothing added"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'import' AND object = 'imp_file:$fid'")" 1 "... no second audit row"

# --- the screens, as with 管家婆 --------------------------------------------------------
login c "$clerk" "Good-Pass-$U"
is "$STATUS" 303 "the clerk signs in"
get c /query
is "$STATUS" 200 "GET /query: 200"
ok "the picker lists D001 华东五金批发" grep -q 'customer=D001' "$BODY"
ok "... and D002 南方建材" grep -q '南方建材' "$BODY"
ok "... with the balance ¥1,712.50" grep -q '1,712.50' "$BODY"
get c "/query?q=%E5%8D%97%E6%96%B9"
is "$(grep -o 'href="/query?customer=[^"]*"' "$BODY" | sort -u | tr '\n' ' ')" 'href="/query?customer=D002" ' \
	"search 南方 finds 南方建材 only"
vch() { sql "SELECT vchcode FROM imp_documents WHERE account_set_id = $set AND number = '$1'"; }
get c "/query?customer=D001&from=2026-10-01&to=2026-10-31&types=sale&types=return&types=receipt&go=1"
is "$STATUS" 200 "D001 October: 200"
is "$(grep -o 'name="doc" value="[0-9]*"' "$BODY" | grep -o '[0-9]*' | tr '\n' ' ')" \
	"$(vch XS-1001) $(vch TH-1001) $(vch SK-1001) " "... its sale, return and receipt in date order"
is "$(grep -o 'id="opening">¥[^<]*' "$BODY" | sed 's/.*¥//')" 1,000.00 "... opening 1,000.00 (期初 at 2026-09-30)"
is "$(grep -o 'id="sum-sale">[^<]*' "$BODY" | sed 's/.*>//')" 2,500.00 "... sales 2,500.00"
is "$(grep -o 'id="sum-return">[^<]*' "$BODY" | sed 's/.*>//')" -300.00 "... returns -300.00"
is "$(grep -o 'id="sum-receipt">[^<]*' "$BODY" | sed 's/.*>//')" -1,500.00 "... receipts -1,500.00"
is "$(grep -o 'id="closing">¥[^<]*' "$BODY" | sed 's/.*¥//')" 1,700.00 "... closing 1,700.00"
get c "/query?customer=D001&from=2026-10-01&to=2026-10-31&types=sale&types=return&types=receipt&types=ar_inc&go=1"
is "$(grep -o 'id="closing">¥[^<]*' "$BODY" | sed 's/.*¥//')" 1,712.50 "... with 应收增加: closing 1,712.50"
# before its 期初日期 (2026-09-30) a customer's balance is its 期初 less what came
# after: September opens at 1.00 (1,000.00 - XS-0901's 999.00) and closes on
# the 期初, as October opens on it
get c "/query?customer=D001&from=2026-09-01&to=2026-09-30&types=sale&types=return&types=receipt&types=ar_inc&go=1"
is "$(grep -o 'id="opening">¥[^<]*' "$BODY" | sed 's/.*¥//')" 1.00 "D001 September: opens at 1.00 (before its 期初日期)"
is "$(grep -o 'id="closing">¥[^<]*' "$BODY" | sed 's/.*¥//')" 1,000.00 "... closes on its 期初 1,000.00, where October opens"
get c "/reports/customers?from=2026-09-01&to=2026-10-31&all=1"
like "$(row D001)" '^华东五金批发 D001 1.00 3,499.00 -300.00 -1,500.00 12.50 1,712.50 ' \
	"对账报表 of September-October: D001's opening 1.00, sales 3,499.00, closing 1,712.50"
get c "/query/doc/$(vch XS-1001)?customer=D001&date=2026-10-03"
is "$STATUS" 200 "the goods page of XS-1001: 200"
is "$(sed -n '/id="goods"/,/<\/table>/p' "$BODY" | grep -o '<tr><td>.*</td></tr>' | sed -E 's,<[^>]*>,|,g; s,\|+,|,g')" \
	"$(printf '|P01|螺丝 M6|100|盒|20.00|2,000.00|\n|P02|螺母 M6|50|盒|10.00|500.00|')" "... its two lines"
get c "/query?customer=C404&from=2026-10-01&to=2026-10-31&types=sale&go=1"
is "$STATUS" 404 "a customer the set does not have: 404"

# --- the reports, from the same gateway -------------------------------------------------
get c "/reports/customers?from=2026-10-01&to=2026-10-31&all=1"
is "$STATUS" 200 "对账报表 of October: 200"
like "$(row D001)" '^华东五金批发 D001 1,000.00 2,500.00 -300.00 -1,500.00 12.50 1,712.50 ' \
	"... D001: opening, sales, returns, receipts, other (应收增加), closing"
like "$(row D002)" '^南方建材 D002 0.00 800.00 0.00 0.00 0.00 800.00 ' "... D002"
get c "/reports/aging?asof=2026-11-30&all=1"
is "$STATUS" 200 "账龄 at 2026-11-30: 200"
like "$(row D001)" '^华东五金批发 D001 1,712.50 0.00 1,712.50 0.00 0.00 0.00 ' \
	"... D001's 1,712.50 all 31-60 days (XS-1001 and ZJ-1001)"
get c "/reports/habits?from=2026-10-01&to=2026-10-31&all=1"
is "$STATUS" 200 "回款习惯: 200"
like "$(row D001)" '^华东五金批发 D001 1,000.00 2,512.50 1,500.00 ' "... D001: opening, sales, paid"

# --- a statement, shared, answered --------------------------------------------------
gen c D001 2026-10-01 2026-10-31 1 "$(vch XS-1001)" "$(vch TH-1001)" "$(vch SK-1001)"
is "$STATUS" 303 "a statement of D001's October: 303"
sid=$SID
is "$(sql "SELECT CONCAT(customer_code, ' ', customer_name, ' ', doc_count, ' ', opening, ' ', closing)
	FROM statements WHERE id = ${sid:-0}")" "D001 华东五金批发 3 1000.00 1700.00" "... its customer, documents, opening, closing"
is "$(sql "SELECT COUNT(*) FROM statement_lines WHERE statement_id = ${sid:-0}")" 3 "... and its three goods lines"
get c "/statements/$sid/share"
post c "/statements/$sid/share" "csrf=$(csrf)"
get c "/statements/$sid/share"
url=$(grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
tok=${url##*/c/}
like "$tok" '^[A-Za-z0-9_-]{43}$' "shared: a link"
get x "/c/$tok"
is "$STATUS" 200 "the customer opens it: 200"
ok "... 华东五金批发 and ¥1,700.00" grep -q '1,700.00' "$BODY"
post x "/c/$tok" decision=agreed "csrf=$(csrf)"
is "$(sql "SELECT status FROM statements WHERE id = ${sid:-0}")" agreed "the customer answers 符合: agreed"

# --- a corrected document: a new version, and drift ---------------------------------------
cat >"$T/fix.csv" <<'EOF'
日期,类型,单据编号,客户编号,金额,摘要
2026-10-03,出库,XS-1001,D001,"2,600.00",十月第一批（更正）
EOF
cat >"$T/fix-lines.csv" <<'EOF'
单据编号,商品编号,商品名称,单位,数量,单价,金额
XS-1001,P01,螺丝 M6,盒,105,20.00,"2,100.00"
XS-1001,P02,螺母 M6,盒,50,10.00,500.00
EOF
out=$(imp --account-set "$set" "$T/fix.csv" "$T/fix-lines.csv" 2>&1)
like "$out" 'documents 0 added, 1 changed, 0 unchanged, 2 lines' "the corrected XS-1001: 1 changed"
is "$(sql "SELECT CONCAT(version, ' ', total) FROM imp_documents WHERE vchcode = $(vch XS-1001)")" "2 2600.00" \
	"... version 2, 2,600.00, the same vchcode"
is "$(sql "SELECT CONCAT(version, ' ', total) FROM imp_document_versions WHERE vchcode = $(vch XS-1001)")" "1 2500.00" \
	"... version 1 kept"
is "$(sql "SELECT CAST(ROUND(balance * 100) AS SIGNED) FROM imp_customers WHERE account_set_id = $set AND code = 'D001'")" \
	181250 "... D001's balance moved by 100.00"
printf '日期,类型,单据编号,客户编号,金额,摘要\n2026-10-03,出库,XS-1001,D001,"2,600.00",十月第一批（更正）\n\n' >"$T/fix2.csv"
out=$(imp --account-set "$set" "$T/fix2.csv" "$T/fix-lines.csv" 2>&1)
like "$out" 'documents 0 added, 0 changed, 1 unchanged' "the same figures in another file: unchanged"
get c "/statements/$sid"
post c "/statements/$sid/drift" "csrf=$(csrf)"
is "$(sql "SELECT drift_state FROM statements WHERE id = $sid")" drift "the statement made from version 1: drift"
is "$(sql "SELECT GROUP_CONCAT(DISTINCT CONCAT(vchcode, ':', kind) SEPARATOR ' ') FROM drift_changes
	WHERE check_id = (SELECT drift_check_id FROM statements WHERE id = $sid)" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')" \
	"$(vch XS-1001):amount $(vch XS-1001):header $(vch XS-1001):lines" "... XS-1001: its amount, its summary and its goods changed"
get c "/statements/$sid"
ok "... the page says ERP已变动" grep -q 'tag drift-drift">ERP已变动' "$BODY"
# a customers file of names only: the 期初 and its date stay
printf '客户编号,客户名称\nD001,华东五金批发（总店）\n' >"$T/names.csv"
before=$(sql "SELECT CONCAT(opening, ' ', opening_from, ' ', contact, ' ', balance) FROM imp_customers WHERE account_set_id = $set AND code = 'D001'")
out=$(imp --account-set "$set" "$T/names.csv" 2>&1)
like "$out" '1 customers' "a customers file of names only: imported"
is "$(sql "SELECT CONCAT(opening, ' ', opening_from, ' ', contact, ' ', balance) FROM imp_customers WHERE account_set_id = $set AND code = 'D001'")" \
	"$before" "... D001's 期初, its date, its contact and its balance as they were"
is "$(sql "SELECT name FROM imp_customers WHERE account_set_id = $set AND code = 'D001'")" "华东五金批发（总店）" "... its name new"

# a document moved to another customer: the old one's balance loses it
d2=$(sql "SELECT CAST(ROUND(balance * 100) AS SIGNED) FROM imp_customers WHERE account_set_id = $set AND code = 'D002'")
d1=$(sql "SELECT CAST(ROUND(balance * 100) AS SIGNED) FROM imp_customers WHERE account_set_id = $set AND code = 'D001'")
printf '日期,类型,单据编号,客户编号,金额,摘要\n2026-10-20,出库,XS-1002,D001,800.00,改记到华东\n' >"$T/move.csv"
out=$(imp --account-set "$set" "$T/move.csv" 2>&1)
like "$out" '1 changed' "XS-1002 moved from D002 to D001: changed"
is "$(sql "SELECT CAST(ROUND(balance * 100) AS SIGNED) FROM imp_customers WHERE account_set_id = $set AND code = 'D002'")" \
	"$((d2 - 80000))" "... D002's balance 800.00 less"
is "$(sql "SELECT CAST(ROUND(balance * 100) AS SIGNED) FROM imp_customers WHERE account_set_id = $set AND code = 'D001'")" \
	"$((d1 + 80000))" "... D001's 800.00 more"

# --- 数据导入 on the site: templates, upload, check, confirm ---------------------------
program_running dz-import || bail "dz-import not running"
up() {	# up B FILE [NAME]: upload FILE to /import/upload as browser B
	local c
	get "$1" /import
	c=$(csrf)
	req "$1" POST /import/upload -F "csrf=$c" -F "file=@$2;filename=${3:-$(basename "$2")}" \
		-H "Origin: $DZ_TEST_BASE"
}
get c /import
is "$STATUS" 200 "GET /import: 200"
ok "... the top bar has 数据导入" grep -q 'href="/import" class="on">数据导入<' "$BODY"
ok "... the set's import is listed (#$fid)" grep -q "id=\"imp-$fid\"" "$BODY"
for k in customers documents lines; do
	get c "/import/$k.csv"
	is "$STATUS" 200 "template $k.csv: 200"
	cp "$BODY" "$T/tpl-$k.csv"
	get c "/import/$k.xlsx"
	is "$STATUS" 200 "template $k.xlsx: 200"
	cp "$BODY" "$T/tpl-$k.xlsx"
	ok "... an XLSX (a zip)" test "$(head -c 2 "$T/tpl-$k.xlsx")" = PK
done
like "$(head -1 "$T/tpl-documents.csv")" '日期.*类型.*单据编号.*客户编号.*金额.*摘要' "the documents template's header"
# a template as downloaded, with nothing but its example, imports nothing;
# filled in Excel (the XLSX kept as it came, rows added by the clerk as CSV)
up c "$T/tpl-customers.xlsx" 客户导入模板.xlsx
is "$STATUS" 303 "the empty customers template (XLSX) uploaded: 303"
get c /import
ok "... listed as 客户" grep -q 'id="part-customers"><td>客户</td><td>客户导入模板.xlsx' "$BODY"
ok "... nothing to confirm (its example row skipped)" test -z "$(grep 'action="/import/confirm"' "$BODY")"
post c /import/confirm "csrf=$(csrf)"
is "$STATUS" 400 "确认导入 with nothing in it: 400"
{ cat "$T/tpl-customers.csv"; printf 'W001,西部贸易,赵六,13700000000,200.00,2026-09-30\n'; } >"$T/w-customers.csv"
{ cat "$T/tpl-documents.csv"; printf '2026-10-08,出库,WX-1,W001,50.00,\n2026-10-09,出库,WX-2,W009,60.00,\n'; } >"$T/w-documents.csv"
up c "$T/w-customers.csv" 客户.csv
is "$STATUS" 303 "a filled customers file: 303 (in the place of the XLSX)"
up c "$T/w-documents.csv" 单据.csv
is "$STATUS" 303 "a documents file with an unknown customer: 303 (kept, to be checked)"
get c /import
ok "... both listed" grep -q 'id="part-customers"><td>客户</td><td>客户.csv' "$BODY"
ok "... the refusal named: 单据 row 4 客户编号 W009" \
	grep -q '<td>单据</td><td class="num">4</td><td>客户编号</td><td>W009</td><td>未知客户编号 W009' "$BODY"
ok "... no 确认导入" test -z "$(grep 'action="/import/confirm"' "$BODY")"
post c /import/confirm "csrf=$(csrf)"
is "$STATUS" 400 "确认导入 anyway: 400"
is "$(sql "SELECT COUNT(*) FROM imp_customers WHERE account_set_id = $set AND code = 'W001'")" 0 "... nothing stored"
{ cat "$T/tpl-documents.csv"; printf '2026-10-08,出库,WX-1,W001,50.00,\n2026-10-09,出库,WX-2,W001,60.00,\n'; } >"$T/w-documents.csv"
up c "$T/w-documents.csv" 单据（改好）.csv
get c /import
ok "corrected: 检查通过 with 1 customer and 2 documents" grep -q 'id="clean">检查通过：1 个客户、2 张单据' "$BODY"
post c /import/confirm "csrf=$(csrf)"
is "$STATUS" 303 "确认导入: 303"
wid=$(sql "SELECT MAX(id) FROM imp_files WHERE account_set_id = $set")
like "$(location)" "^/import\\?done=$wid\$" "... to /import?done=$wid"
is "$(sql "SELECT CONCAT(ncustomers, ' ', added, ' ', COALESCE(u.username, '')) FROM imp_files f LEFT JOIN users u ON u.id = f.user_id WHERE f.id = $wid")" \
	"1 2 $clerk" "... one customer, two documents, by the clerk"
is "$(sql "SELECT state FROM imp_uploads WHERE file_id = $wid")" stored "... the upload marked stored"
get c /import
ok "... the upload is gone from the page" test -z "$(grep 'id="part-customers"' "$BODY")"
# the same files again: nothing added
nf=$(sql "SELECT COUNT(*) FROM imp_files WHERE account_set_id = $set")
up c "$T/w-customers.csv" 客户.csv
up c "$T/w-documents.csv" 单据（改好）.csv
get c /import
post c /import/confirm "csrf=$(csrf)"
like "$(location)" "^/import\\?done=$wid&dup=1\$" "the same two files again: already imported (#$wid)"
is "$(sql "SELECT COUNT(*) FROM imp_files WHERE account_set_id = $set")" "$nf" "... no new import ($nf)"
get c "/query?customer=W001&from=2026-10-01&to=2026-10-31&types=sale&go=1"
is "$(grep -o 'id="closing">¥[^<]*' "$BODY" | sed 's/.*¥//')" 310.00 "W001 in 往来对账: 200.00 + 50.00 + 60.00"
# one workbook of three worksheets: each told by its header and kept
python3 - "$T/three.xlsx" <<'PY'
import sys, zipfile
from xml.sax.saxutils import escape
sheets = [("客户", [["客户编号", "客户名称"], ["X001", "三表客户"]]),
          ("单据", [["日期", "类型", "单据编号", "客户编号", "金额"], ["2026-10-11", "出库", "X-1", "X001", "40"]]),
          ("商品明细", [["单据编号", "商品名称", "数量", "金额"], ["X-1", "螺丝", "4", "40"]])]
z = zipfile.ZipFile(sys.argv[1], "w")
z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  '<Default Extension="xml" ContentType="application/xml"/>'
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
  + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(3))
  + '</Types>')
z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
  + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (n, i + 1, i + 1) for i, (n, _) in enumerate(sheets)) + '</sheets></workbook>')
z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(3))
  + '</Relationships>')
for i, (_, rows) in enumerate(sheets):
    x = "".join('<row r="%d">%s</row>' % (r + 1, "".join('<c t="inlineStr"><is><t>%s</t></is></c>' % escape(v) for v in row)) for r, row in enumerate(rows))
    z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % x)
z.close()
PY
up c "$T/three.xlsx" 三张表.xlsx
is "$STATUS" 303 "a workbook of three worksheets: 303"
get c /import
ok "... all three kept" test "$(grep -o "<td>三张表.xlsx</td>" "$BODY" | wc -l)" = 3
ok "... 检查通过: 1 customer, 1 document, 1 line" grep -q 'id="clean">检查通过：1 个客户、1 张单据、1 行商品明细' "$BODY"
post c /import/confirm "csrf=$(csrf)"
is "$(sql "SELECT CONCAT(d.total, ' ', COUNT(l.seq)) FROM imp_documents d JOIN imp_lines l ON l.vchcode = d.vchcode
	WHERE d.account_set_id = $set AND d.number = 'X-1' GROUP BY d.vchcode")" "40.00 1" "... stored: X-1 with its line"
out=$(imp --account-set "$set" "$T/three.xlsx" 2>&1)
like "$out" 'already imported' "... the same workbook through dz-admin import: already imported (hashed alike)"
get c "/query/doc/$(vch X-1)?customer=X001&date=2026-10-11"
is "$(sed -n '/id="goods"/,/<\/table>/p' "$BODY" | grep -o '<tr><td>.*</td></tr>' | sed -E 's,<[^>]*>,|,g; s,\|+,|,g')" \
	"|螺丝|4|10.00|40.00|" "... its goods line given without 单价: 40.00 over 4, 10.00"
# refusals of the upload itself
printf 'a,b\n1,2\n' >"$T/plain.csv"
up c "$T/plain.csv"
is "$STATUS" 400 "a CSV that is no template: 400"
ok "... said" grep -q '不像导入模板' "$BODY"
head -c 6000000 /dev/zero | tr '\0' 'x' >"$T/big.csv"
up c "$T/big.csv"
is "$STATUS" 413 "a file over 5 MB: 413"
# --- the import API: keys, calls, refusals ---------------------------------------------
adm=ia$U
ok "an admin of the set ($adm)" mkuser "$adm" admin "Good-Pass-$U"
"$DZ_TEST_ADMIN" -c "$DZ_CONF" import-set "导入测试$U" --user "$adm" >/dev/null
login k "$adm" "Good-Pass-$U"
get k /import
ok "数据导入 links to API 密钥 for an admin" grep -q 'href="/import/keys"' "$BODY"
get c /import/keys
is "$STATUS" 403 "a clerk: API 密钥 403"
get k /import/keys
is "$STATUS" 200 "GET /import/keys: 200"
post k /import/keys/new "name=金蝶同步" "csrf=$(csrf)"
is "$STATUS" 200 "a new key: 200, on the page"
key=$(grep -o 'id="key" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
like "$key" '^dzk_[A-Za-z0-9_-]{43}$' "... shown once: dzk_ and 43 characters"
kid=$(sql "SELECT id FROM api_keys WHERE account_set_id = $set ORDER BY id DESC LIMIT 1")
is "$(sql "SELECT CONCAT(name, ' ', prefix, ' ', HEX(hash) = UPPER(SHA2('$key', 256))) FROM api_keys WHERE id = $kid")" \
	"金蝶同步 ${key:0:12} 1" "... kept as its SHA-256 and first 12 characters"
get k /import/keys
ok "... not shown again" test -z "$(grep -F "$key" "$BODY")"
api() {	# api PATH FILE [curl args]: POST FILE (as $CT, JSON unless said); STATUS, BODY
	local p=$1 f=$2
	shift 2
	STATUS=$(curl -k -s -S --max-time 60 -o "$BODY" -w '%{http_code}' \
		-H "Content-Type: ${CT:-application/json}" --data-binary "@$f" "$@" "$DZ_TEST_BASE$p") ||
		STATUS=000
}
auth=(-H "Authorization: Bearer $key")
printf '[{"code": "A001", "name": "接口客户", "opening": 100, "opening_date": "2026-09-30"}]' >"$T/a-cust.json"
api /api/v1/customers "$T/a-cust.json" "${auth[@]}"
is "$STATUS" 200 "POST /api/v1/customers: 200"
like "$(body)" '"ok": ?true' "... ok"
like "$(body)" '"customers": ?1' "... one customer"
cat >"$T/a-docs.ndjson" <<'EOF2'
{"date": "2026-10-07", "type": "出库", "number": "API-1", "customer": "A001", "amount": 55.5, "lines": [{"product_name": "螺丝", "qty": 3, "price": 18.5, "amount": 55.5}]}
{"date": "2026-10-08", "type": "收款", "number": "API-2", "customer": "A001", "amount": "20.00", "summary": "微信"}
EOF2
CT=application/x-ndjson api /api/v1/documents "$T/a-docs.ndjson" "${auth[@]}"
is "$STATUS" 200 "POST /api/v1/documents (NDJSON, with goods): 200"
like "$(body)" '"added": ?2' "... two added"
like "$(body)" '"lines": ?1' "... one goods line"
afid=$(body | grep -o '"file": *[0-9]*' | grep -o '[0-9]*$')
is "$(sql "SELECT CONCAT(source, ' ', name) FROM imp_files WHERE id = ${afid:-0}")" "api api documents ${key:0:12}" \
	"... an import from the API, named by the key's prefix"
get c "/query?customer=A001&from=2026-10-01&to=2026-10-31&types=sale&types=receipt&go=1"
is "$(grep -o 'id="closing">¥[^<]*' "$BODY" | sed 's/.*¥//')" 135.50 "A001 in 往来对账: 100.00 + 55.50 - 20.00"
CT=application/x-ndjson api /api/v1/documents "$T/a-docs.ndjson" "${auth[@]}"
is "$STATUS" 200 "the same body again (a replay): 200"
like "$(body)" '"duplicate": ?true' "... duplicate, nothing added"
is "$(sql "SELECT COUNT(*) FROM imp_documents WHERE account_set_id = $set AND number LIKE 'API-%'")" 2 "... still two documents"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'api_replay' AND object = 'api_key:$kid'")" 1 "... the replay audited"
printf '[{"date": "2026-10-09", "type": "出库", "number": "API-1", "customer": "A001", "amount": 55.5, "lines": [{"product_name": "螺丝", "qty": 3, "price": 18.5, "amount": 55.5}]}]' >"$T/a-same.json"
api /api/v1/documents "$T/a-same.json" "${auth[@]}"
like "$(body)" '"changed": ?1' "API-1 with another date: a new version (changed 1)"
# the sender's versions: one not past the stored one is stale, not applied
printf '[{"date": "2026-10-12", "type": "出库", "number": "API-V", "customer": "A001", "amount": 10, "version": 2}]' >"$T/v2.json"
api /api/v1/documents "$T/v2.json" "${auth[@]}"
like "$(body)" '"added": ?1' "API-V at version 2: added"
printf '[{"date": "2026-10-12", "type": "出库", "number": "API-V", "customer": "A001", "amount": 99, "version": 1}]' >"$T/v1.json"
api /api/v1/documents "$T/v1.json" "${auth[@]}"
like "$(body)" '"stale": ?1' "... version 1 arriving late: stale"
is "$(sql "SELECT CONCAT(sender_version, ' ', total) FROM imp_documents WHERE account_set_id = $set AND number = 'API-V'")" \
	"2 10.00" "... not applied (still the sender's version 2, 10.00)"
printf '[{"date": "2026-10-12", "type": "出库", "number": "API-V", "customer": "A001", "amount": 12, "version": 3}]' >"$T/v3.json"
api /api/v1/documents "$T/v3.json" "${auth[@]}"
like "$(body)" '"changed": ?1' "... version 3: changed"
is "$(sql "SELECT CONCAT(d.sender_version, ' ', d.total, ' ', d.version, ' ', v.total) FROM imp_documents d
	JOIN imp_document_versions v ON v.vchcode = d.vchcode WHERE d.account_set_id = $set AND d.number = 'API-V'")" \
	"3 12.00 2 10.00" "... the sender's version 3 stored (our second), the first kept"
printf '[{"date": "2026-10-12", "type": "出库", "number": "API-W", "customer": "A001", "amount": 1, "version": "二"}]' >"$T/vbad.json"
api /api/v1/documents "$T/vbad.json" "${auth[@]}"
like "$(body)" '"field": ?"version", ?"code": ?"bad_version"' "a version that is no number: 422, bad_version"
# refusals: each item named, nothing stored
printf '[{"date": "2026-02-30", "type": "出库", "number": "API-3", "customer": "A001", "amount": 1},
 {"date": "2026-10-01", "type": "出库", "number": "API-4", "customer": "Z999", "amount": 1},
 {"date": "2026-10-01", "type": "出库", "number": "API-5", "customer": "A001", "amount": 1, "colour": "red"}]' >"$T/a-bad.json"
api /api/v1/documents "$T/a-bad.json" "${auth[@]}"
is "$STATUS" 422 "three bad items: 422"
like "$(body)" '"refused": ?3' "... three refused"
like "$(body)" '\{"item": ?1, ?"field": ?"date", ?"code": ?"bad_date"' "... item 1: bad_date"
like "$(body)" '\{"item": ?2, ?"field": ?"customer", ?"code": ?"unknown_customer"' "... item 2: unknown_customer"
like "$(body)" '\{"item": ?3, ?"code": ?"unknown_field"[^}]*"value": ?"colour"' "... item 3: unknown_field colour"
is "$(sql "SELECT COUNT(*) FROM imp_documents WHERE account_set_id = $set AND number IN ('API-3', 'API-4', 'API-5')")" 0 \
	"... none stored"
printf '[{}, {"code": "示例X", "name": "n"}]' >"$T/a-empty.json"
api /api/v1/customers "$T/a-empty.json" "${auth[@]}"
is "$STATUS" 422 "an empty item: 422 (an API's items are never skipped)"
like "$(body)" '"item": ?1, ?"field": ?"code", ?"code": ?"empty"' "... item 1: code empty"
is "$(sql "SELECT COUNT(*) FROM imp_customers WHERE account_set_id = $set AND code = '示例X'")" 0 "... nothing stored"
: >"$T/a-nothing.json"
api /api/v1/customers "$T/a-nothing.json" "${auth[@]}"
is "$STATUS" 422 "an empty body: 422"
like "$(body)" '"code": ?"not_object"' "... no items"
printf '[{"date": "2026-10-01",' >"$T/a-broken.json"
api /api/v1/documents "$T/a-broken.json" "${auth[@]}"
is "$STATUS" 422 "a body that is not JSON: 422"
like "$(body)" '"code": ?"bad_json"' "... bad_json"
CT=text/plain api /api/v1/documents "$T/a-cust.json" "${auth[@]}"
is "$STATUS" 415 "text/plain: 415"
api /api/v1/documents "$T/a-cust.json"
is "$STATUS" 401 "no key: 401"
like "$(body)" '"error": ?"no_key"' "... no_key"
api /api/v1/documents "$T/a-cust.json" -H "Authorization: Bearer dzk_$(printf 'x%.0s' $(seq 43))"
is "$STATUS" 401 "a made-up key: 401"
STATUS=$(curl -s -o "$BODY" -w '%{http_code}' -H "Content-Type: application/json" "${auth[@]}" \
	--data-binary @"$T/a-cust.json" "$DZ_TEST_HTTP/api/v1/customers")
is "$STATUS" 403 "over plain HTTP: 403"
like "$(body)" '"error": ?"tls_required"' "... tls_required"
# another set's key writes to its own set only
oset=$("$DZ_TEST_ADMIN" -c "$DZ_CONF" import-set "另一个账套$U" --user "$adm" | sed -n 's/^account set \([0-9]*\) .*/\1/p')
login k "$adm" "Good-Pass-$U"
post k /import/keys/new "name=other" "csrf=$(get k /import/keys >/dev/null; csrf)"
okey=$(grep -o 'id="key" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
CT=application/x-ndjson api /api/v1/documents "$T/a-docs.ndjson" -H "Authorization: Bearer $okey"
is "$STATUS" 422 "another set's key with this set's documents: 422"
like "$(body)" '"code": ?"unknown_customer"' "... A001 is not a customer there"
is "$(sql "SELECT COUNT(*) FROM imp_documents WHERE account_set_id = ${oset:-0}")" 0 "... nothing stored in either"
sql "UPDATE api_keys SET account_set_id = (SELECT id FROM account_sets WHERE erp_kind = 'grasp' LIMIT 1) WHERE hash = UNHEX(SHA2('$okey', 256))" >/dev/null
api /api/v1/customers "$T/a-cust.json" -H "Authorization: Bearer $okey"
is "$STATUS" 401 "a key of a 管家婆 set: 401"
# revoked
"$DZ_TEST_ADMIN" -c "$DZ_CONF" import-set "导入测试$U" --user "$adm" >/dev/null
login k "$adm" "Good-Pass-$U"
get k /import/keys
post k "/import/keys/$kid/revoke" "csrf=$(csrf)"
is "$STATUS" 303 "revoke the key: 303"
api /api/v1/customers "$T/a-cust.json" "${auth[@]}"
is "$STATUS" 401 "the revoked key: 401"
like "$(body)" '"error": ?"bad_key"' "... bad_key"
get k /import/keys
post k "/import/keys/$kid/revoke" "csrf=$(csrf)"
is "$STATUS" 404 "revoked twice: 404"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'api_refused' AND object = 'api_key:$kid'")" 7 \
	"the key's refused calls audited (a bad version, bad items, an empty item, an empty body, not JSON, text/plain, revoked)"
is "$(sql "SELECT calls FROM api_keys WHERE id = $kid")" 13 "... its calls while it lived counted (13)"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action IN ('api_key_create', 'api_key_revoke') AND username = '$adm'")" 3 \
	"two keys made and one revoked, audited"

# nginx limits the API per address: from one not exempt (127.0.1.0/24),
# 40 calls at once get 429 past the burst of 30
A=127.0.1.$((RANDOM % 250 + 2))
n401=0 n429=0 other=
for i in $(seq 40); do
	st=$(curl -k -s -o /dev/null -w '%{http_code}' --interface "$A" -H "Content-Type: application/json" \
		--data-binary '[]' "$DZ_TEST_BASE/api/v1/customers")
	case $st in 401) n401=$((n401 + 1)) ;; 429) n429=$((n429 + 1)) ;; *) other="$other $st" ;; esac
done
ok "40 calls at once from $A: $n401 answered (401, no key), $n429 refused by nginx (429)" \
	test "$n429" -ge 5 -a "$n401" -ge 25 -a -z "$other"

# 批量生成 over the imported set: a statement and a link for each customer
# with a movement in October or a balance at its end
get c /month
post c /month/new from=2026-10-01 to=2026-10-31 filter= "csrf=$(csrf)"
is "$STATUS" 303 "批量生成 of October over the imported set: 303"
run=$(location | sed -E 's,^/month/([0-9]+).*,\1,')
for _ in $(seq 120); do
	st=$(sql "SELECT state FROM bulk_runs WHERE id = ${run:-0}")
	case $st in done|cancelled|failed) break ;; esac
	sleep 0.5
done
is "$st" done "... done"
want=$(sql "SELECT code FROM imp_customers WHERE account_set_id = $set AND (balance <> 0 OR code IN
	(SELECT customer_code FROM imp_documents WHERE account_set_id = $set AND date BETWEEN '2026-10-01' AND '2026-10-31'))
	AND code NOT IN (SELECT customer_id FROM statements WHERE account_set_id = $set AND deleted_at IS NULL
	AND period_from = '2026-10-01' AND period_to = '2026-10-31' AND bulk_run_id IS NULL)
	ORDER BY code" | tr '\n' ' ')
is "$(sql "SELECT customer_id FROM statements WHERE bulk_run_id = ${run:-0} ORDER BY customer_id" | tr '\n' ' ')" "$want" \
	"... one statement for each customer with a movement or a balance, but D001's made by hand ($want)"
is "$(sql "SELECT CONCAT(s.closing, ' ', s.opening) FROM statements s WHERE s.bulk_run_id = ${run:-0} AND s.customer_id = 'W001'")" \
	"310.00 200.00" "... W001's: opening 200.00 (期初), closing 310.00"

# the demo's sample files (deploy/sample-import) import clean, into a set of their own
sset=$("$DZ_TEST_ADMIN" -c "$DZ_CONF" import-set "样例$U" | sed -n 's/^account set \([0-9]*\) .*/\1/p')
sd=$here/../../deploy/sample-import
out=$(imp --account-set "$sset" "$sd/客户.csv" "$sd/单据.csv" "$sd/商品明细.csv" 2>&1)
like "$out" '3 customers, documents 8 added, 0 changed, 0 unchanged, 9 lines' \
	"deploy/sample-import: 3 customers, 8 documents, 9 goods lines"
is "$(sql "SELECT CAST(ROUND(balance * 100) AS SIGNED) FROM imp_customers WHERE account_set_id = $sset AND code = 'K001'")" \
	1341000 "... K001's balance: 12,600.00 + 8,460.00 - 12,600.00 + 5,175.00 - 345.00 + 120.00"

# whatever came in, every balance is its 期初 and its documents from its date
is "$(sql "SELECT COUNT(*) FROM imp_customers c WHERE c.balance <> c.opening + (SELECT COALESCE(SUM(d.sign * d.total), 0)
	FROM imp_documents d WHERE d.account_set_id = c.account_set_id AND d.customer_code = c.code AND d.date >= c.opening_from)
	AND c.account_set_id IN ($set, ${oset:-0}, ${sset:-0})")" 0 \
	"every customer's balance = 期初 + its documents from its 期初日期 (the sets of this test)"

# another kind of set has nothing to import
gu=ig$U
ok "a clerk of an ERP set ($gu)" mkuser "$gu" clerk "Good-Pass-$U"
sql "UPDATE users SET account_set_id = (SELECT id FROM account_sets WHERE erp_kind = 'grasp' LIMIT 1) WHERE username = '$gu'" >/dev/null
login g "$gu" "Good-Pass-$U"
get g /import
is "$STATUS" 404 "GET /import of a 管家婆 set: 404"
ok "... no 数据导入 in its top bar" test -z "$(grep 'href="/import"' "$BODY")"
done_testing
