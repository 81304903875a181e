#pragma once
// `smapi-conform diff OLD.json NEW.json`: what changed between two runs'
// report.json files (reports/json_report.h, schema_version 1 to 3), for CI
// gates. Regressions: a requirement that was pass, skip or warn and is now
// fail or error (not covered by a waiver); a requirement that vanished; a
// verdict that got worse. Fixes: fail or error before, pass, skip, warn or
// waived now. Exit status 1 on any regression,
// 0 otherwise, 2 when a file cannot be read (the message names the file and
// the JSON path). Reading and comparing are pure.

#include <cstddef>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace smapi::harness {

// Largest report.json read, in bytes.
inline constexpr std::size_t kMaxDiffReportBytes = 256 * 1024 * 1024;
// Deepest JSON nesting accepted in a report (the schema needs 6).
inline constexpr std::size_t kMaxDiffReportDepth = 64;
// The report schema_versions diff understands: each has summary.verdict and
// results[].id / .outcome; version 2 adds results[].waiver; version 3 adds
// catalogue_version and each result's consequence and citation; version 4
// cites calls by id (diff reads none of them).
inline constexpr int kOldestDiffSchemaVersion = 1;
inline constexpr int kNewestDiffSchemaVersion = 4;

// A report that cannot be compared; the message names the file and the JSON
// path ("old.json: $.results[2].outcome: expected one of pass, fail, ...").
class ReportReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What diff needs from a report: the verdict, each requirement's outcome,
// and what was judged how (to warn when two reports judge different things).
struct ReportOutcomes {
  std::string verdict;  // "conformant", "non-conformant", "inconclusive"
  // subject.target / .transport / .profile (or the top-level copies); "" when absent.
  std::string target, transport, profile;
  struct Entry {
    std::string id;
    std::string outcome;  // "pass", "fail", "warn", "skip", "error"
    bool waived = false;  // a waiver covered it (schema 2 "waiver" not null)
  };
  std::vector<Entry> results;  // in report order
};

// Reads a report.json text; `source` names it in errors.
ReportOutcomes parse_report_outcomes(std::string_view text, std::string_view source);

struct ReportDiff {
  struct Change {
    std::string id;
    std::string before;  // "" when the requirement is new; "fail (waived)" when waived
    std::string after;   // "" when it vanished
  };
  std::vector<Change> regressions;
  std::vector<Change> fixes;
  std::vector<Change> other_changes;  // e.g. pass -> warn, new requirements
  std::string verdict_before, verdict_after;
  bool verdict_worse = false;
  // "the reports judge different targets: A (old) and B (new)", one per
  // differing target, transport or profile: the comparison may mean little.
  std::vector<std::string> warnings;

  bool regressed() const { return !regressions.empty() || verdict_worse; }
};

ReportDiff compare_reports(const ReportOutcomes& before, const ReportOutcomes& after);

// The diff as text, one line per change, ending with a one-line summary
// whose counts are those of the lines above it (a worse verdict is one of
// the regressions, another changed verdict one of the other changes).
std::string render_diff(const ReportDiff& diff);

// `diff OLD.json NEW.json` (diff_table()): prints to out (warnings and errors
// to err), returns the exit status. Throws UsageError for bad arguments.
int diff_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace smapi::harness
