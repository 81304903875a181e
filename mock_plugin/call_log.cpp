#include "mock_plugin/call_log.h"

#include <boost/json/object.hpp>

namespace smapi::mock {
namespace {

// Appends text with what could break a log line escaped.
void append_escaped(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
}

// Whether a method name can be logged as it is (the usual case).
bool is_plain_name(std::string_view name) {
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '"' || c == '\\') return false;
  }
  return !name.empty();
}

}  // namespace

std::string describe_call(std::string_view method, const boost::json::value& args) {
  std::string out;
  if (method.empty()) {
    out = "(no method)";
  } else if (is_plain_name(method) && method.size() <= kLogDbgBytes) {
    out = method;
  } else {
    out += '"';
    append_escaped(out, method.substr(0, kLogDbgBytes));
    out += method.size() > kLogDbgBytes ? "...\"" : "\"";
  }
  const boost::json::string* dbg = nullptr;
  if (const auto* obj = args.if_object()) {
    if (const auto* v = obj->if_contains("dbg")) dbg = v->if_string();
  }
  if (dbg == nullptr) return out + " dbg=none";
  const std::string_view text(dbg->data(), dbg->size());
  out += " dbg=\"";
  append_escaped(out, text.substr(0, kLogDbgBytes));
  out += '"';
  if (text.size() > kLogDbgBytes) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace smapi::mock
