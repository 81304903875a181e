// A full SR/Volume/Datapath lifecycle through the storage model, every
// answer checked against the IDL's result type.
#include "mock_plugin/storage/testing/storage_calls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::mock::storage {
namespace {

namespace json = boost::json;
using testing::HasIdlResultType;
using testing::IsIdlError;
using testing::StorageDriver;

constexpr const char* kSrUri = "file:///srv/sr1";

json::object sr_config() { return json::object{{"uri", kSrUri}}; }

TEST(StorageLifecycle, EveryMethodOfTheIdlIsKnownAndTyped) {
  EXPECT_EQ(Storage::methods().size(), 42u);
  for (std::string_view m : Storage::methods()) {
    EXPECT_TRUE(Storage::knows(m)) << m;
    EXPECT_NE(testing::result_type(m), nullptr) << m << " has no IDL result type";
  }
  EXPECT_FALSE(Storage::knows("Plugin.query"));
  EXPECT_FALSE(Storage::knows("Volume.frobnicate"));
}

TEST(StorageLifecycle, CreateAttachSnapshotCloneResizeOpenActivateAndTearDown) {
  StorageDriver d;
  json::value probe = d.ok("SR.probe", {{"configuration", sr_config()}});
  EXPECT_EQ(probe.at(0).at("complete"), true);
  EXPECT_FALSE(probe.at(0).as_object().contains("sr"));

  json::value config = d.ok("SR.create", {{"uuid", "0b9ff8a5-0000-4000-8000-000000000001"},
                                          {"configuration", sr_config()},
                                          {"name", "sr one"},
                                          {"description", "the first"}});
  EXPECT_EQ(config.at("uri"), kSrUri);
  json::value sr = d.ok("SR.attach", {{"configuration", config}});
  EXPECT_EQ(sr, kSrUri);

  json::value stat = d.ok("SR.stat", {{"sr", sr}});
  EXPECT_EQ(stat.at("name"), "sr one");
  EXPECT_EQ(stat.at("uuid"), "0b9ff8a5-0000-4000-8000-000000000001");
  EXPECT_EQ(stat.at("health"), json::parse(R"(["Healthy",""])"));
  std::int64_t total = stat.at("total_space").as_int64();
  EXPECT_EQ(stat.at("free_space").as_int64(), total);

  json::value vol = d.ok("Volume.create", {{"sr", sr}, {"name", "disk"}, {"description", "a disk"},
                                           {"size", 1000}, {"sharable", false}});
  std::string key(vol.at("key").as_string());
  EXPECT_EQ(vol.at("virtual_size"), 1024);  // rounded up to a block
  EXPECT_EQ(vol.at("read_write"), true);
  EXPECT_EQ(vol.at("volume_type"), "Data");
  EXPECT_EQ(vol.at("cbt_enabled"), false);
  ASSERT_EQ(vol.at("uri").as_array().size(), 1u);
  std::string uri(vol.at("uri").at(0).as_string());
  EXPECT_EQ(uri.rfind(std::string(kDatapathScheme) + "://", 0), 0u) << uri;

  d.ok("Volume.set", {{"sr", sr}, {"key", key}, {"k", "vdi-type"}, {"v", "user"}});
  json::value snap = d.ok("Volume.snapshot", {{"sr", sr}, {"key", key}});
  EXPECT_EQ(snap.at("read_write"), false);
  EXPECT_EQ(snap.at("name"), "disk");
  EXPECT_EQ(snap.at("keys"), json::object{});  // the IDL: keys set with Volume.set are not copied
  json::value clone = d.ok("Volume.clone", {{"sr", sr}, {"key", snap.at("key")}});
  EXPECT_EQ(clone.at("read_write"), true);
  EXPECT_NE(clone.at("key"), snap.at("key"));
  json::value similar = d.ok("Volume.similar_content", {{"sr", sr}, {"key", key}});
  EXPECT_EQ(similar.as_array().size(), 2u);

  d.ok("Volume.resize", {{"sr", sr}, {"key", key}, {"new_size", 4096}});
  json::value resized = d.ok("Volume.stat", {{"sr", sr}, {"key", key}});
  EXPECT_EQ(resized.at("virtual_size"), 4096);
  EXPECT_EQ(resized.at("keys"), (json::object{{"vdi-type", "user"}}));
  EXPECT_EQ(d.ok("SR.stat", {{"sr", sr}}).at("free_space").as_int64(), total - 4096 - 1024 - 1024);
  EXPECT_EQ(d.ok("SR.ls", {{"sr", sr}}).as_array().size(), 3u);

  d.ok("Datapath.open", {{"uri", uri}, {"persistent", true}});
  json::value backend = d.ok("Datapath.attach", {{"uri", uri}, {"domain", "7"}});
  EXPECT_FALSE(backend.at("implementations").as_array().empty());
  d.ok("Datapath.activate", {{"uri", uri}, {"domain", "7"}});
  d.ok("Datapath.activate", {{"uri", uri}, {"domain", "7"}});  // idempotent
  d.ok("Datapath.deactivate", {{"uri", uri}, {"domain", "7"}});
  d.ok("Datapath.detach", {{"uri", uri}, {"domain", "7"}});
  d.ok("Datapath.close", {{"uri", uri}});

  for (const json::value& k : {json::value(key), snap.at("key"), clone.at("key")})
    d.ok("Volume.destroy", {{"sr", sr}, {"key", k}});
  EXPECT_EQ(d.ok("SR.ls", {{"sr", sr}}), json::array{});
  d.ok("SR.detach", {{"sr", sr}});
  EXPECT_THAT(d.error("SR.destroy", {{"sr", sr}}), IsIdlError("Sr_not_attached", kSrUri));
  d.ok("SR.attach", {{"configuration", config}});
  d.ok("SR.destroy", {{"sr", sr}});
  EXPECT_THAT(d.error("SR.stat", {{"sr", sr}}), IsIdlError("SR_does_not_exist", kSrUri));
  EXPECT_EQ(d.storage().to_json().at("srs"), json::array{});
}

TEST(StorageLifecycle, ProbeFindsAnExistingSrWithItsUuid) {
  StorageDriver d;
  d.ok("SR.create", {{"uuid", "u-1"}, {"configuration", sr_config()}, {"name", "n"}, {"description", ""}});
  json::value probe = d.ok("SR.probe", {{"configuration", sr_config()}});
  ASSERT_EQ(probe.as_array().size(), 1u);
  EXPECT_EQ(probe.at(0).at("configuration").at("sr_uuid"), "u-1");
  EXPECT_EQ(probe.at(0).at("sr").at("name"), "n");
  EXPECT_EQ(d.ok("SR.probe", {{"configuration", json::object{}}}).at(0).at("complete"), false);
}

TEST(StorageLifecycle, NamesDescriptionsKeysCopyAndRevert) {
  StorageDriver d;
  d.ok("SR.create", {{"uuid", "u"}, {"configuration", sr_config()}, {"name", "n"}, {"description", "d"}});
  d.ok("SR.create", {{"uuid", "u2"}, {"configuration", {{"uri", "file:///srv/sr2"}}}, {"name", "n2"}, {"description", ""}});
  d.ok("SR.attach", {{"configuration", sr_config()}});
  d.ok("SR.attach", {{"configuration", {{"uri", "file:///srv/sr2"}}}});
  d.ok("SR.set_name", {{"sr", kSrUri}, {"new_name", "renamed"}});
  d.ok("SR.set_description", {{"sr", kSrUri}, {"new_description", "described"}});
  json::value stat = d.ok("SR.stat", {{"sr", kSrUri}});
  EXPECT_EQ(stat.at("name"), "renamed");
  EXPECT_EQ(stat.at("description"), "described");

  json::value vol = d.ok("Volume.create", {{"sr", kSrUri}, {"name", "a"}, {"description", "b"}, {"size", 512}, {"sharable", true}});
  json::value key = vol.at("key");
  d.ok("Volume.set_name", {{"sr", kSrUri}, {"key", key}, {"new_name", "a2"}});
  d.ok("Volume.set_description", {{"sr", kSrUri}, {"key", key}, {"new_description", "b2"}});
  d.ok("Volume.set", {{"sr", kSrUri}, {"key", key}, {"k", "x"}, {"v", "1"}});
  d.ok("Volume.unset", {{"sr", kSrUri}, {"key", key}, {"k", "x"}});
  d.ok("Volume.unset", {{"sr", kSrUri}, {"key", key}, {"k", "never-set"}});
  json::value now = d.ok("Volume.stat", {{"sr", kSrUri}, {"key", key}});
  EXPECT_EQ(now.at("name"), "a2");
  EXPECT_EQ(now.at("description"), "b2");
  EXPECT_EQ(now.at("sharable"), true);
  EXPECT_EQ(now.at("keys"), json::object{});

  json::value copy = d.ok("Volume.copy", {{"sr", kSrUri}, {"key", key}, {"dest_sr", "file:///srv/sr2"}});
  EXPECT_EQ(d.ok("SR.ls", {{"sr", "file:///srv/sr2"}}).at(0).at("key"), copy.at("key"));

  json::value snap = d.ok("Volume.snapshot", {{"sr", kSrUri}, {"key", key}});
  d.ok("Volume.resize", {{"sr", kSrUri}, {"key", key}, {"new_size", 8192}});
  d.ok("Volume.revert", {{"sr", kSrUri}, {"snapshot", snap.at("key")}, {"key", key}});
  json::value reverted = d.ok("Volume.stat", {{"sr", kSrUri}, {"key", key}});
  EXPECT_EQ(reverted.at("virtual_size"), 512);
  EXPECT_EQ(reverted.at("uuid"), vol.at("uuid"));  // the identity stays
}

TEST(StorageLifecycle, CbtCompareAndCompose) {
  StorageDriver d;
  d.ok("SR.create", {{"uuid", "u"}, {"configuration", sr_config()}, {"name", "n"}, {"description", ""}});
  d.ok("SR.attach", {{"configuration", sr_config()}});
  json::value key = d.ok("Volume.create", {{"sr", kSrUri}, {"name", "a"}, {"description", ""},
                                           {"size", 3 * 65536}, {"sharable", false}}).at("key");
  json::value blocks = d.ok("Volume.compare", {{"sr", kSrUri}, {"key", key}, {"key2", "no-such-volume"}});
  EXPECT_EQ(blocks, json::parse(R"({"blocksize":65536,"ranges":[[0,3]]})"));

  d.ok("Volume.enable_cbt", {{"sr", kSrUri}, {"key", key}});
  json::value snap = d.ok("Volume.snapshot", {{"sr", kSrUri}, {"key", key}});
  EXPECT_EQ(snap.at("cbt_enabled"), true);
  EXPECT_EQ(snap.at("volume_type"), "Data_and_CBT_Metadata");
  json::value changed = d.ok("Volume.list_changed_blocks", {{"sr", kSrUri}, {"key", snap.at("key")}, {"key2", key},
                                                            {"offset", 0}, {"length", 4 * 65536}});
  EXPECT_EQ(changed, json::parse(R"({"granularity":65536,"bitmap":"/w=="})")) << "4 blocks: one byte, all changed";
  d.ok("Volume.data_destroy", {{"sr", kSrUri}, {"key", snap.at("key")}});
  json::value meta = d.ok("Volume.stat", {{"sr", kSrUri}, {"key", snap.at("key")}});
  EXPECT_EQ(meta.at("volume_type"), "CBT_Metadata");
  EXPECT_EQ(meta.at("physical_utilisation"), 0);
  d.ok("Volume.disable_cbt", {{"sr", kSrUri}, {"key", key}});
  EXPECT_EQ(d.ok("Volume.stat", {{"sr", kSrUri}, {"key", key}}).at("cbt_enabled"), false);

  json::value child = d.ok("Volume.clone", {{"sr", kSrUri}, {"key", key}}).at("key");
  d.ok("Volume.compose", {{"sr", kSrUri}, {"key", child}, {"key2", key}});
  EXPECT_THAT(d.error("Volume.stat", {{"sr", kSrUri}, {"key", key}}),
              IsIdlError("Volume_does_not_exist", std::string(key.as_string())));
}

}  // namespace
}  // namespace smapi::mock::storage
