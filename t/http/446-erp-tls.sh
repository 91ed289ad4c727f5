#!/bin/bash
# The ERP connection encrypted (issue 12, hole 3): a data address says
# encrypt=require with ca= (the server's certificate or its CA), or
# encrypt=off; one typed without encrypt= is refused until it chooses. The
# stack's simulator encrypts as SQL Server does (t/erpsim/tls.c), with a
# certificate from deploy's own CA.
#   1. a clerk on encrypt=require works, and the simulator logged the whole
#      session in TLS;
#   2. captured on loopback (tcpdump) while 测试连接 logs in afresh: neither
#      the password (as TDS obfuscates it), nor the database, nor the SQL
#      cross in clear; the same capture of an encrypt=off address shows all
#      three (the capture can see them);
#   3. a CA that did not sign the certificate: refused, with a message that
#      says so, and no login crossed; a server that cannot encrypt (another
#      simulator, no certificate): refused the same way;
#   4. a new address without encrypt=: 400 naming the choice; editing a
#      saved address to encrypt=off without its password: the password must
#      be typed again (the stored one would cross in clear).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
program_running dz-users || skip_all "dz-users not running"
program_running dz-query || skip_all "dz-query not running"
[ -n "${DZ_TEST_ERP_DSN:-}" ] || skip_all "no ERP simulator (DZ_TEST_ERP_DSN unset)"
[ -n "${DZ_TEST_ERP_CA:-}" ] || bail "DZ_TEST_ERP_CA unset (deploy/test makes it)"
command -v tcpdump >/dev/null || bail "tcpdump is not installed (deploy/packages-test)"
command -v python3 >/dev/null || bail "python3 is not installed"
. "$(dirname "$0")/../lib/erpsim.sh"
trap 'kill $pids $cap 2>/dev/null; rm -rf "$T"' EXIT
cap=

# capture PORT NAME / endcap: loopback traffic to and from PORT in $T/NAME.pcap
capture() {
	tcpdump --immediate-mode -Z root -i lo -U -s 0 -w "$T/$2.pcap" "tcp port $1" >"$T/$2.tcpdump" 2>&1 &
	cap=$!
	for _ in $(seq 50); do
		grep -q 'listening on' "$T/$2.tcpdump" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}
endcap() { sleep 0.3; kill "$cap" 2>/dev/null; wait "$cap" 2>/dev/null; cap=; }
# seen NAME TEXT KIND: does the capture hold TEXT as TDS sends it? KIND:
# pwd (UCS-2LE, each byte's nibbles swapped and XOR 0xA5: LOGIN7's
# obfuscation), ucs2 (UCS-2LE: names and SQL text)
seen() {
	python3 - "$T/$1.pcap" "$2" "$3" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
raw = sys.argv[2].encode('utf-16-le')
if sys.argv[3] == 'pwd':
    raw = bytes((((b << 4) & 0xf0) | (b >> 4)) ^ 0xA5 for b in raw)
sys.exit(0 if raw in data else 1)
PY
}
notseen() { ! seen "$@"; }
testaddr() {	# testaddr DSN: 测试连接 on 新增用户 with it
	get a /admin/users/new
	post a /admin/users/new/test "erp_kind=grasp" role=clerk "dsn=$1" password= status=active "csrf=$(csrf)"
}

pw=Good-Pass-$U
ok "admin" mkuser "et$U" admin "$pw"
login a "et$U" "$pw"
port=$DZ_TEST_ERP_PORT
erppw=$DZ_TEST_ERP_PASSWORD
off=${DZ_TEST_ERP_DSN/encrypt=require; ca=$DZ_TEST_ERP_CA/encrypt=off}
wrongca=${DZ_TEST_ERP_DSN/ca=$DZ_TEST_ERP_CA/ca=$DZ_TEST_ERP_OTHER_CA}
like "$DZ_TEST_ERP_DSN" 'encrypt=require; ca=/' "the stack's address says encrypt=require with its CA"
ok "... and its encrypt=off twin differs" test "$off" != "$DZ_TEST_ERP_DSN"
qlog=$DZ_TEST_LOGDIR/erpsim-queries.log

