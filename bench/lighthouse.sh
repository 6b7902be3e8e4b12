#!/usr/bin/env bash
# Lighthouse on the reader's pages, one command: bash bench/lighthouse.sh
# Starts the demo paper in a temporary folder, runs Lighthouse (npm, in
# tools/validate) with Debian's Chromium against the home page, a section,
# an article and a search, RUNS times each (mobile, Lighthouse's default),
# and prints the median performance and accessibility scores as a Markdown
# table for docs/BENCHMARKS.md. It fails only when something does not run.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
ADDR=${ADDR:-127.0.0.1:18190}
lighthouse=tools/validate/node_modules/.bin/lighthouse
[ -x "$lighthouse" ] || (cd tools/validate && npm ci --no-audit --no-fund >/dev/null)
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
[ -x "$CHROME_PATH" ] || { echo "Chromium not found at $CHROME_PATH (apt-get install chromium)" >&2; exit 1; }

work=$(mktemp -d /tmp/toasoan-lighthouse.XXXX)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
go build -o "$work/toasoan" ./cmd/toasoan
"$work/toasoan" serve --weather-url "" --data "$work/data" --addr "$ADDR" >"$work/server.log" 2>&1 & pid=$!
base=http://$ADDR
for _ in $(seq 300); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "$base/healthz" >/dev/null || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }

# The pages: the first section in the menu, the first story on the home page.
home=$(curl -sf "$base/")
section=$(grep -o 'href="/[a-z0-9-]\+/"' <<<"$home" | awk -F'"' 'NR == 1 {print $2}')
article=$(grep -o 'href="/[^"]*-post[0-9]*\.html"' <<<"$home" | awk -F'"' 'NR == 1 {print $2}')
[ -n "$section" ] && [ -n "$article" ] || { echo "no section or article on the demo home page" >&2; exit 1; }
pages=("Trang chủ|/" "Chuyên mục|$section" "Bài viết|$article" "Tìm kiếm|/tim-kiem?q=n%C3%B4ng+th%C3%B4n")

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
echo "| page | performance | accessibility |"
echo "|---|---|---|"
for entry in "${pages[@]}"; do
  name=${entry%%|*} path=${entry#*|}
  : >"$work/perf" ; : >"$work/a11y"
  for run in $(seq "$RUNS"); do
    report="$work/report-$run.json"
    "$lighthouse" "$base$path" --quiet --output=json --output-path="$report" \
      --only-categories=performance,accessibility --chrome-flags="$flags" >/dev/null 2>"$work/lighthouse.log" ||
      { echo "Lighthouse failed on $path:" >&2; tail -20 "$work/lighthouse.log" >&2; exit 1; }
    node -e 'const r=require(process.argv[1]); const s=c=>Math.round(r.categories[c].score*100);
      require("fs").appendFileSync(process.argv[2], s("performance")+"\n"); require("fs").appendFileSync(process.argv[3], s("accessibility")+"\n")' \
      "$report" "$work/perf" "$work/a11y"
  done
  shown=$(sed -E 's#^/[^?]*-post([0-9]+)\.html$#/…-post\1.html#; s#\?.*#?q=…#' <<<"$path")
  echo "| $name (\`$shown\`) | $(median <"$work/perf") | $(median <"$work/a11y") |"
done
echo
echo "Median of $RUNS runs each, Lighthouse $("$lighthouse" --version), $("$CHROME_PATH" --version 2>/dev/null | head -1), $(date +%F)."
