#!/usr/bin/env bash
# Builds the .deb with CPack and checks what an operator gets: the Depends CPack
# computed, every file the package must install, the conffile and the maintainer
# scripts.
# Usage: deb_contents_test.sh CPACK BUILD_DIR SOURCE_DIR OUT_DIR INSTALL_PREFIX
set -euo pipefail

cpack=$1 build_dir=$2 source_dir=$3 out_dir=$4 prefix=$5

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

[ "$prefix" = /usr ] || skip "this tree installs into $prefix; a .deb needs CMAKE_INSTALL_PREFIX=/usr (preset 'package' or 'ci')"
[ -f "$build_dir/CPackConfig.cmake" ] || skip "$build_dir has no CPackConfig.cmake (see the configure log for why)"
command -v dpkg-deb >/dev/null || skip "dpkg-deb is not installed"

rm -rf "$out_dir"
mkdir -p "$out_dir"
echo "building the package: cpack -G DEB in $build_dir"
(cd "$build_dir" && "$cpack" -G DEB --config CPackConfig.cmake -B "$out_dir") >"$out_dir/cpack.log" 2>&1 ||
  { cat "$out_dir/cpack.log" >&2; fail "cpack failed"; }

shopt -s nullglob
debs=("$out_dir"/convoca_*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one convoca_*.deb in $out_dir, found ${#debs[@]}"
deb=${debs[0]}
echo "package: $deb"
dpkg-deb -I "$deb"

# Depends: the shared libraries dpkg-shlibdeps found, plus the run-time packages.
depends=$(dpkg-deb -f "$deb" Depends)
for package in libxapian30 'libpocofoundation[0-9]' 'libpoconet[0-9]' 'libpocojson[0-9]' 'libpocodatasqlite[0-9]' \
  'libxml2 ' 'libcld2-0 ' 'libpoppler-cpp[0-9]' 'libc6 ' 'libstdc\+\+6 ' 'adduser($|,)' 'tzdata($|,)' \
  'ca-certificates($|,)'; do
  grep -Eq "(^|, )$package" <<<"$depends" || fail "Depends does not name /$package/: $depends"
done
[ "$(dpkg-deb -f "$deb" Package)" = convoca ] || fail "the package is not named convoca"

# Files: paths as dpkg-deb -c prints them, without the leading "." and dirs.
listing=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep -v '/$')
expect() { grep -qxF "$1" <<<"$listing" || fail "the package lacks $1"; }
expect /usr/bin/convoca
for plugin_list in "$source_dir"/plugins/*/CMakeLists.txt; do
  plugin=$(basename "$(dirname "$plugin_list")")
  [ "$plugin" = sdk ] && continue
  expect "/usr/lib/convoca/plugins/$plugin.so"
done
(cd "$source_dir/host/web/assets" && find . -type f | sed 's|^\./||') | while read -r asset; do
  expect "/usr/share/convoca/web/$asset"
done
expect /usr/include/convoca/plugin.h
expect /usr/include/convoca/plugin.hpp
expect /usr/lib/cmake/ConvocaPluginSDK/ConvocaPluginSDKConfig.cmake
expect /usr/lib/cmake/ConvocaPluginSDK/ConvocaPluginSDKConfigVersion.cmake
expect /usr/lib/cmake/ConvocaPluginSDK/ConvocaPlugin.cmake
expect /usr/share/convoca/plugin-sdk/template/CMakeLists.txt
expect /etc/convoca/convoca.properties
expect /usr/share/doc/convoca/README.md
unit_dir=$(grep -E '^/(usr/)?lib/systemd/system/convoca\.service$' <<<"$listing" | xargs -r dirname)
[ -n "$unit_dir" ] || fail "the package has no convoca.service under /lib/systemd/system or /usr/lib/systemd/system"
expect "$unit_dir/convoca-harvest.service"
expect "$unit_dir/convoca-harvest.timer"
if grep -E '^/(usr/local|var/lib|home|tmp|work)/' <<<"$listing"; then fail "the package installs files outside the system paths"; fi

# The configuration ships unchanged, as a conffile; the maintainer scripts run.
control=$(mktemp -d)
trap 'rm -rf "$control"' EXIT
dpkg-deb -e "$deb" "$control"
grep -qxF /etc/convoca/convoca.properties "$control/conffiles" || fail "conffiles does not list /etc/convoca/convoca.properties"
for script in postinst prerm postrm; do
  [ -x "$control/$script" ] || fail "the package has no executable $script"
  sh -n "$control/$script" || fail "$script is not valid sh"
  if grep -n '@[A-Z_]*@' "$control/$script"; then fail "$script has unreplaced @VARIABLES@"; fi
done
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./etc/convoca/convoca.properties | cmp - "$source_dir/packaging/convoca.properties" ||
  fail "the packaged convoca.properties differs from packaging/convoca.properties"

echo "PASS: $deb has its Depends, files, conffile and maintainer scripts"
