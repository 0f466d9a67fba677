#!/bin/sh
# Installs everything convoca needs to build, test and run on Debian 12.
# Usage: packaging/install-deps.sh [--runtime-only]
# Runs apt-get as root (uses sudo when not root and sudo exists).
set -eu

BUILD_PACKAGES="build-essential cmake pkg-config git clang-format \
 libpoco-dev libxapian-dev libxml2-dev libcld2-dev libpoppler-cpp-dev \
 libhowardhinnant-date-dev libsqlite3-dev libssl-dev \
 libgtest-dev libgmock-dev googletest libbenchmark-dev \
 chromium fonts-dejavu-core fonts-liberation \
 dpkg-dev file jq systemd \
 xapian-omega wrk clang libclang-rt-14-dev lld llvm"
RUNTIME_PACKAGES="xapian-tools tzdata ca-certificates curl sqlite3 libxml2-utils adduser \
 apertium apertium-eng-cat apertium-eng-spa apertium-fra-cat"

# The package tests (tests/packaging) need dpkg-dev and file (CPack runs
# dpkg-shlibdeps), jq, and systemd for systemd-analyze verify. The benchmark
# (tests/bench/run.sh) compares against Xapian's scriptindex (xapian-omega)
# and drives HTTP search with wrk. The sanitizer builds (CI's suite) and the
# fuzz targets (tests/fuzz) need clang, its sanitizer and libFuzzer runtimes
# (libclang-rt-14-dev), lld (links them faster) and llvm (llvm-symbolizer puts
# file and line into a sanitizer's report).
packages="$RUNTIME_PACKAGES"
if [ "${1:-}" != "--runtime-only" ]; then
  packages="$packages $BUILD_PACKAGES"
fi

# The browser tests (tests/browser) run Playwright on Node.js. A machine that
# already has Node from elsewhere (e.g. NodeSource, whose nodejs bundles npm and
# conflicts with Debian's npm) keeps it.
if [ "${1:-}" != "--runtime-only" ]; then
  command -v node >/dev/null 2>&1 || packages="$packages nodejs"
  command -v npm >/dev/null 2>&1 || packages="$packages npm"
fi

as_root=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then as_root="sudo"; else
    echo "install-deps: run as root (or install sudo)" >&2; exit 1; fi
fi

export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update
# shellcheck disable=SC2086
$as_root apt-get install -y --no-install-recommends $packages
