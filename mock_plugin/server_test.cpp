#include "mock_plugin/server.h"

#include "contract/json_text.h"
#include "mock_plugin/server_test_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace smapi::mock {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using ::testing::HasSubstr;
using namespace smapi::mock::test_client;

class MockServerTest : public ::testing::Test {
 protected:
  void start(ServerSettings settings = {}) {
    server_.emplace(default_config(), settings, "127.0.0.1:0");
    std::string bound = server_->start();
    EXPECT_EQ(bound, "127.0.0.1:" + std::to_string(server_->port()));
    ASSERT_NE(server_->port(), 0);
  }
  std::optional<MockServer> server_;
};

TEST_F(MockServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.error());
  ASSERT_FALSE(c.send(post(kLsV1)));
  auto first = c.receive();
  ASSERT_TRUE(first) << c.error().message();
  EXPECT_EQ(first->result(), http::status::ok);
  EXPECT_EQ((*first)[http::field::content_type], "application/json");
  EXPECT_TRUE(first->keep_alive());
  EXPECT_EQ(first->body(), kLsV1Reply);

  ASSERT_FALSE(c.send(post(R"({"jsonrpc":"2.0","method":"Plugin.ls","params":{"dbg":"d"},"id":"two"})",
                           "application/json; charset=utf-8")));
  auto second = c.receive();
  ASSERT_TRUE(second) << c.error().message();
  EXPECT_EQ(second->body(), R"({"jsonrpc":"2.0","result":[],"id":"two"})");
}

TEST_F(MockServerTest, NoContentTypeIsServed) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(post(kLsV1, "")));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::ok);
  EXPECT_EQ(res->body(), kLsV1Reply);
}

TEST_F(MockServerTest, OversizedBodyGets413ThenClose) {
  ServerSettings s;
  s.max_body_bytes = 1024;
  start(s);
  Client c(server_->port());
  ASSERT_FALSE(c.send(post(std::string(64 * 1024, ' ') + kLsV1)));
  auto res = c.receive();
  ASSERT_TRUE(res) << c.error().message();
  EXPECT_EQ(res->result(), http::status::payload_too_large);
  EXPECT_FALSE(res->keep_alive());
  EXPECT_EQ(res->body(), "request body larger than 1024 bytes\n");
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(MockServerTest, BodyAtTheLimitIsServed) {
  ServerSettings s;
  s.max_body_bytes = kLsV1.size();
  start(s);
  Client c(server_->port());
  ASSERT_FALSE(c.send(post(kLsV1)));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::ok);
}

TEST_F(MockServerTest, OversizedHeaderGets431ThenClose) {
  ServerSettings s;
  s.header_limit = 512;
  start(s);
  Client c(server_->port());
  auto req = post(kLsV1);
  req.set("X-Padding", std::string(1024, 'p'));
  ASSERT_FALSE(c.send(req));
  auto res = c.receive();
  ASSERT_TRUE(res) << c.error().message();
  EXPECT_EQ(res->result(), http::status::request_header_fields_too_large);
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(MockServerTest, GarbageGets400ThenClose) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send_raw("GARBAGE GARBAGE GARBAGE\r\n\r\n"));
  auto res = c.receive();
  ASSERT_TRUE(res) << c.error().message();
  EXPECT_EQ(res->result(), http::status::bad_request);
  EXPECT_THAT(res->body(), HasSubstr("malformed HTTP request"));
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(MockServerTest, GetGets405AndTheConnectionStaysUsable) {
  start();
  Client c(server_->port());
  http::request<http::string_body> get(http::verb::get, "/", 11);
  get.set(http::field::host, "127.0.0.1");
  ASSERT_FALSE(c.send(get));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::method_not_allowed);
  EXPECT_EQ((*res)[http::field::allow], "POST");
  ASSERT_FALSE(c.send(post(kLsV1)));
  auto after = c.receive();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->body(), kLsV1Reply);
}

