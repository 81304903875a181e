# smapi-conform's catalogue and CI-gating commands: list/explain, waivers, diff, merge.
add_library(smapi_commands catalogue_command.cpp waivers.cpp diff_command.cpp merge_command.cpp)
target_include_directories(smapi_commands PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_commands PUBLIC smapi_harness smapi_suites smapi_reports smapi_boost)
target_link_libraries(smapi-conform PRIVATE smapi_commands)

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(harness_commands_test
    SOURCES catalogue_command_test.cpp waivers_test.cpp diff_command_test.cpp merge_command_test.cpp
    LIBS smapi_commands smapi_reports smapi_sample_runs)

  # The same commands through the built binary, against fixture plugins.
  smapi_add_gtest(gating_e2e_test SOURCES gating_e2e_test.cpp LIBS smapi_e2e_support smapi_boost)
  add_dependencies(gating_e2e_test smapi-conform)

  # docs/requirements.md must be what `smapi-conform list --format markdown` prints.
  add_test(NAME requirements_doc_is_current
    COMMAND bash ${PROJECT_SOURCE_DIR}/ci/gen-docs.sh --check $<TARGET_FILE:smapi-conform>)
endif()
