# The harness HTTP client: one bounded POST per call (Boost.Beast).
# static_runtime.cpp: how a static program using it looks host names up.
add_library(smapi_http_client ${CMAKE_CURRENT_SOURCE_DIR}/http_client.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/static_runtime.cpp)
target_include_directories(smapi_http_client PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_http_client PUBLIC smapi_boost smapi_cancellation)
# The User-Agent header says "smapi-conform/<project version>".
target_compile_definitions(smapi_http_client PRIVATE SMAPI_VERSION="${PROJECT_VERSION}")

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(http_client_test
    SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/http_client_test.cpp
    LIBS smapi_http_client ${CMAKE_DL_LIBS})
endif()
