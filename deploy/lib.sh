# shellcheck shell=bash
# Shared by deploy/demo and deploy/test (sourced, bash). Sets up a whole
# duizhang stack in one run folder $RUN: build, private MariaDB, config and
# key, the ERP simulator, the screen programs under spawn-fcgi, nginx.
#
# The caller sets: ROOT (repository), RUN, HTTP_PORT, TLS_PORT, ERP_PORT,
# MODE (demo|test). Everything listens on 127.0.0.1 or on unix sockets.

PROG_USER=${DZ_PROG_USER:-duizhang}	# the programs run as this user
WEB_GROUP=${DZ_WEB_GROUP:-www-data}	# nginx's workers; owns the sockets
PROGRAMS=$(grep -v '^#' "$ROOT/deploy/programs" | tr '\n' ' ')	# in the order of their ports
PREFIX=$RUN/prefix
ETC=$RUN/etc/duizhang
CONF=$ETC/duizhang.conf
LIBEXEC=$PREFIX/libexec/duizhang
# MariaDB's socket, in a folder only root and the programs' group enter
DBSOCK=$RUN/dbsock/db.sock

say() { printf '== %s\n' "$*" >&2; }
die() { printf '%s: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# pid_alive FILE: the first pid in FILE is a running process
pid_alive() {
	local p
	[ -s "$1" ] || return 1
	read -r p <"$1" || return 1
	[ -n "$p" ] && kill -0 "$p" 2>/dev/null
}

# stop_pids FILE: TERM every pid listed in FILE, wait up to 10 s, then KILL
stop_pids() {
	local f=$1 p pids i
	[ -s "$f" ] || { rm -f "$f"; return 0; }
	pids=$(cat "$f")
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	for i in $(seq 100); do
		local alive=
		for p in $pids; do kill -0 "$p" 2>/dev/null && alive=1; done
		[ -z "$alive" ] && break
		sleep 0.1
	done
	for p in $pids; do kill -9 "$p" 2>/dev/null || true; done
	rm -f "$f"
}

# stop_group FILE: stop_pids, then KILL whatever is left in the process
# group of each pid (spawn-fcgi makes each one a session leader): a
# master's workers (lib/super) that outlived it.
stop_group() {
	local f=$1 p pids
	[ -s "$f" ] || { rm -f "$f"; return 0; }
	pids=$(cat "$f")
	stop_pids "$f"
	for p in $pids; do kill -9 -- "-$p" 2>/dev/null || true; done
}

# --- packages ------------------------------------------------------------
install_packages() {	# install_packages LISTFILE...
	local missing=() pkg cmd
	while read -r pkg cmd; do
		case $pkg in ''|'#'*) continue ;; esac
		[ -n "$cmd" ] && command -v "$cmd" >/dev/null 2>&1 && continue
		dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$pkg")
	done < <(cat "$@")
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ -n "${DZ_NO_APT:-}" ]; then
		say "missing packages (DZ_NO_APT set, not installing): ${missing[*]}"
		return 0
	fi
	say "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
}

ensure_user() {
	getent group "$WEB_GROUP" >/dev/null || groupadd --system "$WEB_GROUP"
	if ! getent passwd "$PROG_USER" >/dev/null; then
		say "creating system user $PROG_USER"
		useradd --system --user-group --home-dir /nonexistent --no-create-home \
			--shell /usr/sbin/nologin "$PROG_USER"
	fi
}

