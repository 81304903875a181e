// Config rules and engine decisions for the storage methods (SR.*, Volume.*,
// Datapath.*, Data.*), and Plugin.ls answered from the storage, apart from
// any transport.
#include "mock_plugin/config.h"
#include "mock_plugin/engine.h"
#include "mock_plugin/command_tables.h"
#include "mock_plugin/fault_scope.h"
#include "mock_plugin/handler.h"
#include "mock_plugin/xmlrpc_handler.h"
#include "mock_plugin/scenarios.h"
#include "mock_plugin/storage_call.h"

#include <boost/json.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using ::testing::ElementsAre;

std::string storage_config_error(std::string_view text) { return parse_config(text).error; }

MockConfig storage_config(std::string_view text) {
  ConfigLoad load = parse_config(text);
  EXPECT_TRUE(load.config.has_value()) << load.error;
  return load.config.value_or(default_config());
}

const json::value kCall = json::object{{"dbg", "d"}, {"sr", "file:///x"}};

TEST(StorageRulesConfig, AnUnknownMethodOrABadRuleNamesTheJsonPath) {
  EXPECT_EQ(storage_config_error(R"({"methods":{"SR.frobnicate":[]}})"),
            "config: unknown key $.methods.SR.frobnicate (expected Plugin.query, Plugin.ls, Plugin.diagnostics or a "
            "method of the IDL's SR, Volume, Datapath or Data interfaces, e.g. SR.create, Volume.snapshot, "
            "Datapath.attach)");
  EXPECT_EQ(storage_config_error(R"({"methods":{"Volume.create":[{"delay_ms":-1}]}})"),
            "config: $.methods.Volume.create[0].delay_ms: expected a non-negative integer <= 600000, got -1");
  EXPECT_EQ(storage_config_error(R"({"methods":{"SR.ls":{"resutl":1}}})"),
            "config: $.methods.SR.ls: expected one of result, unimplemented, error, from_storage");
  EXPECT_EQ(storage_config_error(R"({"methods":{"sr.ls":[],"SR.LS":[]}})"),
            "config: $.methods.SR.LS: the same method as $.methods.sr.ls");
  EXPECT_EQ(storage_config_error(R"({"scenarios":"sr-full"})"),
            "config: $.scenarios: expected an array of scenario names, got \"sr-full\"");
}

TEST(StorageRulesConfig, KeysAreMatchedInAnyCaseAndRoundTripThroughJson) {
  MockConfig c = storage_config(
      R"({"methods":{"volume.SNAPSHOT":[{"times":2,"restart":true}],"Data.ls":{"result":[]}}})");
  EXPECT_EQ(c.storage_rules_for("Volume.snapshot").size(), 1u);
  EXPECT_TRUE(c.storage_rules_for("Volume.snapshot").front().steps.front().fault.restart);
  ASSERT_EQ(c.storage_rules_for("Data.ls").size(), 1u);
  EXPECT_EQ(c.storage_rules_for("Data.ls").front().steps.front().answer, Answer::make_result(json::array{}));
  EXPECT_TRUE(c.storage_rules_for("SR.create").empty());
  EXPECT_TRUE(c.has_rules());
  const json::value written = to_json(c);
  EXPECT_EQ(written.at("methods").at("Volume.snapshot"), json::parse(R"([{"times":2,"restart":true}])"));
  ConfigLoad again = parse_config(json::serialize(written));
  ASSERT_TRUE(again.config) << again.error;
  EXPECT_EQ(*again.config, c);
}

TEST(StorageRulesConfig, AScenarioComesAfterTheConfigsOwnRules) {
  MockConfig c = storage_config(R"({"scenarios":["sr-full"],"methods":{"Volume.create":[{"times":1,"delay_ms":5}]}})");
  const auto& rules = c.storage_rules_for("Volume.create");
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].times, 1u);
  ASSERT_TRUE(rules[1].steps.front().answer);
  EXPECT_EQ(rules[1].steps.front().answer->error.code, "SR_BACKEND_FAILURE");
}

