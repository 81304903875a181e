// Wrong orders, missing objects, bad arguments and limits get the IDL's
// errors (or its generic backend error where it declares none), and a
// refused call changes nothing.
#include "mock_plugin/storage/testing/storage_calls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::mock::storage {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::IsBackendFailureOf;
using testing::IsIdlError;
using testing::StorageDriver;

constexpr const char* kSr = "file:///srv/errors";

// An attached SR with one volume; returns the volume's key and URI.
struct SrVolume {
  std::string key;
  std::string uri;
};
SrVolume attached_volume(StorageDriver& d) {
  d.ok("SR.create", {{"uuid", "u"}, {"configuration", {{"uri", kSr}}}, {"name", "n"}, {"description", ""}});
  d.ok("SR.attach", {{"configuration", {{"uri", kSr}}}});
  json::value v = d.ok("Volume.create", {{"sr", kSr}, {"name", "v"}, {"description", ""}, {"size", 512}, {"sharable", false}});
  return {std::string(v.at("key").as_string()), std::string(v.at("uri").at(0).as_string())};
}

TEST(StorageErrors, MissingSrAndVolumeGetTheIdlErrors) {
  StorageDriver d;
  EXPECT_THAT(d.error("SR.attach", {{"configuration", {{"uri", "file:///nowhere"}}}}),
              IsIdlError("SR_does_not_exist", "file:///nowhere"));
  EXPECT_THAT(d.error("SR.ls", {{"sr", "file:///nowhere"}}), IsIdlError("SR_does_not_exist", "file:///nowhere"));
  EXPECT_THAT(d.error("Volume.create", {{"sr", "file:///nowhere"}, {"name", ""}, {"description", ""}, {"size", 1}, {"sharable", false}}),
              IsIdlError("SR_does_not_exist", "file:///nowhere"));
  SrVolume s = attached_volume(d);
  for (const char* method : {"Volume.stat", "Volume.destroy", "Volume.snapshot", "Volume.clone", "Volume.enable_cbt"})
    EXPECT_THAT(d.error(method, {{"sr", kSr}, {"key", "gone"}}), IsIdlError("Volume_does_not_exist", "gone")) << method;
  EXPECT_THAT(d.error("Datapath.open", {{"uri", "mock:///gone"}, {"persistent", true}}),
              IsIdlError("Volume_does_not_exist", "mock:///gone"));
}

TEST(StorageErrors, ADetachedSrRefusesVolumesAndDatapaths) {
  StorageDriver d;
  SrVolume s = attached_volume(d);
  d.ok("SR.detach", {{"sr", kSr}});
  d.ok("SR.detach", {{"sr", kSr}});  // idempotent, as xapi wants
  EXPECT_THAT(d.error("SR.ls", {{"sr", kSr}}), IsIdlError("Sr_not_attached", kSr));
  EXPECT_THAT(d.error("Volume.stat", {{"sr", kSr}, {"key", s.key}}), IsIdlError("Sr_not_attached", kSr));
  EXPECT_THAT(d.error("Volume.create", {{"sr", kSr}, {"name", ""}, {"description", ""}, {"size", 1}, {"sharable", false}}),
              IsIdlError("Sr_not_attached", kSr));
  EXPECT_THAT(d.error("Datapath.open", {{"uri", s.uri}, {"persistent", true}}), IsIdlError("Sr_not_attached", kSr));
}

