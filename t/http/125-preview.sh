#!/bin/bash
# 预览 (dz-generate, POST /statements/preview) against erpsim: for a ticked
# subset whose closing balance is negative (the receipts and returns of a
# period, one sale) and for a whole period with its opening balance, the
# preview's figures (已勾选, each type's count and sum, opening, closing
# worded 欠款金额 or 预收金额) equal erpsim-oracle's and then the statement
# generated from the preview's own form; the preview stores nothing; a
# choice of 12,000 documents is read (not 413); its
# 返回修改勾选 (POST /query) shows the query page ticked as posted, with
# the same figures; a bad form is a 400 that names the problem, no csrf or
# a foreign Origin is 403, a viewer 403, GET is not served, and none of
# these store anything.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need
program_running dz-query || skip_all "dz-query not running"

# what this test's clerk has stored: statements/documents/lines/audit rows
nstored() {
	sql "SELECT CONCAT(COUNT(*), '/', (SELECT COUNT(*) FROM statement_docs d JOIN statements s ON s.id = d.statement_id
		WHERE s.created_by = $clerk_id), '/', (SELECT COUNT(*) FROM statement_lines l JOIN statements s
		ON s.id = l.statement_id WHERE s.created_by = $clerk_id), '/',
		(SELECT COUNT(*) FROM audit_log WHERE user_id = $clerk_id))
		FROM statements WHERE created_by = $clerk_id"
}
# el ID: the text of the element with that id in the last page
el() { grep -o "id=\"$1\"[^>]*>[^<]*" "$BODY" | head -1 | sed 's/.*>//'; }
# the closing balance of the last page, signed (its amount is printed
# without the sign and worded 欠款金额 or 预收金额: templates/balance.cs)
closing() {
	local a
	a=$(el closing | sed 's/^¥//')
	case $(el closing-label) in
	欠款金额) echo "$a" ;;
	预收金额) echo "-$a" ;;
	*) echo "unworded: $(el closing-label) $a" ;;
	esac
}
# figures: the last page's 已勾选, counts and sums per type, opening, closing
figures() {
	echo "picked $(el picked) sale $(el n-sale) $(el sum-sale) return $(el n-return) $(el sum-return)" \
		"receipt $(el n-receipt) $(el sum-receipt) opening $(el sum-opening) closing $(closing)"
}
# want ORACLE-FILE OPENING(0|1): the same figures from the oracle's report
want() {
	local o=$1 op=$2 open n s
	open=$(awk -F '\t' '$1 == "opening" {print $2}' "$o")
	[ "$op" = 1 ] || open=0
	printf 'picked %s' "$(grep -c '^doc' "$o")"
	for t in 11:sale 45:return 4:receipt; do
		n=$(awk -F '\t' -v v="${t%:*}" '$1 == "doc" && $4 == v {n++} END {print n + 0}' "$o")
		s=$(awk -F '\t' -v v="${t%:*}" '$1 == "doc" && $4 == v {s += $7} END {print s + 0}' "$o")
		printf ' %s %s %s' "${t#*:}" "$n" "$(money "$s")"
	done
	printf ' opening %s closing %s\n' "$(money "$open")" \
		"$(money $((open + $(awk -F '\t' '$1 == "doc" {s += $7} END {print s + 0}' "$o"))))"
}
# the statement SID's stored figures, in the same words
stored() {
	local sid=$1 t
	printf 'picked %s' "$(sql "SELECT doc_count FROM statements WHERE id = $sid")"
	for t in 11:sale:sales 45:return:returns 4:receipt:receipts; do
		IFS=: read -r v code col <<<"$t"
		printf ' %s %s %s' "$code" "$(sql "SELECT COUNT(*) FROM statement_docs
			WHERE statement_id = $sid AND doc_type = '$code'")" "$(money "$(fen "$col" "$sid")")"
	done
	printf ' opening %s closing %s\n' "$(money "$(fen opening "$sid")")" "$(money "$(fen closing "$sid")")"
}
# pv B CUSTOMER FROM TO OPENING(0|1) VCH...: the 预览 button
pv() { local b=$1; shift; sel "$b" /statements/preview "$@"; }
# the hidden fields of the preview's form (#confirm), as name=value words
confirm_fields() {
	sed -n '/<form method="post" action="\/statements\/new" id="confirm">/,/<\/form>/p' "$BODY" |
		grep -o '<input type="hidden" name="[a-z]*" value="[^"]*">' |
		sed -E 's/.*name="([a-z]*)" value="([^"]*)".*/\1=\2/'
}
# post_confirm B PATH: submit the preview's form to PATH with its fields
post_confirm() {
	local b=$1 p=$2 f=()
	mapfile -t f < <(confirm_fields)
	post "$b" "$p" "${f[@]}"
}

st_admin
st_user c "pc$U" clerk "$DZ_TEST_ERP_DSN"
clerk_id=$uid
DB=$DZ_TEST_ERP_SQLITE
lenovo=$(sqlite3 "$DB" "SELECT value FROM erpsim_meta WHERE name = 'customer_lenovo'")
cu=${lenovo:-0000100001} from=2026-01-01 to=2026-11-22

