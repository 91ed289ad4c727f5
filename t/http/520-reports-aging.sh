#!/bin/bash
# 账龄分析 (dz-reports /reports/aging) against the ERP simulator's oracle:
# for every customer of the demo set, on two dates, the report's 余额合计
# equals the oracle's closing balance on that date, and each bucket equals
# balance-forward FIFO worked out here, independently, from the oracle's
# documents (the balance laid over the newest sales and 应收款增加 first;
# what no document covers is the oldest bucket's); the buckets of a row sum
# to its total and the footer to the sum of the rows. Custom buckets give
# their headings; bad ones a 400 that says what to write; sorting by
# balance orders the rows; a viewer may read it.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need
program_running dz-reports || skip_all "dz-reports not running"
command -v python3 >/dev/null || skip_all "no python3"
st_openpyxl
st_poppler

st_admin
st_user v "av$U" viewer "$DZ_TEST_ERP_DSN"
DB=$DZ_TEST_ERP_SQLITE

# rows: the report's table as "id total b0 b1 ..." (fen), then "sum S"
rows() {
	python3 - "$BODY" <<'PY'
import sys, re, html
t = open(sys.argv[1], encoding="utf-8").read()
def fen(s):
    s = html.unescape(re.sub(r"<[^>]*>", "", s)).strip().replace(",", "").replace("¥", "")
    neg = s.startswith("-")
    s = s.lstrip("-")
    y, _, f = s.partition(".")
    v = int(y or 0) * 100 + int((f + "00")[:2])
    return -v if neg else v
for m in re.finditer(r'<tr data-id="([^"]*)">(.*?)</tr>', t, re.S):
    tot = re.search(r'data-k="total">(.*?)</td>', m.group(2), re.S).group(1)
    bs = re.findall(r'data-k="b">(.*?)</td>', m.group(2), re.S)
    print(m.group(1), fen(tot), *[fen(b) for b in bs])
s = re.search(r'data-k="sum">(.*?)</td>', t, re.S)
print("sum", fen(s.group(1)) if s else "none")
PY
}

# fifo ASOF LIMITS: the oracle's figures for every customer, "id total b0 b1 ..."
fifo() {
	local asof=$1 limits=$2 cu
	for cu in $("$ORACLE" --db "$DB" --list-customers | cut -f2); do
		"$ORACLE" --db "$DB" --customer "$cu" --from 1900-01-01 --to "$asof" \
			--types 11,45,4,116,115 | python3 -c '
import sys, datetime
cu, asof, limits = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3].split(",")]
closing, debits = None, []
for line in sys.stdin:
    f = line.rstrip("\n").split("\t")
    if f[0] == "doc" and f[3] in ("11", "116") and int(f[6]) > 0:
        debits.append((f[2], int(f[1]), int(f[6])))
    elif f[0] == "closing":
        closing = int(f[1])
b = [0] * (len(limits) + 1)
if closing <= 0:
    b[0] = closing
else:
    left = closing
    d0 = datetime.date.fromisoformat(asof)
    for date, vch, amt in sorted(debits, reverse=True):
        if left <= 0:
            break
        age = (d0 - datetime.date.fromisoformat(date)).days
        k = next((i for i, l in enumerate(limits) if age <= l), len(limits))
        p = min(amt, left)
        b[k] += p
        left -= p
    b[-1] += left
print(cu, closing, *b)
' "$cu" "$asof" "$limits"
	done
}

ncust=$("$ORACLE" --db "$DB" --list-customers | wc -l)
ok "the demo set has customers ($ncust)" test "$ncust" -gt 10
for asof in 2026-11-22 2026-06-30; do
	get v "/reports/aging?asof=$asof&all=1"
	is "$STATUS" 200 "a viewer: GET /reports/aging as of $asof: 200"
	got=$(rows)
	want=$(fifo "$asof" 30,60,90,180)
	is "$(grep -vc '^sum' <<<"$got")" "$ncust" "$asof: a row for every customer of the oracle"
	is "$(grep -v '^sum' <<<"$got" | sort)" "$(sort <<<"$want")" \
		"$asof: every customer's total = the oracle's closing balance, each bucket = FIFO worked out here"
	bad=$(grep -v '^sum' <<<"$got" | awk '{ s = 0; for (i = 3; i <= NF; i++) s += $i; if (s != $2) print $1 }')
	is "$bad" "" "$asof: each row's buckets sum to its total"
	is "$(awk '$1 == "sum" { print $2 }' <<<"$got")" "$(grep -v '^sum' <<<"$got" | awk '{ s += $2 } END { print s }')" \
		"$asof: the footer is the sum of the balances"
	old=$(grep -v '^sum' <<<"$got" | awk '$7 != 0' | wc -l)
	diag "$asof: $ncust customers, $old with something over 180 days"
done
ok "some balance is spread over more than one bucket (the test sees FIFO at work)" \
	test "$(grep -v '^sum' <<<"$got" | awk '{ n = 0; for (i = 3; i <= NF; i++) if ($i != 0) n++; if (n > 1) c++ } END { print c + 0 }')" -gt 0

