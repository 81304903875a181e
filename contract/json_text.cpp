#include "contract/json_text.h"

#include "contract/detail/json_path.h"
#include "contract/utf8.h"

#include <boost/json/serialize.hpp>
#include <boost/json/serializer.hpp>
#include <boost/json/stream_parser.hpp>

#include <cmath>

namespace smapi::contract {

namespace json = boost::json;

namespace {

bool is_json_whitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::size_t skip_whitespace(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_json_whitespace(text[pos])) ++pos;
  return pos;
}

// The path of the first non-finite number in value, if any. Depth is bounded
// by the parser's max_depth, so plain recursion is safe here.
std::optional<std::string> find_non_finite(const json::value& value, const std::string& path) {
  switch (value.kind()) {
    case json::kind::double_:
      if (!std::isfinite(value.get_double())) return path;
      return std::nullopt;
    case json::kind::array: {
      const auto& arr = value.get_array();
      for (std::size_t i = 0; i < arr.size(); ++i) {
        if (auto p = find_non_finite(arr[i], detail::index_path(path, i))) return p;
      }
      return std::nullopt;
    }
    case json::kind::object:
      for (const auto& member : value.get_object()) {
        if (auto p = find_non_finite(member.value(), detail::member_path(path, member.key())))
          return p;
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

bool has_non_finite(const json::value& value) {
  switch (value.kind()) {
    case json::kind::double_: return !std::isfinite(value.get_double());
    case json::kind::array:
      for (const auto& v : value.get_array())
        if (has_non_finite(v)) return true;
      return false;
    case json::kind::object:
      for (const auto& m : value.get_object())
        if (has_non_finite(m.value())) return true;
      return false;
    default: return false;
  }
}

// A copy of value with every non-finite number replaced by null.
json::value without_non_finite(const json::value& value) {
  switch (value.kind()) {
    case json::kind::double_:
      if (!std::isfinite(value.get_double())) return nullptr;
      return value;
    case json::kind::array: {
      json::array out;
      out.reserve(value.get_array().size());
      for (const auto& v : value.get_array()) out.push_back(without_non_finite(v));
      return out;
    }
    case json::kind::object: {
      json::object out;
      for (const auto& m : value.get_object()) out.emplace(m.key(), without_non_finite(m.value()));
      return out;
    }
    default: return value;
  }
}

JsonParse failure(std::string error) {
  JsonParse result;
  result.error = std::move(error);
  return result;
}

std::string describe_parse_error(const json::error_code& ec, std::size_t at,
                                 const JsonLimits& limits) {
  if (ec == json::error::too_deep) {
    return "nesting deeper than " + std::to_string(limits.max_depth) + " levels (at byte " +
           std::to_string(at) + ")";
  }
  return "invalid JSON at byte " + std::to_string(at) + ": " + ec.message();
}

}  // namespace

JsonParse parse_one_json_value(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return failure("text too long: " + std::to_string(text.size()) + " bytes, the limit is " +
                   std::to_string(limits.max_bytes));
  }
  const std::size_t start = skip_whitespace(text, 0);
  if (start == text.size()) return failure(text.empty() ? "empty output" : "empty output (only whitespace)");

  json::parse_options options;
  options.max_depth = limits.max_depth;
  json::stream_parser parser({}, options);
  json::error_code ec;
  const std::size_t consumed = parser.write_some(text.data() + start, text.size() - start, ec);
  if (ec) return failure(describe_parse_error(ec, start + consumed, limits));
  if (!parser.done()) {
    parser.finish(ec);
    if (ec) return failure(describe_parse_error(ec, text.size(), limits));
  }

  const std::size_t after = skip_whitespace(text, start + consumed);
  if (after != text.size()) {
    // Something follows the value: a second value, or plain garbage.
    json::stream_parser probe({}, options);
    json::error_code probe_ec;
    const std::size_t probed = probe.write_some(text.data() + after, text.size() - after, probe_ec);
    if (probe_ec && probed == 0) {
      return failure("invalid JSON at byte " + std::to_string(after) +
                     ": unexpected text after the value");
    }
    return failure("more than one JSON value: a second value starts at byte " +
                   std::to_string(after));
  }

  json::value value = parser.release();
  if (auto path = find_non_finite(value, "$")) {
    return failure("number out of range at " + *path + " (it does not fit in a double)");
  }
  JsonParse result;
  result.value = std::move(value);
  return result;
}

std::string_view json_type_name(const json::value& value) {
  switch (value.kind()) {
    case json::kind::string: return "string";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "number";
    case json::kind::object: return "object";
    case json::kind::array: return "array";
    case json::kind::bool_: return "boolean";
    case json::kind::null: return "null";
  }
  return "unknown";
}

std::string json_excerpt(const json::value& value, std::size_t max_chars) {
  static constexpr std::string_view kEllipsis = "...";
  const bool needs_sanitizing = has_non_finite(value);
  const json::value sanitized = needs_sanitizing ? without_non_finite(value) : json::value();
  const json::value& source = needs_sanitizing ? sanitized : value;

  // Serialize only as much as is needed to decide whether to cut.
  json::serializer serializer;
  serializer.reset(&source);
  std::string out(max_chars + 1, '\0');
  const std::size_t got = serializer.read(out.data(), out.size()).size();
  out.resize(got);
  if (got <= max_chars) return out;
  if (max_chars <= kEllipsis.size()) return std::string(kEllipsis.substr(0, max_chars));

  out.resize(utf8_boundary(out, max_chars - kEllipsis.size()));
  out += kEllipsis;
  return out;
}

std::string to_compact_json(const json::value& value) {
  if (has_non_finite(value)) return json::serialize(without_non_finite(value));
  return json::serialize(value);
}

}  // namespace smapi::contract
