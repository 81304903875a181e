#pragma once
// Test helpers for the server tests: a small HTTP client (TCP or Unix socket)
// whose every step has a deadline, and request builders.

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace smapi::mock::test_client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

// Longest any single client step may take before the test fails instead of hanging.
inline constexpr auto kClientDeadline = 5s;

inline const std::string kLsV1 = R"({"method":"Plugin.ls","params":[{"dbg":"d"}],"id":1})";
inline const std::string kLsV1Reply = R"({"result":[],"error":null,"id":1})";
// An XML-RPC Plugin.ls call with dbg "x".
inline const std::string kXmlLs =
    "<?xml version=\"1.0\"?><methodCall><methodName>Plugin.ls</methodName><params><param><value>"
    "<struct><member><name>dbg</name><value>x</value></member></struct></value></param></params>"
    "</methodCall>";

// A small HTTP client whose every step has a deadline, over TCP or a Unix socket.
template <class Protocol>
class BasicClient {
 public:
  explicit BasicClient(const typename Protocol::endpoint& ep) {
    stream_.expires_after(kClientDeadline);
    stream_.async_connect(ep, [this](beast::error_code ec) { ec_ = ec; });
    run();
  }

  beast::error_code send(const http::request<http::string_body>& req) {
    stream_.expires_after(kClientDeadline);
    http::async_write(stream_, req, [this](beast::error_code ec, std::size_t) { ec_ = ec; });
    run();
    return ec_;
  }

  beast::error_code send_raw(const std::string& bytes) {
    stream_.expires_after(kClientDeadline);
    asio::async_write(stream_, asio::buffer(bytes), [this](beast::error_code ec, std::size_t) { ec_ = ec; });
    run();
    return ec_;
  }

  std::optional<http::response<http::string_body>> receive(
      std::chrono::milliseconds deadline = std::chrono::duration_cast<std::chrono::milliseconds>(kClientDeadline)) {
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    stream_.expires_after(deadline);
    http::async_read(stream_, buffer_, parser, [this](beast::error_code ec, std::size_t) { ec_ = ec; });
    run();
    if (ec_) return std::nullopt;
    return parser.release();
  }

  // True when the server closed the connection (EOF or reset) within the deadline.
  bool closed_by_peer(std::chrono::milliseconds deadline = std::chrono::duration_cast<std::chrono::milliseconds>(kClientDeadline)) {
    char byte;
    stream_.expires_after(deadline);
    stream_.async_read_some(asio::buffer(&byte, 1), [this](beast::error_code ec, std::size_t) { ec_ = ec; });
    run();
    return ec_ == asio::error::eof || ec_ == asio::error::connection_reset;
  }

  beast::error_code error() const { return ec_; }

 private:
  void run() {
    ioc_.restart();
    ioc_.run();
  }
  asio::io_context ioc_;
  beast::basic_stream<Protocol> stream_{ioc_};
  beast::flat_buffer buffer_;
  beast::error_code ec_;
};

class Client : public BasicClient<tcp> {
 public:
  explicit Client(std::uint16_t port)
      : BasicClient<tcp>(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port)) {}
};

using UnixClient = BasicClient<asio::local::stream_protocol>;

inline http::request<http::string_body> post(std::string body, std::string content_type = "application/json") {
  http::request<http::string_body> req(http::verb::post, "/", 11);
  req.set(http::field::host, "127.0.0.1");
  if (!content_type.empty()) req.set(http::field::content_type, content_type);
  req.body() = std::move(body);
  req.prepare_payload();
  return req;
}


// A request of any verb to target (the admin API's form).
inline http::request<http::string_body> admin_request(http::verb verb, std::string target,
                                                      std::string body = "",
                                                      std::string authorization = "") {
  http::request<http::string_body> req(verb, target, 11);
  req.set(http::field::host, "127.0.0.1");
  if (!authorization.empty()) req.set(http::field::authorization, authorization);
  req.body() = std::move(body);
  req.prepare_payload();
  return req;
}

// A JSON-RPC v1 Plugin.ls call with this dbg and id.
inline std::string ls_v1(const std::string& dbg, int id = 1) {
  return R"({"method":"Plugin.ls","params":[{"dbg":")" + dbg + R"("}],"id":)" + std::to_string(id) + "}";
}

}  // namespace smapi::mock::test_client
