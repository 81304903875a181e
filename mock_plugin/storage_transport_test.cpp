// smapi-mock answering the whole xapi-storage interface over each HTTP
// transport (JSON-RPC v1, v2, XML-RPC), from one in-memory storage per
// server: a full lifecycle with every answer checked against the IDL's
// types, the IDL's errors for wrong orders, config rules on storage methods,
// the scenario presets, and the admin API's state, reset, journal and verify.
#include "mock_plugin/exec_test_support.h"
#include "mock_plugin/scenarios.h"
#include "mock_plugin/server.h"
#include "mock_plugin/storage/testing/idl_types.h"
#include "mock_plugin/storage_test_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace smapi::mock {
namespace {

namespace json = boost::json;
namespace http = boost::beast::http;
using storage::testing::HasIdlResultType;
using test_client::RpcAnswer;
using test_client::RpcClient;
using test_client::Wire;
using ::testing::HasSubstr;

constexpr const char* kSr = "file:///srv/sr1";

json::object sr_configuration() { return json::object{{"uri", kSr}}; }

// A running server and a client of one transport.
class StorageOverHttp {
 public:
  explicit StorageOverHttp(Wire wire, MockConfig config = default_config())
      : server_(std::move(config), ServerSettings{}, "127.0.0.1:0"), wire_(wire) {
    server_.start();
    rpc_.emplace(server_.port(), wire);
  }

  RpcAnswer call(std::string_view method, json::object args) { return rpc_->call(method, std::move(args)); }

  // Calls `method`, expecting a result of the IDL's type.
  json::value ok(std::string_view method, json::object args) {
    RpcAnswer a = call(method, std::move(args));
    EXPECT_TRUE(a.ok) << test_client::to_string(wire_) << " " << method << ": " << a.body;
    EXPECT_THAT(a.result, HasIdlResultType(std::string(method))) << test_client::to_string(wire_);
    return a.result;
  }

  // Calls `method`, expecting the error [code, param].
  void fails(std::string_view method, json::object args, std::string_view code, std::string_view param) {
    RpcAnswer a = call(method, std::move(args));
    EXPECT_FALSE(a.ok) << method << " succeeded: " << a.body;
    EXPECT_EQ(a.error, (json::array{json::string(code), json::string(param)}))
        << test_client::to_string(wire_) << " " << method << ": " << a.body;
  }

  // An admin request on a connection of its own.
  http::response<http::string_body> admin(http::verb verb, std::string target, std::string body = "") {
    test_client::Client c(server_.port());
    EXPECT_FALSE(c.send(test_client::admin_request(verb, std::move(target), std::move(body))));
    auto res = c.receive();
    EXPECT_TRUE(res.has_value());
    return res.value_or(http::response<http::string_body>{});
  }

  std::uint16_t port() const { return server_.port(); }

  // SR.create then SR.attach of kSr; returns the SR's key.
  json::value attached_sr() {
    json::value config = ok("SR.create", {{"uuid", "u-1"}, {"configuration", sr_configuration()},
                                          {"name", "sr"}, {"description", ""}});
    return ok("SR.attach", {{"configuration", config}});
  }

