#include "mock_plugin/config.h"

#include "contract/json_text.h"
#include "contract/plugin_values.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using contract::Method;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string config_error(std::string_view text) {
  ConfigLoad load = parse_config(text);
  EXPECT_FALSE(load.config.has_value()) << "accepted: " << text;
  return load.error;
}

MockConfig config_ok(std::string_view text) {
  ConfigLoad load = parse_config(text);
  EXPECT_TRUE(load.config.has_value()) << load.error;
  return load.config.value_or(MockConfig{});
}

TEST(MockConfigDefaults, VolumeDefaultIsAConformantQueryResultInStrictView) {
  MockConfig c = default_config();
  EXPECT_EQ(c.kind, PluginKind::volume);
  ASSERT_EQ(c.answer(Method::query).kind, Answer::Kind::result);
  auto decoded = contract::decode_query_result(c.answer(Method::query).result, contract::View::strict);
  ASSERT_TRUE(decoded.accepted());
  EXPECT_TRUE(decoded.findings.empty());
  EXPECT_EQ(decoded.value->plugin, "mock");
  EXPECT_EQ(decoded.value->name, "smapi-mock reference plugin");
  EXPECT_EQ(decoded.value->vendor, "smapi-conformance");
  EXPECT_EQ(decoded.value->copyright, "(C) 2026 smapi-conformance");
  EXPECT_EQ(decoded.value->version, "0.1.0");
  EXPECT_EQ(decoded.value->required_api_version, "5.0");
  EXPECT_THAT(decoded.value->features, ::testing::Contains("VDI_SNAPSHOT"));
  EXPECT_THAT(decoded.value->configuration,
              ElementsAre(std::pair<std::string, std::string>(
                  "path", "Directory in which the SR keeps its volumes")));
  EXPECT_TRUE(decoded.value->required_cluster_stack.empty());
  EXPECT_EQ(c.answer(Method::ls), Answer::make_from_storage());  // the attached SRs
  EXPECT_TRUE(c.answer(Method::diagnostics).result.is_string());
}

TEST(MockConfigDefaults, DatapathDefaultDeclaresDatapathFeatures) {
  MockConfig c = default_config(PluginKind::datapath);
  auto decoded = contract::decode_query_result(c.answer(Method::query).result, contract::View::strict);
  ASSERT_TRUE(decoded.accepted());
  EXPECT_THAT(decoded.value->features, ElementsAre("NONPERSISTENT", "VDI_NONPERSISTENT"));
  EXPECT_TRUE(decoded.value->configuration.empty());
}

TEST(MockConfigParse, EmptyObjectIsTheDefault) {
  EXPECT_EQ(config_ok("{}"), default_config());
}

TEST(MockConfigParse, KindDatapathPicksDatapathDefaults) {
  EXPECT_EQ(config_ok(R"({"kind":"datapath"})"), default_config(PluginKind::datapath));
}

TEST(MockConfigParse, KindOverrideWinsOverText) {
  ConfigLoad load = parse_config(R"({"kind":"volume"})", PluginKind::datapath);
  ASSERT_TRUE(load.config);
  EXPECT_EQ(*load.config, default_config(PluginKind::datapath));
}

TEST(MockConfigParse, ThreeAnswerKinds) {
  MockConfig c = config_ok(R"({"methods":{
      "Plugin.query":{"result":{"anything":[1,2]}},
      "Plugin.ls":{"unimplemented":true},
      "Plugin.diagnostics":{"error":{"code":"SR_BACKEND_FAILURE","params":["a","b"]}}}})");
  EXPECT_EQ(c.answer(Method::query), Answer::make_result(json::parse(R"({"anything":[1,2]})")));
  EXPECT_EQ(c.answer(Method::ls).kind, Answer::Kind::unimplemented);
  EXPECT_EQ(c.answer(Method::diagnostics).kind, Answer::Kind::error);
  EXPECT_EQ(c.answer(Method::diagnostics).error.code, "SR_BACKEND_FAILURE");
  EXPECT_THAT(c.answer(Method::diagnostics).error.params, ElementsAre("a", "b"));
}

TEST(MockConfigParse, MethodKeysMatchCaseInsensitively) {
  MockConfig c = config_ok(R"({"methods":{"plugin.QUERY":{"unimplemented":true}}})");
  EXPECT_EQ(c.answer(Method::query).kind, Answer::Kind::unimplemented);
  EXPECT_EQ(c.answer(Method::ls), default_config().answer(Method::ls));
}

