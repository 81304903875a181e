#pragma once
// The progress line of a fleet run on a terminal: how many plugins are done
// and which are running ("plugins 3/10 done, running: volume/a, volume/b"),
// redrawn in place as each starts and ends, and cleared at the end.

#include <cstddef>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::harness {

// The line's text, cut to `width` bytes (a name cut short ends in "...").
// Pure.
std::string fleet_progress_text(std::size_t done, std::size_t total, const std::vector<std::string>& running,
                                std::size_t width);

// Draws fleet_progress_text on `out`; disabled, it writes nothing (stderr is
// not a terminal, or --quiet). Thread-safe.
class FleetProgressLine {
 public:
  static constexpr std::size_t kWidth = 79;  // as ProgressLine: a line that never wraps

  FleetProgressLine(std::ostream& out, bool enabled, std::size_t total) : out_(out), enabled_(enabled), total_(total) {}
  ~FleetProgressLine() { clear(); }
  FleetProgressLine(const FleetProgressLine&) = delete;
  FleetProgressLine& operator=(const FleetProgressLine&) = delete;

  void started(std::string_view name);
  void finished(std::string_view name);
  // Erases the line; safe to call twice.
  void clear();

 private:
  void draw();  // with mutex_ held

  std::mutex mutex_;
  std::ostream& out_;
  bool enabled_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::vector<std::string> running_;  // in the order they started
  bool shown_ = false;
};

}  // namespace smapi::harness