// Another Content-Type with a JSON-RPC or XML-RPC body is served
// (server_guard_test.cpp); one whose body is neither gets 415.
TEST_F(MockServerTest, OtherContentTypeWithANonRpcBodyGets415) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send(post("dbg=d", "application/x-www-form-urlencoded")));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::unsupported_media_type);
}

TEST_F(MockServerTest, ExpectContinueGetsTheInterimResponse) {
  start();
  Client c(server_->port());
  ASSERT_FALSE(c.send_raw("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                          "Content-Length: " + std::to_string(kLsV1.size()) +
                          "\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = c.receive();
  ASSERT_TRUE(interim) << c.error().message();
  EXPECT_EQ(interim->result(), http::status::continue_);
  ASSERT_FALSE(c.send_raw(kLsV1));
  auto res = c.receive();
  ASSERT_TRUE(res) << c.error().message();
  EXPECT_EQ(res->body(), kLsV1Reply);
}

TEST_F(MockServerTest, IdleConnectionIsClosedAfterTheTimeout) {
  ServerSettings s;
  s.read_timeout = 200ms;
  s.idle_timeout = 200ms;
  start(s);
  Client c(server_->port());
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
}

TEST_F(MockServerTest, StopReturnsPromptlyWithAConnectionOpen) {
  start();  // default timeouts: 15 s idle
  Client c(server_->port());
  ASSERT_FALSE(c.send(post(kLsV1)));
  ASSERT_TRUE(c.receive());
  auto t0 = std::chrono::steady_clock::now();
  server_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
  EXPECT_TRUE(c.closed_by_peer(1000ms));
  server_->stop();  // idempotent
}

TEST_F(MockServerTest, ConnectionsBeyondTheLimitAreClosedAndOthersStillServed) {
  ServerSettings s;
  s.max_connections = 1;
  start(s);
  Client first(server_->port());
  ASSERT_FALSE(first.send(post(kLsV1)));
  ASSERT_TRUE(first.receive());  // the server now holds this connection
  Client second(server_->port());
  EXPECT_TRUE(second.closed_by_peer());
  ASSERT_FALSE(first.send(post(kLsV1)));
  auto res = first.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), kLsV1Reply);
}

TEST_F(MockServerTest, ServesManySequentialConnections) {
  start();
  for (int i = 0; i < 20; ++i) {
    Client c(server_->port());
    ASSERT_FALSE(c.send(post(kLsV1)));
    auto res = c.receive();
    ASSERT_TRUE(res) << i;
    EXPECT_EQ(res->body(), kLsV1Reply);
  }
}

TEST(MockServerCallerContext, RunsOnACallersIoContext) {
  asio::io_context ioc(1);
  ServerSettings settings;
  settings.log_requests = true;
  MockServer server(ioc, default_config(), settings, "127.0.0.1:0");
  std::vector<std::string> log;
  server.set_log([&](std::string_view line) { log.emplace_back(line); });
  server.start();
  std::thread runner([&] { ioc.run(); });
  {
    Client c(server.port());
    ASSERT_FALSE(c.send(post(kLsV1)));
    auto res = c.receive();
    ASSERT_TRUE(res);
    EXPECT_EQ(res->body(), kLsV1Reply);
    server.stop();
    runner.join();  // run() returns once the server has closed everything
  }
  ASSERT_GE(log.size(), 3u);
  EXPECT_THAT(log.front(), HasSubstr("listening on 127.0.0.1:"));
  EXPECT_THAT(log[1], HasSubstr("POST / 200"));
  EXPECT_EQ(log.back(), "stopped");
}

TEST(MockServerStart, BadAddressThrowsNamingIt) {
  MockServer server(default_config(), ServerSettings{}, "nowhere:80");
  try {
    server.start();
    FAIL() << "start() accepted a bad address";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "listen address \"nowhere:80\": \"nowhere\" is not an IP address");
  }
}

TEST(MockServerStart, PortInUseThrowsNamingIt) {
  MockServer first(default_config(), ServerSettings{}, "127.0.0.1:0");
  first.start();
  MockServer second(default_config(), ServerSettings{}, "127.0.0.1:" + std::to_string(first.port()));
  try {
    second.start();
    FAIL() << "bound a port in use";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("bind: Address already in use"));
  }
}

