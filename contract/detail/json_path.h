#pragma once
// Private: JSON paths for findings and messages ("$.features[2]").

#include <cstddef>
#include <string>
#include <string_view>

namespace smapi::contract::detail {

// parent + ".key" when key is a plain identifier, else parent + ["key"] with
// the key JSON-escaped.
std::string member_path(std::string_view parent, std::string_view key);

// parent + "[index]".
std::string index_path(std::string_view parent, std::size_t index);

}  // namespace smapi::contract::detail
