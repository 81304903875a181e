# smapi_mock_storage: the in-memory SR/Volume/Datapath/Data model behind
# smapi-mock's storage methods. Pure: no I/O, no clock but the one passed in.
add_library(smapi_mock_storage
  storage/storage.cpp
  storage/detail/model.cpp
  storage/sr.cpp
  storage/volume.cpp
  storage/volume_cbt.cpp
  storage/datapath.cpp
  storage/data.cpp
  storage/state_json.cpp)
target_include_directories(smapi_mock_storage PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(smapi_mock_storage PUBLIC smapi_boost PRIVATE smapi_contract)

if(SMAPI_BUILD_TESTS)
  smapi_add_gtest(smapi_mock_storage_test
    SOURCES storage/storage_lifecycle_test.cpp storage/storage_errors_test.cpp
      storage/storage_data_test.cpp storage/storage_state_test.cpp storage/testing/idl_types_test.cpp
      storage/storage_sweep_test.cpp
    LIBS smapi_mock_storage)
endif()
