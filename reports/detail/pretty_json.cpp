#include "reports/detail/pretty_json.h"

#include <boost/json/serialize.hpp>

#include <cmath>

namespace smapi::reports::detail {
namespace {

void newline(std::string& out, std::size_t depth) {
  out += '\n';
  out.append(depth * 2, ' ');
}

void write(std::string& out, const boost::json::value& value, std::size_t depth) {
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
        write(out, member.value(), depth + 1);
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
        write(out, element, depth + 1);
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

std::string pretty_json(const boost::json::value& value) {
  std::string out;
  write(out, value, 0);
  out += '\n';
  return out;
}

}  // namespace smapi::reports::detail