# --- build ---------------------------------------------------------------
build() {
	cd "$ROOT" || die "no $ROOT"
	if [ ! -x configure ] || [ configure.ac -nt configure ]; then
		say "autoreconf"
		autoreconf -fi >"$RUN/log/autoreconf.log" 2>&1 || { cat "$RUN/log/autoreconf.log" >&2; die "autoreconf failed"; }
	fi
	local want="--prefix=$PREFIX --sysconfdir=$RUN/etc --localstatedir=$RUN/var" cur
	# No config.status yet in a fresh clone: that is "not configured".
	cur=" $( (./config.status --config 2>/dev/null || true) | tr -d "'") "
	if [ ! -f Makefile ] || [[ $cur != *" --prefix=$PREFIX "* ]] || [[ $cur != *" --sysconfdir=$RUN/etc "* ]]; then
		say "configure $want"
		# shellcheck disable=SC2086
		./configure -q $want >"$RUN/log/configure.log" 2>&1 || { tail -20 "$RUN/log/configure.log" >&2; die "configure failed"; }
	fi
	say "make"
	make -j"$(nproc)" >"$RUN/log/make.log" 2>&1 || { tail -40 "$RUN/log/make.log" >&2; die "make failed"; }
	make install >"$RUN/log/make-install.log" 2>&1 || { tail -20 "$RUN/log/make-install.log" >&2; die "make install failed"; }
	# The ERP simulator and the hello-world are not installed; build them if
	# the Makefile knows them (they may be check programs).
	make -j"$(nproc)" t/erpsim/erpsim t/erpsim/erpsim-gen >>"$RUN/log/make.log" 2>&1 || true
	make t/bench/hello >>"$RUN/log/make.log" 2>&1 || true
}

# The programs built a second time with AddressSanitizer and UBSan, from
# the same sources (tracked and new files) copied to $RUN/asan/src, into
# $RUN/asan/prefix; deploy/test runs the http tests against them. Warnings
# are the normal build's to fail on (GCC 12 warns falsely under UBSan).
build_asan() {
	local src=$RUN/asan/src
	rm -rf "$RUN/asan"
	mkdir -p "$src" "$RUN/asan/log"
	(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard) |
		(cd "$ROOT" && xargs -0 cp --parents -t "$src" 2>/dev/null) || true
	[ -f "$src/configure.ac" ] || { say "cannot copy the sources (not a git checkout?)"; return 1; }
	cd "$src" || return 1
	autoreconf -fi >"$RUN/asan/log/autoreconf.log" 2>&1 &&
		./configure -q --prefix="$RUN/asan/prefix" --sysconfdir="$RUN/etc" \
			CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -Wno-error" \
			LDFLAGS="-fsanitize=address,undefined" >"$RUN/asan/log/configure.log" 2>&1 &&
		make -j"$(nproc)" >"$RUN/asan/log/make.log" 2>&1 &&
		make install >"$RUN/asan/log/make-install.log" 2>&1
	local rc=$?
	cd "$ROOT" || return 1
	chown "$PROG_USER":"$PROG_USER" "$RUN/asan/log"
	return $rc
}

# --- MariaDB (private, unix socket only) -----------------------------------
db_cmd() { mariadb --no-defaults -S "$DBSOCK" -uroot "$@"; }