TEST(MockConfigParse, ErrorParamsMayBeOmitted) {
  MockConfig c = config_ok(R"({"methods":{"Plugin.ls":{"error":{"code":"X"}}}})");
  EXPECT_EQ(c.answer(Method::ls), Answer::make_error("X", {}));
}

TEST(MockConfigParse, ResultNullIsAnAnswer) {
  MockConfig c = config_ok(R"({"methods":{"Plugin.ls":{"result":null}}})");
  EXPECT_EQ(c.answer(Method::ls), Answer::make_result(nullptr));
}

TEST(MockConfigParse, BadVectorsGivePreciseErrors) {
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{}}})"),
            "config: $.methods.Plugin.ls: expected one of result, unimplemented, error, from_storage");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"resutl":1}}})"),
            "config: $.methods.Plugin.ls: expected one of result, unimplemented, error, from_storage");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"result":1,"unimplemented":true}}})"),
            "config: $.methods.Plugin.ls: expected only one of result, unimplemented, error, from_storage, got 2 keys");
  EXPECT_EQ(config_error(R"({"methodz":{}})"),
            "config: unknown key $.methodz (expected kind, seed, scenarios, no_script, methods)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.stat":{"unimplemented":true}}})"),
            "config: unknown key $.methods.Plugin.stat (expected Plugin.query, Plugin.ls, Plugin.diagnostics or a "
            "method of the IDL's SR, Volume, Datapath or Data interfaces, e.g. SR.create, Volume.snapshot, "
            "Datapath.attach)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"unimplemented":false}}})"),
            "config: $.methods.Plugin.ls.unimplemented: expected true, got false");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":5}})"),
            "config: $.methods.Plugin.ls: expected an answer object or an array of rules, got 5");
  EXPECT_EQ(config_error(R"({"methods":[]})"), "config: $.methods: expected an object, got []");
  EXPECT_EQ(config_error(R"({"kind":"volumes"})"),
            "config: $.kind: expected one of volume, datapath, got \"volumes\"");
  EXPECT_EQ(config_error(R"({"kind":1})"), "config: $.kind: expected one of volume, datapath, got 1");
  EXPECT_EQ(config_error(R"([])"), "config: $: expected an object, got []");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"error":{"params":[]}}}})"),
            "config: $.methods.Plugin.ls.error.code: missing (expected a string)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"error":{"code":5}}}})"),
            "config: $.methods.Plugin.ls.error.code: expected a string, got 5");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"error":{"code":"X","params":["a",2]}}}})"),
            "config: $.methods.Plugin.ls.error.params[1]: expected a string, got 2");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"error":{"code":"X","backtrace":{}}}}})"),
            "config: unknown key $.methods.Plugin.ls.error.backtrace (expected code, params)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"error":"X"}}})"),
            "config: $.methods.Plugin.ls.error: expected an object, got \"X\"");
  EXPECT_EQ(config_error(R"({"a b":1})"), "config: unknown key $[\"a b\"] (expected kind, seed, scenarios, no_script, methods)");
}

TEST(MockConfigParse, TheSameMethodTwiceIsRefused) {
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":{"unimplemented":true},"Plugin.Query":{"unimplemented":true}}})"),
            "config: $.methods.Plugin.Query: the same method as $.methods.Plugin.query");
}

TEST(MockConfigParse, InvalidJsonIsReportedWithTheParserReason) {
  std::string e = config_error(R"({"kind":)");
  EXPECT_THAT(e, StartsWith("config: "));
  EXPECT_EQ(e, "config: " + contract::parse_one_json_value(R"({"kind":)").error);
  EXPECT_THAT(config_error(""), StartsWith("config: "));
  EXPECT_THAT(config_error(R"({"methods":{"Plugin.ls":{"result":1e400}}})"), StartsWith("config: "));
}

TEST(MockConfigJson, RoundTripsEveryAnswerKind) {
  MockConfig c = default_config(PluginKind::datapath);
  c.answer(Method::ls) = Answer::make_unimplemented();
  c.answer(Method::diagnostics) = Answer::make_error("SR_BACKEND_FAILURE", {"x", "y"});
  std::string text = contract::to_compact_json(to_json(c));
  EXPECT_EQ(config_ok(text), c);
  EXPECT_THAT(text, HasSubstr(R"("kind":"datapath")"));
  EXPECT_THAT(text, HasSubstr(R"("Plugin.ls":{"unimplemented":true})"));
}

class MockConfigFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("smapi-mock-config-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::filesystem::path dir_;
};

TEST_F(MockConfigFile, LoadsAFile) {
  ConfigLoad load = load_config_file(write("a.json", R"({"kind":"datapath"})"));
  ASSERT_TRUE(load.config) << load.error;
  EXPECT_EQ(load.config->kind, PluginKind::datapath);
}

