// The storage state as JSON: to_json and load round-trip, load refuses a
// bad state naming its JSON path and leaves the state as it was, reset
// forgets everything.
#include "mock_plugin/storage/testing/storage_calls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace smapi::mock::storage {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using testing::StorageDriver;

// A state with an SR, a snapshot graph, CBT, a datapath and a task.
void populate(StorageDriver& d) {
  const char* sr = "file:///srv/state";
  d.ok("SR.create", {{"uuid", "u"}, {"configuration", {{"uri", sr}, {"extra", "1"}}}, {"name", "n"}, {"description", "d"}});
  d.ok("SR.attach", {{"configuration", {{"uri", sr}}}});
  json::value v = d.ok("Volume.create", {{"sr", sr}, {"name", "v"}, {"description", ""}, {"size", 2048}, {"sharable", true}});
  d.ok("Volume.set", {{"sr", sr}, {"key", v.at("key")}, {"k", "a"}, {"v", "b"}});
  d.ok("Volume.enable_cbt", {{"sr", sr}, {"key", v.at("key")}});
  d.ok("Volume.snapshot", {{"sr", sr}, {"key", v.at("key")}});
  std::string uri(v.at("uri").at(0).as_string());
  d.ok("Datapath.open", {{"uri", uri}, {"persistent", false}});
  d.ok("Datapath.attach", {{"uri", uri}, {"domain", "4"}});
  d.ok("Datapath.activate", {{"uri", uri}, {"domain", "4"}});
  d.ok("Data.mirror", {{"uri", uri}, {"domain", "4"}, {"remote", "nbd://r"}});
}

TEST(StorageState, ToJsonAndLoadRoundTrip) {
  StorageDriver a;
  populate(a);
  json::value state = a.storage().to_json();
  StorageDriver b;
  b.storage().load(state);
  EXPECT_EQ(b.storage().to_json(), state);
  // The loaded state answers as the original does, and numbers on.
  EXPECT_EQ(b.ok("SR.ls", {{"sr", "file:///srv/state"}}), a.ok("SR.ls", {{"sr", "file:///srv/state"}}));
  EXPECT_EQ(b.ok("Volume.create", {{"sr", "file:///srv/state"}, {"name", ""}, {"description", ""}, {"size", 1}, {"sharable", false}}),
            a.ok("Volume.create", {{"sr", "file:///srv/state"}, {"name", ""}, {"description", ""}, {"size", 1}, {"sharable", false}}));
}

TEST(StorageState, AMinimalSeedGetsDefaults) {
  StorageDriver d;
  d.storage().load(json::parse(R"({"srs":[{"sr":"file:///s","attached":true,"volumes":[{"key":"v1","virtual_size":4096}]}]})"));
  json::value v = d.ok("Volume.stat", {{"sr", "file:///s"}, {"key", "v1"}});
  EXPECT_EQ(v.at("uri"), json::array{"mock:///v1"});
  EXPECT_EQ(v.at("physical_utilisation"), 4096);
  EXPECT_FALSE(v.as_object().contains("uuid"));  // none seeded: the option is left out
  json::value created = d.ok("Volume.create", {{"sr", "file:///s"}, {"name", ""}, {"description", ""}, {"size", 1}, {"sharable", false}});
  EXPECT_EQ(created.at("key"), "vol-1");
}

// load's message for `state`, or "" when it loads.
std::string load_error(const std::string& state, const Limits& limits = {}) {
  Storage storage(limits);
  try {
    storage.load(json::parse(state));
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(StorageState, LoadNamesTheJsonPathOfWhatIsWrong) {
  EXPECT_EQ(load_error("[]"), "storage state: $: expected an object");
  EXPECT_EQ(load_error(R"({"srs":{}})"), "storage state: $.srs: expected an array");
  EXPECT_EQ(load_error(R"({"srs":[{"name":"x"}]})"), "storage state: $.srs[0].sr: missing");
  EXPECT_EQ(load_error(R"({"srs":[{"sr":"a","volumes":[{"key":"k","virtual_size":-1}]}]})"),
            "storage state: $.srs[0].volumes[0].virtual_size: expected an integer >= 0");
  EXPECT_EQ(load_error(R"({"srs":[{"sr":"a","volumes":[{"key":"k","volume_type":"Other"}]}]})"),
            "storage state: $.srs[0].volumes[0].volume_type: expected one of Data, CBT_Metadata, Data_and_CBT_Metadata");
  EXPECT_EQ(load_error(R"({"srs":[{"sr":"a","volumes":[{"key":"k"},{"key":"k","uri":"mock:///other"}]}]})"),
            "storage state: $.srs[0].volumes[1].key: a second volume with key k");
  EXPECT_EQ(load_error(R"({"srs":[{"sr":"a","configuration":{"uri":"b"}}]})"),
            "storage state: $.srs[0].configuration.uri: differs from sr a");
  EXPECT_EQ(load_error(R"({"srs":[{"sr":"a","colour":"red"}]})"), "storage state: $.srs[0].colour: unknown field");
  EXPECT_EQ(load_error(R"({"srs":[{"sr":"a","total_space":10,"volumes":[{"key":"k","virtual_size":11}]}]})"),
            "storage state: $.srs[0].volumes[0].physical_utilisation: the SR's volumes use more than its total_space");
  EXPECT_EQ(load_error(R"({"datapaths":[{"uri":"mock:///nothing"}]})"), "storage state: $.datapaths[0].uri: names no volume");
  EXPECT_EQ(load_error(R"({"srs":[{"sr":"a","volumes":[{"key":"k"}]}],"datapaths":[{"uri":"mock:///k","domains":{"1":"on"}}]})"),
            "storage state: $.datapaths[0].domains.1: expected none, read_write or read_only");
  EXPECT_EQ(load_error(R"({"tasks":[{"id":"1","uri":"mock:///k","domain":"1"}]})"),
            "storage state: $.tasks[0].uri: names no open datapath");
  Limits one;
  one.max_srs = 1;
  EXPECT_EQ(load_error(R"({"srs":[{"sr":"a"},{"sr":"b"}]})", one), "storage state: $.srs[1]: more than 1 SRs (Limits::max_srs)");
  one.max_string_bytes = 3;
  EXPECT_THAT(load_error(R"({"srs":[{"sr":"abcd"}]})", one), HasSubstr("$.srs[0].sr: longer than 3 bytes"));
}

TEST(StorageState, ARefusedLoadLeavesTheStateUnchanged) {
  StorageDriver d;
  populate(d);
  json::value before = d.storage().to_json();
  json::value broken = before;
  broken.at("tasks").as_array().push_back(json::object{{"id", 7}});
  EXPECT_THROW(d.storage().load(broken), std::invalid_argument);
  EXPECT_EQ(d.storage().to_json(), before);
}

TEST(StorageState, ResetForgetsEverythingButTheLimits) {
  Limits limits;
  limits.max_srs = 3;
  StorageDriver d(limits);
  populate(d);
  d.storage().reset();
  EXPECT_EQ(d.storage().to_json(),
            json::parse(R"({"srs":[],"datapaths":[],"tasks":[],"next_volume":1,"next_task":1})"));
  EXPECT_EQ(d.storage().limits().max_srs, 3u);
}

}  // namespace
}  // namespace smapi::mock::storage
