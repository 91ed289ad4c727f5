#!/bin/bash
# 对账报表 (dz-reports /reports/customers, /reports/customer) against the
# ERP simulator's oracle: for a month, every customer's 期初, 销售, 退货,
# 收款, 其他 (应收款增加 and 减少) and 期末 equal the oracle's opening,
# per-type totals and closing for that range, and each row sums; the
# footer is the sum of the rows; one customer's year month by month
# equals the oracle month by month, each month opening with the last
# one's closing; a statement made through the UI for that month shows in
# both, with its state; bad input is a 400.
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
st_user g "lg$U" clerk "$DZ_TEST_ERP_DSN"
DB=$DZ_TEST_ERP_SQLITE

# rows ATTR: "key opening sales returns receipts other closing stmt" (fen)
# of the page's table rows, keyed by the tr's ATTR (data-id, data-month)
rows() {
	python3 - "$BODY" "$1" <<'PY'
import sys, re, html
t = open(sys.argv[1], encoding="utf-8").read()
def fen(s):
    s = html.unescape(re.sub(r"<[^>]*>", "", s)).strip().replace(",", "")
    neg = s.startswith("-"); s = s.lstrip("-")
    y, _, f = s.partition(".")
    v = int(y or 0) * 100 + int((f + "00")[:2])
    return -v if neg else v
keys = ["opening", "sales", "returns", "receipts", "other", "closing"]
for m in re.finditer(r'<tr %s="([^"]*)">(.*?)</tr>' % sys.argv[2], t, re.S):
    cells = {k: fen(re.search(r'data-k="%s">(.*?)</td>' % k, m.group(2), re.S).group(1)) for k in keys}
    st = re.search(r'href="/statements/(\d+)" data-k="stmt"', m.group(2))
    print(m.group(1), *[cells[k] for k in keys], st.group(1) if st else "-")
PY
}

# oracle CUSTOMER FROM TO: "opening sales returns receipts other closing"
oracle() {
	"$ORACLE" --db "$DB" --customer "$1" --from "$2" --to "$3" --types 11,45,4,116,115 |
		awk -F '\t' '$1 == "opening" { o = $2 } $1 == "closing" { c = $2 }
			$1 == "total" { t[$2] = $4 }
			END { print o + 0, t[11] + 0, t[45] + 0, t[4] + 0, t[116] + t[115], c + 0 }'
}

# --- every customer, October ---------------------------------------------------
get g "/reports/customers?from=2026-10-01&to=2026-10-31&all=1"
is "$STATUS" 200 "GET /reports/customers for October: 200"
got=$(rows data-id)
ncust=$("$ORACLE" --db "$DB" --list-customers | wc -l)
is "$(wc -l <<<"$got")" "$ncust" "a row for every customer ($ncust)"
want=$(for cu in $("$ORACLE" --db "$DB" --list-customers | cut -f2); do
	echo "$cu $(oracle "$cu" 2026-10-01 2026-10-31)"; done)
is "$(cut -d' ' -f1-7 <<<"$got" | sort)" "$(sort <<<"$want")" \
	"every customer's 期初, 销售, 退货, 收款, 其他, 期末 = the oracle's"
is "$(awk '$2 + $3 + $4 + $5 + $6 != $7 { print $1 }' <<<"$got")" "" "each row: 期初 + movements = 期末"
foot=$(sed -n '/<tfoot>/,/<\/tfoot>/p' "$BODY" | grep -o 'data-k="closing">[^<]*' | sed 's/.*>//; s/,//g; s/\.//')
is "$((10#${foot#-} * ${foot%%[0-9]*}1))" "$(awk '{ s += $7 } END { print s }' <<<"$got")" "the footer's 期末 = the sum of the rows"

# ... and as a workbook: the same figures, numbers in fen, the sum last
get g "/reports/customers.xlsx?from=2026-10-01&to=2026-10-31&all=1"
is "$STATUS" 200 "GET /reports/customers.xlsx: 200"
x=$($PY "$here/report-xlsx.py" "$BODY")
is "$(sed -n 2p <<<"$x")" "checks 对账报表 A4 9 0" "sheet 对账报表, header frozen, A4, no formula"
is "$(sed -n '3,$p' <<<"$x" | sed '$d' | cut -d' ' -f3-8)" "$(cut -d' ' -f2-7 <<<"$got")" \
	"every row's 期初 .. 期末 = the page's"
is "$(tail -1 <<<"$x" | cut -d' ' -f8)" "$(awk '{ s += $7 } END { print s }' <<<"$got")" "the last row: the sum of 期末"

# ... and as a PDF to print: its title, every customer's code and 期末, the
# sum of 期末 (pdftotext's text)
get g "/reports/customers.pdf?from=2026-10-01&to=2026-10-31&all=1"
is "$STATUS" 200 "GET /reports/customers.pdf: 200"
st_pdf_report customers.pdf
ok "customers.pdf: titled 对账报表（2026-10-01至2026-10-31）" grep -qF "对账报表（2026-10-01至2026-10-31）" "$PDFTXT"
codes=$("$ORACLE" --db "$DB" --list-customers | cut -f2,3)
missing=""
while read -r id _ _ _ _ _ cl _; do
	code=$(awk -v i="$id" '$1 == i { print $2 }' <<<"$codes")
	grep -qF -- "$code" "$PDFTXT" || missing+=" $code"
	grep -qF -- "$(st_commas "$cl")" "$PDFTXT" || missing+=" $code:$(st_commas "$cl")"
