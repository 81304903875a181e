#include "mock_plugin/body_protocol.h"


namespace smapi::mock {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// ASCII only (header tokens are), without std::tolower's locale lookup.
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

bool media_type_is(std::string_view value, std::string_view type) {
  if (std::size_t semi = value.find(';'); semi != std::string_view::npos) value = value.substr(0, semi);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return iequals(value, type);
}

BodyProtocol body_protocol(std::optional<std::string_view> content_type, std::string_view body) {
  if (content_type) {
    // A declared RPC type wins, whatever the body: a JSON-RPC client that
    // sends a broken body is answered with a JSON-RPC parse error.
    if (media_type_is(*content_type, "application/json")) return BodyProtocol::jsonrpc;
    if (media_type_is(*content_type, "text/xml") || media_type_is(*content_type, "application/xml")) {
      return BodyProtocol::xmlrpc;
    }
  }
  // No Content-Type, or one that says nothing of the protocol (curl -d sends
  // application/x-www-form-urlencoded, some clients text/plain): the body decides.
  for (char c : body) {
    if (is_space(c)) continue;
    if (c == '<') return BodyProtocol::xmlrpc;
    if (c == '{' || c == '[') return BodyProtocol::jsonrpc;
    break;
  }
  return content_type ? BodyProtocol::unsupported : BodyProtocol::jsonrpc;
}

}  // namespace smapi::mock