# --- a subset with a negative closing, no opening ---------------------------
"$ORACLE" --db "$DB" --customer "$cu" --from "$from" --to "$to" >"$T/all"
# every receipt and return, and the first sale (and its lines)
awk -F '\t' '$1 == "doc" { take = ($4 != 11 || !sales++) } $1 == "doc" || $1 == "line" { if (take) print }' \
	"$T/all" >"$T/some"
grep -v '^doc\|^line' "$T/all" >>"$T/some"
mapfile -t some < <(awk -F '\t' '$1 == "doc" {print $2}' "$T/some")
ok "the subset has receipts, a sale and fewer documents than the period (${#some[@]} of $(grep -c '^doc' "$T/all"))" \
	test "${#some[@]}" -lt "$(grep -c '^doc' "$T/all")" -a "$(grep -c "$(printf '^doc\t[0-9]*\t[-0-9]*\t4\t')" "$T/some")" -gt 0
sumsome=$(awk -F '\t' '$1 == "doc" {s += $7} END {print s + 0}' "$T/some")
ok "... and its closing without the opening is negative ($(money "$sumsome"))" test "$sumsome" -lt 0

before=$(nstored)
pv c "$cu" "$from" "$to" 0 "${some[@]}"
is "$STATUS" 200 "预览 of ${#some[@]} ticked, no opening: 200"
is "$(figures)" "$(want "$T/some" 0)" "its figures are the oracle's for the ticked documents"
is "$(el closing-label)" 预收金额 "the negative closing is worded 预收金额"
ok "... in the prepaid style, its amount without the sign" grep -q 'class="num money debt prepaid" id="closing">¥[0-9]' "$BODY"
is "$(el of)" "$(grep -c '^doc' "$T/all")" "it says how many the period has"
ok "it says the opening is not included" grep -q '不含期初余额' "$BODY"
is "$(sed -n '/id="left-out"/,/<\/table>/p' "$BODY" | grep -c '<tr><td>')" \
	"$(( $(grep -c '^doc' "$T/all") - ${#some[@]} ))" "it lists the documents left out"
is "$(nstored)" "$before" "预览 stores nothing"
is "$(confirm_fields | sed -n 's/^doc=//p' | tr '\n' ' ')" "$(printf '%s\n' "${some[@]}" | sort -n | tr '\n' ' ')" \
	"its 生成对账单 form carries the same documents"
ok "... and no opening" test -z "$(confirm_fields | grep '^opening=')"
ok "... and a way back to the ticks (formaction /query)" grep -q 'id="back" formaction="/query"' "$BODY"
figs=$(figures)

# 返回修改勾选: the query page with the same ticks and figures
post_confirm c /query
is "$STATUS" 200 "返回修改勾选 (POST /query): 200"
is "$(grep -o 'name="doc" value="[0-9]*" checked' "$BODY" | grep -o '[0-9]*' | sort -n | tr '\n' ' ')" \
	"$(printf '%s\n' "${some[@]}" | sort -n | tr '\n' ' ')" "the query page is ticked as posted"
is "$(grep -c 'name="doc"' "$BODY")" "$(grep -c '^doc' "$T/all")" "... and lists every document of the period"
ok "... the opening unticked" test -z "$(grep -o 'name="opening" value="1" checked' "$BODY")"
is "$(figures | sed 's/ opening [^ ]*//')" "$(echo "$figs" | sed 's/ opening [^ ]*//')" \
	"... its footer shows the preview's figures"
is "$(el sum-opening)" "0.00" "... the opening not counted"
is "$(grep -c '<tr class="off">' "$BODY")" "$(( $(grep -c '^doc' "$T/all") - ${#some[@]} ))" \
	"... the unticked rows dimmed"
is "$(nstored)" "$before" "... and nothing is stored"

# 生成对账单 from the preview: the same figures, stored
pv c "$cu" "$from" "$to" 0 "${some[@]}"
post_confirm c /statements/new
is "$STATUS" 303 "生成对账单 from the preview: 303"
SID=$(location | sed -n 's,^/statements/\([0-9][0-9]*\).*,\1,p')
ok "... to the statement ($SID)" test -n "$SID"
is "$(stored "$SID")" "$figs" "the statement's figures are the preview's"
is "$(sql "SELECT with_opening FROM statements WHERE id = $SID")" 0 "... without the opening"
is "$(sql "SELECT GROUP_CONCAT(vchcode ORDER BY vchcode SEPARATOR ' ') FROM statement_docs WHERE statement_id = $SID")" \
	"$(printf '%s\n' "${some[@]}" | sort -n | tr '\n' ' ' | sed 's/ $//')" "... of the previewed documents"

