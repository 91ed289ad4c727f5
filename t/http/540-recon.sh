#!/bin/bash
# 账目核对 (issue 14) through the screens: the customer's page takes their
# balance and marks per document, or their ledger (a CSV in GB18030, an
# XLSX made with openpyxl), confirms its columns and shows the 余额调节表;
# they answer with it (经办人 recorded, the run named); a statement no
# longer 未确认 takes no new figures. Staff see the run on the statement
# page and its mark on the history card, resolve each line (audited, the
# mark "ok" once none waits), upload a file on the customer's behalf and
# download the original as an attachment. The page never repeats the link
# token; cell text is shown as text; GET changes nothing.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
. "$here/statements.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"
program_running dz-history || skip_all "dz-history is not running"
st_openpyxl

runs() { sql "SELECT COUNT(*) FROM reconciliations WHERE statement_id = $1"; }
uploads() { sql "SELECT COUNT(*) FROM recon_uploads WHERE statement_id = $1"; }
mark() { sql "SELECT CONCAT(COALESCE(recon_state, '-'), '|', COALESCE(recon_id, 0)) FROM statements WHERE id = $1"; }
recon_text() { sed -n '/id="recon"/,/<\/section>/p' "$BODY" | sed 's/<[^>]*>/ /g' | tr -s ' \n' ' '; }
cpost() { post P "$@" -- -H "Origin: null"; }

# --- by balance and marks -------------------------------------------------------
sid=$(cf_stmt) || bail "cannot create a statement"
# the customer's columns as no earlier run (another test's) remembered them
sql "DELETE FROM recon_maps WHERE account_set_id = $(cf_set) AND customer_id = '00012'" >/dev/null
tok=$(cf_link "$sid") || bail "cannot create a link"
get P "/c/$tok"
is "$STATUS" 200 "the page"
like "$(body)" 'action="\?balance"' "a balance form, posting beside the page"
like "$(body)" 'action="\?upload" enctype="multipart/form-data"' "an upload form (multipart, no script)"
like "$(body)" 'name="m9003"' "a mark per document"
unlike "$(body)" "$tok" "the page does not repeat the token"
v0=$(st_version "$sid")
c=$(csrf)

# a foreign form (no token) and no Origin: refused, nothing kept
post P "/c/$tok?balance" csrf=x their_closing=1 -- -H "Origin: null"
is "$STATUS" 403 "a wrong form token: 403"
is "$(runs "$sid")" 0 "... nothing kept"
cpost "/c/$tok?balance" "csrf=$c"
is "$STATUS" 400 "neither a balance nor a mark: 400"
like "$(body)" '请填写贵方余额' "... says what is needed"
cpost "/c/$tok?balance" "csrf=$c" their_closing=abc
is "$STATUS" 400 "a balance that is not an amount: 400"
like "$(body)" '金额格式有误' "... says so"
cpost "/c/$tok?balance" "csrf=$c" m9003=amount a9003=
is "$STATUS" 400 "金额不符 without their amount: 400"
cpost "/c/$tok?balance" "csrf=$c" m1=none
is "$STATUS" 400 "a mark on a document not of the statement: 400"
is "$(runs "$sid")" 0 "none of those kept a run"
is "$(st_version "$sid")" "$v0" "... nor moved the version"

# 无此单 on the return, 金额不符 on a sale, their balance
cpost "/c/$tok?balance" "csrf=$c" their_closing=3,200.50 m9003=none m9002=amount a9002=1,970.00
is "$STATUS" 303 "balance and marks: 303"
is "$(location)" "/c/$tok#recon" "... back to the page, at the result"
is "$(runs "$sid")" 1 "one run kept"
like "$(mark "$sid")" '^diff\|[0-9]+$' "the statement's mark: diff"
is "$(st_version "$sid")" "$((v0 + 1))" "the version moved (the page is drawn again)"
is "$(cf_status "$sid")" pending "still 未确认"
get P "/c/$tok"
t=$(recon_text)
like "$t" '余额调节表' "the page shows the 余额调节表"
like "$t" '我方账面应收余额 3,000.00' "... from our closing"
like "$t" '金额不符 -30.00' "... ± 金额不符"
like "$t" '我方有、贵方无 230.50' "... ± the return they do not have"
like "$t" '贵方账面应付余额 3,200.50' "... to their closing"
unlike "$t" '未能解释' "3,000.00 - 30.00 + 230.50 = 3,200.50: nothing unexplained"
like "$(body)" '有差异，请答复“不符合”' "the answer form suggests 不符合"
unlike "$(body)" "$tok" "the page still does not repeat the token"

