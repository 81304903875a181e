#include "mock_plugin/detail/server_shared.h"

#include <charconv>

namespace smapi::mock::detail {

std::string endpoint_text(const tcp::endpoint& ep) {
  const auto addr = ep.address();
  std::string host = addr.to_string();
  if (addr.is_v6()) host = "[" + host + "]";
  return host + ":" + std::to_string(ep.port());
}

bool is_loopback(const asio::ip::address& addr) {
  if (addr.is_v4()) return addr.to_v4().is_loopback();
  const auto v6 = addr.to_v6();
  if (v6.is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, v6).is_loopback();
  return v6.is_loopback();
}

HeaderFields header_fields(const Request& req) {
  HeaderFields out;
  for (const auto& f : req) {
    switch (f.name()) {
      case http::field::content_type:
        if (!out.content_type) out.content_type = f.value();
        break;
      case http::field::expect:
        if (!out.expect) out.expect = f.value();
        break;
      case http::field::host:
        if (!out.host) out.host = f.value();
        break;
      case http::field::origin:
        if (!out.origin) out.origin = f.value();
        break;
      case http::field::connection: out.has_connection = true; break;
      default: break;
    }
  }
  return out;
}

Peer peer_of(const Socket<tcp>& socket) {
  beast::error_code ec;
  auto ep = socket.remote_endpoint(ec);
  if (ec) return {"?", false, false, {}};
  Peer peer{endpoint_text(ep), is_loopback(ep.address()), false, {}};
  auto local = socket.local_endpoint(ec);
  if (!ec) peer.local_address = local.address().to_string();
  return peer;
}

Peer peer_of(const Socket<unix_socket>&) { return {"unix", true, true, {}}; }

bool parse_buffered_body(RequestParser& parser, beast::flat_buffer& buffer, beast::error_code& ec) {
  if (parser.is_done()) return true;
  const auto remaining = parser.content_length_remaining();
  if (parser.chunked() || !remaining || *remaining > buffer.size()) return false;
  const std::size_t used = parser.put(buffer.data(), ec);
  buffer.consume(used);
  if (ec == http::error::need_more) {
    ec = {};
    return false;
  }
  return ec || parser.is_done();
}

std::optional<ReadFailure> read_failure_reply(const beast::error_code& ec, const ServerSettings& settings) {
  if (ec == http::error::body_limit) {
    return ReadFailure{http::status::payload_too_large,
                       "request body larger than " + std::to_string(settings.max_body_bytes) + " bytes"};
  }
  if (ec == http::error::header_limit) {
    return ReadFailure{http::status::request_header_fields_too_large,
                       "request header larger than " + std::to_string(settings.header_limit) + " bytes"};
  }
  if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
      ec != http::error::partial_message) {
    return ReadFailure{http::status::bad_request, "malformed HTTP request: " + ec.message()};
  }
  return std::nullopt;
}

void format_ok_head(std::string& head, std::string_view content_type, std::size_t body_bytes) {
  head.clear();
  head += "HTTP/1.1 200 OK\r\nServer: ";
  head += kServerHeader;
  head += "\r\nContent-Type: ";
  head += content_type;
  head += "\r\nContent-Length: ";
  char digits[24];
  const auto written = std::to_chars(digits, digits + sizeof digits, body_bytes);
  head.append(digits, written.ptr);
  head += "\r\n\r\n";
}

namespace {
std::string request_text(const Peer& peer, const Request& req) {
  return peer.text + " " + std::string(req.method_string()) + " " + std::string(req.target());
}
}  // namespace

std::string request_log_line(const Peer& peer, const Request& req, unsigned status, std::size_t body_bytes,
                             std::string_view call_log) {
  std::string line = request_text(peer, req) + " " + std::to_string(status) + " " +
                     std::to_string(body_bytes) + " bytes";
  if (!call_log.empty()) line.append(" ").append(call_log);
  return line;
}

std::string unanswered_log_line(const Peer& peer, const Request& req, std::string_view what,
                                std::string_view call_log) {
  return request_text(peer, req) + " " + std::string(what) + " " + std::string(call_log);
}

}  // namespace smapi::mock::detail
