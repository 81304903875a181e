#include "mock_plugin/engine.h"

#include "contract/plugin_values.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using contract::Method;

MockConfig config_of(std::string_view text) {
  ConfigLoad load = parse_config(text);
  EXPECT_TRUE(load.config.has_value()) << load.error;
  return load.config.value_or(MockConfig{});
}

const json::value kArgs = json::parse(R"({"dbg":"debug"})");

// The decision kinds of n successive calls of one method.
std::vector<Decision::Kind> kinds(Engine& engine, Method method, int n,
                                  const json::value& args = kArgs) {
  std::vector<Decision::Kind> out;
  for (int i = 0; i < n; ++i) out.push_back(engine.decide(method, args).kind);
  return out;
}

constexpr auto R = Decision::Kind::result;
constexpr auto U = Decision::Kind::unimplemented;
constexpr auto E = Decision::Kind::error;

TEST(MockEngine, NoRulesAnswersFromTheConfig) {
  Engine engine(default_config());
  Decision d = engine.decide(Method::ls, kArgs);
  EXPECT_EQ(d.kind, R);
  EXPECT_EQ(d.result(), json::array());
  EXPECT_EQ(d.fault, Fault{});
}

TEST(MockEngine, TimesAppliesToTheFirstNCallsThenFallsThrough) {
  Engine engine(config_of(R"({"methods":{"Plugin.ls":[{"times":2,"unimplemented":true}]}})"));
  EXPECT_EQ(kinds(engine, Method::ls, 4), (std::vector{U, U, R, R}));
}

TEST(MockEngine, RulesAreTriedInOrderAndMatchOnArguments) {
  Engine engine(config_of(R"({"methods":{"Plugin.ls":[
      {"match":{"dbg":"ci-7"},"unimplemented":true},
      {"match":{"dbg_prefix":"ci-"},"error":{"code":"X","params":[]}}]}})"));
  EXPECT_EQ(engine.decide(Method::ls, json::parse(R"({"dbg":"ci-7"})")).kind, U);
  EXPECT_EQ(engine.decide(Method::ls, json::parse(R"({"dbg":"ci-8"})")).kind, E);
  EXPECT_EQ(engine.decide(Method::ls, json::parse(R"({"dbg":"dev"})")).kind, R);
  // Other methods are untouched.
  EXPECT_EQ(engine.decide(Method::query, json::parse(R"({"dbg":"ci-7"})")).kind, R);
}

TEST(MockEngine, SequenceFailsFirstCallsThenSucceedsForGood) {
  Engine engine(config_of(R"({"methods":{"Plugin.query":[
      {"sequence":[{"unimplemented":true},{"error":{"code":"X"}},{}]}]}})"));
  EXPECT_EQ(kinds(engine, Method::query, 5), (std::vector{U, E, R, R, R}));
}

TEST(MockEngine, SequenceCycles) {
  Engine engine(config_of(R"({"methods":{"Plugin.query":[
      {"sequence":[{"unimplemented":true},{}],"then":"cycle"}]}})"));
  EXPECT_EQ(kinds(engine, Method::query, 5), (std::vector{U, R, U, R, U}));
}

TEST(MockEngine, FaultsComeWithTheStep) {
  Engine engine(config_of(R"({"methods":{"Plugin.diagnostics":[
      {"sequence":[{"hang":true},{"delay_ms":20,"body":"garbage"}]}]}})"));
  EXPECT_EQ(engine.decide(Method::diagnostics, kArgs).fault.connection, Fault::Connection::hang);
  Decision second = engine.decide(Method::diagnostics, kArgs);
  EXPECT_EQ(second.kind, R);
  EXPECT_EQ(second.fault.connection, Fault::Connection::answer);
  EXPECT_EQ(second.fault.delay, std::chrono::milliseconds(20));
  EXPECT_EQ(second.fault.body, Fault::Body::garbage);
}

TEST(MockEngine, RefusedArgumentsKeepTheMarshalErrorButTakeTheFault) {
  Engine engine(config_of(R"({"methods":{"Plugin.ls":[{"unimplemented":true,"http_status":500}]}})"));
  Decision d = engine.decide(Method::ls, json::parse("{}"));
  EXPECT_EQ(d.kind, Decision::Kind::bad_arguments);
  EXPECT_EQ(d.problem.kind, ArgumentProblem::Kind::missing_dbg);
  EXPECT_EQ(d.fault.http_status, 500);
}

