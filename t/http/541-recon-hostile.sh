#!/bin/bash
# 账目核对's uploads are hostile input (issue 14): a zip bomb, a file over
# 5 MB (inside the body the program reads, and far over it), 60,000 rows,
# invalid UTF-8, GB18030 garbage, a zip that is no XLSX, an XLSX with a DTD
# (entity expansion), too many zip entries, a body that is no multipart,
# no file at all: each gets a clear page naming what is wrong (4xx),
# nothing is stored (no upload, no run, the statement's version as it
# was), and the program keeps serving.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"
command -v python3 >/dev/null || skip_all "no python3"

sid=$(cf_stmt) || bail "cannot create a statement"
tok=$(cf_link "$sid") || bail "cannot create a link"
state() { sql "SELECT CONCAT_WS('|', version, COALESCE(recon_id, 0),
	(SELECT COUNT(*) FROM recon_uploads WHERE statement_id = $sid),
	(SELECT COUNT(*) FROM reconciliations WHERE statement_id = $sid)) FROM statements WHERE id = $sid"; }
before=$(state)
get P "/c/$tok"
c=$(csrf)
[ -n "$c" ] || bail "no form token"

# refused FILE STATUS ERE DESC: the upload of FILE is refused with STATUS,
# its page saying ERE; nothing stored
refused() {
	req P POST "/c/$tok?upload" -F "csrf=$c" -F "file=@$1;filename=$(basename "$1")" -H "Origin: null"
	is "$STATUS" "$2" "$4: $2"
	like "$(sed 's/<[^>]*>//g' "$BODY")" "$3" "$4: the page says why"
	is "$(state)" "$before" "$4: nothing stored"
}

python3 - "$T" <<'PY'
import sys, os, zipfile
d = sys.argv[1]
ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
      '<sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
