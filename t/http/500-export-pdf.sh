#!/bin/bash
# GET /statements/N/pdf (issue 13): a statement made through the UI comes
# back as a PDF whose text (pdftotext) holds the company, the customer's name
# and code, every document number, the closing balance in figures and in
# 人民币大写 and 未确认; every font is embedded as a subset (pdffonts); the
# "共 M 页" it prints is pdfinfo's page count, on every page; the first page
# renders to a PNG that is not blank (kept in the test's output folder). A
# long statement splits over pages with the table's header on each. After
# 不符合确认 the PDF shows the decision, the description and who; with a live
# link a clerk's PDF carries its QR code (its caption), a viewer's does not;
# after 取消确认 it says 未确认 again, and the customer's answer through the
# link shows as 客户's, with its time;
# the file's name is 对账单-<customer>-<from>-<to>.pdf in RFC 5987's filename*.
# A viewer of the account set may download; a clerk of another account set
# gets 404; a non-numeric, zero or huge id the error page; with MariaDB down
# the 503 page; a deleted statement 410. The statement page links to the PDF.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need
for c in pdftotext pdffonts pdfinfo pdftoppm; do
	command -v $c >/dev/null || skip_all "no $c (apt-get install poppler-utils)"
done
OUT=${DZ_TEST_OUT:-$DZ_TEST_RUN/out}
mkdir -p "$OUT"

st_admin
st_user c "pc$U" clerk "$DZ_TEST_ERP_DSN"
st_user v "pv$U" viewer "$DZ_TEST_ERP_DSN"
# the customer with documents in every month: ten months of them are a
# statement of several pages
cu=$(st_lenovo)
from=2026-01-01 to=2026-10-31
docs=$(st_docs "$cu" "$from" "$to")
[ -n "$docs" ] || bail "no documents for $cu in $from..$to"
# shellcheck disable=SC2086
gen c "$cu" "$from" "$to" 1 $docs
[ "$STATUS" = 303 ] && [ -n "$SID" ] || bail "cannot generate ($STATUS)"
sid=$SID
name=$(sql "SELECT customer_name FROM statements WHERE id = $sid")
code=$(sql "SELECT customer_code FROM statements WHERE id = $sid")
company=$(sql "SELECT company_name FROM statements WHERE id = $sid")
closing=$(sql "SELECT closing FROM statements WHERE id = $sid")
ndocs=$(echo "$docs" | wc -w)

# pdf B SID FILE: download; sets STATUS, FILE holds the body
pdf() {
	get "$1" "/statements/$2/pdf"
	cp "$BODY" "$3"
}
# text FILE: pdftotext's text without spaces (it puts them where it likes
# between Chinese and figures)
text() { pdftotext -q "$1" - | tr -d ' \f'; }
# commas FEN-DECIMAL: 12345.60 -> 12,345.60
commas() { printf '%s' "$1" | sed -E ':a; s/^(-?[0-9]+)([0-9]{3})/\1,\2/; ta'; }

# --- the statement page links to it -----------------------------------------
get c "/statements/$sid"
like "$(body)" "href=\"/statements/$sid/pdf\"" "the statement page links to its PDF"

# --- the PDF ------------------------------------------------------------------
pdf c "$sid" "$T/a.pdf"
is "$STATUS" 200 "GET /statements/$sid/pdf: 200"
is "$(hdr Content-Type)" application/pdf "Content-Type: application/pdf"
is "$(head -c 5 "$T/a.pdf")" "%PDF-" "the body is a PDF"
is "$(hdr Content-Length)" "$(wc -c <"$T/a.pdf")" "Content-Length is the body's"
disp=$(hdr Content-Disposition)
like "$disp" "^attachment; filename=\"[ -~]+\"; filename\\*=UTF-8''" "the name: an ASCII filename and RFC 5987 filename*"
want=$(printf '对账单-%s-%s-%s.pdf' "$name" "$from" "$to")
got=$(printf '%s' "${disp#*filename\*=UTF-8\'\'}" | python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.stdin.read().strip()))')
is "$got" "$want" "filename* decodes to 对账单-<customer>-<from>-<to>.pdf"
cp "$T/a.pdf" "$OUT/500-statement.pdf"