 private:
  MockServer server_;
  Wire wire_;
  std::optional<RpcClient> rpc_;
};

class StorageLifecycleOverHttp : public ::testing::TestWithParam<Wire> {};

TEST_P(StorageLifecycleOverHttp, CreateAttachVolumesDatapathsAndTearDownWithIdlTypedAnswers) {
  StorageOverHttp m(GetParam());
  // Wrong orders and missing objects get the IDL's errors.
  m.fails("SR.attach", {{"configuration", sr_configuration()}}, "SR_does_not_exist", kSr);
  json::value config = m.ok("SR.create", {{"uuid", "u-1"}, {"configuration", sr_configuration()},
                                          {"name", "sr one"}, {"description", "first"}});
  m.fails("Volume.create", {{"sr", kSr}, {"name", "d"}, {"description", ""}, {"size", 1024}, {"sharable", false}},
          "Sr_not_attached", kSr);
  EXPECT_EQ(m.call("Plugin.ls", {}).result, json::array{}) << "created, not attached";
  json::value sr = m.ok("SR.attach", {{"configuration", config}});
  EXPECT_EQ(sr, kSr);
  EXPECT_EQ(m.call("Plugin.ls", {}).result, json::array{kSr}) << "Plugin.ls lists the attached SRs";

  json::value vol = m.ok("Volume.create", {{"sr", sr}, {"name", "disk"}, {"description", "a disk"},
                                           {"size", 1024}, {"sharable", false}});
  const json::value key = vol.at("key");
  m.fails("Volume.stat", {{"sr", sr}, {"key", "no-such-key"}}, "Volume_does_not_exist", "no-such-key");
  json::value snap = m.ok("Volume.snapshot", {{"sr", sr}, {"key", key}});
  EXPECT_EQ(snap.at("read_write"), false);
  json::value clone = m.ok("Volume.clone", {{"sr", sr}, {"key", snap.at("key")}});
  EXPECT_EQ(clone.at("read_write"), true);
  m.ok("Volume.resize", {{"sr", sr}, {"key", key}, {"new_size", 8192}});
  json::value stat = m.ok("Volume.stat", {{"sr", sr}, {"key", key}});
  EXPECT_EQ(stat.at("virtual_size"), 8192);
  const json::value uri = stat.at("uri").at(0);

  m.ok("Datapath.open", {{"uri", uri}, {"persistent", true}});
  m.ok("Datapath.attach", {{"uri", uri}, {"domain", "3"}});
  m.ok("Datapath.activate", {{"uri", uri}, {"domain", "3"}});
  m.ok("Datapath.deactivate", {{"uri", uri}, {"domain", "3"}});
  m.ok("Datapath.detach", {{"uri", uri}, {"domain", "3"}});
  m.ok("Datapath.close", {{"uri", uri}});

  for (const json::value& k : {key, snap.at("key"), clone.at("key")}) m.ok("Volume.destroy", {{"sr", sr}, {"key", k}});
  EXPECT_EQ(m.ok("SR.ls", {{"sr", sr}}), json::array{});
  m.ok("SR.detach", {{"sr", sr}});
  EXPECT_EQ(m.call("Plugin.ls", {}).result, json::array{});
  m.fails("SR.stat", {{"sr", sr}}, "Sr_not_attached", kSr);
  m.ok("SR.attach", {{"configuration", config}});
  m.ok("SR.destroy", {{"sr", sr}});
  m.fails("SR.stat", {{"sr", sr}}, "SR_does_not_exist", kSr);
  // The Plugin methods and unknown names answer as before.
  EXPECT_EQ(m.call("Plugin.ls", {}).result, json::array{});
  RpcAnswer unknown = m.call("SR.frobnicate", {});
  EXPECT_EQ(unknown.error, (json::array{"Unknown_method", "SR.frobnicate"})) << unknown.body;
  RpcAnswer no_dbg = m.call("SR.ls", {{"dbg", 5}});
  EXPECT_EQ(test_client::error_text(no_dbg), "Internal_error | Expected string, got 5") << no_dbg.body;
}

INSTANTIATE_TEST_SUITE_P(EveryTransport, StorageLifecycleOverHttp,
                         ::testing::Values(Wire::jsonrpc1, Wire::jsonrpc2, Wire::xmlrpc),
                         [](const auto& info) { return test_client::to_string(info.param); });

// The server gives the storage its own clock: a copy progresses as the
// server's time passes, and completes.
// LS-ANSWERS and LS-UNIQUE hold for the storage's list: smapi-conform judges
// the mock conformant with SRs attached, over each transport.
TEST_P(StorageLifecycleOverHttp, SmapiConformJudgesTheMockConformantWithSrsAttached) {
  StorageOverHttp m(GetParam());
  m.attached_sr();
  m.ok("SR.create", {{"uuid", "u-0"}, {"configuration", {{"uri", "file:///srv/sr0"}}}, {"name", "sr0"},
                     {"description", ""}});
  m.ok("SR.attach", {{"configuration", {{"uri", "file:///srv/sr0"}}}});
  ASSERT_EQ(m.call("Plugin.ls", {}).result, (json::array{"file:///srv/sr0", kSr}));
  const std::string protocol = GetParam() == Wire::jsonrpc1   ? "jsonrpc"
                               : GetParam() == Wire::jsonrpc2 ? "jsonrpc2"
                                                              : "xmlrpc";
  const testing::ScriptRun r = testing::run_script(
      SMAPI_BIN_DIR "/smapi-conform", "", std::filesystem::temp_directory_path(),
      {"run", "--target", "http://127.0.0.1:" + std::to_string(m.port()) + "/", "--protocol", protocol});
  EXPECT_EQ(r.exit_status, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("verdict: conformant"));
}

TEST(StorageDataOverHttp, ACopyProgressesWithTheServersClockAndCompletes) {
  StorageOverHttp m(Wire::jsonrpc2);
  const json::value sr = m.attached_sr();
  json::value vol = m.ok("Volume.create", {{"sr", sr}, {"name", "d"}, {"description", ""}, {"size", 1 << 20},
                                           {"sharable", false}});
  const json::value uri = vol.at("uri").at(0);
  m.ok("Datapath.open", {{"uri", uri}, {"persistent", true}});
  m.ok("Datapath.attach", {{"uri", uri}, {"domain", "0"}});
  // 20 MiB at the default 100 MiB a second: about 200 ms.
  const json::object blocks{{"blocksize", 1 << 20}, {"ranges", json::array{json::array{0, 20}}}};
  json::value op = m.ok("Data.copy", {{"uri", uri}, {"domain", "0"}, {"remote", "nbd://r/x"}, {"blocklist", blocks}});
  EXPECT_EQ(m.ok("Data.stat", {{"operation", op}}).at("complete"), false);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  json::value status;
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    status = m.ok("Data.stat", {{"operation", op}});
  } while (status.at("complete") != true && std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(status, json::parse(R"({"failed":false,"complete":true,"progress":1.0})"));
}

MockConfig config_with(std::string_view text) {
  ConfigLoad load = parse_config(text);
  EXPECT_TRUE(load.config.has_value()) << load.error;
  return load.config.value_or(default_config());
}

TEST(StorageFaultsOverHttp, ARuleAnswerWinsOnceThenTheStorageAnswers) {
  StorageOverHttp m(Wire::jsonrpc1, config_with(R"({"methods": {"SR.create": [
      {"times": 1, "error": {"code": "SR_does_not_exist", "params": ["injected"]}}]}})"));
  const json::object args{{"uuid", "u"}, {"configuration", sr_configuration()}, {"name", "n"}, {"description", ""}};
  m.fails("SR.create", args, "SR_does_not_exist", "injected");
  m.ok("SR.create", args);
  EXPECT_EQ(m.ok("SR.probe", {{"configuration", sr_configuration()}}).at(0).at("complete"), true);
}