// --scenario's choices are written out in the flag table: they must be the
// scenarios there are, or a new one could not be chosen.
TEST(StorageRulesConfig, TheScenarioFlagOffersEveryScenario) {
  std::vector<std::string_view> names;
  for (const Scenario& s : scenarios()) names.push_back(s.name);
  for (const cli::Command* table : {&serve_table(), &plugin_dir_table()}) {
    const cli::Flag* flag = nullptr;
    for (const cli::FlagGroup& group : table->groups)
      for (const cli::Flag& f : group.flags)
        if (f.name == "--scenario") flag = &f;
    ASSERT_NE(flag, nullptr) << table->name;
    EXPECT_EQ(cli::choices_of(*flag), names) << table->name;
  }
}

TEST(StorageRulesConfig, AnExecOnlyFaultOnAStorageMethodIsNamedForServe) {
  MockConfig c = storage_config(R"({"methods":{"SR.attach":[{"exit_code":3}]}})");
  EXPECT_THAT(ignored_faults(c, FaultTransport::http),
              ElementsAre(::testing::StartsWith("$.methods.SR.attach[0].exit_code: ")));
}

TEST(StorageRulesEngine, NoRuleLeavesTheCallToTheStorage) {
  Engine engine(default_config());
  Decision d = engine.decide("SR.stat", kCall);
  EXPECT_TRUE(d.to_storage);
  EXPECT_EQ(d.fault, Fault{});
}

TEST(StorageRulesEngine, ARulesAnswerWinsForItsTimesThenTheStorageAnswersWithTheNextRulesFault) {
  Engine engine(storage_config(R"({"methods":{"SR.stat":[
      {"times":1,"error":{"code":"Sr_not_attached","params":["file:///x"]}},
      {"delay_ms":7}]}})"));
  Decision first = engine.decide("SR.stat", kCall);
  EXPECT_FALSE(first.to_storage);
  EXPECT_EQ(first.kind, Decision::Kind::error);
  EXPECT_EQ(first.error().code, "Sr_not_attached");
  Decision second = engine.decide("SR.stat", kCall);
  EXPECT_TRUE(second.to_storage);
  EXPECT_EQ(second.fault.delay, std::chrono::milliseconds(7));
  EXPECT_EQ(engine.state().storage_applied.at("SR.stat"), (std::vector<std::uint64_t>{1, 1}));
}

TEST(StorageRulesEngine, RefusedArgumentsGetTheMarshalErrorWithTheRulesFault) {
  Engine engine(storage_config(R"({"methods":{"SR.stat":[{"http_status":500}]}})"));
  Decision d = engine.decide("SR.stat", json::object{{"sr", "x"}});
  EXPECT_EQ(d.kind, Decision::Kind::bad_arguments);
  EXPECT_FALSE(d.to_storage);
  EXPECT_EQ(d.fault.http_status, 500);
}

TEST(StorageRulesEngine, CountersOfStorageMethodsAreSavedAndRestored) {
  const MockConfig config = storage_config(R"({"methods":{"SR.attach":[{"times":1,"delay_ms":1}]}})");
  Engine engine(config);
  engine.decide("SR.attach", kCall);
  const json::value saved = to_json(engine.state());
  EXPECT_EQ(saved.at("applied").at("SR.attach"), json::array{1});
  std::optional<EngineState> read = engine_state_from_json(saved);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, engine.state());
  Engine later(config);
  later.restore(*read);
  EXPECT_TRUE(later.decide("SR.attach", kCall).to_storage);
  EXPECT_EQ(later.decide("SR.attach", kCall).fault, Fault{}) << "times: 1 was used up before the restore";
}

TEST(StorageRulesEngine, TheStorageAnswersWhatNoRuleDoesAndARestartForgetsAttachedSrs) {
  Engine engine(storage_config(R"({"methods":{"SR.attach":[{"times":1,"restart":true}]}})"));
  storage::Storage storage;
  const json::object config{{"uri", "file:///x"}};
  Decision created = answer_storage_call(engine, storage, "SR.create",
                                         json::object{{"dbg", "d"}, {"uuid", "u"}, {"configuration", config},
                                                      {"name", "n"}, {"description", ""}},
                                         {});
  EXPECT_EQ(created.kind, Decision::Kind::result);
  const json::object attach{{"dbg", "d"}, {"configuration", config}};
  EXPECT_EQ(answer_storage_call(engine, storage, "SR.attach", attach, {}).result(), "file:///x");
  Decision stat = answer_storage_call(engine, storage, "SR.stat", kCall, {});
  EXPECT_EQ(stat.kind, Decision::Kind::error);
  EXPECT_EQ(stat.error().code, "Sr_not_attached");
  answer_storage_call(engine, storage, "SR.attach", attach, {});
  EXPECT_EQ(answer_storage_call(engine, storage, "SR.stat", kCall, {}).kind, Decision::Kind::result);
}