TEST_F(MockConfigFile, MissingFileNamesThePathAndReason) {
  std::string path = (dir_ / "absent.json").string();
  ConfigLoad load = load_config_file(path);
  EXPECT_FALSE(load.config);
  EXPECT_EQ(load.error, "config: cannot read " + path + ": No such file or directory");
}

TEST_F(MockConfigFile, DirectoryIsRefused) {
  ConfigLoad load = load_config_file(dir_.string());
  EXPECT_EQ(load.error, "config: cannot read " + dir_.string() + ": Is a directory");
}

TEST_F(MockConfigFile, OversizedFileIsRefused) {
  std::string big = "{\"methods\":{\"Plugin.diagnostics\":{\"result\":\"" +
                    std::string(kMaxConfigFileBytes, 'x') + "\"}}}";
  std::string path = write("big.json", big);
  ConfigLoad load = load_config_file(path);
  EXPECT_FALSE(load.config);
  EXPECT_EQ(load.error, "config: " + path + " is larger than " + std::to_string(kMaxConfigFileBytes) + " bytes");
}

TEST_F(MockConfigFile, BadContentNamesThePath) {
  std::string path = write("bad.json", R"({"methodz":1})");
  EXPECT_EQ(load_config_file(path).error,
            "config: " + path + ": unknown key $.methodz (expected kind, seed, scenarios, no_script, methods)");
}

TEST(MockConfigFixtures, ExampleConfigsLoad) {
  const std::string dir = SMAPI_SOURCE_DIR "/fixtures/mock-configs/";
  ConfigLoad datapath = load_config_file(dir + "datapath.json");
  ASSERT_TRUE(datapath.config) << datapath.error;
  EXPECT_EQ(datapath.config->kind, PluginKind::datapath);
  EXPECT_EQ(datapath.config->answer(Method::ls).kind, Answer::Kind::unimplemented);

  ConfigLoad ls = load_config_file(dir + "ls-unimplemented.json");
  ASSERT_TRUE(ls.config) << ls.error;
  EXPECT_EQ(ls.config->answer(Method::ls).kind, Answer::Kind::unimplemented);
  EXPECT_EQ(ls.config->answer(Method::query), default_config().answer(Method::query));

  ConfigLoad backend = load_config_file(dir + "backend-error.json");
  ASSERT_TRUE(backend.config) << backend.error;
  EXPECT_EQ(backend.config->answer(Method::diagnostics),
            Answer::make_error("SR_BACKEND_FAILURE",
                               {"Backend_error", "the storage backend is unreachable"}));

  ConfigLoad ext4 = load_config_file(dir + "ext4-ng-like.json");
  ASSERT_TRUE(ext4.config) << ext4.error;
  auto q = contract::decode_query_result(ext4.config->answer(Method::query).result,
                                         contract::View::strict);
  ASSERT_TRUE(q.accepted());
  EXPECT_EQ(q.value->plugin, "ext4-ng");
}

TEST(MockConfigFixtures, EveryExampleLoadsAndRoundTrips) {
  std::size_t examples = 0;
  for (const auto& entry : std::filesystem::directory_iterator(SMAPI_SOURCE_DIR "/fixtures/mock-configs")) {
    if (entry.path().extension() != ".json") continue;
    ++examples;
    ConfigLoad load = load_config_file(entry.path().string());
    ASSERT_TRUE(load.config) << load.error;
    EXPECT_EQ(config_ok(contract::to_compact_json(to_json(*load.config))), *load.config) << entry.path();
  }
  EXPECT_GE(examples, 8u);
}

TEST(MockConfigFixtures, RuleExamplesSayWhatTheyShow) {
  const std::string dir = SMAPI_SOURCE_DIR "/fixtures/mock-configs/";
  ConfigLoad flaky = load_config_file(dir + "flaky-query.json");
  ASSERT_TRUE(flaky.config) << flaky.error;
  ASSERT_EQ(flaky.config->rules_for(Method::query).size(), 1u);
  EXPECT_EQ(flaky.config->rules_for(Method::query)[0].steps.size(), 3u);
  ConfigLoad random = load_config_file(dir + "random-faults.json");
  ASSERT_TRUE(random.config) << random.error;
  EXPECT_EQ(random.config->seed, 20261122u);
  ConfigLoad exec = load_config_file(dir + "exec-misbehaviour.json");
  ASSERT_TRUE(exec.config) << exec.error;
  EXPECT_EQ(exec.config->rules_for(Method::ls)[0].then, Rule::Then::cycle);
}