done <<<"$got"
is "$missing" "" "customers.pdf: every customer's code and 期末 ($(wc -l <<<"$got") rows)"
ok "customers.pdf: the sum of 期末" grep -qF -- "$(st_commas "$(awk '{ s += $7 } END { print s }' <<<"$got")")" "$PDFTXT"

# --- one customer, month by month --------------------------------------------
cu=$(st_lenovo)
sid=$(st_new g "$cu" 2026-10-01 2026-10-31) || bail "cannot generate October for $cu"
act g "$sid" agree "description=对"
# (drawn again if another test made a statement meanwhile: the page and
# the SQL below must see the same statements)
for _ in 1 2 3; do
	before=$(sql "SELECT COALESCE(MAX(id), 0) FROM statements")
	get g "/reports/customer?customer=$cu&year=2026"
	[ "$(sql "SELECT COALESCE(MAX(id), 0) FROM statements")" = "$before" ] && break
done
is "$STATUS" 200 "GET /reports/customer for $cu, 2026: 200"
got=$(rows data-month)
want=""
this=$(date +%Y-%m)
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
	[[ "2026-$m" > "$this" ]] && break
	to=$(date -d "2026-$m-01 +1 month -1 day" +%Y-%m-%d)
	want+="2026-$m $(oracle "$cu" "2026-$m-01" "$to")"$'\n'
done
is "$(cut -d' ' -f1-7 <<<"$got")" "${want%$'\n'}" "each month's figures = the oracle's for that month"
is "$(awk 'NR > 1 && $2 != prev { print $1 } { prev = $7 }' <<<"$got")" "" "each month opens with the last one's closing"
is "$(awk '$1 == "2026-10" { print $8 }' <<<"$got")" "$sid" "October links the statement made for it"
like "$(grep -o "href=\"/statements/$sid\" data-k=\"stmt\"[^/]*" "$BODY")" 'st-agreed' "... with its state 符合"
set=$(sql "SELECT account_set_id FROM users WHERE username = 'lg$U'")
for m in 01 02 03 04 05 06 07 08 09; do
	newest=$(sql "SELECT id FROM statements WHERE account_set_id = $set AND customer_id = '$cu'
		AND deleted_at IS NULL AND period_from <= '2026-$m-31' AND period_to >= '2026-$m-01'
		AND id <= $before
		ORDER BY created_at DESC, id DESC LIMIT 1")
	is "$(awk -v m="2026-$m" '$1 == m { print $8 }' <<<"$got")" "${newest:--}" \
		"2026-$m: the newest statement covering it (${newest:-未生成}), as SQL finds it"
done
get g "/reports/customers?from=2026-10-01&to=2026-10-31"
is "$(rows data-id | awk -v c="$cu" '$1 == c { print $8 }')" "$sid" "the customers report shows the statement too"

get g "/reports/customer.xlsx?customer=$cu&year=2026"
is "$STATUS" 200 "GET /reports/customer.xlsx: 200"
x=$($PY "$here/report-xlsx.py" "$BODY")
is "$(sed -n '3,$p' <<<"$x" | cut -d' ' -f1-7 | tr '_' ' ')" "${want%$'\n'}" "the workbook's months = the oracle's"
like "$(sed -n 3,20p <<<"$x" | awk '$1 == "2026-10" { print $9 }')" "^符合_#$sid$" "October: 符合 #$sid"

get g "/reports/customer.pdf?customer=$cu&year=2026"
is "$STATUS" 200 "GET /reports/customer.pdf: 200"
st_pdf_report customer.pdf
ok "customer.pdf: titled 月度对账报表 2026 年" grep -qF "月度对账报表2026年" "$PDFTXT"
missing=""
while read -r mon o _ _ _ _ cl _; do
	[ -n "$mon" ] || continue
	grep -qF -- "$mon" "$PDFTXT" || missing+=" $mon"
	grep -qF -- "$(st_commas "$cl")" "$PDFTXT" || missing+=" $mon:$(st_commas "$cl")"
done <<<"$want"
is "$missing" "" "customer.pdf: every month and its 期末 as the oracle has it"
ok "customer.pdf: October's 符合 #$sid" grep -qF "符合#$sid" "$PDFTXT"
like "$(hdr Content-Disposition)" "filename\\*=UTF-8''" "customer.pdf: named in Chinese (RFC 5987)"

# --- bad input -------------------------------------------------------------------
get g "/reports/customers?from=2026-10-31&to=2026-10-01"
is "$STATUS" 400 "from after to: 400"
get g "/reports/customer?year=2026"
is "$STATUS" 400 "no customer: 400"
get g "/reports/customer?customer=$cu&year=99999"
is "$STATUS" 400 "year 99999: 400"
get g "/reports/customer?customer=nosuch&year=2026"
is "$STATUS" 404 "an unknown customer: 404"
done_testing