TEST(StorageErrors, DatapathStepsOutOfOrderAreRefused) {
  StorageDriver d;
  SrVolume s = attached_volume(d);
  EXPECT_THAT(d.error("Datapath.attach", {{"uri", s.uri}, {"domain", "1"}}), IsBackendFailureOf("Datapath.attach"));
  d.ok("Datapath.open", {{"uri", s.uri}, {"persistent", false}});
  EXPECT_THAT(d.error("Datapath.activate", {{"uri", s.uri}, {"domain", "1"}}), IsBackendFailureOf("Datapath.activate"));
  d.ok("Datapath.attach", {{"uri", s.uri}, {"domain", "1"}});
  d.ok("Datapath.activate", {{"uri", s.uri}, {"domain", "1"}});
  EXPECT_THAT(d.error("Datapath.activate_readonly", {{"uri", s.uri}, {"domain", "1"}}),
              IsBackendFailureOf("Datapath.activate_readonly"));
  EXPECT_THAT(d.error("Datapath.detach", {{"uri", s.uri}, {"domain", "1"}}), IsBackendFailureOf("Datapath.detach"));
  EXPECT_THAT(d.error("Datapath.close", {{"uri", s.uri}}), IsBackendFailureOf("Datapath.close"));
  EXPECT_THAT(d.error("Volume.destroy", {{"sr", kSr}, {"key", s.key}}), IsBackendFailureOf("Volume.destroy"));
  EXPECT_THAT(d.error("SR.destroy", {{"sr", kSr}}), IsBackendFailureOf("SR.destroy"));
  EXPECT_THAT(d.error("Datapath.import_activate", {{"uri", s.uri}, {"domain", "1"}}),
              IsIdlError("Unimplemented", "Datapath.import_activate"));
  d.ok("Datapath.deactivate", {{"uri", s.uri}, {"domain", "1"}});
  d.ok("Datapath.deactivate", {{"uri", s.uri}, {"domain", "1"}});
  d.ok("Datapath.detach", {{"uri", s.uri}, {"domain", "1"}});
  d.ok("Datapath.detach", {{"uri", s.uri}, {"domain", "1"}});
  d.ok("Datapath.close", {{"uri", s.uri}});
  d.ok("Datapath.close", {{"uri", s.uri}});
  d.ok("Volume.destroy", {{"sr", kSr}, {"key", s.key}});
}

TEST(StorageErrors, ASnapshotIsActivatedReadOnly) {
  StorageDriver d;
  SrVolume s = attached_volume(d);
  json::value snap = d.ok("Volume.snapshot", {{"sr", kSr}, {"key", s.key}});
  std::string uri(snap.at("uri").at(0).as_string());
  d.ok("Datapath.open", {{"uri", uri}, {"persistent", true}});
  d.ok("Datapath.attach", {{"uri", uri}, {"domain", "2"}});
  EXPECT_THAT(d.error("Datapath.activate", {{"uri", uri}, {"domain", "2"}}), IsBackendFailureOf("Datapath.activate"));
  d.ok("Datapath.activate_readonly", {{"uri", uri}, {"domain", "2"}});
  EXPECT_THAT(d.error("Volume.resize", {{"sr", kSr}, {"key", snap.at("key")}, {"new_size", 4096}}),
              IsBackendFailureOf("Volume.resize"));
}

TEST(StorageErrors, AVolumeActiveOnAnotherHostIsRefusedWithActivatedOnAnotherHost) {
  StorageDriver d;
  SrVolume s = attached_volume(d);
  json::value state = d.storage().to_json();
  state.at("datapaths").as_array().push_back(
      json::object{{"uri", s.uri}, {"activated_on_host", "host-b"}, {"domains", {{"3", "none"}}}});
  d.storage().load(state);
  EXPECT_THAT(d.error("Datapath.activate", {{"uri", s.uri}, {"domain", "3"}}),
              IsIdlError("Activated_on_another_host", "host-b"));
  EXPECT_THAT(d.error("Volume.snapshot", {{"sr", kSr}, {"key", s.key}}), IsIdlError("Activated_on_another_host", "host-b"));
}

TEST(StorageErrors, AMissingOrMistypedArgumentIsNamed) {
  StorageDriver d;
  attached_volume(d);
  StorageError missing = d.error("Volume.create", {{"sr", kSr}, {"name", ""}, {"description", ""}, {"sharable", false}});
  EXPECT_EQ(missing.code, kBackendFailure);
  EXPECT_THAT(missing.params, ElementsAre("UnmarshalException", HasSubstr("thing=size")));
  StorageError mistyped = d.error("Volume.create", {{"sr", kSr}, {"name", ""}, {"description", ""}, {"size", "big"}, {"sharable", false}});
  EXPECT_THAT(mistyped.params, ElementsAre("UnmarshalException", HasSubstr("thing=size ty=int64")));
  // rpclib reads an int64 from a string too (Int64.of_string).
  EXPECT_EQ(d.ok("Volume.create", {{"sr", kSr}, {"name", ""}, {"description", ""}, {"size", "0x400"}, {"sharable", false}})
                .at("virtual_size"),
            1024);
  StorageReply no_dbg = d.storage().call("SR.ls", json::object{{"sr", kSr}}, SimulatedTime{0});
  ASSERT_NE(no_dbg.error, nullptr);
  EXPECT_THAT(no_dbg.error->params, ElementsAre("UnmarshalException", HasSubstr("thing=dbg")));
  EXPECT_THAT(d.error("SR.create", {{"uuid", "u"}, {"configuration", json::object{}}, {"name", ""}, {"description", ""}}),
              IsBackendFailureOf("SR.create"));
  EXPECT_THAT(d.error("Volume.create", {{"sr", kSr}, {"name", ""}, {"description", ""}, {"size", -1}, {"sharable", false}}),
              IsBackendFailureOf("Volume.create"));
}

