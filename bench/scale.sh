#!/usr/bin/env bash
# The archive-scale table (issue 18): bash bench/scale.sh [TABLE.md]
# For each database (SQLite, and PostgreSQL when a local server is there)
# it grows one paper through the sizes in SCALES (default 10,000, 100,000
# and 1,000,000 stories; PG_SCALES for PostgreSQL, default the same),
# seeding only what each size adds, and at each size measures: the
# seeding rate, the median uncached article and home render and search
# p50/p95/max (the Go benchmarks in bench/render_test.go), the peak
# resident memory of a serving toasoan (GOMEMLIMIT as DEPLOY.md sets it,
# SERVER_GOMEMLIMIT to change it) after every sitemap and a sample of
# article pages, the slowest sitemap, and the database's size on disk.
# It writes a markdown table to TABLE.md (standard output without one).
# DATABASES="sqlite postgres" (the default) chooses which are measured.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=${SCALES:-"10000 100000 1000000"}
PG_SCALES=${PG_SCALES:-$SCALES}
DATABASES=${DATABASES:-"sqlite postgres"}
RUNS=${RUNS:-3}
LOAD_ARTICLES=${LOAD_ARTICLES:-2000}
REFERENCE=${REFERENCE:-100000} # the size the others are compared with
declare -A reference           # database -> its paper kept at REFERENCE stories
table=${1:-/dev/stdout}

work=$(mktemp -d /tmp/toasoan-scale.XXXX)
server=""
cleanup() { [ -z "$server" ] || kill "$server" 2>/dev/null || true; }
trap cleanup EXIT
go build -o "$work/toasoan" ./cmd/toasoan
go build -o "$work/benchtool" ./bench/benchtool
go test -c -o "$work/bench.test" ./bench/

