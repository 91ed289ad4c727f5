#!/bin/bash
# t/bench/history-scale.sh: the history's pages with 1,000,000 statements in
# one account set beside the same pages with 50 (DESIGN §8: within 2×).
# For each size (BENCH_SIZES, default "50 1000000"; "50 10000 100000
# 1000000" shows the way there) the account set bench:scale/<N> is filled
# by t/bench/fill-statements.sh (idempotent: a second run reuses it; the
# first fill of 1 M takes minutes), its clerk hscale<N> signs in, and each
# figure is the median of 9 requests (BENCH_N) (ms, curl's total time over plain
# HTTP to the test stack's nginx), the random choices drawn from the same
# seed at every size:
#   list            GET /statements (the first page, no filter)
#   older           the page the first page's "older" link leads to
#   deep page       about 90 % of the way down the whole set, by cursor
#                   (the 下一页 link there; before schema 010 it was ?page=N)
#   status          status=pending|agreed|disputed
#   customer code   customer=K00NN (one of 50 customers found at every size)
#   customer name   customer=客户NN号 (part of the name)
#   period          from/to: one calendar month
#   created         created_from/created_to: one calendar month
#   customer page   /c/<token>: a link made (POST share) on a random
#                   未确认 statement, its first opening
#   结算概览         /reports as it opens (this year up to today)
#   export CSV      the same number of rows found among N: at 50 the whole
#                   set (50 rows), at N a customer and 6 months of
#                   creation (about 50 rows at 1 M; fewer at 10 k, 100 k):
#                   an export of every statement cannot cost what 50 do,
#                   so this is its cost of finding, not of writing, rows.
# The workers keep drawn pages (lib/keep) while nothing changes, for at
# most Cache.RecheckMs (1 s in the test stack): the same URL is asked
# again only after 1.2 s, so every figure is a page drawn from the store.
# Each size's set is read once before it is measured (steady state: a
# server holds the pages it serves; deploy/lib.sh sizes InnoDB's buffer
# pool for a store of 1 M statements). Not part of make check (the fill
# is too slow).
#   sudo deploy/test start && . run/test/env && t/bench/history-scale.sh
set -euo pipefail
. "$(dirname "$0")/wrk.sh"
. "$here/t/lib/http.sh"
dz_init >/dev/null
SIZES=${BENCH_SIZES:-50 1000000}
N=${BENCH_N:-9}
PASS=Bench-Pass-2026
names=(list page deep status code name period created cpage reports export)
declare -A label=([list]="list" [page]="older (page 2)" [deep]="deep page"
	[status]="status" [code]="customer code" [name]="customer name"
	[period]="period" [created]="created" [cpage]="customer page /c/"
	[reports]="结算概览 /reports" [export]="export CSV ~50 rows")
declare -A ms rows_of

