#!/bin/bash
# t/bench/recon-upload.sh: 账目核对 through the customer's page with the
# largest ledger lib/sheet takes, a 50,000-row XLSX of close to 5 MB with
# every memo distinct (t/bench/sheet -b: the worst case for memory), issue
# 14's budget beside each figure: the upload's POST (the file read and
# kept; <= 1 s for the read, t/bench/sheet.sh times it alone), the map's
# POST (the file read again, its 50,000 rows matched with the statement's
# and the run stored), and the dz-confirm workers' resident memory: the
# peak (VmHWM) while the file is read and kept, from fresh workers (<= 20
# MB), while it is read again and matched, and VmRSS after.
# Not part of make check. Needs a running stack and a build:
#   sudo deploy/test start; . run/test/env; make t/bench/sheet
#   BENCH_N=3 (uploads)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/t/lib/http.sh"
dz_init
. "$ROOT/t/http/confirm.inc.sh"
N=${BENCH_N:-3}
BUDGET=1
RSS_BUDGET_KB=20480
[ -x "$ROOT/t/bench/sheet" ] || { echo "build first: make t/bench/sheet" >&2; exit 1; }
"$ROOT/t/bench/sheet" -w "$T/big.xlsx" -n 50000 -b >/dev/null
size=$(wc -c <"$T/big.xlsx")

sid=$(cf_stmt) || exit 1
tok=$(cf_link "$sid")
# mem FIELD: each dz-confirm worker's VmHWM or VmRSS in KB
mem() {
	local p
	for p in $(workers dz-confirm); do
		awk -v f="$1:" '$1 == f { printf "%d ", $2 }' "/proc/$p/status"
	done
}
# reset: each worker's peak (VmHWM) starts again from its VmRSS (Linux's
# clear_refs 5), so that each step's own peak is read
reset() {
	local p
	for p in $(workers dz-confirm); do echo 5 >"/proc/$p/clear_refs"; done
}
peak() { mem VmHWM | tr ' ' '\n' | sort -n | tail -1; }
# fresh workers (the master replaces them on HUP): what a worker keeps of
# earlier requests is not counted in the first upload's peak
w0=$(workers dz-confirm | xargs)
kill -HUP "$(master dz-confirm)"
for i in $(seq 50); do
	w1=$(workers dz-confirm | xargs)
	[ -n "$w1" ] && [ "$w1" != "$w0" ] && [ "$(echo "$w1" | wc -w)" = "$(echo "$w0" | wc -w)" ] && break
	sleep 0.1
done
echo "# a ledger of $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.2f", s / 5242880 }') of the 5 MB limit), 50,000 rows"
echo "# dz-confirm workers before: VmRSS $(mem VmRSS)KB, VmHWM $(mem VmHWM)KB"
for i in $(seq "$N"); do
	get P "/c/$tok"
	c=$(csrf)
	reset
	t_up=$(curl -k -s -b "$(jar P)" -c "$(jar P)" -o /dev/null -D "$T/h" -w '%{time_total}' \
		-H "Origin: null" -F "csrf=$c" -F "file=@$T/big.xlsx" "$DZ_TEST_BASE/c/$tok?upload")
	map=$(tr -d '\r' <"$T/h" | grep -i '^location:' | sed -E 's,^[^:]*: *(https?://[^/]*)?,,')
	[ -n "$map" ] || { echo "the upload was refused: $(head -1 "$T/h")" >&2; exit 1; }
	peak >>"$T/peak.up"
	reset
	get P "$map"
	t_run=$(curl -k -s -b "$(jar P)" -c "$(jar P)" -o /dev/null -w '%{http_code} %{time_total}' \
		-H "Origin: null" --data-urlencode "csrf=$(csrf)" --data "h=1&date=0&ref=1&memo=2&amount=3" \
		"$DZ_TEST_BASE$map")
	peak >>"$T/peak.run"
	echo "run $i: upload ${t_up}s (peak $(tail -1 "$T/peak.up") KB); column page, map and match: ${t_run#* }s (status ${t_run%% *}, peak $(tail -1 "$T/peak.run") KB)"
	echo "$t_up" >>"$T/up"
done
rss=$(mem VmRSS)
first_up=$(head -1 "$T/peak.up")
worst_run=$(sort -n "$T/peak.run" | tail -1)
worst_rss=$(printf '%s\n' $rss | sort -n | tail -1)
best=$(sort -n "$T/up" | head -1)
echo "# dz-confirm workers after: VmRSS ${rss}KB"
awk -v t="$best" -v b="$BUDGET" 'BEGIN { printf "upload of a 5 MB XLSX (read and kept): best %.3f s, budget %d s: %.2f of it\n", t, b, t / b }'
awk -v k="$worst_rss" -v b="$RSS_BUDGET_KB" 'BEGIN { printf "worker VmRSS after: %.1f MB, budget %.0f MB: %.2f of it\n", k / 1024, b / 1024, k / b }'
awk -v k="$first_up" -v b="$RSS_BUDGET_KB" 'BEGIN { printf "a fresh worker'"'"'s peak while the upload is read and kept: %.1f MB, budget %.0f MB: %.2f of it\n", k / 1024, b / 1024, k / b }'
awk -v k="$worst_run" -v b="$RSS_BUDGET_KB" 'BEGIN { printf "worker peak while it is read again and matched: %.1f MB (beside the same budget: %.2f)\n", k / 1024, k / b }'
