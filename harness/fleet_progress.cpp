#include "harness/fleet_progress.h"

#include "contract/utf8.h"

#include <algorithm>

namespace smapi::harness {
namespace {

// Carriage return, then "erase to end of line" (ANSI EL), as ProgressLine.
constexpr std::string_view kRewind = "\r\x1b[K";
constexpr std::string_view kCut = "...";

// Control characters would break the line: show them as '?'.
std::string printable(std::string_view text) {
  std::string shown(text);
  for (auto& c : shown)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  return shown;
}

}  // namespace

std::string fleet_progress_text(std::size_t done, std::size_t total, const std::vector<std::string>& running,
                                std::size_t width) {
  std::string text = "plugins " + std::to_string(done) + "/" + std::to_string(total) + " done";
  for (std::size_t i = 0; i < running.size(); ++i) text += (i ? ", " : ", running: ") + printable(running[i]);
  if (text.size() <= width) return text;
  if (width <= kCut.size()) return text.substr(0, contract::utf8_boundary(text, width));
  text.resize(contract::utf8_boundary(text, width - kCut.size()));
  return text + std::string(kCut);
}

void FleetProgressLine::started(std::string_view name) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  running_.emplace_back(name);
  draw();
}

void FleetProgressLine::finished(std::string_view name) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  if (const auto it = std::find(running_.begin(), running_.end(), name); it != running_.end()) running_.erase(it);
  ++done_;
  draw();
}

void FleetProgressLine::clear() {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  if (shown_) out_ << kRewind << std::flush;
  shown_ = false;
}

void FleetProgressLine::draw() {
  out_ << kRewind << fleet_progress_text(done_, total_, running_, kWidth) << std::flush;
  shown_ = true;
}

}  // namespace smapi::harness
