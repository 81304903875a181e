#include "reports/detail/pretty_json.h"

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

}  // namespace

std::string pretty_json(const boost::json::value& value, std::size_t inline_width) {
  std::string out;
  write(out, value, 0, inline_width);
  out += '\n';
  return out;
}

}  // namespace smapi::reports::detail
