#!/bin/sh
# One dead ERP must not take 往来对账 down for everyone (issue 11, case 1).
# For each way an ERP dies — closed (nothing listens), silent (accepts,
# never answers), hung (answers the login, then nothing), slow (2 s a
# query) — 20 clerks of
# that account set click 往来对账 for 10 s (half a second between clicks)
# while a clerk of another account set, on a healthy ERP, keeps using it.
# Wanted: the other clerk's pages are 200 every time and never wait for the
# dead ERP (their p95 beside the baseline — the same load on a healthy ERP —
# is printed with its budget, 2x); the dead set's clerks get the branded 503
# (never nginx's 504 page), quickly once the breaker is open; no program
# dies; when the ERP is back its pages work again within 5 s. Prints the
# counts. Its own simulators on 127.0.0.1:14360-14364.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-query || skip_all "dz-query not running"
[ -n "${DZ_TEST_ERP_SQLITE:-}" ] || skip_all "no ERP simulator"
. "$(dirname "$0")/../lib/erpsim.sh"
[ -x "$ERPSIM" ] || bail "erpsim not built"
LOAD_S=${DZ_FAULT_LOAD_S:-10}	# seconds of load a mode (20: the longer run)
db=$DZ_TEST_ERP_NAME
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT

pw=Good-Pass-$U
ok "admin" mkuser "fa$U" admin "$pw"
login a "fa$U" "$pw"
ok "a clerk of a healthy account set" mkclerk "fb$U" "$DZ_TEST_ERP_DSN"

