#!/bin/sh
# A crafted FastCGI record (CVE-2025-23016) is no outage (issue 11, case
# 2). Debian 12's libfcgi has half the fix: the record t/fault/fcgi-crafted
# sends ("halffix") aborts the worker that reads it. For FLOOD_S seconds
# (10) such records go to dz-confirm's and dz-login's sockets, each 0.1 to
# 0.5 s after the one before was read, while a customer's page (/c/<link>)
# and the sign-in page are asked for through nginx all along. Each master
# (lib/super) replaces every worker that dies; the test fails if a master
# died or changed, if a page answered anything but 200/410 during the
# flood, or if it did not answer again within 1 s of its socket's last
# record, and it prints the counts (records, workers restarted, statuses,
# recovery). Should the installed libfcgi survive the record (the full
# fix), the workers are killed with SIGABRT on the same schedule instead,
# so that the restarts are tested all the same.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(dirname "$0")
. "$here/../lib/http.sh"
dz_init
. "$here/../http/confirm.inc.sh"
send=$here/fcgi-crafted
helper=$here/../http/confirm-helper
[ -x "$send" ] || bail "t/fault/fcgi-crafted not built (make check builds it)"
[ -x "$helper" ] || bail "t/http/confirm-helper not built (make check builds it)"
for p in dz-confirm dz-login; do
	program_running "$p" || skip_all "$p not running"
done
FLOOD_S=${FLOOD_S:-10}
sock() { echo "$DZ_TEST_RUN/sock/$1.sock"; }
url() { case $1 in dz-confirm) echo "$DZ_TEST_BASE/c/$link" ;; *) echo "$DZ_TEST_BASE/login" ;; esac; }
# code URL: the status and the time taken, one line
code() { curl -k -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 5 "$1"; }
now() { date +%s.%N; }
restarts() {	# restarts NAME LINE0: workers the master saw die since LINE0
	tail -n +"$(($2 + 1))" "$DZ_TEST_LOGDIR/$1.log" | grep -c 'super: worker [0-9]* killed by signal' || true
}
# full NAME: the master lists DZ_PROCESSES (2) live workers, within 2 s
full() {
	local i
	for i in $(seq 20); do
		[ "$(workers "$1" | wc -l)" -ge "${DZ_PROCESSES:-2}" ] && return 0
		sleep 0.1
	done
	return 1
}

sid=$(cf_stmt) || bail "cannot make a statement"
link=$("$helper" link "$sid") || bail "cannot share"
declare -A m0 lines0
for p in dz-confirm dz-login; do
	is "$(code "$(url $p)" | cut -d' ' -f1)" 200 "$p: its page answers before the flood"
	m0[$p]=$(master $p)
	ok "$p: a master (${m0[$p]}) and 2 workers ($(workers $p | xargs))" \
		test -n "${m0[$p]}" -a "$(workers $p | wc -l)" -ge 2
	lines0[$p]=$(wc -l <"$DZ_TEST_LOGDIR/$p.log")
done

# Does the record kill a worker of this libfcgi? One to dz-confirm.
w0=$(workers dz-confirm | xargs)
"$send" -n 1 "$(sock dz-confirm)" >"$T/control"
for i in $(seq 20); do
	[ "$(restarts dz-confirm "${lines0[dz-confirm]}")" -ge 1 ] && break
	sleep 0.1
done
if [ "$(restarts dz-confirm "${lines0[dz-confirm]}")" -ge 1 ]; then
	how=record
	diag "one record aborted a dz-confirm worker: $(grep -h 'Assertion\|killed by signal' \
		"$DZ_TEST_LOGDIR/dz-confirm.log" | tail -2 | sed 's/^.*\] //' | tr '\n' ' ')"
	full dz-confirm
	ok "the master replaced it ($w0 -> $(workers dz-confirm | xargs))" \
		test "$(workers dz-confirm | wc -l)" -ge 2 -a "$(workers dz-confirm | xargs)" != "$w0"
else
	how=signal
	diag "this libfcgi survives the record (the full fix): workers are killed with SIGABRT instead"
	ok "no worker died of the record" test "$(workers dz-confirm | xargs)" = "$w0"
fi

# abort NAME SECONDS: kill a worker with SIGABRT every 0.1-0.5 s (the
# record's effect, for a libfcgi that has the full fix); prints "last EPOCH"
abort() {
	local end n=0 p
	end=$(echo "$(now) + $2" | bc)
	while [ "$(echo "$(now) < $end" | bc)" = 1 ]; do
		sleep "0.$((RANDOM % 5 + 1))"
		p=$(workers "$1" | head -1)
		[ -n "$p" ] && kill -ABRT "$p" 2>/dev/null && n=$((n + 1))
	done
	echo "sent $n last $(now)"
}

# the flood, and each page asked for all along
rm -f "$T/stop"
for p in dz-confirm dz-login; do
	if [ "$how" = record ]; then
		"$send" -d "$FLOOD_S" -i 100-500 -w 3000 "$(sock $p)" >"$T/flood.$p" &
	else
		abort "$p" "$FLOOD_S" >"$T/flood.$p" &
	fi
	echo $! >"$T/flood.$p.pid"
	(
		while [ ! -e "$T/stop" ]; do
			code "$(url $p)"
			sleep 0.05
		done
	) >"$T/during.$p" &
	echo $! >"$T/during.$p.pid"
done
for p in dz-confirm dz-login; do wait "$(cat "$T/flood.$p.pid")"; done
touch "$T/stop"

# recovery: from each socket's last record to its page's first good answer
declare -A rec
for p in dz-confirm dz-login; do
	last=$(sed -n 's/.* last \([0-9.]*\)$/\1/p' "$T/flood.$p")
	got=
	for i in $(seq 40); do
		r=$(code "$(url $p)")
		t=$(now)
		case ${r%% *} in 200|410) got=$t; break ;; esac
		sleep 0.05
	done
	rec[$p]=$(echo "${got:-$(now) + 99} - ${last:-0}" | bc)
done
for p in dz-confirm dz-login; do wait "$(cat "$T/during.$p.pid")"; done

for p in dz-confirm dz-login; do
	sum=$(tail -1 "$T/flood.$p")
	n=$(restarts $p "${lines0[$p]}")
	st=$(cut -d' ' -f1 "$T/during.$p" | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }')
	slow=$(cut -d' ' -f2 "$T/during.$p" | sort -n | tail -1)
	diag "$p: $how flood $FLOOD_S s: $sum; workers restarted $n; page during it: ${st}(slowest ${slow} s); answered again $(printf '%.3f' "${rec[$p]}") s after the last"
	ok "$p: workers died and were restarted ($n)" test "$n" -ge 3
	ok "$p: its page was asked during the flood ($(wc -l <"$T/during.$p") times)" \
		test "$(wc -l <"$T/during.$p")" -ge 5
	is "$(cut -d' ' -f1 "$T/during.$p" | grep -cvE '^(200|410)$')" 0 \
		"$p: during the flood every answer was 200/410 (the socket never went away)"
	ok "$p: answered again within 1 s of the last record ($(printf '%.3f' "${rec[$p]}") s)" \
		awk -v r="${rec[$p]}" 'BEGIN { exit !(r < 1) }'
	is "$(master $p)" "${m0[$p]}" "$p: the same master, alive"
	full $p
	ok "$p: 2 workers again ($(workers $p | xargs))" test "$(workers $p | wc -l)" -ge 2
done
done_testing