TEST(ParseListenAddress, Vectors) {
  auto ok = [](std::string_view text) {
    auto r = parse_listen_address(text);
    EXPECT_TRUE(std::holds_alternative<ListenAddress>(r)) << text;
    return std::holds_alternative<ListenAddress>(r) ? std::get<ListenAddress>(r) : ListenAddress{};
  };
  auto bad = [](std::string_view text) {
    auto r = parse_listen_address(text);
    EXPECT_TRUE(std::holds_alternative<std::string>(r)) << text;
    return std::holds_alternative<std::string>(r) ? std::get<std::string>(r) : std::string();
  };
  EXPECT_EQ(ok("127.0.0.1:0").host, "127.0.0.1");
  EXPECT_EQ(ok("127.0.0.1:65535").port, 65535);
  EXPECT_EQ(ok("[::1]:8080").host, "::1");
  EXPECT_EQ(ok("[::1]:8080").port, 8080);
  EXPECT_EQ(ok("localhost:1").host, "127.0.0.1");
  EXPECT_EQ(bad("127.0.0.1"), "listen address \"127.0.0.1\": expected ADDR:PORT");
  EXPECT_EQ(bad("127.0.0.1:65536"), "listen address \"127.0.0.1:65536\": the port must be a number from 0 to 65535");
  EXPECT_EQ(bad("127.0.0.1:x"), "listen address \"127.0.0.1:x\": the port must be a number from 0 to 65535");
  EXPECT_EQ(bad("127.0.0.1:"), "listen address \"127.0.0.1:\": the port must be a number from 0 to 65535");
  EXPECT_EQ(bad(":80"), "listen address \":80\": the address is empty");
  EXPECT_EQ(bad("::1:80"), "listen address \"::1:80\": write an IPv6 address as [ADDR]:PORT");
  EXPECT_EQ(bad("[::1"), "listen address \"[::1\": expected [IPV6]:PORT");
}

// ---- the real binary: smapi-mock serve ----