# p95 and the statuses of N sequential 往来对账 picker pages of browser B
measure() {	# measure B N OUT
	local i
	: >"$3"
	for i in $(seq "$2"); do
		curl -k -s -o /dev/null -b "$(jar "$1")" -w '%{http_code} %{time_total}\n' \
			--max-time 40 "$DZ_TEST_BASE/query?q=$((i % 3))" >>"$3"
		sleep 0.1
	done
}
p95() { cut -d' ' -f2 "$1" | sort -n | awk '{ v[NR] = $1 } END { i = int(NR * 0.95 + 0.999); print v[i] }'; }
port=14359
for mode in healthy closed silent hung slow; do
	port=$((port + 1))
	case $mode in
	healthy) ok "a healthy simulator on $port" sim "$port" ;;
	closed) ;;	# nothing listens
	silent) ok "a silent simulator on $port" sim "$port" --silent ;;
	hung) ok "a hung simulator on $port" sim "$port" --hang-after-login ;;
	slow) ok "a slow simulator on $port (2 s a query)" sim "$port" --delay-ms 2000 ;;
	esac
	clerk=f$port$U	# one clerk (and account set) per simulator
	ok "a clerk on the $mode ERP" mkclerk "$clerk" \
		"server=127.0.0.1,$port; uid=sa; pwd=simpw; database=$db; encrypt=off"
	w0=$(workers dz-query | sort | xargs)
	# 20 clerks of the dead set, each clicking every half second
	end=$(( $(date +%s) + LOAD_S ))
	lpids=
	for i in $(seq 20); do
		(
			while [ "$(date +%s)" -lt "$end" ]; do
				curl -k -s -b "$(jar "$clerk")" -o "$T/body.$mode.$i" \
					-w '%{http_code} %{time_total}\n' --max-time 40 \
					"$DZ_TEST_BASE/query?q=$i" >>"$T/dead.$mode.$i"
				grep -q 'dz.css' "$T/body.$mode.$i" || echo unbranded >>"$T/dead.$mode.$i"
				sleep 0.5
			done
		) &
		lpids="$lpids $!"
	done
	sleep 2
	measure "fb$U" 60 "$T/other.$mode"
	wait $lpids
	other=$(p95 "$T/other.$mode")
	q=$(cat "$T"/dead.$mode.[0-9]* | grep -v unbranded | cut -d' ' -f2 | sort -n |
		awk '{ v[NR] = $1 } END { printf "median %s p95 %s max %s", v[int(NR / 2) + 1], v[int(NR * 0.95) + 1], v[NR] }')
	diag "$mode: its clerks' pages: $q"
	if [ "$mode" = healthy ]; then
		# the baseline: the other set under the same load on a healthy ERP
		base=$other
		diag "baseline: the other set's p95 ${base}s while 20 clerks of a healthy set click"
		is "$(cat "$T"/dead.$mode.[0-9]* | grep -v unbranded | cut -d' ' -f1 | grep -vc '^200$')" 0 \
			"healthy: its clerks' pages are all 200"
		unsim "$port"
		continue
	fi
	codes=$(cat "$T"/dead.$mode.[0-9]* 2>/dev/null | grep -v unbranded | cut -d' ' -f1 | sort | uniq -c | tr -s ' ' | tr '\n' ',')
	n=$(cat "$T"/dead.$mode.[0-9]* | grep -vc unbranded)
	slow=$(cat "$T"/dead.$mode.[0-9]* | grep -v unbranded | awk '$2 > 1 { n++ } END { print n + 0 }')
	diag "$mode ERP: $n requests of its clerks: $codes $slow took over 1 s; the other set's p95 ${other}s (baseline ${base}s)"
	ok "$mode: the other set's pages all 200" \
		test -z "$(cut -d' ' -f1 "$T/other.$mode" | grep -v '^200$')"
	# The latency budget (p95 within 2x of the baseline) is printed, not
	# asserted: a timed assertion fails on a loaded machine. What is
	# asserted is structural: no page of the other set waited for the dead
	# ERP (its login timeout is 5 s; a page that queued behind one takes
	# at least that), so the slowest stays under half of it.
	ratio=$(awk -v o="$other" -v b="$base" 'BEGIN { printf "%.2f", (b > 0 ? o / b : 0) }')
	diag "$mode: the other set's p95 ${other}s is ${ratio}x the baseline ${base}s (budget: 2x)"
	worst=$(cut -d' ' -f2 "$T/other.$mode" | sort -n | tail -1)
	ok "$mode: no page of the other set waited for the dead ERP (slowest ${worst}s < 2.5 s)" \
		awk -v w="$worst" 'BEGIN { exit !(w < 2.5) }'
	if [ "$mode" = slow ]; then
		# slow, not dead: one clerk at a time is served, the others told
		# at once that its ERP is busy
		is "$(cat "$T"/dead.$mode.[0-9]* | grep -v unbranded | cut -d' ' -f1 | grep -vcE '^(200|503)$')" 0 \
			"$mode: every page of the slow set is a 200 or a 503"
		ok "$mode: and some are served" grep -q '^200 ' "$T"/dead.$mode.[0-9]*
	else
		is "$(cat "$T"/dead.$mode.[0-9]* | grep -v unbranded | cut -d' ' -f1 | grep -vc '^503$')" 0 \
			"$mode: every page of the dead set is a 503"
	fi
	is "$(cat "$T"/dead.$mode.[0-9]* | grep -c unbranded)" 0 \
		"$mode: each one our branded page (no nginx 504)"
	# (a slow ERP's pages take its 2 s when served)
	ok "$mode: most of them fail fast ($slow of $n over 1 s)" test "$slow" -le $((n / 10 + 2))
	# the master would have replaced a worker that died: the same pids
	is "$(workers dz-query | sort | xargs)" "$w0" "$mode: every dz-query worker is alive (none restarted)"

	# the ERP comes back on the same address
	[ "$mode" = closed ] || unsim "$port"
	ok "$mode: a healthy simulator back on $port" sim "$port"
	t0=$(date +%s.%N)
	while :; do
		get "$clerk" /query
		[ "$STATUS" = 200 ] && break
		[ "$(echo "$(date +%s.%N) - $t0 > 15" | bc)" = 1 ] && break
		sleep 0.2
	done
	rec=$(echo "$(date +%s.%N) - $t0" | bc)
	is "$STATUS" 200 "$mode: its clerks are served again"
	ok "$mode: within 5 s of the ERP's return (${rec}s)" \
		awk -v s="$rec" 'BEGIN { exit !(s < 5) }'
	unsim "$port"
done

done_testing
