// The server over real sockets, as a browser and curl meet it: the host
// guard's 403s (DNS rebinding, cross-site Origin) and the clients it still
// serves; bodies sent under a Content-Type that names no protocol (curl -d);
// what --log-requests lines say of a call; and the warning logged for a
// config PUT with a fault serve ignores.

#include "mock_plugin/server.h"

#include "mock_plugin/server_test_client.h"

#include <boost/json/parse.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <mutex>
#include <vector>

namespace smapi::mock {
namespace {

namespace json = boost::json;
using namespace smapi::mock::test_client;
using ::testing::Contains;
using ::testing::HasSubstr;
using unix_socket = asio::local::stream_protocol;

class ServerGuardTest : public ::testing::Test {
 protected:
  void start(ServerSettings settings = {}) {
    server_.emplace(default_config(), settings, "127.0.0.1:0");
    server_->set_log([this](std::string_view line) {
      std::lock_guard lock(log_mutex_);
      log_.emplace_back(line);
    });
    server_->start();
  }
  // One request on a fresh connection; the response, or a failed test.
  http::response<http::string_body> exchange(http::request<http::string_body> req) {
    Client c(server_->port());
    EXPECT_FALSE(c.send(req));
    auto res = c.receive();
    if (!res) {
      ADD_FAILURE() << c.error().message();
      return {};
    }
    return *res;
  }
  std::vector<std::string> log() {
    std::lock_guard lock(log_mutex_);
    return log_;
  }
  // The log outlives the server, whose thread writes to it until it stops.
  std::mutex log_mutex_;
  std::vector<std::string> log_;
  std::optional<MockServer> server_;
};

http::request<http::string_body> with(http::request<http::string_body> req, http::field field,
                                      const std::string& value) {
  req.set(field, value);
  return req;
}

// --- the host guard ------------------------------------------------------

// Before: GET /_mock/config with Host evil.example:PORT was answered 200.
TEST_F(ServerGuardTest, AdminCallWithAForeignHostGets403NamingTheFlag) {
  start();
  const std::string host = "evil.example:" + std::to_string(server_->port());
  const auto res = exchange(with(admin_request(http::verb::get, "/_mock/config"), http::field::host, host));
  EXPECT_EQ(res.result(), http::status::forbidden);
  EXPECT_EQ(res[http::field::content_type], "application/json");
  const std::string error(json::parse(res.body()).at("error").as_string());
  EXPECT_THAT(error, HasSubstr("Host \"" + host + "\""));
  EXPECT_THAT(error, HasSubstr("--admin-token"));
  EXPECT_THAT(log(), Contains(HasSubstr("403 Host \"" + host + "\"")));
}

// Before: a plugin call with a foreign Host was answered.
TEST_F(ServerGuardTest, PluginCallWithAForeignHostGets403) {
  start();
  const auto res = exchange(with(post(kLsV1), http::field::host, "evil.example"));
  EXPECT_EQ(res.result(), http::status::forbidden);
  EXPECT_EQ(res[http::field::content_type], "text/plain");
  EXPECT_THAT(res.body(), HasSubstr("--admin-token"));
  EXPECT_THAT(res.body(), HasSubstr("--allow-host"));
}

// Before: a page of another site could post to the mock.
TEST_F(ServerGuardTest, ACrossSiteOriginGets403WithALoopbackHost) {
  start();
  const auto plugin = exchange(with(post(kLsV1), http::field::origin, "http://evil.example"));
  EXPECT_EQ(plugin.result(), http::status::forbidden);
  EXPECT_THAT(plugin.body(), HasSubstr("Origin \"http://evil.example\""));
  const auto admin = exchange(
      with(admin_request(http::verb::put, "/_mock/config", "{}"), http::field::origin, "null"));
  EXPECT_EQ(admin.result(), http::status::forbidden);
}

TEST_F(ServerGuardTest, LoopbackHostsAndOriginsAreServed) {
  start();
  const std::string port = std::to_string(server_->port());
  for (const std::string& host : {"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, std::string("localhost")}) {
    EXPECT_EQ(exchange(with(post(kLsV1), http::field::host, host)).body(), kLsV1Reply) << host;
    EXPECT_EQ(exchange(with(admin_request(http::verb::get, "/_mock/config"), http::field::host, host)).result(),
              http::status::ok)
        << host;
  }
  EXPECT_EQ(exchange(with(post(kLsV1), http::field::origin, "http://localhost:3000")).body(), kLsV1Reply);
  // HTTP/1.0 without Host.
  auto old = post(kLsV1);
  old.version(10);
  old.erase(http::field::host);
  EXPECT_EQ(exchange(old).body(), kLsV1Reply);
}

TEST_F(ServerGuardTest, AllowHostAdmitsItsName) {
  ServerSettings settings;
  settings.allowed_hosts = {"mock"};
  start(settings);
  EXPECT_EQ(exchange(with(post(kLsV1), http::field::host, "mock:8080")).body(), kLsV1Reply);
  EXPECT_EQ(exchange(with(post(kLsV1), http::field::host, "evil.example")).result(), http::status::forbidden);
}

TEST_F(ServerGuardTest, WithAnAdminTokenAnyHostIsServedAndAdminCallsNeedTheToken) {
  ServerSettings settings;
  settings.admin_token = "s3cret";
  start(settings);
  EXPECT_EQ(exchange(with(post(kLsV1), http::field::host, "mock.internal")).body(), kLsV1Reply);
  auto admin = with(admin_request(http::verb::get, "/_mock/config", "", "Bearer s3cret"), http::field::host,
                    "mock.internal");
  EXPECT_EQ(exchange(admin).result(), http::status::ok);
  admin.erase(http::field::authorization);
  EXPECT_EQ(exchange(admin).result(), http::status::unauthorized);
}

TEST(ServerGuardUnix, UnixSocketIgnoresHostButRefusesAForeignOrigin) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("smapi-mock-guard-" + std::to_string(::getpid()) + ".sock")).string();
  ServerSettings settings;
  settings.unix_socket_path = path;
  MockServer server(default_config(), settings, "");
  server.start();
  {
    UnixClient c{unix_socket::endpoint(path)};
    ASSERT_FALSE(c.send(with(admin_request(http::verb::get, "/_mock/journal"), http::field::host, "mock")));
    auto res = c.receive();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result(), http::status::ok) << res->body();
    ASSERT_FALSE(c.send(with(post(kLsV1), http::field::origin, "https://evil.example")));
    res = c.receive();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->result(), http::status::forbidden);
  }
  server.stop();
}

