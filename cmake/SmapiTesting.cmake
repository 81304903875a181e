# The test suite's build settings and smapi_add_gtest.

# Flags every test translation unit is compiled with. They are the same for
# all tests so that all can share one precompiled header.
# Test code itself is compiled without optimisation in every build type (it
# drives the optimised libraries and binaries under test): GoogleTest and
# GoogleMock bodies cost about twice as long to compile at -O3, and the test
# sources are most of the build.
set(SMAPI_TEST_COMPILE_OPTIONS -O0)
set(SMAPI_TEST_COMPILE_DEFINITIONS
    SMAPI_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SMAPI_BIN_DIR="${PROJECT_BINARY_DIR}/bin")
set(SMAPI_TEST_LIBS GTest::gmock GTest::gmock_main smapi_boost)

# Test executables of several sources are compiled as unity builds, up to
# SMAPI_TEST_UNITY_BATCH sources per translation unit: the sources of one test
# executable instantiate the same GoogleTest, GoogleMock and Boost.JSON
# templates, and compiling them together roughly halves their compile time
# (measured on contract_test under ASan: 33 s of CPU separately, 18 s as one).
# Their file-local names must therefore differ between the files of one
# executable; shared test helpers live in the */testing/ headers.
option(SMAPI_TEST_UNITY "Compile multi-source test executables as unity builds" ON)
set(SMAPI_TEST_UNITY_BATCH 8 CACHE STRING "Sources per unity translation unit of a test executable")

# One precompiled header for every test: GoogleTest, GoogleMock, Boost.JSON
# and the standard headers tests use are about half of a test's compile time.
add_library(smapi_test_pch OBJECT ${CMAKE_CURRENT_LIST_DIR}/test_pch.cpp)
target_link_libraries(smapi_test_pch PRIVATE ${SMAPI_TEST_LIBS})
target_compile_options(smapi_test_pch PRIVATE ${SMAPI_TEST_COMPILE_OPTIONS})
target_compile_definitions(smapi_test_pch PRIVATE ${SMAPI_TEST_COMPILE_DEFINITIONS})
target_precompile_headers(smapi_test_pch PRIVATE
  <gmock/gmock.h> <gtest/gtest.h> <boost/json.hpp>
  <chrono> <filesystem> <fstream> <functional> <map> <optional> <set> <sstream>
  <string> <string_view> <thread> <vector>)

# smapi_add_gtest(NAME SOURCES a.cpp b.cpp LIBS lib1 lib2)
# One GoogleTest executable, discovered by ctest. Tests find fixtures and built
# binaries through the SMAPI_SOURCE_DIR / SMAPI_BIN_DIR compile definitions.
function(smapi_add_gtest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} ${SMAPI_TEST_LIBS})
  target_compile_options(${name} PRIVATE ${SMAPI_TEST_COMPILE_OPTIONS})
  target_compile_definitions(${name} PRIVATE ${SMAPI_TEST_COMPILE_DEFINITIONS})
  target_precompile_headers(${name} REUSE_FROM smapi_test_pch)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests
                                           UNITY_BUILD ${SMAPI_TEST_UNITY}
                                           UNITY_BUILD_BATCH_SIZE ${SMAPI_TEST_UNITY_BATCH})
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 30 PROPERTIES TIMEOUT 120)
endfunction()