TEST(StorageErrors, AFullSrRefusesVolumeCreateAndChangesNothing) {
  Limits limits;
  limits.sr_total_space = 4096;
  StorageDriver d(limits);
  attached_volume(d);
  json::value before = d.storage().to_json();
  EXPECT_THAT(d.error("Volume.create", {{"sr", kSr}, {"name", ""}, {"description", ""}, {"size", 4096}, {"sharable", false}}),
              IsBackendFailureOf("Volume.create"));
  EXPECT_EQ(d.storage().to_json(), before);
}

TEST(StorageErrors, LimitsAreEnforcedWithAClearError) {
  Limits limits;
  limits.max_srs = 1;
  limits.max_volumes = 2;
  limits.max_keys_per_volume = 1;
  limits.max_string_bytes = 20;
  StorageDriver d(limits);
  SrVolume s = attached_volume(d);
  StorageError srs = d.error("SR.create", {{"uuid", "u"}, {"configuration", {{"uri", "file:///2"}}}, {"name", ""}, {"description", ""}});
  EXPECT_THAT(srs, IsBackendFailureOf("SR.create"));
  EXPECT_THAT(srs.params[1], HasSubstr("Limits::max_srs"));
  d.ok("Volume.clone", {{"sr", kSr}, {"key", s.key}});
  EXPECT_THAT(d.error("Volume.clone", {{"sr", kSr}, {"key", s.key}}).params[1], HasSubstr("Limits::max_volumes"));
  d.ok("Volume.set", {{"sr", kSr}, {"key", s.key}, {"k", "a"}, {"v", "1"}});
  d.ok("Volume.set", {{"sr", kSr}, {"key", s.key}, {"k", "a"}, {"v", "2"}});  // replacing is not growing
  EXPECT_THAT(d.error("Volume.set", {{"sr", kSr}, {"key", s.key}, {"k", "b"}, {"v", "1"}}).params[1],
              HasSubstr("Limits::max_keys_per_volume"));
  EXPECT_THAT(d.error("Volume.set_name", {{"sr", kSr}, {"key", s.key}, {"new_name", std::string(21, 'x')}}).params[1],
              HasSubstr("Limits::max_string_bytes"));
}

TEST(StorageErrors, AfterForgetAttachedTheSrMustBeAttachedAgain) {
  StorageDriver d;
  SrVolume s = attached_volume(d);
  d.storage().forget_attached();
  EXPECT_THAT(d.error("Volume.stat", {{"sr", kSr}, {"key", s.key}}), IsIdlError("Sr_not_attached", kSr));
  d.ok("SR.attach", {{"configuration", {{"uri", kSr}}}});
  d.ok("Volume.stat", {{"sr", kSr}, {"key", s.key}});
}

TEST(StorageErrors, ALongDbgIsAcceptedButNotAMistypedOne) {
  Limits limits;
  limits.max_string_bytes = 20;
  Storage storage(limits);
  StorageReply ok = storage.call("SR.probe", json::object{{"dbg", std::string(100, 'd')}, {"configuration", json::object{}}},
                                 SimulatedTime{0});
  EXPECT_TRUE(ok.error == nullptr);
  StorageReply bad = storage.call("SR.probe", json::object{{"dbg", 1}, {"configuration", json::object{}}}, SimulatedTime{0});
  ASSERT_TRUE(bad.error != nullptr);
  EXPECT_THAT(bad.error->params, ElementsAre("UnmarshalException", HasSubstr("thing=dbg ty=string")));
}

TEST(StorageErrors, AnUnknownMethodIsUnimplemented) {
  StorageDriver d;
  EXPECT_THAT(d.error("Volume.frobnicate", {}), IsIdlError("Unimplemented", "Volume.frobnicate"));
}

}  // namespace
}  // namespace smapi::mock::storage
