#include "harness/http_client.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <system_error>
#include <thread>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#ifndef SMAPI_VERSION
#define SMAPI_VERSION "0.1.0"
#endif

namespace smapi::harness {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using unix_stream = asio::local::stream_protocol;
using Clock = std::chrono::steady_clock;
using End = HttpExchange::End;

// The User-Agent header of every request; the version is the project's
// (CMake passes SMAPI_VERSION), "0.1.0" when built without it.
constexpr const char* kUserAgent = "smapi-conform/" SMAPI_VERSION;

// Largest response status line + header block accepted. A longer one ends
// the call with End::io_error (Beast's silent default would be 8 KiB).
constexpr std::uint32_t kResponseHeaderLimitBytes = 16 * 1024;

// Most unparsed bytes the read buffer may hold at once. The parser moves body
// bytes out as they arrive, so this bounds memory apart from the body itself.
constexpr std::size_t kReadBufferLimitBytes = 64 * 1024;

// Longest timeout honoured; a larger HttpLimits::timeout is clamped to it so
// the deadline arithmetic cannot overflow.
constexpr std::chrono::milliseconds kMaxTimeout = std::chrono::hours(24);

// Longest URL parse_http_url accepts.
constexpr std::size_t kMaxUrlBytes = 8 * 1024;

// Most characters of a rejected URL quoted back in an error message.
constexpr std::size_t kMaxQuotedUrlChars = 200;

// Replaces bytes that would garble a one-line message and shortens long text.
std::string printable(std::string_view text, std::size_t max_chars) {
  std::string out;
  for (char c : text.substr(0, max_chars)) {
    const auto u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u >= 0x7f ? '?' : c);
  }
  if (text.size() > max_chars) out += "...";
  return out;
}

// True when every byte is visible ASCII (no space, no control, no DEL).
bool is_visible_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
  });
}

// True when a header value holds no CR, LF or other control byte.
bool is_header_value(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
  });
}

// "host:port", with an IPv6 literal in brackets; "unix:PATH" for a socket.
std::string authority_text(const HttpEndpoint& endpoint) {
  if (!endpoint.unix_socket.empty()) return "unix:" + endpoint.unix_socket;
  if (endpoint.host.find(':') != std::string::npos) {
    return "[" + endpoint.host + "]:" + endpoint.port;
  }
  return endpoint.host + ":" + endpoint.port;
}

// Parses a decimal TCP port 1..65535; nullopt for anything else.
std::optional<unsigned> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value < 1 || value > 65535) return std::nullopt;
  return value;
}

// Why an endpoint cannot be used for a request, or empty when it can.
std::string endpoint_problem(const HttpEndpoint& endpoint, std::string_view content_type) {
  if (!endpoint.unix_socket.empty()) {
    if (endpoint.unix_socket.size() > kMaxUnixSocketPathBytes) {
      return "the socket path is " + std::to_string(endpoint.unix_socket.size()) +
             " bytes, over the limit of " + std::to_string(kMaxUnixSocketPathBytes);
    }
    if (endpoint.unix_socket.find('\0') != std::string::npos) return "the socket path holds a NUL byte";
  } else {
    if (endpoint.host.empty()) return "the endpoint has no host";
    if (!is_visible_ascii(endpoint.host)) {
      return "the host '" + printable(endpoint.host, kMaxQuotedUrlChars) +
             "' holds spaces or control characters";
    }
    if (!parse_port(endpoint.port)) {
      return "the port '" + printable(endpoint.port, kMaxQuotedUrlChars) +
             "' is not a number from 1 to 65535";
    }
  }
  if (endpoint.target.empty() || endpoint.target.front() != '/' ||
      !is_visible_ascii(endpoint.target)) {
    return "the request target '" + printable(endpoint.target, kMaxQuotedUrlChars) +
           "' must start with '/' and hold no spaces or control characters";
  }
  if (!is_header_value(content_type)) return "the content type holds control characters";
  return {};
}

