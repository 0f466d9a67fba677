#!/bin/sh
# Checks that ctest can tell a skip from a failure (usage: skip_or_fail.sh
# <harness_cases>). ctest reads any output with "[  SKIPPED ]" as a skip, so:
# a suite whose SetUpTestSuite fails must exit non-zero without that line
# (tests/gtest_main.cpp), a test that skips itself must print it and exit 0.
set -u
cases="$1"
skip_line="[  SKIPPED ]"
status=0

check() { # name filter expected-exit(0/nonzero) expect-skip-line(yes/no)
  out=$("$cases" --gtest_filter="$2" 2>&1); code=$?
  problem=""
  if [ "$3" = nonzero ]; then [ "$code" -ne 0 ] || problem="exit 0, expected non-zero"
  elif [ "$code" -ne 0 ]; then problem="exit $code, expected 0"; fi
  if printf '%s\n' "$out" | grep -qF "$skip_line"; then has=yes; else has=no; fi
  [ "$has" = "$4" ] || problem="$problem${problem:+; }\"$skip_line\" printed: $has, expected $4"
  if [ -n "$problem" ]; then echo "FAIL $1: $problem"; status=1; else echo "ok   $1"; fi
}

check "a suite whose set-up fails is a failure" 'SetUpFails.*' nonzero no
check "a suite whose set-up fails is a failure beside passing tests" 'Passes.*:SetUpFails.*' nonzero no
check "a test that skips itself is a skip" 'SkipsItself.*' 0 yes
check "a pass is a pass" 'Passes.*' 0 no
exit $status
