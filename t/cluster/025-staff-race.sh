#!/bin/bash
# Staff of one account set at work on both hosts at once: 20 statements,
# each given a 收款 at the same moment, half through each host, then each
# shared at the same moment. Different statements never wait for each
# other on one store; on Galera every statement change of a set also
# moves the set's day in report_days (schema 012), so two nodes writing
# at once meet at commit and one is refused (1213). lib/store tries such a
# transaction again: every action is recorded once, none is lost, no 5xx.
here=$(dirname "$0")
. "$here/../lib/http.sh"
. "$here/cluster.inc.sh"
. "$here/../http/statements.inc.sh"
. "$here/../http/confirm.inc.sh"

on 1 st_admin
on 1 st_user g "sr$U" clerk "$DZ_TEST_ERP_DSN"
set_id=$(sql "SELECT account_set_id FROM users WHERE username = 'sr$U'")
cf_set() { echo "$set_id"; }	# the statements in the clerk's set
n=${DZ_CLUSTER_STAFF_N:-20}
for i in $(seq $n); do
	cf_stmt "客户$i" >>"$T/sids" || bail "no statement $i"
done
conflicts() {
	local k s=0 v
	for k in 1 2 3; do
		v=$(wsrep "$k" wsrep_local_cert_failures)
		s=$((s + ${v:-0}))
	done
	echo "$s"
}

# all at once: PATH-of-action per statement, half on each host
race() {	# race WHAT: runs "$1" for each statement in the background
	local i=0 sid
	rm -f "$T/codes"
	while read -r sid; do
		i=$((i + 1))
		cp "$(jar g)" "$(jar "g$i")"
		# (each its own page and headers files: the jobs run at once)
		( BODY=$T/body.$i HDRS=$T/hdrs.$i
		  "$1" $((i % 2 + 1)) "g$i" "$sid"; echo "$sid $STATUS" >>"$T/codes" ) &
	done <"$T/sids"
	wait
}
receive() { on "$1" act "$2" "$3" receive amount=10.00 date=2026-04-01 "note=并发收款 主机$1"; }
share() {
	on "$1" get "$2" "/statements/$3/share"
	on "$1" post "$2" "/statements/$3/share" "csrf=$(csrf)"
}

c0=$(conflicts)
race receive
c1=$(conflicts)
diag "$n 收款 at once over two hosts: $(cut -d' ' -f2 "$T/codes" | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }'); certification conflicts: $((c1 - c0))"
is "$(grep -c ' 303$' "$T/codes")" $n "every 收款 is recorded (303)"
is "$(grep -c ' 5[0-9][0-9]$' "$T/codes" || true)" 0 "... no 5xx"
ids=$(paste -sd, "$T/sids")
for k in 1 2 3; do
	is "$(node_sql "$k" "SELECT COUNT(*) FROM statements WHERE id IN ($ids) AND received = 10.00 AND version = 2")" $n \
		"store node $k: each statement received 10.00 once (version moved once)"
done
is "$(sql "SELECT COUNT(*) FROM audit_log WHERE action = 'receive' AND object IN
	(SELECT CONCAT('statement:', id) FROM statements WHERE id IN ($ids))")" $n "one audit row each"

race share
c2=$(conflicts)
diag "$n 分享 at once over two hosts: $(cut -d' ' -f2 "$T/codes" | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }'); certification conflicts: $((c2 - c1))"
is "$(grep -c ' 303$' "$T/codes")" $n "every link is made (303)"
is "$(sql "SELECT COUNT(*) FROM share_links WHERE statement_id IN ($ids) AND revoked_at IS NULL")" $n \
	"one live link per statement"
is "$(sql "SELECT COUNT(*) FROM report_days r WHERE r.account_set_id = $set_id AND r.day = CURDATE() AND r.shared >= $n")" 1 \
	"the set's day counts every share (report_days)"
done_testing
