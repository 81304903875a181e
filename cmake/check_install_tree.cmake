# ctest driver (cmake -P) for smapi_install_tree: installs the built tree into
# a scratch prefix and checks what a user of the README finds there: both
# programs on <prefix>/bin and running, the exported smapi-mock package and
# its headers and libraries, the report schema, and the docs, the
# requirements being exactly what the installed smapi-conform lists. Then
# checks that ci/quickstart.sh builds every target, so that `cmake --install
# build` after the quick start finds what it installs.
foreach(var BUILD_DIR SOURCE_DIR WORK_DIR CMAKE_INSTALL_BINDIR CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_INCLUDEDIR
            CMAKE_INSTALL_DATADIR CMAKE_INSTALL_DOCDIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "check_install_tree.cmake: -D${var}=... is required")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")

function(step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name} failed (${rc}):\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

step("cmake --install" ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")

set(expected
  ${CMAKE_INSTALL_BINDIR}/smapi-conform
  ${CMAKE_INSTALL_BINDIR}/smapi-mock
  ${CMAKE_INSTALL_LIBDIR}/cmake/smapi-mock/smapi-mockConfig.cmake
  ${CMAKE_INSTALL_LIBDIR}/cmake/smapi-mock/smapi-mockConfigVersion.cmake
  ${CMAKE_INSTALL_LIBDIR}/cmake/smapi-mock/smapi-mockTargets.cmake
  ${CMAKE_INSTALL_LIBDIR}/libsmapi_mock_embedded.a
  ${CMAKE_INSTALL_LIBDIR}/libsmapi_contract.a
  ${CMAKE_INSTALL_INCLUDEDIR}/smapi-mock/mock_plugin/embedded.h
  ${CMAKE_INSTALL_INCLUDEDIR}/smapi-mock/mock_plugin/gmock_plugin.h
  ${CMAKE_INSTALL_INCLUDEDIR}/smapi-mock/contract/reply.h
  ${CMAKE_INSTALL_DATADIR}/smapi-conform/report.schema.json
  ${CMAKE_INSTALL_DOCDIR}/README.md
  ${CMAKE_INSTALL_DOCDIR}/requirements.md
  # Generated from the command tables (cli/shell_docs.cmake).
  ${CMAKE_INSTALL_DATADIR}/man/man1/smapi-conform.1
  ${CMAKE_INSTALL_DATADIR}/man/man1/smapi-mock.1
  ${CMAKE_INSTALL_DATADIR}/bash-completion/completions/smapi-conform
  ${CMAKE_INSTALL_DATADIR}/bash-completion/completions/smapi-mock)
set(missing "")
foreach(file IN LISTS expected)
  if(NOT EXISTS "${prefix}/${file}")
    string(APPEND missing "\n  ${file}")
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "cmake --install did not install:${missing}")
endif()
file(GLOB_RECURSE test_headers RELATIVE "${prefix}" "${prefix}/*_test_client.h")
if(test_headers)
  message(FATAL_ERROR "cmake --install installed the tests' own headers: ${test_headers}")
endif()

# Every library the exported package names is installed.
file(GLOB target_files "${prefix}/${CMAKE_INSTALL_LIBDIR}/cmake/smapi-mock/smapi-mockTargets-*.cmake")
foreach(target_file IN LISTS target_files)
  file(STRINGS "${target_file}" locations REGEX "IMPORTED_LOCATION")
  foreach(line IN LISTS locations)
    if(line MATCHES "\\$\\{_IMPORT_PREFIX\\}/([^\"]+)\"" AND NOT EXISTS "${prefix}/${CMAKE_MATCH_1}")
      message(FATAL_ERROR "the smapi-mock package names ${CMAKE_MATCH_1}, which is not installed")
    endif()
  endforeach()
endforeach()

# The programs run from the prefix, and the docs are those of this smapi-conform.
step("smapi-conform --version" "${prefix}/${CMAKE_INSTALL_BINDIR}/smapi-conform" --version)
step("smapi-mock --version" "${prefix}/${CMAKE_INSTALL_BINDIR}/smapi-mock" --version)
step("smapi-conform list --format markdown"
     "${prefix}/${CMAKE_INSTALL_BINDIR}/smapi-conform" list --format markdown)
file(READ "${prefix}/${CMAKE_INSTALL_DOCDIR}/requirements.md" installed_doc)
if(NOT installed_doc STREQUAL step_output)
  message(FATAL_ERROR "the installed requirements.md is not what the installed smapi-conform lists "
                      "(run ci/gen-docs.sh)")
endif()

# The quick start builds what install needs: all targets, not a chosen few.
file(STRINGS "${SOURCE_DIR}/ci/quickstart.sh" build_lines REGEX "cmake --build")
if(NOT build_lines)
  message(FATAL_ERROR "ci/quickstart.sh has no cmake --build line")
endif()
foreach(line IN LISTS build_lines)
  if(line MATCHES "--target")
    message(FATAL_ERROR "ci/quickstart.sh builds only some targets (${line}); "
                        "cmake --install then fails on the libraries it did not build")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "install tree: ok (${prefix})")