# a document of ours for 0.00 that they booked for an amount: theirs alone
sidz=$(cf_stmt) || bail "no statement with a zero document"
sql "INSERT INTO statement_docs VALUES ($sidz, 9005, 11, 'sale', 'XS-2024-03-ZERO', '2024-03-05', '赠品', 0.00)" >/dev/null
tokz=$(cf_link "$sidz")
get P "/c/$tokz"
cpost "/c/$tokz?balance" "csrf=$(csrf)" m9005=amount a9005=50
is "$STATUS" 303 "金额不符 on a document of 0.00: a run"
get P "/c/$tokz"
like "$(recon_text)" '贵方有、我方无 50.00' "... their 50.00 stands alone"

# --- by ledger: a CSV in GB18030 ---------------------------------------------------
printf '%s\n' '日期,凭证号,摘要,借方,贷方,余额' \
	'2024-03-01,,期初余额,,,1000.00' \
	'2024-03-03,记-12,采购 XS-2024-03-0001,,3230.50,4230.50' \
	'2024-03-04,记-13,采购,,2000.00,6230.50' \
	'2024-03-21,记-30,付款,3000.00,,3230.50' \
	'2024-03-25,记-31,<b>运费</b>,,15.00,3245.50' |
	iconv -f UTF-8 -t GB18030 >"$T/ledger.csv"
csv_sha=$(sha256sum "$T/ledger.csv" | cut -d' ' -f1)
get P "/c/$tok"
c=$(csrf)
req P POST "/c/$tok?upload" -F "csrf=$c" -F "file=@$T/ledger.csv;filename=C:\\fakepath\\我方账.csv" -H "Origin: null"
is "$STATUS" 303 "a CSV uploaded: 303"
map=$(location)
like "$map" "^/c/$tok/map/[0-9]+$" "... to its column map"
is "$(uploads "$sid")" 1 "the file kept"
is "$(sql "SELECT CONCAT_WS('|', filename, kind, encoding, size, sha256, nrows, ncols, source) FROM recon_uploads WHERE statement_id = $sid")" \
	"我方账.csv|csv|GB18030|$(wc -c <"$T/ledger.csv")|$csv_sha|6|6|customer" "... with its name, encoding, size, SHA-256, rows"
is "$(sql "SELECT SHA2(content, 256) FROM recon_uploads WHERE statement_id = $sid")" "$csv_sha" "... byte for byte"
get P "$map"
is "$STATUS" 200 "the map page"
like "$(body)" '<option value="3" selected>第 4 列（借方）' "借方 guessed"
like "$(body)" '<option value="4" selected>第 5 列（贷方）' "贷方 guessed"
like "$(body)" '<option value="5" selected>第 6 列（余额）' "余额 guessed"
like "$(body)" '&lt;b&gt;运费&lt;/b&gt;' "a cell shown as text"
unlike "$(body)" '<b>运费' "... never as markup"
unlike "$(body)" "$tok" "the map page does not repeat the token"
c=$(csrf)
cpost "$map" "csrf=$c" h=1 date=0 ref=1 memo=2 debit=3 credit=3
is "$STATUS" 400 "a column named twice: 400"
like "$(body)" '请至少指定|列的选择有误' "... says what is wrong"
is "$(runs "$sid")" 1 "... no run"
cpost "$map" "csrf=$c" h=1 date=0 ref=1 memo=2 debit=3 credit=4 bal=5
is "$STATUS" 303 "the columns confirmed: 303"
is "$(runs "$sid")" 2 "a second run"
is "$(sql "SELECT map FROM recon_maps WHERE customer_id = '00012' AND account_set_id = $(cf_set)")" \
	"h=0;date=0;ref=1;memo=2;debit=3;credit=4;bal=5;neg=0" "the map remembered for the customer"
