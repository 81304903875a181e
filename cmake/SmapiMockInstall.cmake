# Installs smapi-mock and the embeddable mock as a CMake package:
#
#   find_package(smapi-mock CONFIG REQUIRED)
#   target_link_libraries(my_tests PRIVATE smapi::mock_embedded)   # EmbeddedMock
#   target_link_libraries(my_tests PRIVATE smapi::mock_gmock)      # + MockPlugin, GTest::gmock
#
# Headers go under <prefix>/include/smapi-mock (include them as
# "mock_plugin/embedded.h"), the package files under
# <prefix>/lib/cmake/smapi-mock, the smapi-mock binary under <prefix>/bin.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SMAPI_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/smapi-mock)
set(SMAPI_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/smapi-mock)

# In the tree these libraries include from the source root; installed, from
# the include directory above.
set(_smapi_exported smapi_contract smapi_mock_core smapi_mock_server smapi_mock_embedded)
foreach(_target IN LISTS _smapi_exported)
  set_property(TARGET ${_target} PROPERTY INTERFACE_INCLUDE_DIRECTORIES
    "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>"
    "$<INSTALL_INTERFACE:${SMAPI_INSTALL_INCLUDEDIR}>")
endforeach()
set_target_properties(smapi_boost PROPERTIES EXPORT_NAME boost_deps)
set_target_properties(smapi_contract PROPERTIES EXPORT_NAME contract)
set_target_properties(smapi_mock_core PROPERTIES EXPORT_NAME mock_core)
set_target_properties(smapi_mock_server PROPERTIES EXPORT_NAME mock_server)
set_target_properties(smapi_mock_embedded PROPERTIES EXPORT_NAME mock_embedded)

install(TARGETS smapi_boost ${_smapi_exported}
  EXPORT smapi-mockTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS smapi-mock RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/contract/ DESTINATION ${SMAPI_INSTALL_INCLUDEDIR}/contract
  FILES_MATCHING PATTERN "*.h"
  PATTERN "testing" EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/mock_plugin/ DESTINATION ${SMAPI_INSTALL_INCLUDEDIR}/mock_plugin
  FILES_MATCHING PATTERN "*.h"
  PATTERN "examples" EXCLUDE
  PATTERN "embedded_test_client.h" EXCLUDE)

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
endif()