TEST(StorageFaultsOverHttp, ADelayOnAnSrMethodKeepsTheStoragesAnswer) {
  StorageOverHttp m(Wire::xmlrpc, config_with(R"({"methods": {"SR.stat": [{"delay_ms": 300}]}})"));
  const json::value sr = m.attached_sr();
  const auto start = std::chrono::steady_clock::now();
  json::value stat = m.ok("SR.stat", {{"sr", sr}});
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
  EXPECT_EQ(stat.at("name"), "sr");
}

TEST(StorageFaultsOverHttp, BodyFaultsApplyToTheStoragesAnswer) {
  StorageOverHttp m(Wire::jsonrpc2, config_with(R"({"methods": {"sr.LS": [{"body": "garbage"}]}})"));
  const json::value sr = m.attached_sr();
  RpcAnswer a = m.call("SR.ls", {{"sr", sr}});
  EXPECT_FALSE(a.ok);
  EXPECT_TRUE(a.error.empty()) << a.body;
  EXPECT_EQ(a.status, 200);
}

TEST(StorageScenariosOverHttp, SrFullRefusesVolumeCreateWithTheBackendError) {
  MockConfig config = default_config();
  ASSERT_EQ(apply_scenario(config, "sr-full"), "");
  StorageOverHttp m(Wire::jsonrpc1, std::move(config));
  const json::value sr = m.attached_sr();
  RpcAnswer a = m.call("Volume.create", {{"sr", sr}, {"name", "d"}, {"description", ""}, {"size", 1}, {"sharable", false}});
  EXPECT_EQ(test_client::error_text(a),
            "SR_BACKEND_FAILURE | Volume.create | no space left in the SR for the volume (smapi-mock scenario sr-full)");
  EXPECT_EQ(m.ok("SR.ls", {{"sr", sr}}), json::array{});
}

TEST(StorageScenariosOverHttp, VanishingVolumeIsStatedThenMissingOnAttach) {
  MockConfig config = config_with(R"({"scenarios": ["vanishing-volume"]})");
  StorageOverHttp m(Wire::jsonrpc2, std::move(config));
  const json::value sr = m.attached_sr();
  json::value vol = m.ok("Volume.create", {{"sr", sr}, {"name", "d"}, {"description", ""}, {"size", 1}, {"sharable", false}});
  const json::value uri = m.ok("Volume.stat", {{"sr", sr}, {"key", vol.at("key")}}).at("uri").at(0);
  m.ok("Datapath.open", {{"uri", uri}, {"persistent", true}});
  RpcAnswer a = m.call("Datapath.attach", {{"uri", uri}, {"domain", "0"}});
  ASSERT_FALSE(a.error.empty()) << a.body;
  EXPECT_EQ(a.error.at(0), "Volume_does_not_exist");
}