# the same as a workbook: every row's figures, numbers as numbers, no formula
get v "/reports/aging?asof=2026-11-22&all=1"
like "$(grep -o 'id="xlsx" href="[^"]*"' "$BODY")" 'aging.xlsx\?asof=2026-11-22&amp;buckets=30%2C60%2C90%2C180&amp;sort=code&amp;all=1' \
	"导出 Excel carries the report's choices"
page=$(rows | grep -v '^sum')
get v "/reports/aging.xlsx?asof=2026-11-22&all=1"
is "$STATUS" 200 "GET /reports/aging.xlsx: 200"
like "$(hdr Content-Type)" 'spreadsheetml' "... a workbook"
like "$(hdr Content-Disposition)" "filename\\*=UTF-8''" "... named in Chinese (RFC 5987)"
x=$($PY "$here/report-xlsx.py" "$BODY")
like "$(sed -n 1p <<<"$x")" '账龄分析（截止_2026-11-22）' "the title line says what and when"
is "$(sed -n 2p <<<"$x")" "checks 账龄分析 A4 9 0" "sheet 账龄分析, header frozen, A4, no formula"
ids=$(grep -v '^sum' <<<"$got" | cut -d' ' -f1)
is "$(sed -n '3,$p' <<<"$x" | sed '$d' | awk '{ printf "%s", $3; for (i = 4; i <= 8; i++) printf " %s", $i; print "" }')" \
	"$(cut -d' ' -f2- <<<"$page")" "every row: total and buckets = the page's, as numbers in fen"
is "$(tail -1 <<<"$x" | awk '{ print $2, $3 }')" "全部客户 $(awk '{ s += $2 } END { print s }' <<<"$page")" \
	"the last row: 全部客户 and the sum"

# ... and as a PDF to print, for a viewer too: every customer with its
# total, the totals row's buckets
get v "/reports/aging?asof=2026-11-22&all=1"
like "$(grep -o 'id="pdf" href="[^"]*"' "$BODY")" 'aging.pdf\?asof=2026-11-22&amp;buckets=30%2C60%2C90%2C180&amp;sort=code&amp;all=1' \
	"打印 PDF carries the report's choices"
get v "/reports/aging.pdf?asof=2026-11-22&all=1"
is "$STATUS" 200 "a viewer: GET /reports/aging.pdf: 200"
st_pdf_report aging.pdf
ok "aging.pdf: titled 账龄分析（截止 2026-11-22）" grep -qF "账龄分析（截止2026-11-22）" "$PDFTXT"
codes=$("$ORACLE" --db "$DB" --list-customers | cut -f2,3)
missing=""
while read -r id total _; do
	code=$(awk -v i="$id" '$1 == i { print $2 }' <<<"$codes")
	grep -qF -- "$code" "$PDFTXT" || missing+=" $code"
	grep -qF -- "$(st_commas "$total")" "$PDFTXT" || missing+=" $code:$(st_commas "$total")"
done <<<"$page"
is "$missing" "" "aging.pdf: every customer's code and balance ($(wc -l <<<"$page") rows)"
sums=$(awk '{ for (i = 2; i <= NF; i++) s[i] += $i } END { for (i = 2; i <= NF; i++) print s[i] }' <<<"$page")
missing=""
for n in $sums; do grep -qF -- "$(st_commas "$n")" "$PDFTXT" || missing+=" $(st_commas "$n")"; done
is "$missing" "" "aging.pdf: the totals row (the sum and each bucket's)"

# without all=1: customers with no balance are left out
get v "/reports/aging?asof=2026-11-22"
is "$(rows | grep -v '^sum' | awk '$2 == 0' | wc -l)" 0 "by default: no customer without a balance"
is "$(rows | grep -v '^sum' | wc -l)" "$(fifo 2026-11-22 30,60,90,180 | awk '$2 != 0' | wc -l)" "... and every one with a balance"

# custom buckets
get v "/reports/aging?asof=2026-11-22&buckets=15,45&all=1"
is "$STATUS" 200 "buckets=15,45: 200"
like "$(body)" '15 天以内.*16–45 天.*45 天以上' "three headings: 15 天以内, 16–45 天, 45 天以上"
is "$(rows | grep -v '^sum' | sort)" "$(fifo 2026-11-22 15,45 | sort)" "buckets 15,45: every bucket = FIFO"

# sorted by balance, largest first
get v "/reports/aging?asof=2026-11-22&sort=total"
tot=$(rows | grep -v '^sum' | awk '{ print $2 }')
is "$tot" "$(sort -rn <<<"$tot")" "sort=total: largest balance first"

# bad input: a clear 400, nothing asked of the ERP
for b in "60,30" "30;60" "abc" "0" "1,2,3,4,5,6,7,8"; do
	get v "/reports/aging?buckets=$(printf %s "$b" | sed 's/;/%3B/')"
	is "$STATUS" 400 "buckets=$b: 400"
done
like "$(body)" '递增的天数' "the page says how to write the buckets"
get v "/reports/aging?asof=2026-02-30"
is "$STATUS" 400 "asof=2026-02-30: 400"
get v "/reports/aging?sort=nonsense"
is "$STATUS" 400 "sort=nonsense: 400"
done_testing