TEST(MockEngine, ResetAndReplaceStartCountersAgain) {
  Engine engine(config_of(R"({"methods":{"Plugin.ls":[{"times":1,"unimplemented":true}]}})"));
  EXPECT_EQ(kinds(engine, Method::ls, 2), (std::vector{U, R}));
  engine.reset();
  EXPECT_EQ(kinds(engine, Method::ls, 2), (std::vector{U, R}));
  engine.replace(config_of(R"({"methods":{"Plugin.ls":[{"times":2,"error":{"code":"X"}}]}})"));
  EXPECT_EQ(kinds(engine, Method::ls, 3), (std::vector{E, E, R}));
}

std::vector<Decision::Kind> probability_run(std::uint64_t seed, int n) {
  Engine engine(config_of(R"({"seed":)" + std::to_string(seed) +
                          R"(,"methods":{"Plugin.ls":[{"probability":0.5,"unimplemented":true}]}})"));
  return kinds(engine, Method::ls, n);
}

TEST(MockEngine, ProbabilityIsDeterministicForASeed) {
  const auto a = probability_run(99, 64);
  EXPECT_EQ(a, probability_run(99, 64));
  EXPECT_NE(a, probability_run(100, 64));
  const auto unimplemented = std::count(a.begin(), a.end(), U);
  EXPECT_GT(unimplemented, 0);
  EXPECT_LT(unimplemented, 64);
}

TEST(MockEngine, ProbabilityZeroAndOneAreNeverAndAlways) {
  Engine never(config_of(R"({"methods":{"Plugin.ls":[{"probability":0,"unimplemented":true}]}})"));
  EXPECT_EQ(kinds(never, Method::ls, 3), (std::vector{R, R, R}));
  Engine always(config_of(R"({"methods":{"Plugin.ls":[{"probability":1,"unimplemented":true}]}})"));
  EXPECT_EQ(kinds(always, Method::ls, 3), (std::vector{U, U, U}));
}

TEST(MockEngine, SavedStateContinuesWhereItStopped) {
  const MockConfig config = config_of(R"({"seed":5,"methods":{"Plugin.ls":[
      {"probability":0.5,"sequence":[{"unimplemented":true},{"error":{"code":"X"}}],"then":"cycle"}]}})");
  Engine whole(config);
  const auto expected = kinds(whole, Method::ls, 12);

  std::vector<Decision::Kind> pieces;
  std::optional<EngineState> saved;
  for (int i = 0; i < 12; ++i) {  // one engine per call, as exec mode runs
    Engine one(config);
    if (saved) one.restore(*saved);
    pieces.push_back(one.decide(Method::ls, kArgs).kind);
    saved = engine_state_from_json(to_json(one.state()));
    ASSERT_TRUE(saved);
  }
  EXPECT_EQ(pieces, expected);
}

TEST(MockEngine, StateThatDoesNotFitTheConfigIsIgnored) {
  Engine engine(config_of(R"({"methods":{"Plugin.ls":[{"times":1,"unimplemented":true}]}})"));
  EngineState wrong;
  wrong.applied[static_cast<std::size_t>(Method::ls)] = {1, 1};
  engine.restore(wrong);
  EXPECT_EQ(kinds(engine, Method::ls, 2), (std::vector{U, R}));
  EXPECT_FALSE(engine_state_from_json(json::parse(R"({"applied":{},"draws":1})")));
  EXPECT_FALSE(engine_state_from_json(json::parse(R"([1])")));
}

TEST(MockEngine, HookAnswerWinsButTheRuleFaultStays) {
  Engine engine(config_of(R"({"methods":{"Plugin.ls":[{"unimplemented":true,"delay_ms":5}]}})"));
  engine.set_answer_hook([](Method, const json::value&) -> std::optional<Answer> {
    return Answer::make_result(json::array{"sr1"});
  });
  Decision d = engine.decide(Method::ls, kArgs);
  EXPECT_EQ(d.kind, R);
  EXPECT_EQ(d.result(), (json::array{"sr1"}));
  EXPECT_EQ(d.fault.delay, std::chrono::milliseconds(5));
}

