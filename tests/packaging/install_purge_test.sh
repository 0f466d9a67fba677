#!/usr/bin/env bash
# The operator's path on a Debian 12 machine, as root: dpkg -i, run convoca as the
# convoca user, systemd-analyze verify the units, dpkg --purge, and nothing left.
# Skipped (exit 77) unless root and unless convoca is absent from this machine.
# Usage: install_purge_test.sh PACKAGE_DIR INSTALL_PREFIX
set -euo pipefail

package_dir=$1 prefix=$2

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# package_deb makes no package then, and says why.
[ "$prefix" = /usr ] || skip "this tree installs into $prefix; package_deb builds no .deb here"
[ "$(id -u)" -eq 0 ] || skip "installs a package: run as root (CI does, on a throwaway machine)"
command -v dpkg >/dev/null || skip "dpkg is not installed"
if dpkg-query -W -f='${db:Status-Status}' convoca 2>/dev/null | grep -qv '^not-installed$'; then
  skip "a convoca package is already on this machine ($(dpkg-query -W -f='${db:Status-Status}' convoca))"
fi
getent passwd convoca >/dev/null && skip "a user convoca already exists; purging would delete it"
getent group convoca >/dev/null && skip "a group convoca already exists; purging would delete it"
for path in /etc/convoca /var/lib/convoca /usr/lib/convoca /usr/share/convoca; do
  [ -e "$path" ] && skip "$path already exists; purging would delete it"
done

shopt -s nullglob
debs=("$package_dir"/convoca_*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one convoca_*.deb in $package_dir (made by package_deb), found ${#debs[@]}"
deb=${debs[0]}

installed=0
# A failed check must not leave the package on the machine.
cleanup() { if [ "$installed" -eq 1 ]; then dpkg --purge convoca >/dev/null 2>&1 || true; fi; }
trap cleanup EXIT

echo "dpkg -i $deb"
installed=1
dpkg -i "$deb" || fail "dpkg -i failed"

# What postinst created.
getent passwd convoca | grep -q ':/var/lib/convoca:/usr/sbin/nologin$' ||
  fail "the convoca user is not a system user with home /var/lib/convoca: $(getent passwd convoca)"
uid=$(id -u convoca)
[ "$uid" -lt 1000 ] || fail "convoca has uid $uid, not a system uid"
getent group convoca >/dev/null || fail "no convoca group"
[ "$(stat -c '%U:%G %a' /var/lib/convoca)" = "convoca:convoca 750" ] ||
  fail "/var/lib/convoca is $(stat -c '%U:%G %a' /var/lib/convoca), expected convoca:convoca 750"
dpkg-query -W -f='${Conffiles}\n' convoca | grep -q '^ /etc/convoca/convoca.properties ' ||
  fail "dpkg does not hold /etc/convoca/convoca.properties as a conffile"

# The program works as the service user, from a neutral directory (in a source
# tree convoca would use the tree's ./var and ignore /etc/convoca).
cd /
version=$(runuser -u convoca -- convoca --version) || fail "convoca --version failed as the convoca user"
echo "as convoca: $version"
plugins=$(runuser -u convoca -- convoca plugins) || fail "convoca plugins failed as the convoca user"
echo "$plugins"
plugins_json=$(runuser -u convoca -- convoca plugins --json) || fail "convoca plugins --json failed as the convoca user"
bundled=$(jq -r '[.[] | select(.state == "ok" and (.path | startswith("/usr/lib/convoca/plugins/")))] | length' <<<"$plugins_json")
[ "$bundled" -ge 1 ] || fail "convoca plugins shows no usable plugin from /usr/lib/convoca/plugins"
jq -e '.[] | select(.id == "eu-ft" and .state == "ok")' <<<"$plugins_json" >/dev/null ||
  fail "the bundled eu-ft plugin is not listed as usable"

# The units as installed. --man=no: no man pages to look up in a minimal machine.
units=$(dpkg -L convoca | grep -E '/systemd/system/convoca[^/]*\.(service|timer)$')
[ "$(wc -l <<<"$units")" -eq 3 ] || fail "expected 3 installed units, got: $units"
if command -v systemd-analyze >/dev/null; then
  # shellcheck disable=SC2086
  verify=$(systemd-analyze verify --man=no $units 2>&1) || { echo "$verify" >&2; fail "systemd-analyze verify rejected the units"; }
  if grep -i 'convoca' <<<"$verify"; then fail "systemd-analyze verify warns about the units"; fi
  echo "systemd-analyze verify --man=no: units accepted"
else
  fail "systemd-analyze is not installed (package systemd; packaging/install-deps.sh installs it)"
fi

# Reinstalling (the upgrade path) and removing keep the data, the configuration
# and the user; only purge deletes them.
runuser -u convoca -- touch /var/lib/convoca/kept-by-remove
echo "dpkg -i again (upgrade path)"
dpkg -i "$deb" >/dev/null || fail "reinstalling over the installed package failed"
[ -e /var/lib/convoca/kept-by-remove ] || fail "reinstalling lost the data in /var/lib/convoca"
echo "dpkg -r convoca"
dpkg -r convoca >/dev/null || fail "dpkg -r failed"
[ ! -e /usr/bin/convoca ] || fail "dpkg -r left /usr/bin/convoca"
[ -e /var/lib/convoca/kept-by-remove ] || fail "dpkg -r deleted the data in /var/lib/convoca"
[ -f /etc/convoca/convoca.properties ] || fail "dpkg -r deleted the configuration"
getent passwd convoca >/dev/null || fail "dpkg -r deleted the convoca user"

echo "dpkg --purge convoca"
dpkg --purge convoca || fail "dpkg --purge failed"
installed=0

# Nothing left behind.
[ "$(dpkg-query -W -f='${db:Status-Status}' convoca 2>/dev/null || echo not-installed)" = not-installed ] ||
  fail "dpkg still knows convoca: $(dpkg -l convoca | tail -1)"
for path in /etc/convoca /var/lib/convoca /usr/lib/convoca /usr/share/convoca /usr/share/doc/convoca \
  /usr/include/convoca /usr/lib/cmake/ConvocaPluginSDK /usr/bin/convoca /var/lib/systemd/timers/stamp-convoca-harvest.timer; do
  [ ! -e "$path" ] || fail "$path is still there after purge"
done
while read -r unit; do [ ! -e "$unit" ] || fail "$unit is still there after purge"; done <<<"$units"
leftovers=$(find /etc/systemd /var/lib/systemd -name '*convoca*' 2>/dev/null || true)
[ -z "$leftovers" ] || fail "systemd state left after purge: $leftovers"
! getent passwd convoca >/dev/null || fail "the convoca user is still there after purge"
! getent group convoca >/dev/null || fail "the convoca group is still there after purge"

echo "PASS: installed, ran as convoca, units verified, purged without leftovers"
