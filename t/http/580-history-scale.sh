#!/bin/bash
# 对账单历史 at scale (issue 15; schema 010): the paging links are cursors
# (下一页 older than the page's last card, 上一页 newer than its first), and
# following them gives exactly the pages OFFSET gave, deep or not, both
# ways, with the filters kept; the count stops at 1,000 ("超过 1000 张");
# the customer filter finds its customers through statement_customers,
# which the triggers keep in step with statements inserted or moved by
# plain SQL, and a customer renamed shows, by its old name, only the
# statements made under that name; the period filter reads the months a
# statement's period touches (schema 011: statement_months), its rows
# kept by triggers through answers, deletes, restores and plain SQL.
# 1,050 statements made with SQL.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
program_running dz-history || skip_all "dz-history is not running"

u=hs$U
mkuser "$u" clerk "Good-Pass-$U" || bail "cannot make $u"
set=$(sql "INSERT INTO account_sets (identity, company_name, erp_kind) VALUES ('test-hscale-$U', '规模测试商贸', 'grasp');
	SELECT LAST_INSERT_ID()")
uid=$(sql "SELECT id FROM users WHERE username = '$u'")
sql "UPDATE users SET account_set_id = $set, must_change_password = 0 WHERE id = $uid" >/dev/null
# 1,050 statements of 30 customers; created_at with ties (3 a minute), so
# the cursor must order by id within one created_at; one in 7 未确认.
sql "INSERT INTO statements (account_set_id, customer_id, customer_code, customer_name,
	company_name, period_from, period_to, opening, sales, returns, receipts, closing,
	doc_count, fingerprint, status, answered_at, created_by, created_at)
	SELECT $set, CONCAT('HS', seq % 30), CONCAT('Q', LPAD(seq % 30, 3, '0')),
	CONCAT('规模客户', seq % 30, '号'), '规模测试商贸', '2026-09-01', '2026-09-30',
	0, 100, 0, 0, 100, 1, REPEAT('b', 64), IF(seq % 7 = 0, 'pending', 'agreed'),
	IF(seq % 7 = 0, NULL, NOW()), $uid, '2026-10-01 08:00:00' + INTERVAL (seq DIV 3) MINUTE
	FROM seq_1_to_1050"
is "$(sql "SELECT COUNT(*) FROM statement_customers WHERE account_set_id = $set")" 30 \
	"the insert's 30 customers are in statement_customers (the trigger)"
login c "$u" "Good-Pass-$U"
is "$STATUS" 303 "the clerk signs in"

shown() { grep -o 'id="stmt-[0-9]*"' "$BODY" | grep -o '[0-9]*' | tr '\n' ' ' | sed 's/ $//'; }
want() {	# want SQL-CONDITION LIMIT OFFSET
	sql "SELECT id FROM statements WHERE account_set_id = $set AND deleted_at IS NULL AND ($1)
		ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3" | tr '\n' ' ' | sed 's/ $//'
}
link() {	# link WORD: the paging link with that text, as a path
	grep -o "href=\"/statements?[^\"]*\">$1<" "$BODY" | head -1 |
		sed 's/^href="//; s/">.*//; s/&amp;/\&/g'
}

get c /statements
is "$(shown)" "$(want 1 20 0)" "page 1: the 20 newest"
like "$(body)" '第 1 页，共 超过 1000 张' "the count stops at 1000: 超过 1000 张, no page total"
next=$(link 下一页)
like "$next" '^/statements\?page=2&.*&older=[0-9]+$' "下一页 is a cursor: older than the last card"
is "${next##*older=}" "$(want 1 1 19)" "... the last card's id"
is "$(link 上一页)" "" "no 上一页 on page 1"

# down 5 pages by the links: the same pages as OFFSET, ties and all
ok=1
for p in 2 3 4 5 6; do
	get c "$next"
	[ "$(shown)" = "$(want 1 20 $(( (p - 1) * 20 )))" ] || { ok=0; diag "page $p: $(shown)"; }
	next=$(link 下一页)
