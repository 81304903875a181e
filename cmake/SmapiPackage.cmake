# What ships: the .deb, .rpm and .tar.gz that ci/package.sh makes with
# CPack, and the tests that prove them. A package holds whatever the install
# rules install (cmake/SmapiMockInstall.cmake and the others): both programs,
# linked statically (cmake/SmapiStaticLink.cmake), so no package depends on
# anything; the man pages, the bash completion, the report schema, the docs
# (the generated requirements among them) and the embeddable mock's headers,
# archives and CMake package.
#
#   cpack --config build/CPackConfig.cmake -G "DEB;RPM;TGZ" -B DIR

set(CPACK_PACKAGE_NAME smapi-conformance)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "smapi-conformance maintainers")
# The maintainers' address, as every commit of the repository gives it.
set(CPACK_PACKAGE_CONTACT
  "smapi-conformance maintainers <maintainers@users.noreply.r-seed-311b7901.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Conformance harness and reference mock for xapi-storage (SMAPIv3) plugins")
set(CPACK_PACKAGE_DESCRIPTION
  "smapi-conform calls a xapi-storage (SMAPIv3) plugin the way xapi does - an \
executable plugin directory, or JSON-RPC or XML-RPC over HTTP or a Unix socket - \
judges every answer against a catalogue of requirements and writes reports for \
certification and CI. smapi-mock is a conformant fake plugin, served over HTTP \
or written out as an executable plugin directory. Both are linked statically.")
set(CPACK_PACKAGE_CHECKSUM SHA256)
set(CPACK_PACKAGE_FILE_NAME ${CPACK_PACKAGE_NAME}-${PROJECT_VERSION}-${CMAKE_SYSTEM_PROCESSOR})
set(CPACK_GENERATOR DEB RPM TGZ)
# The same stripped binaries in every package (rpmbuild would strip its own).
set(CPACK_STRIP_FILES ON)

# .deb: no Depends (static binaries; shlibdeps stays off).
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)

# .rpm: rpmbuild's automatic Requires stay on, so a dynamically linked file
# that slipped in would show as a dependency (the package test checks there
# is none). No license file is in the source tree, so none is claimed.
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_LICENSE "Unspecified")
set(CPACK_RPM_PACKAGE_GROUP "Development/Tools")
# Exactly what the install rules install: no /usr/lib/.build-id links and no
# brp-* post-processing by the build machine's rpm macros.
set(CPACK_RPM_SPEC_MORE_DEFINE "%define _build_id_links none\n%define __os_install_post %{nil}")
# gzip: the rpm of an XCP-ng 8 dom0 (4.11) cannot read a zstd payload.
set(CPACK_RPM_COMPRESSION_TYPE gzip)
set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
# Directories that the filesystem package owns on an RPM host.
list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
  /usr/share/man /usr/share/man/man1 /usr/share/bash-completion
  /usr/share/bash-completion/completions /usr/lib/cmake /usr/lib64/cmake)

# .tar.gz: one top directory, bin/ share/ ... under it, to unpack anywhere.
set(CPACK_ARCHIVE_FILE_NAME ${CPACK_PACKAGE_FILE_NAME})

include(CPack)

if(SMAPI_BUILD_TESTS)
  # Proof of the portable binaries: no interpreter, no dynamic section, and
  # both run in an empty root (ci/check_static_binary.sh says how).
  set(_smapi_static "$<IF:$<AND:$<BOOL:$<TARGET_PROPERTY:smapi-conform,SMAPI_STATIC_EXPECTED>>,$<BOOL:$<TARGET_PROPERTY:smapi-mock,SMAPI_STATIC_EXPECTED>>>,ON,OFF>")
  add_test(NAME static_binaries_run_in_empty_root
    COMMAND bash ${PROJECT_SOURCE_DIR}/ci/check_static_binary.sh
      $<TARGET_FILE:smapi-conform> $<TARGET_FILE:smapi-mock> ${_smapi_static})
  set_tests_properties(static_binaries_run_in_empty_root PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 60 LABELS "portable")

  # Proof of the packages: cpack on this build (nothing is built again), the
  # .deb unpacked into a scratch root and run, the .rpm and .tar.gz listed
  # (ci/check_packages.sh); skipped in a dynamically linked (sanitizer)
  # build. Label "package": `ctest -LE package` leaves it out.
  add_test(NAME packages_install_and_run
    COMMAND bash ${PROJECT_SOURCE_DIR}/ci/check_packages.sh
      ${PROJECT_BINARY_DIR} ${PROJECT_BINARY_DIR}/package-check ${CMAKE_CPACK_COMMAND} ${_smapi_static})
  set_tests_properties(packages_install_and_run PROPERTIES
    SKIP_RETURN_CODE 77 TIMEOUT 120 LABELS "package")
endif()
