#!/bin/bash
# dz-confirm after 取消确认: the customer's page says the company reopened
# the statement and when (the time of that cancel), shows the answer set
# aside (符合/不符合, its time, the customer's description as text) above a
# new, empty form; a new answer is then the one shown. The kept pages
# (one per statement version, lib/keep) never show a reopened statement
# as answered, nor an answered one as reopened, and each visitor gets
# their own form token.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"
helper=$here/confirm-helper
[ -x "$helper" ] || bail "no $helper (make check TESTS= builds it)"

sid=$(cf_stmt) || bail "cannot create a statement"
tok=$(cf_link "$sid") || bail "cannot create a link"
url=/c/$tok

# when the last 取消确认 of the statement was, and its last answer, as the
# store has them (the page shows minutes)
cancel_at() {
	sql "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i') FROM audit_log
		WHERE object = 'statement:$sid' AND action = 'cancel' ORDER BY id DESC LIMIT 1"
}
answer_at() {
	sql "SELECT DATE_FORMAT(at, '%Y-%m-%d %H:%i') FROM feedback
		WHERE statement_id = $sid ORDER BY id DESC LIMIT 1"
}
# the reopening note of the last page, on one line ("" if none)
note() { tr -d '\n' <"$BODY" | grep -o '<div class="reopened notice".*' | sed 's,</div>.*,,'; }
# does the note come before the form in the answer section?
note_above_form() {
	local a b
	a=$(grep -b -o 'class="reopened notice"' "$BODY" | head -1 | cut -d: -f1)
	b=$(grep -b -o '<form method="post" action="#answer"' "$BODY" | head -1 | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}

# --- never answered: no note ---------------------------------------------------
get P "$url"
is "$STATUS" 200 "a new statement: 200"
is "$(note)" "" "no reopening note before any answer"
like "$(body)" 'name="decision" value="agreed"' "the form"

# --- the customer answers 不符合 --------------------------------------------------
desc1='第 3 张出库单<b>少 2 箱</b> & 价格不对'
post P "$url" decision=disputed "description=$desc1" "csrf=$(csrf)"
is "$STATUS" 303 "不符合 recorded: 303"
# answered on another day than the cancel that follows, so the page must
# tell the two times apart (the kept page of this version is not read again)
sql "UPDATE feedback SET at = '2024-04-02 09:15:00' WHERE statement_id = $sid" >/dev/null
at1=$(answer_at)
is "$at1" "2024-04-02 09:15" "the answer's time"
get P "$url"
like "$(body)" '已答复：<strong>不符合</strong>' "the receipt (and the page kept for this version)"
get P "$url"
like "$(body)" '已答复：<strong>不符合</strong>' "the same, sent from what was kept"

# --- staff 取消确认 ----------------------------------------------------------------
"$helper" act "$sid" cancel
is "$?" 0 "staff 取消确认"
is "$(cf_status "$sid")" pending "back to 未确认"
c1=$(cancel_at)
ok "the cancel is in the audit trail ($c1)" test -n "$c1"
get P "$url"
is "$STATUS" 200 "the page after 取消确认: 200"
n=$(note)
ok "a reopening note" test -n "$n"
like "$n" "测试商贸有限公司已于 <time>$c1</time> 重新打开了这张对账单" "it says the company reopened the statement, at the time of the cancel ($c1)"
like "$n" "您此前的答复：<strong class=\"tag st-disputed\">不符合</strong>（答复时间 <time>$at1</time>）" "it shows the earlier answer 不符合 and its time ($at1)"
like "$n" '第 3 张出库单&lt;b&gt;少 2 箱&lt;/b&gt; &amp; 价格不对' "and the customer's description, as text"
unlike "$(body)" '<b>少 2 箱' "no markup from the description"
unlike "$(body)" '已答复：' "no receipt: the answer is set aside"
like "$(body)" 'name="decision" value="agreed"' "the form is back (符合)"
like "$(body)" 'name="decision" value="disputed"' "(不符合)"
like "$(body)" '<textarea id="description" name="description"[^>]*></textarea>' "with an empty description box"
ok "the note is above the form" note_above_form
like "$(body)" 'st-pending">未确认' "the state is 未确认"

# kept for this version: the next visitors get the same page, each with
# their own form token
get P "$url"
tp=$(csrf)
like "$(note)" "<time>$c1</time>" "a reload (from what was kept) still has the note"
forget Q
get Q "$url"
tq=$(csrf)
like "$(note)" "<time>$c1</time>" "another visitor gets it too"
ok "each visitor has their own form token" test -n "$tp" -a -n "$tq" -a "$tp" != "$tq"
is "$tq" "$(cookie Q __Host-dzpre)" "the token in Q's page is Q's cookie"

# --- a new answer: that one is shown ----------------------------------------------
desc2='已核对，金额无误'
post Q "$url" decision=agreed "description=$desc2" "csrf=$tq"
is "$STATUS" 303 "the customer answers again (符合): 303"
is "$(cf_status "$sid")" agreed "now 符合"
is "$(cf_feedback "$sid")" 2 "two answers on record"
at2=$(answer_at)
isnt "$at2" "$at1" "the second answer has its own time ($at2)"
get P "$url"
like "$(body)" '已答复：<strong>符合</strong>' "the page shows the new answer"
like "$(body)" "答复时间：$at2" "with its time"
like "$(body)" "$desc2" "and its description"
is "$(note)" "" "no reopening note once answered again"
unlike "$(body)" '少 2 箱' "nor the set-aside description"
unlike "$(body)" 'name="decision"' "no form"

# --- reopened again: the latest cancel and the latest answer -------------------------
sql "UPDATE feedback SET at = '2024-04-03 16:40:00' WHERE statement_id = $sid AND decision = 'agreed'" >/dev/null
at2=$(answer_at)
"$helper" act "$sid" cancel
c2=$(cancel_at)
get P "$url"
n=$(note)
like "$n" "<time>$c2</time> 重新打开" "the second 取消确认's time ($c2)"
like "$n" "<strong class=\"tag st-agreed\">符合</strong>（答复时间 <time>$at2</time>）" "the answer it set aside: 符合"
like "$n" "$desc2" "with its description"
unlike "$n" '少 2 箱' "not the first one's"

# --- an answer staff recorded, then reopened: no staff note shown -------------------
"$helper" act "$sid" dispute
is "$(cf_status "$sid")" disputed "staff records 不符合确认"
"$helper" act "$sid" cancel
get P "$url"
n=$(note)
like "$n" '此前记录的结果：<strong class="tag st-disputed">不符合</strong>' "the note names the answer staff recorded"
like "$n" '由对方工作人员记录' "as recorded by the company"
unlike "$n" '由测试记录' "without staff's own note"
like "$(body)" 'name="decision" value="agreed"' "and the form"
done_testing
