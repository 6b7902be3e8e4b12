#!/usr/bin/env bash
# The benchmark suite, one command: bash bench/run.sh
# Installs wrk and nginx from Debian's packages when missing, builds a
# 100,000-article paper on SQLite (and on PostgreSQL when a local server
# is there), measures, and writes docs/BENCHMARKS.md. It never fails
# because of speed; it fails only when something does not run.
set -euo pipefail
cd "$(dirname "$0")/.."
ARTICLES=${ARTICLES:-100000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-10s}

need() { command -v "$1" >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need nginx nginx
[ -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] || need no-such-command libnginx-mod-http-cache-purge
need varnishd varnish
ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || need no-such-command varnish-modules

work=$(mktemp -d /tmp/toasoan-bench.XXXX)
chmod 755 "$work" # nginx's workers run as nobody and must read the page and their cache
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
go build -o "$work/toasoan" ./cmd/toasoan
go build -o "$work/benchtool" ./bench/benchtool

wait_up() { for _ in $(seq 300); do curl -sf "$1/healthz" >/dev/null && return; sleep 0.1; done; echo "server $1 did not start" >&2; exit 1; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# requests/s of one wrk run; a run with any answer other than 2xx/3xx
# (an error page is fast) stops the suite rather than count.
rps() {
  local out; out=$(wrk -t2 -c64 -d"$DURATION" -H 'Accept-Encoding: gzip' "$1")
  if grep -q "Non-2xx" <<<"$out"; then echo "wrk $1: error answers" >&2; echo "$out" >&2; exit 1; fi
  awk '/Requests\/sec/ {print int($2)}' <<<"$out"
}

echo "== SQLite paper with $ARTICLES articles"
"$work/toasoan" serve --weather-url "" --data "$work/sqlite" --addr 127.0.0.1:18101 >"$work/first-start.log" 2>&1 & pids+=($!)
wait_up http://127.0.0.1:18101; kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
"$work/benchtool" seed --database "$work/sqlite/toasoan.db" --articles "$ARTICLES"

"$work/toasoan" serve --weather-url "" --data "$work/sqlite" --addr 127.0.0.1:18101 >"$work/server.log" 2>&1 & pids+=($!)
server_pid=${pids[-1]}
wait_up http://127.0.0.1:18101
article=$(curl -s http://127.0.0.1:18101/thoi-su/ | grep -o 'href="/[^"]*-post[0-9]*\.html"' | head -1 | cut -d'"' -f2)
curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:18101$article" -o "$work/page.html.gz"
curl -s "http://127.0.0.1:18101$article" -o "$work/page.html"
page_bytes=$(stat -c %s "$work/page.html"); gzip_bytes=$(stat -c %s "$work/page.html.gz")

sed -e "s|server 127.0.0.1:8080;|server 127.0.0.1:18101;|" -e "s|listen 80;|listen 127.0.0.1:18130;|" \
  -e "s|/var/cache/nginx/toasoan|$work/nginx-cache|" deploy/nginx.conf >"$work/nginx-proxy.conf"
sed -e "s|server 127.0.0.1:8080;|server 127.0.0.1:18101;|" -e "s|listen 80;|listen 127.0.0.1:18140;|" \
  -e "s|/var/cache/toasoan/pages|$work/pages|" -e "s|upstream toasoan |upstream toasoan_pages |" \
  -e 's|http://toasoan\$request_uri|http://toasoan_pages$request_uri|' deploy/nginx-pages.conf >"$work/nginx-pages.conf"
sed -e "s|listen 10.0.0.5:8081;|listen 127.0.0.1:18151;|" -e "s|/var/cache/toasoan|$work|" deploy/nginx-pages-dav.conf >"$work/nginx-pages-dav.conf"
cat >"$work/nginx.conf" <<NGINX
load_module /usr/lib/nginx/modules/ngx_http_cache_purge_module.so;
$( [ "$(id -u)" = 0 ] && echo "user root; # the workers write the servers' page files into the suite's folder" )
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:18102;
    location = /page.html { alias $work/page.html.gz; default_type "text/html; charset=utf-8"; add_header Content-Encoding gzip; }
  }
  # nginx as the caching proxy in front of toasoan, purged by URL
  # (deploy/nginx.conf, docs/DEPLOY.md's layout for several servers).
  include $work/nginx-proxy.conf;
  # nginx sending the pages toasoan writes (deploy/nginx-pages.conf, the
  # layout for one server); its upstream renamed beside the other's.
  include $work/nginx-pages.conf;
  # the folder above written by the servers over HTTP (deploy/nginx-pages-dav.conf,
  # the layout for several servers).
  include $work/nginx-pages-dav.conf;
}
NGINX
nginx -c "$work/nginx.conf"; pids+=($(cat "$work/nginx.pid"))
"$work/benchtool" floor --addr 127.0.0.1:18103 --gzip-file "$work/page.html.gz" & pids+=($!)
"$work/benchtool" floor --addr 127.0.0.1:18105 --page-headers --gzip-file "$work/page.html.gz" & pids+=($!)
for u in http://127.0.0.1:18102/page.html http://127.0.0.1:18103/ http://127.0.0.1:18105/; do
  for _ in $(seq 50); do curl -sf -o /dev/null "$u" && break; sleep 0.1; done
  curl -sf -o /dev/null "$u" || { echo "$u does not answer 200" >&2; exit 1; }
done

echo "== wrk: nginx static, bare net/http, toasoan cached ($RUNS runs of $DURATION each)"
: >"$work/nginx.rps"; : >"$work/floor.rps"; : >"$work/floorh.rps"; : >"$work/toasoan.rps"
for _ in $(seq "$RUNS"); do
  rps http://127.0.0.1:18102/page.html >>"$work/nginx.rps"
  rps http://127.0.0.1:18103/ >>"$work/floor.rps"
  rps http://127.0.0.1:18105/ >>"$work/floorh.rps"
  rps "http://127.0.0.1:18101$article" >>"$work/toasoan.rps"
done
nginx_rps=$(median <"$work/nginx.rps"); floor_rps=$(median <"$work/floor.rps"); floorh_rps=$(median <"$work/floorh.rps"); toasoan_rps=$(median <"$work/toasoan.rps")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")

echo "== uncached pages (cache off)"
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
"$work/toasoan" serve --weather-url "" --data "$work/sqlite" --addr 127.0.0.1:18104 --cache-bytes 0 >"$work/nocache.log" 2>&1 & pids+=($!)
wait_up http://127.0.0.1:18104
: >"$work/uncached.rps"
for _ in $(seq "$RUNS"); do rps "http://127.0.0.1:18104$article" >>"$work/uncached.rps"; done
uncached_rps=$(median <"$work/uncached.rps")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

echo "== behind Varnish (deploy/varnish.vcl, purge by key), nginx (deploy/nginx.conf, purge by URL) and nginx with page files (deploy/nginx-pages.conf)"
"$work/toasoan" site set purge_url http://127.0.0.1:18120/.toasoan/purge --data "$work/sqlite" >/dev/null
"$work/toasoan" serve --weather-url "" --data "$work/sqlite" --addr 127.0.0.1:18101 --page-files "$work/pages" >"$work/proxied.log" 2>&1 & pids+=($!)
wait_up http://127.0.0.1:18101
sed 's/"8080"/"18101"/' deploy/varnish.vcl >"$work/varnish.vcl"
varnishd -F -j none -n "$work/varnish" -a 127.0.0.1:18120 -f "$work/varnish.vcl" -s malloc,256m >"$work/varnish.log" 2>&1 & pids+=($!)
wait_up http://127.0.0.1:18120
curl -sf -o /dev/null "http://127.0.0.1:18140$article"
[ "$(curl -s -o /dev/null -D - "http://127.0.0.1:18140$article" | tr -d '\r' | awk '/^X-Cache:/ {print $2}')" = HIT ] || { echo "nginx does not send the page's file" >&2; exit 1; }
: >"$work/nginx2.rps"; : >"$work/varnish.rps"; : >"$work/nginxproxy.rps"; : >"$work/nginxpages.rps"
for _ in $(seq "$RUNS"); do
  rps http://127.0.0.1:18102/page.html >>"$work/nginx2.rps"
  rps "http://127.0.0.1:18120$article" >>"$work/varnish.rps"
  rps "http://127.0.0.1:18130$article" >>"$work/nginxproxy.rps"
  rps "http://127.0.0.1:18140$article" >>"$work/nginxpages.rps"
done
nginx2_rps=$(median <"$work/nginx2.rps"); varnish_rps=$(median <"$work/varnish.rps"); nginxproxy_rps=$(median <"$work/nginxproxy.rps"); nginxpages_rps=$(median <"$work/nginxpages.rps")
token=$("$work/toasoan" token create --email admin@localhost --data "$work/sqlite")
section=$(curl -s -H "Authorization: Bearer $token" http://127.0.0.1:18101/api/v1/sections | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
{ "$work/benchtool" visible --first http://127.0.0.1:18101 --second http://127.0.0.1:18120 --token "$token" --section "$section" || echo "LATE: a change took over 1 s"; } | tee "$work/visible-varnish.txt"
# The same paper purging nginx by URL; running servers take the setting within a second.
"$work/toasoan" site set purge_url 'http://127.0.0.1:18130/.toasoan/purge{path}' --data "$work/sqlite" >/dev/null
sleep 2
{ "$work/benchtool" visible --first http://127.0.0.1:18101 --second http://127.0.0.1:18130 --token "$token" --section "$section" || echo "LATE: a change took over 1 s"; } | tee "$work/visible-nginx.txt"
{ "$work/benchtool" visible --first http://127.0.0.1:18101 --second http://127.0.0.1:18140 --token "$token" --section "$section" || echo "LATE: a change took over 1 s"; } | tee "$work/visible-pages.txt"
kill "${pids[-1]}" "${pids[-2]}"; wait "${pids[-1]}" "${pids[-2]}" 2>/dev/null || true
"$work/toasoan" site set purge_url "" --data "$work/sqlite" >/dev/null
# The same files sent by the server to nginx over HTTP, as each of several servers would.
"$work/toasoan" serve --weather-url "" --data "$work/sqlite" --addr 127.0.0.1:18101 --page-files http://127.0.0.1:18151/pages/ >"$work/proxied-dav.log" 2>&1 & pids+=($!)
wait_up http://127.0.0.1:18101
curl -sf -o /dev/null "http://127.0.0.1:18101$article"
for _ in $(seq 50); do
  [ "$(curl -s -o /dev/null -D - "http://127.0.0.1:18140$article" | tr -d '\r' | awk '/^X-Cache:/ {print $2}')" = HIT ] && break; sleep 0.1
done
[ -f "$work/pages$article.html" ] || { echo "the server sent nginx no page file" >&2; exit 1; }
: >"$work/nginx3.rps"; : >"$work/nginxdav.rps"
for _ in $(seq "$RUNS"); do
  rps http://127.0.0.1:18102/page.html >>"$work/nginx3.rps"
  rps "http://127.0.0.1:18140$article" >>"$work/nginxdav.rps"
done
nginx3_rps=$(median <"$work/nginx3.rps"); nginxdav_rps=$(median <"$work/nginxdav.rps")
{ "$work/benchtool" visible --first http://127.0.0.1:18101 --second http://127.0.0.1:18140 --token "$token" --section "$section" || echo "LATE: a change took over 1 s"; } | tee "$work/visible-dav.txt"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

echo "== Go benchmarks: render and search on SQLite"
TOASOAN_BENCH_SQLITE="$work/sqlite/toasoan.db" go test -run XXX -bench Render -benchtime 1000x -count "$RUNS" ./bench/ | tee "$work/go-sqlite.txt"
TOASOAN_BENCH_SQLITE="$work/sqlite/toasoan.db" go test -run XXX -bench Search -benchtime 40x -count "$RUNS" ./bench/ | tee -a "$work/go-sqlite.txt"
echo "== comment submissions on SQLite"
"$work/benchtool" comments --database "$work/sqlite/toasoan.db" --seconds 10 | tee "$work/comments-sqlite.txt"

pg_section="(PostgreSQL not measured: no local server)"
if command -v psql >/dev/null && su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1; then
  echo "== PostgreSQL paper with $ARTICLES articles"
  su postgres -c "psql -qc 'DROP DATABASE IF EXISTS toasoan_bench'" >/dev/null
  su postgres -c "psql -qc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'toasoan') THEN CREATE ROLE toasoan LOGIN PASSWORD 'toasoan' SUPERUSER; END IF; END \\\$\\\$\"" >/dev/null
  su postgres -c "psql -qc 'CREATE DATABASE toasoan_bench OWNER toasoan'" >/dev/null
  pg="postgres://toasoan:toasoan@127.0.0.1:5432/toasoan_bench?sslmode=disable"
  "$work/toasoan" serve --weather-url "" --database "$pg" --data "$work/pg-a" --addr 127.0.0.1:18111 >"$work/pg-a.log" 2>&1 & pids+=($!)
  wait_up http://127.0.0.1:18111
  "$work/benchtool" seed --database "$pg" --articles "$ARTICLES"
  "$work/toasoan" serve --weather-url "" --database "$pg" --data "$work/pg-a" --addr 127.0.0.1:18112 --demo=false >"$work/pg-b.log" 2>&1 & pids+=($!)
  wait_up http://127.0.0.1:18112
  token=$("$work/toasoan" token create --email admin@localhost --database "$pg")
  section=$(curl -s -H "Authorization: Bearer $token" http://127.0.0.1:18111/api/v1/sections | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
  "$work/benchtool" visible --first http://127.0.0.1:18111 --second http://127.0.0.1:18112 --token "$token" --section "$section" | tee "$work/visible.txt"
  TOASOAN_BENCH_POSTGRES="$pg" go test -run XXX -bench Render -benchtime 1000x -count "$RUNS" ./bench/ | tee "$work/go-postgres.txt"
  TOASOAN_BENCH_POSTGRES="$pg" go test -run XXX -bench Search -benchtime 40x -count "$RUNS" ./bench/ | tee -a "$work/go-postgres.txt"
  "$work/benchtool" comments --database "$pg" --seconds 10 | tee "$work/comments-postgres.txt"
  pg_section=""
fi

# The archive-scale table: its own papers, grown to each size in SCALES.
echo "== archive scale (bench/scale.sh)"
RUNS=$RUNS bash bench/scale.sh "$work/scale.md"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
{
  echo "# Benchmarks"
  echo
  echo "Written by \`bash bench/run.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)."
  echo "Numbers are medians of $RUNS runs; ratios compare runs made on the same machine in the same suite run."
  echo
  echo "## Cached article page (wrk -t2 -c64 -d$DURATION, gzip, $page_bytes bytes, $gzip_bytes compressed)"
  echo
  echo "| server | requests/s | vs nginx |"
  echo "|---|---|---|"
  echo "| nginx, static gzip file | $nginx_rps | 1.00 |"
  echo "| bare net/http, same bytes from memory | $floor_rps | $(ratio "$floor_rps" "$nginx_rps") |"
  echo "| bare net/http, same bytes and a hit's headers | $floorh_rps | $(ratio "$floorh_rps" "$nginx_rps") |"
  echo "| toasoan, page cache hit | $toasoan_rps | $(ratio "$toasoan_rps" "$nginx_rps") |"
  echo "| toasoan, cache off (uncached render) | $uncached_rps | $(ratio "$uncached_rps" "$nginx_rps") |"
  echo
  echo "## Behind a caching proxy (same page, same wrk settings; nginx static measured again beside them)"
  echo
  echo "| proxy in front of toasoan | requests/s | vs nginx static ($nginx2_rps) | publish visible through it |"
  echo "|---|---|---|---|"
  echo "| Varnish 7 + xkey, purged by key (deploy/varnish.vcl) | $varnish_rps | $(ratio "$varnish_rps" "$nginx2_rps") | $(cat "$work/visible-varnish.txt") |"
  echo "| nginx proxy_cache + cache purge module, purged by URL (deploy/nginx.conf) | $nginxproxy_rps | $(ratio "$nginxproxy_rps" "$nginx2_rps") | $(cat "$work/visible-nginx.txt") |"
  echo "| nginx sending toasoan's page files (deploy/nginx-pages.conf, --page-files) | $nginxpages_rps | $(ratio "$nginxpages_rps" "$nginx2_rps") | $(cat "$work/visible-pages.txt") |"
  echo "| the same files sent to nginx over HTTP, as by several servers (deploy/nginx-pages-dav.conf, --page-files http://…; nginx static $nginx3_rps beside it) | $nginxdav_rps | $(ratio "$nginxdav_rps" "$nginx3_rps") | $(cat "$work/visible-dav.txt") |"
  echo
  echo "Resident memory of the SQLite server with $ARTICLES articles after the load: $((rss_kb / 1024)) MB."
  echo
  echo "## Go benchmarks ($ARTICLES articles; ns/op, allocs/op; search p50/p95 in ms)"
  echo
  echo '```'
  grep -h "^Benchmark" "$work"/go-*.txt || true
  echo '```'
  echo
  echo "## Comment submissions (every rule applied, stored before the answer)"
  echo
  echo '```'
  for f in "$work"/comments-*.txt; do echo "$(basename "$f" .txt | cut -d- -f2): $(cat "$f")"; done
  echo '```'
  echo
  echo "## Publish on one server, visible on the second (PostgreSQL NOTIFY)"
  echo
  echo '```'
  cat "$work/visible.txt" 2>/dev/null || echo "$pg_section"
  echo '```'
  echo
  echo "## Archive scale (bench/scale.sh; ms are medians of $RUNS runs, memory is VmHWM / VmRSS of the serving process)"
  echo
  cat "$work/scale.md"
  cat bench/NOTES.md
} >"$work/results.md"
cp "$work/results.md" docs/BENCHMARKS.md
echo "results in docs/BENCHMARKS.md"