// ---- config v2: rules ----

TEST(MockConfigRules, AnswerAndFaultsInOneRule) {
  MockConfig c = config_ok(R"({"methods":{"Plugin.query":[
      {"match":{"dbg":"ci-7"},"times":2,"unimplemented":true,"delay_ms":250,"http_status":503,
       "body":"truncated","remove_field":"vendor","stderr":"oops","signal":"SIGKILL","exit_code":3}]}})");
  ASSERT_EQ(c.rules_for(Method::query).size(), 1u);
  const Rule& r = c.rules_for(Method::query)[0];
  EXPECT_EQ(r.match.equals.size(), 1u);
  EXPECT_EQ(r.times, 2u);
  ASSERT_EQ(r.steps.size(), 1u);
  EXPECT_EQ(r.steps[0].answer, Answer::make_unimplemented());
  const Fault& f = r.steps[0].fault;
  EXPECT_EQ(f.delay, std::chrono::milliseconds(250));
  EXPECT_EQ(f.http_status, 503);
  EXPECT_EQ(f.body, Fault::Body::truncated);
  EXPECT_EQ(f.remove_field, "vendor");
  EXPECT_EQ(f.stderr_text, "oops");
  EXPECT_EQ(f.signal, SIGKILL);
  EXPECT_EQ(f.exit_code, 3);
  // The method's answer stays the default; the rule carries its own.
  EXPECT_EQ(c.answer(Method::query), default_config().answer(Method::query));
}

TEST(MockConfigRules, SequenceWithThen) {
  MockConfig c = config_ok(R"({"seed":42,"methods":{"Plugin.ls":[
      {"sequence":[{"hang":true},{"close":true},{}],"then":"cycle"}]}})");
  EXPECT_EQ(c.seed, 42u);
  const Rule& r = c.rules_for(Method::ls)[0];
  ASSERT_EQ(r.steps.size(), 3u);
  EXPECT_EQ(r.then, Rule::Then::cycle);
  EXPECT_EQ(r.step_for(0).fault.connection, Fault::Connection::hang);
  EXPECT_EQ(r.step_for(4).fault.connection, Fault::Connection::close);
  EXPECT_EQ(r.step_for(5).fault, Fault{});
  MockConfig last = config_ok(R"({"methods":{"Plugin.ls":[{"sequence":[{"reset":true},{"result":[]}]}]}})");
  EXPECT_EQ(last.rules_for(Method::ls)[0].then, Rule::Then::repeat_last);
  EXPECT_EQ(last.rules_for(Method::ls)[0].step_for(7).answer, Answer::make_result(json::array()));
}

TEST(MockConfigRules, V2ConfigRoundTripsThroughJson) {
  MockConfig c = config_ok(R"({"seed":7,"methods":{"Plugin.query":[
      {"match":{"dbg_prefix":"ci-","dbg":"ci-1"},"probability":0.25,"retype_field":"version",
       "rename_field":{"from":"vendor","to":"Vendor"},"set_field":{"plugin":"","x":[1]},"invalid_utf8":true,"error_value":[5,"x"],"no_output":true,"leave_child":true},
      {"sequence":[{"error":{"code":"","params":[]}},{"body":"wrong_id","exit_code":0}],"then":"repeat_last"}],
      "Plugin.ls":{"unimplemented":true}}})");
  const std::string text = contract::to_compact_json(to_json(c));
  EXPECT_EQ(config_ok(text), c) << text;
}

