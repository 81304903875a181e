#include "harness/progress.h"

#include "contract/utf8.h"

#include <unistd.h>

#include <string>

namespace smapi::harness {
namespace {

// Carriage return, then "erase to end of line" (ANSI EL).
constexpr std::string_view kRewind = "\r\x1b[K";

// `text` cut to at most `width` bytes without splitting a UTF-8 sequence.
std::string_view fit(std::string_view text, std::size_t width) {
  return text.substr(0, contract::utf8_boundary(text, width));
}

// Control characters would break the line: show them as '?'.
std::string printable(std::string_view text) {
  std::string shown(text);
  for (auto& c : shown)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  return shown;
}

}  // namespace

void ProgressLine::update(std::size_t done, std::size_t total, std::string_view label) {
  if (!enabled_) return;
  const std::string count = std::to_string(done) + "/" + std::to_string(total) + " ";
  const auto room = kProgressLineWidth > count.size() ? kProgressLineWidth - count.size() : 0;
  out_ << kRewind << count << fit(printable(label), room) << std::flush;
  shown_ = true;
}

void ProgressLine::clear() {
  if (!enabled_ || !shown_) return;
  out_ << kRewind << std::flush;
  shown_ = false;
}

bool stderr_is_tty() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace smapi::harness
