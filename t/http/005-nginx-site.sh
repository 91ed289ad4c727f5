#!/bin/sh
# The nginx site as production renders it (deploy/nginx-site with its
# defaults): nginx -t accepts it; HTTP redirects to HTTPS; the rules of
# DESIGN §6 are in it. Needs nginx and openssl, not the running stack.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/../lib/http.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
command -v nginx >/dev/null || skip_all "no nginx"
command -v openssl >/dev/null || skip_all "no openssl"
T=$(mktemp -d "${TMPDIR:-/tmp}/dzsite.XXXXXX")
trap 'rm -rf "$T"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=dz.example.com \
	-keyout "$T/key.pem" -out "$T/cert.pem" >/dev/null 2>&1
ok "deploy/nginx-site renders the production site" "$top/deploy/nginx-site" --out "$T/site" \
	--server-name dz.example.com --cert "$T/cert.pem" --key "$T/key.pem" \
	--access-log "$T/access.log" --error-log "$T/error.log"
mkdir -p "$T/tmp"
cat >"$T/nginx.conf" <<EOC
pid $T/nginx.pid;
error_log $T/error.log;
events {}
http {
	include /etc/nginx/mime.types;
	client_body_temp_path $T/tmp/body;
	proxy_temp_path $T/tmp/proxy;
	fastcgi_temp_path $T/tmp/fastcgi;
	uwsgi_temp_path $T/tmp/uwsgi;
	scgi_temp_path $T/tmp/scgi;
	include $T/site/duizhang.conf;
}
EOC
nginx -t -q -c "$T/nginx.conf" >"$T/t.out" 2>&1
tap_ok $? "nginx -t accepts it"
[ -s "$T/t.out" ] && diag "$(cat "$T/t.out")"

site=$(cat "$T/site/duizhang.conf")
app=$(cat "$T/site/duizhang-app.conf")
like "$site" 'listen 80;' "HTTP listener on 80"
like "$site" 'listen 443 ssl' "TLS listener on 443"
like "$site" 'return 301 https://\$host\$request_uri' "HTTP redirects to HTTPS"
like "$site" 'server_tokens off' "server_tokens off"
like "$site" 'ssl_protocols TLSv1.2 TLSv1.3;' "TLS 1.2 and 1.3 only"
like "$site" 'on "max-age=[0-9]+' "HSTS only when \$https is on"
like "$site" '"/c/\[redacted\]"' "access log redacts /c/<token>"
like "$site" "access_log $T/limit.log dz_limit if=\\\$dz_limit_refused;" "limit_req refusals in a log of their own, beside the access log"
is "$(grep -c 'access_log .* dz_limit if=' "$T/site/duizhang.conf")" 2 "... on both servers"
like "$site" 'log_format dz_limit [^;]*\$dz_log_uri' "... with the redacted path"
like "$app" 'location = /login \{[^}]*limit_req zone=dz_login' "limit_req on /login"
like "$app" 'location /c/ \{[^}]*limit_req zone=dz_cap_link burst=10 nodelay' "limit_req on /c/ per link (burst 10)"
like "$app" 'location /c/ \{[^}]*limit_req zone=dz_cap burst=100 nodelay' "... and per address (burst 100)"
like "$site" 'limit_req_zone \$dz_cap_link_key zone=dz_cap_link:10m rate=30r/m;' "per link: 30 a minute"
like "$site" 'limit_req_zone \$dz_cap_key zone=dz_cap:10m rate=600r/m;' "per address: 600 a minute (an office, a carrier's gateway)"
like "$site" '"~\^0:/c/\(\[A-Za-z0-9_-\]\+\)" \$1;' "the per-link key is the token of /c/<token>"
like "$app" 'location /c/ \{[^}]*error_page 429 /c/busy.html;' "a refusal on /c/ is the site's 429 page"
like "$app" 'location = /c/busy.html \{[^}]*internal;[^}]*alias /usr/local/share/duizhang/static/busy.html;' "... sent by nginx from the static files, internal only"
like "$app" 'location /c/ \{[^}]*error_log /dev/null' "no error log on /c/"
like "$app" 'fastcgi_read_timeout 30s' "fastcgi_read_timeout 30s"
like "$app" 'client_max_body_size' "client_max_body_size"
like "$app" 'location /static/' "static files from nginx"
like "$app" 'location = /robots.txt \{[^}]*return 200 "User-agent: \*\\nDisallow: /c/\\n";' "robots.txt from nginx: Disallow: /c/"
for p in dz-login dz-users dz-query dz-generate dz-history dz-confirm dz-reports; do
	like "$app" "unix:/run/duizhang/$p.sock" "$p has its socket"
done
unlike "$site" 'exempt[^\n]*1;' "no address exempt from the limits in production"
like "$app" 'fastcgi_next_upstream error timeout;' "a request moves to another app host only when its host cannot be reached or times out"
unlike "$app" 'non_idempotent|http_50[0-9]' "... never a POST that was sent, never on a program's own 5xx"
ok "one host: no upstreams file" test ! -e "$T/site/duizhang-upstreams.conf"

# several app hosts (deploy/cluster): each program an upstream of them all
ok "deploy/nginx-site --fcgi renders a site of two app hosts" "$top/deploy/nginx-site" --out "$T/site2" \
	--server-name dz.example.com --cert "$T/cert.pem" --key "$T/key.pem" \
	--access-log "$T/access.log" --error-log "$T/error.log" --fcgi "10.9.0.11 10.9.0.12"
sed "s|$T/site/|$T/site2/|" "$T/nginx.conf" >"$T/nginx2.conf"
nginx -t -q -c "$T/nginx2.conf" >"$T/t2.out" 2>&1
tap_ok $? "nginx -t accepts it"
[ -s "$T/t2.out" ] && diag "$(cat "$T/t2.out")"
up=$(cat "$T/site2/duizhang-upstreams.conf" 2>/dev/null)
is "$(grep -c '^upstream dz_' <<<"$up")" 9 "an upstream per program"
like "$up" 'upstream dz_login \{[^}]*server 10.9.0.11:9000 max_fails=3 fail_timeout=10s;[^}]*server 10.9.0.12:9000 max_fails=3' "dz-login on both hosts' port 9000, passive health checks"
like "$up" 'upstream dz_import \{[^}]*server 10.9.0.12:9008 ' "dz-import, the ninth, on 9008"
unlike "$(cat "$T/site2/duizhang-app.conf")" 'unix:' "no unix socket left"
like "$(cat "$T/site2/duizhang-app.conf")" 'location /c/ \{[^}]*fastcgi_pass dz_confirm;' "/c/ to dz-confirm's upstream"
# add_header only in the snippet: every other block inherits all of them
others=$(grep -l '^[[:space:]]*add_header' "$T"/site/*.conf | grep -v duizhang-headers.conf)
is "$others" "" "add_header only in duizhang-headers.conf"
is "$(grep -c 'include .*duizhang-headers.conf' "$T/site/duizhang.conf")" 2 "both servers include the header snippet"
is "$(grep '^add_header' "$T/site/duizhang-headers.conf" | grep -vc ' always;$')" 0 "every add_header has always"
is "$(grep -c '^add_header' "$T/site/duizhang-headers.conf")" 10 "eight security headers, Cache-Control (nginx's own /c/ pages) and Retry-After (its 502/504)"
unlike "$(cat "$T/site/duizhang-headers.conf")" "unsafe-inline" "CSP without unsafe-inline"

done_testing
