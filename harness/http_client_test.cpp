#include "harness/http_client.h"

#include <dlfcn.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

// The host name whose lookup the getaddrinfo stand-in below makes hang.
constexpr std::string_view kSlowHost = "slow-lookup.test";
// How long that lookup blocks before failing.
constexpr std::chrono::milliseconds kSlowLookup{1500};
// Slow lookups that have returned so far.
std::atomic<int> slow_lookups_finished{0};

// Stands in for libc's getaddrinfo in this test binary (an executable's own
// definition wins over the shared library's), to prove the client's deadline
// holds while a name lookup hangs. Every other name goes to the real one.
extern "C" int getaddrinfo(const char* node, const char* service, const addrinfo* hints,
                           addrinfo** result) noexcept {
  if (node != nullptr && std::string_view(node) == kSlowHost) {
    std::this_thread::sleep_for(kSlowLookup);
    ++slow_lookups_finished;
    return EAI_NONAME;
  }
  using Real = int (*)(const char*, const char*, const addrinfo*, addrinfo**);
  static const auto real = reinterpret_cast<Real>(::dlsym(RTLD_NEXT, "getaddrinfo"));
  return real(node, service, hints, result);
}

namespace smapi::harness {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using namespace std::chrono_literals;
using End = HttpExchange::End;

// How long a test server blocks on one socket read before giving up, so a
// client bug fails the test instead of hanging it.
constexpr int kServerReadTimeoutSeconds = 5;

// A request as the test server saw it.
struct SeenRequest {
  std::string method;
  std::string target;
  unsigned version = 0;
  std::string host;
  std::string user_agent;
  std::string content_type;
  std::string connection;
  std::string body;
};

// Reads one HTTP request from the socket (TCP or Unix; blocking).
template <class Socket>
SeenRequest read_request(Socket& socket) {
  beast::flat_buffer buffer;
  http::request<http::string_body> request;
  beast::error_code ec;
  http::read(socket, buffer, request, ec);
  SeenRequest seen;
  if (ec) return seen;
  seen.method = std::string(request.method_string());
  seen.target = std::string(request.target());
  seen.version = request.version();
  seen.host = std::string(request[http::field::host]);
  seen.user_agent = std::string(request[http::field::user_agent]);
  seen.content_type = std::string(request[http::field::content_type]);
  seen.connection = std::string(request[http::field::connection]);
  seen.body = request.body();
  return seen;
}

// Writes raw bytes, ignoring errors (the client may already have gone).
template <class Socket>
void send(Socket& socket, std::string_view bytes) {
  beast::error_code ec;
  asio::write(socket, asio::buffer(bytes.data(), bytes.size()), ec);
}

// Blocks until the client closes the connection (or the read timeout passes).
template <class Socket>
void wait_for_close(Socket& socket) {
  char scratch[4096];
  beast::error_code ec;
  while (!ec) socket.read_some(asio::buffer(scratch), ec);
}

// Accepts one connection on `where` and runs a behaviour on it in a
// background thread.
template <class Protocol>
class OneShotAcceptor {
 public:
  using Socket = typename Protocol::socket;
  using Behaviour = std::function<void(Socket&)>;

  OneShotAcceptor(Behaviour behaviour, const typename Protocol::endpoint& where) : acceptor_(ioc_) {
    acceptor_.open(where.protocol());
    acceptor_.bind(where);
    acceptor_.listen();
    thread_ = std::thread([this, behaviour = std::move(behaviour)] {
      Socket socket(ioc_);
      beast::error_code ec;
      acceptor_.accept(socket, ec);
      accepted_ = true;
      if (ec || stopping_) return;
      timeval tv{kServerReadTimeoutSeconds, 0};
      ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      behaviour(socket);
      socket.close(ec);
    });
  }

  ~OneShotAcceptor() {
    stopping_ = true;
    if (!accepted_) {
      // Wake the blocked accept with a throwaway connection.
      asio::io_context io;
      Socket poke(io);
      beast::error_code ec;
      poke.connect(acceptor_.local_endpoint(), ec);
    }
    thread_.join();
  }

 protected:
  typename Protocol::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

