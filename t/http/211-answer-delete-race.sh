#!/bin/bash
# §8 check 4: 50 parallel answers (符合 and 不符合) on one link while staff
# delete the same statement, five rounds. Each round ends one of two ways,
# both consistent: the delete came first (no answer recorded, every answer
# 409 or 410), or one answer came first (exactly one recorded, its audit row
# before the delete's, or the delete refused as stale with 409). Never a
# 5xx, never a second answer, never an answer recorded on a deleted
# statement. (t/http/210 has the 50 answers alone.)
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/statements.inc.sh"
. "$here/confirm.inc.sh"
st_need
program_running dz-confirm || skip_all "dz-confirm not running"
helper=$here/confirm-helper
[ -x "$helper" ] || bail "t/http/confirm-helper not built (make check TESTS=)"

st_admin
st_user c "dr$U" clerk "$DZ_TEST_ERP_DSN"
cu=$(st_lenovo)
to=$(date +%Y-%m-%d)
marker=$(wc -l <"$DZ_TEST_ACCESS_LOG")
deleted_first=0 answered_first=0

for round in 1 2 3 4 5; do
	sid=$(st_new c "$cu" "$(date -d "-$((300 + round)) days" +%Y-%m-%d)" "$to") || bail "no statement"
	tok=$("$helper" link "$sid") || bail "no link"
	get C "/c/$tok"
	[ "$STATUS" = 200 ] || bail "the link does not open ($STATUS)"
	ctok=$(csrf)
	get c "/statements/$sid/delete"
	stok=$(csrf)
	v=$(st_version "$sid")
	d=$T/r$round
	mkdir -p "$d"
	# the staff delete first (odd rounds) or in the middle of the answers
	at=25
	[ $((round % 2)) = 1 ] && at=1
	for i in $(seq 50); do
		if [ "$i" = "$at" ]; then
			curl -k -s --max-time 30 -o "$d/del.body" -w '%{http_code}\n' -b "$(jar c)" \
				-H "Origin: $DZ_TEST_BASE" --data-urlencode "csrf=$stok" \
				--data-urlencode "version=$v" --data-urlencode "note=重复" \
				"$DZ_TEST_BASE/statements/$sid/delete" >"$d/del.code" &
		fi
		if [ $((i % 2)) = 0 ]; then a=agreed; else a=disputed; fi
		curl -k -s --max-time 30 -o /dev/null -w '%{http_code}\n' -b "$(jar C)" \
			-H "Origin: $DZ_TEST_BASE" --data-urlencode "decision=$a" \
			--data-urlencode "description=第 $round 轮第 $i 个" --data-urlencode "csrf=$ctok" \
			"$DZ_TEST_BASE/c/$tok" >"$d/code.$i" &
	done
	wait
	codes=$(cat "$d"/code.* | sort | uniq -c | awk '{ printf "%s×%s ", $2, $1 }')
	del=$(cat "$d/del.code")
	fb=$(cf_feedback "$sid")
	gone=$(sql "SELECT deleted_at IS NOT NULL FROM statements WHERE id = $sid")
	diag "round $round: answers $codes; delete $del; answers recorded $fb; deleted $gone"
	n303=$(grep -c '^303$' "$d"/code.* | awk -F: '{ s += $2 } END { print s }')
	nother=$(cat "$d"/code.* | grep -cvE '^(303|409|410)$' || true)
	is "$nother" 0 "round $round: every answer 303, 409 or 410"
	like "$del" '^(303|409)$' "round $round: the delete 303, or 409 when an answer came first"
	ok "round $round: at most one answer recorded, and as many 303s" test "$fb" -le 1 -a "$n303" = "$fb"
	if [ "$gone" = 1 ] && [ "$fb" = 0 ]; then
		deleted_first=$((deleted_first + 1))
		is "$(cf_status "$sid")" pending "round $round: deleted first, the status never moved"
	elif [ "$gone" = 1 ]; then
		answered_first=$((answered_first + 1))
		a=$(sql "SELECT MAX(id) FROM audit_log WHERE object = 'statement:$sid' AND action LIKE 'answer_%'")
		x=$(sql "SELECT MAX(id) FROM audit_log WHERE object = 'statement:$sid' AND action LIKE '%delete%'")
		ok "round $round: answered, then deleted: the answer's audit row ($a) before the delete's ($x)" \
			test -n "$a" -a -n "$x" -a "${a:-0}" -lt "${x:-0}"
	else
		answered_first=$((answered_first + 1))
		is "$del" 409 "round $round: not deleted: the delete was refused as stale"
		is "$fb" 1 "round $round: ... after the one answer"
		like "$(cf_status "$sid")" '^(agreed|disputed)$' "round $round: the status is that answer's"
	fi
	is "$(sql "SELECT COUNT(*) FROM audit_log WHERE object = 'statement:$sid' AND action LIKE 'answer_%'")" "$fb" \
		"round $round: an audit row per recorded answer"
done
diag "the delete came first in $deleted_first rounds, an answer in $answered_first"
n5=$(tail -n +"$((marker + 1))" "$DZ_TEST_ACCESS_LOG" | grep -cE '" 5[0-9][0-9] ' || true)
is "$n5" 0 "no 5xx in the access log"
done_testing
