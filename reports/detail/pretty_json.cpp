#include "reports/detail/pretty_json.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>

namespace smapi::reports::detail {
namespace {

void newline(std::string& out, std::size_t depth) {
  out += '\n';
  out.append(depth * 2, ' ');
}

// Appends value on one line (", " and ": " between members) while out stays
// within limit bytes; false (out then holds a partial text) past it.
bool write_one_line(std::string& out, const boost::json::value& value, std::size_t limit) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out += ", ";
        first = false;
        out += boost::json::serialize(boost::json::value(member.key()));
        out += ": ";
        if (out.size() > limit || !write_one_line(out, member.value(), limit)) return false;
      }
      out += '}';
      break;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) out += ", ";
        first = false;
        if (out.size() > limit || !write_one_line(out, element, limit)) return false;
      }
      out += ']';
      break;
    }
    case boost::json::kind::double_:
      if (!std::isfinite(value.get_double())) {
        out += "null";
        break;
      }
      [[fallthrough]];
    default:
      out += boost::json::serialize(value);
  }
  return out.size() <= limit;
}

void write(std::string& out, const boost::json::value& value, std::size_t depth, std::size_t width) {
  // A container that fits on the rest of its line stays on it.
  if ((value.is_object() || value.is_array()) && width > 0) {
    const std::size_t line_start = out.rfind('\n');
    const std::size_t column = out.size() - (line_start == std::string::npos ? 0 : line_start + 1);
    if (column < width) {
      std::string line;
      if (write_one_line(line, value, width - column)) {
        out += line;
        return;
      }
    }
  }
  switch (value.kind()) {
    case boost::json::kind::object: {
      const auto& object = value.get_object();
      if (object.empty()) {
        out += "{}";
        return;
      }
      out += '{';
      bool first = true;
      for (const auto& member : object) {
        if (!first) out += ',';
        first = false;
        newline(out, depth + 1);
        out += boost::json::serialize(boost::json::value(member.key()));
        out += ": ";
        write(out, member.value(), depth + 1, width);
      }
      newline(out, depth);
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      const auto& array = value.get_array();
      if (array.empty()) {
        out += "[]";
        return;
      }
      out += '[';
      bool first = true;
      for (const auto& element : array) {
        if (!first) out += ',';
        first = false;
        newline(out, depth + 1);
        write(out, element, depth + 1, width);
      }
      newline(out, depth);
      out += ']';
      return;
    }
    case boost::json::kind::double_:
      if (!std::isfinite(value.get_double())) {
        out += "null";
        return;
      }
      [[fallthrough]];
    default:
      out += boost::json::serialize(value);
      return;
  }
}

// Longest array of scalars kept on one line by reindent_json_text.
constexpr std::size_t kInlineArrayBytes = 72;

// The end of the string token starting at text[at] (a quote): one past its
// closing quote.
std::size_t string_end(std::string_view text, std::size_t at) {
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\') ++i;
    else if (text[i] == '"') return i + 1;
  }
  return text.size();
}

// The array starting at text[at] ('[') on one line, when it holds only
// scalars and fits kInlineArrayBytes; else nullopt.
std::optional<std::string> inline_array(std::string_view text, std::size_t at, std::size_t& end) {
  std::string out = "[";
  for (std::size_t i = at + 1; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t stop = string_end(text, i);
      out.append(text.substr(i, stop - i));
      i = stop;
    } else if (c == ']') {
      end = i + 1;
      return out + "]";
    } else if (c == '[' || c == '{') {
      return std::nullopt;
    } else if (c == ',') {
      out += ", ";
      ++i;
    } else {
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
      ++i;
    }
    if (out.size() > kInlineArrayBytes) return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> reindent_json_text(std::string_view text) {
  boost::json::error_code ec;
  boost::json::parse_options options;
  options.max_depth = kMaxReindentDepth;
  (void)boost::json::parse(text, ec, {}, options);
  if (ec) return std::nullopt;
  // Valid JSON from here on: only tokens and whitespace to lay out.
  std::string out;
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"') {
      const std::size_t stop = string_end(text, i);
      out.append(text.substr(i, stop - i));
      i = stop;
      continue;
    }
    ++i;
    switch (c) {
      case ' ': case '\t': case '\n': case '\r':
        break;
      case '[': {
        std::size_t end = 0;
        if (auto line = inline_array(text, i - 1, end)) {
          out += *line;
          i = end;
          break;
        }
        [[fallthrough]];
      }
      case '{': {
        std::size_t next = i;
        while (next < text.size() && (text[next] == ' ' || text[next] == '\t' || text[next] == '\n' || text[next] == '\r')) ++next;
        if (next < text.size() && (text[next] == ']' || text[next] == '}')) {
          out += c;
          out += text[next];
          i = next + 1;
          break;
        }
        out += c;
        newline(out, ++depth);
        break;
      }
      case ']': case '}':
        newline(out, --depth);
        out += c;
        break;
      case ',':
        out += ',';
        newline(out, depth);
        break;
      case ':':
        out += ": ";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string pretty_json(const boost::json::value& value, std::size_t inline_width) {
  std::string out;
  write(out, value, 0, inline_width);
  out += '\n';
  return out;
}

}  // namespace smapi::reports::detail