wbrels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
def xlsx(name, sheet, extra=0):
    with zipfile.ZipFile(os.path.join(d, name), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", wbrels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        for i in range(extra):
            z.writestr("x/%d.xml" % i, "")
head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
row = '<row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c></row>'
# 60 MB of spaces inflate from some 60 KB: a zip bomb
xlsx("bomb.xlsx", head + row + " " * (60 << 20) + "</sheetData></worksheet>")
# the billion laughs, in a DTD
xlsx("dtd.xlsx", '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
     '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
     '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
     '<row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row></sheetData></worksheet>')
# more zip entries than a workbook has
xlsx("entries.xlsx", head + row + "</sheetData></worksheet>", extra=1100)
# a zip with no workbook
with zipfile.ZipFile(os.path.join(d, "nobook.xlsx"), "w") as z:
    z.writestr("readme.txt", "hello")
# 60,000 rows of CSV
with open(os.path.join(d, "rows.csv"), "w") as f:
    f.write("日期,单号,金额\n")
    for i in range(60000):
        f.write("2024-03-01,X%d,1.00\n" % i)
# just over 5 MB (inside the body the program reads), and 6 MB
for name, size in (("big5.csv", (5 << 20) + 4096), ("big6.csv", 6 << 20)):
    with open(os.path.join(d, name), "w") as f:
        line = "2024-03-01,XS-0001,采购,100.00\n"
        f.write("日期,单号,摘要,金额\n")
        f.write(line * (size // len(line.encode()) + 1))
# invalid UTF-8 that is no GB18030 either, and GB18030 garbage (a
# four-byte sequence cut short, then bytes no encoding has)
open(os.path.join(d, "utf8.csv"), "wb").write(b"\xe6\x97\xa5\xe6\x9c,\xff\xfe\n2024-03-01,1\n")
open(os.path.join(d, "gb.csv"), "wb").write(b"\xc8\xd5\xc6\xda,\x81\x30\x81\n\x81\x30,\xff\n")
# an unclosed quote
open(os.path.join(d, "quote.csv"), "w").write('日期,金额\n2024-03-01,"12\n')
PY

refused "$T/bomb.xlsx" 413 '解压后太大' "a zip bomb (60 MB inflated)"
refused "$T/dtd.xlsx" 400 '已损坏或没有工作表' "an XLSX with a DTD and entities"
refused "$T/entries.xlsx" 413 '部件太多' "an XLSX of 1,105 zip entries"
refused "$T/nobook.xlsx" 400 '已损坏或没有工作表' "a zip without a workbook"
refused "$T/rows.csv" 413 '最多 50,000 行' "60,000 rows"
refused "$T/big5.csv" 413 '最大 5 MB' "a file of 5 MB and 4 KB"
refused "$T/big6.csv" 413 '最大 5 MB' "a file of 6 MB"
refused "$T/utf8.csv" 400 '编码无法识别' "invalid UTF-8"
refused "$T/gb.csv" 400 '编码无法识别' "GB18030 garbage"
refused "$T/quote.csv" 400 '未闭合的引号' "an unclosed quote"
: >"$T/empty.csv"
refused "$T/empty.csv" 400 '请选择要上传的文件' "an empty file"

# (a limit is 413, whatever it counts: bytes, inflated bytes, entries, rows)

# no file part at all, and a body that is not multipart
req P POST "/c/$tok?upload" -F "csrf=$c" -H "Origin: null"
is "$STATUS" 400 "no file: 400"
like "$(body)" '请选择要上传的文件' "... says choose a file"
req P POST "/c/$tok?upload" -H "Origin: null" -H "Content-Type: multipart/form-data; boundary=xyz" \
	--data-binary $'--xyz\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n'"$c"$'\r\n--xyz\r\nContent-Disp'
is "$STATUS" 400 "a multipart body cut short: 400"
req P POST "/c/$tok?upload" -H "Origin: null" -H "Content-Type: text/csv" --data-binary @"$T/utf8.csv"
is "$STATUS" 400 "a body that is not a form: 400"
# far over: nginx's own limit, the site's page
head -c $((9 << 20)) /dev/zero >"$T/big9.bin"
req P POST "/c/$tok?upload" -F "csrf=$c" -F "file=@$T/big9.bin" -H "Origin: null"
is "$STATUS" 413 "9 MB: nginx's 413"
like "$(body)" '提交内容过大' "... the site's page"
is "$(state)" "$before" "none of them stored anything"

# a form of balance and marks above 512 KB: nginx's 413 (the upload's
# location takes 8 MB, this one only what Form.MaxBody does)
printf 'csrf=%s&their_closing=1&x=%600000s' "$c" '' | tr ' ' x >"$T/b600k"
req P POST "/c/$tok?balance" -H "Origin: null" --data-binary @"$T/b600k"
is "$STATUS" 413 "600 KB of balance form: 413"
like "$(body)" '提交内容过大' "... the site's page"
is "$(state)" "$before" "... nothing stored"

# the program still serves, and a good file is still taken
get P "/c/$tok"
is "$STATUS" 200 "the page still opens"
printf '日期,单号,金额\n2024-03-02,XS-2024-03-0001,3230.50\n' >"$T/ok.csv"
req P POST "/c/$tok?upload" -F "csrf=$(csrf)" -F "file=@$T/ok.csv" -H "Origin: null"
is "$STATUS" 303 "a good file after them: 303"
up1=$(sql "SELECT MAX(id) FROM recon_uploads WHERE statement_id = $sid")
get P "/c/$tok"
req P POST "/c/$tok?upload" -F "csrf=$(csrf)" -F "file=@$T/ok.csv;filename=again.csv" -H "Origin: null"
is "$STATUS|$(location)" "303|/c/$tok/map/$up1" "the same file again: the one kept"
is "$(sql "SELECT COUNT(*) FROM recon_uploads WHERE statement_id = $sid")" 1 "... not a second row"

# a header on the last row reads nothing: refused, not "they booked none"
get P "/c/$tok/map/$up1"
post P "/c/$tok/map/$up1" "csrf=$(csrf)" h=2 date=0 ref=1 amount=2 -- -H "Origin: null"
is "$STATUS" 400 "a map that reads no row: 400"
like "$(body)" '表头下面还要有明细行' "... says why"
is "$(sql "SELECT COUNT(*) FROM reconciliations WHERE statement_id = $sid")" 0 "... no run"

# a date before 1970 is no date, not a failed run
printf '日期,单号,金额
1969-12-30,XS-2024-03-0001,3230.50
2024-03-02,XS-2024-03-0007,2000.00
' >"$T/old.csv"
get P "/c/$tok"
req P POST "/c/$tok?upload" -F "csrf=$(csrf)" -F "file=@$T/old.csv" -H "Origin: null"
map=$(location)
get P "$map"
post P "$map" "csrf=$(csrf)" h=1 date=0 ref=1 amount=2 -- -H "Origin: null"
is "$STATUS" 303 "a row dated 1969: the run is made"
is "$(sql "SELECT n_theirs FROM reconciliations WHERE statement_id = $sid ORDER BY id DESC LIMIT 1")" 2 "... with both rows"

# at most 20 files a statement: the 21st distinct one is refused
n=$(sql "SELECT COUNT(*) FROM recon_uploads WHERE statement_id = $sid")
for i in $(seq "$n" 19); do
	printf '日期,单号,金额
2024-03-02,F-%d,1.00
' "$i" >"$T/f$i.csv"
	get P "/c/$tok"
	req P POST "/c/$tok?upload" -F "csrf=$(csrf)" -F "file=@$T/f$i.csv" -H "Origin: null"
done
is "$(sql "SELECT COUNT(*) FROM recon_uploads WHERE statement_id = $sid")" 20 "20 files kept"
printf '日期,单号,金额
2024-03-02,F-21,1.00
' >"$T/f21.csv"
get P "/c/$tok"
req P POST "/c/$tok?upload" -F "csrf=$(csrf)" -F "file=@$T/f21.csv" -H "Origin: null"
is "$STATUS" 413 "the 21st: 413"
like "$(sed 's/<[^>]*>//g' "$BODY")" '已收到 20 个文件' "... says the limit"
is "$(sql "SELECT COUNT(*) FROM recon_uploads WHERE statement_id = $sid")" 20 "... not kept"

# at most 50 runs a statement (49 more made straight in the store)
sql "INSERT INTO reconciliations (statement_id, source, method, our_opening, our_closing,
	their_opening, their_closing, closing_given, opening_diff, d_amount, d_timing,
	d_only_ours, d_only_theirs, unexplained, n_ours, n_theirs, n_matched, n_diff)
	SELECT $sid, 'customer', 'balance', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
	FROM information_schema.columns LIMIT 49" >/dev/null
get P "/c/$tok"
post P "/c/$tok?balance" "csrf=$(csrf)" their_closing=1 -- -H "Origin: null"
is "$STATUS" 413 "the 51st run: 413"
like "$(sed 's/<[^>]*>//g' "$BODY")" '已核对 50 次' "... says the limit"
is "$(sql "SELECT COUNT(*) FROM reconciliations WHERE statement_id = $sid")" 50 "... not made"

log=$DZ_TEST_RUN/log/dz-confirm.log
unlike "$(grep -c "$tok" "$log")" '^[1-9]' "the token is in no log line of dz-confirm"
unlike "$(grep -c "$tok" "$DZ_TEST_RUN/log/access.log")" '^[1-9]' "... nor in nginx's access log"
done_testing