// One HTTP exchange on a private io_context, over TCP (tcp) or a Unix
// socket (unix_stream). The caller drives ioc_ until done(); every handler
// after that only drains.
template <class Protocol>
class Call {
 public:
  Call(const HttpEndpoint& endpoint, std::string_view content_type, std::string body,
       const HttpLimits& limits, const Cancellation* cancel)
      : cancel_(cancel),
        endpoint_(endpoint),
        authority_(authority_text(endpoint)),
        timeout_(limits.timeout),
        max_body_bytes_(limits.max_body_bytes),
        deadline_(Clock::now() + std::clamp(limits.timeout, std::chrono::milliseconds(0),
                                            kMaxTimeout)) {
    request_.method(http::verb::post);
    request_.target(endpoint.target);
    request_.version(11);
    if constexpr (std::is_same_v<Protocol, tcp>) {
      request_.set(http::field::host,
                   endpoint.port == "80" ? authority_.substr(0, authority_.rfind(':'))
                                         : authority_);
    } else {
      request_.set(http::field::host, "localhost");  // as curl --unix-socket sends it
    }
    request_.set(http::field::user_agent, kUserAgent);
    request_.set(http::field::content_type, content_type);
    request_.set(http::field::connection, "close");
    request_.body() = std::move(body);
    request_.prepare_payload();

    parser_.header_limit(kResponseHeaderLimitBytes);
    parser_.body_limit(static_cast<std::uint64_t>(limits.max_body_bytes));
  }

  void start() {
    deadline_timer_.expires_at(deadline_);
    deadline_timer_.async_wait([this](beast::error_code ec) { on_deadline(ec); });
    if (cancel_) {
      // A copy of the stop request's descriptor: the watcher closes its own.
      const int fd = ::fcntl(cancel_->wait_fd(), F_DUPFD_CLOEXEC, 0);
      if (fd < 0) throw std::system_error(errno, std::generic_category(), "cannot watch the stop request");
      stop_watch_.assign(fd);
      stop_watch_.async_wait(asio::posix::stream_descriptor::wait_read,
                             [this](beast::error_code ec) { on_stop(ec); });
    }
    if constexpr (std::is_same_v<Protocol, tcp>) {
      resolving_ = true;
      resolver_.async_resolve(endpoint_.host, endpoint_.port,
                              [this](beast::error_code ec, tcp::resolver::results_type results) {
                                on_resolve(ec, std::move(results));
                              });
    } else {
      phase_ = "while connecting";
      stream_.expires_at(deadline_);
      stream_.async_connect(typename Protocol::endpoint(endpoint_.unix_socket),
                            [this](beast::error_code ec) { on_connect(ec); });
    }
  }

  asio::io_context& io() { return ioc_; }
  bool done() const { return done_; }
  // A name lookup is still running on Asio's resolver thread; destroying the
  // io_context now would wait for it.
  bool resolving() const { return resolving_; }
  HttpExchange& result() { return result_; }

 private:
  void on_deadline(beast::error_code ec) {
    if (ec == asio::error::operation_aborted || done_) return;
    fail_timed_out();
  }

  void on_stop(beast::error_code ec) {
    if (ec == asio::error::operation_aborted || done_) return;
    finish(End::interrupted, "stopped: the run was interrupted");
  }

  void on_resolve(beast::error_code ec, tcp::resolver::results_type results) {
    resolving_ = false;
    if (done_) return;
    if (ec) {
      finish(End::connect_failed, "cannot resolve " + authority_ + ": " + ec.message());
      return;
    }
    phase_ = "while connecting";
    stream_.expires_at(deadline_);
    stream_.async_connect(results, [this](beast::error_code ec, const tcp::endpoint&) {
      on_connect(ec);
    });
  }

  void on_connect(beast::error_code ec) {
    if (done_) return;
    if (ec == beast::error::timeout) return fail_timed_out();
    if (ec) {
      finish(End::connect_failed, "cannot connect to " + authority_ + ": " + ec.message());
      return;
    }
    phase_ = "while sending the request";
    stream_.expires_at(deadline_);
    http::async_write(stream_, request_,
                      [this](beast::error_code ec, std::size_t) { on_write(ec); });
  }

