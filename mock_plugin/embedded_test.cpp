#include "mock_plugin/embedded.h"

#include "mock_plugin/embedded_test_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace smapi::mock {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::call_plugin;
using testing::run_script;
using testing::ScriptRun;
using testing::TempDir;

const std::string kMockBinary = SMAPI_BIN_DIR "/smapi-mock";

json::value parsed(std::string_view text) { return json::parse(text); }

json::value result_of(const testing::TestCall& call) { return testing::reply_member(call, "result"); }
json::value error_of(const testing::TestCall& call) { return testing::reply_member(call, "error"); }

TEST(EmbeddedMock, ListensOnLoopbackAndAnswersWithTheDefaultConfig) {
  EmbeddedMock mock;
  ASSERT_TRUE(mock.running());
  EXPECT_NE(mock.port(), 0);
  EXPECT_EQ(mock.url(), "http://127.0.0.1:" + std::to_string(mock.port()) + "/");
  EXPECT_EQ(mock.address(), "127.0.0.1:" + std::to_string(mock.port()));

  auto call = call_plugin(mock.url(), "Plugin.query", "embedded");
  ASSERT_EQ(call.exchange.end, harness::HttpExchange::End::answered) << call.exchange.error;
  EXPECT_EQ(call.exchange.status, 200);
  EXPECT_EQ(result_of(call), default_query_result(PluginKind::volume));
}

TEST(EmbeddedMock, AnswersFromConfigText) {
  auto mock = EmbeddedMock::from_json(
      R"({"kind":"datapath","methods":{"Plugin.ls":{"unimplemented":true},
          "Plugin.diagnostics":{"error":{"code":"SR_BACKEND_FAILURE_47","params":["","down",""]}}}})");
  EXPECT_EQ(error_of(call_plugin(mock->url(), "Plugin.ls", "d")),
            parsed(R"(["Unimplemented","Plugin.ls"])"));
  EXPECT_EQ(error_of(call_plugin(mock->url(), "Plugin.diagnostics", "d")),
            parsed(R"(["SR_BACKEND_FAILURE_47","","down",""])"));
  EXPECT_EQ(result_of(call_plugin(mock->url(), "Plugin.query", "d")),
            default_query_result(PluginKind::datapath));
}

TEST(EmbeddedMock, RefusesBadConfigTextNamingTheProblem) {
  try {
    EmbeddedMock::from_json(R"({"methodz":{}})");
    FAIL() << "a bad config was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), StartsWith("config: "));
    EXPECT_THAT(e.what(), HasSubstr("methodz"));
  }
}

TEST(EmbeddedMock, AnswersFromAMockConfig) {
  MockConfig config = default_config();
  config.answer(contract::Method::ls) = Answer::make_result(parsed(R"(["sr-1","sr-2"])"));
  EmbeddedMock mock(config);
  EXPECT_EQ(mock.config(), config);
  EXPECT_EQ(result_of(call_plugin(mock.url(), "Plugin.ls", "d")), parsed(R"(["sr-1","sr-2"])"));
}

TEST(EmbeddedMock, StopClosesThePortAndRestartServesTheSameUrlAgain) {
  EmbeddedMock mock;
  const std::string url = mock.url();
  mock.stop();
  EXPECT_FALSE(mock.running());
  mock.stop();  // idempotent
  EXPECT_EQ(call_plugin(url, "Plugin.ls", "d").exchange.end,
            harness::HttpExchange::End::connect_failed);

  mock.restart();
  EXPECT_TRUE(mock.running());
  EXPECT_EQ(mock.url(), url);
  auto call = call_plugin(url, "Plugin.ls", "d");
  ASSERT_EQ(call.exchange.end, harness::HttpExchange::End::answered) << call.exchange.error;
  EXPECT_EQ(result_of(call), json::array());
}

TEST(EmbeddedMock, TwoMocksAtOnceAnswerEachFromItsOwnConfig) {
  MockConfig first = default_config();
  first.answer(contract::Method::ls) = Answer::make_result(parsed(R"(["first"])"));
  MockConfig second = default_config();
  second.answer(contract::Method::ls) = Answer::make_result(parsed(R"(["second"])"));
  EmbeddedMock a(first);
  EmbeddedMock b(second);
  EXPECT_NE(a.port(), b.port());
  EXPECT_EQ(result_of(call_plugin(a.url(), "Plugin.ls", "d")), parsed(R"(["first"])"));
  EXPECT_EQ(result_of(call_plugin(b.url(), "Plugin.ls", "d")), parsed(R"(["second"])"));
  a.stop();
  EXPECT_EQ(result_of(call_plugin(b.url(), "Plugin.ls", "d")), parsed(R"(["second"])"));
}

