#!/bin/bash
# ERP drift (issue 15): a statement is made from the ERP simulator, then the
# simulator's data is changed with sqlite3, each kind of change on its own
# document: red-reversed, amount changed, a goods line changed, unposted
# (draft), deleted, moved out of the period, and a new posted document in
# the period. 检查ERP变动 (POST, clerk) records each with its kind and
# before / after, the card shows ERP已变动, the page shows the changes and
# two different fingerprints; a statement the ERP did not change is 'ok'
# with equal fingerprints; the ERP down is a 503 that records nothing; a
# viewer cannot check, another account set gets 404, the customer's page
# shows nothing of it; dz-admin drift checks every open statement of the
# account set and says so; the demo's deploy/erp-change makes drift. The test runs its own simulator on a copy of
# the test database (other tests read the shared one meanwhile).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
st_need
. "$here/../lib/erpsim.sh"
[ -x "$ERPSIM" ] || skip_all "erpsim not built"
[ -x "${DZ_TEST_ADMIN:-}" ] || skip_all "no dz-admin"
PORT=${DZ_TEST_PORT_DRIFT:-$(( ${DZ_TEST_ERP_PORT:-14330} + 570 ))}
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$T"; }
trap cleanup EXIT

# the test's own ERP: a copy of the test database behind its own simulator
sqlite3 "$DZ_TEST_ERP_SQLITE" ".backup '$T/erp.db'" || bail "cannot copy the ERP database"
DZ_TEST_ERP_SQLITE=$T/erp.db
DB=$T/erp.db
ok "a simulator of our own on $PORT" sim "$PORT"
DSN="server=127.0.0.1,$PORT; uid=sa; pwd=simpw; database=$DZ_TEST_ERP_NAME; encrypt=off"
e() { sqlite3 "$DB" "$@"; }

st_admin
st_user c "dc$U" clerk "$DSN"
st_user v "dv$U" viewer "$DSN"
st_user o "do$U" clerk "$DZ_TEST_ERP_DSN"
set_id=$(sql "SELECT account_set_id FROM users WHERE username = 'dc$U'")

# the period: the three months before this one
from=$(date -d "$(date +%Y-%m-01) -3 month" +%Y-%m-%d)
to=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m-%d)
lenovo=$(st_lenovo)
# two other customers with documents in the period (left unchanged)
mapfile -t others < <(e "SELECT btypeid FROM Dlyndx WHERE draft = 2 AND RedOld = 'F'
	AND VchType IN (11, 45, 4) AND Date BETWEEN '$from' AND '$to' AND btypeid <> '$lenovo'
	GROUP BY btypeid ORDER BY COUNT(*) DESC, btypeid LIMIT 2")
S1=$(st_new c "$lenovo" "$from" "$to") || bail "cannot make the statement"
S2=$(st_new c "${others[0]}" "$from" "$to") || bail "cannot make the second statement"
S3=$(st_new c "${others[1]}" "$from" "$to") || bail "cannot make the third statement"
ok "three statements made ($S1 $S2 $S3)" test -n "$S3"

# check B SID: 检查ERP变动 as its button does (csrf of the page); STATUS
check() {
	get "$1" "/statements/$2"
	post "$1" "/statements/$2/drift" "csrf=$(csrf)"
}
nchecks() { sql "SELECT COUNT(*) FROM drift_checks WHERE statement_id = $1"; }
last() { sql "SELECT $2 FROM drift_checks WHERE id = (SELECT drift_check_id FROM statements WHERE id = $1)"; }
frozen() { sql "SELECT CONCAT_WS('|', fingerprint, doc_count, closing, (SELECT COUNT(*) FROM statement_docs
	WHERE statement_id = s.id), (SELECT COUNT(*) FROM statement_lines WHERE statement_id = s.id))
	FROM statements s WHERE id = $1"; }

# --- no change: ok, equal fingerprints -----------------------------------------
v0=$(st_version "$S2")
check c "$S2"
is "$STATUS" 303 "unchanged ERP: the check answers 303"
like "$(location)" "^/statements/$S2\\?done=drift" "... back to the statement"
is "$(nchecks "$S2")" 1 "... one check recorded"
is "$(last "$S2" result)" ok "... its result: ok"
is "$(sql "SELECT drift_state FROM statements WHERE id = $S2")" ok "... the statement's mark: ok"
is "$(last "$S2" erp_fingerprint)" "$(sql "SELECT fingerprint FROM statements WHERE id = $S2")" \
	"... the ERP version's fingerprint equals the statement's"
