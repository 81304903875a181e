// The server under abuse: many idle connections, slow clients, accept errors.
// Correctness only (every request that should be answered is, within the
// client deadline); no timing assertions.

#include "mock_plugin/server.h"

#include "mock_plugin/server_test_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <thread>
#include <vector>

namespace smapi::mock {
namespace {

using namespace smapi::mock::test_client;

// Idle connections the "many idle" test holds open at once.
constexpr int kIdleConnections = 1000;
// Requests made while they are held.
constexpr int kRequestsWhileIdle = 20;

// Opens a TCP connection and leaves it idle (nothing is sent).
std::unique_ptr<tcp::socket> idle_connection(asio::io_context& ioc, std::uint16_t port) {
  auto s = std::make_unique<tcp::socket>(ioc);
  beast::error_code ec;
  s->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port), ec);
  if (ec) return nullptr;
  return s;
}

TEST(ServerRobustness, AThousandIdleConnectionsDoNotStopRequestsBeingAnswered) {
  // This process holds both ends of every connection.
  const OpenFileLimit limit = raise_open_file_limit();
  if (limit.soft < 2 * kIdleConnections + 100) {
    GTEST_SKIP() << "open-file limit " << limit.soft << " is too low for " << kIdleConnections
                 << " connections held at both ends";
  }
  MockServer server(default_config(), ServerSettings{}, "127.0.0.1:0");
  server.start();
  asio::io_context ioc;
  std::vector<std::unique_ptr<tcp::socket>> idle;
  for (int i = 0; i < kIdleConnections; ++i) {
    auto s = idle_connection(ioc, server.port());
    ASSERT_TRUE(s) << "connection " << i << " failed";
    idle.push_back(std::move(s));
  }
  for (int i = 0; i < kRequestsWhileIdle; ++i) {
    Client c(server.port());
    ASSERT_FALSE(c.send(post(kLsV1))) << i;
    auto res = c.receive();
    ASSERT_TRUE(res) << i << ": " << c.error().message();
    EXPECT_EQ(res->body(), kLsV1Reply);
  }
  // The idle connections were accepted and are still served.
  for (int which : {0, kIdleConnections / 2, kIdleConnections - 1}) {
    auto& s = *idle[static_cast<std::size_t>(which)];
    auto req = post(kLsV1);
    beast::error_code ec;
    http::write(s, req, ec);
    ASSERT_FALSE(ec) << which << ": " << ec.message();
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(s, buffer, res, ec);
    ASSERT_FALSE(ec) << which << ": " << ec.message();
    EXPECT_EQ(res.body(), kLsV1Reply);
  }
}

