#pragma once
// The mock's guard against DNS rebinding and cross-site requests, as a pure
// function. A web page on evil.example can have its name resolve to
// 127.0.0.1 and then call the mock from the user's browser: the request
// arrives from a loopback peer, but its Host names evil.example. Another
// page can post to the mock directly, with its own Origin. Local
// development servers refuse both; so does smapi-mock unless it was given
// --admin-token (then admin calls need the token, which no page has).
//
// Without a token, a call (admin or plugin) over TCP is refused when
//  - its Host is not a loopback name (localhost, *.localhost), a loopback
//    address (127.0.0.0/8, [::1]), the address the connection came in on
//    (the listen address, or with 0.0.0.0 the interface's), or a name
//    given with --allow-host; a request without Host (HTTP/1.0) passes;
//  - it carries an Origin whose host is not a loopback name or address or
//    an --allow-host name ("null" included).
// Over a Unix socket no browser can connect and the Host is whatever the
// client made up (curl --unix-socket sends the URL's), so Host is not
// checked there; Origin is, since a proxy relaying browsers may forward it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::mock {

// Who may address the mock, from the serve flags.
struct HostPolicy {
  bool token_set = false;                  // --admin-token: no Host/Origin checks
  std::vector<std::string> allowed_hosts;  // --allow-host NAME: admitted as Host and Origin
};

// The facts of one request the guard reads.
struct HostFacts {
  std::optional<std::string_view> host;    // the Host header
  std::optional<std::string_view> origin;  // the Origin header
  bool unix_socket = false;
  // The address the TCP connection came in on, as text ("127.0.0.1", "::1").
  std::string_view local_address;
};

// "" when the request may be served; else why not, one line naming the
// header and the flags that would admit it (for a 403).
std::string refuse_foreign_host(const HostFacts& request, const HostPolicy& policy);

// The host part of a Host header value ("Example:80" -> "Example",
// "[::1]:8080" -> "::1"); nullopt when it is malformed.
std::optional<std::string_view> host_of(std::string_view host_header);

// Whether a host (no port, no brackets) is a loopback name or address.
bool is_loopback_host(std::string_view host);

}  // namespace smapi::mock
