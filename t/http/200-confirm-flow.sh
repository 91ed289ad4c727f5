#!/bin/bash
# dz-confirm, the customer's page /c/<token>: what it shows, its headers,
# GET changing nothing but the opening count, the answer recorded once and
# shown, the description's rules (required for 不符合, <= 500 characters,
# shown as text), and the POST's origin and form-token checks.
# §8 check 2 (at the end): a fresh link fetched with GET and with HEAD 5
# times each (a mail scanner): the statement stays 未确认 (status, version,
# answered_at unchanged), no answer and no audit row at all.
# §8 check 3 (at the end): 符合 posted twice with the same token, then 不符合:
# the first 303 and recorded, the later ones 409 with the recorded answer
# shown; exactly 1 answer (feedback row) and 1 audit row, status 符合.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"

sid=$(cf_stmt) || bail "cannot create a statement"
tok=$(cf_link "$sid") || bail "cannot create a link"
url=/c/$tok

# --- the page ----------------------------------------------------------------
state() { sql "SELECT status, version, COALESCE(answered_at, '-') FROM statements WHERE id = $sid"; }
before=$(state)
get P "$url"
is "$STATUS" 200 "GET the link: 200"
page=$(body)
like "$page" '测试商贸有限公司' "shows the issuing company"
like "$page" '<h1>对账单</h1>' "says 对账单"
like "$page" '华东五金批发部' "shows the customer"
like "$page" '2024-03-01 至 2024-03-31' "shows the period"
like "$page" '期初余额</dt><dd class="money">1,000.00' "shows the opening balance"
like "$page" 'class="debt money">¥3,000.00' "shows 欠款金额 large"
like "$page" 'st-pending">未确认' "shows the state 未确认"
like "$page" 'ty-sale">出库</span><span class="no">XS-2024-03-0001</span><span class="amt money">3,230.50' "a sale: tag, number, amount"
like "$page" 'ty-return">退货</span><span class="no">TH-2024-03-0002</span><span class="amt money">-230.50' "a return counted negative"
like "$page" 'ty-receipt">收款</span><span class="no">SK-2024-03-0003' "a receipt"
like "$page" '<details>' "goods in <details>, no script needed"
like "$page" '膨胀螺栓 M10</span><span class="q muted">20袋 × 100.00' "goods lines: name, qty, unit, price"
is "$(grep -c '<h3 class="date">2024-03-02</h3>' "$BODY")" 1 "two documents of one day under one date"
like "$page" 'name="decision" value="agreed"' "button 符合"
like "$page" 'name="decision" value="disputed"' "button 不符合"
like "$page" '<textarea id="description" name="description"' "description box"
unlike "$page" '<script' "no script on the page"
like "$page" '<meta name="referrer" content="no-referrer">' "meta referrer no-referrer"
like "$page" '<meta name="robots" content="noindex' "meta robots noindex"
unlike "$page" "$tok" "the token is not repeated in the page"
is "$(hdr Referrer-Policy)" no-referrer "Referrer-Policy: no-referrer"
like "$(hdr X-Robots-Tag)" '^noindex' "X-Robots-Tag: noindex"
is "$(hdr Cache-Control)" no-store "Cache-Control: no-store"
sec_headers "customer page"
cookie_flags "form-token cookie" "$(set_cookie __Host-dzpre)" Strict
size=$(( $(wc -c <"$BODY") + $(curl -k -s "$DZ_TEST_BASE/static/css/dz.css" | wc -c) ))
ok "page + stylesheet < 50 KB ($size bytes)" [ "$size" -lt 51200 ]
like "$(curl -k -s "$DZ_TEST_BASE/static/css/dz.css")" '\.cust \{ font-size: 16px; \}' "customer text is 16 px"

