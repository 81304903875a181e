# smapi-conform certify / verify: signed certification bundles.
# Tar bundles are read with our own ustar reader and zlib (bundle_archive.h says why).
find_package(ZLIB REQUIRED)
add_library(smapi_certify certify_command.cpp bundle_archive.cpp bundle_reader.cpp)
target_include_directories(smapi_certify PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_certify PUBLIC smapi_harness smapi_reports PRIVATE ZLIB::ZLIB)
target_link_libraries(smapi-conform PRIVATE smapi_certify)

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(certify_command_test SOURCES certify_command_test.cpp LIBS smapi_e2e_support smapi_boost)
  add_dependencies(certify_command_test smapi-conform)
  # Each refusal of an untrusted tar bundle, on crafted archives.
  smapi_add_gtest(bundle_archive_test SOURCES bundle_archive_test.cpp LIBS smapi_certify ZLIB::ZLIB)
endif()

# The report flags of `run` (--report-dir, --format), end to end.
if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(report_flags_test SOURCES report_flags_test.cpp LIBS smapi_e2e_support smapi_boost)
  add_dependencies(report_flags_test smapi-conform)
endif()