get P "/c/$tok"
t=$(recon_text)
like "$t" '按上传的明细' "the run is the ledger's"
like "$t" '我方 4 笔，贵方 4 笔，其中 3 笔一致' "3 of 4 matched"
like "$t" '我方有、贵方无 230.50' "the return they did not book"
like "$t" '贵方有、我方无 15.00' "the freight we did not book"
like "$t" '行 6 2024-03-25 记-31 &lt;b&gt;运费&lt;/b&gt; 15.00' "their row, number and memo as text"
like "$t" '贵方账面应付余额 3,245.50' "their closing from their 余额 column"

# --- by ledger: an XLSX made by openpyxl, with an older date style -------------------
"$PY" - "$T/ledger.xlsx" <<'PY'
import sys, datetime, openpyxl
wb = openpyxl.Workbook(); ws = wb.active; ws.title = "往来明细"
ws.append(["华东五金批发部 应付账款明细账"])
ws.append(["日期", "单据编号", "摘要", "金额"])
ws.append([datetime.date(2024, 3, 2), "XS-2024-03-0001", "采购", 3230.50])
ws.append([datetime.date(2024, 3, 2), "XS-2024-03-0007", "采购", 2000])
ws.append([datetime.date(2024, 3, 10), "TH-2024-03-0002", "退货", -230.5])
ws.append([datetime.date(2024, 3, 20), "SK-2024-03-0003", "付款", -3000])
ws.append(["合计", None, None, 2000])
wb.save(sys.argv[1])
PY
get P "/c/$tok"
req P POST "/c/$tok?upload" -F "csrf=$(csrf)" -F "file=@$T/ledger.xlsx;filename=明细.xlsx" -H "Origin: null"
is "$STATUS" 303 "an XLSX uploaded: 303"
map=$(location)
get P "$map"
like "$(body)" '<option value="2" selected>行 2' "the header found under a title row"
like "$(body)" '<option value="3" selected>第 4 列（金额）' "金额 guessed"
cpost "$map" "csrf=$(csrf)" h=2 date=0 ref=1 memo=2 amount=3 their_closing=3000
is "$STATUS" 303 "the XLSX's run: 303"
get P "/c/$tok"
t=$(recon_text)
like "$t" '全部一致，没有差异' "every document matched by number: no differences"
like "$(mark "$sid")" '^ok\|' "the mark: ok"
like "$(body)" '全部一致，可以直接答复“符合”' "the answer form suggests 符合"

# --- the answer names the run and who answered -----------------------------------------
rid=$(sql "SELECT recon_id FROM statements WHERE id = $sid")
get P "/c/$tok"
cpost "/c/$tok" "csrf=$(csrf)" decision=agreed description= handler=王会计 phone=13800000000 position=财务主管
is "$STATUS" 303 "answered 符合"
is "$(sql "SELECT CONCAT_WS('|', decision, handler_name, handler_phone, handler_position, recon_id) FROM feedback WHERE statement_id = $sid")" \
	"agreed|王会计|13800000000|财务主管|$rid" "the answer with 经办人 and the run"
n=$(runs "$sid") u=$(uploads "$sid") v=$(st_version "$sid")
get P "/c/$tok"
# the answered page has no form: the form token its cookie holds
c=$(cookie P __Host-dzpre)
cpost "/c/$tok?balance" "csrf=$c" their_closing=1
is "$STATUS" 409 "figures after the answer: 409"
like "$(body)" '已答复，不能再提交核对数据' "... says why"
req P POST "/c/$tok?upload" -F "csrf=$c" -F "file=@$T/ledger.csv" -H "Origin: null"
is "$STATUS" 409 "a file after the answer: 409"
cpost "$map" "csrf=$c" h=2 date=0 ref=1 memo=2 amount=3
is "$STATUS" 409 "a map after the answer: 409"
is "$(runs "$sid")|$(uploads "$sid")|$(st_version "$sid")" "$n|$u|$v" "... nothing kept, the version unchanged"

