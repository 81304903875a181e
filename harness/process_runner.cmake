# The exec process runner (harness/process_runner.h) and its tests.
add_library(smapi_process_runner process_runner.cpp orphans.cpp detail/proc_table.cpp)
target_include_directories(smapi_process_runner PUBLIC ${PROJECT_SOURCE_DIR})

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(smapi_process_runner_test
    SOURCES process_runner_test.cpp
    LIBS smapi_process_runner)
endif()