# ms_of PATH: the request's total time in ms (the status must be 200; a
# failure is said and tried once more)
ms_of() {
	local out
	out=$(curl -s -o "$T/page" -w '%{http_code} %{time_total}' -H "Cookie: $ck" "$base$1")
	if [ "${out% *}" != 200 ]; then
		echo "# ${2:-page} answered ${out% *} after ${out#* } s: once more" >&2
		out=$(curl -s -o "$T/page" -w '%{http_code} %{time_total}' -H "Cookie: $ck" "$base$1")
	fi
	[ "${out% *}" = 200 ] || { echo "$0: ${2:-page} answers ${out% *}" >&2; exit 1; }
	awk -v t="${out#* }" 'BEGIN { printf "%.1f", t * 1000 }'
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
month() {	# month K: the K-th calendar month from 2022-01, as "from to"
	local y=$((2022 + $1 / 12)) m=$((1 + $1 % 12))
	printf '%04d-%02d-01 %s' $y $m "$(date -d "$(printf '%04d-%02d-01' $y $m) +1 month -1 day" +%F)"
}
older() {	# older URL: the URL of the page the paging's last link (older) leads to
	curl -s -o "$T/walk" -H "Cookie: $ck" "$base$1"
	sed -n '/class="actions paging"/,/<\/nav>/p' "$T/walk" | grep -o 'href="[^"]*"' |
		tail -1 | sed 's/^href="//; s/"$//; s/&amp;/\&/g'
}

for n in $SIZES; do
	u=hscale$n
	printf '%s\n' "$PASS" | "$DZ_TEST_ADMIN" create-user "$u" --role clerk >/dev/null 2>&1 || true
	t0=$(date +%s)
	set_id=$("$here/t/bench/fill-statements.sh" "bench:scale/$n" "$n" "$u")
	echo "# $n statements in account set $set_id (fill: $(( $(date +%s) - t0 )) s)"
	# Steady state: the set's rows and indexes read once, as a server
	# that has served them holds them (a first touch of each page is a
	# read from the file: with MariaDB's 128 MB pool, too small for the
	# 1.2 GB of 1 M statements, the export measured 2.5x its cost at 50)
	t0=$(date +%s)
	sql "SELECT COUNT(*), SUM(LENGTH(customer_name) + LENGTH(fingerprint)) FROM statements
		FORCE INDEX (PRIMARY) WHERE account_set_id = $set_id" >/dev/null
	for ix in ix_statements_list ix_statements_list_status ix_statements_set_customer_cover \
		ix_statements_report; do
		sql "SELECT COUNT(*) FROM statements FORCE INDEX ($ix) WHERE account_set_id = $set_id
			AND created_at > '1970-01-01'" >/dev/null
	done
	sql "SELECT COUNT(*) FROM statement_months WHERE account_set_id = $set_id;
		SELECT COUNT(*) FROM statement_customers WHERE account_set_id = $set_id" >/dev/null
	echo "# warmed in $(( $(date +%s) - t0 )) s; InnoDB buffer pool $(sql 'SELECT @@innodb_buffer_pool_size DIV 1048576') MB, the store $(sql "SELECT ROUND(SUM(data_length + index_length) / 1048576) FROM information_schema.tables WHERE table_schema = DATABASE()") MB"
	forget b
	login_ready b "$u" "$PASS" || { echo "$0: $u cannot sign in" >&2; exit 1; }
	ck="__Host-dz=$(cookie b __Host-dz)"
	live=$(sql "SELECT COUNT(*) FROM statements WHERE account_set_id = $set_id AND deleted_at IS NULL")
	RANDOM=2026
	declare -A got=()
	for r in $(seq 1 "$N"); do
		start=$(date +%s%N)
		got[list]+=" $(ms_of /statements)"
		got[page]+=" $(ms_of "$(older /statements)")"
		# deep: the page older than the statement 90 % of the way down
		# (give or take 400), as 下一页 there leads: by cursor
		pos=$(( live * 9 / 10 - RANDOM % 400 ))
		[ "$pos" -ge 0 ] || pos=$(( live * 9 / 10 ))
		cur=$(sql "SELECT id FROM statements WHERE account_set_id = $set_id AND deleted_at IS NULL
			ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET $pos")
		got[deep]+=" $(ms_of "/statements?page=$(( pos / 20 + 2 ))&older=$cur")"
		st=$(printf 'pending agreed disputed' | cut -d' ' -f$((1 + RANDOM % 3)))
		got[status]+=" $(ms_of "/statements?status=$st")"
		c=$((2 + RANDOM % 50))
		got[code]+=" $(ms_of "/statements?customer=$(printf 'K%04d' $c)")"
		got[name]+=" $(ms_of "/statements?customer=$(printf '%%E5%%AE%%A2%%E6%%88%%B7%d%%E5%%8F%%B7' $c)")"
		set -- $(month $((RANDOM % 58)))
		got[period]+=" $(ms_of "/statements?from=$1&to=$2")"
		set -- $(month $((RANDOM % 58)))
		got[created]+=" $(ms_of "/statements?created_from=$1&created_to=$2")"
		# the customer page: a new link on a random 未确认 statement
		sid=$(sql "SELECT id FROM statements WHERE account_set_id = $set_id
			AND deleted_at IS NULL AND status = 'pending'
			ORDER BY id LIMIT 1 OFFSET $(( (RANDOM * 32768 + RANDOM) % (live / 3) ))")
		get b "/statements/$sid/share"
		post b "/statements/$sid/share" "csrf=$(csrf)"
		get b "/statements/$sid/share"
		tok=$(grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's/.*\/c\///; s/"$//')
		[ -n "$tok" ] || { echo "$0: no link made on statement $sid" >&2; exit 1; }
		got[cpage]+=" $(ms_of "/c/$tok" "the customer page")"
		got[reports]+=" $(ms_of /reports)"
		if [ "$n" -le 50 ]; then
			q=
		else
			set -- $(month $((RANDOM % 52)))
			q="customer=$(printf 'K%04d' $c)&created_from=$1&created_to=$(date -d "$1 +6 month -1 day" +%F)"
		fi
		got[export]+=" $(ms_of "/statements/export.csv?$q" "the export")"
		rows_of[$n]+=" $(($(wc -l <"$T/page") - 1))"
		# the same URL again only after the workers' kept page expired
		el=$(( ($(date +%s%N) - start) / 1000000 ))
		[ "$el" -ge 1200 ] || sleep "$(awk -v e="$el" 'BEGIN { printf "%.3f", (1200 - e) / 1000 }')"
	done
	for k in "${names[@]}"; do
		ms[$k/$n]=$(median ${got[$k]})
	done
	echo "# export rows at $n: ${rows_of[$n]}"
done

set -- $SIZES
lo=$1
hi=${!#}
printf '%-22s' "ms (median of $N)"
for n in $SIZES; do printf ' %10s' "$n"; done
printf ' %8s  %s\n' "ratio" "budget 2x"
fail=0
for k in "${names[@]}"; do
	printf '%-22s' "${label[$k]}"
	for n in $SIZES; do printf ' %10s' "${ms[$k/$n]}"; done
	v=$(awk -v a="${ms[$k/$lo]}" -v b="${ms[$k/$hi]}" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
	if awk -v r="$v" 'BEGIN { exit !(r <= 2) }'; then verdict=ok; else verdict=OVER; fail=1; fi
	printf ' %7sx  %s\n' "$v" "$verdict"
done
exit $fail
