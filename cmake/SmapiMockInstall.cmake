# What `cmake --install build` lays out: both programs, the report schema,
# the docs, and smapi-mock with the embeddable mock as a CMake package:
#
#   find_package(smapi-mock CONFIG REQUIRED)
#   target_link_libraries(my_tests PRIVATE smapi::mock_embedded)   # EmbeddedMock
#   target_link_libraries(my_tests PRIVATE smapi::mock_gmock)      # + MockPlugin, GTest::gmock
#
# Headers go under <prefix>/include/smapi-mock (include them as
# "mock_plugin/embedded.h"), the package files under
# <prefix>/lib/cmake/smapi-mock, the smapi-mock binary under <prefix>/bin.
# smapi-conform goes beside it (the README's CI snippets call it from PATH),
# the report schema under <prefix>/share/smapi-conform, and the README and
# the generated requirements (docs/) under <prefix>/share/doc/smapi-conformance.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SMAPI_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/smapi-mock)
set(SMAPI_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/smapi-mock)

# Every library of this project smapi_mock_embedded links, directly or not:
# all of them go into the export set (a new dependency added later is picked
# up here, instead of breaking the export).
function(_smapi_collect_deps target out_var)
  set(seen ${${out_var}})
  get_target_property(links ${target} LINK_LIBRARIES)
  get_target_property(iface ${target} INTERFACE_LINK_LIBRARIES)
  foreach(dep IN LISTS links iface)
    string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" dep "${dep}")
    if(NOT TARGET "${dep}" OR "${dep}" IN_LIST seen)
      continue()
    endif()
    get_target_property(imported ${dep} IMPORTED)
    if(imported)
      continue()
    endif()
    list(APPEND seen ${dep})
    _smapi_collect_deps(${dep} seen)
  endforeach()
  set(${out_var} ${seen} PARENT_SCOPE)
endfunction()
set(_smapi_exported smapi_mock_embedded)
_smapi_collect_deps(smapi_mock_embedded _smapi_exported)

# In the tree these libraries include from the source root; installed, from
# the include directory above. Exported names drop the "smapi_" prefix
# (smapi::mock_embedded, smapi::contract, ...).
foreach(_target IN LISTS _smapi_exported)
  get_target_property(_dirs ${_target} INTERFACE_INCLUDE_DIRECTORIES)
  if(_dirs)
    set_property(TARGET ${_target} PROPERTY INTERFACE_INCLUDE_DIRECTORIES
      "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>"
      "$<INSTALL_INTERFACE:${SMAPI_INSTALL_INCLUDEDIR}>")
  endif()
  string(REGEX REPLACE "^smapi_" "" _name ${_target})
  set_target_properties(${_target} PROPERTIES EXPORT_NAME ${_name})
endforeach()
message(VERBOSE "smapi-mock package exports: ${_smapi_exported}")

install(TARGETS ${_smapi_exported}
  EXPORT smapi-mockTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS smapi-mock smapi-conform RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/reports/schema/report.schema.json
  DESTINATION ${CMAKE_INSTALL_DATADIR}/smapi-conform)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/contract/ DESTINATION ${SMAPI_INSTALL_INCLUDEDIR}/contract
  FILES_MATCHING PATTERN "*.h"
  PATTERN "testing" EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/mock_plugin/ DESTINATION ${SMAPI_INSTALL_INCLUDEDIR}/mock_plugin
  FILES_MATCHING PATTERN "*.h"
  PATTERN "examples" EXCLUDE
  PATTERN "*_test_client.h" EXCLUDE)  # the tests' own helpers

install(EXPORT smapi-mockTargets NAMESPACE smapi:: DESTINATION ${SMAPI_INSTALL_CMAKEDIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/smapi-mockConfig.cmake.in
  ${PROJECT_BINARY_DIR}/smapi-mockConfig.cmake
  INSTALL_DESTINATION ${SMAPI_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/smapi-mockConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/smapi-mockConfig.cmake
              ${PROJECT_BINARY_DIR}/smapi-mockConfigVersion.cmake
  DESTINATION ${SMAPI_INSTALL_CMAKEDIR})

# Proof: install into a scratch prefix, then build and run a small consumer
# project against it (mock_plugin/examples/consumer).
if(SMAPI_BUILD_TESTS)
  add_test(NAME smapi_mock_install_consumer
    COMMAND ${CMAKE_COMMAND}
      -DBUILD_DIR=${PROJECT_BINARY_DIR}
      -DCONSUMER_DIR=${PROJECT_SOURCE_DIR}/mock_plugin/examples/consumer
      -DWORK_DIR=${PROJECT_BINARY_DIR}/install-consumer-check
      -DGENERATOR=${CMAKE_GENERATOR}
      -P ${PROJECT_SOURCE_DIR}/mock_plugin/examples/consumer/check.cmake)
  set_tests_properties(smapi_mock_install_consumer PROPERTIES TIMEOUT 300)

  # Proof: the installed tree holds everything above, its programs run, its
  # docs are those of its smapi-conform, and ci/quickstart.sh builds all that
  # install needs.
  add_test(NAME smapi_install_tree
    COMMAND ${CMAKE_COMMAND}
      -DBUILD_DIR=${PROJECT_BINARY_DIR}
      -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
      -DWORK_DIR=${PROJECT_BINARY_DIR}/install-tree-check
      -DCMAKE_INSTALL_BINDIR=${CMAKE_INSTALL_BINDIR} -DCMAKE_INSTALL_LIBDIR=${CMAKE_INSTALL_LIBDIR}
      -DCMAKE_INSTALL_INCLUDEDIR=${CMAKE_INSTALL_INCLUDEDIR} -DCMAKE_INSTALL_DATADIR=${CMAKE_INSTALL_DATADIR}
      -DCMAKE_INSTALL_DOCDIR=${CMAKE_INSTALL_DOCDIR}
      -P ${PROJECT_SOURCE_DIR}/cmake/check_install_tree.cmake)
  set_tests_properties(smapi_install_tree PROPERTIES TIMEOUT 120)
endif()