# --- staff -----------------------------------------------------------------------------
pw=Good-Pass-$U
mkuser "rc$U" clerk "$pw" || bail "no clerk"
sql "UPDATE users SET account_set_id = $(cf_set), must_change_password = 0 WHERE username = 'rc$U'" >/dev/null
login S "rc$U" "$pw"
[ "$STATUS" = 303 ] || bail "the clerk cannot sign in ($STATUS)"
sid2=$(cf_stmt) || bail "no second statement"
tok2=$(cf_link "$sid2")
get P "/c/$tok2"
cpost "/c/$tok2?balance" "csrf=$(csrf)" their_closing=3,200.50 m9003=none m9002=amount a9002=1,970.00
is "$STATUS" 303 "the customer's run on a second statement"
get P "/c/$tok2"
cpost "/c/$tok2" "csrf=$(csrf)" decision=disputed description=退货我方未收到 handler=李四
is "$STATUS" 303 "... answered 不符合"
get S "/statements?customer=00012"
like "$(card "$sid2")" 'recon-diff' "the history card shows the difference mark"
get S "/statements/$sid2"
is "$STATUS" 200 "the statement page"
t=$(recon_text)
like "$t" '余额调节表' "staff see the 余额调节表"
like "$t" '还有 2 条差异未处理' "... two lines waiting"
like "$(body)" '经办人：李四' "the answer's 经办人"
get S "/statements/$sid2/feedback"
like "$(recon_text)" '余额调节表' "反馈内容 shows the run too"
get S "/statements/$sid2"
rid2=$(sql "SELECT recon_id FROM statements WHERE id = $sid2")
seq_amt=$(sql "SELECT seq FROM recon_lines WHERE recon_id = $rid2 AND kind = 'amount'")
seq_only=$(sql "SELECT seq FROM recon_lines WHERE recon_id = $rid2 AND kind = 'only_ours'")
c=$(csrf)
post S "/statements/$sid2/recon" "csrf=$c" "run=$rid2" "seq=$seq_amt" action=explain note=
is "$STATUS" 400 "已说明 without a note: 400"
post S "/statements/$sid2/recon" "csrf=$c" "run=$rid2" "seq=$seq_amt" action=explain "note=客户漏记运费折让 30 元"
is "$STATUS" 303 "a line explained: 303"
is "$(mark "$sid2")" "diff|$rid2" "... one still waits: diff"
post S "/statements/$sid2/recon" "csrf=$c" "run=$rid2" "seq=999" action=timing
is "$STATUS" 409 "no such line: 409"
post S "/statements/$sid2/recon" "csrf=$c" "run=$((rid2 - 1))" "seq=1" action=timing
is "$STATUS" 409 "a line of an older run: 409"
post S "/statements/$sid2/recon" "csrf=$c" "run=$rid2" "seq=$seq_only" action=timing note=4月1日到货
is "$STATUS" 303 "the other marked 在途"
is "$(mark "$sid2")" "ok|$rid2" "every line resolved: ok"
is "$(sql "SELECT COUNT(*) FROM recon_resolutions WHERE recon_id = $rid2")" 2 "two resolutions kept"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$sid2' AND action = 'recon_resolve' AND username = 'rc$U'")" 2 "... each audited with who"
is "$(cf_status "$sid2")" disputed "the statement itself unchanged (不符合)"
get S "/statements/$sid2"
like "$(recon_text)" '已说明 ?：客户漏记运费折让 30 元' "the resolution shown with its note"
like "$(recon_text)" "rc$U" "... and who"

get P "/c/$tok2"
like "$(recon_text)" '余额调节表' "the customer still sees the run"
unlike "$(body)" '客户漏记运费折让' "... but not the staff's notes"
unlike "$(body)" "rc$U" "... nor who resolved"