 private:
  asio::io_context ioc_;
  typename Protocol::acceptor acceptor_;
  std::atomic<bool> accepted_{false};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// One connection on an ephemeral loopback port.
class OneShotServer : public OneShotAcceptor<tcp> {
 public:
  explicit OneShotServer(Behaviour behaviour, const std::string& address = "127.0.0.1")
      : OneShotAcceptor(std::move(behaviour), tcp::endpoint(asio::ip::make_address(address), 0)) {}

  HttpEndpoint endpoint(std::string target = "/") const {
    const auto where = local_endpoint();
    return HttpEndpoint{where.address().to_string(), std::to_string(where.port()), std::move(target)};
  }
};

HttpLimits limits_with(std::chrono::milliseconds timeout, std::size_t max_body = 1024 * 1024) {
  HttpLimits limits;
  limits.timeout = timeout;
  limits.max_body_bytes = max_body;
  return limits;
}

// ---------------------------------------------------------------- answered

TEST(HttpPost, Answers200WithBodyStatusAndContentType) {
  SeenRequest seen;
  std::mutex seen_mutex;
  OneShotServer server([&](tcp::socket& socket) {
    auto request = read_request(socket);
    {
      std::lock_guard lock(seen_mutex);
      seen = std::move(request);
    }
    send(socket,
         "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n"
         "{\"result\":\"ok\"}");
  });
  const auto exchange = http_post(server.endpoint("/rpc?x=1"), "application/json",
                                  R"({"method":"Plugin.ls"})", limits_with(5s));
  EXPECT_EQ(exchange.end, End::answered) << exchange.error;
  EXPECT_EQ(exchange.status, 200);
  EXPECT_EQ(exchange.content_type, "application/json");
  EXPECT_EQ(exchange.body, R"({"result":"ok"})");
  EXPECT_EQ(exchange.error, "");
  EXPECT_LT(exchange.elapsed, 5s);

  std::lock_guard lock(seen_mutex);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/rpc?x=1");
  EXPECT_EQ(seen.version, 11u);
  EXPECT_EQ(seen.host, "127.0.0.1:" + server.endpoint().port);
  EXPECT_EQ(seen.user_agent, "smapi-conform/0.1.0");
  EXPECT_EQ(seen.content_type, "application/json");
  EXPECT_EQ(seen.connection, "close");
  EXPECT_EQ(seen.body, R"({"method":"Plugin.ls"})");
}

TEST(HttpPost, Non200StatusIsStillAnswered) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    send(socket,
         "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n"
         "Content-Length: 4\r\n\r\nboom");
  });
  const auto exchange = http_post(server.endpoint(), "text/xml", "<x/>", limits_with(5s));
  EXPECT_EQ(exchange.end, End::answered) << exchange.error;
  EXPECT_EQ(exchange.status, 500);
  EXPECT_EQ(exchange.content_type, "text/plain");
  EXPECT_EQ(exchange.body, "boom");
}

TEST(HttpPost, BodyEndingAtConnectionCloseIsAnswered) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    send(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end");
  });
  const auto exchange = http_post(server.endpoint(), "application/json", "{}", limits_with(5s));
  EXPECT_EQ(exchange.end, End::answered) << exchange.error;
  EXPECT_EQ(exchange.status, 200);
  EXPECT_EQ(exchange.content_type, "");
  EXPECT_EQ(exchange.body, "until the end");
}

TEST(HttpPost, ChunkedBodyIsAnswered) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    send(socket,
         "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
         "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  });
  const auto exchange = http_post(server.endpoint(), "application/json", "{}", limits_with(5s));
  EXPECT_EQ(exchange.end, End::answered) << exchange.error;
  EXPECT_EQ(exchange.body, "hello world");
}

TEST(HttpPost, Ipv6LoopbackWorksAndHostHeaderIsBracketed) {
  std::unique_ptr<OneShotServer> server;
  std::string host_header;
  std::mutex mutex;
  try {
    server = std::make_unique<OneShotServer>(
        [&](tcp::socket& socket) {
          auto seen = read_request(socket);
          {
            std::lock_guard lock(mutex);
            host_header = seen.host;
          }
          send(socket, "HTTP/1.1 204 No Content\r\n\r\n");
        },
        "::1");
  } catch (const std::exception& e) {
    GTEST_SKIP() << "no IPv6 loopback here: " << e.what();
  }
  const auto endpoint = server->endpoint();
  ASSERT_EQ(endpoint.host, "::1");
  const auto exchange = http_post(endpoint, "application/json", "{}", limits_with(5s));
  EXPECT_EQ(exchange.end, End::answered) << exchange.error;
  EXPECT_EQ(exchange.status, 204);
  std::lock_guard lock(mutex);
  EXPECT_EQ(host_header, "[::1]:" + endpoint.port);
}

