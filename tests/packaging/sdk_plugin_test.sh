#!/usr/bin/env bash
# A plugin author's path: install convoca (into a staging root), build the SDK
# template as a project of its own against the installed SDK only, and check that
# this build's convoca loads the plugin it produced.
# Usage: sdk_plugin_test.sh BUILD_DIR WORK_DIR INSTALL_PREFIX
set -euo pipefail

build_dir=$1 work_dir=$2 prefix=$3

fail() { echo "FAIL: $*" >&2; exit 1; }
command -v jq >/dev/null || { echo "SKIP: jq is not installed (packaging/install-deps.sh installs it)"; exit 77; }

rm -rf "$work_dir"
stage=$work_dir/root
sdk_root=$stage$prefix
mkdir -p "$stage"

# DESTDIR rather than --prefix: the plugin, web and config paths are absolute,
# compiled into the program, and --prefix would not move them.
echo "installing $build_dir into $stage"
DESTDIR=$stage cmake --install "$build_dir" >"$work_dir/install.log" 2>&1 ||
  { cat "$work_dir/install.log" >&2; fail "cmake --install failed"; }
[ -f "$sdk_root/include/convoca/plugin.hpp" ] || fail "the SDK headers are not installed under $sdk_root/include"

# The template as it is installed, so what a third party copies is what is tested.
template=$sdk_root/share/convoca/plugin-sdk/template
[ -f "$template/CMakeLists.txt" ] || fail "the SDK template is not installed at $template"
echo "building $template against the SDK in $sdk_root"
cmake -S "$template" -B "$work_dir/plugin-build" -DCMAKE_PREFIX_PATH="$sdk_root" -DCMAKE_BUILD_TYPE=Release \
  >"$work_dir/plugin-configure.log" 2>&1 || { cat "$work_dir/plugin-configure.log" >&2; fail "configuring the template failed"; }
cmake --build "$work_dir/plugin-build" >"$work_dir/plugin-build.log" 2>&1 ||
  { cat "$work_dir/plugin-build.log" >&2; fail "building the template failed"; }

# It used the installed package config, not the source tree's SDK.
sdk_dir=$(sed -n 's/^ConvocaPluginSDK_DIR:PATH=//p' "$work_dir/plugin-build/CMakeCache.txt")
[ "$(realpath "$sdk_dir")" = "$(realpath "$sdk_root/lib/cmake/ConvocaPluginSDK")" ] ||
  fail "the template found the SDK in '$sdk_dir', not in $sdk_root/lib/cmake/ConvocaPluginSDK"
[ -f "$work_dir/plugin-build/template.so" ] || fail "the template build made no template.so"

plugin_dir=$work_dir/plugins
mkdir -p "$plugin_dir"
cp "$work_dir/plugin-build/template.so" "$plugin_dir/"
listing=$("$build_dir/convoca" plugins --json --plugin-dir "$plugin_dir")
state=$(jq -r --arg path "$plugin_dir/template.so" \
  '[.[] | select(.id == "template")] | if length == 1 then .[0] | "\(.state) \(.path)" else "count \(length)" end' \
  <<<"$listing")
[ "$state" = "ok $plugin_dir/template.so" ] || { echo "$listing" >&2; fail "convoca plugins shows the template as: $state"; }

echo "PASS: a plugin built out of tree against the installed SDK loads ($plugin_dir/template.so)"