done
is "$ok" 1 "pages 2-6 by 下一页: each the 20 OFFSET gives"
like "$(body)" '第 6 页' "... and called page 6"
prev=$(link 上一页)
like "$prev" '^/statements\?page=5&.*&newer=[0-9]+$' "上一页 is a cursor: newer than the first card"
get c "$prev"
is "$(shown)" "$(want 1 20 80)" "上一页 from page 6: page 5 exactly"
get c "$(link 上一页)"
get c "$(link 上一页)"
get c "$(link 上一页)"
is "$(shown)" "$(want 1 20 20)" "... and on up to page 2"
is "$(link 上一页)" "/statements?page=1&customer=&status=&from=&to=&created_from=&created_to=" \
	"page 2's 上一页 is page 1 itself, no cursor"

# a deep page by cursor, and the last page
deep=$(want 1 1 899)
get c "/statements?page=46&older=$deep"
is "$(shown)" "$(want 1 20 900)" "a deep page (older than the 900th): the 901st to 920th"
last=$(want 1 1 1039)
get c "/statements?page=53&older=$last"
is "$(shown)" "$(want 1 20 1040)" "the last page: the 10 oldest"
is "$(link 下一页)" "" "... with no 下一页"
get c "/statements?page=3"
is "$(shown)" "$(want 1 20 40)" "a page number alone is still an offset (bookmarks)"
get c "/statements?older=999999999999"
is "$STATUS|$(shown)" "200|" "older than no statement: 200, no cards"
for q in older=0 older=x newer=-1 newer=1.5; do
	get c "/statements?$q"
	is "$STATUS" 400 "bad cursor $q: 400"
done

# filters keep to the cursor; the count below the bound says the pages
get c "/statements?status=pending"
like "$(body)" '第 1 / 8 页，共 150 张' "未确认: 150, 8 pages"
next=$(link 下一页)
like "$next" 'status=pending' "下一页 keeps the status"
get c "$next"
is "$(shown)" "$(want "status = 'pending'" 20 20)" "未确认 page 2 by cursor"
get c "/statements?customer=Q007"
is "$(shown)" "$(want "customer_id = 'HS7'" 20 0)" "customer by code: its newest 20"
like "$(body)" '共 35 张' "... 35 of them"
get c "$(link 下一页)"
is "$(shown)" "$(want "customer_id = 'HS7'" 20 20)" "... its page 2 by cursor"
get c "/statements?customer=$(printf %s '客户7号' | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')"
is "$(shown)" "$(want "customer_name LIKE '%客户7号%'" 20 0)" "customer by part of the name"

# renamed in the ERP: new statements under the new name; moved in by SQL
sql "INSERT INTO statements (account_set_id, customer_id, customer_code, customer_name,
	company_name, period_from, period_to, fingerprint, created_by, created_at)
	VALUES ($set, 'HS7', 'Q007', '改名后客户', '规模测试商贸', '2026-10-01', '2026-10-31',
	REPEAT('c', 64), $uid, '2026-11-01 09:00:00')"
new=$(sql "SELECT MAX(id) FROM statements WHERE account_set_id = $set")
get c "/statements?customer=$(printf %s '改名后' | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g')"
is "$(shown)" "$new" "the new name finds the statement made under it only"
other=$(sql "INSERT INTO account_sets (identity, company_name, erp_kind) VALUES ('test-hscale2-$U', '别的商贸', 'grasp');
	SELECT LAST_INSERT_ID()")
sql "INSERT INTO statements (account_set_id, customer_id, customer_code, customer_name,
	company_name, period_from, period_to, fingerprint, created_by, created_at)
	VALUES ($other, 'MV1', 'MV1', '搬来的客户', '别的商贸', '2026-10-01', '2026-10-31',
	REPEAT('d', 64), $uid, '2026-11-02 09:00:00')"
moved=$(sql "SELECT MAX(id) FROM statements WHERE account_set_id = $other")
get c "/statements?customer=MV1"
is "$(shown)" "" "another set's customer: not here"
sql "UPDATE statements SET account_set_id = $set WHERE id = $moved"
# (another URL: plain SQL moves no change counter, and the worker may keep
# the page above for Cache.RecheckMs)
get c "/statements?customer=MV1&status="
is "$(shown)" "$moved" "moved into this set by SQL: found (the update trigger)"

