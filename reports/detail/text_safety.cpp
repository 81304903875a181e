#include "reports/detail/text_safety.h"

#include <algorithm>
#include <cstdio>

namespace smapi::reports::detail {
namespace {

// One step through a byte string: the length of the character (or of the
// maximal invalid subsequence) starting at a position, and whether it is valid.
struct Step {
  std::size_t length;
  bool valid;
};

// Well-formed UTF-8 byte sequences, after the Unicode standard's table 3-7.
Step step_at(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned lead = byte(i);
  if (lead < 0x80) return {1, true};
  std::size_t trailing = 0;
  unsigned low = 0x80;
  unsigned high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    trailing = 1;
  } else if (lead == 0xE0) {
    trailing = 2;
    low = 0xA0;
  } else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) {
    trailing = 2;
  } else if (lead == 0xED) {
    trailing = 2;
    high = 0x9F;
  } else if (lead == 0xF0) {
    trailing = 3;
    low = 0x90;
  } else if (lead >= 0xF1 && lead <= 0xF3) {
    trailing = 3;
  } else if (lead == 0xF4) {
    trailing = 3;
    high = 0x8F;
  } else {
    return {1, false};
  }
  for (std::size_t k = 1; k <= trailing; ++k) {
    if (i + k >= s.size()) return {k, false};
    const unsigned next = byte(i + k);
    const unsigned lo = k == 1 ? low : 0x80;
    const unsigned hi = k == 1 ? high : 0xBF;
    if (next < lo || next > hi) return {k, false};
  }
  return {trailing + 1, true};
}

std::string hex_escape(unsigned char c) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(c));
  return buffer;
}

// Calls emit(piece) for each character of text, with U+FFFD for each invalid
// subsequence.
template <class Emit>
void for_each_char(std::string_view text, Emit emit) {
  for (std::size_t i = 0; i < text.size();) {
    const Step step = step_at(text, i);
    emit(step.valid ? text.substr(i, step.length) : kReplacementChar);
    i += step.length;
  }
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const Step step = step_at(text, i);
    if (!step.valid) return false;
    i += step.length;
  }
  return true;
}

SafeText make_safe(std::string_view raw, std::size_t limit) { return make_safe(raw, limit, {raw.size(), true}); }

SafeText make_safe(std::string_view raw, std::size_t limit, WholeField whole) {
  SafeText safe;
  safe.utf8_valid = whole.utf8_valid;
  std::size_t i = 0;
  for (; i < raw.size();) {
    const Step step = step_at(raw, i);
    const std::string_view piece = step.valid ? raw.substr(i, step.length) : kReplacementChar;
    if (safe.text.size() + piece.size() > limit) break;
    safe.text += piece;
    if (!step.valid) safe.utf8_valid = false;
    i += step.length;
  }
  // Only the bytes kept were read: the rest is counted, never scanned.
  const std::size_t size = std::max(whole.size, raw.size());
  if (i < size) {
    safe.omitted_bytes = size - i;
    safe.text += "\xE2\x80\xA6[";  // U+2026 HORIZONTAL ELLIPSIS
    safe.text += std::to_string(safe.omitted_bytes);
    safe.text += " bytes omitted]";
  }
  return safe;
}

std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for_each_char(text, [&](std::string_view piece) {
    if (piece.size() == 1) {
      const char c = piece[0];
      switch (c) {
        case '&': out += "&amp;"; return;
        case '<': out += "&lt;"; return;
        case '>': out += "&gt;"; return;
        case '"': out += attribute ? "&quot;" : "\""; return;
        case '\'': out += attribute ? "&apos;" : "'"; return;
        case '\t': out += attribute ? "&#9;" : "\t"; return;
        case '\n': out += attribute ? "&#10;" : "\n"; return;
        case '\r': out += "&#13;"; return;  // a bare CR would be normalised away
        default: break;
      }
      if (static_cast<unsigned char>(c) < 0x20) return;  // forbidden in XML 1.0
      out += c;
      return;
    }
    if (piece == "\xEF\xBF\xBE" || piece == "\xEF\xBF\xBF") return;  // U+FFFE, U+FFFF
    out += piece;
  });
  return out;
}

std::string show_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_char(text, [&](std::string_view piece) {
    const auto c = static_cast<unsigned char>(piece[0]);
    if (piece.size() == 1 && ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F))
      out += hex_escape(c);
    else
      out += piece;
  });
  return out;
}

std::string one_line(std::string_view text, std::size_t max_bytes) {
  const std::size_t newline = text.find_first_of("\r\n");
  bool cut = newline != std::string_view::npos && text.find_first_not_of("\r\n", newline) !=
                                                       std::string_view::npos;
  if (newline != std::string_view::npos) text = text.substr(0, newline);
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const Step step = step_at(text, i);
    std::string piece;
    const auto c = static_cast<unsigned char>(text[i]);
    if (!step.valid)
      piece = kReplacementChar;
    else if (step.length == 1 && (c < 0x20 || c == 0x7F))
      piece = hex_escape(c);
    else
      piece = text.substr(i, step.length);
    if (out.size() + piece.size() > max_bytes) {
      cut = true;
      break;
    }
    out += piece;
    i += step.length;
  }
  if (cut) out += "\xE2\x80\xA6";
  return out;
}

}  // namespace smapi::reports::detail