// ---------------------------------------------------------------- timeouts

TEST(HttpPost, ServerThatNeverAnswersTimesOut) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    wait_for_close(socket);
  });
  const auto exchange = http_post(server.endpoint(), "application/json", "{}", limits_with(300ms));
  EXPECT_EQ(exchange.end, End::timed_out);
  EXPECT_THAT(exchange.error, HasSubstr("no answer within 300 ms"));
  EXPECT_THAT(exchange.error, HasSubstr("waiting for the response"));
  EXPECT_GE(exchange.elapsed, 290ms);
  EXPECT_LT(exchange.elapsed, 1300ms);
}

TEST(HttpPost, AStopRequestEndsTheExchangeAtOnce) {
  std::atomic<bool> received{false};
  OneShotServer server([&](tcp::socket& socket) {
    read_request(socket);
    received = true;
    wait_for_close(socket);
  });
  Cancellation cancel;
  std::thread stopper([&] {
    while (!received) std::this_thread::yield();  // the request waits for an answer
    cancel.request(SIGINT);
  });
  const auto exchange = http_post(server.endpoint(), "application/json", "{}", limits_with(30s), &cancel);
  stopper.join();
  EXPECT_EQ(exchange.end, End::interrupted);
  EXPECT_EQ(exchange.error, "stopped: the run was interrupted");
  EXPECT_LT(exchange.elapsed, 5s);
  // Requested before it starts, nothing is sent.
  const auto again = http_post(server.endpoint(), "application/json", "{}", limits_with(30s), &cancel);
  EXPECT_EQ(again.end, End::interrupted);
  EXPECT_LT(again.elapsed, 1s);
}

TEST(HttpPost, ServerThatSendsHeadersThenStallsTimesOut) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten..");
    wait_for_close(socket);
  });
  const auto exchange = http_post(server.endpoint(), "application/json", "{}", limits_with(300ms));
  EXPECT_EQ(exchange.end, End::timed_out);
  EXPECT_THAT(exchange.error, HasSubstr("no answer within 300 ms"));
  EXPECT_GE(exchange.elapsed, 290ms);
  EXPECT_LT(exchange.elapsed, 1300ms);
}

TEST(HttpPost, HangingNameLookupStillEndsAtTheDeadline) {
  const int finished_before = slow_lookups_finished;
  const auto exchange = http_post(HttpEndpoint{std::string(kSlowHost), "80", "/"},
                                  "application/json", "{}", limits_with(200ms));
  EXPECT_EQ(exchange.end, End::timed_out);
  EXPECT_THAT(exchange.error, HasSubstr("no answer within 200 ms"));
  EXPECT_THAT(exchange.error, HasSubstr("while resolving the host"));
  EXPECT_GE(exchange.elapsed, 190ms);
  EXPECT_LT(exchange.elapsed, kSlowLookup - 500ms);
  EXPECT_EQ(slow_lookups_finished, finished_before);  // returned before the lookup did
  // The abandoned lookup ends on its own; wait for it so the binary exits cleanly.
  for (int i = 0; i < 100 && slow_lookups_finished == finished_before; ++i) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(slow_lookups_finished, finished_before + 1);
  std::this_thread::sleep_for(50ms);
}

// ---------------------------------------------------------------- limits

constexpr std::size_t kCap = 64 * 1024;
const std::string kMegabyte(1024 * 1024, 'x');

TEST(HttpPost, DeclaredBodyOverTheCapEndsWithBodyLimit) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    send(socket, "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(kMegabyte.size()) +
                     "\r\n\r\n" + kMegabyte);
  });
  const auto exchange =
      http_post(server.endpoint(), "application/json", "{}", limits_with(5s, kCap));
  EXPECT_EQ(exchange.end, End::body_limit);
  EXPECT_THAT(exchange.error, HasSubstr("exceeds the limit of 65536 bytes"));
  EXPECT_LE(exchange.body.size(), kCap);
}

