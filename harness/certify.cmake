# smapi-conform certify / verify: signed certification bundles.
add_library(smapi_certify certify_command.cpp)
target_include_directories(smapi_certify PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_certify PUBLIC smapi_harness smapi_reports)
target_link_libraries(smapi-conform PRIVATE smapi_certify)

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(certify_command_test SOURCES certify_command_test.cpp LIBS smapi_e2e_support smapi_boost)
  add_dependencies(certify_command_test smapi-conform)
endif()

# The report flags of `run` (--report-dir, --format), end to end.
if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(report_flags_test SOURCES report_flags_test.cpp LIBS smapi_e2e_support smapi_boost)
  add_dependencies(report_flags_test smapi-conform)
endif()