// ---- Plugin.ls: the SRs the storage has attached ----

const json::object kLs{{"dbg", "d"}};

// SR.create then SR.attach of `uri` in `storage`.
void attach_sr(Engine& engine, storage::Storage& storage, const char* uri) {
  const json::object config{{"uri", uri}};
  answer_storage_call(engine, storage, "SR.create",
                      json::object{{"dbg", "d"}, {"uuid", uri}, {"configuration", config}, {"name", "n"},
                                   {"description", ""}},
                      {});
  EXPECT_EQ(answer_storage_call(engine, storage, "SR.attach", json::object{{"dbg", "d"}, {"configuration", config}}, {})
                .result(),
            uri);
}

TEST(PluginLsConfig, TheDefaultIsFromStorageAndGetMockConfigSaysSo) {
  for (PluginKind kind : {PluginKind::volume, PluginKind::datapath}) {
    const MockConfig c = default_config(kind);
    EXPECT_EQ(c.answer(contract::Method::ls), Answer::make_from_storage());
    EXPECT_TRUE(c.answers_from_storage(contract::Method::ls));
    EXPECT_FALSE(c.answers_from_storage(contract::Method::query));
    const json::value written = to_json(c);
    EXPECT_EQ(written.at("methods").at("Plugin.ls"), (json::object{{"from_storage", true}}));
    ConfigLoad back = parse_config(json::serialize(written));
    ASSERT_TRUE(back.config) << back.error;
    EXPECT_EQ(*back.config, c);
  }
}

TEST(PluginLsConfig, FromStorageIsForPluginLsAndTheStorageMethodsOnly) {
  EXPECT_EQ(storage_config(R"({"methods":{"plugin.LS":[{"sequence":[{"result":[]},{"from_storage":true}]}]}})")
                .rules_for(contract::Method::ls)[0]
                .steps[1]
                .answer,
            Answer::make_from_storage());
  EXPECT_EQ(storage_config(R"({"methods":{"SR.stat":{"from_storage":true}}})").storage_rules_for("SR.stat").size(), 1u);
  EXPECT_EQ(storage_config_error(R"({"methods":{"Plugin.query":{"from_storage":true}}})"),
            "config: $.methods.Plugin.query.from_storage: from_storage answers only Plugin.ls and the SR, Volume, "
            "Datapath and Data methods");
  EXPECT_EQ(storage_config_error(R"({"methods":{"Plugin.diagnostics":[{"times":1},{"sequence":[{},{"from_storage":true}]}]}})"),
            "config: $.methods.Plugin.diagnostics[1].sequence[1].from_storage: from_storage answers only Plugin.ls "
            "and the SR, Volume, Datapath and Data methods");
  EXPECT_EQ(storage_config_error(R"({"methods":{"Plugin.ls":{"from_storage":false}}})"),
            "config: $.methods.Plugin.ls.from_storage: expected true, got false");
}

TEST(PluginLsEngine, TheDefaultIsLeftToTheStorageAndAConfiguredAnswerIsNot) {
  Engine engine(default_config());
  Decision d = engine.decide(contract::Method::ls, kLs);
  EXPECT_TRUE(d.to_storage);
  EXPECT_EQ(d.result(), json::array{}) << "an engine alone answers as an empty storage";
  Engine configured(storage_config(R"({"methods":{"Plugin.ls":{"result":["sr1","sr1"]}}})"));
  Decision c = configured.decide(contract::Method::ls, kLs);
  EXPECT_FALSE(c.to_storage);
  EXPECT_EQ(c.result(), (json::array{"sr1", "sr1"}));
  // A storage method's from_storage is the storage's answer, as no answer is.
  Engine stat(storage_config(R"({"methods":{"SR.stat":[{"from_storage":true,"delay_ms":3}]}})"));
  Decision s = stat.decide("SR.stat", kCall);
  EXPECT_TRUE(s.to_storage);
  EXPECT_EQ(s.fault.delay, std::chrono::milliseconds(3));
}

