# smapi-conform's command-line tables (command_tables.h): the commands parse
# and print --help from them; the --help test enumerates them.
add_library(smapi_conform_cli command_tables.cpp)
target_include_directories(smapi_conform_cli PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_conform_cli PUBLIC smapi_cli)

# The harness proper: targets, the run loop, the command line.
add_library(smapi_harness
  answer_limits.cpp
  exec_target.cpp
  http_target.cpp
  http_call.cpp
  xmlrpc_target.cpp
  target.cpp
  run.cpp
  call_plan.cpp
  selection.cpp
  progress.cpp
  stop_signals.cpp
  run_options.cpp
  sarif_paths.cpp
  shell_quote.cpp)
target_include_directories(smapi_harness PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_harness PUBLIC smapi_conform_cli smapi_suites smapi_process_runner smapi_http_client)
target_compile_definitions(smapi_harness PRIVATE SMAPI_VERSION="${PROJECT_VERSION}")

# smapi-conform runs where the plugin runs: on the xapi host (an RPM-based
# dom0 with an older glibc than the build's), so it is linked statically
# like smapi-mock, by the top-level CMakeLists.txt once every file has added
# its libraries (target_link_libraries(smapi-conform ...) as usual).
option(SMAPI_CONFORM_STATIC_RUNTIME
  "Link the smapi-conform executable statically, to run on any x86-64 Linux" ON)
add_library(smapi_conform_main OBJECT main.cpp)
target_compile_definitions(smapi_conform_main PRIVATE SMAPI_VERSION="${PROJECT_VERSION}")
add_executable(smapi-conform $<TARGET_OBJECTS:smapi_conform_main>)
target_link_libraries(smapi-conform PRIVATE smapi_harness smapi_reports)

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(harness_options_test
    SOURCES
      ${CMAKE_CURRENT_SOURCE_DIR}/run_options_test.cpp
      ${CMAKE_CURRENT_SOURCE_DIR}/http_call_test.cpp
      ${CMAKE_CURRENT_SOURCE_DIR}/sarif_paths_test.cpp
    LIBS smapi_harness)
  smapi_add_gtest(harness_run_test
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/run_test.cpp ${CMAKE_CURRENT_SOURCE_DIR}/progress_test.cpp
      ${CMAKE_CURRENT_SOURCE_DIR}/exec_target_test.cpp
    LIBS smapi_harness)
endif()
