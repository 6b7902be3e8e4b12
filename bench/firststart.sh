#!/usr/bin/env bash
# firststart.sh measures the demo paper's first start: from launching the
# binary on an empty data folder until /healthz answers and the home page
# is served, and the CPU time the process had spent by then. It prints
# each run and the medians. Given a git revision as well, it builds that
# one too and alternates the two binaries run by run, so that a busy
# machine weighs on both alike; then it prints both medians.
# Usage: bash bench/firststart.sh [runs [revision]]   (default 7 runs)
set -euo pipefail
runs=${1:-7}
ref=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/this" ./cmd/toasoan
names=(this)
if [ -n "$ref" ]; then
	git worktree add -q --detach "$work/src" "$ref"
	(cd "$work/src" && go build -o "$work/ref" ./cmd/toasoan)
	git worktree remove --force "$work/src"
	names=(this ref)
fi
port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
ticks=$(getconf CLK_TCK)
for i in $(seq "$runs"); do
	for name in "${names[@]}"; do
		data="$work/data-$name-$i"
		start=$(date +%s%N)
		"$work/$name" serve --data "$data" --addr "127.0.0.1:$port" >"$work/out" 2>&1 &
		pid=$!
		until curl -sf -o /dev/null "$base/healthz"; do sleep 0.01; done
		curl -sf -o "$work/home.html" "$base/"
		end=$(date +%s%N)
		cpu=$(awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$pid/stat")
		kill "$pid"
		wait "$pid" || true
		grep -q '<img' "$work/home.html" || { echo "$name run $i: the home has no pictures" >&2; exit 1; }
		wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
		echo "$name run $i: $wall s to the home, $cpu s of CPU"
		echo "$wall $cpu" >>"$work/times-$name"
	done
done
median() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f s (%.2f–%.2f)", m, v[1], v[NR] }'; }
for name in "${names[@]}"; do
	label=$name
	[ "$name" = ref ] && label="$ref"
	echo "$label: median of $runs: $(cut -d' ' -f1 "$work/times-$name" | median) to the home; CPU $(cut -d' ' -f2 "$work/times-$name" | median)"
done
