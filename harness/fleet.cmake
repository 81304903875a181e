# Fleet runs: a plugin tree, a repeated --target or --shard judged in one
# invocation (plugin_tree, shard, fleet_plan, fleet_run, fleet_progress in
# smapi_harness; fleet_command in the program's objects, as it writes the reports).
target_sources(smapi_harness PRIVATE plugin_tree.cpp shard.cpp fleet_plan.cpp fleet_run.cpp fleet_progress.cpp)
target_sources(smapi_conform_main PRIVATE fleet_command.cpp)

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(harness_fleet_test
    SOURCES
      ${CMAKE_CURRENT_SOURCE_DIR}/shard_test.cpp
      ${CMAKE_CURRENT_SOURCE_DIR}/plugin_tree_test.cpp
      ${CMAKE_CURRENT_SOURCE_DIR}/fleet_run_test.cpp
      ${CMAKE_CURRENT_SOURCE_DIR}/fleet_progress_test.cpp
      ${CMAKE_CURRENT_SOURCE_DIR}/fleet_options_test.cpp
      ${PROJECT_SOURCE_DIR}/reports/fleet_summary_test.cpp
      ${CMAKE_CURRENT_SOURCE_DIR}/detail/proc_children_test.cpp
    LIBS smapi_harness smapi_reports)
endif()
