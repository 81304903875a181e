#pragma once
// Quoting for the one-line reproducers printed in reports.

#include <string>
#include <string_view>

namespace smapi::harness {

// `text` as one POSIX shell word: 'it'\''s'.
std::string shell_quote(std::string_view text);

}  // namespace smapi::harness