# The period filter from statement_months (schema 011): a row for each
# month a live statement's period touches, kept by the triggers through
# plain SQL too. (Each URL new: plain SQL moves no change counter.)
ins() {	# ins CUSTOMER FROM TO CREATED: a statement; prints its id
	sql "INSERT INTO statements (account_set_id, customer_id, customer_code, customer_name,
		company_name, period_from, period_to, fingerprint, created_by, created_at)
		VALUES ($set, 'HS$1', 'Q00$1', '规模客户$1号', '规模测试商贸', '$2', '$3',
		REPEAT('e', 64), $uid, '$4'); SELECT LAST_INSERT_ID()"
}
months_of() { sql "SELECT COALESCE(GROUP_CONCAT(CONCAT(month, ':', status) ORDER BY month),
	'none') FROM statement_months WHERE statement_id = $1"; }
overlap() { echo "period_to >= '$1' AND period_from <= '$2'"; }
quarter=$(ins 3 2026-07-01 2026-09-30 '2026-11-03 09:00:00')
early=$(ins 4 2026-09-01 2026-09-10 '2026-11-03 09:30:00')
is "$(months_of "$quarter")" "202607:pending,202608:pending,202609:pending" \
	"a quarter's statement: a row for each of its months"
get c "/statements?from=2026-08-01&to=2026-08-31"
is "$(shown)" "$quarter" "one month of the quarter: its statement found"
like "$(body)" '共 1 张' "... alone"
get c "/statements?from=2026-09-01&to=2026-09-30"
is "$(shown)" "$(want "$(overlap 2026-09-01 2026-09-30)" 20 0)" \
	"September: the newest 20 of the 1,052 overlapping it, as SQL has them"
like "$(body)" '超过 1000 张' "... counted up to 1000"
get c "/statements?from=2026-09-15&to=2026-09-30"
is "$(shown)" "$(want "$(overlap 2026-09-15 2026-09-30)" 20 0)" \
	"from the 15th: the one ending on the 10th left out"
get c "/statements?from=2026-09-01&to=2026-09-10&status=pending"
is "$(shown)" "$(want "$(overlap 2026-09-01 2026-09-10) AND status = 'pending'" 20 0)" \
	"a month's part and 未确认"
like "$(body)" "共 $(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $set
	AND deleted_at IS NULL AND status = 'pending' AND $(overlap 2026-09-01 2026-09-10)") 张" \
	"... counted as SQL counts"
get c "/statements?from=2026-07-01&to=2026-10-31"
is "$(shown)" "$(want "$(overlap 2026-07-01 2026-10-31)" 20 0)" \
	"July to October: the months' rows together, each statement once"
get c "/statements?from=2026-07-01&to=2026-08-31"
is "$(shown)" "$quarter" "July to August: the quarter once, not twice"
like "$(body)" '共 1 张' "... counted once"
older=$(want "$(overlap 2026-09-01 2026-09-30)" 1 19)
get c "/statements?from=2026-09-01&to=2026-09-30&page=2&older=$older"
is "$(shown)" "$(want "$(overlap 2026-09-01 2026-09-30)" 20 20)" "September's page 2 by cursor"
sql "UPDATE statements SET status = 'disputed', answered_at = NOW() WHERE id = $quarter"
is "$(months_of "$quarter")" "202607:disputed,202608:disputed,202609:disputed" \
	"an answer: the status of its months' rows"
get c "/statements?from=2026-08-01&to=2026-08-31&status=disputed"
is "$(shown)" "$quarter" "... found by 不符合 and the month"
sql "UPDATE statements SET deleted_at = NOW() WHERE id = $quarter"
is "$(months_of "$quarter")" none "deleted: its rows gone"
get c "/statements?from=2026-08-01&to=2026-08-31&customer="
is "$(shown)" "" "... and the month shows nothing"
sql "UPDATE statements SET deleted_at = NULL WHERE id = $quarter"
is "$(months_of "$quarter")" "202607:disputed,202608:disputed,202609:disputed" \
	"restored (by SQL): its rows again"
sql "UPDATE statements SET period_from = '2026-08-15' WHERE id = $quarter"
is "$(months_of "$quarter")" "202608:disputed,202609:disputed" "a period changed by SQL: its months anew"
sql "DELETE FROM statements WHERE id = $early"
is "$(months_of "$early")" none "a row deleted by SQL: its months too"

# the export finds the customer the same way
get c "/statements/export.csv?customer=Q007"
is "$STATUS" 200 "export CSV of one customer: 200"
is "$(($(body | wc -l) - 1))" 36 "... its 36 statements"
get c "/statements/export.csv?customer=Q003&from=2026-08-01&to=2026-08-31"
is "$(($(body | wc -l) - 1))" 1 "... and with a period: the quarter's statement"
done_testing
