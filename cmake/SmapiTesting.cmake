# smapi_add_gtest(NAME SOURCES a.cpp b.cpp LIBS lib1 lib2)
# One GoogleTest executable, discovered by ctest. Tests find fixtures and built
# binaries through the SMAPI_SOURCE_DIR / SMAPI_BIN_DIR compile definitions.
function(smapi_add_gtest name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gmock_main)
  # Test code itself is compiled without optimisation in every build type (it
  # drives the optimised libraries and binaries under test): GoogleTest and
  # GoogleMock bodies cost about twice as long to compile at -O3, and the test
  # sources are most of the build.
  target_compile_options(${name} PRIVATE -O0)
  target_compile_definitions(${name} PRIVATE
    SMAPI_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    SMAPI_BIN_DIR="${PROJECT_BINARY_DIR}/bin")
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 30 PROPERTIES TIMEOUT 120)
endfunction()