# --- the whole period with the opening balance ------------------------------
mapfile -t every < <(awk -F '\t' '$1 == "doc" {print $2}' "$T/all")
before=$(nstored)
pv c "$cu" "$from" "$to" 1 "${every[@]}"
is "$STATUS" 200 "预览 of the whole period with the opening: 200"
is "$(figures)" "$(want "$T/all" 1)" "its figures are the oracle's"
ok "it says the opening is included" grep -q '含期初余额' "$BODY"
ok "nothing is left out" grep -q 'id="left-out">这段时间的单据都已勾选' "$BODY"
is "$(nstored)" "$before" "预览 stores nothing"
figs=$(figures)
post_confirm c /statements/new
is "$STATUS" 303 "生成对账单 from it: 303"
SID=$(location | sed -n 's,^/statements/\([0-9][0-9]*\).*,\1,p')
is "$(stored "$SID")" "$figs" "the statement's figures are the preview's"
is "$(sql "SELECT with_opening FROM statements WHERE id = $SID")" 1 "... with the opening"
# the query page's own footer, all ticked, says the same
get c "/query?customer=$cu&from=$from&to=$to&types=sale&types=return&types=receipt&go=1"
is "$(figures)" "$figs" "the query page's footer, all ticked, shows the same figures"

# --- refusals: 400 with the reason, 403, nothing stored ------------------------
before=$(nstored)
refused() {	# refused WHAT ERE-IN-PAGE
	is "$STATUS" 400 "$1: 400"
	like "$(body)" "$2" "$1: the page says why"
	is "$(nstored)" "$before" "$1: nothing stored"
}
pv c "$cu" "$from" "$to" 1
refused "no documents ticked" '没有勾选单据'
pv c "$cu" "$to" "$from" 1 "${some[0]}"
refused "from after to" '结束日期早于开始日期'
pv c "$cu" 2026-02-30 "$to" 1 "${some[0]}"
refused "a date that does not exist" 'from'
pv c "$cu" "$from" "$to" 1 abc
refused "a document number that is not a number" 'doc'
pv c "$cu" "$from" "$to" 1 "${some[0]}" "${some[0]}"
refused "a document twice" "重复.*${some[0]}"
foreign=$(sqlite3 "$DB" "SELECT Vchcode FROM Dlyndx WHERE draft = 2 AND RedOld = 'F' AND VchType IN (11, 45, 4)
	AND btypeid <> '$cu' AND Date BETWEEN '$from' AND '$to' LIMIT 1")
pv c "$cu" "$from" "$to" 1 "${some[0]}" "$foreign"
refused "another customer's document ($foreign)" "内部号 $foreign）"
pv c ZZ9999999999 "$from" "$to" 1 "${some[0]}"
refused "a customer the ERP does not have" '找不到这个客户'
# a big choice is read, not refused as too large: 12,000 documents (the
# query page shows up to 10,000, a statement takes 20,000), then 20,001
get c "/query?customer=$cu&from=$from&to=$to&types=sale&types=return&types=receipt&go=1"
big() {	# big N: a form of N made-up vchcodes beyond the ERP's
	local top
	top=$(sqlite3 "$DB" "SELECT MAX(Vchcode) FROM Dlyndx")
	printf 'csrf=%s&customer=%s&from=%s&to=%s&opening=1' "$(csrf)" "$cu" "$from" "$to"
	seq $((top + 1000001)) $((top + 1000000 + $1)) | sed 's/^/\&doc=/' | tr -d '\n'
}
big 12000 >"$T/big"
curl -k -s -o "$BODY" -w '%{http_code}' -b "$(jar c)" -H "Origin: $DZ_TEST_BASE" \
	-H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$T/big" \
	"$DZ_TEST_BASE/statements/preview" >"$T/code"
STATUS=$(cat "$T/code")
refused "12,000 documents ($(($(wc -c <"$T/big") / 1024)) KB) are read: the first unknown one named" \
	"内部号 $(( $(sqlite3 "$DB" "SELECT MAX(Vchcode) FROM Dlyndx") + 1000001 ))）"
big 20001 >"$T/big"
curl -k -s -o "$BODY" -w '%{http_code}' -b "$(jar c)" -H "Origin: $DZ_TEST_BASE" \
	-H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$T/big" \
	"$DZ_TEST_BASE/statements/preview" >"$T/code"
STATUS=$(cat "$T/code")
refused "20,001 documents" '最多 20000 笔'
post c /statements/preview "customer=$cu" "from=$from" "to=$to" "doc=${some[0]}"
is "$STATUS" 403 "no csrf token: 403"
get c /query
ORIGIN=https://evil.example post c /statements/preview "csrf=$(csrf)" "customer=$cu" "from=$from" "to=$to" \
	"doc=${some[0]}"
is "$STATUS" 403 "a foreign Origin: 403"
req c GET "/statements/preview?customer=$cu&from=$from&to=$to&doc=${some[0]}"
is "$STATUS" 405 "GET /statements/preview: 405"
post c /query "customer=$cu" "from=$from" "to=$to" "doc=${some[0]}"
is "$STATUS" 403 "返回修改勾选 without csrf: 403"
is "$(nstored)" "$before" "nothing stored by these"
st_user v "pv$U" viewer "$DZ_TEST_ERP_DSN"
get v /statements
post v /statements/preview "csrf=$(csrf)" "customer=$cu" "from=$from" "to=$to" "doc=${some[0]}"
is "$STATUS" 403 "a viewer cannot preview: 403"
done_testing
