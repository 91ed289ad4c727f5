#!/bin/bash
# t/bench/login.sh: GET /login beside the bare FastCGI hello-world
# (/bench/hello), both behind the same nginx, in one run. wrk, 1 thread,
# 32 connections, DZ_BENCH_SECONDS (10) each. Prints req/s, p99 and the
# ratio; the budget (DESIGN §8) is >= 50 % of the hello-world. Exit 1 when
# below it.
#   sudo deploy/test start && . run/test/env && t/bench/login.sh
#   sudo deploy/test stop
# DZ_BENCH_BASE picks the listener (default $DZ_TEST_HTTP, plain HTTP, so
# both sides pay the same and TLS does not dominate).
set -euo pipefail
. "$(dirname "$0")/wrk.sh"

echo "wrk -t1 -c$conns -d${secs}s against $base ($(nproc) cores)"
bench hello-world /bench/hello
h_rps=$RPS
bench "GET /login" /login
l_rps=$RPS l_bad=$BAD
ratio "$l_rps" "$h_rps"
ratio=$RATIO
verdict=ok
awk -v r="$ratio" 'BEGIN { exit !(r >= 50) }' || verdict="BELOW BUDGET"
[ "$l_bad" = 0 ] || verdict="$verdict, $l_bad error answers"
echo "ratio: GET /login = $ratio % of the hello-world (budget >= 50 %): $verdict"
[ "$verdict" = ok ]