# --- GET changes nothing but the count ------------------------------------------
opens=$(cf_opens "$tok")
SRC=127.0.0.21 get P "$url"
SRC=127.0.0.21 get Q "$url"
is "$(state)" "$before" "two more GETs: status, version, answered_at unchanged"
is "$(cf_feedback "$sid")" 0 "no answer recorded by GETs"
is "$(cf_opens "$tok")" $((opens + 1)) "a reload from the same address within seconds is one opening"
SRC=127.0.0.22 get R "$url"
is "$(cf_opens "$tok")" $((opens + 2)) "another address is another opening"
SRC=127.0.0.23 req P HEAD "$DZ_TEST_BASE$url" -I
is "$(cf_opens "$tok")" $((opens + 2)) "a HEAD is not counted as an opening"

# --- the description's rules --------------------------------------------------------
get P "$url"
t=$(csrf)
post P "$url" decision=disputed "description=" "csrf=$t"
is "$STATUS" 400 "不符合 without a description: 400"
like "$(body)" 'role="alert"' "the error is shown"
like "$(body)" 'name="decision" value="disputed"' "the form is kept"
post P "$url" decision=disputed "description=   " "csrf=$t"
is "$STATUS" 400 "不符合 with spaces only: 400"
long=$(printf '长%.0s' $(seq 501))
post P "$url" decision=disputed "description=$long" "csrf=$t"
is "$STATUS" 400 "501 characters: 400"
like "$(body)" '最多 500 字' "says at most 500 characters"
like "$(body)" "$long</textarea>" "what was typed is kept"
post P "$url" decision=maybe "description=x" "csrf=$t"
is "$STATUS" 400 "an unknown decision: 400"
is "$(state)" "$before" "nothing changed by the refused answers"
is "$(cf_feedback "$sid")" 0 "no answer recorded by them"

# --- origin and form token --------------------------------------------------------
post P "$url" decision=agreed "csrf="
is "$STATUS" 403 "no form token: 403"
post P "$url" decision=agreed "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
is "$STATUS" 403 "a wrong form token: 403"
ORIGIN=https://evil.example post P "$url" decision=agreed "csrf=$t"
is "$STATUS" 403 "a foreign Origin: 403"
post P "$url" decision=agreed "csrf=$t" -- -H "Sec-Fetch-Site: cross-site"
is "$STATUS" 403 "Sec-Fetch-Site: cross-site: 403"
post P "$url" decision=agreed "csrf=$t" -- -H "Sec-Fetch-Site: same-site"
is "$STATUS" 403 "Sec-Fetch-Site: same-site: 403"
forget R
post R "$url" decision=agreed "csrf=$t"
is "$STATUS" 403 "the token without its cookie (another browser): 403"
is "$(state)" "$before" "nothing changed by the refused posts"

# --- the answer ----------------------------------------------------------------------
desc='<script>alert("x")</script> & <b>少了</b> 2 箱'
ORIGIN=null post P "$url" decision=disputed "description=$desc" "csrf=$t" -- -H "Sec-Fetch-Site: same-origin"
is "$STATUS" 303 "不符合 with a description (Origin: null, as a browser sends it under no-referrer): 303"
is "$(location)" "$url" "back to the page"
is "$(cf_status "$sid")" disputed "status is 不符合"
is "$(cf_feedback "$sid")" 1 "one answer recorded"
is "$(sql "SELECT description FROM feedback WHERE statement_id = $sid")" "$desc" "the description is stored as typed"
is "$(sql "SELECT CONCAT(source, '|', COALESCE(share_link_id, 0) > 0, '|', ip) FROM feedback WHERE statement_id = $sid")" "customer|1|127.0.0.1" "stored as the customer's, with its link and address"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$sid' AND action = 'answer_dispute'")" 1 "one audit row"
get P "$url"
is "$STATUS" 200 "the page again: 200"
page=$(body)
like "$page" 'st-disputed">不符合' "shows the state 不符合"
like "$page" '已答复：<strong>不符合</strong>' "shows the recorded answer"
like "$page" '答复时间：20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}' "and when"
like "$page" '&lt;script&gt;alert\(&quot;x&quot;\)&lt;/script&gt; &amp; &lt;b&gt;少了&lt;/b&gt; 2 箱' "the description is shown as text"
unlike "$page" '<script>alert' "no markup from the description"
unlike "$page" 'name="decision"' "no buttons any more"
post P "$url" decision=agreed "csrf=$t"
is "$STATUS" 409 "answering again: 409"
like "$(body)" '已答复：<strong>不符合</strong>' "the 409 page shows the recorded answer"
is "$(cf_status "$sid")" disputed "status unchanged"
is "$(cf_feedback "$sid")" 1 "still one answer"

