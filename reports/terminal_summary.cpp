#include "reports/terminal_summary.h"

#include "reports/detail/text_safety.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::reports {
namespace {

// The counts below are indexed by Outcome, in its declared order.
static_assert(static_cast<int>(suites::Outcome::pass) == 0 &&
              static_cast<int>(suites::Outcome::error) == 4);

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kBoldRed = "\x1b[1;31m";
constexpr std::string_view kBoldGreen = "\x1b[1;32m";
constexpr std::string_view kBoldYellow = "\x1b[1;33m";
constexpr std::string_view kDim = "\x1b[2m";

// Longest target shown in the header, in bytes.
constexpr std::size_t kTargetMaxBytes = 400;

std::string_view tag(suites::Outcome outcome) {
  switch (outcome) {
    case suites::Outcome::pass: return "PASS";
    case suites::Outcome::fail: return "FAIL";
    case suites::Outcome::warn: return "WARN";
    case suites::Outcome::skip: return "SKIP";
    case suites::Outcome::error: return "ERROR";
  }
  return "ERROR";
}

std::string_view tag_colour(suites::Outcome outcome) {
  switch (outcome) {
    case suites::Outcome::pass: return kGreen;
    case suites::Outcome::fail: return kRed;
    case suites::Outcome::warn: return kYellow;
    case suites::Outcome::skip: return kDim;
    case suites::Outcome::error: return kYellow;
  }
  return kYellow;
}

std::string padded(std::string_view text, std::size_t width) {
  std::string out(text);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

// One line on what xapi would make of the plugin (the view's summary and,
// for a Volume plugin, what xapi changes in its features); nothing when the
// view was not computed.
void print_xapi_view(std::ostream& out, const suites::XapiView& view) {
  if (view.summary.empty()) return;
  out << "xapi: " << detail::one_line(view.summary, kSummaryMessageMaxBytes);
  if (view.available && !view.registration_applies) {
    for (const auto& rename : view.renamed) out << "; " << detail::one_line(rename, 128);
    const auto listed = [&](std::string_view what, const std::vector<std::string>& texts) {
      if (texts.empty()) return;
      std::string joined;
      for (const auto& text : texts) joined += (joined.empty() ? "" : ", ") + text;
      out << "; " << what << ' ' << detail::one_line(joined, kSummaryMessageMaxBytes);
    };
    listed("drops", view.dropped);
    std::vector<std::string> clamped;
    for (const auto& feature : view.clamped) clamped.push_back(feature.text);
    listed("keeps at version 1", clamped);
    if (view.api_version_deprecated) out << "; API 3.0 is deprecated";
  }
  out << '\n';
}

}  // namespace

void print_summary(std::ostream& out, const suites::RunResult& run, bool colour) {
  const auto paint = [&](std::string_view code, std::string_view text) {
    if (!colour) return std::string(text);
    return std::string(code) + std::string(text) + std::string(kReset);
  };
  const auto& subject = run.observations.subject;
  out << "smapi-conform";
  if (!run.tool_version.empty()) out << ' ' << detail::one_line(run.tool_version, 64);
  out << ": " << detail::one_line(subject.target, kTargetMaxBytes) << " ("
      << suites::to_string(subject.kind) << ", " << suites::to_string(subject.transport)
      << ", profile " << suites::to_string(subject.profile) << ")\n";

  std::size_t id_width = 0;
  for (const auto& result : run.results)
    if (result.requirement && result.outcome != suites::Outcome::pass)
      id_width = std::max(id_width, result.requirement->id.size());

  std::array<std::size_t, 5> counts{};
  for (const auto& result : run.results) {
    ++counts[static_cast<std::size_t>(result.outcome)];
    if (result.outcome == suites::Outcome::pass) continue;
    const std::string_view id = result.requirement ? result.requirement->id : "UNKNOWN-REQUIREMENT";
    const std::string_view level =
        result.requirement ? suites::to_string(result.requirement->level) : "MUST";
    out << paint(tag_colour(result.outcome), padded(tag(result.outcome), 6)) << ' '
        << padded(detail::one_line(id, 128), id_width) << "  " << padded(level, 6) << "  "
        << detail::one_line(result.message, kSummaryMessageMaxBytes);
    if (result.waiver)
      out << " [waived: " << detail::one_line(result.waiver->ticket, 64) << " until "
          << detail::one_line(result.waiver->expires, 16) << ']';
    out << '\n';
  }

  out << run.results.size() << (run.results.size() == 1 ? " requirement: " : " requirements: ")
      << counts[static_cast<std::size_t>(suites::Outcome::pass)] << " pass, "
      << counts[static_cast<std::size_t>(suites::Outcome::fail)] << " fail, "
      << counts[static_cast<std::size_t>(suites::Outcome::warn)] << " warn, "
      << counts[static_cast<std::size_t>(suites::Outcome::skip)] << " skip, "
      << counts[static_cast<std::size_t>(suites::Outcome::error)] << " error\n";

  print_xapi_view(out, run.xapi_view);
  for (const auto& problem : run.waiver_problems)
    out << "waiver: " << detail::one_line(problem.id, 128) << ' '
        << detail::one_line(problem.detail, kSummaryMessageMaxBytes) << '\n';

  if (run.interruption)
    out << "interrupted: " << suites::signal_name(run.interruption->signal) << " after "
        << run.interruption->calls_made << " of " << run.interruption->calls_planned
        << " calls; a requirement they did not settle is a skip, \"not run\"\n";
  std::string_view verdict_colour = kBoldYellow;
  if (run.verdict == suites::Verdict::conformant) verdict_colour = kBoldGreen;
  if (run.verdict == suites::Verdict::non_conformant) verdict_colour = kBoldRed;
  out << "verdict: " << paint(verdict_colour, suites::to_string(run.verdict)) << '\n';
}

bool colour_allowed(bool is_terminal, const char* no_color, const char* term) {
  if (!is_terminal) return false;
  if (no_color != nullptr && no_color[0] != '\0') return false;
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
  return true;
}

bool stdout_is_tty() {
  return colour_allowed(::isatty(STDOUT_FILENO) == 1, std::getenv("NO_COLOR"),
                        std::getenv("TERM"));
}

}  // namespace smapi::reports