TEST(HttpPost, StreamedBodyOverTheCapEndsWithBodyLimitAndStaysBounded) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    send(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + kMegabyte);
  });
  const auto exchange =
      http_post(server.endpoint(), "application/json", "{}", limits_with(5s, kCap));
  EXPECT_EQ(exchange.end, End::body_limit);
  EXPECT_LE(exchange.body.size(), kCap);
  EXPECT_LE(exchange.body.capacity(), 2 * kCap);
}

TEST(HttpPost, ChunkedBodyOverTheCapEndsWithBodyLimit) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    std::string chunks = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string piece(4096, 'y');
    for (int i = 0; i < 64; ++i) chunks += "1000\r\n" + piece + "\r\n";
    chunks += "0\r\n\r\n";
    send(socket, chunks);
  });
  const auto exchange =
      http_post(server.endpoint(), "application/json", "{}", limits_with(5s, kCap));
  EXPECT_EQ(exchange.end, End::body_limit);
  EXPECT_LE(exchange.body.size(), kCap);
}

TEST(HttpPost, BodyExactlyAtTheCapIsAnswered) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 65536\r\n\r\n" + std::string(kCap, 'z'));
  });
  const auto exchange =
      http_post(server.endpoint(), "application/json", "{}", limits_with(5s, kCap));
  EXPECT_EQ(exchange.end, End::answered) << exchange.error;
  EXPECT_EQ(exchange.body.size(), kCap);
}

TEST(HttpPost, OversizedHeaderIsAnIoError) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    send(socket, "HTTP/1.1 200 OK\r\nX-Filler: " + std::string(20 * 1024, 'h') +
                     "\r\nContent-Length: 0\r\n\r\n");
  });
  const auto exchange = http_post(server.endpoint(), "application/json", "{}", limits_with(5s));
  EXPECT_EQ(exchange.end, End::io_error);
  EXPECT_THAT(exchange.error, HasSubstr("header"));
  EXPECT_THAT(exchange.error, HasSubstr("16384"));
}

// ---------------------------------------------------------------- broken peers

TEST(HttpPost, RefusedConnectionIsConnectFailedNamingHostAndPort) {
  std::string port;
  {
    asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = std::to_string(acceptor.local_endpoint().port());
  }  // closed: nothing listens there now
  const auto exchange =
      http_post(HttpEndpoint{"127.0.0.1", port, "/"}, "application/json", "{}", limits_with(5s));
  EXPECT_EQ(exchange.end, End::connect_failed);
  EXPECT_THAT(exchange.error, HasSubstr("cannot connect to 127.0.0.1:" + port));
  EXPECT_LT(exchange.elapsed, 5s);
}

TEST(HttpPost, ServerClosingHalfWayThroughTheBodyIsAnIoError) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nten bytes.");
  });
  const auto exchange = http_post(server.endpoint(), "application/json", "{}", limits_with(5s));
  EXPECT_EQ(exchange.end, End::io_error);
  EXPECT_THAT(exchange.error, HasSubstr("closed the connection in the middle of the response"));
  EXPECT_EQ(exchange.body, "ten bytes.");
}

TEST(HttpPost, ServerClosingWithoutAnsweringIsAnIoError) {
  OneShotServer server([](tcp::socket& socket) { read_request(socket); });
  const auto exchange = http_post(server.endpoint(), "application/json", "{}", limits_with(5s));
  EXPECT_EQ(exchange.end, End::io_error);
  EXPECT_THAT(exchange.error, HasSubstr("closed the connection without answering"));
}

TEST(HttpPost, GarbageInsteadOfHttpIsAnIoError) {
  OneShotServer server([](tcp::socket& socket) {
    read_request(socket);
    send(socket, "{\"result\":[]}\n");
  });
  const auto exchange = http_post(server.endpoint(), "application/json", "{}", limits_with(5s));
  EXPECT_EQ(exchange.end, End::io_error);
  EXPECT_THAT(exchange.error, HasSubstr("reading the response from 127.0.0.1:"));
}

// ---------------------------------------------------------------- bad input

TEST(HttpPost, RejectsHeaderInjectionInTheTargetWithoutConnecting) {
  const auto exchange = http_post(HttpEndpoint{"127.0.0.1", "1", "/\r\nX-Evil: 1"},
                                  "application/json", "{}", limits_with(5s));
  EXPECT_EQ(exchange.end, End::connect_failed);
  EXPECT_THAT(exchange.error, StartsWith("request not sent: the request target"));
}

