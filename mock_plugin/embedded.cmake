# The mock embedded in C++ tests (included from mock_plugin/CMakeLists.txt).
#  smapi_mock_embedded  EmbeddedMock: the server in-process, plugin directories.
#  smapi_mock_gmock     MockPlugin, the header-only GoogleMock adaptor; links
#                       the consumer's GTest::gmock.
include(GNUInstallDirs)

add_library(smapi_mock_embedded ${CMAKE_CURRENT_SOURCE_DIR}/embedded.cpp)
target_include_directories(smapi_mock_embedded PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_mock_embedded PUBLIC smapi_mock_server)
# The smapi-mock that plugin directories link to when nothing else is named.
target_compile_definitions(smapi_mock_embedded PRIVATE
  SMAPI_MOCK_INSTALLED_BINARY="${CMAKE_INSTALL_FULL_BINDIR}/smapi-mock")

if(SMAPI_BUILD_TESTS)
  add_library(smapi_mock_gmock INTERFACE)
  target_link_libraries(smapi_mock_gmock INTERFACE smapi_mock_embedded GTest::gmock)

  smapi_add_gtest(smapi_mock_embedded_test
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/embedded_test.cpp
            ${CMAKE_CURRENT_SOURCE_DIR}/gmock_plugin_test.cpp
            ${CMAKE_CURRENT_SOURCE_DIR}/gmock_storage_test.cpp
    LIBS smapi_mock_gmock smapi_http_client)
  add_dependencies(smapi_mock_embedded_test smapi-mock)

  smapi_add_gtest(smapi_mock_gmock_example_test
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/examples/gmock_example_test.cpp
            ${CMAKE_CURRENT_SOURCE_DIR}/examples/readme_example_test.cpp
            ${CMAKE_CURRENT_SOURCE_DIR}/examples/readme_storage_example_test.cpp
    LIBS smapi_mock_gmock smapi_http_client)

  # Every C++ block of README.md and the guides quotes a file compiled above, verbatim.
  find_program(SMAPI_PYTHON3 python3 REQUIRED)
  add_test(NAME readme_cpp_snippets
    COMMAND ${SMAPI_PYTHON3} ${PROJECT_SOURCE_DIR}/ci/check_readme_snippets.py ${PROJECT_SOURCE_DIR}
            README.md docs/fake-a-plugin.md)
endif()
