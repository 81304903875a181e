#pragma once
// Indented JSON text for files people also read.

#include <boost/json/value.hpp>

#include <string>

namespace smapi::reports::detail {

// value as JSON text, objects and arrays one member per line, indented by two
// spaces, ending in a newline. Empty objects and arrays stay on one line.
// Strings are escaped as Boost.JSON escapes them; the caller keeps them valid
// UTF-8. A non-finite double is written as null (JSON has no Infinity/NaN).
std::string pretty_json(const boost::json::value& value);

}  // namespace smapi::reports::detail