TEST(HttpPost, RejectsABadPortAnEmptyHostAndAControlCharInTheContentType) {
  auto exchange = http_post(HttpEndpoint{"127.0.0.1", "99999", "/"}, "a/b", "", limits_with(5s));
  EXPECT_EQ(exchange.end, End::connect_failed);
  EXPECT_THAT(exchange.error, HasSubstr("the port '99999'"));

  exchange = http_post(HttpEndpoint{"", "80", "/"}, "a/b", "", limits_with(5s));
  EXPECT_EQ(exchange.end, End::connect_failed);
  EXPECT_THAT(exchange.error, HasSubstr("no host"));

  exchange = http_post(HttpEndpoint{"127.0.0.1", "80", "/"}, "a/b\r\nX: y", "", limits_with(5s));
  EXPECT_EQ(exchange.end, End::connect_failed);
  EXPECT_THAT(exchange.error, HasSubstr("content type"));
}

TEST(HttpPost, RejectsANonPositiveTimeout) {
  const auto exchange =
      http_post(HttpEndpoint{"127.0.0.1", "80", "/"}, "a/b", "", limits_with(0ms));
  EXPECT_EQ(exchange.end, End::connect_failed);
  EXPECT_THAT(exchange.error, HasSubstr("the timeout must be positive"));
}

// ---------------------------------------------------------------- parse_http_url

struct GoodUrl {
  const char* url;
  const char* host;
  const char* port;
  const char* target;
};

void PrintTo(const GoodUrl& v, std::ostream* out) { *out << '"' << v.url << '"'; }

class ParseHttpUrlGood : public ::testing::TestWithParam<GoodUrl> {};

TEST_P(ParseHttpUrlGood, SplitsHostPortAndTarget) {
  const GoodUrl& v = GetParam();
  HttpEndpoint endpoint;
  std::string error = "stale";
  ASSERT_TRUE(parse_http_url(v.url, endpoint, error)) << error;
  EXPECT_EQ(error, "");
  EXPECT_EQ(endpoint.host, v.host);
  EXPECT_EQ(endpoint.port, v.port);
  EXPECT_EQ(endpoint.target, v.target);
}

INSTANTIATE_TEST_SUITE_P(
    Vectors, ParseHttpUrlGood,
    ::testing::Values(GoodUrl{"http://127.0.0.1:8080/", "127.0.0.1", "8080", "/"},
                      GoodUrl{"http://localhost", "localhost", "80", "/"},
                      GoodUrl{"http://example.com/rpc?x=1&y=2", "example.com", "80",
                              "/rpc?x=1&y=2"},
                      GoodUrl{"HTTP://Plugin-Host.example:81/a/b", "Plugin-Host.example", "81",
                              "/a/b"},
                      GoodUrl{"http://[::1]:9000/x", "::1", "9000", "/x"},
                      GoodUrl{"http://[::1]", "::1", "80", "/"},
                      GoodUrl{"http://h:/p", "h", "80", "/p"},
                      GoodUrl{"http://h?q=1", "h", "80", "/?q=1"},
                      GoodUrl{"http://h:0080/", "h", "80", "/"},
                      GoodUrl{"http://h/a%20b", "h", "80", "/a%20b"}));

struct BadUrl {
  const char* url;
  const char* message;  // a part of the error that names what was wrong
};

void PrintTo(const BadUrl& v, std::ostream* out) { *out << '"' << v.url << '"'; }

class ParseHttpUrlBad : public ::testing::TestWithParam<BadUrl> {};

TEST_P(ParseHttpUrlBad, RefusesWithAClearMessage) {
  const BadUrl& v = GetParam();
  HttpEndpoint endpoint{"untouched", "1", "/untouched"};
  std::string error;
  EXPECT_FALSE(parse_http_url(v.url, endpoint, error));
  EXPECT_THAT(error, StartsWith("invalid URL '"));
  EXPECT_THAT(error, HasSubstr(v.message));
  EXPECT_EQ(endpoint.host, "untouched");
  EXPECT_EQ(endpoint.target, "/untouched");
}

