# The requirement catalogue and its checks.
add_library(smapi_suites
  catalogue.cpp
  judge.cpp
  partial_run.cpp
  xapi_features.cpp
  xapi_view.cpp
  query_checks.cpp
  ls_checks.cpp
  diagnostics_checks.cpp
  error_checks.cpp
  transport_checks.cpp
  detail/check_support.cpp
  detail/answers_or_unimplemented.cpp
  robustness_checks.cpp
  detail/pii_scan.cpp)
target_include_directories(smapi_suites PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_suites PUBLIC smapi_result_model smapi_contract)

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(suites_test
    SOURCES catalogue_test.cpp judge_test.cpp result_test.cpp fleet_test.cpp xapi_view_test.cpp query_checks_test.cpp method_checks_test.cpp transport_checks_test.cpp
      robustness_checks_test.cpp added_checks_test.cpp partial_run_test.cpp xapi_rulings_test.cpp detail/pii_scan_test.cpp
    LIBS smapi_suites)
endif()
