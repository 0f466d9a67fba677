#!/bin/sh
# Runs the hardening suites of README "Hardening" — source faults, hostile
# plugins and (when built) crash consistency — and prints, per scenario, what
# was injected and what held. Exits non-zero when any suite fails.
#
#   tests/hardening/run.sh [BUILD_DIR]     (default: build-ci, relative to the source root)
#
# The build directory must be configured with -DCONVOCA_BUILD_TESTS=ON; the
# suites and what they run (convoca, eu-ft, the test plugins) are built first
# unless CONVOCA_HARDENING_NO_BUILD=1.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build-ci}
case $build in
/*) ;;
*) build="$root/$build" ;;
esac
if [ ! -f "$build/CMakeCache.txt" ]; then
  echo "run.sh: $build is not a configured build directory" >&2
  echo "  cmake -S $root -B $build -DCONVOCA_BUILD_TESTS=ON" >&2
  exit 2
fi

suites="test_source_faults test_hostile_plugins test_crash_consistency"
if [ "${CONVOCA_HARDENING_NO_BUILD:-0}" != 1 ]; then
  known=$(cmake --build "$build" --target help 2>/dev/null)
  targets=""
  for suite in $suites; do
    if printf '%s\n' "$known" | grep -q "^\.\.\. $suite\$"; then targets="$targets $suite"; fi
  done
  # shellcheck disable=SC2086 # one word per target
  cmake --build "$build" --target $targets -j "${JOBS:-2}" >/dev/null || {
    echo "run.sh: building$targets failed" >&2
    exit 1
  }
fi

cd "$root" || exit 2 # the suites read fixtures relative to the source root, like ctest
failed=""
started=$(date +%s)
for suite in $suites; do
  exe=$(find "$build/tests/hardening" -name "$suite" -type f -perm -u+x 2>/dev/null | head -n 1)
  if [ -z "$exe" ]; then
    if [ "$suite" = test_crash_consistency ]; then
      echo "==== $suite: not in this build, skipped"
      continue
    fi
    echo "==== $suite: missing from $build" >&2
    failed="$failed $suite"
    continue
  fi
  echo "==== $suite"
  suite_started=$(date +%s)
  "$exe" --gtest_brief=1 || failed="$failed $suite"
  echo "==== $suite: $(($(date +%s) - suite_started)) s"
done

echo "==== hardening: $(($(date +%s) - started)) s in all"
if [ -n "$failed" ]; then
  echo "==== hardening FAILED:$failed"
  exit 1
fi
echo "==== hardening: every scenario held"
