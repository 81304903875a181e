// The server over real sockets: protocol dispatch, faults carried out on the
// wire, the journal and the admin API, the Unix-socket listener.

#include "mock_plugin/server.h"

#include "mock_plugin/server_test_client.h"

#include <boost/json/parse.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using namespace smapi::mock::test_client;
using ::testing::HasSubstr;
using unix_socket = asio::local::stream_protocol;

// Plugin.ls misbehaves as its dbg says.
constexpr std::string_view kFaultConfig = R"({"methods":{"Plugin.ls":[
  {"match":{"dbg":"delay"},"delay_ms":50},
  {"match":{"dbg":"long-delay"},"delay_ms":600000},
  {"match":{"dbg":"hang"},"hang":true},
  {"match":{"dbg":"close"},"close":true},
  {"match":{"dbg":"reset"},"reset":true},
  {"match":{"dbg":"status"},"http_status":503},
  {"match":{"dbg":"no-content"},"http_status":204}
]}})";

MockConfig fault_config() {
  ConfigLoad load = parse_config(kFaultConfig);
  if (!load.config) throw std::runtime_error(load.error);
  return *load.config;
}

class ServerWireTest : public ::testing::Test {
 protected:
  void start(ServerSettings settings = {}) {
    server_.emplace(fault_config(), settings, "127.0.0.1:0");
    server_->start();
  }
  json::value admin_json(http::verb verb, const std::string& target, int expected_status = 200) {
    Client c(server_->port());
    EXPECT_FALSE(c.send(admin_request(verb, target)));
    auto res = c.receive();
    if (!res) {
      ADD_FAILURE() << target << ": " << c.error().message();
      return nullptr;
    }
    EXPECT_EQ(res->result_int(), static_cast<unsigned>(expected_status)) << res->body();
    return json::parse(res->body());
  }
  std::optional<MockServer> server_;
};

TEST_F(ServerWireTest, XmlContentTypeIsAnsweredAsXmlRpc) {
  start();
  for (const char* type : {"text/xml", "application/xml; charset=utf-8", ""}) {
    Client c(server_->port());
    ASSERT_FALSE(c.send(post(kXmlLs, type)));
    auto res = c.receive();
    ASSERT_TRUE(res) << type << ": " << c.error().message();
    EXPECT_EQ(res->result(), http::status::ok) << type;
    EXPECT_EQ((*res)[http::field::content_type], "text/xml") << type;
    EXPECT_THAT(res->body(), HasSubstr("<name>Status</name><value><string>Success</string></value>")) << type;
  }
}

TEST_F(ServerWireTest, HeadersOfOneResponseDoNotLeakIntoTheNext) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(admin_request(http::verb::post, "/_mock/journal")));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::method_not_allowed);
  EXPECT_EQ((*res)[http::field::allow], "GET, DELETE");
  const std::pair<std::string, std::string> calls[] = {
      {kLsV1, "application/json"}, {kXmlLs, "text/xml"}, {kLsV1, "application/json"}};
  for (const auto& [body, type] : calls) {
    ASSERT_FALSE(c.send(post(body, type)));
    res = c.receive();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->count(http::field::allow), 0u) << type;
    EXPECT_EQ(res->count(http::field::content_type), 1u) << type;
    EXPECT_EQ((*res)[http::field::content_type], type);
    EXPECT_EQ((*res)[http::field::server], "smapi-mock");
  }
}

TEST_F(ServerWireTest, NoContentTypeWithLeadingSpaceThenBraceIsJson) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(post("  \n" + kLsV1, "")));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ((*res)[http::field::content_type], "application/json");
  EXPECT_EQ(res->body(), kLsV1Reply);
}

TEST_F(ServerWireTest, InvalidJsonGetsAParseErrorReply) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(post("{not json")));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::ok);
  EXPECT_THAT(res->body(), HasSubstr("-32700"));
  EXPECT_TRUE(res->keep_alive());
}

TEST_F(ServerWireTest, DelayedReplyArrivesIntact) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(post(ls_v1("delay"))));
  auto res = c.receive();
  ASSERT_TRUE(res) << c.error().message();
  EXPECT_EQ(res->body(), kLsV1Reply);
}