is "$(last "$S2" n_changes)" 0 "... no changes"
is "$(st_version "$S2")" "$((v0 + 1))" "... the statement's version moved by one"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$S2' AND action = 'drift_check'")" 1 \
	"... with one audit row drift_check"
get c "/statements/$S2"
ok "... the page says 未变动" grep -q 'tag drift-ok">未变动' "$BODY"
ok "... and that the fingerprints are the same" grep -q '两个指纹相同' "$BODY"

# --- every kind of change, each on its own document of S1 -----------------------
mapfile -t sales < <(sql "SELECT vchcode FROM statement_docs WHERE statement_id = $S1 AND vchtype = 11
	AND vchcode IN (SELECT vchcode FROM statement_lines WHERE statement_id = $S1) ORDER BY vchcode")
ok "the statement has six sales documents with goods (${#sales[@]})" test "${#sales[@]}" -ge 6
red=${sales[0]} amt=${sales[1]} lin=${sales[2]} dra=${sales[3]} del=${sales[4]} dat=${sales[5]}
before=$(frozen "$S1")
top=$(e "SELECT MAX(Vchcode) FROM Dlyndx")
# 红冲: the original marked, a red copy with the amount negated
e "UPDATE Dlyndx SET RedOld = 'T' WHERE Vchcode = $red;
   INSERT INTO Dlyndx (Vchcode, Date, Number, VchType, summary, btypeid, Total, draft, RedWord, RedOld)
	SELECT $((top + 1)), Date, Number, VchType, summary, btypeid, -Total, 2, 'T', 'T'
	FROM Dlyndx WHERE Vchcode = $red;"
# 金额变更: 1.00 more
amt_was=$(sql "SELECT CAST(ROUND(amount * 100) AS SIGNED) FROM statement_docs WHERE statement_id = $S1 AND vchcode = $amt")
e "UPDATE Dlyndx SET Total = Total + 1 WHERE Vchcode = $amt"
# 明细变更: the first line one more (sales lines are stored negative)
e "UPDATE DlySale SET Qty = Qty - 1 WHERE dlyorder = (SELECT MIN(dlyorder) FROM DlySale WHERE Vchcode = $lin)"
# 反过账: back to a draft
e "UPDATE Dlyndx SET draft = 1 WHERE Vchcode = $dra"
# 已删除
e "DELETE FROM DlySale WHERE Vchcode = $del; DELETE FROM Dlyndx WHERE Vchcode = $del"
# 日期变更: out of the period
e "UPDATE Dlyndx SET Date = '2019-01-02' WHERE Vchcode = $dat; UPDATE DlySale SET Date = '2019-01-02' WHERE Vchcode = $dat"
# 期间内新单据: a receipt of 123.45 in the period
e "INSERT INTO Dlyndx (Vchcode, Date, Number, VchType, summary, btypeid, Total, draft, RedWord, RedOld)
	VALUES ($((top + 2)), '$to', 'SK-DRIFT-$U', 4, 'drift', '$lenovo', 123.45, 2, 'F', 'F')"

v0=$(st_version "$S1")
check c "$S1"
is "$STATUS" 303 "changed ERP: the check answers 303"
is "$(last "$S1" result)" drift "... its result: drift"
is "$(sql "SELECT drift_state FROM statements WHERE id = $S1")" drift "... the statement's mark: drift"
is "$(last "$S1" n_changes)" 7 "... seven changes"
cid=$(sql "SELECT drift_check_id FROM statements WHERE id = $S1")
kinds() { sql "SELECT CONCAT(vchcode, ' ', kind) FROM drift_changes WHERE check_id = $cid ORDER BY vchcode, kind"; }
want=$(printf '%s\n' "$red red" "$amt amount" "$lin lines" "$dra draft" "$del deleted" "$dat date" \
	"$((top + 2)) new" | sort -n)
is "$(kinds)" "$want" "... each document with its kind"
chg() { sql "SELECT CONCAT_WS('|', before_text, after_text, COALESCE(CAST(ROUND(before_amount * 100) AS SIGNED), ''),
	COALESCE(CAST(ROUND(after_amount * 100) AS SIGNED), '')) FROM drift_changes WHERE check_id = $cid AND kind = '$1'"; }
is "$(chg amount)" "$(money "$amt_was")|$(money $((amt_was + 100)))|$amt_was|$((amt_was + 100))" \
	"... 金额变更: before and after"
like "$(chg red)" "\\|已红冲\\|[0-9]+\\|$" "... 红冲: the amount before, 已红冲 after"
like "$(chg draft)" "\\|已反过账（草稿）\\|" "... 反过账: 已反过账（草稿） after"
like "$(chg deleted)" "^[0-9,.]+\\|\\|[0-9]+\\|$" "... 已删除: the amount before, nothing after"
like "$(chg date)" "^20[0-9-]+\\|2019-01-02（已移出对账期间）\\|" "... 日期变更: the date before and after"
like "$(chg new)" "^\\|收款 -123.45\\|\\|-12345$" "... 期间内新单据: 收款 -123.45"
like "$(chg lines)" "^[0-9]+ .* × .* = .*\\|[0-9]+ .* × .* = .*\\|\\|$" "... 明细变更: the line before and after"
ok "... the line after has one more" test "$(chg lines | awk -F'|' '{print $1}' | awk '{for (i=1;i<=NF;i++) if ($i=="×") print $(i-1)}' | tr -dc 0-9)" != \
	"$(chg lines | awk -F'|' '{print $2}' | awk '{for (i=1;i<=NF;i++) if ($i=="×") print $(i-1)}' | tr -dc 0-9)"
isnt "$(last "$S1" erp_fingerprint)" "$(last "$S1" stmt_fingerprint)" "... the two fingerprints differ"
is "$(last "$S1" stmt_fingerprint)" "$(sql "SELECT fingerprint FROM statements WHERE id = $S1")" \
	"... the statement's fingerprint as stored"
is "$(frozen "$S1")" "$before" "... nothing frozen changed (fingerprint, documents, lines, closing)"
is "$(st_version "$S1")" "$((v0 + 1))" "... the version moved by one"
# the ERP's version: what stays (amount +1.00, a line more) and the receipt
is "$(last "$S1" erp_doc_count)" "$(( $(sql "SELECT doc_count FROM statements WHERE id = $S1") - 4 + 1 ))" \
	"... the ERP's version: four documents fewer, one new"
get c "/statements/$S1"
is "$STATUS" 200 "the statement page: 200"
for k in 红冲 金额变更 明细变更 反过账/草稿 已删除 日期变更 期间内新单据; do
	ok "... lists a change $k" grep -q "\">$k</span>" "$BODY"
done
ok "... says ERP已变动" grep -q 'tag drift-drift">ERP已变动' "$BODY"
ok "... shows both fingerprints" grep -q "fp-erp\">$(last "$S1" erp_fingerprint)<" "$BODY"
ok "... and says they differ" grep -q '两个指纹不同' "$BODY"
ok "... shows the amount before and after" grep -q "<td>$(money "$amt_was")</td><td>$(money $((amt_was + 100)))</td>" "$BODY"
get c "/statements?customer=$lenovo"
card "$S1" >"$T/card1"
ok "... the card of $S1 has the mark" grep -q "href=\"/statements/$S1#drift\">ERP已变动" "$T/card1"
get c "/statements?customer=${others[0]}"
card "$S2" >"$T/card2"
ok "... the card of $S2 (ok) has none" test -s "$T/card2" -a -z "$(grep 'ERP已变动' "$T/card2")"

# the same again: recorded again, the mark stays
check c "$S1"
is "$STATUS" 303 "checked again: 303"
is "$(nchecks "$S1")" 2 "... a second check recorded"
is "$(last "$S1" n_changes)" 7 "... with the same seven changes"
is "$(sql "SELECT drift_state FROM statements WHERE id = $S1")" drift "... the mark stays drift"

# --- who may: a viewer cannot, another account set sees nothing -----------------
n0=$(nchecks "$S2")
get v "/statements/$S2"
ok "the viewer's page has no 检查ERP变动 button" test -z "$(grep "/statements/$S2/drift" "$BODY")"
post v "/statements/$S2/drift" "csrf=$(csrf)"
is "$STATUS" 403 "the viewer's POST: 403"
get o /statements
post o "/statements/$S2/drift" "csrf=$(csrf)"
is "$STATUS" 404 "another account set's clerk: 404"
post c "/statements/$S2/drift"
is "$STATUS" 403 "no csrf token: 403"
is "$(nchecks "$S2")" "$n0" "... none of them recorded a check"

# --- the customer's page does not show it -----------------------------------------
get c "/statements/$S1/share"
post c "/statements/$S1/share" "csrf=$(csrf)"
get c "/statements/$S1/share"
link=$(grep -o 'https\?://[^"<]*/c/[A-Za-z0-9_-]*' "$BODY" | head -1)
if [ -n "$link" ]; then
	get x "/c/${link##*/c/}"
	is "$STATUS" 200 "the customer's page: 200"
	ok "... says nothing of the drift" test -z "$(grep -E 'ERP已变动|检查ERP变动|指纹' "$BODY")"
else
	skip "no share link on the page" "the customer's page says nothing of the drift"
	skip "no share link on the page" "..."
fi

# --- dz-admin drift over the account set's open statements -------------------------
# (the account set is the data address's: statements of an earlier run of
# this test are in it too)
nopen() { sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $set_id AND deleted_at IS NULL"; }
open=$(nopen)
n1=$(sql "SELECT COUNT(*) FROM drift_checks WHERE account_set_id = $set_id AND source = 'scheduled'")
out=$("$DZ_TEST_ADMIN" -c "$DZ_CONF" drift --account-set "$set_id" 2>&1)
rc=$?
is "$rc" 0 "dz-admin drift: exit 0"
like "$out" "drift: 1 account sets, $open statements: [0-9]+ unchanged, [1-9][0-9]* changed, 0 not checked; 0 account sets failed" \
	"... says what it did ($(echo "$out" | tail -1))"
like "$out" "statement $S1 .*ERP changed: 7 changes" "... names the changed statement"
unlike "$out" "statement ($S2|$S3) " "... and not the unchanged ones"
is "$(sql "SELECT COUNT(*) FROM drift_checks WHERE account_set_id = $set_id AND source = 'scheduled'")" "$((n1 + open))" \
	"... one scheduled check for each open statement ($open)"
is "$(sql "SELECT CONCAT(source, '/', username, '/', result) FROM drift_checks WHERE id = (SELECT drift_check_id
	FROM statements WHERE id = $S3)")" "scheduled//ok" "... the third statement's: scheduled, ok"
get c "/statements/$S3"
ok "... its page says 定时检查" grep -q '定时检查' "$BODY"
out=$("$DZ_TEST_ADMIN" -c "$DZ_CONF" drift --account-set "$set_id" --limit 2 2>&1)
like "$out" "1 account sets, 2 statements:" "dz-admin drift --limit 2: two statements"
# a deleted statement is not checked
act c "$S3" delete
is "$(nopen)" "$((open - 1))" "$S3 deleted"
n1=$(nchecks "$S3")
out=$("$DZ_TEST_ADMIN" -c "$DZ_CONF" drift --account-set "$set_id" 2>&1)
like "$out" ", $((open - 1)) statements:" "... dz-admin drift leaves it out"
is "$(nchecks "$S3")" "$n1" "... no check of it recorded"
check c "$S3"
is "$STATUS" 410 "... and its page's check: 410"

# --- the ERP down: 503, nothing recorded ---------------------------------------------
n0=$(nchecks "$S2")
v0=$(st_version "$S2")
# killed (a stopped simulator lets its open sessions finish, and a worker
# keeps its connection: the ERP gone means the connection gone too)
kill -9 "$(cat "$T/sim.$PORT.pid")" 2>/dev/null
sleep 0.3
check c "$S2"
is "$STATUS" 503 "the ERP down: 503"
ok "... says the check was not done" grep -q '无法连接ERP' "$BODY"
is "$(nchecks "$S2")" "$n0" "... nothing recorded"
is "$(st_version "$S2")" "$v0" "... the version did not move"
is "$(sql "SELECT drift_state FROM statements WHERE id = $S2")" ok "... the mark stays"
out=$("$DZ_TEST_ADMIN" -c "$DZ_CONF" drift --account-set "$set_id" 2>&1)
rc=$?
is "$rc" 1 "dz-admin drift with the ERP down: exit 1"
like "$out" "account set $set_id: its ERP is not reachable" "... says the account set's ERP is not reachable"
like "$out" "0 unchanged, 0 changed, 1 not checked; 1 account sets failed" "... and goes on to the next account set"
is "$(nchecks "$S2")" "$n0" "... and records nothing"

# --- the demo's step (deploy/erp-change), with the ERP back -----------------------------
ok "the simulator started again" sim "$PORT"
out=$(DZ_SQL=$DZ_TEST_SQL DZ_ERP_DB=$DB "$here/../../deploy/erp-change" "$S2" 2>&1)
like "$out" "金额变更" "deploy/erp-change changes the statement's documents"
first=$(sql "SELECT MIN(vchcode) FROM statement_docs WHERE statement_id = $S2 AND doc_type = 'sale'")
check c "$S2"
is "$STATUS" 303 "... 检查ERP变动 then: 303"
is "$(sql "SELECT drift_state FROM statements WHERE id = $S2")" drift "... the mark: drift"
cid=$(sql "SELECT drift_check_id FROM statements WHERE id = $S2")
is "$(sql "SELECT COUNT(*) FROM drift_changes WHERE check_id = $cid AND kind = 'amount' AND vchcode = $first
	AND after_amount - before_amount = 10")" 1 "... its first sale: 金额变更 of ¥10.00"

done_testing
