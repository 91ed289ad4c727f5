#!/bin/bash
# 付款习惯 (dz-reports /reports/habits) against the ERP simulator's oracle:
# for every customer and a period, 销售, the receipts allocated FIFO to its
# debts (the opening balance first; returns and 应收款减少 clear debts
# without counting as payments), their weighted days to pay and DSO equal
# what is worked out here, independently, from the oracle's documents; the
# statements made and the reply and 不符合 rates equal SQL; bad input is
# a 400.
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
st_user g "pg$U" clerk "$DZ_TEST_ERP_DSN"
DB=$DZ_TEST_ERP_SQLITE
FROM=2026-01-01 TO=2026-10-31

rows() {
	python3 - "$BODY" <<'PY'
import sys, re, html
t = open(sys.argv[1], encoding="utf-8").read()
def cell(k, s):
    m = re.search(r'data-k="%s">(.*?)</td>' % k, s, re.S)
    return html.unescape(re.sub(r"<[^>]*>", "", m.group(1))).strip().replace(",", "")
def fen(s):
    neg = s.startswith("-"); s = s.lstrip("-")
    y, _, f = s.partition(".")
    v = int(y or 0) * 100 + int((f + "00")[:2])
    return -v if neg else v
for m in re.finditer(r'<tr data-id="([^"]*)">(.*?)</tr>', t, re.S):
    r = m.group(2)
    print(m.group(1), fen(cell("opening", r)), fen(cell("sales", r)), fen(cell("paid", r)),
          cell("days", r) or "-", fen(cell("closing", r)), cell("dso", r) or "-")
PY
}

want() {
	local cu
	for cu in $("$ORACLE" --db "$DB" --list-customers | cut -f2); do
		"$ORACLE" --db "$DB" --customer "$cu" --from "$FROM" --to "$TO" --types 11,45,4,116,115 |
			python3 -c '
import sys, datetime
cu, frm, to = sys.argv[1:4]
day = lambda s: datetime.date.fromisoformat(s).toordinal()
opening = closing = 0
deb, cred, sales = [], [], 0
for line in sys.stdin:
    f = line.rstrip("\n").split("\t")
    if f[0] == "opening": opening = int(f[1])
    elif f[0] == "closing": closing = int(f[1])
    elif f[0] == "doc":
        t, a = f[3], int(f[6])
        if t in ("11", "116") and a > 0: deb.append([day(f[2]), a]); sales += a
        elif t in ("4", "45", "115") and a < 0: cred.append([day(f[2]), -a, t == "4"])
if opening > 0: deb.insert(0, [day(frm), opening])
if opening < 0: cred.insert(0, [day(frm), -opening, False])
cred.sort(key=lambda c: c[0])
i = j = 0; w = paid = 0
while i < len(deb) and j < len(cred):
    if deb[i][1] <= 0: i += 1; continue
    if cred[j][1] <= 0: j += 1; continue
    p = min(deb[i][1], cred[j][1])
    if cred[j][2]:
        w += p * max(0, cred[j][0] - deb[i][0]); paid += p
    deb[i][1] -= p; cred[j][1] -= p
days = str((w * 2 + paid) // (paid * 2)) if paid else "-"
n = day(to) - day(frm) + 1
if sales <= 0: dso = "-"
elif closing <= 0: dso = "0.0"
else:
    q = (closing * n * 10 * 2 + sales) // (sales * 2)
    dso = "%d.%d" % (q // 10, q % 10)
print(cu, opening, sales, paid, days, closing, dso)
' "$cu" "$FROM" "$TO"
	done
}

get g "/reports/habits?from=$FROM&to=$TO&all=1"
is "$STATUS" 200 "GET /reports/habits: 200"
got=$(rows)
exp=$(want)
is "$(wc -l <<<"$got")" "$(wc -l <<<"$exp")" "a row for every customer"
is "$(sort <<<"$got")" "$(sort <<<"$exp")" \
	"every customer's 销售, FIFO receipts, days to pay and DSO = worked out from the oracle"
ok "someone paid, on some days (the test sees allocation at work)" \
	test "$(awk '$5 != "-" && $5 > 0' <<<"$got" | wc -l)" -gt 3

get g "/reports/habits.xlsx?from=$FROM&to=$TO&all=1"
is "$STATUS" 200 "GET /reports/habits.xlsx: 200"
x=$($PY "$here/report-xlsx.py" "$BODY")
is "$(sed -n 2p <<<"$x")" "checks 付款习惯 A4 9 0" "sheet 付款习惯, header frozen, A4, no formula"
is "$(sed -n '3,$p' <<<"$x" | awk '{ print $3, $4, $5, $6, $7, $8 }')" \
	"$(awk '{ print $2, $3, $4, $5, $6, $7 }' <<<"$got")" "every row = the page's"

get g "/reports/habits.pdf?from=$FROM&to=$TO&all=1"
is "$STATUS" 200 "GET /reports/habits.pdf: 200"
st_pdf_report habits.pdf
ok "habits.pdf: titled 付款习惯（$FROM 至 $TO）" grep -qF "付款习惯（${FROM}至${TO}）" "$PDFTXT"
missing=""
codes=$("$ORACLE" --db "$DB" --list-customers | cut -f2,3)
while read -r id _ sales _ _ closing _; do
	code=$(awk -v i="$id" '$1 == i { print $2 }' <<<"$codes")
	grep -qF -- "$code" "$PDFTXT" || missing+=" $code"
	grep -qF -- "$(st_commas "$sales")" "$PDFTXT" || missing+=" $code:$(st_commas "$sales")"
	grep -qF -- "$(st_commas "$closing")" "$PDFTXT" || missing+=" $code:$(st_commas "$closing")"
done <<<"$got"
is "$missing" "" "habits.pdf: every customer's code, 销售 and 期末 ($(wc -l <<<"$got") rows)"

# the statements' side
cu=$(st_lenovo)
sid=$(st_new g "$cu" 2026-09-01 2026-09-30) || bail "cannot generate"
act g "$sid" dispute "description=不对"
set=$(sql "SELECT account_set_id FROM users WHERE username = 'pg$U'")
today=$(sql "SELECT DATE(created_at) FROM statements WHERE id = $sid")
get g "/reports/habits?from=$FROM&to=$today"
line=$(tr -d '\n' <"$BODY" | grep -o "<tr data-id=\"$cu\">.*" | sed 's,</tr>.*,,')
made=$(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $set AND customer_id = '$cu'
	AND deleted_at IS NULL AND created_at >= '$FROM' AND created_at < '$today' + INTERVAL 1 DAY")
disp=$(sql "SELECT ROUND(FLOOR(SUM(status = 'disputed') * 1000 / COUNT(*)) / 10, 1) FROM statements
	WHERE account_set_id = $set AND customer_id = '$cu' AND deleted_at IS NULL
	AND created_at >= '$FROM' AND created_at < '$today' + INTERVAL 1 DAY")
like "$line" "data-k=\"made\">$made<" "对账单 made for $cu = SQL ($made)"
like "$line" "data-k=\"disputed\">$disp%<" "不符合率 = SQL ($disp%)"

get g "/reports/habits?from=$TO&to=$FROM"
is "$STATUS" 400 "from after to: 400"
get g "/reports/habits?from=2026-13-01"
is "$STATUS" 400 "a bad date: 400"
done_testing