TEST_F(ServerWireTest, ADelayDoesNotHoldUpOtherConnections) {
  start();
  Client slow(server_->port());
  ASSERT_FALSE(slow.send(post(ls_v1("long-delay"))));  // 10 minutes
  Client quick(server_->port());
  ASSERT_FALSE(quick.send(post(kLsV1)));
  auto res = quick.receive();
  ASSERT_TRUE(res) << quick.error().message();
  EXPECT_EQ(res->body(), kLsV1Reply);
  server_->stop();  // cancels the delay and closes the slow connection
  EXPECT_TRUE(slow.closed_by_peer());
}

TEST_F(ServerWireTest, HangNeverAnswersButOthersAreServedAndItIsJournaled) {
  start();
  Client hung(server_->port());
  ASSERT_FALSE(hung.send(post(ls_v1("hang"))));
  EXPECT_FALSE(hung.receive(300ms));
  EXPECT_EQ(hung.error(), beast::error::timeout);
  Client other(server_->port());
  ASSERT_FALSE(other.send(post(kLsV1)));
  ASSERT_TRUE(other.receive());
  json::value journal = admin_json(http::verb::get, "/_mock/journal?dbg=hang");
  ASSERT_EQ(journal.at("entries").as_array().size(), 1u);
  EXPECT_EQ(journal.at("entries").at(0).at("status"), json::value(0));
  EXPECT_EQ(journal.at("entries").at(0).at("fault"), json::array{"hang"});
  server_->stop();
}

TEST_F(ServerWireTest, HungConnectionIsOneOfMaxConnections) {
  ServerSettings s;
  s.max_connections = 1;
  start(s);
  Client hung(server_->port());
  ASSERT_FALSE(hung.send(post(kLsV1)));
  ASSERT_TRUE(hung.receive());  // the server now holds this connection
  ASSERT_FALSE(hung.send(post(ls_v1("hang"))));
  Client refused(server_->port());
  EXPECT_TRUE(refused.closed_by_peer());
  server_->stop();  // the hung connection lives until the server stops
  EXPECT_TRUE(hung.closed_by_peer());
}

TEST_F(ServerWireTest, CloseEndsTheConnectionWithoutAResponse) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(post(ls_v1("close"))));
  EXPECT_FALSE(c.receive());
  EXPECT_EQ(c.error(), http::error::end_of_stream);
}

TEST_F(ServerWireTest, ResetAbortsTheConnection) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(post(ls_v1("reset"))));
  EXPECT_FALSE(c.receive());
  EXPECT_EQ(c.error(), asio::error::connection_reset);
}

TEST_F(ServerWireTest, HttpStatusFaultSendsTheStatusWithTheReply) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(post(ls_v1("status"))));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result_int(), 503u);
  EXPECT_EQ(res->body(), kLsV1Reply);
  EXPECT_TRUE(res->keep_alive());
}

TEST_F(ServerWireTest, BodilessStatusFaultSendsTheStatusAloneAndKeepsServing) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(post(ls_v1("no-content"))));
  auto res = c.receive();
  ASSERT_TRUE(res) << c.error().message();
  EXPECT_EQ(res->result(), http::status::no_content);
  EXPECT_EQ(res->body(), "");
  ASSERT_FALSE(c.send(post(kLsV1)));
  res = c.receive();
  ASSERT_TRUE(res) << c.error().message();
  EXPECT_EQ(res->body(), kLsV1Reply);
}

