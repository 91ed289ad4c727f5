#!/bin/bash
# §8 check 18, the scanner's half: wapiti with every module (-m all) over
# the site, signed in as a clerk with a statement and its link, so that it
# crawls 往来对账, the history, a statement, its share page and the
# customer's page, and attacks every form and parameter it finds (bounded:
# --max-scan-time, --max-attack-time; a shorter run of the injection
# modules when run against the ASan build). Wanted: no finding above "low" (and
# each low one is listed, with why it stands), no anomaly (wapiti's word
# for a 500 or a timeout), no 5xx in the access log, every program still
# serving. The sign-out form is left out (-x), or the scan would end its
# own session; so is 批量生成's start (/month/new: each of its payloads
# would be a run over the shared account set's every customer, a worker
# each) and 对账日 (scheduled runs of the shared set would follow); their
# forms are attacked by 480 and 550 instead.
# NOTE: Debian 12's wapiti 3.0.4 builds its exclusion patterns with a
# regular expression Python 3.11 refuses ("global flags not at the start",
# any -x crashes it); a sitecustomize in $T gives it a pattern builder of
# our own with the flags in front.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
. "$here/confirm.inc.sh"
st_need
command -v wapiti >/dev/null || bail "wapiti is not installed (deploy/packages-test)"
command -v python3 >/dev/null || bail "python3 is not installed"

# Low findings that are not faults here, and why:
explained() {
	case $1 in
	# the header is deprecated: browsers dropped the XSS auditor, and the
	# site's Content-Security-Policy is what stops scripts (008 asserts it)
	*'X-XSS-Protection is not set'*) return 0 ;;
	esac
	return 1
}

st_admin
st_user c "wp$U" clerk "$DZ_TEST_ERP_DSN"
cu=$(st_lenovo)
from=$(date -d '-300 days' +%Y-%m-%d) to=$(date +%Y-%m-%d)
sid=$(st_new c "$cu" "$from" "$to") || bail "cannot make a statement"
act c "$sid" share >/dev/null
ok "the statement has a link to crawl" test "$(sql "SELECT COUNT(*) FROM share_links WHERE statement_id = $sid AND revoked_at IS NULL")" -ge 1
cookies=$(cookie_header c)

mkdir -p "$T/py"
cat >"$T/py/sitecustomize.py" <<'PY'
import re
try:
    import wapitiCore.net.crawler as crawler
    def translate(pattern):
        body = ''.join('.*' if ch == '*' else re.escape(ch) for ch in pattern)
        return re.compile('(?ms)' + body + r'\Z')
    crawler.wildcard_translate = translate
except Exception:
    pass
PY

# CI: every module, 100 s to crawl and 18 s an attack module (5.5 minutes
# at 120 and 25, once the site had 月结, drift and notices; 8 at 240 and
# 60); DZ_WAPITI_FULL=1 is the reference's longer campaign. deploy/test's
# ASan pass leaves it out; run by hand there, the injection modules,
# briefly.
modules=all scan=100 attack=18
[ -n "${DZ_WAPITI_FULL:-}" ] && scan=240 attack=60
if [ "${DZ_TEST_PASS:-}" = asan ]; then
	modules=sql,blindsql,xss,permanentxss,crlf,exec,file scan=45 attack=15
fi
marker=$(wc -l <"$DZ_TEST_ACCESS_LOG")
t0=$(date +%s)
PYTHONPATH=$T/py timeout 900 wapiti -u "$DZ_TEST_BASE/" --scope folder -m "$modules" \
	-H "Cookie: $cookies" -H "Origin: $DZ_TEST_BASE" -x "$DZ_TEST_BASE/logout" \
	-x "$DZ_TEST_BASE/month/new" -x "$DZ_TEST_BASE/month/days*" \
	--max-scan-time "$scan" --max-attack-time "$attack" -d 4 --flush-session \
	-f json -o "$T/report.json" >"$T/wapiti.log" 2>&1
rc=$?
diag "wapiti -m $modules: exit $rc after $(( $(date +%s) - t0 )) s"
is "$rc" 0 "wapiti ran to its end"
ok "and wrote its report" test -s "$T/report.json"
tail -n +"$((marker + 1))" "$DZ_TEST_ACCESS_LOG" >"$T/access"
diag "the access log: $(wc -l <"$T/access") requests during the scan"
for p in /query /statements "/statements/$sid" "/statements/$sid/share"; do
	ok "it crawled $p" grep -qE "\"(GET|POST) ${p}[? ]" "$T/access"
done

python3 - "$T/report.json" >"$T/findings" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for cat in ('vulnerabilities', 'anomalies'):
    for name, items in d.get(cat, {}).items():
        for x in items:
            info = ' '.join((x.get('info') or '').split())[:200]
            print('%s\t%s\t%s\t%s %s %s\t%s' % (cat, x.get('level', 0), name,
                  x.get('method', ''), x.get('path', ''), x.get('parameter', ''), info))
PY
ok "the report reads" test $? = 0
high=0 unexplained=0
while IFS=$'\t' read -r cat level name where info; do
	diag "$cat: level $level, $name: $where: $info"
	if [ "$cat" = anomalies ] || [ "${level:-0}" -gt 1 ]; then
		high=$((high + 1))
	elif ! explained "$info"; then
		unexplained=$((unexplained + 1))
	fi
done <"$T/findings"
is "$high" 0 "no finding above low, no anomaly"
is "$unexplained" 0 "every low finding is one explained here"
n5=$(grep -cE '" 5[0-9][0-9] ' "$T/access" || true)
is "$n5" 0 "no 5xx in the access log"
ok "every program still serving" sh -c 'for p in dz-login dz-history dz-query dz-users dz-confirm dz-generate dz-month; do [ -S "$DZ_TEST_RUN/sock/$p.sock" ] || exit 1; done'
get c /statements
is "$STATUS" 200 "the clerk's session lived through the scan"
sql "DELETE FROM login_failures WHERE ip IN ('127.0.0.1', '::1')" >/dev/null 2>&1
done_testing
