#pragma once
// Indented JSON text for files people also read.

#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace smapi::reports::detail {

// value as JSON text, objects and arrays one member per line, indented by two
// spaces, ending in a newline. Empty objects and arrays stay on one line.
// Strings are escaped as Boost.JSON escapes them; the caller keeps them valid
// UTF-8. A non-finite double is written as null (JSON has no Infinity/NaN).
// With an inline_width, an object or array whose one-line form ends within
// that many columns (bytes) of its line is written on that line, so short
// lists and small records read as one line each.
std::string pretty_json(const boost::json::value& value, std::size_t inline_width = 0);

// JSON text laid out for people, every token kept byte for byte (numbers
// as written, duplicate keys, escapes): one member per line, indented by two
// spaces, an array of scalars short enough on one line. nullopt unless text
// is one JSON value (whitespace around allowed) nested at most
// kMaxReindentDepth deep, so a report shows anything else as it came.
inline constexpr std::size_t kMaxReindentDepth = 64;
std::optional<std::string> reindent_json_text(std::string_view text);

}  // namespace smapi::reports::detail
