#pragma once
// The progress line smapi-conform shows on a terminal while a run goes on:
// one line on stderr, naming the call now running and how long it has run
// against the timeout ("3/31 Plugin.diagnostics 12s/30s"), redrawn in place
// about once a second, and cleared when the run ends.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>

namespace smapi::harness {

// Renders run progress as one updating line. Disabled, it writes nothing
// (stderr is not a terminal, or --quiet). Fits a line of
// kProgressLineWidth columns so it never wraps. Thread-safe: the run loop
// starts calls, a ProgressTicker redraws them.
class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::size_t kProgressLineWidth = 79;

  // `timeout` is the per-call timeout the line shows elapsed time against;
  // `now` is the clock (tests inject one).
  ProgressLine(std::ostream& out, bool enabled, std::chrono::milliseconds timeout,
               std::function<Clock::time_point()> now = Clock::now)
      : out_(out), enabled_(enabled), timeout_(timeout), now_(std::move(now)) {}
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Call number `number` of `total` has started: "number/total label 0s/30s".
  void started(std::size_t number, std::size_t total, std::string_view label);
  // Redraws the running call's elapsed time when it has grown by a whole
  // second since the line was drawn; otherwise writes nothing.
  void tick();
  // Erases the line, leaving the cursor at its start. Safe to call twice;
  // a tick after it draws nothing until the next call starts.
  void clear();

 private:
  void draw(std::chrono::seconds elapsed);  // with mutex_ held

  std::mutex mutex_;
  std::ostream& out_;
  bool enabled_;
  std::chrono::milliseconds timeout_;
  std::function<Clock::time_point()> now_;
  bool running_ = false;  // a call has started and the line was not cleared since
  bool shown_ = false;
  std::string count_;  // "3/31"
  std::string label_;
  Clock::time_point started_at_{};
  std::chrono::seconds drawn_{0};  // the elapsed time the line shows
};

// Calls ProgressLine::tick() every `period` on a thread of its own, until
// destroyed. The thread inherits the creating thread's signal mask: create
// it after stop_on_signals (harness/stop_signals.h).
class ProgressTicker {
 public:
  // How often the ticker looks at the clock; the line changes once a second.
  static constexpr std::chrono::milliseconds kTickPeriod{250};

  explicit ProgressTicker(ProgressLine& line, std::chrono::milliseconds period = kTickPeriod);
  ~ProgressTicker();
  ProgressTicker(const ProgressTicker&) = delete;
  ProgressTicker& operator=(const ProgressTicker&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// Whether stderr is a terminal (where a progress line belongs).
bool stderr_is_tty();

}  // namespace smapi::harness
