#!/bin/sh
# The shared-hosting layout end to end (issue 11, "the production layouts"):
# the README's "Deploy with spawn-fcgi on a host without root", followed by
# a user who has no root. As root (deploy/test runs as root) it makes a
# throw-away system user with a home under a temp folder, copies the
# checkout's sources into it (git ls-files: the files in git's index), and
# makes a database and account of that user's own in the test stack's
# MariaDB. To reach its socket the user gets the group of the socket's
# folder, as a hosting provider lets a customer reach its MariaDB (in the
# test stack that group also reads the stack's own config: this user is
# not a tenant to keep out of it, only one without root). As that user
# it runs the README's commands (each one checked to be in the README,
# word for word): autoreconf, configure --prefix=$HOME/duizhang, make (-j2,
# by MAKEFLAGS), make install, the config, dz-admin init-key and migrate,
# deploy/spawn start. As root, the
# administrator's part: the socket folder setgid to nginx's group, and an
# nginx of its own on free ports of 127.0.0.1 serving the site that
# deploy/nginx-site renders for that user's sockets and static files.
# Through that nginx: the admin signs in (admin/123456 and the forced
# change), creates a clerk on the test ERP simulator, the clerk opens
# 往来对账 for a customer, generates a statement and shares it, and a
# customer answers 符合 through /c/, recorded in that user's database.
# Then deploy/spawn stop must leave no process of the user, and everything
# (nginx, database, account, user, folder) is removed, even on failure.
# Each step has a time limit (DZ_LAYOUT_BUILD_S for the build, 300 s).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/http.sh"
dz_init
[ "$(id -u)" = 0 ] || skip_all "needs root (it makes a user)"
[ -n "${DZ_TEST_ERP_DSN:-}" ] || skip_all "no ERP simulator (DZ_TEST_ERP_DSN unset)"
[ -r "${DZ_CONF:-}" ] || skip_all "no test stack config (DZ_CONF)"
for c in useradd userdel usermod setpriv git spawn-fcgi nginx mariadb sqlite3 autoreconf openssl timeout; do
	command -v "$c" >/dev/null || bail "$c is not installed"
done
SRC=$(cd "$here/../.." && pwd)
[ -f "$SRC/README.md" ] && git -C "$SRC" rev-parse --git-dir >/dev/null 2>&1 ||
	skip_all "not a git checkout: nothing to copy"
README=$SRC/README.md
BUILD_S=${DZ_LAYOUT_BUILD_S:-300}
WEB_GROUP=${DZ_WEB_GROUP:-www-data}
getent group "$WEB_GROUP" >/dev/null || bail "no group $WEB_GROUP (nginx's workers)"

# The stack's MariaDB: its socket and the group of the socket's folder.
dbsock=$(sed -n 's/^[[:space:]]*DB\.Socket[[:space:]]*=[[:space:]]*//p' "$DZ_CONF" | head -1)
[ -S "$dbsock" ] || bail "no MariaDB socket at '$dbsock'"
dbgroup=$(stat -c %G "$(dirname "$dbsock")")
rootsql() { timeout 30 mariadb --no-defaults -S "$dbsock" -uroot -N -B "$@"; }

# --- the user, its folder, its database ----------------------------------------
u=dzlay$$
BASE=$(mktemp -d "${TMPDIR:-/tmp}/dzlay.XXXXXX")
chmod 0755 "$BASE"
H=$BASE/home
NRUN=$BASE/nginx	# root's: the private nginx (the administrator's)
udb=dz_$u
upw=$(openssl rand -hex 16)
nginx_up=

cleanup() {
	set +e
	if [ -n "$nginx_up" ] && [ -s "$NRUN/nginx.pid" ]; then
		local p
		read -r p <"$NRUN/nginx.pid"
		nginx -c "$NRUN/nginx/nginx.conf" -s stop 2>/dev/null || kill "$p" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		nginx_up=
	fi
	if getent passwd "$u" >/dev/null; then
		# what deploy/spawn left running (after a failure): by pid, and only
		# this user's processes, all of them started by this test
		[ -x "$H/src/deploy/spawn" ] && as_user 30 "deploy/spawn stop" >/dev/null 2>&1
		local pids
		pids=$(ps -u "$u" -o pid= 2>/dev/null)
		if [ -n "$pids" ]; then
			# shellcheck disable=SC2086
			kill $pids 2>/dev/null
			sleep 0.5
			pids=$(ps -u "$u" -o pid= 2>/dev/null)
			# shellcheck disable=SC2086
			[ -z "$pids" ] || kill -9 $pids 2>/dev/null
		fi
		userdel "$u" 2>/dev/null
		getent group "$u" >/dev/null && groupdel "$u" 2>/dev/null
	fi
	rootsql -e "DROP DATABASE IF EXISTS \`$udb\`; DROP USER IF EXISTS '$u'@'localhost'" 2>/dev/null
	rm -rf "$BASE"
}
trap 'cleanup; rm -rf "$T"' EXIT