// Before: the hook was asked for Plugin methods only, so a storage call
// could not be scripted from C++.
TEST(MockEngine, CallHookAnswersAStorageMethodButTheRuleFaultStays) {
  Engine engine(config_of(R"({"methods":{"Volume.create":[{"delay_ms":5}]}})"));
  std::vector<std::string> asked;
  engine.set_call_hook([&](std::string_view name, const json::value&) -> std::optional<Answer> {
    asked.emplace_back(name);
    if (name == "Volume.create") return Answer::make_error("SR_BACKEND_FAILURE", {"Volume.create", "full"});
    return std::nullopt;
  });
  Decision create = engine.decide("Volume.create", kArgs);
  EXPECT_EQ(create.kind, E);
  EXPECT_FALSE(create.to_storage);
  EXPECT_EQ(create.error().code, "SR_BACKEND_FAILURE");
  EXPECT_EQ(create.fault.delay, std::chrono::milliseconds(5));
  EXPECT_TRUE(engine.decide("SR.attach", kArgs).to_storage);  // nullopt: the storage answers
  EXPECT_EQ(engine.decide(Method::ls, kArgs).kind, R);
  EXPECT_EQ(engine.decide("SR.stat", json::parse(R"({"dbg":5})")).kind, Decision::Kind::bad_arguments);
  EXPECT_EQ(asked, (std::vector<std::string>{"Volume.create", "SR.attach", "Plugin.ls"}));  // not the refused call
}

TEST(MockEngine, ThePluginOnlyAnswerHookLeavesStorageMethodsAlone) {
  Engine engine(default_config());
  engine.set_answer_hook([](Method, const json::value&) -> std::optional<Answer> {
    return Answer::make_unimplemented();
  });
  EXPECT_EQ(engine.decide(Method::query, kArgs).kind, U);
  EXPECT_TRUE(engine.decide("Volume.create", kArgs).to_storage);
  EXPECT_FALSE(plugin_call_hook(nullptr));
}

TEST(MockEngine, DecisionSharesTheAnswerAndOutlivesAReplacedConfig) {
  Engine engine(config_of(R"({"methods":{"Plugin.ls":{"result":["sr1"]}}})"));
  Decision first = engine.decide(Method::ls, kArgs);
  Decision second = engine.decide(Method::ls, kArgs);
  EXPECT_TRUE(first.configured);
  EXPECT_EQ(first.answer.get(), &engine.config().answer(Method::ls));  // not a copy
  EXPECT_EQ(first.answer, second.answer);
  engine.replace(config_of(R"({"methods":{"Plugin.ls":{"result":["sr2"]}}})"));
  EXPECT_EQ(first.result(), (json::array{"sr1"}));  // still the old config's answer
  EXPECT_EQ(engine.decide(Method::ls, kArgs).result(), (json::array{"sr2"}));
}

TEST(MockEngine, ErrorAnswerIsSharedToo) {
  Engine engine(config_of(R"({"methods":{"Plugin.ls":{"error":{"code":"SR_BUSY","params":["a"]}}}})"));
  Decision d = engine.decide(Method::ls, kArgs);
  EXPECT_EQ(d.kind, E);
  EXPECT_EQ(d.error().code, "SR_BUSY");
  EXPECT_EQ(d.error().params, std::vector<std::string>{"a"});
  EXPECT_EQ(d.result(), json::value());
}

TEST(MockEngine, MemoIsKeptPerAnswerAndForgottenWithTheConfig) {
  Engine engine(default_config());
  const Answer& answer = engine.config().answer(Method::query);
  engine.memo(answer, 0) = "v1 text";
  engine.reset();  // the config stays: so does the memo
  EXPECT_EQ(engine.memo(answer, 0), "v1 text");
  EXPECT_EQ(engine.memo(answer, 1), "");
  engine.replace(default_config());
  EXPECT_EQ(engine.memo(engine.config().answer(Method::query), 0), "");
}

// Engine::decide takes an object with a string dbg without asking the
// contract decoder: the decoder must agree, whatever else is in it.
TEST(MockEngine, ArgumentsTheEngineTakesAtOnceTheDecoderAcceptsToo) {
  for (const char* text : {R"({"dbg":"x"})", R"({"dbg":""})", R"({"dbg":"x","extra":[1,{"a":null}]})",
                           R"({"DBG":1,"dbg":"x"})"}) {
    const json::value args = json::parse(text);
    EXPECT_TRUE(contract::decode_call_arguments(args, contract::View::xapi).accepted()) << text;
    EXPECT_EQ(Engine(default_config()).decide(Method::ls, args).kind, R) << text;
  }
  for (const char* text : {R"({"Dbg":"x"})", R"({"dbg":1})", R"([{"dbg":"x"}])", R"("x")"}) {
    EXPECT_EQ(Engine(default_config()).decide(Method::ls, json::parse(text)).kind,
              Decision::Kind::bad_arguments)
        << text;
  }
}

}  // namespace
}  // namespace smapi::mock