// --- bodies under another Content-Type (curl -d) --------------------------

// Before: 415 "Content-Type must be application/json, ...".
TEST_F(ServerGuardTest, FormEncodedJsonRpcIsAnsweredAsJsonRpc) {
  start();
  const auto res = exchange(post(kLsV1, "application/x-www-form-urlencoded"));
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res[http::field::content_type], "application/json");
  EXPECT_EQ(res.body(), kLsV1Reply);
}

TEST_F(ServerGuardTest, FormEncodedXmlRpcIsAnsweredAsXmlRpc) {
  start();
  const auto res = exchange(post(kXmlLs, "text/plain"));
  EXPECT_EQ(res.result(), http::status::ok);
  EXPECT_EQ(res[http::field::content_type], "text/xml");
  EXPECT_THAT(res.body(), HasSubstr("<methodResponse>"));
}

TEST_F(ServerGuardTest, ABodyThatIsNeitherUnderAnotherTypeGets415SayingWhy) {
  start();
  const auto res = exchange(post("method=Plugin.ls", "application/x-www-form-urlencoded"));
  EXPECT_EQ(res.result(), http::status::unsupported_media_type);
  EXPECT_THAT(res.body(), HasSubstr("neither JSON-RPC"));
}

// --- --log-requests ------------------------------------------------------

// Before: the line said only "POST / 200 N bytes".
TEST_F(ServerGuardTest, RequestLogLinesNameTheMethodAndDbg) {
  ServerSettings settings;
  settings.log_requests = true;
  start(settings);
  EXPECT_EQ(exchange(post(ls_v1("ci-7"))).body(), R"({"result":[],"error":null,"id":1})");
  exchange(post(kXmlLs, "text/xml"));
  exchange(admin_request(http::verb::get, "/_mock/journal"));
  const auto lines = log();
  EXPECT_THAT(lines, Contains(::testing::MatchesRegex(R"(127\.0\.0\.1:[0-9]+ POST / 200 [0-9]+ bytes Plugin\.ls dbg="ci-7")")));
  EXPECT_THAT(lines, Contains(::testing::MatchesRegex(R"(.* POST / 200 [0-9]+ bytes Plugin\.ls dbg="x")")));
  EXPECT_THAT(lines, Contains(::testing::MatchesRegex(R"(.* GET /_mock/journal 200 [0-9]+ bytes)")));
}

// --- warnings at load -----------------------------------------------------

// Before: a config PUT with an exec-only fault was taken silently.
TEST_F(ServerGuardTest, AConfigPutWithAFaultServeIgnoresIsLoggedAsAWarning) {
  start();
  const auto res = exchange(admin_request(http::verb::put, "/_mock/config",
                                          R"({"methods":{"Plugin.query":[{"exit_code":7}]}})"));
  EXPECT_EQ(res.result(), http::status::ok) << res.body();
  EXPECT_THAT(log(), Contains("warning: config: $.methods.Plugin.query[0].exit_code: for exec plugins "
                              "(plugin-dir) only; serve ignores it"));
}

}  // namespace
}  // namespace smapi::mock