  void on_write(beast::error_code ec) {
    if (done_) return;
    if (ec == beast::error::timeout) return fail_timed_out();
    if (ec) {
      finish(End::io_error,
             "sending the request to " + authority_ + " failed: " + ec.message());
      return;
    }
    phase_ = "waiting for the response";
    stream_.expires_at(deadline_);
    http::async_read(stream_, buffer_, parser_,
                     [this](beast::error_code ec, std::size_t) { on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (done_) return;
    // Whatever body arrived is kept, even on failure; the parser never lets
    // it grow past max_body_bytes.
    result_.body = std::move(parser_.get().body());
    if (ec == beast::error::timeout) return fail_timed_out();
    if (ec == http::error::body_limit) {
      finish(End::body_limit, "the response body from " + authority_ + " exceeds the limit of " +
                                  std::to_string(max_body_bytes_) + " bytes");
      return;
    }
    if (ec == http::error::header_limit) {
      finish(End::io_error, "the response header from " + authority_ + " exceeds " +
                                std::to_string(kResponseHeaderLimitBytes) + " bytes");
      return;
    }
    if (ec == http::error::buffer_overflow) {
      finish(End::io_error, "the response from " + authority_ + " overflowed the " +
                                std::to_string(kReadBufferLimitBytes) + "-byte read buffer");
      return;
    }
    if (ec == http::error::end_of_stream) {
      finish(End::io_error, authority_ + " closed the connection without answering");
      return;
    }
    if (ec == http::error::partial_message) {
      finish(End::io_error, authority_ + " closed the connection in the middle of the response");
      return;
    }
    if (ec) {
      finish(End::io_error,
             "reading the response from " + authority_ + " failed: " + ec.message());
      return;
    }
    const auto& response = parser_.get();
    result_.status = static_cast<int>(response.result_int());
    result_.content_type = std::string(response[http::field::content_type]);
    finish(End::answered, {});
  }

  void fail_timed_out() {
    finish(End::timed_out, "no answer within " + std::to_string(timeout_.count()) +
                               " ms from " + authority_ + " (" + phase_ + ")");
  }

  // Records how the call ended and cancels whatever is still in flight.
  void finish(End end, std::string error) {
    done_ = true;
    result_.end = end;
    result_.error = std::move(error);
    deadline_timer_.cancel();
    resolver_.cancel();
    stream_.close();
    beast::error_code ignored;
    stop_watch_.close(ignored);
  }

  asio::io_context ioc_{1};  // first member: destroyed after everything using it
  tcp::resolver resolver_{ioc_};
  beast::basic_stream<Protocol> stream_{ioc_};
  asio::steady_timer deadline_timer_{ioc_};
  asio::posix::stream_descriptor stop_watch_{ioc_};
  beast::flat_buffer buffer_{kReadBufferLimitBytes};
  http::request<http::string_body> request_;
  http::response_parser<http::string_body> parser_;

  const Cancellation* cancel_;
  HttpEndpoint endpoint_;
  std::string authority_;
  std::chrono::milliseconds timeout_;
  std::size_t max_body_bytes_;
  Clock::time_point deadline_;
  std::string phase_ = "while resolving the host";
  bool resolving_ = false;
  bool done_ = false;
  HttpExchange result_;
};

// Runs one exchange to its end. May throw (allocation, thread creation).
template <class Protocol>
HttpExchange run_call(const HttpEndpoint& endpoint, std::string_view content_type, std::string body,
                      const HttpLimits& limits, const Cancellation* cancel) {
  HttpExchange exchange;
  auto call = std::make_unique<Call<Protocol>>(endpoint, content_type, std::move(body), limits, cancel);
  call->start();
  while (!call->done()) {
    if (call->io().run_one() == 0) break;  // no work left: cannot happen, but never spin
  }
  if (!call->done()) {
    exchange.end = End::io_error;
    exchange.error = "internal error: the HTTP exchange stopped without an outcome";
  } else {
    exchange = std::move(call->result());
  }
  if (call->resolving()) {
    // getaddrinfo cannot be interrupted and the io_context destructor would
    // wait for it: let a detached thread drain and free the call instead, so
    // the caller's deadline holds even when name lookup hangs.
    try {
      std::thread([owned = std::move(call)] { owned->io().run(); }).detach();
    } catch (const std::system_error&) {
      // No thread available: fall through and wait for the lookup here.
    }
  }
  return exchange;
}

}  // namespace

bool parse_http_url(std::string_view url, HttpEndpoint& endpoint, std::string& error) {
  const auto fail = [&](const std::string& why) {
    error = "invalid URL '" + printable(url, kMaxQuotedUrlChars) + "': " + why;
    return false;
  };
  if (url.size() > kMaxUrlBytes) {
    return fail("longer than " + std::to_string(kMaxUrlBytes) + " bytes");
  }
  const auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return fail("not a URI (" + parsed.error().message() + ")");
  const boost::urls::url_view& u = *parsed;
  if (u.scheme_id() == boost::urls::scheme::https) {
    return fail("https is not supported; use http");
  }
  if (u.scheme_id() != boost::urls::scheme::http) {
    return fail("scheme '" + printable(u.scheme(), kMaxQuotedUrlChars) +
                "' is not supported; use http://HOST[:PORT][/PATH]");
  }
  if (!u.has_authority() || u.encoded_host().empty()) return fail("no host");
  if (u.has_userinfo()) return fail("user information (user@host) is not supported");
  if (u.has_fragment()) return fail("a fragment (#...) is not allowed");

  HttpEndpoint out;
  switch (u.host_type()) {
    case boost::urls::host_type::ipv4:
    case boost::urls::host_type::ipv6:
      out.host = u.host_address();  // IPv6 without brackets
      break;
    case boost::urls::host_type::name: {
      out.host = u.host_address();
      const bool dns_name = std::all_of(out.host.begin(), out.host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '.' || c == '_';
      });
      if (!dns_name) {
        return fail("host '" + printable(out.host, kMaxQuotedUrlChars) +
                    "' is not a host name or IP address");
      }
      break;
    }
    default:
      return fail("host '" + printable(u.encoded_host(), kMaxQuotedUrlChars) +
                  "' is not a host name or IP address");
  }

