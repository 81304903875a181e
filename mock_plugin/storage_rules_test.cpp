// Config rules and engine decisions for the storage methods (SR.*, Volume.*,
// Datapath.*, Data.*), apart from any transport.
#include "mock_plugin/config.h"
#include "mock_plugin/engine.h"
#include "mock_plugin/fault_scope.h"
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
            "config: $.methods.SR.ls: expected one of result, unimplemented, error");
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

}  // namespace
}  // namespace smapi::mock