text "$T/a.pdf" >"$T/a.txt"
like "$(cat "$T/a.txt")" "对账单" "the text: 对账单"
if [ -n "$company" ]; then
	ok "the text: the company ($company)" grep -qF -- "$(printf '%s' "$company" | tr -d ' ')" "$T/a.txt"
else
	skip "the account set has no name yet" "the text: the company"
fi
ok "the text: the customer's name ($name)" grep -qF -- "$(printf '%s' "$name" | tr -d ' ')" "$T/a.txt"
ok "the text: the customer's code ($code)" grep -qF -- "$code" "$T/a.txt"
missing=0
while read -r num; do
	grep -qF -- "$num" "$T/a.txt" || { missing=$((missing + 1)); [ $missing -le 3 ] && diag "missing: $num"; }
done < <(sql "SELECT number FROM statement_docs WHERE statement_id = $sid")
is "$missing" 0 "the text: every one of the $ndocs document numbers"
fig=$(commas "${closing#-}")
ok "the text: the closing balance ¥$fig" grep -qF -- "¥$fig" "$T/a.txt"
# 大写, worked out here from the figure (the bank's rules, as in 015)
upper=$(python3 - "$closing" <<'EOF'
import sys
from decimal import Decimal
v = Decimal(sys.argv[1]); fen = abs(int((v * 100).to_integral_value()))
D = "零壹贰叁肆伍陆柒捌玖"; P = ["", "拾", "佰", "仟"]
def yuan(n):
    s = ""; d = str(n); zero = False; grp = False; L = len(d)
    for i, c in enumerate(d):
        p = L - 1 - i; c = int(c)
        if c == 0: zero = True
        else:
            if zero: s += "零"
            zero = False; grp = True; s += D[c] + P[p % 4]
        if p in (4, 12):
            if grp: s += "万"; zero = False
            if p == 4: grp = False
        elif p == 8:
            if grp: s += "亿"; zero = False
            grp = False
    return s
y, j, f = fen // 100, fen // 10 % 10, fen % 10
s = "零元" if fen == 0 else (yuan(y) + "元" if y else "")
if j: s += D[j] + "角"
elif f and y: s += "零"
if f: s += D[f] + "分"
if not j and not f: s += "整"
print(s)
EOF
)
ok "the text: 大写 人民币$upper" grep -qF -- "人民币$upper" "$T/a.txt"
if [ "${closing#-}" != "$closing" ]; then
	ok "a negative closing is worded 贵方预付余额" grep -qF 贵方预付余额 "$T/a.txt"
else
	ok "the closing is worded 欠款金额" grep -qF 欠款金额 "$T/a.txt"
fi
ok "the text: no answer yet, 未确认" grep -qF 未确认 "$T/a.txt"
ok "the text: 客户确认（签字/盖章）" grep -qF "客户确认（签字/盖章）" "$T/a.txt"
fp=$(sql "SELECT fingerprint FROM statements WHERE id = $sid")
ok "the text: the fingerprint" grep -qF -- "$fp" "$T/a.txt"

# fonts: every one embedded and a subset
pdffonts "$T/a.pdf" >"$T/fonts"
nf=$(awk 'NR > 2' "$T/fonts" | wc -l)
ok "pdffonts lists fonts ($nf)" test "$nf" -ge 1
is "$(awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes")' "$T/fonts")" "" "every font emb=yes sub=yes"
like "$(awk 'NR > 2 {print $1}' "$T/fonts" | head -1)" '^[A-Z]{6}\+NotoSansCJK' "the font is Noto Sans CJK, subset"

