#include "contract/ocaml_int.h"

namespace smapi::contract {
namespace {

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::int64_t> ocaml_int_of_string(std::string_view text, int bits) {
  std::size_t p = 0;
  int sign = 1;
  if (p < text.size() && text[p] == '-') {
    sign = -1;
    ++p;
  } else if (p < text.size() && text[p] == '+') {
    ++p;
  }
  unsigned base = 10;
  bool signed_form = true;
  if (p + 1 < text.size() && text[p] == '0') {
    switch (text[p + 1]) {
      case 'x': case 'X': base = 16; signed_form = false; p += 2; break;
      case 'o': case 'O': base = 8; signed_form = false; p += 2; break;
      case 'b': case 'B': base = 2; signed_form = false; p += 2; break;
      case 'u': case 'U': signed_form = false; p += 2; break;
      default: break;
    }
  }
  if (p >= text.size()) return std::nullopt;
  int d = digit_value(text[p]);
  if (d < 0 || static_cast<unsigned>(d) >= base) return std::nullopt;
  const std::uint64_t threshold = ~std::uint64_t{0} / base;
  std::uint64_t value = static_cast<std::uint64_t>(d);
  for (++p; p < text.size(); ++p) {
    if (text[p] == '_') continue;
    d = digit_value(text[p]);
    if (d < 0 || static_cast<unsigned>(d) >= base) break;
    if (value > threshold) return std::nullopt;
    value = value * base + static_cast<std::uint64_t>(d);
    if (value < static_cast<std::uint64_t>(d)) return std::nullopt;
  }
  if (p != text.size()) return std::nullopt;
  const std::uint64_t half = std::uint64_t{1} << (bits - 1);
  if (signed_form) {
    if (sign >= 0 ? value >= half : value > half) return std::nullopt;
  } else if (bits < 64 && value >= (std::uint64_t{1} << bits)) {
    return std::nullopt;
  }
  if (sign < 0) value = ~value + 1;  // two's complement negation
  if (bits < 64) {
    // An OCaml int keeps the low 63 bits: sign-extend from bit 62.
    const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
    value &= mask;
    if (value & half) value |= ~mask;
  }
  return static_cast<std::int64_t>(value);
}

}  // namespace smapi::contract
