#pragma once
// Indented JSON text for files people also read.

#include <boost/json/value.hpp>

#include <cstddef>
#include <string>

namespace smapi::reports::detail {

// value as JSON text, objects and arrays one member per line, indented by two
// spaces, ending in a newline. Empty objects and arrays stay on one line.
// Strings are escaped as Boost.JSON escapes them; the caller keeps them valid
// UTF-8. A non-finite double is written as null (JSON has no Infinity/NaN).
// With an inline_width, an object or array whose one-line form ends within
// that many columns (bytes) of its line is written on that line, so short
// lists and small records read as one line each.
std::string pretty_json(const boost::json::value& value, std::size_t inline_width = 0);

}  // namespace smapi::reports::detail
