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

// "30s", or "2.5s" / "0.3s" for a timeout that is not whole seconds.
std::string seconds_text(std::chrono::milliseconds duration) {
  const auto ms = duration.count();
  if (ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + "s";
}

}  // namespace

void ProgressLine::started(std::size_t number, std::size_t total, std::string_view label) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  count_ = std::to_string(number) + "/" + std::to_string(total);
  label_ = printable(label);
  started_at_ = now_();
  running_ = true;
  draw(std::chrono::seconds(0));
}

void ProgressLine::tick() {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  if (!running_) return;
  const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now_() - started_at_);
  if (elapsed != drawn_) draw(elapsed);
}

void ProgressLine::draw(std::chrono::seconds elapsed) {
  const std::string time = " " + std::to_string(elapsed.count()) + "s/" + seconds_text(timeout_);
  const std::size_t fixed = count_.size() + 1 + time.size();
  const auto room = kProgressLineWidth > fixed ? kProgressLineWidth - fixed : 0;
  out_ << kRewind << count_ << ' ' << fit(label_, room) << time << std::flush;
  drawn_ = elapsed;
  shown_ = true;
}

void ProgressLine::clear() {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  running_ = false;
  if (!shown_) return;
  out_ << kRewind << std::flush;
  shown_ = false;
}

ProgressTicker::ProgressTicker(ProgressLine& line, std::chrono::milliseconds period)
    : thread_([this, &line, period] {
        std::unique_lock lock(mutex_);
        while (!wake_.wait_for(lock, period, [this] { return stopping_; })) line.tick();
      }) {}

ProgressTicker::~ProgressTicker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

bool stderr_is_tty() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace smapi::harness
