#include "mock_plugin/no_script.h"

#include "mock_plugin/config.h"
#include "mock_plugin/engine.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using contract::Method;
using ::testing::ElementsAre;

MockConfig loaded(std::string_view text) {
  ConfigLoad load = parse_config(text);
  EXPECT_TRUE(load.config.has_value()) << load.error;
  return load.config.value_or(MockConfig{});
}

std::string refused(std::string_view text) {
  ConfigLoad load = parse_config(text);
  EXPECT_FALSE(load.config.has_value()) << "accepted: " << text;
  return load.error;
}

const json::value kArgs = json::parse(R"({"dbg": "t", "sr": "file:///sr1"})");

TEST(NoScript, XapiStorageScriptsErrorNamesTheScript) {
  EXPECT_EQ(script_missing_answer("Plugin.ls"),
            Answer::make_error("SCRIPT_MISSING",
                               {"Plugin.ls", "Check whether the file exists and has correct permissions"}));
  // Plugin.query's script is Plugin.Query, the name xapi looks up.
  EXPECT_EQ(script_missing_answer("Plugin.query").error.params.at(0), "Plugin.Query");
  EXPECT_EQ(script_missing_answer("SR.stat").error.params.at(0), "SR.stat");
}

TEST(NoScript, NamesAreReadInAnyCaseAndKeptInTheConfigsOrder) {
  const MockConfig c = loaded(R"({"no_script": ["sr.STAT", "Volume.snapshot", "plugin.ls", "PLUGIN.QUERY"]})");
  EXPECT_THAT(c.no_script, ElementsAre("Plugin.query", "Plugin.ls", "SR.stat", "Volume.snapshot"));
  EXPECT_TRUE(has_no_script(c, "SR.stat"));
  EXPECT_FALSE(has_no_script(c, "SR.ls"));
  EXPECT_EQ(c.answer(Method::ls), script_missing_answer("Plugin.ls"));
  EXPECT_EQ(c.answer(Method::query), script_missing_answer("Plugin.query"));
  // Plugin.diagnostics keeps the default.
  EXPECT_EQ(c.answer(Method::diagnostics), default_config().answer(Method::diagnostics));
}

TEST(NoScript, EveryTransportAnswersItAsXapiDoesAMissingScript) {
  const MockConfig c = loaded(R"({"no_script": ["Plugin.ls", "SR.stat"]})");
  const Decision ls = decide(c, Method::ls, kArgs);
  ASSERT_EQ(ls.kind, Decision::Kind::error);
  EXPECT_EQ(ls.error().code, "SCRIPT_MISSING");
  EXPECT_THAT(ls.error().params,
              ElementsAre("Plugin.ls", "Check whether the file exists and has correct permissions"));

  // A storage method: the error, not the in-memory storage's answer.
  Engine engine(c);
  const Decision stat = engine.decide("SR.stat", kArgs);
  EXPECT_FALSE(stat.to_storage);
  ASSERT_EQ(stat.kind, Decision::Kind::error);
  EXPECT_EQ(stat.error().code, "SCRIPT_MISSING");
  EXPECT_TRUE(engine.decide("SR.ls", kArgs).to_storage);
}

TEST(NoScript, TheConfigWritesTheListNotTheAnswersAndReadsItBack) {
  const MockConfig c = loaded(R"({"no_script": ["Plugin.ls", "SR.stat"], "methods": {"SR.ls": {"result": []}}})");
  const json::value written = to_json(c);
  EXPECT_EQ(written.at("no_script"), json::parse(R"(["Plugin.ls", "SR.stat"])"));
  EXPECT_FALSE(written.at("methods").as_object().contains("Plugin.ls"));
  EXPECT_FALSE(written.at("methods").as_object().contains("SR.stat"));
  EXPECT_TRUE(written.at("methods").as_object().contains("SR.ls"));
  const MockConfig again = loaded(json::serialize(written));
  EXPECT_EQ(again, c);
  // Without the key nothing is written.
  EXPECT_FALSE(to_json(default_config()).as_object().contains("no_script"));
}

TEST(NoScript, BadListsNameTheJsonPath) {
  EXPECT_EQ(refused(R"({"no_script": "Plugin.ls"})"),
            "config: $.no_script: expected an array of method names, got \"Plugin.ls\"");
  EXPECT_EQ(refused(R"({"no_script": ["Plugin.ls", 5]})"), "config: $.no_script[1]: expected a method name, got 5");
  EXPECT_EQ(refused(R"({"no_script": ["SR.frob"]})"),
            "config: $.no_script[0]: unknown method \"SR.frob\" (expected Plugin.query, Plugin.ls, "
            "Plugin.diagnostics or a method of the IDL's SR, Volume, Datapath or Data interfaces, e.g. SR.stat)");
  EXPECT_EQ(refused(R"({"no_script": ["SR.stat", "sr.stat"]})"),
            "config: $.no_script[1]: the same method as $.no_script[0]");
}

TEST(NoScript, AMethodWithoutAScriptHasNothingElseToAnswerIt) {
  EXPECT_EQ(refused(R"({"no_script": ["Plugin.ls"], "methods": {"plugin.LS": {"result": []}}})"),
            "config: $.no_script[0]: Plugin.ls has no script, yet $.methods.plugin.LS answers it");
  EXPECT_EQ(refused(R"({"no_script": ["SR.stat"], "methods": {"SR.stat": [{"delay_ms": 5}]}})"),
            "config: $.no_script[0]: SR.stat has no script, yet $.methods.SR.stat answers it");
  EXPECT_EQ(refused(R"({"no_script": ["Volume.create"], "scenarios": ["sr-full"]})"),
            "config: $.no_script[0]: Volume.create has no script, yet a scenario in $.scenarios gives it rules");
}

}  // namespace
}  // namespace smapi::mock
