#include "mock_plugin/config.h"

#include "contract/json_text.h"
#include "contract/plugin_values.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

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
  EXPECT_EQ(c.answer(Method::ls).result, json::array());
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
            "config: $.methods.Plugin.ls: expected one of result, unimplemented, error");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"resutl":1}}})"),
            "config: $.methods.Plugin.ls: expected one of result, unimplemented, error");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"result":1,"unimplemented":true}}})"),
            "config: $.methods.Plugin.ls: expected only one of result, unimplemented, error, got 2 keys");
  EXPECT_EQ(config_error(R"({"methodz":{}})"),
            "config: unknown key $.methodz (expected kind, methods)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.stat":{"unimplemented":true}}})"),
            "config: unknown key $.methods.Plugin.stat (expected Plugin.query, Plugin.ls, Plugin.diagnostics)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"unimplemented":false}}})"),
            "config: $.methods.Plugin.ls.unimplemented: expected true, got false");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":5}})"),
            "config: $.methods.Plugin.ls: expected an object, got 5");
  EXPECT_EQ(config_error(R"({"methods":[]})"), "config: $.methods: expected an object, got []");
  EXPECT_EQ(config_error(R"({"kind":"volumes"})"),
            "config: $.kind: expected one of volume, datapath, got \"volumes\"");
  EXPECT_EQ(config_error(R"({"kind":1})"), "config: $.kind: expected one of volume, datapath, got 1");
  EXPECT_EQ(config_error(R"([])"), "config: $: expected an object, got []");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"error":{"params":[]}}}})"),
            "config: $.methods.Plugin.ls.error.code: missing (expected a string)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"error":{"code":""}}}})"),
            "config: $.methods.Plugin.ls.error.code: expected a non-empty string, got \"\"");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"error":{"code":"X","params":["a",2]}}}})"),
            "config: $.methods.Plugin.ls.error.params[1]: expected a string, got 2");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"error":{"code":"X","backtrace":{}}}}})"),
            "config: unknown key $.methods.Plugin.ls.error.backtrace (expected code, params)");
  EXPECT_EQ(config_error(R"({"methods":{"Plugin.ls":{"error":"X"}}})"),
            "config: $.methods.Plugin.ls.error: expected an object, got \"X\"");
  EXPECT_EQ(config_error(R"({"a b":1})"), "config: unknown key $[\"a b\"] (expected kind, methods)");
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
  EXPECT_EQ(load.error, "config: " + path + " is larger than 1048576 bytes");
}

TEST_F(MockConfigFile, BadContentNamesThePath) {
  std::string path = write("bad.json", R"({"methodz":1})");
  EXPECT_EQ(load_config_file(path).error,
            "config: " + path + ": unknown key $.methodz (expected kind, methods)");
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

}  // namespace
}  // namespace smapi::mock
