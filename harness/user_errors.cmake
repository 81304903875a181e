# What a new user gets wrong first (a web server, a directory of plugins, a
# bare address as --target), end to end through the built binary.
if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(user_errors_e2e_test SOURCES user_errors_e2e_test.cpp LIBS smapi_e2e_support smapi_boost)
  add_dependencies(user_errors_e2e_test smapi-conform)
endif()
