#!/bin/sh
# §8 check 25: every installed binary of the deployed prefix is PIE, bound
# now (BIND_NOW), has GNU_RELRO (full RELRO with the two) and a
# non-executable stack, and calls __stack_chk_fail and FORTIFY's _chk
# functions (each binary uses string and printf calls, so each must); the
# build's flags are configure.ac's (dpkg-buildflags style) and its log has
# no warning. The TLS listener, probed with openssl s_client: TLS 1.2 and
# 1.3 accepted, 1.0 and 1.1 refused, and no weak suite (NULL, RC4, 3DES,
# export, anonymous, CBC with SHA-1, RSA key exchange) accepted: every
# suite it takes is forward-secret AEAD.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
dz_init
command -v readelf >/dev/null || bail "readelf (binutils) is missing"
command -v openssl >/dev/null || bail "openssl is missing"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

bins=$(find "$DZ_TEST_PREFIX" -type f -perm -u+x | while read -r f; do
	[ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] && echo "$f"; done | sort)
ok "installed binaries: $(echo "$bins" | xargs -n1 basename | xargs)" test "$(echo "$bins" | wc -l)" -ge 7
for f in $bins; do
	n=${f#"$DZ_TEST_PREFIX"/}
	like "$(readelf -hW "$f")" 'Type:[[:space:]]+DYN' "$n: PIE (ELF type DYN)"
	like "$(readelf -dW "$f")" 'FLAGS_1\).*PIE' "$n: FLAGS_1 PIE"
	like "$(readelf -dW "$f")" '\(BIND_NOW\)|FLAGS\).*BIND_NOW|FLAGS_1\).*NOW' "$n: BIND_NOW"
	like "$(readelf -lW "$f")" 'GNU_RELRO' "$n: GNU_RELRO"
	stack=$(readelf -lW "$f" | awk '$1 == "GNU_STACK" { print $(NF - 1) }')
	is "$stack" RW "$n: GNU_STACK RW, not executable"
	syms=$(readelf -sW --dyn-syms "$f")
	like "$syms" '__stack_chk_fail' "$n: stack protector (__stack_chk_fail)"
	like "$syms" '__[a-z_]+_chk(@|[[:space:]]|$)' "$n: FORTIFY (_chk functions: $(echo "$syms" | grep -o '__[a-z]*_chk' | sort -u | head -3 | xargs))"
done

flags=$(sed -n 's/^DZ_CFLAGS="\(.*\)"$/\1/p' "$ROOT/configure.ac")
for fl in -Wall -Wextra -Werror=format-security -fstack-protector-strong -fstack-clash-protection \
	-fcf-protection -fPIE -D_FORTIFY_SOURCE=2; do
	like " $flags " " $fl " "configure.ac's DZ_CFLAGS has $fl"
done
like "$(sed -n 's/^DZ_LDFLAGS="\(.*\)"$/\1/p' "$ROOT/configure.ac")" '-pie .*-z,relro .*-z,now' \
	"configure.ac's DZ_LDFLAGS: -pie, relro, now"
mk=$DZ_TEST_LOGDIR/make.log
if [ -s "$mk" ]; then
	is "$(grep -c 'warning:' "$mk")" 0 "the build's log has no warning"
fi

# TLS
host=${DZ_TEST_BASE#https://}
tls() {	# tls ARGS...: the protocol and suite a handshake agreed, or "refused"
	local out
	out=$(echo | timeout 10 openssl s_client -connect "$host" "$@" 2>&1)
	if echo "$out" | grep -q '^New, TLSv1\|^New, SSLv3\|Cipher is [A-Z]'; then
		echo "$out" | grep -m1 -o 'Cipher is [^ ]*' | sed 's/Cipher is //'
	else
		echo refused
	fi
}
isnt "$(tls -tls1_2)" refused "TLS 1.2 accepted ($(tls -tls1_2))"
isnt "$(tls -tls1_3)" refused "TLS 1.3 accepted ($(tls -tls1_3))"
is "$(tls -tls1 -cipher 'DEFAULT@SECLEVEL=0')" refused "TLS 1.0 refused (by the server: the client allows it)"
is "$(tls -tls1_1 -cipher 'DEFAULT@SECLEVEL=0')" refused "TLS 1.1 refused"
for c in NULL RC4 3DES EXPORT aNULL 'AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA' \
	'kRSA' 'SHA1' 'CBC' 'kDHE+AESGCM'; do
	is "$(tls -tls1_2 -cipher "$c@SECLEVEL=0")" refused "no $c suite in TLS 1.2"
done
# every suite of OpenSSL's list, one at a time: those accepted
acc=
for c in $(openssl ciphers -tls1_2 'ALL:COMPLEMENTOFALL@SECLEVEL=0' | tr ':' ' '); do
	[ "$(tls -tls1_2 -cipher "$c@SECLEVEL=0")" = refused ] || acc="$acc $c"
done
diag "TLS 1.2 suites accepted:$acc"
ok "some TLS 1.2 suites accepted" test -n "$acc"
for c in $acc; do
	like "$c" '^ECDHE-(RSA|ECDSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$' "$c: forward-secret AEAD"
done

done_testing
