#pragma once
// Reading JSON text safely: exactly one value, bounded depth, finite numbers.

#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace smapi::contract {

// How much memory a decoded answer may take per byte of the output limit.
// Decoded JSON takes 3 to 3.5 times its text when it is of ordinary shape
// (a query_result 3.4x, 10,000 SRs 3.1x), and 16 MB of `[0,0,0,…]` took
// 422 MB before the limit. An XML-RPC answer of ordinary shape takes about
// 6.5 times its text (its tree, then its values): past 60% of the output
// limit, such an answer is refused too.
inline constexpr std::size_t kDecodedBytesPerAnswerByte = 4;

// Limits applied to every JSON text the toolkit reads from a plugin or client.
// A plugin's answer is read as xapi reads it (read_xapi_json), which takes
// max_bytes from here and its depth from XapiJsonLimits; the other texts
// (requests to the mock, configs, waivers, reports) are read here.
struct JsonLimits {
  // Deepest nesting accepted by parse_one_json_value. Requests and configs
  // nest a few levels; 64 leaves room without letting a hostile text recurse
  // without bound.
  std::size_t max_depth = 64;
  // Longest text accepted, in bytes. A plugin answer is a few hundred bytes;
  // 16 MiB bounds the memory a parse can take. A reader that caps what it
  // reads itself (smapi-conform's --max-output) raises this to its own cap,
  // so an answer it read whole is never refused for its size.
  std::size_t max_bytes = 16 * 1024 * 1024;
  // Most memory a plugin's decoded answer may take (read_xapi_json and the
  // codecs built on it), whatever its shape; past it the answer is refused
  // (Reply::over_memory_limit). kDecodedBytesPerAnswerByte x max_bytes: a
  // reader that raises max_bytes raises this with it.
  std::size_t max_decoded_bytes = kDecodedBytesPerAnswerByte * 16 * 1024 * 1024;
};

struct JsonParse {
  std::optional<boost::json::value> value;
  // Set when value is not: what was wrong and where, e.g.
  // "invalid JSON at byte 12: syntax error", "more than one JSON value
  // (a second one starts at byte 40)", "empty output", "number out of range".
  std::string error;
};

// Parses a text that must hold exactly one JSON value, surrounded by nothing
// but JSON whitespace (space, tab, CR, LF). Numbers that overflow to infinity
// are rejected. As in Boost.JSON, `1.0` is a double (a number like any other)
// and an object with a duplicate key keeps the last value.
JsonParse parse_one_json_value(std::string_view text, const JsonLimits& limits = {});

// The JSON type of a value as a word: "string", "number", "object", "array",
// "boolean", "null".
std::string_view json_type_name(const boost::json::value& value);

// A compact rendering of a value for messages, cut to max_chars with "..."
// (at a UTF-8 character boundary). Non-finite numbers are written as null.
std::string json_excerpt(const boost::json::value& value, std::size_t max_chars = 80);

// Compact serialisation (the form exec plugins read on stdin). JSON has no
// infinity or NaN: non-finite numbers are written as null, never "Infinity".
std::string to_compact_json(const boost::json::value& value);

}  // namespace smapi::contract
