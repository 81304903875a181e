# What a run judges and with which settings: --only/--skip/--rerun-failed
# (selection.h, rerun_failed.h), `plan` (plan_command.h) and --config
# (config_file.h). The selection itself and the call plan are in smapi_harness,
# which the run loop needs.
add_library(smapi_run_settings rerun_failed.cpp config_file.cpp plan_command.cpp bounded_file.cpp)
target_include_directories(smapi_run_settings PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_run_settings PUBLIC smapi_commands smapi_harness smapi_reports smapi_boost)
target_link_libraries(smapi-conform PRIVATE smapi_run_settings)

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(run_settings_test
    SOURCES selection_test.cpp call_plan_test.cpp rerun_failed_test.cpp config_file_test.cpp
    LIBS smapi_run_settings)

  # The same through the built binary, against fixture plugins.
  smapi_add_gtest(run_settings_e2e_test SOURCES run_settings_e2e_test.cpp LIBS smapi_e2e_support smapi_boost)
  add_dependencies(run_settings_e2e_test smapi-conform)
endif()