TEST(EmbeddedMock, AnswerHookAnswersFirstAndNulloptFallsBackToTheConfig) {
  EmbeddedMock mock;
  mock.set_answer_hook([](contract::Method method, const json::value& args) -> std::optional<Answer> {
    if (method != contract::Method::ls) return std::nullopt;
    return Answer::make_result(json::array{args.at("dbg")});
  });
  EXPECT_EQ(result_of(call_plugin(mock.url(), "Plugin.ls", "echo-me")), parsed(R"(["echo-me"])"));
  EXPECT_EQ(result_of(call_plugin(mock.url(), "Plugin.query", "d")), default_query_result(PluginKind::volume));

  mock.set_answer_hook(nullptr);
  EXPECT_EQ(result_of(call_plugin(mock.url(), "Plugin.ls", "echo-me")), json::array());
}

TEST(EmbeddedMock, AnswerHookSurvivesARestart) {
  EmbeddedMock mock;
  mock.set_answer_hook([](contract::Method, const json::value&) -> std::optional<Answer> {
    return Answer::make_unimplemented();
  });
  mock.stop();
  mock.restart();
  EXPECT_EQ(error_of(call_plugin(mock.url(), "Plugin.query", "d")),
            parsed(R"(["Unimplemented","Plugin.query"])"));
}

