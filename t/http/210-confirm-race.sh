#!/bin/bash
# dz-confirm: exactly once. 50 simultaneous answers -> one recorded, the
# other 49 get 409 with the page showing it; a page made stale by staff gets
# 409 too; after staff 取消确认 the customer can answer again; after 删除 the
# link is gone (410).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/confirm.inc.sh"
program_running dz-confirm || skip_all "dz-confirm is not running"
helper=$here/confirm-helper
[ -x "$helper" ] || skip_all "t/http/confirm-helper not built (make check builds it)"

sid=$(cf_stmt) || bail "cannot create a statement"
tok=$("$helper" link "$sid") || bail "cannot share"
url=/c/$tok
ver() { sql "SELECT version FROM statements WHERE id = $sid"; }

get C "$url"
is "$STATUS" 200 "the shared link opens"
t=$(csrf)
v0=$(ver)

# --- 50 at once ----------------------------------------------------------------
mkdir -p "$T/race"
for i in $(seq 50); do
	if [ $((i % 2)) = 0 ]; then d=agreed; else d=disputed; fi
	curl -k -s --max-time 30 -o "$T/race/body.$i" -w '%{http_code}\n' \
		-b "$(jar C)" -H "Origin: $DZ_TEST_BASE" \
		--data-urlencode "decision=$d" --data-urlencode "description=第 $i 个答复" \
		--data-urlencode "csrf=$t" "$DZ_TEST_BASE$url" >"$T/race/code.$i" &
done
wait
codes=$(cat "$T/race"/code.* | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')
diag "answers: $codes"
is "$(cat "$T/race"/code.* | grep -c '^303$')" 1 "exactly one of 50 answers is recorded (303)"
is "$(cat "$T/race"/code.* | grep -c '^409$')" 49 "the other 49 get 409"
is "$(cf_feedback "$sid")" 1 "one feedback row"
is "$(ver)" $((v0 + 1)) "the status changed once (version + 1)"
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$sid' AND action LIKE 'answer_%'")" 1 "one audit row"
won=$(sql "SELECT CONCAT(decision, '|', description) FROM feedback WHERE statement_id = $sid")
is "$(cf_status "$sid")" "${won%%|*}" "the status is the recorded answer's"
label=符合
[ "${won%%|*}" = disputed ] && label=不符合
n409=0
for f in "$T/race"/code.*; do
	[ "$(cat "$f")" = 409 ] || continue
	b=$T/race/body.${f##*.}
	grep -q "已答复：<strong>$label</strong>" "$b" && grep -q "${won#*|}" "$b" && n409=$((n409 + 1))
done
is "$n409" 49 "every 409 page shows the recorded answer and its description"

# --- staff 取消确认, then the customer answers again ----------------------------------
"$helper" act "$sid" cancel
is "$?" 0 "staff 取消确认"
is "$(cf_status "$sid")" pending "back to 未确认"
get C "$url"
is "$STATUS" 200 "the link still works"
like "$(body)" 'name="decision" value="agreed"' "the buttons are back"
post C "$url" decision=agreed "description=核对无误" "csrf=$(csrf)"
is "$STATUS" 303 "the customer answers again: 303"
is "$(cf_status "$sid")" agreed "now 符合"
is "$(cf_feedback "$sid")" 2 "two answers on record"

# --- a page made stale by staff -------------------------------------------------------
"$helper" act "$sid" cancel >/dev/null
get C "$url"
t=$(csrf)
like "$(body)" 'name="decision"' "the customer has the form open"
"$helper" act "$sid" dispute
is "$?" 0 "meanwhile staff records 不符合确认"
post C "$url" decision=agreed "description=" "csrf=$t"
is "$STATUS" 409 "the stale form: 409"
like "$(body)" '已答复：<strong>不符合</strong>' "shows the answer staff recorded"
unlike "$(body)" '由测试记录' "but not staff's own note"
is "$(cf_status "$sid")" disputed "staff's answer stands"

# --- 删除 ----------------------------------------------------------------------------
"$helper" act "$sid" delete
is "$?" 0 "staff 删除"
get C "$url"
is "$STATUS" 410 "after 删除 the link answers 410"
unlike "$(body)" '华东五金批发部|测试商贸|3,000\.00|XS-2024' "with nothing of the statement"
post C "$url" decision=agreed "csrf=$t"
is "$STATUS" 410 "a POST too: 410"
is "$(cf_feedback "$sid")" 3 "nothing recorded after 删除 (two customer answers + one staff)"
"$helper" act "$sid" cancel 2>/dev/null
isnt "$?" 0 "and nothing can act on a deleted statement"
done_testing
