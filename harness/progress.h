#pragma once
// The progress line smapi-conform shows on a terminal while a run goes on:
// one line on stderr, rewritten in place ("12/31 Plugin.query #4"), cleared
// when the run ends.

#include <cstddef>
#include <ostream>
#include <string_view>

namespace smapi::harness {

// Renders run progress as one updating line. Disabled, it writes nothing
// (stderr is not a terminal, or --quiet). Fits a line of
// kProgressLineWidth columns so it never wraps.
class ProgressLine {
 public:
  static constexpr std::size_t kProgressLineWidth = 79;

  ProgressLine(std::ostream& out, bool enabled) : out_(out), enabled_(enabled) {}
  ~ProgressLine() { clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Rewrites the line: "done/total label".
  void update(std::size_t done, std::size_t total, std::string_view label);
  // Erases the line, leaving the cursor at its start. Safe to call twice.
  void clear();

 private:
  std::ostream& out_;
  bool enabled_;
  bool shown_ = false;
};

// Whether stderr is a terminal (where a progress line belongs).
bool stderr_is_tty();

}  // namespace smapi::harness