TEST(MockConfigRules, BadRulesNameTheJsonPath) {
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{},{"delay_ms":-1}]}})"),
            "config: $.methods.Plugin.query[1].delay_ms: expected a non-negative integer <= 600000, got -1");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"delay_ms":600001}]}})"),
            "config: $.methods.Plugin.query[0].delay_ms: expected a non-negative integer <= 600000, got 600001");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"times":0}]}})"),
            "config: $.methods.Plugin.query[0].times: expected an integer >= 1 <= 1000000000, got 0");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"probability":1.5}]}})"),
            "config: $.methods.Plugin.query[0].probability: expected a number from 0 to 1, got 1.5E0");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"hang":true,"close":true}]}})"),
            "config: $.methods.Plugin.query[0].close: at most one of hang, close, reset");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"body":"mangled"}]}})"),
            "config: $.methods.Plugin.query[0].body: expected one of garbage, truncated, wrong_id, "
            "both_members, trailing_garbage, empty, got \"mangled\"");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"signal":"SIGNOPE"}]}})"),
            "config: $.methods.Plugin.query[0].signal: expected a signal name (KILL, SIGTERM, ...) or a "
            "number 1..64, got \"SIGNOPE\"");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"http_status":99}]}})"),
            "config: $.methods.Plugin.query[0].http_status: expected an HTTP status 100..599, got 99");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"rename_field":{"from":"a"}}]}})"),
            "config: $.methods.Plugin.query[0].rename_field.to: missing (expected a member name)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"result":1,"unimplemented":true}]}})"),
            "config: $.methods.Plugin.query[0].unimplemented: only one of result, unimplemented, error, from_storage "
            "(already has result)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"sequence":[]}]}})"),
            "config: $.methods.Plugin.query[0].sequence: expected a non-empty array of steps, got []");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"sequence":[{"times":2}]}]}})"),
            "config: unknown key $.methods.Plugin.query[0].sequence[0].times (expected result, "
            "unimplemented, error, from_storage, delay_ms, hang, close, reset, http_status, body, remove_field, "
            "retype_field, rename_field, set_field, invalid_utf8, error_value, exit_code, stderr, no_output, signal, leave_child, restart)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"sequence":[{}],"hang":true}]}})"),
            "config: $.methods.Plugin.query[0]: a rule has either \"sequence\" or step members "
            "(answer, faults), not both");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"then":"cycle"}]}})"),
            "config: $.methods.Plugin.query[0].then: only with \"sequence\"");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.query":[{"match":{"dbg_prefix":1}}]}})"),
            "config: $.methods.Plugin.query[0].match.dbg_prefix: expected a string, got 1");
  EXPECT_EQ(config_error(R"({"seed":-1})"), "config: $.seed: expected an unsigned 64-bit integer, got -1");
  EXPECT_THAT(config_error(R"({"methods":{"Plugin.query":[{"stopp":1}]}})"),
              StartsWith("config: unknown key $.methods.Plugin.query[0].stopp (expected match, times, "));
}

TEST(MockConfigRules, BoundsAreEnforced) {
  std::string rules = "[";
  for (std::size_t i = 0; i <= kMaxRulesPerMethod; ++i) rules += std::string(i ? "," : "") + "{}";
  rules += "]";
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":)" + rules + "}}"),
            "config: $.methods.Plugin.ls: more than kMaxRulesPerMethod (64) rules");
  const std::string long_stderr(kMaxStderrBytes + 1, 'x');
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":[{"stderr":")" + long_stderr + "\"}]}}"),
            "config: $.methods.Plugin.ls[0].stderr: longer than kMaxStderrBytes (65536 bytes)");
}

TEST(MockConfigRules, MatchChecksEveryCondition) {
  MockConfig c = config_ok(R"({"methods":{"Plugin.ls":[{"match":{"dbg_prefix":"ci-","extra":[1]}}]}})");
  const Match& m = c.rules_for(Method::ls)[0].match;
  EXPECT_TRUE(m.matches(json::parse(R"({"dbg":"ci-7","extra":[1]})")));
  EXPECT_FALSE(m.matches(json::parse(R"({"dbg":"ci-7","extra":[2]})")));
  EXPECT_FALSE(m.matches(json::parse(R"({"dbg":"dev-7","extra":[1]})")));
  EXPECT_FALSE(m.matches(json::parse(R"({"dbg":5,"extra":[1]})")));
  EXPECT_FALSE(m.matches(json::parse(R"(["ci-7"])")));
  EXPECT_TRUE(Match{}.matches(json::parse("null")));
}

TEST(MockConfigRules, MatchOnRefusedOrAcceptedArguments) {
  MockConfig c = config_ok(R"({"methods":{"Plugin.ls":[{"match":{"arguments":"refused"}},
                                                    {"match":{"arguments":"accepted"}}]}})");
  const Match& refused = c.rules_for(Method::ls)[0].match;
  const Match& accepted = c.rules_for(Method::ls)[1].match;
  for (const char* bad : {"{}", R"({"dbg":5})", "[]", "null"}) {
    EXPECT_TRUE(refused.matches(json::parse(bad))) << bad;
    EXPECT_FALSE(accepted.matches(json::parse(bad))) << bad;
  }
  EXPECT_FALSE(refused.matches(json::parse(R"({"dbg":""})")));
  EXPECT_TRUE(accepted.matches(json::parse(R"({"dbg":""})")));
  EXPECT_EQ(config_ok(contract::to_compact_json(to_json(c))), c);
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":[{"match":{"arguments":"bad"}}]}})"),
            "config: $.methods.Plugin.ls[0].match.arguments: expected refused or accepted, got \"bad\"");
}

}  // namespace
}  // namespace smapi::mock
