// MockPlugin's SR, Volume, Datapath and Data methods: expectations on the
// calls a test cares about, the in-memory storage answering the rest.
// Before these methods, a MockPlugin saw Plugin.* calls only and a storage
// call could not be scripted or counted.
#include "mock_plugin/gmock_plugin.h"

#include "mock_plugin/embedded_test_client.h"
#include "mock_plugin/storage/storage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>
#include <string_view>
#include <vector>

// A namespace of its own: the test sources of one target build as one unit.
namespace smapi::mock::gmock_storage_test {
namespace {

namespace json = boost::json;
using ::testing::_;
using ::testing::AnyNumber;
using ::testing::HasSubstr;
using ::testing::NiceMock;
using ::testing::Return;
using ::testing::StartsWith;
using testing::call_method;
using testing::reply_member;

const std::string kMockBinary = SMAPI_BIN_DIR "/smapi-mock";
constexpr std::string_view kSr = "file:///srv/gm";

json::object sr_config() { return json::object{{"uri", kSr}}; }

// A call's result; a string naming the error when it failed, so a failed
// lifecycle step shows what came back.
json::value ok(const std::string& url, std::string_view method, json::object args) {
  testing::TestCall call = call_method(url, method, std::move(args));
  if (json::value error = reply_member(call, "error"); !error.is_null()) {
    return json::value(std::string(method) + " failed: " + json::serialize(error));
  }
  return reply_member(call, "result");
}

json::value error_of(const std::string& url, std::string_view method, json::object args) {
  return reply_member(call_method(url, method, std::move(args)), "error");
}

// SR.create and SR.attach through the mock, as xapi does before any volume call.
void create_and_attach(const std::string& url) {
  ok(url, "SR.create", {{"uuid", "u-gm"}, {"configuration", sr_config()}, {"name", "gm"}, {"description", ""}});
  ok(url, "SR.attach", {{"configuration", sr_config()}});
}

json::object volume_args(std::string_view name) {
  return {{"sr", kSr}, {"name", name}, {"description", ""}, {"size", 1 << 20}, {"sharable", false}};
}

TEST(MockPluginStorage, EveryStorageMethodOfTheIdlHasAMockMethod) {
  const std::vector<std::string_view> mocked = MockPlugin::storage_wire_names();
  EXPECT_EQ(mocked, storage::Storage::methods());
}

TEST(MockPluginStorage, TheIdlErrorsAndArgumentMatchersReadAsTheyAreWritten) {
  EXPECT_EQ(SrNotAttached("file:///a").answer(), Answer::make_error("Sr_not_attached", {"file:///a"}));
  EXPECT_EQ(SrDoesNotExist("file:///a").answer(), Answer::make_error("SR_does_not_exist", {"file:///a"}));
  EXPECT_EQ(VolumeDoesNotExist("vol-1").answer(), Answer::make_error("Volume_does_not_exist", {"vol-1"}));
  EXPECT_EQ(Cancelled("task-1").answer(), Answer::make_error("Cancelled", {"task-1"}));
  EXPECT_EQ(ActivatedOnAnotherHost("h").answer(), Answer::make_error("Activated_on_another_host", {"h"}));
  EXPECT_EQ(SrBackendFailure("Volume.create", "full").answer(),
            Answer::make_error("SR_BACKEND_FAILURE", {"Volume.create", "full"}));
  EXPECT_EQ(::testing::PrintToString(SrNotAttached("file:///a")), R"(BackendError("Sr_not_attached", "file:///a"))");
  EXPECT_EQ(::testing::PrintToString(Result(json::array{1})), "Result([1])");
  EXPECT_EQ(::testing::PrintToString(FromConfig()), "FromConfig()");

  const json::value args = json::parse(R"({"dbg":"d","sr":"file:///a","size":512})");
  EXPECT_EQ(string_arg(args, "sr"), "file:///a");
  EXPECT_EQ(string_arg(args, "size"), "");
  EXPECT_THAT(args, HasArg("size", 512));
  EXPECT_THAT(args, ::testing::Not(HasArg("sr", "file:///b")));
  EXPECT_THAT(args, HasStringArg("sr", StartsWith("file://")));
  EXPECT_THAT(args, ::testing::Not(HasStringArg("size", _)));
  EXPECT_EQ(::testing::DescribeMatcher<json::value>(HasArg("sr", "file:///a")), R"(has argument sr = "file:///a")");
  // A failed match shows the arguments as JSON.
  EXPECT_EQ(::testing::PrintToString(args), R"({"dbg":"d","sr":"file:///a","size":512})");
}

TEST(MockPluginStorage, ScriptedSrFullOnVolumeCreateLeavesTheRestOfTheLifecycleToTheStorage) {
  EmbeddedMock mock;
  NiceMock<MockPlugin> plugin(mock);
  EXPECT_CALL(plugin, Volume_create(_)).Times(AnyNumber());
  EXPECT_CALL(plugin, Volume_create(HasArg("name", "too-big")))
      .WillOnce(Return(SrBackendFailure("Volume.create", "no space left in the SR")));
  const std::string url = mock.url();

  EXPECT_EQ(ok(url, "SR.create", {{"uuid", "u-gm"}, {"configuration", sr_config()}, {"name", "gm"}, {"description", ""}}),
            json::value(sr_config()));
  EXPECT_EQ(ok(url, "SR.attach", {{"configuration", sr_config()}}), json::value(kSr));
  EXPECT_EQ(error_of(url, "Volume.create", volume_args("too-big")),
            json::parse(R"(["SR_BACKEND_FAILURE","Volume.create","no space left in the SR"])"));
  EXPECT_EQ(mock.state_json().at("srs").at(0).at("volumes"), json::array());  // the scripted answer made nothing

  const json::value vol = ok(url, "Volume.create", volume_args("disk"));
  ASSERT_TRUE(vol.is_object()) << vol;
  EXPECT_EQ(vol.at("name"), "disk");
  const json::value key = vol.at("key");
  const json::value uri = vol.at("uri").at(0);
  const json::value snap = ok(url, "Volume.snapshot", {{"sr", kSr}, {"key", key}});
  ASSERT_TRUE(snap.is_object()) << snap;
  EXPECT_EQ(snap.at("read_write"), false);
  const json::value clone = ok(url, "Volume.clone", {{"sr", kSr}, {"key", snap.at("key")}});
  ASSERT_TRUE(clone.is_object()) << clone;
  EXPECT_EQ(ok(url, "Volume.resize", {{"sr", kSr}, {"key", key}, {"new_size", 2 << 20}}), json::value(nullptr));
  EXPECT_EQ(ok(url, "Volume.stat", {{"sr", kSr}, {"key", key}}).at("virtual_size"), 2 << 20);
  const json::object dp{{"uri", uri}, {"domain", "7"}};
  EXPECT_EQ(ok(url, "Datapath.open", {{"uri", uri}, {"persistent", true}}), json::value(nullptr));
  EXPECT_TRUE(ok(url, "Datapath.attach", dp).is_object());
  for (std::string_view step : {"Datapath.activate", "Datapath.deactivate", "Datapath.detach"}) {
    EXPECT_EQ(ok(url, step, dp), json::value(nullptr)) << step;
  }
  EXPECT_EQ(ok(url, "Datapath.close", {{"uri", uri}}), json::value(nullptr));
  for (const json::value& k : {key, snap.at("key"), clone.at("key")}) {
    EXPECT_EQ(ok(url, "Volume.destroy", {{"sr", kSr}, {"key", k}}), json::value(nullptr));
  }
  EXPECT_EQ(ok(url, "SR.detach", {{"sr", kSr}}), json::value(nullptr));
  EXPECT_EQ(ok(url, "SR.attach", {{"configuration", sr_config()}}), json::value(kSr));
  EXPECT_EQ(ok(url, "SR.destroy", {{"sr", kSr}}), json::value(nullptr));
  EXPECT_EQ(mock.state_json().at("srs"), json::array());
}

TEST(MockPluginStorage, SrAttachCallsAreCountedByTheirArguments) {
  EmbeddedMock mock;
  MockPlugin plugin(mock);
  EXPECT_CALL(plugin, SR_create(_)).Times(1);
  EXPECT_CALL(plugin, SR_attach(HasArg("configuration", json::value(sr_config())))).Times(2);
  EXPECT_CALL(plugin, SR_attach(HasArg("configuration", json::value(json::object{{"uri", "file:///other"}}))))
      .WillOnce(Return(SrDoesNotExist("file:///other")));
  EXPECT_CALL(plugin, SR_detach(HasStringArg("sr", StartsWith("file:///srv/")))).Times(1);
  const std::string url = mock.url();

  create_and_attach(url);
  EXPECT_EQ(error_of(url, "SR.attach", {{"configuration", {{"uri", "file:///other"}}}}),
            json::parse(R"(["SR_does_not_exist","file:///other"])"));
  EXPECT_EQ(ok(url, "SR.detach", {{"sr", kSr}}), json::value(nullptr));
  EXPECT_EQ(ok(url, "SR.attach", {{"configuration", sr_config()}}), json::value(kSr));
  mock.stop();
  EXPECT_TRUE(::testing::Mock::VerifyAndClearExpectations(&plugin));
}

TEST(MockPluginStorage, AMethodNotExpectedIsAnsweredByTheStorage) {
  EmbeddedMock mock;
  MockPlugin plugin(mock);
  // Volume.stat is scripted; Volume.set and the rest fall through.
  EXPECT_CALL(plugin, Volume_stat(_)).WillOnce(Return(VolumeDoesNotExist("vol-1")));
  const std::string url = mock.url();
  create_and_attach(url);
  const json::value vol = ok(url, "Volume.create", volume_args("disk"));
  ASSERT_TRUE(vol.is_object()) << vol;
  EXPECT_EQ(ok(url, "Volume.set", {{"sr", kSr}, {"key", vol.at("key")}, {"k", "vdi-type"}, {"v", "user"}}),
            json::value(nullptr));
  EXPECT_EQ(error_of(url, "Volume.stat", {{"sr", kSr}, {"key", vol.at("key")}}),
            json::parse(R"(["Volume_does_not_exist","vol-1"])"));

  const json::value volumes = mock.state_json().at("srs").at(0).at("volumes");
  ASSERT_EQ(volumes.as_array().size(), 1u);
  EXPECT_EQ(volumes.at(0).at("name"), "disk");
  EXPECT_EQ(volumes.at(0).at("keys"), (json::object{{"vdi-type", "user"}}));
}

TEST(MockPluginStorage, ResultAndUnimplementedOverrideTheStorage) {
  EmbeddedMock mock;
  MockPlugin plugin(mock);
  EXPECT_CALL(plugin, SR_ls(HasArg("sr", "file:///nowhere"))).WillOnce(Return(Result(json::array())));
  EXPECT_CALL(plugin, Volume_clone(_)).WillOnce(Return(Unimplemented()));
  EXPECT_CALL(plugin, Data_ls(_)).WillOnce(Return(FromConfig()));
  EXPECT_EQ(ok(mock.url(), "SR.ls", {{"sr", "file:///nowhere"}}), json::array());
  EXPECT_EQ(error_of(mock.url(), "Volume.clone", {{"sr", kSr}, {"key", "k"}}),
            json::parse(R"(["Unimplemented","Volume.clone"])"));
  EXPECT_EQ(ok(mock.url(), "Data.ls", {}), json::array());
}

TEST(MockPluginStorage, TheConfigsRulesStillApplyUnderTheDefaultAction) {
  auto mock = EmbeddedMock::from_json(
      R"({"methods": {"Volume.create": [{"error": {"code": "SR_BACKEND_FAILURE",
          "params": ["Volume.create", "full by rule"]}}]}})");
  MockPlugin plugin(*mock);
  EXPECT_CALL(plugin, Volume_create(_))
      .WillOnce(Return(FromConfig()))
      .WillOnce(Return(Result(json::object{{"key", "scripted"}})));
  EXPECT_EQ(error_of(mock->url(), "Volume.create", volume_args("a")),
            json::parse(R"(["SR_BACKEND_FAILURE","Volume.create","full by rule"])"));
  EXPECT_EQ(ok(mock->url(), "Volume.create", volume_args("b")), (json::object{{"key", "scripted"}}));
}

TEST(MockPluginStorage, RefusedArgumentsNeverReachTheStorageMethods) {
  EmbeddedMock mock;
  MockPlugin plugin(mock);
  EXPECT_CALL(plugin, SR_stat(_)).Times(0);
  auto call = testing::post_jsonrpc(mock.url(), R"({"method":"SR.stat","params":[{"dbg":5,"sr":"x"}],"id":1})");
  EXPECT_EQ(reply_member(call, "error"), json::parse(R"(["Internal_error","Expected string, got 5"])"));
}

TEST(MockPluginStorage, ExecCallsNeverReachTheMockMethods) {
  EmbeddedMock mock(EmbeddedMockOptions{.mock_binary = kMockBinary});
  MockPlugin plugin(mock);
  EXPECT_CALL(plugin, SR_create(_)).Times(0);
  testing::TempDir tmp;
  const auto dir = mock.make_plugin_dir(tmp.path() / "volume" / "org.xen.xapi.storage.gm");
  const testing::ScriptRun run = testing::run_script(
      dir / "SR.create",
      R"({"dbg":"exec","uuid":"u","configuration":{"uri":"file:///exec"},"name":"n","description":""})");
  EXPECT_EQ(run.status, 0) << run.out;
  EXPECT_THAT(run.out, HasSubstr("file:///exec"));
  EXPECT_EQ(mock.state_json().at("srs"), json::array());  // the directory keeps its own state
}

// Before: FromConfig() for ls gave the config's [] whatever SRs were attached.
TEST(MockPluginStorage, LsFromConfigListsTheSrsTheStorageHasAttached) {
  EmbeddedMock mock;
  MockPlugin plugin(mock);
  EXPECT_CALL(plugin, ls("gm"))
      .WillOnce(Return(FromConfig()))
      .WillOnce(Return(Result(json::array{"scripted"})))
      .WillOnce(Return(FromConfig()));
  EXPECT_CALL(plugin, SR_create(_)).Times(AnyNumber());
  EXPECT_CALL(plugin, SR_attach(_)).Times(AnyNumber());
  create_and_attach(mock.url());
  const auto ls_result = [&] { return reply_member(testing::call_plugin(mock.url(), "Plugin.ls", "gm"), "result"); };
  EXPECT_EQ(ls_result(), json::array{kSr});
  EXPECT_EQ(ls_result(), json::array{"scripted"});
  EXPECT_EQ(ls_result(), json::array{kSr});
}

}  // namespace
}  // namespace smapi::mock::gmock_storage_test
