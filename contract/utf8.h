#pragma once
// Cutting text without splitting a UTF-8 sequence.

#include <cstddef>
#include <string_view>

namespace smapi::contract {

// The largest position <= `at` that does not fall inside a UTF-8 sequence
// (it backs off over continuation bytes); text.size() when `at` is past it.
inline std::size_t utf8_boundary(std::string_view text, std::size_t at) {
  if (at >= text.size()) return text.size();
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return at;
}

}  // namespace smapi::contract