# 1. a clerk on the encrypted address
m=$(wc -l <"$qlog")
ok "a clerk on encrypt=require" mkclerk "ec$U" "$DZ_TEST_ERP_DSN"
get "ec$U" /query
is "$STATUS" 200 "its 往来对账 is 200"
first=$(sqlite3 "$DZ_TEST_ERP_SQLITE" "SELECT FullName FROM Btype WHERE sonnum = 0 AND deleted = 0 ORDER BY UserCode LIMIT 1")
ok "it lists the ERP's customers" grep -qF "$first" "$BODY"

# 2. what crosses the wire
ok "capturing loopback port $port" capture "$port" enc
m=$(wc -l <"$qlog")
testaddr "$DZ_TEST_ERP_DSN"
endcap
like "$(test_note)" '^ok 连接成功' "测试连接 of the encrypted address: 连接成功"
tail -n +"$((m + 1))" "$qlog" >"$T/q1"
ok "the simulator logged its login in TLS, for the whole session" \
	grep -q 'tls: TLSv1\.[23] .*, the whole session' "$T/q1"
diag "$(grep -m1 'tls:' "$T/q1")"
ok "the capture holds traffic" test "$(stat -c %s "$T/enc.pcap")" -gt 2000
ok "no password in it, not even as TDS obfuscates it" notseen enc "$erppw" pwd
ok "no database name (UCS-2) in it" notseen enc "$DZ_TEST_ERP_NAME" ucs2
ok "no SQL text (UCS-2) in it" notseen enc GraspcwZt ucs2
ok "capturing again" capture "$port" clear
testaddr "$off"
endcap
like "$(test_note)" '^ok 连接成功' "测试连接 of the encrypt=off address: 连接成功"
ok "that capture has the password as TDS obfuscates it (the capture sees a login)" seen clear "$erppw" pwd
ok "... the database name" seen clear "$DZ_TEST_ERP_NAME" ucs2
ok "... and the SQL text" seen clear GraspcwZt ucs2

# 3. refused: a CA that did not sign it; a server that cannot encrypt
ok "capturing" capture "$port" wrong
testaddr "$wrongca"
endcap
like "$(test_note)" '^alert .*没能和 127\.0\.0\.1:[0-9]+ 建立加密连接' "another CA: refused, and said so ($(test_note))"
like "$(test_note)" '密码没有发出' "... the page says the password was not sent"
ok "no password crossed" notseen wrong "$erppw" pwd
plain=$((port + 17))
ok "a simulator without encryption on $plain" sim "$plain"
nocrypt="server=127.0.0.1,$plain; uid=sa; pwd=simpw; database=$DZ_TEST_ERP_NAME; encrypt=require; ca=$DZ_TEST_ERP_CA"
ok "capturing" capture "$plain" plain
testaddr "$nocrypt"
endcap
like "$(test_note)" '^alert .*没能和 127\.0\.0\.1:[0-9]+ 建立加密连接' "a server that cannot encrypt: refused ($(test_note))"
ok "no password crossed" notseen plain simpw pwd
testaddr "${nocrypt/encrypt=require; ca=$DZ_TEST_ERP_CA/encrypt=off}"
like "$(test_note)" '^ok 连接成功' "with encrypt=off it is reached (the refusal was the encryption)"

# 4. the choice is the admin's; no silent downgrade
n0=$(sql "SELECT COUNT(*) FROM users")
get a /admin/users/new
post a /admin/users/new "username=eu$U" erp_kind=grasp role=clerk \
	"dsn=${DZ_TEST_ERP_DSN/; encrypt=require; ca=$DZ_TEST_ERP_CA/}" password= status=active "csrf=$(csrf)"
is "$STATUS" 400 "a new address without encrypt=: 400"
like "$(body)" '请选择是否加密' "... the page asks for the choice"
is "$(sql "SELECT COUNT(*) FROM users")" "$n0" "... and no user is made"
id=$(sql "SELECT id FROM users WHERE username = 'ec$U'")
get a "/admin/users/$id"
shown=$(field dsn)
like "$shown" 'encrypt=require; ca=' "the saved address shows its encryption"
post a "/admin/users/$id" "username=ec$U" erp_kind=grasp role=clerk \
	"dsn=${shown/encrypt=require; ca=$DZ_TEST_ERP_CA/encrypt=off}" password= status=active \
	"version=$(field version)" "csrf=$(csrf)"
is "$STATUS" 400 "turned to encrypt=off without its password: 400"
like "$(body)" '密码' "... the page asks for the password"
get a "/admin/users/$id"
like "$(field dsn)" 'encrypt=require' "... and the address is still encrypted"
done_testing