TEST(SmapiMockServe, PrintsTheAddressServesAndExitsZeroOnSigterm) {
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addclose(&actions, out[1]);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::string bin = SMAPI_BIN_DIR "/smapi-mock";
  std::string config = SMAPI_SOURCE_DIR "/fixtures/mock-configs/ls-unimplemented.json";
  std::vector<char*> argv{bin.data(), const_cast<char*>("serve"), const_cast<char*>("--listen"),
                          const_cast<char*>("127.0.0.1:0"), const_cast<char*>("--config"),
                          config.data(), nullptr};
  pid_t pid = -1;
  ASSERT_EQ(::posix_spawn(&pid, bin.c_str(), &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);

  std::string line;
  while (line.find('\n') == std::string::npos) {
    pollfd p{out[0], POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) break;
    char buf[256];
    ssize_t n = ::read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  ASSERT_THAT(line, ::testing::MatchesRegex("127\\.0\\.0\\.1:[0-9]+\n")) << line;
  auto port = static_cast<std::uint16_t>(std::stoi(line.substr(line.find(':') + 1)));

  {
    Client c(port);
    ASSERT_FALSE(c.send(post(kLsV1)));
    auto res = c.receive();
    ASSERT_TRUE(res) << c.error().message();
    EXPECT_EQ(res->body(), R"({"result":null,"error":["Unimplemented","Plugin.ls"],"id":1})");
  }

  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  pid_t waited = 0;
  for (int i = 0; i < 500 && waited == 0; ++i) {
    waited = ::waitpid(pid, &status, WNOHANG);
    if (waited == 0) std::this_thread::sleep_for(10ms);
  }
  if (waited == 0) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
    FAIL() << "smapi-mock serve did not exit within 5 s of SIGTERM";
  }
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// A running `smapi-mock serve ARGS...`: stdout is read line by line, stderr
// goes to a file the test can read. stop() sends SIGTERM and returns the exit
// status (or -1 when it did not exit within the deadline, after a SIGKILL).
class ServeProcess {
 public:
  explicit ServeProcess(std::vector<std::string> args) {
    stderr_path_ = std::filesystem::temp_directory_path() /
                   ("smapi-mock-serve-" + std::to_string(::getpid()) + "-" + std::to_string(++counter_) + ".err");
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    posix_spawn_file_actions_addclose(&actions, out[1]);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::string bin = SMAPI_BIN_DIR "/smapi-mock";
    args.insert(args.begin(), {bin, "serve"});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (::posix_spawn(&pid_, bin.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    out_ = out[0];
  }
  ~ServeProcess() {
    if (pid_ > 0) stop();
    if (out_ >= 0) ::close(out_);
    std::error_code ec;
    std::filesystem::remove(stderr_path_, ec);
  }

  // The next stdout line (without its newline), or "" after the deadline.
  std::string line() {
    for (;;) {
      if (auto nl = buffered_.find('\n'); nl != std::string::npos) {
        std::string l = buffered_.substr(0, nl);
        buffered_.erase(0, nl + 1);
        return l;
      }
      pollfd p{out_, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) return {};
      char buf[256];
      ssize_t n = ::read(out_, buf, sizeof buf);
      if (n <= 0) return {};
      buffered_.append(buf, static_cast<std::size_t>(n));
    }
  }

  std::string stderr_text() const {
    std::ifstream in(stderr_path_);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  // Waits (up to the deadline) until stderr holds text.
  bool wait_for_stderr(const std::string& text) {
    for (int i = 0; i < 500; ++i) {
      if (stderr_text().find(text) != std::string::npos) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

  void signal(int signo) { ::kill(pid_, signo); }

  int stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    pid_t waited = 0;
    for (int i = 0; i < 500 && waited == 0; ++i) {
      waited = ::waitpid(pid_, &status, WNOHANG);
      if (waited == 0) std::this_thread::sleep_for(10ms);
    }
    if (waited == 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      return -1;
    }
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  static inline int counter_ = 0;
  pid_t pid_ = -1;
  int out_ = -1;
  std::string buffered_;
  std::filesystem::path stderr_path_;
};

// A temporary directory named for the running test, removed at the end.
class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("smapi-mock-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Replaces a file at once (write aside, rename), as careful tools do.
void replace_file(const std::string& path, const std::string& text) {
  std::ofstream(path + ".new", std::ios::trunc) << text;
  std::filesystem::rename(path + ".new", path);
}

std::string ls_body_over_unix(const std::string& socket_path) {
  UnixClient c{asio::local::stream_protocol::endpoint(socket_path)};
  if (c.send(post(kLsV1))) return "send failed: " + c.error().message();
  auto res = c.receive();
  return res ? res->body() : "receive failed: " + c.error().message();
}

TEST(SmapiMockServe, ListenUnixAloneServesThereAndPrintsUnixPath) {
  TempDir dir;
  const std::string sock = dir.file("mock.sock");
  ServeProcess serve({"--listen-unix", sock});
  EXPECT_EQ(serve.line(), "unix:" + sock);
  EXPECT_EQ(ls_body_over_unix(sock), kLsV1Reply);
  EXPECT_EQ(serve.stop(), 0);
  EXPECT_FALSE(std::filesystem::exists(sock));
}

TEST(SmapiMockServe, ListenAndListenUnixPrintTcpFirstThenUnix) {
  TempDir dir;
  const std::string sock = dir.file("mock.sock");
  ServeProcess serve({"--listen", "127.0.0.1:0", "--listen-unix", sock});
  const std::string first = serve.line();
  ASSERT_THAT(first, ::testing::MatchesRegex("127\\.0\\.0\\.1:[0-9]+"));
  EXPECT_EQ(serve.line(), "unix:" + sock);
  Client c(static_cast<std::uint16_t>(std::stoi(first.substr(first.find(':') + 1))));
  ASSERT_FALSE(c.send(post(kLsV1)));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body(), kLsV1Reply);
  EXPECT_EQ(ls_body_over_unix(sock), kLsV1Reply);
  EXPECT_EQ(serve.stop(), 0);
}

TEST(SmapiMockServe, ConfigIsReloadedWhenTheFileChangesAndOnSighupABadOneIsKeptOut) {
  TempDir dir;
  const std::string sock = dir.file("mock.sock");
  const std::string config = dir.file("config.json");
  replace_file(config, R"({"methods":{"Plugin.ls":{"result":["first"]}}})");
  ServeProcess serve({"--listen-unix", sock, "--config", config});
  ASSERT_EQ(serve.line(), "unix:" + sock);
  EXPECT_EQ(ls_body_over_unix(sock), R"({"result":["first"],"error":null,"id":1})");

  replace_file(config, R"({"methods":{"Plugin.ls":{"result":["second"]}}})");
  ASSERT_TRUE(serve.wait_for_stderr("config reloaded from " + config + " (the file changed)"))
      << serve.stderr_text();
  EXPECT_EQ(ls_body_over_unix(sock), R"({"result":["second"],"error":null,"id":1})");

  replace_file(config, R"({"methods":{"Plugin.ls":{"reslt":["bad"]}}})");
  ASSERT_TRUE(serve.wait_for_stderr("config reload (the file changed) failed: config: ")) << serve.stderr_text();
  serve.signal(SIGHUP);
  ASSERT_TRUE(serve.wait_for_stderr("config reload (SIGHUP) failed: config: ")) << serve.stderr_text();
  EXPECT_EQ(ls_body_over_unix(sock), R"({"result":["second"],"error":null,"id":1})");

  // A fault serve never carries out is warned of at reload (before: silently ignored).
  replace_file(config, R"({"methods":{"Plugin.ls":[{"no_output":true}]}})");
  EXPECT_TRUE(serve.wait_for_stderr("smapi-mock: warning: config: $.methods.Plugin.ls[0].no_output: for exec "
                                    "plugins (plugin-dir) only; serve ignores it\n"))
      << serve.stderr_text();
  EXPECT_EQ(serve.stop(), 0);
}

// Asks for the admin config over the socket without and with the token.
void expect_admin_needs_token(const std::string& sock, const std::string& token) {
  UnixClient c{asio::local::stream_protocol::endpoint(sock)};
  ASSERT_FALSE(c.send(admin_request(http::verb::get, "/_mock/config")));
  auto res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::unauthorized);
  ASSERT_FALSE(c.send(admin_request(http::verb::get, "/_mock/config", "", "Bearer " + token)));
  res = c.receive();
  ASSERT_TRUE(res);
  EXPECT_EQ(res->result(), http::status::ok);
}

TEST(SmapiMockServe, AdminTokenFlagIsRequiredOnAdminCalls) {
  TempDir dir;
  const std::string sock = dir.file("mock.sock");
  ServeProcess serve({"--listen-unix", sock, "--admin-token", "s3cret"});
  ASSERT_EQ(serve.line(), "unix:" + sock);
  expect_admin_needs_token(sock, "s3cret");
  EXPECT_EQ(serve.stop(), 0);
}

TEST(SmapiMockServe, AdminTokenIsReadFromTheEnvironment) {
  TempDir dir;
  const std::string sock = dir.file("mock.sock");
  ::setenv("SMAPI_MOCK_ADMIN_TOKEN", "from-env", 1);
  ServeProcess serve({"--listen-unix", sock});
  ::unsetenv("SMAPI_MOCK_ADMIN_TOKEN");
  ASSERT_EQ(serve.line(), "unix:" + sock);
  expect_admin_needs_token(sock, "from-env");
  EXPECT_EQ(serve.stop(), 0);
}

TEST(SmapiMockServe, NeitherListenNorListenUnixIsAUsageError) {
  ServeProcess serve({});
  EXPECT_EQ(serve.line(), "");
  EXPECT_EQ(serve.stop(), 2);
  EXPECT_THAT(serve.stderr_text(), HasSubstr("--listen or --listen-unix is required"));
}

}  // namespace
}  // namespace smapi::mock