# Only the OS root signs in as MariaDB's root (unix_socket); the programs
# use their own account and password. Nobody else reaches the socket or
# reads the data folder.
db_start() {
	if [ ! -d "$RUN/db/mysql" ]; then
		say "mariadb-install-db"
		mkdir -p "$RUN/db"
		mariadb-install-db --no-defaults --datadir="$RUN/db" --user=root \
			--auth-root-authentication-method=socket --skip-test-db \
			>"$RUN/log/db-install.log" 2>&1 || { cat "$RUN/log/db-install.log" >&2; die "mariadb-install-db failed"; }
	fi
	chmod 0700 "$RUN/db"
	mkdir -p "$RUN/dbsock"
	chown root:"$PROG_USER" "$RUN/dbsock"
	chmod 0750 "$RUN/dbsock"
	if pid_alive "$RUN/db.pid"; then
		# started by an older layout, on another socket: start it afresh
		[ -S "$DBSOCK" ] && { db_lock_root; return 0; }
		db_stop
	fi
	rm -f "$RUN/db.pid" "$DBSOCK"
	# InnoDB's buffer pool holds a store of 1,000,000 statements (1.2 GB
	# with its indexes, t/bench/history-scale.sh): a quarter of the
	# memory, at most 2 GB, at least MariaDB's 128 MB. It grows as pages
	# are read; with the default 128 MB the million-row pages measured
	# page reads, not their queries (the export 2.5x its cost at 50).
	local mem_kb pool_mb
	mem_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo 2>/dev/null || echo 0)
	pool_mb=$(( ${mem_kb:-0} / 4 / 1024 ))
	[ "$pool_mb" -le 2048 ] || pool_mb=2048
	[ "$pool_mb" -ge 128 ] || pool_mb=128
	say "starting MariaDB on $DBSOCK (buffer pool ${pool_mb} MB)"
	mariadbd --no-defaults --datadir="$RUN/db" --socket="$DBSOCK" --skip-networking \
		--innodb-buffer-pool-size="${pool_mb}M" \
		--user=root --pid-file="$RUN/db.pid" --log-error="$RUN/log/db.err" \
		</dev/null >/dev/null 2>&1 &
	local i
	for i in $(seq 300); do
		db_cmd -e 'select 1' >/dev/null 2>&1 && { db_lock_root; return 0; }
		sleep 0.1
	done
	tail -20 "$RUN/log/db.err" >&2
	die "MariaDB did not start"
}

# A data folder made before (root without a password, root at other
# hosts): root by unix_socket only, and no other root or anonymous account.
db_lock_root() {
	db_cmd -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket" ||
		die "cannot set root's authentication to unix_socket"
	db_cmd -N -B -e "SELECT CONCAT('DROP USER ', QUOTE(user), '@', QUOTE(host), ';')
		FROM mysql.user WHERE (user = 'root' AND host <> 'localhost') OR user = ''" |
		db_cmd || die "cannot drop the other root accounts"
	chmod 0700 "$RUN/db"
}

db_stop() {
	pid_alive "$RUN/db.pid" || { rm -f "$RUN/db.pid"; return 0; }
	say "stopping MariaDB"
	local p i
	read -r p <"$RUN/db.pid"
	kill "$p" 2>/dev/null || true
	for i in $(seq 300); do
		kill -0 "$p" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$p" 2>/dev/null || true
	rm -f "$RUN/db.pid"
}

# conf_get KEY: a value from the HDF config (KEY = value lines)
conf_get() {
	[ -f "$CONF" ] || return 0
	sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$CONF" | head -1
}

