#pragma once
// A plugin's JSON text laid out for people, byte for byte.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace smapi::reports::detail {

// JSON text laid out for people, every token kept byte for byte (numbers
// as written, duplicate keys, escapes): one member per line, indented by two
// spaces, an array of scalars short enough on one line. nullopt unless text
// is one JSON value (whitespace around allowed) nested at most
// kMaxReindentDepth deep, so a report shows anything else as it came.
inline constexpr std::size_t kMaxReindentDepth = 64;
std::optional<std::string> reindent_json_text(std::string_view text);

}  // namespace smapi::reports::detail