INSTANTIATE_TEST_SUITE_P(
    Vectors, ParseHttpUrlBad,
    ::testing::Values(BadUrl{"", "not a URI"},
                      BadUrl{"http://h /", "not a URI"},
                      BadUrl{"https://h/", "https is not supported"},
                      BadUrl{"ftp://h/", "scheme 'ftp' is not supported"},
                      BadUrl{"localhost:8080", "scheme 'localhost' is not supported"},
                      BadUrl{"http://user:pw@h/", "user information"},
                      BadUrl{"http://@h/", "user information"},
                      BadUrl{"http://h/#frag", "fragment"},
                      BadUrl{"http:///path", "no host"},
                      BadUrl{"http:/path", "no host"},
                      BadUrl{"http://h:0/", "port '0'"},
                      BadUrl{"http://h:70000/", "port '70000'"},
                      BadUrl{"http://exa%20mple/", "not a host name or IP address"},
                      BadUrl{"http://[v1.x]/", "not a host name or IP address"}));

TEST(ParseHttpUrl, RefusesAnOverlongUrl) {
  HttpEndpoint endpoint;
  std::string error;
  EXPECT_FALSE(parse_http_url("http://h/" + std::string(9000, 'a'), endpoint, error));
  EXPECT_THAT(error, HasSubstr("longer than 8192 bytes"));
  EXPECT_LT(error.size(), 300u);  // the URL is quoted shortened
}

TEST(ParseHttpUrl, QuotesControlCharactersHarmlessly) {
  HttpEndpoint endpoint;
  std::string error;
  EXPECT_FALSE(parse_http_url("http://h/\r\nX", endpoint, error));
  EXPECT_EQ(error.find('\r'), std::string::npos);
  EXPECT_EQ(error.find('\n'), std::string::npos);
  EXPECT_THAT(error, HasSubstr("invalid URL 'http://h/??X'"));
}

// ---------------------------------------------------------------- Unix sockets

using unix_stream = asio::local::stream_protocol;