// A blocking TCP connection probed with plain POSIX calls, so waiting for
// the server never closes it from this side (a timed-out Beast stream would).
class RawConnection {
 public:
  explicit RawConnection(std::uint16_t port) : socket_(ioc_) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  // False when the write failed (the server has gone).
  bool write(const std::string& bytes) {
    return ::send(socket_.native_handle(), bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  // Waits up to `wait` and says whether the server closed or reset the
  // connection (reading past any response it sent).
  bool closed_by_server(std::chrono::milliseconds wait) {
    pollfd p{socket_.native_handle(), POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return false;
    char buf[4096];
    for (;;) {
      ssize_t n = ::recv(socket_.native_handle(), buf, sizeof buf, MSG_DONTWAIT);
      if (n == 0) return true;
      if (n < 0) return errno != EAGAIN && errno != EWOULDBLOCK;
    }
  }

 private:
  asio::io_context ioc_;
  tcp::socket socket_;
};

// Writes `chunk`, then waits up to 50 ms for the server to cut the
// connection, and again, up to max_chunks times. True when the server cut it.
bool trickle_until_cut(RawConnection& c, const std::string& chunk, int max_chunks) {
  for (int i = 0; i < max_chunks; ++i) {
    if (!c.write(chunk)) return true;
    if (c.closed_by_server(50ms)) return true;
  }
  return false;
}

TEST(ServerRobustness, SlowlorisHeaderIsCutOffByTheReadTimeout) {
  ServerSettings s;
  s.read_timeout = 300ms;
  s.idle_timeout = 300ms;
  MockServer server(default_config(), s, "127.0.0.1:0");
  server.start();
  RawConnection c(server.port());
  ASSERT_TRUE(c.write("POST / HTTP/1.1\r\nHost: localhost\r\n"));
  // 100 chunks, 50 ms apart at the least: well past the 300 ms read timeout.
  EXPECT_TRUE(trickle_until_cut(c, "X-Slow: a\r\n", 100));
  // Others are still served.
  Client other(server.port());
  ASSERT_FALSE(other.send(post(kLsV1)));
  EXPECT_TRUE(other.receive());
}

TEST(ServerRobustness, SlowBodyIsCutOffByTheReadTimeout) {
  ServerSettings s;
  s.read_timeout = 300ms;
  s.idle_timeout = 300ms;
  MockServer server(default_config(), s, "127.0.0.1:0");
  server.start();
  RawConnection c(server.port());
  ASSERT_TRUE(c.write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      "Content-Length: 1000\r\n\r\n"));
  EXPECT_TRUE(trickle_until_cut(c, " ", 100));
}

TEST(ServerRobustness, SlowHeaderOnAKeptAliveConnectionIsCutOffByTheIdleTimeout) {
  ServerSettings s;
  s.idle_timeout = 300ms;
  MockServer server(default_config(), s, "127.0.0.1:0");
  server.start();
  RawConnection c(server.port());
  ASSERT_TRUE(c.write("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                      "Content-Length: " + std::to_string(kLsV1.size()) + "\r\n\r\n" + kLsV1));
  ASSERT_FALSE(c.closed_by_server(300ms));  // answered, kept alive
  ASSERT_TRUE(c.write("POST / HTTP/1.1\r\n"));
  EXPECT_TRUE(trickle_until_cut(c, "X-Slow: a\r\n", 100));
}

// The lowest file descriptor number not in use.
int lowest_free_fd() {
  int fd = ::dup(0);
  ::close(fd);
  return fd;
}

TEST(ServerRobustness, AcceptErrorsBackOffAndServingResumes) {
  asio::io_context ioc(1);
  ServerSettings s;
  s.accept_backoff = 20ms;
  MockServer server(ioc, default_config(), s, "127.0.0.1:0");
  std::vector<std::string> log;
  server.set_log([&](std::string_view line) { log.emplace_back(line); });
  server.start();
  // Connect while the server's io_context is not running: the connection
  // waits in the listen backlog.
  Client c(server.port());
  ASSERT_FALSE(c.error());

  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit tight = saved;
  tight.rlim_cur = static_cast<rlim_t>(lowest_free_fd());  // no new descriptor fits
  log.reserve(64);  // no allocation trouble while the limit is tight
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &tight), 0);
  ioc.run_for(200ms);  // accept fails with EMFILE, backs off, retries, ...
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &saved), 0);

  bool accept_failed = false;
  for (const auto& line : log) accept_failed |= line.find("accept failed: ") != std::string::npos;
  EXPECT_TRUE(accept_failed) << "the test did not provoke an accept error";

  std::thread runner([&] { ioc.run(); });
  ASSERT_FALSE(c.send(post(kLsV1)));
  auto res = c.receive();
  EXPECT_TRUE(res) << c.error().message();
  if (res) {
    EXPECT_EQ(res->body(), kLsV1Reply);
  }
  server.stop();
  runner.join();
}


// Reads a response (status line, headers, body by Content-Length) from a raw
// connection, waiting up to `wait` for each piece.
std::string read_response(int fd, std::chrono::milliseconds wait) {
  std::string got;
  char buf[4096];
  for (;;) {
    auto head_end = got.find("\r\n\r\n");
    if (head_end != std::string::npos) {
      auto cl = got.find("Content-Length: ");
      if (cl != std::string::npos && cl < head_end) {
        std::size_t length = std::stoul(got.substr(cl + 16));
        if (got.size() >= head_end + 4 + length) return got;
      }
    }
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) <= 0) return got;
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return got;
    got.append(buf, static_cast<std::size_t>(n));
  }
}

// Sends `bytes` one at a time, so that the server reads them one at a time.
void send_byte_by_byte(int fd, const std::string& bytes) {
  for (char byte : bytes) {
    ASSERT_EQ(::send(fd, &byte, 1, MSG_NOSIGNAL), 1);
    std::this_thread::sleep_for(1ms);
  }
}

// A chunked body whose first chunk is the last ("0\r\n\r\n") reaches Beast's
// chunk-header parser with 4 bytes when it arrives in small pieces, which
// Boost 1.81 asserts against (beast PR #2861). The server must answer it in
// Debug and ASan builds too: here, an empty body gets the parse-error reply.
TEST(ServerRobustness, EmptyChunkedBodySentAByteAtATimeIsAnswered) {
  MockServer server(default_config(), ServerSettings{}, "127.0.0.1:0");
  server.start();
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server.port());
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  send_byte_by_byte(fd, "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
  const std::string response = read_response(fd, 5s);
  ::close(fd);
  EXPECT_THAT(response, ::testing::StartsWith("HTTP/1.1 200"));
  EXPECT_THAT(response, ::testing::HasSubstr("-32700"));
}

}  // namespace
}  // namespace smapi::mock
