// The IDL type checker finds each kind of mismatch, so an answer that
// passes it has the IDL's type.
#include "mock_plugin/storage/testing/idl_types.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::mock::storage::testing {
namespace {

namespace json = boost::json;
using ::testing::Not;

json::value a_volume() {
  return json::parse(R"({"key":"k","uuid":"u","name":"n","description":"d","read_write":true,"sharable":false,
    "virtual_size":1,"physical_utilisation":1,"uri":["mock:///k"],"keys":{"a":"b"},"volume_type":"Data","cbt_enabled":false})");
}

TEST(IdlTypes, AVolumeRecordMatchesAndEachDefectIsNamed) {
  EXPECT_THAT(a_volume(), HasIdlResultType(std::string("Volume.stat")));
  auto with = [](const char* field, json::value v) {
    json::value vol = a_volume();
    vol.as_object()[field] = std::move(v);
    return idl_mismatch(vol, *idl::volume());
  };
  EXPECT_EQ(with("virtual_size", "1"), R"($.virtual_size: expected an int64, got "1")");
  EXPECT_EQ(with("keys", json::array{}), "$.keys: expected an object ((string * t) list), got []");
  EXPECT_EQ(with("volume_type", json::array{"Data", ""}), R"($.volume_type: expected a constructor of volume_type, got ["Data",""])");
  EXPECT_EQ(with("uri", "mock:///k"), R"($.uri: expected a list, got "mock:///k")");
  EXPECT_EQ(with("snapshot_of", "x"), "$.snapshot_of: not a field of volume");
  json::value missing = a_volume();
  missing.as_object().erase("name");
  EXPECT_EQ(idl_mismatch(missing, *idl::volume()), "$.name: missing (volume declares it)");
  json::value optional = a_volume();
  optional.as_object().erase("uuid");
  optional.as_object().erase("cbt_enabled");
  EXPECT_EQ(idl_mismatch(optional, *idl::volume()), "");
}

TEST(IdlTypes, VariantsTuplesAndUnit) {
  EXPECT_EQ(idl_mismatch(json::parse(R"(["Healthy",""])"), *idl::health()), "");
  EXPECT_NE(idl_mismatch(json::parse(R"("Healthy")"), *idl::health()), "");
  EXPECT_EQ(idl_mismatch(json::parse(R"({"blocksize":1,"ranges":[[0,2]]})"), *idl::blocklist()), "");
  EXPECT_EQ(idl_mismatch(json::parse(R"({"blocksize":1,"ranges":[[0]]})"), *idl::blocklist()),
            "$.ranges[0]: expected a tuple of 2, got [0]");
  EXPECT_EQ(idl_mismatch(json::parse(R"({"implementations":[["File",{"path":"/x"}]]})"), *idl::backend()), "");
  EXPECT_EQ(idl_mismatch(json::parse(R"({"implementations":[["File",{"uri":"/x"}]]})"), *idl::backend()),
            "$.implementations[0][1].path: missing (file declares it)");
  EXPECT_THAT(json::value(nullptr), HasIdlResultType(std::string("Volume.destroy")));
  EXPECT_THAT(json::value(json::object{}), Not(HasIdlResultType(std::string("Volume.destroy"))));
  EXPECT_THAT(json::value(nullptr), Not(HasIdlResultType(std::string("Volume.frobnicate"))));
}

}  // namespace
}  // namespace smapi::mock::storage::testing