// Before: EmbeddedMock had only the Plugin-only answer hook.
TEST(EmbeddedMock, CallHookSeesStorageCallsByWireName) {
  EmbeddedMock mock;
  mock.set_call_hook([](std::string_view name, const json::value&) -> std::optional<Answer> {
    if (name == "SR.ls") return Answer::make_result(parsed(R"(["scripted"])"));
    return std::nullopt;
  });
  EXPECT_EQ(result_of(testing::call_method(mock.url(), "SR.ls", {{"sr", "file:///x"}})), parsed(R"(["scripted"])"));
  EXPECT_EQ(error_of(testing::call_method(mock.url(), "SR.stat", {{"sr", "file:///x"}})),
            parsed(R"(["SR_does_not_exist","file:///x"])"));  // the storage's answer
  // set_answer_hook replaces it, and sees Plugin calls only.
  mock.set_answer_hook([](contract::Method, const json::value&) -> std::optional<Answer> {
    return Answer::make_unimplemented();
  });
  EXPECT_EQ(error_of(call_plugin(mock.url(), "Plugin.ls", "d")), parsed(R"(["Unimplemented","Plugin.ls"])"));
  EXPECT_EQ(error_of(testing::call_method(mock.url(), "SR.ls", {{"sr", "file:///x"}})),
            parsed(R"(["SR_does_not_exist","file:///x"])"));
}

TEST(EmbeddedMock, PluginDirAnswersExecCallsFromTheSameConfig) {
  MockConfig config = default_config();
  config.answer(contract::Method::ls) = Answer::make_result(parsed(R"(["sr-exec"])"));
  config.answer(contract::Method::diagnostics) = Answer::make_unimplemented();
  EmbeddedMock mock(EmbeddedMockOptions{.config = config, .mock_binary = kMockBinary});
  TempDir tmp;

  const fs::path dir = mock.make_plugin_dir(tmp.path() / "volume" / "org.xen.xapi.storage.mock");
  EXPECT_TRUE(dir.is_absolute());
  EXPECT_TRUE(fs::is_symlink(dir / "Plugin.Query"));

  ScriptRun ls = run_script(dir / "Plugin.ls", R"({"dbg":"exec"})");
  EXPECT_EQ(ls.status, 0);
  EXPECT_EQ(ls.out, "[\"sr-exec\"]\n");
  // The same answer over HTTP.
  EXPECT_EQ(result_of(call_plugin(mock.url(), "Plugin.ls", "d")), parsed(R"(["sr-exec"])"));

  ScriptRun diag = run_script(dir / "Plugin.diagnostics", R"({"dbg":"exec"})");
  EXPECT_EQ(diag.status, 1);
  EXPECT_THAT(diag.out, HasSubstr(R"("params":["Unimplemented","Plugin.diagnostics"])"));

  ScriptRun query = run_script(dir / "Plugin.Query", R"({"dbg":"exec"})");
  EXPECT_EQ(query.status, 0);
  EXPECT_EQ(parsed(query.out), default_query_result(PluginKind::volume));
}

TEST(EmbeddedMock, PluginDirNamesThePluginAfterTheDirectory) {
  EmbeddedMock mock(EmbeddedMockOptions{.mock_binary = kMockBinary});
  TempDir tmp;
  const fs::path dir = mock.make_plugin_dir(tmp.path() / "volume" / "org.xen.xapi.storage.foo");
  ScriptRun query = run_script(dir / "Plugin.Query", R"({"dbg":"exec"})");
  EXPECT_EQ(query.status, 0);
  EXPECT_EQ(parsed(query.out).at("plugin"), "foo");
  // Over HTTP there is no directory: the default name stays.
  EXPECT_EQ(result_of(call_plugin(mock.url(), "Plugin.query", "d")).at("plugin"), "mock");

  MockConfig config = default_config();
  config.answer(contract::Method::query) = Answer::make_result(parsed(R"({"plugin": "mine"})"));
  EmbeddedMock own(EmbeddedMockOptions{.config = config, .mock_binary = kMockBinary});
  const fs::path own_dir = own.make_plugin_dir(tmp.path() / "volume" / "org.xen.xapi.storage.bar");
  EXPECT_EQ(parsed(run_script(own_dir / "Plugin.Query", R"({"dbg":"exec"})").out).at("plugin"), "mine");
}

TEST(EmbeddedMock, PluginDirNamesAMissingBinary) {
  EmbeddedMock mock(EmbeddedMockOptions{.mock_binary = "/nonexistent/smapi-mock"});
  TempDir tmp;
  try {
    mock.make_plugin_dir(tmp.path() / "p");
    FAIL() << "a plugin dir was made without a binary";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/smapi-mock does not exist"));
  }
}

TEST(EmbeddedMock, PluginDirBinaryComesFromTheEnvironmentWhenNotGiven) {
  const char* saved = std::getenv(std::string(kMockBinaryEnv).c_str());
  const std::optional<std::string> old = saved ? std::optional<std::string>(saved) : std::nullopt;
  ::setenv(std::string(kMockBinaryEnv).c_str(), kMockBinary.c_str(), 1);
  EmbeddedMock mock;
  EXPECT_EQ(mock.mock_binary(), fs::path(kMockBinary));
  TempDir tmp;
  const fs::path dir = mock.make_plugin_dir(tmp.path() / "p");
  EXPECT_EQ(fs::read_symlink(dir / "Plugin.ls"), fs::path(kMockBinary));
  if (old) {
    ::setenv(std::string(kMockBinaryEnv).c_str(), old->c_str(), 1);
  } else {
    ::unsetenv(std::string(kMockBinaryEnv).c_str());
  }
}

TEST(EmbeddedMock, AnExplicitBinaryWinsOverTheEnvironment) {
  EmbeddedMock mock(EmbeddedMockOptions{.mock_binary = "/opt/mine/smapi-mock"});
  EXPECT_EQ(mock.mock_binary(), fs::path("/opt/mine/smapi-mock"));
}

// Before: EmbeddedMock had no view of the storage, and SR.create was Unknown_method.
TEST(EmbeddedMockState, TheStorageIsSeenSeededAndEmptiedByARestart) {
  EmbeddedMock mock;
  const std::string create =
      R"({"method":"SR.create","params":[{"dbg":"t","uuid":"u","configuration":{"uri":"file:///e"},)"
      R"("name":"e","description":""}],"id":1})";
  ASSERT_EQ(testing::reply_member(testing::post_jsonrpc(mock.url(), create), "error"), json::value(nullptr));
  const json::value state = mock.state_json();
  EXPECT_THAT(json::serialize(state), HasSubstr("file:///e"));
  mock.stop();
  EXPECT_THAT(json::serialize(mock.state_json()), ::testing::Not(HasSubstr("file:///e")));
  EXPECT_THROW(mock.load_state(state), std::logic_error);
  mock.restart();
  mock.load_state(state);
  EXPECT_EQ(mock.state_json(), state);
  EXPECT_THROW(mock.load_state(json::parse(R"({"srs": 5})")), std::invalid_argument);
  EXPECT_EQ(mock.state_json(), state);
}

// Before: Plugin.ls answered [] from the config whatever SRs were attached.
TEST(EmbeddedMockState, PluginLsListsTheAttachedSrsAndARestartEmptiesIt) {
  EmbeddedMock mock;
  const std::string create =
      R"({"method":"SR.create","params":[{"dbg":"t","uuid":"u","configuration":{"uri":"file:///e"},)"
      R"("name":"e","description":""}],"id":1})";
  const std::string attach =
      R"({"method":"SR.attach","params":[{"dbg":"t","configuration":{"uri":"file:///e"}}],"id":2})";
  ASSERT_EQ(testing::reply_member(testing::post_jsonrpc(mock.url(), create), "error"), json::value(nullptr));
  EXPECT_EQ(result_of(call_plugin(mock.url(), "Plugin.ls", "t")), json::array()) << "created, not attached";
  ASSERT_EQ(testing::reply_member(testing::post_jsonrpc(mock.url(), attach), "error"), json::value(nullptr));
  EXPECT_EQ(result_of(call_plugin(mock.url(), "Plugin.ls", "t")), json::array{"file:///e"});
  mock.stop();
  mock.restart();  // an empty storage, as a restarted plugin's
  EXPECT_EQ(result_of(call_plugin(mock.url(), "Plugin.ls", "t")), json::array());
  auto scripted = EmbeddedMock::from_json(R"({"methods": {"Plugin.ls": {"result": ["file:///else"]}}})");
  EXPECT_EQ(result_of(call_plugin(scripted->url(), "Plugin.ls", "t")), json::array{"file:///else"});
}

}  // namespace
}  // namespace smapi::mock
