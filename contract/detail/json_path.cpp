#include "contract/detail/json_path.h"

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

namespace smapi::contract::detail {

namespace {

bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!(alpha || (digit && i > 0))) return false;
  }
  return true;
}


}  // namespace

std::string member_path(std::string_view parent, std::string_view key) {
  std::string path(parent);
  if (is_identifier(key)) {
    path += '.';
    path += key;
  } else {
    path += '[';
    path += boost::json::serialize(boost::json::string(key));
    path += ']';
  }
  return path;
}

std::string index_path(std::string_view parent, std::size_t index) {
  std::string path(parent);
  path += '[';
  path += std::to_string(index);
  path += ']';
  return path;
}

}  // namespace smapi::contract::detail
