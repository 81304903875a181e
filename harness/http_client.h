#pragma once
// One bounded HTTP POST through a Boost.Beast async client with a deadline.

#include "harness/cancellation.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace smapi::harness {

// Where a request goes: a TCP host and port, or a Unix-domain socket.
struct HttpEndpoint {
  std::string host;
  std::string port;    // "80" when the URL gives none
  std::string target;  // request path, "/" when the URL gives none
  // When set, the request goes over this Unix-domain stream socket instead
  // of TCP; host and port are then unused and the Host header is "localhost".
  std::string unix_socket;
};

// Longest Unix socket path (the size of sockaddr_un's sun_path, less its NUL).
inline constexpr std::size_t kMaxUnixSocketPathBytes = 107;

// Parses http://HOST[:PORT][/PATH]; on failure returns false and sets error.
bool parse_http_url(std::string_view url, HttpEndpoint& endpoint, std::string& error);

// Parses unix:SOCKET[:/PATH]: the socket's file path, then optionally the
// request path after the last ":/" (default "/"). A socket path that itself
// holds ":/" must be followed by an explicit request path
// ("unix:/run/a:/b.sock:/"). On failure returns false and sets error.
bool parse_unix_target(std::string_view text, HttpEndpoint& endpoint, std::string& error);

// Either form above, chosen by the scheme (http:// or unix:).
bool parse_endpoint(std::string_view text, HttpEndpoint& endpoint, std::string& error);

struct HttpLimits {
  // Covers resolve, connect, write and read of one call (TCP or Unix socket).
  std::chrono::milliseconds timeout{30'000};
  // A response body beyond this ends the call with End::body_limit.
  std::size_t max_body_bytes = 16 * 1024 * 1024;
};

struct HttpExchange {
  // interrupted: the Cancellation given to http_post was requested.
  enum class End { answered, timed_out, connect_failed, io_error, body_limit, interrupted };
  End end = End::io_error;
  int status = 0;             // HTTP status when answered
  std::string content_type;
  std::string body;
  std::string error;          // what went wrong, when not answered
  std::chrono::milliseconds elapsed{0};
};

// One POST. When `cancel` is requested before or during the exchange, it
// ends at once with End::interrupted.
HttpExchange http_post(const HttpEndpoint& endpoint, std::string_view content_type,
                       std::string body, const HttpLimits& limits,
                       const Cancellation* cancel = nullptr);

}  // namespace smapi::harness