# staff upload on the customer's behalf (after the answer: staff may)
req S POST "/statements/$sid2/upload" -F "csrf=$c" -F "file=@$T/ledger.csv;filename=微信发来的.csv" -H "Origin: $DZ_TEST_BASE"
is "$STATUS" 303 "staff upload the customer's file: 303"
smap=$(location)
like "$smap" "^/statements/$sid2/map/[0-9]+$" "... to its column map"
get S "$smap"
like "$(body)" '<option value="2" selected>行 2' "the customer's last map remembered (the XLSX's header row)"
post S "$smap" "csrf=$(csrf)" h=1 date=0 ref=1 memo=2 debit=3 credit=4 bal=5
is "$STATUS" 303 "staff run it"
is "$(sql "SELECT CONCAT_WS('|', source, username, method) FROM reconciliations WHERE statement_id = $sid2 ORDER BY id DESC LIMIT 1")" \
	"staff|rc$U|ledger" "the run is the staff's, named"
get S "/statements/$sid2"
upl=$(sql "SELECT MAX(id) FROM recon_uploads WHERE statement_id = $sid2")
like "$(body)" "href=\"/statements/$sid2/uploads/$upl\" download" "a link to the original file"
get S "/statements/$sid2/uploads/$upl"
is "$STATUS" 200 "the original file"
like "$(hdr Content-Disposition)" '^attachment' "... as an attachment"
is "$(hdr Content-Type)" application/octet-stream "... never a type a browser shows"
is "$(sha256sum <"$BODY" | cut -d' ' -f1)" "$csv_sha" "... byte for byte"
get S "/statements/$sid/uploads/$upl"
is "$STATUS" 404 "an upload of another statement: 404"
get P "/statements/$sid2/uploads/$upl"
like "$STATUS" '^(303|403)$' "the customer's browser without a session: not served"

# the demo's sample ledger (deploy/sample-ledger): three differences, its
# columns guessed and taken as they are
sid3=$(cf_stmt) || bail "no third statement"
tok3=$(cf_link "$sid3")
DZ_SQL=$DZ_TEST_SQL "$here/../../deploy/sample-ledger" "$sid3" >"$T/sample.csv"
ok "deploy/sample-ledger writes a GB18030 ledger" iconv -f GB18030 -t UTF-8 "$T/sample.csv" -o /dev/null
get P "/c/$tok3"
req P POST "/c/$tok3?upload" -F "csrf=$(csrf)" -F "file=@$T/sample.csv" -H "Origin: null"
is "$STATUS" 303 "the sample ledger uploaded"
get P "$(location)"
guess=()
for f in date ref memo amount debit credit bal; do
	v=$(sed -n "/name=\"$f\"/,/<\/select>/p" "$BODY" | grep -o '<option value="[0-9]*" selected' | grep -o '[0-9]*' | head -1)
	guess+=("$f=$v")
done
upl3=$(sql "SELECT MAX(id) FROM recon_uploads WHERE statement_id = $sid3")
cpost "/c/$tok3/map/$upl3" "csrf=$(csrf)" h=1 "${guess[@]}"
is "$STATUS" 303 "its guessed columns taken"
get P "/c/$tok3"
t=$(recon_text)
like "$t" '金额不符 10.00' "the sale booked ¥10 higher: 金额不符"
like "$t" '我方有、贵方无 230.50' "the return they did not book"
like "$t" '在途（期末前后入账时间不同） 15.00' "the freight two days before the end: 在途"
like "$t" '贵方账面应付余额 3,255.50' "their closing from the file"

# GET changes nothing
before=$(sql "SELECT CONCAT_WS('|', version, recon_id, recon_state) FROM statements WHERE id = $sid2")
get S "/statements/$sid2/recon"
like "$STATUS" '^(404|405)$' "GET of the resolution path: refused ($STATUS)"
get S "$smap"
get P "/c/$tok2/map/$upl"
is "$(sql "SELECT CONCAT_WS('|', version, recon_id, recon_state) FROM statements WHERE id = $sid2")" "$before" "GETs changed nothing"
done_testing