# The database, its account, the config file and the key.
app_setup() {
	local pw
	pw=$(conf_get DB.Password)
	[ -n "$pw" ] || pw=$(openssl rand -hex 16)
	say "database duizhang and its account"
	db_cmd <<-SQL || die "cannot create the database"
		CREATE DATABASE IF NOT EXISTS duizhang CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS 'duizhang'@'localhost' IDENTIFIED BY '$pw';
		ALTER USER 'duizhang'@'localhost' IDENTIFIED BY '$pw';
		GRANT ALL ON duizhang.* TO 'duizhang'@'localhost';
	SQL
	mkdir -p "$ETC"
	chown root:"$PROG_USER" "$ETC"
	chmod 0750 "$ETC"
	local tmp=$CONF.tmp zone=Asia/Shanghai
	# The tests work out their expected dates with date(1), in the host's
	# zone: the programs take the host's too (an empty Time.Zone).
	[ "$MODE" = test ] && zone=
	# t/fault/queue.sh waits for a request to go stale: sooner in tests
	local queue_s=25
	[ "$MODE" = test ] && queue_s=12
	# t/fault/erp-dead.sh wants a returned ERP served within 5 s: an open
	# breaker may have just been renewed by a failed probe, so in tests it
	# opens for 3 s and the page has 2 s to spare on a loaded machine
	local break_s=4
	[ "$MODE" = test ] && break_s=3
	# Notices sent out (dz-admin notify): the tests' receivers listen on
	# 127.0.0.1 with the ERP simulator's certificate (erp_certs), so the
	# test stack, and only it, takes that host and that CA (lib/notify.h).
	local notify_test=
	[ "$MODE" = test ] &&
		notify_test=$(printf 'Notify.TestHost = 127.0.0.1\nNotify.CAFile = %s' "$RUN/erp/ca.pem")
	(umask 027; cat >"$tmp") <<-EOF
		# duizhang configuration (HDF), written by deploy/$MODE.
		DB.Socket = $DBSOCK
		DB.Name = duizhang
		DB.User = duizhang
		DB.Password = $pw
		DB.ConnectTimeout = 3
		DB.ReadTimeout = 10
		DB.WriteTimeout = 10
		Paths.Data = $PREFIX/share/duizhang
		Paths.KeyFile = $ETC/key/master.key
		Session.IdleMinutes = 30
		Session.AbsoluteHours = 12
		Form.MaxBody = 524288
		ERP.LoginTimeout = 5
		ERP.QueryTimeout = 15
		ERP.StateDir = $RUN/state/erp
		ERP.MaxPerTarget = 1
		ERP.BreakSeconds = $break_s
		App.QueueSeconds = $queue_s
		App.PublicBase = https://127.0.0.1:$TLS_PORT
		Share.ExpiryDays = 30
		Time.Zone = $zone
		Cache.ChangeFile = $RUN/state/changes
		Cache.RecheckMs = 1000
		Notify.TimeoutSeconds = 5
		$notify_test
		Log.Level = info
	EOF
	chown root:"$PROG_USER" "$tmp"
	chmod 0640 "$tmp"
	mv -f "$tmp" "$CONF"
	# The programs' shared change counter (lib/changes).
	mkdir -p "$RUN/state"
	chown "$PROG_USER":"$PROG_USER" "$RUN/state"
	chmod 0750 "$RUN/state"
	touch "$RUN/state/changes"
	chown "$PROG_USER":"$PROG_USER" "$RUN/state/changes"
	chmod 0660 "$RUN/state/changes"
	# The ERP guard's breaker and slot files (lib/erp_guard).
	mkdir -p "$RUN/state/erp"
	chown "$PROG_USER":"$PROG_USER" "$RUN/state/erp"
	chmod 0700 "$RUN/state/erp"
	install -m 0644 "$ROOT/conf/freetds.conf" "$ETC/freetds.conf"

	if [ -x "$PREFIX/sbin/dz-admin" ]; then
		say "dz-admin init-key, migrate"
		# The key alone in a folder only the programs' user may enter.
		install -d -m 0700 -o "$PROG_USER" -g "$PROG_USER" "$ETC/key"
		# A run folder from before the key had its folder keeps its key.
		[ -f "$ETC/master.key" ] && [ ! -e "$ETC/key/master.key" ] &&
			mv "$ETC/master.key" "$ETC/key/master.key"
		DZ_CONF=$CONF "$PREFIX/sbin/dz-admin" init-key || die "dz-admin init-key failed"
		chown "$PROG_USER":"$PROG_USER" "$ETC/key/master.key"
		chmod 0400 "$ETC/key/master.key"
		DZ_CONF=$CONF "$PREFIX/sbin/dz-admin" migrate || die "dz-admin migrate failed"
	else
		say "WARNING: $PREFIX/sbin/dz-admin not built: no key, no schema"
	fi
}

# --- the ERP simulator (only if built) --------------------------------------
ERPSIM=$ROOT/t/erpsim/erpsim
ERPGEN=$ROOT/t/erpsim/erpsim-gen

