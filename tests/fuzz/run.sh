#!/usr/bin/env bash
# Runs one fuzz target for a bounded time on a fresh corpus built from its
# seeds (seeds.txt, read in place). Exits non-zero when the target crashes;
# libFuzzer then prints "Test unit written to <path>": that file is the input.
#
#   tests/fuzz/run.sh TARGET [SECONDS] [-- extra libFuzzer flags]
#
# Environment:
#   CONVOCA_FUZZ_BIN_DIR    where the *_fuzz executables are (default build-fuzz/tests/fuzz)
#   CONVOCA_FUZZ_CORPUS     a folder to keep the corpus in (long runs); default: a temp dir
#   CONVOCA_FUZZ_ARTIFACTS  where crashing inputs go (default <bin dir>/artifacts/TARGET)
#   CONVOCA_FUZZ_MAX_LEN    largest input tried, bytes (default 65536; bigger seeds are cut)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${1:?usage: run.sh TARGET [SECONDS] [-- libFuzzer flags]}"
seconds="${2:-60}"
shift $(($# >= 2 ? 2 : 1))
[[ "${1:-}" == "--" ]] && shift

bin_dir="${CONVOCA_FUZZ_BIN_DIR:-$root/build-fuzz/tests/fuzz}"
binary="$bin_dir/${target}_fuzz"
[[ -x "$binary" ]] || { echo "run.sh: no fuzz target $binary (build: cmake --build --preset fuzz)" >&2; exit 2; }
seed_line="$(grep -E "^${target}:" "$root/tests/fuzz/seeds.txt" || true)"
[[ -n "$seed_line" ]] || { echo "run.sh: $target has no line in tests/fuzz/seeds.txt" >&2; exit 2; }

if [[ -n "${CONVOCA_FUZZ_CORPUS:-}" ]]; then
  corpus="$CONVOCA_FUZZ_CORPUS"
  mkdir -p "$corpus"
else
  corpus="$(mktemp -d "${TMPDIR:-/tmp}/convoca-fuzz-$target.XXXXXX")"
  trap 'rm -rf "$corpus"' EXIT
fi
artifacts="${CONVOCA_FUZZ_ARTIFACTS:-$bin_dir/artifacts/$target}"
mkdir -p "$artifacts"

# Copies one seed file into the corpus (a .jsonl file as one seed per line);
# names carry a counter so equal base names from different folders never clash.
count=0
add_seed() {
  local file="$1"
  if [[ "$file" == *.jsonl ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
      [[ -n "$line" ]] || continue
      count=$((count + 1))
      printf '%s' "$line" >"$corpus/seed-$count"
    done <"$file"
  else
    count=$((count + 1))
    cp "$file" "$corpus/seed-$count-$(basename "$file")"
  fi
}

cd "$root"
for pattern in ${seed_line#*:}; do
  if [[ "$pattern" == ../shared/* && ! -d ../shared/fixtures-real ]]; then
    echo "run.sh: skipping seeds $pattern: ../shared/fixtures-real is absent"
    continue
  fi
  shopt -s nullglob
  # shellcheck disable=SC2206 # the pattern is a glob from seeds.txt: expanding it is the point
  matches=($pattern)
  shopt -u nullglob
  [[ ${#matches[@]} -gt 0 ]] || echo "run.sh: warning: no seed matches $pattern"
  for match in "${matches[@]}"; do
    if [[ -d "$match" ]]; then
      for file in "$match"/*; do [[ -f "$file" ]] && add_seed "$file"; done
    else
      add_seed "$match"
    fi
  done
done
echo "run.sh: $target: $count seeds, ${seconds}s, corpus $corpus, crashes go to $artifacts/"

# Leak checks stay on (a parser that leaks per input is a finding too), where
# they can run: LeakSanitizer stops the process's threads with ptrace, which
# some containers forbid; every run then ends in "LeakSanitizer has
# encountered a fatal error". One probe run finds out; without it, say so.
leak_flags=()
probe_input="$(mktemp)"
probe_output="$("$binary" -runs=1 "$probe_input" 2>&1 || true)"
rm -f "$probe_input"
if [[ "$probe_output" == *"LeakSanitizer has encountered a fatal error"* ]]; then
  echo "run.sh: WARNING: LeakSanitizer cannot run on this machine (ptrace denied?): $target runs without leak checks" >&2
  leak_flags=(-detect_leaks=0)
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fi

started="$(mktemp)" # only inputs newer than this are this run's
status=0
"$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -max_len="${CONVOCA_FUZZ_MAX_LEN:-65536}" -artifact_prefix="$artifacts/" "${leak_flags[@]}" "$@" "$corpus" || status=$?
if [[ $status -ne 0 ]]; then
  echo "run.sh: $target FAILED (exit $status); input(s) that failed:" >&2
  find "$artifacts" -type f -newer "$started" >&2
fi
rm -f "$started"
exit $status
