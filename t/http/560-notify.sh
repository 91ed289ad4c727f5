#!/bin/bash
# Notices (issue 15): a customer's first opening of a link and their answer
# tell the statement's creator, in the site (the top bar's count, /notices)
# and through the account set's 企业微信 robot and mail, received by local
# receivers on loopback (t/http/notify-receiver.py: HTTPS with the ERP
# simulator's certificate, an SMTP sink). Each is received exactly once
# (the worker run again sends nothing more); a receiver that is down leaves
# the delivery pending with its failure and next attempt, sent once when
# it is due again and the receiver is up; 25 notices at once go out 20 in
# the robot's minute and the rest after it; a row left 'sending' by a dead
# worker is never sent again by itself (未知, 重新发送); another account
# set's staff never see the notices.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"
program_running dz-history || skip_all "dz-history is not running"
program_running dz-users || skip_all "dz-users is not running"
command -v python3 >/dev/null || skip_all "no python3"
grep -q '^Notify.TestHost = 127.0.0.1' "$DZ_CONF" || skip_all "the stack has no Notify.TestHost (deploy/test writes it)"
ERP=$(dirname "$DZ_TEST_ERP_CA")
[ -r "$ERP/sim.pem" ] && [ -r "$ERP/sim.key" ] || skip_all "no ERP simulator certificate to serve with"

R=$T/recv
mkdir -p "$R"
RPID=
recv_start() {	# recv_start HTTPS_PORT SMTP_PORT
	rm -f "$R/ports"
	python3 "$here/notify-receiver.py" "$R" "$ERP/sim.pem" "$ERP/sim.key" "$1" "$2" \
		2>"$R/stderr" &
	RPID=$!
	for _ in $(seq 50); do [ -s "$R/ports" ] && return 0; sleep 0.1; done
	bail "the receivers did not start: $(cat "$R/stderr")"
}
recv_stop() { [ -z "$RPID" ] || { kill "$RPID" 2>/dev/null; wait "$RPID" 2>/dev/null; RPID=; }; }
trap 'recv_stop; rm -rf "$T"' EXIT
hooks() { [ -f "$R/webhook.log" ] && wc -l <"$R/webhook.log" || echo 0; }
mails() { ls "$R"/mail.*.eml 2>/dev/null | wc -l; }
worker() { "$DZ_TEST_ADMIN" notify --once >>"$T/worker.out" 2>&1; }
dstate() { sql "SELECT CONCAT(state, '|', attempts) FROM notify_deliveries WHERE notice_id = $1 AND channel = '$2'"; }

recv_start 0 0
read -r HP SP <"$R/ports"

