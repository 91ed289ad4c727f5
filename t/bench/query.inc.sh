# shellcheck shell=bash
# t/bench/query.inc.sh: the setup query.sh and browser-query.sh share,
# sourced after t/lib/http.sh and dz_init. A `bench` ERP database made by
# erpsim-gen (kept in BENCH_DB, default run/bench/erp.db, ~20 s and ~650 MB
# the first time), its own erpsim on 127.0.0.1:$PORT, and a clerk pointed
# at it through 用户管理, signed in as browser "c" (password 123456).
#
#   bq_start          the database, erpsim, the clerk ($clerk); sets DB,
#                     name, cust (the customer with the most documents), W
#   bq_range_all N    the range from cust's first document to the day
#                     before its N-th: at most N documents (the query
#                     page's cap is 10,000); sets from, to, n
#   bq_range_month N  from the first day of the big month to the first day
#                     that brings N documents or more; sets from, to, n
#   bq_url            the query page of cust for from..to, the three types

bq_start() {
	PORT=${BENCH_ERP_PORT:-14356}
	DB=${BENCH_DB:-$ROOT/run/bench/erp.db}
	mkdir -p "$(dirname "$DB")"
	if [ ! -s "$DB" ]; then
		echo "# erpsim-gen --preset bench (about 20 s) -> $DB" >&2
		"$ROOT/t/erpsim/erpsim-gen" --preset bench --seed 1 --out "$DB" >&2
	fi
	"$ROOT/t/erpsim/erpsim" --db "$DB" --port "$PORT" --user sa --password benchpw \
		>"$T/erpsim.log" 2>&1 &
	sim=$!
	trap 'kill $sim 2>/dev/null; rm -rf "$T"' EXIT
	for _ in $(seq 50); do
		(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
		sleep 0.1
	done
	name=$(sqlite3 "$DB" 'SELECT dbname FROM GraspcwZt LIMIT 1')
	W="draft = 2 AND RedOld = 'F' AND VchType IN (11, 45, 4)"
	cust=$(sqlite3 "$DB" "SELECT btypeid FROM Dlyndx WHERE $W GROUP BY btypeid
		ORDER BY COUNT(*) DESC LIMIT 1")
	local pw=Bench-Pass-$U
	mkuser "ba$U" admin "$pw"
	login a "ba$U" "$pw"
	get a /admin/users/new
	clerk=bc$U
	post a /admin/users/new "username=$clerk" erp_kind=grasp role=clerk \
		"dsn=server=127.0.0.1,$PORT; uid=sa; pwd=benchpw; database=$name; encrypt=off" password= \
		status=active "csrf=$(csrf)"
	[ "$STATUS" = 303 ] || { echo "cannot create the clerk ($STATUS)" >&2; exit 1; }
	sql "UPDATE users SET must_change_password = 0 WHERE username = '$clerk'" >/dev/null
	login c "$clerk" 123456
}

bq_count() {
	sqlite3 "$DB" "SELECT COUNT(*) FROM Dlyndx WHERE $W AND btypeid = '$cust'
		AND Date BETWEEN '$from' AND '$to'"
}

bq_range_all() {
	from=$(sqlite3 "$DB" "SELECT MIN(Date) FROM Dlyndx WHERE $W AND btypeid = '$cust'")
	to=$(sqlite3 "$DB" "SELECT Date FROM Dlyndx WHERE $W AND btypeid = '$cust'
		ORDER BY Date LIMIT 1 OFFSET $1")
	to=$(date -d "$to -1 day" +%Y-%m-%d)
	n=$(bq_count)
}

bq_range_month() {
	local month
	month=$(sqlite3 "$DB" "SELECT value FROM erpsim_meta WHERE name = 'big_month'")
	from=$month-01
	to=$(sqlite3 "$DB" "SELECT Date FROM Dlyndx WHERE $W AND btypeid = '$cust'
		AND Date >= '$from' ORDER BY Date LIMIT 1 OFFSET $(($1 - 1))")
	n=$(bq_count)
}

bq_url() {
	echo "$DZ_TEST_BASE/query?customer=$cust&from=$from&to=$to&types=sale&types=return&types=receipt&go=1"
}