# as_user SECONDS SCRIPT: SCRIPT in bash as the user, in ~/src, with a
# clean environment (no DZ_* of the test stack), umask 022, make -j2; its
# output in $T/out. Each command is traced (set -x) into the output.
as_user() {
	timeout "$1" setpriv --reuid="$u" --regid="$u" --init-groups -- \
		env -i HOME="$H" USER="$u" LOGNAME="$u" SHELL=/bin/bash LANG=C.UTF-8 \
		PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin MAKEFLAGS=-j2 \
		bash -c 'umask 022 && cd ~/src && set -ex && eval "$1"' as_user "$2" >"$T/out" 2>&1
}
# step DESC SECONDS SCRIPT: as_user, one TAP line, the output's tail on failure
step() {
	local d=$1 rc
	as_user "$2" "$3"
	rc=$?
	tap_ok $rc "$d"
	[ $rc = 0 ] || { [ $rc = 124 ] && diag "timed out after $2 s"; diag "$(tail -25 "$T/out")"; }
	return $rc
}

# The README's commands of the section, one a line: indented lines, a
# trailing backslash joined to the next line, a trailing "  # comment" cut.
readme_cmds() {
	awk '/^## Deploy with spawn-fcgi on a host without root/ { on = 1; next }
		on && /^## / { exit }
		on && /^    / { sub(/^    +/, ""); print }' "$README" |
		awk '{ if (sub(/[[:space:]]*\\$/, "")) { acc = acc $0 " "; next } print acc $0; acc = "" }' |
		sed 's/[[:space:]][[:space:]]*#.*//'
}
# in_readme LINE...: each line (not a comment) is a command of the section
in_readme() {
	local l miss=
	for l in "$@"; do
		case $l in ''|'#'*) continue ;; esac
		readme_cmds | grep -qxF -- "$l" || miss="$miss${miss:+; }$l"
	done
	tap_ok "$([ -z "$miss" ]; echo $?)" "the README's section has these commands word for word"
	[ -z "$miss" ] || diag "not in the README: $miss"
}

useradd --system --user-group --create-home --home-dir "$H" --shell /bin/bash "$u" ||
	bail "useradd $u failed"
