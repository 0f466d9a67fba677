# The Debian package: install rules for what only the package needs (the
# configuration file and the systemd units) and every CPack setting.
#
#   cmake --preset package && cmake --build --preset package --target package
#
# The program finds its plugins, web assets and fixtures at paths compiled in from
# CMAKE_INSTALL_PREFIX, so only a tree configured with the prefix /usr (and
# CMAKE_INSTALL_LIBDIR=lib, which puts the plugins in /usr/lib/convoca/plugins)
# builds a .deb. The presets `package` and `ci` are configured that way.

set(CONVOCA_PACKAGING_DIR "${PROJECT_SOURCE_DIR}/packaging")

# /etc/convoca for the prefix /usr (GNUInstallDirs maps /usr/etc to /etc).
set(CONVOCA_INSTALL_CONFIG_DIR "${CMAKE_INSTALL_FULL_SYSCONFDIR}/convoca")
install(FILES "${CONVOCA_PACKAGING_DIR}/convoca.properties" DESTINATION "${CONVOCA_INSTALL_CONFIG_DIR}")

# Debian 12 keeps packaged units in /lib/systemd/system (systemd.pc says so);
# other prefixes use <prefix>/lib/systemd/system, which systemd also reads.
set(unit_dir "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_get_variable(systemd_unit_dir systemd systemdsystemunitdir)
    if(systemd_unit_dir)
      set(unit_dir "${systemd_unit_dir}")
    elseif(EXISTS "/lib/systemd/system")
      set(unit_dir "/lib/systemd/system")
    endif()
  endif()
endif()
set(CONVOCA_INSTALL_SYSTEMD_UNIT_DIR "${unit_dir}" CACHE PATH "Where the systemd units are installed")
install(FILES "${CONVOCA_PACKAGING_DIR}/systemd/convoca.service" "${CONVOCA_PACKAGING_DIR}/systemd/convoca-harvest.service"
              "${CONVOCA_PACKAGING_DIR}/systemd/convoca-harvest.timer"
        DESTINATION "${CONVOCA_INSTALL_SYSTEMD_UNIT_DIR}")
install(FILES "${CONVOCA_PACKAGING_DIR}/README.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}")

if(NOT CMAKE_INSTALL_PREFIX STREQUAL "/usr" OR NOT CONVOCA_INSTALL_PLUGIN_DIR STREQUAL "/usr/lib/convoca/plugins")
  message(STATUS "convoca: no 'package' target: a .deb needs CMAKE_INSTALL_PREFIX=/usr and CMAKE_INSTALL_LIBDIR=lib "
                 "(preset 'package'); this tree installs plugins into ${CONVOCA_INSTALL_PLUGIN_DIR}")
  return()
endif()

set(CONVOCA_PACKAGE_MAINTAINER "convoca maintainers <convoca@localhost>"
    CACHE STRING "Maintainer field of the Debian package")

# The maintainer scripts and the conffiles list, with the paths this tree installs to.
set(control_dir "${PROJECT_BINARY_DIR}/packaging/debian")
foreach(script postinst prerm postrm)
  configure_file("${CONVOCA_PACKAGING_DIR}/debian/${script}" "${control_dir}/${script}" @ONLY)
endforeach()
file(WRITE "${control_dir}/conffiles" "${CONVOCA_INSTALL_CONFIG_DIR}/convoca.properties\n")

set(CPACK_GENERATOR DEB)
set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_IGNORE_FILES "/\\\\.git/" "/build[^/]*/" "/var/" "/node_modules/")
set(CPACK_PACKAGE_NAME convoca)
set(CPACK_PACKAGE_VENDOR convoca)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${CONVOCA_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
# A RelWithDebInfo build would otherwise ship its debug information.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# CPack puts CPACK_PACKAGE_DESCRIPTION_SUMMARY on the first line, this below it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "convoca harvests funding calls (EU, UN, Spanish sources) through source plugins,
indexes them with Xapian, matches them against organisation profiles and serves
a web UI. The package runs the web UI and a nightly harvest under systemd.")
# dpkg-shlibdeps names the libraries the program and the plugins link (Poco,
# Xapian, libxml2, CLD2, poppler, SQLite, OpenSSL...); the rest are used at run time:
# adduser by postinst, tzdata for deadlines in the sources' time zones,
# ca-certificates for HTTPS sources.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tzdata, ca-certificates")
# Without Apertium the index holds no English form of Catalan/Spanish/French calls
# (convoca warns and goes on); xapian-tools gives xapian-compact, xapian-tcpsrv and
# xapian-replicate for backups and scale-out.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "apertium, apertium-eng-cat, apertium-eng-spa, apertium-fra-cat, xapian-tools")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA "${control_dir}/postinst" "${control_dir}/prerm" "${control_dir}/postrm"
                                       "${control_dir}/conffiles")

include(CPack)