TEST_F(ServerWireTest, JournalRecordsCallsOfEveryTransportAndNoAdminCalls) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(post(kLsV1)));
  ASSERT_TRUE(c.receive());
  ASSERT_FALSE(c.send(post(R"({"jsonrpc":"2.0","method":"Plugin.query","params":{"dbg":"v2"},"id":7})")));
  ASSERT_TRUE(c.receive());
  ASSERT_FALSE(c.send(post(kXmlLs, "text/xml")));
  ASSERT_TRUE(c.receive());
  ASSERT_FALSE(c.send(post(ls_v1("delay"))));
  ASSERT_TRUE(c.receive());
  admin_json(http::verb::get, "/_mock/config");

  json::value journal = admin_json(http::verb::get, "/_mock/journal");
  const auto& entries = journal.at("entries").as_array();
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].at("transport"), json::value("jsonrpc"));
  EXPECT_EQ(entries[0].at("method"), json::value("Plugin.ls"));
  EXPECT_EQ(entries[0].at("args"), json::parse(R"({"dbg":"d"})"));
  EXPECT_EQ(entries[0].at("status"), json::value(200));
  EXPECT_THAT(entries[0].at("peer").as_string().c_str(), ::testing::StartsWith("127.0.0.1:"));
  EXPECT_EQ(entries[1].at("transport"), json::value("jsonrpc2"));
  EXPECT_EQ(entries[1].at("dbg"), json::value("v2"));
  EXPECT_EQ(entries[2].at("transport"), json::value("xmlrpc"));
  EXPECT_EQ(entries[2].at("dbg"), json::value("x"));
  EXPECT_EQ(entries[3].at("fault"), json::array{"delay 50ms"});
  EXPECT_GE(entries[3].at("elapsed_us").to_number<std::int64_t>(), 50'000);

  json::value verified = admin_json(http::verb::get, "/_mock/verify?method=Plugin.ls&count=3");
  EXPECT_EQ(verified.at("ok"), json::value(true));
  json::value failed = admin_json(http::verb::get, "/_mock/verify?method=Plugin.Query&count=1", 417);
  EXPECT_THAT(failed.at("explanation").as_string().c_str(), HasSubstr("1 to \"Plugin.query\""));

  admin_json(http::verb::post, "/_mock/reset");
  EXPECT_TRUE(admin_json(http::verb::get, "/_mock/journal").at("entries").as_array().empty());
}

TEST_F(ServerWireTest, JournalIsBoundedByTheSetting) {
  ServerSettings s;
  s.journal_capacity = 2;
  start(s);
  Client c(server_->port());
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(c.send(post(ls_v1("n" + std::to_string(i), i))));
    ASSERT_TRUE(c.receive());
  }
  json::value journal = admin_json(http::verb::get, "/_mock/journal");
  ASSERT_EQ(journal.at("entries").as_array().size(), 2u);
  EXPECT_EQ(journal.at("entries").at(0).at("dbg"), json::value("n3"));
  EXPECT_EQ(journal.at("dropped"), json::value(3));
}

TEST_F(ServerWireTest, PutConfigChangesTheAnswersAndABadOneIsRefused) {
  start();
  {
    Client c(server_->port());
    ASSERT_FALSE(c.send(admin_request(http::verb::put, "/_mock/config",
                                      R"({"methods":{"Plugin.ls":{"unimplemented":true}}})")));
    auto res = c.receive();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result(), http::status::ok) << res->body();
    ASSERT_FALSE(c.send(admin_request(http::verb::put, "/_mock/config", R"({"kind":"teapot"})")));
    res = c.receive();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result(), http::status::bad_request);
    EXPECT_THAT(res->body(), HasSubstr("config: "));
    ASSERT_FALSE(c.send(post(kLsV1)));
    res = c.receive();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->body(), R"({"result":null,"error":["Unimplemented","Plugin.ls"],"id":1})");
  }
}

TEST_F(ServerWireTest, AdminTokenIsRequiredWhenSet) {
  ServerSettings s;
  s.admin_token = "s3cret";
  start(s);
  Client c(server_->port());
  ASSERT_FALSE(c.send(admin_request(http::verb::get, "/_mock/journal")));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::unauthorized);
  EXPECT_EQ((*res)[http::field::www_authenticate], "Bearer");
  ASSERT_FALSE(c.send(admin_request(http::verb::get, "/_mock/journal", "", "Bearer s3cret")));
  res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::ok);
}

TEST_F(ServerWireTest, ReplaceConfigFromAnotherThreadTakesEffect) {
  start();
  MockConfig c = default_config();
  c.answer(contract::Method::ls) = Answer::make_unimplemented();
  server_->replace_config(c);
  Client client(server_->port());
  ASSERT_FALSE(client.send(post(kLsV1)));
  auto res = client.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), R"({"result":null,"error":["Unimplemented","Plugin.ls"],"id":1})");
}