// A fresh temporary directory, removed with what it holds.
class TempDir {
 public:
  TempDir() {
    std::string dir_template = (std::filesystem::temp_directory_path() / "smapi-http-XXXXXX").string();
    dir_ = ::mkdtemp(dir_template.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

// One connection on a Unix socket in a fresh temporary directory (a base
// class, so that the directory outlives the accepting thread).
class UnixOneShotServer : private TempDir, public OneShotAcceptor<unix_stream> {
 public:
  explicit UnixOneShotServer(Behaviour behaviour)
      : OneShotAcceptor(std::move(behaviour), unix_stream::endpoint((dir() / "plugin.sock").string())) {}

  std::string path() const { return local_endpoint().path(); }
  HttpEndpoint endpoint(std::string target = "/") const {
    HttpEndpoint endpoint;
    endpoint.target = std::move(target);
    endpoint.unix_socket = path();
    return endpoint;
  }
};

TEST(HttpPostUnix, AnswersOverTheSocketWithHostLocalhost) {
  SeenRequest seen;
  std::mutex seen_mutex;
  UnixOneShotServer server([&](unix_stream::socket& socket) {
    auto request = read_request(socket);
    {
      std::lock_guard lock(seen_mutex);
      seen = std::move(request);
    }
    send(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 4\r\n\r\n<x/>");
  });
  const auto exchange = http_post(server.endpoint("/rpc"), "text/xml", "<methodCall/>", limits_with(5s));
  ASSERT_EQ(exchange.end, End::answered) << exchange.error;
  EXPECT_EQ(exchange.status, 200);
  EXPECT_EQ(exchange.content_type, "text/xml");
  EXPECT_EQ(exchange.body, "<x/>");
  std::lock_guard lock(seen_mutex);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/rpc");
  EXPECT_EQ(seen.host, "localhost");
  EXPECT_EQ(seen.content_type, "text/xml");
  EXPECT_EQ(seen.body, "<methodCall/>");
}

TEST(HttpPostUnix, ServerThatNeverAnswersTimesOut) {
  UnixOneShotServer server([](unix_stream::socket& socket) {
    read_request(socket);
    wait_for_close(socket);
  });
  const auto exchange = http_post(server.endpoint(), "text/xml", "<x/>", limits_with(300ms));
  EXPECT_EQ(exchange.end, End::timed_out);
  EXPECT_THAT(exchange.error, HasSubstr("no answer within 300 ms from unix:" + server.path()));
}

TEST(HttpPostUnix, BodyOverTheCapEndsWithBodyLimit) {
  UnixOneShotServer server([](unix_stream::socket& socket) {
    read_request(socket);
    send(socket, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + std::string(4096, 'x'));
  });
  const auto exchange = http_post(server.endpoint(), "text/xml", "<x/>", limits_with(5s, 1024));
  EXPECT_EQ(exchange.end, End::body_limit);
  EXPECT_LE(exchange.body.size(), 1024u);
}

TEST(HttpPostUnix, MissingSocketIsConnectFailedNamingThePath) {
  HttpEndpoint endpoint;
  endpoint.target = "/";
  endpoint.unix_socket = "/nonexistent-dir/plugin.sock";
  const auto exchange = http_post(endpoint, "text/xml", "<x/>", limits_with(5s));
  EXPECT_EQ(exchange.end, End::connect_failed);
  EXPECT_THAT(exchange.error, HasSubstr("cannot connect to unix:/nonexistent-dir/plugin.sock"));
}

TEST(HttpPostUnix, OverlongSocketPathIsRefusedWithoutConnecting) {
  HttpEndpoint endpoint;
  endpoint.target = "/";
  endpoint.unix_socket = "/" + std::string(200, 's');
  const auto exchange = http_post(endpoint, "text/xml", "<x/>", limits_with(5s));
  EXPECT_EQ(exchange.end, End::connect_failed);
  EXPECT_THAT(exchange.error, HasSubstr("request not sent: the socket path is 201 bytes, over the limit of 107"));
}

TEST(ParseUnixTarget, SocketPathAndOptionalRequestPath) {
  HttpEndpoint endpoint;
  std::string error;
  ASSERT_TRUE(parse_unix_target("unix:/run/plugin.sock", endpoint, error)) << error;
  EXPECT_EQ(endpoint.unix_socket, "/run/plugin.sock");
  EXPECT_EQ(endpoint.target, "/");
  ASSERT_TRUE(parse_unix_target("unix:/run/plugin.sock:/rpc/v1", endpoint, error)) << error;
  EXPECT_EQ(endpoint.unix_socket, "/run/plugin.sock");
  EXPECT_EQ(endpoint.target, "/rpc/v1");
  ASSERT_TRUE(parse_unix_target("unix:/run/a:/b.sock:/", endpoint, error)) << error;
  EXPECT_EQ(endpoint.unix_socket, "/run/a:/b.sock");
  EXPECT_EQ(endpoint.target, "/");
  ASSERT_TRUE(parse_unix_target("unix:relative.sock", endpoint, error)) << error;
  EXPECT_EQ(endpoint.unix_socket, "relative.sock");
}

TEST(ParseUnixTarget, RefusesWithAClearMessage) {
  HttpEndpoint endpoint;
  std::string error;
  EXPECT_FALSE(parse_unix_target("unix:", endpoint, error));
  EXPECT_THAT(error, HasSubstr("no socket path"));
  EXPECT_FALSE(parse_unix_target("unix:/" + std::string(150, 'a'), endpoint, error));
  EXPECT_THAT(error, HasSubstr("longer than 107 bytes"));
  EXPECT_FALSE(parse_unix_target("unix:/s.sock:/a b", endpoint, error));
  EXPECT_THAT(error, HasSubstr("holds spaces or control characters"));
  EXPECT_FALSE(parse_unix_target("http://h/", endpoint, error));
  EXPECT_THAT(error, HasSubstr("does not start with unix:"));
}

TEST(ParseEndpoint, ChoosesByScheme) {
  HttpEndpoint endpoint;
  std::string error;
  ASSERT_TRUE(parse_endpoint("unix:/s.sock", endpoint, error)) << error;
  EXPECT_EQ(endpoint.unix_socket, "/s.sock");
  ASSERT_TRUE(parse_endpoint("http://h:81/x", endpoint, error)) << error;
  EXPECT_EQ(endpoint.unix_socket, "");
  EXPECT_EQ(endpoint.host, "h");
  EXPECT_EQ(endpoint.port, "81");
  EXPECT_FALSE(parse_endpoint("ftp://h/", endpoint, error));
  EXPECT_THAT(error, HasSubstr("scheme 'ftp' is not supported"));
}

}  // namespace
}  // namespace smapi::harness
