# The exec process runner (harness/process_runner.h) and its tests.
# A run's stop request (harness/cancellation.h), which calls in flight watch.
add_library(smapi_cancellation cancellation.cpp)
target_include_directories(smapi_cancellation PUBLIC ${PROJECT_SOURCE_DIR})

add_library(smapi_process_runner process_runner.cpp orphans.cpp detail/proc_table.cpp)
target_include_directories(smapi_process_runner PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_process_runner PUBLIC smapi_cancellation)

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(smapi_process_runner_test
    SOURCES process_runner_test.cpp cancellation_test.cpp
    LIBS smapi_process_runner smapi_e2e_support)
endif()