# --- 符合 on another statement, a description of 500 Chinese characters ------------------
sid2=$(cf_stmt)
tok2=$(cf_link "$sid2")
get P "/c/$tok2"
t=$(csrf)
d500=$(printf '对%.0s' $(seq 500))
post P "/c/$tok2" decision=agreed "description=$d500" "csrf=$t"
is "$STATUS" 303 "符合 with 500 Chinese characters: 303"
is "$(sql "SELECT CONCAT(status, '|', (SELECT CHAR_LENGTH(description) FROM feedback WHERE statement_id = $sid2)) FROM statements WHERE id = $sid2")" "agreed|500" "recorded whole"
get P "/c/$tok2"
like "$(body)" '已答复：<strong>符合</strong>' "the page shows 符合"
sid3=$(cf_stmt)
tok3=$(cf_link "$sid3")
get P "/c/$tok3"
post P "/c/$tok3" decision=agreed "csrf=$(csrf)"
is "$STATUS" 303 "符合 without a description: 303"
is "$(cf_status "$sid3")" agreed "recorded"

# --- §8 check 2: GET and HEAD 5 times each change nothing ------------------------------
sid5=$(cf_stmt) || bail "cannot create a statement"
tok5=$(cf_link "$sid5") || bail "cannot create a link"
st5() { sql "SELECT CONCAT_WS('|', status, version, COALESCE(answered_at, '-')) FROM statements WHERE id = $sid5"; }
audit5() { sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$sid5'${1:+ AND action LIKE '$1'}"; }
b5=$(st5)
like "$b5" '^pending\|' "a fresh link's statement is 未确认"
codes=
for i in 1 2 3 4 5; do
	forget S
	SRC=127.0.0.3$i get S "/c/$tok5"
	codes="$codes $STATUS"
	SRC=127.0.0.3$i req S HEAD "$DZ_TEST_BASE/c/$tok5" -I
	codes="$codes $STATUS"
done
is "$codes" "$(printf ' 200%.0s' $(seq 10))" "5 GETs and 5 HEADs: 200 each"
is "$(st5)" "$b5" "status, version, answered_at unchanged"
is "$(cf_status "$sid5")" pending "still 未确认"
is "$(cf_feedback "$sid5")" 0 "no answer recorded"
is "$(audit5 'answer_%')" 0 "no decision audit row"
is "$(audit5)" 0 "no audit row at all"

# --- §8 check 3: 符合 twice with the same token, then 不符合 ------------------------------
get P "/c/$tok5"
t=$(csrf)
post P "/c/$tok5" decision=agreed "csrf=$t"
is "$STATUS" 303 "符合: 303"
is "$(cf_status "$sid5")" agreed "... recorded"
post P "/c/$tok5" decision=agreed "csrf=$t"
is "$STATUS" 409 "符合 again with the same token: 409"
like "$(body)" '已答复：<strong>符合</strong>' "... its page shows the recorded answer"
post P "/c/$tok5" decision=disputed "description=数量不对" "csrf=$t"
is "$STATUS" 409 "then 不符合: 409"
like "$(body)" '已答复：<strong>符合</strong>' "... its page shows the recorded answer"
is "$(cf_status "$sid5")" agreed "the status stays 符合"
is "$(cf_feedback "$sid5")" 1 "exactly 1 answer in the store"
is "$(audit5 'answer_%')" 1 "exactly 1 decision audit row"
is "$(audit5)" 1 "and no other audit row"
done_testing