# --- an account set of its own: its admin, a clerk who makes statements --------
set=$(sql "INSERT IGNORE INTO account_sets (identity, company_name, erp_kind)
	VALUES ('test-notify', '通知测试商贸', 'grasp');
	SELECT id FROM account_sets WHERE identity = 'test-notify'")
other=$(cf_set)
[ -n "$set" ] && [ -n "$other" ] || bail "no account sets"
pw=Good-Pass-$U
mkuser "na$U" admin "$pw" && mkuser "nc$U" clerk "$pw" && mkuser "no$U" clerk "$pw" ||
	bail "cannot make the users"
sql "UPDATE users SET account_set_id = $set, must_change_password = 0 WHERE username IN ('na$U', 'nc$U');
	UPDATE users SET account_set_id = $other, must_change_password = 0 WHERE username = 'no$U'" >/dev/null
clerk=$(sql "SELECT id FROM users WHERE username = 'nc$U'")
login a "na$U" "$pw"; [ "$STATUS" = 303 ] || bail "admin cannot sign in"
login c "nc$U" "$pw"; [ "$STATUS" = 303 ] || bail "clerk cannot sign in"
login o "no$U" "$pw"; [ "$STATUS" = 303 ] || bail "the other set's clerk cannot sign in"
# nothing of another run's stays: no channels, nothing due, no window used
sql "DELETE FROM notify_channels WHERE account_set_id = $set;
	UPDATE notify_deliveries SET state = 'failed' WHERE state IN ('pending', 'sending');
	UPDATE notify_deliveries SET attempted_at = attempted_at - INTERVAL 1 HOUR WHERE attempted_at IS NOT NULL" >/dev/null
audits() { sql "SELECT COUNT(*) FROM audit_log WHERE action = '$1' AND object = '$2'"; }
a0=$(audits notify_settings "account_set:$set")

# --- 通知设置: strict, sealed ---------------------------------------------------
hook="https://127.0.0.1:$HP/cgi-bin/webhook/send?key=k$U"
get a /admin/notify
is "$STATUS" 200 "通知设置 for the admin"
like "$(body)" 'name="wecom_url"' "... the robot's field"
get c /admin/notify
is "$STATUS" 403 "... not for a clerk"
for bad in "http://127.0.0.1:$HP/x" "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a b" \
	"https://evil.example.com/cgi-bin/webhook/send?key=abc" "ftp://127.0.0.1/"; do
	get a /admin/notify
	post a /admin/notify "csrf=$(csrf)" wecom_enabled=1 "wecom_url=$bad"
	is "$STATUS" 400 "robot URL refused: $bad"
done
like "$(body)" 'Webhook 地址格式不对' "... the page says why"
get a /admin/notify
post a /admin/notify "csrf=$(csrf)" mail_enabled=1 "smtp_url=smtp://127.0.0.1:$SP" \
	mail_from=dz@example.com "mail_to=a@example.com,b"
is "$STATUS" 400 "a bad recipient: 400"
is "$(sql "SELECT COUNT(*) FROM notify_channels WHERE account_set_id = $set")" 0 "... nothing stored"
get a /admin/notify
post a /admin/notify "csrf=$(csrf)" wecom_enabled=1 "wecom_url=$hook" format=text \
	mail_enabled=1 "smtp_url=smtp://127.0.0.1:$SP" mail_from=dz@example.com \
	"mail_to=boss@example.com, clerk@example.com"
is "$STATUS" 303 "saved"
is "$(sql "SELECT COUNT(*) FROM notify_channels WHERE account_set_id = $set AND enabled = 1")" 2 "... both channels on"
is "$(sql "SELECT COUNT(*) FROM notify_channels WHERE account_set_id = $set AND secret LIKE '%k$U%'")" 0 \
	"... the robot's URL is not stored in the clear"
is "$(sql "SELECT url FROM notify_channels WHERE account_set_id = $set AND channel = 'wecom'")" 127.0.0.1 \
	"... only its host is, for the page"
get a /admin/notify
unlike "$(body)" "k$U" "the page never shows the robot's key"
is "$(audits notify_settings "account_set:$set")" $((a0 + 1)) "one audit row"

# 测试发送: the stored URL (field left empty), one message
post a /admin/notify/test "csrf=$(csrf)" test=wecom wecom_enabled=1 format=text
is "$STATUS" 200 "测试发送 (robot)"
like "$(body)" '测试消息已发送' "... says it was sent"
is "$(hooks)" 1 "... the receiver got it"
post a /admin/notify/test "csrf=$(csrf)" test=mail "smtp_url=smtp://127.0.0.1:$SP" \
	mail_from=dz@example.com mail_to=boss@example.com
is "$STATUS" 200 "测试发送 (mail)"
is "$(mails)" 1 "... the sink got it"
rm -f "$R"/webhook.* "$R"/mail.*

# --- a customer opens and answers: the creator's notices ------------------------
sid=$(cf_stmt 通知五金商行) || bail "no statement"
sql "UPDATE statements SET account_set_id = $set, created_by = $clerk WHERE id = $sid" >/dev/null
tok=$(cf_link "$sid") || bail "no link"
notices() { sql "SELECT COUNT(*) FROM notices WHERE statement_id = $sid"; }
is "$(notices)" 0 "no notice before the customer comes"
SRC=127.0.0.31 get P "/c/$tok"
is "$STATUS" 200 "the customer opens the link"
is "$(notices)" 1 "... one notice"
SRC=127.0.0.32 get Q "/c/$tok"
SRC=127.0.0.31 get P "/c/$tok"
is "$(notices)" 1 "reloads and another address: still one (only the first opening)"
is "$(sql "SELECT open_count FROM share_links WHERE token_hash = UNHEX('$(cf_hash "$tok")')")" 3 \
	"... while the openings are counted as before (3)"
t=$(SRC=127.0.0.31 get P "/c/$tok"; csrf)
SRC=127.0.0.31 post P "/c/$tok" decision=agreed "csrf=$t" -- -H "Origin: null"
is "$STATUS" 303 "the customer answers 符合"
is "$(notices)" 2 "... a second notice"
SRC=127.0.0.31 post P "/c/$tok" decision=disputed description=again "csrf=$t" -- -H "Origin: null"
isnt "$STATUS" 303 "a second answer is refused"
is "$(notices)" 2 "... and makes no notice"
is "$(sql "SELECT GROUP_CONCAT(kind ORDER BY id) FROM notices WHERE statement_id = $sid")" "opened,agreed" \
	"kinds: opened, agreed"
is "$(sql "SELECT COUNT(DISTINCT user_id) FROM notices WHERE statement_id = $sid AND user_id = $clerk")" 1 \
	"... for the statement's creator"
is "$(sql "SELECT COUNT(*) FROM notify_deliveries d JOIN notices n ON n.id = d.notice_id
	WHERE n.statement_id = $sid AND d.state = 'pending'")" 4 "one delivery per notice and channel, pending"

# --- in the site ------------------------------------------------------------------
get c /statements
like "$(body)" 'href="/notices">通知 <span class="count"[^>]*>2</span>' "the clerk's top bar: 2 unread"
get c /notices
is "$STATUS" 200 "the list"
like "$(body)" "href=\"/statements/$sid\">通知五金商行" "... links to the statement"
like "$(body)" '确认对账单：符合.*打开了对账单' "... newest first"
like "$(body)" '企业微信：待发送' "... each delivery's state"
get o /notices
like "$(body)" '还没有通知' "another account set's clerk sees none"
unlike "$(body)" '通知五金商行' "... nothing of them"
get o /statements
unlike "$(body)" 'href="/notices">通知 <span class="count"' "... and no count"
get a /statements
unlike "$(body)" 'href="/notices">通知 <span class="count"' "the admin of the same set (not the creator): no count"

# --- sent once, not twice -----------------------------------------------------------
worker
is "$(hooks)" 2 "the robot got both notices"
is "$(mails)" 2 "the sink got both"
worker
is "$(hooks)" 2 "the worker again: nothing more to the robot"
is "$(mails)" 2 "... nor by mail"
like "$(cat "$R/webhook.log")" '"msgtype":"text","text":\{"content":"通知五金商行 确认对账单：符合' \
	"the robot's JSON: text, the customer and what they did"
like "$(head -1 "$R/webhook.paths")" "^/cgi-bin/webhook/send\?key=k$U application/json" "... POSTed to its URL as JSON"
like "$(cat "$R"/mail.1.eml)" $'Subject: =\\?UTF-8\\?B\\?' "the mail's subject is RFC 2047"
like "$(cat "$R"/mail.1.env)" 'RCPT TO:<clerk@example.com>' "... to every recipient"
ids=$(grep -h '^Message-ID:' "$R"/mail.*.eml | sort -u | wc -l)
is "$ids" 2 "... each with its own Message-ID"
is "$(sql "SELECT COUNT(*) FROM notify_deliveries d JOIN notices n ON n.id = d.notice_id
	WHERE n.statement_id = $sid AND d.state = 'sent' AND d.attempts = 1")" 4 "four deliveries sent, one attempt each"
get c /notices
like "$(body)" '企业微信：已送达' "the page says 已送达"

# --- the receiver is down: shown, retried, once ----------------------------------
recv_stop
sid2=$(cf_stmt 停机测试商行) || bail "no statement"
sql "UPDATE statements SET account_set_id = $set, created_by = $clerk WHERE id = $sid2" >/dev/null
tok2=$(cf_link "$sid2")
t=$(SRC=127.0.0.33 get P "/c/$tok2"; csrf)
SRC=127.0.0.33 post P "/c/$tok2" decision=disputed description=少了一笔 "csrf=$t" -- -H "Origin: null"
is "$STATUS" 303 "another answer while the receivers are down"
n2=$(sql "SELECT id FROM notices WHERE statement_id = $sid2 AND kind = 'disputed'")
worker
is "$(dstate "$n2" wecom)" "pending|1" "the robot's delivery failed once and waits"
is "$(dstate "$n2" mail)" "pending|1" "... the mail's too"
is "$(sql "SELECT next_at > NOW() AND last_error <> '' FROM notify_deliveries WHERE notice_id = $n2 AND channel = 'wecom'")" 1 \
	"... with its failure and a next attempt later"
get c /notices
like "$(body)" '企业微信：待发送（尝试次数 1，下次尝试 [0-9-]+ [0-9:]+）' "the page shows the attempt and the next one"
like "$(body)" '原因：发送失败' "... and why"
recv_start "$HP" "$SP"
worker
is "$(hooks)" 2 "receiver up, not due yet: nothing sent"
is "$(sql "SELECT COUNT(*) FROM notify_deliveries d JOIN notices n ON n.id = d.notice_id
	WHERE n.statement_id = $sid2 AND d.state = 'pending' AND d.attempts = 1")" 4 \
	"both notices of it (opened, disputed) wait on both channels"
sql "UPDATE notify_deliveries SET next_at = NOW() - INTERVAL 1 SECOND
	WHERE notice_id IN (SELECT id FROM notices WHERE statement_id = $sid2)" >/dev/null
worker
is "$(hooks)" 4 "due (time moved in the store): the robot got both"
is "$(mails)" 4 "... and the mails"
worker
is "$(hooks)" 4 "the worker again: still once"
is "$(mails)" 4 "... each"
is "$(dstate "$n2" wecom)" "sent|2" "sent on the second attempt"

# --- the robot's 20 a minute ------------------------------------------------------
sid3=$(cf_stmt 批量测试商行) || bail "no statement"
sql "UPDATE statements SET account_set_id = $set, created_by = $clerk WHERE id = $sid3;
	INSERT INTO notices (account_set_id, user_id, statement_id, kind, ref_id)
	SELECT $set, $clerk, $sid3, 'agreed', 9000000000000 + $sid3 * 100 + seq FROM seq_1_to_25;
	INSERT INTO notify_deliveries (notice_id, account_set_id, channel)
	SELECT id, $set, 'wecom' FROM notices WHERE statement_id = $sid3;
	UPDATE notify_deliveries SET attempted_at = attempted_at - INTERVAL 61 SECOND WHERE attempted_at IS NOT NULL" >/dev/null
before=$(hooks)
worker
is "$(( $(hooks) - before ))" 20 "25 notices at once: 20 to the robot in its minute"
is "$(sql "SELECT COUNT(*) FROM notify_deliveries d JOIN notices n ON n.id = d.notice_id
	WHERE n.statement_id = $sid3 AND d.state = 'pending' AND d.attempts = 0 AND d.next_at > NOW()")" 5 \
	"... the other 5 wait for the window"
worker
is "$(( $(hooks) - before ))" 20 "... and are not sent inside it"
# a minute passes (in the store)
sql "UPDATE notify_deliveries SET attempted_at = attempted_at - INTERVAL 61 SECOND WHERE attempted_at IS NOT NULL;
	UPDATE notify_deliveries SET next_at = NOW() - INTERVAL 1 SECOND WHERE state = 'pending'" >/dev/null
worker
is "$(( $(hooks) - before ))" 25 "after the minute: the other 5"

# --- the robot says "too many" ----------------------------------------------------
echo rate >"$R/mode"
sid4=$(cf_stmt 限流测试商行) || bail "no statement"
sql "UPDATE statements SET account_set_id = $set, created_by = $clerk WHERE id = $sid4;
	INSERT INTO notices (account_set_id, user_id, statement_id, kind, ref_id) VALUES ($set, $clerk, $sid4, 'agreed', 8000000000000 + $sid4);
	INSERT INTO notify_deliveries (notice_id, account_set_id, channel) SELECT id, $set, 'wecom' FROM notices WHERE statement_id = $sid4" >/dev/null
n4=$(sql "SELECT id FROM notices WHERE statement_id = $sid4")
worker
is "$(dstate "$n4" wecom)" "pending|0" "errcode 45009: later, not counted as a failed attempt"
rm -f "$R/mode"

# --- a worker died mid-send: never sent again by itself ---------------------------
sql "UPDATE notify_deliveries SET state = 'sending', attempts = 1, attempted_at = NOW() - INTERVAL 10 MINUTE,
	next_at = NOW() - INTERVAL 10 MINUTE WHERE notice_id = $n4" >/dev/null
before=$(hooks)
worker
is "$(hooks)" "$before" "a stale 'sending' row is not sent again"
is "$(dstate "$n4" wecom)" "sending|1" "... and stays as it is"
get c /notices
like "$(body)" '企业微信：未知（可能已送达）' "the page says 未知"
d4=$(sql "SELECT id FROM notify_deliveries WHERE notice_id = $n4")
like "$(body)" "name=\"delivery\" value=\"$d4\"" "... with 重新发送"
post o /notices/resend "csrf=$(get o /notices; csrf)" "delivery=$d4"
is "$STATUS" 404 "another set's clerk cannot resend it"
get c /notices
post c /notices/resend "csrf=$(csrf)" "delivery=$d4"
is "$STATUS" 303 "the creator resends it"
is "$(dstate "$n4" wecom)" "pending|0" "... pending again"
post c /notices/resend "csrf=$(get c /notices; csrf)" "delivery=$d4"
is "$STATUS" 404 "... a second resend of a pending row: refused"
worker
is "$(( $(hooks) - before ))" 1 "... sent once"
is "$(audits notify_resend "delivery:$d4")" 1 "the resend is audited"

# --- failed for good after Notify.MaxAttempts (8) --------------------------------
recv_stop
sql "UPDATE notify_deliveries SET state = 'pending', attempts = 7, next_at = NOW() WHERE notice_id = $n2 AND channel = 'mail'" >/dev/null
worker
is "$(dstate "$n2" mail)" "failed|8" "the eighth failure: failed"
get c /notices
like "$(body)" '邮件：发送失败' "the page says 发送失败"
recv_start "$HP" "$SP"

# --- read marks -------------------------------------------------------------------
get c /notices
post c /notices/read "csrf=$(csrf)" "id=$n2"
is "$STATUS" 303 "标为已读"
is "$(sql "SELECT read_at IS NOT NULL FROM notices WHERE id = $n2")" 1 "... that one is read"
post o /notices/read "csrf=$(get o /notices; csrf)" all=1
is "$(sql "SELECT COUNT(*) FROM notices WHERE user_id = $clerk AND read_at IS NOT NULL")" 1 \
	"another set's clerk marking all read touches none of them"
get c /notices
tok_c=$(csrf)
get c /statements
like "$(body)" 'href="/notices">通知 <span class="count"' "a count before 全部标为已读 (the page is now kept)"
post c /notices/read "csrf=$tok_c" all=1
is "$(sql "SELECT COUNT(*) FROM notices WHERE user_id = $clerk AND read_at IS NULL")" 0 "全部标为已读"
get c /statements
unlike "$(body)" 'href="/notices">通知 <span class="count"' "the top bar's count is gone"
post c /notices/read "csrf=$(get c /notices; csrf)"
is "$STATUS" 400 "neither an id nor all: 400"

done_testing