TEST(StorageScenariosOverHttp, RestartForgetsTheFirstAttachUntilXapiAttachesAgain) {
  StorageOverHttp m(Wire::xmlrpc, config_with(R"({"scenarios": ["restart-forgets-srs"]})"));
  const json::value sr = m.attached_sr();
  const json::object create{{"sr", sr}, {"name", "d"}, {"description", ""}, {"size", 1}, {"sharable", false}};
  m.fails("Volume.create", create, "Sr_not_attached", kSr);
  EXPECT_EQ(m.call("Plugin.ls", {}).result, json::array{}) << "the restarted plugin has no SR attached";
  m.ok("SR.attach", {{"configuration", sr_configuration()}});
  EXPECT_EQ(m.call("Plugin.ls", {}).result, json::array{kSr});
  m.ok("Volume.create", create);
}

// A config's own Plugin.ls answer wins over the storage; a fault-only rule
// keeps the storage's answer and misbehaves around it.
TEST(StoragePluginLsOverHttp, AConfiguredAnswerWinsAndAFaultOnlyRuleKeepsTheStoragesAnswer) {
  StorageOverHttp scripted(Wire::xmlrpc, config_with(R"({"methods": {"Plugin.ls": {"result": ["sr1", "sr1"]}}})"));
  scripted.attached_sr();
  EXPECT_EQ(scripted.call("Plugin.ls", {}).result, (json::array{"sr1", "sr1"}));
  StorageOverHttp delayed(Wire::jsonrpc2, config_with(R"({"methods": {"Plugin.ls": [{"delay_ms": 200}]}})"));
  delayed.attached_sr();
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(delayed.call("Plugin.ls", {}).result, json::array{kSr});
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
}

TEST(StorageScenarios, SlowAttachDelaysBothAttachesByTheNamedSetting) {
  MockConfig config = config_with(R"({"scenarios": ["slow-attach"]})");
  for (const char* method : {"SR.attach", "Datapath.attach"}) {
    ASSERT_EQ(config.storage_rules_for(method).size(), 1u) << method;
    const Step& step = config.storage_rules_for(method).front().steps.front();
    EXPECT_EQ(step.fault.delay, std::chrono::milliseconds(kSlowAttachDelayMs)) << method;
    EXPECT_FALSE(step.answer.has_value()) << method << ": the storage still answers";
  }
  EXPECT_EQ(scenarios().size(), 4u);
  EXPECT_THAT(parse_config(R"({"scenarios": ["sr-ful"]})").error,
              HasSubstr("config: $.scenarios[0]: unknown scenario \"sr-ful\" (expected one of sr-full, slow-attach"));
}

TEST(StorageAdminOverHttp, StateIsDumpedSeededAndResetAndTheJournalVerifiesStorageCalls) {
  StorageOverHttp m(Wire::jsonrpc1);
  const json::value sr = m.attached_sr();
  auto got = m.admin(http::verb::get, "/_mock/state");
  ASSERT_EQ(got.result_int(), 200) << got.body();
  const std::string dumped = got.body();
  EXPECT_THAT(dumped, HasSubstr(kSr));
  EXPECT_EQ(m.admin(http::verb::get, "/_mock/verify?method=SR.attach&count=1").result_int(), 200);
  EXPECT_EQ(m.admin(http::verb::get, "/_mock/verify?method=SR.create&dbg=test").result_int(), 200);

  // GET /_mock/config says where Plugin.ls's answer comes from.
  auto config = m.admin(http::verb::get, "/_mock/config");
  EXPECT_EQ(json::parse(config.body()).at("methods").at("Plugin.ls"), (json::object{{"from_storage", true}}));
  EXPECT_EQ(m.call("Plugin.ls", {}).result, json::array{kSr});

  auto reset = m.admin(http::verb::post, "/_mock/reset");
  EXPECT_EQ(reset.result_int(), 200);
  m.fails("SR.stat", {{"sr", sr}}, "SR_does_not_exist", kSr);
  EXPECT_EQ(m.call("Plugin.ls", {}).result, json::array{});
  EXPECT_EQ(m.admin(http::verb::get, "/_mock/verify?method=SR.create&count=0").result_int(), 200);

  auto bad = m.admin(http::verb::put, "/_mock/state", R"({"srs": 5})");
  EXPECT_EQ(bad.result_int(), 400);
  EXPECT_THAT(bad.body(), HasSubstr("$.srs"));
  auto seeded = m.admin(http::verb::put, "/_mock/state", dumped);
  EXPECT_EQ(seeded.result_int(), 200) << seeded.body();
  EXPECT_EQ(m.ok("SR.stat", {{"sr", sr}}).at("name"), "sr");
  EXPECT_EQ(m.call("Plugin.ls", {}).result, json::array{kSr}) << "the seeded SR is attached";
  EXPECT_EQ(m.admin(http::verb::delete_, "/_mock/state").result_int(), 405);
}

}  // namespace
}  // namespace smapi::mock