TEST(PluginLsEngine, ListsTheAttachedSrsInByteOrderUntilDetachedOrForgotten) {
  Engine engine(default_config());
  storage::Storage storage;
  EXPECT_EQ(answer_plugin_call(engine, storage, contract::Method::ls, kLs).result(), json::array{});
  attach_sr(engine, storage, "file:///srv/b");
  attach_sr(engine, storage, "file:///srv/a");
  Decision d = answer_plugin_call(engine, storage, contract::Method::ls, kLs);
  EXPECT_EQ(d.kind, Decision::Kind::result);
  EXPECT_FALSE(d.to_storage);
  EXPECT_FALSE(d.configured) << "the storage's answer changes: no transport may keep its encoding";
  EXPECT_EQ(d.result(), (json::array{"file:///srv/a", "file:///srv/b"}));
  answer_storage_call(engine, storage, "SR.detach", json::object{{"dbg", "d"}, {"sr", "file:///srv/a"}}, {});
  EXPECT_EQ(answer_plugin_call(engine, storage, contract::Method::ls, kLs).result(), json::array{"file:///srv/b"});
  storage.forget_attached();
  EXPECT_EQ(answer_plugin_call(engine, storage, contract::Method::ls, kLs).result(), json::array{});
}

TEST(PluginLsEngine, RulesDecideFirstAndFaultOnlyRulesKeepTheStoragesAnswer) {
  Engine engine(storage_config(R"({"methods":{"Plugin.ls":[
      {"times":1,"result":["scripted"]},
      {"times":1,"delay_ms":5},
      {"times":1,"unimplemented":true}]}})"));
  storage::Storage storage;
  attach_sr(engine, storage, "file:///srv/a");
  EXPECT_EQ(answer_plugin_call(engine, storage, contract::Method::ls, kLs).result(), json::array{"scripted"});
  Decision delayed = answer_plugin_call(engine, storage, contract::Method::ls, kLs);
  EXPECT_EQ(delayed.result(), json::array{"file:///srv/a"});
  EXPECT_EQ(delayed.fault.delay, std::chrono::milliseconds(5));
  EXPECT_EQ(answer_plugin_call(engine, storage, contract::Method::ls, kLs).kind, Decision::Kind::unimplemented);
  EXPECT_EQ(answer_plugin_call(engine, storage, contract::Method::ls, json::object{}).kind,
            Decision::Kind::bad_arguments);
}

TEST(PluginLsEngine, ARestartOnSrAttachShowsInPluginLs) {
  Engine engine(storage_config(R"({"scenarios":["restart-forgets-srs"]})"));
  storage::Storage storage;
  attach_sr(engine, storage, "file:///srv/a");  // the first SR.attach: then the restart
  EXPECT_EQ(answer_plugin_call(engine, storage, contract::Method::ls, kLs).result(), json::array{});
  attach_sr(engine, storage, "file:///srv/a");
  EXPECT_EQ(answer_plugin_call(engine, storage, contract::Method::ls, kLs).result(), json::array{"file:///srv/a"});
}

TEST(PluginLsHandlers, JsonRpcAndXmlRpcListTheStoragesSrs) {
  Engine engine(default_config());
  storage::Storage storage;
  const std::string json_call = R"({"method":"Plugin.ls","params":[{"dbg":"d"}],"id":3})";
  const std::string xml_call =
      "<?xml version=\"1.0\"?><methodCall><methodName>Plugin.ls</methodName><params><param><value><struct>"
      "<member><name>dbg</name><value>d</value></member></struct></value></param></params></methodCall>";
  EXPECT_EQ(handle_jsonrpc(engine, storage, json_call, {}).body, R"({"result":[],"error":null,"id":3})");
  attach_sr(engine, storage, "file:///srv/sr1");
  // Not the reply encoded for the first call: the storage's answer changed.
  EXPECT_EQ(handle_jsonrpc(engine, storage, json_call, {}).body,
            R"({"result":["file:///srv/sr1"],"error":null,"id":3})");
  EXPECT_THAT(handle_xmlrpc(engine, storage, xml_call, {}).body,
              ::testing::HasSubstr("file:///srv/sr1"));
  storage.forget_attached();
  EXPECT_THAT(handle_xmlrpc(engine, storage, xml_call, {}).body, ::testing::Not(::testing::HasSubstr("sr1")));
  EXPECT_EQ(handle_jsonrpc(engine, json_call).body, R"({"result":[],"error":null,"id":3})")
      << "no storage: none attached";
}

}  // namespace
}  // namespace smapi::mock
