# t/erpsim/clients/lib.sh: shared by test-tedious.sh and test-jtds.sh (sourced).
# erpsim_setup NAME: makes $tmp, a demo database $db (seed 5, today 2026-11-22),
# the oracle's report for 联想 over October 2026 in $tmp/oracle ($lenovo,
# $from, $to, $line_doc = its first sale), and starts erpsim on $port with
# $user / $password, stopped again on exit. Returns non-zero with a TAP
# "Bail out!" if any step fails.
user=sa
password='Erpsim#2026'

erpsim_setup() {
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/erpsim-$1.XXXXXX") || return 1
	db=$tmp/demo.db
	pid=
	trap 'erpsim_stop' EXIT
	trap 'erpsim_stop; exit 1' INT TERM
	if ! $gen --preset demo --seed 5 --today 2026-11-22 --out "$db" 2>"$tmp/gen.log"; then
		echo "Bail out! erpsim-gen: $(cat "$tmp/gen.log")"
		return 1
	fi
	lenovo=$(sqlite3 "$db" "SELECT value FROM erpsim_meta WHERE name = 'customer_lenovo'")
	from=2026-10-01
	to=2026-10-31
	if ! $oracle --db "$db" --customer "$lenovo" --from $from --to $to >"$tmp/oracle"; then
		echo "Bail out! erpsim-oracle failed"
		return 1
	fi
	line_doc=$(awk -F'\t' '$1 == "doc" && $4 == 11 { print $2; exit }' "$tmp/oracle")
	$erpsim --db "$db" --port "$port" --user "$user" --password "$password" \
	    --log "$tmp/erpsim.log" >"$tmp/erpsim.out" 2>&1 &
	pid=$!
	i=0
	while ! bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
			echo "Bail out! erpsim did not start on port $port: $(cat "$tmp/erpsim.out")"
			return 1
		fi
		sleep 0.1
	done
	return 0
}

erpsim_stop() {
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		pid=
	fi
	[ -n "$tmp" ] && rm -rf "$tmp"
}

# Shows the end of erpsim's own output and query log as TAP comments.
erpsim_log_tail() {
	tail -n 5 "$tmp/erpsim.out" 2>/dev/null | sed 's/^/# erpsim: /'
}
