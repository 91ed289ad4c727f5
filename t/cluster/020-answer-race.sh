#!/bin/bash
# Exactly once across hosts: 50 answers to one link at the same moment,
# half through app host 1 (store node 1) and half through app host 2
# (store node 2). Each host's row lock stops only its own: the two nodes
# meet at commit, where Galera's certification lets one writer in and
# aborts the other (1213), which lib/store answers by trying again and
# finding the statement answered: 409. Exactly one answer recorded, 49
# refused, no 5xx; the certification failures the store saw are printed.
here=$(dirname "$0")
. "$here/../lib/http.sh"
. "$here/cluster.inc.sh"
. "$here/../http/confirm.inc.sh"

cert_failures() {
	local n s=0 v
	for n in 1 2 3; do
		v=$(wsrep "$n" wsrep_local_cert_failures)
		s=$((s + ${v:-0}))
		v=$(wsrep "$n" wsrep_local_bf_aborts)
		s=$((s + ${v:-0}))
	done
	echo "$s"
}

rounds=${DZ_CLUSTER_RACE_ROUNDS:-3}
total_cf=0
for round in $(seq "$rounds"); do
	sid=$(cf_stmt) || bail "cannot create a statement"
	tok=$(cf_link "$sid") || bail "cannot make a link"
	url=/c/$tok
	on 1 get C1 "$url"
	is "$STATUS" 200 "round $round: the link opens on host 1"
	t1=$(csrf)
	on 2 get C2 "$url"
	is "$STATUS" 200 "round $round: ... and on host 2"
	t2=$(csrf)
	v0=$(sql "SELECT version FROM statements WHERE id = $sid")
	cf0=$(cert_failures)
	rm -rf "$T/race"
	mkdir -p "$T/race"
	for i in $(seq 50); do
		h=$((i % 2 + 1))
		if [ $h = 1 ]; then base=$DZ_CLUSTER_BASE1 t=$t1; else base=$DZ_CLUSTER_BASE2 t=$t2; fi
		if [ $((i % 4)) -lt 2 ]; then d=agreed; else d=disputed; fi
		curl -k -s --max-time 30 -o "$T/race/body.$i" -w '%{http_code}\n' \
			-b "$(jar C$h)" -H "Origin: $base" \
			--data-urlencode "decision=$d" --data-urlencode "description=第 $i 个答复 (主机 $h)" \
			--data-urlencode "csrf=$t" "$base$url" >"$T/race/code.$i" &
	done
	wait
	cf=$(( $(cert_failures) - cf0 ))
	total_cf=$((total_cf + cf))
	codes=$(cat "$T/race"/code.* | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')
	diag "round $round: answers: $codes; certification conflicts on the store: $cf"
	is "$(cat "$T/race"/code.* | grep -c '^303$')" 1 "round $round: exactly one of 50 answers over two hosts is recorded (303)"
	is "$(cat "$T/race"/code.* | grep -c '^409$')" 49 "round $round: the other 49 get 409"
	is "$(cat "$T/race"/code.* | grep -c '^5')" 0 "round $round: no 5xx"
	for n in 1 2 3; do
		is "$(node_sql "$n" "SELECT CONCAT(COUNT(*), '/', (SELECT version FROM statements WHERE id = $sid))
			FROM feedback WHERE statement_id = $sid")" "1/$((v0 + 1))" \
			"round $round: store node $n: one feedback row, the version moved once"
	done
	is "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$sid' AND action LIKE 'answer_%'")" 1 \
		"round $round: one audit row"
	won=$(sql "SELECT decision FROM feedback WHERE statement_id = $sid")
	is "$(cf_status "$sid")" "$won" "round $round: the status is the recorded answer's"
done
diag "certification conflicts over $rounds rounds: $total_cf (each one a transaction Galera refused at commit and lib/store tried again)"
done_testing