TEST_F(ServerWireTest, AnswerHookSetWhileServingAnswersTheNextCall) {
  start();
  server_->set_answer_hook([](contract::Method m, const json::value&) -> std::optional<Answer> {
    if (m == contract::Method::ls) return Answer::make_result(json::array{"sr-from-hook"});
    return std::nullopt;
  });
  Client client(server_->port());
  ASSERT_FALSE(client.send(post(kLsV1)));
  auto res = client.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), R"({"result":["sr-from-hook"],"error":null,"id":1})");
}

// ---- the Unix-socket listener ----

class UnixSocketTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("smapi-mock-unix-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "mock.sock").string();
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  ServerSettings unix_settings() const {
    ServerSettings s;
    s.unix_socket_path = path_;
    return s;
  }
  static bool is_socket(const std::string& p) {
    struct stat st {};
    return ::lstat(p.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
  }
  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(UnixSocketTest, ServesCallsAndAdminOnlyOnTheSocketAndRemovesItAtStop) {
  MockServer server(default_config(), unix_settings(), "");
  EXPECT_EQ(server.start(), "unix:" + path_);
  EXPECT_EQ(server.port(), 0);
  ASSERT_TRUE(is_socket(path_));
  {
    UnixClient c{unix_socket::endpoint(path_)};
    ASSERT_FALSE(c.error()) << c.error().message();
    ASSERT_FALSE(c.send(post(kLsV1)));
    auto res = c.receive();
    ASSERT_TRUE(res) << c.error().message();
    EXPECT_EQ(res->body(), kLsV1Reply);
    // A Unix-socket peer is local: the admin API answers without a token.
    ASSERT_FALSE(c.send(admin_request(http::verb::get, "/_mock/journal")));
    res = c.receive();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result(), http::status::ok);
    json::value journal = json::parse(res->body());
    EXPECT_EQ(journal.at("entries").at(0).at("peer"), json::value("unix"));
  }
  server.stop();
  EXPECT_FALSE(std::filesystem::exists(path_));
}

TEST_F(UnixSocketTest, TcpAndUnixTogetherShareOneEngine) {
  MockServer server(default_config(), unix_settings(), "127.0.0.1:0");
  const std::string bound = server.start();
  EXPECT_EQ(bound, "127.0.0.1:" + std::to_string(server.port()));
  Client tcp_client(server.port());
  ASSERT_FALSE(tcp_client.send(post(kLsV1)));
  ASSERT_TRUE(tcp_client.receive());
  UnixClient unix_client{unix_socket::endpoint(path_)};
  ASSERT_FALSE(unix_client.send(admin_request(http::verb::get, "/_mock/verify?method=Plugin.ls&count=1")));
  auto res = unix_client.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::ok) << res->body();
}

TEST_F(UnixSocketTest, AStaleSocketFileIsReplaced) {
  {
    asio::io_context ioc;
    unix_socket::acceptor stale(ioc, unix_socket::endpoint(path_));
  }  // closed, the file stays behind
  ASSERT_TRUE(is_socket(path_));
  MockServer server(default_config(), unix_settings(), "");
  EXPECT_EQ(server.start(), "unix:" + path_);
  UnixClient c{unix_socket::endpoint(path_)};
  ASSERT_FALSE(c.send(post(kLsV1)));
  EXPECT_TRUE(c.receive());
}

TEST_F(UnixSocketTest, AFileThatIsNotASocketIsLeftAloneAndStartFails) {
  std::ofstream(path_) << "precious";
  MockServer server(default_config(), unix_settings(), "127.0.0.1:0");
  try {
    server.start();
    FAIL() << "started over a regular file";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "listen unix:" + path_ + ": the path exists and is not a socket");
  }
  std::ifstream in(path_);
  std::string content;
  in >> content;
  EXPECT_EQ(content, "precious");
}

TEST(MockServerStart, NothingToListenOnThrows) {
  MockServer server(default_config(), ServerSettings{}, "");
  EXPECT_THROW(server.start(), std::runtime_error);
}

}  // namespace
}  // namespace smapi::mock