erp_start() {
	if [ ! -x "$ERPSIM" ] || [ ! -x "$ERPGEN" ]; then
		say "ERP simulator not built: not started"
		return 0
	fi
	mkdir -p "$RUN/erp"
	[ -s "$RUN/erp/password" ] || (umask 077; openssl rand -hex 12 >"$RUN/erp/password")
	if [ ! -s "$RUN/erp/demo.db" ]; then
		say "erpsim-gen --preset demo --seed 1"
		"$ERPGEN" --preset demo --seed 1 --out "$RUN/erp/demo.db" >"$RUN/log/erpsim-gen.log" 2>&1 ||
			{ cat "$RUN/log/erpsim-gen.log" >&2; rm -f "$RUN/erp/demo.db"; say "WARNING: erpsim-gen failed"; return 0; }
	fi
	erp_certs
	chown -R "$PROG_USER":"$PROG_USER" "$RUN/erp"
	touch "$RUN/log/erpsim-queries.log"	# written by the simulator itself
	chown "$PROG_USER":"$PROG_USER" "$RUN/log/erpsim-queries.log"
	if pid_alive "$RUN/pid/erpsim.pid"; then
		stop_pids "$RUN/pid/erpsim.pid"
	fi
	say "starting the ERP simulator on 127.0.0.1:$ERP_PORT"
	setsid runuser -u "$PROG_USER" -- "$ERPSIM" --db "$RUN/erp/demo.db" --port "$ERP_PORT" \
		--user sa --password "$(cat "$RUN/erp/password")" --log "$RUN/log/erpsim-queries.log" \
		--tls-cert "$RUN/erp/sim.pem" --tls-key "$RUN/erp/sim.key" \
		</dev/null >>"$RUN/log/erpsim.log" 2>&1 &
	echo $! >"$RUN/pid/erpsim.pid"
	local i
	for i in $(seq 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$ERP_PORT") 2>/dev/null && return 0
		pid_alive "$RUN/pid/erpsim.pid" || break
		sleep 0.1
	done
	tail -5 "$RUN/log/erpsim.log" >&2
	say "WARNING: the ERP simulator did not start"
	stop_pids "$RUN/pid/erpsim.pid"
}

erp_stop() { stop_pids "$RUN/pid/erpsim.pid"; }

# erp_certs: the simulator encrypts as SQL Server does, with a certificate
# for 127.0.0.1 from a CA of the run folder's own: erp/ca.pem is what a
# data address names (ca=), erp/sim.pem and sim.key the simulator's. Made
# once; erp/other-ca.pem is a CA that did not sign it (for the tests).
erp_certs() {	# erp_certs [IP]: the simulator's address in its certificate (127.0.0.1)
	local d=$RUN/erp ip=${1:-127.0.0.1}
	[ -s "$d/sim.pem" ] && [ -s "$d/ca.pem" ] && return 0
	(
		umask 077
		openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=duizhang ERP simulator CA" \
			-keyout "$d/ca.key" -out "$d/ca.pem" 2>/dev/null &&
		openssl req -newkey rsa:2048 -nodes -sha256 -subj "/CN=$ip" \
			-keyout "$d/sim.key" -out "$d/sim.csr" 2>/dev/null &&
		printf 'subjectAltName=IP:%s,DNS:localhost\nextendedKeyUsage=serverAuth\n' "$ip" >"$d/sim.ext" &&
		openssl x509 -req -in "$d/sim.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
			-days 3650 -sha256 -extfile "$d/sim.ext" -out "$d/sim.pem" 2>/dev/null &&
		openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -subj "/CN=another CA" \
			-keyout "$d/other-ca.key" -out "$d/other-ca.pem" 2>/dev/null
	) || die "cannot make the ERP simulator's certificate (openssl)"
	rm -f "$d/sim.csr" "$d/sim.ext" "$d/ca.key" "$d/other-ca.key" "$d/ca.srl"
	chmod 0644 "$d/ca.pem" "$d/other-ca.pem" "$d/sim.pem"
}

# --- the screen programs ----------------------------------------------------
# spawn NAME PROGRAM: PROGRAM under spawn-fcgi on sock/NAME.sock, started
# once: it is the master of DZ_PROCESSES (2) workers and restarts any that
# dies (lib/super). pid/NAME.pid holds the master's pid (spawn-fcgi writes
# it, as root: what stop signals); the master lists its workers' pids in
# pid/workers/NAME.pid. spawn-fcgi points a forked child's stdout and
# stderr at /dev/null, so a small sh wrapper sends the program's stderr
# (its log) to log/NAME.log.
spawn() {
	local name=$1 bin=$2 log=$RUN/log/$1.log where ns=()
	stop_group "$RUN/pid/$name.pid"
	rm -f "$RUN/sock/$name.sock" "$RUN/pid/workers/$name.pid"
	touch "$log"
	chown "$PROG_USER":"$PROG_USER" "$log"
	chmod 0640 "$log"
	where=(-s "$RUN/sock/$name.sock" -M 0660 -U "$PROG_USER" -G "$WEB_GROUP")
	if [ -n "${FCGI_ADDR:-}" ]; then
		# an app host of deploy/cluster: TCP on its namespace's address,
		# only nginx's address let in (libfcgi's FCGI_WEB_SERVER_ADDRS)
		where=(-a "$FCGI_ADDR" -p "$(fcgi_port "$name")")
		ns=(ip netns exec "$NETNS")
	fi
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DZ_CONF="$CONF" \
		FREETDSCONF="$ETC/freetds.conf" DZ_PROCESSES="${DZ_PROCESSES:-2}" \
		DZ_WORKERS_FILE="$RUN/pid/workers/$name.pid" ${SPAWN_ENV[@]+"${SPAWN_ENV[@]}"} \
		${FCGI_FROM:+FCGI_WEB_SERVER_ADDRS=$FCGI_FROM} \
		${ns[@]+"${ns[@]}"} spawn-fcgi "${where[@]}" \
		-u "$PROG_USER" -g "$PROG_USER" -F 1 -P "$RUN/pid/$name.pid" \
		-- /bin/sh -c 'exec "$0" 2>>"$1"' "$bin" "$log" \
		</dev/null >>"$RUN/log/spawn-fcgi.log" 2>&1 || die "spawn-fcgi $name failed (see $RUN/log/spawn-fcgi.log)"
	wait_workers "$name"
}

# fcgi_port NAME: the TCP port of program NAME on an app host: the n-th
# of PROGRAMS (deploy/programs) listens on FCGI_PORT_BASE + n
fcgi_port() {
	local p n=0
	for p in $PROGRAMS; do
		[ "$p" = "$1" ] && { echo $((${FCGI_PORT_BASE:-9000} + n)); return 0; }
		n=$((n + 1))
	done
	die "no port for $1"
}

# wait_workers NAME: up to 5 s for the master to list all its workers
wait_workers() {
	local f=$RUN/pid/workers/$1.pid i
	for i in $(seq 50); do
		[ -s "$f" ] && [ "$(wc -l <"$f")" -ge "${DZ_PROCESSES:-2}" ] && return 0
		sleep 0.1
	done
	say "WARNING: $1 did not list ${DZ_PROCESSES:-2} workers in $f"
}

# spawn_plain NAME PROGRAM: a program without a master (t/bench/hello),
# 2 processes of spawn-fcgi's own.
spawn_plain() {
	local name=$1 bin=$2
	stop_group "$RUN/pid/$name.pid"
	rm -f "$RUN/sock/$name.sock"
	env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
		spawn-fcgi -s "$RUN/sock/$name.sock" -M 0660 -U "$PROG_USER" -G "$WEB_GROUP" \
		-u "$PROG_USER" -g "$PROG_USER" -F 2 -P "$RUN/pid/$name.pid" -- "$bin" \
		</dev/null >>"$RUN/log/spawn-fcgi.log" 2>&1 || die "spawn-fcgi $name failed (see $RUN/log/spawn-fcgi.log)"
}

programs_start() {
	local p n=0
	mkdir -p "$RUN/pid/workers"
	chown "$PROG_USER":"$PROG_USER" "$RUN/pid/workers"
	chmod 0755 "$RUN/pid/workers"
	for p in $PROGRAMS; do
		if [ -x "$LIBEXEC/$p" ]; then
			spawn "$p" "$LIBEXEC/$p"
			n=$((n + 1))
		else
			stop_group "$RUN/pid/$p.pid"
		fi
	done
	say "$n screen program(s) started"
	if [ "$MODE" = test ] && [ -x "$ROOT/t/bench/hello" ]; then
		install -m 0755 "$ROOT/t/bench/hello" "$RUN/bin/hello"
		spawn_plain hello "$RUN/bin/hello"
	fi
}

programs_stop() {
	local p
	for p in $PROGRAMS hello; do stop_group "$RUN/pid/$p.pid"; done
}

# --- TLS certificate and nginx ------------------------------------------------
make_cert() {
	[ -s "$RUN/tls/cert.pem" ] && [ -s "$RUN/tls/key.pem" ] && return 0
	say "self-signed certificate"
	mkdir -p "$RUN/tls"
	chmod 0700 "$RUN/tls"
	openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=127.0.0.1" \
		-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
		-keyout "$RUN/tls/key.pem" -out "$RUN/tls/cert.pem" >/dev/null 2>&1 || die "openssl req failed"
}

nginx_start() {
	local extra=() exempt=() limits=()
	mkdir -p "$RUN/nginx/tmp"
	if [ "$MODE" = test ]; then
		printf '%s\n' \
			'# t/bench: the bare FastCGI hello-world, the ceiling the benchmarks compare to' \
			'location = /bench/hello {' \
			"	fastcgi_pass unix:$RUN/sock/hello.sock;" \
			'}' >"$RUN/nginx/extra.conf"
		extra=(--extra "$RUN/nginx/extra.conf")
		# The tests sign in often from loopback addresses; 127.0.1.0/24 keeps
		# the limits so a test can prove them: the production ones, but the
		# /c/ limit per address made small (60 a minute, burst 20, above one
		# link's 30 and 10) so one address is stopped in a few dozen requests.
		exempt=(--limit-exempt 127.0.0.0/8 --limit-exempt "127.0.1.0/24 0")
		limits=(--cap-rate 60r/m --cap-burst 20)
	fi
	"$ROOT/deploy/nginx-site" --out "$RUN/nginx" \
		--http-listen "127.0.0.1:$HTTP_PORT" --tls-listen "127.0.0.1:$TLS_PORT" \
		--server-name "127.0.0.1 localhost" --http serve \
		--cert "$RUN/tls/cert.pem" --key "$RUN/tls/key.pem" \
		--sockdir "$RUN/sock" --static "$PREFIX/share/duizhang/static" \
		--access-log "$RUN/log/access.log" --error-log "$RUN/log/nginx-error.log" \
		--limit-log "$RUN/log/limit.log" \
		"${exempt[@]}" "${limits[@]}" "${extra[@]}" || die "rendering the nginx site failed"
	local t
	t=$(cat "$ROOT/conf/nginx/nginx-private.conf.in")
	t=${t//@USER_LINE@/user $WEB_GROUP $WEB_GROUP;}
	t=${t//@RUN@/$RUN}
	printf '%s\n' "$t" >"$RUN/nginx/nginx.conf"
	nginx -t -q -c "$RUN/nginx/nginx.conf" || die "nginx -t failed"
	if pid_alive "$RUN/nginx.pid"; then
		say "reloading nginx"
		nginx -c "$RUN/nginx/nginx.conf" -s reload
	else
		say "starting nginx on 127.0.0.1:$HTTP_PORT and :$TLS_PORT"
		nginx -c "$RUN/nginx/nginx.conf" || die "nginx failed to start"
	fi
}

nginx_stop() {
	pid_alive "$RUN/nginx.pid" || return 0
	say "stopping nginx"
	local p i
	read -r p <"$RUN/nginx.pid"
	nginx -c "$RUN/nginx/nginx.conf" -s stop 2>/dev/null || kill "$p" 2>/dev/null || true
	for i in $(seq 100); do
		kill -0 "$p" 2>/dev/null || break
		sleep 0.1
	done
}

# --- helper commands for people and tests ----------------------------------
write_helpers() {
	mkdir -p "$RUN/bin"
	cat >"$RUN/bin/dz-sql" <<-EOF
		#!/bin/sh
		# Run SQL as MariaDB root on the app database: dz-sql 'SELECT ...' (or SQL on stdin).
		# Output: tab-separated, no column names.
		if [ \$# -gt 0 ]; then
			exec mariadb --no-defaults -S '$DBSOCK' -uroot -N -B duizhang -e "\$*"
		fi
		exec mariadb --no-defaults -S '$DBSOCK' -uroot -N -B duizhang
	EOF
	cat >"$RUN/bin/dz-db" <<-EOF
		#!/bin/bash
		# dz-db stop|start: stop or start this run folder's MariaDB (the programs keep running).
		set -e
		ROOT='$ROOT' RUN='$RUN' MODE='$MODE'
		. '$ROOT/deploy/lib.sh'
		case \${1:-} in
		stop) db_stop ;;
		start) db_start ;;
		*) echo "usage: dz-db stop|start" >&2; exit 2 ;;
		esac
	EOF
	cat >"$RUN/bin/dz-admin" <<-EOF
		#!/bin/sh
		# dz-admin with this run folder's configuration.
		DZ_CONF='$CONF' exec '$PREFIX/sbin/dz-admin' "\$@"
	EOF
	chmod 0755 "$RUN/bin/dz-sql" "$RUN/bin/dz-db" "$RUN/bin/dz-admin"
}

# --- everything -----------------------------------------------------------------
stack_dirs() {
	mkdir -p "$RUN" "$RUN/log" "$RUN/pid" "$RUN/sock" "$RUN/bin" "$RUN/nginx"
	chmod 0755 "$RUN" "$RUN/bin"
	chmod 0750 "$RUN/log" "$RUN/pid"
	# the programs append to their own log files in log/, and their masters
	# list their workers in pid/workers/ (made by programs_start)
	chown root:"$PROG_USER" "$RUN/log" "$RUN/pid"
	# nginx's workers reach the sockets; the programs get theirs from spawn-fcgi
	chown root:"$WEB_GROUP" "$RUN/sock"
	chmod 0750 "$RUN/sock"
}

# notify_start: the outbox worker (dz-admin notify, every 10 s) that sends
# the notices out, as the programs' user; the demo's only: the tests run
# it themselves, one pass at a time (t/http/560). Production: the systemd
# timer or the crontab line in deploy/ (README).
notify_start() {
	[ -x "$PREFIX/sbin/dz-admin" ] || return 0
	stop_pids "$RUN/pid/notify.pid"
	setsid runuser -u "$PROG_USER" -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
		DZ_CONF="$CONF" "$PREFIX/sbin/dz-admin" notify </dev/null >>"$RUN/log/notify.log" 2>&1 &
	echo $! >"$RUN/pid/notify.pid"
	say "notices worker started (log: $RUN/log/notify.log)"
}
notify_stop() { stop_pids "$RUN/pid/notify.pid"; }

stack_start() {
	ensure_user
	stack_dirs
	build
	write_helpers
	db_start
	app_setup
	erp_start
	programs_start
	[ "$MODE" != demo ] || notify_start
	make_cert
	nginx_start
}

stack_stop() {
	nginx_stop
	notify_stop
	programs_stop
	erp_stop
	db_stop
}
