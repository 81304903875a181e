#include "reports/detail/tap_text.h"

#include "reports/detail/text_safety.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace smapi::reports::detail {

std::string tap_text(std::string_view raw) {
  const std::string line = one_line(make_safe(raw, kTapTextMaxBytes * 4).text, kTapTextMaxBytes);
  std::string out;
  for (char c : line) {
    if (c == '#' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string yaml_string(std::string_view raw) {
  return boost::json::serialize(boost::json::string(make_safe(raw, kTapTextMaxBytes).text));
}

}  // namespace smapi::reports::detail