# pages: "共 M 页" is pdfinfo's count, and every page says which it is
pages=$(pdfinfo "$T/a.pdf" | awk '/^Pages:/ {print $2}')
ok "pdfinfo: $pages page(s)" test "${pages:-0}" -ge 1
is "$(grep -o '第[0-9]*页共[0-9]*页' "$T/a.txt" | sort -u | wc -l)" "$pages" "a 第 N 页 line for each of the $pages pages"
is "$(grep -o '共[0-9]*页' "$T/a.txt" | sort -u)" "共${pages}页" "every page says 共 $pages 页"
ok "page 1 says 第 1 页" sh -c "pdftotext -q -f 1 -l 1 '$T/a.pdf' - | tr -d ' ' | grep -q '第1页共${pages}页'"
ok "page $pages says 第 $pages 页" sh -c "pdftotext -q -f $pages -l $pages '$T/a.pdf' - | tr -d ' ' | grep -q '第${pages}页共${pages}页'"

# the first page as an image, kept beside the test's other output
rm -f "$OUT/500-page1"*.png
pdftoppm -q -png -r 60 -f 1 -l 1 -singlefile "$T/a.pdf" "$OUT/500-page1"
ok "page 1 renders to a PNG ($OUT/500-page1.png)" test -s "$OUT/500-page1.png"
is "$(head -c 8 "$OUT/500-page1.png" | od -An -tx1 | tr -d ' \n')" 89504e470d0a1a0a "... a PNG"
pdftoppm -q -gray -r 30 -f 1 -l 1 -singlefile "$T/a.pdf" "$T/gray"
dark=$(python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
# PGM: P5 w h max, then the pixels
parts = d.split(b"\n", 3)
px = parts[3] if parts[0] == b"P5" else b""
print(sum(1 for b in px if b < 128))' "$T/gray.pgm")
ok "page 1 is not blank ($dark dark pixels at 30 dpi)" test "${dark:-0}" -gt 500

# --- a long statement splits over pages, the header on each ------------------
if [ "$pages" -gt 1 ]; then
	is "$(pdftotext -q "$T/a.pdf" - | grep -c '^单据编号$\|单据编号')" "$pages" \
		"the table's header (单据编号) on each of the $pages pages"
else
	skip "one page only" "the table's header on each page"
fi

# --- an answer: 不符合确认 with a description ----------------------------------
act c "$sid" dispute "description=少了 2 箱，单价应为 69.00"
is "$STATUS" 303 "不符合确认: 303"
pdf c "$sid" "$T/b.pdf"
is "$STATUS" 200 "the answered statement's PDF: 200"
text "$T/b.pdf" >"$T/b.txt"
ok "the decision 不符合" grep -qF "结论：不符合" "$T/b.txt"
ok "the description" grep -qF "少了2箱，单价应为69.00" "$T/b.txt"
ok "who answered (the clerk, 员工)" grep -qF "pc$U（员工）" "$T/b.txt"
ok "no longer 未确认" sh -c "! grep -qF 未确认 '$T/b.txt'"

# --- the QR code of the live link: the clerk's, not the viewer's -------------
get c "/statements/$sid/share"
post c "/statements/$sid/share" "csrf=$(csrf)"
if [ "$STATUS" = 303 ]; then
	pdf c "$sid" "$T/q.pdf"
	ok "with a live link, the clerk's PDF has the QR code (扫码在线核对、确认)" grep -qF 扫码在线核对、确认 <(text "$T/q.pdf")
	ok "... drawn as vector modules: no image in the PDF" sh -c "[ \$(pdfimages -list '$T/q.pdf' 2>/dev/null | awk 'NR > 2' | wc -l) = 0 ]"
	pdf v "$sid" "$T/v.pdf"
	is "$STATUS" 200 "a viewer of the account set may download it: 200"
	is "$(head -c 5 "$T/v.pdf")" "%PDF-" "... a PDF"
	ok "... without the link's QR code" sh -c "! pdftotext -q '$T/v.pdf' - | tr -d ' ' | grep -qF 扫码在线核对、确认"
else
	diag "share: $STATUS (no App.PublicBase?)"
	skip "no link" "the clerk's PDF has the QR code"
	skip "no link" "... drawn as vector modules"
	pdf v "$sid" "$T/v.pdf"
	is "$STATUS" 200 "a viewer of the account set may download it: 200"
	is "$(head -c 5 "$T/v.pdf")" "%PDF-" "... a PDF"
	skip "no link" "... without the link's QR code"
fi

# --- 取消确认, then the customer's own answer through the link ----------------
# While 未确认 again the answer 取消确认 set aside is not the customer's word:
# the PDF says 未确认; the customer's 符合 then shows as 客户's.
act c "$sid" cancel
is "$STATUS" 303 "取消确认: 303"
pdf c "$sid" "$T/r.pdf"
text "$T/r.pdf" >"$T/r.txt"
ok "reopened: 未确认 again" grep -qF 未确认 "$T/r.txt"
ok "... the set-aside answer is not shown" sh -c "! grep -qF 少了2箱 '$T/r.txt'"
get c "/statements/$sid/share"
tok=$(grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's,.*/c/,,; s,".*,,')
if [ -n "$tok" ]; then
	get P "/c/$tok"
	post P "/c/$tok" decision=agreed "description=数量金额无误" "csrf=$(csrf)"
	is "$STATUS" 303 "the customer answers 符合 through the link: 303"
	pdf c "$sid" "$T/k.pdf"
	text "$T/k.pdf" >"$T/k.txt"
	ok "the customer's decision 符合" grep -qF "结论：符合" "$T/k.txt"
	ok "... the customer's description" grep -qF "数量金额无误" "$T/k.txt"
	ok "... answered by 客户" grep -qF "答复人：客户" "$T/k.txt"
	at=$(sql "SELECT DATE_FORMAT(MAX(f.at), '%Y-%m-%d%H:%i') FROM feedback f WHERE f.statement_id = $sid")
	ok "... and when ($at)" grep -qF "时间：$at" "$T/k.txt"
else
	for d in "the customer answers" "decision" "description" "by 客户" "when"; do
		skip "no link" "$d"
	done
fi

# --- another account set, bad ids, a deleted statement -----------------------
other_dsn=${DZ_TEST_ERP_DSN/database=$DZ_TEST_ERP_NAME/database=V3994}
st_user o "po$U" clerk "$other_dsn"
get o "/statements/$sid/pdf"
is "$STATUS" 404 "a clerk of another account set: 404"
unlike "$(head -c 5 "$BODY")" "%PDF" "... and no PDF"
like "$(body)" "找不到您要的页面或记录" "... the not-found page"
for p in abc 0 -1 99999999999999999999 1e3 "${sid}x" 2147483647; do
	get c "/statements/$p/pdf"
	is "$STATUS" 404 "GET /statements/$p/pdf: 404"
	like "$(hdr Content-Type)" "^text/html" "... an HTML page"
	like "$(body)" "找不到您要的页面或记录" "... that says it found nothing"
done
get - "/statements/$sid/pdf"
is "$STATUS" 303 "signed out: to the sign-in page (303)"
# The store down: the usual 503 page (not a broken PDF), then served again.
if [ -x "${DZ_TEST_DB:-}" ]; then
	trap '"$DZ_TEST_DB" start >/dev/null 2>&1; rm -rf "$T"' EXIT
	db() { "$DZ_TEST_DB" "$1" >/dev/null 2>&1; }
	ok "MariaDB stopped" db stop
	get c "/statements/$sid/pdf"
	is "$STATUS" 503 "the PDF while MariaDB is down: 503"
	like "$(hdr Content-Type)" "^text/html" "... the HTML error page"
	like "$(body)" "数据库暂时不可用" "... that says the database is unavailable"
	ok "MariaDB started" db start
	for _ in $(seq 20); do
		get c "/statements/$sid/pdf"
		[ "$STATUS" = 200 ] && break
		sleep 0.5
	done
	is "$STATUS" 200 "after the restart the PDF is served again"
else
	skip "DZ_TEST_DB unset" "the PDF while MariaDB is down: 503"
fi
act c "$sid" delete
is "$STATUS" 303 "删除: 303"
get c "/statements/$sid/pdf"
is "$STATUS" 410 "a deleted statement's PDF: 410"
done_testing