# as Debian's adduser makes homes; the README says how nginx gets through
chmod 0700 "$H"
usermod -a -G "$dbgroup" "$u" || bail "cannot add $u to $dbgroup"
mkdir "$H/src"
(cd "$SRC" && git ls-files -z --cached | xargs -0 cp --parents -t "$H/src" 2>/dev/null)
chown -R "$u:$u" "$H/src"
as_user 10 'test -r configure.ac'
tap_ok $? "a user $u (no root; groups: $(id -nG "$u")) with the sources in ~/src"
rootsql <<-SQL || bail "cannot create the database"
	CREATE DATABASE \`$udb\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	CREATE USER '$u'@'localhost' IDENTIFIED BY '$upw';
	GRANT ALL ON \`$udb\`.* TO '$u'@'localhost';
SQL
diag "database $udb, account $u, on $dbsock"

# --- the user: build, install, configure ---------------------------------------
build=(
	'autoreconf -fi && ./configure --prefix=$HOME/duizhang && make && make install'
)
in_readme "${build[@]}"
t0=$(date +%s)
step "autoreconf, configure --prefix=\$HOME/duizhang, make, make install (as $u)" "$BUILD_S" \
	"$(printf '%s\n' "${build[@]}")" || bail "the build failed"
diag "built and installed in $(( $(date +%s) - t0 )) s"
P=$H/duizhang
ok "make install: the programs and dz-admin under ~/duizhang" \
	test -x "$P/libexec/duizhang/dz-login" -a -x "$P/libexec/duizhang/dz-confirm" -a -x "$P/sbin/dz-admin"
is "$(find "$P" ! -user "$u" | head -3)" "" "every installed file is the user's"

config=(
	'chmod 0711 ~'
	'install -d -m 0750 ~/duizhang/etc/duizhang'
	'install -d -m 0700 ~/duizhang/var/erp'
	'install -m 0644 conf/freetds.conf ~/duizhang/etc/duizhang/freetds.conf'
	'sed "s,/usr/local,$HOME/duizhang,g; s,/run/duizhang,$HOME/duizhang/var,g" ~/duizhang/share/duizhang/duizhang.conf.example >~/duizhang/etc/duizhang/duizhang.conf'
	'chmod 0640 ~/duizhang/etc/duizhang/duizhang.conf'
)
in_readme "${config[@]}"
step "the config from the installed example" 30 "$(printf '%s\n' "${config[@]}")" ||
	bail "cannot write the config"
C=$P/etc/duizhang/duizhang.conf
# "edit duizhang.conf": what the README leaves to the user (the database)
step "the database in the config (the README's edit)" 10 "
	sed -i -e 's|^DB.Socket = .*|DB.Socket = $dbsock|' -e 's|^DB.Name = .*|DB.Name = $udb|' \
		-e 's|^DB.User = .*|DB.User = $u|' -e 's|^DB.Password = .*|DB.Password = $upw|' '$C'"
conf_val() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$C" | head -1; }
is "$(conf_val Paths.Data)|$(conf_val Paths.KeyFile)" "$P/share/duizhang|$P/etc/duizhang/key/master.key" \
	"the config's data and key paths are under ~/duizhang"
is "$(conf_val ERP.StateDir)|$(conf_val Cache.ChangeFile)" "$P/var/erp|$P/var/changes" \
	"its ERP state folder and change file are the user's"
is "$(stat -c %a "$C")|$(stat -c %a "$P/etc/duizhang")" "640|750" "the config 0640, its folder 0750"

# shellcheck disable=SC2088 # the user's shell expands them
init=(
	'export DZ_CONF=$HOME/duizhang/etc/duizhang/duizhang.conf'
	'~/duizhang/sbin/dz-admin init-key && ~/duizhang/sbin/dz-admin migrate'
)
in_readme "${init[@]}"
step "dz-admin init-key and migrate (as $u)" 60 "$(printf '%s\n' "${init[@]}")" ||
	bail "init-key or migrate failed"
is "$(stat -c '%U %a' "$P/etc/duizhang/key/master.key" 2>&1)" "$u 400" "the key file: the user's, 0400"
is "$(stat -c '%U %a' "$P/etc/duizhang/key" 2>&1)" "$u 700" "its folder: the user's, 0700 (§8 check 16)"
like "$(runuser -u www-data -- cat "$P/etc/duizhang/key/master.key" 2>&1)" 'Permission denied' \
	"www-data reading the key: EACCES"
usql() { rootsql "$udb" -e "$*"; }
is "$(usql "SELECT CONCAT(username, ' ', role, ' ', must_change_password) FROM users")" "admin admin 1" \
	"migrate made admin (must change its password) in the user's database"

# --- the administrator: the socket folder; the user starts the programs ----------
admin_dir='install -d -m 2750 -o USER -g www-data ~USER/duizhang/run'
in_readme "$admin_dir"
admin_dir=${admin_dir//USER/$u}
admin_dir=${admin_dir//www-data/$WEB_GROUP}
eval "$admin_dir"
tap_ok $? "as root: $admin_dir"

spawn=('deploy/spawn start')
in_readme "${spawn[@]}"
step "deploy/spawn start (as $u)" 60 "${spawn[0]}" || bail "deploy/spawn start failed"
step "deploy/spawn status: all running" 20 "deploy/spawn status"
PROGS="dz-login dz-users dz-query dz-generate dz-history dz-confirm dz-reports"
bad=
for p in $PROGS; do
	s=$P/run/$p.sock
	[ "$(stat -c '%U %G %a' "$s" 2>&1)" = "$u $WEB_GROUP 660" ] || bad="$bad $p:$(stat -c '%U:%G:%a' "$s" 2>&1)"
done
is "$bad" "" "each socket in ~/duizhang/run: the user's, group $WEB_GROUP, 0660"
missing=
for p in $PROGS; do ps -u "$u" -o comm= | grep -qx "$p" || missing="$missing $p"; done
is "$missing" "" "each program runs as $u ($(ps -u "$u" -o comm= | grep -c '^dz-') processes)"
is "$(ps -eo uid=,args= | awk -v p="$P/libexec/" -v u="$(id -u "$u")" '
	{ id = $1; sub(/^ *[0-9]+ +/, "") } index($0, p) == 1 && id != u' | head -3)" "" \
	"no program of this install runs as another user"
# The README's crontab line: start again starts only what is not running.
upids() { ps -u "$u" -o pid=,comm= | awk -v p="${1:-dz-}" 'index($2, p) == 1 { print $1 }' | sort -n | tr '\n' ' '; }
before=$(upids)
step "deploy/spawn start again (as cron would)" 60 "deploy/spawn start"
is "$(upids)" "$before" "... starts nothing: the same processes"
gone=$(upids dz-confirm)
# shellcheck disable=SC2086
kill $gone
for _ in $(seq 50); do [ -z "$(upids dz-confirm)" ] && break; sleep 0.1; done
step "dz-confirm killed, then deploy/spawn start" 60 "deploy/spawn start"
now=$(upids dz-confirm)
ok "... starts dz-confirm again ($now)" test -n "$now" -a "$now" != "$gone"

# --- the administrator: nginx ------------------------------------------------------
site_opts='--sockdir ~USER/duizhang/run --static ~USER/duizhang/share/duizhang/static'
tap_ok "$(readme_cmds | grep -q '^deploy/nginx-site .*'"$site_opts"; echo $?)" \
	"the README renders the site with $site_opts"
mkdir -p "$NRUN/tls" "$NRUN/log" "$NRUN/nginx/tmp"
chmod 0700 "$NRUN/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
	-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
	-keyout "$NRUN/tls/key.pem" -out "$NRUN/tls/cert.pem" >/dev/null 2>&1 || bail "openssl req failed"
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
	local p
	for _ in $(seq 50); do
		p=$(shuf -i 20000-32000 -n 1)	# below the ephemeral ports
		port_free "$p" && { echo "$p"; return 0; }
	done
	return 1
}
for try in 1 2 3; do
	hp=$(free_port) && tp=$(free_port) && [ "$hp" != "$tp" ] || continue
	"$SRC/deploy/nginx-site" --out "$NRUN/nginx" --server-name "127.0.0.1 localhost" \
		--http-listen "127.0.0.1:$hp" --tls-listen "127.0.0.1:$tp" --tls-port-suffix ":$tp" \
		--cert "$NRUN/tls/cert.pem" --key "$NRUN/tls/key.pem" \
		--sockdir "$P/run" --static "$P/share/duizhang/static" \
		--access-log "$NRUN/log/access.log" --error-log "$NRUN/log/nginx-error.log" ||
		bail "deploy/nginx-site failed"
	t=$(cat "$SRC/conf/nginx/nginx-private.conf.in")
	t=${t//@USER_LINE@/user $WEB_GROUP $WEB_GROUP;}
	t=${t//@RUN@/$NRUN}
	printf '%s\n' "$t" >"$NRUN/nginx/nginx.conf"
	nginx -t -q -c "$NRUN/nginx/nginx.conf" 2>"$T/nginx-t" || bail "nginx -t: $(cat "$T/nginx-t")"
	if timeout 20 nginx -c "$NRUN/nginx/nginx.conf" 2>"$T/nginx-start"; then
		nginx_up=1
		break
	fi
	diag "nginx did not start (try $try): $(cat "$T/nginx-start")"
done
[ -n "$nginx_up" ] || bail "nginx did not start"
DZ_TEST_BASE=https://127.0.0.1:$tp
diag "nginx on $DZ_TEST_BASE (and http://127.0.0.1:$hp) for ~$u/duizhang/run"

# --- through that nginx: admin, clerk, statement, customer --------------------------
req() {	# every request bounded (http.sh's curl has --max-time 60)
	local b=$1 m=$2 url=$3
	shift 3
	case $url in http://*|https://*) ;; *) url=$DZ_TEST_BASE$url ;; esac
	: >"$BODY"
	: >"$HDRS"
	STATUS=$(curl -k -s -S --max-time 30 -X "$m" -b "$(jar "$b")" -c "$(jar "$b")" \
		-o "$BODY" -D "$HDRS" -w '%{http_code}' "$@" "$url") || STATUS=${STATUS:-000}
}
get x /login
is "$STATUS" 200 "GET /login: 200"
like "$(body)" 'name="csrf"' "... the sign-in form, from the user's dz-login"
get x /static/css/dz.css
is "$STATUS" 200 "a static file from ~/duizhang/share/duizhang/static: 200"
get x "http://127.0.0.1:$hp/login"
is "$STATUS|$(location)" "301|/login" "plain HTTP redirects to HTTPS"

login_ready a admin 123456
tap_ok $? "admin / 123456 signs in"
is "$PW" "Qx7#Zw4v.Jm-renewed" "... and had to change the password first"
get a /
is "$STATUS" 200 "the admin's home page: 200"

clerk=clerk$U
get a /admin/users/new
post a /admin/users/new "username=$clerk" erp_kind=grasp role=clerk "dsn=$DZ_TEST_ERP_DSN" \
	password= status=active "csrf=$(csrf)"
is "$STATUS" 303 "the admin creates a clerk on the ERP simulator (用户管理)"
login_ready c "$clerk" 123456
tap_ok $? "the clerk signs in with 123456 and sets a password"

# A customer with documents last month (the demo account set covers it).
from=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m-%d)
to=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m-%d)
cu=$(sqlite3 "$DZ_TEST_ERP_SQLITE" "SELECT btypeid FROM Dlyndx WHERE draft = 2 AND RedOld = 'F'
	AND VchType IN (11, 45, 4) AND Date BETWEEN '$from' AND '$to'
	GROUP BY btypeid ORDER BY COUNT(*) DESC, btypeid LIMIT 1")
[ -n "$cu" ] || bail "no customer with documents in $from..$to"
get c "/query?customer=$cu&from=$from&to=$to&types=sale&types=return&types=receipt&go=1"
is "$STATUS" 200 "往来对账 for customer $cu, $from..$to: 200"
docs=$(grep -o '<input type="checkbox" name="doc" value="[^"]*" checked>' "$BODY" |
	sed 's/.*value="\([^"]*\)".*/\1/')
ndocs=$(printf '%s' "$docs" | grep -c .)
ok "... with its documents ($ndocs)" test "$ndocs" -gt 0
args=("csrf=$(csrf)" "customer=$cu" "from=$from" "to=$to" types=sale types=return types=receipt opening=1)
for v in $docs; do args+=("doc=$v"); done
post c /statements/new "${args[@]}"
sid=$(location | sed -n 's,^/statements/\([0-9][0-9]*\).*,\1,p')
is "$STATUS" 303 "生成对账单: 303"
ok "... to the new statement ($sid)" test -n "$sid"
get c "/statements/$sid"
is "$STATUS" 200 "the statement's page: 200"
get c "/statements/$sid/share"
post c "/statements/$sid/share" "csrf=$(csrf)"
like "$STATUS" '^(200|303)$' "分享: the link is made ($STATUS)"
get c "/statements/$sid/share"
url=$(grep -o 'id="share-url" readonly value="[^"]*"' "$BODY" | sed 's/.*value="//; s/"$//')
tok=${url##*/c/}
like "$url" "/c/[A-Za-z0-9_-]+\$" "the share page shows the customer's link"

get cust "/c/$tok"
is "$STATUS" 200 "the customer opens the link: 200"
like "$(body)" 'name="decision" value="agreed"' "... with the 符合 button"
post cust "/c/$tok" decision=agreed "csrf=$(csrf)"
is "$STATUS|$(location)" "303|/c/$tok" "the customer answers 符合: 303"
is "$(usql "SELECT CONCAT(s.status, ' ', COUNT(f.id), ' ', MIN(f.source)) FROM statements s
	JOIN feedback f ON f.statement_id = s.id WHERE s.id = $sid GROUP BY s.id")" "agreed 1 customer" \
	"recorded in the user's database: 符合, one answer, the customer's"
get c "/statements/$sid"
like "$(body)" 'st-agreed' "the clerk's page shows 符合"
is "$(rootsql duizhang -e "SELECT COUNT(*) FROM users WHERE username = '$clerk'" 2>&1)" 0 \
	"the test stack's own database knows nothing of it"
ok "the user's programs logged to ~/duizhang/var/log" test -s "$P/var/log/dz-login.log"

# --- stop, and remove everything -------------------------------------------------
step "deploy/spawn stop (as $u)" 60 "deploy/spawn stop"
is "$(ps -u "$u" -o pid=,args= | head -5)" "" "no process of $u is left"
is "$(find "$P/run" -type s 2>&1)" "" "its sockets are gone"
cleanup
ok "the user is gone" test -z "$(getent passwd "$u")"
ok "its folder is gone" test ! -e "$BASE"
is "$(rootsql -e "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '$udb'")" 0 \
	"its database is gone"
ok "nginx is stopped" port_free "$tp"
done_testing
