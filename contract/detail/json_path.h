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

// Whether two keys are equal ignoring ASCII case.
bool equals_ignoring_case(std::string_view a, std::string_view b);

}  // namespace smapi::contract::detail