  out.port = "80";
  if (u.has_port() && !u.port().empty()) {
    const auto port = parse_port(u.port());
    if (!port) {
      return fail("port '" + printable(u.port(), kMaxQuotedUrlChars) +
                  "' is not a number from 1 to 65535");
    }
    out.port = std::to_string(*port);
  }

  out.target = std::string(u.encoded_target());
  if (out.target.empty() || out.target.front() != '/') out.target.insert(0, "/");

  endpoint = std::move(out);
  error.clear();
  return true;
}

bool parse_unix_target(std::string_view text, HttpEndpoint& endpoint, std::string& error) {
  const auto fail = [&](const std::string& why) {
    error = "invalid Unix socket target '" + printable(text, kMaxQuotedUrlChars) + "': " + why;
    return false;
  };
  constexpr std::string_view kScheme = "unix:";
  if (text.substr(0, kScheme.size()) != kScheme) return fail("it does not start with unix:");
  std::string_view rest = text.substr(kScheme.size());
  HttpEndpoint out;
  out.target = "/";
  if (const auto split = rest.rfind(":/"); split != std::string_view::npos && split > 0) {
    out.target = std::string(rest.substr(split + 1));
    rest = rest.substr(0, split);
  }
  if (rest.empty()) return fail("no socket path (use unix:/path/to.sock)");
  if (rest.size() > kMaxUnixSocketPathBytes) {
    return fail("the socket path is longer than " + std::to_string(kMaxUnixSocketPathBytes) +
                " bytes");
  }
  if (rest.find('\0') != std::string_view::npos) return fail("the socket path holds a NUL byte");
  if (!is_visible_ascii(out.target)) {
    return fail("the request path '" + printable(out.target, kMaxQuotedUrlChars) +
                "' holds spaces or control characters");
  }
  out.unix_socket = std::string(rest);
  endpoint = std::move(out);
  error.clear();
  return true;
}

bool parse_endpoint(std::string_view text, HttpEndpoint& endpoint, std::string& error) {
  if (text.substr(0, 5) == "unix:") return parse_unix_target(text, endpoint, error);
  return parse_http_url(text, endpoint, error);
}

HttpExchange http_post(const HttpEndpoint& endpoint, std::string_view content_type,
                       std::string body, const HttpLimits& limits, const Cancellation* cancel) {
  const auto started = Clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  };
  HttpExchange exchange;
  auto problem = endpoint_problem(endpoint, content_type);
  if (problem.empty() && limits.timeout.count() <= 0) {
    problem = "the timeout must be positive, not " + std::to_string(limits.timeout.count()) + " ms";
  }
  if (!problem.empty()) {
    // Nothing was attempted: reported as connect_failed, the "could not start" end.
    exchange.end = End::connect_failed;
    exchange.error = "request not sent: " + problem;
    return exchange;
  }
  if (cancel && cancel->requested()) {
    exchange.end = End::interrupted;
    exchange.error = "not sent: the run was interrupted";
    return exchange;
  }
  try {
    if (endpoint.unix_socket.empty()) {
      exchange = run_call<tcp>(endpoint, content_type, std::move(body), limits, cancel);
    } else {
      exchange = run_call<unix_stream>(endpoint, content_type, std::move(body), limits, cancel);
    }
  } catch (const std::exception& e) {
    exchange = HttpExchange{};
    exchange.end = End::io_error;
    exchange.error = std::string("internal error during the HTTP exchange: ") + e.what();
  }
  exchange.elapsed = elapsed();
  return exchange;
}

}  // namespace smapi::harness
