#include "mock_plugin/host_guard.h"

#include <boost/asio/ip/address.hpp>

#include <algorithm>
#include <array>

namespace smapi::mock {
namespace {

namespace ip = boost::asio::ip;

// ASCII only (host names are), without std::tolower's locale lookup.
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

bool iends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The host as an IP address, when it is one (dotted IPv4, or IPv6).
// IPv4 mapped into IPv6 is returned as IPv4.
std::optional<ip::address> address_of(std::string_view host) {
  std::array<char, 64> text;  // no allocation: this runs per request
  if (host.empty() || host.size() >= text.size()) return std::nullopt;
  *std::copy(host.begin(), host.end(), text.begin()) = '\0';
  boost::system::error_code ec;
  // One parse, not make_address's IPv6 attempt before IPv4: this runs per request.
  if (host.find(':') == std::string_view::npos) {
    const ip::address_v4 v4 = ip::make_address_v4(text.data(), ec);
    if (ec) return std::nullopt;
    return ip::address(v4);
  }
  const ip::address_v6 v6 = ip::make_address_v6(text.data(), ec);
  if (ec) return std::nullopt;
  if (v6.is_v4_mapped()) return ip::address(ip::make_address_v4(ip::v4_mapped, v6));
  return ip::address(v6);
}

bool is_loopback_address(const ip::address& addr) {
  return addr.is_v4() ? addr.to_v4().is_loopback() : addr.to_v6().is_loopback();
}

// A name without the one trailing dot a fully qualified name may carry.
std::string_view without_root_dot(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return host;
}

bool is_allowed_name(std::string_view host, const HostPolicy& policy) {
  host = without_root_dot(host);
  return std::any_of(policy.allowed_hosts.begin(), policy.allowed_hosts.end(),
                     [&](const std::string& name) { return iequals(without_root_dot(name), host); });
}

// The host of an Origin value ("http://localhost:8080" -> "localhost").
std::optional<std::string_view> origin_host(std::string_view origin) {
  const std::size_t scheme_end = origin.find("://");
  if (scheme_end == std::string_view::npos || scheme_end == 0) return std::nullopt;
  std::string_view authority = origin.substr(scheme_end + 3);
  if (std::size_t slash = authority.find('/'); slash != std::string_view::npos) {
    authority = authority.substr(0, slash);
  }
  if (authority.find('@') != std::string_view::npos) return std::nullopt;  // never in an Origin
  return host_of(authority);
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text.substr(0, 200)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  return out + (text.size() > 200 ? "...\"" : "\"");
}

constexpr std::string_view kHowToOpen =
    "; start smapi-mock with --allow-host NAME to admit a name it is reached by, "
    "or with --admin-token TOKEN to turn this check off (admin calls then need the token)";

}  // namespace

std::optional<std::string_view> host_of(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  std::string_view host;
  std::string_view rest;
  if (!value.empty() && value.front() == '[') {
    const std::size_t close = value.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = value.substr(1, close - 1);
    rest = value.substr(close + 1);
  } else {
    const std::size_t colon = value.find(':');
    host = value.substr(0, colon);
    rest = colon == std::string_view::npos ? std::string_view() : value.substr(colon);
  }
  if (!rest.empty() && (rest.front() != ':' || !all_digits(rest.substr(1)))) return std::nullopt;
  if (host.empty()) return std::nullopt;
  return host;
}

bool is_loopback_host(std::string_view host) {
  const std::string_view name = without_root_dot(host);
  if (iequals(name, "localhost") || (name.size() > 10 && iends_with(name, ".localhost"))) return true;
  const auto addr = address_of(host);
  return addr && is_loopback_address(*addr);
}

std::string refuse_foreign_host(const HostFacts& request, const HostPolicy& policy) {
  if (policy.token_set) return {};
  if (request.host && !request.unix_socket) {
    const auto host = host_of(*request.host);
    bool ok = host && (is_loopback_host(*host) || is_allowed_name(*host, policy));
    if (host && !ok && !request.local_address.empty()) {
      const auto addr = address_of(*host);
      const auto local = address_of(request.local_address);
      ok = addr && local && *addr == *local;
    }
    if (!ok) {
      return "Host " + quoted(*request.host) +
             " is not a loopback name or address nor the address smapi-mock listens on "
             "(refused against DNS rebinding)" + std::string(kHowToOpen);
    }
  }
  if (request.origin) {
    const auto host = origin_host(*request.origin);
    if (!host || !(is_loopback_host(*host) || is_allowed_name(*host, policy))) {
      return "Origin " + quoted(*request.origin) +
             " is not loopback (a web page of another site may not call smapi-mock)" +
             std::string(kHowToOpen);
    }
  }
  return {};
}

}  // namespace smapi::mock
