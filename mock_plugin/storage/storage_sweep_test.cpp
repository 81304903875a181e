// Every method, called with arguments missing or of every wrong JSON type,
// answers (a result or an error naming what is wrong) and never throws or
// changes the state it refused.
#include "mock_plugin/storage/testing/storage_calls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::mock::storage {
namespace {

namespace json = boost::json;
using testing::StorageDriver;

// The argument names the IDL declares for the methods, besides dbg.
const std::vector<std::string> kArgumentNames = {
    "configuration", "uuid", "name", "description", "sr", "dest_sr", "key", "key2", "snapshot",
    "new_name", "new_description", "k", "v", "size", "new_size", "sharable", "offset", "length",
    "uri", "persistent", "domain", "remote", "blocklist", "operation"};

const std::vector<json::value>& wrong_values() {
  static const std::vector<json::value> values = {
      nullptr, true, -1, 1.5, "", "x", json::array{}, json::array{"CopyV1", 1}, json::object{}, json::object{{"uri", 1}}};
  return values;
}

// A state with an attached SR, a volume, an open datapath and a task, so
// calls reach past the lookups.
json::value busy_state(StorageDriver& d) {
  const char* sr = "x";
  d.ok("SR.create", {{"uuid", "u"}, {"configuration", {{"uri", sr}}}, {"name", "n"}, {"description", ""}});
  d.ok("SR.attach", {{"configuration", {{"uri", sr}}}});
  d.ok("Volume.create", {{"sr", sr}, {"name", "v"}, {"description", ""}, {"size", 1}, {"sharable", false}});
  d.ok("Datapath.open", {{"uri", "mock:///vol-1"}, {"persistent", true}});
  d.ok("Datapath.attach", {{"uri", "mock:///vol-1"}, {"domain", "x"}});
  d.ok("Data.mirror", {{"uri", "mock:///vol-1"}, {"domain", "x"}, {"remote", "x"}});
  return d.storage().to_json();
}

TEST(StorageSweep, EveryMethodWithEveryArgumentOfEveryWrongTypeAnswersAndChangesNothingWhenRefused) {
  StorageDriver d;
  json::value state = busy_state(d);
  std::size_t refused = 0;
  for (std::string_view method : Storage::methods()) {
    for (const json::value& wrong : wrong_values()) {
      json::object args{{"dbg", "sweep"}};
      for (const auto& name : kArgumentNames) args[name] = wrong;
      json::value before = d.storage().to_json();
      StorageReply reply;
      ASSERT_NO_THROW(reply = d.storage().call(method, args, SimulatedTime{0})) << method;
      if (reply.error) {
        ++refused;
        EXPECT_FALSE(reply.error->code.empty()) << method;
        EXPECT_EQ(d.storage().to_json(), before) << method << " changed the state it refused";
      }
      d.storage().load(state);
    }
    // Arguments missing altogether: only Data.ls needs none besides dbg.
    StorageReply none = d.storage().call(method, json::object{{"dbg", "sweep"}}, SimulatedTime{0});
    if (method != "Data.ls") {
      ASSERT_TRUE(none.error != nullptr) << method;
      EXPECT_EQ(none.error->params.at(0), "UnmarshalException") << method;
    }
  }
  EXPECT_GT(refused, Storage::methods().size());
}

}  // namespace
}  // namespace smapi::mock::storage
