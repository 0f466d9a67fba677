#!/usr/bin/env bash
# Load run of issue 7: `convoca serve` under wrk with the seeded query mix of
# the benchmarks (tests/bench/query_mix.cpp), first alone, then while writers
# commit into the same index (`convoca index` batches and a replayed eu-ft
# harvest, one after the other, for the whole window). Fails unless both
# windows end with zero socket errors and zero non-2xx answers; prints p50,
# p90 and p99 of each window and writes them to OUT_DIR/load.md.
#
# Usage: tests/load/run.sh CORPUS.jsonl [DATA_DIR] [OUT_DIR]
#   CORPUS   the records the index holds (convoca bench corpus --records 100000)
#   DATA_DIR a data folder already indexed from CORPUS (indexed here when absent)
# Env:     CONVOCA_BUILD_DIR (default ./build; use an optimised build),
#          LOAD_SECONDS (30 per window), LOAD_CONNECTIONS (2), LOAD_SEED (42)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${CONVOCA_BUILD_DIR:-$root/build}
corpus=$(realpath "${1:?usage: run.sh CORPUS.jsonl [DATA_DIR] [OUT_DIR]}")
out=${3:-$(mktemp -d -t convoca-load.XXXXXX)}
data=${2:-$out/data}
seconds=${LOAD_SECONDS:-30}
connections=${LOAD_CONNECTIONS:-2}
seed=${LOAD_SEED:-42}
convoca="$build/convoca"
bench="$build/tests/bench/convoca_bench"

for tool in "$convoca" "$bench"; do
  [ -x "$tool" ] || { echo "load: $tool is not built" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "load: wrk is missing (packaging/install-deps.sh)" >&2; exit 1; }
mkdir -p "$out"
out=$(realpath "$out")

# Translation off (Apertium is not what this loads); the per-client rate limit
# is lifted, since every wrk connection comes from 127.0.0.1.
config="$out/load.properties"
cat >"$config" <<PROPERTIES
translation.enabled = false
web.rate_limit.per_second = 1000000
web.rate_limit.burst = 1000000
PROPERTIES

if [ ! -e "$data/index.stub" ]; then
  echo "== indexing $corpus into $data (once)"
  "$convoca" --data "$data" --config "$config" index "$corpus" 2>"$out/index.log"
fi
echo "== index: $(du -sb "$data"/index-*/ | awk '{s += $1} END {print s}') bytes"

echo "== the query mix (seed $seed), as /api/search paths"
"$bench" --corpus "$corpus" --index "$data/index.stub" --fts-db "$out/fts5.sqlite" --queries 1000 \
  --seed "$seed" --paths-out "$out/paths.txt" --profiles 0 >"$out/bench.log"
rm -f "$out/fts5.sqlite"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$convoca" --data "$data" --config "$config" serve --listen "127.0.0.1:$port" >"$out/serve.log" 2>&1 &
serve_pid=$!
writer_pid=
cleanup() {
  [ -n "$writer_pid" ] && kill "$writer_pid" 2>/dev/null
  kill "$serve_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  sleep 0.2
done

# Writers for the second window: each `convoca index` batch is new records
# (another seed), so every round commits; the harvest replays eu-ft's
# recorded exchanges through a worker, like the nightly run.
writers() {
  local round=0
  while :; do
    round=$((round + 1))
    "$convoca" bench corpus --records 2000 --seed $((1000 + round)) --out "$out/batch.jsonl" 2>/dev/null
    "$convoca" --data "$data" --config "$config" index "$out/batch.jsonl" >>"$out/writers.log" 2>&1
    "$convoca" --data "$data" --config "$config" harvest --source eu-ft \
      --replay "$root/fixtures/eu-ft/exchanges" >>"$out/writers.log" 2>&1
    echo "round $round committed at $(date +%T)" >>"$out/writers.log"
  done
}

failed=0
window() {
  local name=$1
  wrk -t "$connections" -c "$connections" -d "${seconds}s" --latency -s "$root/tests/bench/wrk_paths.lua" \
    "http://127.0.0.1:$port" -- "$out/paths.txt" >"$out/wrk-$name.txt"
  local requests errors non2xx p50 p90 p99
  requests=$(awk '/requests in/ {print $1}' "$out/wrk-$name.txt")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out/wrk-$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$out/wrk-$name.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$out/wrk-$name.txt")
  p90=$(awk '$1 == "90%" {print $2}' "$out/wrk-$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$out/wrk-$name.txt")
  errors=${errors:-0}
  non2xx=${non2xx:-0}
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$requests" "$errors" "$non2xx" "$p50" "$p90" "$p99" \
    | tee -a "$out/load.md"
  if [ "$errors" != 0 ] || [ "$non2xx" != 0 ]; then failed=1; fi
}

{
  echo "Load run $(date -u +%FT%TZ): $(grep -c . "$corpus") records, $connections connections, ${seconds}s per window"
  echo
  echo "| window | requests | socket errors | non-2xx | p50 | p90 | p99 |"
  echo "|---|---|---|---|---|---|---|"
} | tee "$out/load.md"
window search-only
writers &
writer_pid=$!
window while-writing
kill "$writer_pid" 2>/dev/null || true
wait "$writer_pid" 2>/dev/null || true
writer_pid=
rounds=$(grep -c committed "$out/writers.log" || true)
echo | tee -a "$out/load.md"
echo "Writers committed $rounds full rounds (2000 records + an eu-ft harvest each) during the second window." \
  | tee -a "$out/load.md"
grep -i "error\|fail" "$out/writers.log" | head -5 || true
if [ "$failed" != 0 ]; then
  echo "load: FAILED (errors or non-2xx answers; see $out/wrk-*.txt and $out/serve.log)" >&2
  exit 1
fi
echo "load: held — zero errors in both windows (details in $out)"
