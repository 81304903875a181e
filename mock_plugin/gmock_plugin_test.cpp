#include "mock_plugin/gmock_plugin.h"

#include "mock_plugin/embedded_test_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using ::testing::_;
using ::testing::NiceMock;
using ::testing::Return;
using testing::call_plugin;
using testing::reply_member;

TEST(MockPlugin, FactoriesMakeTheMatchingAnswers) {
  EXPECT_EQ(Result(json::array{"a"}).answer(), Answer::make_result(json::array{"a"}));
  EXPECT_EQ(Unimplemented().answer(), Answer::make_unimplemented());
  EXPECT_EQ(BackendError("SR_BACKEND_FAILURE", {"x"}).answer(),
            Answer::make_error("SR_BACKEND_FAILURE", {"x"}));
  EXPECT_EQ(FromConfig().answer(), std::nullopt);
}

TEST(MockPlugin, ExpectedCallsAnswerAsScriptedAndSeeTheDbg) {
  EmbeddedMock mock;
  MockPlugin plugin(mock);
  EXPECT_CALL(plugin, ls("first")).WillOnce(Return(Result(json::parse(R"(["sr-a"])"))));
  EXPECT_CALL(plugin, ls("second")).WillOnce(Return(BackendError("SR_BACKEND_FAILURE_46", {"", "gone"})));

  EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.ls", "first"), "result"), json::parse(R"(["sr-a"])"));
  EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.ls", "second"), "error"),
            json::parse(R"(["SR_BACKEND_FAILURE_46","","gone"])"));
}

TEST(MockPlugin, UninterestingCallsAnswerFromTheConfig) {
  MockConfig config = default_config();
  config.answer(contract::Method::diagnostics) = Answer::make_result("all fine");
  EmbeddedMock mock(config);
  NiceMock<MockPlugin> plugin(mock);
  EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.diagnostics", "d"), "result"), json::value("all fine"));
  EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.query", "d"), "result"),
            default_query_result(PluginKind::volume));
}

TEST(MockPlugin, FromConfigDefersToTheConfigForAnExpectedCall) {
  EmbeddedMock mock;
  MockPlugin plugin(mock);
  EXPECT_CALL(plugin, ls("d")).Times(2).WillRepeatedly(Return(FromConfig()));
  EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.ls", "d"), "result"), json::array());
  EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.ls", "d"), "result"), json::array());
}

TEST(MockPlugin, RefusedArgumentsNeverReachTheMockMethods) {
  EmbeddedMock mock;
  MockPlugin plugin(mock);
  EXPECT_CALL(plugin, query(_)).Times(0);
  auto call = testing::post_jsonrpc(mock.url(), R"({"method":"Plugin.query","params":[{"dbg":5}],"id":1})");
  EXPECT_EQ(reply_member(call, "error"), json::parse(R"(["Internal_error","Expected string, got 5"])"));
}

TEST(MockPlugin, AfterStopExpectationsCanBeVerifiedMidTest) {
  EmbeddedMock mock;
  MockPlugin plugin(mock);
  EXPECT_CALL(plugin, query("once")).WillOnce(Return(Unimplemented()));
  EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.query", "once"), "error"),
            json::parse(R"(["Unimplemented","Plugin.query"])"));
  mock.stop();
  EXPECT_TRUE(::testing::Mock::VerifyAndClearExpectations(&plugin));
}

TEST(MockPlugin, ADestroyedMockPluginLeavesTheConfigAnswering) {
  EmbeddedMock mock;
  {
    MockPlugin plugin(mock);
    EXPECT_CALL(plugin, ls(_)).WillOnce(Return(Unimplemented()));
    EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.ls", "d"), "error"),
              json::parse(R"(["Unimplemented","Plugin.ls"])"));
  }
  EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.ls", "d"), "result"), json::array());
}

TEST(MockPlugin, OutlivingItsEmbeddedMockIsSafe) {
  MockPlugin plugin;
  {
    EmbeddedMock mock;
    plugin.attach(mock);
    EXPECT_CALL(plugin, diagnostics("d")).WillOnce(Return(Result("scripted")));
    EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.diagnostics", "d"), "result"),
              json::value("scripted"));
  }
  plugin.detach();  // the mock is gone; nothing to wait for
}

TEST(MockPlugin, AttachingASecondPluginTakesOverTheCalls) {
  EmbeddedMock mock;
  MockPlugin first(mock);
  MockPlugin second(mock);
  EXPECT_CALL(first, ls(_)).Times(0);
  EXPECT_CALL(second, ls("d")).WillOnce(Return(Result(json::array{"second"})));
  EXPECT_EQ(reply_member(call_plugin(mock.url(), "Plugin.ls", "d"), "result"), json::array{"second"});
}

TEST(MockPlugin, CountsCallsFromConcurrentClients) {
  constexpr int kClients = 4;
  constexpr int kCallsEach = 25;
  EmbeddedMock mock;
  MockPlugin plugin(mock);
  EXPECT_CALL(plugin, ls(_)).Times(kClients * kCallsEach).WillRepeatedly(Return(Result(json::array{"sr"})));
  std::vector<std::thread> clients;
  std::atomic<int> answered{0};
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      for (int i = 0; i < kCallsEach; ++i) {
        if (reply_member(call_plugin(mock.url(), "Plugin.ls", "d"), "result") == json::array{"sr"}) ++answered;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(answered.load(), kClients * kCallsEach);
}

}  // namespace
}  // namespace smapi::mock
