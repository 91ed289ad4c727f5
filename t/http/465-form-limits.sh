#!/bin/bash
# The form limits say what was too large and what to do (issue 12, hole 6).
# The parser keeps up to DZ_FORM_MAXPAIRS (20,480) fields, room for lib/stmt's
# 20,000 ticked documents, and the choice forms take 512 KB (nginx and
# Form.MaxBody): more than the query screen's 10,000 documents. Asserted:
#  - 4,097 fields (the old limit) are not refused for their number;
#  - DZ_FORM_MAXPAIRS + 1 fields: 400, the site's error page saying in
#    Chinese that the form had too many fields (the limit named) and what
#    to do (a shorter period, or the document types one at a time), never
#    a 400 naming no field; the program logs the refusal;
#  - a body above nginx's client_max_body_size (on the sign-in form, a
#    choice form, the customer's page): 413 as the site's own page (its
#    layout, 提交内容过大 and what to do), not nginx's; so are a request
#    line (414) and a header (nginx's 494) above its header buffers;
#  - nothing is stored by any of these.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
. "$here/confirm.inc.sh"
st_need

st_admin
st_user c "flc$U" clerk "$DZ_TEST_ERP_DSN"
from=$(date -d '-30 days' +%Y-%m-%d) to=$(date +%Y-%m-%d)
get c /statements
tok=$(csrf)
ok "the clerk's csrf token" test -n "$tok"
stmts0=$(sql "SELECT COUNT(*) FROM statements")
log=$DZ_TEST_LOGDIR/dz-generate.log
log0=$(wc -l <"$log")

# body N: a 预览 form with N fields in all (N - 5 doc= ticks)
body() {
	local n=$1
	printf 'csrf=%s&customer=00001&from=%s&to=%s&types=sale' "$tok" "$from" "$to"
	seq 1 $((n - 5)) | sed 's/^/\&doc=/' | tr -d '\n'
}
# shellcheck disable=SC2317 # called through ok
site_page() {
	grep -q '<link rel="stylesheet" href="/static/css/dz.css">' "$BODY" &&
		grep -q '对账助手</title>' "$BODY" && ! grep -q '<center>nginx' "$BODY"
}
detail() { tr -d '\n' <"$BODY" | grep -o '<section class="card error[^"]*">.*</section>' | sed 's/<[^>]*>/ /g; s/  */ /g'; }

body 4097 >"$T/f4097"
req c POST /statements/preview --data-binary @"$T/f4097" -H "Origin: $DZ_TEST_BASE" \
	-H 'Content-Type: application/x-www-form-urlencoded'
unlike "$(detail)" '字段太多' "4,097 fields: not refused for their number ($STATUS)"

body 20481 >"$T/f20481"
ok "(the flood is $(wc -c <"$T/f20481") bytes: under the 512 KB the form may send)" \
	test "$(wc -c <"$T/f20481")" -lt 524288
req c POST /statements/preview --data-binary @"$T/f20481" -H "Origin: $DZ_TEST_BASE" \
	-H 'Content-Type: application/x-www-form-urlencoded'
is "$STATUS" 400 "20,481 fields: 400"
ok "... the site's page" site_page
like "$(detail)" '表单字段太多（超过 20480 个）' "... says the form had too many fields, and the limit"
like "$(detail)" '缩短日期范围' "... and what to do"
like "$(tail -n +"$((log0 + 1))" "$log")" 'refused a form of more than 20480 fields' "dz-generate logged the refusal"

# bodies above nginx's limits: its 413, as the site's page
printf 'x=%200000s' '' | tr ' ' x >"$T/b200k"
printf 'x=%600000s' '' | tr ' ' x >"$T/b600k"
get p /login
check413() {
	is "$STATUS" 413 "$1: 413"
	ok "$1: the site's page, not nginx's" site_page
	like "$(detail)" '提交内容过大.*缩短日期范围' "$1: says the form was too large and what to do"
}
req p POST /login --data-binary @"$T/b200k" -H "Origin: $DZ_TEST_BASE"
check413 "200 KB to the sign-in form"
req c POST /statements/new --data-binary @"$T/b600k" -H "Origin: $DZ_TEST_BASE"
check413 "600 KB to 生成对账单"
# a request line above nginx's header buffers (HTTP/1.1: over HTTP/2 nginx
# closes the connection), and a header above them
printf 'url = "%s/statements?customer=%s"\n' "$DZ_TEST_BASE" "$(printf '%20000s' '' | tr ' ' x)" >"$T/url20k"
STATUS=$(curl -k -s --http1.1 -K "$T/url20k" -o "$BODY" -D "$HDRS" -w '%{http_code}')
is "$STATUS" 414 "a 20,000-byte request line: 414"
ok "... the site's page, not nginx's" site_page
req c GET /statements --http1.1 -H "X-Big: $(printf '%20000s' '' | tr ' ' y)"
like "$STATUS" '^4' "a 20,000-byte header: $STATUS"
ok "... the site's page, not nginx's" site_page
sid=$(cf_stmt "") || bail "no statement for a link"
ctok=$(cf_link "$sid") || bail "no link"
req k POST "/c/$ctok" --data-binary @"$T/b200k" -H "Origin: $DZ_TEST_BASE"
check413 "200 KB to the customer's page"
is "$(sql "SELECT COUNT(*) FROM statements")" "$((stmts0 + 1))" "no statement made (but the link's own)"
is "$(cf_feedback "$sid")" 0 "no answer recorded"
done_testing
