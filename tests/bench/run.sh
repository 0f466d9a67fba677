#!/usr/bin/env bash
# The performance comparison of issue 8 on one corpus, on this machine:
# indexing (convoca index vs Xapian's scriptindex), in-process search
# (convoca's Searcher vs SQLite FTS5, in convoca_bench), matching (the
# Matcher on BENCH_PROFILES seeded profiles), parsing (each plugin's parse()
# beside a plain parse of the same bytes, convoca_parse_bench) and HTTP search
# (convoca serve under wrk). Prints a table and writes OUT_DIR/results.md and
# OUT_DIR/results.json (see BENCHMARKS.md for the method).
#
# Usage: tests/bench/run.sh CORPUS.jsonl [OUT_DIR]
# Env:   CONVOCA_BUILD_DIR (default ./build; an optimised build: RelWithDebInfo)
#        BENCH_QUERIES (1000), BENCH_SEED (42), BENCH_PROFILES (100), BENCH_WRK_SECONDS (10),
#        BENCH_SKIP_HTTP=1
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${CONVOCA_BUILD_DIR:-$root/build}
corpus=$(realpath "${1:?usage: run.sh CORPUS.jsonl [OUT_DIR]}")
out=${2:-$(mktemp -d -t convoca-bench.XXXXXX)}
queries=${BENCH_QUERIES:-1000}
seed=${BENCH_SEED:-42}
wrk_seconds=${BENCH_WRK_SECONDS:-10}
convoca="$build/convoca"
bench="$build/tests/bench/convoca_bench"
parse_bench="$build/tests/bench/convoca_parse_bench"

for tool in "$convoca" "$bench" "$parse_bench"; do
  [ -x "$tool" ] || { echo "run.sh: $tool is not built" >&2; exit 1; }
done
for tool in scriptindex python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (packaging/install-deps.sh)" >&2; exit 1; }
done

mkdir -p "$out"
out=$(realpath "$out")
measurements="$out/measurements.env"
: >"$measurements"
record() { echo "$1=$2" >>"$measurements"; }

# Translation off: Apertium would dominate the indexing time and is not what
# this compares. The rate limit is lifted for wrk.
config="$out/bench.properties"
cat >"$config" <<PROPERTIES
translation.enabled = false
web.rate_limit.per_second = 1000000
web.rate_limit.burst = 1000000
PROPERTIES

record corpus "$corpus"
record corpus_bytes "$(stat -c %s "$corpus")"
record corpus_lines "$(grep -c . "$corpus")"
record build_type "$(grep -m1 '^CMAKE_BUILD_TYPE:' "$build/CMakeCache.txt" | cut -d= -f2)"

# /usr/bin/time: elapsed s, peak RSS KB, CPU % (over 100 means both cores).
timed() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M %P" -o "$out/$name.time" "$@"
  read -r seconds rss cpu <"$out/$name.time"
  record "${name}_seconds" "$seconds"
  record "${name}_peak_rss_kb" "$rss"
  record "${name}_cpu_percent" "${cpu%\%}"
}

echo "== convoca index (translation off) into a fresh data dir"
data="$out/convoca-data"
rm -rf "$data"
timed convoca_index "$convoca" --data "$data" --config "$config" index "$corpus" 2>"$out/convoca-index.log" ||
  { tail -5 "$out/convoca-index.log" >&2; exit 1; }
tail -1 "$out/convoca-index.log"
record convoca_index_bytes "$(du -sb "$data"/index-*/ | awk '{s += $1} END {print s}')"

echo "== scriptindex (omega.script) on the same records"
python3 "$here/jsonl_to_scriptindex.py" "$corpus" "$out/scriptindex-input.txt"
rm -rf "$out/scriptindex-db"
timed scriptindex scriptindex "$out/scriptindex-db" "$here/omega.script" "$out/scriptindex-input.txt" \
  >"$out/scriptindex.log" 2>&1 || { tail -5 "$out/scriptindex.log" >&2; exit 1; }
tail -1 "$out/scriptindex.log"
record scriptindex_bytes "$(du -sb "$out/scriptindex-db" | cut -f1)"

echo "== in-process search: convoca Searcher vs SQLite FTS5 ($queries queries, seed $seed)"
"$bench" --corpus "$corpus" --index "$data/index.stub" --fts-db "$out/fts5.sqlite" --queries "$queries" \
  --seed "$seed" --json "$out/search.json" --paths-out "$out/api-paths.txt" --profiles "${BENCH_PROFILES:-100}"

echo "== parsing: each plugin's parse() beside the floor (libxml2 / Poco JSON) on the same bytes"
"$parse_bench" --benchmark_min_time=0.5 --benchmark_out="$out/parse.json" --benchmark_out_format=json

if [ "${BENCH_SKIP_HTTP:-0}" != 1 ] && command -v wrk >/dev/null; then
  echo "== HTTP search: convoca serve under wrk, ${wrk_seconds}s each"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$convoca" --data "$data" --config "$config" serve --listen "127.0.0.1:$port" >"$out/serve.log" 2>&1 &
  serve_pid=$!
  trap 'kill "$serve_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/api/search?q=call" 2>/dev/null && break
    sleep 0.1
  done
  # Untimed warm-up, as convoca_bench warms up before its timed pass (serve's
  # first searches load the vocabularies; without it the 1-connection p99 held them).
  wrk -t 2 -c 2 -d 3s -s "$here/wrk_paths.lua" "http://127.0.0.1:$port" -- "$out/api-paths.txt" >/dev/null
  for connections in 1 2; do
    wrk -t "$connections" -c "$connections" -d "${wrk_seconds}s" --latency -s "$here/wrk_paths.lua" \
      "http://127.0.0.1:$port" -- "$out/api-paths.txt" >"$out/wrk-c$connections.txt"
    record "http_c${connections}_p50" "$(awk '$1 == "50%" {print $2}' "$out/wrk-c$connections.txt")"
    record "http_c${connections}_p99" "$(awk '$1 == "99%" {print $2}' "$out/wrk-c$connections.txt")"
    record "http_c${connections}_rps" "$(awk '/^Requests\/sec/ {print $2}' "$out/wrk-c$connections.txt")"
    record "http_c${connections}_non2xx" "$(awk '/Non-2xx/ {print $NF}' "$out/wrk-c$connections.txt")"
    # The raw latencies wrk_paths.lua timed itself (wrk's own are corrected for coordinated omission).
    record "http_c${connections}_raw_p50_ms" "$(awk '$1 == "raw" {print $5}' "$out/wrk-c$connections.txt")"
    record "http_c${connections}_raw_p99_ms" "$(awk '$1 == "raw" {print $9}' "$out/wrk-c$connections.txt")"
  done
  record serve_peak_rss_kb "$(awk '/^VmHWM/ {print $2}' "/proc/$serve_pid/status")"
  kill "$serve_pid"
  wait "$serve_pid" 2>/dev/null || true
  trap - EXIT
fi

python3 "$here/report.py" "$measurements" "$out/search.json" "$out" "$out/parse.json"
