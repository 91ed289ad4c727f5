#!/bin/bash
# Throughput with one app host and with two, side by side: wrk on the
# customer page and on the history page, first through app host 1 alone,
# then through nginx over both. On this machine's 2 cores both runs share
# the same two CPUs with nginx, the store and wrk, so the ratio is bounded
# by the machine, not by the design; the CPU each request cost on the app
# hosts, the store and nginx is printed so that the scaling on separate
# machines can be computed (requests/s per host ≈ 1000 / app-ms-per-request
# per core). Figures, not budgets: only a run without errors is asserted.
here=$(dirname "$0")
. "$here/../lib/http.sh"
. "$here/cluster.inc.sh"
. "$here/../http/confirm.inc.sh"
dur=${DZ_CLUSTER_BENCH_S:-8}
conns=16
hz=$(getconf CLK_TCK)

pw=Good-Pass-$U
mkuser "tp$U" admin "$pw" || bail "cannot create an admin"
login h "tp$U" "$pw"
ck=$(cookie_header h)
sid=$(cf_stmt) || bail "no statement"
tok=$(cf_link "$sid") || bail "no link"
get x "/c/$tok"
is "$STATUS" 200 "the customer page opens"

# run WHAT BASE PATH [COOKIE]: one wrk run; prints "rps app-ms store-ms nginx-ms bad"
run() {
	local base=$2 path=$3 c0 s0 n0 c1 s1 n1 r
	c0=$(cpu_ticks dza1 dza2)
	s0=$(cpu_ticks dzg1 dzg2 dzg3)
	n0=$(cpu_ticks nginx)
	wrk_run "$dur" $conns "$base$path" "${4:-}" >"$T/wrk.$1" 2>&1
	c1=$(cpu_ticks dza1 dza2)
	s1=$(cpu_ticks dzg1 dzg2 dzg3)
	n1=$(cpu_ticks nginx)
	r=$(wrk_reqs "$T/wrk.$1")
	awk -v r="${r:-0}" -v rps="$(wrk_rps "$T/wrk.$1")" -v hz="$hz" -v bad="$(wrk_bad "$T/wrk.$1")" \
		-v a=$((c1 - c0)) -v s=$((s1 - s0)) -v n=$((n1 - n0)) \
		'BEGIN { if (r == 0) r = 1; printf "%d %.3f %.3f %.3f %d\n", rps, a * 1000 / hz / r, s * 1000 / hz / r, n * 1000 / hz / r, bad }'
}
for page in customer history; do
	if [ $page = customer ]; then path=/c/$tok ck1=; else path=/statements ck1=$ck; fi
	read -r r1 a1 s1 n1 b1 < <(run "$page-1" "$DZ_CLUSTER_BASE1" "$path" "$ck1")
	read -r r2 a2 s2 n2 b2 < <(run "$page-2" "$DZ_TEST_BASE" "$path" "$ck1")
	diag "$page page, $conns connections, ${dur} s each: 1 app host $r1 req/s, 2 app hosts $r2 req/s (ratio $(awk -v a="$r1" -v b="$r2" 'BEGIN { printf "%.2f", a ? b / a : 0 }'))"
	diag "   CPU per request, 1 host: app ${a1} ms, store ${s1} ms, nginx ${n1} ms; 2 hosts: app ${a2} ms, store ${s2} ms, nginx ${n2} ms"
	ok "$page page with one host: served without errors ($r1 req/s, $b1 failed)" test "$r1" -gt 0 -a "$b1" = 0
	ok "$page page with two hosts: served without errors ($r2 req/s, $b2 failed)" test "$r2" -gt 0 -a "$b2" = 0
	echo "$page $r1 $r2 $a1 $a2 $s1 $s2 $n1 $n2" >>"$DZ_CLUSTER_RUN/log/throughput.txt"
done
done_testing
