#pragma once
// What a --log-requests line says about a plugin call: the method and the
// dbg it was sent, as one short, single-line, quoted text. Pure.

#include <boost/json/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace smapi::mock {

// Longest dbg a log line quotes, in bytes; longer ones are cut and end in
// "..." with their full size (the conformance run sends a 64 KiB dbg).
inline constexpr std::size_t kLogDbgBytes = 80;

// `Plugin.ls dbg="ci-7"`; `Plugin.ls dbg=none` when the arguments hold no
// string dbg; `(no method)` when the body was not read as a call. Control
// characters, quotes and backslashes are escaped (\n, \", \x1b), so a client
// cannot forge log lines; the method is quoted the same way.
std::string describe_call(std::string_view method, const boost::json::value& args);

}  // namespace smapi::mock
