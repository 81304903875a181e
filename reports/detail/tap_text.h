#pragma once
// Plugin text in a TAP 13 document (https://testanything.org/tap-version-13-specification.html):
// shared by one run's report.tap and a fleet's.

#include <cstddef>
#include <string>
#include <string_view>

namespace smapi::reports::detail {

// Longest plugin-derived text on a TAP line or in a YAML value, in bytes.
inline constexpr std::size_t kTapTextMaxBytes = 2048;

// One line for a test point's description or directive, made safe and cut
// to kTapTextMaxBytes: '#' and '\' escaped, as a '#' would start a directive.
std::string tap_text(std::string_view raw);

// A YAML double-quoted scalar for a test point's YAML block: a JSON string
// of the text made safe and cut to kTapTextMaxBytes.
std::string yaml_string(std::string_view raw);

}  // namespace smapi::reports::detail