# free_port is a loopback port nothing listens on (the machine is shared).
free_port() {
  local p
  for p in $(seq 18700 18799); do
    ss -ltn | grep -q "127.0.0.1:$p " || { echo "$p"; return; }
  done
  echo "no free port in 18700-18799" >&2; exit 1
}
# serve starts toasoan on a free port with the given flags and waits for
# it; $server is its pid, $addr its address and $started the seconds it
# took to answer.
serve() {
  local port; port=$(free_port); addr="http://127.0.0.1:$port"
  local began; began=$(date +%s.%N)
  # As DEPLOY.md runs it: with a soft memory limit of the cache plus ~86 MiB.
  GOMEMLIMIT=${SERVER_GOMEMLIMIT:-150MiB} "$work/toasoan" serve --weather-url "" --addr "127.0.0.1:$port" --log-level warn "$@" >>"$work/server.log" 2>&1 & server=$!
  for _ in $(seq 3000); do
    kill -0 "$server" 2>/dev/null || { echo "toasoan did not start:" >&2; tail "$work/server.log" >&2; exit 1; }
    curl -sf "$addr/healthz" >/dev/null && { started=$(awk -v a="$began" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}'); return; }
    sleep 0.1
  done
  echo "toasoan did not answer on $addr" >&2; exit 1
}
stop() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# metric FILE PATTERN UNIT: the median over the runs of one benchmark's
# metric ("ns/op", "p95-ms", ...), for the benchmark lines matching PATTERN.
metric() {
  grep -E "$2" "$1" | awk -v unit="$3" '{for (i = 2; i <= NF; i++) if ($i == unit) print $(i-1)}' | median
}

# measure DB SOURCE SIZE SEEDLOG: one row of the table, from a paper of
# SIZE stories at SOURCE, while no server runs on it.
measure() {
  local db=$1 source=$2 size=$3 seedlog=$4 env bench
  if [ "$db" = sqlite ]; then env=TOASOAN_BENCH_SQLITE; else env=TOASOAN_BENCH_POSTGRES; fi
  bench="$work/go-$db-$size.txt"
  (cd bench && env "$env=$source" "$work/bench.test" -test.run XXX -test.bench RenderUncached -test.benchtime 1000x -test.count "$RUNS" >"$bench")
  (cd bench && env "$env=$source" "$work/bench.test" -test.run XXX -test.bench 'Search$' -test.benchtime 40x -test.count "$RUNS" >>"$bench")
  (cd bench && env "$env=$source" "$work/bench.test" -test.run XXX -test.bench 'SearchSimilar' -test.benchtime 40x -test.count "$RUNS" >>"$bench")
  # The machine is shared: the article render is also measured against
  # the paper kept at REFERENCE stories, turn about, and given as a ratio.
  local side=""
  if [ -n "${reference[$db]:-}" ]; then
    for _ in $(seq "$RUNS"); do
      (cd bench && env "$env=${reference[$db]}" "$work/bench.test" -test.run XXX -test.bench 'RenderUncached/.*/article' -test.benchtime 1000x >>"$work/side-ref-$db-$size.txt")
      (cd bench && env "$env=$source" "$work/bench.test" -test.run XXX -test.bench 'RenderUncached/.*/article' -test.benchtime 1000x >>"$work/side-$db-$size.txt")
    done
    side=$(awk -v a="$(metric "$work/side-$db-$size.txt" article ns/op)" -v b="$(metric "$work/side-ref-$db-$size.txt" article ns/op)" 'BEGIN {printf "%.2f", a / b}')
  fi
  if [ "$db" = sqlite ]; then serve --data "$(dirname "$source")"; else serve --database "$source" --data "$work/pg-data"; fi
  # Every sitemap, the slowest timed, then a sample of the stories they
  # name spread over the whole archive, four readers at once.
  : >"$work/urls"; local slowest=0 slowest_url="" t
  curl -sf "$addr/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed 's/<[^>]*>//g' | sed "s#^[a-z]*://[^/]*#$addr#" >"$work/sitemaps"
  while read -r u; do
    t=$(curl -sf -o "$work/sitemap.part" -w '%{time_total}' "$u")
    grep -o '<loc>[^<]*-post[0-9]*\.html</loc>' "$work/sitemap.part" | sed 's/<[^>]*>//g' | sed "s#^[a-z]*://[^/]*#$addr#" >>"$work/urls" || true
    if awk -v a="$t" -v b="$slowest" 'BEGIN { exit !(a > b) }'; then slowest=$t; slowest_url=$u; fi
  done <"$work/sitemaps"
  local stories; stories=$(wc -l <"$work/urls")
  awk -v n="$stories" -v k="$LOAD_ARTICLES" 'NR % (int(n / k) + 1) == 0' "$work/urls" | xargs -P 4 -n 50 sh -c 'for u; do curl -sf -o /dev/null "$u" || exit 1; done' sh
  local hwm rss
  hwm=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$server/status"); rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server/status")
  stop
  local bytes
  if [ "$db" = sqlite ]; then bytes=$(du -cb "$source"* | tail -1 | cut -f1)
  else bytes=$(psql "$source" -qtAc 'SELECT pg_database_size(current_database())'); fi
  local rate; rate=$(grep -o '[0-9]* bài/giây)' "$seedlog" | tail -1 | cut -d' ' -f1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$db" "$size" "${rate:-?}" \
    "$(metric "$bench" 'RenderUncached/.*article' ns/op)" "$(metric "$bench" 'RenderUncached/.*home' ns/op)" \
    "$(metric "$bench" '^BenchmarkSearch/' p50-ms)" "$(metric "$bench" '^BenchmarkSearch/' p95-ms)" "$(metric "$bench" '^BenchmarkSearch/' max-ms)" \
    "$(metric "$bench" 'SearchSimilar' ns/op)" "$hwm" "$rss" "$bytes" "$(awk -v t="$slowest" 'BEGIN {printf "%.0f", t * 1000}')" "${slowest_url##*/}" \
    "$started" "${side:-}" >>"$work/rows.tsv"
  # Keep this size's paper as the reference the larger ones are measured against.
  if [ "$size" = "$REFERENCE" ]; then
    if [ "$db" = sqlite ]; then
      mkdir -p "$work/reference"; cp "$source"* "$work/reference/"; reference[$db]="$work/reference/$(basename "$source")"
    else
      su postgres -c "psql -qc 'CREATE DATABASE toasoan_scale_ref TEMPLATE toasoan_scale'" >/dev/null
      reference[$db]="${source/toasoan_scale/toasoan_scale_ref}"
    fi
  fi
  echo "measured $db at $size stories: $(tail -1 "$work/rows.tsv")"
}

# grow DB SOURCE SCALES...: from an empty paper with the demo, seed to
# each size in turn and measure.
grow() {
  local db=$1 source=$2; shift 2
  local size
  for size in "$@"; do
    echo "== $db: seeding to $size stories"
    "$work/benchtool" seed --database "$source" --articles "$size" | tee "$work/seed-$db-$size.log"
    # What autovacuum would have done on a paper in use: without the
    # planner's statistics PostgreSQL's first plans are much slower.
    [ "$db" = sqlite ] || psql "$source" -qc 'VACUUM ANALYZE'
    measure "$db" "$source" "$size" "$work/seed-$db-$size.log"
  done
}

: >"$work/rows.tsv"
if [[ " $DATABASES " == *" sqlite "* ]]; then
  serve --data "$work/sqlite"; stop # the demo paper, with its sections and bylines
  # shellcheck disable=SC2086 # SCALES is a list
  grow sqlite "$work/sqlite/toasoan.db" $SCALES
fi

if [[ " $DATABASES " == *" postgres "* ]] && command -v psql >/dev/null && su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1; then
  su postgres -c "psql -qc 'DROP DATABASE IF EXISTS toasoan_scale'" >/dev/null
  su postgres -c "psql -qc 'DROP DATABASE IF EXISTS toasoan_scale_ref'" >/dev/null
  su postgres -c "psql -qc \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'toasoan') THEN CREATE ROLE toasoan LOGIN PASSWORD 'toasoan' SUPERUSER; END IF; END \\\$\\\$\"" >/dev/null
  su postgres -c "psql -qc 'CREATE DATABASE toasoan_scale OWNER toasoan'" >/dev/null
  pg="postgres://toasoan:toasoan@127.0.0.1:5432/toasoan_scale?sslmode=disable"
  serve --database "$pg" --data "$work/pg-data"; stop
  # shellcheck disable=SC2086
  grow postgres "$pg" $PG_SCALES
  su postgres -c "psql -qc 'DROP DATABASE toasoan_scale'" >/dev/null
  su postgres -c "psql -qc 'DROP DATABASE IF EXISTS toasoan_scale_ref'" >/dev/null
fi

# The table, each size's render and memory also as a ratio of the same
# database's figure at REFERENCE stories (the target: at most 1.2).
awk -F'\t' -v ref="$REFERENCE" '
  function ms(ns) { return sprintf("%.2f", ns / 1e6) }
  function ratio(a, b) { return (b > 0 && a != "") ? sprintf("%.2f", a / b) : "n/a" }
  { row[NR] = $0 } $2 == ref { render[$1] = $4; hwm[$1] = $10 }
  END {
    print "| database | stories | seeding (stories/s) | first answer after start (s) | article render (ms) | ×100k | ×100k side by side | home render (ms) | search p50 / p95 / max (ms) | similar stories (ms) | server memory, peak / after (MB) | ×100k | slowest sitemap (ms) | database size (MB) |"
    print "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    for (i = 1; i <= NR; i++) {
      split(row[i], f, "\t")
      printf "| %s | %d | %s | %s | %s | %s | %s | %s | %s / %s / %s | %s | %s / %s | %s | %s (%s) | %.0f |\n", f[1], f[2], f[3], f[15], ms(f[4]), ratio(f[4], render[f[1]]),
        (f[16] == "" ? "—" : f[16]), ms(f[5]), f[6], f[7], f[8], ms(f[9]), f[10], f[11], ratio(f[10], hwm[f[1]]), f[13], f[14], f[12] / 1048576
    }
  }' "$work/rows.tsv" >"$table"
echo "scale table in $table (raw figures in $work)" >&2
